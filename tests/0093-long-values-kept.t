#!/bin/sh
# Long values are never cut where they are kept or compared: a unit's
# name, a reason read back from the ledger is whole (a fixed buffer of
# 200 bytes once cut them, so that a reversal naming the unit was refused
# as "of unit ..., not ..." and revisions kept the cut names); a message
# quotes a long value abbreviated, saying so.  Values of 中 (three bytes)
# and of ASCII, so that a cut could fall inside a character or not.
. "$(dirname "$0")/lib.sh"

H="file${TAB}kind${TAB}rows${TAB}inserted${TAB}updated${TAB}unchanged${TAB}rejected${TAB}skipped"
zh() {	# zh N: N times 中
	awk -v n="$1" 'BEGIN { while (n-- > 0) printf "中"; }'
}
u=$(zh 100)-$(printf '%030d' 1)		# 331 bytes
u2=$(zh 100)-$(printf '%030d' 2)	# the same first 330 bytes
ushown="$(zh 66)…"			# abbr_v's first 198 bytes
why=$(zh 230)				# 690 bytes

printf 'unit\towner\n%s\t张三\n%s\t李四\n' "$u" "$u2" >units.tsv
printf 'ref\tunit\tdate\tamount\tmethod\n' >pay.tsv
printf 'P1\t%s\t2026-03-15\t100.00\tcash\n' "$u" >>pay.tsv
printf 'P2\t%s\t2026-03-16\t50.00\tcash\n' "$u" >>pay.tsv
dun-import -d l.db units.tsv pay.tsv >/dev/null 2>&1
ok $? "a ledger with payments of units of 331 bytes"

# ---- a reversal that names the payment's unit --------------------------
check 0 "$H
command line${TAB}reversal${TAB}1${TAB}1${TAB}0${TAB}0${TAB}0${TAB}0" "" \
    "a reversal naming the payment's unit of 331 bytes is loaded" -- \
    dun-import -d l.db -k reversal ref=P1 unit="$u" date=2026-03-20 \
    reason="$why"
check 1 "" "dun-import: command line:1: unit: payment P2 is of unit $ushown (331 bytes, abbreviated), not $ushown (331 bytes, abbreviated)
dun-import: 1 bad row: nothing was imported (--skip-bad loads the good ones)" \
    "one naming another unit with the same first 330 bytes is refused" -- \
    dun-import -d l.db -k reversal ref=P2 unit="$u2" date=2026-03-20 reason=x

# ---- the reason read back whole ----------------------------------------
check 1 "" "dun-import: command line:1: ref: reversal of payment P1 is 2026-03-20 \"$ushown\" (690 bytes, abbreviated) in the ledger, here 2026-03-21 \"$ushown\" (693 bytes, abbreviated) (--replace changes it)
dun-import: 1 bad row: nothing was imported (--skip-bad loads the good ones)" \
    "a reason of 690 bytes, another given: the conflict says both lengths" -- \
    dun-import -d l.db -k reversal ref=P1 date=2026-03-21 reason="${why}中"
dun-import -d l.db -r -k reversal ref=P1 date=2026-03-21 \
    reason="${why}中" >/dev/null 2>&1
ok $? "replaced"
is "$(sql l.db "SELECT old = '2026-03-20 $why' AND new = '2026-03-21 ${why}中'
    FROM revisions WHERE kind = 'reversal'")" 1 \
    "  revisions keep both reasons whole"

# ---- a payment again, another amount or method ---------------------------
printf 'ref\tunit\tdate\tamount\tmethod\nP2\t%s\t2026-03-16\t60.00\tcash\n' \
    "$u" >pay2.tsv
check 1 "" "dun-import: pay2.tsv:2: ref: payment P2 is $ushown (331 bytes, abbreviated) 2026-03-16 50.00 in the ledger, here $ushown (331 bytes, abbreviated) 2026-03-16 60.00 (--replace changes it)
dun-import: 1 bad row: nothing was imported (--skip-bad loads the good ones)" \
    "a payment of another amount: the conflict names the ledger's unit" -- \
    dun-import -d l.db pay2.tsv
printf 'ref\tunit\tdate\tamount\tmethod\nP2\t%s\t2026-03-16\t50.00\twechat\n' \
    "$u" >pay3.tsv
check 1 "" "dun-import: pay3.tsv:2: ref: payment P2 is $ushown (331 bytes, abbreviated) 2026-03-16 50.00 in the ledger, here $ushown (331 bytes, abbreviated) 2026-03-16 50.00 with another fee, period or note (--replace changes it)
dun-import: 1 bad row: nothing was imported (--skip-bad loads the good ones)" \
    "  of another method: the same unit, the difference elsewhere" -- \
    dun-import -d l.db pay3.tsv
dun-import -d l.db -r pay2.tsv >/dev/null 2>&1
ok $? "  replaced"
is "$(sql l.db "SELECT old = '$u 2026-03-16 50.00' AND
    new = '$u 2026-03-16 60.00' FROM revisions WHERE kind = 'payment'")" 1 \
    "  revisions keep the unit's name whole"

# ---- a receipt's lines of two units --------------------------------------
printf 'ref\tunit\tdate\tamount\tfee\n' >rec.tsv
printf 'R1\t%s\t2026-04-01\t10.00\tmanagement\n' "$u" >>rec.tsv
printf 'R1\t%s\t2026-04-01\t10.00\twater\n' "$u2" >>rec.tsv
check 1 "" "dun-import: rec.tsv:3: ref: receipt R1 is for $ushown (331 bytes, abbreviated) on 2026-04-01 in the rows above, here for $ushown (331 bytes, abbreviated) on 2026-04-01: one receipt is one payment, of one unit on one day
dun-import: 1 bad row: nothing was imported (--skip-bad loads the good ones)" \
    "a receipt's lines of two units" -- \
    dun-import -d l.db rec.tsv

# ---- a template of a stage of 155 bytes ---------------------------------
# Its file's name was read into 128 bytes and the template refused as
# "not a template".
stage=stage$(printf '%0150d' 7)
mkdir tpl
for ch in sms email letter phone visit legal; do
	printf 'Notice\n\nDear {{owner}}, you owe {{total}}.\n' \
	    >"tpl/$stage.$ch.en"
done
{ echo "$company"; printf 'notice:\n  language: en\n  templates: tpl\n'
  printf 'ladder:\n  - name: %s\n    channel: sms\n    days: -7\n' "$stage"
  printf 'classes:\n  - name: all\n    when: "true"\n'; } >tpl.yaml
printf 'unit\tfee\tperiod\tdue\tamount\n' >none.tsv
printf 'ref\tunit\tdate\tamount\n' >nopay.tsv
dun-age -c tpl.yaml -t 2026-11-20 -C none.tsv -P nopay.tsv >aged.tsv &&
    dun-classify -c tpl.yaml -t 2026-11-20 aged.tsv >cl.tsv
ok $? "a ladder of one stage of 155 bytes"
check 0 "notice${TAB}unit${TAB}stage${TAB}channel${TAB}date${TAB}to${TAB}file${TAB}sha256${TAB}reason" \
    "dun-notice: 0 notices rendered, none recorded (dry run), in nt" \
    "  its templates are taken" -- \
    dun-notice -n -c tpl.yaml -d l.db -o nt -t 2026-11-20 cl.tsv

# ---- a chart's series of long names -------------------------------------
# Two estates whose names share their first 90 bytes: the rates' chart
# has a line each and the total's, and its legend names them whole (the
# names were kept in 64 bytes, and no row found its series again).
p=$(awk 'BEGIN { while (i++ < 30) printf "园" }')
printf 'unit\testate\nA-1\t%s东\nB-1\t%s西\n' "$p" "$p" >eu.tsv
printf 'unit\tfee\tperiod\tdue\tamount\n' >ec.tsv
for u in A-1 B-1; do
	printf '%s\tmanagement\t2026-%s\t2026-%s\t100.00\n' $u 01 01-31 \
	    $u 02 02-28 >>ec.tsv
done
printf 'ref\tunit\tdate\tamount\nP1\tA-1\t2026-02-10\t100.00\n' >ep.tsv
dun-import -d r.db eu.tsv ec.tsv ep.tsv >/dev/null 2>&1 &&
    dun-report -d r.db -f html -k rates -g estate -t 2026-03-31 \
    --from 2026-01-01 </dev/null >r.html
ok $? "a report of rates by estate, as HTML"
is "$(grep -c '<polyline' r.html)" 3 "  its chart has three lines"
is "$(sed -n 's/.*<text x="[0-9.]*" y="287.0">\([^<]*\)<\/text>.*/\1/p' r.html)" \
    "${p}东
${p}西
合计" "  named whole in its legend"

done_testing

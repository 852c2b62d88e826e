#!/bin/sh
# dun-import -k reversal: a cheque that bounced or a row entered wrongly is
# cancelled as if it had never been made, and both are kept.  dun-age from
# the ledger is then byte for byte what it is on a ledger loaded without
# the payment; dun-age -R from files the same; refused reversals leave the
# ledger as it was; the evidence pack shows both; rates do not count it.
. "$(dirname "$0")/lib.sh"

H="file${TAB}kind${TAB}rows${TAB}inserted${TAB}updated${TAB}unchanged${TAB}rejected${TAB}skipped"
row() { printf '%s\t' "$@" | sed 's/\t$//'; }
day() { sql "$1" "SELECT CAST(julianday('$2') - 2440587.5 AS INTEGER)"; }
# A reminder issued in the episode that began with January's due date.
notice() {
	sql "$1" "INSERT INTO notices (notice, unit_id, stage, channel,
	    episode, date, time) VALUES ('N1', (SELECT id FROM units WHERE
	    unit = '3-1201'), 'reminder', 'sms', $(day "$1" 2026-01-31),
	    $(day "$1" 2026-02-20), 'x')"
}

cat >units.tsv <<'E'
unit	owner
3-1201	张三
3-1202	李四
E
cat >bills.tsv <<'E'
unit	fee	period	due	amount
3-1201	management	2026-01	2026-01-31	1000.00
3-1201	management	2026-02	2026-02-28	1000.00
3-1202	management	2026-01	2026-01-31	500.00
3-1202	management	2026-02	2026-02-28	500.00
E
# P2 is a part payment that stands.  P1, the cheque that bounces, is the
# unit's latest payment: it restarts the limitation period on 03-15, pays
# January off, so that the episode would begin with February, and stops
# January's late fee.
cat >pay.tsv <<'E'
ref	unit	date	amount	method
P2	3-1201	2026-02-10	200.00	wechat
P1	3-1201	2026-03-15	1000.00	cheque
P3	3-1202	2026-04-01	100.00	cash
E
# W1 waives 300.00 of 3-1202's January, and was entered wrongly.
cat >adj.tsv <<'E'
ref	unit	date	amount	fee	period	reason
W1	3-1202	2026-04-02	300.00	management	2026-01	维修期间减免
E
grep -v '^P1' pay.tsv >pay0.tsv
cat >rev.tsv <<'E'
ref	date	reason
P1	2026-03-20	退票：存款不足
E

# a.db gets P1 and W1 and then their reversals; b.db never had them.
dun-import -d a.db units.tsv bills.tsv pay.tsv adj.tsv >/dev/null 2>&1 &&
    notice a.db
ok $? "a.db: with P1 and W1"
dun-import -d b.db units.tsv bills.tsv pay0.tsv >/dev/null 2>&1 &&
    notice b.db
ok $? "b.db: without them"

dun-age -a -t 2026-11-20 -d b.db >b.out 2>b.err
ok $? "dun-age on b.db"
dun-age -a -t 2026-11-20 -d a.db >a.out 2>a.err
SEP=' ' cols "unit late_fee limitation_date episode_start notices" a.out >a.cols
SEP=' ' cols "unit late_fee limitation_date episode_start notices" b.out >b.cols
# With P1, January is paid off on 03-15: the episode begins with February
# (and the reminder of January's episode is not its), and the limitation
# period runs from the payment; without it, from P2 of 02-10, three years
# on a Saturday, so the Monday.
is "$(cat a.cols)" "3-1201 26.09 2029-03-15 2026-02-28 0
3-1202 19.89 2029-04-02 2026-01-31 0" "before the reversals, P1 and W1 count"
is "$(cat b.cols)" "3-1201 53.58 2029-02-12 2026-01-31 1
3-1202 27.32 2029-04-02 2026-01-31 0" "without them the units owe more, for longer"

# ---- a reversal is loaded ------------------------------------------------
printf 'ref\tdate\treason\tamount\nP1\t2026-03-20\tx\t1000\n' >revu.tsv
check 1 "" "dun-import: revu.tsv:1: cannot tell what its rows are from the header; say -k unit, charge, payment, adjustment, event or reversal
dun-import: nothing was imported" \
    "a header with more than ref, date and reason is not taken for reversals" -- \
    dun-import -d a.db revu.tsv
check 0 "$H
$(row rev.tsv reversal 1 1 0 0 0 0)" "" "a bounced cheque, from a file" -- \
    dun-import -d a.db rev.tsv
check 0 "$H
$(row 'command line' reversal 1 1 0 0 0 0)" "" "a waiver entered wrongly, typed" -- \
    dun-import -d a.db -k reversal ref=W1 date=2026-06-01 reason=录入错误
is "$(sql a.db "SELECT ref, date(date * 86400, 'unixepoch'), reason FROM reversals ORDER BY id")" \
"P1|2026-03-20|退票：存款不足
W1|2026-06-01|录入错误" "the ledger has the reversals"
is "$(sql a.db "SELECT ref FROM payments ORDER BY ref; SELECT ref FROM adjustments")" \
"P1
P2
P3
W1" "and keeps what they reversed"
is "$(sql a.db "SELECT kind FROM imports ORDER BY id DESC LIMIT 2")" "reversal
reversal" "each reversal's import is recorded"

printf '原流水号,退票日期,退票原因,备注\r\nP1,2026/3/20,退票：存款不足,x\r\n' >退票.csv
check 0 "$H
$(row 退票.csv reversal 1 0 0 1 0 0)" "dun-import: 退票.csv: ignoring column 备注" \
    "a bank's list of bounced cheques, with Chinese headers" -- \
    dun-import -d a.db 退票.csv

# ---- the key property: as if they had never been made ----------------------
dun-age -a -t 2026-11-20 -d a.db >a.out 2>a.err
ok $? "dun-age on a.db"
cmp -s a.out b.out
ok $? "dun-age: byte for byte as without P1 and W1 (late_fee, limitation_date, episode_start, days, notices)"
[ -s a.out ] && [ "$(wc -l <a.out)" -eq 3 ] &&
    [ "$(cat a.err)" = "$(age_note 2029)" ]
ok $? "  two units, nothing on stderr but that 2029's holidays are not known"
dun-age -t 2026-11-20 -d a.db -u 3-1201 >a1.out 2>&1
dun-age -t 2026-11-20 -d b.db -u 3-1201 >b1.out 2>&1
cmp -s a1.out b1.out
ok $? "  and for one unit"
for d in 2026-03-31 2026-05-31; do
	dun-age -a -t $d -d a.db >a2.out 2>&1
	dun-age -a -t $d -d b.db >b2.out 2>&1
	cmp -s a2.out b2.out
	ok $? "  and as of $d, before the reversal's date"
done

# ---- what is refused, and leaves the ledger as it was -----------------------
before=$(dump_sum a.db)
check 1 "" 'dun-import: command line:1: ref: no payment or adjustment "P9" in the ledger
dun-import: 1 bad row: nothing was imported (--skip-bad loads the good ones)' \
    "an unknown ref" -- dun-import -d a.db -k reversal ref=P9 date=2026-06-01 reason=x
is "$(dump_sum a.db)" "$before" "  the ledger is unchanged"
cat >bad.tsv <<'E'
ref	date	reason
P3	2026-06-01	退票
P9	2026-06-01	退票
P3	2026-06-02	退票
P2	2026-02-09	录错
W1	2026-06-01	录错
	2026-06-01	x
P3	2026-13-01	x
P3	2026-06-01	
E
check 1 "" 'dun-import: bad.tsv:3: ref: no payment or adjustment "P9" in the ledger
dun-import: bad.tsv:4: ref: reversal of payment P3 is 2026-06-01 "退票" in the rows above, here 2026-06-02 "退票" (--replace changes it)
dun-import: bad.tsv:5: date: is before the date of payment P2, 2026-02-10
dun-import: bad.tsv:6: ref: reversal of adjustment W1 is 2026-06-01 "录入错误" in the ledger, here 2026-06-01 "录错" (--replace changes it)
dun-import: bad.tsv:7: ref: is empty
dun-import: bad.tsv:8: date: "2026-13-01" has month 13: months are 1 to 12
dun-import: bad.tsv:9: reason: is empty
dun-import: 7 bad rows: nothing was imported (--skip-bad loads the good ones)' \
    "every reason to refuse a reversal" -- dun-import -d a.db -k reversal bad.tsv
is "$(dump_sum a.db)" "$before" "  the ledger is unchanged"
check 1 "" 'dun-import: command line:1: unit: payment P3 is of unit 3-1202, not 3-1201
dun-import: 1 bad row: nothing was imported (--skip-bad loads the good ones)' \
    "a unit, if given, must be the payment's" -- \
    dun-import -d a.db -k reversal ref=P3 unit=3-1201 date=2026-06-01 reason=x

# ---- again: unchanged; otherwise --replace ------------------------------
check 0 "$H
$(row rev.tsv reversal 1 0 0 1 0 1)" "" "the same file again is passed over" -- \
    dun-import -d a.db rev.tsv
check 0 "$H
$(row rev.tsv reversal 1 0 0 1 0 0)" "" "the same reversal read again (--replace) is unchanged" -- \
    dun-import -r -d a.db rev.tsv
is "$(dump_sum a.db)" "$before" "  the ledger is unchanged"
printf 'ref\tdate\treason\nP1\t2026-03-21\t退票\n' >rev2.tsv
check 1 "" 'dun-import: rev2.tsv:2: ref: reversal of payment P1 is 2026-03-20 "退票：存款不足" in the ledger, here 2026-03-21 "退票" (--replace changes it)
dun-import: 1 bad row: nothing was imported (--skip-bad loads the good ones)' \
    "another date or reason is a conflict" -- dun-import -d a.db rev2.tsv
check 0 "$H
$(row rev2.tsv reversal 1 0 1 0 0 0)" "" "--replace changes it" -- \
    dun-import -d a.db -r rev2.tsv
is "$(sql a.db "SELECT kind, key, old, new FROM revisions")" \
    "reversal|P1|2026-03-20 退票：存款不足|2026-03-21 退票" "  and keeps the old one in revisions"
dun-age -a -t 2026-11-20 -d a.db >a.out 2>a.err
cmp -s a.out b.out
ok $? "  P1 stays reversed"

# ---- a ref both kinds have ---------------------------------------------------
sql a.db ".backup c.db"
printf 'ref\tunit\tdate\tamount\treason\nP2\t3-1201\t2026-02-11\t5.00\t重复编号\n' >dup.tsv
dun-import -d c.db dup.tsv >/dev/null 2>&1
ok $? "an adjustment with a payment's ref"
check 1 "" 'dun-import: command line:1: ref: "P2" is both a payment and an adjustment in the ledger: which to reverse cannot be told
dun-import: 1 bad row: nothing was imported (--skip-bad loads the good ones)' \
    "cannot be reversed" -- dun-import -d c.db -k reversal ref=P2 date=2026-06-01 reason=x

# ---- payments and their reversal in one run, the reversal named first -----
check 0 "$H
$(row rev.tsv reversal 1 1 0 0 0 0)
$(row units.tsv unit 2 2 0 0 0 0)
$(row bills.tsv charge 4 4 0 0 0 0)
$(row pay.tsv payment 3 3 0 0 0 0)" "" "one run: reversals load after payments" -- \
    dun-import -d d.db rev.tsv units.tsv bills.tsv pay.tsv
is "$(sql d.db "SELECT count(*) FROM reversals")" 1 "  the reversal is in"

# ---- dun-age from files: -R -----------------------------------------------
cat >p.tsv <<'E'
unit	ref	date	amount
3-1201	P2	2026-02-10	200.00
3-1201	P1	2026-03-15	1000.00
3-1202	P3	2026-04-01	100.00
E
cat >w.tsv <<'E'
unit	ref	date	amount	fee	period	reason
3-1202	W1	2026-04-02	300.00	management	2026-01	维修期间减免
E
printf 'ref\tdate\treason\nP1\t2026-03-20\t退票\nW1\t2026-06-01\t录错\n' >r.tsv
grep -v P1 p.tsv >p0.tsv
printf 'unit\tnotice\tstage\tdate\tepisode\n3-1201\tN1\treminder\t2026-02-20\t2026-01-31\n' >n.tsv
dun-age -a -t 2026-11-20 -U units.tsv -C bills.tsv -P p0.tsv -N n.tsv >f0.out 2>f0.err
ok $? "dun-age from files, without P1 and W1"
cmp -s f0.out b.out
ok $? "  as from the ledger"
check 0 "$(cat b.out)" "$(age_note 2029)" "-R: the files' reversals leave them out" -- \
    dun-age -a -t 2026-11-20 -U units.tsv -C bills.tsv -P p.tsv -A w.tsv \
    -N n.tsv -R r.tsv
sort -r p.tsv >p-unsorted.tsv
check 0 "$(cat b.out)" "$(age_note 2029)" "  files not sorted too" -- \
    dun-age -a -t 2026-11-20 -U units.tsv -C bills.tsv -P p-unsorted.tsv \
    -A w.tsv -N n.tsv -R r.tsv
printf 'ref\tdate\treason\nP1\t2026-03-20\t退票\nP9\t2026-03-20\t退票\nW1\t2026-03-01\tx\n' >r2.tsv
run dun-age -a -t 2026-11-20 -U units.tsv -C bills.tsv -P p.tsv -A w.tsv -R r2.tsv
is_rc 1 "-R: bad reversals"
is_err 'dun-age: r2.tsv:4: date: is before the date of adjustment W1, 2026-04-02
dun-age: r2.tsv:3: ref: no payment or adjustment "P9" in p.tsv or w.tsv
'"$(age_note 2029)" "  are reported"
is "$(cut -f1 out)" "unit
3-1201" "  and the unit of a reversal that cannot stand is left out"
sed 's/1000.00/10OO.00/' p.tsv >pbad.tsv
run dun-age -a -t 2026-11-20 -U units.tsv -C bills.tsv -P pbad.tsv -A w.tsv -R r.tsv
is "$rc:$(cat err)" '1:dun-age: pbad.tsv:3: amount: "10OO.00" is not an amount
'"$(age_note 2029)" \
    "-R: a reversed row that is bad is reported once"
printf 'unit\tdate\tamount\n3-1201\t2026-03-15\t1000.00\n' >noref.tsv
check 1 "" "dun-age: noref.tsv:1: ref: no such column (the reversals name payments and adjustments by it)" \
    "-R needs the payments' refs" -- \
    dun-age -t 2026-11-20 -C bills.tsv -P noref.tsv -R r.tsv

# ---- reports: the evidence pack, rates ---------------------------------------
export DUN_TODAY=2026-11-20
run dun-report -d a.db -u 3-1201 -p ev.pdf --no-mask
is "$rc:$(cat err)" "0:$(age_note 2029 dun-report)
dun-report: evidence pack: ev.pdf" "the evidence pack of 3-1201"
is "$(awk -F'\t' '$1 == "payment" { print $2, $3, $4, $5, $12 }' out)" \
"2026-02-10 P2 付款 200.00 物业管理费 2026-01 200.00 (wechat)
2026-03-15 P1 付款 1000.00 cheque; 已冲正，不计入
2026-03-21 P1 冲正 -1000.00 于 2026-03-21 冲正：退票" \
    "  shows the payment and its reversal"
is "$(awk -F'\t' '$1 == "restart" { print $2, $3, $4 }' out)" \
    "2026-02-10 P2 部分付款" "  and only the payment that stands restarted the limitation period"
grep -q "rev2.tsv" out
ok $? "  and the reversal's file among its sources"
printf 'notice:\n  language: en\n' >en.yaml
run dun-report -c en.yaml -d a.db -u 3-1202 -p ev2.pdf
is "$(awk -F'\t' '$1 == "adjustment" { print $2, $3, $4, $5, $12 }' out)" \
"2026-04-02 W1 management 300.00 维修期间减免; reversed: not counted
2026-06-01 W1 reversal -300.00 reversed on 2026-06-01: 录入错误" \
    "  an adjustment's reversal, in English"
for db in a b; do
	dun-report -d $db.db -k rates -g none --from 2026-01-01 --to 2026-04-30 \
	    >rates.$db 2>&1
done
cmp -s rates.a rates.b
ok $? "rates do not count the reversed payment nor the reversed waiver"
is "$(cut -f1,3 rates.a | sed -n 4p)" "2026-03${TAB}0.00" \
    "  nothing was collected in March"
for db in a b; do
	dun-report -d $db.db -k collectors,trend -g none --from 2026-03-01 \
	    --to 2026-03-31 >coll.$db 2>&1
done
cmp -s coll.a coll.b
ok $? "  nor do the collectors' table and the trend"
done_testing

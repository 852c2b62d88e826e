#!/bin/sh
# Long values in messages: a value of several KB in an error is
# abbreviated at a character's start, with "…" and its length, never cut
# inside a character or silently; an explanation (dun-classify -x) holds
# it whole.  Values of 中, three bytes each, put each cut on trial.
. "$(dirname "$0")/lib.sh"

zh() {	# zh N: N times 中
	awk -v n="$1" 'BEGIN { while (n-- > 0) printf "中"; }'
}
v=$(zh 2000)		# 6000 bytes
cut=$(zh 66)		# the first 198 of them, at most 200 kept

# A config's value, and a key of a fee in the path to it.
printf 'unit\tfee\tperiod\tdue\tamount\n' >none.tsv
printf 'ref\tunit\tdate\tamount\n' >nopay.tsv
printf 'contact:\n  min_gap_days: %s\n' "$v" >long.yaml
check 2 '' "dun-age: long.yaml:2:17: contact.min_gap_days: \"$cut…\" (6000 bytes, abbreviated) is not a whole number" \
    'a config value of 6000 bytes' -- \
    dun-age -c long.yaml -t 2026-11-20 -C none.tsv -P nopay.tsv
printf 'fees:\n  %s:\n    late_fee:\n      method: weekly\n' "$(zh 330)" \
    >key.yaml
check 2 '' "dun-age: key.yaml:4:15: fees.$(zh 65)… (1011 bytes, abbreviated): \"weekly\" is not one of none, daily, monthly or flat" \
    'a path to a value through a key of 990 bytes' -- \
    dun-age -c key.yaml -t 2026-11-20 -C none.tsv -P nopay.tsv

# A key given twice, of 330 bytes (once cut at 200 bytes inside a
# character, its closing quote lost).
printf 'fees:\n  %s:\n    late_fee: {method: none}\n  %s:\n    late_fee: {method: none}\n' \
    "$(zh 110)" "$(zh 110)" >dup.yaml
check 2 '' "dun-age: dup.yaml:4:3: key \"$cut…\" (330 bytes, abbreviated) appears twice" \
    'a key of 330 bytes twice' -- \
    dun-age -c dup.yaml -t 2026-11-20 -C none.tsv -P nopay.tsv
# A class's rule with a number of 300 digits: both abbreviated, the
# message whole.
n=$(awk 'BEGIN { while (i++ < 300) printf "9"; }')
printf 'classes:\n  - name: x\n    when: balance > %s\n' "$n" >rule.yaml
check 2 '' "dun-classify: rule.yaml:3:21: classes[0].when: \"$(printf '%.200s' "$n")…\" (300 bytes, abbreviated) is not a number (in \"balance > $(printf '%.190s' "$n")…\" (310 bytes, abbreviated), at character 11)" \
    'a rule with a number of 300 digits' -- \
    dun-classify -c rule.yaml -t 2026-11-20 /dev/null

# An encoding's name of 44 bytes, as iconv takes it (cut at 31 once).
printf 'unit\n\377\376\n' >bytes.tsv
enc=ANSI_X3.4-1968//TRANSLIT//TRANSLIT//TRANSLIT
check 1 '' "dun-import: bytes.tsv:2: is not valid $enc text" \
    'an encoding of 44 bytes named whole' -- \
    dun-import -n -d l.db -k unit -e "$enc" bytes.tsv

# Columns ignored: 100 of them, some 1,900 bytes, all named (the list
# was cut at 999 bytes once).
cols=$(awk 'BEGIN { for (i = 1; i <= 100; i++) printf "\t备注备注%03d", i }')
list=$(awk 'BEGIN { for (i = 1; i <= 100; i++)
	printf "%s备注备注%03d", (i > 1 ? ", " : ""), i }')
printf 'unit%s\n3-1201%s\n' "$cols" "$(awk 'BEGIN { while (i++ < 100) printf "\t" }')" \
    >wide.tsv
run dun-import -n -d l.db -k unit wide.tsv
is_rc 0 'a file of 100 columns dun has no place for'
is "$(cat err)" "dun-import: wide.tsv: ignoring columns $list" \
    '  all 100 named'
# One column whose name has a comma is one column.
printf 'unit\t备注,附言\n3-1201\tx\n' >comma.tsv
run dun-import -n -d l.db -k unit comma.tsv
is "$(cat err)" "dun-import: comma.tsv: ignoring column 备注,附言" \
    'one column named with a comma: "column", not "columns"'

# A row's value.
check 1 '' "dun-import: command line:1: type: \"$cut…\" (6000 bytes, abbreviated) is not an event type (promise, dispute, resolved, hardship, plan, contact, served, ack, dnc, contact-ok)
dun-import: 1 bad row: nothing was imported (--skip-bad loads the good ones)" \
    'an event type of 6000 bytes' -- \
    dun-import -d l.db -k event unit=3-1201 date=2026-11-22 type="$v"

# A unit the ledger lacks, named by 6000 bytes: the message whole, the
# name abbreviated (the message's end was cut once, the name whole).
check 1 '' "dun-import: command line:1: unit: no unit \"$cut…\" (6000 bytes, abbreviated) in the ledger (import the household list first, or use --create-units)
dun-import: 1 bad row: nothing was imported (--skip-bad loads the good ones)" \
    'a payment of a unit of 6000 bytes' -- \
    dun-import -d l.db -k payment ref=P1 unit="$v" date=2026-11-22 amount=1

# dun-classify -x: the rule explained with the value whole.
dun-age -t 2026-11-20 -C none.tsv -P nopay.tsv >in.tsv
awk -F'\t' -v OFS='\t' -v v="$v" '{
	for (i = 1; i <= NF; i++)
		$i = $i == "unit" ? "U" : $i == "dispute" ? v : \
		    $i == "days_overdue" ? "81" : $i ~ /^(balance|total)$/ ? \
		    "1000.00" : ""
	print
}' in.tsv >rec.tsv
tail -n 1 rec.tsv >>in.tsv
run dun-classify -t 2026-11-20 -x U in.tsv
is_rc 0 'dun-classify -x with a dispute of 6000 bytes'
is "$(sed -n 3p out)" "  dispute=\"$v\" != \"\" [yes]: matches, first to match" \
    '  explained with the value whole'

done_testing

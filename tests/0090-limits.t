#!/bin/sh
# Limits (issue 14): a record over 64 MB, YAML and class rules nested more
# than 100 deep, sums in a rule or numbers in a record out of range, and
# more than 64 stages or fee types, each refused with where and why, not
# read whole, overflowed or crashed.
. "$(dirname "$0")/lib.sh"

big() {	# big N: N bytes of x
	head -c "$1" /dev/zero | tr '\0' x
}

# A record over 64 MB: an error at its line, and nothing imported.
{
	printf 'unit\tdate\ttype\tnote\n1-0101\t2026-11-01\tcontact\t'
	big 67108865
	printf '\n1-0101\t2026-11-02\tcontact\tcalled\n'
} >events.tsv
check 1 '' 'dun-import: events.tsv:2: a record over 64 MB
dun-import: nothing was imported' 'dun-import: a record over 64 MB' -- \
    dun-import -d x.db events.tsv
{
	printf 'unit,date,type,note\n1-0101,2026-11-01,contact,"'
	big 67108865
	printf '"\n'
} >events.csv
check 1 '' 'dun-import: events.csv:2: a record over 64 MB
dun-import: nothing was imported' 'dun-import: a CSV record over 64 MB' -- \
    dun-import -d x.db events.csv
{
	printf 'unit\tfee\tperiod\tdue\tamount\n1-0101\tmanagement\t2026-10\t'
	big 67108865
	printf '\t1.00\n'
} >charges.tsv
printf 'ref\tunit\tdate\tamount\n' >nopay.tsv
check 1 '' 'dun-age: charges.tsv:2: a record over 64 MB' \
    'dun-age: a record over 64 MB' -- \
    dun-age -t 2026-11-20 -C charges.tsv -P nopay.tsv
rm -f events.tsv events.csv charges.tsv

# dun-age's records, one with the largest amount there is.
printf 'unit\tfee\tperiod\tdue\tamount\n' >none.tsv
dun-age -t 2026-11-20 -C none.tsv -P nopay.tsv >head.tsv
rec() {	# rec unit key=value ...
	awk -F'\t' -v OFS='\t' -v args="$*" 'NR == 1 {
		d["occupancy"] = "owner"; d["balance"] = "1000.00"
		d["late_fee"] = "0.00"; d["total"] = "1000.00"
		d["days_overdue"] = "81"; d["broken_promises"] = "0"
		d["notices"] = "0"; d["episode_start"] = "2026-08-31"
		n = split(args, a, " ")
		d["unit"] = a[1]
		for (i = 2; i <= n; i++) {
			k = substr(a[i], 1, index(a[i], "=") - 1)
			d[k] = substr(a[i], index(a[i], "=") + 1)
		}
		s = ""
		for (i = 1; i <= NF; i++) s = s (i > 1 ? OFS : "") d[$i]
		print s
	}' head.tsv
}
{
	cat head.tsv
	rec rich balance=92233720368547758.07 late_fee=0.01
	rec many days_overdue=99999999999999999999
	rec more days_overdue=92233720368547759
	rec most days_overdue=92233720368547758 balance= late_fee=
	rec usual
} >ages.tsv
cat >sum.yaml <<'EOF'
classes:
  - name: owes
    when: balance + late_fee > 0
  - name: late
    when: today - days_overdue < 2026-01-01
  - name: other
    when: "true"
EOF
run dun-classify -c sum.yaml -t 2026-11-20 ages.tsv
is_rc 1 'dun-classify: sums out of range'
is "$(cat err)" 'dun-classify: ages.tsv:2: class owes: the sum at character 9 is out of range, in "balance + late_fee > 0"
dun-classify: ages.tsv:3: days_overdue: "99999999999999999999" is out of range
dun-classify: ages.tsv:4: days_overdue: "92233720368547759" is out of range
dun-classify: ages.tsv:5: class late: the date at character 7 is out of range, in "today - days_overdue < 2026-01-01"' \
    'dun-classify: sums out of range: stderr'
is "$(cols 'unit class')" 'usual owes' \
    'dun-classify: the record in range is classified'
run dun-classify -c sum.yaml -t 2026-11-20 -x rich ages.tsv
is_rc 1 'dun-classify -x: a sum out of range'
is "$(cat err)" 'dun-classify: ages.tsv:2: class owes: the sum at character 9 is out of range, in "balance + late_fee > 0"' \
    'dun-classify -x: a sum out of range: stderr'

# Nested more than 100 deep: refused where it passes 100.
parens() {	# parens N: N ( then true then N )
	awk -v n="$1" 'BEGIN {
		s = ""
		for (i = 0; i < n; i++) s = s "("
		s = s "true"
		for (i = 0; i < n; i++) s = s ")"
		print s
	}'
}
{
	cat head.tsv
	rec usual
} >usual.tsv
printf 'classes:\n  - name: deep\n    when: "%s"\n' "$(parens 100)" >deep.yaml
run dun-classify -c deep.yaml -t 2026-11-20 usual.tsv
is_rc 0 'a rule nested 100 deep'
is "$(cols class)" deep 'a rule nested 100 deep holds'
printf 'classes:\n  - name: deep\n    when: "%s"\n' "$(parens 101)" >deep.yaml
run dun-classify -c deep.yaml -t 2026-11-20 ages.tsv
is_rc 2 'a rule nested 101 deep'
is "$(sed 's/ (in .*//' err)" 'dun-classify: deep.yaml:3:112: classes[0].when: the expression is nested more than 100 levels deep' \
    'a rule nested 101 deep: stderr'
printf 'classes:\n  - name: deep\n    when: "%s"\n' "$(parens 100000)" >deep.yaml
run dun-classify -c deep.yaml -t 2026-11-20 ages.tsv
is_rc 2 'a rule nested 100,000 deep'
is "$(sed 's/ (in .*//' err)" 'dun-classify: deep.yaml:3:112: classes[0].when: the expression is nested more than 100 levels deep' \
    'a rule nested 100,000 deep: stderr'
awk 'BEGIN { s = "a: "; for (i = 0; i < 40000; i++) s = s "["; print s }' \
    >nested.yaml
check 2 '' 'dun-classify: nested.yaml:1:103: nested more than 100 levels deep' \
    'YAML nested 40,000 deep' -- dun-classify -c nested.yaml ages.tsv
printf 'limitation:\n  restart: [promise, served]\n' >restart.yaml
check 2 '' 'dun-classify: restart.yaml:2:22: limitation.restart: "served" is not one of demand-served, promise, ack or part-payment' \
    'an unknown restart event' -- dun-classify -c restart.yaml ages.tsv

# At most 64 stages and 64 fee types (DUN_MAX_STAGES, DUN_MAX_FEES): one
# more is refused where it stands.
stages() {	# stages N: a ladder of N stages, and a class for all
	awk -v n="$1" 'BEGIN {
		print "classes:\n  - {name: all, when: \"true\"}\nladder:"
		for (i = 1; i <= n; i++)
			printf "  - {name: s%d, channel: sms, days: %d}\n", i, i
	}'
}
fees() {	# fees N: N fee types in place of the default's
	awk -v n="$1" 'BEGIN {
		print "fees:\n  management: ~\n  parking: ~\n  water: ~"
		for (i = 1; i <= n; i++)
			printf "  f%d: {label: fee %d}\n", i, i
	}'
}
stages 64 >stages.yaml
run dun-classify -c stages.yaml -t 2026-11-20 usual.tsv
is_rc 0 'a ladder of 64 stages'
is "$(cols class)" all 'a ladder of 64 stages: classified'
stages 65 >stages.yaml
check 2 '' 'dun-classify: stages.yaml:68:5: ladder: at most 64 stages' \
    'a ladder of 65 stages' -- dun-classify -c stages.yaml -t 2026-11-20 usual.tsv
check 2 '' 'dun-notice: stages.yaml:68:5: ladder: at most 64 stages' \
    'dun-notice: a ladder of 65 stages' -- \
    dun-notice -c stages.yaml -n -o notices usual.tsv
fees 64 >fees.yaml
run dun-classify -c fees.yaml -t 2026-11-20 usual.tsv
is_rc 0 '64 fee types'
fees 65 >fees.yaml
check 2 '' 'dun-classify: fees.yaml:69:3: fees: at most 64 fee types' \
    '65 fee types' -- dun-classify -c fees.yaml -t 2026-11-20 usual.tsv
fees 62 >fees.yaml
sed -i '/: ~$/d' fees.yaml
check 2 '' 'dun-classify: fees.yaml:63:3: fees: at most 64 fee types' \
    '62 fee types and the default three' -- \
    dun-classify -c fees.yaml -t 2026-11-20 usual.tsv

done_testing

#!/bin/sh
# dun-age -d reads every unit's history in one pass over each table, the
# units in name order beside them; the units -u names are read one by
# one.  Both give the same, byte for byte, whatever the ledger holds: bill
# lines with what was paid on them and without, deposits, fees the config
# lacks, receipts over several lines, reversals, events, notices issued
# and pending, unit ids out of name order; and the same as from the
# records the ledger was loaded from.
. "$(dirname "$0")/lib.sh"

# Every unit by the pass, then each named by -u, in name order: the same.
both() {	# both DB DESCRIPTION [ARGS...]
	_db=$1 _what=$2
	shift 2
	dun-age -d "$_db" -a "$@" >scan.out 2>scan.err
	_rc=$?
	# shellcheck disable=SC2046
	dun-age -d "$_db" -a "$@" $(sql "$_db" "SELECT '-u' || char(10) ||
	    unit FROM units ORDER BY unit") >one.out 2>one.err
	is "$_rc $?" "0 0" "$_what: every unit, and each unit named (exit 0)"
	cmp -s scan.out one.out
	ok $? "  the same $(($(wc -l <scan.out) - 1)) units, byte for byte"
	cmp -s scan.err one.err
	ok $? "  and the same on standard error"
}

# ---- the generator's estate: records, and the ledger loaded from them ------
# 1,500 units: buildings 1 to 13, so that "10-" comes before "2-" by name
# but after it by id.
mkdir g x && gen -u 1500 -m 24 -p 2024-12 -s 3 -o g
(cd g && dun-import -d ../g.db units.tsv charges.tsv payments.tsv \
    adjustments.tsv events.tsv) >load.out 2>load.err
ok $? "gen's 1,500 units load"
is "$(sql g.db "SELECT count(*) > 0 FROM (SELECT id, lag(id) OVER
    (ORDER BY unit) AS before FROM units) WHERE id < before")" 1 \
    "  their ids are out of name order in places"
both g.db "gen's estate" -t 2026-11-20
run dun-age -d g.db -t 2026-11-20
cp out ledger.out
run dun-age -t 2026-11-20 -U g/units.tsv -C g/charges.tsv -P g/payments.tsv \
    -A g/adjustments.tsv -E g/events.tsv
is_rc 0 "gen's estate from its records"
cmp -s out ledger.out
ok $? "  the same output as from the ledger, byte for byte"

# ---- a billing system's reports, and what came after ----------------------
gen -X -u 150 -m 12 -p 2025-12 -s 5 -o x
(cd x && dun-import -d ../x.db units.tsv ledger.xlsx receipts.csv \
    adjustments.tsv events.tsv) >load.out 2>load.err
ok $? "a billing system's ledger and receipts load"
is "$(sql x.db "SELECT count(*) = (SELECT count(*) FROM charges) FROM
    charge_details")" 1 "  each bill line says what was paid on it"
both x.db "the reports" -t 2026-11-20
# With no receipts, what the lines say was paid is all there is.
(cd x && dun-import -d ../xl.db units.tsv ledger.xlsx) >load.out 2>load.err
ok $? "the ledger alone loads"
both xl.db "the ledger alone" -t 2026-11-20
# Bills of the next month with no details, beside the lines with them;
# two units loaded last, one first by name, with a bill and a payment.
sql x.db "SELECT unit FROM units WHERE id % 7 = 1 ORDER BY id" |
    awk -v T="$TAB" 'BEGIN { print "unit" T "fee" T "period" T "due" T "amount" }
    { print $1 T "management" T "2026-12" T "2026-12-31" T "300.00"
      print $1 T "water" T "2026-12" T "2027-01-15" T "12.50" }' >next.tsv
printf 'unit\towner\n0-0-0001\t甲\n99-9-9999\t乙\n' >late.tsv
printf 'unit\tfee\tperiod\tdue\tamount\n0-0-0001\tmanagement\t2026-06\t2026-06-30\t500.00\n99-9-9999\tmanagement\t2026-06\t2026-06-30\t400.00\n' >latec.tsv
printf 'ref\tunit\tdate\tamount\nL1\t0-0-0001\t2026-07-01\t200.00\nL2\t99-9-9999\t2026-07-01\t400.00\n' >latep.tsv
# A receipt over several fee lines and a payment of its own reversed.
many=$(sql x.db "SELECT ref FROM payments GROUP BY ref HAVING count(*) > 1
    ORDER BY ref LIMIT 1")
printf 'ref\tdate\treason\n%s\t2026-08-01\t退票\nL2\t2026-07-05\t退票\n' \
    "$many" >rev.tsv
dun-import -d x.db next.tsv late.tsv latec.tsv latep.tsv >load.out 2>load.err &&
    dun-import -d x.db -k reversal rev.tsv >>load.out 2>>load.err
ok $? "  then bills with no details, two units, reversals load"
is "$(sql x.db "SELECT unit FROM units ORDER BY unit LIMIT 1;
    SELECT id > 150 FROM units WHERE unit = '0-0-0001'")" "0-0-0001
1" "  the unit first by name has the last id but one"
# Notices, issued and pending, of a few units, and of the two late
# units in the episode they are in (since 2026-06-30, day 20634).
sql x.db "INSERT INTO notices (notice, unit_id, stage, channel, episode,
    date, time, class, status) SELECT 'N' || id, id, 'overdue', 'sms', 1,
    20600, '2026-05-30T10:00:00Z', 'slow', CASE WHEN id % 2 THEN 'issued'
    ELSE 'pending' END FROM units WHERE id % 11 = 3;
    INSERT INTO notices (notice, unit_id, stage, channel, episode, date,
    time, class, status) SELECT 'M' || id, id, 'overdue', 'sms', 20634,
    20666, '2026-08-01T10:00:00Z', 'slow', CASE WHEN unit = '0-0-0001'
    THEN 'issued' ELSE 'pending' END FROM units WHERE unit IN ('0-0-0001',
    '99-9-9999')"
ok $? "  and notices"
both x.db "and after" -t 2026-11-20
is "$(SEP="$TAB" cols 'unit balance last_stage notices' scan.out |
    grep -e '^0-0-0001' -e '^99-9-9999')" \
    "0-0-0001${TAB}300.00${TAB}overdue${TAB}1
99-9-9999${TAB}400.00${TAB}${TAB}0" \
    "  the late units: their bills, L2 reversed, the notice issued"

done_testing

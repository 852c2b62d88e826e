#!/bin/sh
# dun-age: the worked example, the same output from the ledger and from
# files in any order, bad input, and the options.
. "$(dirname "$0")/lib.sh"


# ---- the worked example of dun-age(1) ------------------------------------
printf 'unit\tfee\tperiod\tdue\tamount\n3-1201\tmanagement\t2026-01\t2026-01-31\t1000.00\n' >c.tsv
printf 'ref\tunit\tdate\tamount\nB1\t3-1201\t2026-04-01\t400.00\nB2\t3-1201\t2026-05-11\t600.00\n' >p.tsv
run dun-age -t 2026-06-30 -C c.tsv -P p.tsv
is_rc 0 "the worked example"
is "$(cols 'unit balance late_fee total last_paid last_paid_amount')" \
    "3-1201 0.00 8.98 8.98 2026-05-11 600.00" "  owes 8.98 of late fee, capped at 3.9% a year"
printf 'fees:\n  management:\n    late_fee:\n      cap: none\n' >nocap.yaml
run dun-age -c nocap.yaml -t 2026-06-30 -C c.tsv -P p.tsv
is "$(cols 'late_fee')" "16.20" "  16.20 without the cap"
is "$(head -1 out)" "unit${TAB}estate${TAB}building${TAB}owner${TAB}phone${TAB}occupancy${TAB}collector${TAB}balance${TAB}late_fee${TAB}total${TAB}not_due${TAB}oldest_due${TAB}days_overdue${TAB}b0_30${TAB}b31_90${TAB}b91_180${TAB}b181_365${TAB}b366_730${TAB}b731_plus${TAB}periods_unpaid${TAB}last_paid${TAB}last_paid_amount${TAB}credit${TAB}promise${TAB}promise_due${TAB}broken_promises${TAB}dispute${TAB}hardship_until${TAB}plan${TAB}limitation_date${TAB}days_to_limitation${TAB}episode_start${TAB}last_stage${TAB}last_stage_date${TAB}demand_served${TAB}notices${TAB}expected_recovery${TAB}dnc" \
    "the columns, in their order"
printf 'aging:\n  buckets: [60, 120]\n  recovery: [90%%, 60%%, 30%%]\n' >b.yaml
run dun-age -c b.yaml -t 2026-06-30 -C c.tsv -P p.tsv
ok "$(head -1 out | grep -q "${TAB}b0_60${TAB}b61_120${TAB}b121_plus${TAB}"; echo $?)" \
    "bucket columns follow the configured bounds"

# ---- the example estate: from the ledger and from files ---------------------
ex=$top/examples
(cd "$ex" && dun-import -d "$tmp/e.db" units.csv bills.csv bank.csv waivers.tsv events.tsv) >/dev/null 2>&1
run dun-age -d e.db -t 2026-11-20
is_rc 0 "the example estate ages"
cp out ledger.out
is "$(($(wc -l <ledger.out) - 1))" 71 "  71 units owe something on 2026-11-20"
is "$(cols 'unit balance late_fee oldest_due promise broken_promises limitation_date' | grep '^1-0704 ')" \
    "1-0704 2500.79 102.80 2026-03-31 broken 1 2029-10-01" "  1-0704 broke a promise"
# The same ledger as dun's TSV records.
q() { sqlite3 -batch -separator "$TAB" -header e.db "$1"; }
money() { echo "CASE WHEN $1 < 0 THEN '-' ELSE '' END || (abs($1) / 100) || '.' || substr('0' || (abs($1) % 100), -2)"; }
day() { echo "date($1 * 86400, 'unixepoch')"; }
per() { echo "CASE WHEN $1 IS NULL THEN '' ELSE ($1 / 100) || '-' || substr('0' || ($1 % 100), -2) END"; }
q "SELECT unit, coalesce(estate, '') AS estate, coalesce(building, '') AS building, coalesce(owner, '') AS owner, coalesce(phone, '') AS phone, coalesce(occupancy, '') AS occupancy, coalesce(collector, '') AS collector FROM units ORDER BY unit" >u.tsv
q "SELECT u.unit, fee, $(per period) AS period, $(day due) AS due, $(money amount) AS amount FROM charges c JOIN units u ON u.id = c.unit_id ORDER BY u.unit" >c.tsv
q "SELECT ref, u.unit, $(day date) AS date, $(money amount) AS amount, coalesce(fee, '') AS fee, $(per period) AS period FROM payments p JOIN units u ON u.id = p.unit_id ORDER BY u.unit" >p.tsv
q "SELECT ref, u.unit, $(day date) AS date, $(money amount) AS amount, coalesce(fee, '') AS fee, $(per period) AS period FROM adjustments a JOIN units u ON u.id = a.unit_id ORDER BY u.unit" >a.tsv
q "SELECT u.unit, $(day date) AS date, type, CASE WHEN due IS NULL THEN '' ELSE $(day due) END AS due, CASE WHEN e.amount IS NULL THEN '' ELSE $(money e.amount) END AS amount, coalesce(ref, '') AS ref FROM events e JOIN units u ON u.id = e.unit_id ORDER BY u.unit" >e.tsv
run dun-age -t 2026-11-20 -C c.tsv -P p.tsv -A a.tsv -E e.tsv -U u.tsv
is_rc 0 "from files sorted by unit"
cmp -s out ledger.out
ok $? "  the same output as from the ledger, byte for byte"
# Shuffled: any order gives the same output.
for f in u c p a e; do
	{ head -1 $f.tsv; tail -n +2 $f.tsv | sort -t "$TAB" -k3,3 -k2,2r; } >s$f.tsv
done
run dun-age -t 2026-11-20 -C sc.tsv -P sp.tsv -A sa.tsv -E se.tsv -U su.tsv
is_rc 0 "from files in no order"
cmp -s out ledger.out
ok $? "  the same output again"
run sh -c "cat sp.tsv | dun-age -t 2026-11-20 -C c.tsv -P - -A a.tsv -E e.tsv -U u.tsv"
cmp -s out ledger.out
ok $? "  and with payments from standard input"
# Everyone, and one.
run dun-age -d e.db -t 2026-11-20 -a
is "$(($(wc -l <out) - 1))" 200 "-a: every unit"
run dun-age -d e.db -t 2026-11-20 -u 1-0704 -u 2-0603
is "$(cols 'unit plan')" "1-0704 
2-0603 500.00" "-u: the units named; 2-0603 is on a plan of 500.00 a month"
DUN_TODAY=2026-11-20 DUN_DB=e.db run dun-age -u 1-0704
is "$(cols 'unit days_overdue')" "1-0704 234" "\$DUN_TODAY and \$DUN_DB"

# ---- notices and service: the episode's history --------------------------------
printf 'unit\tfee\tperiod\tdue\tamount\nN1\tmanagement\t2026-01\t2026-01-31\t500.00\nN1\tmanagement\t2026-02\t2026-02-28\t500.00\n' >nc.tsv
printf 'ref\tunit\tdate\tamount\n' >np.tsv
printf 'notice\tunit\tstage\tchannel\tdate\tepisode\n' >nn.tsv
printf 'X-1\tN1\toverdue\tsms\t2026-03-02\t2026-01-31\n' >>nn.tsv
printf 'X-2\tN1\tcall\tphone\t2026-03-20\t2026-01-31\n' >>nn.tsv
printf 'X-3\tN1\tdemand\tletter\t2026-04-20\t2026-01-31\n' >>nn.tsv
printf 'X-0\tN1\toverdue\tsms\t2025-06-01\t2025-05-31\n' >>nn.tsv
printf 'unit\tdate\ttype\tref\tnote\nN1\t2026-04-23\tserved\tX-3\tEMS 1187654321\n' >ne.tsv
run dun-age -t 2026-05-01 -C nc.tsv -P np.tsv -N nn.tsv -E ne.tsv
is "$(cols 'unit episode_start last_stage last_stage_date notices demand_served limitation_date')" \
    "N1 2026-01-31 demand 2026-04-20 3 2026-04-23 2029-04-23" \
    "notices of the episode, the demand served, and the limitation it restarts"
run dun-age -t 2026-04-21 -C nc.tsv -P np.tsv -N nn.tsv -E ne.tsv
is "$(cols 'last_stage notices demand_served limitation_date')" "demand 3  2029-01-31" \
    "  before it was served, the period runs from the oldest due date"

# ---- bad input ------------------------------------------------------------------
printf 'unit\tfee\tperiod\tdue\tamount\n' >bad.tsv
printf 'A\tmanagement\t2026-01\t2026-01-31\t100.00\n' >>bad.tsv
printf 'B\tmanagement\t2026-01\t2026-01-31\t-5.00\n' >>bad.tsv
printf 'C\tmanagement\t2026-01\t2026-02-30\t5.00\n' >>bad.tsv
printf 'D\t\t2026-01\t2026-01-31\t5.00\n' >>bad.tsv
printf 'E\tmanagement\t2026-01\t2026-01-31\t5.0.0\n' >>bad.tsv
printf 'F\tmanagement\t2026-01\t2026-01-31\t7.00\n' >>bad.tsv
printf 'G\tmanagement\t2026-01\t2026-01-31\t8.00\n' >>bad.tsv
printf 'H\tmanagement\t2026-13\t2026-01-31\t8.00\n' >>bad.tsv
printf 'ref\tunit\tdate\tamount\nX\tA\t2026-02-01\tlots\n' >badp.tsv
printf 'unit\tdate\ttype\nF\t2026-02-01\tparty\n' >bade.tsv
printf 'unit\towner\nA\ta\nB\tb\nC\tc\nD\td\nE\te\nG\tg\nH\th\n' >badu.tsv
printf 'I\tmanagement\t2026-01\t2026-01-31\t8.00\n' >>bad.tsv
check 1 "$(head -1 ledger.out)
G${TAB}${TAB}${TAB}g${TAB}${TAB}${TAB}${TAB}8.00${TAB}0.00${TAB}8.00${TAB}0.00${TAB}2026-01-31${TAB}29${TAB}8.00${TAB}0.00${TAB}0.00${TAB}0.00${TAB}0.00${TAB}0.00${TAB}1${TAB}${TAB}${TAB}0.00${TAB}${TAB}${TAB}0${TAB}${TAB}${TAB}${TAB}2029-01-31${TAB}1067${TAB}2026-01-31${TAB}${TAB}${TAB}${TAB}0${TAB}7.60${TAB}" \
'dun-age: badp.tsv:2: amount: "lots" is not an amount
dun-age: bad.tsv:3: amount: a charge cannot be negative
dun-age: bad.tsv:4: due: "2026-02-30" is not a date: February 2026 has 28 days
dun-age: bad.tsv:5: fee: is empty
dun-age: bad.tsv:6: amount: "5.0.0" is not an amount
dun-age: bade.tsv:2: type: "party" is not an event type
dun-age: badu.tsv: unit F is not in it
dun-age: bad.tsv:9: period: "2026-13" has month 13: months are 1 to 12
dun-age: badu.tsv: unit I is not in it
'"$(age_note 2029)" \
    "each bad row is reported, its unit left out, the rest aged" -- \
    dun-age -t 2026-03-01 -C bad.tsv -P badp.tsv -E bade.tsv -U badu.tsv
printf 'unit\tfee\tperiod\tdue\tamount\nJ\tmanagement\t2026-01\t2026-01-31\t5.00\nJ\tmanagement\t2026-02\nK\tmanagement\t2026-01\t2026-01-31\t6.00\n' >short.tsv
check 1 "$(head -1 ledger.out)
$(printf 'K\t\t\t\t\t\t\t6.00\t0.00\t6.00\t0.00\t2026-01-31\t29\t6.00\t0.00\t0.00\t0.00\t0.00\t0.00\t1\t\t\t0.00\t\t\t0\t\t\t\t2029-01-31\t1067\t2026-01-31\t\t\t\t0\t5.70\t')" \
    "dun-age: short.tsv:3: has 3 fields, the header has 5
$(age_note 2029)" \
    "a row cut short leaves its unit out, not aged without it" -- \
    dun-age -t 2026-03-01 -C short.tsv -P p.tsv
printf 'fees:\n  water: {label: [x]}\n' >bad.yaml
check 2 "" "dun-age: bad.yaml:2:18: fees.water.label: is a list; it must be a single value" \
    "a config error: exit 2, no output" -- dun-age -c bad.yaml -C c.tsv -P p.tsv
check 2 "" "dun-age: --as-of: \"2026-02-30\" is not a date: February 2026 has 28 days" \
    "a bad as-of date" -- dun-age -t 2026-02-30 -C c.tsv -P p.tsv
run dun-age -C c.tsv
is_rc 2 "-C without -P"
check 3 "" "dun-age: none.db: no ledger here (dun-import creates one)" \
    "no ledger" -- dun-age -d none.db
check 3 "" "dun-age: gone.tsv: No such file or directory" \
    "a file that is not there" -- dun-age -C gone.tsv -P p.tsv
run dun-age -d e.db -t 2026-11-20 -u 9-9999
is_rc 1 "an unknown unit"
is_err 'dun-age: e.db: no unit "9-9999"' "  is reported"
done_testing

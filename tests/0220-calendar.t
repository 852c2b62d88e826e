#!/bin/sh
# The calendar of public holidays at work: dun-age's limitation dates as
# the law has them in 2026 (holidays move a deadline, a weekend day worked
# does not), dun-notice's quiet days (every day off, 端午, 除夕), and a
# year with no list said once on stderr, never taken for a year without
# holidays.
. "$(dirname "$0")/lib.sh"

# One unit a charge; each charge's three years end on the day named.
cat >c.tsv <<'E'
unit	fee	period	due	amount
A	management	2023-01	2023-01-04	100.00
B	management	2023-02	2023-02-14	100.00
C	management	2023-09	2023-09-20	100.00
D	management	2023-02	2023-02-16	100.00
E	management	2023-02	2023-02-17	100.00
F	management	2023-10	2023-10-01	100.00
G	management	2023-10	2023-10-05	100.00
H	management	2023-02	2023-02-28	100.00
I	management	2023-10	2023-10-10	100.00
J	management	2023-06	2023-06-19	100.00
E
printf 'unit\tdate\tamount\n' >p.tsv
run dun-age -t 2026-01-01 -C c.tsv -P p.tsv
is_rc 0 "2026's deadlines"
is "$(cols 'unit limitation_date')" "A 2026-01-04
B 2026-02-14
C 2026-09-20
D 2026-02-24
E 2026-02-24
F 2026-10-08
G 2026-10-08
H 2026-02-28
I 2026-10-10
J 2026-06-22" "  a weekend day worked ends one, a holiday moves it past the break"
is_err "" "  2026 is known: nothing on stderr"

# 2027's list is not out: its deadlines move past weekends only, and that
# is said once, however many units.
printf 'K\tmanagement\t2024-03\t2024-03-06\t100.00\nL\tmanagement\t2024-05\t2024-05-01\t100.00\n' >>c.tsv
run dun-age -t 2026-01-01 -C c.tsv -P p.tsv
is "$(cols 'unit limitation_date' | tail -2)" "K 2027-03-08
L 2027-05-03" "2027: past the weekend only"
is "$rc:$(cat err)" "0:$(age_note 2027)" "  and said once"

# An as-of date in a year with no list is said too.
run dun-age -t 2031-06-01 -C c.tsv -P p.tsv
is "$rc:$(cat err)" "0:$(age_note "2027, 2031")" "an as-of date in 2031"

# A year's list from dun.yaml: the year is known, its days move deadlines.
printf 'calendar:\n  holidays: [2027-03-08, 2027-05-03, 2027-05-04]\n' >y.yaml
run dun-age -c y.yaml -t 2026-01-01 -C c.tsv -P p.tsv
is "$(cols 'unit limitation_date' | tail -2)" "K 2027-03-09
L 2027-05-05" "calendar.holidays: 2027's days move them"
is "$rc:$(cat err)" "0:" "  and 2027 is known"
printf 'date\tkind\tname\n2027-03-08\toff\tx\n2027-05-01\twork\n' >2027.tsv
printf 'calendar:\n  file: 2027.tsv\n' >f.yaml
run dun-age -c f.yaml -t 2026-01-01 -C c.tsv -P p.tsv
is "$(cols 'unit limitation_date' | tail -2)" "K 2027-03-09
L 2027-05-01" "calendar.file: a day off, and a Saturday worked"
is "$rc:$(cat err)" "0:" "  and 2027 is known"
printf 'date\tkind\tname\n2027-03-08\toff\tx\n2027-05-01\tsat\n' >2027.tsv
check 2 "" "dun-age: 2027.tsv:3: kind: \"sat\" is not off or work" \
    "a bad line of calendar.file" -- \
    dun-age -c f.yaml -t 2026-01-01 -C c.tsv -P p.tsv

# ---- dun-notice ----------------------------------------------------------
printf 'unit\towner\tphone\nU1\t张三\t13800000001\n' >units.tsv
printf 'unit\tfee\tperiod\tdue\tamount\nU1\tmanagement\t2026-04\t2026-04-30\t300.00\n' >charges.tsv
dun-import -d l.db units.tsv charges.tsv >/dev/null 2>&1
ok $? "the ledger is loaded"
H="unit${TAB}owner${TAB}total${TAB}late_fee${TAB}days_overdue${TAB}periods_unpaid${TAB}class${TAB}stage${TAB}channel${TAB}due_on${TAB}action${TAB}priority${TAB}reason${TAB}episode_start${TAB}dnc"
for d in 2026-10-05 2026-06-19 2027-02-05; do
	{ echo "$H"; printf 'U1\t\t300.00\t0.00\t55\t1\tforgetful\toverdue\tsms\t%s\tsend\t1\twhy\t2026-04-30\t\n' $d; } >$d.tsv
done
run dun-notice -d l.db -o nt -t 2026-10-05 -a 10:00 2026-10-05.tsv
is "$rc:$(sed 1d out | wc -l)" "0:0" "2026-10-05, a Monday of National Day's week: none"
is "$(cat err)" "dun-notice: 1 passed over: deferred to 2026-10-08: a public holiday, 国庆节
dun-notice: 0 notices issued in nt" \
    "  deferred past the holiday"
run dun-notice -d l.db -o nt -t 2026-06-19 -a 10:00 2026-06-19.tsv
is "$(cat err)" "dun-notice: 1 passed over: deferred to 2026-06-22: lunar 05-05
dun-notice: 0 notices issued in nt" \
    "2026-06-19, 端午: deferred past the holiday"
run dun-notice -d l.db -o nt -t 2027-02-05 -a 10:00 2027-02-05.tsv
is "$(cat err)" "dun-notice: no list of public holidays for 2027: quiet days there are only those dun.yaml lists (dun.yaml(5): calendar)
dun-notice: 1 passed over: deferred to 2027-02-13: lunar 12-last
dun-notice: 0 notices issued in nt" \
    "2027-02-05, 除夕: deferred past the Spring Festival, and 2027 said once"
{ echo "$company"; printf 'contact:\n  quiet_holidays: false\n'; } >q.yaml
run dun-notice -c q.yaml -d l.db -o nt -t 2026-10-05 -a 10:00 2026-10-05.tsv
is "$rc:$(sed 1d out | cut -f1)" "0:20261005-U1-overdue" \
    "quiet_holidays: false: 2026-10-05 is a working Monday"

done_testing

#!/bin/sh
# Billing ranges on what goes out: a quarterly bill is one bill for its
# three months, and the letter, its statement and the evidence pack say
# "2026-07-01至2026-09-30", not "2026年7月"; a bill without a range still
# says its month; a fee the config lacks goes by the name the bill gave it.
. "$(dirname "$0")/lib.sh"

cat >units.tsv <<'E'
unit	estate	building	owner	phone	address	occupancy	collector
Q1	示例花园	1栋	张三	13800000001	示例花园1栋Q1	vacant	王五
E
# The billing system's export: a range, no period and no due date.
cat >bills.csv <<'E'
房屋编号,收费项目,计费开始日期,计费结束日期,应收金额
Q1,物业费,2026-07-01,2026-09-30,900.00
Q1,电梯费,2026-07-01,2026-09-30,60.00
E
# Water by the month, as before: a period and no range.
cat >water.tsv <<'E'
unit	fee	period	due	amount
Q1	water	2026-09	2026-09-30	45.00
E
cat >pay.tsv <<'E'
ref	unit	date	amount
P1	Q1	2026-08-15	300.00
E
run dun-import -d l.db units.tsv bills.csv water.tsv pay.tsv
is_rc 0 "a quarterly bill loads"
is "$(sql l.db "SELECT fee, period, date(due * 86400, 'unixepoch'),
    date(start * 86400, 'unixepoch'), date(until * 86400, 'unixepoch')
    FROM charges JOIN charge_details USING (unit_id, fee, period, bill)
    WHERE start IS NOT NULL ORDER BY fee")" \
    "management|202607|2026-07-31|2026-07-01|2026-09-30
电梯费|202607|2026-07-31|2026-07-01|2026-09-30" \
    "  its range kept; its period and due date from its first month"

dun-age -d l.db -t 2026-11-24 | dun-classify -t 2026-11-24 >cl.tsv
is "$(SEP=' ' cols 'unit class stage channel action' cl.tsv)" \
    "Q1 vacant reminder letter send" "aged and classified: a letter is due"
run dun-notice -d l.db -o nt -t 2026-11-24 -a 10:00 cl.tsv
is_rc 0 "the letter is issued"
is "$(SEP=' ' cols 'unit channel file')" \
    "Q1 letter nt/letters/20261124-Q1-reminder.pdf" "  one letter"
pdftotext -layout nt/letters/20261124-Q1-reminder.pdf q1.txt
# The body wraps where it likes: read it without its blanks.
tr -d ' \n' <q1.txt >q1.flat
grep -q '所属期间：2026-07-01至2026-09-30、2026年9月' q1.flat
ok $? "the letter's periods: the quarter's range, and water's month"
grep -q '2026年7月' q1.flat
ok $((! $?)) "  not the quarter's first month"
grep -E -q '^ *2026-07-01至2026-09-30 +物业管理费 +2026-07-31 +900\.00 +600\.00' q1.txt
ok $? "the statement: the range, the fee, billed and unpaid"
grep -E -q '^ *2026-07-01至2026-09-30 +电梯费 +2026-07-31 +60\.00 +60\.00' q1.txt
ok $? "  a fee the config lacks, by its own name"
grep -E -q '^ *2026-09 +水费 +2026-09-30 +45\.00 +45\.00' q1.txt
ok $? "  a bill without a range, by its month"

# The evidence pack.
run dun-report -d l.db -u Q1 -t 2026-11-24 -p ev.pdf -o ev.tsv
is_rc 0 "the evidence pack"
is "$(awk -F'\t' '$1 == "charge" { print $3, $4, $5, $7 }' ev.tsv)" \
    "2026-07-01至2026-09-30 物业管理费 900.00 600.00
2026-07-01至2026-09-30 电梯费 60.00 60.00
2026-09 水费 45.00 45.00" "  the statement: each range, each fee by its name"
is "$(awk -F'\t' '$1 == "payment" { print $3, $12 }' ev.tsv)" \
    "P1 物业管理费 2026-07-01至2026-09-30 300.00" "  where the payment went"
is "$(awk -F'\t' '$1 == "late_fee" && $3 != "" { print $3 }' ev.tsv | sort -u)" \
    "2026-07-01至2026-09-30
2026-09" "  how the late fees grew, by range"
pdftotext -layout ev.pdf ev.txt
grep -E -q '物业管理费 +2026-07-01至2026-09-30 +2026-07-31' ev.txt
ok $? "  and its PDF"
grep -q '电梯费' ev.txt
ok $? "  names the fee the config lacks"

# In English, a range is written with a dash.
{ echo "$company"; printf 'notice:\n  language: en\n'; } >en.yaml
run dun-report -c en.yaml -d l.db -u Q1 -t 2026-11-24 -p ev-en.pdf
is "$(awk -F'\t' '$1 == "charge" { print $3 "|" $4 }' out)" \
    "2026-07-01 – 2026-09-30|物业管理费
2026-07-01 – 2026-09-30|电梯费
2026-09|水费" "the English pack: 2026-07-01 – 2026-09-30"
sql l.db "DELETE FROM notices"
run dun-notice -c en.yaml -d l.db -o en -t 2026-11-24 -a 10:00 cl.tsv
pdftotext -layout en/letters/20261124-Q1-reminder.pdf - | tr -s ' \n' '  ' |
    grep -q 'for 2026-07-01 – 2026-09-30, 2026-09'
ok $? "the English letter's periods"
done_testing

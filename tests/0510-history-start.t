#!/bin/sh
# The day full history begins: an office with no bill history starts its
# ledger from its arrears list (欠费明细表) as of 2026-11-20, and says so
# with dun-import --history-start; dun-report then shows no collection
# rate for the months before 2026-11-21 (empty, not 0.00%), says why, and
# calls November partial.  Then December is billed and paid in full.
. "$(dirname "$0")/lib.sh"
PY=/usr/bin/python3

cat >units.tsv <<'E'
unit	owner
A1	张三
A2	李四
E
cat >arrears.csv <<'E'
房屋编号,收费项目,所属期间,欠费金额
A1,物业费,2026-09,300.00
A1,物业费,2026-10,300.00
A2,物业费,2026-10,200.00
E
cat >dec.tsv <<'E'
unit	fee	period	due	amount
A1	management	2026-12	2026-12-31	300.00
A2	management	2026-12	2026-12-31	200.00
E
cat >receipts.tsv <<'E'
ref	unit	date	amount
R1	A2	2026-11-25	200.00
R2	A2	2026-12-10	200.00
R3	A1	2026-12-15	300.00
E
S="file${TAB}kind${TAB}rows${TAB}inserted${TAB}updated${TAB}unchanged${TAB}rejected${TAB}skipped
units.tsv${TAB}unit${TAB}2${TAB}2${TAB}0${TAB}0${TAB}0${TAB}0
arrears.csv${TAB}charge${TAB}3${TAB}3${TAB}0${TAB}0${TAB}0${TAB}0"
W="dun-import: 3 charges came with what is owing on them (欠费), and the ledger has no history start: if this is an arrears list and not every bill since the start, say --history-start DATE (the day after the list's 截止日期), so that reports show no rates before it and receipts before it are not counted twice"

# ---- dun-import ------------------------------------------------------------

check 0 "$S" "$W" "an arrears list into a ledger with no history start" \
    -- dun-import -d plain.db units.tsv arrears.csv
check 0 "$S" "" "with --history-start, in the same run, nothing to say" \
    -- dun-import -d l.db --history-start 2026-11-21 units.tsv arrears.csv
is "$(sql l.db "SELECT key, value FROM settings")" "history_start|2026-11-21" \
    "  the day is kept in the ledger"
check 0 "" "" "-H alone only sets it" -- dun-import -d plain.db -H 2026-11-21
is "$(sql plain.db "SELECT value FROM settings WHERE key = 'history_start'")" \
    "2026-11-21" "  and it is set"
run dun-import -d plain.db units.tsv arrears.csv
is "$rc:$(cat err)" "0:" "a ledger that has it is not warned again"
check 0 "" "" "-n -H changes nothing" -- dun-import -n -d plain.db -H 2026-12-01
is "$(sql plain.db "SELECT value FROM settings")" "2026-11-21" "  it is as it was"
run dun-import -d plain.db -H 2026-13-01
is "$rc:$(head -1 err)" \
    "2:dun-import: --history-start 2026-13-01: \"2026-13-01\" has month 13: months are 1 to 12" \
    "a bad day is a usage error"
# A bad row leaves the day unset with the rest: one transaction.
printf 'unit\tfee\tperiod\tdue\tamount\nA1\tmanagement\t2026-12\t2026-12-31\tlots\n' >bad.tsv
run dun-import -d bad.db -H 2026-11-21 units.tsv bad.tsv
is "$rc:$(sql bad.db "SELECT count(*) FROM settings")" "1:0" \
    "a run that fails sets nothing"

# December's bills and receipts.
dun-import -d l.db dec.tsv receipts.tsv >/dev/null 2>&1
ok $? "December is loaded"
cp l.db nohist.db
sql nohist.db "DELETE FROM settings"

# ---- dun-report: rates -----------------------------------------------------

C="dun-report: history begins 2026-11-21: no rates before it; 2026-11 is partial; in its year the year to date and the arrears count from it"
E9="${TAB}${TAB}${TAB}${TAB}${TAB}${TAB}${TAB}${TAB}${TAB}"
run dun-report -d l.db -k rates -g none -t 2026-12-31
is_rc 0 "rates"
is "$(cat out)" "period${TAB}billed${TAB}collected${TAB}rate${TAB}billed_ytd${TAB}collected_ytd${TAB}rate_ytd${TAB}arrears_open${TAB}arrears_collected${TAB}recovery_rate
2026-01$E9
2026-02$E9
2026-03$E9
2026-04$E9
2026-05$E9
2026-06$E9
2026-07$E9
2026-08$E9
2026-09$E9
2026-10$E9
2026-11${TAB}0.00${TAB}0.00${TAB}${TAB}0.00${TAB}0.00${TAB}${TAB}800.00${TAB}200.00${TAB}25.00%
2026-12${TAB}500.00${TAB}200.00${TAB}40.00%${TAB}500.00${TAB}200.00${TAB}40.00%${TAB}800.00${TAB}500.00${TAB}62.50%" \
    "  no figures before history begins; November partial; December's real rates"
is_err "$C" "  TSV: the note on standard error"
# arrears_open is what the list said was owing (800.00); R1 and R3 paid
# 500.00 of it.  December billed 500.00; R2 paid A2's 200.00 of it.
run dun-report -d nohist.db -k rates -g none -t 2026-12-31
is "$(sed -n '10,11p' out | cut -f1-4)" "2026-09${TAB}300.00${TAB}0.00${TAB}0.00%
2026-10${TAB}500.00${TAB}0.00${TAB}0.00%" \
    "without a history start, the months of the list show 0.00% as before"
is_err "" "  and no note"
run dun-report -d l.db -k rates -g none -t 2026-12-31 --from 2026-12-01
is "$(cat out | sed 1d)" "2026-12${TAB}500.00${TAB}200.00${TAB}40.00%${TAB}500.00${TAB}200.00${TAB}40.00%${TAB}800.00${TAB}500.00${TAB}62.50%" \
    "from December: the year to date still counts from the start"
is_err "dun-report: history begins 2026-11-21: no rates before it; in its year the year to date and the arrears count from it" \
    "  and says so"

# ---- the note in each format -----------------------------------------------

run dun-report -d l.db -k rates,trend -g none -t 2026-12-31 -f text
is "$(sed -n 3p out)" "完整记录始于 2026-11-21：此前各月不计收缴率；2026-11 为不完整月份；当年累计与清欠自该日起计" \
    "text: the note under the rates' title"
grep -q '^完整记录始于 2026-11-21：此前各月不计收缴率；2026-11 为不完整月份$' out
ok $? "  and under the trend's"
is_err "" "  nothing on standard error"
printf 'notice:\n  language: en\n' >en.yaml
run dun-report -c en.yaml -d l.db -k rates -g none -t 2026-12-31 -f text
is "$(sed -n 3p out)" "history begins 2026-11-21: no rates before it; 2026-11 is partial; in its year the year to date and the arrears count from it" \
    "text in English"
run dun-report -d l.db -k rates,trend -g none -t 2026-12-31 -f html -o r.html
is "$(grep -c '<p class="note caveat">完整记录始于 2026-11-21' r.html)" 2 \
    "html: the note under each table's title"
run dun-report -d l.db -k rates -g none -t 2026-12-31 -f xlsx -o r.xlsx
$PY - r.xlsx <<'E' >xlsx.txt
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1]).active
print(ws["A1"].value, ws["B11"].value, ws["D13"].value, ws["A15"].value)
E
is "$(cat xlsx.txt)" "period None 0.4 完整记录始于 2026-11-21：此前各月不计收缴率；2026-11 为不完整月份；当年累计与清欠自该日起计" \
    "xlsx: empty cells before, the header first, the note under the table"

# ---- trend ------------------------------------------------------------------

run dun-report -d l.db -k trend -g none -t 2026-12-31 --from 2026-09-01
is "$(cat out)" "month${TAB}debtors${TAB}arrears${TAB}billed${TAB}collected${TAB}rate
2026-09${TAB}${TAB}${TAB}${TAB}${TAB}
2026-10${TAB}${TAB}${TAB}${TAB}${TAB}
2026-11${TAB}1${TAB}600.00${TAB}0.00${TAB}200.00${TAB}
2026-12${TAB}1${TAB}600.00${TAB}500.00${TAB}500.00${TAB}40.00%" \
    "trend: nothing before, November partial, December whole"
is_err "dun-report: history begins 2026-11-21: no rates before it; 2026-11 is partial" \
    "  and the note"
# Begun on the first of a month, the month before is known on its eve.
dun-import -d l.db -H 2026-11-01 >/dev/null 2>&1
run dun-report -d l.db -k trend -g none -t 2026-12-31 --from 2026-10-01
is "$(sed -n 2p out)" "2026-10${TAB}2${TAB}800.00${TAB}${TAB}${TAB}" \
    "history from 11-01: October's arrears at its end, and nothing else"
is_err "dun-report: history begins 2026-11-01: no rates before it" \
    "  and no month is partial"
run dun-report -d l.db -k trend -g none -t 2026-12-31 --from 2026-12-01
is_err "" "a window after the start needs no note"
done_testing

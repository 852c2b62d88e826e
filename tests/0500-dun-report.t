#!/bin/sh
# dun-report: every kind on a small estate whose figures are worked out by
# hand below, each format (HTML parsed with its SVG, xlsx read back with
# openpyxl, text aligned with Chinese names), masking, the evidence pack,
# and the example estate's figures against the ledger's own sums.
. "$(dirname "$0")/lib.sh"
PY=/usr/bin/python3

cat >units.tsv <<'E'
unit	estate	building	owner	phone	email	collector
A-1	东园	1栋	张三	13812345678	zs@example.com	王五
A-2	东园	2栋	李四	13900001111		王五
B-1	西园	1栋	欧阳娜娜	13700002222		赵六
E
cat >charges.tsv <<'E'
unit	fee	period	due	amount
A-1	management	2025-12	2025-12-31	100.00
A-1	management	2026-01	2026-01-31	100.00
A-1	management	2026-02	2026-02-28	100.00
A-2	management	2025-12	2025-12-31	200.00
A-2	management	2026-01	2026-01-31	200.00
A-2	management	2026-02	2026-02-28	200.00
B-1	management	2026-01	2026-01-31	300.00
B-1	management	2026-02	2026-02-28	300.00
E
cat >payments.tsv <<'E'
ref	unit	date	amount
P1	A-1	2026-01-10	100.00
P2	A-1	2026-02-15	150.00
P3	A-2	2026-01-20	200.00
P4	B-1	2026-01-25	300.00
P5	B-1	2026-03-05	100.00
E
cat >waivers.tsv <<'E'
ref	unit	date	amount	fee	period	reason
W1	B-1	2026-02-10	50.00	management	2026-02	减免
W2	A-2	2026-03-31	1.00	late		滞纳金减免
E
cat >events.tsv <<'E'
unit	date	type	due	amount	ref	note
A-2	2026-03-05	promise	2026-03-15	200.00		电话承诺
B-1	2026-03-01	promise	2026-03-10	100.00		上门承诺
B-1	2026-02-28	served			N3	挂号信 XA123
A-1	2026-03-02	dispute			R-1	电梯故障
A-1	2026-03-20	resolved			R-1	已修复
E
dun-import -d l.db units.tsv charges.tsv payments.tsv waivers.tsv \
    events.tsv >/dev/null 2>&1
ok $? "the small estate is loaded"
# Three notices, as dun-notice records them, with the class of the day.
id() { sql l.db "SELECT id FROM units WHERE unit = '$1'"; }
sql l.db "INSERT INTO notices (notice, unit_id, stage, channel, episode,
    date, recipient, sha256, time, class) VALUES
    ('N1', $(id A-1), 'reminder', 'sms', 20484, 20494, '13812345678',
     'aa', 'x', 'forgetful'),
    ('N2', $(id A-2), 'reminder', 'sms', 20484, 20494, '13900001111',
     'bb', 'x', 'forgetful'),
    ('N3', $(id B-1), 'reminder', 'letter', 20484, 20509, '西园1栋B-1',
     'cc', 'x', 'tenant')"
ok $? "three notices in the register"
export DUN_DB=l.db DUN_TODAY=2026-03-31

# rates.  Jan: billed 100+200+300 = 600, paid for January in January: P4
# 300 (50.00%); arrears at the end of 2025: 100 (A-1) + 200 (A-2) = 300,
# both paid in January (P1, P3): 100.00%.  Feb: billed 100+200+300-50
# (W1) = 550; paid for February by its end: 50 of P2: 9.09%; year to date
# 1150 billed, 300 + P2's 150 = 450 (39.13%).  Mar: nothing billed; P5's
# 100 for February brings the year to 550 of 1150 (47.83%).
check 0 "period${TAB}billed${TAB}collected${TAB}rate${TAB}billed_ytd${TAB}collected_ytd${TAB}rate_ytd${TAB}arrears_open${TAB}arrears_collected${TAB}recovery_rate
2026-01${TAB}600.00${TAB}300.00${TAB}50.00%${TAB}600.00${TAB}300.00${TAB}50.00%${TAB}300.00${TAB}300.00${TAB}100.00%
2026-02${TAB}550.00${TAB}50.00${TAB}9.09%${TAB}1150.00${TAB}450.00${TAB}39.13%${TAB}300.00${TAB}300.00${TAB}100.00%
2026-03${TAB}0.00${TAB}0.00${TAB}${TAB}1150.00${TAB}550.00${TAB}47.83%${TAB}300.00${TAB}300.00${TAB}100.00%" "" \
    "rates, by hand" -- dun-report -k rates -g none </dev/null

run dun-report -k rates -g estate --from 2026-02-01 </dev/null
is "$(cut -f1-5 out)" "estate${TAB}period${TAB}billed${TAB}collected${TAB}rate
东园${TAB}2026-02${TAB}300.00${TAB}50.00${TAB}16.67%
东园${TAB}2026-03${TAB}0.00${TAB}0.00${TAB}
西园${TAB}2026-02${TAB}250.00${TAB}0.00${TAB}0.00%
西园${TAB}2026-03${TAB}0.00${TAB}0.00${TAB}
TOTAL${TAB}2026-02${TAB}550.00${TAB}50.00${TAB}9.09%
TOTAL${TAB}2026-03${TAB}0.00${TAB}0.00${TAB}" "rates by estate, from February, with totals"
is "$(awk -F'\t' '$1 == "西园" && $2 == "2026-03" { print $6, $7, $8 }' out)" \
    "550.00 400.00 72.73%" "西园's year to date keeps January: 300 + 250 billed, 300 + 100 paid"

# trend: month-end arrears.  Jan 31: A-1 100, A-2 200 (2 owe 300).
# Feb 28: A-1 50, A-2 400, B-1 250 (700).  Mar 31: B-1 150 after P5 (600).
check 0 "month${TAB}debtors${TAB}arrears${TAB}billed${TAB}collected${TAB}rate
2026-01${TAB}2${TAB}300.00${TAB}600.00${TAB}600.00${TAB}50.00%
2026-02${TAB}3${TAB}700.00${TAB}550.00${TAB}150.00${TAB}9.09%
2026-03${TAB}3${TAB}600.00${TAB}0.00${TAB}100.00${TAB}" "" \
    "trend, by hand" -- dun-report -k trend --from 2026-01-01 </dev/null

# collectors in March: 赵六's B-1 owed 250 at the start, paid 100 (40.00%),
# kept its promise; 王五's two owed 450 and paid nothing, one promise
# broken (due 03-15, three days' grace).
check 0 "collector${TAB}units${TAB}debtors_start${TAB}arrears_start${TAB}debtors_now${TAB}arrears_now${TAB}collected${TAB}recovered${TAB}rate${TAB}promises${TAB}kept${TAB}broken${TAB}open
赵六${TAB}1${TAB}1${TAB}250.00${TAB}1${TAB}150.00${TAB}100.00${TAB}100.00${TAB}40.00%${TAB}1${TAB}1${TAB}0${TAB}0
王五${TAB}2${TAB}2${TAB}450.00${TAB}2${TAB}450.00${TAB}0.00${TAB}0.00${TAB}0.00%${TAB}1${TAB}0${TAB}1${TAB}0
TOTAL${TAB}3${TAB}3${TAB}700.00${TAB}3${TAB}600.00${TAB}100.00${TAB}100.00${TAB}14.29%${TAB}2${TAB}1${TAB}1${TAB}0" "" \
    "collectors, the league table, by hand" -- dun-report -k collectors </dev/null

# effect: N1 and N2 (SMS, 02-10): only A-1 paid, P2 on 02-15, within 7
# days; N3 (letter, 02-25): P5 on 03-05, within 14.
check 0 "stage${TAB}channel${TAB}notices${TAB}paid_7${TAB}rate_7${TAB}amount_7${TAB}paid_14${TAB}rate_14${TAB}amount_14${TAB}paid_30${TAB}rate_30${TAB}amount_30
reminder${TAB}letter${TAB}1${TAB}0${TAB}0.00%${TAB}0.00${TAB}1${TAB}100.00%${TAB}100.00${TAB}1${TAB}100.00%${TAB}100.00
reminder${TAB}sms${TAB}2${TAB}1${TAB}50.00%${TAB}150.00${TAB}1${TAB}50.00%${TAB}150.00${TAB}1${TAB}50.00%${TAB}150.00" "" \
    "effect, by hand" -- dun-report -k effect --from 2026-02-01 </dev/null
run dun-report -k effect -g class --from 2026-02-01 </dev/null
is "$(cut -f1-4 out)" "class${TAB}stage${TAB}channel${TAB}notices
forgetful${TAB}reminder${TAB}sms${TAB}2
tenant${TAB}reminder${TAB}letter${TAB}1" "effect by the class recorded with each notice"
run dun-report -k effect --from 2026-03-10 </dev/null
is "$(cat out | wc -l)" 1 "effect counts only notices issued in the window"

check 0 "stage${TAB}channel${TAB}notices${TAB}served
reminder${TAB}letter${TAB}1${TAB}1
reminder${TAB}sms${TAB}2${TAB}0
TOTAL${TAB}${TAB}3${TAB}1" "" "notices, and which were served" -- \
    dun-report -k notices --from 2026-02-01 </dev/null

# aging: everything unpaid on 03-31 is 31 to 59 days old: A-1 50, A-2
# 200 + 200, B-1 150.  Late fees as dun-age computes them.
dun-age -a >aged.tsv
run dun-report -g none </dev/null
is "$(cols 'units u31_90 b0_30 b31_90 balance')" "3 3 0.00 600.00 600.00" "aging from the ledger, by hand"
late=$(awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
    { s += $c["late_fee"] * 100 } END { printf "%.2f", s / 100 }' aged.tsv)
is "$(cols late_fee | tail -1)" "$late" "its late fees are dun-age's"
run dun-report -g building aged.tsv
is "$(cols 'estate building units balance')" "东园 1栋 1 50.00
东园 2栋 1 400.00
西园 1栋 1 150.00
TOTAL  3 600.00" "aging from dun-age's records, by building, with totals"
run dun-report -g collector <aged.tsv
is "$(cols 'collector balance')" "王五 450.00
赵六 150.00
TOTAL 600.00" "aging from a pipe, by collector"

# The end of the nightly pipe: dun-notice's records on standard input.
printf 'notice\tunit\tstage\tchannel\tdate\tto\tfile\tsha256\treason\n' >reg.tsv
printf 'N9\tA-2\treminder\tsms\t2026-03-31\t139\t\tdd\twhy\n' >>reg.tsv
printf 'N8\tB-1\tdemand\tletter\t2026-03-31\tB\tb.pdf\tee\twhy\n' >>reg.tsv
check 0 "stage${TAB}channel${TAB}notices${TAB}served
reminder${TAB}sms${TAB}1${TAB}
demand${TAB}letter${TAB}1${TAB}
TOTAL${TAB}${TAB}2${TAB}" "" "fed dun-notice's records, TSV counts the night's notices, in ladder order" \
    -- dun-report <reg.tsv
dun-report -f html -g building <reg.tsv >night.html
ok $? "fed dun-notice's records, HTML is the night's page"
is "$(grep -o '<section id="[a-z]*"' night.html | cut -d'"' -f2 | tr '\n' ' ')" \
    "notices aging collectors rates " "the night's notices, aging, collectors and rates"
grep -q '<td>东园</td><td>2栋</td>' night.html
ok $? "grouped by building where a kind can be"

# A unit in credit owes nothing and is not counted.
awk -F'\t' -v OFS='\t' 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; print; next }
    NR == 2 { print; $c["unit"] = "Z-1"; $c["balance"] = "0.00";
        $c["late_fee"] = "0.00"; $c["total"] = "-10.00"; $c["credit"] = "10.00"
        for (i = 1; i <= NF; i++) if ($i ~ /^[0-9]+\.[0-9][0-9]$/ && i != c["total"]) $i = "0.00"
        print; next } { print }' aged.tsv >credit.tsv
run dun-report -g none aged.tsv
want=$(cols 'units total')
run dun-report -g none credit.tsv
is "$(grep -c '^Z-1' credit.tsv):$(cols 'units total')" "1:$want" \
    "a unit in credit is not counted"

# The language of the config's notices is the report's.
printf 'notice:\n  language: en\n' >en.yaml
run dun-report -c en.yaml -k collectors -f text </dev/null
is "$(head -1 out):$(grep -c '^Total ' out)" "Collectors:1" "English titles and totals"

# ---- formats -------------------------------------------------------------

run dun-report -f text -g building aged.tsv
# The last column is a number, aligned right: every line of the table
# ends at the same display column, Chinese characters counted as two.
is "$(tail -n +4 out | $PY -c '
import sys, unicodedata
w = lambda s: sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
print(sorted(set(w(l.rstrip("\n")) for l in sys.stdin)) == [w(open("out").readlines()[3].rstrip("\n"))])')" \
    "True" "text: columns line up with Chinese names (display width)"
grep -q '^东园  *1栋' out
ok $? "text: the names are there"
grep -q '^合计' out
ok $? "text: the totals row says 合计"

dun-report -f html -k aging,collectors,rates,trend,effect -o r.html -g none \
    --from 2026-02-01 </dev/null
ok $? "html written with -o"
$PY - r.html <<'E' >html.txt
import sys
from html.parser import HTMLParser
class P(HTMLParser):
    def __init__(s):
        super().__init__(); s.n = {}; s.ext = 0
    def handle_starttag(s, t, a):
        s.n[t] = s.n.get(t, 0) + 1
        for k, v in a:
            if k in ("src", "href") and v and "://" in v: s.ext += 1
p = P(); p.feed(open(sys.argv[1], encoding="utf-8").read())
print(p.n.get("table", 0), p.n.get("svg", 0), p.n.get("script", 0), p.ext,
      p.n.get("rect", 0) > 0, p.n.get("polyline", 0) > 0)
E
is "$(cat html.txt)" "5 5 0 0 True True" \
    "html: five tables, five inline SVG charts, no script, nothing fetched"
grep -q '<td class="n">700.00</td>' r.html
ok $? "html: the tables hold the figures"

dun-report -f xlsx -k collectors -o r.xlsx </dev/null
ok $? "xlsx written with -o"
$PY - r.xlsx <<'E' >xlsx.txt
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1]).active
print(ws.title, ws.freeze_panes)
print(ws["A2"].value, ws["D2"].value, ws["D2"].number_format,
      ws["I2"].value, ws["I2"].number_format, ws["B2"].value)
print(ws["A4"].value, ws["F4"].value)
E
is "$(cat xlsx.txt)" "collectors A2
赵六 250 #,##0.00 0.4 0.00% 1
合计 600" "xlsx: numbers with two decimals, rates as per cents, frozen header"
dun-report -f xlsx -k trend -g none --from 2026-01-01 </dev/null >t.xlsx
$PY -c '
import sys, openpyxl, datetime
ws = openpyxl.load_workbook("t.xlsx").active
c = ws["A2"]
print(isinstance(c.value, datetime.datetime), c.number_format, ws["C3"].value)' >xlsx2.txt
is "$(cat xlsx2.txt)" "True yyyy-mm 700" "xlsx: months are dates, to a redirected stdout"

# xlsx to a terminal is refused; nothing is written.
if command -v script >/dev/null; then
	script -qec "dun-report -f xlsx -k aging" /dev/null >tty.txt 2>&1
	grep -q "not for a terminal" tty.txt
	ok $? "xlsx to a terminal is refused"
fi

# ---- masking -------------------------------------------------------------

dun-report -u A-1 -f text -p a1.pdf >ev.txt </dev/null 2>ev.err
grep -q "张\*" ev.txt && grep -q "138\*\*\*\*5678" ev.txt &&
    grep -q "z\*\*\*@example.com" ev.txt && ! grep -q "张三\|13812345678" ev.txt
ok $? "text masks names, phone numbers and e-mail"
dun-report -u A-1 -f text --no-mask -p a1.pdf >ev.txt </dev/null 2>/dev/null
grep -q "张三" ev.txt && grep -q "13812345678" ev.txt
ok $? "--no-mask shows them"
dun-report -u B-1 -p b1.pdf </dev/null >ev.tsv 2>/dev/null
grep -q "欧阳娜娜" ev.tsv && grep -q "13700002222" ev.tsv
ok $? "tsv to a pipe is not masked"
dun-report -u B-1 -p b1.pdf --mask </dev/null >ev2.tsv 2>/dev/null
grep -q "欧\*\*\*" ev2.tsv && ! grep -q "欧阳娜娜" ev2.tsv
ok $? "--mask masks tsv too"

# ---- the evidence pack -----------------------------------------------------

run dun-report -u B-1 -o pack/b1.tsv </dev/null
is "$rc:$(cat err)" "3:dun-report: pack/evidence-B-1-2026-03-31.pdf: cannot write: No such file or directory" \
    "a missing folder is an error"
[ ! -e pack ]
ok $? "and makes nothing"
mkdir pack
run dun-report -u B-1 -o pack/b1.tsv </dev/null
is "$rc:$(cat err)" "0:$(age_note 2029 dun-report)
dun-report: evidence pack: pack/evidence-B-1-2026-03-31.pdf" \
    "the pack: TSV and PDF beside it"
is "$(ls -a pack | tr '\n' ' ')" ". .. b1.tsv evidence-B-1-2026-03-31.pdf " \
    "no temporary file is left"
t=pack/b1.tsv
is "$(awk -F'\t' '$1 == "payment" { print $3, $5 }' $t)" "P4 300.00
P5 100.00" "every payment of the unit"
is "$(awk -F'\t' '$1 == "payment" && $3 == "P5" { print $12 }' $t)" \
    "物业管理费 2026-02 100.00" "and where it went"
is "$(awk -F'\t' '$1 == "adjustment" { print $3, $5, $12 }' $t)" \
    "W1 50.00 物业管理费 2026-02 50.00; 减免" "the waiver"
is "$(awk -F'\t' '$1 == "notice" { print $3, $4, $10, $11 }' $t)" \
    "N3 reminder/letter 西园1栋B-1 cc" "every notice, with its SHA-256"
is "$(awk -F'\t' '$1 == "served" { print $2, $3, $12 }' $t)" \
    "2026-02-28 N3 挂号信 XA123" "its proof of service"
is "$(awk -F'\t' '$1 == "event" { print $2, $4, $12 }' $t)" \
    "2026-03-01 承诺付款 承诺日期 2026-03-10; 已履行; 上门承诺" "the promise, kept"
is "$(awk -F'\t' '$1 == "charge" { print $3, $5, $6, $7 }' $t)" \
    "2026-01 300.00 300.00 0.00
2026-02 300.00 150.00 150.00" "the statement: billed, paid, unpaid"
is "$(awk -F'\t' '$1 == "limitation" { print $2 }' $t)" "2029-03-05" \
    "the limitation date, restarted by the part payment of 03-05"
is "$(awk -F'\t' '$1 == "restart" { print $2, $4 }' $t | sort)" \
    "2026-03-01 承诺付款
2026-03-05 部分付款" "and what restarted it"
pdftotext pack/evidence-B-1-2026-03-31.pdf pack.txt
for want in "证据材料" "欧***" "137****2222" "P5" "挂号信 XA123" "N3" \
    "2029-03-05" "壹佰伍拾元零伍分" "units.tsv"; do
	grep -qF "$want" pack.txt
	ok $? "the PDF says $want"
done
grep -q "欧阳娜娜" pack.txt
ok $((! $?)) "the PDF is masked by default"
# The PDF's owed total matches the TSV's.
# B-1 owes 150.00 of February's charge, due 02-28; 30 days' grace end on
# 03-30, and one day at 0.03% of 150.00 is 4.5 fen: 0.05, half up.
is "$(awk -F'\t' '$1 == "summary" { print $5, $7, $8 }' $t)" "150.05 150.00 0.05" \
    "the summary's total owed, with its late fee"

# The household section: every column the ledger holds of the unit, the
# area too, in dun(5)'s order.
printf 'unit\testate\tbuilding\towner\tphone\temail\taddress\tarea\toccupancy\tcollector\tdnc
D-1\t南园\t3栋\t孙七\t13600003333\tsq@example.com\t南园3栋D-1室\t89.50\ttenant\t钱八\tyes
' >hh-u.tsv
printf 'unit\tfee\tperiod\tdue\tamount\nD-1\tmanagement\t2026-01\t2026-01-31\t10.00\n' >hh-c.tsv
dun-import -d l.db hh-u.tsv hh-c.tsv >/dev/null 2>&1
run dun-report -u D-1 -o pack/d1.tsv </dev/null
is "$(awk -F'\t' '$1 == "household" { print $4 "|" $9 $10 $12 }' pack/d1.tsv)" \
    "$(printf '%s\n' '房号|D-1' '小区|南园' '楼栋|3栋' '业主|孙七' '电话|13600003333' '电子邮件|sq@example.com' \
    '地址|南园3栋D-1室' '面积（平方米）|89.50' '居住状态|tenant' '催收员|钱八' '勿扰|是')" \
    "the household: each of its columns, with its area, and do-not-contact"
is "$(awk -F'\t' '$1 == "household" && $4 == "业主" { print NF }' pack/d1.tsv)" \
    12 "  a whole row"

printf 'unit\tcollector\nC/2\t赵六\n' >slash-u.tsv
printf 'unit\tfee\tperiod\tdue\tamount\nC/2\tmanagement\t2026-01\t2026-01-31\t10.00\n' >slash-c.tsv
dun-import -d l.db slash-u.tsv slash-c.tsv >/dev/null 2>&1
run dun-report -u C/2 -o pack/c2.tsv </dev/null
is "$rc:$(cat err)" "0:$(age_note 2029 dun-report)
dun-report: evidence pack: pack/evidence-C-2-2026-03-31.pdf" \
    "a unit named with a slash makes one file, in the report's folder"
# A-2's late fees: January's 200.00 is 29 days past grace at 0.03% a day
# (1.74), capped at 3.9% a year for the 59 days past due (200 × 59 ×
# 0.039 / 365 = 1.26); February's one day is 0.06 (under its cap of
# 0.66).  1.32 in all, less the 1.00 waived (W2): 0.32.
run dun-report -u A-2 -p a2.pdf </dev/null
is "$(awk -F'\t' '$1 == "late_fee" && $8 != "" { print $3, $8 }' out)" \
    "2026-01 1.26
2026-02 0.06
 -1.00" "the late fees per charge, and what was waived"
is "$(awk -F'\t' '$1 == "summary" { print $8 }' out)" "0.32" \
    "the summary owes what is left"
check 1 "" "dun-report: no unit \"Z-9\" in the ledger" "evidence of an unknown unit" \
    -- dun-report -u Z-9 </dev/null
printf 'unit\nC-1\n' >bare.tsv
dun-import -d l.db -k unit bare.tsv >/dev/null
check 1 "" "dun-report: unit C-1 has no charges, payments, events or notices in the ledger: there is nothing to prove" \
    "evidence of a unit with no records" -- dun-report -u C-1 </dev/null
set -- evidence-* .evidence-*
[ ! -e "$1" ] && [ ! -e "$2" ]
ok $? "a failed pack leaves no PDF, nor a temporary one"

# ---- bad usage -------------------------------------------------------------

u="usage: dun-report"
run dun-report -k nosuch </dev/null
is "$rc:$(head -1 err)" "2:dun-report: -k nosuch: no such kind of report (aging, rates, collectors, effect, trend, notices, evidence)" "an unknown kind"
run dun-report -g street </dev/null
is "$rc:$(head -1 err)" "2:dun-report: -g street: no such group (none, estate, building, collector, class)" "an unknown group"
check 2 "" "dun-report: rates cannot be grouped by class" "a group the kind cannot use" \
    -- dun-report -k rates -g class </dev/null
check 2 "" "dun-report: dates out of order: --from 2026-03-01 is after --to 2026-02-01" \
    "dates out of order" -- dun-report -k rates --from 2026-03-01 --to 2026-02-01 </dev/null
check 2 "" "dun-report: --to 2026-04-01 is after the report's date 2026-03-31 (--as-of)" \
    "--to after --as-of" -- dun-report -k rates --to 2026-04-01 </dev/null
run dun-report -k aging,rates </dev/null
is "$rc:$(head -1 err)" "2:dun-report: tsv holds one table: name one kind, or use -f text, html or xlsx" \
    "two kinds in one TSV"
check 2 "" "dun-report: the ledger does not hold the classes: group aging by class from dun-classify's records" \
    "aging by class from the ledger" -- dun-report -g class </dev/null
check 1 "" "dun-report: aged.tsv: no column class: grouping by class needs dun-classify's records" \
    "aging by class from dun-age's records" -- dun-report -g class aged.tsv
printf 'a\tb\n1\t2\n' >odd.tsv
check 1 "" "dun-report: odd.tsv: neither dun-age's nor dun-notice's records (no unit, balance and days_overdue; no notice, stage and channel)" \
    "records of another kind" -- dun-report odd.tsv
awk -F'\t' -v OFS='\t' 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "balance") b = i }
    NR == 2 { $b = "12.345" } { print }' aged.tsv >bad.tsv
run dun-report -g none bad.tsv
is "$rc:$(cat err)" "1:dun-report: bad.tsv:2: balance: \"12.345\" has more than two decimal places" \
    "a bad amount names the file, line and column"
is "$(cols units)" "2" "and that record is left out"
echo "x" >o.html
run dun-report -f html -o o.html -d nosuch.db </dev/null
is "$rc:$(cat o.html)" "3:x" "a failed run leaves the old file as it was"

# ---- the example estate ------------------------------------------------------

cd "$top/examples" || exit 3
export DUN_DB="$tmp/e.db" DUN_TODAY=2026-11-20
dun-import units.csv bills.csv bank.csv waivers.tsv events.tsv >/dev/null 2>&1
cd "$tmp" || exit 3
dun-age >e-aged.tsv
run dun-report -k rates -g none </dev/null
billed=$(sql e.db "SELECT printf('%.2f', (sum(c.amount) - coalesce((SELECT
    sum(a.amount) FROM adjustments a WHERE a.amount > 0 AND a.period =
    202603), 0)) / 100.0) FROM charges c WHERE c.period = 202603")
is "$(awk -F'\t' '$1 == "2026-03" { print $2 }' out)" "$billed" \
    "the example estate: March's billed is the ledger's charges less waivers"
run dun-report -k collectors --from 2026-11-01 </dev/null
paid=$(sql e.db "SELECT printf('%.2f', sum(amount) / 100.0) FROM payments
    WHERE date BETWEEN 20758 AND 20777")
is "$(awk -F'\t' '$1 == "TOTAL" { print $7 }' out)" "$paid" \
    "collected in November is the ledger's payments in November"
is "$(awk -F'\t' '$1 == "TOTAL" { print $6 }' out)" \
    "$(awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
        { s += $c["balance"] * 100 } END { printf "%.2f", s / 100 }' e-aged.tsv)" \
    "arrears now are dun-age's balances"
run dun-report -g none e-aged.tsv
is "$(cols 'units total' | tail -1)" "$(awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
    $c["total"] > 0 { n++; s += $c["total"] * 100 } END { printf "%d %.2f", n, s / 100 }' e-aged.tsv)" \
    "aging's units and total are dun-age's"
run dun-report -k trend -g none </dev/null
is "$(awk -F'\t' '$1 == "2026-11" { print $3 }' out)" \
    "$(cols balance <"$tmp/out" >/dev/null; awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
        { s += $c["balance"] * 100 } END { printf "%.2f", s / 100 }' e-aged.tsv)" \
    "trend's last month ends at dun-age's balance"

echo "1..$tap_n"
exit $((tap_failed > 0))

#!/bin/sh
# gen -X: the reports of a property billing system, made from one estate
# beside that estate's own records (dun(5)): the household list in GBK
# with the unit over 楼栋, 单元 and 房号, the arrears list with its title,
# subtotals and signatures, the bills with their due dates (GBK), the
# receipts with one receipt over several fee lines, the receivables ledger
# as xlsx with a two-row header, and the household list as .xls.  Each
# file's shape is checked; then the reports are loaded by dun-import in
# place of the records they stand for, and dun-age must say, byte for
# byte, what it says from the records, with the default config (late
# fees) and with bench/fifo.yaml.
. "$(dirname "$0")/lib.sh"
PY=/usr/bin/python3
FIFO=$top/bench/fifo.yaml
ASOF=2026-11-20
ARGS="-u 120 -m 12 -p 2025-12 -s 5"

# An expected failure: "not ok N - DESC # TODO WHY", which prove passes.
todo() {	# todo STATUS DESCRIPTION WHY
	tap_n=$((tap_n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $tap_n - $2 # TODO $3"
	else
		echo "not ok $tap_n - $2 # TODO $3"
	fi
}
skip() {	# skip DESCRIPTION WHY
	tap_n=$((tap_n + 1))
	echo "ok $tap_n - $1 # SKIP $2"
}
# bench/toxls.py writes the .xls with python3-xlwt, xlrd reads it back.
toxls() { $PY "$top/bench/toxls.py" "$@"; }
has_xlwt=0 has_xlrd=0
$PY -c 'import xlwt' 2>/dev/null && has_xlwt=1
$PY -c 'import xlrd' 2>/dev/null && has_xlrd=1

mkdir x y f
# shellcheck disable=SC2086
run gen -X $ARGS -o x
is_rc 0 "gen -X writes the reports"
is "$(cd x && ls | tr '\n' ' ')" "adjustments.tsv arrears.csv bills.csv charges.tsv events.tsv households.csv ledger.xlsx payments.tsv receipts.csv units.tsv " \
    "  and the estate's records beside them"
# shellcheck disable=SC2086
gen -X $ARGS -o y
same=0
for f in x/*; do
	cmp -s "$f" "y/${f#x/}" || same=1
done
ok $same "  the same bytes twice, the workbook too"

# ---- households.csv -------------------------------------------------------
iconv -f UTF-8 -t UTF-8 x/households.csv >/dev/null 2>&1
ok "$(test $? -ne 0; echo $?)" "households.csv is not UTF-8"
iconv -f GBK -t UTF-8 x/households.csv >hh.csv
ok $? "  it is GBK"
is "$(head -1 hh.csv | tr -d '\r')" "小区名称,楼栋,单元,房号,业主姓名,联系电话,建筑面积,入住状态" \
    "  the header of a household list"
is "$(sed -n 2p hh.csv | cut -d, -f1-4,7,8 | tr -d '\r')" "示例花园,1栋,1单元,0101室,134.27,自住" \
    "  the unit over three columns"
tr -d '\r' <hh.csv | awk -F, 'NR > 1 { sub(/栋$/, "", $2); sub(/单元$/, "", $3);
    sub(/室$/, "", $4); print $2 "-" $3 "-" $4 }' >composed
cut -f1 x/units.tsv | tail -n +2 >ids
cmp -s composed ids
ok $? "  building-entrance-room without 栋 单元 室 is the records' unit, row for row"
is "$(grep -c . ids)" 120 "  a row a unit"
is "$(awk -F'\t' 'FNR > 1 { print FILENAME ~ /payments/ ? $2 : $1 }' x/charges.tsv \
    x/payments.tsv x/events.tsv | sort -u | grep -c -v -x -F -f ids)" 0 \
    "  and every record names a unit of the list"

# ---- receipts.csv ---------------------------------------------------------
is "$(head -c 3 x/receipts.csv | od -An -tx1 | tr -d ' ')" efbbbf \
    "receipts.csv begins with a byte-order mark"
tr -d '\r' <x/receipts.csv | sed '1s/^\xef\xbb\xbf//' >rc.csv
is "$(head -1 rc.csv)" "收据号,收款日期,楼栋,单元,房号,客户名称,收费项目,所属期间,实收金额,收款方式" \
    "  the header of a receipts list"
is "$(tail -1 rc.csv | cut -d, -f1)" "合计" "  a 合计 row at the end"
sed '1d;$d' rc.csv >rows.csv
sort -t, -k2,2 -s -c rows.csv
ok $? "  by date"
is "$(awk -F, '{ n[$1]++; f[$1 "," $7] = 1 } END { for (r in n) if (n[r] > 1) k++; print (k > 50) }' rows.csv)" 1 \
    "  many receipts over several rows"
is "$(awk -F, '$1 == r && $2 != d { bad++ } { r = $1; d = $2 } END { print bad + 0 }' rows.csv)" 0 \
    "  a receipt's rows on one day"
is "$(cut -d, -f7 rows.csv | sort -u | tr '\n' ' ')" "垃圾清运费 水费 滞纳金 物业服务费 电梯费 装修保证金 车位管理费 预存款 " \
    "  the fees by their billing names, a deposit, late fees, money held ahead"
is "$(awk -F, '$7 == "滞纳金" || $7 == "预存款" { print $8 }' rows.csv | sort -u | tr -d '\n')" "" \
    "  late fees and money held name no month"
is "$(awk -F, '{ s[$1] += $9 * 100 } END { for (r in s) printf "%s\t%.0f\n", r, s[r] }' rows.csv | sort)" \
    "$(awk -F'\t' 'NR > 1 { printf "%s\t%.0f\n", $1, $4 * 100 }' x/payments.tsv | sort)" \
    "  each receipt's rows add up to its payment in payments.tsv"
is "$(awk -F, '{ s += $9 * 100 } END { printf "%.0f", s }' rows.csv)" \
    "$(tail -1 rc.csv | awk -F, '{ printf "%.0f", $9 * 100 }')" "  and to the 合计"

# ---- arrears.csv ----------------------------------------------------------
tr -d '\r' <x/arrears.csv | sed '1s/^\xef\xbb\xbf//' >ar.csv
is "$(head -c 3 x/arrears.csv | od -An -tx1 | tr -d ' ')" efbbbf \
    "arrears.csv is UTF-8 with a byte-order mark"
is "$(head -4 ar.csv)" "物业费欠费明细表
截止日期：$ASOF

楼栋,单元,房号,客户名称,联系电话,收费项目,计费开始日期,计费结束日期,应收金额,实收金额,欠费金额" \
    "  a title, the day, an empty row, then the header"
is "$(grep -n '小计\|合计\|制表人' ar.csv | cut -d, -f1 | sed 's/^[0-9]*://')" "1栋小计
2栋小计
合计
制表人：张三" "  a 小计 a building, then 合计 and the signatures"
is "$(tail -1 ar.csv)" "制表人：张三,,,,审核人：李四" "  the signatures' row"
awk -F, 'NR > 4 && $1 !~ /小计|合计|制表/' ar.csv >lines.csv
is "$(awk -F, '{ a = int($9 * 100 + .5); p = int($10 * 100 + .5); o = int($11 * 100 + .5) }
    a - p != o || o <= 0 { bad++ } END { print (NR > 0), bad + 0 }' lines.csv)" "1 0" \
    "  each line: 欠费 = 应收 - 实收, and above 0"
is "$(grep -c 装修保证金 lines.csv)" 0 "  no deposit among arrears"
is "$(awk -F, '{ b = $1 ~ /^2/; for (i = 9; i <= 11; i++) s[b, i] += $i * 100 }
    END { for (b = 0; b < 2; b++) printf "%.0f %.0f %.0f\n", s[b, 9], s[b, 10], s[b, 11] }' lines.csv)" \
    "$(grep 小计 ar.csv | awk -F, '{ printf "%.0f %.0f %.0f\n", $9 * 100, $10 * 100, $11 * 100 }')" \
    "  the 小计 rows add up their building's lines"
is "$(grep 小计 ar.csv | awk -F, '{ for (i = 9; i <= 11; i++) s[i] += $i * 100 }
    END { printf "%.0f %.0f %.0f", s[9], s[10], s[11] }')" \
    "$(grep '^合计' ar.csv | awk -F, '{ printf "%.0f %.0f %.0f", $9 * 100, $10 * 100, $11 * 100 }')" \
    "  and the 合计 the 小计s"
# shellcheck disable=SC2086
gen -X -a $ARGS -o y
tr -d '\r' <y/arrears.csv | awk -F, 'NR > 4 && $1 !~ /小计|合计|制表/' >all.csv
is "$(grep -c . all.csv)" "$(grep -c -v -e 装修保证金 -e '^unit' x/charges.tsv)" \
    "-a: a line for every bill but the deposits"
is "$(awk -F, '{ s += $9 * 100 } END { printf "%.0f", s }' all.csv)" \
    "$(awk -F'\t' 'NR > 1 && $2 != "装修保证金" { s += $5 * 100 } END { printf "%.0f", s }' x/charges.tsv)" \
    "  what they ask is what the records charge"

# ---- bills.csv -------------------------------------------------------------
iconv -f UTF-8 -t UTF-8 x/bills.csv >/dev/null 2>&1
ok "$(test $? -ne 0; echo $?)" "bills.csv is not UTF-8"
iconv -f GBK -t UTF-8 x/bills.csv >bl.txt
ok $? "  it is GBK"
tr -d '\r' <bl.txt >bl.csv
is "$(head -3 bl.csv)" "示例花园物业费应收明细表
所属期间：2025年12月至2026年11月
楼栋,单元,房号,客户名称,收费项目,所属期间,应收日期,应收金额" \
    "  a title, the months billed, then the header"
is "$(tail -1 bl.csv | cut -d, -f1)" "合计" "  a 合计 row at the end"
sed '1,3d;$d' bl.csv >brows.csv
awk -F, -v OFS='\t' 'BEGIN { key["物业服务费"] = "management"; key["水费"] = "water"
    key["车位管理费"] = "parking" } { sub(/栋$/, "", $1); sub(/单元$/, "", $2)
    print $1 "-" $2 "-" $3, $5 in key ? key[$5] : $5, $6, $7, $8 }' brows.csv >bills.tsv
tail -n +2 x/charges.tsv | cmp -s - bills.tsv
ok $? "  a row a charge of the records, in their order, with its due date"
awk -F'\t' 'NR > 1 { print $1 "\t" $4 }' x/units.tsv | sort >owners
is "$(awk -F, '{ sub(/栋$/, "", $1); sub(/单元$/, "", $2)
    print $1 "-" $2 "-" $3 "\t" $4 }' brows.csv | sort -u | comm -12 - owners | wc -l)" 120 \
    "  客户名称 the unit's owner"
is "$(awk -F, '{ s += $8 * 100 } END { printf "%.0f", s }' brows.csv)" \
    "$(tail -1 bl.csv | awk -F, '{ printf "%.0f", $8 * 100 }')" "  the 合计 adds them up"

# ---- ledger.xlsx -----------------------------------------------------------
$PY - x/ledger.xlsx x/charges.tsv rc.csv >xlsx.txt 2>&1 <<'E'
import collections, csv, datetime, re, sys
import openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
vals = openpyxl.load_workbook(sys.argv[1], data_only=True).active
ws = wb.active
print("merged", " ".join(sorted(str(r) for r in ws.merged_cells.ranges
                                if r.min_row <= 3)))
print("title", ws["A1"].value)
print("head", " | ".join(str(c.value or "") for c in ws[2]))
print("sub", " | ".join(str(c.value or "") for c in ws[3]))
last = ws.max_row
rows = list(ws.iter_rows(min_row=4, max_row=last - 1))
dates = all(r[i].is_date and r[i].number_format == "yyyy-mm-dd"
            and isinstance(r[i].value, datetime.datetime) for r in rows
            for i in (2, 3, 4))
print("dates", dates)
money = all(r[i].number_format == "#,##0.00" and
            isinstance(r[i].value, (int, float)) for r in rows
            for i in (5, 6, 7))
print("money", money)
cents = [[round(r[i].value * 100) for i in (5, 6, 7)] for r in rows]
print("exact", all(abs(r[i].value * 100 - c[i - 5]) < 1e-6 and
                   "%.15g" % r[i].value == "%.15g" % (c[i - 5] / 100)
                   for r, c in zip(rows, cents) for i in (5, 6, 7)))
print("owing", all(c[0] - c[1] == c[2] for c in cents))
recs = list(csv.reader(open(sys.argv[2], encoding="utf-8"),
                       delimiter="\t"))[1:]
print("bills", len(rows) == len(recs) and all(
    r[0].value == t[0] and round(float(t[4]) * 100) == c[0] and
    r[4].value.strftime("%Y-%m-%d") == t[3]
    for r, t, c in zip(rows, recs, cents)))
# What the receipts put on each bill line is its 实收, no more, no less.
paid = collections.Counter()
for x in csv.reader(open(sys.argv[3], encoding="utf-8")):
    if x[0] in ("收据号", "合计") or x[6] in ("滞纳金", "预存款"):
        continue
    unit = "-".join(re.sub("(号楼|单元)$", "", v) for v in x[2:5])
    paid[unit, x[6], x[7]] += round(float(x[8]) * 100)
lines = collections.Counter({(r[0].value, r[1].value,
                              r[2].value.strftime("%Y-%m")): c[1]
                             for r, c in zip(rows, cents) if c[1]})
print("receipts", +paid == lines)
tot = ws[last]
print("total", tot[0].value, " ".join(str(tot[i].value) for i in (5, 6, 7)))
print("cached", all(round(vals.cell(last, 6 + i).value * 100) ==
                    sum(c[i] for c in cents) for i in range(3)))
E
is "$(cat xlsx.txt)" "merged A1:H1 A2:A3 B2:B3 C2:D2 E2:E3 F2:H2
title 示例花园应收台账（截至$ASOF）
head 房屋编号 | 收费项目 | 计费起止日期 |  | 应收日期 | 金额（元） |  | 
sub  |  | 开始 | 结束 |  | 应收 | 实收 | 欠收
dates True
money True
exact True
owing True
bills True
receipts True
total 合计 =SUM(F4:F5779) =SUM(G4:G5779) =SUM(H4:H5779)
cached True" "ledger.xlsx: a merged title, two header rows (应收日期 over both), date cells, money to the fen, a bill a row, what the receipts paid on it, 合计 by formula"

# ---- households.xls --------------------------------------------------------
if [ $has_xlwt -eq 1 ]; then
	run toxls x/households.csv x/households.xls
	is_rc 0 "bench/toxls.py makes households.xls"
	is "$(head -c 8 x/households.xls | od -An -tx1 | tr -d ' ')" d0cf11e0a1b11ae1 \
	    "  a legacy (OLE) workbook"
else
	skip "bench/toxls.py makes households.xls" "python3-xlwt is not installed"
fi
if [ $has_xlwt -eq 1 ] && [ $has_xlrd -eq 1 ]; then
	$PY - x/households.xls >xls.txt 2>&1 <<'E'
import sys
import xlrd
b = xlrd.open_workbook(sys.argv[1], formatting_info=True)
s = b.sheet_by_index(0)
print(s.nrows, s.merged_cells)
print(s.cell_value(0, 0))
print(",".join(s.row_values(1)))
print(",".join(str(v) for v in s.row_values(2)), s.cell_type(2, 6))
E
	is "$(cat xls.txt)" "122 [(0, 1, 0, 8)]
示例花园住户资料
小区名称,楼栋,单元,房号,业主姓名,联系电话,建筑面积,入住状态
示例花园,1栋,1单元,0101室,高华,13931521433,134.27,自住 2" \
	    "  read back by xlrd: the title merged over the columns, the area a number"
else
	skip "  read back by xlrd" "python3-xlwt or python3-xlrd is not installed"
fi

# ---- the fees dun does not know, and -F ------------------------------------
is "$(cut -f2 x/charges.tsv | sort -u | tr '\n' ' ')" "fee management parking water 垃圾清运费 电梯费 装修保证金 " \
    "the records name the fees dun does not know as the reports do"
is "$(awk -F'\t' '$2 == "电梯费" { print $1 }' x/charges.tsv | sort -u |
    awk -F- '$3 + 0 < 700' | wc -l)" 0 "  电梯费 only above the sixth floor"
# shellcheck disable=SC2086
run gen -X -F $ARGS -o f
is_rc 0 "-F: only the fees dun knows"
is "$(cat f/*.tsv f/arrears.csv f/receipts.csv | grep -c -e 电梯费 -e 垃圾清运费 -e 装修保证金)" 0 \
    "  none of the others anywhere"
# -F: the estate of -x, unit for unit, its units renamed and no waivers.
mkdir e
# shellcheck disable=SC2086
gen -x $ARGS -o e
is "$(awk -F'\t' 'NR > 1 { n++; s += $5 * 100 } END { printf "%d %.0f", n, s }' f/charges.tsv)" \
    "$(tr -d '\r' <e/bills.csv | sed 1d | awk -F, '{ n++; s += $5 * 100 } END { printf "%d %.0f", n, s }')" \
    "  the same bills as -x"
is "$(awk -F'\t' 'NR > 1 { n++; s += $4 * 100 } END { printf "%d %.0f", n, s }' f/payments.tsv)" \
    "$($PY -c 'import csv, sys
r = list(csv.reader(open(sys.argv[1], encoding="utf-8")))[1:]
print(len(r), sum(round(float(x[3].strip("¥").replace(",", "")) * 100) for x in r))' e/bank.csv)" \
    "  and the same payments"
is "$(cut -f4 f/units.tsv | tail -n +2)" "$(tr -d '\r' <e/units.csv | sed 1d | cut -d, -f3)" \
    "  and the same owners"
run gen -F -o f
is_rc 2 "-F without -X is refused"
run gen -x -X -o f
is_rc 2 "-x with -X is refused"

# ---- what dun-import makes of each report ----------------------------------
# The records loaded (units.tsv, charges.tsv, payments.tsv), and dun-age
# with the default config (late fees, money naming a bill there first)
# and with bench/fifo.yaml (no late fees, all money oldest bill first),
# against the reports loaded in their place.  The reports carry all the
# records do: the bills with their due dates (bills.csv, ledger.xlsx),
# and the receipts with what each payment paid, a line a bill, and in
# late fees (滞纳金), as the default config applies it; a bill line's
# 实收 (ledger.xlsx) is the money of the receipts naming it, which
# dun-import counts once (dun-import(1)).  So every column is the same,
# byte for byte, under either config.
#
# An arrears list begins a ledger (-H, the day after its 截止日期): its
# figures count whole, and the receipts, all dated before that day, are
# then left out, not counted a second time.  Bill lines with no receipts
# (arrears.csv, ledger.xlsx alone) say what each unit owes, not when it
# paid; what is owed is the records', under the config the receipts
# follow.
age() {	# age DB default|fifo: dun-age, every column
	if [ "$2" = fifo ]; then
		dun-age -c "$FIFO" -d "$1" -t $ASOF
	else
		dun-age -d "$1" -t $ASOF
	fi
}
# What the units with a balance owe, and how many months of it.
owing() {
	awk -F'\t' '$8 != "0.00"' | SEP="$TAB" cols "unit balance not_due periods_unpaid" -
}
load() {	# load DIR DB [-H DATE] FILE...: its summary in load.out
	_d=$1 _db=$2
	shift 2
	(cd "$_d" && dun-import -d "$_db" "$@") >load.out 2>load.err
}
# The files of the last load of which every row was there already.
unchanged() {
	awk -F'\t' 'NR > 1 && $4 == 0 && $5 == 0 && $7 == 0 && $6 == $3 &&
	    $3 > 0 { printf "%s%s", n++ ? " " : "", $1 }' load.out
}
ASOF1=2026-11-21	# the day after the arrears list's
for d in x f; do
	[ $has_xlwt -eq 1 ] && toxls $d/households.csv $d/households.xls
	[ $d = x ] && what="with 电梯费, 垃圾清运费 and deposits" ||
	    what="-F, the fees dun knows"
	load $d truth.db units.tsv charges.tsv payments.tsv
	rc=$?
	for cf in default fifo; do
		age $d/truth.db $cf >$d/truth.$cf
	done
	ok $rc "$what: the records load, and $(owing <$d/truth.default | grep -c -v ^unit) units owe"
	cmp -s $d/truth.default $d/truth.fifo
	[ $? -eq 1 ]
	ok $? "  late fees and money naming a bill: the configs differ"
	n=0
	for set in "households.csv charges.tsv payments.tsv" \
	    "households.xls charges.tsv payments.tsv" \
	    "units.tsv charges.tsv receipts.csv" \
	    "households.csv bills.csv receipts.csv" \
	    "households.xls ledger.xlsx receipts.csv"; do
		n=$((n + 1))
		if [ ! -f "$d/${set%% *}" ]; then
			skip "$what: $set" "python3-xlwt is not installed"
			continue
		fi
		# shellcheck disable=SC2086
		load $d r$n.db $set
		rc=$?
		ok $rc "$what: $set load"
		if [ $rc -ne 0 ]; then
			sed 's/^/#   /' load.err | head -4
			continue
		fi
		for cf in default fifo; do
			is "$(age $d/r$n.db $cf)" "$(cat $d/truth.$cf)" \
			    "  dun-age ($cf config), every column, as from the records"
		done
		case "$set" in *bills.csv*|*ledger.xlsx*)
			h=$(dump_sum $d/r$n.db)
			# shellcheck disable=SC2086
			load $d r$n.db $set
			is "$(unchanged)" "$set" "  loaded again: every row unchanged"
			is "$(dump_sum $d/r$n.db)" "$h" "  and the ledger as it was"
		esac
	done
	# Bill lines with no receipts: what each unit owes.
	for set in "households.csv arrears.csv" "households.csv ledger.xlsx"; do
		n=$((n + 1))
		# shellcheck disable=SC2086
		load $d r$n.db $set
		is "$(age $d/r$n.db default | owing)" "$(owing <$d/truth.default)" \
		    "$what: $set: what each unit owes is the records' (default config)"
	done
	# The arrears list begins the ledger; the receipts are in its figures.
	load $d c.db -H $ASOF1 households.csv arrears.csv
	ok $? "$what: -H $ASOF1 households.csv arrears.csv load"
	for cf in default fifo; do
		age $d/c.db $cf >$d/c.$cf
	done
	load $d c.db receipts.csv
	is "$(awk -F'\t' 'NR > 1 { print $1, $3, $4, $7 }' load.out)" \
	    "receipts.csv $(grep -c '^SJ' $d/receipts.csv) $(grep -c '^SJ' $d/receipts.csv) 0" \
	    "  then receipts.csv: every row kept"
	for cf in default fifo; do
		is "$(age $d/c.db $cf)" "$(cat $d/c.$cf)" \
		    "  dun-age ($cf config), every column, as from the list alone: no receipt counted twice"
	done
	h=$(dump_sum $d/c.db)
	load $d c.db -H $ASOF1 households.csv arrears.csv receipts.csv
	is "$(unchanged)" "households.csv arrears.csv receipts.csv" \
	    "  all three loaded again: every row unchanged"
	is "$(dump_sum $d/c.db)" "$h" "  and the ledger as it was"
done

# A GBK file as large as a real estate's bills: text converted past the
# first blocks keeps its line ends (lib/records/rec_text.c, fill(), once
# took the text moved to the front of its buffer for the end of the
# input).
mkdir big
gen -X -u 1000 -m 24 -p 2024-12 -s 1 -o big
(cd big && dun-import -n -d none.db households.csv bills.csv) >load.out 2>load.err
ok $? "a GBK bills.csv of $(($(wc -c <big/bills.csv) / 1000000)) MB loads"
is "$(cut -f3 load.out | tail -1)" "$(($(grep -c '^[0-9]' big/charges.tsv)))" \
    "  every bill in it"

# ---- the bundled example -----------------------------------------------------
mkdir ex
gen -X -u 200 -m 24 -p 2024-12 -s 1 -o ex
if [ $has_xlwt -eq 1 ]; then
	toxls ex/households.csv ex/households.xls
else
	cp "$top/examples/exports/households.xls" ex/
	skip "  bench/toxls.py makes examples/exports/households.xls" \
	    "python3-xlwt is not installed"
fi
is "$(cd ex && ls | tr '\n' ' ')" "$(cd "$top/examples/exports" && ls | tr '\n' ' ')" \
    "examples/exports has what gen -X writes"
for f in ex/*; do
	[ $has_xlwt -eq 0 ] && [ "$f" = ex/households.xls ] && continue
	cmp -s "$f" "$top/examples/exports/${f#ex/}"
	ok $? "  gen -X makes examples/exports/${f#ex/} byte for byte"
done
# The reports of the example estate, as they are in examples/exports.
load "$top/examples/exports" "$PWD/ex.db" units.tsv charges.tsv payments.tsv
ok $? "examples/exports: the records load"
for cf in default fifo; do
	age ex.db $cf >ex.$cf
done
n=0
for set in "households.csv bills.csv receipts.csv" \
    "households.xls ledger.xlsx receipts.csv"; do
	n=$((n + 1))
	# shellcheck disable=SC2086
	load "$top/examples/exports" "$PWD/ex$n.db" $set
	ok $? "  $set load"
	for cf in default fifo; do
		is "$(age ex$n.db $cf)" "$(cat ex.$cf)" \
		    "  dun-age ($cf config), every column, as from the records"
	done
done
done_testing

#!/bin/sh
# dun-import on exports shaped like a billing system's and a bank's: units
# named over 楼栋/单元/房号, rows above the header and 合计 rows, a header
# over two rows, bill lines with what was paid, waived and is owing,
# receipts over several fee lines, fees the config lacks, deposits,
# billing ranges, bill numbers, household data in bills.
. "$(dirname "$0")/lib.sh"

H="file${TAB}kind${TAB}rows${TAB}inserted${TAB}updated${TAB}unchanged${TAB}rejected${TAB}skipped"
row() { printf '%s\t' "$@" | sed 's/\t$//'; }

# ---- a unit named in parts ------------------------------------------
# 120 households: 6 buildings, 2 entrances each, 10 rooms each, the same
# room numbers in every entrance.  Before, 房号 alone was the unit and
# they merged into 10.
{
	echo "小区名称,楼栋,单元,房号,业主姓名,联系电话"
	for b in 1 2 3 4 5 6; do for e in 1 2; do for r in 1 2 3 4 5 6 7 8 9 10; do
		echo "锦绣花园,${b}栋,${e}单元,$((r + 100))室,业主$b-$e-$r,$(printf '138%08d' $((b * 1000 + e * 100 + r)))"
	done; done; done
} >hh.csv
check 0 "$H
$(row hh.csv unit 120 120 0 0 0 0)" "" "120 households over 楼栋, 单元, 房号" -- \
    dun-import -d l.db hh.csv
is "$(sql l.db "SELECT count(*), count(DISTINCT owner) FROM units")" "120|120" \
    "  120 units, none merged"
is "$(sql l.db "SELECT unit, estate, building, owner FROM units ORDER BY id LIMIT 2")" \
"1-1-101|锦绣花园|1栋|业主1-1-1
1-1-102|锦绣花园|1栋|业主1-1-2" "  ids made building-entrance-room, suffixes 栋 单元 室 stripped"

printf '楼栋,房号,业主姓名\n7号楼,7-0101,周一\n8幢,0101,周二\n' >parts.csv
check 0 "$H
$(row parts.csv unit 2 2 0 0 0 0)" "" "号楼 and 幢; a room that already holds its building" -- \
    dun-import -d l.db parts.csv
is "$(sql l.db "SELECT unit FROM units WHERE owner IN ('周一', '周二') ORDER BY unit")" \
"7-0101
8-0101" "  7号楼 7-0101 is 7-0101; 8幢 0101 is 8-0101 (no entrance column)"

printf 'import:\n  unit_template: "{estate}/{building}#{room}"\n' >tpl.yaml
printf '小区,楼栋,房号,业主\n东区,1栋,101,甲\n西区,1栋,101,乙\n' >tpl.csv
check 0 "$H
$(row tpl.csv unit 2 2 0 0 0 0)" "" "a template of the office's own" -- \
    dun-import -c tpl.yaml -d t.db tpl.csv
is "$(sql t.db "SELECT unit FROM units ORDER BY unit")" "东区/1#101
西区/1#101" "  two estates' 1-101 kept apart"

printf '楼栋,单元,房号,业主姓名,联系电话\n1栋,1单元,101,张三,13800000001\n1栋,1单元,101室,李四,13800000001\n' >dup.csv
check 1 "" 'dun-import: dup.csv:3: 业主姓名: unit 1-1-101 is "张三" on dup.csv:2 and "李四" here: two households of one unit id (are its building and entrance columns there?), or one of the rows is wrong
dun-import: 1 bad row: nothing was imported (--skip-bad loads the good ones)' \
    "two owners for one unit in one run name both lines" -- dun-import -d n.db dup.csv
is "$(sql n.db "SELECT count(*) FROM units")" "0" "  and nothing is imported"
before=$(dump_sum l.db)

printf '楼栋,单元,房号,业主姓名\n1栋,1单元,101室,张三\n' >chg.csv
check 1 "" 'dun-import: chg.csv:2: 房号: unit 1-1-101: owner is "业主1-1-1" in the ledger, "张三" here (--replace changes it)
dun-import: 1 bad row: nothing was imported (--skip-bad loads the good ones)' \
    "a household changes only with --replace, old and new shown" -- \
    dun-import -d l.db chg.csv
is "$(dump_sum l.db)" "$before" "  and the ledger is as it was"
check 0 "$H
$(row chg.csv unit 1 0 1 0 0 0)" "" "  --replace changes it" -- \
    dun-import -d l.db --replace chg.csv
is "$(sql l.db "SELECT owner, phone FROM units WHERE unit = '1-1-101'")" \
    "张三|13800001101" "  the owner changed, the phone the file lacks kept"
is "$(sql l.db "SELECT kind, key, old, new FROM revisions")" \
    "unit|1-1-101|owner 业主1-1-1|owner 张三" "  and what it replaced is kept"

# ---- an arrears list: title rows, 小计, 合计, signatures -------------
cat >arrears.csv <<'EOF'
物业费欠费明细表,,,,,,,,,,,
截止日期：2026-11-20,,,,,,,,,,,
,,,,,,,,,,,
楼栋,单元,房号,客户名称,收费项目,计费开始日期,计费结束日期,应收金额,实收金额,优惠金额,欠费金额,滞纳金
1栋,1单元,101室,张三,物业服务费,2026-07-01,2026-09-30,900.00,300.00,0.00,600.00,12.30
1栋,1单元,101室,张三,电梯费,2026-10-01,2026-10-31,50.00,0.00,0.00,50.00,0
1栋,2单元,101室,业主1-2-1,物业服务费,2026-10-01,2026-10-31,300.00,100.00,50.00,150.00,
1栋小计,,,,,,,1250.00,400.00,50.00,800.00,12.30
2栋,1单元,101,业主2-1-1,装修保证金,2026-03-01,,2000.00,0.00,0.00,2000.00,
2栋 小计,,,,,,,2000.00,0,0,2000.00,
合 计,,,,,,,3250.00,400.00,50.00,2800.00,12.30
制表人：赵六,,,,审核人：钱七,,,,,,,
EOF
notes='dun-import: arrears.csv: the header is on line 4; passed over the 3 rows above it
dun-import: arrears.csv: passed over 1 合计 row, 2 小计 rows, 1 制表人 row
dun-import: a late-fee column (滞纳金) gives 12.30 on 1 line, not loaded: dun figures late fees itself, by each fee'"'"'s late_fee in dun.yaml (dun-age -a shows them)
dun-import: "电梯费" is not a fee of the config: loaded as a fee of its own, with no late fee, allocated after the config'"'"'s (1 row). To give it a label and a late fee, add to dun.yaml:
  fees:
    电梯费:
      label: 电梯费
      late_fee: {method: daily, rate: 0.03%, grace_days: 30}
dun-import: "装修保证金" is a deposit (allocation.deposits): kept in the ledger, never owed (1 row)
dun-import: 3 charges came with what is owing on them (欠费), and the ledger has no history start: if this is an arrears list and not every bill since the start, say --history-start DATE (the day after the list'"'"'s 截止日期), so that reports show no rates before it and receipts before it are not counted twice'
check 0 "$H
$(row arrears.csv charge 4 4 0 0 0 0)" "$notes" "an arrears list with title, 小计, 合计 and signature rows" -- \
    dun-import -d l.db arrears.csv
is "$(sql l.db "SELECT u.unit, fee, period, date(due * 86400, 'unixepoch'), amount, ifnull(paid, 0), ifnull(waived, 0), date(start * 86400, 'unixepoch'), ifnull(date(until * 86400, 'unixepoch'), '') FROM charges c LEFT JOIN charge_details USING (unit_id, fee, period, bill) JOIN units u ON u.id = c.unit_id ORDER BY 1, 2")" \
"1-1-101|management|202607|2026-07-31|90000|30000|0|2026-07-01|2026-09-30
1-1-101|电梯费|202610|2026-10-31|5000|0|0|2026-10-01|2026-10-31
1-2-101|management|202610|2026-10-31|30000|10000|5000|2026-10-01|2026-10-31
2-1-101|装修保证金|202603|2026-03-31|200000|0|0|2026-03-01|" \
    "  each line a charge: its range, period its first month, due that month's end, paid and waived on it"
is "$(sql l.db "SELECT count(*) FROM charges WHERE amount IN (125000, 200000, 325000) AND fee NOT LIKE '%保证金'")" "0" \
    "  no 小计 or 合计 row loaded"
run dun-age -d l.db -t 2026-11-20
is "$(SEP='|' cols 'unit balance not_due periods_unpaid')" \
"1-1-101|650.00|0.00|2
1-2-101|150.00|0.00|1" "  dun-age owes what the list says is owing, the deposit left out"
check 0 "$H
$(row arrears.csv charge 4 0 0 4 0 1)" "" "  loading it again passes it over, loaded whole before" -- \
    dun-import -d l.db arrears.csv
check 0 "$H
$(row arrears.csv charge 4 0 0 4 0 0)" "$notes" "  read again (--replace), it changes nothing" -- \
    dun-import -r -d l.db arrears.csv

printf '房屋编号,收费项目,所属期间,应收金额,实收金额,欠费金额\n1-1-102,物业费,2026-10,300.00,100.00,150.00\n1-1-103,物业费,2026-10,300.00,400.00,\n1-1-104,物业费,2026-10,,,80.00\n' >wrong.csv
before=$(dump_sum l.db)
check 1 "" 'dun-import: wrong.csv:2: 欠费金额: is 150.00, but 300.00 billed less 100.00 paid less 0.00 waived is 200.00; correct the line in the export
dun-import: wrong.csv:3: 实收金额: 400.00 paid and 0.00 waived are more than the 300.00 billed
dun-import: 2 bad rows: nothing was imported (--skip-bad loads the good ones)' \
    "a bill line whose figures disagree names its line and column" -- dun-import -d l.db wrong.csv
is "$(dump_sum l.db)" "$before" "  and the ledger is as it was"

# ---- receipts over several fee lines; not counted twice -------------
printf '\357\273\277收据号,收款日期,楼栋,单元,房号,客户名称,收费项目,所属期间,实收金额,收款方式\r\n' >rc.csv
printf 'R001,2026-08-05,1栋,1单元,101室,张三,物业服务费,2026-07,300.00,微信\r\n' >>rc.csv
printf 'R002,2026-11-21,1栋,1单元,101室,张三,物业服务费,2026-07,100.00,现金\r\n' >>rc.csv
printf 'R002,2026-11-21,1栋,1单元,101室,张三,电梯费,2026-10,50.00,现金\r\n' >>rc.csv
printf '合计,,,,,,,,450.00,\r\n' >>rc.csv
check 0 "$H
$(row rc.csv payment 3 3 0 0 0 0)" 'dun-import: rc.csv: passed over 1 合计 row' \
    "a receipt split over two fee lines, in a UTF-8 BOM and CRLF export" -- dun-import -d l.db rc.csv
is "$(sql l.db "SELECT ref, line, amount FROM payments ORDER BY ref, line")" \
"R001|management 2026-07|30000
R002|management 2026-07|10000
R002|电梯费 2026-10|5000" "  R002 is one payment of two lines"
run dun-age -d l.db -t 2026-11-22
is "$(SEP='|' cols 'unit balance')" "1-1-101|500.00
1-2-101|150.00" "  R001 is the 300.00 the arrears list says was paid: not counted twice"
check 0 "$H
$(row rc.csv payment 3 0 0 3 0 1)" '' \
    "  loading the receipts again passes them over" -- dun-import -d l.db rc.csv
check 0 "$H
$(row rc.csv payment 3 0 0 3 0 0)" 'dun-import: rc.csv: passed over 1 合计 row' \
    "  read again (--replace), they change nothing" -- dun-import -r -d l.db rc.csv

before=$(dump_sum l.db)
printf '收据号,收款日期,房屋编号,收费项目,所属期间,实收金额\nR002,2026-11-21,1-1-101,水费,2026-10,10.00\n' >rc2.csv
check 1 "" 'dun-import: rc2.csv:2: 收据号: receipt R002 is in the ledger already, without this line (water 2026-10): a receipt'"'"'s lines are loaded together, from one file; if the receipt was changed, reverse it (dun-import -k reversal) and load the new one under its own number
dun-import: 1 bad row: nothing was imported (--skip-bad loads the good ones)' \
    "a receipt in the ledger does not gain a line later" -- dun-import -d l.db rc2.csv
printf '收据号,收款日期,房屋编号,收费项目,所属期间,实收金额\nR003,2026-11-21,1-1-101,水费,2026-10,10.00\nR003,2026-11-21,1-2-101,物业费,2026-10,10.00\n' >rc3.csv
check 1 "" 'dun-import: rc3.csv:3: 收据号: receipt R003 is for 1-1-101 on 2026-11-21 in the rows above, here for 1-2-101 on 2026-11-21: one receipt is one payment, of one unit on one day
dun-import: 1 bad row: nothing was imported (--skip-bad loads the good ones)' \
    "one receipt for two units is refused, naming it" -- dun-import -d l.db rc3.csv
is "$(dump_sum l.db)" "$before" "  and the ledger is as it was"

cp l.db rev.db
check 0 "$H
$(row 'command line' reversal 1 1 0 0 0 0)" "" "the receipt the bill line counted bounces" -- \
    dun-import -d rev.db -k reversal ref=R001 date=2026-11-22 reason=退票
run dun-age -d rev.db -t 2026-11-22
is "$(SEP='|' cols 'unit balance')" "1-1-101|800.00
1-2-101|150.00" "  the line's 300.00 paid is owed again: the reversal wins over the bill line"

# ---- a ledger begun from an arrears list, then the receipts ----------
printf '房屋编号,收费项目,所属期间,应收金额,实收金额,欠费金额\n1-1-101,物业费,2026-10,300.00,100.00,200.00\n' >start.csv
printf '收据号,收款日期,房屋编号,收费项目,所属期间,实收金额\n' >old.csv
printf 'S1,2026-10-15,1-1-101,物业费,2026-10,100.00\n' >>old.csv
printf 'S2,2026-09-10,1-1-101,物业费,2026-09,500.00\n' >>old.csv
printf 'S3,2026-11-25,1-1-101,物业费,2026-10,50.00\n' >>old.csv
dun-import -d h.db hh.csv >/dev/null 2>&1
check 0 "$H
$(row start.csv charge 1 1 0 0 0 0)" "" "an arrears list with the day full history begins" -- \
    dun-import -d h.db -H 2026-11-21 start.csv
check 0 "$H
$(row old.csv payment 3 3 0 0 0 0)" "" "  then every receipt the cashier has" -- \
    dun-import -d h.db old.csv
run dun-age -d h.db -t 2026-12-01
is "$(SEP='|' cols 'unit balance')" "1-1-101|150.00" \
    "  receipts before the start are in the list's figures already (S1), or paid a bill it left out (S2); S3 is new"

# ---- a header over two rows ------------------------------------------
cat >two.csv <<'EOF'
应收台账,,,,,,
房屋编号,收费项目,计费起止日期,,金额（元）,,
,,开始,结束,应收,实收,欠收
1-2-102,物业服务费,2026-11-01,2026-11-30,300.00,0,300.00
EOF
check 0 "$H
$(row two.csv charge 1 1 0 0 0 0)" "dun-import: two.csv: the header is on line 2; passed over the 1 row above it
dun-import: 1 charge came with what is owing on it (欠费), and the ledger has no history start: if this is an arrears list and not every bill since the start, say --history-start DATE (the day after the list's 截止日期), so that reports show no rates before it and receipts before it are not counted twice" \
    "a two-level header: 计费起止日期 over 开始/结束, 金额 over 应收/实收/欠收" -- \
    dun-import -d l.db two.csv
is "$(sql l.db "SELECT amount, ifnull(paid, 0), date(start * 86400, 'unixepoch'), date(until * 86400, 'unixepoch') FROM charges LEFT JOIN charge_details USING (unit_id, fee, period, bill) WHERE period = 202611")" \
    "30000|0|2026-11-01|2026-11-30" "  read by the names under the spanning ones"

# ---- bill numbers: a second bill of one fee and month ----------------
printf '账单号,房屋编号,收费项目,所属期间,应收金额\nB-1,1-2-102,水费,2026-10,30.00\nB-2,1-2-102,水费,2026-10,12.00\n' >supp.csv
check 0 "$H
$(row supp.csv charge 2 2 0 0 0 0)" "" "a supplementary bill (补收) under its own number" -- \
    dun-import -d l.db supp.csv
check 0 "$H
$(row supp.csv charge 2 0 0 2 0 1)" "" "  again: passed over" -- dun-import -d l.db supp.csv
printf '房屋编号,收费项目,所属期间,应收金额\n1-2-103,水费,2026-10,30.00\n1-2-103,水费,2026-10,12.00\n' >nosupp.csv
check 1 "" 'dun-import: nosupp.csv:3: 应收金额: charge 1-2-103 water 2026-10 is 30.00 in the rows above, 12.00 here (--replace changes it; a second bill of the same fee and month needs a bill number column)
dun-import: 1 bad row: nothing was imported (--skip-bad loads the good ones)' \
    "  without bill numbers, the rule stays" -- dun-import -d l.db nosupp.csv

# ---- household data in bills -----------------------------------------
printf '房屋编号,客户名称,联系电话,收费项目,所属期间,应收金额\n9-9-901,孙八,13900000009,物业费,2026-10,100\n1-2-101,别人,,物业费,2026-09,100\n' >cu.csv
check 0 "$H
$(row cu.csv charge 2 2 0 0 0 0)" "dun-import: 1 row gives a unit another owner or phone than the ledger holds (the first at cu.csv:3), not applied: load the household list with --replace to change them
dun-import: created 1 unit that the ledger did not have" \
    "a bill's 客户名称 and 联系电话" -- dun-import -u -d l.db cu.csv
is "$(sql l.db "SELECT unit, owner, phone FROM units WHERE unit IN ('9-9-901', '1-2-101') ORDER BY unit")" \
"1-2-101|业主1-2-1|13800001201
9-9-901|孙八|13900000009" "  fill a unit the import creates; a difference is told, not applied"

# ---- kinds told apart by their amounts' names ------------------------
printf '收据号,收款日期,房屋编号,应收金额,实收金额\nR9,2026-11-01,1-2-102,300.00,300.00\n' >both.csv
check 0 "$H
$(row both.csv payment 1 1 0 0 0 0)" "dun-import: both.csv: ignoring column 应收金额" \
    "a receipts export with 应收金额 and 实收金额 is payments of 实收" -- \
    dun-import -d l.db both.csv
is "$(sql l.db "SELECT amount FROM payments WHERE ref = 'R9'")" "30000" "  the 实收 amount"

printf '截止日期：2026-11-20\n说明,只有一列\n' >nohead.csv
check 1 "" "dun-import: nohead.csv: none of its first 30 rows names a unit's column (unit, or an alias such as 房号 or 房屋编号); add that column, or name it in import.aliases in dun.yaml
dun-import: nothing was imported" "a file with no header row says what to do" -- \
    dun-import -d l.db nohead.csv

# ---- phones and e-mail addresses, checked at the door -----------------
printf 'unit,phone,email\n' >contacts.csv
printf '5-0101,+86 138-0000-5101,zhang@example.com\n' >>contacts.csv
printf '5-0102,13800005102/0755-88886666,\n' >>contacts.csv
printf '5-0103,"(0755) 8888 6666",\n' >>contacts.csv
check 0 "$H
$(row contacts.csv unit 3 3 0 0 0 0)" "dun-import: 1 row gives more than one phone number: the first is kept, for SMS and calls" \
    "phones in the forms people write them" -- dun-import -d p.db contacts.csv
is "$(sql p.db "SELECT unit, phone, ifnull(email, '') FROM units ORDER BY unit")" \
"5-0101|13800005101|zhang@example.com
5-0102|13800005102|
5-0103|0755-88886666|" "  kept in one form"
printf 'unit,phone,email\n' >badcontacts.csv
printf '5-0104,138-0000-510,\n' >>badcontacts.csv
printf '5-0105,13800005105,"li@example.com\nBcc: all@example.com"\n' >>badcontacts.csv
printf '5-0106,"=HYPERLINK(""http://x"")",\n' >>badcontacts.csv
printf '5-0107,13800005107,wang at example.com\n' >>badcontacts.csv
before=$(dump_sum p.db)
check 1 "" 'dun-import: badcontacts.csv:2: phone: "138-0000-510" is not a phone number (a mobile such as 13800001234, or a landline such as 0755-12345678, +86 allowed)
dun-import: badcontacts.csv:3: email: "li@example.com\nBcc: all@example.com" is not an e-mail address (name@domain, letters, digits and . _ - + in the name)
dun-import: badcontacts.csv:5: phone: "=HYPERLINK("http://x")" is not a phone number (a mobile such as 13800001234, or a landline such as 0755-12345678, +86 allowed)
dun-import: badcontacts.csv:6: email: "wang at example.com" is not an e-mail address (name@domain, letters, digits and . _ - + in the name)
dun-import: 4 bad rows: nothing was imported (--skip-bad loads the good ones)' \
    "a phone or an address that is none is refused at its line, a header injected into an address too" -- \
    dun-import -d p.db badcontacts.csv
is "$(dump_sum p.db)" "$before" "  and the ledger is as it was"

# ---- fees the config lacks and deposits, from dun's own files --------
printf 'unit\tfee\tperiod\tdue\tamount\n' >c.tsv
printf '1-0101\t电梯费\t2026-10\t2026-10-31\t50.00\n' >>c.tsv
printf '1-0101\t垃圾清运费\t2026-10\t2026-10-31\t20.00\n' >>c.tsv
printf '1-0101\tmanagement\t2026-10\t2026-10-31\t100.00\n' >>c.tsv
printf '1-0101\t装修押金\t2026-10\t2026-10-31\t1000.00\n' >>c.tsv
printf 'ref\tunit\tdate\tamount\tfee\tperiod\tmethod\n' >p.tsv
printf 'P1\t1-0101\t2026-11-01\t50.00\t电梯费\t2026-10\t\n' >>p.tsv
run dun-age -t 2026-11-20 -C c.tsv -P p.tsv
is "$rc" 0 "dun-age reads fees the config lacks from its files (exit 0)"
is "$(SEP='|' cols 'unit balance periods_unpaid')" "1-0101|120.00|1" \
    "  a payment naming 电梯费 pays 电梯费, not 垃圾清运费; the deposit is not owed"

done_testing

#!/bin/sh
# dun-import of spreadsheets: .xlsx and legacy .xls read directly, known
# by their first bytes; numbers and dates as Excel shows them; a web page
# or a damaged workbook refused with what to do.
. "$(dirname "$0")/lib.sh"

PY=/usr/bin/python3
H="file${TAB}kind${TAB}rows${TAB}inserted${TAB}updated${TAB}unchanged${TAB}rejected${TAB}skipped"
row() { printf '%s\t' "$@" | sed 's/\t$//'; }

$PY - <<'EOF'
import datetime, openpyxl, xlwt
wb = openpyxl.Workbook()
ws = wb.active
ws.title = '住户'
ws.append(['unit', 'owner', 'area', 'phone'])
ws.append(['3-1201', '张三', 89.5, '13800001234'])
ws.append(['3-1202', '李四', 120])
ws.append([])
ws.append(['3-1203', '王五'])
wb.save('units.xlsx')
w = xlwt.Workbook()
s = w.add_sheet('账单')
for c, v in enumerate(['房号', '收费项目', '所属期间', '应收日期', '应收金额']):
    s.write(0, c, v)
date = xlwt.easyxf(num_format_str='YYYY-MM-DD')
s.write(1, 0, '3-1201'); s.write(1, 1, '物业费'); s.write(1, 2, '2026-10')
s.write(1, 3, datetime.date(2026, 10, 31), date); s.write(1, 4, 1200.5)
s.write(2, 0, '3-1202'); s.write(2, 1, '水费'); s.write(2, 2, '2026-10')
s.write(2, 3, datetime.date(2026, 11, 15), date); s.write(2, 4, 0.1 + 0.2)
w.save('bills.xls')
open('page.xls', 'w').write('<html><body><table><tr><td>房号</td></tr>'
                            '</table></body></html>\n')
two = openpyxl.Workbook()
two.active.title = '说明'
two.active.append(['本表为物业费收费系统导出'])
bs = two.create_sheet('收款')
bs.append(['收据号', '收款日期', '房号', '实收金额'])
bs.append(['R1', datetime.date(2026, 11, 2), '3-1201', 100])
two.save('two.xlsx')
data = open('units.xlsx', 'rb').read()
open('cut.xlsx', 'wb').write(data[:len(data) // 2])
EOF
ok $? "the workbooks are made"

check 0 "$H
$(row units.xlsx unit 3 3 0 0 0 0)" "" "units from .xlsx: the empty row passed over" -- \
    dun-import -d l.db units.xlsx
is "$(sql l.db "SELECT unit, owner, area, phone FROM units ORDER BY unit")" \
"3-1201|张三|8950|13800001234
3-1202|李四|12000|
3-1203|王五||" "units: a number cell as a number, the cells a row leaves out empty"
is "$(sql l.db "SELECT sha256 FROM imports WHERE file = 'units.xlsx'")" \
    "$(sha256sum units.xlsx | cut -d' ' -f1)" "the import's SHA-256 is the file's"

check 0 "$H
$(row bills.xls charge 2 2 0 0 0 0)" "" "charges from .xls, Chinese headers" -- \
    dun-import -d l.db bills.xls
is "$(sql l.db "SELECT u.unit, fee, period, date(due * 86400, 'unixepoch'), amount FROM charges c JOIN units u ON u.id = c.unit_id ORDER BY 1")" \
"3-1201|management|202610|2026-10-31|120050
3-1202|water|202610|2026-11-15|30" "charges: date cells as dates, 0.1 + 0.2 as 0.3"

check 0 "$H
$(row units.xlsx unit 3 0 0 3 0 1)" "" "the same workbook again is passed over" -- \
    dun-import -d l.db units.xlsx
check 0 "$H
$(row units.xlsx unit 3 0 0 3 0 0)" "" "  read again (--replace), it changes nothing" -- \
    dun-import -r -d l.db units.xlsx

check 1 "" "dun-import: page.xls: is an HTML page saved with an .xls name, not a spreadsheet; open it in Excel or LibreOffice and save it as .xlsx or as CSV, then import that" \
    "a web page named .xls" -- dun-import -n -d l.db -k unit page.xls
printf '<?xml version="1.0"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">\n</Workbook>\n' >x2003.xls
check 1 "" "dun-import: x2003.xls: is an Excel 2003 XML spreadsheet, which dun does not read; open it in Excel or LibreOffice and save it as .xlsx or as CSV, then import that" \
    "an Excel 2003 XML file named .xls" -- dun-import -n -d l.db -k unit x2003.xls
check 1 "" "dun-import: cut.xlsx: is not a whole xlsx file: the end of its zip archive is missing (was it cut short when copied or downloaded?); copy or export it again" \
    "a workbook cut short" -- dun-import -n -d l.db -k unit cut.xlsx

check 0 "$H
$(row two.xlsx payment 1 1 0 0 0 0)" "" "-S picks the sheet by its name" -- \
    dun-import -d l.db -S 收款 two.xlsx
is "$(sql l.db "SELECT ref, date(date * 86400, 'unixepoch'), amount FROM payments")" \
    "R1|2026-11-02|10000" "  its rows loaded"
run dun-import -n -d l.db --sheet=收费 two.xlsx
is_rc 2 "a sheet the workbook does not have"
is_err 'dun-import: two.xlsx: has no sheet "收费"; its sheets are "说明", "收款"' \
    "  says the sheets it has"

done_testing

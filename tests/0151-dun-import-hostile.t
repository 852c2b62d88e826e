#!/bin/sh
# dun-import of damaged and hostile workbooks, as fuzzing found them and
# by hand: each refused with exit 1 and a message naming the file, or
# read as Excel shows it; never a crash.
. "$(dirname "$0")/lib.sh"

PY=/usr/bin/python3
H="file${TAB}kind${TAB}rows${TAB}inserted${TAB}updated${TAB}unchanged${TAB}rejected${TAB}skipped"
row() { printf '%s\t' "$@" | sed 's/\t$//'; }

$PY - <<'EOF2'
import zipfile, xlwt
def package(name, rows, sst=None, merges=''):
    z = zipfile.ZipFile(name, 'w', zipfile.ZIP_DEFLATED)
    z.writestr('_rels/.rels', '<Relationships xmlns="http://schemas.'
               'openxmlformats.org/package/2006/relationships"><Relationship'
               ' Id="rId1" Type="http://schemas.openxmlformats.org/office'
               'Document/2006/relationships/officeDocument" Target='
               '"xl/workbook.xml"/></Relationships>')
    z.writestr('xl/workbook.xml', '<workbook xmlns:r="http://schemas.'
               'openxmlformats.org/officeDocument/2006/relationships">'
               '<sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets>'
               '</workbook>')
    z.writestr('xl/_rels/workbook.xml.rels', '<Relationships><Relationship '
               'Id="rId1" Type="http://schemas.openxmlformats.org/office'
               'Document/2006/relationships/worksheet" Target="worksheets/'
               'sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.'
               'openxmlformats.org/officeDocument/2006/relationships/shared'
               'Strings" Target="sharedStrings.xml"/></Relationships>')
    if sst is not None:
        z.writestr('xl/sharedStrings.xml', '<sst>%s</sst>' % ''.join(
                   '<si><t>%s</t></si>' % s for s in sst))
    z.writestr('xl/worksheets/sheet1.xml', '<worksheet><sheetData>%s'
               '</sheetData>%s</worksheet>' % (rows, merges))
    z.close()
def t(ref, s):
    return '<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (ref, s)
open('empty.xlsx', 'w').close()
# A row whose only cell is an empty shared string (it crashed the reader).
package('emptysst.xlsx', '<row r="1"><c r="A1" t="s"><v>0</v></c></row>'
        '<row r="2"><c r="A2" t="s"><v>1</v></c></row><row r="3">'
        '<c r="A3" t="s"><v>2</v></c></row>', sst=['', 'unit', '1-0101'])
package('sst.xlsx', '<row r="1">%s</row><row r="2"><c r="A2" t="s"><v>1</v>'
        '</c></row>' % t('A1', 'unit'), sst=['1-0101'])
package('row0.xlsx', '<row r="0">%s</row>' % t('A1', 'unit'))
# A cell's, a row's and a shared string's numbers of 300 bytes: quoted
# abbreviated (they were cut at 20 bytes, inside a character).
package('longref.xlsx', '<row r="1">%s</row>' % t('中' * 100, 'unit'))
package('longrow.xlsx', '<row r="%s">%s</row>' % ('中' * 100, t('A1', 'unit')))
package('longsst.xlsx', '<row r="1">%s</row><row r="2"><c r="A2" t="s"><v>%s'
        '</v></c></row>' % (t('A1', 'unit'), '9' * 300), sst=['1-0101'])
package('merged.xlsx', '<row r="1">%s%s</row><row r="2">%s</row>' % (
        t('A1', 'unit'), t('B1', 'owner'), t('A2', '1-0101')),
        merges='<mergeCells><mergeCell ref="A1:XFD1048576"/></mergeCells>')
vals = ['1E+400', '-0', 'NaN', '.5', '1e-400']
package('money.xlsx', '<row r="1">%s%s%s%s</row>' % (t('A1', 'unit'),
        t('B1', 'fee'), t('C1', 'period'), t('D1', 'amount')) + ''.join(
        '<row r="%d">%s%s%s<c r="D%d"><v>%s</v></c></row>' % (r, t('A%d' % r,
        '1-0101'), t('B%d' % r, '物业费'), t('C%d' % r, '2026-%02d' % r), r,
        v) for r, v in enumerate(vals, 2)))
# An .xls whose directory gives a name longer than its entry (libfreexl
# read past it, on its stack).
w = xlwt.Workbook()
w.add_sheet('S').write(0, 0, 'unit')
w.save('dirname.xls')
data = bytearray(open('dirname.xls', 'rb').read())
at = (int.from_bytes(data[0x30:0x34], 'little') + 1) * 512 + 64
data[at:at + 2] = (0xfffe).to_bytes(2, 'little')
open('dirname.xls', 'wb').write(data)
EOF2
ok $? "the workbooks are made"

check 1 "" "dun-import: empty.xlsx: is not an Excel workbook (an .xlsx file is a zip archive, and this is none); export it again, or if it is CSV, give it a .csv name" \
    "an empty .xlsx" -- dun-import -d l.db -k unit empty.xlsx
check 0 "$H
$(row emptysst.xlsx unit 1 1 0 0 0 0)" "" "a row of one empty shared string is an empty row" -- \
    dun-import -d l.db emptysst.xlsx
check 1 "" "dun-import: sst.xlsx: sheet1.xml: cell A2 names shared string \"1\", and the workbook has 1; the file is damaged — re-export it
dun-import: nothing was imported" "a shared string out of range" -- \
    dun-import -d l.db sst.xlsx
check 1 "" "dun-import: row0.xlsx: sheet1.xml: row \"0\" is no row number from 1 to 1048576; the file is damaged — re-export it" \
    'a row r="0"' -- \
    dun-import -d l.db row0.xlsx
zh66=$(awk 'BEGIN { while (i++ < 66) printf "中" }')
check 1 "" "dun-import: longref.xlsx: sheet1.xml: row 1: \"$zh66…\" (300 bytes, abbreviated) is no cell, or one beyond column XFD or row 1048576, the most a sheet has; the file is damaged — re-export it" \
    'a cell named by 300 bytes' -- \
    dun-import -d l.db -k unit longref.xlsx
check 1 "" "dun-import: longrow.xlsx: sheet1.xml: row \"$zh66…\" (300 bytes, abbreviated) is no row number from 1 to 1048576; the file is damaged — re-export it" \
    'a row numbered by 300 bytes' -- \
    dun-import -d l.db -k unit longrow.xlsx
check 1 "" "dun-import: longsst.xlsx: sheet1.xml: cell A2 names shared string \"$(printf '%0200d' 0 | tr 0 9)…\" (300 bytes, abbreviated), and the workbook has 1; the file is damaged — re-export it
dun-import: nothing was imported" 'a shared string of 300 digits' -- \
    dun-import -d l.db longsst.xlsx
check 1 "" "dun-import: merged.xlsx:1: unit: this column and \"unit\" both stand for unit (rename or delete one of them)
dun-import: nothing was imported" "a merged range A1:XFD1048576" -- \
    dun-import -d l.db merged.xlsx
check 1 "$H
$(row money.xlsx charge 5 2 0 0 3 0)" "dun-import: money.xlsx:2: amount: \"1E+400\" is not an amount
dun-import: money.xlsx:4: amount: \"NaN\" is not an amount
dun-import: money.xlsx:6: amount: \"0.$(printf '%038d' 0)...\" has more than two decimal places
dun-import: created 1 unit that the ledger did not have" \
    "numbers beyond a double's range, -0, NaN and .5 in a money column" -- \
    dun-import -d m.db -s -u money.xlsx
is "$(sql m.db "SELECT period, amount FROM charges ORDER BY period")" \
"202603|0
202605|50" "  -0 is 0.00, .5 is 0.50"
check 1 "" "dun-import: dirname.xls: is a damaged .xls file (a name in its directory is longer than its entry); open it in Excel or LibreOffice and save it again, as .xlsx or as CSV" \
    "an .xls directory entry's name past its entry" -- \
    dun-import -d l.db -k unit dirname.xls

# A CSV whose first 30 rows are titles: its header is found on line 31,
# and no lower.
titles() { i=0; while [ $i -lt "$1" ]; do i=$((i + 1)); echo "标题 $i"; done; }
{ titles 30; printf '房号,业主\n1-0101,张三\n'; } >t30.csv
{ titles 31; printf '房号,业主\n1-0101,张三\n'; } >t31.csv
check 0 "$H
$(row t30.csv unit 1 1 0 0 0 0)" "dun-import: t30.csv: the header is on line 31; passed over the 30 rows above it" \
    "a header under 30 title rows" -- dun-import -d t.db t30.csv
check 1 "" "dun-import: t31.csv: none of its first 30 rows names a unit's column (unit, or an alias such as 房号 or 房屋编号); add that column, or name it in import.aliases in dun.yaml
dun-import: nothing was imported" "a header under 31 title rows" -- \
    dun-import -d t.db t31.csv

done_testing

# tests/unit/sheet.py DIR — the spreadsheets tests/unit/sheet.c reads,
# made in DIR: openpyxl and xlwt write them, and a few are made by hand
# (zipfile) for what those do not write.
import datetime, os, re, sys, zipfile
import openpyxl, xlwt
from openpyxl.utils.datetime import CALENDAR_MAC_1904

os.chdir(sys.argv[1])
D, T = datetime.date, datetime.datetime

# main.xlsx: a merged title, a header over two rows with a merged parent,
# dates by built-in and custom formats, numbers, a skipped column and row,
# a second sheet.
wb = openpyxl.Workbook()
ws = wb.active
ws.title = '单元'
ws['A1'] = '2024年 收费表'
ws.merge_cells('A1:F1')
ws['A2'] = 'unit'
ws.merge_cells('A2:A3')
ws['B2'] = 'amount'
ws.merge_cells('B2:C2')
ws['D2'], ws['E2'], ws['F2'] = 'due', 'note', 'building'
ws['B3'], ws['C3'] = 'charged', 'paid'
ws['A4'], ws['B4'], ws['C4'] = 'SST0', 0.5, 1234.56
ws['D4'] = D(2024, 12, 31)
ws['D4'].number_format = 'yyyy-mm-dd'
ws['E4'], ws['F4'] = 'inline text', '1栋'
ws.merge_cells('F4:F5')
ws['A5'], ws['C5'] = '1-0102', 42
ws['D5'] = D(2025, 1, 15)
ws['D5'].number_format = 'yyyy"年"m"月"d"日"'
ws['E5'] = True
ws['A7'], ws['B7'], ws['C7'] = 'SST1', '#N/A', 7.5
ws['D7'] = T(2024, 12, 31, 8, 30)
ws['D7'].number_format = 'yyyy-mm-dd hh:mm'
ws['E7'] = 'STR'
ws['G7'] = datetime.time(14, 30)
ws['G7'].number_format = 'h:mm'
ws['A8'], ws['C8'] = 'x', -0.5
ws['B8'] = D(2024, 2, 29)
ws['B8'].number_format = 'mm-dd-yy'
ws['D8'] = T(2024, 12, 31)
ws['D8'].number_format = 'yyyy-mm-dd hh:mm'
ws2 = wb.create_sheet('收费')
ws2['A1'], ws2['B1'], ws2['A2'], ws2['B2'] = 'unit', 'amount', '1-0101', 100.5
wb.save('tmp.xlsx')

# What openpyxl cannot write: a formula's stored result, shared strings
# (one of rich text runs with a phonetic run), a formula's string.
def cell(xml, ref, new):
    return re.sub('<c r="%s"[^>]*>.*?</c>' % ref, new, xml, count=1)

SST = ('<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.'
       'openxmlformats.org/spreadsheetml/2006/main" count="2" uniqueCount='
       '"2"><si><t>1-0101</t></si><si><r><t>一</t></r><r><rPr><b/></rPr>'
       '<t>号楼</t></r><rPh sb="0" eb="1"><t>いち</t></rPh><phoneticPr '
       'fontId="1"/></si></sst>')
zin = zipfile.ZipFile('tmp.xlsx')
zout = zipfile.ZipFile('main.xlsx', 'w', zipfile.ZIP_DEFLATED)
for name in zin.namelist():
    data = zin.read(name).decode()
    if name == 'xl/worksheets/sheet1.xml':
        data = cell(data, 'A4', '<c r="A4" t="s"><v>0</v></c>')
        data = cell(data, 'B4', '<c r="B4"><f>0.1+0.2</f>'
                    '<v>0.30000000000000004</v></c>')
        data = cell(data, 'A7', '<c r="A7" t="s"><v>1</v></c>')
        data = cell(data, 'C7', '<c r="C7"><v>1234.5600000000001</v></c>')
        data = cell(data, 'E7', '<c r="E7" t="str"><f>"a"&amp;"b"</f>'
                    '<v>ab</v></c>')
    elif name == 'xl/_rels/workbook.xml.rels':
        data = data.replace('</Relationships>', '<Relationship Id="rIdS" '
            'Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/sharedStrings" Target="sharedStrings.xml"/>'
            '</Relationships>')
    elif name == '[Content_Types].xml':
        data = data.replace('</Types>', '<Override PartName="/xl/shared'
            'Strings.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
    zout.writestr(name, data)
zout.writestr('xl/sharedStrings.xml', SST)
zout.close()
os.remove('tmp.xlsx')

# The 1904 date system.
wb = openpyxl.Workbook()
wb.epoch = CALENDAR_MAC_1904
wb.active['A1'] = D(2024, 12, 31)
wb.active['A1'].number_format = 'yyyy-mm-dd'
wb.save('mac.xlsx')

# Legacy .xls: text, numbers, dates, two sheets.
w = xlwt.Workbook()
s = w.add_sheet('单元')
for c, v in enumerate(['unit', 'amount', 'due', 'n']):
    s.write(0, c, v)
date = xlwt.easyxf(num_format_str='YYYY-MM-DD')
s.write(1, 0, '1-0101')
s.write(1, 1, 1234.56)
s.write(1, 2, D(2024, 12, 31), date)
s.write(1, 3, 42)
s.write(2, 0, '1-0102')
s.write(2, 1, 0.1 + 0.2)
s.write(2, 2, T(2024, 12, 31, 8, 30), xlwt.easyxf(
    num_format_str='YYYY-MM-DD HH:MM'))
s.write(2, 3, -3)
s.write(4, 2, '单元格')
s2 = w.add_sheet('收费')
s2.write(0, 0, 'a')
s2.write(0, 1, 'b')
s2.write(1, 0, 1)
s2.write(1, 1, 2.25)
w.save('legacy.xls')

# Made by hand: what a part may hold that the writers above do not write.
def package(name, sheet, wbpr='', target='worksheets/sheet1.xml',
            styles=None, sst=None):
    z = zipfile.ZipFile(name, 'w', zipfile.ZIP_DEFLATED)
    z.writestr('[Content_Types].xml', '<Types xmlns="http://schemas.'
               'openxmlformats.org/package/2006/content-types"/>')
    z.writestr('_rels/.rels', '<Relationships xmlns="http://schemas.'
               'openxmlformats.org/package/2006/relationships"><Relationship'
               ' Id="rId1" Type="http://schemas.openxmlformats.org/office'
               'Document/2006/relationships/officeDocument" Target='
               '"xl/workbook.xml"/></Relationships>')
    z.writestr('xl/workbook.xml', '<workbook xmlns="http://schemas.open'
               'xmlformats.org/spreadsheetml/2006/main" xmlns:r="http://'
               'schemas.openxmlformats.org/officeDocument/2006/relationships">'
               + wbpr + '<sheets><sheet name="S" sheetId="1" r:id="rId1"/>'
               '</sheets></workbook>')
    z.writestr('xl/_rels/workbook.xml.rels', '<Relationships xmlns="http://'
               'schemas.openxmlformats.org/package/2006/relationships">'
               '<Relationship Id="rId1" Type="http://schemas.openxml'
               'formats.org/officeDocument/2006/relationships/worksheet" '
               'Target="%s"/><Relationship Id="rId2" Type="http://schemas.'
               'openxmlformats.org/officeDocument/2006/relationships/styles" '
               'Target="styles.xml"/><Relationship Id="rId3" Type="http://'
               'schemas.openxmlformats.org/officeDocument/2006/relationships/'
               'sharedStrings" Target="sharedStrings.xml"/></Relationships>'
               % target)
    if styles is not None:
        z.writestr('xl/styles.xml', styles)
    if sst is not None:
        z.writestr('xl/sharedStrings.xml', sst)
    z.writestr(target.lstrip('/') if target.startswith('/') else
               'xl/' + target, sheet)
    z.close()

NS = 'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
package('prefixed.xlsx', '<x:worksheet %s><x:sheetData><x:row r="2"><x:c '
        'r="B2" t="inlineStr"><x:is><x:t>a_x000D_b_x005F_c</x:t></x:is>'
        '</x:c></x:row><x:row><x:c t="inlineStr"><x:is><x:t>p</x:t></x:is>'
        '</x:c><x:c><x:v>1E-3</x:v></x:c><x:c t="e"><x:v>#DIV/0!</x:v>'
        '</x:c><x:c><x:v>1.5E+6</x:v></x:c><x:c t="d"><x:v>2024-12-31T00:00:'
        '00</x:v></x:c><x:c r="H3"><x:v>0.1E1</x:v></x:c></x:row>'
        '</x:sheetData><x:mergeCells count="1"><x:mergeCell ref=\'B2:C2\'/>'
        '</x:mergeCells></x:worksheet>' % NS, '<workbookPr date1904="true"/>',
        '/xl/sheets/data.xml')
W = ('<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
     '2006/main"><sheetData>%s</sheetData></worksheet>')
package('bigcol.xlsx', W % '<row r="1"><c r="XFE1"><v>1</v></c></row>')
package('bigrow.xlsx', W % '<row r="1048577"><c><v>1</v></c></row>')
package('order.xlsx', W % '<row r="1"><c r="C1"><v>1</v></c><c r="B1">'
        '<v>2</v></c></row>')
package('broken.xlsx', W % '<row r="1">\n<c r="A1"><v>1</v></c>\n</row>'
        '<row r="2"><c r="A2"><v>2</v></row>')
package('nosst.xlsx', W % '<row r="1"><c r="A1" t="s"><v>5</v></c></row>')
package('long.xlsx', W % ('<row r="1"><c r="A1" t="inlineStr"><is><t>%s'
        '</t></is></c></row>' % ('x' * 140000)))
package('overlap.xlsx', W.replace('</sheetData>', '</sheetData><mergeCells>'
        '<mergeCell ref="A1:B1"/><mergeCell ref="B1:C1"/></mergeCells>') %
        '<row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>2</v></c></row>')
# A zip bomb: 65 MB of styles that pack into a few kilobytes.
package('bomb.xlsx', W % '<row r="1"><c r="A1"><v>1</v></c></row>',
        styles='<styleSheet xmlns="http://schemas.openxmlformats.org/'
        'spreadsheetml/2006/main">' + ' ' * (65 << 20) + '</styleSheet>')
# And one of 70 MB of blanks in the sheet.
package('blanks.xlsx', W % ('<row r="1"><c r="A1"><v>1</v></c></row>' +
        ' ' * (70 << 20)))
# Rows whose only cell is an empty shared string: empty rows.
package('emptysst.xlsx', W % '<row r="1"><c r="A1" t="s"><v>0</v></c></row>'
        '<row r="2"><c r="A2" t="s"><v>1</v></c></row><row r="3"><c r="A3" '
        't="s"><v>0</v></c></row>', sst='<sst><si><t></t></si><si><t>x</t>'
        '</si></sst>')
package('doctype.xlsx', '<!DOCTYPE w [<!ENTITY a "aaaa">]>' +
        W % '<row r="1"><c r="A1" t="inlineStr"><is><t>&a;</t></is></c>'
        '</row>')

# Many rows: several batches, merged ranges across them.
rows = []
for r in range(1, 20001):
    rows.append('<row r="%d"><c r="A%d" t="inlineStr"><is><t>u%d</t></is>'
                '</c><c r="B%d"><v>%d</v></c><c r="C%d"><v>%s</v></c></row>'
                % (r, r, r, r, r, r, repr(r * 0.01)))
package('big.xlsx', W.replace('</sheetData>', '</sheetData><mergeCells>'
        '<mergeCell ref="A1000:A1030"/><mergeCell ref="B5000:C5000"/>'
        '</mergeCells>') % ''.join(rows))

# Rows of 4 MB each: a reader that does not read holds at most 32 MB of
# them queued, not 16 rows.
package('wide.xlsx', W % ''.join('<row r="%d">%s</row>' % (r, ''.join(
        '<c t="inlineStr"><is><t>%s</t></is></c>' % ('x' * 100000)
        for c in range(40))) for r in range(1, 25)))

# Not workbooks dun reads: binary, cut short, not a zip, a web page named
# .xls.
z = zipfile.ZipFile('binary.xlsb', 'w', zipfile.ZIP_DEFLATED)
z.writestr('_rels/.rels', '<Relationships xmlns="http://schemas.openxml'
           'formats.org/package/2006/relationships"><Relationship Id="rId1"'
           ' Type="http://schemas.openxmlformats.org/officeDocument/2006/'
           'relationships/officeDocument" Target="xl/workbook.bin"/>'
           '</Relationships>')
z.writestr('xl/workbook.bin', b'\x83\x01\x00')
z.close()
data = open('main.xlsx', 'rb').read()
open('cut.xlsx', 'wb').write(data[:len(data) // 2])
# An .xls whose directory gives a name longer than its entry's 64 bytes.
data = bytearray(open('legacy.xls', 'rb').read())
size = 1 << data[0x1e]
at = (int.from_bytes(data[0x30:0x34], 'little') + 1) * size + 64
data[at:at + 2] = (0xfffe).to_bytes(2, 'little')
open('dirname.xls', 'wb').write(data)
open('text.xlsx', 'w').write('unit,owner\n1-0101,x\n')
open('page.xls', 'w').write('\ufeff\n  <html><body><table><tr><td>1</td>'
                            '</tr></table></body></html>\n')

#!/usr/bin/python3
"""toxls — a CSV list (a household list from gen -X) as a legacy .xls
workbook, as older billing systems export them: a title row merged over
the columns, the header, then the rows.  Fields that are decimal numbers
with a point (建筑面积 137.69) become number cells, shown with two
decimals; everything else, phone numbers and room numbers included,
stays text.  The CSV may be UTF-8 (with or without a byte-order mark) or
GBK.  The same input gives the same bytes.

    bench/toxls.py in.csv out.xls [title]

The title defaults to the first row's first field followed by 住户资料
(示例花园住户资料).  Needs python3-xlwt (Debian).
"""
import csv
import io
import re
import sys

import xlwt

NUMBER = re.compile(r"^-?[0-9]+\.[0-9]+$")


def read(path):
    data = open(path, "rb").read()
    for enc in ("utf-8-sig", "gbk"):
        try:
            text = data.decode(enc)
            break
        except UnicodeDecodeError:
            continue
    else:
        sys.exit("toxls: %s: neither UTF-8 nor GBK" % path)
    return [r for r in csv.reader(io.StringIO(text, newline="")) if r]


def main():
    if len(sys.argv) not in (3, 4):
        sys.exit("usage: toxls.py in.csv out.xls [title]")
    rows = read(sys.argv[1])
    if not rows:
        sys.exit("toxls: %s: no rows" % sys.argv[1])
    head, body = rows[0], rows[1:]
    title = sys.argv[3] if len(sys.argv) == 4 else \
        (body[0][0] if body else "") + "住户资料"
    ncols = max(len(r) for r in rows)

    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("住户资料")
    st_title = xlwt.easyxf("font: bold on, height 280; "
                           "align: horiz center, vert center")
    st_head = xlwt.easyxf("font: bold on; align: horiz center; "
                          "borders: left thin, right thin, top thin, "
                          "bottom thin")
    st_num = xlwt.easyxf(num_format_str="0.00")
    sheet.write_merge(0, 0, 0, ncols - 1, title, st_title)
    for c, h in enumerate(head):
        sheet.write(1, c, h, st_head)
        sheet.col(c).width = 256 * max(10, 2 * len(h) + 2)
    for r, row in enumerate(body, start=2):
        for c, v in enumerate(row):
            if NUMBER.match(v):
                sheet.write(r, c, float(v), st_num)
            else:
                sheet.write(r, c, v)
    sheet.set_panes_frozen(True)
    sheet.set_horz_split_pos(2)
    book.save(sys.argv[2])


if __name__ == "__main__":
    main()

/*
 * Spreadsheets: .xlsx and .xls rows as text, numbers and dates as Excel
 * shows them, merged cells filled, damaged files refused with a message
 * that says so; and the record reader over them.  The workbooks are made
 * by tests/unit/sheet.py (openpyxl, xlwt) in a scratch folder.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include <nettle/sha2.h>

#include "dun.h"
#include "fast.h"
#include "sheet.h"
#include "tap.h"
#include "unit.h"
#include "xlsxrd.h"

/* A growing string. */
struct str {
	char *s;
	size_t len, cap;
};

static void
add(struct str *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		b->s = realloc(b->s, b->cap);
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

static void
adds(struct str *b, const char *s)
{
	add(b, s, strlen(s));
}

/* Every row of the file's sheet as "ROW:a|b|c\n", or what went wrong as
 * "ERR CODE: MESSAGE" (the folder's name left out); malloc'd. */
static char *
rows(const char *name, const char *sheetname)
{
	struct str b = { NULL, 0, 0 };
	struct dun_err e;
	struct sheet *s;
	char **cells, num[32], msg[1100];
	size_t *lens, n, i;
	long row;
	int k;

	adds(&b, "");
	if ((s = sheet_open(unit_path(name), unit_path(name), sheetname,
	    &e)) == NULL)
		k = -1;
	else {
		while ((k = sheet_row(s, &cells, &lens, &n, &row, &e)) > 0) {
			snprintf(num, sizeof num, "%ld:", row);
			adds(&b, num);
			for (i = 0; i < n; i++) {
				if (i > 0)
					adds(&b, "|");
				add(&b, cells[i], lens[i]);
				if (strlen(cells[i]) != lens[i])
					adds(&b, "(BAD LENGTH)");
			}
			adds(&b, "\n");
		}
		sheet_close(s);
	}
	if (k < 0) {
		snprintf(msg, sizeof msg, "ERR %d: %s", e.code,
		    unit_local(e.msg));
		adds(&b, msg);
	}
	return b.s;
}

static void
is_rows(const char *name, const char *sheetname, const char *want,
    const char *what)
{
	char *got = rows(name, sheetname);

	is_str(got, want, "%s: %s", name, what);
	free(got);
}

static void
numbers(void)
{
	static const char *const t[][2] = {
		{ "0", "0" }, { "-0", "0" }, { "0.0", "0" }, { "42", "42" },
		{ "344.23", "344.23" }, { "-0.5", "-0.5" }, { "1.50", "1.5" },
		{ "100", "100" }, { "007", "7" }, { "+3", "3" },
		{ "0.30000000000000004", "0.3" },
		{ "1234.5600000000001", "1234.56" },
		{ "10.290000000000001", "10.29" },
		{ "0.1", "0.1" }, { "2.675", "2.675" },
		{ "0.99999999999999989", "1" },
		{ "999999999999999.9", "1000000000000000" },
		{ "123456789012345678", "123456789012346000" },
		{ "1.5E+6", "1500000" }, { "1E-3", "0.001" },
		{ "1e3", "1000" }, { "-2.5E-2", "-0.025" },
		{ "3.0000000000000004E-2", "0.03" },
		{ "1.7976931348623157E+308", NULL },
		{ "5E-324", NULL },
		{ "1E+401", "1E+401" }, { "abc", "abc" }, { "1.2.3", "1.2.3" },
		{ "1E", "1E" }, { "", "" }, { " 1", " 1" }, { ".5", "0.5" },
		{ "5.", "5" },
	};
	char out[SHEET_NUMSZ(40)];
	size_t i, n;

	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		n = sheet_num(out, t[i][0], strlen(t[i][0]));
		out[n] = '\0';
		if (t[i][1] != NULL) {
			is_str(out, t[i][1], "number \"%s\"", t[i][0]);
			continue;
		}
		/* Huge and tiny: every digit written out, 15 of them
		 * significant. */
		ok((strncmp(out, "179769313486232000", 18) == 0 && n == 309) ||
		    (strncmp(out, "0.000", 5) == 0 && n == 326 &&
		    strcmp(out + 325, "5") == 0), "number \"%s\": %zu digits",
		    t[i][0], n);
	}
}

static void
formats(void)
{
	static const struct {
		const char *code;
		int kind;
	} t[] = {
		{ "General", 0 }, { "0.00", 0 }, { "#,##0.00_);[Red](#,##0.00)",
		0 }, { "yyyy-mm-dd", SHEET_DATE }, { "m/d/yy", SHEET_DATE },
		{ "yyyy\"年\"m\"月\"d\"日\"", SHEET_DATE },
		{ "[$-F800]dddd, mmmm dd, yyyy", SHEET_DATE },
		{ "yyyy-mm-dd hh:mm:ss", SHEET_DATE | SHEET_TIME },
		{ "h:mm", SHEET_TIME }, { "h:mm AM/PM", SHEET_TIME },
		{ "mm:ss", SHEET_TIME }, { "[h]:mm", 0 }, { "[mm]:ss", 0 },
		{ "mmm", SHEET_DATE }, { "\"day\" 0", 0 }, { "0\\d", 0 },
		{ "[Red]0.00", 0 }, { "[$¥-804]#,##0.00", 0 }, { "@", 0 },
		{ "0.00E+00", 0 }, { "yyyy-mm-dd;@", SHEET_DATE },
		{ "0;\"d\"", 0 }, { "\"unclosed", 0 },
	};
	size_t i;

	for (i = 0; i < sizeof t / sizeof t[0]; i++)
		is_int(sheet_format_kind(t[i].code), t[i].kind, "format %s",
		    t[i].code);
	is_int(sheet_builtin_kind(14), SHEET_DATE, "built-in 14");
	is_int(sheet_builtin_kind(22), SHEET_DATE | SHEET_TIME,
	    "built-in 22");
	is_int(sheet_builtin_kind(20), SHEET_TIME, "built-in 20");
	is_int(sheet_builtin_kind(57), SHEET_DATE, "built-in 57");
	is_int(sheet_builtin_kind(2), 0, "built-in 2");
	is_int(sheet_builtin_kind(164), 0, "built-in 164");
}

static void
dates(void)
{
	static const struct {
		const char *num;
		int d1904, kind;
		const char *want;
	} t[] = {
		{ "1", 0, SHEET_DATE, "1900-01-01" },
		{ "59", 0, SHEET_DATE, "1900-02-28" },
		{ "60", 0, SHEET_DATE, "1900-02-29" },
		{ "61", 0, SHEET_DATE, "1900-03-01" },
		{ "0", 0, SHEET_DATE, "1900-01-00" },
		{ "45657", 0, SHEET_DATE, "2024-12-31" },
		{ "45657", 0, SHEET_DATE | SHEET_TIME, "2024-12-31" },
		{ "45657.354166666657", 0, SHEET_DATE | SHEET_TIME,
		    "2024-12-31 08:30:00" },
		{ "45657.354166666657", 0, SHEET_DATE, "2024-12-31" },
		{ "45657.99999999", 0, SHEET_DATE | SHEET_TIME,
		    "2025-01-01" },
		{ "0.6041666666666666", 0, SHEET_TIME, "14:30:00" },
		{ "1.5", 0, SHEET_TIME, "1900-01-01 12:00:00" },
		{ "44195", 1, SHEET_DATE, "2024-12-31" },
		{ "0", 1, SHEET_DATE, "1904-01-01" },
		{ "2958465", 0, SHEET_DATE, "9999-12-31" },
		{ "2958466", 0, SHEET_DATE, "" },
		{ "-1", 0, SHEET_DATE, "" },
		{ "1E+5", 0, SHEET_DATE, "" },
	};
	char out[SHEET_DATESZ];
	size_t i, n;

	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		n = sheet_date(out, t[i].num, strlen(t[i].num), t[i].d1904,
		    t[i].kind);
		out[n] = '\0';
		is_str(out, t[i].want, "date %s%s kind %d", t[i].num,
		    t[i].d1904 ? " (1904)" : "", t[i].kind);
	}
}

static void
sniffs(void)
{
	static const struct {
		const char *head;
		size_t n;
		int kind;
	} t[] = {
		{ "PK\3\4\24\0", 6, SHEET_XLSX },
		{ "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8, SHEET_XLS },
		{ "<html><body>", 12, SHEET_HTML },
		{ "\xef\xbb\xbf \r\n<!DOCTYPE html>", 21, SHEET_HTML },
		{ "\n\t<TABLE border=1>", 18, SHEET_HTML },
		{ "unit,owner\n", 11, SHEET_NONE },
		{ "PK", 2, SHEET_NONE },
		{ "", 0, SHEET_NONE },
	};
	size_t i;

	for (i = 0; i < sizeof t / sizeof t[0]; i++)
		is_int(sheet_sniff((const unsigned char *)t[i].head, t[i].n),
		    t[i].kind, "sniff %zu", i);
}

static void
workbooks(void)
{
	is_rows("main.xlsx", NULL,
	    "1:2024年 收费表|2024年 收费表|2024年 收费表|2024年 收费表|"
	    "2024年 收费表|2024年 收费表\n"
	    "2:unit|amount|amount|due|note|building\n"
	    "3:unit|charged|paid\n"
	    "4:1-0101|0.3|1234.56|2024-12-31|inline text|1栋\n"
	    "5:1-0102||42|2025-01-15|TRUE|1栋\n"
	    "7:一号楼|#N/A|1234.56|2024-12-31 08:30:00|ab||14:30:00\n"
	    "8:x|2024-02-29|-0.5|2024-12-31\n",
	    "the first sheet: merged title and parents filled, a building "
	    "merged down, shared strings (rich text, not its phonetic run), "
	    "inline strings, a formula's 0.30000000000000004 and a stored "
	    "1234.5600000000001 as Excel shows them, dates by built-in and "
	    "custom formats, a time of day, booleans, errors, the empty "
	    "row 6 and column B5 and F7 left out");
	is_rows("main.xlsx", "收费",
	    "1:unit|amount\n2:1-0101|100.5\n", "a sheet by its name");
	is_rows("main.xlsx", "nope",
	    "ERR 2: main.xlsx: has no sheet \"nope\"; its sheets are "
	    "\"单元\", \"收费\"", "an unknown sheet lists the sheets");
	is_rows("mac.xlsx", NULL, "1:2024-12-31\n", "the 1904 date system");
	is_rows("prefixed.xlsx", NULL,
	    "2:|a\rb_c|a\rb_c\n3:p|0.001|#DIV/0!|1500000|2024-12-31|||1\n",
	    "a namespace prefix, an absolute part name, _xHHHH_ escapes, "
	    "cells without references, exponents, an ISO date cell, "
	    "a merge in single quotes");
	is_rows("legacy.xls", NULL,
	    "1:unit|amount|due|n\n"
	    "2:1-0101|1234.56|2024-12-31|42\n"
	    "3:1-0102|0.3|2024-12-31 08:30:00|-3\n"
	    "5:||单元格\n", ".xls: text, numbers, dates, the empty row 4");
	is_rows("legacy.xls", "收费", "1:a|b\n2:1|2.25\n",
	    ".xls: a sheet by its name");
	is_rows("legacy.xls", "x",
	    "ERR 2: legacy.xls: has no sheet \"x\"; its sheets are \"单元\", "
	    "\"收费\"", ".xls: an unknown sheet");
}

static void
refused(void)
{
	is_rows("page.xls", NULL, "ERR 1: page.xls: is an HTML page saved "
	    "with an .xls name, not a spreadsheet; open it in Excel or "
	    "LibreOffice and save it as .xlsx or as CSV, then import that",
	    "a web page");
	is_rows("binary.xlsb", NULL, "ERR 1: binary.xlsb: is an Excel binary "
	    "workbook (.xlsb), which dun does not read; save it as .xlsx or as "
	    "CSV", "an .xlsb");
	is_rows("cut.xlsx", NULL, "ERR 1: cut.xlsx: is not a whole xlsx "
	    "file: the end of its zip archive is missing (was it cut short "
	    "when copied or downloaded?); copy or export it again",
	    "cut short");
	is_rows("text.xlsx", NULL, "ERR 1: text.xlsx: is not an Excel "
	    "workbook (an .xlsx file is a zip archive, and this is none); "
	    "export it again, or if it is CSV, give it a .csv name",
	    "not a zip");
	is_rows("bigcol.xlsx", NULL, "ERR 1: bigcol.xlsx: sheet1.xml: row 1: "
	    "\"XFE1\" is no cell, or one beyond column XFD or row 1048576, "
	    "the most a sheet has; the file is damaged — re-export it",
	    "a column past XFD");
	is_rows("bigrow.xlsx", NULL, "ERR 1: bigrow.xlsx: sheet1.xml: row "
	    "\"1048577\" is no row number from 1 to 1048576; the file is "
	    "damaged — re-export it", "a row past 1048576");
	is_rows("order.xlsx", NULL, "ERR 1: order.xlsx: sheet1.xml: row 1: "
	    "cell B1 comes after a cell to its right, or beyond column XFD; "
	    "the file is damaged — re-export it", "cells out of order");
	is_rows("broken.xlsx", NULL, "1:1\nERR 1: broken.xlsx: sheet1.xml "
	    "line 3: not well-formed XML (mismatched tag); the file is "
	    "damaged — re-export it", "XML not well-formed: the rows before");
	is_rows("nosst.xlsx", NULL, "ERR 1: nosst.xlsx: sheet1.xml: cell A1 "
	    "names shared string \"5\", and the workbook has 0; the file is "
	    "damaged — re-export it", "no such shared string");
	is_rows("long.xlsx", NULL, "ERR 1: long.xlsx: sheet1.xml: cell A1 "
	    "holds more text than Excel allows in a cell (32,767 "
	    "characters); the file is damaged — re-export it",
	    "a cell too long");
	is_rows("emptysst.xlsx", NULL, "2:x\n", "rows whose only cell is an "
	    "empty shared string are empty rows");
	is_rows("dirname.xls", NULL, "ERR 1: dirname.xls: is a damaged .xls "
	    "file (a name in its directory is longer than its entry); open it "
	    "in Excel or LibreOffice and save it again, as .xlsx or as CSV",
	    ".xls: a directory entry's name past its entry");
	is_rows("doctype.xlsx", NULL, "ERR 1: doctype.xlsx: has a DOCTYPE in "
	    "its XML, which no spreadsheet program writes; the file is "
	    "damaged — re-export it", "a DTD");
	is_rows("overlap.xlsx", NULL, "ERR 1: overlap.xlsx: sheet1.xml: row 1: "
	    "merged ranges overlap; the file is damaged — re-export it",
	    "merged ranges that overlap");
	is_rows("bomb.xlsx", NULL, "ERR 1: bomb.xlsx: styles.xml: unpacks to "
	    "65 MB, more than the 64 MB dun reads in that part; the file is "
	    "damaged or not a plain spreadsheet", "a zip bomb");
	is_rows("blanks.xlsx", NULL, "1:1\nERR 1: blanks.xlsx: sheet1.xml: "
	    "more than 64 MB of XML in one row or between two; the file is "
	    "damaged or not a plain spreadsheet", "a zip bomb of blanks");
	is_rows("none.xlsx", NULL, "ERR 3: none.xlsx: No such file or "
	    "directory", "no file");
}

/* Many rows: batches handed over by the thread, merged ranges across
 * them, and a reader closed before the end. */
static void
many(void)
{
	struct dun_err e;
	struct sheet *s;
	char **cells, want[64];
	size_t *lens, n;
	long row, rows = 0, bad = 0;
	int k;

	s = sheet_open(unit_path("big.xlsx"), "big.xlsx", NULL, &e);
	ok(s != NULL, "big.xlsx opens%s%s", s ? "" : ": ", s ? "" : e.msg);
	if (s == NULL)
		return;
	while ((k = sheet_row(s, &cells, &lens, &n, &row, &e)) > 0) {
		rows++;
		snprintf(want, sizeof want, "u%ld", row >= 1000 && row <= 1030 ?
		    1000 : row);
		if (row != rows || n != 3 || strcmp(cells[0], want) != 0 ||
		    strtol(cells[1], NULL, 10) != row)
			bad++;
		if (row == 5000)
			is_str(cells[2], "5000", "B5000:C5000 merged");
		if (row == 1030)
			is_str(cells[0], "u1000", "A1000:A1030 merged");
		if (row == 777)
			is_str(cells[2], "7.77", "7.7700000000000005");
	}
	is_int(k, 0, "big.xlsx read to its end%s%s", k < 0 ? ": " : "",
	    k < 0 ? e.msg : "");
	is_int(rows, 20000, "big.xlsx: 20,000 rows");
	is_int(bad, 0, "big.xlsx: every row in order, as written");
	sheet_close(s);

	s = sheet_open(unit_path("big.xlsx"), "big.xlsx", NULL, &e);
	k = s ? sheet_row(s, &cells, &lens, &n, &row, &e) : -1;
	is_int(k, 1, "big.xlsx: one row, then closed");
	sheet_close(s);
}

/* A reader that reads two rows of wide.xlsx and no more: the parsing
 * thread queues rows ahead of it until they hold 32 MB (MAXHELD in
 * xlsxrd.c), and a batch more at most, however large each row; watched
 * until the queue stands still for a second. */
static void
held(void)
{
	struct timespec nap = { 0, 50 * 1000 * 1000 };
	struct dun_err e;
	struct xlsxrd *x;
	char **cells;
	size_t *lens, n, most = 0, was = 0;
	long row;
	int i, still = 0;

	x = xlsxrd_open(unit_path("wide.xlsx"), "wide.xlsx", NULL, &e);
	ok(x != NULL, "wide.xlsx opens%s%s", x ? "" : ": ", x ? "" : e.msg);
	if (x == NULL)
		return;
	ok(xlsxrd_row(x, &cells, &lens, &n, &row, &e) == 1 &&
	    xlsxrd_row(x, &cells, &lens, &n, &row, &e) == 1 && row == 2,
	    "wide.xlsx: two rows of 4 MB");
	for (i = 0; i < 600 && still < 20; i++) {
		nanosleep(&nap, NULL);
		pthread_mutex_lock(&x->mu);
		n = x->held;
		pthread_mutex_unlock(&x->mu);
		most = n > most ? n : most;
		still = n == was ? still + 1 : 0;
		was = n;
	}
	ok(most <= (size_t)40 << 20, "wide.xlsx: %zu MB queued ahead of a "
	    "reader that does not read, not more than 32 MB and a batch",
	    most >> 20);
	xlsxrd_close(x);
}

static void
records(void)
{
	struct dun_rec_opts o = { DUN_FMT_AUTO, NULL, 1, 0, NULL };
	struct dun_err e;
	struct dun_rec *r;
	struct sha256_ctx c;
	uint8_t d[SHA256_DIGEST_SIZE], buf[4096];
	char hex[65], want[65];
	off_t at;
	long line;
	ssize_t k;
	int fd, i;

	r = dun_rec_open(unit_path("main.xlsx"), &o, &e);
	ok(r != NULL, "dun_rec_open main.xlsx%s%s", r ? "" : ": ",
	    r ? "" : e.msg);
	if (r == NULL)
		return;
	is_int(dun_rec_format(r), DUN_FMT_SHEET, "a workbook's format");
	is_str(dun_rec_encoding(r), "UTF-8", "a workbook's encoding");
	ok(dun_rec_ncols(r) == 6 && strcmp(dun_rec_colname(r, 5),
	    "2024年 收费表") == 0, "its header: the merged title, six times");
	is_int(rec_resume(r, &at, &line), -1, "no short way for a workbook");
	ok(dun_rec_next(r, &e) == 1 && dun_rec_line(r) == 2 &&
	    strcmp(dun_rec_field(r, 2), "amount") == 0, "row 2");
	ok(dun_rec_next(r, &e) == 1 && dun_rec_line(r) == 3 &&
	    strcmp(dun_rec_field(r, 2), "paid") == 0 &&
	    strcmp(dun_rec_field(r, 5), "") == 0,
	    "row 3, its empty cells at the end given back");
	ok(dun_rec_next(r, &e) == 1 && dun_rec_line(r) == 4, "row 4");
	ok(dun_rec_next(r, &e) == 1 && dun_rec_line(r) == 5, "row 5");
	is_int(dun_rec_next(r, &e), -1, "row 7 is wider than the header");
	is_int(dun_rec_line(r), 7, "Excel's row number is the line");
	while ((i = dun_rec_next(r, &e)) != 0)
		if (dun_rec_failed(r))
			break;
	ok(!dun_rec_failed(r), "read to the end");
	sha256_init(&c);
	fd = open(unit_path("main.xlsx"), O_RDONLY);
	while ((k = read(fd, buf, sizeof buf)) > 0)
		sha256_update(&c, (size_t)k, buf);
	close(fd);
	sha256_digest(&c, sizeof d, d);
	for (i = 0; i < SHA256_DIGEST_SIZE; i++)
		snprintf(want + 2 * i, 3, "%02x", d[i]);
	is_int(dun_rec_sha256(r, hex), 0, "hashed");
	is_str(hex, want, "the SHA-256 of the file's bytes");
	dun_rec_close(r);

	o.sheet = "收费";
	r = dun_rec_open(unit_path("legacy.xls"), &o, &e);
	ok(r != NULL && dun_rec_ncols(r) == 2 && strcmp(dun_rec_colname(r,
	    1), "b") == 0 && dun_rec_next(r, &e) == 1 &&
	    strcmp(dun_rec_field(r, 1), "2.25") == 0 && dun_rec_line(r) == 2,
	    "dun_rec_open legacy.xls, sheet 收费");
	dun_rec_close(r);
	r = dun_rec_open(unit_path("page.xls"), &o, &e);
	ok(r == NULL && e.code == DUN_EXIT_DATA, "a web page is refused");
	o.sheet = "none";
	r = dun_rec_open(unit_path("main.xlsx"), &o, &e);
	ok(r == NULL && e.code == DUN_EXIT_USAGE, "an unknown sheet: exit 2");
}

int
main(void)
{
	char cmd[512];

	numbers();
	formats();
	dates();
	sniffs();
	/* Run from the top of the tree, as make check does. */
	snprintf(cmd, sizeof cmd, "/usr/bin/python3 tests/unit/sheet.py %s",
	    unit_scratch("sheet"));
	if (system(cmd) != 0)
		ok(0, "the workbooks are made (%s)", cmd);
	else {
		workbooks();
		refused();
		many();
		held();
		records();
	}
	if (unit_scratch_remove() < 0)
		ok(0, "the scratch folder is removed");
	return done_testing();
}

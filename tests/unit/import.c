/* Importing (lib/import/import.c) through the library's API, on small files
 * in a scratch folder, as dun-import drives it: the header found below
 * a title, the names of columns and fees known by their aliases, rows
 * of totals passed over, and a bad row reported at FILE:LINE: COLUMN. */
#include <stdlib.h>

#include <sqlite3.h>

#include "dun.h"
#include "tap.h"
#include "unit.h"

/* What one file's import said, as one text. */
struct said {
	char text[4096];
};

static void
say(struct said *s, const char *what, const char *text)
{
	size_t n = strlen(s->text);

	snprintf(s->text + n, sizeof s->text - n, "%s%s%s", n ? "\n" : "",
	    what, text);
}

/* Import the file name holding bytes, kind -1 to tell it from the
 * header, in a transaction of its own committed when no row is bad;
 * what was said into s, one line a thing:
 *   header LINE above N kind K ignored COLS
 *   bad MESSAGE                     (a row, each)
 *   skipped WHAT
 *   counts rows R inserted I updated U unchanged C rejected J
 *   error MESSAGE                   (the file could not be read) */
static void
import(struct dun_ledger *l, const struct dun_config *c, const char *name,
    const char *bytes, int kind, struct said *s)
{
	struct dun_import_opts io = { 0, 0, NULL, NULL };
	struct dun_rec_opts ro = { DUN_FMT_AUTO, NULL, 1, 0, NULL };
	struct dun_import_counts n;
	struct dun_import *im;
	struct dun_rec *r;
	struct dun_err err;
	char *ignored = NULL, *hdr, line[512], sha[65] = "", *skipped;
	long above, at;
	int k;

	s->text[0] = '\0';
	im = dun_import_new(l, c, &io);
	if ((r = dun_rec_open(unit_put(name, bytes), &ro, &err)) == NULL) {
		say(s, "error ", unit_local(err.msg));
		dun_import_free(im);
		return;
	}
	if (dun_import_find_header(im, r, &above, &at, &err) < 0 ||
	    (kind = dun_import_header(im, r, kind, &ignored, NULL, &err)) < 0) {
		say(s, "error ", unit_local(err.msg));
		goto out;
	}
	hdr = str_fmt("%ld above %ld kind %s ignored %s", at, above,
	    dun_kind_name((enum dun_kind)kind), ignored ? ignored : "");
	say(s, "header ", hdr);
	free(hdr);
	free(ignored);
	if (dun_ledger_begin_import(l, &err) < 0 ||
	    dun_import_file_begin(im, dun_rec_name(r), &err) < 0) {
		say(s, "error ", unit_local(err.msg));
		goto out;
	}
	while ((k = dun_rec_next_raw(r, &err)) != 0) {
		if (k > 0 && dun_import_skip(im, r))
			continue;
		if (k > 0)
			k = dun_rec_whole(r, &err);
		if (k > 0 && dun_import_row(im, r, &err) == 0)
			continue;
		say(s, "bad ", unit_local(err.msg));
		if (k < 0)
			dun_import_reject(im);
		if (err.code != DUN_EXIT_DATA || dun_rec_failed(r))
			break;
	}
	if ((skipped = dun_import_skipped(im)) != NULL)
		say(s, "skipped ", skipped);
	free(skipped);
	dun_rec_sha256(r, sha);
	if (dun_import_file_end(im, sha, -1, &n, &err) < 0) {
		say(s, "error ", unit_local(err.msg));
		dun_ledger_rollback(l);
		goto out;
	}
	snprintf(line, sizeof line, "rows %ld inserted %ld updated %ld "
	    "unchanged %ld rejected %ld", n.rows, n.inserted, n.updated,
	    n.unchanged, n.rejected);
	say(s, "counts ", line);
	if (n.rejected > 0)
		dun_ledger_rollback(l);
	else if (dun_ledger_commit(l, &err) < 0)
		say(s, "error ", unit_local(err.msg));
out:
	dun_rec_close(r);
	dun_import_free(im);
}

/* The rows of an SQL query on the ledger at path, "|" between columns
 * and "\n" between rows. */
static const char *
query(const char *path, const char *sql)
{
	static char out[2048];
	sqlite3 *db;
	sqlite3_stmt *st;
	int i;

	out[0] = '\0';
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) !=
	    SQLITE_OK || sqlite3_prepare_v2(db, sql, -1, &st, NULL) !=
	    SQLITE_OK) {
		snprintf(out, sizeof out, "SQL error: %s", sqlite3_errmsg(db));
		sqlite3_close(db);
		return out;
	}
	while (sqlite3_step(st) == SQLITE_ROW) {
		size_t n = strlen(out);

		if (n)
			snprintf(out + n, sizeof out - n, "\n");
		for (i = 0; i < sqlite3_column_count(st); i++) {
			const unsigned char *t = sqlite3_column_text(st, i);

			n = strlen(out);
			snprintf(out + n, sizeof out - n, "%s%s", i ? "|" : "",
			    t ? (const char *)t : "NULL");
		}
	}
	sqlite3_finalize(st);
	sqlite3_close(db);
	return out;
}

int
main(void)
{
	struct dun_config *c;
	struct dun_ledger *l;
	struct dun_err err;
	struct said s;
	const char *db;

	unit_scratch("import");
	db = unit_path("t.db");
	c = unit_config("import: {encoding: utf-8}\n");
	l = dun_ledger_open(db, DUN_LEDGER_CREATE, &err);
	if (l == NULL) {
		printf("Bail out! %s\n", err.msg);
		return 3;
	}

	/* A household list as a billing system exports it: a title and a
	 * date above the header, names of its own, a total under it. */
	import(l, c, "units.csv",
	    "锦绣花园住户清单,,,,\n"
	    "导出日期：2026-11-20,,,,\n"
	    "房屋编号,业主姓名,联系电话,建筑面积,入住状态\n"
	    "1-0101,马娟,138 0000 1234,88.50,自住\n"
	    "1-0102,李强,13900002345,90,空置\n"
	    "合计,,,178.50,\n", -1, &s);
	is_str(s.text,
	    "header 3 above 2 kind unit ignored \n"
	    "skipped 1 合计 row\n"
	    "counts rows 2 inserted 2 updated 0 unchanged 0 rejected 0",
	    "the header found below two title rows, the kind from it, the "
	    "total passed over");
	is_str(query(db, "SELECT unit, owner, phone, area, occupancy FROM "
	    "units ORDER BY unit"),
	    "1-0101|马娟|13800001234|8850|owner\n"
	    "1-0102|李强|13900002345|9000|vacant",
	    "  each column by its alias, occupancy by its words");

	/* Bills: the fee by its alias, a column no one reads, a bad amount
	 * at its place, a subtotal passed over. */
	import(l, c, "bills.csv",
	    "房屋编号,收费项目,所属期间,应收日期,应收金额,备注\n"
	    "1-0101,物业费,2026-10,2026-10-31,344.23,十月\n"
	    "1-0102,物业服务费,2026-10,2026/10/31,\"1,200.00\",\n"
	    "1-0102,停车费,2026-10,2026-10-31,12a,\n"
	    "1-0102,车位费,2026-11,2026-11-30,1.234,\n"
	    "1-0103,物业费,2026-10,2026-10-31,10.00,\n"
	    "小计,,,,1544.23,\n", -1, &s);
	is_str(s.text,
	    "header 1 above 0 kind charge ignored 备注\n"
	    "bad bills.csv:4: 应收金额: \"12a\" is not an amount\n"
	    "bad bills.csv:5: 应收金额: \"1.234\" has more than two decimal "
	    "places\n"
	    "bad bills.csv:6: 房屋编号: no unit \"1-0103\" in the ledger (import "
	    "the household list first, or use --create-units)\n"
	    "skipped 1 小计 row\n"
	    "counts rows 5 inserted 2 updated 0 unchanged 0 rejected 3",
	    "bad rows at FILE:LINE: COLUMN (as the file names it), "
	    "each, and counted");
	is_str(query(db, "SELECT count(*) FROM charges"), "0",
	    "  and nothing of the file loaded");

	import(l, c, "bills2.csv",
	    "房屋编号,收费项目,所属期间,应收日期,应收金额\n"
	    "1-0101,物业费,2026-10,2026-10-31,344.23\n"
	    "1-0102,物业服务费,2026-10,2026/10/31,\"1,200.00\"\n"
	    "1-0102,停车费,2026年10月,20261031,¥150\n"
	    "总计,,,,1694.23\n", -1, &s);
	is_str(s.text,
	    "header 1 above 0 kind charge ignored \n"
	    "skipped 1 总计 row\n"
	    "counts rows 3 inserted 3 updated 0 unchanged 0 rejected 0",
	    "the good bills load");
	is_str(query(db, "SELECT u.unit, c.fee, c.period, "
	    "date(c.due * 86400, 'unixepoch'), c.amount "
	    "FROM charges c JOIN units u ON u.id = c.unit_id ORDER BY "
	    "u.unit, c.fee"),
	    "1-0101|management|202610|2026-10-31|34423\n"
	    "1-0102|management|202610|2026-10-31|120000\n"
	    "1-0102|parking|202610|2026-10-31|15000",
	    "  fees by their aliases, dates and amounts as people write them");

	/* A receipt: 实收金额 is a payment's amount. */
	import(l, c, "pay.csv",
	    "收据号,房屋编号,缴费日期,实收金额,收费项目,所属期间\n"
	    "R1,1-0101,2026-11-02,344.23,物业费,2026-10\n", -1, &s);
	is_str(s.text,
	    "header 1 above 0 kind payment ignored \n"
	    "counts rows 1 inserted 1 updated 0 unchanged 0 rejected 0",
	    "a receipt is a payment, told by its header");
	is_str(query(db, "SELECT ref, date(date * 86400, 'unixepoch'), "
	    "amount, fee, period FROM payments"), "R1|2026-11-02|34423|management|202610",
	    "  its amount in fen");

	/* The same file again changes nothing. */
	import(l, c, "bills2.csv",
	    "房屋编号,收费项目,所属期间,应收日期,应收金额\n"
	    "1-0101,物业费,2026-10,2026-10-31,344.23\n"
	    "1-0102,物业服务费,2026-10,2026/10/31,\"1,200.00\"\n"
	    "1-0102,停车费,2026年10月,20261031,¥150\n"
	    "总计,,,,1694.23\n", -1, &s);
	is_str(s.text,
	    "header 1 above 0 kind charge ignored \n"
	    "skipped 1 总计 row\n"
	    "counts rows 3 inserted 0 updated 0 unchanged 3 rejected 0",
	    "the same bills again: unchanged");

	/* An arrears list: a title, what is owing and what was paid under a
	 * charge's own names (实收 is what a bill says was paid), subtotals,
	 * a total, a signature and a blank row. */
	import(l, c, "arrears.csv",
	    "欠费明细表,,,,,\n"
	    "房号,费用项目,所属期间,应收,实收,欠费金额\n"
	    "1-0101,物业费,2026-11,344.23,100.00,244.23\n"
	    "小计,,,344.23,100.00,244.23\n"
	    "1-0102,物业费,2026-11,1200.00,0,1200.00\n"
	    "1-0102 小计,,,1200.00,0,1200.00\n"
	    ",,,,,\n"
	    "合计,,,1544.23,100.00,1444.23\n"
	    "制表人：王芳,,,,,\n", -1, &s);
	is_str(s.text,
	    "header 2 above 1 kind charge ignored \n"
	    "skipped 1 合计 row, 2 小计 rows, 1 制表人 row, 1 blank row\n"
	    "counts rows 2 inserted 2 updated 0 unchanged 0 rejected 0",
	    "an arrears list: every row that is not data passed over");
	is_str(query(db, "SELECT u.unit, c.amount, ifnull(d.paid, 0) FROM charges c "
	    "JOIN units u ON u.id = c.unit_id LEFT JOIN charge_details d "
	    "USING (unit_id, fee, period, bill) WHERE c.period = 202611 "
	    "ORDER BY u.unit"), "1-0101|34423|10000\n1-0102|120000|0",
	    "  应收 the amount, 实收 what was paid");

	/* What cannot be read at all. */
	import(l, c, "none.csv", "a,b\n1,2\n3,4\n", -1, &s);
	is_str(s.text, "error none.csv: none of its first 30 rows names a "
	    "unit's column (unit, or an alias such as 房号 or 房屋编号); add "
	    "that column, or name it in import.aliases in dun.yaml",
	    "a file with no unit column");
	import(l, c, "lack.csv", "title\n房屋编号,收费项目,应收金额\n"
	    "1-0101,物业费,1\n", DUN_KIND_CHARGE, &s);
	is_str(s.text, "error lack.csv:2: a charge needs a column, which the "
	    "header lacks: period (所属期间, 计费周期) or start (计费开始日期, "
	    "计费起始日期) (if the file names it otherwise, add that name to "
	    "import.aliases in dun.yaml)",
	    "a header lacking a charge's columns, at its line");

	dun_ledger_close(l);
	dun_config_free(c);
	return done_testing();
}

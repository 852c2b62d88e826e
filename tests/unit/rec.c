/* Records: TSV and CSV readers, encodings, the writer. */
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include "dun.h"
#include "tap.h"
#include "unit.h"

static const char *dir;		/* the scratch folder */

#define PUT(name, lit) unit_putn(name, lit, sizeof lit - 1)

static struct dun_rec *
open_ok(const char *path, const char *enc, struct dun_err *err)
{
	struct dun_rec_opts o = { DUN_FMT_AUTO, enc, 1, 0, NULL };
	struct dun_rec *r = dun_rec_open(path, &o, err);

	ok(r != NULL, "opens %s%s%s", strrchr(path, '/') + 1,
	    r ? "" : ": ", r ? "" : err->msg);
	return r;
}

/* Read all records as "line:f1|f2|...;" into out. */
static void
slurp(struct dun_rec *r, char *out, size_t sz, struct dun_err *err)
{
	int k;
	size_t i;

	out[0] = '\0';
	while ((k = dun_rec_next(r, err)) != 0) {
		size_t n = strlen(out);

		if (k < 0) {
			snprintf(out + n, sz - n, "ERR(%s);", err->msg);
			if (dun_rec_failed(r))
				break;
			continue;
		}
		snprintf(out + n, sz - n, "%ld:", dun_rec_line(r));
		for (i = 0; i < dun_rec_ncols(r); i++) {
			n = strlen(out);
			snprintf(out + n, sz - n, "%s%s", i ? "|" : "",
			    dun_rec_field(r, i));
		}
		n = strlen(out);
		snprintf(out + n, sz - n, ";");
	}
}

static void
reads(const char *name, const char *enc, const char *want_cols,
    const char *want, const char *bytes, size_t n)
{
	struct dun_err err;
	struct dun_rec *r = open_ok(unit_putn(name, bytes, n), enc, &err);
	char got[4096], cols[512] = "", w[4096] = "";
	const char *at;
	size_t i;

	/* "@" in want stands for the scratch directory. */
	for (at = want; *at; at++) {
		if (*at == '@')
			snprintf(w + strlen(w), sizeof w - strlen(w), "%s", dir);
		else
			snprintf(w + strlen(w), sizeof w - strlen(w), "%c", *at);
	}
	want = w;

	if (r == NULL)
		return;
	for (i = 0; i < dun_rec_ncols(r); i++)
		snprintf(cols + strlen(cols), sizeof cols - strlen(cols), "%s%s",
		    i ? "|" : "", dun_rec_colname(r, i));
	is_str(cols, want_cols, "%s: header", name);
	slurp(r, got, sizeof got, &err);
	is_str(got, want, "%s: records", name);
	dun_rec_close(r);
}

#define READS(name, enc, cols, want, lit) \
	reads(name, enc, cols, want, lit, sizeof lit - 1)

static void
open_fails(const char *name, const char *want, const char *bytes, size_t n)
{
	struct dun_err err = { 0, "" };
	struct dun_rec_opts o = { DUN_FMT_AUTO, NULL, 0, 0, NULL };
	const char *path = unit_putn(name, bytes, n);
	struct dun_rec *r = dun_rec_open(path, &o, &err);
	char w[512];

	snprintf(w, sizeof w, "%s/%s", dir, want);
	ok(r == NULL, "%s does not open", name);
	is_str(err.msg, w, "  with %s", want);
	dun_rec_close(r);
}

/* A file of head, then n bytes of line (its newlines every so often
 * when lines), then tail; the path. */
static const char *
put_big(const char *name, const char *head, size_t n, int lines,
    const char *tail)
{
	const char *path = unit_path(name);
	char chunk[4096];
	FILE *f;
	size_t k;

	f = fopen(path, "wb");
	fputs(head, f);
	memset(chunk, 'x', sizeof chunk);
	if (lines)
		chunk[sizeof chunk - 1] = '\n';
	for (; n > 0; n -= k) {
		k = n < sizeof chunk ? n : sizeof chunk;
		fwrite(chunk, 1, k, f);
	}
	fputs(tail, f);
	fclose(f);
	return path;
}

/* A record over 64 MB is an error at its line, and reading stops there
 * (issue 14: a 1 GB line was read whole, into 4 GB, with exit 0); one
 * just under is read. */
static void
big_record(const char *name, const char *head, size_t n, int lines,
    const char *tail, const char *want)
{
	struct dun_err err = { 0, "" };
	struct dun_rec_opts o = { DUN_FMT_AUTO, NULL, 0, 0, NULL };
	struct dun_rec *r = dun_rec_open(put_big(name, head, n, lines, tail),
	    &o, &err);
	char w[512];
	int k;

	ok(r != NULL, "%s: %zu bytes opens", name, n);
	if (r == NULL)
		return;
	k = dun_rec_next(r, &err);
	if (want == NULL) {
		is_int(k, 1, "  and is read");
		ok(dun_rec_next(r, &err) == 1 && strcmp(dun_rec_field(r, 0),
		    "1") == 0, "  and the record after it");
	} else {
		snprintf(w, sizeof w, "%s/%s", dir, want);
		is_int(k, -1, "  and fails");
		is_int(err.code, DUN_EXIT_DATA, "  as bad data");
		is_str(err.msg, w, "  with %s", want);
		ok(dun_rec_failed(r), "  and the reader goes no further");
	}
	dun_rec_close(r);
}

int
main(void)
{
	struct dun_err err;
	struct dun_out *o;
	struct dun_rec *r;
	char buf[256], hex[65];
	int fd;
	ssize_t n;
	char *big;
	size_t i, len;

	dir = unit_scratch("rec");

	READS("plain.tsv", NULL, "a|b", "2:1|2;3:3|4;", "a\tb\n1\t2\n3\t4\n");
	READS("escapes.tsv", NULL, "a|b",
	    "2:x\ty|l1\nl2;3:back\\slash|C:\\dir;",
	    "a\tb\nx\\ty\tl1\\nl2\nback\\\\slash\tC:\\dir\n");
	READS("crlf.tsv", NULL, "a|b", "2:1|2;4:3|;",
	    "a\tb\r\n1\t2\r\n\r\n3\t\r\n");
	READS("noeol.tsv", NULL, "a|b", "2:1|2;", "a\tb\n1\t2");
	READS("fields.tsv", NULL, "a|b", "ERR(@/fields.tsv:2: has 3 fields, "
	    "the header has 2);3:5|6;", "a\tb\n1\t2\t3\n5\t6\n");
	READS("trailing.tsv", NULL, "a|b", "2:1|2;", "a\tb\t\n1\t2\t\n");
	READS("quotes.csv", NULL, "name|note",
	    "2:Smith, J|said \"hi\";3:two\nlines|x;5:a|;",
	    "name,note\n\"Smith, J\",\"said \"\"hi\"\"\"\n\"two\nlines\",x\n"
	    "a,\n");
	READS("bom.csv", NULL, "房号|金额", "2:3-1201|1,200.00;",
	    "\xef\xbb\xbf房号,金额\r\n3-1201,\"1,200.00\"\r\n");
	/* GBK: 房号 is b7 bf ba c5, 张三 is d5 c5 c8 fd. */
	READS("gbk.csv", NULL, "房号|业主", "2:1-0101|张三;",
	    "\xb7\xbf\xba\xc5,\xd2\xb5\xd6\xf7\r\n1-0101,\xd5\xc5\xc8\xfd\r\n");
	READS("gbk-named.csv", "gbk", "房号|业主", "2:1-0101|张三;",
	    "\xb7\xbf\xba\xc5,\xd2\xb5\xd6\xf7\r\n1-0101,\xd5\xc5\xc8\xfd\r\n");
	READS("utf16.tsv", NULL, "a|b", "2:1|张;",
	    "\xff\xfe" "a\0\t\0b\0\n\0" "1\0\t\0\x20\x5f\n\0");

	open_fails("badtext.tsv", "badtext.tsv:3: is not valid GB18030 text",
	    "a\nok\n\xff\n", 7);
	open_fails("empty.tsv", "empty.tsv:1: is empty: no header line", "",
	    0);
	{
		struct dun_err e = { 0, "" };
		struct dun_rec_opts eo = { DUN_FMT_TSV, NULL, 0, 1, NULL };
		struct dun_rec *er = dun_rec_open(unit_put("empty2.tsv", ""),
		    &eo, &e);

		ok(er != NULL && dun_rec_ncols(er) == 0 &&
		    dun_rec_next(er, &e) == 0, "empty_ok: nothing at all is "
		    "no columns and no records");
		dun_rec_close(er);
	}
	open_fails("zip.csv", "zip.csv: is not a whole xlsx file: the end of "
	    "its zip archive is missing (was it cut short when copied or "
	    "downloaded?); copy or export it again", "PK\3\4rest", 8);
	open_fails("nul.tsv", "nul.tsv:2: contains a NUL byte: not a text "
	    "file", "a\tb\n1\0\t2\n", 9);

	/* A broken quote stops the reader, naming the line. */
	r = open_ok(PUT("broken.csv", "a,b\n1,2\n3,x\"y\n5,6\n"), NULL, &err);
	ok(dun_rec_next(r, &err) == 1, "broken.csv: line 2 reads");
	ok(dun_rec_next(r, &err) == -1 && dun_rec_failed(r),
	    "broken.csv: line 3 stops the reader");
	snprintf(buf, sizeof buf, "%s/broken.csv:3: a quote stands inside an "
	    "unquoted field or after a closing quote", dir);
	is_str(err.msg, buf, "  with its line");
	dun_rec_close(r);

	/* Not valid UTF-8 late in a file (after the first megabyte). */
	len = 1100000;
	big = malloc(len + 16);
	memcpy(big, "a\n", 2);
	for (i = 2; i < len; i += 2)
		memcpy(big + i, "x\n", 2);
	memcpy(big + len, "\xff\n", 2);
	r = open_ok(unit_putn("late.tsv", big, len + 2), NULL, &err);
	while (dun_rec_next(r, &err) > 0)
		;
	snprintf(buf, sizeof buf, "%s/late.tsv:%zu: is not valid UTF-8 (if "
	    "the file is GBK, say --encoding gbk)", dir, len / 2 + 1);
	is_str(err.msg, buf, "a bad byte after the first megabyte names its "
	    "line");
	dun_rec_close(r);
	free(big);

	/* The SHA-256 is of the bytes as they are in the file. */
	r = open_ok(PUT("abc.tsv", "abc\n"), NULL, &err);
	while (dun_rec_next(r, &err) > 0)
		;
	dun_rec_sha256(r, hex);
	is_str(hex, "edeaaff3f1774ad2888673770c6d64097e391bc362d7d6fb34982ddf0"
	    "efd18cb", "sha256 of \"abc\\n\"");
	dun_rec_close(r);

	/* The writer escapes, and writes only whole records. */
	snprintf(buf, sizeof buf, "%s/out.tsv", dir);
	fd = open(buf, O_RDWR | O_CREAT | O_TRUNC, 0600);
	o = dun_out_new(fd);
	dun_out_str(o, "a\tb");
	dun_out_str(o, "c\\d\ne");
	dun_out_money(o, -1234);
	dun_out_end(o);
	dun_out_flush(o);
	dun_out_str(o, "half");
	dun_out_flush(o);
	n = pread(fd, buf, sizeof buf - 1, 0);
	buf[n > 0 ? n : 0] = '\0';
	is_str(buf, "a\\tb\tc\\\\d\\ne\t-12.34\n", "the writer escapes and "
	    "holds back the record not ended");
	dun_out_end(o);
	ok(dun_out_close(o) == 0, "the writer closes");
	n = pread(fd, buf, sizeof buf - 1, 0);
	buf[n > 0 ? n : 0] = '\0';
	is_str(buf, "a\\tb\tc\\\\d\\ne\t-12.34\nhalf\n", "then writes it "
	    "whole");
	close(fd);

	/* What the writer writes, the reader reads back the same. */
	snprintf(buf, sizeof buf, "%s/round.tsv", dir);
	fd = open(buf, O_RDWR | O_CREAT | O_TRUNC, 0600);
	o = dun_out_new(fd);
	dun_out_str(o, "k");
	dun_out_end(o);
	dun_out_str(o, "\\t is not a tab\t\n\\");
	dun_out_end(o);
	dun_out_close(o);
	close(fd);
	r = open_ok(buf, NULL, &err);
	ok(dun_rec_next(r, &err) == 1, "reads back");
	is_str(dun_rec_field(r, 0), "\\t is not a tab\t\n\\", "round trip");
	dun_rec_close(r);

	/* A record as the writer would write it: plain, escaped, from CSV,
	 * with the room asked for after it. */
	r = open_ok(PUT("j.tsv", "a\tb\tc\nx\ty\\tz\t\r\n1\t\t\t\n"),
	    NULL, &err);
	{
		const char *want[] = { "x\ty\\tz\t", "1\t\t" };
		size_t k;

		for (k = 0; k < 2 && dun_rec_next(r, &err) == 1; k++) {
			char *t = dun_rec_tsv(r, 5, &len);

			is_str(t, want[k], "dun_rec_tsv: record %zu", k + 1);
			is_int(len, strlen(want[k]), "  its length");
			memset(t + len + 1, 'z', 5);	/* the room is there */
			free(t);
		}
	}
	dun_rec_close(r);
	r = open_ok(PUT("j.csv", "a,b\n\"t\tab\",\"back\\slash\"\n"), NULL,
	    &err);
	if (dun_rec_next(r, &err) == 1) {
		char *t = dun_rec_tsv(r, 0, &len);

		is_str(t, "t\\tab\tback\\\\slash", "dun_rec_tsv escapes CSV "
		    "fields");
		free(t);
	}
	dun_rec_close(r);

	{
		char *kv[] = { "unit=3-1201", "amount=1,200" };

		r = dun_rec_pairs(kv, 2, "command line", &err);
		ok(r != NULL && dun_rec_ncols(r) == 2 &&
		    dun_rec_next(r, &err) == 1, "key=value pairs read");
		is_str(dun_rec_field(r, 1), "1,200", "  their values");
		ok(dun_rec_next(r, &err) == 0, "  as one record");
		dun_rec_close(r);
	}
	{
		const char *path = PUT("typed.tsv", "unit\tdue\tamount\n"
		    "1-0101\t2026-11-30\t12.50\n\t2026-13-01\t12.3.4\n");
		const char *s;
		dun_money m = 7;
		dun_date d = 7;

		r = open_ok(path, NULL, &err);
		ok(dun_rec_next(r, &err) == 1 &&
		    dun_rec_need(r, 0, &s, &err) == 0 &&
		    strcmp(s, "1-0101") == 0, "a field that must be there");
		ok(dun_rec_money(r, 2, &m, &err) == 1 && m == 1250,
		    "  an amount");
		ok(dun_rec_date(r, 1, DUN_DATE_ISO, &d, &err) == 1 &&
		    d == dun_date_make(2026, 11, 30), "  a date");
		ok(dun_rec_money(r, -1, &m, &err) == 0 && m == 1250 &&
		    dun_rec_date(r, -1, DUN_DATE_ISO, &d, &err) == 0,
		    "  a column the header lacks is empty, the value kept");
		ok(dun_rec_next(r, &err) == 1 &&
		    dun_rec_need(r, 0, &s, &err) == -1, "an empty field");
		is_str(err.msg + strlen(dir) + 1, "typed.tsv:3: unit: is empty", "  said");
		ok(dun_rec_money(r, 2, &m, &err) == -1, "a bad amount");
		is_str(err.msg + strlen(dir) + 1, "typed.tsv:3: amount: \"12.3.4\" is not an "
		    "amount", "  said");
		ok(dun_rec_date(r, 1, DUN_DATE_ISO, &d, &err) == -1,
		    "a bad date");
		is_str(err.msg + strlen(dir) + 1, "typed.tsv:3: due: "
		    "\"2026-13-01\" has month 13: months are 1 to 12", "  said");
		dun_rec_close(r);
	}
	big_record("big.tsv", "a\tb\n", (64 << 20) + 1, 0, "\t2\n1\t2\n",
	    "big.tsv:2: a record over 64 MB");
	big_record("under.tsv", "a\tb\n", (64 << 20) - 16, 0, "\t2\n1\t2\n",
	    NULL);
	big_record("big.csv", "a,b\n", (64 << 20) + 1, 0, ",2\n1,2\n",
	    "big.csv:2: a record over 64 MB");
	big_record("lines.csv", "a,b\n\"", (64 << 20) + 1, 1, "\",2\n1,2\n",
	    "lines.csv:2: a record over 64 MB");
	big_record("lines-under.csv", "a,b\n\"", (64 << 20) - 64, 1,
	    "\",2\n1,2\n", NULL);
	if (unit_scratch_remove() < 0)
		return 3;
	return done_testing();
}

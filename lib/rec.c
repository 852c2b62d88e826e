/*
 * rec.c — reading records: TSV (dun(5)) and CSV (RFC 4180, by libcsv),
 * from UTF-8, GBK/GB18030 or UTF-16 text, each record with its line.
 *
 * The input is read in large blocks into one buffer of UTF-8 text.  UTF-8
 * input is read straight into that buffer and checked in place; any other
 * encoding goes through iconv.  A record's fields point into the buffer
 * (TSV, unescaped in place) or into a field buffer (CSV), valid until the
 * next call.
 */
#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <csv.h>
#include <nettle/sha2.h>

#include "internal.h"
#include "fast.h"
#include "sheet.h"

#define BLOCK (256 * 1024)
#define SNIFF (1024 * 1024)
/* The longest record, in MB of UTF-8 text: a longer one is not data, and
 * reading it whole would take any memory there is. */
#define RECORD_MB 64

enum { SRC_FD, SRC_PAIRS, SRC_SHEET };

struct dun_rec {
	char *name;
	int fd, src, format, eof, hashing, failed;
	off_t nread;			/* bytes read from fd */
	char encoding[32];
	iconv_t cd;			/* (iconv_t)-1 for UTF-8 */
	struct sha256_ctx sha;
	struct sheet *sheet;		/* SRC_SHEET: a workbook's rows */

	char *buf;			/* UTF-8 text; [pos, len) unread */
	size_t pos, len, cap, valid;	/* [0, valid) checked */
	long nl_pos;			/* newlines before buf[pos] */
	char *raw;			/* iconv: bytes not yet converted */
	size_t rawlen, rawcap;

	char **cols;
	size_t ncols;
	char **f;			/* the record's fields */
	size_t *flen, nf, fcap;
	int plain;			/* TSV, in place, with no escapes */
	long line;

	struct csv_parser csv;		/* CSV: fields gathered here */
	char *cbuf;
	size_t clen, ccap, *coff, cnf, ccap_f;
	int cdone;
	int pairs_done;
	int again;			/* the record read is read again */
};

static void
sysfail(struct dun_rec *r, struct dun_err *err, const char *what)
{
	dun_err_set(err, DUN_EXIT_SYS, "%s: %s: %s", r->name, what,
	    strerror(errno));
	r->failed = 1;
}

static void
datafail(struct dun_rec *r, struct dun_err *err, long line, const char *what)
{
	dun_err_set(err, DUN_EXIT_DATA, "%s:%ld: %s", r->name, line, what);
	r->failed = 1;
}

static const char no_nul[] = "contains a NUL byte: not a text file";
static const char too_long[] = "a record over 64 MB";	/* RECORD_MB */
static const char no_utf8[] = "is not valid UTF-8 (if the file is GBK, say "
    "--encoding gbk)";

static long
count_nl(const char *s, size_t n)
{
	const char *end = s + n;
	long k = 0;

	while ((s = memchr(s, '\n', (size_t)(end - s))) != NULL)
		k++, s++;
	return k;
}

static void
reserve(struct dun_rec *r, size_t more)
{
	if (r->pos > 0 && (r->pos >= r->len || r->cap - r->len <= more)) {
		memmove(r->buf, r->buf + r->pos, r->len - r->pos);
		r->len -= r->pos;
		r->valid -= r->pos;
		r->pos = 0;
	}
	if (r->cap - r->len < more + 1) {
		while (r->cap - r->len < more + 1)
			r->cap = r->cap ? r->cap * 2 : BLOCK * 2;
		r->buf = xrealloc(r->buf, r->cap);
	}
}

/* Read up to n bytes at dst; 0 at end of file. */
static ssize_t
readsome(struct dun_rec *r, char *dst, size_t n)
{
	ssize_t k;

	do
		k = read(r->fd, dst, n);
	while (k < 0 && errno == EINTR);
	if (k > 0)
		r->nread += k;
	if (k > 0 && r->hashing)
		sha256_update(&r->sha, (size_t)k, (const uint8_t *)dst);
	return k;
}

/* Newlines before buf[at]: those consumed, and those read but not yet. */
static long
lines_before(const struct dun_rec *r, size_t at)
{
	return r->nl_pos + count_nl(r->buf + r->pos, at - r->pos);
}

/* Check the UTF-8 just read. */
static int
check_utf8(struct dun_rec *r, struct dun_err *err)
{
	size_t n = r->len - r->valid, ok;
	int partial;
	char *nul;

	ok = utf8_valid((unsigned char *)r->buf + r->valid, n, &partial);
	if ((nul = memchr(r->buf + r->valid, '\0', ok)) != NULL)
		ok = (size_t)(nul - (r->buf + r->valid));
	r->valid += ok;
	if (nul != NULL) {
		datafail(r, err, lines_before(r, r->valid) + 1, no_nul);
		return -1;
	}
	if (ok < n && (!partial || r->eof)) {
		datafail(r, err, lines_before(r, r->valid) + 1, no_utf8);
		return -1;
	}
	return 0;
}

/* Convert what raw holds through iconv, appending to buf. */
static int
convert(struct dun_rec *r, struct dun_err *err)
{
	char *in = r->raw;
	size_t inleft = r->rawlen;

	while (inleft > 0) {
		char *out, *start;
		size_t outleft, k;

		reserve(r, inleft * 2 + 16);
		start = out = r->buf + r->len;
		outleft = r->cap - r->len - 1;
		k = iconv(r->cd, &in, &inleft, &out, &outleft);
		r->len = r->valid = (size_t)(out - r->buf);
		if (memchr(start, '\0', (size_t)(out - start)) != NULL) {
			datafail(r, err, lines_before(r, (size_t)(out -
			    r->buf)) + 1, "contains a NUL character: not a "
			    "text file");
			return -1;
		}
		if (k != (size_t)-1)
			continue;
		if (errno == E2BIG)
			continue;
		if (errno == EINVAL && !r->eof)
			break;
		{
			char msg[128];

			snprintf(msg, sizeof msg, "is not valid %s text",
			    r->encoding);
			datafail(r, err, lines_before(r, r->valid) + 1, msg);
		}
		return -1;
	}
	memmove(r->raw, in, inleft);
	r->rawlen = inleft;
	return 0;
}

/* Read more text into buf: 1 some was added, 0 end of input, -1 error. */
static int
fill(struct dun_rec *r, struct dun_err *err)
{
	ssize_t k;
	/* Text unread, not where it stands: reserve() and convert() may
	 * move it to the front of buf. */
	size_t before = r->valid - r->pos;

	if (r->failed)
		return -1;
	while (!r->eof && r->valid - r->pos == before) {
		if (r->cd == (iconv_t)-1) {
			reserve(r, BLOCK);
			k = readsome(r, r->buf + r->len, BLOCK);
			if (k < 0) {
				sysfail(r, err, "read");
				return -1;
			}
			if (k == 0)
				r->eof = 1;
			r->len += (size_t)k;
			if (check_utf8(r, err) < 0)
				return -1;
		} else {
			if (r->rawcap - r->rawlen < BLOCK) {
				r->rawcap = r->rawlen + BLOCK;
				r->raw = xrealloc(r->raw, r->rawcap);
			}
			k = readsome(r, r->raw + r->rawlen, BLOCK);
			if (k < 0) {
				sysfail(r, err, "read");
				return -1;
			}
			if (k == 0)
				r->eof = 1;
			r->rawlen += (size_t)k;
			if (convert(r, err) < 0)
				return -1;
		}
	}
	if (r->eof && r->rawlen > 0) {
		datafail(r, err, lines_before(r, r->valid) + 1, "ends inside "
		    "a character");
		return -1;
	}
	return r->valid - r->pos > before;
}

static int
setup_iconv(struct dun_rec *r, const char *enc, struct dun_err *err)
{
	snprintf(r->encoding, sizeof r->encoding, "%s", enc);
	r->cd = iconv_open("UTF-8", enc);
	if (r->cd == (iconv_t)-1) {
		dun_err_set(err, DUN_EXIT_USAGE, "%s: unknown encoding \"%s\"",
		    r->name, enc);
		r->failed = 1;
		return -1;
	}
	/* What was read so far is raw input for iconv. */
	r->raw = xmalloc(r->len - r->pos + BLOCK);
	r->rawcap = r->len - r->pos + BLOCK;
	memcpy(r->raw, r->buf + r->pos, r->len - r->pos);
	r->rawlen = r->len - r->pos;
	r->pos = r->len = r->valid = 0;
	return convert(r, err);
}

static int
is_utf8_name(const char *e)
{
	return strcasecmp(e, "utf-8") == 0 || strcasecmp(e, "utf8") == 0;
}

/* Read the first megabyte, settle the encoding, skip a BOM. */
static int
sniff(struct dun_rec *r, const char *enc, struct dun_err *err)
{
	unsigned char *u;
	ssize_t k;
	int partial;

	reserve(r, SNIFF);
	while (r->len < SNIFF) {
		k = readsome(r, r->buf + r->len, SNIFF - r->len);
		if (k < 0) {
			sysfail(r, err, "read");
			return -1;
		}
		if (k == 0) {
			r->eof = 1;
			break;
		}
		r->len += (size_t)k;
	}
	u = (unsigned char *)r->buf;
	if (r->len >= 4 && memcmp(u, "PK\3\4", 4) == 0) {
		datafail(r, err, 1, "is a zip or xlsx file, not text: save it "
		    "as CSV");
		return -1;
	}
	if (r->len >= 3 && u[0] == 0xef && u[1] == 0xbb && u[2] == 0xbf) {
		r->pos = 3;
		if (enc == NULL)
			enc = "UTF-8";
	} else if (r->len >= 2 && ((u[0] == 0xff && u[1] == 0xfe) ||
	    (u[0] == 0xfe && u[1] == 0xff))) {
		r->pos = 2;
		if (enc == NULL)
			enc = u[0] == 0xff ? "UTF-16LE" : "UTF-16BE";
	}
	if (enc == NULL) {
		size_t ok = utf8_valid(u + r->pos, r->len - r->pos, &partial);

		enc = ok == r->len - r->pos || (partial && !r->eof) ?
		    "UTF-8" : "GB18030";
	}
	if (is_utf8_name(enc)) {
		snprintf(r->encoding, sizeof r->encoding, "UTF-8");
		r->valid = r->pos;
		return check_utf8(r, err);
	}
	return setup_iconv(r, enc, err);
}

/* The next physical line, without its newline (and CR), NUL-terminated
 * in place: 1, or 0 at end of input, or -1 on error. */
static int
next_line(struct dun_rec *r, char **line, size_t *n, struct dun_err *err)
{
	size_t scan = 0;
	char *nl;
	int k;

	for (;;) {
		nl = memchr(r->buf + r->pos + scan, '\n', r->valid - r->pos -
		    scan);
		if (nl != NULL)
			break;
		scan = r->valid - r->pos;
		if (scan > (size_t)RECORD_MB << 20) {
			datafail(r, err, r->nl_pos + 1, too_long);
			return -1;
		}
		if ((k = fill(r, err)) < 0)
			return -1;
		if (k == 0) {
			if (r->pos == r->valid)
				return 0;
			nl = r->buf + r->valid;	/* the last line, unended */
			reserve(r, 1);
			nl = r->buf + r->valid;
			break;
		}
	}
	*line = r->buf + r->pos;
	*n = (size_t)(nl - *line);
	if (*n > (size_t)RECORD_MB << 20) {
		datafail(r, err, r->nl_pos + 1, too_long);
		return -1;
	}
	r->pos += *n + (nl < r->buf + r->valid);
	r->nl_pos++;
	if (*n > 0 && (*line)[*n - 1] == '\r')
		(*n)--;
	(*line)[*n] = '\0';
	return 1;
}

static void
grow_fields(struct dun_rec *r, size_t need)
{
	if (need <= r->fcap)
		return;
	while (r->fcap < need)
		r->fcap = r->fcap ? r->fcap * 2 : 32;
	r->f = xrealloc(r->f, r->fcap * sizeof *r->f);
	r->flen = xrealloc(r->flen, r->fcap * sizeof *r->flen);
}

/* Unescape \t \n \\ in place; any other backslash stays as it is. */
static size_t
unescape(char *s, size_t n)
{
	char *w = s, *end = s + n, *p = memchr(s, '\\', n);

	if (p == NULL)
		return n;
	w = p;
	while (p < end) {
		if (*p == '\\' && p + 1 < end && (p[1] == 't' || p[1] == 'n' ||
		    p[1] == '\\')) {
			*w++ = p[1] == 't' ? '\t' : p[1] == 'n' ? '\n' : '\\';
			p += 2;
		} else
			*w++ = *p++;
	}
	*w = '\0';
	return (size_t)(w - s);
}

/* Split a line (NUL-terminated at n) into the record's fields. */
static void
tsv_split(struct dun_rec *r, char *line, size_t n)
{
	char *p = line, *end = line + n, *q;
	int escapes = 0;

	/* One pass: fields are short, and a loop costs less than a memchr
	 * call for each. */
	r->nf = 0;
	for (;;) {
		size_t len;

		for (q = p; q < end && *q != '\t'; q++)
			escapes |= *q == '\\';
		grow_fields(r, r->nf + 1);
		len = (size_t)(q - p);
		if (q < end)
			*q = '\0';
		r->f[r->nf] = p;
		r->flen[r->nf] = len;
		r->nf++;
		if (q == end)
			break;
		p = q + 1;
	}
	r->plain = !escapes;
	if (escapes) {
		size_t i;

		for (i = 0; i < r->nf; i++)
			r->flen[i] = unescape(r->f[i], r->flen[i]);
	}
}

static int
tsv_record(struct dun_rec *r, struct dun_err *err)
{
	char *line;
	size_t n;
	int k;

	do {
		if ((k = next_line(r, &line, &n, err)) <= 0)
			return k;
	} while (n == 0);
	r->line = r->nl_pos;
	tsv_split(r, line, n);
	return 1;
}

static void
csv_field(void *s, size_t n, void *data)
{
	struct dun_rec *r = data;

	if (r->clen + n + 1 > r->ccap) {
		while (r->clen + n + 1 > r->ccap)
			r->ccap = r->ccap ? r->ccap * 2 : 4096;
		r->cbuf = xrealloc(r->cbuf, r->ccap);
	}
	if (r->cnf + 1 > r->ccap_f) {
		r->ccap_f = r->ccap_f ? r->ccap_f * 2 : 32;
		r->coff = xrealloc(r->coff, r->ccap_f * sizeof *r->coff);
	}
	r->coff[r->cnf++] = r->clen;
	if (n > 0)
		memcpy(r->cbuf + r->clen, s, n);
	r->clen += n;
	r->cbuf[r->clen++] = '\0';
}

static void
csv_end(int c, void *data)
{
	struct dun_rec *r = data;

	(void)c;
	r->cdone = 1;
}

static int
csv_record(struct dun_rec *r, struct dun_err *err)
{
	char *line;
	size_t n, i, size = 0;
	long first = 0;
	int k;

	r->clen = r->cnf = 0;
	r->cdone = 0;
	while (!r->cdone) {
		if ((k = next_line(r, &line, &n, err)) < 0)
			return -1;
		if (k == 0) {
			if (csv_fini(&r->csv, csv_field, csv_end, r) != 0) {
				datafail(r, err, first ? first : r->nl_pos,
				    "a quoted field is not closed");
				return -1;
			}
			if (!r->cdone)
				return 0;
			break;
		}
		if (first == 0 && n > 0)
			first = r->nl_pos;
		if ((size += n + 1) > (size_t)RECORD_MB << 20) {
			datafail(r, err, first ? first : r->nl_pos, too_long);
			return -1;
		}
		if (csv_parse(&r->csv, line, n, csv_field, csv_end, r) != n ||
		    csv_parse(&r->csv, "\n", 1, csv_field, csv_end, r) != 1) {
			datafail(r, err, r->nl_pos, "a quote stands inside an "
			    "unquoted field or after a closing quote");
			return -1;
		}
	}
	r->line = first ? first : r->nl_pos;
	r->plain = 0;
	grow_fields(r, r->cnf);
	for (i = 0; i < r->cnf; i++) {
		r->f[i] = r->cbuf + r->coff[i];
		r->flen[i] = (i + 1 < r->cnf ? r->coff[i + 1] : r->clen) -
		    r->coff[i] - 1;
	}
	r->nf = r->cnf;
	return 1;
}

/* A spreadsheet's next row that is not empty, Excel's row number its
 * line.  A sheet keeps no empty cells at a row's end: the row is made as
 * wide as the header again. */
static int
sheet_record(struct dun_rec *r, struct dun_err *err)
{
	static char empty[1];
	char **cells;
	size_t *lens, n, i;
	long row;
	int k;

	if ((k = sheet_row(r->sheet, &cells, &lens, &n, &row, err)) <= 0) {
		r->failed = k < 0;
		return k;
	}
	grow_fields(r, n > r->ncols ? n : r->ncols);
	for (i = 0; i < n; i++) {
		r->f[i] = cells[i];
		r->flen[i] = lens[i];
	}
	for (; i < r->ncols; i++) {
		r->f[i] = empty;
		r->flen[i] = 0;
	}
	r->nf = i;
	r->line = row;
	r->plain = 0;
	return 1;
}

static int
raw_record(struct dun_rec *r, struct dun_err *err)
{
	if (r->src == SRC_PAIRS) {
		if (r->pairs_done++)
			return 0;
		return 1;
	}
	if (r->failed)
		return -1;
	if (r->src == SRC_SHEET)
		return sheet_record(r, err);
	return r->format == DUN_FMT_CSV ? csv_record(r, err) :
	    tsv_record(r, err);
}

/* By the name's ending; else a TAB in the first line is TSV, a comma
 * there CSV, and anything else dun's own TSV. */
static int
guess_format(const char *path, const char *text, size_t n)
{
	const char *dot = strrchr(path, '.');
	const char *nl = memchr(text, '\n', n);

	if (dot && strcasecmp(dot, ".csv") == 0)
		return DUN_FMT_CSV;
	if (dot && (strcasecmp(dot, ".tsv") == 0 ||
	    strcasecmp(dot, ".tab") == 0))
		return DUN_FMT_TSV;
	if (nl != NULL)
		n = (size_t)(nl - text);
	if (memchr(text, '\t', n) == NULL && memchr(text, ',', n) != NULL)
		return DUN_FMT_CSV;
	return DUN_FMT_TSV;
}

static struct dun_rec *
rec_new(const char *name)
{
	struct dun_rec *r = xmalloc(sizeof *r);

	memset(r, 0, sizeof *r);
	r->name = xstrdup(name);
	r->fd = -1;
	r->cd = (iconv_t)-1;
	return r;
}

/* A workbook, known by its first bytes (or by an .xlsx name, to say what
 * it is not), read by sheet.c; the file hashed whole here.  1, 0 if path
 * is not one, or -1 and err. */
static int
open_sheet(struct dun_rec *r, const char *path, const struct dun_rec_opts *o,
    struct dun_err *err)
{
	unsigned char head[512];
	const char *dot = strrchr(path, '.');
	char *buf;
	ssize_t k;

	if (r->fd == 0)
		return 0;
	do
		k = pread(r->fd, head, sizeof head, 0);
	while (k < 0 && errno == EINTR);
	if (k < 0 || (sheet_sniff(head, (size_t)k) == SHEET_NONE &&
	    !(dot && (strcasecmp(dot, ".xlsx") == 0 ||
	    strcasecmp(dot, ".xlsm") == 0))))
		return 0;
	if ((r->sheet = sheet_open(path, r->name, o->sheet, err)) == NULL)
		return -1;
	r->src = SRC_SHEET;
	snprintf(r->encoding, sizeof r->encoding, "UTF-8");
	if (!r->hashing)
		return 1;
	buf = xmalloc(BLOCK);
	while ((k = readsome(r, buf, BLOCK)) > 0)
		;
	free(buf);
	if (k < 0) {
		sysfail(r, err, "read");
		return -1;
	}
	return 1;
}

struct dun_rec *
dun_rec_open(const char *path, const struct dun_rec_opts *o,
    struct dun_err *err)
{
	struct dun_rec_opts none = { DUN_FMT_AUTO, NULL, 0, 0, NULL };
	struct dun_rec *r;
	const char *enc;
	int k;

	if (o == NULL)
		o = &none;
	enc = o->encoding && strcasecmp(o->encoding, "auto") != 0 ?
	    o->encoding : NULL;
	r = rec_new(strcmp(path, "-") == 0 ? "<stdin>" : path);
	if (strcmp(path, "-") == 0)
		r->fd = 0;
	else if ((r->fd = open(path, O_RDONLY)) < 0) {
		dun_err_set(err, DUN_EXIT_SYS, "%s: %s", path, strerror(errno));
		dun_rec_close(r);
		return NULL;
	}
	if ((r->hashing = o->sha256))
		sha256_init(&r->sha);
	if ((k = open_sheet(r, path, o, err)) < 0)
		goto fail;
	if (k == 0 && sniff(r, enc, err) < 0)
		goto fail;
	r->format = k > 0 ? DUN_FMT_SHEET : o->format;
	if (r->format == DUN_FMT_AUTO)
		r->format = guess_format(path, r->buf + r->pos,
		    r->valid - r->pos);
	if (r->format == DUN_FMT_CSV) {
		csv_init(&r->csv, CSV_STRICT | CSV_STRICT_FINI |
		    CSV_APPEND_NULL);
		/* libcsv grows a field by this much at a time (128 bytes
		 * unless told): a field of megabytes is copied over and over. */
		csv_set_blk_size(&r->csv, 1 << 20);
	}
	if ((k = raw_record(r, err)) < 0)
		goto fail;
	if (k == 0 && !o->empty_ok) {
		datafail(r, err, 1, "is empty: no header line");
		goto fail;
	}
	if (k == 0)
		r->nf = 0;
	dun_rec_use_header(r);
	return r;
fail:
	dun_rec_close(r);
	return NULL;
}

/* As many fields as the header, trailing empty ones dropped: 1, or -1
 * and err. */
static int
whole_record(struct dun_rec *r, struct dun_err *err)
{
	char msg[96];

	while (r->nf > r->ncols && r->flen[r->nf - 1] == 0)
		r->nf--;
	if (r->nf != r->ncols) {
		snprintf(msg, sizeof msg, "has %zu fields, the header has %zu",
		    r->nf, r->ncols);
		dun_err_set(err, DUN_EXIT_DATA, "%s:%ld: %s", r->name, r->line,
		    msg);
		return -1;
	}
	return 1;
}

int
dun_rec_next(struct dun_rec *r, struct dun_err *err)
{
	int k = dun_rec_next_raw(r, err);

	if (k <= 0)
		return k;
	return whole_record(r, err);
}

int
dun_rec_next_raw(struct dun_rec *r, struct dun_err *err)
{
	if (r->again) {
		r->again = 0;
		return 1;
	}
	return raw_record(r, err);
}

void
dun_rec_unread(struct dun_rec *r)
{
	r->again = 1;
}

size_t
dun_rec_nfields(const struct dun_rec *r)
{
	return r->nf;
}

int
dun_rec_whole(struct dun_rec *r, struct dun_err *err)
{
	return whole_record(r, err);
}

/* The record just read becomes the header: each name trimmed. */
void
dun_rec_use_header(struct dun_rec *r)
{
	size_t i;

	for (i = 0; i < r->ncols; i++)
		free(r->cols[i]);
	r->ncols = r->nf;
	r->cols = xrealloc(r->cols, (r->ncols ? r->ncols : 1) *
	    sizeof *r->cols);
	for (i = 0; i < r->ncols; i++) {
		const char *s = r->f[i];
		size_t n = r->flen[i];

		trim(&s, &n);
		r->cols[i] = xmalloc(n + 1);
		memcpy(r->cols[i], s, n);
		r->cols[i][n] = '\0';
	}
	/* Trailing empty header cells (a spreadsheet's stray column). */
	while (r->ncols > 1 && r->cols[r->ncols - 1][0] == '\0')
		free(r->cols[--r->ncols]);
}

void
dun_rec_set_colname(struct dun_rec *r, size_t i, const char *name)
{
	if (i >= r->ncols) {
		r->cols = xrealloc(r->cols, (i + 1) * sizeof *r->cols);
		while (r->ncols <= i)
			r->cols[r->ncols++] = xstrdup("");
	}
	free(r->cols[i]);
	r->cols[i] = xstrdup(name);
}

int
rec_resume(const struct dun_rec *r, off_t *at, long *line)
{
	struct stat st;

	if (r->src != SRC_FD || r->format != DUN_FMT_TSV || r->failed ||
	    r->cd != (iconv_t)-1 || r->hashing || fstat(r->fd, &st) < 0 ||
	    !S_ISREG(st.st_mode))
		return -1;
	*at = r->nread - (off_t)(r->len - r->pos);
	*line = r->nl_pos;
	return 0;
}

int
rec_line(struct dun_rec *r, char *line, size_t n, long lineno,
    struct dun_err *err)
{
	int partial;
	size_t ok = utf8_valid((unsigned char *)line, n, &partial);

	if (memchr(line, '\0', ok) != NULL) {
		datafail(r, err, lineno, no_nul);
		return -1;
	}
	if (ok < n) {
		datafail(r, err, lineno, no_utf8);
		return -1;
	}
	if (n > 0 && line[n - 1] == '\r')
		n--;
	line[n] = '\0';
	r->line = lineno;
	tsv_split(r, line, n);
	return whole_record(r, err);
}

int
dun_rec_failed(const struct dun_rec *r)
{
	return r->failed;
}

size_t
dun_rec_ncols(const struct dun_rec *r)
{
	return r->ncols;
}

const char *
dun_rec_colname(const struct dun_rec *r, size_t i)
{
	return i < r->ncols ? r->cols[i] : NULL;
}

int
dun_rec_col(const struct dun_rec *r, const char *name)
{
	size_t i;

	for (i = 0; i < r->ncols; i++)
		if (strcmp(r->cols[i], name) == 0)
			return (int)i;
	return -1;
}

const char *
dun_rec_field(const struct dun_rec *r, size_t i)
{
	return i < r->nf ? r->f[i] : "";
}

size_t
dun_rec_len(const struct dun_rec *r, size_t i)
{
	return i < r->nf ? r->flen[i] : 0;
}

size_t
dun_rec_fieldv(const struct dun_rec *r, char *const **f, const size_t **len)
{
	*f = r->f;
	*len = r->flen;
	return r->nf;
}

char *
dun_rec_tsv(const struct dun_rec *r, size_t extra, size_t *len)
{
	size_t i, n = 0;
	char *t;

	if (r->plain && r->src == SRC_FD && r->nf > 0) {
		/* The fields lie in the line in order, a NUL for each TAB. */
		n = (size_t)(r->f[r->nf - 1] + r->flen[r->nf - 1] - r->f[0]);
		t = xmalloc(n + 1 + extra);
		memcpy(t, r->f[0], n);
		for (i = 1; i < r->nf; i++)
			t[r->f[i] - r->f[0] - 1] = '\t';
	} else {
		for (i = 0; i < r->nf; i++)
			n += 2 * r->flen[i] + 1;
		t = xmalloc(n + 1 + extra);
		for (i = 0, n = 0; i < r->nf; i++) {
			if (i > 0)
				t[n++] = '\t';
			n += dun_tsv_escape(t + n, r->f[i], r->flen[i]);
		}
	}
	t[n] = '\0';
	*len = n;
	return t;
}

const char *
dun_rec_name(const struct dun_rec *r)
{
	return r->name;
}

long
dun_rec_line(const struct dun_rec *r)
{
	return r->line;
}

int
dun_rec_format(const struct dun_rec *r)
{
	return r->format;
}

const char *
dun_rec_encoding(const struct dun_rec *r)
{
	return r->encoding;
}

int
dun_rec_sha256(const struct dun_rec *r, char *hex)
{
	struct sha256_ctx c;
	uint8_t d[SHA256_DIGEST_SIZE];
	int i;

	if (!r->hashing)
		return -1;
	c = r->sha;
	sha256_digest(&c, sizeof d, d);
	for (i = 0; i < SHA256_DIGEST_SIZE; i++)
		snprintf(hex + 2 * i, 3, "%02x", d[i]);
	return 0;
}

/* A one-record reader over "key=value" arguments. */
struct dun_rec *
dun_rec_pairs(char *const *kv, size_t n, const char *name,
    struct dun_err *err)
{
	struct dun_rec *r = rec_new(name);
	size_t i;

	r->src = SRC_PAIRS;
	r->format = DUN_FMT_TSV;
	snprintf(r->encoding, sizeof r->encoding, "UTF-8");
	r->cols = xmalloc((n ? n : 1) * sizeof *r->cols);
	grow_fields(r, n ? n : 1);
	r->hashing = 1;
	sha256_init(&r->sha);
	for (i = 0; i < n; i++) {
		const char *eq = strchr(kv[i], '=');
		int partial;

		if (eq == NULL || eq == kv[i]) {
			dun_err_set(err, DUN_EXIT_USAGE, "%s: \"%s\" is not "
			    "key=value", name, kv[i]);
			goto fail;
		}
		if (utf8_valid((const unsigned char *)kv[i], strlen(kv[i]),
		    &partial) != strlen(kv[i])) {
			dun_err_set(err, DUN_EXIT_DATA, "%s: \"%s\" is not "
			    "valid UTF-8", name, kv[i]);
			goto fail;
		}
		r->cols[i] = xmalloc((size_t)(eq - kv[i]) + 1);
		memcpy(r->cols[i], kv[i], (size_t)(eq - kv[i]));
		r->cols[i][eq - kv[i]] = '\0';
		r->ncols++;
		r->f[i] = (char *)eq + 1;
		r->flen[i] = strlen(eq + 1);
		sha256_update(&r->sha, strlen(kv[i]) + 1,
		    (const uint8_t *)kv[i]);
	}
	r->nf = n;
	r->line = 1;
	return r;
fail:
	dun_rec_close(r);
	return NULL;
}

void
dun_rec_close(struct dun_rec *r)
{
	size_t i;

	if (r == NULL)
		return;
	if (r->fd > 0)
		close(r->fd);
	if (r->cd != (iconv_t)-1)
		iconv_close(r->cd);
	sheet_close(r->sheet);
	if (r->format == DUN_FMT_CSV && r->src == SRC_FD)
		csv_free(&r->csv);
	for (i = 0; i < r->ncols; i++)
		free(r->cols[i]);
	free(r->cols);
	free(r->f);
	free(r->flen);
	free(r->buf);
	free(r->raw);
	free(r->cbuf);
	free(r->coff);
	free(r->name);
	free(r);
}

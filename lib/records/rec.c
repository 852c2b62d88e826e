/*
 * rec.c — reading records: TSV (dun(5)) and CSV (RFC 4180, by libcsv),
 * from UTF-8, GBK/GB18030 or UTF-16 text, or a spreadsheet's rows, each
 * record with its line.  Here a reader is opened (the format settled,
 * the header read) and answers for its records; rec_text.c reads the
 * input as UTF-8 lines, rec_fields.c splits them into fields.
 *
 * The input is read in large blocks into one buffer of UTF-8 text.  A
 * record's fields point into the buffer (TSV, unescaped in place) or
 * into a field buffer (CSV), valid until the next call.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rec_int.h"
#include "sheet.h"

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

/* A reader named name, nothing read yet; freed by dun_rec_close. */
static struct dun_rec *
rec_new(const char *name)
{
	struct dun_rec *r = xmalloc(sizeof *r);

	memset(r, 0, sizeof *r);
	r->name = xstrdup(name);
	r->encoding = xstrdup("UTF-8");
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
	if (!r->hashing)
		return 1;
	buf = xmalloc(BLOCK);
	while ((k = rec_readsome(r, buf, BLOCK)) > 0)
		;
	free(buf);
	if (k < 0) {
		rec_sysfail(r, err, "read");
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
	if (k == 0 && rec_sniff(r, enc, err) < 0)
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
	if ((k = rec_raw_record(r, err)) < 0)
		goto fail;
	if (k == 0 && !o->empty_ok) {
		rec_datafail(r, err, 1, "is empty: no header line");
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
	return rec_raw_record(r, err);
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
		rec_datafail(r, err, lineno, rec_no_nul);
		return -1;
	}
	if (ok < n) {
		rec_datafail(r, err, lineno, rec_no_utf8);
		return -1;
	}
	if (n > 0 && line[n - 1] == '\r')
		n--;
	line[n] = '\0';
	r->line = lineno;
	rec_tsv_split(r, line, n);
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
	r->cols = xmalloc((n ? n : 1) * sizeof *r->cols);
	rec_grow_fields(r, n ? n : 1);
	r->hashing = 1;
	sha256_init(&r->sha);
	for (i = 0; i < n; i++) {
		const char *eq = strchr(kv[i], '=');
		int partial;

		if (eq == NULL || eq == kv[i]) {
			dun_err_set(err, DUN_EXIT_USAGE, "%s: %s is not "
			    "key=value", name, abbr_q(kv[i]).s);
			goto fail;
		}
		if (utf8_valid((const unsigned char *)kv[i], strlen(kv[i]),
		    &partial) != strlen(kv[i])) {
			dun_err_set(err, DUN_EXIT_DATA, "%s: %s is not valid "
			    "UTF-8", name, abbr_q(kv[i]).s);
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
	free(r->encoding);
	free(r);
}

/*
 * rec_text.c — a record reader's input as UTF-8 text, line by line: read
 * in large blocks into one buffer, UTF-8 checked in place, any other
 * encoding (GBK/GB18030, UTF-16) through iconv; the first megabyte
 * sniffed for a BOM and an encoding; the failures, each with its line.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "rec_int.h"

#define SNIFF (1024 * 1024)

/* err from errno, and the reader failed. */
void
rec_sysfail(struct dun_rec *r, struct dun_err *err, const char *what)
{
	dun_err_set(err, DUN_EXIT_SYS, "%s: %s: %s", r->name, what,
	    strerror(errno));
	r->failed = 1;
}

/* err at a line, and the reader failed. */
void
rec_datafail(struct dun_rec *r, struct dun_err *err, long line,
    const char *what)
{
	dun_err_set(err, DUN_EXIT_DATA, "%s:%ld: %s", r->name, line, what);
	r->failed = 1;
}

const char rec_no_nul[] = "contains a NUL byte: not a text file";
const char rec_too_long[] = "a record over 64 MB";	/* RECORD_MB */
const char rec_no_utf8[] = "is not valid UTF-8 (if the file is GBK, say "
    "--encoding gbk)";

/* Newlines in s[0, n). */
static long
count_nl(const char *s, size_t n)
{
	const char *end = s + n;
	long k = 0;

	while ((s = memchr(s, '\n', (size_t)(end - s))) != NULL)
		k++, s++;
	return k;
}

/* Room for more bytes at buf's end, the unread text moved to the front
 * first when that makes room. */
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
ssize_t
rec_readsome(struct dun_rec *r, char *dst, size_t n)
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
		rec_datafail(r, err, lines_before(r, r->valid) + 1,
		    rec_no_nul);
		return -1;
	}
	if (ok < n && (!partial || r->eof)) {
		rec_datafail(r, err, lines_before(r, r->valid) + 1,
		    rec_no_utf8);
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
			rec_datafail(r, err, lines_before(r, (size_t)(out -
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
			char *msg = str_fmt("is not valid %s text",
			    r->encoding);

			rec_datafail(r, err, lines_before(r, r->valid) + 1,
			    msg);
			free(msg);
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
			k = rec_readsome(r, r->buf + r->len, BLOCK);
			if (k < 0) {
				rec_sysfail(r, err, "read");
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
			k = rec_readsome(r, r->raw + r->rawlen, BLOCK);
			if (k < 0) {
				rec_sysfail(r, err, "read");
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
		rec_datafail(r, err, lines_before(r, r->valid) + 1, "ends "
		    "inside a character");
		return -1;
	}
	return r->valid - r->pos > before;
}

/* Read through iconv from enc, what was read so far converted: 0, or -1
 * and err (an encoding iconv does not know is a usage error). */
static int
setup_iconv(struct dun_rec *r, const char *enc, struct dun_err *err)
{
	free(r->encoding);
	r->encoding = xstrdup(enc);
	r->cd = iconv_open("UTF-8", enc);
	if (r->cd == (iconv_t)-1) {
		dun_err_set(err, DUN_EXIT_USAGE, "%s: unknown encoding %s",
		    r->name, abbr_q(enc).s);
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

/* Whether e names UTF-8. */
static int
is_utf8_name(const char *e)
{
	return strcasecmp(e, "utf-8") == 0 || strcasecmp(e, "utf8") == 0;
}

/* Read the first megabyte, settle the encoding, skip a BOM. */
int
rec_sniff(struct dun_rec *r, const char *enc, struct dun_err *err)
{
	unsigned char *u;
	ssize_t k;
	int partial;

	reserve(r, SNIFF);
	while (r->len < SNIFF) {
		k = rec_readsome(r, r->buf + r->len, SNIFF - r->len);
		if (k < 0) {
			rec_sysfail(r, err, "read");
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
		rec_datafail(r, err, 1, "is a zip or xlsx file, not text: save "
		    "it as CSV");
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
		free(r->encoding);
		r->encoding = xstrdup("UTF-8");
		r->valid = r->pos;
		return check_utf8(r, err);
	}
	return setup_iconv(r, enc, err);
}

/* The next physical line, without its newline (and CR), NUL-terminated
 * in place: 1, or 0 at end of input, or -1 on error. */
int
rec_next_line(struct dun_rec *r, char **line, size_t *n,
    struct dun_err *err)
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
			rec_datafail(r, err, r->nl_pos + 1, rec_too_long);
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
		rec_datafail(r, err, r->nl_pos + 1, rec_too_long);
		return -1;
	}
	r->pos += *n + (nl < r->buf + r->valid);
	r->nl_pos++;
	if (*n > 0 && (*line)[*n - 1] == '\r')
		(*n)--;
	(*line)[*n] = '\0';
	return 1;
}

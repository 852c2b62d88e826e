/* out.c — writing TSV records; the file descriptor gets whole records. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "records.h"

#define FLUSH_AT (64 * 1024)

struct dun_out {
	int fd, err, nfield;	/* fd -1: held in memory, never written */
	char *buf;		/* whole records, then the one being built */
	size_t len, cap, start;	/* the current record begins at start */
};

struct dun_out *
dun_out_new(int fd)
{
	struct dun_out *o = xmalloc(sizeof *o);

	memset(o, 0, sizeof *o);
	o->fd = fd;
	o->cap = FLUSH_AT * 2;
	o->buf = xmalloc(o->cap);
	return o;
}

struct dun_out *
dun_out_mem(void)
{
	return dun_out_new(-1);
}

const char *
dun_out_held(const struct dun_out *o, size_t *len)
{
	*len = o->start;
	return o->buf;
}

static void
room(struct dun_out *o, size_t n)
{
	if (o->cap - o->len < n) {
		while (o->cap - o->len < n)
			o->cap *= 2;
		o->buf = xrealloc(o->buf, o->cap);
	}
}

static int
write_all(struct dun_out *o, size_t n)
{
	size_t done = 0;
	ssize_t k;

	if (o->fd < 0)
		return 0;	/* held */
	while (done < n) {
		k = write(o->fd, o->buf + done, n - done);
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0) {
			o->err = errno;
			return -1;
		}
		done += (size_t)k;
	}
	memmove(o->buf, o->buf + n, o->len - n);
	o->len -= n;
	o->start -= n;
	return 0;
}

int
dun_out_field(struct dun_out *o, const char *s, size_t n)
{
	if (o->err) {
		errno = o->err;
		return -1;
	}
	room(o, 2 * n + 1);
	if (o->nfield++ > 0)
		o->buf[o->len++] = '\t';
	o->len += dun_tsv_escape(o->buf + o->len, s, n);
	return 0;
}

int
dun_out_joined(struct dun_out *o, const char *s, size_t n, size_t k)
{
	if (o->err) {
		errno = o->err;
		return -1;
	}
	room(o, n + 1);
	if (o->nfield > 0)
		o->buf[o->len++] = '\t';
	memcpy(o->buf + o->len, s, n);
	o->len += n;
	o->nfield += k;
	return 0;
}

size_t
dun_tsv_escape(char *dst, const char *s, size_t n)
{
	size_t i, k = 0;

	for (i = 0; i < n; i++) {
		char c = s[i];

		if (c == '\t' || c == '\n' || c == '\\') {
			dst[k++] = '\\';
			c = c == '\t' ? 't' : c == '\n' ? 'n' : '\\';
		}
		dst[k++] = c;
	}
	return k;
}

void
buf_tsv(struct buf *b, const char *s)
{
	size_t n = s ? strlen(s) : 0;
	char *e = xmalloc(2 * n + 1);

	buf_add(b, e, dun_tsv_escape(e, s ? s : "", n));
	free(e);
}

/* A plain decimal number, -12.00: a spreadsheet reads it as the number
 * it is. */
static int
plain_number(const char *s)
{
	const char *p = s + (*s == '-');
	size_t digits = strspn(p, "0123456789");

	if (digits == 0)
		return 0;
	p += digits;
	if (*p == '.') {
		digits = strspn(++p, "0123456789");
		if (digits == 0)
			return 0;
		p += digits;
	}
	return *p == '\0';
}

/* OWASP's list of what begins a formula; and the full-width forms, that
 * a Chinese input method types and some spreadsheets with East Asian
 * input take for the ASCII ones when a cell is edited: marked too, as a
 * cell that should begin so is rare. */
int
cell_formula(const char *s)
{
	static const char *const wide[] = { "\xef\xbc\x9d", "\xef\xbc\x8b",
		"\xef\xbc\x8d", "\xef\xbc\xa0", NULL };	/* ＝ ＋ － ＠ */
	size_t i;

	if (s == NULL || *s == '\0')
		return 0;
	if (strchr("=+-@\t\r", *s) != NULL)
		return !plain_number(s);
	for (i = 0; wide[i]; i++)
		if (strncmp(s, wide[i], 3) == 0)
			return 1;
	return 0;
}

char *
cell_safe(const char *s)
{
	if (s == NULL)
		return xstrdup("");
	return cell_formula(s) ? str_fmt("'%s", s) : xstrdup(s);
}

void
buf_cell(struct buf *b, const char *s)
{
	char *c = cell_safe(s), *p, *cr;

	for (p = c; (cr = strchr(p, '\r')) != NULL; p = cr + 1) {
		*cr = '\0';
		buf_tsv(b, p);
		buf_add(b, "\\r", 2);
	}
	buf_tsv(b, p);
	free(c);
}

int
dun_out_str(struct dun_out *o, const char *s)
{
	return dun_out_field(o, s ? s : "", s ? strlen(s) : 0);
}

/* Digits of u, at least min of them, ending at end; returns the start. */
static char *
digits(char *end, unsigned long long u, int min)
{
	do {
		*--end = (char)('0' + u % 10);
		u /= 10;
		min--;
	} while (u > 0 || min > 0);
	return end;
}

int
dun_out_money(struct dun_out *o, dun_money v)
{
	char b[DUN_MONEY_BUFSZ], *end = b + sizeof b, *p;
	unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v :
	    (unsigned long long)v;

	p = digits(end, u % 100, 2);
	*--p = '.';
	p = digits(p, u / 100, 1);
	if (v < 0)
		*--p = '-';
	return dun_out_field(o, p, (size_t)(end - p));
}

int
dun_out_date(struct dun_out *o, dun_date t)
{
	char b[DUN_DATE_BUFSZ];
	int y, m, d;

	dun_date_split(t, &y, &m, &d);
	if (y < 0 || y > 9999)
		return dun_out_str(o, dun_date_fmt(t, b));
	digits(b + 4, (unsigned)y, 4);
	b[4] = '-';
	digits(b + 7, (unsigned)m, 2);
	b[7] = '-';
	digits(b + 10, (unsigned)d, 2);
	return dun_out_field(o, b, 10);
}

int
dun_out_long(struct dun_out *o, long long v)
{
	char b[32], *end = b + sizeof b, *p;

	p = digits(end, v < 0 ? 0ULL - (unsigned long long)v :
	    (unsigned long long)v, 1);
	if (v < 0)
		*--p = '-';
	return dun_out_field(o, p, (size_t)(end - p));
}

int
dun_out_end(struct dun_out *o)
{
	if (o->err) {
		errno = o->err;
		return -1;
	}
	room(o, 1);
	o->buf[o->len++] = '\n';
	o->start = o->len;
	o->nfield = 0;
	if (o->start >= FLUSH_AT)
		return write_all(o, o->start);
	return 0;
}

int
dun_out_records(struct dun_out *o, const char *s, size_t n)
{
	if (o->err) {
		errno = o->err;
		return -1;
	}
	room(o, n);
	memmove(o->buf + o->start + n, o->buf + o->start, o->len - o->start);
	memcpy(o->buf + o->start, s, n);
	o->start += n;
	o->len += n;
	if (o->start >= FLUSH_AT)
		return write_all(o, o->start);
	return 0;
}

int
dun_out_flush(struct dun_out *o)
{
	if (o->err) {
		errno = o->err;
		return -1;
	}
	return o->start ? write_all(o, o->start) : 0;
}

int
dun_out_close(struct dun_out *o)
{
	int r = dun_out_flush(o), e = errno;

	free(o->buf);
	free(o);
	errno = e;
	return r;
}

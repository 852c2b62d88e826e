/* out.c — writing TSV records; the file descriptor gets whole records. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"

#define FLUSH_AT (64 * 1024)

struct dun_out {
	int fd, err, nfield;
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
	size_t i;

	if (o->err) {
		errno = o->err;
		return -1;
	}
	room(o, 2 * n + 1);
	if (o->nfield++ > 0)
		o->buf[o->len++] = '\t';
	for (i = 0; i < n; i++) {
		char c = s[i];

		if (c == '\t' || c == '\n' || c == '\\') {
			o->buf[o->len++] = '\\';
			c = c == '\t' ? 't' : c == '\n' ? 'n' : '\\';
		}
		o->buf[o->len++] = c;
	}
	return 0;
}

int
dun_out_str(struct dun_out *o, const char *s)
{
	return dun_out_field(o, s ? s : "", s ? strlen(s) : 0);
}

int
dun_out_money(struct dun_out *o, dun_money v)
{
	char b[DUN_MONEY_BUFSZ];

	return dun_out_str(o, dun_money_fmt(v, b));
}

int
dun_out_date(struct dun_out *o, dun_date t)
{
	char b[DUN_DATE_BUFSZ];

	return dun_out_str(o, dun_date_fmt(t, b));
}

int
dun_out_long(struct dun_out *o, long long v)
{
	char b[32];

	snprintf(b, sizeof b, "%lld", v);
	return dun_out_str(o, b);
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

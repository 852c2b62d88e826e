/*
 * fast.c — charges, payments or adjustments from a TSV file sorted by
 * unit, read in large batches and parsed in place, by a thread of its own
 * when asked.  hsrc.c takes this way when it may (a regular file of UTF-8
 * TSV, every input sorted) and reads each "slow" row with the full reader.
 *
 * Only rows in the form dun writes are parsed here: a unit without a
 * backslash, a fee by its key, dates YYYY-MM-DD, periods YYYY-MM and
 * amounts -1234.50 exactly as dun_date_parse, dun_period_parse and
 * dun_money_parse take them the short way, each field ended by a TAB and
 * the last by a newline (or CR and newline).  Anything else is slow, so
 * that what is accepted, and every message, is the full reader's.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fast.h"

enum {
	BATCH = 512 * 1024,	/* text read per batch, by a thread */
	BATCH_INLINE = 65536,	/* and read in turn: the rows parsed
				 * still in the cache as they are taken */
	NBATCH = 4,		/* batches between the thread and the reader */
	DATES_KEPT_BITS = 10,		/* 1,024 dates remembered */
	MAXLINE = 64 << 20	/* a line's length, at most, as RECORD_MB */
};

/* What a byte is to span(): text, a backslash, part of a UTF-8
 * sequence, or a field's end (TAB, newline, CR, NUL). */
enum { C_TEXT = 0, C_BSL = 1, C_HIGH = 2, C_END = 4 };

struct batch {
	char *text;		/* whole lines, then pad zero bytes */
	size_t cap;
	struct frow *rows;
	struct fspan *where;	/* where each row is, in text */
	size_t nrows, caprows;
	int end;		/* the last batch */
	int failed;		/* a read error after the rows: e */
	struct dun_err e;
};

struct fastrd {
	int fd, kind;
	char *name;
	const struct dun_config *c;
	int *role;
	int layout;		/* one parse() knows, or 0 */
	size_t ncols, pad, nkeys;
	struct key {		/* the config's fees' keys */
		uint64_t head, mask;	/* the first 8 bytes, and which */
		size_t len;
	} *keys;
	struct seen_date {	/* dates parsed, by their text */
		uint64_t k8;
		uint16_t k2;
		dun_date v;
	} dates[1 << DATES_KEPT_BITS];
	unsigned char cls[256];
	dun_date jan1[2200 - 1900 + 2];	/* each year's first day */
	long line;		/* lines before the next one read */
	char *carry;		/* a line begun at the last batch's end */
	size_t ncarry, capcarry;
	char *last;		/* the last batch's last unit, if parsed */
	size_t nlast, caplast;
	int has_last;
	int eof;
	off_t left;		/* bytes still to read, or -1: to the end */

	struct batch b[NBATCH];
	size_t head, tail;	/* ready for the reader: [head, tail) */
	int threaded, stop;
	pthread_t t;
	pthread_mutex_t mu;
	pthread_cond_t cv;

	struct batch *cur;	/* the reader's batch and row */
	size_t at;
};

#define D(ch) ((ch) >= '0' && (ch) <= '9')

/* The helpers of parse_as, inlined in it. */
#define INLINE static inline __attribute__((always_inline))

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define ONES 0x0101010101010101u
#define HIGHS 0x8080808080808080u

/* The high bit of each byte of v that is zero, and maybe of bytes after
 * the first such: its lowest bit is exact. */
INLINE uint64_t
zeros(uint64_t v)
{
	return (v - ONES) & ~v & HIGHS;
}

/* Text up to a field's end; *seen says if a backslash or a byte above
 * ASCII was in it.  Eight bytes at a time: a field ends before the pad
 * bytes after the text (zero bytes, ends too). */
INLINE const char *
span(const struct fastrd *f, const char *p, int *seen)
{
	int s = 0;

	(void)f;
	for (;;) {
		uint64_t x, end, before;

		memcpy(&x, p, 8);
		end = zeros(x) | zeros(x ^ ONES * '\t') |
		    zeros(x ^ ONES * '\n') | zeros(x ^ ONES * '\r');
		before = end ? (end & -end) - 1 : ~(uint64_t)0;
		if (x & HIGHS & before)
			s |= C_HIGH;
		if (zeros(x ^ ONES * '\\') & before)
			s |= C_BSL;
		if (end) {
			*seen = s;
			return p + (__builtin_ctzll(end) >> 3);
		}
		p += 8;
	}
}

/* Are the units a and b the same?  Both have room for eight bytes read
 * past their ends. */
INLINE int
same_unit(const char *a, size_t an, const char *b, size_t bn)
{
	uint64_t x, y;
	size_t i;

	if (an != bn)
		return 0;
	for (i = 0; i + 8 <= an; i += 8) {
		memcpy(&x, a + i, 8);
		memcpy(&y, b + i, 8);
		if (x != y)
			return 0;
	}
	if (i == an)
		return 1;
	memcpy(&x, a + i, 8);
	memcpy(&y, b + i, 8);
	return ((x ^ y) & (((uint64_t)1 << 8 * (an - i)) - 1)) == 0;
}
#else
INLINE const char *
span(const struct fastrd *f, const char *p, int *seen)
{
	int k, s = 0;

	while ((k = f->cls[(unsigned char)*p]) != C_END) {
		s |= k;
		p++;
	}
	*seen = s;
	return p;
}

INLINE int
same_unit(const char *a, size_t an, const char *b, size_t bn)
{
	return unit_cmp(a, an, b, bn) == 0;
}
#endif

/* A text field: its end, or NULL if it is not valid UTF-8 (or, for a
 * unit, holds a backslash, or is empty). */
INLINE const char *
text(const struct fastrd *f, const char *p, int unit)
{
	const char *q;
	int seen, partial;

	q = span(f, p, &seen);
	if (unit && ((seen & C_BSL) || q == p))
		return NULL;
	if ((seen & C_HIGH) && utf8_valid((const unsigned char *)p,
	    (size_t)(q - p), &partial) != (size_t)(q - p))
		return NULL;
	return q;
}

INLINE const char *
date(struct fastrd *f, const char *p, dun_date *out)
{
	static const short before[13] = { 0, 0, 31, 59, 90, 120, 151, 181,
		212, 243, 273, 304, 334 };
	struct seen_date *e;
	uint64_t k8;
	uint16_t k2;
	int y, m, d, len;

	/* Most rows repeat a date seen before: its ten bytes say it. */
	memcpy(&k8, p, 8);
	memcpy(&k2, p + 8, 2);
	e = &f->dates[((k8 ^ (uint64_t)k2 << 40) * 0x9e3779b97f4a7c15u) >>
	    (64 - DATES_KEPT_BITS)];
	if (e->k8 == k8 && e->k2 == k2) {
		*out = e->v;
		return p + 10;
	}
	if (!(D(p[0]) && D(p[1]) && D(p[2]) && D(p[3]) && p[4] == '-' &&
	    D(p[5]) && D(p[6]) && p[7] == '-' && D(p[8]) && D(p[9])))
		return NULL;
	y = (p[0] - '0') * 1000 + (p[1] - '0') * 100 + (p[2] - '0') * 10 +
	    (p[3] - '0') - 1900;
	m = (p[5] - '0') * 10 + (p[6] - '0');
	d = (p[8] - '0') * 10 + (p[9] - '0');
	if (y < 0 || y > 2200 - 1900 || m < 1 || m > 12 || d < 1)
		return NULL;
	/* The days in month m, from the table and the year's length. */
	len = (m == 12 ? 31 : before[m + 1] - before[m]) + (m == 2 &&
	    f->jan1[y + 1] - f->jan1[y] == 366);
	if (d > len)
		return NULL;
	*out = f->jan1[y] + before[m] + (m > 2 && f->jan1[y + 1] -
	    f->jan1[y] == 366) + d - 1;
	e->k8 = k8;
	e->k2 = k2;
	e->v = *out;
	return p + 10;
}

/* A period, or none when the field is empty. */
INLINE const char *
period(const struct fastrd *f, const char *p, dun_period *out, int *has)
{
	int y, m;

	if ((*has = f->cls[(unsigned char)*p] != C_END) == 0)
		return p;
	if (!(D(p[0]) && D(p[1]) && D(p[2]) && D(p[3]) && p[4] == '-' &&
	    D(p[5]) && D(p[6])))
		return NULL;
	y = (p[0] - '0') * 1000 + (p[1] - '0') * 100 + (p[2] - '0') * 10 +
	    (p[3] - '0');
	m = (p[5] - '0') * 10 + (p[6] - '0');
	if (y < 1900 || y > 2200 || m < 1 || m > 12)
		return NULL;
	*out = dun_period_make(y, m);
	return p + 7;
}

/* "-1234.50": a sign, 1 to 15 digits in all (the sign counted), a point
 * and two digits. */
INLINE const char *
amount(const char *p, dun_money *out)
{
	const char *q = p + (*p == '-'), *s = q;
	int64_t v = 0;

	while (D(*q) && q - s < 16)
		v = v * 10 + (*q++ - '0');
	if (q == s || (q - p) > 15 || q[0] != '.' || !D(q[1]) || !D(q[2]))
		return NULL;
	v = v * 100 + (q[1] - '0') * 10 + (q[2] - '0');
	*out = *p == '-' ? -v : v;
	return q + 3;
}

/* A fee by its key, or none when the field is empty.  A key's first
 * eight bytes are compared at once. */
INLINE const char *
fee(const struct fastrd *f, const char *p, int *out)
{
	size_t i, j, n;
	uint64_t x;

	if (f->cls[(unsigned char)*p] == C_END) {
		*out = DUN_FEE_NONE;
		return p;
	}
	memcpy(&x, p, 8);
	for (i = 0; i < f->nkeys; i++) {
		const char *key = f->c->fees[i].key;

		if ((x & f->keys[i].mask) != f->keys[i].head)
			continue;
		n = f->keys[i].len;
		for (j = 8; j < n && p[j] == key[j]; j++)
			;
		if (j >= n && f->cls[(unsigned char)p[n]] == C_END) {
			*out = (int)i;
			return p + n;
		}
	}
	return NULL;
}

/* A row as parsed. */
struct parsed {
	const char *unit;
	size_t ulen;
	int fee, has_period;
	dun_period period;
	dun_date date;
	dun_money amount;
};

/* Parse the line at p into r, its columns being role[0..ncols): where
 * the next line starts, or NULL if it is slow.  Inlined with the layouts
 * dun and its exports write, the compiler unrolls it for each. */
static inline __attribute__((always_inline)) const char *
parse_as(struct fastrd *f, const char *p, struct parsed *r,
    const int *role, size_t ncols)
{
	const char *q = p;
	size_t i;

	r->fee = DUN_FEE_NONE;
	r->has_period = 0;
	r->unit = NULL;
	r->ulen = 0;
	r->period = 0;
	r->date = 0;
	r->amount = 0;
#pragma GCC unroll 8
	for (i = 0; i < ncols; i++) {
		if (i > 0) {
			if (*q != '\t')
				return NULL;
			p = q + 1;
		}
		switch (role[i]) {
		case FR_UNIT:
			if ((q = text(f, p, 1)) != NULL) {
				r->unit = p;
				r->ulen = (size_t)(q - p);
			}
			break;
		case FR_FEE:
			q = fee(f, p, &r->fee);
			break;
		case FR_PERIOD:
			q = period(f, p, &r->period, &r->has_period);
			break;
		case FR_DATE:
			q = date(f, p, &r->date);
			break;
		case FR_AMOUNT:
			q = amount(p, &r->amount);
			break;
		default:
			q = text(f, p, 0);
			break;
		}
		if (q == NULL)
			return NULL;
	}
	if (*q == '\r')
		q++;
	if (*q != '\n')
		return NULL;
	/* What the full reader would say of the values. */
	switch (f->kind) {
	case FK_CHARGE:
		if (r->fee < 0 || !r->has_period || r->amount < 0)
			return NULL;
		break;
	case FK_PAYMENT:
		if (r->amount <= 0)
			return NULL;
		break;
	}
	return q + 1;
}

/* The layouts of dun's own records (dun(5)) and of the ledger's export. */
static const int charge_cols[] = { FR_UNIT, FR_FEE, FR_PERIOD, FR_DATE,
	FR_AMOUNT };
static const int payment_cols[] = { FR_SKIP, FR_UNIT, FR_DATE, FR_AMOUNT,
	FR_FEE, FR_PERIOD, FR_SKIP };

static const char *
parse(struct fastrd *f, const char *p, struct parsed *r)
{
	if (f->layout == 1)
		return parse_as(f, p, r, charge_cols, 5);
	if (f->layout == 2)
		return parse_as(f, p, r, payment_cols, 7);
	if (f->layout == 3)
		return parse_as(f, p, r, payment_cols, 6);
	return parse_as(f, p, r, f->role, f->ncols);
}

/* Room for one more row in b: its index. */
static size_t
new_row(struct batch *b)
{
	if (b->nrows == b->caprows) {
		b->caprows = b->caprows ? b->caprows * 2 : 4096;
		b->rows = xrealloc(b->rows, b->caprows * sizeof *b->rows);
		b->where = xrealloc(b->where, b->caprows * sizeof *b->where);
	}
	return b->nrows++;
}

/* Read the next batch of whole lines into b and parse them: into its
 * rows, or with take, each handed to take(arg, ...) as it is parsed.  0,
 * or -1 if take said stop. */
static int
fill(struct fastrd *f, struct batch *b, fastrd_take_fn *take, void *arg)
{
	size_t len, cut, room, want = f->threaded ? BATCH : BATCH_INLINE,
	    nprev;
	const char *prev;
	char *p, *end;
	ssize_t k;

	b->nrows = 0;
	b->end = b->failed = 0;
	len = 0;
	for (;;) {
		if (b->cap < want + f->ncarry + f->pad + 1) {
			b->cap = 2 * want + f->ncarry + f->pad + 1;
			b->text = xrealloc(b->text, b->cap);
		}
		/* Room to read, keeping a byte for a last newline and pad
		 * bytes after it. */
		room = b->cap - f->pad - 1;
		if (len == 0 && f->ncarry > 0) {
			memcpy(b->text, f->carry, f->ncarry);
			len = f->ncarry;
		}
		while (!f->eof && len < want) {
			size_t ask = room - len;

			if (f->left >= 0 && (off_t)ask > f->left)
				ask = (size_t)f->left;
			k = ask > 0 ? read(f->fd, b->text + len, ask) : 0;
			if (k < 0 && errno == EINTR)
				continue;
			if (k < 0) {
				dun_err_set(&b->e, DUN_EXIT_SYS, "%s: read: %s",
				    f->name, strerror(errno));
				b->failed = b->end = 1;
				break;
			}
			if (k == 0)
				f->eof = 1;
			else if (f->left >= 0)
				f->left -= k;
			len += (size_t)k;
		}
		for (cut = len; cut > 0 && b->text[cut - 1] != '\n'; cut--)
			;
		if (f->eof && !b->failed && cut < len) {
			b->text[len++] = '\n';	/* the last line, unended */
			cut = len;
		}
		if (cut > 0 || f->eof || b->failed)
			break;
		/* A line longer than a batch: more room, up to where a row's
		 * offsets still fit. */
		if ((want *= 2) > MAXLINE) {
			dun_err_set(&b->e, DUN_EXIT_DATA, "%s:%ld: a record "
			    "over %d MB", f->name, f->line + 1, MAXLINE >> 20);
			b->failed = b->end = 1;
			cut = 0;
			break;
		}
	}
	f->ncarry = len - cut;
	if (f->ncarry > f->capcarry) {
		f->capcarry = f->ncarry + BATCH;
		f->carry = xrealloc(f->carry, f->capcarry);
	}
	if (f->ncarry > 0)
		memcpy(f->carry, b->text + cut, f->ncarry);
	memset(b->text + cut, 0, f->pad);
	if (f->eof)
		b->end = 1;

	prev = f->has_last ? f->last : NULL;
	nprev = f->nlast;
	for (p = b->text, end = b->text + cut; p < end;) {
		struct parsed v;
		struct frow *r;
		struct fspan *w;
		const char *q;
		size_t i;

		f->line++;
		if (*p == '\n' || (p[0] == '\r' && p[1] == '\n')) {
			p += *p == '\n' ? 1 : 2;	/* a blank line */
			continue;
		}
		q = parse(f, p, &v);
		if (take != NULL) {
			struct frow x;

			if (q == NULL) {
				memset(&x, 0, sizeof x);
				x.flags = FR_SLOW;
				if (take(arg, &x, NULL, 0) < 0)
					return -1;
				p = (char *)memchr(p, '\n', (size_t)(end - p)) + 1;
				prev = NULL;
				continue;
			}
			x.amount = v.amount;
			x.date = v.date;
			x.period = v.period;
			x.fee = (int16_t)v.fee;
			x.flags = v.has_period ? FR_HAS_PERIOD : 0;
			if (prev != NULL && same_unit(prev, nprev, v.unit,
			    v.ulen))
				x.flags |= FR_SAME;
			if (take(arg, &x, v.unit, v.ulen) < 0)
				return -1;
			prev = v.unit;
			nprev = v.ulen;
			p += q - p;
			continue;
		}
		i = new_row(b);
		r = &b->rows[i];
		w = &b->where[i];
		w->lineno = f->line;
		w->line = (uint32_t)(p - b->text);
		if (q != NULL) {
			r->amount = v.amount;
			r->date = v.date;
			r->period = v.period;
			r->fee = (int16_t)v.fee;
			r->flags = v.has_period ? FR_HAS_PERIOD : 0;
			if (prev != NULL && same_unit(prev, nprev, v.unit,
			    v.ulen))
				r->flags |= FR_SAME;
			w->unit = (uint32_t)(v.unit - b->text);
			w->ulen = (uint32_t)v.ulen;
			w->len = (uint32_t)(q - p - 1);
			prev = v.unit;
			nprev = v.ulen;
			p += q - p;
		} else {
			char *nl = memchr(p, '\n', (size_t)(end - p));

			r->flags = FR_SLOW;
			w->len = (uint32_t)(nl - p);
			p = nl + 1;
			prev = NULL;
		}
	}
	/* The next batch's first row may be of this one's last unit. */
	if ((f->has_last = prev != NULL) && prev != f->last) {
		/* same_unit reads up to eight bytes past its end. */
		if (nprev + 8 > f->caplast) {
			f->caplast = nprev + 8 + 64;
			f->last = xrealloc(f->last, f->caplast);
		}
		memcpy(f->last, prev, nprev);
		f->nlast = nprev;
	}
	return 0;
}

static void *
run(void *arg)
{
	struct fastrd *f = arg;
	struct batch *b;

	for (;;) {
		pthread_mutex_lock(&f->mu);
		while (f->tail - f->head == NBATCH && !f->stop)
			pthread_cond_wait(&f->cv, &f->mu);
		if (f->stop) {
			pthread_mutex_unlock(&f->mu);
			return NULL;
		}
		b = &f->b[f->tail % NBATCH];
		pthread_mutex_unlock(&f->mu);
		fill(f, b, NULL, NULL);
		pthread_mutex_lock(&f->mu);
		f->tail++;
		pthread_cond_broadcast(&f->cv);
		pthread_mutex_unlock(&f->mu);
		if (b->end)
			return NULL;
	}
}

struct fastrd *
fastrd_open(const char *path, off_t at, off_t end, long line,
    const int *role, size_t ncols, int kind, const struct dun_config *c,
    int threaded, struct dun_err *err)
{
	struct fastrd *f;
	size_t i, longest = 0;
	int ch;

	f = xmalloc(sizeof *f);
	memset(f, 0, sizeof *f);
	f->name = xstrdup(path);
	f->kind = kind;
	f->c = c;
	f->line = line;
	f->left = end < 0 ? -1 : end > at ? end - at : 0;
	f->ncols = ncols;
	f->role = xmalloc(ncols * sizeof *f->role);
	memcpy(f->role, role, ncols * sizeof *f->role);
	if (ncols == 5 && memcmp(role, charge_cols, sizeof charge_cols) == 0)
		f->layout = 1;
	else if ((ncols == 7 || ncols == 6) &&
	    memcmp(role, payment_cols, ncols * sizeof *role) == 0)
		f->layout = ncols == 7 ? 2 : 3;
	/* A fee's index must fit a row's int16_t: past that, all are slow. */
	f->nkeys = c->nfees <= INT16_MAX ? c->nfees : 0;
	f->keys = xmalloc((c->nfees + 1) * sizeof *f->keys);
	for (i = 0; i < c->nfees; i++) {
		unsigned char head[8] = { 0 }, mask[8] = { 0 };
		size_t n = strlen(c->fees[i].key);

		memcpy(head, c->fees[i].key, n < 8 ? n : 8);
		memset(mask, 0xff, n < 8 ? n : 8);
		memcpy(&f->keys[i].head, head, 8);
		memcpy(&f->keys[i].mask, mask, 8);
		f->keys[i].len = n;
		if (n > longest)
			longest = n;
	}
	/* Room after the text for a key compared from a field's start. */
	f->pad = longest + 16;
	for (i = 0; i < sizeof f->jan1 / sizeof f->jan1[0]; i++)
		f->jan1[i] = dun_date_make(1900 + (int)i, 1, 1);
	for (ch = 0; ch < 256; ch++)
		f->cls[ch] = ch == '\t' || ch == '\n' || ch == '\r' ||
		    ch == '\0' ? C_END : ch == '\\' ? C_BSL : ch >= 0x80 ?
		    C_HIGH : C_TEXT;
	if ((f->fd = open(path, O_RDONLY)) < 0 ||
	    lseek(f->fd, at, SEEK_SET) != at) {
		dun_err_set(err, DUN_EXIT_SYS, "%s: %s", path,
		    strerror(errno));
		fastrd_close(f);
		return NULL;
	}
	if (threaded) {
		pthread_mutex_init(&f->mu, NULL);
		pthread_cond_init(&f->cv, NULL);
		f->threaded = 1;
		if (pthread_create(&f->t, NULL, run, f) != 0) {
			/* No thread: read in turn. */
			pthread_mutex_destroy(&f->mu);
			pthread_cond_destroy(&f->cv);
			f->threaded = 0;
		}
	}
	return f;
}

int
fastrd_rows(struct fastrd *f, struct frow **rows, size_t *n,
    struct dun_err *err)
{
	for (;;) {
		struct batch *b = f->cur;

		if (b != NULL && f->at < b->nrows) {
			*rows = &b->rows[f->at];
			*n = b->nrows - f->at;
			return 1;
		}
		if (b != NULL) {
			if (b->failed) {
				*err = b->e;
				return -1;
			}
			if (b->end)
				return 0;
		}
		if (f->threaded) {
			pthread_mutex_lock(&f->mu);
			if (b != NULL) {
				f->head++;	/* b goes back to the thread */
				pthread_cond_broadcast(&f->cv);
			}
			while (f->head == f->tail)
				pthread_cond_wait(&f->cv, &f->mu);
			f->cur = &f->b[f->head % NBATCH];
			pthread_mutex_unlock(&f->mu);
		} else {
			f->cur = &f->b[0];
			fill(f, f->cur, NULL, NULL);
		}
		f->at = 0;
	}
}

int
fastrd_each(struct fastrd *f, fastrd_take_fn *take, void *arg,
    struct dun_err *err)
{
	struct batch *b = &f->b[0];

	for (;;) {
		if (fill(f, b, take, arg) < 0)
			return -1;
		if (b->failed) {
			*err = b->e;
			return -1;
		}
		if (b->end)
			return 0;
	}
}

void
fastrd_take(struct fastrd *f, size_t n)
{
	f->at += n;
}

void
fastrd_where(const struct fastrd *f, size_t i, struct fwhere *w)
{
	const struct batch *b = f->cur;
	const struct fspan *x = &b->where[f->at + i];

	w->unit = b->text + x->unit;
	w->ulen = x->ulen;
	w->line = b->text + x->line;
	w->len = x->len;
	w->lineno = x->lineno;
}

const char *
fastrd_spans(const struct fastrd *f, const struct fspan **w)
{
	*w = f->cur->where + f->at;
	return f->cur->text;
}

void
fastrd_close(struct fastrd *f)
{
	int i;

	if (f == NULL)
		return;
	if (f->threaded) {
		pthread_mutex_lock(&f->mu);
		f->stop = 1;
		pthread_cond_broadcast(&f->cv);
		pthread_mutex_unlock(&f->mu);
		pthread_join(f->t, NULL);
		pthread_mutex_destroy(&f->mu);
		pthread_cond_destroy(&f->cv);
	}
	if (f->fd >= 0)
		close(f->fd);
	for (i = 0; i < NBATCH; i++) {
		free(f->b[i].text);
		free(f->b[i].rows);
		free(f->b[i].where);
	}
	free(f->carry);
	free(f->last);
	free(f->keys);
	free(f->role);
	free(f->name);
	free(f);
}

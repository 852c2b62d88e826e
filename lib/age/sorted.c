/*
 * sorted.c — are these files sorted by unit?  Asked before dun-age
 * streams them: a unit must be complete before it is aged.
 *
 * The bytes of all the files are cut into two halves, a file cut between
 * them if need be, and each half is checked by a thread: that its lines
 * are in order, and which units it begins and ends with.  Where a file was
 * cut, the end of one part must not come after the start of the next.
 * Units are compared as bytes, as `LC_ALL=C sort` and the ledger order
 * them.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fast.h"

enum { BLK = 1 << 20 };

/* The lines of a file that begin in [from, to). */
struct part {
	const char *path;
	int col;			/* the unit's column */
	off_t from, to;
	int ok;				/* in order within */
	char *first, *last;		/* its first and last units */
	size_t nfirst, nlast;
};

/* Where column col of the line [p, eol) begins; NULL if it has no such
 * column. */
static const char *
column(const char *p, const char *eol, int col)
{
	int c;

	for (c = 0; c < col; c++) {
		while (p < eol && *p != '\t')
			p++;
		if (p == eol)
			return NULL;
		p++;
	}
	return p;
}

static char *
copy_unit(const char *s, size_t n)
{
	char *d = xmalloc(n + 1);

	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

/* Where each newline is in the 64 bytes at p, a bit each. */
#if defined(__SSE2__)
#include <emmintrin.h>

static uint64_t
newlines(const char *p)
{
	const __m128i nl = _mm_set1_epi8('\n');
	uint64_t m = 0;
	int i;

	for (i = 0; i < 4; i++)
		m |= (uint64_t)(uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(
		    _mm_loadu_si128((const __m128i *)(const void *)(p + 16 * i)),
		    nl)) << (16 * i);
	return m;
}
#else
static uint64_t
newlines(const char *p)
{
	uint64_t m = 0;
	int i;

	for (i = 0; i < 64; i++)
		m |= (uint64_t)(p[i] == '\n') << i;
	return m;
}
#endif

/* A part being checked: the last unit seen, in the buffer or saved, and
 * the first eight bytes of its line. */
struct scan {
	struct part *pt;
	const char *prev;
	size_t pn;
	int in_buf, skip;
	uint64_t head;
	int has_head;
};

/* Do the eight bytes a and b, loaded from memory, begin with the same
 * text up to a TAB (and the TAB)?  The bytes up to a's first TAB are
 * found with the usual test for a zero byte, whose lowest hit is exact:
 * the lowest byte is the first in memory only on a little-endian machine,
 * so elsewhere the answer is no, and the caller looks the long way. */
static int
same_head(uint64_t a, uint64_t b)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	uint64_t x = a ^ 0x0909090909090909u;
	uint64_t z = (x - 0x0101010101010101u) & ~x & 0x8080808080808080u;

	return z != 0 && ((a ^ b) & (z ^ (z - 1))) == 0;
#else
	(void)a;
	(void)b;
	return 0;
#endif
}

/* The line [p, nl), at byte at of the file: 0 go on, 1 stop (it is the
 * next part's, or out of order). */
static inline __attribute__((always_inline)) int
line(struct scan *sc, const char *p, const char *nl, off_t at)
{
	const char *eol = nl > p && nl[-1] == '\r' ? nl - 1 : nl, *u, *q;
	struct part *pt = sc->pt;
	uint64_t head = 0;
	int has_head;
	size_t n;

	if (sc->skip) {
		sc->skip = 0;
		return 0;
	}
	if (at >= pt->to)
		return 1;
	if (eol == p || (u = column(p, eol, pt->col)) == NULL)
		return 0;
	/* Most units are the one before, the unit and a TAB within eight
	 * bytes: nothing more to look at. */
	if ((has_head = eol - u >= 8)) {
		memcpy(&head, u, 8);
		if (sc->has_head && same_head(head, sc->head))
			return 0;
	}
	sc->head = head;
	sc->has_head = has_head;
	for (q = u; q < eol && *q != '\t'; q++)
		;
	n = (size_t)(q - u);
	if (sc->prev == NULL) {
		pt->first = copy_unit(u, n);
		pt->nfirst = n;
	} else if (unit_cmp(sc->prev, sc->pn, u, n) > 0) {
		pt->ok = 0;
		return 1;
	}
	sc->prev = u;
	sc->pn = n;
	sc->in_buf = 1;
	return 0;
}

static void
check_part(struct part *pt)
{
	/* 64 bytes more: newlines() looks at whole blocks of 64. */
	char *buf = calloc(1, 2 * BLK + 64), *saved = NULL;
	struct scan sc = { pt, NULL, 0, 0, 0, 0, 0 };
	size_t len = 0;
	off_t start;			/* the offset of buf[0] */
	int fd, eof = 0, stop = 0;
	ssize_t k;

	pt->ok = 1;
	if (buf == NULL || (fd = open(pt->path, O_RDONLY)) < 0) {
		pt->ok = 0;
		free(buf);
		return;
	}
	/* Begin after the line under way at from, unless one begins there:
	 * read from the byte before and skip through its newline. */
	start = pt->from;
	if (start > 0) {
		start--;
		sc.skip = 1;
	}
	while (!eof && !stop) {
		char *p = buf, *end, *c;

		k = pread(fd, buf + len, 2 * BLK - len, start + (off_t)len);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			eof = 1;
		else
			len += (size_t)k;
		end = buf + len;
		for (c = buf; c < end && !stop; c += 64) {
			uint64_t m = newlines(c);

			if (end - c < 64)
				m &= ((uint64_t)1 << (end - c)) - 1;
			for (; m != 0 && !stop; m &= m - 1) {
				char *nl = c + __builtin_ctzll(m);

				stop = line(&sc, p, nl, start + (p - buf));
				p = nl + 1;
			}
		}
		if (!stop && eof && p < end) {	/* the last line, unended */
			stop = line(&sc, p, end, start + (p - buf));
			p = end;
		}
		/* Keep the last unit while buf moves on. */
		if (sc.in_buf) {
			char *d = copy_unit(sc.prev, sc.pn);

			free(saved);
			sc.prev = saved = d;
			sc.in_buf = 0;
		}
		memmove(buf, p, (size_t)(end - p));
		start += p - buf;
		len = (size_t)(end - p);
		if (len == 2 * BLK)	/* a line longer than the buffer */
			pt->ok = 0, stop = 1;
	}
	if (sc.prev != NULL) {
		pt->last = copy_unit(sc.prev, sc.pn);
		pt->nlast = sc.pn;
	}
	free(saved);
	free(buf);
	close(fd);
}

static void *
run(void *arg)
{
	struct part *pt = arg;
	size_t i;

	for (i = 0; pt[i].path != NULL; i++)
		check_part(&pt[i]);
	return NULL;
}

/* Before the whole check, a look at a few lines spread over a file:
 * the first line after each of PEEKS points, in turn, its unit read as
 * line() reads it.  Two of them out of order are two lines out of order,
 * so that the whole check would say no; a file in a bank's order says so
 * here at once, not after its first period's rows. */
enum { PEEKS = 64, PEEK = 4096 };

/* The unit of the first line that begins at or after byte o of fd
 * (size bytes; o after its header) into *u, *n (in buf): 1, or 0 if
 * there is none to look at (a blank line, no such column, a line longer
 * than PEEK, the end). */
static int
peek(int fd, off_t o, off_t size, int col, char *buf, const char **u,
    size_t *n)
{
	off_t start = o > 0 ? o - 1 : 0;
	const char *p = buf, *end, *nl, *eol, *q;
	ssize_t k;

	do
		k = pread(fd, buf, PEEK, start);
	while (k < 0 && errno == EINTR);
	if (k <= 0)
		return 0;
	end = buf + k;
	if (o > 0) {	/* through the end of the line under way */
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			return 0;
		p = nl + 1;
	}
	if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL) {
		if (start + k < size || p == end)
			return 0;
		nl = end;	/* the last line, unended */
	}
	eol = nl > p && nl[-1] == '\r' ? nl - 1 : nl;
	if (eol == p || (q = column(p, eol, col)) == NULL)
		return 0;
	*u = q;
	while (q < eol && *q != '\t')
		q++;
	*n = (size_t)(q - *u);
	return 1;
}

/* Is file path (size bytes), from byte at on, seen out of order at a
 * few points? */
static int
peek_disorder(const char *path, off_t at, off_t size, int col)
{
	char *buf = xmalloc(2 * PEEK), *prev = buf + PEEK;
	const char *u;
	size_t n, nprev = 0;
	int fd, i, have = 0, out = 0;

	if (size <= at || (fd = open(path, O_RDONLY)) < 0) {
		free(buf);
		return 0;
	}
	for (i = 0; i < PEEKS && !out; i++) {
		if (!peek(fd, at + (size - at) / PEEKS * i, size, col, buf, &u,
		    &n))
			continue;
		if (have && unit_cmp(prev, nprev, u, n) > 0)
			out = 1;
		memcpy(prev, u, n);	/* n < PEEK: the line was in buf */
		nprev = n;
		have = 1;
	}
	close(fd);
	free(buf);
	return out;
}

int
sorted_by_unit(const char *const *paths, const off_t *at, const int *col,
    size_t n)
{
	/* Each half: a part of every file, at most, and an end. */
	struct part *half[2];
	size_t i, k[2] = { 0, 0 }, j;
	off_t total = 0, *size = xmalloc((n + 1) * sizeof *size), taken = 0;
	struct stat st;
	pthread_t t;
	int threaded, ok = 1;

	for (i = 0; i < n; i++) {
		if (stat(paths[i], &st) < 0) {
			free(size);
			return 0;
		}
		size[i] = st.st_size > at[i] ? st.st_size : at[i];
		total += size[i] - at[i];
		if (peek_disorder(paths[i], at[i], size[i], col[i])) {
			free(size);
			return 0;
		}
	}
	for (j = 0; j < 2; j++) {
		half[j] = xmalloc((n + 1) * sizeof *half[j]);
		memset(half[j], 0, (n + 1) * sizeof *half[j]);
	}
	/* The first half of the bytes to one, the rest to the other. */
	for (i = 0; i < n; i++) {
		off_t from = at[i], cut;
		struct part *pt;

		if (taken < total / 2) {
			cut = size[i] - from < total / 2 - taken ? size[i] :
			    from + (total / 2 - taken);
			pt = &half[0][k[0]++];
			pt->path = paths[i];
			pt->col = col[i];
			pt->from = from;
			pt->to = cut;
			taken += cut - from;
			from = cut;
		}
		if (from < size[i]) {
			pt = &half[1][k[1]++];
			pt->path = paths[i];
			pt->col = col[i];
			pt->from = from;
			pt->to = size[i];
		}
	}
	threaded = k[1] > 0 && pthread_create(&t, NULL, run, half[1]) == 0;
	run(half[0]);
	if (threaded)
		pthread_join(t, NULL);
	else
		run(half[1]);
	/* In order within each part, and where a file was cut. */
	for (j = 0; j < 2; j++)
		for (i = 0; i < k[j]; i++)
			ok &= half[j][i].ok;
	if (ok && k[0] > 0 && k[1] > 0) {
		struct part *a = &half[0][k[0] - 1], *b = &half[1][0];

		if (a->path == b->path && a->last != NULL && b->first != NULL &&
		    unit_cmp(a->last, a->nlast, b->first, b->nfirst) > 0)
			ok = 0;
	}
	for (j = 0; j < 2; j++) {
		for (i = 0; i < k[j]; i++) {
			free(half[j][i].first);
			free(half[j][i].last);
		}
		free(half[j]);
	}
	free(size);
	return ok;
}

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
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"
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

static int
cmp(const char *a, size_t an, const char *b, size_t bn)
{
	size_t i, n = an < bn ? an : bn;

	for (i = 0; i < n; i++)
		if (a[i] != b[i])
			return (unsigned char)a[i] - (unsigned char)b[i];
	return (an > bn) - (an < bn);
}

/* The unit of the line [p, eol): its start, and its length in *n; NULL
 * if the line has no such column. */
static const char *
unit_of(const char *p, const char *eol, int col, size_t *n)
{
	const char *q;
	int c;

	for (c = 0; c < col; c++) {
		while (p < eol && *p != '\t')
			p++;
		if (p == eol)
			return NULL;
		p++;
	}
	for (q = p; q < eol && *q != '\t'; q++)
		;
	*n = (size_t)(q - p);
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

static void
check_part(struct part *pt)
{
	char *buf = xmalloc(2 * BLK), *saved = NULL;
	const char *prev = NULL;	/* the last unit, in buf or saved */
	size_t len = 0, pn = 0;
	off_t start;			/* the offset of buf[0] */
	int fd, skip = 0, eof = 0, in_buf = 0;
	ssize_t k;

	pt->ok = 1;
	if ((fd = open(pt->path, O_RDONLY)) < 0) {
		pt->ok = 0;
		free(buf);
		return;
	}
	/* Begin after the line under way at from, unless one begins there:
	 * read from the byte before and skip through its newline. */
	start = pt->from;
	if (start > 0) {
		start--;
		skip = 1;
	}
	while (!eof) {
		char *p = buf, *end, *nl;

		k = pread(fd, buf + len, 2 * BLK - len, start + (off_t)len);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			eof = 1;
		else
			len += (size_t)k;
		end = buf + len;
		for (;;) {
			const char *u, *eol;
			size_t n;

			nl = memchr(p, '\n', (size_t)(end - p));
			if (nl == NULL && eof && p < end)
				nl = end;
			if (nl == NULL)
				break;
			eol = nl > p && nl[-1] == '\r' ? nl - 1 : nl;
			if (skip)
				skip = 0;
			else if (start + (p - buf) >= pt->to) {
				eof = 1;	/* the next part's */
				break;
			} else if (eol > p && (u = unit_of(p, eol, pt->col, &n))) {
				if (prev == NULL)
					pt->first = copy_unit(u, n), pt->nfirst = n;
				else if (cmp(prev, pn, u, n) > 0) {
					pt->ok = 0;
					eof = 1;
					break;
				}
				prev = u;
				pn = n;
				in_buf = 1;
			}
			p = nl < end ? nl + 1 : end;
			if (nl == end)
				break;
		}
		/* Keep the last unit while buf moves on. */
		if (in_buf) {
			char *d = copy_unit(prev, pn);

			free(saved);
			prev = saved = d;
			in_buf = 0;
		}
		memmove(buf, p, (size_t)(end - p));
		start += p - buf;
		len = (size_t)(end - p);
		if (len == 2 * BLK)	/* a line longer than the buffer */
			pt->ok = 0, eof = 1;
	}
	if (prev != NULL)
		pt->last = copy_unit(prev, pn), pt->nlast = pn;
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
		    cmp(a->last, a->nlast, b->first, b->nfirst) > 0)
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

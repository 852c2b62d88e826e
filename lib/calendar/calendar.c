/*
 * calendar.c — China's public holidays and the weekend days worked
 * instead (调休), which move a limitation deadline and are quiet days for
 * contact.  The State Council publishes each year's in the November
 * before; dun keeps them as data: lib/calendar/holidays.tsv compiled
 * in, then a file and lists of days from dun.yaml over it.  A year with
 * no day off listed is a year dun knows nothing of, and says so: the
 * config remembers each such year it was asked about, for the programs
 * to report once.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"

enum { NYEARS = 10000 };	/* the years a date can be written with */

struct day {
	struct dun_holiday h;
	int rank;		/* which source: a later one wins */
	size_t seq;
};

struct days {
	struct day *v;
	size_t n, cap;
};

static void
add(struct days *ds, dun_date d, int off, const char *name, int rank)
{
	struct day *e;

	if (ds->n == ds->cap) {
		ds->cap = ds->cap ? 2 * ds->cap : 512;
		ds->v = xrealloc(ds->v, ds->cap * sizeof *ds->v);
	}
	e = &ds->v[ds->n];
	e->h.date = d;
	e->h.off = off;
	e->h.name = name;
	e->rank = rank;
	e->seq = ds->n++;
}

/* The tab-separated field of line[0..n) at *at, moving *at past it and
 * its tab; its length. */
static size_t
field(const char *line, size_t n, size_t *at, const char **s)
{
	size_t i = *at, k;

	*s = line + i;
	while (i < n && line[i] != '\t')
		i++;
	k = i - *at;
	*at = i < n ? i + 1 : i;
	return k;
}

/* A file of days: comments (#) and blank lines, a header "date kind name",
 * then a day a line.  Days go into ds with rank; a date twice is an
 * error, at its line. */
static int
parse(struct days *ds, struct arena *a, const char *text, size_t len,
    const char *name, int rank, struct dun_err *err)
{
	const char *p = text, *end = text + len, *nl, *s;
	size_t first = ds->n, i, n, at, k;
	char why[DUN_WHY];
	int line = 0, head = 0, off;
	dun_date d;

	for (; p < end; p = nl + 1) {
		line++;
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		n = (size_t)(nl - p);
		if (n > 0 && p[n - 1] == '\r')
			n--;
		if (n == 0 || *p == '#')
			continue;
		at = 0;
		if (!head) {
			if (n < 9 || memcmp(p, "date\tkind", 9) != 0 ||
			    (n > 9 && (p[9] != '\t' || n != 14 ||
			    memcmp(p + 10, "name", 4) != 0))) {
				dun_err_set(err, DUN_EXIT_USAGE, "%s:%d: the "
				    "first line is not the header: date, kind, "
				    "name, tab-separated", name, line);
				return -1;
			}
			head = 1;
			continue;
		}
		k = field(p, n, &at, &s);
		if (dun_date_parse(s, k, DUN_DATE_ISO, &d, why) < 0) {
			dun_err_set(err, DUN_EXIT_USAGE, "%s:%d: date: %s",
			    name, line, why);
			return -1;
		}
		k = field(p, n, &at, &s);
		if (k == 3 && memcmp(s, "off", 3) == 0)
			off = 1;
		else if (k == 4 && memcmp(s, "work", 4) == 0)
			off = 0;
		else {
			why_quote(why, s, k, "is not off or work");
			dun_err_set(err, DUN_EXIT_USAGE, "%s:%d: kind: %s",
			    name, line, why);
			return -1;
		}
		k = field(p, n, &at, &s);
		if (s + k < p + n) {
			dun_err_set(err, DUN_EXIT_USAGE, "%s:%d: more than "
			    "three fields (date, kind, name)", name, line);
			return -1;
		}
		for (i = first; i < ds->n; i++)
			if (ds->v[i].h.date == d) {
				dun_err_set(err, DUN_EXIT_USAGE, "%s:%d: date: "
				    "%s is listed twice", name, line,
				    dun_date_fmt(d, why));
				return -1;
			}
		add(ds, d, off, arena_strndup(a, s, k), rank);
	}
	if (!head) {
		dun_err_set(err, DUN_EXIT_USAGE, "%s: no header line (date, "
		    "kind, name)", name);
		return -1;
	}
	return 0;
}

static int
read_file(struct days *ds, struct arena *a, const char *path,
    struct dun_err *err)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t n = 0, cap = 0, k;
	int r;

	if (f == NULL) {
		dun_err_set(err, DUN_EXIT_USAGE, "%s: %s (calendar.file)", path,
		    strerror(errno));
		return -1;
	}
	do {
		if (cap - n < 4096)
			buf = xrealloc(buf, cap = cap ? 2 * cap : 65536);
		n += k = fread(buf + n, 1, cap - n, f);
	} while (k > 0);
	if (ferror(f)) {
		dun_err_set(err, DUN_EXIT_SYS, "%s: %s (calendar.file)", path,
		    strerror(errno));
		fclose(f);
		free(buf);
		return -1;
	}
	fclose(f);
	r = parse(ds, a, buf, n, path, 1, err);
	free(buf);
	return r;
}

static int
by_date(const void *a, const void *b)
{
	const struct day *x = a, *y = b;

	if (x->h.date != y->h.date)
		return x->h.date < y->h.date ? -1 : 1;
	if (x->rank != y->rank)
		return x->rank < y->rank ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static int
year_of(dun_date d)
{
	int y, m, dd;

	dun_date_split(d, &y, &m, &dd);
	return y;
}

int
calendar_build(struct dun_config *c, struct arena *a, const dun_date *off,
    size_t noff, const dun_date *work, size_t nwork, struct dun_err *err)
{
	struct days ds = { NULL, 0, 0 };
	size_t i, n = 0;
	int y, r = -1;

	if (parse(&ds, a, dun_default_holidays, dun_default_holidays_len,
	    "(built-in holidays.tsv)", 0, err) < 0 ||
	    (c->calendar.file != NULL && read_file(&ds, a, c->calendar.file,
	    err) < 0))
		goto out;
	for (i = 0; i < noff; i++)
		add(&ds, off[i], 1, "", 2);
	for (i = 0; i < nwork; i++)
		add(&ds, work[i], 0, "", 2);
	/* By date, and of one date the last source's. */
	qsort(ds.v, ds.n, sizeof *ds.v, by_date);
	c->calendar.days = arena_alloc(a, (ds.n + 1) *
	    sizeof *c->calendar.days);
	c->calendar.listed = arena_alloc(a, NYEARS / 8);
	c->calendar.missed = arena_alloc(a, NYEARS);
	memset(c->calendar.listed, 0, NYEARS / 8);
	memset(c->calendar.missed, 0, NYEARS);
	for (i = 0; i < ds.n; i++) {
		const struct dun_holiday *h = &ds.v[i].h;

		if (i + 1 < ds.n && ds.v[i + 1].h.date == h->date)
			continue;
		c->calendar.days[n++] = *h;
		y = year_of(h->date);
		if (h->off && y >= 0 && y < NYEARS)
			c->calendar.listed[y / 8] |= 1 << y % 8;
	}
	c->calendar.ndays = n;
	r = 0;
out:
	free(ds.v);
	return r;
}

int
calendar_day(const struct dun_config *c, dun_date d, const char **name,
    int why)
{
	size_t lo = 0, hi = c->calendar.ndays, mid;
	int y;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (c->calendar.days[mid].date < d)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < c->calendar.ndays && c->calendar.days[lo].date == d) {
		if (name != NULL)
			*name = c->calendar.days[lo].name;
		return c->calendar.days[lo].off ? DUN_DAY_OFF : DUN_DAY_WORK;
	}
	y = year_of(d);
	if (y < 0 || y >= NYEARS || c->calendar.listed == NULL)
		return DUN_DAY_UNKNOWN;
	if (c->calendar.listed[y / 8] & 1 << y % 8)
		return DUN_DAY_PLAIN;
	/* dun-age's two threads may ask at once (age_any.c). */
	if ((__atomic_load_n(&c->calendar.missed[y], __ATOMIC_RELAXED) &
	    why) != why)
		__atomic_fetch_or(&c->calendar.missed[y], (unsigned char)why,
		    __ATOMIC_RELAXED);
	return DUN_DAY_UNKNOWN;
}

int
dun_calendar_day(const struct dun_config *c, dun_date d, const char **name)
{
	return calendar_day(c, d, name, DUN_CAL_ASKED);
}

int
dun_calendar_missing(const struct dun_config *c, int why, char **years)
{
	struct buf b = { NULL, 0, 0 };
	int y, z, count = 0;

	*years = NULL;
	if (c->calendar.missed == NULL)
		return 0;
	for (y = 0; y < NYEARS; y = z) {
		for (z = y; z < NYEARS && (c->calendar.missed[z] & why); z++)
			;
		if (z == y) {
			z++;
			continue;
		}
		count += z - y;
		buf_fmt(&b, z - y > 1 ? "%s%d-%d" : "%s%d", b.len ? ", " : "",
		    y, z - 1);
	}
	*years = b.s;
	return count;
}

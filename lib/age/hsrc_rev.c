/*
 * hsrc_rev.c — the reversals of hsrc.c's files: read whole first (they
 * name a payment or adjustment by its ref, not by its unit), hashed by
 * ref; a payment or adjustment reversed is left out, and a reversal that
 * cancelled nothing is told after the last unit.
 */
#include <string.h>

#include "hsrc.h"

struct rev *
hsrc_rev_find(const struct dun_hsrc *s, const char *ref)
{
	size_t j;

	if (s->nrevslots == 0)
		return NULL;
	for (j = str_hash(ref) & (s->nrevslots - 1);
	    s->revslots[j] != (size_t)-1; j = (j + 1) & (s->nrevslots - 1))
		if (strcmp(s->revs[s->revslots[j]].ref, ref) == 0)
			return &s->revs[s->revslots[j]];
	return NULL;
}

static void
rev_hash(struct dun_hsrc *s)
{
	size_t i, j, n = 16;

	while (n < s->nrevs * 2)
		n *= 2;
	s->revslots = xmalloc(n * sizeof *s->revslots);
	for (j = 0; j < n; j++)
		s->revslots[j] = (size_t)-1;
	s->nrevslots = n;
	for (i = 0; i < s->nrevs; i++) {
		for (j = str_hash(s->revs[i].ref) & (n - 1); s->revslots[j] !=
		    (size_t)-1; j = (j + 1) & (n - 1))
			;
		s->revslots[j] = i;
	}
}

/* Read the reversals whole: 0, or -1 and err (the file cannot be read,
 * or its header lacks a column). */
int
hsrc_read_reversals(struct dun_hsrc *s, const char *path, struct dun_err *err)
{
	struct dun_rec *r;
	struct dun_err e;
	int cref, cdate, k;

	if ((r = dun_rec_open(path, NULL, err)) == NULL)
		return -1;
	s->revname = xstrdup(dun_rec_name(r));
	cref = dun_rec_col(r, "ref");
	cdate = dun_rec_col(r, "date");
	if (cref < 0 || cdate < 0) {
		dun_err_set(err, DUN_EXIT_DATA, "%s:1: %s: no such column",
		    s->revname, cref < 0 ? "ref" : "date");
		dun_rec_close(r);
		return -1;
	}
	while ((k = dun_rec_next(r, &e)) != 0) {
		const char *ref;
		struct rev *v;
		int got;

		if (k < 0) {
			if (e.code != DUN_EXIT_DATA || dun_rec_failed(r)) {
				*err = e;
				dun_rec_close(r);
				return -1;
			}
			s->report(&e, s->arg);
			continue;
		}
		if (dun_rec_need(r, cref, &ref, &e) < 0) {
			s->report(&e, s->arg);
			continue;
		}
		s->revs = xrealloc(s->revs, (s->nrevs + 1) * sizeof *s->revs);
		v = &s->revs[s->nrevs++];
		memset(v, 0, sizeof *v);
		v->ref = xstrdup(ref);
		v->line = dun_rec_line(r);
		if ((got = dun_rec_date(r, cdate, DUN_DATE_ANY, &v->date,
		    &e)) == 0)
			dun_rec_bad(r, cdate, "is empty", &e);
		if (got <= 0) {
			s->report(&e, s->arg);
			v->bad = 1;
		}
	}
	dun_rec_close(r);
	rev_hash(s);
	return 0;
}

/* 1 if the payment or adjustment m of the feed's row is reversed: it is
 * left out (and its unit marked bad if the reversal cannot stand). */
int
hsrc_reversed(struct dun_hsrc *s, struct hb *b, const struct feed *f,
    const struct dun_hmoney *m)
{
	const char *what = f->kind == F_PAYMENTS ? "payment" : "adjustment";
	int bit = f->kind == F_PAYMENTS ? 1 : 2;
	char d[DUN_DATE_BUFSZ];
	struct dun_err e;
	struct rev *v;

	if ((v = hsrc_rev_find(s, fld(f, 6))) == NULL)
		return 0;
	if (v->used) {
		dun_err_set(&e, DUN_EXIT_DATA, "%s:%ld: ref: %s is the ref of "
		    "more than one payment or adjustment: which to reverse "
		    "cannot be told", s->revname, v->line, abbr_q(v->ref).s);
		s->report(&e, s->arg);
		b->bad = 1;
	} else if (!v->bad && v->date < m->date) {
		dun_err_set(&e, DUN_EXIT_DATA, "%s:%ld: date: is before the "
		    "date of %s %s, %s", s->revname, v->line, what,
		    abbr_v(v->ref).s, dun_date_fmt(m->date, d));
		s->report(&e, s->arg);
		b->bad = 1;
	}
	if (v->bad)
		b->bad = 1;
	v->used |= bit;
	return 1;
}

/* After the last unit: the reversals that cancelled nothing. */
void
hsrc_reversals_unused(struct dun_hsrc *s)
{
	struct dun_err e;
	size_t i;

	if (s->revs_told++)
		return;
	for (i = 0; i < s->nrevs; i++) {
		if (s->revs[i].named || s->revs[i].bad)
			continue;
		dun_err_set(&e, DUN_EXIT_DATA, "%s:%ld: ref: no payment or "
		    "adjustment %s in %s", s->revname, s->revs[i].line,
		    abbr_q(s->revs[i].ref).s, s->moneynames);
		s->report(&e, s->arg);
	}
}

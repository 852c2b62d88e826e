/*
 * age_any.c — dun-age's records of every unit of a source, in byte order
 * of unit: the loop of dun_hsrc_next and dun_age_unit; or, for files in
 * any order grouped by two threads (hsrc_any.c), the aging done by those
 * two threads, each the units of its own partitions, each into a buffer
 * of its own, and the records written in order by merging the threads'
 * lists, sorted by unit, with the units of the rest of the files.
 *
 * What is said, and when it stops, is the loop's: a thread only notes a
 * unit's message (a unit the units file lacks, an aging that failed) in
 * its list, and the merge says it in the unit's turn, the records before
 * it written and none after it if the caller says stop.
 */
#include <stdlib.h>
#include <string.h>

#include "hsrc.h"

/* What the merge does for a unit a thread aged. */
enum { E_RECORD, E_LACKS, E_FAILED };

struct aent {
	const char *name;
	size_t at, len;		/* E_RECORD: its record in the thread's */
	struct dun_err *e;	/* E_FAILED: what failed */
	int what;
};

/* A thread's records, and its list of units that say something. */
struct athread {
	struct dun_out *o;
	struct aent *v;
	size_t n, cap;
};

struct arun {
	struct dun_hsrc *s;
	const struct dun_config *c;
	dun_date asof;
	int all;
	struct athread t[2];
};

static struct aent *
note(struct athread *t, const char *name, int what)
{
	struct aent *x;

	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 1024;
		t->v = xrealloc(t->v, t->cap * sizeof *t->v);
	}
	x = &t->v[t->n++];
	memset(x, 0, sizeof *x);
	x->name = name;
	x->what = what;
	return x;
}

/* Age the unit b on thread id, noting what the merge is to do. */
static void
age_one(struct hb *b, int id, void *arg)
{
	struct arun *r = arg;
	struct athread *t = &r->t[id];
	struct dun_aged a;
	struct dun_err e;
	size_t before, after;
	int lacks;

	if (hsrc_bad(r->s, b, &lacks)) {
		if (lacks)
			note(t, b->h.hh.unit, E_LACKS);
		return;
	}
	if (dun_age_unit(r->c, r->asof, &b->h, &a, &e) < 0) {
		struct aent *x = note(t, b->h.hh.unit, E_FAILED);

		x->e = xmalloc(sizeof *x->e);
		*x->e = e;
		return;
	}
	if (!r->all && !dun_age_wanted(r->c, r->asof, &a))
		return;
	dun_out_held(t->o, &before);
	dun_age_put(t->o, r->c, &b->h, &a);	/* held: cannot fail */
	dun_out_held(t->o, &after);
	note(t, b->h.hh.unit, E_RECORD)->at = before;
	t->v[t->n - 1].len = after - before;
}

static int
by_name(const void *x, const void *y)
{
	return strcmp(((const struct aent *)x)->name,
	    ((const struct aent *)y)->name);
}

/* A thread's list, sorted by unit. */
static void
age_done(int id, void *arg)
{
	struct arun *r = arg;

	if (r->t[id].n > 1)
		qsort(r->t[id].v, r->t[id].n, sizeof *r->t[id].v, by_name);
}

/* The loop, for one unit given whole: 0, or -1 to stop. */
static int
age_loop_one(const struct dun_config *c, dun_date asof, int all,
    const struct dun_hist *h, struct dun_out *o, dun_fail_fn *fail,
    void *arg)
{
	struct dun_aged a;
	struct dun_err e;

	if (dun_age_unit(c, asof, h, &a, &e) < 0)
		return fail(&e, arg) < 0 ? -1 : 0;
	if ((all || dun_age_wanted(c, asof, &a)) &&
	    dun_age_put(o, c, h, &a) < 0)
		return -1;
	return 0;
}

/* The threads' units and those of the rest of the files alone, merged
 * in byte order: 0, or -1 stopped. */
static int
merge(struct arun *r, const unsigned char *aged, struct dun_out *o,
    dun_fail_fn *fail, void *arg)
{
	struct dun_hsrc *s = r->s;
	size_t at[2] = { 0, 0 }, k = 0;
	const char *text[2];
	size_t len;
	int j, lacks;

	for (j = 0; j < 2; j++)
		text[j] = dun_out_held(r->t[j].o, &len);
	for (;;) {
		const struct aent *x = NULL;
		int from = -1;

		while (k < s->nunits && aged[k])
			k++;
		for (j = 0; j < 2; j++)
			if (at[j] < r->t[j].n && (x == NULL ||
			    strcmp(r->t[j].v[at[j]].name, x->name) < 0)) {
				x = &r->t[j].v[at[j]];
				from = j;
			}
		if (k < s->nunits && (x == NULL ||
		    strcmp(s->units[k]->h.hh.unit, x->name) < 0)) {
			/* A unit only the rest of the files name. */
			struct hb *b = &s->b;

			hb_reset(b);
			hb_copy(b, s->units[k++]);
			if (hsrc_bad(s, b, &lacks)) {
				if (lacks)
					hsrc_tell_lacks(s, b->h.hh.unit);
				continue;
			}
			if (age_loop_one(r->c, r->asof, r->all, &b->h, o, fail,
			    arg) < 0)
				return -1;
			continue;
		}
		if (x == NULL)
			return 0;
		at[from]++;
		switch (x->what) {
		case E_LACKS:
			hsrc_tell_lacks(s, x->name);
			break;
		case E_FAILED:
			if (fail(x->e, arg) < 0)
				return -1;
			break;
		default:
			if (dun_out_records(o, text[from] + x->at, x->len) < 0)
				return -1;
		}
	}
}

int
dun_age_write(struct dun_hsrc *s, const struct dun_config *c, dun_date asof,
    int all, struct dun_out *o, dun_fail_fn *fail, void *arg,
    struct dun_err *err)
{
	const struct dun_hist *h;
	struct arun r;
	unsigned char *aged;
	size_t i;
	int k, bad, j;

	if (!hsrc_any_ready(s)) {
		while ((k = dun_hsrc_next(s, &h, &bad, err)) > 0)
			if (!bad && age_loop_one(c, asof, all, h, o, fail,
			    arg) < 0)
				break;
		return k < 0 ? -1 : 0;
	}
	memset(&r, 0, sizeof r);
	r.s = s;
	r.c = c;
	r.asof = asof;
	r.all = all;
	for (j = 0; j < 2; j++)
		r.t[j].o = dun_out_mem();
	aged = xmalloc(s->nunits + 1);
	memset(aged, 0, s->nunits + 1);
	hsrc_any_each(s, age_one, age_done, &r, aged);
	if (merge(&r, aged, o, fail, arg) == 0 && s->nrevs > 0)
		hsrc_reversals_unused(s);
	for (j = 0; j < 2; j++) {
		for (i = 0; i < r.t[j].n; i++)
			free(r.t[j].v[i].e);
		free(r.t[j].v);
		dun_out_close(r.t[j].o);
	}
	free(aged);
	return 0;
}

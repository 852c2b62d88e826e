/*
 * hsrc_group.c — the rows hsrc_any.c's two threads staged, grouped by
 * unit: each thread groups partitions of both threads' stages, the next
 * partition not yet taken, one at a time: a small table of the
 * partition's units, the rows counted, then copied into place, each
 * unit's in one run (charges, payments, adjustments), each kind in the
 * order of the files (their pieces taken in order).  The rows
 * are never sorted: only the units' names are, each thread's.
 *
 * Either all at once, then each unit given in byte order by merging the
 * two lists with the units the rest of the files name (hsrc.c's
 * s->units) — what reading the files whole row by row gives
 * (hsrc_any_next); or a partition at a time, each of its units given to
 * the thread that grouped it (hsrc_any_each, for age_any.c), the grouped
 * rows' room used again for the next.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "hsrc.h"

/* A partition's unit being grouped: its name, where it is in g->units,
 * and its rows of each kind counted, then placed. */
enum { PLACE_AHEAD = 8 };	/* rows placed between a place asked for
				 * and written */

struct punit {
	const unsigned char *name;
	size_t len;
	uint64_t hash;
	struct arow *rows;
	uint32_t at[NK];
};

/* Room for n rows among g's grouped rows: in a block, or for a unit
 * with more rows than one holds, a chunk of its own. */
static struct arow *
row_room(struct agroup *g, size_t n)
{
	struct chunk *c = g->rows;
	size_t need = n * sizeof(struct arow);

	if (c == NULL || c->cap - c->used < need) {
		if (need <= BLOCK - sizeof *c)
			c = hsrc_block(g);
		else {
			c = xmalloc(sizeof *c + need);
			c->cap = need;
		}
		c->next = g->rows;
		c->used = 0;
		g->rows = c;
	}
	c->used += need;
	return (struct arow *)(void *)(c->data + c->used - need);
}

/* What grouping a partition uses, kept from one to the next: its units,
 * a table of them by hash (an index + 1, or 0: empty), and each row's
 * unit (its index << 2) and kind (a partition's units, fewer than its
 * rows, are far fewer than 2^30: each is at least 12 bytes staged). */
struct scratch {
	struct punit *pu;
	size_t cappu;
	uint32_t *slot;
	size_t nslots;
	uint32_t *ids;
	size_t nids;
};

/* The table of the np units in pu, nslots slots, made again. */
static void
rehash(struct scratch *t, size_t np, size_t nslots)
{
	size_t i, j;

	if (nslots > t->nslots) {
		free(t->slot);
		t->slot = xmalloc(nslots * sizeof *t->slot);
		t->nslots = nslots;
	}
	memset(t->slot, 0, t->nslots * sizeof *t->slot);
	for (i = 0; i < np; i++) {
		for (j = t->pu[i].hash & (t->nslots - 1); t->slot[j] != 0;
		    j = (j + 1) & (t->nslots - 1))
			;
		t->slot[j] = (uint32_t)i + 1;
	}
}

/* Group partition p of every piece's stages into g: its units, each
 * with its rows in one run, charges, payments, adjustments, each kind
 * in the order of the files (the pieces in order, whichever thread read
 * them). */
static void
group(struct agroup *g, int p, struct scratch *t)
{
	struct agroup *first = any_first(g);
	size_t nrows = 0, i, j, r, np = 0, s;
	struct arow *rows;
	uint32_t *id, x = 0;
	int k;

	for (s = 0; s < first->npieces; s++)
		nrows += first->piece[s].stage[p].nrows;
	if (nrows == 0)
		return;
	if (nrows > t->nids) {
		t->nids = nrows;
		t->ids = xrealloc(t->ids, nrows * sizeof *t->ids);
	}
	id = t->ids;
	rehash(t, 0, t->nslots ? t->nslots : 1024);
	/* Each row's unit, and the rows of each unit's kinds counted. */
	r = 0;
	for (s = 0; s < first->npieces; s++) {
		const struct chunk *c;

		for (c = first->piece[s].stage[p].head; c != NULL;
		    c = c->next) {
			const unsigned char *q = c->data, *end = q + c->used;

			while (q < end) {
				unsigned hd = row_head(q);
				size_t n = row_ulen(hd);
				const unsigned char *u = row_unit(q, hd);
				uint64_t h;

				q = u + n;
				if (n == 0) {	/* the unit of the row before */
					t->pu[x].at[row_kind(hd)]++;
					id[r++] = x << 2 | (uint32_t)row_kind(hd);
					continue;
				}
				h = any_hash(u, n);
				for (j = h & (t->nslots - 1); t->slot[j] != 0;
				    j = (j + 1) & (t->nslots - 1)) {
					const struct punit *y =
					    &t->pu[t->slot[j] - 1];

					if (y->hash == h && y->len == n &&
					    any_same(y->name, u, n))
						break;
				}
				if (t->slot[j] != 0)
					x = t->slot[j] - 1;
				else {
					struct punit *y;

					if (np == t->cappu) {
						t->cappu = t->cappu ?
						    t->cappu * 2 : 512;
						t->pu = xrealloc(t->pu,
						    t->cappu * sizeof *t->pu);
					}
					x = (uint32_t)np;
					y = &t->pu[np++];
					y->name = u;
					y->len = n;
					y->hash = h;
					memset(y->at, 0, sizeof y->at);
					t->slot[j] = x + 1;
					if (2 * np > t->nslots)
						rehash(t, np, 2 * t->nslots);
				}
				t->pu[x].at[row_kind(hd)]++;
				id[r++] = x << 2 | (uint32_t)row_kind(hd);
			}
		}
	}
	/* Each unit's place, and the units kept. */
	if (g->nunits + np > g->capunits) {
		g->capunits = (g->nunits + np) * 2;
		g->units = xrealloc(g->units, g->capunits * sizeof *g->units);
	}
	for (i = 0; i < np; i++) {
		struct aunit *au = &g->units[g->nunits++];
		struct punit *y = &t->pu[i];

		au->name = arena_strndup(g->a, (const char *)y->name, y->len);
		for (r = 0, k = 0; k < NK; k++)
			r += y->at[k];
		au->rows = rows = row_room(g, r);
		for (r = 0, k = 0; k < NK; k++) {
			au->n[k] = y->at[k];
			y->at[k] = (uint32_t)r;
			r += au->n[k];
		}
		y->rows = rows;
	}
	/* The rows put in their places, in the order read; where the row
	 * PLACE_AHEAD on goes asked for now, as those places are all over
	 * the partition's rows. */
	r = 0;
	for (s = 0; s < first->npieces; s++) {
		const struct chunk *c;

		for (c = first->piece[s].stage[p].head; c != NULL;
		    c = c->next) {
			const unsigned char *q = c->data, *end = q + c->used;

			while (q < end) {
				uint32_t v = id[r++];
				struct punit *y = &t->pu[v >> 2];
				unsigned hd = row_head(q);

				if (r + PLACE_AHEAD <= nrows) {
					uint32_t w = id[r + PLACE_AHEAD - 1];
					const struct punit *z = &t->pu[w >> 2];

					__builtin_prefetch(&z->rows[z->at[w & 3]], 1);
				}
				row_unstage(q, hd, &y->rows[y->at[v & 3]++]);
				q = row_unit(q, hd) + row_ulen(hd);
			}
		}
		memset(&first->piece[s].stage[p], 0, sizeof(struct stage));
	}
	/* The partition's blocks, both threads', spare for g's rows. */
	for (k = 0; k < 2; k++) {
		struct stream *sm = &(k == 0 ? first : first->other)->stream[p];

		hsrc_blocks_spare(g, sm->blocks);
		sm->blocks = NULL;
		sm->room = NULL;
	}
}

static void
scratch_free(struct scratch *t)
{
	free(t->pu);
	free(t->slot);
	free(t->ids);
}

/* The next partition for g to group; NPART or past it: none is left. */
static int
next_part(struct agroup *g)
{
	struct agroup *first = g->id == 0 ? g : g->other;

	return __atomic_fetch_add(&first->next_part, 1, __ATOMIC_RELAXED);
}

static int
by_name(const void *x, const void *y)
{
	return strcmp(((const struct aunit *)x)->name,
	    ((const struct aunit *)y)->name);
}

/* A thread's part of the grouping: the partitions it takes, of both
 * threads' stages, grouped, and its units sorted. */
static void *
run_group(void *arg)
{
	struct agroup *g = arg;
	struct scratch t;
	int p;

	memset(&t, 0, sizeof t);
	g->a = arena_new();
	while ((p = next_part(g)) < NPART)
		group(g, p, &t);
	scratch_free(&t);
	if (g->nunits > 1)
		qsort(g->units, g->nunits, sizeof *g->units, by_name);
	return NULL;
}

/* Unit u's rows put in b after those it has. */
static void
give(struct hb *b, const struct aunit *u)
{
	const struct arow *w = u->rows;
	struct dun_hcharge *c;
	struct dun_hmoney *m;
	size_t i;
	int k;

	c = u->n[K_CHARGES] ? hb_charges(b, u->n[K_CHARGES]) : NULL;
	for (i = 0; i < u->n[K_CHARGES]; i++, w++) {
		c[i].fee = w->fee;
		c[i].period = w->period;
		c[i].due = w->date;
		c[i].amount = w->amount;
	}
	for (k = K_PAYMENTS; k <= K_ADJUSTMENTS; k++) {
		if (u->n[k] == 0)
			continue;
		m = k == K_PAYMENTS ? hb_payments(b, u->n[k]) :
		    hb_adjustments(b, u->n[k]);
		for (i = 0; i < u->n[k]; i++, w++) {
			m[i].date = w->date;
			m[i].amount = w->amount;
			m[i].fee = w->fee;
			m[i].has_period = w->period >= 0;
			m[i].period = m[i].has_period ? w->period : 0;
		}
	}
}

int
hsrc_any_next(struct dun_hsrc *s)
{
	struct agroup **g = s->groups;
	const char *least = NULL;
	int j;

	if (g[0]->a == NULL)
		hsrc_both(run_group, g);	/* the first unit: group them all */
	if (s->next < s->nunits)
		least = s->units[s->next]->h.hh.unit;
	for (j = 0; j < 2; j++)
		if (g[j]->next < g[j]->nunits && (least == NULL ||
		    strcmp(g[j]->units[g[j]->next].name, least) < 0))
			least = g[j]->units[g[j]->next].name;
	if (least == NULL)
		return 0;
	hb_reset(&s->b);
	if (s->next < s->nunits &&
	    strcmp(s->units[s->next]->h.hh.unit, least) == 0)
		hb_copy(&s->b, s->units[s->next++]);
	else
		s->b.h.hh.unit = least;
	/* A unit is in one partition, grouped by one thread. */
	for (j = 0; j < 2; j++)
		if (g[j]->next < g[j]->nunits &&
		    strcmp(g[j]->units[g[j]->next].name, least) == 0)
			give(&s->b, &g[j]->units[g[j]->next++]);
	return 1;
}

/* The unit of the rest of the files named name (s->units, sorted), or
 * -1. */
static long
unit_find(const struct dun_hsrc *s, const char *name)
{
	size_t lo = 0, hi = s->nunits, mid;
	int d;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		d = strcmp(s->units[mid]->h.hh.unit, name);
		if (d == 0)
			return (long)mid;
		if (d < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

/* A thread's part of hsrc_any_each: each of its partitions grouped, the
 * pages of its stages' blocks given back, its units given, and the
 * blocks its rows took kept for the next one's, still in the cache. */
static void *
run_each(void *arg)
{
	struct agroup *g = arg;
	struct dun_hsrc *s = g->s;
	struct scratch t;
	size_t i;
	struct hb b;
	long j;
	int p;

	memset(&t, 0, sizeof t);
	hb_init(&b);
	g->a = arena_new();
	while ((p = next_part(g)) < NPART) {
		g->nunits = 0;
		group(g, p, &t);
		hsrc_blocks_trim(g, 0);
		for (i = 0; i < g->nunits; i++) {
			const struct aunit *u = &g->units[i];

			hb_reset(&b);
			if (s->nunits > 0 && (j = unit_find(s, u->name)) >= 0) {
				hb_copy(&b, s->units[j]);
				g->aged[j] = 1;
			} else
				b.h.hh.unit = u->name;
			give(&b, u);
			g->each(&b, g->id, g->arg);
		}
		hsrc_blocks_spare(g, g->rows);
		g->rows = NULL;
	}
	g->nunits = 0;
	scratch_free(&t);
	hb_free(&b);
	g->done(g->id, g->arg);
	return NULL;
}

int
hsrc_any_ready(const struct dun_hsrc *s)
{
	return s->groups[0] != NULL && s->groups[0]->a == NULL;
}

void
hsrc_any_each(struct dun_hsrc *s,
    void (*each)(struct hb *b, int id, void *arg),
    void (*done)(int id, void *arg), void *arg, unsigned char *aged)
{
	int j;

	for (j = 0; j < 2; j++) {
		struct agroup *g = s->groups[j];

		g->s = s;
		g->each = each;
		g->done = done;
		g->arg = arg;
		g->aged = aged;
	}
	hsrc_both(run_each, s->groups);
}

/*
 * hsrc_any.c — charges, payments and adjustments in any order (as a
 * billing system and a bank export them: by period, by date), grouped by
 * unit without sorting their rows.
 *
 * Two threads each read half of every file the short way (fast.c) and
 * stage each row, 16 bytes and its unit, in one of NPART partitions by
 * a hash of the unit: writes to a few hundred places, each in order, and
 * no table of units to look up while reading.  Then each thread groups
 * half of the partitions, both threads' stages of each: a small table of
 * the partition's units, the rows counted, then copied into place, each
 * unit's in one run (charges, payments, adjustments), each kind in the
 * order of the files, the first half's before the second's; the stage's
 * memory is freed as the grouped rows take it.  The rows are never
 * sorted: only the units' names are, each thread's, and the units are
 * given in byte order by merging the two lists with the units the rest
 * of the files name (hsrc.c's s->units) — what reading the files whole
 * row by row gives.
 *
 * A row the short way does not parse, or a read error, gives it all up
 * before a word is said: hsrc.c then reads the files the ordinary way,
 * with the messages it always gives.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hsrc.h"

enum { K_CHARGES, K_PAYMENTS, K_ADJUSTMENTS, NK };

enum {
	NPART = 256,		/* partitions of the units, by hash */
	CHUNK_FIRST = 2048,	/* bytes of a partition's first chunk */
	CHUNK_MOST = 16384,	/* and of its largest */
	ULEN_MOST = 0x1fff,	/* a unit longer is left to the full reader */
	SPLIT_LEAST = 1 << 20	/* a file smaller is read by one thread */
};

/* A row as held. */
struct arow {
	dun_money amount;
	dun_date date;		/* a charge's due date, a payment's date */
	int16_t period;		/* dun_period (1900 to 2200), or -1: none */
	int16_t fee;
};

/* Rows as read, staged by partition, packed: each
 *	two bytes	kind << 14 | WIDE | the unit's length
 *	four bytes	its date, days after 1900-01-01 (DATE_BIAS), and
 *			above those 17 bits its period after 1900-01 + 1,
 *			or 0: none
 *	two bytes	its fee
 *	four bytes	its amount, or eight if WIDE (it needs them)
 *	then its unit;
 * a row of the unit of the row staged before it in the partition has
 * length 0 and no unit (units are never empty).  The unit is copied 16
 * bytes at a time: a chunk has room for that past its rows.  A row the
 * form cannot hold gives the short way up. */
enum {
	STAGED = 12, WIDE = 1 << 13, SLACK = 16,
	DATE_BIAS = 25567,	/* 1900-01-01 is day -25567 */
	DATE_BITS = 17,
	PERIOD_BIAS = 1900 * 12 - 1
};
struct chunk {
	struct chunk *next;
	size_t used, cap;
	unsigned char data[];
};
struct stage {
	struct chunk *head, *tail;
	size_t nrows;
};
/* Where the next row of each partition goes, and where its chunk's room
 * ends: apart from the chunks, so that these are in a few cache lines. */
struct cursor {
	unsigned char *at, *end;
};

/* A unit grouped: its rows, of each kind in the order of the files. */
struct aunit {
	const char *name;
	const struct arow *rows;	/* charges, payments, adjustments */
	uint32_t n[NK];
};

/* The part of a file a thread reads: [from, to), after line line. */
struct apart {
	const char *path;
	off_t from, to;
	long line;
	int *role;
	size_t ncols;
	int kind;		/* FK_* */
};

/* What one thread reads, stages and then groups. */
struct agroup {
	const struct dun_config *c;
	int id;			/* 0 or 1 */
	struct agroup *other;
	struct apart part[NK];	/* path NULL: none */
	struct stage stage[NPART];
	struct cursor cur[NPART];
	uint32_t nstaged[NPART];
	/* grouping: the partitions id, id + 2, ... of both threads */
	struct arena *a;	/* the units' names */
	struct chunk *rows;	/* the units' rows, grouped, in chunks the
				 * size of the stages' (whose memory they
				 * take as the stages are freed) */
	struct chunk *spare;	/* chunks of rows given and free again */
	struct aunit *units;	/* then by name */
	size_t nunits, capunits, next;
	int gave_up;
	/* hsrc_any_each: what each unit is given to */
	struct dun_hsrc *s;
	void (*each)(struct hb *, int, void *);
	void (*done)(int, void *);
	void *arg;
	unsigned char *taken;
};

/* A hash of the n bytes at p, eight at a time; eight bytes past them
 * may be read (a unit in a batch's text has the rest of its line and pad
 * bytes after it, a staged one the next row or a chunk's slack). */
static inline uint64_t
hash(const void *p, size_t n)
{
	const unsigned char *b = p;
	uint64_t h = n * 0x9e3779b97f4a7c15u, w;

	for (; n >= 8; n -= 8, b += 8) {
		memcpy(&w, b, 8);
		h = (h ^ w) * 0xff51afd7ed558ccdu;
		h ^= h >> 32;
	}
	if (n > 0) {
		memcpy(&w, b, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
		w &= ((uint64_t)1 << 8 * n) - 1;	/* its first n bytes */
#else
		w >>= 8 * (8 - n);
#endif
		h = (h ^ w) * 0xff51afd7ed558ccdu;
	}
	h ^= h >> 29;
	h *= 0xc4ceb9fe1a85ec53u;
	return h ^ h >> 32;
}

/* A new chunk for partition x, with room for need bytes at least. */
static void
stage_grow(struct agroup *g, int x, size_t need)
{
	struct stage *st = &g->stage[x];
	struct chunk *c = st->tail, *t;
	size_t cap = c == NULL ? CHUNK_FIRST : c->cap < CHUNK_MOST ?
	    c->cap * 2 : CHUNK_MOST;

	if (cap < need + SLACK)
		cap = need + SLACK;
	if (c != NULL)
		c->used = (size_t)(g->cur[x].at - c->data);
	t = xmalloc(sizeof *t + cap);
	t->next = NULL;
	t->used = 0;
	t->cap = cap;
	if (c == NULL)
		st->head = t;
	else
		c->next = t;
	st->tail = t;
	g->cur[x].at = t->data;
	g->cur[x].end = t->data + cap - SLACK;
}

/* Are the n bytes at a and at b the same?  Eight bytes past them may be
 * read, as hash() reads them. */
static inline int
same_bytes(const unsigned char *a, const unsigned char *b, size_t n)
{
	uint64_t x, y;

	for (; n >= 8; n -= 8, a += 8, b += 8) {
		memcpy(&x, a, 8);
		memcpy(&y, b, 8);
		if (x != y)
			return 0;
	}
	if (n == 0)
		return 1;
	memcpy(&x, a, 8);
	memcpy(&y, b, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	return ((x ^ y) & (((uint64_t)1 << 8 * n) - 1)) == 0;
#else
	return ((x ^ y) >> 8 * (8 - n)) == 0;
#endif
}

/* Row r of kind k, of the unit of the n bytes at u (its hash h), staged
 * in its partition; same: the row staged before it there is of the same
 * unit.  0, or -1 if the form cannot hold it. */
static inline int
stage(struct agroup *g, const struct frow *r, int k, const char *u,
    size_t n, uint64_t h, int same)
{
	int x = (int)(h >> 56 & (NPART - 1));
	unsigned char *p;
	size_t len = same ? 0 : n, size = STAGED + len;
	int64_t day = (int64_t)r->date + DATE_BIAS, per = 0;
	uint16_t head = (uint16_t)(k << 14 | len);
	uint32_t dp;
	int32_t a32 = (int32_t)r->amount;

	if (r->flags & FR_HAS_PERIOD)
		per = (int64_t)r->period - PERIOD_BIAS;
	if (day < 0 || day >= 1 << DATE_BITS || per < 0 ||
	    per >= 1 << (32 - DATE_BITS))
		return -1;
	if (a32 != r->amount) {
		head |= WIDE;
		size += 4;
	}
	if ((size_t)(g->cur[x].end - g->cur[x].at) < size)
		stage_grow(g, x, size);
	dp = (uint32_t)day | (uint32_t)per << DATE_BITS;
	p = g->cur[x].at;
	memcpy(p, &head, 2);
	memcpy(p + 2, &dp, 4);
	memcpy(p + 6, &r->fee, 2);
	if (head & WIDE)
		memcpy(p + 8, &r->amount, 8);
	else
		memcpy(p + 8, &a32, 4);
	p += size - len;
	if (len <= SLACK)
		memcpy(p, u, SLACK);	/* the text has pad after */
	else
		memcpy(p, u, len);
	g->cur[x].at = p + len;
	g->nstaged[x]++;
	return 0;
}

/* After the last row: each partition's last chunk's rows counted. */
static void
stage_end(struct agroup *g)
{
	int x;

	for (x = 0; x < NPART; x++) {
		if (g->stage[x].tail != NULL)
			g->stage[x].tail->used = (size_t)(g->cur[x].at -
			    g->stage[x].tail->data);
		g->stage[x].nrows = g->nstaged[x];
	}
}

/* A staged row's head, its unit's length, where its unit is (after it
 * the next row), and its kind. */
static inline unsigned
head(const unsigned char *q)
{
	uint16_t h;

	memcpy(&h, q, 2);
	return h;
}

static inline size_t
ulen(unsigned h)
{
	return h & (WIDE - 1);
}

static inline const unsigned char *
unit_at(const unsigned char *q, unsigned h)
{
	return q + STAGED + (h & WIDE ? 4 : 0);
}

static inline int
kind(unsigned h)
{
	return (int)(h >> 14);
}

/* The staged row at q as held. */
static inline void
unstage(const unsigned char *q, unsigned h, struct arow *w)
{
	uint32_t dp;
	int32_t a32;

	memcpy(&dp, q + 2, 4);
	w->date = (dun_date)((int32_t)(dp & ((1u << DATE_BITS) - 1)) -
	    DATE_BIAS);
	w->period = (int16_t)(dp >> DATE_BITS ? (int32_t)(dp >> DATE_BITS) +
	    PERIOD_BIAS : -1);
	memcpy(&w->fee, q + 6, 2);
	if (h & WIDE)
		memcpy(&w->amount, q + 8, 8);
	else {
		memcpy(&a32, q + 8, 4);
		w->amount = a32;
	}
}

/* Read and stage part k: 0, or -1 given up. */
static int
read_part(struct agroup *g, int k)
{
	const struct apart *p = &g->part[k];
	const struct fspan *w;
	const char *text;
	struct fastrd *fr;
	struct dun_err e;
	struct frow *r;
	size_t n, i;
	uint64_t h = 0;
	int more, same, staged = 0;

	if ((fr = fastrd_open(p->path, p->from, p->to, p->line, p->role,
	    p->ncols, p->kind, g->c, 0, &e)) == NULL)
		return -1;
	while ((more = fastrd_rows(fr, &r, &n, &e)) > 0) {
		text = fastrd_spans(fr, &w);
		for (i = 0; i < n; i++) {
			if (r[i].flags & FR_SLOW || w[i].ulen > ULEN_MOST) {
				fastrd_close(fr);
				return -1;
			}
			/* Of the unit of the row before, staged last in the
			 * same partition: its hash is known, its unit not
			 * staged again. */
			same = staged && (r[i].flags & FR_SAME);
			if (!same)
				h = hash(text + w[i].unit, w[i].ulen);
			if (stage(g, &r[i], k, text + w[i].unit, w[i].ulen,
			    h, same) < 0) {
				fastrd_close(fr);
				return -1;
			}
			staged = 1;
		}
		fastrd_take(fr, n);
	}
	fastrd_close(fr);
	return more;
}

static void
stage_free(struct stage *st)
{
	struct chunk *c, *next;

	for (c = st->head; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
	memset(st, 0, sizeof *st);
}

/* A partition's unit being grouped: its name, where it is in g->units,
 * and its rows of each kind counted, then placed. */
struct punit {
	const unsigned char *name;
	size_t len;
	uint64_t hash;
	struct arow *rows;
	uint32_t at[NK];
};

/* Room for n rows among g's grouped rows. */
static struct arow *
row_room(struct agroup *g, size_t n)
{
	struct chunk *c = g->rows;
	size_t need = n * sizeof(struct arow);

	if (c == NULL || c->cap - c->used < need) {
		size_t cap = need > CHUNK_MOST ? need : CHUNK_MOST;

		if ((c = g->spare) != NULL && c->cap >= need)
			g->spare = c->next;
		else {
			c = xmalloc(sizeof *c + cap);
			c->cap = cap;
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
 * unit. */
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

/* Group partition p of both threads' stages into g: its units, each
 * with its rows in one run, charges, payments, adjustments, each kind
 * in the order of the files (the first thread's half before the
 * second's). */
static void
group(struct agroup *g, int p, struct scratch *t)
{
	struct agroup *first = g->id == 0 ? g : g->other;
	struct stage *st[2] = { &first->stage[p], &first->other->stage[p] };
	size_t nrows = st[0]->nrows + st[1]->nrows, i, j, r, np = 0;
	struct arow *rows;
	uint32_t *id, x = 0;
	int s, k;

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
	for (s = 0; s < 2; s++) {
		const struct chunk *c;

		for (c = st[s]->head; c != NULL; c = c->next) {
			const unsigned char *q = c->data, *end = q + c->used;

			while (q < end) {
				unsigned hd = head(q);
				size_t n = ulen(hd);
				const unsigned char *u = unit_at(q, hd);
				uint64_t h;

				q = u + n;
				if (n == 0) {	/* the unit of the row before */
					t->pu[x].at[kind(hd)]++;
					id[r++] = x;
					continue;
				}
				h = hash(u, n);
				for (j = h & (t->nslots - 1); t->slot[j] != 0;
				    j = (j + 1) & (t->nslots - 1)) {
					const struct punit *y =
					    &t->pu[t->slot[j] - 1];

					if (y->hash == h && y->len == n &&
					    same_bytes(y->name, u, n))
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
				t->pu[x].at[kind(hd)]++;
				id[r++] = x;
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
	/* The rows put in their places, in the order read. */
	r = 0;
	for (s = 0; s < 2; s++) {
		const struct chunk *c;

		for (c = st[s]->head; c != NULL; c = c->next) {
			const unsigned char *q = c->data, *end = q + c->used;

			while (q < end) {
				struct punit *y = &t->pu[id[r++]];
				unsigned hd = head(q);

				unstage(q, hd, &y->rows[y->at[kind(hd)]++]);
				q = unit_at(q, hd) + ulen(hd);
			}
		}
		stage_free(st[s]);
	}
}

static void
scratch_free(struct scratch *t)
{
	free(t->pu);
	free(t->slot);
	free(t->ids);
}

static int
by_name(const void *x, const void *y)
{
	return strcmp(((const struct aunit *)x)->name,
	    ((const struct aunit *)y)->name);
}

/* A thread's first work: its parts read and staged. */
static void *
run_read(void *arg)
{
	struct agroup *g = arg;
	int k;

	for (k = 0; k < NK && !g->gave_up; k++)
		if (g->part[k].path != NULL && read_part(g, k) < 0)
			g->gave_up = 1;
	stage_end(g);
	return NULL;
}

/* Its second: its partitions of both threads grouped, its units
 * sorted. */
static void *
run_group(void *arg)
{
	struct agroup *g = arg;
	struct scratch t;
	int p;

	memset(&t, 0, sizeof t);
	g->a = arena_new();
	for (p = g->id; p < NPART; p += 2)
		group(g, p, &t);
	scratch_free(&t);
	if (g->nunits > 1)
		qsort(g->units, g->nunits, sizeof *g->units, by_name);
	return NULL;
}

/* Run f on g[1] by a thread, on g[0] by this one. */
static void
both(void *(*f)(void *), struct agroup **g)
{
	pthread_t t;
	int threaded = pthread_create(&t, NULL, f, g[1]) == 0;

	f(g[0]);
	if (threaded)
		pthread_join(t, NULL);
	else
		f(g[1]);
}

/* Where the first line that begins at or after byte mid of path begins
 * (from < mid), or end if none does before it. */
static off_t
line_after(const char *path, off_t mid, off_t end)
{
	char buf[1 << 16], *nl;
	off_t at = mid - 1;
	ssize_t k;
	int fd;

	if ((fd = open(path, O_RDONLY)) < 0)
		return end;
	while (at < end) {
		k = pread(fd, buf, sizeof buf, at);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			break;
		if ((nl = memchr(buf, '\n', (size_t)k)) != NULL) {
			at += nl - buf + 1;
			close(fd);
			return at < end ? at : end;
		}
		at += k;
	}
	close(fd);
	return end;
}

static struct agroup *
group_new(const struct dun_config *c, int id)
{
	struct agroup *g = xmalloc(sizeof *g);

	memset(g, 0, sizeof *g);
	g->c = c;
	g->id = id;
	return g;
}

static void
group_free(struct agroup *g, int roles)
{
	struct chunk *c;
	int k;

	if (g == NULL)
		return;
	if (roles)
		for (k = 0; k < NK; k++)
			free(g->part[k].role);
	for (k = 0; k < NPART; k++)
		stage_free(&g->stage[k]);
	while ((c = g->rows) != NULL) {
		g->rows = c->next;
		free(c);
	}
	while ((c = g->spare) != NULL) {
		g->spare = c->next;
		free(c);
	}
	if (g->a != NULL)
		arena_free(g->a);
	free(g->units);
	free(g);
}

int
hsrc_any_read(struct dun_hsrc *s, const char *const *paths)
{
	static const int fk[NK] = { FK_CHARGE, FK_PAYMENT, FK_ADJUSTMENT };
	struct agroup *g[2];
	struct stat st;
	int k, j, any = 0;

	g[0] = group_new(s->c, 0);
	g[1] = group_new(s->c, 1);
	g[0]->other = g[1];
	g[1]->other = g[0];
	for (k = 0; k < NK; k++) {
		struct feed *f = &s->f[F_CHARGES + k];
		const char *path = paths[F_CHARGES + k];
		off_t cut;

		if (f->r == NULL || !f->resumable ||
		    (k != K_CHARGES && s->nrevs > 0) ||
		    stat(path, &st) < 0 || st.st_size < f->at)
			continue;
		cut = st.st_size - f->at < SPLIT_LEAST ? st.st_size :
		    line_after(path, f->at + (st.st_size - f->at) / 2,
		    st.st_size);
		g[0]->part[k].role = hsrc_roles(f, &g[0]->part[k].ncols);
		g[1]->part[k] = g[0]->part[k];
		g[0]->part[k].path = path;
		g[0]->part[k].from = f->at;
		g[0]->part[k].to = cut;
		g[0]->part[k].line = f->line0;
		g[0]->part[k].kind = fk[k];
		if (cut < st.st_size) {
			/* Its lines are not counted: a row the short way
			 * cannot parse gives all this up anyway. */
			g[1]->part[k].path = path;
			g[1]->part[k].from = cut;
			g[1]->part[k].to = st.st_size;
			g[1]->part[k].kind = fk[k];
		}
		any = 1;
	}
	if (any)
		both(run_read, g);
	if (!any || g[0]->gave_up || g[1]->gave_up) {
		group_free(g[0], 1);
		group_free(g[1], 0);
		return 0;
	}
	for (k = 0; k < NK; k++)
		if (g[0]->part[k].path != NULL)
			s->f[F_CHARGES + k].taken = 1;
	for (j = 0; j < 2; j++)
		s->groups[j] = g[j];
	return 1;
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
		both(run_group, g);	/* the first unit: group them all */
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

void
hsrc_any_free(struct dun_hsrc *s)
{
	group_free(s->groups[0], 1);
	group_free(s->groups[1], 0);
	s->groups[0] = s->groups[1] = NULL;
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

/* A thread's part of hsrc_any_each: each of its partitions grouped, its
 * units given, and its rows' chunks kept for the next. */
static void *
run_each(void *arg)
{
	struct agroup *g = arg;
	struct dun_hsrc *s = g->s;
	struct scratch t;
	size_t i;
	struct chunk *c;
	struct hb b;
	long j;
	int p;

	memset(&t, 0, sizeof t);
	hb_init(&b);
	g->a = arena_new();
	for (p = g->id; p < NPART; p += 2) {
		g->nunits = 0;
		group(g, p, &t);
		for (i = 0; i < g->nunits; i++) {
			const struct aunit *u = &g->units[i];

			hb_reset(&b);
			if (s->nunits > 0 && (j = unit_find(s, u->name)) >= 0) {
				hb_copy(&b, s->units[j]);
				g->taken[j] = 1;
			} else
				b.h.hh.unit = u->name;
			give(&b, u);
			g->each(&b, g->id, g->arg);
		}
		while ((c = g->rows) != NULL) {
			g->rows = c->next;
			c->next = g->spare;
			g->spare = c;
		}
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
    void (*done)(int id, void *arg), void *arg, unsigned char *taken)
{
	int j;

	for (j = 0; j < 2; j++) {
		struct agroup *g = s->groups[j];

		g->s = s;
		g->each = each;
		g->done = done;
		g->arg = arg;
		g->taken = taken;
	}
	both(run_each, s->groups);
}

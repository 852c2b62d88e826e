/*
 * hsrc_any.c — charges, payments and adjustments in any order (as a
 * billing system and a bank export them: by period, by date), read by
 * two threads and staged by unit; hsrc_group.c groups them.
 *
 * Each thread reads half of every file the short way (fast.c) and stages
 * each row, 12 bytes and its unit (hsrc.h), in one of NPART partitions by
 * a hash of the unit: writes to a few hundred places, each in order, and
 * no table of units to look up while reading.
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
				h = any_hash(text + w[i].unit, w[i].ulen);
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

void
hsrc_stage_free(struct stage *st)
{
	struct chunk *c, *next;

	for (c = st->head; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
	memset(st, 0, sizeof *st);
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

/* Run f on g[1] by a thread, on g[0] by this one. */
void
hsrc_both(void *(*f)(void *), struct agroup **g)
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
		hsrc_stage_free(&g->stage[k]);
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
		hsrc_both(run_read, g);
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

void
hsrc_any_free(struct dun_hsrc *s)
{
	group_free(s->groups[0], 1);
	group_free(s->groups[1], 0);
	s->groups[0] = s->groups[1] = NULL;
}


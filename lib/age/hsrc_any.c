/*
 * hsrc_any.c — charges, payments and adjustments in any order (as a
 * billing system and a bank export them: by period, by date), read by
 * two threads and staged by unit; hsrc_group.c groups them.
 *
 * The files are cut into pieces (PIECE) where lines begin, and each
 * thread reads the next piece neither has taken, the short way (fast.c),
 * until none is left: a thread the machine runs less reads fewer.  Each
 * row is staged, 12 bytes and its unit (hsrc.h), in one of NPART
 * partitions of its piece by a hash of the unit: writes to a few hundred
 * places, each in order, and no table of units to look up while reading.
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

/* Where a chunk may begin at or after p: aligned for its header. */
static unsigned char *
chunk_align(unsigned char *p)
{
	return p + (-(uintptr_t)p & (_Alignof(struct chunk) - 1));
}

/* A new chunk for partition x of the piece being read, with room for
 * need bytes at least: after the thread's last chunk of x, or in a new
 * block if that one's is less.  It takes the rest of its block, what it
 * does not use given back by stage_end. */
static void
stage_grow(struct agroup *g, int x, size_t need)
{
	struct stage *st = &g->at->stage[x];
	struct stream *sm = &g->stream[x];
	struct chunk *c = st->tail, *t;
	unsigned char *end;

	if (c != NULL)
		c->used = (size_t)(g->cur[x].at - c->data);
	end = sm->blocks == NULL ? NULL : sm->blocks->data + sm->blocks->cap;
	if (sm->blocks == NULL || (size_t)(end - sm->room) < sizeof *t +
	    need + SLACK + 256) {
		t = hsrc_block(g);
		t->next = sm->blocks;
		sm->blocks = t;
		sm->room = t->data;
		end = t->data + t->cap;
	}
	t = (struct chunk *)(void *)sm->room;
	t->next = NULL;
	t->used = 0;
	t->cap = (size_t)(end - t->data);
	sm->room = end;
	if (c == NULL)
		st->head = t;
	else
		c->next = t;
	st->tail = t;
	g->cur[x].at = t->data;
	g->cur[x].end = t->data + t->cap - SLACK;
}

/* Row r of kind k, of the unit of the n bytes at u (its hash h), staged
 * in its partition; same: the row staged before it there is of the same
 * unit.  0, or -1 if the form cannot hold it. */
static inline int
stage(struct agroup *g, const struct frow *r, int k, const char *u,
    size_t n, uint64_t h, int same)
{
	int x = (int)(h >> (64 - NPART_BITS));
	unsigned char *p;
	size_t len = same ? 0 : n, size = STAGED + len;
	int64_t day = (int64_t)r->date + DATE_BIAS, per = 0;
	uint16_t head = (uint16_t)(k << 14 | len);
	uint32_t dp;
	int32_t a32 = (int32_t)r->amount;

	if (r->flags & FR_HAS_PERIOD)
		per = (int64_t)r->period - PERIOD_BIAS;
	if (day < 0 || day >= 1 << STAGED_DATE_BITS || per < 0 ||
	    per >= 1 << (32 - STAGED_DATE_BITS))
		return -1;
	if (a32 != r->amount) {
		head |= WIDE;
		size += 4;
	}
	if ((size_t)(g->cur[x].end - g->cur[x].at) < size)
		stage_grow(g, x, size);
	dp = (uint32_t)day | (uint32_t)per << STAGED_DATE_BITS;
	p = g->cur[x].at;
	/* The line after the next to be written here, asked for now: it is
	 * written a few hundred rows on, by then in the cache. */
	__builtin_prefetch(p + 128, 1);
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

/* After the piece's last row: each partition's rows counted, its last
 * chunk cut to them (and SLACK), the rest of its block left for the
 * next piece's chunk. */
static void
stage_end(struct agroup *g)
{
	struct chunk *c;
	int x;

	for (x = 0; x < NPART; x++) {
		struct stage *st = &g->at->stage[x];

		st->nrows = g->nstaged[x];
		if ((c = st->tail) == NULL)
			continue;
		c->used = (size_t)(g->cur[x].at - c->data);
		c->cap = c->used + SLACK;
		g->stream[x].room = chunk_align(c->data + c->cap);
	}
}

/* A piece's rows as they are parsed: its group, its kind, and the hash
 * of the unit staged last (staged: one was). */
struct reading {
	struct agroup *g;
	int k, staged;
	uint64_t h;
};

/* Stage row r of unit u (n bytes), as fastrd_each parses it: 0, or -1
 * to give up. */
static int
take_row(void *arg, const struct frow *r, const char *u, size_t n)
{
	struct reading *rd = arg;
	int same;

	if (r->flags & FR_SLOW || n > ULEN_MOST)
		return -1;
	/* Of the unit of the row before, staged last in the same
	 * partition: its hash is known, its unit not staged again. */
	same = rd->staged && (r->flags & FR_SAME);
	if (!same)
		rd->h = any_hash(u, n);
	if (stage(rd->g, r, rd->k, u, n, rd->h, same) < 0)
		return -1;
	rd->staged = 1;
	return 0;
}

/* Read and stage piece pc: 0, or -1 given up. */
static int
read_piece(struct agroup *g, struct apiece *pc)
{
	static const int fk[NK] = { FK_CHARGE, FK_PAYMENT, FK_ADJUSTMENT };
	struct agroup *first = any_first(g);
	struct reading rd;
	struct fastrd *fr;
	struct dun_err e;
	int k;

	g->at = pc;
	memset(g->cur, 0, sizeof g->cur);
	memset(g->nstaged, 0, sizeof g->nstaged);
	if ((fr = fastrd_open(pc->path, pc->from, pc->to, pc->line,
	    first->role[pc->k], first->ncols[pc->k], fk[pc->k], g->c, 0,
	    &e)) == NULL)
		return -1;
	memset(&rd, 0, sizeof rd);
	rd.g = g;
	rd.k = pc->k;
	k = fastrd_each(fr, take_row, &rd, &e);
	fastrd_close(fr);
	if (k == 0)
		stage_end(g);
	return k;
}

/* A thread's first work: pieces read and staged, each the next neither
 * thread has taken, until none is left or a row gives it all up. */
static void *
run_read(void *arg)
{
	struct agroup *g = arg, *first = any_first(g);
	size_t i;

	while (!__atomic_load_n(&first->gave_up, __ATOMIC_RELAXED) &&
	    (i = __atomic_fetch_add(&first->next_piece, 1,
	    __ATOMIC_RELAXED)) < first->npieces)
		if (read_piece(g, &first->piece[i]) < 0)
			__atomic_store_n(&first->gave_up, 1, __ATOMIC_RELAXED);
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

/* Both threads' groups freed: the blocks are in either's slabs. */
static void
groups_free(struct agroup **g)
{
	int j, k;

	for (j = 0; j < 2; j++)
		if (g[j] != NULL) {
			hsrc_blocks_spare(g[j], g[j]->rows);	/* the large */
			g[j]->rows = NULL;
		}
	for (j = 0; j < 2; j++) {
		if (g[j] == NULL)
			continue;
		hsrc_blocks_free(g[j]);
		for (k = 0; k < NK; k++)
			free(g[j]->role[k]);
		free(g[j]->piece);
		if (g[j]->a != NULL)
			arena_free(g[j]->a);
		free(g[j]->units);
		free(g[j]);
		g[j] = NULL;
	}
}

/* Piece [from, to) of file k (path), after line line, among g's. */
static void
add_piece(struct agroup *g, size_t *cap, const char *path, off_t from,
    off_t to, long line, int k)
{
	struct apiece *pc;

	if (g->npieces == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		g->piece = xrealloc(g->piece, *cap * sizeof *g->piece);
	}
	pc = &g->piece[g->npieces++];
	memset(pc, 0, sizeof *pc);
	pc->path = path;
	pc->from = from;
	pc->to = to;
	pc->line = line;
	pc->k = k;
}

int
hsrc_any_read(struct dun_hsrc *s, const char *const *paths)
{
	struct agroup *g[2];
	struct stat st;
	size_t cap = 0;
	off_t size[NK], left = 0, from, to, want;
	int k, j;

	g[0] = group_new(s->c, 0);
	g[1] = group_new(s->c, 1);
	g[0]->other = g[1];
	g[1]->other = g[0];
	for (k = 0; k < NK; k++) {
		struct feed *f = &s->f[F_CHARGES + k];

		size[k] = -1;
		if (f->r == NULL || !f->resumable ||
		    (k != K_CHARGES && s->nrevs > 0) ||
		    stat(paths[F_CHARGES + k], &st) < 0 || st.st_size < f->at)
			continue;
		size[k] = st.st_size;
		left += st.st_size - f->at;
	}
	/* Pieces for both threads, cut where lines begin: of PIECE bytes,
	 * and smaller towards the end (an eighth of what is left, down to
	 * PIECE_LEAST), so that neither thread waits long for the other's
	 * last; a small file is one piece. */
	for (k = 0; k < NK; k++) {
		struct feed *f = &s->f[F_CHARGES + k];
		const char *path = paths[F_CHARGES + k];

		if (size[k] < 0)
			continue;
		g[0]->role[k] = hsrc_roles(f, &g[0]->ncols[k]);
		for (from = f->at; from < size[k]; left -= to - from,
		    from = to) {
			want = left / 8 > PIECE ? PIECE : left / 8 <
			    PIECE_LEAST ? PIECE_LEAST : left / 8;
			to = size[k] - from < want + PIECE_LEAST ? size[k] :
			    line_after(path, from + want, size[k]);
			add_piece(g[0], &cap, path, from, to,
			    from == f->at ? f->line0 : 0, k);
		}
		f->taken = 1;
	}
	if (g[0]->npieces > 0)
		hsrc_both(run_read, g);
	if (g[0]->npieces == 0 || g[0]->gave_up) {
		for (k = 0; k < NK; k++)
			s->f[F_CHARGES + k].taken = 0;
		groups_free(g);
		return 0;
	}
	for (j = 0; j < 2; j++)
		s->groups[j] = g[j];
	return 1;
}

void
hsrc_any_free(struct dun_hsrc *s)
{
	groups_free(s->groups);
}

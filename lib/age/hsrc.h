/*
 * hsrc.h — what the readers of histories from TSV files share: hsrc.c,
 * hsrc_rev.c (their reversals), hsrc_any.c, hsrc_group.c and
 * hsrc_block.c (files in any order) and age_any.c (aging what they
 * grouped).
 */
#ifndef DUN_HSRC_H
#define DUN_HSRC_H

#include <string.h>

#include "fast.h"

enum { F_UNITS, F_CHARGES, F_PAYMENTS, F_ADJUSTMENTS, F_EVENTS, F_NOTICES,
	F_COUNT };

struct feed {
	struct dun_rec *r;
	int kind, have;
	int col[9];
	struct fastrd *fr;	/* the short way, if taken */
	const struct frow *row;	/* the row it parsed, or NULL: r's */
	const char *unit;	/* the row's unit, not always NUL-ended */
	size_t ulen;
	long lineno;		/* the parsed row's line */
	int resumable;		/* a regular file of UTF-8 TSV: its rows */
	off_t at;		/* begin at byte at, after line line0 */
	long line0;
	int taken;		/* read by hsrc_any.c */
};

/* A reversal of the file: its ref, date and line, and the kinds of row
 * it was found to cancel (1 payment, 2 adjustment). */
struct rev {
	char *ref;
	dun_date date;
	int bad;		/* its date did not read: reported */
	int named;		/* a row names it, readable or not */
	int used;
	long line;
};

struct dun_hsrc {
	const struct dun_config *c;
	dun_bad_fn *report;
	void *arg;
	struct feed f[F_COUNT];
	int whole;
	struct hb b;			/* streaming: the unit being built */
	/* whole: every unit's history, and the order to give them in */
	struct arena *a;
	struct hb **units;
	size_t nunits, capunits, next;
	size_t *slots, nslots;
	/* whole, grouped by two threads the short way (hsrc_any.c) */
	struct agroup *groups[2];
	/* the ledger, read unit by unit (ledger_hist.c) */
	struct ledger_hist *lh;
	/* units of rows that could not be read whole: left out */
	char **poison;
	size_t npoison;
	/* the reversals, hashed by ref; their file's name */
	struct rev *revs;
	size_t nrevs, nrevslots;
	size_t *revslots;
	char *revname, *moneynames;
	int revs_told;
};

/* The feed's row's field col ("" if the file has no such column). */
static inline const char *
fld(const struct feed *f, int col)
{
	return f->col[col] < 0 ? "" : dun_rec_field(f->r, (size_t)f->col[col]);
}

/* hsrc.c: the roles of the feed's columns for fastrd_open (malloc'd),
 * and their number in *ncols. */
int *hsrc_roles(const struct feed *f, size_t *ncols);

/* Is the unit b, its rows all in, bad: a row of it reported, or a unit
 * the units file lacks (*lacks: for hsrc_tell_lacks to say, in its
 * turn)? */
int hsrc_bad(const struct dun_hsrc *s, const struct hb *b, int *lacks);
void hsrc_tell_lacks(struct dun_hsrc *s, const char *unit);

/* ---- hsrc_any.c and hsrc_group.c: files in any order ---------------- */

enum { K_CHARGES, K_PAYMENTS, K_ADJUSTMENTS, NK };

enum {
	NPART_BITS = 8,
	NPART = 1 << NPART_BITS,	/* partitions of the units, by hash */
	BLOCK = 65536,		/* bytes of a block of staged or grouped
				 * rows (a staged row is at most 8,207) */
	ULEN_MOST = 0x1fff,	/* a unit longer is left to the full reader */
	PIECE = 16 << 20,	/* a file is read in pieces of about this, */
	PIECE_LEAST = 512 << 10	/* smaller towards the end, down to this */
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
	STAGED_DATE_BITS = 17,
	PERIOD_BIAS = 1900 * 12 - 1
};
struct chunk {
	struct chunk *next;
	size_t used, cap;
	unsigned char data[];
};
/* A piece's rows of a partition: chunks, each in a block of the thread
 * that read the piece. */
struct stage {
	struct chunk *head, *tail;
	size_t nrows;
};
/* A thread's rows of a partition, piece after piece: its blocks of
 * BLOCK bytes (a chunk header, then room), the newest first, and where
 * the room left in the newest begins.  Each piece's chunk there begins
 * where the one before it ended, so that no block is cut to a piece:
 * the blocks are taken once and kept (the spare ones in a list) until
 * the rows are all given, never given back to malloc on the way. */
struct stream {
	struct chunk *blocks;
	unsigned char *room;
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

/* A piece of a file, read by one thread, the next not yet taken by
 * either: [from, to), after line line (0 but in the first piece: a row
 * the short way cannot parse gives all up anyway); and its rows, staged
 * by partition. */
struct apiece {
	const char *path;
	off_t from, to;
	long line;
	int k;			/* K_* */
	struct stage stage[NPART];
};

/* What one thread reads, stages and then groups; what they share, in
 * g[0]'s (any_first). */
struct agroup {
	const struct dun_config *c;
	int id;			/* 0 or 1 */
	struct agroup *other;
	struct apiece *piece;	/* shared: every file's, in order */
	size_t npieces, next_piece;
	int *role[NK];		/* shared: each file's columns */
	size_t ncols[NK];
	struct apiece *at;	/* the piece being read, its cursors */
	struct cursor cur[NPART];
	uint32_t nstaged[NPART];
	struct stream stream[NPART];	/* where this thread stages */
	/* grouping: partitions of both threads' stages, each the next not
	 * yet taken by either thread */
	struct arena *a;	/* the units' names */
	struct chunk *rows;	/* the units' rows, grouped, in blocks (or
				 * a chunk of its own for a unit larger) */
	struct chunk *spare;	/* blocks free again: of the stages of
				 * partitions grouped, of rows given */
	size_t nspare;
	struct chunk **bare;	/* blocks free, their pages given back */
	size_t nbare, capbare;
	struct slab {		/* where this thread's blocks are cut */
		void *at;
		size_t size;
	} *slabs;
	size_t nslabs, capslabs;
	unsigned char *carve, *carve_end;	/* the newest's room */
	struct aunit *units;	/* then by name */
	size_t nunits, capunits, next;
	int gave_up;		/* shared */
	int next_part;		/* shared: the next partition to group */
	/* hsrc_any_each: what each unit is given to */
	struct dun_hsrc *s;
	void (*each)(struct hb *, int, void *);
	void (*done)(int, void *);
	void *arg;
	unsigned char *aged;
};

static inline struct agroup *
any_first(struct agroup *g)
{
	return g->id == 0 ? g : g->other;
}

/* A hash of the n bytes at p, eight at a time; eight bytes past them
 * may be read (a unit in a batch's text has the rest of its line and pad
 * bytes after it, a staged one the next row or a chunk's slack). */
static inline uint64_t
any_hash(const void *p, size_t n)
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

/* Are the n bytes at a and at b the same?  Eight bytes past them may be
 * read, as any_hash() reads them. */
static inline int
any_same(const unsigned char *a, const unsigned char *b, size_t n)
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

/* A staged row's head, its unit's length, where its unit is (after it
 * the next row), and its kind. */
static inline unsigned
row_head(const unsigned char *q)
{
	uint16_t h;

	memcpy(&h, q, 2);
	return h;
}

static inline size_t
row_ulen(unsigned h)
{
	return h & (WIDE - 1);
}

static inline const unsigned char *
row_unit(const unsigned char *q, unsigned h)
{
	return q + STAGED + (h & WIDE ? 4 : 0);
}

static inline int
row_kind(unsigned h)
{
	return (int)(h >> 14);
}

/* The staged row at q as held. */
static inline void
row_unstage(const unsigned char *q, unsigned h, struct arow *w)
{
	uint32_t dp;
	int32_t a32;

	memcpy(&dp, q + 2, 4);
	w->date = (dun_date)((int32_t)(dp &
	    ((1u << STAGED_DATE_BITS) - 1)) - DATE_BIAS);
	w->period = (int16_t)(dp >> STAGED_DATE_BITS ?
	    (int32_t)(dp >> STAGED_DATE_BITS) + PERIOD_BIAS : -1);
	memcpy(&w->fee, q + 6, 2);
	if (h & WIDE)
		memcpy(&w->amount, q + 8, 8);
	else {
		memcpy(&a32, q + 8, 4);
		w->amount = a32;
	}
}

/* hsrc_block.c */
/* A block for g: a spare one, or one whose pages were given back, or
 * new. */
struct chunk *hsrc_block(struct agroup *g);
/* The chunks of c's list that are blocks made spare in g, the rest
 * freed. */
void hsrc_blocks_spare(struct agroup *g, struct chunk *c);
/* The pages of g's spare blocks past the first keep given back. */
void hsrc_blocks_trim(struct agroup *g, size_t keep);
/* g's slabs unmapped: every block cut from them is gone, whichever
 * thread's list it was in. */
void hsrc_blocks_free(struct agroup *g);
/* Run f on g[1] by a thread, on g[0] by this one. */
void hsrc_both(void *(*f)(void *), struct agroup **g);

/* hsrc_any.c */
/* Read the charges, payments and adjustments the short way may take
 * (resumable files; payments and adjustments only without reversals),
 * grouped by unit, by two threads each taking the next piece of a file
 * not yet taken; the
 * feeds taken are marked.  1 done, 0 not taken (a row the short way does
 * not parse, or a read error: nothing is held, nothing said, and the
 * feeds are as they were). */
int hsrc_any_read(struct dun_hsrc *s, const char *const *paths);
/* The next unit, in byte order, of those the threads grouped and those
 * of the rest of the files in s->units (sorted), into s->b: 1, or 0 at
 * the end. */
int hsrc_any_next(struct dun_hsrc *s);
void hsrc_any_free(struct dun_hsrc *s);
/* 1 if the threads grouped the files and no unit was given yet. */
int hsrc_any_ready(const struct dun_hsrc *s);
/* Instead of hsrc_any_next: every unit the threads grouped, each thread
 * its own partitions, one at a time, grouped then given to each(b, id,
 * arg) on that thread (id 0 or 1) with what the rest of the files say of
 * it (s->units[i], which is marked aged[i]); then done(id, arg) on each
 * thread.  In no order; each history b is valid during the call. */
void hsrc_any_each(struct dun_hsrc *s,
    void (*each)(struct hb *b, int id, void *arg),
    void (*done)(int id, void *arg), void *arg, unsigned char *aged);

/* hsrc_rev.c */
/* Read the reversals whole: 0, or -1 and err (the file cannot be read,
 * or its header lacks a column). */
int hsrc_read_reversals(struct dun_hsrc *s, const char *path,
    struct dun_err *err);
/* The reversal of ref, or NULL. */
struct rev *hsrc_rev_find(const struct dun_hsrc *s, const char *ref);
/* 1 if the payment or adjustment m of the feed's row is reversed: it is
 * left out (and its unit marked bad if the reversal cannot stand). */
int hsrc_reversed(struct dun_hsrc *s, struct hb *b, const struct feed *f,
    const struct dun_hmoney *m);
/* After the last unit: the reversals that cancelled nothing, reported
 * (once). */
void hsrc_reversals_unused(struct dun_hsrc *s);

#endif

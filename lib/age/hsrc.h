/*
 * hsrc.h — what hsrc.c (histories from TSV files) and hsrc_rev.c (their
 * reversals) share.
 */
#ifndef DUN_HSRC_H
#define DUN_HSRC_H

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

/* hsrc_any.c */
/* Read the charges, payments and adjustments the short way may take
 * (resumable files; payments and adjustments only without reversals),
 * grouped by unit, by two threads each taking half of every file; the
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
 * it (s->units[i], which is marked taken[i]); then done(id, arg) on each
 * thread.  In no order; each history b is valid during the call. */
void hsrc_any_each(struct dun_hsrc *s,
    void (*each)(struct hb *b, int id, void *arg),
    void (*done)(int id, void *arg), void *arg, unsigned char *taken);

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

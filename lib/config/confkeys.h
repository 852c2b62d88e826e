/*
 * confkeys.h — reading dun.yaml's keys by tables (confkeys.c), for
 * config.c.  A section of the config is a table of keys, one row a key:
 * its name, its type, where its value goes and what values it takes.
 * conf_keys reads a mapping by its table; the readers of single values
 * are for what a table cannot say.  Every error is "FILE:LINE:COL: PATH:
 * why" at the node at fault, with the path of keys down to it.
 */
#ifndef DUN_CONFKEYS_H
#define DUN_CONFKEYS_H

#include "ynode.h"

#define CONF_DEFAULT "(default dun.yaml)"	/* the compiled-in file */

/* What a load keeps while it reads: the config, where its strings go,
 * the path of keys to the node being read, and days that go to the
 * calendar once all is read. */
struct cx {
	struct dun_config *c;
	struct arena *a;
	struct dun_err *err;
	char *path;		/* in a; NULL or "" at the top */
	/* The days off and weekend days worked listed in calendar (0, 1)
	 * and in limitation, by their older names (2, 3). */
	dun_date *days[4];
	size_t ndays[4];
};

/* How a key's value is read, and the field it goes to. */
enum ktype {
	K_STR,		/* char *: a single value, NULL for ~ */
	K_EMAIL,	/* char *: an e-mail address, NULL for ~ or "" */
	K_INT,		/* int: a whole number from min to max */
	K_BOOL,		/* int: true or yes, false or no */
	K_MONEY,	/* dun_money */
	K_RATE,		/* dun_rate: 0.0005, 0.05% or 0.5‰ */
	K_ENUM,		/* int, or an enum of an int's size: the index of
			 * the value in names */
	K_NAME,		/* char *: the value, one of names */
	K_CHANNEL,	/* int or enum dun_channel: a channel of contact */
	K_STRS,		/* struct dun_strs: a list of single values, or one
			 * value, or ~ for none */
	K_PAIRS,	/* struct dun_strs: a mapping of names to single
			 * values, as name, value, name, value */
	K_WEEKDAYS,	/* int: a list of weekdays, as a bit mask (bit 1
			 * Monday .. 7) */
	K_COLUMNS,	/* struct dun_strs[DUN_NCOLUMNS]: a mapping of
			 * columns of dun(5) to lists of names */
	K_FN,		/* anything: fn reads it */
	K_SECTION	/* anything: fn reads it, but ~ is left alone */
};

/* A key of a section: a row of a table ended by a row with no name.  off
 * is the field's offset in the struct the table is read into; fn gets
 * the field (base + off) and reads what no type says. */
struct key {
	const char *name;
	enum ktype type;
	size_t off;
	long min, max;			/* K_INT */
	const char *const *names;	/* K_ENUM, K_NAME: NULL-ended */
	int (*fn)(struct cx *x, const struct ynode *v, void *field);
};
#define KEY_END	{ NULL, K_STR, 0, 0, 0, NULL, NULL }	/* a table's end */

/* Read mapping n by table keys into the struct at base: every key of n
 * must be a row (else "unknown key"), and each is read in the order n
 * gives them.  0, or -1 with x->err set at the first bad value. */
int conf_keys(struct cx *x, const struct ynode *n, const struct key *keys,
    void *base);
/* Is n a mapping whose every key is a row of keys?  0, or -1. */
int conf_known(struct cx *x, const struct ynode *n, const struct key *keys);
/* Read the rows from keys up to end (or the table's end if end is NULL)
 * that n has, in the table's order, into base: for a section whose keys
 * are read in an order of their own.  0, or -1. */
int conf_rows(struct cx *x, const struct ynode *n, const struct key *keys,
    const struct key *end, void *base);

/* The error "FILE:LINE:COL: PATH: ..." at n into x->err (DUN_EXIT_USAGE);
 * returns -1. */
int conf_bad(struct cx *x, const struct ynode *n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Descend into key k, or item i, of the path; returns the length to give
 * conf_pop to climb back. */
size_t conf_push(struct cx *x, const char *k);
size_t conf_push_index(struct cx *x, size_t i);
void conf_pop(struct cx *x, size_t len);
/* Is n of kind (Y_SCALAR, Y_SEQ, Y_MAP)?  0, or -1 with the error. */
int conf_want(struct cx *x, const struct ynode *n, int kind);

/* Readers of one value, each 0 or -1 with x->err set; strings and arrays
 * are allocated in x->a. */
int conf_str(struct cx *x, const struct ynode *n, char **out);
int conf_int(struct cx *x, const struct ynode *n, long min, long max,
    int *out);
int conf_money(struct cx *x, const struct ynode *n, dun_money *out);
int conf_rate(struct cx *x, const struct ynode *n, dun_rate *out);
int conf_enum(struct cx *x, const struct ynode *n, const char *const *names,
    int *out);
int conf_strs(struct cx *x, const struct ynode *n, struct dun_strs *out);
int conf_channel(struct cx *x, const struct ynode *n, int *out);
/* A list of dates into *out, their count into *cnt; ~ is none. */
int conf_dates(struct cx *x, const struct ynode *n, dun_date **out,
    size_t *cnt);
/* A list of "MM-DD" into *out as month * 100 + day, their count into
 * *cnt; lunar: days to 30, "MM-last" and "除夕" (+ DUN_LUNAR_LAST). */
int conf_monthdays(struct cx *x, const struct ynode *n, int lunar, int **out,
    int *cnt);
/* "21:00-08:00" into w->from and w->to. */
int conf_hours(struct cx *x, const struct ynode *n, struct dun_window *w);

/* The rules (confrules.c), sections of the config read into x->c (cfg):
 * fees before allocation, the ladder before the classes.  0, or -1. */
int conf_fees(struct cx *x, const struct ynode *n, void *cfg);
int conf_allocation(struct cx *x, const struct ynode *n, void *cfg);
int conf_aging(struct cx *x, const struct ynode *n, void *cfg);
int conf_ladder(struct cx *x, const struct ynode *n, void *cfg);
int conf_classes(struct cx *x, const struct ynode *n, void *cfg);

#endif

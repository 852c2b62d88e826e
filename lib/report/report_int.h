/*
 * report_int.h — dun-report's insides, the report part's own (report.h
 * is what the part offers).  Each kind of report is a struct report_kind
 * in a file of its own (rk_aging.c, rk_rates.c for rates and trend,
 * rk_collectors.c, rk_effect.c, rk_notices.c, evidence.c); report.c runs
 * them from a table.  What they
 * share — groups by key, the window, a table's head and order — is
 * rk_common.c, which uses none of them, and none of them uses report.c.
 */
#ifndef DUN_REPORT_INT_H
#define DUN_REPORT_INT_H

#include "table.h"

/* Groups found by up to four string keys, each with a zeroed block of
 * data of one size. */
struct gmap {
	size_t size, nkeys;
	struct gent {
		char *key[4];
		void *data;
	} *v;
	size_t n, cap;
	size_t *slot;			/* open addressing: index + 1, 0 free */
	size_t nslot;
};

void gmap_init(struct gmap *m, size_t nkeys, size_t size);
void gmap_free(struct gmap *m);
/* The data of the group keys[0..nkeys) names, made if new (owned by m). */
void *gmap_get(struct gmap *m, const char *const *keys);

/* A window of months: periods m0 .. m1, and how many they are. */
struct months {
	dun_period m0, m1;
	size_t n;
};

void months_set(struct months *m, dun_period m0, dun_period m1);

/* What every kind sees of the report, set up by report.c: the options,
 * each kind's first day and grouping, and the document the kinds add
 * their tables to (in the arena a). */
struct rk_ctx {
	const struct dun_config *c;
	struct dun_report_opts o;
	const char *lang;
	dun_date to;			/* the last day the window counts */
	dun_date hstart;		/* the ledger's history_start, or
					 * DUN_NODATE: no rates before it */
	dun_date from[DUN_RK_COUNT];	/* each kind's first day */
	int group[DUN_RK_COUNT];	/* each kind's grouping */
	unsigned from_records;		/* kinds the records served */
	int overflow;			/* a sum went past a dun_money */
	struct arena *a;
	struct doc doc;
};

/* One unit of the ledger as the kinds see it: its history and, when a
 * kind that is on asked for it, its trace and aging at the window's
 * last day (else NULL). */
struct rk_unit {
	const struct dun_hist *h;
	const struct dun_trace *tr;
	const struct dun_aged *aged;
};

/* A kind of report.  init makes its state (owned by the caller, given
 * back to fini); the hooks it has not are NULL.  Records: bind to the
 * header, then record for each.  The ledger: unit for each unit, or
 * ledger to read it its own way.  finish adds its table to the doc;
 * save puts what it wrote beside the report into place.  Hooks that
 * fail return -1 and set err. */
struct report_kind {
	const char *name;		/* as -k spells it */
	unsigned groups;		/* the groups it can use: bits of
					 * DUN_RG_* */
	int group;			/* its grouping by default */
	int trace;			/* 1: unit wants rk_unit's trace */
	void *(*init)(struct rk_ctx *x);
	void (*fini)(void *k);
	int (*bind)(void *k, const struct dun_rec *r, struct dun_err *err);
	int (*record)(void *k, const struct dun_rec *r, struct dun_err *err);
	int (*unit)(void *k, const struct rk_unit *u, struct dun_err *err);
	int (*ledger)(void *k, struct dun_ledger *l, struct dun_err *err);
	void (*finish)(void *k);
	/* What the table cannot tell, in English (en) or the report's
	 * language; NULL if nothing.  Owned by the report's arena. */
	const char *(*caveat)(void *k, int en);
	int (*save)(void *k, struct dun_err *err);
};

extern const struct report_kind rk_aging, rk_rates, rk_collectors,
    rk_effect, rk_trend, rk_notices, rk_evidence;

/* The kind DUN_RK_* kind (report.c's table), or NULL. */
const struct report_kind *report_kind(int kind);

/* ---- the evidence pack (evidence.c, evidence_pdf.c) ------------------- */

/* The columns of the evidence table: each row is of a section (the first
 * column), which says the columns it fills. */
enum { E_SECTION, E_DATE, E_REF, E_ITEM, E_AMOUNT, E_PAID, E_UNPAID,
	E_LATE, E_PARTY, E_CONTACT, E_SHA, E_DETAIL, E_N };

/* The evidence table t of the unit x->o.unit as a PDF at path.  0, or -1
 * and err. */
int evidence_pdf(const struct rk_ctx *x, const struct table *t,
    const char *path, struct dun_err *err);

/* ---- what the kinds share (rk_common.c) ------------------------------- */

/* *s += v, noting in x an overflow. */
void rk_add(struct rk_ctx *x, dun_money *s, dun_money v);
/* The number of keys grouping g takes. */
size_t rk_nkeys(int g);
/* The unit's key for group g, into keys[0..] (the number of keys). */
size_t group_keys(int g, const struct dun_hist *h, const char *cls,
    const char **keys);
/* The key columns' names, into t. */
void group_cols(struct table *t, int g);
/* A notice's group keys for kind, then its stage and channel, into
 * keys[0..] (the number of keys). */
size_t rk_notice_keys(const struct rk_ctx *x, int kind,
    const struct dun_hist *h, const struct dun_hnotice *n, const char **keys);

/* Principal applied to each line of t on or before a day: grown as
 * needed, freed with rk_paid_free. */
struct rk_paid {
	dun_money *v;
	size_t cap;
};
/* p->v[i]: principal applied to line i (payments and waivers) by d. */
void rk_paid_until(struct rk_paid *p, const struct dun_trace *t, dun_date d);
/* Principal due by d and unpaid at its end (after rk_paid_until(d)). */
dun_money rk_unpaid_at(struct rk_ctx *x, const struct rk_paid *p,
    const struct dun_trace *t, dun_date d);
void rk_paid_free(struct rk_paid *p);

/* The column name of r, into *col; -1 and err (DUN_EXIT_DATA) if r has
 * none. */
int rk_need_col(const struct dun_rec *r, const char *name, int *col,
    struct dun_err *err);

/* zh or en, as the report's language says. */
const char *rk_tr(const struct rk_ctx *x, const char *zh, const char *en);
/* t appended to the report's tables (which then own it). */
void rk_doc_add(struct rk_ctx *x, struct table *t);
/* A new table of the kind named name, titled in the report's language,
 * appended to the report's tables. */
struct table *rk_table(struct rk_ctx *x, const char *name, const char *zh,
    const char *en);
/* A note of the window (or, not window, the date) and grouping of kind
 * under t's title. */
void rk_window_note(struct rk_ctx *x, struct table *t, int kind,
    int window);
/* The groups of m in order of their keys, the key at stage in ladder
 * order: an index (malloc'd) of m->n + 1 places. */
size_t *rk_sorted(const struct rk_ctx *x, const struct gmap *m,
    size_t stage);
/* Group e's first n keys as text into row. */
void rk_key_cells(struct table *t, struct tcell *row, const struct gent *e,
    size_t n);
/* "TOTAL" into a totals row's first of n key cells. */
void rk_total_key(struct table *t, struct tcell *row, size_t n);

#endif

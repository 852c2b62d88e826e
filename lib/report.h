/* report.h — what report.c, kinds.c and evidence.c share (internal). */
#ifndef DUN_REPORT_H
#define DUN_REPORT_H

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
/* The data of the group keys[0..nkeys) names, made if new. */
void *gmap_get(struct gmap *m, const char *const *keys);

/* A window of months: periods m0 .. m1, and the days they span. */
struct months {
	dun_period m0, m1;
	size_t n;
};

struct kinds;			/* the accumulators (kinds.c) */

struct dun_report {
	const struct dun_config *c;
	struct dun_report_opts o;
	const char *lang;
	dun_date to;			/* the last day the window counts */
	dun_date hstart;		/* the ledger's history_start, or
					 * DUN_NODATE: no rates before it */
	dun_date from[DUN_RK_COUNT];	/* each kind's first day */
	int group[DUN_RK_COUNT];	/* each kind's grouping */
	unsigned from_records;		/* kinds the records served */
	struct kinds *k;
	struct arena *a;
	struct doc doc;
	char *pdf_tmp;			/* evidence: the PDF, not yet in place */
	int pdf_fd;			/* its fd, held (locked) till then */
};

/* The unit's key for group g, into keys[0..] (the number of keys). */
size_t group_keys(int g, const struct dun_hist *h, const char *cls,
    const char **keys);
/* The key columns' names, into t. */
void group_cols(struct table *t, int g);
dun_date month_end(dun_period p);
dun_period month_of(dun_date d);

struct kinds *kinds_new(struct dun_report *rp);
void kinds_free(struct kinds *k);
/* One unit's history from the ledger. */
int kinds_unit(struct kinds *k, const struct dun_hist *h,
    struct dun_err *err);
/* One of dun-age's records, or one of dun-notice's. */
int kinds_aged_record(struct kinds *k, const struct dun_rec *r,
    struct dun_err *err);
int kinds_bind(struct kinds *k, const struct dun_rec *r, int in,
    struct dun_err *err);
int kinds_notice_record(struct kinds *k, const struct dun_rec *r,
    struct dun_err *err);
/* The tables, in the order of the kinds, into rp->doc. */
void kinds_finish(struct kinds *k);
/* 1 if a sum went past what a dun_money holds. */
int kinds_overflow(const struct kinds *k);
/* What the rates or the trend cannot tell, in English or the report's
 * other language: "history begins 2026-11-21: no rates before it; ...";
 * NULL if nothing (the kind is not asked for, or the ledger's history
 * begins before the window). */
const char *kinds_caveat(struct kinds *k, int kind, int en);

/* A temporary file beside path, "DIR/.NAME.XXXXXX": its fd and name
 * (malloc'd) in *tmp; -1 and errno.  The fd is locked: keep it open
 * until the file is renamed or removed, so that the next run, which
 * removes the temporaries of path that no live run holds (a run killed
 * midway leaves one), leaves it alone. */
int temp_beside(const char *path, char **tmp);

/* The evidence pack of rp->o.unit (evidence.c): its tables into rp->doc
 * and its PDF at rp->pdf_tmp.  0, or -1 and err. */
int evidence_pack(struct dun_report *rp, struct dun_ledger *l,
    struct dun_err *err);

#endif

/*
 * age.h — aging (lib/age/): where histories come from (hsrc.c, TSV files,
 * and hsrc_rev.c, their reversals, hsrc.h; the ledger's through
 * ledger_hist.c; sorted exports the short way, sorted.c and fast.c,
 * fast.h), what a unit owes as of a day (age.c: payments applied, late
 * fees, buckets; age_events.c: promises, disputes, the limitation date,
 * the episode's notices), and dun-age's records (age_out.c).
 */
#ifndef DUN_AGE_H
#define DUN_AGE_H

#include "calendar.h"
#include "ledger.h"

enum { DUN_PROMISE_NONE, DUN_PROMISE_OPEN, DUN_PROMISE_KEPT,
	DUN_PROMISE_BROKEN };

/* Where histories come from: the ledger, or TSV files (dun-age(1)). */
struct dun_hsrc;

struct dun_hfiles {
	const char *charges, *payments, *adjustments, *events, *units;
	const char *notices;	/* NULL: not given */
	const char *reversals;	/* NULL: not given */
};

struct dun_hsrc *dun_hsrc_files(const struct dun_hfiles *f,
    const struct dun_config *c, dun_bad_fn *report, void *arg,
    struct dun_err *err);
/* From the ledger: every unit, or those named in units[0..nunits). */
struct dun_hsrc *dun_hsrc_ledger(struct dun_ledger *l,
    const struct dun_config *c, char *const *units, size_t nunits,
    dun_bad_fn *report, void *arg, struct dun_err *err);
/* The next unit, in byte order of its name: 1 and *h (valid until the
 * next call; *bad if any of its rows was bad), 0 at the end, -1 error. */
int dun_hsrc_next(struct dun_hsrc *s, const struct dun_hist **h, int *bad,
    struct dun_err *err);
/* 1 when the files were not sorted by unit and are held whole. */
int dun_hsrc_whole(const struct dun_hsrc *s);
void dun_hsrc_close(struct dun_hsrc *s);

/* What dun-age says of one unit; DUN_NODATE for a date that is none. */
struct dun_aged {
	dun_money balance, late_fee, total, not_due, credit;
	dun_money bucket[DUN_MAXBUCKETS];
	dun_money last_paid_amount, plan, expected_recovery;
	dun_date oldest_due, last_paid, promise_due, hardship_until;
	dun_date limitation_date, episode_start, last_stage_date;
	dun_date demand_served;
	long days_overdue, days_to_limitation, periods_unpaid, notices;
	int promise, broken_promises, last_stage;
	int dnc;			/* do not contact, as of the date */
	const char *dispute;
};

/* Is the unit one for dun-age to write without -a: in arrears, or with a
 * bill unpaid whose first step of the ladder is due (the default ladder's
 * reminder goes a week before the due date)? */
int dun_age_wanted(const struct dun_config *c, dun_date asof,
    const struct dun_aged *a);
/* Age one unit as of asof.  Returns 0, or -1 with err set (a charge or
 * payment too large to add up: DUN_EXIT_DATA). */
int dun_age_unit(const struct dun_config *c, dun_date asof,
    const struct dun_hist *h, struct dun_aged *a, struct dun_err *err);
/* One charge in a statement of account, as dun_age_statement gives it. */
struct dun_line {
	int fee;		/* index in config fees, DUN_FEE_OTHER - k
				 * (the history's others[k]), or
				 * DUN_FEE_NONE */
	int adjustment;		/* a negative adjustment, not a charge */
	dun_period period;
	dun_date due;
	dun_money amount;	/* billed */
	dun_money unpaid;	/* principal still unpaid */
	dun_money late_fee;	/* late fee owed on it, before waivers */
	int has_range;		/* billed for a range (a quarter), not a
				 * period: start to until, which is
				 * DUN_NODATE when the range is open */
	dun_date start, until;
};

/* dun_age_unit, and each charge as it stands, in due order, into
 * *lines (malloc'd, the caller frees it) and *nlines. */
int dun_age_statement(const struct dun_config *c, dun_date asof,
    const struct dun_hist *h, struct dun_aged *a, struct dun_line **lines,
    size_t *nlines, struct dun_err *err);
/* How each payment and waiver was applied, as dun_age_trace gives it. */
struct dun_alloc {
	size_t line;		/* the charge: an index in the trace's lines */
	dun_date date;
	dun_money amount;
	int late;		/* paid its late fee, not its principal */
	int waiver;		/* an adjustment (a waiver), not a payment */
	int source;		/* index in the history's payments, or its
				 * adjustments for a waiver */
};
struct dun_trace {
	struct dun_line *lines;
	size_t nlines;
	struct dun_alloc *allocs;
	size_t nallocs, capallocs;
};
/* dun_age_statement, and every allocation in date order.  t starts
 * zeroed and may be used again for the next unit; dun_trace_free. */
int dun_age_trace(const struct dun_config *c, dun_date asof,
    const struct dun_hist *h, struct dun_aged *a, struct dun_trace *t,
    struct dun_err *err);
void dun_trace_free(struct dun_trace *t);
/* DUN_PROMISE_* of the promise e as of asof. */
int dun_promise_state(const struct dun_config *c, const struct dun_hist *h,
    const struct dun_hevent *e, dun_date asof);
/* 1 if the event e restarts the limitation period under the config. */
int dun_event_restarts(const struct dun_config *c, const struct dun_hist *h,
    const struct dun_hevent *e);
/* The name of bucket i (0 .. nbounds), "b0_30", "b731_plus", in buf. */
char *dun_bucket_name(const struct dun_config *c, size_t i, char *buf,
    size_t n);
/* The output's header and one record (dun-age(1) lists the columns). */
int dun_age_header(struct dun_out *o, const struct dun_config *c);
int dun_age_put(struct dun_out *o, const struct dun_config *c,
    const struct dun_hist *h, const struct dun_aged *a);

/* What dun-age writes (age_any.c): the record (dun_age_put) of every
 * unit of s (all) or of those dun_age_wanted, in byte order of unit, to o;
 * a unit whose aging fails is told to fail(e, arg), which returns < 0 to
 * stop there, and a bad one is left out.  From files in any order, read
 * whole by two threads, those threads age the units.  0 at the end or
 * stopped, -1 and err if s fails (as dun_hsrc_next). */
typedef int dun_fail_fn(const struct dun_err *e, void *arg);
int dun_age_write(struct dun_hsrc *s, const struct dun_config *c,
    dun_date asof, int all, struct dun_out *o, dun_fail_fn *fail, void *arg,
    struct dun_err *err);

/* What a unit's events and notices say as of asof, into a (age_events.c):
 * promises, disputes, hardship, plans, do-not-contact, the limitation
 * date and the episode's notices.  a's money, oldest_due and
 * episode_start must be set; nothing is allocated. */
void age_events(const struct dun_config *c, dun_date asof,
    const struct dun_hist *h, struct dun_aged *a);

#endif

/*
 * ledger_hist.c — a unit's history read back from the ledger: for dun-age,
 * unit by unit (ledger_hist_*), and for an evidence pack, row by row
 * (dun_ledger_each).
 */
#include <stdlib.h>
#include <string.h>

#include "ledger_int.h"

/* ---- histories, unit by unit ------------------------------------------ */

/*
 * Every unit's history is read in one pass over each table: the units in
 * name order (the order dun-age writes), and beside them one statement a
 * table (Q_S_*) that reads its rows in unit-id order, stepped in lockstep:
 * a unit's rows are those the cursor is on, and it is left on the next
 * unit's first row.  Ids follow names within a run of units imported in
 * name order, and where they do not (a unit imported later, "10-0101"
 * after "9-3004"), the cursor is set again at the unit, once a table.
 * A bill line's details are read beside the lines, in the same order;
 * the reversals (few) are read first and looked up in memory.
 * The units named (dun-age -u, an evidence pack) are read one by one
 * (Q_H_*), and leave no statement running.
 */

enum { K_CHARGES, K_PAYMENTS, K_ADJUSTMENTS, K_EVENTS, K_NOTICES, K_COUNT,
	K_DETAILS = K_COUNT };

/* A kind's statement for one unit, and for every unit from one on. */
static const int q_one[K_COUNT] = { Q_H_CHARGES, Q_H_PAYMENTS,
	Q_H_ADJUSTMENTS, Q_H_EVENTS, Q_H_NOTICES };
static const int q_scan[K_COUNT + 1] = { Q_S_CHARGES, Q_S_PAYMENTS,
	Q_S_ADJUSTMENTS, Q_S_EVENTS, Q_S_NOTICES, Q_S_DETAILS };

/* One table's rows in unit order. */
struct cursor {
	struct ledger_stmt *st;		/* NULL: to be set */
	int row;			/* st is on a row (else done) */
	int64_t at;			/* that row's unit id */
	int64_t last;			/* the unit read last */
};

struct ledger_hist {
	struct dun_ledger *l;
	const struct dun_config *c;
	dun_bad_fn *report;
	void *arg;
	char *const *units;		/* NULL: every unit */
	size_t nunits, next;
	struct hb b;
	dun_date start;			/* history_start, or DUN_NODATE */
	struct cursor cur[K_COUNT + 1];	/* every unit's: the tables' */
	char **revs;			/* every unit's: the refs reversed, */
	size_t nrevs;			/* sorted */
	struct arena *ra;		/* their text */
	struct {			/* fee(): the last fee name the */
		char *name;		/* config knows, by late_ok (NULL: */
		size_t cap;		/* none yet), and what it is */
		int fee;
	} last[2];
};

/* Read the refs of the reversals, in order, into lh->revs.  0, or -1 and
 * err. */
static int
read_reversals(struct ledger_hist *lh, struct dun_err *err)
{
	struct ledger_stmt *st = ledger_stmt(lh->l, Q_S_REVERSALS, err);
	size_t cap = 0;
	int rc;

	if (st == NULL)
		return -1;
	lh->ra = arena_new();
	while ((rc = ledger_step(st)) == LEDGER_ROW) {
		if (lh->nrevs == cap) {
			cap = cap ? cap * 2 : 64;
			lh->revs = xrealloc(lh->revs, cap * sizeof *lh->revs);
		}
		lh->revs[lh->nrevs++] = arena_strdup(lh->ra,
		    ledger_col_text(st, 0));
	}
	ledger_reset(st);
	if (rc != LEDGER_DONE)
		return ledger_dberr(lh->l, err, "cannot read");
	return 0;
}

/* Whether ref is among the reversals (ordered as SQLite orders text, by
 * its bytes, as strcmp does). */
static int
reversed(const struct ledger_hist *lh, const char *ref)
{
	size_t lo = 0, hi = lh->nrevs, mid;
	int c;

	if (ref == NULL)
		return 0;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if ((c = strcmp(ref, lh->revs[mid])) == 0)
			return 1;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return 0;
}

struct ledger_hist *
ledger_hist_open(struct dun_ledger *l, const struct dun_config *c,
    char *const *units, size_t nunits, dun_bad_fn *report, void *arg,
    struct dun_err *err)
{
	struct ledger_hist *lh = xmalloc(sizeof *lh);

	memset(lh, 0, sizeof *lh);
	lh->l = l;
	lh->c = c;
	lh->report = report;
	lh->arg = arg;
	lh->units = nunits ? units : NULL;
	lh->nunits = nunits;
	hb_init(&lh->b);
	/* The units named leave the units' statement alone: it may be
	 * another reading's, going through every unit. */
	if (!lh->units && (read_reversals(lh, err) < 0 ||
	    ledger_stmt(l, Q_H_UNITS, err) == NULL)) {
		ledger_hist_close(lh);
		return NULL;
	}
	switch (dun_ledger_history_start(l, &lh->start, err)) {
	case -1:
		ledger_hist_close(lh);
		return NULL;
	case 0:
		lh->start = DUN_NODATE;
		break;
	}
	return lh;
}

/* Leave every table's statement, and the units', not running. */
static void
stop(struct ledger_hist *lh)
{
	int k;

	for (k = 0; k <= K_COUNT; k++)
		if (lh->cur[k].st != NULL) {
			ledger_reset(lh->cur[k].st);
			lh->cur[k].st = NULL;
		}
	if (!lh->units && lh->l->st[Q_H_UNITS] != NULL)
		ledger_reset(lh->l->st[Q_H_UNITS]);
}

void
ledger_hist_close(struct ledger_hist *lh)
{
	if (lh == NULL)
		return;
	stop(lh);
	hb_free(&lh->b);
	free(lh->last[0].name);
	free(lh->last[1].name);
	free(lh->revs);
	arena_free(lh->ra);
	free(lh);
}

static void
bad_fee(struct ledger_hist *lh, const char *fee)
{
	struct dun_err e;

	dun_err_set(&e, DUN_EXIT_DATA, "%s: unit %s: fee %s is not in the "
	    "config", lh->l->path, abbr_v(lh->b.h.hh.unit).s, abbr_q(fee).s);
	lh->report(&e, lh->arg);
	lh->b.bad = 1;
}

/* The fee a row names (hb_fee).  A unit's rows name the same few fees
 * over and over: the last name that is the config's (or a deposit) is
 * kept with what it is, by late_ok; a fee the config lacks is the
 * unit's own, and asked each time. */
static int
fee(struct ledger_hist *lh, const char *name, int late_ok)
{
	int f;
	size_t n;

	if (name == NULL)
		return hb_fee(&lh->b, lh->c, name, late_ok);
	if (lh->last[late_ok].name != NULL &&
	    strcmp(lh->last[late_ok].name, name) == 0)
		return lh->last[late_ok].fee;
	if (DUN_FEE_IS_OTHER(f = hb_fee(&lh->b, lh->c, name, late_ok)))
		return f;
	n = strlen(name) + 1;
	if (n > lh->last[late_ok].cap) {
		lh->last[late_ok].name = xrealloc(lh->last[late_ok].name, n);
		lh->last[late_ok].cap = n;
	}
	memcpy(lh->last[late_ok].name, name, n);
	lh->last[late_ok].fee = f;
	return f;
}

/* The bill line st is on (fee, period, due, amount at columns o on) into
 * the unit's history, with what its details say (paid, waived, start,
 * until at columns d on of dst; dst NULL: it has none). */
static void
charge(struct ledger_hist *lh, struct ledger_stmt *st, int o,
    struct ledger_stmt *dst, int d)
{
	struct hb *b = &lh->b;
	const char *name = ledger_col_text(st, o);
	int f = fee(lh, name, 0);
	struct dun_hcharge *c;

	if (f == DUN_FEE_DEPOSIT)
		return;
	c = hb_charge(b);
	c->fee = f;
	if (c->fee == DUN_FEE_NONE || c->fee == DUN_FEE_LATE)
		bad_fee(lh, name);
	c->period = ledger_period_load(ledger_col_int(st, o + 1));
	c->due = ledger_col_int(st, o + 2);
	c->amount = ledger_col_int64(st, o + 3);
	c->start = period_day1(c->period);
	if (dst == NULL)
		return;
	c->paid = ledger_col_int64(dst, d);
	c->waived = ledger_col_int64(dst, d + 1);
	c->has_range = !ledger_col_null(dst, d + 2);
	if (c->has_range) {
		c->start = ledger_col_int(dst, d + 2);
		if (!ledger_col_null(dst, d + 3))
			c->until = ledger_col_int(dst, d + 3);
	}
}

/* The row st is on, of kind k (not a charge), its columns from o on,
 * into the unit's history; scan: from a Q_S_ statement, which leaves
 * whether a payment or adjustment was reversed to lh->revs. */
static void
row(struct ledger_hist *lh, int k, struct ledger_stmt *st, int o, int scan)
{
	struct hb *b = &lh->b;

	if (k == K_PAYMENTS || k == K_ADJUSTMENTS) {
		struct dun_hmoney *m = k == K_PAYMENTS ? hb_payment(b) :
		    hb_adjustment(b);
		const char *name = ledger_col_text(st, o + 2), *ref;

		m->date = ledger_col_int(st, o);
		m->amount = ledger_col_int64(st, o + 1);
		m->fee = fee(lh, name, 1);
		if (m->fee == DUN_FEE_DEPOSIT) {
			if (k == K_PAYMENTS)
				b->h.npayments--;
			else
				b->h.nadjustments--;
			return;
		}
		m->has_period = !ledger_col_null(st, o + 3);
		m->period = ledger_period_load(ledger_col_int(st, o + 3));
		ref = ledger_col_text(st, o + 4);
		m->ref = hb_str(b, ref);
		if (!scan)
			m->reversed = ledger_col_int(st, o + 5);
		else if (lh->nrevs > 0)
			m->reversed = reversed(lh, ref);
	} else if (k == K_EVENTS) {
		struct dun_hevent *e = hb_event(b);

		e->type = dun_event_parse(ledger_col_text(st, o));
		e->date = ledger_col_int(st, o + 1);
		e->has_due = !ledger_col_null(st, o + 2);
		e->due = ledger_col_int(st, o + 2);
		e->has_amount = !ledger_col_null(st, o + 3);
		e->amount = ledger_col_int64(st, o + 3);
		e->ref = hb_str(b, ledger_col_text(st, o + 4));
	} else {
		struct dun_hnotice *n = hb_notice(b);

		n->notice = hb_str(b, ledger_col_text(st, o));
		n->stage = stage_index(lh->c, ledger_col_text(st, o + 1));
		n->date = ledger_col_int(st, o + 2);
		n->episode = ledger_col_int(st, o + 3);
		n->has_episode = 1;
		n->channel = hb_str(b, ledger_col_text(st, o + 4));
		n->cls = hb_str(b, ledger_col_text(st, o + 5));
	}
}

/* Read the rows of kind k of unit id alone.  0, or -1 and err. */
static int
rows_one(struct ledger_hist *lh, int k, int64_t id, struct dun_err *err)
{
	struct ledger_stmt *st = ledger_stmt(lh->l, q_one[k], err);
	int rc;

	if (st == NULL)
		return -1;
	ledger_bind_int(st, 1, id);
	if (ledger_bound(lh->l, st, err) < 0)
		return -1;
	while ((rc = ledger_step(st)) == LEDGER_ROW) {
		if (k == K_CHARGES)
			charge(lh, st, 0, st, 4);
		else
			row(lh, k, st, 0, 0);
	}
	ledger_reset(st);
	if (rc != LEDGER_DONE)
		return ledger_dberr(lh->l, err, "cannot read");
	return 0;
}

/* Step cursor cr on.  0, or -1 and err (the cursor is then set again
 * by its next use). */
static int
step(struct ledger_hist *lh, struct cursor *cr, struct dun_err *err)
{
	int rc = ledger_step(cr->st);

	cr->row = rc == LEDGER_ROW;
	if (cr->row)
		cr->at = ledger_col_int64(cr->st, 0);
	else if (rc != LEDGER_DONE) {
		ledger_reset(cr->st);
		cr->st = NULL;
		return ledger_dberr(lh->l, err, "cannot read");
	}
	return 0;
}

/* Bring kind k's cursor to unit id, the next unit in name order: to its
 * first row, or past where it would be.  The cursor is on the first row
 * past the unit read last; that is where it must be if id comes after
 * that unit with no rows between, and else it is set at id.  0, or -1
 * and err. */
static int
seek(struct ledger_hist *lh, int k, int64_t id, struct dun_err *err)
{
	struct cursor *cr = &lh->cur[k];

	if (cr->st == NULL || id <= cr->last || (cr->row && cr->at < id)) {
		if ((cr->st = ledger_stmt(lh->l, q_scan[k], err)) == NULL)
			return -1;
		ledger_bind_int(cr->st, 1, id);
		if (ledger_bound(lh->l, cr->st, err) < 0) {
			cr->st = NULL;
			return -1;
		}
		if (step(lh, cr, err) < 0)
			return -1;
	}
	cr->last = id;
	return 0;
}

/* How the details row of d compares with the bill line of c, by fee,
 * period and bill (the order both are read in). */
static int
line_cmp(struct ledger_stmt *d, struct ledger_stmt *c)
{
	int r = strcmp(ledger_col_text(d, 1), ledger_col_text(c, 1));
	int dp = ledger_col_int(d, 2), cp = ledger_col_int(c, 2);

	if (r != 0)
		return r;
	if (dp != cp)
		return dp < cp ? -1 : 1;
	return strcmp(ledger_col_text(d, 3), ledger_col_text(c, 5));
}

/* Read unit id's bill lines, each with its details.  0, or -1 and
 * err. */
static int
charges_scan(struct ledger_hist *lh, int64_t id, struct dun_err *err)
{
	struct cursor *cr = &lh->cur[K_CHARGES], *dr = &lh->cur[K_DETAILS];
	int r;

	if (seek(lh, K_CHARGES, id, err) < 0 || seek(lh, K_DETAILS, id,
	    err) < 0)
		return -1;
	while (cr->row && cr->at == id) {
		r = 1;
		while (dr->row && dr->at == id && (r = line_cmp(dr->st,
		    cr->st)) < 0)
			if (step(lh, dr, err) < 0)
				return -1;
		charge(lh, cr->st, 1, dr->row && dr->at == id && r == 0 ?
		    dr->st : NULL, 4);
		if (step(lh, cr, err) < 0)
			return -1;
	}
	/* Details of no line read: none, while each line's are kept with
	 * it (a foreign key). */
	while (dr->row && dr->at == id)
		if (step(lh, dr, err) < 0)
			return -1;
	return 0;
}

/* Read the rows of kind k of unit id, the next unit in name order, from
 * the table's cursor.  0, or -1 and err. */
static int
rows_scan(struct ledger_hist *lh, int k, int64_t id, struct dun_err *err)
{
	struct cursor *cr = &lh->cur[k];

	if (k == K_CHARGES)
		return charges_scan(lh, id, err);
	if (seek(lh, k, id, err) < 0)
		return -1;
	while (cr->row && cr->at == id) {
		row(lh, k, cr->st, 1, 1);
		if (step(lh, cr, err) < 0)
			return -1;
	}
	return 0;
}

int
ledger_hist_next(struct ledger_hist *lh, const struct dun_hist **h,
    int *bad, struct dun_err *err)
{
	struct hb *b = &lh->b;
	struct ledger_stmt *st;
	int64_t id;
	size_t i;
	int rc, k;

	for (;;) {
		if (!lh->units) {
			st = lh->l->st[Q_H_UNITS];
			if ((rc = ledger_step(st)) == LEDGER_ROW)
				break;
			stop(lh);
			if (rc != LEDGER_DONE)
				return ledger_dberr(lh->l, err, "cannot read");
			return 0;
		}
		if (lh->next >= lh->nunits)
			return 0;
		if ((st = ledger_stmt(lh->l, Q_H_UNIT, err)) == NULL)
			return -1;
		ledger_bind_text(st, 1, lh->units[lh->next++]);
		if ((rc = ledger_one_row(lh->l, st, err)) < 0)
			return -1;
		if (rc > 0)
			break;
		{
			struct dun_err e;

			dun_err_set(&e, DUN_EXIT_DATA, "%s: no unit %s",
			    lh->l->path, abbr_q(lh->units[lh->next - 1]).s);
			lh->report(&e, lh->arg);
			*bad = 1;
		}
	}
	hb_reset(b);
	id = ledger_col_int64(st, 0);
	b->h.hh.unit = hb_str(b, ledger_col_text(st, 1));
	/* id unit estate building owner phone occupancy collector dnc */
	for (i = 0; i < 6; i++)
		b->h.hh.text[hist_texts[i]] = hb_str(b,
		    ledger_col_text(st, (int)i + 2));
	b->h.hh.dnc = ledger_col_int(st, 8);
	if (lh->units)
		ledger_reset(st);
	for (k = 0; k < K_COUNT; k++)
		if ((lh->units ? rows_one(lh, k, id, err) : rows_scan(lh, k,
		    id, err)) < 0)
			return -1;
	hb_settle(b, lh->start);
	*h = &b->h;
	*bad = b->bad;
	return 1;
}

/* ---- evidence --------------------------------------------------------- */

int
dun_ledger_each(struct dun_ledger *l, int what, int64_t unit_id,
    dun_row_fn *fn, void *arg, struct dun_err *err)
{
	static const int qs[] = { Q_E_PAYMENTS, Q_E_ADJUSTMENTS,
		Q_E_EVENTS, Q_E_NOTICES, Q_E_IMPORTS };
	const char *text[16];
	int64_t num[16];
	int null[16];
	struct ledger_stmt *st;
	int rc, i, n, stop = 0;

	if (what < 0 || what >= (int)(sizeof qs / sizeof *qs))
		return -1;
	if ((st = ledger_stmt(l, qs[what], err)) == NULL)
		return -1;
	ledger_bind_int(st, 1, unit_id);
	if (ledger_bound(l, st, err) < 0)
		return -1;
	n = ledger_ncols(st);
	while (!stop && (rc = ledger_step(st)) == LEDGER_ROW) {
		for (i = 0; i < n && i < 16; i++) {
			null[i] = ledger_col_null(st, i);
			num[i] = ledger_col_int64(st, i);
			text[i] = ledger_col_text(st, i);
		}
		stop = fn(arg, n, text, num, null);
	}
	ledger_reset(st);
	if (!stop && rc != LEDGER_DONE)
		return ledger_dberr(l, err, "cannot read");
	return 0;
}

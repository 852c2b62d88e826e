/*
 * ledger_hist.c — a unit's history read back from the ledger: for dun-age,
 * unit by unit (ledger_hist_*), and for an evidence pack, row by row
 * (dun_ledger_each).
 */
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "ledger_int.h"

/* ---- histories, unit by unit ------------------------------------------ */

struct ledger_hist {
	struct dun_ledger *l;
	const struct dun_config *c;
	dun_bad_fn *report;
	void *arg;
	char *const *units;		/* NULL: every unit */
	size_t nunits, next;
	struct hb b;
	dun_date start;			/* history_start, or DUN_NODATE */
};

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
	if (ledger_stmt(l, Q_H_UNITS, err) == NULL) {
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

void
ledger_hist_close(struct ledger_hist *lh)
{
	if (lh == NULL)
		return;
	hb_free(&lh->b);
	free(lh);
}

static void
bad_fee(struct ledger_hist *lh, const char *fee)
{
	struct dun_err e;

	dun_err_set(&e, DUN_EXIT_DATA, "%s: unit %s: fee \"%s\" is not in the "
	    "config", lh->l->path, lh->b.h.hh.unit, fee);
	lh->report(&e, lh->arg);
	lh->b.bad = 1;
}

/* Read one kind of the unit's rows with statement q. */
static int
rows(struct ledger_hist *lh, int q, int64_t id, struct dun_err *err)
{
	sqlite3_stmt *st = ledger_stmt(lh->l, q, err);
	struct hb *b = &lh->b;
	int rc;

	if (st == NULL)
		return -1;
	ledger_bind_int(st, 1, id);
	if (ledger_bound(lh->l, st, err) < 0)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (q == Q_H_CHARGES) {
			const char *fee = ledger_col_text(st, 0);
			int f = hb_fee(b, lh->c, fee, 0);
			struct dun_hcharge *c;

			if (f == DUN_FEE_DEPOSIT)
				continue;
			c = hb_charge(b);
			c->fee = f;
			if (c->fee == DUN_FEE_NONE || c->fee == DUN_FEE_LATE)
				bad_fee(lh, fee);
			c->period = ledger_period_load(sqlite3_column_int(st,
			    1));
			c->due = sqlite3_column_int(st, 2);
			c->amount = sqlite3_column_int64(st, 3);
			c->paid = sqlite3_column_int64(st, 4);
			c->waived = sqlite3_column_int64(st, 5);
			c->has_range = sqlite3_column_type(st, 6) !=
			    SQLITE_NULL;
			c->start = c->has_range ? sqlite3_column_int(st, 6) :
			    period_day1(c->period);
			c->until = c->has_range && sqlite3_column_type(st, 7) !=
			    SQLITE_NULL ? sqlite3_column_int(st, 7) :
			    DUN_NODATE;
		} else if (q == Q_H_PAYMENTS || q == Q_H_ADJUSTMENTS) {
			struct dun_hmoney *m = q == Q_H_PAYMENTS ?
			    hb_payment(b) : hb_adjustment(b);
			const char *fee = ledger_col_text(st, 2);

			m->date = sqlite3_column_int(st, 0);
			m->amount = sqlite3_column_int64(st, 1);
			m->fee = hb_fee(b, lh->c, fee, 1);
			if (m->fee == DUN_FEE_DEPOSIT) {
				if (q == Q_H_PAYMENTS)
					b->h.npayments--;
				else
					b->h.nadjustments--;
				continue;
			}
			m->has_period = sqlite3_column_type(st, 3) !=
			    SQLITE_NULL;
			m->period = ledger_period_load(sqlite3_column_int(st,
			    3));
			m->ref = hb_str(b, ledger_col_text(st, 4));
			m->reversed = sqlite3_column_int(st, 5);
		} else if (q == Q_H_EVENTS) {
			struct dun_hevent *e = hb_event(b);

			e->type = dun_event_parse(ledger_col_text(st, 0));
			e->date = sqlite3_column_int(st, 1);
			e->has_due = sqlite3_column_type(st, 2) != SQLITE_NULL;
			e->due = sqlite3_column_int(st, 2);
			e->has_amount = sqlite3_column_type(st, 3) !=
			    SQLITE_NULL;
			e->amount = sqlite3_column_int64(st, 3);
			e->ref = hb_str(b, ledger_col_text(st, 4));
		} else {
			struct dun_hnotice *n = hb_notice(b);

			n->notice = hb_str(b, ledger_col_text(st, 0));
			n->stage = stage_index(lh->c, ledger_col_text(st, 1));
			n->date = sqlite3_column_int(st, 2);
			n->episode = sqlite3_column_int(st, 3);
			n->has_episode = 1;
			n->channel = hb_str(b, ledger_col_text(st, 4));
			n->cls = hb_str(b, ledger_col_text(st, 5));
		}
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return ledger_dberr(lh->l, err, "cannot read");
	return 0;
}

int
ledger_hist_next(struct ledger_hist *lh, const struct dun_hist **h,
    int *bad, struct dun_err *err)
{
	static const int qs[] = { Q_H_CHARGES, Q_H_PAYMENTS, Q_H_ADJUSTMENTS,
		Q_H_EVENTS, Q_H_NOTICES };
	struct hb *b = &lh->b;
	sqlite3_stmt *st;
	int64_t id;
	size_t i;
	int rc;

	for (;;) {
		if (!lh->units) {
			st = lh->l->st[Q_H_UNITS];
			if ((rc = sqlite3_step(st)) == SQLITE_ROW)
				break;
			sqlite3_reset(st);
			if (rc != SQLITE_DONE)
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

			dun_err_set(&e, DUN_EXIT_DATA, "%s: no unit \"%s\"",
			    lh->l->path, lh->units[lh->next - 1]);
			lh->report(&e, lh->arg);
			*bad = 1;
		}
	}
	hb_reset(b);
	id = sqlite3_column_int64(st, 0);
	b->h.hh.unit = hb_str(b, ledger_col_text(st, 1));
	/* id unit estate building owner phone occupancy collector dnc */
	for (i = 0; i < 6; i++)
		b->h.hh.text[hist_texts[i]] = hb_str(b,
		    ledger_col_text(st, (int)i + 2));
	b->h.hh.dnc = sqlite3_column_int(st, 8);
	if (lh->units)
		sqlite3_reset(st);
	for (i = 0; i < sizeof qs / sizeof *qs; i++)
		if (rows(lh, qs[i], id, err) < 0)
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
	sqlite3_stmt *st;
	int rc, i, n, stop = 0;

	if (what < 0 || what >= (int)(sizeof qs / sizeof *qs))
		return -1;
	if ((st = ledger_stmt(l, qs[what], err)) == NULL)
		return -1;
	ledger_bind_int(st, 1, unit_id);
	if (ledger_bound(l, st, err) < 0)
		return -1;
	n = sqlite3_column_count(st);
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		for (i = 0; i < n && i < 16; i++) {
			null[i] = sqlite3_column_type(st, i) == SQLITE_NULL;
			num[i] = sqlite3_column_int64(st, i);
			text[i] = ledger_col_text(st, i);
		}
		stop = fn(arg, n, text, num, null);
	}
	sqlite3_reset(st);
	if (!stop && rc != SQLITE_DONE)
		return ledger_dberr(l, err, "cannot read");
	return 0;
}

/*
 * rk_rates.c — the rates and trend kinds: month by month, what was
 * billed and what of it was collected, and (trend) how many owed and how
 * much at each month's end.  Formulas (dun-report(1) states them for
 * users):
 *
 *   rates, month m of year Y (periods are billing periods):
 *     billed      charges of period m, less waivers applied to them
 *     collected   payments applied to those charges, dated by the end of m
 *     billed_ytd  billed for January .. m of Y
 *     collected_ytd  payments applied to those charges, dated by the
 *                 end of m
 *     arrears_open   principal unpaid at the end of Y-1 of charges due
 *                 by then
 *     arrears_collected  payments of Y up to the end of m applied to them
 *   Each rate is the second of a pair over the first.
 *
 *   A ledger begun from an arrears list knows, before the day its full
 *   history begins (history_start), only what was owing: months before
 *   it have no figures, and in its year the year to date and the
 *   arrears count from that day (arrears_open is what was owing the day
 *   before).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report_int.h"

/* Rates and trend hold arrays of months: RA_* and TR_* count them. */
enum { RA_BILLED, RA_COLL, RA_YTD, RA_ARR, RA_N };
enum { TR_DEBTORS, TR_ARREARS, TR_BILLED, TR_COLLECTED, TR_COLL, TR_N };

struct rates {
	struct rk_ctx *x;
	struct gmap ra;
	struct months rm;		/* January of the first year .. to */
	int y0, y1;			/* the years */
	struct rk_paid paid;
};

struct trend {
	struct rk_ctx *x;
	struct gmap tr;
	struct months tm;
	struct rk_paid paid;
};

/* 1 if nothing of month m can be known: it ended before the ledger's
 * full history began. */
static int
before_history(const struct rk_ctx *x, dun_period m)
{
	return x->hstart != DUN_NODATE && m < dun_period_of(x->hstart);
}

/* Billed (net of waivers) and collected in the month, for rates and
 * trend alike: into billed[] and coll[] indexed from m, and (ytd not
 * NULL) collected for the year to date into ytd[]. */
static void
billed_collected(struct rk_ctx *x, const struct dun_trace *t,
    const struct months *m, dun_money *billed, dun_money *coll,
    dun_money *ytd)
{
	size_t i;

	for (i = 0; i < t->nlines; i++) {
		const struct dun_line *L = &t->lines[i];

		if (!L->adjustment && L->period >= m->m0 && L->period <= m->m1)
			rk_add(x, &billed[L->period - m->m0], L->amount);
	}
	for (i = 0; i < t->nallocs; i++) {
		const struct dun_alloc *a = &t->allocs[i];
		const struct dun_line *L = &t->lines[a->line];
		dun_period p = L->period, md, last;
		int y, mo;

		if (a->late || L->adjustment || p < m->m0 || p > m->m1)
			continue;
		if (a->waiver) {
			rk_add(x, &billed[p - m->m0], -a->amount);
			continue;
		}
		md = dun_period_of(a->date);
		if (md <= p)
			rk_add(x, &coll[p - m->m0], a->amount);
		/* What is paid on charges billed before history began is
		 * arrears recovered, not the year's collection. */
		if (ytd == NULL || before_history(x, p))
			continue;
		/* Collected for the year to date from the later of the
		 * charge's month and the payment's, within the year. */
		dun_period_split(p, &y, &mo);
		last = dun_period_make(y, 12);
		md = md > p ? md : p;
		if (md <= last && md <= m->m1)
			rk_add(x, &ytd[md - m->m0], a->amount);
	}
}

/* The last day before year y's arrears are counted: 31 December of
 * y - 1, or the day before history begins when that is later. */
static dun_date
year_open(const struct rk_ctx *x, int y)
{
	dun_date s = dun_date_make(y, 1, 1) - 1, h = x->hstart;

	return h != DUN_NODATE && h - 1 > s ? h - 1 : s;
}

/* What the months first .. last cannot tell of kind, since history
 * begins late (ytd: in its year, the year to date counts from it), in
 * English (en) or Chinese; NULL if nothing.  In x's arena. */
static const char *
caveat(struct rk_ctx *x, dun_period first, dun_period last, int y0, int y1,
    int rates, int en)
{
	dun_date h = x->hstart;
	dun_period hm;
	char d[DUN_DATE_BUFSZ];
	struct buf b = { NULL, 0, 0 };
	const char *s;
	int y, m, day, ytd;

	if (h == DUN_NODATE)
		return NULL;
	hm = dun_period_of(h);
	dun_date_split(h, &y, &m, &day);
	/* Rates count the year to date and the arrears from it in its
	 * year, which may begin before the first month shown. */
	ytd = rates && (m > 1 || day > 1) && y >= y0 && y <= y1;
	if (hm < first && !ytd)
		return NULL;
	buf_str(&b, en ? "history begins " : "完整记录始于 ");
	buf_str(&b, dun_date_fmt(h, d));
	buf_str(&b, en ? ": no rates before it" : "：此前各月不计收缴率");
	if (day > 1 && hm >= first && hm <= last) {
		buf_str(&b, en ? "; " : "；");
		buf_str(&b, dun_period_fmt(hm, d));
		buf_str(&b, en ? " is partial" : " 为不完整月份");
	}
	if (ytd)
		buf_str(&b, en ? "; in its year the year to date and the "
		    "arrears count from it" : "；当年累计与清欠自该日起计");
	s = arena_strdup(x->a, b.s);
	buf_free(&b);
	return s;
}

/* ---- rates ------------------------------------------------------------ */

/* The state of the rates kind for x (malloc'd, for rates_fini). */
static void *
rates_init(struct rk_ctx *x)
{
	struct rates *k = xmalloc(sizeof *k);
	int y, m, d;

	memset(k, 0, sizeof *k);
	k->x = x;
	dun_date_split(x->from[DUN_RK_RATES], &y, &m, &d);
	months_set(&k->rm, dun_period_make(y, 1), dun_period_of(x->to));
	k->y0 = y;
	dun_date_split(x->to, &k->y1, &m, &d);
	gmap_init(&k->ra, rk_nkeys(x->group[DUN_RK_RATES]), sizeof(dun_money) *
	    (RA_N * k->rm.n + (size_t)(k->y1 - k->y0 + 1)));
	return k;
}

static void
rates_fini(void *arg)
{
	struct rates *k = arg;

	gmap_free(&k->ra);
	rk_paid_free(&k->paid);
	free(k);
}

/* A unit's months: billed, collected, the year to date, and the arrears
 * carried into each year and what of them was collected. */
static int
rates_unit(void *arg, const struct rk_unit *u, struct dun_err *err)
{
	struct rates *k = arg;
	struct rk_ctx *x = k->x;
	const char *keys[4];
	const struct dun_trace *t = u->tr;
	size_t n = k->rm.n, i;
	dun_money *v;
	int y;

	(void)err;
	group_keys(x->group[DUN_RK_RATES], u->h, NULL, keys);
	v = gmap_get(&k->ra, keys);
	billed_collected(x, t, &k->rm, v + RA_BILLED * n, v + RA_COLL * n,
	    v + RA_YTD * n);
	for (y = k->y0; y <= k->y1; y++) {
		dun_date s = year_open(x, y);

		rk_paid_until(&k->paid, t, s);
		rk_add(x, &v[RA_N * n + (size_t)(y - k->y0)],
		    rk_unpaid_at(x, &k->paid, t, s));
		for (i = 0; i < t->nallocs; i++) {
			const struct dun_alloc *a = &t->allocs[i];
			dun_period md = dun_period_of(a->date);

			if (a->late || a->waiver || a->date <= s ||
			    t->lines[a->line].due > s || md > k->rm.m1 ||
			    md > dun_period_make(y, 12))
				continue;
			rk_add(x, &v[RA_ARR * n + (size_t)(md - k->rm.m0)],
			    a->amount);
		}
	}
	return 0;
}

static const char *
rates_caveat(void *arg, int en)
{
	struct rates *k = arg;

	return caveat(k->x, dun_period_of(k->x->from[DUN_RK_RATES]), k->rm.m1,
	    k->y0, k->y1, 1, en);
}

/* Sums over months [a, b] of the array v. */
static dun_money
sum(struct rk_ctx *x, const dun_money *v, size_t a, size_t b)
{
	dun_money s = 0;

	for (; a <= b; a++)
		rk_add(x, &s, v[a]);
	return s;
}

/* The row of month m for group e (NULL: the totals) from its sums v. */
static void
rates_row(struct rates *k, struct table *t, const struct gent *e,
    size_t nk, const dun_money *v, dun_period m)
{
	struct rk_ctx *x = k->x;
	size_t n = k->rm.n, i = (size_t)(m - k->rm.m0), jan;
	struct tcell *row = table_row(t);
	dun_money b, c2;
	int y, mo;

	if (e)
		rk_key_cells(t, row, e, nk);
	else
		rk_total_key(t, row, nk);
	dun_period_split(m, &y, &mo);
	jan = (size_t)(dun_period_make(y, 1) - k->rm.m0);
	/* In the year history begins, the year to date counts from it. */
	if (x->hstart != DUN_NODATE && dun_period_of(x->hstart) >
	    dun_period_make(y, 1))
		jan = (size_t)(dun_period_of(x->hstart) - k->rm.m0);
	row += nk;
	cell_num(&row[0], m);
	if (before_history(x, m))
		return;		/* not known: empty, not 0.00% */
	cell_num(&row[1], b = v[RA_BILLED * n + i]);
	cell_num(&row[2], c2 = v[RA_COLL * n + i]);
	cell_rate(&row[3], c2, b);
	cell_num(&row[4], b = sum(x, v + RA_BILLED * n, jan, i));
	cell_num(&row[5], c2 = sum(x, v + RA_YTD * n, jan, i));
	cell_rate(&row[6], c2, b);
	cell_num(&row[7], b = v[RA_N * n + (size_t)(y - k->y0)]);
	cell_num(&row[8], c2 = sum(x, v + RA_ARR * n, jan, i));
	cell_rate(&row[9], c2, b);
}

static void
rates_finish(void *arg)
{
	static const struct tcol cols[] = { { "period", T_PERIOD },
		{ "billed", T_MONEY }, { "collected", T_MONEY },
		{ "rate", T_RATE }, { "billed_ytd", T_MONEY },
		{ "collected_ytd", T_MONEY }, { "rate_ytd", T_RATE },
		{ "arrears_open", T_MONEY }, { "arrears_collected", T_MONEY },
		{ "recovery_rate", T_RATE } };
	struct rates *k = arg;
	struct rk_ctx *x = k->x;
	struct table *t = rk_table(x, rk_rates.name, "收缴率",
	    "Collection rates");
	size_t nk = k->ra.nkeys, n = k->rm.n, i, r;
	size_t *ix = rk_sorted(x, &k->ra, nk);
	size_t words = RA_N * n + (size_t)(k->y1 - k->y0 + 1);
	dun_money *tot = xmalloc((words + 1) * sizeof *tot);
	dun_period m, first = dun_period_of(x->from[DUN_RK_RATES]);

	rk_window_note(x, t, DUN_RK_RATES, 1);
	t->caveat = rates_caveat(k, strcmp(x->lang, "en") == 0);
	group_cols(t, x->group[DUN_RK_RATES]);
	for (i = 0; i < sizeof cols / sizeof *cols; i++)
		table_col(t, cols[i].name, cols[i].type);
	memset(tot, 0, (words + 1) * sizeof *tot);
	for (r = 0; r < k->ra.n; r++) {
		const dun_money *v = k->ra.v[ix[r]].data;

		for (i = 0; i < words; i++)
			rk_add(x, &tot[i], v[i]);
		for (m = first; m <= k->rm.m1; m++)
			rates_row(k, t, &k->ra.v[ix[r]], nk, v, m);
	}
	if (nk > 0 && k->ra.n > 1)
		for (m = first; m <= k->rm.m1; m++)
			rates_row(k, t, NULL, nk, tot, m);
	t->chart.type = CH_LINES;
	t->chart.title = rk_tr(x, "当期收缴率（按月）", "Collection rate by month");
	t->chart.label = (int)nk;
	t->chart.series = nk ? (int)nk - 1 : -1;
	t->chart.values[t->chart.nvalues++] = (int)nk + 3;
	free(tot);
	free(ix);
}

const struct report_kind rk_rates = {
	.name = "rates",
	.groups = 1 << DUN_RG_NONE | 1 << DUN_RG_ESTATE | 1 << DUN_RG_BUILDING |
	    1 << DUN_RG_COLLECTOR,
	.group = DUN_RG_ESTATE,
	.trace = 1,
	.init = rates_init,
	.fini = rates_fini,
	.unit = rates_unit,
	.finish = rates_finish,
	.caveat = rates_caveat,
};

/* ---- trend ------------------------------------------------------------ */

/* The state of the trend kind for x (malloc'd, for trend_fini). */
static void *
trend_init(struct rk_ctx *x)
{
	struct trend *k = xmalloc(sizeof *k);

	memset(k, 0, sizeof *k);
	k->x = x;
	months_set(&k->tm, dun_period_of(x->from[DUN_RK_TREND]), dun_period_of(x->to));
	gmap_init(&k->tr, rk_nkeys(x->group[DUN_RK_TREND]), sizeof(dun_money) *
	    TR_N * k->tm.n);
	return k;
}

static void
trend_fini(void *arg)
{
	struct trend *k = arg;

	gmap_free(&k->tr);
	rk_paid_free(&k->paid);
	free(k);
}

/* A unit's months: owing at each month's end, billed, collected. */
static int
trend_unit(void *arg, const struct rk_unit *u, struct dun_err *err)
{
	struct trend *k = arg;
	struct rk_ctx *x = k->x;
	const struct dun_hist *h = u->h;
	const char *keys[4];
	size_t n = k->tm.n, i;
	dun_money *v, debt;
	dun_period m;

	(void)err;
	group_keys(x->group[DUN_RK_TREND], h, NULL, keys);
	v = gmap_get(&k->tr, keys);
	billed_collected(x, u->tr, &k->tm, v + TR_BILLED * n, v + TR_COLL * n,
	    NULL);
	for (m = k->tm.m0; m <= k->tm.m1; m++) {
		dun_date e = dun_period_end(m) < x->to ? dun_period_end(m) : x->to;

		rk_paid_until(&k->paid, u->tr, e);
		debt = rk_unpaid_at(x, &k->paid, u->tr, e);
		if (debt > 0) {
			v[TR_DEBTORS * n + (size_t)(m - k->tm.m0)]++;
			rk_add(x, &v[TR_ARREARS * n + (size_t)(m - k->tm.m0)],
			    debt);
		}
	}
	for (i = 0; i < h->npayments; i++) {
		m = dun_period_of(h->payments[i].date);
		if (h->payments[i].date <= x->to && m >= k->tm.m0 &&
		    m <= k->tm.m1)
			rk_add(x, &v[TR_COLLECTED * n + (size_t)(m - k->tm.m0)],
			    h->payments[i].amount);
	}
	return 0;
}

static const char *
trend_caveat(void *arg, int en)
{
	struct trend *k = arg;

	return caveat(k->x, k->tm.m0, k->tm.m1, 0, 0, 0, en);
}

static void
trend_finish(void *arg)
{
	static const struct tcol cols[] = { { "month", T_PERIOD },
		{ "debtors", T_INT }, { "arrears", T_MONEY },
		{ "billed", T_MONEY }, { "collected", T_MONEY },
		{ "rate", T_RATE } };
	struct trend *k = arg;
	struct rk_ctx *x = k->x;
	struct table *t = rk_table(x, rk_trend.name, "欠费趋势",
	    "Arrears over time");
	size_t nk = k->tr.nkeys, n = k->tm.n, i, r;
	size_t *ix = rk_sorted(x, &k->tr, nk);
	dun_period m;

	rk_window_note(x, t, DUN_RK_TREND, 1);
	t->caveat = trend_caveat(k, strcmp(x->lang, "en") == 0);
	group_cols(t, x->group[DUN_RK_TREND]);
	for (i = 0; i < sizeof cols / sizeof *cols; i++)
		table_col(t, cols[i].name, cols[i].type);
	for (r = 0; r < k->tr.n; r++) {
		const dun_money *v = k->tr.v[ix[r]].data;

		for (m = k->tm.m0; m <= k->tm.m1; m++) {
			struct tcell *row = table_row(t);

			i = (size_t)(m - k->tm.m0);
			rk_key_cells(t, row, &k->tr.v[ix[r]], nk);
			row += nk;
			cell_num(&row[0], m);
			/* Before history begins, what was owing is known
			 * only on its eve. */
			if (before_history(x, m) && dun_period_end(m) !=
			    x->hstart - 1)
				continue;
			cell_num(&row[1], v[TR_DEBTORS * n + i]);
			cell_num(&row[2], v[TR_ARREARS * n + i]);
			if (before_history(x, m))
				continue;
			cell_num(&row[3], v[TR_BILLED * n + i]);
			cell_num(&row[4], v[TR_COLLECTED * n + i]);
			cell_rate(&row[5], v[TR_COLL * n + i],
			    v[TR_BILLED * n + i]);
		}
	}
	t->chart.type = CH_LINES;
	t->chart.title = rk_tr(x, "月末欠费", "Arrears at each month's end");
	t->chart.label = (int)nk;
	t->chart.series = nk ? (int)nk - 1 : -1;
	t->chart.values[t->chart.nvalues++] = (int)nk + 2;
	free(ix);
}

const struct report_kind rk_trend = {
	.name = "trend",
	.groups = 1 << DUN_RG_NONE | 1 << DUN_RG_ESTATE | 1 << DUN_RG_BUILDING |
	    1 << DUN_RG_COLLECTOR,
	.group = DUN_RG_NONE,
	.trace = 1,
	.init = trend_init,
	.fini = trend_fini,
	.unit = trend_unit,
	.finish = trend_finish,
	.caveat = trend_caveat,
};

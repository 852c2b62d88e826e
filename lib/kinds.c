/*
 * kinds.c — what each kind of report adds up, unit by unit, and the table
 * it makes.  Money stays in minor units; a sum that would overflow is an
 * error.  Formulas (dun-report(1) states them for users):
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

#include "report.h"

#define NH 3
static const int horizons[NH] = { 7, 14, 30 };

struct ag {
	long units, n[DUN_MAXBUCKETS];
	dun_money b[DUN_MAXBUCKETS], balance, late, total, not_due, expected;
};

struct co {
	long units, debtors_start, debtors_now, promises, kept, broken, open;
	dun_money start, now, collected, recovered;
};

struct ef {
	long notices, elig[NH], paid[NH];
	dun_money amount[NH];
};

struct nt {
	long notices, served;
};

/* Rates and trend hold arrays of months: RA_* and TR_* count them. */
enum { RA_BILLED, RA_COLL, RA_YTD, RA_ARR, RA_N };
enum { TR_DEBTORS, TR_ARREARS, TR_BILLED, TR_COLLECTED, TR_COLL, TR_N };

struct kinds {
	struct dun_report *rp;
	const struct dun_config *c;
	unsigned on;			/* kinds read from the ledger */
	int overflow;
	struct dun_trace tr;
	dun_money *paid;		/* per line: applied by some day */
	size_t cappaid;
	struct gmap ag, ra, co, ef, tr_, nt;
	struct months rm, tm;		/* rates' and trend's months */
	int y0, y1;			/* rates' years */
	/* columns of the records read */
	int in;
	int col[8 + DUN_MAXBUCKETS];
};

/* The columns of dun-age's records that aging reads. */
enum { C_TOTAL, C_BALANCE, C_LATE, C_NOT_DUE, C_DAYS, C_EXPECTED, C_KEY0,
	C_KEY1, C_BUCKET };
/* ... and of dun-notice's. */
enum { C_STAGE, C_CHANNEL };

static void
add(struct kinds *k, dun_money *x, dun_money v)
{
	if (__builtin_add_overflow(*x, v, x))
		k->overflow = 1;
}

static int
on(const struct kinds *k, int kind)
{
	return (k->on & (1u << kind)) != 0;
}

static void
months_set(struct months *m, dun_period m0, dun_period m1)
{
	m->m0 = m0;
	m->m1 = m1;
	m->n = m1 >= m0 ? (size_t)(m1 - m0 + 1) : 0;
}

static size_t
nkeys(int g)
{
	return g == DUN_RG_NONE ? 0 : g == DUN_RG_BUILDING ? 2 : 1;
}

struct kinds *
kinds_new(struct dun_report *rp)
{
	struct kinds *k = xmalloc(sizeof *k);
	dun_period last = month_of(rp->to);
	int y, m, d;

	memset(k, 0, sizeof *k);
	k->rp = rp;
	k->c = rp->c;
	k->on = rp->o.kinds;
	dun_date_split(rp->from[DUN_RK_RATES], &y, &m, &d);
	months_set(&k->rm, dun_period_make(y, 1), last);
	k->y0 = y;
	dun_date_split(rp->to, &k->y1, &m, &d);
	months_set(&k->tm, month_of(rp->from[DUN_RK_TREND]), last);
	gmap_init(&k->ag, nkeys(rp->group[DUN_RK_AGING]), sizeof(struct ag));
	gmap_init(&k->ra, nkeys(rp->group[DUN_RK_RATES]), sizeof(dun_money) *
	    (RA_N * k->rm.n + (size_t)(k->y1 - k->y0 + 1)));
	gmap_init(&k->co, 1, sizeof(struct co));
	gmap_init(&k->ef, nkeys(rp->group[DUN_RK_EFFECT]) + 2,
	    sizeof(struct ef));
	gmap_init(&k->tr_, nkeys(rp->group[DUN_RK_TREND]), sizeof(dun_money) *
	    TR_N * k->tm.n);
	gmap_init(&k->nt, nkeys(rp->group[DUN_RK_NOTICES]) + 2,
	    sizeof(struct nt));
	return k;
}

void
kinds_free(struct kinds *k)
{
	if (k == NULL)
		return;
	dun_trace_free(&k->tr);
	free(k->paid);
	gmap_free(&k->ag);
	gmap_free(&k->ra);
	gmap_free(&k->co);
	gmap_free(&k->ef);
	gmap_free(&k->tr_);
	gmap_free(&k->nt);
	free(k);
}

/* ---- one unit from the ledger ----------------------------------------- */

/* k->paid[i]: principal applied to line i (payments and waivers) on or
 * before day d. */
static void
paid_until(struct kinds *k, dun_date d)
{
	const struct dun_trace *t = &k->tr;
	size_t i;

	if (t->nlines > k->cappaid) {
		k->cappaid = t->nlines * 2;
		k->paid = xrealloc(k->paid, k->cappaid * sizeof *k->paid);
	}
	memset(k->paid, 0, t->nlines * sizeof *k->paid);
	for (i = 0; i < t->nallocs && t->allocs[i].date <= d; i++)
		if (!t->allocs[i].late)
			k->paid[t->allocs[i].line] += t->allocs[i].amount;
}

/* Principal due by day d and unpaid at its end (after paid_until(d)). */
static dun_money
unpaid_at(struct kinds *k, dun_date d)
{
	const struct dun_trace *t = &k->tr;
	dun_money sum = 0;
	size_t i;

	for (i = 0; i < t->nlines; i++)
		if (t->lines[i].due <= d && t->lines[i].amount > k->paid[i])
			add(k, &sum, t->lines[i].amount - k->paid[i]);
	return sum;
}

static void
aging_add(struct kinds *k, const char *const *keys, dun_money balance,
    dun_money late, dun_money total, dun_money not_due, dun_money expected,
    long days, const dun_money *bucket)
{
	struct ag *g = gmap_get(&k->ag, keys);
	const struct dun_config *c = k->c;
	size_t i, b;

	if (total <= 0)
		return;
	g->units++;
	if (balance > 0) {
		for (b = 0; b < c->aging.nbounds && days > c->aging.bounds[b];
		    b++)
			;
		g->n[b]++;
	}
	for (i = 0; i <= c->aging.nbounds; i++)
		add(k, &g->b[i], bucket[i]);
	add(k, &g->balance, balance);
	add(k, &g->late, late);
	add(k, &g->total, total);
	add(k, &g->not_due, not_due);
	add(k, &g->expected, expected);
}

/* 1 if nothing of month m can be known: it ended before the ledger's
 * full history began. */
static int
before_history(const struct kinds *k, dun_period m)
{
	return k->rp->hstart != DUN_NODATE && m < month_of(k->rp->hstart);
}

/* Billed (net of waivers) and collected in the month, for rates and
 * trend alike: into billed[] and coll[] indexed from m. */
static void
billed_collected(struct kinds *k, const struct months *m, dun_money *billed,
    dun_money *coll, dun_money *ytd)
{
	const struct dun_trace *t = &k->tr;
	size_t i;

	for (i = 0; i < t->nlines; i++) {
		const struct dun_line *L = &t->lines[i];

		if (!L->adjustment && L->period >= m->m0 && L->period <= m->m1)
			add(k, &billed[L->period - m->m0], L->amount);
	}
	for (i = 0; i < t->nallocs; i++) {
		const struct dun_alloc *a = &t->allocs[i];
		const struct dun_line *L = &t->lines[a->line];
		dun_period p = L->period, md, last;
		int y, mo;

		if (a->late || L->adjustment || p < m->m0 || p > m->m1)
			continue;
		if (a->waiver) {
			add(k, &billed[p - m->m0], -a->amount);
			continue;
		}
		md = month_of(a->date);
		if (md <= p)
			add(k, &coll[p - m->m0], a->amount);
		/* What is paid on charges billed before history began is
		 * arrears recovered, not the year's collection. */
		if (ytd == NULL || before_history(k, p))
			continue;
		/* Collected for the year to date from the later of the
		 * charge's month and the payment's, within the year. */
		dun_period_split(p, &y, &mo);
		last = dun_period_make(y, 12);
		md = md > p ? md : p;
		if (md <= last && md <= m->m1)
			add(k, &ytd[md - m->m0], a->amount);
	}
}

/* The last day before year y's arrears are counted: 31 December of
 * y - 1, or the day before history begins when that is later. */
static dun_date
year_open(const struct kinds *k, int y)
{
	dun_date s = dun_date_make(y, 1, 1) - 1, h = k->rp->hstart;

	return h != DUN_NODATE && h - 1 > s ? h - 1 : s;
}

static void
rates_unit(struct kinds *k, const struct dun_hist *h)
{
	const char *keys[4];
	const struct dun_trace *t = &k->tr;
	size_t n = k->rm.n, i;
	dun_money *v;
	int y;

	group_keys(k->rp->group[DUN_RK_RATES], h, NULL, keys);
	v = gmap_get(&k->ra, keys);
	billed_collected(k, &k->rm, v + RA_BILLED * n, v + RA_COLL * n,
	    v + RA_YTD * n);
	/* Arrears carried into each year, and what of them was collected. */
	for (y = k->y0; y <= k->y1; y++) {
		dun_date s = year_open(k, y);

		paid_until(k, s);
		add(k, &v[RA_N * n + (size_t)(y - k->y0)], unpaid_at(k, s));
		for (i = 0; i < t->nallocs; i++) {
			const struct dun_alloc *a = &t->allocs[i];
			dun_period md = month_of(a->date);

			if (a->late || a->waiver || a->date <= s ||
			    t->lines[a->line].due > s || md > k->rm.m1 ||
			    md > dun_period_make(y, 12))
				continue;
			add(k, &v[RA_ARR * n + (size_t)(md - k->rm.m0)],
			    a->amount);
		}
	}
}

static void
trend_unit(struct kinds *k, const struct dun_hist *h)
{
	const char *keys[4];
	size_t n = k->tm.n, i;
	dun_money *v, debt;
	dun_period m;

	group_keys(k->rp->group[DUN_RK_TREND], h, NULL, keys);
	v = gmap_get(&k->tr_, keys);
	billed_collected(k, &k->tm, v + TR_BILLED * n, v + TR_COLL * n, NULL);
	for (m = k->tm.m0; m <= k->tm.m1; m++) {
		dun_date e = month_end(m) < k->rp->to ? month_end(m) :
		    k->rp->to;

		paid_until(k, e);
		debt = unpaid_at(k, e);
		if (debt > 0) {
			v[TR_DEBTORS * n + (size_t)(m - k->tm.m0)]++;
			add(k, &v[TR_ARREARS * n + (size_t)(m - k->tm.m0)],
			    debt);
		}
	}
	for (i = 0; i < h->npayments; i++) {
		m = month_of(h->payments[i].date);
		if (h->payments[i].date <= k->rp->to && m >= k->tm.m0 &&
		    m <= k->tm.m1)
			add(k, &v[TR_COLLECTED * n + (size_t)(m - k->tm.m0)],
			    h->payments[i].amount);
	}
}

static void
collectors_unit(struct kinds *k, const struct dun_hist *h)
{
	const char *keys[1];
	const struct dun_trace *t = &k->tr;
	dun_date from = k->rp->from[DUN_RK_COLLECTORS], to = k->rp->to;
	dun_date s = from - 1;
	struct co *g;
	dun_money x;
	size_t i;

	group_keys(DUN_RG_COLLECTOR, h, NULL, keys);
	g = gmap_get(&k->co, keys);
	g->units++;
	paid_until(k, s);
	x = unpaid_at(k, s);
	g->debtors_start += x > 0;
	add(k, &g->start, x);
	paid_until(k, to);
	x = unpaid_at(k, to);
	g->debtors_now += x > 0;
	add(k, &g->now, x);
	for (i = 0; i < h->npayments; i++)
		if (h->payments[i].date >= from && h->payments[i].date <= to)
			add(k, &g->collected, h->payments[i].amount);
	for (i = 0; i < t->nallocs; i++) {
		const struct dun_alloc *a = &t->allocs[i];

		if (!a->late && !a->waiver && a->date >= from && a->date <=
		    to && t->lines[a->line].due <= s)
			add(k, &g->recovered, a->amount);
	}
	for (i = 0; i < h->nevents; i++) {
		const struct dun_hevent *e = &h->events[i];

		if (e->type != DUN_EV_PROMISE || e->date < from || e->date >
		    to)
			continue;
		g->promises++;
		switch (dun_promise_state(k->c, h, e, to)) {
		case DUN_PROMISE_KEPT:
			g->kept++;
			break;
		case DUN_PROMISE_BROKEN:
			g->broken++;
			break;
		case DUN_PROMISE_OPEN:
			g->open++;
			break;
		}
	}
}

/* A notice's stage and channel as keys after the group's. */
static size_t
notice_keys(struct kinds *k, int kind, const struct dun_hist *h,
    const struct dun_hnotice *n, const char **keys)
{
	size_t i = group_keys(k->rp->group[kind], h, n->cls, keys);
	const struct dun_stage *st = n->stage >= 0 ? &k->c->stages[n->stage] :
	    NULL;

	keys[i++] = st ? st->name : "?";
	keys[i++] = n->channel ? n->channel : st ?
	    dun_channel_name(st->channel) : "?";
	return i;
}

static void
notices_unit(struct kinds *k, const struct dun_hist *h)
{
	dun_date from = k->rp->from[DUN_RK_EFFECT], to = k->rp->to;
	const char *keys[4];
	size_t i, j;
	int x;

	for (i = 0; i < h->nnotices; i++) {
		const struct dun_hnotice *n = &h->notices[i];

		if (on(k, DUN_RK_NOTICES) && n->date >= k->rp->from[
		    DUN_RK_NOTICES] && n->date <= to) {
			struct nt *g;

			notice_keys(k, DUN_RK_NOTICES, h, n, keys);
			g = gmap_get(&k->nt, keys);
			g->notices++;
			for (j = 0; j < h->nevents; j++)
				if (h->events[j].type == DUN_EV_SERVED &&
				    h->events[j].ref && n->notice &&
				    h->events[j].date <= to &&
				    strcmp(h->events[j].ref, n->notice) == 0) {
					g->served++;
					break;
				}
		}
		if (on(k, DUN_RK_EFFECT) && n->date >= from && n->date <= to) {
			struct ef *g;

			notice_keys(k, DUN_RK_EFFECT, h, n, keys);
			g = gmap_get(&k->ef, keys);
			g->notices++;
			for (x = 0; x < NH; x++) {
				dun_date end = n->date + horizons[x];
				dun_money paid = 0;

				if (end > to)
					continue;	/* not yet known */
				g->elig[x]++;
				for (j = 0; j < h->npayments; j++)
					if (h->payments[j].date >= n->date &&
					    h->payments[j].date <= end)
						add(k, &paid,
						    h->payments[j].amount);
				if (paid > 0) {
					g->paid[x]++;
					add(k, &g->amount[x], paid);
				}
			}
		}
	}
}

int
kinds_unit(struct kinds *k, const struct dun_hist *h, struct dun_err *err)
{
	struct dun_aged a;
	int traced = 0;
	const char *keys[4];

	if (on(k, DUN_RK_RATES) || on(k, DUN_RK_TREND) ||
	    on(k, DUN_RK_COLLECTORS)) {
		if (dun_age_trace(k->c, k->rp->to, h, &a, &k->tr, err) < 0)
			return -1;
		traced = 1;
	}
	if (on(k, DUN_RK_AGING) && !(k->rp->from_records &
	    (1u << DUN_RK_AGING))) {
		if ((!traced || k->rp->to != k->rp->o.asof) &&
		    dun_age_unit(k->c, k->rp->o.asof, h, &a, err) < 0)
			return -1;
		group_keys(k->rp->group[DUN_RK_AGING], h, NULL, keys);
		aging_add(k, keys, a.balance, a.late_fee, a.total, a.not_due,
		    a.expected_recovery, a.days_overdue, a.bucket);
	}
	if (on(k, DUN_RK_RATES))
		rates_unit(k, h);
	if (on(k, DUN_RK_TREND))
		trend_unit(k, h);
	if (on(k, DUN_RK_COLLECTORS))
		collectors_unit(k, h);
	if ((on(k, DUN_RK_EFFECT) || on(k, DUN_RK_NOTICES)) &&
	    !(k->rp->from_records & (1u << DUN_RK_NOTICES)))
		notices_unit(k, h);
	return 0;
}

/* ---- records ---------------------------------------------------------- */

static int
need_col(const struct dun_rec *r, const char *name, int *col,
    struct dun_err *err)
{
	if ((*col = dun_rec_col(r, name)) < 0) {
		dun_err_set(err, DUN_EXIT_DATA, "%s: no column %s", dun_rec_name(r),
		    name);
		return -1;
	}
	return 0;
}

int
kinds_bind(struct kinds *k, const struct dun_rec *r, int in,
    struct dun_err *err)
{
	static const char *const aged[] = { "total", "balance", "late_fee",
		"not_due", "days_overdue", "expected_recovery" };
	int g = in == DUN_RIN_AGED ? k->rp->group[DUN_RK_AGING] :
	    k->rp->group[DUN_RK_NOTICES];
	char name[48];
	size_t i;

	k->in = in;
	if (in == DUN_RIN_NOTICES) {
		/* With other kinds, the night's notices stand ungrouped. */
		if (g != DUN_RG_NONE && (k->rp->o.kinds & (k->rp->o.kinds - 1))) {
			k->rp->group[DUN_RK_NOTICES] = g = DUN_RG_NONE;
			gmap_free(&k->nt);
			gmap_init(&k->nt, 2, sizeof(struct nt));
		}
		if (g != DUN_RG_NONE) {
			dun_err_set(err, DUN_EXIT_USAGE, "%s: dun-notice's "
			    "records say nothing of the unit's %s; read the "
			    "ledger for that", dun_rec_name(r),
			    g == DUN_RG_BUILDING ? "building" : "group");
			return -1;
		}
		return need_col(r, "stage", &k->col[C_STAGE], err) < 0 ||
		    need_col(r, "channel", &k->col[C_CHANNEL], err) < 0 ? -1 :
		    0;
	}
	for (i = 0; i < sizeof aged / sizeof *aged; i++)
		if (need_col(r, aged[i], &k->col[i], err) < 0)
			return -1;
	for (i = 0; i <= k->c->aging.nbounds; i++)
		if (need_col(r, dun_bucket_name(k->c, i, name, sizeof name),
		    &k->col[C_BUCKET + i], err) < 0)
			return -1;
	k->col[C_KEY0] = k->col[C_KEY1] = -1;
	if (g == DUN_RG_ESTATE || g == DUN_RG_BUILDING)
		if (need_col(r, "estate", &k->col[C_KEY0], err) < 0)
			return -1;
	if (g == DUN_RG_BUILDING)
		if (need_col(r, "building", &k->col[C_KEY1], err) < 0)
			return -1;
	if (g == DUN_RG_COLLECTOR)
		if (need_col(r, "collector", &k->col[C_KEY0], err) < 0)
			return -1;
	if (g == DUN_RG_CLASS && dun_rec_col(r, "class") < 0) {
		dun_err_set(err, DUN_EXIT_DATA, "%s: no column class: grouping "
		    "by class needs dun-classify's records", dun_rec_name(r));
		return -1;
	}
	if (g == DUN_RG_CLASS)
		k->col[C_KEY0] = dun_rec_col(r, "class");
	return 0;
}

static int
money_at(const struct dun_rec *r, int col, dun_money *v, struct dun_err *err)
{
	char why[DUN_WHY];
	const char *s = dun_rec_field(r, (size_t)col);

	*v = 0;
	if (*s == '\0')
		return 0;
	if (dun_money_parse(s, dun_rec_len(r, (size_t)col), v, why) < 0) {
		dun_err_set(err, DUN_EXIT_DATA, "%s:%ld: %s: %s", dun_rec_name(r),
		    dun_rec_line(r), dun_rec_colname(r, (size_t)col), why);
		return -1;
	}
	return 0;
}

int
kinds_aged_record(struct kinds *k, const struct dun_rec *r,
    struct dun_err *err)
{
	dun_money v[6], bucket[DUN_MAXBUCKETS];
	const char *keys[2] = { "", "" }, *s;
	char *end;
	long days;
	size_t i;

	for (i = 0; i < 6; i++)
		if (i != C_DAYS && money_at(r, k->col[i], &v[i], err) < 0)
			return -1;
	for (i = 0; i <= k->c->aging.nbounds; i++)
		if (money_at(r, k->col[C_BUCKET + i], &bucket[i], err) < 0)
			return -1;
	s = dun_rec_field(r, (size_t)k->col[C_DAYS]);
	days = *s ? strtol(s, &end, 10) : 0;
	if (*s && (*end != '\0' || days < 0)) {
		dun_err_set(err, DUN_EXIT_DATA, "%s:%ld: days_overdue: \"%s\" is "
		    "not a count of days", dun_rec_name(r), dun_rec_line(r), s);
		return -1;
	}
	if (k->col[C_KEY0] >= 0)
		keys[0] = dun_rec_field(r, (size_t)k->col[C_KEY0]);
	if (k->col[C_KEY1] >= 0)
		keys[1] = dun_rec_field(r, (size_t)k->col[C_KEY1]);
	aging_add(k, keys, v[C_BALANCE], v[C_LATE], v[C_TOTAL], v[C_NOT_DUE],
	    v[C_EXPECTED], days, bucket);
	return 0;
}

int
kinds_notice_record(struct kinds *k, const struct dun_rec *r,
    struct dun_err *err)
{
	const char *keys[2];
	struct nt *g;

	(void)err;
	keys[0] = dun_rec_field(r, (size_t)k->col[C_STAGE]);
	keys[1] = dun_rec_field(r, (size_t)k->col[C_CHANNEL]);
	g = gmap_get(&k->nt, keys);
	g->notices++;
	g->served = -1;		/* the register's records cannot say */
	return 0;
}

/* ---- tables ----------------------------------------------------------- */

/* What entry_cmp needs to know of the groups it orders. */
struct order {
	const struct dun_config *c;
	const struct gmap *m;
	size_t stage;		/* the stage key's place, or m->nkeys */
};

static int
entry_cmp(const void *ctx, size_t a, size_t b)
{
	const struct order *o = ctx;
	const struct gent *x = &o->m->v[a], *y = &o->m->v[b];
	size_t i;
	int d;

	for (i = 0; i < o->m->nkeys; i++) {
		if (i == o->stage) {
			int sx = stage_index(o->c, x->key[i]);
			int sy = stage_index(o->c, y->key[i]);

			if (sx != sy)
				return sx < sy ? -1 : 1;
		}
		if ((d = strcmp(x->key[i], y->key[i])) != 0)
			return d;
	}
	return 0;
}

/* The groups of m in order of their keys (stage keys in ladder order). */
static size_t *
sorted(const struct kinds *k, const struct gmap *m, size_t stage)
{
	size_t *ix = xmalloc((m->n + 1) * sizeof *ix), i;
	struct order o;

	for (i = 0; i < m->n; i++)
		ix[i] = i;
	o.c = k->c;
	o.m = m;
	o.stage = stage;
	sort_index(ix, m->n, entry_cmp, &o);
	return ix;
}

static const char *
tr(const struct kinds *k, const char *zh, const char *en)
{
	return strcmp(k->rp->lang, "en") == 0 ? en : zh;
}

static struct table *
new_table(struct kinds *k, int kind, const char *zh, const char *en)
{
	struct table *t = table_new(k->rp->a, dun_report_kind_name(kind),
	    tr(k, zh, en));
	struct doc *d = &k->rp->doc;

	t->total_word = tr(k, "合计", "Total");
	d->t = xrealloc(d->t, (d->n + 1) * sizeof *d->t);
	d->t[d->n++] = t;
	return t;
}

/* A note of the window and grouping under a table's title. */
static void
window_note(struct kinds *k, struct table *t, int kind, int window)
{
	static const char *const gz[] = { "", "按小区", "按楼栋", "按催收员",
		"按类别" };
	static const char *const ge[] = { "", "by estate", "by building",
		"by collector", "by class" };
	char a[DUN_DATE_BUFSZ], b[DUN_DATE_BUFSZ];
	char *s = arena_alloc(k->rp->a, 200);
	int g = k->rp->group[kind];

	if (window)
		snprintf(s, 200, "%s %s – %s%s%s", tr(k, "期间", "From"),
		    dun_date_fmt(k->rp->from[kind], a), dun_date_fmt(k->rp->to,
		    b), g ? tr(k, "，", ", ") : "", g ? tr(k, gz[g], ge[g]) :
		    "");
	else
		snprintf(s, 200, "%s %s%s%s", tr(k, "截至", "As of"),
		    dun_date_fmt(k->rp->o.asof, a), g ? tr(k, "，", ", ") : "",
		    g ? tr(k, gz[g], ge[g]) : "");
	t->note = s;
}

const char *
kinds_caveat(struct kinds *k, int kind, int en)
{
	dun_date h = k->rp->hstart;
	dun_period hm, first, last;
	char d[DUN_DATE_BUFSZ];
	struct buf b = { NULL, 0, 0 };
	const char *s;
	int y, m, day, ytd;

	if (h == DUN_NODATE || (kind != DUN_RK_RATES && kind !=
	    DUN_RK_TREND) || !on(k, kind))
		return NULL;
	hm = month_of(h);
	dun_date_split(h, &y, &m, &day);
	first = kind == DUN_RK_RATES ? month_of(k->rp->from[kind]) : k->tm.m0;
	last = kind == DUN_RK_RATES ? k->rm.m1 : k->tm.m1;
	/* Rates count the year to date and the arrears from it in its
	 * year, which may begin before the first month shown. */
	ytd = kind == DUN_RK_RATES && (m > 1 || day > 1) && y >= k->y0 &&
	    y <= k->y1;
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
	s = arena_strdup(k->rp->a, b.s);
	buf_free(&b);
	return s;
}

static void
key_cells(struct table *t, struct tcell *row, const struct gent *e,
    size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		cell_text(t, &row[i], e->key[i]);
}

static void
total_key(struct table *t, struct tcell *row, size_t n)
{
	size_t i;

	if (n == 0)
		return;
	cell_text(t, &row[0], "TOTAL");
	for (i = 1; i < n; i++)
		row[i].null = 1;
}

static void
aging_table(struct kinds *k)
{
	struct table *t = new_table(k, DUN_RK_AGING, "欠费账龄",
	    "Arrears by age");
	const struct dun_config *c = k->c;
	size_t nb = c->aging.nbounds + 1, nk = k->ag.nkeys, i, j, r;
	size_t *ix = sorted(k, &k->ag, nk);
	struct ag tot;
	char name[48];

	window_note(k, t, DUN_RK_AGING, 0);
	group_cols(t, k->rp->group[DUN_RK_AGING]);
	table_col(t, "units", T_INT);
	for (i = 0; i < nb; i++) {
		dun_bucket_name(c, i, name, sizeof name);
		name[0] = 'u';
		table_col(t, name, T_INT);
	}
	for (i = 0; i < nb; i++)
		table_col(t, dun_bucket_name(c, i, name, sizeof name), T_MONEY);
	table_col(t, "balance", T_MONEY);
	table_col(t, "late_fee", T_MONEY);
	table_col(t, "total", T_MONEY);
	table_col(t, "not_due", T_MONEY);
	table_col(t, "expected_recovery", T_MONEY);
	memset(&tot, 0, sizeof tot);
	/* The groups, then their totals; with no grouping, the one row. */
	for (r = 0; r <= k->ag.n; r++) {
		const struct ag *g = r < k->ag.n ? k->ag.v[ix[r]].data : &tot;
		struct tcell *row;
		size_t col = nk;

		if (r == k->ag.n && nk == 0 && k->ag.n > 0)
			break;
		row = table_row(t);
		if (r < k->ag.n) {
			key_cells(t, row, &k->ag.v[ix[r]], nk);
			tot.units += g->units;
			for (j = 0; j < nb; j++) {
				tot.n[j] += g->n[j];
				add(k, &tot.b[j], g->b[j]);
			}
			add(k, &tot.balance, g->balance);
			add(k, &tot.late, g->late);
			add(k, &tot.total, g->total);
			add(k, &tot.not_due, g->not_due);
			add(k, &tot.expected, g->expected);
		} else
			total_key(t, row, nk);
		cell_num(&row[col++], g->units);
		for (j = 0; j < nb; j++)
			cell_num(&row[col++], g->n[j]);
		for (j = 0; j < nb; j++)
			cell_num(&row[col++], g->b[j]);
		cell_num(&row[col++], g->balance);
		cell_num(&row[col++], g->late);
		cell_num(&row[col++], g->total);
		cell_num(&row[col++], g->not_due);
		cell_num(&row[col++], g->expected);
	}
	t->total = nk > 0;
	t->chart.type = CH_COLUMNS;
	t->chart.title = tr(k, "各账龄段欠费金额", "Arrears by age bucket");
	for (j = 0; j < nb; j++)
		t->chart.values[t->chart.nvalues++] = (int)(nk + 1 + nb + j);
	free(ix);
}

/* Sums over months [a, b] of the array v. */
static dun_money
sum(struct kinds *k, const dun_money *v, size_t a, size_t b)
{
	dun_money s = 0;

	for (; a <= b; a++)
		add(k, &s, v[a]);
	return s;
}

static void
rates_row(struct kinds *k, struct table *t, const struct gent *e,
    size_t nk, const dun_money *v, dun_period m)
{
	size_t n = k->rm.n, i = (size_t)(m - k->rm.m0), jan;
	struct tcell *row = table_row(t);
	dun_money b, c2;
	int y, mo;

	if (e)
		key_cells(t, row, e, nk);
	else
		total_key(t, row, nk);
	dun_period_split(m, &y, &mo);
	jan = (size_t)(dun_period_make(y, 1) - k->rm.m0);
	/* In the year history begins, the year to date counts from it. */
	if (k->rp->hstart != DUN_NODATE && month_of(k->rp->hstart) >
	    dun_period_make(y, 1))
		jan = (size_t)(month_of(k->rp->hstart) - k->rm.m0);
	row += nk;
	cell_num(&row[0], m);
	if (before_history(k, m))
		return;		/* not known: empty, not 0.00% */
	cell_num(&row[1], b = v[RA_BILLED * n + i]);
	cell_num(&row[2], c2 = v[RA_COLL * n + i]);
	cell_rate(&row[3], c2, b);
	cell_num(&row[4], b = sum(k, v + RA_BILLED * n, jan, i));
	cell_num(&row[5], c2 = sum(k, v + RA_YTD * n, jan, i));
	cell_rate(&row[6], c2, b);
	cell_num(&row[7], b = v[RA_N * n + (size_t)(y - k->y0)]);
	cell_num(&row[8], c2 = sum(k, v + RA_ARR * n, jan, i));
	cell_rate(&row[9], c2, b);
}

static void
rates_table(struct kinds *k)
{
	static const struct tcol cols[] = { { "period", T_PERIOD },
		{ "billed", T_MONEY }, { "collected", T_MONEY },
		{ "rate", T_RATE }, { "billed_ytd", T_MONEY },
		{ "collected_ytd", T_MONEY }, { "rate_ytd", T_RATE },
		{ "arrears_open", T_MONEY }, { "arrears_collected", T_MONEY },
		{ "recovery_rate", T_RATE } };
	struct table *t = new_table(k, DUN_RK_RATES, "收缴率",
	    "Collection rates");
	size_t nk = k->ra.nkeys, n = k->rm.n, i, r;
	size_t *ix = sorted(k, &k->ra, nk);
	size_t words = RA_N * n + (size_t)(k->y1 - k->y0 + 1);
	dun_money *tot = xmalloc((words + 1) * sizeof *tot);
	dun_period m, first = month_of(k->rp->from[DUN_RK_RATES]);

	window_note(k, t, DUN_RK_RATES, 1);
	t->caveat = kinds_caveat(k, DUN_RK_RATES, strcmp(k->rp->lang, "en") ==
	    0);
	group_cols(t, k->rp->group[DUN_RK_RATES]);
	for (i = 0; i < sizeof cols / sizeof *cols; i++)
		table_col(t, cols[i].name, cols[i].type);
	memset(tot, 0, (words + 1) * sizeof *tot);
	for (r = 0; r < k->ra.n; r++) {
		const dun_money *v = k->ra.v[ix[r]].data;

		for (i = 0; i < words; i++)
			add(k, &tot[i], v[i]);
		for (m = first; m <= k->rm.m1; m++)
			rates_row(k, t, &k->ra.v[ix[r]], nk, v, m);
	}
	if (nk > 0 && k->ra.n > 1)
		for (m = first; m <= k->rm.m1; m++)
			rates_row(k, t, NULL, nk, tot, m);
	t->chart.type = CH_LINES;
	t->chart.title = tr(k, "当期收缴率（按月）", "Collection rate by month");
	t->chart.label = (int)nk;
	t->chart.series = nk ? (int)nk - 1 : -1;
	t->chart.values[t->chart.nvalues++] = (int)nk + 3;
	free(tot);
	free(ix);
}

static void
trend_table(struct kinds *k)
{
	static const struct tcol cols[] = { { "month", T_PERIOD },
		{ "debtors", T_INT }, { "arrears", T_MONEY },
		{ "billed", T_MONEY }, { "collected", T_MONEY },
		{ "rate", T_RATE } };
	struct table *t = new_table(k, DUN_RK_TREND, "欠费趋势",
	    "Arrears over time");
	size_t nk = k->tr_.nkeys, n = k->tm.n, i, r;
	size_t *ix = sorted(k, &k->tr_, nk);
	dun_period m;

	window_note(k, t, DUN_RK_TREND, 1);
	t->caveat = kinds_caveat(k, DUN_RK_TREND, strcmp(k->rp->lang, "en") ==
	    0);
	group_cols(t, k->rp->group[DUN_RK_TREND]);
	for (i = 0; i < sizeof cols / sizeof *cols; i++)
		table_col(t, cols[i].name, cols[i].type);
	for (r = 0; r < k->tr_.n; r++) {
		const dun_money *v = k->tr_.v[ix[r]].data;

		for (m = k->tm.m0; m <= k->tm.m1; m++) {
			struct tcell *row = table_row(t);

			i = (size_t)(m - k->tm.m0);
			key_cells(t, row, &k->tr_.v[ix[r]], nk);
			row += nk;
			cell_num(&row[0], m);
			/* Before history begins, what was owing is known
			 * only on its eve. */
			if (before_history(k, m) && month_end(m) !=
			    k->rp->hstart - 1)
				continue;
			cell_num(&row[1], v[TR_DEBTORS * n + i]);
			cell_num(&row[2], v[TR_ARREARS * n + i]);
			if (before_history(k, m))
				continue;
			cell_num(&row[3], v[TR_BILLED * n + i]);
			cell_num(&row[4], v[TR_COLLECTED * n + i]);
			cell_rate(&row[5], v[TR_COLL * n + i],
			    v[TR_BILLED * n + i]);
		}
	}
	t->chart.type = CH_LINES;
	t->chart.title = tr(k, "月末欠费", "Arrears at each month's end");
	t->chart.label = (int)nk;
	t->chart.series = nk ? (int)nk - 1 : -1;
	t->chart.values[t->chart.nvalues++] = (int)nk + 2;
	free(ix);
}

static int
league_cmp(const void *ctx, size_t a, size_t b)
{
	const struct gmap *m = ctx;
	const struct gent *x = &m->v[a], *y = &m->v[b];
	const struct co *p = x->data, *q = y->data;
	/* recovered/start, compared without dividing */
	__int128 l = (__int128)p->recovered * (q->start > 0 ? q->start : 1);
	__int128 r = (__int128)q->recovered * (p->start > 0 ? p->start : 1);

	if ((p->start > 0) != (q->start > 0))
		return p->start > 0 ? -1 : 1;
	if (l != r)
		return l > r ? -1 : 1;
	return strcmp(x->key[0], y->key[0]);
}

static void
collectors_table(struct kinds *k)
{
	static const struct tcol cols[] = { { "collector", T_TEXT },
		{ "units", T_INT }, { "debtors_start", T_INT },
		{ "arrears_start", T_MONEY }, { "debtors_now", T_INT },
		{ "arrears_now", T_MONEY }, { "collected", T_MONEY },
		{ "recovered", T_MONEY }, { "rate", T_RATE },
		{ "promises", T_INT }, { "kept", T_INT }, { "broken", T_INT },
		{ "open", T_INT } };
	struct table *t = new_table(k, DUN_RK_COLLECTORS, "催收员排行",
	    "Collectors");
	size_t *ix = xmalloc((k->co.n + 1) * sizeof *ix), i, r;
	struct co tot;

	window_note(k, t, DUN_RK_COLLECTORS, 1);
	for (i = 0; i < sizeof cols / sizeof *cols; i++)
		table_col(t, cols[i].name, cols[i].type);
	for (i = 0; i < k->co.n; i++)
		ix[i] = i;
	sort_index(ix, k->co.n, league_cmp, &k->co);
	memset(&tot, 0, sizeof tot);
	for (r = 0; r <= k->co.n; r++) {
		const struct co *g = r < k->co.n ? k->co.v[ix[r]].data : &tot;
		struct tcell *row = table_row(t);

		if (r < k->co.n) {
			cell_text(t, &row[0], k->co.v[ix[r]].key[0]);
			tot.units += g->units;
			tot.debtors_start += g->debtors_start;
			tot.debtors_now += g->debtors_now;
			add(k, &tot.start, g->start);
			add(k, &tot.now, g->now);
			add(k, &tot.collected, g->collected);
			add(k, &tot.recovered, g->recovered);
			tot.promises += g->promises;
			tot.kept += g->kept;
			tot.broken += g->broken;
			tot.open += g->open;
		} else
			cell_text(t, &row[0], "TOTAL");
		cell_num(&row[1], g->units);
		cell_num(&row[2], g->debtors_start);
		cell_num(&row[3], g->start);
		cell_num(&row[4], g->debtors_now);
		cell_num(&row[5], g->now);
		cell_num(&row[6], g->collected);
		cell_num(&row[7], g->recovered);
		cell_rate(&row[8], g->recovered, g->start);
		cell_num(&row[9], g->promises);
		cell_num(&row[10], g->kept);
		cell_num(&row[11], g->broken);
		cell_num(&row[12], g->open);
	}
	t->total = 1;
	t->chart.type = CH_BARS;
	t->chart.title = tr(k, "各催收员欠费与回收", "Collectors side by side");
	t->chart.label = 0;
	t->chart.values[t->chart.nvalues++] = 3;
	t->chart.values[t->chart.nvalues++] = 5;
	t->chart.values[t->chart.nvalues++] = 7;
	free(ix);
}

static void
effect_table(struct kinds *k)
{
	struct table *t = new_table(k, DUN_RK_EFFECT, "催缴效果",
	    "What each step brought in");
	size_t nk = k->ef.nkeys - 2, r, x;
	size_t *ix = sorted(k, &k->ef, nk);
	char name[32];

	window_note(k, t, DUN_RK_EFFECT, 1);
	group_cols(t, k->rp->group[DUN_RK_EFFECT]);
	table_col(t, "stage", T_TEXT);
	table_col(t, "channel", T_TEXT);
	table_col(t, "notices", T_INT);
	for (x = 0; x < NH; x++) {
		snprintf(name, sizeof name, "paid_%d", horizons[x]);
		table_col(t, name, T_INT);
		snprintf(name, sizeof name, "rate_%d", horizons[x]);
		table_col(t, name, T_RATE);
		snprintf(name, sizeof name, "amount_%d", horizons[x]);
		table_col(t, name, T_MONEY);
	}
	for (r = 0; r < k->ef.n; r++) {
		const struct ef *g = k->ef.v[ix[r]].data;
		struct tcell *row = table_row(t);

		key_cells(t, row, &k->ef.v[ix[r]], nk + 2);
		row += nk + 2;
		cell_num(&row[0], g->notices);
		for (x = 0; x < NH; x++) {
			cell_num(&row[1 + 3 * x], g->paid[x]);
			cell_rate(&row[2 + 3 * x], g->paid[x], g->elig[x]);
			cell_num(&row[3 + 3 * x], g->amount[x]);
		}
	}
	t->chart.type = CH_BARS;
	t->chart.title = tr(k, "通知后付款的比例", "Share that paid after each step");
	t->chart.label = (int)nk;
	for (x = 0; x < NH; x++)
		t->chart.values[t->chart.nvalues++] = (int)(nk + 4 + 3 * x);
	free(ix);
}

static void
notices_table(struct kinds *k)
{
	struct table *t = new_table(k, DUN_RK_NOTICES, "已发通知",
	    "Notices issued");
	size_t nk = k->nt.nkeys - 2, r;
	size_t *ix = sorted(k, &k->nt, nk);
	long total = 0, served = 0;
	struct tcell *row;

	if (k->rp->from_records & (1u << DUN_RK_NOTICES))
		t->note = tr(k, "本次发出", "Issued in this run");
	else
		window_note(k, t, DUN_RK_NOTICES, 1);
	group_cols(t, k->rp->group[DUN_RK_NOTICES]);
	table_col(t, "stage", T_TEXT);
	table_col(t, "channel", T_TEXT);
	table_col(t, "notices", T_INT);
	table_col(t, "served", T_INT);
	for (r = 0; r < k->nt.n; r++) {
		const struct nt *g = k->nt.v[ix[r]].data;

		row = table_row(t);
		key_cells(t, row, &k->nt.v[ix[r]], nk + 2);
		cell_num(&row[nk + 2], g->notices);
		if (g->served >= 0)
			cell_num(&row[nk + 3], g->served);
		total += g->notices;
		served += g->served >= 0 ? g->served : 0;
	}
	row = table_row(t);
	total_key(t, row, nk + 2);
	cell_num(&row[nk + 2], total);
	if (!(k->rp->from_records & (1u << DUN_RK_NOTICES)))
		cell_num(&row[nk + 3], served);
	t->total = 1;
	t->chart.type = CH_BARS;
	t->chart.title = tr(k, "各阶段通知数", "Notices by stage");
	t->chart.label = (int)nk;
	t->chart.values[t->chart.nvalues++] = (int)nk + 2;
	free(ix);
}

void
kinds_finish(struct kinds *k)
{
	/* Tables in the order of the kinds, the nightly notices first. */
	if (on(k, DUN_RK_NOTICES))
		notices_table(k);
	if (on(k, DUN_RK_AGING))
		aging_table(k);
	if (on(k, DUN_RK_COLLECTORS))
		collectors_table(k);
	if (on(k, DUN_RK_RATES))
		rates_table(k);
	if (on(k, DUN_RK_TREND))
		trend_table(k);
	if (on(k, DUN_RK_EFFECT))
		effect_table(k);
}

int
kinds_overflow(const struct kinds *k)
{
	return k->overflow;
}

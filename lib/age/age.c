/*
 * age.c — one unit's arrears as of a date: payments applied to charges,
 * late fees to the fen, buckets, the episode's start; what its events
 * say (promises, the limitation date, the episode's notices) is
 * age_events.c's.  Integers only: money in fen, rates in billionths, and
 * the late fee's exact value in fen-billionths (128 bits) until it is
 * rounded, once per charge.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "age.h"

typedef __int128 wide;

/* A day, with its year, month and day of the month once one is asked
 * for: split once for the many charges that ask on the same day. */
struct day {
	dun_date t;
	int y, m, d;		/* m is 0 until split */
};

static struct day
day_of(dun_date t)
{
	struct day x;

	x.t = t;
	x.y = x.m = x.d = 0;
	return x;
}

/* A charge as the simulation sees it. */
struct cs {
	const struct dun_hcharge *in;
	const struct dun_fee *fee;	/* NULL: no late fee */
	int order;			/* fee order within a due date */
	dun_money amount, left;		/* principal, and what is unpaid */
	dun_date due, start, last;	/* start: due + grace */
	struct day sday;		/* start, split when asked */
	int done;			/* principal and late fee all paid */
	wide acc_grace;			/* fen-days unpaid after grace */
	wide acc_due;			/* fen-days unpaid after due */
	wide acc_month;			/* fen-months begun after grace */
	int flat;			/* the flat fee is owed */
	dun_money fee_paid;		/* late fee paid */
};

struct sim {
	const struct dun_config *c;
	struct cs *cs;
	size_t n, first;		/* cs[0..first) are paid */
	size_t fee_first;		/* cs[0..fee_first) owe no fee either */
	int fees;			/* some charge has a late fee */
	dun_money credit, late_waived;
	int overflow;
	struct dun_alloc *log;		/* NULL: no trace is kept */
	size_t nlog, caplog;
	int cur_src, cur_adj;		/* the money being applied */
};

/* Note in the trace that k of the money went to s. */
static inline void
trace(struct sim *m, const struct cs *s, dun_date p, dun_money k, int late)
{
	struct dun_alloc *a;

	if (m->log == NULL || k <= 0)
		return;
	if (m->nlog == m->caplog) {
		m->caplog *= 2;
		m->log = xrealloc(m->log, m->caplog * sizeof *m->log);
	}
	a = &m->log[m->nlog++];
	a->line = (size_t)(s - m->cs);
	a->date = p;
	a->amount = k;
	a->late = late;
	a->waiver = m->cur_adj;
	a->source = m->cur_src;
}

/* Months begun after start, up to and including day t: the least k >= 1
 * with start + k months >= t (0 if t is not after start). */
static long
months_begun(struct day *start, struct day *t)
{
	int last;
	long k;

	if (t->t <= start->t)
		return 0;
	if (start->m == 0)
		dun_date_split(start->t, &start->y, &start->m, &start->d);
	if (t->m == 0)
		dun_date_split(t->t, &t->y, &t->m, &t->d);
	k = (long)(t->y - start->y) * 12 + (t->m - start->m);
	/* start + k months falls in t's month, on its day or the month's
	 * end. */
	last = month_days(t->y, t->m);
	if ((start->d < last ? start->d : last) < t->d)
		k++;
	return k < 1 ? 1 : k;
}

/* num / den rounded to a whole number by mode; num >= 0.  Most fit in
 * 64 bits, where dividing costs far less than in 128. */
static dun_money
round_div(wide num, wide den, enum dun_rounding mode)
{
	wide q, r;

	if (num == 0)
		return 0;	/* paid in time: the commonest fee of all */
	if (num <= INT64_MAX && den <= INT64_MAX) {
		q = (int64_t)num / (int64_t)den;
		r = (int64_t)num % (int64_t)den;
	} else {
		q = num / den;
		r = num % den;
	}

	switch (mode) {
	case DUN_ROUND_DOWN:
		break;
	case DUN_ROUND_UP:
		q += r > 0;
		break;
	case DUN_ROUND_HALF_EVEN:
		if (2 * r > den || (2 * r == den && (q & 1)))
			q++;
		break;
	default:
		if (2 * r >= den)
			q++;
		break;
	}
	return (dun_money)q;
}

/* Unpaid principal accrues up to day t. */
static void
accrue(struct cs *s, dun_date t)
{
	dun_date from;

	if (t <= s->last)
		return;
	if (s->left > 0) {
		from = s->last > s->start ? s->last : s->start;
		if (t > from)
			s->acc_grace += (wide)s->left * (t - from);
		from = s->last > s->due ? s->last : s->due;
		if (t > from)
			s->acc_due += (wide)s->left * (t - from);
	}
	s->last = t;
}

/* The late fee the charge has come to by day t (accrued to t). */
static dun_money
fee_at(struct cs *s, struct day *t)
{
	const struct dun_fee *f = s->fee;
	dun_money fee = 0, cap;
	wide months;

	if (f == NULL)
		return 0;
	switch (f->method) {
	case DUN_LATE_DAILY:
		fee = round_div(s->acc_grace * f->rate, DUN_RATE_ONE,
		    f->rounding);
		break;
	case DUN_LATE_MONTHLY:
		months = s->acc_month;
		if (s->left > 0)
			months += (wide)s->left * months_begun(&s->sday, t);
		fee = round_div(months * f->rate, DUN_RATE_ONE, f->rounding);
		break;
	case DUN_LATE_FLAT:
		if (s->flat || (s->left > 0 && t->t > s->start))
			fee = f->flat;
		break;
	default:
		return 0;
	}
	switch (f->cap) {
	case DUN_CAP_FRACTION:
		cap = round_div((wide)s->amount * f->cap_rate, DUN_RATE_ONE,
		    f->rounding);
		break;
	case DUN_CAP_AMOUNT:
		cap = f->cap_amount;
		break;
	case DUN_CAP_ANNUAL:
		cap = round_div(s->acc_due * f->cap_rate,
		    (wide)DUN_RATE_ONE * 365, f->rounding);
		break;
	default:
		return fee;
	}
	return fee < cap ? fee : cap;
}

/* Pay up to *x of the charge's principal on day p. */
static void
pay_principal(struct sim *m, struct cs *s, dun_date p, dun_money *x)
{
	dun_money k = *x < s->left ? *x : s->left;

	if (k <= 0)
		return;
	trace(m, s, p, k, 0);
	if (s->fee != NULL)
		accrue(s, p);
	s->left -= k;
	*x -= k;
	if (s->fee != NULL && p > s->start) {
		if (s->fee->method == DUN_LATE_MONTHLY) {
			struct day pd = day_of(p);

			s->acc_month += (wide)k * months_begun(&s->sday,
			    &pd);
		}
		s->flat = 1;
	}
}

static void
pay_fees(struct sim *m, dun_date p, dun_money *x)
{
	struct day pd;
	size_t i;

	if (!m->fees)
		return;
	pd = day_of(p);
	/* Charges with no late fee, or paid off fee and all, need no look;
	 * those due after p neither, and they come last. */
	while (m->fee_first < m->n && (m->cs[m->fee_first].done ||
	    m->cs[m->fee_first].fee == NULL))
		m->fee_first++;
	for (i = m->fee_first; i < m->n && *x > 0; i++) {
		struct cs *s = &m->cs[i];
		dun_money fee, owed, k;

		if (s->due > p)
			break;
		/* No fee yet before grace ends; none more once all is paid. */
		if (s->fee == NULL || s->done || (p <= s->start && !s->flat))
			continue;
		accrue(s, p);
		fee = fee_at(s, &pd);
		owed = fee - s->fee_paid;
		k = owed < *x ? owed : *x;
		if (k > 0) {
			trace(m, s, p, k, 1);
			s->fee_paid += k;
			*x -= k;
		}
		/* Paid off, a charge's fee no longer grows. */
		if (s->left <= 0 && s->fee_paid >= fee)
			s->done = 1;
	}
}

/* Apply money on day p: late fees and principal in the config's order,
 * then what is not yet due, then credit.  fees: may pay late fees. */
static void
allocate(struct sim *m, dun_date p, dun_money x, int fees)
{
	int late_first = m->c->allocation.late_first;
	size_t i;

	if (fees && late_first)
		pay_fees(m, p, &x);
	while (m->first < m->n && m->cs[m->first].left <= 0)
		m->first++;
	/* The charges are in due order: those due by p come first. */
	for (i = m->first; i < m->n && x > 0 && m->cs[i].due <= p; i++)
		pay_principal(m, &m->cs[i], p, &x);
	if (fees && !late_first)
		pay_fees(m, p, &x);
	for (i = m->first; i < m->n && x > 0; i++)
		pay_principal(m, &m->cs[i], p, &x);
	m->credit += x;
}

/* Money that names a fee (and a period) goes there first. */
static void
named(struct sim *m, const struct dun_hmoney *v, dun_money *x)
{
	size_t i;

	if (v->fee == DUN_FEE_LATE) {
		pay_fees(m, v->date, x);
		return;
	}
	if (v->fee < 0 && !DUN_FEE_IS_OTHER(v->fee))
		return;
	for (i = 0; i < m->n && *x > 0; i++) {
		const struct dun_hcharge *in = m->cs[i].in;

		if (in != NULL && in->fee == v->fee && (!v->has_period ||
		    in->period == v->period))
			pay_principal(m, &m->cs[i], v->date, x);
	}
}

static int
cs_cmp(const void *a, const void *b)
{
	const struct cs *x = a, *y = b;

	if (x->due != y->due)
		return x->due < y->due ? -1 : 1;
	if (x->order != y->order)
		return x->order < y->order ? -1 : 1;
	if (x->in && y->in && x->in->period != y->in->period)
		return x->in->period < y->in->period ? -1 : 1;
	return 0;
}

struct step {
	const struct dun_hmoney *v;
	int adjustment;
};

/* Charges (and payments) of a unit aged without a malloc: eight years
 * of a unit's monthly fees, about 14 KB of stack. */
enum { AGE_SMALL = 96 };

static int
step_cmp(const void *a, const void *b)
{
	const struct step *x = a, *y = b;

	if (x->v->date != y->v->date)
		return x->v->date < y->v->date ? -1 : 1;
	/* Waivers before payments on one day, then input order. */
	if (x->adjustment != y->adjustment)
		return x->adjustment ? -1 : 1;
	return x->v < y->v ? -1 : x->v > y->v;
}

/* Each fee's place in allocation.fee_order, into order[0..nfees). */
static void
fee_orders(const struct dun_config *c, int *order)
{
	size_t f, i;

	for (f = 0; f < c->nfees; f++) {
		order[f] = (int)c->allocation.fee_order.n;
		for (i = 0; i < c->allocation.fee_order.n; i++)
			if (strcmp(c->allocation.fee_order.v[i],
			    c->fees[f].key) == 0)
				order[f] = (int)i;
	}
}

static void
clear(struct dun_aged *a)
{
	memset(a, 0, sizeof *a);
	a->oldest_due = a->last_paid = a->promise_due = DUN_NODATE;
	a->hardship_until = a->limitation_date = a->episode_start = DUN_NODATE;
	a->last_stage_date = a->demand_served = DUN_NODATE;
	a->last_stage = -1;
}

static int age(const struct dun_config *c, dun_date asof,
    const struct dun_hist *h, struct dun_aged *a, struct dun_line **lines,
    size_t *nlines, struct dun_trace *tr, struct dun_err *err);

int
dun_age_unit(const struct dun_config *c, dun_date asof,
    const struct dun_hist *h, struct dun_aged *a, struct dun_err *err)
{
	return age(c, asof, h, a, NULL, NULL, NULL, err);
}

int
dun_age_statement(const struct dun_config *c, dun_date asof,
    const struct dun_hist *h, struct dun_aged *a, struct dun_line **lines,
    size_t *nlines, struct dun_err *err)
{
	*lines = NULL;
	*nlines = 0;
	return age(c, asof, h, a, lines, nlines, NULL, err);
}

int
dun_age_trace(const struct dun_config *c, dun_date asof,
    const struct dun_hist *h, struct dun_aged *a, struct dun_trace *t,
    struct dun_err *err)
{
	t->nlines = t->nallocs = 0;
	return age(c, asof, h, a, &t->lines, &t->nlines, t, err);
}

void
dun_trace_free(struct dun_trace *t)
{
	free(t->lines);
	free(t->allocs);
	memset(t, 0, sizeof *t);
}

/* A charge as the aging begins, each field written once: no clearing of
 * them all first. */
static inline void
cs_new(struct cs *s, const struct dun_hcharge *in, const struct dun_fee *fee,
    int order, dun_money amount, dun_date due, dun_date start)
{
	s->in = in;
	s->fee = fee;
	s->order = order;
	s->amount = s->left = amount;
	s->due = s->last = due;
	s->start = start;
	s->sday = day_of(start);
	s->done = 0;
	s->acc_grace = s->acc_due = s->acc_month = 0;
	s->flat = 0;
	s->fee_paid = 0;
}

static int
age(const struct dun_config *c, dun_date asof, const struct dun_hist *h,
    struct dun_aged *a, struct dun_line **lines, size_t *nlines,
    struct dun_trace *tr, struct dun_err *err)
{
	struct sim m;
	struct step *steps;
	struct day ad;
	size_t i, k, nsteps = 0, extra = 0, ncs, nst;
	dun_period *seen;
	size_t nseen = 0;
	int order[DUN_MAX_FEES];
	/* A unit of a few years' rows is aged in room on the stack: no
	 * malloc and free for each of a run's many units. */
	struct cs cs_small[AGE_SMALL];
	struct step steps_small[AGE_SMALL];
	dun_period seen_small[AGE_SMALL];

	clear(a);
	memset(&m, 0, sizeof m);
	m.c = c;
	if (tr != NULL) {
		/* The trace keeps its room from one unit to the next. */
		m.log = tr->allocs;
		m.caplog = tr->capallocs;
		if (m.log == NULL)
			m.log = xmalloc((m.caplog = 64) * sizeof *m.log);
		free(*lines);
		*lines = NULL;
	}
	fee_orders(c, order);
	for (i = 0; i < h->nadjustments; i++)
		extra += h->adjustments[i].amount < 0;
	ncs = h->ncharges + extra + 1;
	nst = h->npayments + h->nadjustments + 1;
	m.cs = ncs <= AGE_SMALL ? cs_small : xmalloc(ncs * sizeof *m.cs);
	steps = nst <= AGE_SMALL ? steps_small : xmalloc(nst * sizeof *steps);
	seen = h->ncharges + 1 <= AGE_SMALL ? seen_small :
	    xmalloc((h->ncharges + 1) * sizeof *seen);
	for (i = 0; i < h->ncharges; i++) {
		const struct dun_hcharge *in = &h->charges[i];
		const struct dun_fee *fee = in->fee >= 0 &&
		    c->fees[in->fee].method != DUN_LATE_NONE ?
		    &c->fees[in->fee] : NULL;
		dun_date start = in->due + (fee ? fee->grace_days : 0);

		m.fees |= fee != NULL;
		cs_new(&m.cs[m.n++], in, fee, in->fee >= 0 &&
		    in->fee < DUN_MAX_FEES ? order[in->fee] :
		    (int)c->allocation.fee_order.n + 1, in->amount, in->due,
		    start);
	}
	/* A negative adjustment raises what is owed: a charge of its own,
	 * due on its date, with no late fee. */
	for (i = 0; i < h->nadjustments; i++) {
		const struct dun_hmoney *v = &h->adjustments[i];

		if (v->amount >= 0 || v->date > asof)
			continue;
		cs_new(&m.cs[m.n++], NULL, NULL, v->fee >= 0 &&
		    v->fee < DUN_MAX_FEES ? order[v->fee] :
		    (int)c->allocation.fee_order.n + 1, -v->amount, v->date,
		    v->date);
	}
	/* Charges come nearly in due order: insertion sort, stable. */
	for (i = 1; i < m.n; i++) {
		struct cs t;

		if (cs_cmp(&m.cs[i - 1], &m.cs[i]) <= 0)
			continue;	/* in its place: no copy */
		t = m.cs[i];
		for (k = i; k > 0 && cs_cmp(&m.cs[k - 1], &t) > 0; k--)
			m.cs[k] = m.cs[k - 1];
		m.cs[k] = t;
	}
	for (i = 0; i < h->npayments; i++)
		if (h->payments[i].date <= asof) {
			steps[nsteps].v = &h->payments[i];
			steps[nsteps++].adjustment = 0;
		}
	for (i = 0; i < h->nadjustments; i++)
		if (h->adjustments[i].date <= asof &&
		    h->adjustments[i].amount > 0) {
			steps[nsteps].v = &h->adjustments[i];
			steps[nsteps++].adjustment = 1;
		}
	/* Payments come nearly in date order too. */
	for (i = 1; i < nsteps; i++) {
		struct step t = steps[i];

		for (k = i; k > 0 && step_cmp(&steps[k - 1], &t) > 0; k--)
			steps[k] = steps[k - 1];
		steps[k] = t;
	}
	for (i = 0; i < nsteps; i++) {
		const struct dun_hmoney *v = steps[i].v;
		dun_money x = v->amount;

		m.cur_adj = steps[i].adjustment;
		m.cur_src = (int)(v - (m.cur_adj ? h->adjustments :
		    h->payments));
		if (steps[i].adjustment && v->fee == DUN_FEE_LATE) {
			m.overflow |= dun_money_add(m.late_waived, x,
			    &m.late_waived) < 0;
			continue;
		}
		if (c->allocation.named_first || steps[i].adjustment)
			named(&m, v, &x);
		allocate(&m, v->date, x, !steps[i].adjustment);
		if (!steps[i].adjustment) {
			if (a->last_paid == DUN_NODATE || v->date > a->last_paid) {
				a->last_paid = v->date;
				a->last_paid_amount = 0;
			}
			if (v->date == a->last_paid &&
			    dun_money_add(a->last_paid_amount, v->amount,
			    &a->last_paid_amount) < 0)
				m.overflow = 1;
		}
	}

	if (lines != NULL)
		*lines = xmalloc((m.n + 1) * sizeof **lines);
	/* Where each charge stands at the end of the day asof. */
	ad = day_of(asof);
	for (i = 0; i < m.n; i++) {
		struct cs *s = &m.cs[i];
		int b;
		long age;

		if (lines != NULL) {
			struct dun_line *ln = &(*lines)[(*nlines)++];

			ln->fee = s->in ? s->in->fee : DUN_FEE_NONE;
			ln->period = s->in ? s->in->period : 0;
			ln->adjustment = s->in == NULL;
			ln->has_range = s->in ? s->in->has_range : 0;
			ln->start = s->in ? s->in->start : s->due;
			ln->until = s->in && s->in->has_range ? s->in->until :
			    DUN_NODATE;
			ln->due = s->due;
			ln->amount = s->amount;
			ln->unpaid = s->left;
			ln->late_fee = 0;
			/* A charge paid off, fee and all, owes none. */
			if (s->fee != NULL && !s->done && s->due <= asof) {
				accrue(s, asof);
				ln->late_fee = fee_at(s, &ad) - s->fee_paid;
			}
		}
		if (s->due > asof) {
			m.overflow |= dun_money_add(a->not_due, s->left,
			    &a->not_due) < 0;
			continue;
		}
		if (s->fee != NULL && !s->done) {
			accrue(s, asof);
			m.overflow |= dun_money_add(a->late_fee, fee_at(s, &ad) -
			    s->fee_paid, &a->late_fee) < 0;
		}
		if (s->left <= 0)
			continue;
		m.overflow |= dun_money_add(a->balance, s->left, &a->balance) <
		    0;
		if (a->oldest_due == DUN_NODATE || s->due < a->oldest_due)
			a->oldest_due = s->due;
		age = asof - s->due;
		for (b = 0; b < (int)c->aging.nbounds && age >
		    c->aging.bounds[b]; b++)
			;
		m.overflow |= dun_money_add(a->bucket[b], s->left,
		    &a->bucket[b]) < 0;
		if (s->in != NULL) {
			for (k = 0; k < nseen && seen[k] != s->in->period; k++)
				;
			if (k == nseen)
				seen[nseen++] = s->in->period;
		}
	}
	a->periods_unpaid = (long)nseen;
	a->late_fee -= m.late_waived;
	if (a->late_fee < 0)
		a->late_fee = 0;
	a->credit = m.credit;
	m.overflow |= dun_money_add(a->balance, a->late_fee, &a->total) < 0;
	if (a->oldest_due != DUN_NODATE)
		a->days_overdue = asof - a->oldest_due;
	for (i = 0; i < m.n; i++)
		if (m.cs[i].left > 0 && (a->episode_start == DUN_NODATE ||
		    m.cs[i].due < a->episode_start))
			a->episode_start = m.cs[i].due;
	for (i = 0; i <= c->aging.nbounds; i++)
		a->expected_recovery += round_div((wide)a->bucket[i] *
		    c->aging.recovery[i], DUN_RATE_ONE, DUN_ROUND_HALF_UP);
	age_events(c, asof, h, a);
	if (tr != NULL) {
		tr->allocs = m.log;
		tr->nallocs = m.nlog;
		tr->capallocs = m.caplog;
	}
	if (m.cs != cs_small)
		free(m.cs);
	if (steps != steps_small)
		free(steps);
	if (seen != seen_small)
		free(seen);
	if (m.overflow) {
		dun_err_set(err, DUN_EXIT_DATA, "unit %s: its amounts add up "
		    "past what dun can count", abbr_v(h->hh.unit).s);
		return -1;
	}
	return 0;
}

/* ---- which units dun-age writes -------------------------------------- */

int
dun_age_wanted(const struct dun_config *c, dun_date asof,
    const struct dun_aged *a)
{
	int lead = 0;
	size_t i;

	if (a->total > 0)
		return 1;
	for (i = 0; i < c->nstages; i++)
		if (c->stages[i].days < lead)
			lead = c->stages[i].days;
	return a->not_due > 0 && a->episode_start != DUN_NODATE &&
	    (int64_t)a->episode_start + lead <= asof;
}

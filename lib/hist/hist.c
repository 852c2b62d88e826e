/* hist.c — gathering one unit's history, whatever it is read from, the
 * names of the events it holds, and its household's texts. */
#include <stdlib.h>
#include <string.h>

#include "hist.h"

static const char *const event_names[DUN_EV_COUNT] = { "promise",
	"dispute", "resolved", "hardship", "plan", "contact", "served", "ack",
	"dnc", "contact-ok" };

const char *
dun_event_name(int type)
{
	return type >= 0 && type < DUN_EV_COUNT ? event_names[type] : "?";
}

int
dun_event_parse(const char *s)
{
	int i;

	for (i = 0; i < DUN_EV_COUNT; i++)
		if (strcmp(s, event_names[i]) == 0)
			return i;
	return -1;
}

const enum dun_hh_text hist_texts[6] = { DUN_HH_ESTATE, DUN_HH_BUILDING,
	DUN_HH_OWNER, DUN_HH_PHONE, DUN_HH_OCCUPANCY, DUN_HH_COLLECTOR };

const char *
dun_hh(const struct dun_household *h, enum dun_hh_text t)
{
	return h->text[t] != NULL ? h->text[t] : "";
}

void
hb_init(struct hb *b)
{
	memset(b, 0, sizeof *b);
	b->a = arena_new();
}

void
hb_reset(struct hb *b)
{
	arena_reset(b->a);
	memset(&b->h.hh, 0, sizeof b->h.hh);
	b->h.ncharges = b->h.npayments = b->h.nadjustments = 0;
	b->h.nevents = b->h.nnotices = 0;
	b->h.nothers = 0;
	b->bad = b->has_info = 0;
}

void
hb_free(struct hb *b)
{
	free(b->h.charges);
	free(b->h.payments);
	free(b->h.adjustments);
	free(b->h.events);
	free(b->h.notices);
	free(b->h.others);
	arena_free(b->a);
}

char *
hb_str(struct hb *b, const char *s)
{
	return s == NULL || *s == '\0' ? NULL : arena_strdup(b->a, s);
}

/* Room for k more in array *v of n items, capacity *cap. */
static void *
more(void *v, size_t n, size_t k, size_t *cap, size_t size)
{
	if (n + k <= *cap)
		return v;
	*cap = *cap ? *cap * 2 : 16;
	if (*cap < n + k)
		*cap = n + k;
	return xrealloc(v, *cap * size);
}

/* Array v of *n items, capacity *cap, with the k items at w appended:
 * where it is now. */
static void *
append(void *v, size_t *n, size_t *cap, const void *w, size_t k,
    size_t size)
{
	if (k == 0)
		return v;
	v = more(v, *n, k, cap, size);
	memcpy((char *)v + *n * size, w, k * size);
	*n += k;
	return v;
}

void
hb_copy(struct hb *b, const struct hb *a)
{
	const struct dun_hist *h = &a->h;

	b->h.hh = h->hh;
	b->bad = a->bad;
	b->has_info = a->has_info;
	b->h.charges = append(b->h.charges, &b->h.ncharges, &b->cap[0],
	    h->charges, h->ncharges, sizeof *h->charges);
	b->h.payments = append(b->h.payments, &b->h.npayments, &b->cap[1],
	    h->payments, h->npayments, sizeof *h->payments);
	b->h.adjustments = append(b->h.adjustments, &b->h.nadjustments,
	    &b->cap[2], h->adjustments, h->nadjustments,
	    sizeof *h->adjustments);
	b->h.events = append(b->h.events, &b->h.nevents, &b->cap[3],
	    h->events, h->nevents, sizeof *h->events);
	b->h.notices = append(b->h.notices, &b->h.nnotices, &b->cap[4],
	    h->notices, h->nnotices, sizeof *h->notices);
	b->h.others = append(b->h.others, &b->h.nothers, &b->cap[5],
	    h->others, h->nothers, sizeof *h->others);
}

struct dun_hcharge *
hb_charges(struct hb *b, size_t k)
{
	struct dun_hcharge *c;
	size_t i;

	b->h.charges = more(b->h.charges, b->h.ncharges, k, &b->cap[0],
	    sizeof *b->h.charges);
	b->h.ncharges += k;
	c = memset(&b->h.charges[b->h.ncharges - k], 0,
	    k * sizeof *b->h.charges);
	for (i = 0; i < k; i++)
		c[i].until = DUN_NODATE;	/* no range until one is read */
	return c;
}

/* k more payments or adjustments at the end of *v, zeroed. */
static struct dun_hmoney *
moneys(struct dun_hmoney **v, size_t *n, size_t *cap, size_t k)
{
	*v = more(*v, *n, k, cap, sizeof **v);
	*n += k;
	return memset(&(*v)[*n - k], 0, k * sizeof **v);
}

struct dun_hmoney *
hb_payments(struct hb *b, size_t k)
{
	return moneys(&b->h.payments, &b->h.npayments, &b->cap[1], k);
}

struct dun_hmoney *
hb_adjustments(struct hb *b, size_t k)
{
	return moneys(&b->h.adjustments, &b->h.nadjustments, &b->cap[2], k);
}

struct dun_hcharge *
hb_charge(struct hb *b)
{
	return hb_charges(b, 1);
}

struct dun_hmoney *
hb_payment(struct hb *b)
{
	return hb_payments(b, 1);
}

struct dun_hmoney *
hb_adjustment(struct hb *b)
{
	return hb_adjustments(b, 1);
}

struct dun_hevent *
hb_event(struct hb *b)
{
	b->h.events = more(b->h.events, b->h.nevents, 1, &b->cap[3],
	    sizeof *b->h.events);
	return memset(&b->h.events[b->h.nevents++], 0, sizeof *b->h.events);
}

struct dun_hnotice *
hb_notice(struct hb *b)
{
	b->h.notices = more(b->h.notices, b->h.nnotices, 1, &b->cap[4],
	    sizeof *b->h.notices);
	return memset(&b->h.notices[b->h.nnotices++], 0,
	    sizeof *b->h.notices);
}

int
hb_fee(struct hb *b, const struct dun_config *c, const char *name,
    int late_ok)
{
	int f = fee_index(c, name, late_ok);
	size_t k;

	if (f >= 0 && fee_is_deposit(c, c->fees[f].key))
		return DUN_FEE_DEPOSIT;
	if (f != -3)
		return f;
	if (fee_is_deposit(c, name))
		return DUN_FEE_DEPOSIT;
	for (k = 0; k < b->h.nothers; k++)
		if (strcmp(b->h.others[k], name) == 0)
			return DUN_FEE_OTHER - (int)k;
	b->h.others = more(b->h.others, b->h.nothers, 1, &b->cap[5],
	    sizeof *b->h.others);
	b->h.others[b->h.nothers] = arena_strdup(b->a, name);
	return DUN_FEE_OTHER - (int)b->h.nothers++;
}

/* What the payments (or adjustments) naming charge c's fee and period
 * come to. */
static dun_money
named_sum(const struct dun_hmoney *v, size_t n, const struct dun_hcharge *c)
{
	dun_money sum = 0;
	size_t i;

	for (i = 0; i < n; i++)
		if (v[i].fee == c->fee && v[i].has_period &&
		    v[i].period == c->period && v[i].amount > 0 &&
		    dun_money_add(sum, v[i].amount, &sum) < 0)
			return INT64_MAX;
	return sum;
}

/* Leave out what was reversed, and what is dated before start. */
static size_t
kept(struct dun_hmoney *v, size_t n, dun_date start)
{
	size_t i, k = 0;

	for (i = 0; i < n; i++)
		if (!v[i].reversed && (start == DUN_NODATE ||
		    v[i].date >= start))
			v[k++] = v[i];
	return k;
}

/* m: amount paid or waived on bill line c, as the line says, on its
 * first day. */
static void
of_line(struct dun_hmoney *m, const struct dun_hcharge *c, dun_money amount)
{
	m->date = c->start;
	m->amount = amount;
	m->fee = c->fee;
	m->has_period = 1;
	m->period = c->period;
}

/* v[from, n) put in date order among v[0, from), which is. */
static void
by_date(struct dun_hmoney *v, size_t from, size_t n)
{
	struct dun_hmoney t;
	size_t i, k;

	for (i = from; i < n; i++) {
		t = v[i];
		for (k = i; k > 0 && v[k - 1].date > t.date; k--)
			v[k] = v[k - 1];
		v[k] = t;
	}
}

void
hb_settle(struct hb *b, dun_date start)
{
	size_t i, n = b->h.ncharges, np = b->h.npayments;
	size_t na = b->h.nadjustments;

	/* A ledger begun from an arrears list: its lines say what was paid
	 * and waived before the history starts, all of it; a payment or
	 * adjustment dated before then is in those figures already (or
	 * paid a bill the list left out as paid). */
	if (start != DUN_NODATE) {
		b->h.npayments = kept(b->h.payments, np, start);
		b->h.nadjustments = kept(b->h.adjustments, na, start);
		np = na = 0;
	}

	for (i = 0; i < n; i++) {
		const struct dun_hcharge *c = &b->h.charges[i];
		dun_money left;

		if (c->paid > 0 && (left = c->paid - named_sum(b->h.payments,
		    np, c)) > 0)
			of_line(hb_payment(b), &b->h.charges[i], left);
		c = &b->h.charges[i];
		if (c->waived > 0 && (left = c->waived -
		    named_sum(b->h.adjustments, na, c)) > 0)
			of_line(hb_adjustment(b), &b->h.charges[i], left);
	}
	by_date(b->h.payments, np, b->h.npayments);
	by_date(b->h.adjustments, na, b->h.nadjustments);
	b->h.npayments = kept(b->h.payments, b->h.npayments, DUN_NODATE);
	b->h.nadjustments = kept(b->h.adjustments, b->h.nadjustments,
	    DUN_NODATE);
}

dun_date
period_day1(dun_period p)
{
	int y, m;

	dun_period_split(p, &y, &m);
	return dun_date_make(y, m, 1);
}

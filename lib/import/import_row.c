/*
 * import_row.c — a row's fields typed (money, dates, periods, fees), and
 * its charge, payment, adjustment, event or reversal checked and put.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import_int.h"

static const char *const event_types[] = { "promise", "dispute",
	"resolved", "hardship", "plan", "contact", "served", "ack", "dnc",
	"contact-ok", NULL };

/* ---- one row -------------------------------------------------------- */

/* A field of the row, trimmed; NULL if the file lacks the column or the
 * field is empty. */
const char *
import_field(struct dun_import *im, int col, size_t *n)
{
	const char *s;
	size_t len;

	if (im->map[col] < 0)
		return NULL;
	s = dun_rec_field(im->r, (size_t)im->map[col]);
	len = dun_rec_len(im->r, (size_t)im->map[col]);
	trim(&s, &len);
	if (len == 0)
		return NULL;
	/* Trimmed in place: fields are the reader's to reuse. */
	((char *)s)[len] = '\0';
	if (n)
		*n = len;
	return s;
}

int
import_rowerr(struct dun_import *im, struct dun_err *err, int col,
    const char *fmt, ...)
{
	struct buf msg = { 0 };
	va_list ap;

	va_start(ap, fmt);
	buf_vfmt(&msg, fmt, ap);
	va_end(ap);
	if (col == IN_UNIT && im->map[IN_UNIT] < 0 && im->map[IN_ROOM] >= 0)
		col = IN_ROOM;	/* the unit, made of its parts */
	dun_err_set(err, DUN_EXIT_DATA, "%s:%ld: %s: %s", dun_rec_name(im->r),
	    dun_rec_line(im->r), im->map[col] >= 0 ?
	    dun_rec_colname(im->r, (size_t)im->map[col]) : in_table[col].name,
	    msg.s ? msg.s : "");
	buf_free(&msg);
	return -1;
}

static int
need(struct dun_import *im, int col, const char **s, size_t *n,
    struct dun_err *err)
{
	if ((*s = import_field(im, col, n)) == NULL)
		return import_rowerr(im, err, col, "is empty");
	return 0;
}

static int
get_money(struct dun_import *im, int col, int required, dun_money *v,
    int *has, struct dun_err *err)
{
	char why[DUN_WHY];
	const char *s;
	size_t n;

	*has = 0;
	if ((s = import_field(im, col, &n)) == NULL)
		return required ? import_rowerr(im, err, col, "is empty") : 0;
	if (dun_money_parse(s, n, v, why) < 0)
		return import_rowerr(im, err, col, "%s", why);
	*has = 1;
	return 0;
}

static int
get_date(struct dun_import *im, int col, int required, dun_date *v,
    int *has, struct dun_err *err)
{
	char why[DUN_WHY];
	const char *s;
	size_t n;

	*has = 0;
	if ((s = import_field(im, col, &n)) == NULL)
		return required ? import_rowerr(im, err, col, "is empty") : 0;
	if (dun_date_parse(s, n, im->c->import.dates, v, why) < 0)
		return import_rowerr(im, err, col, "%s", why);
	*has = 1;
	return 0;
}

/* A period: 2026-11, 202611, 2026年11月, or a date within it. */
static int
get_period(struct dun_import *im, int required, dun_period *v, int *has,
    struct dun_err *err)
{
	char why[DUN_WHY], why2[DUN_WHY];
	const char *s;
	size_t n;
	dun_date d;

	*has = 0;
	if ((s = import_field(im, IN_PERIOD, &n)) == NULL)
		return required ? import_rowerr(im, err, IN_PERIOD,
		    "is empty") : 0;
	if (dun_period_parse(s, n, v, why) < 0) {
		if (n < 8 || dun_date_parse(s, n, im->c->import.dates &
		    ~DUN_DATE_EXCEL, &d, why2) < 0)
			return import_rowerr(im, err, IN_PERIOD, "%s", why);
		*v = dun_period_of(d);
	}
	*has = 1;
	return 0;
}

/* A fee name the config lacks: counted, to be told once. */
static void
other_fee(struct dun_import *im, const char *name)
{
	size_t i;

	for (i = 0; i < im->nothers; i++)
		if (strcmp(im->others[i].name, name) == 0) {
			im->others[i].rows++;
			return;
		}
	if (im->nothers % 16 == 0)
		im->others = xrealloc(im->others, (im->nothers + 16) *
		    sizeof *im->others);
	im->others[im->nothers].name = xstrdup(name);
	im->others[im->nothers].rows = 1;
	im->nothers++;
}

static int
get_fee(struct dun_import *im, int required, int late_ok, const char **key,
    struct dun_err *err)
{
	const struct dun_fee *f;
	const char *s;

	*key = NULL;
	if ((s = import_field(im, IN_FEE, NULL)) == NULL)
		return required ? import_rowerr(im, err, IN_FEE, "is empty") : 0;
	if (late_ok && (strcmp(s, "late") == 0 || strcmp(s, "违约金") == 0 ||
	    strcmp(s, "滞纳金") == 0)) {
		*key = "late";
		return 0;
	}
	if ((f = dun_config_fee(im->c, s)) == NULL) {
		/* Told of for bills; a payment naming a fee with no bill
		 * (预存款, money on account) is applied as any other. */
		if (im->kind == DUN_KIND_CHARGE)
			other_fee(im, s);
		*key = s;
		return 0;
	}
	*key = f->key;
	return 0;
}

/* A bill line's figures: amount billed (应收), paid on it (实收), waived
 * (优惠, 减免) and owing (欠费), any of them missing but one: each found
 * from the others, and all four must agree. */
static int
bill_figures(struct dun_import *im, struct charge_row *c, struct dun_err *err)
{
	char a[DUN_MONEY_BUFSZ], p[DUN_MONEY_BUFSZ], w[DUN_MONEY_BUFSZ];
	char o[DUN_MONEY_BUFSZ], x[DUN_MONEY_BUFSZ];
	dun_money owing = 0, late, net;
	int has_a, has_p, has_w, has_o, has_l;

	if (!(im->have & (BIT(IN_PAID) | BIT(IN_WAIVER) | BIT(IN_OWING) |
	    BIT(IN_LATE)))) {
		/* A bill of the usual kind: its amount and nothing more. */
		if (get_money(im, IN_AMOUNT, 1, &c->amount, &has_a, err) < 0)
			return -1;
		if (c->amount < 0)
			return import_rowerr(im, err, IN_AMOUNT, "a charge "
			    "cannot be negative (record a credit as an "
			    "adjustment)");
		return 0;
	}
	if (get_money(im, IN_AMOUNT, 0, &c->amount, &has_a, err) < 0 ||
	    get_money(im, IN_PAID, 0, &c->paid, &has_p, err) < 0 ||
	    get_money(im, IN_WAIVER, 0, &c->waived, &has_w, err) < 0 ||
	    get_money(im, IN_OWING, 0, &owing, &has_o, err) < 0 ||
	    get_money(im, IN_LATE, 0, &late, &has_l, err) < 0)
		return -1;
	if (!has_a && !has_o)
		return import_rowerr(im, err, im->map[IN_AMOUNT] >= 0 ?
		    IN_AMOUNT : IN_OWING, "is empty");
	if (c->paid < 0)
		return import_rowerr(im, err, IN_PAID, "cannot be negative "
		    "(record a refund as an adjustment)");
	if (c->waived < 0)
		return import_rowerr(im, err, IN_WAIVER, "cannot be negative");
	if (owing < 0)
		return import_rowerr(im, err, IN_OWING, "is negative: more was "
		    "paid than billed; record the overpayment as a payment of "
		    "its own");
	if (has_l && late != 0) {
		im->late_rows++;
		if (dun_money_add(im->late_total, late, &im->late_total) < 0)
			return import_rowerr(im, err, IN_LATE, "too large to "
			    "add up");
	}
	if (!has_a) {
		if (dun_money_add(owing, c->paid, &c->amount) < 0 ||
		    dun_money_add(c->amount, c->waived, &c->amount) < 0)
			return import_rowerr(im, err, IN_OWING, "too large");
		return 0;
	}
	if (c->amount < 0)
		return import_rowerr(im, err, IN_AMOUNT, "a charge cannot be "
		    "negative (record a credit as an adjustment)");
	if (c->paid > c->amount || c->waived > c->amount - c->paid)
		return import_rowerr(im, err, has_p ? IN_PAID : IN_WAIVER, "%s "
		    "paid and %s waived are more than the %s billed",
		    dun_money_fmt(c->paid, p), dun_money_fmt(c->waived, w),
		    dun_money_fmt(c->amount, a));
	net = c->amount - c->paid - c->waived;
	if (has_o && !has_p) {
		if (owing > c->amount - c->waived)
			return import_rowerr(im, err, IN_OWING, "%s owing is "
			    "more than the %s billed", dun_money_fmt(owing, o),
			    dun_money_fmt(c->amount - c->waived, a));
		c->paid = c->amount - c->waived - owing;
	} else if (has_o && owing != net)
		return import_rowerr(im, err, IN_OWING, "is %s, but %s billed "
		    "less %s paid less %s waived is %s; correct the line in "
		    "the export", dun_money_fmt(owing, o),
		    dun_money_fmt(c->amount, a), dun_money_fmt(c->paid, p),
		    dun_money_fmt(c->waived, w), dun_money_fmt(net, x));
	return 0;
}

/* The last day of a period's month. */
static dun_date
last_day(dun_period p)
{
	return period_day1(p + 1) - 1;
}

/* The charge's period and billing range: a period, or the range's first
 * month; due, or the last day of that month. */
static int
bill_dates(struct dun_import *im, struct charge_row *c, struct dun_err *err)
{
	char d1[DUN_DATE_BUFSZ], d2[DUN_DATE_BUFSZ];
	int has, has_end;

	if (!(im->have & (BIT(IN_START) | BIT(IN_END)))) {
		/* A bill of the usual kind: its period and due date. */
		if (get_period(im, 1, &c->period, &has, err) < 0 ||
		    get_date(im, IN_DUE, 0, &c->due, &has, err) < 0)
			return -1;
		if (!has)
			c->due = last_day(c->period);
		return 0;
	}
	if (get_date(im, IN_START, 0, &c->start, &c->has_range, err) < 0 ||
	    get_date(im, IN_END, 0, &c->until, &has_end, err) < 0 ||
	    get_period(im, 0, &c->period, &has, err) < 0)
		return -1;
	if (has_end && !c->has_range)
		return import_rowerr(im, err, IN_START, "is empty, but the "
		    "range ends %s", dun_date_fmt(c->until, d1));
	if (!has_end)
		c->until = DUN_NODATE;
	if (c->has_range && has_end && c->until < c->start)
		return import_rowerr(im, err, IN_END, "%s is before the start, "
		    "%s", dun_date_fmt(c->until, d1), dun_date_fmt(c->start,
		    d2));
	if (!has && !c->has_range)
		return import_rowerr(im, err, im->map[IN_PERIOD] >= 0 ?
		    IN_PERIOD : IN_START, "is empty");
	if (!has) {
		c->period = dun_period_of(c->start);
	}
	if (get_date(im, IN_DUE, 0, &c->due, &has, err) < 0)
		return -1;
	if (!has)
		c->due = last_day(c->period);
	return 0;
}

int
import_put_charge(struct dun_import *im, struct dun_err *err)
{
	struct charge_row c, old;
	char a[DUN_MONEY_BUFSZ], b[DUN_MONEY_BUFSZ], p[DUN_DATE_BUFSZ];
	char d1[DUN_DATE_BUFSZ], d2[DUN_DATE_BUFSZ];
	int k;

	memset(&c, 0, sizeof c);
	if (import_need_unit(im, &c.unit, err) < 0 ||
	    get_fee(im, 1, 0, &c.fee, err) < 0 ||
	    bill_dates(im, &c, err) < 0 ||
	    bill_figures(im, &c, err) < 0)
		return -1;
	c.bill = import_field(im, IN_BILL, NULL);
	if (import_unit_id(im, c.unit, &c.unit_id, err) < 0 ||
	    import_household(im, c.unit_id, c.unit, err) < 0)
		return -1;
	k = ledger_put_charge(im->l, &c, im->import_id, im->o.replace, &old,
	    err);
	if (k != PUT_CONFLICT)
		return k;
	dun_period_fmt(c.period, p);
	if (old.amount != c.amount)
		return import_rowerr(im, err, IN_AMOUNT, "charge %s %s %s%s%s "
		    "is %s in the %s, %s here (--replace changes it; a second "
		    "bill of the same fee and month needs a bill number "
		    "column)", abbr_v(c.unit).s, abbr_v(c.fee).s, p,
		    c.bill ? " bill " : "", abbr_v(c.bill ? c.bill : "").s,
		    dun_money_fmt(old.amount, a),
		    old.import_id == im->import_id ? "rows above" : "ledger",
		    dun_money_fmt(c.amount, b));
	if (old.due != c.due)
		return import_rowerr(im, err, IN_DUE, "charge %s %s %s is due "
		    "%s in the %s, %s here (--replace changes it)",
		    abbr_v(c.unit).s, abbr_v(c.fee).s, p,
		    dun_date_fmt(old.due, d1), old.import_id ==
		    im->import_id ? "rows above" : "ledger", dun_date_fmt(c.due,
		    d2));
	if (old.paid != c.paid)
		return import_rowerr(im, err, IN_PAID, "charge %s %s %s has %s "
		    "paid on it in the %s, %s here (--replace changes it)",
		    abbr_v(c.unit).s, abbr_v(c.fee).s, p,
		    dun_money_fmt(old.paid, a),
		    old.import_id == im->import_id ? "rows above" : "ledger",
		    dun_money_fmt(c.paid, b));
	if (old.waived != c.waived)
		return import_rowerr(im, err, IN_WAIVER, "charge %s %s %s has "
		    "%s waived in the %s, %s here (--replace changes it)",
		    abbr_v(c.unit).s, abbr_v(c.fee).s, p,
		    dun_money_fmt(old.waived, a),
		    old.import_id == im->import_id ? "rows above" : "ledger",
		    dun_money_fmt(c.waived, b));
	return import_rowerr(im, err, IN_START, "charge %s %s %s has another "
	    "billing range in the %s (--replace changes it)",
	    abbr_v(c.unit).s, abbr_v(c.fee).s, p, old.import_id == im->import_id ? "rows above" : "ledger");
}

/* A reversal is by ref, so the ref of a reversed payment is not taken
 * by an adjustment, nor the other way round: that row would be left out
 * as reversed.  0, or -1 and err. */
static int
ref_reversed(struct dun_import *im, const char *ref, int adjustment,
    struct dun_err *err)
{
	struct reversal_row v;
	struct money_row m;
	int k;

	if ((k = ledger_reversal(im->l, ref, &v, &im->held2, err)) <= 0)
		return k;
	if ((k = ledger_money_find(im->l, ref, &m, &im->held, err)) < 0)
		return -1;
	if (k & (adjustment ? FOUND_ADJUSTMENT : FOUND_PAYMENT))
		return 0;
	return import_rowerr(im, err, IN_REF, "%s is the ref of a reversed "
	    "%s: give this %s a ref of its own", abbr_q(ref).s,
	    adjustment ? "payment" :
	    "adjustment", adjustment ? "adjustment" : "payment");
}

int
import_put_money(struct dun_import *im, int adjustment, struct dun_err *err)
{
	struct money_row m, old;
	char a[DUN_MONEY_BUFSZ], b[DUN_MONEY_BUFSZ];
	const char *ou;
	char d1[DUN_DATE_BUFSZ], d2[DUN_DATE_BUFSZ];
	size_t n;
	int has, k, bad = 0, same;

	memset(&m, 0, sizeof m);
	if (need(im, IN_REF, &m.ref, &n, err) < 0 ||
	    import_need_unit(im, &m.unit, err) < 0)
		return -1;
	bad |= get_date(im, IN_DATE, 1, &m.date, &has, err) < 0;
	bad |= !bad && get_money(im, IN_AMOUNT, 1, &m.amount, &has, err) < 0;
	bad |= !bad && get_fee(im, 0, 1, &m.fee, err) < 0;
	bad |= !bad && get_period(im, 0, &m.period, &m.has_period, err) < 0;
	if (bad)
		return -1;
	if (!adjustment && m.amount <= 0)
		return import_rowerr(im, err, IN_AMOUNT, "a payment must be "
		    "above 0 (record a refund as an adjustment)");
	if (adjustment && m.amount == 0)
		return import_rowerr(im, err, IN_AMOUNT, "an adjustment of 0.00 "
		    "changes nothing");
	m.text = import_field(im, adjustment ? IN_REASON : IN_METHOD, NULL);
	if (!adjustment) {
		/* One receipt may be split over fee lines: a line is one by
		 * its fee and period. */
		im->unit2.len = 0;
		buf_str(&im->unit2, m.fee ? m.fee : "");
		if (m.has_period) {
			char pb[DUN_DATE_BUFSZ];

			buf_str(&im->unit2, " ");
			buf_str(&im->unit2, dun_period_fmt(m.period, pb));
		}
		m.line = im->unit2.s;
	}
	if (ref_reversed(im, m.ref, adjustment, err) < 0 ||
	    import_unit_id(im, m.unit, &m.unit_id, err) < 0 || (!adjustment &&
	    import_household(im, m.unit_id, m.unit, err) < 0))
		return -1;
	k = ledger_put_money(im->l, adjustment, &m, im->import_id,
	    im->o.replace, &old, &im->held, err);
	if (k != PUT_CONFLICT)
		return k;
	ou = im->held.s;
	dun_date_fmt(old.date, d1);
	dun_date_fmt(m.date, d2);
	if (old.other_line && old.import_id != im->import_id)
		return import_rowerr(im, err, IN_REF, "receipt %s is in the "
		    "ledger already, without this line (%s): a receipt's lines "
		    "are loaded together, from one file; if the receipt was "
		    "changed, reverse it (dun-import -k reversal) and load the "
		    "new one under its own number", abbr_v(m.ref).s,
		    abbr_v(m.line).s);
	if (old.other_line)
		return import_rowerr(im, err, IN_REF, "receipt %s is for %s on "
		    "%s in the rows above, here for %s on %s: one receipt is "
		    "one payment, of one unit on one day", abbr_v(m.ref).s,
		    abbr_v(ou).s, d1, abbr_v(m.unit).s, d2);
	dun_money_fmt(old.amount, a);
	dun_money_fmt(m.amount, b);
	same = strcmp(a, b) == 0 && strcmp(d1, d2) == 0 &&
	    strcmp(ou, m.unit) == 0;
	return import_rowerr(im, err, IN_REF, "%s %s is %s %s %s in the %s, "
	    "here %s %s %s%s (--replace changes it)", adjustment ?
	    "adjustment" : "payment", abbr_v(m.ref).s, abbr_v(ou).s, d1, a,
	    old.import_id == im->import_id ? "rows above" : "ledger",
	    abbr_v(m.unit).s, d2, b, same ?
	    " with another fee, period or note" : "");
}

int
import_put_event(struct dun_import *im, struct dun_err *err)
{
	struct event_row e;
	const char *unit, *type;
	size_t n;
	int i, has, bad = 0;

	memset(&e, 0, sizeof e);
	if (import_need_unit(im, &unit, err) < 0 ||
	    need(im, IN_TYPE, &type, &n, err) < 0)
		return -1;
	for (i = 0; event_types[i]; i++)
		if (strcmp(type, event_types[i]) == 0)
			break;
	if (event_types[i] == NULL)
		return import_rowerr(im, err, IN_TYPE, "%s is not an event "
		    "type (promise, dispute, resolved, hardship, plan, "
		    "contact, served, ack, dnc, contact-ok)", abbr_q(type).s);
	e.type = event_types[i];
	bad |= get_date(im, IN_DATE, 1, &e.date, &has, err) < 0;
	bad |= !bad && get_date(im, IN_DUE, 0, &e.due, &e.has_due, err) < 0;
	bad |= !bad && get_money(im, IN_AMOUNT, 0, &e.amount, &e.has_amount,
	    err) < 0;
	if (bad)
		return -1;
	e.ref = import_field(im, IN_REF, NULL);
	e.note = import_field(im, IN_NOTE, NULL);
	if (e.has_amount && e.amount <= 0)
		return import_rowerr(im, err, IN_AMOUNT, "must be above 0");
	/* What each type of event must say. */
	if ((strcmp(e.type, "promise") == 0 || strcmp(e.type, "plan") == 0)) {
		if (!e.has_amount)
			return import_rowerr(im, err, IN_AMOUNT, "a %s needs an "
			    "amount", e.type);
		if (!e.has_due)
			return import_rowerr(im, err, IN_DUE, "a %s needs a due "
			    "date", e.type);
	}
	if (strcmp(e.type, "hardship") == 0 && !e.has_due)
		return import_rowerr(im, err, IN_DUE, "a hardship needs the "
		    "date it lasts until, in due");
	if ((strcmp(e.type, "dispute") == 0 || strcmp(e.type, "resolved") ==
	    0 || strcmp(e.type, "served") == 0) && e.ref == NULL)
		return import_rowerr(im, err, IN_REF, "a %s needs a ref (%s)",
		    e.type, strcmp(e.type, "served") == 0 ?
		    "the notice served" : "the ticket");
	if (strcmp(e.type, "contact") == 0 && e.note == NULL)
		return import_rowerr(im, err, IN_NOTE, "a contact needs a note "
		    "of its outcome");
	if (e.has_due && e.due < e.date && strcmp(e.type, "hardship") != 0)
		return import_rowerr(im, err, IN_DUE, "is before the event's "
		    "date");
	if (import_unit_id(im, unit, &e.unit_id, err) < 0)
		return -1;
	return ledger_put_event(im->l, &e, im->import_id, err);
}

/* A reversal: the payment or adjustment it names is cancelled as if it
 * had never been made, and both are kept. */
int
import_put_reversal(struct dun_import *im, struct dun_err *err)
{
	struct reversal_row v, old;
	struct money_row m;
	char d1[DUN_DATE_BUFSZ], d2[DUN_DATE_BUFSZ];
	const char *u, *unit, *what;
	size_t n;
	int has, k;

	memset(&v, 0, sizeof v);
	if (need(im, IN_REF, &v.ref, &n, err) < 0 ||
	    get_date(im, IN_DATE, 1, &v.date, &has, err) < 0 ||
	    need(im, IN_REASON, &v.reason, &n, err) < 0)
		return -1;
	if ((k = ledger_money_find(im->l, v.ref, &m, &im->held, err)) < 0)
		return -1;
	unit = im->held.s;
	if (k == 0)
		return import_rowerr(im, err, IN_REF, "no payment or adjustment "
		    "%s in the ledger", abbr_q(v.ref).s);
	if (k == (FOUND_PAYMENT | FOUND_ADJUSTMENT))
		return import_rowerr(im, err, IN_REF, "%s is both a payment "
		    "and an adjustment in the ledger: which to reverse cannot "
		    "be told", abbr_q(v.ref).s);
	what = k == FOUND_PAYMENT ? "payment" : "adjustment";
	if ((u = import_field(im, IN_UNIT, NULL)) != NULL &&
	    strcmp(u, unit) != 0)
		return import_rowerr(im, err, IN_UNIT, "%s %s is of unit %s, "
		    "not %s", what, abbr_v(v.ref).s, abbr_v(unit).s,
		    abbr_v(u).s);
	if (v.date < m.date)
		return import_rowerr(im, err, IN_DATE, "is before the date of "
		    "%s %s, %s", what, abbr_v(v.ref).s,
		    dun_date_fmt(m.date, d1));
	k = ledger_put_reversal(im->l, &v, im->import_id, im->o.replace,
	    &old, &im->held2, err);
	if (k != PUT_CONFLICT)
		return k;
	return import_rowerr(im, err, IN_REF, "reversal of %s %s is %s %s "
	    "in the %s, here %s %s (--replace changes it)", what,
	    abbr_v(v.ref).s, dun_date_fmt(old.date, d1),
	    abbr_q(old.reason).s, old.import_id == im->import_id ?
	    "rows above" : "ledger", dun_date_fmt(v.date, d2),
	    abbr_q(v.reason).s);
}

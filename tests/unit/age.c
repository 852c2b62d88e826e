/* The aging engine, against values computed by hand. */
#include "dun.h"
#include "tap.h"
#include "unit.h"

static dun_date
D(const char *s)
{
	dun_date t;

	dun_date_parse(s, strlen(s), DUN_DATE_ISO, &t, NULL);
	return t;
}

static dun_period
P(const char *s)
{
	dun_period p;

	dun_period_parse(s, strlen(s), &p, NULL);
	return p;
}

static int
fee(const struct dun_config *c, const char *name)
{
	return (int)(dun_config_fee(c, name) - c->fees);
}

static struct dun_hcharge ch[16];
static struct dun_hmoney pay[16], adj[16];
static struct dun_hevent ev[16];
static struct dun_hnotice no[8];
static struct dun_hist h;

static void
reset(void)
{
	memset(&h, 0, sizeof h);
	h.hh.unit = "3-1201";
	h.charges = ch;
	h.payments = pay;
	h.adjustments = adj;
	h.events = ev;
	h.notices = no;
}

static void
charge(const struct dun_config *c, const char *f, const char *period,
    const char *due, dun_money amount)
{
	struct dun_hcharge *x = &ch[h.ncharges++];

	x->fee = fee(c, f);
	x->period = P(period);
	x->due = D(due);
	x->amount = amount;
}

static struct dun_hmoney *
payment(const char *date, dun_money amount)
{
	struct dun_hmoney *x = &pay[h.npayments++];

	memset(x, 0, sizeof *x);
	x->date = D(date);
	x->amount = amount;
	x->fee = DUN_FEE_NONE;
	return x;
}

static struct dun_hevent *
event(int type, const char *date)
{
	struct dun_hevent *x = &ev[h.nevents++];

	memset(x, 0, sizeof *x);
	x->type = type;
	x->date = D(date);
	return x;
}

static struct dun_aged
age(const struct dun_config *c, const char *asof)
{
	struct dun_aged a;
	struct dun_err err;

	if (dun_age_unit(c, D(asof), &h, &a, &err) < 0)
		printf("# %s\n", err.msg);
	return a;
}

static const char *
ds(dun_date t)
{
	static char b[4][DUN_DATE_BUFSZ];
	static int k;

	k = (k + 1) % 4;
	if (t == DUN_NODATE)
		return "none";
	return dun_date_fmt(t, b[k]);
}

int
main(void)
{
	struct dun_config *c = unit_config(""), *nocap, *mo, *fl, *lf;
	struct dun_aged a;
	struct dun_hmoney *p;
	struct dun_hevent *e;

	/* The worked example of dun-age(1). */
	reset();
	charge(c, "management", "2026-01", "2026-01-31", 100000);
	payment("2026-04-01", 40000);
	payment("2026-05-11", 60000);
	a = age(c, "2026-06-30");
	is_int(a.balance, 0, "worked example: the principal is paid");
	is_int(a.late_fee, 898, "  the late fee is capped at 3.9%% a year: 8.98");
	is_int(a.total, 898, "  total 8.98");
	is_str(ds(a.last_paid), "2026-05-11", "  last paid 2026-05-11");
	is_int(a.last_paid_amount, 60000, "  600.00");
	nocap = unit_config("fees:\n  management:\n    late_fee:\n"
	    "      cap: none\n");
	a = age(nocap, "2026-06-30");
	is_int(a.late_fee, 1620, "  without the cap: 16.20");
	/* Unpaid, the fee runs on to the as-of date. */
	h.npayments = 1;
	a = age(nocap, "2026-06-30");
	/* 30 days of 1000.00, then 90 days (Apr 2 - Jun 30) of 600.00. */
	is_int(a.late_fee, (100000 * 30 + 60000 * 90) * 3 / 10000,
	    "  unpaid: 25.20");
	is_int(a.balance, 60000, "  balance 600.00");
	is_int(a.bucket[2], 60000, "  in b91_180 (150 days)");
	is_int(a.days_overdue, 150, "  150 days overdue");
	/* Within grace, nothing. */
	a = age(nocap, "2026-03-02");
	is_int(a.late_fee, 0, "no late fee within grace");
	a = age(nocap, "2026-03-03");
	is_int(a.late_fee, 30, "one day after grace: 1000.00 x 0.03%% = 0.30");
	dun_config_free(nocap);

	/* Monthly: water, 0.5%% per month begun after 15 days, capped at the
	 * principal. */
	reset();
	charge(c, "water", "2026-01", "2026-01-15", 10000);
	a = age(c, "2026-01-30");
	is_int(a.late_fee, 0, "monthly: nothing on the last day of grace");
	a = age(c, "2026-01-31");
	is_int(a.late_fee, 50, "  0.50 the day after: a month begun");
	a = age(c, "2026-02-28");
	is_int(a.late_fee, 50, "  still one month to 2026-02-28");
	a = age(c, "2026-03-01");
	is_int(a.late_fee, 100, "  two months from 2026-03-01");
	mo = unit_config("fees:\n  water:\n    late_fee:\n"
	    "      rate: 40%\n");
	a = age(mo, "2026-06-30");
	is_int(a.late_fee, 10000, "  capped at the principal");
	dun_config_free(mo);
	/* Part paid in the first month: that part owes one month. */
	payment("2026-02-10", 4000);
	a = age(c, "2026-03-01");
	is_int(a.late_fee, 20 + 60, "  part paid: 40.00 x 1 month + 60.00 x 2");

	/* Flat, once past grace; rounding; caps by fraction and amount. */
	fl = unit_config("fees:\n  parking:\n    late_fee:\n"
	    "      method: flat\n      amount: 20.00\n      grace_days: 5\n"
	    "      cap: {amount: 15.00}\n");
	reset();
	charge(fl, "parking", "2026-01", "2026-01-31", 30000);
	a = age(fl, "2026-02-05");
	is_int(a.late_fee, 0, "flat: nothing within grace");
	a = age(fl, "2026-02-06");
	is_int(a.late_fee, 1500, "  20.00 capped at 15.00");
	payment("2026-02-04", 30000);
	a = age(fl, "2026-03-01");
	is_int(a.late_fee, 0, "  paid within grace: none");
	dun_config_free(fl);

	lf = unit_config("fees:\n  management:\n    late_fee:\n"
	    "      rate: 0.05%\n      cap: {fraction: 1%}\n"
	    "      rounding: down\n");
	reset();
	charge(lf, "management", "2026-01", "2026-01-31", 12345);
	a = age(lf, "2026-03-05");
	/* 3 days x 123.45 x 0.05% = 0.185175: down 0.18; cap 1%% = 1.2345
	 * down 1.23. */
	is_int(a.late_fee, 18, "rounding down: 0.18");
	a = age(lf, "2026-06-30");
	is_int(a.late_fee, 123, "  capped at 1%% of the charge, 1.23");
	dun_config_free(lf);
	lf = unit_config("fees:\n  management:\n    late_fee:\n"
	    "      rate: 0.05%\n      cap: none\n      rounding: half-even\n");
	reset();
	charge(lf, "management", "2026-01", "2026-01-31", 10000);
	a = age(lf, "2026-03-03");
	/* 1 day x 100.00 x 0.05%% = 0.05 exactly. */
	is_int(a.late_fee, 5, "half-even, exact: 0.05");
	a = age(lf, "2026-03-04");
	is_int(a.late_fee, 10, "  two days 0.10");
	dun_config_free(lf);

	/* A waiver of the late fee. */
	reset();
	charge(c, "management", "2026-01", "2026-01-31", 100000);
	payment("2026-04-01", 40000);
	payment("2026-05-11", 60000);
	adj[h.nadjustments].date = D("2026-06-01");
	adj[h.nadjustments].amount = 500;
	adj[h.nadjustments++].fee = DUN_FEE_LATE;
	a = age(c, "2026-06-30");
	is_int(a.late_fee, 398, "a late-fee waiver of 5.00 leaves 3.98");
	adj[0].amount = 5000;
	a = age(c, "2026-06-30");
	is_int(a.late_fee, 0, "  one larger than the fee leaves 0.00");

	/* Allocation: oldest due first, then fee order, across periods. */
	reset();
	charge(c, "parking", "2026-01", "2026-01-31", 30000);
	charge(c, "management", "2026-01", "2026-01-31", 20000);
	charge(c, "water", "2026-01", "2026-02-15", 5000);
	charge(c, "management", "2026-02", "2026-02-28", 20000);
	payment("2026-02-20", 45000);
	a = age(c, "2026-02-28");
	/* 45000: management 01 (20000), parking 01 (25000 of 30000). */
	is_int(a.balance, 5000 + 5000 + 20000, "FIFO: 300.00 still owed");
	is_int(a.periods_unpaid, 2, "  over two periods");
	is_str(ds(a.oldest_due), "2026-01-31", "  the oldest 2026-01-31");
	/* A payment naming fee and period goes there first. */
	p = payment("2026-02-21", 5000);
	p->fee = fee(c, "management");
	p->has_period = 1;
	p->period = P("2026-02");
	a = age(c, "2026-02-28");
	is_int(a.balance, 5000 + 5000 + 15000, "  a named payment pays 2026-02");
	is_str(ds(a.oldest_due), "2026-01-31", "  the oldest still 2026-01-31");
	/* Prepayment: beyond all that is due, then what is not yet due. */
	reset();
	charge(c, "management", "2026-01", "2026-01-31", 20000);
	charge(c, "management", "2026-02", "2026-02-28", 20000);
	charge(c, "management", "2026-03", "2026-03-31", 20000);
	payment("2026-01-10", 70000);
	a = age(c, "2026-02-15");
	is_int(a.balance, 0, "prepaid: nothing owed");
	is_int(a.not_due, 0, "  nothing still to pay of what is billed");
	is_int(a.credit, 10000, "  100.00 of credit");
	ok(a.total == 0, "  so not in arrears");
	/* Payments after the as-of date do not count. */
	reset();
	charge(c, "management", "2026-01", "2026-01-31", 20000);
	payment("2026-02-20", 20000);
	a = age(c, "2026-02-19");
	is_int(a.balance, 20000, "a payment after the as-of date is left out");
	is_str(ds(a.last_paid), "none", "  and was not the last paid");
	/* Late fees before principal. */
	lf = unit_config("allocation:\n  late_fees: before-principal\n"
	    "fees:\n  management:\n    late_fee:\n      cap: none\n");
	reset();
	charge(lf, "management", "2026-01", "2026-01-31", 100000);
	payment("2026-04-01", 40000);
	a = age(lf, "2026-04-01");
	/* By 2026-04-01 the fee is 9.00 (30 days of 1000.00): paid first. */
	is_int(a.late_fee, 0, "before-principal: the fee is paid first");
	is_int(a.balance, 100000 - 40000 + 900, "  and 9.00 less principal");
	dun_config_free(lf);

	/* Limitation: three years from the due date, restarted. */
	reset();
	charge(c, "management", "2023-05", "2023-05-31", 20000);
	a = age(c, "2026-01-01");
	is_str(ds(a.limitation_date), "2026-06-01",
	    "limitation: 2026-05-31 is a Sunday, so 2026-06-01");
	e = event(DUN_EV_PROMISE, "2024-02-01");
	e->has_due = e->has_amount = 1;
	e->due = D("2024-02-10");
	e->amount = 1000;
	a = age(c, "2026-01-01");
	is_str(ds(a.limitation_date), "2027-02-01", "  a promise restarts it");
	ev[0].type = DUN_EV_ACK;
	a = age(c, "2026-01-01");
	is_str(ds(a.limitation_date), "2027-02-01", "  so does an acknowledgement");
	ev[0].type = DUN_EV_CONTACT;
	a = age(c, "2026-01-01");
	is_str(ds(a.limitation_date), "2026-06-01", "  a call does not");
	payment("2024-03-05", 100);
	a = age(c, "2026-01-01");
	is_str(ds(a.limitation_date), "2027-03-05", "  a part payment does");
	h.npayments = 0;
	no[0].notice = "N-1";
	no[0].stage = 3;	/* demand: a written demand */
	no[0].date = D("2024-06-01");
	no[0].episode = D("2023-05-31");
	no[0].has_episode = 1;
	h.nnotices = 1;
	e = event(DUN_EV_SERVED, "2024-06-03");
	e->ref = "N-1";
	a = age(c, "2026-01-01");
	is_str(ds(a.limitation_date), "2027-06-03",
	    "  a served written demand does");
	is_str(ds(a.demand_served), "2024-06-03", "  and is the demand served");
	is_int(a.notices, 1, "  one notice in the episode");
	is_str(c->stages[a.last_stage].name, "demand", "  the last stage");
	no[0].stage = 1;	/* an SMS: not a demand */
	a = age(c, "2026-01-01");
	is_str(ds(a.limitation_date), "2026-06-01", "  a served SMS does not");
	reset();
	charge(c, "management", "2022-10", "2022-10-01", 20000);
	a = age(c, "2025-01-01");
	is_str(ds(a.limitation_date), "2025-10-09",
	    "  2025-10-01 falls in the National Day holiday: 2025-10-09");
	is_int(a.days_to_limitation, 281, "  281 days away");

	/* Promises: open, kept, broken. */
	reset();
	charge(c, "management", "2026-01", "2026-01-31", 100000);
	e = event(DUN_EV_PROMISE, "2026-03-01");
	e->has_due = e->has_amount = 1;
	e->due = D("2026-03-10");
	e->amount = 50000;
	a = age(c, "2026-03-12");
	is_int(a.promise, DUN_PROMISE_OPEN, "a promise within its grace is open");
	a = age(c, "2026-03-14");
	is_int(a.promise, DUN_PROMISE_BROKEN, "  broken after it");
	is_int(a.broken_promises, 1, "  one broken");
	payment("2026-03-09", 50000);
	a = age(c, "2026-03-14");
	is_int(a.promise, DUN_PROMISE_KEPT, "  kept when paid in time");
	is_str(ds(a.promise_due), "2026-03-10", "  due 2026-03-10");

	/* Disputes, hardship, plans. */
	e = event(DUN_EV_DISPUTE, "2026-02-01");
	e->ref = "R-1";
	a = age(c, "2026-03-14");
	is_str(a.dispute, "R-1", "an open dispute");
	e = event(DUN_EV_RESOLVED, "2026-02-20");
	e->ref = "R-1";
	a = age(c, "2026-03-14");
	ok(a.dispute == NULL, "  none once resolved");

	/* Do not contact: the household list, then the latest event. */
	h.hh.dnc = 1;
	a = age(c, "2026-03-14");
	ok(a.dnc, "do not contact, as the household list says");
	e = event(DUN_EV_CONTACT_OK, "2026-03-01");
	a = age(c, "2026-03-14");
	ok(!a.dnc, "  until the debtor allows it again");
	e = event(DUN_EV_DNC, "2026-03-05");
	a = age(c, "2026-03-14");
	ok(a.dnc, "  and the latest event wins");
	h.hh.dnc = 0;

	/* Buckets and what they are worth. */
	reset();
	charge(c, "management", "2026-06", "2026-06-30", 10000);
	charge(c, "management", "2026-05", "2026-05-31", 10000);
	charge(c, "management", "2025-05", "2025-05-31", 10000);
	charge(c, "management", "2023-05", "2023-05-31", 10000);
	a = age(c, "2026-07-10");
	ok(a.bucket[0] == 10000 && a.bucket[1] == 10000 && a.bucket[4] ==
	    10000 && a.bucket[5] == 10000, "buckets by age");
	is_int(a.expected_recovery, 9500 + 8500 + 3500 + 2000,
	    "  worth 95%%, 85%%, 35%% and 20%%");
	dun_config_free(c);
	return done_testing();
}

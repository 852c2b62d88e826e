/* The kinds of report, each on its own: found by name in report.c's
 * table, then fed hand-made records or histories and their tables read
 * back cell by cell against figures worked out by hand. */
#include <stdlib.h>

#include "report_int.h"
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

/* A report's context as report.c sets it up: kind alone, grouped by g,
 * over from .. to (the report's date). */
static void
ctx(struct rk_ctx *x, const struct dun_config *c, int kind, int g,
    const char *from, const char *to)
{
	int k;

	memset(x, 0, sizeof *x);
	x->c = c;
	x->o.kinds = 1u << kind;
	x->o.group = g;
	x->o.asof = x->to = D(to);
	x->o.from = D(from);
	x->o.to = DUN_NODATE;
	x->lang = "en";
	x->hstart = DUN_NODATE;
	for (k = 0; k < DUN_RK_COUNT; k++) {
		x->from[k] = D(from);
		x->group[k] = g;
	}
	x->a = arena_new();
	x->doc.lang = x->lang;
	x->doc.asof = x->o.asof;
}

static void
ctx_free(struct rk_ctx *x)
{
	size_t i;

	for (i = 0; i < x->doc.n; i++)
		table_free(x->doc.t[i]);
	free(x->doc.t);
	arena_free(x->a);
}

/* The column of t named name, or -1. */
static int
col(const struct table *t, const char *name)
{
	size_t i;

	for (i = 0; i < t->ncols; i++)
		if (strcmp(t->cols[i].name, name) == 0)
			return (int)i;
	return -1;
}

static const struct tcell *
cell(const struct table *t, size_t r, const char *name)
{
	static const struct tcell none = { 0, NULL, 1 };
	int i = col(t, name);

	return i < 0 || r >= t->nrows ? &none : &t->cells[r * t->ncols + i];
}

/* A number of row r, or -1 when the cell is empty. */
static long long
num(const struct table *t, size_t r, const char *name)
{
	const struct tcell *c = cell(t, r, name);

	return c->null ? -1 : (long long)c->v;
}

static const char *
str(const struct table *t, size_t r, const char *name)
{
	const struct tcell *c = cell(t, r, name);

	return c->null ? "(null)" : c->s;
}

/* Every record of r to kind's record hook, then r closed; the errors,
 * one a line, the scratch folder's name left out ("" if none; in the
 * arena a). */
static const char *
feed(const struct report_kind *rk, void *k, struct dun_rec *r,
    struct arena *a)
{
	struct dun_err err;
	struct buf b = { NULL, 0, 0 };
	const char *s;

	if (rk->bind(k, r, &err) < 0) {
		buf_str(&b, "bind: ");
		buf_str(&b, unit_local(err.msg));
	} else
		while (dun_rec_next(r, &err) > 0)
			if (rk->record(k, r, &err) < 0) {
				buf_str(&b, unit_local(err.msg));
				buf_str(&b, "\n");
			}
	dun_rec_close(r);
	s = arena_strdup(a, b.s ? b.s : "");
	buf_free(&b);
	return s;
}

/* ---- a unit's history ------------------------------------------------- */

static struct dun_hcharge ch[8];
static struct dun_hmoney pay[8];
static struct dun_hevent ev[8];
static struct dun_hnotice no[8];
static struct dun_hist h;
static struct dun_trace tr;
static struct dun_aged aged;

/* Unit A-1 of 东园, collected by 王五: 300.00 billed for January and for
 * February; 100.01 paid on 20 January, 200.00 on 27 February. */
static void
history(const struct dun_config *c)
{
	const struct dun_fee *f = dun_config_fee(c, "management");

	memset(&h, 0, sizeof h);
	h.hh.unit = "A-1";
	h.hh.text[DUN_HH_ESTATE] = "东园";
	h.hh.text[DUN_HH_BUILDING] = "1栋";
	h.hh.text[DUN_HH_COLLECTOR] = "王五";
	h.charges = ch;
	h.payments = pay;
	h.events = ev;
	h.notices = no;
	memset(ch, 0, sizeof ch);
	memset(pay, 0, sizeof pay);
	memset(ev, 0, sizeof ev);
	memset(no, 0, sizeof no);
	ch[0].fee = ch[1].fee = (int)(f - c->fees);
	ch[0].period = P("2026-01");
	ch[0].due = D("2026-01-31");
	ch[1].period = P("2026-02");
	ch[1].due = D("2026-02-28");
	ch[0].amount = ch[1].amount = 30000;
	ch[0].start = ch[0].until = ch[1].start = ch[1].until = DUN_NODATE;
	h.ncharges = 2;
	pay[0].date = D("2026-01-20");
	pay[0].amount = 10001;
	pay[1].date = D("2026-02-27");
	pay[1].amount = 20000;
	pay[0].fee = pay[1].fee = DUN_FEE_NONE;
	h.npayments = 2;
}

static void
notice(const struct dun_config *c, const char *id, const char *stage,
    const char *channel, const char *date)
{
	struct dun_hnotice *n = &no[h.nnotices++];

	n->notice = id;
	n->stage = stage_index(c, stage);
	n->channel = channel;
	n->date = D(date);
}

/* The unit to kind: traced at the window's end, as report.c does. */
static int
unit(const struct report_kind *rk, void *k, struct rk_ctx *x)
{
	struct rk_unit u = { &h, &tr, &aged };
	struct dun_err err;

	if (dun_age_trace(x->c, x->to, &h, &aged, &tr, &err) < 0 ||
	    rk->unit(k, &u, &err) < 0) {
		printf("# %s\n", err.msg);
		return -1;
	}
	return 0;
}

/* ---- the kinds -------------------------------------------------------- */

static void
test_table(void)
{
	static const char *const names[] = { "aging", "rates", "collectors",
		"effect", "trend", "notices", "evidence" };
	size_t i;

	for (i = 0; i < sizeof names / sizeof *names; i++) {
		int k = dun_report_kind(names[i]);
		const struct report_kind *rk = report_kind(k);

		ok(k >= 0 && rk != NULL && strcmp(rk->name, names[i]) == 0 &&
		    strcmp(dun_report_kind_name(k), names[i]) == 0,
		    "%s is in the table under its own name", names[i]);
		ok(rk && rk->init && rk->fini && (rk->unit || rk->ledger),
		    "  and can be made and read from the ledger");
		ok(rk && (rk->groups & (1u << rk->group)),
		    "  its default grouping is one it can use");
	}
	is_int(dun_report_kind("nosuch"), -1, "no kind nosuch");
	ok(report_kind(DUN_RK_COUNT) == NULL && report_kind(-1) == NULL,
	    "no kind past the table's ends");
	ok(report_kind(DUN_RK_AGING)->record && report_kind(DUN_RK_NOTICES)->
	    record && !report_kind(DUN_RK_RATES)->record,
	    "aging and notices read records; rates does not");
}

static void
test_aging(const struct dun_config *c)
{
	static const char head[] = "unit\testate\ttotal\tbalance\tlate_fee\t"
	    "not_due\tdays_overdue\texpected_recovery\tb0_30\tb31_90\t"
	    "b91_180\tb181_365\tb366_730\tb731_plus\n";
	char in[2048];
	struct rk_ctx x;
	struct dun_rec *r;
	const struct table *t;
	void *k;
	long long bsum = 0, usum = 0;
	size_t i, last;

	snprintf(in, sizeof in, "%s"
	    "A-1\t东园\t100.50\t100.00\t0.50\t\t10\t95.00\t100.00\t\t\t\t\t\n"
	    "A-2\t东园\t250.01\t250.01\t0.00\t\t100\t200.00\t\t\t250.01\t\t\t\n"
	    "B-1\t西园\t-10.00\t0.00\t0.00\t\t0\t0.00\t\t\t\t\t\t\n"
	    "B-2\t西园\t41.00\t40.00\t1.00\t\t400\t20.00\t\t\t\t\t40.00\t\n"
	    "B-3\t西园\t5.00\t5.00\t0.00\t\tsoon\t0.00\t5.00\t\t\t\t\t\n",
	    head);
	ctx(&x, c, DUN_RK_AGING, DUN_RG_ESTATE, "2026-03-01", "2026-03-31");
	k = rk_aging.init(&x);
	r = unit_records("aged.tsv", in);
	is_str(feed(&rk_aging, k, r, x.a), "aged.tsv:6: days_overdue: "
	    "\"soon\" is not a count of days\n",
	    "aging: a bad count of days is told, with its line");
	rk_aging.finish(k);
	t = x.doc.t[0];
	is_int(x.doc.n, 1, "aging: one table");
	is_str(t->name, "aging", "  named aging");
	is_int(t->nrows, 3, "  东园, 西园 and the totals");
	last = t->nrows - 1;
	is_str(str(t, 0, "estate"), "东园", "  东园 first");
	is_int(num(t, 0, "units"), 2, "  东园: 2 units");
	is_int(num(t, 1, "units"), 1, "  西园: 1 unit (in credit: not counted)");
	is_str(str(t, last, "estate"), "TOTAL", "  a row of totals");
	is_int(num(t, last, "units"), 3, "  3 units in all");
	is_int(num(t, last, "balance"), 39001, "  owing 390.01");
	is_int(num(t, last, "late_fee"), 150, "  late fees 1.50");
	is_int(num(t, last, "total"), 39151, "  total 391.51");
	is_int(num(t, last, "expected_recovery"), 31500,
	    "  expected recovery 315.00");
	for (i = 0; i <= c->aging.nbounds; i++) {
		char name[48];

		dun_bucket_name(c, i, name, sizeof name);
		bsum += num(t, last, name);
		name[0] = 'u';
		usum += num(t, last, name);
	}
	is_int(bsum, num(t, last, "balance"),
	    "  the buckets add up to the balance");
	is_int(usum, 3, "  the units owing add up across the buckets");
	is_int(num(t, last, "b91_180"), 25001, "  250.01 in b91_180");
	is_int(num(t, last, "u366_730"), 1, "  one unit in u366_730");
	ok(!x.overflow, "  no overflow");
	rk_aging.fini(k);
	ctx_free(&x);

	/* Grouped by class, records without one are refused. */
	ctx(&x, c, DUN_RK_AGING, DUN_RG_CLASS, "2026-03-01", "2026-03-31");
	k = rk_aging.init(&x);
	r = unit_records("aged2.tsv", in);
	is_str(feed(&rk_aging, k, r, x.a), "bind: aged2.tsv: no column "
	    "class: grouping by class needs dun-classify's records",
	    "aging by class needs the class");
	rk_aging.fini(k);
	ctx_free(&x);

	/* From the ledger: the unit aged as of the report's date. */
	ctx(&x, c, DUN_RK_AGING, DUN_RG_NONE, "2026-03-01", "2026-03-31");
	k = rk_aging.init(&x);
	history(c);
	ok(unit(&rk_aging, k, &x) == 0, "aging: a unit of the ledger");
	rk_aging.finish(k);
	t = x.doc.t[0];
	is_int(t->nrows, 1, "  ungrouped: one row, no totals");
	is_int(num(t, 0, "balance"), 29999, "  owing 299.99");
	is_int(num(t, 0, "u31_90"), 1, "  59 days overdue: in u31_90");
	is_int(num(t, 0, "b31_90"), 29999, "  its balance in b31_90");
	rk_aging.fini(k);
	ctx_free(&x);
}

static void
test_rates(const struct dun_config *c)
{
	struct rk_ctx x;
	const struct table *t;
	void *k;

	ctx(&x, c, DUN_RK_RATES, DUN_RG_NONE, "2026-01-01", "2026-03-31");
	k = rk_rates.init(&x);
	history(c);
	ok(unit(&rk_rates, k, &x) == 0, "rates: a unit of the ledger");
	rk_rates.finish(k);
	t = x.doc.t[0];
	is_int(t->nrows, 3, "  January to March");
	/* January: 100.01 of 300.00, 33.34%. */
	is_int(num(t, 0, "billed"), 30000, "  January billed 300.00");
	is_int(num(t, 0, "collected"), 10001, "  collected 100.01");
	is_int(num(t, 0, "rate"), 3334, "  33.34%% (33.3367 rounded)");
	/* February: of its 300.00, 0.01 by its end (the rest of 200.00 went
	 * to January); the year to date 300.01 of 600.00. */
	is_int(num(t, 1, "collected"), 1, "  February collected 0.01");
	is_int(num(t, 1, "rate"), 0, "  0.00%%");
	is_int(num(t, 1, "billed_ytd"), 60000, "  600.00 billed to date");
	is_int(num(t, 1, "collected_ytd"), 30001, "  300.01 collected to date");
	is_int(num(t, 1, "rate_ytd"), 5000, "  50.00%% to date");
	is_int(num(t, 2, "rate"), -1, "  March billed nothing: no rate");
	is_int(num(t, 2, "arrears_open"), 0, "  no arrears from 2025");
	is_int(num(t, 2, "recovery_rate"), -1, "  so no recovery rate");
	ok(t->caveat == NULL && rk_rates.caveat(k, 1) == NULL,
	    "  a whole history: no caveat");
	rk_rates.fini(k);
	ctx_free(&x);

	/* History from 15 February: January unknown, February partial. */
	ctx(&x, c, DUN_RK_RATES, DUN_RG_NONE, "2026-01-01", "2026-03-31");
	x.hstart = D("2026-02-15");
	k = rk_rates.init(&x);
	ok(unit(&rk_rates, k, &x) == 0, "rates: history from 2026-02-15");
	rk_rates.finish(k);
	t = x.doc.t[0];
	is_int(num(t, 0, "billed"), -1, "  January is not known: empty");
	is_str(rk_rates.caveat(k, 1), "history begins 2026-02-15: no rates "
	    "before it; 2026-02 is partial; in its year the year to date and "
	    "the arrears count from it", "  and the caveat says so");
	is_str(t->caveat, rk_rates.caveat(k, 1), "  under the table");
	rk_rates.fini(k);
	ctx_free(&x);
}

static void
test_trend(const struct dun_config *c)
{
	struct rk_ctx x;
	const struct table *t;
	void *k;

	ctx(&x, c, DUN_RK_TREND, DUN_RG_NONE, "2026-01-01", "2026-03-31");
	k = rk_trend.init(&x);
	history(c);
	ok(unit(&rk_trend, k, &x) == 0, "trend: a unit of the ledger");
	rk_trend.finish(k);
	t = x.doc.t[0];
	is_int(t->nrows, 3, "  January to March");
	is_int(num(t, 0, "debtors"), 1, "  owing at January's end");
	is_int(num(t, 0, "arrears"), 19999, "  199.99");
	is_int(num(t, 1, "arrears"), 29999, "  299.99 at February's end");
	is_int(num(t, 2, "arrears"), 29999, "  and at March's");
	is_int(num(t, 0, "collected"), 10001, "  100.01 paid in January");
	is_int(num(t, 1, "collected"), 20000, "  200.00 in February");
	is_int(num(t, 2, "collected"), 0, "  none in March");
	rk_trend.fini(k);
	ctx_free(&x);
}

static void
test_collectors(const struct dun_config *c)
{
	struct rk_ctx x;
	const struct table *t;
	void *k;

	ctx(&x, c, DUN_RK_COLLECTORS, DUN_RG_COLLECTOR, "2026-02-01",
	    "2026-03-31");
	k = rk_collectors.init(&x);
	history(c);
	ev[0].type = DUN_EV_PROMISE;
	ev[0].date = D("2026-03-05");
	ev[0].due = D("2026-03-15");
	ev[0].has_due = 1;
	ev[0].amount = 10000;
	ev[0].has_amount = 1;
	h.nevents = 1;
	ok(unit(&rk_collectors, k, &x) == 0, "collectors: a unit");
	rk_collectors.finish(k);
	t = x.doc.t[0];
	is_int(t->nrows, 2, "  王五 and the totals");
	is_str(str(t, 0, "collector"), "王五", "  王五");
	is_int(num(t, 0, "arrears_start"), 19999, "  owing 199.99 on 1 February");
	is_int(num(t, 0, "arrears_now"), 29999, "  299.99 now");
	is_int(num(t, 0, "collected"), 20000, "  200.00 collected");
	is_int(num(t, 0, "recovered"), 19999, "  199.99 of it recovered");
	is_int(num(t, 0, "rate"), 10000, "  100.00%% recovered");
	is_int(num(t, 0, "promises"), 1, "  one promise");
	is_int(num(t, 0, "broken"), 1, "  broken: nothing paid by its day");
	is_int(num(t, 0, "kept") + num(t, 0, "open"), 0, "  not kept or open");
	is_str(str(t, 1, "collector"), "TOTAL", "  totals");
	is_int(num(t, 1, "recovered"), 19999, "  199.99 in all");
	rk_collectors.fini(k);
	ctx_free(&x);
}

static void
test_effect(const struct dun_config *c)
{
	struct rk_ctx x;
	const struct table *t;
	void *k;

	ctx(&x, c, DUN_RK_EFFECT, DUN_RG_NONE, "2026-02-01", "2026-03-31");
	k = rk_effect.init(&x);
	history(c);
	notice(c, "N1", "reminder", "sms", "2026-02-20");
	notice(c, "N2", "demand", "letter", "2026-03-25");
	ok(unit(&rk_effect, k, &x) == 0, "effect: a unit");
	rk_effect.finish(k);
	t = x.doc.t[0];
	is_int(t->nrows, 2, "  a row per stage and channel");
	is_str(str(t, 0, "stage"), "reminder", "  in ladder order: reminder");
	is_str(str(t, 1, "stage"), "demand", "  then demand");
	is_int(num(t, 0, "paid_7"), 1, "  paid within 7 days of the reminder");
	is_int(num(t, 0, "amount_7"), 20000, "  200.00");
	is_int(num(t, 0, "rate_7"), 10000, "  100.00%%");
	is_int(num(t, 1, "notices"), 1, "  one demand");
	is_int(num(t, 1, "rate_7"), -1, "  its 7 days not over: no rate");
	rk_effect.fini(k);
	ctx_free(&x);
}

static void
test_notices(const struct dun_config *c)
{
	struct rk_ctx x;
	const struct table *t;
	struct dun_rec *r;
	void *k;

	/* dun-notice's records of the night: counted by stage and channel. */
	ctx(&x, c, DUN_RK_NOTICES, DUN_RG_NONE, "2026-03-01", "2026-03-31");
	x.from_records = 1u << DUN_RK_NOTICES;
	k = rk_notices.init(&x);
	r = unit_records("reg.tsv", "notice\tunit\tstage\tchannel\n"
	    "N1\tA-1\treminder\tsms\n"
	    "N2\tA-2\treminder\temail\n"
	    "N3\tA-3\treminder\tsms\n"
	    "N4\tB-1\tdemand\tletter\n"
	    "N5\tB-2\treminder\tsms\n");
	is_str(feed(&rk_notices, k, r, x.a), "",
	    "notices: the night's records read");
	rk_notices.finish(k);
	t = x.doc.t[0];
	is_int(t->nrows, 4, "  three stage and channel pairs and the totals");
	is_str(str(t, 0, "channel"), "email", "  reminder by email first");
	is_int(num(t, 0, "notices"), 1, "  1 e-mail");
	is_int(num(t, 1, "notices"), 3, "  3 text messages");
	is_str(str(t, 2, "stage"), "demand", "  demand after reminder");
	is_int(num(t, 2, "notices"), 1, "  1 letter");
	is_str(str(t, 3, "stage"), "TOTAL", "  totals");
	is_int(num(t, 3, "notices"), 5, "  5 in all");
	is_int(num(t, 1, "served"), -1, "  the records cannot say served");
	rk_notices.fini(k);
	ctx_free(&x);

	/* Alone and grouped, the records cannot say the group. */
	ctx(&x, c, DUN_RK_NOTICES, DUN_RG_BUILDING, "2026-03-01",
	    "2026-03-31");
	k = rk_notices.init(&x);
	r = unit_records("reg2.tsv", "notice\tunit\tstage\tchannel\n");
	is_str(feed(&rk_notices, k, r, x.a), "bind: reg2.tsv: dun-notice's "
	    "records say nothing of the unit's building; read the ledger for "
	    "that",
	    "notices by building need the ledger");
	rk_notices.fini(k);
	ctx_free(&x);

	/* From the ledger: served when proof came by the window's end. */
	ctx(&x, c, DUN_RK_NOTICES, DUN_RG_ESTATE, "2026-02-01", "2026-03-31");
	k = rk_notices.init(&x);
	history(c);
	notice(c, "N1", "reminder", "sms", "2026-02-20");
	notice(c, "N2", "demand", "letter", "2026-03-25");
	notice(c, "N0", "demand", "letter", "2026-01-25");
	ev[0].type = DUN_EV_SERVED;
	ev[0].date = D("2026-03-28");
	ev[0].ref = "N2";
	h.nevents = 1;
	ok(unit(&rk_notices, k, &x) == 0, "notices: a unit of the ledger");
	rk_notices.finish(k);
	t = x.doc.t[0];
	is_int(t->nrows, 3, "  two in the window, and the totals");
	is_str(str(t, 0, "estate"), "东园", "  grouped by estate");
	is_int(num(t, 1, "served"), 1, "  the letter was served");
	is_int(num(t, 0, "served"), 0, "  the text message was not");
	is_int(num(t, 2, "notices"), 2, "  2 in all");
	rk_notices.fini(k);
	ctx_free(&x);
}

/* Masking on a printed report: a value too long for the cell's room is
 * hidden whole, never shown as it is. */
static void
test_masks(void)
{
	char b[64], *mail, *phone;

	is_str(mask_name("张三丰", b, sizeof b), "张**", "masks: a name");
	is_str(mask_phone("13812345678", b, sizeof b), "138****5678",
	    "  a phone");
	is_str(mask_contact("zhang@example.com", b, sizeof b),
	    "z***@example.com", "  an e-mail address");
	mail = malloc(200);
	phone = malloc(200);
	strcpy(mail, "zhang@");
	memset(mail + 6, 'e', 150);
	strcpy(mail + 156, ".com");
	memset(phone, '8', 100);
	phone[100] = '\0';
	is_str(mask_contact(mail, b, sizeof b), "***",
	    "  an address longer than the cell's room is hidden whole");
	is_str(mask_phone(phone, b, sizeof b), "***",
	    "  so is a number");
	free(mail);
	free(phone);
}

int
main(void)
{
	struct dun_config *c;

	unit_scratch("kinds");
	c = unit_config("");
	test_masks();
	test_table();
	test_aging(c);
	test_rates(c);
	test_trend(c);
	test_collectors(c);
	test_effect(c);
	test_notices(c);
	dun_trace_free(&tr);
	dun_config_free(c);
	return done_testing();
}

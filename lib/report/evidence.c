/*
 * evidence.c — the pack a lawyer or a court needs for one unit: the
 * household on record, the statement of account with every payment and
 * where it went, the late fee and how it grew, every notice with its
 * SHA-256 and proof of service, promises, contacts and disputes, the
 * limitation date and what restarted it, and the files it all came from.
 * One table (the TSV, text, HTML or xlsx) and one PDF from the same rows.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "report_int.h"

static const struct tcol ecols[E_N] = { { "section", T_TEXT },
	{ "date", T_DATE }, { "ref", T_TEXT }, { "item", T_TEXT },
	{ "amount", T_MONEY }, { "paid", T_MONEY }, { "unpaid", T_MONEY },
	{ "late_fee", T_MONEY }, { "party", T_NAME }, { "contact", T_CONTACT },
	{ "sha256", T_TEXT }, { "detail", T_TEXT } };

struct ev {
	struct rk_ctx *x;
	const struct dun_config *c;
	struct table *t;
	const struct dun_hist *h;
	struct dun_trace tr;
	struct dun_aged a;
	int64_t id;
	int bad;
	struct dun_err err;
	struct dun_household hh;
};

static const char *
tr(const struct ev *e, const char *zh, const char *en)
{
	return rk_tr(e->x, zh, en);
}

static struct tcell *
row(struct ev *e, const char *section)
{
	struct tcell *r = table_row(e->t);

	cell_text(e->t, &r[E_SECTION], section);
	return r;
}

static void
text(struct ev *e, struct tcell *r, int col, const char *s)
{
	if (s != NULL && *s != '\0')
		cell_text(e->t, &r[col], s);
}

static const char *
fee_label(const struct ev *e, int fee)
{
	if (fee >= 0)
		return e->c->fees[fee].label ? e->c->fees[fee].label :
		    e->c->fees[fee].key;
	if (DUN_FEE_IS_OTHER(fee) && e->h != NULL &&
	    (size_t)(DUN_FEE_OTHER - fee) < e->h->nothers)
		return e->h->others[DUN_FEE_OTHER - fee];
	return tr(e, "调整", "adjustment");
}

/* ---- the household ----------------------------------------------------- */

static void
household(struct ev *e)
{
	/* Its texts in enum dun_hh_text's order, with the area after the
	 * address. */
	static const struct {
		int text;		/* enum dun_hh_text, or -1: the area */
		const char *zh, *en;
		int col;
	} items[] = {
		{ DUN_HH_ESTATE, "小区", "estate", E_DETAIL },
		{ DUN_HH_BUILDING, "楼栋", "building", E_DETAIL },
		{ DUN_HH_OWNER, "业主", "owner", E_PARTY },
		{ DUN_HH_PHONE, "电话", "phone", E_CONTACT },
		{ DUN_HH_EMAIL, "电子邮件", "email", E_CONTACT },
		{ DUN_HH_ADDRESS, "地址", "address", E_DETAIL },
		{ -1, "面积（平方米）", "area (m²)", E_DETAIL },
		{ DUN_HH_OCCUPANCY, "居住状态", "occupancy", E_DETAIL },
		{ DUN_HH_COLLECTOR, "催收员", "collector", E_DETAIL } };
	char area[DUN_MONEY_BUFSZ];
	const char *s;
	struct tcell *r;
	size_t i;

	r = row(e, "household");
	text(e, r, E_ITEM, tr(e, "房号", "unit"));
	text(e, r, E_DETAIL, e->x->o.unit);
	for (i = 0; i < sizeof items / sizeof *items; i++) {
		if (items[i].text >= 0)
			s = dun_hh(&e->hh, items[i].text);
		else if (e->hh.has_area)
			s = dun_money_fmt(e->hh.area, area);
		else
			s = "";
		if (*s == '\0')
			continue;
		r = row(e, "household");
		text(e, r, E_ITEM, tr(e, items[i].zh, items[i].en));
		text(e, r, items[i].col, s);
	}
	if (e->hh.dnc) {
		r = row(e, "household");
		text(e, r, E_ITEM, tr(e, "勿扰", "do not contact"));
		text(e, r, E_DETAIL, tr(e, "是", "yes"));
	}
}

/* ---- the statement ---------------------------------------------------- */

/* What line L was billed for: its range, or its period. */
static const char *
span(const struct ev *e, const struct dun_line *L, char *buf)
{
	return span_fmt(L->has_range, L->start, L->until, L->period,
	    e->x->lang, buf);
}

static void
statement(struct ev *e)
{
	const struct dun_trace *t = &e->tr;
	char p[SPAN_BUFSZ];
	size_t i;

	for (i = 0; i < t->nlines; i++) {
		const struct dun_line *L = &t->lines[i];
		struct tcell *r = row(e, "charge");

		cell_num(&r[E_DATE], L->due);
		if (!L->adjustment)
			text(e, r, E_REF, span(e, L, p));
		text(e, r, E_ITEM, fee_label(e, L->fee));
		cell_num(&r[E_AMOUNT], L->amount);
		cell_num(&r[E_PAID], L->amount - L->unpaid);
		cell_num(&r[E_UNPAID], L->unpaid);
		if (L->due <= e->x->o.asof)
			cell_num(&r[E_LATE], L->late_fee);
	}
}

/* Where payment (or waiver) i went, in words, into b. */
static void
allocation(struct ev *e, int i, int waiver, struct buf *b)
{
	const struct dun_trace *t = &e->tr;
	char m[DUN_MONEY_BUFSZ], p[SPAN_BUFSZ];
	size_t k;
	int any = 0;

	for (k = 0; k < t->nallocs; k++) {
		const struct dun_alloc *a = &t->allocs[k];
		const struct dun_line *L = &t->lines[a->line];

		if (a->source != i || a->waiver != waiver)
			continue;
		if (any)
			buf_str(b, "; ");
		any = 1;
		buf_str(b, fee_label(e, L->fee));
		if (!L->adjustment) {
			buf_str(b, " ");
			buf_str(b, span(e, L, p));
		}
		buf_str(b, a->late ? tr(e, " 滞纳金 ", " late fee ") : " ");
		buf_str(b, dun_money_fmt(a->amount, m));
	}
}

/* The history's index of the payment (or adjustment) with ref. */
static int
source_of(const struct ev *e, const char *ref, int adjustment)
{
	const struct dun_hmoney *v = adjustment ? e->h->adjustments :
	    e->h->payments;
	size_t n = adjustment ? e->h->nadjustments : e->h->npayments, i;

	for (i = 0; ref && i < n; i++)
		if (v[i].ref && strcmp(v[i].ref, ref) == 0)
			return (int)i;
	return -1;
}

/* The reversal of the payment (or adjustment) ref, under it: dated the
 * day it was reversed, for minus its amount. */
static void
reversal_row(struct ev *e, int adjustment, const char *ref, dun_date date,
    dun_money amount, const char *reason)
{
	struct tcell *r = row(e, adjustment ? "adjustment" : "payment");
	struct buf b = { NULL, 0, 0 };
	char d[DUN_DATE_BUFSZ];

	text(e, r, E_REF, ref);
	cell_num(&r[E_DATE], date);
	cell_num(&r[E_AMOUNT], -amount);
	text(e, r, E_ITEM, tr(e, "冲正", "reversal"));
	buf_str(&b, tr(e, "于 ", "reversed on "));
	buf_str(&b, dun_date_fmt(date, d));
	buf_str(&b, tr(e, " 冲正：", ": "));
	buf_str(&b, reason ? reason : "");
	text(e, r, E_DETAIL, b.s);
	buf_free(&b);
}

static int
money_row(void *arg, int n, const char *const *s, const int64_t *num,
    const int *null, int adjustment)
{
	struct ev *e = arg;
	struct tcell *r;
	struct buf b = { NULL, 0, 0 };
	int i;

	if (num[1] > e->x->o.asof)
		return 0;
	r = row(e, adjustment ? "adjustment" : "payment");
	text(e, r, E_REF, s[0]);
	cell_num(&r[E_DATE], num[1]);
	cell_num(&r[E_AMOUNT], num[2]);
	text(e, r, E_ITEM, !null[3] ? s[3] : adjustment ? tr(e, "调整",
	    "adjustment") : tr(e, "付款", "payment"));
	i = source_of(e, s[0], adjustment);
	if (i >= 0)
		allocation(e, i, adjustment, &b);
	if (s[5] && *s[5]) {
		if (b.len)
			buf_str(&b, adjustment ? "; " : " (");
		buf_str(&b, s[5]);
		if (!adjustment && b.len > strlen(s[5]) + 2)
			buf_str(&b, ")");
	}
	if (adjustment && num[2] < 0 && b.len == 0 && (n < 8 || null[6]))
		buf_str(&b, tr(e, "增加应收", "adds to what is owed"));
	if (n >= 8 && !null[6]) {
		buf_str(&b, b.len ? "; " : "");
		buf_str(&b, tr(e, "已冲正，不计入", "reversed: not counted"));
	}
	if (b.s)
		text(e, r, E_DETAIL, b.s);
	buf_free(&b);
	if (n >= 8 && !null[6])
		reversal_row(e, adjustment, s[0], num[6], num[2], s[7]);
	return 0;
}

static int
payment_row(void *arg, int n, const char *const *s, const int64_t *num,
    const int *null)
{
	return money_row(arg, n, s, num, null, 0);
}

static int
adjustment_row(void *arg, int n, const char *const *s, const int64_t *num,
    const int *null)
{
	return money_row(arg, n, s, num, null, 1);
}

/* A rate in billionths as a per cent: "0.05%". */
static const char *
pct(dun_rate r, char *b, size_t n)
{
	long long whole = r / 10000000, frac = r % 10000000;
	int digits = 7;

	while (digits > 0 && frac % 10 == 0) {
		frac /= 10;
		digits--;
	}
	if ((digits == 0 ? snprintf(b, n, "%lld%%", whole) :
	    snprintf(b, n, "%lld.%0*lld%%", whole, digits, frac)) < 0)
		b[0] = '\0';
	return b;
}

/* How each charge's late fee grew: the stretches between payments with
 * what was unpaid, then the fee as computed. */
static void
late_fees(struct ev *e)
{
	const struct dun_trace *t = &e->tr;
	dun_date asof = e->x->o.asof;
	char a[DUN_DATE_BUFSZ], b[DUN_DATE_BUFSZ], m[DUN_MONEY_PRETTYSZ];
	char rate[32], p[SPAN_BUFSZ], line[400];
	size_t i, k;

	for (i = 0; i < t->nlines; i++) {
		const struct dun_line *L = &t->lines[i];
		const struct dun_fee *f = L->fee >= 0 ? &e->c->fees[L->fee] :
		    NULL;
		dun_date start, from;
		dun_money left = L->amount;
		struct tcell *r;
		int grew = 0;

		if (f == NULL || f->method == DUN_LATE_NONE || L->adjustment ||
		    L->due > asof)
			continue;
		start = L->due + f->grace_days;
		from = start;
		span(e, L, p);
		for (k = 0; k <= t->nallocs; k++) {
			const struct dun_alloc *al = k < t->nallocs ?
			    &t->allocs[k] : NULL;
			dun_date to = al ? al->date : asof;

			if (al && (al->line != i || al->late))
				continue;
			if (to > from && left > 0 && f->method !=
			    DUN_LATE_FLAT) {
				r = row(e, "late_fee");
				cell_num(&r[E_DATE], from);
				text(e, r, E_REF, p);
				text(e, r, E_ITEM, fee_label(e, L->fee));
				cell_num(&r[E_UNPAID], left);
				snprintf(line, sizeof line, "%s – %s: %ld %s × "
				    "%s × %s%s", dun_date_fmt(from, a),
				    dun_date_fmt(to, b), (long)(to - from),
				    tr(e, "天", "days"), dun_money_pretty(left,
				    m), pct(f->rate, rate, sizeof rate),
				    f->method == DUN_LATE_DAILY ? tr(e, "/日",
				    "/day") : tr(e, "/月（按开始的月数）",
				    "/month begun"));
				text(e, r, E_DETAIL, line);
				from = to;
				grew = 1;
			} else if (to > from)
				from = to;
			if (al)
				left -= al->amount;
		}
		if (!grew && L->late_fee == 0)
			continue;	/* paid within grace */
		r = row(e, "late_fee");
		cell_num(&r[E_DATE], start);
		text(e, r, E_REF, p);
		text(e, r, E_ITEM, fee_label(e, L->fee));
		cell_num(&r[E_LATE], L->late_fee);
		snprintf(line, sizeof line, "%s %d %s%s%s%s",
		    tr(e, "宽限", "grace"), f->grace_days, tr(e, "天", "days"),
		    f->method == DUN_LATE_FLAT ? tr(e, "，逾期一次性收取",
		    ", a flat fee once past grace") : "",
		    f->cap != DUN_CAP_NONE ? tr(e, "，有上限", ", capped") : "",
		    tr(e, "；合计按日累计后一次取整", "; rounded once, on the "
		    "total"));
		text(e, r, E_DETAIL, line);
	}
	/* The lines' fees are before waivers; the total after them. */
	{
		dun_money owed = 0;

		for (i = 0; i < t->nlines; i++)
			owed += t->lines[i].due <= asof ? t->lines[i].late_fee :
			    0;
		if (owed != e->a.late_fee) {
			struct tcell *r = row(e, "late_fee");

			text(e, r, E_ITEM, tr(e, "滞纳金减免", "late fees waived"));
			cell_num(&r[E_LATE], e->a.late_fee - owed);
		}
	}
}

/* ---- notices, events ---------------------------------------------------- */

static int
notice_row(void *arg, int n, const char *const *s, const int64_t *num,
    const int *null)
{
	struct ev *e = arg;
	struct tcell *r;
	char *item;

	(void)n;
	(void)null;
	if (num[1] > e->x->o.asof)
		return 0;
	r = row(e, "notice");
	text(e, r, E_REF, s[0]);
	cell_num(&r[E_DATE], num[1]);
	item = str_fmt("%s/%s", s[2] ? s[2] : "", s[3] ? s[3] : "");
	text(e, r, E_ITEM, item);
	free(item);
	text(e, r, E_CONTACT, s[4]);
	text(e, r, E_SHA, s[6]);
	{
		struct buf b = { NULL, 0, 0 };

		if (s[5] && *s[5]) {
			buf_str(&b, s[5]);
		}
		if (s[7] && *s[7]) {
			buf_str(&b, b.len ? "; " : "");
			buf_str(&b, s[7]);
		}
		if (b.s)
			text(e, r, E_DETAIL, b.s);
		buf_free(&b);
	}
	return 0;
}

static const char *
event_word(const struct ev *e, int type)
{
	static const char *const zh[DUN_EV_COUNT] = { "承诺付款", "争议",
		"争议解决", "困难", "分期计划", "联系", "送达", "书面确认",
		"勿扰", "恢复联系" };

	return strcmp(e->x->lang, "en") == 0 ? dun_event_name(type) :
	    zh[type];
}

static int
event_row(void *arg, int n, const char *const *s, const int64_t *num,
    const int *null)
{
	struct ev *e = arg;
	int type = dun_event_parse(s[1] ? s[1] : "");
	struct tcell *r;
	struct buf b = { NULL, 0, 0 };
	char d[DUN_DATE_BUFSZ];
	size_t i;

	(void)n;
	if (num[0] > e->x->o.asof || type < 0)
		return 0;
	r = row(e, type == DUN_EV_SERVED ? "served" : "event");
	cell_num(&r[E_DATE], num[0]);
	text(e, r, E_ITEM, event_word(e, type));
	text(e, r, E_REF, s[4]);
	if (!null[3])
		cell_num(&r[E_AMOUNT], num[3]);
	if (!null[2]) {
		buf_str(&b, type == DUN_EV_PROMISE ? tr(e, "承诺日期 ",
		    "by ") : tr(e, "至 ", "until "));
		buf_str(&b, dun_date_fmt((dun_date)num[2], d));
	}
	if (type == DUN_EV_PROMISE)
		for (i = 0; i < e->h->nevents; i++) {
			const struct dun_hevent *x = &e->h->events[i];
			int st;

			if (x->type != DUN_EV_PROMISE || x->date != num[0] ||
			    (x->has_due && !null[2] && x->due != num[2]))
				continue;
			st = dun_promise_state(e->c, e->h, x, e->x->o.asof);
			buf_str(&b, b.len ? "; " : "");
			buf_str(&b, st == DUN_PROMISE_KEPT ? tr(e, "已履行",
			    "kept") : st == DUN_PROMISE_BROKEN ? tr(e, "未履行",
			    "broken") : tr(e, "未到期", "open"));
			break;
		}
	if (type == DUN_EV_DISPUTE && s[4])
		for (i = 0; i < e->h->nevents; i++) {
			const struct dun_hevent *x = &e->h->events[i];

			if (x->type == DUN_EV_RESOLVED && x->ref && x->date >=
			    num[0] && x->date <= e->x->o.asof &&
			    strcmp(x->ref, s[4]) == 0) {
				buf_str(&b, b.len ? "; " : "");
				buf_str(&b, tr(e, "已解决 ", "resolved "));
				buf_str(&b, dun_date_fmt(x->date, d));
				break;
			}
		}
	if (s[5] && *s[5]) {
		buf_str(&b, b.len ? "; " : "");
		buf_str(&b, s[5]);
	}
	if (b.s)
		text(e, r, E_DETAIL, b.s);
	buf_free(&b);
	return 0;
}

static void
limitation(struct ev *e)
{
	const struct dun_hist *h = e->h;
	dun_date asof = e->x->o.asof;
	char line[300], d[DUN_DATE_BUFSZ];
	struct tcell *r;
	size_t i;

	r = row(e, "limitation");
	text(e, r, E_ITEM, tr(e, "诉讼时效届满日", "limitation date"));
	if (e->a.limitation_date != DUN_NODATE) {
		cell_num(&r[E_DATE], e->a.limitation_date);
		snprintf(line, sizeof line, tr(e, "最早未付账单 %s 到期；%d 年，"
		    "自最近一次中断起重新计算；尚余 %ld 天",
		    "the oldest unpaid charge fell due %s; %d years, counted "
		    "afresh from the latest restart; %ld days left"),
		    dun_date_fmt(e->a.oldest_due, d), e->c->limitation.years,
		    e->a.days_to_limitation);
		text(e, r, E_DETAIL, line);
	} else
		text(e, r, E_DETAIL, tr(e, "无未付账单", "nothing unpaid"));
	for (i = 0; i < h->nevents; i++) {
		const struct dun_hevent *x = &h->events[i];

		/* Only what came after the oldest unpaid charge fell due. */
		if (x->date > asof || x->date < e->a.oldest_due ||
		    !dun_event_restarts(e->c, h, x))
			continue;
		r = row(e, "restart");
		cell_num(&r[E_DATE], x->date);
		text(e, r, E_ITEM, event_word(e, x->type));
		text(e, r, E_REF, x->ref);
	}
	for (i = 0; (e->c->limitation.restart & DUN_RESTART_PAYMENT) &&
	    i < h->npayments; i++) {
		if (h->payments[i].date > asof || e->a.oldest_due == DUN_NODATE ||
		    h->payments[i].date < e->a.oldest_due)
			continue;
		r = row(e, "restart");
		cell_num(&r[E_DATE], h->payments[i].date);
		text(e, r, E_ITEM, tr(e, "部分付款", "part payment"));
		text(e, r, E_REF, h->payments[i].ref);
		cell_num(&r[E_AMOUNT], h->payments[i].amount);
	}
}

static int
source_row(void *arg, int n, const char *const *s, const int64_t *num,
    const int *null)
{
	struct ev *e = arg;
	struct tcell *r = row(e, "source");

	(void)n;
	(void)num;
	(void)null;
	text(e, r, E_REF, s[0]);
	text(e, r, E_ITEM, tr(e, "导入文件", "imported file"));
	text(e, r, E_SHA, s[1]);
	text(e, r, E_DETAIL, s[2]);
	return 0;
}

static void
summary(struct ev *e)
{
	struct tcell *r = row(e, "summary");
	char cap[200];

	cell_num(&r[E_DATE], e->x->o.asof);
	text(e, r, E_ITEM, tr(e, "欠款合计", "total owed"));
	cell_num(&r[E_AMOUNT], e->a.total);
	cell_num(&r[E_UNPAID], e->a.balance);
	cell_num(&r[E_LATE], e->a.late_fee);
	text(e, r, E_DETAIL, dun_money_capitals(e->a.total, cap, sizeof cap));
}

/* ---- the pack ------------------------------------------------------------ */

/* The evidence kind's state: the PDF written, not yet in place. */
struct evidence {
	struct rk_ctx *x;
	char *pdf_tmp;			/* its temporary name */
	int pdf_fd;			/* its fd, held (locked) till then */
};

static void
hist_report(const struct dun_err *err, void *arg)
{
	struct ev *e = arg;

	if (!e->bad)
		e->err = *err;
	e->bad = 1;
}

/* The state of the evidence kind for x (malloc'd, for evidence_fini). */
static void *
evidence_init(struct rk_ctx *x)
{
	struct evidence *k = xmalloc(sizeof *k);

	memset(k, 0, sizeof *k);
	k->x = x;
	k->pdf_fd = -1;
	return k;
}

/* The PDF not put in place removed, and the state freed. */
static void
evidence_fini(void *arg)
{
	struct evidence *k = arg;

	if (k->pdf_tmp) {
		unlink(k->pdf_tmp);
		free(k->pdf_tmp);
	}
	if (k->pdf_fd >= 0)
		close(k->pdf_fd);
	free(k);
}

/* The pack of the unit x->o.unit from the ledger: its table into the
 * report and its PDF beside x->o.pdf, put in place by evidence_save.
 * 0, or -1 and err. */
static int
evidence_ledger(void *arg, struct dun_ledger *l, struct dun_err *err)
{
	struct evidence *k = arg;
	struct rk_ctx *x = k->x;
	struct ev e;
	struct dun_hsrc *src;
	char *units[1];
	const struct dun_hist *h;
	int bad, n, fd, rc = -1;
	size_t i;

	memset(&e, 0, sizeof e);
	e.x = x;
	e.c = x->c;
	if ((n = dun_ledger_unit(l, x->o.unit, &e.id, &e.hh, err)) < 0)
		return -1;
	if (n == 0) {
		dun_err_set(err, DUN_EXIT_DATA, "no unit %s in the ledger",
		    abbr_q(x->o.unit).s);
		return -1;
	}
	units[0] = (char *)x->o.unit;
	if ((src = dun_hsrc_ledger(l, x->c, units, 1, hist_report, &e,
	    err)) == NULL)
		return -1;
	n = dun_hsrc_next(src, &h, &bad, err);
	if (n <= 0 || bad) {
		if (n == 0 || bad)
			*err = e.bad ? e.err : *err;
		if (n == 0 && !e.bad)
			dun_err_set(err, DUN_EXIT_DATA, "no unit %s",
			    abbr_q(x->o.unit).s);
		goto done;
	}
	if (h->ncharges + h->npayments + h->nadjustments + h->nevents +
	    h->nnotices == 0) {
		dun_err_set(err, DUN_EXIT_DATA, "unit %s has no charges, "
		    "payments, events or notices in the ledger: there is "
		    "nothing to prove", x->o.unit);
		goto done;
	}
	e.h = h;
	if (dun_age_trace(x->c, x->o.asof, h, &e.a, &e.tr, err) < 0)
		goto done;
	e.t = table_new(x->a, rk_evidence.name, rk_tr(x, "证据材料",
	    "Evidence pack"));
	{
		char d[DUN_DATE_BUFSZ];
		char *note = str_fmt("%s %s, %s %s", rk_tr(x, "房号", "Unit"),
		    x->o.unit, rk_tr(x, "截至", "as of"),
		    dun_date_fmt(x->o.asof, d));

		e.t->note = arena_strdup(x->a, note);
		free(note);
	}
	for (i = 0; i < E_N; i++)
		table_col(e.t, ecols[i].name, ecols[i].type);
	rk_doc_add(x, e.t);
	household(&e);
	summary(&e);
	statement(&e);
	if (dun_ledger_each(l, DUN_EACH_PAYMENTS, e.id, payment_row, &e,
	    err) < 0 || dun_ledger_each(l, DUN_EACH_ADJUSTMENTS, e.id,
	    adjustment_row, &e, err) < 0)
		goto done;
	late_fees(&e);
	if (dun_ledger_each(l, DUN_EACH_NOTICES, e.id, notice_row, &e,
	    err) < 0 || dun_ledger_each(l, DUN_EACH_EVENTS, e.id,
	    event_row, &e, err) < 0)
		goto done;
	limitation(&e);
	if (dun_ledger_each(l, DUN_EACH_IMPORTS, e.id, source_row, &e,
	    err) < 0)
		goto done;
	if ((fd = temp_beside(x->o.pdf, &k->pdf_tmp)) < 0) {
		dun_err_set(err, DUN_EXIT_SYS, "%s: cannot write: %s",
		    x->o.pdf, strerror(errno));
		goto done;
	}
	k->pdf_fd = fd;		/* held till it is renamed */
	rc = evidence_pdf(x, e.t, k->pdf_tmp, err);
done:
	dun_trace_free(&e.tr);
	dun_hsrc_close(src);
	return rc;
}

/* The PDF renamed into place, once the report is.  0, or -1 and err. */
static int
evidence_save(void *arg, struct dun_err *err)
{
	struct evidence *k = arg;

	if (k->pdf_tmp == NULL)
		return 0;
	if (rename(k->pdf_tmp, k->x->o.pdf) < 0) {
		dun_err_set(err, DUN_EXIT_SYS, "%s: %s", k->x->o.pdf,
		    strerror(errno));
		return -1;
	}
	free(k->pdf_tmp);
	k->pdf_tmp = NULL;
	if (k->pdf_fd >= 0)
		close(k->pdf_fd);
	k->pdf_fd = -1;
	return 0;
}

const struct report_kind rk_evidence = {
	.name = "evidence",
	.groups = 1 << DUN_RG_NONE,
	.group = DUN_RG_NONE,
	.init = evidence_init,
	.fini = evidence_fini,
	.ledger = evidence_ledger,
	.save = evidence_save,
};

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

#include "report.h"

enum { E_SECTION, E_DATE, E_REF, E_ITEM, E_AMOUNT, E_PAID, E_UNPAID,
	E_LATE, E_PARTY, E_CONTACT, E_SHA, E_DETAIL, E_N };

static const struct tcol ecols[E_N] = { { "section", T_TEXT },
	{ "date", T_DATE }, { "ref", T_TEXT }, { "item", T_TEXT },
	{ "amount", T_MONEY }, { "paid", T_MONEY }, { "unpaid", T_MONEY },
	{ "late_fee", T_MONEY }, { "party", T_NAME }, { "contact", T_CONTACT },
	{ "sha256", T_TEXT }, { "detail", T_TEXT } };

struct ev {
	struct dun_report *rp;
	const struct dun_config *c;
	struct table *t;
	const struct dun_hist *h;
	struct dun_trace tr;
	struct dun_aged a;
	int64_t id;
	int found, bad;
	struct dun_err err;
	const char *info[9];		/* estate .. collector, as text */
	int dnc;
};

static const char *
tr(const struct ev *e, const char *zh, const char *en)
{
	return strcmp(e->rp->lang, "en") == 0 ? en : zh;
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

static int
unit_row(void *arg, int n, const char *const *s, const int64_t *num,
    const int *null)
{
	struct ev *e = arg;
	int i;

	/* unit estate building owner phone email address area occupancy
	 * collector dnc id */
	e->found = 1;
	for (i = 0; i < 9; i++)
		e->info[i] = arena_strdup(e->rp->a, i + 1 < n && s[i + 1] ?
		    s[i + 1] : "");
	if (!null[7]) {
		char area[48];

		snprintf(area, sizeof area, "%lld.%02lld",
		    (long long)(num[7] / 100), (long long)(num[7] % 100));
		e->info[6] = arena_strdup(e->rp->a, area);
	}
	e->dnc = num[10] != 0;
	e->id = num[11];
	return 0;
}

static void
household(struct ev *e)
{
	static const char *const zh[] = { "小区", "楼栋", "业主", "电话",
		"电子邮件", "地址", "面积（平方米）", "居住状态", "催收员" };
	static const char *const en[] = { "estate", "building", "owner",
		"phone", "email", "address", "area (m²)", "occupancy",
		"collector" };
	struct tcell *r;
	int i;

	r = row(e, "household");
	text(e, r, E_ITEM, tr(e, "房号", "unit"));
	text(e, r, E_DETAIL, e->rp->o.unit);
	for (i = 0; i < 9; i++) {
		if (e->info[i][0] == '\0')
			continue;
		r = row(e, "household");
		text(e, r, E_ITEM, tr(e, zh[i], en[i]));
		text(e, r, i == 2 ? E_PARTY : i == 3 || i == 4 ? E_CONTACT :
		    E_DETAIL, e->info[i]);
	}
	if (e->dnc) {
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
	    e->rp->lang, buf);
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
		if (L->due <= e->rp->o.asof)
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

	if (num[1] > e->rp->o.asof)
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
	dun_date asof = e->rp->o.asof;
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
	if (num[1] > e->rp->o.asof)
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

	return strcmp(e->rp->lang, "en") == 0 ? dun_event_name(type) :
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
	if (num[0] > e->rp->o.asof || type < 0)
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
			st = dun_promise_state(e->c, e->h, x, e->rp->o.asof);
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
			    num[0] && x->date <= e->rp->o.asof &&
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
	dun_date asof = e->rp->o.asof;
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

	cell_num(&r[E_DATE], e->rp->o.asof);
	text(e, r, E_ITEM, tr(e, "欠款合计", "total owed"));
	cell_num(&r[E_AMOUNT], e->a.total);
	cell_num(&r[E_UNPAID], e->a.balance);
	cell_num(&r[E_LATE], e->a.late_fee);
	text(e, r, E_DETAIL, dun_money_capitals(e->a.total, cap, sizeof cap));
}

/* ---- the PDF ------------------------------------------------------------ */

/* Which of the table's columns a PDF section shows; -1 is the first of
 * party, contact, detail that is there. */
struct psec {
	const char *section, *zh, *en;
	int cols[7];
	double w[7];
	const char *hz[7], *he[7];
};

static const struct psec psecs[] = {
	{ "household", "一、户主信息", "1. The household",
	  { E_ITEM, -1 }, { .3, .7 }, { "项目", "内容" }, { "item", "fact" } },
	{ "summary", "二、欠款合计", "2. What is owed",
	  { E_DATE, E_UNPAID, E_LATE, E_AMOUNT, E_DETAIL },
	  { .14, .16, .14, .16, .4 },
	  { "截至", "本金", "滞纳金", "合计", "大写" },
	  { "as of", "principal", "late fee", "total", "in words" } },
	{ "charge", "三、账单明细", "3. Statement of account",
	  { E_ITEM, E_REF, E_DATE, E_AMOUNT, E_PAID, E_UNPAID, E_LATE },
	  { .16, .20, .14, .13, .13, .12, .12 },
	  { "费用", "期间", "到期日", "金额", "已付", "未付", "滞纳金" },
	  { "fee", "period", "due", "billed", "paid", "unpaid", "late fee" } },
	{ "payment", "四、付款及分配", "4. Payments and where they went",
	  { E_REF, E_DATE, E_AMOUNT, E_DETAIL }, { .18, .14, .14, .54 },
	  { "流水号", "日期", "金额", "分配" },
	  { "ref", "date", "amount", "applied to" } },
	{ "adjustment", "五、调整与减免", "5. Adjustments and waivers",
	  { E_REF, E_DATE, E_AMOUNT, E_ITEM, E_DETAIL },
	  { .16, .14, .14, .14, .42 },
	  { "编号", "日期", "金额", "费用", "说明" },
	  { "ref", "date", "amount", "fee", "detail" } },
	{ "late_fee", "六、滞纳金计算", "6. How the late fees grew",
	  { E_REF, E_ITEM, E_DATE, E_UNPAID, E_LATE, E_DETAIL },
	  { .14, .12, .12, .12, .10, .40 },
	  { "期间", "费用", "起算", "未付本金", "滞纳金", "计算" },
	  { "period", "fee", "from", "unpaid", "late fee", "how" } },
	{ "notice", "七、催缴通知", "7. Notices issued",
	  { E_REF, E_DATE, E_ITEM, E_CONTACT, E_SHA },
	  { .24, .12, .16, .16, .32 },
	  { "编号", "日期", "阶段/渠道", "收件人", "SHA-256" },
	  { "notice", "date", "stage/channel", "to", "SHA-256" } },
	{ "served", "八、送达证明", "8. Proof of service",
	  { E_REF, E_DATE, E_DETAIL }, { .3, .14, .56 },
	  { "通知", "送达日期", "证明" }, { "notice", "served", "proof" } },
	{ "event", "九、承诺、联系与争议",
	  "9. Promises, contacts and disputes",
	  { E_DATE, E_ITEM, E_AMOUNT, E_REF, E_DETAIL },
	  { .13, .14, .13, .16, .44 },
	  { "日期", "类型", "金额", "编号", "内容" },
	  { "date", "type", "amount", "ref", "detail" } },
	{ "limitation", "十、诉讼时效", "10. Limitation",
	  { E_DATE, E_ITEM, E_DETAIL }, { .14, .2, .66 },
	  { "日期", "项目", "说明" }, { "date", "item", "detail" } },
	{ "restart", "时效中断事由", "What restarted it",
	  { E_DATE, E_ITEM, E_REF, E_AMOUNT }, { .16, .24, .4, .2 },
	  { "日期", "事由", "编号", "金额" },
	  { "date", "event", "ref", "amount" } },
	{ "source", "十一、数据来源", "11. Where the records came from",
	  { E_REF, E_SHA, E_DETAIL }, { .3, .5, .2 },
	  { "文件", "SHA-256", "导入时间" }, { "file", "SHA-256", "imported" } },
};

static int
write_pdf(struct ev *e, const char *path, struct dun_err *err)
{
	const struct table *t = e->t;
	int en = strcmp(e->rp->lang, "en") == 0, mask = e->rp->o.mask_pdf;
	const char *font = e->c->notice.font ? e->c->notice.font :
	    "Noto Sans CJK SC";
	char *title, *sub, a[DUN_DATE_BUFSZ];
	struct pdf *p;
	size_t s, r, j, nc, nr;

	if (pdf_font_check(font, err) < 0)
		return -1;
	title = str_fmt("%s %s", en ? "Evidence pack:" : "证据材料：",
	    e->rp->o.unit);
	if ((p = pdf_open(path, font, e->rp->o.asof, title, err)) == NULL) {
		free(title);
		return -1;
	}
	sub = str_fmt("%s%s%s %s", e->c->company.name ?
	    e->c->company.name : "", e->c->company.name ? " · " : "",
	    en ? "as of" : "截至", dun_date_fmt(e->rp->o.asof, a));
	pdf_title(p, title, sub);
	free(title);
	free(sub);
	for (s = 0; s < sizeof psecs / sizeof *psecs; s++) {
		const struct psec *ps = &psecs[s];
		const char **cells;
		char **b;

		for (nc = 0; nc < 7 && ps->w[nc] > 0; nc++)
			;
		for (r = 0, nr = 0; r < t->nrows; r++)
			nr += strcmp(t->cells[r * t->ncols].s, ps->section) == 0;
		if (nr == 0)
			continue;
		cells = xmalloc((nr + 1) * nc * sizeof *cells);
		b = xmalloc((nr + 1) * nc * sizeof *b);
		memset(b, 0, (nr + 1) * nc * sizeof *b);
		for (j = 0; j < nc; j++)
			cells[j] = en ? ps->he[j] : ps->hz[j];
		for (r = 0, nr = 1; r < t->nrows; r++) {
			const struct tcell *row = &t->cells[r * t->ncols];

			if (strcmp(row[0].s, ps->section) != 0)
				continue;
			for (j = 0; j < nc; j++) {
				int c = ps->cols[j];
				/* Room for a masked name of many characters:
				 * a star a character, at most one a byte. */
				size_t room;
				char *tmp;

				if (c < 0)
					c = !row[E_PARTY].null ? E_PARTY :
					    !row[E_CONTACT].null ? E_CONTACT :
					    E_DETAIL;
				room = (row[c].s ? strlen(row[c].s) : 0) + 64;
				tmp = xmalloc(room);
				b[nr * nc + j] = xstrdup(cell_fmt(&row[c],
				    t->cols[c].type, 1, mask, tmp, room));
				free(tmp);
				cells[nr * nc + j] = b[nr * nc + j];
			}
			nr++;
		}
		pdf_section(p, en ? ps->en : ps->zh, cells, nc, nr, ps->w);
		for (j = 0; j < nr * nc; j++)
			free(b[j]);
		free(cells);
		free(b);
	}
	return pdf_close(p, err);
}

/* ---- the pack ------------------------------------------------------------ */

static void
hist_report(const struct dun_err *err, void *arg)
{
	struct ev *e = arg;

	if (!e->bad)
		e->err = *err;
	e->bad = 1;
}

int
evidence_pack(struct dun_report *rp, struct dun_ledger *l,
    struct dun_err *err)
{
	struct ev e;
	struct dun_hsrc *src;
	char *units[1];
	const struct dun_hist *h;
	int bad, k, fd, rc = -1;
	size_t i;

	memset(&e, 0, sizeof e);
	e.rp = rp;
	e.c = rp->c;
	if (dun_ledger_each(l, DUN_EACH_UNIT, rp->o.unit, 0, unit_row, &e,
	    err) < 0)
		return -1;
	if (!e.found) {
		dun_err_set(err, DUN_EXIT_DATA, "no unit \"%s\" in the ledger",
		    rp->o.unit);
		return -1;
	}
	units[0] = (char *)rp->o.unit;
	if ((src = dun_hsrc_ledger(l, rp->c, units, 1, hist_report, &e,
	    err)) == NULL)
		return -1;
	k = dun_hsrc_next(src, &h, &bad, err);
	if (k <= 0 || bad) {
		if (k == 0 || bad)
			*err = e.bad ? e.err : *err;
		if (k == 0 && !e.bad)
			dun_err_set(err, DUN_EXIT_DATA, "no unit \"%s\"",
			    rp->o.unit);
		goto done;
	}
	if (h->ncharges + h->npayments + h->nadjustments + h->nevents +
	    h->nnotices == 0) {
		dun_err_set(err, DUN_EXIT_DATA, "unit %s has no charges, "
		    "payments, events or notices in the ledger: there is "
		    "nothing to prove", rp->o.unit);
		goto done;
	}
	e.h = h;
	if (dun_age_trace(rp->c, rp->o.asof, h, &e.a, &e.tr, err) < 0)
		goto done;
	e.t = table_new(rp->a, "evidence", strcmp(rp->lang, "en") == 0 ?
	    "Evidence pack" : "证据材料");
	{
		char d[DUN_DATE_BUFSZ];
		char *note = str_fmt("%s %s, %s %s", strcmp(rp->lang, "en") ==
		    0 ? "Unit" : "房号", rp->o.unit, strcmp(rp->lang, "en") ==
		    0 ? "as of" : "截至", dun_date_fmt(rp->o.asof, d));

		e.t->note = arena_strdup(rp->a, note);
		free(note);
	}
	for (i = 0; i < E_N; i++)
		table_col(e.t, ecols[i].name, ecols[i].type);
	rp->doc.t = xrealloc(rp->doc.t, (rp->doc.n + 1) * sizeof *rp->doc.t);
	rp->doc.t[rp->doc.n++] = e.t;
	household(&e);
	summary(&e);
	statement(&e);
	if (dun_ledger_each(l, DUN_EACH_PAYMENTS, NULL, e.id, payment_row, &e,
	    err) < 0 || dun_ledger_each(l, DUN_EACH_ADJUSTMENTS, NULL, e.id,
	    adjustment_row, &e, err) < 0)
		goto done;
	late_fees(&e);
	if (dun_ledger_each(l, DUN_EACH_NOTICES, NULL, e.id, notice_row, &e,
	    err) < 0 || dun_ledger_each(l, DUN_EACH_EVENTS, NULL, e.id,
	    event_row, &e, err) < 0)
		goto done;
	limitation(&e);
	if (dun_ledger_each(l, DUN_EACH_IMPORTS, NULL, e.id, source_row, &e,
	    err) < 0)
		goto done;
	if ((fd = temp_beside(rp->o.pdf, &rp->pdf_tmp)) < 0) {
		dun_err_set(err, DUN_EXIT_SYS, "%s: cannot write: %s",
		    rp->o.pdf, strerror(errno));
		goto done;
	}
	rp->pdf_fd = fd;	/* held till it is renamed */
	rc = write_pdf(&e, rp->pdf_tmp, err);
done:
	dun_trace_free(&e.tr);
	dun_hsrc_close(src);
	return rc;
}

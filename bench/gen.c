/*
 * gen — a deterministic generator of a realistic estate, for benchmarks
 * and for the bundled example.
 *
 *   gen [-u units] [-m months] [-p first-period] [-s seed] [-x] -o dir
 *   gen -X [-aF] [-u units] [-m months] [-p first-period] [-s seed] -o dir
 *
 * Writes units, charges, payments, adjustments and events as dun's TSV
 * records (dun(5)); with -x, as the files a Chinese billing system and a
 * bank would export (CSV, Chinese headers, the bank's own date and amount
 * styles; see examples/README).  The same arguments give the same bytes.
 *
 * With -X, the reports a property billing system exports, and dun's TSV
 * records of the same estate beside them, so that what an import of the
 * reports should give is known: a household list with the unit split
 * over 楼栋, 单元 and 房号 (households.csv, GBK), an arrears list with a
 * title, subtotals and signatures (arrears.csv), the bills with their
 * due dates under a title, with a 合计 (bills.csv, GBK), the cashier's
 * receipts, one receipt split over fee lines (receipts.csv), and a
 * receivables ledger with a two-row header and each line's due date
 * (ledger.xlsx).  Units are named building-entrance-room (1-2-0101: 1栋
 * 2单元 0101室), and there are two fees dun's default config does not
 * know (电梯费 above the sixth floor, 垃圾清运费) and a renovation
 * deposit (装修保证金) for a few units; -F leaves those out.  The
 * billing system applies money by the rules of dun's default config
 * (lib/config/dun.yaml: what dun-age does with the records): a payment
 * naming a bill there first, then the bills due, oldest first, then their
 * late fees, then the bills not yet due.  What was paid on each bill line,
 * and each receipt's lines (the late fees one line, 滞纳金), are what it
 * applied; so the reports loaded give what the records give, under that
 * config and under bench/fifo.yaml (which reads no receipt's lines).
 * -a: arrears.csv lists every bill line, not only those still owing.  No
 * waivers: the reports have no column for them.
 *
 * Fee types: management by floor area (2.50 a square metre a month, due
 * the last day of the month), parking for about a third of the units
 * (300.00 a month), and metered water billed a month in arrears (due the
 * 15th of the next month).  Payers: on time, late, partial, prepaying (a
 * year of management fees each January) and stopped.
 */
#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "dun.h"

static uint64_t
mix(uint64_t x)
{
	x += 0x9e3779b97f4a7c15ULL;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

struct rng {
	uint64_t s;
};

static unsigned
roll(struct rng *r, unsigned n)	/* 0 .. n-1 */
{
	r->s = mix(r->s);
	return (unsigned)(r->s % n);
}

static long
days(int y, int m, int d)
{
	return dun_date_make(y, m, d);
}

static void
civil(long t, int *y, int *m, int *d)
{
	dun_date_split((dun_date)t, y, m, d);
}

static int
mdays(int y, int m)
{
	static const int n[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30,
		31 };

	return m == 2 && ((y % 4 == 0 && y % 100) || y % 400 == 0) ? 29 :
	    n[m - 1];
}

static int example;
static int exports;		/* -X */
static long export_day;		/* nothing is paid after this day */
static int first_period, last_period;	/* months since year 0 */

static const char *
datestr(long t, int style)
{
	static char buf[4][32];
	static int k;
	int y, m, d;

	civil(t, &y, &m, &d);
	k = (k + 1) % 4;
	if (style == 1)
		snprintf(buf[k], 32, "%d/%d/%d", y, m, d);
	else if (style == 2)
		snprintf(buf[k], 32, "%04d%02d%02d", y, m, d);
	else
		snprintf(buf[k], 32, "%04d-%02d-%02d", y, m, d);
	return buf[k];
}

static const char *
money(long long v, int grouped)
{
	static char buf[4][40];
	static int k;
	char digits[32];
	long long u = v < 0 ? -v : v;
	size_t n, i, o = 0;

	k = (k + 1) % 4;
	snprintf(digits, sizeof digits, "%lld", u / 100);
	n = strlen(digits);
	if (v < 0)
		buf[k][o++] = '-';
	for (i = 0; i < n; i++) {
		buf[k][o++] = digits[i];
		if (grouped && (n - i - 1) % 3 == 0 && i + 1 < n)
			buf[k][o++] = ',';
	}
	snprintf(buf[k] + o, sizeof buf[k] - o, ".%02lld", u % 100);
	return buf[k];
}

static FILE *
create(const char *dir, const char *name)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	if ((f = fopen(path, "w")) == NULL) {
		fprintf(stderr, "gen: %s: %s\n", path, strerror(errno));
		exit(3);
	}
	return f;
}

static const char *const surnames[] = { "王", "李", "张", "刘", "陈", "杨",
	"黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林",
	"罗", "高" };
static const char *const given[] = { "伟", "芳", "娜", "敏", "静", "丽",
	"强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英",
	"华", "建国", "志强", "桂英", "晓东", "海燕" };
static const char *const methods[] = { "wechat", "alipay", "bank", "cash" };
static const char *const methods_cn[] = { "微信", "支付宝", "银行转账",
	"现金" };
static const char *const collectors[] = { "周敏", "陈刚", "林晓", "郑洁" };

enum { ONTIME, LATE, PARTIAL, PREPAY, STOPPED };

struct pay {
	long day;
	long long amount;
	char ref[24], unit[32];
	const char *fee;	/* NULL: not named */
	int period;		/* months since year 0, with fee */
	int method;
};

static struct pay *pays;
static size_t npays, cappays;
static long long refno;

static void xpay(const struct pay *p);

static void
pay(FILE *f, const char *unit, long day, long long amount, const char *fee,
    int period, int method)
{
	struct pay p;

	if (day > export_day || amount <= 0)
		return;
	memset(&p, 0, sizeof p);
	p.day = day;
	p.amount = amount;
	snprintf(p.ref, sizeof p.ref, "%s%08lld", exports ? "SJ" : example ?
	    "B" : "P", ++refno);
	snprintf(p.unit, sizeof p.unit, "%s", unit);
	p.fee = fee;
	p.period = period;
	p.method = method;
	if (exports) {
		xpay(&p);
		return;
	}
	if (!example) {
		fprintf(f, "%s\t%s\t%s\t%s\t%s\t", p.ref, unit,
		    datestr(day, 0), money(amount, 0), fee ? fee : "");
		if (fee)
			fprintf(f, "%04d-%02d", period / 12, period % 12 + 1);
		fprintf(f, "\t%s\n", methods[method]);
		return;
	}
	if (npays == cappays) {
		cappays = cappays ? cappays * 2 : 1024;
		if ((pays = realloc(pays, cappays * sizeof *pays)) == NULL)
			exit(3);
	}
	pays[npays++] = p;
}

static int
by_day(const void *a, const void *b)
{
	const struct pay *x = a, *y = b;

	if (x->day != y->day)
		return x->day < y->day ? -1 : 1;
	return strcmp(x->ref, y->ref);
}

static const char *
fee_label(const char *fee)
{
	if (strcmp(fee, "management") == 0)
		return "物业管理费";
	if (strcmp(fee, "parking") == 0)
		return "车位管理费";
	return "水费";
}

/* ---- -X: the reports of a property billing system --------------------- */

enum { X_MGMT, X_WATER, X_PARKING, X_LIFT, X_GARBAGE, X_DEPOSIT, X_CREDIT,
	X_LATE };

/* Each fee as dun's records name it (dun(5)), and as the billing system
 * names it; a receipt's line may also be money held (预存款) or late fees
 * (滞纳金). */
static const char *const xfee_key[] = { "management", "water", "parking",
	"电梯费", "垃圾清运费", "装修保证金" };
static const char *const xfee_cn[] = { "物业服务费", "水费", "车位管理费",
	"电梯费", "垃圾清运费", "装修保证金", "预存款", "滞纳金" };

#define ESTATE "示例花园"

static int all_lines;		/* -a: arrears.csv lists paid lines too */
static int known_only;		/* -F: no fees dun does not know, no deposit */

/* A bill line: one charge, and what was paid on it by the export day. */
struct bill {
	int fee, period;	/* period: months since year 0 */
	long due, start, end;
	long long amount, paid;
};

/* The unit being made: who, where, what it was billed and paid. */
static struct {
	char unit[32], name[32], phone[16];
	long building;
	int entrance, floor, room;
	struct bill *b;
	size_t nb, capb;
	struct pay *p;
	size_t np, capp;
} xu;

/* A line of the receipts list: what one payment put on one bill line. */
struct receipt {
	long day;
	long long ref;		/* the payment's number */
	size_t seq;		/* the line's place on the receipt */
	long building;
	int entrance, floor, room, fee, period, method;
	char name[32];
	long long amount;
};

static struct receipt *rcpts;
static size_t nrcpts, caprcpts;

static FILE *xarr, *xrec, *xhh, *xbills;
static char *hh;			/* households.csv as UTF-8 */
static size_t hhlen;
static char *bl;			/* bills.csv as UTF-8 */
static size_t bllen;
static long long bills_tot;		/* bills.csv's 合计 */
static long arr_building;		/* the building being listed */
static long long arr_sub[3], arr_tot[3];	/* 应收, 实收, 欠费 */

static lxw_workbook *wb;
static lxw_worksheet *ws;
static lxw_format *f_title, *f_head, *f_date, *f_money, *f_total,
    *f_tmoney;
static lxw_row_t ws_row;
static long long ws_tot[3];

static void *
grow(void *v, size_t *cap, size_t n, size_t size)
{
	if (n < *cap)
		return v;
	while (n >= *cap)
		*cap = *cap ? *cap * 2 : 64;
	if ((v = realloc(v, *cap * size)) == NULL) {
		fputs("gen: out of memory\n", stderr);
		exit(3);
	}
	return v;
}

static void
xpay(const struct pay *p)
{
	xu.p = grow(xu.p, &xu.capp, xu.np, sizeof *xu.p);
	xu.p[xu.np++] = *p;
}

static void
xbill(int fee, int period, long due, long long amount)
{
	int y = period / 12, m = period % 12 + 1;
	struct bill *b;

	xu.b = grow(xu.b, &xu.capb, xu.nb, sizeof *xu.b);
	b = &xu.b[xu.nb++];
	memset(b, 0, sizeof *b);
	b->fee = fee;
	b->period = period;
	b->due = due;
	b->amount = amount;
	if (fee == X_DEPOSIT) {
		b->start = b->end = due;
	} else {
		b->start = days(y, m, 1);
		b->end = days(y, m, mdays(y, m));
	}
}

static void
receipt(const struct pay *p, int fee, int period, long long amount,
    size_t seq)
{
	struct receipt *r;

	rcpts = grow(rcpts, &caprcpts, nrcpts, sizeof *rcpts);
	r = &rcpts[nrcpts++];
	memset(r, 0, sizeof *r);
	r->day = p->day;
	r->ref = strtoll(p->ref + 2, NULL, 10);
	r->seq = seq;
	r->building = xu.building;
	r->entrance = xu.entrance;
	r->floor = xu.floor;
	r->room = xu.room;
	r->fee = fee;
	r->period = period;
	r->method = p->method;
	snprintf(r->name, sizeof r->name, "%s", xu.name);
	r->amount = amount;
}

/* dun's default config (lib/config/dun.yaml), by which the billing system
 * applies money, and each fee's index in it (or DUN_FEE_OTHER - k for the
 * fees it lacks, k in xothers). */
static struct dun_config *xconf;
static int xfee_dun[X_DEPOSIT];
static const char *xothers[] = { "电梯费", "垃圾清运费" };
static struct dun_trace xtrace;

static void
xconf_load(void)
{
	struct dun_err err;
	int f;

	memset(&err, 0, sizeof err);
	if ((xconf = dun_config_parse("{}", 2, "dun.yaml", 0, &err)) ==
	    NULL) {
		fprintf(stderr, "gen: the default config: %s\n", err.msg);
		exit(3);
	}
	for (f = 0; f < X_DEPOSIT; f++) {
		const struct dun_fee *fee = dun_config_fee(xconf, xfee_key[f]);

		xfee_dun[f] = fee != NULL ? (int)(fee - xconf->fees) :
		    f == X_LIFT ? DUN_FEE_OTHER : DUN_FEE_OTHER - 1;
	}
}

/* Apply the unit's payments to its bills as the billing system does, by
 * the rules of dun's default config (what dun-age does with the records
 * and no config of the office's own): a payment naming a fee and period
 * there first, then the bills due by its day, oldest first, then their
 * late fees (滞纳金), then the bills not yet due; what is left over is
 * held (预存款).  A deposit's payment pays the deposit.  Each part is a
 * line of the payment's receipt, in the order it was applied, the late
 * fees one line. */
static void
xallocate(void)
{
	static struct dun_hcharge *hc;
	static struct dun_hmoney *hm;
	static size_t caphc, caphm, *pidx, cappidx, *at, capat, *cnt, capcnt;
	static size_t *byline, capbyline;
	struct dun_trace *tr = &xtrace;
	struct dun_hist h;
	struct dun_aged aged;
	struct dun_err err;
	size_t i, k, n;

	memset(&h, 0, sizeof h);
	memset(&err, 0, sizeof err);
	h.hh.unit = xu.unit;
	h.others = xothers;
	h.nothers = sizeof xothers / sizeof *xothers;
	for (i = 0; i < xu.nb; i++) {
		const struct bill *b = &xu.b[i];
		struct dun_hcharge *c;

		if (b->fee == X_DEPOSIT)
			continue;	/* held, never owed */
		hc = grow(hc, &caphc, h.ncharges, sizeof *hc);
		c = &hc[h.ncharges++];
		memset(c, 0, sizeof *c);
		c->fee = xfee_dun[b->fee];
		c->period = b->period;
		c->due = (dun_date)b->due;
		c->amount = b->amount;
		c->start = (dun_date)b->start;
		c->until = DUN_NODATE;
	}
	pidx = grow(pidx, &cappidx, xu.np, sizeof *pidx);
	for (i = 0; i < xu.np; i++) {
		const struct pay *p = &xu.p[i];
		struct dun_hmoney *m;
		int f;

		if (p->fee != NULL && strcmp(p->fee, xfee_key[X_DEPOSIT]) ==
		    0) {
			for (k = 0; k < xu.nb; k++)
				if (xu.b[k].fee == X_DEPOSIT &&
				    xu.b[k].period == p->period)
					break;
			if (k == xu.nb || xu.b[k].paid + p->amount >
			    xu.b[k].amount) {
				fprintf(stderr, "gen: %s: a deposit paid with "
				    "no deposit billed\n", xu.unit);
				exit(3);
			}
			xu.b[k].paid += p->amount;
			receipt(p, X_DEPOSIT, p->period, p->amount, 0);
			continue;
		}
		hm = grow(hm, &caphm, h.npayments, sizeof *hm);
		pidx[h.npayments] = i;
		m = &hm[h.npayments++];
		memset(m, 0, sizeof *m);
		m->date = (dun_date)p->day;
		m->amount = p->amount;
		m->fee = DUN_FEE_NONE;
		m->ref = p->ref;
		if (p->fee != NULL) {
			for (f = 0; f < X_DEPOSIT; f++)
				if (strcmp(p->fee, xfee_key[f]) == 0)
					m->fee = xfee_dun[f];
			m->has_period = 1;
			m->period = p->period;
		}
	}
	h.charges = hc;
	h.payments = hm;
	if (dun_age_trace(xconf, (dun_date)export_day, &h, &aged, tr,
	    &err) < 0) {
		fprintf(stderr, "gen: %s\n", err.msg);
		exit(3);
	}
	/* Each line of the trace is a bill of the unit. */
	byline = grow(byline, &capbyline, tr->nlines, sizeof *byline);
	for (i = 0; i < tr->nlines; i++) {
		for (k = 0; k < xu.nb; k++)
			if (xu.b[k].fee != X_DEPOSIT &&
			    xfee_dun[xu.b[k].fee] == tr->lines[i].fee &&
			    xu.b[k].period == tr->lines[i].period)
				break;
		if (k == xu.nb || tr->lines[i].adjustment) {
			fprintf(stderr, "gen: %s: dun-age has a line gen did "
			    "not bill\n", xu.unit);
			exit(3);
		}
		byline[i] = k;
		xu.b[k].paid = tr->lines[i].amount - tr->lines[i].unpaid;
	}
	/* The parts of each payment, in the order applied: counting sort
	 * by payment, stable. */
	n = h.npayments;
	cnt = grow(cnt, &capcnt, n + 1, sizeof *cnt);
	at = grow(at, &capat, tr->nallocs, sizeof *at);
	memset(cnt, 0, (n + 1) * sizeof *cnt);
	for (i = 0; i < tr->nallocs; i++)
		cnt[tr->allocs[i].source + 1]++;
	for (i = 0; i < n; i++)
		cnt[i + 1] += cnt[i];
	for (i = 0; i < tr->nallocs; i++)
		at[cnt[tr->allocs[i].source]++] = i;
	/* cnt[j] is now where payment j's parts end. */
	for (k = 0, i = 0; k < n; k++) {
		const struct pay *p = &xu.p[pidx[k]];
		size_t first = i, j, seq = 0;
		long long left = p->amount, late = 0;

		for (j = first; j < cnt[k]; j++)
			if (tr->allocs[at[j]].late)
				late += tr->allocs[at[j]].amount;
		for (; i < cnt[k]; i++) {
			const struct dun_alloc *a = &tr->allocs[at[i]];
			const struct bill *b = &xu.b[byline[a->line]];

			if (a->late) {
				/* One line for the late fees, where they were
				 * paid: after the bills due, before those not
				 * yet due. */
				if (late > 0)
					receipt(p, X_LATE, 0, late, seq++);
				left -= late;
				late = 0;
				continue;
			}
			/* A receipt names a bill once. */
			for (j = first; j < i; j++)
				if (!tr->allocs[at[j]].late &&
				    tr->allocs[at[j]].line == a->line) {
					fprintf(stderr, "gen: %s: %s pays one "
					    "bill twice\n", xu.unit, p->ref);
					exit(3);
				}
			receipt(p, b->fee, b->period, a->amount, seq++);
			left -= a->amount;
		}
		if (left > 0)
			receipt(p, X_CREDIT, 0, left, seq);
	}
}

static void
arrears_subtotal(void)
{
	int i;

	if (arr_building == 0)
		return;
	fprintf(xarr, "%ld栋小计,,,,,,,,%s,%s,%s\r\n", arr_building,
	    money(arr_sub[0], 0), money(arr_sub[1], 0), money(arr_sub[2], 0));
	for (i = 0; i < 3; i++) {
		arr_tot[i] += arr_sub[i];
		arr_sub[i] = 0;
	}
	arr_building = 0;
}

static void
ws_date(lxw_row_t row, lxw_col_t col, long t)
{
	lxw_datetime dt;
	int y, m, d;

	civil(t, &y, &m, &d);
	memset(&dt, 0, sizeof dt);
	dt.year = y;
	dt.month = m;
	dt.day = d;
	worksheet_write_datetime(ws, row, col, &dt, f_date);
}

/* The unit is made: its bills paid, and every file's lines for it. */
static void
xunit_done(FILE *fc, FILE *fp)
{
	size_t i;

	xallocate();
	for (i = 0; i < xu.nb; i++) {
		const struct bill *b = &xu.b[i];

		fprintf(fc, "%s\t%s\t%04d-%02d\t%s\t%s\n", xu.unit,
		    xfee_key[b->fee], b->period / 12, b->period % 12 + 1,
		    datestr(b->due, 0), money(b->amount, 0));
		fprintf(xbills, "%ld栋,%d单元,%02d%02d,%s,%s,%04d-%02d,%s,%s\r\n",
		    xu.building, xu.entrance, xu.floor, xu.room, xu.name,
		    xfee_cn[b->fee], b->period / 12, b->period % 12 + 1,
		    datestr(b->due, 0), money(b->amount, 0));
		bills_tot += b->amount;
	}
	for (i = 0; i < xu.np; i++) {
		const struct pay *p = &xu.p[i];

		fprintf(fp, "%s\t%s\t%s\t%s\t%s\t", p->ref, p->unit,
		    datestr(p->day, 0), money(p->amount, 0),
		    p->fee ? p->fee : "");
		if (p->fee)
			fprintf(fp, "%04d-%02d", p->period / 12,
			    p->period % 12 + 1);
		fprintf(fp, "\t%s\n", methods[p->method]);
	}
	for (i = 0; i < xu.nb; i++) {
		const struct bill *b = &xu.b[i];
		long long owing = b->amount - b->paid;

		worksheet_write_string(ws, ws_row, 0, xu.unit, NULL);
		worksheet_write_string(ws, ws_row, 1, xfee_cn[b->fee], NULL);
		ws_date(ws_row, 2, b->start);
		ws_date(ws_row, 3, b->end);
		ws_date(ws_row, 4, b->due);
		worksheet_write_number(ws, ws_row, 5, b->amount / 100.0,
		    f_money);
		worksheet_write_number(ws, ws_row, 6, b->paid / 100.0, f_money);
		worksheet_write_number(ws, ws_row, 7, owing / 100.0, f_money);
		ws_row++;
		ws_tot[0] += b->amount;
		ws_tot[1] += b->paid;
		ws_tot[2] += owing;
		/* A deposit is held, not owed: no arrears of it. */
		if (b->fee == X_DEPOSIT || (!all_lines && owing <= 0))
			continue;
		if (arr_building != xu.building) {
			arrears_subtotal();
			arr_building = xu.building;
		}
		fprintf(xarr, "%ld栋,%d单元,%02d%02d,%s,%s,%s,%s,%s,", xu.building,
		    xu.entrance, xu.floor, xu.room, xu.name, xu.phone,
		    xfee_cn[b->fee], datestr(b->start, 0), datestr(b->end, 0));
		fprintf(xarr, "%s,%s,%s\r\n", money(b->amount, 0),
		    money(b->paid, 0), money(owing, 0));
		arr_sub[0] += b->amount;
		arr_sub[1] += b->paid;
		arr_sub[2] += owing;
	}
	xu.nb = xu.np = 0;
}

static lxw_format *
xformat(const char *num, int bold, int center)
{
	lxw_format *f = workbook_add_format(wb);

	if (num)
		format_set_num_format(f, num);
	if (bold)
		format_set_bold(f);
	if (center) {
		format_set_align(f, LXW_ALIGN_CENTER);
		format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
	}
	return f;
}

/* Open the reports and write their heads. */
static void
xopen(const char *dir)
{
	static lxw_doc_properties props;
	char path[4096], title[200];
	int i;

	xconf_load();
	xarr = create(dir, "arrears.csv");
	xrec = create(dir, "receipts.csv");
	if ((xhh = open_memstream(&hh, &hhlen)) == NULL) {
		fprintf(stderr, "gen: %s\n", strerror(errno));
		exit(3);
	}
	fputs("小区名称,楼栋,单元,房号,业主姓名,联系电话,建筑面积,入住状态\r\n",
	    xhh);
	fprintf(xarr, "\xef\xbb\xbf物业费欠费明细表\r\n截止日期：%s\r\n\r\n",
	    datestr(export_day, 0));
	fputs("楼栋,单元,房号,客户名称,联系电话,收费项目,计费开始日期,"
	    "计费结束日期,应收金额,实收金额,欠费金额\r\n", xarr);
	fputs("\xef\xbb\xbf收据号,收款日期,楼栋,单元,房号,客户名称,收费项目,"
	    "所属期间,实收金额,收款方式\r\n", xrec);
	if ((xbills = open_memstream(&bl, &bllen)) == NULL) {
		fprintf(stderr, "gen: %s\n", strerror(errno));
		exit(3);
	}
	fprintf(xbills, "%s物业费应收明细表\r\n所属期间：%04d年%02d月至%04d年"
	    "%02d月\r\n", ESTATE, first_period / 12, first_period % 12 + 1,
	    last_period / 12, last_period % 12 + 1);
	fputs("楼栋,单元,房号,客户名称,收费项目,所属期间,应收日期,应收金额\r\n",
	    xbills);

	snprintf(path, sizeof path, "%s/ledger.xlsx", dir);
	if ((wb = workbook_new(path)) == NULL) {
		fprintf(stderr, "gen: %s: cannot create the workbook\n", path);
		exit(3);
	}
	/* The export day as the workbook's date: the same bytes each time. */
	props.title = "应收台账";
	props.created = (time_t)export_day * 86400;
	workbook_set_properties(wb, &props);
	ws = workbook_add_worksheet(wb, "应收台账");
	f_title = xformat(NULL, 1, 1);
	format_set_font_size(f_title, 14);
	f_head = xformat(NULL, 1, 1);
	format_set_border(f_head, LXW_BORDER_THIN);
	format_set_bg_color(f_head, 0xDDEBF7);
	f_date = xformat("yyyy-mm-dd", 0, 0);
	f_money = xformat("#,##0.00", 0, 0);
	f_total = xformat(NULL, 1, 0);
	f_tmoney = xformat("#,##0.00", 1, 0);
	snprintf(title, sizeof title, "%s应收台账（截至%s）", ESTATE,
	    datestr(export_day, 0));
	worksheet_merge_range(ws, 0, 0, 0, 7, title, f_title);
	worksheet_merge_range(ws, 1, 0, 2, 0, "房屋编号", f_head);
	worksheet_merge_range(ws, 1, 1, 2, 1, "收费项目", f_head);
	worksheet_merge_range(ws, 1, 2, 1, 3, "计费起止日期", f_head);
	/* One name over both header rows, as 房屋编号. */
	worksheet_merge_range(ws, 1, 4, 2, 4, "应收日期", f_head);
	worksheet_merge_range(ws, 1, 5, 1, 7, "金额（元）", f_head);
	{
		static const char *const sub[] = { "开始", "结束", "应收",
			"实收", "欠收" };
		static const lxw_col_t at[] = { 2, 3, 5, 6, 7 };

		for (i = 0; i < 5; i++)
			worksheet_write_string(ws, 2, at[i], sub[i], f_head);
	}
	worksheet_set_column(ws, 0, 1, 12, NULL);
	worksheet_set_column(ws, 2, 4, 12, NULL);
	worksheet_set_column(ws, 5, 7, 14, NULL);
	worksheet_freeze_panes(ws, 3, 0);
	ws_row = 3;
}

static int
by_receipt(const void *a, const void *b)
{
	const struct receipt *x = a, *y = b;

	if (x->day != y->day)
		return x->day < y->day ? -1 : 1;
	if (x->ref != y->ref)
		return x->ref < y->ref ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* The households list in GBK, as Excel saves it on a Chinese Windows. */
static void
write_gbk(const char *dir, const char *name, char *s, size_t n)
{
	iconv_t cd = iconv_open("GBK", "UTF-8");
	size_t left = n + 16, cap = left;
	char *out, *o;
	FILE *f;

	if (cd == (iconv_t)-1 || (out = o = malloc(cap)) == NULL) {
		fprintf(stderr, "gen: GBK: %s\n", strerror(errno));
		exit(3);
	}
	if (iconv(cd, &s, &n, &o, &left) == (size_t)-1) {
		fprintf(stderr, "gen: %s: not GBK: %s\n", name,
		    strerror(errno));
		exit(3);
	}
	iconv_close(cd);
	f = create(dir, name);
	if (fwrite(out, 1, cap - left, f) != cap - left || fclose(f)) {
		fprintf(stderr, "gen: %s/%s: %s\n", dir, name,
		    strerror(errno));
		exit(3);
	}
	free(out);
}

/* The last lines of the reports: receipts by day, totals, signatures. */
static void
xfinish(const char *dir)
{
	long long total = 0;
	char formula[64];
	lxw_error e;
	size_t i;
	int c;

	if (nrcpts > 0)
		qsort(rcpts, nrcpts, sizeof *rcpts, by_receipt);
	for (i = 0; i < nrcpts; i++) {
		const struct receipt *r = &rcpts[i];

		fprintf(xrec, "SJ%08lld,%s,%ld号楼,%d单元,%02d%02d,%s,%s,",
		    r->ref, datestr(r->day, 0), r->building, r->entrance,
		    r->floor, r->room, r->name, xfee_cn[r->fee]);
		if (r->fee != X_CREDIT && r->fee != X_LATE)
			fprintf(xrec, "%04d-%02d", r->period / 12,
			    r->period % 12 + 1);
		fprintf(xrec, ",%s,%s\r\n", money(r->amount, 0),
		    methods_cn[r->method]);
		total += r->amount;
	}
	fprintf(xrec, "合计,,,,,,,,%s,\r\n", money(total, 0));
	free(rcpts);

	arrears_subtotal();
	fprintf(xarr, "合计,,,,,,,,%s,%s,%s\r\n", money(arr_tot[0], 0),
	    money(arr_tot[1], 0), money(arr_tot[2], 0));
	fputs("制表人：张三,,,,审核人：李四\r\n", xarr);

	worksheet_merge_range(ws, ws_row, 0, ws_row, 4, "合计", f_total);
	for (c = 0; c < 3; c++) {
		snprintf(formula, sizeof formula, "=SUM(%c4:%c%u)", 'F' + c,
		    'F' + c, (unsigned)ws_row);
		worksheet_write_formula_num(ws, ws_row, (lxw_col_t)(5 + c),
		    formula, f_tmoney, ws_tot[c] / 100.0);
	}
	if ((e = workbook_close(wb)) != LXW_NO_ERROR) {
		fprintf(stderr, "gen: %s/ledger.xlsx: %s\n", dir,
		    lxw_strerror(e));
		exit(3);
	}
	if (fclose(xhh)) {
		fprintf(stderr, "gen: %s\n", strerror(errno));
		exit(3);
	}
	write_gbk(dir, "households.csv", hh, hhlen);
	free(hh);
	fprintf(xbills, "合计,,,,,,,%s\r\n", money(bills_tot, 0));
	if (fclose(xbills)) {
		fprintf(stderr, "gen: %s\n", strerror(errno));
		exit(3);
	}
	write_gbk(dir, "bills.csv", bl, bllen);
	free(bl);
	free(xu.b);
	free(xu.p);
	dun_trace_free(&xtrace);
	dun_config_free(xconf);
	if (fclose(xarr) || fclose(xrec)) {
		fprintf(stderr, "gen: %s: %s\n", dir, strerror(errno));
		exit(3);
	}
}

static void
usage(void)
{
	fputs("usage: gen [-x] [-m months] [-p first-period] [-s seed] "
	    "[-u units] -o dir\n"
	    "       gen -X [-aF] [-m months] [-p first-period] [-s seed] "
	    "[-u units] -o dir\n", stderr);
	exit(2);
}

int
main(int argc, char *argv[])
{
	long units = 1000, months = 24, seed = 1, u;
	int y0 = 2024, m0 = 12, c;
	const char *dir = NULL;
	FILE *fu, *fc, *fp, *fa, *fe;
	struct rng r;
	char *end;

	while ((c = getopt(argc, argv, "aFm:o:p:s:u:xX")) != -1) {
		switch (c) {
		case 'a':
			all_lines = 1;
			break;
		case 'F':
			known_only = 1;
			break;
		case 'm':
			months = strtol(optarg, &end, 10);
			if (*end || months < 1 || months > 600)
				usage();
			break;
		case 'o':
			dir = optarg;
			break;
		case 'p':
			if (sscanf(optarg, "%d-%d", &y0, &m0) != 2 || m0 < 1 ||
			    m0 > 12)
				usage();
			break;
		case 's':
			seed = strtol(optarg, &end, 10);
			if (*end)
				usage();
			break;
		case 'u':
			units = strtol(optarg, &end, 10);
			if (*end || units < 1 || units > 100000000)
				usage();
			break;
		case 'x':
			example = 1;
			break;
		case 'X':
			exports = 1;
			break;
		default:
			usage();
		}
	}
	if (dir == NULL || optind != argc || (example && exports) ||
	    ((all_lines || known_only) && !exports))
		usage();
	/* ledger.xlsx has a row for each bill line, and a sheet no more
	 * than 1,048,576 rows. */
	if (exports && units * (months * 5 + 1) > 1048000) {
		fputs("gen: -X: too many bill lines for ledger.xlsx (Excel's "
		    "1,048,576 rows)\n", stderr);
		return 2;
	}
	{
		int p = (y0 * 12 + m0 - 1) + (int)months - 1;

		/* The export is taken on the 20th of the last month. */
		export_day = days(p / 12, p % 12 + 1, 20);
		first_period = y0 * 12 + m0 - 1;
		last_period = p;
	}
	fu = create(dir, example ? "units.csv" : "units.tsv");
	fc = create(dir, example ? "bills.csv" : "charges.tsv");
	fp = create(dir, example ? "bank.csv" : "payments.tsv");
	fa = create(dir, example ? "waivers.tsv" : "adjustments.tsv");
	fe = create(dir, "events.tsv");
	if (example) {
		fputs("房号,楼栋,业主姓名,联系电话,建筑面积,入住状态,催收员\r\n",
		    fu);
		fputs("\xef\xbb\xbf房号,收费项目,所属期间,应收日期,应收金额\r\n",
		    fc);
		fputs("交易流水号,房号,交易日期,收款金额,收费项目,所属期间,"
		    "支付方式,备注\r\n", fp);
	} else if (exports) {
		fputs("unit\testate\tbuilding\towner\tphone\tarea\t"
		    "occupancy\n", fu);
		fputs("unit\tfee\tperiod\tdue\tamount\n", fc);
		fputs("ref\tunit\tdate\tamount\tfee\tperiod\tmethod\n", fp);
		xopen(dir);
	} else {
		fputs("unit\testate\tbuilding\towner\tphone\tarea\toccupancy\t"
		    "collector\n", fu);
		fputs("unit\tfee\tperiod\tdue\tamount\n", fc);
		fputs("ref\tunit\tdate\tamount\tfee\tperiod\tmethod\n", fp);
	}
	fputs("ref\tunit\tdate\tamount\tfee\tperiod\treason\n", fa);
	fputs("unit\tdate\ttype\tdue\tamount\tref\tnote\n", fe);

	for (u = 0; u < units; u++) {
		char unit[32], name[32], phone[16];
		long building = example || exports ? u / 100 + 1 : u / 120 + 1;
		long inb = example || exports ? u % 100 : u % 120;
		int floor = (int)(inb / 4) + 1, room = (int)(inb % 4) + 1;
		int profile, parking, occ, i, stop_at, method, first_p;
		int lift = 0, deposit = 0;
		long long area, lag;
		unsigned g, sn, digits, prefix;

		r.s = mix((uint64_t)seed * 1000003u + (uint64_t)u);
		if (exports) {
			/* Two entrances (单元) of 25 floors, two flats a
			 * floor on each: 1-2-0101 is 1栋 2单元 0101室. */
			struct rng xr;

			floor = (int)(inb % 50 / 2) + 1;
			room = (int)(inb % 2) + 1;
			snprintf(unit, sizeof unit, "%ld-%ld-%02d%02d",
			    building, inb / 50 + 1, floor, room);
			/* The fees dun does not know roll apart, so that
			 * the rest of the estate is -x's, unit for unit. */
			xr.s = mix(((uint64_t)seed * 1000003u + (uint64_t)u) ^
			    0x5bd1e9955bd1e995ULL);
			lift = !known_only && floor > 6;
			deposit = !known_only && roll(&xr, 25) == 0;
			xu.building = building;
			xu.entrance = (int)(inb / 50) + 1;
			xu.floor = floor;
			xu.room = room;
			snprintf(xu.unit, sizeof xu.unit, "%s", unit);
		} else {
			snprintf(unit, sizeof unit, "%ld-%02d%02d", building,
			    floor, room);
		}
		/* One roll a statement: the order of a call's arguments is
		 * not C's to promise, and the output must not depend on it. */
		g = roll(&r, sizeof given / sizeof *given);
		sn = roll(&r, sizeof surnames / sizeof *surnames);
		snprintf(name, sizeof name, "%s%s", surnames[sn], given[g]);
		digits = roll(&r, 100000000);
		prefix = 5 + roll(&r, 5);
		snprintf(phone, sizeof phone, "13%u%08u", prefix, digits);
		area = 6000 + roll(&r, 10000);	/* 60.00 .. 159.99 m² */
		parking = roll(&r, 3) == 0;
		occ = (int)roll(&r, 100);
		occ = occ < 80 ? 0 : occ < 92 ? 1 : 2;
		c = (int)roll(&r, 100);
		profile = c < 55 ? ONTIME : c < 75 ? LATE : c < 85 ? PARTIAL :
		    c < 90 ? PREPAY : STOPPED;
		stop_at = (int)(months / 3 + roll(&r, (unsigned)(months -
		    months / 3)));
		method = (int)roll(&r, 4);
		lag = 15 + roll(&r, 60);
		if (example)
			fprintf(fu, "%s,%ld栋,%s,%s,%s,%s,%s\r\n", unit,
			    building, name, phone, money(area, 0),
			    occ == 0 ? "自住" : occ == 1 ? "出租" : "空置",
			    collectors[(u / 50) % 4]);
		else if (exports) {
			fprintf(fu, "%s\t%s\t%ld栋\t%s\t%s\t%s\t%s\n", unit,
			    ESTATE, building, name, phone, money(area, 0),
			    occ == 0 ? "owner" : occ == 1 ? "tenant" :
			    "vacant");
			fprintf(xhh, "%s,%ld栋,%d单元,%02d%02d室,%s,%s,%s,%s\r\n",
			    ESTATE, building, xu.entrance, floor, room, name,
			    phone, money(area, 0), occ == 0 ? "自住" :
			    occ == 1 ? "出租" : "空置");
			snprintf(xu.name, sizeof xu.name, "%s", name);
			snprintf(xu.phone, sizeof xu.phone, "%s", phone);
		} else
			fprintf(fu, "%s\tE%02ld\t%ld\t%s\t%s\t%s\t%s\tC%02ld\n",
			    unit, building / 17 + 1, building, name, phone,
			    money(area, 0), occ == 0 ? "owner" : occ == 1 ?
			    "tenant" : "vacant", (u / 500) % 40 + 1);
		first_p = y0 * 12 + m0 - 1;
		if (deposit) {
			/* Paid ten days before the first bills, on the keys'
			 * handing over, before anything else is due. */
			long d = days(y0, m0, 1) - 10;
			int dy, dm, dd;

			civil(d, &dy, &dm, &dd);
			xbill(X_DEPOSIT, dy * 12 + dm - 1, d, 200000);
			pay(fp, unit, d, 200000, xfee_key[X_DEPOSIT],
			    dy * 12 + dm - 1, method);
		}
		for (i = 0; i < months; i++) {
			int p = first_p + i, y = p / 12, m = p % 12 + 1;
			int wp = p + 1;
			long due = days(y, m, mdays(y, m));
			long wdue = days(wp / 12, wp % 12 + 1, 15);
			long long mgmt = (area * 250 + 50) / 100;
			long long water = (300 + roll(&r, 1700)) * 350 / 100;
			long long month_total = mgmt + water;
			/* 0.20 a square metre above the sixth floor; 10.00 a
			 * month for the rubbish. */
			long long liftfee = lift ? (area * 20 + 50) / 100 : 0;
			long long extras = exports && !known_only ?
			    liftfee + 1000 : 0;
			long payday;

			if (exports) {
				xbill(X_MGMT, p, due, mgmt);
				xbill(X_WATER, p, wdue, water);
			} else if (example) {
				fprintf(fc, "%s,物业管理费,%04d-%02d,%s,%s\r\n",
				    unit, y, m, datestr(due, 0), money(mgmt, 0));
				fprintf(fc, "%s,水费,%04d-%02d,%s,%s\r\n", unit,
				    y, m, datestr(wdue, 0), money(water, 0));
			} else {
				fprintf(fc, "%s\tmanagement\t%04d-%02d\t%s\t%s\n",
				    unit, y, m, datestr(due, 0), money(mgmt, 0));
				fprintf(fc, "%s\twater\t%04d-%02d\t%s\t%s\n",
				    unit, y, m, datestr(wdue, 0),
				    money(water, 0));
			}
			if (parking) {
				month_total += 30000;
				if (exports)
					xbill(X_PARKING, p, due, 30000);
				else if (example)
					fprintf(fc, "%s,车位管理费,%04d-%02d,%s,"
					    "300.00\r\n", unit, y, m,
					    datestr(due, 0));
				else
					fprintf(fc, "%s\tparking\t%04d-%02d\t%s\t"
					    "300.00\n", unit, y, m,
					    datestr(due, 0));
			}
			if (lift)
				xbill(X_LIFT, p, due, liftfee);
			if (extras)
				xbill(X_GARBAGE, p, due, 1000);
			month_total += extras;
			/* When and what this payer pays for the month. */
			switch (profile) {
			case ONTIME:
				payday = due - 10 + roll(&r, 10);
				pay(fp, unit, payday, month_total, NULL, 0,
				    method);
				break;
			case LATE:
				payday = due + lag + roll(&r, 20);
				pay(fp, unit, payday, month_total, NULL, 0,
				    method);
				break;
			case PARTIAL:
				payday = due + roll(&r, 30);
				pay(fp, unit, payday, month_total * (50 +
				    roll(&r, 40)) / 100, NULL, 0, method);
				break;
			case PREPAY:
				if (m == 1 || i == 0)
					pay(fp, unit, due - mdays(y, m) - 5,
					    mgmt * (m == 1 ? 12 : 13 - m),
					    "management", p, method);
				pay(fp, unit, wdue - 3, water, "water", p,
				    method);
				if (parking)
					pay(fp, unit, due - 3, 30000,
					    "parking", p, method);
				pay(fp, unit, due - 3, extras, NULL, 0, method);
				break;
			default:
				if (i < stop_at)
					pay(fp, unit, due - 5, month_total,
					    NULL, 0, method);
				break;
			}
		}
		/* What happens to a stopped payer: events of collection. */
		if (profile == STOPPED && stop_at < months - 2) {
			int sp = first_p + stop_at + 2;
			long d = days(sp / 12, sp % 12 + 1, 10);

			switch (roll(&r, 5)) {
			case 0:	/* a promise, kept or broken */
				fprintf(fe, "%s\t%s\tpromise\t%s\t%s\t\t"
				    "电话承诺\n", unit, datestr(d, 0),
				    datestr(d + 20, 0), money(100000, 0));
				if (roll(&r, 2) == 0)
					pay(fp, unit, d + 15, 100000, NULL, 0,
					    method);
				break;
			case 1:	/* a repair dispute */
				fprintf(fe, "%s\t%s\tdispute\t\t\tR-%05ld\t"
				    "屋顶漏水未修复\n", unit, datestr(d, 0),
				    u + 1);
				if (roll(&r, 2) == 0 && d + 40 <= export_day)
					fprintf(fe, "%s\t%s\tresolved\t\t\t"
					    "R-%05ld\t已修复\n", unit,
					    datestr(d + 40, 0), u + 1);
				break;
			case 2:
				fprintf(fe, "%s\t%s\thardship\t%s\t\t\t"
				    "失业\n", unit, datestr(d, 0),
				    datestr(d + 180, 0));
				break;
			case 3:
				fprintf(fe, "%s\t%s\tplan\t%s\t%s\t\t"
				    "分12期\n", unit, datestr(d, 0),
				    datestr(d + 365, 0), money(50000, 0));
				break;
			default:
				fprintf(fe, "%s\t%s\tcontact\t\t\t\t"
				    "电话无人接听\n", unit, datestr(d, 0));
				break;
			}
		}
		/* Partial payers are asked, and some promise. */
		if (profile == PARTIAL && roll(&r, 3) == 0) {
			int sp = first_p + (int)months - 4;
			long d = days(sp / 12, sp % 12 + 1, 5);

			fprintf(fe, "%s\t%s\tpromise\t%s\t%s\t\t上门沟通后"
			    "承诺\n", unit, datestr(d, 0), datestr(d + 14, 0),
			    money(80000, 0));
			if (roll(&r, 2) == 0)
				pay(fp, unit, d + 10, 80000, NULL, 0, method);
		}
		if (roll(&r, 40) == 0) {
			int wp0 = first_p + (int)roll(&r, (unsigned)months);

			/* -X: the reports have no column for a waiver. */
			if (!exports)
				fprintf(fa, "W%06ld\t%s\t%s\t50.00\t"
				    "management\t%04d-%02d\t%s\n", u + 1,
				    unit, datestr(days(wp0 / 12, wp0 % 12 + 1,
				    28), 0), wp0 / 12, wp0 % 12 + 1,
				    "维修期间减免");
		}
		if (exports)
			xunit_done(fc, fp);
	}
	if (exports)
		xfinish(dir);
	if (example) {
		size_t i;

		qsort(pays, npays, sizeof *pays, by_day);
		for (i = 0; i < npays; i++) {
			const struct pay *p = &pays[i];

			/* Banks write 2026/1/5 and ¥1,234.50; names kept. */
			fprintf(fp, "%s,%s,%s,\"¥%s\",%s,", p->ref, p->unit,
			    datestr(p->day, 1), money(p->amount, 1),
			    p->fee ? fee_label(p->fee) : "");
			if (p->fee)
				fprintf(fp, "%04d-%02d", p->period / 12,
				    p->period % 12 + 1);
			fprintf(fp, ",%s,\r\n", methods_cn[p->method]);
		}
		free(pays);
	}
	if (fclose(fu) || fclose(fc) || fclose(fp) || fclose(fa) ||
	    fclose(fe)) {
		fprintf(stderr, "gen: %s: %s\n", dir, strerror(errno));
		return 3;
	}
	return 0;
}

/*
 * gen — a deterministic generator of a realistic estate, for benchmarks
 * and for the bundled example.
 *
 *   gen [-u units] [-m months] [-p first-period] [-s seed] [-x] -o dir
 *
 * Writes units, charges, payments, adjustments and events as dun's TSV
 * records (dun(5)); with -x, as the files a Chinese billing system and a
 * bank would export (CSV, Chinese headers, the bank's own date and amount
 * styles; see examples/README).  The same arguments give the same bytes.
 *
 * Fee types: management by floor area (2.50 a square metre a month, due
 * the last day of the month), parking for about a third of the units
 * (300.00 a month), and metered water billed a month in arrears (due the
 * 15th of the next month).  Payers: on time, late, partial, prepaying (a
 * year of management fees each January) and stopped.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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
static long export_day;		/* nothing is paid after this day */

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
	char ref[24], unit[24];
	const char *fee;	/* NULL: not named */
	int period;		/* months since year 0, with fee */
	int method;
};

static struct pay *pays;
static size_t npays, cappays;
static long long refno;

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
	snprintf(p.ref, sizeof p.ref, "%s%08lld", example ? "B" : "P",
	    ++refno);
	snprintf(p.unit, sizeof p.unit, "%s", unit);
	p.fee = fee;
	p.period = period;
	p.method = method;
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

static void
usage(void)
{
	fputs("usage: gen [-x] [-m months] [-p first-period] [-s seed] "
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

	while ((c = getopt(argc, argv, "m:o:p:s:u:x")) != -1) {
		switch (c) {
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
		default:
			usage();
		}
	}
	if (dir == NULL || optind != argc)
		usage();
	{
		int p = (y0 * 12 + m0 - 1) + (int)months - 1;

		/* The export is taken on the 20th of the last month. */
		export_day = days(p / 12, p % 12 + 1, 20);
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
	} else {
		fputs("unit\testate\tbuilding\towner\tphone\tarea\toccupancy\t"
		    "collector\n", fu);
		fputs("unit\tfee\tperiod\tdue\tamount\n", fc);
		fputs("ref\tunit\tdate\tamount\tfee\tperiod\tmethod\n", fp);
	}
	fputs("ref\tunit\tdate\tamount\tfee\tperiod\treason\n", fa);
	fputs("unit\tdate\ttype\tdue\tamount\tref\tnote\n", fe);

	for (u = 0; u < units; u++) {
		char unit[24], name[32], phone[16];
		long building = example ? u / 100 + 1 : u / 120 + 1;
		long inb = example ? u % 100 : u % 120;
		int floor = (int)(inb / 4) + 1, room = (int)(inb % 4) + 1;
		int profile, parking, occ, i, stop_at, method, first_p;
		long long area, lag;
		unsigned g, sn, digits, prefix;

		r.s = mix((uint64_t)seed * 1000003u + (uint64_t)u);
		snprintf(unit, sizeof unit, "%ld-%02d%02d", building, floor,
		    room);
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
		else
			fprintf(fu, "%s\tE%02ld\t%ld\t%s\t%s\t%s\t%s\tC%02ld\n",
			    unit, building / 17 + 1, building, name, phone,
			    money(area, 0), occ == 0 ? "owner" : occ == 1 ?
			    "tenant" : "vacant", (u / 500) % 40 + 1);
		first_p = y0 * 12 + m0 - 1;
		for (i = 0; i < months; i++) {
			int p = first_p + i, y = p / 12, m = p % 12 + 1;
			int wp = p + 1;
			long due = days(y, m, mdays(y, m));
			long wdue = days(wp / 12, wp % 12 + 1, 15);
			long long mgmt = (area * 250 + 50) / 100;
			long long water = (300 + roll(&r, 1700)) * 350 / 100;
			long long month_total = mgmt + water;
			long payday;

			if (example) {
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
				if (example)
					fprintf(fc, "%s,车位管理费,%04d-%02d,%s,"
					    "300.00\r\n", unit, y, m,
					    datestr(due, 0));
				else
					fprintf(fc, "%s\tparking\t%04d-%02d\t%s\t"
					    "300.00\n", unit, y, m,
					    datestr(due, 0));
			}
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

			fprintf(fa, "W%06ld\t%s\t%s\t50.00\tmanagement\t"
			    "%04d-%02d\t%s\n", u + 1, unit,
			    datestr(days(wp0 / 12, wp0 % 12 + 1, 28), 0),
			    wp0 / 12, wp0 % 12 + 1, "维修期间减免");
		}
	}
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

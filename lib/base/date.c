/* date.c — calendar dates as days since 1970-01-01, periods as months. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base.h"

static const char *const month_names[] = { "January", "February", "March",
	"April", "May", "June", "July", "August", "September", "October",
	"November", "December" };

static int
leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int
month_days(int y, int m)
{
	static const int d[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30,
		31 };

	return m == 2 && leap(y) ? 29 : d[m - 1];
}

int
dun_date_valid(int y, int m, int d)
{
	return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 &&
	    d <= month_days(y, m);
}

/* Days from civil: count in 400-year eras starting on March 1st, so that
 * the leap day falls at the end of each year. */
dun_date
dun_date_make(int y, int m, int d)
{
	int era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void
dun_date_split(dun_date t, int *y, int *m, int *d)
{
	int z = t + 719468;
	int era = (z >= 0 ? z : z - 146096) / 146097;
	int doe = z - era * 146097;
	int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int mp = (5 * doy + 2) / 153;

	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = yoe + era * 400 + (*m <= 2);
}

int
dun_date_weekday(dun_date t)
{
	/* 1970-01-01 was a Thursday (4). */
	int w = (int)(((long)t % 7 + 7 + 3) % 7);

	return w + 1;
}

char *
dun_date_fmt(dun_date t, char *buf)
{
	int y, m, d;

	dun_date_split(t, &y, &m, &d);
	/* Never cut: any dun_date's year has at most seven digits and a
	 * sign.  The test is for compilers that cannot tell. */
	if (snprintf(buf, DUN_DATE_BUFSZ, "%04d-%02d-%02d", y, m, d) < 0)
		buf[0] = '\0';
	return buf;
}

/* Read 1..max digits at *p; -1 if none. */
static int
num(const char **p, const char *end, int min, int max)
{
	int v = 0, k = 0;

	while (*p < end && **p >= '0' && **p <= '9' && k < max) {
		v = v * 10 + (**p - '0');
		(*p)++, k++;
	}
	if (k < min || (*p < end && **p >= '0' && **p <= '9'))
		return -1;
	return v;
}

static int
lit(const char **p, const char *end, const char *s)
{
	size_t n = strlen(s);

	if ((size_t)(end - *p) < n || memcmp(*p, s, n) != 0)
		return 0;
	*p += n;
	return 1;
}

/* Check y-m-d, saying what is wrong in words. */
static int
check_ymd(const char *s, size_t n, int y, int m, int d, char *why)
{
	char buf[64];

	if (y < 1900 || y > 2200) {
		snprintf(buf, sizeof buf, "has year %d, not in 1900-2200", y);
		why_quote(why, s, n, buf);
		return -1;
	}
	if (m < 1 || m > 12) {
		snprintf(buf, sizeof buf, "has month %d: months are 1 to 12", m);
		why_quote(why, s, n, buf);
		return -1;
	}
	if (d < 1 || d > month_days(y, m)) {
		snprintf(buf, sizeof buf, "is not a date: %s %d has %d days",
		    month_names[m - 1], y, month_days(y, m));
		why_quote(why, s, n, buf);
		return -1;
	}
	return 0;
}

/* A time of day after a date: " 14:03" or " 14:03:11" or "T14:03:11". */
static int
skip_time(const char **p, const char *end)
{
	const char *q = *p;

	if (q == end)
		return 0;
	if (*q != ' ' && *q != 'T')
		return -1;
	q++;
	if (num(&q, end, 1, 2) < 0 || !lit(&q, end, ":") ||
	    num(&q, end, 2, 2) < 0)
		return -1;
	if (lit(&q, end, ":") && num(&q, end, 2, 2) < 0)
		return -1;
	if (q != end)
		return -1;
	*p = q;
	return 0;
}

static int
digits(const char *s, int n)
{
	int v = 0;

	while (n-- > 0) {
		if (*s < '0' || *s > '9')
			return -1;
		v = v * 10 + (*s++ - '0');
	}
	return v;
}

int
dun_date_parse(const char *s0, size_t n0, int flags, dun_date *out,
    char *why)
{
	const char *s = s0, *p, *end;
	size_t n = n0;
	int y, m, d;

	/* The form dun writes, taken the short way. */
	if (n0 == 10 && (flags & DUN_DATE_ISO) && s0[4] == '-' &&
	    s0[7] == '-' && (y = digits(s0, 4)) >= 1900 && y <= 2200 &&
	    (m = digits(s0 + 5, 2)) >= 1 && m <= 12 &&
	    (d = digits(s0 + 8, 2)) >= 1 && d <= month_days(y, m)) {
		*out = dun_date_make(y, m, d);
		return 0;
	}

	if (trim_value(&s, &n, why) < 0)
		return -1;
	p = s;
	end = s + n;
	y = num(&p, end, 4, 4);
	if (y >= 0 && p < end && (*p == '-' || *p == '/') &&
	    (flags & (*p == '-' ? DUN_DATE_ISO : DUN_DATE_SLASH))) {
		char sep = *p++;

		if ((m = num(&p, end, 1, 2)) < 0 || p == end || *p++ != sep ||
		    (d = num(&p, end, 1, 2)) < 0 || skip_time(&p, end) < 0)
			goto bad;
	} else if (y >= 0 && (flags & DUN_DATE_CJK) && lit(&p, end, "年")) {
		if ((m = num(&p, end, 1, 2)) < 0 || !lit(&p, end, "月") ||
		    (d = num(&p, end, 1, 2)) < 0 || !lit(&p, end, "日") ||
		    p != end)
			goto bad;
	} else {
		const char *q = s;
		long v = 0;
		int k;

		/* The digits are counted here, and read within s[0, n): the
		 * text need not end with a NUL. */
		for (k = 0; q < end && *q >= '0' && *q <= '9'; q++, k++)
			if (k < 7)
				v = v * 10 + (*q - '0');
		if (q != end)
			goto bad;
		if (k == 8 && (flags & DUN_DATE_COMPACT)) {
			y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 +
			    (s[2] - '0') * 10 + (s[3] - '0');
			m = (s[4] - '0') * 10 + (s[5] - '0');
			d = (s[6] - '0') * 10 + (s[7] - '0');
		} else if (k >= 1 && k <= 6 && (flags & DUN_DATE_EXCEL)) {
			/* Excel counts 1900-01-01 as 1 and keeps Lotus's
			 * 1900-02-29 as 60; 25569 is 1970-01-01. */
			if (v < 1 || v == 60 || v > 109574) {
				why_quote(why, s, n, "is not a date serial number");
				return -1;
			}
			*out = (dun_date)(v < 60 ? v - 25568 : v - 25569);
			return 0;
		} else
			goto bad;
	}
	if (check_ymd(s, n, y, m, d, why) < 0)
		return -1;
	*out = dun_date_make(y, m, d);
	return 0;
bad:
	why_quote(why, s, n, "is not a date");
	return -1;
}

int
dun_date_asof(const char *opt, dun_date *out, struct dun_err *err)
{
	char why[DUN_WHY];
	const char *s = opt;
	time_t now;
	struct tm tm;

	if (s == NULL || *s == '\0')
		s = getenv("DUN_TODAY");
	if (s != NULL && *s != '\0') {
		if (dun_date_parse(s, strlen(s), DUN_DATE_ANY, out, why) < 0) {
			dun_err_set(err, DUN_EXIT_USAGE, "%s: %s",
			    opt && *opt ? "--as-of" : "DUN_TODAY", why);
			return -1;
		}
		return 0;
	}
	now = time(NULL);
	gmtime_r(&now, &tm);
	*out = dun_date_make(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	return 0;
}

dun_period
dun_period_of(dun_date d)
{
	int y, m, day;

	dun_date_split(d, &y, &m, &day);
	return dun_period_make(y, m);
}

dun_date
dun_period_end(dun_period p)
{
	int y, m;

	dun_period_split(p + 1, &y, &m);
	return dun_date_make(y, m, 1) - 1;
}

dun_period
dun_period_make(int y, int m)
{
	return y * 12 + m - 1;
}

void
dun_period_split(dun_period p, int *y, int *m)
{
	*y = p / 12;
	*m = p % 12 + 1;
}

char *
dun_period_fmt(dun_period p, char *buf)
{
	int y, m;

	dun_period_split(p, &y, &m);
	snprintf(buf, DUN_DATE_BUFSZ, "%04d-%02d", y, m);
	return buf;
}

int
dun_period_parse(const char *s0, size_t n0, dun_period *out, char *why)
{
	const char *s = s0, *p, *end;
	size_t n = n0;
	int y, m = -1;

	if (n0 == 7 && s0[4] == '-' && (y = digits(s0, 4)) >= 1900 &&
	    y <= 2200 && (m = digits(s0 + 5, 2)) >= 1 && m <= 12) {
		*out = dun_period_make(y, m);
		return 0;
	}
	m = -1;

	if (trim_value(&s, &n, why) < 0)
		return -1;
	p = s;
	end = s + n;
	if ((y = num(&p, end, 4, 4)) < 0) {
		p = s;
		if (n == 6 && (y = num(&p, s + 4, 4, 4)) >= 0)
			m = num(&p, end, 2, 2);
	} else if (p < end && (*p == '-' || *p == '/')) {
		p++;
		m = num(&p, end, 1, 2);
	} else if (lit(&p, end, "年")) {
		m = num(&p, end, 1, 2);
		if (m >= 0 && !lit(&p, end, "月"))
			m = -1;
	} else if (n == 6) {
		p = s;
		y = num(&p, s + 4, 4, 4);
		m = num(&p, end, 2, 2);
	}
	if (y < 0 || m < 0 || p != end) {
		why_quote(why, s, n, "is not a billing period (YYYY-MM)");
		return -1;
	}
	if (y < 1900 || y > 2200) {
		why_quote(why, s, n, "has a year not in 1900-2200");
		return -1;
	}
	if (m < 1 || m > 12) {
		char buf[64];

		snprintf(buf, sizeof buf, "has month %d: months are 1 to 12", m);
		why_quote(why, s, n, buf);
		return -1;
	}
	*out = dun_period_make(y, m);
	return 0;
}

char *
dun_date_words(dun_date t, const char *lang, char *buf)
{
	static const char *const months[] = { "January", "February",
		"March", "April", "May", "June", "July", "August",
		"September", "October", "November", "December" };
	int y, m, d;

	dun_date_split(t, &y, &m, &d);
	if (strcmp(lang, "en") == 0)
		snprintf(buf, 40, "%d %s %d", d, months[m - 1], y);
	else
		snprintf(buf, 40, "%d年%d月%d日", y, m, d);
	return buf;
}

int
dun_time_parse(const char *s, int *minutes)
{
	int h, m;
	char c;

	if (sscanf(s, "%2d:%2d%c", &h, &m, &c) != 2 || h < 0 || h > 24 ||
	    m < 0 || m > 59 || (h == 24 && m != 0))
		return -1;
	*minutes = h * 60 + m;
	return 0;
}

char *
span_fmt(int has_range, dun_date start, dun_date until, dun_period p,
    const char *lang, char *buf)
{
	char a[DUN_DATE_BUFSZ], b[DUN_DATE_BUFSZ];
	int en = strcmp(lang, "en") == 0;

	if (!has_range)
		dun_period_fmt(p, buf);
	else if (until == DUN_NODATE)
		snprintf(buf, SPAN_BUFSZ, en ? "from %s" : "%s起",
		    dun_date_fmt(start, a));
	else
		snprintf(buf, SPAN_BUFSZ, en ? "%s – %s" : "%s至%s",
		    dun_date_fmt(start, a), dun_date_fmt(until, b));
	return buf;
}

/* money.c — amounts as int64_t minor units, parsed and printed exactly. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "base.h"

/* Skip a currency sign at *p: ¥ (U+00A5), ￥ (U+FFE5) or $. */
static int
currency(const char **p, const char *end)
{
	const unsigned char *u = (const unsigned char *)*p;
	size_t left = (size_t)(end - *p);

	if (left >= 1 && u[0] == '$') {
		*p += 1;
		return 1;
	}
	if (left >= 2 && u[0] == 0xc2 && u[1] == 0xa5) {
		*p += 2;
		return 1;
	}
	if (left >= 3 && u[0] == 0xef && u[1] == 0xbf && u[2] == 0xa5) {
		*p += 3;
		return 1;
	}
	return 0;
}

int
dun_money_parse(const char *s0, size_t n0, dun_money *out, char *why)
{
	const char *s = s0, *p, *end;
	size_t n = n0;
	int neg = 0, paren = 0, signs = 0, digits = 0, group = -1, cents = 0;
	int decimals = 0;
	int64_t v = 0;

	/* The form dun writes, "-1234.50", taken the short way. */
	if (n >= 4 && n <= 18 && s[n - 3] == '.') {
		const char *q = s + (*s == '-'), *e = s + n - 3;

		for (v = 0; q < e && *q >= '0' && *q <= '9'; q++)
			v = v * 10 + (*q - '0');
		if (q == e && e > s + (*s == '-') && e[1] >= '0' &&
		    e[1] <= '9' && e[2] >= '0' && e[2] <= '9') {
			v = v * 100 + (e[1] - '0') * 10 + (e[2] - '0');
			*out = *s == '-' ? -v : v;
			return 0;
		}
		v = 0;
	}
	if (trim_value(&s, &n, why) < 0)
		return -1;
	p = s;
	end = s + n;
	if (*p == '(' && end[-1] == ')') {
		paren = 1;
		p++, end--;
	}
	for (;;) {
		if (p < end && (*p == '-' || *p == '+')) {
			neg = *p == '-';
			p++;
			if (++signs > 1)
				goto bad;
		} else if (!currency(&p, end))
			break;
	}
	if (paren && signs)
		goto bad;
	for (; p < end && *p != '.'; p++) {
		if (*p == ',') {
			/* Grouping: 1,234,567 — groups of exactly three. */
			if (digits == 0 || (group >= 0 && group != 3) ||
			    (group < 0 && digits > 3))
				goto bad;
			group = 0;
			continue;
		}
		if (*p < '0' || *p > '9')
			goto bad;
		if (v > (INT64_MAX / 100 - (*p - '0')) / 10)
			goto big;
		v = v * 10 + (*p - '0');
		digits++;
		if (group >= 0)
			group++;
	}
	if (group >= 0 && group != 3)
		goto bad;
	if (p < end) {
		p++;
		if (p == end)
			goto bad;
		for (; p < end; p++) {
			if (*p < '0' || *p > '9')
				goto bad;
			if (++decimals > 2) {
				why_quote(why, s, n, "has more than two decimal places");
				return -1;
			}
			cents = cents * 10 + (*p - '0');
		}
		if (decimals == 1)
			cents *= 10;
	}
	if (digits == 0 && decimals == 0)
		goto bad;
	if (v == INT64_MAX / 100 && cents > INT64_MAX % 100)
		goto big;
	v = v * 100 + cents;
	*out = neg || paren ? -v : v;
	return 0;
bad:
	why_quote(why, s, n, "is not an amount");
	return -1;
big:
	why_quote(why, s, n, "is too large");
	return -1;
}

char *
dun_money_fmt(dun_money v, char *buf)
{
	uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;

	snprintf(buf, DUN_MONEY_BUFSZ, "%s%llu.%02llu", v < 0 ? "-" : "",
	    (unsigned long long)(u / 100), (unsigned long long)(u % 100));
	return buf;
}

int
dun_money_add(dun_money a, dun_money b, dun_money *out)
{
	if ((b > 0 && a > INT64_MAX - b) || (b < 0 && a < INT64_MIN - b))
		return -1;
	*out = a + b;
	return 0;
}

static const char *const cap_digit[] = { "零", "壹", "贰", "叁", "肆",
	"伍", "陆", "柒", "捌", "玖" };

static void
cat(char *buf, size_t n, const char *s)
{
	size_t len = strlen(buf);

	snprintf(buf + len, n - len, "%s", s);
}

/* The yuan as capitals: groups of four digits under 万 and 亿, one 零
 * for a run of zeros between digits. */
static void
capital_yuan(uint64_t y, char *buf, size_t n)
{
	static const char *const place[] = { "", "拾", "佰", "仟" };
	static const char *const group[] = { "", "万", "亿", "万", "亿" };
	char d[24];
	int len, i, zero = 0, seen = 0, ingroup = 0;

	len = snprintf(d, sizeof d, "%llu", (unsigned long long)y);
	for (i = 0; i < len; i++) {
		int p = len - 1 - i, digit = d[i] - '0';

		if (digit == 0) {
			zero = seen;
		} else {
			if (zero)
				cat(buf, n, "零");
			zero = 0;
			seen = ingroup = 1;
			cat(buf, n, cap_digit[digit]);
			cat(buf, n, place[p % 4]);
		}
		if (p % 4 == 0 && p > 0) {
			/* 亿 stands even over an empty group: 壹万亿. */
			if (ingroup || (p / 4 % 2 == 0 && seen))
				cat(buf, n, group[p / 4]);
			ingroup = 0;
		}
	}
}

char *
dun_money_capitals(dun_money v, char *buf, size_t n)
{
	uint64_t u = v < 0 ? -(uint64_t)v : (uint64_t)v;
	uint64_t yuan = u / 100;
	int jiao = (int)(u / 10 % 10), fen = (int)(u % 10);

	buf[0] = '\0';
	if (v < 0)
		cat(buf, n, "负");
	if (u == 0) {
		cat(buf, n, "零元整");
		return buf;
	}
	if (yuan > 0) {
		capital_yuan(yuan, buf, n);
		cat(buf, n, "元");
	}
	if (jiao == 0 && fen == 0) {
		cat(buf, n, "整");
		return buf;
	}
	/* 元 followed by 零 when its own digit or the 角 is zero. */
	if (yuan > 0 && (yuan % 10 == 0 || jiao == 0))
		cat(buf, n, "零");
	if (jiao > 0) {
		cat(buf, n, cap_digit[jiao]);
		cat(buf, n, "角");
	}
	if (fen > 0) {
		cat(buf, n, cap_digit[fen]);
		cat(buf, n, "分");
	} else {
		cat(buf, n, "整");
	}
	return buf;
}

char *
dun_money_grouped(dun_money v, char *buf)
{
	char plain[DUN_MONEY_BUFSZ], *p = plain, *dot, *o = buf;
	size_t digits, i;

	dun_money_fmt(v, plain);
	if (*p == '-')
		*o++ = *p++;
	dot = strchr(p, '.');
	digits = (size_t)(dot - p);
	for (i = 0; i < digits; i++) {
		if (i > 0 && (digits - i) % 3 == 0)
			*o++ = ',';
		*o++ = p[i];
	}
	strcpy(o, dot);
	return buf;
}

char *
dun_money_pretty(dun_money v, char *buf)
{
	char g[DUN_MONEY_PRETTYSZ];
	const char *p = dun_money_grouped(v, g);

	snprintf(buf, DUN_MONEY_PRETTYSZ, "%s¥%s", *p == '-' ? "-" : "",
	    *p == '-' ? p + 1 : p);
	return buf;
}

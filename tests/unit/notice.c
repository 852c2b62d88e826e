/* Notices: amounts in Chinese capitals, SMS segments, lunar and quiet
 * days, date words. */
#include <stdint.h>
#include <stdlib.h>

#include "dun.h"
#include "tap.h"
#include "unit.h"

static void
capitals(dun_money v, const char *want)
{
	char buf[200];

	is_str(dun_money_capitals(v, buf, sizeof buf), want, "%lld fen in "
	    "capitals", (long long)v);
}

static void
segments(const char *s, int want, int want_ucs2, long want_units)
{
	int ucs2 = -1;
	long units = -1;
	int n = dun_sms_segments(s, &ucs2, &units);

	ok(n == want && ucs2 == want_ucs2 && units == want_units, "%.20s...: "
	    "%d segments, %s, %ld units (got %d, %d, %ld)", s, want,
	    want_ucs2 ? "UCS-2" : "GSM", want_units, n, ucs2, units);
}

static char *
repeat(const char *s, int k)
{
	static char buf[4096];

	buf[0] = '\0';
	while (k-- > 0)
		strcat(buf, s);
	return buf;
}

/* Why d is quiet, "" if it is not: into *why (malloc'd, the one before
 * freed), which it returns. */
static const char *
said_why(const struct dun_config *c, dun_date d, char **why)
{
	char *w = NULL;

	free(*why);
	*why = dun_quiet_day(c, d, &w) ? w : xstrdup("");
	return *why;
}

int
main(void)
{
	struct dun_config *c;
	char buf[64], *why = NULL;
	int m, d, leap;

	capitals(5, "伍分");
	capitals(1000, "壹拾元整");
	capitals(100000010, "壹佰万元零壹角整");
	capitals(123450, "壹仟贰佰叁拾肆元伍角整");
	capitals(0, "零元整");
	capitals(168032, "壹仟陆佰捌拾元零叁角贰分");
	capitals(140902, "壹仟肆佰零玖元零贰分");
	capitals(1000100, "壹万零壹元整");
	capitals(10000000000, "壹亿元整");
	capitals(10000000100, "壹亿零壹元整");
	capitals(-2050, "负贰拾元零伍角整");
	capitals(INT64_C(100000000000000), "壹万亿元整");
	is_str(dun_money_pretty(123456789, buf), "¥1,234,567.89", "pretty");
	is_str(dun_money_pretty(-5, buf), "-¥0.05", "pretty, negative");
	is_str(dun_money_pretty(100000, buf), "¥1,000.00", "pretty, 1000");
	is_str(dun_money_grouped(-123456789, buf), "-1,234,567.89", "grouped, negative");
	is_str(dun_money_grouped(99999, buf), "999.99", "grouped, under a thousand");

	segments("", 1, 0, 0);
	segments(repeat("a", 160), 1, 0, 160);
	segments(repeat("a", 161), 2, 0, 161);
	segments(repeat("a", 306), 2, 0, 306);
	segments(repeat("a", 307), 3, 0, 307);
	segments(repeat("{", 80), 1, 0, 160);
	segments(repeat("中", 70), 1, 1, 70);
	segments(repeat("中", 71), 2, 1, 71);
	segments(repeat("中", 134), 2, 1, 134);
	segments(repeat("中", 135), 3, 1, 135);
	segments("Pay ¥1.00 `now`", 1, 1, 15);
	segments("😀", 1, 1, 2);

	/* Spring Festival 2026 is 17 February; Mid-Autumn 25 September. */
	ok(dun_lunar(dun_date_make(2026, 2, 17), &m, &d, &leap) == 0 &&
	    m == 1 && d == 1 && !leap, "2026-02-17 is lunar 01-01");
	ok(dun_lunar(dun_date_make(2026, 9, 25), &m, &d, &leap) == 0 &&
	    m == 8 && d == 15 && !leap, "2026-09-25 is lunar 08-15");
	ok(dun_lunar(dun_date_make(1950, 2, 17), &m, &d, &leap) == 0 &&
	    m == 1 && d == 1, "1950-02-17 is lunar 01-01");
	ok(dun_lunar(dun_date_make(2100, 2, 9), &m, &d, &leap) == 0 &&
	    m == 1 && d == 1, "2100-02-09 is lunar 01-01");
	/* 2025 has a leap sixth month: 2025-07-25 is its first day. */
	ok(dun_lunar(dun_date_make(2025, 7, 25), &m, &d, &leap) == 0 &&
	    m == 6 && d == 1 && leap, "2025-07-25 is the leap sixth month");
	ok(dun_lunar(dun_date_make(2025, 6, 25), &m, &d, &leap) == 0 &&
	    m == 6 && d == 1 && !leap, "2025-06-25 is the sixth month");

	c = unit_config("");
	is_str(said_why(c, dun_date_make(2026, 2, 17), &why), "lunar 01-01",
	    "Spring Festival is quiet");
	said_why(c, dun_date_make(2026, 9, 25), &why);
	ok(*why != '\0', "Mid-Autumn is quiet (%s)", why);
	is_str(said_why(c, dun_date_make(2026, 11, 22), &why),
	    "a quiet Sunday", "a Sunday is quiet");
	said_why(c, dun_date_make(2026, 10, 1), &why);
	ok(*why != '\0', "National Day is quiet (%s)", why);
	free(why);
	ok(!dun_quiet_day(c, dun_date_make(2026, 11, 24), NULL),
	    "2026-11-24, a Tuesday, is not quiet");
	/* Lunar 01-01 .. 01-07 of 2026: 17-23 February, then 22 is Sunday
	 * anyway; the 24th is the first day allowed.  The eve (除夕, 12-last)
	 * is quiet too (tests/unit/quiet.c has the calendar's own tests). */
	ok(dun_quiet_next(c, dun_date_make(2026, 2, 16)) ==
	    dun_date_make(2026, 2, 24), "the eve is quiet too");
	ok(dun_quiet_next(c, dun_date_make(2026, 2, 17)) ==
	    dun_date_make(2026, 2, 24), "the festival week moves to 02-24");
	ok(dun_window_day(c, &c->contact.call, dun_date_make(2026, 11, 24)) ==
	    dun_date_make(2026, 11, 27), "calls wait for Friday 11-27");
	ok(dun_quiet_hour(c, 7 * 60, &m) && m == 8 * 60 + 30,
	    "07:00 is quiet until 08:30");
	ok(dun_quiet_hour(c, 22 * 60, &m), "22:00 is quiet");
	ok(!dun_quiet_hour(c, 10 * 60, &m), "10:00 is not");
	is_str(dun_date_words(dun_date_make(2026, 12, 5), "zh", buf),
	    "2026年12月5日", "a date in Chinese");
	is_str(dun_date_words(dun_date_make(2026, 12, 5), "en", buf),
	    "5 December 2026", "a date in English");
	dun_config_free(c);
	return done_testing();
}

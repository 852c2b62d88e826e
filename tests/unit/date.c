/* Dates and periods: the formats of real exports, and calendar checks. */
#include <stdlib.h>

#include "dun.h"
#include "tap.h"

static void
date_is(const char *s, int flags, const char *want)
{
	char why[DUN_WHY] = "", b[DUN_DATE_BUFSZ] = "";
	dun_date t;
	int r = dun_date_parse(s, strlen(s), flags, &t, why);

	if (r == 0)
		dun_date_fmt(t, b);
	is_str(r == 0 ? b : why, want, "date \"%s\"", s);
}

static void
date_bad(const char *s, int flags, const char *reason)
{
	char why[DUN_WHY] = "";
	dun_date t;

	ok(dun_date_parse(s, strlen(s), flags, &t, why) == -1,
	    "date \"%s\" is rejected", s);
	is_str(why, reason, "  because %s", reason);
}

static void
period_is(const char *s, const char *want)
{
	char why[DUN_WHY] = "", b[DUN_DATE_BUFSZ] = "";
	dun_period p;
	int r = dun_period_parse(s, strlen(s), &p, why);

	if (r == 0)
		dun_period_fmt(p, b);
	is_str(r == 0 ? b : why, want, "period \"%s\"", s);
}

/* Text that does not end where the parse must stop: a field in a row,
 * or a buffer of exactly n bytes (issue 14: strtol read past the end of
 * an Excel serial). */
static void
unended(const char *s, size_t n, int flags, const char *want)
{
	char why[DUN_WHY] = "", b[DUN_DATE_BUFSZ] = "", *copy = malloc(n);
	dun_date t;
	int r, r2;

	memcpy(copy, s, n);
	r = dun_date_parse(s, n, flags, &t, why);
	if (r == 0)
		dun_date_fmt(t, b);
	is_str(r == 0 ? b : why, want, "date \"%.*s\" before \"%s\"", (int)n,
	    s, s + n);
	r2 = dun_date_parse(copy, n, flags, &t, why);
	is_int(r2, r, "  the same from %zu bytes alone", n);
	free(copy);
}

int
main(void)
{
	int all = DUN_DATE_ANY | DUN_DATE_EXCEL, y, m, d, bad = 0;
	dun_date t;

	date_is("2026-11-22", all, "2026-11-22");
	date_is("2026/11/22", all, "2026-11-22");
	date_is("2026/1/5", all, "2026-01-05");
	date_is("2026年11月22日", all, "2026-11-22");
	date_is("20261122", all, "2026-11-22");
	date_is("2026-11-22 14:03:11", all, "2026-11-22");
	date_is("2026/11/22 9:05", all, "2026-11-22");
	date_is(" 2024-02-29 ", all, "2024-02-29");
	date_is("45658", all, "2025-01-01");
	date_is("1", all, "1900-01-01");
	date_is("59", all, "1900-02-28");
	date_is("61", all, "1900-03-01");
	date_bad("2026-02-30", all,
	    "\"2026-02-30\" is not a date: February 2026 has 28 days");
	date_bad("2026-13-01", all,
	    "\"2026-13-01\" has month 13: months are 1 to 12");
	date_bad("2025-02-29", all,
	    "\"2025-02-29\" is not a date: February 2025 has 28 days");
	date_bad("20261322", all,
	    "\"20261322\" has month 13: months are 1 to 12");
	date_bad("2026-11", all, "\"2026-11\" is not a date");
	date_bad("22/11/2026", all, "\"22/11/2026\" is not a date");
	date_bad("45658", DUN_DATE_ANY, "\"45658\" is not a date");
	date_bad("60", all, "\"60\" is not a date serial number");
	date_bad("2026/11/22", DUN_DATE_ISO, "\"2026/11/22\" is not a date");
	date_bad("", all, "is empty");
	unended("4634812", 2, all, "1900-02-15");
	unended("45658999", 5, all, "2025-01-01");
	unended("4565899", 5, DUN_DATE_EXCEL, "2025-01-01");
	unended("2026112299", 8, all, "2026-11-22");
	unended("2026-11-229", 10, all, "2026-11-22");
	unended("2026-11-2", 8, all, "\"2026-11-\" is not a date");
	unended("2026年11月22日9", 17, all, "2026-11-22");
	is_int(dun_date_make(1, 1, 1), -719162, "0001-01-01 is day -719162");
	is_int(dun_date_make(9999, 12, 31), 2932896,
	    "9999-12-31 is day 2932896");

	/* Every day from 1900 to 2200 splits back to itself. */
	for (t = dun_date_make(1900, 1, 1); t <= dun_date_make(2200, 12, 31);
	    t++) {
		dun_date_split(t, &y, &m, &d);
		if (!dun_date_valid(y, m, d) || dun_date_make(y, m, d) != t)
			bad++;
	}
	is_int(bad, 0, "days 1900-2200 round-trip");
	is_int(dun_date_make(1970, 1, 1), 0, "the epoch is day 0");
	is_int(dun_date_make(2000, 3, 1) - dun_date_make(2000, 2, 28), 2,
	    "2000 was a leap year");
	is_int(dun_date_make(2100, 3, 1) - dun_date_make(2100, 2, 28), 1,
	    "2100 is not");
	is_int(dun_date_weekday(dun_date_make(2026, 11, 24)), 2,
	    "2026-11-24 is a Tuesday");
	is_int(dun_date_weekday(dun_date_make(1969, 12, 28)), 7,
	    "1969-12-28 was a Sunday");

	period_is("2026-11", "2026-11");
	period_is("2026/11", "2026-11");
	period_is("202611", "2026-11");
	period_is("2026年11月", "2026-11");
	period_is("2026-1", "2026-01");
	period_is("2026-13", "\"2026-13\" has month 13: months are 1 to 12");
	period_is("202600", "\"202600\" has month 0: months are 1 to 12");
	period_is("2026", "\"2026\" is not a billing period (YYYY-MM)");
	period_is("11/2026", "\"11/2026\" is not a billing period (YYYY-MM)");
	return done_testing();
}

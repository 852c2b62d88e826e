/* The calendar: the lunar table against tests/data (computed apart from
 * it, by tools/lunar-fixture.py), the public holidays of
 * lib/calendar/holidays.tsv and how dun.yaml adds to them, the quiet
 * days they make, the limitation deadlines they move, and a year with no
 * list said so. */
#include <stdlib.h>

#include "dun.h"
#include "tap.h"
#include "unit.h"

/* The error a config gives, or "" if it loads. */
static const char *
config_err(const char *yaml)
{
	static struct dun_err err;
	struct dun_config *c = dun_config_parse(yaml, strlen(yaml), "t.yaml",
	    0, &err);

	if (c == NULL)
		return err.msg;
	dun_config_free(c);
	return "";
}

static dun_date
D(const char *s)
{
	dun_date t = DUN_NODATE;

	dun_date_parse(s, strlen(s), DUN_DATE_ISO, &t, NULL);
	return t;
}

static const char *
ds(dun_date t)
{
	static char b[4][DUN_DATE_BUFSZ];
	static int k;

	k = (k + 1) % 4;
	return t == DUN_NODATE ? "none" : dun_date_fmt(t, b[k]);
}

/* The data lines of a fixture, its header line passed over. */
static FILE *
fixture(const char *name, char *line, size_t n)
{
	FILE *f = fopen(name, "r");

	if (f == NULL) {
		printf("Bail out! %s: cannot open (run from the top)\n", name);
		exit(3);
	}
	while (fgets(line, (int)n, f) != NULL && line[0] == '#')
		;
	return f;
}

/* Every day of 1950-2100 against the first days of the months. */
static void
lunar_months(void)
{
	static dun_date start[2000];
	static int month[2000], leap[2000];
	char line[256], date[16];
	size_t n = 0, i = 0;
	dun_date d;
	int y, m, dd, lp, bad;
	FILE *f = fixture("tests/data/lunar-months.tsv", line, sizeof line);

	while (n < 2000 && fgets(line, sizeof line, f) != NULL &&
	    sscanf(line, "%15s %d %d", date, &month[n], &leap[n]) == 3)
		start[n++] = D(date);
	fclose(f);
	ok(n > 1800, "lunar-months.tsv: %zu months", n);
	for (y = 1950; y <= 2100; y++) {
		char first[128] = "";

		bad = 0;
		for (d = dun_date_make(y, 1, 1); d <= dun_date_make(y, 12, 31);
		    d++) {
			while (i + 1 < n && start[i + 1] <= d)
				i++;
			if (dun_lunar(d, &m, &dd, &lp) == 0 && m == month[i] &&
			    lp == leap[i] && dd == (int)(d - start[i]) + 1)
				continue;
			if (bad++ == 0)
				snprintf(first, sizeof first, "%s is %s%d-%d, "
				    "not %s%d-%d", ds(d), lp ? "leap " : "", m,
				    dd, leap[i] ? "leap " : "", month[i],
				    (int)(d - start[i]) + 1);
		}
		ok(bad == 0, "lunar %d: every day as the fixture has it%s%s",
		    y, bad ? ": " : "", first);
	}
	ok(dun_lunar(D("1949-12-31"), &m, &dd, &lp) < 0 &&
	    dun_lunar(D("2101-01-01"), &m, &dd, &lp) < 0,
	    "before 1950 and after 2100 the table says nothing");
	/* Where liblunar-date, which dun used before, was a day off. */
	ok(dun_lunar(D("1978-09-17"), &m, &dd, &lp) == 0 && m == 8 &&
	    dd == 15, "1978-09-17 is Mid-Autumn");
	ok(dun_lunar(D("1954-11-25"), &m, &dd, &lp) == 0 && m == 11 &&
	    dd == 1, "1954-11-25 begins the 11th month");
	ok(dun_lunar(D("1956-12-02"), &m, &dd, &lp) == 0 && m == 11 &&
	    dd == 1, "1956-12-02 begins the 11th month");
	ok(dun_lunar(D("2060-04-30"), &m, &dd, &lp) == 0 && m == 4 &&
	    dd == 1, "2060-04-30 begins the 4th month");
}

/* The years dun_calendar_missing gave last. */
static char *years;

static int
missing(const struct dun_config *c, int why)
{
	free(years);
	return dun_calendar_missing(c, why, &years);
}

/* Is d quiet, saying want ("" if it is not)? */
static void
said(const struct dun_config *c, dun_date d, const char *want,
    const char *desc)
{
	char *why = NULL;

	is_str(dun_quiet_day(c, d, &why) ? why : "", want, "%s", desc);
	free(why);
}

/* Is d quiet, for why? */
static int
quiet_as(const struct dun_config *c, dun_date d, const char *want)
{
	char *why = NULL;
	int k = dun_quiet_day(c, d, &why) && strcmp(why, want) == 0;

	free(why);
	return k;
}

/* 除夕, 春节, 端午 and 中秋 of each year, as quiet_lunar says them. */
static void
festivals(void)
{
	struct dun_config *c = unit_config("contact: {quiet_yearly: [], "
	    "quiet_weekdays: [], quiet_holidays: false,\n"
	    "  quiet_lunar: [除夕, 01-01, 05-05, 08-15]}\n");
	char line[256], e[16], s[16], b[16], a[16];
	int y, n = 0, good;
	FILE *f = fixture("tests/data/lunar-festivals.tsv", line, sizeof line);

	while (fgets(line, sizeof line, f) != NULL &&
	    sscanf(line, "%d %15s %15s %15s %15s", &y, e, s, b, a) == 5) {
		good = quiet_as(c, D(e), "lunar 12-last") &&
		    quiet_as(c, D(s), "lunar 01-01") &&
		    quiet_as(c, D(b), "lunar 05-05") &&
		    quiet_as(c, D(a), "lunar 08-15") &&
		    !dun_quiet_day(c, D(e) - 1, NULL) &&
		    !dun_quiet_day(c, D(s) + 1, NULL) &&
		    !dun_quiet_day(c, D(b) - 1, NULL) &&
		    !dun_quiet_day(c, D(b) + 1, NULL) &&
		    !dun_quiet_day(c, D(a) - 1, NULL) &&
		    !dun_quiet_day(c, D(a) + 1, NULL);
		ok(good, "festivals %d: eve %s, spring %s, dragon boat %s, "
		    "mid-autumn %s", y, e, s, b, a);
		n++;
	}
	fclose(f);
	ok(n == 151, "lunar-festivals.tsv: 1950 to 2100 (%d years)", n);
	dun_config_free(c);
}

/* The days off and the weekend days worked of each year, as the notices
 * count them; but 2023's New Year break begins on 2022-12-31 and 2024's
 * on 2023-12-30, so by the date 2022 has one more, 2023 one more, 2024
 * two fewer. */
static void
holidays(void)
{
	static const int want[][3] = { { 2020, 30, 6 }, { 2021, 31, 7 },
		{ 2022, 32, 7 }, { 2023, 28, 7 }, { 2024, 30, 8 },
		{ 2025, 28, 5 }, { 2026, 33, 6 } };
	struct dun_config *c = unit_config("");
	const char *name = "";
	size_t i;
	dun_date d;
	int n;

	for (i = 0; i < sizeof want / sizeof *want; i++) {
		int off = 0, work = 0, y = want[i][0];

		for (d = dun_date_make(y, 1, 1); d <= dun_date_make(y, 12, 31);
		    d++) {
			int k = dun_calendar_day(c, d, NULL);

			off += k == DUN_DAY_OFF;
			work += k == DUN_DAY_WORK;
			if (k == DUN_DAY_WORK && dun_date_weekday(d) < 6)
				work += 100;	/* a weekday "worked" */
		}
		ok(off == want[i][1] && work == want[i][2], "%d: %d days off, "
		    "%d weekend days worked (want %d, %d)", y, off, work,
		    want[i][1], want[i][2]);
	}
	ok(dun_calendar_day(c, D("2026-10-05"), &name) == DUN_DAY_OFF &&
	    strcmp(name, "国庆节") == 0, "2026-10-05 is 国庆节");
	ok(dun_calendar_day(c, D("2026-06-19"), &name) == DUN_DAY_OFF &&
	    strcmp(name, "端午节") == 0, "2026-06-19 is 端午节");
	ok(dun_calendar_day(c, D("2026-01-04"), NULL) == DUN_DAY_WORK &&
	    dun_calendar_day(c, D("2026-02-14"), NULL) == DUN_DAY_WORK &&
	    dun_calendar_day(c, D("2026-09-20"), NULL) == DUN_DAY_WORK,
	    "2026-01-04, 02-14 and 09-20 are worked");
	ok(dun_calendar_day(c, D("2020-02-01"), NULL) == DUN_DAY_OFF,
	    "2020-02-01: off, by the Spring Festival's extension");
	ok(dun_calendar_day(c, D("2026-11-24"), NULL) == DUN_DAY_PLAIN,
	    "2026-11-24 is a plain day");
	is_int(missing(c, ~0), 0,
	    "no year asked about is missing");
	ok(dun_calendar_day(c, D("2027-03-02"), NULL) == DUN_DAY_UNKNOWN &&
	    dun_calendar_day(c, D("2027-10-01"), NULL) == DUN_DAY_UNKNOWN &&
	    dun_calendar_day(c, D("2019-05-01"), NULL) == DUN_DAY_UNKNOWN &&
	    dun_calendar_day(c, D("2028-01-01"), NULL) == DUN_DAY_UNKNOWN,
	    "2019, 2027 and 2028 are not known");
	is_int(missing(c, ~0), 3,
	    "three years missing");
	is_str(years ? years : "", "2019, 2027-2028", "and which");
	dun_config_free(c);

	/* Every other year from 1901 to 2199 (but those listed): a list of
	 * some 900 bytes, whole. */
	c = unit_config("");
	for (i = 1901, n = 0; i <= 2199; i += 2)
		n += dun_calendar_day(c, dun_date_make((int)i, 3, 2), NULL) ==
		    DUN_DAY_UNKNOWN;
	is_int(missing(c, ~0), n, "%d years apart missing", n);
	ok(years != NULL && strncmp(years, "1901, 1903, 1905, ", 18) == 0 &&
	    strlen(years) > 6 * 140 && strcmp(years + strlen(years) - 10,
	    "2197, 2199") == 0, "  all of them said (%zu bytes)",
	    years ? strlen(years) : 0);
	dun_config_free(c);
}

static void
quiet(void)
{
	struct dun_config *c = unit_config("");
	dun_date d;
	int n = 0;

	said(c, D("2026-10-05"), "a public holiday, 国庆节",
	    "2026-10-05 is quiet");
	said(c, D("2026-06-19"), "lunar 05-05",
	    "2026-06-19, 端午, is quiet");
	said(c, D("2027-02-05"), "lunar 12-last",
	    "2027-02-05, 除夕, is quiet");
	said(c, D("2026-02-16"), "lunar 12-last",
	    "2026-02-16, 除夕, is quiet");
	ok(dun_quiet_next(c, D("2026-02-14")) == D("2026-02-14"),
	    "2026-02-14, a Saturday worked, is not");
	ok(dun_quiet_next(c, D("2026-02-15")) == D("2026-02-24"),
	    "the Spring Festival holiday moves to 02-24");
	ok(dun_quiet_next(c, D("2026-10-01")) == D("2026-10-08"),
	    "National Day moves to 10-08");
	for (d = D("2026-01-01"); d <= D("2026-12-31"); d++)
		if (dun_calendar_day(c, d, NULL) == DUN_DAY_OFF)
			n += dun_quiet_day(c, d, NULL);
	is_int(n, 33, "2026's 33 days off are all quiet");
	is_int(missing(c, ~0), 0,
	    "a quiet check in 2026 misses nothing");
	ok(dun_quiet_day(c, D("2027-02-07"), NULL) &&
	    missing(c, ~0) == 0,
	    "a Sunday of 2027 is quiet whatever its holidays: not noted");
	ok(!dun_quiet_day(c, D("2027-03-02"), NULL) &&
	    missing(c, ~0) == 1 &&
	    years != NULL && strcmp(years, "2027") == 0,
	    "a Tuesday of 2027 turns on them: 2027 is noted");
	ok(missing(c, DUN_CAL_CONTACT) == 1 && missing(c, DUN_CAL_LIMITATION |
	    DUN_CAL_ASKED) == 0, "  as asked by a quiet day");
	dun_config_free(c);

	c = unit_config("contact: {quiet_lunar: []}\n");
	said(c, D("2026-06-19"), "a public holiday, 端午节",
	    "端午 is a public holiday too");
	dun_config_free(c);

	c = unit_config("contact: {quiet_holidays: false}\n");
	ok(!dun_quiet_day(c, D("2026-10-05"), NULL) &&
	    !dun_quiet_day(c, D("2026-10-06"), NULL),
	    "quiet_holidays: false: 2026-10-05 and 06 are not quiet");
	ok(dun_quiet_day(c, D("2026-10-01"), NULL),
	    "10-01 still is, every year");
	dun_config_free(c);

	/* 2026's fifth lunar month ends on 07-13, the sixth begins 07-14. */
	c = unit_config("contact: {quiet_lunar: [05-last], "
	    "quiet_weekdays: []}\n");
	ok(quiet_as(c, D("2026-07-13"), "lunar 05-last") &&
	    !dun_quiet_day(c, D("2026-07-12"), NULL) &&
	    !dun_quiet_day(c, D("2026-07-14"), NULL),
	    "05-last: the fifth month's last day");
	dun_config_free(c);
	is_str(config_err("contact: {quiet_lunar: [13-last]}\n"),
	    "t.yaml:1:25: contact.quiet_lunar: \"13-last\" is not a lunar "
	    "month and day (MM-DD, MM-last or 除夕)", "13-last is refused");
	is_str(config_err("contact: {quiet_yearly: [12-last]}\n"),
	    "t.yaml:1:26: contact.quiet_yearly: \"12-last\" is not a month "
	    "and day (MM-DD)", "MM-last is lunar only");
}

/* The day a claim due on due is lost, as dun-age says. */
static dun_date
deadline(const struct dun_config *c, const char *due)
{
	static struct dun_hcharge ch;
	struct dun_hist h;
	struct dun_aged a;
	struct dun_err err;

	memset(&h, 0, sizeof h);
	memset(&ch, 0, sizeof ch);
	h.hh.unit = "1-0101";
	h.charges = &ch;
	h.ncharges = 1;
	ch.fee = 0;
	ch.due = D(due);
	dun_period_parse(due, 7, &ch.period, NULL);
	ch.amount = 100000;
	if (dun_age_unit(c, D("2026-12-31"), &h, &a, &err) < 0) {
		printf("# %s\n", err.msg);
		return DUN_NODATE;
	}
	return a.limitation_date;
}

static void
limitation(void)
{
	static const char *const cases[][3] = {
		/* due, the law's deadline, why */
		{ "2023-01-04", "2026-01-04", "a Sunday worked" },
		{ "2023-02-14", "2026-02-14", "a Saturday worked" },
		{ "2023-09-20", "2026-09-20", "a Sunday worked" },
		{ "2023-02-28", "2026-02-28", "a Saturday worked" },
		{ "2023-10-10", "2026-10-10", "a Saturday worked" },
		{ "2023-02-16", "2026-02-24", "in the Spring Festival" },
		{ "2023-02-17", "2026-02-24", "in the Spring Festival" },
		{ "2023-10-01", "2026-10-08", "in National Day's week" },
		{ "2023-10-05", "2026-10-08", "in National Day's week" },
		{ "2023-06-19", "2026-06-22", "端午" },
		{ "2023-01-03", "2026-01-04", "off, then a Sunday worked" },
		{ "2023-11-24", "2026-11-24", "a plain Tuesday" },
		{ "2023-11-21", "2026-11-23", "a plain Saturday" },
		{ "2022-10-03", "2025-10-09", "in 2025's National Day" },
	};
	struct dun_config *c = unit_config("");
	size_t i;

	for (i = 0; i < sizeof cases / sizeof *cases; i++) {
		dun_date got = deadline(c, cases[i][0]);

		ok(got == D(cases[i][1]), "due %s: the deadline is %s, %s "
		    "(%s)", cases[i][0], cases[i][1], cases[i][2], ds(got));
	}
	is_int(missing(c, ~0), 0,
	    "deadlines in 2025 and 2026 miss no year");
	/* 2027-03-06 is a Saturday: Monday, as far as dun can know. */
	ok(deadline(c, "2024-03-06") == D("2027-03-08") &&
	    missing(c, ~0) == 1 &&
	    years != NULL && strcmp(years, "2027") == 0,
	    "a deadline in 2027 moves past the weekend, and 2027 is noted");
	ok(missing(c, DUN_CAL_LIMITATION) == 1 && missing(c, DUN_CAL_CONTACT |
	    DUN_CAL_ASKED) == 0, "  as asked by a limitation date");
	dun_config_free(c);
	c = unit_config("limitation: {weekends: false}\n");
	ok(deadline(c, "2023-10-01") == D("2026-10-08") &&
	    deadline(c, "2023-11-21") == D("2026-11-21"),
	    "weekends: false: holidays still move a deadline, weekends not");
	dun_config_free(c);
}

static void
extend(void)
{
	char yaml[128], want[256];
	const char *path;
	struct dun_config *c;
	const char *name = "";

	/* A year listed in dun.yaml is known. */
	c = unit_config("calendar: {holidays: [2027-10-01, 2027-10-08], "
	    "workdays: [2027-10-09]}\n");
	ok(dun_calendar_day(c, D("2027-10-08"), NULL) == DUN_DAY_OFF &&
	    dun_calendar_day(c, D("2027-10-09"), NULL) == DUN_DAY_WORK &&
	    dun_calendar_day(c, D("2027-10-11"), NULL) == DUN_DAY_PLAIN &&
	    missing(c, ~0) == 0,
	    "calendar.holidays and .workdays: 2027 known");
	dun_config_free(c);
	c = unit_config("limitation: {holidays: [2027-01-01]}\n");
	ok(dun_calendar_day(c, D("2027-01-01"), NULL) == DUN_DAY_OFF &&
	    dun_calendar_day(c, D("2026-10-05"), NULL) == DUN_DAY_OFF,
	    "limitation.holidays, the older name, adds to the built-in");
	dun_config_free(c);

	/* A file of days, over the built-in ones. */
	unit_scratch("quiet");
	path = unit_put("2027.tsv", "# 2027, as it might be\n"
	    "date\tkind\tname\n2027-01-01\toff\t元旦\n2026-10-05\twork\t\n"
	    "2027-02-06\toff\n");
	snprintf(yaml, sizeof yaml, "calendar: {file: %s, holidays: "
	    "[2026-10-05]}\n", path);
	c = unit_config(yaml);
	ok(dun_calendar_day(c, D("2027-01-01"), &name) == DUN_DAY_OFF &&
	    strcmp(name, "元旦") == 0 &&
	    dun_calendar_day(c, D("2027-02-06"), &name) == DUN_DAY_OFF &&
	    *name == '\0', "calendar.file adds 2027");
	ok(dun_calendar_day(c, D("2026-10-05"), NULL) == DUN_DAY_OFF,
	    "calendar.holidays over calendar.file over the built-in");
	dun_config_free(c);
	snprintf(yaml, sizeof yaml, "calendar: {file: %s}\n", path);
	c = unit_config(yaml);
	ok(dun_calendar_day(c, D("2026-10-05"), NULL) == DUN_DAY_WORK,
	    "calendar.file over the built-in");
	dun_config_free(c);

	unit_put("2027.tsv", "date\tkind\tname\n2027-01-01\toff\t元旦\n"
	    "2027-01-02\tof\tx\n");
	snprintf(want, sizeof want, "%s:3: kind: \"of\" is not off or work",
	    path);
	is_str(config_err(yaml), want, "a bad kind");
	unit_put("2027.tsv", "date\tkind\tname\n2027-02-30\toff\tx\n");
	snprintf(want, sizeof want, "%s:2: date: \"2027-02-30\" is not a date: "
	    "February 2027 has 28 days", path);
	is_str(config_err(yaml), want, "a bad date");
	unit_put("2027.tsv", "date\tkind\tname\n2027-01-01\toff\tx\n"
	    "2027-01-01\toff\ty\n");
	snprintf(want, sizeof want, "%s:3: date: 2027-01-01 is listed twice",
	    path);
	is_str(config_err(yaml), want, "a date twice");
	unit_put("2027.tsv", "2027-01-01\toff\tx\n");
	snprintf(want, sizeof want, "%s:1: the first line is not the header: "
	    "date, kind, name, tab-separated", path);
	is_str(config_err(yaml), want, "no header");
	unit_put("2027.tsv", "date\tkind\tname\n2027-01-01\toff\tx\ty\n");
	snprintf(want, sizeof want, "%s:2: more than three fields (date, "
	    "kind, name)", path);
	is_str(config_err(yaml), want, "a fourth field");
	unit_scratch_remove();
	snprintf(want, sizeof want, "%s: No such file or directory "
	    "(calendar.file)", path);
	is_str(config_err(yaml), want, "no such file");
}

int
main(void)
{
	lunar_months();
	festivals();
	holidays();
	quiet();
	limitation();
	extend();
	free(years);
	return done_testing();
}

/*
 * quiet.c — when dun may reach people: quiet days (dates, yearly dates,
 * weekdays, lunar dates), quiet hours, and the call and visit windows.
 * Lunar dates come from liblunar-date, whose tables cover 1900-2100.
 */
#include <stdio.h>
#include <string.h>

#include <lunar-date/lunar-date.h>

#include "internal.h"

static const char *const wday_names[] = { "", "Monday", "Tuesday",
	"Wednesday", "Thursday", "Friday", "Saturday", "Sunday" };

int
dun_lunar(dun_date d, int *month, int *day, int *leap)
{
	LunarDate *ld = lunar_date_new();
	GError *ge = NULL;
	char *s = NULL, *p;
	int y, mo, dd, r = -1;

	dun_date_split(d, &y, &mo, &dd);
	lunar_date_set_solar_date(ld, (GDateYear)y, (GDateMonth)mo,
	    (GDateDay)dd, 12, &ge);
	if (ge != NULL)
		g_error_free(ge);
	else if ((s = lunar_date_strftime(ld, "%(yue) %(ri)")) != NULL) {
		/* A leap month is written with a star: "*6 1". */
		p = s;
		*leap = *p == '*';
		p += *leap;
		if (sscanf(p, "%d %d", month, day) == 2)
			r = 0;
	}
	g_free(s);
	lunar_date_free(ld);
	return r;
}

int
dun_quiet_day(const struct dun_config *c, dun_date d, char *why, size_t n)
{
	int y, m, dd, lm, ld, leap;
	size_t i;

	for (i = 0; i < c->contact.ndates; i++)
		if (c->contact.dates[i] == d) {
			snprintf(why, n, "a quiet date");
			return 1;
		}
	dun_date_split(d, &y, &m, &dd);
	for (i = 0; i < (size_t)c->contact.nyearly; i++)
		if (c->contact.yearly[i] == m * 100 + dd) {
			snprintf(why, n, "quiet every %02d-%02d", m, dd);
			return 1;
		}
	if (c->contact.weekdays & (1 << dun_date_weekday(d))) {
		snprintf(why, n, "a quiet %s", wday_names[dun_date_weekday(d)]);
		return 1;
	}
	if (c->contact.nlunar > 0 && dun_lunar(d, &lm, &ld, &leap) == 0 &&
	    !leap)
		for (i = 0; i < (size_t)c->contact.nlunar; i++)
			if (c->contact.lunar[i] == lm * 100 + ld) {
				snprintf(why, n, "lunar %02d-%02d", lm, ld);
				return 1;
			}
	return 0;
}

dun_date
dun_quiet_next(const struct dun_config *c, dun_date d)
{
	char why[64];
	int k;

	/* A year of quiet days would be a config error; stop there. */
	for (k = 0; k < 366 && dun_quiet_day(c, d, why, sizeof why); k++)
		d++;
	return d;
}

static int
in_span(int from, int to, int minute)
{
	return from < to ? minute >= from && minute < to :
	    minute >= from || minute < to;
}

int
dun_quiet_hour(const struct dun_config *c, int minute, int *until)
{
	size_t i;

	for (i = 0; i < c->contact.nquiet_hours; i++) {
		const struct dun_window *w = &c->contact.quiet_hours[i];

		if (in_span(w->from, w->to, minute)) {
			*until = w->to;
			return 1;
		}
	}
	return 0;
}

dun_date
dun_window_day(const struct dun_config *c, const struct dun_window *w,
    dun_date from)
{
	char why[64];
	dun_date d;

	for (d = from; d < from + 366; d++)
		if ((w->days == 0 || (w->days & (1 << dun_date_weekday(d)))) &&
		    !dun_quiet_day(c, d, why, sizeof why))
			return d;
	return DUN_NODATE;
}

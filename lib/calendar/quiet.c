/*
 * quiet.c — when dun may reach people: quiet days (dates, yearly dates,
 * weekdays, lunar dates, the public holidays of the calendar), quiet
 * hours, and the call and visit windows.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"

static const char *const wday_names[] = { "", "Monday", "Tuesday",
	"Wednesday", "Thursday", "Friday", "Saturday", "Sunday" };

/* Whether d is the lunar day md (month * 100 + day, or + DUN_LUNAR_LAST
 * for its last day) of a month that is not a leap month; the last day of
 * the 12th month is the eve of the new year (除夕), whatever comes
 * between. */
static int
lunar_is(dun_date d, int md, int lm, int ld, int leap)
{
	int m2, d2, leap2;

	if (md % 100 != DUN_LUNAR_LAST)
		return !leap && md == lm * 100 + ld;
	if (dun_lunar(d + 1, &m2, &d2, &leap2) < 0 || d2 != 1)
		return 0;
	return md / 100 == 12 ? m2 == 1 && !leap2 : !leap && md / 100 == lm;
}

char *
quiet_why(const struct dun_config *c, dun_date d)
{
	int y, m, dd, lm, ld, leap;
	const char *name = NULL;
	size_t i;

	for (i = 0; i < c->contact.ndates; i++)
		if (c->contact.dates[i] == d)
			return xstrdup("a quiet date");
	dun_date_split(d, &y, &m, &dd);
	for (i = 0; i < (size_t)c->contact.nyearly; i++)
		if (c->contact.yearly[i] == m * 100 + dd)
			return str_fmt("quiet every %02d-%02d", m, dd);
	if (c->contact.weekdays & (1 << dun_date_weekday(d)))
		return str_fmt("a quiet %s", wday_names[dun_date_weekday(d)]);
	if (c->contact.nlunar > 0 && dun_lunar(d, &lm, &ld, &leap) == 0)
		for (i = 0; i < (size_t)c->contact.nlunar; i++) {
			int md = c->contact.lunar[i];

			if (!lunar_is(d, md, lm, ld, leap))
				continue;
			if (md % 100 == DUN_LUNAR_LAST)
				return str_fmt("lunar %02d-last", md / 100);
			return str_fmt("lunar %02d-%02d", md / 100, md % 100);
		}
	/* Last, so that a year the calendar lacks is noted only when the
	 * answer turns on it. */
	if (c->contact.holidays &&
	    calendar_day(c, d, &name, DUN_CAL_CONTACT) == DUN_DAY_OFF)
		return str_fmt("a public holiday%s%s", *name ? ", " : "",
		    name);
	return NULL;
}

int
dun_quiet_day(const struct dun_config *c, dun_date d, char **why)
{
	char *s = quiet_why(c, d);

	if (s == NULL)
		return 0;
	if (why != NULL)
		*why = s;
	else
		free(s);
	return 1;
}

dun_date
dun_quiet_next(const struct dun_config *c, dun_date d)
{
	int k;

	/* A year of quiet days would be a config error; stop there. */
	for (k = 0; k < 366 && dun_quiet_day(c, d, NULL); k++)
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
	dun_date d;

	for (d = from; d < from + 366; d++)
		if ((w->days == 0 || (w->days & (1 << dun_date_weekday(d)))) &&
		    !dun_quiet_day(c, d, NULL))
			return d;
	return DUN_NODATE;
}

/*
 * dates.c — fuzz dun_date_parse under each set of its flags, and
 * dun_period_parse and dun_time_parse, on text as it comes (not
 * NUL-ended; the first byte is the flags).  A date or period parsed is
 * written and read back to the same day or month.
 */
#include "fuzz.h"
#include "dun.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char why[DUN_WHY], b[DUN_DATE_BUFSZ], w[48], *s;
	const char *t;
	dun_date d, back;
	dun_period p, pback;
	int flags, y, m, dd, minutes;
	size_t n;

	if (size < 1)
		return 0;
	flags = data[0] & 31;
	t = (const char *)data + 1;
	n = size - 1;
	if (dun_date_parse(t, n, flags, &d, why) == 0) {
		dun_date_split(d, &y, &m, &dd);
		if (!dun_date_valid(y, m, dd) || dun_date_make(y, m, dd) != d)
			abort();
		dun_date_fmt(d, b);
		if (y >= 1900 && y <= 2200 && (dun_date_parse(b, strlen(b),
		    DUN_DATE_ISO, &back, why) < 0 || back != d))
			abort();
		dun_date_words(d, "en", w);
		dun_date_words(d, "zh", w);
		if (dun_date_weekday(d) < 1 || dun_date_weekday(d) > 7)
			abort();
	} else if (why[0] == '\0')
		abort();
	if (dun_period_parse(t, n, &p, why) == 0) {
		dun_period_fmt(p, b);
		if (dun_period_parse(b, strlen(b), &pback, why) < 0 ||
		    pback != p)
			abort();
	}
	s = fuzz_str((const uint8_t *)t, n);
	if (dun_time_parse(s, &minutes) == 0 && (minutes < 0 ||
	    minutes > 24 * 60))
		abort();
	free(s);
	return 0;
}

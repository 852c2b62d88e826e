/*
 * lunar.c — the Chinese lunar calendar (农历), 1950 to 2100, from a table:
 * for each lunar year from 1949, the day of the Gregorian year its first
 * month begins on, its leap month if any, and which of its months have
 * 30 days rather than 29.
 *
 * The table was made from the sxwnl algorithm (寿星万年历) as
 * lunar-javascript 1.7.7 computes it, with China Standard Time (UTC+8).
 * tests/data/lunar-months.tsv, computed apart from it from PyEphem's sun
 * and moon (tools/lunar-fixture.py), checks every month of it.  Both
 * differ from liblunar-date, which dun used before, in four months: the
 * 11th of 1954 and of 1956 and the 4th of 2060 begin a day earlier here,
 * the 8th of 1978 a day later (its Mid-Autumn is 09-17, not 09-16).
 *
 * Three new moons fall within minutes of midnight and cannot be placed
 * for certain until nearer the time (the Earth's rotation slows
 * unevenly), as the Hong Kong Observatory notes of its own tables:
 * 2057-09-28/29, 2089-09-04/05 and 2097-08-07/08.  The table has
 * 2057-09-29, as sxwnl, Calendrical Calculations (with its errata) and
 * liblunar-date have it, where PyEphem puts the new moon 10 seconds
 * before midnight; and 2089-09-04 and 2097-08-07, as sxwnl, PyEphem and
 * liblunar-date have them.
 */
#include <stdint.h>

#include "calendar.h"

enum { FIRST = 1949, LAST = 2100 };

/* Bits 0-12: the months in order (a leap month after its namesake), set
 * for 30 days; bits 13-16: the leap month, 0 for none; bits 17-22: the
 * days from 1 January to the first day of the first month. */
static const uint32_t years[LAST - FIRST + 1] = {
	0x38f52d, 0x5e0536, 0x480aad, 0x34b5aa, 0x5805b2, 0x420da5,
	0x2e7d4a, 0x540d4a, 0x3d0a95, 0x600a97, 0x4c0556, 0x36cab5,
	0x5a0ad5, 0x4606d2, 0x308ea5, 0x560ea5, 0x40064a, 0x286c97,
	0x4e0a9b, 0x3af55a, 0x5e056a, 0x480b69, 0x34b752, 0x5a0b52,
	0x420b25, 0x2c964b, 0x520a4b, 0x3d14ab, 0x6002ad, 0x4a056d,
	0x36cb69, 0x5c0da9, 0x460d92, 0x309d25, 0x560d25, 0x415a4d,
	0x640a56, 0x4e02b6, 0x38c5b5, 0x5e06d5, 0x480ea9, 0x34be92,
	0x5a0e92, 0x440d26, 0x2c6a56, 0x500a57, 0x3d14d6, 0x62035a,
	0x4a06d5, 0x36b6c9, 0x5c0749, 0x460693, 0x2e952b, 0x54052b,
	0x3e0a5b, 0x2a555a, 0x4e056a, 0x38fb55, 0x600ba4, 0x4a0b49,
	0x32ba93, 0x580a95, 0x42052d, 0x2c8aad, 0x500ab5, 0x3d35aa,
	0x6205d2, 0x4c0da5, 0x36dd4a, 0x5c0d4a, 0x460c95, 0x30952e,
	0x540556, 0x3e0ab5, 0x2a55b2, 0x5006d2, 0x38cea5, 0x5e0725,
	0x48064b, 0x32ac97, 0x560cab, 0x42055a, 0x2c6ad6, 0x520b69,
	0x3d7752, 0x620b52, 0x4c0b25, 0x36da4b, 0x5a0a4b, 0x4404ab,
	0x2ea55b, 0x5405ad, 0x3e0b6a, 0x2a5b52, 0x500d92, 0x3afd25,
	0x5e0d25, 0x480a55, 0x32b4ad, 0x5804b6, 0x4005b5, 0x2c6daa,
	0x520ec9, 0x3f1e92, 0x620e92, 0x4c0d26, 0x36ca56, 0x5a0a57,
	0x4404d6, 0x2e86d5, 0x540755, 0x400749, 0x286e93, 0x4e0693,
	0x38f52b, 0x5e052b, 0x460a5b, 0x32b55a, 0x58056a, 0x420b65,
	0x2c974a, 0x520b4a, 0x3d1a95, 0x620a95, 0x4a052d, 0x34caad,
	0x5a0ab5, 0x4605aa, 0x2e8ba5, 0x540da5, 0x400d4a, 0x2a7c95,
	0x4e0c96, 0x38f94e, 0x5e0556, 0x480ab5, 0x32b5b2, 0x5806d2,
	0x420ea5, 0x2e8e4a, 0x50068b, 0x3b0c97, 0x6004ab, 0x4a055b,
	0x34cad6, 0x5a0b6a, 0x460752, 0x309725, 0x540b45, 0x3e0a8b,
	0x28549b, 0x4e04ab,
};

int
dun_lunar(dun_date d, int *month, int *day, int *leap)
{
	int y, m, dd, i, n, lm, len;
	dun_date start;
	uint32_t v;

	dun_date_split(d, &y, &m, &dd);
	if (y <= FIRST || y > LAST)
		return -1;
	v = years[y - FIRST];
	if (d < dun_date_make(y, 1, 1) + (int)(v >> 17))
		v = years[--y - FIRST];
	start = dun_date_make(y, 1, 1) + (int)(v >> 17);
	lm = (int)(v >> 13 & 0xf);
	n = lm ? 13 : 12;
	for (i = 0; i < n; i++, start += len) {
		len = v >> i & 1 ? 30 : 29;
		if (d >= start + len)
			continue;
		*leap = lm && i == lm;
		*month = lm && i >= lm ? i : i + 1;
		*day = (int)(d - start) + 1;
		return 0;
	}
	return -1;	/* not reached: a lunar year ends where the next begins */
}

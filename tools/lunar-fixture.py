#!/usr/bin/python3
# tools/lunar-fixture.py — the lunar calendar of 1950-2100 computed from the
# sun and the moon, apart from dun's table (lib/calendar/lunar.c) and
# from any other table: tests/data/lunar-months.tsv (the first day of
# every lunar month) and tests/data/lunar-festivals.tsv (除夕, 春节, 端午
# and 中秋 of each year), which tests/unit/quiet.c checks dun against.
#
# The rules are those of GB/T 33661-2017 (农历的编算和颁行): days in China
# Standard Time (UTC+8); a month begins on the day of a new moon; the month
# holding the winter solstice is the 11th; of a year of 13 months from one
# 11th month to the next, the first month without a principal solar term
# (中气: the sun's apparent longitude a multiple of 30 degrees) is a leap
# month, named after the month before it.  New moons and the sun's
# longitude come from PyEphem (Debian's python3-ephem), which dun does not
# otherwise use.
#
# Run it from the top of the tree, after apt-get install python3-ephem:
#     /usr/bin/python3 tools/lunar-fixture.py
import datetime
import math

import ephem

FIRST, LAST = 1950, 2100

# A new moon a few seconds from midnight falls on one day or the next by
# how fast the Earth will have turned, which no one knows for sure decades
# ahead (the Hong Kong Observatory notes that its own tables may be a day
# off for 2057-09-28, 2089-09-04 and 2097-08-07).  PyEphem puts 2057's
# ninth new moon 10 seconds before midnight; the sxwnl algorithm
# (lunar-javascript 1.7.7) and Calendrical Calculations (with its errata)
# put it after: 2057-09-29, which this follows.  On 2089-09-04 and
# 2097-08-07, 3 minutes and 42 seconds before midnight by PyEphem, sxwnl
# agrees.
OVERRIDE = {datetime.date(2057, 9, 28): datetime.date(2057, 9, 29)}


def china_day(t):
    return ephem.Date(t + 8 / 24.0).datetime().date()


def sun_longitude(t):
    s = ephem.Sun()
    s.compute(t, epoch=t)
    return float(ephem.Ecliptic(s, epoch=t).lon)


def solar_term(degrees, near):
    """The moment near `near` at which the sun's longitude is `degrees`."""
    target, t = math.radians(degrees), ephem.Date(near)
    for _ in range(50):
        diff = (sun_longitude(t) - target + math.pi) % (2 * math.pi) - math.pi
        step = -diff / (2 * math.pi) * 365.2422
        t = ephem.Date(t + step)
        if abs(step) < 1e-7:
            break
    return t


def months():
    """(first day, month, leap) of each lunar month, FIRST-1 to LAST+1."""
    moons, t = [], ephem.Date('%d/10/01' % (FIRST - 2))
    end = ephem.Date('%d/03/01' % (LAST + 2))
    while t < end:
        t = ephem.next_new_moon(t)
        d = china_day(t)
        moons.append(OVERRIDE.get(d, d))
        t = ephem.Date(t + 1)
    terms = []		# (day, degrees) of each principal term
    for y in range(FIRST - 2, LAST + 3):
        for m in range(1, 13):
            deg = (300 + 30 * (m - 1)) % 360	# 20 January: 300 degrees
            terms.append((china_day(solar_term(deg, '%d/%d/20' % (y, m))),
                          deg))
    solstices = sorted(d for d, deg in terms if deg == 270)

    def holding(d):
        return max(i for i, m in enumerate(moons) if m <= d)

    out = []
    for s0, s1 in zip(solstices, solstices[1:]):
        a, b = holding(s0), holding(s1)
        leap = None
        if b - a == 13:
            for j in range(a, b):
                if not any(moons[j] <= d < moons[j + 1] for d, _ in terms):
                    leap = j
                    break
        month = 11
        for j in range(a, b):
            if j == leap:
                out.append((moons[j], month, 1))
                continue
            if j > a:
                month = month % 12 + 1
            out.append((moons[j], month, 0))
    return out


def main():
    ms = months()
    with open('tests/data/lunar-months.tsv', 'w') as f:
        f.write(HEAD + '# The first day of each lunar month from the one '
                'holding 1950-01-01 to the one\n# holding 2100-12-31: the '
                'day, the month, 1 for a leap month.\ndate\tmonth\tleap\n')
        for i, (d, m, leap) in enumerate(ms):
            nxt = ms[i + 1][0] if i + 1 < len(ms) else None
            if nxt is not None and nxt <= datetime.date(FIRST, 1, 1):
                continue
            if d > datetime.date(LAST, 12, 31):
                break
            f.write('%s\t%d\t%d\n' % (d, m, leap))
    new_year = {d.year: d for d, m, leap in ms if m == 1 and not leap}
    one = datetime.timedelta(1)
    with open('tests/data/lunar-festivals.tsv', 'w') as f:
        f.write(HEAD + '# Of each year: 除夕 (the last day of the 12th '
                'month, the eve of the new\n# year), 春节 (01-01), 端午 '
                '(05-05) and 中秋 (08-15).\n'
                'year\teve\tspring\tdragon_boat\tmid_autumn\n')
        for y in range(FIRST, LAST + 1):
            def day(month, n):
                return [d for d, m, leap in ms
                        if m == month and not leap and d.year == y][0] + \
                    (n - 1) * one
            f.write('%d\t%s\t%s\t%s\t%s\n' % (y, new_year[y] - one,
                    new_year[y], day(5, 5), day(8, 15)))


HEAD = ('# Made by tools/lunar-fixture.py from PyEphem %s (the sun and the '
        'moon), not\n# from dun\'s table or liblunar-date: see there for '
        'the rules and sources.\n' % ephem.__version__)

main()

/*
 * calendar.h — when people may be reached (lib/calendar/): the calendar
 * of public holidays (calendar.c, lib/calendar/holidays.tsv compiled
 * in), the lunar calendar (lunar.c), quiet days and hours and the windows
 * of calls and visits (quiet.c), and the contact rules that ask them
 * (contact.c).
 */
#ifndef DUN_CALENDAR_H
#define DUN_CALENDAR_H

#include "config.h"

/* The lunar month and day of d, and whether the month is a leap month
 * (lunar.c).  0, or -1 for a date before 1950 or after 2100. */
int dun_lunar(dun_date d, int *month, int *day, int *leap);

/* What d is in the calendar of public holidays: DUN_DAY_OFF (a public
 * holiday, with *name its name if name is not NULL), DUN_DAY_WORK (a
 * weekend day worked instead), DUN_DAY_PLAIN (neither, in a year the
 * calendar lists), or DUN_DAY_UNKNOWN (a year it has no list for).  An
 * unknown year is remembered in the config, with what asked: dun-age's
 * limitation dates, dun-notice's quiet days, or a program itself (its
 * as-of date, through this function).  It is the one thing a const config
 * changes: not for two threads at once. */
enum { DUN_DAY_PLAIN, DUN_DAY_OFF, DUN_DAY_WORK, DUN_DAY_UNKNOWN };
enum { DUN_CAL_ASKED = 1, DUN_CAL_LIMITATION = 2, DUN_CAL_CONTACT = 4 };
int dun_calendar_day(const struct dun_config *c, dun_date d,
    const char **name);
/* How many years one of why (DUN_CAL_* bits) asked about with no list,
 * since the config was loaded; the years, all of them, in *years as
 * "2019, 2027-2029" (malloc'd; NULL when none). */
int dun_calendar_missing(const struct dun_config *c, int why, char **years);
/* 1 if d is a quiet day of the config, with why ("a quiet Sunday",
 * "lunar 01-01") in *why (malloc'd) when why is not NULL; else 0. */
int dun_quiet_day(const struct dun_config *c, dun_date d, char **why);
/* The first day on or after d that is not quiet. */
dun_date dun_quiet_next(const struct dun_config *c, dun_date d);
/* 1 if minute (since midnight) is in quiet hours, with *until the minute
 * they end. */
int dun_quiet_hour(const struct dun_config *c, int minute, int *until);
/* The first day on or after from that the window allows and that is not
 * quiet; DUN_NODATE if none within a year. */
dun_date dun_window_day(const struct dun_config *c,
    const struct dun_window *w, dun_date from);

extern const char dun_default_holidays[];	/* holidays.tsv */
extern const size_t dun_default_holidays_len;

/* The config's calendar of public holidays (calendar.c): the built-in
 * holidays.tsv, then c->calendar.file, then the days off and the
 * weekend days worked that dun.yaml lists.  0, or -1 with err set. */
int calendar_build(struct dun_config *c, struct arena *a,
    const dun_date *off, size_t noff, const dun_date *work, size_t nwork,
    struct dun_err *err);
/* dun_calendar_day, a year with no list remembered as asked by why
 * (DUN_CAL_LIMITATION, DUN_CAL_CONTACT). */
int calendar_day(const struct dun_config *c, dun_date d, const char **name,
    int why);

/* Why d is a quiet day ("a quiet Sunday", "a public holiday, 国庆节"),
 * malloc'd and whole; NULL if it is not (quiet.c). */
char *quiet_why(const struct dun_config *c, dun_date d);

/* ---- the contact rules (contact.c) ------------------------------------- */

/* The contact rules, the ones with legal weight, in one place: whether a
 * step of the ladder may reach a unit, now, later or never.  dun-notice
 * asks of each record, dun-classify of each due date, so that both agree
 * on when a step can go out. */

/* What is known of a unit and the step, gathered by the caller (the
 * ledger, the record, the run so far): no rule looks anything up. */
struct contact_facts {
	int channel;		/* the step's (enum dun_channel) */
	int dnc;		/* the unit is not to be contacted */
	int issued;		/* the stage was issued in this episode */
	int taken;		/* a record of the unit was taken in this run */
	dun_date last;		/* the last notice to the unit, or DUN_NODATE */
	int has_phone;		/* a phone number to send or call to */
	int has_email;		/* an e-mail address to send to */
};

enum contact_verdict {
	CONTACT_SEND,		/* now, by the answer's channel */
	CONTACT_DEFER,		/* not yet: until the answer's day or minute */
	CONTACT_SKIP,		/* not in this run, nor later for this step */
	CONTACT_REFUSE		/* never: an error for the record */
};

struct contact_answer {
	enum contact_verdict verdict;
	int channel;		/* the channel used: a letter when the unit
				 * has no address for the step's */
	const char *missing;	/* then "e-mail address" or "phone number";
				 * else NULL */
	dun_date day;		/* CONTACT_DEFER: the first day allowed, or
				 * DUN_NODATE when only the hour is wrong */
	int minute;		/* CONTACT_DEFER: the minute quiet hours end,
				 * or -1 */
	char *reason;		/* as dun-notice counts it ("already issued",
				 * "deferred to 2026-10-08: a public holiday,
				 * 国庆节", "no phone number: a letter
				 * instead"); malloc'd, NULL for a plain send */
};

/* The rules, in this order: do-not-contact refuses all but written and
 * legal steps; a stage already issued in the episode is skipped, and so
 * is a second record of a unit in one run; the least gap after the last
 * notice (contact.min_gap_days) and a quiet day defer to a later day; a
 * letter goes instead when there is no phone number (SMS, call) or e-mail
 * address; quiet hours defer what the channel would send at once (an SMS
 * gateway, SMTP).  asof is the day, minute the time of day (minutes since
 * midnight).  No I/O and no ledger; the config is only read, but for the
 * year with no list of public holidays it notes, as dun_quiet_day does.
 * free(a->reason) after. */
void contact_decide(const struct dun_config *c,
    const struct contact_facts *f, dun_date asof, int minute,
    struct contact_answer *a);

/* The first day on or after from on which a step by channel ch may go
 * out to a unit whose last notice was on last (DUN_NODATE: none): the
 * least gap, quiet days, and for a call or a visit a day of its window.
 * Quiet hours are a time of day and are not considered.  DUN_NODATE if a
 * call or visit has no day within a year of it.  If why is not NULL,
 * *why is what moved the day (malloc'd), or NULL if nothing did. */
dun_date contact_first_day(const struct dun_config *c, int ch,
    dun_date from, dun_date last, char **why);

/* 1 if channel ch reaches a person at once (an SMS gateway, SMTP): quiet
 * hours hold it. */
int contact_immediate(const struct dun_config *c, int ch);

/* 1 if a unit not to be contacted may still get a step by ch: a letter
 * or a legal step. */
int contact_written(int ch);

#endif

/* contact.h — the contact rules, the ones with legal weight, in one place
 * (internal): whether a step of the ladder may reach a unit, now, later
 * or never.  dun-notice asks of each record, dun-classify of each due
 * date, so that both agree on when a step can go out. */
#ifndef DUN_CONTACT_H
#define DUN_CONTACT_H

#include "internal.h"

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

/* Why d is a quiet day ("a quiet Sunday", "a public holiday, 国庆节"),
 * malloc'd and whole; NULL if it is not (quiet.c). */
char *quiet_why(const struct dun_config *c, dun_date d);

#endif

/* The contact rules (lib/calendar/contact.c), one at a time and in their
 * order: contact_decide as dun-notice asks it, contact_first_day as
 * dun-classify does, under the default dun.yaml (Sundays quiet, quiet
 * hours 21:00-08:30 and 12:00-14:00, calls on Friday and Saturday
 * 14:00-18:00, visits Monday to Saturday 18:30-20:30, a least gap of 7
 * days). */
#include <stdlib.h>

#include "calendar.h"
#include "tap.h"
#include "unit.h"

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

/* A unit that may be reached by anything: a phone, an e-mail address,
 * no notice yet. */
static struct contact_facts
plain(int ch)
{
	struct contact_facts f;

	memset(&f, 0, sizeof f);
	f.channel = ch;
	f.last = DUN_NODATE;
	f.has_phone = f.has_email = 1;
	return f;
}

/* The answer in one line: "send sms", "defer 2026-12-01 -1: reason". */
static const char *
decide(const struct dun_config *c, const struct contact_facts *f,
    const char *asof, int minute)
{
	static const char *const v[] = { "send", "defer", "skip", "refuse" };
	static char buf[512];
	struct contact_answer a;

	contact_decide(c, f, D(asof), minute, &a);
	if (a.verdict == CONTACT_DEFER)
		snprintf(buf, sizeof buf, "defer %s %d: %s", ds(a.day),
		    a.minute, a.reason ? a.reason : "(null)");
	else if (a.verdict == CONTACT_SEND)
		snprintf(buf, sizeof buf, "send %s%s%s%s%s",
		    dun_channel_name((enum dun_channel)a.channel),
		    a.missing ? " for want of " : "", a.missing ? a.missing : "",
		    a.reason ? ": " : "", a.reason ? a.reason : "");
	else
		snprintf(buf, sizeof buf, "%s: %s", v[a.verdict],
		    a.reason ? a.reason : "(null)");
	free(a.reason);
	return buf;
}

#define TUE "2026-11-24"	/* a Tuesday, not quiet */
#define AM (10 * 60)		/* 10:00, not a quiet hour */

static void
rules(struct dun_config *c)
{
	struct contact_facts f;
	int ch;

	f = plain(DUN_CH_SMS);
	is_str(decide(c, &f, TUE, AM), "send sms", "a plain SMS is sent");

	/* Do-not-contact: only written and legal steps. */
	for (ch = 0; ch < DUN_CH_COUNT; ch++) {
		f = plain(ch);
		f.dnc = 1;
		is_str(decide(c, &f, TUE, AM), ch == DUN_CH_LETTER ||
		    ch == DUN_CH_LEGAL ? (ch == DUN_CH_LETTER ? "send letter" :
		    "send legal") : "refuse: refused: do not contact",
		    "do-not-contact and %s",
		    dun_channel_name((enum dun_channel)ch));
	}

	f = plain(DUN_CH_LETTER);
	f.issued = 1;
	is_str(decide(c, &f, TUE, AM), "skip: already issued",
	    "a stage already issued in the episode");

	f = plain(DUN_CH_LETTER);
	f.taken = 1;
	is_str(decide(c, &f, TUE, AM),
	    "skip: a second record of a unit in one run",
	    "a second record of a unit in one run");

	/* The least gap: last + 7 days, whatever the channel. */
	f = plain(DUN_CH_LETTER);
	f.last = D("2026-11-20");
	is_str(decide(c, &f, TUE, AM), "defer 2026-11-27 -1: deferred to "
	    "2026-11-27: the least gap of 7 days", "the least gap defers");
	f.last = D("2026-11-17");
	is_str(decide(c, &f, TUE, AM), "send letter",
	    "  and is kept by a notice 7 days before");

	/* A quiet day, for every channel, a letter too. */
	f = plain(DUN_CH_LETTER);
	is_str(decide(c, &f, "2026-11-22", AM), "defer 2026-11-23 -1: "
	    "deferred to 2026-11-23: a quiet Sunday", "a quiet Sunday defers");
	is_str(decide(c, &f, "2026-10-01", AM), "defer 2026-10-08 -1: "
	    "deferred to 2026-10-08: quiet every 10-01",
	    "National Day defers past the week off");
	is_str(decide(c, &f, "2026-10-05", AM), "defer 2026-10-08 -1: "
	    "deferred to 2026-10-08: a public holiday, 国庆节",
	    "  a day off of it names the holiday");

	/* Quiet hours: only what goes out at once, by a gateway or SMTP. */
	f = plain(DUN_CH_SMS);
	is_str(decide(c, &f, TUE, 22 * 60), "send sms",
	    "quiet hours: an SMS with no gateway goes to the batch file");
	c->notice.sms.gateway = "http://127.0.0.1:9/";
	is_str(decide(c, &f, TUE, 22 * 60), "defer none 510: deferred to "
	    "08:30: quiet hours", "  one through a gateway is deferred");
	is_str(decide(c, &f, TUE, 13 * 60), "defer none 840: deferred to "
	    "14:00: quiet hours", "  at midday too");
	is_str(decide(c, &f, TUE, AM), "send sms", "  not at 10:00");
	f = plain(DUN_CH_LETTER);
	is_str(decide(c, &f, TUE, 22 * 60), "send letter",
	    "  a letter never is");
	f = plain(DUN_CH_PHONE);
	is_str(decide(c, &f, TUE, 22 * 60), "send phone",
	    "  nor a call list (the call window is its hours)");
	f = plain(DUN_CH_EMAIL);
	is_str(decide(c, &f, TUE, 22 * 60), "send email",
	    "  nor e-mail without SMTP");
	c->notice.email.smtp = "smtp://127.0.0.1:9";
	is_str(decide(c, &f, TUE, 22 * 60), "defer none 510: deferred to "
	    "08:30: quiet hours", "  but with it");

	/* No address: a letter instead, which quiet hours do not hold. */
	f = plain(DUN_CH_SMS);
	f.has_phone = 0;
	is_str(decide(c, &f, TUE, 22 * 60), "send letter for want of phone "
	    "number: no phone number: a letter instead",
	    "no phone number: an SMS is a letter");
	f = plain(DUN_CH_PHONE);
	f.has_phone = 0;
	is_str(decide(c, &f, TUE, AM), "send letter for want of phone "
	    "number: no phone number: a letter instead",
	    "  and so is a call");
	f = plain(DUN_CH_EMAIL);
	f.has_email = 0;
	is_str(decide(c, &f, TUE, 22 * 60), "send letter for want of e-mail "
	    "address: no e-mail address: a letter instead",
	    "no e-mail address: a letter");
	f = plain(DUN_CH_VISIT);
	f.has_phone = f.has_email = 0;
	is_str(decide(c, &f, TUE, AM), "send visit",
	    "a visit needs neither");
	c->notice.sms.gateway = NULL;
	c->notice.email.smtp = NULL;
}

/* Each rule before the next: the first that holds answers. */
static void
order(struct dun_config *c)
{
	struct contact_facts f;

	f = plain(DUN_CH_SMS);
	f.dnc = f.issued = f.taken = 1;
	f.last = D("2026-11-21");
	f.has_phone = 0;
	is_str(decide(c, &f, "2026-11-22", 22 * 60),
	    "refuse: refused: do not contact", "do-not-contact first");
	f.dnc = 0;
	is_str(decide(c, &f, "2026-11-22", 22 * 60), "skip: already issued",
	    "then already issued");
	f.issued = 0;
	is_str(decide(c, &f, "2026-11-22", 22 * 60),
	    "skip: a second record of a unit in one run",
	    "then a second record");
	f.taken = 0;
	is_str(decide(c, &f, "2026-11-22", 22 * 60), "defer 2026-11-28 -1: "
	    "deferred to 2026-11-28: the least gap of 7 days",
	    "then the least gap, before the quiet Sunday");
	f.last = DUN_NODATE;
	is_str(decide(c, &f, "2026-11-22", 22 * 60), "defer 2026-11-23 -1: "
	    "deferred to 2026-11-23: a quiet Sunday",
	    "then the quiet day, before the missing phone number");
	c->notice.sms.gateway = "http://127.0.0.1:9/";
	is_str(decide(c, &f, TUE, 22 * 60), "send letter for want of phone "
	    "number: no phone number: a letter instead",
	    "then a letter instead, which quiet hours do not hold");
	f.has_phone = 1;
	is_str(decide(c, &f, TUE, 22 * 60), "defer none 510: deferred to "
	    "08:30: quiet hours", "quiet hours last");
	c->notice.sms.gateway = NULL;
}

/* dun-classify's question: the first day a step may go out. */
static void
first_days(struct dun_config *c)
{
	char *why;
	dun_date d;

	d = contact_first_day(c, DUN_CH_SMS, D(TUE), DUN_NODATE, &why);
	ok(d == D(TUE) && why == NULL, "a plain day: that day (%s)", ds(d));
	free(why);
	d = contact_first_day(c, DUN_CH_LETTER, D(TUE), D("2026-11-20"), &why);
	ok(d == D("2026-11-27"), "the least gap: last + 7 (%s)", ds(d));
	is_str(why, "the least gap of 7 days after 2026-11-20", "  and why");
	free(why);
	d = contact_first_day(c, DUN_CH_LETTER, D("2026-11-22"), DUN_NODATE,
	    &why);
	ok(d == D("2026-11-23"), "a quiet Sunday: Monday (%s)", ds(d));
	is_str(why, "a quiet Sunday", "  and why");
	free(why);
	d = contact_first_day(c, DUN_CH_SMS, D("2026-10-01"), DUN_NODATE,
	    NULL);
	ok(d == D("2026-10-08"), "National Day: 10-08, as dun-notice defers "
	    "(%s)", ds(d));
	/* The gap ends on a Sunday: the Monday after. */
	d = contact_first_day(c, DUN_CH_SMS, D("2026-11-17"), D("2026-11-15"),
	    &why);
	ok(d == D("2026-11-23"), "the gap, then a quiet day (%s)", ds(d));
	is_str(why, "the least gap of 7 days after 2026-11-15; a quiet Sunday",
	    "  both said");
	free(why);
	/* Calls: Friday and Saturday; visits: Monday to Saturday. */
	d = contact_first_day(c, DUN_CH_PHONE, D(TUE), DUN_NODATE, &why);
	ok(d == D("2026-11-27"), "a call: the next Friday (%s)", ds(d));
	is_str(why, "the call window", "  and why");
	free(why);
	d = contact_first_day(c, DUN_CH_PHONE, D("2026-11-28"), DUN_NODATE,
	    NULL);
	ok(d == D("2026-11-28"), "a call on a Saturday: that day (%s)", ds(d));
	d = contact_first_day(c, DUN_CH_VISIT, D(TUE), DUN_NODATE, NULL);
	ok(d == D(TUE), "a visit on a Tuesday: that day (%s)", ds(d));
	d = contact_first_day(c, DUN_CH_VISIT, D("2026-11-22"), DUN_NODATE,
	    &why);
	ok(d == D("2026-11-23"), "a visit on a Sunday: Monday (%s)", ds(d));
	is_str(why, "a quiet Sunday", "  for the quiet day alone");
	free(why);
	/* 2026-10-02 is a Friday of the call window, but quiet; so is the
	 * Saturday; the next window day not quiet is Friday 10-09. */
	d = contact_first_day(c, DUN_CH_PHONE, D("2026-10-02"), DUN_NODATE,
	    &why);
	ok(d == D("2026-10-09"), "a call in National Day's week: 10-09 (%s)",
	    ds(d));
	is_str(why, "quiet every 10-02; the call window", "  both said");
	free(why);
	ok(contact_first_day(c, DUN_CH_PHONE, D(TUE), DUN_NODATE, NULL) ==
	    dun_window_day(c, &c->contact.call, D(TUE)),
	    "the call list's window day is the same day");
}

int
main(void)
{
	struct dun_config *c = unit_config("");
	struct dun_config *w;
	dun_date d;
	char *why;

	rules(c);
	order(c);
	first_days(c);
	ok(contact_written(DUN_CH_LETTER) && contact_written(DUN_CH_LEGAL) &&
	    !contact_written(DUN_CH_SMS) && !contact_written(DUN_CH_VISIT),
	    "written: letters and the law");
	/* A call window whose only day is quiet has no day. */
	w = unit_config("contact:\n  call_window: {days: [sun], hours: "
	    "\"14:00-18:00\"}\n");
	d = contact_first_day(w, DUN_CH_PHONE, D(TUE), DUN_NODATE, &why);
	ok(d == DUN_NODATE, "a call window of quiet days only: none (%s)",
	    ds(d));
	is_str(why, "the call window has no day within a year", "  and why");
	free(why);
	dun_config_free(w);
	/* No least gap, no quiet days: every day, at once. */
	w = unit_config("contact:\n  min_gap_days: 0\n  quiet_weekdays: []\n"
	    "  quiet_yearly: []\n  quiet_lunar: []\n  quiet_holidays: false\n");
	d = contact_first_day(w, DUN_CH_SMS, D("2026-10-01"), D("2026-10-01"),
	    &why);
	ok(d == D("2026-10-01") && why == NULL,
	    "with no rules, a step goes out the day it is due");
	free(why);
	dun_config_free(w);
	dun_config_free(c);
	return done_testing();
}

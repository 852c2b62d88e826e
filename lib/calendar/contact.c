/*
 * contact.c — the contact rules in one place: do-not-contact, a stage
 * already issued, one notice a unit a run, the least gap, quiet days and
 * hours, the call and visit windows, and a letter where there is no
 * address.  dun-notice decides by contact_decide, dun-classify dates its
 * steps by contact_first_day; the calendar itself is quiet.c's.
 */
#include <stdio.h>
#include <stdlib.h>

#include "calendar.h"

int
contact_immediate(const struct dun_config *c, int ch)
{
	return (ch == DUN_CH_SMS && c->notice.sms.gateway != NULL) ||
	    (ch == DUN_CH_EMAIL && c->notice.email.smtp != NULL);
}

int
contact_written(int ch)
{
	return ch == DUN_CH_LETTER || ch == DUN_CH_LEGAL;
}

static void
answer(struct contact_answer *a, enum contact_verdict v, char *reason)
{
	a->verdict = v;
	a->reason = reason;
}

void
contact_decide(const struct dun_config *c, const struct contact_facts *f,
    dun_date asof, int minute, struct contact_answer *a)
{
	char d1[DUN_DATE_BUFSZ], *why;
	int gap = c->contact.min_gap_days, until;

	a->channel = f->channel;
	a->missing = NULL;
	a->day = DUN_NODATE;
	a->minute = -1;
	a->reason = NULL;
	if (f->dnc && !contact_written(f->channel)) {
		answer(a, CONTACT_REFUSE, xstrdup("refused: do not contact"));
		return;
	}
	if (f->issued) {
		answer(a, CONTACT_SKIP, xstrdup("already issued"));
		return;
	}
	if (f->taken) {
		answer(a, CONTACT_SKIP,
		    xstrdup("a second record of a unit in one run"));
		return;
	}
	if (f->last != DUN_NODATE && asof < f->last + gap) {
		a->day = f->last + gap;
		answer(a, CONTACT_DEFER, str_fmt("deferred to %s: the least "
		    "gap of %d days", dun_date_fmt(a->day, d1), gap));
		return;
	}
	if ((why = quiet_why(c, asof)) != NULL) {
		a->day = dun_quiet_next(c, asof);
		answer(a, CONTACT_DEFER, str_fmt("deferred to %s: %s",
		    dun_date_fmt(a->day, d1), why));
		free(why);
		return;
	}
	/* No address for the channel: a letter goes instead. */
	if ((f->channel == DUN_CH_EMAIL && !f->has_email) ||
	    ((f->channel == DUN_CH_SMS || f->channel == DUN_CH_PHONE) &&
	    !f->has_phone)) {
		a->missing = f->channel == DUN_CH_EMAIL ? "e-mail address" :
		    "phone number";
		a->channel = DUN_CH_LETTER;
		answer(a, CONTACT_SEND, str_fmt("no %s: a letter instead",
		    a->missing));
		return;
	}
	/* Quiet hours hold only what reaches a person at once. */
	if (contact_immediate(c, a->channel) &&
	    dun_quiet_hour(c, minute, &until)) {
		a->minute = until;
		answer(a, CONTACT_DEFER, str_fmt("deferred to %02d:%02d: quiet "
		    "hours", until / 60, until % 60));
		return;
	}
	answer(a, CONTACT_SEND, NULL);
}

dun_date
contact_first_day(const struct dun_config *c, int ch, dun_date from,
    dun_date last, char **why)
{
	struct buf b = { NULL, 0, 0 };
	char d1[DUN_DATE_BUFSZ], *q;
	int gap = c->contact.min_gap_days;
	dun_date d = from, w;

	if (last != DUN_NODATE && d < last + gap) {
		d = last + gap;
		buf_fmt(&b, "the least gap of %d days after %s", gap,
		    dun_date_fmt(last, d1));
	}
	if (ch == DUN_CH_PHONE || ch == DUN_CH_VISIT) {
		const struct dun_window *win = ch == DUN_CH_PHONE ?
		    &c->contact.call : &c->contact.visit;

		/* A day of the window that is not quiet: say which of the
		 * two moved it, or both. */
		w = dun_window_day(c, win, d);
		if (w != d) {
			int quiet_only = 0;

			if ((q = quiet_why(c, d)) != NULL) {
				buf_fmt(&b, "%s%s", b.len ? "; " : "", q);
				free(q);
				quiet_only = w != DUN_NODATE &&
				    w == dun_quiet_next(c, d);
			}
			if (!quiet_only)
				buf_fmt(&b, "%sthe %s window%s", b.len ? "; " :
				    "", ch == DUN_CH_PHONE ? "call" : "visit",
				    w == DUN_NODATE ? " has no day within a year" :
				    "");
		}
		d = w;
	} else if ((q = quiet_why(c, d)) != NULL) {
		buf_fmt(&b, "%s%s", b.len ? "; " : "", q);
		free(q);
		d = dun_quiet_next(c, d);
	}
	if (why != NULL)
		*why = b.s;
	else
		buf_free(&b);
	return d;
}

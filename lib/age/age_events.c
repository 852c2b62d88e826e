/*
 * age_events.c — what a unit's events and notices say as of a date:
 * promises kept or broken, disputes, hardship, plans, do-not-contact,
 * the limitation date (restarted by promises, acknowledgements, served
 * demands and payments, as the config says), and the notices of the
 * current episode.  age.c settles the money first.
 */
#include <string.h>

#include "age.h"

/* d and k months, on d's day of the month or the month's last day. */
static dun_date
add_months(dun_date d, int k)
{
	int y, m, dd, last;

	dun_date_split(d, &y, &m, &dd);
	m += k;
	y += (m - 1) / 12;
	m = (m - 1) % 12 + 1;
	last = month_days(y, m);
	return dun_date_make(y, m, dd < last ? dd : last);
}

/* A public holiday is not a working day, a weekend day worked instead
 * is; in a year the calendar has no list for, only weekends are known
 * (and the calendar remembers the year, for the program to say so). */
static int
working_day(const struct dun_config *c, dun_date d)
{
	switch (calendar_day(c, d, NULL, DUN_CAL_LIMITATION)) {
	case DUN_DAY_OFF:
		return 0;
	case DUN_DAY_WORK:
		return 1;
	}
	return !(c->limitation.weekends && dun_date_weekday(d) >= 6);
}

/* The last day of a limitation period starting (not counted) on start. */
static dun_date
limitation_end(const struct dun_config *c, dun_date start)
{
	dun_date d = add_months(start, 12 * c->limitation.years);

	while (!working_day(c, d))
		d++;
	return d;
}

static int
is_demand_notice(const struct dun_config *c, const struct dun_hist *h,
    const char *ref)
{
	size_t i;

	for (i = 0; ref && i < h->nnotices; i++)
		if (h->notices[i].notice && strcmp(h->notices[i].notice, ref) ==
		    0 && h->notices[i].stage >= 0 &&
		    c->stages[h->notices[i].stage].written_demand)
			return 1;
	return 0;
}

int
dun_promise_state(const struct dun_config *c, const struct dun_hist *h,
    const struct dun_hevent *e, dun_date asof)
{
	dun_date end = e->due + c->contact.promise_grace_days;
	dun_money paid = 0;
	size_t j;

	if (e->type != DUN_EV_PROMISE || !e->has_due || !e->has_amount)
		return DUN_PROMISE_NONE;
	for (j = 0; j < h->npayments; j++)
		if (h->payments[j].date >= e->date &&
		    h->payments[j].date <= end && h->payments[j].date <= asof)
			paid += h->payments[j].amount;
	return paid >= e->amount ? DUN_PROMISE_KEPT : asof > end ?
	    DUN_PROMISE_BROKEN : DUN_PROMISE_OPEN;
}

int
dun_event_restarts(const struct dun_config *c, const struct dun_hist *h,
    const struct dun_hevent *e)
{
	int r = c->limitation.restart;

	return (e->type == DUN_EV_PROMISE && (r & DUN_RESTART_PROMISE)) ||
	    (e->type == DUN_EV_ACK && (r & DUN_RESTART_ACK)) ||
	    (e->type == DUN_EV_SERVED && (r & DUN_RESTART_DEMAND) &&
	    is_demand_notice(c, h, e->ref));
}

/* Promises, disputes, hardship, plans; the latest restart of limitation. */
static void
events(const struct dun_config *c, dun_date asof, const struct dun_hist *h,
    struct dun_aged *a)
{
	dun_date latest_promise = DUN_NODATE, latest_plan = DUN_NODATE;
	dun_date latest_hardship = DUN_NODATE, latest_dnc = DUN_NODATE;
	size_t i, j;

	a->dnc = h->hh.dnc;

	for (i = 0; i < h->nevents; i++) {
		const struct dun_hevent *e = &h->events[i];

		if (e->date > asof)
			continue;
		if (e->type == DUN_EV_PROMISE && e->has_due && e->has_amount) {
			int state = dun_promise_state(c, h, e, asof);

			if (state == DUN_PROMISE_BROKEN &&
			    (a->episode_start == DUN_NODATE ||
			    e->date >= a->episode_start))
				a->broken_promises++;
			if (e->date >= latest_promise) {
				latest_promise = e->date;
				a->promise = state;
				a->promise_due = e->due;
			}
		} else if (e->type == DUN_EV_DISPUTE && e->ref) {
			int open = 1;

			for (j = 0; j < h->nevents; j++)
				if (h->events[j].type == DUN_EV_RESOLVED &&
				    h->events[j].ref && h->events[j].date <=
				    asof && h->events[j].date >= e->date &&
				    strcmp(h->events[j].ref, e->ref) == 0)
					open = 0;
			if (open && a->dispute == NULL)
				a->dispute = e->ref;
		} else if (e->type == DUN_EV_HARDSHIP && e->has_due &&
		    e->date >= latest_hardship) {
			latest_hardship = e->date;
			a->hardship_until = e->due;
		} else if ((e->type == DUN_EV_DNC || e->type == DUN_EV_CONTACT_OK)
		    && e->date >= latest_dnc) {
			latest_dnc = e->date;
			a->dnc = e->type == DUN_EV_DNC;
		} else if (e->type == DUN_EV_PLAN && e->has_amount &&
		    e->date >= latest_plan) {
			latest_plan = e->date;
			a->plan = e->has_due && e->due < asof ? -1 : e->amount;
		}
	}
	if (a->plan < 0)
		a->plan = 0;
}

/* The limitation date: the earliest among the unpaid charges, each from
 * its due date or the latest restart after it.  oldest: the oldest due
 * date of a charge unpaid at asof, DUN_NODATE if none is. */
static dun_date
limitation(const struct dun_config *c, dun_date asof,
    const struct dun_hist *h, dun_date oldest)
{
	dun_date restart = DUN_NODATE, start;
	int r = c->limitation.restart;
	size_t i;

	for (i = 0; i < h->nevents; i++) {
		const struct dun_hevent *e = &h->events[i];
		int counts = dun_event_restarts(c, h, e);

		if (counts && e->date <= asof && e->date > restart)
			restart = e->date;
	}
	for (i = 0; (r & DUN_RESTART_PAYMENT) && i < h->npayments; i++)
		if (h->payments[i].date <= asof && h->payments[i].date >
		    restart)
			restart = h->payments[i].date;
	/* The period ends soonest for the oldest unpaid charge, from its due
	 * date or the latest restart after it. */
	if (oldest == DUN_NODATE)
		return oldest;
	start = restart != DUN_NODATE && restart > oldest ? restart : oldest;
	return limitation_end(c, start);
}

/* The episode's notices: the stage last issued, and the served demand. */
static void
episode(const struct dun_config *c, dun_date asof, const struct dun_hist *h,
    struct dun_aged *a)
{
	int lead = c->nstages > 0 && c->stages[0].days < 0 ?
	    c->stages[0].days : 0;
	size_t i, j;

	if (a->episode_start == DUN_NODATE)
		return;
	for (i = 0; i < h->nnotices; i++) {
		const struct dun_hnotice *n = &h->notices[i];
		int in = n->has_episode ? n->episode == a->episode_start :
		    n->date >= a->episode_start + lead;

		if (!in || n->date > asof)
			continue;
		a->notices++;
		if (a->last_stage_date == DUN_NODATE ||
		    n->date >= a->last_stage_date) {
			a->last_stage_date = n->date;
			a->last_stage = n->stage;
		}
		if (n->stage < 0 || !c->stages[n->stage].written_demand)
			continue;
		for (j = 0; j < h->nevents; j++) {
			const struct dun_hevent *e = &h->events[j];

			if (e->type == DUN_EV_SERVED && e->ref && e->date <=
			    asof && strcmp(e->ref, n->notice) == 0 &&
			    (a->demand_served == DUN_NODATE ||
			    e->date < a->demand_served))
				a->demand_served = e->date;
		}
	}
}

/* The events' and notices' fields of a, once age.c has set its money. */
void
age_events(const struct dun_config *c, dun_date asof,
    const struct dun_hist *h, struct dun_aged *a)
{
	events(c, asof, h, a);
	a->limitation_date = limitation(c, asof, h, a->oldest_due);
	if (a->limitation_date != DUN_NODATE)
		a->days_to_limitation = a->limitation_date - asof;
	episode(c, asof, h, a);
}

/*
 * age_out.c — dun-age's records: the header and a unit's record, their
 * columns in the order of the column table (columns.c).
 */
#include <stdio.h>

#include "age.h"

char *
dun_bucket_name(const struct dun_config *c, size_t i, char *buf, size_t n)
{
	if (i == c->aging.nbounds)
		snprintf(buf, n, "b%d_plus", c->aging.bounds[i - 1] + 1);
	else
		snprintf(buf, n, "b%d_%d", i ? c->aging.bounds[i - 1] + 1 : 0,
		    c->aging.bounds[i]);
	return buf;
}

int
dun_age_header(struct dun_out *o, const struct dun_config *c)
{
	char name[48];
	size_t i, b;

	for (i = 0; i < COL_COUNT; i++) {
		if (col_table[i].prog != COLP_AGE)
			continue;
		if (i != COL_BUCKETS) {
			dun_out_str(o, col_table[i].name);
			continue;
		}
		for (b = 0; b <= c->aging.nbounds; b++)
			dun_out_str(o, dun_bucket_name(c, b, name,
			    sizeof name));
	}
	return dun_out_end(o);
}

/* A date, or an empty field for none. */
static void
out_date(struct dun_out *o, dun_date d)
{
	if (d == DUN_NODATE)
		dun_out_str(o, "");
	else
		dun_out_date(o, d);
}

/* Write column id (columns.c) of the unit's record. */
static void
put_col(struct dun_out *o, const struct dun_config *c,
    const struct dun_hist *h, const struct dun_aged *a, int id)
{
	static const char *const promise[] = { "", "open", "kept", "broken" };
	size_t i;

	switch (id) {
	case COL_UNIT:
		dun_out_str(o, h->hh.unit);
		break;
	case COL_ESTATE:
		dun_out_str(o, h->hh.text[DUN_HH_ESTATE]);
		break;
	case COL_BUILDING:
		dun_out_str(o, h->hh.text[DUN_HH_BUILDING]);
		break;
	case COL_OWNER:
		dun_out_str(o, h->hh.text[DUN_HH_OWNER]);
		break;
	case COL_PHONE:
		dun_out_str(o, h->hh.text[DUN_HH_PHONE]);
		break;
	case COL_OCCUPANCY:
		dun_out_str(o, h->hh.text[DUN_HH_OCCUPANCY]);
		break;
	case COL_COLLECTOR:
		dun_out_str(o, h->hh.text[DUN_HH_COLLECTOR]);
		break;
	case COL_BALANCE:
		dun_out_money(o, a->balance);
		break;
	case COL_LATE_FEE:
		dun_out_money(o, a->late_fee);
		break;
	case COL_TOTAL:
		dun_out_money(o, a->total);
		break;
	case COL_NOT_DUE:
		dun_out_money(o, a->not_due);
		break;
	case COL_OLDEST_DUE:
		out_date(o, a->oldest_due);
		break;
	case COL_DAYS_OVERDUE:
		if (a->oldest_due == DUN_NODATE)
			dun_out_str(o, "");
		else
			dun_out_long(o, a->days_overdue);
		break;
	case COL_BUCKETS:
		for (i = 0; i <= c->aging.nbounds; i++)
			dun_out_money(o, a->bucket[i]);
		break;
	case COL_PERIODS_UNPAID:
		dun_out_long(o, a->periods_unpaid);
		break;
	case COL_LAST_PAID:
		out_date(o, a->last_paid);
		break;
	case COL_LAST_PAID_AMOUNT:
		if (a->last_paid == DUN_NODATE)
			dun_out_str(o, "");
		else
			dun_out_money(o, a->last_paid_amount);
		break;
	case COL_CREDIT:
		dun_out_money(o, a->credit);
		break;
	case COL_PROMISE:
		dun_out_str(o, promise[a->promise]);
		break;
	case COL_PROMISE_DUE:
		out_date(o, a->promise == DUN_PROMISE_NONE ? DUN_NODATE :
		    a->promise_due);
		break;
	case COL_BROKEN_PROMISES:
		dun_out_long(o, a->broken_promises);
		break;
	case COL_DISPUTE:
		dun_out_str(o, a->dispute);
		break;
	case COL_HARDSHIP_UNTIL:
		out_date(o, a->hardship_until);
		break;
	case COL_PLAN:
		if (a->plan > 0)
			dun_out_money(o, a->plan);
		else
			dun_out_str(o, "");
		break;
	case COL_LIMITATION_DATE:
		out_date(o, a->limitation_date);
		break;
	case COL_DAYS_TO_LIMITATION:
		if (a->limitation_date == DUN_NODATE)
			dun_out_str(o, "");
		else
			dun_out_long(o, a->days_to_limitation);
		break;
	case COL_EPISODE_START:
		out_date(o, a->episode_start);
		break;
	case COL_LAST_STAGE:
		dun_out_str(o, a->last_stage >= 0 ?
		    c->stages[a->last_stage].name : NULL);
		break;
	case COL_LAST_STAGE_DATE:
		out_date(o, a->last_stage_date);
		break;
	case COL_DEMAND_SERVED:
		out_date(o, a->demand_served);
		break;
	case COL_NOTICES:
		dun_out_long(o, a->notices);
		break;
	case COL_EXPECTED_RECOVERY:
		dun_out_money(o, a->expected_recovery);
		break;
	case COL_DNC:
		dun_out_str(o, a->dnc ? "yes" : "");
		break;
	}
}

int
dun_age_put(struct dun_out *o, const struct dun_config *c,
    const struct dun_hist *h, const struct dun_aged *a)
{
	size_t i;

	for (i = 0; i < COL_COUNT; i++)
		if (col_table[i].prog == COLP_AGE)
			put_col(o, c, h, a, (int)i);
	return dun_out_end(o);
}

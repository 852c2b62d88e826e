/*
 * columns.c — the table of the columns dun-age writes and dun-classify
 * appends (columns.h), and looking a column up by its name.
 */
#include <string.h>

#include "columns.h"

const struct column col_table[COL_COUNT] = {
	[COL_UNIT] = { "unit", COLT_TEXT, COLP_AGE,
	    "the unit" },
	[COL_ESTATE] = { "estate", COLT_TEXT, COLP_AGE,
	    "the unit's estate" },
	[COL_BUILDING] = { "building", COLT_TEXT, COLP_AGE,
	    "the unit's building" },
	[COL_OWNER] = { "owner", COLT_TEXT, COLP_AGE,
	    "the owner" },
	[COL_PHONE] = { "phone", COLT_TEXT, COLP_AGE,
	    "the household's phone" },
	[COL_OCCUPANCY] = { "occupancy", COLT_TEXT, COLP_AGE,
	    "owner, tenant or vacant" },
	[COL_COLLECTOR] = { "collector", COLT_TEXT, COLP_AGE,
	    "who collects from the unit" },
	[COL_BALANCE] = { "balance", COLT_MONEY, COLP_AGE,
	    "unpaid principal of charges already due" },
	[COL_LATE_FEE] = { "late_fee", COLT_MONEY, COLP_AGE,
	    "the late fee owed, after payments and waivers" },
	[COL_TOTAL] = { "total", COLT_MONEY, COLP_AGE,
	    "balance plus late fee" },
	[COL_NOT_DUE] = { "not_due", COLT_MONEY, COLP_AGE,
	    "billed and unpaid but not yet due" },
	[COL_OLDEST_DUE] = { "oldest_due", COLT_DATE, COLP_AGE,
	    "the due date of the oldest unpaid charge that is due" },
	[COL_DAYS_OVERDUE] = { "days_overdue", COLT_NUMBER, COLP_AGE,
	    "the days since oldest_due" },
	[COL_BUCKETS] = { "b0_30", COLT_MONEY, COLP_AGE,
	    "the balance by age, one column per bucket of aging.buckets" },
	[COL_PERIODS_UNPAID] = { "periods_unpaid", COLT_NUMBER, COLP_AGE,
	    "billing periods with unpaid charges that are due" },
	[COL_LAST_PAID] = { "last_paid", COLT_DATE, COLP_AGE,
	    "the day of the last payment" },
	[COL_LAST_PAID_AMOUNT] = { "last_paid_amount", COLT_MONEY, COLP_AGE,
	    "what was paid that day" },
	[COL_CREDIT] = { "credit", COLT_MONEY, COLP_AGE,
	    "what was paid beyond everything billed" },
	[COL_PROMISE] = { "promise", COLT_TEXT, COLP_AGE,
	    "the latest promise to pay: open, kept or broken" },
	[COL_PROMISE_DUE] = { "promise_due", COLT_DATE, COLP_AGE,
	    "the latest promise's date" },
	[COL_BROKEN_PROMISES] = { "broken_promises", COLT_NUMBER, COLP_AGE,
	    "promises broken in this episode" },
	[COL_DISPUTE] = { "dispute", COLT_TEXT, COLP_AGE,
	    "the ref of an open dispute" },
	[COL_HARDSHIP_UNTIL] = { "hardship_until", COLT_DATE, COLP_AGE,
	    "the date the latest hardship lasts until" },
	[COL_PLAN] = { "plan", COLT_MONEY, COLP_AGE,
	    "the monthly amount of an instalment plan not ended" },
	[COL_LIMITATION_DATE] = { "limitation_date", COLT_DATE, COLP_AGE,
	    "the earliest end of an unpaid charge's limitation period" },
	[COL_DAYS_TO_LIMITATION] = { "days_to_limitation", COLT_NUMBER,
	    COLP_AGE,
	    "the days left until limitation_date" },
	[COL_EPISODE_START] = { "episode_start", COLT_DATE, COLP_AGE,
	    "the due date of the oldest unpaid charge, due or not" },
	[COL_LAST_STAGE] = { "last_stage", COLT_TEXT, COLP_AGE,
	    "the stage of the episode's last notice" },
	[COL_LAST_STAGE_DATE] = { "last_stage_date", COLT_DATE, COLP_AGE,
	    "the date of that notice" },
	[COL_DEMAND_SERVED] = { "demand_served", COLT_DATE, COLP_AGE,
	    "the day a written demand of this episode was served" },
	[COL_NOTICES] = { "notices", COLT_NUMBER, COLP_AGE,
	    "the notices of the episode" },
	[COL_EXPECTED_RECOVERY] = { "expected_recovery", COLT_MONEY, COLP_AGE,
	    "what the arrears are worth, to rank the work" },
	[COL_DNC] = { "dnc", COLT_TEXT, COLP_AGE,
	    "yes when the debtor is not to be contacted" },
	[COL_CLASS] = { "class", COLT_TEXT, COLP_CLASSIFY,
	    "the first class rule that holds" },
	[COL_STAGE] = { "stage", COLT_TEXT, COLP_CLASSIFY,
	    "the next stage of the ladder" },
	[COL_CHANNEL] = { "channel", COLT_TEXT, COLP_CLASSIFY,
	    "the channel it takes" },
	[COL_DUE_ON] = { "due_on", COLT_DATE, COLP_CLASSIFY,
	    "the day the stage is due" },
	[COL_ACTION] = { "action", COLT_TEXT, COLP_CLASSIFY,
	    "send, wait, hold, service-desk, offer-plan or review" },
	[COL_PRIORITY] = { "priority", COLT_NUMBER, COLP_CLASSIFY,
	    "1 is the unit to work first" },
	[COL_REASON] = { "reason", COLT_TEXT, COLP_CLASSIFY,
	    "the facts that decided it, in a sentence" },
};

int
col_find(const char *name)
{
	int i;

	if (name[0] == 'b' && strchr(name, '_') != NULL && (name[1] >= '0' &&
	    name[1] <= '9'))
		return COL_BUCKETS;
	for (i = 0; i < COL_COUNT; i++)
		if (i != COL_BUCKETS && strcmp(col_table[i].name, name) == 0)
			return i;
	return -1;
}

enum col_type
col_type_of(const char *name)
{
	int i = col_find(name);

	return i < 0 ? COLT_TEXT : col_table[i].type;
}

const char *
col_name(enum col_id id)
{
	return col_table[id].name;
}

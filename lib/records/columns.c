/*
 * columns.c — the tables of the columns dun-import reads and of those
 * dun-age writes and dun-classify appends (records.h), and looking a
 * column up by its name.
 */
#include <string.h>

#include "records.h"

#define U	IN_KIND(DUN_KIND_UNIT)
#define C	IN_KIND(DUN_KIND_CHARGE)
#define P	IN_KIND(DUN_KIND_PAYMENT)
#define A	IN_KIND(DUN_KIND_ADJUSTMENT)
#define E	IN_KIND(DUN_KIND_EVENT)
#define R	IN_KIND(DUN_KIND_REVERSAL)

_Static_assert(IN_COUNT == DUN_NCOLUMNS, "DUN_NCOLUMNS counts in_table");

const struct in_column in_table[IN_COUNT] = {
	[IN_UNIT] = { "unit", U | C | P | A | E | R,
	    "the unit (房号), or a reversal's unit, checked" },
	[IN_ESTATE] = { "estate", U | C | P | A | E,
	    "the estate (小区); on a row of money, a part of the unit" },
	[IN_BUILDING] = { "building", U | C | P | A | E,
	    "the building (楼栋); on a row of money, a part of the unit" },
	[IN_OWNER] = { "owner", U | C | P,
	    "the owner (业主)" },
	[IN_PHONE] = { "phone", U | C | P,
	    "the household's phone, a Chinese mobile or landline" },
	[IN_EMAIL] = { "email", U,
	    "the household's e-mail address" },
	[IN_ADDRESS] = { "address", U,
	    "the address letters are sent to" },
	[IN_AREA] = { "area", U,
	    "the unit's floor area in square metres" },
	[IN_OCCUPANCY] = { "occupancy", U,
	    "owner, tenant or vacant" },
	[IN_COLLECTOR] = { "collector", U,
	    "who collects from the unit" },
	[IN_DNC] = { "dnc", U,
	    "do not contact: yes or no" },
	[IN_FEE] = { "fee", C | P | A,
	    "the fee type; on money, what the payer said it is for" },
	[IN_PERIOD] = { "period", C | P | A,
	    "the month billed, or the month money is for" },
	[IN_DUE] = { "due", C | E,
	    "the day a charge or a promise falls due" },
	[IN_AMOUNT] = { "amount", C | P | A | E,
	    "the amount, in yuan" },
	[IN_REF] = { "ref", P | A | E | R,
	    "the bank's serial or the receipt number" },
	[IN_DATE] = { "date", P | A | E | R,
	    "the day it happened" },
	[IN_METHOD] = { "method", P,
	    "how it was paid" },
	[IN_REASON] = { "reason", A | R,
	    "why an adjustment or a reversal was made" },
	[IN_TYPE] = { "type", E,
	    "the event's type (dun(5), Event types)" },
	[IN_NOTE] = { "note", E,
	    "a note on the event" },
	[IN_ENTRANCE] = { "entrance", U | C | P | A | E,
	    "the entrance (单元): a part of the unit" },
	[IN_ROOM] = { "room", U | C | P | A | E,
	    "the room (房号): the last part of the unit" },
	[IN_START] = { "start", C,
	    "a bill's range: its first day" },
	[IN_END] = { "end", C,
	    "a bill's range: its last day" },
	[IN_PAID] = { "paid", C,
	    "what was paid on a bill line" },
	[IN_OWING] = { "owing", C,
	    "what is owing on a bill line" },
	[IN_WAIVER] = { "waiver", C,
	    "what was waived on a bill line" },
	[IN_LATE] = { "late", C,
	    "the late fee a bill line states" },
	[IN_BILL] = { "bill", C,
	    "the bill's number" },
};

#undef U
#undef C
#undef P
#undef A
#undef E
#undef R

int
in_find(const char *name)
{
	int i;

	for (i = 0; i < IN_COUNT; i++)
		if (strcmp(in_table[i].name, name) == 0)
			return i;
	return -1;
}

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

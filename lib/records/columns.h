/*
 * columns.h — the columns of dun's records, declared once (internal):
 * those the office's files give dun-import, and those dun-age writes and
 * dun-classify appends, with their names, types, writers and meanings in
 * order.  dun-import's header mapping and the config's aliases, dun-age's
 * header, dun-classify's, the class rules' types, the ladder's, the
 * notices' and the reports' reads come from here; tests/0015-columns.t
 * holds the man pages to it.
 */
#ifndef DUN_COLUMNS_H
#define DUN_COLUMNS_H

#include "internal.h"

/* Each column, in the order written. */
enum col_id {
	/* dun-age */
	COL_UNIT, COL_ESTATE, COL_BUILDING, COL_OWNER, COL_PHONE,
	COL_OCCUPANCY, COL_COLLECTOR, COL_BALANCE, COL_LATE_FEE, COL_TOTAL,
	COL_NOT_DUE, COL_OLDEST_DUE, COL_DAYS_OVERDUE, COL_BUCKETS,
	COL_PERIODS_UNPAID, COL_LAST_PAID, COL_LAST_PAID_AMOUNT, COL_CREDIT,
	COL_PROMISE, COL_PROMISE_DUE, COL_BROKEN_PROMISES, COL_DISPUTE,
	COL_HARDSHIP_UNTIL, COL_PLAN, COL_LIMITATION_DATE,
	COL_DAYS_TO_LIMITATION, COL_EPISODE_START, COL_LAST_STAGE,
	COL_LAST_STAGE_DATE, COL_DEMAND_SERVED, COL_NOTICES,
	COL_EXPECTED_RECOVERY, COL_DNC,
	/* dun-classify, after every column it is given */
	COL_CLASS, COL_STAGE, COL_CHANNEL, COL_DUE_ON, COL_ACTION,
	COL_PRIORITY, COL_REASON,
	COL_COUNT
};

/* A column's type, as the class rules compare it. */
enum col_type { COLT_TEXT, COLT_MONEY, COLT_DATE, COLT_NUMBER };

/* The program that writes a column. */
enum col_prog { COLP_AGE, COLP_CLASSIFY };

struct column {
	const char *name;	/* COL_BUCKETS: "b0_30", one column per
				 * bucket of aging.buckets (dun_bucket_name) */
	enum col_type type;
	enum col_prog prog;
	const char *meaning;	/* a line of dun-age(1) or dun-classify(1) */
};

extern const struct column col_table[COL_COUNT];

/* The column named name; a bucket's name (b0_30, b731_plus: a "b", a
 * digit, an "_") is COL_BUCKETS.  -1 for a name in no program's output,
 * a user's own column. */
int col_find(const char *name);
/* A column's type by its name: COLT_TEXT for a user's own. */
enum col_type col_type_of(const char *name);
/* A column's name: its place in col_table, never COL_BUCKETS. */
const char *col_name(enum col_id id);

/* ---- what the office's files give dun-import --------------------------- */

/* Each column dun-import reads, in dun(5)'s order, then the columns only
 * imports read: a unit named in parts (entrance, room), a bill's range,
 * what was paid, is owing, was waived and the late fee on a bill line,
 * and the bill's number. */
enum in_id {
	IN_UNIT, IN_ESTATE, IN_BUILDING, IN_OWNER, IN_PHONE, IN_EMAIL,
	IN_ADDRESS, IN_AREA, IN_OCCUPANCY, IN_COLLECTOR, IN_DNC, IN_FEE,
	IN_PERIOD, IN_DUE, IN_AMOUNT, IN_REF, IN_DATE, IN_METHOD, IN_REASON,
	IN_TYPE, IN_NOTE, IN_ENTRANCE, IN_ROOM, IN_START, IN_END, IN_PAID,
	IN_OWING, IN_WAIVER, IN_LATE, IN_BILL,
	IN_COUNT
};

/* A kind of row (enum dun_kind) as a bit of in_column.kinds. */
#define IN_KIND(k)	(1 << (k))

struct in_column {
	const char *name;
	int kinds;		/* the kinds of row that read it: IN_KIND bits */
	const char *meaning;	/* as dun(5) and dun-import(1) say it */
};

extern const struct in_column in_table[IN_COUNT];

/* The input column named name (exactly), or -1. */
int in_find(const char *name);

#endif

/* ledger.h — the ledger's rows, as import puts them (internal). */
#ifndef DUN_LEDGER_H
#define DUN_LEDGER_H

#include <stdint.h>

#include "internal.h"

enum { PUT_INSERTED = 1, PUT_UPDATED, PUT_UNCHANGED, PUT_CONFLICT };

/* A unit's text columns, in this order. */
enum { U_ESTATE, U_BUILDING, U_OWNER, U_PHONE, U_EMAIL, U_ADDRESS,
	U_OCCUPANCY, U_COLLECTOR, UNIT_NTEXT };
#define UNIT_HAS_AREA (1 << UNIT_NTEXT)
#define UNIT_HAS_DNC (1 << (UNIT_NTEXT + 1))

struct unit_row {
	const char *unit;
	const char *text[UNIT_NTEXT];	/* NULL: empty */
	int present;			/* columns the file has: bits */
	int has_area, dnc;
	int64_t area;			/* square metres, hundredths */
};

struct charge_row {
	const char *unit, *fee;
	int64_t unit_id, import_id;
	dun_period period;
	dun_date due;
	dun_money amount;
};

/* A payment (text: method) or an adjustment (text: reason). */
struct money_row {
	const char *unit, *ref, *fee, *text;
	int64_t unit_id, import_id;
	dun_date date;
	dun_money amount;
	int has_period;
	dun_period period;		/* stored as YYYYMM */
};

struct event_row {
	int64_t unit_id;
	dun_date date, due;
	const char *type, *ref, *note;
	int has_due, has_amount;
	dun_money amount;
};

int ledger_import_begin(struct dun_ledger *l, const char *file,
    const char *kind, int64_t *id, struct dun_err *err);
int ledger_import_end(struct dun_ledger *l, int64_t id, const char *sha256,
    const struct dun_import_counts *n, struct dun_err *err);
/* The id of unit: 1 found, 2 created (create_in > 0: the import that
 * creates it), 0 none, -1 error. */
int ledger_unit_id(struct dun_ledger *l, const char *unit, int64_t create_in,
    int64_t *id, struct dun_err *err);
/* Each returns PUT_*, or -1 with err set. */
int ledger_put_unit(struct dun_ledger *l, const struct unit_row *u,
    int64_t import_id, struct dun_err *err);
int ledger_put_charge(struct dun_ledger *l, const struct charge_row *c,
    int64_t import_id, int replace, struct charge_row *old,
    struct dun_err *err);
int ledger_put_money(struct dun_ledger *l, int adjustment,
    const struct money_row *p, int64_t import_id, int replace,
    struct money_row *old, char *oldunit, size_t oldunitsz,
    struct dun_err *err);
int ledger_put_event(struct dun_ledger *l, const struct event_row *e,
    int64_t import_id, struct dun_err *err);

#endif

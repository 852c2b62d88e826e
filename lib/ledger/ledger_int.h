/*
 * ledger_int.h — what the ledger's files share (ledger.c, ledger_schema.c,
 * ledger_put.c, ledger_hist.c, ledger_notice.c, ledger_sqlite.c): the
 * ledger's struct, its statements by name, and the helpers that run them
 * through its backend (ledger_db.h).  The rest of lib uses ledger.h.
 */
#ifndef DUN_LEDGER_INT_H
#define DUN_LEDGER_INT_H

#include <stdint.h>

#include "ledger.h"
#include "ledger_db.h"

/* The ledger's statements; their SQL is ledger.c's table. */
enum {
	Q_UNIT_ID, Q_UNIT_NEW, Q_UNIT_GET, Q_UNIT_PUT, Q_UNIT_SET,
	Q_UNIT_WHO, Q_UNIT_FILL,
	Q_CHARGE_ADD, Q_CHARGE_ADD_PLAIN, Q_CHARGE_GET, Q_CHARGE_SET,
	Q_DETAIL_PUT, Q_DETAIL_DROP,
	Q_PAY_ADD, Q_PAY_GET, Q_PAY_SET, Q_PAY_LINES, Q_PAY_DROP,
	Q_ADJ_ADD, Q_ADJ_GET, Q_ADJ_SET,
	Q_REV_ADD, Q_REV_GET, Q_REV_SET,
	Q_EVENT_FIND, Q_EVENT_ADD,
	Q_IMPORT_ADD, Q_IMPORT_SET, Q_IMPORT_DEL, Q_IMPORT_DONE,
	Q_REVISION_ADD,
	Q_H_UNITS, Q_H_UNIT, Q_H_CHARGES, Q_H_PAYMENTS, Q_H_ADJUSTMENTS,
	Q_H_EVENTS, Q_H_NOTICES,
	Q_S_CHARGES, Q_S_DETAILS, Q_S_PAYMENTS, Q_S_ADJUSTMENTS, Q_S_EVENTS,
	Q_S_NOTICES, Q_S_REVERSALS,
	Q_N_UNIT, Q_N_FIND, Q_N_LAST, Q_N_ADD,
	Q_NF_ADD, Q_NF_ISSUE, Q_NF_DROP, Q_NF_ALL, Q_N_SETTLE, Q_N_WITHDRAW,
	Q_E_PAYMENTS, Q_E_ADJUSTMENTS, Q_E_EVENTS, Q_E_NOTICES,
	Q_E_IMPORTS,
	Q_SET_GET, Q_SET_PUT,
	Q_COUNT
};

struct dun_ledger {
	const struct ledger_backend *be;
	void *db;			/* the backend's own */
	char *path;			/* as the messages name it */
	struct ledger_stmt *st[Q_COUNT];
	char *last_unit;		/* one-entry cache of unit ids */
	int64_t last_id;
	char *unit_text[DUN_HH_NTEXT + 1];	/* dun_ledger_unit's last
					 * answer: texts, then unit */
};

/* ---- ledger.c ------------------------------------------------------------ */

/* err set to the ledger's last database error, as "PATH: what: message"
 * (DUN_EXIT_SYS); returns -1. */
int ledger_dberr(struct dun_ledger *l, struct dun_err *err, const char *what);
/* Run the SQL s (statements with no rows): 0, or -1 and err. */
int ledger_exec(struct dun_ledger *l, const char *s, struct dun_err *err);
/* The prepared statement q (Q_*), reset, owned by the ledger; NULL and
 * err if it cannot be prepared.  Every caller binds every parameter. */
struct ledger_stmt *ledger_stmt(struct dun_ledger *l, int q,
    struct dun_err *err);
/* Bind parameter i of st: text (NULL: NULL; s must outlive the step), an
 * integer, or an integer if has and NULL if not.  A failure is kept, and
 * ledger_bound refuses to run st; each returns 0 or the backend's code. */
int ledger_bind_text(struct ledger_stmt *st, int i, const char *s);
int ledger_bind_int(struct ledger_stmt *st, int i, int64_t v);
int ledger_bind_opt(struct ledger_stmt *st, int i, int has, int64_t v);
/* 0, or -1 and err (naming the column) if a bind of st failed; st is
 * then reset, not run. */
int ledger_bound(struct dun_ledger *l, struct ledger_stmt *st,
    struct dun_err *err);
/* Step a statement that returns no row: 0, or -1 and err.
 * ledger_changes then tells how many rows it changed. */
int ledger_run(struct dun_ledger *l, struct ledger_stmt *st,
    struct dun_err *err);
/* Step an INSERT ... RETURNING id to its end: 0 and the new row's id in
 * *id, or -1 and err ("cannot write"). */
int ledger_insert(struct dun_ledger *l, struct ledger_stmt *st, int64_t *id,
    struct dun_err *err);
/* Step st, its parameters bound, for the one row it looks up: 1, st
 * left on that row for the caller to read and then reset
 * (ledger_reset); 0 if there is none, or -1 and err (a bind that
 * failed, or "cannot read"), st reset in both. */
int ledger_one_row(struct dun_ledger *l, struct ledger_stmt *st,
    struct dun_err *err);

/* Rows changed by the statement run last. */
static inline int64_t
ledger_changes(struct dun_ledger *l)
{
	return l->be->changes(l);
}
/* A period as stored (YYYYMM), and back. */
int ledger_period_store(dun_period p);
dun_period ledger_period_load(int v);

/* ---- ledger_schema.c ----------------------------------------------------- */

/* Bring the ledger's schema up to the newest version, in one
 * transaction: 0, or -1 and err (a ledger newer than this dun, or a
 * database that is not a ledger). */
int ledger_migrate(struct dun_ledger *l, struct dun_err *err);

#endif

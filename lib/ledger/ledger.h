/*
 * ledger.h — the ledger (lib/ledger/), the SQLite file every import goes
 * into and the notices are registered in: opened and its statements run
 * (ledger.c), its schema (ledger_schema.c), the rows an import puts
 * (ledger_put.c), the notice register and its batches (ledger_notice.c),
 * the histories read back (ledger_hist.c), all through its backend, the
 * database engine's side of a seam (ledger_db.h; SQLite's is
 * ledger_sqlite.c).  ledger_int.h and ledger_db.h are the part's own;
 * all the SQL is here.
 */
#ifndef DUN_LEDGER_H
#define DUN_LEDGER_H

#include <stdint.h>

#include "hist.h"

struct dun_ledger;

/* BULK: a page cache of 64 MB, for loading many rows; without it,
 * SQLite's own (2 MB), which serves a reader as well. */
enum { DUN_LEDGER_CREATE = 1, DUN_LEDGER_MEMORY = 2, DUN_LEDGER_BULK = 4 };

/* The ledger in force: opt (-d), else $DUN_LEDGER, else $DUN_DB (its
 * older name), else conf (dun.yaml's ledger), else "dun.db". */
const char *dun_ledger_path(const char *opt, const char *conf);
/* Open, creating it with mode 0600 when flags has CREATE, and migrate the
 * schema forward.  NULL on error, err set (DUN_EXIT_SYS). */
struct dun_ledger *dun_ledger_open(const char *path, int flags,
    struct dun_err *err);
void dun_ledger_close(struct dun_ledger *l);
int dun_ledger_begin(struct dun_ledger *l, struct dun_err *err);
/* An import's transaction: see dun-import(1) on foreign keys. */
int dun_ledger_begin_import(struct dun_ledger *l, struct dun_err *err);
int dun_ledger_commit(struct dun_ledger *l, struct dun_err *err);
/* A reader's transaction (dun_ledger_read_end ends it; dun_ledger_rollback
 * too): every read in it sees the ledger as at its first, and the lock
 * is taken once, not again for each statement.  No write goes in it. */
int dun_ledger_read_begin(struct dun_ledger *l, struct dun_err *err);
int dun_ledger_read_end(struct dun_ledger *l, struct dun_err *err);
void dun_ledger_rollback(struct dun_ledger *l);
int dun_ledger_version(struct dun_ledger *l);	/* PRAGMA user_version */

/* The day from which the ledger holds every bill and receipt (setting
 * history_start): before it, a ledger begun from an arrears list knows
 * only what was owing.  1 and *d, 0 if it is not set, -1 and err. */
int dun_ledger_history_start(struct dun_ledger *l, dun_date *d,
    struct dun_err *err);
/* Set it, in the transaction under way if there is one: 0, or -1. */
int dun_ledger_set_history_start(struct dun_ledger *l, dun_date d,
    struct dun_err *err);

/* The household of the unit named unit, as the ledger knows it: 1 and
 * the unit's id in *id, 0 if there is no such unit, -1 and err.  h's
 * texts are the ledger's, good until the next call or dun_ledger_close. */
int dun_ledger_unit(struct dun_ledger *l, const char *unit, int64_t *id,
    struct dun_household *h, struct dun_err *err);

/* A row of the notice register. */
struct dun_notice_row {
	const char *notice, *stage, *channel, *recipient, *file, *sha256;
	const char *reason, *receipt;
	const char *cls;	/* the unit's class, or NULL */
	int64_t unit_id;
	dun_date episode, date;
};
/* 1 if the unit was given the stage in the episode already, and the
 * notice's id in *notice (malloc'd) when notice is not NULL; 0 if not,
 * -1 error. */
int dun_ledger_notice_find(struct dun_ledger *l, int64_t unit_id,
    const char *stage, dun_date episode, char **notice,
    struct dun_err *err);
/* 1 and the date of the unit's latest notice, 0 if none, -1 error. */
int dun_ledger_notice_last(struct dun_ledger *l, int64_t unit_id,
    dun_date *date, struct dun_err *err);
int dun_ledger_notice_add(struct dun_ledger *l,
    const struct dun_notice_row *r, struct dun_err *err);

/* A unit's rows of one kind, for its evidence pack, each given to fn
 * with its n columns as text (NULL for null), as integers, and null
 * flags; fn returns nonzero to stop.  Each is found by unit_id:
 *   PAYMENTS     ref date amount fee period method rdate rreason
 *   ADJUSTMENTS  ref date amount fee period reason rdate rreason
 *   EVENTS       date type due amount ref note
 *   NOTICES      notice date stage channel recipient file sha256 receipt
 *                class reason episode
 *   IMPORTS      file sha256 time (the imports its rows came from)
 * (rdate and rreason: the reversal's, null if it was not reversed).
 * Dates are days, money minor units, periods YYYYMM.  0, or -1. */
enum { DUN_EACH_PAYMENTS, DUN_EACH_ADJUSTMENTS,
	DUN_EACH_EVENTS, DUN_EACH_NOTICES, DUN_EACH_IMPORTS };
typedef int dun_row_fn(void *arg, int n, const char *const *text,
    const int64_t *num, const int *null);
int dun_ledger_each(struct dun_ledger *l, int what, int64_t unit_id,
    dun_row_fn *fn, void *arg, struct dun_err *err);

/* Counts of one import, as the summary shows them and the ledger's
 * imports table keeps them. */
struct dun_import_counts {
	long rows, inserted, updated, unchanged, rejected;
};

/* The ledger's histories, unit by unit (ledger_hist.c). */
struct ledger_hist;
struct ledger_hist *ledger_hist_open(struct dun_ledger *l,
    const struct dun_config *c, char *const *units, size_t nunits,
    dun_bad_fn *report, void *arg, struct dun_err *err);
int ledger_hist_next(struct ledger_hist *lh, const struct dun_hist **h,
    int *bad, struct dun_err *err);
void ledger_hist_close(struct ledger_hist *lh);

/* ---- the rows an import puts (ledger_put.c) ---------------------------- */

enum { PUT_INSERTED = 1, PUT_UPDATED, PUT_UNCHANGED, PUT_CONFLICT };

/* A household as a units file gives it, and which of its columns the
 * file has: bit t for text t (enum dun_hh_text), then area and dnc. */
#define UNIT_HAS_AREA (1 << DUN_HH_NTEXT)
#define UNIT_HAS_DNC (1 << (DUN_HH_NTEXT + 1))
struct unit_row {
	struct dun_household h;		/* texts NULL: empty */
	int present;
};

struct charge_row {
	const char *unit, *fee;
	const char *bill;		/* its bill's number, or NULL */
	int64_t unit_id, import_id;
	dun_period period;
	dun_date due;
	dun_money amount;
	dun_money paid, waived;		/* on it, as its bill line says */
	int has_range;
	dun_date start, until;		/* until: DUN_NODATE if open */
};

/* A payment (text: method) or an adjustment (text: reason). */
struct money_row {
	const char *unit, *ref, *fee, *text;
	const char *line;		/* a payment's line of its receipt */
	int other_line;			/* a conflict with another line */
	int64_t unit_id, import_id;
	dun_date date;
	dun_money amount;
	int has_period;
	dun_period period;		/* stored as YYYYMM */
};

/* A reversal: the payment or adjustment ref cancelled on date. */
struct reversal_row {
	const char *ref, *reason;
	int64_t import_id;
	dun_date date;
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
/* End import id: its file's sha256 hex and size (bytes < 0: unknown),
 * and recipe (how it was read, or NULL) with complete (every row loaded
 * without --replace), and its counts; or, if it changed nothing and is
 * not a complete regular file, take its row away.  0, or -1 and err. */
int ledger_import_end(struct dun_ledger *l, int64_t id, const char *sha256,
    int64_t bytes, const char *recipe, int complete,
    const struct dun_import_counts *n, struct dun_err *err);
/* Was a file of kind, read by recipe, of these bytes (sha256 hex; NULL:
 * of any of this size) loaded whole by an import, no row of its kind
 * replaced since?  1 and the rows it had, 0 no, -1 and err. */
int ledger_import_done(struct dun_ledger *l, const char *sha256,
    const char *kind, const char *recipe, int64_t bytes, long *rows,
    struct dun_err *err);
/* The id of unit: 1 found, 2 created (create_in > 0: the import that
 * creates it), 0 none, -1 error. */
int ledger_unit_id(struct dun_ledger *l, const char *unit, int64_t create_in,
    int64_t *id, struct dun_err *err);
/* Give unit_id the owner and phone it lacks: 0, 1 if it has another
 * (left as it is), or -1. */
int ledger_unit_fill(struct dun_ledger *l, int64_t unit_id, const char *owner,
    const char *phone, struct dun_err *err);
/* Each returns PUT_*, or -1 with err set. */
/* A unit whose household differs from the ledger's (but for what the
 * ledger lacks) is PUT_CONFLICT unless replace, with *what saying how
 * (malloc'd). */
int ledger_put_unit(struct dun_ledger *l, const struct unit_row *u,
    int64_t import_id, int replace, char **what, struct dun_err *err);
int ledger_put_charge(struct dun_ledger *l, const struct charge_row *c,
    int64_t import_id, int replace, struct charge_row *old,
    struct dun_err *err);
/* On PUT_CONFLICT *old is the payment or adjustment the ledger has,
 * its unit's name whole in oldunit (the caller's). */
int ledger_put_money(struct dun_ledger *l, int adjustment,
    const struct money_row *p, int64_t import_id, int replace,
    struct money_row *old, struct buf *oldunit, struct dun_err *err);
int ledger_put_event(struct dun_ledger *l, const struct event_row *e,
    int64_t import_id, struct dun_err *err);
/* The payment or adjustment with ref: FOUND_* bits (both if both have
 * it), 0 if neither, -1 error; *m (unit, date, amount, unit_id,
 * import_id) is the payment's if there is one, its unit's name whole
 * in unit (the caller's, m->unit is unit->s). */
enum { FOUND_PAYMENT = 1, FOUND_ADJUSTMENT = 2 };
int ledger_money_find(struct dun_ledger *l, const char *ref,
    struct money_row *m, struct buf *unit, struct dun_err *err);
/* The reversal of ref: 1 and *r (its reason whole in reason, the
 * caller's; r->reason is reason->s), 0 if ref is not reversed, -1
 * error. */
int ledger_reversal(struct dun_ledger *l, const char *ref,
    struct reversal_row *r, struct buf *reason, struct dun_err *err);
/* PUT_*, or -1; on PUT_CONFLICT *old is the recorded reversal, its
 * reason in oldreason. */
int ledger_put_reversal(struct dun_ledger *l, const struct reversal_row *r,
    int64_t import_id, int replace, struct reversal_row *old,
    struct buf *oldreason, struct dun_err *err);

/* ---- the notice register's batches (fileset.c) -------------------------- */

/* Record r, as pending (issued once its files are in place) or issued;
 * its id in *id when id is not NULL.  0, or -1 and err. */
int ledger_notice_put(struct dun_ledger *l, const struct dun_notice_row *r,
    int pending, int64_t *id, struct dun_err *err);
/* A file of batch, written under tmp and to be given final, in the folder
 * dir its run holds (absolute paths); the notice whose file it is, or 0
 * for a file made of others: of the file of (its final name), or of the
 * whole batch (of NULL). */
int ledger_batch_file(struct dun_ledger *l, const char *batch, const char *dir,
    const char *tmp, const char *final, int64_t notice_id, const char *of,
    struct dun_err *err);
/* The batch's files are in place: its notices issued (issue), and the
 * files forgotten. */
int ledger_batch_done(struct dun_ledger *l, const char *batch, int issue,
    struct dun_err *err);
/* Every file of a batch not done, by batch, a notice's file before those
 * made of others; malloc'd, freed by ledger_batch_files_free. */
struct batch_file {
	char *batch, *dir, *tmp, *final;
	int64_t notice_id;		/* 0: a file made of others */
	char *of;			/* what it is made of; NULL: all */
};
int ledger_batch_files(struct dun_ledger *l, struct batch_file **v,
    size_t *n, struct dun_err *err);
void ledger_batch_files_free(struct batch_file *v, size_t n);
/* Each commit on the disk when it returns, as a notice's files are put
 * in place only once it is recorded as pending (SQLite's "synchronous =
 * FULL"; the ledger is opened NORMAL). */
int ledger_durable(struct dun_ledger *l, struct dun_err *err);
/* A pending notice issued (issue), or taken out of the register. */
int ledger_notice_settle(struct dun_ledger *l, int64_t id, int issue,
    struct dun_err *err);

#endif

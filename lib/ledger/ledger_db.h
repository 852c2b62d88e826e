/*
 * ledger_db.h — the seam between the ledger and the database engine it
 * is kept in (lib/ledger's own, as ledger_int.h is): a backend is a
 * table of operations, struct ledger_backend, and the ledger's files run
 * their SQL only through it.  ledger_sqlite.c is SQLite's, the only file
 * that includes <sqlite3.h>; a second engine is a second table, chosen
 * by dun_ledger_open from the ledger's name.
 *
 * A backend opens and closes a ledger, keeps what it needs of its own
 * in l->db, and gives:
 *   - statements: prepared from the SQL of ledger.c's table (parameters
 *     ?1, ?2 ...), each a struct that begins with struct ledger_stmt;
 *     parameters bound by number as text, integer or NULL; stepped to
 *     a row, to the end, or to an error (then errmsg says what); their
 *     columns read as 64-bit integers, text or null; reset to run again;
 *   - the rows the statement run last changed (an INSERT ... ON CONFLICT
 *     DO NOTHING that inserted nothing changed none); an INSERT that
 *     needs its row's id reads it with RETURNING id, as a row;
 *   - plain SQL run (the schema's migrations);
 *   - transactions by what they are for: a write, a read seeing one
 *     moment, an import (which may run without its per-row checks and
 *     make indexes after its rows), and their commit and rollback;
 *   - the settings that are the engine's: the schema's version, whether
 *     a database holds anything, every commit on the disk (durable).
 * Its errors are worded as the ledger's are ("PATH: what: message").
 */
#ifndef DUN_LEDGER_DB_H
#define DUN_LEDGER_DB_H

#include <stddef.h>
#include <stdint.h>

struct dun_err;
struct dun_ledger;
struct ledger_backend;

/* What a step came to. */
enum { LEDGER_DONE = 0, LEDGER_ROW = 1, LEDGER_ERROR = -1 };

/* Transactions, by what they are for. */
enum {
	LEDGER_TX_WRITE,	/* writes, the lock taken at once */
	LEDGER_TX_READ,		/* reads, the ledger as at the first */
	LEDGER_TX_IMPORT	/* an import's writes: see dun-import(1) */
};

/* Why a bind failed (bind_fault). */
enum { LEDGER_BIND_TOOBIG = 1, LEDGER_BIND_NOPARAM, LEDGER_BIND_OTHER };

/* The head of every backend's statement. */
struct ledger_stmt {
	const struct ledger_backend *be;
	const char *sql;		/* its SQL, as ledger.c's table has */
};

struct ledger_backend {
	/* What a database of this engine is ("an SQLite database"). */
	const char *kind;

	/* Open the ledger named path (flags: DUN_LEDGER_*), setting l->db
	 * and l->path, with its settings: 0, or -1 and err.  close frees
	 * what open made, whether it succeeded or not (l->db may be NULL);
	 * the ledger's statements are finalized before it. */
	int (*open)(struct dun_ledger *l, const char *path, int flags,
	    struct dun_err *err);
	void (*close)(struct dun_ledger *l);
	/* The engine's message for its last error. */
	const char *(*errmsg)(struct dun_ledger *l);
	/* Run the SQL s, statements with no rows: 0, or -1 and err as
	 * "PATH: message". */
	int (*exec)(struct dun_ledger *l, const char *s, struct dun_err *err);

	/* Transactions (LEDGER_TX_*): 0, or -1 and err.  commit ends any;
	 * rollback cannot fail. */
	int (*begin)(struct dun_ledger *l, int tx, struct dun_err *err);
	int (*commit)(struct dun_ledger *l, struct dun_err *err);
	void (*rollback)(struct dun_ledger *l);
	/* Every commit from now on on the disk when it returns. */
	int (*durable)(struct dun_ledger *l, struct dun_err *err);

	/* The schema's version into *v (0: none yet), and how many objects
	 * (tables, indexes) the database holds into *n: 0, or -1 (errmsg
	 * says why; *v as it was if the question could not be put, else
	 * 0).  set_version: 0, or -1 and err, in the transaction under
	 * way. */
	int (*version)(struct dun_ledger *l, int *v);
	int (*objects)(struct dun_ledger *l, int *n);
	int (*set_version)(struct dun_ledger *l, int v, struct dun_err *err);

	/* Rows changed by the statement run last. */
	int64_t (*changes)(struct dun_ledger *l);

	/* A statement of sql (with its head's sql set), or NULL (errmsg
	 * says why); finalize frees it.  nparams: its highest parameter
	 * number. */
	struct ledger_stmt *(*prepare)(struct dun_ledger *l, const char *sql);
	void (*finalize)(struct ledger_stmt *st);
	int (*nparams)(struct ledger_stmt *st);
	/* Bind parameter i: 0, or the engine's code, which bind_fault
	 * tells: LEDGER_BIND_TOOBIG (*limit: the longest value the engine
	 * stores, in bytes), _NOPARAM, or _OTHER (*why: the engine's
	 * words).  Text is read when the statement is stepped. */
	int (*bind_text)(struct ledger_stmt *st, int i, const char *s,
	    size_t n);
	int (*bind_int)(struct ledger_stmt *st, int i, int64_t v);
	int (*bind_null)(struct ledger_stmt *st, int i);
	int (*bind_fault)(struct dun_ledger *l, int rc, long long *limit,
	    const char **why);
	/* LEDGER_ROW, LEDGER_DONE or LEDGER_ERROR. */
	int (*step)(struct ledger_stmt *st);
	void (*reset)(struct ledger_stmt *st);
	/* The row's columns: how many; column i as an integer (0 for
	 * NULL, the leading digits of text), as text (NULL for NULL; good
	 * until the next step or reset), and whether it is NULL. */
	int (*ncols)(struct ledger_stmt *st);
	int64_t (*col_int64)(struct ledger_stmt *st, int i);
	const char *(*col_text)(struct ledger_stmt *st, int i);
	int (*col_null)(struct ledger_stmt *st, int i);
};

/* The backends. */
extern const struct ledger_backend ledger_sqlite;
/* The SQLite connection of a ledger ledger_sqlite opened (for tests
 * that ask SQLite itself, as EXPLAIN QUERY PLAN). */
struct sqlite3 *ledger_sqlite_db(struct dun_ledger *l);

/* ---- statements, whatever their backend ---------------------------------
 * Cheap calls: the column reads are the histories' inner loop. */

static inline int
ledger_step(struct ledger_stmt *st)
{
	return st->be->step(st);
}

static inline void
ledger_reset(struct ledger_stmt *st)
{
	st->be->reset(st);
}

static inline int
ledger_ncols(struct ledger_stmt *st)
{
	return st->be->ncols(st);
}

static inline int
ledger_nparams(struct ledger_stmt *st)
{
	return st->be->nparams(st);
}

static inline int64_t
ledger_col_int64(struct ledger_stmt *st, int i)
{
	return st->be->col_int64(st, i);
}

/* Column i as an int (a day, a period, a flag). */
static inline int
ledger_col_int(struct ledger_stmt *st, int i)
{
	return (int)st->be->col_int64(st, i);
}

/* Column i of st's row as text, owned by the backend until the next
 * step or reset; NULL if it is NULL. */
static inline const char *
ledger_col_text(struct ledger_stmt *st, int i)
{
	return st->be->col_text(st, i);
}

static inline int
ledger_col_null(struct ledger_stmt *st, int i)
{
	return st->be->col_null(st, i);
}

#endif

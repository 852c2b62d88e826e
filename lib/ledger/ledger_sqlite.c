/*
 * ledger_sqlite.c — the ledger's SQLite backend (ledger_db.h): a ledger
 * that is a file (or in memory), opened with its settings (the PRAGMAs:
 * foreign keys, WAL, synchronous, the page cache), its transactions, an
 * import's (without the per-row foreign-key check; a new ledger's first
 * load making its indexes after its rows), the schema's version (PRAGMA
 * user_version), and its statements, each an sqlite3_stmt.  The only
 * file of dun that includes <sqlite3.h>, but for tests and bench/.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "ledger_int.h"

/* A ledger's connection, l->db. */
struct sq {
	sqlite3 *db;
	int fk_off;			/* foreign_keys off for an import */
	int fresh;			/* created by this open, for a bulk
					 * load: no WAL until closed */
	char **later;			/* indexes dropped for the load, to
					 * make again at its commit (SQL) */
	size_t nlater;
};

/* A statement. */
struct sq_stmt {
	struct ledger_stmt head;
	sqlite3_stmt *st;
};

#define SQ(l) ((struct sq *)(l)->db)
#define ST(s) (((struct sq_stmt *)(s))->st)

static void drop_later(struct sq *);

struct sqlite3 *
ledger_sqlite_db(struct dun_ledger *l)
{
	return SQ(l)->db;
}

static const char *
sq_errmsg(struct dun_ledger *l)
{
	return sqlite3_errmsg(SQ(l)->db);
}

static int
sq_exec(struct dun_ledger *l, const char *s, struct dun_err *err)
{
	sqlite3 *db = SQ(l)->db;
	char *msg = NULL;

	if (sqlite3_exec(db, s, NULL, NULL, &msg) != SQLITE_OK) {
		dun_err_set(err, DUN_EXIT_SYS, "%s: %s", l->path,
		    msg ? msg : sqlite3_errmsg(db));
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

static int
sq_open(struct dun_ledger *l, const char *path, int flags,
    struct dun_err *err)
{
	struct sq *q = xmalloc(sizeof *q);
	int oflags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;

	memset(q, 0, sizeof *q);
	l->db = q;
	l->path = xstrdup(flags & DUN_LEDGER_MEMORY ? ":memory:" : path);
	if (!(flags & DUN_LEDGER_MEMORY)) {
		if (access(path, F_OK) != 0) {
			int fd;

			if (!(flags & DUN_LEDGER_CREATE)) {
				dun_err_set(err, DUN_EXIT_SYS, "%s: no ledger "
				    "here (dun-import creates one)", path);
				return -1;
			}
			/* Names and phone numbers: owner only. */
			fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
			if (fd < 0 && errno != EEXIST) {
				dun_err_set(err, DUN_EXIT_SYS, "%s: %s", path,
				    strerror(errno));
				return -1;
			}
			if (fd >= 0)
				close(fd);
			q->fresh = fd >= 0 && (flags & DUN_LEDGER_BULK);
		}
	}
	if (sqlite3_open_v2(l->path, &q->db, oflags, NULL) != SQLITE_OK) {
		dun_err_set(err, DUN_EXIT_SYS, "%s: %s", path,
		    q->db ? sqlite3_errmsg(q->db) : "cannot open");
		return -1;
	}
	sqlite3_busy_timeout(q->db, 10000);
	if (sq_exec(l, "PRAGMA foreign_keys = ON", err) < 0)
		return -1;
	/*
	 * A ledger this bulk load creates keeps SQLite's rollback journal
	 * until it is closed: the journal holds only the pages there were
	 * before the load (the empty schema), and every page is written
	 * once, where a WAL would hold every page the load writes, often
	 * several times, before copying it into the database.  A load cut
	 * short leaves a hot journal, and whoever opens the ledger next
	 * rolls it back to the empty ledger.
	 */
	if (!(flags & DUN_LEDGER_MEMORY) && !q->fresh &&
	    sq_exec(l, "PRAGMA journal_mode = WAL", err) < 0)
		return -1;
	if (sq_exec(l, q->fresh ? "PRAGMA synchronous = FULL" :
	    "PRAGMA synchronous = NORMAL", err) < 0 ||
	    ((flags & DUN_LEDGER_BULK) &&
	    sq_exec(l, "PRAGMA cache_size = -65536", err) < 0))
		return -1;
	return 0;
}

static void
sq_close(struct dun_ledger *l)
{
	struct sq *q = SQ(l);

	if (q == NULL)
		return;
	/* A ledger made by a bulk load is left in WAL mode, as any. */
	if (q->fresh && q->db != NULL)
		sqlite3_exec(q->db, "PRAGMA journal_mode = WAL", NULL, NULL,
		    NULL);
	drop_later(q);
	sqlite3_close(q->db);
	free(q);
	l->db = NULL;
}

/* ---- an import's transaction ------------------------------------------- */

/* Forget the indexes to make again. */
static void
drop_later(struct sq *q)
{
	size_t i;

	for (i = 0; i < q->nlater; i++)
		free(q->later[i]);
	free(q->later);
	q->later = NULL;
	q->nlater = 0;
}

/*
 * A new ledger's first load builds the secondary indexes after its rows:
 * one sort, where each row's insert into each index would cost a
 * descent of its own.  Only the indexes of the tables an import finds
 * rows in by their keys alone (events, looked up by unit and date, keep
 * theirs); the load's transaction drops them, and its commit makes them
 * again from their SQL.  0, or -1 and err.
 */
static int
defer_indexes(struct dun_ledger *l, struct dun_err *err)
{
	struct sq *q = SQ(l);
	sqlite3_stmt *st;
	struct buf drop = { NULL, 0, 0 };
	int rc;

	if (sqlite3_prepare_v2(q->db, "SELECT name, sql FROM sqlite_master "
	    "WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN "
	    "('charges', 'charge_details', 'payments', 'adjustments', "
	    "'reversals') ORDER BY name", -1, &st, NULL) != SQLITE_OK)
		return ledger_dberr(l, err, "cannot read");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		q->later = xrealloc(q->later, (q->nlater + 1) *
		    sizeof *q->later);
		q->later[q->nlater++] = xstrdup((const char *)
		    sqlite3_column_text(st, 1));
		buf_str(&drop, "DROP INDEX \"");
		buf_str(&drop, (const char *)sqlite3_column_text(st, 0));
		buf_str(&drop, "\";\n");
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		buf_free(&drop);
		drop_later(q);
		return ledger_dberr(l, err, "cannot read");
	}
	rc = drop.s != NULL ? sq_exec(l, drop.s, err) : 0;
	buf_free(&drop);
	if (rc < 0)
		drop_later(q);
	return rc;
}

/*
 * Make again the indexes defer_indexes dropped: 0, or -1 and err.
 * SQLite sorts an index's keys in memory up to the page cache's size,
 * and the bulk load's cache is 64 MB: sorted in runs of that size beside
 * the cache itself, the peak would be twice it.  The indexes are made
 * with the cache at 16 MB at most (its pages the load's transaction made
 * spill to the file), sorted in runs of that size merged from a
 * temporary file, and the cache is set back after.
 */
static int
make_later(struct dun_ledger *l, struct dun_err *err)
{
	struct sq *q = SQ(l);
	sqlite3_stmt *st;
	char *again;
	size_t i;
	int r, was = -2000;	/* SQLite's default, 2 MB */

	/* The cache as it was, to be set again after. */
	if (sqlite3_prepare_v2(q->db, "PRAGMA cache_size", -1, &st,
	    NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		was = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (was < -16384 && sq_exec(l, "PRAGMA cache_size = -16384",
	    err) < 0)
		return -1;
	for (i = 0; i < q->nlater; i++)
		if (sq_exec(l, q->later[i], err) < 0)
			return -1;
	drop_later(q);
	again = str_fmt("PRAGMA cache_size = %d", was);
	r = sq_exec(l, again, err);
	free(again);
	return r;
}

/*
 * An import resolves every unit it names to its id inside its own write
 * transaction, and units are never deleted, so each reference it writes
 * holds by construction.  SQLite's per-row foreign-key check would only
 * repeat that lookup (a fifth of the time of a large import), so the
 * import's transaction runs without it; every other transaction has it.
 */
static int
begin_import(struct dun_ledger *l, struct dun_err *err)
{
	struct sq *q = SQ(l);

	if (sq_exec(l, "PRAGMA foreign_keys = OFF", err) < 0)
		return -1;
	q->fk_off = 1;
	if (sq_exec(l, "BEGIN IMMEDIATE", err) < 0) {
		sq_exec(l, "PRAGMA foreign_keys = ON", NULL);
		q->fk_off = 0;
		return -1;
	}
	if (q->fresh && defer_indexes(l, err) < 0) {
		dun_ledger_rollback(l);
		return -1;
	}
	return 0;
}

static void
end_import(struct sq *q)
{
	if (q->fk_off) {
		sqlite3_exec(q->db, "PRAGMA foreign_keys = ON", NULL, NULL,
		    NULL);
		q->fk_off = 0;
	}
}

/* ---- transactions ------------------------------------------------------ */

static int
sq_begin(struct dun_ledger *l, int tx, struct dun_err *err)
{
	switch (tx) {
	case LEDGER_TX_IMPORT:
		return begin_import(l, err);
	case LEDGER_TX_READ:
		return sq_exec(l, "BEGIN DEFERRED", err);
	default:
		return sq_exec(l, "BEGIN IMMEDIATE", err);
	}
}

static int
sq_commit(struct dun_ledger *l, struct dun_err *err)
{
	int r = SQ(l)->nlater > 0 && make_later(l, err) < 0 ? -1 :
	    sq_exec(l, "COMMIT", err);

	if (r == 0)
		end_import(SQ(l));
	return r;
}

static void
sq_rollback(struct dun_ledger *l)
{
	struct sq *q = SQ(l);

	sqlite3_exec(q->db, "ROLLBACK", NULL, NULL, NULL);
	drop_later(q);
	end_import(q);
}

/* Each commit on the disk when it returns (the ledger is opened
 * NORMAL: a commit may be lost to a power cut, never half made). */
static int
sq_durable(struct dun_ledger *l, struct dun_err *err)
{
	return sq_exec(l, "PRAGMA synchronous = FULL", err);
}

/* ---- the schema's version ---------------------------------------------- */

static int
int_query(struct dun_ledger *l, const char *s, int *out)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(SQ(l)->db, s, -1, &st, NULL) != SQLITE_OK)
		return -1;
	rc = sqlite3_step(st);
	*out = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}

static int
sq_version(struct dun_ledger *l, int *v)
{
	return int_query(l, "PRAGMA user_version", v);
}

static int
sq_objects(struct dun_ledger *l, int *n)
{
	return int_query(l, "SELECT count(*) FROM sqlite_master", n);
}

static int
sq_set_version(struct dun_ledger *l, int v, struct dun_err *err)
{
	char buf[64];

	snprintf(buf, sizeof buf, "PRAGMA user_version = %d", v);
	return sq_exec(l, buf, err);
}

static int64_t
sq_changes(struct dun_ledger *l)
{
	return sqlite3_changes(SQ(l)->db);
}

/* ---- statements -------------------------------------------------------- */

static struct ledger_stmt *
sq_prepare(struct dun_ledger *l, const char *sql)
{
	struct sq_stmt *s = xmalloc(sizeof *s);

	s->head.be = &ledger_sqlite;
	s->head.sql = sql;
	if (sqlite3_prepare_v3(SQ(l)->db, sql, -1, SQLITE_PREPARE_PERSISTENT,
	    &s->st, NULL) != SQLITE_OK) {
		free(s);
		return NULL;
	}
	return &s->head;
}

static void
sq_finalize(struct ledger_stmt *st)
{
	sqlite3_finalize(ST(st));
	free(st);
}

static int
sq_nparams(struct ledger_stmt *st)
{
	return sqlite3_bind_parameter_count(ST(st));
}

static int
sq_bind_text(struct ledger_stmt *st, int i, const char *s, size_t n)
{
	return sqlite3_bind_text64(ST(st), i, s, n, SQLITE_STATIC,
	    SQLITE_UTF8);
}

static int
sq_bind_int(struct ledger_stmt *st, int i, int64_t v)
{
	return sqlite3_bind_int64(ST(st), i, v);
}

static int
sq_bind_null(struct ledger_stmt *st, int i)
{
	return sqlite3_bind_null(ST(st), i);
}

static int
sq_bind_fault(struct dun_ledger *l, int rc, long long *limit,
    const char **why)
{
	if (rc == SQLITE_TOOBIG) {
		*limit = sqlite3_limit(SQ(l)->db, SQLITE_LIMIT_LENGTH, -1);
		return LEDGER_BIND_TOOBIG;
	}
	if (rc == SQLITE_RANGE)
		return LEDGER_BIND_NOPARAM;
	*why = sqlite3_errstr(rc);
	return LEDGER_BIND_OTHER;
}

static int
sq_step(struct ledger_stmt *st)
{
	switch (sqlite3_step(ST(st))) {
	case SQLITE_ROW:
		return LEDGER_ROW;
	case SQLITE_DONE:
		return LEDGER_DONE;
	default:
		return LEDGER_ERROR;
	}
}

static void
sq_reset(struct ledger_stmt *st)
{
	sqlite3_reset(ST(st));
}

static int
sq_ncols(struct ledger_stmt *st)
{
	return sqlite3_column_count(ST(st));
}

static int64_t
sq_col_int64(struct ledger_stmt *st, int i)
{
	return sqlite3_column_int64(ST(st), i);
}

static const char *
sq_col_text(struct ledger_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(ST(st), i);
}

static int
sq_col_null(struct ledger_stmt *st, int i)
{
	return sqlite3_column_type(ST(st), i) == SQLITE_NULL;
}

const struct ledger_backend ledger_sqlite = {
	.kind = "an SQLite database",
	.open = sq_open,
	.close = sq_close,
	.errmsg = sq_errmsg,
	.exec = sq_exec,
	.begin = sq_begin,
	.commit = sq_commit,
	.rollback = sq_rollback,
	.durable = sq_durable,
	.version = sq_version,
	.objects = sq_objects,
	.set_version = sq_set_version,
	.changes = sq_changes,
	.prepare = sq_prepare,
	.finalize = sq_finalize,
	.nparams = sq_nparams,
	.bind_text = sq_bind_text,
	.bind_int = sq_bind_int,
	.bind_null = sq_bind_null,
	.bind_fault = sq_bind_fault,
	.step = sq_step,
	.reset = sq_reset,
	.ncols = sq_ncols,
	.col_int64 = sq_col_int64,
	.col_text = sq_col_text,
	.col_null = sq_col_null,
};

/*
 * ledger.c — the ledger: opening and closing it through its backend
 * (ledger_db.h; SQLite's is ledger_sqlite.c), its transactions, its
 * settings, and every statement it runs (the SQL table, prepared once and
 * reused; the bind helpers, which refuse to run a statement whose bind
 * failed).  All of dun's SQL is in the ledger's files: the schema in
 * ledger_schema.c, the statements here, what is the engine's own (its
 * settings, its catalogue) in its backend; what runs them in ledger_put.c
 * (import's writes), ledger_hist.c (histories and evidence read back) and
 * ledger_notice.c (the notice register and its batches).
 *
 * Dates are stored as days since 1970-01-01, periods as YYYYMM, money as
 * integer minor units.  Statements are prepared once and reused; nothing
 * is ever built from data.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ledger_int.h"

static const char *const sql[Q_COUNT] = {
	[Q_UNIT_ID] = "SELECT id FROM units WHERE unit = ?1",
	[Q_UNIT_NEW] = "INSERT INTO units (unit, import_id) VALUES (?1, ?2) "
	    "RETURNING id",
	[Q_UNIT_GET] = "SELECT id, estate, building, owner, phone, email, "
	    "address, area, occupancy, collector, dnc FROM units "
	    "WHERE unit = ?1",
	[Q_UNIT_PUT] = "INSERT INTO units (unit, estate, building, owner, "
	    "phone, email, address, area, occupancy, collector, dnc, "
	    "import_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, "
	    "coalesce(?11, 0), ?12)",
	[Q_UNIT_SET] = "UPDATE units SET estate = ?2, building = ?3, "
	    "owner = ?4, phone = ?5, email = ?6, address = ?7, area = ?8, "
	    "occupancy = ?9, collector = ?10, dnc = coalesce(?11, 0), "
	    "import_id = ?12 WHERE unit = ?1",
	[Q_UNIT_WHO] = "SELECT owner, phone FROM units WHERE id = ?1",
	[Q_UNIT_FILL] = "UPDATE units SET owner = coalesce(owner, ?2), "
	    "phone = coalesce(phone, ?3) WHERE id = ?1 AND ((owner IS NULL "
	    "AND ?2 IS NOT NULL) OR (phone IS NULL AND ?3 IS NOT NULL))",
	/* A bill line with a number, a range or what was paid on it; and
	 * the usual line with none. */
	[Q_CHARGE_ADD] = "INSERT INTO charges (unit_id, fee, period, due, "
	    "amount, import_id, bill) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) "
	    "ON CONFLICT (unit_id, fee, period, bill) DO NOTHING",
	[Q_CHARGE_ADD_PLAIN] = "INSERT INTO charges (unit_id, fee, period, "
	    "due, amount, import_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
	    "ON CONFLICT (unit_id, fee, period, bill) DO NOTHING",
	[Q_CHARGE_GET] = "SELECT c.due, c.amount, c.import_id, d.paid, "
	    "d.waived, d.start, d.until FROM charges c LEFT JOIN "
	    "charge_details d USING (unit_id, fee, period, bill) "
	    "WHERE c.unit_id = ?1 AND c.fee = ?2 AND c.period = ?3 AND "
	    "c.bill = ?7",
	[Q_CHARGE_SET] = "UPDATE charges SET due = ?4, amount = ?5, "
	    "import_id = ?6 WHERE unit_id = ?1 AND fee = ?2 AND period = ?3 "
	    "AND bill = ?7",
	/* A line's details: put when it has any, else taken away. */
	[Q_DETAIL_PUT] = "INSERT INTO charge_details (unit_id, fee, period, "
	    "bill, paid, waived, start, until) VALUES (?1, ?2, ?3, ?7, ?8, "
	    "?9, ?10, ?11) ON CONFLICT (unit_id, fee, period, bill) DO "
	    "UPDATE SET paid = ?8, waived = ?9, start = ?10, until = ?11",
	[Q_DETAIL_DROP] = "DELETE FROM charge_details WHERE unit_id = ?1 AND "
	    "fee = ?2 AND period = ?3 AND bill = ?7",
	[Q_PAY_ADD] = "INSERT INTO payments (ref, unit_id, date, amount, fee, "
	    "period, method, import_id, line) VALUES (?1, ?2, ?3, ?4, ?5, "
	    "?6, ?7, ?8, ?9) ON CONFLICT (ref, line) DO NOTHING",
	[Q_PAY_GET] = "SELECT u.unit, p.date, p.amount, p.fee, p.period, "
	    "p.method, p.import_id, p.unit_id FROM payments p "
	    "JOIN units u ON u.id = p.unit_id WHERE p.ref = ?1 AND "
	    "(?9 IS NULL OR p.line = ?9) ORDER BY p.line LIMIT 1",
	[Q_PAY_SET] = "UPDATE payments SET unit_id = ?2, date = ?3, "
	    "amount = ?4, fee = ?5, period = ?6, method = ?7, import_id = ?8 "
	    "WHERE ref = ?1 AND line = ?9",
	/* Another line of the receipt: its unit, date and import. */
	[Q_PAY_LINES] = "SELECT u.unit, p.date, p.import_id, p.unit_id, "
	    "p.line FROM payments p JOIN units u ON u.id = p.unit_id "
	    "WHERE p.ref = ?1 AND p.line <> ?2 LIMIT 1",
	[Q_PAY_DROP] = "DELETE FROM payments WHERE ref = ?1 AND line = ?2",
	[Q_ADJ_ADD] = "INSERT INTO adjustments (ref, unit_id, date, amount, "
	    "fee, period, reason, import_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
	    "?7, ?8) ON CONFLICT (ref) DO NOTHING",
	[Q_ADJ_GET] = "SELECT u.unit, a.date, a.amount, a.fee, a.period, "
	    "a.reason, a.import_id, a.unit_id FROM adjustments a "
	    "JOIN units u ON u.id = a.unit_id WHERE a.ref = ?1",
	[Q_ADJ_SET] = "UPDATE adjustments SET unit_id = ?2, date = ?3, "
	    "amount = ?4, fee = ?5, period = ?6, reason = ?7, "
	    "import_id = ?8 WHERE ref = ?1",
	[Q_REV_ADD] = "INSERT INTO reversals (ref, date, reason, import_id) "
	    "VALUES (?1, ?2, ?3, ?4) ON CONFLICT (ref) DO NOTHING",
	[Q_REV_GET] = "SELECT date, reason, import_id FROM reversals "
	    "WHERE ref = ?1",
	[Q_REV_SET] = "UPDATE reversals SET date = ?2, reason = ?3, "
	    "import_id = ?4 WHERE ref = ?1",
	[Q_EVENT_FIND] = "SELECT 1 FROM events WHERE unit_id = ?1 AND "
	    "date = ?2 AND type = ?3 AND due IS ?4 AND amount IS ?5 AND "
	    "ref IS ?6 AND note IS ?7",
	[Q_EVENT_ADD] = "INSERT INTO events (unit_id, date, type, due, "
	    "amount, ref, note, import_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
	    "?7, ?8)",
	[Q_IMPORT_ADD] = "INSERT INTO imports (file, sha256, kind, time) "
	    "VALUES (?1, '', ?2, ?3) RETURNING id",
	[Q_IMPORT_SET] = "UPDATE imports SET sha256 = ?2, rows = ?3, "
	    "inserted = ?4, updated = ?5, unchanged = ?6, rejected = ?7, "
	    "bytes = ?8, recipe = ?9, complete = ?10 WHERE id = ?1",
	/* A file of these bytes (?1 NULL: of this size), read this way,
	 * loaded whole by a committed import, no row of its kind replaced
	 * since: the rows it had. */
	[Q_IMPORT_DONE] = "SELECT i.rows FROM imports i WHERE "
	    "(?1 IS NULL OR i.sha256 = ?1) AND i.kind = ?2 AND "
	    "i.recipe = ?3 AND i.bytes = ?4 AND i.complete = 1 AND "
	    "NOT EXISTS (SELECT 1 FROM imports j WHERE j.id > i.id AND "
	    "j.kind = i.kind AND j.updated > 0) ORDER BY i.id DESC LIMIT 1",
	[Q_IMPORT_DEL] = "DELETE FROM imports WHERE id = ?1",
	[Q_REVISION_ADD] = "INSERT INTO revisions (import_id, kind, key, old, "
	    "new) VALUES (?1, ?2, ?3, ?4, ?5)",
	[Q_H_UNITS] = "SELECT id, unit, estate, building, owner, phone, "
	    "occupancy, collector, dnc FROM units ORDER BY unit",
	[Q_H_UNIT] = "SELECT id, unit, estate, building, owner, phone, "
	    "occupancy, collector, dnc FROM units WHERE unit = ?1",
	[Q_H_CHARGES] = "SELECT c.fee, c.period, c.due, c.amount, d.paid, "
	    "d.waived, d.start, d.until FROM charges c LEFT JOIN "
	    "charge_details d USING (unit_id, fee, period, bill) "
	    "WHERE c.unit_id = ?1 ORDER BY c.fee, c.period, c.bill",
	/* What was reversed is read only to be left out (hb_settle): a
	 * reversed receipt that names a bill line was the money the line
	 * says was paid, and that money did not come. */
	[Q_H_PAYMENTS] = "SELECT date, amount, fee, period, ref, EXISTS "
	    "(SELECT 1 FROM reversals WHERE ref = p.ref) FROM payments p "
	    "WHERE unit_id = ?1 ORDER BY date, id",
	[Q_H_ADJUSTMENTS] = "SELECT date, amount, fee, period, ref, EXISTS "
	    "(SELECT 1 FROM reversals WHERE ref = a.ref) FROM adjustments a "
	    "WHERE unit_id = ?1 ORDER BY date, id",
	[Q_H_EVENTS] = "SELECT type, date, due, amount, ref FROM events "
	    "WHERE unit_id = ?1 ORDER BY date, id",
	/* Notices are those issued: a pending one's files are not known
	 * to be in place. */
	[Q_H_NOTICES] = "SELECT notice, stage, date, episode, channel, class "
	    "FROM notices WHERE unit_id = ?1 AND status = 'issued' "
	    "ORDER BY date, id",
	/* The same rows of every unit from unit ?1 on, in unit order, the
	 * unit's id first: each table read in one pass (ledger_hist.c),
	 * a bill line's details beside its line, and what was reversed
	 * found among the reversals read first. */
	[Q_S_CHARGES] = "SELECT unit_id, fee, period, due, amount, bill "
	    "FROM charges WHERE unit_id >= ?1 "
	    "ORDER BY unit_id, fee, period, bill",
	[Q_S_DETAILS] = "SELECT unit_id, fee, period, bill, paid, waived, "
	    "start, until FROM charge_details WHERE unit_id >= ?1 "
	    "ORDER BY unit_id, fee, period, bill",
	[Q_S_PAYMENTS] = "SELECT unit_id, date, amount, fee, period, ref "
	    "FROM payments WHERE unit_id >= ?1 ORDER BY unit_id, date, id",
	[Q_S_ADJUSTMENTS] = "SELECT unit_id, date, amount, fee, period, ref "
	    "FROM adjustments WHERE unit_id >= ?1 ORDER BY unit_id, date, id",
	[Q_S_EVENTS] = "SELECT unit_id, type, date, due, amount, ref "
	    "FROM events WHERE unit_id >= ?1 ORDER BY unit_id, date, id",
	[Q_S_NOTICES] = "SELECT unit_id, notice, stage, date, episode, "
	    "channel, class FROM notices WHERE unit_id >= ?1 AND "
	    "status = 'issued' ORDER BY unit_id, date, id",
	[Q_S_REVERSALS] = "SELECT ref FROM reversals ORDER BY ref",
	[Q_N_UNIT] = "SELECT id, estate, building, owner, phone, email, "
	    "address, occupancy, collector, dnc, area FROM units "
	    "WHERE unit = ?1",
	/* dun-notice's own questions count a pending notice too: one that
	 * another run, alive, is putting in place. */
	[Q_N_FIND] = "SELECT notice FROM notices WHERE unit_id = ?1 AND "
	    "stage = ?2 AND episode = ?3",
	[Q_N_LAST] = "SELECT max(date) FROM notices WHERE unit_id = ?1",
	[Q_N_ADD] = "INSERT INTO notices (notice, unit_id, stage, channel, "
	    "episode, date, recipient, file, sha256, reason, time, receipt, "
	    "class, status) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, "
	    "?11, ?12, ?13, ?14) RETURNING id",
	[Q_NF_ADD] = "INSERT INTO notice_files (batch, dir, tmp, final, "
	    "notice_id, of) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	[Q_NF_ISSUE] = "UPDATE notices SET status = 'issued' WHERE id IN "
	    "(SELECT notice_id FROM notice_files WHERE batch = ?1)",
	[Q_NF_DROP] = "DELETE FROM notice_files WHERE batch = ?1",
	[Q_NF_ALL] = "SELECT batch, dir, tmp, final, notice_id, of FROM "
	    "notice_files ORDER BY batch, notice_id IS NULL, id",
	[Q_N_SETTLE] = "UPDATE notices SET status = 'issued' WHERE id = ?1 "
	    "AND status = 'pending'",
	[Q_N_WITHDRAW] = "DELETE FROM notices WHERE id = ?1 AND "
	    "status = 'pending'",
	/* An evidence pack's facts: dates as days, money in fen. */
	[Q_E_PAYMENTS] = "SELECT p.ref, p.date, p.amount, p.fee, p.period, "
	    "p.method, r.date, r.reason FROM payments p LEFT JOIN reversals r "
	    "ON r.ref = p.ref WHERE p.unit_id = ?1 ORDER BY p.date, p.id",
	[Q_E_ADJUSTMENTS] = "SELECT a.ref, a.date, a.amount, a.fee, a.period, "
	    "a.reason, r.date, r.reason FROM adjustments a LEFT JOIN "
	    "reversals r ON r.ref = a.ref WHERE a.unit_id = ?1 "
	    "ORDER BY a.date, a.id",
	[Q_E_EVENTS] = "SELECT date, type, due, amount, ref, note FROM events "
	    "WHERE unit_id = ?1 ORDER BY date, id",
	[Q_E_NOTICES] = "SELECT notice, date, stage, channel, recipient, file, "
	    "sha256, receipt, class, reason, episode FROM notices "
	    "WHERE unit_id = ?1 AND status = 'issued' ORDER BY date, id",
	[Q_E_IMPORTS] = "SELECT DISTINCT i.file, i.sha256, i.time FROM imports i "
	    "WHERE i.id IN (SELECT import_id FROM charges WHERE unit_id = ?1 "
	    "UNION SELECT import_id FROM payments WHERE unit_id = ?1 "
	    "UNION SELECT import_id FROM adjustments WHERE unit_id = ?1 "
	    "UNION SELECT import_id FROM events WHERE unit_id = ?1 "
	    "UNION SELECT r.import_id FROM reversals r JOIN payments p "
	    "ON p.ref = r.ref WHERE p.unit_id = ?1 "
	    "UNION SELECT r.import_id FROM reversals r JOIN adjustments a "
	    "ON a.ref = r.ref WHERE a.unit_id = ?1 "
	    "UNION SELECT import_id FROM units WHERE id = ?1) "
	    "ORDER BY i.id",
	[Q_SET_GET] = "SELECT value FROM settings WHERE key = ?1",
	[Q_SET_PUT] = "INSERT INTO settings (key, value) VALUES (?1, ?2) "
	    "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
};

int
ledger_dberr(struct dun_ledger *l, struct dun_err *err, const char *what)
{
	dun_err_set(err, DUN_EXIT_SYS, "%s: %s: %s", l->path, what,
	    l->be->errmsg(l));
	return -1;
}

int
ledger_exec(struct dun_ledger *l, const char *s, struct dun_err *err)
{
	return l->be->exec(l, s, err);
}

const char *
dun_ledger_path(const char *opt, const char *conf)
{
	const char *e = getenv("DUN_LEDGER"), *old = getenv("DUN_DB");

	if (opt != NULL && *opt != '\0')
		return opt;
	if (e != NULL && *e != '\0')
		return e;
	if (old != NULL && *old != '\0')
		return old;
	if (conf != NULL && *conf != '\0')
		return conf;
	return "dun.db";
}

/* The backend of the ledger named path: SQLite's, for a file's path
 * (a PostgreSQL ledger will be named by its URL). */
static const struct ledger_backend *
backend(const char *path)
{
	(void)path;
	return &ledger_sqlite;
}

struct dun_ledger *
dun_ledger_open(const char *path, int flags, struct dun_err *err)
{
	struct dun_ledger *l = xmalloc(sizeof *l);

	memset(l, 0, sizeof *l);
	l->be = backend(path);
	if (l->be->open(l, path, flags, err) < 0 || ledger_migrate(l,
	    err) < 0) {
		dun_ledger_close(l);
		return NULL;
	}
	return l;
}

void
dun_ledger_close(struct dun_ledger *l)
{
	int i;

	if (l == NULL)
		return;
	for (i = 0; i < Q_COUNT; i++)
		if (l->st[i] != NULL)
			l->be->finalize(l->st[i]);
	l->be->close(l);
	free(l->last_unit);
	for (i = 0; i <= DUN_HH_NTEXT; i++)
		free(l->unit_text[i]);
	free(l->path);
	free(l);
}

int
dun_ledger_begin(struct dun_ledger *l, struct dun_err *err)
{
	return l->be->begin(l, LEDGER_TX_WRITE, err);
}

int
dun_ledger_read_begin(struct dun_ledger *l, struct dun_err *err)
{
	return l->be->begin(l, LEDGER_TX_READ, err);
}

int
dun_ledger_read_end(struct dun_ledger *l, struct dun_err *err)
{
	return l->be->commit(l, err);
}

int
dun_ledger_begin_import(struct dun_ledger *l, struct dun_err *err)
{
	return l->be->begin(l, LEDGER_TX_IMPORT, err);
}

int
dun_ledger_commit(struct dun_ledger *l, struct dun_err *err)
{
	return l->be->commit(l, err);
}

void
dun_ledger_rollback(struct dun_ledger *l)
{
	l->be->rollback(l);
	/* Ids made in the transaction are gone with it. */
	free(l->last_unit);
	l->last_unit = NULL;
}

/* The first bind that failed on a statement not run since (see
 * ledger_bind_text below). */
static _Thread_local struct {
	struct ledger_stmt *st;		/* NULL: no failure pending */
	int rc, i;
} fault;

/* The prepared statement q, reset; every caller binds every parameter. */
struct ledger_stmt *
ledger_stmt(struct dun_ledger *l, int q, struct dun_err *err)
{
	if (fault.st != NULL && fault.st == l->st[q])
		fault.st = NULL;
	if (l->st[q] == NULL) {
		if ((l->st[q] = l->be->prepare(l, sql[q])) == NULL) {
			ledger_dberr(l, err, "cannot prepare");
			return NULL;
		}
	} else
		ledger_reset(l->st[q]);
	return l->st[q];
}

/*
 * Binding.  A bind that fails (a value longer than the engine stores; a
 * parameter the statement lacks) leaves its parameter NULL, and SQLite
 * would run the statement all the same: a note of a gigabyte stored as
 * nothing, and counted as inserted.  So each bind helper keeps the first
 * failure on a statement in fault (per thread: a ledger is used by one),
 * and ledger_bound() -- ledger_run() calls it -- refuses to step the
 * statement, naming the value's column.
 */
static int
keep_fault(struct ledger_stmt *st, int i, int rc)
{
	if (rc != 0 && fault.st != st) {
		fault.st = st;
		fault.rc = rc;
		fault.i = i;
	}
	return rc;
}

/* Text with its length told: given -1, SQLite keeps the low 31 bits of
 * the length, and 2 GB and 5 bytes would be stored as 5 bytes. */
int
ledger_bind_text(struct ledger_stmt *st, int i, const char *s)
{
	return keep_fault(st, i, s == NULL ? st->be->bind_null(st, i) :
	    st->be->bind_text(st, i, s, strlen(s)));
}

int
ledger_bind_int(struct ledger_stmt *st, int i, int64_t v)
{
	return keep_fault(st, i, st->be->bind_int(st, i, v));
}

int
ledger_bind_opt(struct ledger_stmt *st, int i, int has, int64_t v)
{
	return has ? ledger_bind_int(st, i, v) : keep_fault(st, i,
	    st->be->bind_null(st, i));
}

/* The name at the end of text[0, n), as "c.fee" is "fee": its length,
 * and where it starts in *at. */
static size_t
name_before(const char *text, size_t n, const char **at)
{
	size_t e = n, b;

	while (e > 0 && text[e - 1] == ' ')
		e--;
	for (b = e; b > 0 && (isalnum((unsigned char)text[b - 1]) ||
	    text[b - 1] == '_'); b--)
		;
	*at = text + b;
	return e - b;
}

/* The column that parameter ?i of st's SQL goes to, as "table.column":
 * the column of its place in an INSERT's VALUES, or the one it is
 * compared with or set to ("fee = ?2", "coalesce(owner, ?2)"). */
static void
param_column(struct ledger_stmt *st, int i, char *buf, size_t bufsz)
{
	const char *text = st->sql, *p, *t = NULL, *c = NULL, *q;
	size_t tn = 0, cn = 0, k;
	char tok[16];

	snprintf(tok, sizeof tok, "?%d", i);
	snprintf(buf, bufsz, "parameter %d", i);
	if (text == NULL)
		return;
	if ((p = strstr(text, "INTO ")) != NULL || (p = strstr(text,
	    "UPDATE ")) != NULL || (p = strstr(text, "FROM ")) != NULL) {
		p = strchr(p, ' ') + 1;
		t = p;
		tn = strcspn(p, " (");
	}
	for (p = text; c == NULL && (p = strstr(p, tok)) != NULL; p++) {
		if (isdigit((unsigned char)p[strlen(tok)]))
			continue;
		if (strncmp(text, "INSERT", 6) == 0 && (q = strstr(text,
		    "VALUES")) != NULL && p > q) {
			/* Its place in VALUES (...) is its column's place. */
			int depth = 0;
			size_t place = 0;

			for (q = strchr(q, '(') + 1; q < p; q++) {
				depth += *q == '(' ? 1 : *q == ')' ? -1 : 0;
				place += depth == 0 && *q == ',';
			}
			for (q = strchr(text, '(') + 1; place > 0 && q; place--)
				if ((q = strchr(q, ',')) != NULL)
					q++;
			if (q != NULL) {
				while (*q == ' ')
					q++;
				c = q;
				cn = strcspn(q, ",)");
			}
			continue;
		}
		/* "name = ?i", "name IS ?i", "name <> ?i", "(name, ?i" */
		for (k = (size_t)(p - text); k > 0 && text[k - 1] == ' '; k--)
			;
		if (k >= 1 && (text[k - 1] == '=' || text[k - 1] == ','))
			k--;
		else if (k >= 2 && (strncmp(text + k - 2, "IS", 2) == 0 ||
		    strncmp(text + k - 2, "<>", 2) == 0))
			k -= 2;
		else
			continue;
		if ((cn = name_before(text, k, &c)) == 0)
			c = NULL;
	}
	if (c != NULL && t != NULL)
		snprintf(buf, bufsz, "%.*s.%.*s", (int)tn, t, (int)cn, c);
	else if (c != NULL)
		snprintf(buf, bufsz, "%.*s", (int)cn, c);
}

/* 0, or -1 and err if a bind of st failed; st is then reset, not run. */
int
ledger_bound(struct dun_ledger *l, struct ledger_stmt *st,
    struct dun_err *err)
{
	char col[80];
	long long limit = 0;
	const char *why = "";

	if (fault.st != st || st == NULL)
		return 0;
	fault.st = NULL;
	ledger_reset(st);
	param_column(st, fault.i, col, sizeof col);
	switch (l->be->bind_fault(l, fault.rc, &limit, &why)) {
	case LEDGER_BIND_TOOBIG:
		dun_err_set(err, DUN_EXIT_DATA, "%s: the value is longer than "
		    "the ledger stores (%lld bytes)", col, limit);
		break;
	case LEDGER_BIND_NOPARAM:
		dun_err_set(err, DUN_EXIT_DATA, "%s: the ledger's statement "
		    "has no such parameter", col);
		break;
	default:
		dun_err_set(err, DUN_EXIT_SYS, "%s: %s: cannot bind: %s",
		    l->path, col, why);
	}
	return -1;
}

/* Step a statement that returns no row. */
int
ledger_run(struct dun_ledger *l, struct ledger_stmt *st, struct dun_err *err)
{
	int rc;

	if (ledger_bound(l, st, err) < 0)
		return -1;
	rc = ledger_step(st);

	ledger_reset(st);
	if (rc != LEDGER_DONE)
		return ledger_dberr(l, err, "cannot write");
	return 0;
}

/* Step an INSERT ... RETURNING id: its row, then its end, where an
 * engine that commits each statement by itself (outside a transaction)
 * commits it. */
int
ledger_insert(struct dun_ledger *l, struct ledger_stmt *st, int64_t *id,
    struct dun_err *err)
{
	int64_t v = 0;
	int rc;

	if (ledger_bound(l, st, err) < 0)
		return -1;
	/* A row, then the end: a foreign key is checked there. */
	if ((rc = ledger_step(st)) == LEDGER_ROW) {
		v = ledger_col_int64(st, 0);
		rc = ledger_step(st);
	} else if (rc == LEDGER_DONE)
		rc = LEDGER_ERROR;	/* no row: cannot be */
	ledger_reset(st);
	if (rc != LEDGER_DONE)
		return ledger_dberr(l, err, "cannot write");
	*id = v;
	return 0;
}

/* Step a statement that looks up one row. */
int
ledger_one_row(struct dun_ledger *l, struct ledger_stmt *st,
    struct dun_err *err)
{
	int rc;

	if (ledger_bound(l, st, err) < 0)
		return -1;
	if ((rc = ledger_step(st)) == LEDGER_ROW)
		return 1;
	ledger_reset(st);
	if (rc != LEDGER_DONE)
		return ledger_dberr(l, err, "cannot read");
	return 0;
}

/* Periods are stored as YYYYMM, which a person reading the ledger knows. */
int
ledger_period_store(dun_period p)
{
	int y, m;

	dun_period_split(p, &y, &m);
	return y * 100 + m;
}

dun_period
ledger_period_load(int v)
{
	return dun_period_make(v / 100, v % 100);
}

/* ---- settings ----------------------------------------------------------- */

int
dun_ledger_history_start(struct dun_ledger *l, dun_date *d,
    struct dun_err *err)
{
	struct ledger_stmt *st = ledger_stmt(l, Q_SET_GET, err);
	char why[DUN_WHY];
	const char *s;
	int rc;

	if (st == NULL)
		return -1;
	ledger_bind_text(st, 1, "history_start");
	if ((rc = ledger_one_row(l, st, err)) <= 0)
		return rc;
	s = ledger_col_text(st, 0);
	if (s == NULL || dun_date_parse(s, strlen(s), DUN_DATE_ISO, d,
	    why) < 0) {
		dun_err_set(err, DUN_EXIT_DATA, "%s: settings: history_start: "
		    "%s is not a date", l->path, abbr_q(s ? s : "").s);
		ledger_reset(st);
		return -1;
	}
	ledger_reset(st);
	return 1;
}

int
dun_ledger_set_history_start(struct dun_ledger *l, dun_date d,
    struct dun_err *err)
{
	struct ledger_stmt *st = ledger_stmt(l, Q_SET_PUT, err);
	char b[DUN_DATE_BUFSZ];

	if (st == NULL)
		return -1;
	ledger_bind_text(st, 1, "history_start");
	ledger_bind_text(st, 2, dun_date_fmt(d, b));
	return ledger_run(l, st, err);
}

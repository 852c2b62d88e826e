/*
 * ledger.c — the SQLite ledger: all of dun's SQL is here.
 *
 * Dates are stored as days since 1970-01-01, periods as YYYYMM, money as
 * integer minor units.  Statements are prepared once and reused; nothing
 * is ever built from data.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "ledger.h"

#define SCHEMA_VERSION 6

/* Version 1: the whole ledger.  SQL that PostgreSQL accepts as well. */
static const char schema_v1[] =
"CREATE TABLE imports (\n"
"  id INTEGER PRIMARY KEY,\n"
"  file TEXT NOT NULL,\n"
"  sha256 TEXT NOT NULL,\n"
"  kind TEXT NOT NULL,\n"
"  rows INTEGER NOT NULL DEFAULT 0,\n"
"  inserted INTEGER NOT NULL DEFAULT 0,\n"
"  updated INTEGER NOT NULL DEFAULT 0,\n"
"  unchanged INTEGER NOT NULL DEFAULT 0,\n"
"  rejected INTEGER NOT NULL DEFAULT 0,\n"
"  time TEXT NOT NULL\n"
");\n"
"CREATE TABLE units (\n"
"  id INTEGER PRIMARY KEY,\n"
"  unit TEXT NOT NULL UNIQUE,\n"
"  estate TEXT, building TEXT, owner TEXT, phone TEXT, email TEXT,\n"
"  address TEXT,\n"
"  area INTEGER,\n"
"  occupancy TEXT CHECK (occupancy IN ('owner', 'tenant', 'vacant')),\n"
"  collector TEXT,\n"
"  dnc INTEGER NOT NULL DEFAULT 0 CHECK (dnc IN (0, 1)),\n"
"  import_id INTEGER REFERENCES imports(id)\n"
");\n"
"CREATE TABLE charges (\n"
"  unit_id INTEGER NOT NULL REFERENCES units(id),\n"
"  fee TEXT NOT NULL,\n"
"  period INTEGER NOT NULL,\n"
"  due INTEGER NOT NULL,\n"
"  amount INTEGER NOT NULL CHECK (amount >= 0),\n"
"  import_id INTEGER NOT NULL REFERENCES imports(id),\n"
"  PRIMARY KEY (unit_id, fee, period)\n"
") WITHOUT ROWID;\n"
"CREATE TABLE payments (\n"
"  id INTEGER PRIMARY KEY,\n"
"  ref TEXT NOT NULL UNIQUE,\n"
"  unit_id INTEGER NOT NULL REFERENCES units(id),\n"
"  date INTEGER NOT NULL,\n"
"  amount INTEGER NOT NULL CHECK (amount > 0),\n"
"  fee TEXT, period INTEGER, method TEXT,\n"
"  import_id INTEGER NOT NULL REFERENCES imports(id)\n"
");\n"
"CREATE INDEX payments_by_unit ON payments (unit_id, date);\n"
"CREATE TABLE adjustments (\n"
"  id INTEGER PRIMARY KEY,\n"
"  ref TEXT NOT NULL UNIQUE,\n"
"  unit_id INTEGER NOT NULL REFERENCES units(id),\n"
"  date INTEGER NOT NULL,\n"
"  amount INTEGER NOT NULL CHECK (amount <> 0),\n"
"  fee TEXT, period INTEGER, reason TEXT,\n"
"  import_id INTEGER NOT NULL REFERENCES imports(id)\n"
");\n"
"CREATE INDEX adjustments_by_unit ON adjustments (unit_id, date);\n"
"CREATE TABLE events (\n"
"  id INTEGER PRIMARY KEY,\n"
"  unit_id INTEGER NOT NULL REFERENCES units(id),\n"
"  date INTEGER NOT NULL,\n"
"  type TEXT NOT NULL CHECK (type IN ('promise', 'dispute', 'resolved',\n"
"    'hardship', 'plan', 'contact', 'served', 'ack', 'dnc',\n"
"    'contact-ok')),\n"
"  due INTEGER, amount INTEGER, ref TEXT, note TEXT,\n"
"  import_id INTEGER NOT NULL REFERENCES imports(id)\n"
");\n"
"CREATE INDEX events_by_unit ON events (unit_id, date);\n"
"CREATE TABLE notices (\n"
"  id INTEGER PRIMARY KEY,\n"
"  notice TEXT NOT NULL UNIQUE,\n"
"  unit_id INTEGER NOT NULL REFERENCES units(id),\n"
"  stage TEXT NOT NULL,\n"
"  channel TEXT NOT NULL,\n"
"  episode INTEGER NOT NULL,\n"
"  date INTEGER NOT NULL,\n"
"  recipient TEXT, file TEXT, sha256 TEXT, reason TEXT,\n"
"  time TEXT NOT NULL\n"
");\n"
"CREATE INDEX notices_by_unit ON notices (unit_id, date);\n"
"CREATE TABLE revisions (\n"
"  id INTEGER PRIMARY KEY,\n"
"  import_id INTEGER NOT NULL REFERENCES imports(id),\n"
"  kind TEXT NOT NULL,\n"
"  key TEXT NOT NULL,\n"
"  old TEXT NOT NULL,\n"
"  new TEXT NOT NULL\n"
");\n";

/* Version 2: what a gateway or mail server answered for a notice, and
 * notices found by unit, stage and episode. */
static const char schema_v2[] =
"ALTER TABLE notices ADD COLUMN receipt TEXT;\n"
"CREATE INDEX notices_by_stage ON notices (unit_id, stage, episode);\n";

/* Version 3: the class dun-classify gave the unit when a notice was
 * issued, so that reports can say which step works for which class. */
static const char schema_v3[] =
"ALTER TABLE notices ADD COLUMN class TEXT;\n";

/* Version 4: reversals, a payment or adjustment cancelled (a cheque that
 * bounced, a row entered wrongly) and kept, by its ref. */
static const char schema_v4[] =
"CREATE TABLE reversals (\n"
"  id INTEGER PRIMARY KEY,\n"
"  ref TEXT NOT NULL UNIQUE,\n"
"  date INTEGER NOT NULL,\n"
"  reason TEXT NOT NULL,\n"
"  import_id INTEGER NOT NULL REFERENCES imports(id)\n"
");\n";

/* Version 5: what billing systems' exports carry.  A charge keeps its
 * bill's number (two bills of one fee and period, told apart by it; ''
 * when the file gives none), its billing range, and what its bill line
 * says was paid and waived on it.  One receipt may be split over several
 * fee lines: a payment is one by its ref and its line ("FEE PERIOD").
 * What a bill line says beyond its amount (its range, what was paid and
 * waived on it) is in charge_details, for the lines that say it, so that
 * the usual line costs no more to load.
 * The ledger's settings: history_start, the day from which it holds
 * every bill and receipt (a ledger begun from an arrears list knows only
 * what was owing before it). */
static const char schema_v5[] =
"CREATE TABLE charges_v5 (\n"
"  unit_id INTEGER NOT NULL REFERENCES units(id),\n"
"  fee TEXT NOT NULL,\n"
"  period INTEGER NOT NULL,\n"
"  bill TEXT NOT NULL DEFAULT '',\n"
"  due INTEGER NOT NULL,\n"
"  amount INTEGER NOT NULL CHECK (amount >= 0),\n"
"  import_id INTEGER NOT NULL REFERENCES imports(id),\n"
"  PRIMARY KEY (unit_id, fee, period, bill)\n"
") WITHOUT ROWID;\n"
"INSERT INTO charges_v5 (unit_id, fee, period, due, amount, import_id)\n"
"  SELECT unit_id, fee, period, due, amount, import_id FROM charges;\n"
"DROP TABLE charges;\n"
"ALTER TABLE charges_v5 RENAME TO charges;\n"
"CREATE TABLE charge_details (\n"
"  unit_id INTEGER NOT NULL,\n"
"  fee TEXT NOT NULL,\n"
"  period INTEGER NOT NULL,\n"
"  bill TEXT NOT NULL,\n"
"  paid INTEGER NOT NULL DEFAULT 0 CHECK (paid >= 0),\n"
"  waived INTEGER NOT NULL DEFAULT 0 CHECK (waived >= 0),\n"
"  start INTEGER, until INTEGER,\n"
"  PRIMARY KEY (unit_id, fee, period, bill),\n"
"  FOREIGN KEY (unit_id, fee, period, bill)\n"
"    REFERENCES charges (unit_id, fee, period, bill)\n"
") WITHOUT ROWID;\n"
"CREATE TABLE payments_v5 (\n"
"  id INTEGER PRIMARY KEY,\n"
"  ref TEXT NOT NULL,\n"
"  line TEXT NOT NULL DEFAULT '',\n"
"  unit_id INTEGER NOT NULL REFERENCES units(id),\n"
"  date INTEGER NOT NULL,\n"
"  amount INTEGER NOT NULL CHECK (amount > 0),\n"
"  fee TEXT, period INTEGER, method TEXT,\n"
"  import_id INTEGER NOT NULL REFERENCES imports(id),\n"
"  UNIQUE (ref, line)\n"
");\n"
"INSERT INTO payments_v5 (id, ref, unit_id, date, amount, fee, period,\n"
"  method, import_id) SELECT id, ref, unit_id, date, amount, fee, period,\n"
"  method, import_id FROM payments;\n"
"DROP TABLE payments;\n"
"ALTER TABLE payments_v5 RENAME TO payments;\n"
"CREATE INDEX payments_by_unit ON payments (unit_id, date);\n"
"CREATE TABLE settings (\n"
"  key TEXT PRIMARY KEY,\n"
"  value TEXT NOT NULL\n"
");\n";

/* Version 6: a notice is what was sent, and its file is there.  A batch's
 * notices are recorded as pending before its files are given their final
 * names, and issued once they have them; notice_files holds the batch's
 * files meanwhile (absolute paths: the temporary name, the final one, the
 * folder the run held), each with the notice whose file it is, or none
 * for a file made of others: of the file named by "of" (a list's PDF, of
 * its TSV), or of the whole batch (the day's letters in one PDF, the
 * board).  A run that finds a batch whose run died finishes it: a notice
 * whose file is in place is issued, one whose file is not is taken out;
 * a file made of others is put in place when what it is made of was.
 * Only issued notices are read as notices. */
static const char schema_v6[] =
"ALTER TABLE notices ADD COLUMN status TEXT NOT NULL DEFAULT 'issued'\n"
"  CHECK (status IN ('pending', 'issued'));\n"
"CREATE TABLE notice_files (\n"
"  id INTEGER PRIMARY KEY,\n"
"  batch TEXT NOT NULL,\n"
"  dir TEXT NOT NULL,\n"
"  tmp TEXT NOT NULL,\n"
"  final TEXT NOT NULL,\n"
"  notice_id INTEGER REFERENCES notices(id),\n"
"  of TEXT\n"
");\n"
"CREATE INDEX notice_files_by_batch ON notice_files (batch);\n";

static const char *const migrations[SCHEMA_VERSION] = { schema_v1,
	schema_v2, schema_v3, schema_v4, schema_v5, schema_v6 };

enum {
	Q_UNIT_ID, Q_UNIT_NEW, Q_UNIT_GET, Q_UNIT_PUT, Q_UNIT_SET,
	Q_UNIT_WHO, Q_UNIT_FILL,
	Q_CHARGE_ADD, Q_CHARGE_ADD_PLAIN, Q_CHARGE_GET, Q_CHARGE_SET,
	Q_DETAIL_PUT, Q_DETAIL_DROP,
	Q_PAY_ADD, Q_PAY_GET, Q_PAY_SET, Q_PAY_LINES, Q_PAY_DROP,
	Q_ADJ_ADD, Q_ADJ_GET, Q_ADJ_SET,
	Q_REV_ADD, Q_REV_GET, Q_REV_SET,
	Q_EVENT_FIND, Q_EVENT_ADD,
	Q_IMPORT_ADD, Q_IMPORT_SET, Q_IMPORT_DEL, Q_REVISION_ADD,
	Q_H_UNITS, Q_H_UNIT, Q_H_CHARGES, Q_H_PAYMENTS, Q_H_ADJUSTMENTS,
	Q_H_EVENTS, Q_H_NOTICES,
	Q_N_UNIT, Q_N_FIND, Q_N_LAST, Q_N_ADD,
	Q_NF_ADD, Q_NF_ISSUE, Q_NF_DROP, Q_NF_ALL, Q_N_SETTLE, Q_N_WITHDRAW,
	Q_E_UNIT, Q_E_PAYMENTS, Q_E_ADJUSTMENTS, Q_E_EVENTS, Q_E_NOTICES,
	Q_E_IMPORTS,
	Q_SET_GET, Q_SET_PUT,
	Q_COUNT
};

static const char *const sql[Q_COUNT] = {
	[Q_UNIT_ID] = "SELECT id FROM units WHERE unit = ?1",
	[Q_UNIT_NEW] = "INSERT INTO units (unit, import_id) VALUES (?1, ?2)",
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
	    "VALUES (?1, '', ?2, ?3)",
	[Q_IMPORT_SET] = "UPDATE imports SET sha256 = ?2, rows = ?3, "
	    "inserted = ?4, updated = ?5, unchanged = ?6, rejected = ?7 "
	    "WHERE id = ?1",
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
	    "WHERE c.unit_id = ?1",
	/* What was reversed is left out, as if it had never been. */
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
	[Q_N_UNIT] = "SELECT id, estate, building, owner, phone, email, "
	    "address, occupancy, collector, dnc FROM units WHERE unit = ?1",
	/* dun-notice's own questions count a pending notice too: one that
	 * another run, alive, is putting in place. */
	[Q_N_FIND] = "SELECT notice FROM notices WHERE unit_id = ?1 AND "
	    "stage = ?2 AND episode = ?3",
	[Q_N_LAST] = "SELECT max(date) FROM notices WHERE unit_id = ?1",
	[Q_N_ADD] = "INSERT INTO notices (notice, unit_id, stage, channel, "
	    "episode, date, recipient, file, sha256, reason, time, receipt, "
	    "class, status) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, "
	    "?11, ?12, ?13, ?14)",
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
	[Q_E_UNIT] = "SELECT unit, estate, building, owner, phone, email, "
	    "address, area, occupancy, collector, dnc, id FROM units "
	    "WHERE unit = ?1",
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

struct dun_ledger {
	sqlite3 *db;
	char *path;
	sqlite3_stmt *st[Q_COUNT];
	int fk_off;			/* foreign_keys off for an import */
	char *last_unit;		/* one-entry cache of unit ids */
	int64_t last_id;
	char *unit_text[8];		/* dun_ledger_unit's last answer */
};

static int
dberr(struct dun_ledger *l, struct dun_err *err, const char *what)
{
	dun_err_set(err, DUN_EXIT_SYS, "%s: %s: %s", l->path, what,
	    sqlite3_errmsg(l->db));
	return -1;
}

static int
exec(struct dun_ledger *l, const char *s, struct dun_err *err)
{
	char *msg = NULL;

	if (sqlite3_exec(l->db, s, NULL, NULL, &msg) != SQLITE_OK) {
		dun_err_set(err, DUN_EXIT_SYS, "%s: %s", l->path,
		    msg ? msg : sqlite3_errmsg(l->db));
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

static int
int_query(struct dun_ledger *l, const char *s, int *out)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(l->db, s, -1, &st, NULL) != SQLITE_OK)
		return -1;
	rc = sqlite3_step(st);
	*out = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}

static int
migrate(struct dun_ledger *l, struct dun_err *err)
{
	int v, tables;
	char buf[64];

	if (int_query(l, "PRAGMA user_version", &v) < 0 ||
	    int_query(l, "SELECT count(*) FROM sqlite_master", &tables) < 0)
		return dberr(l, err, "cannot read");
	if (v > SCHEMA_VERSION) {
		dun_err_set(err, DUN_EXIT_SYS, "%s: ledger schema version %d is "
		    "newer than this dun knows (%d): upgrade dun", l->path, v,
		    SCHEMA_VERSION);
		return -1;
	}
	if (v == 0 && tables > 0) {
		dun_err_set(err, DUN_EXIT_SYS, "%s: is an SQLite database but "
		    "not a dun ledger", l->path);
		return -1;
	}
	if (v == SCHEMA_VERSION)
		return 0;
	if (exec(l, "BEGIN IMMEDIATE", err) < 0)
		return -1;
	if (int_query(l, "PRAGMA user_version", &v) < 0)
		goto fail;
	for (; v < SCHEMA_VERSION; v++) {
		if (exec(l, migrations[v], err) < 0)
			goto fail;
		snprintf(buf, sizeof buf, "PRAGMA user_version = %d", v + 1);
		if (exec(l, buf, err) < 0)
			goto fail;
	}
	return exec(l, "COMMIT", err);
fail:
	sqlite3_exec(l->db, "ROLLBACK", NULL, NULL, NULL);
	return -1;
}

const char *
dun_ledger_path(const char *opt)
{
	const char *e = getenv("DUN_DB");

	if (opt != NULL && *opt != '\0')
		return opt;
	if (e != NULL && *e != '\0')
		return e;
	return "dun.db";
}

struct dun_ledger *
dun_ledger_open(const char *path, int flags, struct dun_err *err)
{
	struct dun_ledger *l = xmalloc(sizeof *l);
	int oflags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;

	memset(l, 0, sizeof *l);
	l->path = xstrdup(flags & DUN_LEDGER_MEMORY ? ":memory:" : path);
	if (!(flags & DUN_LEDGER_MEMORY)) {
		if (access(path, F_OK) != 0) {
			int fd;

			if (!(flags & DUN_LEDGER_CREATE)) {
				dun_err_set(err, DUN_EXIT_SYS, "%s: no ledger "
				    "here (dun-import creates one)", path);
				goto fail;
			}
			/* Names and phone numbers: owner only. */
			fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
			if (fd < 0 && errno != EEXIST) {
				dun_err_set(err, DUN_EXIT_SYS, "%s: %s", path,
				    strerror(errno));
				goto fail;
			}
			if (fd >= 0)
				close(fd);
		}
	}
	if (sqlite3_open_v2(l->path, &l->db, oflags, NULL) != SQLITE_OK) {
		dun_err_set(err, DUN_EXIT_SYS, "%s: %s", path,
		    l->db ? sqlite3_errmsg(l->db) : "cannot open");
		goto fail;
	}
	sqlite3_busy_timeout(l->db, 10000);
	if (exec(l, "PRAGMA foreign_keys = ON", err) < 0)
		goto fail;
	if (!(flags & DUN_LEDGER_MEMORY) &&
	    exec(l, "PRAGMA journal_mode = WAL", err) < 0) {
		goto fail;
	}
	if (exec(l, "PRAGMA synchronous = NORMAL", err) < 0 ||
	    ((flags & DUN_LEDGER_BULK) &&
	    exec(l, "PRAGMA cache_size = -65536", err) < 0))
		goto fail;
	if (migrate(l, err) < 0)
		goto fail;
	return l;
fail:
	dun_ledger_close(l);
	return NULL;
}

void
dun_ledger_close(struct dun_ledger *l)
{
	int i;

	if (l == NULL)
		return;
	for (i = 0; i < Q_COUNT; i++)
		sqlite3_finalize(l->st[i]);
	sqlite3_close(l->db);
	free(l->last_unit);
	for (i = 0; i < 8; i++)
		free(l->unit_text[i]);
	free(l->path);
	free(l);
}

int
dun_ledger_begin(struct dun_ledger *l, struct dun_err *err)
{
	return exec(l, "BEGIN IMMEDIATE", err);
}

/*
 * An import resolves every unit it names to its id inside its own write
 * transaction, and units are never deleted, so each reference it writes
 * holds by construction.  SQLite's per-row foreign-key check would only
 * repeat that lookup (a fifth of the time of a large import), so the
 * import's transaction runs without it; every other transaction has it.
 */
int
dun_ledger_begin_import(struct dun_ledger *l, struct dun_err *err)
{
	if (exec(l, "PRAGMA foreign_keys = OFF", err) < 0)
		return -1;
	l->fk_off = 1;
	if (exec(l, "BEGIN IMMEDIATE", err) < 0) {
		exec(l, "PRAGMA foreign_keys = ON", NULL);
		l->fk_off = 0;
		return -1;
	}
	return 0;
}

static void
end_import(struct dun_ledger *l)
{
	if (l->fk_off) {
		sqlite3_exec(l->db, "PRAGMA foreign_keys = ON", NULL, NULL,
		    NULL);
		l->fk_off = 0;
	}
}

int
dun_ledger_commit(struct dun_ledger *l, struct dun_err *err)
{
	int r = exec(l, "COMMIT", err);

	if (r == 0)
		end_import(l);
	return r;
}

void
dun_ledger_rollback(struct dun_ledger *l)
{
	sqlite3_exec(l->db, "ROLLBACK", NULL, NULL, NULL);
	end_import(l);
	free(l->last_unit);
	l->last_unit = NULL;
}

int
dun_ledger_version(struct dun_ledger *l)
{
	int v = -1;

	int_query(l, "PRAGMA user_version", &v);
	return v;
}

/* The first bind that failed on a statement not run since (see bind_text
 * below). */
static _Thread_local struct {
	sqlite3_stmt *st;		/* NULL: no failure pending */
	int rc, i;
} fault;

/* The prepared statement q, reset; every caller binds every parameter. */
static sqlite3_stmt *
stmt(struct dun_ledger *l, int q, struct dun_err *err)
{
	if (fault.st != NULL && fault.st == l->st[q])
		fault.st = NULL;
	if (l->st[q] == NULL) {
		if (sqlite3_prepare_v3(l->db, sql[q], -1,
		    SQLITE_PREPARE_PERSISTENT, &l->st[q], NULL) != SQLITE_OK) {
			dberr(l, err, "cannot prepare");
			return NULL;
		}
	} else
		sqlite3_reset(l->st[q]);
	return l->st[q];
}

/*
 * Binding.  A bind that fails (a value longer than SQLite stores,
 * SQLITE_TOOBIG; a parameter the statement lacks, SQLITE_RANGE) leaves its
 * parameter NULL, and the statement would run all the same: a note of a
 * gigabyte stored as nothing, and counted as inserted.  So each bind
 * helper keeps the first failure on a statement in fault (per thread: a
 * ledger is used by one), and bound() -- run() calls it -- refuses to
 * step the statement, naming the value's column.
 */
static int
keep_fault(sqlite3_stmt *st, int i, int rc)
{
	if (rc != SQLITE_OK && fault.st != st) {
		fault.st = st;
		fault.rc = rc;
		fault.i = i;
	}
	return rc;
}

/* Text with its length told: given -1, SQLite keeps the low 31 bits of
 * the length, and 2 GB and 5 bytes would be stored as 5 bytes. */
static int
bind_text(sqlite3_stmt *st, int i, const char *s)
{
	return keep_fault(st, i, s == NULL ? sqlite3_bind_null(st, i) :
	    sqlite3_bind_text64(st, i, s, strlen(s), SQLITE_STATIC,
	    SQLITE_UTF8));
}

static int
bind_int(sqlite3_stmt *st, int i, int64_t v)
{
	return keep_fault(st, i, sqlite3_bind_int64(st, i, v));
}

static int
bind_opt(sqlite3_stmt *st, int i, int has, int64_t v)
{
	return has ? bind_int(st, i, v) : keep_fault(st, i,
	    sqlite3_bind_null(st, i));
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
param_column(sqlite3_stmt *st, int i, char *buf, size_t bufsz)
{
	const char *text = sqlite3_sql(st), *p, *t = NULL, *c = NULL, *q;
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
static int
bound(struct dun_ledger *l, sqlite3_stmt *st, struct dun_err *err)
{
	char col[80];

	if (fault.st != st || st == NULL)
		return 0;
	fault.st = NULL;
	sqlite3_reset(st);
	param_column(st, fault.i, col, sizeof col);
	if (fault.rc == SQLITE_TOOBIG)
		dun_err_set(err, DUN_EXIT_DATA, "%s: the value is longer than "
		    "the ledger stores (%d bytes)", col, sqlite3_limit(l->db,
		    SQLITE_LIMIT_LENGTH, -1));
	else if (fault.rc == SQLITE_RANGE)
		dun_err_set(err, DUN_EXIT_DATA, "%s: the ledger's statement "
		    "has no such parameter", col);
	else
		dun_err_set(err, DUN_EXIT_SYS, "%s: %s: cannot bind: %s",
		    l->path, col, sqlite3_errstr(fault.rc));
	return -1;
}

/* Step a statement that returns no row. */
static int
run(struct dun_ledger *l, sqlite3_stmt *st, struct dun_err *err)
{
	int rc;

	if (bound(l, st, err) < 0)
		return -1;
	rc = sqlite3_step(st);

	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return dberr(l, err, "cannot write");
	return 0;
}

/* Periods are stored as YYYYMM, which a person reading the ledger knows. */
static int
period_store(dun_period p)
{
	int y, m;

	dun_period_split(p, &y, &m);
	return y * 100 + m;
}

static dun_period
period_load(int v)
{
	return dun_period_make(v / 100, v % 100);
}

/* The parameters of the statements that write each kind of row. */
static void
bind_unit(sqlite3_stmt *st, const struct unit_row *u, int has_dnc,
    int64_t import_id)
{
	int i;

	bind_text(st, 1, u->unit);
	for (i = 0; i < UNIT_NTEXT; i++)
		bind_text(st, i < 6 ? i + 2 : i + 3, u->text[i]);
	bind_opt(st, 8, u->has_area, u->area);
	bind_opt(st, 11, has_dnc, u->dnc);
	bind_int(st, 12, import_id);
}

static void
bind_charge(sqlite3_stmt *st, const struct charge_row *c, int64_t import_id)
{
	bind_int(st, 1, c->unit_id);
	bind_text(st, 2, c->fee);
	bind_int(st, 3, period_store(c->period));
	bind_int(st, 4, c->due);
	bind_int(st, 5, c->amount);
	bind_int(st, 6, import_id);
	if (sqlite3_bind_parameter_count(st) < 7)
		return;
	bind_text(st, 7, c->bill ? c->bill : "");
}

static void
bind_money(sqlite3_stmt *st, const struct money_row *p, int64_t import_id)
{
	bind_text(st, 1, p->ref);
	bind_int(st, 2, p->unit_id);
	bind_int(st, 3, p->date);
	bind_int(st, 4, p->amount);
	bind_text(st, 5, p->fee);
	bind_opt(st, 6, p->has_period, period_store(p->period));
	bind_text(st, 7, p->text);
	bind_int(st, 8, import_id);
	if (sqlite3_bind_parameter_count(st) >= 9)
		bind_text(st, 9, p->line ? p->line : "");
}

static void
bind_event(sqlite3_stmt *st, const struct event_row *e)
{
	bind_int(st, 1, e->unit_id);
	bind_int(st, 2, e->date);
	bind_text(st, 3, e->type);
	bind_opt(st, 4, e->has_due, e->due);
	bind_opt(st, 5, e->has_amount, e->amount);
	bind_text(st, 6, e->ref);
	bind_text(st, 7, e->note);
}

static const char *
col_text(sqlite3_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(st, i);
}

static int
same_text(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

int
ledger_import_begin(struct dun_ledger *l, const char *file, const char *kind,
    int64_t *id, struct dun_err *err)
{
	sqlite3_stmt *st = stmt(l, Q_IMPORT_ADD, err);
	char now[32];
	time_t t = time(NULL);
	struct tm tm;

	if (st == NULL)
		return -1;
	gmtime_r(&t, &tm);
	strftime(now, sizeof now, "%Y-%m-%dT%H:%M:%SZ", &tm);
	bind_text(st, 1, file);
	bind_text(st, 2, kind);
	bind_text(st, 3, now);
	if (run(l, st, err) < 0)
		return -1;
	*id = sqlite3_last_insert_rowid(l->db);
	return 0;
}

int
ledger_import_end(struct dun_ledger *l, int64_t id, const char *sha256,
    const struct dun_import_counts *n, struct dun_err *err)
{
	sqlite3_stmt *st;

	if (n->inserted + n->updated == 0) {
		/* Nothing changed: the file leaves no trace. */
		if ((st = stmt(l, Q_IMPORT_DEL, err)) == NULL)
			return -1;
		bind_int(st, 1, id);
		return run(l, st, err);
	}
	if ((st = stmt(l, Q_IMPORT_SET, err)) == NULL)
		return -1;
	bind_int(st, 1, id);
	bind_text(st, 2, sha256);
	bind_int(st, 3, n->rows);
	bind_int(st, 4, n->inserted);
	bind_int(st, 5, n->updated);
	bind_int(st, 6, n->unchanged);
	bind_int(st, 7, n->rejected);
	return run(l, st, err);
}

int
ledger_unit_id(struct dun_ledger *l, const char *unit, int64_t create_in,
    int64_t *id, struct dun_err *err)
{
	sqlite3_stmt *st;
	int rc;

	if (l->last_unit != NULL && strcmp(l->last_unit, unit) == 0) {
		*id = l->last_id;
		return 1;
	}
	if ((st = stmt(l, Q_UNIT_ID, err)) == NULL)
		return -1;
	bind_text(st, 1, unit);
	if (bound(l, st, err) < 0)
		return -1;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return dberr(l, err, "cannot read");
	if (rc == SQLITE_DONE) {
		if (create_in <= 0)
			return 0;
		if ((st = stmt(l, Q_UNIT_NEW, err)) == NULL)
			return -1;
		bind_text(st, 1, unit);
		bind_int(st, 2, create_in);
		if (run(l, st, err) < 0)
			return -1;
		*id = sqlite3_last_insert_rowid(l->db);
		rc = 2;
	} else
		rc = 1;
	free(l->last_unit);
	l->last_unit = xstrdup(unit);
	l->last_id = *id;
	return rc;
}

/* "owner is \"A\" in the ledger, \"B\" here", malloc'd; the column
 * and its old and new values into *col, *was and *now. */
static char *
difference(const char *col, const char *was, const char *now,
    const char **c, const char **w, const char **n)
{
	size_t len = strlen(col) + strlen(was) + (now ? strlen(now) : 0) + 64;
	char *s = xmalloc(len);

	snprintf(s, len, "%s is \"%s\" in the ledger, %s%s%s here", col,
	    was, now ? "\"" : "", now ? now : "empty", now ? "\"" : "");
	*c = col;
	*w = was;
	*n = now ? now : "";
	return s;
}

static int revision(struct dun_ledger *, int64_t, const char *,
    const char *, const char *, const char *, struct dun_err *);

/* A household value replaced: "owner 张三" to "owner 李四". */
static int
revision_unit(struct dun_ledger *l, int64_t import_id, const char *unit,
    const char *col, const char *was, const char *now, struct dun_err *err)
{
	size_t n = strlen(col) + strlen(was) + strlen(now) + 4;
	char *o = xmalloc(n), *w = xmalloc(n);
	int rc;

	snprintf(o, n, "%s %s", col, was);
	snprintf(w, n, "%s %s", col, now);
	rc = revision(l, import_id, "unit", unit, o, w, err);
	free(o);
	free(w);
	return rc;
}

int
ledger_unit_fill(struct dun_ledger *l, int64_t unit_id, const char *owner,
    const char *phone, struct dun_err *err)
{
	sqlite3_stmt *st = stmt(l, Q_UNIT_WHO, err);
	int rc, other = 0;

	if (st == NULL)
		return -1;
	bind_int(st, 1, unit_id);
	if (bound(l, st, err) < 0)
		return -1;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		const char *o = col_text(st, 0), *p = col_text(st, 1);

		other = (o && owner && strcmp(o, owner) != 0) ||
		    (p && phone && strcmp(p, phone) != 0);
		rc = (o == NULL && owner) || (p == NULL && phone);
	} else if (rc != SQLITE_DONE) {
		sqlite3_reset(st);
		return dberr(l, err, "cannot read");
	} else
		rc = 0;
	sqlite3_reset(st);
	if (rc) {
		if ((st = stmt(l, Q_UNIT_FILL, err)) == NULL)
			return -1;
		bind_int(st, 1, unit_id);
		bind_text(st, 2, owner);
		bind_text(st, 3, phone);
		if (run(l, st, err) < 0)
			return -1;
	}
	return other;
}

int
ledger_put_unit(struct dun_ledger *l, const struct unit_row *u,
    int64_t import_id, int replace, char **what, struct dun_err *err)
{
	static const char *const names[UNIT_NTEXT] = { "estate", "building",
		"owner", "phone", "email", "address", "occupancy",
		"collector" };
	const char *dcol = NULL, *dwas = NULL, *dnow = NULL;
	char areas[2][DUN_MONEY_BUFSZ];
	sqlite3_stmt *st = stmt(l, Q_UNIT_GET, err);
	const char *cur[UNIT_NTEXT];
	struct unit_row m = *u;
	int rc, i, changed = 0;
	int64_t area = 0;
	int has_area = 0, dnc = 0;

	if (st == NULL)
		return -1;
	bind_text(st, 1, u->unit);
	if (bound(l, st, err) < 0)
		return -1;
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		sqlite3_reset(st);
		return dberr(l, err, "cannot read");
	}
	if (rc == SQLITE_ROW) {
		/* Columns the file does not have keep their values. */
		static const int textcol[UNIT_NTEXT] = { 1, 2, 3, 4, 5, 6, 8, 9 };
		char *keep[UNIT_NTEXT];

		for (i = 0; i < UNIT_NTEXT; i++) {
			const char *s = col_text(st, textcol[i]);

			keep[i] = s ? xstrdup(s) : NULL;
			cur[i] = keep[i];
		}
		has_area = sqlite3_column_type(st, 7) != SQLITE_NULL;
		area = sqlite3_column_int64(st, 7);
		dnc = sqlite3_column_int(st, 10);
		sqlite3_reset(st);
		*what = NULL;
		for (i = 0; i < UNIT_NTEXT; i++) {
			if (!(u->present & (1 << i)))
				m.text[i] = cur[i];
			else if (!same_text(cur[i], u->text[i])) {
				changed = 1;
				/* What the ledger lacks is filled; what it has
				 * changes only when asked. */
				if (cur[i] != NULL && *what == NULL)
					*what = difference(names[i], cur[i],
					    u->text[i], &dcol, &dwas, &dnow);
			}
		}
		if (!(u->present & UNIT_HAS_AREA)) {
			m.has_area = has_area;
			m.area = area;
		} else if (m.has_area != has_area || (has_area &&
		    m.area != area)) {
			changed = 1;
			if (has_area && *what == NULL) {
				char a[DUN_MONEY_BUFSZ], b[DUN_MONEY_BUFSZ];

				snprintf(areas[0], sizeof areas[0], "%s",
				    dun_money_fmt(area, a));
				snprintf(areas[1], sizeof areas[1], "%s",
				    dun_money_fmt(m.area, b));
				*what = difference("area", areas[0],
				    m.has_area ? areas[1] : NULL, &dcol, &dwas,
				    &dnow);
			}
		}
		if (!(u->present & UNIT_HAS_DNC))
			m.dnc = dnc;
		else if (m.dnc != dnc)
			changed = 1;
		rc = 0;
		if (*what != NULL && !replace) {
			for (i = 0; i < UNIT_NTEXT; i++)
				free(keep[i]);
			return PUT_CONFLICT;
		}
		/* A household replaced is kept, as replaced money is. */
		if (*what != NULL && (rc = revision_unit(l, import_id,
		    u->unit, dcol, dwas, dnow, err)) < 0) {
			for (i = 0; i < UNIT_NTEXT; i++)
				free(keep[i]);
			free(*what);
			*what = NULL;
			return -1;
		}
		free(*what);
		*what = NULL;
		if (changed) {
			st = stmt(l, Q_UNIT_SET, err);
			rc = -1;
		}
		if (changed && st != NULL) {
			bind_unit(st, &m, 1, import_id);
			rc = run(l, st, err) < 0 ? -1 : PUT_UPDATED;
		}
		for (i = 0; i < UNIT_NTEXT; i++)
			free(keep[i]);
		return changed ? rc : PUT_UNCHANGED;
	}
	sqlite3_reset(st);
	if ((st = stmt(l, Q_UNIT_PUT, err)) == NULL)
		return -1;
	bind_unit(st, u, u->present & UNIT_HAS_DNC, import_id);
	if (run(l, st, err) < 0)
		return -1;
	free(l->last_unit);
	l->last_unit = NULL;
	return PUT_INSERTED;
}

static int
revision(struct dun_ledger *l, int64_t import_id, const char *kind,
    const char *key, const char *old, const char *new,
    struct dun_err *err)
{
	sqlite3_stmt *st = stmt(l, Q_REVISION_ADD, err);

	if (st == NULL)
		return -1;
	bind_int(st, 1, import_id);
	bind_text(st, 2, kind);
	bind_text(st, 3, key);
	bind_text(st, 4, old);
	bind_text(st, 5, new);
	return run(l, st, err);
}

static int
has_details(const struct charge_row *c)
{
	return c->paid != 0 || c->waived != 0 || c->has_range;
}

/* The line's details into charge_details, or out of it if it has none. */
static int
put_details(struct dun_ledger *l, const struct charge_row *c,
    struct dun_err *err)
{
	sqlite3_stmt *st = stmt(l, has_details(c) ? Q_DETAIL_PUT :
	    Q_DETAIL_DROP, err);

	if (st == NULL)
		return -1;
	bind_int(st, 1, c->unit_id);
	bind_text(st, 2, c->fee);
	bind_int(st, 3, period_store(c->period));
	bind_text(st, 7, c->bill ? c->bill : "");
	if (has_details(c)) {
		bind_int(st, 8, c->paid);
		bind_int(st, 9, c->waived);
		bind_opt(st, 10, c->has_range, c->start);
		bind_opt(st, 11, c->has_range && c->until != DUN_NODATE,
		    c->until);
	}
	return run(l, st, err);
}

/* "due D amount A[ paid P waived W][ from S to U]" of a charge, into b. */
static void
charge_text(struct buf *b, const struct charge_row *c, int details)
{
	char d[DUN_DATE_BUFSZ], m[DUN_MONEY_BUFSZ];

	buf_str(b, "due ");
	buf_str(b, dun_date_fmt(c->due, d));
	buf_str(b, " amount ");
	buf_str(b, dun_money_fmt(c->amount, m));
	if (!details)
		return;
	buf_str(b, " paid ");
	buf_str(b, dun_money_fmt(c->paid, m));
	buf_str(b, " waived ");
	buf_str(b, dun_money_fmt(c->waived, m));
	if (c->has_range) {
		buf_str(b, " from ");
		buf_str(b, dun_date_fmt(c->start, d));
		if (c->until != DUN_NODATE) {
			buf_str(b, " to ");
			buf_str(b, dun_date_fmt(c->until, d));
		}
	}
}

/* A charge replaced, kept in revisions. */
static int
charge_revision(struct dun_ledger *l, int64_t import_id,
    const struct charge_row *old, const struct charge_row *c,
    struct dun_err *err)
{
	struct buf key = { NULL, 0, 0 }, o = { NULL, 0, 0 }, n = { NULL, 0, 0 };
	char p[DUN_DATE_BUFSZ];
	int details = has_details(old) || has_details(c), rc;

	buf_str(&key, c->unit);
	buf_str(&key, " ");
	buf_str(&key, c->fee);
	buf_str(&key, " ");
	buf_str(&key, dun_period_fmt(c->period, p));
	if (c->bill) {
		buf_str(&key, " bill ");
		buf_str(&key, c->bill);
	}
	charge_text(&o, old, details);
	charge_text(&n, c, details);
	rc = revision(l, import_id, "charge", key.s, o.s, n.s, err);
	buf_free(&key);
	buf_free(&o);
	buf_free(&n);
	return rc;
}

int
ledger_put_charge(struct dun_ledger *l, const struct charge_row *c,
    int64_t import_id, int replace, struct charge_row *old,
    struct dun_err *err)
{
	sqlite3_stmt *st = stmt(l, c->bill ? Q_CHARGE_ADD : Q_CHARGE_ADD_PLAIN,
	    err);
	int rc;

	if (st == NULL)
		return -1;
	bind_charge(st, c, import_id);
	if (run(l, st, err) < 0)
		return -1;
	if (sqlite3_changes(l->db) > 0)
		return has_details(c) && put_details(l, c, err) < 0 ? -1 :
		    PUT_INSERTED;
	if ((st = stmt(l, Q_CHARGE_GET, err)) == NULL)
		return -1;
	bind_int(st, 1, c->unit_id);
	bind_text(st, 2, c->fee);
	bind_int(st, 3, period_store(c->period));
	bind_text(st, 7, c->bill ? c->bill : "");
	if (bound(l, st, err) < 0)
		return -1;
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(st);
		return dberr(l, err, "cannot read");
	}
	*old = *c;
	old->due = sqlite3_column_int(st, 0);
	old->amount = sqlite3_column_int64(st, 1);
	old->import_id = sqlite3_column_int64(st, 2);
	old->paid = sqlite3_column_int64(st, 3);
	old->waived = sqlite3_column_int64(st, 4);
	old->has_range = sqlite3_column_type(st, 5) != SQLITE_NULL;
	old->start = sqlite3_column_int(st, 5);
	old->until = sqlite3_column_type(st, 6) != SQLITE_NULL ?
	    sqlite3_column_int(st, 6) : DUN_NODATE;
	sqlite3_reset(st);
	if (old->due == c->due && old->amount == c->amount &&
	    old->paid == c->paid && old->waived == c->waived &&
	    old->has_range == c->has_range && (!c->has_range ||
	    (old->start == c->start && old->until == c->until)))
		return PUT_UNCHANGED;
	if (!replace)
		return PUT_CONFLICT;
	if ((st = stmt(l, Q_CHARGE_SET, err)) == NULL)
		return -1;
	bind_charge(st, c, import_id);
	if (run(l, st, err) < 0 || put_details(l, c, err) < 0)
		return -1;
	if (charge_revision(l, import_id, old, c, err) < 0)
		return -1;
	return PUT_UPDATED;
}

/* A payment line just inserted, against its receipt's other lines:
 * they must be of one unit and one day, and of this import (a receipt
 * in the ledger does not gain lines later).  PUT_INSERTED, or
 * PUT_CONFLICT with the other line in *old (and the line taken out
 * again), or -1. */
static int
receipt_lines(struct dun_ledger *l, const struct money_row *p,
    int64_t import_id, struct money_row *old, char *oldunit,
    size_t oldunitsz, struct dun_err *err)
{
	sqlite3_stmt *st = stmt(l, Q_PAY_LINES, err);
	int rc, bad;

	if (st == NULL)
		return -1;
	bind_text(st, 1, p->ref);
	bind_text(st, 2, p->line ? p->line : "");
	if (bound(l, st, err) < 0)
		return -1;
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(st);
		return rc == SQLITE_DONE ? PUT_INSERTED : dberr(l, err,
		    "cannot read");
	}
	snprintf(oldunit, oldunitsz, "%s", col_text(st, 0));
	*old = *p;
	old->date = sqlite3_column_int(st, 1);
	old->import_id = sqlite3_column_int64(st, 2);
	old->unit_id = sqlite3_column_int64(st, 3);
	old->other_line = 1;
	bad = old->import_id != import_id || old->unit_id != p->unit_id ||
	    old->date != p->date;
	sqlite3_reset(st);
	if (!bad)
		return PUT_INSERTED;
	if ((st = stmt(l, Q_PAY_DROP, err)) == NULL)
		return -1;
	bind_text(st, 1, p->ref);
	bind_text(st, 2, p->line ? p->line : "");
	if (run(l, st, err) < 0)
		return -1;
	return PUT_CONFLICT;
}

/* Payments and adjustments share their shape and their rules. */
int
ledger_put_money(struct dun_ledger *l, int adjustment,
    const struct money_row *p, int64_t import_id, int replace,
    struct money_row *old, char *oldunit, size_t oldunitsz,
    struct dun_err *err)
{
	sqlite3_stmt *st = stmt(l, adjustment ? Q_ADJ_ADD : Q_PAY_ADD, err);
	int rc, same;

	if (st == NULL)
		return -1;
	bind_money(st, p, import_id);
	if (run(l, st, err) < 0)
		return -1;
	if (sqlite3_changes(l->db) > 0) {
		if (adjustment)
			return PUT_INSERTED;
		return receipt_lines(l, p, import_id, old, oldunit, oldunitsz,
		    err);
	}
	if ((st = stmt(l, adjustment ? Q_ADJ_GET : Q_PAY_GET, err)) == NULL)
		return -1;
	bind_text(st, 1, p->ref);
	if (!adjustment)
		bind_text(st, 9, p->line ? p->line : "");
	if (bound(l, st, err) < 0)
		return -1;
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(st);
		return dberr(l, err, "cannot read");
	}
	snprintf(oldunit, oldunitsz, "%s", col_text(st, 0));
	*old = *p;
	old->date = sqlite3_column_int(st, 1);
	old->amount = sqlite3_column_int64(st, 2);
	old->has_period = sqlite3_column_type(st, 4) != SQLITE_NULL;
	old->period = period_load(sqlite3_column_int(st, 4));
	old->import_id = sqlite3_column_int64(st, 6);
	old->unit_id = sqlite3_column_int64(st, 7);
	same = old->unit_id == p->unit_id && old->date == p->date &&
	    old->amount == p->amount && same_text(col_text(st, 3), p->fee) &&
	    old->has_period == p->has_period && (!p->has_period ||
	    old->period == p->period) && same_text(col_text(st, 5), p->text);
	sqlite3_reset(st);
	if (same)
		return PUT_UNCHANGED;
	if (!replace)
		return PUT_CONFLICT;
	if ((st = stmt(l, adjustment ? Q_ADJ_SET : Q_PAY_SET, err)) == NULL)
		return -1;
	bind_money(st, p, import_id);
	if (run(l, st, err) < 0)
		return -1;
	{
		char o[200], n[200], d[DUN_DATE_BUFSZ], m[DUN_MONEY_BUFSZ];

		snprintf(o, sizeof o, "%s %s %s", oldunit,
		    dun_date_fmt(old->date, d), dun_money_fmt(old->amount, m));
		snprintf(n, sizeof n, "%s %s %s", p->unit,
		    dun_date_fmt(p->date, d), dun_money_fmt(p->amount, m));
		if (revision(l, import_id, adjustment ? "adjustment" :
		    "payment", p->ref, o, n, err) < 0)
			return -1;
	}
	return PUT_UPDATED;
}

/* One of ledger_money_find's lookups: 1 and *m, 0 none, -1 error. */
static int
money_get(struct dun_ledger *l, int q, const char *ref, struct money_row *m,
    char *unit, size_t unitsz, struct dun_err *err)
{
	sqlite3_stmt *st = stmt(l, q, err);
	int rc;

	if (st == NULL)
		return -1;
	bind_text(st, 1, ref);
	if (sqlite3_bind_parameter_count(st) >= 9)
		bind_text(st, 9, NULL);	/* any line of a receipt */
	if (bound(l, st, err) < 0)
		return -1;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		snprintf(unit, unitsz, "%s", col_text(st, 0));
		memset(m, 0, sizeof *m);
		m->ref = ref;
		m->unit = unit;
		m->date = sqlite3_column_int(st, 1);
		m->amount = sqlite3_column_int64(st, 2);
		m->import_id = sqlite3_column_int64(st, 6);
		m->unit_id = sqlite3_column_int64(st, 7);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return dberr(l, err, "cannot read");
	return rc == SQLITE_ROW;
}

int
ledger_money_find(struct dun_ledger *l, const char *ref, struct money_row *m,
    char *unit, size_t unitsz, struct dun_err *err)
{
	struct money_row a;
	char au[200];
	int p, k;

	if ((p = money_get(l, Q_PAY_GET, ref, m, unit, unitsz, err)) < 0 ||
	    (k = money_get(l, Q_ADJ_GET, ref, &a, au, sizeof au, err)) < 0)
		return -1;
	if (k && !p) {
		snprintf(unit, unitsz, "%s", au);
		*m = a;
		m->unit = unit;
	}
	return (p ? FOUND_PAYMENT : 0) | (k ? FOUND_ADJUSTMENT : 0);
}

int
ledger_reversal(struct dun_ledger *l, const char *ref,
    struct reversal_row *r, char *reason, size_t reasonsz,
    struct dun_err *err)
{
	sqlite3_stmt *st = stmt(l, Q_REV_GET, err);
	int rc;

	if (st == NULL)
		return -1;
	bind_text(st, 1, ref);
	if (bound(l, st, err) < 0)
		return -1;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		snprintf(reason, reasonsz, "%s", col_text(st, 1));
		r->ref = ref;
		r->date = sqlite3_column_int(st, 0);
		r->reason = reason;
		r->import_id = sqlite3_column_int64(st, 2);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return dberr(l, err, "cannot read");
	return rc == SQLITE_ROW;
}

int
ledger_put_reversal(struct dun_ledger *l, const struct reversal_row *r,
    int64_t import_id, int replace, struct reversal_row *old,
    char *oldreason, size_t oldreasonsz, struct dun_err *err)
{
	sqlite3_stmt *st = stmt(l, Q_REV_ADD, err);
	char o[600], n[600], d[DUN_DATE_BUFSZ];
	int k;

	if (st == NULL)
		return -1;
	bind_text(st, 1, r->ref);
	bind_int(st, 2, r->date);
	bind_text(st, 3, r->reason);
	bind_int(st, 4, import_id);
	if (run(l, st, err) < 0)
		return -1;
	if (sqlite3_changes(l->db) > 0)
		return PUT_INSERTED;
	if ((k = ledger_reversal(l, r->ref, old, oldreason, oldreasonsz,
	    err)) <= 0)
		return k < 0 ? -1 : dberr(l, err, "cannot read");
	if (old->date == r->date && strcmp(old->reason, r->reason) == 0)
		return PUT_UNCHANGED;
	if (!replace)
		return PUT_CONFLICT;
	if ((st = stmt(l, Q_REV_SET, err)) == NULL)
		return -1;
	bind_text(st, 1, r->ref);
	bind_int(st, 2, r->date);
	bind_text(st, 3, r->reason);
	bind_int(st, 4, import_id);
	if (run(l, st, err) < 0)
		return -1;
	snprintf(o, sizeof o, "%s %s", dun_date_fmt(old->date, d),
	    old->reason);
	snprintf(n, sizeof n, "%s %s", dun_date_fmt(r->date, d), r->reason);
	if (revision(l, import_id, "reversal", r->ref, o, n, err) < 0)
		return -1;
	return PUT_UPDATED;
}

int
ledger_put_event(struct dun_ledger *l, const struct event_row *e,
    int64_t import_id, struct dun_err *err)
{
	sqlite3_stmt *st = stmt(l, Q_EVENT_FIND, err);
	int rc;

	if (st == NULL)
		return -1;
	bind_event(st, e);
	if (bound(l, st, err) < 0)
		return -1;
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return PUT_UNCHANGED;
	if (rc != SQLITE_DONE)
		return dberr(l, err, "cannot read");
	if ((st = stmt(l, Q_EVENT_ADD, err)) == NULL)
		return -1;
	bind_event(st, e);
	bind_int(st, 8, import_id);
	if (run(l, st, err) < 0)
		return -1;
	return PUT_INSERTED;
}

/* ---- histories, unit by unit ------------------------------------------ */

struct ledger_hist {
	struct dun_ledger *l;
	const struct dun_config *c;
	dun_bad_fn *report;
	void *arg;
	char *const *units;		/* NULL: every unit */
	size_t nunits, next;
	struct hb b;
	dun_date start;			/* history_start, or DUN_NODATE */
};

struct ledger_hist *
ledger_hist_open(struct dun_ledger *l, const struct dun_config *c,
    char *const *units, size_t nunits, dun_bad_fn *report, void *arg,
    struct dun_err *err)
{
	struct ledger_hist *lh = xmalloc(sizeof *lh);

	memset(lh, 0, sizeof *lh);
	lh->l = l;
	lh->c = c;
	lh->report = report;
	lh->arg = arg;
	lh->units = nunits ? units : NULL;
	lh->nunits = nunits;
	hb_init(&lh->b);
	if (stmt(l, Q_H_UNITS, err) == NULL) {
		ledger_hist_close(lh);
		return NULL;
	}
	switch (dun_ledger_history_start(l, &lh->start, err)) {
	case -1:
		ledger_hist_close(lh);
		return NULL;
	case 0:
		lh->start = DUN_NODATE;
		break;
	}
	return lh;
}

void
ledger_hist_close(struct ledger_hist *lh)
{
	if (lh == NULL)
		return;
	hb_free(&lh->b);
	free(lh);
}

static void
bad_fee(struct ledger_hist *lh, const char *fee)
{
	struct dun_err e;

	dun_err_set(&e, DUN_EXIT_DATA, "%s: unit %s: fee \"%s\" is not in the "
	    "config", lh->l->path, lh->b.h.unit, fee);
	lh->report(&e, lh->arg);
	lh->b.bad = 1;
}

/* Read one kind of the unit's rows with statement q. */
static int
rows(struct ledger_hist *lh, int q, int64_t id, struct dun_err *err)
{
	sqlite3_stmt *st = stmt(lh->l, q, err);
	struct hb *b = &lh->b;
	int rc;

	if (st == NULL)
		return -1;
	bind_int(st, 1, id);
	if (bound(lh->l, st, err) < 0)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (q == Q_H_CHARGES) {
			const char *fee = col_text(st, 0);
			int f = hb_fee(b, lh->c, fee, 0);
			struct dun_hcharge *c;

			if (f == DUN_FEE_DEPOSIT)
				continue;
			c = hb_charge(b);
			c->fee = f;
			if (c->fee == DUN_FEE_NONE || c->fee == DUN_FEE_LATE)
				bad_fee(lh, fee);
			c->period = period_load(sqlite3_column_int(st, 1));
			c->due = sqlite3_column_int(st, 2);
			c->amount = sqlite3_column_int64(st, 3);
			c->paid = sqlite3_column_int64(st, 4);
			c->waived = sqlite3_column_int64(st, 5);
			c->has_range = sqlite3_column_type(st, 6) !=
			    SQLITE_NULL;
			c->start = c->has_range ? sqlite3_column_int(st, 6) :
			    period_day1(c->period);
			c->until = c->has_range && sqlite3_column_type(st, 7) !=
			    SQLITE_NULL ? sqlite3_column_int(st, 7) :
			    DUN_NODATE;
		} else if (q == Q_H_PAYMENTS || q == Q_H_ADJUSTMENTS) {
			struct dun_hmoney *m = q == Q_H_PAYMENTS ?
			    hb_payment(b) : hb_adjustment(b);
			const char *fee = col_text(st, 2);

			m->date = sqlite3_column_int(st, 0);
			m->amount = sqlite3_column_int64(st, 1);
			m->fee = hb_fee(b, lh->c, fee, 1);
			if (m->fee == DUN_FEE_DEPOSIT) {
				if (q == Q_H_PAYMENTS)
					b->h.npayments--;
				else
					b->h.nadjustments--;
				continue;
			}
			m->has_period = sqlite3_column_type(st, 3) !=
			    SQLITE_NULL;
			m->period = period_load(sqlite3_column_int(st, 3));
			m->ref = hb_str(b, col_text(st, 4));
			m->reversed = sqlite3_column_int(st, 5);
		} else if (q == Q_H_EVENTS) {
			struct dun_hevent *e = hb_event(b);

			e->type = dun_event_parse(col_text(st, 0));
			e->date = sqlite3_column_int(st, 1);
			e->has_due = sqlite3_column_type(st, 2) != SQLITE_NULL;
			e->due = sqlite3_column_int(st, 2);
			e->has_amount = sqlite3_column_type(st, 3) !=
			    SQLITE_NULL;
			e->amount = sqlite3_column_int64(st, 3);
			e->ref = hb_str(b, col_text(st, 4));
		} else {
			struct dun_hnotice *n = hb_notice(b);

			n->notice = hb_str(b, col_text(st, 0));
			n->stage = stage_index(lh->c, col_text(st, 1));
			n->date = sqlite3_column_int(st, 2);
			n->episode = sqlite3_column_int(st, 3);
			n->has_episode = 1;
			n->channel = hb_str(b, col_text(st, 4));
			n->cls = hb_str(b, col_text(st, 5));
		}
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return dberr(lh->l, err, "cannot read");
	return 0;
}

int
ledger_hist_next(struct ledger_hist *lh, const struct dun_hist **h,
    int *bad, struct dun_err *err)
{
	static const int qs[] = { Q_H_CHARGES, Q_H_PAYMENTS, Q_H_ADJUSTMENTS,
		Q_H_EVENTS, Q_H_NOTICES };
	struct hb *b = &lh->b;
	sqlite3_stmt *st;
	int64_t id;
	size_t i;
	int rc;

	for (;;) {
		if (lh->units) {
			if (lh->next >= lh->nunits)
				return 0;
			if ((st = stmt(lh->l, Q_H_UNIT, err)) == NULL)
				return -1;
			bind_text(st, 1, lh->units[lh->next++]);
			if (bound(lh->l, st, err) < 0)
				return -1;
		} else
			st = lh->l->st[Q_H_UNITS];
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW)
			break;
		if (rc != SQLITE_DONE) {
			sqlite3_reset(st);
			return dberr(lh->l, err, "cannot read");
		}
		if (!lh->units) {
			sqlite3_reset(st);
			return 0;
		}
		{
			struct dun_err e;

			dun_err_set(&e, DUN_EXIT_DATA, "%s: no unit \"%s\"",
			    lh->l->path, lh->units[lh->next - 1]);
			lh->report(&e, lh->arg);
			sqlite3_reset(st);
			*bad = 1;
		}
	}
	hb_reset(b);
	id = sqlite3_column_int64(st, 0);
	b->h.unit = hb_str(b, col_text(st, 1));
	for (i = 0; i < 6; i++)
		b->h.info[i] = hb_str(b, col_text(st, (int)i + 2));
	b->h.dnc = sqlite3_column_int(st, 8);
	if (lh->units)
		sqlite3_reset(st);
	for (i = 0; i < sizeof qs / sizeof *qs; i++)
		if (rows(lh, qs[i], id, err) < 0)
			return -1;
	hb_settle(b, lh->start);
	*h = &b->h;
	*bad = b->bad;
	return 1;
}

/* ---- the notice register ---------------------------------------------- */

int
dun_ledger_unit(struct dun_ledger *l, const char *unit,
    struct dun_unit_info *u, struct dun_err *err)
{
	sqlite3_stmt *st = stmt(l, Q_N_UNIT, err);
	int rc, i;

	if (st == NULL)
		return -1;
	bind_text(st, 1, unit);
	if (bound(l, st, err) < 0)
		return -1;
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE) {
		sqlite3_reset(st);
		return 0;
	}
	if (rc != SQLITE_ROW) {
		sqlite3_reset(st);
		return dberr(l, err, "cannot read");
	}
	memset(u, 0, sizeof *u);
	u->id = sqlite3_column_int64(st, 0);
	for (i = 0; i < 8; i++) {
		const char *s = col_text(st, i + 1);

		free(l->unit_text[i]);
		u->text[i] = l->unit_text[i] = xstrdup(s ? s : "");
	}
	u->dnc = sqlite3_column_int(st, 9);
	sqlite3_reset(st);
	return 1;
}

int
dun_ledger_notice_find(struct dun_ledger *l, int64_t unit_id,
    const char *stage, dun_date episode, char *notice, size_t n,
    struct dun_err *err)
{
	sqlite3_stmt *st = stmt(l, Q_N_FIND, err);
	int rc;

	if (st == NULL)
		return -1;
	bind_int(st, 1, unit_id);
	bind_text(st, 2, stage);
	bind_int(st, 3, episode);
	if (bound(l, st, err) < 0)
		return -1;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		snprintf(notice, n, "%s", col_text(st, 0));
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return dberr(l, err, "cannot read");
	return rc == SQLITE_ROW;
}

int
dun_ledger_notice_last(struct dun_ledger *l, int64_t unit_id,
    dun_date *date, struct dun_err *err)
{
	sqlite3_stmt *st = stmt(l, Q_N_LAST, err);
	int rc, found = 0;

	if (st == NULL)
		return -1;
	bind_int(st, 1, unit_id);
	if (bound(l, st, err) < 0)
		return -1;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL) {
		*date = sqlite3_column_int(st, 0);
		found = 1;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return dberr(l, err, "cannot read");
	return found;
}

int
dun_ledger_notice_add(struct dun_ledger *l, const struct dun_notice_row *r,
    struct dun_err *err)
{
	return ledger_notice_put(l, r, 0, NULL, err);
}

int
ledger_notice_put(struct dun_ledger *l, const struct dun_notice_row *r,
    int pending, int64_t *id, struct dun_err *err)
{
	sqlite3_stmt *st = stmt(l, Q_N_ADD, err);
	char now[32];
	struct tm tm;
	time_t t = time(NULL);

	if (st == NULL)
		return -1;
	gmtime_r(&t, &tm);
	strftime(now, sizeof now, "%Y-%m-%dT%H:%M:%SZ", &tm);
	bind_text(st, 1, r->notice);
	bind_int(st, 2, r->unit_id);
	bind_text(st, 3, r->stage);
	bind_text(st, 4, r->channel);
	bind_int(st, 5, r->episode);
	bind_int(st, 6, r->date);
	bind_text(st, 7, r->recipient);
	bind_text(st, 8, r->file);
	bind_text(st, 9, r->sha256);
	bind_text(st, 10, r->reason);
	bind_text(st, 11, now);
	bind_text(st, 12, r->receipt);
	bind_text(st, 13, r->cls);
	bind_text(st, 14, pending ? "pending" : "issued");
	if (run(l, st, err) < 0)
		return -1;
	if (id != NULL)
		*id = sqlite3_last_insert_rowid(l->db);
	return 0;
}

/* ---- a batch's files, until they are in place (fileset.c) ---------------- */

int
ledger_batch_file(struct dun_ledger *l, const char *batch, const char *dir,
    const char *tmp, const char *final, int64_t notice_id, const char *of,
    struct dun_err *err)
{
	sqlite3_stmt *st = stmt(l, Q_NF_ADD, err);

	if (st == NULL)
		return -1;
	bind_text(st, 1, batch);
	bind_text(st, 2, dir);
	bind_text(st, 3, tmp);
	bind_text(st, 4, final);
	bind_opt(st, 5, notice_id != 0, notice_id);
	bind_text(st, 6, of);
	return run(l, st, err);
}

int
ledger_batch_done(struct dun_ledger *l, const char *batch, int issue,
    struct dun_err *err)
{
	sqlite3_stmt *st;

	if (issue) {
		if ((st = stmt(l, Q_NF_ISSUE, err)) == NULL)
			return -1;
		bind_text(st, 1, batch);
		if (run(l, st, err) < 0)
			return -1;
	}
	if ((st = stmt(l, Q_NF_DROP, err)) == NULL)
		return -1;
	bind_text(st, 1, batch);
	return run(l, st, err);
}

int
ledger_batch_files(struct dun_ledger *l, struct batch_file **v, size_t *n,
    struct dun_err *err)
{
	sqlite3_stmt *st = stmt(l, Q_NF_ALL, err);
	size_t cap = 0;
	int rc;

	*v = NULL;
	*n = 0;
	if (st == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct batch_file *f;

		if (*n == cap) {
			cap = cap ? 2 * cap : 16;
			*v = xrealloc(*v, cap * sizeof **v);
		}
		f = &(*v)[(*n)++];
		f->batch = xstrdup(col_text(st, 0) ? col_text(st, 0) : "");
		f->dir = xstrdup(col_text(st, 1) ? col_text(st, 1) : "");
		f->tmp = xstrdup(col_text(st, 2) ? col_text(st, 2) : "");
		f->final = xstrdup(col_text(st, 3) ? col_text(st, 3) : "");
		f->notice_id = sqlite3_column_int64(st, 4);
		f->of = col_text(st, 5) ? xstrdup(col_text(st, 5)) : NULL;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		ledger_batch_files_free(*v, *n);
		*v = NULL;
		*n = 0;
		return dberr(l, err, "cannot read");
	}
	return 0;
}

void
ledger_batch_files_free(struct batch_file *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(v[i].batch);
		free(v[i].dir);
		free(v[i].tmp);
		free(v[i].final);
		free(v[i].of);
	}
	free(v);
}

int
ledger_durable(struct dun_ledger *l, struct dun_err *err)
{
	return exec(l, "PRAGMA synchronous = FULL", err);
}

int
ledger_notice_settle(struct dun_ledger *l, int64_t id, int issue,
    struct dun_err *err)
{
	sqlite3_stmt *st = stmt(l, issue ? Q_N_SETTLE : Q_N_WITHDRAW, err);

	if (st == NULL)
		return -1;
	bind_int(st, 1, id);
	return run(l, st, err);
}

/* ---- evidence --------------------------------------------------------- */

int
dun_ledger_each(struct dun_ledger *l, int what, const char *unit,
    int64_t unit_id, dun_row_fn *fn, void *arg, struct dun_err *err)
{
	static const int qs[] = { Q_E_UNIT, Q_E_PAYMENTS, Q_E_ADJUSTMENTS,
		Q_E_EVENTS, Q_E_NOTICES, Q_E_IMPORTS };
	const char *text[16];
	int64_t num[16];
	int null[16];
	sqlite3_stmt *st;
	int rc, i, n, stop = 0;

	if (what < 0 || what >= (int)(sizeof qs / sizeof *qs))
		return -1;
	if ((st = stmt(l, qs[what], err)) == NULL)
		return -1;
	if (what == DUN_EACH_UNIT)
		bind_text(st, 1, unit);
	else
		bind_int(st, 1, unit_id);
	if (bound(l, st, err) < 0)
		return -1;
	n = sqlite3_column_count(st);
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		for (i = 0; i < n && i < 16; i++) {
			null[i] = sqlite3_column_type(st, i) == SQLITE_NULL;
			num[i] = sqlite3_column_int64(st, i);
			text[i] = col_text(st, i);
		}
		stop = fn(arg, n, text, num, null);
	}
	sqlite3_reset(st);
	if (!stop && rc != SQLITE_DONE)
		return dberr(l, err, "cannot read");
	return 0;
}

/* ---- settings ----------------------------------------------------------- */

int
dun_ledger_history_start(struct dun_ledger *l, dun_date *d,
    struct dun_err *err)
{
	sqlite3_stmt *st = stmt(l, Q_SET_GET, err);
	char why[DUN_WHY];
	const char *s;
	int rc, found = 0;

	if (st == NULL)
		return -1;
	bind_text(st, 1, "history_start");
	if (bound(l, st, err) < 0)
		return -1;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		s = col_text(st, 0);
		if (s == NULL || dun_date_parse(s, strlen(s), DUN_DATE_ISO, d,
		    why) < 0) {
			dun_err_set(err, DUN_EXIT_DATA, "%s: settings: "
			    "history_start: \"%s\" is not a date", l->path,
			    s ? s : "");
			sqlite3_reset(st);
			return -1;
		}
		found = 1;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return dberr(l, err, "cannot read");
	return found;
}

int
dun_ledger_set_history_start(struct dun_ledger *l, dun_date d,
    struct dun_err *err)
{
	sqlite3_stmt *st = stmt(l, Q_SET_PUT, err);
	char b[DUN_DATE_BUFSZ];

	if (st == NULL)
		return -1;
	bind_text(st, 1, "history_start");
	bind_text(st, 2, dun_date_fmt(d, b));
	return run(l, st, err);
}

/*
 * ledger_schema.c — the ledger's schema, version by version, and the
 * migration that brings a ledger up to the newest, its version kept as
 * its backend keeps it (SQLite: PRAGMA user_version).  The schema is
 * SQLite's SQL (INTEGER PRIMARY KEY for a row id, WITHOUT ROWID).
 */
#include "ledger_int.h"

#define SCHEMA_VERSION 7

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

/* Version 7: a file loaded whole is known again by its bytes, and
 * passed over (dun-import(1)).  bytes: the file's size; recipe: the
 * SHA-256 of how it was read (dun's version, the config in force, the
 * encoding and sheet asked for); complete: 1 when every row of it was
 * loaded, none rejected, without --replace. */
static const char schema_v7[] =
"ALTER TABLE imports ADD COLUMN bytes INTEGER;\n"
"ALTER TABLE imports ADD COLUMN recipe TEXT;\n"
"ALTER TABLE imports ADD COLUMN complete INTEGER NOT NULL DEFAULT 0\n"
"  CHECK (complete IN (0, 1));\n";

static const char *const migrations[SCHEMA_VERSION] = { schema_v1,
	schema_v2, schema_v3, schema_v4, schema_v5, schema_v6, schema_v7 };

int
ledger_migrate(struct dun_ledger *l, struct dun_err *err)
{
	const struct ledger_backend *be = l->be;
	int v, tables;

	if (be->version(l, &v) < 0 || be->objects(l, &tables) < 0)
		return ledger_dberr(l, err, "cannot read");
	if (v > SCHEMA_VERSION) {
		dun_err_set(err, DUN_EXIT_SYS, "%s: ledger schema version %d is "
		    "newer than this dun knows (%d): upgrade dun", l->path, v,
		    SCHEMA_VERSION);
		return -1;
	}
	if (v == 0 && tables > 0) {
		dun_err_set(err, DUN_EXIT_SYS, "%s: is %s but not a dun ledger",
		    l->path, be->kind);
		return -1;
	}
	if (v == SCHEMA_VERSION)
		return 0;
	if (be->begin(l, LEDGER_TX_WRITE, err) < 0)
		return -1;
	if (be->version(l, &v) < 0) {
		ledger_dberr(l, err, "cannot read");
		goto fail;
	}
	for (; v < SCHEMA_VERSION; v++)
		if (be->exec(l, migrations[v], err) < 0 ||
		    be->set_version(l, v + 1, err) < 0)
			goto fail;
	return be->commit(l, err);
fail:
	be->rollback(l);
	return -1;
}

int
dun_ledger_version(struct dun_ledger *l)
{
	int v = -1;

	l->be->version(l, &v);
	return v;
}

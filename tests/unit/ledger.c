/* The ledger: created private, versioned, and reopened as it was. */
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "ledger_int.h"
#include "tap.h"
#include "unit.h"

/* Reversals: a payment found by its ref, reversed once, the same again
 * unchanged, another reason a conflict unless replaced. */
static void
reversals(const char *path)
{
	struct dun_err err;
	struct dun_ledger *l = dun_ledger_open(path, DUN_LEDGER_CREATE, &err);
	struct money_row m, old;
	struct reversal_row v, was;
	struct buf unit = { 0 }, why = { 0 };
	int64_t imp = 0, uid = 0;

	ok(l != NULL && dun_ledger_begin(l, &err) == 0 &&
	    ledger_import_begin(l, "t.tsv", "payment", &imp, &err) == 0 &&
	    ledger_unit_id(l, "3-1201", imp, &uid, &err) == 2,
	    "reversals: a ledger with a unit");
	if (l == NULL)
		return;
	memset(&m, 0, sizeof m);
	m.ref = "P1";
	m.unit = "3-1201";
	m.unit_id = uid;
	m.date = 20527;			/* 2026-03-15 */
	m.amount = 100000;
	is_int(ledger_put_money(l, 0, &m, imp, 0, &old, &unit,
	    &err), PUT_INSERTED, "  a payment P1");
	memset(&m, 0, sizeof m);
	is_int(ledger_money_find(l, "P1", &m, &unit, &err),
	    FOUND_PAYMENT, "  found by its ref, as a payment");
	is_str(unit.s, "3-1201", "  of its unit");
	is_int(m.date, 20527, "  on its date");
	is_int(ledger_money_find(l, "P9", &m, &unit, &err), 0,
	    "  an unknown ref is not found");
	is_int(ledger_reversal(l, "P1", &was, &why, &err), 0,
	    "  P1 is not reversed");
	v.ref = "P1";
	v.reason = "退票";
	v.date = 20532;
	v.import_id = imp;
	is_int(ledger_put_reversal(l, &v, imp, 0, &was, &why,
	    &err), PUT_INSERTED, "  reversed");
	is_int(ledger_put_reversal(l, &v, imp, 0, &was, &why,
	    &err), PUT_UNCHANGED, "  again: unchanged");
	v.reason = "录入错误";
	is_int(ledger_put_reversal(l, &v, imp, 0, &was, &why,
	    &err), PUT_CONFLICT, "  for another reason: a conflict");
	is_str(was.reason, "退票", "  showing the reason recorded");
	is_int(ledger_put_reversal(l, &v, imp, 1, &was, &why,
	    &err), PUT_UPDATED, "  replaced");
	ok(ledger_reversal(l, "P1", &was, &why, &err) == 1 &&
	    strcmp(was.reason, "录入错误") == 0 && was.date == 20532,
	    "  and read back");
	ok(dun_ledger_commit(l, &err) == 0, "  committed");
	dun_ledger_close(l);
	buf_free(&unit);
	buf_free(&why);
}

/* An import's own row. */
static int
import_file(void *arg, int n, const char *const *text, const int64_t *num,
    const int *null)
{
	(void)num;
	(void)null;
	if (n >= 1 && text[0] != NULL)
		snprintf(arg, 64, "%s", text[0]);
	return 0;
}

/* The ids a write gives back are its rows' (RETURNING id; they were
 * SQLite's last rowid): an import's, a unit's, a notice's, one after
 * another; and a write that fails says so as it did, and gives none. */
static void
ids(const char *path)
{
	struct dun_err err = { 0, "" };
	struct dun_ledger *l = dun_ledger_open(path, DUN_LEDGER_CREATE, &err);
	struct dun_ledger *other;
	struct dun_household hh;
	struct dun_notice_row nr;
	struct charge_row c, old;
	int64_t imp = 0, imp2 = 0, a = 0, b = 0, id = 0, nid = 0, nid2 = 0;
	char file[64] = "", *want, *found = NULL;

	ok(l != NULL && dun_ledger_begin(l, &err) == 0 &&
	    ledger_import_begin(l, "one.tsv", "unit", &imp, &err) == 0 &&
	    ledger_import_begin(l, "two.tsv", "unit", &imp2, &err) == 0,
	    "ids: two imports");
	if (l == NULL)
		return;
	is_int(imp, 1, "  the first import is 1");
	is_int(imp2, 2, "  the second 2");
	is_int(ledger_unit_id(l, "A1", imp2, &a, &err), 2, "  unit A1 made");
	is_int(ledger_unit_id(l, "B1", imp2, &b, &err), 2, "  unit B1 made");
	ok(a == 1 && b == 2, "  their ids 1 and 2 (%lld, %lld)",
	    (long long)a, (long long)b);
	ok(dun_ledger_unit(l, "B1", &id, &hh, &err) == 1 && id == b,
	    "  B1 is found by its id");
	ok(dun_ledger_each(l, DUN_EACH_IMPORTS, b, import_file, file,
	    &err) == 0 && strcmp(file, "two.tsv") == 0,
	    "  made by its import");
	memset(&c, 0, sizeof c);
	c.unit = "A1";
	c.fee = "management";
	c.unit_id = a;
	c.period = dun_period_make(2026, 10);
	c.due = 20757;
	c.amount = 30000;
	is_int(ledger_put_charge(l, &c, imp2, 0, &old, &err), PUT_INSERTED,
	    "  a charge inserted");
	is_int(ledger_put_charge(l, &c, imp2, 0, &old, &err), PUT_UNCHANGED,
	    "  again: it changed no row, unchanged");
	ok(dun_ledger_commit(l, &err) == 0, "  committed");

	/* A notice outside any transaction: committed by itself. */
	memset(&nr, 0, sizeof nr);
	nr.notice = "N-1";
	nr.stage = "reminder";
	nr.channel = "sms";
	nr.unit_id = a;
	nr.episode = 20757;
	nr.date = 20780;
	ok(ledger_notice_put(l, &nr, 1, &nid, &err) == 0 && nid == 1,
	    "  a notice, pending: id 1");
	nr.notice = "N-2";
	nr.stage = "letter";
	nr.unit_id = b;
	ok(ledger_notice_put(l, &nr, 0, &nid2, &err) == 0 && nid2 == 2,
	    "  another: id 2");
	other = dun_ledger_open(path, 0, &err);
	ok(other != NULL && dun_ledger_notice_find(other, b, "letter", 20757,
	    &found, &err) == 1 && found && strcmp(found, "N-2") == 0,
	    "  seen from another connection");
	free(found);
	found = NULL;
	ok(ledger_notice_settle(l, nid, 1, &err) == 0 && other != NULL &&
	    dun_ledger_notice_find(other, a, "reminder", 20757, NULL,
	    &err) == 1, "  the pending one settled by its id");
	dun_ledger_close(other);

	/* Failing: the same notice again (its name is unique), and one of
	 * a unit there is not (a foreign key, checked at the statement's
	 * end). */
	nid = -7;
	is_int(ledger_notice_put(l, &nr, 0, &nid, &err), -1,
	    "  a notice twice is refused");
	want = str_fmt("%s: cannot write: UNIQUE constraint failed: "
	    "notices.notice", path);
	is_str(err.msg, want, "  saying why");
	free(want);
	is_int(err.code, DUN_EXIT_SYS, "  a system error");
	is_int(nid, -7, "  and giving no id");
	nr.notice = "N-3";
	nr.unit_id = 99;
	is_int(ledger_notice_put(l, &nr, 0, &nid, &err), -1,
	    "  a notice of no unit is refused");
	want = str_fmt("%s: cannot write: FOREIGN KEY constraint failed",
	    path);
	is_str(err.msg, want, "  saying why");
	free(want);
	is_int(nid, -7, "  and giving no id");
	is_int(dun_ledger_notice_find(l, 99, "letter", 20757, NULL, &err), 0,
	    "  nor recorded");
	dun_ledger_close(l);
}

/* A value longer than SQLite stores (a billion bytes) is bad data that
 * names its column, and nothing is written (issue 14: it was stored as
 * NULL and counted as inserted). */
static void
too_long(const char *path)
{
	struct dun_err err = { 0, "" };
	struct dun_ledger *l = dun_ledger_open(path, DUN_LEDGER_CREATE, &err);
	struct event_row e;
	struct money_row m, old;
	size_t n = 1000000001;
	char *big = malloc(n + 1);
	struct buf unit = { 0 };
	int64_t imp = 0, uid = 0;

	ok(l != NULL && big != NULL && dun_ledger_begin(l, &err) == 0 &&
	    ledger_import_begin(l, "t.tsv", "event", &imp, &err) == 0 &&
	    ledger_unit_id(l, "3-1202", imp, &uid, &err) == 2,
	    "too long: a ledger with a unit");
	if (l == NULL || big == NULL) {
		free(big);
		return;
	}
	memset(big, 'x', n);
	big[n] = '\0';
	memset(&e, 0, sizeof e);
	e.unit_id = uid;
	e.date = 20527;
	e.type = "contact";
	e.note = big;
	is_int(ledger_put_event(l, &e, imp, &err), -1, "  a note of %zu "
	    "bytes is refused", n);
	is_int(err.code, DUN_EXIT_DATA, "  as bad data");
	is_str(err.msg, "events.note: the value is longer than the ledger "
	    "stores (1000000000 bytes)", "  naming its column");
	e.note = NULL;
	is_int(ledger_put_event(l, &e, imp, &err), PUT_INSERTED,
	    "  and nothing was stored in its place");
	memset(&m, 0, sizeof m);
	m.ref = "P2";
	m.unit = "3-1202";
	m.unit_id = uid;
	m.date = 20527;
	m.amount = 100;
	m.text = big;
	is_int(ledger_put_money(l, 0, &m, imp, 0, &old, &unit,
	    &err), -1, "  a payment's method of %zu bytes is refused", n);
	is_str(err.msg, "payments.method: the value is longer than the "
	    "ledger stores (1000000000 bytes)", "  naming its column");
	m.ref = big;
	is_int(ledger_money_find(l, big, &m, &unit, &err), -1,
	    "  so is a ref of %zu bytes, looked for", n);
	is_str(err.msg, "payments.ref: the value is longer than the "
	    "ledger stores (1000000000 bytes)", "  naming its column");
	{
		struct dun_household u;
		int64_t id;
		char *found = NULL;

		err.msg[0] = '\0';
		is_int(dun_ledger_unit(l, big, &id, &u, &err), -1, "  a unit of %zu "
		    "bytes looked up for a notice is an error, not \"no such "
		    "unit\"", n);
		ok(strstr(err.msg, "longer than the ledger stores") != NULL,
		    "  saying why (%s)", err.msg);
		is_int(dun_ledger_notice_find(l, uid, big, 20527, &found,
		    &err), -1, "  so is a stage of %zu bytes "
		    "looked for in the register, not \"not issued\"", n);
		free(found);
	}
	free(big);
	buf_free(&unit);
	dun_ledger_rollback(l);
	dun_ledger_close(l);
}

/* How SQLite runs statement q: each of its plan's steps, "; " between.
 * Empty if it cannot be prepared. */
static void
plan(struct dun_ledger *l, int q, char *buf, size_t bufsz)
{
	struct dun_err err;
	struct ledger_stmt *st = ledger_stmt(l, q, &err);
	sqlite3_stmt *ep;
	char *s;
	size_t n = 0;

	buf[0] = '\0';
	if (st == NULL || (s = sqlite3_mprintf("EXPLAIN QUERY PLAN %s",
	    st->sql)) == NULL)
		return;
	if (sqlite3_prepare_v2(ledger_sqlite_db(l), s, -1, &ep, NULL) ==
	    SQLITE_OK) {
		while (sqlite3_step(ep) == SQLITE_ROW && n < bufsz)
			n += (size_t)snprintf(buf + n, bufsz - n, "%s%s",
			    n ? "; " : "", (const char *)sqlite3_column_text(ep,
			    3));
		sqlite3_finalize(ep);
	}
	sqlite3_free(s);
}

/* The histories are read a table at a time in unit order, and a unit's
 * rows by themselves: each statement follows an index or the table's own
 * key, and sorts nothing (a sort would read the whole table again each
 * time a cursor is set at a unit). */
static void
plans(const char *path)
{
	static const struct {
		int q;
		const char *name, *uses;
	} qs[] = {
		{ Q_H_UNITS, "units", "sqlite_autoindex_units_1" },
		{ Q_S_CHARGES, "charges", "PRIMARY KEY (unit_id>?)" },
		{ Q_S_DETAILS, "details", "PRIMARY KEY (unit_id>?)" },
		{ Q_S_PAYMENTS, "payments", "payments_by_unit (unit_id>?)" },
		{ Q_S_ADJUSTMENTS, "adjustments",
		    "adjustments_by_unit (unit_id>?)" },
		{ Q_S_EVENTS, "events", "events_by_unit (unit_id>?)" },
		{ Q_S_NOTICES, "notices", "notices_by_unit (unit_id>?)" },
		{ Q_S_REVERSALS, "reversals", "sqlite_autoindex_reversals_1" },
		{ Q_H_CHARGES, "a unit's charges", "PRIMARY KEY (unit_id=?)" },
		{ Q_H_PAYMENTS, "a unit's payments",
		    "payments_by_unit (unit_id=?)" },
		{ Q_H_NOTICES, "a unit's notices",
		    "notices_by_unit (unit_id=?)" },
	};
	struct dun_err err;
	struct dun_ledger *l = dun_ledger_open(path, DUN_LEDGER_CREATE, &err);
	char buf[1024];
	size_t i;

	ok(l != NULL, "histories: a ledger");
	if (l == NULL)
		return;
	for (i = 0; i < sizeof qs / sizeof *qs; i++) {
		plan(l, qs[i].q, buf, sizeof buf);
		ok(strstr(buf, qs[i].uses) != NULL && strstr(buf, "TEMP") ==
		    NULL, "  %s: by %s, no sort (%s)", qs[i].name, qs[i].uses,
		    buf);
	}
	dun_ledger_close(l);
}

int
main(void)
{
	const char *dir = unit_scratch("ledger");
	char path[256], cmd[300];
	struct dun_err err;
	struct dun_ledger *l;
	struct stat st;

	snprintf(path, sizeof path, "%s/x.db", dir);
	l = dun_ledger_open(path, 0, &err);
	ok(l == NULL, "no ledger is made without CREATE");
	is_int(err.code, DUN_EXIT_SYS, "  a system error");
	ok(access(path, F_OK) != 0, "  and no file left");

	l = dun_ledger_open(path, DUN_LEDGER_CREATE, &err);
	ok(l != NULL, "a new ledger");
	is_int(dun_ledger_version(l), 7, "  at schema version 7");
	if (stat(path, &st) < 0)
		st.st_mode = 0;
	ok((st.st_mode & 0777) == 0600, "  readable by its owner only "
	    "(mode %o)", st.st_mode & 0777);
	ok(dun_ledger_begin(l, &err) == 0 && dun_ledger_commit(l, &err) == 0,
	    "  takes a transaction");
	dun_ledger_close(l);
	l = dun_ledger_open(path, 0, &err);
	ok(l != NULL && dun_ledger_version(l) == 7, "reopens");
	dun_ledger_close(l);

	snprintf(path, sizeof path, "%s/rev.db", dir);
	reversals(path);
	snprintf(path, sizeof path, "%s/big.db", dir);
	too_long(path);
	snprintf(path, sizeof path, "%s/plan.db", dir);
	plans(path);
	snprintf(path, sizeof path, "%s/ids.db", dir);
	ids(path);

	snprintf(path, sizeof path, "%s/other.db", dir);
	snprintf(cmd, sizeof cmd, "sqlite3 %s 'CREATE TABLE t(x)'", path);
	if (system(cmd) == 0) {
		l = dun_ledger_open(path, DUN_LEDGER_CREATE, &err);
		ok(l == NULL, "another program's database is refused");
		ok(strstr(err.msg, "not a dun ledger") != NULL, "  saying so");
	}
	snprintf(path, sizeof path, "%s/future.db", dir);
	snprintf(cmd, sizeof cmd, "sqlite3 %s 'PRAGMA user_version = 99'",
	    path);
	if (system(cmd) == 0) {
		l = dun_ledger_open(path, 0, &err);
		ok(l == NULL && strstr(err.msg, "newer") != NULL,
		    "a ledger from a newer dun is refused");
	}
	l = dun_ledger_open(unit_put("junk.db", "this is not a database, "
	    "though long enough to look like one to a reader that does not "
	    "check the header at all........"), 0, &err);
	ok(l == NULL && err.code == DUN_EXIT_SYS, "a file of junk is refused");
	if (unit_scratch_remove() < 0)
		return 3;
	return done_testing();
}

/* The ledger: created private, versioned, and reopened as it was. */
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dun.h"
#include "tap.h"

int
main(void)
{
	char dir[] = "/tmp/dun-ledger.XXXXXX", path[256], cmd[300];
	struct dun_err err;
	struct dun_ledger *l;
	struct stat st;
	FILE *f;

	if (mkdtemp(dir) == NULL)
		return 3;
	snprintf(path, sizeof path, "%s/x.db", dir);
	l = dun_ledger_open(path, 0, &err);
	ok(l == NULL, "no ledger is made without CREATE");
	is_int(err.code, DUN_EXIT_SYS, "  a system error");
	ok(access(path, F_OK) != 0, "  and no file left");

	l = dun_ledger_open(path, DUN_LEDGER_CREATE, &err);
	ok(l != NULL, "a new ledger");
	is_int(dun_ledger_version(l), 5, "  at schema version 5");
	ok(stat(path, &st) == 0 && (st.st_mode & 0777) == 0600,
	    "  readable by its owner only (mode %o)", st.st_mode & 0777);
	ok(dun_ledger_begin(l, &err) == 0 && dun_ledger_commit(l, &err) == 0,
	    "  takes a transaction");
	dun_ledger_close(l);
	l = dun_ledger_open(path, 0, &err);
	ok(l != NULL && dun_ledger_version(l) == 5, "reopens");
	dun_ledger_close(l);

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
	snprintf(path, sizeof path, "%s/junk.db", dir);
	f = fopen(path, "w");
	fputs("this is not a database, though long enough to look like one "
	    "to a reader that does not check the header at all........", f);
	fclose(f);
	l = dun_ledger_open(path, 0, &err);
	ok(l == NULL && err.code == DUN_EXIT_SYS, "a file of junk is refused");
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	if (system(cmd) != 0)
		return 3;
	return done_testing();
}

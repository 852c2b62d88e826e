#!/bin/sh
# The ledger's backend seam (lib/ledger/ledger_db.h): SQLite is reached
# only through its backend, lib/ledger/ledger_sqlite.c, so that another
# engine is another backend and no caller changes.  No other file of lib/
# or cmd/ includes <sqlite3.h>, calls sqlite3_*, names SQLITE_*, or holds
# the engine's own settings or catalogue (PRAGMA, sqlite_master).
. "$(dirname "$0")/lib.sh"

cd "$top" || exit 3
files=$(find lib cmd -name '*.[ch]' | LC_ALL=C sort)
for what in '#include <sqlite3.h>' 'sqlite3_[a-z]' 'SQLITE_[A-Z]' \
    '"PRAGMA ' 'sqlite_master'; do
	got=$(grep -l -- "$what" $files | tr '\n' ' ')
	is "$got" "lib/ledger/ledger_sqlite.c " "only the SQLite backend has $what"
done
# Every backend operation is given (a NULL one would crash its caller).
ops=$(sed -n '/^struct ledger_backend {/,/^};/p' lib/ledger/ledger_db.h |
    sed -n 's/.*(\*\([a-z_0-9]*\))(.*/\1/p' | LC_ALL=C sort)
set=$(sed -n '/^const struct ledger_backend ledger_sqlite = {/,/^};/p' \
    lib/ledger/ledger_sqlite.c | sed -n 's/^	\.\([a-z_0-9]*\) = .*/\1/p' |
    grep -v '^kind$' | LC_ALL=C sort)
ok "$([ -n "$ops" ] && [ "$ops" = "$set" ]; echo $?)" \
    "the SQLite backend gives every operation ($(echo $ops | wc -w))"
cd "$tmp" || exit 3
done_testing

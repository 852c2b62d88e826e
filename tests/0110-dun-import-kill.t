#!/bin/sh
# kill -9 in the middle of a large import leaves the ledger as it was: all
# of the import or none of it, never a part.
. "$(dirname "$0")/lib.sh"

gen -u 8000 -m 24 -o . || exit 3
dun-import -d pristine.db units.tsv >/dev/null || exit 3
# Something already there, that must survive.
head -1000 charges.tsv >first.tsv
dun-import -d pristine.db first.tsv >/dev/null || exit 3
before=$(dump_sum pristine.db)
rows=$(sql pristine.db "SELECT count(*) FROM charges")
all=$(($(wc -l <charges.tsv) - 1))
pays=$(($(wc -l <payments.tsv) - 1))
killed=0

for delay in 0.05 0.1 0.2 0.3 0.4 0.6; do
	cp pristine.db l.db
	dun-import -d l.db charges.tsv payments.tsv >/dev/null 2>&1 &
	pid=$!
	sleep "$delay"
	if ! kill -9 "$pid" 2>/dev/null; then
		wait "$pid"
		echo "# the import finished within ${delay}s; nothing to kill"
		continue
	fi
	wait "$pid" 2>/dev/null
	is "$(sql l.db "PRAGMA integrity_check")" ok \
	    "killed after ${delay}s: the ledger is sound"
	n=$(sql l.db "SELECT count(*) FROM charges")
	p=$(sql l.db "SELECT count(*) FROM payments")
	if [ "$n" -eq "$rows" ]; then
		killed=$((killed + 1))
		is "$p" 0 "  no payment of the killed import is in it"
		is "$(dump_sum l.db)" "$before" "  it is exactly as before"
	else
		# The kill came after the commit: then all of it is there.
		is "$n" "$all" "  it had committed: every charge is in"
		is "$p" "$pays" "  and every payment"
	fi
done
ok "$(test "$killed" -gt 0; echo $?)" "at least one kill came before the commit ($killed)"
run dun-import -d l.db charges.tsv payments.tsv
is_rc 0 "after all that, the import goes through"
is "$(sql l.db "SELECT count(*) FROM charges")" "$all" "  with every charge"

# A first load into a new ledger: killed, it leaves the empty ledger (its
# rollback journal is rolled back by whoever opens it next), never a part.
killed=0
for delay in 0.1 0.3 0.6; do
	rm -f new.db new.db-journal new.db-wal new.db-shm
	dun-import -d new.db units.tsv charges.tsv payments.tsv >/dev/null 2>&1 &
	pid=$!
	sleep "$delay"
	if ! kill -9 "$pid" 2>/dev/null; then
		wait "$pid"
		continue
	fi
	wait "$pid" 2>/dev/null
	killed=$((killed + 1))
	run dun-import -d new.db -k unit unit=X-1
	is_rc 0 "a first load killed after ${delay}s: the ledger opens"
	is "$(sql new.db "PRAGMA integrity_check; SELECT count(*) FROM units; SELECT count(*) FROM charges; SELECT count(*) FROM payments")" \
	    "ok
1
0
0" "  sound, and empty but for what came after"
done
ok "$(test "$killed" -gt 0; echo $?)" "at least one first load was killed ($killed)"
rm -f new.db new.db-journal
run dun-import -d new.db units.tsv charges.tsv payments.tsv
is_rc 0 "a first load that goes through"
is "$(sql new.db "PRAGMA journal_mode; SELECT count(*) FROM charges; SELECT count(*) FROM payments")" \
    "wal
$all
$pays" "  leaves the ledger in WAL mode, with every row"
is "$(sql new.db "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name")" \
    "$(sql l.db "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name")" \
    "  and every index, made after its rows"
is "$(sql new.db "PRAGMA integrity_check")" ok "  sound"
ls new.db-journal >/dev/null 2>&1
ok "$(test $? -ne 0; echo $?)" "  no journal is left"

# A progress line on standard error, only when it is a terminal.
if command -v script >/dev/null 2>&1; then
	script -qec "dun-import -d p.db units.tsv charges.tsv >/dev/null" /dev/null >tty.txt 2>&1
	grep -q 'dun-import: charges.tsv: 65536 rows' tty.txt
	ok $? "a terminal sees the progress of a large import"
	run dun-import -d p2.db units.tsv charges.tsv
	is "$(cat err)" "" "  a pipe or a file does not"
fi
done_testing

#!/bin/sh
# Which ledger a program opens: -d, else $DUN_LEDGER, else $DUN_DB (its
# older name), else the config's ledger, else ./dun.db.
. "$(dirname "$0")/lib.sh"

printf 'unit\towner\nU1\t张三\n' >units.tsv
made() {	# made: the ledgers there are now, removed
	ls -- *.db 2>/dev/null | tr '\n' ' '
	rm -f -- *.db *.db-*
}

dun-import units.tsv >/dev/null
is "$(made)" "dun.db " "nothing named: ./dun.db"
dun-import -d a.db units.tsv >/dev/null
is "$(made)" "a.db " "-d names it"
DUN_LEDGER=b.db dun-import units.tsv >/dev/null
is "$(made)" "b.db " "DUN_LEDGER names it"
DUN_DB=c.db dun-import units.tsv >/dev/null
is "$(made)" "c.db " "DUN_DB, its older name, too"
DUN_LEDGER=b.db DUN_DB=c.db dun-import units.tsv >/dev/null
is "$(made)" "b.db " "DUN_LEDGER before DUN_DB"
{ cat dun.yaml; echo "ledger: d.db"; } >conf.yaml
dun-import -c conf.yaml units.tsv >/dev/null
is "$(made)" "d.db " "the config's ledger, when nothing else names one"
DUN_LEDGER=b.db dun-import -c conf.yaml units.tsv >/dev/null
is "$(made)" "b.db " "DUN_LEDGER before the config's"
DUN_LEDGER=b.db dun-import -c conf.yaml -d a.db units.tsv >/dev/null
is "$(made)" "a.db " "-d before all"

# The programs that read it find it the same way.
dun-import -c conf.yaml units.tsv >/dev/null
check 0 "" "" "dun-age reads the config's ledger" -- \
    sh -c 'dun-age -c conf.yaml -t 2026-11-24 | wc -l | tr -d " " | grep -qx 1'
{ cat dun.yaml; echo "ledger: gone.db"; } >gone.yaml
run dun-age -c gone.yaml -t 2026-11-24
is "$rc:$(grep -c gone.db err)" "3:1" "a config's ledger not there is said"
printf 'ledger: [d.db]\n' >bad.yaml
run dun-age -c bad.yaml
is "$rc" 2 "a ledger that is not a string is a config error"

done_testing

#!/bin/sh
# make demo: load the example estate into a fresh ledger in a scratch
# directory, show what was loaded, and load it again to show that nothing
# changes the second time.
set -e
bin=${1:?usage: demo.sh BUILD-DIR}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/dun-demo.XXXXXX")
export PATH="$bin:$PATH" DUN_DB="$work/estate.db"

echo "== dun-import: the example estate into $DUN_DB"
cd "$here"
dun-import units.csv bills.csv bank.csv waivers.tsv events.tsv | column -t -s "$(printf '\t')"
echo
echo "== the same files again: nothing changes"
dun-import units.csv bills.csv bank.csv waivers.tsv events.tsv | column -t -s "$(printf '\t')"
echo
echo "== what the ledger holds"
sqlite3 -header -column "$DUN_DB" "
SELECT (SELECT count(*) FROM units) AS units,
       (SELECT count(*) FROM charges) AS charges,
       printf('%.2f', (SELECT sum(amount) FROM charges) / 100.0) AS billed,
       (SELECT count(*) FROM payments) AS payments,
       printf('%.2f', (SELECT sum(amount) FROM payments) / 100.0) AS paid,
       (SELECT count(*) FROM events) AS events;"
echo
echo "The ledger is $DUN_DB (mode 0600); remove $work when done."

#!/bin/sh
# dun-import: a file loaded whole before is known by its SHA-256 and
# passed over; a changed file, --replace, another config, a file some of
# whose rows were rejected, or one whose kind was replaced since, is read.
# A ledger of schema version 6 is migrated and its files read again.
. "$(dirname "$0")/lib.sh"

H="file${TAB}kind${TAB}rows${TAB}inserted${TAB}updated${TAB}unchanged${TAB}rejected${TAB}skipped"
row() { printf '%s\t' "$@" | sed 's/\t$//'; }

# The files tests/data/ledger-v6.sql was loaded with, byte for byte.
printf 'unit\towner\tphone\n1-0101\t张三\t13800001234\n1-0102\t李四\t13900005678\n1-0103\t王五\t\n' >units.tsv
printf 'unit\tfee\tperiod\tdue\tamount\n1-0101\tmanagement\t2026-10\t2026-10-31\t120.50\n1-0102\tmanagement\t2026-10\t2026-10-31\t99.00\n1-0103\twater\t2026-10\t2026-11-15\t30.00\n' >ch.tsv

# ---- loaded whole, then passed over --------------------------------------
check 0 "$H
$(row units.tsv unit 3 3 0 0 0 0)
$(row ch.tsv charge 3 3 0 0 0 0)" "" "a first load reads every file" -- \
    dun-import -d l.db units.tsv ch.tsv
is "$(sql l.db "SELECT file, bytes, length(recipe), complete FROM imports ORDER BY id")" \
"units.tsv|$(wc -c <units.tsv)|64|1
ch.tsv|$(wc -c <ch.tsv)|64|1" "  each recorded complete, with its size and how it was read"
before=$(dump_sum l.db)
check 0 "$H
$(row units.tsv unit 3 0 0 3 0 1)
$(row ch.tsv charge 3 0 0 3 0 1)" "" "the same files again are passed over (exit 0)" -- \
    dun-import -d l.db units.tsv ch.tsv
is "$(dump_sum l.db)" "$before" "  the ledger is byte for byte the same"
cp ch.tsv copy.tsv
check 0 "$H
$(row copy.tsv charge 3 0 0 3 0 1)" "" "  the same bytes by another name too" -- \
    dun-import -d l.db copy.tsv
check 0 "$H
$(row ch.tsv charge 3 0 0 3 0 1)" "" "  and by -n" -- dun-import -n -d l.db ch.tsv

# ---- what is read again ----------------------------------------------------
check 0 "$H
$(row ch.tsv charge 3 0 0 3 0 0)" "" "--replace reads the file: nothing is passed over" -- \
    dun-import -r -d l.db ch.tsv
is "$(dump_sum l.db)" "$before" "  and changes nothing"
printf '1-0103\tmanagement\t2026-10\t2026-10-31\t80.00\n' >>ch.tsv
check 0 "$H
$(row ch.tsv charge 4 1 0 3 0 0)" "" "a changed file is read: its new row loaded" -- \
    dun-import -d l.db ch.tsv
check 0 "$H
$(row ch.tsv charge 4 0 0 4 0 1)" "" "  and then passed over" -- \
    dun-import -d l.db ch.tsv
check 0 "$H
$(row - charge 4 0 0 4 0 0)" "" "standard input is read" -- \
    sh -c 'dun-import -d l.db - <ch.tsv | sed "s/^<stdin>/-/"'
printf '%s\nimport:\n  skip_rows: [合计]\n' "$company" >other.yaml
check 0 "$H
$(row ch.tsv charge 4 0 0 4 0 0)" "" "another config is read again" -- \
    dun-import -c other.yaml -d l.db ch.tsv
check 0 "$H
$(row ch.tsv charge 4 0 0 4 0 1)" "" "  and then known under it too" -- \
    dun-import -c other.yaml -d l.db ch.tsv

printf 'unit\tfee\tperiod\tdue\tamount\n1-0101\twater\t2026-10\t2026-11-15\t10.00\n1-0101\twater\t2026-11\t2026-12-15\tx\n' >bad.tsv
check 1 "$H
$(row bad.tsv charge 2 1 0 0 1 0)" "dun-import: bad.tsv:3: amount: \"x\" is not an amount" \
    "a file with a bad row, loaded with -s" -- dun-import -s -d l.db bad.tsv
check 1 "" "dun-import: bad.tsv:3: amount: \"x\" is not an amount
dun-import: 1 bad row: nothing was imported (--skip-bad loads the good ones)" \
    "  is read again: it was not loaded whole" -- dun-import -d l.db bad.tsv

printf 'unit\tfee\tperiod\tdue\tamount\n1-0101\tmanagement\t2026-10\t2026-10-31\t121.00\n' >fix.tsv
check 0 "$H
$(row fix.tsv charge 1 0 1 0 0 0)" "" "a charge of ch.tsv replaced (--replace)" -- \
    dun-import -r -d l.db fix.tsv
run dun-import -d l.db ch.tsv
is_rc 1 "  ch.tsv is read again, and its charge is a conflict"
check 0 "$H
$(row units.tsv unit 3 0 0 3 0 1)" "" "  units.tsv, of another kind, is still passed over" -- \
    dun-import -d l.db units.tsv

# ---- a ledger of schema version 6 ----------------------------------------
printf 'unit\tfee\tperiod\tdue\tamount\n1-0101\tmanagement\t2026-10\t2026-10-31\t120.50\n1-0102\tmanagement\t2026-10\t2026-10-31\t99.00\n1-0103\twater\t2026-10\t2026-11-15\t30.00\n' >ch.tsv
sql v6.db <"$top/tests/data/ledger-v6.sql"
is "$(sql v6.db "PRAGMA user_version")" 6 "a ledger of schema version 6"
check 0 "$H
$(row units.tsv unit 3 0 0 3 0 0)
$(row ch.tsv charge 3 0 0 3 0 0)" "" "  its files are read again, every row unchanged" -- \
    dun-import -d v6.db units.tsv ch.tsv
is "$(sql v6.db "PRAGMA user_version")" 7 "  it is migrated to version 7"
is "$(sql v6.db "SELECT id, file, bytes IS NULL, recipe IS NULL, complete FROM imports ORDER BY id")" \
"1|units.tsv|1|1|0
2|ch.tsv|1|1|0
3|units.tsv|0|0|1
4|ch.tsv|0|0|1" "  its imports kept, not complete; the files read whole recorded"
check 0 "$H
$(row units.tsv unit 3 0 0 3 0 1)
$(row ch.tsv charge 3 0 0 3 0 1)" "" "  and passed over from then on" -- \
    dun-import -d v6.db units.tsv ch.tsv
is "$(sql v6.db "PRAGMA foreign_key_check"; sql v6.db "PRAGMA integrity_check")" ok \
    "  the migrated ledger is sound"
done_testing

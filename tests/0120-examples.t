#!/bin/sh
# The bundled example estate loads, and loads again unchanged.
. "$(dirname "$0")/lib.sh"

ex=$top/examples
H="file${TAB}kind${TAB}rows${TAB}inserted${TAB}updated${TAB}unchanged${TAB}rejected${TAB}skipped"
# Copies, so that what the test writes stays out of examples/.
cp "$ex/units.csv" "$ex/bills.csv" "$ex/bank.csv" "$ex/waivers.tsv" \
    "$ex/events.tsv" . || exit 3
run dun-import -d "$tmp/estate.db" units.csv bills.csv bank.csv waivers.tsv events.tsv
is_rc 0 "the example estate loads"
is "$(cat out)" "$H
units.csv${TAB}unit${TAB}200${TAB}200${TAB}0${TAB}0${TAB}0${TAB}0
bills.csv${TAB}charge${TAB}11328${TAB}11328${TAB}0${TAB}0${TAB}0${TAB}0
bank.csv${TAB}payment${TAB}4563${TAB}4563${TAB}0${TAB}0${TAB}0${TAB}0
waivers.tsv${TAB}adjustment${TAB}8${TAB}8${TAB}0${TAB}0${TAB}0${TAB}0
events.tsv${TAB}event${TAB}17${TAB}17${TAB}0${TAB}0${TAB}0${TAB}0" "  every row of it"
is_err "dun-import: bank.csv: ignoring column 备注" "  the bank's remarks column is ignored"
iconv -f UTF-8 -t UTF-8 units.csv >/dev/null 2>&1
ok "$(test $? -ne 0; echo $?)" "the household list is not UTF-8"
iconv -f GBK -t UTF-8 units.csv >/dev/null 2>&1
ok $? "  it is GBK, as Excel saves it"
is "$(sql estate.db "SELECT unit, building, owner, area, occupancy, collector FROM units WHERE unit = '1-0101'")" \
    "1-0101|1栋|马娟|13769|owner|周敏" "  and reads as UTF-8"
is "$(sql estate.db "SELECT sum(amount) FROM charges")" 200243226 "billed 2002432.26 in all"
is "$(sql estate.db "SELECT sum(amount) FROM payments")" 180387281 "paid 1803872.81 in all"
is "$(sql estate.db "SELECT type, count(*) FROM events GROUP BY type ORDER BY type")" \
    "contact|1
dispute|2
hardship|3
plan|1
promise|8
resolved|2" "events of every kind the example needs"
run dun-import -d "$tmp/estate.db" units.csv bills.csv bank.csv waivers.tsv events.tsv
is "$(cut -f6 out | tr '\n' ' ')" "unchanged 200 11328 4563 8 17 " "loading it again changes nothing"
is "$(cut -f8 out | tr '\n' ' ')" "skipped 1 1 1 1 1 " "  each file passed over, loaded whole before"
run dun-import -r -d "$tmp/estate.db" units.csv bills.csv bank.csv waivers.tsv events.tsv
is "$(cut -f6,8 out | tr '\n\t' ' :')" "unchanged:skipped 200:0 11328:0 4563:0 8:0 17:0 " \
    "  read again with --replace: every row unchanged"
done_testing

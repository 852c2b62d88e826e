#!/bin/sh
# The generator is deterministic, and still makes the example estate.
. "$(dirname "$0")/lib.sh"

mkdir a b
gen -x -u 200 -m 24 -p 2024-12 -s 1 -o a || exit 3
iconv -f UTF-8 -t GBK a/units.csv >a/units.gbk && mv a/units.gbk a/units.csv
for f in units.csv bills.csv bank.csv waivers.tsv events.tsv; do
	cmp -s "a/$f" "$top/examples/$f"
	ok $? "gen makes examples/$f byte for byte"
done
gen -u 300 -m 6 -s 7 -o a && gen -u 300 -m 6 -s 7 -o b
for f in units.tsv charges.tsv payments.tsv adjustments.tsv events.tsv; do
	cmp -s "a/$f" "b/$f"
	ok $? "gen makes $f the same twice"
done
is "$(head -1 a/charges.tsv)" "unit${TAB}fee${TAB}period${TAB}due${TAB}amount" \
    "gen writes dun's own charge records"
# 1-0101 has 137.69 m²: 2.50 a square metre is 344.225, rounded 344.23.
is "$(grep '^1-0101,物业管理费' "$top/examples/bills.csv" | cut -d, -f5 | sort -u | tr -d '\r')" \
    344.23 "management is charged by floor area, to the fen"
is "$(grep -c '^1-0101,' "$top/examples/bills.csv")" 48 \
    "  with water, each of 24 months"
run gen -u 0 -o a
is_rc 2 "gen refuses 0 units"
done_testing

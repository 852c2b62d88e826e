#!/bin/sh
# bench/xlsx.sh — dun-import of the same charges from an .xlsx workbook and
# from CSV, side by side in one run, so that the ratio holds on a busy
# machine.  The workbooks are written by tsv2xlsx.c (libxlsxwriter,
# amounts as numbers, due dates as date cells): xlsx with the strings
# inline (constant memory), as a large export is written, and shared with
# the strings shared, as Excel saves a workbook; the CSV is the same rows
# with commas.
#
#   bench/xlsx.sh [ROWS] [ROUNDS]     (default 1,000,000 charges, 3 rounds)
#
# Each run loads into a fresh ledger holding the units (loaded before the
# clock starts), and the two take turns going first.  Prints each run's
# seconds and peak RSS, then the medians and their ratios to CSV.
# DUN_BUILD names a build to measure instead of build/ (made first).
set -eu
rows=${1:-1000000}
rounds=${2:-3}
top=$(cd "$(dirname "$0")/.." && pwd)
bin=${DUN_BUILD:-$top/build}
data=$top/bench/data/xlsx$rows
[ -n "${DUN_BUILD:-}" ] ||
	make -s -C "$top" build/dun-import build/gen >/dev/null
if [ ! -f "$data/charges.xlsx" ]; then
	mkdir -p "$data"
	# About 56 charges a unit in 24 months: enough units, then the
	# first ROWS charges.
	"$bin/gen" -u $((rows / 50 + 1)) -m 24 -o "$data"
	head -n $((rows + 1)) "$data/charges.tsv" >"$data/rows.tsv"
	tr '\t' ',' <"$data/rows.tsv" >"$data/charges.csv"
	cc -std=c11 -D_POSIX_C_SOURCE=200809L -O2 -o "$data/tsv2xlsx" \
	    "$top/bench/tsv2xlsx.c" $(pkg-config --cflags --libs xlsxwriter)
	"$data/tsv2xlsx" "$data/rows.tsv" "$data/charges.xlsx.tmp"
	mv "$data/charges.xlsx.tmp" "$data/charges.xlsx"
fi
if [ ! -f "$data/charges.shared" ]; then
	[ -f "$data/rows.tsv" ] ||
		tr ',' '\t' <"$data/charges.csv" >"$data/rows.tsv"
	cc -std=c11 -D_POSIX_C_SOURCE=200809L -O2 -o "$data/tsv2xlsx" \
	    "$top/bench/tsv2xlsx.c" $(pkg-config --cflags --libs xlsxwriter)
	"$data/tsv2xlsx" -s "$data/rows.tsv" "$data/charges.shared.tmp"
	mv "$data/charges.shared.tmp" "$data/charges.shared"
fi
rm -f "$data/rows.tsv" "$data/charges.tsv" "$data/payments.tsv"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
: >"$work/times"
"$bin/dun-import" -d "$work/units.db" "$data/units.tsv" >/dev/null

run() {	# run ROUND csv|xlsx
	mkdir "$work/d"
	cp "$work/units.db" "$work/d/led.db"
	sync
	/usr/bin/time -f '%e %M' -o "$work/t" "$bin/dun-import" \
	    -d "$work/d/led.db" -k charge "$data/charges.$2" >"$work/out"
	read -r s m <"$work/t"
	echo "$1	$2	$s	$m"
	echo "$2 $s $m" >>"$work/times"
	# Both load every row.
	n=$(awk -F'\t' 'NR == 2 { print $3 "/" $4 }' "$work/out")
	if [ "$n" != "$rows/$rows" ]; then
		echo "xlsx.sh: $2: rows/inserted $n, not $rows/$rows" >&2
		exit 1
	fi
	rm -rf "$work/d"
}

echo "charges: $rows rows; CSV $(du -h "$data/charges.csv" | cut -f1)," \
    "xlsx $(du -h "$data/charges.xlsx" | cut -f1)," \
    "shared $(du -h "$data/charges.shared" | cut -f1)"
echo "round	file	seconds	peak_rss_kb"
i=1
while [ "$i" -le "$rounds" ]; do
	if [ $((i % 2)) -eq 1 ]; then
		run "$i" csv
		run "$i" xlsx
		run "$i" shared
	else
		run "$i" shared
		run "$i" xlsx
		run "$i" csv
	fi
	i=$((i + 1))
done
awk -f "$top/bench/median.awk" "$work/times" | awk '
	{ med[$1] = $2; rss[$1] = $3 }
	END {
		c = med["csv"]; x = med["xlsx"]; h = med["shared"]
		printf "median seconds: CSV %.2f (peak RSS %d MB), xlsx %.2f " \
		    "(%d MB), shared %.2f (%d MB): ratio xlsx/CSV %.2f, " \
		    "shared/CSV %.2f\n", c, rss["csv"] / 1024, x,
		    rss["xlsx"] / 1024, h, rss["shared"] / 1024, x / c, h / c
	}'

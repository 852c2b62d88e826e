#!/bin/sh
# bench/import.sh — dun-import against sqlite3's raw .import of the same
# charges file, side by side in one run, so that the ratio holds on a busy
# machine.  The reference loads the text as it is into a table with no key,
# no index and no check; dun-import parses, validates, resolves each unit,
# keeps (unit, fee, period) unique and hashes the file.
#
#   bench/import.sh [UNITS] [ROUNDS]     (default 20000 units: 1.12 M charges)
#
# Each run writes into a fresh directory that is removed, and synced, before
# the next run starts, and the two tools take turns going first, so that
# neither pays for the other's writes.  Prints each run's seconds and peak
# RSS, then the medians and their ratio.
set -eu
units=${1:-20000}
rounds=${2:-5}
top=$(cd "$(dirname "$0")/.." && pwd)
bin=$top/build
data=$top/bench/data/u$units
make -s -C "$top" build/dun-import build/gen >/dev/null
if [ ! -f "$data/charges.tsv" ]; then
	mkdir -p "$data"
	"$bin/gen" -u "$units" -m 24 -o "$data"
fi
rows=$(($(wc -l <"$data/charges.tsv") - 1))
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
: >"$work/times"

run_sqlite() {
	mkdir "$work/s"
	sync
	/usr/bin/time -f '%e %M' -o "$work/t" sqlite3 "$work/s/raw.db" \
	    -cmd '.mode tabs' ".import $data/charges.tsv charges"
	read -r s m <"$work/t"
	echo "$1	sqlite3 .import	$s	$m"
	echo "sqlite $s" >>"$work/times"
	rm -rf "$work/s"
}

run_dun() {
	mkdir "$work/d"
	"$bin/dun-import" -d "$work/d/led.db" "$data/units.tsv" >/dev/null
	sync
	/usr/bin/time -f '%e %M' -o "$work/t" \
	    "$bin/dun-import" -d "$work/d/led.db" "$data/charges.tsv" >/dev/null
	read -r s m <"$work/t"
	echo "$1	dun-import	$s	$m"
	echo "dun $s" >>"$work/times"
	sync
	/usr/bin/time -f '%e %M' -o "$work/t" \
	    "$bin/dun-import" -d "$work/d/led.db" "$data/charges.tsv" >/dev/null
	read -r s m <"$work/t"
	echo "$1	dun-import again, all unchanged	$s	$m"
	echo "again $s" >>"$work/times"
	rm -rf "$work/d"
}

echo "charges: $rows rows, $(du -h "$data/charges.tsv" | cut -f1)"
echo "round	tool	seconds	peak_rss_kb"
i=1
while [ "$i" -le "$rounds" ]; do
	if [ $((i % 2)) -eq 1 ]; then
		run_sqlite "$i"
		run_dun "$i"
	else
		run_dun "$i"
		run_sqlite "$i"
	fi
	i=$((i + 1))
done
awk -f "$top/bench/median.awk" "$work/times" | awk '
	{ med[$1] = $2 }
	END {
		s = med["sqlite"]; d = med["dun"]; a = med["again"]
		printf "median seconds: sqlite3 .import %.2f, dun-import %.2f " \
		    "(ratio %.2f), again %.2f (ratio %.2f)\n", s, d, d / s, a, a / s
	}'

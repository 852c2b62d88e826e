#!/bin/sh
# bench/import.sh — dun-import against sqlite3's raw .import of the same
# files, and a load of files already loaded against sha256sum of them,
# side by side in one run, so that the ratios hold on a busy machine.
#
#   bench/import.sh [UNITS] [ROUNDS]     (default 20000 units: 1.12 M charges)
#
# Each round measures
#   sqlite3 .import  the charges file as it is into a table with no key,
#                    no index and no check
#   dun-import       the same charges into a ledger holding the units:
#                    parsed, validated, each unit resolved, (unit, fee,
#                    period) kept unique, the file hashed
#   again            the same charges file once more: loaded whole before,
#                    it is known by its SHA-256 and passed over
#   sha256sum        of the charges file: what "again" cannot beat
#   sqlite3 estate   .import of the estate's five files (units, charges,
#                    payments, adjustments, events) into five raw tables
#   first load       dun-import of the same five files into a new ledger,
#                    with the largest journal or WAL file seen beside it
#                    (sampled every 0.2 s)
# Each run writes into a fresh directory that is removed, and synced,
# before the next run starts, and the tools take turns going first, so
# that none pays for another's writes.  Prints each run's seconds and peak
# RSS, then the medians and their ratios.  DUN_BUILD names a build to
# measure instead of build/ (made first): a directory with dun-import and
# gen.
set -eu
units=${1:-20000}
rounds=${2:-5}
top=$(cd "$(dirname "$0")/.." && pwd)
bin=${DUN_BUILD:-$top/build}
data=$top/bench/data/u$units
[ -n "${DUN_BUILD:-}" ] ||
	make -s -C "$top" build/dun-import build/gen >/dev/null
if [ ! -f "$data/charges.tsv" ]; then
	mkdir -p "$data"
	"$bin/gen" -u "$units" -m 24 -o "$data"
fi
estate="units charges payments adjustments events"
rows=$(($(wc -l <"$data/charges.tsv") - 1))
all=0
for f in $estate; do
	all=$((all + $(wc -l <"$data/$f.tsv") - 1))
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
: >"$work/times"

timed() {	# timed ROUND NAME KEY CMD...: run it, print and keep its figures
	r=$1 name=$2 key=$3
	shift 3
	sync
	/usr/bin/time -f '%e %M' -o "$work/t" "$@" >/dev/null
	read -r s m <"$work/t"
	echo "$r	$name	$s	$m"
	echo "$key $s" >>"$work/times"
}

run_sqlite() {
	mkdir "$work/s"
	timed "$1" "sqlite3 .import charges" sqlite sqlite3 "$work/s/raw.db" \
	    -cmd '.mode tabs' ".import $data/charges.tsv charges"
	rm -rf "$work/s"
}

run_dun() {
	mkdir "$work/d"
	"$bin/dun-import" -d "$work/d/led.db" "$data/units.tsv" >/dev/null
	timed "$1" "dun-import charges" dun \
	    "$bin/dun-import" -d "$work/d/led.db" "$data/charges.tsv"
	timed "$1" "dun-import again, unchanged" again \
	    "$bin/dun-import" -d "$work/d/led.db" "$data/charges.tsv"
	timed "$1" "sha256sum charges" sha sha256sum "$data/charges.tsv"
	rm -rf "$work/d"
}

run_sqlite_estate() {
	mkdir "$work/s"
	set --
	for f in $estate; do
		set -- "$@" ".import $data/$f.tsv $f"
	done
	timed "$r" "sqlite3 .import estate" sqlest sqlite3 "$work/s/raw.db" \
	    -cmd '.mode tabs' "$@"
	rm -rf "$work/s"
}

run_first() {
	mkdir "$work/f"
	( while :; do
		ls -l "$work/f" 2>/dev/null |
		    awk '$NF ~ /-wal$|-journal$/ { print $5 }'
		sleep 0.2
	done ) >"$work/sizes" &
	mon=$!
	timed "$r" "dun-import first load" first "$bin/dun-import" \
	    -d "$work/f/led.db" $(for f in $estate; do echo "$data/$f.tsv"; done)
	kill "$mon"
	wait "$mon" 2>/dev/null || :
	j=$(sort -n "$work/sizes" | tail -1)
	echo "journal ${j:-0}" >>"$work/times"
	rm -rf "$work/f"
}

echo "charges: $rows rows, $(du -h "$data/charges.tsv" | cut -f1);" \
    "estate: $all rows, $(du -ch $(for f in $estate; do
	echo "$data/$f.tsv"; done) | tail -1 | cut -f1)"
echo "load:$(uptime | sed 's/.*load average://')"
echo "round	tool	seconds	peak_rss_kb"
i=1
while [ "$i" -le "$rounds" ]; do
	r=$i
	if [ $((i % 2)) -eq 1 ]; then
		run_sqlite "$i"
		run_dun "$i"
		run_sqlite_estate
		run_first
	else
		run_first
		run_sqlite_estate
		run_dun "$i"
		run_sqlite "$i"
	fi
	i=$((i + 1))
done
echo "load:$(uptime | sed 's/.*load average://')"
awk -f "$top/bench/median.awk" "$work/times" | awk '
	{ med[$1] = $2 }
	END {
		s = med["sqlite"]; d = med["dun"]; a = med["again"]
		h = med["sha"]; e = med["sqlest"]; f = med["first"]
		printf "median seconds: sqlite3 .import %.2f, dun-import %.2f " \
		    "(ratio %.2f)\n", s, d, d / s
		printf "again, unchanged: %.2f against sha256sum %.2f " \
		    "(ratio %.2f)\n", a, h, a / h
		printf "first load: %.2f against sqlite3 .import %.2f " \
		    "(ratio %.2f); its journal or WAL at most %.1f MB\n",
		    f, e, f / e, med["journal"] / 1048576
	}'

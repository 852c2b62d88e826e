#!/bin/sh
# bench/age.sh — dun-age from TSV files against the references, side by
# side in one run: FIFO aging by `LC_ALL=C sort | mawk`, one window query
# in sqlite3 and the same in DuckDB (bench/age.sql), and a floor that only
# reads the same files, splits them and adds up the amounts (bench/floor.c).
#
#   bench/age.sh [UNITS] [ROUNDS]      (default 100000 units × 24 months)
#
# All of them age the generator's estate as of its export day with no late
# fees and payments applied oldest charge first, which is what the
# references compute; dun-age runs with a config that says so
# (bench/fifo.yaml).  Their balances and buckets are compared byte for
# byte first.
# The input files are sorted by unit beforehand (LC_ALL=C), not timed, as an
# export sorted by unit would come: dun-age then merges them as it reads.
# Prints each run's seconds and peak RSS, then medians and ratios.
set -eu
units=${1:-100000}
rounds=${2:-3}
asof=2026-11-20
top=$(cd "$(dirname "$0")/.." && pwd)
bin=$top/build
T=$(printf '\t')
make -s -C "$top" build/dun-age build/gen >/dev/null
cc -O2 -std=c11 -D_POSIX_C_SOURCE=200809L -o "$bin/floor" "$top/bench/floor.c"
[ -d "$top/bench/node_modules/@duckdb/node-api" ] ||
	npm install --silent --no-audit --no-fund --prefix "$top/bench" >/dev/null
data=$("$top/bench/data.sh" "$units")
C=$data/charges.sorted.tsv
P=$data/payments.sorted.tsv
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
sed -e "s/:asof/$asof/g" \
    -e "s/AGE_DAYS/CAST(julianday('$asof') - julianday(c.due) AS INTEGER)/" \
    -e "s/chr(9)/char(9)/g" \
    -e "s/MONEY(\([a-z0-9]*\))/printf('%d.%02d', \1 \/ 100, \1 % 100)/g" \
    "$top/bench/age.sql" >"$work/sqlite.sql"
sed -e "s/:asof/$asof/g" \
    -e "s/AGE_DAYS/date_diff('day', CAST(c.due AS DATE), DATE '$asof')/" \
    -e "s/MONEY(\([a-z0-9]*\))/printf('%d.%02d', CAST(\1 AS BIGINT) \/\/ 100, CAST(\1 AS BIGINT) % 100)/g" \
    "$top/bench/age.sql" >"$work/duckdb.sql"

cat >"$work/dun.sh" <<SH
exec "$bin/dun-age" -c "$top/bench/fifo.yaml" -t $asof -C "$C" -P "$P" >"$work/dun.full"
SH
cat >"$work/awk.sh" <<SH
LC_ALL=C sort -t "$T" -k1,1 -k4,4 "$C" |
    mawk -v asof=$asof -f "$top/bench/age.awk" "$P" - >"$work/awk.out"
SH
cat >"$work/sqlite.sh" <<SH
exec sqlite3 :memory: -cmd '.mode tabs' -cmd ".import $C charges" \
    -cmd ".import $P payments" -cmd '.mode list' <"$work/sqlite.sql" >"$work/sqlite.out"
SH
cat >"$work/duckdb.sh" <<SH
exec node "$top/bench/duckdb.mjs" "$C" "$P" "$work/duckdb.sql" "$work/duckdb.out"
SH
cat >"$work/floor.sh" <<SH
exec "$bin/floor" "$C" 4 "$P" 3 >"$work/floor.out"
SH

. "$top/bench/rounds.sh"
echo "charges: $(($(wc -l <"$C") - 1)) rows, payments: $(($(wc -l <"$P") - 1)) rows"
take_turns "$rounds" dun floor awk sqlite duckdb

# The same balances and buckets from all of them.
awk -F'\t' 'NR > 1 { print $1 "\t" $8 "\t" $14 "\t" $15 "\t" $16 "\t" $17 "\t" $18 "\t" $19 }' \
    "$work/dun.full" >"$work/dun.out"
for t in awk sqlite duckdb; do
	if cmp -s "$work/dun.out" "$work/$t.out"; then
		echo "$t: the same $(wc -l <"$work/dun.out") units, balances and buckets"
	else
		echo "$t: DIFFERENT from dun-age"
		diff "$work/dun.out" "$work/$t.out" | head -5
	fi
done
awk -f "$top/bench/median.awk" "$work/times" | awk '
	{ med[$1] = $2; m[$1] = $3 }
	END {
		d = med["dun"]
		printf "median seconds (peak RSS):\n"
		split("dun floor awk sqlite duckdb", names, " ")
		for (i = 1; i <= 5; i++) {
			k = names[i]
			printf "  %-7s %6.2f s  %7.1f MB", k, med[k], m[k] / 1024
			# (too small an estate can take 0.00 s: no ratio)
			if (k != "dun" && d > 0 && med[k] > 0)
				printf "  dun-age is %.2fx %s", \
				    k == "floor" ? d / med[k] : med[k] / d, \
				    k == "floor" ? "the floor" : "faster"
			printf "\n"
		}
	}'

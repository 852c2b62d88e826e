#!/bin/sh
# bench/report.sh — dun-report's aging and rates on a ledger of the
# generator's estate, against the same figures from one sqlite3 query on
# the same ledger (report-aging.sql, report-rates.sql), side by side in one
# run, the outputs checked byte for byte.  Payments apply oldest due first
# with no late fees (the references do not compute late fees), and the
# ledger holds units, charges and payments only (no waivers).
#
#   bench/report.sh [UNITS] [ROUNDS]   (default 100000 units × 24 months)
set -eu
units=${1:-100000}
rounds=${2:-3}
asof=2026-11-20
day=20777		# 2026-11-20 as days since 1970-01-01
top=$(cd "$(dirname "$0")/.." && pwd)
bin=$top/build
T=$(printf '\t')
make -s -C "$top" build/dun-report build/dun-import build/gen >/dev/null
data=$("$top/bench/data.sh" "$units")
L=$data/ledger.db
if [ ! -f "$L" ]; then
	(cd "$data" && "$bin/dun-import" -d ledger.tmp units.tsv charges.tsv \
	    payments.tsv >/dev/null) && mv "$data/ledger.tmp" "$L"
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
money="s/MONEY(\([a-z0-9()]*\))/printf('%d.%02d', \1 \/ 100, \1 % 100)/g"
sed -e "s/:asofperiod/202611/g" -e "s/:asof/$day/g" -e "s/:year/2026/g" \
    -e "$money" "$top/bench/report-aging.sql" >"$work/aging.sql"
sed -e "s/:asofperiod/202611/g" -e "s/:asof/$day/g" -e "s/:year/2026/g" \
    -e "$money" "$top/bench/report-rates.sql" >"$work/rates.sql"
R="$bin/dun-report -c $top/bench/fifo.yaml -d $L -t $asof -g estate"
echo "exec $R -k aging </dev/null >$work/dun-aging.out" >"$work/dun-aging.sh"
echo "exec $R -k rates --from 2026-01-01 </dev/null >$work/dun-rates.out" \
    >"$work/dun-rates.sh"
for k in aging rates; do
	echo "exec sqlite3 -readonly -batch -noheader -separator '$T' $L \
	    <$work/$k.sql >$work/sqlite-$k.out" >"$work/sqlite-$k.sh"
done

. "$top/bench/rounds.sh"
echo "ledger: $(sqlite3 "$L" 'SELECT count(*) FROM units') units, \
$(sqlite3 "$L" 'SELECT count(*) FROM charges') charges, \
$(sqlite3 "$L" 'SELECT count(*) FROM payments') payments"
take_turns "$rounds" dun-aging sqlite-aging dun-rates sqlite-rates

# The same figures: dun's columns that the references compute.
pick() {	# pick FILE COLUMNS...: those columns, no TOTAL rows
	f=$1
	shift
	awk -F'\t' -v OFS='\t' -v want="$*" 'NR == 1 {
		n = split(want, w, " ")
		for (i = 1; i <= NF; i++) at[$i] = i
		next
	}
	$1 != "TOTAL" {
		line = ""
		for (i = 1; i <= n; i++) line = line (i > 1 ? OFS : "") $at[w[i]]
		print line
	}' "$f"
}
pick "$work/dun-aging.out" estate units b0_30 b31_90 b91_180 b181_365 \
    b366_730 b731_plus balance >"$work/dun-aging.cmp"
pick "$work/dun-rates.out" estate period billed collected rate \
    >"$work/dun-rates.cmp"
for k in aging rates; do
	if cmp -s "$work/dun-$k.cmp" "$work/sqlite-$k.out"; then
		echo "$k: dun-report and sqlite3 agree ($(wc -l <"$work/dun-$k.cmp") rows)"
	else
		echo "$k: dun-report and sqlite3 DIFFER:"
		diff "$work/dun-$k.cmp" "$work/sqlite-$k.out" | head -10
	fi
done
awk -f "$top/bench/median.awk" "$work/times" | awk '
	{ s[$1] = $2; m[$1] = $3 }
	END {
		for (k = 1; k <= 2; k++) {
			n = k == 1 ? "aging" : "rates"
			d = s["dun-" n]; q = s["sqlite-" n]
			printf "%s: dun-report %.2f s (%d MB), sqlite3 %.2f s (%d MB): sqlite3/dun-report = %.2f\n",
			    n, d, m["dun-" n] / 1024, q, m["sqlite-" n] / 1024, q / d
		}
	}'

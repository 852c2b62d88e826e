#!/bin/sh
# bench/age-order.sh — dun-age from TSV files in a bank's order (charges
# by period and then unit, payments by date: bench/data.sh) against the
# floor (bench/floor.c: read the same files, split every field, add up
# the amounts), side by side in one run; and dun-age of the same rows
# sorted by unit, the short way, beside them.  With DUN_BEFORE naming
# another dun-age (a build before a change), it ages the bank's order too.
# Every dun-age's output is compared byte for byte with the sorted one's.
#
#   bench/age-order.sh [UNITS] [ROUNDS]      (default 100000 units × 24
#                                             months, 3 rounds)
#
# Prints each run's seconds and peak RSS, then medians and the ratios to
# the floor, and the load average before and after.  The floor is one
# thread; dun-age reads and ages on two: the CPU seconds of each (user and
# system, every thread's, medians) say what each costs in all, which is
# what the ratio tends to on a machine whose cores are busy.
set -eu
units=${1:-100000}
rounds=${2:-3}
asof=2026-11-20
top=$(cd "$(dirname "$0")/.." && pwd)
bin=$top/build
make -s -C "$top" build/dun-age build/gen >/dev/null
cc -O2 -std=c11 -D_POSIX_C_SOURCE=200809L -o "$bin/floor" "$top/bench/floor.c"
data=$("$top/bench/data.sh" "$units")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
age() {	# age NAME BINARY ORDER
	cat >"$work/$1.sh" <<SH
exec "$2" -c "$top/bench/fifo.yaml" -t $asof -C "$data/charges.$3.tsv" -P "$data/payments.$3.tsv" >"$work/$1.out" 2>/dev/null
SH
}
age bank "$bin/dun-age" bank
age sorted "$bin/dun-age" sorted
tools="bank floor sorted"
if [ -n "${DUN_BEFORE:-}" ]; then
	age before "$DUN_BEFORE" bank
	tools="bank before floor sorted"
fi
cat >"$work/floor.sh" <<SH
exec "$bin/floor" "$data/charges.bank.tsv" 4 "$data/payments.bank.tsv" 3 >/dev/null
SH

. "$top/bench/rounds.sh"
echo "charges: $(($(wc -l <"$data/charges.bank.tsv") - 1)) rows," \
    "payments: $(($(wc -l <"$data/payments.bank.tsv") - 1)) rows," \
    "$(($(wc -c <"$data/charges.bank.tsv") + $(wc -c <"$data/payments.bank.tsv"))) bytes"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
take_turns "$rounds" $tools
echo "load after:  $(cut -d' ' -f1-3 /proc/loadavg)"
for t in $tools; do
	[ "$t" = floor ] || [ "$t" = sorted ] && continue
	if cmp -s "$work/$t.out" "$work/sorted.out"; then
		echo "$t: the same output as sorted by unit, byte for byte"
	else
		echo "$t: DIFFERENT from sorted by unit"
	fi
done
awk -f "$top/bench/median.awk" "$work/cpu" >"$work/cpu.med"
awk -f "$top/bench/median.awk" "$work/times" | awk -v tools="$tools" \
    -v cpu="$work/cpu.med" '
	{ med[$1] = $2; m[$1] = $3 }
	END {
		while ((getline line <cpu) > 0) {
			split(line, x, " ")
			c[x[1]] = x[2]
		}
		f = med["floor"]
		printf "median seconds (peak RSS; CPU seconds, both cores'"'"'):\n"
		n = split(tools, names, " ")
		for (i = 1; i <= n; i++) {
			k = names[i]
			printf "  %-7s %6.2f s  %7.1f MB", k, med[k], m[k] / 1024
			if (k != "floor" && f > 0)
				printf "  %.2fx the floor", med[k] / f
			printf "  (CPU %.2f s", c[k]
			if (k != "floor" && c["floor"] > 0)
				printf ", %.2fx", c[k] / c["floor"]
			printf ")\n"
		}
	}'

#!/bin/sh
# bench/classify.sh — what dun-classify adds to the pipe: `dun-age | cat`
# against `dun-age | dun-classify`, side by side in one run, on every unit
# of the generator's estate (dun-age -a), with the default config.  Also
# what one class rule costs in dun's evaluator and in SQLite's
# (bench/exprcost.c).
#
#   bench/classify.sh [UNITS] [ROUNDS]   (default 100000 units × 24 months)
set -eu
units=${1:-100000}
rounds=${2:-5}
asof=2026-11-20
top=$(cd "$(dirname "$0")/.." && pwd)
bin=$top/build
T=$(printf '\t')
make -s -C "$top" build/dun-age build/dun-classify build/gen build/libdun.a >/dev/null
# lib's parts, a directory each, are all on the include path.
inc=$(for d in "$top"/lib/*/; do printf -- '-I%s ' "${d%/}"; done)
# The libraries libdun.a needs, as the Makefile names them.
pkgs=$(sed -n 's/^PKGS *= *//p' "$top/Makefile")
cc -O2 -std=c11 -D_POSIX_C_SOURCE=200809L -I"$top/lib" $inc \
    $(pkg-config --cflags $pkgs) -o "$bin/exprcost" "$top/bench/exprcost.c" \
    "$bin/libdun.a" $(pkg-config --libs $pkgs) -lcsv -pthread -lm
data=$("$top/bench/data.sh" "$units")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
age="$bin/dun-age -a -t $asof -C $data/charges.sorted.tsv -P $data/payments.sorted.tsv"
echo "$age | cat >/dev/null" >"$work/cat.sh"
echo "$age | $bin/dun-classify -t $asof >/dev/null" >"$work/classify.sh"
: >"$work/times"
echo "round	pipe	seconds"
i=1
while [ "$i" -le "$rounds" ]; do
	for t in cat classify; do
		/usr/bin/time -f '%e' -o "$work/t" sh "$work/$t.sh"
		echo "$i	dun-age | $t	$(cat "$work/t")"
		echo "$t $(cat "$work/t")" >>"$work/times"
	done
	i=$((i + 1))
done
echo "records: $($age | tail -n +2 | wc -l)"
awk -f "$top/bench/median.awk" "$work/times" | awk '
	{ med[$1] = $2 }
	END {
		c = med["cat"]; d = med["classify"]
		printf "median: dun-age | cat %.2f s, dun-age | dun-classify %.2f s: +%.0f%%\n", c, d, (d / c - 1) * 100
	}'
"$bin/exprcost"

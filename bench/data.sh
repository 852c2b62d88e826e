#!/bin/sh
# bench/data.sh UNITS — make bench/data/uUNITS with the generator's estate
# of UNITS units × 24 months, and copies of its charges and payments sorted
# by unit (LC_ALL=C), as an export sorted by unit would come.  Prints the
# directory.  Nothing is made again that is there already.
set -eu
units=${1:?usage: bench/data.sh UNITS}
top=$(cd "$(dirname "$0")/.." && pwd)
data=$top/bench/data/u$units
T=$(printf '\t')
make -s -C "$top" build/gen >/dev/null
if [ ! -f "$data/charges.sorted.tsv" ]; then
	mkdir -p "$data"
	"$top/build/gen" -u "$units" -m 24 -o "$data"
	for f in charges:1 payments:2; do
		n=${f%:*} k=${f#*:}
		{ head -1 "$data/$n.tsv"; tail -n +2 "$data/$n.tsv" |
		    LC_ALL=C sort -s -t "$T" -k"$k,$k"; } >"$data/$n.sorted.tsv.tmp"
		mv "$data/$n.sorted.tsv.tmp" "$data/$n.sorted.tsv"
	done
fi
echo "$data"

#!/bin/sh
# bench/data.sh UNITS — make bench/data/uUNITS with the generator's estate
# of UNITS units × 24 months, and copies of its charges and payments:
# sorted by unit (LC_ALL=C), as an export sorted by unit would come, and
# in a bank's order, as a billing system and a bank export them — the
# charges by period and then unit (charges.bank.tsv), the payments by date
# (payments.bank.tsv).  Prints the directory.  Nothing is made again that
# is there already.
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
if [ ! -f "$data/payments.bank.tsv" ]; then
	for f in charges:-k3,3:-k1,1 payments:-k3,3:; do
		n=${f%%:*} k=${f#*:}
		{ head -1 "$data/$n.tsv"; tail -n +2 "$data/$n.tsv" |
		    LC_ALL=C sort -s -t "$T" ${k%:*} ${k#*:}; } >"$data/$n.bank.tsv.tmp"
		mv "$data/$n.bank.tsv.tmp" "$data/$n.bank.tsv"
	done
fi
echo "$data"

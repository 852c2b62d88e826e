#!/bin/sh
# bench/classify-rev.sh — dun-classify as it was at REV against dun-classify
# as it is (build/, from the working tree), side by side in one run, on the
# same records: dun-age's records of every unit of the generator's estate
# (dun-age -a), written once by today's dun-age, read by each from a file
# with its own built-in default config.  REV is built from `git archive`
# in a scratch folder, once: bench/data/rev-SHA/dun-classify keeps it.
# The two outputs are compared once before the rounds (a rule changed since
# REV may well change a decision: the script says so, it is no error).
# COPIES: the records that many times over, each copy's units renamed
# (c2-1-0101, ...), as many records as COPIES × UNITS units would give
# without dun-age having to age them (10 copies of 100000: a million).
#
#   bench/classify-rev.sh [REV] [UNITS] [ROUNDS] [COPIES]
#   (default HEAD~10, 100000 units × 24 months, 7 rounds, 1 copy)
set -eu
rev=${1:-HEAD~10}
units=${2:-100000}
rounds=${3:-7}
copies=${4:-1}
asof=2026-11-20
top=$(cd "$(dirname "$0")/.." && pwd)
bin=$top/build
sha=$(git -C "$top" rev-parse --verify --quiet "$rev^{commit}") || {
	echo "bench/classify-rev.sh: $rev: no such revision" >&2
	exit 2
}
make -s -C "$top" build/dun-age build/dun-classify build/gen >/dev/null
data=$("$top/bench/data.sh" "$units")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM

old=$top/bench/data/rev-$sha/dun-classify
if [ ! -x "$old" ]; then
	mkdir "$work/src"
	git -C "$top" archive "$sha" | tar -x -C "$work/src"
	if ! make -s -C "$work/src" build/dun-classify >"$work/build.log" 2>&1
	then
		cat "$work/build.log" >&2
		echo "bench/classify-rev.sh: dun-classify does not build at" \
		    "$rev" >&2
		exit 3
	fi
	mkdir -p "${old%/*}"
	cp "$work/src/build/dun-classify" "$old.tmp"
	mv "$old.tmp" "$old"
	rm -rf "$work/src"
fi

# Away from any ./dun.yaml, and from $DUN_CONFIG: the defaults, each its own.
cd "$work"
unset DUN_CONFIG
"$bin/dun-age" -a -t "$asof" -C "$data/charges.sorted.tsv" \
    -P "$data/payments.sorted.tsv" >aged.tsv
if [ "$copies" -gt 1 ]; then
	mv aged.tsv one.tsv
	{
		head -1 one.tsv
		tail -n +2 one.tsv
		c=2
		while [ "$c" -le "$copies" ]; do
			tail -n +2 one.tsv | sed "s/^/c$c-/"
			c=$((c + 1))
		done
	} >aged.tsv
	rm one.tsv
fi
echo "$old -t $asof <aged.tsv >/dev/null" >old.sh
echo "$bin/dun-classify -t $asof <aged.tsv >/dev/null" >new.sh

echo "old: $(git -C "$top" log -1 --format='%h %cs %s' "$sha" | cut -c1-72)"
echo "new: $(git -C "$top" log -1 --format='%h %cs' HEAD)$(
    git -C "$top" diff --quiet HEAD -- lib cmd || echo ' and changes')"
echo "records: $(($(wc -l <aged.tsv) - 1))"
ro=0 rn=0
"$old" -t "$asof" <aged.tsv >old.out 2>old.err || ro=$?
"$bin/dun-classify" -t "$asof" <aged.tsv >new.out 2>new.err || rn=$?
if [ "$ro$rn" != 00 ]; then
	echo "bench/classify-rev.sh: old exits $ro, new $rn:" >&2
	head -5 old.err new.err >&2
	exit 3
fi
if cmp -s old.out new.out; then
	echo "outputs: the same, byte for byte"
else
	head=same
	[ "$(head -1 old.out)" = "$(head -1 new.out)" ] || head=changed
	echo "outputs: differ: $(diff old.out new.out | grep -c '^>' || :)" \
	    "of $(($(wc -l <new.out) - 1)) lines changed (the header $head)"
fi
rm -f old.out new.out
. "$top/bench/rounds.sh"
take_turns "$rounds" old new
awk -f "$top/bench/median.awk" times | awk '
	{ med[$1] = $2; rss[$1] = $3 }
	END {
		o = med["old"]; n = med["new"]
		printf "median: old %.2f s, new %.2f s: new/old %.2f (%+.0f%%)\n", o, n, n / o, (n / o - 1) * 100
		printf "peak RSS: old %d kB, new %d kB\n", rss["old"], rss["new"]
	}'

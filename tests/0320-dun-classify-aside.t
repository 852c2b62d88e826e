#!/bin/sh
# dun-classify writes the same, byte for byte, whether it keeps the
# records in memory or sets them aside in a file under TMPDIR
# (DUN_CLASSIFY_MEMORY), on the generator's estate and on the example
# estate, from a file or a pipe; the priorities are the order the man
# page gives; the file leaves nothing behind.
. "$(dirname "$0")/lib.sh"

asof=2026-11-20
mkdir gen aside || exit 3
gen -u 20000 -m 12 -s 1 -o gen || exit 3
dun-age -a -t $asof -C gen/charges.tsv -P gen/payments.tsv \
    -A gen/adjustments.tsv -E gen/events.tsv -U gen/units.tsv \
    >aged.tsv 2>/dev/null || exit 3
is "$(($(wc -l <aged.tsv) - 1))" 20000 "dun-age's records of 20000 units"

# Every record in memory, every record set aside, the first in memory
# and the rest set aside, and the default.
DUN_CLASSIFY_MEMORY=1G run dun-classify -t $asof aged.tsv
is_rc 0 "in memory"
is_err "" "  quietly"
mv out memory.out
for m in 0 100K 5000 ""; do
	DUN_CLASSIFY_MEMORY=$m TMPDIR=$tmp/aside run dun-classify -t $asof \
	    aged.tsv
	is_rc 0 "DUN_CLASSIFY_MEMORY=$m"
	is_err "" "  quietly"
	cmp -s out memory.out
	ok $? "  the same output as in memory, byte for byte"
	is "$(ls -A aside)" "" "  nothing left in TMPDIR"
done
cat aged.tsv | DUN_CLASSIFY_MEMORY=0 TMPDIR=$tmp/aside \
    dun-classify -t $asof >out 2>err
rc=$?
is_rc 0 "set aside, from a pipe"
cmp -s out memory.out
ok $? "  the same output as in memory, byte for byte"

# Two files, read one after the other: one output, ranked as one.
head -10001 aged.tsv >a.tsv
{ head -1 aged.tsv; tail -n +10002 aged.tsv; } >b.tsv
DUN_CLASSIFY_MEMORY=0 TMPDIR=$tmp/aside run dun-classify -t $asof a.tsv b.tsv
cmp -s out memory.out
ok $? "two files set aside: the same output as one"

# Priority 1 is the most expected_recovery, then the most days overdue,
# then the first read: ranked here by sort(1), apart from dun-classify.
cols() {	# cols NAME...: the numbers of the named columns of memory.out
	head -1 memory.out | tr '\t' '\n' | awk -v want="$*" '
	    BEGIN { n = split(want, w, " ") }
	    { at[$0] = NR }
	    END { for (i = 1; i <= n; i++) printf "%s ", at[w[i]] }'
}
set -- $(cols expected_recovery days_overdue priority)
tail -n +2 memory.out | awk -F'\t' -v w="$1" -v d="$2" -v p="$3" \
    -v OFS='\t' '{ print ($w == "" ? 0 : $w), ($d == "" ? 0 : $d), NR, $p }' |
    sort -t "$TAB" -k1,1gr -k2,2nr -k3,3n |
    awk -F'\t' '$4 != NR { bad++ } END { print bad + 0 }' >ranked
is "$(cat ranked)" 0 "every priority is the record's place by worth, age, order read"
is "$(cut -f"$3" memory.out | tail -n +2 | sort -n | uniq | wc -l)" 20000 \
    "  each priority once"

# The example estate, through its ledger.
ex=$top/examples
cp "$ex/units.csv" "$ex/bills.csv" "$ex/bank.csv" "$ex/waivers.tsv" \
    "$ex/events.tsv" . || exit 3
dun-import -d estate.db units.csv bills.csv bank.csv waivers.tsv \
    events.tsv >/dev/null 2>&1 || exit 3
dun-age -a -d estate.db -t $asof >ex.tsv 2>/dev/null || exit 3
DUN_CLASSIFY_MEMORY=1G dun-classify -t $asof ex.tsv >ex-memory.out 2>&1
DUN_CLASSIFY_MEMORY=1 TMPDIR=$tmp/aside run dun-classify -t $asof ex.tsv
is_rc 0 "the example estate, set aside"
cmp -s out ex-memory.out
ok $? "  the same output as in memory, byte for byte"
is "$(($(wc -l <out) - 1))" 200 "  a record a unit"

# What goes wrong.
DUN_CLASSIFY_MEMORY=0 TMPDIR=$tmp/none run dun-classify -t $asof ex.tsv
is_rc 3 "no TMPDIR to set records aside in"
is_out "" "  nothing written"
is_err "dun-classify: $tmp/none: cannot make a file to set the records aside in: No such file or directory" \
    "  said"
head -1 ex.tsv >head.tsv
DUN_CLASSIFY_MEMORY=0 TMPDIR=$tmp/none run dun-classify -t $asof head.tsv
is_rc 0 "no record: no file to set aside"
is "$(cat out)" "$(head -1 ex-memory.out)" "  the header only"
for m in x 12Q -1 +5 " 5" 99999999999999999999 99999999999G M; do
	check 2 "" "dun-classify: DUN_CLASSIFY_MEMORY=$m: not a size like 64M" \
	    "DUN_CLASSIFY_MEMORY=$m is refused" -- \
	    env "DUN_CLASSIFY_MEMORY=$m" dun-classify -t $asof ex.tsv
done
done_testing

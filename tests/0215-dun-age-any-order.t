#!/bin/sh
# dun-age through large files in a bank's order (charges by period and
# then unit, payments by date, as a billing system and a bank export
# them): grouped by unit by two threads, each reading half of every file,
# the rows never sorted.  What it says must be what it says of the same
# files sorted by unit, byte for byte, and in no more memory than the
# files take.
. "$(dirname "$0")/lib.sh"

gen -u 20000 -m 24 -o . || exit 3
bank() {	# bank FILE KEYS...: FILE's rows sorted by KEYS, stable
	f=$1
	shift
	{ head -1 "$f"; tail -n +2 "$f" | sort -s -t "$TAB" "$@"; }
}
bank charges.tsv -k3,3 -k1,1 >bc.tsv
bank payments.tsv -k3,3 >bp.tsv
bank adjustments.tsv -k3,3 >ba.tsv
bank events.tsv -k2,2 >be.tsv
bank units.tsv -k2,2 -k3,3r >bu.tsv
bank charges.tsv -k1,1 >sc.tsv
bank payments.tsv -k2,2 >sp.tsv
bank adjustments.tsv -k2,2 >sa.tsv
bank events.tsv -k1,1 >se.tsv
bank units.tsv -k1,1 >su.tsv
ok "$(test "$(wc -c <bc.tsv)" -gt 4000000; echo $?)" \
    "the charges are large enough to be read by two threads"
ok "$(cmp -s bc.tsv sc.tsv; test $? -eq 1; echo $?)" "  and not sorted by unit"

run dun-age -a -t 2026-11-20 -C sc.tsv -P sp.tsv -A sa.tsv -E se.tsv -U su.tsv
is_rc 0 "20,000 units from files sorted by unit"
cp out sorted.out
cp err sorted.err
is "$(($(wc -l <out) - 1))" 20000 "  every unit"
run dun-age -a -t 2026-11-20 -C bc.tsv -P bp.tsv -A ba.tsv -E be.tsv -U bu.tsv
is_rc 0 "the same in a bank's order"
cmp -s out sorted.out
ok $? "  the same output, byte for byte"
is "$(cat err)" "$(cat sorted.err)" "  the same messages"
run dun-age -t 2026-11-20 -C bc.tsv -P bp.tsv
cp out few.out
run sh -c "dun-age -t 2026-11-20 -C sc.tsv -P sp.tsv | cmp -s - few.out"
ok "$rc" "  and without -a, -A, -E and -U"

# Within a file's half, a unit's rows in the order they came: payments
# of the same day in the order the bank lists them.
bank payments.tsv -k3,3r >rp.tsv
{ head -1 rp.tsv; tail -n +2 rp.tsv | LC_ALL=C sort -s -t "$TAB" -k2,2; } >rsp.tsv
run dun-age -a -t 2026-11-20 -C bc.tsv -P rp.tsv
cp out r.out
run dun-age -a -t 2026-11-20 -C sc.tsv -P rsp.tsv
cmp -s out r.out
ok $? "payments newest first: the same as sorted by unit alone"

# Units the units file lacks, and one with no rows: said as ever.
{ grep -v '^1-0101' bu.tsv; printf 'ZZ-1\tE01\t1\t某\t13800000000\t90.00\towner\tC01\n'; } >bu2.tsv
{ head -1 bu2.tsv; tail -n +2 bu2.tsv | LC_ALL=C sort -t "$TAB" -k1,1; } >su2.tsv
run dun-age -a -t 2026-11-20 -C bc.tsv -P bp.tsv -U bu2.tsv
cp out b2.out
cp err b2.err
b2_rc=$rc
run dun-age -a -t 2026-11-20 -C sc.tsv -P sp.tsv -U su2.tsv
is "$b2_rc" "$rc" "a unit the units file lacks: the same exit ($rc)"
cmp -s out b2.out
ok $? "  the same output"
is "$(sed 's/bu2/su2/' b2.err)" "$(cat err)" "  the same messages"
ok "$(grep -q '1-0101 is not in it' err; echo $?)" "  (the unit is named)"

# Reversals: the payments are read the ordinary way, the charges still
# by the two threads.
{ printf 'ref\tdate\treason\n'; sed -n '2p;5000p;20000p' bp.tsv | cut -f1,3 | sed 's/$/\tbounced/'; } >rev.tsv
run dun-age -a -t 2026-11-20 -C bc.tsv -P bp.tsv -R rev.tsv
cp out rv.out
cp err rv.err
run dun-age -a -t 2026-11-20 -C sc.tsv -P sp.tsv -R rev.tsv
cmp -s out rv.out
ok $? "with reversals: the same output"
is "$(cat rv.err)" "$(cat err)" "  the same messages"
ok "$(cmp -s out sorted.out; test $? -eq 1; echo $?)" "  (the reversals change it)"

# A row not in dun's own form deep in the second half: every row is read
# the ordinary way, and said of as ever.
n=$(($(wc -l <bc.tsv) * 3 / 4))
awk -v n="$n" 'NR == n { print "1-0101\tmanagement\t2026-10\t2026/10/31\t1,234.00" }
    NR == n + 1 { print "1-0102\tmanagement\t2026-13\t2026-10-31\t3.00" } 1' bc.tsv >bad.tsv
{ head -1 bad.tsv; tail -n +2 bad.tsv | LC_ALL=C sort -s -t "$TAB" -k1,1; } >sbad.tsv
run dun-age -a -t 2026-11-20 -C bad.tsv -P bp.tsv
cp out bad.out
cp err bad.err
bad_rc=$rc
run dun-age -a -t 2026-11-20 -C sbad.tsv -P sp.tsv
is "$bad_rc" 1 "a bad row in a bank's order: exit 1"
cmp -s out bad.out
ok $? "  the same output as sorted"
is "$(head -1 bad.err)" "dun-age: bad.tsv:$((n + 2)): period: \"2026-13\" has month 13: months are 1 to 12" \
    "  the bad row named by its line"
is "$(sed 's/^dun-age: [^:]*:[0-9]*: //' bad.err)" \
    "$(sed 's/^dun-age: [^:]*:[0-9]*: //' err)" "  the same messages"

# Memory: less than the files take (not measured under the sanitizers).
if [ -x /usr/bin/time ] && ! ldd "$(command -v dun-age)" | grep -q asan; then
	/usr/bin/time -f %M -o rss dun-age -a -t 2026-11-20 -C bc.tsv -P bp.tsv >/dev/null 2>&1
	size=$((($(wc -c <bc.tsv) + $(wc -c <bp.tsv)) / 1024))
	ok "$(test "$(cat rss)" -lt "$size"; echo $?)" \
	    "peak RSS $(cat rss) KB, the files $size KB"
fi
done_testing

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

# The units aged by the two threads that grouped them, each its own, and
# written in order: with units whose amounts add up past what dun can
# count (said in their turn, among the records), units the units file
# lacks (many, in both threads' partitions), an amount that needs eight
# bytes, with and without -a, into a full disk: the same as sorted.
units=$(tail -n +2 units.tsv | cut -f1 | awk 'NR % 2500 == 7')
for u in $units; do
	awk -v u="$u" 'BEGIN { for (i = 0; i < 100; i++)
	    printf "%s\tparking\t%04d-%02d\t%04d-%02d-28\t999999999999999.99\n",
	    u, 2000 + int(i / 12), i % 12 + 1, 2000 + int(i / 12), i % 12 + 1 }'
done >big.rows
{ cat bc.tsv big.rows; printf '1-0102\tparking\t2019-01\t2019-01-28\t98765432.10\n'; } >bc2.tsv
bank bc2.tsv -k3,3 -k1,1 >bc3.tsv
bank bc2.tsv -k1,1 >sc3.tsv
awk 'NR == 1 || NR % 97 != 5' bu.tsv >bu3.tsv
{ head -1 bu3.tsv; tail -n +2 bu3.tsv | LC_ALL=C sort -t "$TAB" -k1,1; } >su3.tsv
run dun-age -a -t 2026-11-20 -C sc3.tsv -P sp.tsv -A sa.tsv -E se.tsv -U su3.tsv
cp out s3.out
cp err s3.err
s3_rc=$rc
run dun-age -a -t 2026-11-20 -C bc3.tsv -P bp.tsv -A ba.tsv -E be.tsv -U bu3.tsv
is "$rc" "$s3_rc" "units that fail, units the units file lacks: the same exit ($rc)"
cmp -s out s3.out
ok $? "  the same output, byte for byte"
is "$(sed 's/bu3/su3/' err)" "$(cat s3.err)" "  the same messages, in the same order"
is "$(grep -c 'add up past what dun can count' err)" "$(echo "$units" | wc -l)" \
    "  (each unit that fails is named)"
ok "$(test "$(grep -c 'is not in it' err)" -gt 100; echo $?)" \
    "  (and more than 100 the units file lacks)"
ok "$(grep '^1-0102	' out | grep -q '	98765[0-9]*\.[0-9][0-9]	'; echo $?)" \
    "  (a unit with a charge of 98,765,432.10 is aged with it)"
run dun-age -t 2026-11-20 -C bc3.tsv -P bp.tsv -U bu3.tsv
cp out b4.out
cp err b4.err
b4_rc=$rc
run dun-age -t 2026-11-20 -C sc3.tsv -P sp.tsv -U su3.tsv
is "$b4_rc" "$rc" "  and without -a: the same exit"
cmp -s out b4.out
ok $? "  the same output"
is "$(sed 's/bu3/su3/' b4.err)" "$(cat err)" "  the same messages"
if [ -w /dev/full ]; then
	dun-age -a -t 2026-11-20 -C bc3.tsv -P bp.tsv >/dev/full 2>full.err
	full_rc=$?
	dun-age -a -t 2026-11-20 -C sc3.tsv -P sp.tsv >/dev/full 2>sfull.err
	is "$full_rc" "$?" "  into a full disk: the same exit ($full_rc)"
	is "$full_rc" 3 "  which is 3, a system error"
	is "$(cat full.err)" "$(cat sfull.err)" "  the same messages"
fi

# Rows that fill the blocks they are staged and grouped in: a unit with
# 9,000 more payments (more than a block of grouped rows holds), and
# units whose names are 3,000 bytes long (a few staged rows to a block),
# in a bank's order and sorted by unit: the same.
long=$(awk 'BEGIN { while (n++ < 3000) printf "L" }')
awk -v long="$long" 'BEGIN { OFS = "\t" } { print }
    NR > 1 && NR % 50 == 0 { print "Q" NR, "1-0101", $3, "1.00", "", "", "cash" }
    NR > 1 && NR % 400 == 0 { print "Q" NR, long (NR % 7), $3, "2.00", "", "", "cash" }' \
    bp.tsv >bp5.tsv
{ head -1 bp5.tsv; tail -n +2 bp5.tsv | LC_ALL=C sort -s -t "$TAB" -k2,2; } >sp5.tsv
ok "$(test "$(grep -c '	1-0101	' bp5.tsv)" -gt 5000; echo $?)" \
    "a unit with more than 5,000 payments"
run dun-age -a -t 2026-11-20 -C bc.tsv -P bp5.tsv
is_rc 0 "  and units of 3,000 bytes, in a bank's order"
cp out b5.out
run dun-age -a -t 2026-11-20 -C sc.tsv -P sp5.tsv
cmp -s out b5.out
ok $? "  the same output as sorted"
is "$(grep -c '^LLLL' out)" 7 "  (each long unit aged)"

# Memory: less than the files take (not measured under the sanitizers).
if [ -x /usr/bin/time ] && ! ldd "$(command -v dun-age)" | grep -q asan; then
	/usr/bin/time -f %M -o rss dun-age -a -t 2026-11-20 -C bc.tsv -P bp.tsv >/dev/null 2>&1
	size=$((($(wc -c <bc.tsv) + $(wc -c <bp.tsv)) / 1024))
	ok "$(test "$(cat rss)" -lt "$size"; echo $?)" \
	    "peak RSS $(cat rss) KB, the files $size KB"
fi
done_testing

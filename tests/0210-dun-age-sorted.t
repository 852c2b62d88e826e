#!/bin/sh
# dun-age through large files sorted by unit: the short way (read in
# batches by threads, parsed in place) must say exactly what the full
# reader says of the same rows in another order, rows in odd forms and
# bad rows among them.
. "$(dirname "$0")/lib.sh"

gen -u 1000 -m 24 -s 3 -o . || exit 3
# Rows the short way leaves to the full reader, among rows it takes.
{
	cat charges.tsv
	printf '1-0101\tmanagement\t2026-10\t2026-10-31\t12.5\r\n'	# CRLF, 12.5
	printf '1-0102\twater\t2026-10\t2026/10/31\t1,234.00\n'	# other forms
	printf '1-0103\tmanagement\t2026-10\t2026-10-31\t7.00\t\n'	# a stray TAB
	printf '1-0104\tmanagement\t2026-10\t2026-10-31\n'		# one short
	printf '1-0105\tmanagement\t2026-10\t2026-10-31\t-3.00\n'	# negative
	printf '1-0106\t\t2026-10\t2026-10-31\t3.00\n'		# no fee
	printf '1-0107\tmanagement\t2026-13\t2026-10-31\t3.00\n'	# month 13
	printf '1-0108\tmanagement\t2026-10\t2026-02-30\t3.00\n'	# no such day
	printf '楼A-1\tmanagement\t2026-10\t2026-10-31\t99.99\n'	# not ASCII
	printf 'Z\\\\1\tmanagement\t2026-10\t2026-10-31\t5.00\n'	# Z\1, escaped
	printf '\n\r\n'							# blank lines
} >all.tsv
{ head -1 all.tsv; tail -n +2 all.tsv | grep -v '^.\{0,1\}$' | LC_ALL=C sort -s -t "$TAB" -k1,1; } |
    awk 'NR == 1000 { print ""; printf "\r\n" } 1' >c.sorted.tsv
printf '\n' >>c.sorted.tsv
# The last line unended, a method in Chinese, a ref longer than a batch.
{
	head -1 payments.tsv
	tail -n +2 payments.tsv
	printf 'W1\t1-0109\t2026-11-01\t10.00\t\t\t微信\n'
	printf 'W2\t1-0110\t2026-11-01\t0.00\t\t\tcash\n'			# not above 0
	printf 'W3\t1-0111\t2026-11-01\t10.00\twater\t2026-10\tcash\n'	# named
	printf 'W4\t1-0112\t2026-11-01\t10.00\tlate\t\tcash\n'		# the late fee
	printf 'W5\t1-0113\t2026-11-01\t10.00\t\t\t%s\n' "$(head -c 700000 /dev/zero | tr '\0' x)"
} >pall.tsv
{ head -1 pall.tsv; tail -n +2 pall.tsv | LC_ALL=C sort -s -t "$TAB" -k2,2; } >p.sorted.tsv
truncate -s -1 p.sorted.tsv
# The same rows in no order: read whole, by the full reader.
for f in c p; do
	{ head -1 $f.sorted.tsv; tail -n +2 $f.sorted.tsv | sort -t "$TAB" -k3,3r; } >$f.shuffled.tsv
done
ok "$(test "$(wc -c <c.sorted.tsv)" -gt 2000000; echo $?)" "the charges span several batches"

run dun-age -a -t 2026-11-20 -C c.sorted.tsv -P p.sorted.tsv
cp out sorted.out
cp err sorted.err
sorted_rc=$rc
run dun-age -a -t 2026-11-20 -C c.shuffled.tsv -P p.shuffled.tsv
# The files' names and lines differ; what is said of the rows may not.
what() { sed 's/^dun-age: [^:]*:[0-9]*: //' "$1" | sort; }
is "$sorted_rc" 1 "sorted files: exit 1 for the bad rows"
is "$rc" 1 "the same rows in no order: exit 1"
cmp -s sorted.out out
ok $? "  the same output, byte for byte"
is "$(what sorted.err)" "$(what err)" "  the same messages"
line() { grep -n "$1" "$2" | cut -d: -f1; }
is "$(cat sorted.err)" "dun-age: c.sorted.tsv:$(line "^1-0104${TAB}.*31\$" c.sorted.tsv): has 4 fields, the header has 5
dun-age: c.sorted.tsv:$(line "${TAB}-3.00\$" c.sorted.tsv): amount: a charge cannot be negative
dun-age: c.sorted.tsv:$(line "^1-0106${TAB}" c.sorted.tsv): fee: is empty
dun-age: c.sorted.tsv:$(line "${TAB}2026-13${TAB}" c.sorted.tsv): period: \"2026-13\" has month 13: months are 1 to 12
dun-age: c.sorted.tsv:$(line "${TAB}2026-02-30${TAB}" c.sorted.tsv): due: \"2026-02-30\" is not a date: February 2026 has 28 days
dun-age: p.sorted.tsv:$(line '^W2' p.sorted.tsv): amount: a payment must be above 0
$(age_note 2028-2029)" \
    "  each bad row named by its line"
is "$(cols 'unit balance' sorted.out | grep -E '^(楼A-1|Z)')" 'Z\\1 5.00
楼A-1 99.99' "  a unit not in ASCII, and one with an escaped backslash"

# Sorted, but CSV or GBK: read whole, aged the same.
mkdir small && gen -u 300 -m 12 -s 5 -o small || exit 3
for f in charges payments; do
	{ head -1 small/$f.tsv; tail -n +2 small/$f.tsv | LC_ALL=C sort -s -t "$TAB" -k$([ $f = charges ] && echo 1 || echo 2),1; } >s$f.tsv
	tr "$TAB" , <s$f.tsv >s$f.csv
done
{ head -1 small/units.tsv; tail -n +2 small/units.tsv | LC_ALL=C sort -t "$TAB" -k1,1; } >sunits.tsv
iconv -f UTF-8 -t GBK sunits.tsv >sunits.gbk
run dun-age -a -t 2026-11-20 -C scharges.tsv -P spayments.tsv -U sunits.tsv
cp out small.out
run dun-age -a -t 2026-11-20 -C scharges.csv -P spayments.csv -U sunits.gbk
is_rc 0 "sorted CSV files and a GBK file"
cmp -s out small.out
ok $? "  the same output as from sorted UTF-8 TSV"
ok "$(grep -q '[^ -~]' sunits.tsv; echo $?)" "  (the units file has text that is not ASCII)"

# Text that is not UTF-8 deep in a sorted file stops the run with its line.
{ head -1 c.sorted.tsv; tail -n +2 c.sorted.tsv | head -50000; printf '9-9999\tmanagement\t2026-10\t2026-10-31\t1.00 \377\n'; } >bad8.tsv
run dun-age -t 2026-11-20 -C bad8.tsv -P p.sorted.tsv
is_rc 1 "invalid UTF-8 in a sorted file"
is "$(tail -2 err)" "dun-age: bad8.tsv:50002: is not valid UTF-8 (if the file is GBK, say --encoding gbk)
$(age_note 2028-2029)" \
    "  named by its line"
done_testing

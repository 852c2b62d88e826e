#!/bin/sh
# Every program has a man page, and every page is mandoc -Tlint clean.
. "$(dirname "$0")/lib.sh"

for c in "$top"/cmd/dun-*.c; do
	n=$(basename "$c" .c)
	[ -f "$top/man/$n.1" ]
	ok $? "$n has a man page"
done
for p in "$top"/man/*.[157]; do
	mandoc -Tlint -W warning "$p" >lint 2>&1
	ok $? "$(basename "$p") is mandoc -Tlint clean"
	[ -s lint ] && sed 's/^/#   /' lint
done
# The usage a program prints is the man page's SYNOPSIS.
for c in "$top"/cmd/dun-*.c; do
	n=$(basename "$c" .c)
	"$n" -h 2>&1 | sed -e 's/^usage: //' -e 's/^ *//' >usage
	mandoc -T utf8 -O width=200 "$top/man/$n.1" | col -bx |
	    sed -n '/^SYNOPSIS/,/^DESCRIPTION/p' | sed -e '1d' -e '$d' \
	    -e 's/^ *//' -e '/^$/d' >synopsis
	cmp -s usage synopsis
	ok $? "$n -h prints the SYNOPSIS of $n(1)"
	cmp -s usage synopsis || diff usage synopsis | sed 's/^/#   /'
done
done_testing

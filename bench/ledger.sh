#!/bin/sh
# bench/ledger.sh — dun-age from the ledger against a floor that only
# reads the same tables: sqlite3 scanning each of them once in unit order,
# every column dun-age uses read (bench/ledger-floor.sql).  Side by side in one
# run, on a copy of bench/nightly.sh's prepared ledger of each size (its
# estate's history before the night: units, charges, payments,
# adjustments, events), aged as of the night (2026-11-20) with the
# example office's config, as the night does.  Beside them dun-report,
# which reads the same histories: -k rates, and a page of three kinds
# (-f text -k aging,rates,collectors), which age each unit once for all.
#
#   bench/ledger.sh [-b build] [-r rounds] [UNITS ...]
#                                       (default 10000 100000, 3 rounds)
#
# The ledgers are bench/data/nightly-UNITS/history.db, made by
# bench/nightly.sh UNITS if there is none (they are copied here, never
# changed).  -b names a second build (a directory holding its dun-age, as
# build-before/ of an older tree) to time beside this tree's build/: each
# ages its own copy of the ledger (a newer dun may migrate its copy), and
# their outputs are compared byte for byte first.
# Prints each run's seconds and peak RSS, then medians and the ratio of
# each dun-age to the floor.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
bin=$top/build
other=
rounds=3
asof=2026-11-20
usage() {
	echo "usage: bench/ledger.sh [-b build] [-r rounds] [UNITS ...]" >&2
	exit 2
}
while getopts b:r: o; do
	case $o in
	b)	other=$(cd "$OPTARG" && pwd) ;;
	r)	rounds=$OPTARG ;;
	*)	usage ;;
	esac
done
shift $((OPTIND - 1))
[ $# -gt 0 ] || set -- 10000 100000
make -s -C "$top" build/dun-age >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
. "$top/bench/rounds.sh"

for units in "$@"; do
	h=$top/bench/data/nightly-$units/history.db
	[ -f "$h" ] || "$top/bench/nightly.sh" "$units" >/dev/null
	rm -f "$work"/*.db*
	cp "$h" "$work/dun.db"
	tools="dun floor rates page"
	echo "exec $bin/dun-age -c $top/examples/dun.yaml -d $work/dun.db" \
	    "-t $asof >$work/dun.out 2>$work/dun.err" >"$work/dun.sh"
	R="$bin/dun-report -c $top/examples/dun.yaml -d $work/dun.db -t $asof"
	echo "exec $R -k rates --from 2026-01-01 </dev/null" \
	    ">$work/rates.out 2>$work/rates.err" >"$work/rates.sh"
	echo "exec $R -f text -k aging,rates,collectors --from 2026-01-01" \
	    "</dev/null >$work/page.out 2>$work/page.err" >"$work/page.sh"
	if [ -n "$other" ]; then
		cp "$h" "$work/other.db"
		tools="dun other floor rates page"
		echo "exec $other/dun-age -c $top/examples/dun.yaml" \
		    "-d $work/other.db -t $asof >$work/other.out" \
		    "2>$work/other.err" >"$work/other.sh"
	fi
	echo "exec sqlite3 -readonly -batch $work/dun.db" \
	    "<$top/bench/ledger-floor.sql >$work/floor.out" >"$work/floor.sh"
	# Once untimed: a migration of the copy is not the aging's, and
	# the outputs are compared.
	for t in $tools; do
		sh "$work/$t.sh"
	done
	echo
	echo "== $units units: $(sqlite3 "$h" "SELECT (SELECT count(*) FROM
	    units) || ' units, ' || (SELECT count(*) FROM charges) ||
	    ' charges, ' || (SELECT count(*) FROM payments) || ' payments, ' ||
	    (SELECT count(*) FROM adjustments) || ' adjustments, ' ||
	    (SELECT count(*) FROM events) || ' events'"); $(($(wc -l \
	    <"$work/dun.out") - 1)) units owe"
	echo "load:$(uptime | sed 's/.*load average://')"
	if [ -n "$other" ]; then
		if cmp -s "$work/dun.out" "$work/other.out" &&
		    cmp -s "$work/dun.err" "$work/other.err"; then
			echo "dun-age of build/ and of $other: the same output," \
			    "byte for byte"
		else
			echo "dun-age of build/ and of $other: DIFFERENT"
			diff "$work/other.out" "$work/dun.out" | head -5
		fi
	fi
	take_turns "$rounds" $tools
	awk -f "$top/bench/median.awk" "$work/times" | awk '
		{ med[$1] = $2; m[$1] = $3; name[++n] = $1 }
		END {
			f = med["floor"]
			d = med["dun"]
			printf "median seconds (peak RSS):\n"
			for (i = 1; i <= n; i++) {
				k = name[i]
				printf "  %-6s %7.2f s  %7.1f MB", k, med[k],
				    m[k] / 1024
				if (k != "floor" && f > 0)
					printf "  %.2fx the floor", med[k] / f
				if ((k == "rates" || k == "page") && d > 0)
					printf ", %.2fx dun-age", med[k] / d
				printf "\n"
			}
		}'
done

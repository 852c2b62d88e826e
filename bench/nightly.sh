#!/bin/sh
# bench/nightly.sh — the night's whole job of dun(7), at a size: the
# month's bills and bank payments loaded into a ledger that holds the
# estate's history, every unit aged, classed and noticed (the letters as
# PDF, the SMS batch, the call lists and visit routes), and the page
# written.  Each stage's seconds and peak RSS, and the total.
#
#   bench/nightly.sh [-fp] [-m months] [-s seed] [-w dir] [UNITS ...]
#                                      (default 10000 100000 units × 24 months)
#
# The estate is gen's (-u UNITS -m months -p 2024-12 -s seed, default
# seed 1).  Its last month is the night's: its charges (period 2026-11 for
# 24 months) and the payments dated in it are in/charges.tsv and
# in/payments.tsv, and the ledger is loaded with all the rest (units,
# charges, payments, adjustments, events).  That prepared ledger is kept
# in the work dir, dir/history.db, beside dir/in and the key it was made
# with, dir/prepared ("gen -u UNITS -m 24 -p 2024-12 -s 1"), and used
# again by the next run of the same key, whatever dun's binaries are:
# preparing 1,000,000 units takes many minutes.  -f prepares it afresh,
# as it must be after a change to the ledger's schema.
# The work dir is -w, %u in it the size; by default bench/data/nightly-%u.
#
# Each run copies the prepared ledger to dir/run/estate.db and works in
# dir/run as the cron line does in /srv/dun, with its dun.yaml (the demo
# office of examples/dun.yaml: the sender notices need), on the 20th of
# the last month (the estate's export day, a Friday):
#   import    dun-import -d estate.db in/charges.tsv in/payments.tsv
#   age       dun-age -d estate.db
#   classify  dun-classify
#   notice    dun-notice -d estate.db -o out/notices
#   report    dun-report -d estate.db -f html -o out/report.html,
#             fed dun-notice's records (notices, aging, collectors, rates)
# one after the other, each from the file the one before wrote, so that
# each is timed alone; what they made is left in dir/run until the next
# run.  -p also times the same night as the cron line's one pipe (the
# stages at once, as the two cores run them), on a fresh copy.
# DUN_BUILD names a build to measure instead of build/ (made first).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
bin=${DUN_BUILD:-$top/build}
months=24
seed=1
fresh=
pipe=
wdir=$top/bench/data/nightly-%u
usage() {
	echo "usage: bench/nightly.sh [-fp] [-m months] [-s seed] [-w dir]" \
	    "[UNITS ...]" >&2
	exit 2
}
while getopts fm:ps:w: o; do
	case $o in
	f)	fresh=1 ;;
	m)	months=$OPTARG ;;
	p)	pipe=1 ;;
	s)	seed=$OPTARG ;;
	w)	wdir=$OPTARG ;;
	*)	usage ;;
	esac
done
shift $((OPTIND - 1))
[ $# -gt 0 ] || set -- 10000 100000
export PATH="$bin:$PATH"
[ -n "${DUN_BUILD:-}" ] ||
	make -s -C "$top" build/dun-import build/dun-age build/dun-classify \
	    build/dun-notice build/dun-report build/gen >/dev/null
# The last month of the estate, from gen's first, 2024-12.
last=$((2024 * 12 + 11 + months - 1))
last=$(printf '%04d-%02d' $((last / 12)) $((last % 12 + 1)))
asof=$last-20
T=$(printf '\t')

prepare() {	# prepare WORK UNITS KEY: the history's ledger and in/
	w=$1
	rm -rf "$w/est" "$w/in" "$w/history.db" "$w/prepared" "$w/counts"
	mkdir -p "$w/est" "$w/in"
	start=$(date +%s)
	"$bin/gen" -u "$2" -m "$months" -p 2024-12 -s "$seed" -o "$w/est"
	# The night's files: the last month's charges, the payments of it.
	awk -F'\t' -v last="$last" -v h="$w/est/h-charges.tsv" \
	    -v m="$w/in/charges.tsv" 'NR == 1 { print >h; print >m; next }
	    { print >($3 == last ? m : h) }' "$w/est/charges.tsv"
	awk -F'\t' -v first="$last-01" -v h="$w/est/h-payments.tsv" \
	    -v m="$w/in/payments.tsv" 'NR == 1 { print >h; print >m; next }
	    { print >($3 >= first ? m : h) }' "$w/est/payments.tsv"
	(cd "$w/est" && "$bin/dun-import" -c "$top/examples/dun.yaml" \
	    -d history.tmp units.tsv h-charges.tsv h-payments.tsv \
	    adjustments.tsv events.tsv >import.tsv 2>import.err) || {
		echo "preparing $w: dun-import failed:" >&2
		cat "$w/est/import.err" >&2
		exit 3
	}
	sqlite3 "$w/est/history.tmp" "SELECT (SELECT count(*) FROM units) ||
	    ' units, ' || (SELECT count(*) FROM charges) || ' charges, ' ||
	    (SELECT count(*) FROM payments) || ' payments'" >"$w/counts"
	mv "$w/est/history.tmp" "$w/history.db"
	rm -rf "$w/est"
	echo "$3" >"$w/prepared"
	echo "prepared in $(($(date +%s) - start)) s: $w/history.db"
}

stage() {	# stage NAME COMMAND: run it in run/, timed; keep its figures
	sync
	st=0
	(cd "$w/run" && /usr/bin/time -f '%e %M' -o ../t sh -c "$2") || st=$?
	echo "$1 $(tail -1 "$w/t") $st" >>"$w/times"
}

fresh_run() {	# a fresh run/: the prepared ledger, in/, dun.yaml
	rm -rf "$w/run"
	mkdir -p "$w/run/out" "$w/run/log"
	cp "$w/history.db" "$w/run/estate.db"
	cp -R "$w/in" "$w/run/in"
	cp "$top/examples/dun.yaml" "$w/run/dun.yaml"
}

for units in "$@"; do
	w=$(echo "$wdir" | sed "s/%u/$units/g")
	mkdir -p "$w"
	key="gen -u $units -m $months -p 2024-12 -s $seed"
	if [ -n "$fresh" ] || [ ! -f "$w/history.db" ] ||
	    [ "$(cat "$w/prepared" 2>/dev/null)" != "$key" ]; then
		echo "preparing $units units: $key, then dun-import of all" \
		    "but $last"
		prepare "$w" "$units" "$key"
	fi
	export DUN_TODAY=$asof
	fresh_run
	: >"$w/times"
	echo
	echo "== $units units ($(cat "$w/counts") before the night;" \
	    "in/: $(($(wc -l <"$w/in/charges.tsv") - 1)) charges," \
	    "$(($(wc -l <"$w/in/payments.tsv") - 1)) payments)," \
	    "as of $asof"
	echo "load:$(uptime | sed 's/.*load average://')"
	stage import "dun-import -d estate.db in/charges.tsv in/payments.tsv \
	    >log/import.tsv 2>log/import.err"
	stage age "dun-age -d estate.db >log/aged.tsv 2>log/age.err"
	stage classify "dun-classify log/aged.tsv >out/decisions.tsv \
	    2>log/classify.err"
	stage notice "dun-notice -d estate.db -o out/notices out/decisions.tsv \
	    >log/notices.tsv 2>log/notice.err"
	stage report "dun-report -d estate.db -f html -o out/report.html \
	    <log/notices.tsv 2>log/report.err"
	if [ -n "$pipe" ]; then
		mv "$w/run" "$w/run.stages"
		fresh_run
		stage pipe "dun-import -d estate.db in/*.tsv \
		    >>log/import.tsv 2>>log/import.err && \
		    dun-age -d estate.db 2>>log/age.err | \
		    dun-classify 2>>log/classify.err | \
		    tee out/decisions.tsv | \
		    dun-notice -d estate.db -o out/notices 2>>log/notice.err | \
		    tee -a log/notices.tsv | \
		    dun-report -d estate.db -f html -o out/report.html \
		    2>>log/report.err"
		rm -rf "$w/run"
		mv "$w/run.stages" "$w/run"
	fi
	r=$w/run
	awk -v notices="$(cut -f4 "$r/log/notices.tsv" | tail -n +2 | sort |
	    uniq -c | awk '{ printf "%s%s %s", s, $1, $2; s = ", " }')" \
	    -v aged=$(($(wc -l <"$r/log/aged.tsv") - 1)) \
	    -v send="$(awk -F"$T" 'NR == 1 { for (i = 1; i <= NF; i++)
	        if ($i == "action") a = i; next } $a == "send" { k++ }
	        END { print k + 0 }' "$r/out/decisions.tsv")" \
	    -v rows="$(awk -F"$T" 'NR > 1 { k += $3 } END { print k + 0 }' \
	        "$r/log/import.tsv")" \
	    -v html="$(wc -c <"$r/out/report.html" 2>/dev/null || echo 0)" '
	BEGIN {
		what["import"] = rows " rows"
		what["age"] = aged " units owe"
		what["classify"] = send " to send"
		what["notice"] = notices
		what["report"] = int(html / 1024) " KB of HTML"
		printf "%-14s %8s %12s  %s\n", "stage", "seconds", "peak_rss_MB",
		    "made"
	}
	{
		name = $1; s = $2; m = $3; st = $4
		note = what[name] (st ? " (exit " st ")" : "")
		if (name !~ /^pipe/) {
			total += s
			if (m > peak)
				peak = m
			printf "%-14s %8.2f %12.1f  %s\n", name, s, m / 1024, note
		} else
			pipe = sprintf("%-14s %8.2f %12.1f  %s", "pipe (dun(7))", s,
			    m / 1024, note)
	}
	END {
		printf "%-14s %8.2f %12.1f\n", "total", total, peak / 1024
		if (pipe != "")
			print pipe
	}' "$w/times"
	for e in import age classify notice report; do
		grep -v 'no list of public holidays' "$r/log/$e.err" |
		    sed "s/^/  $e: /" | head -8
	done
done

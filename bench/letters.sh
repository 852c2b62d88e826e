#!/bin/sh
# bench/letters.sh — what a letter costs dun-notice against the floor of
# a letter (letterfloor.c: the same text laid out by pango in the same
# font on a cairo PDF surface, and nothing else), side by side in one run.
#
#   bench/letters.sh [N] [ROUNDS]      (default 200 letters, 3 rounds)
#
# A ledger of N units, each owing six months of management fees, and
# dun-classify's records of them with the written demand (stage demand,
# channel letter) due today; dun-notice writes the N letters into a fresh
# copy of the ledger each run: a PDF a letter, and the day's letters in
# one PDF for the print room, each written, flushed to disk and recorded.
# The floor lays out the text of one of those letters (pdftotext) N
# times: as the N pages of one PDF, and as N PDFs of a page each.  And
# dun-notice with the same records made SMS (stage overdue), for what a
# notice costs it without a letter.  Prints each run's seconds and peak
# RSS, then the medians as milliseconds a letter, and the ratios of
# dun-notice to the floor.  DUN_BUILD names a build to measure instead
# of build/ (made first); DUN_BEFORE names another build, whose
# dun-notice writes the same letters in turn with the others, for a
# change measured side by side.
set -eu
count=${1:-200}	# not n: rounds.sh has its own
rounds=${2:-3}
asof=2026-11-24
top=$(cd "$(dirname "$0")/.." && pwd)
bin=${DUN_BUILD:-$top/build}
conf=$top/examples/dun.yaml	# the demo office: dun-notice needs a sender
data=$top/bench/data/letters$count
[ -n "${DUN_BUILD:-}" ] ||
	make -s -C "$top" build/dun-import build/dun-age build/dun-classify \
	    build/dun-notice >/dev/null
mkdir -p "$data"
cc -std=c11 -D_POSIX_C_SOURCE=200809L -O2 -o "$data/letterfloor" \
    "$top/bench/letterfloor.c" $(pkg-config --cflags --libs pangocairo)

if [ ! -f "$data/letter.txt" ]; then
	rm -f "$data/base.db"
	awk -v n="$count" 'BEGIN {
		print "unit\testate\tbuilding\towner\tphone\tarea\toccupancy\tcollector"
		for (i = 1; i <= n; i++)
			printf "%d-%04d\t锦绣花园\t%d栋\t张%d\t138%08d\t98.50\towner\t王五\n",
			    int((i - 1) / 100) + 1, i, int((i - 1) / 100) + 1, i, i
	}' >"$data/units.tsv"
	awk -v n="$count" 'BEGIN {
		print "unit\tfee\tperiod\tdue\tamount"
		for (i = 1; i <= n; i++)
			for (m = 3; m <= 8; m++)
				printf "%d-%04d\tmanagement\t2026-%02d\t2026-%02d-%d\t246.25\n",
				    int((i - 1) / 100) + 1, i, m, m,
				    m == 4 || m == 6 ? 30 : 31
	}' >"$data/charges.tsv"
	"$bin/dun-import" -c "$conf" -d "$data/base.db" "$data/units.tsv" \
	    "$data/charges.tsv" >/dev/null
	"$bin/dun-age" -c "$conf" -d "$data/base.db" -t $asof 2>/dev/null |
	    "$bin/dun-classify" -c "$conf" -t $asof >"$data/classified.tsv"
	# The step each record takes, made the one measured.
	for s in demand:letter overdue:sms; do
		awk -F'\t' -v OFS='\t' -v st="${s%:*}" -v ch="${s#*:}" \
		    -v day=$asof 'NR == 1 {
			for (i = 1; i <= NF; i++) at[$i] = i
			print
			next
		}
		{
			$at["stage"] = st; $at["channel"] = ch
			$at["due_on"] = day; $at["action"] = "send"
			print
		}' "$data/classified.tsv" >"$data/${s#*:}.tsv"
	done
	# One letter as dun-notice writes it, its text for the floor.
	rm -rf "$data/one"
	cp "$data/base.db" "$data/one.db"
	head -2 "$data/letter.tsv" | "$bin/dun-notice" -c "$conf" \
	    -d "$data/one.db" -t $asof -o "$data/one" >/dev/null 2>&1
	pdftotext -layout "$data/one/letters/"*.pdf "$data/letter.tmp"
	mv "$data/letter.tmp" "$data/letter.txt"
	rm -rf "$data/one" "$data/one.db"
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
F=$data/letterfloor
echo "exec $F $count $data/letter.txt $work/one.pdf >$work/floor-one.out" \
    >"$work/floor-one.sh"
echo "rm -rf $work/each; exec $F -m $count $data/letter.txt $work/each \
    >$work/floor-each.out" >"$work/floor-each.sh"
for ch in letter sms; do
	echo "rm -rf $work/nt-$ch $work/$ch.db*; cp $data/base.db $work/$ch.db
exec $bin/dun-notice -c $conf -d $work/$ch.db -t $asof -o $work/nt-$ch \
    $data/$ch.tsv >/dev/null 2>$work/$ch.err" >"$work/dun-$ch.sh"
done
before=
if [ -n "${DUN_BEFORE:-}" ]; then
	before=dun-before
	echo "rm -rf $work/nt-before $work/before.db*
cp $data/base.db $work/before.db
exec $DUN_BEFORE/dun-notice -c $conf -d $work/before.db -t $asof \
    -o $work/nt-before $data/letter.tsv >/dev/null 2>$work/before.err" \
	    >"$work/dun-before.sh"
fi

. "$top/bench/rounds.sh"
echo "letters: $count demand letters of six statement rows; load:$(uptime |
    sed 's/.*load average://')"
take_turns "$rounds" floor-one floor-each dun-letter $before dun-sms
grep -q "^dun-notice: $count notices issued" "$work/letter.err" ||
	{ echo "dun-notice did not issue $count letters:"; cat "$work/letter.err"; }
[ -z "$before" ] || grep -q "^dun-notice: $count notices issued" \
    "$work/before.err" || { echo "DUN_BEFORE's dun-notice did not issue" \
    "$count letters:"; cat "$work/before.err"; }
echo "letterfloor's own clock, last run:"
cat "$work/floor-one.out" "$work/floor-each.out"
awk -f "$top/bench/median.awk" "$work/times" | awk -v n="$count" '
	{ s[$1] = $2; m[$1] = $3 }
	function row(what, k) {
		printf "%-44s %8.2f ms/letter  (%d MB)\n", what,
		    s[k] * 1000 / n, m[k] / 1024
	}
	END {
		row("floor, one PDF of N pages", "floor-one")
		row("floor, N PDFs of a page", "floor-each")
		row("dun-notice, a PDF a letter and the day'\''s PDF", "dun-letter")
		row("dun-notice, the same notices as SMS", "dun-sms")
		d = s["dun-letter"]
		printf "dun-notice / floor: %.1f (one PDF), %.1f (N PDFs), %.1f (both, as dun makes both)\n",
		    d / s["floor-one"], d / s["floor-each"],
		    d / (s["floor-one"] + s["floor-each"])
		if ("dun-before" in s) {
			row("DUN_BEFORE'\''s dun-notice, the same letters",
			    "dun-before")
			printf "DUN_BEFORE / floor: %.1f (one PDF); dun-notice / DUN_BEFORE: %.2f\n",
			    s["dun-before"] / s["floor-one"], d / s["dun-before"]
		}
	}'

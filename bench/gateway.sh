#!/bin/sh
# bench/gateway.sh — dun-notice sending N SMS through a gateway (the
# tests' loopback one, tests/bin/sink), one at a time once the batch is
# taken, each recorded as it is sent: seconds and peak RSS.
#
#   bench/gateway.sh [-F] [-r ROUNDS] [N ...]   (default 10000 50000, 1 round)
#
# A ledger of N units with a phone each, owing a month, and N records
# of the overdue SMS due today; each run sends them through a fresh
# gateway into a fresh copy of the ledger.  DUN_BUILD names the build to
# measure instead of build/ (made first); DUN_BEFORE another, run beside
# it in turns, whose output, register (but for the times) and files must
# be the same.  -F makes fsync and fdatasync return at once (a shim
# preloaded, built with cc): each notice is flushed to disk two to four
# times, which on a slow disk sets the pace and is not what is measured
# here; the peak RSS is the same either way.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
bin=${DUN_BUILD:-$top/build}
rounds=1
nosync=
while getopts Fr: o; do
	case $o in
	F)	nosync=1 ;;
	r)	rounds=$OPTARG ;;
	*)	echo "usage: bench/gateway.sh [-F] [-r rounds] [N ...]" >&2
		exit 2 ;;
	esac
done
shift $((OPTIND - 1))
[ $# -gt 0 ] || set -- 10000 50000
[ -n "${DUN_BUILD:-}" ] ||
	make -s -C "$top" build/dun-import build/dun-notice >/dev/null
builds="${DUN_BEFORE:+$DUN_BEFORE }$bin"
asof=2026-11-24
mkdir -p "$top/bench/data"
pre=
if [ -n "$nosync" ]; then
	printf '%s\n' 'int fsync(int fd) { (void)fd; return 0; }' \
	    'int fdatasync(int fd) { (void)fd; return 0; }' \
	    >"$top/bench/data/nosync.c"
	cc -shared -fPIC -O2 -o "$top/bench/data/nosync.so" \
	    "$top/bench/data/nosync.c"
	pre=$top/bench/data/nosync.so
fi
work=$(mktemp -d)
spid=
trap 'kill $spid 2>/dev/null; rm -rf "$work"' EXIT INT TERM

for n in "$@"; do
	data=$top/bench/data/gateway$n
	if [ ! -f "$data/base.db" ]; then
		mkdir -p "$data"
		awk -v n="$n" 'BEGIN {
			print "unit\testate\tbuilding\towner\tphone\temail\tcollector"
			for (i = 1; i <= n; i++)
				printf "U%07d\t锦绣花园\t%d栋\t业主%d\t139%08d\t\t王五\n",
				    i, i % 9 + 1, i, i
		}' >"$data/units.tsv"
		awk -v n="$n" 'BEGIN {
			print "unit\tfee\tperiod\tdue\tamount"
			for (i = 1; i <= n; i++)
				printf "U%07d\tmanagement\t2026-09\t2026-09-30\t%d.00\n",
				    i, 100 + i % 900
		}' >"$data/charges.tsv"
		awk -v n="$n" 'BEGIN {
			print "unit\towner\ttotal\tlate_fee\tdays_overdue\t" \
			    "periods_unpaid\tclass\tstage\tchannel\tdue_on\t" \
			    "action\tpriority\treason\tepisode_start"
			for (i = 1; i <= n; i++)
				printf "U%07d\t\t%d.00\t0.00\t55\t1\tforgetful\t" \
				    "overdue\tsms\t2026-11-24\tsend\t1\twhy\t" \
				    "2026-09-30\n", i, 100 + i % 900
		}' >"$data/sms.tsv"
		"$bin/dun-import" -c "$top/examples/dun.yaml" -d "$data/tmp.db" \
		    "$data/units.tsv" "$data/charges.tsv" >/dev/null
		mv "$data/tmp.db" "$data/base.db"
	fi
	r=1
	order=$builds
	while [ $r -le "$rounds" ]; do
		k=0
		for b in $order; do
			k=$((k + 1))
			w=$work/$n-$k
			rm -rf "$w"
			mkdir -p "$w"
			cp "$data/base.db" "$w/l.db"
			"$top/tests/bin/sink" http "$w/port" "$w/http.log" &
			spid=$!
			while [ ! -s "$w/port" ]; do sleep 0.1; done
			{ cat "$top/examples/dun.yaml"; cat <<E
notice:
  sms:
    gateway: http://127.0.0.1:$(cat "$w/port")/send
    format: json
    fields: {to: "{{phone}}", msg: "{{text}}", ref: "{{notice}}"}
E
			} >"$w/gw.yaml"
			(cd "$w" && LD_PRELOAD=$pre /usr/bin/time -f '%e %M' \
			    -o time "$b/dun-notice" -c gw.yaml -d l.db -o nt \
			    -t $asof -a 10:00 "$data/sms.tsv" >out.tsv 2>err) ||
			    { cat "$w/err" >&2; exit 1; }
			kill $spid
			wait $spid 2>/dev/null || :
			spid=
			read -r secs rss <"$w/time"
			printf '%s\t%d SMS\tround %d\t%s s\t%s KB\t%s\n' "$b" "$n" \
			    "$r" "$secs" "$rss" "$(uptime | sed 's/.*load/load/')"
			sqlite3 "$w/l.db" "SELECT id, notice, unit_id, stage,
			    channel, episode, date, recipient, file, sha256,
			    reason, receipt, class, status FROM notices
			    ORDER BY id" >"$w/register"
			(cd "$w" && find nt -type f | sort | xargs sha256sum) \
			    >"$w/files"
			if [ $k -gt 1 ]; then
				for f in out.tsv register files; do
					cmp -s "$work/$n-1/$f" "$w/$f" || {
						echo "$n: $f differs" >&2
						exit 1
					}
				done
			fi
		done
		# The next round in the other order.
		o=
		for b in $order; do
			o="$b $o"
		done
		order=$o
		r=$((r + 1))
	done
	rm -rf "$work"/$n-*
done

# bench/rounds.sh — sourced by the benchmarks.  Each tool is a script,
# $work/NAME.sh, so that /usr/bin/time measures the whole of its pipe;
# `take_turns N NAME...` runs them N times, in that order and then the
# reverse in turn, and prints every run's seconds and peak RSS, which it
# also keeps in $work/times for median.awk (and their CPU seconds in
# $work/cpu, as median.awk reads them too).

run() {	# run NAME: time it, keep its peak RSS (and its CPU seconds, user
	# and system, every thread's, in $work/cpu)
	sync
	/usr/bin/time -f '%e %M %U %S' -o "$work/t" sh "$work/$1.sh"
	read -r s m u y <"$work/t"
	echo "$round	$1	$s	$m"
	echo "$1 $s $m" >>"$work/times"
	echo "$1 $(echo "$u $y" | awk '{ print $1 + $2 }')" >>"$work/cpu"
}

take_turns() {	# take_turns N NAME...
	n=$1
	shift
	reverse=
	for t in "$@"; do
		reverse="$t $reverse"
	done
	echo "round	tool	seconds	peak_rss_kb"
	: >"$work/times"
	: >"$work/cpu"
	round=1
	while [ "$round" -le "$n" ]; do
		# Take turns going first.
		if [ $((round % 2)) -eq 1 ]; then
			order="$*"
		else
			order=$reverse
		fi
		for t in $order; do
			run "$t"
		done
		round=$((round + 1))
	done
}

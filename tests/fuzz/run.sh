#!/bin/sh
# run.sh DIR SECONDS NAME... — run each harness DIR/fuzz-NAME with
# libFuzzer for SECONDS, one after the other, its corpus growing in
# DIR/corpus/NAME from the seeds in tests/fuzz/corpus/NAME (with
# tests/fuzz/NAME.dict if there is one).  Each run's last line of
# statistics goes to DIR/NAME.log and is shown; a crash leaves its input
# as DIR/crash-NAME-*, to be fixed and added to tests/fuzz/crashes/NAME.
# The exit status is 1 if any harness found something.
dir=$1 secs=$2
shift 2
status=0
LSAN_OPTIONS=suppressions=$PWD/tests/lsan.supp:print_suppressions=0
export LSAN_OPTIONS
for name; do
	mkdir -p "$dir/corpus/$name"
	dict=
	[ -f "tests/fuzz/$name.dict" ] && dict="-dict=tests/fuzz/$name.dict"
	echo "fuzz: $name, $secs seconds" >&2
	"$dir/fuzz-$name" -max_total_time="$secs" -timeout=10 \
	    -rss_limit_mb=4096 -print_final_stats=1 \
	    -artifact_prefix="$dir/crash-$name-" $dict \
	    "$dir/corpus/$name" "tests/fuzz/corpus/$name" \
	    >"$dir/$name.log" 2>&1
	rc=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$dir/$name.log")
	last=$(grep -E '^#[0-9]+' "$dir/$name.log" | tail -n 1)
	if [ $rc -eq 0 ]; then
		echo "fuzz: $name: $execs runs, no findings; $last" >&2
	else
		status=1
		echo "fuzz: $name: found something (exit $rc): see $dir/$name.log" >&2
		grep -E '^(==[0-9]+==ERROR|SUMMARY|.*runtime error)' "$dir/$name.log" | head -n 5 >&2
	fi
done
exit $status

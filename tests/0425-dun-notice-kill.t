#!/bin/sh
# kill -9 at every rename and every flush to disk of dun-notice's
# publishing: the files and the notice register agree when it dies and
# after the next run, which finishes or takes back what the dead run
# left; nobody is in two batch lines; no temporary is left.  And
# dun-report's temporaries of a killed run are removed by the next.
. "$(dirname "$0")/lib.sh"

# The shim: SIGKILL itself before the Nth rename() (DUN_KILL_RENAME=N) or
# after it (DUN_KILL_RENAMED=N), or before the Nth fsync() or fdatasync()
# (DUN_KILL_SYNC=N), SQLite's among them; DUN_KILL_COUNT=FILE says how
# many there were in a whole run.
cat >shim.c <<'E'
#define _GNU_SOURCE
#include <dlfcn.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>

static long renames, syncs;

static void
maybe_die(const char *var, long n)
{
	const char *s = getenv(var);

	if (s != NULL && atol(s) == n)
		raise(SIGKILL);
}

int
rename(const char *from, const char *to)
{
	int (*real)(const char *, const char *) =
	    (int (*)(const char *, const char *))dlsym(RTLD_NEXT, "rename");

	int r;

	maybe_die("DUN_KILL_RENAME", ++renames);
	r = real(from, to);
	maybe_die("DUN_KILL_RENAMED", renames);
	return r;
}

/* A kill is no power cut: what was written is there without a flush,
 * and the test goes faster without them. */
int
fsync(int fd)
{
	(void)fd;
	maybe_die("DUN_KILL_SYNC", ++syncs);
	return 0;
}

int
fdatasync(int fd)
{
	(void)fd;
	maybe_die("DUN_KILL_SYNC", ++syncs);
	return 0;
}

__attribute__((destructor)) static void
count(void)
{
	const char *s = getenv("DUN_KILL_COUNT");
	FILE *f;

	if (s != NULL && (f = fopen(s, "w")) != NULL) {
		fprintf(f, "%ld %ld\n", renames, syncs);
		fclose(f);
	}
}
E
if ! ${CC:-cc} -shared -fPIC -o shim.so shim.c -ldl 2>cc.err; then
	echo "1..0 # SKIP no C compiler to build the shim"
	exit 0
fi
shim=$tmp/shim.so
# A sanitized build: the shim comes before the sanitizer's runtime.
ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0
export ASAN_OPTIONS

cat >units.tsv <<'E'
unit	estate	building	owner	phone	collector
U1	示例花园	1栋	张三	13800000001	王五
U2	示例花园	1栋	李四	13800000002	王五
U3	示例花园	1栋	赵六	13800000003	王五
U4	示例花园	2栋	钱七	13800000004	周敏
U5	示例花园	2栋	孙八	13800000005	王五
U6	示例花园	3栋	吴九	13800000006	周敏
U7	示例花园	3栋	郑十	13800000007	周敏
E
{
	echo "unit	fee	period	due	amount"
	for u in 1 2 3 4 5 6 7; do
		echo "U$u	management	2026-09	2026-09-30	${u}00.00"
	done
} >charges.tsv
dun-import -d pristine.db units.tsv charges.tsv >/dev/null 2>&1
ok $? "the ledger is loaded"

H="unit${TAB}owner${TAB}total${TAB}late_fee${TAB}days_overdue${TAB}periods_unpaid${TAB}class${TAB}stage${TAB}channel${TAB}due_on${TAB}action${TAB}priority${TAB}reason${TAB}episode_start"
rec() {	# unit total stage channel
	printf '%s\t\t%s\t0.00\t55\t1\tforgetful\t%s\t%s\t2026-11-24\tsend\t1\twhy\t2026-09-30\n' \
	    "$1" "$2" "$3" "$4"
}
{
	echo "$H"
	rec U1 100.00 reminder sms
	rec U2 200.00 reminder sms
	rec U3 300.00 demand letter
	rec U4 400.00 demand letter
	rec U5 500.00 call phone
	rec U6 600.00 visit visit
	rec U7 700.00 call phone
} >cl.tsv
notice() { dun-notice -b -d l.db -o nt -t 2026-11-24 -a 10:00 cl.tsv; }
# The ledger as loaded, and no folder of notices.
fresh() { rm -rf nt l.db l.db-wal l.db-shm; cp pristine.db l.db; }
# What is an issued notice.  (A ledger older than schema 6, with no
# pending notice, counts all: so the test shows the old fault.)
issued() {
	if sql l.db "PRAGMA table_info(notices)" | grep -q '|status|'; then
		echo "status = 'issued'"
	else
		echo 1
	fi
}

# How many renames and flushes a whole run makes.
fresh
DUN_KILL_COUNT=$tmp/count LD_PRELOAD=$shim notice >/dev/null 2>&1
ok $? "a whole run under the shim"
read -r renames syncs <count
ok "$(test "$renames" -ge 10; echo $?)" "it renames each file into place ($renames)"
ok "$(test "$syncs" -ge 10; echo $?)" "and flushes them first ($syncs)"
whole=$(sql l.db "SELECT count(*) FROM notices WHERE $(issued)")
is "$whole" 7 "  and issues the seven notices"

# The notices' own files under their final names.
own_files() {
	find nt -type f \( -name 'sms-*.csv' -o -name 'calls-*.tsv' -o \
	    -name 'visits-*.tsv' -o -path 'nt/letters/*.pdf' \) | sort
}
# What does not agree, as lines of text; nothing when all is well.
disagree() {	# after: 1 once the next run has run
	sql l.db "SELECT notice, file FROM notices WHERE $(issued)" |
	while IFS='|' read -r n f; do
		[ -f "$f" ] || echo "issued $n without its file $f"
	done
	for f in $(own_files); do
		k=$(sql l.db "SELECT count(*) FROM notices WHERE file = '$f'")
		[ "$k" -gt 0 ] || echo "$f without a notice"
	done
	[ "$1" -eq 1 ] || return 0
	k=$(sql l.db "SELECT count(*) FROM notices WHERE NOT ($(issued))")
	[ "$k" -eq 0 ] || echo "$k notices pending"
	k=$(sql l.db "SELECT count(*) FROM notice_files" 2>/dev/null)
	[ "${k:-0}" -eq 0 ] || echo "$k files of a batch not done"
	k=$(sql l.db "SELECT count(*) FROM notices")
	[ "$k" -eq 7 ] || echo "$k notices, not 7"
	find nt -name '.*' | sed 's/^/a temporary left: /'
	# Nobody texted twice: each phone in one line of one batch.
	cat nt/sms-*.csv 2>/dev/null | tr -d '\r' | grep '^138' | cut -d, -f1 |
	    sort | uniq -d | sed 's/^/in two batch lines: /'
	n=$(cat nt/sms-*.csv 2>/dev/null | grep -c '^138')
	[ "$n" -eq 2 ] || echo "$n SMS lines, not 2"
	for f in nt/calls-*.pdf nt/visits-*.pdf; do
		[ -e "$f" ] || continue
		[ -f "${f%.pdf}.tsv" ] || echo "$f without its list"
	done
	sql l.db "SELECT file, sha256 FROM notices WHERE channel = 'letter'" |
	while IFS='|' read -r f h; do
		[ "$(sha256sum <"$f" | cut -d' ' -f1)" = "$h" ] ||
		    echo "$f is not what was registered"
	done
}

point() {	# VAR N: kill there, check, run again, check
	fresh
	env "$1=$2" LD_PRELOAD="$shim" dun-notice -b -d l.db -o nt \
	    -t 2026-11-24 -a 10:00 cl.tsv >/dev/null 2>&1
	rc=$?
	if [ "$rc" -ne 137 ]; then
		ok 1 "$1=$2: killed (exit $rc)"
		return
	fi
	is "$(disagree 0)" "" "$1=$2: killed, files and register agree"
	run notice
	is "$rc $(disagree 1)" "0 " "  the next run finishes: all issued once, all agree"
}

k=1
while [ "$k" -le "$renames" ]; do
	point DUN_KILL_RENAME "$k"
	k=$((k + 1))
done
point DUN_KILL_RENAMED "$renames"
k=1
while [ "$k" -le "$syncs" ]; do
	point DUN_KILL_SYNC "$k"
	k=$((k + 1))
done

# Killed after the pending batch is recorded, before any file is in
# place: the next run takes it back, says so, and issues it afresh.
fresh
DUN_KILL_RENAME=1 LD_PRELOAD=$shim notice >/dev/null 2>&1
is "$(sql l.db "SELECT status, count(*) FROM notices GROUP BY status")" \
    "pending|7" "killed before the first rename: seven notices pending"
run notice
is_rc 0 "the next run"
grep -q '^dun-notice: 7 notices of a run that died are taken out of the register: their files were not in place$' err
ok $? "  says what it took back"
is "$(sed 1d out | wc -l | tr -d ' ')" 7 "  and issues the seven afresh"
is "$(ls nt)" "board-20261124.pdf
board-20261124.tsv
calls-20261124-周敏.pdf
calls-20261124-周敏.tsv
calls-20261124-王五.pdf
calls-20261124-王五.tsv
letters
letters-20261124.pdf
sms-20261124.csv
visits-20261124-周敏.pdf
visits-20261124-周敏.tsv" "  under the day's names, no -2 beside an orphan"

# Killed after every file is in place, before the notices are issued:
# the next run issues them and writes nothing again.
fresh
DUN_KILL_RENAMED=$renames LD_PRELOAD=$shim notice >/dev/null 2>&1
is "$(sql l.db "SELECT count(*) FROM notices WHERE status = 'pending'")" 7 \
    "killed with every file in place: seven notices pending"
files=$(find nt -type f ! -name 'board-*' | sort)
run notice
grep -q '^dun-notice: 7 notices of a run that died are issued: their files were in place$' err
ok $? "  the next run issues them, and says so"
is "$(sed 1d out | wc -l | tr -d ' ')" 0 "  and issues nothing new"
is "$(find nt -type f ! -name 'board-*' | sort)" "$files" \
    "  nor writes any notice's file (the board is written each run)"

# A pending notice is no notice to dun-age or dun-report.
fresh
DUN_KILL_RENAME=1 LD_PRELOAD=$shim notice >/dev/null 2>&1
dun-age -d l.db -t 2026-11-30 >age.tsv 2>/dev/null
is "$(SEP=' ' cols 'unit notices' age.tsv | sort | tr '\n' ' ')" \
    "U1 0 U2 0 U3 0 U4 0 U5 0 U6 0 U7 0 " "dun-age counts no pending notice"
dun-report -d l.db -t 2026-11-30 -u U3 -o pack.tsv 2>/dev/null
is "$(grep -c '^notice' pack.tsv)" 0 "nor does the evidence pack"
dun-report -d l.db -t 2026-11-30 -k notices </dev/null >rep.tsv 2>/dev/null
is "$(awk -F'\t' 'NR > 1 && $1 != "TOTAL" { n += $NF } END { print n + 0 }' rep.tsv)" 0 \
    "nor dun-report's notices"

# dun-report: killed before its rename, its temporary is left; the next
# run removes it, and leaves alone one a live run holds and a name that
# is not its own.
mkdir rp
DUN_KILL_RENAME=1 LD_PRELOAD=$shim dun-report -d l.db -t 2026-11-30 -k aging \
    -f html -o rp/rep.html </dev/null >/dev/null 2>&1
is "$(ls -A rp | sed 's/\.rep\.html\.[A-Za-z0-9]\{6\}$/.rep.html.XXXXXX/')" \
    ".rep.html.XXXXXX" "dun-report killed: its temporary is left"
: >rp/.rep.html.Notes
: >rp/.rep.html.HELD01
if command -v flock >/dev/null 2>&1; then
	# A live run's temporary: its process holds it locked.
	sh -c 'exec 9<rp/.rep.html.HELD01 && flock 9 && exec sleep 30' \
	    >/dev/null 2>&1 &
	held=$!
	sleep 0.3
	run dun-report -d l.db -t 2026-11-30 -k aging -f html -o rp/rep.html
	is_rc 0 "the next dun-report"
	is "$(ls -A rp)" ".rep.html.HELD01
.rep.html.Notes
rep.html" "  removes the dead run's temporary, and only that"
	kill "$held" 2>/dev/null
	wait "$held" 2>/dev/null
else
	ok 0 "# SKIP no flock(1)"
fi

done_testing

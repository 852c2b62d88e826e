# tests/lib.sh — sourced by the shell tests: TAP, a scratch directory, and
# helpers that run a program and check its status, stdout and stderr.
set -u
export LC_ALL=C TZ=UTC
unset DUN_LEDGER DUN_DB DUN_CONFIG DUN_TODAY
top=$(cd "$(dirname "$0")/.." && pwd)
PATH="${DUN_BUILD:-$top/build}:$PATH"
export PATH
tmp=$(mktemp -d "${TMPDIR:-/tmp}/dun-test.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 3
# A real sender, in ./dun.yaml (read when no -c is given) and for a test's
# own configs to begin with: dun-notice issues nothing in the built-in
# example company's name.
company='company:
  name: 锦绣物业服务有限公司
  address: 深圳市南山区锦绣路8号
  phone: 0755-88886666
  bank: 招商银行深圳分行
  account: 7559 0000 1234 5678'
printf '%s\n' "$company" >dun.yaml
tap_n=0
tap_failed=0
TAB=$(printf '\t')

ok() {	# ok STATUS DESCRIPTION: STATUS 0 passes
	tap_n=$((tap_n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $tap_n - $2"
	else
		echo "not ok $tap_n - $2"
		tap_failed=$((tap_failed + 1))
	fi
}

run() {	# run CMD...: $rc, and files out and err
	"$@" >out 2>err
	rc=$?
}

is() {	# is GOT WANT DESCRIPTION
	if [ "$1" = "$2" ]; then
		ok 0 "$3"
	else
		ok 1 "$3"
		printf '%s\n' "$1" | sed 's/^/#   got:  /'
		printf '%s\n' "$2" | sed 's/^/#   want: /'
	fi
}

is_rc() { is "$rc" "$1" "$2 (exit $1)"; }
is_out() { is "$(cat out)" "$1" "$2: stdout"; }
is_err() { is "$(cat err)" "$1" "$2: stderr"; }

# Run, then check the exit status, stdout and stderr at once.
check() {	# check RC STDOUT STDERR DESCRIPTION -- CMD...
	want_rc=$1 want_out=$2 want_err=$3 desc=$4
	shift 5
	run "$@"
	is_rc "$want_rc" "$desc"
	is_out "$want_out" "$desc"
	is_err "$want_err" "$desc"
}

sql() { sqlite3 -batch "$@"; }

# What dun-age (or PROG) says once when a limitation date falls in YEARS
# ("2029", "2028-2029"), years with no list of public holidays
# (dun.yaml(5), calendar).
age_note() {	# age_note YEARS [PROG]
	echo "${2:-dun-age}: no list of public holidays for $1: a limitation date there moves past weekends only (dun.yaml(5): calendar)"
}

# The named columns of a file of records (default out), joined by $SEP.
SEP=' '
cols() {
	awk -F'\t' -v want="$1" -v sep="$SEP" 'NR == 1 {
		n = split(want, w, " ")
		for (i = 1; i <= NF; i++) at[$i] = i
		next
	} {
		s = ""
		for (i = 1; i <= n; i++) s = s (i > 1 ? sep : "") $at[w[i]]
		print s
	}' "${2:-out}"
}

# A checksum of everything a ledger holds.
dump_sum() { sqlite3 "$1" .dump | sha256sum | cut -d' ' -f1; }

done_testing() {
	echo "1..$tap_n"
	[ "$tap_failed" -eq 0 ]
}

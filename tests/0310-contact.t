#!/bin/sh
# The contact rules (lib/calendar/contact.c) as dun-classify and
# dun-notice both keep them: a step due on a quiet day (National Day) or
# within the least gap after the last notice is due, and sent, on the
# first day allowed, by the one and by the other.
. "$(dirname "$0")/lib.sh"

# U1's reminder falls due on 2026-10-01 itself (7 days before its charge),
# U2's long before.
printf 'unit\towner\tphone\nU1\t张三\t13800000001\nU2\t李四\t13800000002\n' >units.tsv
printf 'unit\tfee\tperiod\tdue\tamount\nU1\tmanagement\t2026-10\t2026-10-08\t300.00\nU2\tmanagement\t2026-08\t2026-08-31\t300.00\n' >charges.tsv
dun-import -d l.db units.tsv charges.tsv >/dev/null 2>&1
ok $? "the ledger is loaded"

SEP='|'
classify() {	# classify DATE: dun-age's records, then dun-classify's, in out
	dun-age -d l.db -t "$1" >age.tsv 2>/dev/null &&
	    run dun-classify -t "$1" age.tsv
}
# The records with what a classifier of old said: send, due on DATE.
forced() {	# forced DATE <in >out
	awk -F'\t' -v OFS='\t' -v d="$1" 'NR == 1 {
		for (i = 1; i <= NF; i++) {
			if ($i == "action") a = i
			if ($i == "due_on") o = i
		}
	} NR > 1 { $a = "send"; $o = d } 1'
}

# 2026-10-01..07 are days off, 10-01..03 quiet every year too; 10-08, a
# Thursday, is the first day anyone may be reached.
classify 2026-10-01
is_rc 0 "dun-classify on National Day"
is "$(cols 'unit stage channel due_on action reason')" \
"U1|reminder|sms|2026-10-08|wait|nothing overdue: stage reminder (sms) due 2026-10-08
U2|reminder|sms|2026-10-08|wait|31 days overdue: stage reminder (sms) due 2026-10-08" \
    "  a step due on a quiet day waits for the first day allowed"
is_err "" "  quietly: 2026's holidays are known"
cp out c1.tsv
run dun-classify -t 2026-10-01 -x U1 age.tsv
is "$(grep -e days: -e contact -e decision out)" \
"  days: -7 from 2026-10-08, so from 2026-10-01: holds
  contact rules: quiet every 10-01, so from 2026-10-08
decision: class forgetful, wait stage reminder, reason: nothing overdue: stage reminder (sms) due 2026-10-08" \
    "  --explain says which rule moved it"
check 0 "notice${TAB}unit${TAB}stage${TAB}channel${TAB}date${TAB}to${TAB}file${TAB}sha256${TAB}reason" \
"dun-notice: 2 passed over: action wait
dun-notice: 0 notices issued in nt" \
    "dun-notice on the day: nothing sent" -- \
    dun-notice -d l.db -o nt -t 2026-10-01 -a 10:00 c1.tsv
forced 2026-10-01 <c1.tsv >f1.tsv
check 0 "notice${TAB}unit${TAB}stage${TAB}channel${TAB}date${TAB}to${TAB}file${TAB}sha256${TAB}reason" \
"dun-notice: 2 passed over: deferred to 2026-10-08: quiet every 10-01
dun-notice: 0 notices issued in nt" \
    "  nor if told to send: deferred to the same day" -- \
    dun-notice -d l.db -o nt -t 2026-10-01 -a 10:00 f1.tsv
forced 2026-10-05 <c1.tsv >f5.tsv
run dun-notice -d l.db -o nt -t 2026-10-05 -a 10:00 f5.tsv
is "$(cat err)" "dun-notice: 2 passed over: deferred to 2026-10-08: a public holiday, 国庆节
dun-notice: 0 notices issued in nt" "  nor on 10-05, a day off"
classify 2026-10-05
is "$(cols 'unit due_on action')" "U1|2026-10-08|wait
U2|2026-10-08|wait" "  which dun-classify says too"

# On 2026-10-08 both say send, and dun-notice sends.
classify 2026-10-08
is "$(cols 'unit due_on action')" "U1|2026-10-08|send
U2|2026-10-08|send" "2026-10-08: due today"
cp out c8.tsv
run dun-notice -d l.db -o nt -t 2026-10-08 -a 10:00 c8.tsv
is "$rc:$(cut -f1 out | sed 1d | tr '\n' ' ')" \
    "0:20261008-U1-reminder 20261008-U2-reminder " "  and both are issued"

# The least gap: U2's overdue notice is due by the ladder at once, but 7
# days must pass after the reminder (contact.min_gap_days).
classify 2026-10-09
is "$(cols 'unit stage due_on action' | grep U2)" "U2|overdue|2026-10-15|wait" \
    "the least gap moves dun-classify's due date"
forced 2026-10-09 <out | sed /^U1/d >f9.tsv
run dun-notice -d l.db -o nt -t 2026-10-09 -a 10:00 f9.tsv
is "$(grep deferred err)" \
    "dun-notice: 1 passed over: deferred to 2026-10-15: the least gap of 7 days" \
    "  to the day dun-notice defers to"
classify 2026-10-15
is "$(cols 'unit stage due_on action' | grep U2)" "U2|overdue|2026-10-15|send" \
    "  and on that day it is sent"

# A year with no list of public holidays is said, as dun-notice says it.
printf 'unit\tfee\tperiod\tdue\tamount\nU3\tmanagement\t2027-02\t2027-02-28\t300.00\n' >c27.tsv
printf 'unit\towner\tphone\nU3\t王五\t13800000003\n' >u27.tsv
dun-import -d l.db u27.tsv c27.tsv >/dev/null 2>&1
classify 2027-02-22
is "$(cols 'unit due_on action' | grep U3)" "U3|2027-02-22|send" \
    "2027: only the quiet days dun.yaml lists"
is "$(cat err)" "dun-classify: no list of public holidays for 2027: quiet days there are only those dun.yaml lists (dun.yaml(5): calendar)" \
    "  and that is said once"
done_testing

#!/bin/sh
# dun-classify: each default class, first match, every ladder condition,
# the limitation guard, do-not-contact, --explain, and bad input.
. "$(dirname "$0")/lib.sh"

# dun-age's header, and records made from defaults and overrides.
printf 'unit\tfee\tperiod\tdue\tamount\n' >none.tsv
printf 'ref\tunit\tdate\tamount\n' >nopay.tsv
dun-age -t 2026-11-20 -C none.tsv -P nopay.tsv >head.tsv
rec() {	# rec unit key=value ...
	awk -F'\t' -v OFS='\t' -v args="$*" 'NR == 1 {
		d["unit"] = "U"; d["occupancy"] = "owner"
		d["balance"] = "1000.00"; d["late_fee"] = "0.00"
		d["total"] = "1000.00"; d["not_due"] = "0.00"
		d["oldest_due"] = "2026-08-31"; d["days_overdue"] = "81"
		d["b0_30"] = "0.00"; d["b31_90"] = "1000.00"; d["b91_180"] = "0.00"
		d["b181_365"] = "0.00"; d["b366_730"] = "0.00"
		d["b731_plus"] = "0.00"; d["periods_unpaid"] = "1"
		d["credit"] = "0.00"; d["broken_promises"] = "0"
		d["limitation_date"] = "2029-08-31"
		d["days_to_limitation"] = "1015"
		d["episode_start"] = "2026-08-31"; d["notices"] = "0"
		d["expected_recovery"] = "850.00"
		n = split(args, a, " ")
		d["unit"] = a[1]
		for (i = 2; i <= n; i++) {
			k = substr(a[i], 1, index(a[i], "=") - 1)
			d[k] = substr(a[i], index(a[i], "=") + 1)
		}
		s = ""
		for (i = 1; i <= NF; i++) s = s (i > 1 ? OFS : "") d[$i]
		print s
	}' head.tsv
}
SEP='|'

{
	cat head.tsv
	rec forgetful
	rec dispute dispute=R-1182 broken_promises=3
	rec hardship hardship_until=2027-01-31
	rec plan plan=500.00 last_stage=reminder last_stage_date=2026-09-01 notices=1
	rec promised promise=open promise_due=2026-11-25
	rec chronic broken_promises=2 last_stage=call last_stage_date=2026-10-01 notices=3
	rec vacant occupancy=vacant episode_start=2026-03-31 days_overdue=234 last_stage=demand last_stage_date=2026-10-20 notices=4
	rec served occupancy=vacant episode_start=2026-03-31 days_overdue=234 last_stage=demand last_stage_date=2026-10-20 demand_served=2026-10-25 notices=4
	rec tenant occupancy=tenant
	rec gap broken_promises=2 last_stage=overdue last_stage_date=2026-11-15 notices=2
	rec waiting episode_start=2026-11-01 oldest_due=2026-11-01 days_overdue=19 last_stage=reminder last_stage_date=2026-11-15 notices=1
	rec dnc dnc=yes broken_promises=2
	rec dncf dnc=yes
	rec beyond last_stage=call last_stage_date=2026-10-01 notices=3
	rec small broken_promises=2 balance=50.00 last_stage=demand last_stage_date=2026-10-01 demand_served=2026-10-03 notices=4
	rec limit days_to_limitation=30 limitation_date=2026-12-20 oldest_due=2023-12-20 episode_start=2023-12-20 days_overdue=1066 expected_recovery=200.00
	rec done broken_promises=2 last_stage=suit last_stage_date=2026-06-01 notices=7
} >in.tsv
run dun-classify -t 2026-11-20 in.tsv
is_rc 0 "classify records made for each case"
is_err "" "  quietly"
is "$(head -1 out)" "$(head -1 head.tsv)${TAB}class${TAB}stage${TAB}channel${TAB}due_on${TAB}action${TAB}priority${TAB}reason" \
    "every column kept, in order, and seven appended"
is "$(cols 'unit class stage channel due_on action reason')" \
"forgetful|forgetful|reminder|sms|2026-11-20|send|81 days overdue: stage reminder (sms) due today
dispute|dispute|reminder|sms||service-desk|broke 3 promises, 81 days overdue, ticket R-1182 open: ladder held, routed to the service desk
hardship|hardship|reminder|sms|2026-11-20|offer-plan|81 days overdue, in hardship until 2027-01-31: offer a plan; stage reminder (sms) due today
plan|plan|overdue|sms||review|81 days overdue: class plan goes no further than stage reminder: review
promised|promised|reminder|sms|2026-11-29|hold|81 days overdue, promised to pay by 2026-11-25: ladder held until 2026-11-29
chronic|chronic|demand|letter|2026-11-20|send|broke 2 promises, 81 days overdue: stage demand (letter) due today
vacant|vacant|lawyer|legal||wait|234 days overdue: stage lawyer waits until the demand is served
served|vacant|lawyer|legal|2026-11-20|send|234 days overdue: stage lawyer (legal) due today
tenant|tenant|reminder|sms|2026-11-20|send|81 days overdue: stage reminder (sms) due today; the owner is told as well
gap|chronic|call|phone|2026-11-27|wait|broke 2 promises, 81 days overdue: stage call (phone) due 2026-11-27
waiting|forgetful|overdue|sms|2026-12-01|wait|19 days overdue: stage overdue (sms) due 2026-12-01
dnc|chronic|demand|letter|2026-11-20|send|broke 2 promises, 81 days overdue, not to be contacted: stage demand (letter) due today
dncf|forgetful|demand|letter||review|81 days overdue, not to be contacted: class forgetful goes no further than stage call: review
beyond|forgetful|demand|letter||review|81 days overdue: class forgetful goes no further than stage call: review
small|chronic|visit|visit||wait|broke 2 promises, 81 days overdue: stage visit needs a balance of 100.00: waits
limit|chronic|demand|letter|2026-11-20|send|1066 days overdue; limitation ends 2026-12-20, in 30 days: written demand demand due today, whatever the ladder says
done|chronic||||review|broke 2 promises, 81 days overdue: every stage of the ladder was issued: review" \
    "each class and each ladder condition decides as it should"
is "$(cols 'unit priority' | sort -t'|' -k2,2n | head -3 | tr '\n' ' ')" \
    "vacant|1 served|2 forgetful|3 " "priority: the worth, then the age, then the order"

# The contact rules (dun-notice(1)): a call waits for a day of the call
# window, Friday 11-27; the limitation guard's letter is not sent on a
# quiet day either, but on the next.
run dun-classify -t 2026-11-20 -x gap in.tsv
is "$(grep -e gap: -e contact out)" "  gap: 10 days after 2026-11-15, so from 2026-11-25: not yet
  contact rules: the call window, so from 2026-11-27" \
    "a call is due on a day of the call window"
run dun-classify -t 2026-11-22 in.tsv
is "$(cols 'unit due_on action reason' | grep -e '^limit' -e '^chronic')" \
"chronic|2026-11-23|wait|broke 2 promises, 81 days overdue: stage demand (letter) due 2026-11-23
limit|2026-11-23|wait|1066 days overdue; limitation ends 2026-12-20, in 30 days: written demand demand due 2026-11-23, whatever the ladder says" \
    "on a quiet Sunday, letters and the limitation guard wait a day"

# A user's own column passes through untouched, where it was.
awk -F'\t' -v OFS='\t' '{ $3 = $3 OFS (NR == 1 ? "mynote" : "call after 6pm\\tor not") } 1' in.tsv >mine.tsv
run dun-classify -t 2026-11-20 mine.tsv
is_rc 0 "a user's own column"
is "$(cols 'unit mynote class' | head -1)" 'forgetful|call after 6pm\tor not|forgetful' \
    "  passes through untouched, its escapes kept"
is "$(head -1 out | cut -f4)" mynote "  in its place"

# --explain: every rule tried, every ladder condition with its value.
run dun-classify -t 2026-11-20 -x vacant in.tsv
is_rc 0 "--explain"
is "$(cat out)" 'unit vacant, as of 2026-11-20
class dispute: dispute != ""
  dispute="" != "" [no]: does not match
class hardship: hardship_until >= today
  hardship_until=empty >= today=2026-11-20 [no]: does not match
class plan: plan != ""
  plan=empty != empty [no]: does not match
class promised: promise == "open"
  promise="" == "open" [no]: does not match
class chronic: broken_promises >= 2 or days_overdue > 365
  (broken_promises=0 >= 2 [no] or days_overdue=234 > 365 [no]): does not match
class vacant: occupancy == "vacant"
  occupancy="vacant" == "vacant" [yes]: matches, first to match
ladder:
  stage visit: passed over (the class avoids its channel)
  last stage issued: demand on 2026-10-20
  next stage: lawyer (legal)
  days: 180 from 2026-03-31, so from 2026-09-27: holds
  gap: 30 days after 2026-10-20, so from 2026-11-19: holds
  balance: 1000.00, the stage needs 500.00: holds
  requires demand served: not served
decision: class vacant, wait stage lawyer, reason: 234 days overdue: stage lawyer waits until the demand is served' \
    "  says why, step by step"
run dun-classify -t 2026-11-20 -x nobody in.tsv
is_rc 1 "--explain of a unit not in the input"
is_err "dun-classify: unit nobody is not in the input" "  says so"

# First match wins: a dispute with broken promises is a dispute.
is "$(cols 'unit class' out 2>/dev/null; run dun-classify -t 2026-11-20 in.tsv; cols 'unit class' | grep '^dispute')" \
    "dispute|dispute" "the first rule that matches wins"

# Config errors point at the rule in the YAML; data errors at the record.
printf 'classes:\n  - name: odd\n    when: balance > oldest_due\n' >odd.yaml
check 2 "" 'dun-classify: odd.yaml:3:19: classes[0].when: cannot compare money with a date (in "balance > oldest_due", at character 9)' \
    "a rule comparing money with a date" -- dun-classify -c odd.yaml in.tsv
printf 'classes:\n  - name: odd\n    when: "days_overdue >"\n' >odd2.yaml
check 2 "" 'dun-classify: odd2.yaml:3:26: classes[0].when: an expression ends too soon (in "days_overdue >", at character 15)' \
    "a rule cut short, quoted" -- dun-classify -c odd2.yaml in.tsv
printf 'classes:\n  - name: own\n    when: mycolumn == "x"\n' >own.yaml
check 1 "" "dun-classify: in.tsv:1: mycolumn: the column is missing, and class own uses it" \
    "a column a rule uses is missing" -- dun-classify -c own.yaml in.tsv
cut -f1-5 in.tsv >short.tsv
check 1 "" "dun-classify: short.tsv:1: balance: the column is missing: the input must be dun-age's records" \
    "records that are not dun-age's" -- dun-classify short.tsv
{ cat head.tsv; rec good; rec broken days_overdue=many; } >badrec.tsv
run dun-classify -t 2026-11-20 badrec.tsv
is_rc 1 "a record whose field does not parse"
is_err 'dun-classify: badrec.tsv:3: days_overdue: "many" is not a whole number' "  is reported"
is "$(cols unit)" "good" "  and left out, never printed half"
# A class's channel takes the place of messages and calls, never of a
# letter or the law.
{ cat head.tsv; rec v0 occupancy=vacant; rec v1 occupancy=vacant last_stage=call last_stage_date=2026-10-01 notices=3; } >pref.tsv
run dun-classify -t 2026-11-20 pref.tsv
is "$(cols 'unit class stage channel')" "v0|vacant|reminder|letter
v1|vacant|demand|letter" "the vacant class's letter replaces the SMS"
printf 'classes:\n  - {name: calls, when: "true", channel: phone}\n' >ph.yaml
{ cat head.tsv; rec legal broken_promises=2 last_stage=visit last_stage_date=2026-06-01 demand_served=2026-05-01 days_overdue=300 episode_start=2026-01-25 notices=5; } >ph.tsv
run dun-classify -c ph.yaml -t 2026-11-20 ph.tsv
is "$(cols 'unit stage channel action')" "legal|lawyer|legal|send" \
    "  but not a legal stage's channel"

# A stage that requires one this unit never gets is for a person to review.
printf 'ladder:\n  - {name: a, channel: sms, days: 0}\n  - {name: b, channel: letter, days: 0, requires: [a]}\nclasses:\n  - {name: all, when: "true"}\n' >req.yaml
{ cat head.tsv; rec quiet dnc=yes; rec loud; } >req.tsv
run dun-classify -c req.yaml -t 2026-11-20 req.tsv
is "$(cols 'unit stage action reason')" "quiet|b|review|81 days overdue, not to be contacted: stage b requires a, which was not issued: review
loud|a|send|81 days overdue: stage a (sms) due today" "a requirement not issued: review; issued: send"
run sh -c "cat in.tsv | dun-classify -t 2026-11-20"
is "$(($(wc -l <out) - 1))" 17 "reads standard input"
# A reason is whole, however long the config's names: a stage named in
# 600 characters of Chinese is in it whole, and the reason is UTF-8 (it
# was cut to 400 bytes, in the middle of a character).
long=$(awk 'BEGIN { for (i = 0; i < 300; i++) printf "提醒" }')
printf 'ladder:\n  - {name: %s, channel: sms, days: 30}\nclasses:\n  - {name: forgetful, when: "true"}\n' "$long" >long.yaml
{ cat head.tsv; rec L1; } >long.tsv
run dun-classify -c long.yaml -t 2026-11-20 long.tsv
is_rc 0 "a stage with a name of 1,800 bytes"
is "$(cols reason <out | tail -1)" "81 days overdue: stage $long (sms) due today" \
    "  is whole in the reason"
done_testing

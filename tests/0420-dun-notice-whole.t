#!/bin/sh
# dun-notice: a notice is what was sent, whole.  A long owner name and a
# long address reach the letter, the SMS and the evidence pack uncut; a
# notice that does not carry what it must, or is too long for its
# channel, is refused and not recorded.
. "$(dirname "$0")/lib.sh"

# A name of 300 characters, CJK with a middle dot as a transliterated name
# has (阿·...), each different from its neighbours, and an address of
# 2,000 bytes, so that any fixed buffer cuts a character.
name=$(awk 'BEGIN { s = "张王李赵钱孙周吴郑冯陈褚卫蒋沈韩杨朱秦尤许何吕施孔曹严华金魏"
	printf "阿\302\267"
	for (i = 0; i < 298; i++) printf "%s", substr(s, (i % 30) * 3 + 1, 3) }')
addr=$(awk 'BEGIN { s = "某省某市某区幸福路"; printf "AB"
	for (i = 0; i < 60; i++) printf "%s%03d号", s, i
	printf "%s", "0123456789ABCDEEND" }')
is "$(printf '%s' "$name" | wc -c | tr -d ' ')" 899 "the name is 300 characters"
is "$(printf '%s' "$addr" | wc -c | tr -d ' ')" 2000 "the address is 2,000 bytes"

{
	printf 'unit\testate\tbuilding\towner\tphone\taddress\n'
	printf 'L1\t示例花园\t1栋\t%s\t13800000001\t%s\n' "$name" "$addr"
	printf 'S1\t示例花园\t1栋\t%s\t13800000002\t%s\n' "$name" "$addr"
	printf 'S2\t示例花园\t1栋\t钱七\t13800000003\t\n'
} >units.tsv
cat >charges.tsv <<'E'
unit	fee	period	due	amount
L1	management	2026-08	2026-08-31	1000.00
L1	management	2026-09	2026-09-30	1000.00
S1	management	2026-09	2026-09-30	1234.50
S2	management	2026-09	2026-09-30	300.00
E
dun-import -d l.db units.tsv charges.tsv >/dev/null 2>&1
ok $? "the ledger is loaded"

H="unit${TAB}owner${TAB}total${TAB}late_fee${TAB}days_overdue${TAB}periods_unpaid${TAB}class${TAB}stage${TAB}channel${TAB}due_on${TAB}action${TAB}priority${TAB}reason${TAB}episode_start"
rec() {	# unit total stage channel
	printf '%s\t\t%s\t0.00\t55\t1\tforgetful\t%s\t%s\t2026-11-24\tsend\t1\twhy\t2026-08-31\n' \
	    "$1" "$2" "$3" "$4"
}
{ echo "$H"; rec L1 2000.00 demand letter; rec S1 1234.50 reminder sms; } >cl.tsv
# Twenty segments: room for the long name in one SMS.
{ echo "$company"; printf 'contact:\n  sms_segments: 20\n'; } >long.yaml

run dun-notice -d l.db -c long.yaml -o nt -t 2026-11-24 -a 10:00 cl.tsv
is_rc 0 "the long name and address are issued"
is "$(sql l.db "SELECT notice FROM notices ORDER BY notice")" \
    "20261124-L1-demand
20261124-S1-reminder" "both are recorded"

# The letter, as pdftotext reads it: blanks and line breaks taken out.
pdftotext nt/letters/20261124-L1-demand.pdf - | tr -d ' \n\f' >l1.txt
grep -q -F "收件人：$name" l1.txt
ok $? "the letter shows the whole name"
grep -q -F "地址：$addr" l1.txt
ok $? "the letter shows the whole address"
grep -q -F '所属期间为2026年8月、2026年9月' l1.txt
ok $? "the letter's body is there"
grep -q '2026-08.*1000.00.*2026-09.*1000.00' l1.txt
ok $? "the letter carries its statement"
grep -q -F '合计¥2,000.00（大写：人民币贰仟元整）' l1.txt
ok $? "the letter carries its amount in figures and capitals"
pdftotext nt/letters-20261124.pdf - | tr -d ' \n\f' | grep -q -F "收件人：$name"
ok $? "so does the print room's PDF"

# The SMS: valid UTF-8, with the whole name and the amount.
iconv -f UTF-8 -t UTF-8 nt/sms-20261124.csv >/dev/null 2>&1
ok $? "the SMS batch is valid UTF-8"
grep -q -F "尊敬的${name}业主您好" nt/sms-20261124.csv
ok $? "the SMS has the whole name"
grep -q -F '¥1,234.50' nt/sms-20261124.csv
ok $? "and the amount"

# The evidence pack: the household whole.
run dun-report -d l.db -t 2026-11-30 -u L1 --no-mask -o pack.tsv -p pack.pdf
is_rc 0 "the evidence pack of the long unit"
pdftotext pack.pdf - | tr -d ' \n\f' >pack.txt
grep -q -F "$addr" pack.txt
ok $? "the pack's PDF shows the whole address"
grep -q -F "$name" pack.txt
ok $? "and the whole name"
grep -q -F "$addr" pack.tsv
ok $? "so does its table"

# A template that makes a huge SMS: refused, the register unchanged.
mkdir tpl
awk 'BEGIN { printf "{{total}} "; for (i = 0; i < 20000; i++) printf "请缴费" }' \
    >tpl/overdue.sms.zh
{ echo "$company"; printf 'notice:\n  templates: tpl\n'; } >huge.yaml
before=$(sql l.db "SELECT count(*) FROM notices")
{ echo "$H"; rec S1 1234.50 overdue sms; } >huge.tsv
run dun-notice -d l.db -c huge.yaml -o nt3 -t 2026-12-08 -a 10:00 huge.tsv
is_rc 1 "a template that makes an SMS over the limit is refused"
grep -q 'huge.tsv:2: unit S1: the overdue SMS is 896 segments, more than contact.sms_segments (3): not issued' err
ok $? "saying how many segments"
is "$(sql l.db "SELECT count(*) FROM notices")" "$before" \
    "the register is unchanged"
is "$(find nt3 -name 'sms-*' | wc -l | tr -d ' ')" 0 "no batch is written"

# An SMS that does not say the amount owed is not a notice of arrears.
printf 'Dear owner of {{unit}}, please call us.\n' >tpl/overdue.sms.zh
run dun-notice -d l.db -c huge.yaml -o nt3 -t 2026-12-08 -a 10:00 huge.tsv
is_rc 1 "an SMS without the amount is refused"
grep -q 'huge.tsv:2: unit S1: the overdue SMS does not state the amount owed' err
ok $? "saying so"
is "$(sql l.db "SELECT count(*) FROM notices")" "$before" \
    "the register is still unchanged"

# A household the ledger holds as bytes that are not UTF-8 (written there
# by hand): refused, naming the unit and the column, not recorded.
sql l.db "UPDATE units SET owner = CAST(X'E5BCA0FF' AS TEXT) WHERE unit = 'S1'"
run dun-notice -d l.db -o nt4 -t 2026-12-08 -a 10:00 huge.tsv
is_rc 1 "a name that is not UTF-8"
grep -q 'huge.tsv:2: owner: unit S1: the text is not UTF-8: not issued' err
ok $? "is refused, naming the unit and the column"
is "$(sql l.db "SELECT count(*) FROM notices")" "$before" \
    "and not recorded"
sql l.db "UPDATE units SET owner = '$name' WHERE unit = 'S1'"

# Too long for its channel: refused, nothing recorded for it.
before=$(sql l.db "SELECT count(*) FROM notices")
{ echo "$H"; rec S1 1234.50 overdue sms; rec S2 300.00 overdue sms; } >two.tsv
run dun-notice -d l.db -o nt2 -t 2026-12-08 -a 10:00 two.tsv
is_rc 1 "an SMS over contact.sms_segments is refused"
grep -q 'two.tsv:2: unit S1: the overdue SMS is [0-9]* segments, more than contact.sms_segments (3): not issued' err
ok $? "the refusal names the unit and says why"
is "$(sed 1d out | cut -f1)" "20261208-S2-overdue" "the other is issued"
is "$(sql l.db "SELECT count(*) FROM notices")" $((before + 1)) \
    "only the other is recorded"
grep -c '^13800000002,' nt2/sms-20261208.csv >n
is "$(cat n)" 0 "the refused SMS is not in the batch"

done_testing

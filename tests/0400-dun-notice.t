#!/bin/sh
# dun-notice: each channel from known records, quiet days, the least gap,
# do-not-contact, idempotence, -n, the SMTP and HTTP paths on loopback,
# and a failure midway leaving the ledger and the folder consistent.
. "$(dirname "$0")/lib.sh"
sink=$top/tests/bin/sink

cat >units.tsv <<'E'
unit	estate	building	owner	phone	email	collector	dnc
U1	示例花园	1栋	张三	13800000001	zs@example.com	王五	0
U2	示例花园	1栋	李四	13800000002		王五	0
U3	示例花园	2栋	赵六	13800000003		王五	1
U4	示例花园	2栋	钱七				0
U5	示例花园	3栋	孙八	13800000005		周敏	0
U6	示例花园	3栋	吴九	13800000006	wj@example.com	周敏	0
E
cat >charges.tsv <<'E'
unit	fee	period	due	amount
U1	management	2026-09	2026-09-30	1234.50
U2	management	2026-08	2026-08-31	1000.00
U2	management	2026-09	2026-09-30	1000.00
U3	management	2026-09	2026-09-30	10.00
U4	management	2026-09	2026-09-30	0.05
U5	management	2026-09	2026-09-30	300.00
U6	management	2026-09	2026-09-30	1000000.10
E
dun-import -d l.db units.tsv charges.tsv >/dev/null 2>&1
ok $? "the ledger is loaded"

H="unit${TAB}owner${TAB}total${TAB}late_fee${TAB}days_overdue${TAB}periods_unpaid${TAB}class${TAB}stage${TAB}channel${TAB}due_on${TAB}action${TAB}priority${TAB}reason${TAB}episode_start${TAB}dnc"
rec() {	# unit total stage channel action [dnc] [class]
	printf '%s\t\t%s\t0.00\t55\t1\t%s\t%s\t%s\t2026-11-24\t%s\t1\twhy %s\t2026-09-30\t%s\n' \
	    "$1" "$2" "${7:-forgetful}" "$3" "$4" "$5" "$1" "${6:-}"
}
{
	echo "$H"
	rec U1 1234.50 reminder sms send
	rec U2 2000.00 demand letter send
	rec U3 10.00 overdue sms send 1
	rec U4 0.05 overdue email send
	rec U5 300.00 call phone send
	rec U6 1000000.10 visit visit send
	rec U7 5.00 reminder sms wait
} >cl.tsv

run dun-notice -d l.db -o nt -t 2026-11-24 -a 10:00 cl.tsv
is_rc 1 "a do-not-contact SMS is refused, the rest issued"
is "$(grep -c 'U3 is not to be contacted' err)" 1 "the refusal names the unit"
grep -q '1 passed over: action wait' err
ok $? "a record not acted on is counted by reason"
grep -q 'unit U4 has no e-mail address: a letter instead of email' err
ok $? "no e-mail address: a letter, and it says so"
is "$(cut -f1-7 out)" "notice${TAB}unit${TAB}stage${TAB}channel${TAB}date${TAB}to${TAB}file
20261124-U1-reminder${TAB}U1${TAB}reminder${TAB}sms${TAB}2026-11-24${TAB}13800000001${TAB}nt/sms-20261124.csv
20261124-U2-demand${TAB}U2${TAB}demand${TAB}letter${TAB}2026-11-24${TAB}示例花园1栋U2${TAB}nt/letters/20261124-U2-demand.pdf
20261124-U4-overdue${TAB}U4${TAB}overdue${TAB}letter${TAB}2026-11-24${TAB}示例花园2栋U4${TAB}nt/letters/20261124-U4-overdue.pdf
20261124-U5-call${TAB}U5${TAB}call${TAB}phone${TAB}2026-11-24${TAB}13800000005${TAB}nt/calls-20261124-周敏.tsv
20261124-U6-visit${TAB}U6${TAB}visit${TAB}visit${TAB}2026-11-24${TAB}示例花园3栋U6${TAB}nt/visits-20261124-周敏.tsv" \
    "the issued notices, one a channel"
cp out issued.tsv

# SMS: the batch in the console's layout, and its segment count.
is "$(cat nt/sms-20261124.csv)" "$(printf '\357\273\277phone,text,segments\r\n13800000001,"【锦绣物业服务有限公司】尊敬的张三业主您好，感谢您一直以来对我们工作的支持。您的房屋U1物业服务费等费用共¥1,234.50待缴，方便时请缴纳：物业服务中心前台或线上缴费。如已缴纳请忽略，咨询电话0755-88886666。",2\r')" \
    "the SMS batch: phone, text, segments"
sms_sha=$(awk -F'\t' '$2 == "U1" { print $8 }' issued.tsv)
is "$sms_sha" "$(printf '%s' '【锦绣物业服务有限公司】尊敬的张三业主您好，感谢您一直以来对我们工作的支持。您的房屋U1物业服务费等费用共¥1,234.50待缴，方便时请缴纳：物业服务中心前台或线上缴费。如已缴纳请忽略，咨询电话0755-88886666。' | sha256sum | cut -d' ' -f1)" \
    "an SMS's SHA-256 is its text's"

# Letters: text, capitals, pages; the merged PDF for the print room.
pdftotext -layout nt/letters/20261124-U2-demand.pdf u2.txt
for want in 锦绣物业服务有限公司 书面催缴通知书 "编号：20261124-U2-demand" \
    "收件人：李四" "尚欠物业服务费等费用，所属期间为2026年8月、2026年9" \
    "合计¥2,000.00（大写：人民币贰仟元整）" "民法典》第九百四十四条" \
    "2026年12月9日前缴清" "2026-08" "1000.00"; do
	grep -q "$want" u2.txt
	ok $? "the demand letter says: $want"
done
is "$(pdfinfo nt/letters/20261124-U2-demand.pdf | awk '/^Pages:/ { print $2 }')" 1 \
    "the demand letter is one page"
pdftotext nt/letters/20261124-U4-overdue.pdf u4.txt
grep -q '¥0.05' u4.txt
ok $? "the fallback letter states 0.05"
is "$(pdfinfo nt/letters-20261124.pdf | awk '/^Pages:/ { print $2 }')" 2 \
    "the merged PDF holds both letters"
is "$(sha256sum nt/letters/20261124-U2-demand.pdf | cut -d' ' -f1)" \
    "$(awk -F'\t' '$2 == "U2" { print $8 }' issued.tsv)" \
    "the register's SHA-256 is the letter file's"
is "$(sql l.db "SELECT notice, stage, channel, date(date * 86400, 'unixepoch'), date(episode * 86400, 'unixepoch'), recipient FROM notices ORDER BY notice")" \
"20261124-U1-reminder|reminder|sms|2026-11-24|2026-09-30|13800000001
20261124-U2-demand|demand|letter|2026-11-24|2026-09-30|示例花园1栋U2
20261124-U4-overdue|overdue|letter|2026-11-24|2026-09-30|示例花园2栋U4
20261124-U5-call|call|phone|2026-11-24|2026-09-30|13800000005
20261124-U6-visit|visit|visit|2026-11-24|2026-09-30|示例花园3栋U6" \
    "the evidence register holds each notice"

# Call list and visit route: per collector, with the window.
is "$(cut -f1-9 nt/calls-20261124-周敏.tsv)" "priority${TAB}unit${TAB}owner${TAB}phone${TAB}address${TAB}total${TAB}days_overdue${TAB}class${TAB}when
1${TAB}U5${TAB}孙八${TAB}13800000005${TAB}示例花园3栋U5${TAB}¥300.00${TAB}55${TAB}遗忘缴费${TAB}2026年11月27日 14:00-18:00" \
    "the call list: Friday afternoon, the next call window"
cut -f10 nt/calls-20261124-周敏.tsv | grep -q '请问是孙八业主吗'
ok $? "the call list carries the script"
is "$(cut -f9 nt/visits-20261124-周敏.tsv | tail -1)" "2026年11月24日 18:30-20:30" \
    "the visit route: this evening"
pdftotext nt/visits-20261124-周敏.pdf - | grep -q '上门催缴路线'
ok $? "the visit route has its PDF"
pdftotext nt/letters-20261124.pdf - | grep -q 壹佰万
is $? 1 "no visit in the letters"

# Idempotence, and -n.
sum() { sql l.db "SELECT count(*), group_concat(notice) FROM notices"; }
before=$(sum)
files=$(find out -type f | sort)
run dun-notice -d l.db -o nt -t 2026-11-24 -a 10:00 cl.tsv
is "$(sed 1d out | wc -l)" 0 "the same input again issues nothing"
grep -q '5 passed over: already issued' err
ok $? "and says they were already issued"
is "$(sum)" "$before" "the register is unchanged"
is "$(find out -type f | sort)" "$files" "no new file"
{ echo "$H"; rec U1 1234.50 overdue sms send; } >next.tsv
run dun-notice -d l.db -o dry -n -t 2026-12-08 -a 10:00 next.tsv
is_rc 0 "-n"
is "$(sed 1d out | cut -f1)" "20261208-U1-overdue" "-n prints what would be issued"
test -s dry/sms-20261208.csv
ok $? "-n renders into the folder"
is "$(sum)" "$before" "-n leaves the register alone"

# The least gap, and quiet days, a lunar one among them.
run dun-notice -d l.db -o nt -t 2026-11-26 -a 10:00 next.tsv
is "$(sed 1d out | wc -l)" 0 "two days after a notice, none"
grep -q '1 passed over: deferred to 2026-12-01: the least gap of 7 days' err
ok $? "the least gap defers it to 2026-12-01"
run dun-notice -d l.db -o nt -t 2026-12-06 -a 10:00 next.tsv
grep -q 'deferred to 2026-12-07: a quiet Sunday' err
ok $? "a Sunday defers to Monday"
{ echo "$H"; printf 'U5\t\t300.00\t0.00\t55\t1\tforgetful\toverdue\tsms\t2027-02-06\tsend\t1\twhy\t2027-01-31\t\n'; } >lunar.tsv
run dun-notice -d l.db -o nt -t 2027-02-06 -a 10:00 lunar.tsv
is "$(sed 1d out | wc -l)" 0 "the Spring Festival: none"
grep -q 'deferred to 2027-02-13: lunar 01-01' err
ok $? "lunar New Year 2027 (02-06) defers past the festival week"

# Templates: an unknown field is an error where it stands.
mkdir tpl
printf 'Hello {{owner}}, you owe {{totl}}.\n' >tpl/reminder.sms.en
{ echo "$company"; printf 'notice:\n  language: en\n  templates: tpl\n'; } >bad.yaml
check 2 "" "dun-notice: tpl/reminder.sms.en:1:26: {{totl}} is not a template field (dun.yaml(5) lists them)" \
    "an unknown template field" -- dun-notice -d l.db -c bad.yaml -o nt cl.tsv
printf 'x\n' >tpl/reminder.fax.en
printf 'Hello {{owner}}.\n' >tpl/reminder.sms.en
check 2 "" "dun-notice: tpl/reminder.fax.en: not a template: a template is named STAGE.CHANNEL.LANGUAGE, with a stage of the ladder, a channel and zh or en" \
    "a misnamed template" -- dun-notice -d l.db -c bad.yaml -o nt cl.tsv
# A template saved with CRLF line ends reads as one saved with LF.
mkdir crlf
printf 'Dear {{owner}},\r\nplease pay {{total}}.\r\n' >crlf/reminder.sms.en
printf 'notice:\n  language: en\n  templates: crlf\n' >crlf.yaml
{ echo "$H"; rec U1 1234.50 reminder sms send; } >crlf.tsv
dun-import -d crlf.db units.tsv charges.tsv >/dev/null 2>&1
dun-notice -n -d crlf.db -c crlf.yaml -o ntc -t 2026-11-24 -a 10:00 crlf.tsv \
    >/dev/null 2>&1
is "$(tail -n +2 ntc/sms-20261124.csv | tr '\r\n' 'RN')" \
    "13800000001,\"Dear 张三,Nplease pay ¥1,234.50.\",1RN" \
    "a CRLF template's text has no carriage return inside"
# An SMS that names the unpaid periods has them from the ledger's
# statement; one that does not is written without reading it.
mkdir per
printf 'Dear {{owner}}, {{total}} for {{periods}}.\n' >per/reminder.sms.en
printf 'notice:\n  language: en\n  templates: per\n' >per.yaml
{ echo "$H"; rec U2 2000.00 reminder sms send; } >per.tsv
dun-import -d per.db units.tsv charges.tsv >/dev/null 2>&1
dun-notice -n -d per.db -c per.yaml -o ntp -t 2026-11-24 -a 10:00 per.tsv \
    >/dev/null 2>&1
is "$(tail -n +2 ntp/sms-20261124.csv | tr -d '\r')" \
    "13800000002,\"Dear 李四, ¥2,000.00 for 2026-08, 2026-09.\",1" \
    "an SMS naming {{periods}} names the unpaid periods"
{ echo "$company"; printf 'notice:\n  font: No Such Font\n'; } >font.yaml
check 2 "" "dun-notice: the font \"No Such Font\" (notice.font) is not installed; Debian's fonts-noto-cjk has \"Noto Sans CJK SC\"" \
    "a missing font" -- dun-notice -d l.db -c font.yaml -o nt cl.tsv
# Nothing goes out in the built-in example company's name.
printf '{}\n' >example.yaml
check 2 "" "dun-notice: company.name, company.address, company.phone, company.bank, company.account are still the built-in example's, or empty: set the sender in the config's company section (dun.yaml(5)) before notices are issued, or make a dry run with -n" \
    "the built-in example company issues nothing" -- dun-notice -d l.db -c example.yaml -o ph -t 2026-12-08 -a 10:00 next.tsv
is "$(ls ph 2>&1 >/dev/null | wc -l) $(sql l.db "SELECT count(*) FROM notices WHERE date = 20795")" "1 0" \
    "  no folder made, nothing recorded"
printf 'company:\n  name: 锦绣物业\n  phone: 0000-0000000\n' >half.yaml
check 2 "" "dun-notice: company.address, company.phone, company.bank, company.account are still the built-in example's, or empty: set the sender in the config's company section (dun.yaml(5)) before notices are issued, or make a dry run with -n" \
    "  each key still the example's is named; a phone of zeros is no phone" -- dun-notice -d l.db -c half.yaml -o ph -t 2026-12-08 -a 10:00 next.tsv
printf 'company:\n  name: ""\n  address: 深圳市南山区锦绣路8号\n  phone: 0755-88886666\n  bank: ~\n  account: ~\n' >noname.yaml
check 2 "" "dun-notice: company.name is still the built-in example's, or empty: set the sender in the config's company section (dun.yaml(5)) before notices are issued, or make a dry run with -n" \
    "  a sender without a name is none; an office with no bank account may leave it out" -- dun-notice -d l.db -c noname.yaml -o ph -t 2026-12-08 -a 10:00 next.tsv
run dun-notice -n -d l.db -c example.yaml -o ph -t 2026-12-08 -a 10:00 next.tsv
is_rc 0 "  a dry run in the example's name is allowed"
grep -q '示例物业服务有限公司' ph/sms-20261208.csv
ok $? "  and shows the example's name"
check 2 "" "dun-notice: -a 25:00: not a time of day like 09:30
usage: dun-notice [-bn] [-a time] [-c conf] [-d db] [-o dir] [-t date] [file ...]" \
    "a bad time of day" -- dun-notice -d l.db -o nt -a 25:00 cl.tsv
{ echo "$H"; rec U9 5.00 reminder sms send; } >nounit.tsv
run dun-notice -d l.db -o nt -t 2026-12-08 -a 10:00 nounit.tsv
is_rc 1 "a unit the ledger does not have"
grep -q 'nounit.tsv:2: unit: "U9" is not in the ledger' err
ok $? "says which record"
mkdir ro && chmod 500 ro
if [ "$(id -u)" -ne 0 ]; then
	run dun-notice -d l.db -o ro/x -t 2026-12-08 next.tsv
	is_rc 3 "an unwritable folder"
else
	ok 0 "# SKIP root writes anywhere"
fi

# The default templates threaten nothing the law forbids.
grep -l -E '停水|停电|断水|断电|停气|cut off|disconnect' "$top"/lib/notice/templates/* >/dev/null
is $? 1 "no template threatens to cut water, power or gas"

# The SMS gateway, on loopback.
"$sink" http port.http http.log 2 & hpid=$!
"$sink" smtp port.smtp smtp.log 2 & spid=$!
trap 'kill $hpid $spid 2>/dev/null; rm -rf "$tmp"' EXIT
for i in 1 2 3 4 5 6 7 8 9 10; do
	[ -s port.http ] && [ -s port.smtp ] && break
	sleep 0.2
done
cat >gw.yaml <<E
$company
notice:
  sms:
    gateway: http://127.0.0.1:$(cat port.http)/send
    format: json
    fields: {to: "{{phone}}", msg: "{{text}}", ref: "{{notice}}"}
  email:
    smtp: smtp://127.0.0.1:$(cat port.smtp)
    from: collect@example.com
E
{ echo "$H"; rec U1 1234.50 overdue sms send; rec U5 300.00 overdue sms send; } >gw.tsv
run dun-notice -d l.db -c gw.yaml -o gw -t 2026-12-08 -a 07:00 gw.tsv
grep -q '2 passed over: deferred to 08:30: quiet hours' err
ok $? "quiet hours hold what a gateway would send at once"
run dun-notice -d l.db -c gw.yaml -o gw -t 2026-12-08 -a 10:00 gw.tsv
is_rc 3 "the gateway fails on the second message"
grep -q 'the gateway refused the message: http 500 broke' err
ok $? "and says what it answered"
is "$(sed 1d out | cut -f1,3,4)" "20261208-U1-overdue${TAB}overdue${TAB}sms" "the first was sent"
head -1 http.log | grep -q '"to":"13800000001","msg":"【锦绣物业服务有限公司】尊敬的张三业主'
ok $? "the gateway got JSON with the phone and text"
is "$(sql l.db "SELECT notice, receipt FROM notices WHERE date = 20795")" \
    '20261208-U1-overdue|http 200 {"code":"OK","id":"m1"}' \
    "only the sent one is recorded, with the gateway's answer"
is "$(ls gw/sms)" "20261208-U1-overdue.txt" "and only its file is written"
run dun-notice -d l.db -c gw.yaml -o gw -t 2026-12-08 -a 10:00 gw.tsv
is "$(sed 1d out | cut -f1)" "20261208-U5-overdue" "run again, the rest goes"

# E-mail over SMTP: the second message refused.
{ cat gw.yaml; cat <<'E'
ladder:
  - {name: reminder, channel: sms, days: -7}
  - {name: overdue, channel: sms, days: 30}
  - {name: demand, channel: email, days: 75, written_demand: true}
classes:
  - {name: forgetful, when: "true"}
E
} >em.yaml
{ echo "$H"; rec U1 1234.50 demand email send; rec U6 1000000.10 demand email send; } >em.tsv
run dun-notice -d l.db -c em.yaml -o em -t 2026-12-15 -a 10:00 em.tsv
is_rc 3 "the mail server refuses the second"
is "$(sed 1d out | cut -f1,4,6)" "20261215-U1-demand${TAB}email${TAB}zs@example.com" "the first was sent"
grep -q '^Subject: =?UTF-8?B?' smtp.log && grep -q 'RCPT TO:<zs@example.com>' smtp.log
ok $? "the sink got an RFC 2047 subject for zs@example.com"
grep -q 'Content-Type: application/pdf; name="20261215-U1-demand.pdf"' em/email/20261215-U1-demand.eml
ok $? "a written demand by e-mail carries the letter"
is "$(ls em/email)" "20261215-U1-demand.eml" "no file for the refused one"
is "$(sql l.db "SELECT count(*) FROM notices WHERE notice LIKE '20261215-%'")" 1 \
    "no notice recorded for it"
is "$(sql l.db 'PRAGMA integrity_check')" ok "the ledger is sound"

# The public board: buildings and amounts, never names or phones.
run dun-notice -d l.db -o board -b -t 2026-12-16 -a 10:00 cl.tsv
is "$(cat board/board-20261216.tsv)" "building${TAB}unit${TAB}periods_unpaid${TAB}total${TAB}days_overdue
${TAB}U7${TAB}1${TAB}5.00${TAB}55
1栋${TAB}U1${TAB}1${TAB}1234.50${TAB}55
1栋${TAB}U2${TAB}1${TAB}2000.00${TAB}55
2栋${TAB}U3${TAB}1${TAB}10.00${TAB}55
2栋${TAB}U4${TAB}1${TAB}0.05${TAB}55
3栋${TAB}U5${TAB}1${TAB}300.00${TAB}55
3栋${TAB}U6${TAB}1${TAB}1000000.10${TAB}55" "the board lists units by building"
pdftotext board/board-20261216.pdf - | grep -E -q '张三|李四|1380000'
is $? 1 "the board's PDF shows no name or phone"

echo "1..$tap_n"

#!/bin/sh
# dun-notice: no injection through data.  A cell that a spreadsheet would
# take for a formula is marked as text in the files meant for one (the
# SMS batch, call lists, visit routes, the board), while the records on
# standard output stay exact; an e-mail address that is not one falls
# back to a letter; no value makes a header of its own; a recipient the
# server refuses stops only its notice; a file name shows no control or
# direction character.
. "$(dirname "$0")/lib.sh"
sink=$top/tests/bin/sink

hyper='=HYPERLINK("http://evil.example/","点我")'
dde="+cmd|' /C calc'!A0"
minus="-2+3+cmd|' /C calc'!A0"
rlo=$(printf '\342\200\256')		# U+202E, RIGHT-TO-LEFT OVERRIDE
{
	printf 'unit\testate\tbuilding\towner\tphone\temail\tcollector\taddress\n'
	printf 'S1\t示例花园\t1栋\t%s\t13800000011\t\t王五\t\n' "$hyper"
	printf 'S2\t示例花园\t1栋\t张三\t13800000012\t\t王五\t\n'
	printf 'C1\t示例花园\t%s\t%s\t13800000021\t\t周敏\t%s\n' "$hyper" "$dde" "$minus"
	printf 'C2\t示例花园\t2栋\t钱七\t13800000022\t\t周敏\t\n'
	printf 'V1\t示例花园\t2栋\t@SUM(1+1)\t13800000031\t\t%s周敏\t%s\n' "$rlo" "$minus"
	printf 'E1\t示例花园\t3栋\t赵六\t13800000041\tok1@example.com\t王五\t\n'
	printf 'E2\t示例花园\t3栋\t孙八\t13800000042\tok2@example.com\t王五\t\n'
	printf '甲1\t示例花园\t3栋\t吴九\t13800000043\tok3@example.com\t王五\t\n'
	printf 'R1\t示例花园\t4栋\t郑十\t13800000051\trefuse@example.com\t王五\t\n'
	printf 'E3\t示例花园\t4栋\t冯十一\t13800000052\tok4@example.com\t王五\t\n'
} >units.tsv
{
	printf 'unit\tfee\tperiod\tdue\tamount\n'
	for u in S1 S2 C1 C2 V1 E1 E2 甲1 R1 E3; do
		printf '%s\tmanagement\t2026-09\t2026-09-30\t100.00\n' "$u"
	done
} >charges.tsv
dun-import -d l.db units.tsv charges.tsv >/dev/null 2>&1
ok $? "the ledger is loaded"
# What dun-import would refuse, put into the ledger directly: a phone
# that is a formula, an owner after a TAB, an owner with a line break and
# a header after it, an address with a line feed and a Bcc after it.
sql l.db "UPDATE units SET phone = '=2+5' WHERE unit = 'S2';
UPDATE units SET owner = char(9) || '=1+1' WHERE unit = 'C2';
UPDATE units SET owner = '赵六' || char(13, 10) || 'Bcc: evil@example.com'
    WHERE unit = 'E1';
UPDATE units SET email = 'x@example.com' || char(10) ||
    'Bcc: evil@example.com' WHERE unit = 'E2';"
ok $? "and made hostile"
cp l.db smtp.db

mkdir tpl
printf '{{owner}}：您的物业费{{total}}待缴。\n' >tpl/reminder.sms.zh
printf '{{owner}}的缴费通知\n\n{{owner}}：您的物业费{{total}}待缴。\n' \
    >tpl/overdue.email.zh
cat >inj.yaml <<'E'
company:
  name: "示例物业\r\nBcc: evil@example.com"
  address: 深圳市南山区锦绣路8号
  phone: 0755-88886666
  bank: 招商银行深圳分行
  account: 7559 0000 1234 5678
  email: collect@example.com
notice:
  templates: tpl
ladder:
  - {name: reminder, channel: sms, days: -7}
  - {name: call, channel: phone, days: 10}
  - {name: visit, channel: visit, days: 20}
  - {name: overdue, channel: email, days: 30}
  - {name: demand, channel: email, days: 75, written_demand: true}
classes:
  - {name: forgetful, when: "true"}
E

H="unit${TAB}owner${TAB}total${TAB}late_fee${TAB}days_overdue${TAB}periods_unpaid${TAB}class${TAB}stage${TAB}channel${TAB}due_on${TAB}action${TAB}priority${TAB}reason${TAB}episode_start"
rec() {	# unit stage channel
	printf '%s\t\t100.00\t0.00\t55\t1\tforgetful\t%s\t%s\t2026-11-24\tsend\t1\twhy\t2026-09-30\n' \
	    "$1" "$2" "$3"
}
{
	echo "$H"
	rec S1 reminder sms
	rec S2 reminder sms
	rec C1 call phone
	rec C2 call phone
	rec V1 visit visit
	rec E1 overdue email
	rec E2 overdue email
	rec 甲1 demand email
} >cl.tsv

run dun-notice -d l.db -c inj.yaml -o nt -b -t 2026-11-24 -a 10:00 cl.tsv
is_rc 0 "the hostile records are issued"
cp out issued.tsv
is "$(grep -v 'passed over\|notices issued' err)" \
    "dun-notice: cl.tsv:8: unit E2: the ledger's e-mail address is not an e-mail address (name@domain, letters, digits and . _ - + in the name): a letter instead of email" \
    "an address that is not one: a warning naming the unit and why"

# The SMS batch: the text and the phone marked, the quotes doubled.
is "$(tail -n +2 nt/sms-20261124.csv | tr -d '\r')" \
    "13800000011,\"'=HYPERLINK(\"\"http://evil.example/\"\",\"\"点我\"\")：您的物业费¥100.00待缴。\",1
'=2+5,\"张三：您的物业费¥100.00待缴。\",1" \
    "the SMS batch: a formula in the text or the phone is marked as text"
is "$(awk -F'\t' '$2 == "S1" { print $8 }' out)" \
    "$(printf '%s' "'$hyper：您的物业费¥100.00待缴。" | sha256sum | cut -d' ' -f1)" \
    "the register hashes the SMS's text as the batch has it"

# The call list and the visit route.
is "$(cut -f2-5 nt/calls-20261124-周敏.tsv)" "unit${TAB}owner${TAB}phone${TAB}address
C1${TAB}'$dde${TAB}13800000021${TAB}'$minus
C2${TAB}'\\t=1+1${TAB}13800000022${TAB}示例花园2栋C2" \
    "the call list: =, +, - and a leading TAB marked as text"
is "$(awk -F'\t' '$2 == "C1" { print $8 }' out)" \
    "$(sed -n 2p nt/calls-20261124-周敏.tsv | tr -d '\n' | sha256sum | cut -d' ' -f1)" \
    "the register hashes the call list's line as written"
is "$(ls nt | grep '^visits-')" "visits-20261124-_周敏.pdf
visits-20261124-_周敏.tsv" \
    "a collector's right-to-left override is not in the file name"
ls nt nt/* | grep -q "$rlo"
is $? 1 "no file name holds U+202E"
is "$(cut -f2,3,5 nt/visits-20261124-_周敏.tsv | tail -1)" \
    "V1${TAB}'@SUM(1+1)${TAB}'$minus" \
    "the visit route: @ and - marked as text"
is "$(tail -n +2 nt/board-20261124.tsv | cut -f1,2 | sort | head -2)" \
    "'$hyper${TAB}C1
1栋${TAB}S1" "the board: a building that is a formula is marked as text"

# The records on standard output stay exact.
is "$(awk -F'\t' '$2 == "V1" || $2 == "C1" { print $2 "|" $6 }' issued.tsv)" \
    "C1|13800000021
V1|$minus" "the record stream is exact: a recipient beginning with - as it is"

# E-mail without a server: .eml files.
is "$(awk -F'\t' '$2 ~ /^(E|甲)/ { print $2, $4, $6, $9 }' issued.tsv)" \
    "E1 email ok1@example.com why
E2 letter 示例花园3栋E2 why; the e-mail address is not one: a letter instead
甲1 email ok3@example.com why" \
    "an address with a line feed: a letter instead, and the reason says so"
is "$(ls nt/email)" "20261124-E1-overdue.eml
20261124-甲1-demand.eml" "no e-mail for it"
# The headers, up to the first blank line: each a known one or folded.
heads() { tr -d '\r' <"$1" | sed '/^$/q' | sed '/^$/d'; }
for f in nt/email/*.eml; do
	is "$(heads "$f" | grep -v -E '^(From|To|Subject|Date|Message-ID|MIME-Version|Content-Type|Content-Transfer-Encoding): |^ ')" \
	    "" "$f: every header line is one dun writes"
done
grep -q -i '^bcc' nt/email/*.eml
is $? 1 "no Bcc header anywhere"
heads nt/email/20261124-E1-overdue.eml >e1.head
is "$(grep '^From: ' e1.head)" \
    "From: =?UTF-8?B?$(printf '示例物业\r\nBcc: evil@example.com' | base64 -w0)?= <collect@example.com>" \
    "a company name with CR LF is one encoded word"
is "$(sed -n 's/^Subject: //p' e1.head)" \
    "=?UTF-8?B?$(printf '赵六\r\nBcc: evil@example.com的缴费通知' | base64 -w0)?=" \
    "a subject with CR LF from an owner's name is one encoded word"
grep -q '^To: <ok1@example.com>$' e1.head
ok $? "the To header is the checked address"
heads nt/email/20261124-甲1-demand.eml >d.head
grep -q '^Message-ID: <20261124-=E7=94=B21-demand@example.com>$' d.head
ok $? "the Message-ID has only safe bytes of the notice's number"
tr -d '\r' <nt/email/20261124-甲1-demand.eml | grep -A1 '^Content-Disposition' >d.att
is "$(cat d.att)" "Content-Disposition: attachment; filename=\"20261124-_1-demand.pdf\";
 filename*=UTF-8''20261124-%E7%94%B21-demand.pdf" \
    "the attachment's name: RFC 2231, with an ASCII fallback"

# E-mail over SMTP, on loopback: the bad address by letter, a recipient
# the server refuses not issued, the rest sent.
"$sink" smtp port.smtp smtp.log & spid=$!
trap 'kill $spid 2>/dev/null; rm -rf "$tmp"' EXIT
for i in 1 2 3 4 5 6 7 8 9 10; do
	[ -s port.smtp ] && break
	sleep 0.2
done
sed "s|^  templates: tpl\$|&\\
  email: {smtp: \"smtp://127.0.0.1:$(cat port.smtp)\"}|" inj.yaml >smtp.yaml
{
	echo "$H"
	rec E1 overdue email
	rec E2 overdue email
	rec R1 overdue email
	rec E3 overdue email
} >em.tsv
run dun-notice -d smtp.db -c smtp.yaml -o sm -t 2026-11-24 -a 10:00 em.tsv
is_rc 1 "a recipient refused: the run goes on, and says so in its status"
is "$(sed 1d out | cut -f2,4,6)" "E2${TAB}letter${TAB}示例花园3栋E2
E1${TAB}email${TAB}ok1@example.com
E3${TAB}email${TAB}ok4@example.com" "the others are issued"
grep -q "^dun-notice: em.tsv:4: email: unit R1: not sent: smtp://127.0.0.1:$(cat port.smtp): the server refused the recipient refuse@example.com: 550: not issued$" err
ok $? "the refusal names the unit and what the server said"
is "$(grep -c 'a letter instead of email' err)" 1 "the bad address is warned of"
is "$(grep '^RCPT TO:' smtp.log | tr -d '\r')" "RCPT TO:<ok1@example.com>
RCPT TO:<refuse@example.com>
RCPT TO:<ok4@example.com>" "the envelope holds only checked addresses"
grep -q -i 'evil' smtp.log
is $? 1 "nothing of the Bcc reaches the server"
is "$(sql smtp.db "SELECT group_concat(notice) FROM notices WHERE notice LIKE '%-R1-%'")" "" \
    "the refused one is not recorded"
is "$(ls sm/email)" "20261124-E1-overdue.eml
20261124-E3-overdue.eml" "nor its file kept"
run dun-notice -d smtp.db -c smtp.yaml -o sm -t 2026-11-24 -a 10:00 em.tsv
is "$(sed 1d out | cut -f2)" "" "run again, it is tried again and refused again"
kill $spid
wait $spid 2>/dev/null
# The server gone: the run stops (exit 3), as it did.
{ echo "$H"; rec R1 overdue email; } >gone.tsv
sql smtp.db "UPDATE units SET email = 'back@example.com' WHERE unit = 'R1'"
run dun-notice -d smtp.db -c smtp.yaml -o sm -t 2026-11-24 -a 10:00 gone.tsv
is_rc 3 "the server not there stops the run"

# The config: the sender's address is checked where it is written.
printf 'company:\n  email: "a@example.com\\nBcc: evil@example.com"\n' >bad1.yaml
check 2 "" "dun-notice: bad1.yaml:2:10: company.email: is not an e-mail address (name@domain, letters, digits and . _ - + in the name); write one address such as collect@example.com, or ~ for none" \
    "a company e-mail address with a line feed" -- \
    dun-notice -d l.db -c bad1.yaml -o nt3 cl.tsv
printf 'notice:\n  email:\n    from: "<a@example.com>"\n' >bad2.yaml
check 2 "" "dun-notice: bad2.yaml:3:11: notice.email.from: is not an e-mail address (name@domain, letters, digits and . _ - + in the name); write one address such as collect@example.com, or ~ for none" \
    "a sender's address in brackets" -- \
    dun-notice -d l.db -c bad2.yaml -o nt3 cl.tsv
printf 'notice:\n  email:\n    smtp: smtp://127.0.0.1:25\n' >bad3.yaml
check 2 "" "dun-notice: bad3.yaml:3:11: notice.email.smtp: sending e-mail needs the sender's address: set notice.email.from or company.email" \
    "a server and no sender" -- dun-notice -d l.db -c bad3.yaml -o nt3 cl.tsv

# dun-report: its TSV is a record stream, exact; its workbook holds
# text as string cells, never formulas.
sql l.db "UPDATE units SET collector = '$hyper' WHERE unit = 'S1'"
dun-report -d l.db -t 2026-11-24 -k collectors -f tsv </dev/null >rep.tsv
grep -q -F "$hyper${TAB}" rep.tsv
ok $? "dun-report -f tsv: a collector's name as it is"
dun-report -d l.db -t 2026-11-24 -k collectors -f xlsx -o rep.xlsx </dev/null
/usr/bin/python3 - rep.xlsx <<'E' >xlsx.txt
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1]).active
print([(c.data_type, c.value) for c in ws["A"] if str(c.value).startswith("=")])
E
is "$(cat xlsx.txt)" "[('s', '$hyper')]" \
    "dun-report -f xlsx: the name is a string cell, not a formula"

done_testing

#!/bin/sh
# dun-notice sends what goes out through a gateway or a mail server once
# the batch is taken, one at a time, read back from a temporary file: 140
# SMS through the gateway and 20 written demands by e-mail (each with its
# letter, its statement of four lines) through the SMTP server, in the
# records' order, give the texts, files, output and register computed
# here; a recipient the server refuses is not issued and the rest go on;
# the gateway failing midway stops the sending there, what was sent stays
# recorded, the rest is counted "not sent", and the next run sends it, to
# the same register.  A dry run of 4,000 SMS writes what is computed
# here too, and its peak RSS is within a few MB of 500's.
. "$(dirname "$0")/lib.sh"
sink=$top/tests/bin/sink
pids=
trap 'kill $pids 2>/dev/null; rm -rf "$tmp"' EXIT

# Units U001..U160, a phone each; every eighth owes four lines (three
# months of management and a fee the config does not know) and has an
# e-mail address, U064's one the server refuses.
awk 'BEGIN {
	print "unit\testate\tbuilding\towner\tphone\temail\tcollector"
	for (i = 1; i <= 160; i++)
		printf "U%03d\t示例花园\t%d栋\t业主%d\t139%08d\t%s\t王五\n", i,
		    i % 3 + 1, i, i, i % 8 ? "" : i == 64 ? \
		    "refuse" i "@example.com" : "u" i "@example.com"
}' >units.tsv
awk 'BEGIN {
	print "unit\tfee\tperiod\tdue\tamount"
	for (i = 1; i <= 160; i++)
		if (i % 8)
			printf "U%03d\tmanagement\t2026-09\t2026-09-30\t%d.00\n",
			    i, 100 + i
		else {
			for (m = 7; m <= 9; m++)
				printf "U%03d\tmanagement\t2026-%02d\t2026-%02d-28\t%d.%02d\n",
				    i, m, m, 100 + i, m
			printf "U%03d\televator\t2026-08\t2026-08-28\t35.50\n", i
		}
}' >charges.tsv
dun-import -d base.db units.tsv charges.tsv >/dev/null 2>&1
ok $? "the ledger is loaded"
awk 'BEGIN {
	print "unit\towner\ttotal\tlate_fee\tdays_overdue\tperiods_unpaid\t" \
	    "class\tstage\tchannel\tdue_on\taction\tpriority\treason\t" \
	    "episode_start"
	for (i = 1; i <= 160; i++)
		if (i % 8)
			printf "U%03d\t\t%d.00\t0.00\t55\t1\tforgetful\toverdue\t" \
			    "sms\t2026-11-24\tsend\t1\twhy %d\t2026-09-30\n", i,
			    100 + i, i
		else
			printf "U%03d\t\t%d.74\t0.00\t89\t4\tforgetful\tdemand\t" \
			    "email\t2026-11-24\tsend\t1\twhy %d\t2026-07-28\n", i,
			    3 * (100 + i) + 35, i
}' >cl.tsv

# The loopback servers; a gateway that fails at the FAIL'th message.
serve() {	# serve NAME MODE [FAIL]
	rm -f port.$1
	"$sink" $2 port.$1 $1.log ${3:-} & pids="$pids $!"
	for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
		[ -s port.$1 ] && break
		sleep 0.2
	done
}
config() {	# config HTTP SMTP: the servers' config
	printf '%s\n' "$company"
	cat <<E
notice:
  sms:
    gateway: http://127.0.0.1:$(cat port.$1)/send
    format: json
    fields: {to: "{{phone}}", msg: "{{text}}", ref: "{{notice}}"}
  email:
    smtp: smtp://127.0.0.1:$(cat port.$2)
    from: collect@example.com
ladder:
  - {name: reminder, channel: sms, days: -7}
  - {name: overdue, channel: sms, days: 30}
  - {name: demand, channel: email, days: 75, written_demand: true}
classes:
  - {name: forgetful, when: "true"}
E
}

# What each SMS says, and so its file, the gateway's request and its
# SHA-256: in want/ by notice.
mkdir want
awk -v dir=want 'BEGIN {
	for (i = 1; i <= 160; i++) {
		if (i % 8 == 0)
			continue
		n = sprintf("20261124-U%03d-overdue", i)
		t = sprintf("【锦绣物业服务有限公司】尊敬的业主%d业主您好，您的" \
		    "房屋U%03d物业服务费已逾期55天，欠费合计¥%d.00（1期）。" \
		    "请于2026年12月9日前缴纳，缴费方式：物业服务中心前台或线" \
		    "上缴费，如有疑问请致电0755-88886666。谢谢配合！", i, i,
		    100 + i)
		printf "%s", t >(dir "/" n ".txt")
		close(dir "/" n ".txt")
		p = sprintf("139%08d", i)
		printf "{\"mobile\":\"%s\",\"content\":\"%s\",\"to\":\"%s\"," \
		    "\"msg\":\"%s\",\"ref\":\"%s\"}\n", p, t, p, t, n \
		    >(dir "/http.log")
	}
}'
(cd want && sha256sum *.txt) | awk '{ sub(/\.txt$/, "", $2); print $2, $1 }' \
    >want.sha

# The output and the register of units FROM to TO (U064 refused), the
# SMS's receipts counted from M; an e-mail's SHA-256 that of its file.
want() {	# want FROM TO M
	awk -v from=$1 -v to=$2 -v m=$3 -v T="$TAB" '
	FILENAME == "want.sha" { sha[$1] = $2; next }
	{ sha[$2] = $1; next }
	END {
		for (i = from; i <= to; i++) {
			if (i == 64)
				continue
			e = i % 8 == 0
			u = sprintf("U%03d", i)
			s = e ? "demand" : "overdue"
			c = e ? "email" : "sms"
			n = "20261124-" u "-" s
			r = e ? "u" i "@example.com" : sprintf("139%08d", i)
			f = e ? "nt/email/" n ".eml" : "nt/sms/" n ".txt"
			print n T u T s T c T "2026-11-24" T r T f T sha[n] T \
			    "why " i >"want.out"
			print i "|" n "|" i "|" s "|" c "|" (e ? 20662 : 20726) \
			    "|20781|" r "|" f "|" sha[n] "|why " i "|" (e ? \
			    "smtp 250" : "http 200 {\"code\":\"OK\",\"id\":\"m" \
			    m++ "\"}") "|forgetful|issued" >"want.register"
		}
	}' want.sha emails.sha
}
register() {	# register DB: its notices, without their id and time
	sql "$1" "SELECT unit_id, notice, unit_id, stage, channel, episode, date,
	    recipient, file, sha256, reason, receipt, class, status FROM notices
	    ORDER BY id"
}

# All at once: the e-mail U064 is refused, the rest go.
serve http1 http
serve smtp1 smtp
config http1 smtp1 >gw.yaml
mkdir all
cp base.db all/l.db
(cd all && dun-notice -d l.db -c ../gw.yaml -o nt -t 2026-11-24 -a 10:00 \
    ../cl.tsv >out 2>err; echo $? >rc)
is "$(cat all/rc)" 1 "a recipient refused (exit 1), the others sent"
is "$(cat all/err)" "dun-notice: ../cl.tsv:65: email: unit U064: not sent: smtp://127.0.0.1:$(cat port.smtp1): the server refused the recipient refuse64@example.com: 550: not issued
dun-notice: 159 notices issued in nt" "  it says which, and how many were issued"
(cd all && sha256sum nt/email/*.eml) | sed 's|nt/email/||; s|\.eml$||' >emails.sha
want 1 160 1
is "$(sed 1d all/out)" "$(cat want.out)" "  the output: each in the records' order"
is "$(register all/l.db | sed 's/|[0-9TZ:-]*|\(http\|smtp\)/|\1/')" \
    "$(cat want.register)" "  the register: the same, with each server's answer"
is "$(sql all/l.db "SELECT count(*) FROM notices WHERE time IS NULL OR time = ''")" 0 \
    "  each recorded with its time"
ok "$(cd want && for f in *.txt; do cmp -s $f ../all/nt/sms/$f || echo $f; done | grep -c .)" \
    "  each SMS's file is the text computed"
is "$(ls all/nt/sms | grep -c .)" 140 "  140 SMS files"
is "$(cat http1.log)" "$(cat want/http.log)" "  the gateway got each, in order"
is "$(grep '^RCPT TO:' smtp1.log | tr -d '\r<>' | sed 's/RCPT TO://' | tr '\n' ' ')" \
    "$(awk 'BEGIN { for (i = 8; i <= 160; i += 8) printf "%s%d@example.com ",
    i == 64 ? "refuse" : "u", i }')" "  the mail server got each e-mail, in order"
is "$(ls all/nt/email | grep -c .)" 19 "  19 e-mails kept, none for U064"
# The letter attached to every third written demand: its recipient and its
# statement, the fee the config does not know by its name.
bad=
for i in $(seq 8 24 160); do
	[ $i -eq 64 ] && continue
	u=$(printf 'U%03d' $i)
	perl -MMIME::Base64 -e 'local $/; $_ = <STDIN>;
	    m{Content-Type: application/pdf.*?\r?\n\r?\n(.*?)\r?\n--}s or exit 1;
	    print decode_base64($1)' <all/nt/email/20261124-$u-demand.eml >att.pdf &&
	pdftotext -layout att.pdf att.txt || { bad="$bad $u"; continue; }
	want_rows=$(printf '收件人：业主%d\n地址：示例花园%d栋%s\n2026-07 物业管理费 2026-07-28 %d.07 %d.07\n2026-08 物业管理费 2026-08-28 %d.08 %d.08\n2026-08 elevator 2026-08-28 35.50 35.50\n2026-09 物业管理费 2026-09-28 %d.09 %d.09' \
	    $i $((i % 3 + 1)) $u $((100 + i)) $((100 + i)) $((100 + i)) \
	    $((100 + i)) $((100 + i)) $((100 + i)))
	got_rows=$(sed 's/^ *//; s/  */ /g' att.txt | grep -E '^(收件人|地址)：|^2026-0[789] ' |
	    sed -E 's/^(2026-0. [^ ]+ [^ ]+ [^ ]+ [^ ]+) .*/\1/')
	[ "$got_rows" = "$want_rows" ] || bad="$bad $u"
done
is "$bad" "" "  the e-mails carry their letters: recipient and statement"

# The gateway fails at its 75th message, U085's: the sending stops.
serve http2 http 75
serve smtp2 smtp
config http2 smtp2 >fail.yaml
mkdir fail
cp base.db fail/l.db
(cd fail && dun-notice -d l.db -c ../fail.yaml -o nt -t 2026-11-24 -a 10:00 \
    ../cl.tsv >out 2>err; echo $? >rc)
is "$(cat fail/rc)" 3 "the gateway fails midway (exit 3)"
grep -q '^dun-notice: http://127.0.0.1:[0-9]*/send: the gateway refused the message: http 500 broke' fail/err
ok $? "  it says what the gateway answered"
grep -q '^dun-notice: 76 passed over: not sent: the server failed$' fail/err
ok $? "  the 76 from U085 on are counted not sent"
want 1 84 1
is "$(sed 1d fail/out)" "$(cat want.out)" "  the output: those sent before, U001 to U084"
is "$(register fail/l.db | sed 's/|[0-9TZ:-]*|\(http\|smtp\)/|\1/')" \
    "$(cat want.register)" "  and only they are recorded"
is "$(ls fail/nt/sms | grep -c .) $(ls fail/nt/email | grep -c .)" "74 9" \
    "  and only their files kept"
is "$(grep -c . http2.log)" 75 "  the gateway was sent no more"
# Again, the gateway mended: the rest goes, and all is as if sent at once.
serve http3 http
config http3 smtp2 >fail.yaml
(cd fail && dun-notice -d l.db -c ../fail.yaml -o nt -t 2026-11-24 -a 10:00 \
    ../cl.tsv >out 2>err; echo $? >rc)
is "$(cat fail/rc)" 1 "run again: U064 refused again (exit 1)"
want 85 160 1
is "$(sed 1d fail/out)" "$(cat want.out)" "  the rest is sent, U085 to U160"
is "$(register fail/l.db | cut -d'|' -f2,8-11)" \
    "$(register all/l.db | cut -d'|' -f2,8-11)" \
    "  the register is the one of a run that did not fail"
is "$(cd fail && find nt -type f | sort | xargs sha256sum)" \
    "$(cd all && find nt -type f | sort | xargs sha256sum)" "  and so are the files"

# A dry run of 4,000 SMS through the gateway's config (nothing is sent):
# each SMS's file is its text, and the peak RSS hardly grows from 500.
awk 'BEGIN {
	print "unit\testate\tbuilding\towner\tphone\temail\tcollector"
	for (i = 1; i <= 4000; i++)
		printf "U%05d\t示例花园\t1栋\t业主%d\t139%08d\t\t王五\n", i, i, i
}' >units4k.tsv
awk 'BEGIN {
	print "unit\tfee\tperiod\tdue\tamount"
	for (i = 1; i <= 4000; i++)
		printf "U%05d\tmanagement\t2026-09\t2026-09-30\t%d.00\n", i,
		    100 + i % 900
}' >charges4k.tsv
dun-import -d 4k.db units4k.tsv charges4k.tsv >/dev/null 2>&1
ok $? "a ledger of 4,000 units"
for k in 500 4000; do
	awk -v k=$k 'BEGIN {
		print "unit\towner\ttotal\tlate_fee\tdays_overdue\tperiods_unpaid\t" \
		    "class\tstage\tchannel\tdue_on\taction\tpriority\treason\t" \
		    "episode_start"
		for (i = 1; i <= k; i++)
			printf "U%05d\t\t%d.00\t0.00\t55\t1\tforgetful\toverdue\t" \
			    "sms\t2026-11-24\tsend\t1\twhy\t2026-09-30\n", i,
			    100 + i % 900
	}' >cl$k.tsv
	mkdir dry$k
	cp 4k.db dry$k/l.db
	(cd dry$k && if [ -x /usr/bin/time ]; then
		/usr/bin/time -f %M -o rss dun-notice -n -d l.db -c ../gw.yaml \
		    -o nt -t 2026-11-24 -a 10:00 ../cl$k.tsv >out 2>err
	else
		dun-notice -n -d l.db -c ../gw.yaml -o nt -t 2026-11-24 \
		    -a 10:00 ../cl$k.tsv >out 2>err
	fi; echo $? >rc)
done
is "$(cat dry4000/rc)" 0 "a dry run of 4,000 SMS"
is "$(sed 1d dry4000/out | cut -f1 | awk '$0 != sprintf("20261124-U%05d-overdue", NR)' | wc -l)" 0 \
    "  each in the records' order"
is "$(grep -c . dry4000/out) $(ls dry4000/nt/sms | grep -c .)" "4001 4000" \
    "  4,000 issued, a file each"
is "$(awk 'BEGIN { for (i = 1; i <= 4000; i += 399)
	printf "【锦绣物业服务有限公司】尊敬的业主%d业主您好，您的房屋U%05d" \
	    "物业服务费已逾期55天，欠费合计¥%d.00（1期）。请于2026年12月9日" \
	    "前缴纳，缴费方式：物业服务中心前台或线上缴费，如有疑问请致电" \
	    "0755-88886666。谢谢配合！\n", i, i, 100 + i % 900 }')" \
    "$(for i in $(seq 1 399 4000); do cat dry4000/nt/sms/20261124-$(printf U%05d $i)-overdue.txt; echo; done)" \
    "  their texts as computed"
is "$(sed 1d dry4000/out | awk -F'\t' '{ print $8 "  " $7 }' |
    sed 's|nt/sms/\(.*\)|dry4000/nt/sms/\1|' | sha256sum -c --quiet - 2>&1 | grep -c .)" 0 \
    "  each SHA-256 its file's"
is "$(grep -c . http1.log) $(grep -c . http2.log) $(grep -c . http3.log)" "140 75 66" \
    "  and nothing was sent"
# Memory: what is to be sent is on the disk, not held (not measured under
# the sanitizers).  Each SMS held whole cost some 3 KB.
if [ -x /usr/bin/time ] && ! ldd "$(command -v dun-notice)" | grep -q asan; then
	a=$(cat dry500/rss) b=$(cat dry4000/rss)
	ok "$(test $((b - a)) -lt 4096; echo $?)" \
	    "  peak RSS $b KB at 4,000 SMS, $a KB at 500: less than 4 MB more"
fi

done_testing

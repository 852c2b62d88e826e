#!/bin/sh
# Letters laid out by several threads are the letters one thread lays
# out: the same files, byte for byte (so the same text), the same day's
# PDF for the print room and the same SMS batch, in the same order; the
# font cut to the batch's characters grows over chunks of letters, a
# letter with a character the font lacks is laid out in the system's
# fonts, and the cut fonts are removed at the end.
. "$(dirname "$0")/lib.sh"

command -v pdftotext >/dev/null 2>&1 ||
	{ echo "1..0 # SKIP no pdftotext (poppler-utils)"; exit 0; }

# 60 units, six months owed each; their owners' names bring characters
# the letters before them did not have, and one a chess king (♔), which
# the CJK font lacks.
names=赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜戚谢邹喻柏水窦章云苏潘葛奚范彭郎鲁韦昌马苗凤花方俞任袁柳
awk -v n=60 -v names="$names" 'BEGIN {
	print "unit\testate\tbuilding\towner\tphone\tarea\toccupancy\tcollector"
	for (i = 1; i <= n; i++) {
		o = substr(names, 3 * (i - 1) + 1, 3) (i == 37 ? "♔" : "") "先生"
		printf "1-%04d\t锦绣花园\t1栋\t%s\t138%08d\t98.50\towner\t王五\n",
		    i, o, i
	}
}' >units.tsv
awk -v n=60 'BEGIN {
	print "unit\tfee\tperiod\tdue\tamount"
	for (i = 1; i <= n; i++)
		for (m = 3; m <= 8; m++)
			printf "1-%04d\tmanagement\t2026-%02d\t2026-%02d-%d\t246.25\n",
			    i, m, m, m == 4 || m == 6 ? 30 : 31
}' >charges.tsv
dun-import -d base.db units.tsv charges.tsv >/dev/null
ok $? "the estate is loaded"
dun-age -d base.db -t 2026-11-24 2>/dev/null |
    dun-classify -t 2026-11-24 >classified.tsv
# Two units in three get the written demand, the others an SMS.
awk -F'\t' -v OFS='\t' 'NR == 1 {
	for (i = 1; i <= NF; i++) at[$i] = i
	print
	next
}
{
	s = NR % 3 ? "demand" : "overdue"
	$at["stage"] = s; $at["channel"] = NR % 3 ? "letter" : "sms"
	$at["due_on"] = "2026-11-24"; $at["action"] = "send"
	print
}' classified.tsv >todo.tsv
is "$(grep -c letter todo.tsv)" 40 "  40 letters and 20 SMS to make"

mkdir fonts
for t in 1 2 3; do
	cp base.db t$t.db
	DUN_THREADS=$t TMPDIR=$tmp/fonts dun-notice -d t$t.db -t 2026-11-24 \
	    -o out$t todo.tsv >notices$t.tsv 2>err$t
	is "$?:$(cat err$t)" "0:dun-notice: 60 notices issued in out$t" \
	    "$t thread(s): the 60 notices are issued"
done
is "$(ls fonts)" "" "the cut fonts are removed"
is "$(ls out1/letters | wc -l)" 40 "40 letters"

# The register's lines, with each file's SHA-256, the same but for the
# folder's name.
for t in 2 3; do
	is "$(sed "s/out$t/out1/" notices$t.tsv)" "$(cat notices1.tsv)" \
	    "$t threads: the same notices, files and SHA-256 as one thread"
	k=0
	for f in out1/letters/*.pdf; do
		cmp -s "$f" "out$t/letters/${f##*/}" || k=$((k + 1))
	done
	is $k 0 "  each letter the same file"
	cmp -s out1/letters-20261124.pdf out$t/letters-20261124.pdf
	ok $? "  the day's PDF the same"
	is "$(sha256sum <out$t/sms-20261124.csv)" \
	    "$(sha256sum <out1/sms-20261124.csv)" "  the SMS batch the same"
done

# What the letters say, in their order: the owners of the units given
# letters, each record's line (NR, the unit's number + 1) not a third.
pdftotext out2/letters-20261124.pdf day.txt
is "$(grep -c 催缴通知书 day.txt)" 40 "the day's PDF has the 40 letters"
is "$(grep -o '收件人：[^ ]*' day.txt)" \
    "$(awk -F'\t' 'NR > 1 && NR % 3 { print "收件人：" $4 }' units.tsv)" \
    "  in the records' order, the chess king among them"
pdftotext out2/letters/20261124-1-0037-demand.pdf king.txt
grep -q '收件人：柏♔先生' king.txt
ok $? "  and in the letter of its own"
is "$(pdffonts out2/letters/20261124-1-0037-demand.pdf |
    awk 'NR > 2 { sub(/^[A-Z]*\+/, "", $1); print $1 }' | sort)" \
    "DejaVuSans
NotoSansCJKsc-Bold
NotoSansCJKsc-Regular" "  laid out in the system's fonts, its king DejaVu's"
pdftotext out2/letters/20261124-1-0001-demand.pdf one.txt
grep -q '欠费合计：¥1,503.05（大写：人民币壹仟伍佰零叁元零伍分）' one.txt
ok $? "a letter states the amount owed"

# DUN_THREADS and DUN_INFLIGHT outside their ranges, as dun-notice(1)
# gives them: a usage error before anything is read.
for v in 0 65 x 2x +2 " 2" 99999999999999999999; do
	check 2 "" "dun-notice: DUN_THREADS=$v: not a count of threads from 1 to 64" \
	    "DUN_THREADS=$v is refused" -- env "DUN_THREADS=$v" dun-notice </dev/null
done
for v in 0 100001 -3; do
	check 2 "" "dun-notice: DUN_INFLIGHT=$v: not a count of letters from 1 to 100000" \
	    "DUN_INFLIGHT=$v is refused" -- env DUN_INFLIGHT=$v dun-notice </dev/null
done

done_testing

#!/bin/sh
# The letters' PDFs as dun writes them (pdf_ink.c, pdf_file.c): each a
# valid PDF whose fonts are embedded and cut, whose text a reader copies
# as written; the day's PDF for the print room the letters' pages in
# order, saying the same and drawing the same pixels as each letter's
# own file, though its fonts are cut to all the day's glyphs at once.
# And in a font of TrueType outlines with no bold, which the renderer
# emboldens, and which lacks the Chinese the system's fonts then give.
. "$(dirname "$0")/lib.sh"

for t in pdftotext pdffonts pdfinfo pdftoppm; do
	command -v $t >/dev/null 2>&1 ||
		{ echo "1..0 # SKIP no $t (poppler-utils)"; exit 0; }
done

names=赵钱孙李周吴郑王冯陈褚卫
awk -v n=12 -v names="$names" 'BEGIN {
	print "unit\testate\tbuilding\towner\tphone\tarea\toccupancy\tcollector"
	for (i = 1; i <= n; i++)
		printf "1-%04d\t锦绣花园\t1栋\t%s先生\t138%08d\t98.50\towner\t王五\n",
		    i, substr(names, 3 * (i - 1) + 1, 3), i
}' >units.tsv
awk -v n=12 'BEGIN {
	print "unit\tfee\tperiod\tdue\tamount"
	for (i = 1; i <= n; i++)
		for (m = 1; m <= 4 + i * 2; m++)
			printf "1-%04d\tmanagement\t%d-%02d\t%d-%02d-28\t%d.%02d\n",
			    i, 2025 + int((m - 1) / 12), (m - 1) % 12 + 1,
			    2025 + int((m - 1) / 12), (m - 1) % 12 + 1,
			    200 + i, m
}' >charges.tsv
dun-import -d base.db units.tsv charges.tsv >/dev/null
ok $? "the estate is loaded"
dun-age -d base.db -t 2026-11-24 2>/dev/null |
    dun-classify -t 2026-11-24 | awk -F'\t' -v OFS='\t' 'NR == 1 {
	for (i = 1; i <= NF; i++) at[$i] = i
	print
	next
}
{
	$at["stage"] = "demand"; $at["channel"] = "letter"
	$at["due_on"] = "2026-11-24"; $at["action"] = "send"
	print
}' >todo.tsv

cp base.db l.db
dun-notice -d l.db -t 2026-11-24 -o nt todo.tsv >notices.tsv 2>err
is "$?:$(cat err)" "0:dun-notice: 12 notices issued in nt" \
    "12 written demands are issued"

letters=$(cut -f7 notices.tsv | grep '\.pdf$')
bad=0 pages=0
: >each.txt
for f in $letters; do
	pdftotext "$f" - >>each.txt 2>warn || bad=$((bad + 1))
	[ -s warn ] && bad=$((bad + 1))
	n=$(pdfinfo "$f" | awk '/^Pages:/ { print $2 }')
	pages=$((pages + n))
done
is $bad 0 "each letter is read without a complaint"
ok "$([ "$pages" -gt 12 ]; echo $?)" "some letters run onto a second page ($pages pages)"
f=$(echo "$letters" | tail -1)
is "$(pdffonts "$f" | awk 'NR > 2 { print $2, $3, $4, $5, $6, $7, $8 }' |
    sort)" "CID Type 0C Identity-H yes yes yes
CID Type 0C Identity-H yes yes yes" \
    "a letter embeds its two faces, cut, with the text they show"
is "$(pdffonts "$f" | awk 'NR > 2 { sub(/^[A-Z]*\+/, "", $1); print $1 }' |
    sort)" "NotoSansCJKsc-Bold
NotoSansCJKsc-Regular" "  named as the faces of Noto Sans CJK SC"
is "$(pdfinfo "$f" | sed -n 's/^\(Title\|Creator\|CreationDate\): *//p')" \
    "书面催缴通知书
dun $(dun-notice --version | awk '{ print $2 }')
Tue Nov 24 00:00:00 2026 UTC" "  its title, its maker and the notice's date, not the clock's"
grep -q '合计' each.txt && grep -q '孙先生' each.txt &&
    grep -q '2025-03' each.txt
ok $? "the letters say what they were given"

day=nt/letters-20261124.pdf
pdftotext $day day.txt 2>warn
is "$?:$(cat warn)" "0:" "the day's PDF is read without a complaint"
is "$(pdfinfo $day | awk '/^Pages:/ { print $2 }')" $pages \
    "the day's PDF has every letter's pages"
cmp -s day.txt each.txt
ok $? "  and says what the letters say, in their order"

# Each page of the day's PDF draws what the letter's own page draws.
k=0 p=0 diff=0
for f in $letters; do
	k=$((k + 1))
	pdftoppm -r 40 -gray "$f" one
	for g in one-*.pgm; do
		p=$((p + 1))
		pdftoppm -r 40 -gray -f $p -l $p $day book
		cmp -s "$g" book-*.pgm || diff=$((diff + 1))
		rm -f book-*.pgm
	done
	rm -f one-*.pgm
done
is "$diff:$p" "0:$pages" "each page of the day's PDF draws the same pixels"

# The same letters again: the same bytes.
cp base.db l2.db
dun-notice -d l2.db -t 2026-11-24 -o nt2 todo.tsv >/dev/null 2>&1
k=0
for f in $letters; do
	cmp -s "$f" "nt2/${f#nt/}" || k=$((k + 1))
done
cmp -s $day nt2/letters-20261124.pdf || k=$((k + 1))
is $k 0 "the same notices again, the same files, byte for byte"

# A character no font has: a box with its number, which a reader copies.
printf 'unit\testate\tbuilding\towner\tphone\n1-0001\t锦绣花园\t1栋\t张\364\217\277\275先生\t13800000001\n' >odd.tsv
cp base.db l4.db
dun-import --replace -d l4.db odd.tsv >/dev/null
head -2 todo.tsv | dun-notice -d l4.db -t 2026-11-24 -o nt4 >/dev/null 2>&1
pdftotext nt4/letters/20261124-1-0001-demand.pdf odd.txt 2>warn
grep -q 10FFFD odd.txt && [ ! -s warn ]
ok $? "a character no font has is drawn as a box with its number"

# A font of TrueType outlines with a face of one weight: Latin in it,
# the renderer's bold for the letterhead, Chinese from the system's.
if fc-list | grep -q 'DejaVu Math TeX Gyre'; then
	{
		printf 'company:\n  name: ACME 锦绣物业服务有限公司\n'
		printf '  address: 深圳市南山区锦绣路8号\n  phone: 0755-88886666\n'
		printf '  bank: 招商银行深圳分行\n  account: 7559 0000 1234 5678\n'
		printf 'notice:\n  font: DejaVu Math TeX Gyre\n'
	} >tt.yaml
	cp base.db l3.db
	head -3 todo.tsv | dun-notice -c tt.yaml -d l3.db -t 2026-11-24 \
	    -o nt3 >n3.tsv 2>err
	is "$?:$(cat err)" "0:dun-notice: 2 notices issued in nt3" \
	    "in DejaVu Math TeX Gyre: 2 letters"
	f=$(cut -f7 n3.tsv | grep '\.pdf$' | head -1)
	pdffonts "$f" | awk 'NR > 2 { $1 = ""; print }' | sort -u >fonts.txt
	grep -q '^ CID TrueType Identity-H yes yes yes' fonts.txt &&
	    grep -q '^ CID Type 0C Identity-H yes yes yes' fonts.txt
	ok $? "  its TrueType outlines and the system's CJK embedded"
	pdftotext "$f" tt.txt 2>warn
	grep -q 'ACME 锦绣物业服务有限公司' tt.txt && grep -q '合计' tt.txt &&
	    [ ! -s warn ]
	ok $? "  and say what they were given"
else
	ok 0 "# SKIP DejaVu Math TeX Gyre is not installed"
	ok 0 "# SKIP"
	ok 0 "# SKIP"
fi

done_testing

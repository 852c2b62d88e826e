#!/bin/sh
# The record columns are declared once, in lib/records/columns.c:
# dun-age's and dun-classify's headers and the man pages' lists of
# columns equal that table (tests/unit/columns.c prints it).
. "$(dirname "$0")/lib.sh"

"${DUN_BUILD:-$top/build}/tests/columns.t" list >table || exit 3
awk '$3 == "dun-age" { print $1 }' table >age
awk '$3 == "dun-classify" { print $1 }' table >classify
# The table's dun-age columns as the man pages write them: the buckets as
# "b0_30 ... b731_plus".
awk '/^b[0-9]/ { if (!b) print; else last = $0; b = 1; next }
    b { print "..."; print last; b = 0 } { print }' age >age.man

# The lines of file from the first that matches from to the next that
# matches to.
between() {	# between FROM TO FILE
	awk -v from="$1" -v to="$2" 'on == 1 { print; if ($0 ~ to) on = 2 }
	    on == 0 && $0 ~ from { print; on = 1 }' "$3"
}

# ---- the programs' headers ----------------------------------------------
printf 'unit\tfee\tperiod\tdue\tamount\n1-0101\tmanagement\t2026-01\t2026-01-31\t100.00\n' >c.tsv
printf 'ref\tunit\tdate\tamount\n' >p.tsv
run dun-age -t 2026-06-30 -C c.tsv -P p.tsv
is_rc 0 "dun-age runs"
head -1 out | tr '\t' '\n' >got
cmp -s got age
ok $? "dun-age's header is the table's dun-age columns"
cp out aged.tsv
run dun-classify -t 2026-06-30 aged.tsv
is_rc 0 "dun-classify runs"
head -1 out | tr '\t' '\n' >got
cat age classify >want
cmp -s got want
ok $? "dun-classify's header is dun-age's, then the table's dun-classify columns"

# ---- the man pages ------------------------------------------------------
# The names of a tag list's items (".It Cm a , b"), one a line.
items() {
	sed -n 's/^\.It Cm //p' | sed 's/ , / /g' | tr ' ' '\n'
}
between "^[.]Ss Columns" "^[.]El" "$top/man/dun-age.1" | items >got
cmp -s got age.man
ok $? "dun-age(1) lists the table's dun-age columns, in order"
cmp -s got age.man || diff got age.man | sed 's/^/#   /'
between "^[.]Sh DESCRIPTION" "^[.]El" "$top/man/dun-classify.1" | items >got
cmp -s got classify
ok $? "dun-classify(1) lists the table's dun-classify columns, in order"
cmp -s got classify || diff got classify | sed 's/^/#   /'

# dun(5): dun-age's "from unit to dnc", dun-classify's "appends a, b and c".
between "^[.]Xr dun-age 1$" "^[.]Xr dun-classify 1$" "$top/man/dun.5" |
    sed -n 's/^\.Cm \([a-z_]*\) *\.*$/\1/p' >got
printf '%s\n%s\n' "$(head -1 age)" "$(tail -1 age)" >want
cmp -s got want
ok $? "dun(5): dun-age's columns run from the table's first to its last"
between "^[.]Xr dun-classify 1$" "^[.]Ss" "$top/man/dun.5" |
    sed -n 's/^\.Cm //p' | sed -e 's/ *\.$//' -e 's/ , / /g' | tr ' ' '\n' >got
cmp -s got classify
ok $? "dun(5): dun-classify appends the table's dun-classify columns"
cmp -s got classify || diff got classify | sed 's/^/#   /'

# dun.yaml(5): a class rule's column has dun-age's type.
between "^Its type is dun-age.s:" "^text for the rest" "$top/man/dun.yaml.5" >types
for t in money date number; do
	case $t in
	money) from='^Its type'; to='^and the buckets' ;;
	date) from='^and the buckets'; to='^a whole number' ;;
	number) from='^a whole number'; to='^text for the rest' ;;
	esac
	sed -n "/$from/,/$to/p" types | sed -n 's/^\.Cm //p' |
	    sed -e 's/ *[,;]*$//' -e 's/ , / /g' | tr ' ' '\n' | sort >got
	awk -v t=$t '$2 == t && $3 == "dun-age" && $1 !~ /^b[0-9]/ { print $1 }' \
	    table | sort >want
	cmp -s got want
	ok $? "dun.yaml(5): the class rules' $t columns are the table's"
	cmp -s got want || diff got want | sed 's/^/#   /'
done

# dun.yaml(5): a template's money and dates from the record are of the
# table's types, and its other fields from the record are neither.
between "^A template.s fields" "^from the ledger" "$top/man/dun.yaml.5" >fields
for t in text money date; do
	case $t in
	text) from='^from the record'; to='^money, written' ;;
	money) from='^money, written'; to='^dates, written' ;;
	date) from='^dates, written'; to='^from the ledger' ;;
	esac
	sed -n "/$from/,/$to/p" fields | sed -n 's/^\.Cm //p' |
	    sed -e 's/ *[,;]*$//' -e 's/ , / /g' | tr ' ' '\n' >names
	bad=
	while read -r n; do
		ty=$(awk -v n="$n" '$1 == n { print $2 }' table)
		case $t/$ty in
		text/text|text/number|money/money|date/date) ;;
		*) bad="$bad $n($ty)" ;;
		esac
	done <names
	is "$bad" "" "dun.yaml(5): a template's $t fields from the record are the table's"
done
# ---- what dun-import reads -----------------------------------------------
"${DUN_BUILD:-$top/build}/tests/columns.t" inputs >inputs || exit 3
# dun(5)'s Columns: each kind's list, as "KIND COLUMN" lines.
between "^[.]Ss Columns" "^[.]El" "$top/man/dun.5" | awk '
    /^\.It [a-z]+$/ { kind = $2; next }
    /^\.Cm [a-z_]+( |$)/ && kind != "" { print kind, $2 }' >man.kinds
[ -s man.kinds ]
ok $? "dun(5) lists the columns of each kind"
bad=$(awk 'NR == FNR { split($2, k, ","); for (i in k) reads[$1 " " k[i]] = 1; next }
    !(($2 " " $1) in reads) { print $1 ": " $2 }' inputs man.kinds)
is "$bad" "" "dun(5): each column a kind lists is one the table says that kind reads"
# The canonical columns (the table's, up to note) are dun(5)'s.
awk '{ print $2 }' man.kinds | sort -u >got
awk '{ print $1 } $1 == "note" { exit }' inputs | sort >want
cmp -s got want
ok $? "dun(5) names each of the table's columns up to note, and no other"
cmp -s got want || diff got want | sed 's/^/#   /'
# The rest are dun-import(1)'s: a unit in parts, a bill line's figures.
bad=
for c in $(awk 'f { print $1 } $1 == "note" { f = 1 }' inputs); do
	grep -q "Cm $c\( \|$\)" "$top/man/dun-import.1" || bad="$bad $c"
done
is "$bad" "" "dun-import(1) describes each column only imports read"
done_testing

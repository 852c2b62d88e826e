#!/bin/sh
# completion/dun: bash completes each program's options as its man page
# lists them, the words -e, -f, -g and -k take, and files for the rest.
# It needs bash's complete and compgen only, not bash-completion.
. "$(dirname "$0")/lib.sh"

if ! command -v bash >/dev/null 2>&1; then
	echo "1..0 # SKIP bash is not installed"
	exit 0
fi

# comp WORD...: what bash offers for the last word, sorted, one a line.
comp() {
	bash -c '. "$1" || exit 3; shift
		COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
		COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
		_dun "$1" "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
		printf "%s\n" "${COMPREPLY[@]}" | LC_ALL=C sort' \
	    sh "$top/completion/dun" "$@"
}

run bash -c '. "$1" && complete -p dun-import dun-age dun-classify dun-notice dun-report' \
    sh "$top/completion/dun"
is_rc 0 "it loads and registers the five programs"
is "$(cut -d' ' -f3 out | sort -u)" "_dun" "  with one function"

# Each program's options, short and long, as its man page's OPTIONS has
# them (.It Fl x Ar arg , Fl -long ...), and -h and -V, which every
# program has.
for p in dun-import dun-age dun-classify dun-notice dun-report; do
	want=$({ sed -n 's/^\.It //p' "$top/man/$p.1" | tr ',' '\n' |
	    sed -n 's/^ *Fl \(\\\{0,1\}-[^ ]*\).*/-\1/p; s/^ *Fl \([A-Za-z]\).*/-\1/p' |
	    sed 's/\\//g'; printf '%s\n' -h -V --help --version; } |
	    LC_ALL=C sort -u)
	got=$(comp "$p" -)
	is "$got" "$want" "$p -<TAB>: the options of $p(1)"
done

is "$(comp dun-import -k pa)" "payment" "dun-import -k: the kinds"
is "$(comp dun-import --kind=re)" "--kind=reversal" "  and --kind=..."
is "$(comp dun-import --kind = re)" "reversal" \
    "  and --kind=... split at the = as bash does"
is "$(comp dun-report --format =)" "html
text
tsv
xlsx" "  and with nothing after the ="
is "$(comp dun-import -e gb)" "gb18030
gbk" "dun-import -e: encodings"
is "$(comp dun-report -k a)" "aging" "dun-report -k: the report kinds"
is "$(comp dun-report -k aging,c)" "aging,collectors" \
    "  a list after a comma"
is "$(comp dun-report -f '')" "html
text
tsv
xlsx" "dun-report -f: the formats"
is "$(comp dun-report --group c)" "class
collector" "dun-report --group: the groups"
is "$(comp dun-report --no)" "--no-mask" "a long option by its beginning"

mkdir sub
: >a.yaml >b.yml >c.db >d.tsv >e.pdf
is "$(comp dun-age -c '')" "a.yaml
dun.yaml
sub" "-c: *.yaml and folders"
is "$(comp dun-import -d '')" "c.db
sub" "-d: *.db and folders"
is "$(comp dun-report -p '')" "e.pdf
sub" "dun-report -p: *.pdf"
is "$(comp dun-notice -o '')" "sub" "dun-notice -o: a folder"
is "$(comp dun-classify d.)" "d.tsv" "operands: files"
is "$(comp dun-classify -t '')" "" "-t: a date, nothing offered"
is "$(comp dun-notice -n "")" "$(ls | LC_ALL=C sort)" \
    "after an option with no argument, files"
done_testing

#!/bin/sh
# make demo: load the example estate into a fresh ledger in a scratch
# directory, show what was loaded, load it again to show that nothing
# changes the second time, and age the arrears as of the export's day;
# then load the billing system's own reports of the estate (exports/) and
# show that they give the balances its records give.
set -e
bin=${1:?usage: demo.sh BUILD-DIR}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/dun-demo.XXXXXX")
export PATH="$bin:$PATH" DUN_LEDGER="$work/estate.db"
# The demo office names itself as the sender (examples/dun.yaml).
export DUN_CONFIG="$here/dun.yaml"

echo "== dun-import: the example estate into $DUN_LEDGER"
cd "$here"
dun-import units.csv bills.csv bank.csv waivers.tsv events.tsv | column -t -s "$(printf '\t')"
echo
echo "== the same files again: nothing changes"
dun-import units.csv bills.csv bank.csv waivers.tsv events.tsv | column -t -s "$(printf '\t')"
echo
echo "== what the ledger holds"
sqlite3 -header -column "$DUN_LEDGER" "
SELECT (SELECT count(*) FROM units) AS units,
       (SELECT count(*) FROM charges) AS charges,
       printf('%.2f', (SELECT sum(amount) FROM charges) / 100.0) AS billed,
       (SELECT count(*) FROM payments) AS payments,
       printf('%.2f', (SELECT sum(amount) FROM payments) / 100.0) AS paid,
       (SELECT count(*) FROM events) AS events;"
echo
echo "== dun-age: who owes what on 2026-11-20 (the ten largest debts)"
dun-age -t 2026-11-20 >"$work/arrears.tsv"
awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) at[$i] = i }
    { print $at["unit"] "\t" $at["total"] "\t" $at["late_fee"] "\t" \
      $at["days_overdue"] "\t" $at["periods_unpaid"] "\t" $at["promise"] "\t" \
      $at["dispute"] "\t" $at["limitation_date"] }' "$work/arrears.tsv" |
    { IFS= read -r head; echo "$head"; sort -t "$(printf '\t')" -k2,2nr | head -10; } |
    column -t -s "$(printf '\t')"
echo "$(($(wc -l <"$work/arrears.tsv") - 1)) units owe something; every column is in $work/arrears.tsv"
echo
echo "== dun-classify: why they do not pay, and the next lawful step (the ten to work first)"
dun-classify -t 2026-11-20 "$work/arrears.tsv" >"$work/decisions.tsv"
awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) at[$i] = i; next }
    { print $at["priority"] "\t" $at["unit"] "\t" $at["class"] "\t" \
      $at["action"] "\t" $at["reason"] }' "$work/decisions.tsv" |
    sort -n | head -10 | column -t -s "$(printf '\t')"
cut -f"$(head -1 "$work/decisions.tsv" | tr '\t' '\n' | grep -n '^class$' | cut -d: -f1)" \
    "$work/decisions.tsv" | tail -n +2 | sort | uniq -c | sort -rn |
    awk '{ printf "%s %s", sep, $2 ": " $1; sep = "," } END { print "" }'
echo "every decision is in $work/decisions.tsv"
echo
echo "== dun-notice: the notices due on 2026-11-20, written into $work/notices"
dun-notice -t 2026-11-20 -a 10:00 -o "$work/notices" "$work/decisions.tsv" \
    >"$work/issued.tsv" 2>"$work/notice.log" || { cat "$work/notice.log"; exit 1; }
cat "$work/notice.log"
cut -f4 "$work/issued.tsv" | tail -n +2 | sort | uniq -c |
    awk '{ printf "%s %s", sep, $2 ": " $1; sep = "," } END { print "" }'
(cd "$work/notices" && ls -d *)
echo "the SMS batch is $work/notices/sms-20261120.csv, the letters to print"
echo "$work/notices/letters-20261120.pdf; each notice is in the register:"
sqlite3 -header -column "$DUN_LEDGER" "SELECT notice, channel, recipient,
    substr(sha256, 1, 16) AS sha256 FROM notices ORDER BY notice LIMIT 3;"
echo
echo "== dun-report: the collectors' league table for November"
dun-report -t 2026-11-20 -k collectors -f text </dev/null
echo
echo "== dun-report: the page for the office, from the night's notices"
dun-report -t 2026-11-20 -f html -g building -o "$work/report.html" \
    <"$work/issued.tsv"
echo "aging, collectors, this year's collection rates and the night's notices,"
echo "with charts, in one page that opens offline: $work/report.html"
echo
echo "== dun-import: the office's own reports (exports/), the household list over"
echo "   楼栋/单元/房号 and the arrears list with its title, 小计 and 合计 rows"
cd "$here/exports"
# An arrears list is the ledger's history from the day after its date on.
dun-import -d "$work/arrears.db" -H 2026-11-21 households.csv arrears.csv |
    column -t -s "$(printf '\t')"
echo
echo "== the receivables ledger (.xlsx, a header over two rows) and the cashier's"
echo "   receipts, a receipt over several fee lines, with the .xls household list"
dun-import -d "$work/ledger.db" households.xls ledger.xlsx receipts.csv \
    2>/dev/null | column -t -s "$(printf '\t')"
dun-import -d "$work/records.db" units.tsv charges.tsv payments.tsv \
    >/dev/null 2>&1
echo "the same estate from its records, from the arrears list and from the"
echo "ledger and receipts, on 2026-11-20:"
for db in records arrears ledger; do
	dun-age -d "$work/$db.db" -t 2026-11-20 >"$work/$db.tsv"
	awk -F'\t' -v db=$db 'NR == 1 { for (i = 1; i <= NF; i++) at[$i] = i; next }
	    { n++; s += $at["balance"]; p += $at["periods_unpaid"] }
	    END { printf "  %-8s %d units owe %.2f over %d months\n", db, n, s, p }' \
	    "$work/$db.tsv"
done
cmp -s "$work/records.tsv" "$work/ledger.tsv" &&
    echo "  dun-age from the ledger and receipts and from the records: the same, byte for byte"
echo
echo "The ledger is $DUN_LEDGER (mode 0600); remove $work when done."

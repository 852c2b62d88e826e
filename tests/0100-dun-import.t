#!/bin/sh
# dun-import: each kind, every reason to reject a row, all or nothing,
# idempotence, --replace, encodings, key=value, config errors.
. "$(dirname "$0")/lib.sh"

H="file${TAB}kind${TAB}rows${TAB}inserted${TAB}updated${TAB}unchanged${TAB}rejected${TAB}skipped"
row() { printf '%s\t' "$@" | sed 's/\t$//'; }

# ---- each kind ------------------------------------------------------
printf 'unit\testate\tbuilding\towner\tphone\tarea\toccupancy\tcollector\tdnc\n' >units.tsv
printf '3-1201\t锦绣花园\t3\t张三\t13800001234\t89.50\towner\t周敏\t\n' >>units.tsv
printf '3-1202\t锦绣花园\t3\t李四\t13900005678\t120\t出租\t周敏\tyes\n' >>units.tsv
printf '3-1203\t锦绣花园\t3\t王五\t\t\t空置\t\t否\n' >>units.tsv
check 0 "$H
$(row units.tsv unit 3 3 0 0 0 0)" "" "units" -- dun-import -d l.db units.tsv
is "$(sql l.db "SELECT unit, owner, area, occupancy, dnc FROM units ORDER BY unit")" \
"3-1201|张三|8950|owner|0
3-1202|李四|12000|tenant|1
3-1203|王五||vacant|0" "units are in the ledger, typed"
ls -l l.db | cut -c1-10 >mode
is "$(cat mode)" "-rw-------" "the ledger is created with mode 0600"

printf '房号,收费项目,所属期间,应收日期,应收金额\r\n' >bills.csv
printf '3-1201,物业费,2026-10,2026/10/31,"1,200.50"\r\n' >>bills.csv
printf '3-1201,水费,202610,2026年11月15日,¥88\r\n' >>bills.csv
printf '3-1202,management,2026/10,20261031,46326\r\n' >>bills.csv
check 0 "$H
$(row bills.csv charge 3 3 0 0 0 0)" "" "charges with Chinese headers" -- \
    dun-import -d l.db bills.csv
is "$(sql l.db "SELECT u.unit, fee, period, date(due * 86400, 'unixepoch'), amount FROM charges c JOIN units u ON u.id = c.unit_id ORDER BY 1, 2")" \
"3-1201|management|202610|2026-10-31|120050
3-1201|water|202610|2026-11-15|8800
3-1202|management|202610|2026-10-31|4632600" "charges: fee aliases, every date and amount form"

printf 'ref\tunit\tdate\tamount\tfee\tperiod\tmethod\n' >pay.tsv
printf 'B1\t3-1201\t2026-11-02\t1200.50\tmanagement\t2026-10\twechat\n' >>pay.tsv
printf 'B2\t3-1202\t2026/11/3\t$100\t\t\t\n' >>pay.tsv
check 0 "$H
$(row pay.tsv payment 2 2 0 0 0 0)" "" "payments" -- dun-import -d l.db pay.tsv

printf 'ref\tunit\tdate\tamount\tfee\treason\n' >adj.tsv
printf 'W1\t3-1201\t2026-11-05\t20.00\tlate\t维修期间减免\n' >>adj.tsv
printf 'W2\t3-1202\t2026-11-05\t(5.00)\t\t更正\n' >>adj.tsv
check 0 "$H
$(row adj.tsv adjustment 2 2 0 0 0 0)" "" "adjustments" -- dun-import -d l.db adj.tsv
is "$(sql l.db "SELECT ref, amount, fee, reason FROM adjustments ORDER BY ref")" \
"W1|2000|late|维修期间减免
W2|-500||更正" "adjustments: a late-fee waiver and a correction upward"

printf 'unit\tdate\ttype\tdue\tamount\tref\tnote\n' >ev.tsv
printf '3-1201\t2026-11-10\tpromise\t2026-11-30\t500\t\t电话承诺\n' >>ev.tsv
printf '3-1202\t2026-11-11\tdispute\t\t\tR-1182\t屋顶漏水\n' >>ev.tsv
printf '3-1203\t2026-11-12\tcontact\t\t\t\t无人接听\n' >>ev.tsv
check 0 "$H
$(row ev.tsv event 3 3 0 0 0 0)" "" "events" -- dun-import -d l.db ev.tsv
is "$(sql l.db "SELECT count(*) FROM imports")" 5 "one imports row a file"
is "$(sql l.db "SELECT file, kind, rows, sha256 = '$(sha256sum ev.tsv | cut -d' ' -f1)' FROM imports WHERE id = 5")" \
    "ev.tsv|event|3|1" "the imports row holds the file's SHA-256"
is "$(sql l.db "PRAGMA foreign_key_check"; sql l.db "PRAGMA integrity_check")" ok \
    "every reference holds and the ledger is sound"

# ---- the same files again change nothing ------------------------------
before=$(dump_sum l.db)
check 0 "$H
$(row units.tsv unit 3 0 0 3 0 1)
$(row bills.csv charge 3 0 0 3 0 1)
$(row pay.tsv payment 2 0 0 2 0 1)
$(row adj.tsv adjustment 2 0 0 2 0 1)
$(row ev.tsv event 3 0 0 3 0 1)" "" "all again: each loaded whole before, passed over" -- \
    dun-import -d l.db units.tsv bills.csv pay.tsv adj.tsv ev.tsv
is "$(dump_sum l.db)" "$before" "the ledger is byte for byte the same"
check 0 "$H
$(row units.tsv unit 3 0 0 3 0 0)
$(row bills.csv charge 3 0 0 3 0 0)
$(row pay.tsv payment 2 0 0 2 0 0)
$(row adj.tsv adjustment 2 0 0 2 0 0)
$(row ev.tsv event 3 0 0 3 0 0)" "" "all again, read with --replace: all unchanged" -- \
    dun-import -r -d l.db units.tsv bills.csv pay.tsv adj.tsv ev.tsv
is "$(dump_sum l.db)" "$before" "  the ledger is byte for byte the same"

# ---- every reason to reject a row --------------------------------------
printf 'unit\tfee\tperiod\tdue\tamount\n' >bad.tsv
printf '3-1201\tmanagement\t2026-11\t2026-11-30\t12a\n' >>bad.tsv
printf '3-1201\tmanagement\t2026-12\t2026-12-31\t1.234\n' >>bad.tsv
printf '3-1201\tmanagement\t2027-01\t2027-01-31\t\n' >>bad.tsv
printf '3-1201\tmanagement\t2027-02\t2027-02-30\t10\n' >>bad.tsv
printf '3-1201\tmanagement\t2027-13\t2027-03-31\t10\n' >>bad.tsv
printf '3-1201\tgas\t2027-04\t2027-04-30\t10\n' >>bad.tsv
printf '9-9999\tmanagement\t2027-05\t2027-05-31\t10\n' >>bad.tsv
printf '3-1201\tmanagement\t2027-06\t2027-06-30\t-10\n' >>bad.tsv
printf '3-1201\tmanagement\t2026-10\t2026-10-31\t1300.00\n' >>bad.tsv
printf '3-1201\tmanagement\t2026-10\t2026-11-30\t1200.50\n' >>bad.tsv
printf '3-1201\tmanagement\t2027-07\n' >>bad.tsv
printf '3-1201\tmanagement\t2027-08\t2027-08-31\t99999999999999999999\n' >>bad.tsv
printf '3-1201\tmanagement\t2027-09\t2027-09-30\t1.2.3\n' >>bad.tsv
printf '\tmanagement\t2027-10\t2027-10-31\t1\n' >>bad.tsv
printf '3-1201\tparking\t2027-11\t2027-11-30\t300\n' >>bad.tsv
before=$(dump_sum l.db)
check 1 "" 'dun-import: bad.tsv:2: amount: "12a" is not an amount
dun-import: bad.tsv:3: amount: "1.234" has more than two decimal places
dun-import: bad.tsv:4: amount: is empty
dun-import: bad.tsv:5: due: "2027-02-30" is not a date: February 2027 has 28 days
dun-import: bad.tsv:6: period: "2027-13" has month 13: months are 1 to 12
dun-import: bad.tsv:8: unit: no unit "9-9999" in the ledger (import the household list first, or use --create-units)
dun-import: bad.tsv:9: amount: a charge cannot be negative (record a credit as an adjustment)
dun-import: bad.tsv:10: amount: charge 3-1201 management 2026-10 is 1200.50 in the ledger, 1300.00 here (--replace changes it; a second bill of the same fee and month needs a bill number column)
dun-import: bad.tsv:11: due: charge 3-1201 management 2026-10 is due 2026-10-31 in the ledger, 2026-11-30 here (--replace changes it)
dun-import: bad.tsv:12: has 3 fields, the header has 5
dun-import: bad.tsv:13: amount: "99999999999999999999" is too large
dun-import: bad.tsv:14: amount: "1.2.3" is not an amount
dun-import: bad.tsv:15: unit: is empty
dun-import: 13 bad rows: nothing was imported (--skip-bad loads the good ones)' \
    "every bad charge row is reported" -- dun-import -d l.db bad.tsv
is "$(dump_sum l.db)" "$before" "after a failed run the ledger is as it was"

printf 'ref\tunit\tdate\tamount\tfee\tperiod\tmethod\n' >badpay.tsv
printf 'B1\t3-1201\t2026-11-02\t1200.00\tmanagement\t2026-10\twechat\n' >>badpay.tsv
printf 'B3\t3-1201\t2026-11-02\t0\t\t\t\n' >>badpay.tsv
printf 'B4\t3-1201\t2026-11-31\t5\t\t\t\n' >>badpay.tsv
printf '\t3-1201\t2026-11-02\t5\t\t\t\n' >>badpay.tsv
printf 'B5\t3-1201\t2026-11-02\t5\tlate\t202613\t\n' >>badpay.tsv
printf 'B6\t3-1201\t2026-11-02\t5\t\t\t\n' >>badpay.tsv
printf 'B6\t3-1201\t2026-11-03\t5\t\t\t\n' >>badpay.tsv
check 1 "" 'dun-import: badpay.tsv:2: ref: payment B1 is 3-1201 2026-11-02 1200.50 in the ledger, here 3-1201 2026-11-02 1200.00 (--replace changes it)
dun-import: badpay.tsv:3: amount: a payment must be above 0 (record a refund as an adjustment)
dun-import: badpay.tsv:4: date: "2026-11-31" is not a date: November 2026 has 30 days
dun-import: badpay.tsv:5: ref: is empty
dun-import: badpay.tsv:6: period: "202613" has month 13: months are 1 to 12
dun-import: badpay.tsv:8: ref: payment B6 is 3-1201 2026-11-02 5.00 in the rows above, here 3-1201 2026-11-03 5.00 (--replace changes it)
dun-import: 6 bad rows: nothing was imported (--skip-bad loads the good ones)' \
    "every bad payment row is reported" -- dun-import -d l.db badpay.tsv

printf 'unit\tdate\ttype\tdue\tamount\tref\tnote\n' >badev.tsv
printf '3-1201\t2026-11-10\tpromised\t\t\t\t\n' >>badev.tsv
printf '3-1201\t2026-11-10\tpromise\t\t500\t\t\n' >>badev.tsv
printf '3-1201\t2026-11-10\tpromise\t2026-11-30\t\t\t\n' >>badev.tsv
printf '3-1201\t2026-11-10\tdispute\t\t\t\t\n' >>badev.tsv
printf '3-1201\t2026-11-10\tcontact\t\t\t\t\n' >>badev.tsv
printf '3-1201\t2026-11-10\thardship\t\t\t\t\n' >>badev.tsv
printf '3-1201\t2026-11-10\tpromise\t2026-11-01\t500\t\t\n' >>badev.tsv
printf '3-1201\t2026-11-10\tserved\t\t\t\t\n' >>badev.tsv
check 1 "" 'dun-import: badev.tsv:2: type: "promised" is not an event type (promise, dispute, resolved, hardship, plan, contact, served, ack, dnc, contact-ok)
dun-import: badev.tsv:3: due: a promise needs a due date
dun-import: badev.tsv:4: amount: a promise needs an amount
dun-import: badev.tsv:5: ref: a dispute needs a ref (the ticket)
dun-import: badev.tsv:6: note: a contact needs a note of its outcome
dun-import: badev.tsv:7: due: a hardship needs the date it lasts until, in due
dun-import: badev.tsv:8: due: is before the event'"'"'s date
dun-import: badev.tsv:9: ref: a served needs a ref (the notice served)
dun-import: 8 bad rows: nothing was imported (--skip-bad loads the good ones)' \
    "every bad event row is reported" -- dun-import -d l.db badev.tsv

printf 'unit\toccupancy\tarea\tdnc\n3-1201\t借住\t\t\n3-1202\t\t-5\t\n3-1203\t\t\tmaybe\n' >badunits.tsv
check 1 "" 'dun-import: badunits.tsv:2: occupancy: "借住" is not owner, tenant or vacant (nor an alias of one in the config)
dun-import: badunits.tsv:3: area: "-5" is not an area in square metres
dun-import: badunits.tsv:4: dnc: "maybe" is not yes or no
dun-import: 3 bad rows: nothing was imported (--skip-bad loads the good ones)' \
    "every bad unit row is reported" -- dun-import -d l.db badunits.tsv
is "$(dump_sum l.db)" "$before" "after all the failed runs the ledger is as it was"

printf 'unit\tamount\tdate\n3-1201\t5\t2026-11-01\n' >what.tsv
check 1 "" "dun-import: what.tsv:1: cannot tell what its rows are from the header; say -k unit, charge, payment, adjustment, event or reversal
dun-import: nothing was imported" \
    "a header that names no kind" -- dun-import -d l.db what.tsv
check 1 "" "dun-import: what.tsv:1: a payment needs a column, which the header lacks: ref (收据号, 收据编号) (if the file names it otherwise, add that name to import.aliases in dun.yaml)
dun-import: nothing was imported" \
    "a kind whose columns are missing" -- dun-import -d l.db -k payment what.tsv
printf '房号,业主,业主姓名\n1,a,b\n' >twice.csv
check 1 "" 'dun-import: twice.csv:1: 业主姓名: this column and "业主" both stand for owner (rename or delete one of them)
dun-import: nothing was imported' \
    "two headers for one column" -- dun-import -d l.db twice.csv

# ---- --skip-bad, -n, --create-units -------------------------------------
printf 'unit\tfee\tperiod\tdue\tamount\n3-1202\tparking\t2026-10\t2026-10-31\t300\n3-1202\tparking\t2026-11\t2026-11-31\t300\n' >some.tsv
check 1 "$H
$(row some.tsv charge 2 1 0 0 1 0)" 'dun-import: some.tsv:3: due: "2026-11-31" is not a date: November 2026 has 30 days' \
    "--skip-bad loads the good rows, reports the bad" -- dun-import -d l.db --skip-bad some.tsv
is "$(sql l.db "SELECT count(*) FROM charges WHERE fee = 'parking'")" 1 "  and the good row is in"

printf 'unit\tfee\tperiod\tdue\tamount\n5-0101\tparking\t2026-10\t2026-10-31\t300\n5-0102\tparking\t2026-10\t2026-10-31\t300\n' >new.tsv
before=$(dump_sum l.db)
check 0 "$H
$(row new.tsv charge 2 2 0 0 0 0)" "dun-import: would create 2 units that the ledger did not have" \
    "-n says what would happen" -- dun-import -n -u -d l.db new.tsv
is "$(dump_sum l.db)" "$before" "  and changes nothing"
check 0 "$H
$(row new.tsv charge 2 2 0 0 0 0)" "dun-import: would create 2 units that the ledger did not have" \
    "-n with no ledger" -- dun-import -n -u -d none.db new.tsv
ok "$(test ! -e none.db; echo $?)" "  creates none"
check 0 "$H
$(row new.tsv charge 2 2 0 0 0 0)" "dun-import: created 2 units that the ledger did not have" \
    "--create-units" -- dun-import --create-units -d l.db new.tsv

# ---- --replace ----------------------------------------------------------
printf 'unit\tfee\tperiod\tdue\tamount\n3-1201\tmanagement\t2026-10\t2026-10-31\t1300.00\n' >fix.tsv
check 0 "$H
$(row fix.tsv charge 1 0 1 0 0 0)" "" "--replace changes recorded money" -- \
    dun-import -d l.db --replace fix.tsv
is "$(sql l.db "SELECT kind, key, old, new FROM revisions")" \
    "charge|3-1201 management 2026-10|due 2026-10-31 amount 1200.50|due 2026-10-31 amount 1300.00" \
    "  and keeps what it replaced"

# ---- encodings ------------------------------------------------------------
printf '房号,业主姓名,联系电话\r\n6-0101,张三,13800000001\r\n' | iconv -f UTF-8 -t GBK >gbk.csv
check 0 "$H
$(row gbk.csv unit 1 1 0 0 0 0)" "" "GBK is detected" -- dun-import -d l.db gbk.csv
is "$(sql l.db "SELECT owner FROM units WHERE unit = '6-0101'")" 张三 "  and read as UTF-8"
printf '房号,业主姓名\r\n6-0102,李四\r\n' | iconv -f UTF-8 -t GB18030 >named.csv
check 0 "$H
$(row named.csv unit 1 1 0 0 0 0)" "" "--encoding gb18030" -- dun-import -d l.db --encoding gb18030 named.csv
printf '\357\273\277unit,owner\r\n6-0103,王五\r\n' >bom.csv
check 0 "$H
$(row bom.csv unit 1 1 0 0 0 0)" "" "a UTF-8 BOM and CRLF" -- dun-import -d l.db bom.csv
is "$(sql l.db "SELECT owner FROM units WHERE unit = '6-0103'")" 王五 "  read right"
printf 'unit,owner\n6-0104,\377\n' >junk.csv
check 1 "" "dun-import: junk.csv:2: is not valid UTF-8 (if the file is GBK, say --encoding gbk)" \
    "invalid text is an error naming its line" -- dun-import -d l.db --encoding utf-8 junk.csv
check 2 "" 'dun-import: junk.csv: unknown encoding "klingon"' \
    "an unknown encoding" -- dun-import -d l.db --encoding klingon junk.csv

# ---- key=value --------------------------------------------------------------
check 0 "$H
$(row 'command line' event 1 1 0 0 0 0)" "" "one event typed at the terminal" -- \
    dun-import -d l.db -k event unit=3-1201 date=2026-11-22 type=promise due=2026-12-05 amount=1200
is "$(sql l.db "SELECT type, date(due * 86400, 'unixepoch'), amount FROM events WHERE date = 20779")" \
    "promise|2026-12-05|120000" "  is in the ledger"
check 1 "" 'dun-import: command line:1: amount: "12x" is not an amount
dun-import: 1 bad row: nothing was imported (--skip-bad loads the good ones)' \
    "a bad value typed at the terminal" -- \
    dun-import -d l.db -k event unit=3-1201 date=2026-11-22 type=promise due=2026-12-05 amount=12x

# ---- config, usage, system errors ------------------------------------------
printf 'fees:\n  water:\n    late_fee:\n      method: weekly\n' >bad.yaml
check 2 "" 'dun-import: bad.yaml:4:15: fees.water.late_fee.method: "weekly" is not one of none, daily, monthly or flat' \
    "a config error names its line and column" -- dun-import -d l.db -c bad.yaml units.tsv
DUN_CONFIG=bad.yaml run dun-import -d l.db units.tsv
is_rc 2 "\$DUN_CONFIG is read"
printf 'ladder:\n  - name: x\n    channel: cut-power\n' >cut.yaml
run dun-import -c cut.yaml --print-config
is_rc 2 "a ladder stage that cuts power"
is_err 'dun-import: cut.yaml:3:14: ladder[0].channel: "cut-power": cutting water, power, gas, heating or other services to force payment is forbidden (Civil Code art. 944); dun has no such step' "it is refused"
printf 'company:\n  name: 甲物业\n' >my.yaml
run dun-import -c my.yaml --print-config
is_rc 0 "--print-config"
ok "$(grep -q '^  name: 甲物业$' out; echo $?)" "  shows the user's value"
ok "$(grep -q '^  management:$' out; echo $?)" "  over the default"
run dun-import
is_rc 2 "no file is a usage error"
is "$(head -1 err)" "usage: dun-import [-nrsu] [-c conf] [-d db] [-e encoding] [-H date] [-k kind] [-S sheet] file ..." "  and shows the usage"
check 2 "" "dun-import: -k bills: not unit, charge, payment, adjustment, event or reversal" \
    "an unknown kind" -- dun-import -k bills x.tsv
check 3 "" "dun-import: missing.tsv: No such file or directory" \
    "a file that is not there" -- dun-import -d l.db missing.tsv
mkdir ro && chmod 500 ro
if [ "$(id -u)" -ne 0 ]; then
	run dun-import -d ro/l.db units.tsv
	is_rc 3 "a ledger that cannot be created"
fi
DUN_DB=l.db run dun-import units.tsv
is_rc 0 "\$DUN_DB names the ledger"
is "$(sql l.db "PRAGMA journal_mode; PRAGMA foreign_key_check; PRAGMA integrity_check")" "wal
ok" "the ledger is in WAL mode, every reference holds"
done_testing

#!/bin/sh
# The night's work exactly as dun(7) prints it for cron: the month's files
# loaded, every unit aged, classed and noticed, the page written; and the
# reminder a week before a bill is due goes out with it.
. "$(dirname "$0")/lib.sh"

# The cron line's command, as the man page has it: from "cd /srv/dun"
# to its end, the backslashes of the page made the shell's.
sed -n '/^30 1 \* \* \* cd \/srv\/dun/,/^\.Ed/p' "$top/man/dun.7" |
    sed '$d; s/^30 1 \* \* \* //; s/\\e$/\\/' >cron.sh
ok "$(test -s cron.sh; echo $?)" "dun(7) has the cron line"
grep -q 'dun-age -d estate.db' cron.sh
ok $? "  and it ages from the ledger, without -a"

mkdir -p srv/in srv/out srv/log
sed -i "s|cd /srv/dun|cd $tmp/srv|" cron.sh
printf 'company:\n  name: 锦绣物业服务有限公司\n  address: 深圳市南山区锦绣路8号\n  phone: 0755-88886666\n  bank: 招商银行深圳分行\n  account: 7559 0000 1234 5678\n' >srv/dun.yaml
printf '房号,业主姓名,联系电话\n1-0101,张三,13800000101\n1-0102,李四,13800000102\n1-0103,王五,13800000103\n' >srv/in/units.csv
# 1-0101's bill is due in five days; 1-0102's was due 56 days ago;
# 1-0103's is due in a month.
printf '房号,收费项目,所属期间,应收日期,应收金额\n' >srv/in/bills.csv
printf '1-0101,物业费,2026-11,2026-11-30,300.00\n' >>srv/in/bills.csv
printf '1-0102,物业费,2026-09,2026-09-30,300.00\n' >>srv/in/bills.csv
printf '1-0103,物业费,2026-12,2026-12-31,300.00\n' >>srv/in/bills.csv

DUN_TODAY=2026-11-25 sh cron.sh
ok $? "the night's work runs"
is "$(cut -f1,39-40 srv/out/decisions.tsv)" "unit${TAB}class${TAB}stage
1-0101${TAB}forgetful${TAB}reminder
1-0102${TAB}forgetful${TAB}reminder" \
    "  each unit with a step due is decided: 1-0101's bill is due within the reminder's week"
sms=srv/out/notices/sms-20261125.csv
ok "$(test -f $sms; echo $?)" "  the SMS batch is written"
is "$(tail -n +2 $sms | cut -d, -f1 | sort)" "13800000101
13800000102" "  the reminder a week before the due date goes out, with the overdue one's"
is "$(sqlite3 srv/estate.db "SELECT u.unit, stage FROM notices n JOIN units u ON u.id = n.unit_id ORDER BY 1")" \
"1-0101|reminder
1-0102|reminder" "  and both are in the register"
ok "$(test -s srv/out/report.html; echo $?)" "  and the page is written"
is "$(cat srv/log/age.err srv/log/classify.err srv/log/notice.err)" \
    "$(age_note 2029)
dun-notice: 2 notices issued in out/notices" \
    "  with nothing else on the logs but that 2029's holidays are not known"

done_testing

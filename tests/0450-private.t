#!/bin/sh
# What dun writes holds names, phones and debts: every file it creates is
# 0600 and every directory 0700, whatever the umask it runs under; the
# folders an office made itself keep their own modes.
. "$(dirname "$0")/lib.sh"

mkdir srv
printf 'company:\n  name: 锦绣物业服务有限公司\n  address: 深圳市南山区锦绣路8号\n  phone: 0755-88886666\n  bank: 招商银行深圳分行\n  account: 7559 0000 1234 5678\n' >srv/dun.yaml
printf '房号,业主姓名,联系电话\n1-0101,张三,13800000101\n1-0102,李四,13800000102\n' >srv/units.csv
printf '房号,收费项目,所属期间,应收日期,应收金额\n1-0101,物业费,2026-05,2026-05-31,300.00\n1-0102,物业费,2026-09,2026-09-30,300.00\n' >srv/bills.csv
cd srv || exit 3
export DUN_TODAY=2026-11-25

for mask in 000 022 077; do
	rm -rf estate.db out rep.* evidence* && mkdir out
	chmod 0755 out
	(
		umask $mask
		dun-import -c dun.yaml -d estate.db -k unit units.csv >/dev/null &&
		dun-import -c dun.yaml -d estate.db -k charge bills.csv >/dev/null &&
		dun-age -c dun.yaml -d estate.db | dun-classify -c dun.yaml |
		    dun-notice -c dun.yaml -d estate.db -o out/notices >/dev/null &&
		dun-report -c dun.yaml -d estate.db -f html -o out/rep.html &&
		dun-report -c dun.yaml -d estate.db -k rates -f xlsx -o out/rep.xlsx &&
		dun-report -c dun.yaml -d estate.db -u 1-0101 -o out/evidence.tsv
	) 2>err
	ok $? "umask $mask: the night's work runs"
	is "$(find out estate.db -newer dun.yaml -type f ! -perm 0600 | sort)" "" \
	    "  every file it made is 0600"
	find out/notices -name 'sms-*.csv' | grep -q .
	ok $? "  (among them the SMS batch)"
	is "$(find out/notices -type d ! -perm 0700 | sort)" "" \
	    "  every directory it made is 0700"
	is "$(stat -c %a out)" 755 "  a folder the office made keeps its mode"
done

# A test that checks modes must be able to fail: a file made outside dun.
(umask 000; : >out/notices/other)
is "$(find out/notices -type f ! -perm 0600)" out/notices/other \
    "a file dun did not make is seen"

done_testing

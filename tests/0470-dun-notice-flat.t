#!/bin/sh
# dun-notice renders, checks and writes each notice as its record is
# taken, and keeps of it only what the register needs, in a temporary
# file: a run with one letter in flight (DUN_INFLIGHT=1) writes the same
# output, the same files and the same register as one with the default,
# and as one thread.  Call lists and visit routes come out by collector,
# priority and record, whatever order the records came in; two
# collectors whose names make one file name get a file each; a letter
# refused by the press is not recorded, nor are the notices after it
# moved.
. "$(dirname "$0")/lib.sh"

# 60 units, four collectors (by sixes), two of them A/B and A_B (one file
# name).
awk 'BEGIN {
	print "unit\testate\tbuilding\towner\tphone\temail\tcollector"
	split("王五 周敏 A/B A_B", who, " ")
	for (i = 1; i <= 60; i++)
		printf "U%02d\t示例花园\t%d栋\t业主%d\t138%08d\t%s\t%s\n", i,
		    i % 4 + 1, i, i, i % 6 == 5 ? "u" i "@example.com" : "",
		    who[int(i / 6) % 4 + 1]
}' >units.tsv
awk 'BEGIN {
	print "unit\tfee\tperiod\tdue\tamount"
	for (i = 1; i <= 60; i++)
		for (m = 7; m <= 9; m++)
			printf "U%02d\tmanagement\t2026-%02d\t2026-%02d-28\t%d.00\n",
			    i, m, m, 100 + i
}' >charges.tsv
dun-import -d base.db units.tsv charges.tsv >/dev/null 2>&1
ok $? "the ledger is loaded"

# By the unit's number: demand letters (20, one with no amount to state,
# refused), SMS, calls, visits, e-mails; priorities out of order.
awk 'BEGIN {
	print "unit\towner\ttotal\tlate_fee\tdays_overdue\tperiods_unpaid\t" \
	    "class\tstage\tchannel\tdue_on\taction\tpriority\treason\t" \
	    "episode_start"
	for (i = 1; i <= 60; i++) {
		k = i % 6
		s = k < 2 ? "demand" : k == 2 || k == 5 ? "reminder" : \
		    k == 3 ? "call" : "visit"
		c = k < 2 ? "letter" : k == 2 ? "sms" : k == 3 ? "phone" : \
		    k == 4 ? "visit" : "email"
		f = "U%02d\t\t%s\t0.00\t55\t3\tforgetful\t%s\t%s\t"
		f = f "2026-11-24\tsend\t%d\twhy\t2026-07-28\n"
		printf f, i, i == 7 ? "" : sprintf("%d.00", 3 * (100 + i)), \
		    s, c, (i * 7) % 5
	}
}' >cl.tsv

for k in default one threads1; do
	mkdir $k
	cp base.db $k/l.db
	case $k in
	one)		env=DUN_INFLIGHT=1 ;;
	threads1)	env=DUN_THREADS=1 ;;
	*)		env=DUN_NOTHING=1 ;;
	esac
	(cd $k && env $env dun-notice -c ../dun.yaml -b -d l.db -o nt -t 2026-11-24 \
	    -a 10:00 ../cl.tsv >out.tsv 2>err; echo $? >rc)
	(cd $k && find nt -type f | sort | xargs sha256sum) >$k.files
	sql $k/l.db "SELECT id, notice, unit_id, stage, channel, episode,
	    date, recipient, file, sha256, reason, class, status FROM notices
	    ORDER BY id" >$k.register
done
is "$(cat default/rc)" 1 "a letter is refused (exit 1)"
grep -q 'U07: the demand letter: it has no amount owed to state' default/err
ok $? "  said"
is "$(($(wc -l <default/out.tsv) - 1))" 59 "the 59 others are issued"
is "$(grep -c . default.register)" 59 "  and recorded"
is "$(sql default/l.db "SELECT group_concat(notice, ' ') FROM
    (SELECT notice FROM notices ORDER BY id)")" \
    "$(awk -F'\t' 'NR > 1 { printf "%s%s", (NR > 2 ? " " : ""), $1 }' \
    default/out.tsv)" "  in the order of the output"
is "$(ls default/nt | grep -c '^calls-.*tsv$')" 4 "a call list a collector"
ls default/nt/calls-20261124-A_B.tsv default/nt/calls-20261124-A_B-2.tsv \
    >/dev/null 2>&1
ok $? "  A/B's and A_B's files apart"
# A/B's calls (A_B, before A_B's), A_B's, 王五's: by priority.
is "$(cut -f1,2 default/nt/calls-20261124-A_B.tsv | tr '\t\n' ': ')" \
    "priority:unit 0:U15 3:U39 " "  A/B's, by priority"
is "$(cut -f1,2 default/nt/calls-20261124-A_B-2.tsv | tr '\t\n' ': ')" \
    "priority:unit 0:U45 2:U21 " "  A_B's"
is "$(cut -f1,2 default/nt/calls-20261124-王五.tsv | tr '\t\n' ': ')" \
    "priority:unit 1:U03 2:U51 4:U27 " "  王五's"
is "$(sql default/l.db "SELECT file FROM notices WHERE
    notice = '20261124-U21-call'")" nt/calls-20261124-A_B-2.tsv \
    "  and each call's notice records its list"
for k in one threads1; do
	is "$(sed "s/$k/default/g" $k.files)" "$(cat default.files)" \
	    "$k: the same files"
	cmp -s default/out.tsv $k/out.tsv
	ok $? "  the same output"
	cmp -s default.register $k.register
	ok $? "  the same register"
	is "$(cat $k/rc)" 1 "  the same exit"
done
grep -q '^dun-notice: 59 notices issued in nt$' one/err
ok $? "one letter in flight: 59 notices issued"

done_testing

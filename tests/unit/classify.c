/* Classing and the ladder (lib/classify/classify.c): the first class
 * whose rule holds, the next stage and when it is due, what passes a
 * stage over or holds the ladder, the limitation guard, and the reason in
 * words.  The records are dun-age's columns, written to a file and read
 * back by the record reader, as dun-classify reads them. */
#include <stdlib.h>

#include "dun.h"
#include "tap.h"
#include "unit.h"

/* Contact rules that move nothing (no quiet day, no least gap), so that
 * what a test sees is the ladder's; the last test puts them back. */
static const char yaml[] =
    "classes:\n"
    "  - name: dispute\n"
    "    when: dispute != \"\"\n"
    "    hold: true\n"
    "    action: service-desk\n"
    "  - name: promised\n"
    "    when: promise == \"open\"\n"
    "    hold: true\n"
    "  - name: hardship\n"
    "    when: hardship_until >= today\n"
    "    action: offer-plan\n"
    "  - name: big\n"
    "    when: balance >= 5000\n"
    "    max_stage: overdue\n"
    "  - name: vacant\n"
    "    when: occupancy == \"vacant\"\n"
    "    avoid: [sms]\n"
    "  - name: tenant\n"
    "    when: occupancy == \"tenant\"\n"
    "    copy_owner: true\n"
    "  - name: any\n"
    "    when: \"true\"\n"
    "ladder:\n"
    "  - {name: reminder, channel: sms, days: 0}\n"
    "  - {name: overdue, channel: sms, days: 30, gap_days: 10,"
    " min_balance: 50.00}\n"
    "  - {name: demand, channel: letter, days: 60, gap_days: 14,"
    " written_demand: true}\n"
    "  - {name: mail, channel: email, days: 80}\n"
    "  - {name: lawyer, channel: legal, days: 120, gap_days: 20,"
    " min_balance: 500.00, requires: [mail], requires_served: [demand]}\n"
    "contact:\n"
    "  quiet_dates: []\n"
    "  quiet_yearly: []\n"
    "  quiet_lunar: []\n"
    "  quiet_weekdays: []\n"
    "  quiet_holidays: false\n"
    "  min_gap_days: 0\n"
    "limitation:\n"
    "  warn_days: 90\n";

static const char head[] = "unit\tbalance\tdays_overdue\tepisode_start\t"
    "last_stage\tlast_stage_date\tdemand_served\tlimitation_date\t"
    "days_to_limitation\tdnc\tdispute\tpromise\tpromise_due\t"
    "hardship_until\tbroken_promises\texpected_recovery\toccupancy\n";

/* A record of the columns above, TABs between them, and what is
 * expected of it. */
struct tcase {
	const char *row, *want, *desc;
};

/* The case's columns, left to right: unit balance days episode last
 * last_date served limit to_limit dnc dispute promise promise_due
 * hardship broken worth occupancy. */
static const struct tcase cases[] = {
	{ "u1\t100.00\t20\t2026-10-31\t\t\t\t2029-10-31\t1076\t\t\t\t\t\t0\t"
	  "95.00\towner",
	  "any reminder sms send 2026-11-20: 20 days overdue: stage reminder "
	  "(sms) due today",
	  "the first stage, due today" },
	{ "u2\t100.00\t50\t2026-10-01\treminder\t2026-11-15\t\t2029-10-01\t"
	  "1046\t\t\t\t\t\t0\t95.00\towner",
	  "any overdue sms wait 2026-11-25: 50 days overdue: stage overdue "
	  "(sms) due 2026-11-25",
	  "the next stage waits for its gap after the last (10 days)" },
	{ "u3\t100.00\t70\t2026-10-01\treminder\t2026-10-02\t\t2029-10-01\t"
	  "1046\t\t\t\t\t\t0\t95.00\towner",
	  "any overdue sms send 2026-11-20: 70 days overdue: stage overdue "
	  "(sms) due today",
	  "  and goes once the gap and its days have passed" },
	{ "u4\t100.00\t10\t2026-11-10\treminder\t2026-11-10\t\t2029-11-10\t"
	  "1086\t\t\t\t\t\t0\t95.00\towner",
	  "any overdue sms wait 2026-12-10: 10 days overdue: stage overdue "
	  "(sms) due 2026-12-10",
	  "the next stage waits for its days overdue (30)" },
	{ "u5\t20.00\t70\t2026-09-01\treminder\t2026-09-01\t\t2029-09-01\t"
	  "1016\t\t\t\t\t\t0\t19.00\towner",
	  "any overdue sms wait none: 70 days overdue: stage overdue needs "
	  "a balance of 50.00: waits",
	  "min_balance: a stage waits for its balance" },
	{ "u6\t9000.00\t70\t2026-09-01\treminder\t2026-09-01\t\t2029-09-01\t"
	  "1016\t\tT-9\t\t\t\t0\t8000.00\towner",
	  "dispute overdue sms service-desk none: 70 days overdue, ticket T-9 "
	  "open: ladder held, routed to the service desk",
	  "the first class that holds wins (dispute before big); it holds "
	  "the ladder at its next stage" },
	{ "u7\t100.00\t70\t2026-09-01\treminder\t2026-09-01\t\t2029-09-01\t"
	  "1016\t\t\topen\t2026-11-25\t\t1\t95.00\towner",
	  "promised overdue sms hold 2026-11-29: broke 1 promise, 70 days "
	  "overdue, "
	  "promised to pay by 2026-11-25: ladder held until 2026-11-29",
	  "an open promise holds the ladder until its date and the grace" },
	{ "u8\t100.00\t70\t2026-09-01\treminder\t2026-09-01\t\t2029-09-01\t"
	  "1016\t\t\t\t\t2027-01-31\t0\t95.00\towner",
	  "hardship overdue sms offer-plan 2026-11-20: 70 days overdue, in "
	  "hardship until 2027-01-31: offer a plan; stage overdue (sms) due "
	  "today",
	  "a class's action: offer a plan" },
	{ "u9\t9000.00\t70\t2026-09-01\toverdue\t2026-10-01\t\t2029-09-01\t"
	  "1016\t\t\t\t\t\t0\t8000.00\towner",
	  "big demand letter review none: 70 days overdue: class big goes no "
	  "further than stage overdue: review",
	  "max_stage: beyond it, review" },
	{ "u10\t100.00\t70\t2026-09-01\t\t\t\t2029-09-01\t1016\t\t\t\t\t\t0\t"
	  "95.00\tvacant",
	  "vacant demand letter send 2026-11-20: 70 days overdue: stage "
	  "demand (letter) due today",
	  "a class avoiding SMS passes both SMS stages over" },
	{ "u11\t100.00\t60\t2026-09-21\treminder\t2026-10-01\t\t2029-09-21\t"
	  "1036\tyes\t\t\t\t\t0\t95.00\towner",
	  "any demand letter send 2026-11-20: 60 days overdue, not to be "
	  "contacted: stage demand (letter) due today",
	  "do-not-contact passes over the SMS stage, not the letter" },
	{ "u12\t100.00\t100\t2026-08-01\tdemand\t2026-10-01\t2026-10-05\t"
	  "2029-10-05\t1050\tyes\t\t\t\t\t0\t95.00\towner",
	  "any lawyer legal wait none: 100 days overdue, not to be contacted: "
	  "stage lawyer needs a balance of 500.00: waits",
	  "  and the e-mail: the lawyer's letter is next" },
	{ "u13\t1000.00\t140\t2026-07-01\tmail\t2026-10-01\t\t2029-07-01\t"
	  "954\t\t\t\t\t\t0\t500.00\towner",
	  "any lawyer legal wait none: 140 days overdue: stage lawyer waits "
	  "until the demand is served",
	  "requires_served: the demand not served" },
	{ "u14\t1000.00\t140\t2026-07-01\tmail\t2026-10-01\t2026-08-20\t"
	  "2029-08-20\t1004\t\t\t\t\t\t0\t500.00\towner",
	  "any lawyer legal send 2026-11-20: 140 days overdue: stage lawyer "
	  "(legal) due today",
	  "  and served" },
	{ "u15\t1000.00\t140\t2026-07-01\tdemand\t2026-10-01\t2026-08-20\t"
	  "2029-08-20\t1004\tyes\t\t\t\t\t0\t500.00\towner",
	  "any lawyer legal review none: 140 days overdue, not to be "
	  "contacted: stage lawyer requires mail, which was not issued: review",
	  "requires: a stage passed over for do-not-contact was not issued" },
	{ "u16\t400.00\t140\t2026-07-01\tmail\t2026-10-01\t2026-08-20\t"
	  "2029-08-20\t1004\t\t\t\t\t\t0\t200.00\towner",
	  "any lawyer legal wait none: 140 days overdue: stage lawyer needs a "
	  "balance of 500.00: waits",
	  "min_balance before requires" },
	{ "u17\t100.00\t20\t2026-10-31\treminder\t2026-11-01\t\t2026-12-20\t"
	  "30\t\t\t\t\t\t0\t95.00\towner",
	  "any demand letter send 2026-11-20: 20 days overdue; limitation "
	  "ends 2026-12-20, in 30 days: written demand demand due today, "
	  "whatever the ladder says",
	  "the limitation guard: the written demand, whatever the ladder" },
	{ "u18\t9000.00\t20\t2026-10-31\treminder\t2026-11-01\t\t2026-12-20\t"
	  "30\t\tT-1\t\t\t\t0\t95.00\towner",
	  "dispute demand letter send 2026-11-20: 20 days overdue, ticket T-1 "
	  "open; limitation ends 2026-12-20, in 30 days: written demand demand "
	  "due today, whatever the ladder says",
	  "  over a class that holds the ladder" },
	{ "u19\t0.00\t0\t2026-10-31\treminder\t2026-11-01\t\t2026-12-20\t30\t"
	  "\t\t\t\t\t0\t0.00\towner",
	  "any overdue sms wait none: 0 days overdue: stage overdue needs a "
	  "balance of 50.00: waits",
	  "  but not with nothing owing" },
	{ "u20\t100.00\t20\t2026-10-31\treminder\t2026-11-01\t\t2027-02-19\t"
	  "91\t\t\t\t\t\t0\t95.00\towner",
	  "any overdue sms wait 2026-11-30: 20 days overdue: stage overdue "
	  "(sms) due 2026-11-30",
	  "  nor 91 days before, outside warn_days" },
	{ "u21\t0.00\t\t\t\t\t\t\t\t\t\t\t\t\t0\t0.00\towner",
	  "any reminder sms wait none: nothing overdue: nothing is billed and "
	  "unpaid",
	  "no episode: nothing to do" },
	{ "u22\t100.00\t20\t2026-10-31\t\t\t\t2029-10-31\t1076\t\t\t\t\t\t0\t"
	  "95.00\ttenant",
	  "tenant reminder sms send 2026-11-20: 20 days overdue: stage "
	  "reminder (sms) due today; the owner is told as well",
	  "copy_owner: the reason says so" },
	{ "u23\t100.00\t20\t2026-10-31\tlawyer\t2026-11-01\t\t2029-10-31\t"
	  "1076\t\t\t\t\t\t3\t95.00\towner",
	  "any - - review none: broke 3 promises, 20 days overdue: every stage "
	  "of the ladder was issued: review",
	  "the last stage issued: review" },
};

static dun_date
D(const char *s)
{
	dun_date t = DUN_NODATE;

	dun_date_parse(s, strlen(s), DUN_DATE_ISO, &t, NULL);
	return t;
}

/* A decision in one line: "class stage channel action due_on: reason". */
static const char *
said(const struct dun_config *c, const struct dun_decision *d)
{
	static char buf[1024];
	char due[DUN_DATE_BUFSZ];

	snprintf(buf, sizeof buf, "%s %s %s %s %s: %s", d->cls >= 0 ?
	    c->classes[d->cls].name : "-", d->stage >= 0 ?
	    c->stages[d->stage].name : "-", d->channel >= 0 ?
	    dun_channel_name((enum dun_channel)d->channel) : "-",
	    dun_action_name(d->action), d->due_on == DUN_NODATE ? "none" :
	    dun_date_fmt(d->due_on, due), d->reason);
	return buf;
}

/* The records of text, as the file name in the scratch folder, with k
 * bound to them: the reader, or NULL. */
static struct dun_rec *
open_bound(struct dun_classifier *k, const char *name, const char *text,
    struct dun_err *err)
{
	struct dun_rec *r = unit_records(name, text);

	if (dun_classifier_bind(k, r, err) < 0) {
		dun_rec_close(r);
		return NULL;
	}
	return r;
}

/* Every case in one file, each record classed as of today. */
static void
ladder(struct dun_classifier *k, const struct dun_config *c, dun_date today)
{
	struct dun_decision d;
	struct dun_err err;
	struct dun_rec *r;
	char *text;
	size_t i, n = strlen(head) + 1;

	for (i = 0; i < sizeof cases / sizeof *cases; i++)
		n += strlen(cases[i].row) + 1;
	text = malloc(n);
	strcpy(text, head);
	for (i = 0; i < sizeof cases / sizeof *cases; i++) {
		strcat(text, cases[i].row);
		strcat(text, "\n");
	}
	r = open_bound(k, "cases.tsv", text, &err);
	free(text);
	ok(r != NULL, "binds dun-age's columns%s%s", r ? "" : ": ",
	    r ? "" : err.msg);
	if (r == NULL)
		return;
	for (i = 0; i < sizeof cases / sizeof *cases; i++) {
		if (dun_rec_next(r, &err) != 1) {
			ok(0, "%s: read: %s", cases[i].desc, err.msg);
			continue;
		}
		if (dun_classify(k, r, today, &d, &err) < 0) {
			ok(0, "%s: %s", cases[i].desc, err.msg);
			continue;
		}
		is_str(said(c, &d), cases[i].want, "%s", cases[i].desc);
	}
	ok(dun_rec_next(r, &err) == 0, "every case read");
	dun_rec_close(r);
}

int
main(void)
{
	struct dun_config *c, *cd;
	struct dun_classifier *k;
	struct dun_decision d;
	struct dun_err err;
	struct dun_rec *r;
	const char *text;
	dun_money worth;
	long age;
	dun_date today = D("2026-11-20");	/* a Friday */
	static char odd[] = "balance >> 3";
	char *s;

	unit_scratch("classify");
	c = unit_config(yaml);
	k = dun_classifier_new(c, &err);
	ok(k != NULL, "the rules parse%s%s", k ? "" : ": ", k ? "" : err.msg);
	if (k == NULL)
		return done_testing();
	ladder(k, c, today);

	/* Explained: every rule tried up to the first that holds, and every
	 * condition of the ladder with its value. */
	r = open_bound(k, "x.tsv", "unit\tbalance\tdays_overdue\t"
	    "episode_start\tlast_stage\tlast_stage_date\tdemand_served\t"
	    "limitation_date\tdays_to_limitation\tdnc\tdispute\tpromise\t"
	    "promise_due\thardship_until\tbroken_promises\texpected_recovery\t"
	    "occupancy\n"
	    "x1\t100.00\t50\t2026-10-01\treminder\t2026-11-15\t\t2029-10-01\t"
	    "1046\t\t\t\t\t\t0\t85.50\towner\n", &err);
	text = NULL;
	if (r != NULL && dun_rec_next(r, &err) == 1 &&
	    dun_classify_explain(k, r, today, &d, &text, &err) == 0)
		is_str(text,
		    "class dispute: dispute != \"\"\n"
		    "  dispute=\"\" != \"\" [no]: does not match\n"
		    "class promised: promise == \"open\"\n"
		    "  promise=\"\" == \"open\" [no]: does not match\n"
		    "class hardship: hardship_until >= today\n"
		    "  hardship_until=empty >= today=2026-11-20 [no]: does not "
		    "match\n"
		    "class big: balance >= 5000\n"
		    "  balance=100.00 >= 5000 [no]: does not match\n"
		    "class vacant: occupancy == \"vacant\"\n"
		    "  occupancy=\"owner\" == \"vacant\" [no]: does not match\n"
		    "class tenant: occupancy == \"tenant\"\n"
		    "  occupancy=\"owner\" == \"tenant\" [no]: does not match\n"
		    "class any: true\n"
		    "  true: matches, first to match\n"
		    "ladder:\n"
		    "  last stage issued: reminder on 2026-11-15\n"
		    "  next stage: overdue (sms)\n"
		    "  days: 30 from 2026-10-01, so from 2026-10-31: holds\n"
		    "  gap: 10 days after 2026-11-15, so from 2026-11-25: not "
		    "yet\n"
		    "  balance: 100.00, the stage needs 50.00: holds\n"
		    "decision: class any, wait stage overdue, reason: 50 days "
		    "overdue: stage overdue (sms) due 2026-11-25\n",
		    "--explain: each rule and each condition");
	else
		ok(0, "--explain: %s", err.msg);
	dun_classify_rank_key(k, &worth, &age);
	is_int(worth, 8550, "the rank key: expected_recovery, in fen");
	is_int(age, 50, "  and days_overdue");
	dun_rec_close(r);

	/* A field that does not parse, at its place. */
	r = open_bound(k, "bad.tsv", "unit\tbalance\tdays_overdue\t"
	    "episode_start\tlast_stage\tlast_stage_date\tdemand_served\t"
	    "limitation_date\tdays_to_limitation\tdnc\tdispute\tpromise\t"
	    "promise_due\thardship_until\tbroken_promises\texpected_recovery\t"
	    "occupancy\n"
	    "b1\t12a\t50\t2026-10-01\t\t\t\t\t\t\t\t\t\t\t0\t0\towner\n"
	    "b2\t1.00\tfifty\t2026-10-01\t\t\t\t\t\t\t\t\t\t\t0\t0\towner\n"
	    "b3\t1.00\t50\t2026-13-01\t\t\t\t\t\t\t\t\t\t\t0\t0\towner\n",
	    &err);
	s = NULL;
	ok(r != NULL, "bad.tsv binds");
	if (r != NULL) {
		static const char *const want[] = {
			"bad.tsv:2: balance: \"12a\" is not an amount",
			"bad.tsv:3: days_overdue: \"fifty\" is not a whole "
			"number",
			"bad.tsv:4: episode_start: \"2026-13-01\" has month "
			"13: months are 1 to 12",
		};
		int i;

		for (i = 0; i < 3; i++) {
			int rc = -2;
			const char *m;

			if (dun_rec_next(r, &err) == 1)
				rc = dun_classify(k, r, today, &d, &err);
			m = strrchr(err.msg, '/');
			is_str(rc == -1 && m ? m + 1 : "(classified)", want[i],
			    "a bad field, at its line and column (%d)", i + 1);
			is_int(err.code, DUN_EXIT_DATA, "  bad data");
		}
		dun_rec_close(r);
	}

	/* A column a rule reads, missing from the records. */
	r = open_bound(k, "short.tsv", "unit\tbalance\tdays_overdue\t"
	    "episode_start\tlast_stage\tlast_stage_date\tdemand_served\t"
	    "limitation_date\tdays_to_limitation\tdnc\tdispute\tpromise\t"
	    "promise_due\thardship_until\tbroken_promises\texpected_recovery\n",
	    &err);
	ok(r == NULL, "a column a rule reads is missing");
	s = strrchr(err.msg, '/');
	is_str(s ? s + 1 : err.msg, "short.tsv:1: occupancy: the column is "
	    "missing, and class vacant uses it", "  said with the class");
	r = open_bound(k, "shorter.tsv", "unit\tbalance\n", &err);
	ok(r == NULL, "a column the ladder reads is missing");
	s = strrchr(err.msg, '/');
	is_str(s ? s + 1 : err.msg, "shorter.tsv:1: days_overdue: the column "
	    "is missing: the input must be dun-age's records",
	    "  said as such");
	dun_classifier_free(k);
	dun_config_free(c);

	/* A rule that does not parse, at its place in the YAML: the config
	 * refuses it first, so it is put in after. */
	c = unit_config("classes:\n  - name: odd\n    when: balance > 3\n");
	c->classes[0].when = odd;
	k = dun_classifier_new(c, &err);
	ok(k == NULL, "a rule that does not parse is refused");
	is_str(err.msg, "t.yaml:3:20: classes[0].when: unexpected \">\" (in "
	    "\"balance >> 3\", at character 10)", "  at its line and column");
	is_int(err.code, DUN_EXIT_USAGE, "  as a config error");
	dun_classifier_free(k);
	dun_config_free(c);

	/* The default contact rules: Sunday is quiet, so a step due on it
	 * waits for Monday. */
	cd = unit_config("contact: {min_gap_days: 7}\n");
	k = dun_classifier_new(cd, &err);
	r = k ? open_bound(k, "sun.tsv", "unit\tbalance\tdays_overdue\t"
	    "episode_start\tlast_stage\tlast_stage_date\tdemand_served\t"
	    "limitation_date\tdays_to_limitation\tdnc\tdispute\tpromise\t"
	    "promise_due\thardship_until\tbroken_promises\texpected_recovery\t"
	    "occupancy\tplan\n"
	    "s1\t100.00\t20\t2026-11-02\t\t\t\t2029-11-02\t1076\t\t\t\t\t\t0\t"
	    "95.00\towner\t\n", &err) : NULL;
	if (r != NULL && dun_rec_next(r, &err) == 1 &&
	    dun_classify(k, r, D("2026-11-22"), &d, &err) == 0)
		is_str(said(cd, &d), "forgetful reminder sms wait 2026-11-23: "
		    "20 days overdue: stage reminder (sms) due 2026-11-23",
		    "a step due on a quiet Sunday is due on Monday");
	else
		ok(0, "the default config: %s", err.msg);
	dun_rec_close(r);
	dun_classifier_free(k);
	dun_config_free(cd);
	return done_testing();
}

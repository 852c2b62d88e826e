/* Config: the default, merging, and errors at their line and column. */
#include <stdlib.h>

#include "dun.h"
#include "tap.h"

static struct dun_config *
load(const char *yaml, struct dun_err *err)
{
	return dun_config_parse(yaml, strlen(yaml), "my.yaml", 0, err);
}

static void
fails(const char *yaml, const char *want)
{
	struct dun_err err = { 0, "" };
	struct dun_config *c = load(yaml, &err);

	ok(c == NULL && err.code == DUN_EXIT_USAGE, "rejected: %s", want);
	is_str(err.msg, want, "  message");
	dun_config_free(c);
}

/* YAML nested n deep: "a: [[[...]]]" in flow style, or a mapping in each
 * mapping, one a line, in block style; malloc'd. */
static char *
nested(int n, int block)
{
	char *s = malloc((size_t)n * (block ? (size_t)n + 8 : 2) + 16), *p = s;
	int i;

	p += sprintf(p, "a:%s", block ? "" : " ");
	for (i = 0; i < n; i++)
		if (block)
			p += sprintf(p, "\n%*sk:", i + 1, "");
		else
			*p++ = '[';
	for (i = 0; !block && i < n; i++)
		*p++ = ']';
	sprintf(p, "\n");
	return s;
}

/* Nesting past 100 levels is refused at the collection that passes it,
 * and nesting 40,000 deep without running out of stack (issue 14). */
static void
too_deep(int n, int block, const char *want)
{
	char *s = nested(n, block);

	fails(s, want);
	free(s);
}

int
main(void)
{
	struct dun_err err;
	struct dun_config *c;
	const struct dun_fee *f;
	dun_rate r;

	c = load("", &err);
	ok(c != NULL, "the default config loads");
	is_int(c->nfees, 3, "three fees");
	f = dun_config_fee(c, "物业费");
	ok(f && strcmp(f->key, "management") == 0, "物业费 is management");
	is_int(f->method, DUN_LATE_DAILY, "  with a daily late fee");
	is_int(f->rate, 300000, "  of 0.03%% a day");
	is_int(f->grace_days, 30, "  after 30 days");
	is_int(f->cap, DUN_CAP_ANNUAL, "  capped at an annual rate");
	is_int(f->cap_rate, 39000000, "  of 3.9%%");
	is_int(c->aging.nbounds, 5, "five bucket bounds");
	is_int(c->aging.recovery[5], 200000000, "20%% recovered past two years");
	is_int(c->nstages, 7, "seven stages");
	is_str(c->stages[3].name, "demand", "the fourth is the demand");
	ok(c->stages[3].written_demand, "  a written demand");
	is_str(c->stages[5].requires_served.v[0], "demand",
	    "the lawyer's letter needs it served");
	is_int(c->nclasses, 8, "eight classes");
	is_str(c->classes[0].when, "dispute != \"\"", "dispute's when");
	is_int(c->classes[0].line, 60, "  stands at line 60");
	is_int(c->limitation.years, 3, "limitation: 3 years");
	is_int(c->limitation.restart, DUN_RESTART_DEMAND | DUN_RESTART_PROMISE |
	    DUN_RESTART_ACK | DUN_RESTART_PAYMENT, "  restarted by all four");
	is_int(c->contact.weekdays, 1 << 7, "quiet on Sundays");
	is_int(c->contact.quiet_hours[0].from, 21 * 60, "quiet from 21:00");
	is_int(c->contact.call.days, 1 << 5 | 1 << 6, "calls on Fri, Sat");
	is_int(c->import.dates, DUN_DATE_ANY | DUN_DATE_EXCEL, "all dates");
	ok(strstr(dun_config_text(c), "label: 物业管理费") != NULL,
	    "the text in force shows Chinese as it is");
	dun_config_free(c);

	c = load("fees:\n  parking: ~\n  management:\n    late_fee:\n"
	    "      rate: 0.05%\ncompany:\n  name: 甲物业\n", &err);
	ok(c != NULL, "a partial config merges over the default");
	is_int(c->nfees, 2, "  ~ removes parking");
	is_int(dun_config_fee(c, "management")->rate, 500000, "  new rate");
	is_int(dun_config_fee(c, "management")->grace_days, 30,
	    "  the rest of management kept");
	is_str(c->company.name, "甲物业", "  company name replaced");
	ok(c->company.clause != NULL, "  the clause kept");
	ok(strstr(dun_config_text(c), "  parking:") == NULL,
	    "  the text in force has no parking");
	dun_config_free(c);

	fails("fees:\n  water:\n    late_fee:\n      methd: daily\n",
	    "my.yaml:4:7: fees.water.late_fee: unknown key \"methd\"");
	fails("fees:\n  water:\n    late_fee:\n      method: weekly\n",
	    "my.yaml:4:15: fees.water.late_fee.method: \"weekly\" is not one "
	    "of none, daily, monthly or flat");
	fails("aging:\n  buckets: [30, 20]\n",
	    "my.yaml:2:17: aging.buckets: bounds must rise");
	fails("aging:\n  buckets: 30\n",
	    "my.yaml:2:12: aging.buckets: is a single value; it must be a list");
	fails("contact:\n  min_gap_days: soon\n",
	    "my.yaml:2:17: contact.min_gap_days: \"soon\" is not a whole number");
	fails("ladder:\n  - name: cut\n    channel: cut-water\n",
	    "my.yaml:3:14: ladder[0].channel: \"cut-water\": cutting water, "
	    "power, gas, heating or other services to force payment is "
	    "forbidden (Civil Code art. 944); dun has no such step");
	fails("ladder:\n  - name: a\n    channel: sms\n  - name: b\n"
	    "    channel: legal\n    requires_served: [c]\n",
	    "my.yaml:4:5: ladder[1]: stage b requires \"c\", which is not a "
	    "stage before it");
	fails("classes:\n  - name: x\n    when: \"true\"\n    max_stage: nope\n",
	    "my.yaml:4:16: classes[0].max_stage: \"nope\" is not a stage of "
	    "the ladder");
	fails("fees:\n  late: {}\n",
	    "my.yaml:2:3: fees.late: \"late\" is the late fee itself and "
	    "cannot be a fee type");
	too_deep(99, 0, "my.yaml:1:1: unknown key \"a\"");
	too_deep(100, 0, "my.yaml:1:103: nested more than 100 levels deep");
	too_deep(40000, 0, "my.yaml:1:103: nested more than 100 levels deep");
	too_deep(99, 1, "my.yaml:1:1: unknown key \"a\"");
	too_deep(100, 1, "my.yaml:101:101: nested more than 100 levels deep");
	too_deep(3000, 1, "my.yaml:101:101: nested more than 100 levels "
	    "deep");
	/* An unknown event was once shifted by as if known, by whatever
	 * the stack held (issue 14; UBSan saw it only when that was past
	 * 31, as in tests/fuzz/crashes/config). */
	fails("limitation:\n  restart: [promise, served]\n",
	    "my.yaml:2:22: limitation.restart: \"served\" is not one of "
	    "demand-served, promise, ack or part-payment");
	fails("limitation:\n  holidays: [2026-02-30]\n",
	    "my.yaml:2:14: limitation.holidays: \"2026-02-30\" is not a date: "
	    "February 2026 has 28 days");
	fails("import:\n  aliases:\n    floor: [楼层]\n",
	    "my.yaml:3:5: import.aliases: \"floor\" is not a column "
	    "dun-import reads (dun-import(1))");
	fails("import:\n  charge_aliases:\n    amount: [应收]\n    sum: [合]\n",
	    "my.yaml:4:5: import.charge_aliases: \"sum\" is not a column "
	    "dun-import reads (dun-import(1))");
	fails("import:\n  unit_template: \"{building}-{entrance}\"\n",
	    "my.yaml:2:18: import.unit_template: a unit template needs "
	    "{room}, as in \"{building}-{entrance}-{room}\"");
	fails("import:\n  unit_template: \"{building}-{floor}-{room}\"\n",
	    "my.yaml:2:18: import.unit_template: a unit template's parts are "
	    "{estate}, {building}, {entrance} and {room}");
	fails("allocation:\n  deposits: [\"\"]\n",
	    "my.yaml:2:13: allocation.deposits: an empty name would make "
	    "every fee a deposit");
	fails("company: [a\n", "my.yaml:2:1: did not find expected ',' or ']' "
	    "while parsing a flow sequence");
	fails("a: 1\na: 2\n", "my.yaml:2:1: key \"a\" appears twice");
	fails("surprise: 1\n", "my.yaml:1:1: unknown key \"surprise\"");

	ok(dun_rate_parse("0.0005", &r) == 0 && r == 500000, "rate 0.0005");
	ok(dun_rate_parse("5‰", &r) == 0 && r == 5000000, "rate 5‰");
	ok(dun_rate_parse("0.0000000001", &r) == -1, "rate past 1e-9 fails");
	ok(dun_rate_parse("1/3", &r) == -1, "rate 1/3 fails");
	return done_testing();
}

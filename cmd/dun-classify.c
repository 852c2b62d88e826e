/*
 * dun-classify — why each debtor does not pay, and the next lawful step:
 * dun-age's records with class, stage, channel, due_on, action, priority
 * and reason appended.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "prog.h"

static const char usage_text[] =
    "usage: dun-classify [-c conf] [-t date] [-x unit] [file ...]\n";

/* A record held until every record is read, for the priorities: its
 * fields as they will be written (escaped, joined by TABs) and its
 * reason, each NUL-ended, in one block. */
struct held {
	char *text;
	size_t len;		/* of the fields */
	int cls, stage, channel, action;
	dun_date due_on;
	dun_money worth;
	long age;
	size_t rank;
};

static struct held *held;
static size_t nheld, capheld;

static void
hold(const struct dun_rec *r, const struct dun_decision *d,
    const struct dun_classifier *k)
{
	size_t rlen = strlen(d->reason);
	struct held *h;

	if (nheld == capheld) {
		capheld = capheld ? capheld * 2 : 1024;
		if ((held = realloc(held, capheld * sizeof *held)) == NULL)
			dun_die(DUN_EXIT_SYS, "out of memory");
	}
	h = &held[nheld++];
	h->text = dun_rec_tsv(r, rlen + 1, &h->len);
	memcpy(h->text + h->len + 1, d->reason, rlen + 1);
	h->cls = d->cls;
	h->stage = d->stage;
	h->channel = d->channel;
	h->action = d->action;
	h->due_on = d->due_on;
	dun_classify_rank_key(k, &h->worth, &h->age);
}

/* A record's place in the priorities, sorted apart from the records. */
struct rank_key {
	dun_money worth;
	long age;
	size_t i;		/* the record's place in held */
};

/* Work first: the most worth recovering, then the oldest. */
static int
by_priority(const void *a, const void *b)
{
	const struct rank_key *x = a, *y = b;

	if (x->worth != y->worth)
		return x->worth > y->worth ? -1 : 1;
	if (x->age != y->age)
		return x->age > y->age ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

static int
same_header(const struct dun_rec *a, const struct dun_rec *b)
{
	size_t i;

	if (dun_rec_ncols(a) != dun_rec_ncols(b))
		return 0;
	for (i = 0; i < dun_rec_ncols(a); i++)
		if (strcmp(dun_rec_colname(a, i), dun_rec_colname(b, i)) != 0)
			return 0;
	return 1;
}

/* Every record held, in the order read, with its decision and its place
 * in the priorities, under head's columns and those added. */
static void
write_all(struct dun_prog *p, const struct dun_config *cfg,
    const struct dun_rec *head)
{
	static const char *const added[] = { "class", "stage", "channel",
		"due_on", "action", "priority", "reason" };
	struct dun_out *o = dun_out_new(1);
	struct rank_key *order;
	size_t i;

	if ((order = malloc((nheld + 1) * sizeof *order)) == NULL)
		dun_die(DUN_EXIT_SYS, "out of memory");
	for (i = 0; i < nheld; i++) {
		order[i].worth = held[i].worth;
		order[i].age = held[i].age;
		order[i].i = i;
	}
	qsort(order, nheld, sizeof *order, by_priority);
	for (i = 0; i < nheld; i++)
		held[order[i].i].rank = i + 1;
	free(order);
	for (i = 0; i < dun_rec_ncols(head); i++)
		dun_out_str(o, dun_rec_colname(head, i));
	for (i = 0; i < sizeof added / sizeof *added; i++)
		dun_out_str(o, added[i]);
	dun_out_end(o);
	for (i = 0; i < nheld; i++) {
		const struct held *h = &held[i];

		dun_out_joined(o, h->text, h->len, dun_rec_ncols(head));
		dun_out_str(o, h->cls >= 0 ? cfg->classes[h->cls].name : "");
		dun_out_str(o, h->stage >= 0 ? cfg->stages[h->stage].name : "");
		dun_out_str(o, h->channel >= 0 ?
		    dun_channel_name((enum dun_channel)h->channel) : "");
		if (h->due_on == DUN_NODATE)
			dun_out_str(o, "");
		else
			dun_out_date(o, h->due_on);
		dun_out_str(o, dun_action_name(h->action));
		dun_out_long(o, (long long)h->rank);
		if (dun_out_str(o, h->text + h->len + 1) < 0 ||
		    dun_out_end(o) < 0)
			break;
	}
	dun_prog_close(p, o);
}

/* What the loop over the records needs. */
struct run {
	struct dun_prog *p;
	struct dun_classifier *k;
	struct dun_rec *head;	/* the first file's, for its header */
	const char *explain;	/* -x: this unit's decision in words */
	int unitcol;
	int found;		/* the unit explained was read */
	dun_date today;
};

/* Each file's header: the first file's columns, and those the rules
 * read.  0, 1 the file is passed over (said), -1 and err. */
static int
header(struct dun_rec *r, void *arg, struct dun_err *err)
{
	struct run *run = arg;

	if (run->head != NULL && !same_header(run->head, r)) {
		dun_prog_warn(run->p, DUN_EXIT_DATA, "%s: its columns differ "
		    "from those of %s", dun_rec_name(r),
		    dun_rec_name(run->head));
		return 1;
	}
	if (dun_classifier_bind(run->k, r, err) < 0)
		return -1;
	run->unitcol = dun_rec_col(r, "unit");
	return 0;
}

/* Each record: decided and held, or with -x, the unit's decision in
 * words on stdout.  0, or -1 and err (the record is left out). */
static int
record(struct dun_rec *r, void *arg, struct dun_err *err)
{
	struct run *run = arg;
	struct dun_decision d;
	const char *text;
	char day[DUN_DATE_BUFSZ];

	if (run->explain == NULL) {
		if (dun_classify(run->k, r, run->today, &d, err) < 0)
			return -1;
		hold(r, &d, run->k);
		return 0;
	}
	if (strcmp(dun_rec_field(r, (size_t)run->unitcol), run->explain) != 0)
		return 0;
	run->found = 1;
	if (dun_classify_explain(run->k, r, run->today, &d, &text, err) < 0)
		return -1;
	printf("unit %s, as of %s\n%s", run->explain,
	    dun_date_fmt(run->today, day), text);
	return 0;
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "as-of", required_argument, NULL, 't' },
		{ "config", required_argument, NULL, 'c' },
		{ "explain", required_argument, NULL, 'x' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	char *stdin_only[] = { "-", NULL }, **files;
	struct dun_prog p;
	struct run run = { &p, NULL, NULL, NULL, -1, 0, 0 };
	struct dun_prog_loop lp = { NULL, header, NULL, record, NULL, &run, 0,
		&run.head };
	struct dun_config *cfg;
	struct dun_err err;
	char years[128];
	int c;
	size_t i;

	dun_prog_start(&p, argv[0], "dun-classify", usage_text);
	while ((c = getopt_long(argc, argv, "c:ht:Vx:", longopts, NULL)) !=
	    -1) {
		switch (c) {
		case 'x':
			run.explain = optarg;
			break;
		default:
			dun_prog_opt(&p, c, optarg);
		}
	}
	files = optind < argc ? argv + optind : stdin_only;
	cfg = dun_prog_config(&p, &run.today);
	if ((run.k = dun_classifier_new(cfg, &err)) == NULL) {
		dun_err_print(&err);
		dun_config_free(cfg);
		return err.code;
	}
	dun_prog_files(&p, files, &lp);
	if (run.explain != NULL) {
		if (!run.found && p.status == 0)
			dun_prog_warn(&p, DUN_EXIT_DATA, "unit %s is not in "
			    "the input", run.explain);
		dun_prog_flush(&p);
	} else if (run.head != NULL)
		write_all(&p, cfg, run.head);
	/* A due date moves past quiet days, public holidays among them. */
	if (dun_calendar_missing(cfg, DUN_CAL_CONTACT, years, sizeof years) >
	    0)
		dun_warn("no list of public holidays for %s: quiet days there "
		    "are only those dun.yaml lists (dun.yaml(5): calendar)",
		    years);
	for (i = 0; i < nheld; i++)
		free(held[i].text);
	free(held);
	dun_rec_close(run.head);
	dun_classifier_free(run.k);
	dun_config_free(cfg);
	return p.status;
}

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

/* Have a and b the same columns, in the same order? */
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

/* What the loop over the records needs. */
struct run {
	struct dun_prog *p;
	struct dun_classifier *k;
	struct dun_ranking *held;	/* the records decided */
	struct dun_rec *head;	/* the first file's, for its header */
	const char *explain;	/* -x: this unit's decision in words */
	int unitcol;
	int found;		/* the unit explained was read */
	int lost;		/* a record could not be kept: no output */
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
		if (dun_ranking_add(run->held, r, &d, run->k, err) < 0) {
			run->lost = 1;
			return -1;
		}
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
	struct run run = { &p, NULL, NULL, NULL, NULL, -1, 0, 0, 0 };
	struct dun_prog_loop lp = { NULL, header, NULL, record, NULL, &run, 0,
		&run.head };
	struct dun_config *cfg;
	struct dun_err err;
	size_t memory;
	int c;

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
	/* The memory records are kept in before they are set aside. */
	if (dun_prog_env_size("DUN_CLASSIFY_MEMORY", DUN_RANKING_MEMORY,
	    &memory) < 0)
		return DUN_EXIT_USAGE;
	cfg = dun_prog_config(&p, &run.today);
	if ((run.k = dun_classifier_new(cfg, &err)) == NULL) {
		dun_err_print(&err);
		dun_config_free(cfg);
		return err.code;
	}
	run.held = dun_ranking_new(cfg, memory);
	dun_prog_files(&p, files, &lp);
	if (run.explain != NULL) {
		if (!run.found && p.status == 0)
			dun_prog_warn(&p, DUN_EXIT_DATA, "unit %s is not in "
			    "the input", run.explain);
		dun_prog_flush(&p);
	} else if (run.head != NULL && !run.lost) {
		struct dun_out *o = dun_out_new(1);

		if (dun_ranking_write(run.held, run.head, o, &err) < 0 &&
		    err.code != DUN_EXIT_OK)
			dun_prog_error(&p, &err);
		dun_prog_close(&p, o);
	}
	/* A due date moves past quiet days, public holidays among them. */
	dun_prog_holidays_missing(cfg, DUN_CAL_CONTACT);
	dun_ranking_free(run.held);
	dun_rec_close(run.head);
	dun_classifier_free(run.k);
	dun_config_free(cfg);
	return p.status;
}

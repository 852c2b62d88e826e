/*
 * dun-classify — why each debtor does not pay, and the next lawful step:
 * dun-age's records with class, stage, channel, due_on, action, priority
 * and reason appended.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dun.h"

static const char usage_text[] =
    "usage: dun-classify [-c conf] [-t date] [-x unit] [file ...]\n";

static void
usage(void)
{
	fputs(usage_text, stderr);
	exit(DUN_EXIT_USAGE);
}

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

static int
write_all(const struct dun_config *cfg, const struct dun_rec *head)
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
	if (dun_out_close(o) < 0) {
		dun_warn("stdout:");
		return DUN_EXIT_SYS;
	}
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
	const char *conf = NULL, *asof_opt = NULL, *explain = NULL;
	char *stdin_only[] = { "-", NULL }, **files;
	struct dun_rec *r, *head = NULL;
	struct dun_classifier *k;
	struct dun_config *cfg;
	struct dun_decision d;
	struct dun_err err;
	dun_date today;
	char day[DUN_DATE_BUFSZ], years[128];
	int c, status = 0, found = 0, unitcol, n;
	size_t i;

	dun_setprog(argv[0]);
	dun_private();
	while ((c = getopt_long(argc, argv, "c:ht:Vx:", longopts, NULL)) !=
	    -1) {
		switch (c) {
		case 'c':
			conf = optarg;
			break;
		case 't':
			asof_opt = optarg;
			break;
		case 'x':
			explain = optarg;
			break;
		case 'V':
			printf("dun-classify %s\n", DUN_VERSION);
			return 0;
		case 'h':
			fputs(usage_text, stdout);
			return 0;
		default:
			usage();
		}
	}
	files = optind < argc ? argv + optind : stdin_only;
	if ((cfg = dun_config_load(conf, &err)) == NULL ||
	    dun_date_asof(asof_opt, &today, &err) < 0 ||
	    (k = dun_classifier_new(cfg, &err)) == NULL) {
		dun_err_print(&err);
		dun_config_free(cfg);
		return err.code;
	}
	for (; *files != NULL; files++) {
		if ((r = dun_rec_open(*files, NULL, &err)) == NULL) {
			dun_err_print(&err);
			status = err.code;
			break;
		}
		if (head != NULL && !same_header(head, r)) {
			dun_warn("%s: its columns differ from those of %s",
			    dun_rec_name(r), dun_rec_name(head));
			dun_rec_close(r);
			status = DUN_EXIT_DATA;
			continue;
		}
		if (dun_classifier_bind(k, r, &err) < 0) {
			dun_err_print(&err);
			dun_rec_close(r);
			status = err.code;
			continue;
		}
		unitcol = dun_rec_col(r, "unit");
		while ((n = dun_rec_next(r, &err)) != 0) {
			if (n < 0) {
				dun_err_print(&err);
				status = status ? status : err.code;
				if (dun_rec_failed(r))
					break;
				continue;
			}
			if (explain != NULL) {
				const char *buf;

				if (strcmp(dun_rec_field(r, (size_t)unitcol),
				    explain) != 0)
					continue;
				found = 1;
				if (dun_classify_explain(k, r, today, &d, &buf,
				    &err) < 0) {
					dun_err_print(&err);
					status = err.code;
					continue;
				}
				printf("unit %s, as of %s\n%s", explain,
				    dun_date_fmt(today, day), buf);
				continue;
			}
			if (dun_classify(k, r, today, &d, &err) < 0) {
				dun_err_print(&err);	/* the record is left out */
				status = DUN_EXIT_DATA;
				continue;
			}
			hold(r, &d, k);
		}
		if (head == NULL)
			head = r;
		else
			dun_rec_close(r);
	}
	if (explain != NULL) {
		if (!found && status == 0) {
			dun_warn("unit %s is not in the input", explain);
			status = DUN_EXIT_DATA;
		}
		if (fflush(stdout) != 0 || ferror(stdout)) {
			dun_warn("stdout:");
			status = DUN_EXIT_SYS;
		}
	} else if (head != NULL) {
		int w = write_all(cfg, head);

		if (w)
			status = w;
	}
	/* A due date moves past quiet days, public holidays among them. */
	if (dun_calendar_missing(cfg, DUN_CAL_CONTACT, years, sizeof years) >
	    0)
		dun_warn("no list of public holidays for %s: quiet days there "
		    "are only those dun.yaml lists (dun.yaml(5): calendar)",
		    years);
	for (i = 0; i < nheld; i++)
		free(held[i].text);
	free(held);
	dun_rec_close(head);
	dun_classifier_free(k);
	dun_config_free(cfg);
	return status;
}

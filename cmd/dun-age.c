/*
 * dun-age — one record per unit in arrears: what is owed, how old it is,
 * the late fee the contract allows, and where the unit stands in its
 * collection episode.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "prog.h"

static const char usage_text[] =
    "usage: dun-age [-a] [-c conf] [-d db] [-t date] [-u unit ...]\n"
    "       dun-age [-a] [-c conf] [-t date] -C charges -P payments "
    "[-A adjustments] [-E events] [-N notices] [-R reversals] [-U units]\n";

/* A unit's aging failed: said; < 0 to stop. */
static int
fail(const struct dun_err *e, void *arg)
{
	return dun_prog_error(arg, e);
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "adjustments", required_argument, NULL, 'A' },
		{ "all", no_argument, NULL, 'a' },
		{ "as-of", required_argument, NULL, 't' },
		{ "charges", required_argument, NULL, 'C' },
		{ "config", required_argument, NULL, 'c' },
		{ "db", required_argument, NULL, 'd' },
		{ "events", required_argument, NULL, 'E' },
		{ "help", no_argument, NULL, 'h' },
		{ "notices", required_argument, NULL, 'N' },
		{ "payments", required_argument, NULL, 'P' },
		{ "reversals", required_argument, NULL, 'R' },
		{ "unit", required_argument, NULL, 'u' },
		{ "units", required_argument, NULL, 'U' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct dun_hfiles files = { NULL, NULL, NULL, NULL, NULL, NULL, NULL };
	struct dun_prog p;
	char **units;
	size_t nunits = 0;
	int c, all = 0;
	struct dun_config *cfg;
	struct dun_ledger *l = NULL;
	struct dun_hsrc *src;
	struct dun_out *out;
	struct dun_err err;
	dun_date asof;

	dun_prog_start(&p, argv[0], "dun-age", usage_text);
	if ((units = calloc((size_t)argc + 1, sizeof *units)) == NULL)
		dun_die(DUN_EXIT_SYS, "out of memory");
	while ((c = getopt_long(argc, argv, "A:aC:c:d:E:hN:P:R:t:U:u:V",
	    longopts, NULL)) != -1) {
		switch (c) {
		case 'A':
			files.adjustments = optarg;
			break;
		case 'a':
			all = 1;
			break;
		case 'C':
			files.charges = optarg;
			break;
		case 'E':
			files.events = optarg;
			break;
		case 'N':
			files.notices = optarg;
			break;
		case 'P':
			files.payments = optarg;
			break;
		case 'R':
			files.reversals = optarg;
			break;
		case 'U':
			files.units = optarg;
			break;
		case 'u':
			units[nunits++] = optarg;
			break;
		default:
			dun_prog_opt(&p, c, optarg);
		}
	}
	if (optind != argc)
		dun_usage();
	if (files.charges || files.payments || files.adjustments ||
	    files.events || files.units || files.notices || files.reversals) {
		if (files.charges == NULL || files.payments == NULL) {
			dun_warn("from files, -C and -P are both needed");
			dun_usage();
		}
		if (p.db != NULL || nunits > 0) {
			dun_warn("-d and -u are for the ledger, not with files");
			dun_usage();
		}
	}
	cfg = dun_prog_config(&p, &asof);
	if (files.charges != NULL)
		src = dun_hsrc_files(&files, cfg, dun_prog_bad, &p, &err);
	else if ((l = dun_ledger_open(dun_ledger_path(p.db, cfg->ledger), 0,
	    &err)) != NULL)
		src = dun_hsrc_ledger(l, cfg, units, nunits, dun_prog_bad, &p,
		    &err);
	else
		src = NULL;
	if (src == NULL) {
		dun_prog_error(&p, &err);
		dun_ledger_close(l);
		dun_config_free(cfg);
		free(units);
		return p.status;
	}

	dun_calendar_day(cfg, asof, NULL);	/* a year it lacks is said */
	out = dun_out_new(1);
	dun_age_header(out, cfg);
	/* A bad unit's rows were reported: it is left out. */
	if (dun_age_write(src, cfg, asof, all, out, fail, &p, &err) < 0)
		dun_prog_error(&p, &err);
	dun_prog_close(&p, out);
	dun_prog_holidays_missing(cfg, DUN_CAL_ASKED | DUN_CAL_LIMITATION);
	dun_hsrc_close(src);
	dun_ledger_close(l);
	dun_config_free(cfg);
	free(units);
	return p.status;
}

/*
 * dun-report — aging summaries, collection rates, collectors, what each
 * step brought in, trends, and one unit's evidence pack, as TSV, text,
 * HTML or xlsx.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "prog.h"

static const char usage_text[] =
    "usage: dun-report [-c conf] [-d db] [-f format] [-g group] [-k kind] "
    "[-o file] [-t date] [--from date] [--to date] [--mask | --no-mask] "
    "[file ...]\n"
    "       dun-report -k evidence -u unit [-c conf] [-d db] [-f format] "
    "[-o file] [-p pdf] [-t date] [--mask | --no-mask]\n";

/* "aging,rates" or one name, added to *kinds. */
static void
kinds_opt(char *s, unsigned *kinds)
{
	char *tok, *save = NULL;
	int k;

	for (tok = strtok_r(s, ",", &save); tok; tok = strtok_r(NULL, ",",
	    &save)) {
		if ((k = dun_report_kind(tok)) < 0) {
			dun_warn("-k %s: no such kind of report (aging, rates, "
			    "collectors, effect, trend, notices, evidence)",
			    tok);
			dun_usage();
		}
		*kinds |= 1u << k;
	}
}

static dun_date
date_opt(const char *opt, const char *s)
{
	char why[DUN_WHY];
	dun_date d;

	if (dun_date_parse(s, strlen(s), DUN_DATE_ISO, &d, why) < 0) {
		dun_warn("%s %s: %s", opt, s, why);
		dun_usage();
	}
	return d;
}

/* What the loop over the files needs. */
struct run {
	struct dun_prog *p;
	struct dun_report *rp;
};

/* A file of records, read whole into the report's tables by the
 * library's loop (its bad rows said and counted): 0, or -1 and err. */
static int
take(struct dun_rec *r, void *arg, struct dun_err *err)
{
	struct run *run = arg;

	return dun_report_records(run->rp, r, dun_prog_bad, run->p, err);
}

/* Standard input's records; NULL, and err->code 0, when it is empty. */
static struct dun_rec *
open_stdin(struct dun_err *err)
{
	struct dun_rec_opts ro = { DUN_FMT_TSV, NULL, 0, 1, NULL };
	struct dun_rec *r = dun_rec_open("-", &ro, err);

	if (r != NULL && dun_rec_ncols(r) == 0) {
		dun_rec_close(r);
		err->code = 0;
		return NULL;
	}
	return r;
}

int
main(int argc, char *argv[])
{
	enum { O_FROM = 256, O_TO, O_NOMASK, O_MASK };
	static const struct option longopts[] = {
		{ "as-of", required_argument, NULL, 't' },
		{ "config", required_argument, NULL, 'c' },
		{ "db", required_argument, NULL, 'd' },
		{ "format", required_argument, NULL, 'f' },
		{ "from", required_argument, NULL, O_FROM },
		{ "group", required_argument, NULL, 'g' },
		{ "help", no_argument, NULL, 'h' },
		{ "kind", required_argument, NULL, 'k' },
		{ "mask", no_argument, NULL, O_MASK },
		{ "no-mask", no_argument, NULL, O_NOMASK },
		{ "output", required_argument, NULL, 'o' },
		{ "pdf", required_argument, NULL, 'p' },
		{ "to", required_argument, NULL, O_TO },
		{ "unit", required_argument, NULL, 'u' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct dun_report_opts o;
	struct dun_rec_opts ro = { DUN_FMT_TSV, NULL, 0, 0, NULL };
	struct dun_prog p;
	struct run run = { &p, NULL };
	struct dun_prog_loop lp = { &ro, take, NULL, NULL, NULL, &run, 1,
		NULL };
	const char *out = NULL, *pdf = NULL;
	int c, format = DUN_RF_TSV, mask = -1, rc = 0;
	struct dun_config *cfg;
	struct dun_rec *in = NULL;
	struct dun_ledger *l = NULL;
	struct dun_report *rp;
	struct dun_err err;
	char *pdfname = NULL;
	const char *caveat;

	dun_prog_start(&p, argv[0], "dun-report", usage_text);
	memset(&o, 0, sizeof o);
	o.group = DUN_RG_DEFAULT;
	o.from = o.to = DUN_NODATE;
	while ((c = getopt_long(argc, argv, "c:d:f:g:hk:o:p:t:u:V", longopts,
	    NULL)) != -1) {
		switch (c) {
		case 'f':
			if ((format = dun_report_format(optarg)) < 0) {
				dun_warn("-f %s: no such format (tsv, text, "
				    "html, xlsx)", optarg);
				dun_usage();
			}
			break;
		case 'g':
			if ((o.group = dun_report_group(optarg)) < 0) {
				dun_warn("-g %s: no such group (none, estate, "
				    "building, collector, class)", optarg);
				dun_usage();
			}
			break;
		case 'k':
			kinds_opt(optarg, &o.kinds);
			break;
		case 'o':
			out = optarg;
			break;
		case 'p':
			pdf = optarg;
			break;
		case 'u':
			o.unit = optarg;
			break;
		case O_FROM:
			o.from = date_opt("--from", optarg);
			break;
		case O_TO:
			o.to = date_opt("--to", optarg);
			break;
		case O_MASK:
			mask = 1;
			break;
		case O_NOMASK:
			mask = 0;
			break;
		default:
			dun_prog_opt(&p, c, optarg);
		}
	}
	if (format == DUN_RF_XLSX && out == NULL && isatty(1)) {
		dun_warn("xlsx is not for a terminal: use -o FILE or "
		    "redirect standard output");
		return DUN_EXIT_USAGE;
	}
	/* Masked everywhere but TSV that does not go to a terminal; the
	 * evidence PDF, printed, unless --no-mask. */
	o.mask_pdf = mask != 0;
	if (mask < 0)
		mask = !(format == DUN_RF_TSV && (out != NULL || !isatty(1)));
	o.mask = mask;
	cfg = dun_prog_config(&p, &o.asof);
	if (o.kinds == 0 && o.unit != NULL)
		o.kinds = 1u << DUN_RK_EVIDENCE;
	if (o.kinds & (1u << DUN_RK_EVIDENCE)) {
		if (pdf == NULL)
			pdf = pdfname = dun_report_pdf_name(out, o.unit,
			    o.asof);
		o.pdf = pdf;
		if (optind != argc) {
			dun_warn("evidence reads the ledger, not records");
			free(pdfname);
			dun_usage();
		}
	}
	/* Records come from the files named, or from a standard input that
	 * is not a terminal and not empty.  With no kind named, the report
	 * is aging, or the nightly set when dun-notice's records come in. */
	if (optind == argc && !isatty(0) && !(o.kinds & (1u <<
	    DUN_RK_EVIDENCE)) && (o.kinds == 0 || (o.kinds & ((1u <<
	    DUN_RK_AGING) | (1u << DUN_RK_NOTICES)))) &&
	    (in = open_stdin(&err)) == NULL && err.code != 0) {
		dun_err_print(&err);
		dun_config_free(cfg);
		return err.code;
	}
	if (o.kinds == 0)
		o.kinds = dun_report_default_kinds(in ? dun_report_input(in) :
		    0, format);
	if (format == DUN_RF_TSV && (o.kinds & (o.kinds - 1))) {
		dun_warn("tsv holds one table: name one kind, or use -f text, "
		    "html or xlsx");
		dun_rec_close(in);
		dun_config_free(cfg);
		dun_usage();
	}
	if ((rp = dun_report_new(cfg, &o, &err)) == NULL) {
		dun_err_print(&err);
		dun_rec_close(in);
		dun_config_free(cfg);
		return err.code;
	}
	run.rp = rp;
	if (in != NULL)
		rc = dun_prog_read(&p, in, &lp);
	dun_rec_close(in);
	if (rc == 0 && optind < argc)
		rc = dun_prog_files(&p, argv + optind, &lp);
	if (rc == 0 && dun_report_needs_ledger(rp) &&
	    ((l = dun_ledger_open(dun_ledger_path(p.db, cfg->ledger), 0,
	    &err)) == NULL ||
	    dun_report_ledger(rp, l, dun_prog_bad, &p, &err) < 0)) {
		dun_prog_error(&p, &err);
		rc = -1;
	}
	if (rc == 0 && dun_report_save(rp, format, out, &err) < 0) {
		dun_prog_error(&p, &err);
		rc = -1;
	}
	/* TSV has no room for a note under the title. */
	if (rc == 0 && format == DUN_RF_TSV && (caveat =
	    dun_report_caveat(rp)) != NULL)
		dun_warn("%s", caveat);
	/* The evidence states the limitation date. */
	if (rc == 0 && (o.kinds & (1u << DUN_RK_EVIDENCE)))
		dun_prog_holidays_missing(cfg, DUN_CAL_LIMITATION);
	if (rc == 0 && o.pdf != NULL)
		fprintf(stderr, "dun-report: evidence pack: %s\n", o.pdf);
	dun_report_free(rp);
	dun_ledger_close(l);
	dun_config_free(cfg);
	free(pdfname);
	return p.status;
}

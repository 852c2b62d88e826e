/*
 * dun-import — load units, charges, payments, adjustments and events into
 * the ledger: all of them or none, and the same file twice changes nothing.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dun.h"

static const char usage_text[] =
    "usage: dun-import [-nrsu] [-c conf] [-d db] [-e encoding] [-k kind] "
    "file ...\n"
    "       dun-import [-nru] [-c conf] [-d db] -k kind key=value ...\n"
    "       dun-import [-c conf] --print-config\n";

static void
usage(void)
{
	fputs(usage_text, stderr);
	exit(DUN_EXIT_USAGE);
}

struct input {
	const char *path;
	struct dun_rec *r;
	int kind;
};

static int progress;

static void
show_progress(const char *name, long rows, int done)
{
	if (!progress)
		return;
	if (done)
		fprintf(stderr, "\r\033[K");
	else
		fprintf(stderr, "\r%s: %s: %ld rows", dun_prog(), name, rows);
}

/* Import one input's rows: 0 done, -1 a system error (err set). */
static int
import_rows(struct dun_import *im, struct input *in,
    struct dun_import_counts *n, struct dun_err *err)
{
	struct dun_err e;
	char sha[65] = "", ignored[2];
	int k;

	if (dun_import_header(im, in->r, in->kind, ignored, sizeof ignored,
	    &e) < 0) {
		*err = e;
		return -1;
	}
	if (dun_import_file_begin(im, dun_rec_name(in->r), err) < 0)
		return -1;
	for (;;) {
		k = dun_rec_next(in->r, &e);
		if (k == 0)
			break;
		if (k > 0 && dun_import_row(im, in->r, &e) == 0)
			;
		else if (e.code != DUN_EXIT_DATA) {
			*err = e;
			return -1;
		} else {
			dun_report(&e);
			if (k < 0)
				dun_import_reject(im);
			if (dun_rec_failed(in->r))
				break;	/* the reader cannot go on */
		}
		if (progress && (dun_rec_line(in->r) & 0xffff) == 0)
			show_progress(dun_rec_name(in->r),
			    dun_rec_line(in->r), 0);
	}
	show_progress(NULL, 0, 1);
	dun_rec_sha256(in->r, sha);
	return dun_import_file_end(im, sha, n, err);
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "create-units", no_argument, NULL, 'u' },
		{ "db", required_argument, NULL, 'd' },
		{ "dry-run", no_argument, NULL, 'n' },
		{ "encoding", required_argument, NULL, 'e' },
		{ "help", no_argument, NULL, 'h' },
		{ "kind", required_argument, NULL, 'k' },
		{ "print-config", no_argument, NULL, 'P' },
		{ "replace", no_argument, NULL, 'r' },
		{ "skip-bad", no_argument, NULL, 's' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct dun_import_opts io = { 0, 0 };
	struct dun_rec_opts ro = { DUN_FMT_AUTO, NULL, 1 };
	const char *conf = NULL, *db = NULL;
	int c, i, kind = -1, dry = 0, skip = 0, print = 0, pairs, status = 0;
	struct dun_config *cfg;
	struct dun_ledger *l;
	struct dun_import *im;
	struct dun_err err;
	struct input *in;
	struct dun_out *out;
	struct dun_import_counts *counts;
	long rejected = 0;
	int nin;

	dun_setprog(argv[0]);
	while ((c = getopt_long(argc, argv, "c:d:e:hk:nrsuV", longopts,
	    NULL)) != -1) {
		switch (c) {
		case 'c':
			conf = optarg;
			break;
		case 'd':
			db = optarg;
			break;
		case 'e':
			ro.encoding = optarg;
			break;
		case 'k':
			if ((kind = dun_kind_parse(optarg)) < 0)
				dun_die(DUN_EXIT_USAGE, "-k %s: not unit, "
				    "charge, payment, adjustment or event",
				    optarg);
			break;
		case 'n':
			dry = 1;
			break;
		case 'r':
			io.replace = 1;
			break;
		case 's':
			skip = 1;
			break;
		case 'u':
			io.create_units = 1;
			break;
		case 'P':
			print = 1;
			break;
		case 'V':
			printf("dun-import %s\n", DUN_VERSION);
			return 0;
		case 'h':
			fputs(usage_text, stdout);
			return 0;
		default:
			usage();
		}
	}
	argc -= optind;
	argv += optind;
	if ((cfg = dun_config_load(conf, &err)) == NULL) {
		dun_report(&err);
		return err.code;
	}
	if (print) {
		fputs(dun_config_text(cfg), stdout);
		if (fflush(stdout) != 0 || ferror(stdout))
			dun_die(DUN_EXIT_SYS, "stdout:");
		dun_config_free(cfg);
		return 0;
	}
	if (argc == 0)
		usage();
	if (ro.encoding == NULL)
		ro.encoding = cfg->import.encoding;
	progress = isatty(2);

	/* key=value arguments are one record typed at the terminal. */
	pairs = kind >= 0 && strchr(argv[0], '=') != NULL &&
	    access(argv[0], F_OK) != 0;
	nin = pairs ? 1 : argc;
	in = calloc((size_t)nin, sizeof *in);
	counts = calloc((size_t)nin, sizeof *counts);
	if (in == NULL || counts == NULL)
		dun_die(DUN_EXIT_SYS, "out of memory");
	if (pairs) {
		in[0].path = "command line";
		in[0].r = dun_rec_pairs(argv, (size_t)argc, "command line",
		    &err);
		if (in[0].r == NULL) {
			dun_report(&err);
			return err.code;
		}
		in[0].kind = kind;
	} else {
		for (i = 0; i < nin; i++) {
			in[i].path = argv[i];
			in[i].kind = kind;
			if ((in[i].r = dun_rec_open(argv[i], &ro, &err)) ==
			    NULL) {
				dun_report(&err);
				return err.code;
			}
		}
	}

	if ((l = dun_ledger_open(dry && access(dun_ledger_path(db), F_OK) !=
	    0 ? ":memory:" : dun_ledger_path(db), dry &&
	    access(dun_ledger_path(db), F_OK) != 0 ? DUN_LEDGER_MEMORY :
	    DUN_LEDGER_CREATE, &err)) == NULL) {
		dun_report(&err);
		return err.code;
	}
	im = dun_import_new(l, cfg, &io);

	/* Settle each input's kind from its header, and say once what it
	 * ignores; then load units first and events last. */
	for (i = 0; i < nin; i++) {
		char ignored[1000];
		int k = dun_import_header(im, in[i].r, in[i].kind, ignored,
		    sizeof ignored, &err);

		if (k < 0) {
			dun_report(&err);
			in[i].kind = -1;
			status = DUN_EXIT_DATA;
			continue;
		}
		in[i].kind = k;
		if (*ignored)
			dun_warn("%s: ignoring column%s %s",
			    dun_rec_name(in[i].r), strchr(ignored, ',') ? "s" :
			    "", ignored);
	}
	if (dun_ledger_begin_import(l, &err) < 0) {
		dun_report(&err);
		return err.code;
	}
	for (c = 0; c < DUN_KIND_COUNT; c++) {
		for (i = 0; i < nin; i++) {
			if (in[i].kind != c)
				continue;
			if (import_rows(im, &in[i], &counts[i], &err) < 0) {
				dun_report(&err);
				dun_ledger_rollback(l);
				return err.code ? err.code : DUN_EXIT_SYS;
			}
			rejected += counts[i].rejected;
		}
	}
	if (rejected > 0)
		status = DUN_EXIT_DATA;
	if (status != 0 && !skip && !dry) {
		dun_ledger_rollback(l);
		if (rejected > 0)
			dun_warn("%ld bad row%s: nothing was imported "
			    "(--skip-bad loads the good ones)", rejected,
			    rejected == 1 ? "" : "s");
		else
			dun_warn("nothing was imported");
		return status;
	}
	if (dun_import_created(im) > 0)
		dun_warn("%s %ld unit%s that the ledger did not have",
		    dry ? "would create" : "created", dun_import_created(im),
		    dun_import_created(im) == 1 ? "" : "s");
	if (dry)
		dun_ledger_rollback(l);
	else if (dun_ledger_commit(l, &err) < 0) {
		dun_report(&err);
		dun_ledger_rollback(l);
		return DUN_EXIT_SYS;
	}

	out = dun_out_new(1);
	dun_out_str(out, "file");
	dun_out_str(out, "kind");
	dun_out_str(out, "rows");
	dun_out_str(out, "inserted");
	dun_out_str(out, "updated");
	dun_out_str(out, "unchanged");
	dun_out_str(out, "rejected");
	dun_out_end(out);
	for (i = 0; i < nin; i++) {
		if (in[i].kind < 0)
			continue;
		dun_out_str(out, dun_rec_name(in[i].r));
		dun_out_str(out, dun_kind_name((enum dun_kind)in[i].kind));
		dun_out_long(out, counts[i].rows);
		dun_out_long(out, counts[i].inserted);
		dun_out_long(out, counts[i].updated);
		dun_out_long(out, counts[i].unchanged);
		dun_out_long(out, counts[i].rejected);
		dun_out_end(out);
	}
	if (dun_out_close(out) < 0)
		dun_die(DUN_EXIT_SYS, "stdout:");
	for (i = 0; i < nin; i++)
		dun_rec_close(in[i].r);
	free(in);
	free(counts);
	dun_import_free(im);
	dun_ledger_close(l);
	dun_config_free(cfg);
	return status;
}

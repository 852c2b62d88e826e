/*
 * dun-import — load units, charges, payments, adjustments, events and
 * reversals into the ledger: all of them or none, and the same file twice
 * changes nothing.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "prog.h"

static const char usage_text[] =
    "usage: dun-import [-nrsu] [-c conf] [-d db] [-e encoding] [-H date] "
    "[-k kind] [-S sheet] file ...\n"
    "       dun-import [-nru] [-c conf] [-d db] [-H date] -k kind "
    "key=value ...\n"
    "       dun-import [-n] [-c conf] [-d db] -H date\n"
    "       dun-import [-c conf] --print-config\n";

struct input {
	const char *path;		/* NULL: key=value arguments */
	struct dun_rec *r;
	int kind;
	int skipped;			/* loaded whole before: not read */
	struct dun_import_counts n;
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

/* What the loop over one input's rows needs. */
struct rows {
	struct dun_import *im;
	struct input *in;
};

/* The input's header, again, and the imports row its rows point to. */
static int
begin(struct dun_rec *r, void *arg, struct dun_err *err)
{
	struct rows *rw = arg;

	if (dun_import_header(rw->im, r, rw->in->kind, NULL, NULL, err) < 0 ||
	    dun_import_file_begin(rw->im, dun_rec_name(r), err) < 0)
		return -1;
	return 0;
}

/* A blank row, a total or a signature: 1 it is passed over (counted). */
static int
skip_row(struct dun_rec *r, void *arg, struct dun_err *err)
{
	struct rows *rw = arg;

	(void)err;
	return dun_import_skip(rw->im, r);
}

/* Put one row: 0, or -1 and err (DUN_EXIT_DATA: rejected). */
static int
put_row(struct dun_rec *r, void *arg, struct dun_err *err)
{
	struct rows *rw = arg;
	int k = dun_import_row(rw->im, r, err);

	if (progress && (dun_rec_line(r) & 0xffff) == 0)
		show_progress(dun_rec_name(r), dun_rec_line(r), 0);
	return k;
}

/* A row the reader could not read: rejected too. */
static void
reject_row(void *arg)
{
	struct rows *rw = arg;

	dun_import_reject(rw->im);
}

/* Import one input's rows, its bad ones said and rejected: 0, or -1 if
 * the import must stop (said). */
static int
import_rows(struct dun_prog *p, struct dun_import *im, struct input *in)
{
	struct rows rw = { im, in };
	struct dun_prog_loop lp = { NULL, begin, skip_row, put_row,
		reject_row, &rw, 1, NULL };
	struct dun_err err;
	char sha[65] = "", *skipped;
	struct stat st;
	int64_t bytes = -1;

	if (dun_prog_read(p, in->r, &lp) < 0)
		return -1;
	show_progress(NULL, 0, 1);
	if ((skipped = dun_import_skipped(im)) != NULL)
		dun_warn("%s: passed over %s", dun_rec_name(in->r), skipped);
	free(skipped);
	dun_rec_sha256(in->r, sha);
	if (in->path != NULL && strcmp(in->path, "-") != 0 &&
	    stat(in->path, &st) == 0 && S_ISREG(st.st_mode))
		bytes = (int64_t)st.st_size;
	if (dun_import_file_end(im, sha, bytes, &in->n, &err) < 0) {
		dun_prog_error(p, &err);
		return -1;
	}
	return 0;
}

/* Open each file and read its header: 0, or the exit status. */
static int
open_files(struct input *in, char **argv, int n, int kind,
    const struct dun_rec_opts *ro)
{
	struct dun_err err;
	int i;

	for (i = 0; i < n; i++) {
		in[i].path = argv[i];
		in[i].kind = kind;
		if ((in[i].r = dun_rec_open(argv[i], ro, &err)) == NULL) {
			dun_err_print(&err);
			return err.code;
		}
	}
	return 0;
}

static int
open_pairs(struct input *in, char **argv, int n, int kind)
{
	struct dun_err err;

	in[0].path = NULL;
	in[0].kind = kind;
	in[0].r = dun_rec_pairs(argv, (size_t)n, "command line", &err);
	if (in[0].r == NULL) {
		dun_err_print(&err);
		return err.code;
	}
	return 0;
}

/* An arrears list loaded into a ledger that does not say when its full
 * history begins: say what --history-start is for.  0, or -1 and err. */
static int
arrears_note(struct dun_ledger *l, struct dun_import *im,
    struct dun_err *err)
{
	dun_date d;
	int k;

	if (dun_import_arrears(im) == 0)
		return 0;
	if ((k = dun_ledger_history_start(l, &d, err)) != 0)
		return k < 0 ? -1 : 0;
	dun_warn("%ld charge%s came with what is owing on %s (欠费), and "
	    "the ledger has no history start: if this is an arrears list "
	    "and not every bill since the start, say --history-start DATE "
	    "(the day after the list's 截止日期), so that reports show no "
	    "rates before it and receipts before it are not counted twice",
	    dun_import_arrears(im), dun_import_arrears(im) == 1 ? "" : "s",
	    dun_import_arrears(im) == 1 ? "it" : "them");
	return 0;
}

/* Load every input in one transaction, units first and reversals last
 * (after what they reverse), with the day history begins if hstart is
 * not NULL, and commit it unless a row was bad (or -n): 0, or the exit
 * status. */
static int
load(struct dun_prog *p, struct dun_ledger *l, struct dun_import *im,
    struct input *in, int nin, int dry, int skip, const dun_date *hstart)
{
	struct dun_err err;
	char *ignored, *notes;
	long rejected = 0;
	int i, k, status = 0;

	if (dun_ledger_begin_import(l, &err) < 0) {
		dun_err_print(&err);
		return err.code;
	}
	for (i = 0; i < nin; i++) {
		long above = 0, line = 0;
		size_t nignored = 0;

		ignored = NULL;
		k = dun_import_find_header(im, in[i].r, &above, &line, &err);
		if (k == 0)
			k = dun_import_header(im, in[i].r, in[i].kind,
			    &ignored, &nignored, &err);
		in[i].kind = k;
		if (k < 0) {
			dun_err_print(&err);
			status = DUN_EXIT_DATA;
			continue;
		}
		/* A file loaded whole before is not read: nothing to say
		 * of it but that. */
		if ((in[i].skipped = dun_import_file_done(im, in[i].path, k,
		    &in[i].n, &err)) < 0) {
			dun_err_print(&err);
			dun_ledger_rollback(l);
			free(ignored);
			return err.code;
		}
		if (in[i].skipped) {
			free(ignored);
			continue;
		}
		if (above > 0)
			dun_warn("%s: the header is on line %ld; passed over "
			    "the %ld row%s above it", dun_rec_name(in[i].r),
			    line, above, above == 1 ? "" : "s");
		if (ignored != NULL)
			dun_warn("%s: ignoring column%s %s",
			    dun_rec_name(in[i].r), nignored == 1 ? "" : "s",
			    ignored);
		free(ignored);
	}
	if (hstart != NULL && dun_ledger_set_history_start(l, *hstart,
	    &err) < 0) {
		dun_err_print(&err);
		dun_ledger_rollback(l);
		return err.code;
	}
	for (k = 0; k < DUN_KIND_COUNT; k++) {
		for (i = 0; i < nin; i++) {
			if (in[i].kind != k || in[i].skipped)
				continue;
			if (import_rows(p, im, &in[i]) < 0) {
				dun_ledger_rollback(l);
				return p->status;
			}
			rejected += in[i].n.rejected;
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
	if ((notes = dun_import_notes(im)) != NULL) {
		char *line, *next;

		for (line = notes; *line; line = next) {
			next = strchr(line, '\n');
			*next++ = '\0';
			if (*line == ' ')
				fprintf(stderr, "%s\n", line);
			else
				dun_warn("%s", line);
		}
		free(notes);
	}
	if (dun_import_created(im) > 0)
		dun_warn("%s %ld unit%s that the ledger did not have",
		    dry ? "would create" : "created", dun_import_created(im),
		    dun_import_created(im) == 1 ? "" : "s");
	if (arrears_note(l, im, &err) < 0) {
		dun_err_print(&err);
		dun_ledger_rollback(l);
		return err.code;
	}
	if (dry)
		dun_ledger_rollback(l);
	else if (dun_ledger_commit(l, &err) < 0) {
		dun_err_print(&err);
		dun_ledger_rollback(l);
		return DUN_EXIT_SYS;
	}
	return status;
}

/* The summary on stdout: -1 if it could not be written (said). */
static int
summary(struct dun_prog *p, const struct input *in, int nin)
{
	static const char *const head[] = { "file", "kind", "rows",
		"inserted", "updated", "unchanged", "rejected", "skipped" };
	struct dun_out *out = dun_out_new(1);
	size_t h;
	int i;

	for (h = 0; h < sizeof head / sizeof head[0]; h++)
		dun_out_str(out, head[h]);
	dun_out_end(out);
	for (i = 0; i < nin; i++) {
		if (in[i].kind < 0)
			continue;
		dun_out_str(out, dun_rec_name(in[i].r));
		dun_out_str(out, dun_kind_name((enum dun_kind)in[i].kind));
		dun_out_long(out, in[i].n.rows);
		dun_out_long(out, in[i].n.inserted);
		dun_out_long(out, in[i].n.updated);
		dun_out_long(out, in[i].n.unchanged);
		dun_out_long(out, in[i].n.rejected);
		dun_out_long(out, in[i].skipped);
		dun_out_end(out);
	}
	return dun_prog_close(p, out);
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
		{ "history-start", required_argument, NULL, 'H' },
		{ "kind", required_argument, NULL, 'k' },
		{ "print-config", no_argument, NULL, 'P' },
		{ "replace", no_argument, NULL, 'r' },
		{ "sheet", required_argument, NULL, 'S' },
		{ "skip-bad", no_argument, NULL, 's' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct dun_import_opts io = { 0, 0, NULL, NULL };
	struct dun_rec_opts ro = { DUN_FMT_AUTO, NULL, 1, 0, NULL };
	struct dun_prog p;
	int c, i, kind = -1, dry = 0, skip = 0, print = 0, pairs, status, nin;
	dun_date hstart, *has_hstart = NULL;
	char why[DUN_WHY];
	struct dun_config *cfg;
	struct dun_ledger *l = NULL;
	struct dun_import *im;
	struct dun_err err;
	struct input *in;

	dun_prog_start(&p, argv[0], "dun-import", usage_text);
	while ((c = getopt_long(argc, argv, "c:d:e:H:hk:nrS:suV", longopts,
	    NULL)) != -1) {
		switch (c) {
		case 'e':
			ro.encoding = optarg;
			break;
		case 'S':
			ro.sheet = optarg;
			break;
		case 'H':
			if (dun_date_parse(optarg, strlen(optarg), DUN_DATE_ISO,
			    &hstart, why) < 0) {
				dun_warn("--history-start %s: %s", optarg, why);
				dun_usage();
			}
			has_hstart = &hstart;
			break;
		case 'k':
			if ((kind = dun_kind_parse(optarg)) < 0)
				dun_die(DUN_EXIT_USAGE, "-k %s: not unit, "
				    "charge, payment, adjustment, event or "
				    "reversal", optarg);
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
		default:
			dun_prog_opt(&p, c, optarg);
		}
	}
	argc -= optind;
	argv += optind;
	cfg = dun_prog_config(&p, NULL);
	if (print) {
		fputs(dun_config_text(cfg), stdout);
		dun_config_free(cfg);
		dun_prog_flush(&p);
		return p.status;
	}
	if (argc == 0 && has_hstart == NULL)
		dun_usage();
	io.encoding = ro.encoding;
	io.sheet = ro.sheet;
	if (ro.encoding == NULL)
		ro.encoding = cfg->import.encoding;
	progress = isatty(2);

	/* key=value arguments are one record typed at the terminal. */
	pairs = kind >= 0 && argc > 0 && strchr(argv[0], '=') != NULL &&
	    access(argv[0], F_OK) != 0;
	nin = pairs ? 1 : argc;
	if ((in = calloc((size_t)nin + 1, sizeof *in)) == NULL)
		dun_die(DUN_EXIT_SYS, "out of memory");
	status = pairs ? open_pairs(in, argv, argc, kind) :
	    open_files(in, argv, argc, kind, &ro);
	if (status == 0) {
		const char *path = dun_ledger_path(p.db, cfg->ledger);
		int mem = dry && access(path, F_OK) != 0;

		l = dun_ledger_open(mem ? ":memory:" : path, DUN_LEDGER_BULK |
		    (mem ? DUN_LEDGER_MEMORY : DUN_LEDGER_CREATE), &err);
		if (l == NULL) {
			dun_err_print(&err);
			status = err.code;
		}
	}
	if (status == 0) {
		im = dun_import_new(l, cfg, &io);
		status = load(&p, l, im, in, nin, dry, skip, has_hstart);
		if (nin > 0 && (status == 0 || (status == DUN_EXIT_DATA &&
		    (skip || dry))))
			if (summary(&p, in, nin) < 0)
				status = DUN_EXIT_SYS;
		dun_import_free(im);
	}
	for (i = 0; i < nin; i++)
		dun_rec_close(in[i].r);
	free(in);
	dun_ledger_close(l);
	dun_config_free(cfg);
	return status;
}

/*
 * dun-notice — the notices themselves: each `send` decision of
 * dun-classify that is due becomes an SMS, a letter, an e-mail or a line
 * on a call list or visit route, on an allowed day, recorded in the
 * ledger's notice register.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "prog.h"

static const char usage_text[] =
    "usage: dun-notice [-bn] [-a time] [-c conf] [-d db] [-o dir] "
    "[-t date] [file ...]\n";

static void
warn_cb(const char *msg, void *arg)
{
	(void)arg;
	dun_warn("%s", msg);
}

static void
skipped_cb(const char *why, long count, void *arg)
{
	(void)arg;
	dun_warn("%ld passed over: %s", count, why);
}

/* Each file's header: the columns the notices need. */
static int
header(struct dun_rec *r, void *arg, struct dun_err *err)
{
	return dun_notifier_bind(arg, r, err) < 0 ? -1 : 0;
}

/* Each record: a notice to issue, passed over, or refused (-1 and err). */
static int
record(struct dun_rec *r, void *arg, struct dun_err *err)
{
	return dun_notifier_take(arg, r, err) < 0 ? -1 : 0;
}

/* HH:MM, else the clock's local time. */
static int
minute_of(const char *s, int *out)
{
	time_t t;
	struct tm tm;

	if (s != NULL)
		return dun_time_parse(s, out) < 0 || *out >= 24 * 60 ? -1 : 0;
	t = time(NULL);
	localtime_r(&t, &tm);
	*out = tm.tm_hour * 60 + tm.tm_min;
	return 0;
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "at", required_argument, NULL, 'a' },
		{ "as-of", required_argument, NULL, 't' },
		{ "board", no_argument, NULL, 'b' },
		{ "config", required_argument, NULL, 'c' },
		{ "dry-run", no_argument, NULL, 'n' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	const char *at = NULL;
	char *stdin_only[] = { "-", NULL }, **files;
	struct dun_notice_opts o = { "notices", 0, 0, 0, 0, 0 };
	struct dun_notifier *n = NULL;
	struct dun_prog_loop lp = { NULL, header, NULL, record, NULL, NULL, 0,
		NULL };
	struct dun_ledger *l = NULL;
	struct dun_config *cfg;
	struct dun_prog p;
	struct dun_out *out;
	struct dun_err err;
	int c, board = 0;

	dun_prog_start(&p, argv[0], "dun-notice", usage_text);
	while ((c = getopt_long(argc, argv, "a:bc:d:hno:t:V", longopts,
	    NULL)) != -1) {
		switch (c) {
		case 'a':
			at = optarg;
			break;
		case 'b':
			board = 1;
			break;
		case 'n':
			o.dry_run = 1;
			break;
		case 'o':
			o.dir = optarg;
			break;
		default:
			dun_prog_opt(&p, c, optarg);
		}
	}
	files = optind < argc ? argv + optind : stdin_only;
	if (minute_of(at, &o.minute) < 0) {
		dun_warn("-a %s: not a time of day like 09:30", at);
		dun_usage();
	}
	if (dun_prog_env_count("DUN_THREADS", 64, "threads",
	    &o.threads) < 0 ||
	    dun_prog_env_count("DUN_INFLIGHT", 100000, "letters",
	    &o.inflight) < 0)
		return DUN_EXIT_USAGE;
	cfg = dun_prog_config(&p, &o.asof);
	if (board)
		cfg->notice.board = 1;
	dun_calendar_day(cfg, o.asof, NULL);	/* a year it lacks is said */
	if ((l = dun_ledger_open(dun_ledger_path(p.db, cfg->ledger), 0,
	    &err)) == NULL ||
	    (n = dun_notifier_new(cfg, l, &o, warn_cb, NULL, &err)) == NULL) {
		dun_err_print(&err);
		dun_ledger_close(l);
		dun_config_free(cfg);
		return err.code;
	}
	lp.arg = n;
	dun_prog_files(&p, files, &lp);
	out = dun_out_new(1);
	if (p.status != DUN_EXIT_SYS && dun_notifier_finish(n, out, &err) < 0)
		dun_prog_error(&p, &err);
	if (p.status == 0 && dun_notifier_refused(n) > 0)
		p.status = DUN_EXIT_DATA;
	dun_prog_close(&p, out);
	dun_prog_holidays_missing(cfg, DUN_CAL_ASKED | DUN_CAL_CONTACT);
	dun_notifier_skipped(n, skipped_cb, NULL);
	if (dun_notifier_issued(n) > 0 || p.status == 0)
		dun_warn("%ld notice%s %s in %s", dun_notifier_issued(n),
		    dun_notifier_issued(n) == 1 ? "" : "s", o.dry_run ?
		    "rendered, none recorded (dry run)," : "issued", o.dir);
	dun_notifier_free(n);
	dun_ledger_close(l);
	dun_config_free(cfg);
	return p.status;
}

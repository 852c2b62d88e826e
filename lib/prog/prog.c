/* prog.c — the programs' start, common options and record loop (prog.h). */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "prog.h"

static const char *usage_text = "";

void
dun_prog_start(struct dun_prog *p, const char *argv0, const char *name,
    const char *usage)
{
	dun_setprog(argv0);
	dun_private();
	p->name = name;
	p->usage = usage_text = usage;
	p->conf = p->db = p->asof = NULL;
	p->status = DUN_EXIT_OK;
	p->bad = 0;
}

void
dun_usage(void)
{
	fputs(usage_text, stderr);
	exit(DUN_EXIT_USAGE);
}

void
dun_prog_opt(struct dun_prog *p, int c, const char *arg)
{
	switch (c) {
	case 'c':
		p->conf = arg;
		break;
	case 'd':
		p->db = arg;
		break;
	case 't':
		p->asof = arg;
		break;
	case 'h':
		fputs(p->usage, stdout);
		exit(DUN_EXIT_OK);
	case 'V':
		printf("%s %s\n", p->name, DUN_VERSION);
		exit(DUN_EXIT_OK);
	default:
		dun_usage();
	}
}

struct dun_config *
dun_prog_config(const struct dun_prog *p, dun_date *asof)
{
	struct dun_config *cfg;
	struct dun_err err;

	if ((cfg = dun_config_load(p->conf, &err)) == NULL ||
	    (asof != NULL && dun_date_asof(p->asof, asof, &err) < 0)) {
		dun_err_print(&err);
		dun_config_free(cfg);
		exit(err.code);
	}
	return cfg;
}

/* Remember code if it is the worst so far: 0 the program goes on (bad
 * data, counted), -1 it stops. */
static int
fare(struct dun_prog *p, int code)
{
	if (code <= DUN_EXIT_OK)
		code = DUN_EXIT_SYS;	/* an error with no status */
	if (code > p->status)
		p->status = code;
	if (code != DUN_EXIT_DATA)
		return -1;
	p->bad++;
	return 0;
}

int
dun_prog_error(struct dun_prog *p, const struct dun_err *e)
{
	dun_err_print(e);
	return fare(p, e->code);
}

int
dun_prog_warn(struct dun_prog *p, int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	dun_vwarn(fmt, ap);
	va_end(ap);
	return fare(p, code);
}

void
dun_prog_bad(const struct dun_err *e, void *arg)
{
	dun_prog_error(arg, e);
}

int
dun_prog_flush(struct dun_prog *p)
{
	if (fflush(stdout) == 0 && !ferror(stdout))
		return 0;
	return dun_prog_warn(p, DUN_EXIT_SYS, "stdout:");
}

int
dun_prog_close(struct dun_prog *p, struct dun_out *o)
{
	if (dun_out_close(o) == 0)
		return 0;
	return dun_prog_warn(p, DUN_EXIT_SYS, "stdout:");
}

/* dun_prog_read, and whether r's header was bound (*bound). */
static int
read_file(struct dun_prog *p, struct dun_rec *r,
    const struct dun_prog_loop *lp, int *bound)
{
	struct dun_err err;
	int k;

	*bound = 0;
	if (lp->bind != NULL && (k = lp->bind(r, lp->arg, &err)) != 0) {
		if (k < 0 && dun_prog_error(p, &err) < 0)
			return -1;
		return lp->all ? -1 : 0;
	}
	*bound = 1;
	if (lp->each == NULL)
		return 0;
	for (;;) {
		k = lp->skip ? dun_rec_next_raw(r, &err) :
		    dun_rec_next(r, &err);
		if (k == 0)
			break;
		if (k > 0 && lp->skip != NULL) {
			if (lp->skip(r, lp->arg, &err) > 0)
				continue;
			k = dun_rec_whole(r, &err);
		}
		if (k < 0) {
			if (dun_prog_error(p, &err) < 0)
				return -1;
			if (lp->unreadable != NULL)
				lp->unreadable(lp->arg);
			if (dun_rec_failed(r))
				break;	/* the reader cannot go on */
			continue;
		}
		if (lp->each(r, lp->arg, &err) < 0 &&
		    dun_prog_error(p, &err) < 0)
			return -1;
	}
	return 0;
}

int
dun_prog_read(struct dun_prog *p, struct dun_rec *r,
    const struct dun_prog_loop *lp)
{
	int bound;

	return read_file(p, r, lp, &bound);
}

int
dun_prog_files(struct dun_prog *p, char *const *files,
    const struct dun_prog_loop *lp)
{
	struct dun_rec *r;
	struct dun_err err;
	int rc = 0, bound;

	for (; rc == 0 && *files != NULL; files++) {
		if ((r = dun_rec_open(*files, lp->opts, &err)) == NULL) {
			dun_prog_error(p, &err);
			return -1;
		}
		rc = read_file(p, r, lp, &bound);
		if (bound && lp->first != NULL && *lp->first == NULL)
			*lp->first = r;
		else
			dun_rec_close(r);
	}
	return rc;
}

int
dun_prog_env_count(const char *name, long max, const char *what, int *n)
{
	const char *s = getenv(name);
	char *end;
	long k;

	*n = 0;
	if (s == NULL || *s == '\0')
		return 0;
	errno = 0;
	k = strtol(s, &end, 10);
	if (*s < '0' || *s > '9' || *end != '\0' || errno != 0 || k < 1 ||
	    k > max) {
		dun_warn("%s=%s: not a count of %s from 1 to %ld", name, s, what,
		    max);
		return -1;
	}
	*n = (int)k;
	return 0;
}

int
dun_prog_env_size(const char *name, size_t dflt, size_t *n)
{
	const char *s = getenv(name);
	unsigned long long k;
	char *end;
	int shift = 0;

	*n = dflt;
	if (s == NULL || *s == '\0')
		return 0;
	errno = 0;
	k = strtoull(s, &end, 10);
	if (*end == 'K' || *end == 'k')
		shift = 10;
	else if (*end == 'M')
		shift = 20;
	else if (*end == 'G')
		shift = 30;
	if (shift != 0)
		end++;
	if (*s < '0' || *s > '9' || errno != 0 || *end != '\0' ||
	    k > (SIZE_MAX >> shift)) {
		dun_warn("%s=%s: not a size like 64M", name, s);
		return -1;
	}
	*n = (size_t)k << shift;
	return 0;
}

void
dun_prog_holidays_missing(const struct dun_config *c, int why)
{
	char *years = NULL;

	if (dun_calendar_missing(c, why, &years) > 0)
		dun_warn("no list of public holidays for %s: %s (dun.yaml(5): "
		    "calendar)", years, why & DUN_CAL_CONTACT ? "quiet days "
		    "there are only those dun.yaml lists" : "a limitation date "
		    "there moves past weekends only");
	free(years);
}

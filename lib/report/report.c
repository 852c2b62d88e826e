/*
 * report.c — dun-report's engine: which kinds, over which days, grouped
 * how; records or the ledger in, each kind run from the table below; the
 * report out, whole or not at all.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "report_int.h"

/* The kinds, in the order of DUN_RK_*. */
static const struct report_kind *const kinds[DUN_RK_COUNT] = {
	[DUN_RK_AGING] = &rk_aging,
	[DUN_RK_RATES] = &rk_rates,
	[DUN_RK_COLLECTORS] = &rk_collectors,
	[DUN_RK_EFFECT] = &rk_effect,
	[DUN_RK_TREND] = &rk_trend,
	[DUN_RK_NOTICES] = &rk_notices,
	[DUN_RK_EVIDENCE] = &rk_evidence,
};

/* The order of their tables in the report: the nightly notices first. */
static const int table_order[] = { DUN_RK_NOTICES, DUN_RK_AGING,
	DUN_RK_COLLECTORS, DUN_RK_RATES, DUN_RK_TREND, DUN_RK_EFFECT,
	DUN_RK_EVIDENCE };

struct dun_report {
	struct rk_ctx x;		/* what the kinds see */
	void *k[DUN_RK_COUNT];		/* each kind's state, if asked for */
	struct dun_trace tr;		/* the unit's, when a kind needs it */
};

static const char *const group_names[DUN_RG_COUNT] = { "none", "estate",
	"building", "collector", "class" };
static const char *const format_names[DUN_RF_COUNT] = { "tsv", "text",
	"html", "xlsx" };

static int
lookup(const char *const *v, int n, const char *s)
{
	int i;

	for (i = 0; i < n; i++)
		if (strcmp(v[i], s) == 0)
			return i;
	return -1;
}

const struct report_kind *
report_kind(int kind)
{
	return kind >= 0 && kind < DUN_RK_COUNT ? kinds[kind] : NULL;
}

int
dun_report_kind(const char *s)
{
	int i;

	for (i = 0; i < DUN_RK_COUNT; i++)
		if (strcmp(kinds[i]->name, s) == 0)
			return i;
	return -1;
}

int
dun_report_group(const char *s)
{
	return lookup(group_names, DUN_RG_COUNT, s);
}

int
dun_report_format(const char *s)
{
	return lookup(format_names, DUN_RF_COUNT, s);
}

const char *
dun_report_kind_name(int kind)
{
	return kind >= 0 && kind < DUN_RK_COUNT ? kinds[kind]->name : "?";
}

unsigned
dun_report_default_kinds(int input, int format)
{
	if (input != DUN_RIN_NOTICES)
		return 1u << DUN_RK_AGING;
	if (format == DUN_RF_TSV)
		return 1u << DUN_RK_NOTICES;	/* one table */
	return 1u << DUN_RK_NOTICES | 1u << DUN_RK_AGING |
	    1u << DUN_RK_COLLECTORS | 1u << DUN_RK_RATES;
}

char *
dun_report_pdf_name(const char *out, const char *unit, dun_date asof)
{
	const char *slash = out ? strrchr(out, '/') : NULL;
	size_t dir = slash ? (size_t)(slash - out + 1) : 0;
	char d[DUN_DATE_BUFSZ], *p, *name;

	if (unit == NULL)
		unit = "";
	name = xmalloc(dir + strlen(unit) + 40);
	sprintf(name, "%.*sevidence-%s-%s.pdf", (int)dir, out ? out : "", unit,
	    dun_date_fmt(asof, d));
	/* A unit named "3/101" is still one file. */
	for (p = name + dir; *p; p++)
		if (*p == '/')
			*p = '-';
	return name;
}

/* ---- options ---------------------------------------------------------- */

/* A kind's first day when --from is not given: rates from 1 January
 * (the year to date), trend from twelve months back, the rest from the
 * first of the month. */
static dun_date
default_from(int kind, dun_date to)
{
	int y, m, d;

	dun_date_split(to, &y, &m, &d);
	if (kind == DUN_RK_RATES)
		return dun_date_make(y, 1, 1);
	if (kind == DUN_RK_TREND) {
		dun_period_split(dun_period_make(y, m) - 11, &y, &m);
		return dun_date_make(y, m, 1);
	}
	return dun_date_make(y, m, 1);
}

struct dun_report *
dun_report_new(const struct dun_config *c, const struct dun_report_opts *o,
    struct dun_err *err)
{
	struct dun_report *rp;
	struct rk_ctx *x;
	char a[DUN_DATE_BUFSZ], b[DUN_DATE_BUFSZ];
	int k, usable;

	if (o->kinds == 0) {
		dun_err_set(err, DUN_EXIT_USAGE, "no kind of report asked for");
		return NULL;
	}
	if ((o->kinds & (1u << DUN_RK_EVIDENCE)) && o->kinds != 1u <<
	    DUN_RK_EVIDENCE) {
		dun_err_set(err, DUN_EXIT_USAGE, "evidence is a report of its "
		    "own: ask for it alone");
		return NULL;
	}
	if ((o->kinds & (1u << DUN_RK_EVIDENCE)) && (o->unit == NULL ||
	    *o->unit == '\0')) {
		dun_err_set(err, DUN_EXIT_USAGE, "evidence needs the unit: "
		    "-u UNIT");
		return NULL;
	}
	if (o->unit != NULL && !(o->kinds & (1u << DUN_RK_EVIDENCE))) {
		dun_err_set(err, DUN_EXIT_USAGE, "-u is for -k evidence");
		return NULL;
	}
	if (o->to != DUN_NODATE && o->to > o->asof) {
		dun_err_set(err, DUN_EXIT_USAGE, "--to %s is after the report's "
		    "date %s (--as-of)", dun_date_fmt(o->to, a),
		    dun_date_fmt(o->asof, b));
		return NULL;
	}
	if (o->from != DUN_NODATE && o->from > (o->to != DUN_NODATE ? o->to :
	    o->asof)) {
		dun_err_set(err, DUN_EXIT_USAGE, "dates out of order: --from %s "
		    "is after --to %s", dun_date_fmt(o->from, a),
		    dun_date_fmt(o->to != DUN_NODATE ? o->to : o->asof, b));
		return NULL;
	}
	/* A group goes to the kinds that can use it; it is an error when
	 * the one kind asked for, or none of several, can. */
	for (k = 0, usable = 0; k < DUN_RK_COUNT; k++)
		usable += (o->kinds & (1u << k)) && o->group != DUN_RG_DEFAULT &&
		    (kinds[k]->groups & (1u << o->group));
	for (k = 0; k < DUN_RK_COUNT; k++)
		if ((o->kinds & (1u << k)) && o->group != DUN_RG_DEFAULT &&
		    !(kinds[k]->groups & (1u << o->group)) && usable == 0) {
			dun_err_set(err, DUN_EXIT_USAGE, "%s cannot be grouped "
			    "by %s", kinds[k]->name, group_names[o->group]);
			return NULL;
		}
	rp = xmalloc(sizeof *rp);
	memset(rp, 0, sizeof *rp);
	x = &rp->x;
	x->c = c;
	x->o = *o;
	x->a = arena_new();
	x->lang = c->notice.language && strcmp(c->notice.language, "en") ==
	    0 ? "en" : "zh";
	x->to = o->to != DUN_NODATE ? o->to : o->asof;
	x->hstart = DUN_NODATE;
	for (k = 0; k < DUN_RK_COUNT; k++) {
		x->from[k] = o->from != DUN_NODATE ? o->from :
		    default_from(k, x->to);
		x->group[k] = o->group != DUN_RG_DEFAULT &&
		    (kinds[k]->groups & (1u << o->group)) ? o->group :
		    kinds[k]->group;
	}
	x->doc.lang = x->lang;
	x->doc.asof = o->asof;
	x->doc.title = strcmp(x->lang, "en") == 0 ? "Collection report" :
	    "物业费催缴报告";
	if (c->company.name && *c->company.name) {
		char *t = arena_alloc(x->a, strlen(c->company.name) + 64);

		sprintf(t, "%s %s", c->company.name, x->doc.title);
		x->doc.title = t;
	}
	for (k = 0; k < DUN_RK_COUNT; k++)
		if (o->kinds & (1u << k))
			rp->k[k] = kinds[k]->init(x);
	return rp;
}

void
dun_report_free(struct dun_report *rp)
{
	size_t i;
	int k;

	if (rp == NULL)
		return;
	for (k = 0; k < DUN_RK_COUNT; k++)
		if (rp->k[k])
			kinds[k]->fini(rp->k[k]);
	dun_trace_free(&rp->tr);
	for (i = 0; i < rp->x.doc.n; i++)
		table_free(rp->x.doc.t[i]);
	free(rp->x.doc.t);
	arena_free(rp->x.a);
	free(rp);
}

size_t
dun_report_tables(const struct dun_report *rp)
{
	return rp->x.doc.n;
}

/* What kind cannot tell, in English; NULL if nothing or not asked for. */
static const char *
caveat(struct dun_report *rp, int kind)
{
	return rp->k[kind] && kinds[kind]->caveat ?
	    kinds[kind]->caveat(rp->k[kind], 1) : NULL;
}

const char *
dun_report_caveat(struct dun_report *rp)
{
	const char *s = caveat(rp, DUN_RK_RATES);

	return s ? s : caveat(rp, DUN_RK_TREND);
}

/* ---- input ------------------------------------------------------------ */

int
dun_report_input(const struct dun_rec *r)
{
	if (dun_rec_col(r, "unit") >= 0 && dun_rec_col(r, "balance") >= 0 &&
	    dun_rec_col(r, "days_overdue") >= 0)
		return DUN_RIN_AGED;
	if (dun_rec_col(r, "notice") >= 0 && dun_rec_col(r, "stage") >= 0 &&
	    dun_rec_col(r, "channel") >= 0)
		return DUN_RIN_NOTICES;
	return 0;
}

int
dun_report_records(struct dun_report *rp, struct dun_rec *r,
    dun_bad_fn *report, void *arg, struct dun_err *err)
{
	int in = dun_report_input(r), kind, k;
	const struct report_kind *rk;

	if (in == 0) {
		dun_err_set(err, DUN_EXIT_DATA, "%s: neither dun-age's nor "
		    "dun-notice's records (no unit, balance and days_overdue; "
		    "no notice, stage and channel)", dun_rec_name(r));
		return -1;
	}
	kind = in == DUN_RIN_AGED ? DUN_RK_AGING : DUN_RK_NOTICES;
	rk = kinds[kind];
	if (!(rp->x.o.kinds & (1u << kind))) {
		dun_err_set(err, DUN_EXIT_USAGE, "%s: %s records serve only "
		    "-k %s", dun_rec_name(r), in == DUN_RIN_AGED ? "dun-age's" :
		    "dun-notice's", rk->name);
		return -1;
	}
	if (rk->bind(rp->k[kind], r, err) < 0)
		return -1;
	rp->x.from_records |= 1u << kind;
	while ((k = dun_rec_next(r, err)) != 0) {
		if (k < 0) {
			if (dun_rec_failed(r))
				return -1;
			report(err, arg);
			continue;
		}
		if (rk->record(rp->k[kind], r, err) < 0)
			report(err, arg);
	}
	return 0;
}

int
dun_report_needs_ledger(const struct dun_report *rp)
{
	return (rp->x.o.kinds & ~rp->x.from_records) != 0;
}

/* One unit of the ledger to each kind that adds up units and was not
 * served by records, traced once for those that need it.  0, or -1 and
 * err. */
static int
report_unit(struct dun_report *rp, const struct dun_hist *h,
    struct dun_err *err)
{
	struct rk_ctx *x = &rp->x;
	struct rk_unit u = { h, NULL, NULL };
	struct dun_aged a;
	int k;

	for (k = 0; k < DUN_RK_COUNT; k++)
		if (rp->k[k] && kinds[k]->trace) {
			if (dun_age_trace(x->c, x->to, h, &a, &rp->tr, err) < 0)
				return -1;
			u.tr = &rp->tr;
			u.aged = &a;
			break;
		}
	for (k = 0; k < DUN_RK_COUNT; k++)
		if (rp->k[k] && kinds[k]->unit && !(x->from_records &
		    (1u << k)) && kinds[k]->unit(rp->k[k], &u, err) < 0)
			return -1;
	return 0;
}

int
dun_report_ledger(struct dun_report *rp, struct dun_ledger *l,
    dun_bad_fn *report, void *arg, struct dun_err *err)
{
	struct rk_ctx *x = &rp->x;
	struct dun_hsrc *src;
	const struct dun_hist *h;
	int bad, k;

	/* A kind that reads the ledger its own way reads it alone. */
	for (k = 0; k < DUN_RK_COUNT; k++)
		if (rp->k[k] && kinds[k]->ledger)
			return kinds[k]->ledger(rp->k[k], l, err);
	if ((x->o.kinds & ~x->from_records & (1u << DUN_RK_AGING)) &&
	    x->group[DUN_RK_AGING] == DUN_RG_CLASS) {
		dun_err_set(err, DUN_EXIT_USAGE, "the ledger does not hold "
		    "the classes: group aging by class from dun-classify's "
		    "records");
		return -1;
	}
	if (dun_ledger_history_start(l, &x->hstart, err) < 0)
		return -1;
	if ((src = dun_hsrc_ledger(l, x->c, NULL, 0, report, arg, err)) ==
	    NULL)
		return -1;
	while ((k = dun_hsrc_next(src, &h, &bad, err)) > 0) {
		if (bad)
			continue;	/* its rows were reported */
		if (report_unit(rp, h, err) < 0)
			report(err, arg);
	}
	dun_hsrc_close(src);
	return k < 0 ? -1 : 0;
}

/* ---- output ----------------------------------------------------------- */


/* The kinds' tables, in order, into the report's doc. */
static void
finish(struct dun_report *rp)
{
	size_t i;
	int k;

	for (i = 0; i < sizeof table_order / sizeof *table_order; i++) {
		k = table_order[i];
		if (rp->k[k] && kinds[k]->finish)
			kinds[k]->finish(rp->k[k]);
	}
}

/* What the kinds wrote beside the report put in place.  0, or -1 and
 * err. */
static int
save_beside(struct dun_report *rp, struct dun_err *err)
{
	int k;

	for (k = 0; k < DUN_RK_COUNT; k++)
		if (rp->k[k] && kinds[k]->save && kinds[k]->save(rp->k[k],
		    err) < 0)
			return -1;
	return 0;
}

int
dun_report_save(struct dun_report *rp, int format, const char *path,
    struct dun_err *err)
{
	struct buf b = { NULL, 0, 0 };
	char *tmp = NULL;
	const char *where = path ? path : "standard output";
	int fd = -1, rc = -1, mask = rp->x.o.mask;

	if (rp->x.doc.n == 0)
		finish(rp);
	if (rp->x.overflow) {
		dun_err_set(err, DUN_EXIT_DATA, "the amounts add up past what "
		    "dun can count");
		return -1;
	}
	if (format != DUN_RF_XLSX) {
		if (format == DUN_RF_HTML)
			doc_html(&rp->x.doc, mask, &b);
		else
			doc_write(&rp->x.doc, format, mask, &b);
		if (path == NULL) {
			if (fd_write(1, b.s ? b.s : "", b.len) < 0)
				goto sys;
			rc = 0;
			goto done;
		}
		if ((fd = temp_beside(path, &tmp)) < 0 ||
		    fd_write(fd, b.s ? b.s : "", b.len) < 0 || fsync(fd) < 0)
			goto sys;
	} else {
		if (path != NULL)
			fd = temp_beside(path, &tmp);
		else {
			const char *dir = getenv("TMPDIR");
			char *p = str_fmt("%s/dun-report.xlsx", dir && *dir ?
			    dir : "/tmp");

			fd = temp_beside(p, &tmp);
			free(p);
		}
		if (fd < 0)
			goto sys;
		if (doc_xlsx(&rp->x.doc, mask, tmp, err) < 0)
			goto done;
		if (path == NULL) {
			if (file_copy(tmp, 1) < 0)
				goto sys;
			rc = 0;
			goto done;
		}
	}
	/* Renamed while its fd, locked, is open: never taken for a dead
	 * run's. */
	if (rename(tmp, path) < 0)
		goto sys;
	free(tmp);
	tmp = NULL;
	if (close(fd) < 0) {
		fd = -1;
		goto sys;
	}
	fd = -1;
	rc = 0;
	goto done;
sys:
	dun_err_set(err, DUN_EXIT_SYS, "%s: %s", where, strerror(errno));
done:
	if (fd >= 0)
		close(fd);
	if (tmp != NULL) {
		unlink(tmp);
		free(tmp);
	}
	buf_free(&b);
	if (rc == 0)
		rc = save_beside(rp, err);
	return rc;
}

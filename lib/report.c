/*
 * report.c — dun-report's engine: which kinds, over which days, grouped
 * how; records or the ledger in; the report out, whole or not at all.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "report.h"

static const char *const kind_names[DUN_RK_COUNT] = { "aging", "rates",
	"collectors", "effect", "trend", "notices", "evidence" };
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

int
dun_report_kind(const char *s)
{
	return lookup(kind_names, DUN_RK_COUNT, s);
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
	return kind >= 0 && kind < DUN_RK_COUNT ? kind_names[kind] : "?";
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

/* ---- groups, keys and months ------------------------------------------ */

void
gmap_init(struct gmap *m, size_t nkeys, size_t size)
{
	memset(m, 0, sizeof *m);
	m->nkeys = nkeys;
	m->size = size;
}

void
gmap_free(struct gmap *m)
{
	size_t i, k;

	for (i = 0; i < m->n; i++) {
		for (k = 0; k < m->nkeys; k++)
			free(m->v[i].key[k]);
		free(m->v[i].data);
	}
	free(m->v);
	free(m->slot);
	memset(m, 0, sizeof *m);
}

static size_t
hash_keys(const struct gmap *m, const char *const *keys)
{
	size_t h = 14695981039346656037u, k;
	const unsigned char *p;

	for (k = 0; k < m->nkeys; k++) {
		for (p = (const unsigned char *)keys[k]; *p; p++)
			h = (h ^ *p) * 1099511628211u;
		h = (h ^ 0x1f) * 1099511628211u;
	}
	return h;
}

static int
same_keys(const struct gmap *m, const struct gent *e, const char *const *keys)
{
	size_t k;

	for (k = 0; k < m->nkeys; k++)
		if (strcmp(e->key[k], keys[k]) != 0)
			return 0;
	return 1;
}

static void
rehash(struct gmap *m)
{
	size_t i, j;

	free(m->slot);
	m->nslot = m->nslot ? 2 * m->nslot : 64;
	m->slot = xmalloc(m->nslot * sizeof *m->slot);
	memset(m->slot, 0, m->nslot * sizeof *m->slot);
	for (i = 0; i < m->n; i++) {
		j = hash_keys(m, (const char *const *)m->v[i].key) &
		    (m->nslot - 1);
		while (m->slot[j])
			j = (j + 1) & (m->nslot - 1);
		m->slot[j] = i + 1;
	}
}

void *
gmap_get(struct gmap *m, const char *const *keys)
{
	size_t j, k;
	struct gent *e;

	if (2 * (m->n + 1) > m->nslot)
		rehash(m);
	j = hash_keys(m, keys) & (m->nslot - 1);
	for (; m->slot[j]; j = (j + 1) & (m->nslot - 1))
		if (same_keys(m, &m->v[m->slot[j] - 1], keys))
			return m->v[m->slot[j] - 1].data;
	if (m->n == m->cap) {
		m->cap = m->cap ? 2 * m->cap : 16;
		m->v = xrealloc(m->v, m->cap * sizeof *m->v);
	}
	e = &m->v[m->n];
	memset(e, 0, sizeof *e);
	for (k = 0; k < m->nkeys; k++)
		e->key[k] = xstrdup(keys[k] ? keys[k] : "");
	e->data = xmalloc(m->size);
	memset(e->data, 0, m->size);
	m->slot[j] = ++m->n;
	return e->data;
}

size_t
group_keys(int g, const struct dun_hist *h, const char *cls,
    const char **keys)
{
	/* info: estate building owner phone occupancy collector */
	switch (g) {
	case DUN_RG_ESTATE:
		keys[0] = h->info[0] ? h->info[0] : "";
		return 1;
	case DUN_RG_BUILDING:
		keys[0] = h->info[0] ? h->info[0] : "";
		keys[1] = h->info[1] ? h->info[1] : "";
		return 2;
	case DUN_RG_COLLECTOR:
		keys[0] = h->info[5] ? h->info[5] : "";
		return 1;
	case DUN_RG_CLASS:
		keys[0] = cls ? cls : "";
		return 1;
	default:
		return 0;
	}
}

void
group_cols(struct table *t, int g)
{
	if (g == DUN_RG_ESTATE || g == DUN_RG_BUILDING)
		table_col(t, "estate", T_TEXT);
	if (g == DUN_RG_BUILDING)
		table_col(t, "building", T_TEXT);
	if (g == DUN_RG_COLLECTOR)
		table_col(t, "collector", T_TEXT);
	if (g == DUN_RG_CLASS)
		table_col(t, "class", T_TEXT);
}

dun_period
month_of(dun_date d)
{
	int y, m, day;

	dun_date_split(d, &y, &m, &day);
	return dun_period_make(y, m);
}

dun_date
month_end(dun_period p)
{
	int y, m;

	dun_period_split(p + 1, &y, &m);
	return dun_date_make(y, m, 1) - 1;
}

/* ---- options ---------------------------------------------------------- */

/* Which groups each kind can use, as bits of DUN_RG_*. */
static const unsigned groups_ok[DUN_RK_COUNT] = {
	[DUN_RK_AGING] = 0x1f,
	[DUN_RK_RATES] = 0x0f,
	[DUN_RK_COLLECTORS] = 1 << DUN_RG_COLLECTOR | 1 << DUN_RG_NONE,
	[DUN_RK_EFFECT] = 0x1f,
	[DUN_RK_TREND] = 0x0f,
	[DUN_RK_NOTICES] = 0x1f,
	[DUN_RK_EVIDENCE] = 1 << DUN_RG_NONE,
};

static const int group_default[DUN_RK_COUNT] = {
	[DUN_RK_AGING] = DUN_RG_ESTATE,
	[DUN_RK_RATES] = DUN_RG_ESTATE,
	[DUN_RK_COLLECTORS] = DUN_RG_COLLECTOR,
	[DUN_RK_EFFECT] = DUN_RG_NONE,
	[DUN_RK_TREND] = DUN_RG_NONE,
	[DUN_RK_NOTICES] = DUN_RG_NONE,
	[DUN_RK_EVIDENCE] = DUN_RG_NONE,
};

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
		    (groups_ok[k] & (1u << o->group));
	for (k = 0; k < DUN_RK_COUNT; k++)
		if ((o->kinds & (1u << k)) && o->group != DUN_RG_DEFAULT &&
		    !(groups_ok[k] & (1u << o->group)) && usable == 0) {
			dun_err_set(err, DUN_EXIT_USAGE, "%s cannot be grouped "
			    "by %s", kind_names[k], group_names[o->group]);
			return NULL;
		}
	rp = xmalloc(sizeof *rp);
	memset(rp, 0, sizeof *rp);
	rp->c = c;
	rp->o = *o;
	rp->a = arena_new();
	rp->lang = c->notice.language && strcmp(c->notice.language, "en") ==
	    0 ? "en" : "zh";
	rp->to = o->to != DUN_NODATE ? o->to : o->asof;
	rp->hstart = DUN_NODATE;
	rp->pdf_fd = -1;
	for (k = 0; k < DUN_RK_COUNT; k++) {
		rp->from[k] = o->from != DUN_NODATE ? o->from :
		    default_from(k, rp->to);
		rp->group[k] = o->group != DUN_RG_DEFAULT &&
		    (groups_ok[k] & (1u << o->group)) ? o->group :
		    group_default[k];
	}
	rp->doc.lang = rp->lang;
	rp->doc.asof = o->asof;
	rp->doc.title = strcmp(rp->lang, "en") == 0 ? "Collection report" :
	    "物业费催缴报告";
	if (c->company.name && *c->company.name) {
		char *t = arena_alloc(rp->a, strlen(c->company.name) + 64);

		sprintf(t, "%s %s", c->company.name, rp->doc.title);
		rp->doc.title = t;
	}
	rp->k = kinds_new(rp);
	return rp;
}

void
dun_report_free(struct dun_report *rp)
{
	size_t i;

	if (rp == NULL)
		return;
	if (rp->pdf_tmp) {
		unlink(rp->pdf_tmp);
		free(rp->pdf_tmp);
	}
	if (rp->pdf_fd >= 0)
		close(rp->pdf_fd);
	kinds_free(rp->k);
	for (i = 0; i < rp->doc.n; i++)
		table_free(rp->doc.t[i]);
	free(rp->doc.t);
	arena_free(rp->a);
	free(rp);
}

size_t
dun_report_tables(const struct dun_report *rp)
{
	return rp->doc.n;
}

const char *
dun_report_caveat(struct dun_report *rp)
{
	const char *s = kinds_caveat(rp->k, DUN_RK_RATES, 1);

	return s ? s : kinds_caveat(rp->k, DUN_RK_TREND, 1);
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

	if (in == 0) {
		dun_err_set(err, DUN_EXIT_DATA, "%s: neither dun-age's nor "
		    "dun-notice's records (no unit, balance and days_overdue; "
		    "no notice, stage and channel)", dun_rec_name(r));
		return -1;
	}
	kind = in == DUN_RIN_AGED ? DUN_RK_AGING : DUN_RK_NOTICES;
	if (!(rp->o.kinds & (1u << kind))) {
		dun_err_set(err, DUN_EXIT_USAGE, "%s: %s records serve only "
		    "-k %s", dun_rec_name(r), in == DUN_RIN_AGED ? "dun-age's" :
		    "dun-notice's", kind_names[kind]);
		return -1;
	}
	if (kinds_bind(rp->k, r, in, err) < 0)
		return -1;
	rp->from_records |= 1u << kind;
	while ((k = dun_rec_next(r, err)) != 0) {
		if (k < 0) {
			if (dun_rec_failed(r))
				return -1;
			report(err, arg);
			continue;
		}
		k = in == DUN_RIN_AGED ? kinds_aged_record(rp->k, r, err) :
		    kinds_notice_record(rp->k, r, err);
		if (k < 0)
			report(err, arg);
	}
	return 0;
}

int
dun_report_needs_ledger(const struct dun_report *rp)
{
	return (rp->o.kinds & ~rp->from_records) != 0;
}

int
dun_report_ledger(struct dun_report *rp, struct dun_ledger *l,
    dun_bad_fn *report, void *arg, struct dun_err *err)
{
	struct dun_hsrc *src;
	const struct dun_hist *h;
	int bad, k;

	if (rp->o.kinds & (1u << DUN_RK_EVIDENCE))
		return evidence_pack(rp, l, err);
	if ((rp->o.kinds & ~rp->from_records & (1u << DUN_RK_AGING)) &&
	    rp->group[DUN_RK_AGING] == DUN_RG_CLASS) {
		dun_err_set(err, DUN_EXIT_USAGE, "the ledger does not hold "
		    "the classes: group aging by class from dun-classify's "
		    "records");
		return -1;
	}
	if (dun_ledger_history_start(l, &rp->hstart, err) < 0)
		return -1;
	if ((src = dun_hsrc_ledger(l, rp->c, NULL, 0, report, arg, err)) ==
	    NULL)
		return -1;
	while ((k = dun_hsrc_next(src, &h, &bad, err)) > 0) {
		if (bad)
			continue;	/* its rows were reported */
		if (kinds_unit(rp->k, h, err) < 0)
			report(err, arg);
	}
	dun_hsrc_close(src);
	return k < 0 ? -1 : 0;
}

/* ---- output ----------------------------------------------------------- */

static int
write_all(int fd, const char *s, size_t n)
{
	ssize_t k;

	while (n > 0) {
		k = write(fd, s, n);
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0)
			return -1;
		s += k;
		n -= (size_t)k;
	}
	return 0;
}

int
temp_beside(const char *path, char **tmp)
{
	const char *slash = strrchr(path, '/');
	size_t dir = slash ? (size_t)(slash - path) + 1 : 0;
	char *t = xmalloc(strlen(path) + 16);
	int fd;

	/* What a run killed midway left here. */
	temp_sweep(path);
	memcpy(t, path, dir);
	sprintf(t + dir, ".%s.XXXXXX", path + dir);
	/* The report's own file, 0600 whatever the umask (dun(7)). */
	if ((fd = mkstemp(t)) < 0 || fchmod(fd, 0600) < 0) {
		if (fd >= 0) {
			close(fd);
			unlink(t);
		}
		free(t);
		return -1;
	}
	/* Held while this run lives (where the file system can lock). */
	temp_lock(fd);
	*tmp = t;
	return fd;
}

/* Copy the file at path to fd. */
static int
copy_out(const char *path, int fd)
{
	char b[65536];
	ssize_t k;
	int in = open(path, O_RDONLY);

	if (in < 0)
		return -1;
	while ((k = read(in, b, sizeof b)) > 0)
		if (write_all(fd, b, (size_t)k) < 0)
			break;
	close(in);
	return k == 0 ? 0 : -1;
}

static int
save_pdf(struct dun_report *rp, struct dun_err *err)
{
	if (rp->pdf_tmp == NULL)
		return 0;
	if (rename(rp->pdf_tmp, rp->o.pdf) < 0) {
		dun_err_set(err, DUN_EXIT_SYS, "%s: %s", rp->o.pdf,
		    strerror(errno));
		return -1;
	}
	free(rp->pdf_tmp);
	rp->pdf_tmp = NULL;
	if (rp->pdf_fd >= 0)
		close(rp->pdf_fd);
	rp->pdf_fd = -1;
	return 0;
}

int
dun_report_save(struct dun_report *rp, int format, const char *path,
    struct dun_err *err)
{
	struct buf b = { NULL, 0, 0 };
	char *tmp = NULL;
	const char *where = path ? path : "standard output";
	int fd = -1, rc = -1, mask = rp->o.mask;

	if (rp->doc.n == 0)
		kinds_finish(rp->k);
	if (kinds_overflow(rp->k)) {
		dun_err_set(err, DUN_EXIT_DATA, "the amounts add up past what "
		    "dun can count");
		return -1;
	}
	if (format != DUN_RF_XLSX) {
		doc_write(&rp->doc, format, mask, &b);
		if (path == NULL) {
			if (write_all(1, b.s ? b.s : "", b.len) < 0)
				goto sys;
			rc = 0;
			goto done;
		}
		if ((fd = temp_beside(path, &tmp)) < 0 ||
		    write_all(fd, b.s ? b.s : "", b.len) < 0 || fsync(fd) < 0)
			goto sys;
	} else {
		if (path != NULL)
			fd = temp_beside(path, &tmp);
		else {
			const char *dir = getenv("TMPDIR");
			char p[4096];

			snprintf(p, sizeof p, "%s/dun-report.xlsx",
			    dir && *dir ? dir : "/tmp");
			fd = temp_beside(p, &tmp);
		}
		if (fd < 0)
			goto sys;
		if (doc_xlsx(&rp->doc, mask, tmp, err) < 0)
			goto done;
		if (path == NULL) {
			if (copy_out(tmp, 1) < 0)
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
		rc = save_pdf(rp, err);
	return rc;
}

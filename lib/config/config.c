/*
 * config.c — dun.yaml into typed structs.  Every key is known, as a row
 * of its section's table (confkeys.h): its name, type, field and range;
 * the rules (fees, allocation, aging, the ladder, the classes) are in
 * confrules.c, the other sections here.  An unknown key, a wrong type or
 * a bad value is an error at its line and column.  The user's file is
 * merged over the compiled-in default.
 */
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "confkeys.h"
#include "calendar.h"

/* Where a key's value goes, in the struct its table is read into. */
#define CFG(m)		offsetof(struct dun_config, m)
#define WINDOW(m)	offsetof(struct dun_window, m)

/* ---- contact, calendar and limitation ----------------------------- */

/* contact.quiet_dates: a list of dates, or ~. */
static int
load_quiet_dates(struct cx *x, const struct ynode *v, void *cfg)
{
	struct dun_config *c = cfg;

	return conf_dates(x, v, &c->contact.dates, &c->contact.ndates);
}

/* contact.quiet_yearly: a list of "MM-DD", or ~. */
static int
load_quiet_yearly(struct cx *x, const struct ynode *v, void *cfg)
{
	struct dun_config *c = cfg;

	return conf_monthdays(x, v, 0, &c->contact.yearly,
	    &c->contact.nyearly);
}

/* contact.quiet_lunar: a list of lunar "MM-DD", "MM-last" or 除夕. */
static int
load_quiet_lunar(struct cx *x, const struct ynode *v, void *cfg)
{
	struct dun_config *c = cfg;

	return conf_monthdays(x, v, 1, &c->contact.lunar, &c->contact.nlunar);
}

/* contact.quiet_hours: a list of spans of hours, or ~ for none. */
static int
load_quiet_hours(struct cx *x, const struct ynode *v, void *cfg)
{
	struct dun_config *c = cfg;
	struct dun_window *w;
	size_t j;

	c->contact.nquiet_hours = 0;
	if (v->kind == Y_NULL)
		return 0;
	if (conf_want(x, v, Y_SEQ) < 0)
		return -1;
	w = arena_alloc(x->a, (v->nkids + 1) * sizeof *w);
	c->contact.quiet_hours = w;
	c->contact.nquiet_hours = v->nkids;
	for (j = 0; j < v->nkids; j++)
		if (conf_hours(x, v->kids[j], &w[j]) < 0)
			return -1;
	return 0;
}

/* A window's hours, "09:00-18:00", into the dun_window. */
static int
load_hours(struct cx *x, const struct ynode *v, void *window)
{
	return conf_hours(x, v, window);
}

static const struct key window_keys[] = {	/* read in this order */
	{ "days", K_WEEKDAYS, WINDOW(days), 0, 0, NULL, NULL },
	{ "hours", K_FN, 0, 0, 0, NULL, load_hours },
	KEY_END
};

/* A window of contact, days and hours, into a dun_window. */
static int
load_window(struct cx *x, const struct ynode *n, void *window)
{
	if (conf_known(x, n, window_keys) < 0)
		return -1;
	return conf_rows(x, n, window_keys, NULL, window);
}

static const struct key contact_keys[] = {
	{ "quiet_dates", K_FN, 0, 0, 0, NULL, load_quiet_dates },
	{ "quiet_yearly", K_FN, 0, 0, 0, NULL, load_quiet_yearly },
	{ "quiet_lunar", K_FN, 0, 0, 0, NULL, load_quiet_lunar },
	{ "quiet_weekdays", K_WEEKDAYS, CFG(contact.weekdays), 0, 0, NULL,
	    NULL },
	{ "quiet_hours", K_FN, 0, 0, 0, NULL, load_quiet_hours },
	{ "call_window", K_FN, CFG(contact.call), 0, 0, NULL, load_window },
	{ "visit_window", K_FN, CFG(contact.visit), 0, 0, NULL, load_window },
	{ "min_gap_days", K_INT, CFG(contact.min_gap_days), 0, 365, NULL,
	    NULL },
	{ "sms_segments", K_INT, CFG(contact.sms_segments), 1, 20, NULL,
	    NULL },
	{ "promise_grace_days", K_INT, CFG(contact.promise_grace_days), 0,
	    365, NULL, NULL },
	{ "quiet_holidays", K_BOOL, CFG(contact.holidays), 0, 0, NULL, NULL },
	KEY_END
};

/* contact, into x->c (cfg): when dun may reach people. */
static int
load_contact(struct cx *x, const struct ynode *n, void *cfg)
{
	return conf_keys(x, n, contact_keys, cfg);
}

/* The days off and the weekend days worked that calendar lists, and
 * limitation by their older names, kept in x->days until all is read. */
static int
load_days(struct cx *x, const struct ynode *v, int i)
{
	return conf_dates(x, v, &x->days[i], &x->ndays[i]);
}

/* calendar.holidays, into x->days[0]. */
static int
load_days_off(struct cx *x, const struct ynode *v, void *cfg)
{
	(void)cfg;
	return load_days(x, v, 0);
}

/* calendar.workdays, into x->days[1]. */
static int
load_days_worked(struct cx *x, const struct ynode *v, void *cfg)
{
	(void)cfg;
	return load_days(x, v, 1);
}

/* limitation.holidays, calendar.holidays' older name, into x->days[2]. */
static int
load_old_days_off(struct cx *x, const struct ynode *v, void *cfg)
{
	(void)cfg;
	return load_days(x, v, 2);
}

/* limitation.workdays, into x->days[3]. */
static int
load_old_days_worked(struct cx *x, const struct ynode *v, void *cfg)
{
	(void)cfg;
	return load_days(x, v, 3);
}

static const struct key calendar_keys[] = {
	{ "file", K_STR, CFG(calendar.file), 0, 0, NULL, NULL },
	{ "holidays", K_FN, 0, 0, 0, NULL, load_days_off },
	{ "workdays", K_FN, 0, 0, 0, NULL, load_days_worked },
	KEY_END
};

/* calendar, into x->c (cfg) and x->days. */
static int
load_calendar(struct cx *x, const struct ynode *n, void *cfg)
{
	return conf_keys(x, n, calendar_keys, cfg);
}

/* limitation.restart: a list of events, or ~, into DUN_RESTART_* bits
 * (an int). */
static int
load_restart(struct cx *x, const struct ynode *v, void *bits)
{
	static const char *const restarts[] = { "demand-served", "promise",
		"ack", "part-payment", NULL };
	size_t j;
	int r;

	*(int *)bits = 0;
	if (v->kind != Y_NULL && conf_want(x, v, Y_SEQ) < 0)
		return -1;
	for (j = 0; v->kind == Y_SEQ && j < v->nkids; j++) {
		if (conf_enum(x, v->kids[j], restarts, &r) < 0)
			return -1;
		*(int *)bits |= 1 << r;
	}
	return 0;
}

static const struct key limitation_keys[] = {
	{ "years", K_INT, CFG(limitation.years), 1, 30, NULL, NULL },
	{ "warn_days", K_INT, CFG(limitation.warn_days), 0, 3650, NULL,
	    NULL },
	{ "restart", K_FN, CFG(limitation.restart), 0, 0, NULL,
	    load_restart },
	{ "weekends", K_BOOL, CFG(limitation.weekends), 0, 0, NULL, NULL },
	{ "holidays", K_FN, 0, 0, 0, NULL, load_old_days_off },
	{ "workdays", K_FN, 0, 0, 0, NULL, load_old_days_worked },
	KEY_END
};

/* limitation, into x->c (cfg) and x->days. */
static int
load_limitation(struct cx *x, const struct ynode *n, void *cfg)
{
	return conf_keys(x, n, limitation_keys, cfg);
}

/* ---- company and notice ------------------------------------------- */

static const struct key company_keys[] = {	/* read in this order */
	{ "name", K_STR, CFG(company.name), 0, 0, NULL, NULL },
	{ "address", K_STR, CFG(company.address), 0, 0, NULL, NULL },
	{ "phone", K_STR, CFG(company.phone), 0, 0, NULL, NULL },
	{ "email", K_EMAIL, CFG(company.email), 0, 0, NULL, NULL },
	{ "bank", K_STR, CFG(company.bank), 0, 0, NULL, NULL },
	{ "account", K_STR, CFG(company.account), 0, 0, NULL, NULL },
	{ "pay_link", K_STR, CFG(company.pay_link), 0, 0, NULL, NULL },
	{ "clause", K_STR, CFG(company.clause), 0, 0, NULL, NULL },
	{ "signature", K_STR, CFG(company.signature), 0, 0, NULL, NULL },
	KEY_END
};

/* company, into x->c (cfg): the sender of notices. */
static int
load_company(struct cx *x, const struct ynode *n, void *cfg)
{
	if (conf_known(x, n, company_keys) < 0)
		return -1;
	return conf_rows(x, n, company_keys, NULL, cfg);
}

static const char *const sms_formats[] = { "form", "json", NULL };
static const struct key sms_keys[] = {		/* read in this order */
	{ "gateway", K_STR, CFG(notice.sms.gateway), 0, 0, NULL, NULL },
	{ "format", K_ENUM, CFG(notice.sms.json), 0, 0, sms_formats, NULL },
	{ "fields", K_PAIRS, CFG(notice.sms.fields), 0, 0, NULL, NULL },
	{ "headers", K_STRS, CFG(notice.sms.headers), 0, 0, NULL, NULL },
	{ "timeout", K_INT, CFG(notice.sms.timeout), 1, 600, NULL, NULL },
	KEY_END
};

/* notice.sms, into x->c (cfg): the SMS gateway. */
static int
load_sms(struct cx *x, const struct ynode *n, void *cfg)
{
	if (conf_known(x, n, sms_keys) < 0)
		return -1;
	return conf_rows(x, n, sms_keys, NULL, cfg);
}

static const struct key email_keys[] = {	/* read in this order */
	{ "smtp", K_STR, CFG(notice.email.smtp), 0, 0, NULL, NULL },
	{ "from", K_EMAIL, CFG(notice.email.from), 0, 0, NULL, NULL },
	{ "user", K_STR, CFG(notice.email.user), 0, 0, NULL, NULL },
	{ "password", K_STR, CFG(notice.email.password), 0, 0, NULL, NULL },
	/* read after the sender is checked */
	{ "timeout", K_INT, CFG(notice.email.timeout), 1, 600, NULL, NULL },
	KEY_END
};

/* notice.email, after company: a server is told who sends. */
static int
load_email(struct cx *x, const struct ynode *n, void *cfg)
{
	struct dun_config *c = cfg;
	const struct key *timeout = &email_keys[4];

	if (conf_known(x, n, email_keys) < 0 ||
	    conf_rows(x, n, email_keys, timeout, c) < 0)
		return -1;
	if (c->notice.email.smtp != NULL && c->notice.email.from == NULL &&
	    c->company.email == NULL) {
		conf_push(x, "smtp");
		return conf_bad(x, ynode_get(n, "smtp"), "sending e-mail needs "
		    "the sender's address: set notice.email.from or "
		    "company.email");
	}
	return conf_rows(x, n, timeout, NULL, c);
}

static const char *const languages[] = { "zh", "en", NULL };
static const struct key notice_keys[] = {	/* read in this order */
	{ "language", K_NAME, CFG(notice.language), 0, 0, languages, NULL },
	{ "templates", K_STR, CFG(notice.templates), 0, 0, NULL, NULL },
	{ "deadline_days", K_INT, CFG(notice.deadline_days), 0, 365, NULL,
	    NULL },
	{ "font", K_STR, CFG(notice.font), 0, 0, NULL, NULL },
	{ "board", K_BOOL, CFG(notice.board), 0, 0, NULL, NULL },
	{ "sms", K_SECTION, 0, 0, 0, NULL, load_sms },
	{ "email", K_SECTION, 0, 0, 0, NULL, load_email },
	KEY_END
};

/* notice, into x->c (cfg), after company. */
static int
load_notice(struct cx *x, const struct ynode *n, void *cfg)
{
	if (conf_known(x, n, notice_keys) < 0)
		return -1;
	return conf_rows(x, n, notice_keys, NULL, cfg);
}

/* ---- import ------------------------------------------------------- */

/* import.dates: a list of the forms of dates, into DUN_DATE_* flags. */
static int
load_date_forms(struct cx *x, const struct ynode *v, void *flags)
{
	static const char *const forms[] = { "iso", "slash", "cjk",
		"compact", "excel", NULL };
	size_t i;
	int d;

	*(int *)flags = 0;
	if (conf_want(x, v, Y_SEQ) < 0)
		return -1;
	for (i = 0; i < v->nkids; i++) {
		if (conf_enum(x, v->kids[i], forms, &d) < 0)
			return -1;
		*(int *)flags |= 1 << d;
	}
	return 0;
}

/* Does every {...} of a unit template name a part?  0, or -1. */
static int
template_parts(const char *t)
{
	static const char *const parts[] = { "{estate}", "{building}",
		"{entrance}", "{room}", NULL };
	const char *open, *close;
	size_t i;

	for (; (open = strchr(t, '{')) != NULL; t = close + 1) {
		if ((close = strchr(open, '}')) == NULL)
			return -1;
		for (i = 0; parts[i]; i++)
			if (strncmp(open, parts[i], strlen(parts[i])) == 0 &&
			    open + strlen(parts[i]) == close + 1)
				break;
		if (parts[i] == NULL)
			return -1;
	}
	return strchr(t, '}') ? -1 : 0;
}

/* import.unit_template, a char *: parts of a unit, {room} among them. */
static int
load_unit_template(struct cx *x, const struct ynode *v, void *template)
{
	char **t = template;

	if (conf_str(x, v, t) < 0)
		return -1;
	if (*t == NULL || strstr(*t, "{room}") == NULL)
		return conf_bad(x, v, "a unit template needs {room}, as in "
		    "\"{building}-{entrance}-{room}\"");
	if (template_parts(*t) < 0)
		return conf_bad(x, v, "a unit template's parts are {estate}, "
		    "{building}, {entrance} and {room}");
	return 0;
}

static const struct key occupancy_keys[] = {	/* read in this order */
	{ "owner", K_STRS, CFG(import.occupancy[0]), 0, 0, NULL, NULL },
	{ "tenant", K_STRS, CFG(import.occupancy[1]), 0, 0, NULL, NULL },
	{ "vacant", K_STRS, CFG(import.occupancy[2]), 0, 0, NULL, NULL },
	KEY_END
};

/* import.occupancy: the words for owner, tenant and vacant. */
static int
load_occupancy(struct cx *x, const struct ynode *n, void *cfg)
{
	if (conf_known(x, n, occupancy_keys) < 0)
		return -1;
	return conf_rows(x, n, occupancy_keys, NULL, cfg);
}

/* An import's aliases for one kind of file. */
#define KIND_ALIASES(k)	CFG(import.kind_aliases[k])

static const struct key import_keys[] = {	/* read in this order */
	{ "encoding", K_STR, CFG(import.encoding), 0, 0, NULL, NULL },
	{ "dates", K_FN, CFG(import.dates), 0, 0, NULL, load_date_forms },
	{ "aliases", K_COLUMNS, CFG(import.aliases), 0, 0, NULL, NULL },
	{ "unit_aliases", K_COLUMNS, KIND_ALIASES(DUN_KIND_UNIT), 0, 0, NULL,
	    NULL },
	{ "charge_aliases", K_COLUMNS, KIND_ALIASES(DUN_KIND_CHARGE), 0, 0,
	    NULL, NULL },
	{ "payment_aliases", K_COLUMNS, KIND_ALIASES(DUN_KIND_PAYMENT), 0, 0,
	    NULL, NULL },
	{ "adjustment_aliases", K_COLUMNS, KIND_ALIASES(DUN_KIND_ADJUSTMENT),
	    0, 0, NULL, NULL },
	{ "event_aliases", K_COLUMNS, KIND_ALIASES(DUN_KIND_EVENT), 0, 0,
	    NULL, NULL },
	{ "unit_template", K_FN, CFG(import.unit_template), 0, 0, NULL,
	    load_unit_template },
	{ "unit_suffixes", K_STRS, CFG(import.unit_suffixes), 0, 0, NULL,
	    NULL },
	{ "skip_rows", K_STRS, CFG(import.skip_rows), 0, 0, NULL, NULL },
	{ "occupancy", K_FN, 0, 0, 0, NULL, load_occupancy },
	KEY_END
};

/* import, into x->c (cfg): how input files are read. */
static int
load_import(struct cx *x, const struct ynode *n, void *cfg)
{
	if (conf_known(x, n, import_keys) < 0)
		return -1;
	return conf_rows(x, n, import_keys, NULL, cfg);
}

/* ---- the whole ---------------------------------------------------- */

/* Read in this order: fees before allocation, the ladder before the
 * classes, company before notice. */
static const struct key config_keys[] = {
	{ "ledger", K_STR, CFG(ledger), 0, 0, NULL, NULL },
	{ "fees", K_SECTION, 0, 0, 0, NULL, conf_fees },
	{ "allocation", K_SECTION, 0, 0, 0, NULL, conf_allocation },
	{ "aging", K_SECTION, 0, 0, 0, NULL, conf_aging },
	{ "ladder", K_SECTION, 0, 0, 0, NULL, conf_ladder },
	{ "classes", K_SECTION, 0, 0, 0, NULL, conf_classes },
	{ "contact", K_SECTION, 0, 0, 0, NULL, load_contact },
	{ "limitation", K_SECTION, 0, 0, 0, NULL, load_limitation },
	{ "company", K_SECTION, 0, 0, 0, NULL, load_company },
	{ "import", K_SECTION, 0, 0, 0, NULL, load_import },
	{ "notice", K_SECTION, 0, 0, 0, NULL, load_notice },
	{ "calendar", K_SECTION, 0, 0, 0, NULL, load_calendar },
	KEY_END
};

/* The whole config from root into x->c, section by section, in
 * config_keys' order.  0, or -1 with x->err set. */
static int
load(struct cx *x, const struct ynode *root)
{
	if (conf_known(x, root, config_keys) < 0 ||
	    conf_rows(x, root, config_keys, NULL, x->c) < 0)
		return -1;
	if (x->c->aging.nbounds == 0)
		return conf_bad(x, root, "the aging section is missing");
	if (x->c->aging.nbounds + 1 > DUN_MAXBUCKETS)
		return conf_bad(x, root, "too many aging buckets");
	return 0;
}

/* The days of limitation.holidays (or .workdays) after those of
 * calendar.holidays (.workdays), into the latter. */
static int
join_days(struct cx *x, int to, int from)
{
	dun_date *v;

	if (x->ndays[from] == 0)
		return 0;
	v = arena_alloc(x->a, (x->ndays[to] + x->ndays[from]) * sizeof *v);
	if (x->ndays[to] > 0)
		memcpy(v, x->days[to], x->ndays[to] * sizeof *v);
	memcpy(v + x->ndays[to], x->days[from], x->ndays[from] * sizeof *v);
	x->days[to] = v;
	x->ndays[to] += x->ndays[from];
	return 0;
}

/* The config from the merged tree root, in arena a (which it then
 * owns); NULL with err set on error. */
static struct dun_config *
build_config(struct arena *a, struct ynode *root, struct dun_err *err)
{
	struct dun_config *c = xmalloc(sizeof *c);
	struct cx x;

	memset(c, 0, sizeof *c);
	c->arena = a;
	c->allocation.named_first = 1;
	c->limitation.years = 3;
	c->contact.holidays = 1;
	c->import.dates = DUN_DATE_ANY;
	c->notice.language = "zh";
	c->notice.sms.timeout = c->notice.email.timeout = 30;
	memset(&x, 0, sizeof x);
	x.c = c;
	x.a = a;
	x.err = err;
	if (load(&x, root) < 0 || join_days(&x, 0, 2) < 0 ||
	    join_days(&x, 1, 3) < 0 || calendar_build(c, a, x.days[0],
	    x.ndays[0], x.days[1], x.ndays[1], err) < 0) {
		dun_config_free(c);
		return NULL;
	}
	if ((c->source = ynode_emit(root)) == NULL) {
		dun_err_set(err, DUN_EXIT_SYS, "cannot write the config as "
		    "YAML");
		dun_config_free(c);
		return NULL;
	}
	return c;
}

struct dun_config *
dun_config_parse(const char *text, size_t n, const char *name, int bare,
    struct dun_err *err)
{
	struct arena *a = arena_new();
	struct ynode *def = NULL, *user;
	struct dun_config *c;

	if (!bare) {
		def = ynode_parse(a, dun_default_config, dun_default_config_len,
		    CONF_DEFAULT, err);
		if (def == NULL)
			goto fail;
	}
	if ((user = ynode_parse(a, text, n, name, err)) == NULL)
		goto fail;
	if ((c = build_config(a, def ? ynode_merge(a, def, user) : user,
	    err)) == NULL)
		return NULL;
	return c;
fail:
	arena_free(a);
	return NULL;
}

/* The file at path, malloc'd and NUL-terminated, its length into *n;
 * NULL with err set (DUN_EXIT_USAGE) if it cannot be read. */
static char *
slurp(const char *path, size_t *n, struct dun_err *err)
{
	int fd = open(path, O_RDONLY);
	struct stat st;
	char *buf;
	ssize_t k;
	size_t got = 0;

	if (fd < 0 || fstat(fd, &st) < 0) {
		dun_err_set(err, DUN_EXIT_USAGE, "%s: %s", path,
		    strerror(errno));
		if (fd >= 0)
			close(fd);
		return NULL;
	}
	buf = xmalloc((size_t)st.st_size + 1);
	while (got < (size_t)st.st_size &&
	    (k = read(fd, buf + got, (size_t)st.st_size - got)) > 0)
		got += (size_t)k;
	close(fd);
	buf[got] = '\0';
	*n = got;
	return buf;
}

struct dun_config *
dun_config_load(const char *path, struct dun_err *err)
{
	struct dun_config *c;
	char *text;
	size_t n;

	if (path == NULL || *path == '\0')
		path = getenv("DUN_CONFIG");
	if ((path == NULL || *path == '\0') && access("dun.yaml", F_OK) == 0)
		path = "dun.yaml";
	if (path == NULL || *path == '\0')
		return dun_config_parse("{}", 2, CONF_DEFAULT, 0, err);
	if ((text = slurp(path, &n, err)) == NULL)
		return NULL;
	c = dun_config_parse(text, n, path, 0, err);
	free(text);
	return c;
}

/* A phone or an account number with no digit but 0 in it. */
static int
zeros(const char *s)
{
	for (; *s; s++)
		if (*s >= '1' && *s <= '9')
			return 0;
	return 1;
}

char *
dun_config_example_company(const struct dun_config *c)
{
	struct dun_err e;
	struct dun_config *d;
	struct buf b = { 0 };
	const char *const name[] = { "company.name", "company.address",
		"company.phone", "company.bank", "company.account" };
	const char *mine[5], *example[5];
	size_t k;

	memset(&e, 0, sizeof e);
	if ((d = dun_config_parse("{}", 2, CONF_DEFAULT, 0, &e)) == NULL)
		return xstrdup("company");
	mine[0] = c->company.name;
	mine[1] = c->company.address;
	mine[2] = c->company.phone;
	mine[3] = c->company.bank;
	mine[4] = c->company.account;
	example[0] = d->company.name;
	example[1] = d->company.address;
	example[2] = d->company.phone;
	example[3] = d->company.bank;
	example[4] = d->company.account;
	for (k = 0; k < 5; k++) {
		const char *v = mine[k] ? mine[k] : "";
		int bad = example[k] && strcmp(v, example[k]) == 0;

		/* A notice names its sender and a number to call. */
		if ((k == 0 || k == 2) && *v == '\0')
			bad = 1;
		if ((k == 2 || k == 4) && *v != '\0' && zeros(v))
			bad = 1;
		if (bad) {
			buf_str(&b, b.len ? ", " : "");
			buf_str(&b, name[k]);
		}
	}
	dun_config_free(d);
	return b.s;
}

void
dun_config_free(struct dun_config *c)
{
	if (c == NULL)
		return;
	arena_free(c->arena);
	free(c->source);
	free(c);
}

const char *
dun_config_text(const struct dun_config *c)
{
	return c->source;
}

const struct dun_fee *
dun_config_fee(const struct dun_config *c, const char *name)
{
	size_t i, k;

	for (i = 0; i < c->nfees; i++) {
		const struct dun_fee *f = &c->fees[i];

		if (strcmp(f->key, name) == 0 || strcmp(f->label, name) == 0)
			return f;
		for (k = 0; k < f->aliases.n; k++)
			if (strcmp(f->aliases.v[k], name) == 0)
				return f;
	}
	return NULL;
}

int
stage_index(const struct dun_config *c, const char *name)
{
	size_t i;

	for (i = 0; name && i < c->nstages; i++)
		if (strcmp(c->stages[i].name, name) == 0)
			return (int)i;
	return -1;
}

/* The fee a row names: its index, DUN_FEE_NONE for none, DUN_FEE_LATE for
 * the late fee (when late_ok), or -3 for a fee the config lacks. */
int
fee_index(const struct dun_config *c, const char *name, int late_ok)
{
	const struct dun_fee *f;

	if (name == NULL || *name == '\0')
		return DUN_FEE_NONE;
	if (late_ok && (strcmp(name, "late") == 0 || strcmp(name, "违约金") ==
	    0 || strcmp(name, "滞纳金") == 0))
		return DUN_FEE_LATE;
	if ((f = dun_config_fee(c, name)) == NULL)
		return -3;
	return (int)(f - c->fees);
}

int
fee_is_deposit(const struct dun_config *c, const char *name)
{
	size_t i;

	for (i = 0; i < c->allocation.deposits.n; i++)
		if (strstr(name, c->allocation.deposits.v[i]) != NULL)
			return 1;
	return 0;
}

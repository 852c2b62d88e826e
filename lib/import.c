/*
 * import.c — a file's header mapped onto dun's columns, its kind settled,
 * and each row checked, typed and put into the ledger.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ledger.h"

static const char *const kind_names[DUN_KIND_COUNT] = { "unit", "charge",
	"payment", "adjustment", "event" };

enum { C_UNIT, C_ESTATE, C_BUILDING, C_OWNER, C_PHONE, C_EMAIL, C_ADDRESS,
	C_AREA, C_OCCUPANCY, C_COLLECTOR, C_DNC, C_FEE, C_PERIOD, C_DUE,
	C_AMOUNT, C_REF, C_DATE, C_METHOD, C_REASON, C_TYPE, C_NOTE };

#define BIT(c) (1L << (c))

/* The columns each kind uses, and those it must have. */
static const long kind_cols[DUN_KIND_COUNT] = {
	BIT(C_UNIT) | BIT(C_ESTATE) | BIT(C_BUILDING) | BIT(C_OWNER) |
	    BIT(C_PHONE) | BIT(C_EMAIL) | BIT(C_ADDRESS) | BIT(C_AREA) |
	    BIT(C_OCCUPANCY) | BIT(C_COLLECTOR) | BIT(C_DNC),
	BIT(C_UNIT) | BIT(C_FEE) | BIT(C_PERIOD) | BIT(C_DUE) | BIT(C_AMOUNT),
	BIT(C_REF) | BIT(C_UNIT) | BIT(C_DATE) | BIT(C_AMOUNT) | BIT(C_FEE) |
	    BIT(C_PERIOD) | BIT(C_METHOD),
	BIT(C_REF) | BIT(C_UNIT) | BIT(C_DATE) | BIT(C_AMOUNT) | BIT(C_FEE) |
	    BIT(C_PERIOD) | BIT(C_REASON),
	BIT(C_UNIT) | BIT(C_DATE) | BIT(C_TYPE) | BIT(C_DUE) | BIT(C_AMOUNT) |
	    BIT(C_REF) | BIT(C_NOTE),
};
static const long kind_need[DUN_KIND_COUNT] = {
	BIT(C_UNIT),
	BIT(C_UNIT) | BIT(C_FEE) | BIT(C_PERIOD) | BIT(C_DUE) | BIT(C_AMOUNT),
	BIT(C_REF) | BIT(C_UNIT) | BIT(C_DATE) | BIT(C_AMOUNT),
	BIT(C_REF) | BIT(C_UNIT) | BIT(C_DATE) | BIT(C_AMOUNT),
	BIT(C_UNIT) | BIT(C_DATE) | BIT(C_TYPE),
};

static const char *const event_types[] = { "promise", "dispute",
	"resolved", "hardship", "plan", "contact", "served", "ack", "dnc",
	"contact-ok", NULL };

struct dun_import {
	struct dun_ledger *l;
	const struct dun_config *c;
	struct dun_import_opts o;
	int kind;
	int map[DUN_NCOLUMNS];		/* column -> field index, or -1 */
	long have;			/* columns present: bits */
	int64_t import_id;
	struct dun_import_counts n;
	long created;			/* units created bare */
	struct dun_rec *r;		/* the record being put */
};

const char *
dun_kind_name(enum dun_kind k)
{
	return k < DUN_KIND_COUNT ? kind_names[k] : "?";
}

int
dun_kind_parse(const char *s)
{
	int k;

	for (k = 0; k < DUN_KIND_COUNT; k++)
		if (strcmp(s, kind_names[k]) == 0 || (strncmp(s,
		    kind_names[k], strlen(kind_names[k])) == 0 &&
		    strcmp(s + strlen(kind_names[k]), "s") == 0))
			return k;
	return -1;
}

struct dun_import *
dun_import_new(struct dun_ledger *l, const struct dun_config *c,
    const struct dun_import_opts *o)
{
	struct dun_import *im = xmalloc(sizeof *im);

	memset(im, 0, sizeof *im);
	im->l = l;
	im->c = c;
	if (o)
		im->o = *o;
	return im;
}

void
dun_import_free(struct dun_import *im)
{
	free(im);
}

long
dun_import_created(const struct dun_import *im)
{
	return im->created;
}

/* The column a header names: itself, or by the config's aliases. */
static int
header_column(const struct dun_config *c, const char *h)
{
	int col;
	size_t k;

	for (col = 0; col < DUN_NCOLUMNS; col++)
		if (strcasecmp(h, dun_columns[col]) == 0)
			return col;
	for (col = 0; col < DUN_NCOLUMNS; col++)
		for (k = 0; k < c->import.aliases[col].n; k++)
			if (strcasecmp(h, c->import.aliases[col].v[k]) == 0)
				return col;
	return -1;
}

static int
guess_kind(long have)
{
	if (have & BIT(C_TYPE))
		return DUN_KIND_EVENT;
	if ((have & BIT(C_REF)) && (have & BIT(C_DATE)) &&
	    (have & BIT(C_AMOUNT)))
		return have & BIT(C_REASON) ? DUN_KIND_ADJUSTMENT :
		    DUN_KIND_PAYMENT;
	if ((have & BIT(C_PERIOD)) && (have & BIT(C_AMOUNT)))
		return DUN_KIND_CHARGE;
	if (!(have & (BIT(C_AMOUNT) | BIT(C_DATE) | BIT(C_DUE))))
		return DUN_KIND_UNIT;
	return -1;
}

static void
append(char *buf, size_t sz, const char *s)
{
	size_t n = strlen(buf);

	snprintf(buf + n, sz - n, "%s%s", n ? ", " : "", s);
}

int
dun_import_header(struct dun_import *im, struct dun_rec *r, int kind,
    char *ignored, size_t ignoredsz, struct dun_err *err)
{
	size_t i, ncols = dun_rec_ncols(r);
	char need[200] = "";
	int col;

	ignored[0] = '\0';
	im->have = 0;
	for (col = 0; col < DUN_NCOLUMNS; col++)
		im->map[col] = -1;
	for (i = 0; i < ncols; i++) {
		const char *h = dun_rec_colname(r, i);

		if ((col = header_column(im->c, h)) < 0)
			continue;
		if (im->map[col] >= 0) {
			dun_err_set(err, DUN_EXIT_DATA, "%s:1: %s: this column "
			    "and \"%s\" both stand for %s", dun_rec_name(r), h,
			    dun_rec_colname(r, (size_t)im->map[col]),
			    dun_columns[col]);
			return -1;
		}
		im->map[col] = (int)i;
		im->have |= BIT(col);
	}
	if (kind < 0 && (kind = guess_kind(im->have)) < 0) {
		dun_err_set(err, DUN_EXIT_DATA, "%s:1: cannot tell what its "
		    "rows are from the header; say -k unit, charge, payment, "
		    "adjustment or event", dun_rec_name(r));
		return -1;
	}
	if ((im->have & kind_need[kind]) != kind_need[kind]) {
		for (col = 0; col < DUN_NCOLUMNS; col++)
			if ((kind_need[kind] & BIT(col)) &&
			    !(im->have & BIT(col)))
				append(need, sizeof need, dun_columns[col]);
		dun_err_set(err, DUN_EXIT_DATA, "%s:1: a %s needs the "
		    "column%s %s, which the header lacks", dun_rec_name(r),
		    kind_names[kind], strchr(need, ',') ? "s" : "", need);
		return -1;
	}
	for (i = 0; i < ncols; i++) {
		const char *h = dun_rec_colname(r, i);

		col = header_column(im->c, h);
		if (col >= 0 && (kind_cols[kind] & BIT(col)))
			continue;
		if (col >= 0) {
			im->map[col] = -1;
			im->have &= ~BIT(col);
		}
		append(ignored, ignoredsz, *h ? h : "(no name)");
	}
	im->kind = kind;
	return kind;
}

int
dun_import_file_begin(struct dun_import *im, const char *name,
    struct dun_err *err)
{
	memset(&im->n, 0, sizeof im->n);
	return ledger_import_begin(im->l, name, kind_names[im->kind],
	    &im->import_id, err);
}

int
dun_import_file_end(struct dun_import *im, const char *sha256,
    struct dun_import_counts *counts, struct dun_err *err)
{
	*counts = im->n;
	return ledger_import_end(im->l, im->import_id, sha256, &im->n, err);
}

/* ---- one row -------------------------------------------------------- */

/* A field of the row, trimmed; NULL if the file lacks the column or the
 * field is empty. */
static const char *
field(struct dun_import *im, int col, size_t *n)
{
	const char *s;
	size_t len;

	if (im->map[col] < 0)
		return NULL;
	s = dun_rec_field(im->r, (size_t)im->map[col]);
	len = dun_rec_len(im->r, (size_t)im->map[col]);
	trim(&s, &len);
	if (len == 0)
		return NULL;
	/* Trimmed in place: fields are the reader's to reuse. */
	((char *)s)[len] = '\0';
	if (n)
		*n = len;
	return s;
}

/* "FILE:LINE: HEADER: reason". */
static int
rowerr(struct dun_import *im, struct dun_err *err, int col, const char *fmt,
    ...) __attribute__((format(printf, 4, 5)));

static int
rowerr(struct dun_import *im, struct dun_err *err, int col, const char *fmt,
    ...)
{
	char msg[700];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	dun_err_set(err, DUN_EXIT_DATA, "%s:%ld: %s: %s", dun_rec_name(im->r),
	    dun_rec_line(im->r), im->map[col] >= 0 ?
	    dun_rec_colname(im->r, (size_t)im->map[col]) : dun_columns[col],
	    msg);
	return -1;
}

static int
need(struct dun_import *im, int col, const char **s, size_t *n,
    struct dun_err *err)
{
	if ((*s = field(im, col, n)) == NULL)
		return rowerr(im, err, col, "is empty");
	return 0;
}

static int
get_money(struct dun_import *im, int col, int required, dun_money *v,
    int *has, struct dun_err *err)
{
	char why[DUN_WHY];
	const char *s;
	size_t n;

	*has = 0;
	if ((s = field(im, col, &n)) == NULL)
		return required ? rowerr(im, err, col, "is empty") : 0;
	if (dun_money_parse(s, n, v, why) < 0)
		return rowerr(im, err, col, "%s", why);
	*has = 1;
	return 0;
}

static int
get_date(struct dun_import *im, int col, int required, dun_date *v,
    int *has, struct dun_err *err)
{
	char why[DUN_WHY];
	const char *s;
	size_t n;

	*has = 0;
	if ((s = field(im, col, &n)) == NULL)
		return required ? rowerr(im, err, col, "is empty") : 0;
	if (dun_date_parse(s, n, im->c->import.dates, v, why) < 0)
		return rowerr(im, err, col, "%s", why);
	*has = 1;
	return 0;
}

/* A period: 2026-11, 202611, 2026年11月, or a date within it. */
static int
get_period(struct dun_import *im, int required, dun_period *v, int *has,
    struct dun_err *err)
{
	char why[DUN_WHY], why2[DUN_WHY];
	const char *s;
	size_t n;
	dun_date d;
	int y, m, dd;

	*has = 0;
	if ((s = field(im, C_PERIOD, &n)) == NULL)
		return required ? rowerr(im, err, C_PERIOD, "is empty") : 0;
	if (dun_period_parse(s, n, v, why) < 0) {
		if (n < 8 || dun_date_parse(s, n, im->c->import.dates &
		    ~DUN_DATE_EXCEL, &d, why2) < 0)
			return rowerr(im, err, C_PERIOD, "%s", why);
		dun_date_split(d, &y, &m, &dd);
		*v = dun_period_make(y, m);
	}
	*has = 1;
	return 0;
}

static int
get_fee(struct dun_import *im, int required, int late_ok, const char **key,
    struct dun_err *err)
{
	const struct dun_fee *f;
	const char *s;
	char list[300] = "";
	size_t i;

	*key = NULL;
	if ((s = field(im, C_FEE, NULL)) == NULL)
		return required ? rowerr(im, err, C_FEE, "is empty") : 0;
	if (late_ok && (strcmp(s, "late") == 0 || strcmp(s, "违约金") == 0 ||
	    strcmp(s, "滞纳金") == 0)) {
		*key = "late";
		return 0;
	}
	if ((f = dun_config_fee(im->c, s)) == NULL) {
		for (i = 0; i < im->c->nfees; i++)
			append(list, sizeof list, im->c->fees[i].key);
		return rowerr(im, err, C_FEE, "\"%s\" is not a fee of the "
		    "config (%s%s)", s, list, late_ok ? ", late" : "");
	}
	*key = f->key;
	return 0;
}

/* The unit a row names: 0 found, -1 error. */
static int
unit_id(struct dun_import *im, const char *unit, int64_t *id,
    struct dun_err *err)
{
	int k = ledger_unit_id(im->l, unit, im->o.create_units ?
	    im->import_id : 0, id, err);

	if (k < 0)
		return -1;
	if (k == 0)
		return rowerr(im, err, C_UNIT, "no unit \"%s\" in the ledger "
		    "(import the household list first, or use "
		    "--create-units)", unit);
	if (k == 2)
		im->created++;
	return 0;
}

static int
put_unit(struct dun_import *im, struct dun_err *err)
{
	static const int textcols[UNIT_NTEXT] = { C_ESTATE, C_BUILDING,
		C_OWNER, C_PHONE, C_EMAIL, C_ADDRESS, C_OCCUPANCY,
		C_COLLECTOR };
	static const char *const occ[] = { "owner", "tenant", "vacant" };
	struct unit_row u;
	const char *s;
	size_t n;
	int i;
	dun_money area;

	memset(&u, 0, sizeof u);
	if (need(im, C_UNIT, &u.unit, &n, err) < 0)
		return -1;
	for (i = 0; i < UNIT_NTEXT; i++) {
		if (im->map[textcols[i]] < 0)
			continue;
		u.present |= 1 << i;
		u.text[i] = field(im, textcols[i], NULL);
	}
	if ((s = u.text[U_OCCUPANCY]) != NULL) {
		int k, found = -1;
		size_t a;

		for (k = 0; k < 3 && found < 0; k++) {
			if (strcmp(s, occ[k]) == 0)
				found = k;
			for (a = 0; a < im->c->import.occupancy[k].n; a++)
				if (strcmp(s, im->c->import.occupancy[k].v[a])
				    == 0)
					found = k;
		}
		if (found < 0)
			return rowerr(im, err, C_OCCUPANCY, "\"%s\" is not "
			    "owner, tenant or vacant (nor an alias of one in "
			    "the config)", s);
		u.text[U_OCCUPANCY] = occ[found];
	}
	if (im->map[C_AREA] >= 0) {
		u.present |= UNIT_HAS_AREA;
		if ((s = field(im, C_AREA, &n)) != NULL) {
			if (dun_money_parse(s, n, &area, NULL) < 0 ||
			    area <= 0 || strpbrk(s, "$(,") != NULL)
				return rowerr(im, err, C_AREA, "\"%s\" is not "
				    "an area in square metres", s);
			u.has_area = 1;
			u.area = area;
		}
	}
	if (im->map[C_DNC] >= 0) {
		u.present |= UNIT_HAS_DNC;
		s = field(im, C_DNC, NULL);
		if (s == NULL || strcmp(s, "0") == 0 || strcasecmp(s, "no") ==
		    0 || strcasecmp(s, "false") == 0 || strcmp(s, "否") == 0)
			u.dnc = 0;
		else if (strcmp(s, "1") == 0 || strcasecmp(s, "yes") == 0 ||
		    strcasecmp(s, "true") == 0 || strcmp(s, "是") == 0)
			u.dnc = 1;
		else
			return rowerr(im, err, C_DNC, "\"%s\" is not yes or no",
			    s);
	}
	return ledger_put_unit(im->l, &u, im->import_id, err);
}

static int
put_charge(struct dun_import *im, struct dun_err *err)
{
	struct charge_row c, old;
	char a[DUN_MONEY_BUFSZ], b[DUN_MONEY_BUFSZ], p[DUN_DATE_BUFSZ];
	char d1[DUN_DATE_BUFSZ], d2[DUN_DATE_BUFSZ];
	size_t n;
	int has, k, bad = 0;

	memset(&c, 0, sizeof c);
	if (need(im, C_UNIT, &c.unit, &n, err) < 0)
		return -1;
	bad |= get_fee(im, 1, 0, &c.fee, err) < 0;
	bad |= !bad && get_period(im, 1, &c.period, &has, err) < 0;
	bad |= !bad && get_date(im, C_DUE, 1, &c.due, &has, err) < 0;
	bad |= !bad && get_money(im, C_AMOUNT, 1, &c.amount, &has, err) < 0;
	if (bad)
		return -1;
	if (c.amount < 0)
		return rowerr(im, err, C_AMOUNT, "a charge cannot be negative "
		    "(record a credit as an adjustment)");
	if (unit_id(im, c.unit, &c.unit_id, err) < 0)
		return -1;
	k = ledger_put_charge(im->l, &c, im->import_id, im->o.replace, &old,
	    err);
	if (k != PUT_CONFLICT)
		return k;
	dun_period_fmt(c.period, p);
	if (old.amount != c.amount)
		return rowerr(im, err, C_AMOUNT, "charge %s %s %s is %s in the "
		    "%s, %s here (--replace changes it)", c.unit, c.fee, p,
		    dun_money_fmt(old.amount, a), old.import_id ==
		    im->import_id ? "rows above" : "ledger",
		    dun_money_fmt(c.amount, b));
	return rowerr(im, err, C_DUE, "charge %s %s %s is due %s in the %s, "
	    "%s here (--replace changes it)", c.unit, c.fee, p,
	    dun_date_fmt(old.due, d1), old.import_id == im->import_id ?
	    "rows above" : "ledger", dun_date_fmt(c.due, d2));
}

static int
put_money(struct dun_import *im, int adjustment, struct dun_err *err)
{
	struct money_row m, old;
	char ou[200], a[DUN_MONEY_BUFSZ], b[DUN_MONEY_BUFSZ];
	char d1[DUN_DATE_BUFSZ], d2[DUN_DATE_BUFSZ];
	size_t n;
	int has, k, bad = 0, same;

	memset(&m, 0, sizeof m);
	if (need(im, C_REF, &m.ref, &n, err) < 0 ||
	    need(im, C_UNIT, &m.unit, &n, err) < 0)
		return -1;
	bad |= get_date(im, C_DATE, 1, &m.date, &has, err) < 0;
	bad |= !bad && get_money(im, C_AMOUNT, 1, &m.amount, &has, err) < 0;
	bad |= !bad && get_fee(im, 0, 1, &m.fee, err) < 0;
	bad |= !bad && get_period(im, 0, &m.period, &m.has_period, err) < 0;
	if (bad)
		return -1;
	if (!adjustment && m.amount <= 0)
		return rowerr(im, err, C_AMOUNT, "a payment must be above 0 "
		    "(record a refund as an adjustment)");
	if (adjustment && m.amount == 0)
		return rowerr(im, err, C_AMOUNT, "an adjustment of 0.00 "
		    "changes nothing");
	m.text = field(im, adjustment ? C_REASON : C_METHOD, NULL);
	if (unit_id(im, m.unit, &m.unit_id, err) < 0)
		return -1;
	k = ledger_put_money(im->l, adjustment, &m, im->import_id,
	    im->o.replace, &old, ou, sizeof ou, err);
	if (k != PUT_CONFLICT)
		return k;
	dun_date_fmt(old.date, d1);
	dun_date_fmt(m.date, d2);
	dun_money_fmt(old.amount, a);
	dun_money_fmt(m.amount, b);
	same = strcmp(a, b) == 0 && strcmp(d1, d2) == 0 &&
	    strcmp(ou, m.unit) == 0;
	return rowerr(im, err, C_REF, "%s %s is %s %s %s in the %s, here %s "
	    "%s %s%s (--replace changes it)", adjustment ? "adjustment" :
	    "payment", m.ref, ou, d1, a, old.import_id == im->import_id ?
	    "rows above" : "ledger", m.unit, d2, b, same ? " with another "
	    "fee, period or note" : "");
}

static int
put_event(struct dun_import *im, struct dun_err *err)
{
	struct event_row e;
	const char *unit, *type;
	size_t n;
	int i, has, bad = 0;

	memset(&e, 0, sizeof e);
	if (need(im, C_UNIT, &unit, &n, err) < 0 ||
	    need(im, C_TYPE, &type, &n, err) < 0)
		return -1;
	for (i = 0; event_types[i]; i++)
		if (strcmp(type, event_types[i]) == 0)
			break;
	if (event_types[i] == NULL)
		return rowerr(im, err, C_TYPE, "\"%s\" is not an event type "
		    "(promise, dispute, resolved, hardship, plan, contact, "
		    "served, ack, dnc, contact-ok)", type);
	e.type = event_types[i];
	bad |= get_date(im, C_DATE, 1, &e.date, &has, err) < 0;
	bad |= !bad && get_date(im, C_DUE, 0, &e.due, &e.has_due, err) < 0;
	bad |= !bad && get_money(im, C_AMOUNT, 0, &e.amount, &e.has_amount,
	    err) < 0;
	if (bad)
		return -1;
	e.ref = field(im, C_REF, NULL);
	e.note = field(im, C_NOTE, NULL);
	if (e.has_amount && e.amount <= 0)
		return rowerr(im, err, C_AMOUNT, "must be above 0");
	/* What each type of event must say. */
	if ((strcmp(e.type, "promise") == 0 || strcmp(e.type, "plan") == 0)) {
		if (!e.has_amount)
			return rowerr(im, err, C_AMOUNT, "a %s needs an "
			    "amount", e.type);
		if (!e.has_due)
			return rowerr(im, err, C_DUE, "a %s needs a due date",
			    e.type);
	}
	if (strcmp(e.type, "hardship") == 0 && !e.has_due)
		return rowerr(im, err, C_DUE, "a hardship needs the date it "
		    "lasts until, in due");
	if ((strcmp(e.type, "dispute") == 0 || strcmp(e.type, "resolved") ==
	    0 || strcmp(e.type, "served") == 0) && e.ref == NULL)
		return rowerr(im, err, C_REF, "a %s needs a ref (%s)", e.type,
		    strcmp(e.type, "served") == 0 ? "the notice served" :
		    "the ticket");
	if (strcmp(e.type, "contact") == 0 && e.note == NULL)
		return rowerr(im, err, C_NOTE, "a contact needs a note of its "
		    "outcome");
	if (e.has_due && e.due < e.date && strcmp(e.type, "hardship") != 0)
		return rowerr(im, err, C_DUE, "is before the event's date");
	if (unit_id(im, unit, &e.unit_id, err) < 0)
		return -1;
	return ledger_put_event(im->l, &e, im->import_id, err);
}

int
dun_import_row(struct dun_import *im, struct dun_rec *r, struct dun_err *err)
{
	int k;

	im->r = r;
	im->n.rows++;
	switch (im->kind) {
	case DUN_KIND_UNIT:
		k = put_unit(im, err);
		break;
	case DUN_KIND_CHARGE:
		k = put_charge(im, err);
		break;
	case DUN_KIND_PAYMENT:
		k = put_money(im, 0, err);
		break;
	case DUN_KIND_ADJUSTMENT:
		k = put_money(im, 1, err);
		break;
	default:
		k = put_event(im, err);
		break;
	}
	switch (k) {
	case PUT_INSERTED:
		im->n.inserted++;
		return 0;
	case PUT_UPDATED:
		im->n.updated++;
		return 0;
	case PUT_UNCHANGED:
		im->n.unchanged++;
		return 0;
	default:
		if (err->code == DUN_EXIT_DATA)
			im->n.rejected++;
		return -1;
	}
}

/* A row the reader could not read counts as rejected too. */
void
dun_import_reject(struct dun_import *im)
{
	im->n.rows++;
	im->n.rejected++;
}

/*
 * ledger_put.c — what an import writes to the ledger: units, charges and
 * their details, payments and adjustments, reversals, events; the
 * revisions kept of what it replaced, and the import's own row.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ledger_int.h"

/* The parameters of the statements that write each kind of row. */
static void
bind_unit(struct ledger_stmt *st, const struct unit_row *u, int has_dnc,
    int64_t import_id)
{
	int i;

	ledger_bind_text(st, 1, u->h.unit);
	for (i = 0; i < DUN_HH_NTEXT; i++)
		ledger_bind_text(st, i < 6 ? i + 2 : i + 3, u->h.text[i]);
	ledger_bind_opt(st, 8, u->h.has_area, u->h.area);
	ledger_bind_opt(st, 11, has_dnc, u->h.dnc);
	ledger_bind_int(st, 12, import_id);
}

static void
bind_charge(struct ledger_stmt *st, const struct charge_row *c,
    int64_t import_id)
{
	ledger_bind_int(st, 1, c->unit_id);
	ledger_bind_text(st, 2, c->fee);
	ledger_bind_int(st, 3, ledger_period_store(c->period));
	ledger_bind_int(st, 4, c->due);
	ledger_bind_int(st, 5, c->amount);
	ledger_bind_int(st, 6, import_id);
	if (ledger_nparams(st) < 7)
		return;
	ledger_bind_text(st, 7, c->bill ? c->bill : "");
}

static void
bind_money(struct ledger_stmt *st, const struct money_row *p, int64_t import_id)
{
	ledger_bind_text(st, 1, p->ref);
	ledger_bind_int(st, 2, p->unit_id);
	ledger_bind_int(st, 3, p->date);
	ledger_bind_int(st, 4, p->amount);
	ledger_bind_text(st, 5, p->fee);
	ledger_bind_opt(st, 6, p->has_period, ledger_period_store(p->period));
	ledger_bind_text(st, 7, p->text);
	ledger_bind_int(st, 8, import_id);
	if (ledger_nparams(st) >= 9)
		ledger_bind_text(st, 9, p->line ? p->line : "");
}

static void
bind_event(struct ledger_stmt *st, const struct event_row *e)
{
	ledger_bind_int(st, 1, e->unit_id);
	ledger_bind_int(st, 2, e->date);
	ledger_bind_text(st, 3, e->type);
	ledger_bind_opt(st, 4, e->has_due, e->due);
	ledger_bind_opt(st, 5, e->has_amount, e->amount);
	ledger_bind_text(st, 6, e->ref);
	ledger_bind_text(st, 7, e->note);
}

static int
same_text(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

int
ledger_import_begin(struct dun_ledger *l, const char *file, const char *kind,
    int64_t *id, struct dun_err *err)
{
	struct ledger_stmt *st = ledger_stmt(l, Q_IMPORT_ADD, err);
	char now[32];
	time_t t = time(NULL);
	struct tm tm;

	if (st == NULL)
		return -1;
	gmtime_r(&t, &tm);
	strftime(now, sizeof now, "%Y-%m-%dT%H:%M:%SZ", &tm);
	ledger_bind_text(st, 1, file);
	ledger_bind_text(st, 2, kind);
	ledger_bind_text(st, 3, now);
	return ledger_insert(l, st, id, err);
}

int
ledger_import_end(struct dun_ledger *l, int64_t id, const char *sha256,
    int64_t bytes, const char *recipe, int complete,
    const struct dun_import_counts *n, struct dun_err *err)
{
	struct ledger_stmt *st;

	if (n->inserted + n->updated == 0 && !(complete && bytes >= 0)) {
		/* Nothing changed: the file leaves no trace, unless it is
		 * a file read whole, to be known again. */
		if ((st = ledger_stmt(l, Q_IMPORT_DEL, err)) == NULL)
			return -1;
		ledger_bind_int(st, 1, id);
		return ledger_run(l, st, err);
	}
	if ((st = ledger_stmt(l, Q_IMPORT_SET, err)) == NULL)
		return -1;
	ledger_bind_int(st, 1, id);
	ledger_bind_text(st, 2, sha256);
	ledger_bind_int(st, 3, n->rows);
	ledger_bind_int(st, 4, n->inserted);
	ledger_bind_int(st, 5, n->updated);
	ledger_bind_int(st, 6, n->unchanged);
	ledger_bind_int(st, 7, n->rejected);
	ledger_bind_opt(st, 8, bytes >= 0, bytes);
	ledger_bind_text(st, 9, recipe);
	ledger_bind_int(st, 10, complete != 0);
	return ledger_run(l, st, err);
}

int
ledger_import_done(struct dun_ledger *l, const char *sha256,
    const char *kind, const char *recipe, int64_t bytes, long *rows,
    struct dun_err *err)
{
	struct ledger_stmt *st = ledger_stmt(l, Q_IMPORT_DONE, err);
	int rc;

	if (st == NULL)
		return -1;
	ledger_bind_text(st, 1, sha256);
	ledger_bind_text(st, 2, kind);
	ledger_bind_text(st, 3, recipe);
	ledger_bind_int(st, 4, bytes);
	if ((rc = ledger_one_row(l, st, err)) <= 0)
		return rc;
	*rows = (long)ledger_col_int64(st, 0);
	ledger_reset(st);
	return 1;
}

int
ledger_unit_id(struct dun_ledger *l, const char *unit, int64_t create_in,
    int64_t *id, struct dun_err *err)
{
	struct ledger_stmt *st;
	int rc;

	if (l->last_unit != NULL && strcmp(l->last_unit, unit) == 0) {
		*id = l->last_id;
		return 1;
	}
	if ((st = ledger_stmt(l, Q_UNIT_ID, err)) == NULL)
		return -1;
	ledger_bind_text(st, 1, unit);
	if ((rc = ledger_one_row(l, st, err)) < 0)
		return -1;
	if (rc > 0) {
		*id = ledger_col_int64(st, 0);
		ledger_reset(st);
	} else {
		if (create_in <= 0)
			return 0;
		if ((st = ledger_stmt(l, Q_UNIT_NEW, err)) == NULL)
			return -1;
		ledger_bind_text(st, 1, unit);
		ledger_bind_int(st, 2, create_in);
		if (ledger_insert(l, st, id, err) < 0)
			return -1;
		rc = 2;
	}
	free(l->last_unit);
	l->last_unit = xstrdup(unit);
	l->last_id = *id;
	return rc;
}

/* "owner is \"A\" in the ledger, \"B\" here", malloc'd; the column
 * and its old and new values into *col, *was and *now. */
static char *
difference(const char *col, const char *was, const char *now,
    const char **c, const char **w, const char **n)
{
	size_t len = strlen(col) + strlen(was) + (now ? strlen(now) : 0) + 64;
	char *s = xmalloc(len);

	snprintf(s, len, "%s is \"%s\" in the ledger, %s%s%s here", col,
	    was, now ? "\"" : "", now ? now : "empty", now ? "\"" : "");
	*c = col;
	*w = was;
	*n = now ? now : "";
	return s;
}

static int revision(struct dun_ledger *, int64_t, const char *,
    const char *, const char *, const char *, struct dun_err *);

/* A household value replaced: "owner 张三" to "owner 李四". */
static int
revision_unit(struct dun_ledger *l, int64_t import_id, const char *unit,
    const char *col, const char *was, const char *now, struct dun_err *err)
{
	size_t n = strlen(col) + strlen(was) + strlen(now) + 4;
	char *o = xmalloc(n), *w = xmalloc(n);
	int rc;

	snprintf(o, n, "%s %s", col, was);
	snprintf(w, n, "%s %s", col, now);
	rc = revision(l, import_id, "unit", unit, o, w, err);
	free(o);
	free(w);
	return rc;
}

int
ledger_unit_fill(struct dun_ledger *l, int64_t unit_id, const char *owner,
    const char *phone, struct dun_err *err)
{
	struct ledger_stmt *st = ledger_stmt(l, Q_UNIT_WHO, err);
	int rc, other = 0;

	if (st == NULL)
		return -1;
	ledger_bind_int(st, 1, unit_id);
	if ((rc = ledger_one_row(l, st, err)) < 0)
		return -1;
	if (rc > 0) {
		const char *o = ledger_col_text(st, 0);
		const char *p = ledger_col_text(st, 1);

		other = (o && owner && strcmp(o, owner) != 0) ||
		    (p && phone && strcmp(p, phone) != 0);
		rc = (o == NULL && owner) || (p == NULL && phone);
		ledger_reset(st);
	}
	if (rc) {
		if ((st = ledger_stmt(l, Q_UNIT_FILL, err)) == NULL)
			return -1;
		ledger_bind_int(st, 1, unit_id);
		ledger_bind_text(st, 2, owner);
		ledger_bind_text(st, 3, phone);
		if (ledger_run(l, st, err) < 0)
			return -1;
	}
	return other;
}

int
ledger_put_unit(struct dun_ledger *l, const struct unit_row *u,
    int64_t import_id, int replace, char **what, struct dun_err *err)
{
	static const char *const names[DUN_HH_NTEXT] = { "estate", "building",
		"owner", "phone", "email", "address", "occupancy",
		"collector" };
	const char *dcol = NULL, *dwas = NULL, *dnow = NULL;
	char areas[2][DUN_MONEY_BUFSZ];
	struct ledger_stmt *st = ledger_stmt(l, Q_UNIT_GET, err);
	const char *cur[DUN_HH_NTEXT];
	struct unit_row m = *u;
	int rc, i, changed = 0;
	int64_t area = 0;
	int has_area = 0, dnc = 0;

	if (st == NULL)
		return -1;
	ledger_bind_text(st, 1, u->h.unit);
	if ((rc = ledger_one_row(l, st, err)) < 0)
		return -1;
	if (rc > 0) {
		/* Columns the file does not have keep their values. */
		static const int textcol[DUN_HH_NTEXT] = { 1, 2, 3, 4, 5, 6, 8,
			9 };
		char *keep[DUN_HH_NTEXT];

		for (i = 0; i < DUN_HH_NTEXT; i++) {
			const char *s = ledger_col_text(st, textcol[i]);

			keep[i] = s ? xstrdup(s) : NULL;
			cur[i] = keep[i];
		}
		has_area = !ledger_col_null(st, 7);
		area = ledger_col_int64(st, 7);
		dnc = ledger_col_int(st, 10);
		ledger_reset(st);
		*what = NULL;
		for (i = 0; i < DUN_HH_NTEXT; i++) {
			if (!(u->present & (1 << i)))
				m.h.text[i] = cur[i];
			else if (!same_text(cur[i], u->h.text[i])) {
				changed = 1;
				/* What the ledger lacks is filled; what it has
				 * changes only when asked. */
				if (cur[i] != NULL && *what == NULL)
					*what = difference(names[i], cur[i],
					    u->h.text[i], &dcol, &dwas, &dnow);
			}
		}
		if (!(u->present & UNIT_HAS_AREA)) {
			m.h.has_area = has_area;
			m.h.area = area;
		} else if (m.h.has_area != has_area || (has_area &&
		    m.h.area != area)) {
			changed = 1;
			if (has_area && *what == NULL) {
				char a[DUN_MONEY_BUFSZ], b[DUN_MONEY_BUFSZ];

				snprintf(areas[0], sizeof areas[0], "%s",
				    dun_money_fmt(area, a));
				snprintf(areas[1], sizeof areas[1], "%s",
				    dun_money_fmt(m.h.area, b));
				*what = difference("area", areas[0],
				    m.h.has_area ? areas[1] : NULL, &dcol,
				    &dwas, &dnow);
			}
		}
		if (!(u->present & UNIT_HAS_DNC))
			m.h.dnc = dnc;
		else if (m.h.dnc != dnc)
			changed = 1;
		rc = 0;
		if (*what != NULL && !replace) {
			for (i = 0; i < DUN_HH_NTEXT; i++)
				free(keep[i]);
			return PUT_CONFLICT;
		}
		/* A household replaced is kept, as replaced money is. */
		if (*what != NULL && (rc = revision_unit(l, import_id,
		    u->h.unit, dcol, dwas, dnow, err)) < 0) {
			for (i = 0; i < DUN_HH_NTEXT; i++)
				free(keep[i]);
			free(*what);
			*what = NULL;
			return -1;
		}
		free(*what);
		*what = NULL;
		if (changed) {
			st = ledger_stmt(l, Q_UNIT_SET, err);
			rc = -1;
		}
		if (changed && st != NULL) {
			bind_unit(st, &m, 1, import_id);
			rc = ledger_run(l, st, err) < 0 ? -1 : PUT_UPDATED;
		}
		for (i = 0; i < DUN_HH_NTEXT; i++)
			free(keep[i]);
		return changed ? rc : PUT_UNCHANGED;
	}
	if ((st = ledger_stmt(l, Q_UNIT_PUT, err)) == NULL)
		return -1;
	bind_unit(st, u, u->present & UNIT_HAS_DNC, import_id);
	if (ledger_run(l, st, err) < 0)
		return -1;
	free(l->last_unit);
	l->last_unit = NULL;
	return PUT_INSERTED;
}

static int
revision(struct dun_ledger *l, int64_t import_id, const char *kind,
    const char *key, const char *old, const char *new,
    struct dun_err *err)
{
	struct ledger_stmt *st = ledger_stmt(l, Q_REVISION_ADD, err);

	if (st == NULL)
		return -1;
	ledger_bind_int(st, 1, import_id);
	ledger_bind_text(st, 2, kind);
	ledger_bind_text(st, 3, key);
	ledger_bind_text(st, 4, old);
	ledger_bind_text(st, 5, new);
	return ledger_run(l, st, err);
}

static int
has_details(const struct charge_row *c)
{
	return c->paid != 0 || c->waived != 0 || c->has_range;
}

/* The line's details into charge_details, or out of it if it has none. */
static int
put_details(struct dun_ledger *l, const struct charge_row *c,
    struct dun_err *err)
{
	struct ledger_stmt *st = ledger_stmt(l, has_details(c) ? Q_DETAIL_PUT :
	    Q_DETAIL_DROP, err);

	if (st == NULL)
		return -1;
	ledger_bind_int(st, 1, c->unit_id);
	ledger_bind_text(st, 2, c->fee);
	ledger_bind_int(st, 3, ledger_period_store(c->period));
	ledger_bind_text(st, 7, c->bill ? c->bill : "");
	if (has_details(c)) {
		ledger_bind_int(st, 8, c->paid);
		ledger_bind_int(st, 9, c->waived);
		ledger_bind_opt(st, 10, c->has_range, c->start);
		ledger_bind_opt(st, 11, c->has_range && c->until != DUN_NODATE,
		    c->until);
	}
	return ledger_run(l, st, err);
}

/* "due D amount A[ paid P waived W][ from S to U]" of a charge, into b. */
static void
charge_text(struct buf *b, const struct charge_row *c, int details)
{
	char d[DUN_DATE_BUFSZ], m[DUN_MONEY_BUFSZ];

	buf_str(b, "due ");
	buf_str(b, dun_date_fmt(c->due, d));
	buf_str(b, " amount ");
	buf_str(b, dun_money_fmt(c->amount, m));
	if (!details)
		return;
	buf_str(b, " paid ");
	buf_str(b, dun_money_fmt(c->paid, m));
	buf_str(b, " waived ");
	buf_str(b, dun_money_fmt(c->waived, m));
	if (c->has_range) {
		buf_str(b, " from ");
		buf_str(b, dun_date_fmt(c->start, d));
		if (c->until != DUN_NODATE) {
			buf_str(b, " to ");
			buf_str(b, dun_date_fmt(c->until, d));
		}
	}
}

/* A charge replaced, kept in revisions. */
static int
charge_revision(struct dun_ledger *l, int64_t import_id,
    const struct charge_row *old, const struct charge_row *c,
    struct dun_err *err)
{
	struct buf key = { NULL, 0, 0 }, o = { NULL, 0, 0 }, n = { NULL, 0, 0 };
	char p[DUN_DATE_BUFSZ];
	int details = has_details(old) || has_details(c), rc;

	buf_str(&key, c->unit);
	buf_str(&key, " ");
	buf_str(&key, c->fee);
	buf_str(&key, " ");
	buf_str(&key, dun_period_fmt(c->period, p));
	if (c->bill) {
		buf_str(&key, " bill ");
		buf_str(&key, c->bill);
	}
	charge_text(&o, old, details);
	charge_text(&n, c, details);
	rc = revision(l, import_id, "charge", key.s, o.s, n.s, err);
	buf_free(&key);
	buf_free(&o);
	buf_free(&n);
	return rc;
}

int
ledger_put_charge(struct dun_ledger *l, const struct charge_row *c,
    int64_t import_id, int replace, struct charge_row *old,
    struct dun_err *err)
{
	struct ledger_stmt *st = ledger_stmt(l, c->bill ? Q_CHARGE_ADD :
	    Q_CHARGE_ADD_PLAIN, err);
	int rc;

	if (st == NULL)
		return -1;
	bind_charge(st, c, import_id);
	if (ledger_run(l, st, err) < 0)
		return -1;
	if (ledger_changes(l) > 0)
		return has_details(c) && put_details(l, c, err) < 0 ? -1 :
		    PUT_INSERTED;
	if ((st = ledger_stmt(l, Q_CHARGE_GET, err)) == NULL)
		return -1;
	ledger_bind_int(st, 1, c->unit_id);
	ledger_bind_text(st, 2, c->fee);
	ledger_bind_int(st, 3, ledger_period_store(c->period));
	ledger_bind_text(st, 7, c->bill ? c->bill : "");
	if ((rc = ledger_one_row(l, st, err)) <= 0)
		return rc < 0 ? -1 : ledger_dberr(l, err, "cannot read");
	*old = *c;
	old->due = ledger_col_int(st, 0);
	old->amount = ledger_col_int64(st, 1);
	old->import_id = ledger_col_int64(st, 2);
	old->paid = ledger_col_int64(st, 3);
	old->waived = ledger_col_int64(st, 4);
	old->has_range = !ledger_col_null(st, 5);
	old->start = ledger_col_int(st, 5);
	old->until = !ledger_col_null(st, 6) ?
	    ledger_col_int(st, 6) : DUN_NODATE;
	ledger_reset(st);
	if (old->due == c->due && old->amount == c->amount &&
	    old->paid == c->paid && old->waived == c->waived &&
	    old->has_range == c->has_range && (!c->has_range ||
	    (old->start == c->start && old->until == c->until)))
		return PUT_UNCHANGED;
	if (!replace)
		return PUT_CONFLICT;
	if ((st = ledger_stmt(l, Q_CHARGE_SET, err)) == NULL)
		return -1;
	bind_charge(st, c, import_id);
	if (ledger_run(l, st, err) < 0 || put_details(l, c, err) < 0)
		return -1;
	if (charge_revision(l, import_id, old, c, err) < 0)
		return -1;
	return PUT_UPDATED;
}

/* Column col of st's row into b, whole ("" for NULL). */
static void
col_into(struct buf *b, struct ledger_stmt *st, int col)
{
	const char *s = ledger_col_text(st, col);

	buf_clear(b);
	buf_str(b, s ? s : "");
}

/* A payment line just inserted, against its receipt's other lines:
 * they must be of one unit and one day, and of this import (a receipt
 * in the ledger does not gain lines later).  PUT_INSERTED, or
 * PUT_CONFLICT with the other line in *old (and the line taken out
 * again), or -1. */
static int
receipt_lines(struct dun_ledger *l, const struct money_row *p,
    int64_t import_id, struct money_row *old, struct buf *oldunit,
    struct dun_err *err)
{
	struct ledger_stmt *st = ledger_stmt(l, Q_PAY_LINES, err);
	int rc, bad;

	if (st == NULL)
		return -1;
	ledger_bind_text(st, 1, p->ref);
	ledger_bind_text(st, 2, p->line ? p->line : "");
	if ((rc = ledger_one_row(l, st, err)) <= 0)
		return rc < 0 ? -1 : PUT_INSERTED;
	col_into(oldunit, st, 0);
	*old = *p;
	old->date = ledger_col_int(st, 1);
	old->import_id = ledger_col_int64(st, 2);
	old->unit_id = ledger_col_int64(st, 3);
	old->other_line = 1;
	bad = old->import_id != import_id || old->unit_id != p->unit_id ||
	    old->date != p->date;
	ledger_reset(st);
	if (!bad)
		return PUT_INSERTED;
	if ((st = ledger_stmt(l, Q_PAY_DROP, err)) == NULL)
		return -1;
	ledger_bind_text(st, 1, p->ref);
	ledger_bind_text(st, 2, p->line ? p->line : "");
	if (ledger_run(l, st, err) < 0)
		return -1;
	return PUT_CONFLICT;
}

/* Payments and adjustments share their shape and their rules. */
int
ledger_put_money(struct dun_ledger *l, int adjustment,
    const struct money_row *p, int64_t import_id, int replace,
    struct money_row *old, struct buf *oldunit, struct dun_err *err)
{
	struct ledger_stmt *st = ledger_stmt(l, adjustment ? Q_ADJ_ADD :
	    Q_PAY_ADD, err);
	int rc, same;

	if (st == NULL)
		return -1;
	bind_money(st, p, import_id);
	if (ledger_run(l, st, err) < 0)
		return -1;
	if (ledger_changes(l) > 0) {
		if (adjustment)
			return PUT_INSERTED;
		return receipt_lines(l, p, import_id, old, oldunit, err);
	}
	if ((st = ledger_stmt(l, adjustment ? Q_ADJ_GET : Q_PAY_GET,
	    err)) == NULL)
		return -1;
	ledger_bind_text(st, 1, p->ref);
	if (!adjustment)
		ledger_bind_text(st, 9, p->line ? p->line : "");
	if ((rc = ledger_one_row(l, st, err)) <= 0)
		return rc < 0 ? -1 : ledger_dberr(l, err, "cannot read");
	col_into(oldunit, st, 0);
	*old = *p;
	old->date = ledger_col_int(st, 1);
	old->amount = ledger_col_int64(st, 2);
	old->has_period = !ledger_col_null(st, 4);
	old->period = ledger_period_load(ledger_col_int(st, 4));
	old->import_id = ledger_col_int64(st, 6);
	old->unit_id = ledger_col_int64(st, 7);
	same = old->unit_id == p->unit_id && old->date == p->date &&
	    old->amount == p->amount && same_text(ledger_col_text(st, 3),
	    p->fee) && old->has_period == p->has_period && (!p->has_period ||
	    old->period == p->period) && same_text(ledger_col_text(st, 5),
	    p->text);
	ledger_reset(st);
	if (same)
		return PUT_UNCHANGED;
	if (!replace)
		return PUT_CONFLICT;
	if ((st = ledger_stmt(l, adjustment ? Q_ADJ_SET : Q_PAY_SET,
	    err)) == NULL)
		return -1;
	bind_money(st, p, import_id);
	if (ledger_run(l, st, err) < 0)
		return -1;
	{
		char d[DUN_DATE_BUFSZ], m[DUN_MONEY_BUFSZ], *o, *n;

		o = str_fmt("%s %s %s", oldunit->s, dun_date_fmt(old->date, d),
		    dun_money_fmt(old->amount, m));
		n = str_fmt("%s %s %s", p->unit, dun_date_fmt(p->date, d),
		    dun_money_fmt(p->amount, m));
		rc = revision(l, import_id, adjustment ? "adjustment" :
		    "payment", p->ref, o, n, err);
		free(o);
		free(n);
		if (rc < 0)
			return -1;
	}
	return PUT_UPDATED;
}

/* One of ledger_money_find's lookups: 1 and *m, its unit's name in
 * unit (m->unit NULL when unit is), 0 none, -1 error. */
static int
money_get(struct dun_ledger *l, int q, const char *ref, struct money_row *m,
    struct buf *unit, struct dun_err *err)
{
	struct ledger_stmt *st = ledger_stmt(l, q, err);
	int rc;

	if (st == NULL)
		return -1;
	ledger_bind_text(st, 1, ref);
	if (ledger_nparams(st) >= 9)
		ledger_bind_text(st, 9, NULL);	/* any line of a receipt */
	if ((rc = ledger_one_row(l, st, err)) <= 0)
		return rc;
	memset(m, 0, sizeof *m);
	if (unit != NULL) {
		col_into(unit, st, 0);
		m->unit = unit->s;
	}
	m->ref = ref;
	m->date = ledger_col_int(st, 1);
	m->amount = ledger_col_int64(st, 2);
	m->import_id = ledger_col_int64(st, 6);
	m->unit_id = ledger_col_int64(st, 7);
	ledger_reset(st);
	return 1;
}

int
ledger_money_find(struct dun_ledger *l, const char *ref, struct money_row *m,
    struct buf *unit, struct dun_err *err)
{
	struct money_row a;
	int p, k;

	/* The adjustment's row is m's only when there is no payment. */
	if ((p = money_get(l, Q_PAY_GET, ref, m, unit, err)) < 0 ||
	    (k = money_get(l, Q_ADJ_GET, ref, p ? &a : m, p ? NULL : unit,
	    err)) < 0)
		return -1;
	return (p ? FOUND_PAYMENT : 0) | (k ? FOUND_ADJUSTMENT : 0);
}

int
ledger_reversal(struct dun_ledger *l, const char *ref,
    struct reversal_row *r, struct buf *reason, struct dun_err *err)
{
	struct ledger_stmt *st = ledger_stmt(l, Q_REV_GET, err);
	int rc;

	if (st == NULL)
		return -1;
	ledger_bind_text(st, 1, ref);
	if ((rc = ledger_one_row(l, st, err)) <= 0)
		return rc;
	col_into(reason, st, 1);
	r->ref = ref;
	r->date = ledger_col_int(st, 0);
	r->reason = reason->s;
	r->import_id = ledger_col_int64(st, 2);
	ledger_reset(st);
	return 1;
}

int
ledger_put_reversal(struct dun_ledger *l, const struct reversal_row *r,
    int64_t import_id, int replace, struct reversal_row *old,
    struct buf *oldreason, struct dun_err *err)
{
	struct ledger_stmt *st = ledger_stmt(l, Q_REV_ADD, err);
	char d[DUN_DATE_BUFSZ], *o, *n;
	int k;

	if (st == NULL)
		return -1;
	ledger_bind_text(st, 1, r->ref);
	ledger_bind_int(st, 2, r->date);
	ledger_bind_text(st, 3, r->reason);
	ledger_bind_int(st, 4, import_id);
	if (ledger_run(l, st, err) < 0)
		return -1;
	if (ledger_changes(l) > 0)
		return PUT_INSERTED;
	if ((k = ledger_reversal(l, r->ref, old, oldreason, err)) <= 0)
		return k < 0 ? -1 : ledger_dberr(l, err, "cannot read");
	if (old->date == r->date && strcmp(old->reason, r->reason) == 0)
		return PUT_UNCHANGED;
	if (!replace)
		return PUT_CONFLICT;
	if ((st = ledger_stmt(l, Q_REV_SET, err)) == NULL)
		return -1;
	ledger_bind_text(st, 1, r->ref);
	ledger_bind_int(st, 2, r->date);
	ledger_bind_text(st, 3, r->reason);
	ledger_bind_int(st, 4, import_id);
	if (ledger_run(l, st, err) < 0)
		return -1;
	o = str_fmt("%s %s", dun_date_fmt(old->date, d), old->reason);
	n = str_fmt("%s %s", dun_date_fmt(r->date, d), r->reason);
	k = revision(l, import_id, "reversal", r->ref, o, n, err);
	free(o);
	free(n);
	return k < 0 ? -1 : PUT_UPDATED;
}

int
ledger_put_event(struct dun_ledger *l, const struct event_row *e,
    int64_t import_id, struct dun_err *err)
{
	struct ledger_stmt *st = ledger_stmt(l, Q_EVENT_FIND, err);
	int rc;

	if (st == NULL)
		return -1;
	bind_event(st, e);
	if ((rc = ledger_one_row(l, st, err)) < 0)
		return -1;
	if (rc > 0) {
		ledger_reset(st);
		return PUT_UNCHANGED;
	}
	if ((st = ledger_stmt(l, Q_EVENT_ADD, err)) == NULL)
		return -1;
	bind_event(st, e);
	ledger_bind_int(st, 8, import_id);
	if (ledger_run(l, st, err) < 0)
		return -1;
	return PUT_INSERTED;
}

/*
 * hsrc.c — units' histories, one unit at a time, from TSV files.
 *
 * When every file is a regular file of UTF-8 TSV sorted by unit (byte
 * order, as `LC_ALL=C sort` and the ledger sort; sorted.c checks), the
 * files are merged as they are read and only one unit's rows are held;
 * charges, payments and adjustments then take the short way (fast.c).
 * Otherwise every row is read first and grouped by unit: charges,
 * payments and adjustments in regular files of UTF-8 TSV by two threads
 * the short way, their rows held small and never sorted (hsrc_any.c),
 * the rest, and those files when a row is not in dun's own form, the
 * ordinary way.  Memory then grows with the files.
 *
 * Reversals, which name a payment or adjustment by its ref and not its
 * unit, are read whole first (hsrc_rev.c); the payments and adjustments
 * then take the ordinary way, which reads their refs, and a reversed one
 * is left out.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hsrc.h"

/* The columns each file has, "unit" first; those after '?' optional. */
static const char *const columns[F_COUNT][9] = {
	{ "unit", "?", "estate", "building", "owner", "phone", "occupancy",
	  "collector", "dnc" },
	{ "unit", "fee", "period", "due", "amount" },
	{ "unit", "date", "amount", "?", "fee", "period", "ref" },
	{ "unit", "date", "amount", "?", "fee", "period", "ref" },
	{ "unit", "date", "type", "?", "due", "amount", "ref" },
	{ "unit", "notice", "stage", "date", "?", "episode" },
};

static int
poisoned(const struct dun_hsrc *s, const char *unit)
{
	size_t i;

	for (i = 0; i < s->npoison; i++)
		if (strcmp(s->poison[i], unit) == 0)
			return 1;
	return 0;
}

/* Tell e, and mark the unit's history b (if any) bad: -1. */
static int
tell(struct dun_hsrc *s, struct hb *b, const struct dun_err *e)
{
	s->report(e, s->arg);
	if (b)
		b->bad = 1;
	return -1;
}

/* Tell "FILE:LINE: COLUMN: why" of the feed's row: -1. */
static int
report(struct dun_hsrc *s, struct hb *b, const struct feed *f, int col,
    const char *why)
{
	struct dun_err e;

	dun_rec_bad(f->r, f->col[col], why, &e);
	return tell(s, b, &e);
}

/* "FILE:LINE: COLUMN: "VALUE" what". */
static int
reportq(struct dun_hsrc *s, struct hb *b, const struct feed *f, int col,
    const char *what)
{
	char why[DUN_WHY];
	const char *v = fld(f, col);

	why_quote(why, v, strlen(v), what);
	return report(s, b, f, col, why);
}

static size_t
fldlen(const struct feed *f, int col)
{
	return f->col[col] < 0 ? 0 : dun_rec_len(f->r, (size_t)f->col[col]);
}

/* The amount in the row's column col into *v, *has whether the field is
 * not empty (*v untouched if it is): 0, or -1 told. */
static int
get_money(struct dun_hsrc *s, struct hb *b, struct feed *f, int col,
    dun_money *v, int *has)
{
	struct dun_err e;
	int k = dun_rec_money(f->r, f->col[col], v, &e);

	*has = k != 0;
	return k < 0 ? tell(s, b, &e) : 0;
}

/* The same for a date in any of dun's formats. */
static int
get_date(struct dun_hsrc *s, struct hb *b, struct feed *f, int col,
    dun_date *v, int *has)
{
	struct dun_err e;
	int k = dun_rec_date(f->r, f->col[col], DUN_DATE_ANY, v, &e);

	*has = k != 0;
	return k < 0 ? tell(s, b, &e) : 0;
}

/* A field get_money or get_date found empty told: -1, else 0. */
static int
need(struct dun_hsrc *s, struct hb *b, struct feed *f, int col, int has)
{
	return has ? 0 : report(s, b, f, col, "is empty");
}

static int
get_fee(struct dun_hsrc *s, struct hb *b, struct feed *f, int col,
    int late_ok, int *fee)
{
	const char *t = fld(f, col);
	size_t i;

	/* Most rows name a fee by its key: look there first. */
	for (i = 0; i < s->c->nfees; i++)
		if (s->c->fees[i].key[0] == t[0] &&
		    strcmp(s->c->fees[i].key, t) == 0) {
			*fee = (int)i;
			return 0;
		}
	*fee = hb_fee(b, s->c, t, late_ok);
	return 0;
}

/* Put n rows the short way parsed into b. */
static void
put_rows(int kind, struct hb *b, const struct frow *r, size_t n)
{
	struct dun_hmoney *m;
	size_t i;

	if (kind == F_CHARGES) {
		struct dun_hcharge *c = hb_charges(b, n);

		for (i = 0; i < n; i++) {
			c[i].fee = r[i].fee;
			c[i].period = r[i].period;
			c[i].due = r[i].date;
			c[i].amount = r[i].amount;
		}
		return;
	}
	m = kind == F_PAYMENTS ? hb_payments(b, n) : hb_adjustments(b, n);
	for (i = 0; i < n; i++) {
		m[i].date = r[i].date;
		m[i].amount = r[i].amount;
		m[i].fee = r[i].fee;
		m[i].has_period = (r[i].flags & FR_HAS_PERIOD) != 0;
		m[i].period = r[i].period;
	}
}

/* Put the feed's current row into b. */
static void
take(struct dun_hsrc *s, struct feed *f, struct hb *b)
{
	char why[DUN_WHY];
	const char *t;
	int has, k;

	if (f->row != NULL) {
		put_rows(f->kind, b, f->row, 1);
		return;
	}
	switch (f->kind) {
	case F_UNITS:
		/* unit ? estate building owner phone occupancy collector
		 * dnc */
		for (k = 0; k < 6; k++)
			b->h.hh.text[hist_texts[k]] = hb_str(b, fld(f, k + 2));
		t = fld(f, 8);
		b->h.hh.dnc = strcmp(t, "1") == 0 || strcmp(t, "yes") == 0 ||
		    strcmp(t, "true") == 0;
		b->has_info = 1;
		break;
	case F_CHARGES: {
		struct dun_hcharge *c = hb_charge(b);

		if (get_fee(s, b, f, 1, 0, &c->fee) < 0)
			break;
		if (c->fee == DUN_FEE_DEPOSIT) {
			b->h.ncharges--;	/* never owed */
			break;
		}
		if (c->fee == DUN_FEE_NONE) {
			report(s, b, f, 1, "is empty");
			break;
		}
		t = fld(f, 2);
		if (dun_period_parse(t, fldlen(f, 2), &c->period, why) < 0) {
			report(s, b, f, 2, why);
			break;
		}
		if (get_date(s, b, f, 3, &c->due, &has) < 0 ||
		    need(s, b, f, 3, has) < 0 ||
		    get_money(s, b, f, 4, &c->amount, &has) < 0 ||
		    need(s, b, f, 4, has) < 0)
			break;
		if (c->amount < 0)
			report(s, b, f, 4, "a charge cannot be negative");
		break;
	}
	case F_PAYMENTS:
	case F_ADJUSTMENTS: {
		struct dun_hmoney m;
		struct rev *v;

		memset(&m, 0, sizeof m);
		if (s->nrevs > 0 && (v = hsrc_rev_find(s, fld(f, 6))) != NULL)
			v->named = 1;	/* even if the row is bad */
		if (get_date(s, b, f, 1, &m.date, &has) < 0 ||
		    need(s, b, f, 1, has) < 0 ||
		    get_money(s, b, f, 2, &m.amount, &has) < 0 ||
		    need(s, b, f, 2, has) < 0 ||
		    get_fee(s, b, f, 4, 1, &m.fee) < 0)
			break;
		if (f->kind == F_PAYMENTS && m.amount <= 0) {
			report(s, b, f, 2, "a payment must be above 0");
			break;
		}
		t = fld(f, 5);
		if ((m.has_period = *t != '\0') && dun_period_parse(t,
		    fldlen(f, 5), &m.period, why) < 0)
			report(s, b, f, 5, why);
		if (s->nrevs > 0 && hsrc_reversed(s, b, f, &m))
			break;
		if (m.fee == DUN_FEE_DEPOSIT)
			break;		/* a deposit's money is not owed */
		*(f->kind == F_PAYMENTS ? hb_payment(b) : hb_adjustment(b)) = m;
		break;
	}
	case F_EVENTS: {
		struct dun_hevent *e = hb_event(b);

		if (get_date(s, b, f, 1, &e->date, &has) < 0 ||
		    need(s, b, f, 1, has) < 0)
			break;
		if ((e->type = dun_event_parse(fld(f, 2))) < 0) {
			reportq(s, b, f, 2, "is not an event type");
			break;
		}
		if (get_date(s, b, f, 4, &e->due, &e->has_due) < 0 ||
		    get_money(s, b, f, 5, &e->amount, &e->has_amount) < 0)
			break;
		e->ref = hb_str(b, fld(f, 6));
		break;
	}
	default: {
		struct dun_hnotice *n = hb_notice(b);

		n->notice = hb_str(b, fld(f, 1));
		n->stage = stage_index(s->c, fld(f, 2));
		if (get_date(s, b, f, 3, &n->date, &has) < 0 ||
		    need(s, b, f, 3, has) < 0)
			break;
		get_date(s, b, f, 5, &n->episode, &n->has_episode);
		break;
	}
	}
}

/* Read the feed's next row: 1, 0 at its end, -1 a system error. */
static int
advance(struct dun_hsrc *s, struct feed *f, struct dun_err *err)
{
	struct dun_err e;
	struct frow *r;
	size_t n;
	int k;

	for (;;) {
		f->row = NULL;
		if (f->fr == NULL)
			k = dun_rec_next(f->r, &e);
		else if ((k = fastrd_rows(f->fr, &r, &n, err)) < 0) {
			f->have = 0;
			return -1;
		} else if (k > 0) {
			struct fwhere w;

			fastrd_where(f->fr, 0, &w);
			fastrd_take(f->fr, 1);
			if (!(r->flags & FR_SLOW)) {
				f->row = r;
				f->unit = w.unit;
				f->ulen = w.ulen;
				f->lineno = w.lineno;
				return f->have = 1;
			}
			k = rec_line(f->r, w.line, w.len, w.lineno, &e);
		}
		if (k >= 0) {
			if (k > 0 && *fld(f, 0) == '\0') {
				report(s, NULL, f, 0, "is empty");
				continue;
			}
			f->unit = fld(f, 0);
			f->ulen = fldlen(f, 0);
			return f->have = k;
		}
		if (e.code != DUN_EXIT_DATA || dun_rec_failed(f->r)) {
			*err = e;
			f->have = 0;
			return -1;
		}
		/* A row that is not whole: its unit, if it can be told, is
		 * left out rather than aged without it. */
		s->report(&e, s->arg);
		if (*fld(f, 0) != '\0') {
			s->poison = xrealloc(s->poison, (s->npoison + 1) *
			    sizeof *s->poison);
			s->poison[s->npoison++] = xstrdup(fld(f, 0));
		}
	}
}

static int
open_feed(struct dun_hsrc *s, int kind, const char *path, struct dun_err *err)
{
	struct feed *f = &s->f[kind];
	const char *const *want = columns[kind];
	int k, col = 0, optional = 0;

	if ((f->r = dun_rec_open(path, NULL, err)) == NULL)
		return -1;
	f->kind = kind;
	for (k = 0; k < 9; k++)
		f->col[k] = -1;
	for (k = 0; k < 9 && want[k]; k++) {
		if (strcmp(want[k], "?") == 0) {
			optional = 1;
			continue;
		}
		col = dun_rec_col(f->r, want[k]);
		f->col[k] = col;
		if (col < 0 && !optional) {
			dun_err_set(err, DUN_EXIT_DATA, "%s:1: %s: no such "
			    "column", dun_rec_name(f->r), want[k]);
			return -1;
		}
	}
	return 0;
}

/* ---- streaming: the files merged by unit ---------------------------- */

/* After a row the short way parsed, the rows of its unit that follow
 * it, as many at a time as a batch has: 0, or -1 and err. */
static int
take_run(struct dun_hsrc *s, struct feed *f, struct dun_err *err)
{
	struct frow *r;
	size_t n, i;
	int k;

	while ((k = fastrd_rows(f->fr, &r, &n, err)) > 0) {
		for (i = 0; i < n && (r[i].flags & FR_SAME); i++)
			;
		put_rows(f->kind, &s->b, r, i);
		fastrd_take(f->fr, i);
		if (i < n)
			return 0;
	}
	return k;
}

static int
next_stream(struct dun_hsrc *s, const struct dun_hist **h, int *bad,
    struct dun_err *err)
{
	const struct feed *least = NULL;
	char *unit;
	size_t n;
	int k;

	for (k = 0; k < F_COUNT; k++)
		if (s->f[k].have && (least == NULL || unit_cmp(s->f[k].unit,
		    s->f[k].ulen, least->unit, least->ulen) < 0))
			least = &s->f[k];
	if (least == NULL)
		return 0;
	hb_reset(&s->b);
	n = least->ulen;
	unit = arena_strndup(s->b.a, least->unit, n);
	s->b.h.hh.unit = unit;
	for (k = 0; k < F_COUNT; k++) {
		struct feed *f = &s->f[k];
		int same = f->have && unit_cmp(f->unit, f->ulen, unit, n) == 0;

		while (same) {
			int c;

			take(s, f, &s->b);
			if ((f->row != NULL && take_run(s, f, err) < 0) ||
			    advance(s, f, err) < 0)
				return -1;
			if (!f->have)
				break;
			c = unit_cmp(f->unit, f->ulen, unit, n);
			same = c == 0;
			if (c < 0) {
				dun_err_set(err, DUN_EXIT_SYS, "%s:%ld: is no "
				    "longer sorted by unit: did it change "
				    "while dun read it?", dun_rec_name(f->r),
				    f->row ? f->lineno :
				    dun_rec_line(f->r));
				return -1;
			}
		}
	}
	if (s->f[F_UNITS].r != NULL && !s->b.has_info) {
		struct dun_err e;

		dun_err_set(&e, DUN_EXIT_DATA, "%s: unit %s is not in it",
		    dun_rec_name(s->f[F_UNITS].r), abbr_v(unit).s);
		s->report(&e, s->arg);
		s->b.bad = 1;
	}
	hb_settle(&s->b, DUN_NODATE);
	*h = &s->b.h;
	*bad = s->b.bad || poisoned(s, unit);
	return 1;
}

/* ---- whole: every row read, then grouped ---------------------------- */

static struct hb *
unit_of(struct dun_hsrc *s, const char *unit)
{
	size_t i, j;
	struct hb *b;

	if (s->nunits * 2 >= s->nslots) {
		size_t n = s->nslots ? s->nslots * 2 : 1024;
		size_t *slots = xmalloc(n * sizeof *slots);

		for (i = 0; i < n; i++)
			slots[i] = (size_t)-1;
		for (i = 0; i < s->nunits; i++) {
			for (j = str_hash(s->units[i]->h.hh.unit) & (n - 1);
			    slots[j] != (size_t)-1; j = (j + 1) & (n - 1))
				;
			slots[j] = i;
		}
		free(s->slots);
		s->slots = slots;
		s->nslots = n;
	}
	for (j = str_hash(unit) & (s->nslots - 1); s->slots[j] != (size_t)-1;
	    j = (j + 1) & (s->nslots - 1))
		if (strcmp(s->units[s->slots[j]]->h.hh.unit, unit) == 0)
			return s->units[s->slots[j]];
	if (s->nunits == s->capunits) {
		s->capunits = s->capunits ? s->capunits * 2 : 1024;
		s->units = xrealloc(s->units, s->capunits * sizeof *s->units);
	}
	b = arena_alloc(s->a, sizeof *b);
	b->a = s->a;		/* one arena for every unit's strings */
	b->h.hh.unit = arena_strdup(s->a, unit);
	s->slots[j] = s->nunits;
	s->units[s->nunits++] = b;
	return b;
}

static int
by_unit(const void *x, const void *y)
{
	return strcmp((*(struct hb *const *)x)->h.hh.unit,
	    (*(struct hb *const *)y)->h.hh.unit);
}

static int
read_whole(struct dun_hsrc *s, struct dun_err *err)
{
	int k;

	s->a = arena_new();
	for (k = 0; k < F_COUNT; k++) {
		struct feed *f = &s->f[k];

		while (f->have && !f->taken) {
			take(s, f, unit_of(s, fld(f, 0)));
			if (advance(s, f, err) < 0)
				return -1;
		}
	}
	if (s->nunits > 1)
		qsort(s->units, s->nunits, sizeof *s->units, by_unit);
	return 0;
}

static int
next_whole(struct dun_hsrc *s, const struct dun_hist **h, int *bad)
{
	struct hb *b;
	int lacks;

	if (s->groups[0] != NULL) {
		if (hsrc_any_next(s) == 0)
			return 0;
		b = &s->b;
	} else if (s->next >= s->nunits)
		return 0;
	else
		b = s->units[s->next++];
	*bad = hsrc_bad(s, b, &lacks);
	if (lacks) {
		hsrc_tell_lacks(s, b->h.hh.unit);
		b->bad = 1;
	}
	*h = &b->h;
	return 1;
}

int
hsrc_bad(const struct dun_hsrc *s, const struct hb *b, int *lacks)
{
	*lacks = s->f[F_UNITS].r != NULL && !b->has_info && !b->bad;
	return *lacks || b->bad || poisoned(s, b->h.hh.unit);
}

void
hsrc_tell_lacks(struct dun_hsrc *s, const char *unit)
{
	struct dun_err e;

	dun_err_set(&e, DUN_EXIT_DATA, "%s: unit %s is not in it",
	    dun_rec_name(s->f[F_UNITS].r), abbr_v(unit).s);
	s->report(&e, s->arg);
}

/* ---- the source ----------------------------------------------------- */

/* May the files be streamed: UTF-8 TSV files, each sorted by unit? */
static int
can_stream(const struct dun_hsrc *s, const char *const *paths)
{
	const char *p[F_COUNT];
	off_t at[F_COUNT];
	int col[F_COUNT], k;
	size_t n = 0;
	long line;

	for (k = 0; k < F_COUNT; k++) {
		if (s->f[k].r == NULL)
			continue;
		if (rec_resume(s->f[k].r, &at[n], &line) < 0)
			return 0;
		p[n] = paths[k];
		col[n++] = s->f[k].col[0];
	}
	return sorted_by_unit(p, at, col, n);
}

int *
hsrc_roles(const struct feed *f, size_t *ncols)
{
	static const int roles[F_COUNT][6] = {
		[F_CHARGES] = { FR_UNIT, FR_FEE, FR_PERIOD, FR_DATE,
		    FR_AMOUNT, FR_SKIP },
		[F_PAYMENTS] = { FR_UNIT, FR_DATE, FR_AMOUNT, FR_SKIP,
		    FR_FEE, FR_PERIOD },
		[F_ADJUSTMENTS] = { FR_UNIT, FR_DATE, FR_AMOUNT, FR_SKIP,
		    FR_FEE, FR_PERIOD },
	};
	size_t n = dun_rec_ncols(f->r), i;
	int *role = xmalloc(n * sizeof *role);

	for (i = 0; i < n; i++)
		role[i] = FR_SKIP;
	for (i = 0; i < 6; i++)
		if (f->col[i] >= 0 && roles[f->kind][i] != FR_SKIP)
			role[f->col[i]] = roles[f->kind][i];
	*ncols = n;
	return role;
}

/* Take the short way through the sorted charges, payments and
 * adjustments that allow it, each read by a thread of its own. */
static int
go_fast(struct dun_hsrc *s, const char *const *paths, struct dun_err *err)
{
	int k;

	for (k = F_CHARGES; k <= F_ADJUSTMENTS; k++) {
		struct feed *f = &s->f[k];
		size_t ncols;
		int *role;

		if (f->r == NULL || (k != F_CHARGES && s->nrevs > 0) ||
		    !f->resumable)
			continue;
		role = hsrc_roles(f, &ncols);
		f->fr = fastrd_open(paths[k], f->at, -1, f->line0, role, ncols,
		    k == F_CHARGES ? FK_CHARGE : k == F_PAYMENTS ? FK_PAYMENT :
		    FK_ADJUSTMENT, s->c, 1, err);
		free(role);
		if (f->fr == NULL)
			return -1;
	}
	return 0;
}

static struct dun_hsrc *
hsrc_new(const struct dun_config *c, dun_bad_fn *rep, void *arg)
{
	struct dun_hsrc *s = xmalloc(sizeof *s);

	memset(s, 0, sizeof *s);
	s->c = c;
	s->report = rep;
	s->arg = arg;
	hb_init(&s->b);
	return s;
}

struct dun_hsrc *
dun_hsrc_files(const struct dun_hfiles *files, const struct dun_config *c,
    dun_bad_fn *rep, void *arg, struct dun_err *err)
{
	const char *paths[F_COUNT] = { files->units, files->charges,
		files->payments, files->adjustments, files->events,
		files->notices };
	struct dun_hsrc *s = hsrc_new(c, rep, arg);
	int k, stdin_used = 0;

	for (k = 0; k < F_COUNT; k++) {
		if (paths[k] == NULL)
			continue;
		if (strcmp(paths[k], "-") == 0 && stdin_used++) {
			dun_err_set(err, DUN_EXIT_USAGE, "only one file can be "
			    "standard input");
			goto fail;
		}
		if (open_feed(s, k, paths[k], err) < 0)
			goto fail;
	}
	if (files->reversals != NULL) {
		if (strcmp(files->reversals, "-") == 0 && stdin_used++) {
			dun_err_set(err, DUN_EXIT_USAGE, "only one file can be "
			    "standard input");
			goto fail;
		}
		if (hsrc_read_reversals(s, files->reversals, err) < 0)
			goto fail;
		for (k = F_PAYMENTS; k <= F_ADJUSTMENTS; k++) {
			struct feed *f = &s->f[k];
			size_t n;

			if (f->r == NULL)
				continue;
			if (f->col[6] < 0) {
				dun_err_set(err, DUN_EXIT_DATA, "%s:1: ref: no "
				    "such column (the reversals name payments "
				    "and adjustments by it)",
				    dun_rec_name(f->r));
				goto fail;
			}
			n = s->moneynames ? strlen(s->moneynames) : 0;
			s->moneynames = xrealloc(s->moneynames, n + 5 +
			    strlen(dun_rec_name(f->r)));
			snprintf(s->moneynames + n, 5 + strlen(dun_rec_name(
			    f->r)), "%s%s", n ? " or " : "", dun_rec_name(f->r));
		}
	}
	for (k = 0; k < F_COUNT; k++)
		s->f[k].resumable = s->f[k].r != NULL &&
		    rec_resume(s->f[k].r, &s->f[k].at, &s->f[k].line0) == 0;
	s->whole = !can_stream(s, paths);
	if (!s->whole && go_fast(s, paths, err) < 0)
		goto fail;
	for (k = 0; k < F_COUNT; k++)
		if (s->f[k].r != NULL && advance(s, &s->f[k], err) < 0)
			goto fail;
	if (s->whole)
		hsrc_any_read(s, paths);
	if (s->whole && read_whole(s, err) < 0)
		goto fail;
	return s;
fail:
	dun_hsrc_close(s);
	return NULL;
}

int
dun_hsrc_whole(const struct dun_hsrc *s)
{
	return s->whole;
}

int
dun_hsrc_next(struct dun_hsrc *s, const struct dun_hist **h, int *bad,
    struct dun_err *err)
{
	int k;

	if (s->lh != NULL)
		return ledger_hist_next(s->lh, h, bad, err);
	k = s->whole ? next_whole(s, h, bad) : next_stream(s, h, bad, err);
	if (k == 0 && s->nrevs > 0)
		hsrc_reversals_unused(s);
	return k;
}

struct dun_hsrc *
dun_hsrc_ledger(struct dun_ledger *l, const struct dun_config *c,
    char *const *units, size_t nunits, dun_bad_fn *rep, void *arg,
    struct dun_err *err)
{
	struct dun_hsrc *s = hsrc_new(c, rep, arg);

	if ((s->lh = ledger_hist_open(l, c, units, nunits, rep, arg,
	    err)) == NULL) {
		dun_hsrc_close(s);
		return NULL;
	}
	return s;
}

void
dun_hsrc_close(struct dun_hsrc *s)
{
	size_t i;
	int k;

	if (s == NULL)
		return;
	for (k = 0; k < F_COUNT; k++) {
		fastrd_close(s->f[k].fr);
		dun_rec_close(s->f[k].r);
	}
	hsrc_any_free(s);
	for (i = 0; i < s->nunits; i++) {
		free(s->units[i]->h.charges);
		free(s->units[i]->h.payments);
		free(s->units[i]->h.adjustments);
		free(s->units[i]->h.events);
		free(s->units[i]->h.notices);
		free(s->units[i]->h.others);
	}
	for (i = 0; i < s->npoison; i++)
		free(s->poison[i]);
	free(s->poison);
	for (i = 0; i < s->nrevs; i++)
		free(s->revs[i].ref);
	free(s->revs);
	free(s->revslots);
	free(s->revname);
	free(s->moneynames);
	free(s->units);
	free(s->slots);
	arena_free(s->a);
	hb_free(&s->b);
	ledger_hist_close(s->lh);
	free(s);
}


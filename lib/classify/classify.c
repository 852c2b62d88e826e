/*
 * classify.c — why a debtor does not pay (the first class rule that
 * holds) and the next lawful step of the ladder, with the reason in words.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "classify.h"
#include "expr.h"

static const char *const action_names[] = { "send", "wait", "hold",
	"service-desk", "offer-plan", "review" };

/* The record columns the ladder reads. */
enum { L_UNIT, L_BALANCE, L_DAYS, L_EPISODE, L_LAST, L_LAST_DATE,
	L_SERVED, L_LIMIT, L_TO_LIMIT, L_DNC, L_DISPUTE, L_PROMISE,
	L_PROMISE_DUE, L_HARDSHIP, L_BROKEN, L_WORTH, L_COUNT };

static const enum col_id ladder_cols[L_COUNT] = { COL_UNIT, COL_BALANCE,
	COL_DAYS_OVERDUE, COL_EPISODE_START, COL_LAST_STAGE,
	COL_LAST_STAGE_DATE, COL_DEMAND_SERVED, COL_LIMITATION_DATE,
	COL_DAYS_TO_LIMITATION, COL_DNC, COL_DISPUTE, COL_PROMISE,
	COL_PROMISE_DUE, COL_HARDSHIP_UNTIL, COL_BROKEN_PROMISES,
	COL_EXPECTED_RECOVERY };

struct dun_classifier {
	const struct dun_config *c;
	struct arena *a;
	struct expr **when;		/* one per class */
	struct expr_cols cols;		/* columns the rules use */
	int *col_at;			/* their places in the record */
	int *col_type;			/* and their types */
	struct value *vals;
	int lcol[L_COUNT], ltype[L_COUNT];
	struct value lv[L_COUNT];
	int written;			/* the first written demand, or -1 */
	struct buf reason, why, fact;	/* a decision's words, reused */
	struct buf explain;		/* -x's, when asked */
};

const char *
dun_action_name(int action)
{
	return action >= 0 && action < DUN_ACT_COUNT ? action_names[action] :
	    "";
}

static int
action_code(const char *name)
{
	int i;

	for (i = 0; name && i < DUN_ACT_COUNT; i++)
		if (strcmp(action_names[i], name) == 0)
			return i;
	return -1;
}

struct dun_classifier *
dun_classifier_new(const struct dun_config *c, struct dun_err *err)
{
	struct dun_classifier *k = xmalloc(sizeof *k);
	size_t i;

	memset(k, 0, sizeof *k);
	k->c = c;
	k->a = arena_new();
	k->written = -1;
	for (i = 0; i < c->nstages && k->written < 0; i++)
		if (c->stages[i].written_demand)
			k->written = (int)i;
	k->when = xmalloc((c->nclasses + 1) * sizeof *k->when);
	for (i = 0; i < c->nclasses; i++) {
		const struct dun_class *cl = &c->classes[i];
		char *msg;
		int pos;

		k->when[i] = expr_parse(cl->when, k->a, &k->cols, &msg, &pos);
		if (k->when[i] == NULL) {
			dun_err_set(err, DUN_EXIT_USAGE, "%s:%d:%d: classes[%zu]"
			    ".when: %s (in %s, at character %d)", cl->file,
			    cl->line, cl->col + pos + cl->quoted, i, msg,
			    abbr_q(cl->when).s, pos + 1);
			free(msg);
			dun_classifier_free(k);
			return NULL;
		}
	}
	k->col_at = xmalloc((k->cols.n + 1) * sizeof *k->col_at);
	k->col_type = xmalloc((k->cols.n + 1) * sizeof *k->col_type);
	k->vals = xmalloc((k->cols.n + 1) * sizeof *k->vals);
	return k;
}

void
dun_classifier_free(struct dun_classifier *k)
{
	size_t i;

	if (k == NULL)
		return;
	for (i = 0; i < k->cols.n; i++)
		free(k->cols.name[i]);
	free(k->cols.name);
	free(k->col_at);
	free(k->col_type);
	free(k->vals);
	free(k->when);
	buf_free(&k->reason);
	buf_free(&k->why);
	buf_free(&k->fact);
	buf_free(&k->explain);
	arena_free(k->a);
	free(k);
}

int
dun_classifier_bind(struct dun_classifier *k, const struct dun_rec *r,
    struct dun_err *err)
{
	size_t i;

	for (i = 0; i < L_COUNT; i++)
		k->ltype[i] = expr_column_type(col_name(ladder_cols[i]));
	for (i = 0; i < k->cols.n; i++)
		k->col_type[i] = expr_column_type(k->cols.name[i]);
	for (i = 0; i < L_COUNT; i++)
		if ((k->lcol[i] = dun_rec_col(r, col_name(ladder_cols[i]))) <
		    0) {
			dun_err_set(err, DUN_EXIT_DATA, "%s:1: %s: the column "
			    "is missing: the input must be dun-age's records",
			    dun_rec_name(r), col_name(ladder_cols[i]));
			return -1;
		}
	for (i = 0; i < k->cols.n; i++)
		if ((k->col_at[i] = dun_rec_col(r, k->cols.name[i])) < 0) {
			size_t j;

			for (j = 0; j < k->c->nclasses; j++)
				if (strstr(k->c->classes[j].when,
				    k->cols.name[i]) != NULL)
					break;
			dun_err_set(err, DUN_EXIT_DATA, "%s:1: %s: the column "
			    "is missing, and class %s uses it",
			    dun_rec_name(r), k->cols.name[i], j <
			    k->c->nclasses ? k->c->classes[j].name : "?");
			return -1;
		}
	return 0;
}

/* A field as a typed value; -1 if it does not parse. */
static int
typed(const struct dun_rec *r, int col, int type, struct value *v,
    struct dun_err *err)
{
	const char *s = dun_rec_field(r, (size_t)col);
	size_t n = dun_rec_len(r, (size_t)col);
	char why[DUN_WHY];
	char *end;

	memset(v, 0, sizeof *v);
	v->type = type;
	if (type == T_STR) {
		v->s = s;
		return 0;
	}
	if (n == 0) {
		v->type = T_NULL;
		return 0;
	}
	if (type == T_MONEY)
		return dun_rec_money(r, col, &v->m, err) < 0 ? -1 : 0;
	if (type == T_DATE)
		return dun_rec_date(r, col, DUN_DATE_ISO, &v->d, err) < 0 ?
		    -1 : 0;
	/* Within what can be had as fen, as an expression keeps it. */
	errno = 0;
	v->n = strtoll(s, &end, 10);
	if (*end == '\0' && end != s && errno == 0 &&
	    v->n <= INT64_MAX / 100 && v->n >= -(INT64_MAX / 100)) {
		v->m = v->n * 100;
		return 0;
	}
	why_quote(why, s, n, *end == '\0' && end != s ?
	    "is out of range" : "is not a whole number");
	dun_rec_bad(r, col, why, err);
	return -1;
}

static int
read_values(struct dun_classifier *k, const struct dun_rec *r,
    struct dun_err *err)
{
	size_t i;

	for (i = 0; i < L_COUNT; i++)
		if (typed(r, k->lcol[i], k->ltype[i], &k->lv[i], err) < 0)
			return -1;
	for (i = 0; i < k->cols.n; i++)
		if (typed(r, k->col_at[i], k->col_type[i], &k->vals[i],
		    err) < 0)
			return -1;
	return 0;
}

static int
stage_of(const struct dun_config *c, const char *name)
{
	size_t i;

	for (i = 0; name && *name && i < c->nstages; i++)
		if (strcmp(c->stages[i].name, name) == 0)
			return (int)i;
	return -1;
}

/* Is the stage passed over for this unit: a channel its class avoids,
 * or, for a unit not to be contacted, anything but letters and law? */
static int
passed_over(const struct dun_config *c, const struct dun_class *cl,
    int dnc, int s)
{
	const struct dun_stage *st = &c->stages[s];

	if (st->written_demand)
		return 0;
	if (dnc && st->channel != DUN_CH_LETTER && st->channel != DUN_CH_LEGAL)
		return 1;
	return cl != NULL && (cl->avoid & (1 << st->channel));
}

static void
cat(struct buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Add to the text in b; nothing when b is NULL, as the explanation is
 * when none was asked for. */
static void
cat(struct buf *b, const char *fmt, ...)
{
	va_list ap;

	if (b == NULL)
		return;
	va_start(ap, fmt);
	buf_vfmt(b, fmt, ap);
	va_end(ap);
}

/* Add the strings, up to a NULL, to b: the reasons' common parts,
 * without a format to read each time. */
static void
add(struct buf *b, ...)
{
	const char *s;
	va_list ap;

	va_start(ap, b);
	while ((s = va_arg(ap, const char *)) != NULL)
		buf_str(b, s);
	va_end(ap);
}

/* What the record says of the debtor, for the reason. */
static void
facts(const struct dun_classifier *k, dun_date today, struct buf *b)
{
	const struct value *v = k->lv;
	char d[DUN_DATE_BUFSZ], num[24];

	buf_clear(b);
	if (v[L_BROKEN].type == T_NUM && v[L_BROKEN].n > 0) {
		snprintf(num, sizeof num, "%lld", (long long)v[L_BROKEN].n);
		add(b, "broke ", num, v[L_BROKEN].n > 1 ? " promises" :
		    " promise", (char *)NULL);
	}
	if (v[L_DAYS].type == T_NUM) {
		snprintf(num, sizeof num, "%lld", (long long)v[L_DAYS].n);
		add(b, b->len ? ", " : "", num, " days overdue", (char *)NULL);
	}
	if (v[L_DISPUTE].s && *v[L_DISPUTE].s)
		add(b, b->len ? ", " : "", "ticket ", v[L_DISPUTE].s, " open",
		    (char *)NULL);
	if (v[L_PROMISE].s && strcmp(v[L_PROMISE].s, "open") == 0 &&
	    v[L_PROMISE_DUE].type == T_DATE)
		add(b, b->len ? ", " : "", "promised to pay by ",
		    dun_date_fmt(v[L_PROMISE_DUE].d, d), (char *)NULL);
	if (v[L_HARDSHIP].type == T_DATE && v[L_HARDSHIP].d >= today)
		add(b, b->len ? ", " : "", "in hardship until ",
		    dun_date_fmt(v[L_HARDSHIP].d, d), (char *)NULL);
	if (v[L_DNC].s && *v[L_DNC].s)
		add(b, b->len ? ", " : "", "not to be contacted", (char *)NULL);
	if (b->len == 0)
		add(b, "nothing overdue", (char *)NULL);
}

/* Does class i's rule hold: 1, 0, or -1 and err if a sum in it goes out
 * of range. */
static int
holds(struct dun_classifier *k, size_t i, const struct dun_rec *r,
    dun_date today, struct dun_err *err)
{
	char msg[200];
	int yes = expr_eval(k->when[i], k->vals, today, msg, sizeof msg);

	if (yes < 0)
		dun_err_set(err, DUN_EXIT_DATA, "%s:%ld: class %s: %s, in %s",
		    dun_rec_name(r), dun_rec_line(r),
		    abbr_v(k->c->classes[i].name).s, msg,
		    abbr_q(k->c->classes[i].when).s);
	return yes;
}

/* The first class whose rule holds (-1 if none), or -2 and err. */
static int
first_match(struct dun_classifier *k, const struct dun_rec *r,
    dun_date today, struct dun_err *err)
{
	size_t i;
	int yes;

	for (i = 0; i < k->c->nclasses; i++)
		if ((yes = holds(k, i, r, today, err)) != 0)
			return yes > 0 ? (int)i : -2;
	return -1;
}

/* The first day on or after from that the contact rules let a step by
 * channel ch go out (contact.c), what moved it into the explanation. */
static dun_date
first_day(const struct dun_classifier *k, int ch, dun_date from,
    struct buf *explain)
{
	const struct value *v = k->lv;
	char d1[DUN_DATE_BUFSZ], *moved = NULL;
	dun_date d;

	d = contact_first_day(k->c, ch, from, v[L_LAST_DATE].type == T_DATE ?
	    v[L_LAST_DATE].d : DUN_NODATE, explain ? &moved : NULL);
	if (moved != NULL)
		cat(explain, "  contact rules: %s, so from %s\n", moved,
		    d == DUN_NODATE ? "none" : dun_date_fmt(d, d1));
	free(moved);
	return d;
}

/* The ladder's answer for the class cl (may be NULL). */
static void
ladder(struct dun_classifier *k, const struct dun_class *cl, dun_date today,
    struct dun_decision *d, struct buf *why, struct buf *explain)
{
	const struct dun_config *c = k->c;
	const struct value *v = k->lv;
	int dnc = v[L_DNC].s && *v[L_DNC].s, last = stage_of(c,
	    v[L_LAST].s), next, max = cl ? stage_of(c, cl->max_stage) : -1;
	const struct dun_stage *st;
	char d1[DUN_DATE_BUFSZ], d2[DUN_DATE_BUFSZ], m1[DUN_MONEY_BUFSZ];
	char m2[DUN_MONEY_BUFSZ];
	dun_date when = today;
	size_t i;

	for (next = last + 1; next < (int)c->nstages &&
	    passed_over(c, cl, dnc, next); next++)
		cat(explain, "  stage %s: passed over (%s)\n",
		    c->stages[next].name, dnc ? "not to be contacted" :
		    "the class avoids its channel");
	if (explain)
		cat(explain, "  last stage issued: %s%s%s\n", last >= 0 ?
		    c->stages[last].name : "none", last >= 0 ? " on " : "",
		    last >= 0 && v[L_LAST_DATE].type == T_DATE ?
		    dun_date_fmt(v[L_LAST_DATE].d, d1) : "");
	if (next >= (int)c->nstages) {
		d->action = DUN_ACT_REVIEW;
		cat(why, "every stage of the ladder was issued: review");
		cat(explain, "  next stage: none left\n");
		return;
	}
	st = &c->stages[next];
	d->stage = next;
	d->channel = (int)st->channel;
	if (cl && cl->channel >= 0 && st->channel != DUN_CH_LETTER &&
	    st->channel != DUN_CH_LEGAL && !(dnc &&
	    cl->channel != DUN_CH_LETTER && cl->channel != DUN_CH_LEGAL))
		d->channel = cl->channel;
	cat(explain, "  next stage: %s (%s)\n", st->name,
	    dun_channel_name((enum dun_channel)d->channel));
	if (max >= 0 && next > max) {
		d->action = DUN_ACT_REVIEW;
		cat(why, "class %s goes no further than stage %s: "
		    "review", cl->name, c->stages[max].name);
		cat(explain, "  max_stage %s: stage %s is beyond it\n",
		    c->stages[max].name, st->name);
		return;
	}
	if (cl && cl->hold) {
		int act = action_code(cl->action);

		d->action = act >= 0 && act != DUN_ACT_SEND ? act :
		    DUN_ACT_HOLD;
		if (v[L_PROMISE].s && strcmp(v[L_PROMISE].s, "open") == 0 &&
		    v[L_PROMISE_DUE].type == T_DATE) {
			d->due_on = v[L_PROMISE_DUE].d +
			    c->contact.promise_grace_days + 1;
			cat(why, "ladder held until %s",
			    dun_date_fmt(d->due_on, d1));
		} else if (d->action == DUN_ACT_SERVICE_DESK)
			cat(why, "ladder held, routed to the service "
			    "desk");
		else
			cat(why, "ladder held");
		cat(explain, "  class %s holds the ladder\n", cl->name);
		return;
	}
	/* Days overdue, counted from the episode's start. */
	if (v[L_EPISODE].type == T_DATE) {
		dun_date due = v[L_EPISODE].d + st->days;

		if (explain)
			cat(explain, "  days: %d from %s, so from %s: "
			    "%s\n", st->days, dun_date_fmt(v[L_EPISODE].d, d1),
			    dun_date_fmt(due, d2), due <= today ? "holds" :
			    "not yet");
		if (due > when)
			when = due;
	} else {
		d->action = DUN_ACT_WAIT;
		cat(why, "nothing is billed and unpaid");
		cat(explain, "  days: no episode\n");
		return;
	}
	if (last >= 0 && v[L_LAST_DATE].type == T_DATE) {
		dun_date gap = v[L_LAST_DATE].d + st->gap_days;

		if (explain)
			cat(explain, "  gap: %d days after %s, so from "
			    "%s: %s\n", st->gap_days,
			    dun_date_fmt(v[L_LAST_DATE].d, d1),
			    dun_date_fmt(gap, d2), gap <= today ? "holds" :
			    "not yet");
		if (gap > when)
			when = gap;
	}
	if (explain)
		cat(explain, "  balance: %s, the stage needs %s: %s\n",
		    v[L_BALANCE].type == T_MONEY ?
		    dun_money_fmt(v[L_BALANCE].m, m1) : "0.00",
		    dun_money_fmt(st->min_balance, m2),
		    v[L_BALANCE].m >= st->min_balance ? "holds" : "fails");
	if (v[L_BALANCE].m < st->min_balance) {
		d->action = DUN_ACT_WAIT;
		cat(why, "stage %s needs a balance of %s: waits", st->name,
		    dun_money_fmt(st->min_balance, m2));
		return;
	}
	for (i = 0; i < st->requires.n; i++) {
		int q = stage_of(c, st->requires.v[i]);
		int ok = q >= 0 && q <= last && !passed_over(c, cl, dnc, q);

		cat(explain, "  requires %s issued: %s\n",
		    st->requires.v[i], ok ? "holds" : "fails");
		if (!ok) {
			d->action = DUN_ACT_REVIEW;
			cat(why, "stage %s requires %s, which was not "
			    "issued: review", st->name, st->requires.v[i]);
			return;
		}
	}
	for (i = 0; i < st->requires_served.n; i++) {
		int q = stage_of(c, st->requires_served.v[i]);
		int ok = q >= 0 && c->stages[q].written_demand &&
		    v[L_SERVED].type == T_DATE;

		if (explain)
			cat(explain, "  requires %s served: %s%s\n",
			    st->requires_served.v[i], ok ? "served " :
			    "not served", ok ? dun_date_fmt(v[L_SERVED].d, d1) :
			    "");
		if (!ok) {
			d->action = DUN_ACT_WAIT;
			cat(why, "stage %s waits until the %s is served",
			    st->name, st->requires_served.v[i]);
			return;
		}
	}
	/* The contact rules, as dun-notice keeps them: the least gap after
	 * the last notice, quiet days, a call's or a visit's window. */
	when = first_day(k, d->channel, when, explain);
	if (when == DUN_NODATE) {
		d->action = DUN_ACT_WAIT;
		cat(why, "stage %s (%s): no day in its window within a "
		    "year", st->name, dun_channel_name((enum dun_channel)
		    d->channel));
		return;
	}
	d->due_on = when;
	d->action = when <= today ? DUN_ACT_SEND : DUN_ACT_WAIT;
	if (cl && action_code(cl->action) > DUN_ACT_WAIT &&
	    d->action == DUN_ACT_SEND)
		d->action = action_code(cl->action);
	if (d->action == DUN_ACT_OFFER_PLAN)
		cat(why, "offer a plan; ");
	cat(why, "stage %s (%s) due %s", st->name,
	    dun_channel_name((enum dun_channel)d->channel), when <= today ?
	    "today" : dun_date_fmt(when, d1));
}

static int
decide(struct dun_classifier *k, const struct dun_rec *r, dun_date today,
    struct dun_decision *d, struct buf *explain, struct dun_err *err)
{
	const struct dun_config *c = k->c;
	const struct dun_class *cl;
	struct buf *why = &k->why, *fact = &k->fact;
	size_t i;

	memset(d, 0, sizeof *d);
	d->cls = d->stage = d->channel = -1;
	d->due_on = DUN_NODATE;
	buf_clear(why);
	buf_clear(&k->reason);
	buf_str(&k->reason, "");
	d->reason = k->reason.s;
	if (read_values(k, r, err) < 0)
		return -1;
	if (explain) {
		buf_clear(explain);
		for (i = 0; i < c->nclasses; i++) {
			int yes = holds(k, i, r, today, err);

			if (yes < 0)
				return -1;
			cat(explain, "class %s: %s\n  ", c->classes[i].name,
			    c->classes[i].when);
			expr_explain(k->when[i], &k->cols, k->vals, today,
			    explain);
			cat(explain, ": %s\n", yes ? "matches, first to match" :
			    "does not match");
			if (yes)
				break;
		}
		cat(explain, "ladder:\n");
	}
	if ((d->cls = first_match(k, r, today, err)) == -2)
		return -1;
	cl = d->cls >= 0 ? &c->classes[d->cls] : NULL;
	facts(k, today, fact);
	/* No claim is lost to the limitation period for want of a letter. */
	if (k->written >= 0 && k->lv[L_TO_LIMIT].type == T_NUM &&
	    k->lv[L_TO_LIMIT].n <= c->limitation.warn_days &&
	    k->lv[L_BALANCE].m > 0) {
		char d1[DUN_DATE_BUFSZ], d2[DUN_DATE_BUFSZ];

		d->stage = k->written;
		d->channel = (int)c->stages[k->written].channel;
		if (explain)
			cat(explain, "  limitation guard: %lld days to the "
			    "limitation date, within %d: the written demand is "
			    "due now\n", (long long)k->lv[L_TO_LIMIT].n,
			    c->limitation.warn_days);
		/* Now, as dun-notice would send it: not on a quiet day nor
		 * within the least gap, which are the same for letters. */
		d->due_on = first_day(k, d->channel, today, explain);
		d->action = d->due_on != DUN_NODATE && d->due_on <= today ?
		    DUN_ACT_SEND : DUN_ACT_WAIT;
		cat(&k->reason, "%s; limitation ends %s, in %lld days: written "
		    "demand %s due %s, whatever the ladder says", fact->s,
		    k->lv[L_LIMIT].type == T_DATE ?
		    dun_date_fmt(k->lv[L_LIMIT].d, d1) : "?",
		    (long long)k->lv[L_TO_LIMIT].n,
		    c->stages[k->written].name, d->due_on == DUN_NODATE ?
		    "on no day of its window within a year" : d->due_on <=
		    today ? "today" : dun_date_fmt(d->due_on, d2));
		d->reason = k->reason.s;
		return 0;
	}
	ladder(k, cl, today, d, why, explain);
	if (cl && cl->copy_owner && d->action == DUN_ACT_SEND)
		cat(why, "; the owner is told as well");
	/* The reason whole, however long the config's names. */
	add(&k->reason, fact->s, ": ", why->s ? why->s : "", (char *)NULL);
	d->reason = k->reason.s;
	return 0;
}

int
dun_classify(struct dun_classifier *k, const struct dun_rec *r,
    dun_date today, struct dun_decision *d, struct dun_err *err)
{
	return decide(k, r, today, d, NULL, err);
}

int
dun_classify_explain(struct dun_classifier *k, const struct dun_rec *r,
    dun_date today, struct dun_decision *d, const char **text,
    struct dun_err *err)
{
	if (decide(k, r, today, d, &k->explain, err) < 0)
		return -1;
	cat(&k->explain, "decision: class %s, %s%s%s, reason: %s\n",
	    d->cls >= 0 ? k->c->classes[d->cls].name : "none",
	    dun_action_name(d->action), d->stage >= 0 ? " stage " : "",
	    d->stage >= 0 ? k->c->stages[d->stage].name : "", d->reason);
	*text = k->explain.s;
	return 0;
}

/* The worth and age of a record, for ranking; valid after dun_classify. */
void
dun_classify_rank_key(const struct dun_classifier *k, dun_money *worth,
    long *age)
{
	*worth = k->lv[L_WORTH].type == T_MONEY ? k->lv[L_WORTH].m : 0;
	*age = k->lv[L_DAYS].type == T_NUM ? (long)k->lv[L_DAYS].n : 0;
}

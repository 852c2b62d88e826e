/*
 * config.c — dun.yaml into typed structs.  Every key is known here; an
 * unknown key, a wrong type or a bad value is an error at its line and
 * column.  The user's file is merged over the compiled-in default.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "expr.h"
#include "ynode.h"

const char *const dun_columns[DUN_NCOLUMNS] = { "unit", "estate",
	"building", "owner", "phone", "email", "address", "area", "occupancy",
	"collector", "dnc", "fee", "period", "due", "amount", "ref", "date",
	"method", "reason", "type", "note", "entrance", "room", "start", "end",
	"paid", "owing", "waiver", "late", "bill" };

#define DEFAULT_NAME "(default dun.yaml)"

static const char *const channel_names[] = { "sms", "email", "phone",
	"letter", "visit", "legal", NULL };
static const char *const weekday_names[] = { "mon", "tue", "wed", "thu",
	"fri", "sat", "sun", NULL };

int
dun_column(const char *name)
{
	int i;

	for (i = 0; i < DUN_NCOLUMNS; i++)
		if (strcmp(dun_columns[i], name) == 0)
			return i;
	return -1;
}

const char *
dun_channel_name(enum dun_channel ch)
{
	return ch < DUN_CH_COUNT ? channel_names[ch] : "?";
}

struct cx {
	struct dun_config *c;
	struct arena *a;
	struct dun_err *err;
	char path[256];
	/* The days off and weekend days worked listed in calendar (0, 1)
	 * and in limitation, by their older names (2, 3). */
	dun_date *days[4];
	size_t ndays[4];
};

static int
bad(struct cx *x, const struct ynode *n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
bad(struct cx *x, const struct ynode *n, const char *fmt, ...)
{
	char msg[600];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	dun_err_set(x->err, DUN_EXIT_USAGE, "%s:%d:%d: %s%s%s", n->file,
	    n->line, n->col, x->path, *x->path ? ": " : "", msg);
	return -1;
}

/* Descend into key k of the path; returns the old length to pop back. */
static size_t
push(struct cx *x, const char *k)
{
	size_t len = strlen(x->path);

	snprintf(x->path + len, sizeof x->path - len, "%s%s", len ? "." : "",
	    k);
	return len;
}

static size_t
push_index(struct cx *x, size_t i)
{
	size_t len = strlen(x->path);

	snprintf(x->path + len, sizeof x->path - len, "[%zu]", i);
	return len;
}

static void
pop(struct cx *x, size_t len)
{
	x->path[len] = '\0';
}

static int
want(struct cx *x, const struct ynode *n, int kind)
{
	static const char *const what[] = { "nothing", "a single value",
		"a list", "a mapping" };

	if (n->kind == kind)
		return 0;
	return bad(x, n, "is %s; it must be %s", what[n->kind], what[kind]);
}

static int
get_str(struct cx *x, const struct ynode *n, char **out)
{
	if (n->kind == Y_NULL) {
		*out = NULL;
		return 0;
	}
	if (want(x, n, Y_SCALAR) < 0)
		return -1;
	*out = arena_strdup(x->a, n->s);
	return 0;
}

static int
get_int(struct cx *x, const struct ynode *n, long min, long max, int *out)
{
	char *end;
	long v;

	if (want(x, n, Y_SCALAR) < 0)
		return -1;
	errno = 0;
	v = strtol(n->s, &end, 10);
	if (n->s[0] == '\0' || *end != '\0' || errno != 0)
		return bad(x, n, "\"%s\" is not a whole number", n->s);
	if (v < min || v > max)
		return bad(x, n, "%ld is out of range (%ld to %ld)", v, min, max);
	*out = (int)v;
	return 0;
}

static int
get_bool(struct cx *x, const struct ynode *n, int *out)
{
	if (want(x, n, Y_SCALAR) < 0)
		return -1;
	if (strcmp(n->s, "true") == 0 || strcmp(n->s, "yes") == 0)
		*out = 1;
	else if (strcmp(n->s, "false") == 0 || strcmp(n->s, "no") == 0)
		*out = 0;
	else
		return bad(x, n, "\"%s\" is not true or false", n->s);
	return 0;
}

static int
get_money(struct cx *x, const struct ynode *n, dun_money *out)
{
	char why[DUN_WHY];

	if (want(x, n, Y_SCALAR) < 0)
		return -1;
	if (dun_money_parse(n->s, n->n, out, why) < 0)
		return bad(x, n, "%s", why);
	return 0;
}

/* A fraction: "0.0005", "0.05%", "0.5‰", to nine decimal places. */
int
dun_rate_parse(const char *s, dun_rate *out)
{
	int64_t v = 0;
	int frac = -1, shift = 9, digits = 0;
	const char *p = s;

	for (; *p; p++) {
		if (*p == '.' && frac < 0) {
			frac = 0;
			continue;
		}
		if (*p < '0' || *p > '9')
			break;
		if (frac >= 0)
			frac++;
		if (v > INT64_MAX / 100)
			return -1;
		v = v * 10 + (*p - '0');
		digits++;
	}
	if (digits == 0)
		return -1;
	if (strcmp(p, "%") == 0)
		shift -= 2;
	else if (strcmp(p, "‰") == 0)
		shift -= 3;
	else if (*p != '\0')
		return -1;
	shift -= frac > 0 ? frac : 0;
	if (shift < 0)
		return -1;
	while (shift-- > 0) {
		if (v > INT64_MAX / 10)
			return -1;
		v *= 10;
	}
	*out = v;
	return 0;
}

static int
get_rate(struct cx *x, const struct ynode *n, dun_rate *out)
{
	if (want(x, n, Y_SCALAR) < 0)
		return -1;
	if (dun_rate_parse(n->s, out) < 0)
		return bad(x, n, "\"%s\" is not a rate (0.0005, 0.05%% or "
		    "0.5‰, at most nine decimal places)", n->s);
	return 0;
}

static int
get_enum(struct cx *x, const struct ynode *n, const char *const *names,
    int *out)
{
	char list[300] = "";
	int i;

	if (want(x, n, Y_SCALAR) < 0)
		return -1;
	for (i = 0; names[i]; i++) {
		if (strcmp(n->s, names[i]) == 0) {
			*out = i;
			return 0;
		}
		snprintf(list + strlen(list), sizeof list - strlen(list),
		    "%s%s", i ? (names[i + 1] ? ", " : " or ") : "", names[i]);
	}
	return bad(x, n, "\"%s\" is not one of %s", n->s, list);
}

static int
get_date(struct cx *x, const struct ynode *n, dun_date *out)
{
	char why[DUN_WHY];

	if (want(x, n, Y_SCALAR) < 0)
		return -1;
	if (dun_date_parse(n->s, n->n, DUN_DATE_ISO, out, why) < 0)
		return bad(x, n, "%s", why);
	return 0;
}

/* A list of scalars, or one scalar standing for a list of one. */
static int
get_strs(struct cx *x, const struct ynode *n, struct dun_strs *out)
{
	size_t i;

	out->n = 0;
	out->v = NULL;
	if (n->kind == Y_NULL)
		return 0;
	if (n->kind == Y_SCALAR) {
		out->v = arena_alloc(x->a, sizeof *out->v);
		out->v[out->n++] = arena_strdup(x->a, n->s);
		return 0;
	}
	if (want(x, n, Y_SEQ) < 0)
		return -1;
	out->v = arena_alloc(x->a, (n->nkids + 1) * sizeof *out->v);
	for (i = 0; i < n->nkids; i++) {
		if (want(x, n->kids[i], Y_SCALAR) < 0)
			return -1;
		out->v[out->n++] = arena_strdup(x->a, n->kids[i]->s);
	}
	return 0;
}

/* Each key of map n must be one of keys. */
static int
known_keys(struct cx *x, const struct ynode *n, const char *const *keys)
{
	size_t i;
	int k;

	if (want(x, n, Y_MAP) < 0)
		return -1;
	for (i = 0; i < n->nkids; i += 2) {
		for (k = 0; keys[k]; k++)
			if (strcmp(keys[k], n->kids[i]->s) == 0)
				break;
		if (keys[k] == NULL)
			return bad(x, n->kids[i], "unknown key \"%s\"",
			    n->kids[i]->s);
	}
	return 0;
}

static int
get_hours(struct cx *x, const struct ynode *n, struct dun_window *w)
{
	char a[8], b[8], c;

	if (want(x, n, Y_SCALAR) < 0)
		return -1;
	if (sscanf(n->s, "%5[0-9:]-%5[0-9:]%c", a, b, &c) != 2 ||
	    dun_time_parse(a, &w->from) < 0 ||
	    dun_time_parse(b, &w->to) < 0 || w->from == w->to)
		return bad(x, n, "\"%s\" is not a span of hours like "
		    "\"21:00-08:00\"", n->s);
	return 0;
}

static int
get_weekdays(struct cx *x, const struct ynode *n, int *mask)
{
	struct dun_strs s;
	size_t i;
	int d;

	if (get_strs(x, n, &s) < 0)
		return -1;
	*mask = 0;
	for (i = 0; i < s.n; i++) {
		for (d = 0; weekday_names[d]; d++)
			if (strcasecmp(s.v[i], weekday_names[d]) == 0)
				break;
		if (weekday_names[d] == NULL)
			return bad(x, n, "\"%s\" is not a weekday (mon, tue, "
			    "wed, thu, fri, sat, sun)", s.v[i]);
		*mask |= 1 << (d + 1);
	}
	return 0;
}

static int
get_window(struct cx *x, const struct ynode *n, struct dun_window *w)
{
	static const char *const keys[] = { "days", "hours", NULL };
	const struct ynode *v;
	size_t len;

	if (known_keys(x, n, keys) < 0)
		return -1;
	if ((v = ynode_get(n, "days")) != NULL) {
		len = push(x, "days");
		if (get_weekdays(x, v, &w->days) < 0)
			return -1;
		pop(x, len);
	}
	if ((v = ynode_get(n, "hours")) != NULL) {
		len = push(x, "hours");
		if (get_hours(x, v, w) < 0)
			return -1;
		pop(x, len);
	}
	return 0;
}

/* ---- fees --------------------------------------------------------- */

static int
load_cap(struct cx *x, const struct ynode *n, struct dun_fee *f)
{
	static const char *const keys[] = { "fraction", "amount",
		"annual_rate", NULL };
	const struct ynode *v;

	if (n->kind == Y_NULL || (n->kind == Y_SCALAR &&
	    strcmp(n->s, "none") == 0)) {
		f->cap = DUN_CAP_NONE;
		return 0;
	}
	if (n->kind == Y_SCALAR && strcmp(n->s, "principal") == 0) {
		f->cap = DUN_CAP_FRACTION;
		f->cap_rate = DUN_RATE_ONE;
		return 0;
	}
	if (n->kind != Y_MAP)
		return bad(x, n, "must be none, principal, or one of "
		    "{fraction: F}, {amount: A}, {annual_rate: R}");
	if (known_keys(x, n, keys) < 0)
		return -1;
	if (n->nkids != 2)
		return bad(x, n, "give exactly one of fraction, amount, "
		    "annual_rate");
	v = n->kids[1];
	push(x, n->kids[0]->s);
	if ((v = ynode_get(n, "fraction")) != NULL) {
		f->cap = DUN_CAP_FRACTION;
		return get_rate(x, v, &f->cap_rate);
	}
	if ((v = ynode_get(n, "amount")) != NULL) {
		f->cap = DUN_CAP_AMOUNT;
		if (get_money(x, v, &f->cap_amount) < 0)
			return -1;
		if (f->cap_amount < 0)
			return bad(x, v, "a cap cannot be negative");
		return 0;
	}
	v = ynode_get(n, "annual_rate");
	f->cap = DUN_CAP_ANNUAL;
	return get_rate(x, v, &f->cap_rate);
}

static int
load_late_fee(struct cx *x, const struct ynode *n, struct dun_fee *f)
{
	static const char *const keys[] = { "grace_days", "method", "rate",
		"amount", "cap", "rounding", NULL };
	static const char *const methods[] = { "none", "daily", "monthly",
		"flat", NULL };
	static const char *const roundings[] = { "half-up", "half-even",
		"down", "up", NULL };
	const struct ynode *v;
	size_t len;
	int e;

	if (known_keys(x, n, keys) < 0)
		return -1;
	for (size_t i = 0; i < n->nkids; i += 2) {
		const char *k = n->kids[i]->s;

		v = n->kids[i + 1];
		len = push(x, k);
		if (strcmp(k, "grace_days") == 0)
			e = get_int(x, v, 0, 3660, &f->grace_days);
		else if (strcmp(k, "method") == 0) {
			int m;

			e = get_enum(x, v, methods, &m);
			f->method = (enum dun_late_method)m;
		} else if (strcmp(k, "rate") == 0)
			e = get_rate(x, v, &f->rate);
		else if (strcmp(k, "amount") == 0) {
			e = get_money(x, v, &f->flat);
			if (e == 0 && f->flat < 0)
				e = bad(x, v, "a late fee cannot be negative");
		} else if (strcmp(k, "cap") == 0)
			e = load_cap(x, v, f);
		else {
			int r;

			e = get_enum(x, v, roundings, &r);
			f->rounding = (enum dun_rounding)r;
		}
		if (e < 0)
			return -1;
		pop(x, len);
	}
	if ((f->method == DUN_LATE_DAILY || f->method == DUN_LATE_MONTHLY) &&
	    f->rate <= 0)
		return bad(x, n, "method %s needs a rate above 0",
		    f->method == DUN_LATE_DAILY ? "daily" : "monthly");
	if (f->method == DUN_LATE_FLAT && f->flat <= 0)
		return bad(x, n, "method flat needs an amount above 0");
	return 0;
}

static int
load_fees(struct cx *x, const struct ynode *n)
{
	static const char *const keys[] = { "label", "aliases", "late_fee",
		NULL };
	size_t i, j, len, len2;

	if (want(x, n, Y_MAP) < 0)
		return -1;
	x->c->nfees = n->nkids / 2;
	if (x->c->nfees > 64)
		return bad(x, n, "at most 64 fee types");
	x->c->fees = arena_alloc(x->a, (x->c->nfees + 1) *
	    sizeof *x->c->fees);
	for (i = 0; i < x->c->nfees; i++) {
		struct dun_fee *f = &x->c->fees[i];
		const struct ynode *k = n->kids[2 * i], *v = n->kids[2 * i + 1];

		len = push(x, k->s);
		if (strcmp(k->s, "late") == 0)
			return bad(x, k, "\"late\" is the late fee itself and "
			    "cannot be a fee type");
		f->key = arena_strdup(x->a, k->s);
		f->label = f->key;
		f->method = DUN_LATE_NONE;
		if (known_keys(x, v, keys) < 0)
			return -1;
		for (j = 0; j < v->nkids; j += 2) {
			const char *kk = v->kids[j]->s;
			int e;

			len2 = push(x, kk);
			if (strcmp(kk, "label") == 0) {
				e = get_str(x, v->kids[j + 1], &f->label);
				if (f->label == NULL)
					f->label = f->key;
			} else if (strcmp(kk, "aliases") == 0)
				e = get_strs(x, v->kids[j + 1], &f->aliases);
			else
				e = load_late_fee(x, v->kids[j + 1], f);
			if (e < 0)
				return -1;
			pop(x, len2);
		}
		pop(x, len);
	}
	return 0;
}

static int
load_allocation(struct cx *x, const struct ynode *n)
{
	static const char *const keys[] = { "late_fees", "named_first",
		"fee_order", "deposits", NULL };
	static const char *const lf[] = { "after-principal",
		"before-principal", NULL };
	const struct ynode *v;
	struct ynode *order;
	size_t len, i, j;

	if (known_keys(x, n, keys) < 0)
		return -1;
	if ((v = ynode_get(n, "late_fees")) != NULL) {
		len = push(x, "late_fees");
		if (get_enum(x, v, lf, &x->c->allocation.late_first) < 0)
			return -1;
		pop(x, len);
	}
	if ((v = ynode_get(n, "deposits")) != NULL) {
		len = push(x, "deposits");
		if (get_strs(x, v, &x->c->allocation.deposits) < 0)
			return -1;
		for (i = 0; i < x->c->allocation.deposits.n; i++)
			if (x->c->allocation.deposits.v[i][0] == '\0')
				return bad(x, v, "an empty name would make "
				    "every fee a deposit");
		pop(x, len);
	}
	if ((v = ynode_get(n, "named_first")) != NULL) {
		len = push(x, "named_first");
		if (get_bool(x, v, &x->c->allocation.named_first) < 0)
			return -1;
		pop(x, len);
	}
	if ((v = order = ynode_get(n, "fee_order")) != NULL) {
		len = push(x, "fee_order");
		if (get_strs(x, v, &x->c->allocation.fee_order) < 0)
			return -1;
		for (i = 0, j = 0; i < x->c->allocation.fee_order.n; i++) {
			const char *name = x->c->allocation.fee_order.v[i];
			size_t k;

			for (k = 0; k < x->c->nfees; k++)
				if (strcmp(x->c->fees[k].key, name) == 0)
					break;
			/* A fee the user removed leaves the default's order
			 * quietly; a user's own order must name real fees. */
			if (k == x->c->nfees && strcmp(v->file,
			    DEFAULT_NAME) == 0)
				continue;
			if (k == x->c->nfees)
				return bad(x, v, "\"%s\" is not a fee in fees",
				    name);
			if (order->kind == Y_SEQ)
				order->kids[j] = order->kids[i];
			x->c->allocation.fee_order.v[j++] = (char *)name;
		}
		/* The config in force, written out, leaves them out too: it
		 * must load as it is (found by tests/fuzz/config). */
		if (order->kind == Y_SEQ)
			order->nkids = j;
		x->c->allocation.fee_order.n = j;
		pop(x, len);
	}
	return 0;
}

static int
load_aging(struct cx *x, const struct ynode *n)
{
	static const char *const keys[] = { "buckets", "recovery", NULL };
	const struct ynode *b = ynode_get(n, "buckets");
	const struct ynode *r = ynode_get(n, "recovery");
	size_t i, len;

	if (known_keys(x, n, keys) < 0)
		return -1;
	if (b == NULL || r == NULL)
		return bad(x, n, "needs both buckets and recovery");
	len = push(x, "buckets");
	if (want(x, b, Y_SEQ) < 0)
		return -1;
	if (b->nkids < 1 || b->nkids > 12)
		return bad(x, b, "give 1 to 12 bucket bounds");
	x->c->aging.nbounds = b->nkids;
	x->c->aging.bounds = arena_alloc(x->a, b->nkids * sizeof(int));
	for (i = 0; i < b->nkids; i++) {
		if (get_int(x, b->kids[i], 1, 36600,
		    &x->c->aging.bounds[i]) < 0)
			return -1;
		if (i > 0 && x->c->aging.bounds[i] <=
		    x->c->aging.bounds[i - 1])
			return bad(x, b->kids[i], "bounds must rise");
	}
	pop(x, len);
	len = push(x, "recovery");
	if (want(x, r, Y_SEQ) < 0)
		return -1;
	if (r->nkids != b->nkids + 1)
		return bad(x, r, "needs %zu shares, one per bucket (the bounds "
		    "and one more)", b->nkids + 1);
	x->c->aging.recovery = arena_alloc(x->a, r->nkids * sizeof(dun_rate));
	for (i = 0; i < r->nkids; i++) {
		if (get_rate(x, r->kids[i], &x->c->aging.recovery[i]) < 0)
			return -1;
		if (x->c->aging.recovery[i] > DUN_RATE_ONE)
			return bad(x, r->kids[i], "a share is at most 100%%");
	}
	pop(x, len);
	return 0;
}

/* Channels that do not exist, and why: Civil Code art. 944. */
static int
forbidden_channel(const char *s)
{
	static const char *const words[] = { "water", "power", "electric",
		"gas", "heat", "cut", "disconnect", "lock", "utility",
		"停水", "停电", "断水", "断电", "停气", "停暖", NULL };
	int i;

	for (i = 0; words[i]; i++)
		if (strstr(s, words[i]) != NULL)
			return 1;
	return 0;
}

static int
get_channel(struct cx *x, const struct ynode *n, int *out)
{
	if (n->kind == Y_SCALAR && forbidden_channel(n->s))
		return bad(x, n, "\"%s\": cutting water, power, gas, heating "
		    "or other services to force payment is forbidden (Civil "
		    "Code art. 944); dun has no such step", n->s);
	return get_enum(x, n, channel_names, out);
}

static int
find_stage(const struct dun_config *c, size_t upto, const char *name)
{
	size_t i;

	for (i = 0; i < upto; i++)
		if (strcmp(c->stages[i].name, name) == 0)
			return (int)i;
	return -1;
}

static int
load_ladder(struct cx *x, const struct ynode *n)
{
	static const char *const keys[] = { "name", "label", "channel",
		"days", "min_balance", "gap_days", "requires",
		"requires_served", "written_demand", NULL };
	size_t i, j, len, len2, r;

	if (want(x, n, Y_SEQ) < 0)
		return -1;
	if (n->nkids == 0)
		return bad(x, n, "the ladder needs at least one stage");
	x->c->nstages = n->nkids;
	x->c->stages = arena_alloc(x->a, n->nkids * sizeof *x->c->stages);
	for (i = 0; i < n->nkids; i++) {
		struct dun_stage *s = &x->c->stages[i];
		const struct ynode *m = n->kids[i];
		int ch = -1, e = 0;

		len = push_index(x, i);
		if (known_keys(x, m, keys) < 0)
			return -1;
		for (j = 0; j < m->nkids; j += 2) {
			const char *k = m->kids[j]->s;
			const struct ynode *v = m->kids[j + 1];

			len2 = push(x, k);
			if (strcmp(k, "name") == 0)
				e = get_str(x, v, &s->name);
			else if (strcmp(k, "label") == 0)
				e = get_str(x, v, &s->label);
			else if (strcmp(k, "channel") == 0)
				e = get_channel(x, v, &ch);
			else if (strcmp(k, "days") == 0)
				e = get_int(x, v, -366, 36600, &s->days);
			else if (strcmp(k, "min_balance") == 0)
				e = get_money(x, v, &s->min_balance);
			else if (strcmp(k, "gap_days") == 0)
				e = get_int(x, v, 0, 3660, &s->gap_days);
			else if (strcmp(k, "requires") == 0)
				e = get_strs(x, v, &s->requires);
			else if (strcmp(k, "requires_served") == 0)
				e = get_strs(x, v, &s->requires_served);
			else
				e = get_bool(x, v, &s->written_demand);
			if (e < 0)
				return -1;
			pop(x, len2);
		}
		if (s->name == NULL)
			return bad(x, m, "a stage needs a name");
		if (ch < 0)
			return bad(x, m, "stage %s needs a channel", s->name);
		s->channel = (enum dun_channel)ch;
		if (s->label == NULL)
			s->label = s->name;
		if (find_stage(x->c, i, s->name) >= 0)
			return bad(x, m, "stage %s is named twice", s->name);
		if (i > 0 && s->days < x->c->stages[i - 1].days)
			return bad(x, m, "stage %s needs fewer days (%d) than "
			    "the stage before it (%d): the ladder only goes up",
			    s->name, s->days, x->c->stages[i - 1].days);
		for (r = 0; r < s->requires.n + s->requires_served.n; r++) {
			const char *q = r < s->requires.n ? s->requires.v[r] :
			    s->requires_served.v[r - s->requires.n];

			if (find_stage(x->c, i, q) < 0)
				return bad(x, m, "stage %s requires \"%s\", "
				    "which is not a stage before it", s->name,
				    q);
		}
		pop(x, len);
	}
	return 0;
}

/* A rule that does not parse is an error of the config, at its place. */
static int
check_when(struct cx *x, const struct ynode *v)
{
	struct expr_cols cols = { NULL, 0, 0 };
	struct arena *a = arena_new();
	char msg[300];
	int pos, r = 0;
	size_t i;

	if (expr_parse(v->s, a, &cols, msg, sizeof msg, &pos) == NULL) {
		struct ynode at = *v;

		at.col += pos + v->quoted;
		r = bad(x, &at, "%s (in \"%s\", at character %d)", msg, v->s,
		    pos + 1);
	}
	for (i = 0; i < cols.n; i++)
		free(cols.name[i]);
	free(cols.name);
	arena_free(a);
	return r;
}

static int
load_classes(struct cx *x, const struct ynode *n)
{
	static const char *const keys[] = { "name", "label", "when", "hold",
		"max_stage", "action", "channel", "avoid", "copy_owner", NULL };
	static const char *const actions[] = { "send", "wait", "hold",
		"service-desk", "offer-plan", "review", NULL };
	size_t i, j, len, len2, k;

	if (want(x, n, Y_SEQ) < 0)
		return -1;
	x->c->nclasses = n->nkids;
	x->c->classes = arena_alloc(x->a, (n->nkids + 1) *
	    sizeof *x->c->classes);
	for (i = 0; i < n->nkids; i++) {
		struct dun_class *c = &x->c->classes[i];
		const struct ynode *m = n->kids[i];
		int e = 0, a;

		len = push_index(x, i);
		c->channel = -1;
		if (known_keys(x, m, keys) < 0)
			return -1;
		for (j = 0; j < m->nkids; j += 2) {
			const char *kk = m->kids[j]->s;
			const struct ynode *v = m->kids[j + 1];

			len2 = push(x, kk);
			if (strcmp(kk, "name") == 0)
				e = get_str(x, v, &c->name);
			else if (strcmp(kk, "label") == 0)
				e = get_str(x, v, &c->label);
			else if (strcmp(kk, "when") == 0) {
				e = want(x, v, Y_SCALAR);
				c->when = arena_strdup(x->a, v->s ? v->s : "");
				c->quoted = v->quoted;
				c->file = v->file;
				c->line = v->line;
				c->col = v->col;
				if (e == 0)
					e = check_when(x, v);
			} else if (strcmp(kk, "hold") == 0)
				e = get_bool(x, v, &c->hold);
			else if (strcmp(kk, "copy_owner") == 0)
				e = get_bool(x, v, &c->copy_owner);
			else if (strcmp(kk, "max_stage") == 0) {
				e = get_str(x, v, &c->max_stage);
				if (e == 0 && c->max_stage &&
				    find_stage(x->c, x->c->nstages,
				    c->max_stage) < 0)
					e = bad(x, v, "\"%s\" is not a stage of "
					    "the ladder", c->max_stage);
			} else if (strcmp(kk, "action") == 0) {
				e = get_enum(x, v, actions, &a);
				c->action = e == 0 ? (char *)actions[a] : NULL;
			} else if (strcmp(kk, "channel") == 0)
				e = get_channel(x, v, &c->channel);
			else {
				struct dun_strs s;

				e = get_strs(x, v, &s);
				for (k = 0; e == 0 && k < s.n; k++) {
					struct ynode one = *v;
					int ch;

					one.kind = Y_SCALAR;
					one.s = s.v[k];
					if ((e = get_channel(x, &one, &ch)) == 0)
						c->avoid |= 1 << ch;
				}
			}
			if (e < 0)
				return -1;
			pop(x, len2);
		}
		if (c->name == NULL)
			return bad(x, m, "a class needs a name");
		if (c->when == NULL)
			return bad(x, m, "class %s needs a when (use \"true\" "
			    "for the last)", c->name);
		if (c->label == NULL)
			c->label = c->name;
		for (k = 0; k < i; k++)
			if (strcmp(x->c->classes[k].name, c->name) == 0)
				return bad(x, m, "class %s is named twice",
				    c->name);
		pop(x, len);
	}
	return 0;
}

/* "MM-DD" into month * 100 + day; lunar allows day 30 in every month,
 * and "MM-last" for the month's last day (+ DUN_LUNAR_LAST), "除夕" for
 * the 12th's. */
static int
get_monthday(struct cx *x, const struct ynode *n, int lunar, int *out)
{
	int m, d, k = 0;
	char c;

	if (want(x, n, Y_SCALAR) < 0)
		return -1;
	if (lunar && strcmp(n->s, "除夕") == 0) {
		*out = 12 * 100 + DUN_LUNAR_LAST;
		return 0;
	}
	if (lunar && sscanf(n->s, "%2d-last%n", &m, &k) == 1 &&
	    n->s[k] == '\0' && k > 0 && m >= 1 && m <= 12) {
		*out = m * 100 + DUN_LUNAR_LAST;
		return 0;
	}
	if (sscanf(n->s, "%2d-%2d%c", &m, &d, &c) != 2 || m < 1 || m > 12 ||
	    d < 1 || d > (lunar ? 30 : dun_date_valid(2000, m, d) ? d : 0))
		return bad(x, n, "\"%s\" is not a %smonth and day (MM-DD%s)",
		    n->s, lunar ? "lunar " : "", lunar ? ", MM-last or 除夕" :
		    "");
	*out = m * 100 + d;
	return 0;
}

static int
get_dates(struct cx *x, const struct ynode *n, dun_date **out, size_t *cnt)
{
	size_t i;

	*cnt = 0;
	if (n->kind == Y_NULL)
		return 0;
	if (want(x, n, Y_SEQ) < 0)
		return -1;
	*out = arena_alloc(x->a, (n->nkids + 1) * sizeof **out);
	for (i = 0; i < n->nkids; i++)
		if (get_date(x, n->kids[i], &(*out)[(*cnt)++]) < 0)
			return -1;
	return 0;
}

static int
get_monthdays(struct cx *x, const struct ynode *n, int lunar, int **out,
    int *cnt)
{
	size_t i;

	*cnt = 0;
	if (n->kind == Y_NULL)
		return 0;
	if (want(x, n, Y_SEQ) < 0)
		return -1;
	*out = arena_alloc(x->a, (n->nkids + 1) * sizeof **out);
	for (i = 0; i < n->nkids; i++)
		if (get_monthday(x, n->kids[i], lunar, &(*out)[(*cnt)++]) < 0)
			return -1;
	return 0;
}

static int
load_contact(struct cx *x, const struct ynode *n)
{
	static const char *const keys[] = { "quiet_dates", "quiet_yearly",
		"quiet_lunar", "quiet_weekdays", "quiet_hours", "call_window",
		"visit_window", "min_gap_days", "sms_segments",
		"promise_grace_days", "quiet_holidays", NULL };
	size_t i, j, len;
	int e = 0;

	if (known_keys(x, n, keys) < 0)
		return -1;
	for (i = 0; i < n->nkids; i += 2) {
		const char *k = n->kids[i]->s;
		const struct ynode *v = n->kids[i + 1];

		len = push(x, k);
		if (strcmp(k, "quiet_dates") == 0)
			e = get_dates(x, v, &x->c->contact.dates,
			    &x->c->contact.ndates);
		else if (strcmp(k, "quiet_yearly") == 0)
			e = get_monthdays(x, v, 0, &x->c->contact.yearly,
			    &x->c->contact.nyearly);
		else if (strcmp(k, "quiet_lunar") == 0)
			e = get_monthdays(x, v, 1, &x->c->contact.lunar,
			    &x->c->contact.nlunar);
		else if (strcmp(k, "quiet_weekdays") == 0)
			e = get_weekdays(x, v, &x->c->contact.weekdays);
		else if (strcmp(k, "quiet_holidays") == 0)
			e = get_bool(x, v, &x->c->contact.holidays);
		else if (strcmp(k, "quiet_hours") == 0) {
			struct dun_window *w;

			x->c->contact.nquiet_hours = 0;
			if (v->kind == Y_NULL)
				goto next;
			if ((e = want(x, v, Y_SEQ)) < 0)
				return -1;
			w = arena_alloc(x->a, (v->nkids + 1) * sizeof *w);
			for (j = 0; j < v->nkids && e == 0; j++)
				e = get_hours(x, v->kids[j], &w[j]);
			x->c->contact.quiet_hours = w;
			x->c->contact.nquiet_hours = v->nkids;
		} else if (strcmp(k, "call_window") == 0)
			e = get_window(x, v, &x->c->contact.call);
		else if (strcmp(k, "visit_window") == 0)
			e = get_window(x, v, &x->c->contact.visit);
		else if (strcmp(k, "min_gap_days") == 0)
			e = get_int(x, v, 0, 365, &x->c->contact.min_gap_days);
		else if (strcmp(k, "promise_grace_days") == 0)
			e = get_int(x, v, 0, 365,
			    &x->c->contact.promise_grace_days);
		else
			e = get_int(x, v, 1, 20, &x->c->contact.sms_segments);
		if (e < 0)
			return -1;
next:
		pop(x, len);
	}
	return 0;
}

static int
load_calendar(struct cx *x, const struct ynode *n)
{
	static const char *const keys[] = { "file", "holidays", "workdays",
		NULL };
	size_t i, len;
	int e;

	if (known_keys(x, n, keys) < 0)
		return -1;
	for (i = 0; i < n->nkids; i += 2) {
		const char *k = n->kids[i]->s;
		const struct ynode *v = n->kids[i + 1];

		len = push(x, k);
		if (strcmp(k, "file") == 0)
			e = get_str(x, v, &x->c->calendar.file);
		else if (strcmp(k, "holidays") == 0)
			e = get_dates(x, v, &x->days[0], &x->ndays[0]);
		else
			e = get_dates(x, v, &x->days[1], &x->ndays[1]);
		if (e < 0)
			return -1;
		pop(x, len);
	}
	return 0;
}

static int
load_limitation(struct cx *x, const struct ynode *n)
{
	static const char *const keys[] = { "years", "warn_days", "restart",
		"weekends", "holidays", "workdays", NULL };
	static const char *const restarts[] = { "demand-served", "promise",
		"ack", "part-payment", NULL };
	size_t i, j, len;
	int e = 0;

	if (known_keys(x, n, keys) < 0)
		return -1;
	for (i = 0; i < n->nkids; i += 2) {
		const char *k = n->kids[i]->s;
		const struct ynode *v = n->kids[i + 1];

		len = push(x, k);
		if (strcmp(k, "years") == 0)
			e = get_int(x, v, 1, 30, &x->c->limitation.years);
		else if (strcmp(k, "warn_days") == 0)
			e = get_int(x, v, 0, 3650, &x->c->limitation.warn_days);
		else if (strcmp(k, "weekends") == 0)
			e = get_bool(x, v, &x->c->limitation.weekends);
		else if (strcmp(k, "holidays") == 0)
			e = get_dates(x, v, &x->days[2], &x->ndays[2]);
		else if (strcmp(k, "workdays") == 0)
			e = get_dates(x, v, &x->days[3], &x->ndays[3]);
		else {
			x->c->limitation.restart = 0;
			if (v->kind != Y_NULL && (e = want(x, v, Y_SEQ)) < 0)
				return -1;
			for (j = 0; v->kind == Y_SEQ && j < v->nkids &&
			    e == 0; j++) {
				int r;

				/* r is set only when the event is known. */
				if ((e = get_enum(x, v->kids[j], restarts,
				    &r)) == 0)
					x->c->limitation.restart |= 1 << r;
			}
		}
		if (e < 0)
			return -1;
		pop(x, len);
	}
	return 0;
}

/* An e-mail address, that goes into headers and the SMTP envelope: an
 * addr-spec (email_parse), or null ("" too). */
static int
get_email(struct cx *x, const struct ynode *n, char **out)
{
	char why[DUN_WHY];

	if (get_str(x, n, out) < 0)
		return -1;
	if (*out != NULL && **out == '\0')
		*out = NULL;
	if (*out != NULL && email_parse(*out, strlen(*out), why) < 0)
		return bad(x, n, "%s; write one address such as "
		    "collect@example.com, or ~ for none", why);
	return 0;
}

static int
load_company(struct cx *x, const struct ynode *n)
{
	static const char *const keys[] = { "name", "address", "phone",
		"email", "bank", "account", "pay_link", "clause", "signature",
		NULL };
	char **slot[] = { &x->c->company.name, &x->c->company.address,
		&x->c->company.phone, &x->c->company.email,
		&x->c->company.bank, &x->c->company.account,
		&x->c->company.pay_link, &x->c->company.clause,
		&x->c->company.signature };
	size_t len;
	int k;

	if (known_keys(x, n, keys) < 0)
		return -1;
	for (k = 0; keys[k]; k++) {
		const struct ynode *v = ynode_get(n, keys[k]);

		if (v == NULL)
			continue;
		len = push(x, keys[k]);
		if ((slot[k] == &x->c->company.email ? get_email(x, v,
		    slot[k]) : get_str(x, v, slot[k])) < 0)
			return -1;
		pop(x, len);
	}
	return 0;
}

/* A mapping of names to strings, kept as name, value, name, value. */
static int
get_pairs(struct cx *x, const struct ynode *n, struct dun_strs *out)
{
	size_t i;

	out->n = 0;
	if (n->kind == Y_NULL)
		return 0;
	if (want(x, n, Y_MAP) < 0)
		return -1;
	out->v = arena_alloc(x->a, (n->nkids + 1) * sizeof *out->v);
	for (i = 0; i < n->nkids; i += 2) {
		if (want(x, n->kids[i + 1], Y_SCALAR) < 0)
			return -1;
		out->v[out->n++] = arena_strdup(x->a, n->kids[i]->s);
		out->v[out->n++] = arena_strdup(x->a, n->kids[i + 1]->s);
	}
	return 0;
}

static int
load_sms(struct cx *x, const struct ynode *n)
{
	static const char *const keys[] = { "gateway", "format", "fields",
		"headers", "timeout", NULL };
	static const char *const formats[] = { "form", "json", NULL };
	const struct ynode *v;
	size_t len;
	int e = 0;

	if (known_keys(x, n, keys) < 0)
		return -1;
	if ((v = ynode_get(n, "gateway")) != NULL) {
		len = push(x, "gateway");
		if ((e = get_str(x, v, &x->c->notice.sms.gateway)) == 0)
			pop(x, len);
	}
	if (e == 0 && (v = ynode_get(n, "format")) != NULL) {
		len = push(x, "format");
		if ((e = get_enum(x, v, formats, &x->c->notice.sms.json)) == 0)
			pop(x, len);
	}
	if (e == 0 && (v = ynode_get(n, "fields")) != NULL) {
		len = push(x, "fields");
		if ((e = get_pairs(x, v, &x->c->notice.sms.fields)) == 0)
			pop(x, len);
	}
	if (e == 0 && (v = ynode_get(n, "headers")) != NULL) {
		len = push(x, "headers");
		if ((e = get_strs(x, v, &x->c->notice.sms.headers)) == 0)
			pop(x, len);
	}
	if (e == 0 && (v = ynode_get(n, "timeout")) != NULL) {
		len = push(x, "timeout");
		if ((e = get_int(x, v, 1, 600, &x->c->notice.sms.timeout)) == 0)
			pop(x, len);
	}
	return e;
}

static int
load_email(struct cx *x, const struct ynode *n)
{
	static const char *const keys[] = { "smtp", "from", "user",
		"password", "timeout", NULL };
	char **slot[] = { &x->c->notice.email.smtp, &x->c->notice.email.from,
		&x->c->notice.email.user, &x->c->notice.email.password };
	const struct ynode *v;
	size_t len;
	int k;

	if (known_keys(x, n, keys) < 0)
		return -1;
	for (k = 0; k < 4; k++) {
		if ((v = ynode_get(n, keys[k])) == NULL)
			continue;
		len = push(x, keys[k]);
		if ((k == 1 ? get_email(x, v, slot[k]) : get_str(x, v,
		    slot[k])) < 0)
			return -1;
		pop(x, len);
	}
	/* A server is told who sends. */
	if (x->c->notice.email.smtp != NULL && x->c->notice.email.from ==
	    NULL && x->c->company.email == NULL) {
		len = push(x, "smtp");
		return bad(x, ynode_get(n, "smtp"), "sending e-mail needs the "
		    "sender's address: set notice.email.from or company.email");
	}
	if ((v = ynode_get(n, "timeout")) != NULL) {
		len = push(x, "timeout");
		if (get_int(x, v, 1, 600, &x->c->notice.email.timeout) < 0)
			return -1;
		pop(x, len);
	}
	return 0;
}

static int
load_notice(struct cx *x, const struct ynode *n)
{
	static const char *const keys[] = { "language", "templates",
		"deadline_days", "font", "board", "sms", "email", NULL };
	static const char *const langs[] = { "zh", "en", NULL };
	const struct ynode *v;
	size_t len;
	int lang, e = 0;

	if (known_keys(x, n, keys) < 0)
		return -1;
	if ((v = ynode_get(n, "language")) != NULL) {
		len = push(x, "language");
		if (get_enum(x, v, langs, &lang) < 0)
			return -1;
		x->c->notice.language = (char *)langs[lang];
		pop(x, len);
	}
	if ((v = ynode_get(n, "templates")) != NULL) {
		len = push(x, "templates");
		if (get_str(x, v, &x->c->notice.templates) < 0)
			return -1;
		pop(x, len);
	}
	if ((v = ynode_get(n, "deadline_days")) != NULL) {
		len = push(x, "deadline_days");
		if (get_int(x, v, 0, 365, &x->c->notice.deadline_days) < 0)
			return -1;
		pop(x, len);
	}
	if ((v = ynode_get(n, "font")) != NULL) {
		len = push(x, "font");
		if (get_str(x, v, &x->c->notice.font) < 0)
			return -1;
		pop(x, len);
	}
	if ((v = ynode_get(n, "board")) != NULL) {
		len = push(x, "board");
		if (get_bool(x, v, &x->c->notice.board) < 0)
			return -1;
		pop(x, len);
	}
	if ((v = ynode_get(n, "sms")) != NULL && v->kind != Y_NULL) {
		len = push(x, "sms");
		if ((e = load_sms(x, v)) < 0)
			return -1;
		pop(x, len);
	}
	if ((v = ynode_get(n, "email")) != NULL && v->kind != Y_NULL) {
		len = push(x, "email");
		if ((e = load_email(x, v)) < 0)
			return -1;
		pop(x, len);
	}
	return e;
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

/* A map of column -> names into out[DUN_NCOLUMNS]. */
static int
load_aliases(struct cx *x, const struct ynode *v, const char *key,
    struct dun_strs *out)
{
	size_t i, len = push(x, key), len2;

	if (want(x, v, Y_MAP) < 0)
		return -1;
	for (i = 0; i < v->nkids; i += 2) {
		int col = dun_column(v->kids[i]->s);

		if (col < 0)
			return bad(x, v->kids[i], "\"%s\" is not a column "
			    "dun-import reads (dun-import(1))",
			    v->kids[i]->s);
		len2 = push(x, v->kids[i]->s);
		if (get_strs(x, v->kids[i + 1], &out[col]) < 0)
			return -1;
		pop(x, len2);
	}
	pop(x, len);
	return 0;
}

static int
load_import(struct cx *x, const struct ynode *n)
{
	static const char *const keys[] = { "encoding", "dates", "aliases",
		"unit_aliases", "charge_aliases", "payment_aliases",
		"adjustment_aliases", "event_aliases", "occupancy",
		"unit_template", "unit_suffixes", "skip_rows", NULL };
	static const char *const dates[] = { "iso", "slash", "cjk",
		"compact", "excel", NULL };
	static const char *const occ[] = { "owner", "tenant", "vacant",
		NULL };
	const struct ynode *v;
	size_t i, len, len2;
	int d;

	if (known_keys(x, n, keys) < 0)
		return -1;
	if ((v = ynode_get(n, "encoding")) != NULL) {
		len = push(x, "encoding");
		if (get_str(x, v, &x->c->import.encoding) < 0)
			return -1;
		pop(x, len);
	}
	if ((v = ynode_get(n, "dates")) != NULL) {
		len = push(x, "dates");
		x->c->import.dates = 0;
		if (want(x, v, Y_SEQ) < 0)
			return -1;
		for (i = 0; i < v->nkids; i++) {
			if (get_enum(x, v->kids[i], dates, &d) < 0)
				return -1;
			x->c->import.dates |= 1 << d;
		}
		pop(x, len);
	}
	if ((v = ynode_get(n, "aliases")) != NULL &&
	    load_aliases(x, v, "aliases", x->c->import.aliases) < 0)
		return -1;
	for (d = 0; d < DUN_KIND_COUNT; d++) {
		char key[40];

		snprintf(key, sizeof key, "%s_aliases",
		    dun_kind_name((enum dun_kind)d));
		if ((v = ynode_get(n, key)) != NULL && load_aliases(x, v, key,
		    x->c->import.kind_aliases[d]) < 0)
			return -1;
	}
	if ((v = ynode_get(n, "unit_template")) != NULL) {
		len = push(x, "unit_template");
		if (get_str(x, v, &x->c->import.unit_template) < 0)
			return -1;
		if (x->c->import.unit_template == NULL ||
		    strstr(x->c->import.unit_template, "{room}") == NULL)
			return bad(x, v, "a unit template needs {room}, as in "
			    "\"{building}-{entrance}-{room}\"");
		if (template_parts(x->c->import.unit_template) < 0)
			return bad(x, v, "a unit template's parts are {estate}, "
			    "{building}, {entrance} and {room}");
		pop(x, len);
	}
	if ((v = ynode_get(n, "unit_suffixes")) != NULL) {
		len = push(x, "unit_suffixes");
		if (get_strs(x, v, &x->c->import.unit_suffixes) < 0)
			return -1;
		pop(x, len);
	}
	if ((v = ynode_get(n, "skip_rows")) != NULL) {
		len = push(x, "skip_rows");
		if (get_strs(x, v, &x->c->import.skip_rows) < 0)
			return -1;
		pop(x, len);
	}
	if ((v = ynode_get(n, "occupancy")) != NULL) {
		len = push(x, "occupancy");
		if (known_keys(x, v, occ) < 0)
			return -1;
		for (d = 0; occ[d]; d++) {
			const struct ynode *w = ynode_get(v, occ[d]);

			if (w == NULL)
				continue;
			len2 = push(x, occ[d]);
			if (get_strs(x, w, &x->c->import.occupancy[d]) < 0)
				return -1;
			pop(x, len2);
		}
		pop(x, len);
	}
	return 0;
}

static int
load(struct cx *x, const struct ynode *root)
{
	static const char *const keys[] = { "fees", "allocation", "aging",
		"classes", "ladder", "contact", "limitation", "company",
		"import", "notice", "calendar", NULL };
	static int (*const fn[])(struct cx *, const struct ynode *) = {
		load_fees, load_allocation, load_aging, load_classes,
		load_ladder, load_contact, load_limitation, load_company,
		load_import, load_notice, load_calendar };
	/* fees before allocation; the ladder before the classes. */
	static const int order[] = { 0, 1, 2, 4, 3, 5, 6, 7, 8, 9, 10 };
	size_t i, len;

	if (known_keys(x, root, keys) < 0)
		return -1;
	for (i = 0; i < sizeof order / sizeof order[0]; i++) {
		const struct ynode *v = ynode_get(root, keys[order[i]]);

		if (v == NULL || v->kind == Y_NULL)
			continue;
		len = push(x, keys[order[i]]);
		if (fn[order[i]](x, v) < 0)
			return -1;
		pop(x, len);
	}
	if (x->c->aging.nbounds == 0)
		return bad(x, root, "the aging section is missing");
	if (x->c->aging.nbounds + 1 > DUN_MAXBUCKETS)
		return bad(x, root, "too many aging buckets");
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
		    DEFAULT_NAME, err);
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
		return dun_config_parse("{}", 2, DEFAULT_NAME, 0, err);
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
	if ((d = dun_config_parse("{}", 2, DEFAULT_NAME, 0, &e)) == NULL)
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

/*
 * confrules.c — the rules of dun.yaml read into the config: fees and
 * their late fees, allocation, aging, the ladder and the classes.  Each
 * item's keys are a table read by conf_keys (confkeys.h); what one key
 * asks of another (a fee order names fees, a stage requires stages
 * before it, a class's rule parses and its max_stage is a stage) is
 * written out here.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "confkeys.h"
#include "expr.h"

#define CFG(m)		offsetof(struct dun_config, m)
#define FEE(m)		offsetof(struct dun_fee, m)
#define STAGE(m)	offsetof(struct dun_stage, m)
#define CLASS(m)	offsetof(struct dun_class, m)

/* ---- fees --------------------------------------------------------- */

/* A cap's amount, into a dun_money: 0 or more. */
static int
load_cap_amount(struct cx *x, const struct ynode *v, void *amount)
{
	if (conf_money(x, v, amount) < 0)
		return -1;
	if (*(dun_money *)amount < 0)
		return conf_bad(x, v, "a cap cannot be negative");
	return 0;
}

static const struct key cap_keys[] = {		/* one of them */
	{ "fraction", K_RATE, FEE(cap_rate), 0, 0, NULL, NULL },
	{ "amount", K_FN, FEE(cap_amount), 0, 0, NULL, load_cap_amount },
	{ "annual_rate", K_RATE, FEE(cap_rate), 0, 0, NULL, NULL },
	KEY_END
};
static const enum dun_cap caps[] = { DUN_CAP_FRACTION, DUN_CAP_AMOUNT,
	DUN_CAP_ANNUAL };

/* late_fee.cap into the dun_fee: none, principal, or one of cap_keys. */
static int
load_cap(struct cx *x, const struct ynode *n, void *fee)
{
	struct dun_fee *f = fee;
	size_t k;

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
		return conf_bad(x, n, "must be none, principal, or one of "
		    "{fraction: F}, {amount: A}, {annual_rate: R}");
	if (conf_known(x, n, cap_keys) < 0)
		return -1;
	if (n->nkids != 2)
		return conf_bad(x, n, "give exactly one of fraction, amount, "
		    "annual_rate");
	for (k = 0; strcmp(cap_keys[k].name, n->kids[0]->s) != 0; k++)
		continue;
	f->cap = caps[k];
	return conf_rows(x, n, cap_keys, NULL, f);
}

/* A flat late fee, into a dun_money: 0 or more. */
static int
load_flat(struct cx *x, const struct ynode *v, void *amount)
{
	if (conf_money(x, v, amount) < 0)
		return -1;
	if (*(dun_money *)amount < 0)
		return conf_bad(x, v, "a late fee cannot be negative");
	return 0;
}

static const char *const late_methods[] = { "none", "daily", "monthly",
	"flat", NULL };
static const char *const roundings[] = { "half-up", "half-even", "down",
	"up", NULL };
static const struct key late_fee_keys[] = {
	{ "grace_days", K_INT, FEE(grace_days), 0, 3660, NULL, NULL },
	{ "method", K_ENUM, FEE(method), 0, 0, late_methods, NULL },
	{ "rate", K_RATE, FEE(rate), 0, 0, NULL, NULL },
	{ "amount", K_FN, FEE(flat), 0, 0, NULL, load_flat },
	{ "cap", K_FN, 0, 0, 0, NULL, load_cap },
	{ "rounding", K_ENUM, FEE(rounding), 0, 0, roundings, NULL },
	KEY_END
};

/* A fee's late_fee into the dun_fee; a method needs its rate or amount. */
static int
load_late_fee(struct cx *x, const struct ynode *n, void *fee)
{
	struct dun_fee *f = fee;

	if (conf_keys(x, n, late_fee_keys, f) < 0)
		return -1;
	if ((f->method == DUN_LATE_DAILY || f->method == DUN_LATE_MONTHLY) &&
	    f->rate <= 0)
		return conf_bad(x, n, "method %s needs a rate above 0",
		    f->method == DUN_LATE_DAILY ? "daily" : "monthly");
	if (f->method == DUN_LATE_FLAT && f->flat <= 0)
		return conf_bad(x, n, "method flat needs an amount above 0");
	return 0;
}

/* A fee's label into the dun_fee; none is its key. */
static int
load_label(struct cx *x, const struct ynode *v, void *fee)
{
	struct dun_fee *f = fee;
	int e = conf_str(x, v, &f->label);

	if (f->label == NULL)
		f->label = f->key;
	return e;
}

static const struct key fee_keys[] = {
	{ "label", K_FN, 0, 0, 0, NULL, load_label },
	{ "aliases", K_STRS, FEE(aliases), 0, 0, NULL, NULL },
	{ "late_fee", K_FN, 0, 0, 0, NULL, load_late_fee },
	KEY_END
};

/* fees: a mapping of fee types, each read by fee_keys. */
int
conf_fees(struct cx *x, const struct ynode *n, void *cfg)
{
	struct dun_config *c = cfg;
	size_t i, len;

	if (conf_want(x, n, Y_MAP) < 0)
		return -1;
	c->nfees = n->nkids / 2;
	/* At the first fee too many: a merged map stands where the
	 * default's does. */
	if (c->nfees > DUN_MAX_FEES)
		return conf_bad(x, n->kids[2 * DUN_MAX_FEES], "at most %d fee "
		    "types", DUN_MAX_FEES);
	c->fees = arena_alloc(x->a, (c->nfees + 1) * sizeof *c->fees);
	for (i = 0; i < c->nfees; i++) {
		struct dun_fee *f = &c->fees[i];
		const struct ynode *k = n->kids[2 * i], *v = n->kids[2 * i + 1];

		len = conf_push(x, k->s);
		if (strcmp(k->s, "late") == 0)
			return conf_bad(x, k, "\"late\" is the late fee itself "
			    "and cannot be a fee type");
		f->key = arena_strdup(x->a, k->s);
		f->label = f->key;
		f->method = DUN_LATE_NONE;
		if (conf_keys(x, v, fee_keys, f) < 0)
			return -1;
		conf_pop(x, len);
	}
	return 0;
}

/* ---- allocation and aging ----------------------------------------- */

/* allocation.deposits into a dun_strs: no name empty. */
static int
load_deposits(struct cx *x, const struct ynode *v, void *strs)
{
	struct dun_strs *s = strs;
	size_t i;

	if (conf_strs(x, v, s) < 0)
		return -1;
	for (i = 0; i < s->n; i++)
		if (s->v[i][0] == '\0')
			return conf_bad(x, v, "an empty name would make every "
			    "fee a deposit");
	return 0;
}

/* allocation.fee_order: names of fees, read after fees; the default's
 * order may name fees the user removed. */
static int
load_fee_order(struct cx *x, const struct ynode *v, void *cfg)
{
	struct dun_config *c = cfg;
	struct dun_strs *o = &c->allocation.fee_order;
	/* The node itself is trimmed below: it is the tree's own. */
	struct ynode *order = (struct ynode *)v;
	size_t i, j, k;

	if (conf_strs(x, v, o) < 0)
		return -1;
	for (i = 0, j = 0; i < o->n; i++) {
		const char *name = o->v[i];

		for (k = 0; k < c->nfees; k++)
			if (strcmp(c->fees[k].key, name) == 0)
				break;
		/* A fee the user removed leaves the default's order quietly;
		 * a user's own order must name real fees. */
		if (k == c->nfees && strcmp(v->file, CONF_DEFAULT) == 0)
			continue;
		if (k == c->nfees)
			return conf_bad(x, v, "%s is not a fee in fees",
			    abbr_q(name).s);
		if (order->kind == Y_SEQ)
			order->kids[j] = order->kids[i];
		o->v[j++] = (char *)name;
	}
	/* The config in force, written out, leaves them out too: it must
	 * load as it is (found by tests/fuzz/config). */
	if (order->kind == Y_SEQ)
		order->nkids = j;
	o->n = j;
	return 0;
}

static const char *const late_orders[] = { "after-principal",
	"before-principal", NULL };
static const struct key allocation_keys[] = {	/* read in this order */
	{ "late_fees", K_ENUM, CFG(allocation.late_first), 0, 0, late_orders,
	    NULL },
	{ "deposits", K_FN, CFG(allocation.deposits), 0, 0, NULL,
	    load_deposits },
	{ "named_first", K_BOOL, CFG(allocation.named_first), 0, 0, NULL,
	    NULL },
	{ "fee_order", K_FN, 0, 0, 0, NULL, load_fee_order },
	KEY_END
};

int
conf_allocation(struct cx *x, const struct ynode *n, void *cfg)
{
	if (conf_known(x, n, allocation_keys) < 0)
		return -1;
	return conf_rows(x, n, allocation_keys, NULL, cfg);
}

/* aging.buckets: 1 to DUN_MAXBUCKETS - 1 bounds in days, rising. */
static int
load_buckets(struct cx *x, const struct ynode *b, void *cfg)
{
	struct dun_config *c = cfg;
	size_t i;

	if (conf_want(x, b, Y_SEQ) < 0)
		return -1;
	if (b->nkids < 1 || b->nkids > DUN_MAXBUCKETS - 1)
		return conf_bad(x, b, "give 1 to %d bucket bounds",
		    DUN_MAXBUCKETS - 1);
	c->aging.nbounds = b->nkids;
	c->aging.bounds = arena_alloc(x->a, b->nkids * sizeof(int));
	for (i = 0; i < b->nkids; i++) {
		if (conf_int(x, b->kids[i], 1, 36600, &c->aging.bounds[i]) < 0)
			return -1;
		if (i > 0 && c->aging.bounds[i] <= c->aging.bounds[i - 1])
			return conf_bad(x, b->kids[i], "bounds must rise");
	}
	return 0;
}

/* aging.recovery: a share for each bucket, read after the buckets. */
static int
load_recovery(struct cx *x, const struct ynode *r, void *cfg)
{
	struct dun_config *c = cfg;
	size_t i;

	if (conf_want(x, r, Y_SEQ) < 0)
		return -1;
	if (r->nkids != c->aging.nbounds + 1)
		return conf_bad(x, r, "needs %zu shares, one per bucket (the "
		    "bounds and one more)", c->aging.nbounds + 1);
	c->aging.recovery = arena_alloc(x->a, r->nkids * sizeof(dun_rate));
	for (i = 0; i < r->nkids; i++) {
		if (conf_rate(x, r->kids[i], &c->aging.recovery[i]) < 0)
			return -1;
		if (c->aging.recovery[i] > DUN_RATE_ONE)
			return conf_bad(x, r->kids[i], "a share is at most "
			    "100%%");
	}
	return 0;
}

static const struct key aging_keys[] = {	/* both, in this order */
	{ "buckets", K_FN, 0, 0, 0, NULL, load_buckets },
	{ "recovery", K_FN, 0, 0, 0, NULL, load_recovery },
	KEY_END
};

int
conf_aging(struct cx *x, const struct ynode *n, void *cfg)
{
	if (conf_known(x, n, aging_keys) < 0)
		return -1;
	if (ynode_get(n, "buckets") == NULL || ynode_get(n, "recovery") == NULL)
		return conf_bad(x, n, "needs both buckets and recovery");
	return conf_rows(x, n, aging_keys, NULL, cfg);
}

/* ---- the ladder and the classes ----------------------------------- */

/* The index of the stage named name among the first upto, or -1. */
static int
find_stage(const struct dun_config *c, size_t upto, const char *name)
{
	size_t i;

	for (i = 0; i < upto; i++)
		if (strcmp(c->stages[i].name, name) == 0)
			return (int)i;
	return -1;
}

static const struct key stage_keys[] = {
	{ "name", K_STR, STAGE(name), 0, 0, NULL, NULL },
	{ "label", K_STR, STAGE(label), 0, 0, NULL, NULL },
	{ "channel", K_CHANNEL, STAGE(channel), 0, 0, NULL, NULL },
	{ "days", K_INT, STAGE(days), -366, 36600, NULL, NULL },
	{ "min_balance", K_MONEY, STAGE(min_balance), 0, 0, NULL, NULL },
	{ "gap_days", K_INT, STAGE(gap_days), 0, 3660, NULL, NULL },
	{ "requires", K_STRS, STAGE(requires), 0, 0, NULL, NULL },
	{ "requires_served", K_STRS, STAGE(requires_served), 0, 0, NULL,
	    NULL },
	{ "written_demand", K_BOOL, STAGE(written_demand), 0, 0, NULL, NULL },
	KEY_END
};

/* ladder: a list of stages, each read by stage_keys, going up. */
int
conf_ladder(struct cx *x, const struct ynode *n, void *cfg)
{
	struct dun_config *c = cfg;
	size_t i, len, r;

	if (conf_want(x, n, Y_SEQ) < 0)
		return -1;
	if (n->nkids == 0)
		return conf_bad(x, n, "the ladder needs at least one stage");
	if (n->nkids > DUN_MAX_STAGES)
		return conf_bad(x, n->kids[DUN_MAX_STAGES], "at most %d stages",
		    DUN_MAX_STAGES);
	c->nstages = n->nkids;
	c->stages = arena_alloc(x->a, n->nkids * sizeof *c->stages);
	for (i = 0; i < n->nkids; i++) {
		struct dun_stage *s = &c->stages[i];
		const struct ynode *m = n->kids[i];

		len = conf_push_index(x, i);
		if (conf_keys(x, m, stage_keys, s) < 0)
			return -1;
		if (s->name == NULL)
			return conf_bad(x, m, "a stage needs a name");
		if (ynode_get(m, "channel") == NULL)
			return conf_bad(x, m, "stage %s needs a channel",
			    abbr_v(s->name).s);
		if (s->label == NULL)
			s->label = s->name;
		if (find_stage(c, i, s->name) >= 0)
			return conf_bad(x, m, "stage %s is named twice",
			    abbr_v(s->name).s);
		if (i > 0 && s->days < c->stages[i - 1].days)
			return conf_bad(x, m, "stage %s needs fewer days (%d) "
			    "than the stage before it (%d): the ladder only "
			    "goes up", abbr_v(s->name).s, s->days,
			    c->stages[i - 1].days);
		for (r = 0; r < s->requires.n + s->requires_served.n; r++) {
			const char *q = r < s->requires.n ? s->requires.v[r] :
			    s->requires_served.v[r - s->requires.n];

			if (find_stage(c, i, q) < 0)
				return conf_bad(x, m, "stage %s requires "
				    "%s, which is not a stage before it",
				    abbr_v(s->name).s, abbr_q(q).s);
		}
		conf_pop(x, len);
	}
	return 0;
}

/* A class's when into the dun_class, with its place: a rule that does
 * not parse is an error of the config, at its place. */
static int
load_when(struct cx *x, const struct ynode *v, void *class)
{
	struct dun_class *c = class;
	struct expr_cols cols = { NULL, 0, 0 };
	struct arena *a;
	char *msg = NULL;
	int pos, r = conf_want(x, v, Y_SCALAR);
	size_t i;

	c->when = arena_strdup(x->a, v->s ? v->s : "");
	c->quoted = v->quoted;
	c->file = v->file;
	c->line = v->line;
	c->col = v->col;
	if (r < 0)
		return -1;
	a = arena_new();
	if (expr_parse(v->s, a, &cols, &msg, &pos) == NULL) {
		struct ynode at = *v;

		at.col += pos + v->quoted;
		r = conf_bad(x, &at, "%s (in %s, at character %d)", msg,
		    abbr_q(v->s).s, pos + 1);
	}
	free(msg);
	for (i = 0; i < cols.n; i++)
		free(cols.name[i]);
	free(cols.name);
	arena_free(a);
	return r;
}

/* A class's max_stage, a char *: a stage of the ladder, or none. */
static int
load_max_stage(struct cx *x, const struct ynode *v, void *name)
{
	char **s = name;

	if (conf_str(x, v, s) < 0)
		return -1;
	if (*s != NULL && find_stage(x->c, x->c->nstages, *s) < 0)
		return conf_bad(x, v, "%s is not a stage of the ladder",
		    abbr_q(*s).s);
	return 0;
}

/* A class's avoid: channels, one or a list, into a bit mask (an int). */
static int
load_avoid(struct cx *x, const struct ynode *v, void *mask)
{
	struct dun_strs s;
	size_t k;
	int ch;

	if (conf_strs(x, v, &s) < 0)
		return -1;
	for (k = 0; k < s.n; k++) {
		struct ynode one = *v;

		one.kind = Y_SCALAR;
		one.s = s.v[k];
		if (conf_channel(x, &one, &ch) < 0)
			return -1;
		*(int *)mask |= 1 << ch;
	}
	return 0;
}

static const char *const actions[] = { "send", "wait", "hold",
	"service-desk", "offer-plan", "review", NULL };
static const struct key class_keys[] = {
	{ "name", K_STR, CLASS(name), 0, 0, NULL, NULL },
	{ "label", K_STR, CLASS(label), 0, 0, NULL, NULL },
	{ "when", K_FN, 0, 0, 0, NULL, load_when },
	{ "hold", K_BOOL, CLASS(hold), 0, 0, NULL, NULL },
	{ "max_stage", K_FN, CLASS(max_stage), 0, 0, NULL, load_max_stage },
	{ "action", K_NAME, CLASS(action), 0, 0, actions, NULL },
	{ "channel", K_CHANNEL, CLASS(channel), 0, 0, NULL, NULL },
	{ "avoid", K_FN, CLASS(avoid), 0, 0, NULL, load_avoid },
	{ "copy_owner", K_BOOL, CLASS(copy_owner), 0, 0, NULL, NULL },
	KEY_END
};

/* classes: a list of classes, each read by class_keys, after the ladder
 * their max_stage names. */
int
conf_classes(struct cx *x, const struct ynode *n, void *cfg)
{
	struct dun_config *cf = cfg;
	size_t i, len, k;

	if (conf_want(x, n, Y_SEQ) < 0)
		return -1;
	cf->nclasses = n->nkids;
	cf->classes = arena_alloc(x->a, (n->nkids + 1) * sizeof *cf->classes);
	for (i = 0; i < n->nkids; i++) {
		struct dun_class *c = &cf->classes[i];
		const struct ynode *m = n->kids[i];

		len = conf_push_index(x, i);
		c->channel = -1;
		if (conf_keys(x, m, class_keys, c) < 0)
			return -1;
		if (c->name == NULL)
			return conf_bad(x, m, "a class needs a name");
		if (c->when == NULL)
			return conf_bad(x, m, "class %s needs a when (use "
			    "\"true\" for the last)", abbr_v(c->name).s);
		if (c->label == NULL)
			c->label = c->name;
		for (k = 0; k < i; k++)
			if (strcmp(cf->classes[k].name, c->name) == 0)
				return conf_bad(x, m, "class %s is named twice",
				    abbr_v(c->name).s);
		conf_pop(x, len);
	}
	return 0;
}

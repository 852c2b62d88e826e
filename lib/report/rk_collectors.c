/*
 * rk_collectors.c — the collectors kind: a league of collectors, each
 * with the arrears of their units at the window's start and now, what
 * was collected and recovered, and the promises made, kept and broken.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report_int.h"

struct co {
	long units, debtors_start, debtors_now, promises, kept, broken, open;
	dun_money start, now, collected, recovered;
};

struct collectors {
	struct rk_ctx *x;
	struct gmap co;
	struct rk_paid paid;
};

/* The state of the collectors kind for x (malloc'd, for
 * collectors_fini). */
static void *
collectors_init(struct rk_ctx *x)
{
	struct collectors *k = xmalloc(sizeof *k);

	memset(k, 0, sizeof *k);
	k->x = x;
	gmap_init(&k->co, 1, sizeof(struct co));
	return k;
}

static void
collectors_fini(void *arg)
{
	struct collectors *k = arg;

	gmap_free(&k->co);
	rk_paid_free(&k->paid);
	free(k);
}

/* A unit into its collector's row. */
static int
collectors_unit(void *arg, const struct rk_unit *u, struct dun_err *err)
{
	struct collectors *k = arg;
	struct rk_ctx *x = k->x;
	const struct dun_hist *h = u->h;
	const struct dun_trace *t = u->tr;
	const char *keys[1];
	dun_date from = x->from[DUN_RK_COLLECTORS], to = x->to;
	dun_date s = from - 1;
	struct co *g;
	dun_money v;
	size_t i;

	(void)err;
	group_keys(DUN_RG_COLLECTOR, h, NULL, keys);
	g = gmap_get(&k->co, keys);
	g->units++;
	rk_paid_until(&k->paid, t, s);
	v = rk_unpaid_at(x, &k->paid, t, s);
	g->debtors_start += v > 0;
	rk_add(x, &g->start, v);
	rk_paid_until(&k->paid, t, to);
	v = rk_unpaid_at(x, &k->paid, t, to);
	g->debtors_now += v > 0;
	rk_add(x, &g->now, v);
	for (i = 0; i < h->npayments; i++)
		if (h->payments[i].date >= from && h->payments[i].date <= to)
			rk_add(x, &g->collected, h->payments[i].amount);
	for (i = 0; i < t->nallocs; i++) {
		const struct dun_alloc *a = &t->allocs[i];

		if (!a->late && !a->waiver && a->date >= from && a->date <=
		    to && t->lines[a->line].due <= s)
			rk_add(x, &g->recovered, a->amount);
	}
	for (i = 0; i < h->nevents; i++) {
		const struct dun_hevent *e = &h->events[i];

		if (e->type != DUN_EV_PROMISE || e->date < from || e->date >
		    to)
			continue;
		g->promises++;
		switch (dun_promise_state(x->c, h, e, to)) {
		case DUN_PROMISE_KEPT:
			g->kept++;
			break;
		case DUN_PROMISE_BROKEN:
			g->broken++;
			break;
		case DUN_PROMISE_OPEN:
			g->open++;
			break;
		}
	}
	return 0;
}

/* The league's order: those who had arrears to recover first, then by
 * the share recovered, then by name. */
static int
league_cmp(const void *ctx, size_t a, size_t b)
{
	const struct gmap *m = ctx;
	const struct gent *x = &m->v[a], *y = &m->v[b];
	const struct co *p = x->data, *q = y->data;
	/* recovered/start, compared without dividing */
	__int128 l = (__int128)p->recovered * (q->start > 0 ? q->start : 1);
	__int128 r = (__int128)q->recovered * (p->start > 0 ? p->start : 1);

	if ((p->start > 0) != (q->start > 0))
		return p->start > 0 ? -1 : 1;
	if (l != r)
		return l > r ? -1 : 1;
	return strcmp(x->key[0], y->key[0]);
}

static void
collectors_finish(void *arg)
{
	static const struct tcol cols[] = { { "collector", T_TEXT },
		{ "units", T_INT }, { "debtors_start", T_INT },
		{ "arrears_start", T_MONEY }, { "debtors_now", T_INT },
		{ "arrears_now", T_MONEY }, { "collected", T_MONEY },
		{ "recovered", T_MONEY }, { "rate", T_RATE },
		{ "promises", T_INT }, { "kept", T_INT }, { "broken", T_INT },
		{ "open", T_INT } };
	struct collectors *k = arg;
	struct rk_ctx *x = k->x;
	struct table *t = rk_table(x, rk_collectors.name, "催收员排行",
	    "Collectors");
	size_t *ix = xmalloc((k->co.n + 1) * sizeof *ix), i, r;
	struct co tot;

	rk_window_note(x, t, DUN_RK_COLLECTORS, 1);
	for (i = 0; i < sizeof cols / sizeof *cols; i++)
		table_col(t, cols[i].name, cols[i].type);
	for (i = 0; i < k->co.n; i++)
		ix[i] = i;
	sort_index(ix, k->co.n, league_cmp, &k->co);
	memset(&tot, 0, sizeof tot);
	for (r = 0; r <= k->co.n; r++) {
		const struct co *g = r < k->co.n ? k->co.v[ix[r]].data : &tot;
		struct tcell *row = table_row(t);

		if (r < k->co.n) {
			cell_text(t, &row[0], k->co.v[ix[r]].key[0]);
			tot.units += g->units;
			tot.debtors_start += g->debtors_start;
			tot.debtors_now += g->debtors_now;
			rk_add(x, &tot.start, g->start);
			rk_add(x, &tot.now, g->now);
			rk_add(x, &tot.collected, g->collected);
			rk_add(x, &tot.recovered, g->recovered);
			tot.promises += g->promises;
			tot.kept += g->kept;
			tot.broken += g->broken;
			tot.open += g->open;
		} else
			cell_text(t, &row[0], "TOTAL");
		cell_num(&row[1], g->units);
		cell_num(&row[2], g->debtors_start);
		cell_num(&row[3], g->start);
		cell_num(&row[4], g->debtors_now);
		cell_num(&row[5], g->now);
		cell_num(&row[6], g->collected);
		cell_num(&row[7], g->recovered);
		cell_rate(&row[8], g->recovered, g->start);
		cell_num(&row[9], g->promises);
		cell_num(&row[10], g->kept);
		cell_num(&row[11], g->broken);
		cell_num(&row[12], g->open);
	}
	t->total = 1;
	t->chart.type = CH_BARS;
	t->chart.title = rk_tr(x, "各催收员欠费与回收", "Collectors side by side");
	t->chart.label = 0;
	t->chart.values[t->chart.nvalues++] = 3;
	t->chart.values[t->chart.nvalues++] = 5;
	t->chart.values[t->chart.nvalues++] = 7;
	free(ix);
}

const struct report_kind rk_collectors = {
	.name = "collectors",
	.groups = 1 << DUN_RG_COLLECTOR | 1 << DUN_RG_NONE,
	.group = DUN_RG_COLLECTOR,
	.trace = 1,
	.init = collectors_init,
	.fini = collectors_fini,
	.unit = collectors_unit,
	.finish = collectors_finish,
};

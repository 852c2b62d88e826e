/*
 * rk_effect.c — the effect kind: for each step of the ladder and its
 * channel, how many of the notices issued in the window were followed
 * by a payment within 7, 14 and 30 days, and how much.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report_int.h"

#define NH 3
static const int horizons[NH] = { 7, 14, 30 };

struct ef {
	long notices, elig[NH], paid[NH];
	dun_money amount[NH];
};

struct effect {
	struct rk_ctx *x;
	struct gmap ef;
};

/* The state of the effect kind for x (malloc'd, for effect_fini). */
static void *
effect_init(struct rk_ctx *x)
{
	struct effect *k = xmalloc(sizeof *k);

	memset(k, 0, sizeof *k);
	k->x = x;
	gmap_init(&k->ef, rk_nkeys(x->group[DUN_RK_EFFECT]) + 2,
	    sizeof(struct ef));
	return k;
}

static void
effect_fini(void *arg)
{
	struct effect *k = arg;

	gmap_free(&k->ef);
	free(k);
}

/* A unit's notices of the window and the payments after each; a horizon
 * that ends after the window is not yet known and not counted. */
static int
effect_unit(void *arg, const struct rk_unit *u, struct dun_err *err)
{
	struct effect *k = arg;
	struct rk_ctx *x = k->x;
	const struct dun_hist *h = u->h;
	dun_date from = x->from[DUN_RK_EFFECT], to = x->to;
	const char *keys[4];
	size_t i, j;
	int n;

	(void)err;
	/* The notices' records read, the ledger's notices are left alone
	 * by effect as by notices. */
	if (x->from_records & (1u << DUN_RK_NOTICES))
		return 0;
	for (i = 0; i < h->nnotices; i++) {
		const struct dun_hnotice *no = &h->notices[i];
		struct ef *g;

		if (no->date < from || no->date > to)
			continue;
		rk_notice_keys(x, DUN_RK_EFFECT, h, no, keys);
		g = gmap_get(&k->ef, keys);
		g->notices++;
		for (n = 0; n < NH; n++) {
			dun_date end = no->date + horizons[n];
			dun_money paid = 0;

			if (end > to)
				continue;	/* not yet known */
			g->elig[n]++;
			for (j = 0; j < h->npayments; j++)
				if (h->payments[j].date >= no->date &&
				    h->payments[j].date <= end)
					rk_add(x, &paid, h->payments[j].amount);
			if (paid > 0) {
				g->paid[n]++;
				rk_add(x, &g->amount[n], paid);
			}
		}
	}
	return 0;
}

static void
effect_finish(void *arg)
{
	struct effect *k = arg;
	struct rk_ctx *x = k->x;
	struct table *t = rk_table(x, rk_effect.name, "催缴效果",
	    "What each step brought in");
	size_t nk = k->ef.nkeys - 2, r, n;
	size_t *ix = rk_sorted(x, &k->ef, nk);
	char name[32];

	rk_window_note(x, t, DUN_RK_EFFECT, 1);
	group_cols(t, x->group[DUN_RK_EFFECT]);
	table_col(t, "stage", T_TEXT);
	table_col(t, "channel", T_TEXT);
	table_col(t, "notices", T_INT);
	for (n = 0; n < NH; n++) {
		snprintf(name, sizeof name, "paid_%d", horizons[n]);
		table_col(t, name, T_INT);
		snprintf(name, sizeof name, "rate_%d", horizons[n]);
		table_col(t, name, T_RATE);
		snprintf(name, sizeof name, "amount_%d", horizons[n]);
		table_col(t, name, T_MONEY);
	}
	for (r = 0; r < k->ef.n; r++) {
		const struct ef *g = k->ef.v[ix[r]].data;
		struct tcell *row = table_row(t);

		rk_key_cells(t, row, &k->ef.v[ix[r]], nk + 2);
		row += nk + 2;
		cell_num(&row[0], g->notices);
		for (n = 0; n < NH; n++) {
			cell_num(&row[1 + 3 * n], g->paid[n]);
			cell_rate(&row[2 + 3 * n], g->paid[n], g->elig[n]);
			cell_num(&row[3 + 3 * n], g->amount[n]);
		}
	}
	t->chart.type = CH_BARS;
	t->chart.title = rk_tr(x, "通知后付款的比例",
	    "Share that paid after each step");
	t->chart.label = (int)nk;
	for (n = 0; n < NH; n++)
		t->chart.values[t->chart.nvalues++] = (int)(nk + 4 + 3 * n);
	free(ix);
}

const struct report_kind rk_effect = {
	.name = "effect",
	.groups = 1 << DUN_RG_NONE | 1 << DUN_RG_ESTATE | 1 << DUN_RG_BUILDING |
	    1 << DUN_RG_COLLECTOR | 1 << DUN_RG_CLASS,
	.group = DUN_RG_NONE,
	.init = effect_init,
	.fini = effect_fini,
	.unit = effect_unit,
	.finish = effect_finish,
};

/*
 * rk_notices.c — the notices kind: the notices issued, by stage and
 * channel, and how many were served; from the ledger's register over the
 * window, or from dun-notice's records of the night.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report_int.h"

struct nt {
	long notices, served;		/* served -1: cannot be told */
};

/* The columns of dun-notice's records that notices reads. */
enum { C_STAGE, C_CHANNEL, C_N };

struct notices {
	struct rk_ctx *x;
	struct gmap nt;
	int col[C_N];
};

/* The state of the notices kind for x (malloc'd, for notices_fini). */
static void *
notices_init(struct rk_ctx *x)
{
	struct notices *k = xmalloc(sizeof *k);

	memset(k, 0, sizeof *k);
	k->x = x;
	gmap_init(&k->nt, rk_nkeys(x->group[DUN_RK_NOTICES]) + 2,
	    sizeof(struct nt));
	return k;
}

static void
notices_fini(void *arg)
{
	struct notices *k = arg;

	gmap_free(&k->nt);
	free(k);
}

/* A unit's notices of the window, served if proof of it came by its
 * last day. */
static int
notices_unit(void *arg, const struct rk_unit *u, struct dun_err *err)
{
	struct notices *k = arg;
	struct rk_ctx *x = k->x;
	const struct dun_hist *h = u->h;
	dun_date to = x->to;
	const char *keys[4];
	size_t i, j;

	(void)err;
	for (i = 0; i < h->nnotices; i++) {
		const struct dun_hnotice *n = &h->notices[i];
		struct nt *g;

		if (n->date < x->from[DUN_RK_NOTICES] || n->date > to)
			continue;
		rk_notice_keys(x, DUN_RK_NOTICES, h, n, keys);
		g = gmap_get(&k->nt, keys);
		g->notices++;
		for (j = 0; j < h->nevents; j++)
			if (h->events[j].type == DUN_EV_SERVED &&
			    h->events[j].ref && n->notice &&
			    h->events[j].date <= to &&
			    strcmp(h->events[j].ref, n->notice) == 0) {
				g->served++;
				break;
			}
	}
	return 0;
}

/* The columns of dun-notice's records in r's header; with other kinds,
 * the night's notices stand ungrouped, and alone they cannot be grouped
 * by what the records do not say.  0, or -1 and err. */
static int
notices_bind(void *arg, const struct dun_rec *r, struct dun_err *err)
{
	struct notices *k = arg;
	struct rk_ctx *x = k->x;
	int g = x->group[DUN_RK_NOTICES];

	if (g != DUN_RG_NONE && (x->o.kinds & (x->o.kinds - 1))) {
		x->group[DUN_RK_NOTICES] = g = DUN_RG_NONE;
		gmap_free(&k->nt);
		gmap_init(&k->nt, 2, sizeof(struct nt));
	}
	if (g != DUN_RG_NONE) {
		dun_err_set(err, DUN_EXIT_USAGE, "%s: dun-notice's records say "
		    "nothing of the unit's %s; read the ledger for that",
		    dun_rec_name(r), g == DUN_RG_BUILDING ? "building" :
		    "group");
		return -1;
	}
	return rk_need_col(r, "stage", &k->col[C_STAGE], err) < 0 ||
	    rk_need_col(r, "channel", &k->col[C_CHANNEL], err) < 0 ? -1 : 0;
}

/* One of dun-notice's records: a notice of its stage and channel, which
 * the register's records cannot say was served.  0. */
static int
notices_record(void *arg, const struct dun_rec *r, struct dun_err *err)
{
	struct notices *k = arg;
	const char *keys[2];
	struct nt *g;

	(void)err;
	keys[0] = dun_rec_field(r, (size_t)k->col[C_STAGE]);
	keys[1] = dun_rec_field(r, (size_t)k->col[C_CHANNEL]);
	g = gmap_get(&k->nt, keys);
	g->notices++;
	g->served = -1;
	return 0;
}

static void
notices_finish(void *arg)
{
	struct notices *k = arg;
	struct rk_ctx *x = k->x;
	struct table *t = rk_table(x, rk_notices.name, "已发通知",
	    "Notices issued");
	size_t nk = k->nt.nkeys - 2, r;
	size_t *ix = rk_sorted(x, &k->nt, nk);
	long total = 0, served = 0;
	struct tcell *row;

	if (x->from_records & (1u << DUN_RK_NOTICES))
		t->note = rk_tr(x, "本次发出", "Issued in this run");
	else
		rk_window_note(x, t, DUN_RK_NOTICES, 1);
	group_cols(t, x->group[DUN_RK_NOTICES]);
	table_col(t, "stage", T_TEXT);
	table_col(t, "channel", T_TEXT);
	table_col(t, "notices", T_INT);
	table_col(t, "served", T_INT);
	for (r = 0; r < k->nt.n; r++) {
		const struct nt *g = k->nt.v[ix[r]].data;

		row = table_row(t);
		rk_key_cells(t, row, &k->nt.v[ix[r]], nk + 2);
		cell_num(&row[nk + 2], g->notices);
		if (g->served >= 0)
			cell_num(&row[nk + 3], g->served);
		total += g->notices;
		served += g->served >= 0 ? g->served : 0;
	}
	row = table_row(t);
	rk_total_key(t, row, nk + 2);
	cell_num(&row[nk + 2], total);
	if (!(x->from_records & (1u << DUN_RK_NOTICES)))
		cell_num(&row[nk + 3], served);
	t->total = 1;
	t->chart.type = CH_BARS;
	t->chart.title = rk_tr(x, "各阶段通知数", "Notices by stage");
	t->chart.label = (int)nk;
	t->chart.values[t->chart.nvalues++] = (int)nk + 2;
	free(ix);
}

const struct report_kind rk_notices = {
	.name = "notices",
	.groups = 1 << DUN_RG_NONE | 1 << DUN_RG_ESTATE | 1 << DUN_RG_BUILDING |
	    1 << DUN_RG_COLLECTOR | 1 << DUN_RG_CLASS,
	.group = DUN_RG_NONE,
	.init = notices_init,
	.fini = notices_fini,
	.bind = notices_bind,
	.record = notices_record,
	.unit = notices_unit,
	.finish = notices_finish,
};

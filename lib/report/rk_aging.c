/*
 * rk_aging.c — the aging kind: what is owed, by how long it has been,
 * from dun-age's (or dun-classify's) records or unit by unit from the
 * ledger, with a row of totals.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report_int.h"

struct ag {
	long units, n[DUN_MAXBUCKETS];
	dun_money b[DUN_MAXBUCKETS], balance, late, total, not_due, expected;
};

/* The columns of dun-age's records that aging reads. */
enum { C_TOTAL, C_BALANCE, C_LATE, C_NOT_DUE, C_DAYS, C_EXPECTED, C_KEY0,
	C_KEY1, C_BUCKET };

struct aging {
	struct rk_ctx *x;
	struct gmap ag;
	int col[C_BUCKET + DUN_MAXBUCKETS];
};

/* The state of the aging kind for x (malloc'd, for aging_fini). */
static void *
aging_init(struct rk_ctx *x)
{
	struct aging *k = xmalloc(sizeof *k);

	memset(k, 0, sizeof *k);
	k->x = x;
	gmap_init(&k->ag, rk_nkeys(x->group[DUN_RK_AGING]), sizeof(struct ag));
	return k;
}

static void
aging_fini(void *arg)
{
	struct aging *k = arg;

	gmap_free(&k->ag);
	free(k);
}

/* One unit's figures into the group keys name; a unit that owes nothing
 * in all is not counted. */
static void
aging_add(struct aging *k, const char *const *keys, dun_money balance,
    dun_money late, dun_money total, dun_money not_due, dun_money expected,
    long days, const dun_money *bucket)
{
	struct ag *g = gmap_get(&k->ag, keys);
	const struct dun_config *c = k->x->c;
	struct rk_ctx *x = k->x;
	size_t i, b;

	if (total <= 0)
		return;
	g->units++;
	if (balance > 0) {
		for (b = 0; b < c->aging.nbounds && days > c->aging.bounds[b];
		    b++)
			;
		g->n[b]++;
	}
	for (i = 0; i <= c->aging.nbounds; i++)
		rk_add(x, &g->b[i], bucket[i]);
	rk_add(x, &g->balance, balance);
	rk_add(x, &g->late, late);
	rk_add(x, &g->total, total);
	rk_add(x, &g->not_due, not_due);
	rk_add(x, &g->expected, expected);
}

/* A unit of the ledger, aged as of the report's date (the trace's aging
 * when that is the window's last day).  0, or -1 and err. */
static int
aging_unit(void *arg, const struct rk_unit *u, struct dun_err *err)
{
	struct aging *k = arg;
	struct rk_ctx *x = k->x;
	struct dun_aged own;
	const struct dun_aged *a = u->aged;
	const char *keys[4];

	if (a == NULL || x->to != x->o.asof) {
		if (dun_age_unit(x->c, x->o.asof, u->h, &own, err) < 0)
			return -1;
		a = &own;
	}
	group_keys(x->group[DUN_RK_AGING], u->h, NULL, keys);
	aging_add(k, keys, a->balance, a->late_fee, a->total, a->not_due,
	    a->expected_recovery, a->days_overdue, a->bucket);
	return 0;
}

/* ---- records ---------------------------------------------------------- */

/* The columns of dun-age's records in r's header.  0, or -1 and err. */
static int
aging_bind(void *arg, const struct dun_rec *r, struct dun_err *err)
{
	static const enum col_id aged[] = { COL_TOTAL, COL_BALANCE,
		COL_LATE_FEE, COL_NOT_DUE, COL_DAYS_OVERDUE,
		COL_EXPECTED_RECOVERY };
	struct aging *k = arg;
	int g = k->x->group[DUN_RK_AGING];
	char name[48];
	size_t i;

	for (i = 0; i < sizeof aged / sizeof *aged; i++)
		if (rk_need_col(r, col_name(aged[i]), &k->col[i], err) < 0)
			return -1;
	for (i = 0; i <= k->x->c->aging.nbounds; i++)
		if (rk_need_col(r, dun_bucket_name(k->x->c, i, name,
		    sizeof name), &k->col[C_BUCKET + i], err) < 0)
			return -1;
	k->col[C_KEY0] = k->col[C_KEY1] = -1;
	if (g == DUN_RG_ESTATE || g == DUN_RG_BUILDING)
		if (rk_need_col(r, col_name(COL_ESTATE), &k->col[C_KEY0],
		    err) < 0)
			return -1;
	if (g == DUN_RG_BUILDING)
		if (rk_need_col(r, col_name(COL_BUILDING), &k->col[C_KEY1],
		    err) < 0)
			return -1;
	if (g == DUN_RG_COLLECTOR)
		if (rk_need_col(r, col_name(COL_COLLECTOR), &k->col[C_KEY0],
		    err) < 0)
			return -1;
	if (g == DUN_RG_CLASS && dun_rec_col(r, col_name(COL_CLASS)) < 0) {
		dun_err_set(err, DUN_EXIT_DATA, "%s: no column class: grouping "
		    "by class needs dun-classify's records", dun_rec_name(r));
		return -1;
	}
	if (g == DUN_RG_CLASS)
		k->col[C_KEY0] = dun_rec_col(r, col_name(COL_CLASS));
	return 0;
}

/* The amount in column col of r into *v (empty: 0).  0, or -1 and err. */
static int
money_at(const struct dun_rec *r, int col, dun_money *v, struct dun_err *err)
{
	*v = 0;
	return dun_rec_money(r, col, v, err) < 0 ? -1 : 0;
}

/* One of dun-age's records.  0, or -1 and err (a bad amount or count). */
static int
aging_record(void *arg, const struct dun_rec *r, struct dun_err *err)
{
	struct aging *k = arg;
	dun_money v[6], bucket[DUN_MAXBUCKETS];
	const char *keys[2] = { "", "" }, *s;
	char *end;
	long days;
	size_t i;

	for (i = 0; i < 6; i++)
		if (i != C_DAYS && money_at(r, k->col[i], &v[i], err) < 0)
			return -1;
	for (i = 0; i <= k->x->c->aging.nbounds; i++)
		if (money_at(r, k->col[C_BUCKET + i], &bucket[i], err) < 0)
			return -1;
	s = dun_rec_field(r, (size_t)k->col[C_DAYS]);
	days = *s ? strtol(s, &end, 10) : 0;
	if (*s && (*end != '\0' || days < 0)) {
		dun_err_set(err, DUN_EXIT_DATA, "%s:%ld: days_overdue: %s is "
		    "not a count of days", dun_rec_name(r), dun_rec_line(r),
		    abbr_q(s).s);
		return -1;
	}
	if (k->col[C_KEY0] >= 0)
		keys[0] = dun_rec_field(r, (size_t)k->col[C_KEY0]);
	if (k->col[C_KEY1] >= 0)
		keys[1] = dun_rec_field(r, (size_t)k->col[C_KEY1]);
	aging_add(k, keys, v[C_BALANCE], v[C_LATE], v[C_TOTAL], v[C_NOT_DUE],
	    v[C_EXPECTED], days, bucket);
	return 0;
}

/* ---- the table -------------------------------------------------------- */

/* The groups, then their totals (with no grouping, the one row). */
static void
aging_finish(void *arg)
{
	struct aging *k = arg;
	struct rk_ctx *x = k->x;
	struct table *t = rk_table(x, rk_aging.name, "欠费账龄",
	    "Arrears by age");
	const struct dun_config *c = x->c;
	size_t nb = c->aging.nbounds + 1, nk = k->ag.nkeys, i, j, r;
	size_t *ix = rk_sorted(x, &k->ag, nk);
	struct ag tot;
	char name[48];

	rk_window_note(x, t, DUN_RK_AGING, 0);
	group_cols(t, x->group[DUN_RK_AGING]);
	table_col(t, "units", T_INT);
	for (i = 0; i < nb; i++) {
		dun_bucket_name(c, i, name, sizeof name);
		name[0] = 'u';
		table_col(t, name, T_INT);
	}
	for (i = 0; i < nb; i++)
		table_col(t, dun_bucket_name(c, i, name, sizeof name), T_MONEY);
	table_col(t, "balance", T_MONEY);
	table_col(t, "late_fee", T_MONEY);
	table_col(t, "total", T_MONEY);
	table_col(t, "not_due", T_MONEY);
	table_col(t, "expected_recovery", T_MONEY);
	memset(&tot, 0, sizeof tot);
	for (r = 0; r <= k->ag.n; r++) {
		const struct ag *g = r < k->ag.n ? k->ag.v[ix[r]].data : &tot;
		struct tcell *row;
		size_t col = nk;

		if (r == k->ag.n && nk == 0 && k->ag.n > 0)
			break;
		row = table_row(t);
		if (r < k->ag.n) {
			rk_key_cells(t, row, &k->ag.v[ix[r]], nk);
			tot.units += g->units;
			for (j = 0; j < nb; j++) {
				tot.n[j] += g->n[j];
				rk_add(x, &tot.b[j], g->b[j]);
			}
			rk_add(x, &tot.balance, g->balance);
			rk_add(x, &tot.late, g->late);
			rk_add(x, &tot.total, g->total);
			rk_add(x, &tot.not_due, g->not_due);
			rk_add(x, &tot.expected, g->expected);
		} else
			rk_total_key(t, row, nk);
		cell_num(&row[col++], g->units);
		for (j = 0; j < nb; j++)
			cell_num(&row[col++], g->n[j]);
		for (j = 0; j < nb; j++)
			cell_num(&row[col++], g->b[j]);
		cell_num(&row[col++], g->balance);
		cell_num(&row[col++], g->late);
		cell_num(&row[col++], g->total);
		cell_num(&row[col++], g->not_due);
		cell_num(&row[col++], g->expected);
	}
	t->total = nk > 0;
	t->chart.type = CH_COLUMNS;
	t->chart.title = rk_tr(x, "各账龄段欠费金额", "Arrears by age bucket");
	for (j = 0; j < nb; j++)
		t->chart.values[t->chart.nvalues++] = (int)(nk + 1 + nb + j);
	free(ix);
}

const struct report_kind rk_aging = {
	.name = "aging",
	.groups = 1 << DUN_RG_NONE | 1 << DUN_RG_ESTATE | 1 << DUN_RG_BUILDING |
	    1 << DUN_RG_COLLECTOR | 1 << DUN_RG_CLASS,
	.group = DUN_RG_ESTATE,
	.init = aging_init,
	.fini = aging_fini,
	.bind = aging_bind,
	.record = aging_record,
	.unit = aging_unit,
	.finish = aging_finish,
};

/*
 * rk_common.c — what the kinds of report share: groups found by key,
 * months, what was paid by a day, and a table's head, note and order.
 * It uses none of the kinds.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report_int.h"

/* ---- groups, keys and months ------------------------------------------ */

void
gmap_init(struct gmap *m, size_t nkeys, size_t size)
{
	memset(m, 0, sizeof *m);
	m->nkeys = nkeys;
	m->size = size;
}

void
gmap_free(struct gmap *m)
{
	size_t i, k;

	for (i = 0; i < m->n; i++) {
		for (k = 0; k < m->nkeys; k++)
			free(m->v[i].key[k]);
		free(m->v[i].data);
	}
	free(m->v);
	free(m->slot);
	memset(m, 0, sizeof *m);
}

static size_t
hash_keys(const struct gmap *m, const char *const *keys)
{
	size_t h = 14695981039346656037u, k;
	const unsigned char *p;

	for (k = 0; k < m->nkeys; k++) {
		for (p = (const unsigned char *)keys[k]; *p; p++)
			h = (h ^ *p) * 1099511628211u;
		h = (h ^ 0x1f) * 1099511628211u;
	}
	return h;
}

static int
same_keys(const struct gmap *m, const struct gent *e, const char *const *keys)
{
	size_t k;

	for (k = 0; k < m->nkeys; k++)
		if (strcmp(e->key[k], keys[k]) != 0)
			return 0;
	return 1;
}

static void
rehash(struct gmap *m)
{
	size_t i, j;

	free(m->slot);
	m->nslot = m->nslot ? 2 * m->nslot : 64;
	m->slot = xmalloc(m->nslot * sizeof *m->slot);
	memset(m->slot, 0, m->nslot * sizeof *m->slot);
	for (i = 0; i < m->n; i++) {
		j = hash_keys(m, (const char *const *)m->v[i].key) &
		    (m->nslot - 1);
		while (m->slot[j])
			j = (j + 1) & (m->nslot - 1);
		m->slot[j] = i + 1;
	}
}

void *
gmap_get(struct gmap *m, const char *const *keys)
{
	size_t j, k;
	struct gent *e;

	if (2 * (m->n + 1) > m->nslot)
		rehash(m);
	j = hash_keys(m, keys) & (m->nslot - 1);
	for (; m->slot[j]; j = (j + 1) & (m->nslot - 1))
		if (same_keys(m, &m->v[m->slot[j] - 1], keys))
			return m->v[m->slot[j] - 1].data;
	if (m->n == m->cap) {
		m->cap = m->cap ? 2 * m->cap : 16;
		m->v = xrealloc(m->v, m->cap * sizeof *m->v);
	}
	e = &m->v[m->n];
	memset(e, 0, sizeof *e);
	for (k = 0; k < m->nkeys; k++)
		e->key[k] = xstrdup(keys[k] ? keys[k] : "");
	e->data = xmalloc(m->size);
	memset(e->data, 0, m->size);
	m->slot[j] = ++m->n;
	return e->data;
}

size_t
group_keys(int g, const struct dun_hist *h, const char *cls,
    const char **keys)
{
	switch (g) {
	case DUN_RG_ESTATE:
		keys[0] = dun_hh(&h->hh, DUN_HH_ESTATE);
		return 1;
	case DUN_RG_BUILDING:
		keys[0] = dun_hh(&h->hh, DUN_HH_ESTATE);
		keys[1] = dun_hh(&h->hh, DUN_HH_BUILDING);
		return 2;
	case DUN_RG_COLLECTOR:
		keys[0] = dun_hh(&h->hh, DUN_HH_COLLECTOR);
		return 1;
	case DUN_RG_CLASS:
		keys[0] = cls ? cls : "";
		return 1;
	default:
		return 0;
	}
}

void
group_cols(struct table *t, int g)
{
	if (g == DUN_RG_ESTATE || g == DUN_RG_BUILDING)
		table_col(t, "estate", T_TEXT);
	if (g == DUN_RG_BUILDING)
		table_col(t, "building", T_TEXT);
	if (g == DUN_RG_COLLECTOR)
		table_col(t, "collector", T_TEXT);
	if (g == DUN_RG_CLASS)
		table_col(t, "class", T_TEXT);
}

void
months_set(struct months *m, dun_period m0, dun_period m1)
{
	m->m0 = m0;
	m->m1 = m1;
	m->n = m1 >= m0 ? (size_t)(m1 - m0 + 1) : 0;
}

size_t
rk_nkeys(int g)
{
	return g == DUN_RG_NONE ? 0 : g == DUN_RG_BUILDING ? 2 : 1;
}

void
rk_add(struct rk_ctx *x, dun_money *s, dun_money v)
{
	if (__builtin_add_overflow(*s, v, s))
		x->overflow = 1;
}

size_t
rk_notice_keys(const struct rk_ctx *x, int kind, const struct dun_hist *h,
    const struct dun_hnotice *n, const char **keys)
{
	size_t i = group_keys(x->group[kind], h, n->cls, keys);
	const struct dun_stage *st = n->stage >= 0 ? &x->c->stages[n->stage] :
	    NULL;

	keys[i++] = st ? st->name : "?";
	keys[i++] = n->channel ? n->channel : st ?
	    dun_channel_name(st->channel) : "?";
	return i;
}

/* ---- what was paid by a day ------------------------------------------- */

void
rk_paid_until(struct rk_paid *p, const struct dun_trace *t, dun_date d)
{
	size_t i;

	if (t->nlines > p->cap) {
		p->cap = t->nlines * 2;
		p->v = xrealloc(p->v, p->cap * sizeof *p->v);
	}
	memset(p->v, 0, t->nlines * sizeof *p->v);
	for (i = 0; i < t->nallocs && t->allocs[i].date <= d; i++)
		if (!t->allocs[i].late)
			p->v[t->allocs[i].line] += t->allocs[i].amount;
}

dun_money
rk_unpaid_at(struct rk_ctx *x, const struct rk_paid *p,
    const struct dun_trace *t, dun_date d)
{
	dun_money sum = 0;
	size_t i;

	for (i = 0; i < t->nlines; i++)
		if (t->lines[i].due <= d && t->lines[i].amount > p->v[i])
			rk_add(x, &sum, t->lines[i].amount - p->v[i]);
	return sum;
}

void
rk_paid_free(struct rk_paid *p)
{
	free(p->v);
	p->v = NULL;
	p->cap = 0;
}

/* ---- records ---------------------------------------------------------- */

int
rk_need_col(const struct dun_rec *r, const char *name, int *col,
    struct dun_err *err)
{
	if ((*col = dun_rec_col(r, name)) < 0) {
		dun_err_set(err, DUN_EXIT_DATA, "%s: no column %s", dun_rec_name(r),
		    name);
		return -1;
	}
	return 0;
}

/* ---- tables ----------------------------------------------------------- */

/* What entry_cmp needs to know of the groups it orders. */
struct order {
	const struct dun_config *c;
	const struct gmap *m;
	size_t stage;		/* the stage key's place, or m->nkeys */
};

static int
entry_cmp(const void *ctx, size_t a, size_t b)
{
	const struct order *o = ctx;
	const struct gent *x = &o->m->v[a], *y = &o->m->v[b];
	size_t i;
	int d;

	for (i = 0; i < o->m->nkeys; i++) {
		if (i == o->stage) {
			int sx = stage_index(o->c, x->key[i]);
			int sy = stage_index(o->c, y->key[i]);

			if (sx != sy)
				return sx < sy ? -1 : 1;
		}
		if ((d = strcmp(x->key[i], y->key[i])) != 0)
			return d;
	}
	return 0;
}

size_t *
rk_sorted(const struct rk_ctx *x, const struct gmap *m, size_t stage)
{
	size_t *ix = xmalloc((m->n + 1) * sizeof *ix), i;
	struct order o;

	for (i = 0; i < m->n; i++)
		ix[i] = i;
	o.c = x->c;
	o.m = m;
	o.stage = stage;
	sort_index(ix, m->n, entry_cmp, &o);
	return ix;
}

const char *
rk_tr(const struct rk_ctx *x, const char *zh, const char *en)
{
	return strcmp(x->lang, "en") == 0 ? en : zh;
}

void
rk_doc_add(struct rk_ctx *x, struct table *t)
{
	struct doc *d = &x->doc;

	d->t = xrealloc(d->t, (d->n + 1) * sizeof *d->t);
	d->t[d->n++] = t;
}

struct table *
rk_table(struct rk_ctx *x, const char *name, const char *zh, const char *en)
{
	struct table *t = table_new(x->a, name, rk_tr(x, zh, en));

	t->total_word = rk_tr(x, "合计", "Total");
	rk_doc_add(x, t);
	return t;
}

void
rk_window_note(struct rk_ctx *x, struct table *t, int kind, int window)
{
	static const char *const gz[] = { "", "按小区", "按楼栋", "按催收员",
		"按类别" };
	static const char *const ge[] = { "", "by estate", "by building",
		"by collector", "by class" };
	char a[DUN_DATE_BUFSZ], b[DUN_DATE_BUFSZ];
	struct buf s = { 0 };
	int g = x->group[kind];

	if (window)
		buf_fmt(&s, "%s %s – %s%s%s", rk_tr(x, "期间", "From"),
		    dun_date_fmt(x->from[kind], a), dun_date_fmt(x->to, b),
		    g ? rk_tr(x, "，", ", ") : "", g ? rk_tr(x, gz[g], ge[g]) :
		    "");
	else
		buf_fmt(&s, "%s %s%s%s", rk_tr(x, "截至", "As of"),
		    dun_date_fmt(x->o.asof, a), g ? rk_tr(x, "，", ", ") : "",
		    g ? rk_tr(x, gz[g], ge[g]) : "");
	t->note = arena_strdup(x->a, s.s);
	buf_free(&s);
}

void
rk_key_cells(struct table *t, struct tcell *row, const struct gent *e,
    size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		cell_text(t, &row[i], e->key[i]);
}

void
rk_total_key(struct table *t, struct tcell *row, size_t n)
{
	size_t i;

	if (n == 0)
		return;
	cell_text(t, &row[0], "TOTAL");
	for (i = 1; i < n; i++)
		row[i].null = 1;
}

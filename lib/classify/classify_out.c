/*
 * classify_out.c — dun-classify's records: each record read with its
 * decision, held until the last is read, then written in the order read
 * with the columns the table appends (columns.c), its priority among
 * them.
 */
#include <stdlib.h>
#include <string.h>

#include "classify.h"

/* A record held until every record is read, for the priorities: its
 * fields as they will be written (escaped, joined by TABs) and its
 * reason, each NUL-ended, in one block. */
struct held {
	char *text;
	size_t len;		/* of the fields */
	int cls, stage, channel, action;
	dun_date due_on;
	dun_money worth;
	long age;
	size_t rank;
};

struct dun_ranking {
	const struct dun_config *c;
	struct held *held;
	size_t n, cap;
};

/* A record's place in the priorities, sorted apart from the records. */
struct rank_key {
	dun_money worth;
	long age;
	size_t i;		/* the record's place in held */
};

struct dun_ranking *
dun_ranking_new(const struct dun_config *c)
{
	struct dun_ranking *g = xmalloc(sizeof *g);

	memset(g, 0, sizeof *g);
	g->c = c;
	return g;
}

void
dun_ranking_add(struct dun_ranking *g, const struct dun_rec *r,
    const struct dun_decision *d, const struct dun_classifier *k)
{
	size_t rlen = strlen(d->reason);
	struct held *h;

	if (g->n == g->cap) {
		g->cap = g->cap ? g->cap * 2 : 1024;
		g->held = xrealloc(g->held, g->cap * sizeof *g->held);
	}
	h = &g->held[g->n++];
	h->text = dun_rec_tsv(r, rlen + 1, &h->len);
	memcpy(h->text + h->len + 1, d->reason, rlen + 1);
	h->cls = d->cls;
	h->stage = d->stage;
	h->channel = d->channel;
	h->action = d->action;
	h->due_on = d->due_on;
	dun_classify_rank_key(k, &h->worth, &h->age);
}

/* Work first: the most worth recovering, then the oldest. */
static int
by_priority(const void *a, const void *b)
{
	const struct rank_key *x = a, *y = b;

	if (x->worth != y->worth)
		return x->worth > y->worth ? -1 : 1;
	if (x->age != y->age)
		return x->age > y->age ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

/* Each held record's rank: 1 is the first to work. */
static void
rank(struct dun_ranking *g)
{
	struct rank_key *order = xmalloc((g->n + 1) * sizeof *order);
	size_t i;

	for (i = 0; i < g->n; i++) {
		order[i].worth = g->held[i].worth;
		order[i].age = g->held[i].age;
		order[i].i = i;
	}
	qsort(order, g->n, sizeof *order, by_priority);
	for (i = 0; i < g->n; i++)
		g->held[order[i].i].rank = i + 1;
	free(order);
}

/* Column id (one dun-classify appends) of the held record h. */
static int
put_col(struct dun_out *o, const struct dun_config *c, const struct held *h,
    int id)
{
	switch (id) {
	case COL_CLASS:
		return dun_out_str(o, h->cls >= 0 ? c->classes[h->cls].name :
		    "");
	case COL_STAGE:
		return dun_out_str(o, h->stage >= 0 ?
		    c->stages[h->stage].name : "");
	case COL_CHANNEL:
		return dun_out_str(o, h->channel >= 0 ?
		    dun_channel_name((enum dun_channel)h->channel) : "");
	case COL_DUE_ON:
		if (h->due_on == DUN_NODATE)
			return dun_out_str(o, "");
		return dun_out_date(o, h->due_on);
	case COL_ACTION:
		return dun_out_str(o, dun_action_name(h->action));
	case COL_PRIORITY:
		return dun_out_long(o, (long long)h->rank);
	case COL_REASON:
		return dun_out_str(o, h->text + h->len + 1);
	}
	return 0;
}

int
dun_ranking_write(struct dun_ranking *g, const struct dun_rec *head,
    struct dun_out *o)
{
	size_t i, j, k = dun_rec_ncols(head);
	int bad = 0;

	rank(g);
	for (i = 0; i < k; i++)
		dun_out_str(o, dun_rec_colname(head, i));
	for (j = 0; j < COL_COUNT; j++)
		if (col_table[j].prog == COLP_CLASSIFY)
			dun_out_str(o, col_table[j].name);
	if (dun_out_end(o) < 0)
		return -1;
	for (i = 0; i < g->n && !bad; i++) {
		const struct held *h = &g->held[i];

		dun_out_joined(o, h->text, h->len, k);
		for (j = 0; j < COL_COUNT; j++)
			if (col_table[j].prog == COLP_CLASSIFY &&
			    put_col(o, g->c, h, (int)j) < 0)
				bad = 1;
		if (dun_out_end(o) < 0)
			bad = 1;
	}
	return bad ? -1 : 0;
}

void
dun_ranking_free(struct dun_ranking *g)
{
	size_t i;

	if (g == NULL)
		return;
	for (i = 0; i < g->n; i++)
		free(g->held[i].text);
	free(g->held);
	free(g);
}

/*
 * expr.c — fuzz the class rules' expressions (lib/config/expr.h): the
 * input is a rule's text, parsed, then evaluated and explained against a
 * small record of dun-age's columns, with amounts, counts and dates at
 * the ends of their ranges as well as usual ones.  Evaluation gives 1, 0,
 * or -1 for a sum out of range, and nothing else.
 */
#include "fuzz.h"
#include "expr.h"

/* The record: a column's name and its text, as dun-age writes it. */
static const struct {
	const char *name, *text;
} record[] = {
	{ "unit", "3-1201" }, { "balance", "1200.50" },
	{ "late_fee", "92233720368547758.07" },
	{ "total", "-92233720368547758.07" }, { "credit", "" },
	{ "days_overdue", "412" }, { "broken_promises", "2" },
	{ "priority", "92233720368547758" },
	{ "notices", "-92233720368547758" },
	{ "oldest_due", "2025-10-05" }, { "last_paid", "1900-01-01" },
	{ "promise_due", "2200-12-31" }, { "hardship_until", "" },
	{ "occupancy", "tenant" }, { "dispute", "" }, { "b0_30", "10.00" },
};

/* Column i's value: from the record if it has the column, else empty. */
static void
value(const char *name, struct value *v)
{
	size_t i, n = sizeof record / sizeof *record;
	const char *t = NULL;
	char why[DUN_WHY];

	memset(v, 0, sizeof *v);
	for (i = 0; i < n && t == NULL; i++)
		if (strcmp(record[i].name, name) == 0)
			t = record[i].text;
	v->type = expr_column_type(name);
	if (v->type == T_STR) {
		v->s = t ? t : "";
		return;
	}
	if (t == NULL || *t == '\0')
		v->type = T_NULL;
	else if (v->type == T_MONEY)
		dun_money_parse(t, strlen(t), &v->m, why);
	else if (v->type == T_DATE)
		dun_date_parse(t, strlen(t), DUN_DATE_ISO, &v->d, why);
	else {
		v->n = strtoll(t, NULL, 10);
		v->m = v->n * 100;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct expr_cols cols = { NULL, 0, 0 };
	struct arena *a = arena_new();
	struct value *vals;
	struct expr *e;
	struct buf ex = { 0 };
	char err[300], *msg, *text = fuzz_str(data, size);
	int pos = -1, yes;
	size_t i;

	e = expr_parse(text, a, &cols, &msg, &pos);
	if (e == NULL && (msg == NULL || msg[0] == '\0' || pos < 0 ||
	    (size_t)pos > size))
		abort();	/* a refusal says why, and where */
	if (e != NULL && msg != NULL)
		abort();	/* and only a refusal */
	free(msg);
	if (e != NULL) {
		vals = calloc(cols.n + 1, sizeof *vals);
		for (i = 0; i < cols.n; i++)
			value(cols.name[i], &vals[i]);
		yes = expr_eval(e, vals, dun_date_make(2026, 11, 20), err,
		    sizeof err);
		if (yes != 0 && yes != 1 && yes != -1)
			abort();
		expr_explain(e, &cols, vals, dun_date_make(2026, 11, 20), &ex);
		if (ex.s == NULL || strlen(ex.s) != ex.len)
			abort();	/* an explanation is a whole string */
		buf_free(&ex);
		free(vals);
	}
	for (i = 0; i < cols.n; i++)
		free(cols.name[i]);
	free(cols.name);
	arena_free(a);
	free(text);
	return 0;
}

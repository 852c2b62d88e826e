/* The class rules' expressions: parsing, types, evaluation, errors. */
#include <stdlib.h>

#include "expr.h"
#include "tap.h"

static struct arena *a;
static struct expr_cols cols;
static struct value vals[32];
static dun_date today;

static void
set(const char *name, int type, const char *text)
{
	size_t i;

	for (i = 0; i < cols.n; i++)
		if (strcmp(cols.name[i], name) == 0)
			break;
	if (i == cols.n)
		return;
	memset(&vals[i], 0, sizeof vals[i]);
	vals[i].type = text == NULL ? T_NULL : type;
	if (text == NULL)
		return;
	if (type == T_STR)
		vals[i].s = text;
	else if (type == T_MONEY)
		dun_money_parse(text, strlen(text), &vals[i].m, NULL);
	else if (type == T_DATE)
		dun_date_parse(text, strlen(text), DUN_DATE_ISO, &vals[i].d,
		    NULL);
	else {
		vals[i].n = atoll(text);
		vals[i].m = vals[i].n * 100;
	}
}

/* Parse, give the columns values, evaluate. */
static int
run(const char *text)
{
	char *err;
	int pos;
	struct expr *e = expr_parse(text, a, &cols, &err, &pos);

	if (e == NULL) {
		printf("# %s: %s at %d\n", text, err, pos);
		free(err);
		return -1;
	}
	set("days_overdue", T_NUM, "412");
	set("broken_promises", T_NUM, "2");
	set("balance", T_MONEY, "1200.50");
	set("dispute", T_STR, "");
	set("occupancy", T_STR, "tenant");
	set("hardship_until", T_DATE, "2026-12-31");
	set("promise_due", T_DATE, NULL);
	set("plan", T_MONEY, NULL);
	set("oldest_due", T_DATE, "2025-10-05");
	return expr_eval(e, vals, today, NULL, 0);
}

/* A rule whose sum goes out of range: -1 and why, however big the
 * values (issue 14: signed overflow in the sums). */
static void
range(const char *text, const char *col, int type, const char *val,
    const char *want)
{
	char *err, why[300] = "";
	int pos, got;
	struct expr *e = expr_parse(text, a, &cols, &err, &pos);

	ok(e != NULL, "parsed: %s%s%s", text, err ? ": " : "", err ? err :
	    "");
	free(err);
	if (e == NULL)
		return;
	if (col != NULL)
		set(col, type, val);
	got = expr_eval(e, vals, today, why, sizeof why);
	is_int(got, want ? -1 : 1, "  %s", want ? "out of range" : "holds");
	if (want)
		is_str(why, want, "  %s", want);
}

/* Text of n copies of s between head and tail, malloc'd. */
static char *
repeat(const char *head, const char *s, int n, const char *tail)
{
	size_t k = strlen(s), len = strlen(head) + k * (size_t)n +
	    strlen(tail) + 1;
	char *t = malloc(len), *p = t;
	int i;

	p += sprintf(p, "%s", head);
	for (i = 0; i < n; i++)
		p += sprintf(p, "%s", s);
	sprintf(p, "%s", tail);
	return t;
}

/* Nesting past 100 levels is refused where it passes 100, and nesting
 * 100,000 deep is refused without running out of stack. */
static void
deep(const char *head, const char *s, int n, const char *tail, int wantpos)
{
	char *t = repeat(head, s, n, tail), *err;
	int pos = -1;
	struct expr *e = expr_parse(t, a, &cols, &err, &pos);

	if (wantpos < 0) {
		ok(e != NULL, "%d of \"%s\": %s", n, s, err ? err :
		    "parsed");
		if (e != NULL)
			is_int(expr_eval(e, vals, today, NULL, 0), 1,
			    "  and holds");
	} else {
		ok(e == NULL, "%d of \"%s\": refused", n, s);
		is_str(err, "the expression is nested more than 100 levels "
		    "deep", "  as too deep");
		is_int(pos, wantpos, "  at character %d", wantpos + 1);
	}
	free(err);
	free(t);
}

static void
yes(const char *text)
{
	is_int(run(text), 1, "%s", text);
}

static void
no(const char *text)
{
	is_int(run(text), 0, "not %s", text);
}

static void
bad(const char *text, const char *want, int wantpos)
{
	char *err;
	int pos = -1;
	struct expr *e = expr_parse(text, a, &cols, &err, &pos);

	ok(e == NULL, "rejected: %s", text);
	is_str(err ? err : "", want, "  %s", want);
	is_int(pos, wantpos, "  at character %d", wantpos + 1);
	free(err);
}

int
main(void)
{
	char buf[600];
	struct expr *e;
	struct buf ex = { 0 };
	char *err;
	int pos;

	a = arena_new();
	dun_date_parse("2026-11-20", 10, DUN_DATE_ISO, &today, NULL);
	yes("true");
	no("false");
	yes("days_overdue > 365");
	yes("broken_promises >= 2 and days_overdue > 365");
	no("broken_promises >= 3 or days_overdue > 500");
	yes("not (days_overdue < 30)");
	yes("balance > 1000");
	yes("balance == 1200.50");
	no("balance < 1200.50");
	yes("balance >= 1000 + 200.50");
	yes("dispute == \"\"");
	no("dispute != \"\"");
	yes("dispute == empty");
	yes("occupancy in (\"tenant\", \"vacant\")");
	no("occupancy not in (\"tenant\", \"vacant\")");
	yes("hardship_until >= today");
	yes("hardship_until - today == 41");
	yes("oldest_due < today - 365");
	yes("oldest_due + 410 < today");
	yes("oldest_due + 411 == today");
	no("promise_due >= today");
	no("promise_due < today");
	yes("promise_due == empty");
	yes("plan == \"\"");
	no("plan > 0");
	yes("oldest_due < 2026-01-01");
	yes("(days_overdue > 400 or false) and occupancy == \"tenant\"");

	bad("balance > oldest_due", "cannot compare money with a date", 8);
	bad("hardship_until == \"soon\"", "cannot compare a date with text", 15);
	bad("days_overdue > ", "an expression ends too soon", 15);
	bad("days_overdue >> 3", "unexpected \">\"", 14);
	bad("occupancy < \"x\"", "text can only be compared with == or !=", 10);
	bad("occupancy == \"x", "a string is not closed", 13);
	bad("(days_overdue > 3", "a ) is missing", 17);
	bad("days_overdue", "the rule must be true or false, not a number", 0);
	bad("balance + oldest_due > 3", "cannot add money and a date", 8);
	bad("days_overdue > 3 and balance", "\"and\" joins conditions, true or "
	    "false", 17);
	bad("oldest_due < 2026-02-30", "\"2026-02-30\" is not a date: "
	    "February 2026 has 28 days", 13);

	range("92233720368547758.07 + 0.01 > 0", NULL, 0, NULL,
	    "the sum at character 22 is out of range");
	range("0 - 92233720368547758.07 - 1 < 0", NULL, 0, NULL,
	    "the difference at character 26 is out of range");
	range("balance + balance > 0", "balance", T_MONEY,
	    "92233720368547758.07", "the sum at character 9 is out of range");
	range("balance - 1 + 1 > 0", "balance", T_MONEY,
	    "92233720368547758.07", NULL);
	range("days_overdue + 1 > 0", "days_overdue", T_NUM,
	    "92233720368547758", "the sum at character 14 is out of range");
	range("days_overdue - 1 > 0", "days_overdue", T_NUM,
	    "92233720368547758", NULL);
	range("today + days_overdue > today", "days_overdue", T_NUM,
	    "92233720368547758", "the date at character 7 is out of range");
	range("today - days_overdue < today", "days_overdue", T_NUM,
	    "3000000", "the date at character 7 is out of range");
	range("today + days_overdue > today", "days_overdue", T_NUM,
	    "2900000", NULL);
	range("(balance + 1 > 0) or true", "balance", T_MONEY,
	    "92233720368547758.07", "the sum at character 10 is out of range");
	range("true or (balance + 1 > 0)", "balance", T_MONEY,
	    "92233720368547758.07", NULL);

	for (pos = 0; pos < 100; pos++)
		buf[pos] = ')';
	buf[pos] = '\0';
	{
		char *t = repeat("", "(", 100, "true"), *u = malloc(strlen(t) +
		    101);

		sprintf(u, "%s%s", t, buf);
		e = expr_parse(u, a, &cols, &err, &pos);
		ok(e != NULL, "100 parentheses are enough");
		free(err);
		free(t);
		free(u);
	}
	deep("", "(", 101, "true", 100);
	deep("", "(", 100000, "true", 100);
	deep("", "not ", 99, "false", -1);
	deep("", "not ", 101, "true", 400);
	deep("", "not ", 100000, "true", 400);
	deep("true", " or true", 99, "", -1);
	deep("true", " or true", 100, "", 797);
	deep("true", " and true", 100000, "", 896);
	deep("1", " + 1", 100000, " > 0", 398);
	deep("days_overdue in (", "(", 100000, "", 117);

	e = expr_parse("broken_promises >= 2 or days_overdue > 365", a, &cols,
	    &err, &pos);
	free(err);
	run("true");
	expr_explain(e, &cols, vals, today, &ex);
	is_str(ex.s, "(broken_promises=2 >= 2 [yes] or days_overdue=412 > 365 "
	    "[yes])", "an explanation shows values and results");
	buf_free(&ex);
	for (pos = 0; pos < (int)cols.n; pos++)
		free(cols.name[pos]);
	free(cols.name);
	arena_free(a);
	return done_testing();
}

/*
 * expr.c — the `when` expressions of dun.yaml's classes: parsed once,
 * typed once (a date is never compared with money), evaluated per record.
 * The grammar is in dun.yaml(5).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "expr.h"

enum { E_LIT, E_COL, E_TODAY, E_NOT, E_AND, E_OR, E_CMP, E_IN, E_ADD, E_SUB };
enum { C_EQ, C_NE, C_LT, C_LE, C_GT, C_GE };

/* How deep an expression may go: each parenthesis, "not" and "in" list,
 * and each term that "and", "or", "+" or "-" joins, is a level.  Parsing
 * and evaluation recurse that deep. */
#define DEPTH_MAX 100

/* Numbers (days, counts) are kept within what can be had as fen. */
#define NUM_MAX (INT64_MAX / 100)

struct expr {
	int op, type, cmp, neg;		/* neg: "not in" */
	int depth;			/* levels, itself included */
	struct value lit;
	int col;			/* E_COL: index in the column list */
	struct expr *a, *b, **list;
	size_t nlist;
	int pos;			/* where it starts in the text */
};

/* A column's type (columns.c) as an expression's. */
int
expr_column_type(const char *name)
{
	static const int types[] = { [COLT_TEXT] = T_STR,
		[COLT_MONEY] = T_MONEY, [COLT_DATE] = T_DATE,
		[COLT_NUMBER] = T_NUM };

	return types[col_type_of(name)];
}

static const char *const type_names[] = { "nothing", "a number", "money",
	"a date", "text", "true or false", "a number" };

struct parser {
	const char *s, *p;
	struct arena *a;
	struct expr_cols *cols;
	int nest;			/* parentheses and "not"s open */
	char *err;			/* the first error, malloc'd */
	int errpos;
};

/* The first error, at at: -1. */
static int fail(struct parser *x, const char *at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
fail(struct parser *x, const char *at, const char *fmt, ...)
{
	struct buf b = { NULL, 0, 0 };
	va_list ap;

	if (x->err == NULL) {
		va_start(ap, fmt);
		buf_vfmt(&b, fmt, ap);
		va_end(ap);
		x->err = b.s != NULL ? b.s : xstrdup("");
		x->errpos = (int)(at - x->s);
	}
	return -1;
}

/* The character at p, whole (its UTF-8 bytes, up to four), into c of
 * five bytes; returns c. */
static const char *
one_char(const char *p, char *c)
{
	size_t n = 0;

	if (p[0] != '\0')
		c[n++] = p[0];
	while (n > 0 && n < 4 && ((unsigned char)p[n] & 0xc0) == 0x80) {
		c[n] = p[n];
		n++;
	}
	c[n] = '\0';
	return c;
}

static void
blanks(struct parser *x)
{
	while (*x->p == ' ' || *x->p == '\t' || *x->p == '\n')
		x->p++;
}

/* The word at p, if it is w. */
static int
word(struct parser *x, const char *w)
{
	size_t n = strlen(w);

	blanks(x);
	if (strncmp(x->p, w, n) != 0 || (x->p[n] >= 'a' && x->p[n] <= 'z') ||
	    x->p[n] == '_' || (x->p[n] >= '0' && x->p[n] <= '9'))
		return 0;
	x->p += n;
	return 1;
}

static struct expr *
node(struct parser *x, int op, const char *at)
{
	struct expr *e = arena_alloc(x->a, sizeof *e);

	e->op = op;
	e->pos = (int)(at - x->s);
	e->depth = 1;
	return e;
}

static int
deeper(struct parser *x, const char *at)
{
	return fail(x, at, "the expression is nested more than %d levels "
	    "deep", DEPTH_MAX);
}

/* e's depth from its operands': 0, or -1 past DEPTH_MAX. */
static int
depth(struct parser *x, struct expr *e, const char *at)
{
	size_t i;

	e->depth = 1 + (e->a ? e->a->depth : 0);
	if (e->b && e->b->depth >= e->depth)
		e->depth = e->b->depth + 1;
	for (i = 0; i < e->nlist; i++)
		if (e->list[i]->depth >= e->depth)
			e->depth = e->list[i]->depth + 1;
	return e->depth > DEPTH_MAX ? deeper(x, at) : 0;
}

static struct expr *parse_or(struct parser *x);

static int
column(struct parser *x, const char *name, size_t n)
{
	struct expr_cols *c = x->cols;
	size_t i;

	for (i = 0; i < c->n; i++)
		if (strlen(c->name[i]) == n && memcmp(c->name[i], name, n) == 0)
			return (int)i;
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 16;
		c->name = xrealloc(c->name, c->cap * sizeof *c->name);
	}
	c->name[c->n] = xmalloc(n + 1);
	memcpy(c->name[c->n], name, n);
	c->name[c->n][n] = '\0';
	return (int)c->n++;
}

static struct expr *
atom(struct parser *x)
{
	const char *at;
	struct expr *e;
	char why[DUN_WHY], c[5];

	blanks(x);
	at = x->p;
	if (*x->p == '(') {
		if (++x->nest > DEPTH_MAX) {
			deeper(x, at);
			return NULL;
		}
		x->p++;
		if ((e = parse_or(x)) == NULL)
			return NULL;
		x->nest--;
		blanks(x);
		if (*x->p != ')') {
			fail(x, x->p, "a ) is missing");
			return NULL;
		}
		x->p++;
		return e;
	}
	if (*x->p == '"') {
		const char *q = strchr(x->p + 1, '"');

		if (q == NULL) {
			fail(x, at, "a string is not closed");
			return NULL;
		}
		e = node(x, E_LIT, at);
		e->type = e->lit.type = T_STR;
		e->lit.s = arena_strndup(x->a, x->p + 1, (size_t)(q - x->p - 1));
		x->p = q + 1;
		return e;
	}
	if (*x->p >= '0' && *x->p <= '9') {
		const char *q = x->p;
		size_t n;

		while ((*q >= '0' && *q <= '9') || *q == '.' || *q == '-')
			q++;
		n = (size_t)(q - x->p);
		e = node(x, E_LIT, at);
		if (n == 10 && x->p[4] == '-') {
			if (dun_date_parse(x->p, n, DUN_DATE_ISO, &e->lit.d,
			    why) < 0) {
				fail(x, at, "%s", why);
				return NULL;
			}
			e->type = e->lit.type = T_DATE;
		} else {
			if (memchr(x->p, '-', n) != NULL ||
			    dun_money_parse(x->p, n, &e->lit.m, why) < 0) {
				fail(x, at, "%s is not a number", abbr_q(
				    arena_strndup(x->a, x->p, n)).s);
				return NULL;
			}
			/* A number is money to money, and a count if whole. */
			e->type = e->lit.type = e->lit.m % 100 == 0 ? T_NUMLIT :
			    T_MONEY;
			e->lit.n = e->lit.m / 100;
		}
		x->p = q;
		return e;
	}
	if (word(x, "today")) {
		e = node(x, E_TODAY, at);
		e->type = T_DATE;
		return e;
	}
	if (word(x, "true") || word(x, "false")) {
		e = node(x, E_LIT, at);
		e->type = e->lit.type = T_BOOL;
		e->lit.n = at[0] == 't';
		return e;
	}
	if (word(x, "empty")) {
		e = node(x, E_LIT, at);
		e->type = e->lit.type = T_NULL;
		return e;
	}
	if ((*x->p >= 'a' && *x->p <= 'z') || (*x->p >= 'A' && *x->p <= 'Z') ||
	    *x->p == '_') {
		const char *q = x->p;

		while ((*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z') ||
		    (*q >= '0' && *q <= '9') || *q == '_')
			q++;
		e = node(x, E_COL, at);
		e->col = column(x, x->p, (size_t)(q - x->p));
		e->type = expr_column_type(x->cols->name[e->col]);
		x->p = q;
		return e;
	}
	fail(x, at, *x->p ? "unexpected \"%s\"" : "an expression ends too "
	    "soon%s", one_char(x->p, c));
	return NULL;
}

static struct expr *
parse_sum(struct parser *x)
{
	struct expr *l = atom(x), *r, *e;
	const char *at;
	int op;

	while (l != NULL) {
		blanks(x);
		at = x->p;
		if (*x->p != '+' && *x->p != '-')
			break;
		op = *x->p++ == '+' ? E_ADD : E_SUB;
		if ((r = atom(x)) == NULL)
			return NULL;
		e = node(x, op, at);
		e->a = l;
		e->b = r;
		if (depth(x, e, at) < 0)
			return NULL;
		/* date ± days, date - date, money ± money, number ± number */
		if (l->type == T_DATE && (r->type == T_NUM ||
		    r->type == T_NUMLIT))
			e->type = T_DATE;
		else if (op == E_SUB && l->type == T_DATE && r->type == T_DATE)
			e->type = T_NUM;
		else if ((l->type == T_MONEY || l->type == T_NUMLIT) &&
		    (r->type == T_MONEY || r->type == T_NUMLIT) &&
		    (l->type == T_MONEY || r->type == T_MONEY))
			e->type = T_MONEY;
		else if ((l->type == T_NUM || l->type == T_NUMLIT) &&
		    (r->type == T_NUM || r->type == T_NUMLIT))
			e->type = l->type == T_NUMLIT && r->type == T_NUMLIT ?
			    T_NUMLIT : T_NUM;
		else {
			fail(x, at, "cannot %s %s and %s", op == E_ADD ? "add" :
			    "subtract", type_names[l->type],
			    type_names[r->type]);
			return NULL;
		}
		l = e;
	}
	return l;
}

/* Can a value of type a be compared with one of type b? */
static int
comparable(int a, int b)
{
	if (a == T_NULL || b == T_NULL || a == b)
		return 1;
	if (a == T_NUMLIT)
		return b == T_NUM || b == T_MONEY;
	if (b == T_NUMLIT)
		return a == T_NUM || a == T_MONEY;
	return 0;
}

static struct expr *
parse_cmp(struct parser *x)
{
	static const char *const ops[] = { "==", "!=", "<=", ">=", "<", ">" };
	static const int codes[] = { C_EQ, C_NE, C_LE, C_GE, C_LT, C_GT };
	struct expr *l = parse_sum(x), *r, *e;
	const char *at;
	size_t i;
	int neg = 0;

	if (l == NULL)
		return NULL;
	blanks(x);
	at = x->p;
	if ((neg = word(x, "not")) || word(x, "in")) {
		if (neg && !word(x, "in")) {
			fail(x, x->p, "\"not\" here must be \"not in\"");
			return NULL;
		}
		blanks(x);
		if (*x->p++ != '(') {
			fail(x, x->p - 1, "\"in\" takes a list: in (a, b)");
			return NULL;
		}
		e = node(x, E_IN, at);
		e->neg = neg;
		e->a = l;
		e->type = T_BOOL;
		e->list = arena_alloc(x->a, 64 * sizeof *e->list);
		for (;;) {
			if ((r = parse_sum(x)) == NULL)
				return NULL;
			if (!comparable(l->type, r->type)) {
				fail(x, x->s + r->pos, "cannot compare %s with "
				    "%s", type_names[l->type],
				    type_names[r->type]);
				return NULL;
			}
			if (e->nlist == 64) {
				fail(x, x->p, "a list of more than 64");
				return NULL;
			}
			e->list[e->nlist++] = r;
			blanks(x);
			if (*x->p == ',') {
				x->p++;
				continue;
			}
			if (*x->p++ != ')') {
				fail(x, x->p - 1, "a ) is missing");
				return NULL;
			}
			return depth(x, e, at) < 0 ? NULL : e;
		}
	}
	for (i = 0; i < sizeof ops / sizeof *ops; i++)
		if (strncmp(x->p, ops[i], strlen(ops[i])) == 0)
			break;
	if (i == sizeof ops / sizeof *ops)
		return l;
	x->p += strlen(ops[i]);
	if ((r = parse_sum(x)) == NULL)
		return NULL;
	/* "" stands for empty beside a number, an amount or a date. */
	if (r->op == E_LIT && r->type == T_STR && *r->lit.s == '\0' &&
	    l->type != T_STR)
		r->type = r->lit.type = T_NULL;
	if (l->op == E_LIT && l->type == T_STR && *l->lit.s == '\0' &&
	    r->type != T_STR)
		l->type = l->lit.type = T_NULL;
	if (!comparable(l->type, r->type)) {
		fail(x, at, "cannot compare %s with %s", type_names[l->type],
		    type_names[r->type]);
		return NULL;
	}
	if ((l->type == T_STR || l->type == T_BOOL || l->type == T_NULL ||
	    r->type == T_NULL) && codes[i] != C_EQ && codes[i] != C_NE) {
		fail(x, at, "%s can only be compared with == or !=",
		    l->type == T_STR ? "text" : "this");
		return NULL;
	}
	e = node(x, E_CMP, at);
	e->cmp = codes[i];
	e->a = l;
	e->b = r;
	e->type = T_BOOL;
	return depth(x, e, at) < 0 ? NULL : e;
}

static struct expr *
parse_not(struct parser *x)
{
	const char *at;
	struct expr *e;

	blanks(x);
	at = x->p;
	if (word(x, "not")) {
		if (++x->nest > DEPTH_MAX) {
			deeper(x, at);
			return NULL;
		}
		e = node(x, E_NOT, at);
		if ((e->a = parse_not(x)) == NULL || depth(x, e, at) < 0)
			return NULL;
		x->nest--;
		e->type = T_BOOL;
		if (e->a->type != T_BOOL) {
			fail(x, at, "\"not\" needs true or false");
			return NULL;
		}
		return e;
	}
	return parse_cmp(x);
}

static struct expr *
parse_bin(struct parser *x, const char *w, int op)
{
	struct expr *l = op == E_AND ? parse_not(x) : parse_bin(x, "and",
	    E_AND), *e;
	const char *at;

	while (l != NULL) {
		blanks(x);
		at = x->p;
		if (!word(x, w))
			break;
		e = node(x, op, at);
		e->a = l;
		e->b = op == E_AND ? parse_not(x) : parse_bin(x, "and", E_AND);
		if (e->b == NULL || depth(x, e, at) < 0)
			return NULL;
		if (e->a->type != T_BOOL || e->b->type != T_BOOL) {
			fail(x, at, "\"%s\" joins conditions, true or false",
			    w);
			return NULL;
		}
		e->type = T_BOOL;
		l = e;
	}
	return l;
}

static struct expr *
parse_or(struct parser *x)
{
	return parse_bin(x, "or", E_OR);
}

struct expr *
expr_parse(const char *text, struct arena *a, struct expr_cols *cols,
    char **err, int *errpos)
{
	struct parser x;
	struct expr *e;
	char c[5];

	memset(&x, 0, sizeof x);
	x.s = x.p = text;
	x.a = a;
	x.cols = cols;
	e = parse_or(&x);
	if (e != NULL) {
		blanks(&x);
		if (*x.p != '\0')
			fail(&x, x.p, "unexpected \"%s\"", one_char(x.p, c));
		else if (e->type != T_BOOL)
			fail(&x, x.s, "the rule must be true or false, not "
			    "%s", type_names[e->type]);
	}
	*err = x.err;
	if (x.err != NULL) {
		*errpos = x.errpos;
		return NULL;
	}
	return e;
}

/* ---- evaluation --------------------------------------------------------- */

/* The first sum or difference that went out of range, if any. */
struct run {
	const struct value *cols;
	dun_date today;
	const struct expr *fault;
};

/* The days 0001-01-01 and 9999-12-31. */
#define DATE_MIN (-719162)
#define DATE_MAX 2932896

/* l ± r of e's type into v: 0, or -1 if out of range. */
static int
arith(const struct expr *e, const struct value *l, const struct value *r,
    struct value *v)
{
	int64_t x;

	if (e->type == T_DATE) {
		if ((e->op == E_ADD ? __builtin_add_overflow((int64_t)l->d,
		    r->n, &x) : __builtin_sub_overflow((int64_t)l->d, r->n,
		    &x)) || x < DATE_MIN || x > DATE_MAX)
			return -1;
		v->d = (dun_date)x;
		return 0;
	}
	if (e->type == T_MONEY)
		return (e->op == E_ADD ? __builtin_add_overflow(l->m, r->m,
		    &v->m) : __builtin_sub_overflow(l->m, r->m, &v->m)) ? -1 : 0;
	if (l->type == T_DATE)
		x = (int64_t)l->d - r->d;
	else if (e->op == E_ADD ? __builtin_add_overflow(l->n, r->n, &x) :
	    __builtin_sub_overflow(l->n, r->n, &x))
		return -1;
	if (x > NUM_MAX || x < -NUM_MAX)
		return -1;
	v->n = x;
	v->m = x * 100;
	return 0;
}

static struct value
eval(const struct expr *e, struct run *u)
{
	struct value v, l, r;
	size_t i;

	memset(&v, 0, sizeof v);
	switch (e->op) {
	case E_LIT:
		return e->lit;
	case E_COL:
		return u->cols[e->col];
	case E_TODAY:
		v.type = T_DATE;
		v.d = u->today;
		return v;
	case E_NOT:
		l = eval(e->a, u);
		v.type = T_BOOL;
		v.n = !l.n;
		return v;
	case E_AND:
	case E_OR:
		l = eval(e->a, u);
		v.type = T_BOOL;
		if (e->op == E_AND ? !l.n : l.n) {
			v.n = l.n;
			return v;
		}
		return eval(e->b, u);
	case E_ADD:
	case E_SUB:
		l = eval(e->a, u);
		r = eval(e->b, u);
		v.type = e->type == T_NUMLIT ? T_NUM : e->type;
		if (l.type == T_NULL || r.type == T_NULL) {
			v.type = T_NULL;
			return v;
		}
		if (arith(e, &l, &r, &v) < 0) {
			if (u->fault == NULL)
				u->fault = e;
			memset(&v, 0, sizeof v);
		}
		return v;
	case E_IN:
		l = eval(e->a, u);
		v.type = T_BOOL;
		for (i = 0; i < e->nlist; i++) {
			r = eval(e->list[i], u);
			if (value_cmp(&l, &r) == 0) {
				v.n = !e->neg;
				return v;
			}
		}
		v.n = e->neg;
		return v;
	default: {
		int c;

		l = eval(e->a, u);
		r = eval(e->b, u);
		v.type = T_BOOL;
		c = value_cmp(&l, &r);
		if (c == 2) {		/* one is empty, the other not */
			v.n = e->cmp == C_NE;
			return v;
		}
		switch (e->cmp) {
		case C_EQ: v.n = c == 0; break;
		case C_NE: v.n = c != 0; break;
		case C_LT: v.n = c < 0; break;
		case C_LE: v.n = c <= 0; break;
		case C_GT: v.n = c > 0; break;
		default: v.n = c >= 0; break;
		}
		return v;
	}
	}
}

/* -1, 0, 1; 2 when either is empty (and they differ). */
int
value_cmp(const struct value *a, const struct value *b)
{
	int64_t x, y;
	int ea = a->type == T_NULL || (a->type == T_STR && (a->s == NULL ||
	    *a->s == '\0'));
	int eb = b->type == T_NULL || (b->type == T_STR && (b->s == NULL ||
	    *b->s == '\0'));

	/* Empty is empty, whether a field with nothing or "". */
	if (a->type == T_NULL || b->type == T_NULL)
		return ea && eb ? 0 : 2;
	if (a->type == T_STR || b->type == T_STR)
		return strcmp(a->s ? a->s : "", b->s ? b->s : "");
	if (a->type == T_DATE) {
		x = a->d;
		y = b->d;
	} else if (a->type == T_MONEY || b->type == T_MONEY) {
		x = a->m;
		y = b->m;
	} else {
		x = a->n;
		y = b->n;
	}
	return x < y ? -1 : x > y;
}

int
expr_eval(const struct expr *e, const struct value *cols, dun_date today,
    char *err, size_t errsz)
{
	struct run u = { cols, today, NULL };
	int yes = (int)eval(e, &u).n;
	const struct expr *f = u.fault;

	if (f == NULL)
		return yes;
	if (err != NULL)
		snprintf(err, errsz, "the %s at character %d is out of range",
		    f->type == T_DATE ? "date" : f->op == E_ADD ? "sum" :
		    "difference", f->pos + 1);
	return -1;
}

/* ---- explanation -------------------------------------------------------- */

void
value_put(struct buf *b, const struct value *v)
{
	char d[DUN_DATE_BUFSZ], m[DUN_MONEY_BUFSZ];

	switch (v->type) {
	case T_NULL:
		buf_str(b, "empty");
		break;
	case T_STR:
		buf_fmt(b, "\"%s\"", v->s ? v->s : "");
		break;
	case T_DATE:
		buf_str(b, dun_date_fmt(v->d, d));
		break;
	case T_MONEY:
		buf_str(b, dun_money_fmt(v->m, m));
		break;
	case T_BOOL:
		buf_str(b, v->n ? "true" : "false");
		break;
	default:
		buf_fmt(b, "%lld", (long long)v->n);
		break;
	}
}

/* The expression with each column's value and each comparison's result,
 * appended to b. */
static void
show(const struct expr *e, const struct expr_cols *names,
    const struct value *cols, dun_date today, struct buf *b)
{
	static const char *const ops[] = { "==", "!=", "<", "<=", ">", ">=" };
	char d[DUN_DATE_BUFSZ];
	size_t i;

	switch (e->op) {
	case E_LIT:
		value_put(b, &e->lit);
		return;
	case E_COL:
		buf_fmt(b, "%s=", names->name[e->col]);
		value_put(b, &cols[e->col]);
		return;
	case E_TODAY:
		buf_fmt(b, "today=%s", dun_date_fmt(today, d));
		return;
	case E_NOT:
		buf_str(b, "not (");
		show(e->a, names, cols, today, b);
		buf_str(b, ")");
		return;
	case E_AND:
	case E_OR:
		buf_str(b, "(");
		show(e->a, names, cols, today, b);
		buf_fmt(b, " %s ", e->op == E_AND ? "and" : "or");
		show(e->b, names, cols, today, b);
		buf_str(b, ")");
		return;
	case E_ADD:
	case E_SUB:
		show(e->a, names, cols, today, b);
		buf_fmt(b, " %s ", e->op == E_ADD ? "+" : "-");
		show(e->b, names, cols, today, b);
		return;
	case E_IN:
		show(e->a, names, cols, today, b);
		buf_str(b, e->neg ? " not in (" : " in (");
		for (i = 0; i < e->nlist; i++) {
			if (i)
				buf_str(b, ", ");
			show(e->list[i], names, cols, today, b);
		}
		buf_str(b, ")");
		break;
	default:
		show(e->a, names, cols, today, b);
		buf_fmt(b, " %s ", ops[e->cmp]);
		show(e->b, names, cols, today, b);
		break;
	}
	switch (expr_eval(e, cols, today, NULL, 0)) {
	case 1:
		buf_str(b, " [yes]");
		break;
	case 0:
		buf_str(b, " [no]");
		break;
	default:
		buf_str(b, " [out of range]");
		break;
	}
}

void
expr_explain(const struct expr *e, const struct expr_cols *names,
    const struct value *cols, dun_date today, struct buf *b)
{
	show(e, names, cols, today, b);
}

/* expr.h — the expressions of dun.yaml's class rules (expr.c): the config
 * part's, for confrules.c, which checks the rules as the config loads,
 * and classify.c, which runs them.  Not in config.h: its types (T_MONEY,
 * T_DATE) share their names with the report's table.h. */
#ifndef DUN_EXPR_H
#define DUN_EXPR_H

#include "config.h"

/* Types; T_NUMLIT is a whole number literal, a count or an amount. */
enum { T_NULL, T_NUM, T_MONEY, T_DATE, T_STR, T_BOOL, T_NUMLIT };

struct value {
	int type;
	int64_t n;		/* T_NUM, T_BOOL; T_NUMLIT: the count */
	dun_money m;		/* T_MONEY; T_NUMLIT: as an amount */
	dun_date d;		/* T_DATE */
	const char *s;		/* T_STR */
};

/* The column names expressions use; an index is a column's place here. */
struct expr_cols {
	char **name;
	size_t n, cap;
};

struct expr;

/* The type of a record column by its name (columns.c; a user's own is
 * text). */
int expr_column_type(const char *name);
/* Parse text: NULL on error, with *err saying what is wrong (malloc'd,
 * the caller's to free; NULL when text parses) and *errpos the offset
 * of the error. */
struct expr *expr_parse(const char *text, struct arena *a,
    struct expr_cols *cols, char **err, int *errpos);
/* 1 or 0; cols[i] holds the value of column i.  -1 if a sum or a
 * difference goes out of range (money past ±92233720368547758.07, a
 * number past ±92233720368547758, a date outside years 1-9999), with
 * "the sum at character N is out of range" in err (errsz bytes; err may
 * be NULL). */
int expr_eval(const struct expr *e, const struct value *cols,
    dun_date today, char *err, size_t errsz);
/* The expression with its values and the result of each comparison,
 * whole, appended to b (which the caller owns and frees). */
void expr_explain(const struct expr *e, const struct expr_cols *names,
    const struct value *cols, dun_date today, struct buf *b);
int value_cmp(const struct value *a, const struct value *b);
/* v as an explanation shows it ("text" quoted, empty, a date, an
 * amount, true or false, a count), appended to b. */
void value_put(struct buf *b, const struct value *v);

#endif

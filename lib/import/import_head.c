/*
 * import_head.c — a file's header found (rows of title above it, a
 * second row of names under it) and mapped onto dun's columns, by the
 * config's aliases, and the kind of its rows settled.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "import_int.h"

/* Does a row of the kind read the column (columns.c's in_table)? */
static int
kind_reads(int kind, int col)
{
	return (in_table[col].kinds & IN_KIND(kind)) != 0;
}

/* What each kind must have: every group, one column of each. */
static const long kind_need[DUN_KIND_COUNT][5] = {
	{ BIT(IN_UNIT) | BIT(IN_ROOM) },
	{ BIT(IN_UNIT) | BIT(IN_ROOM), BIT(IN_FEE), BIT(IN_PERIOD) | BIT(IN_START),
	    BIT(IN_AMOUNT) | BIT(IN_OWING) },
	{ BIT(IN_REF), BIT(IN_UNIT) | BIT(IN_ROOM), BIT(IN_DATE), BIT(IN_AMOUNT) },
	{ BIT(IN_REF), BIT(IN_UNIT) | BIT(IN_ROOM), BIT(IN_DATE), BIT(IN_AMOUNT) },
	{ BIT(IN_UNIT) | BIT(IN_ROOM), BIT(IN_DATE), BIT(IN_TYPE) },
	{ BIT(IN_REF), BIT(IN_DATE), BIT(IN_REASON) },
};

/* The column a header names in a file of the kind (kind < 0: of any
 * kind): itself, by the kind's aliases, or by the aliases of all kinds. */
static int
header_column(const struct dun_config *c, const char *h, int kind)
{
	int col, k;
	size_t i;

	if (*h == '\0')
		return -1;
	for (col = 0; col < DUN_NCOLUMNS; col++)
		if (strcasecmp(h, in_table[col].name) == 0)
			return col;
	for (k = kind < 0 ? 0 : kind; k < (kind < 0 ? DUN_KIND_COUNT :
	    kind + 1); k++)
		for (col = 0; col < DUN_NCOLUMNS; col++)
			for (i = 0; i < c->import.kind_aliases[k][col].n; i++)
				if (strcasecmp(h,
				    c->import.kind_aliases[k][col].v[i]) == 0)
					return col;
	for (col = 0; col < DUN_NCOLUMNS; col++)
		for (i = 0; i < c->import.aliases[col].n; i++)
			if (strcasecmp(h, c->import.aliases[col].v[i]) == 0)
				return col;
	return -1;
}

/* " (收费项目, 费用项目)": the first names a column has in a kind of
 * file, as the user's files say it. */
static void
names_of(const struct dun_config *c, int kind, int col, struct buf *b)
{
	const struct dun_strs *v[2];
	size_t i, k, n = 0;

	if (c == NULL)
		return;
	v[0] = &c->import.kind_aliases[kind][col];
	v[1] = &c->import.aliases[col];
	for (k = 0; k < 2; k++)
		for (i = 0; i < v[k]->n && n < 2; i++, n++) {
			buf_str(b, n ? ", " : " (");
			buf_str(b, v[k]->v[i]);
		}
	if (n)
		buf_str(b, ")");
}

/* How many groups of columns a kind needs and have lacks; each said into
 * need, with the names files give it, unless need is NULL. */
static int
lacking(const struct dun_config *c, int kind, long have, struct buf *need)
{
	size_t g;
	int col, k = 0;

	for (g = 0; g < 5 && kind_need[kind][g]; g++) {
		int first = 1;

		if (have & kind_need[kind][g])
			continue;
		k++;
		if (need == NULL)
			continue;
		if (k > 1)
			buf_str(need, "; ");
		for (col = 0; col < DUN_NCOLUMNS; col++)
			if (kind_need[kind][g] & BIT(col)) {
				if (!first)
					buf_str(need, " or ");
				first = 0;
				buf_str(need, in_table[col].name);
				names_of(c, kind, col, need);
			}
	}
	return k;
}

/* Map the header onto the kind's columns: the columns present, or -1
 * with err if two columns stand for one. */
static long
map_header(struct dun_import *im, struct dun_rec *r, int kind,
    struct dun_err *err)
{
	size_t i, ncols = dun_rec_ncols(r);
	int col;
	long have = 0;

	for (col = 0; col < DUN_NCOLUMNS; col++)
		im->map[col] = -1;
	for (i = 0; i < ncols; i++) {
		const char *h = dun_rec_colname(r, i);

		if ((col = header_column(im->c, h, kind)) < 0 ||
		    !kind_reads(kind, col))
			continue;
		if (im->map[col] >= 0) {
			dun_err_set(err, DUN_EXIT_DATA, "%s:%ld: %s: this "
			    "column and %s both stand for %s (rename or delete "
			    "one of them)", dun_rec_name(r), im->header_line,
			    abbr_v(h).s, abbr_q(dun_rec_colname(r,
			    (size_t)im->map[col])).s, in_table[col].name);
			return -1;
		}
		im->map[col] = (int)i;
		have |= BIT(col);
	}
	return have;
}

/* Does a header row name this column (of any kind)? */
static int
names(const struct dun_config *c, struct dun_rec *r, int col)
{
	size_t i;

	for (i = 0; i < dun_rec_ncols(r); i++)
		if (header_column(c, dun_rec_colname(r, i), -1) == col)
			return 1;
	return 0;
}

/* The record's field i, trimmed, as a new string. */
static char *
cell(struct dun_rec *r, size_t i)
{
	const char *s = dun_rec_field(r, i);
	size_t len = dun_rec_len(r, i);
	char *t;

	trim(&s, &len);
	t = xmalloc(len + 1);
	memcpy(t, s, len);
	t[len] = '\0';
	return t;
}

/* Does the record just read name a unit's column (a header row)? */
static int
names_unit(const struct dun_config *c, struct dun_rec *r)
{
	size_t i;
	int col, found = 0;

	for (i = 0; i < dun_rec_nfields(r) && !found; i++) {
		char *t = cell(r, i);

		col = header_column(c, t, -1);
		found = col == IN_UNIT || col == IN_ROOM;
		free(t);
	}
	return found;
}

/* Reversals cancel money, so a header makes them only when it can be
 * nothing else: ref, date and reason, and no other column of dun's but a
 * note (no unit, no amount). */
static int
reversal_header(const struct dun_config *c, struct dun_rec *r)
{
	size_t i;
	long have = 0;
	int col;

	for (i = 0; i < dun_rec_ncols(r); i++)
		if ((col = header_column(c, dun_rec_colname(r, i), -1)) >= 0)
			have |= BIT(col);
	return (have & ~BIT(IN_NOTE)) == (BIT(IN_REF) | BIT(IN_DATE) |
	    BIT(IN_REASON));
}

/* The kind a header's columns fit, tried in this order, or -1 if none
 * does (*dup: the first kind's two columns for one, if that was why). */
static int
guess_kind(struct dun_import *im, struct dun_rec *r, struct dun_err *dup)
{
	static const int order[] = { DUN_KIND_EVENT, DUN_KIND_PAYMENT,
		DUN_KIND_ADJUSTMENT, DUN_KIND_CHARGE, DUN_KIND_UNIT };
	struct dun_err e;
	size_t i;
	long have;

	for (i = 0; i < sizeof order / sizeof order[0]; i++) {
		int k = order[i];

		if ((have = map_header(im, r, k, &e)) < 0) {
			if (dup->code == 0)
				*dup = e;
			continue;
		}
		if (lacking(NULL, k, have, NULL) > 0)
			continue;
		if (k == DUN_KIND_PAYMENT && names(im->c, r, IN_REASON))
			continue;
		if (k == DUN_KIND_ADJUSTMENT && !(have & BIT(IN_REASON)))
			continue;
		/* A household list has no money, dates or references. */
		if (k == DUN_KIND_UNIT && ((map_header(im, r, DUN_KIND_CHARGE,
		    &e) & (BIT(IN_FEE) | BIT(IN_PERIOD) | BIT(IN_DUE) |
		    BIT(IN_AMOUNT) | BIT(IN_OWING) | BIT(IN_START))) ||
		    names(im->c, r, IN_DATE) || names(im->c, r, IN_REF) ||
		    names(im->c, r, IN_REASON)))
			continue;
		return k;
	}
	if (reversal_header(im->c, r))
		return DUN_KIND_REVERSAL;
	return -1;
}

/* How many of the header's names are columns. */
static int
mapped(const struct dun_config *c, struct dun_rec *r)
{
	size_t i;
	int n = 0;

	for (i = 0; i < dun_rec_ncols(r); i++)
		n += header_column(c, dun_rec_colname(r, i), -1) >= 0;
	return n;
}

/* Is the record just read a second header row: names only, each a
 * column's (开始 and 结束 under 计费起止日期, 应收 and 实收 under 金额)? */
static int
subheader(const struct dun_config *c, struct dun_rec *r)
{
	size_t i, named = 0;

	for (i = 0; i < dun_rec_nfields(r); i++) {
		char *t = cell(r, i);
		dun_money m;
		int k = *t == '\0' ? -2 : header_column(c, t, -1);

		if (k == -1 || (*t && dun_money_parse(t, strlen(t), &m,
		    NULL) == 0)) {
			free(t);
			return 0;
		}
		named += k >= 0;
		free(t);
	}
	return named > 0;
}

/* How many rows to look through for the header. */
#define HEADER_SEARCH 30

int
dun_import_find_header(struct dun_import *im, struct dun_rec *r,
    long *above, long *line, struct dun_err *err)
{
	size_t i;
	long n;
	int k;

	*above = 0;
	*line = 1;
	im->header_line = 1;
	if (names(im->c, r, IN_UNIT) || names(im->c, r, IN_ROOM) ||
	    mapped(im->c, r) >= 2)
		goto sub;
	for (n = 1; n <= HEADER_SEARCH; n++) {
		if ((k = dun_rec_next_raw(r, err)) < 0)
			return -1;
		if (k == 0)
			break;
		if (!names_unit(im->c, r))
			continue;
		*above = n;
		*line = im->header_line = dun_rec_line(r);
		dun_rec_use_header(r);
		goto sub;
	}
	dun_err_set(err, DUN_EXIT_DATA, "%s: none of its first %d rows names "
	    "a unit's column (unit, or an alias such as 房号 or 房屋编号); "
	    "add that column, or name it in import.aliases in dun.yaml",
	    dun_rec_name(r), HEADER_SEARCH);
	return -1;
sub:
	if ((k = dun_rec_next_raw(r, err)) < 0)
		return -1;
	if (k == 0)
		return 0;
	if (!subheader(im->c, r)) {
		dun_rec_unread(r);
		return 0;
	}
	for (i = 0; i < dun_rec_nfields(r); i++) {
		char *t = cell(r, i);

		if (*t)
			dun_rec_set_colname(r, i, t);
		free(t);
	}
	return 0;
}

int
dun_import_header(struct dun_import *im, struct dun_rec *r, int kind,
    char **ignored, size_t *nignored, struct dun_err *err)
{
	size_t i, nskip = 0, ncols = dun_rec_ncols(r);
	struct buf need = { NULL, 0, 0 }, skip = { NULL, 0, 0 };
	struct dun_err dup;
	int col, k;

	dup.code = 0;
	if (kind < 0 && (kind = guess_kind(im, r, &dup)) < 0) {
		if (dup.code != 0) {
			*err = dup;
			return -1;
		}
		dun_err_set(err, DUN_EXIT_DATA, "%s:%ld: cannot tell what its "
		    "rows are from the header; say -k unit, charge, payment, "
		    "adjustment, event or reversal", dun_rec_name(r),
		    im->header_line);
		return -1;
	}
	if ((im->have = map_header(im, r, kind, err)) < 0)
		return -1;
	if ((k = lacking(im->c, kind, im->have, &need)) > 0) {
		dun_err_set(err, DUN_EXIT_DATA, "%s:%ld: a %s needs %s, which "
		    "the header lacks: %s (if the file names %s otherwise, "
		    "add that name to import.aliases in dun.yaml)",
		    dun_rec_name(r), im->header_line, import_kind_names[kind],
		    k == 1 ? "a column" : "these columns", need.s, k == 1 ?
		    "it" : "one");
		buf_free(&need);
		return -1;
	}
	for (i = 0; i < ncols; i++) {
		const char *h = dun_rec_colname(r, i);

		col = header_column(im->c, h, kind);
		if (col >= 0 && im->map[col] == (int)i)
			continue;
		buf_fmt(&skip, "%s%s", skip.len ? ", " : "", *h ? h :
		    "(no name)");
		nskip++;
	}
	if (nignored != NULL)
		*nignored = nskip;
	if (ignored != NULL)
		*ignored = skip.s;
	else
		buf_free(&skip);
	im->kind = kind;
	return kind;
}

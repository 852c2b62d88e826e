/*
 * import.c — a file's header mapped onto dun's columns, its kind settled,
 * and each row checked, typed and put into the ledger.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ledger.h"

static const char *const kind_names[DUN_KIND_COUNT] = { "unit", "charge",
	"payment", "adjustment", "event", "reversal" };

enum { C_UNIT, C_ESTATE, C_BUILDING, C_OWNER, C_PHONE, C_EMAIL, C_ADDRESS,
	C_AREA, C_OCCUPANCY, C_COLLECTOR, C_DNC, C_FEE, C_PERIOD, C_DUE,
	C_AMOUNT, C_REF, C_DATE, C_METHOD, C_REASON, C_TYPE, C_NOTE,
	C_ENTRANCE, C_ROOM, C_START, C_END, C_PAID, C_OWING, C_WAIVER, C_LATE,
	C_BILL };

#define BIT(c) (1L << (c))
/* The columns a unit's id may be made of. */
#define UNIT_PARTS (BIT(C_UNIT) | BIT(C_ESTATE) | BIT(C_BUILDING) | \
	BIT(C_ENTRANCE) | BIT(C_ROOM))

/* The columns each kind uses. */
static const long kind_cols[DUN_KIND_COUNT] = {
	UNIT_PARTS | BIT(C_OWNER) | BIT(C_PHONE) | BIT(C_EMAIL) |
	    BIT(C_ADDRESS) | BIT(C_AREA) | BIT(C_OCCUPANCY) |
	    BIT(C_COLLECTOR) | BIT(C_DNC),
	UNIT_PARTS | BIT(C_FEE) | BIT(C_PERIOD) | BIT(C_DUE) |
	    BIT(C_AMOUNT) | BIT(C_START) | BIT(C_END) | BIT(C_PAID) |
	    BIT(C_OWING) | BIT(C_WAIVER) | BIT(C_LATE) | BIT(C_BILL) |
	    BIT(C_OWNER) | BIT(C_PHONE),
	UNIT_PARTS | BIT(C_REF) | BIT(C_DATE) | BIT(C_AMOUNT) | BIT(C_FEE) |
	    BIT(C_PERIOD) | BIT(C_METHOD) | BIT(C_OWNER) | BIT(C_PHONE),
	UNIT_PARTS | BIT(C_REF) | BIT(C_DATE) | BIT(C_AMOUNT) | BIT(C_FEE) |
	    BIT(C_PERIOD) | BIT(C_REASON),
	UNIT_PARTS | BIT(C_DATE) | BIT(C_TYPE) | BIT(C_DUE) | BIT(C_AMOUNT) |
	    BIT(C_REF) | BIT(C_NOTE),
	BIT(C_REF) | BIT(C_DATE) | BIT(C_REASON) | BIT(C_UNIT),
};

/* What each kind must have: every group, one column of each. */
static const long kind_need[DUN_KIND_COUNT][5] = {
	{ BIT(C_UNIT) | BIT(C_ROOM) },
	{ BIT(C_UNIT) | BIT(C_ROOM), BIT(C_FEE), BIT(C_PERIOD) | BIT(C_START),
	    BIT(C_AMOUNT) | BIT(C_OWING) },
	{ BIT(C_REF), BIT(C_UNIT) | BIT(C_ROOM), BIT(C_DATE), BIT(C_AMOUNT) },
	{ BIT(C_REF), BIT(C_UNIT) | BIT(C_ROOM), BIT(C_DATE), BIT(C_AMOUNT) },
	{ BIT(C_UNIT) | BIT(C_ROOM), BIT(C_DATE), BIT(C_TYPE) },
	{ BIT(C_REF), BIT(C_DATE), BIT(C_REASON) },
};

static const char *const event_types[] = { "promise", "dispute",
	"resolved", "hardship", "plan", "contact", "served", "ack", "dnc",
	"contact-ok", NULL };

/* A unit's household as one run has given it, to find rows that give
 * it two owners. */
struct seen {
	char *unit, *owner, *phone, *area, *file;
	long line;
	struct seen *next;
};

/* Rows that are not data: 合计, 小计, signatures; counted by word. */
struct skipped {
	long *n;
	long blank;
	int ascii;		/* a word begins or ends in ASCII */
};

struct dun_import {
	struct dun_ledger *l;
	const struct dun_config *c;
	struct dun_import_opts o;
	int kind;
	int map[DUN_NCOLUMNS];		/* column -> field index, or -1 */
	long have;			/* columns present: bits */
	int64_t import_id;
	struct dun_import_counts n;
	long created;			/* units created bare */
	struct dun_rec *r;		/* the record being put */
	struct buf unit;		/* the unit's id, made of its parts */
	struct buf unit2;		/* a payment's line */
	struct buf phone;		/* the row's phone, in one form */
	long phones;			/* rows that gave several */
	struct skipped skip;		/* this file's rows that are not data */
	struct seen **seen;		/* the run's households, hashed */
	size_t nseen, seencap;
	long header_line;		/* the header's line in the file */
	struct { char *name; long rows; } *others;	/* fees not listed */
	size_t nothers;
	dun_money late_total;		/* a 滞纳金 column's sum, not loaded */
	long late_rows;
	long differ;			/* rows whose owner or phone differ */
	char *differ_at;		/* from the ledger's: the first */
	long arrears;			/* charges read from an arrears list */
};

const char *
dun_kind_name(enum dun_kind k)
{
	return k < DUN_KIND_COUNT ? kind_names[k] : "?";
}

int
dun_kind_parse(const char *s)
{
	int k;

	for (k = 0; k < DUN_KIND_COUNT; k++)
		if (strcmp(s, kind_names[k]) == 0 || (strncmp(s,
		    kind_names[k], strlen(kind_names[k])) == 0 &&
		    strcmp(s + strlen(kind_names[k]), "s") == 0))
			return k;
	return -1;
}

struct dun_import *
dun_import_new(struct dun_ledger *l, const struct dun_config *c,
    const struct dun_import_opts *o)
{
	struct dun_import *im = xmalloc(sizeof *im);
	size_t i;

	memset(im, 0, sizeof *im);
	im->l = l;
	im->c = c;
	if (o)
		im->o = *o;
	im->skip.n = xmalloc((c->import.skip_rows.n + 1) * sizeof *im->skip.n);
	for (i = 0; i < c->import.skip_rows.n; i++) {
		const char *w = c->import.skip_rows.v[i];
		size_t k = strlen(w);

		if (k == 0 || (unsigned char)w[0] < 0x80 ||
		    (unsigned char)w[k - 1] < 0x80)
			im->skip.ascii = 1;
	}
	return im;
}

void
dun_import_free(struct dun_import *im)
{
	size_t i;
	struct seen *e, *next;

	if (im == NULL)
		return;
	for (i = 0; i < im->seencap; i++)
		for (e = im->seen[i]; e; e = next) {
			next = e->next;
			free(e->unit);
			free(e->owner);
			free(e->phone);
			free(e->area);
			free(e->file);
			free(e);
		}
	free(im->seen);
	free(im->skip.n);
	for (i = 0; i < im->nothers; i++)
		free(im->others[i].name);
	free(im->others);
	free(im->differ_at);
	buf_free(&im->unit);
	buf_free(&im->unit2);
	buf_free(&im->phone);
	free(im);
}

long
dun_import_created(const struct dun_import *im)
{
	return im->created;
}

long
dun_import_arrears(const struct dun_import *im)
{
	return im->arrears;
}

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
		if (strcasecmp(h, dun_columns[col]) == 0)
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

static void
append(char *buf, size_t sz, const char *s)
{
	size_t n = strlen(buf);

	snprintf(buf + n, sz - n, "%s%s", n ? ", " : "", s);
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
				buf_str(need, dun_columns[col]);
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
		    !(kind_cols[kind] & BIT(col)))
			continue;
		if (im->map[col] >= 0) {
			dun_err_set(err, DUN_EXIT_DATA, "%s:%ld: %s: this "
			    "column and \"%s\" both stand for %s (rename or "
			    "delete one of them)", dun_rec_name(r),
			    im->header_line, h, dun_rec_colname(r,
			    (size_t)im->map[col]), dun_columns[col]);
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
		found = col == C_UNIT || col == C_ROOM;
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
	return (have & ~BIT(C_NOTE)) == (BIT(C_REF) | BIT(C_DATE) |
	    BIT(C_REASON));
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
		if (k == DUN_KIND_PAYMENT && names(im->c, r, C_REASON))
			continue;
		if (k == DUN_KIND_ADJUSTMENT && !(have & BIT(C_REASON)))
			continue;
		/* A household list has no money, dates or references. */
		if (k == DUN_KIND_UNIT && ((map_header(im, r, DUN_KIND_CHARGE,
		    &e) & (BIT(C_FEE) | BIT(C_PERIOD) | BIT(C_DUE) |
		    BIT(C_AMOUNT) | BIT(C_OWING) | BIT(C_START))) ||
		    names(im->c, r, C_DATE) || names(im->c, r, C_REF) ||
		    names(im->c, r, C_REASON)))
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
	if (names(im->c, r, C_UNIT) || names(im->c, r, C_ROOM) ||
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
    char *ignored, size_t ignoredsz, struct dun_err *err)
{
	size_t i, ncols = dun_rec_ncols(r);
	struct buf need = { NULL, 0, 0 };
	struct dun_err dup;
	int col, k;

	ignored[0] = '\0';
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
		    dun_rec_name(r), im->header_line, kind_names[kind],
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
		append(ignored, ignoredsz, *h ? h : "(no name)");
	}
	im->kind = kind;
	return kind;
}

/* Does s, blanks (and U+3000) left out, begin with word? */
static int
begins(const char *s, const char *word)
{
	while (*s && *word) {
		if (*s == ' ' || *s == '\t')
			s++;
		else if (strncmp(s, "\xe3\x80\x80", 3) == 0)
			s += 3;
		else if (*s++ != *word++)
			return 0;
	}
	return *word == '\0';
}

/* Does s end with word, but for a colon (1栋小计, 本页合计：)? */
static int
ends(const char *s, size_t n, const char *word)
{
	size_t k = strlen(word);

	if (n >= 1 && s[n - 1] == ':')
		n--;
	else if (n >= 3 && strncmp(s + n - 3, "\xef\xbc\x9a", 3) == 0)
		n -= 3;			/* ： */
	return n >= k && memcmp(s + n - k, word, k) == 0;
}

int
dun_import_skip(struct dun_import *im, struct dun_rec *r)
{
	const struct dun_strs *w = &im->c->import.skip_rows;
	char *const *f;
	const size_t *flen;
	size_t i, j, n = dun_rec_fieldv(r, &f, &flen);
	int blank = 1;

	for (i = 0; i < n; i++) {
		const char *s = f[i];
		size_t len = flen[i];

		/* Most fields are codes, dates and amounts: a field that
		 * begins and ends in ASCII, not blank, holds no word that
		 * does not. */
		if (!im->skip.ascii && len > 0 && (unsigned char)s[0] < 0x80 &&
		    (unsigned char)s[len - 1] < 0x80 && s[0] > ' ' &&
		    s[len - 1] > ' ' && s[len - 1] != ':') {
			blank = 0;
			continue;
		}
		trim(&s, &len);
		if (len == 0)
			continue;
		blank = 0;
		for (j = 0; j < w->n; j++)
			if (begins(s, w->v[j]) || ends(s, len, w->v[j])) {
				im->skip.n[j]++;
				return 1;
			}
	}
	if (blank)
		im->skip.blank++;
	return blank;
}

char *
dun_import_skipped(const struct dun_import *im)
{
	const struct dun_strs *w = &im->c->import.skip_rows;
	struct buf b = { NULL, 0, 0 };
	char num[64];
	size_t j;

	for (j = 0; j < w->n; j++) {
		if (im->skip.n[j] == 0)
			continue;
		snprintf(num, sizeof num, "%s%ld ", b.len ? ", " : "",
		    im->skip.n[j]);
		buf_str(&b, num);
		buf_str(&b, w->v[j]);
		buf_str(&b, im->skip.n[j] == 1 ? " row" : " rows");
	}
	if (im->skip.blank > 0) {
		snprintf(num, sizeof num, "%s%ld blank row%s", b.len ? ", " :
		    "", im->skip.blank, im->skip.blank == 1 ? "" : "s");
		buf_str(&b, num);
	}
	return b.s;
}

int
dun_import_file_begin(struct dun_import *im, const char *name,
    struct dun_err *err)
{
	memset(&im->n, 0, sizeof im->n);
	memset(im->skip.n, 0, (im->c->import.skip_rows.n + 1) *
	    sizeof *im->skip.n);
	im->skip.blank = 0;
	return ledger_import_begin(im->l, name, kind_names[im->kind],
	    &im->import_id, err);
}

int
dun_import_file_end(struct dun_import *im, const char *sha256,
    struct dun_import_counts *counts, struct dun_err *err)
{
	*counts = im->n;
	return ledger_import_end(im->l, im->import_id, sha256, &im->n, err);
}

/* ---- one row -------------------------------------------------------- */

/* A field of the row, trimmed; NULL if the file lacks the column or the
 * field is empty. */
static const char *
field(struct dun_import *im, int col, size_t *n)
{
	const char *s;
	size_t len;

	if (im->map[col] < 0)
		return NULL;
	s = dun_rec_field(im->r, (size_t)im->map[col]);
	len = dun_rec_len(im->r, (size_t)im->map[col]);
	trim(&s, &len);
	if (len == 0)
		return NULL;
	/* Trimmed in place: fields are the reader's to reuse. */
	((char *)s)[len] = '\0';
	if (n)
		*n = len;
	return s;
}

/* "FILE:LINE: HEADER: reason". */
static int
rowerr(struct dun_import *im, struct dun_err *err, int col, const char *fmt,
    ...) __attribute__((format(printf, 4, 5)));

static int
rowerr(struct dun_import *im, struct dun_err *err, int col, const char *fmt,
    ...)
{
	char msg[700];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (col == C_UNIT && im->map[C_UNIT] < 0 && im->map[C_ROOM] >= 0)
		col = C_ROOM;	/* the unit, made of its parts */
	dun_err_set(err, DUN_EXIT_DATA, "%s:%ld: %s: %s", dun_rec_name(im->r),
	    dun_rec_line(im->r), im->map[col] >= 0 ?
	    dun_rec_colname(im->r, (size_t)im->map[col]) : dun_columns[col],
	    msg);
	return -1;
}

/* A part of a unit's id without its suffix: 1栋 1, 2单元 2, 1001室 1001. */
static void
part(struct dun_import *im, const char *s, struct buf *b)
{
	const struct dun_strs *x = &im->c->import.unit_suffixes;
	size_t i, n = strlen(s), k;

	for (i = 0; i < x->n; i++) {
		k = strlen(x->v[i]);
		if (k > 0 && n > k && strcmp(s + n - k, x->v[i]) == 0) {
			n -= k;
			break;
		}
	}
	buf_add(b, s, n);
}

/* The unit a row names: its unit column, or its id made of its parts
 * by import.unit_template.  A part the file lacks or leaves empty goes,
 * with the text between it and the part before.  A room that already
 * begins with the parts before it (房号 1-0101 under 楼栋 1) is taken
 * whole.  NULL if the row names none. */
static const char *
unit_of(struct dun_import *im)
{
	static const char *const parts[] = { "estate", "building", "entrance",
		"room" };
	static const int pcol[] = { C_ESTATE, C_BUILDING, C_ENTRANCE, C_ROOM };
	const char *t = im->c->import.unit_template, *u, *open, *close, *v;
	size_t i, lit = 0, mark;
	int any = 0;

	if ((u = field(im, C_UNIT, NULL)) != NULL || im->map[C_ROOM] < 0)
		return u;
	if (field(im, C_ROOM, NULL) == NULL)
		return NULL;
	im->unit.len = 0;
	buf_add(&im->unit, "", 0);
	if (t == NULL)
		t = "{building}-{entrance}-{room}";
	while (*t) {
		if ((open = strchr(t, '{')) == NULL ||
		    (close = strchr(open, '}')) == NULL) {
			buf_str(&im->unit, t);
			break;
		}
		mark = im->unit.len;
		if (any)
			buf_add(&im->unit, t, (size_t)(open - t));
		lit = im->unit.len - mark;
		for (i = 0; i < 4; i++)
			if (strncmp(open + 1, parts[i], strlen(parts[i])) ==
			    0 && open + 1 + strlen(parts[i]) == close)
				break;
		v = i < 4 ? field(im, pcol[i], NULL) : NULL;
		if (v == NULL) {
			im->unit.len = mark;	/* the part and its lead */
			im->unit.s[mark] = '\0';
		} else if (pcol[i] == C_ROOM && any &&
		    strncmp(v, im->unit.s, mark + lit) == 0) {
			im->unit.len = 0;
			buf_str(&im->unit, v);
		} else {
			part(im, v, &im->unit);
			any = 1;
		}
		t = close + 1;
	}
	return im->unit.s;
}

static int
need_unit(struct dun_import *im, const char **unit, struct dun_err *err)
{
	if ((*unit = unit_of(im)) == NULL)
		return rowerr(im, err, im->map[C_UNIT] >= 0 ? C_UNIT : C_ROOM,
		    "is empty");
	return 0;
}

static int
need(struct dun_import *im, int col, const char **s, size_t *n,
    struct dun_err *err)
{
	if ((*s = field(im, col, n)) == NULL)
		return rowerr(im, err, col, "is empty");
	return 0;
}

static int
get_money(struct dun_import *im, int col, int required, dun_money *v,
    int *has, struct dun_err *err)
{
	char why[DUN_WHY];
	const char *s;
	size_t n;

	*has = 0;
	if ((s = field(im, col, &n)) == NULL)
		return required ? rowerr(im, err, col, "is empty") : 0;
	if (dun_money_parse(s, n, v, why) < 0)
		return rowerr(im, err, col, "%s", why);
	*has = 1;
	return 0;
}

static int
get_date(struct dun_import *im, int col, int required, dun_date *v,
    int *has, struct dun_err *err)
{
	char why[DUN_WHY];
	const char *s;
	size_t n;

	*has = 0;
	if ((s = field(im, col, &n)) == NULL)
		return required ? rowerr(im, err, col, "is empty") : 0;
	if (dun_date_parse(s, n, im->c->import.dates, v, why) < 0)
		return rowerr(im, err, col, "%s", why);
	*has = 1;
	return 0;
}

/* A period: 2026-11, 202611, 2026年11月, or a date within it. */
static int
get_period(struct dun_import *im, int required, dun_period *v, int *has,
    struct dun_err *err)
{
	char why[DUN_WHY], why2[DUN_WHY];
	const char *s;
	size_t n;
	dun_date d;

	*has = 0;
	if ((s = field(im, C_PERIOD, &n)) == NULL)
		return required ? rowerr(im, err, C_PERIOD, "is empty") : 0;
	if (dun_period_parse(s, n, v, why) < 0) {
		if (n < 8 || dun_date_parse(s, n, im->c->import.dates &
		    ~DUN_DATE_EXCEL, &d, why2) < 0)
			return rowerr(im, err, C_PERIOD, "%s", why);
		*v = dun_period_of(d);
	}
	*has = 1;
	return 0;
}

/* A fee name the config lacks: counted, to be told once. */
static void
other_fee(struct dun_import *im, const char *name)
{
	size_t i;

	for (i = 0; i < im->nothers; i++)
		if (strcmp(im->others[i].name, name) == 0) {
			im->others[i].rows++;
			return;
		}
	if (im->nothers % 16 == 0)
		im->others = xrealloc(im->others, (im->nothers + 16) *
		    sizeof *im->others);
	im->others[im->nothers].name = xstrdup(name);
	im->others[im->nothers].rows = 1;
	im->nothers++;
}

char *
dun_import_notes(const struct dun_import *im)
{
	struct buf b = { NULL, 0, 0 };
	char num[32], m[DUN_MONEY_BUFSZ];
	size_t i;

	if (im->late_rows > 0) {
		snprintf(num, sizeof num, "%ld", im->late_rows);
		buf_str(&b, "a late-fee column (滞纳金) gives ");
		buf_str(&b, dun_money_fmt(im->late_total, m));
		buf_str(&b, " on ");
		buf_str(&b, num);
		buf_str(&b, im->late_rows == 1 ? " line" : " lines");
		buf_str(&b, ", not loaded: dun figures late fees itself, by "
		    "each fee's late_fee in dun.yaml (dun-age -a shows them)"
		    "\n");
	}
	if (im->phones > 0) {
		snprintf(num, sizeof num, "%ld", im->phones);
		buf_str(&b, num);
		buf_str(&b, im->phones == 1 ? " row gives" : " rows give");
		buf_str(&b, " more than one phone number: the first is kept, "
		    "for SMS and calls\n");
	}
	if (im->differ > 0) {
		snprintf(num, sizeof num, "%ld", im->differ);
		buf_str(&b, num);
		buf_str(&b, im->differ == 1 ? " row gives" : " rows give");
		buf_str(&b, " a unit another owner or phone than the ledger "
		    "holds (the first at ");
		buf_str(&b, im->differ_at);
		buf_str(&b, "), not applied: load the household list with "
		    "--replace to change them\n");
	}
	for (i = 0; i < im->nothers; i++) {
		const char *n = im->others[i].name;

		snprintf(num, sizeof num, "%ld", im->others[i].rows);
		buf_str(&b, "\"");
		buf_str(&b, n);
		if (fee_is_deposit(im->c, n)) {
			buf_str(&b, "\" is a deposit (allocation.deposits): "
			    "kept in the ledger, never owed (");
			buf_str(&b, num);
			buf_str(&b, im->others[i].rows == 1 ? " row)\n" :
			    " rows)\n");
			continue;
		}
		buf_str(&b, "\" is not a fee of the config: loaded as a fee "
		    "of its own, with no late fee, allocated after the "
		    "config's (");
		buf_str(&b, num);
		buf_str(&b, im->others[i].rows == 1 ? " row). " : " rows). ");
		buf_str(&b, "To give it a label and a late fee, add to "
		    "dun.yaml:\n  fees:\n    ");
		buf_str(&b, n);
		buf_str(&b, ":\n      label: ");
		buf_str(&b, n);
		buf_str(&b, "\n      late_fee: {method: daily, rate: 0.03%, "
		    "grace_days: 30}\n");
	}
	return b.s;
}

static int
get_fee(struct dun_import *im, int required, int late_ok, const char **key,
    struct dun_err *err)
{
	const struct dun_fee *f;
	const char *s;

	*key = NULL;
	if ((s = field(im, C_FEE, NULL)) == NULL)
		return required ? rowerr(im, err, C_FEE, "is empty") : 0;
	if (late_ok && (strcmp(s, "late") == 0 || strcmp(s, "违约金") == 0 ||
	    strcmp(s, "滞纳金") == 0)) {
		*key = "late";
		return 0;
	}
	if ((f = dun_config_fee(im->c, s)) == NULL) {
		/* Told of for bills; a payment naming a fee with no bill
		 * (预存款, money on account) is applied as any other. */
		if (im->kind == DUN_KIND_CHARGE)
			other_fee(im, s);
		*key = s;
		return 0;
	}
	*key = f->key;
	return 0;
}

/* The unit a row names: 0 found, -1 error. */
static int
unit_id(struct dun_import *im, const char *unit, int64_t *id,
    struct dun_err *err)
{
	int k = ledger_unit_id(im->l, unit, im->o.create_units ?
	    im->import_id : 0, id, err);

	if (k < 0)
		return -1;
	if (k == 0)
		return rowerr(im, err, im->map[C_UNIT] >= 0 ? C_UNIT : C_ROOM,
		    "no unit \"%s\" in the ledger "
		    "(import the household list first, or use "
		    "--create-units)", unit);
	if (k == 2)
		im->created++;
	return 0;
}

static int
differ(const char *a, const char *b)
{
	return a != NULL && b != NULL && strcmp(a, b) != 0;
}

static char *
dupnull(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

/* The household a row gives its unit, against what the run's rows above
 * gave it: two owners, phones or areas for one unit are an error naming
 * both lines. */
static int
same_household(struct dun_import *im, const char *unit, const char *owner,
    const char *phone, const char *area, struct dun_err *err)
{
	struct seen *e;
	size_t i, h;
	int col = -1;
	const char *was = NULL, *now = NULL;

	if (owner == NULL && phone == NULL && area == NULL)
		return 0;
	if (im->nseen * 2 >= im->seencap) {
		size_t cap = im->seencap ? im->seencap * 2 : 1024;
		struct seen **t = xmalloc(cap * sizeof *t), *next;

		memset(t, 0, cap * sizeof *t);
		for (i = 0; i < im->seencap; i++)
			for (e = im->seen[i]; e; e = next) {
				next = e->next;
				h = str_hash(e->unit) & (cap - 1);
				e->next = t[h];
				t[h] = e;
			}
		free(im->seen);
		im->seen = t;
		im->seencap = cap;
	}
	h = str_hash(unit) & (im->seencap - 1);
	for (e = im->seen[h]; e; e = e->next)
		if (strcmp(e->unit, unit) == 0)
			break;
	if (e == NULL) {
		e = xmalloc(sizeof *e);
		e->unit = xstrdup(unit);
		e->owner = dupnull(owner);
		e->phone = dupnull(phone);
		e->area = dupnull(area);
		e->file = xstrdup(dun_rec_name(im->r));
		e->line = dun_rec_line(im->r);
		e->next = im->seen[h];
		im->seen[h] = e;
		im->nseen++;
		return 0;
	}
	if (differ(e->owner, owner))
		col = C_OWNER, was = e->owner, now = owner;
	else if (differ(e->phone, phone))
		col = C_PHONE, was = e->phone, now = phone;
	else if (differ(e->area, area))
		col = C_AREA, was = e->area, now = area;
	if (col >= 0)
		return rowerr(im, err, col, "unit %s is \"%s\" on %s:%ld and "
		    "\"%s\" here: two households of one unit id (are its "
		    "building and entrance columns there?), or one of the "
		    "rows is wrong", unit, was, e->file, e->line, now);
	if (e->owner == NULL && owner)
		e->owner = xstrdup(owner);
	if (e->phone == NULL && phone)
		e->phone = xstrdup(phone);
	if (e->area == NULL && area)
		e->area = xstrdup(area);
	return 0;
}

/* The owner and phone a bill or receipt carries: checked against the
 * run's rows, and given to the unit where the ledger has none; where the
 * ledger has another, counted and told, never applied. */
/* s as a message may show it: control characters as \n, \r, \t or
 * \xNN, so that a value cannot break a message's line.  malloc'd. */
static char *
shown(const char *s)
{
	struct buf b = { NULL, 0, 0 };
	char e[8];

	buf_add(&b, "", 0);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c >= 0x20 && c != 0x7f) {
			buf_add(&b, s, 1);
			continue;
		}
		snprintf(e, sizeof e, c == '\n' ? "\\n" : c == '\r' ? "\\r" :
		    c == '\t' ? "\\t" : "\\x%02x", c);
		buf_str(&b, e);
	}
	return b.s;
}

/* A row error about a value: "\"VALUE\" why", the value shown. */
static int
valerr(struct dun_import *im, struct dun_err *err, int col, const char *v,
    const char *why)
{
	char *t = shown(v);
	int k = rowerr(im, err, col, "\"%s\" %s", t, why);

	free(t);
	return k;
}

/* The row's phone, in one form: a mobile's eleven digits, a landline
 * as 0755-12345678.  A field of several numbers (13800001234/0755-...)
 * gives its first, and is counted to be told.  0, or -1 and err. */
static int
get_phone(struct dun_import *im, const char **phone, struct dun_err *err)
{
	static const char *const seps[] = { "/", "\xe3\x80\x81", ";",
		"\xef\xbc\x9b", ",", "\xef\xbc\x8c", "\xe6\x88\x96", NULL };
	const char *s = field(im, C_PHONE, NULL);
	char out[32], why[DUN_WHY];
	size_t n, i, cut;

	*phone = NULL;
	if (s == NULL)
		return 0;
	n = strlen(s);
	cut = n;
	for (i = 0; seps[i]; i++) {
		const char *p = strstr(s, seps[i]);

		if (p != NULL && (size_t)(p - s) < cut)
			cut = (size_t)(p - s);
	}
	while (cut > 0 && s[cut - 1] == ' ')
		cut--;
	if (phone_parse(s, cut, out, sizeof out, why) < 0)
		return valerr(im, err, C_PHONE, s, why);
	if (cut < n)
		im->phones++;
	im->phone.len = 0;
	buf_str(&im->phone, out);
	*phone = im->phone.s;
	return 0;
}

static int
household(struct dun_import *im, int64_t unit_id, const char *unit,
    struct dun_err *err)
{
	const char *owner = field(im, C_OWNER, NULL);
	const char *phone = NULL;
	int k;

	if (get_phone(im, &phone, err) < 0)
		return -1;
	if (owner == NULL && phone == NULL)
		return 0;
	if (same_household(im, unit, owner, phone, NULL, err) < 0)
		return -1;
	k = ledger_unit_fill(im->l, unit_id, owner, phone, err);
	if (k < 0)
		return -1;
	if (k > 0 && im->differ++ == 0) {
		free(im->differ_at);
		im->differ_at = xmalloc(strlen(dun_rec_name(im->r)) + 32);
		sprintf(im->differ_at, "%s:%ld", dun_rec_name(im->r),
		    dun_rec_line(im->r));
	}
	return 0;
}

static int
put_unit(struct dun_import *im, struct dun_err *err)
{
	static const int textcols[UNIT_NTEXT] = { C_ESTATE, C_BUILDING,
		C_OWNER, C_PHONE, C_EMAIL, C_ADDRESS, C_OCCUPANCY,
		C_COLLECTOR };
	static const char *const occ[] = { "owner", "tenant", "vacant" };
	struct unit_row u;
	const char *s;
	char *what = NULL, why[DUN_WHY];
	size_t n;
	int i, rc;
	dun_money area;

	memset(&u, 0, sizeof u);
	if (need_unit(im, &u.unit, err) < 0)
		return -1;
	for (i = 0; i < UNIT_NTEXT; i++) {
		if (im->map[textcols[i]] < 0)
			continue;
		u.present |= 1 << i;
		u.text[i] = field(im, textcols[i], NULL);
	}
	if (get_phone(im, &u.text[U_PHONE], err) < 0)
		return -1;
	if ((s = u.text[U_EMAIL]) != NULL &&
	    email_parse(s, strlen(s), why) < 0)
		return valerr(im, err, C_EMAIL, s, why);
	if ((s = u.text[U_OCCUPANCY]) != NULL) {
		int k, found = -1;
		size_t a;

		for (k = 0; k < 3 && found < 0; k++) {
			if (strcmp(s, occ[k]) == 0)
				found = k;
			for (a = 0; a < im->c->import.occupancy[k].n; a++)
				if (strcmp(s, im->c->import.occupancy[k].v[a])
				    == 0)
					found = k;
		}
		if (found < 0)
			return rowerr(im, err, C_OCCUPANCY, "\"%s\" is not "
			    "owner, tenant or vacant (nor an alias of one in "
			    "the config)", s);
		u.text[U_OCCUPANCY] = occ[found];
	}
	if (im->map[C_AREA] >= 0) {
		u.present |= UNIT_HAS_AREA;
		if ((s = field(im, C_AREA, &n)) != NULL) {
			if (dun_money_parse(s, n, &area, NULL) < 0 ||
			    area <= 0 || strpbrk(s, "$(,") != NULL)
				return rowerr(im, err, C_AREA, "\"%s\" is not "
				    "an area in square metres", s);
			u.has_area = 1;
			u.area = area;
		}
	}
	if (im->map[C_DNC] >= 0) {
		u.present |= UNIT_HAS_DNC;
		s = field(im, C_DNC, NULL);
		if (s == NULL || strcmp(s, "0") == 0 || strcasecmp(s, "no") ==
		    0 || strcasecmp(s, "false") == 0 || strcmp(s, "否") == 0)
			u.dnc = 0;
		else if (strcmp(s, "1") == 0 || strcasecmp(s, "yes") == 0 ||
		    strcasecmp(s, "true") == 0 || strcmp(s, "是") == 0)
			u.dnc = 1;
		else
			return rowerr(im, err, C_DNC, "\"%s\" is not yes or no",
			    s);
	}
	if (same_household(im, u.unit, u.text[U_OWNER], u.text[U_PHONE],
	    u.has_area ? field(im, C_AREA, NULL) : NULL, err) < 0)
		return -1;
	rc = ledger_put_unit(im->l, &u, im->import_id, im->o.replace, &what,
	    err);
	if (rc != PUT_CONFLICT)
		return rc;
	rc = rowerr(im, err, C_UNIT, "unit %s: %s (--replace changes it)",
	    u.unit, what);
	free(what);
	return rc;
}

/* A bill line's figures: amount billed (应收), paid on it (实收), waived
 * (优惠, 减免) and owing (欠费), any of them missing but one: each found
 * from the others, and all four must agree. */
static int
bill_figures(struct dun_import *im, struct charge_row *c, struct dun_err *err)
{
	char a[DUN_MONEY_BUFSZ], p[DUN_MONEY_BUFSZ], w[DUN_MONEY_BUFSZ];
	char o[DUN_MONEY_BUFSZ], x[DUN_MONEY_BUFSZ];
	dun_money owing = 0, late, net;
	int has_a, has_p, has_w, has_o, has_l;

	if (!(im->have & (BIT(C_PAID) | BIT(C_WAIVER) | BIT(C_OWING) |
	    BIT(C_LATE)))) {
		/* A bill of the usual kind: its amount and nothing more. */
		if (get_money(im, C_AMOUNT, 1, &c->amount, &has_a, err) < 0)
			return -1;
		if (c->amount < 0)
			return rowerr(im, err, C_AMOUNT, "a charge cannot be "
			    "negative (record a credit as an adjustment)");
		return 0;
	}
	if (get_money(im, C_AMOUNT, 0, &c->amount, &has_a, err) < 0 ||
	    get_money(im, C_PAID, 0, &c->paid, &has_p, err) < 0 ||
	    get_money(im, C_WAIVER, 0, &c->waived, &has_w, err) < 0 ||
	    get_money(im, C_OWING, 0, &owing, &has_o, err) < 0 ||
	    get_money(im, C_LATE, 0, &late, &has_l, err) < 0)
		return -1;
	if (!has_a && !has_o)
		return rowerr(im, err, im->map[C_AMOUNT] >= 0 ? C_AMOUNT :
		    C_OWING, "is empty");
	if (c->paid < 0)
		return rowerr(im, err, C_PAID, "cannot be negative (record a "
		    "refund as an adjustment)");
	if (c->waived < 0)
		return rowerr(im, err, C_WAIVER, "cannot be negative");
	if (owing < 0)
		return rowerr(im, err, C_OWING, "is negative: more was paid "
		    "than billed; record the overpayment as a payment of its "
		    "own");
	if (has_l && late != 0) {
		im->late_rows++;
		if (dun_money_add(im->late_total, late, &im->late_total) < 0)
			return rowerr(im, err, C_LATE, "too large to add up");
	}
	if (!has_a) {
		if (dun_money_add(owing, c->paid, &c->amount) < 0 ||
		    dun_money_add(c->amount, c->waived, &c->amount) < 0)
			return rowerr(im, err, C_OWING, "too large");
		return 0;
	}
	if (c->amount < 0)
		return rowerr(im, err, C_AMOUNT, "a charge cannot be negative "
		    "(record a credit as an adjustment)");
	if (c->paid > c->amount || c->waived > c->amount - c->paid)
		return rowerr(im, err, has_p ? C_PAID : C_WAIVER, "%s paid "
		    "and %s waived are more than the %s billed", dun_money_fmt(
		    c->paid, p), dun_money_fmt(c->waived, w),
		    dun_money_fmt(c->amount, a));
	net = c->amount - c->paid - c->waived;
	if (has_o && !has_p) {
		if (owing > c->amount - c->waived)
			return rowerr(im, err, C_OWING, "%s owing is more than "
			    "the %s billed", dun_money_fmt(owing, o),
			    dun_money_fmt(c->amount - c->waived, a));
		c->paid = c->amount - c->waived - owing;
	} else if (has_o && owing != net)
		return rowerr(im, err, C_OWING, "is %s, but %s billed less %s "
		    "paid less %s waived is %s; correct the line in the "
		    "export", dun_money_fmt(owing, o), dun_money_fmt(c->amount,
		    a), dun_money_fmt(c->paid, p), dun_money_fmt(c->waived, w),
		    dun_money_fmt(net, x));
	return 0;
}

/* The last day of a period's month. */
static dun_date
last_day(dun_period p)
{
	return period_day1(p + 1) - 1;
}

/* The charge's period and billing range: a period, or the range's first
 * month; due, or the last day of that month. */
static int
bill_dates(struct dun_import *im, struct charge_row *c, struct dun_err *err)
{
	char d1[DUN_DATE_BUFSZ], d2[DUN_DATE_BUFSZ];
	int has, has_end;

	if (!(im->have & (BIT(C_START) | BIT(C_END)))) {
		/* A bill of the usual kind: its period and due date. */
		if (get_period(im, 1, &c->period, &has, err) < 0 ||
		    get_date(im, C_DUE, 0, &c->due, &has, err) < 0)
			return -1;
		if (!has)
			c->due = last_day(c->period);
		return 0;
	}
	if (get_date(im, C_START, 0, &c->start, &c->has_range, err) < 0 ||
	    get_date(im, C_END, 0, &c->until, &has_end, err) < 0 ||
	    get_period(im, 0, &c->period, &has, err) < 0)
		return -1;
	if (has_end && !c->has_range)
		return rowerr(im, err, C_START, "is empty, but the range ends "
		    "%s", dun_date_fmt(c->until, d1));
	if (!has_end)
		c->until = DUN_NODATE;
	if (c->has_range && has_end && c->until < c->start)
		return rowerr(im, err, C_END, "%s is before the start, %s",
		    dun_date_fmt(c->until, d1), dun_date_fmt(c->start, d2));
	if (!has && !c->has_range)
		return rowerr(im, err, im->map[C_PERIOD] >= 0 ? C_PERIOD :
		    C_START, "is empty");
	if (!has) {
		c->period = dun_period_of(c->start);
	}
	if (get_date(im, C_DUE, 0, &c->due, &has, err) < 0)
		return -1;
	if (!has)
		c->due = last_day(c->period);
	return 0;
}

static int
put_charge(struct dun_import *im, struct dun_err *err)
{
	struct charge_row c, old;
	char a[DUN_MONEY_BUFSZ], b[DUN_MONEY_BUFSZ], p[DUN_DATE_BUFSZ];
	char d1[DUN_DATE_BUFSZ], d2[DUN_DATE_BUFSZ];
	int k;

	memset(&c, 0, sizeof c);
	if (need_unit(im, &c.unit, err) < 0 ||
	    get_fee(im, 1, 0, &c.fee, err) < 0 ||
	    bill_dates(im, &c, err) < 0 ||
	    bill_figures(im, &c, err) < 0)
		return -1;
	c.bill = field(im, C_BILL, NULL);
	if (unit_id(im, c.unit, &c.unit_id, err) < 0 ||
	    household(im, c.unit_id, c.unit, err) < 0)
		return -1;
	k = ledger_put_charge(im->l, &c, im->import_id, im->o.replace, &old,
	    err);
	if (k != PUT_CONFLICT)
		return k;
	dun_period_fmt(c.period, p);
	if (old.amount != c.amount)
		return rowerr(im, err, C_AMOUNT, "charge %s %s %s%s%s is %s in "
		    "the %s, %s here (--replace changes it; a second bill of "
		    "the same fee and month needs a bill number column)",
		    c.unit, c.fee, p, c.bill ? " bill " : "", c.bill ? c.bill :
		    "", dun_money_fmt(old.amount, a), old.import_id ==
		    im->import_id ? "rows above" : "ledger",
		    dun_money_fmt(c.amount, b));
	if (old.due != c.due)
		return rowerr(im, err, C_DUE, "charge %s %s %s is due %s in "
		    "the %s, %s here (--replace changes it)", c.unit, c.fee, p,
		    dun_date_fmt(old.due, d1), old.import_id == im->import_id ?
		    "rows above" : "ledger", dun_date_fmt(c.due, d2));
	if (old.paid != c.paid)
		return rowerr(im, err, C_PAID, "charge %s %s %s has %s paid on "
		    "it in the %s, %s here (--replace changes it)", c.unit,
		    c.fee, p, dun_money_fmt(old.paid, a), old.import_id ==
		    im->import_id ? "rows above" : "ledger",
		    dun_money_fmt(c.paid, b));
	if (old.waived != c.waived)
		return rowerr(im, err, C_WAIVER, "charge %s %s %s has %s waived "
		    "in the %s, %s here (--replace changes it)", c.unit, c.fee,
		    p, dun_money_fmt(old.waived, a), old.import_id ==
		    im->import_id ? "rows above" : "ledger",
		    dun_money_fmt(c.waived, b));
	return rowerr(im, err, C_START, "charge %s %s %s has another billing "
	    "range in the %s (--replace changes it)", c.unit, c.fee, p,
	    old.import_id == im->import_id ? "rows above" : "ledger");
}

/* A reversal is by ref, so the ref of a reversed payment is not taken
 * by an adjustment, nor the other way round: that row would be left out
 * as reversed.  0, or -1 and err. */
static int
ref_reversed(struct dun_import *im, const char *ref, int adjustment,
    struct dun_err *err)
{
	struct reversal_row v;
	struct money_row m;
	char reason[8], unit[200];
	int k;

	if ((k = ledger_reversal(im->l, ref, &v, reason, sizeof reason,
	    err)) <= 0)
		return k;
	if ((k = ledger_money_find(im->l, ref, &m, unit, sizeof unit,
	    err)) < 0)
		return -1;
	if (k & (adjustment ? FOUND_ADJUSTMENT : FOUND_PAYMENT))
		return 0;
	return rowerr(im, err, C_REF, "\"%s\" is the ref of a reversed %s: "
	    "give this %s a ref of its own", ref, adjustment ? "payment" :
	    "adjustment", adjustment ? "adjustment" : "payment");
}

static int
put_money(struct dun_import *im, int adjustment, struct dun_err *err)
{
	struct money_row m, old;
	char ou[200], a[DUN_MONEY_BUFSZ], b[DUN_MONEY_BUFSZ];
	char d1[DUN_DATE_BUFSZ], d2[DUN_DATE_BUFSZ];
	size_t n;
	int has, k, bad = 0, same;

	memset(&m, 0, sizeof m);
	if (need(im, C_REF, &m.ref, &n, err) < 0 ||
	    need_unit(im, &m.unit, err) < 0)
		return -1;
	bad |= get_date(im, C_DATE, 1, &m.date, &has, err) < 0;
	bad |= !bad && get_money(im, C_AMOUNT, 1, &m.amount, &has, err) < 0;
	bad |= !bad && get_fee(im, 0, 1, &m.fee, err) < 0;
	bad |= !bad && get_period(im, 0, &m.period, &m.has_period, err) < 0;
	if (bad)
		return -1;
	if (!adjustment && m.amount <= 0)
		return rowerr(im, err, C_AMOUNT, "a payment must be above 0 "
		    "(record a refund as an adjustment)");
	if (adjustment && m.amount == 0)
		return rowerr(im, err, C_AMOUNT, "an adjustment of 0.00 "
		    "changes nothing");
	m.text = field(im, adjustment ? C_REASON : C_METHOD, NULL);
	if (!adjustment) {
		/* One receipt may be split over fee lines: a line is one by
		 * its fee and period. */
		im->unit2.len = 0;
		buf_str(&im->unit2, m.fee ? m.fee : "");
		if (m.has_period) {
			char pb[DUN_DATE_BUFSZ];

			buf_str(&im->unit2, " ");
			buf_str(&im->unit2, dun_period_fmt(m.period, pb));
		}
		m.line = im->unit2.s;
	}
	if (ref_reversed(im, m.ref, adjustment, err) < 0 ||
	    unit_id(im, m.unit, &m.unit_id, err) < 0 || (!adjustment &&
	    household(im, m.unit_id, m.unit, err) < 0))
		return -1;
	k = ledger_put_money(im->l, adjustment, &m, im->import_id,
	    im->o.replace, &old, ou, sizeof ou, err);
	if (k != PUT_CONFLICT)
		return k;
	dun_date_fmt(old.date, d1);
	dun_date_fmt(m.date, d2);
	if (old.other_line && old.import_id != im->import_id)
		return rowerr(im, err, C_REF, "receipt %s is in the ledger "
		    "already, without this line (%s): a receipt's lines are "
		    "loaded together, from one file; if the receipt was "
		    "changed, reverse it (dun-import -k reversal) and load "
		    "the new one under its own number", m.ref, m.line);
	if (old.other_line)
		return rowerr(im, err, C_REF, "receipt %s is for %s on %s in "
		    "the rows above, here for %s on %s: one receipt is one "
		    "payment, of one unit on one day", m.ref, ou, d1, m.unit,
		    d2);
	dun_money_fmt(old.amount, a);
	dun_money_fmt(m.amount, b);
	same = strcmp(a, b) == 0 && strcmp(d1, d2) == 0 &&
	    strcmp(ou, m.unit) == 0;
	return rowerr(im, err, C_REF, "%s %s is %s %s %s in the %s, here %s "
	    "%s %s%s (--replace changes it)", adjustment ? "adjustment" :
	    "payment", m.ref, ou, d1, a, old.import_id == im->import_id ?
	    "rows above" : "ledger", m.unit, d2, b, same ? " with another "
	    "fee, period or note" : "");
}

static int
put_event(struct dun_import *im, struct dun_err *err)
{
	struct event_row e;
	const char *unit, *type;
	size_t n;
	int i, has, bad = 0;

	memset(&e, 0, sizeof e);
	if (need_unit(im, &unit, err) < 0 ||
	    need(im, C_TYPE, &type, &n, err) < 0)
		return -1;
	for (i = 0; event_types[i]; i++)
		if (strcmp(type, event_types[i]) == 0)
			break;
	if (event_types[i] == NULL)
		return rowerr(im, err, C_TYPE, "\"%s\" is not an event type "
		    "(promise, dispute, resolved, hardship, plan, contact, "
		    "served, ack, dnc, contact-ok)", type);
	e.type = event_types[i];
	bad |= get_date(im, C_DATE, 1, &e.date, &has, err) < 0;
	bad |= !bad && get_date(im, C_DUE, 0, &e.due, &e.has_due, err) < 0;
	bad |= !bad && get_money(im, C_AMOUNT, 0, &e.amount, &e.has_amount,
	    err) < 0;
	if (bad)
		return -1;
	e.ref = field(im, C_REF, NULL);
	e.note = field(im, C_NOTE, NULL);
	if (e.has_amount && e.amount <= 0)
		return rowerr(im, err, C_AMOUNT, "must be above 0");
	/* What each type of event must say. */
	if ((strcmp(e.type, "promise") == 0 || strcmp(e.type, "plan") == 0)) {
		if (!e.has_amount)
			return rowerr(im, err, C_AMOUNT, "a %s needs an "
			    "amount", e.type);
		if (!e.has_due)
			return rowerr(im, err, C_DUE, "a %s needs a due date",
			    e.type);
	}
	if (strcmp(e.type, "hardship") == 0 && !e.has_due)
		return rowerr(im, err, C_DUE, "a hardship needs the date it "
		    "lasts until, in due");
	if ((strcmp(e.type, "dispute") == 0 || strcmp(e.type, "resolved") ==
	    0 || strcmp(e.type, "served") == 0) && e.ref == NULL)
		return rowerr(im, err, C_REF, "a %s needs a ref (%s)", e.type,
		    strcmp(e.type, "served") == 0 ? "the notice served" :
		    "the ticket");
	if (strcmp(e.type, "contact") == 0 && e.note == NULL)
		return rowerr(im, err, C_NOTE, "a contact needs a note of its "
		    "outcome");
	if (e.has_due && e.due < e.date && strcmp(e.type, "hardship") != 0)
		return rowerr(im, err, C_DUE, "is before the event's date");
	if (unit_id(im, unit, &e.unit_id, err) < 0)
		return -1;
	return ledger_put_event(im->l, &e, im->import_id, err);
}

/* A reversal: the payment or adjustment it names is cancelled as if it
 * had never been made, and both are kept. */
static int
put_reversal(struct dun_import *im, struct dun_err *err)
{
	struct reversal_row v, old;
	struct money_row m;
	char unit[200], why[600], d1[DUN_DATE_BUFSZ], d2[DUN_DATE_BUFSZ];
	const char *u, *what;
	size_t n;
	int has, k;

	memset(&v, 0, sizeof v);
	if (need(im, C_REF, &v.ref, &n, err) < 0 ||
	    get_date(im, C_DATE, 1, &v.date, &has, err) < 0 ||
	    need(im, C_REASON, &v.reason, &n, err) < 0)
		return -1;
	if ((k = ledger_money_find(im->l, v.ref, &m, unit, sizeof unit,
	    err)) < 0)
		return -1;
	if (k == 0)
		return rowerr(im, err, C_REF, "no payment or adjustment "
		    "\"%s\" in the ledger", v.ref);
	if (k == (FOUND_PAYMENT | FOUND_ADJUSTMENT))
		return rowerr(im, err, C_REF, "\"%s\" is both a payment and "
		    "an adjustment in the ledger: which to reverse cannot be "
		    "told", v.ref);
	what = k == FOUND_PAYMENT ? "payment" : "adjustment";
	if ((u = field(im, C_UNIT, NULL)) != NULL && strcmp(u, unit) != 0)
		return rowerr(im, err, C_UNIT, "%s %s is of unit %s, not %s",
		    what, v.ref, unit, u);
	if (v.date < m.date)
		return rowerr(im, err, C_DATE, "is before the date of %s %s, "
		    "%s", what, v.ref, dun_date_fmt(m.date, d1));
	k = ledger_put_reversal(im->l, &v, im->import_id, im->o.replace,
	    &old, why, sizeof why, err);
	if (k != PUT_CONFLICT)
		return k;
	return rowerr(im, err, C_REF, "reversal of %s %s is %s \"%s\" in the "
	    "%s, here %s \"%s\" (--replace changes it)", what, v.ref,
	    dun_date_fmt(old.date, d1), old.reason, old.import_id ==
	    im->import_id ? "rows above" : "ledger", dun_date_fmt(v.date, d2),
	    v.reason);
}

int
dun_import_row(struct dun_import *im, struct dun_rec *r, struct dun_err *err)
{
	int k;

	im->r = r;
	im->n.rows++;
	switch (im->kind) {
	case DUN_KIND_UNIT:
		k = put_unit(im, err);
		break;
	case DUN_KIND_CHARGE:
		k = put_charge(im, err);
		break;
	case DUN_KIND_PAYMENT:
		k = put_money(im, 0, err);
		break;
	case DUN_KIND_ADJUSTMENT:
		k = put_money(im, 1, err);
		break;
	case DUN_KIND_REVERSAL:
		k = put_reversal(im, err);
		break;
	default:
		k = put_event(im, err);
		break;
	}
	/* A charge of an arrears list (a deposit is never owed). */
	if (k > 0 && k != PUT_CONFLICT && im->kind == DUN_KIND_CHARGE &&
	    (im->have & BIT(C_OWING))) {
		const char *fee = field(im, C_FEE, NULL);

		if (fee == NULL || !fee_is_deposit(im->c, fee))
			im->arrears++;
	}
	switch (k) {
	case PUT_INSERTED:
		im->n.inserted++;
		return 0;
	case PUT_UPDATED:
		im->n.updated++;
		return 0;
	case PUT_UNCHANGED:
		im->n.unchanged++;
		return 0;
	default:
		if (err->code == DUN_EXIT_DATA)
			im->n.rejected++;
		/* The ledger's word on a value (one too long for it) is
		 * placed at the row. */
		if (err->code == DUN_EXIT_DATA && strncmp(err->msg,
		    dun_rec_name(r), strlen(dun_rec_name(r))) != 0) {
			char msg[sizeof err->msg];

			snprintf(msg, sizeof msg, "%s", err->msg);
			dun_err_set(err, DUN_EXIT_DATA, "%s:%ld: %s",
			    dun_rec_name(r), dun_rec_line(r), msg);
		}
		return -1;
	}
}

/* A row the reader could not read counts as rejected too. */
void
dun_import_reject(struct dun_import *im)
{
	im->n.rows++;
	im->n.rejected++;
}

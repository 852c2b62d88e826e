/* table.h — a report's tables, and the formats they are written in (the
 * report part's own): table.c the tables, their cells, TSV and text; svg.c the
 * charts; html.c the HTML page, which uses both; xlsx.c the workbook. */
#ifndef DUN_TABLE_H
#define DUN_TABLE_H

#include <stdint.h>

#include "report.h"

/* What a column holds, which says how each format writes it and what
 * masking does to it. */
enum { T_TEXT, T_NAME, T_PHONE, T_CONTACT, T_INT, T_MONEY, T_DATE,
	T_PERIOD, T_RATE };

struct tcol {
	const char *name;
	int type;
};

/* A cell: v for numbers (money in minor units, dates in days, periods,
 * rates in hundredths of a per cent), s for text; null: empty. */
struct tcell {
	int64_t v;
	const char *s;
	int null;
};

/* A chart drawn above the table in HTML.
 *   CH_COLUMNS  one bar per column in values[], from the totals row
 *   CH_BARS     one group of bars per row (named by column label), one
 *               bar per column in values[]
 *   CH_LINES    x along the distinct values of column label, one line
 *               per distinct value of column series (-1: one line), y
 *               from column values[0] */
enum { CH_NONE, CH_COLUMNS, CH_BARS, CH_LINES };
struct chart {
	int type, label, series;
	int values[16];
	int nvalues;
	const char *title;
};

struct table {
	const char *name;	/* the kind, and the xlsx sheet's name */
	const char *title, *note;
	const char *caveat;	/* what the table cannot tell, under the
				 * note (under the table in xlsx) */
	const char *total_word;	/* "TOTAL" as the pretty formats say it */
	struct tcol cols[48];
	size_t ncols;
	struct tcell *cells;	/* nrows × ncols */
	size_t nrows, caprows;
	int total;		/* the last row holds the totals */
	struct chart chart;
	struct arena *a;
};

struct table *table_new(struct arena *a, const char *name,
    const char *title);
void table_free(struct table *t);
void table_col(struct table *t, const char *name, int type);
/* A new row, every cell null. */
struct tcell *table_row(struct table *t);
void cell_text(struct table *t, struct tcell *c, const char *s);
void cell_num(struct tcell *c, int64_t v);
/* num / den in hundredths of a per cent, rounded half up; null when den
 * is not above 0. */
void cell_rate(struct tcell *c, int64_t num, int64_t den);

/* A report: its tables, in order. */
struct doc {
	const char *title, *lang;
	dun_date asof;
	struct table **t;
	size_t n;
};

/* A cell as text into buf (n >= 64): pretty adds thousands separators
 * and the per cent sign's neighbours; mask hides names and numbers. */
const char *cell_fmt(const struct tcell *c, int type, int pretty, int mask,
    char *buf, size_t n);
/* Masking, into buf of n bytes: 张三 → 张*, 13812345678 → 138****5678,
 * zhang@example.com → z***@example.com. */
const char *mask_name(const char *s, char *buf, size_t n);
const char *mask_phone(const char *s, char *buf, size_t n);
const char *mask_contact(const char *s, char *buf, size_t n);
/* Columns a string takes on a terminal: East Asian wide characters two. */
size_t text_width(const char *s);
/* 1 if a column of type is a number, aligned right. */
int type_numeric(int type);
/* What a pretty format shows for cell (r, i) of t, into buf (n >= 64):
 * "TOTAL" in the language of the report, an empty key as a dash. */
const char *table_shown(const struct table *t, size_t r, size_t i, int mask,
    char *buf, size_t n);

/* TSV (format DUN_RF_TSV) or text (DUN_RF_TEXT) into out (table.c). */
void doc_write(const struct doc *d, int format, int mask, struct buf *out);
/* s with & < > " escaped, appended to out (table.c). */
void html_text(struct buf *out, const char *s);
/* The HTML chart of t, as an inline SVG, appended to out (svg.c). */
void svg_chart(const struct table *t, int mask, struct buf *out);
/* The whole report as one HTML page into out (html.c). */
void doc_html(const struct doc *d, int mask, struct buf *out);
/* An xlsx workbook at path, a sheet per table.  0, or -1 and err. */
int doc_xlsx(const struct doc *d, int mask, const char *path,
    struct dun_err *err);

#endif

/*
 * svg.c — a table's chart as inline SVG, so that the HTML report opens
 * offline with nothing fetched: bars by bucket, bars side by side per
 * row, or lines over months.  Coordinates are pixels (double); the values
 * they stand for stay integers until they are placed.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "table.h"

#define W 760.0
#define H 300.0
#define ML 90.0			/* room for the axis labels */
#define MR 20.0
#define MT 30.0			/* room for the title */
#define MB 64.0			/* room for the categories and legend */
#define MAXCAT 60
#define MAXSER 12

static const char *const palette[] = { "#4e79a7", "#f28e2b", "#e15759",
	"#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f",
	"#bab0ac", "#1f77b4", "#8c564b" };

struct plot {
	struct buf *out;
	int64_t top;			/* the axis's top value */
	int type;			/* of the values: T_MONEY, ... */
};

static void
put(struct buf *out, const char *fmt, ...) __attribute__((format(printf,
    2, 3)));

static void
put(struct buf *out, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	buf_vfmt(out, fmt, ap);
	va_end(ap);
}

/* The least 1, 2 or 5 times a power of ten at or above v. */
static int64_t
nice(int64_t v)
{
	int64_t p = 1;

	if (v <= 0)
		return 1;
	while (p <= v / 10)
		p *= 10;
	if (v <= p)
		return p;
	if (v <= 2 * p)
		return 2 * p;
	if (v <= 5 * p)
		return 5 * p;
	return 10 * p;
}

static double
ypos(const struct plot *p, int64_t v)
{
	if (v < 0)
		v = 0;
	return MT + (H - MT - MB) * (1.0 - (double)v / (double)p->top);
}

/* A value as an axis shows it: money in whole units, rates in per cent. */
static const char *
tick_label(int type, int64_t v, char *b, size_t n)
{
	struct tcell c;

	c.null = 0;
	c.s = NULL;
	c.v = v;
	if (type == T_MONEY) {
		c.v = v / 100;
		type = T_INT;
	}
	return cell_fmt(&c, type, 1, 0, b, n);
}

static void
axes(struct plot *p, const char *title)
{
	char b[64];
	int i;

	put(p->out, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" "
	    "height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" role=\"img\" "
	    "font-size=\"11\" font-family=\"sans-serif\">\n", W, H, W, H);
	buf_str(p->out, "<title>");
	html_text(p->out, title);
	buf_str(p->out, "</title>\n");
	put(p->out, "<text x=\"%.0f\" y=\"18\" font-size=\"13\" "
	    "font-weight=\"bold\">", ML);
	html_text(p->out, title);
	buf_str(p->out, "</text>\n");
	for (i = 0; i <= 4; i++) {
		int64_t v = p->top / 4 * i;
		double y = ypos(p, v);

		put(p->out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
		    "y2=\"%.1f\" stroke=\"#ddd\"/>\n", ML, y, W - MR, y);
		put(p->out, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">",
		    ML - 6, y + 4);
		html_text(p->out, tick_label(p->type, v, b, sizeof b));
		buf_str(p->out, "</text>\n");
	}
}

static void
category(struct plot *p, double x, const char *label)
{
	put(p->out, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">", x,
	    H - MB + 16);
	html_text(p->out, label);
	buf_str(p->out, "</text>\n");
}

static void
legend(struct plot *p, const char *const *names, int n)
{
	double x = ML;
	int i;

	for (i = 0; i < n && n > 1; i++) {
		put(p->out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"10\" "
		    "height=\"10\" fill=\"%s\"/>\n", x, H - 22, palette[i %
		    MAXSER]);
		put(p->out, "<text x=\"%.1f\" y=\"%.1f\">", x + 14, H - 13);
		html_text(p->out, names[i]);
		buf_str(p->out, "</text>\n");
		x += 24 + 7.0 * (double)text_width(names[i]);
	}
}

static int64_t
value(const struct table *t, size_t r, int col)
{
	const struct tcell *c = &t->cells[r * t->ncols + (size_t)col];

	return c->null ? 0 : c->v;
}

static size_t
data_rows(const struct table *t)
{
	size_t n = t->nrows - (t->total && t->nrows > 0);

	return n > MAXCAT ? MAXCAT : n;
}

/* A bar from the axis up to v. */
static void
bar(struct plot *p, double x, double w, int64_t v, const char *fill)
{
	double y = ypos(p, v);

	put(p->out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
	    "height=\"%.1f\" fill=\"%s\"/>\n", x, y, w, H - MB - y, fill);
}

static void
columns(const struct table *t, struct plot *p)
{
	const struct chart *ch = &t->chart;
	int64_t v[16], top = 0;
	size_t r;
	double slot;
	int i;

	for (i = 0; i < ch->nvalues; i++) {
		v[i] = 0;
		if (t->total && t->nrows > 0)
			v[i] = value(t, t->nrows - 1, ch->values[i]);
		else
			for (r = 0; r < t->nrows; r++)
				v[i] += value(t, r, ch->values[i]);
		if (v[i] > top)
			top = v[i];
	}
	p->top = nice(top);
	p->type = t->cols[ch->values[0]].type;
	axes(p, ch->title);
	slot = (W - ML - MR) / ch->nvalues;
	for (i = 0; i < ch->nvalues; i++) {
		bar(p, ML + slot * i + slot * 0.2, slot * 0.6, v[i],
		    palette[0]);
		category(p, ML + slot * (i + 0.5), t->cols[ch->values[i]].name);
	}
}

static void
bars(const struct table *t, int mask, struct plot *p)
{
	const struct chart *ch = &t->chart;
	const char *names[16];
	size_t r, n = data_rows(t);
	int64_t top = 0;
	double slot, bw;
	char b[128];
	int i;

	for (r = 0; r < n; r++)
		for (i = 0; i < ch->nvalues; i++)
			if (value(t, r, ch->values[i]) > top)
				top = value(t, r, ch->values[i]);
	p->top = nice(top);
	p->type = t->cols[ch->values[0]].type;
	axes(p, ch->title);
	slot = (W - ML - MR) / (double)(n ? n : 1);
	bw = slot * 0.8 / ch->nvalues;
	for (r = 0; r < n; r++) {
		for (i = 0; i < ch->nvalues; i++)
			bar(p, ML + slot * (double)r + slot * 0.1 + bw * i, bw,
			    value(t, r, ch->values[i]), palette[i % MAXSER]);
		category(p, ML + slot * ((double)r + 0.5),
		    cell_fmt(&t->cells[r * t->ncols + (size_t)ch->label],
		    t->cols[ch->label].type, 1, mask, b, sizeof b));
	}
	for (i = 0; i < ch->nvalues; i++)
		names[i] = t->cols[ch->values[i]].name;
	legend(p, names, ch->nvalues);
}

/* Index of s in v[0..*n), added whole (malloc'd) if absent and there is
 * room; -1 if not. */
static int
intern(char **v, int *n, int max, const char *s)
{
	int i;

	for (i = 0; i < *n; i++)
		if (strcmp(v[i], s) == 0)
			return i;
	if (*n == max)
		return -1;
	v[*n] = xstrdup(s);
	return (*n)++;
}

static void
lines(const struct table *t, int mask, struct plot *p)
{
	const struct chart *ch = &t->chart;
	char *xs[MAXCAT], *ss[MAXSER];
	int64_t (*y)[MAXCAT] = xmalloc(sizeof(int64_t[MAXSER][MAXCAT]));
	char (*has)[MAXCAT] = xmalloc(sizeof(char[MAXSER][MAXCAT]));
	const char *names[MAXSER] = { NULL };
	int nx = 0, ns = 0, i, j, first;
	int64_t top = 0;
	double slot;
	char b[128];
	size_t r;

	memset(has, 0, sizeof(char[MAXSER][MAXCAT]));
	for (r = 0; r < t->nrows; r++) {
		const struct tcell *row = &t->cells[r * t->ncols];
		const struct tcell *c = &row[ch->values[0]];

		i = intern(xs, &nx, MAXCAT, cell_fmt(&row[ch->label],
		    t->cols[ch->label].type, 1, mask, b, sizeof b));
		if (ch->series < 0)
			j = intern(ss, &ns, MAXSER, t->title);
		else if (row[0].s && strcmp(row[0].s, "TOTAL") == 0 &&
		    t->total_word)
			j = intern(ss, &ns, MAXSER, t->total_word);
		else
			j = intern(ss, &ns, MAXSER, cell_fmt(&row[ch->series],
			    t->cols[ch->series].type, 1, mask, b, sizeof b));
		if (i < 0 || j < 0 || c->null)
			continue;
		y[j][i] = c->v;
		has[j][i] = 1;
		if (c->v > top)
			top = c->v;
	}
	p->top = nice(top);
	p->type = t->cols[ch->values[0]].type;
	axes(p, ch->title);
	slot = (W - ML - MR) / (nx ? nx : 1);
	for (i = 0; i < nx; i++)
		if (nx <= 16 || i % ((nx + 15) / 16) == 0)
			category(p, ML + slot * (i + 0.5), xs[i]);
	for (j = 0; j < ns; j++) {
		put(p->out, "<polyline fill=\"none\" stroke=\"%s\" "
		    "stroke-width=\"2\" points=\"", palette[j % MAXSER]);
		for (i = 0, first = 1; i < nx; i++)
			if (has[j][i]) {
				put(p->out, "%s%.1f,%.1f", first ? "" : " ",
				    ML + slot * (i + 0.5), ypos(p, y[j][i]));
				first = 0;
			}
		buf_str(p->out, "\"/>\n");
		for (i = 0; i < nx; i++)
			if (has[j][i])
				put(p->out, "<circle cx=\"%.1f\" cy=\"%.1f\" "
				    "r=\"3\" fill=\"%s\"/>\n", ML + slot *
				    (i + 0.5), ypos(p, y[j][i]), palette[j %
				    MAXSER]);
		names[j] = ss[j];
	}
	legend(p, names, ns);
	for (i = 0; i < nx; i++)
		free(xs[i]);
	for (j = 0; j < ns; j++)
		free(ss[j]);
	free(y);
	free(has);
}

void
svg_chart(const struct table *t, int mask, struct buf *out)
{
	struct plot p;

	p.out = out;
	p.top = 1;
	p.type = T_INT;
	switch (t->chart.type) {
	case CH_COLUMNS:
		columns(t, &p);
		break;
	case CH_BARS:
		bars(t, mask, &p);
		break;
	case CH_LINES:
		lines(t, mask, &p);
		break;
	default:
		return;
	}
	buf_str(out, "</svg>\n");
}

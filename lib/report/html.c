/*
 * html.c — a report as one self-contained HTML page: a section per
 * table with its title, notes, chart (svg.c) and rows (table.c).  It uses
 * the table and the chart writers; they do not use it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "table.h"

static const char style[] =
    "body{font-family:\"Noto Sans CJK SC\",\"Microsoft YaHei\",sans-serif;"
    "margin:2em;color:#222}\n"
    "h1{font-size:1.5em}h2{font-size:1.2em;margin-top:2em}\n"
    "table{border-collapse:collapse;margin:1em 0}\n"
    "th,td{border:1px solid #ccc;padding:.2em .6em;white-space:nowrap}\n"
    "th{background:#eee}td.n{text-align:right;"
    "font-variant-numeric:tabular-nums}\n"
    "tr.total td{font-weight:bold;background:#f6f6f6}\n"
    ".note{color:#555}svg{display:block;margin:1em 0}\n"
    "@media print{section{break-inside:avoid}}\n";

/* One table as a section of the page: its title, notes, chart and rows. */
static void
write_html_table(const struct table *t, int mask, struct buf *out)
{
	char b[128];
	size_t r, i;

	buf_str(out, "<section id=\"");
	html_text(out, t->name);
	buf_str(out, "\">\n<h2>");
	html_text(out, t->title);
	buf_str(out, "</h2>\n");
	if (t->note) {
		buf_str(out, "<p class=\"note\">");
		html_text(out, t->note);
		buf_str(out, "</p>\n");
	}
	if (t->caveat) {
		buf_str(out, "<p class=\"note caveat\">");
		html_text(out, t->caveat);
		buf_str(out, "</p>\n");
	}
	if (t->chart.type != CH_NONE && t->nrows > 0)
		svg_chart(t, mask, out);
	buf_str(out, "<table>\n<thead><tr>");
	for (i = 0; i < t->ncols; i++) {
		buf_str(out, "<th>");
		html_text(out, t->cols[i].name);
		buf_str(out, "</th>");
	}
	buf_str(out, "</tr></thead>\n<tbody>\n");
	for (r = 0; r < t->nrows; r++) {
		buf_str(out, t->total && r + 1 == t->nrows ?
		    "<tr class=\"total\">" : "<tr>");
		for (i = 0; i < t->ncols; i++) {
			buf_str(out, type_numeric(t->cols[i].type) ?
			    "<td class=\"n\">" : "<td>");
			html_text(out, table_shown(t, r, i, mask, b, sizeof b));
			buf_str(out, "</td>");
		}
		buf_str(out, "</tr>\n");
	}
	buf_str(out, "</tbody>\n</table>\n</section>\n");
}

void
doc_html(const struct doc *d, int mask, struct buf *out)
{
	char date[DUN_DATE_BUFSZ];
	size_t i;

	buf_str(out, "<!DOCTYPE html>\n<html lang=\"");
	buf_str(out, strcmp(d->lang, "en") == 0 ? "en" : "zh-CN");
	buf_str(out, "\">\n<head>\n<meta charset=\"utf-8\">\n<title>");
	html_text(out, d->title);
	buf_str(out, "</title>\n<style>\n");
	buf_str(out, style);
	buf_str(out, "</style>\n</head>\n<body>\n<h1>");
	html_text(out, d->title);
	buf_str(out, "</h1>\n<p class=\"note\">");
	buf_str(out, strcmp(d->lang, "en") == 0 ? "As of " : "截至 ");
	buf_str(out, dun_date_fmt(d->asof, date));
	buf_str(out, "</p>\n");
	for (i = 0; i < d->n; i++)
		write_html_table(d->t[i], mask, out);
	buf_str(out, "</body>\n</html>\n");
}

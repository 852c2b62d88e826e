/*
 * xlsx.c — a report as a workbook, through libxlsxwriter: a sheet per
 * table, real cells (money as numbers with two decimals, dates as dates,
 * rates as per cents), the header frozen.  The doubles a spreadsheet
 * stores are made here, at the edge, from the integers.
 */
#include <stdio.h>
#include <string.h>

#include <xlsxwriter.h>

#include "table.h"

struct formats {
	lxw_format *head, *money, *date, *period, *rate, *total;
	lxw_format *tmoney, *trate;
};

static lxw_datetime
when(dun_date d)
{
	lxw_datetime t;

	memset(&t, 0, sizeof t);
	dun_date_split(d, &t.year, &t.month, &t.day);
	return t;
}

static lxw_format *
number_format(lxw_workbook *wb, const char *num, int bold)
{
	lxw_format *f = workbook_add_format(wb);

	format_set_num_format(f, num);
	if (bold)
		format_set_bold(f);
	return f;
}

static void
sheet(lxw_workbook *wb, const struct formats *F, const struct table *t,
    int mask)
{
	lxw_worksheet *ws = workbook_add_worksheet(wb, t->name);
	char b[128];
	size_t r, i, w;

	for (i = 0; i < t->ncols; i++) {
		worksheet_write_string(ws, 0, (lxw_col_t)i, t->cols[i].name,
		    F->head);
		w = text_width(t->cols[i].name);
		for (r = 0; r < t->nrows; r++) {
			size_t k = text_width(cell_fmt(&t->cells[r * t->ncols +
			    i], t->cols[i].type, 1, mask, b, sizeof b));

			if (k > w)
				w = k;
		}
		worksheet_set_column(ws, (lxw_col_t)i, (lxw_col_t)i,
		    (double)(w < 50 ? w + 2 : 52), NULL);
	}
	worksheet_freeze_panes(ws, 1, 0);
	for (r = 0; r < t->nrows; r++) {
		int tot = t->total && r + 1 == t->nrows;
		lxw_row_t row = (lxw_row_t)(r + 1);

		for (i = 0; i < t->ncols; i++) {
			const struct tcell *c = &t->cells[r * t->ncols + i];
			lxw_col_t col = (lxw_col_t)i;
			lxw_datetime dt;

			if (c->null)
				continue;
			switch (t->cols[i].type) {
			case T_INT:
				worksheet_write_number(ws, row, col,
				    (double)c->v, tot ? F->total : NULL);
				break;
			case T_MONEY:
				worksheet_write_number(ws, row, col,
				    (double)c->v / 100.0, tot ? F->tmoney :
				    F->money);
				break;
			case T_RATE:
				worksheet_write_number(ws, row, col,
				    (double)c->v / 10000.0, tot ? F->trate :
				    F->rate);
				break;
			case T_DATE:
				dt = when((dun_date)c->v);
				worksheet_write_datetime(ws, row, col, &dt,
				    F->date);
				break;
			case T_PERIOD:
				memset(&dt, 0, sizeof dt);
				dun_period_split((dun_period)c->v, &dt.year,
				    &dt.month);
				dt.day = 1;
				worksheet_write_datetime(ws, row, col, &dt,
				    F->period);
				break;
			default:
				if (i == 0 && c->s && strcmp(c->s, "TOTAL") ==
				    0 && t->total_word)
					worksheet_write_string(ws, row, col,
					    t->total_word, F->total);
				else
					worksheet_write_string(ws, row, col,
					    cell_fmt(c, t->cols[i].type, 1,
					    mask, b, sizeof b), tot ?
					    F->total : NULL);
			}
		}
	}
	/* The header stays the first row: what the table cannot tell goes
	 * under it, after a blank row. */
	if (t->caveat)
		worksheet_write_string(ws, (lxw_row_t)(t->nrows + 2), 0,
		    t->caveat, NULL);
}

int
doc_xlsx(const struct doc *d, int mask, const char *path,
    struct dun_err *err)
{
	lxw_workbook *wb = workbook_new(path);
	struct formats F;
	lxw_error e;
	size_t i;

	if (wb == NULL) {
		dun_err_set(err, DUN_EXIT_SYS, "%s: cannot create the workbook",
		    path);
		return -1;
	}
	F.head = workbook_add_format(wb);
	format_set_bold(F.head);
	format_set_bg_color(F.head, 0xEEEEEE);
	F.total = workbook_add_format(wb);
	format_set_bold(F.total);
	F.money = number_format(wb, "#,##0.00", 0);
	F.tmoney = number_format(wb, "#,##0.00", 1);
	F.rate = number_format(wb, "0.00%", 0);
	F.trate = number_format(wb, "0.00%", 1);
	F.date = number_format(wb, "yyyy-mm-dd", 0);
	F.period = number_format(wb, "yyyy-mm", 0);
	for (i = 0; i < d->n; i++)
		sheet(wb, &F, d->t[i], mask);
	if ((e = workbook_close(wb)) != LXW_NO_ERROR) {
		dun_err_set(err, DUN_EXIT_SYS, "%s: %s", path,
		    lxw_strerror(e));
		return -1;
	}
	return 0;
}

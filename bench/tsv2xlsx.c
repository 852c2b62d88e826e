/*
 * tsv2xlsx — a TSV file of records as an xlsx workbook, for
 * bench/xlsx.sh: one sheet, written row by row by libxlsxwriter in its
 * constant-memory mode (strings inline, as large exports are written),
 * or with -s as Excel itself saves a workbook (strings shared).
 * A field that is a plain decimal number becomes a number cell, one in
 * the form YYYY-MM-DD a date cell (formatted yyyy-mm-dd), anything else
 * (the header, units, periods) a string cell.
 *
 *   tsv2xlsx [-s] in.tsv out.xlsx
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xlsxwriter.h>

static int
is_number(const char *s)
{
	int dot = 0, digits = 0;

	if (*s == '-')
		s++;
	for (; *s; s++) {
		if (*s == '.' && !dot)
			dot = 1;
		else if (*s >= '0' && *s <= '9')
			digits++;
		else
			return 0;
	}
	return digits > 0 && digits <= 15;
}

static int
is_date(const char *s, lxw_datetime *t)
{
	int y, m, d, n = 0;

	if (strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3
	    || n != 10 || m < 1 || m > 12 || d < 1 || d > 31)
		return 0;
	memset(t, 0, sizeof *t);
	t->year = y;
	t->month = m;
	t->day = d;
	return 1;
}

int
main(int argc, char **argv)
{
	lxw_workbook_options opt = { .constant_memory = LXW_TRUE };
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_format *date;
	lxw_error e;
	FILE *in;
	char *line = NULL, *p, *tab;
	size_t cap = 0;
	ssize_t n;
	lxw_row_t row = 0;
	lxw_col_t col;
	lxw_datetime t;

	if (argc == 4 && strcmp(argv[1], "-s") == 0) {
		opt.constant_memory = LXW_FALSE;
		argc--;
		argv++;
	}
	if (argc != 3) {
		fprintf(stderr, "usage: tsv2xlsx [-s] in.tsv out.xlsx\n");
		return 2;
	}
	if ((in = fopen(argv[1], "r")) == NULL) {
		perror(argv[1]);
		return 3;
	}
	wb = workbook_new_opt(argv[2], &opt);
	if (wb == NULL) {
		fprintf(stderr, "tsv2xlsx: cannot write %s\n", argv[2]);
		return 3;
	}
	ws = workbook_add_worksheet(wb, NULL);
	date = workbook_add_format(wb);
	format_set_num_format(date, "yyyy-mm-dd");
	while ((n = getline(&line, &cap, in)) > 0) {
		if (line[n - 1] == '\n')
			line[--n] = '\0';
		for (p = line, col = 0;; p = tab + 1, col++) {
			if ((tab = strchr(p, '\t')) != NULL)
				*tab = '\0';
			if (row > 0 && is_number(p))
				worksheet_write_number(ws, row, col,
				    strtod(p, NULL), NULL);
			else if (row > 0 && is_date(p, &t))
				worksheet_write_datetime(ws, row, col, &t,
				    date);
			else if (*p != '\0')
				worksheet_write_string(ws, row, col, p, NULL);
			if (tab == NULL)
				break;
		}
		row++;
	}
	free(line);
	fclose(in);
	if ((e = workbook_close(wb)) != LXW_NO_ERROR) {
		fprintf(stderr, "tsv2xlsx: %s: %s\n", argv[2],
		    lxw_strerror(e));
		return 3;
	}
	return 0;
}

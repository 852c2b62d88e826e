/*
 * rec_fields.c — a record's fields, from the lines rec_text.c reads: TSV
 * (dun(5)), split and unescaped in place; CSV (RFC 4180, by libcsv),
 * gathered into a field buffer; a spreadsheet's rows (sheet.c), made as
 * wide as the header.  The fields are valid until the next record.
 */
#include <stdlib.h>
#include <string.h>

#include "rec_int.h"
#include "sheet.h"

/* Room for need fields. */
void
rec_grow_fields(struct dun_rec *r, size_t need)
{
	if (need <= r->fcap)
		return;
	while (r->fcap < need)
		r->fcap = r->fcap ? r->fcap * 2 : 32;
	r->f = xrealloc(r->f, r->fcap * sizeof *r->f);
	r->flen = xrealloc(r->flen, r->fcap * sizeof *r->flen);
}

/* Unescape \t \n \\ in place; any other backslash stays as it is. */
static size_t
unescape(char *s, size_t n)
{
	char *w = s, *end = s + n, *p = memchr(s, '\\', n);

	if (p == NULL)
		return n;
	w = p;
	while (p < end) {
		if (*p == '\\' && p + 1 < end && (p[1] == 't' || p[1] == 'n' ||
		    p[1] == '\\')) {
			*w++ = p[1] == 't' ? '\t' : p[1] == 'n' ? '\n' : '\\';
			p += 2;
		} else
			*w++ = *p++;
	}
	*w = '\0';
	return (size_t)(w - s);
}

/* Split a line (NUL-terminated at n) into the record's fields. */
void
rec_tsv_split(struct dun_rec *r, char *line, size_t n)
{
	char *p = line, *end = line + n, *q;
	int escapes = 0;

	/* One pass: fields are short, and a loop costs less than a memchr
	 * call for each. */
	r->nf = 0;
	for (;;) {
		size_t len;

		for (q = p; q < end && *q != '\t'; q++)
			escapes |= *q == '\\';
		rec_grow_fields(r, r->nf + 1);
		len = (size_t)(q - p);
		if (q < end)
			*q = '\0';
		r->f[r->nf] = p;
		r->flen[r->nf] = len;
		r->nf++;
		if (q == end)
			break;
		p = q + 1;
	}
	r->plain = !escapes;
	if (escapes) {
		size_t i;

		for (i = 0; i < r->nf; i++)
			r->flen[i] = unescape(r->f[i], r->flen[i]);
	}
}

/* The next line that is not empty, as TSV. */
static int
tsv_record(struct dun_rec *r, struct dun_err *err)
{
	char *line;
	size_t n;
	int k;

	do {
		if ((k = rec_next_line(r, &line, &n, err)) <= 0)
			return k;
	} while (n == 0);
	r->line = r->nl_pos;
	rec_tsv_split(r, line, n);
	return 1;
}

/* libcsv's callback for a field: kept in cbuf, NUL-terminated. */
static void
csv_field(void *s, size_t n, void *data)
{
	struct dun_rec *r = data;

	if (r->clen + n + 1 > r->ccap) {
		while (r->clen + n + 1 > r->ccap)
			r->ccap = r->ccap ? r->ccap * 2 : 4096;
		r->cbuf = xrealloc(r->cbuf, r->ccap);
	}
	if (r->cnf + 1 > r->ccap_f) {
		r->ccap_f = r->ccap_f ? r->ccap_f * 2 : 32;
		r->coff = xrealloc(r->coff, r->ccap_f * sizeof *r->coff);
	}
	r->coff[r->cnf++] = r->clen;
	if (n > 0)
		memcpy(r->cbuf + r->clen, s, n);
	r->clen += n;
	r->cbuf[r->clen++] = '\0';
}

/* libcsv's callback at a record's end. */
static void
csv_end(int c, void *data)
{
	struct dun_rec *r = data;

	(void)c;
	r->cdone = 1;
}

/* The next CSV record, over as many lines as its quotes hold: 1, 0 at
 * the end, or -1 and err; its line is the first with text on it. */
static int
csv_record(struct dun_rec *r, struct dun_err *err)
{
	char *line;
	size_t n, i, size = 0;
	long first = 0;
	int k;

	r->clen = r->cnf = 0;
	r->cdone = 0;
	while (!r->cdone) {
		if ((k = rec_next_line(r, &line, &n, err)) < 0)
			return -1;
		if (k == 0) {
			if (csv_fini(&r->csv, csv_field, csv_end, r) != 0) {
				rec_datafail(r, err, first ? first : r->nl_pos,
				    "a quoted field is not closed");
				return -1;
			}
			if (!r->cdone)
				return 0;
			break;
		}
		if (first == 0 && n > 0)
			first = r->nl_pos;
		if ((size += n + 1) > (size_t)RECORD_MB << 20) {
			rec_datafail(r, err, first ? first : r->nl_pos,
			    rec_too_long);
			return -1;
		}
		if (csv_parse(&r->csv, line, n, csv_field, csv_end, r) != n ||
		    csv_parse(&r->csv, "\n", 1, csv_field, csv_end, r) != 1) {
			rec_datafail(r, err, r->nl_pos, "a quote stands inside "
			    "an unquoted field or after a closing quote");
			return -1;
		}
	}
	r->line = first ? first : r->nl_pos;
	r->plain = 0;
	rec_grow_fields(r, r->cnf);
	for (i = 0; i < r->cnf; i++) {
		r->f[i] = r->cbuf + r->coff[i];
		r->flen[i] = (i + 1 < r->cnf ? r->coff[i + 1] : r->clen) -
		    r->coff[i] - 1;
	}
	r->nf = r->cnf;
	return 1;
}

/* A spreadsheet's next row that is not empty, Excel's row number its
 * line.  A sheet keeps no empty cells at a row's end: the row is made as
 * wide as the header again. */
static int
sheet_record(struct dun_rec *r, struct dun_err *err)
{
	static char empty[1];
	char **cells;
	size_t *lens, n, i;
	long row;
	int k;

	if ((k = sheet_row(r->sheet, &cells, &lens, &n, &row, err)) <= 0) {
		r->failed = k < 0;
		return k;
	}
	rec_grow_fields(r, n > r->ncols ? n : r->ncols);
	for (i = 0; i < n; i++) {
		r->f[i] = cells[i];
		r->flen[i] = lens[i];
	}
	for (; i < r->ncols; i++) {
		r->f[i] = empty;
		r->flen[i] = 0;
	}
	r->nf = i;
	r->line = row;
	r->plain = 0;
	return 1;
}

/* The next record, by the source and the format: 1, 0 at the end, or
 * -1 and err. */
int
rec_raw_record(struct dun_rec *r, struct dun_err *err)
{
	if (r->src == SRC_PAIRS) {
		if (r->pairs_done++)
			return 0;
		return 1;
	}
	if (r->failed)
		return -1;
	if (r->src == SRC_SHEET)
		return sheet_record(r, err);
	return r->format == DUN_FMT_CSV ? csv_record(r, err) :
	    tsv_record(r, err);
}

/*
 * xlsxrd.c — the rows of an .xlsx sheet, streamed: one thread inflates
 * the sheet's part (libzip) a chunk at a time, another parses the chunks
 * (expat) and hands the reader batches of rows; the sheet is never held
 * whole.  While they start, the opening thread reads the sheet's text
 * once more for its merged ranges (xlsxmerge.c), which stand after the
 * cells; they are filled in as the rows are handed out.  Expat's parse
 * sets the pace, so the parsing thread does no more than it must: a
 * number's text is made as Excel shows it by the reader, on its thread.
 *
 * A cell's text goes into one growing buffer per batch, each cell a
 * small record of where its text is; a shared string is not copied, the
 * row points at it.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xlsxrd.h"

enum {
	BATCH_TEXT = 128 * 1024,	/* a batch is full past this text */
	BATCH_ROWS = 1024,		/* or this many rows */
	NCHUNK = 4,			/* inflated chunks ahead of expat */
	MAXCELL = 32767 * 4,		/* Excel's 32,767 characters */
	MAXROWTEXT = 64 << 20
};

/* What a cell holds, by its t attribute. */
enum { CT_NUM, CT_SST, CT_STR, CT_INLINE, CT_BOOL, CT_ISO };

/* A cell's column and what its text is: in the batch's text, as it is
 * or a number (of a date's format, SHEET_DATE|TIME << KIND_SHIFT) the
 * reader makes as Excel shows it; or a shared string. */
#define IN_SST 0x80000000u
#define NUMBER 0x40000000u
#define KIND_SHIFT 28
#define COL(c) ((c) & 0x0fffffffu)

/* Inflated text: len bytes, 0 at the end; or failed, e saying why. */
struct chunk {
	char *buf;
	size_t len;
	int failed;
	struct dun_err e;
};

/* ---- the sheet, on the thread ----------------------------------------- */

static char *
room(struct batch *b, size_t n)
{
	if (b->tcap - b->tlen < n) {
		while (b->tcap - b->tlen < n)
			b->tcap = b->tcap ? b->tcap * 2 : BATCH_TEXT * 2;
		b->text = xrealloc(b->text, b->tcap);
	}
	return b->text + b->tlen;
}

static void
add_cell(struct xlsxrd *x, uint32_t col, size_t off, size_t len)
{
	struct batch *b = x->b;
	struct cell *c;

	if (b->ncells == b->ccap) {
		b->ccap = b->ccap ? b->ccap * 2 : 8192;
		b->cells = xrealloc(b->cells, b->ccap * sizeof *b->cells);
	}
	c = &b->cells[b->ncells++];
	x->rowused = 1;
	c->col = col;
	c->off = (uint32_t)off;
	c->len = (uint32_t)len;
}

/* The cell's text, n bytes written at the batch's text's end, added. */
static void
add_text(struct xlsxrd *x, size_t n)
{
	struct batch *b = x->b;

	b->text[b->tlen + n] = '\0';
	add_cell(x, x->col, b->tlen, n);
	b->tlen += n + 1;
}

static void
cell_start(struct xlsxrd *x, const char **a)
{
	const char *t = NULL, *r = NULL, *s = NULL;
	char cn[4];
	long row;

	if (!x->in_row)
		return;
	for (; a[0] != NULL; a += 2) {
		if (a[0][1] != '\0')
			continue;
		if (a[0][0] == 'r')
			r = a[1];
		else if (a[0][0] == 't')
			t = a[1];
		else if (a[0][0] == 's')
			s = a[1];
	}
	x->col = x->nextcol;
	if (r != NULL && xlsx_ref(r, NULL, &x->col, &row) == NULL) {
		xlsx_fail(x, DUN_EXIT_DATA, "%s: %s: row %ld: %s is no cell, "
		    "or one beyond column XFD or row 1048576, the most a sheet "
		    "has; the file is damaged — re-export it", x->name,
		    x->pname, x->row, abbr_q(r).s);
		return;
	}
	if (x->col < x->nextcol || x->col >= MAXCOL) {
		xlsx_fail(x, DUN_EXIT_DATA, "%s: %s: row %ld: cell %s%ld comes "
		    "after a cell to its right, or beyond column XFD; the file "
		    "is damaged — re-export it", x->name, x->pname, x->row,
		    xlsx_colname(x->col < MAXCOL ? x->col : MAXCOL - 1, cn),
		    x->row);
		return;
	}
	x->nextcol = x->col + 1;
	x->ctype = CT_NUM;
	if (t != NULL && t[0] != 'n') {
		if (t[0] == 's' && t[1] == '\0')
			x->ctype = CT_SST;
		else if (t[0] == 'b' && t[1] == '\0')
			x->ctype = CT_BOOL;
		else if (t[0] == 'd' && t[1] == '\0')
			x->ctype = CT_ISO;
		else if (t[0] == 'i')
			x->ctype = CT_INLINE;	/* inlineStr */
		else
			x->ctype = CT_STR;	/* str, e, and anything else */
	}
	x->ckind = 0;
	if (s != NULL) {
		size_t k = 0;

		for (; *s >= '0' && *s <= '9' && k <= x->nxf; s++)
			k = k * 10 + (size_t)(*s - '0');
		if (*s == '\0' && k < x->nxf)
			x->ckind = x->xfkind[k];
	}
	x->in_cell = 1;
	x->vlen = 0;
}

static void
cell_end(struct xlsxrd *x)
{
	struct batch *b = x->b;
	char cn[4];
	const char *v = x->v;
	size_t n = x->vlen, k, i;

	x->in_cell = x->take = x->in_is = x->rph = 0;
	if (n == 0)
		return;
	if (b->tlen - x->rowtext > MAXROWTEXT) {
		xlsx_fail(x, DUN_EXIT_DATA, "%s: %s: row %ld holds more than "
		    "%d MB of text; the file is damaged or not a plain "
		    "spreadsheet", x->name, x->pname, x->row,
		    MAXROWTEXT >> 20);
		return;
	}
	switch (x->ctype) {
	case CT_NUM:
		/* Made as Excel shows it by the reader, on its own thread. */
		memcpy(room(b, n + 1), v, n);
		b->text[b->tlen + n] = '\0';
		add_cell(x, x->col | NUMBER | (uint32_t)x->ckind << KIND_SHIFT,
		    b->tlen, n);
		b->tlen += n + 1;
		return;
	case CT_SST:
		for (i = k = 0; i < n && v[i] >= '0' && v[i] <= '9' &&
		    k <= x->nsst; i++)
			k = k * 10 + (size_t)(v[i] - '0');
		if (i < n || k >= x->nsst) {
			x->v[n] = '\0';
			xlsx_fail(x, DUN_EXIT_DATA, "%s: %s: cell %s%ld names "
			    "shared string %s, and the workbook has %zu; the "
			    "file is damaged — re-export it", x->name, x->pname,
			    xlsx_colname(x->col, cn), x->row, abbr_q(x->v).s,
			    x->nsst);
			return;
		}
		if ((n = x->sstoff[k + 1] - x->sstoff[k] - 1) > 0)
			add_cell(x, x->col | IN_SST, x->sstoff[k], n);
		return;
	case CT_BOOL:
		if (n == 1 && (v[0] == '0' || v[0] == '1')) {
			v = v[0] == '1' ? "TRUE" : "FALSE";
			n = strlen(v);
		}
		break;
	case CT_ISO:
		/* 2024-12-31T08:30:00: the date, and the time unless it is
		 * midnight. */
		if (n >= 10 && v[4] == '-' && v[7] == '-') {
			n = n >= 19 && v[10] == 'T' && memcmp(v + 11,
			    "00:00:00", 8) != 0 ? 19 : 10;
			if (n == 19)
				x->v[10] = ' ';
		}
		break;
	case CT_INLINE:
		x->v[n] = '\0';
		n = xlsx_unescape(x->v, n);
		break;
	default:
		break;
	}
	memcpy(room(b, n + 1), v, n);
	add_text(x, n);
}

static void XMLCALL
on_text(void *u, const XML_Char *s, int len)
{
	struct xlsxrd *x = u;
	char cn[4];

	if (!x->take)
		return;
	if (x->vcap - x->vlen <= (size_t)len) {
		if (x->vlen + (size_t)len > MAXCELL) {
			xlsx_fail(x, DUN_EXIT_DATA, "%s: %s: cell %s%ld holds "
			    "more text than Excel allows in a cell (32,767 "
			    "characters); the file is damaged — re-export it",
			    x->name, x->pname, xlsx_colname(x->col, cn),
			    x->row);
			return;
		}
		while (x->vcap - x->vlen <= (size_t)len)
			x->vcap = x->vcap ? x->vcap * 2 : 256;
		x->v = xrealloc(x->v, x->vcap);
	}
	memcpy(x->v + x->vlen, s, (size_t)len);
	x->vlen += (size_t)len;
}

static void
row_start(struct xlsxrd *x, const char **a)
{
	const char *r = NULL, *p;
	long row = x->lastrow + 1;

	for (; a[0] != NULL; a += 2)
		if (a[0][0] == 'r' && a[0][1] == '\0')
			r = a[1];
	if (r != NULL) {
		for (p = r, row = 0; *p >= '0' && *p <= '9' && row <= MAXROW;
		    p++)
			row = row * 10 + (*p - '0');
		if (*p != '\0' || p == r || row > MAXROW || row < 1) {
			xlsx_fail(x, DUN_EXIT_DATA, "%s: %s: row %s is no row "
			    "number from 1 to 1048576; the file is damaged — "
			    "re-export it", x->name, x->pname, abbr_q(r).s);
			return;
		}
	}
	if (row <= x->lastrow || row > MAXROW) {
		xlsx_fail(x, DUN_EXIT_DATA, "%s: %s: row %ld comes after row "
		    "%ld; the file is damaged — re-export it", x->name,
		    x->pname, row, x->lastrow);
		return;
	}
	x->row = row;
	x->in_row = 1;
	x->nextcol = 0;
	x->rowcell = x->b->ncells;
	x->rowtext = x->b->tlen;
	x->rowused = 0;
	x->mark = XML_GetCurrentByteIndex(x->p);
}

static void
row_end(struct xlsxrd *x)
{
	struct batch *b = x->b;
	struct brow *br;

	x->in_row = 0;
	x->lastrow = x->row;
	if (!x->rowused) {
		b->ncells = x->rowcell;
		b->tlen = x->rowtext;
		return;
	}
	if (b->nrows == b->rcap) {
		b->rcap = b->rcap ? b->rcap * 2 : BATCH_ROWS;
		b->rows = xrealloc(b->rows, b->rcap * sizeof *b->rows);
	}
	br = &b->rows[b->nrows++];
	br->row = x->row;
	br->first = x->rowcell;
	br->n = (uint32_t)(b->ncells - x->rowcell);
	br->width = COL(b->cells[b->ncells - 1].col) + 1;
	if ((b->nrows >= BATCH_ROWS || b->tlen >= BATCH_TEXT) &&
	    xlsx_batch_publish(x, 0) < 0) {
		x->failed = 1;
		XML_StopParser(x->p, XML_FALSE);
	}
}

static void XMLCALL
on_start(void *u, const XML_Char *n, const XML_Char **a)
{
	struct xlsxrd *x = u;

	n = xlsx_lname(n);
	switch (n[0]) {
	case 'c':
		if (n[1] == '\0')
			cell_start(x, a);
		break;
	case 'v':
		if (n[1] == '\0' && x->in_cell)
			x->take = 1;
		break;
	case 't':
		if (n[1] == '\0' && x->in_is && !x->rph)
			x->take = 1;
		break;
	case 'i':
		if (n[1] == 's' && n[2] == '\0' && x->in_cell)
			x->in_is = 1;
		break;
	case 'r':
		if (n[1] == 'o' && n[2] == 'w' && n[3] == '\0')
			row_start(x, a);
		else if (strcmp(n, "rPh") == 0)
			x->rph = 1;
		break;
	default:
		break;
	}
}

static void XMLCALL
on_end(void *u, const XML_Char *n)
{
	struct xlsxrd *x = u;

	n = xlsx_lname(n);
	switch (n[0]) {
	case 'c':
		if (n[1] == '\0' && x->in_cell)
			cell_end(x);
		break;
	case 'v':
	case 't':
		if (n[1] == '\0')
			x->take = 0;
		break;
	case 'i':
		if (n[1] == 's' && n[2] == '\0')
			x->in_is = 0;
		break;
	case 'r':
		if (n[1] == 'o' && n[2] == 'w' && n[3] == '\0' && x->in_row)
			row_end(x);
		else if (strcmp(n, "rPh") == 0)
			x->rph = 0;
		break;
	default:
		break;
	}
}

/* The inflating thread: the sheet's text a chunk at a time, for the
 * parsing one. */
static void *
inflate_run(void *arg)
{
	struct xlsxrd *x = arg;
	struct chunk *c;
	zip_file_t *f;
	zip_int64_t k = 0;
	int stop, done = 0;

	f = zip_fopen_index(x->zt, x->index, 0);
	while (!done) {
		pthread_mutex_lock(&x->mu);
		while (!x->stop && x->cput - x->ctake >= NCHUNK)
			pthread_cond_wait(&x->ccv, &x->mu);
		stop = x->stop;
		pthread_mutex_unlock(&x->mu);
		if (stop)
			break;
		c = &x->chunks[x->cput % NCHUNK];
		c->failed = 0;
		if (f == NULL)
			c->failed = xlsx_zipfail(x, x->part, zip_get_error(
			    x->zt), &c->e) < 0;
		else if ((k = zip_fread(f, c->buf, CHUNK)) < 0)
			c->failed = xlsx_zipfail(x, x->part,
			    zip_file_get_error(f), &c->e) < 0;
		c->len = k > 0 ? (size_t)k : 0;
		done = c->failed || c->len == 0;
		pthread_mutex_lock(&x->mu);
		x->cput++;
		pthread_cond_broadcast(&x->ccv);
		pthread_mutex_unlock(&x->mu);
	}
	if (f != NULL)
		zip_fclose(f);
	return NULL;
}

/* The sheet's text from the inflating thread through expat: 0, or -1
 * and err (x->stopped: told to stop). */
static int
parse_sheet(struct xlsxrd *x, struct dun_err *err)
{
	struct chunk *c;
	zip_uint64_t total = 0;
	int last = 0;

	while (!last) {
		pthread_mutex_lock(&x->mu);
		while (!x->stop && x->ctake == x->cput)
			pthread_cond_wait(&x->ccv, &x->mu);
		if (x->stop)
			x->stopped = 1;
		pthread_mutex_unlock(&x->mu);
		if (x->stopped)
			return -1;
		c = &x->chunks[x->ctake % NCHUNK];
		if (c->failed) {
			*err = c->e;
			return -1;
		}
		last = c->len == 0;
		total += c->len;
		if (XML_Parse(x->p, c->buf, (int)c->len, last) !=
		    XML_STATUS_OK) {
			if (!x->stopped)
				xlsx_xmlfail(x, x->part, err);
			return -1;
		}
		pthread_mutex_lock(&x->mu);
		x->ctake++;
		pthread_cond_broadcast(&x->ccv);
		pthread_mutex_unlock(&x->mu);
		if (total - (zip_uint64_t)x->mark > MAXTOKEN) {
			dun_err_set(err, DUN_EXIT_DATA, "%s: %s: more than %d "
			    "MB of XML in one row or between two; the file is "
			    "damaged or not a plain spreadsheet", x->name,
			    x->pname, MAXTOKEN >> 20);
			return -1;
		}
	}
	return 0;
}

/* The parsing thread. */
static void *
run(void *arg)
{
	struct xlsxrd *x = arg;
	struct dun_err err;
	int rc = -1;

	if ((x->b = xlsx_batch_fresh(x)) == NULL)
		return NULL;
	if ((x->p = XML_ParserCreate(NULL)) == NULL)
		dun_err_set(&err, DUN_EXIT_SYS, "%s: out of memory", x->name);
	else {
		XML_SetUserData(x->p, x);
		XML_SetElementHandler(x->p, on_start, on_end);
		XML_SetCharacterDataHandler(x->p, on_text);
		XML_SetStartDoctypeDeclHandler(x->p, xlsx_doctype);
		rc = parse_sheet(x, &err);
		XML_ParserFree(x->p);
		x->p = NULL;
	}
	if (x->stopped) {
		xlsx_batch_free(x->b);
		x->b = NULL;
		return NULL;
	}
	if (rc < 0) {
		x->b->failed = 1;
		x->b->e = err;
		pthread_mutex_lock(&x->mu);
		x->pfailed = 1;
		pthread_mutex_unlock(&x->mu);
	} else
		x->b->end = 1;
	xlsx_batch_publish(x, 1);
	return NULL;
}

/* ---- the reader ------------------------------------------------------- */

/* Room for n cells in the row handed out, those from `from` on empty. */
static void
grow_row(struct xlsxrd *x, size_t from, size_t n)
{
	size_t i;

	if (n > x->cap) {
		while (x->cap < n)
			x->cap = x->cap ? x->cap * 2 : 64;
		x->cells = xrealloc(x->cells, x->cap * sizeof *x->cells);
		x->lens = xrealloc(x->lens, x->cap * sizeof *x->lens);
	}
	for (i = from; i < n; i++) {
		x->cells[i] = &x->nul;
		x->lens[i] = 0;
	}
}

/* The merged ranges over the row: each one's top-left text, kept when
 * its row is handed out, in every other cell of it.  The row's width, or
 * 0 if two ranges overlap. */
static size_t
fill_merges(struct xlsxrd *x, long row, size_t width)
{
	struct merge *m;
	size_t i;
	uint32_t c;

	for (; x->mnext < x->nm && x->m[x->mnext].r1 <= row; x->mnext++) {
		m = &x->m[x->mnext];
		if (m->r1 != row || m->c1 >= width || x->lens[m->c1] == 0)
			continue;
		m->len = x->lens[m->c1];
		m->val = xmalloc(m->len + 1);
		memcpy(m->val, x->cells[m->c1], m->len + 1);
		x->act[x->nact++] = x->mnext;
	}
	for (i = 0; i < x->nact;) {
		m = &x->m[x->act[i]];
		if (m->r2 < row) {
			x->act[i] = x->act[--x->nact];
			continue;
		}
		if (m->c2 + 1 > width) {
			grow_row(x, width, m->c2 + 1);
			width = m->c2 + 1;
		}
		for (c = m->c1; c <= m->c2; c++) {
			if (x->stamp[c] == row)
				return 0;
			x->stamp[c] = row;
			if (c == m->c1 && row == m->r1)
				continue;
			x->cells[c] = m->val;
			x->lens[c] = m->len;
		}
		i++;
	}
	return width;
}

/* A number cell of the row as Excel shows it (a date if its format is
 * one): its text, put in x->num (room made for the row's), given the
 * cell instead. */
static void
number(struct xlsxrd *x, uint32_t col, unsigned kind)
{
	char *out = x->num + x->numlen, d[SHEET_DATESZ];
	size_t n, k;

	n = sheet_num(out, x->cells[col], x->lens[col]);
	if (kind && (k = sheet_date(d, out, n, x->d1904, (int)kind)) > 0) {
		memcpy(out, d, k);
		n = k;
	}
	out[n] = '\0';
	x->numlen += n + 1;
	x->cells[col] = out;
	x->lens[col] = n;
}

int
xlsxrd_row(struct xlsxrd *x, char ***cells, size_t **lens, size_t *n,
    long *row, struct dun_err *err)
{
	struct batch *b;
	const struct brow *br;
	const struct cell *c;
	size_t i, w;
	uint32_t col;

	while ((b = x->cur) == NULL || x->ri >= b->nrows) {
		if (b != NULL && b->failed) {
			*err = b->e;
			return -1;
		}
		if (b != NULL && b->end)
			return 0;
		x->cur = xlsx_batch_take(x, b);
		x->ri = 0;
	}
	br = &b->rows[x->ri++];
	grow_row(x, 0, br->width);
	for (i = 0, w = 0, c = b->cells + br->first; i < br->n; i++, c++)
		if (c->col & NUMBER)
			w += SHEET_NUMSZ(c->len) + 1;
	if (w > x->numcap) {
		x->numcap = w > 4096 ? w : 4096;
		x->num = xrealloc(x->num, x->numcap);
	}
	x->numlen = 0;
	for (i = 0, c = b->cells + br->first; i < br->n; i++, c++) {
		col = COL(c->col);
		x->cells[col] = (c->col & IN_SST ? x->sst : b->text) + c->off;
		x->lens[col] = c->len;
		if (c->col & NUMBER)
			number(x, col, c->col >> KIND_SHIFT & 3);
	}
	w = br->width;
	if (x->nact > 0 || (x->mnext < x->nm && x->m[x->mnext].r1 <=
	    br->row)) {
		if ((w = fill_merges(x, br->row, w)) == 0) {
			dun_err_set(err, DUN_EXIT_DATA, "%s: %s: row %ld: "
			    "merged ranges overlap; the file is damaged — "
			    "re-export it", x->name, x->pname, br->row);
			return -1;
		}
	}
	while (w > 0 && x->lens[w - 1] == 0)
		w--;
	*cells = x->cells;
	*lens = x->lens;
	*n = w;
	*row = br->row;
	return 1;
}

static void
stop_threads(struct xlsxrd *x)
{
	if (x->started == 0)
		return;
	pthread_mutex_lock(&x->mu);
	x->stop = 1;
	pthread_cond_broadcast(&x->cv);
	pthread_cond_broadcast(&x->ccv);
	pthread_mutex_unlock(&x->mu);
	pthread_join(x->ith, NULL);
	if (x->started == 2)
		pthread_join(x->th, NULL);
	x->started = 0;
}

struct xlsxrd *
xlsxrd_open(const char *path, const char *name, const char *sheetname,
    struct dun_err *err)
{
	struct xlsxrd *x = xmalloc(sizeof *x);
	size_t i;

	memset(x, 0, sizeof *x);
	x->name = xstrdup(name);
	pthread_mutex_init(&x->mu, NULL);
	pthread_cond_init(&x->cv, NULL);
	pthread_cond_init(&x->ccv, NULL);
	x->chunks = xmalloc(NCHUNK * sizeof *x->chunks);
	for (i = 0; i < NCHUNK; i++)
		x->chunks[i].buf = xmalloc(CHUNK);
	if (xlsx_book(x, path, sheetname, err) < 0)
		goto fail;
	if ((errno = pthread_create(&x->ith, NULL, inflate_run, x)) != 0)
		goto nothread;
	x->started = 1;
	if ((errno = pthread_create(&x->th, NULL, run, x)) != 0)
		goto nothread;
	x->started = 2;
	/* The thread parses ahead while the merged ranges are found. */
	if (xlsx_merges(x, err) < 0)
		goto fail;
	if (x->nm > 0) {
		x->act = xmalloc(x->nm * sizeof *x->act);
		x->stamp = xmalloc(MAXCOL * sizeof *x->stamp);
		memset(x->stamp, 0, MAXCOL * sizeof *x->stamp);
	}
	pthread_mutex_lock(&x->mu);
	x->ready = 1;
	pthread_mutex_unlock(&x->mu);
	return x;
nothread:
	dun_err_set(err, DUN_EXIT_SYS, "%s: cannot start a thread: %s", name,
	    strerror(errno));
fail:
	xlsxrd_close(x);
	return NULL;
}

void
xlsxrd_close(struct xlsxrd *x)
{
	struct batch *b;
	size_t i;

	if (x == NULL)
		return;
	stop_threads(x);
	pthread_mutex_destroy(&x->mu);
	pthread_cond_destroy(&x->cv);
	pthread_cond_destroy(&x->ccv);
	for (i = 0; i < NCHUNK; i++)
		free(x->chunks[i].buf);
	free(x->chunks);
	xlsx_batch_free(x->b);
	xlsx_batch_free(x->cur);
	while ((b = x->head) != NULL) {
		x->head = b->next;
		xlsx_batch_free(b);
	}
	while ((b = x->spare) != NULL) {
		x->spare = b->next;
		xlsx_batch_free(b);
	}
	xlsx_book_free(x);
	free(x->act);
	free(x->stamp);
	free(x->v);
	free(x->cells);
	free(x->lens);
	free(x->num);
	free(x->name);
	free(x);
}

/*
 * pdf.c — printable A4 pages with cairo and pango: letters with a
 * letterhead and a statement, and tables (call lists, visit routes, the
 * notice board).  Text is laid out by pango, so Chinese wraps and shapes
 * as it should, in a CJK font found through fontconfig.  Lists and the
 * board are written by cairo; letters are drawn once by dun's own writer
 * (pdf_ink.c, pdf_file.c) for their own files and the day's book.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cairo.h>
#include <cairo-pdf.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>

#include "pdf_int.h"

#define PAGE_W PDF_PAGE_W
#define PAGE_H PDF_PAGE_H
#define MARGIN 56.0		/* about 20 mm */
#define BOTTOM (PAGE_H - MARGIN)
#define TEXT_W (PAGE_W - 2 * MARGIN)

/* Layouts kept for the next letters a thread records (pdf_lays_new):
 * a cell's layout is the same whenever its text, size, weight, width and
 * alignment are, in the same context.  The key owns a copy of the text;
 * the table is emptied when it holds max. */
struct lkey {
	int size, width;		/* in pango units */
	int bold, align;
	const char *text;		/* the key's own copy, once kept */
};

struct pdf_lays {
	PangoContext *ctx;		/* every layout's */
	PangoFontDescription *fd;	/* the font, parsed once */
	char *font;
	GHashTable *kept;		/* struct lkey * to PangoLayout * */
	struct pdf_fontcache *fc;	/* the faces of its fonts */
	size_t max;
	unsigned long hits, misses;
};

struct pdf {
	cairo_surface_t *surface;	/* the PDF's (pdf_open) */
	cairo_t *cr;
	PangoContext *ctx;		/* every layout's */
	struct pdf_lays *lays;		/* the layouts kept, or NULL */
	struct pdf_ink *ink;		/* the pages drawn (pdf_record) */
	char *font, *path;
	double y;
	int pages, started;
	int marking, refused;		/* pdf_mark, pdf_shown */
	struct buf shown;
	struct pdf_tab {		/* the table being drawn a row at a time */
		PangoLayout **head;	/* its head row's, then a row's */
		size_t ncols;
		const double *w;
		double size, hh;
	} tab;
};

int
pdf_font_check(const char *font, struct dun_err *err)
{
	FcPattern *pat, *match;
	FcResult res;
	FcChar8 *fam;
	int ok = 0, i;

	if (!FcInit() || (pat = FcNameParse((const FcChar8 *)font)) == NULL) {
		dun_err_set(err, DUN_EXIT_SYS, "fontconfig cannot start");
		return -1;
	}
	FcConfigSubstitute(NULL, pat, FcMatchPattern);
	FcDefaultSubstitute(pat);
	if ((match = FcFontMatch(NULL, pat, &res)) != NULL) {
		for (i = 0; FcPatternGetString(match, FC_FAMILY, i, &fam) ==
		    FcResultMatch; i++)
			if (strcasecmp((const char *)fam, font) == 0)
				ok = 1;
		FcPatternDestroy(match);
	}
	FcPatternDestroy(pat);
	if (!ok) {
		dun_err_set(err, DUN_EXIT_USAGE, "the font %s (notice.font) "
		    "is not installed; Debian's fonts-noto-cjk has "
		    "\"Noto Sans CJK SC\"", abbr_q(font).s);
		return -1;
	}
	return 0;
}

struct pdf *
pdf_open(const char *path, const char *font, dun_date date, const char *title,
    struct dun_err *err)
{
	struct pdf *p = xmalloc(sizeof *p);
	char stamp[32];
	int y, m, d;

	memset(p, 0, sizeof *p);
	p->surface = cairo_pdf_surface_create(path, PAGE_W, PAGE_H);
	if (cairo_surface_status(p->surface) != CAIRO_STATUS_SUCCESS) {
		dun_err_set(err, DUN_EXIT_SYS, "%s: cannot write: %s", path,
		    cairo_status_to_string(cairo_surface_status(p->surface)));
		cairo_surface_destroy(p->surface);
		free(p);
		return NULL;
	}
	/* The notice's date, not the clock: the same notice, the same bytes. */
	dun_date_split(date, &y, &m, &d);
	snprintf(stamp, sizeof stamp, "%04d-%02d-%02dT00:00:00", y, m, d);
	cairo_pdf_surface_set_metadata(p->surface,
	    CAIRO_PDF_METADATA_CREATE_DATE, stamp);
	cairo_pdf_surface_set_metadata(p->surface,
	    CAIRO_PDF_METADATA_MOD_DATE, stamp);
	cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_TITLE,
	    title);
	cairo_pdf_surface_set_metadata(p->surface, CAIRO_PDF_METADATA_CREATOR,
	    "dun " DUN_VERSION);
	p->cr = cairo_create(p->surface);
	p->font = xstrdup(font);
	p->path = xstrdup(path);
	return p;
}

static guint
lkey_hash(gconstpointer k)
{
	const struct lkey *a = k;

	return g_str_hash(a->text) ^ ((guint)a->size * 31u + (guint)a->width *
	    17u + (guint)a->bold * 7u + (guint)a->align);
}

static gboolean
lkey_equal(gconstpointer k1, gconstpointer k2)
{
	const struct lkey *a = k1, *b = k2;

	return a->size == b->size && a->width == b->width &&
	    a->bold == b->bold && a->align == b->align &&
	    strcmp(a->text, b->text) == 0;
}

struct pdf_lays *
pdf_lays_new(void *fontmap, const char *font, size_t max)
{
	struct pdf_lays *c = xmalloc(sizeof *c);
	cairo_surface_t *probe;
	cairo_font_options_t *fo = cairo_font_options_create();

	memset(c, 0, sizeof *c);
	c->ctx = pango_font_map_create_context(fontmap ? fontmap :
	    pango_cairo_font_map_get_default());
	/* Laid out as on cairo's PDF surface, with its font options (no
	 * hinting of metrics): the letters' pages are PDF, whoever writes
	 * them. */
	probe = cairo_pdf_surface_create_for_stream(NULL, NULL, PAGE_W,
	    PAGE_H);
	cairo_surface_get_font_options(probe, fo);
	pango_cairo_context_set_font_options(c->ctx, fo);
	cairo_font_options_destroy(fo);
	cairo_surface_destroy(probe);
	c->font = xstrdup(font);
	c->max = max;
	c->fd = pango_font_description_from_string(font);
	c->kept = g_hash_table_new_full(lkey_hash, lkey_equal, free,
	    g_object_unref);
	c->fc = pdf_fontcache_new();
	return c;
}

void
pdf_lays_free(struct pdf_lays *c)
{
	if (c == NULL)
		return;
	g_hash_table_destroy(c->kept);
	pdf_fontcache_free(c->fc);
	pango_font_description_free(c->fd);
	g_object_unref(c->ctx);
	free(c->font);
	free(c);
}

void
pdf_lays_count(const struct pdf_lays *c, unsigned long *hits,
    unsigned long *misses)
{
	*hits = c->hits;
	*misses = c->misses;
}

struct pdf *
pdf_record(struct pdf_lays *lays, struct pdf_faces *faces)
{
	struct pdf *p = xmalloc(sizeof *p);

	memset(p, 0, sizeof *p);
	/* The context is the layouts', and stays with the thread. */
	p->lays = lays;
	p->font = xstrdup(lays->font);
	p->path = xstrdup("(recorded)");
	p->ink = pdf_ink_new(faces);
	return p;
}

static void
new_page(struct pdf *p)
{
	if (p->ink != NULL)
		pdf_ink_page(p->ink);
	else if (p->started)
		cairo_show_page(p->cr);
	p->started = 1;
	p->pages++;
	p->y = MARGIN;
}

/* A new layout of text (UTF-8) in the font description fd at size,
 * width w points, in the context ctx. */
static PangoLayout *
layout_new(PangoContext *ctx, const PangoFontDescription *fd0,
    const char *text, int size, int bold, int w, PangoAlignment align)
{
	PangoLayout *l = pango_layout_new(ctx);
	PangoFontDescription *fd = pango_font_description_copy(fd0);

	pango_font_description_set_absolute_size(fd, size);
	if (bold)
		pango_font_description_set_weight(fd, PANGO_WEIGHT_BOLD);
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	pango_layout_set_width(l, w);
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_alignment(l, align);
	pango_layout_set_text(l, text, -1);
	return l;
}

/* The layout kept in c for the key, made and kept if there is none; the
 * caller's reference. */
static PangoLayout *
lays_get(struct pdf_lays *c, const struct lkey *k)
{
	PangoLayout *l = g_hash_table_lookup(c->kept, k);
	struct lkey *own;
	size_t len;

	if (l != NULL) {
		c->hits++;
		return g_object_ref(l);
	}
	c->misses++;
	l = layout_new(c->ctx, c->fd, k->text, k->size, k->bold, k->width,
	    (PangoAlignment)k->align);
	if (c->max == 0)
		return l;
	if (g_hash_table_size(c->kept) >= c->max)
		g_hash_table_remove_all(c->kept);
	len = strlen(k->text);
	own = xmalloc(sizeof *own + len + 1);
	*own = *k;
	memcpy(own + 1, k->text, len + 1);
	own->text = (const char *)(own + 1);
	g_hash_table_insert(c->kept, own, g_object_ref(l));
	return l;
}

/* A layout of text in the font at size, width w points.  Text that is
 * not UTF-8, which pango would refuse and lose what follows, is laid out
 * as nothing, and counted. */
static PangoLayout *
layout(struct pdf *p, const char *text, double size, int bold, double w,
    PangoAlignment align)
{
	PangoLayout *l;
	PangoFontDescription *fd;
	size_t len = strlen(text);
	int partial;

	if (utf8_valid((const unsigned char *)text, len, &partial) != len) {
		p->refused++;
		text = "";
	}
	if (p->lays != NULL) {
		struct lkey k = { (int)(size * PANGO_SCALE),
		    (int)(w * PANGO_SCALE), bold != 0, (int)align, text };

		return lays_get(p->lays, &k);
	}
	/* One context for all the layouts, as the surface's. */
	if (p->ctx == NULL) {
		p->ctx = pango_font_map_create_context(
		    pango_cairo_font_map_get_default());
		pango_cairo_update_context(p->cr, p->ctx);
	}
	fd = pango_font_description_from_string(p->font);
	l = layout_new(p->ctx, fd, text, (int)(size * PANGO_SCALE), bold,
	    (int)(w * PANGO_SCALE), align);
	pango_font_description_free(fd);
	return l;
}

static double
height(PangoLayout *l)
{
	int w, h;

	pango_layout_get_size(l, &w, &h);
	return (double)h / PANGO_SCALE;
}

/* What is drawn, kept while marking: the text pango was given. */
static void
keep(struct pdf *p, PangoLayout *l)
{
	if (p->marking) {
		buf_str(&p->shown, pango_layout_get_text(l));
		buf_str(&p->shown, "\n");
	}
}

/* Layout l with its top left at (x, y). */
static void
show(struct pdf *p, double x, double y, PangoLayout *l)
{
	if (p->ink != NULL)
		pdf_ink_layout(p->ink, p->lays->fc, x, y, l);
	else {
		cairo_move_to(p->cr, x, y);
		pango_cairo_show_layout(p->cr, l);
	}
}

/* A paragraph at the left margin, on a new page if it does not fit. */
static void
para(struct pdf *p, const char *text, double size, int bold,
    PangoAlignment align, double after)
{
	PangoLayout *l = layout(p, text, size, bold, TEXT_W, align);
	double h = height(l);

	keep(p, l);
	if (!p->started || (p->y + h > BOTTOM && p->y > MARGIN))
		new_page(p);
	show(p, MARGIN, p->y, l);
	g_object_unref(l);
	p->y += h + after;
}

static void
rule(struct pdf *p, double width)
{
	if (p->ink != NULL) {
		pdf_ink_line(p->ink, width, MARGIN, p->y, PAGE_W - MARGIN,
		    p->y);
		p->y += 8;
		return;
	}
	cairo_set_line_width(p->cr, width);
	cairo_move_to(p->cr, MARGIN, p->y);
	cairo_line_to(p->cr, PAGE_W - MARGIN, p->y);
	cairo_stroke(p->cr);
	p->y += 8;
}

/* Paragraphs separated by blank lines; single newlines stay. */
static void
paras(struct pdf *p, const char *text, double size)
{
	const char *s = text, *e;
	char *buf;

	while (*s != '\0') {
		e = strstr(s, "\n\n");
		if (e == NULL)
			e = s + strlen(s);
		buf = xmalloc((size_t)(e - s) + 1);
		memcpy(buf, s, (size_t)(e - s));
		buf[e - s] = '\0';
		if (*buf != '\0')
			para(p, buf, size, 0, PANGO_ALIGN_LEFT, size * 0.8);
		free(buf);
		s = *e ? e + 2 : e;
		while (*s == '\n')
			s++;
	}
}

/* The layouts of a row's cells, into ls[0..ncols), and the row's height
 * by them. */
static double
row_layouts(struct pdf *p, const char *const *cells, size_t ncols,
    const double *w, double size, int bold, PangoLayout **ls)
{
	double h = 0, k;
	size_t j;

	for (j = 0; j < ncols; j++) {
		ls[j] = layout(p, cells[j] ? cells[j] : "", size, bold,
		    w[j] * TEXT_W - 6, PANGO_ALIGN_LEFT);
		if ((k = height(ls[j])) > h)
			h = k;
	}
	return h + 6;
}

static void
row_free(PangoLayout **ls, size_t ncols)
{
	size_t j;

	for (j = 0; j < ncols; j++)
		g_object_unref(ls[j]);
}

/* A row of cells laid out (ls), h high, boxed.  The boxes first, each
 * stroked alone as before, and then the texts, which lie inside them:
 * the same pixels, and a PDF writer that changes from stroking to
 * filling twice a row, not twice a cell, and writes the row's texts in
 * one text object. */
static void
row(struct pdf *p, PangoLayout **ls, size_t ncols, const double *w, double h)
{
	double x = MARGIN;
	size_t j;

	if (p->ink == NULL)
		cairo_set_line_width(p->cr, 0.5);
	for (j = 0; j < ncols; j++) {
		if (p->ink != NULL)
			pdf_ink_rect(p->ink, 0.5, x, p->y, w[j] * TEXT_W, h);
		else {
			cairo_rectangle(p->cr, x, p->y, w[j] * TEXT_W, h);
			cairo_stroke(p->cr);
		}
		x += w[j] * TEXT_W;
	}
	x = MARGIN;
	for (j = 0; j < ncols; j++) {
		keep(p, ls[j]);
		show(p, x + 3, p->y + 3, ls[j]);
		x += w[j] * TEXT_W;
	}
	p->y += h;
}

/* A table: cells row by row, the first row its head, repeated on each
 * page; w[j] the share of the text width each column takes.  Each cell
 * is laid out once (the head twice: its height is the regular text's,
 * and it is drawn bold). */
/* Begin a table of ncols columns (widths as shares of the line) in
 * type of size, its head row cells drawn now and at the top of each page
 * it runs onto. */
static void
table_begin(struct pdf *p, const char *const *head, size_t ncols,
    const double *w, double size)
{
	struct pdf_tab *t = &p->tab;
	PangoLayout **ls;

	t->head = xmalloc(2 * (ncols + 1) * sizeof *t->head);
	t->ncols = ncols;
	t->w = w;
	t->size = size;
	ls = t->head + ncols;
	t->hh = row_layouts(p, head, ncols, w, size, 0, ls);
	row_free(ls, ncols);
	row_layouts(p, head, ncols, w, size, 1, t->head);
	if (p->y + 2 * t->hh > BOTTOM)
		new_page(p);
	row(p, t->head, ncols, w, t->hh);
}

/* The table's next row, a new page (with the head) when it does not
 * fit. */
static void
table_row(struct pdf *p, const char *const *cells)
{
	struct pdf_tab *t = &p->tab;
	PangoLayout **ls = t->head + t->ncols;
	double h = row_layouts(p, cells, t->ncols, t->w, t->size, 0, ls);

	if (p->y + h > BOTTOM) {
		new_page(p);
		row(p, t->head, t->ncols, t->w, t->hh);
	}
	row(p, ls, t->ncols, t->w, h);
	row_free(ls, t->ncols);
}

static void
table_end(struct pdf *p)
{
	struct pdf_tab *t = &p->tab;

	if (t->head == NULL)
		return;
	row_free(t->head, t->ncols);
	free(t->head);
	t->head = NULL;
	p->y += 10;
}

static void
table(struct pdf *p, const char *const *cells, size_t ncols, size_t nrows,
    const double *w, double size)
{
	size_t i;

	table_begin(p, cells, ncols, w, size);
	for (i = 1; i < nrows; i++)
		table_row(p, cells + i * ncols);
	table_end(p);
}

void
pdf_letter(struct pdf *p, const struct pdf_letter *L)
{
	if (p->started)
		new_page(p);
	para(p, L->company, 18, 1, PANGO_ALIGN_CENTER, 4);
	if (L->contact && *L->contact)
		para(p, L->contact, 9, 0, PANGO_ALIGN_CENTER, 6);
	rule(p, 1.2);
	para(p, L->title, 16, 1, PANGO_ALIGN_CENTER, 6);
	para(p, L->ref, 9, 0, PANGO_ALIGN_RIGHT, 10);
	if (L->to && *L->to)
		para(p, L->to, 11, 0, PANGO_ALIGN_LEFT, 8);
	paras(p, L->body, 11);
	if (L->nrows > 1)
		table(p, L->cells, L->ncols, L->nrows, L->widths, 9);
	if (L->after && *L->after)
		paras(p, L->after, 11);
	p->y += 14;
	para(p, L->sign, 11, 0, PANGO_ALIGN_RIGHT, 4);
}

void
pdf_letter_texts(const struct pdf_letter *L, void (*fn)(const char *, int,
    void *), void *arg)
{
	size_t i;

	/* As pdf_letter draws them: the letterhead and title bold, and the
	 * statement's head. */
	fn(L->company, 1, arg);
	if (L->contact)
		fn(L->contact, 0, arg);
	fn(L->title, 1, arg);
	fn(L->ref, 0, arg);
	if (L->to)
		fn(L->to, 0, arg);
	fn(L->body, 0, arg);
	for (i = 0; L->nrows > 1 && i < L->nrows * L->ncols; i++)
		if (L->cells[i] != NULL)
			fn(L->cells[i], i < L->ncols, arg);
	if (L->after)
		fn(L->after, 0, arg);
	fn(L->sign, 0, arg);
}

void
pdf_title(struct pdf *p, const char *title, const char *sub)
{
	if (p->started)
		new_page(p);
	para(p, title, 15, 1, PANGO_ALIGN_CENTER, 4);
	if (sub && *sub)
		para(p, sub, 9, 0, PANGO_ALIGN_CENTER, 8);
}

void
pdf_table(struct pdf *p, const char *title, const char *sub,
    const char *const *cells, size_t ncols, size_t nrows, const double *w)
{
	pdf_title(p, title, sub);
	table(p, cells, ncols, nrows, w, 8.5);
}

void
pdf_table_begin(struct pdf *p, const char *title, const char *sub,
    const char *const *head, size_t ncols, const double *w)
{
	pdf_title(p, title, sub);
	table_begin(p, head, ncols, w, 8.5);
}

void
pdf_table_row(struct pdf *p, const char *const *cells)
{
	table_row(p, cells);
}

void
pdf_table_end(struct pdf *p)
{
	table_end(p);
}

void
pdf_section(struct pdf *p, const char *title, const char *const *cells,
    size_t ncols, size_t nrows, const double *w)
{
	if (!p->started || p->y + 60 > BOTTOM)
		new_page(p);
	p->y += 4;
	para(p, title, 12, 1, PANGO_ALIGN_LEFT, 4);
	if (nrows > 1)
		table(p, cells, ncols, nrows, w, 8);
}

void
pdf_text(struct pdf *p, const char *text)
{
	paras(p, text, 10);
}

void
pdf_mark(struct pdf *p)
{
	p->marking = 1;
	p->refused = 0;
	p->shown.len = 0;
	buf_add(&p->shown, "", 0);
}

const char *
pdf_shown(const struct pdf *p, int *refused)
{
	*refused = p->refused;
	return p->shown.s ? p->shown.s : "";
}

/* The last page of a recording ended, if not yet. */
static void
ink_end(struct pdf *p)
{
	if (!p->started)
		new_page(p);
	p->started = 1;
	pdf_ink_end(p->ink);
}

void
pdf_write(struct pdf *rec, dun_date date, const char *title,
    struct buf *file)
{
	ink_end(rec);
	pdf_ink_file(rec->ink, date, title, file);
}

void
pdf_book_put(struct pdf_book *bk, struct pdf *rec)
{
	ink_end(rec);
	pdf_book_add(bk, rec->ink);
}

int
pdf_close(struct pdf *p, struct dun_err *err)
{
	cairo_status_t st;
	int r = 0;

	if (p == NULL)
		return 0;
	if (p->tab.head != NULL) {	/* a table not ended: dropped */
		row_free(p->tab.head, p->tab.ncols);
		free(p->tab.head);
	}
	if (p->ink != NULL) {
		pdf_ink_free(p->ink);
		st = CAIRO_STATUS_SUCCESS;
	} else {
		if (!p->started)
			new_page(p);
		/* An error in drawing leaves the rest of the document
		 * blank. */
		st = cairo_status(p->cr);
		cairo_destroy(p->cr);
		cairo_surface_finish(p->surface);
		if (st == CAIRO_STATUS_SUCCESS)
			st = cairo_surface_status(p->surface);
		cairo_surface_destroy(p->surface);
	}
	if (st != CAIRO_STATUS_SUCCESS) {
		dun_err_set(err, DUN_EXIT_SYS, "%s: cannot write: %s", p->path,
		    cairo_status_to_string(st));
		r = -1;
	}
	if (p->ctx != NULL)
		g_object_unref(p->ctx);
	buf_free(&p->shown);
	free(p->font);
	free(p->path);
	free(p);
	return r;
}

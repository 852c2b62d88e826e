/*
 * pdf_ink.c — a letter's pages as PDF content streams, drawn once from
 * pango's layouts: each glyph where pango placed it, in the face and
 * size pango chose, and the glyphs each face gives noted with the text
 * they show, for the fonts and the text a reader copies (pdf_file.c).
 * A glyph of a face that is not a CID-keyed CFF is drawn as its outline.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <fontconfig/fontconfig.h>
#include <hb-ot.h>
#include <pango/pangofc-font.h>

#include "pdf_int.h"

struct fent {			/* a font as the pages use it */
	struct pdf_faces *faces;	/* whose face number this is */
	int face;
	double size;
	char *file;
	int index, embolden;
};

struct pdf_fontcache {
	GHashTable *map;	/* PangoFont * (referenced) to struct fent * */
};

static void
fent_free(void *p)
{
	struct fent *e = p;

	free(e->file);
	free(e);
}

struct pdf_fontcache *
pdf_fontcache_new(void)
{
	struct pdf_fontcache *fc = xmalloc(sizeof *fc);

	fc->map = g_hash_table_new_full(g_direct_hash, g_direct_equal,
	    g_object_unref, fent_free);
	return fc;
}

void
pdf_fontcache_free(struct pdf_fontcache *fc)
{
	if (fc == NULL)
		return;
	g_hash_table_destroy(fc->map);
	free(fc);
}

static const struct fent *
font_of(struct pdf_fontcache *fc, struct pdf_faces *faces, PangoFont *font)
{
	struct fent *e = g_hash_table_lookup(fc->map, font);

	if (e == NULL) {
		PangoFontDescription *d;
		FcPattern *pat = PANGO_IS_FC_FONT(font) ?
		    pango_fc_font_get_pattern(PANGO_FC_FONT(font)) : NULL;
		FcChar8 *file = NULL;
		FcBool b = FcFalse;

		e = xmalloc(sizeof *e);
		memset(e, 0, sizeof *e);
		if (pat != NULL &&
		    FcPatternGetString(pat, FC_FILE, 0, &file) == FcResultMatch) {
			e->file = xstrdup((const char *)file);
			if (FcPatternGetInteger(pat, FC_INDEX, 0, &e->index) !=
			    FcResultMatch)
				e->index = 0;
			if (FcPatternGetBool(pat, FC_EMBOLDEN, 0, &b) ==
			    FcResultMatch)
				e->embolden = b == FcTrue;
		}
		d = pango_font_describe_with_absolute_size(font);
		e->size = (double)pango_font_description_get_size(d) /
		    PANGO_SCALE;
		pango_font_description_free(d);
		e->face = -1;
		g_hash_table_insert(fc->map, g_object_ref(font), e);
	}
	if (e->file != NULL && e->faces != faces) {
		e->faces = faces;
		e->face = pdf_faces_find(faces, e->file, e->index,
		    e->embolden);
	}
	return e;
}

struct pdf_ink *
pdf_ink_new(struct pdf_faces *faces)
{
	struct pdf_ink *k = xmalloc(sizeof *k);

	memset(k, 0, sizeof *k);
	k->faces = faces;
	return k;
}

void
pdf_uses_free(struct pdf_uses *u)
{
	size_t i;

	for (i = 0; i < u->n; i++) {
		free(u->v[i].used);
		free(u->v[i].text);
	}
	free(u->v);
	buf_free(&u->texts);
	memset(u, 0, sizeof *u);
}

void
pdf_ink_free(struct pdf_ink *k)
{
	size_t i;

	if (k == NULL)
		return;
	for (i = 0; i < k->npages; i++)
		buf_free(&k->pages[i]);
	free(k->pages);
	buf_free(&k->cur);
	pdf_uses_free(&k->uses);
	free(k);
}

static struct pdf_use *
use_of(struct pdf_uses *u, int face, unsigned nglyphs)
{
	size_t i;
	struct pdf_use *e;

	for (i = 0; i < u->n; i++)
		if (u->v[i].face == face)
			return &u->v[i];
	u->v = xrealloc(u->v, (u->n + 1) * sizeof *u->v);
	e = &u->v[u->n++];
	e->face = face;
	e->nglyphs = nglyphs;
	e->used = xmalloc((nglyphs + 7) / 8);
	memset(e->used, 0, (nglyphs + 7) / 8);
	e->text = xmalloc((size_t)nglyphs * sizeof *e->text);
	memset(e->text, 0, (size_t)nglyphs * sizeof *e->text);
	return e;
}

/* Glyph g used, showing text[0..len) if it is the first to say. */
static void
use_glyph(struct pdf_uses *u, struct pdf_use *e, unsigned g, const char *text,
    size_t len)
{
	e->used[g >> 3] |= (uint8_t)(1u << (g & 7));
	if (e->text[g] == 0 && len > 0) {
		e->text[g] = (uint32_t)u->texts.len + 1;
		buf_add(&u->texts, text, len);
		buf_add(&u->texts, "", 1);
	}
}

void
pdf_uses_add(struct pdf_uses *to, const struct pdf_uses *from)
{
	size_t i;
	unsigned g;

	for (i = 0; i < from->n; i++) {
		const struct pdf_use *s = &from->v[i];
		struct pdf_use *d = use_of(to, s->face, s->nglyphs);

		for (g = 0; g < s->nglyphs; g++) {
			if (!(s->used[g >> 3] & 1u << (g & 7)))
				continue;
			d->used[g >> 3] |= (uint8_t)(1u << (g & 7));
			if (d->text[g] == 0 && s->text[g] != 0) {
				const char *t = from->texts.s + s->text[g] - 1;

				d->text[g] = (uint32_t)to->texts.len + 1;
				buf_add(&to->texts, t, strlen(t) + 1);
			}
		}
	}
}

/* A number of points, to 1/1000, as few characters as it takes. */
static void
num(struct buf *b, double v)
{
	char s[32], *p = s + sizeof s;
	long long m = llround(v * 1000);
	int neg = m < 0;

	if (neg)
		m = -m;
	if (m % 1000 != 0) {
		long long f = m % 1000;
		int w = 3;

		while (f % 10 == 0) {
			f /= 10;
			w--;
		}
		while (w-- > 0) {
			*--p = (char)('0' + f % 10);
			f /= 10;
		}
		*--p = '.';
	}
	m /= 1000;
	do {
		*--p = (char)('0' + m % 10);
		m /= 10;
	} while (m > 0);
	if (neg)
		*--p = '-';
	buf_add(b, p, (size_t)(s + sizeof s - p));
}

static void
ends_page(struct pdf_ink *k)
{
	if (!k->open)
		return;
	k->pages = xrealloc(k->pages, (k->npages + 1) * sizeof *k->pages);
	memset(&k->pages[k->npages], 0, sizeof *k->pages);
	pdf_deflate(&k->pages[k->npages++], k->cur.s, k->cur.len);
	k->cur.len = 0;
	k->open = 0;
}

void
pdf_ink_page(struct pdf_ink *k)
{
	ends_page(k);
	k->open = 1;
	k->lw = -1;
	k->cur.len = 0;
	buf_add(&k->cur, "", 0);
}

void
pdf_ink_end(struct pdf_ink *k)
{
	if (!k->open && k->npages == 0)
		pdf_ink_page(k);
	ends_page(k);
}

static void
line_width(struct pdf_ink *k, double w)
{
	if (k->lw != w) {
		num(&k->cur, w);
		buf_str(&k->cur, " w\n");
		k->lw = w;
	}
}

void
pdf_ink_line(struct pdf_ink *k, double width, double x0, double y0,
    double x1, double y1)
{
	line_width(k, width);
	num(&k->cur, x0);
	buf_add(&k->cur, " ", 1);
	num(&k->cur, PDF_PAGE_H - y0);
	buf_str(&k->cur, " m ");
	num(&k->cur, x1);
	buf_add(&k->cur, " ", 1);
	num(&k->cur, PDF_PAGE_H - y1);
	buf_str(&k->cur, " l S\n");
}

void
pdf_ink_rect(struct pdf_ink *k, double width, double x, double y, double w,
    double h)
{
	line_width(k, width);
	num(&k->cur, x);
	buf_add(&k->cur, " ", 1);
	num(&k->cur, PDF_PAGE_H - y - h);
	buf_add(&k->cur, " ", 1);
	num(&k->cur, w);
	buf_add(&k->cur, " ", 1);
	num(&k->cur, h);
	buf_str(&k->cur, " re S\n");
}

/* An outline, drawn by HarfBuzz into the content: the glyph's origin at
 * (x, y) in PDF's space, scale points to a font unit. */
struct outline {
	struct buf *b;
	double x, y, scale;
	float px, py;		/* the pen, in font units */
};

static void
pt(struct outline *o, float x, float y)
{
	num(o->b, o->x + x * o->scale);
	buf_add(o->b, " ", 1);
	num(o->b, o->y + y * o->scale);
	buf_add(o->b, " ", 1);
}

static void
o_move(hb_draw_funcs_t *df, void *data, hb_draw_state_t *st, float x, float y,
    void *u)
{
	struct outline *o = data;

	(void)df, (void)st, (void)u;
	pt(o, x, y);
	buf_str(o->b, "m\n");
	o->px = x, o->py = y;
}

static void
o_line(hb_draw_funcs_t *df, void *data, hb_draw_state_t *st, float x, float y,
    void *u)
{
	struct outline *o = data;

	(void)df, (void)st, (void)u;
	pt(o, x, y);
	buf_str(o->b, "l\n");
	o->px = x, o->py = y;
}

static void
o_cubic(hb_draw_funcs_t *df, void *data, hb_draw_state_t *st, float x1,
    float y1, float x2, float y2, float x, float y, void *u)
{
	struct outline *o = data;

	(void)df, (void)st, (void)u;
	pt(o, x1, y1);
	pt(o, x2, y2);
	pt(o, x, y);
	buf_str(o->b, "c\n");
	o->px = x, o->py = y;
}

static void
o_quad(hb_draw_funcs_t *df, void *data, hb_draw_state_t *st, float cx,
    float cy, float x, float y, void *u)
{
	struct outline *o = data;

	o_cubic(df, data, st, o->px + 2.f / 3 * (cx - o->px),
	    o->py + 2.f / 3 * (cy - o->py), x + 2.f / 3 * (cx - x),
	    y + 2.f / 3 * (cy - y), x, y, u);
}

static void
o_close(hb_draw_funcs_t *df, void *data, hb_draw_state_t *st, void *u)
{
	struct outline *o = data;

	(void)df, (void)st, (void)u;
	buf_str(o->b, "h\n");
}

static hb_draw_funcs_t *
outline_funcs(void)
{
	static hb_draw_funcs_t *df;	/* made once, immutable */

	if (g_once_init_enter(&df)) {
		hb_draw_funcs_t *f = hb_draw_funcs_create();

		hb_draw_funcs_set_move_to_func(f, o_move, NULL, NULL);
		hb_draw_funcs_set_line_to_func(f, o_line, NULL, NULL);
		hb_draw_funcs_set_quadratic_to_func(f, o_quad, NULL, NULL);
		hb_draw_funcs_set_cubic_to_func(f, o_cubic, NULL, NULL);
		hb_draw_funcs_set_close_path_func(f, o_close, NULL, NULL);
		hb_draw_funcs_make_immutable(f);
		g_once_init_leave(&df, f);
	}
	return df;
}

/* The bytes of the text glyph i of a run shows: its cluster, if i is the
 * cluster's first glyph. */
static size_t
cluster(const PangoGlyphItem *run, int i, size_t *start)
{
	const PangoGlyphString *gs = run->glyphs;
	int c = gs->log_clusters[i], end = run->item->length, j;

	if (i > 0 && gs->log_clusters[i - 1] == c)
		return 0;
	for (j = 0; j < gs->num_glyphs; j++)
		if (gs->log_clusters[j] > c && gs->log_clusters[j] < end)
			end = gs->log_clusters[j];
	*start = (size_t)(run->item->offset + c);
	return (size_t)(end - c);
}

/* A character no font has, cp: a box, as wide as pango made its place,
 * with the character's number in hexadecimal inside, as cairo drew it,
 * in face f's digits (named fname) when it has them, so that a reader
 * of the letter can tell which character its owner's name holds. */
static void
unknown(struct pdf_ink *k, const struct pdf_face *f, struct pdf_use *use,
    size_t fname, double size, double x, double y, double w, unsigned cp)
{
	static const char hx[] = "0123456789ABCDEF";
	struct buf *b = &k->cur;
	char digits[8];
	hb_codepoint_t dg[8];
	double ds, adv = 0;
	int n, i, have = f->kind != FACE_OUTLINE;

	line_width(k, size / 20);
	num(b, x + size * 0.1);
	buf_add(b, " ", 1);
	num(b, y - size * 0.1);
	buf_add(b, " ", 1);
	num(b, w - size * 0.2);
	buf_add(b, " ", 1);
	num(b, size * 0.85);
	buf_str(b, " re S\n");
	n = cp > 0xffff ? 6 : 4;
	for (i = 0; i < n; i++) {
		digits[i] = hx[cp >> 4 * (n - 1 - i) & 15];
		if (!hb_font_get_nominal_glyph(f->font,
		    (hb_codepoint_t)digits[i], &dg[i]) || dg[i] >= f->nglyphs)
			have = 0;
		else
			adv += pdf_face_width(f, dg[i]);
	}
	if (!have || adv <= 0)
		return;
	/* The digits fill the box's width, at most half its height. */
	ds = (w - size * 0.4) * 1000 / adv;
	if (ds > size * 0.5)
		ds = size * 0.5;
	if (ds <= 0)
		return;
	buf_fmt(b, "BT\n/F%zu ", fname);
	num(b, ds);
	buf_str(b, " Tf\n1 0 0 1 ");
	num(b, x + (w - adv * ds / 1000) / 2);
	buf_add(b, " ", 1);
	num(b, y + size * 0.35 - ds * 0.35);
	buf_str(b, " Tm<");
	for (i = 0; i < n; i++) {
		pdf_hex4(b, dg[i]);
		use_glyph(&k->uses, use, dg[i], &digits[i], 1);
	}
	buf_str(b, ">Tj\nET\n");
}

void
pdf_ink_layout(struct pdf_ink *k, struct pdf_fontcache *fc, double x,
    double y, PangoLayout *l)
{
	const char *text = pango_layout_get_text(l);
	PangoLayoutIter *it = pango_layout_get_iter(l);
	struct buf *b = &k->cur;
	int bt = 0, face = -1, tr = 0;
	double size = 0;

	do {
		PangoLayoutRun *run = pango_layout_iter_get_run_readonly(it);
		const struct pdf_face *f;
		const struct fent *e;
		struct pdf_use *use;
		PangoRectangle r;
		double base, pen = 0;
		int gx, i, intj = 0, instr = 0;

		if (run == NULL)
			continue;
		pango_layout_iter_get_run_extents(it, NULL, &r);
		base = y + (double)pango_layout_iter_get_baseline(it) /
		    PANGO_SCALE;
		e = font_of(fc, k->faces, run->item->analysis.font);
		if (e->face < 0)
			continue;	/* no file: nothing to embed */
		f = pdf_faces_get(k->faces, e->face);
		use = use_of(&k->uses, e->face, f->nglyphs);
		gx = r.x;
		for (i = 0; i < run->glyphs->num_glyphs; i++) {
			const PangoGlyphInfo *gi = &run->glyphs->glyphs[i];
			unsigned g = gi->glyph;
			double gxp = x + (double)(gx + gi->geometry.x_offset) /
			    PANGO_SCALE, gyp = PDF_PAGE_H - base -
			    (double)gi->geometry.y_offset / PANGO_SCALE;
			size_t start = 0, len;
			long adj;

			gx += gi->geometry.width;
			if (g == PANGO_GLYPH_EMPTY || (!(g &
			    PANGO_GLYPH_UNKNOWN_FLAG) && g >= f->nglyphs))
				continue;
			if (!(g & PANGO_GLYPH_UNKNOWN_FLAG)) {
				len = cluster(run, i, &start);
				use_glyph(&k->uses, use, g, text + start, len);
			}
			if (f->kind == FACE_OUTLINE ||
			    (g & PANGO_GLYPH_UNKNOWN_FLAG)) {
				hb_draw_funcs_t *df = outline_funcs();
				struct outline o = { b, gxp, gyp,
				    e->size / f->upem, 0, 0 };

				if (bt) {
					if (instr)
						buf_str(b, ">");
					if (intj)
						buf_str(b, "]TJ\n");
					buf_str(b, tr ? "0 Tr\nET\n" : "ET\n");
					bt = intj = instr = tr = 0;
					face = -1;
				}
				if (g & PANGO_GLYPH_UNKNOWN_FLAG) {
					unknown(k, f, use, (size_t)(use -
					    k->uses.v), e->size, gxp, gyp,
					    (double)gi->geometry.width /
					    PANGO_SCALE, g &
					    ~PANGO_GLYPH_UNKNOWN_FLAG);
					continue;
				}
				if (e->embolden)
					line_width(k, e->size / 24);
				hb_font_get_glyph_shape(f->font, g, df, &o);
				/* Emboldened as the renderer would: by
				 * e->size / 48 on each side. */
				buf_str(b, e->embolden ? "B\n" : "f\n");
				continue;
			}
			if (!bt) {
				buf_str(b, "BT\n");
				bt = 1;
			}
			if (face != e->face || size != e->size) {
				if (instr)
					buf_str(b, ">");
				if (intj)
					buf_str(b, "]TJ\n");
				intj = instr = 0;
				/* Named by its order in the letter, not by
				 * the thread that loaded it first. */
				buf_fmt(b, "/F%zu ", (size_t)(use - k->uses.v));
				num(b, e->size);
				buf_str(b, " Tf\n");
				if (e->embolden != tr) {
					if (e->embolden) {
						k->lw = e->size / 24;
						num(b, k->lw);
						buf_str(b, " w 2 Tr\n");
					} else
						buf_str(b, "0 Tr\n");
					tr = e->embolden;
				}
				face = e->face;
				size = e->size;
			}
			if (intj && gi->geometry.y_offset != 0) {
				if (instr)
					buf_str(b, ">");
				buf_str(b, "]TJ\n");
				intj = instr = 0;
			}
			if (!intj) {
				buf_str(b, "1 0 0 1 ");
				num(b, gxp);
				buf_add(b, " ", 1);
				num(b, gyp);
				buf_str(b, " Tm[");
				intj = 1;
				pen = gxp;
			} else if ((adj = lround((pen - gxp) * 1000 / size)) !=
			    0) {
				if (instr)
					buf_str(b, ">");
				num(b, (double)adj);
				instr = 0;
				pen -= (double)adj * size / 1000;
			}
			if (!instr)
				buf_str(b, "<");
			instr = 1;
			pdf_hex4(b, g);
			pen += (double)pdf_face_width(f, g) * size / 1000;
			if (gi->geometry.y_offset != 0) {
				buf_str(b, ">]TJ\n");
				intj = instr = 0;
			}
		}
		if (instr)
			buf_str(b, ">");
		if (intj)
			buf_str(b, "]TJ\n");
	} while (pango_layout_iter_next_run(it));
	if (bt)
		buf_str(b, tr ? "0 Tr\nET\n" : "ET\n");
	pango_layout_iter_free(it);
}

/*
 * pdf_file.c — PDF files of pages drawn once (pdf_ink.c): a letter's
 * own file, made whole in memory, and the day's book of letters for the
 * print room, written as the letters come, with the same content streams.
 * Each embeds the glyphs its pages use of each face, once, with their
 * widths and the text they show (a ToUnicode map), so that a reader
 * copies and searches the text as written.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "pdf_int.h"

/* A PDF being written: its bytes (flushed to fp when it has one, else
 * kept whole) and where each object begins. */
struct out {
	struct buf b;
	FILE *fp;
	uint64_t flushed;
	uint64_t *offs;		/* by object number, 0: none yet */
	size_t nobj, cap;	/* numbers given: 1..nobj */
	int failed;
};

static uint64_t
at(const struct out *o)
{
	return o->flushed + o->b.len;
}

/* The hot loops' numbers, without printf. */
static void
put_uint(struct buf *b, unsigned long long v, int width)
{
	char s[24], *p = s + sizeof s;

	do {
		*--p = (char)('0' + v % 10);
		v /= 10;
	} while (v > 0 || s + sizeof s - p < width);
	buf_add(b, p, (size_t)(s + sizeof s - p));
}

void
pdf_hex4(struct buf *b, unsigned v)
{
	static const char hx[] = "0123456789ABCDEF";
	char c[4] = { hx[v >> 12 & 15], hx[v >> 8 & 15], hx[v >> 4 & 15],
	    hx[v & 15] };

	buf_add(b, c, 4);
}

static void
flush(struct out *o)
{
	if (o->fp != NULL && o->b.len > 0) {
		if (fwrite(o->b.s, 1, o->b.len, o->fp) != o->b.len)
			o->failed = errno ? errno : EIO;
		o->flushed += o->b.len;
		o->b.len = 0;
	}
}

static int
obj_new(struct out *o)
{
	if (o->nobj + 1 >= o->cap) {
		o->cap = o->cap ? 2 * o->cap : 64;
		o->offs = xrealloc(o->offs, o->cap * sizeof *o->offs);
	}
	o->offs[++o->nobj] = 0;
	return (int)o->nobj;
}

static void
obj_begin(struct out *o, int n)
{
	o->offs[n] = at(o);
	buf_fmt(&o->b, "%d 0 obj\n", n);
}

static void
stream(struct out *o, int n, const char *dict, const char *s, size_t len)
{
	obj_begin(o, n);
	buf_fmt(&o->b, "<<%s/Length %zu>>\nstream\n", dict, len);
	buf_add(&o->b, s, len);
	buf_str(&o->b, "\nendstream\nendobj\n");
	if (o->b.len > 1 << 16)
		flush(o);
}

void
pdf_deflate(struct buf *out, const char *s, size_t len)
{
	z_stream z;

	memset(&z, 0, sizeof z);
	if (deflateInit(&z, Z_BEST_SPEED) != Z_OK)
		abort();
	out->len = 0;
	if (out->cap < deflateBound(&z, (uLong)len) + 1) {
		out->cap = deflateBound(&z, (uLong)len) + 1;
		out->s = xrealloc(out->s, out->cap);
	}
	z.next_in = (Bytef *)s;
	z.avail_in = (uInt)len;
	z.next_out = (Bytef *)out->s;
	z.avail_out = (uInt)out->cap;
	if (deflate(&z, Z_FINISH) != Z_STREAM_END)
		abort();
	out->len = z.total_out;
	deflateEnd(&z);
}

static void
head(struct out *o)
{
	buf_str(&o->b, "%PDF-1.5\n%\xb5\xed\xae\xfb\n");
}

/* A text string of UTF-8 s: UTF-16BE in hex, after its mark. */
static void
utf16(struct buf *b, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	while (*p != '\0') {
		unsigned c = *p, n = 0;

		if (c < 0x80)
			n = 0;
		else if (c >= 0xf0)
			c &= 0x07, n = 3;
		else if (c >= 0xe0)
			c &= 0x0f, n = 2;
		else
			c &= 0x1f, n = 1;
		p++;
		while (n-- > 0 && (*p & 0xc0) == 0x80)
			c = c << 6 | (*p++ & 0x3f);
		if (c >= 0x10000) {
			c -= 0x10000;
			pdf_hex4(b, 0xd800 + (c >> 10));
			pdf_hex4(b, 0xdc00 + (c & 0x3ff));
		} else
			pdf_hex4(b, c);
	}
}

static void
info(struct out *o, int n, dun_date date, const char *title)
{
	int y, m, d;

	dun_date_split(date, &y, &m, &d);
	obj_begin(o, n);
	buf_str(&o->b, "<</Title<FEFF");
	utf16(&o->b, title);
	buf_fmt(&o->b, ">/Creator(dun " DUN_VERSION ")/Producer(dun "
	    DUN_VERSION ")/CreationDate(D:%04d%02d%02d000000Z)"
	    "/ModDate(D:%04d%02d%02d000000Z)>>\nendobj\n", y, m, d, y, m, d);
}

/* The objects of face f's font as use u needs it, the Type0 font
 * numbered n. */
static void
font(struct out *o, const struct pdf_face *f, const struct pdf_use *u,
    const char *texts, int n)
{
	int cid = obj_new(o), desc = obj_new(o), file = obj_new(o),
	    map = obj_new(o);
	struct buf cff = { 0 }, z = { 0 }, m = { 0 };
	uint32_t h = 2166136261u;
	char tag[7];
	unsigned g, run = 0, nmap;
	size_t i;
	int k;

	for (i = 0; i < (f->nglyphs + 7) / 8; i++)
		h = (h ^ u->used[i]) * 16777619u;
	for (k = 0; k < 6; k++, h /= 26)
		tag[k] = (char)('A' + h % 26);
	tag[6] = '\0';
	obj_begin(o, n);
	buf_fmt(&o->b, "<</Type/Font/Subtype/Type0/BaseFont/%s+%s"
	    "/Encoding/Identity-H/DescendantFonts[%d 0 R]/ToUnicode %d 0 R>>"
	    "\nendobj\n", tag, f->psname, cid, map);
	obj_begin(o, cid);
	buf_fmt(&o->b, "<</Type/Font/Subtype/CIDFontType%d/BaseFont/%s+%s"
	    "/CIDSystemInfo<</Registry(Adobe)/Ordering(Identity)/Supplement 0>>"
	    "%s/FontDescriptor %d 0 R/W[", f->kind == FACE_TTF ? 2 : 0, tag,
	    f->psname, f->kind == FACE_TTF ? "/CIDToGIDMap/Identity" : "",
	    desc);
	for (g = 0; g < u->nglyphs; g++) {
		int used = u->used[g >> 3] & 1u << (g & 7);

		if (used && !run) {
			put_uint(&o->b, g, 0);
			buf_add(&o->b, "[", 1);
		}
		if (used) {
			int w = pdf_face_width(f, g);

			if (run)
				buf_add(&o->b, " ", 1);
			if (w < 0)
				buf_add(&o->b, "-", 1);
			put_uint(&o->b, (unsigned long long)(w < 0 ? -w : w),
			    0);
		}
		else if (run)
			buf_str(&o->b, "]");
		run = used != 0;
	}
	if (run)
		buf_str(&o->b, "]");
	buf_str(&o->b, "]>>\nendobj\n");
	obj_begin(o, desc);
	buf_fmt(&o->b, "<</Type/FontDescriptor/FontName/%s+%s/Flags 4"
	    "/FontBBox[%d %d %d %d]/ItalicAngle 0/Ascent %d/Descent %d"
	    "/CapHeight %d/StemV 80/FontFile%s %d 0 R>>\nendobj\n", tag,
	    f->psname, f->bbox[0], f->bbox[1], f->bbox[2], f->bbox[3],
	    f->ascent, f->descent, f->cap, f->kind == FACE_TTF ? "2" : "3",
	    file);
	/* The outlines as they are: deflating them took a third of a
	 * letter's time, for a tenth of their size. */
	if (f->kind == FACE_TTF) {
		pdf_ttf_cut(f, u->used, &cff);
		buf_fmt(&z, "/Length1 %zu", cff.len);
		stream(o, file, z.s, cff.s, cff.len);
	} else {
		pdf_face_cff_cut(f, u->used, &cff);
		stream(o, file, "/Subtype/CIDFontType0C", cff.s, cff.len);
	}
	/* The text each glyph shows, a hundred at a time. */
	buf_str(&m, "/CIDInit/ProcSet findresource begin\n12 dict begin\n"
	    "begincmap\n/CIDSystemInfo<</Registry(Adobe)/Ordering(UCS)"
	    "/Supplement 0>>def\n/CMapName/Adobe-Identity-UCS def\n"
	    "/CMapType 2 def\n1 begincodespacerange\n<0000><FFFF>\n"
	    "endcodespacerange\n");
	for (g = 0, nmap = 0; g < u->nglyphs; g++)
		nmap += u->text[g] != 0;
	for (g = 0; g < u->nglyphs && nmap > 0; g++) {
		static const unsigned chunk = 100;
		unsigned c = 0;

		buf_fmt(&m, "%u beginbfchar\n", nmap < chunk ? nmap : chunk);
		for (; g < u->nglyphs && c < chunk; g++) {
			if (u->text[g] == 0)
				continue;
			buf_add(&m, "<", 1);
			pdf_hex4(&m, g);
			buf_add(&m, "><", 2);
			utf16(&m, texts + u->text[g] - 1);
			buf_str(&m, ">\n");
			c++;
		}
		g--;
		nmap -= c;
		buf_str(&m, "endbfchar\n");
	}
	buf_str(&m, "endcmap\nCMapName currentdict/CMap defineresource pop\n"
	    "end\nend\n");
	pdf_deflate(&z, m.s, m.len);
	stream(o, map, "/Filter/FlateDecode", z.s, z.len);
	buf_free(&cff);
	buf_free(&z);
	buf_free(&m);
}

/* A page of content c, its fonts' numbers by face in fonts[] (0: none). */
static void
page(struct out *o, const struct buf *c, int parent, const struct pdf_uses *u,
    const int *fonts)
{
	int pg = obj_new(o), cn = obj_new(o);
	size_t i;

	obj_begin(o, pg);
	buf_fmt(&o->b, "<</Type/Page/Parent %d 0 R/MediaBox[0 0 595.28 841.89]"
	    "/Resources<</Font<<", parent);
	for (i = 0; i < u->n; i++)
		if (fonts[u->v[i].face] > 0)
			buf_fmt(&o->b, "/F%zu %d 0 R", i,
			    fonts[u->v[i].face]);
	buf_fmt(&o->b, ">>>>/Contents %d 0 R>>\nendobj\n", cn);
	stream(o, cn, "/Filter/FlateDecode", c->s, c->len);
}

static void
tail(struct out *o, int root, int inf)
{
	uint64_t x = at(o);
	size_t i;

	buf_fmt(&o->b, "xref\n0 %zu\n0000000000 65535 f \n", o->nobj + 1);
	for (i = 1; i <= o->nobj; i++) {
		put_uint(&o->b, o->offs[i], 10);
		buf_add(&o->b, " 00000 n \n", 10);
		if (o->b.len > 1 << 16)
			flush(o);
	}
	buf_fmt(&o->b, "trailer\n<</Size %zu/Root %d 0 R/Info %d 0 R>>\n"
	    "startxref\n%llu\n%%%%EOF\n", o->nobj + 1, root, inf,
	    (unsigned long long)x);
}

/* The numbers of the fonts of uses u's faces that are embedded, by
 * face, in *fonts (of *nfonts), each given a number if it has none. */
static void
number_fonts(struct out *o, struct pdf_faces *faces, const struct pdf_uses *u,
    int **fonts, size_t *nfonts)
{
	size_t i;

	for (i = 0; i < u->n; i++) {
		size_t id = (size_t)u->v[i].face;

		if (id >= *nfonts) {
			*fonts = xrealloc(*fonts, (id + 1) * sizeof **fonts);
			memset(*fonts + *nfonts, 0, (id + 1 - *nfonts) *
			    sizeof **fonts);
			*nfonts = id + 1;
		}
		if ((*fonts)[id] == 0 &&
		    pdf_faces_get(faces, (int)id)->kind != FACE_OUTLINE)
			(*fonts)[id] = obj_new(o);
	}
}

void
pdf_ink_file(const struct pdf_ink *k, dun_date date, const char *title,
    struct buf *file)
{
	struct out o = { { 0 }, NULL, 0, NULL, 0, 0, 0 };
	int root = obj_new(&o), pages = obj_new(&o), inf = obj_new(&o);
	int *fonts = NULL, *kids = xmalloc((k->npages + 1) * sizeof *kids);
	size_t nfonts = 0, i;

	o.b = *file;
	o.b.len = 0;
	head(&o);
	info(&o, inf, date, title);
	number_fonts(&o, k->faces, &k->uses, &fonts, &nfonts);
	for (i = 0; i < k->npages; i++) {
		kids[i] = (int)o.nobj + 1;
		page(&o, &k->pages[i], pages, &k->uses, fonts);
	}
	for (i = 0; i < k->uses.n; i++)
		if (fonts[k->uses.v[i].face] > 0)
			font(&o, pdf_faces_get(k->faces, k->uses.v[i].face),
			    &k->uses.v[i], k->uses.texts.s,
			    fonts[k->uses.v[i].face]);
	obj_begin(&o, pages);
	buf_str(&o.b, "<</Type/Pages/Kids[");
	for (i = 0; i < k->npages; i++)
		buf_fmt(&o.b, "%s%d 0 R", i ? " " : "", kids[i]);
	buf_fmt(&o.b, "]/Count %zu>>\nendobj\n", k->npages);
	obj_begin(&o, root);
	buf_fmt(&o.b, "<</Type/Catalog/Pages %d 0 R>>\nendobj\n", pages);
	tail(&o, root, inf);
	*file = o.b;
	free(o.offs);
	free(fonts);
	free(kids);
}

/* ---- the day's book ----------------------------------------------------- */

struct pdf_book {
	struct out o;
	struct pdf_faces *faces;
	char *path;
	int root, pages, inf;
	int *kids;
	size_t nkids;
	int *fonts;		/* the book's font of each face, or 0 */
	size_t nfonts;
	struct pdf_uses uses;	/* the glyphs of all its pages */
};

struct pdf_book *
pdf_book_open(const char *path, struct pdf_faces *faces, dun_date date,
    const char *title, struct dun_err *err)
{
	struct pdf_book *bk = xmalloc(sizeof *bk);

	memset(bk, 0, sizeof *bk);
	if ((bk->o.fp = fopen(path, "wb")) == NULL) {
		dun_err_set(err, DUN_EXIT_SYS, "%s: cannot write: %s", path,
		    strerror(errno));
		free(bk);
		return NULL;
	}
	bk->faces = faces;
	bk->path = xstrdup(path);
	bk->root = obj_new(&bk->o);
	bk->pages = obj_new(&bk->o);
	bk->inf = obj_new(&bk->o);
	head(&bk->o);
	info(&bk->o, bk->inf, date, title);
	return bk;
}

void
pdf_book_add(struct pdf_book *bk, const struct pdf_ink *k)
{
	size_t i;

	number_fonts(&bk->o, bk->faces, &k->uses, &bk->fonts, &bk->nfonts);
	pdf_uses_add(&bk->uses, &k->uses);
	for (i = 0; i < k->npages; i++) {
		bk->kids = xrealloc(bk->kids, (bk->nkids + 1) *
		    sizeof *bk->kids);
		bk->kids[bk->nkids++] = (int)bk->o.nobj + 1;
		page(&bk->o, &k->pages[i], bk->pages, &k->uses, bk->fonts);
	}
}

int
pdf_book_close(struct pdf_book *bk, struct dun_err *err)
{
	struct out *o = &bk->o;
	size_t i;
	int r = 0;

	for (i = 0; i < bk->uses.n; i++)
		if (bk->fonts[bk->uses.v[i].face] > 0)
			font(o, pdf_faces_get(bk->faces, bk->uses.v[i].face),
			    &bk->uses.v[i], bk->uses.texts.s,
			    bk->fonts[bk->uses.v[i].face]);
	obj_begin(o, bk->pages);
	buf_str(&o->b, "<</Type/Pages/Kids[");
	for (i = 0; i < bk->nkids; i++) {
		buf_fmt(&o->b, "%s%d 0 R", i ? " " : "", bk->kids[i]);
		if (o->b.len > 1 << 16)
			flush(o);
	}
	buf_fmt(&o->b, "]/Count %zu>>\nendobj\n", bk->nkids);
	obj_begin(o, bk->root);
	buf_fmt(&o->b, "<</Type/Catalog/Pages %d 0 R>>\nendobj\n", bk->pages);
	tail(o, bk->root, bk->inf);
	flush(o);
	if (fclose(o->fp) != 0 && !o->failed)
		o->failed = errno ? errno : EIO;
	o->fp = NULL;
	if (o->failed) {
		dun_err_set(err, DUN_EXIT_SYS, "%s: cannot write: %s",
		    bk->path, strerror(o->failed));
		r = -1;
	}
	pdf_book_free(bk);
	return r;
}

void
pdf_book_free(struct pdf_book *bk)
{
	if (bk == NULL)
		return;
	if (bk->o.fp != NULL)
		fclose(bk->o.fp);
	buf_free(&bk->o.b);
	free(bk->o.offs);
	free(bk->kids);
	free(bk->fonts);
	pdf_uses_free(&bk->uses);
	free(bk->path);
	free(bk);
}

/*
 * pdf_int.h — what the files of dun's own PDF writer share (pdf_face.c,
 * pdf_ink.c, pdf_file.c, and pdf.c, which draws with them): the faces,
 * the glyphs a PDF uses of each, and the pages' content.  The rest of
 * lib uses notice.h.
 */
#ifndef DUN_PDF_INT_H
#define DUN_PDF_INT_H

#include <stdint.h>

#include <hb.h>
#include <pango/pango.h>

#include "notice.h"

#define PDF_PAGE_W 595.28	/* A4 in points */
#define PDF_PAGE_H 841.89

/* ---- faces (pdf_face.c) ------------------------------------------------- */

/* A CFF DICT's entry: its operands d[a..b), its operator at d[b]. */
struct cff_ent {
	size_t a, b;
	int op;			/* 0..21, or 1200 + the byte after 12 */
};

struct cff_fd {			/* a Font DICT of a CID-keyed font */
	struct cff_ent *dict, *pdict;	/* its own, its Private DICT's */
	size_t ndict, npdict;
	size_t priv[2];		/* the Private DICT's bytes */
	size_t subrs[2];	/* its subroutines' INDEX, or none */
};

enum { FACE_OUTLINE, FACE_CFF, FACE_TTF };

struct pdf_face {
	char *file;
	int index, embolden;
	hb_blob_t *blob, *cffblob;
	hb_face_t *hb;
	hb_font_t *font;	/* scaled to font units */
	unsigned upem, nglyphs;
	int kind;		/* FACE_CFF, FACE_TTF: embedded, the glyph
				 * ids the codes; FACE_OUTLINE: drawn */
	char *psname;		/* as a PDF name */
	int ascent, descent, cap, bbox[4];	/* in 1/1000 em */
	/* its CFF, if cid */
	const uint8_t *cff;
	size_t cfflen;
	size_t name_at[2], str_at[2];	/* the header and Name INDEX; the
					 * String and Global Subr INDEXes */
	struct cff_ent *top;
	size_t ntop;
	struct cff_index {
		size_t count, offsize, offs, data, end;
	} cs;			/* the CharStrings */
	size_t fdsel[2];
	size_t subr_bytes;	/* its subroutines', global and local */
	struct cff_fd *fd;
	size_t nfd;
};

/* The face of file's face index (emboldened by the renderer or not), in
 * fs, loaded the first time: its number in fs. */
int pdf_faces_find(struct pdf_faces *fs, const char *file, int index,
    int embolden);
const struct pdf_face *pdf_faces_get(struct pdf_faces *fs, int id);
int pdf_faces_count(struct pdf_faces *fs);
/* Glyph g's advance in 1/1000 em, as the PDF's widths say it. */
int pdf_face_width(const struct pdf_face *f, unsigned g);
/* f's CFF with only the glyphs in used (a bit each; glyph 0 always),
 * every glyph in its place, into out. */
void pdf_face_cff(const struct pdf_face *f, const uint8_t *used,
    struct buf *out);
/* The same, its outlines taken out of their subroutines first when they
 * are many (a face of the system's, not one cut for the batch). */
void pdf_face_cff_cut(const struct pdf_face *f, const uint8_t *used,
    struct buf *out);

/* A TrueType face that can be cut (pdf_ttf.c): 1, or 0. */
int pdf_ttf_ok(const struct pdf_face *f);
/* f's tables, with only the glyphs in used and those they are made of
 * (glyph 0 always), every glyph in its place, as a font file into out. */
void pdf_ttf_cut(const struct pdf_face *f, const uint8_t *used,
    struct buf *out);

/* ---- what a PDF uses and draws (pdf_ink.c) ------------------------------ */

struct pdf_use {		/* the glyphs used of one face */
	int face;
	unsigned nglyphs;
	uint8_t *used;		/* a bit a glyph */
	uint32_t *text;		/* a glyph's characters: 1 + their offset
				 * in the uses' texts, 0: none known */
};

struct pdf_uses {
	struct pdf_use *v;
	size_t n;
	struct buf texts;	/* NUL-terminated UTF-8 */
};

/* Add what `from` uses to `to`. */
void pdf_uses_add(struct pdf_uses *to, const struct pdf_uses *from);
void pdf_uses_free(struct pdf_uses *u);

/* Pages drawn: their content streams, compressed, and the glyphs they
 * use.  Drawn by one thread; written by any, once ended. */
struct pdf_ink {
	struct pdf_faces *faces;
	struct buf *pages;	/* each page's content, deflated */
	size_t npages;
	struct buf cur;		/* the page being drawn */
	double lw;		/* its line width, < 0: not set */
	int open;
	struct pdf_uses uses;
};
/* A PangoFont's face and size, found once a thread (pdf_lays). */
struct pdf_fontcache;
struct pdf_fontcache *pdf_fontcache_new(void);
void pdf_fontcache_free(struct pdf_fontcache *fc);

struct pdf_ink *pdf_ink_new(struct pdf_faces *faces);
void pdf_ink_free(struct pdf_ink *k);
void pdf_ink_page(struct pdf_ink *k);
/* Layout l with its top left at (x, y), y down from the page's top. */
void pdf_ink_layout(struct pdf_ink *k, struct pdf_fontcache *fc, double x,
    double y, PangoLayout *l);
void pdf_ink_line(struct pdf_ink *k, double width, double x0, double y0,
    double x1, double y1);
void pdf_ink_rect(struct pdf_ink *k, double width, double x, double y,
    double w, double h);
/* The last page ended: the ink may now be written. */
void pdf_ink_end(struct pdf_ink *k);

/* ---- files (pdf_file.c) ------------------------------------------------- */

/* v (< 65536) as four hexadecimal digits, a glyph's code or a UTF-16
 * unit. */
void pdf_hex4(struct buf *b, unsigned v);
/* len bytes at s deflated (zlib), into out (its bytes replaced). */
void pdf_deflate(struct buf *out, const char *s, size_t len);

/* k's pages as a PDF file of their own, into file (its bytes replaced). */
void pdf_ink_file(const struct pdf_ink *k, dun_date date, const char *title,
    struct buf *file);
/* k's pages as the book's next. */
void pdf_book_add(struct pdf_book *bk, const struct pdf_ink *k);

#endif /* DUN_PDF_INT_H */

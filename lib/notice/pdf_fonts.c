/*
 * pdf_fonts.c — the letters' font cut down to the characters a batch of
 * letters uses, for pango through a fontconfig configuration of its own.
 *
 * cairo copies and parses the whole of every font a PDF uses each time
 * it finishes one, to embed the glyphs the PDF needs; the CJK font is
 * 19 MB, and a letter is a PDF of its own.  So the letters are laid out
 * in the same font cut by HarfBuzz's subsetter to the characters they
 * use (the same glyphs, metrics and layout tables, a few hundred
 * kilobytes), found by pango in a configuration with the system's rules
 * and no fonts but the cut ones.  The cut grows, a new one made, when
 * letters bring characters it lacks; a letter with a character the font
 * itself lacks, which pango would take from another font, is laid out
 * with the system's fonts instead.  The cut fonts live in a folder of
 * their own under $TMPDIR, removed by pdf_fonts_free.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <fontconfig/fontconfig.h>
#include <hb.h>
#include <hb-subset.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>

#include "notice.h"

struct face {
	char *file;			/* the system's font file */
	int index;			/* the face in it */
	hb_face_t *hb;
	hb_set_t *has;			/* the characters it has */
	hb_set_t *want;			/* those cut into it */
};

struct pdf_fonts {
	struct face face[2];
	int nface;
	int of[2];			/* the face of regular, bold text */
	int changed;			/* want grew since the last cut */
	char *dir;			/* the cut fonts' folder */
	char **files;			/* the cut fonts, to remove */
	size_t nfiles;
	FcConfig *cfg;			/* the cut fonts', or NULL */
};

/* The file and face the system gives font in weight bold: 0, or -1. */
static int
match(const char *font, int bold, char **file, int *index)
{
	FcPattern *pat, *m;
	FcResult res;
	FcChar8 *f;
	int r = -1;

	if ((pat = FcNameParse((const FcChar8 *)font)) == NULL)
		return -1;
	FcPatternAddInteger(pat, FC_WEIGHT, bold ? FC_WEIGHT_BOLD :
	    FC_WEIGHT_REGULAR);
	FcConfigSubstitute(NULL, pat, FcMatchPattern);
	FcDefaultSubstitute(pat);
	if ((m = FcFontMatch(NULL, pat, &res)) != NULL) {
		if (FcPatternGetString(m, FC_FILE, 0, &f) == FcResultMatch) {
			*file = xstrdup((const char *)f);
			if (FcPatternGetInteger(m, FC_INDEX, 0, index) !=
			    FcResultMatch)
				*index = 0;
			r = 0;
		}
		FcPatternDestroy(m);
	}
	FcPatternDestroy(pat);
	return r;
}

struct pdf_fonts *
pdf_fonts_new(const char *font, struct dun_err *err)
{
	struct pdf_fonts *fs = xmalloc(sizeof *fs);
	const char *tmp = getenv("TMPDIR");
	int w, k;

	memset(fs, 0, sizeof *fs);
	for (w = 0; w < 2; w++) {
		char *file;
		int index;

		if (match(font, w, &file, &index) < 0) {
			dun_err_set(err, DUN_EXIT_USAGE, "the font %s "
			    "(notice.font) is not installed", abbr_q(font).s);
			goto fail;
		}
		for (k = 0; k < fs->nface; k++)
			if (strcmp(fs->face[k].file, file) == 0 &&
			    fs->face[k].index == index)
				break;
		fs->of[w] = k;
		if (k < fs->nface) {
			free(file);
			continue;
		}
		hb_blob_t *blob = hb_blob_create_from_file_or_fail(file);

		if (blob == NULL) {
			dun_err_set(err, DUN_EXIT_SYS, "%s: cannot read the "
			    "font", file);
			free(file);
			goto fail;
		}
		fs->face[k].file = file;
		fs->face[k].index = index;
		fs->face[k].hb = hb_face_create(blob, (unsigned)index);
		hb_blob_destroy(blob);
		fs->face[k].has = hb_set_create();
		hb_face_collect_unicodes(fs->face[k].hb, fs->face[k].has);
		fs->face[k].want = hb_set_create();
		/* What pango may draw of its own: spaces, and a hyphen where
		 * it breaks a word. */
		for (index = 0x20; index < 0x7f; index++)
			hb_set_add(fs->face[k].want, (hb_codepoint_t)index);
		hb_set_add(fs->face[k].want, 0x2010);
		hb_set_add(fs->face[k].want, 0xad);
		hb_set_intersect(fs->face[k].want, fs->face[k].has);
		fs->nface++;
	}
	fs->dir = str_fmt("%s/dun-fonts.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (mkdtemp(fs->dir) == NULL) {
		dun_err_set(err, DUN_EXIT_SYS, "%s: %s", fs->dir,
		    strerror(errno));
		free(fs->dir);
		fs->dir = NULL;
		goto fail;
	}
	fs->changed = 1;
	return fs;
fail:
	pdf_fonts_free(fs);
	return NULL;
}

int
pdf_fonts_add(struct pdf_fonts *fs, const char *text, int bold)
{
	struct face *f = &fs->face[fs->of[bold != 0]];
	const char *s;
	gunichar c;

	for (s = text; *s != '\0'; s = g_utf8_next_char(s)) {
		/* Not UTF-8: pdf.c lays it out as nothing. */
		if ((c = g_utf8_get_char_validated(s, -1)) == (gunichar)-1 ||
		    c == (gunichar)-2)
			return 1;
		if (c < 0x20)
			continue;
		if (!hb_set_has(f->has, c))
			return 0;
		if (!hb_set_has(f->want, c)) {
			hb_set_add(f->want, c);
			fs->changed = 1;
		}
	}
	return 1;
}

/* Cut face f to its characters into a file of fs's folder: its name, or
 * NULL and err. */
static char *
cut(struct pdf_fonts *fs, struct face *f, struct dun_err *err)
{
	hb_subset_input_t *in = hb_subset_input_create_or_fail();
	hb_face_t *sub = NULL;
	hb_blob_t *blob;
	const char *data;
	unsigned len;
	char *path = NULL;

	if (in != NULL) {
		hb_set_union(hb_subset_input_unicode_set(in), f->want);
		/* Each glyph's outline whole, with no subroutines: a PDF
		 * that embeds some glyphs needs none of the others'
		 * (pdf_face.c). */
		hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_DESUBROUTINIZE);
		sub = hb_subset_or_fail(f->hb, in);
		hb_subset_input_destroy(in);
	}
	if (sub == NULL) {
		dun_err_set(err, DUN_EXIT_SYS, "%s: HarfBuzz cannot cut the "
		    "font", f->file);
		return NULL;
	}
	blob = hb_face_reference_blob(sub);
	data = hb_blob_get_data(blob, &len);
	path = str_fmt("%s/%zu.otf", fs->dir, fs->nfiles);
	if (write_file(path, data, len, err) < 0) {
		free(path);
		path = NULL;
	} else {
		fs->files = xrealloc(fs->files, (fs->nfiles + 1) *
		    sizeof *fs->files);
		fs->files[fs->nfiles++] = xstrdup(path);
	}
	hb_blob_destroy(blob);
	hb_face_destroy(sub);
	return path;
}

int
pdf_fonts_ready(struct pdf_fonts *fs, struct dun_err *err)
{
	FcConfig *cfg;
	char *path;
	int k;

	if (!fs->changed)
		return 0;
	/* The system's rules (synthetic bold, hinting), none of its fonts. */
	if ((cfg = FcInitLoadConfig()) == NULL) {
		dun_err_set(err, DUN_EXIT_SYS, "fontconfig cannot start");
		return -1;
	}
	for (k = 0; k < fs->nface; k++) {
		if ((path = cut(fs, &fs->face[k], err)) == NULL) {
			FcConfigDestroy(cfg);
			return -1;
		}
		if (!FcConfigAppFontAddFile(cfg, (const FcChar8 *)path)) {
			dun_err_set(err, DUN_EXIT_SYS, "%s: fontconfig cannot "
			    "read the font cut from %s", path,
			    fs->face[k].file);
			free(path);
			FcConfigDestroy(cfg);
			return -1;
		}
		free(path);
	}
	if (fs->cfg != NULL)
		FcConfigDestroy(fs->cfg);
	fs->cfg = cfg;
	fs->changed = 0;
	return 0;
}

void *
pdf_fonts_config(struct pdf_fonts *fs)
{
	return fs->cfg != NULL ? FcConfigReference(fs->cfg) : NULL;
}

void
pdf_fonts_config_free(void *cfg)
{
	if (cfg != NULL)
		FcConfigDestroy(cfg);
}

void *
pdf_fontmap_new(void *cfg)
{
	PangoFontMap *fm = pango_cairo_font_map_new_for_font_type(
	    CAIRO_FONT_TYPE_FT);

	if (cfg != NULL)
		pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(fm), cfg);
	return fm;
}

void
pdf_fontmap_free(void *fm)
{
	if (fm != NULL)
		g_object_unref(fm);
}

void
pdf_fonts_free(struct pdf_fonts *fs)
{
	size_t i;
	int k;

	if (fs == NULL)
		return;
	for (k = 0; k < fs->nface; k++) {
		free(fs->face[k].file);
		hb_face_destroy(fs->face[k].hb);
		hb_set_destroy(fs->face[k].has);
		hb_set_destroy(fs->face[k].want);
	}
	if (fs->cfg != NULL)
		FcConfigDestroy(fs->cfg);
	for (i = 0; i < fs->nfiles; i++) {
		unlink(fs->files[i]);
		free(fs->files[i]);
	}
	free(fs->files);
	if (fs->dir != NULL)
		rmdir(fs->dir);
	free(fs->dir);
	free(fs);
}

/*
 * pdf_face.c — the fonts dun's own PDF writer embeds: the faces a batch
 * of letters uses, each loaded once and shared by the threads, and a
 * face's CFF cut to the glyphs one PDF uses.
 *
 * A face of a CID-keyed CFF font (the CJK fonts, and the cuts of them
 * pdf_fonts.c makes) is embedded as a CIDFontType0C: its CharStrings
 * keep their places (a glyph's id is its code in the page's text), the
 * glyphs a PDF does not use emptied, its charset made the identity, and
 * everything else (the Font DICTs, their Private DICTs and subroutines)
 * copied.  Any other face's glyphs are drawn as outlines (pdf_ink.c).
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hb.h>
#include <hb-ot.h>
#include <hb-subset.h>

#include "pdf_int.h"

struct pdf_faces {
	pthread_mutex_t mu;
	struct pdf_face **v;
	size_t n, cap;
};

/* The INDEX at d[at..n): 0, or -1 if it does not fit. */
static int
cff_index(const uint8_t *d, size_t n, size_t at, struct cff_index *x)
{
	size_t k, last = 0;

	if (at + 2 > n)
		return -1;
	x->count = (size_t)d[at] << 8 | d[at + 1];
	if (x->count == 0) {
		x->offsize = x->offs = x->data = 0;
		x->end = at + 2;
		return 0;
	}
	if (at + 3 > n || d[at + 2] < 1 || d[at + 2] > 4)
		return -1;
	x->offsize = d[at + 2];
	x->offs = at + 3;
	if (x->offs + (x->count + 1) * x->offsize > n)
		return -1;
	x->data = x->offs + (x->count + 1) * x->offsize - 1;
	for (k = 0; k < x->offsize; k++)
		last = last << 8 | d[x->offs + x->count * x->offsize + k];
	x->end = x->data + last;
	return x->end <= n && last >= 1 ? 0 : -1;
}

/* Offset i of INDEX x, from its data's base. */
static size_t
cff_off(const uint8_t *d, const struct cff_index *x, size_t i)
{
	size_t k, v = 0, at = x->offs + i * x->offsize;

	for (k = 0; k < x->offsize; k++)
		v = v << 8 | d[at + k];
	return v;
}

/* The DICT in d[a..b) into its entries: the count, or -1 if malformed.
 * ent's operand bytes are [a, b), its operator at b, 1 or 2 bytes. */
static int
cff_dict(const uint8_t *d, size_t a, size_t b, struct cff_ent **out)
{
	struct cff_ent *e = NULL;
	size_t n = 0, start = a, i = a;

	while (i < b) {
		uint8_t c = d[i];

		if (c <= 21) {
			e = xrealloc(e, (n + 1) * sizeof *e);
			e[n].a = start;
			e[n].b = i;
			if (c == 12) {
				if (i + 1 >= b)
					break;
				e[n].op = 1200 + d[i + 1];
				i += 2;
			} else {
				e[n].op = c;
				i++;
			}
			n++;
			start = i;
		} else if (c == 28)
			i += 3;
		else if (c == 29)
			i += 5;
		else if (c == 30) {
			for (i++; i < b && (d[i] & 0x0f) != 0x0f &&
			    (d[i] & 0xf0) != 0xf0; i++)
				;
			i++;
		} else if (c >= 32 && c <= 246)
			i++;
		else if (c >= 247 && c <= 254)
			i += 2;
		else
			break;
	}
	if (i != b || start != b) {
		free(e);
		return -1;
	}
	*out = e;
	return (int)n;
}

/* The integer operands of e, up to max, into v: how many. */
static int
cff_ints(const uint8_t *d, const struct cff_ent *e, long *v, int max)
{
	size_t i = e->a;
	int n = 0;

	while (i < e->b && n < max) {
		uint8_t c = d[i];

		if (c == 28) {
			v[n++] = (int16_t)(d[i + 1] << 8 | d[i + 2]);
			i += 3;
		} else if (c == 29) {
			v[n++] = (int32_t)((uint32_t)d[i + 1] << 24 |
			    (uint32_t)d[i + 2] << 16 | (uint32_t)d[i + 3] << 8 |
			    d[i + 4]);
			i += 5;
		} else if (c >= 32 && c <= 246) {
			v[n++] = c - 139;
			i++;
		} else if (c >= 247 && c <= 250) {
			v[n++] = (c - 247) * 256 + d[i + 1] + 108;
			i += 2;
		} else if (c >= 251 && c <= 254) {
			v[n++] = -(c - 251) * 256 - d[i + 1] - 108;
			i += 2;
		} else
			return n;	/* a real: not an offset */
	}
	return n;
}

static const struct cff_ent *
cff_find(const struct cff_ent *e, int n, int op)
{
	int i;

	for (i = 0; i < n; i++)
		if (e[i].op == op)
			return &e[i];
	return NULL;
}

/* Read f's CFF table as a CID-keyed font: 0, or -1 if it is not one
 * dun can embed (f is then drawn in outlines). */
static int
cff_load(struct pdf_face *f)
{
	const uint8_t *d = f->cff;
	size_t n = f->cfflen, k;
	struct cff_index name, top, str, gsub, fda;
	const struct cff_ent *e;
	long v[2];
	int nf;

	if (n < 4 || d[0] != 1 || cff_index(d, n, d[2], &name) < 0 ||
	    name.count != 1 || cff_index(d, n, name.end, &top) < 0 ||
	    top.count != 1 || cff_index(d, n, top.end, &str) < 0 ||
	    cff_index(d, n, str.end, &gsub) < 0)
		return -1;
	f->name_at[0] = d[2];
	f->name_at[1] = name.end;
	f->psname = xmalloc(cff_off(d, &name, 1) - cff_off(d, &name, 0) + 1);
	memcpy(f->psname, d + name.data + cff_off(d, &name, 0),
	    cff_off(d, &name, 1) - cff_off(d, &name, 0));
	f->psname[cff_off(d, &name, 1) - cff_off(d, &name, 0)] = '\0';
	f->str_at[0] = top.end;
	f->str_at[1] = gsub.end;
	f->subr_bytes = gsub.end - str.end;
	if ((nf = cff_dict(d, top.data + cff_off(d, &top, 0),
	    top.data + cff_off(d, &top, 1), &f->top)) < 0)
		return -1;
	f->ntop = (size_t)nf;
	if (cff_find(f->top, nf, 1230) == NULL)		/* ROS: CID-keyed */
		return -1;
	if ((e = cff_find(f->top, nf, 17)) == NULL || cff_ints(d, e, v, 1) != 1 ||
	    v[0] < 0 || cff_index(d, n, (size_t)v[0], &f->cs) < 0 ||
	    f->cs.count != f->nglyphs)
		return -1;
	/* Each glyph's bytes after the one before's: copied by offset. */
	for (k = 0; k < f->nglyphs; k++)
		if (cff_off(d, &f->cs, k + 1) < cff_off(d, &f->cs, k))
			return -1;
	if ((e = cff_find(f->top, nf, 1237)) == NULL ||
	    cff_ints(d, e, v, 1) != 1 || v[0] < 0 || (size_t)v[0] >= n)
		return -1;
	f->fdsel[0] = (size_t)v[0];
	if (d[v[0]] == 0)
		f->fdsel[1] = f->fdsel[0] + 1 + f->nglyphs;
	else if (d[v[0]] == 3 && (size_t)v[0] + 3 <= n)
		f->fdsel[1] = f->fdsel[0] + 5 + 3 *
		    ((size_t)d[v[0] + 1] << 8 | d[v[0] + 2]);
	else
		return -1;
	if (f->fdsel[1] > n)
		return -1;
	if ((e = cff_find(f->top, nf, 1236)) == NULL ||
	    cff_ints(d, e, v, 1) != 1 || v[0] < 0 ||
	    cff_index(d, n, (size_t)v[0], &fda) < 0 || fda.count == 0)
		return -1;
	f->nfd = fda.count;
	f->fd = xmalloc(f->nfd * sizeof *f->fd);
	memset(f->fd, 0, f->nfd * sizeof *f->fd);
	for (k = 0; k < f->nfd; k++) {
		struct cff_fd *fd = &f->fd[k];
		const struct cff_ent *s;
		struct cff_index subrs;

		if ((nf = cff_dict(d, fda.data + cff_off(d, &fda, k),
		    fda.data + cff_off(d, &fda, k + 1), &fd->dict)) < 0)
			return -1;
		fd->ndict = (size_t)nf;
		if ((e = cff_find(fd->dict, nf, 18)) == NULL ||
		    cff_ints(d, e, v, 2) != 2 || v[0] < 0 || v[1] < 0 ||
		    (size_t)v[1] + (size_t)v[0] > n)
			return -1;
		fd->priv[0] = (size_t)v[1];
		fd->priv[1] = (size_t)v[1] + (size_t)v[0];
		if ((nf = cff_dict(d, fd->priv[0], fd->priv[1], &fd->pdict)) < 0)
			return -1;
		fd->npdict = (size_t)nf;
		if ((s = cff_find(fd->pdict, nf, 19)) != NULL) {
			if (cff_ints(d, s, v, 1) != 1 || v[0] < 0 ||
			    cff_index(d, n, fd->priv[0] + (size_t)v[0],
			    &subrs) < 0)
				return -1;
			fd->subrs[0] = fd->priv[0] + (size_t)v[0];
			fd->subrs[1] = subrs.end;
			f->subr_bytes += subrs.end - fd->subrs[0];
		}
	}
	return 0;
}

/* The bytes an INDEX of count items and len bytes of data takes. */
static size_t
index_size(size_t count, size_t len, size_t *offsize)
{
	*offsize = len + 1 <= 0xff ? 1 : len + 1 <= 0xffff ? 2 :
	    len + 1 <= 0xffffff ? 3 : 4;
	return count == 0 ? 2 : 3 + (count + 1) * *offsize + len;
}

static void
put_off(struct buf *b, size_t v, size_t size)
{
	char c[4];
	size_t k;

	for (k = 0; k < size; k++)
		c[k] = (char)(v >> 8 * (size - 1 - k));
	buf_add(b, c, size);
}

static void
index_head(struct buf *b, size_t count, size_t offsize)
{
	char c[3] = { (char)(count >> 8), (char)count, (char)offsize };

	buf_add(b, c, count == 0 ? 2 : 3);
}

/* An operand of five bytes, whatever its value: the DICTs' sizes are
 * known before the offsets they hold. */
static void
put_int5(struct buf *b, size_t v)
{
	char c[5] = { 29, (char)(v >> 24), (char)(v >> 16), (char)(v >> 8),
	    (char)v };

	buf_add(b, c, 5);
}

static void
put_op(struct buf *b, int op)
{
	char c[2] = { 12, (char)(op - 1200) };

	if (op >= 1200)
		buf_add(b, c, 2);
	else {
		c[0] = (char)op;
		buf_add(b, c, 1);
	}
}

/* A DICT of f's bytes d, entries e, with the operators in swap given new
 * offsets (val, two for Private: its size and offset) and those in drop
 * left out. */
static void
put_dict(struct buf *b, const uint8_t *d, const struct cff_ent *e, size_t n,
    const int *swap, const size_t *val, int nswap, const int *drop,
    int ndrop)
{
	size_t i;
	int k, skip;

	for (i = 0; i < n; i++) {
		for (skip = 0, k = 0; k < ndrop; k++)
			skip |= e[i].op == drop[k];
		if (skip)
			continue;
		for (k = 0; k < nswap && e[i].op != swap[k]; k++)
			;
		if (k == nswap)
			buf_add(b, (const char *)d + e[i].a, e[i].b - e[i].a);
		else if (e[i].op == 18) {
			put_int5(b, val[2 * k]);
			put_int5(b, val[2 * k + 1]);
		} else
			put_int5(b, val[2 * k]);
		put_op(b, e[i].op);
	}
}

/* f's CFF with the glyphs in used, as pdf_face_cff; glyph g's CID
 * cid[g] (NULL: g), and cidcount CIDs in all. */
static void
cff_write(const struct pdf_face *f, const uint8_t *used, const unsigned *cid,
    unsigned cidcount, struct buf *out)
{
	static const int topswap[] = { 15, 17, 1236, 1237 };
	static const int topdrop[] = { 16, 18, 1234 };
	static const int fdswap[] = { 18 }, privswap[] = { 19 };
	const uint8_t *d = f->cff;
	struct buf top = { 0 }, cs = { 0 }, fda = { 0 }, priv = { 0 };
	size_t *plen = xmalloc(f->nfd * sizeof *plen);
	size_t topval[8] = { 0 }, val[2] = { 0, 0 }, g, k, pos, cslen = 0, topsize,
	    csoff, fdoff, off;
	char endchar = 14;

	/* The sizes first: of the Top DICT, the CharStrings, the Font and
	 * Private DICTs. */
	put_dict(&top, d, f->top, f->ntop, topswap, topval, 4, topdrop, 3);
	put_int5(&top, cidcount);
	put_op(&top, 1234);
	for (g = 0; g < f->nglyphs; g++)
		cslen += used[g >> 3] & 1 << (g & 7) || g == 0 ?
		    cff_off(d, &f->cs, g + 1) - cff_off(d, &f->cs, g) : 1;
	for (k = 0; k < f->nfd; k++) {
		priv.len = 0;
		put_dict(&priv, d, f->fd[k].pdict, f->fd[k].npdict, privswap,
		    val, 1, NULL, 0);
		plen[k] = priv.len;
	}
	pos = f->name_at[1] + index_size(1, top.len, &topsize) +
	    (f->str_at[1] - f->str_at[0]);
	topval[0] = pos;			/* charset */
	pos += cid != NULL ? 1 + 2 * (size_t)(f->nglyphs - 1) :
	    f->nglyphs > 1 ? 5 : 1;
	topval[6] = pos;			/* FDSelect */
	pos += f->fdsel[1] - f->fdsel[0];
	topval[2] = pos;			/* CharStrings */
	pos += index_size(f->nglyphs, cslen, &csoff);
	topval[4] = pos;			/* FDArray */
	for (k = 0; k < f->nfd; k++) {
		val[0] = val[1] = 0;
		put_dict(&fda, d, f->fd[k].dict, f->fd[k].ndict, fdswap, val,
		    1, NULL, 0);
	}
	pos += index_size(f->nfd, fda.len, &fdoff);
	/* Now the bytes. */
	out->len = 0;
	buf_add(out, (const char *)d, f->name_at[1]);
	top.len = 0;
	put_dict(&top, d, f->top, f->ntop, topswap, topval, 4, topdrop, 3);
	put_int5(&top, cidcount);
	put_op(&top, 1234);
	index_head(out, 1, topsize);
	put_off(out, 1, topsize);
	put_off(out, 1 + top.len, topsize);
	buf_add(out, top.s, top.len);
	buf_add(out, (const char *)d + f->str_at[0], f->str_at[1] -
	    f->str_at[0]);
	if (cid != NULL) {		/* format 0: each glyph's CID */
		buf_add(out, "", 1);
		for (g = 1; g < f->nglyphs; g++) {
			char c[2] = { (char)(cid[g] >> 8), (char)cid[g] };

			buf_add(out, c, 2);
		}
	} else if (f->nglyphs > 1) {	/* format 2: CID 1.. for glyph 1.. */
		char c[5] = { 2, 0, 1, (char)((f->nglyphs - 2) >> 8),
		    (char)(f->nglyphs - 2) };

		buf_add(out, c, 5);
	} else
		buf_add(out, "", 1);
	buf_add(out, (const char *)d + f->fdsel[0], f->fdsel[1] - f->fdsel[0]);
	index_head(out, f->nglyphs, csoff);
	for (off = 1, g = 0; g <= f->nglyphs; g++) {
		put_off(out, off, csoff);
		if (g < f->nglyphs)
			off += used[g >> 3] & 1 << (g & 7) || g == 0 ?
			    cff_off(d, &f->cs, g + 1) - cff_off(d, &f->cs, g) :
			    1;
	}
	for (g = 0; g < f->nglyphs; g++)
		if (used[g >> 3] & 1 << (g & 7) || g == 0)
			buf_add(out, (const char *)d + f->cs.data +
			    cff_off(d, &f->cs, g), cff_off(d, &f->cs, g + 1) -
			    cff_off(d, &f->cs, g));
		else
			buf_add(out, &endchar, 1);
	/* The Font DICTs, each Private DICT after them with its
	 * subroutines. */
	fda.len = 0;
	index_head(out, f->nfd, fdoff);
	for (off = 1, k = 0; k <= f->nfd; k++) {
		size_t at = fda.len;

		put_off(out, off, fdoff);
		if (k == f->nfd)
			break;
		val[0] = plen[k];
		val[1] = pos;
		put_dict(&fda, d, f->fd[k].dict, f->fd[k].ndict, fdswap, val,
		    1, NULL, 0);
		off += fda.len - at;
		pos += plen[k] + (f->fd[k].subrs[1] - f->fd[k].subrs[0]);
	}
	buf_add(out, fda.s, fda.len);
	for (k = 0; k < f->nfd; k++) {
		val[0] = plen[k];	/* the subroutines right after */
		priv.len = 0;
		put_dict(&priv, d, f->fd[k].pdict, f->fd[k].npdict, privswap,
		    val, 1, NULL, 0);
		buf_add(out, priv.s, priv.len);
		buf_add(out, (const char *)d + f->fd[k].subrs[0],
		    f->fd[k].subrs[1] - f->fd[k].subrs[0]);
	}
	free(plen);
	buf_free(&top);
	buf_free(&cs);
	buf_free(&fda);
	buf_free(&priv);
}

void
pdf_face_cff(const struct pdf_face *f, const uint8_t *used, struct buf *out)
{
	cff_write(f, used, NULL, f->nglyphs, out);
}

static struct pdf_face *face_load(const char *file, hb_blob_t *blob,
    int index, int embolden);
static void face_free(struct pdf_face *f);

/* Subroutines a letter's file would carry whole, above which the face is
 * cut by HarfBuzz first, the glyphs' outlines taken out of them: a face
 * of the system's, which the cut for the batch has not made small. */
#define SUBRS_WHOLE (64 * 1024)

void
pdf_face_cff_cut(const struct pdf_face *f, const uint8_t *used,
    struct buf *out)
{
	hb_subset_input_t *in;
	hb_face_t *sub = NULL;
	struct pdf_face *c;
	hb_subset_plan_t *plan;
	unsigned g, n, *cid;
	static const char *const drop[] = { "GSUB", "GPOS", "GDEF", "BASE",
	    "VORG", "vhea", "vmtx", "JSTF", "MATH", "DSIG" };
	size_t k;

	if (f->subr_bytes <= SUBRS_WHOLE ||
	    (in = hb_subset_input_create_or_fail()) == NULL) {
		pdf_face_cff(f, used, out);
		return;
	}
	/* The glyphs renumbered in their order, each glyph's CID its id
	 * in f, the page's code. */
	hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_DESUBROUTINIZE);
	for (k = 0; k < sizeof drop / sizeof *drop; k++)
		hb_set_add(hb_subset_input_set(in,
		    HB_SUBSET_SETS_DROP_TABLE_TAG), hb_tag_from_string(drop[k],
		    4));
	for (g = 1; g < f->nglyphs; g++)
		if (used[g >> 3] & 1u << (g & 7))
			hb_set_add(hb_subset_input_glyph_set(in), g);
	plan = hb_subset_plan_create_or_fail(f->hb, in);
	hb_subset_input_destroy(in);
	sub = plan == NULL ? NULL : hb_subset_plan_execute_or_fail(plan);
	c = sub == NULL ? NULL :
	    face_load(f->file, hb_face_reference_blob(sub), 0, 0);
	hb_face_destroy(sub);
	if (c != NULL && c->kind == FACE_CFF) {
		/* The subsetter's glyphs: those asked for and those its
		 * closure adds, each in the order of its id in f. */
		const hb_map_t *old = hb_subset_plan_new_to_old_glyph_mapping(
		    plan);
		uint8_t *all = xmalloc((c->nglyphs + 7) / 8);

		n = c->nglyphs;
		cid = xmalloc((n + 1) * sizeof *cid);
		for (g = 0; g < n; g++)
			cid[g] = hb_map_get(old, g) == HB_MAP_VALUE_INVALID ?
			    0 : hb_map_get(old, g);
		memset(all, 0xff, (n + 7) / 8);
		cff_write(c, all, cid, f->nglyphs, out);
		free(all);
		free(cid);
	} else
		pdf_face_cff(f, used, out);
	if (c != NULL)
		face_free(c);
	hb_subset_plan_destroy(plan);
}

static int
metric(hb_font_t *font, hb_ot_metrics_tag_t tag, unsigned upem)
{
	hb_position_t v = 0;

	hb_ot_metrics_get_position_with_fallback(font, tag, &v);
	return (int)((long)v * 1000 / (long)upem);
}

static struct pdf_face *
face_load(const char *file, hb_blob_t *blob, int index, int embolden)
{
	struct pdf_face *f = xmalloc(sizeof *f);
	hb_blob_t *cff;
	unsigned len;
	hb_blob_t *head;
	const uint8_t *hd;
	int k;
	char *s, name[256];
	unsigned size;

	memset(f, 0, sizeof *f);
	f->file = xstrdup(file);
	f->index = index;
	f->embolden = embolden;
	f->blob = blob;
	f->hb = hb_face_create(f->blob, (unsigned)index);
	f->upem = hb_face_get_upem(f->hb);
	f->nglyphs = hb_face_get_glyph_count(f->hb);
	f->font = hb_font_create(f->hb);
	hb_font_set_scale(f->font, (int)f->upem, (int)f->upem);
	hb_font_make_immutable(f->font);
	f->ascent = metric(f->font, HB_OT_METRICS_TAG_HORIZONTAL_ASCENDER,
	    f->upem);
	f->descent = metric(f->font, HB_OT_METRICS_TAG_HORIZONTAL_DESCENDER,
	    f->upem);
	f->cap = metric(f->font, HB_OT_METRICS_TAG_CAP_HEIGHT, f->upem);
	/* The bounds of all its glyphs, as its head table says. */
	f->bbox[0] = 0;
	f->bbox[1] = f->descent;
	f->bbox[2] = 1000;
	f->bbox[3] = f->ascent;
	head = hb_face_reference_table(f->hb, HB_TAG('h', 'e', 'a', 'd'));
	hd = (const uint8_t *)hb_blob_get_data(head, &len);
	if (len >= 44)
		for (k = 0; k < 4; k++)
			f->bbox[k] = (int)((long)(int16_t)(hd[36 + 2 * k] << 8 |
			    hd[37 + 2 * k]) * 1000 / (long)f->upem);
	hb_blob_destroy(head);
	f->cffblob = cff = hb_face_reference_table(f->hb,
	    HB_TAG('C', 'F', 'F', ' '));
	f->cff = (const uint8_t *)hb_blob_get_data(cff, &len);
	f->cfflen = len;
	if (len == 0)
		f->cff = NULL;
	if (f->nglyphs > 0 && f->cff != NULL && cff_load(f) == 0)
		f->kind = FACE_CFF;
	else if (f->nglyphs > 0 && f->cff == NULL && pdf_ttf_ok(f))
		f->kind = FACE_TTF;
	else
		f->kind = FACE_OUTLINE;
	/* The face's own name: a collection's faces share one CFF. */
	size = sizeof name;
	if (hb_ot_name_get_utf8(f->hb, HB_OT_NAME_ID_POSTSCRIPT_NAME,
	    hb_language_from_string("en", -1), &size, name) > 0) {
		free(f->psname);
		f->psname = xstrdup(name);
	} else if (f->psname == NULL)
		f->psname = xstrdup("Font");
	/* A PDF name: letters, digits and a few signs. */
	for (s = f->psname; *s != '\0'; s++)
		if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') ||
		    (*s >= '0' && *s <= '9') || *s == '-' || *s == '_'))
			*s = '-';
	return f;
}

static void
face_free(struct pdf_face *f)
{
	size_t k;

	for (k = 0; k < f->nfd; k++) {
		free(f->fd[k].dict);
		free(f->fd[k].pdict);
	}
	free(f->fd);
	free(f->top);
	free(f->psname);
	free(f->file);
	hb_blob_destroy(f->cffblob);
	hb_font_destroy(f->font);
	hb_face_destroy(f->hb);
	hb_blob_destroy(f->blob);
	free(f);
}

struct pdf_faces *
pdf_faces_new(void)
{
	struct pdf_faces *fs = xmalloc(sizeof *fs);

	memset(fs, 0, sizeof *fs);
	pthread_mutex_init(&fs->mu, NULL);
	return fs;
}

void
pdf_faces_free(struct pdf_faces *fs)
{
	size_t i;

	if (fs == NULL)
		return;
	for (i = 0; i < fs->n; i++)
		face_free(fs->v[i]);
	free(fs->v);
	pthread_mutex_destroy(&fs->mu);
	free(fs);
}

int
pdf_faces_find(struct pdf_faces *fs, const char *file, int index,
    int embolden)
{
	size_t i;
	struct pdf_face *f;

	pthread_mutex_lock(&fs->mu);
	for (i = fs->n; i-- > 0;)
		if (fs->v[i]->index == index && fs->v[i]->embolden ==
		    embolden && strcmp(fs->v[i]->file, file) == 0) {
			pthread_mutex_unlock(&fs->mu);
			return (int)i;
		}
	pthread_mutex_unlock(&fs->mu);
	/* Loaded unlocked: another thread may load it too, and the first
	 * kept. */
	f = face_load(file, hb_blob_create_from_file(file), index, embolden);
	pthread_mutex_lock(&fs->mu);
	for (i = fs->n; i-- > 0;)
		if (fs->v[i]->index == index && fs->v[i]->embolden ==
		    embolden && strcmp(fs->v[i]->file, file) == 0)
			break;
	if (i == (size_t)-1) {
		if (fs->n == fs->cap) {
			fs->cap = fs->cap ? 2 * fs->cap : 8;
			fs->v = xrealloc(fs->v, fs->cap * sizeof *fs->v);
		}
		i = fs->n;
		fs->v[fs->n++] = f;
		f = NULL;
	}
	pthread_mutex_unlock(&fs->mu);
	if (f != NULL)
		face_free(f);
	return (int)i;
}

int
pdf_face_width(const struct pdf_face *f, unsigned g)
{
	long a = hb_font_get_glyph_h_advance(f->font, g);

	return (int)((a * 2000 + (a < 0 ? -1 : 1) * (long)f->upem) /
	    (2 * (long)f->upem));
}

const struct pdf_face *
pdf_faces_get(struct pdf_faces *fs, int id)
{
	const struct pdf_face *f;

	pthread_mutex_lock(&fs->mu);
	f = fs->v[id];
	pthread_mutex_unlock(&fs->mu);
	return f;
}

int
pdf_faces_count(struct pdf_faces *fs)
{
	int n;

	pthread_mutex_lock(&fs->mu);
	n = (int)fs->n;
	pthread_mutex_unlock(&fs->mu);
	return n;
}

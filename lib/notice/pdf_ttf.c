/*
 * pdf_ttf.c — a TrueType face (glyf outlines) cut to the glyphs one PDF
 * uses, for a CIDFontType2 whose glyph ids are the page's codes: every
 * glyph keeps its place, those not used (nor part of one used) emptied,
 * and the tables a PDF reader needs to draw them written as a font file
 * of their own (head, hhea, hmtx, maxp, loca, glyf, and the hinting's
 * cvt, fpgm and prep where the face has them).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pdf_int.h"

static const char *const kept[] = {
	"cvt ", "fpgm", "glyf", "head", "hhea", "hmtx", "loca", "maxp",
	"prep",
};
#define NKEPT (sizeof kept / sizeof *kept)

static unsigned
u16(const uint8_t *p)
{
	return (unsigned)p[0] << 8 | p[1];
}

static uint32_t
u32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
}

static void
put16(struct buf *b, unsigned v)
{
	char c[2] = { (char)(v >> 8), (char)v };

	buf_add(b, c, 2);
}

static void
put32(struct buf *b, uint32_t v)
{
	char c[4] = { (char)(v >> 24), (char)(v >> 16), (char)(v >> 8),
	    (char)v };

	buf_add(b, c, 4);
}

static const uint8_t *
table(const struct pdf_face *f, const char *tag, unsigned *len)
{
	hb_blob_t *b = hb_face_reference_table(f->hb,
	    hb_tag_from_string(tag, 4));
	const uint8_t *d = (const uint8_t *)hb_blob_get_data(b, len);

	/* The face holds the table's bytes as long as it lives. */
	hb_blob_destroy(b);
	return *len > 0 ? d : NULL;
}

int
pdf_ttf_ok(const struct pdf_face *f)
{
	unsigned hl, ll, gl;
	const uint8_t *head = table(f, "head", &hl);

	return head != NULL && hl >= 54 && table(f, "loca", &ll) != NULL &&
	    table(f, "glyf", &gl) != NULL && table(f, "hhea", &hl) != NULL &&
	    table(f, "hmtx", &hl) != NULL && table(f, "maxp", &hl) != NULL &&
	    ll >= (f->nglyphs + 1) * (u16(head + 50) ? 4u : 2u);
}

/* Glyph g's bytes in glyf (of loca's format fmt): its start, *len. */
static size_t
glyph(const uint8_t *loca, int fmt, unsigned glen, unsigned g, size_t *len)
{
	size_t a = fmt ? u32(loca + 4 * g) : 2u * u16(loca + 2 * g),
	    b = fmt ? u32(loca + 4 * g + 4) : 2u * u16(loca + 2 * g + 2);

	if (b < a || b > glen)
		b = a = 0;
	*len = b - a;
	return a;
}

/* Mark what the composite glyph g is made of, and what they are. */
static void
parts(const uint8_t *glyf, const uint8_t *loca, int fmt, unsigned glen,
    unsigned nglyphs, unsigned g, uint8_t *used, int depth)
{
	size_t len, at = glyph(loca, fmt, glen, g, &len), i;
	unsigned flags, part;

	if (len < 10 || (int16_t)u16(glyf + at) >= 0 || depth > 8)
		return;
	for (i = at + 10; i + 4 <= at + len; ) {
		flags = u16(glyf + i);
		part = u16(glyf + i + 2);
		if (part < nglyphs && !(used[part >> 3] & 1u << (part & 7))) {
			used[part >> 3] |= (uint8_t)(1u << (part & 7));
			parts(glyf, loca, fmt, glen, nglyphs, part, used,
			    depth + 1);
		}
		i += 4 + (flags & 0x01 ? 4 : 2) + (flags & 0x08 ? 2 :
		    flags & 0x40 ? 4 : flags & 0x80 ? 8 : 0);
		if (!(flags & 0x20))
			break;
	}
}

static uint32_t
checksum(const char *s, size_t len)
{
	uint32_t sum = 0;
	size_t i;

	for (i = 0; i < len; i += 4) {
		uint8_t q[4] = { 0, 0, 0, 0 };

		memcpy(q, s + i, len - i < 4 ? len - i : 4);
		sum += u32(q);
	}
	return sum;
}

void
pdf_ttf_cut(const struct pdf_face *f, const uint8_t *use, struct buf *out)
{
	unsigned hl, ll, gl, n = 0, len[NKEPT], k, g;
	const uint8_t *head = table(f, "head", &hl), *loca = table(f, "loca",
	    &ll), *glyf = table(f, "glyf", &gl), *data[NKEPT];
	int fmt = u16(head + 50) != 0;
	uint8_t *used = xmalloc((f->nglyphs + 7) / 8);
	struct buf nglyf = { 0 }, nloca = { 0 }, nhead = { 0 };
	size_t at, glen;

	memcpy(used, use, (f->nglyphs + 7) / 8);
	used[0] |= 1;
	for (g = 0; g < f->nglyphs; g++)
		if (use[g >> 3] & 1u << (g & 7))
			parts(glyf, loca, fmt, gl, f->nglyphs, g, used, 0);
	for (g = 0; g < f->nglyphs; g++) {
		put32(&nloca, (uint32_t)nglyf.len);
		if (!(used[g >> 3] & 1u << (g & 7)))
			continue;
		at = glyph(loca, fmt, gl, g, &glen);
		buf_add(&nglyf, (const char *)glyf + at, glen);
		while (nglyf.len % 4)
			buf_add(&nglyf, "", 1);
	}
	put32(&nloca, (uint32_t)nglyf.len);
	buf_add(&nhead, (const char *)head, hl);
	memset(nhead.s + 8, 0, 4);		/* checkSumAdjustment */
	nhead.s[50] = 0, nhead.s[51] = 1;	/* long offsets */
	for (k = 0; k < NKEPT; k++) {
		data[k] = table(f, kept[k], &len[k]);
		if (strcmp(kept[k], "glyf") == 0)
			data[k] = (const uint8_t *)nglyf.s, len[k] =
			    (unsigned)nglyf.len;
		else if (strcmp(kept[k], "loca") == 0)
			data[k] = (const uint8_t *)nloca.s, len[k] =
			    (unsigned)nloca.len;
		else if (strcmp(kept[k], "head") == 0)
			data[k] = (const uint8_t *)nhead.s, len[k] =
			    (unsigned)nhead.len;
		n += data[k] != NULL;
	}
	/* The table directory, then the tables, each on four bytes. */
	out->len = 0;
	put32(out, 0x00010000);
	put16(out, n);
	for (k = 1; (1u << k) <= n; k++)
		;
	put16(out, 16u << (k - 1));
	put16(out, k - 1);
	put16(out, n * 16 - (16u << (k - 1)));
	at = 12 + 16 * (size_t)n;
	for (k = 0; k < NKEPT; k++) {
		if (data[k] == NULL)
			continue;
		buf_add(out, kept[k], 4);
		put32(out, checksum((const char *)data[k], len[k]));
		put32(out, (uint32_t)at);
		put32(out, len[k]);
		at += (len[k] + 3) & ~3u;
	}
	for (k = 0; k < NKEPT; k++) {
		if (data[k] == NULL)
			continue;
		buf_add(out, (const char *)data[k], len[k]);
		while (out->len % 4)
			buf_add(out, "", 1);
	}
	free(used);
	buf_free(&nglyf);
	buf_free(&nloca);
	buf_free(&nhead);
}

/* dun's own PDF writer (lib/notice/pdf_ink.c, pdf_face.c, pdf_file.c) on
 * a letter: the file's objects are where its index says; a face of a
 * kind it cannot embed is drawn as outlines, with about the ink of the
 * same letter in its embedded fonts (pdftoppm, when poppler-utils is
 * there); and a letter written twice is the same bytes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdf_int.h"
#include "tap.h"
#include "unit.h"

#define FONT "Noto Sans CJK SC"

static const char *const cells[] = {
	"期间", "费用", "应收", "未缴",
	"2025-01", "物业管理费", "272.35", "0.00",
	"2025-02", "水费 Water", "38.50", "38.50",
};
static const double widths[] = { 0.2, 0.4, 0.2, 0.2 };

static const struct pdf_letter letter = {
	"锦绣花园物业服务中心", "深圳市南山区锦绣路8号", "缴费提醒",
	"编号：20261120-1-0704", "收件人：刘洋 Liu Yang",
	"尊敬的刘洋业主：\n\n您好！经核对，您的房屋尚有以下费用待缴。",
	"合计¥38.50", "锦绣花园物业服务中心",
	cells, 4, sizeof cells / sizeof *cells / 4, widths,
};

static void
letter_file(struct pdf_lays *lays, struct pdf_faces *faces, struct buf *b)
{
	struct pdf *rec = pdf_record(lays, faces);

	pdf_letter(rec, &letter);
	pdf_write(rec, dun_date_make(2026, 11, 20), "缴费提醒", b);
	pdf_close(rec, NULL);
}

/* Where the text s is in b (which holds NULs), or NULL: the last if
 * last. */
static const char *
find(const struct buf *b, const char *s, int last)
{
	size_t n = strlen(s), i;
	const char *at = NULL;

	for (i = 0; i + n <= b->len; i++)
		if (memcmp(b->s + i, s, n) == 0) {
			at = b->s + i;
			if (!last)
				break;
		}
	return at;
}

/* Each object the index lists begins where it says: how many do not. */
static int
xref_wrong(const struct buf *b)
{
	const char *x = find(b, "\nxref\n", 1);
	size_t n, i, off;
	int bad = 0;
	char want[32];

	if (x == NULL || sscanf(++x, "xref\n0 %zu", &n) != 1)
		return -1;
	x = strchr(x + 5, '\n') + 1;
	for (i = 0; i < n; i++, x += 20) {
		if (sscanf(x, "%zu", &off) != 1)
			return -1;
		if (i == 0)
			continue;
		snprintf(want, sizeof want, "%zu 0 obj\n", i);
		if (off >= b->len || strncmp(b->s + off, want, strlen(want)))
			bad++;
	}
	return bad;
}

/* The dark pixels of the PDF's first page at 100 dpi, or -1. */
static long
ink(const char *pdf)
{
	char cmd[512];
	FILE *fp;
	int w, h, max, c;
	long dark = 0;

	snprintf(cmd, sizeof cmd, "pdftoppm -r 100 -gray -f 1 -l 1 %s 2>/dev/null",
	    pdf);
	if ((fp = popen(cmd, "r")) == NULL)
		return -1;
	if (fscanf(fp, "P5 %d %d %d", &w, &h, &max) != 3) {
		pclose(fp);
		return -1;
	}
	fgetc(fp);
	while ((c = fgetc(fp)) != EOF)
		dark += c < 128;
	return pclose(fp) == 0 ? dark : -1;
}

int
main(void)
{
	struct dun_err err;
	struct pdf_faces *faces;
	struct pdf_lays *lays;
	struct buf a = { 0 }, b = { 0 }, o = { 0 };
	void *fm;
	int id, nfaces = 0;
	long ia, io;

	if (pdf_font_check(FONT, &err) < 0) {
		printf("1..0 # SKIP %s is not installed\n", FONT);
		return 0;
	}
	faces = pdf_faces_new();
	fm = pdf_fontmap_new(NULL);
	lays = pdf_lays_new(fm, FONT, PDF_LAYS_MAX);

	letter_file(lays, faces, &a);
	ok(a.len > 1000 && strncmp(a.s, "%PDF-1.5\n", 9) == 0 &&
	    find(&a, "%%EOF\n", 1) != NULL, "a letter is a PDF (%zu bytes)",
	    a.len);
	is_int(xref_wrong(&a), 0, "each object is where the index says");
	ok(find(&a, "/FontFile3", 0) != NULL &&
	    find(&a, "/ToUnicode", 0) != NULL, "its fonts are embedded, with "
	    "the text they show");
	letter_file(lays, faces, &b);
	ok(a.len == b.len && memcmp(a.s, b.s, a.len) == 0,
	    "the same letter again is the same bytes");

	/* Every face as one the writer cannot embed: outlines. */
	for (id = 0; id < pdf_faces_count(faces); id++) {
		struct pdf_face *f = (struct pdf_face *)pdf_faces_get(faces,
		    id);

		f->kind = FACE_OUTLINE;
		nfaces++;
	}
	ok(nfaces >= 2, "the letter used %d faces", nfaces);
	letter_file(lays, faces, &o);
	is_int(xref_wrong(&o), 0, "in outlines: each object is where the "
	    "index says");
	ok(find(&o, "/FontFile", 0) == NULL && find(&o, "/Font<<>>", 0) !=
	    NULL, "  and no font is embedded or named");
	unit_putn("fonts.pdf", a.s, a.len);
	unit_putn("outlines.pdf", o.s, o.len);
	ia = ink(unit_path("fonts.pdf"));
	io = ink(unit_path("outlines.pdf"));
	if (ia < 0)
		ok(1, "# SKIP pdftoppm cannot draw it (poppler-utils)");
	else
		ok(ia > 500 && io > ia * 90 / 100 && io < ia * 110 / 100,
		    "  its glyphs drawn with about the ink of the fonts' (%ld "
		    "dark pixels, against %ld)", io, ia);

	buf_free(&a);
	buf_free(&b);
	buf_free(&o);
	pdf_lays_free(lays);
	pdf_fontmap_free(fm);
	pdf_faces_free(faces);
	return done_testing();
}

/* The layouts a letter's worker keeps (pdf_lays in lib/notice/pdf.c): a
 * letter recorded with layouts kept from the letter before, or kept
 * within itself, is written to the same bytes as the letter laid out
 * anew text by text.  The letter has the same texts where sharing a
 * layout would be wrong: in a narrow column, where it wraps, and a wide
 * one; in the bold head and in a row; in the letterhead and the title,
 * bold and centred both, at 18 and 16 points; centred and set right.  And a table of few layouts,
 * emptied as it fills, writes the same too. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "notice.h"
#include "tap.h"
#include "unit.h"

#define FONT "Noto Sans CJK SC"
#define LONG "物业管理费水费物业管理费水费物业管理费水费"

static const char *const cells[] = {
	"期间", "费用", "应收", "未缴",
	"期间", "期间", "应收", "0.00",
	LONG, LONG, "0.00", "0.00",
	"2025-01", "物业管理费", "272.35", "0.00",
	"2025-01", "水费", "38.50", "0.00",
};
static const double widths[] = { 0.12, 0.48, 0.2, 0.2 };

static const struct pdf_letter letter = {
	"缴费提醒", "编号：20261120-1-0704", "缴费提醒",
	"编号：20261120-1-0704", "收件人：刘洋\n地址：E0111-0704",
	"尊敬的刘洋业主：\n\n您好！经核对，您的房屋尚有以下费用待缴。",
	"0.00", "锦绣花园物业服务中心",
	cells, 4, sizeof cells / sizeof *cells / 4, widths,
};

static struct pdf_faces *faces;

/* The letter recorded in lays, as a file's bytes (length in *len). */
static char *
written(struct pdf_lays *lays, size_t *len)
{
	struct pdf *rec = pdf_record(lays, faces);
	struct buf file = { 0 };

	pdf_letter(rec, &letter);
	pdf_write(rec, dun_date_make(2026, 11, 20), "t", &file);
	pdf_close(rec, NULL);
	*len = file.len;
	return file.s;
}

static int
same(const char *a, size_t alen, const char *b, size_t blen)
{
	return a != NULL && b != NULL && alen == blen &&
	    memcmp(a, b, alen) == 0;
}

int
main(void)
{
	struct dun_err err;
	struct pdf_lays *anew, *kept, *few;
	unsigned long hits, misses, hits1, misses1;
	char *ref, *first, *second, *small;
	size_t rlen = 0, flen = 0, slen = 0, smlen = 0;
	void *fm;

	if (pdf_font_check(FONT, &err) < 0) {
		printf("1..0 # SKIP %s is not installed\n", FONT);
		return 0;
	}
	faces = pdf_faces_new();
	fm = pdf_fontmap_new(NULL);
	anew = pdf_lays_new(fm, FONT, 0);
	kept = pdf_lays_new(fm, FONT, PDF_LAYS_MAX);
	few = pdf_lays_new(fm, FONT, 3);

	ref = written(anew, &rlen);
	ok(ref != NULL && rlen > 1000, "the letter laid out anew text by "
	    "text is written (%zu bytes)", rlen);
	pdf_lays_count(anew, &hits, &misses);
	ok(hits == 0, "none kept with 0 (%lu found)", hits);

	first = written(kept, &flen);
	pdf_lays_count(kept, &hits1, &misses1);
	ok(same(ref, rlen, first, flen), "the first letter, its repeated "
	    "texts' layouts kept within it, is the same bytes");
	ok(hits1 > 0 && misses1 > 0 && hits1 + misses1 == misses,
	    "as many layouts asked for (%lu), some found kept (%lu)",
	    hits1 + misses1, hits1);

	second = written(kept, &slen);
	pdf_lays_count(kept, &hits, &misses);
	ok(same(ref, rlen, second, slen), "the second letter, every layout "
	    "kept from the first, is the same bytes");
	is_int(misses, misses1, "no layout made for the second letter");
	is_int(hits - hits1, hits1 + misses1, "each of its layouts found "
	    "kept");

	small = written(few, &smlen);
	free(small);
	small = written(few, &smlen);
	ok(same(ref, rlen, small, smlen), "with at most 3 kept, emptied as "
	    "it fills, the same bytes");

	free(ref);
	free(first);
	free(second);
	free(small);
	pdf_lays_free(anew);
	pdf_lays_free(kept);
	pdf_lays_free(few);
	pdf_fontmap_free(fm);
	pdf_faces_free(faces);
	return done_testing();
}

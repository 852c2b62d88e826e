/*
 * records.c — fuzz the record reader (dun_rec_open, dun_rec_next) over a
 * file: TSV and CSV, UTF-8, GBK, GB18030 and UTF-16 with or without a BOM.
 * The first byte says how the file is opened:
 *   bits 0-2  the encoding: auto, gbk, gb18030, utf-16, UTF-8, utf-16le,
 *             utf-16be, auto (as the word)
 *   bits 3-4  the format: auto, TSV, CSV, auto
 *   bits 5-6  the file's name: in.tsv, in.csv, in.txt, in
 *   bit 7     empty_ok
 * the rest is the file.  Workbooks (a zip's or an OLE file's first bytes)
 * are left to the sheet reader.
 */
#include "fuzz.h"
#include "dun.h"

static const char *const encodings[] = { NULL, "gbk", "gb18030", "utf-16",
	"UTF-8", "utf-16le", "utf-16be", "auto" };
static const int formats[] = { DUN_FMT_AUTO, DUN_FMT_TSV, DUN_FMT_CSV,
	DUN_FMT_AUTO };
static const char *const names[] = { "in.tsv", "in.csv", "in.txt", "in" };

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct dun_rec_opts o = { DUN_FMT_AUTO, NULL, 1, 0, NULL };
	struct dun_err err;
	struct dun_rec *r;
	const char *path;
	char hex[65], *t;
	size_t i, len, total = 0;
	int k, n = 0;

	if (size < 1)
		return 0;
	if (size >= 5 && (memcmp(data + 1, "PK\3\4", 4) == 0 ||
	    memcmp(data + 1, "\xd0\xcf\x11\xe0", 4) == 0))
		return 0;
	o.encoding = encodings[data[0] & 7];
	o.format = formats[(data[0] >> 3) & 3];
	o.empty_ok = data[0] >> 7;
	if ((path = fuzz_file(data + 1, size - 1, names[(data[0] >> 5) &
	    3])) == NULL)
		return 0;
	if ((r = dun_rec_open(path, &o, &err)) == NULL) {
		if (err.code != DUN_EXIT_DATA && err.code != DUN_EXIT_USAGE)
			abort();	/* no I/O fails on a file just made */
		return 0;
	}
	for (i = 0; i < dun_rec_ncols(r); i++)
		total += strlen(dun_rec_colname(r, i));
	while ((k = dun_rec_next(r, &err)) != 0 && n++ < 100000) {
		if (k < 0) {
			if (err.code != DUN_EXIT_DATA)
				abort();
			if (dun_rec_failed(r))
				break;
			continue;
		}
		if (dun_rec_line(r) < 1)
			abort();
		for (i = 0; i < dun_rec_ncols(r); i++)
			if (strlen(dun_rec_field(r, i)) > dun_rec_len(r, i))
				abort();	/* a field's length is its own */
		t = dun_rec_tsv(r, 1, &len);
		if (strlen(t) != len)
			abort();
		total += len;
		free(t);
	}
	if (k == 0 && dun_rec_sha256(r, hex) == 0 && strlen(hex) != 64)
		abort();
	dun_rec_close(r);
	if (total == (size_t)-1)
		abort();	/* keeps the reads from being optimized away */
	return 0;
}

/* fast.h — the short way through a large sorted export (fast.c). */
#ifndef DUN_FAST_H
#define DUN_FAST_H

#include <stdint.h>
#include <sys/types.h>

#include "age.h"

/* What a column of the file is to the reader. */
enum { FR_SKIP, FR_UNIT, FR_FEE, FR_PERIOD, FR_DATE, FR_AMOUNT };

/* The rows it reads: charges, or payments and adjustments. */
enum { FK_CHARGE, FK_PAYMENT, FK_ADJUSTMENT };

/* What the reader takes of a row: its values, small, as the rows of a
 * batch are read by another thread than the one that parsed them.  A
 * slow row is one this reader did not parse: its line is for the full
 * reader (rec_line). */
enum { FR_SLOW = 1, FR_SAME = 2, FR_HAS_PERIOD = 4 };
struct frow {
	dun_money amount;
	dun_date date;		/* a charge's due date, a payment's date */
	dun_period period;
	int16_t fee;
	uint8_t flags;		/* FR_SLOW; FR_SAME: parsed, and of the
				 * unit of the row before; FR_HAS_PERIOD */
};

/* Where a row is: its unit (not NUL-ended) and line (without the
 * newline, a CR left on).  Valid until the next fastrd_rows. */
struct fwhere {
	const char *unit;
	size_t ulen;
	char *line;
	size_t len;
	long lineno;
};

/* The same, as the reader holds them: offsets in its batch's text. */
struct fspan {
	uint32_t unit, ulen, line, len;
	long lineno;
};

struct fastrd;
/* Read path from byte offset at up to byte end (-1: to its end; at and
 * end each the start of a line), the lines before at being line; role
 * gives each of its ncols columns' part.  With threaded, a thread of its
 * own reads and parses ahead (a few batches, no more).  NULL and err on
 * failure. */
struct fastrd *fastrd_open(const char *path, off_t at, off_t end,
    long line, const int *role, size_t ncols, int kind,
    const struct dun_config *c, int threaded, struct dun_err *err);
/* The rows not yet taken, from one batch (the next once all of one are
 * taken), into *rows and *n: 1, 0 at the end, -1 and err (a read
 * error).  They are valid until the next call. */
int fastrd_rows(struct fastrd *f, struct frow **rows, size_t *n,
    struct dun_err *err);
/* The first n of them are taken. */
void fastrd_take(struct fastrd *f, size_t n);
/* Instead of fastrd_rows (f not threaded): every row, each handed as it
 * is parsed to take(arg, row, unit, ulen), whose work is then done
 * while the next is parsed; a slow row with no unit (NULL).  take
 * returns 0, or -1: stop.  0 at the end, -1 stopped by take, or -1 and
 * err on a read error. */
typedef int fastrd_take_fn(void *arg, const struct frow *r,
    const char *unit, size_t ulen);
int fastrd_each(struct fastrd *f, fastrd_take_fn *take, void *arg,
    struct dun_err *err);
/* Where the i-th of them is. */
void fastrd_where(const struct fastrd *f, size_t i, struct fwhere *w);
/* All at once: the batch's text, and in *w where each of the rows not
 * yet taken is in it (the i-th's unit at text + (*w)[i].unit). */
const char *fastrd_spans(const struct fastrd *f, const struct fspan **w);
void fastrd_close(struct fastrd *f);

/* Byte order, as strcmp and `LC_ALL=C sort`, of units that need not be
 * NUL-ended.  Units are short: a loop costs less than a call. */
static inline int
unit_cmp(const char *a, size_t an, const char *b, size_t bn)
{
	size_t i, n = an < bn ? an : bn;

	for (i = 0; i < n; i++)
		if (a[i] != b[i])
			return (unsigned char)a[i] - (unsigned char)b[i];
	return (an > bn) - (an < bn);
}

/* Are the files sorted by unit, paths[i] from byte at[i] on (after its
 * header) with the unit in column col[i]?  1 yes, 0 no or cannot tell.
 * Two threads share the work (sorted.c). */
int sorted_by_unit(const char *const *paths, const off_t *at,
    const int *col, size_t n);

#endif

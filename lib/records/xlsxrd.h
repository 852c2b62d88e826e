/*
 * xlsxrd.h — what the parts of the .xlsx reader share: xlsxwb.c reads
 * the workbook (the zip, the workbook's parts, the styles, the shared
 * strings), xlsxmerge.c the sheet's merged ranges, xlsxrd.c the sheet's
 * rows.
 */
#ifndef DUN_XLSXRD_H
#define DUN_XLSXRD_H

#include <pthread.h>
#include <stdint.h>

#include <expat.h>
#include <zip.h>

#include "sheet.h"

enum {
	CHUNK = 256 * 1024,	/* inflated text fed to expat at once */
	MAXCOL = 16384,		/* XFD */
	MAXROW = 1048576,
	MAXMERGE = 1000000,
	MAXTOKEN = 64 << 20	/* XML expat may hold unparsed, at most */
};
#define MAXPART ((zip_uint64_t)64 << 20)	/* workbook, rels, styles */
#define MAXSST ((zip_uint64_t)512 << 20)	/* the shared strings */
#define MAXSTRINGS (16 << 20)			/* and how many */

/* A merged range: its top-left cell's text fills the others. */
struct merge {
	long r1, r2;
	uint32_t c1, c2;
	char *val;		/* the top-left cell's text, once read */
	size_t len;
};

struct rel {
	char *id, *type, *target;
};

/* A cell of a batch: its column (with xlsxrd.c's IN_SST, NUMBER and the
 * kind of its number) and where its text is. */
struct cell {
	uint32_t col;		/* | IN_SST, NUMBER, kind */
	uint32_t off, len;	/* in the batch's text or x->sst */
};

struct brow {
	long row;
	size_t first;		/* its cells */
	uint32_t n, width;	/* width: its last column + 1 */
};

/* Rows of the sheet, as the parsing thread hands them to the reader. */
struct batch {
	struct batch *next;
	char *text;
	size_t tlen, tcap;
	struct cell *cells;
	size_t ncells, ccap;
	struct brow *rows;
	size_t nrows, rcap;
	int end, failed;	/* the last batch; failed: e says why */
	struct dun_err e;
};

struct chunk;

struct xlsxrd {
	char *name;		/* the file, for messages */
	char *part;		/* the sheet's part in the zip */
	const char *pname;	/* its last component, for messages */
	zip_t *z;		/* the opening thread's */
	zip_t *zt;		/* the parsing thread's own */
	zip_uint64_t index;	/* the sheet part's entry */
	int d1904;
	unsigned char *xfkind;	/* each cell style's SHEET_DATE|TIME */
	size_t nxf;
	char *sst;		/* the shared strings, each NUL-ended */
	uint32_t *sstoff;	/* where each begins; one more, the end */
	size_t nsst, sstlen, sstcap, offcap;
	struct merge *m;	/* sorted by first row */
	size_t nm;

	/* While the workbook's small parts are read. */
	struct rel *rels;
	size_t nrels;
	char **sheets, **rids;	/* names and relationship ids, in order */
	size_t nsheets;
	int *fmtid, *fmtkind, *xfid;
	size_t nfmt, nxfid;
	int in_xfs, in_si, in_t, rph;

	/* A parse: its parser, and a handler's error. */
	XML_Parser p;
	int failed;
	struct dun_err perr;

	/* The sheet's parse, on the thread. */
	XML_Index mark;		/* where the last row began */
	struct batch *b;	/* being filled */
	char *v;		/* the cell's text as it comes */
	size_t vlen, vcap;
	int in_row, in_cell, in_is, take, ctype, ckind;
	uint32_t col, nextcol;
	long row, lastrow;
	size_t rowcell, rowtext;	/* where the row begins in b */
	int rowused;		/* the row has a cell that is not empty */

	/* Between the inflating thread and the parsing one: a ring of
	 * chunks of the sheet's text, put and taken. */
	pthread_t ith;
	pthread_cond_t ccv;
	struct chunk *chunks;
	unsigned long cput, ctake;

	/* Between the parsing thread and the reader: a queue of batches. */
	pthread_t th;
	int started, stop, stopped, ready;
	int pfailed;		/* the parse failed: no need of merges */
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct batch *head, *tail, *spare;	/* queued; free */
	size_t queued, nspare, held;	/* held: bytes queued */

	/* The reader's. */
	struct batch *cur;
	size_t ri;
	char **cells;
	size_t *lens, cap;
	char *num;		/* the row's numbers as Excel shows them */
	size_t numlen, numcap;
	size_t mnext, *act, nact;	/* merged ranges over the row */
	long *stamp;		/* the row each column was last filled in */
	char nul;		/* every empty cell's text */
};

/* An element's or attribute's name without its namespace prefix. */
static inline const char *
xlsx_lname(const char *n)
{
	const char *p;

	for (p = n; *p != '\0'; p++)
		if (*p == ':')
			n = p + 1;
	return n;
}

/* xlsxwb.c */
const char *xlsx_ref(const char *s, const char *end, uint32_t *col,
    long *row);
const char *xlsx_colname(uint32_t col, char *b);
size_t xlsx_unescape(char *s, size_t n);
const char *xlsx_base(const char *path);
void xlsx_fail(struct xlsxrd *x, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* A zip's error, or the parse's (a handler's or expat's), as err. */
int xlsx_zipfail(struct xlsxrd *x, const char *part, zip_error_t *ze,
    struct dun_err *err);
void xlsx_xmlfail(struct xlsxrd *x, const char *part, struct dun_err *err);
void xlsx_doctype(void *u, const XML_Char *name, const XML_Char *sysid,
    const XML_Char *pubid, int internal);
/* Open the zip and read the workbook's parts: 0, or -1 and err. */
int xlsx_book(struct xlsxrd *x, const char *path, const char *sheetname,
    struct dun_err *err);
void xlsx_book_free(struct xlsxrd *x);

/* xlsxqueue.c: the parsing thread takes a batch to fill (NULL if told
 * to stop) and queues it (0, or -1 if told to stop; last: no fresh one
 * is taken); the reader takes the next queued, giving back the one it
 * read (NULL the first time).  A batch is freed by xlsx_batch_free. */
struct batch *xlsx_batch_fresh(struct xlsxrd *x);
int xlsx_batch_publish(struct xlsxrd *x, int last);
struct batch *xlsx_batch_take(struct xlsxrd *x, struct batch *done);
void xlsx_batch_free(struct batch *b);

/* xlsxmerge.c */
/* The merged ranges of the sheet, by a search of its text. */
int xlsx_merges(struct xlsxrd *x, struct dun_err *err);

#endif

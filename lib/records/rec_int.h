/*
 * rec_int.h — what the record reader's files share (rec.c, rec_text.c,
 * rec_fields.c): the reader's struct and the helpers one file gives the
 * others.  rec_text.c turns the input into UTF-8 lines, rec_fields.c a
 * line into a record's fields, and rec.c opens a reader and answers for
 * its records.  The rest of lib uses records.h.
 */
#ifndef DUN_REC_INT_H
#define DUN_REC_INT_H

#include <sys/types.h>
#include <iconv.h>

#include <csv.h>
#include <nettle/sha2.h>

#include "records.h"

/* How much is read at a time. */
#define BLOCK (256 * 1024)
/* The longest record, in MB of UTF-8 text: a longer one is not data, and
 * reading it whole would take any memory there is. */
#define RECORD_MB 64

enum { SRC_FD, SRC_PAIRS, SRC_SHEET };

struct sheet;

struct dun_rec {
	char *name;
	int fd, src, format, eof, hashing, failed;
	off_t nread;			/* bytes read from fd */
	char *encoding;			/* malloc'd: "UTF-8", or iconv's */
	iconv_t cd;			/* (iconv_t)-1 for UTF-8 */
	struct sha256_ctx sha;
	struct sheet *sheet;		/* SRC_SHEET: a workbook's rows */

	char *buf;			/* UTF-8 text; [pos, len) unread */
	size_t pos, len, cap, valid;	/* [0, valid) checked */
	long nl_pos;			/* newlines before buf[pos] */
	char *raw;			/* iconv: bytes not yet converted */
	size_t rawlen, rawcap;

	char **cols;
	size_t ncols;
	char **f;			/* the record's fields */
	size_t *flen, nf, fcap;
	int plain;			/* TSV, in place, with no escapes */
	long line;

	struct csv_parser csv;		/* CSV: fields gathered here */
	char *cbuf;
	size_t clen, ccap, *coff, cnf, ccap_f;
	int cdone;
	int pairs_done;
	int again;			/* the record read is read again */
};

/* ---- rec_text.c ---------------------------------------------------------- */

/* The reader fails: err set to "NAME: what: strerror(errno)"
 * (DUN_EXIT_SYS), or to "NAME:LINE: what" (DUN_EXIT_DATA). */
void rec_sysfail(struct dun_rec *r, struct dun_err *err, const char *what);
void rec_datafail(struct dun_rec *r, struct dun_err *err, long line,
    const char *what);
/* What rec_datafail says of text that is not text, or too long. */
extern const char rec_no_nul[], rec_no_utf8[], rec_too_long[];
/* Read up to n bytes of r's file at dst, hashed if r hashes: their
 * number, 0 at end of file, or -1 and errno. */
ssize_t rec_readsome(struct dun_rec *r, char *dst, size_t n);
/* Read the first megabyte, settle the encoding (enc, or NULL: by the
 * BOM, else UTF-8 if the text is, else GB18030), skip a BOM: 0, or -1
 * and err. */
int rec_sniff(struct dun_rec *r, const char *enc, struct dun_err *err);
/* The next physical line, without its newline (and CR), NUL-terminated
 * in r's buffer until the next call: 1, or 0 at end of input, or -1 and
 * err. */
int rec_next_line(struct dun_rec *r, char **line, size_t *n,
    struct dun_err *err);

/* ---- rec_fields.c -------------------------------------------------------- */

/* Room for need fields in r->f and r->flen. */
void rec_grow_fields(struct dun_rec *r, size_t need);
/* Split a TSV line (NUL-terminated at n, changed in place) into r's
 * fields, each unescaped. */
void rec_tsv_split(struct dun_rec *r, char *line, size_t n);
/* The next record as it stands, by r's source and format: 1, 0 at end
 * of input, or -1 and err. */
int rec_raw_record(struct dun_rec *r, struct dun_err *err);

#endif

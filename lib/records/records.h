/*
 * records.h — dun's records (lib/records/): reading them, TSV, CSV or a
 * workbook's sheet, each record with its file and line (rec.c, with
 * rec_text.c and rec_fields.c, rec_int.h; the spreadsheets through
 * sheet.c and the .xlsx reader, xlsx*.c, sheet.h and xlsxrd.h), a field
 * as a value (recval.c), writing them (out.c), and the columns of the
 * pipeline, declared once (columns.c).
 */
#ifndef DUN_RECORDS_H
#define DUN_RECORDS_H

#include <sys/types.h>

#include "base.h"

/* ---- reading records -------------------------------------------------- */

/* A reader of tab-separated records (dun(5)) or of CSV (RFC 4180), in
 * UTF-8, GBK/GB18030 or UTF-16 with a BOM, each record with its file and
 * line.  Fields are NUL-terminated UTF-8, valid until the next call. */
struct dun_rec;

/* SHEET: an .xlsx or .xls workbook's sheet, known by its first bytes. */
enum { DUN_FMT_AUTO, DUN_FMT_TSV, DUN_FMT_CSV, DUN_FMT_SHEET };

struct dun_rec_opts {
	int format;		/* DUN_FMT_*; AUTO: TAB in line 1 is TSV */
	const char *encoding;	/* NULL or "auto": detect; else iconv name */
	int sha256;		/* hash the raw bytes (see dun_rec_sha256) */
	int empty_ok;		/* no bytes at all: a reader of no columns
				 * and no records, not an error */
	const char *sheet;	/* a workbook's sheet by its name; NULL:
				 * the first */
};

/* Open path ("-" is standard input) and read its header.  NULL on error,
 * with err set: DUN_EXIT_SYS for I/O, DUN_EXIT_DATA for bad text. */
struct dun_rec *dun_rec_open(const char *path, const struct dun_rec_opts *o,
    struct dun_err *err);
/* Read the next record: 1 one was read, 0 end of input, -1 error (the
 * reader may go on after a DUN_EXIT_DATA error in a record's fields, not
 * after an encoding or I/O error). */
int dun_rec_next(struct dun_rec *r, struct dun_err *err);
/* True once the reader cannot go on (bad encoding, broken quotes, I/O). */
/* The next record as it stands, however many fields it has (1, 0 or -1
 * as dun_rec_next); dun_rec_whole then checks it against the header. */
int dun_rec_next_raw(struct dun_rec *r, struct dun_err *err);
int dun_rec_whole(struct dun_rec *r, struct dun_err *err);
/* The record just read becomes the header (a file with rows above its
 * header); a column's name replaced (a header over two rows). */
void dun_rec_use_header(struct dun_rec *r);
void dun_rec_set_colname(struct dun_rec *r, size_t i, const char *name);
/* The record just read is read again by the next call. */
void dun_rec_unread(struct dun_rec *r);
size_t dun_rec_nfields(const struct dun_rec *r);	/* as read */
/* The record's fields and their lengths, as read: how many. */
size_t dun_rec_fieldv(const struct dun_rec *r, char *const **f,
    const size_t **len);
int dun_rec_failed(const struct dun_rec *r);
size_t dun_rec_ncols(const struct dun_rec *r);
const char *dun_rec_colname(const struct dun_rec *r, size_t i);
int dun_rec_col(const struct dun_rec *r, const char *name);	/* -1 none */
const char *dun_rec_field(const struct dun_rec *r, size_t i);
size_t dun_rec_len(const struct dun_rec *r, size_t i);
/* The record as dun(5) writes it: its fields escaped and joined by TABs,
 * NUL-ended at *len, in a malloc'd block with extra bytes more after the
 * NUL for the caller. */
char *dun_rec_tsv(const struct dun_rec *r, size_t extra, size_t *len);
const char *dun_rec_name(const struct dun_rec *r);	/* "<stdin>" */
long dun_rec_line(const struct dun_rec *r);	/* the record's first line */
int dun_rec_format(const struct dun_rec *r);	/* DUN_FMT_TSV, _CSV, _SHEET */
const char *dun_rec_encoding(const struct dun_rec *r);
/* After end of input: the SHA-256 of every byte read, as 64 hex digits
 * into hex[65].  -1 if not asked for in the options. */
int dun_rec_sha256(const struct dun_rec *r, char *hex);
void dun_rec_close(struct dun_rec *r);
/* A reader of one record made of "key=value" arguments, named name (for
 * messages), its header the keys.  NULL if one is not key=value. */
struct dun_rec *dun_rec_pairs(char *const *kv, size_t n, const char *name,
    struct dun_err *err);

/* A field of the current record as a value (recval.c).  Each refuses a
 * field with err "FILE:LINE: COLUMN: why" (DUN_EXIT_DATA), as dun_rec_bad
 * says it; a col below 0 (a column the header lacks) is an empty field. */
void dun_rec_bad(const struct dun_rec *r, int col, const char *why,
    struct dun_err *err);
/* The field, which must not be empty, as *s (valid as the field is): 0,
 * or -1 and err "...: is empty". */
int dun_rec_need(const struct dun_rec *r, int col, const char **s,
    struct dun_err *err);
/* The field as an amount (dun_money_parse) into *v: 1, 0 if the field is
 * empty (*v untouched), -1 and err if it is not an amount. */
int dun_rec_money(const struct dun_rec *r, int col, dun_money *v,
    struct dun_err *err);
/* The field as a date in one of the formats in flags (dun_date_parse)
 * into *d: 1, 0 if the field is empty (*d untouched), -1 and err. */
int dun_rec_date(const struct dun_rec *r, int col, int flags, dun_date *d,
    struct dun_err *err);

/* For the short way through a sorted export (lib/age/fast.c): where the
 * reader r stands, if the short way may go on from there (a regular file
 * of UTF-8 TSV, read as it is): 0 with the byte offset of the next unread
 * line and the lines before it, else -1. */
int rec_resume(const struct dun_rec *r, off_t *at, long *line);
/* Make line (n bytes, its newline taken off, writable, with room for a
 * NUL at line[n]) r's current record, as dun_rec_next would have read it
 * at line lineno: 1, or -1 and err as dun_rec_next fails. */
int rec_line(struct dun_rec *r, char *line, size_t n, long lineno,
    struct dun_err *err);

/* ---- writing records -------------------------------------------------- */

/* A field as dun(5) writes it (TAB, newline and backslash as \t, \n,
 * \\), into dst (room for 2n bytes); its length. */
size_t dun_tsv_escape(char *dst, const char *s, size_t n);

/* A buffered TSV writer that hands the file descriptor whole records only.
 * Every call returns 0, or -1 with errno set by a failed write. */
struct dun_out;

struct dun_out *dun_out_new(int fd);
int dun_out_field(struct dun_out *o, const char *s, size_t n);
int dun_out_str(struct dun_out *o, const char *s);	/* NULL is empty */
int dun_out_money(struct dun_out *o, dun_money v);
int dun_out_date(struct dun_out *o, dun_date t);
int dun_out_long(struct dun_out *o, long long v);
/* k fields at once, already escaped (dun_tsv_escape) and joined by TABs:
 * a record held as text and written later. */
int dun_out_joined(struct dun_out *o, const char *s, size_t n, size_t k);
int dun_out_end(struct dun_out *o);	/* ends the record */
int dun_out_flush(struct dun_out *o);
/* A writer that holds its records in memory and writes none: all it has
 * (whole records, in dun_out_held) is kept until it is closed. */
struct dun_out *dun_out_mem(void);
const char *dun_out_held(const struct dun_out *o, size_t *len);
/* n bytes of whole records another writer made (dun_out_held), after
 * those o has. */
int dun_out_records(struct dun_out *o, const char *s, size_t n);
/* Flush and free; returns the first error seen, if any. */
int dun_out_close(struct dun_out *o);

/* A field escaped as dun_tsv_escape does, appended to b; NULL is empty
 * (out.c). */
void buf_tsv(struct buf *b, const char *s);
/* Would a spreadsheet take the cell s for a formula: does it begin with
 * = + - @, a TAB or a CR (OWASP's list), or the full-width = + - @?  A
 * plain number, -12.00, is not: it calls nothing (out.c). */
int cell_formula(const char *s);
/* s as a cell of a file meant for a spreadsheet: with an apostrophe
 * before it if cell_formula(s); malloc'd.  NULL is empty. */
char *cell_safe(const char *s);
/* cell_safe(s), escaped as buf_tsv does and a CR written \r, that no
 * spreadsheet reads as the end of a row: appended to b. */
void buf_cell(struct buf *b, const char *s);

/* ---- the columns (columns.c) ------------------------------------------- */

/*
 * The columns of dun's records, declared once (columns.c): those the
 * office's files give dun-import, and those dun-age writes and
 * dun-classify appends, with their names, types, writers and meanings in
 * order.  dun-import's header mapping and the config's aliases, dun-age's
 * header, dun-classify's, the class rules' types, the ladder's, the
 * notices' and the reports' reads come from here; tests/0015-columns.t
 * holds the man pages to it.
 */

/* Each column, in the order written. */
enum col_id {
	/* dun-age */
	COL_UNIT, COL_ESTATE, COL_BUILDING, COL_OWNER, COL_PHONE,
	COL_OCCUPANCY, COL_COLLECTOR, COL_BALANCE, COL_LATE_FEE, COL_TOTAL,
	COL_NOT_DUE, COL_OLDEST_DUE, COL_DAYS_OVERDUE, COL_BUCKETS,
	COL_PERIODS_UNPAID, COL_LAST_PAID, COL_LAST_PAID_AMOUNT, COL_CREDIT,
	COL_PROMISE, COL_PROMISE_DUE, COL_BROKEN_PROMISES, COL_DISPUTE,
	COL_HARDSHIP_UNTIL, COL_PLAN, COL_LIMITATION_DATE,
	COL_DAYS_TO_LIMITATION, COL_EPISODE_START, COL_LAST_STAGE,
	COL_LAST_STAGE_DATE, COL_DEMAND_SERVED, COL_NOTICES,
	COL_EXPECTED_RECOVERY, COL_DNC,
	/* dun-classify, after every column it is given */
	COL_CLASS, COL_STAGE, COL_CHANNEL, COL_DUE_ON, COL_ACTION,
	COL_PRIORITY, COL_REASON,
	COL_COUNT
};

/* A column's type, as the class rules compare it. */
enum col_type { COLT_TEXT, COLT_MONEY, COLT_DATE, COLT_NUMBER };

/* The program that writes a column. */
enum col_prog { COLP_AGE, COLP_CLASSIFY };

struct column {
	const char *name;	/* COL_BUCKETS: "b0_30", one column per
				 * bucket of aging.buckets (dun_bucket_name) */
	enum col_type type;
	enum col_prog prog;
	const char *meaning;	/* a line of dun-age(1) or dun-classify(1) */
};

extern const struct column col_table[COL_COUNT];

/* The column named name; a bucket's name (b0_30, b731_plus: a "b", a
 * digit, an "_") is COL_BUCKETS.  -1 for a name in no program's output,
 * a user's own column. */
int col_find(const char *name);
/* A column's type by its name: COLT_TEXT for a user's own. */
enum col_type col_type_of(const char *name);
/* A column's name: its place in col_table, never COL_BUCKETS. */
const char *col_name(enum col_id id);

/* ---- what the office's files give dun-import --------------------------- */

/* Each column dun-import reads, in dun(5)'s order, then the columns only
 * imports read: a unit named in parts (entrance, room), a bill's range,
 * what was paid, is owing, was waived and the late fee on a bill line,
 * and the bill's number. */
enum in_id {
	IN_UNIT, IN_ESTATE, IN_BUILDING, IN_OWNER, IN_PHONE, IN_EMAIL,
	IN_ADDRESS, IN_AREA, IN_OCCUPANCY, IN_COLLECTOR, IN_DNC, IN_FEE,
	IN_PERIOD, IN_DUE, IN_AMOUNT, IN_REF, IN_DATE, IN_METHOD, IN_REASON,
	IN_TYPE, IN_NOTE, IN_ENTRANCE, IN_ROOM, IN_START, IN_END, IN_PAID,
	IN_OWING, IN_WAIVER, IN_LATE, IN_BILL,
	IN_COUNT
};

/* A kind of row (enum dun_kind) as a bit of in_column.kinds. */
#define IN_KIND(k)	(1 << (k))

struct in_column {
	const char *name;
	int kinds;		/* the kinds of row that read it: IN_KIND bits */
	const char *meaning;	/* as dun(5) and dun-import(1) say it */
};

extern const struct in_column in_table[IN_COUNT];

/* The input column named name (exactly), or -1. */
int in_find(const char *name);

/* How many columns dun-import reads (in_table's IN_COUNT): the config's
 * aliases are kept per column. */
#define DUN_NCOLUMNS 30

/* In the order a run loads them: reversals after what they reverse. */
enum dun_kind { DUN_KIND_UNIT, DUN_KIND_CHARGE, DUN_KIND_PAYMENT,
	DUN_KIND_ADJUSTMENT, DUN_KIND_EVENT, DUN_KIND_REVERSAL,
	DUN_KIND_COUNT };

#endif

/*
 * sheet.h — the rows of a spreadsheet as text, as its user sees them:
 * .xlsx (xlsxrd.c: libzip and expat, streamed) and legacy .xls (sheet.c:
 * libfreexl).  Used by the record reader (rec.c) and its tests.
 */
#ifndef DUN_SHEET_H
#define DUN_SHEET_H

#include <stddef.h>

#include "records.h"

/* What the first bytes of a file say it is, whatever its name:
 * XLSX a zip (PK\3\4), XLS an OLE2 compound file (D0 CF 11 E0), HTML a
 * web page ("<html", "<!DOCTYPE", "<table", ... after an optional BOM
 * and blanks), NONE anything else. */
enum { SHEET_NONE, SHEET_XLSX, SHEET_XLS, SHEET_HTML, SHEET_XML2003 };
int sheet_sniff(const unsigned char *head, size_t n);

struct sheet;

/* Open path's sheet called sheetname (NULL: the first), name being the
 * file's name for messages ("FILE: what is wrong, what to do").  NULL on
 * error, with err set: DUN_EXIT_DATA for a file that is no workbook or a
 * damaged one (an HTML page included), DUN_EXIT_USAGE for a sheet name
 * the workbook does not have, DUN_EXIT_SYS for I/O.  An .xlsx sheet is
 * inflated and parsed by two threads of the reader's own, a few batches
 * of rows ahead; sheet_close stops them. */
struct sheet *sheet_open(const char *path, const char *name,
    const char *sheetname, struct dun_err *err);
/* The next row that is not empty: 1, with its cells' text in *cells
 * (NUL-terminated, *lens their lengths, *n of them, trailing empty cells
 * left out; owned by s and valid until the next call) and Excel's row
 * number (1-based) in *row; 0 at the end; -1 with err. */
int sheet_row(struct sheet *s, char ***cells, size_t **lens, size_t *n,
    long *row, struct dun_err *err);
void sheet_close(struct sheet *s);

/* ---- shared by sheet.c and xlsxrd.c -------------------------------- */

/* The room sheet_num needs for n bytes of input. */
#define SHEET_NUMSZ(n) ((n) + 440)
/* A stored number (s[0..n): "1234.5600000000001", "1.5E+6") as Excel
 * shows it in General format, by decimal arithmetic on the text: at most
 * 15 significant digits, no exponent, no trailing zeros or dot.  Text
 * that is not a number, or one beyond 10^±400, is copied as it is.
 * Writes dst (SHEET_NUMSZ(n) bytes) and returns the length, no NUL. */
size_t sheet_num(char *dst, const char *s, size_t n);

/* What a number format shows: a date, a time of day, both, or neither
 * (0: the number). */
enum { SHEET_DATE = 1, SHEET_TIME = 2 };
/* The kind of a built-in number format by its id (14-22, 27-36, 45-47,
 * 50-58 are dates or times), and of a format code ("yyyy\"年\"m\"月\"",
 * "[h]:mm" is a duration, not a time of day). */
int sheet_builtin_kind(int id);
int sheet_format_kind(const char *code);
/* A serial day number in sheet_num's form (num[0..n)) as
 * "YYYY-MM-DD", with " HH:MM:SS" when kind has SHEET_TIME and the time
 * is not midnight ("HH:MM:SS" alone for a time of day on day 0), in the
 * 1900 date system (serial 60 is Excel's 1900-02-29) or the 1904 one.
 * Writes dst (SHEET_DATESZ bytes, NUL-ended) and returns the length, or
 * 0 if the number is no date Excel shows (negative, past 9999). */
#define SHEET_DATESZ 32
size_t sheet_date(char *dst, const char *num, size_t n, int d1904,
    int kind);

/* The .xlsx reader behind sheet_open (xlsxrd.c). */
struct xlsxrd;
struct xlsxrd *xlsxrd_open(const char *path, const char *name,
    const char *sheetname, struct dun_err *err);
int xlsxrd_row(struct xlsxrd *x, char ***cells, size_t **lens, size_t *n,
    long *row, struct dun_err *err);
void xlsxrd_close(struct xlsxrd *x);

#endif

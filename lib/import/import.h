/*
 * import.h — dun-import's work (lib/import/): a file's header mapped onto
 * dun's columns (import_head.c), its rows checked and put in the ledger
 * (import_row.c), the units and households they name (import_unit.c), a
 * file begun and ended (import.c).  import_int.h is the part's own.
 */
#ifndef DUN_IMPORT_H
#define DUN_IMPORT_H

#include "ledger.h"

const char *dun_kind_name(enum dun_kind k);
int dun_kind_parse(const char *s);	/* -1 if unknown */

struct dun_import;

struct dun_import_opts {
	int replace;		/* let new money replace recorded money */
	int create_units;	/* a row's unknown unit is created bare */
	const char *encoding;	/* the files' encoding asked for, or NULL */
	const char *sheet;	/* the sheet asked for, or NULL */
};

struct dun_import *dun_import_new(struct dun_ledger *l,
    const struct dun_config *c, const struct dun_import_opts *o);
void dun_import_free(struct dun_import *im);
/* Map r's header onto canonical columns and settle the kind (kind < 0:
 * recognize it from the header).  Columns with no place are listed in
 * *ignored, when ignored is not NULL (comma-separated, malloc'd; NULL if
 * none), and counted in *nignored.  Returns the kind, or -1 with err set
 * (DUN_EXIT_DATA). */
int dun_import_header(struct dun_import *im, struct dun_rec *r, int kind,
    char **ignored, size_t *nignored, struct dun_err *err);
/* Find the header: the file's first row, or the first of its first
 * rows that names a unit's column, with a second row of names under it
 * if there is one.  *above: the rows above it, *line: its line.  0, or
 * -1 with err. */
int dun_import_find_header(struct dun_import *im, struct dun_rec *r,
    long *above, long *line, struct dun_err *err);
/* Is the record just read a row to pass over: blank, or a total or a
 * signature (import.skip_rows)?  1 and counted, or 0. */
int dun_import_skip(struct dun_import *im, struct dun_rec *r);
/* This file's rows passed over, as "2 小计 rows, 1 合计 row" (malloc'd),
 * or NULL if none. */
char *dun_import_skipped(const struct dun_import *im);
/* What the run should tell, line by line: fees the config lacks (and the
 * dun.yaml lines that would list them), deposits, a late-fee column not
 * loaded, household data that differs from the ledger's.  malloc'd, or
 * NULL if nothing. */
char *dun_import_notes(const struct dun_import *im);
/* Start a file: the imports row that the rows point to. */
int dun_import_file_begin(struct dun_import *im, const char *name,
    struct dun_err *err);
/* Validate and put r's current record.  0 done, -1 the row is bad
 * (err: "FILE:LINE: COLUMN: reason", DUN_EXIT_DATA) or the ledger failed
 * (DUN_EXIT_SYS: stop). */
int dun_import_row(struct dun_import *im, struct dun_rec *r,
    struct dun_err *err);
/* Count a row the reader could not read as rejected. */
void dun_import_reject(struct dun_import *im);
/* Units created bare by --create-units so far. */
long dun_import_created(const struct dun_import *im);
/* Charges read so far from files with an owing column (欠费金额): an
 * arrears list, which says nothing of what was billed and paid before
 * it. */
long dun_import_arrears(const struct dun_import *im);
/* Was the file at path, its rows of kind, loaded whole before?  That is:
 * an import the ledger records loaded a file of the same bytes (SHA-256)
 * read the same way (the same kind, config, encoding and sheet, by this
 * version of dun), every row of it without --replace, and no import
 * since replaced a row of that kind.  1 and its counts (every row
 * unchanged), so that it need not be read; 0 if not, or if the file is
 * not a regular file, or with --replace; -1 and err (DUN_EXIT_SYS).  The
 * file is hashed only when such an import of its size exists. */
int dun_import_file_done(struct dun_import *im, const char *path, int kind,
    struct dun_import_counts *counts, struct dun_err *err);
/* End a file: record it in the imports table, with its sha256 hex and
 * its size (bytes < 0: not a regular file), when it changed anything or
 * is complete (no row rejected, not --replace) and a regular file, so
 * that dun_import_file_done knows it again.  Give its counts.  0, or -1
 * and err. */
int dun_import_file_end(struct dun_import *im, const char *sha256,
    int64_t bytes, struct dun_import_counts *counts, struct dun_err *err);

#endif

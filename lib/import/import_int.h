/*
 * import_int.h — what import's files share (import.c, import_head.c,
 * import_unit.c, import_row.c): dun's columns (records.h) as bits, the
 * import's struct, and the helpers one file gives the others.  The rest
 * of lib uses import.h.
 */
#ifndef DUN_IMPORT_INT_H
#define DUN_IMPORT_INT_H

#include <stdint.h>

#include "import.h"

#define BIT(c) (1L << (c))
/* The columns a unit's id may be made of. */
#define UNIT_PARTS (BIT(IN_UNIT) | BIT(IN_ESTATE) | BIT(IN_BUILDING) | \
	BIT(IN_ENTRANCE) | BIT(IN_ROOM))

/* The kinds' names, by enum dun_kind; import.c's. */
extern const char *const import_kind_names[DUN_KIND_COUNT];

/* A unit's household as one run has given it, to find rows that give
 * it two owners. */
struct seen {
	char *unit, *owner, *phone, *area, *file;
	long line;
	struct seen *next;
};

/* Rows that are not data: 合计, 小计, signatures; counted by word. */
struct skipped {
	long *n;
	long blank;
	int ascii;		/* a word begins or ends in ASCII */
};

struct dun_import {
	struct dun_ledger *l;
	const struct dun_config *c;
	struct dun_import_opts o;
	int kind;
	int map[DUN_NCOLUMNS];		/* column -> field index, or -1 */
	long have;			/* columns present: bits */
	int64_t import_id;
	struct dun_import_counts n;
	long created;			/* units created bare */
	struct dun_rec *r;		/* the record being put */
	struct buf unit;		/* the unit's id, made of its parts */
	struct buf unit2;		/* a payment's line */
	struct buf phone;		/* the row's phone, in one form */
	struct buf held, held2;		/* the ledger's unit, reason, whole */
	long phones;			/* rows that gave several */
	struct skipped skip;		/* this file's rows that are not data */
	struct seen **seen;		/* the run's households, hashed */
	size_t nseen, seencap;
	long header_line;		/* the header's line in the file */
	struct { char *name; long rows; } *others;	/* fees not listed */
	size_t nothers;
	dun_money late_total;		/* a 滞纳金 column's sum, not loaded */
	long late_rows;
	long differ;			/* rows whose owner or phone differ */
	char *differ_at;		/* from the ledger's: the first */
	long arrears;			/* charges read from an arrears list */
	char recipe[65];		/* how files are read: SHA-256 hex */
};

/* import_row.c: the row's fields. */

/* A field of the row, trimmed; NULL if the file lacks the column or the
 * field is empty.  The string is the reader's, trimmed in place. */
const char *import_field(struct dun_import *, int, size_t *);
/* Set err to "FILE:LINE: HEADER: reason"; returns -1. */
int import_rowerr(struct dun_import *, struct dun_err *, int, const char *,
    ...) __attribute__((format(printf, 4, 5)));

/* import_unit.c: the row's unit and household. */

/* The unit a row names in *unit (im's or the reader's), or -1 and err if
 * it names none. */
int import_need_unit(struct dun_import *, const char **, struct dun_err *);
/* The ledger's id of a row's unit (made with --create-units): 0, or -1
 * and err. */
int import_unit_id(struct dun_import *, const char *, int64_t *,
    struct dun_err *);
/* The owner and phone a bill or receipt carries, checked and given to
 * the unit where the ledger has none: 0, or -1 and err. */
int import_household(struct dun_import *, int64_t, const char *,
    struct dun_err *);

/* The row readers, by kind: a PUT_ result, or -1 and err. */
int import_put_unit(struct dun_import *, struct dun_err *);
int import_put_charge(struct dun_import *, struct dun_err *);
int import_put_money(struct dun_import *, int, struct dun_err *);
int import_put_event(struct dun_import *, struct dun_err *);
int import_put_reversal(struct dun_import *, struct dun_err *);

#endif

/*
 * report.h — dun-report's work (lib/report/): the kinds of report, one
 * file each, run by report.c, and the formats they are written in
 * (table.c, html.c, svg.c, xlsx.c).  report_int.h and table.h are the
 * part's own.
 */
#ifndef DUN_REPORT_H
#define DUN_REPORT_H

#include "age.h"
#include "notice.h"

enum { DUN_RK_AGING, DUN_RK_RATES, DUN_RK_COLLECTORS, DUN_RK_EFFECT,
	DUN_RK_TREND, DUN_RK_NOTICES, DUN_RK_EVIDENCE, DUN_RK_COUNT };
enum { DUN_RG_DEFAULT = -1, DUN_RG_NONE, DUN_RG_ESTATE, DUN_RG_BUILDING,
	DUN_RG_COLLECTOR, DUN_RG_CLASS, DUN_RG_COUNT };
enum { DUN_RF_TSV, DUN_RF_TEXT, DUN_RF_HTML, DUN_RF_XLSX, DUN_RF_COUNT };
/* What records a report was given. */
enum { DUN_RIN_AGED = 1, DUN_RIN_NOTICES };

/* Names as options spell them ("aging", "building", "html"); -1 if
 * unknown. */
int dun_report_kind(const char *s);
int dun_report_group(const char *s);
int dun_report_format(const char *s);
const char *dun_report_kind_name(int kind);

/* The kinds when none is asked for: aging, or, fed dun-notice's records
 * (input DUN_RIN_NOTICES), the night's page: notices, aging, collectors
 * and rates (notices alone in TSV, which holds one table). */
unsigned dun_report_default_kinds(int input, int format);
/* Where an evidence PDF goes by default: "evidence-UNIT-DATE.pdf" in
 * the folder of out, or here; malloc'd. */
char *dun_report_pdf_name(const char *out, const char *unit, dun_date asof);

struct dun_report_opts {
	unsigned kinds;		/* 1 << DUN_RK_* */
	int group;		/* DUN_RG_*, or DUN_RG_DEFAULT */
	dun_date asof;
	dun_date from, to;	/* DUN_NODATE: each kind's default */
	const char *unit;	/* evidence: the unit */
	const char *pdf;	/* evidence: where its PDF goes */
	int mask;		/* hide names, phone numbers, e-mail */
	int mask_pdf;		/* ... in the evidence PDF */
};

struct dun_report;

/* Check the options against each kind (a group a kind cannot use, dates
 * out of order): NULL and err (DUN_EXIT_USAGE). */
struct dun_report *dun_report_new(const struct dun_config *c,
    const struct dun_report_opts *o, struct dun_err *err);
void dun_report_free(struct dun_report *rp);
/* DUN_RIN_* for r's header, or 0 if it is neither kind of record. */
int dun_report_input(const struct dun_rec *r);
/* Take every record of r for the kinds they serve: aging from dun-age's
 * or dun-classify's records, notices from dun-notice's.  A bad record is
 * told to report and left out.  0, or -1 and err (the reader failed, or
 * the header lacks a column: DUN_EXIT_DATA). */
int dun_report_records(struct dun_report *rp, struct dun_rec *r,
    dun_bad_fn *report, void *arg, struct dun_err *err);
/* 1 if a kind still needs the ledger. */
int dun_report_needs_ledger(const struct dun_report *rp);
/* Read the ledger for those kinds, unit by unit.  0, or -1 and err. */
int dun_report_ledger(struct dun_report *rp, struct dun_ledger *l,
    dun_bad_fn *report, void *arg, struct dun_err *err);
/* Write the report in format: to path through a temporary file renamed
 * when complete, or (path NULL) to standard output in one piece; the
 * evidence PDF is renamed into place only then.  0, or -1 and err. */
int dun_report_save(struct dun_report *rp, int format, const char *path,
    struct dun_err *err);
/* The tables made: how many, and the first one's rows. */
size_t dun_report_tables(const struct dun_report *rp);
/* What the rates or the trend cannot tell, in English, for a program to
 * say when its format has no room for it (TSV): "history begins
 * 2026-11-21: no rates before it; ...".  NULL if nothing; owned by rp.
 * Known once the ledger is read. */
const char *dun_report_caveat(struct dun_report *rp);

#endif

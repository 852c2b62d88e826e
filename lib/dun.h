/*
 * dun.h — the library behind the dun programs.
 *
 * Library calls never print and never exit: they return an error code and
 * fill a struct dun_err, whose message the program prints with its name.
 * Money is an int64_t count of minor units, dates are days since
 * 1970-01-01, billing periods are months since year 0.
 */
#ifndef DUN_H
#define DUN_H

#include <stddef.h>
#include <stdint.h>

/* Exit statuses, the same for every program of the suite. */
enum {
	DUN_EXIT_OK = 0,	/* done */
	DUN_EXIT_DATA = 1,	/* bad input data */
	DUN_EXIT_USAGE = 2,	/* usage or config error */
	DUN_EXIT_SYS = 3	/* system error: I/O, database */
};

/* An error: its exit class and a message without the program's name,
 * usually "FILE:LINE: COLUMN: what is wrong".  The message is a fixed
 * array, not a malloc'd string: a dun_err lives on the stack of a
 * hundred callers that never free it, is copied and set again in loops,
 * and must work when memory has run out.  So the library never lets it
 * cut a value: a value that may be long is quoted through abbr_q or
 * abbr_v (internal.h), abbreviated at a character's start with "…" and
 * a note, and a message too long even so is cut at a character's start
 * and ends "… (abbreviated)" (dun_err_set). */
struct dun_err {
	int code;
	char msg[1024];
};

void dun_err_set(struct dun_err *e, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Diagnostics, for programs: "prog: message" on stderr.  A format ending
 * in ':' has ": strerror(errno)" appended.  dun_die exits with code. */
void dun_setprog(const char *argv0);
const char *dun_prog(void);
/* Every file and directory the program creates from here on is its
 * owner's alone (0600, 0700), whatever the umask it was started with:
 * they hold names, phones and debts. */
void dun_private(void);
void dun_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
_Noreturn void dun_die(int code, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Print e's message with the program's name. */
void dun_err_print(const struct dun_err *e);

/* ---- money ------------------------------------------------------------ */

typedef int64_t dun_money;
#define DUN_MONEY_BUFSZ 32
#define DUN_WHY 160		/* room for a parse error's reason */

/* Parse an amount as people write it: "1234.5", "-20", "1,234.50",
 * "¥1,234.50", "￥1234", "$12.00", "(12.00)" (negative), at most two
 * decimals.  Surrounding blanks are ignored.  Returns 0 and sets *out, or
 * -1 with the reason in why ("has more than two decimal places"). */
int dun_money_parse(const char *s, size_t n, dun_money *out, char *why);
/* Format as "-1234.50" into buf (DUN_MONEY_BUFSZ bytes); returns buf. */
char *dun_money_fmt(dun_money v, char *buf);
/* a + b into *out; -1 on overflow, *out untouched. */
int dun_money_add(dun_money a, dun_money b, dun_money *out);
/* The amount in Chinese capitals as cheques and notices write it
 * (壹仟贰佰叁拾肆元伍角整), into buf of n bytes (200 is always enough);
 * a negative amount begins with 负.  Returns buf. */
char *dun_money_capitals(dun_money v, char *buf, size_t n);
/* "-1,234.50", thousands separated, into buf (DUN_MONEY_PRETTYSZ). */
char *dun_money_grouped(dun_money v, char *buf);
/* "¥1,234.50", with thousands separated, into buf (DUN_MONEY_PRETTYSZ). */
#define DUN_MONEY_PRETTYSZ 48
char *dun_money_pretty(dun_money v, char *buf);

/* ---- dates and periods ------------------------------------------------ */

typedef int32_t dun_date;	/* days since 1970-01-01 */
typedef int32_t dun_period;	/* year * 12 + month - 1 */
#define DUN_DATE_BUFSZ 16

/* Formats dun_date_parse accepts; DUN_DATE_ANY is all but EXCEL. */
enum {
	DUN_DATE_ISO = 1,	/* 2026-11-22, 2026-1-5 */
	DUN_DATE_SLASH = 2,	/* 2026/11/22, 2026/1/5 */
	DUN_DATE_CJK = 4,	/* 2026年11月22日 */
	DUN_DATE_COMPACT = 8,	/* 20261122 */
	DUN_DATE_EXCEL = 16,	/* 46348: Excel's serial day number */
	DUN_DATE_ANY = 15
};

int dun_date_valid(int y, int m, int d);
dun_date dun_date_make(int y, int m, int d);	/* no check: see _valid */
void dun_date_split(dun_date t, int *y, int *m, int *d);
int dun_date_weekday(dun_date t);		/* 1 Monday .. 7 Sunday */
/* Parse a date in one of the formats in flags; a time of day after the
 * date ("2026-11-22 14:03:11") is accepted and dropped.  Returns 0, or -1
 * with why ("2026-02-30: February 2026 has 28 days"). */
int dun_date_parse(const char *s, size_t n, int flags, dun_date *out,
    char *why);
char *dun_date_fmt(dun_date t, char *buf);	/* "2026-11-22" */
/* The run's date: opt if given, else $DUN_TODAY, else today (UTC).
 * Returns 0, or -1 with err set (DUN_EXIT_USAGE). */
int dun_date_asof(const char *opt, dun_date *out, struct dun_err *err);

/* "HH:MM" (00:00 to 24:00) into minutes since midnight; 0, or -1. */
int dun_time_parse(const char *s, int *minutes);

dun_period dun_period_make(int y, int m);
void dun_period_split(dun_period p, int *y, int *m);
/* The month a day falls in, and the last day of a month. */
dun_period dun_period_of(dun_date d);
dun_date dun_period_end(dun_period p);
/* "2026-11", "2026/11", "202611", "2026年11月", "2026-1". */
int dun_period_parse(const char *s, size_t n, dun_period *out, char *why);
char *dun_period_fmt(dun_period p, char *buf);	/* "2026-11" */

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
/* Flush and free; returns the first error seen, if any. */
int dun_out_close(struct dun_out *o);

/* ---- config ----------------------------------------------------------- */

typedef int64_t dun_rate;	/* a fraction in billionths: 1.0 = 1e9 */
#define DUN_RATE_ONE INT64_C(1000000000)
/* "0.0005", "0.05%" or "0.5‰" into *out; -1 if it is none of those. */
int dun_rate_parse(const char *s, dun_rate *out);

enum dun_late_method { DUN_LATE_NONE, DUN_LATE_DAILY, DUN_LATE_MONTHLY,
	DUN_LATE_FLAT };
enum dun_cap { DUN_CAP_NONE, DUN_CAP_FRACTION, DUN_CAP_AMOUNT,
	DUN_CAP_ANNUAL };
enum dun_rounding { DUN_ROUND_HALF_UP, DUN_ROUND_HALF_EVEN, DUN_ROUND_DOWN,
	DUN_ROUND_UP };
enum dun_channel { DUN_CH_SMS, DUN_CH_EMAIL, DUN_CH_PHONE, DUN_CH_LETTER,
	DUN_CH_VISIT, DUN_CH_LEGAL, DUN_CH_COUNT };

struct dun_strs {
	char **v;
	size_t n;
};

struct dun_fee {
	char *key, *label;
	struct dun_strs aliases;	/* other names of the fee in input */
	int grace_days;
	enum dun_late_method method;
	dun_rate rate;			/* daily or monthly fraction */
	dun_money flat;			/* the flat fee */
	enum dun_cap cap;
	dun_rate cap_rate;		/* FRACTION of principal, or ANNUAL */
	dun_money cap_amount;
	enum dun_rounding rounding;
};

struct dun_class {
	char *name, *label, *when;
	const char *file;		/* where `when` stands */
	int line, col, quoted;
	int hold, copy_owner;
	char *max_stage, *action;
	int channel;			/* preferred dun_channel, or -1 */
	int avoid;			/* bit mask of channels never used */
};

struct dun_stage {
	char *name, *label;
	enum dun_channel channel;
	int days, gap_days, written_demand;
	dun_money min_balance;
	struct dun_strs requires, requires_served;
};

/* How many columns dun-import reads (lib/columns.c's in_table): the
 * config's aliases are kept per column. */
#define DUN_NCOLUMNS 30

/* In the order a run loads them: reversals after what they reverse. */
enum dun_kind { DUN_KIND_UNIT, DUN_KIND_CHARGE, DUN_KIND_PAYMENT,
	DUN_KIND_ADJUSTMENT, DUN_KIND_EVENT, DUN_KIND_REVERSAL,
	DUN_KIND_COUNT };

struct dun_window {
	int days;			/* weekday bit mask, bit 1 Monday .. 7 */
	int from, to;			/* minutes since midnight */
};

/* A day of the calendar of public holidays. */
struct dun_holiday {
	dun_date date;
	int off;		/* 1 a day off, 0 a weekend day worked */
	const char *name;	/* 国庆节; "" if the list names none */
};

#define DUN_LUNAR_LAST 99	/* contact.lunar: a month's last day */

/* The most stages a ladder has and fee types fees has: a config with more
 * is refused where it lists them. */
#define DUN_MAX_STAGES 64	/* dun-notice keeps templates by stage */
#define DUN_MAX_FEES 64		/* dun-age keeps each one's fee_order place */

struct dun_config {
	struct dun_fee *fees;
	size_t nfees;
	struct {
		int late_first;		/* late fees before principal */
		int named_first;	/* payments naming fee+period go there */
		struct dun_strs fee_order;
		struct dun_strs deposits;	/* a fee named with one of
						 * these is a deposit, not owed */
	} allocation;
	struct {
		int *bounds;		/* days, ascending */
		size_t nbounds;
		dun_rate *recovery;	/* nbounds + 1 entries */
	} aging;
	struct dun_class *classes;
	size_t nclasses;
	struct dun_stage *stages;
	size_t nstages;
	struct {
		dun_date *dates;	/* quiet on these dates */
		size_t ndates;
		int *yearly, nyearly;	/* month * 100 + day, every year */
		int *lunar, nlunar;	/* lunar month * 100 + day, or
					 * + DUN_LUNAR_LAST: its last day */
		int weekdays;		/* weekday bit mask */
		int holidays;		/* the calendar's days off are quiet */
		struct dun_window *quiet_hours;
		size_t nquiet_hours;
		struct dun_window call, visit;
		int min_gap_days, sms_segments;
		int promise_grace_days;	/* a promise is broken after */
	} contact;
	struct {
		int years, warn_days;
		int restart;		/* DUN_RESTART_* bits */
		int weekends;		/* weekends count as holidays */
	} limitation;
	/* Public holidays and the weekend days worked instead (calendar.c):
	 * lib/holidays.tsv, then calendar.file, then calendar.holidays and
	 * .workdays (and limitation.holidays and .workdays, their older
	 * names), a later day over an earlier one of the same date. */
	struct {
		struct dun_holiday *days;	/* by date, one a date */
		size_t ndays;
		char *file;			/* calendar.file, or NULL */
		unsigned char *listed;		/* a bit a year: has a list */
		unsigned char *missed;		/* a byte a year: DUN_CAL_*
						 * bits, what asked about it
						 * with no list (see below) */
	} calendar;
	struct {
		char *name, *address, *phone, *email, *bank, *account;
		char *pay_link, *clause;
		char *signature;	/* the SMS signature, 【...】; NULL: name */
	} company;
	struct {
		char *language;		/* "zh" or "en" */
		char *templates;	/* a folder of templates, or NULL */
		int deadline_days;	/* {{deadline}}: days after the notice */
		char *font;		/* the letters' font family */
		int board;		/* write the public notice board */
		struct {
			char *gateway;	/* URL, or NULL: a batch file only */
			int json;	/* body as JSON, else a form */
			struct dun_strs fields;	/* name, template, ... */
			struct dun_strs headers;
			int timeout;	/* seconds */
		} sms;
		struct {
			char *smtp;	/* smtp://host:port, or NULL */
			char *from, *user, *password;
			int timeout;
		} email;
	} notice;
	struct {
		char *encoding;
		int dates;		/* DUN_DATE_* flags */
		struct dun_strs aliases[DUN_NCOLUMNS];	/* per column */
		/* per kind of file, before the above */
		struct dun_strs kind_aliases[DUN_KIND_COUNT][DUN_NCOLUMNS];
		struct dun_strs occupancy[3];	/* owner, tenant, vacant */
		char *unit_template;	/* "{building}-{entrance}-{room}" */
		struct dun_strs unit_suffixes;	/* 栋, 单元, ...: stripped */
		struct dun_strs skip_rows;	/* 合计, 小计, ...: not data */
	} import;
	void *arena;
	char *source;			/* the merged YAML, for --print-config */
};

enum {
	DUN_RESTART_DEMAND = 1,		/* a served written demand */
	DUN_RESTART_PROMISE = 2,
	DUN_RESTART_ACK = 4,
	DUN_RESTART_PAYMENT = 8		/* a part payment */
};

extern const char dun_default_config[];
extern const size_t dun_default_config_len;
extern const char dun_default_holidays[];	/* lib/holidays.tsv */
extern const size_t dun_default_holidays_len;

/* Load the config: path if not NULL, else $DUN_CONFIG, else ./dun.yaml if
 * it exists, each merged over the compiled-in default (maps merge key by
 * key, a null value removes a default key, lists and scalars replace).
 * NULL on error, with err set (DUN_EXIT_USAGE, "FILE:LINE:COL: ..."). */
struct dun_config *dun_config_load(const char *path, struct dun_err *err);
/* Load from YAML text only, merged over the default unless bare. */
struct dun_config *dun_config_parse(const char *text, size_t n,
    const char *name, int bare, struct dun_err *err);
void dun_config_free(struct dun_config *c);
/* The sender's keys that still hold the built-in example's values (and
 * company.name or company.phone if empty), as "company.name, ...": NULL
 * when the config names a real sender.  Free it. */
char *dun_config_example_company(const struct dun_config *c);
/* The config in force as YAML, NUL-terminated, owned by c. */
const char *dun_config_text(const struct dun_config *c);
/* The fee whose key, label or alias is name; NULL if none. */
const struct dun_fee *dun_config_fee(const struct dun_config *c,
    const char *name);
const char *dun_channel_name(enum dun_channel ch);

/* ---- the household ---------------------------------------------------- */

/* A unit's household: the unit columns of dun(5), as a units file, the
 * ledger or a history gives them.  Import puts one, dun-age reads and
 * writes one, notices and the evidence pack are addressed from one. */
enum dun_hh_text { DUN_HH_ESTATE, DUN_HH_BUILDING, DUN_HH_OWNER,
	DUN_HH_PHONE, DUN_HH_EMAIL, DUN_HH_ADDRESS, DUN_HH_OCCUPANCY,
	DUN_HH_COLLECTOR, DUN_HH_NTEXT };
struct dun_household {
	const char *unit;
	const char *text[DUN_HH_NTEXT];	/* by enum dun_hh_text, whole;
					 * NULL if unknown */
	int has_area;
	int64_t area;			/* square metres, hundredths */
	int dnc;			/* not to be contacted */
};
/* Its text t, or "" if unknown. */
const char *dun_hh(const struct dun_household *h, enum dun_hh_text t);

/* ---- the ledger ------------------------------------------------------- */

struct dun_ledger;

/* BULK: a page cache of 64 MB, for loading many rows; without it,
 * SQLite's own (2 MB), which serves a reader as well. */
enum { DUN_LEDGER_CREATE = 1, DUN_LEDGER_MEMORY = 2, DUN_LEDGER_BULK = 4 };

/* The ledger path in force: opt, else $DUN_DB, else "dun.db". */
const char *dun_ledger_path(const char *opt);
/* Open, creating it with mode 0600 when flags has CREATE, and migrate the
 * schema forward.  NULL on error, err set (DUN_EXIT_SYS). */
struct dun_ledger *dun_ledger_open(const char *path, int flags,
    struct dun_err *err);
void dun_ledger_close(struct dun_ledger *l);
int dun_ledger_begin(struct dun_ledger *l, struct dun_err *err);
/* An import's transaction: see dun-import(1) on foreign keys. */
int dun_ledger_begin_import(struct dun_ledger *l, struct dun_err *err);
int dun_ledger_commit(struct dun_ledger *l, struct dun_err *err);
void dun_ledger_rollback(struct dun_ledger *l);
int dun_ledger_version(struct dun_ledger *l);	/* PRAGMA user_version */

/* The day from which the ledger holds every bill and receipt (setting
 * history_start): before it, a ledger begun from an arrears list knows
 * only what was owing.  1 and *d, 0 if it is not set, -1 and err. */
int dun_ledger_history_start(struct dun_ledger *l, dun_date *d,
    struct dun_err *err);
/* Set it, in the transaction under way if there is one: 0, or -1. */
int dun_ledger_set_history_start(struct dun_ledger *l, dun_date d,
    struct dun_err *err);

/* The household of the unit named unit, as the ledger knows it: 1 and
 * the unit's id in *id, 0 if there is no such unit, -1 and err.  h's
 * texts are the ledger's, good until the next call or dun_ledger_close. */
int dun_ledger_unit(struct dun_ledger *l, const char *unit, int64_t *id,
    struct dun_household *h, struct dun_err *err);

/* A row of the notice register. */
struct dun_notice_row {
	const char *notice, *stage, *channel, *recipient, *file, *sha256;
	const char *reason, *receipt;
	const char *cls;	/* the unit's class, or NULL */
	int64_t unit_id;
	dun_date episode, date;
};
/* 1 and the notice's id in notice[n] if the unit was given the stage in
 * the episode already, 0 if not, -1 error. */
int dun_ledger_notice_find(struct dun_ledger *l, int64_t unit_id,
    const char *stage, dun_date episode, char *notice, size_t n,
    struct dun_err *err);
/* 1 and the date of the unit's latest notice, 0 if none, -1 error. */
int dun_ledger_notice_last(struct dun_ledger *l, int64_t unit_id,
    dun_date *date, struct dun_err *err);
int dun_ledger_notice_add(struct dun_ledger *l,
    const struct dun_notice_row *r, struct dun_err *err);

/* A unit's rows of one kind, for its evidence pack, each given to fn
 * with its n columns as text (NULL for null), as integers, and null
 * flags; fn returns nonzero to stop.  Each is found by unit_id:
 *   PAYMENTS     ref date amount fee period method rdate rreason
 *   ADJUSTMENTS  ref date amount fee period reason rdate rreason
 *   EVENTS       date type due amount ref note
 *   NOTICES      notice date stage channel recipient file sha256 receipt
 *                class reason episode
 *   IMPORTS      file sha256 time (the imports its rows came from)
 * (rdate and rreason: the reversal's, null if it was not reversed).
 * Dates are days, money minor units, periods YYYYMM.  0, or -1. */
enum { DUN_EACH_PAYMENTS, DUN_EACH_ADJUSTMENTS,
	DUN_EACH_EVENTS, DUN_EACH_NOTICES, DUN_EACH_IMPORTS };
typedef int dun_row_fn(void *arg, int n, const char *const *text,
    const int64_t *num, const int *null);
int dun_ledger_each(struct dun_ledger *l, int what, int64_t unit_id,
    dun_row_fn *fn, void *arg, struct dun_err *err);

/* ---- import ----------------------------------------------------------- */

const char *dun_kind_name(enum dun_kind k);
int dun_kind_parse(const char *s);	/* -1 if unknown */

struct dun_import;

struct dun_import_opts {
	int replace;		/* let new money replace recorded money */
	int create_units;	/* a row's unknown unit is created bare */
};

/* Counts of one import, as the summary shows them. */
struct dun_import_counts {
	long rows, inserted, updated, unchanged, rejected;
};

struct dun_import *dun_import_new(struct dun_ledger *l,
    const struct dun_config *c, const struct dun_import_opts *o);
void dun_import_free(struct dun_import *im);
/* Map r's header onto canonical columns and settle the kind (kind < 0:
 * recognize it from the header).  Columns with no place are listed in
 * ignored (a comma-separated string, "" if none).  Returns the kind, or
 * -1 with err set (DUN_EXIT_DATA). */
int dun_import_header(struct dun_import *im, struct dun_rec *r, int kind,
    char *ignored, size_t ignoredsz, struct dun_err *err);
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
/* End a file: record it in the imports table (with sha256 hex) when it
 * changed anything, and give its counts. */
/* Count a row the reader could not read as rejected. */
void dun_import_reject(struct dun_import *im);
/* Units created bare by --create-units so far. */
long dun_import_created(const struct dun_import *im);
/* Charges read so far from files with an owing column (欠费金额): an
 * arrears list, which says nothing of what was billed and paid before
 * it. */
long dun_import_arrears(const struct dun_import *im);
int dun_import_file_end(struct dun_import *im, const char *sha256,
    struct dun_import_counts *counts, struct dun_err *err);

/* ---- aging ------------------------------------------------------------ */

enum dun_event_type { DUN_EV_PROMISE, DUN_EV_DISPUTE, DUN_EV_RESOLVED,
	DUN_EV_HARDSHIP, DUN_EV_PLAN, DUN_EV_CONTACT, DUN_EV_SERVED,
	DUN_EV_ACK, DUN_EV_DNC, DUN_EV_CONTACT_OK, DUN_EV_COUNT };

const char *dun_event_name(int type);
int dun_event_parse(const char *s);	/* -1 if unknown */

#define DUN_FEE_NONE (-1)	/* a payment or adjustment naming no fee */
#define DUN_FEE_LATE (-2)	/* ... naming the late fee */
/* A fee the config does not list (电梯费): a fee of its own, with no late
 * fee, allocated after the config's; DUN_FEE_OTHER - k is the unit's
 * history's others[k]. */
#define DUN_FEE_OTHER (-100)
#define DUN_FEE_IS_OTHER(f) ((f) <= DUN_FEE_OTHER)

/* One unit's history, as dun-age reads it. Strings belong to the source. */
struct dun_hist {
	struct dun_household hh;	/* the texts dun-age writes (not
					 * email, address); area unread */
	struct dun_hcharge {
		int fee;	/* index in config fees, or DUN_FEE_OTHER - k */
		dun_period period;
		dun_date due;
		dun_money amount;
		dun_money paid;	/* paid on it, as its bill line says */
		dun_money waived;	/* waived on it, as its bill says */
		dun_date start;	/* its billing range's first day, or its
				 * period's when it has no range */
		dun_date until;	/* the range's last day; DUN_NODATE when
				 * open or unknown */
		int has_range;	/* the bill gave a range, not a period */
	} *charges;
	struct dun_hmoney {
		dun_date date;
		dun_money amount;
		int fee;	/* index, DUN_FEE_NONE or DUN_FEE_LATE */
		int has_period;
		dun_period period;
		const char *ref;	/* NULL if unknown */
		int reversed;	/* read only to be left out (hb_settle) */
	} *payments, *adjustments;
	struct dun_hevent {
		int type;
		dun_date date, due;
		int has_due, has_amount;
		dun_money amount;
		const char *ref;
	} *events;
	struct dun_hnotice {
		const char *notice;
		const char *channel, *cls;	/* NULL if unknown */
		int stage;	/* index in the ladder, or -1 */
		dun_date date, episode;
		int has_episode;
	} *notices;
	size_t ncharges, npayments, nadjustments, nevents, nnotices;
	const char **others;	/* the names of fees the config lacks */
	size_t nothers;
};

enum { DUN_PROMISE_NONE, DUN_PROMISE_OPEN, DUN_PROMISE_KEPT,
	DUN_PROMISE_BROKEN };

#define DUN_MAXBUCKETS 13

/* Where histories come from: the ledger, or TSV files (dun-age(1)). */
struct dun_hsrc;

struct dun_hfiles {
	const char *charges, *payments, *adjustments, *events, *units;
	const char *notices;	/* NULL: not given */
	const char *reversals;	/* NULL: not given */
};

/* Told of each bad row; the unit it belongs to comes back marked bad. */
typedef void dun_bad_fn(const struct dun_err *e, void *arg);

struct dun_hsrc *dun_hsrc_files(const struct dun_hfiles *f,
    const struct dun_config *c, dun_bad_fn *report, void *arg,
    struct dun_err *err);
/* From the ledger: every unit, or those named in units[0..nunits). */
struct dun_hsrc *dun_hsrc_ledger(struct dun_ledger *l,
    const struct dun_config *c, char *const *units, size_t nunits,
    dun_bad_fn *report, void *arg, struct dun_err *err);
/* The next unit, in byte order of its name: 1 and *h (valid until the
 * next call; *bad if any of its rows was bad), 0 at the end, -1 error. */
int dun_hsrc_next(struct dun_hsrc *s, const struct dun_hist **h, int *bad,
    struct dun_err *err);
/* 1 when the files were not sorted by unit and are held whole. */
int dun_hsrc_whole(const struct dun_hsrc *s);
void dun_hsrc_close(struct dun_hsrc *s);

/* What dun-age says of one unit; DUN_NODATE for a date that is none. */
#define DUN_NODATE INT32_MIN
struct dun_aged {
	dun_money balance, late_fee, total, not_due, credit;
	dun_money bucket[DUN_MAXBUCKETS];
	dun_money last_paid_amount, plan, expected_recovery;
	dun_date oldest_due, last_paid, promise_due, hardship_until;
	dun_date limitation_date, episode_start, last_stage_date;
	dun_date demand_served;
	long days_overdue, days_to_limitation, periods_unpaid, notices;
	int promise, broken_promises, last_stage;
	int dnc;			/* do not contact, as of the date */
	const char *dispute;
};

/* Is the unit one for dun-age to write without -a: in arrears, or with a
 * bill unpaid whose first step of the ladder is due (the default ladder's
 * reminder goes a week before the due date)? */
int dun_age_wanted(const struct dun_config *c, dun_date asof,
    const struct dun_aged *a);
/* Age one unit as of asof.  Returns 0, or -1 with err set (a charge or
 * payment too large to add up: DUN_EXIT_DATA). */
int dun_age_unit(const struct dun_config *c, dun_date asof,
    const struct dun_hist *h, struct dun_aged *a, struct dun_err *err);
/* One charge in a statement of account, as dun_age_statement gives it. */
struct dun_line {
	int fee;		/* index in config fees, DUN_FEE_OTHER - k
				 * (the history's others[k]), or
				 * DUN_FEE_NONE */
	int adjustment;		/* a negative adjustment, not a charge */
	dun_period period;
	dun_date due;
	dun_money amount;	/* billed */
	dun_money unpaid;	/* principal still unpaid */
	dun_money late_fee;	/* late fee owed on it, before waivers */
	int has_range;		/* billed for a range (a quarter), not a
				 * period: start to until, which is
				 * DUN_NODATE when the range is open */
	dun_date start, until;
};

/* dun_age_unit, and each charge as it stands, in due order, into
 * *lines (malloc'd, the caller frees it) and *nlines. */
int dun_age_statement(const struct dun_config *c, dun_date asof,
    const struct dun_hist *h, struct dun_aged *a, struct dun_line **lines,
    size_t *nlines, struct dun_err *err);
/* How each payment and waiver was applied, as dun_age_trace gives it. */
struct dun_alloc {
	size_t line;		/* the charge: an index in the trace's lines */
	dun_date date;
	dun_money amount;
	int late;		/* paid its late fee, not its principal */
	int waiver;		/* an adjustment (a waiver), not a payment */
	int source;		/* index in the history's payments, or its
				 * adjustments for a waiver */
};
struct dun_trace {
	struct dun_line *lines;
	size_t nlines;
	struct dun_alloc *allocs;
	size_t nallocs, capallocs;
};
/* dun_age_statement, and every allocation in date order.  t starts
 * zeroed and may be used again for the next unit; dun_trace_free. */
int dun_age_trace(const struct dun_config *c, dun_date asof,
    const struct dun_hist *h, struct dun_aged *a, struct dun_trace *t,
    struct dun_err *err);
void dun_trace_free(struct dun_trace *t);
/* DUN_PROMISE_* of the promise e as of asof. */
int dun_promise_state(const struct dun_config *c, const struct dun_hist *h,
    const struct dun_hevent *e, dun_date asof);
/* 1 if the event e restarts the limitation period under the config. */
int dun_event_restarts(const struct dun_config *c, const struct dun_hist *h,
    const struct dun_hevent *e);
/* The name of bucket i (0 .. nbounds), "b0_30", "b731_plus", in buf. */
char *dun_bucket_name(const struct dun_config *c, size_t i, char *buf,
    size_t n);
/* The output's header and one record (dun-age(1) lists the columns). */
int dun_age_header(struct dun_out *o, const struct dun_config *c);
int dun_age_put(struct dun_out *o, const struct dun_config *c,
    const struct dun_hist *h, const struct dun_aged *a);

/* ---- classifying ------------------------------------------------------ */

enum { DUN_ACT_SEND, DUN_ACT_WAIT, DUN_ACT_HOLD, DUN_ACT_SERVICE_DESK,
	DUN_ACT_OFFER_PLAN, DUN_ACT_REVIEW, DUN_ACT_COUNT };

/* What dun-classify says of one record. */
struct dun_decision {
	int cls;		/* index in config classes, or -1 */
	int stage;		/* index in the ladder, or -1 */
	int channel;		/* enum dun_channel, or -1 */
	int action;		/* DUN_ACT_* */
	dun_date due_on;	/* DUN_NODATE: none */
	const char *reason;	/* in words, whole: the classifier's, until
				 * its next decision */
};

struct dun_classifier;

const char *dun_action_name(int action);
/* Parse every class rule of c once.  NULL on error, with err at the rule's
 * place in the YAML (DUN_EXIT_USAGE). */
struct dun_classifier *dun_classifier_new(const struct dun_config *c,
    struct dun_err *err);
void dun_classifier_free(struct dun_classifier *k);
/* Find the columns the rules and the ladder read in r's header: -1 if one
 * is missing (DUN_EXIT_DATA). */
int dun_classifier_bind(struct dun_classifier *k, const struct dun_rec *r,
    struct dun_err *err);
/* Decide for r's current record: 0, or -1 if a field does not parse. */
int dun_classify(struct dun_classifier *k, const struct dun_rec *r,
    dun_date today, struct dun_decision *d, struct dun_err *err);
/* The same, with every rule tried and every ladder condition, in words,
 * as *text: the classifier's, until its next decision. */
int dun_classify_explain(struct dun_classifier *k, const struct dun_rec *r,
    dun_date today, struct dun_decision *d, const char **text,
    struct dun_err *err);
void dun_classify_rank_key(const struct dun_classifier *k, dun_money *worth,
    long *age);

/* dun-classify's output (classify_out.c): each record with its decision,
 * held until the last is read, then written in the order read under the
 * columns read and those dun-classify appends, each with its priority
 * (1: the most worth recovering, then the most days overdue, then the
 * first read). */
struct dun_ranking;

/* An empty ranking, for c's classes and stages (c must outlive it). */
struct dun_ranking *dun_ranking_new(const struct dun_config *c);
/* Hold r's current record with its decision d, ranked by what k read of
 * it (dun_classify_rank_key). */
void dun_ranking_add(struct dun_ranking *g, const struct dun_rec *r,
    const struct dun_decision *d, const struct dun_classifier *k);
/* Rank the records held and write them to o, under head's columns and
 * those appended.  0, or -1 with errno set by a failed write (the rest is
 * not written). */
int dun_ranking_write(struct dun_ranking *g, const struct dun_rec *head,
    struct dun_out *o);
void dun_ranking_free(struct dun_ranking *g);

/* ---- notices ------------------------------------------------------------ */

struct dun_notifier;

struct dun_notice_opts {
	const char *dir;	/* where the files go */
	dun_date asof;		/* the day of the notices */
	int minute;		/* the time of day, for quiet hours */
	int dry_run;		/* render, but record and send nothing */
	int threads;		/* laying out letters; 0: one a core */
};

/* Told of what the program should say and go on from. */
typedef void dun_warn_fn(const char *msg, void *arg);

/* Load and check every template the ladder can need, the font, and the
 * folder.  NULL on error with err set. */
struct dun_notifier *dun_notifier_new(const struct dun_config *c,
    struct dun_ledger *l, const struct dun_notice_opts *o, dun_warn_fn *warn,
    void *arg, struct dun_err *err);
/* Find the columns in r's header (dun-classify's records). */
int dun_notifier_bind(struct dun_notifier *n, const struct dun_rec *r,
    struct dun_err *err);
/* Take r's current record: 1 a notice will be issued, 0 it is passed
 * over (counted by reason), -1 it is bad or refused (err, DUN_EXIT_DATA)
 * or the ledger failed (DUN_EXIT_SYS). */
int dun_notifier_take(struct dun_notifier *n, const struct dun_rec *r,
    struct dun_err *err);
/* Render, write, send and record the notices taken; each issued one is a
 * record on o.  0, or -1 with err: nothing of the failed batch is left
 * recorded or written. */
int dun_notifier_finish(struct dun_notifier *n, struct dun_out *o,
    struct dun_err *err);
long dun_notifier_issued(const struct dun_notifier *n);
/* The records refused: not to be contacted, or a notice that was not
 * whole or too long for its channel (each said through warn). */
long dun_notifier_refused(const struct dun_notifier *n);
/* Each reason records were passed over for, with its count. */
void dun_notifier_skipped(const struct dun_notifier *n,
    void (*fn)(const char *why, long count, void *arg), void *arg);
void dun_notifier_free(struct dun_notifier *n);
/* The segments an SMS text takes: 160 (153 when split) GSM characters,
 * or 70 (67) UTF-16 units when it needs UCS-2, as Chinese does. */
int dun_sms_segments(const char *s, int *ucs2, long *units);

/* ---- reports ------------------------------------------------------------ */

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

/* ---- when people may be reached ---------------------------------------- */

/* The lunar month and day of d, and whether the month is a leap month
 * (lunar.c).  0, or -1 for a date before 1950 or after 2100. */
int dun_lunar(dun_date d, int *month, int *day, int *leap);

/* What d is in the calendar of public holidays: DUN_DAY_OFF (a public
 * holiday, with *name its name if name is not NULL), DUN_DAY_WORK (a
 * weekend day worked instead), DUN_DAY_PLAIN (neither, in a year the
 * calendar lists), or DUN_DAY_UNKNOWN (a year it has no list for).  An
 * unknown year is remembered in the config, with what asked: dun-age's
 * limitation dates, dun-notice's quiet days, or a program itself (its
 * as-of date, through this function).  It is the one thing a const config
 * changes: not for two threads at once. */
enum { DUN_DAY_PLAIN, DUN_DAY_OFF, DUN_DAY_WORK, DUN_DAY_UNKNOWN };
enum { DUN_CAL_ASKED = 1, DUN_CAL_LIMITATION = 2, DUN_CAL_CONTACT = 4 };
int dun_calendar_day(const struct dun_config *c, dun_date d,
    const char **name);
/* How many years one of why (DUN_CAL_* bits) asked about with no list,
 * since the config was loaded; the years into buf[n] as "2019,
 * 2027-2029". */
int dun_calendar_missing(const struct dun_config *c, int why, char *buf,
    size_t n);
/* 1 if d is a quiet day of the config, with why ("a quiet Sunday",
 * "lunar 01-01") in why[n]; else 0. */
int dun_quiet_day(const struct dun_config *c, dun_date d, char *why,
    size_t n);
/* The first day on or after d that is not quiet. */
dun_date dun_quiet_next(const struct dun_config *c, dun_date d);
/* 1 if minute (since midnight) is in quiet hours, with *until the minute
 * they end. */
int dun_quiet_hour(const struct dun_config *c, int minute, int *until);
/* The first day on or after from that the window allows and that is not
 * quiet; DUN_NODATE if none within a year. */
dun_date dun_window_day(const struct dun_config *c,
    const struct dun_window *w, dun_date from);
/* A date as lang ("zh": 2026年12月5日, "en": 5 December 2026) into buf
 * of 40 bytes. */
char *dun_date_words(dun_date t, const char *lang, char *buf);

#endif

/*
 * config.h — dun.yaml, the config (lib/config/): loaded over the default
 * compiled in, lib/config/dun.yaml (config.c), a section read by a table
 * of its keys (confkeys.c, confkeys.h), the fees, the ladder and the
 * classes (confrules.c), from YAML as a tree of nodes (ynode.c, ynode.h).
 * The class rules' expressions are expr.c's, expr.h.
 */
#ifndef DUN_CONFIG_H
#define DUN_CONFIG_H

#include "records.h"

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
#define DUN_MAXBUCKETS 13	/* aging.buckets: its bounds, and one more */

struct dun_config {
	char *ledger;			/* the ledger when -d and the
					 * environment do not name one */
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
	 * lib/calendar/holidays.tsv, then calendar.file, then
	 * calendar.holidays and .workdays (and limitation.holidays and
	 * .workdays, their older names), a later day over an earlier one of
	 * the same date. */
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

/* The ladder's stage named name, or -1; the fee a row names (config.c,
 * beside dun_config_fee). */
int stage_index(const struct dun_config *c, const char *name);
int fee_index(const struct dun_config *c, const char *name, int late_ok);

#define DUN_FEE_NONE (-1)	/* a payment or adjustment naming no fee */
#define DUN_FEE_LATE (-2)	/* ... naming the late fee */
/* A fee the config does not list (电梯费): a fee of its own, with no late
 * fee, allocated after the config's; DUN_FEE_OTHER - k is the unit's
 * history's others[k]. */
#define DUN_FEE_OTHER (-100)
#define DUN_FEE_IS_OTHER(f) ((f) <= DUN_FEE_OTHER)
/* A fee named with one of allocation.deposits: a deposit, kept in the
 * ledger, never owed (fee_is_deposit). */
#define DUN_FEE_DEPOSIT (-3)
int fee_is_deposit(const struct dun_config *c, const char *name);

#endif

/*
 * base.h — what every part of the library stands on (lib/base/): errors
 * and diagnostics (diag.c), money (money.c), dates and periods (date.c),
 * memory and text (util.c: arenas, growing strings, UTF-8, sorting),
 * phone numbers and e-mail addresses (address.c).
 */
#ifndef DUN_BASE_H
#define DUN_BASE_H

#include <stdarg.h>
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
 * abbr_v (below), abbreviated at a character's start with "…" and
 * a note, and a message too long even so is cut at a character's start
 * and ends "… (abbreviated)" (dun_err_set). */
struct dun_err {
	int code;
	char msg[1024];
};

void dun_err_set(struct dun_err *e, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* dun_err_set with a va_list (diag.c).  A message longer than e->msg is
 * cut at a character's start and ends "… (abbreviated)". */
void dun_err_vset(struct dun_err *e, int code, const char *fmt,
    va_list ap);

/*
 * A user's value as an error message quotes it (util.c).  struct dun_err
 * has a fixed message (see above), so a value that may be long goes
 * into it through these: whole when it is at most ABBR_MAX bytes, and
 * then the bytes are those "%s" would give; longer, its first ABBR_MAX
 * bytes or a little fewer, ended at a character's start, then "…" and
 * " (N bytes, abbreviated)".  abbr_q puts the value in double quotes
 * (the note after them), abbr_v does not.  The struct is returned by
 * value, so abbr_q(s).s lives to the end of the call it is an argument
 * of: dun_err_set(err, code, "%s is not a stage", abbr_q(s).s).
 */
#define ABBR_MAX 200
struct abbr {
	char s[ABBR_MAX + 48];
};
struct abbr abbr_q(const char *s);
struct abbr abbr_v(const char *s);

/* Told of each bad row; the unit it belongs to comes back marked bad. */
typedef void dun_bad_fn(const struct dun_err *e, void *arg);

/* Diagnostics, for programs: "prog: message" on stderr.  A format ending
 * in ':' has ": strerror(errno)" appended.  dun_die exits with code. */
void dun_setprog(const char *argv0);
const char *dun_prog(void);
/* Every file and directory the program creates from here on is its
 * owner's alone (0600, 0700), whatever the umask it was started with:
 * they hold names, phones and debts. */
void dun_private(void);
void dun_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* dun_warn with its arguments as a va_list. */
void dun_vwarn(const char *fmt, va_list ap);
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

/* A date that is none (an unknown or open end, a column left empty). */
#define DUN_NODATE INT32_MIN

/* The days in month m (1-12) of year y (date.c). */
int month_days(int y, int m);

/* What a charge was billed for, as letters, statements and evidence
 * write it: its range, "2026-07-01至2026-09-30" (zh) or "2026-07-01 –
 * 2026-09-30" (en), "2026-07-01起" or "from 2026-07-01" when it is open
 * (until DUN_NODATE); its period "2026-07" when it has no range.  Into
 * buf of SPAN_BUFSZ bytes; returns buf (date.c). */
#define SPAN_BUFSZ 48
char *span_fmt(int has_range, dun_date start, dun_date until, dun_period p,
    const char *lang, char *buf);

/* A date as lang ("zh": 2026年12月5日, "en": 5 December 2026) into buf
 * of 40 bytes. */
char *dun_date_words(dun_date t, const char *lang, char *buf);

/* ---- memory and text --------------------------------------------------- */

/* An arena: many small allocations freed at once.  Allocation failure
 * aborts: the library's data are small and a half-built config is worse. */
struct arena;
struct arena *arena_new(void);
void *arena_alloc(struct arena *a, size_t n);
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_strdup(struct arena *a, const char *s);
void arena_reset(struct arena *a);	/* free all but keep one block */
void arena_free(struct arena *a);

void *xmalloc(size_t n);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);

/* A growing string (util.c). */
struct buf {
	char *s;
	size_t len, cap;
};
void buf_add(struct buf *b, const char *s, size_t n);
void buf_str(struct buf *b, const char *s);
/* Add fmt with ap to b; buf_clear empties b, keeping its room. */
void buf_vfmt(struct buf *b, const char *fmt, va_list ap);
void buf_clear(struct buf *b);
/* printf to the end of b, whole, however long. */
void buf_fmt(struct buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void buf_free(struct buf *b);
/* printf into a string of its own length; malloc'd. */
char *str_fmt(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Length of the valid UTF-8 prefix of s[0..n); *partial is set when the
 * invalid part is only a sequence cut off by the end. */
size_t utf8_valid(const unsigned char *s, size_t n, int *partial);

/* Say why a value is bad: "VALUE" what, into why (DUN_WHY bytes), the
 * value cut at 40 bytes, at a character's start, and "..." put after. */
void why_quote(char *why, const char *s, size_t n, const char *what);

/* How many of the first max bytes of s[0..n) to keep so as not to split
 * a UTF-8 character: n if n <= max, else max or up to three bytes fewer
 * (util.c). */
size_t utf8_cut(const char *s, size_t n, size_t max);

/* Trim ASCII blanks (and U+3000, the ideographic space) from both ends. */
void trim(const char **s, size_t *n);
/* trim, and a value left empty is none: 0, or -1 with why "is empty"
 * (why may be NULL). */
int trim_value(const char **s, size_t *n, char *why);
size_t str_hash(const char *s);		/* djb2, for hash tables */

/* Sort the n indexes ix by cmp(ctx, a, b), keeping equal ones in order:
 * a merge sort, as qsort has no context to give its comparison. */
void sort_index(size_t *ix, size_t n, int (*cmp)(const void *, size_t,
    size_t), const void *ctx);

/* A phone number as a household gives it (address.c): a mobile or a
 * landline, +86 allowed, spaces and dashes left out; into out in one form
 * (13800001234, 0755-12345678).  0, or -1 with why (DUN_WHY bytes). */
int phone_parse(const char *s, size_t n, char *out, size_t outsz, char *why);
/* An e-mail address (an RFC 5322 addr-spec, dot-atoms only, no blank or
 * control character): 0, or -1 with why. */
int email_parse(const char *s, size_t n, char *why);

#endif

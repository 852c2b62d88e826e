/* internal.h — what the library's files share and the programs do not. */
#ifndef DUN_INTERNAL_H
#define DUN_INTERNAL_H

#include <stddef.h>
#include "dun.h"

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

/* Length of the valid UTF-8 prefix of s[0..n); *partial is set when the
 * invalid part is only a sequence cut off by the end. */
size_t utf8_valid(const unsigned char *s, size_t n, int *partial);

/* Say why a value is bad: "VALUE" what, into why (DUN_WHY bytes), the
 * value cut at 40 bytes. */
void why_quote(char *why, const char *s, size_t n, const char *what);

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

/* Trim ASCII blanks (and U+3000, the ideographic space) from both ends. */
void trim(const char **s, size_t *n);
size_t str_hash(const char *s);		/* djb2, for hash tables */

/* A phone number as a household gives it (address.c): a mobile or a
 * landline, +86 allowed, spaces and dashes left out; into out in one form
 * (13800001234, 0755-12345678).  0, or -1 with why (DUN_WHY bytes). */
int phone_parse(const char *s, size_t n, char *out, size_t outsz, char *why);
/* An e-mail address (an RFC 5322 addr-spec, dot-atoms only, no blank or
 * control character): 0, or -1 with why. */
int email_parse(const char *s, size_t n, char *why);

/* A unit's history being gathered: dun_hist and room to grow. */
struct hb {
	struct dun_hist h;
	size_t cap[6];
	struct arena *a;
	int bad, has_info;
};

void hb_init(struct hb *b);
void hb_reset(struct hb *b);
void hb_free(struct hb *b);
char *hb_str(struct hb *b, const char *s);	/* NULL and "" stay NULL */
/* The fee a row names (fee_index), a fee the config lacks as
 * DUN_FEE_OTHER - k, or DUN_FEE_DEPOSIT for a deposit (allocation.deposits:
 * kept in the ledger, never owed). */
#define DUN_FEE_DEPOSIT (-3)
int fee_is_deposit(const struct dun_config *c, const char *name);
int hb_fee(struct hb *b, const struct dun_config *c, const char *name,
    int late_ok);
/* What the unit's bill lines say was paid or waived on them, beyond the
 * payments and adjustments that name those lines: payments and
 * adjustments of their own, on the lines' first days; and what was
 * reversed left out.  With a history start (not DUN_NODATE), what is
 * dated before it is left out and the lines' figures count whole.
 * Called once the unit's rows are all in. */
void hb_settle(struct hb *b, dun_date start);
dun_date period_day1(dun_period p);	/* the period's first day */
struct dun_hcharge *hb_charge(struct hb *b);
/* k more at once, zeroed. */
struct dun_hcharge *hb_charges(struct hb *b, size_t k);
struct dun_hmoney *hb_payments(struct hb *b, size_t k);
struct dun_hmoney *hb_adjustments(struct hb *b, size_t k);
struct dun_hmoney *hb_payment(struct hb *b);
struct dun_hmoney *hb_adjustment(struct hb *b);
struct dun_hevent *hb_event(struct hb *b);
struct dun_hnotice *hb_notice(struct hb *b);
/* The ledger's histories, unit by unit (ledger.c). */
struct ledger_hist;
struct ledger_hist *ledger_hist_open(struct dun_ledger *l,
    const struct dun_config *c, char *const *units, size_t nunits,
    dun_report_fn *report, void *arg, struct dun_err *err);
int ledger_hist_next(struct ledger_hist *lh, const struct dun_hist **h,
    int *bad, struct dun_err *err);
void ledger_hist_close(struct ledger_hist *lh);

/* A notice template: text with {{field}}, parsed once (template.c).
 * fields is a NULL-terminated list of the names allowed; line0 is the
 * line the text starts on, for messages. */
struct tpl;
struct tpl *tpl_parse(const char *text, size_t n, const char *name,
    int line0, const char *const *fields, struct dun_err *err);
/* The text with each field replaced by values[field] (NULL: empty);
 * malloc'd. */
char *tpl_render(const struct tpl *t, const char *const *values);
int tpl_uses(const struct tpl *t, int field);
void tpl_free(struct tpl *t);

/* The templates compiled in, from lib/templates; ends with a NULL name. */
struct builtin_tpl {
	const char *name, *text;
	size_t len;
};
extern const struct builtin_tpl builtin_templates[];

/* Printable A4 PDFs (pdf.c).  A letter: letterhead, title, reference,
 * recipient, body paragraphs (blank-line separated), a statement table
 * (cells row by row, the first row its head; widths as shares of the
 * line), lines after it, the signature. */
struct pdf;
struct pdf_letter {
	const char *company, *contact, *title, *ref, *to, *body, *after;
	const char *sign;
	const char *const *cells;
	size_t ncols, nrows;
	const double *widths;
};
/* 0 if font is installed, else -1 and err (DUN_EXIT_USAGE). */
int pdf_font_check(const char *font, struct dun_err *err);
struct pdf *pdf_open(const char *path, const char *font, dun_date date,
    const char *title, struct dun_err *err);
void pdf_letter(struct pdf *p, const struct pdf_letter *l);
void pdf_table(struct pdf *p, const char *title, const char *sub,
    const char *const *cells, size_t ncols, size_t nrows, const double *w);
/* A new page with a title centred, and a line under it. */
void pdf_title(struct pdf *p, const char *title, const char *sub);
/* A heading at the left and a table under it, on the same page when it
 * fits. */
void pdf_section(struct pdf *p, const char *title, const char *const *cells,
    size_t ncols, size_t nrows, const double *w);
void pdf_text(struct pdf *p, const char *text);
/* Finish and free; -1 and err if the file could not be written. */
int pdf_close(struct pdf *p, struct dun_err *err);

/* A growing string (send.c). */
struct buf {
	char *s;
	size_t len, cap;
};
void buf_add(struct buf *b, const char *s, size_t n);
void buf_str(struct buf *b, const char *s);
void buf_free(struct buf *b);

/* A field escaped as dun_tsv_escape does, appended to b; NULL is empty
 * (out.c). */
void buf_tsv(struct buf *b, const char *s);

/* An e-mail (send.c): RFC 5322 with a UTF-8 text part and an optional
 * PDF attached, CRLF line ends. */
struct mail {
	const char *from, *from_name, *to, *subject, *body, *id;
	dun_date date;
	int minute;
	const unsigned char *attachment;
	size_t attachment_len;
	const char *attachment_name;
};
void mail_build(struct buf *b, const struct mail *m);
/* Send msg over notice.email.smtp; receipt says what the server said.
 * 0, or -1 and err (DUN_EXIT_SYS). */
int send_mail(const struct dun_config *c, const char *from, const char *to,
    const char *msg, size_t len, char *receipt, size_t rn,
    struct dun_err *err);
/* POST the fields to notice.sms.gateway; 0 on a 2xx answer. */
int send_sms(const struct dun_config *c, const char *const *names,
    const char *const *values, size_t n, char *receipt, size_t rn,
    struct dun_err *err);

/* The files of a batch (stage.c): each written under a temporary name,
 * all given their final names at once when the batch is taken. */
struct stage;
struct stage *stage_new(void);
/* The temporary name to write final under, beside it; the stage keeps
 * both names. */
const char *stage_file(struct stage *st, const char *final);
/* A name in dir that no file there and none staged has: base.ext,
 * base-2.ext, ...; malloc'd. */
char *stage_fresh(const struct stage *st, const char *dir, const char *base,
    const char *ext);
/* Give every staged file its final name: 0, or -1 and err. */
int stage_publish(struct stage *st, struct dun_err *err);
/* Forget every staged file, removing what is under its temporary name,
 * and with finals what is under its final name too. */
void stage_clear(struct stage *st, int finals);
void stage_free(struct stage *st);
/* A unit or collector as part of a file name (malloc'd). */
char *file_safe(const char *s);
/* Write len bytes of s as the file path: 0, or -1 and err. */
int write_file(const char *path, const char *s, size_t len,
    struct dun_err *err);

/* Sort the n indexes ix by cmp(ctx, a, b), keeping equal ones in order:
 * a merge sort, as qsort has no context to give its comparison. */
void sort_index(size_t *ix, size_t n, int (*cmp)(const void *, size_t,
    size_t), const void *ctx);

int stage_index(const struct dun_config *c, const char *name);
int fee_index(const struct dun_config *c, const char *name, int late_ok);

#endif

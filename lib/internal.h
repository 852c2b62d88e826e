/* internal.h — what the library's files share and the programs do not. */
#ifndef DUN_INTERNAL_H
#define DUN_INTERNAL_H

#include <stddef.h>
#include <stdarg.h>

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
 * value cut at 40 bytes, at a character's start, and "..." put after. */
void why_quote(char *why, const char *s, size_t n, const char *what);

/* How many of the first max bytes of s[0..n) to keep so as not to split
 * a UTF-8 character: n if n <= max, else max or up to three bytes fewer
 * (util.c). */
size_t utf8_cut(const char *s, size_t n, size_t max);

/*
 * A user's value as an error message quotes it (util.c).  struct dun_err
 * has a fixed message (dun.h says why), so a value that may be long goes
 * into it through these: whole when it is at most ABBR_MAX bytes, and
 * then the bytes are those "%s" would give; longer, its first ABBR_MAX
 * bytes or a little fewer, ended at a character's start, then "…" and
 * " (N bytes, abbreviated)".  abbr_q puts the value in double quotes
 * (the note after them), abbr_v does not.  The struct is returned by
 * value, so abbr_q(s).s lives to the end of the call it is an argument
 * of: dun_err_set(err, code, "%s is not a stage", abbr_q(s).s).
 */
#define ABBR_MAX 200
/* dun_err_set with a va_list (diag.c).  A message longer than e->msg is
 * cut at a character's start and ends "… (abbreviated)". */
void dun_err_vset(struct dun_err *e, int code, const char *fmt,
    va_list ap);
struct abbr {
	char s[ABBR_MAX + 48];
};
struct abbr abbr_q(const char *s);
struct abbr abbr_v(const char *s);

/* The days in month m (1-12) of year y (date.c). */
int month_days(int y, int m);

/* The config's calendar of public holidays (calendar.c): the built-in
 * lib/holidays.tsv, then c->calendar.file, then the days off and the
 * weekend days worked that dun.yaml lists.  0, or -1 with err set. */
int calendar_build(struct dun_config *c, struct arena *a,
    const dun_date *off, size_t noff, const dun_date *work, size_t nwork,
    struct dun_err *err);
/* dun_calendar_day, a year with no list remembered as asked by why
 * (DUN_CAL_LIMITATION, DUN_CAL_CONTACT). */
int calendar_day(const struct dun_config *c, dun_date d, const char **name,
    int why);

/* What a unit's events and notices say as of asof, into a (age_events.c):
 * promises, disputes, hardship, plans, do-not-contact, the limitation
 * date and the episode's notices.  a's money, oldest_due and
 * episode_start must be set; nothing is allocated. */
void age_events(const struct dun_config *c, dun_date asof,
    const struct dun_hist *h, struct dun_aged *a);

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

/* The household texts a history holds, in the order dun-age writes them
 * and the units file and the ledger's history query give them: estate
 * building owner phone occupancy collector. */
extern const enum dun_hh_text hist_texts[6];

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
/* The ledger's histories, unit by unit (ledger_hist.c). */
struct ledger_hist;
struct ledger_hist *ledger_hist_open(struct dun_ledger *l,
    const struct dun_config *c, char *const *units, size_t nunits,
    dun_bad_fn *report, void *arg, struct dun_err *err);
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
/* Call fn with each text pdf_letter lays out of l, and whether in bold
 * (for pdf_fonts_add). */
void pdf_letter_texts(const struct pdf_letter *l, void (*fn)(const char *,
    int, void *), void *arg);
/* A PDF whose pages are recorded, not written: laid out once, with the
 * PangoFontMap fontmap (NULL: the thread's default, the system's fonts),
 * and played on others with pdf_play.  pdf_close frees it. */
struct pdf *pdf_record(void *fontmap, const char *font);
/* src's pages recorded, as the next pages of dst. */
void pdf_play(const struct pdf *src, struct pdf *dst);

/* The letters' font cut to the characters they use (pdf_fonts.c): cairo
 * parses the whole of a PDF's fonts for each file it finishes. */
struct pdf_fonts;
/* The cut of font (its regular and bold faces) in a folder of its own
 * under $TMPDIR; NULL and err if the font or the folder cannot be had. */
struct pdf_fonts *pdf_fonts_new(const char *font, struct dun_err *err);
/* Have text's characters in the cut, in bold or not: 1, or 0 if the font
 * lacks one (pango would take it from another: the text wants the
 * system's fonts). */
int pdf_fonts_add(struct pdf_fonts *fs, const char *text, int bold);
/* Cut the font anew if characters were added: 0, or -1 and err. */
int pdf_fonts_ready(struct pdf_fonts *fs, struct dun_err *err);
/* The fontconfig configuration of the latest cut (an FcConfig *,
 * referenced: pdf_fonts_config_free), NULL before the first. */
void *pdf_fonts_config(struct pdf_fonts *fs);
void pdf_fonts_config_free(void *cfg);
/* A PangoFontMap of the configuration cfg (NULL: the system's), for one
 * thread; pdf_fontmap_free. */
void *pdf_fontmap_new(void *cfg);
void pdf_fontmap_free(void *fontmap);
/* Free fs and remove its files; the letters laid out with them must be
 * closed first. */
void pdf_fonts_free(struct pdf_fonts *fs);
void pdf_table(struct pdf *p, const char *title, const char *sub,
    const char *const *cells, size_t ncols, size_t nrows, const double *w);
/* A new page with a title centred, and a line under it. */
void pdf_title(struct pdf *p, const char *title, const char *sub);
/* A heading at the left and a table under it, on the same page when it
 * fits. */
void pdf_section(struct pdf *p, const char *title, const char *const *cells,
    size_t ncols, size_t nrows, const double *w);
void pdf_text(struct pdf *p, const char *text);
/* From now, keep the text each drawing lays out, forgetting what was kept
 * before; pdf_shown gives it, a line a text, and the count of texts left
 * blank because they were not UTF-8.  For checking what a page says. */
void pdf_mark(struct pdf *p);
const char *pdf_shown(const struct pdf *p, int *refused);
/* Finish and free; -1 and err if the file could not be written. */
int pdf_close(struct pdf *p, struct dun_err *err);

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
/* The headers: the display name and subject RFC 2047 encoded unless
 * plain ASCII (never a CR or LF on a header's line), the attachment's
 * name RFC 2231, the Message-ID made of id's safe bytes.  0; or -1 and
 * why (DUN_WHY bytes) when from or to is not an addr-spec (email_parse),
 * with nothing appended. */
int mail_build(struct buf *b, const struct mail *m, char *why);
/* Send msg over notice.email.smtp; *receipt (malloc'd, replacing what
 * was there) says what the server said.  0; 1 and err when this
 * message's recipient is refused: to is not an addr-spec, or the server
 * refused it at RCPT TO; or -1 and err, from not an addr-spec
 * (DUN_EXIT_USAGE) or the server or the connection failing
 * (DUN_EXIT_SYS). */
int send_mail(const struct dun_config *c, const char *from, const char *to,
    const char *msg, size_t len, char **receipt, struct dun_err *err);
/* POST the fields to notice.sms.gateway; 0 on a 2xx answer.  *receipt as
 * for send_mail, the answer's bytes that are not UTF-8 written \xHH. */
int send_sms(const struct dun_config *c, const char *const *names,
    const char *const *values, size_t n, char **receipt,
    struct dun_err *err);

/* The files of a batch (fileset.c): each written under a temporary name,
 * recorded as pending with its notices, given its final name, and the
 * notices issued; what a run that died left is finished by the next. */
struct fileset;
struct fileset *fileset_new(void);
/* The temporary name to write final under, beside it; the stage keeps
 * both names.  The file is number fileset_count() - 1 of the stage. */
const char *fileset_temp(struct fileset *st, const char *final);
size_t fileset_count(const struct fileset *st);
/* File i is made of file of (a list's PDF, of its TSV): put in place by
 * the next run when that is, if this run dies.  Else a file that is no
 * notice's own is made of the whole batch. */
void fileset_made_of(struct fileset *st, size_t i, size_t of);
/* Flush the file path to the disk: 0, or -1 and err.  Any thread may,
 * with a temporary of the batch written whole; fileset_synced(i) then
 * tells the batch that file i needs no flush when it is taken. */
int fileset_sync_file(const char *path, struct dun_err *err);
void fileset_synced(struct fileset *st, size_t i);
/* Forget file i, removing its temporary. */
void fileset_drop(struct fileset *st, size_t i);
/* A name in dir that no file there and none staged has: base.ext,
 * base-2.ext, ...; malloc'd. */
char *fileset_fresh(const struct fileset *st, const char *dir, const char *base,
    const char *ext);
/* Give every staged file its final name, without a ledger (a dry run):
 * 0, or -1 and err. */
int fileset_publish(struct fileset *st, struct dun_err *err);
/* Forget every staged file, removing what is under its temporary name,
 * and with finals what is under its final name too. */
void fileset_clear(struct fileset *st, int finals);
void fileset_free(struct fileset *st);
/* Hold the folder dir for the run, waiting while another run holds it:
 * 0, or -1 and err (DUN_EXIT_SYS).  Held until stage_free. */
int fileset_hold(struct fileset *st, const char *dir, struct dun_err *err);
/* Finish each batch a run that died left: in the folder held, or in one
 * no live run holds.  The counts of its notices issued (their files were
 * in place) and taken out.  0, or -1 and err. */
int fileset_recover(struct fileset *st, struct dun_ledger *l, long *issued,
    long *withdrawn, struct dun_err *err);
/* Remove the temporaries of dun-notice that a dead run left in the
 * folder held. */
void fileset_sweep(struct fileset *st);
/* A notice of a batch, and the staged file that is its own (its number,
 * or past the end for none). */
struct fileset_notice {
	const struct dun_notice_row *row;
	size_t file;
};
/* Take the batch: record the notices v[0..n) as pending with the staged
 * files, put the files in place, issue the notices.  0; or -1 and err,
 * with nothing of the batch left recorded or written, or (the ledger
 * failing at the end) the files in place for the next run to issue.  The
 * stage is empty after. */
int fileset_commit(struct fileset *st, struct dun_ledger *l,
    const struct fileset_notice *v, size_t n, struct dun_err *err);
/* dun-report's temporaries, .NAME.XXXXXX: a new one's fd locked while
 * its writer lives (0, or -1); and those beside path that no live
 * writer holds removed. */
int temp_lock(int fd);
void temp_sweep(const char *path);
/* A temporary file beside path, "DIR/.NAME.XXXXXX", created 0600: its fd
 * and name (malloc'd) in *tmp; -1 and errno.  The fd is locked: keep it
 * open until the file is renamed or removed, so that the next run, which
 * removes the temporaries of path that no live run holds (a run killed
 * midway leaves one), leaves it alone. */
int temp_beside(const char *path, char **tmp);
/* Write all n bytes of s to fd, again after EINTR: 0, or -1 and errno. */
int fd_write(int fd, const char *s, size_t n);
/* Copy the file at path to fd: 0, or -1 and errno. */
int file_copy(const char *path, int fd);
/* A unit or collector as part of a file name (malloc'd): each character
 * that is a slash or backslash, a control (C0, DEL, C1), one that turns
 * the direction of text (U+202E and its kin) or shows nothing (U+200B,
 * U+FEFF, ...), and each byte that is not UTF-8, made '_'; a name that
 * would begin with '.' or '-' begins with '_'. */
char *file_safe(const char *s);
/* Write len bytes of s as the file path: 0, or -1 and err. */
int write_file(const char *path, const char *s, size_t len,
    struct dun_err *err);

/* Sort the n indexes ix by cmp(ctx, a, b), keeping equal ones in order:
 * a merge sort, as qsort has no context to give its comparison. */
void sort_index(size_t *ix, size_t n, int (*cmp)(const void *, size_t,
    size_t), const void *ctx);

/* The ladder's stage named name, or -1; the fee a row names (config.c,
 * beside dun_config_fee). */
int stage_index(const struct dun_config *c, const char *name);
int fee_index(const struct dun_config *c, const char *name, int late_ok);

#endif

/*
 * notice.h — dun-notice's work (lib/notice/): the notifier, records taken
 * and the batch (notice.c), templates and values (notice_render.c,
 * template.c, the templates in lib/notice/templates compiled in),
 * letters, lists and the board (notice_print.c, pdf.c), e-mail and SMS
 * (notice_send.c, send.c), and files written whole with the register
 * (fileset.c).  notice_int.h is the part's own; dun-report writes its
 * PDFs and files through pdf.c and fileset.c too.
 */
#ifndef DUN_NOTICE_H
#define DUN_NOTICE_H

#include "age.h"
#include "calendar.h"
#include "ledger.h"

struct dun_notifier;

struct dun_notice_opts {
	const char *dir;	/* where the files go */
	dun_date asof;		/* the day of the notices */
	int minute;		/* the time of day, for quiet hours */
	int dry_run;		/* render, but record and send nothing */
	int threads;		/* laying out letters; 0: one a core */
	int inflight;		/* letters given out at most; 0: (threads
				 * + 2) chunks of 16 */
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

/* ---- templates (template.c) -------------------------------------------- */

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

/* The templates compiled in, from lib/notice/templates; ends with a NULL name. */
struct builtin_tpl {
	const char *name, *text;
	size_t len;
};
extern const struct builtin_tpl builtin_templates[];

/* ---- printable PDFs (pdf.c) -------------------------------------------- */

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
/* Layouts in font with the PangoFontMap fontmap (NULL: the thread's
 * default, the system's fonts), kept for the letters one thread records
 * with them: a text laid out again at the same size, weight, width and
 * alignment is the layout kept, shaped once.  At most max are kept (when
 * full, all are dropped), 0: none, each laid out anew.  One thread's;
 * freed (pdf_lays_free) before fontmap, once the last PDF recorded with
 * it is laid out: such a PDF may outlive it, to be written (pdf_write,
 * pdf_book_put) and closed, but nothing more may be laid out into it. */
#define PDF_LAYS_MAX 4096
struct pdf_lays;
struct pdf_lays *pdf_lays_new(void *fontmap, const char *font, size_t max);
void pdf_lays_free(struct pdf_lays *lays);
/* How many layouts were found kept, and how many made. */
void pdf_lays_count(const struct pdf_lays *lays, unsigned long *hits,
    unsigned long *misses);
/* The faces the letters of a batch use, shared by the threads that lay
 * them out and write them (dun's own PDF writer: pdf_face.c, pdf_ink.c,
 * pdf_file.c). */
struct pdf_faces;
struct pdf_faces *pdf_faces_new(void);
void pdf_faces_free(struct pdf_faces *faces);
/* A PDF whose pages are drawn once, in lays, with the fonts of faces,
 * and written as a file of its own (pdf_write) and as pages of a book
 * (pdf_book_put), by any thread once laid out.  pdf_close frees it. */
struct pdf *pdf_record(struct pdf_lays *lays, struct pdf_faces *faces);
/* rec's pages as a PDF file, its bytes into file (replaced). */
void pdf_write(struct pdf *rec, dun_date date, const char *title,
    struct buf *file);
/* A book of pages recorded: a PDF written to path as they come, its
 * fonts and index at the end (pdf_book_close: 0, or -1 and err, the
 * book freed either way; pdf_book_free: dropped unfinished). */
struct pdf_book;
struct pdf_book *pdf_book_open(const char *path, struct pdf_faces *faces,
    dun_date date, const char *title, struct dun_err *err);
void pdf_book_put(struct pdf_book *bk, struct pdf *rec);
int pdf_book_close(struct pdf_book *bk, struct dun_err *err);
void pdf_book_free(struct pdf_book *bk);

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
/* pdf_table a row at a time, for a table too long to hold: begin with
 * the title and the head row's cells, a row each call, end.  w is kept
 * until the end. */
void pdf_table_begin(struct pdf *p, const char *title, const char *sub,
    const char *const *head, size_t ncols, const double *w);
void pdf_table_row(struct pdf *p, const char *const *cells);
void pdf_table_end(struct pdf *p);
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

/* ---- e-mail and SMS (send.c) ------------------------------------------- */

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

/* ---- files written whole (fileset.c) ----------------------------------- */

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
/* File i is a notice's own (fileset_commit_each). */
void fileset_own(struct fileset *st, size_t i);
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
/* fileset_commit of the notices next gives, one a call, in order: 1 and
 * *v (its row valid until the next call), 0 after the last, -1 and err.
 * The files that are notices' own are those marked with fileset_own;
 * nothing of a notice is kept but its id (8 bytes). */
typedef int fileset_next_fn(void *arg, struct fileset_notice *v,
    struct dun_err *err);
int fileset_commit_each(struct fileset *st, struct dun_ledger *l,
    fileset_next_fn *next, void *arg, struct dun_err *err);
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

#endif

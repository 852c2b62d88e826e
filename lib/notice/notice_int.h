/*
 * notice_int.h — what dun-notice's engine's files share (notice.c,
 * notice_render.c, notice_print.c, notice_send.c, notice_press.c,
 * notice_spool.c): the templates' fields,
 * the words of each language, the notifier's and a job's structs, and the
 * helpers one file gives the others.  The rest of lib uses notice.h.
 */
#ifndef DUN_NOTICE_INT_H
#define DUN_NOTICE_INT_H

#include <sys/types.h>
#include <stdint.h>
#include <stdio.h>

#include "notice.h"

/* A record's fields are its columns (columns.c), their types the table's:
 * money and dates are written as the language writes them. */

enum {
	/* from the record (the ledger's value first, where it has one) */
	F_UNIT, F_ESTATE, F_BUILDING, F_OWNER, F_PHONE, F_COLLECTOR,
	F_OCCUPANCY,
	F_BALANCE, F_LATE_FEE, F_TOTAL, F_NOT_DUE, F_CREDIT,
	F_LAST_PAID_AMOUNT,
	F_OLDEST_DUE, F_LAST_PAID, F_PROMISE_DUE, F_LIMITATION_DATE,
	F_DUE_ON,
	F_DAYS_OVERDUE, F_PERIODS_UNPAID, F_DAYS_TO_LIMITATION, F_CLASS,
	F_STAGE, F_REASON,
	F_RECORD_END,
	/* from the ledger */
	F_EMAIL = F_RECORD_END, F_ADDRESS,
	/* made by dun-notice */
	F_NOTICE, F_DATE, F_DEADLINE, F_STAGE_LABEL, F_CLASS_LABEL,
	F_NEXT_STAGE, F_TOTAL_CAPITALS, F_PERIODS, F_WINDOW,
	/* the config's company */
	F_COMPANY, F_COMPANY_ADDRESS, F_COMPANY_PHONE, F_COMPANY_EMAIL,
	F_BANK, F_ACCOUNT, F_PAY_LINK, F_CLAUSE, F_SIGNATURE,
	F_COUNT
};

/* The fields' names, by F_*, NULL after the last; notice_render.c's. */
extern const char *const notice_fields[F_COUNT + 1];

/* The fields of an SMS gateway's request. */
enum { G_PHONE, G_TEXT, G_UNIT, G_NOTICE, G_COUNT };

struct words {
	const char *lang;
	const char *stmt[6];		/* statement heads */
	const char *ref, *to, *after, *waived;
	const char *call_title, *visit_title, *list_head[10];
	const char *board_title, *board_sub, *board_head[5];
	const char *unassigned, *none;
};

/* The words of Chinese and English notices; notice_render.c's. */
extern const struct words notice_zh, notice_en;

struct job {
	char *v[F_COUNT];
	int stage, channel;
	int64_t unit_id;
	dun_date episode;
	long priority;
	long line;			/* in the input, for order */
	char *src;			/* the input's name, for messages */
	char *recipient, *reason, *collector;
	char *notice;
	char *file, *tmp, *title, *text;
	char sha[65];
	char *receipt;			/* a gateway's or server's answer */
	size_t staged;			/* its own file in the stage */
	struct dun_line *lines;
	size_t nlines;
	char **others;			/* names of fees the config lacks */
	size_t nothers;
	int segments, issued, refused;
};

/* A letter's texts, as pdf_letter lays them out (notice_print.c). */
struct letter {
	struct pdf_letter L;
	const char **cells;
	char **own;			/* the statement's cells */
	size_t nown;
	char *contact, *ref, *to, *after, *sign;
};

/* A line of the board: building, unit, periods, total and days, each
 * ended by a NUL, in one string. */
struct board_row {
	char *s;
};

/* A line of a call list or visit route, in the lists' spool at off: by
 * collector (who, of n->who), priority and the record's line. */
struct list_key {
	long priority, line;
	off_t off;
	int ch, who;
};

/* A list's file (its TSV), once written: what its notices record. */
struct list_file {
	char *path;
	size_t staged;
};

struct skip {
	char *why;
	long n;
};

struct dun_notifier {
	const struct dun_config *c;
	struct dun_ledger *l;
	struct dun_notice_opts o;
	const struct words *w;
	struct tpl *title[DUN_MAX_STAGES][DUN_CH_COUNT];
	struct tpl *body[DUN_MAX_STAGES][DUN_CH_COUNT];
	int col[F_RECORD_END];		/* the record's columns, or -1 */
	int c_action, c_channel, c_episode, c_priority, c_dnc;
	int need[F_COUNT];		/* a template uses the field */
	char day[16];			/* YYYYMMDD, in the batch's names */
	/* Each job is rendered, checked and written as it is taken; what the
	 * register needs of it goes to the rows' spool, in order, and to the
	 * letters' (done or refused, in order) when the press is done with
	 * it.  A notice sent one at a time, through a gateway or a mail
	 * server, goes to the later spool, what sending and recording it
	 * need, to be read back and sent once the batch is taken. */
	FILE *rows, *letters, *later;
	size_t nlater;			/* the notices in the later spool */
	int broken;			/* the batch failed: broke says why */
	int reading;			/* in the ledger's read transaction */
	struct dun_err broke;
	FILE *sms;			/* the SMS batch, being written */
	char *sms_path;
	size_t sms_staged;
	FILE *lspool;			/* the lists' lines, and their keys */
	struct list_key *lkeys;
	size_t nlkeys, caplkeys;
	char **who;			/* the collectors named */
	size_t nwho;
	struct list_file *lists[2];	/* calls, visits: by who */
	struct board_row *board;
	size_t nboard, capboard;
	struct skip *skips;
	size_t nskips;
	long refused, issued;
	dun_warn_fn *warn;
	void *arg;
	int64_t *units;			/* a set of the units given notices */
	size_t nunits, capunits;	/* capunits: 0 or a power of two */
	struct fileset *st;		/* the batch's files, not yet in place */
	struct tpl **gateway;		/* notice.sms.fields' values, parsed */
	struct press *press;		/* the letters in flight */
};

/* notice.c: messages, refusals, folders. */
void	 notice_warnf(struct dun_notifier *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	 notice_refuse(struct dun_notifier *, struct job *, const char *,
	    const char *, ...) __attribute__((format(printf, 4, 5)));
int	 notice_mkdirs(const char *, struct dun_err *);
void	 notice_job_free(struct job *);
FILE	*notice_spool(struct dun_err *);
void	 notice_spool_str(FILE *, const char *);
void	 notice_spool_long(FILE *, long long);
char	*notice_spool_get_str(FILE *);
long long notice_spool_get_long(FILE *);
/* What the register and the output need of a job, in the rows' spool:
 * the file given (ROW_FILE), a letter's (ROW_LETTER: done or refused as
 * the letters' spool says, in the same order), or a list's (ROW_LIST,
 * who its collector: its file once the lists are written). */
enum { ROW_FILE, ROW_LETTER, ROW_LIST, ROW_END };
void	 notice_spool_row(struct dun_notifier *, struct job *, int, int);
void	 notice_letter_done(struct dun_notifier *, struct job *);

/* notice_render.c: templates, values, statements, checks. */
char	*notice_slurp_file(const char *, size_t *);
int	 notice_load_templates(struct dun_notifier *, struct dun_err *);
void	 notice_sha_hex(const void *, size_t, char *);
int	 notice_sha_file(const char *, char *, struct dun_err *);
int	 notice_statement(struct dun_notifier *, struct job *,
	    struct dun_err *);
const char *notice_line_fee(const struct dun_config *, const struct job *,
	    const struct dun_line *);
void	 notice_fill(struct dun_notifier *, struct job *, struct dun_err *);
void	 notice_render(struct dun_notifier *, struct job *);
int	 notice_check_job(struct dun_notifier *, struct job *);

/* notice_print.c: letters, lists, the board. */
void	 notice_letter_make(struct dun_notifier *, struct job *,
	    struct letter *);
void	 notice_letter_free(struct letter *);
int	 notice_letter_says(struct dun_notifier *, struct job *,
	    const struct letter *, const char *, int);
int	 notice_draw_letter(struct dun_notifier *, struct job *, struct pdf *);
int	 notice_letter_file(struct dun_notifier *, struct job *, const char *,
	    struct dun_err *);
int	 notice_email_file(struct dun_notifier *, struct job *,
	    struct dun_err *);
int	 notice_list_put(struct dun_notifier *, struct job *, struct dun_err *);
int	 notice_lists(struct dun_notifier *, int, const char *,
	    struct dun_err *);
int	 notice_board(struct dun_notifier *, const char *, struct dun_err *);

/* notice_press.c: the letters laid out by worker threads.  put: j's
 * letter and its file, given out (taking back, into the day's PDF, what
 * is done), j the press's from then, its row spooled; end: all taken
 * back, the day's PDF written; abort: what is in flight dropped.  0, or
 * -1 and err. */
int	 notice_press_put(struct dun_notifier *, struct job *, const char *,
	    struct dun_err *);
int	 notice_press_end(struct dun_notifier *, struct dun_err *);
void	 notice_press_abort(struct dun_notifier *);

/* notice_send.c: e-mail, the SMS batch, one notice sent. */
int	 notice_email(struct dun_notifier *, struct job *, struct buf *,
	    struct dun_err *);
int	 notice_sms_line(struct dun_notifier *, struct job *,
	    struct dun_err *);
int	 notice_sms_end(struct dun_notifier *, struct dun_err *);
void	 notice_make_row(struct dun_notifier *, struct job *,
	    struct dun_notice_row *);
int	 notice_out_job(struct dun_notifier *, struct dun_out *, struct job *);
int	 notice_sent_one(struct dun_notifier *, struct job *, struct dun_out *,
	    struct dun_err *);

/* A row of the spool, read back. */
struct notice_row {
	struct dun_notice_row r;
	char *notice, *unit, *recipient, *file, *sha, *reason, *cls;
	int stage, channel;
	size_t staged;
};
void notice_row_free(struct notice_row *w);
/* The next row of the rows' spool that is issued (a letter the press
 * refused is passed over) into w: 1, 0 at the end. */
int notice_row_next(struct dun_notifier *n, struct notice_row *w);

/* The notices of the batch, for fileset_commit_each. */
struct notice_commit {
	struct dun_notifier *n;
	struct notice_row w;
};
int notice_commit_next(void *arg, struct fileset_notice *v,
    struct dun_err *err);
/* Back to the spools' starts, for reading: 0, or -1 and err. */
int notice_spools_rewind(struct dun_notifier *n, struct dun_err *err);
/* A notice to send through a gateway or a mail server: what sending and
 * recording it need (its texts, the fields it uses, a written demand's
 * statement) into the later spool; read back, in the same order, as a
 * job whose other fields are NULL: 0, or -1 and err. */
void notice_later_put(struct dun_notifier *n, const struct job *j);
int notice_later_next(struct dun_notifier *n, struct job **jp,
    struct dun_err *err);

#endif /* DUN_NOTICE_INT_H */

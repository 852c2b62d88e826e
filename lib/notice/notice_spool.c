/*
 * notice_spool.c — what dun-notice's batch keeps of its notices, on the
 * disk rather than in memory: the register's rows, the letters' answers,
 * and the notices to send through a gateway or a mail server, spooled to
 * unlinked temporary files as notices are taken, and read back, in
 * order, when the batch is taken (notice.c).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "notice_int.h"

/* ---- spools: what the batch keeps of its notices, on the disk ---------- */

/* A temporary file under $TMPDIR (or /tmp), unlinked, open to write and
 * read back: NULL and err if none can be made. */
FILE *
notice_spool(struct dun_err *err)
{
	const char *dir = getenv("TMPDIR");
	char *path = str_fmt("%s/dun-notice.XXXXXX", dir && *dir ? dir :
	    "/tmp");
	FILE *f = NULL;
	int fd, e;

	if ((fd = mkstemp(path)) >= 0) {
		unlink(path);
		if ((f = fdopen(fd, "w+")) == NULL) {
			e = errno;
			close(fd);
			errno = e;
		}
	}
	if (f == NULL)
		dun_err_set(err, DUN_EXIT_SYS, "%s: cannot make a temporary "
		    "file (TMPDIR): %s", path, strerror(errno));
	free(path);
	return f;
}

/* A string (NULL as none) or a number into a spool; what cannot be
 * written is found by ferror at the end. */
void
notice_spool_str(FILE *f, const char *s)
{
	long long len = s ? (long long)strlen(s) : -1;

	fwrite(&len, sizeof len, 1, f);
	if (s != NULL)
		fwrite(s, 1, (size_t)len, f);
}

void
notice_spool_long(FILE *f, long long v)
{
	fwrite(&v, sizeof v, 1, f);
}

/* The next string of a spool, malloc'd (NULL for none, or at the end). */
char *
notice_spool_get_str(FILE *f)
{
	long long len;
	char *s;

	if (fread(&len, sizeof len, 1, f) != 1 || len < 0)
		return NULL;
	s = xmalloc((size_t)len + 1);
	if (fread(s, 1, (size_t)len, f) != (size_t)len)
		len = 0;
	s[len] = '\0';
	return s;
}

long long
notice_spool_get_long(FILE *f)
{
	long long v;

	return fread(&v, sizeof v, 1, f) == 1 ? v : -1;
}

/* j's row into the rows' spool (notice_int.h). */
void
notice_spool_row(struct dun_notifier *n, struct job *j, int kind, int who)
{
	FILE *f = n->rows;

	notice_spool_long(f, kind);
	notice_spool_str(f, j->notice);
	notice_spool_str(f, j->v[F_UNIT]);
	notice_spool_long(f, j->unit_id);
	notice_spool_long(f, j->stage);
	notice_spool_long(f, j->channel);
	notice_spool_long(f, j->episode);
	notice_spool_str(f, j->recipient);
	notice_spool_str(f, j->file);
	notice_spool_long(f, (long long)j->staged);
	notice_spool_str(f, j->sha);
	notice_spool_str(f, j->reason);
	notice_spool_str(f, j->v[F_CLASS]);
	notice_spool_long(f, who);
}

/* The press is done with letter j: issued (its SHA-256) or refused. */
void
notice_letter_done(struct dun_notifier *n, struct job *j)
{
	notice_spool_long(n->letters, j->refused);
	notice_spool_str(n->letters, j->sha);
}

/* ---- the rows read back -------------------------------------------------- */

void
notice_row_free(struct notice_row *w)
{
	free(w->notice);
	free(w->unit);
	free(w->recipient);
	free(w->file);
	free(w->sha);
	free(w->reason);
	free(w->cls);
	memset(w, 0, sizeof *w);
}

/* The next row of the rows' spool that is issued (a letter the press
 * refused is passed over) into w: 1, 0 at the end. */
int
notice_row_next(struct dun_notifier *n, struct notice_row *w)
{
	FILE *f = n->rows;
	long long kind;
	int who;

	for (;;) {
		notice_row_free(w);
		if ((kind = notice_spool_get_long(f)) < 0 || kind >= ROW_END)
			return 0;
		w->notice = notice_spool_get_str(f);
		w->unit = notice_spool_get_str(f);
		w->r.unit_id = notice_spool_get_long(f);
		w->stage = (int)notice_spool_get_long(f);
		w->channel = (int)notice_spool_get_long(f);
		w->r.episode = (dun_date)notice_spool_get_long(f);
		w->recipient = notice_spool_get_str(f);
		w->file = notice_spool_get_str(f);
		w->staged = (size_t)notice_spool_get_long(f);
		w->sha = notice_spool_get_str(f);
		w->reason = notice_spool_get_str(f);
		w->cls = notice_spool_get_str(f);
		who = (int)notice_spool_get_long(f);
		if (kind == ROW_LETTER) {
			long long refused = notice_spool_get_long(n->letters);
			char *sha = notice_spool_get_str(n->letters);

			free(w->sha);
			w->sha = sha;
			if (refused != 0)
				continue;
		} else if (kind == ROW_LIST) {
			const struct list_file *lf = &n->lists[w->channel ==
			    DUN_CH_PHONE ? 0 : 1][who];

			free(w->file);
			w->file = xstrdup(lf->path);
			w->staged = lf->staged;
		}
		break;
	}
	w->r.notice = w->notice;
	w->r.stage = n->c->stages[w->stage].name;
	w->r.channel = dun_channel_name(w->channel);
	w->r.date = n->o.asof;
	w->r.recipient = w->recipient;
	w->r.file = w->file;
	w->r.sha256 = w->sha;
	w->r.reason = w->reason;
	w->r.receipt = NULL;
	w->r.cls = w->cls && *w->cls ? w->cls : NULL;
	return 1;
}


int
notice_commit_next(void *arg, struct fileset_notice *v, struct dun_err *err)
{
	struct notice_commit *k = arg;

	(void)err;
	if (notice_row_next(k->n, &k->w) == 0)
		return 0;
	v->row = &k->w.r;
	v->file = k->w.staged;
	return 1;
}

/* Back to the spools' starts, for reading: 0, or -1 and err. */
int
notice_spools_rewind(struct dun_notifier *n, struct dun_err *err)
{
	FILE *f[3];
	int i;

	f[0] = n->rows;
	f[1] = n->letters;
	f[2] = n->later;
	for (i = 0; i < 3; i++)
		if (fflush(f[i]) != 0 || ferror(f[i]) ||
		    fseeko(f[i], 0, SEEK_SET) != 0) {
			dun_err_set(err, DUN_EXIT_SYS, "a temporary file "
			    "(TMPDIR): %s", strerror(errno));
			return -1;
		}
	return 0;
}

/* ---- notices to send, kept until the batch is taken --------------------- */

/* The record's fields that sending a notice and recording it use
 * (notice_sent_one, notice_email, notice_make_row, notice_out_job,
 * notice_refuse), and those a written demand's letter, attached to an
 * e-mail, adds (notice_letter_make, notice_letter_says).  The others
 * come back NULL. */
static const int send_fields[] = { F_UNIT, F_PHONE, F_EMAIL, F_CLASS };
static const int letter_fields[] = { F_DATE, F_ADDRESS, F_OWNER, F_TOTAL,
	F_TOTAL_CAPITALS, F_LATE_FEE };

#define NELEM(a) (sizeof (a) / sizeof *(a))

/* Does j's e-mail carry its letter? */
static int
attaches(const struct dun_notifier *n, const struct job *j)
{
	return j->channel == DUN_CH_EMAIL &&
	    n->c->stages[j->stage].written_demand;
}

/* What sending j and recording it need into the later spool, in the
 * order taken (notice_int.h); j is the caller's still.  What cannot be
 * written is found by ferror when the spools are rewound. */
void
notice_later_put(struct dun_notifier *n, const struct job *j)
{
	FILE *f = n->later;
	size_t i;

	notice_spool_long(f, j->stage);
	notice_spool_long(f, j->channel);
	notice_spool_long(f, j->unit_id);
	notice_spool_long(f, j->episode);
	notice_spool_long(f, j->line);
	notice_spool_str(f, j->src);
	notice_spool_str(f, j->notice);
	notice_spool_str(f, j->recipient);
	notice_spool_str(f, j->reason);
	notice_spool_str(f, j->title);
	notice_spool_str(f, j->text);
	for (i = 0; i < NELEM(send_fields); i++)
		notice_spool_str(f, j->v[send_fields[i]]);
	if (attaches(n, j)) {
		for (i = 0; i < NELEM(letter_fields); i++)
			notice_spool_str(f, j->v[letter_fields[i]]);
		notice_spool_long(f, (long long)j->nlines);
		for (i = 0; i < j->nlines; i++) {
			const struct dun_line *ln = &j->lines[i];

			notice_spool_long(f, ln->fee);
			notice_spool_long(f, ln->adjustment);
			notice_spool_long(f, ln->period);
			notice_spool_long(f, ln->due);
			notice_spool_long(f, ln->amount);
			notice_spool_long(f, ln->unpaid);
			notice_spool_long(f, ln->late_fee);
			notice_spool_long(f, ln->has_range);
			notice_spool_long(f, ln->start);
			notice_spool_long(f, ln->until);
		}
		notice_spool_long(f, (long long)j->nothers);
		for (i = 0; i < j->nothers; i++)
			notice_spool_str(f, j->others[i]);
	}
	n->nlater++;
}

/* The next notice of the later spool, as notice_later_put had it, into
 * *jp (free with notice_job_free): 0, or -1 and err when the spool
 * cannot be read. */
int
notice_later_next(struct dun_notifier *n, struct job **jp,
    struct dun_err *err)
{
	FILE *f = n->later;
	struct job *j = xmalloc(sizeof *j);
	long long k;
	size_t i;

	memset(j, 0, sizeof *j);
	j->stage = (int)notice_spool_get_long(f);
	j->channel = (int)notice_spool_get_long(f);
	if (j->stage < 0 || (size_t)j->stage >= n->c->nstages ||
	    j->channel < 0 || j->channel >= DUN_CH_COUNT)
		goto bad;
	j->unit_id = notice_spool_get_long(f);
	j->episode = (dun_date)notice_spool_get_long(f);
	j->line = (long)notice_spool_get_long(f);
	j->src = notice_spool_get_str(f);
	j->notice = notice_spool_get_str(f);
	j->recipient = notice_spool_get_str(f);
	j->reason = notice_spool_get_str(f);
	j->title = notice_spool_get_str(f);
	j->text = notice_spool_get_str(f);
	for (i = 0; i < NELEM(send_fields); i++)
		j->v[send_fields[i]] = notice_spool_get_str(f);
	j->staged = (size_t)-1;
	if (attaches(n, j)) {
		for (i = 0; i < NELEM(letter_fields); i++)
			j->v[letter_fields[i]] = notice_spool_get_str(f);
		if ((k = notice_spool_get_long(f)) < 0)
			goto bad;
		j->lines = xmalloc(((size_t)k + 1) * sizeof *j->lines);
		j->nlines = (size_t)k;
		for (i = 0; i < j->nlines; i++) {
			struct dun_line *ln = &j->lines[i];

			ln->fee = (int)notice_spool_get_long(f);
			ln->adjustment = (int)notice_spool_get_long(f);
			ln->period = (dun_period)notice_spool_get_long(f);
			ln->due = (dun_date)notice_spool_get_long(f);
			ln->amount = notice_spool_get_long(f);
			ln->unpaid = notice_spool_get_long(f);
			ln->late_fee = notice_spool_get_long(f);
			ln->has_range = (int)notice_spool_get_long(f);
			ln->start = (dun_date)notice_spool_get_long(f);
			ln->until = (dun_date)notice_spool_get_long(f);
		}
		if ((k = notice_spool_get_long(f)) < 0)
			goto bad;
		j->others = xmalloc(((size_t)k + 1) * sizeof *j->others);
		j->nothers = (size_t)k;
		for (i = 0; i < j->nothers; i++)
			j->others[i] = notice_spool_get_str(f);
	}
	if (ferror(f) || feof(f) || j->src == NULL || j->notice == NULL ||
	    j->text == NULL || j->v[F_UNIT] == NULL)
		goto bad;
	*jp = j;
	return 0;
bad:
	dun_err_set(err, DUN_EXIT_SYS, "a temporary file (TMPDIR): %s",
	    ferror(f) ? strerror(errno) : "cut short");
	notice_job_free(j);
	*jp = NULL;
	return -1;
}

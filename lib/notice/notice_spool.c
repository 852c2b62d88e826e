/*
 * notice_spool.c — what dun-notice's batch keeps of its notices, on the
 * disk rather than in memory: the register's rows and the letters'
 * answers, spooled to unlinked temporary files as notices are taken, and
 * read back, in order, when the batch is taken (notice.c).
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
	FILE *f[2];
	int i;

	f[0] = n->rows;
	f[1] = n->letters;
	for (i = 0; i < 2; i++)
		if (fflush(f[i]) != 0 || ferror(f[i]) ||
		    fseeko(f[i], 0, SEEK_SET) != 0) {
			dun_err_set(err, DUN_EXIT_SYS, "a temporary file "
			    "(TMPDIR): %s", strerror(errno));
			return -1;
		}
	return 0;
}

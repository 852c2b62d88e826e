/*
 * notice_press.c — the day's letters laid out once, by worker threads,
 * and taken back in order.
 *
 * A letter is laid out by pango once and drawn once, as PDF content
 * streams (pdf_ink.c), in the font cut to the batch's characters
 * (pdf_fonts.c); its own PDF is written from them and hashed by the
 * worker that drew it, each worker with its own font map.  The main
 * thread takes the letters back in the order of their records, checks
 * what each says, and puts the same content streams as the next pages
 * of the day's PDF for the print room (pdf_file.c).
 * Letters are given to the workers a chunk at a time, the font cut anew
 * first when the chunk brings characters the cut lacks; a few chunks are
 * in flight, no more, whatever the size of the batch.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "notice_int.h"

#define CHUNK 16		/* letters given to the workers at once */
#define MAXTHREADS 64

struct task {
	struct task *next;		/* in the workers' queue */
	struct task *after;		/* in the order of the records */
	struct press *ps;
	struct job *j;			/* the task's, freed with it */
	struct letter lt;
	int system;			/* a character the cut cannot have */
	char *tmp;			/* its own file's temporary name */
	char *title;
	void *cfg;			/* the cut font's, NULL: the system's */
	/* the worker's */
	struct pdf *rec;
	char *shown;
	int bad, r, done;
	char sha[65];
	struct dun_err err;
};

struct press {
	pthread_mutex_t mu;
	pthread_cond_t more, done;
	struct task *todo, **todo_end;	/* for the workers */
	struct task *first, *last;	/* given out, in order */
	struct task *held, **held_end;	/* waiting for the cut */
	size_t nheld, nout;
	int quit;
	pthread_t th[MAXTHREADS];
	int nth;
	char *font, *base;
	dun_date date;
	struct pdf_fonts *fonts;	/* NULL: the system's fonts */
	struct pdf_faces *faces;	/* what the letters embed */
	struct pdf_book *day;		/* the day's letters, or NULL */
};

/* A worker's fonts: a font map for the cut it last used, and one of the
 * system's fonts if a letter needed them; the layouts kept in each. */
struct hand {
	void *cfg, *fm, *sysfm;
	struct pdf_lays *lays, *syslays;
};

static void
task_free(struct task *t)
{
	notice_letter_free(&t->lt);
	notice_job_free(t->j);
	if (t->rec != NULL)
		pdf_close(t->rec, NULL);
	pdf_fonts_config_free(t->cfg);
	free(t->tmp);
	free(t->title);
	free(t->shown);
	free(t);
}

/* Lay out t's letter, write its own file from that and hash it. */
static void
work(struct press *ps, struct hand *h, struct task *t)
{
	struct pdf_lays *lays;
	struct buf file = { 0 };

	if (t->cfg == NULL) {
		if (h->sysfm == NULL) {
			h->sysfm = pdf_fontmap_new(NULL);
			h->syslays = pdf_lays_new(h->sysfm, ps->font,
			    PDF_LAYS_MAX);
		}
		lays = h->syslays;
	} else {
		/* The font map holds its configuration: the pointer is
		 * that of a live one.  A new cut, new glyphs: the layouts
		 * kept are of the old. */
		if (h->cfg != t->cfg) {
			pdf_lays_free(h->lays);
			pdf_fontmap_free(h->fm);
			h->fm = pdf_fontmap_new(t->cfg);
			h->lays = pdf_lays_new(h->fm, ps->font,
			    PDF_LAYS_MAX);
			h->cfg = t->cfg;
		}
		lays = h->lays;
	}
	t->rec = pdf_record(lays, ps->faces);
	pdf_mark(t->rec);
	pdf_letter(t->rec, &t->lt.L);
	t->shown = xstrdup(pdf_shown(t->rec, &t->bad));
	pdf_write(t->rec, ps->date, t->title, &file);
	notice_sha_hex(file.s, file.len, t->sha);
	/* Flushed to the disk here, the workers' flushes at once, not one
	 * after the other when the batch is taken. */
	if ((t->r = write_file(t->tmp, file.s, file.len, &t->err)) == 0)
		t->r = fileset_sync_file(t->tmp, &t->err);
	buf_free(&file);
}

static void *
worker(void *arg)
{
	struct press *ps = arg;
	struct hand h = { NULL, NULL, NULL, NULL, NULL };
	struct task *t;

	for (;;) {
		pthread_mutex_lock(&ps->mu);
		while (!ps->quit && ps->todo == NULL)
			pthread_cond_wait(&ps->more, &ps->mu);
		if ((t = ps->todo) == NULL) {
			pthread_mutex_unlock(&ps->mu);
			break;
		}
		if ((ps->todo = t->next) == NULL)
			ps->todo_end = &ps->todo;
		pthread_mutex_unlock(&ps->mu);
		work(ps, &h, t);
		pthread_mutex_lock(&ps->mu);
		t->done = 1;
		pthread_cond_broadcast(&ps->done);
		pthread_mutex_unlock(&ps->mu);
	}
	pdf_lays_free(h.lays);
	pdf_lays_free(h.syslays);
	pdf_fontmap_free(h.fm);
	pdf_fontmap_free(h.sysfm);
	return NULL;
}

static struct press *
press_new(struct dun_notifier *n, const char *day, struct dun_err *err)
{
	struct press *ps = xmalloc(sizeof *ps);
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	int i;

	memset(ps, 0, sizeof *ps);
	ps->font = xstrdup(n->c->notice.font ? n->c->notice.font :
	    "Noto Sans CJK SC");
	ps->base = str_fmt("letters-%s", day);
	ps->date = n->o.asof;
	ps->todo_end = &ps->todo;
	ps->held_end = &ps->held;
	if ((ps->fonts = pdf_fonts_new(ps->font, err)) == NULL) {
		free(ps->font);
		free(ps->base);
		free(ps);
		return NULL;
	}
	ps->faces = pdf_faces_new();
	pthread_mutex_init(&ps->mu, NULL);
	pthread_cond_init(&ps->more, NULL);
	pthread_cond_init(&ps->done, NULL);
	ps->nth = n->o.threads > 0 ? n->o.threads : cores > 0 ? (int)cores : 1;
	if (ps->nth > MAXTHREADS)
		ps->nth = MAXTHREADS;
	for (i = 0; i < ps->nth; i++)
		if (pthread_create(&ps->th[i], NULL, worker, ps) != 0)
			break;
	if ((ps->nth = i) == 0) {
		dun_err_set(err, DUN_EXIT_SYS, "cannot start a thread to lay "
		    "out the letters");
		n->press = ps;
		notice_press_abort(n);
		return NULL;
	}
	return ps;
}

/* The letters held given to the workers, the font cut first if they
 * brought characters: 0, or -1 and err. */
static int
give(struct press *ps, struct dun_err *err)
{
	struct task *t;

	if (ps->held == NULL)
		return 0;
	if (pdf_fonts_ready(ps->fonts, err) < 0)
		return -1;
	for (t = ps->held; t != NULL; t = t->after)
		if (!t->system)
			t->cfg = pdf_fonts_config(ps->fonts);
	pthread_mutex_lock(&ps->mu);
	for (t = ps->held; t != NULL; t = t->after) {
		t->next = NULL;
		*ps->todo_end = t;
		ps->todo_end = &t->next;
	}
	if (ps->last != NULL)
		ps->last->after = ps->held;
	else
		ps->first = ps->held;
	for (t = ps->held; t->after != NULL; t = t->after)
		;
	ps->last = t;
	ps->nout += ps->nheld;
	pthread_cond_broadcast(&ps->more);
	pthread_mutex_unlock(&ps->mu);
	ps->held = NULL;
	ps->held_end = &ps->held;
	ps->nheld = 0;
	return 0;
}

/* The first letter given out, taken back once laid out (if wait, waiting
 * for it): checked, and played on the day's PDF.  1 one was taken, 0 none
 * was ready, -1 and err. */
static int
take(struct dun_notifier *n, struct press *ps, int wait, struct dun_err *err)
{
	struct task *t = ps->first;
	struct job *j;
	int r = 1;

	if (t == NULL)
		return 0;
	pthread_mutex_lock(&ps->mu);
	while (wait && !t->done)
		pthread_cond_wait(&ps->done, &ps->mu);
	pthread_mutex_unlock(&ps->mu);
	if (!t->done)
		return 0;
	if ((ps->first = t->after) == NULL)
		ps->last = NULL;
	ps->nout--;
	j = t->j;
	if (t->r < 0) {
		*err = t->err;
		r = -1;
	} else if (notice_letter_says(n, j, &t->lt, t->shown, t->bad)) {
		/* Not whole: not issued, and no file of it. */
		fileset_drop(n->st, j->staged);
		free(j->file);
		j->file = NULL;
		j->staged = (size_t)-1;
	} else {
		memcpy(j->sha, t->sha, sizeof j->sha);
		fileset_synced(n->st, j->staged);
		/* One merged PDF of the day's letters, for the print room. */
		if (ps->day == NULL) {
			char *path = fileset_fresh(n->st, n->o.dir, ps->base,
			    ".pdf");

			ps->day = pdf_book_open(fileset_temp(n->st, path),
			    ps->faces, ps->date, ps->base, err);
			free(path);
			if (ps->day == NULL)
				r = -1;
		}
		if (ps->day != NULL)
			pdf_book_put(ps->day, t->rec);
	}
	if (r > 0)
		notice_letter_done(n, j);
	task_free(t);
	return r;
}

/* Collect the characters of a letter's texts into the cut. */
static void
chars(const char *text, int bold, void *arg)
{
	struct task *t = arg;

	if (!t->system && !pdf_fonts_add(t->ps->fonts, text, bold))
		t->system = 1;
}

int
notice_press_put(struct dun_notifier *n, struct job *j, const char *day,
    struct dun_err *err)
{
	struct press *ps = n->press;
	struct task *t;
	char *sub, *name;

	if (ps == NULL && (ps = n->press = press_new(n, day, err)) == NULL)
		return -1;
	sub = str_fmt("%s/letters", n->o.dir);
	if (notice_mkdirs(sub, err) < 0) {
		free(sub);
		return -1;
	}
	t = xmalloc(sizeof *t);
	memset(t, 0, sizeof *t);
	name = file_safe(j->notice);
	j->file = fileset_fresh(n->st, sub, name, ".pdf");
	free(name);
	free(sub);
	j->staged = fileset_count(n->st);
	t->tmp = xstrdup(fileset_temp(n->st, j->file));
	t->title = xstrdup(j->title);
	t->j = j;
	fileset_own(n->st, j->staged);
	notice_spool_row(n, j, ROW_LETTER, 0);
	notice_letter_make(n, j, &t->lt);
	t->lt.L.title = t->title;
	/* Its characters in the cut font, or the system's fonts for it. */
	t->ps = ps;
	pdf_letter_texts(&t->lt.L, chars, t);
	*ps->held_end = t;
	ps->held_end = &t->after;
	ps->nheld++;
	if (ps->nheld >= CHUNK && give(ps, err) < 0)
		return -1;
	/* A few chunks in flight; what is ready taken back now. */
	while (ps->nout > (n->o.inflight > 0 ? (size_t)n->o.inflight :
	    (size_t)(ps->nth + 2) * CHUNK))
		if (take(n, ps, 1, err) < 0)
			return -1;
	for (;;) {
		int k = take(n, ps, 0, err);

		if (k < 0)
			return -1;
		if (k == 0)
			break;
	}
	return 0;
}

int
notice_press_end(struct dun_notifier *n, struct dun_err *err)
{
	struct press *ps = n->press;
	int k;

	if (ps == NULL)
		return 0;
	if (give(ps, err) < 0)
		return -1;
	while ((k = take(n, ps, 1, err)) > 0)
		;
	if (k < 0)
		return -1;
	if (ps->day != NULL) {
		k = pdf_book_close(ps->day, err);
		ps->day = NULL;
		if (k < 0)
			return -1;
	}
	notice_press_abort(n);
	return 0;
}

void
notice_press_abort(struct dun_notifier *n)
{
	struct press *ps = n->press;
	struct task *t, *next;
	int i;

	if (ps == NULL)
		return;
	pthread_mutex_lock(&ps->mu);
	ps->quit = 1;
	/* What no worker has begun is not begun. */
	ps->todo = NULL;
	ps->todo_end = &ps->todo;
	pthread_cond_broadcast(&ps->more);
	pthread_mutex_unlock(&ps->mu);
	for (i = 0; i < ps->nth; i++)
		pthread_join(ps->th[i], NULL);
	for (t = ps->first; t != NULL; t = next) {
		next = t->after;
		task_free(t);
	}
	for (t = ps->held; t != NULL; t = next) {
		next = t->after;
		task_free(t);
	}
	pdf_book_free(ps->day);
	pdf_faces_free(ps->faces);
	pdf_fonts_free(ps->fonts);
	pthread_mutex_destroy(&ps->mu);
	pthread_cond_destroy(&ps->more);
	pthread_cond_destroy(&ps->done);
	free(ps->font);
	free(ps->base);
	free(ps);
	n->press = NULL;
}

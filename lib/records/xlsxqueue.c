/*
 * xlsxqueue.c — the queue of batches of rows between the .xlsx reader's
 * parsing thread, which fills them, and the reader, which takes them
 * (xlsxrd.c); read batches are kept for reuse, a few.
 */
#include <stdlib.h>
#include <string.h>

#include "xlsxrd.h"

enum {
	NBATCH = 16,			/* queued, once the reader reads */
	NSPARE = 6,			/* batches kept for reuse */
	MAXHELD = 32 << 20		/* queued, in bytes, at most */
};

static size_t
batch_size(const struct batch *b)
{
	return b->tcap + b->ccap * sizeof *b->cells + b->rcap *
	    sizeof *b->rows;
}

void
xlsx_batch_free(struct batch *b)
{
	if (b == NULL)
		return;
	free(b->text);
	free(b->cells);
	free(b->rows);
	free(b);
}

/* A batch to fill, once the queue has room (MAXHELD bytes, and NBATCH
 * batches once the reader reads: rows of many megabytes are as many
 * batches): NULL if told to stop. */
struct batch *
xlsx_batch_fresh(struct xlsxrd *x)
{
	struct batch *b;

	pthread_mutex_lock(&x->mu);
	while (!x->stop && ((x->ready && x->queued >= NBATCH) || x->held >=
	    MAXHELD))
		pthread_cond_wait(&x->cv, &x->mu);
	if ((b = x->spare) != NULL) {
		x->spare = b->next;
		x->nspare--;
	}
	if (x->stop)
		x->stopped = 1;
	pthread_mutex_unlock(&x->mu);
	if (b == NULL) {
		b = xmalloc(sizeof *b);
		memset(b, 0, sizeof *b);
	}
	b->tlen = b->ncells = b->nrows = 0;
	b->end = b->failed = 0;
	b->next = NULL;
	if (x->stopped) {
		xlsx_batch_free(b);
		return NULL;
	}
	return b;
}

/* Queue the batch being filled and, unless it is the last, take a fresh
 * one: 0, or -1 if told to stop. */
int
xlsx_batch_publish(struct xlsxrd *x, int last)
{
	struct batch *b = x->b;

	pthread_mutex_lock(&x->mu);
	if (x->tail != NULL)
		x->tail->next = b;
	else
		x->head = b;
	x->tail = b;
	x->queued++;
	x->held += batch_size(b);
	pthread_cond_broadcast(&x->cv);
	pthread_mutex_unlock(&x->mu);
	x->b = NULL;
	if (last)
		return 0;
	return (x->b = xlsx_batch_fresh(x)) != NULL ? 0 : -1;
}

/* The reader: the next batch queued, the one read given back. */
struct batch *
xlsx_batch_take(struct xlsxrd *x, struct batch *done)
{
	struct batch *b;

	pthread_mutex_lock(&x->mu);
	if (done != NULL) {
		x->queued--;
		x->held -= batch_size(done);
		if (x->nspare < NSPARE && batch_size(done) <= MAXHELD /
		    NBATCH) {
			done->next = x->spare;
			x->spare = done;
			x->nspare++;
			done = NULL;
		}
		pthread_cond_broadcast(&x->cv);
	}
	while ((b = x->head) == NULL)
		pthread_cond_wait(&x->cv, &x->mu);
	if ((x->head = b->next) == NULL)
		x->tail = NULL;
	pthread_mutex_unlock(&x->mu);
	xlsx_batch_free(done);
	return b;
}

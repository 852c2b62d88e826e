/*
 * classify_out.c — dun-classify's records: each record read with its
 * decision, kept until the last is read, then written in the order read
 * with the columns the table appends (columns.c), its priority among
 * them.  The records are kept in memory up to a size; past it, all of
 * them are set aside in a file of their own under $TMPDIR, with no name
 * (unlinked as it is made, so gone however the program ends), and read
 * back in order to be written.  Only each record's place in the
 * priorities stays in memory: 24 bytes a record.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "classify.h"

#define ASIDE_BUF (1 << 20)	/* the stdio buffer of the file set aside */

/* A record's decision, and the size of its text: in memory, or written
 * before its text in the file set aside. */
struct decided {
	size_t len;		/* of the fields */
	size_t rlen;		/* of the reason */
	int cls, stage, channel, action;
	dun_date due_on;
};

/* A record kept in memory: its fields as they will be written (escaped,
 * joined by TABs) and its reason, each NUL-ended, in one block. */
struct held {
	char *text;
	struct decided d;
};

/* A record's place in the priorities, apart from its text. */
struct rank_key {
	union {
		dun_money worth;	/* what it is worth recovering */
		size_t rank;		/* after rank(): 1 the first to work */
	} u;
	long age;		/* days overdue */
	size_t i;		/* its place in the order read */
};

struct dun_ranking {
	const struct dun_config *c;
	struct rank_key *key;	/* every record's, in the order read */
	size_t n, cap;
	struct held *held;	/* the records, while in memory */
	size_t hcap;
	size_t bytes;		/* the memory they take, about */
	size_t memory;		/* past it, they are set aside */
	FILE *aside;		/* the file they are set aside in, or NULL */
	char *abuf;		/* its buffer */
	int broken;		/* a write to aside failed */
};

struct dun_ranking *
dun_ranking_new(const struct dun_config *c, size_t memory)
{
	struct dun_ranking *g = xmalloc(sizeof *g);

	memset(g, 0, sizeof *g);
	g->c = c;
	g->memory = memory;
	return g;
}

/* The folder the file set aside goes in: $TMPDIR, or /tmp. */
static const char *
tmpdir(void)
{
	const char *dir = getenv("TMPDIR");

	return dir != NULL && *dir != '\0' ? dir : "/tmp";
}

/* Say that the file set aside failed at what ("write", "read"), with
 * errno's reason.  Returns -1. */
static int
aside_err(struct dun_err *err, const char *what)
{
	dun_err_set(err, DUN_EXIT_SYS, "%s: the records set aside: %s: %s",
	    tmpdir(), what, errno ? strerror(errno) : "cut short");
	return -1;
}

/* Write h to the file set aside.  0, or -1 (errno). */
static int
put_aside(FILE *f, const struct held *h)
{
	size_t n = h->d.len + 1 + h->d.rlen + 1;

	if (fwrite(&h->d, sizeof h->d, 1, f) != 1 ||
	    fwrite(h->text, 1, n, f) != n)
		return -1;
	return 0;
}

/* Make the file to set records aside in, and move those held in memory
 * to it.  0, or -1 and err. */
static int
set_aside(struct dun_ranking *g, struct dun_err *err)
{
	struct buf path = { 0 };
	size_t i;
	int fd, rc = 0;

	buf_fmt(&path, "%s/dun-classify.XXXXXX", tmpdir());
	errno = 0;
	if ((fd = mkstemp(path.s)) < 0) {
		dun_err_set(err, DUN_EXIT_SYS, "%s: cannot make a file to "
		    "set the records aside in: %s", tmpdir(),
		    strerror(errno));
		buf_free(&path);
		return -1;
	}
	unlink(path.s);
	buf_free(&path);
	if ((g->aside = fdopen(fd, "w+")) == NULL) {
		close(fd);
		return aside_err(err, "open");
	}
	/* Fewer, larger writes and reads than stdio's page at a time. */
	g->abuf = xmalloc(ASIDE_BUF);
	setvbuf(g->aside, g->abuf, _IOFBF, ASIDE_BUF);
	errno = 0;
	for (i = 0; i < g->n; i++) {
		if (rc == 0 && put_aside(g->aside, &g->held[i]) < 0)
			rc = aside_err(err, "write");
		free(g->held[i].text);
	}
	free(g->held);
	g->held = NULL;
	g->hcap = 0;
	return rc;
}

int
dun_ranking_add(struct dun_ranking *g, const struct dun_rec *r,
    const struct dun_decision *d, const struct dun_classifier *k,
    struct dun_err *err)
{
	struct held h;
	struct rank_key *key;
	int rc = 0;

	if (g->broken) {
		dun_err_set(err, DUN_EXIT_SYS, "%s: the records set aside: "
		    "a write failed before", tmpdir());
		return -1;
	}
	if (g->n == g->cap) {
		g->cap = g->cap ? g->cap * 2 : 1024;
		g->key = xrealloc(g->key, g->cap * sizeof *g->key);
	}
	key = &g->key[g->n];
	dun_classify_rank_key(k, &key->u.worth, &key->age);
	key->i = g->n++;

	memset(&h.d, 0, sizeof h.d);	/* no stray bytes in the file */
	h.d.rlen = strlen(d->reason);
	h.text = dun_rec_tsv(r, h.d.rlen + 1, &h.d.len);
	memcpy(h.text + h.d.len + 1, d->reason, h.d.rlen + 1);
	h.d.cls = d->cls;
	h.d.stage = d->stage;
	h.d.channel = d->channel;
	h.d.action = d->action;
	h.d.due_on = d->due_on;

	if (g->aside == NULL) {
		if (g->n > g->hcap) {
			g->hcap = g->hcap ? g->hcap * 2 : 1024;
			g->held = xrealloc(g->held, g->hcap * sizeof *g->held);
		}
		g->held[g->n - 1] = h;
		/* The block, its place in held and malloc's own. */
		g->bytes += h.d.len + h.d.rlen + 2 + sizeof h +
		    sizeof(size_t) * 2;
		if (g->bytes <= g->memory)
			return 0;
		/* The last is moved with the others. */
		if (set_aside(g, err) < 0)
			g->broken = 1;
		return g->broken ? -1 : 0;
	}
	errno = 0;
	if (put_aside(g->aside, &h) < 0) {
		g->broken = 1;
		rc = aside_err(err, "write");
	}
	free(h.text);
	return rc;
}

/* Does x come before y: most worth recovering first, then most days
 * overdue, then first read.  No two keys are equal (i). */
static int
before(const struct rank_key *x, const struct rank_key *y)
{
	if (x->u.worth != y->u.worth)
		return x->u.worth > y->u.worth;
	if (x->age != y->age)
		return x->age > y->age;
	return x->i < y->i;
}

/* Exchange a[i] and a[j]. */
static void
swap(struct rank_key *a, size_t i, size_t j)
{
	struct rank_key t = a[i];

	a[i] = a[j];
	a[j] = t;
}

/* Let a[i] sink to its place in the heap a[0..n), the last in the order
 * on top. */
static void
sift(struct rank_key *a, size_t i, size_t n)
{
	struct rank_key t = a[i];
	size_t c;

	while ((c = 2 * i + 1) < n) {
		if (c + 1 < n && before(&a[c], &a[c + 1]))
			c++;
		if (!before(&t, &a[c]))
			break;
		a[i] = a[c];
		i = c;
	}
	a[i] = t;
}

/* Sort a[0..n) in place, without memory of its own (qsort takes as much
 * again as it sorts): quicksort on a median of three, the smaller part
 * first, a heapsort for a part that splits badly too often, and an
 * insertion sort for the small ones. */
static void
sort_keys(struct rank_key *a, size_t n, int depth)
{
	struct rank_key p, t;
	size_t i, j, m;

	while (n > 16) {
		if (depth-- == 0) {
			for (i = n / 2; i-- > 0;)
				sift(a, i, n);
			for (i = n; i-- > 1;) {
				swap(a, 0, i);
				sift(a, 0, i);
			}
			return;
		}
		m = n / 2;
		if (before(&a[m], &a[0]))
			swap(a, 0, m);
		if (before(&a[n - 1], &a[0]))
			swap(a, 0, n - 1);
		if (before(&a[n - 1], &a[m]))
			swap(a, m, n - 1);
		/* a[0] <= pivot <= a[n - 1]: each scan stops in bounds. */
		swap(a, m, n - 2);
		p = a[n - 2];
		i = 0;
		j = n - 2;
		for (;;) {
			while (before(&a[++i], &p))
				;
			while (before(&p, &a[--j]))
				;
			if (i >= j)
				break;
			swap(a, i, j);
		}
		swap(a, i, n - 2);
		if (i < n - i - 1) {
			sort_keys(a, i, depth);
			a += i + 1;
			n -= i + 1;
		} else {
			sort_keys(a + i + 1, n - i - 1, depth);
			n = i;
		}
	}
	for (i = 1; i < n; i++) {
		t = a[i];
		for (j = i; j > 0 && before(&t, &a[j - 1]); j--)
			a[j] = a[j - 1];
		a[j] = t;
	}
}

/* Each record's rank, 1 the first to work, into g->key[i].u.rank for the
 * record read i-th: the keys sorted, then put back in the order read in
 * place, each swap putting one where it belongs. */
static void
rank(struct dun_ranking *g)
{
	size_t i, j, n;
	int depth = 0;

	for (n = g->n; n > 1; n >>= 1)
		depth += 2;
	sort_keys(g->key, g->n, depth);
	for (i = 0; i < g->n; i++)
		g->key[i].u.rank = i + 1;
	for (i = 0; i < g->n; i++)
		while ((j = g->key[i].i) != i)
			swap(g->key, i, j);
}

/* Column id (one dun-classify appends) of the record h, of rank. */
static int
put_col(struct dun_out *o, const struct dun_config *c, const struct held *h,
    size_t rank, int id)
{
	const struct decided *d = &h->d;

	switch (id) {
	case COL_CLASS:
		return dun_out_str(o, d->cls >= 0 ? c->classes[d->cls].name :
		    "");
	case COL_STAGE:
		return dun_out_str(o, d->stage >= 0 ?
		    c->stages[d->stage].name : "");
	case COL_CHANNEL:
		return dun_out_str(o, d->channel >= 0 ?
		    dun_channel_name((enum dun_channel)d->channel) : "");
	case COL_DUE_ON:
		if (d->due_on == DUN_NODATE)
			return dun_out_str(o, "");
		return dun_out_date(o, d->due_on);
	case COL_ACTION:
		return dun_out_str(o, dun_action_name(d->action));
	case COL_PRIORITY:
		return dun_out_long(o, (long long)rank);
	case COL_REASON:
		return dun_out_str(o, h->text + d->len + 1);
	}
	return 0;
}

/* Read the next record set aside into h, its text into the block
 * *text of *cap bytes (grown as needed).  0, or -1 (errno). */
static int
take_back(FILE *f, struct held *h, char **text, size_t *cap)
{
	size_t n;

	if (fread(&h->d, sizeof h->d, 1, f) != 1)
		return -1;
	n = h->d.len + 1 + h->d.rlen + 1;
	if (n > *cap) {
		*cap = n > 2 * *cap ? n : 2 * *cap;
		free(*text);
		*text = xmalloc(*cap);
	}
	h->text = *text;
	if (fread(h->text, 1, n, f) != n)
		return -1;
	return 0;
}

int
dun_ranking_write(struct dun_ranking *g, const struct dun_rec *head,
    struct dun_out *o, struct dun_err *err)
{
	size_t i, j, k = dun_rec_ncols(head), cap = 0;
	char *text = NULL;
	struct held h;
	int bad = 0;

	err->code = DUN_EXIT_OK;
	if (g->broken) {
		dun_err_set(err, DUN_EXIT_SYS, "%s: the records set aside: "
		    "a write failed before", tmpdir());
		return -1;
	}
	if (g->aside != NULL) {
		errno = 0;
		if (fflush(g->aside) != 0 || fseek(g->aside, 0, SEEK_SET) != 0)
			return aside_err(err, "write");
	}
	rank(g);
	for (i = 0; i < k; i++)
		dun_out_str(o, dun_rec_colname(head, i));
	for (j = 0; j < COL_COUNT; j++)
		if (col_table[j].prog == COLP_CLASSIFY)
			dun_out_str(o, col_table[j].name);
	if (dun_out_end(o) < 0)
		return -1;
	for (i = 0; i < g->n && !bad; i++) {
		if (g->aside == NULL)
			h = g->held[i];
		else {
			errno = 0;
			if (take_back(g->aside, &h, &text, &cap) < 0) {
				free(text);
				return aside_err(err, "read");
			}
		}
		dun_out_joined(o, h.text, h.d.len, k);
		for (j = 0; j < COL_COUNT; j++)
			if (col_table[j].prog == COLP_CLASSIFY &&
			    put_col(o, g->c, &h, g->key[i].u.rank, (int)j) < 0)
				bad = 1;
		if (dun_out_end(o) < 0)
			bad = 1;
	}
	free(text);
	return bad ? -1 : 0;
}

void
dun_ranking_free(struct dun_ranking *g)
{
	size_t i;

	if (g == NULL)
		return;
	if (g->aside != NULL)
		fclose(g->aside);	/* before its buffer */
	else
		for (i = 0; i < g->n; i++)
			free(g->held[i].text);
	free(g->abuf);
	free(g->held);
	free(g->key);
	free(g);
}

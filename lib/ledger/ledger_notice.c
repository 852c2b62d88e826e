/*
 * ledger_notice.c — the notice register: a unit's facts for a notice, the
 * notices issued, and a batch's files until they are in place (fileset.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ledger_int.h"

/* ---- the notice register ---------------------------------------------- */

int
dun_ledger_unit(struct dun_ledger *l, const char *unit, int64_t *id,
    struct dun_household *h, struct dun_err *err)
{
	struct ledger_stmt *st = ledger_stmt(l, Q_N_UNIT, err);
	int rc, i;

	if (st == NULL)
		return -1;
	ledger_bind_text(st, 1, unit);
	if ((rc = ledger_one_row(l, st, err)) <= 0)
		return rc;
	/* id estate building owner phone email address occupancy collector
	 * dnc area: the texts in enum dun_hh_text's order */
	memset(h, 0, sizeof *h);
	*id = ledger_col_int64(st, 0);
	free(l->unit_text[DUN_HH_NTEXT]);
	h->unit = l->unit_text[DUN_HH_NTEXT] = xstrdup(unit);
	for (i = 0; i < DUN_HH_NTEXT; i++) {
		const char *s = ledger_col_text(st, i + 1);

		free(l->unit_text[i]);
		h->text[i] = l->unit_text[i] = s ? xstrdup(s) : NULL;
	}
	h->dnc = ledger_col_int(st, 9);
	h->has_area = !ledger_col_null(st, 10);
	h->area = ledger_col_int64(st, 10);
	ledger_reset(st);
	return 1;
}

int
dun_ledger_notice_find(struct dun_ledger *l, int64_t unit_id,
    const char *stage, dun_date episode, char **notice,
    struct dun_err *err)
{
	struct ledger_stmt *st = ledger_stmt(l, Q_N_FIND, err);
	int rc;

	if (st == NULL)
		return -1;
	ledger_bind_int(st, 1, unit_id);
	ledger_bind_text(st, 2, stage);
	ledger_bind_int(st, 3, episode);
	if ((rc = ledger_one_row(l, st, err)) <= 0)
		return rc;
	if (notice != NULL) {
		const char *s = ledger_col_text(st, 0);

		*notice = xstrdup(s ? s : "");
	}
	ledger_reset(st);
	return 1;
}

int
dun_ledger_notice_last(struct dun_ledger *l, int64_t unit_id,
    dun_date *date, struct dun_err *err)
{
	struct ledger_stmt *st = ledger_stmt(l, Q_N_LAST, err);
	int rc;

	if (st == NULL)
		return -1;
	ledger_bind_int(st, 1, unit_id);
	if ((rc = ledger_one_row(l, st, err)) <= 0)
		return rc;
	/* max() has a row, NULL if there was no notice. */
	rc = !ledger_col_null(st, 0);
	if (rc)
		*date = ledger_col_int(st, 0);
	ledger_reset(st);
	return rc;
}

int
dun_ledger_notice_add(struct dun_ledger *l, const struct dun_notice_row *r,
    struct dun_err *err)
{
	return ledger_notice_put(l, r, 0, NULL, err);
}

int
ledger_notice_put(struct dun_ledger *l, const struct dun_notice_row *r,
    int pending, int64_t *id, struct dun_err *err)
{
	struct ledger_stmt *st = ledger_stmt(l, Q_N_ADD, err);
	int64_t discard;
	char now[32];
	struct tm tm;
	time_t t = time(NULL);

	if (st == NULL)
		return -1;
	gmtime_r(&t, &tm);
	strftime(now, sizeof now, "%Y-%m-%dT%H:%M:%SZ", &tm);
	ledger_bind_text(st, 1, r->notice);
	ledger_bind_int(st, 2, r->unit_id);
	ledger_bind_text(st, 3, r->stage);
	ledger_bind_text(st, 4, r->channel);
	ledger_bind_int(st, 5, r->episode);
	ledger_bind_int(st, 6, r->date);
	ledger_bind_text(st, 7, r->recipient);
	ledger_bind_text(st, 8, r->file);
	ledger_bind_text(st, 9, r->sha256);
	ledger_bind_text(st, 10, r->reason);
	ledger_bind_text(st, 11, now);
	ledger_bind_text(st, 12, r->receipt);
	ledger_bind_text(st, 13, r->cls);
	ledger_bind_text(st, 14, pending ? "pending" : "issued");
	return ledger_insert(l, st, id != NULL ? id : &discard, err);
}

/* ---- a batch's files, until they are in place (fileset.c) ---------------- */

int
ledger_batch_file(struct dun_ledger *l, const char *batch, const char *dir,
    const char *tmp, const char *final, int64_t notice_id, const char *of,
    struct dun_err *err)
{
	struct ledger_stmt *st = ledger_stmt(l, Q_NF_ADD, err);

	if (st == NULL)
		return -1;
	ledger_bind_text(st, 1, batch);
	ledger_bind_text(st, 2, dir);
	ledger_bind_text(st, 3, tmp);
	ledger_bind_text(st, 4, final);
	ledger_bind_opt(st, 5, notice_id != 0, notice_id);
	ledger_bind_text(st, 6, of);
	return ledger_run(l, st, err);
}

int
ledger_batch_done(struct dun_ledger *l, const char *batch, int issue,
    struct dun_err *err)
{
	struct ledger_stmt *st;

	if (issue) {
		if ((st = ledger_stmt(l, Q_NF_ISSUE, err)) == NULL)
			return -1;
		ledger_bind_text(st, 1, batch);
		if (ledger_run(l, st, err) < 0)
			return -1;
	}
	if ((st = ledger_stmt(l, Q_NF_DROP, err)) == NULL)
		return -1;
	ledger_bind_text(st, 1, batch);
	return ledger_run(l, st, err);
}

int
ledger_batch_files(struct dun_ledger *l, struct batch_file **v, size_t *n,
    struct dun_err *err)
{
	struct ledger_stmt *st = ledger_stmt(l, Q_NF_ALL, err);
	size_t cap = 0;
	int rc;

	*v = NULL;
	*n = 0;
	if (st == NULL)
		return -1;
	while ((rc = ledger_step(st)) == LEDGER_ROW) {
		struct batch_file *f;

		if (*n == cap) {
			cap = cap ? 2 * cap : 16;
			*v = xrealloc(*v, cap * sizeof **v);
		}
		f = &(*v)[(*n)++];
		f->batch = xstrdup(ledger_col_text(st, 0) ?
		    ledger_col_text(st, 0) : "");
		f->dir = xstrdup(ledger_col_text(st, 1) ?
		    ledger_col_text(st, 1) : "");
		f->tmp = xstrdup(ledger_col_text(st, 2) ?
		    ledger_col_text(st, 2) : "");
		f->final = xstrdup(ledger_col_text(st, 3) ?
		    ledger_col_text(st, 3) : "");
		f->notice_id = ledger_col_int64(st, 4);
		f->of = ledger_col_text(st, 5) ?
		    xstrdup(ledger_col_text(st, 5)) : NULL;
	}
	ledger_reset(st);
	if (rc != LEDGER_DONE) {
		ledger_batch_files_free(*v, *n);
		*v = NULL;
		*n = 0;
		return ledger_dberr(l, err, "cannot read");
	}
	return 0;
}

void
ledger_batch_files_free(struct batch_file *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(v[i].batch);
		free(v[i].dir);
		free(v[i].tmp);
		free(v[i].final);
		free(v[i].of);
	}
	free(v);
}

int
ledger_durable(struct dun_ledger *l, struct dun_err *err)
{
	return l->be->durable(l, err);
}

int
ledger_notice_settle(struct dun_ledger *l, int64_t id, int issue,
    struct dun_err *err)
{
	struct ledger_stmt *st = ledger_stmt(l, issue ? Q_N_SETTLE :
	    Q_N_WITHDRAW, err);

	if (st == NULL)
		return -1;
	ledger_bind_int(st, 1, id);
	return ledger_run(l, st, err);
}

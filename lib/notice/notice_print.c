/*
 * notice_print.c — dun-notice's files on paper: letters and legal steps
 * drawn as PDF (and the batch's letter and e-mail files, each checked),
 * the collectors' call lists and visit routes, and the board.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "notice_int.h"

/* ---- letters --------------------------------------------------------- */

/* Does the letter laid out, whose texts are shown (bad of them not
 * UTF-8), say what it must, whole: every text UTF-8, the recipient, the
 * statement, and the amount in figures and capitals?  0, or 1 and j
 * refused. */
int
notice_letter_says(struct dun_notifier *n, struct job *j,
    const struct letter *lt, const char *shown, int bad)
{
	const char *what = NULL;

	if (bad)
		what = "a text of it is not UTF-8";
	else if (strstr(shown, lt->to) == NULL)
		what = "the recipient is not on it whole";
	else if (*j->v[F_TOTAL] == '\0' || *j->v[F_TOTAL_CAPITALS] == '\0')
		what = "it has no amount owed to state";
	else if (strstr(shown, lt->after) == NULL)
		what = "the amount in figures and capitals is not on it whole";
	else if (lt->L.nrows < 2)
		what = "it has no statement of account";
	if (what == NULL)
		return 0;
	notice_refuse(n, j, NULL, "the %s letter: %s",
	    n->c->stages[j->stage].name, what);
	return 1;
}

/* The texts of j's letter, as pdf_letter lays them out, into lt (its own
 * strings; j's title and text are borrowed): free with
 * notice_letter_free. */
void
notice_letter_make(struct dun_notifier *n, struct job *j, struct letter *lt)
{
	const struct dun_config *c = n->c;
	const struct words *w = n->w;
	char d[DUN_DATE_BUFSZ], m1[DUN_MONEY_BUFSZ];
	/* The period is wide enough for a range, "2026-07-01至2026-09-30". */
	static const double widths[] = { 0.25, 0.17, 0.15, 0.15, 0.14, 0.14 };
	size_t i, rows = 1, k = 0;

	memset(lt, 0, sizeof *lt);
	lt->cells = xmalloc((j->nlines + 1) * 6 * sizeof *lt->cells);
	lt->own = xmalloc((j->nlines + 1) * 6 * sizeof *lt->own);
	for (i = 0; i < 6; i++)
		lt->cells[i] = w->stmt[i];
	for (i = 0; i < j->nlines; i++) {
		const struct dun_line *ln = &j->lines[i];
		char per[SPAN_BUFSZ];

		if (ln->due > n->o.asof || (ln->unpaid <= 0 &&
		    ln->late_fee <= 0))
			continue;
		span_fmt(ln->has_range, ln->start, ln->until, ln->period,
		    w->lang, per);
		lt->own[k++] = xstrdup(ln->adjustment ? "" : per);
		lt->own[k++] = xstrdup(notice_line_fee(c, j, ln));
		lt->own[k++] = xstrdup(dun_date_fmt(ln->due, d));
		lt->own[k++] = xstrdup(dun_money_fmt(ln->amount, m1));
		lt->own[k++] = xstrdup(dun_money_fmt(ln->unpaid, m1));
		lt->own[k++] = xstrdup(dun_money_fmt(ln->late_fee, m1));
		rows++;
	}
	lt->nown = k;
	for (i = 0; i < k; i++)
		lt->cells[6 + i] = lt->own[i];
	lt->contact = str_fmt("%s%s%s%s%s",
	    c->company.address ? c->company.address : "",
	    c->company.phone ? "  ☎ " : "", c->company.phone ? c->company.phone :
	    "", c->company.email ? "  " : "", c->company.email ?
	    c->company.email : "");
	lt->ref = str_fmt(w->ref, j->notice, j->v[F_DATE]);
	lt->to = str_fmt(w->to, j->v[F_ADDRESS], *j->v[F_OWNER] ?
	    j->v[F_OWNER] : (strcmp(w->lang, "en") == 0 ? "occupant" : "业主"));
	lt->after = str_fmt(w->after, j->v[F_TOTAL], j->v[F_TOTAL_CAPITALS],
	    j->v[F_LATE_FEE]);
	lt->sign = str_fmt("%s\n%s", c->company.name ? c->company.name : "",
	    j->v[F_DATE]);
	lt->L.company = c->company.name ? c->company.name : "";
	lt->L.contact = lt->contact;
	lt->L.title = j->title;
	lt->L.ref = lt->ref;
	lt->L.to = lt->to;
	lt->L.body = j->text;
	lt->L.cells = lt->cells;
	lt->L.ncols = 6;
	lt->L.nrows = rows;
	lt->L.widths = widths;
	lt->L.after = lt->after;
	lt->L.sign = lt->sign;
}

void
notice_letter_free(struct letter *lt)
{
	size_t i;

	for (i = 0; i < lt->nown; i++)
		free(lt->own[i]);
	free(lt->own);
	free(lt->cells);
	free(lt->contact);
	free(lt->ref);
	free(lt->to);
	free(lt->after);
	free(lt->sign);
	memset(lt, 0, sizeof *lt);
}

/* Lay out j's letter on p, and check it: 0, or 1 and j refused. */
int
notice_draw_letter(struct dun_notifier *n, struct job *j, struct pdf *p)
{
	struct letter lt;
	const char *shown;
	int r, bad;

	notice_letter_make(n, j, &lt);
	pdf_mark(p);
	pdf_letter(p, &lt.L);
	shown = pdf_shown(p, &bad);
	r = notice_letter_says(n, j, &lt, shown, bad);
	notice_letter_free(&lt);
	return r;
}

/* j's letter as the PDF path: 0, 1 refused (said), or -1 and err. */
int
notice_letter_file(struct dun_notifier *n, struct job *j, const char *path,
    struct dun_err *err)
{
	struct pdf *p = pdf_open(path, n->c->notice.font ? n->c->notice.font :
	    "Noto Sans CJK SC", n->o.asof, j->title, err);
	int r;

	if (p == NULL)
		return -1;
	r = notice_draw_letter(n, j, p);
	return pdf_close(p, err) < 0 ? -1 : r;
}

/* The file of j, an e-mail without a server, checked: 0 (or refused:
 * no file of it), or -1 and err. */
int
notice_email_file(struct dun_notifier *n, struct job *j, struct dun_err *err)
{
	struct buf msg = { 0 };
	char *sub, *name, *path;
	const char *tmp;
	size_t staged;
	int r;

	sub = str_fmt("%s/email", n->o.dir);
	if (notice_mkdirs(sub, err) < 0) {
		free(sub);
		return -1;
	}
	name = file_safe(j->notice);
	path = fileset_fresh(n->st, sub, name, ".eml");
	free(name);
	free(sub);
	staged = fileset_count(n->st);
	tmp = fileset_temp(n->st, path);
	if ((r = notice_email(n, j, &msg, err)) == 0)
		r = write_file(tmp, msg.s, msg.len, err);
	buf_free(&msg);
	if (r == 0)
		r = notice_sha_file(tmp, j->sha, err);
	if (r == 1) {
		/* Not whole: not issued, and no file of it. */
		fileset_drop(n->st, staged);
		free(path);
		return 0;
	}
	if (r < 0) {
		free(path);
		return -1;
	}
	j->file = path;
	j->staged = staged;
	return 0;
}

/* ---- lists: calls, visits, the board ------------------------------------ */

/* The number of the collector named who, named anew if new. */
static int
collector(struct dun_notifier *n, const char *who)
{
	size_t i;

	for (i = n->nwho; i > 0; i--)
		if (strcmp(n->who[i - 1], who) == 0)
			return (int)(i - 1);
	n->who = xrealloc(n->who, (n->nwho + 1) * sizeof *n->who);
	n->who[n->nwho] = xstrdup(who);
	return (int)n->nwho++;
}

/* j as a line of its collector's call list or visit route: its TSV line
 * (what the register hashes) and its cells in the list's PDF into the
 * lists' spool, its key kept to sort, its row spooled.  0, or -1 and
 * err. */
int
notice_list_put(struct dun_notifier *n, struct job *j, struct dun_err *err)
{
	FILE *f = n->lspool;
	struct list_key *k;
	char line[64];
	struct buf one = { 0 };
	size_t z;

	if (n->nlkeys == n->caplkeys) {
		n->caplkeys = n->caplkeys ? 2 * n->caplkeys : 256;
		n->lkeys = xrealloc(n->lkeys, n->caplkeys * sizeof *n->lkeys);
	}
	k = &n->lkeys[n->nlkeys];
	k->priority = j->priority;
	k->line = j->line;
	k->ch = j->channel;
	k->who = collector(n, j->collector);
	if ((k->off = ftello(f)) < 0) {
		dun_err_set(err, DUN_EXIT_SYS, "a temporary file (TMPDIR): %s",
		    strerror(errno));
		return -1;
	}
	n->nlkeys++;
	snprintf(line, sizeof line, "%ld", j->priority);
	buf_str(&one, line);
	for (z = 0; z < 10; z++) {
		const char *s = z == 0 ? j->v[F_UNIT] : z == 1 ?
		    j->v[F_OWNER] : z == 2 ? j->v[F_PHONE] : z == 3 ?
		    j->v[F_ADDRESS] : z == 4 ? j->v[F_TOTAL] : z == 5 ?
		    j->v[F_DAYS_OVERDUE] : z == 6 ? j->v[F_CLASS_LABEL] :
		    z == 7 ? j->v[F_WINDOW] : z == 8 ? j->text : j->notice;

		buf_str(&one, "\t");
		buf_cell(&one, s);
	}
	/* The line's text is what the register hashes. */
	notice_sha_hex(one.s, one.len, j->sha);
	notice_spool_str(f, one.s);
	notice_spool_str(f, line);
	notice_spool_str(f, j->v[F_UNIT]);
	notice_spool_str(f, j->v[F_OWNER]);
	notice_spool_str(f, j->channel == DUN_CH_PHONE ? j->v[F_PHONE] :
	    j->v[F_ADDRESS]);
	notice_spool_str(f, j->v[F_TOTAL]);
	notice_spool_str(f, j->v[F_WINDOW]);
	notice_spool_str(f, j->text);
	buf_free(&one);
	notice_spool_row(n, j, ROW_LIST, k->who);
	return 0;
}

static const struct dun_notifier *sorting;

/* By collector, priority, then the record's line. */
static int
by_collector(const void *a, const void *b)
{
	const struct list_key *x = a, *y = b;
	int k = x->who == y->who ? 0 : strcmp(sorting->who[x->who],
	    sorting->who[y->who]);

	if (k != 0)
		return k;
	if (x->priority != y->priority)
		return x->priority < y->priority ? -1 : 1;
	return x->line < y->line ? -1 : x->line > y->line;
}

/* One call list or visit route per collector: TSV and PDF, their lines
 * read back from the lists' spool in order.  The TSV is for a
 * spreadsheet: a cell that one would take for a formula is marked as
 * text (buf_cell). */
int
notice_lists(struct dun_notifier *n, int ch, const char *day,
    struct dun_err *err)
{
	const struct words *w = n->w;
	struct list_key *v;
	size_t i, k, nv = 0, start;
	static const double widths[] = { 0.05, 0.09, 0.08, 0.12, 0.11, 0.15,
		0.40 };
	struct list_file *lf;
	char when[64];
	int r = 0;

	for (i = 0; i < n->nlkeys; i++)
		nv += n->lkeys[i].ch == ch;
	if (nv == 0)
		return 0;
	if (fflush(n->lspool) != 0 || ferror(n->lspool)) {
		dun_err_set(err, DUN_EXIT_SYS, "a temporary file (TMPDIR): %s",
		    strerror(errno));
		return -1;
	}
	v = xmalloc(nv * sizeof *v);
	for (i = k = 0; i < n->nlkeys; i++)
		if (n->lkeys[i].ch == ch)
			v[k++] = n->lkeys[i];
	sorting = n;
	qsort(v, nv, sizeof *v, by_collector);
	lf = n->lists[ch == DUN_CH_PHONE ? 0 : 1] = xmalloc((n->nwho + 1) *
	    sizeof *lf);
	memset(lf, 0, (n->nwho + 1) * sizeof *lf);
	dun_date_words(n->o.asof, w->lang, when);
	for (start = 0; start < nv && r == 0; start = k) {
		const char *who = n->who[v[start].who];
		char *base, *title, *tsv, *pdfp, *sc, *cell[8];
		const char *head[7];
		const char *tmp;
		FILE *t;
		struct pdf *p = NULL;
		size_t m, z, staged = fileset_count(n->st);

		for (k = start; k < nv && v[k].who == v[start].who; k++)
			;
		sc = file_safe(who);
		base = str_fmt("%s-%s-%s", ch == DUN_CH_PHONE ? "calls" :
		    "visits", day, sc);
		free(sc);
		tsv = fileset_fresh(n->st, n->o.dir, base, ".tsv");
		pdfp = fileset_fresh(n->st, n->o.dir, base, ".pdf");
		tmp = fileset_temp(n->st, tsv);
		fileset_own(n->st, staged);
		lf[v[start].who].path = xstrdup(tsv);
		lf[v[start].who].staged = staged;
		title = str_fmt(ch == DUN_CH_PHONE ? w->call_title :
		    w->visit_title, who, when);
		if ((t = fopen(tmp, "wb")) == NULL) {
			dun_err_set(err, DUN_EXIT_SYS, "%s: %s", tmp,
			    strerror(errno));
			r = -1;
		} else {
			fputs("priority\tunit\towner\tphone\taddress\t"
			    "total\tdays_overdue\tclass\twhen\tscript\t"
			    "notice\n", t);
			p = pdf_open(fileset_temp(n->st, pdfp),
			    n->c->notice.font ? n->c->notice.font :
			    "Noto Sans CJK SC", n->o.asof, title, err);
			/* The printable list is made of the TSV. */
			fileset_made_of(n->st, staged + 1, staged);
			if (p == NULL)
				r = -1;
		}
		if (p != NULL) {
			head[0] = w->list_head[0];
			head[1] = w->list_head[1];
			head[2] = w->list_head[2];
			head[3] = w->list_head[ch == DUN_CH_PHONE ? 3 : 4];
			head[4] = w->list_head[5];
			head[5] = w->list_head[8];
			head[6] = w->list_head[9];
			pdf_table_begin(p, title, NULL, head, 7, widths);
		}
		for (m = start; r == 0 && m < k; m++) {
			if (fseeko(n->lspool, v[m].off, SEEK_SET) != 0) {
				dun_err_set(err, DUN_EXIT_SYS, "a temporary "
				    "file (TMPDIR): %s", strerror(errno));
				r = -1;
				break;
			}
			for (z = 0; z < 8; z++)
				if ((cell[z] = notice_spool_get_str(
				    n->lspool)) == NULL)
					cell[z] = xstrdup("");
			fputs(cell[0], t);
			fputc('\n', t);
			pdf_table_row(p, (const char *const *)cell + 1);
			for (z = 0; z < 8; z++)
				free(cell[z]);
		}
		if (p != NULL) {
			pdf_table_end(p);
			if (pdf_close(p, err) < 0)
				r = -1;
		}
		if (t != NULL) {
			int e = ferror(t) ? EIO : 0;

			if (fclose(t) != 0 && e == 0)
				e = errno;
			if (e != 0 && r == 0) {
				dun_err_set(err, DUN_EXIT_SYS, "%s: %s", tmp,
				    strerror(e));
				r = -1;
			}
		}
		free(base);
		free(title);
		free(tsv);
		free(pdfp);
	}
	free(v);
	/* The spool is read again, to its end, for what follows. */
	if (fseeko(n->lspool, 0, SEEK_END) != 0 && r == 0) {
		dun_err_set(err, DUN_EXIT_SYS, "a temporary file (TMPDIR): %s",
		    strerror(errno));
		r = -1;
	}
	return r;
}

/* The five fields of a line of the board. */
static void
board_fields(const struct board_row *b, const char *e[5])
{
	const char *s = b->s;
	int k;

	for (k = 0; k < 5; k++) {
		e[k] = s;
		s += strlen(s) + 1;
	}
}

static int
by_building(const void *a, const void *b)
{
	const struct board_row *x = a, *y = b;
	const char *ex[5], *ey[5];
	int k;

	board_fields(x, ex);
	board_fields(y, ey);
	k = strcmp(ex[0], ey[0]);
	return k ? k : strcmp(ex[1], ey[1]);
}

/* The public notice board: buildings, units and amounts; no names.  Its
 * TSV is for a spreadsheet, as a call list's is. */
int
notice_board(struct dun_notifier *n, const char *day, struct dun_err *err)
{
	const struct words *w = n->w;
	static const double widths[] = { 0.2, 0.2, 0.2, 0.2, 0.2 };
	char base[64], *sub, *tsv, *pdfp, d[40];
	const char *title = w->board_title, *tmp, *e[5];
	struct buf t = { 0 };
	struct pdf *p;
	FILE *f;
	size_t i;
	int r = 0, err_no;

	qsort(n->board, n->nboard, sizeof *n->board, by_building);
	snprintf(base, sizeof base, "board-%s", day);
	tsv = fileset_fresh(n->st, n->o.dir, base, ".tsv");
	pdfp = fileset_fresh(n->st, n->o.dir, base, ".pdf");
	tmp = fileset_temp(n->st, tsv);
	if ((f = fopen(tmp, "wb")) == NULL) {
		dun_err_set(err, DUN_EXIT_SYS, "%s: %s", tmp, strerror(errno));
		free(tsv);
		free(pdfp);
		return -1;
	}
	fputs("building\tunit\tperiods_unpaid\ttotal\tdays_overdue\n", f);
	for (i = 0; i < n->nboard; i++) {
		board_fields(&n->board[i], e);
		t.len = 0;
		buf_cell(&t, e[0]);
		buf_str(&t, "\t");
		buf_cell(&t, e[1]);
		buf_str(&t, "\t");
		buf_cell(&t, e[2]);
		buf_str(&t, "\t");
		buf_cell(&t, e[3]);
		buf_str(&t, "\t");
		buf_cell(&t, e[4]);
		buf_str(&t, "\n");
		fwrite(t.s, 1, t.len, f);
	}
	err_no = ferror(f) ? EIO : 0;
	if (fclose(f) != 0 && err_no == 0)
		err_no = errno;
	if (err_no != 0) {
		dun_err_set(err, DUN_EXIT_SYS, "%s: %s", tmp,
		    strerror(err_no));
		r = -1;
	}
	sub = str_fmt(w->board_sub, dun_date_words(n->o.asof, w->lang, d),
	    n->c->company.name ? n->c->company.name : "",
	    n->c->company.phone ? n->c->company.phone : "");
	if (r == 0 && (p = pdf_open(fileset_temp(n->st, pdfp), n->c->notice.font ?
	    n->c->notice.font : "Noto Sans CJK SC", n->o.asof, title,
	    err)) != NULL) {
		pdf_table_begin(p, title, sub, w->board_head, 5, widths);
		for (i = 0; i < n->nboard; i++) {
			board_fields(&n->board[i], e);
			pdf_table_row(p, e);
		}
		pdf_table_end(p);
		r = pdf_close(p, err);
	} else
		r = -1;
	free(sub);
	buf_free(&t);
	free(tsv);
	free(pdfp);
	return r;
}

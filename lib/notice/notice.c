/*
 * notice.c — dun-notice's engine: each `send` decision that is due becomes
 * an SMS, a letter, an e-mail, or a line on a call list or visit route,
 * on a day and at an hour the config allows, recorded in the ledger's
 * notice register with the SHA-256 of what was written.
 *
 * Files are written under temporary names first; the register and the
 * files change together (fileset.c): a batch's notices are recorded as
 * pending, its files renamed into place, then the notices issued, and the
 * next run finishes what a run that died left.  Notices that go out
 * through a gateway or a mail server are recorded one by one, after each
 * is sent.  Before any is recorded, what was rendered is checked: valid
 * UTF-8, the amount in an SMS and its length, a letter's statement and
 * amount as laid out; a notice that fails is not issued.
 */
#include <fcntl.h>
#include <stdarg.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "notice_int.h"

/* ---- the notifier ------------------------------------------------------ */

void
notice_warnf(struct dun_notifier *n, const char *fmt, ...)
{
	struct buf b = { 0 };
	va_list ap;

	va_start(ap, fmt);
	buf_vfmt(&b, fmt, ap);
	va_end(ap);
	if (n->warn && b.s != NULL)
		n->warn(b.s, n->arg);
	buf_free(&b);
}

static void
skip(struct dun_notifier *n, const char *why)
{
	size_t i;

	for (i = 0; i < n->nskips; i++)
		if (strcmp(n->skips[i].why, why) == 0) {
			n->skips[i].n++;
			return;
		}
	n->skips = xrealloc(n->skips, (n->nskips + 1) * sizeof *n->skips);
	n->skips[n->nskips].why = xstrdup(why);
	n->skips[n->nskips++].n = 1;
}

/* Refuse j: say why, naming its record and unit, and issue nothing of
 * it. */
void
notice_refuse(struct dun_notifier *n, struct job *j, const char *col,
    const char *fmt, ...)
{
	struct buf b = { 0 };
	va_list ap;

	buf_fmt(&b, "%s:%ld: ", j->src, j->line);
	if (col != NULL)
		buf_fmt(&b, "%s: ", col);
	buf_fmt(&b, "unit %s: ", j->v[F_UNIT]);
	va_start(ap, fmt);
	buf_vfmt(&b, fmt, ap);
	va_end(ap);
	buf_str(&b, ": not issued");
	notice_warnf(n, "%s", b.s);
	buf_free(&b);
	j->refused = 1;
	n->refused++;
}

/* ---- setting up ------------------------------------------------------- */

int
notice_mkdirs(const char *path, struct dun_err *err)
{
	char *p = xstrdup(path), *s;
	int r = 0;

	for (s = p + 1; r == 0; s++) {
		if (*s != '/' && *s != '\0')
			continue;
		int end = *s == '\0';

		*s = '\0';
		if (mkdir(p, 0700) < 0 && errno != EEXIST) {
			dun_err_set(err, DUN_EXIT_SYS, "%s: %s", p,
			    strerror(errno));
			r = -1;
		}
		if (end)
			break;
		*s = '/';
	}
	free(p);
	return r;
}

void
notice_job_free(struct job *j)
{
	size_t k;
	int f;

	if (j == NULL)
		return;
	for (f = 0; f < F_COUNT; f++)
		free(j->v[f]);
	free(j->recipient);
	free(j->reason);
	free(j->src);
	free(j->notice);
	free(j->receipt);
	free(j->collector);
	free(j->file);
	free(j->title);
	free(j->text);
	free(j->lines);
	for (k = 0; k < j->nothers; k++)
		free(j->others[k]);
	free(j->others);
	free(j);
}

struct dun_notifier *
dun_notifier_new(const struct dun_config *c, struct dun_ledger *l,
    const struct dun_notice_opts *o, dun_warn_fn *warn, void *arg,
    struct dun_err *err)
{
	struct dun_notifier *n = xmalloc(sizeof *n);
	char *probe, d[DUN_DATE_BUFSZ];
	long issued, withdrawn;
	int fd;

	memset(n, 0, sizeof *n);
	n->st = fileset_new();
	dun_date_fmt(o->asof, d);
	snprintf(n->day, sizeof n->day, "%.4s%.2s%.2s", d, d + 5, d + 8);
	n->c = c;
	n->l = l;
	n->o = *o;
	n->warn = warn;
	n->arg = arg;
	n->w = strcmp(c->notice.language, "en") == 0 ? &notice_en : &notice_zh;
	/* Nothing goes out in a placeholder's name. */
	if (!o->dry_run && (probe = dun_config_example_company(c)) != NULL) {
		dun_err_set(err, DUN_EXIT_USAGE, "%s %s still the built-in "
		    "example's, or empty: set the sender in the config's "
		    "company section (dun.yaml(5)) before notices are "
		    "issued, or make a dry run with -n", probe,
		    strchr(probe, ',') ? "are" : "is");
		free(probe);
		goto fail;
	}
	if (notice_load_templates(n, err) < 0 ||
	    pdf_font_check(c->notice.font ? c->notice.font : "Noto Sans CJK SC",
	    err) < 0)
		goto fail;
	if (ledger_durable(l, err) < 0 || notice_mkdirs(o->dir, err) < 0 ||
	    fileset_hold(n->st, o->dir, err) < 0)
		goto fail;
	/* What a run that died left: its batch finished, its temporaries
	 * removed. */
	if (fileset_recover(n->st, l, &issued, &withdrawn, err) < 0)
		goto fail;
	if (issued > 0)
		notice_warnf(n, "%ld notice%s of a run that died %s issued: %s "
		    "files were in place", issued, issued == 1 ? "" : "s",
		    issued == 1 ? "is" : "are", issued == 1 ? "its" : "their");
	if (withdrawn > 0)
		notice_warnf(n, "%ld notice%s of a run that died %s taken out "
		    "of the register: %s files were not in place", withdrawn,
		    withdrawn == 1 ? "" : "s", withdrawn == 1 ? "is" : "are",
		    withdrawn == 1 ? "its" : "their");
	fileset_sweep(n->st);
	/* Find an unwritable folder now, not halfway. */
	probe = str_fmt("%s/.dun-probe.%ld", o->dir, (long)getpid());
	if ((fd = open(probe, O_WRONLY | O_CREAT | O_EXCL, 0600)) < 0) {
		dun_err_set(err, DUN_EXIT_SYS, "%s: cannot write here: %s",
		    o->dir, strerror(errno));
		free(probe);
		goto fail;
	}
	close(fd);
	unlink(probe);
	free(probe);
	if ((n->rows = notice_spool(err)) == NULL ||
	    (n->letters = notice_spool(err)) == NULL ||
	    (n->lspool = notice_spool(err)) == NULL ||
	    (n->later = notice_spool(err)) == NULL)
		goto fail;
	/* The records are taken reading the ledger as it is now, in one
	 * transaction: a unit's facts, register and history are several
	 * statements a notice, each of which would take its lock again.
	 * Nothing is written until the batch is taken. */
	if (dun_ledger_read_begin(l, err) < 0)
		goto fail;
	n->reading = 1;
	return n;
fail:
	dun_notifier_free(n);
	return NULL;
}

int
dun_notifier_bind(struct dun_notifier *n, const struct dun_rec *r,
    struct dun_err *err)
{
	static const char *const must[] = { "unit", "stage", "channel",
		"action", "due_on", "episode_start" };
	size_t i;
	int f;

	for (i = 0; i < sizeof must / sizeof *must; i++)
		if (dun_rec_col(r, must[i]) < 0) {
			dun_err_set(err, DUN_EXIT_DATA, "%s:1: the header has no "
			    "column \"%s\": dun-notice reads dun-classify's "
			    "records", dun_rec_name(r), must[i]);
			return -1;
		}
	for (f = 0; f < F_RECORD_END; f++) {
		n->col[f] = dun_rec_col(r, notice_fields[f]);
		if (n->col[f] < 0 && n->need[f] && f != F_OWNER &&
		    f != F_PHONE && f != F_ESTATE && f != F_BUILDING &&
		    f != F_COLLECTOR && f != F_OCCUPANCY) {
			dun_err_set(err, DUN_EXIT_DATA, "%s:1: the header has no "
			    "column \"%s\", which a template uses",
			    dun_rec_name(r), notice_fields[f]);
			return -1;
		}
	}
	n->c_action = dun_rec_col(r, "action");
	n->c_channel = dun_rec_col(r, "channel");
	n->c_episode = dun_rec_col(r, "episode_start");
	n->c_priority = dun_rec_col(r, "priority");
	n->c_dnc = dun_rec_col(r, "dnc");
	return 0;
}

/* ---- taking records ------------------------------------------------------ */

static const char *
field(const struct dun_rec *r, int col)
{
	return col >= 0 ? dun_rec_field(r, (size_t)col) : "";
}

/* The date in column col into *d, DUN_NODATE if empty: 0, or -1 and err
 * "FILE:LINE: COLUMN: why". */
static int
get_date(const struct dun_rec *r, int col, dun_date *d, struct dun_err *err)
{
	*d = DUN_NODATE;
	return dun_rec_date(r, col, DUN_DATE_ISO, d, err) < 0 ? -1 : 0;
}

static void
board_add(struct dun_notifier *n, const struct dun_rec *r,
    const struct dun_household *u)
{
	struct board_row *b;
	const char *total = field(r, dun_rec_col(r, "total"));

	if (*total == '\0' || strcmp(total, "0.00") == 0 || *total == '-')
		return;
	if (n->nboard == n->capboard) {
		n->capboard = n->capboard ? 2 * n->capboard : 256;
		n->board = xrealloc(n->board, n->capboard * sizeof *n->board);
	}
	b = &n->board[n->nboard++];
	/* One string, its five ended by NULs: a board may have a line a
	 * unit of the estate. */
	{
		const char *e[5];
		size_t len[5], k, at = 0;

		e[0] = u && *dun_hh(u, DUN_HH_BUILDING) ?
		    u->text[DUN_HH_BUILDING] : field(r, dun_rec_col(r,
		    "building"));
		e[1] = field(r, dun_rec_col(r, "unit"));
		e[2] = field(r, dun_rec_col(r, "periods_unpaid"));
		e[3] = total;
		e[4] = field(r, dun_rec_col(r, "days_overdue"));
		for (k = 0; k < 5; k++)
			at += (len[k] = strlen(e[k])) + 1;
		b->s = xmalloc(at);
		for (k = at = 0; k < 5; k++) {
			memcpy(b->s + at, e[k], len[k] + 1);
			at += len[k] + 1;
		}
	}
}

/* 1 if the unit was seen already in this run; else, if add, it is
 * added.  An open-addressing set: a run may take a million records. */
static int
seen_unit(struct dun_notifier *n, int64_t id, int add)
{
	size_t i, mask;

	if (2 * (n->nunits + 1) > n->capunits) {
		int64_t *old = n->units;
		size_t oldcap = n->capunits;

		n->capunits = oldcap ? 2 * oldcap : 1024;
		n->units = xmalloc(n->capunits * sizeof *n->units);
		memset(n->units, 0, n->capunits * sizeof *n->units);
		n->nunits = 0;
		for (i = 0; i < oldcap; i++)
			if (old[i] != 0)
				seen_unit(n, old[i], 1);
		free(old);
	}
	mask = n->capunits - 1;
	/* Unit ids are SQLite rowids: never 0, which marks a free slot. */
	for (i = (size_t)id * 0x9E3779B97F4A7C15u & mask; n->units[i] != 0;
	    i = (i + 1) & mask)
		if (n->units[i] == id)
			return 1;
	if (!add)
		return 0;
	n->units[i] = id;
	n->nunits++;
	return 0;
}

/* The longest notice number, DATE-UNIT-STAGE: with its folder's
 * temporary name around it, it is a file name (NAME_MAX is 255). */
#define NOTICE_MAX 200

/* Send-type channels reach a person at once: quiet hours hold them. */
static int
immediate(const struct dun_config *c, int ch)
{
	return contact_immediate(c, ch);
}

/* The batch fails with err: nothing of it is written or recorded, and
 * dun_notifier_finish says why. */
static void
broken(struct dun_notifier *n, const struct dun_err *err)
{
	if (!n->broken)
		n->broke = *err;
	n->broken = 1;
}

/* Does j need its statement from the ledger: a letter's, a legal
 * step's or an e-mail's table, or a text that names the unpaid periods?
 * An SMS, a call or a visit whose text does not needs none: the nightly
 * reminders by SMS, most of a night's notices, are not aged again. */
static int
needs_statement(const struct dun_notifier *n, const struct job *j)
{
	if (j->channel != DUN_CH_SMS && j->channel != DUN_CH_PHONE &&
	    j->channel != DUN_CH_VISIT)
		return 1;
	return tpl_uses(n->body[j->stage][j->channel], F_PERIODS);
}

/* Render j, check it, and write it into the batch's files now: a letter
 * to the press, an SMS a line of the batch, a call or visit a line of
 * the lists' spool; its row to the rows' spool.  A notice sent one at a
 * time (through a gateway or a mail server) goes to the later spool, to
 * send once the batch is taken.  j is gone after. */
static void
go(struct dun_notifier *n, struct job *j)
{
	const struct dun_config *c = n->c;
	struct dun_err err;
	int r = 0;

	if (n->broken || (needs_statement(n, j) &&
	    notice_statement(n, j, &err) < 0)) {
		if (!n->broken)
			broken(n, &err);
		notice_job_free(j);
		return;
	}
	notice_fill(n, j, &err);
	notice_render(n, j);
	j->staged = (size_t)-1;
	if (notice_check_job(n, j) != 0) {
		notice_job_free(j);
		return;
	}
	if (immediate(c, j->channel)) {
		notice_later_put(n, j);
		notice_job_free(j);
		return;
	}
	switch (j->channel) {
	case DUN_CH_LETTER:
	case DUN_CH_LEGAL:
		/* The press's now, its row spooled. */
		if (notice_press_put(n, j, n->day, &err) < 0)
			broken(n, &err);
		return;
	case DUN_CH_EMAIL:
		r = notice_email_file(n, j, &err);
		break;
	case DUN_CH_SMS:
		r = notice_sms_line(n, j, &err);
		break;
	case DUN_CH_PHONE:
	case DUN_CH_VISIT:
		r = notice_list_put(n, j, &err);
		break;
	}
	if (r < 0)
		broken(n, &err);
	else if (!j->refused && j->channel != DUN_CH_PHONE &&
	    j->channel != DUN_CH_VISIT) {
		if (j->staged != (size_t)-1)
			fileset_own(n->st, j->staged);
		notice_spool_row(n, j, ROW_FILE, 0);
	}
	notice_job_free(j);
}

int
dun_notifier_take(struct dun_notifier *n, const struct dun_rec *r,
    struct dun_err *err)
{
	const struct dun_config *c = n->c;
	const char *unit = field(r, n->col[F_UNIT]);
	const char *action = field(r, n->c_action);
	const char *stage = field(r, n->col[F_STAGE]);
	const char *chname = field(r, n->c_channel);
	struct dun_household u;
	int64_t unit_id = 0;
	struct contact_facts cf;
	struct contact_answer ca;
	dun_date due_on, episode;
	char why[DUN_WHY];
	int s, ch, k, f, found_unit;
	struct job *j;

	if ((found_unit = dun_ledger_unit(n->l, unit, &unit_id, &u, err)) < 0)
		return -1;
	if (c->notice.board)
		board_add(n, r, found_unit ? &u : NULL);
	if (strcmp(action, "send") != 0) {
		char *a = str_fmt("action %s", *action ? action : "(none)");

		skip(n, a);
		free(a);
		return 0;
	}
	if (get_date(r, n->col[F_DUE_ON], &due_on, err) < 0 ||
	    get_date(r, n->c_episode, &episode, err) < 0)
		return -1;
	if (due_on == DUN_NODATE || episode == DUN_NODATE) {
		dun_err_set(err, DUN_EXIT_DATA, "%s:%ld: %s: a send decision "
		    "needs due_on and episode_start", dun_rec_name(r),
		    dun_rec_line(r), due_on == DUN_NODATE ? "due_on" :
		    "episode_start");
		return -1;
	}
	if (due_on > n->o.asof) {
		skip(n, "due later");
		return 0;
	}
	if (!found_unit) {
		dun_err_set(err, DUN_EXIT_DATA, "%s:%ld: unit: %s is not in the "
		    "ledger; a notice is recorded against a unit",
		    dun_rec_name(r), dun_rec_line(r), abbr_q(unit).s);
		return -1;
	}
	if ((s = stage_index(c, stage)) < 0) {
		dun_err_set(err, DUN_EXIT_DATA, "%s:%ld: stage: %s is not a "
		    "stage of the ladder", dun_rec_name(r), dun_rec_line(r),
		    abbr_q(stage).s);
		return -1;
	}
	/* The notice's number, DATE-UNIT-STAGE, names its file. */
	if (strlen(unit) + strlen(stage) > NOTICE_MAX - 10) {
		dun_err_set(err, DUN_EXIT_DATA, "%s:%ld: unit: a unit's name of "
		    "%zu bytes is too long for a notice's number and file name "
		    "(%d bytes with the stage's)", dun_rec_name(r),
		    dun_rec_line(r), strlen(unit), NOTICE_MAX - 10);
		n->refused++;
		return -1;
	}
	for (ch = 0; ch < DUN_CH_COUNT; ch++)
		if (strcmp(chname, dun_channel_name(ch)) == 0)
			break;
	if (ch == DUN_CH_COUNT || n->body[s][ch] == NULL) {
		dun_err_set(err, DUN_EXIT_DATA, "%s:%ld: channel: %s is not a "
		    "channel stage %s can use", dun_rec_name(r),
		    dun_rec_line(r), abbr_q(chname).s, abbr_v(stage).s);
		return -1;
	}
	/* The contact rules (contact.c), on what the ledger and the run
	 * know of the unit.  Do-not-contact, whatever the record says: the
	 * ledger's mark too. */
	memset(&cf, 0, sizeof cf);
	cf.channel = ch;
	cf.dnc = u.dnc || (*field(r, n->c_dnc) && strcmp(field(r, n->c_dnc),
	    "0") != 0);
	if ((k = dun_ledger_notice_find(n->l, unit_id, stage, episode, NULL,
	    err)) < 0)
		return -1;
	cf.issued = k;
	cf.taken = seen_unit(n, unit_id, 0);
	if ((k = dun_ledger_notice_last(n->l, unit_id, &cf.last, err)) < 0)
		return -1;
	if (k == 0)
		cf.last = DUN_NODATE;
	cf.has_phone = *dun_hh(&u, DUN_HH_PHONE) != '\0' ||
	    *field(r, n->col[F_PHONE]) != '\0';
	/* An address the ledger holds that is not one (kept before
	 * dun-import checked them, or written there by hand) is none. */
	cf.has_email = *dun_hh(&u, DUN_HH_EMAIL) != '\0' &&
	    email_parse(u.text[DUN_HH_EMAIL], strlen(u.text[DUN_HH_EMAIL]),
	    why) == 0;
	contact_decide(c, &cf, n->o.asof, n->o.minute, &ca);
	if (ca.verdict == CONTACT_REFUSE) {
		dun_err_set(err, DUN_EXIT_DATA, "%s:%ld: unit %s is not to be "
		    "contacted: a %s by %s is refused (only written and legal "
		    "steps)", dun_rec_name(r), dun_rec_line(r), abbr_v(unit).s,
		    abbr_v(stage).s, chname);
		n->refused++;
		skip(n, ca.reason);
		free(ca.reason);
		return -1;
	}
	/* Deferred or sent, the unit has had its record of this run. */
	if (ca.verdict != CONTACT_SKIP)
		seen_unit(n, unit_id, 1);
	if (ca.verdict != CONTACT_SEND) {
		skip(n, ca.reason);
		free(ca.reason);
		return 0;
	}
	j = xmalloc(sizeof *j);
	memset(j, 0, sizeof *j);
	j->stage = s;
	j->channel = ch;
	j->unit_id = unit_id;
	j->episode = episode;
	j->line = dun_rec_line(r);
	j->src = xstrdup(dun_rec_name(r));
	j->priority = n->c_priority >= 0 ? atol(field(r, n->c_priority)) : 0;
	for (f = 0; f < F_RECORD_END; f++)
		j->v[f] = xstrdup(field(r, n->col[f]));
	/* The ledger knows the household best. */
	{
		static const int map[][2] = { { F_ESTATE, DUN_HH_ESTATE },
			{ F_BUILDING, DUN_HH_BUILDING },
			{ F_OWNER, DUN_HH_OWNER }, { F_PHONE, DUN_HH_PHONE },
			{ F_COLLECTOR, DUN_HH_COLLECTOR },
			{ F_OCCUPANCY, DUN_HH_OCCUPANCY } };

		for (k = 0; k < 6; k++)
			if (*dun_hh(&u, map[k][1]) != '\0') {
				free(j->v[map[k][0]]);
				j->v[map[k][0]] = xstrdup(u.text[map[k][1]]);
			}
	}
	j->v[F_EMAIL] = xstrdup(dun_hh(&u, DUN_HH_EMAIL));
	if (*dun_hh(&u, DUN_HH_ADDRESS))
		j->v[F_ADDRESS] = xstrdup(u.text[DUN_HH_ADDRESS]);
	else
		j->v[F_ADDRESS] = str_fmt("%s%s%s", j->v[F_ESTATE],
		    j->v[F_BUILDING], unit);
	j->reason = xstrdup(field(r, n->col[F_REASON]));
	/* No address for the channel, or an e-mail address that is not
	 * one: a letter goes instead. */
	if (ca.channel != ch) {
		int bad = ch == DUN_CH_EMAIL && *j->v[F_EMAIL] != '\0';
		char *reason = str_fmt("%s%s%s", j->reason, *j->reason ?
		    "; " : "", bad ? "the e-mail address is not one: a letter "
		    "instead" : ca.reason);

		free(j->reason);
		j->reason = reason;
		if (bad)
			notice_warnf(n, "%s:%ld: unit %s: the ledger's e-mail "
			    "address %s: a letter instead of email",
			    dun_rec_name(r), dun_rec_line(r), unit, why);
		else
			notice_warnf(n, "%s:%ld: unit %s has no %s: a letter "
			    "instead of %s", dun_rec_name(r), dun_rec_line(r),
			    unit, ca.missing, dun_channel_name(ch));
		j->channel = ch = ca.channel;
	}
	free(ca.reason);
	j->collector = xstrdup(*j->v[F_COLLECTOR] ? j->v[F_COLLECTOR] :
	    n->w->unassigned);
	switch (ch) {
	case DUN_CH_SMS:
	case DUN_CH_PHONE:
		j->recipient = xstrdup(j->v[F_PHONE]);
		break;
	case DUN_CH_EMAIL:
		j->recipient = xstrdup(j->v[F_EMAIL]);
		break;
	default:
		j->recipient = xstrdup(j->v[F_ADDRESS]);
	}
	go(n, j);
	return 1;
}

/* ---- the batch ----------------------------------------------------------- */

int
dun_notifier_finish(struct dun_notifier *n, struct dun_out *o,
    struct dun_err *err)
{
	static const char *const head[] = { "notice", "unit", "stage",
		"channel", "date", "to", "file", "sha256", "reason" };
	const struct dun_config *c = n->c;
	struct notice_row w;
	struct job *j;
	size_t i;
	int r = 0;

	memset(&w, 0, sizeof w);
	for (i = 0; i < sizeof head / sizeof *head; i++)
		dun_out_str(o, head[i]);
	if (dun_out_end(o) < 0)
		goto io;
	/* The notices were rendered, checked and written as they were
	 * taken: the letters still at the press taken back, and what is
	 * made of many written. */
	if (n->broken) {
		*err = n->broke;
		r = -1;
	}
	if (r == 0 && n->reading) {
		n->reading = 0;
		r = dun_ledger_read_end(n->l, err);
	}
	if (r == 0)
		r = notice_press_end(n, err);
	if (r == 0)
		r = notice_sms_end(n, err);
	if (r == 0)
		r = notice_lists(n, DUN_CH_PHONE, n->day, err);
	if (r == 0)
		r = notice_lists(n, DUN_CH_VISIT, n->day, err);
	if (r == 0 && c->notice.board && n->nboard > 0)
		r = notice_board(n, n->day, err);
	if (r == 0)
		r = notice_spools_rewind(n, err);
	if (r < 0) {
		notice_press_abort(n);
		fileset_clear(n->st, 0);
		return -1;
	}
	if (n->o.dry_run) {
		if (fileset_publish(n->st, err) < 0) {
			fileset_clear(n->st, 1);
			return -1;
		}
		fileset_clear(n->st, 0);
	} else {
		struct notice_commit k;

		k.n = n;
		memset(&k.w, 0, sizeof k.w);
		r = fileset_commit_each(n->st, n->l, notice_commit_next, &k, err);
		notice_row_free(&k.w);
		if (r < 0)
			return -1;
	}
	if (notice_spools_rewind(n, err) < 0)
		return -1;
	while (notice_row_next(n, &w)) {
		n->issued++;
		dun_out_str(o, w.notice);
		dun_out_str(o, w.unit);
		dun_out_str(o, w.r.stage);
		dun_out_str(o, w.r.channel);
		dun_out_date(o, n->o.asof);
		dun_out_str(o, w.recipient);
		dun_out_str(o, w.file);
		dun_out_str(o, w.sha);
		dun_out_str(o, w.reason);
		if (dun_out_end(o) < 0) {
			notice_row_free(&w);
			goto io;
		}
	}
	/* What goes out through a server, read back one at a time: each
	 * recorded once sent. */
	for (i = 0; i < n->nlater; i++) {
		if (dun_out_flush(o) < 0)
			goto io;
		if (notice_later_next(n, &j, err) < 0) {
			for (; i < n->nlater; i++)
				skip(n, "not sent: the temporary file failed");
			return -1;
		}
		r = notice_sent_one(n, j, o, err);
		notice_job_free(j);
		if (r < 0) {
			for (; i < n->nlater; i++)
				skip(n, "not sent: the server failed");
			return -1;
		}
	}
	return 0;
io:
	dun_err_set(err, DUN_EXIT_SYS, "standard output: %s", strerror(errno));
	return -1;
}

long
dun_notifier_issued(const struct dun_notifier *n)
{
	return n->issued;
}

long
dun_notifier_refused(const struct dun_notifier *n)
{
	return n->refused;
}

void
dun_notifier_skipped(const struct dun_notifier *n,
    void (*fn)(const char *why, long count, void *arg), void *arg)
{
	size_t i;

	for (i = 0; i < n->nskips; i++)
		fn(n->skips[i].why, n->skips[i].n, arg);
}

void
dun_notifier_free(struct dun_notifier *n)
{
	size_t i, s;
	int ch;

	if (n == NULL)
		return;
	if (n->reading)
		dun_ledger_rollback(n->l);
	notice_press_abort(n);
	fileset_free(n->st);
	if (n->gateway != NULL)
		for (i = 0; i < n->c->notice.sms.fields.n / 2; i++)
			tpl_free(n->gateway[i]);
	free(n->gateway);
	for (s = 0; s < DUN_MAX_STAGES; s++)
		for (ch = 0; ch < DUN_CH_COUNT; ch++) {
			tpl_free(n->title[s][ch]);
			tpl_free(n->body[s][ch]);
		}
	if (n->later != NULL)
		fclose(n->later);
	if (n->rows != NULL)
		fclose(n->rows);
	if (n->letters != NULL)
		fclose(n->letters);
	if (n->lspool != NULL)
		fclose(n->lspool);
	if (n->sms != NULL)
		fclose(n->sms);
	free(n->sms_path);
	free(n->lkeys);
	for (ch = 0; ch < 2; ch++) {
		for (i = 0; n->lists[ch] != NULL && i < n->nwho; i++)
			free(n->lists[ch][i].path);
		free(n->lists[ch]);
	}
	for (i = 0; i < n->nwho; i++)
		free(n->who[i]);
	free(n->who);
	for (i = 0; i < n->nboard; i++)
		free(n->board[i].s);
	free(n->board);
	for (i = 0; i < n->nskips; i++)
		free(n->skips[i].why);
	free(n->skips);
	free(n->units);
	free(n);
}

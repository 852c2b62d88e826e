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
#include <dirent.h>
#include <fcntl.h>
#include <stdarg.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <nettle/sha2.h>

#include "columns.h"
#include "contact.h"
#include "ledger.h"

/* ---- template fields ---------------------------------------------------- */

/* A record's fields are its columns (columns.h), their types the table's:
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

static const char *const fields[F_COUNT + 1] = {
	"unit", "estate", "building", "owner", "phone", "collector",
	"occupancy",
	"balance", "late_fee", "total", "not_due", "credit",
	"last_paid_amount",
	"oldest_due", "last_paid", "promise_due", "limitation_date", "due_on",
	"days_overdue", "periods_unpaid", "days_to_limitation", "class",
	"stage", "reason",
	"email", "address",
	"notice", "date", "deadline", "stage_label", "class_label",
	"next_stage", "total_capitals", "periods", "window",
	"company", "company_address", "company_phone", "company_email",
	"bank", "account", "pay_link", "clause", "signature",
	NULL
};


/* The fields of an SMS gateway's request. */
enum { G_PHONE, G_TEXT, G_UNIT, G_NOTICE, G_COUNT };
static const char *const gateway_fields[] = { "phone", "text", "unit",
	"notice", NULL };

/* ---- words in each language ------------------------------------------- */

struct words {
	const char *lang;
	const char *stmt[6];		/* statement heads */
	const char *ref, *to, *after, *waived;
	const char *call_title, *visit_title, *list_head[10];
	const char *board_title, *board_sub, *board_head[5];
	const char *unassigned, *none;
};

static const struct words zh = {
	"zh",
	{ "期间", "费用", "应缴日期", "应收", "未缴", "违约金" },
	"编号：%s　　日期：%s",
	"收件人：%2$s\n地址：%1$s",
	"欠费合计：%s（大写：人民币%s），其中违约金 %s。",
	"（违约金已按减免记录扣减。）",
	"电话催缴名单 · 催收员 %s · %s",
	"上门催缴路线 · 催收员 %s · %s",
	{ "序号", "房号", "业主", "电话", "地址", "欠费合计", "逾期天数",
	  "类别", "时段", "话术" },
	"物业费催缴公示",
	"截至 %s，下列房屋尚有物业服务费未缴。请相关业主尽快缴纳；如有疑问，"
	"请联系 %s（%s）。本公示不含业主姓名与联系方式。",
	{ "楼栋", "房号", "欠费期数", "欠费金额", "逾期天数" },
	"未分配", "无"
};

static const struct words en = {
	"en",
	{ "Period", "Fee", "Due", "Billed", "Unpaid", "Late fee" },
	"Ref. %s    Date: %s",
	"To: %2$s\nAddress: %1$s",
	"Total owed: %s (人民币%s), of which late fee %s.",
	"(Late fees waived on record have been deducted.)",
	"Call list - collector %s - %s",
	"Visit route - collector %s - %s",
	{ "No.", "Unit", "Owner", "Phone", "Address", "Total", "Days",
	  "Class", "When", "Script" },
	"Notice of overdue property fees",
	"As of %s the units below have property fees unpaid. Please pay "
	"soon; for questions call %s (%s). No names or contact details are "
	"shown.",
	{ "Building", "Unit", "Periods", "Amount", "Days overdue" },
	"unassigned", "none"
};

/* ---- the notifier ------------------------------------------------------ */

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

struct board_row {
	char *building, *unit, *total, *periods, *days;
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
	struct job *jobs;
	size_t njobs, capjobs;
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
};

static void
warnf(struct dun_notifier *n, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
warnf(struct dun_notifier *n, const char *fmt, ...)
{
	va_list ap;
	char *msg;
	int k;

	va_start(ap, fmt);
	k = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (k < 0)
		return;
	msg = xmalloc((size_t)k + 1);
	va_start(ap, fmt);
	vsnprintf(msg, (size_t)k + 1, fmt, ap);
	va_end(ap);
	if (n->warn)
		n->warn(msg, n->arg);
	free(msg);
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

/* ---- templates ---------------------------------------------------------- */

static int
titled(int ch)
{
	return ch == DUN_CH_EMAIL || ch == DUN_CH_LETTER || ch == DUN_CH_LEGAL;
}

static char *
slurp_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	struct buf b = { 0 };
	char chunk[8192];
	size_t k;

	if (f == NULL)
		return NULL;
	while ((k = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(&b, chunk, k);
	if (ferror(f)) {
		fclose(f);
		buf_free(&b);
		return NULL;
	}
	fclose(f);
	if (b.s == NULL)
		buf_add(&b, "", 0);
	*len = b.len;
	return b.s;
}

/* Check the names of the files in the template folder. */
static int
check_folder(struct dun_notifier *n, struct dun_err *err)
{
	const struct dun_config *c = n->c;
	DIR *d = opendir(c->notice.templates);
	struct dirent *e;
	int r = 0;

	if (d == NULL) {
		dun_err_set(err, DUN_EXIT_USAGE, "%s: %s (notice.templates)",
		    c->notice.templates, strerror(errno));
		return -1;
	}
	while (r == 0 && (e = readdir(d)) != NULL) {
		char stage[128], ch[16], lang[8], extra;
		int ok = 0, i;

		if (e->d_name[0] == '.')
			continue;
		if (sscanf(e->d_name, "%127[^.].%15[^.].%7[^.]%c", stage, ch,
		    lang, &extra) == 3 && stage_index(c, stage) >= 0 &&
		    (strcmp(lang, "zh") == 0 || strcmp(lang, "en") == 0))
			for (i = 0; i < DUN_CH_COUNT; i++)
				ok |= strcmp(ch, dun_channel_name(i)) == 0;
		if (!ok) {
			dun_err_set(err, DUN_EXIT_USAGE, "%s/%s: not a template: "
			    "a template is named STAGE.CHANNEL.LANGUAGE, with "
			    "a stage of the ladder, a channel and zh or en",
			    c->notice.templates, e->d_name);
			r = -1;
		}
	}
	closedir(d);
	return r;
}

/* The text of template STAGE.CHANNEL.LANG: the folder's, else built in;
 * *where says which (malloc'd, replacing what was there). */
static char *
find_template(struct dun_notifier *n, const char *stage, int ch,
    char **where, size_t *len)
{
	const struct dun_config *c = n->c;
	char *name = str_fmt("%s.%s.%s", stage, dun_channel_name(ch),
	    n->w->lang);
	size_t i;
	char *s = NULL;

	free(*where);
	*where = NULL;
	if (c->notice.templates != NULL) {
		*where = str_fmt("%s/%s", c->notice.templates, name);
		if ((s = slurp_file(*where, len)) != NULL)
			goto out;
		free(*where);
		*where = NULL;
	}
	for (i = 0; builtin_templates[i].name; i++)
		if (strcmp(builtin_templates[i].name, name) == 0) {
			*where = str_fmt("(built in) %s", name);
			*len = builtin_templates[i].len;
			s = xmalloc(*len + 1);
			memcpy(s, builtin_templates[i].text, *len + 1);
			break;
		}
out:
	free(name);
	return s;
}

static int
load_one(struct dun_notifier *n, int s, int ch, struct dun_err *err)
{
	const char *stage = n->c->stages[s].name;
	char *where = NULL;
	size_t len, k, i;
	char *text;
	int from = ch, f, partial, r = -1;

	text = find_template(n, stage, ch, &where, &len);
	/* An e-mail or a legal step may say what the letter says. */
	if (text == NULL && (ch == DUN_CH_EMAIL || ch == DUN_CH_LEGAL))
		text = find_template(n, stage, from = DUN_CH_LETTER, &where,
		    &len);
	if (text == NULL) {
		dun_err_set(err, DUN_EXIT_USAGE, "no template %s.%s.%s for "
		    "stage %s by %s (looked in %s and the built-in set)",
		    stage, dun_channel_name(ch), n->w->lang, stage,
		    dun_channel_name(ch), n->c->notice.templates ?
		    n->c->notice.templates : "no folder");
		free(where);
		return -1;
	}
	if (memchr(text, '\0', len) != NULL || utf8_valid((unsigned char *)
	    text, len, &partial) != len) {
		dun_err_set(err, DUN_EXIT_USAGE, "%s: is not UTF-8 text",
		    where);
		goto out;
	}
	/* A template saved with CRLF line ends reads as one saved with LF. */
	for (i = k = 0; i < len; i++)
		if (text[i] != '\r' || i + 1 == len || text[i + 1] != '\n')
			text[k++] = text[i];
	len = k;
	while (len > 0 && (text[len - 1] == '\n' || text[len - 1] == '\r'))
		len--;
	if (titled(from)) {
		char *nl = memchr(text, '\n', len);

		if (nl == NULL || (size_t)(nl - text) + 1 >= len ||
		    nl[1] != '\n') {
			dun_err_set(err, DUN_EXIT_USAGE, "%s:2:1: a %s template "
			    "begins with its title line and then a blank line",
			    where, dun_channel_name(from));
			goto out;
		}
		k = (size_t)(nl - text);
		if ((n->title[s][ch] = tpl_parse(text, k, where, 1, fields,
		    err)) == NULL ||
		    (n->body[s][ch] = tpl_parse(nl + 2, len - k - 2, where, 3,
		    fields, err)) == NULL)
			goto out;
	} else if ((n->body[s][ch] = tpl_parse(text, len, where, 1, fields,
	    err)) == NULL)
		goto out;
	for (f = 0; f < F_COUNT; f++)
		n->need[f] |= tpl_uses(n->body[s][ch], f) ||
		    (n->title[s][ch] && tpl_uses(n->title[s][ch], f));
	r = 0;
out:
	free(text);
	free(where);
	return r;
}

/* Every template a stage can need: its channel, the channels classes
 * prefer (never for a letter or a legal step), the letter that stands in
 * when an address or a phone number is missing, and an e-mail (which
 * says what the letter says unless it has a template of its own). */
static int
load_templates(struct dun_notifier *n, struct dun_err *err)
{
	const struct dun_config *c = n->c;
	size_t s, k;
	int ch;

	if (c->notice.templates != NULL && check_folder(n, err) < 0)
		return -1;
	/* The config refuses more stages than that where it lists them. */
	if (c->nstages > DUN_MAX_STAGES) {
		dun_err_set(err, DUN_EXIT_USAGE, "the ladder has more than %d "
		    "stages", DUN_MAX_STAGES);
		return -1;
	}
	for (s = 0; s < c->nstages; s++) {
		int want = 1 << c->stages[s].channel;

		if (c->stages[s].channel != DUN_CH_LETTER &&
		    c->stages[s].channel != DUN_CH_LEGAL) {
			want |= 1 << DUN_CH_LETTER | 1 << DUN_CH_EMAIL;
			for (k = 0; k < c->nclasses; k++)
				if (c->classes[k].channel >= 0)
					want |= 1 << c->classes[k].channel;
		}
		for (ch = 0; ch < DUN_CH_COUNT; ch++)
			if ((want & (1 << ch)) && load_one(n, (int)s, ch,
			    err) < 0)
				return -1;
	}
	n->gateway = xmalloc((c->notice.sms.fields.n / 2 + 1) *
	    sizeof *n->gateway);
	memset(n->gateway, 0, (c->notice.sms.fields.n / 2 + 1) *
	    sizeof *n->gateway);
	for (ch = 0; ch + 1 < (int)c->notice.sms.fields.n; ch += 2)
		if ((n->gateway[ch / 2] = tpl_parse(
		    c->notice.sms.fields.v[ch + 1],
		    strlen(c->notice.sms.fields.v[ch + 1]),
		    "notice.sms.fields", 1, gateway_fields, err)) == NULL)
			return -1;
	return 0;
}

/* ---- setting up ------------------------------------------------------- */

static int
mkdirs(const char *path, struct dun_err *err)
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

struct dun_notifier *
dun_notifier_new(const struct dun_config *c, struct dun_ledger *l,
    const struct dun_notice_opts *o, dun_warn_fn *warn, void *arg,
    struct dun_err *err)
{
	struct dun_notifier *n = xmalloc(sizeof *n);
	char *probe;
	long issued, withdrawn;
	int fd;

	memset(n, 0, sizeof *n);
	n->st = fileset_new();
	n->c = c;
	n->l = l;
	n->o = *o;
	n->warn = warn;
	n->arg = arg;
	n->w = strcmp(c->notice.language, "en") == 0 ? &en : &zh;
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
	if (load_templates(n, err) < 0 ||
	    pdf_font_check(c->notice.font ? c->notice.font : "Noto Sans CJK SC",
	    err) < 0)
		goto fail;
	if (ledger_durable(l, err) < 0 || mkdirs(o->dir, err) < 0 ||
	    fileset_hold(n->st, o->dir, err) < 0)
		goto fail;
	/* What a run that died left: its batch finished, its temporaries
	 * removed. */
	if (fileset_recover(n->st, l, &issued, &withdrawn, err) < 0)
		goto fail;
	if (issued > 0)
		warnf(n, "%ld notice%s of a run that died %s issued: %s "
		    "files were in place", issued, issued == 1 ? "" : "s",
		    issued == 1 ? "is" : "are", issued == 1 ? "its" : "their");
	if (withdrawn > 0)
		warnf(n, "%ld notice%s of a run that died %s taken out of "
		    "the register: %s files were not in place", withdrawn,
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
		n->col[f] = dun_rec_col(r, fields[f]);
		if (n->col[f] < 0 && n->need[f] && f != F_OWNER &&
		    f != F_PHONE && f != F_ESTATE && f != F_BUILDING &&
		    f != F_COLLECTOR && f != F_OCCUPANCY) {
			dun_err_set(err, DUN_EXIT_DATA, "%s:1: the header has no "
			    "column \"%s\", which a template uses",
			    dun_rec_name(r), fields[f]);
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
    const struct dun_unit_info *u)
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
	b->building = xstrdup(u && *u->text[DUN_U_BUILDING] ?
	    u->text[DUN_U_BUILDING] : field(r, dun_rec_col(r, "building")));
	b->unit = xstrdup(field(r, dun_rec_col(r, "unit")));
	b->total = xstrdup(total);
	b->periods = xstrdup(field(r, dun_rec_col(r, "periods_unpaid")));
	b->days = xstrdup(field(r, dun_rec_col(r, "days_overdue")));
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

static struct job *
new_job(struct dun_notifier *n)
{
	struct job *j;

	if (n->njobs == n->capjobs) {
		n->capjobs = n->capjobs ? 2 * n->capjobs : 64;
		n->jobs = xrealloc(n->jobs, n->capjobs * sizeof *n->jobs);
	}
	j = &n->jobs[n->njobs++];
	memset(j, 0, sizeof *j);
	return j;
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

int
dun_notifier_take(struct dun_notifier *n, const struct dun_rec *r,
    struct dun_err *err)
{
	const struct dun_config *c = n->c;
	const char *unit = field(r, n->col[F_UNIT]);
	const char *action = field(r, n->c_action);
	const char *stage = field(r, n->col[F_STAGE]);
	const char *chname = field(r, n->c_channel);
	struct dun_unit_info u;
	struct contact_facts cf;
	struct contact_answer ca;
	dun_date due_on, episode;
	char why[DUN_WHY], found[300];
	int s, ch, k, f, found_unit;
	struct job *j;

	if ((found_unit = dun_ledger_unit(n->l, unit, &u, err)) < 0)
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
		dun_err_set(err, DUN_EXIT_DATA, "%s:%ld: unit: \"%s\" is not in "
		    "the ledger; a notice is recorded against a unit",
		    dun_rec_name(r), dun_rec_line(r), unit);
		return -1;
	}
	if ((s = stage_index(c, stage)) < 0) {
		dun_err_set(err, DUN_EXIT_DATA, "%s:%ld: stage: \"%s\" is not a "
		    "stage of the ladder", dun_rec_name(r), dun_rec_line(r),
		    stage);
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
		dun_err_set(err, DUN_EXIT_DATA, "%s:%ld: channel: \"%s\" is not "
		    "a channel stage %s can use", dun_rec_name(r),
		    dun_rec_line(r), chname, stage);
		return -1;
	}
	/* The contact rules (contact.c), on what the ledger and the run
	 * know of the unit.  Do-not-contact, whatever the record says: the
	 * ledger's mark too. */
	memset(&cf, 0, sizeof cf);
	cf.channel = ch;
	cf.dnc = u.dnc || (*field(r, n->c_dnc) && strcmp(field(r, n->c_dnc),
	    "0") != 0);
	if ((k = dun_ledger_notice_find(n->l, u.id, stage, episode, found,
	    sizeof found, err)) < 0)
		return -1;
	cf.issued = k;
	cf.taken = seen_unit(n, u.id, 0);
	if ((k = dun_ledger_notice_last(n->l, u.id, &cf.last, err)) < 0)
		return -1;
	if (k == 0)
		cf.last = DUN_NODATE;
	cf.has_phone = *u.text[DUN_U_PHONE] != '\0' ||
	    *field(r, n->col[F_PHONE]) != '\0';
	/* An address the ledger holds that is not one (kept before
	 * dun-import checked them, or written there by hand) is none. */
	cf.has_email = *u.text[DUN_U_EMAIL] != '\0' &&
	    email_parse(u.text[DUN_U_EMAIL], strlen(u.text[DUN_U_EMAIL]),
	    why) == 0;
	contact_decide(c, &cf, n->o.asof, n->o.minute, &ca);
	if (ca.verdict == CONTACT_REFUSE) {
		dun_err_set(err, DUN_EXIT_DATA, "%s:%ld: unit %s is not to be "
		    "contacted: a %s by %s is refused (only written and legal "
		    "steps)", dun_rec_name(r), dun_rec_line(r), unit, stage,
		    chname);
		n->refused++;
		skip(n, ca.reason);
		free(ca.reason);
		return -1;
	}
	/* Deferred or sent, the unit has had its record of this run. */
	if (ca.verdict != CONTACT_SKIP)
		seen_unit(n, u.id, 1);
	if (ca.verdict != CONTACT_SEND) {
		skip(n, ca.reason);
		free(ca.reason);
		return 0;
	}
	j = new_job(n);
	j->stage = s;
	j->channel = ch;
	j->unit_id = u.id;
	j->episode = episode;
	j->line = dun_rec_line(r);
	j->src = xstrdup(dun_rec_name(r));
	j->priority = n->c_priority >= 0 ? atol(field(r, n->c_priority)) : 0;
	for (f = 0; f < F_RECORD_END; f++)
		j->v[f] = xstrdup(field(r, n->col[f]));
	/* The ledger knows the household best. */
	{
		static const int map[][2] = { { F_ESTATE, DUN_U_ESTATE },
			{ F_BUILDING, DUN_U_BUILDING }, { F_OWNER, DUN_U_OWNER },
			{ F_PHONE, DUN_U_PHONE }, { F_COLLECTOR, DUN_U_COLLECTOR },
			{ F_OCCUPANCY, DUN_U_OCCUPANCY } };

		for (k = 0; k < 6; k++)
			if (*u.text[map[k][1]] != '\0') {
				free(j->v[map[k][0]]);
				j->v[map[k][0]] = xstrdup(u.text[map[k][1]]);
			}
	}
	j->v[F_EMAIL] = xstrdup(u.text[DUN_U_EMAIL]);
	if (*u.text[DUN_U_ADDRESS])
		j->v[F_ADDRESS] = xstrdup(u.text[DUN_U_ADDRESS]);
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
			warnf(n, "%s:%ld: unit %s: the ledger's e-mail address "
			    "%s: a letter instead of email", dun_rec_name(r),
			    dun_rec_line(r), unit, why);
		else
			warnf(n, "%s:%ld: unit %s has no %s: a letter instead "
			    "of %s", dun_rec_name(r), dun_rec_line(r), unit,
			    ca.missing, dun_channel_name(ch));
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
	return 1;
}

/* ---- rendering --------------------------------------------------------- */

static void
set(struct job *j, int f, const char *s)
{
	free(j->v[f]);
	j->v[f] = xstrdup(s ? s : "");
}

static void
sha_hex(const void *data, size_t len, char *hex)
{
	struct sha256_ctx c;
	uint8_t d[SHA256_DIGEST_SIZE];
	int i;

	sha256_init(&c);
	sha256_update(&c, len, data);
	sha256_digest(&c, sizeof d, d);
	for (i = 0; i < SHA256_DIGEST_SIZE; i++)
		snprintf(hex + 2 * i, 3, "%02x", d[i]);
}

static int
sha_file(const char *path, char *hex, struct dun_err *err)
{
	size_t len;
	char *s = slurp_file(path, &len);

	if (s == NULL) {
		dun_err_set(err, DUN_EXIT_SYS, "%s: %s", path, strerror(errno));
		return -1;
	}
	sha_hex(s, len, hex);
	free(s);
	return 0;
}

static void
report_bad(const struct dun_err *e, void *arg)
{
	struct dun_notifier *n = arg;

	warnf(n, "%s", e->msg);
}

/* The unit's statement of account, from the ledger, as of the date. */
static int
statement(struct dun_notifier *n, struct job *j, struct dun_err *err)
{
	char *unit = j->v[F_UNIT];
	struct dun_hsrc *h;
	const struct dun_hist *hist;
	struct dun_aged a;
	int bad, r;

	if ((h = dun_hsrc_ledger(n->l, n->c, &unit, 1, report_bad, n,
	    err)) == NULL)
		return -1;
	r = dun_hsrc_next(h, &hist, &bad, err);
	if (r == 1 && (r = dun_age_statement(n->c, n->o.asof, hist, &a,
	    &j->lines, &j->nlines, err)) == 0 && hist->nothers > 0) {
		/* The names outlive the history: the lines name them. */
		size_t i;

		j->others = xmalloc(hist->nothers * sizeof *j->others);
		for (i = 0; i < hist->nothers; i++)
			j->others[i] = xstrdup(hist->others[i]);
		j->nothers = hist->nothers;
	}
	dun_hsrc_close(h);
	return r < 0 ? -1 : 0;
}

/* The name of a statement line's fee: the config's label, or the name
 * the bill gave a fee the config lacks. */
static const char *
line_fee(const struct dun_config *c, const struct job *j,
    const struct dun_line *ln)
{
	if (ln->fee >= 0)
		return c->fees[ln->fee].label ? c->fees[ln->fee].label :
		    c->fees[ln->fee].key;
	if (DUN_FEE_IS_OTHER(ln->fee) && (size_t)(DUN_FEE_OTHER - ln->fee) <
	    j->nothers)
		return j->others[DUN_FEE_OTHER - ln->fee];
	return "-";
}

/* Do two statement lines cover the same days: one period, or one
 * range? */
static int
same_span(const struct dun_line *a, const struct dun_line *b)
{
	if (a->has_range != b->has_range)
		return 0;
	if (!a->has_range)
		return a->period == b->period;
	return a->start == b->start && a->until == b->until;
}

static void
fill(struct dun_notifier *n, struct job *j, struct dun_err *err)
{
	const struct dun_config *c = n->c;
	const char *lang = n->w->lang;
	char b[400], d[DUN_DATE_BUFSZ], m[DUN_MONEY_PRETTYSZ];
	struct buf per = { 0 };
	dun_money v;
	dun_date t;
	size_t i, k;
	int f, y, mo;

	(void)err;
	if (dun_money_parse(j->v[F_TOTAL], strlen(j->v[F_TOTAL]), &v, b) == 0)
		set(j, F_TOTAL_CAPITALS, dun_money_capitals(v, b, sizeof b));
	/* Money and dates as the language writes them. */
	for (f = 0; f < F_RECORD_END; f++) {
		const char *s = j->v[f];
		enum col_type type = col_type_of(fields[f]);

		if (*s == '\0')
			continue;
		if (type == COLT_MONEY && dun_money_parse(s, strlen(s), &v,
		    b) == 0)
			set(j, f, dun_money_pretty(v, m));
		else if (type == COLT_DATE && dun_date_parse(s, strlen(s),
		    DUN_DATE_ISO, &t, b) == 0)
			set(j, f, dun_date_words(t, lang, b));
	}
	dun_date_fmt(n->o.asof, d);
	free(j->notice);
	j->notice = str_fmt("%c%c%c%c%c%c%c%c-%s-%s", d[0], d[1], d[2], d[3],
	    d[5], d[6], d[8], d[9], j->v[F_UNIT], c->stages[j->stage].name);
	set(j, F_NOTICE, j->notice);
	set(j, F_DATE, dun_date_words(n->o.asof, lang, b));
	set(j, F_DEADLINE, dun_date_words(n->o.asof + c->notice.deadline_days,
	    lang, b));
	set(j, F_STAGE_LABEL, c->stages[j->stage].label ?
	    c->stages[j->stage].label : c->stages[j->stage].name);
	set(j, F_NEXT_STAGE, (size_t)j->stage + 1 < c->nstages ?
	    (c->stages[j->stage + 1].label ? c->stages[j->stage + 1].label :
	    c->stages[j->stage + 1].name) : "");
	for (k = 0; k < c->nclasses; k++)
		if (strcmp(c->classes[k].name, j->v[F_CLASS]) == 0)
			set(j, F_CLASS_LABEL, c->classes[k].label ?
			    c->classes[k].label : c->classes[k].name);
	if (j->v[F_CLASS_LABEL] == NULL)
		set(j, F_CLASS_LABEL, j->v[F_CLASS]);
	/* The unpaid periods, from the statement, each once: a bill's
	 * range where it has one (a quarter is not its first month). */
	for (i = 0; i < j->nlines; i++) {
		const struct dun_line *ln = &j->lines[i];

		if (ln->adjustment || ln->unpaid <= 0 || ln->due > n->o.asof)
			continue;
		for (k = 0; k < i; k++)
			if (!j->lines[k].adjustment && j->lines[k].unpaid > 0 &&
			    j->lines[k].due <= n->o.asof &&
			    same_span(&j->lines[k], ln))
				break;
		if (k < i)
			continue;
		dun_period_split(ln->period, &y, &mo);
		if (ln->has_range) {
			char sp[SPAN_BUFSZ];

			snprintf(b, sizeof b, "%s%s", per.len ? (strcmp(lang,
			    "en") == 0 ? ", " : "、") : "", span_fmt(1,
			    ln->start, ln->until, ln->period, lang, sp));
		} else if (strcmp(lang, "en") == 0)
			snprintf(b, sizeof b, "%s%04d-%02d", per.len ? ", " : "",
			    y, mo);
		else
			snprintf(b, sizeof b, "%s%d年%d月", per.len ? "、" : "",
			    y, mo);
		buf_str(&per, b);
	}
	set(j, F_PERIODS, per.s ? per.s : n->w->none);
	buf_free(&per);
	if (j->channel == DUN_CH_PHONE || j->channel == DUN_CH_VISIT) {
		const struct dun_window *w = j->channel == DUN_CH_PHONE ?
		    &c->contact.call : &c->contact.visit;

		t = dun_window_day(c, w, n->o.asof);
		if (t != DUN_NODATE) {
			dun_date_words(t, lang, b);
			snprintf(b + strlen(b), sizeof b - strlen(b),
			    " %02d:%02d-%02d:%02d", w->from / 60, w->from % 60,
			    w->to / 60, w->to % 60);
			set(j, F_WINDOW, b);
		}
	}
	set(j, F_COMPANY, c->company.name);
	set(j, F_COMPANY_ADDRESS, c->company.address);
	set(j, F_COMPANY_PHONE, c->company.phone);
	set(j, F_COMPANY_EMAIL, c->company.email);
	set(j, F_BANK, c->company.bank);
	set(j, F_ACCOUNT, c->company.account);
	set(j, F_PAY_LINK, c->company.pay_link);
	set(j, F_CLAUSE, c->company.clause);
	set(j, F_SIGNATURE, c->company.signature ? c->company.signature :
	    c->company.name);
	for (f = 0; f < F_COUNT; f++)
		if (j->v[f] == NULL)
			j->v[f] = xstrdup("");
}

/* ---- SMS segments ------------------------------------------------------ */

static const char gsm_basic[] = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()"
    "*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmn"
    "opqrstuvwxyzäöñüà";
static const char gsm_ext[] = "^{}\\[~]|€";

int
dun_sms_segments(const char *s, int *ucs2, long *units)
{
	long gsm = 0, utf16 = 0;
	int plain = 1;
	const unsigned char *p = (const unsigned char *)s;

	while (*p) {
		size_t k = *p < 0x80 ? 1 : *p < 0xE0 ? 2 : *p < 0xF0 ? 3 : 4, i;
		char ch[5] = { 0 };

		/* A character cut off by the end is no further than it. */
		for (i = 1; i < k && p[i] != '\0'; i++)
			;
		k = i;
		memcpy(ch, p, k);
		utf16 += k == 4 ? 2 : 1;
		if (strstr(gsm_basic, ch) != NULL && *ch != '\0')
			gsm += 1;
		else if (strstr(gsm_ext, ch) != NULL)
			gsm += 2;
		else
			plain = 0;
		p += k;
	}
	*ucs2 = !plain;
	*units = plain ? gsm : utf16;
	if (plain)
		return gsm <= 160 ? 1 : (int)((gsm + 152) / 153);
	return utf16 <= 70 ? 1 : (int)((utf16 + 66) / 67);
}

/* ---- letters --------------------------------------------------------- */

/* Refuse j: say why, naming its record and unit, and issue nothing of
 * it. */
static void
refuse(struct dun_notifier *n, struct job *j, const char *col,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void
refuse(struct dun_notifier *n, struct job *j, const char *col,
    const char *fmt, ...)
{
	struct buf b = { 0 };
	va_list ap;
	char *why;
	int k;

	va_start(ap, fmt);
	k = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	why = xmalloc(k < 0 ? 1 : (size_t)k + 1);
	*why = '\0';
	if (k > 0) {
		va_start(ap, fmt);
		vsnprintf(why, (size_t)k + 1, fmt, ap);
		va_end(ap);
	}
	buf_fmt(&b, "%s:%ld: ", j->src, j->line);
	if (col != NULL)
		buf_fmt(&b, "%s: ", col);
	buf_fmt(&b, "unit %s: %s: not issued", j->v[F_UNIT], why);
	warnf(n, "%s", b.s);
	buf_free(&b);
	free(why);
	j->refused = 1;
	n->refused++;
}

/* Does the letter laid out on p say what it must, whole: every text
 * UTF-8, the recipient (to), the statement, and the amount in figures
 * and capitals (after)?  0, or 1 and j refused. */
static int
letter_says(struct dun_notifier *n, struct job *j, struct pdf *p,
    const char *to, const char *after, size_t rows)
{
	const char *what = NULL, *shown;
	int refused;

	shown = pdf_shown(p, &refused);
	if (refused)
		what = "a text of it is not UTF-8";
	else if (strstr(shown, to) == NULL)
		what = "the recipient is not on it whole";
	else if (*j->v[F_TOTAL] == '\0' || *j->v[F_TOTAL_CAPITALS] == '\0')
		what = "it has no amount owed to state";
	else if (strstr(shown, after) == NULL)
		what = "the amount in figures and capitals is not on it whole";
	else if (rows < 2)
		what = "it has no statement of account";
	if (what == NULL)
		return 0;
	refuse(n, j, NULL, "the %s letter: %s", n->c->stages[j->stage].name,
	    what);
	return 1;
}

/* Lay out j's letter on p, and check it: 0, or 1 and j refused. */
static int
draw_letter(struct dun_notifier *n, struct job *j, struct pdf *p)
{
	const struct dun_config *c = n->c;
	const struct words *w = n->w;
	const char **cells;
	char *ref, *to, *after, *sign, *contact;
	char d[DUN_DATE_BUFSZ], m1[DUN_MONEY_BUFSZ];
	char **own;
	/* The period is wide enough for a range, "2026-07-01至2026-09-30". */
	static const double widths[] = { 0.25, 0.17, 0.15, 0.15, 0.14, 0.14 };
	struct pdf_letter L;
	size_t i, rows = 1, k = 0;
	int r;

	cells = xmalloc((j->nlines + 1) * 6 * sizeof *cells);
	own = xmalloc((j->nlines + 1) * 6 * sizeof *own);
	for (i = 0; i < 6; i++)
		cells[i] = w->stmt[i];
	for (i = 0; i < j->nlines; i++) {
		const struct dun_line *ln = &j->lines[i];
		char per[SPAN_BUFSZ];

		if (ln->due > n->o.asof || (ln->unpaid <= 0 &&
		    ln->late_fee <= 0))
			continue;
		span_fmt(ln->has_range, ln->start, ln->until, ln->period,
		    w->lang, per);
		own[k++] = xstrdup(ln->adjustment ? "" : per);
		own[k++] = xstrdup(line_fee(c, j, ln));
		own[k++] = xstrdup(dun_date_fmt(ln->due, d));
		own[k++] = xstrdup(dun_money_fmt(ln->amount, m1));
		own[k++] = xstrdup(dun_money_fmt(ln->unpaid, m1));
		own[k++] = xstrdup(dun_money_fmt(ln->late_fee, m1));
		rows++;
	}
	for (i = 0; i < k; i++)
		cells[6 + i] = own[i];
	contact = str_fmt("%s%s%s%s%s",
	    c->company.address ? c->company.address : "",
	    c->company.phone ? "  ☎ " : "", c->company.phone ? c->company.phone :
	    "", c->company.email ? "  " : "", c->company.email ?
	    c->company.email : "");
	ref = str_fmt(w->ref, j->notice, j->v[F_DATE]);
	to = str_fmt(w->to, j->v[F_ADDRESS], *j->v[F_OWNER] ?
	    j->v[F_OWNER] : (strcmp(w->lang, "en") == 0 ? "occupant" : "业主"));
	after = str_fmt(w->after, j->v[F_TOTAL], j->v[F_TOTAL_CAPITALS],
	    j->v[F_LATE_FEE]);
	sign = str_fmt("%s\n%s", c->company.name ? c->company.name : "",
	    j->v[F_DATE]);
	memset(&L, 0, sizeof L);
	L.company = c->company.name ? c->company.name : "";
	L.contact = contact;
	L.title = j->title;
	L.ref = ref;
	L.to = to;
	L.body = j->text;
	L.cells = cells;
	L.ncols = 6;
	L.nrows = rows;
	L.widths = widths;
	L.after = after;
	L.sign = sign;
	pdf_mark(p);
	pdf_letter(p, &L);
	r = letter_says(n, j, p, to, after, rows);
	for (i = 0; i < k; i++)
		free(own[i]);
	free(own);
	free(cells);
	free(contact);
	free(ref);
	free(to);
	free(after);
	free(sign);
	return r;
}

/* j's letter as the PDF path: 0, 1 refused (said), or -1 and err. */
static int
letter_file(struct dun_notifier *n, struct job *j, const char *path,
    struct dun_err *err)
{
	struct pdf *p = pdf_open(path, n->c->notice.font ? n->c->notice.font :
	    "Noto Sans CJK SC", n->o.asof, j->title, err);
	int r;

	if (p == NULL)
		return -1;
	r = draw_letter(n, j, p);
	return pdf_close(p, err) < 0 ? -1 : r;
}

/* ---- lists: calls, visits, the board ------------------------------------ */

static int
by_collector(const void *a, const void *b)
{
	const struct job *x = *(struct job *const *)a;
	const struct job *y = *(struct job *const *)b;
	int k = strcmp(x->collector, y->collector);

	if (k != 0)
		return k;
	if (x->priority != y->priority)
		return x->priority < y->priority ? -1 : 1;
	return x->line < y->line ? -1 : x->line > y->line;
}

/* One call list or visit route per collector: TSV and PDF.  The TSV is
 * for a spreadsheet: a cell that one would take for a formula is marked
 * as text (buf_cell). */
static int
lists(struct dun_notifier *n, int ch, const char *day, struct dun_err *err)
{
	const struct words *w = n->w;
	struct job **v = xmalloc((n->njobs + 1) * sizeof *v);
	size_t i, k, nv = 0, start;
	static const double widths[] = { 0.05, 0.09, 0.08, 0.12, 0.11, 0.15,
		0.40 };
	int r = 0;

	for (i = 0; i < n->njobs; i++)
		if (n->jobs[i].channel == ch && !n->jobs[i].refused)
			v[nv++] = &n->jobs[i];
	qsort(v, nv, sizeof *v, by_collector);
	for (start = 0; start < nv && r == 0; start = k) {
		const char *who = v[start]->collector;
		char *base, *title, *tsv, *pdfp, *sc;
		const char **cells;
		struct buf t = { 0 };
		struct pdf *p;
		size_t rows = 1, m, staged = fileset_count(n->st);

		for (k = start; k < nv && strcmp(v[k]->collector, who) == 0; k++)
			;
		sc = file_safe(who);
		base = str_fmt("%s-%s-%s", ch == DUN_CH_PHONE ? "calls" :
		    "visits", day, sc);
		free(sc);
		tsv = fileset_fresh(n->st, n->o.dir, base, ".tsv");
		pdfp = fileset_fresh(n->st, n->o.dir, base, ".pdf");
		buf_str(&t, "priority\tunit\towner\tphone\taddress\ttotal\t"
		    "days_overdue\tclass\twhen\tscript\tnotice\n");
		cells = xmalloc((k - start + 1) * 7 * sizeof *cells);
		cells[0] = w->list_head[0];
		cells[1] = w->list_head[1];
		cells[2] = w->list_head[2];
		cells[3] = w->list_head[ch == DUN_CH_PHONE ? 3 : 4];
		cells[4] = w->list_head[5];
		cells[5] = w->list_head[8];
		cells[6] = w->list_head[9];
		for (m = start; m < k; m++) {
			struct job *j = v[m];
			char line[64];
			struct buf one = { 0 };
			size_t z;

			snprintf(line, sizeof line, "%ld", j->priority);
			buf_str(&one, line);
			for (z = 0; z < 10; z++) {
				const char *s = z == 0 ? j->v[F_UNIT] :
				    z == 1 ? j->v[F_OWNER] : z == 2 ?
				    j->v[F_PHONE] : z == 3 ? j->v[F_ADDRESS] :
				    z == 4 ? j->v[F_TOTAL] : z == 5 ?
				    j->v[F_DAYS_OVERDUE] : z == 6 ?
				    j->v[F_CLASS_LABEL] : z == 7 ?
				    j->v[F_WINDOW] : z == 8 ? j->text :
				    j->notice;

				buf_str(&one, "\t");
				buf_cell(&one, s);
			}
			buf_str(&t, one.s);
			buf_str(&t, "\n");
			/* The line's text is what the register hashes. */
			sha_hex(one.s, one.len, j->sha);
			buf_free(&one);
			j->file = xstrdup(tsv);
			j->staged = staged;
			cells[rows * 7 + 0] = xstrdup(line);
			cells[rows * 7 + 1] = j->v[F_UNIT];
			cells[rows * 7 + 2] = j->v[F_OWNER];
			cells[rows * 7 + 3] = ch == DUN_CH_PHONE ? j->v[F_PHONE] :
			    j->v[F_ADDRESS];
			cells[rows * 7 + 4] = j->v[F_TOTAL];
			cells[rows * 7 + 5] = j->v[F_WINDOW];
			cells[rows * 7 + 6] = j->text;
			rows++;
		}
		if (write_file(fileset_temp(n->st, tsv), t.s, t.len, err) < 0)
			r = -1;
		title = str_fmt(ch == DUN_CH_PHONE ? w->call_title :
		    w->visit_title, who, v[start]->v[F_DATE]);
		if (r == 0) {
			p = pdf_open(fileset_temp(n->st, pdfp), n->c->notice.font ?
			    n->c->notice.font : "Noto Sans CJK SC", n->o.asof,
			    title, err);
			/* The printable list is made of the TSV. */
			fileset_made_of(n->st, staged + 1, staged);
		}
		if (r == 0 && p != NULL) {
			pdf_table(p, title, NULL, cells, 7, rows, widths);
			r = pdf_close(p, err);
		} else
			r = -1;
		for (m = 1; m < rows; m++)
			free((char *)cells[m * 7]);
		free(cells);
		buf_free(&t);
		free(base);
		free(title);
		free(tsv);
		free(pdfp);
	}
	free(v);
	return r;
}

static int
by_building(const void *a, const void *b)
{
	const struct board_row *x = a, *y = b;
	int k = strcmp(x->building, y->building);

	return k ? k : strcmp(x->unit, y->unit);
}

/* The public notice board: buildings, units and amounts; no names.  Its
 * TSV is for a spreadsheet, as a call list's is. */
static int
board(struct dun_notifier *n, const char *day, struct dun_err *err)
{
	const struct words *w = n->w;
	static const double widths[] = { 0.2, 0.2, 0.2, 0.2, 0.2 };
	char base[64], *sub, *tsv, *pdfp;
	const char *title = w->board_title;
	const char **cells;
	struct buf t = { 0 };
	struct pdf *p;
	size_t i;
	int r = 0;

	qsort(n->board, n->nboard, sizeof *n->board, by_building);
	snprintf(base, sizeof base, "board-%s", day);
	tsv = fileset_fresh(n->st, n->o.dir, base, ".tsv");
	pdfp = fileset_fresh(n->st, n->o.dir, base, ".pdf");
	buf_str(&t, "building\tunit\tperiods_unpaid\ttotal\tdays_overdue\n");
	cells = xmalloc((n->nboard + 1) * 5 * sizeof *cells);
	for (i = 0; i < 5; i++)
		cells[i] = w->board_head[i];
	for (i = 0; i < n->nboard; i++) {
		const struct board_row *b = &n->board[i];
		const char *e[5];
		size_t k;

		e[0] = b->building;
		e[1] = b->unit;
		e[2] = b->periods;
		e[3] = b->total;
		e[4] = b->days;
		for (k = 0; k < 5; k++) {
			buf_cell(&t, e[k]);
			buf_str(&t, k < 4 ? "\t" : "\n");
		}
		cells[5 * (i + 1) + 0] = b->building;
		cells[5 * (i + 1) + 1] = b->unit;
		cells[5 * (i + 1) + 2] = b->periods;
		cells[5 * (i + 1) + 3] = b->total;
		cells[5 * (i + 1) + 4] = b->days;
	}
	if (write_file(fileset_temp(n->st, tsv), t.s ? t.s : "", t.len, err) < 0)
		r = -1;
	{
		char d[40];

		sub = str_fmt(w->board_sub, dun_date_words(n->o.asof, w->lang,
		    d), n->c->company.name ? n->c->company.name : "",
		    n->c->company.phone ? n->c->company.phone : "");
	}
	if (r == 0 && (p = pdf_open(fileset_temp(n->st, pdfp), n->c->notice.font ?
	    n->c->notice.font : "Noto Sans CJK SC", n->o.asof, title,
	    err)) != NULL) {
		pdf_table(p, title, sub, cells, 5, n->nboard + 1, widths);
		r = pdf_close(p, err);
	} else
		r = -1;
	free(sub);
	free(cells);
	buf_free(&t);
	free(tsv);
	free(pdfp);
	return r;
}

/* ---- the batch ----------------------------------------------------------- */

static void
render(struct dun_notifier *n, struct job *j)
{
	const char *const *v = (const char *const *)j->v;

	j->text = tpl_render(n->body[j->stage][j->channel], v);
	j->title = n->title[j->stage][j->channel] ?
	    tpl_render(n->title[j->stage][j->channel], v) :
	    xstrdup(j->v[F_STAGE_LABEL]);
}

/* Is s UTF-8? */
static int
utf8(const char *s)
{
	size_t n = strlen(s);
	int partial;

	return utf8_valid((const unsigned char *)s, n, &partial) == n;
}

/* Does the SMS say what is owed: the total, or the balance? */
static int
states_amount(const struct job *j)
{
	return (*j->v[F_TOTAL] && strstr(j->text, j->v[F_TOTAL]) != NULL) ||
	    (*j->v[F_BALANCE] && strstr(j->text, j->v[F_BALANCE]) != NULL);
}

/* Is what was rendered for j whole and fit for its channel: every value
 * and text UTF-8, an SMS with the amount owed in it and no longer than
 * contact.sms_segments?  0, or 1 and j refused. */
static int
check_job(struct dun_notifier *n, struct job *j)
{
	const struct dun_config *c = n->c;
	const char *stage = c->stages[j->stage].name;
	long units;
	int f, ucs2;

	for (f = 0; f < F_COUNT; f++)
		if (!utf8(j->v[f])) {
			refuse(n, j, fields[f], "the text is not UTF-8");
			return 1;
		}
	if (!utf8(j->text) || !utf8(j->title) || !utf8(j->reason)) {
		refuse(n, j, NULL, "the %s %s is not UTF-8", stage,
		    dun_channel_name(j->channel));
		return 1;
	}
	if (j->channel != DUN_CH_SMS)
		return 0;
	j->segments = dun_sms_segments(j->text, &ucs2, &units);
	if (j->segments > c->contact.sms_segments) {
		refuse(n, j, NULL, "the %s SMS is %d segments, more than "
		    "contact.sms_segments (%d)", stage, j->segments,
		    c->contact.sms_segments);
		return 1;
	}
	if (!states_amount(j)) {
		refuse(n, j, NULL, "the %s SMS does not state the amount owed "
		    "(%s)", stage, *j->v[F_TOTAL] ? j->v[F_TOTAL] : "none");
		return 1;
	}
	return 0;
}

/* The address e-mails come from: notice.email.from, company.email, or
 * none that can be answered (an .eml file only: the config wants one
 * of the two with notice.email.smtp). */
static const char *
sender(const struct dun_config *c)
{
	return c->notice.email.from ? c->notice.email.from :
	    c->company.email ? c->company.email : "dun@dun.invalid";
}

/* The e-mail of a job, with the letter attached to a written demand:
 * 0, 1 refused (the letter is not whole, or an address is not one), or
 * -1 and err. */
static int
email(struct dun_notifier *n, struct job *j, struct buf *out,
    struct dun_err *err)
{
	const struct dun_config *c = n->c;
	struct mail m;
	char *pdf = NULL, *name = NULL, why[DUN_WHY];
	size_t len = 0;
	int r = 0;

	memset(&m, 0, sizeof m);
	m.from = sender(c);
	m.from_name = c->company.name;
	m.to = j->v[F_EMAIL];
	m.subject = j->title;
	m.body = j->text;
	m.id = j->notice;
	m.date = n->o.asof;
	m.minute = n->o.minute;
	if (n->c->stages[j->stage].written_demand) {
		char *tmp = str_fmt("%s/.attach.%ld.pdf.tmp", n->o.dir,
		    (long)getpid());

		r = letter_file(n, j, tmp, err);
		if (r == 0 && (pdf = slurp_file(tmp, &len)) == NULL) {
			dun_err_set(err, DUN_EXIT_SYS, "%s: %s", tmp,
			    strerror(errno));
			r = -1;
		}
		unlink(tmp);
		free(tmp);
		name = str_fmt("%s.pdf", j->notice);
		m.attachment = (const unsigned char *)pdf;
		m.attachment_len = len;
		m.attachment_name = name;
	}
	if (r == 0 && mail_build(out, &m, why) < 0) {
		refuse(n, j, "email", "%s", why);
		r = 1;
	}
	free(pdf);
	free(name);
	return r;
}

/* A CSV field, in quotes (its quotes doubled) if quote. */
static void
csv_cell(struct buf *b, const char *s, int quote)
{
	const char *q;

	if (!quote) {
		buf_str(b, s);
		return;
	}
	buf_str(b, "\"");
	for (; (q = strchr(s, '"')) != NULL; s = q + 1) {
		buf_add(b, s, (size_t)(q - s));
		buf_str(b, "\"\"");
	}
	buf_str(b, s);
	buf_str(b, "\"");
}

static int
sms_batch(struct dun_notifier *n, const char *day, struct dun_err *err)
{
	struct buf t = { 0 };
	char base[64], *path, num[32];
	size_t i, count = 0, staged = fileset_count(n->st);
	int r;

	for (i = 0; i < n->njobs; i++)
		count += n->jobs[i].channel == DUN_CH_SMS && !n->jobs[i].refused;
	if (count == 0)
		return 0;
	snprintf(base, sizeof base, "sms-%s", day);
	path = fileset_fresh(n->st, n->o.dir, base, ".csv");
	/* UTF-8 with a BOM and CRLF: what spreadsheet-minded SMS consoles
	 * read; a text's quotes doubled (RFC 4180), and a cell that a
	 * spreadsheet would take for a formula marked as text. */
	buf_str(&t, "\xEF\xBB\xBFphone,text,segments\r\n");
	for (i = 0; i < n->njobs; i++) {
		struct job *j = &n->jobs[i];
		char *phone, *text;

		if (j->channel != DUN_CH_SMS || j->refused)
			continue;
		phone = cell_safe(j->v[F_PHONE]);
		text = cell_safe(j->text);
		csv_cell(&t, phone, strpbrk(phone, ",\"\r\n") != NULL);
		buf_str(&t, ",");
		csv_cell(&t, text, 1);
		snprintf(num, sizeof num, ",%d\r\n", j->segments);
		buf_str(&t, num);
		/* The text as the file has it. */
		sha_hex(text, strlen(text), j->sha);
		free(phone);
		free(text);
		j->file = xstrdup(path);
		j->staged = staged;
	}
	r = write_file(fileset_temp(n->st, path), t.s, t.len, err);
	buf_free(&t);
	free(path);
	return r;
}

static void
make_row(struct dun_notifier *n, struct job *j, struct dun_notice_row *row)
{
	memset(row, 0, sizeof *row);
	row->notice = j->notice;
	row->unit_id = j->unit_id;
	row->stage = n->c->stages[j->stage].name;
	row->channel = dun_channel_name(j->channel);
	row->episode = j->episode;
	row->date = n->o.asof;
	row->recipient = j->recipient;
	row->file = j->file;
	row->sha256 = j->sha;
	row->reason = j->reason;
	row->receipt = j->receipt && *j->receipt ? j->receipt : NULL;
	row->cls = j->v[F_CLASS] && *j->v[F_CLASS] ? j->v[F_CLASS] : NULL;
}

static int
out_job(struct dun_notifier *n, struct dun_out *o, struct job *j)
{
	j->issued = 1;
	n->issued++;
	dun_out_str(o, j->notice);
	dun_out_str(o, j->v[F_UNIT]);
	dun_out_str(o, n->c->stages[j->stage].name);
	dun_out_str(o, dun_channel_name(j->channel));
	dun_out_date(o, n->o.asof);
	dun_out_str(o, j->recipient);
	dun_out_str(o, j->file);
	dun_out_str(o, j->sha);
	dun_out_str(o, j->reason);
	return dun_out_end(o);
}

/* Send j through the gateway or the mail server and record it, with its
 * file, at once: 0 (or refused: its letter is not whole), or -1. */
static int
sent_one(struct dun_notifier *n, struct job *j, struct dun_out *o,
    struct dun_err *err)
{
	const struct dun_config *c = n->c;
	struct buf msg = { 0 };
	struct dun_notice_row row;
	struct fileset_notice sn;
	char *sub, *name, *path;
	const char *tmp;
	size_t staged;
	int r = 0;

	sub = str_fmt("%s/%s", n->o.dir, j->channel == DUN_CH_SMS ? "sms" :
	    "email");
	if (mkdirs(sub, err) < 0) {
		free(sub);
		return -1;
	}
	name = file_safe(j->notice);
	path = fileset_fresh(n->st, sub, name, j->channel == DUN_CH_SMS ? ".txt" :
	    ".eml");
	free(name);
	free(sub);
	staged = fileset_count(n->st);
	tmp = fileset_temp(n->st, path);
	if (j->channel == DUN_CH_SMS)
		buf_str(&msg, j->text);
	else
		r = email(n, j, &msg, err);
	if (r == 0)
		r = write_file(tmp, msg.s, msg.len, err);
	sha_hex(msg.s ? msg.s : "", msg.len, j->sha);
	j->file = path;
	if (r == 0 && !n->o.dry_run) {
		if (j->channel == DUN_CH_SMS) {
			const char **names, **vals;
			const char *gv[G_COUNT];
			size_t i, k = c->notice.sms.fields.n / 2;

			gv[G_PHONE] = j->v[F_PHONE];
			gv[G_TEXT] = j->text;
			gv[G_UNIT] = j->v[F_UNIT];
			gv[G_NOTICE] = j->notice;
			names = xmalloc((k + 1) * sizeof *names);
			vals = xmalloc((k + 1) * sizeof *vals);
			for (i = 0; i < k; i++) {
				names[i] = c->notice.sms.fields.v[2 * i];
				vals[i] = tpl_render(n->gateway[i], gv);
			}
			r = send_sms(c, names, vals, k, &j->receipt, err);
			for (i = 0; i < k; i++)
				free((char *)vals[i]);
			free(names);
			free(vals);
		} else if ((r = send_mail(c, sender(c), j->v[F_EMAIL], msg.s,
		    msg.len, &j->receipt, err)) == 1)
			/* This recipient only: the others go on. */
			refuse(n, j, "email", "not sent: %s", err->msg);
	}
	buf_free(&msg);
	if (r != 0) {
		fileset_clear(n->st, 0);
		return r < 0 ? -1 : 0;
	}
	if (n->o.dry_run) {
		r = fileset_publish(n->st, err);
		fileset_clear(n->st, r < 0);
		return r < 0 ? -1 : out_job(n, o, j);
	}
	/* Sent: record it, with its file, at once. */
	make_row(n, j, &row);
	sn.row = &row;
	sn.file = staged;
	if (fileset_commit(n->st, n->l, &sn, 1, err) < 0)
		return -1;
	return out_job(n, o, j);
}

/* The files of the letters, legal steps and e-mails without a server,
 * each checked: 0, or -1 and err. */
static int
letters(struct dun_notifier *n, struct dun_err *err)
{
	const struct dun_config *c = n->c;
	size_t i, staged;
	int r = 0;

	for (i = 0; r == 0 && i < n->njobs; i++) {
		struct job *j = &n->jobs[i];
		char *sub, *name, *path;
		const char *tmp;

		if (j->refused || (j->channel != DUN_CH_LETTER &&
		    j->channel != DUN_CH_LEGAL && !(j->channel ==
		    DUN_CH_EMAIL && c->notice.email.smtp == NULL)))
			continue;
		sub = str_fmt("%s/%s", n->o.dir, j->channel == DUN_CH_EMAIL ?
		    "email" : "letters");
		if ((r = mkdirs(sub, err)) < 0) {
			free(sub);
			break;
		}
		name = file_safe(j->notice);
		path = fileset_fresh(n->st, sub, name, j->channel ==
		    DUN_CH_EMAIL ? ".eml" : ".pdf");
		free(name);
		free(sub);
		staged = fileset_count(n->st);
		tmp = fileset_temp(n->st, path);
		if (j->channel == DUN_CH_EMAIL) {
			struct buf msg = { 0 };

			if ((r = email(n, j, &msg, err)) == 0)
				r = write_file(tmp, msg.s, msg.len, err);
			buf_free(&msg);
		} else
			r = letter_file(n, j, tmp, err);
		if (r == 0)
			r = sha_file(tmp, j->sha, err);
		if (r == 1) {
			/* Not whole: not issued, and no file of it. */
			fileset_drop(n->st, staged);
			free(path);
			r = 0;
			continue;
		}
		j->file = path;
		j->staged = staged;
	}
	return r;
}

int
dun_notifier_finish(struct dun_notifier *n, struct dun_out *o,
    struct dun_err *err)
{
	static const char *const head[] = { "notice", "unit", "stage",
		"channel", "date", "to", "file", "sha256", "reason" };
	const struct dun_config *c = n->c;
	char day[DUN_DATE_BUFSZ], d[DUN_DATE_BUFSZ];
	struct dun_notice_row *rows;
	struct fileset_notice *sn;
	size_t i, k;
	int r = 0;

	dun_date_fmt(n->o.asof, d);
	snprintf(day, sizeof day, "%.4s%.2s%.2s", d, d + 5, d + 8);
	for (i = 0; i < sizeof head / sizeof *head; i++)
		dun_out_str(o, head[i]);
	if (dun_out_end(o) < 0)
		goto io;
	for (i = 0; i < n->njobs; i++) {
		struct job *j = &n->jobs[i];

		if (statement(n, j, err) < 0)
			return -1;
		fill(n, j, err);
		render(n, j);
		j->staged = (size_t)-1;
		check_job(n, j);
	}
	/* The batch of files: written under temporary names, checked,
	 * recorded as pending, put in place, issued. */
	if (c->notice.sms.gateway == NULL)
		r = sms_batch(n, day, err);
	if (r == 0)
		r = lists(n, DUN_CH_PHONE, day, err);
	if (r == 0)
		r = lists(n, DUN_CH_VISIT, day, err);
	if (r == 0)
		r = letters(n, err);
	/* One merged PDF of the day's letters, for the print room. */
	if (r == 0) {
		struct pdf *p = NULL;
		char base[64], *path;

		snprintf(base, sizeof base, "letters-%s", day);
		path = fileset_fresh(n->st, n->o.dir, base, ".pdf");
		for (i = 0; r == 0 && i < n->njobs; i++) {
			struct job *j = &n->jobs[i];

			if ((j->channel != DUN_CH_LETTER &&
			    j->channel != DUN_CH_LEGAL) || j->refused)
				continue;
			if (p == NULL && (p = pdf_open(fileset_temp(n->st, path),
			    c->notice.font ? c->notice.font :
			    "Noto Sans CJK SC", n->o.asof, base, err)) == NULL)
				r = -1;
			else if (draw_letter(n, j, p) != 0)
				fileset_drop(n->st, j->staged);
		}
		if (p != NULL && pdf_close(p, err) < 0)
			r = -1;
		free(path);
	}
	if (r == 0 && c->notice.board && n->nboard > 0)
		r = board(n, day, err);
	if (r < 0) {
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
		rows = xmalloc((n->njobs + 1) * sizeof *rows);
		sn = xmalloc((n->njobs + 1) * sizeof *sn);
		for (i = k = 0; i < n->njobs; i++) {
			struct job *j = &n->jobs[i];

			if (immediate(c, j->channel) || j->refused)
				continue;
			make_row(n, j, &rows[k]);
			sn[k].row = &rows[k];
			sn[k].file = j->staged;
			k++;
		}
		r = fileset_commit(n->st, n->l, sn, k, err);
		free(rows);
		free(sn);
		if (r < 0)
			return -1;
	}
	for (i = 0; i < n->njobs; i++)
		if (!immediate(c, n->jobs[i].channel) && !n->jobs[i].refused &&
		    out_job(n, o, &n->jobs[i]) < 0)
			goto io;
	/* What goes out through a server: each recorded once sent. */
	for (i = 0; i < n->njobs; i++)
		if (immediate(c, n->jobs[i].channel) && !n->jobs[i].refused) {
			if (dun_out_flush(o) < 0)
				goto io;
			if (sent_one(n, &n->jobs[i], o, err) < 0) {
				for (; i < n->njobs; i++)
					if (immediate(c, n->jobs[i].channel))
						skip(n, "not sent: the server "
						    "failed");
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
	size_t i, s, k;
	int f, ch;

	if (n == NULL)
		return;
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
	for (i = 0; i < n->njobs; i++) {
		struct job *j = &n->jobs[i];

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
	}
	free(n->jobs);
	for (i = 0; i < n->nboard; i++) {
		free(n->board[i].building);
		free(n->board[i].unit);
		free(n->board[i].total);
		free(n->board[i].periods);
		free(n->board[i].days);
	}
	free(n->board);
	for (i = 0; i < n->nskips; i++)
		free(n->skips[i].why);
	free(n->skips);
	free(n->units);
	free(n);
}

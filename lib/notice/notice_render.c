/*
 * notice_render.c — what dun-notice writes in each notice: the templates'
 * fields and the words of each language, the templates loaded from the config's
 * folder, a job's values filled in and its statement, SMS segments, and
 * the checks of what was rendered before it is issued.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <nettle/sha2.h>

#include "notice_int.h"

/* ---- template fields ---------------------------------------------------- */

/* A record's fields are its columns (columns.c), their types the table's:
 * money and dates are written as the language writes them. */
const char *const notice_fields[F_COUNT + 1] = {
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


/* The names of an SMS gateway's notice_fields, by G_*. */
static const char *const gateway_fields[] = { "phone", "text", "unit",
	"notice", NULL };

/* ---- words in each language ------------------------------------------- */

const struct words notice_zh = {
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

const struct words notice_en = {
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

/* ---- templates ---------------------------------------------------------- */

static int
titled(int ch)
{
	return ch == DUN_CH_EMAIL || ch == DUN_CH_LETTER || ch == DUN_CH_LEGAL;
}

char *
notice_slurp_file(const char *path, size_t *len)
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
		/* STAGE.CHANNEL.LANGUAGE: three names, none empty, split
		 * in a copy of the file's name, however long. */
		char *stage = xstrdup(e->d_name), *ch, *lang;
		int ok = 0, i;

		if (e->d_name[0] == '.') {
			free(stage);
			continue;
		}
		if ((ch = strchr(stage, '.')) != NULL)
			*ch++ = '\0';
		if (ch != NULL && (lang = strchr(ch, '.')) != NULL)
			*lang++ = '\0';
		else
			lang = NULL;
		if (lang != NULL && *ch != '\0' && *lang != '\0' &&
		    strchr(lang, '.') == NULL && stage_index(c, stage) >= 0 &&
		    (strcmp(lang, "zh") == 0 || strcmp(lang, "en") == 0))
			for (i = 0; i < DUN_CH_COUNT; i++)
				ok |= strcmp(ch, dun_channel_name(i)) == 0;
		free(stage);
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
		if ((s = notice_slurp_file(*where, len)) != NULL)
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
		if ((n->title[s][ch] = tpl_parse(text, k, where, 1,
		    notice_fields, err)) == NULL ||
		    (n->body[s][ch] = tpl_parse(nl + 2, len - k - 2, where, 3,
		    notice_fields, err)) == NULL)
			goto out;
	} else if ((n->body[s][ch] = tpl_parse(text, len, where, 1,
	    notice_fields, err)) == NULL)
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
int
notice_load_templates(struct dun_notifier *n, struct dun_err *err)
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

/* ---- rendering --------------------------------------------------------- */

static void
set(struct job *j, int f, const char *s)
{
	free(j->v[f]);
	j->v[f] = xstrdup(s ? s : "");
}

void
notice_sha_hex(const void *data, size_t len, char *hex)
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

int
notice_sha_file(const char *path, char *hex, struct dun_err *err)
{
	size_t len;
	char *s = notice_slurp_file(path, &len);

	if (s == NULL) {
		dun_err_set(err, DUN_EXIT_SYS, "%s: %s", path, strerror(errno));
		return -1;
	}
	notice_sha_hex(s, len, hex);
	free(s);
	return 0;
}

static void
report_bad(const struct dun_err *e, void *arg)
{
	struct dun_notifier *n = arg;

	notice_warnf(n, "%s", e->msg);
}

/* The unit's statement of account, from the ledger, as of the date. */
int
notice_statement(struct dun_notifier *n, struct job *j, struct dun_err *err)
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
const char *
notice_line_fee(const struct dun_config *c, const struct job *j,
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

void
notice_fill(struct dun_notifier *n, struct job *j, struct dun_err *err)
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
		enum col_type type = col_type_of(notice_fields[f]);

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

/* ---- checking what was rendered ----------------------------------------- */

void
notice_render(struct dun_notifier *n, struct job *j)
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
int
notice_check_job(struct dun_notifier *n, struct job *j)
{
	const struct dun_config *c = n->c;
	const char *stage = c->stages[j->stage].name;
	long units;
	int f, ucs2;

	for (f = 0; f < F_COUNT; f++)
		if (!utf8(j->v[f])) {
			notice_refuse(n, j, notice_fields[f],
			    "the text is not UTF-8");
			return 1;
		}
	if (!utf8(j->text) || !utf8(j->title) || !utf8(j->reason)) {
		notice_refuse(n, j, NULL, "the %s %s is not UTF-8", stage,
		    dun_channel_name(j->channel));
		return 1;
	}
	if (j->channel != DUN_CH_SMS)
		return 0;
	j->segments = dun_sms_segments(j->text, &ucs2, &units);
	if (j->segments > c->contact.sms_segments) {
		notice_refuse(n, j, NULL, "the %s SMS is %d segments, more "
		    "than contact.sms_segments (%d)", stage, j->segments,
		    c->contact.sms_segments);
		return 1;
	}
	if (!states_amount(j)) {
		notice_refuse(n, j, NULL, "the %s SMS does not state the "
		    "amount owed (%s)", stage,
		    *j->v[F_TOTAL] ? j->v[F_TOTAL] : "none");
		return 1;
	}
	return 0;
}

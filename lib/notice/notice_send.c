/*
 * notice_send.c — notices that go out: an e-mail built from a job, the
 * SMS batch for a gateway, and a notice sent and recorded one at a time.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "notice_int.h"

/* ---- sending: e-mail, the SMS batch, one notice at a time --------------- */

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
int
notice_email(struct dun_notifier *n, struct job *j, struct buf *out,
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

		r = notice_letter_file(n, j, tmp, err);
		if (r == 0 && (pdf = notice_slurp_file(tmp, &len)) == NULL) {
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
		notice_refuse(n, j, "email", "%s", why);
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

/* j as the next line of the SMS batch, the file begun with the first:
 * 0, or -1 and err. */
int
notice_sms_line(struct dun_notifier *n, struct job *j, struct dun_err *err)
{
	struct buf t = { 0 };
	char base[64], num[32], *phone, *text;

	if (n->sms == NULL) {
		const char *tmp;

		snprintf(base, sizeof base, "sms-%s", n->day);
		n->sms_path = fileset_fresh(n->st, n->o.dir, base, ".csv");
		n->sms_staged = fileset_count(n->st);
		tmp = fileset_temp(n->st, n->sms_path);
		if ((n->sms = fopen(tmp, "wb")) == NULL) {
			dun_err_set(err, DUN_EXIT_SYS, "%s: %s", tmp,
			    strerror(errno));
			return -1;
		}
		/* UTF-8 with a BOM and CRLF: what spreadsheet-minded SMS
		 * consoles read; a text's quotes doubled (RFC 4180), and a
		 * cell that a spreadsheet would take for a formula marked as
		 * text. */
		fputs("\xEF\xBB\xBFphone,text,segments\r\n", n->sms);
	}
	phone = cell_safe(j->v[F_PHONE]);
	text = cell_safe(j->text);
	csv_cell(&t, phone, strpbrk(phone, ",\"\r\n") != NULL);
	buf_str(&t, ",");
	csv_cell(&t, text, 1);
	snprintf(num, sizeof num, ",%d\r\n", j->segments);
	buf_str(&t, num);
	fwrite(t.s, 1, t.len, n->sms);
	/* The text as the file has it. */
	notice_sha_hex(text, strlen(text), j->sha);
	free(phone);
	free(text);
	buf_free(&t);
	free(j->file);
	j->file = xstrdup(n->sms_path);
	j->staged = n->sms_staged;
	return 0;
}

/* The SMS batch written whole: 0, or -1 and err. */
int
notice_sms_end(struct dun_notifier *n, struct dun_err *err)
{
	FILE *f = n->sms;
	int e;

	if (f == NULL)
		return 0;
	n->sms = NULL;
	e = ferror(f) ? EIO : 0;
	if (fclose(f) != 0 && e == 0)
		e = errno;
	if (e != 0) {
		dun_err_set(err, DUN_EXIT_SYS, "%s: %s", n->sms_path,
		    strerror(e));
		return -1;
	}
	return 0;
}

void
notice_make_row(struct dun_notifier *n, struct job *j,
    struct dun_notice_row *row)
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

int
notice_out_job(struct dun_notifier *n, struct dun_out *o, struct job *j)
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
int
notice_sent_one(struct dun_notifier *n, struct job *j, struct dun_out *o,
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
	if (notice_mkdirs(sub, err) < 0) {
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
		r = notice_email(n, j, &msg, err);
	if (r == 0)
		r = write_file(tmp, msg.s, msg.len, err);
	notice_sha_hex(msg.s ? msg.s : "", msg.len, j->sha);
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
			notice_refuse(n, j, "email", "not sent: %s", err->msg);
	}
	buf_free(&msg);
	if (r != 0) {
		fileset_clear(n->st, 0);
		return r < 0 ? -1 : 0;
	}
	if (n->o.dry_run) {
		r = fileset_publish(n->st, err);
		fileset_clear(n->st, r < 0);
		return r < 0 ? -1 : notice_out_job(n, o, j);
	}
	/* Sent: record it, with its file, at once. */
	notice_make_row(n, j, &row);
	sn.row = &row;
	sn.file = staged;
	if (fileset_commit(n->st, n->l, &sn, 1, err) < 0)
		return -1;
	return notice_out_job(n, o, j);
}

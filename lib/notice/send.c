/*
 * send.c — what leaves the machine: e-mail as RFC 5322 messages with
 * UTF-8 MIME, sent over SMTP, and SMS through an HTTP gateway; both with
 * libcurl.  Each call says what the server answered.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>

#include "notice.h"

/* ---- MIME ------------------------------------------------------------ */

static void
base64(struct buf *b, const unsigned char *s, size_t n, int wrap)
{
	static const char tab[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnop"
	    "qrstuvwxyz0123456789+/";
	size_t i, col = 0;
	char q[4];

	for (i = 0; i < n; i += 3) {
		unsigned v = (unsigned)s[i] << 16 | (i + 1 < n ?
		    (unsigned)s[i + 1] << 8 : 0) | (i + 2 < n ? s[i + 2] : 0);

		q[0] = tab[v >> 18 & 63];
		q[1] = tab[v >> 12 & 63];
		q[2] = i + 1 < n ? tab[v >> 6 & 63] : '=';
		q[3] = i + 2 < n ? tab[v & 63] : '=';
		buf_add(b, q, 4);
		if (wrap && (col += 4) >= 76) {
			buf_str(b, "\r\n");
			col = 0;
		}
	}
	if (wrap && col > 0)
		buf_str(b, "\r\n");
}

/* Can s stand in a header as it is: ASCII with no control character
 * (no CR or LF, that would begin a header of its own), not so long that
 * its line would be, and in a phrase (a display name) none of the
 * specials that would make it an address or a list of them? */
static int
plain(const char *s, int phrase)
{
	size_t n = 0;

	for (; *s; s++, n++) {
		unsigned char c = (unsigned char)*s;

		if (c < 0x20 || c >= 0x7f || n > 900 ||
		    (phrase && strchr("()<>[]:;@\\,.\"", c) != NULL))
			return 0;
	}
	return 1;
}

/* A header's text, RFC 2047 encoded unless it is plain, in encoded
 * words of whole UTF-8 characters: a CR, an LF or any other control
 * character is inside an encoded word, never on the header's line. */
static void
header_text(struct buf *b, const char *s, int phrase)
{
	size_t n = strlen(s), i = 0, k;

	if (plain(s, phrase)) {
		buf_str(b, s);
		return;
	}
	while (i < n) {
		for (k = i; k < n && k - i < 42; ) {
			size_t c = 1;

			while (k + c < n && ((unsigned char)s[k + c] & 0xC0) ==
			    0x80)
				c++;
			k += c;
		}
		if (i > 0)
			buf_str(b, "\r\n ");
		buf_str(b, "=?UTF-8?B?");
		base64(b, (const unsigned char *)s + i, k - i, 0);
		buf_str(b, "?=");
		i = k;
	}
}

/* A file name as MIME parameters (RFC 2231): name="...", a fallback of
 * printable ASCII, and name*=UTF-8''... with each other byte %XX when
 * the name is not all printable ASCII without quotes. */
static void
param_name(struct buf *b, const char *param, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p;
	int whole = 1;

	buf_fmt(b, "%s=\"", param);
	for (p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p >= 0x7f || *p == '"' || *p == '\\') {
			/* One _ a character. */
			if ((*p & 0xC0) != 0x80)
				buf_add(b, "_", 1);
			whole = 0;
		} else
			buf_add(b, (const char *)p, 1);
	buf_str(b, "\"");
	if (whole)
		return;
	buf_fmt(b, ";\r\n %s*=UTF-8''", param);
	for (p = (const unsigned char *)s; *p; p++)
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("!#$&+-.^_`|~", *p))
			buf_add(b, (const char *)p, 1);
		else {
			char e[3] = { '%', hex[*p >> 4], hex[*p & 15] };

			buf_add(b, e, 3);
		}
}

/* The left of a Message-ID: letters, digits, - and _ as they are, each
 * other byte =XX, so that two notices never share one. */
static void
id_left(struct buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p;

	for (p = (const unsigned char *)s; *p; p++)
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '-' || *p == '_')
			buf_add(b, (const char *)p, 1);
		else {
			char e[3] = { '=', hex[*p >> 4], hex[*p & 15] };

			buf_add(b, e, 3);
		}
}

int
mail_build(struct buf *b, const struct mail *m, char *why)
{
	static const char *const wd[] = { "", "Mon", "Tue", "Wed", "Thu",
		"Fri", "Sat", "Sun" };
	static const char *const mon[] = { "Jan", "Feb", "Mar", "Apr", "May",
		"Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	int y, mo, d;
	const char *bound = "dun-part-boundary-7f3a";

	/* The addresses go into the headers as they are: only whole
	 * addr-specs do. */
	if (email_parse(m->from, strlen(m->from), NULL) < 0) {
		snprintf(why, DUN_WHY, "the sender's address is not an e-mail "
		    "address (notice.email.from, company.email)");
		return -1;
	}
	if (email_parse(m->to, strlen(m->to), NULL) < 0) {
		snprintf(why, DUN_WHY, "the recipient's address is not an "
		    "e-mail address (name@domain)");
		return -1;
	}
	dun_date_split(m->date, &y, &mo, &d);
	buf_str(b, "From: ");
	if (m->from_name && *m->from_name) {
		header_text(b, m->from_name, 1);
		buf_str(b, " ");
	}
	buf_fmt(b, "<%s>\r\nTo: <%s>\r\nSubject: ", m->from, m->to);
	header_text(b, m->subject, 0);
	buf_fmt(b, "\r\nDate: %s, %d %s %d %02d:%02d:00 "
	    "+0800\r\nMessage-ID: <", wd[dun_date_weekday(m->date)], d,
	    mon[mo - 1], y, m->minute / 60, m->minute % 60);
	id_left(b, m->id);
	buf_fmt(b, "@%s>\r\nMIME-Version: 1.0\r\n", strchr(m->from, '@') + 1);
	if (m->attachment != NULL)
		buf_fmt(b, "Content-Type: multipart/mixed; "
		    "boundary=\"%s\"\r\n\r\n--%s\r\n", bound, bound);
	buf_str(b, "Content-Type: text/plain; charset=UTF-8\r\n"
	    "Content-Transfer-Encoding: base64\r\n\r\n");
	base64(b, (const unsigned char *)m->body, strlen(m->body), 1);
	if (m->attachment != NULL) {
		buf_fmt(b, "\r\n--%s\r\nContent-Type: application/pdf; ",
		    bound);
		param_name(b, "name", m->attachment_name);
		buf_str(b, "\r\nContent-Disposition: attachment; ");
		param_name(b, "filename", m->attachment_name);
		buf_str(b, "\r\nContent-Transfer-Encoding: base64\r\n\r\n");
		base64(b, m->attachment, m->attachment_len, 1);
		buf_fmt(b, "\r\n--%s--\r\n", bound);
	}
	return 0;
}

/* ---- libcurl ----------------------------------------------------------- */

static int curl_ready;

static int
start(struct dun_err *err)
{
	if (!curl_ready) {
		if (curl_global_init(CURL_GLOBAL_DEFAULT) != 0) {
			dun_err_set(err, DUN_EXIT_SYS, "libcurl cannot start");
			return -1;
		}
		curl_ready = 1;
	}
	return 0;
}

struct upload {
	const char *s;
	size_t len, at;
};

static size_t
reader(char *out, size_t size, size_t n, void *arg)
{
	struct upload *u = arg;
	size_t k = size * n;

	if (k > u->len - u->at)
		k = u->len - u->at;
	memcpy(out, u->s + u->at, k);
	u->at += k;
	return k;
}

static size_t
writer(char *in, size_t size, size_t n, void *arg)
{
	struct buf *b = arg;
	size_t k = size * n;

	if (b->len < 4096)
		buf_add(b, in, k);
	return k;
}

int
send_mail(const struct dun_config *c, const char *from, const char *to,
    const char *msg, size_t len, char **receipt, struct dun_err *err)
{
	CURL *h;
	CURLcode rc;
	struct curl_slist *rcpt = NULL;
	struct upload u = { msg, len, 0 };
	char *addr, failed[CURL_ERROR_SIZE];
	long code = 0;

	/* Nothing reaches the envelope unchecked: an address with a line
	 * feed in it would be a command of its own. */
	if (email_parse(from, strlen(from), NULL) < 0) {
		dun_err_set(err, DUN_EXIT_USAGE, "the sender's address is not "
		    "an e-mail address: set notice.email.from or company.email "
		    "(dun.yaml(5))");
		return -1;
	}
	if (email_parse(to, strlen(to), NULL) < 0) {
		dun_err_set(err, DUN_EXIT_DATA, "the recipient's address is "
		    "not an e-mail address (name@domain)");
		return 1;
	}
	if (start(err) < 0 || (h = curl_easy_init()) == NULL) {
		dun_err_set(err, DUN_EXIT_SYS, "libcurl cannot start");
		return -1;
	}
	addr = str_fmt("<%s>", to);
	rcpt = curl_slist_append(rcpt, addr);
	free(addr);
	addr = str_fmt("<%s>", from);
	failed[0] = '\0';
	curl_easy_setopt(h, CURLOPT_ERRORBUFFER, failed);
	curl_easy_setopt(h, CURLOPT_URL, c->notice.email.smtp);
	curl_easy_setopt(h, CURLOPT_MAIL_FROM, addr);
	curl_easy_setopt(h, CURLOPT_MAIL_RCPT, rcpt);
	curl_easy_setopt(h, CURLOPT_READFUNCTION, reader);
	curl_easy_setopt(h, CURLOPT_READDATA, &u);
	curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(h, CURLOPT_TIMEOUT, (long)c->notice.email.timeout);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	if (c->notice.email.user) {
		curl_easy_setopt(h, CURLOPT_USERNAME, c->notice.email.user);
		curl_easy_setopt(h, CURLOPT_PASSWORD,
		    c->notice.email.password ? c->notice.email.password : "");
		curl_easy_setopt(h, CURLOPT_USE_SSL, (long)CURLUSESSL_ALL);
	}
	rc = curl_easy_perform(h);
	curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code);
	curl_slist_free_all(rcpt);
	curl_easy_cleanup(h);
	free(addr);
	/* The server refused this recipient (RCPT TO answered 4xx or 5xx,
	 * but 421, the server closing): this message only. */
	if (rc == CURLE_SEND_ERROR && strncmp(failed, "RCPT failed", 11) ==
	    0 && code >= 400 && code <= 599 && code != 421) {
		dun_err_set(err, DUN_EXIT_DATA, "%s: the server refused the "
		    "recipient %s: %ld", c->notice.email.smtp, to, code);
		return 1;
	}
	if (rc != CURLE_OK) {
		dun_err_set(err, DUN_EXIT_SYS, "%s: sending to %s: %s",
		    c->notice.email.smtp, to, *failed ? failed :
		    curl_easy_strerror(rc));
		return -1;
	}
	free(*receipt);
	*receipt = str_fmt("smtp %ld", code);
	return 0;
}

/* A JSON string's body, escaped. */
static void
json_str(struct buf *b, const char *s)
{
	char u[8];

	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;

		if (ch == '"' || ch == '\\') {
			buf_add(b, "\\", 1);
			buf_add(b, s, 1);
		} else if (ch < 0x20) {
			snprintf(u, sizeof u, "\\u%04x", ch);
			buf_str(b, u);
		} else
			buf_add(b, s, 1);
	}
}

/* What a server answered, on one line, as the register keeps it: a byte
 * that is not part of UTF-8 written \xHH (a gateway may answer in GBK). */
static char *
answer_text(long code, const char *s, size_t n)
{
	struct buf b = { 0 };
	size_t i = 0, k;
	int partial;

	buf_fmt(&b, "http %ld ", code);
	while (i < n) {
		k = utf8_valid((const unsigned char *)s + i, n - i, &partial);
		for (; k > 0; k--, i++)
			buf_add(&b, s[i] == '\n' || s[i] == '\r' ||
			    s[i] == '\t' ? " " : s + i, 1);
		if (i < n) {
			buf_fmt(&b, "\\x%02x", (unsigned char)s[i]);
			i++;
		}
	}
	return b.s;
}

int
send_sms(const struct dun_config *c, const char *const *names,
    const char *const *values, size_t n, char **receipt,
    struct dun_err *err)
{
	CURL *h;
	CURLcode rc;
	struct curl_slist *hdr = NULL;
	struct buf body = { 0 }, answer = { 0 };
	size_t i;
	long code = 0;

	if (start(err) < 0 || (h = curl_easy_init()) == NULL) {
		dun_err_set(err, DUN_EXIT_SYS, "libcurl cannot start");
		return -1;
	}
	if (c->notice.sms.json)
		buf_str(&body, "{");
	for (i = 0; i < n; i++) {
		if (c->notice.sms.json) {
			buf_str(&body, i ? ",\"" : "\"");
			json_str(&body, names[i]);
			buf_str(&body, "\":\"");
			json_str(&body, values[i]);
			buf_str(&body, "\"");
		} else {
			char *k = curl_easy_escape(h, names[i], 0);
			char *v = curl_easy_escape(h, values[i], 0);

			buf_str(&body, i ? "&" : "");
			buf_str(&body, k);
			buf_str(&body, "=");
			buf_str(&body, v);
			curl_free(k);
			curl_free(v);
		}
	}
	if (c->notice.sms.json) {
		buf_str(&body, "}");
		hdr = curl_slist_append(hdr, "Content-Type: application/json");
	} else {
		buf_str(&body, "");
		hdr = curl_slist_append(hdr, "Content-Type: "
		    "application/x-www-form-urlencoded");
	}
	for (i = 0; i < c->notice.sms.headers.n; i++)
		hdr = curl_slist_append(hdr, c->notice.sms.headers.v[i]);
	curl_easy_setopt(h, CURLOPT_URL, c->notice.sms.gateway);
	curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdr);
	curl_easy_setopt(h, CURLOPT_POSTFIELDS, body.s);
	curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE, (long)body.len);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, writer);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, &answer);
	curl_easy_setopt(h, CURLOPT_TIMEOUT, (long)c->notice.sms.timeout);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	rc = curl_easy_perform(h);
	curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code);
	curl_slist_free_all(hdr);
	curl_easy_cleanup(h);
	buf_free(&body);
	if (rc != CURLE_OK) {
		dun_err_set(err, DUN_EXIT_SYS, "%s: %s", c->notice.sms.gateway,
		    curl_easy_strerror(rc));
		buf_free(&answer);
		return -1;
	}
	free(*receipt);
	*receipt = answer_text(code, answer.s ? answer.s : "", answer.len);
	buf_free(&answer);
	if (code < 200 || code > 299) {
		dun_err_set(err, DUN_EXIT_SYS, "%s: the gateway refused the "
		    "message: %s", c->notice.sms.gateway, *receipt);
		return -1;
	}
	return 0;
}

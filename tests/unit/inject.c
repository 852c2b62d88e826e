/* No injection through data: a spreadsheet's cells, file names, and the
 * headers of an e-mail. */
#include <stdlib.h>

#include "dun.h"
#include "tap.h"

/* s for a test's name: each control byte \xHH, cut at 60 bytes. */
static const char *
shown(const char *s)
{
	static char out[4][256];
	static int k;
	char *o = out[k = (k + 1) % 4];
	size_t n = 0;

	for (; s && *s && n < 60 * 4; s++) {
		unsigned char c = (unsigned char)*s;

		if (c < 0x20 || c == 0x7f)
			n += (size_t)snprintf(o + n, 5, "\\x%02x", c);
		else
			o[n++] = (char)c;
	}
	o[n] = '\0';
	return o;
}

static void
cell(const char *s, const char *want)
{
	char *got = cell_safe(s);

	is_str(got, want, "cell \"%s\"", shown(s));
	is_int(cell_formula(s), strcmp(got, s) != 0, "  cell_formula agrees");
	free(got);
}

static void
tsv_cell(const char *s, const char *want)
{
	struct buf b = { 0 };

	buf_cell(&b, s);
	is_str(b.s ? b.s : "", want, "TSV cell \"%s\"", shown(s));
	buf_free(&b);
}

static void
fname(const char *s, const char *want)
{
	char *got = file_safe(s);

	is_str(got, want, "file name of \"%s\"", shown(s));
	free(got);
}

/* The header lines of a message, up to the blank line: is each one dun
 * writes, or a folded continuation?  The first that is not, or NULL. */
static const char *
stray_header(const char *msg, char *line, size_t n)
{
	static const char *const known[] = { "From: ", "To: ", "Subject: ",
		"Date: ", "Message-ID: ", "MIME-Version: ", "Content-Type: ",
		"Content-Transfer-Encoding: ", " ", NULL };
	const char *p = msg, *e;
	size_t i, k;

	for (; (e = strstr(p, "\r\n")) != NULL && e > p; p = e + 2) {
		/* A bare CR or LF inside a header line is a line of its own
		 * to some readers. */
		if (memchr(p, '\n', (size_t)(e - p)) != NULL ||
		    memchr(p, '\r', (size_t)(e - p)) != NULL)
			goto stray;
		for (i = 0; known[i]; i++)
			if (strncmp(p, known[i], strlen(known[i])) == 0)
				break;
		if (known[i] == NULL)
			goto stray;
	}
	return NULL;
stray:
	k = (size_t)(e - p) < n - 1 ? (size_t)(e - p) : n - 1;
	memcpy(line, p, k);
	line[k] = '\0';
	return line;
}

static void
mail(const char *from_name, const char *subject, const char *desc)
{
	struct mail m;
	struct buf b = { 0 };
	char why[DUN_WHY], line[200];
	int r;

	memset(&m, 0, sizeof m);
	m.from = "collect@example.com";
	m.from_name = from_name;
	m.to = "zs@example.com";
	m.subject = subject;
	m.body = "body";
	m.id = "20261124-U1-demand";
	m.date = 20781;
	m.minute = 600;
	r = mail_build(&b, &m, why);
	ok(r == 0, "%s: built", desc);
	is_str(stray_header(b.s, line, sizeof line), NULL,
	    "%s: no header of its own", desc);
	buf_free(&b);
}

int
main(void)
{
	struct mail m;
	struct buf b = { 0 };
	char why[DUN_WHY], *p;

	/* OWASP's list, and the full-width forms. */
	cell("=HYPERLINK(\"http://x/\",\"a\")",
	    "'=HYPERLINK(\"http://x/\",\"a\")");
	cell("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0");
	cell("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0");
	cell("@SUM(1+1)", "'@SUM(1+1)");
	cell("\t=1+1", "'\t=1+1");
	cell("\r=1+1", "'\r=1+1");
	cell("\xef\xbc\x9d" "1+1", "'\xef\xbc\x9d" "1+1");	/* ＝ */
	cell("\xef\xbc\x8b" "1", "'\xef\xbc\x8b" "1");	/* ＋ */
	cell("\xef\xbc\x8d" "1", "'\xef\xbc\x8d" "1");	/* － */
	cell("\xef\xbc\xa0" "a", "'\xef\xbc\xa0" "a");	/* ＠ */
	cell("-", "'-");
	cell("-¥12.00", "'-¥12.00");
	cell("-12.", "'-12.");
	cell("+12", "'+12");
	/* A plain number calls nothing; nor does what begins otherwise. */
	cell("-12.00", "-12.00");
	cell("-7", "-7");
	cell("12.00", "12.00");
	cell("张三", "张三");
	cell("a=1", "a=1");
	cell(" =1+1", " =1+1");
	cell("", "");
	cell("'=1", "'=1");
	p = cell_safe(NULL);
	is_str(p, "", "a null cell is empty");
	free(p);
	/* In a TSV for a spreadsheet: escaped as dun(5), a CR too. */
	tsv_cell("=1\t2\n3", "'=1\\t2\\n3");
	tsv_cell("a\rb", "a\\rb");
	tsv_cell("a\r=HYPERLINK(1)", "a\\r=HYPERLINK(1)");
	tsv_cell("\r\r", "'\\r\\r");
	tsv_cell("x\\y", "x\\\\y");
	tsv_cell(NULL, "");

	/* File names. */
	fname("周敏", "周敏");
	fname("\xe2\x80\xae周敏", "_周敏");			/* U+202E */
	fname("a\xe2\x80\x8f" "b\xe2\x81\xa6" "c\xd8\x9c" "d", "a_b_c_d");
	fname("a\xe2\x80\xaa" "b\xe2\x80\xad" "c\xe2\x81\xa9" "d", "a_b_c_d");
	fname("a\xe2\x80\x8b" "b\xe2\x80\x8d" "c\xef\xbb\xbf" "d", "a_b_c_d");
	fname("a\xc2\x85" "b\xc2\x9f" "c\x7f" "d", "a_b_c_d");	/* C1, DEL */
	fname("a\xff" "b\xe5\x91" "c", "a_b__c");		/* not UTF-8 */
	fname("a\xe5\x91", "a__");
	fname("a/b\\c\nd\te", "a_b_c_d_e");
	fname("-rf", "_rf");
	fname(".hidden", "_hidden");
	fname("", "_");
	fname("1栋-101 室", "1栋-101 室");

	/* Headers: a CR, an LF, any control, specials in a name. */
	mail("示例物业\r\nBcc: evil@example.com", "催缴通知", "a name with CR LF");
	mail("Acme\r\nBcc: evil@example.com", "Notice", "an ASCII name with CR LF");
	mail("Acme", "Notice\nBcc: evil@example.com", "a subject with LF");
	mail("Acme", "Notice\rBcc: evil@example.com", "a subject with CR");
	mail("Acme\x0b", "Notice\x01\x7f", "other controls");
	mail("Acme", "", "an empty subject");
	memset(&m, 0, sizeof m);
	m.from = "collect@example.com";
	m.from_name = "Evil <evil@example.com>, Acme";
	m.to = "zs@example.com";
	m.subject = "Notice";
	m.body = "";
	m.id = "20261124-a b<c>@d-demand";
	m.date = 20781;
	m.minute = 600;
	ok(mail_build(&b, &m, why) == 0, "a name with an address in it");
	ok(strstr(b.s, "From: =?UTF-8?B?") == b.s,
	    "  is an encoded word, not a second mailbox");
	ok(strstr(b.s, "\r\nMessage-ID: <20261124-a=20b=3Cc=3E=40d-demand@"
	    "example.com>\r\n") != NULL, "  the Message-ID only of safe bytes");
	ok(strstr(b.s, "Subject: Notice\r\n") != NULL,
	    "  a plain subject as it is");
	buf_free(&b);
	m.from_name = "Acme";
	m.attachment = (const unsigned char *)"%PDF";
	m.attachment_len = 4;
	m.attachment_name = "a\"\r\nX: y.pdf";
	ok(mail_build(&b, &m, why) == 0, "an attachment's name with a quote "
	    "and CR LF");
	ok(strstr(b.s, "filename=\"a___X: y.pdf\";\r\n filename*=UTF-8''"
	    "a%22%0D%0AX%3A%20y.pdf\r\n") != NULL, "  RFC 2231, and an ASCII "
	    "fallback without them");
	buf_free(&b);
	m.attachment = NULL;
	m.to = "x@example.com\nBcc: evil@example.com";
	b.len = 0;
	ok(mail_build(&b, &m, why) == -1 && b.len == 0,
	    "a recipient with LF: refused, nothing written");
	is_str(why, "the recipient's address is not an e-mail address "
	    "(name@domain)", "  saying why");
	m.to = "zs@example.com";
	m.from = "dun@localhost\r\nBcc: x@y.z";
	ok(mail_build(&b, &m, why) == -1 && b.len == 0,
	    "a sender with CR LF: refused");
	buf_free(&b);
	return done_testing();
}

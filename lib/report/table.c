/*
 * table.c — a report's tables, their cells as text, and how they are
 * written as TSV and as text aligned for a terminal (the HTML page is
 * html.c's, the chart svg.c's, the workbook xlsx.c's).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "table.h"

struct table *
table_new(struct arena *a, const char *name, const char *title)
{
	struct table *t = xmalloc(sizeof *t);

	memset(t, 0, sizeof *t);
	t->a = a;
	t->name = name;
	t->title = title;
	t->chart.series = -1;
	return t;
}

void
table_free(struct table *t)
{
	if (t == NULL)
		return;
	free(t->cells);
	free(t);
}

void
table_col(struct table *t, const char *name, int type)
{
	if (t->ncols == sizeof t->cols / sizeof *t->cols)
		abort();	/* the kinds have fixed, small headers */
	t->cols[t->ncols].name = arena_strdup(t->a, name);
	t->cols[t->ncols++].type = type;
}

struct tcell *
table_row(struct table *t)
{
	struct tcell *r;
	size_t i;

	if (t->nrows == t->caprows) {
		t->caprows = t->caprows ? 2 * t->caprows : 16;
		t->cells = xrealloc(t->cells, t->caprows * t->ncols *
		    sizeof *t->cells);
	}
	r = &t->cells[t->nrows++ * t->ncols];
	for (i = 0; i < t->ncols; i++) {
		r[i].v = 0;
		r[i].s = NULL;
		r[i].null = 1;
	}
	return r;
}

void
cell_text(struct table *t, struct tcell *c, const char *s)
{
	c->s = arena_strdup(t->a, s ? s : "");
	c->null = 0;
}

void
cell_num(struct tcell *c, int64_t v)
{
	c->v = v;
	c->null = 0;
}

void
cell_rate(struct tcell *c, int64_t num, int64_t den)
{
	__int128 q, r;

	if (den <= 0) {
		c->null = 1;
		return;
	}
	q = (__int128)num * 10000 / den;
	r = (__int128)num * 10000 % den;
	if (2 * r >= den)
		q++;
	cell_num(c, (int64_t)q);
}

/* ---- masking and width ------------------------------------------------ */

/* Bytes in the UTF-8 character that starts with c. */
static size_t
u8len(unsigned char c)
{
	return c < 0x80 ? 1 : c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 :
	    1;
}

const char *
mask_name(const char *s, char *buf, size_t n)
{
	size_t k, o, len = strlen(s);

	if (len == 0 || n < 8)
		return s;
	k = u8len((unsigned char)s[0]);
	if (k > len)
		k = len;
	memcpy(buf, s, k);
	o = k;
	/* One star for each character after the first, at least one. */
	do {
		if (o + 2 > n)
			break;
		buf[o++] = '*';
		if (k < len)
			k += u8len((unsigned char)s[k]);
	} while (k < len);
	buf[o] = '\0';
	return buf;
}

const char *
mask_phone(const char *s, char *buf, size_t n)
{
	size_t len = strlen(s), i, keep_head, keep_tail;

	if (len == 0)
		return s;
	if (len + 1 > n)
		return "***";	/* masked, whatever it was: never shown */
	keep_head = len >= 7 ? 3 : 0;
	keep_tail = len >= 7 ? 4 : len > 2 ? 2 : 0;
	for (i = 0; i < len; i++)
		buf[i] = i < keep_head || i >= len - keep_tail ? s[i] : '*';
	buf[len] = '\0';
	return buf;
}

const char *
mask_contact(const char *s, char *buf, size_t n)
{
	const char *at = strchr(s, '@');
	size_t digits = 0, i;

	if (at != NULL && at > s) {
		size_t k = u8len((unsigned char)s[0]);

		if (k + 3 + strlen(at) + 1 > n)
			return "***";
		memcpy(buf, s, k);
		memcpy(buf + k, "***", 3);
		strcpy(buf + k + 3, at);
		return buf;
	}
	for (i = 0; s[i]; i++)
		digits += s[i] >= '0' && s[i] <= '9';
	if (digits >= 7 && digits + 3 >= i)
		return mask_phone(s, buf, n);
	return s;		/* an address: a letter's recipient */
}

/* East Asian wide and fullwidth ranges: two columns at a terminal. */
static int
wide(unsigned long u)
{
	static const unsigned long r[][2] = {
		{ 0x1100, 0x115f }, { 0x2e80, 0x303e }, { 0x3041, 0x33ff },
		{ 0x3400, 0x4dbf }, { 0x4e00, 0x9fff }, { 0xa000, 0xa4cf },
		{ 0xac00, 0xd7a3 }, { 0xf900, 0xfaff }, { 0xfe30, 0xfe4f },
		{ 0xff00, 0xff60 }, { 0xffe0, 0xffe6 }, { 0x20000, 0x2fffd },
		{ 0x30000, 0x3fffd }
	};
	size_t i;

	for (i = 0; i < sizeof r / sizeof *r; i++)
		if (u >= r[i][0] && u <= r[i][1])
			return 1;
	return 0;
}

size_t
text_width(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t w = 0, k, i;
	unsigned long u;

	while (*p) {
		k = u8len(*p);
		u = k == 1 ? *p : (unsigned long)(*p & (0xff >> (k + 1)));
		for (i = 1; i < k && p[i]; i++)
			u = u << 6 | (p[i] & 0x3f);
		w += wide(u) ? 2 : 1;
		p += i;
	}
	return w;
}

/* ---- cells as text ---------------------------------------------------- */

/* Digits of v with a comma every three, into buf. */
static void
grouped(int64_t v, char *buf, size_t n)
{
	char d[32];
	size_t len, i, o = 0;
	uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;

	snprintf(d, sizeof d, "%llu", (unsigned long long)u);
	len = strlen(d);
	if (v < 0 && o + 1 < n)
		buf[o++] = '-';
	for (i = 0; i < len && o + 2 < n; i++) {
		if (i > 0 && (len - i) % 3 == 0)
			buf[o++] = ',';
		buf[o++] = d[i];
	}
	buf[o] = '\0';
}

const char *
cell_fmt(const struct tcell *c, int type, int pretty, int mask, char *buf,
    size_t n)
{
	int64_t a;

	if (c->null)
		return "";
	switch (type) {
	case T_INT:
		if (pretty)
			grouped(c->v, buf, n);
		else
			snprintf(buf, n, "%lld", (long long)c->v);
		return buf;
	case T_MONEY:
		/* callers give 64 bytes or more: room for either form */
		return pretty ? dun_money_grouped(c->v, buf) :
		    dun_money_fmt(c->v, buf);
	case T_RATE:
		a = c->v < 0 ? -c->v : c->v;
		snprintf(buf, n, "%s%lld.%02d%%", c->v < 0 ? "-" : "",
		    (long long)(a / 100), (int)(a % 100));
		return buf;
	case T_DATE:
		return dun_date_fmt((dun_date)c->v, buf);
	case T_PERIOD:
		return dun_period_fmt((dun_period)c->v, buf);
	case T_NAME:
		return mask ? mask_name(c->s, buf, n) : c->s;
	case T_PHONE:
		return mask ? mask_phone(c->s, buf, n) : c->s;
	case T_CONTACT:
		return mask ? mask_contact(c->s, buf, n) : c->s;
	default:
		return c->s;
	}
}

int
type_numeric(int type)
{
	return type == T_INT || type == T_MONEY || type == T_RATE;
}

const char *
table_shown(const struct table *t, size_t r, size_t i, int mask, char *buf,
    size_t n)
{
	const struct tcell *c = &t->cells[r * t->ncols + i];
	const char *s = cell_fmt(c, t->cols[i].type, 1, mask, buf, n);

	if (i == 0 && c->s && strcmp(c->s, "TOTAL") == 0 && t->total_word)
		return t->total_word;
	if (*s == '\0' && !c->null && !type_numeric(t->cols[i].type))
		return "-";
	return s;
}

/* ---- TSV -------------------------------------------------------------- */

static void
write_tsv(const struct table *t, int mask, struct buf *out)
{
	char b[128];
	size_t r, i;

	for (i = 0; i < t->ncols; i++) {
		if (i)
			buf_str(out, "\t");
		buf_str(out, t->cols[i].name);
	}
	buf_str(out, "\n");
	for (r = 0; r < t->nrows; r++) {
		for (i = 0; i < t->ncols; i++) {
			if (i)
				buf_str(out, "\t");
			buf_tsv(out, cell_fmt(&t->cells[r * t->ncols + i],
			    t->cols[i].type, 0, mask, b, sizeof b));
		}
		buf_str(out, "\n");
	}
}

/* ---- text ------------------------------------------------------------- */

static void
pad(struct buf *out, size_t n)
{
	while (n-- > 0)
		buf_add(out, " ", 1);
}

static void
write_text(const struct table *t, int mask, struct buf *out)
{
	size_t *w = xmalloc((t->ncols + 1) * sizeof *w), r, i, k, rule = 0;
	char b[128];

	for (i = 0; i < t->ncols; i++) {
		w[i] = text_width(t->cols[i].name);
		for (r = 0; r < t->nrows; r++) {
			k = text_width(table_shown(t, r, i, mask, b, sizeof b));
			if (k > w[i])
				w[i] = k;
		}
		rule += w[i] + (i ? 2 : 0);
	}
	buf_str(out, t->title);
	buf_str(out, "\n");
	if (t->note) {
		buf_str(out, t->note);
		buf_str(out, "\n");
	}
	if (t->caveat) {
		buf_str(out, t->caveat);
		buf_str(out, "\n");
	}
	buf_str(out, "\n");
	for (r = 0; r <= t->nrows + 1; r++) {
		int head = r == 0;
		size_t row = r - 1;

		/* A rule under the head, and above the totals. */
		if (r == t->nrows + 1 || (t->total && r == t->nrows)) {
			for (k = 0; k < rule; k++)
				buf_add(out, "-", 1);
			buf_str(out, "\n");
			if (r == t->nrows + 1)
				break;
		}
		for (i = 0; i < t->ncols; i++) {
			const char *s = head ? t->cols[i].name :
			    table_shown(t, row, i, mask, b, sizeof b);
			size_t sw = text_width(s);
			int right = type_numeric(t->cols[i].type);

			if (i)
				pad(out, 2);
			if (right)
				pad(out, w[i] - sw);
			buf_str(out, s);
			if (!right && i + 1 < t->ncols)
				pad(out, w[i] - sw);
		}
		buf_str(out, "\n");
		if (head) {
			for (k = 0; k < rule; k++)
				buf_add(out, "-", 1);
			buf_str(out, "\n");
		}
	}
	free(w);
}

/* ---- HTML text ---------------------------------------------------------- */

void
html_text(struct buf *out, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&':
			buf_str(out, "&amp;");
			break;
		case '<':
			buf_str(out, "&lt;");
			break;
		case '>':
			buf_str(out, "&gt;");
			break;
		case '"':
			buf_str(out, "&quot;");
			break;
		default:
			buf_add(out, s, 1);
		}
	}
}

void
doc_write(const struct doc *d, int format, int mask, struct buf *out)
{
	size_t i;

	for (i = 0; i < d->n; i++) {
		if (i)
			buf_str(out, "\n");
		if (format == DUN_RF_TSV)
			write_tsv(d->t[i], mask, out);
		else
			write_text(d->t[i], mask, out);
	}
}

/*
 * template.c — notice templates: text with {{field}} in it, parsed once
 * against the fields a caller knows, rendered many times.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "notice.h"

struct seg {
	const char *text;	/* literal text, or NULL for a field */
	size_t len;
	int field;
};

struct tpl {
	char *src;
	struct seg *seg;
	size_t nseg;
};

static int
is_name(int ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
	    ch == '_';
}

struct tpl *
tpl_parse(const char *text, size_t n, const char *name, int line0,
    const char *const *fields, struct dun_err *err)
{
	struct tpl *t = xmalloc(sizeof *t);
	const char *p, *end, *lit;
	int line = line0;
	const char *bol;
	size_t cap = 16;

	t->src = xmalloc(n + 1);
	memcpy(t->src, text, n);
	t->src[n] = '\0';
	t->seg = xmalloc(cap * sizeof *t->seg);
	t->nseg = 0;
	p = lit = bol = t->src;
	end = t->src + n;
	while (p < end) {
		const char *q, *b, *e;
		int f;

		if (*p == '\n') {
			line++;
			bol = ++p;
			continue;
		}
		if (p[0] != '{' || p + 1 >= end || p[1] != '{') {
			p++;
			continue;
		}
		if (t->nseg + 2 >= cap) {
			cap *= 2;
			t->seg = xrealloc(t->seg, cap * sizeof *t->seg);
		}
		if (p > lit)
			t->seg[t->nseg++] = (struct seg){ lit, (size_t)(p - lit),
			    -1 };
		for (b = p + 2; b < end && *b == ' '; b++)
			;
		for (e = b; e < end && is_name((unsigned char)*e); e++)
			;
		for (q = e; q < end && *q == ' '; q++)
			;
		if (q + 1 >= end || q[0] != '}' || q[1] != '}') {
			dun_err_set(err, DUN_EXIT_USAGE, "%s:%d:%d: \"{{\" is "
			    "not closed by \"}}\" after a field name", name,
			    line, (int)(p - bol) + 1);
			tpl_free(t);
			return NULL;
		}
		for (f = 0; fields[f]; f++)
			if (strlen(fields[f]) == (size_t)(e - b) &&
			    memcmp(fields[f], b, (size_t)(e - b)) == 0)
				break;
		if (fields[f] == NULL) {
			char *bad = xmalloc((size_t)(e - b) + 1);

			memcpy(bad, b, (size_t)(e - b));
			bad[e - b] = '\0';
			dun_err_set(err, DUN_EXIT_USAGE, "%s:%d:%d: {{%s}} is not "
			    "a template field (dun.yaml(5) lists them)", name,
			    line, (int)(p - bol) + 1, abbr_v(bad).s);
			free(bad);
			tpl_free(t);
			return NULL;
		}
		t->seg[t->nseg++] = (struct seg){ NULL, 0, f };
		p = lit = q + 2;
	}
	if (p > lit)
		t->seg[t->nseg++] = (struct seg){ lit, (size_t)(p - lit), -1 };
	return t;
}

int
tpl_uses(const struct tpl *t, int field)
{
	size_t i;

	for (i = 0; i < t->nseg; i++)
		if (t->seg[i].text == NULL && t->seg[i].field == field)
			return 1;
	return 0;
}

char *
tpl_render(const struct tpl *t, const char *const *values)
{
	size_t i, n = 1, len;
	char *out, *o;

	for (i = 0; i < t->nseg; i++)
		n += t->seg[i].text ? t->seg[i].len :
		    values[t->seg[i].field] ? strlen(values[t->seg[i].field]) :
		    0;
	o = out = xmalloc(n);
	for (i = 0; i < t->nseg; i++) {
		const char *s = t->seg[i].text ? t->seg[i].text :
		    values[t->seg[i].field];

		if (s == NULL)
			continue;
		len = t->seg[i].text ? t->seg[i].len : strlen(s);
		memcpy(o, s, len);
		o += len;
	}
	*o = '\0';
	return out;
}

void
tpl_free(struct tpl *t)
{
	if (t == NULL)
		return;
	free(t->src);
	free(t->seg);
	free(t);
}

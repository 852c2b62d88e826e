/* util.c — memory, arenas, growing buffers, UTF-8 checks. */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sys/stat.h>

#include "base.h"

void
dun_private(void)
{
	umask(S_IRWXG | S_IRWXO);
}

void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL) {
		fprintf(stderr, "%s: out of memory\n", dun_prog());
		abort();
	}
	return p;
}

void *
xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (p == NULL) {
		fprintf(stderr, "%s: out of memory\n", dun_prog());
		abort();
	}
	return p;
}

char *
xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;

	return memcpy(xmalloc(n), s, n);
}

struct block {
	struct block *next;
	size_t used, size;
	max_align_t data[];
};

struct arena {
	struct block *head;
};

struct arena *
arena_new(void)
{
	struct arena *a = xmalloc(sizeof *a);

	a->head = NULL;
	return a;
}

void *
arena_alloc(struct arena *a, size_t n)
{
	struct block *b = a->head;
	size_t align = sizeof(max_align_t);
	void *p;

	n = (n + align - 1) / align * align;
	if (b == NULL || b->size - b->used < n) {
		size_t size = n > 16384 ? n : 16384;

		b = xmalloc(sizeof *b + size);
		b->size = size;
		b->used = 0;
		b->next = a->head;
		a->head = b;
	}
	p = (char *)b->data + b->used;
	b->used += n;
	memset(p, 0, n);
	return p;
}

char *
arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

void
arena_reset(struct arena *a)
{
	struct block *b, *next;

	if (a->head == NULL)
		return;
	for (b = a->head->next; b != NULL; b = next) {
		next = b->next;
		free(b);
	}
	a->head->next = NULL;
	a->head->used = 0;
}

void
arena_free(struct arena *a)
{
	struct block *b, *next;

	if (a == NULL)
		return;
	for (b = a->head; b != NULL; b = next) {
		next = b->next;
		free(b);
	}
	free(a);
}

size_t
utf8_valid(const unsigned char *s, size_t n, int *partial)
{
	size_t i = 0;

	*partial = 0;
	while (i < n) {
		unsigned c = s[i];
		size_t len, k;
		unsigned min;
		unsigned long cp;

		if (c < 0x80) {
			/* ASCII, eight bytes at a time where it can. */
			uint64_t w;

			while (i + 8 <= n) {
				memcpy(&w, s + i, 8);
				if (w & UINT64_C(0x8080808080808080))
					break;
				i += 8;
			}
			if (i < n && s[i] < 0x80)
				i++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf)
			len = 2, cp = c & 0x1f, min = 0x80;
		else if (c >= 0xe0 && c <= 0xef)
			len = 3, cp = c & 0x0f, min = 0x800;
		else if (c >= 0xf0 && c <= 0xf4)
			len = 4, cp = c & 0x07, min = 0x10000;
		else
			return i;
		for (k = 1; k < len; k++) {
			if (i + k >= n) {
				*partial = 1;
				return i;
			}
			if ((s[i + k] & 0xc0) != 0x80)
				return i;
			cp = cp << 6 | (s[i + k] & 0x3f);
		}
		if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return i;
		i += len;
	}
	return i;
}

void
trim(const char **s, size_t *n)
{
	const unsigned char *p = (const unsigned char *)*s;
	size_t len = *n;

	for (;;) {
		if (len > 0 && (*p == ' ' || *p == '\t' || *p == '\r' ||
		    *p == '\n')) {
			p++, len--;
		} else if (len >= 3 && p[0] == 0xe3 && p[1] == 0x80 &&
		    p[2] == 0x80) {
			p += 3, len -= 3;
		} else
			break;
	}
	for (;;) {
		if (len > 0 && (p[len - 1] == ' ' || p[len - 1] == '\t' ||
		    p[len - 1] == '\r' || p[len - 1] == '\n')) {
			len--;
		} else if (len >= 3 && p[len - 3] == 0xe3 &&
		    p[len - 2] == 0x80 && p[len - 1] == 0x80) {
			len -= 3;
		} else
			break;
	}
	*s = (const char *)p;
	*n = len;
}

void
why_quote(char *why, const char *s, size_t n, const char *what)
{
	if (why == NULL)
		return;
	if (n > 40)
		snprintf(why, DUN_WHY, "\"%.*s...\" %s", (int)utf8_cut(s, n, 40),
		    s, what);
	else
		snprintf(why, DUN_WHY, "\"%.*s\" %s", (int)n, s, what);
}

/* ---- values in messages ---------------------------------------------- */

size_t
utf8_cut(const char *s, size_t n, size_t max)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t k;

	if (n <= max)
		return n;
	/* Back over the continuation bytes of a character max would
	 * split; at most three, so bytes that are no UTF-8 cut anywhere. */
	for (k = max; k > 0 && k + 3 > max && (u[k] & 0xc0) == 0x80; k--)
		;
	return (u[k] & 0xc0) == 0x80 ? max : k;
}

/* s whole, or abbreviated as struct abbr says, in quotes if quote. */
static struct abbr
abbr(const char *s, int quote)
{
	struct abbr a;
	size_t n = strlen(s), k = utf8_cut(s, n, ABBR_MAX);
	const char *q = quote ? "\"" : "";

	if (k == n)
		snprintf(a.s, sizeof a.s, "%s%s%s", q, s, q);
	else
		snprintf(a.s, sizeof a.s, "%s%.*s…%s (%zu bytes, abbreviated)",
		    q, (int)k, s, q, n);
	return a;
}

struct abbr
abbr_q(const char *s)
{
	return abbr(s, 1);
}

struct abbr
abbr_v(const char *s)
{
	return abbr(s, 0);
}

void
sort_index(size_t *ix, size_t n, int (*cmp)(const void *, size_t, size_t),
    const void *ctx)
{
	size_t *tmp, *from = ix, *to, *buf, width, i;

	if (n < 2)
		return;
	to = buf = xmalloc(n * sizeof *buf);
	/* Bottom up: runs of width merged into runs of twice that. */
	for (width = 1; width < n; width *= 2) {
		for (i = 0; i < n; i += 2 * width) {
			size_t a = i, am = i + width < n ? i + width : n;
			size_t b = am, bm = i + 2 * width < n ? i + 2 * width : n;
			size_t k = i;

			while (a < am && b < bm)
				to[k++] = cmp(ctx, from[b], from[a]) < 0 ?
				    from[b++] : from[a++];
			while (a < am)
				to[k++] = from[a++];
			while (b < bm)
				to[k++] = from[b++];
		}
		tmp = from;
		from = to;
		to = tmp;
	}
	if (from != ix)
		memcpy(ix, from, n * sizeof *ix);
	free(buf);
}

int
trim_value(const char **s, size_t *n, char *why)
{
	trim(s, n);
	if (*n > 0)
		return 0;
	if (why)
		snprintf(why, DUN_WHY, "is empty");
	return -1;
}

size_t
str_hash(const char *s)
{
	size_t h = 5381;

	while (*s)
		h = h * 33 ^ (unsigned char)*s++;
	return h;
}

/* ---- a growing buffer ----------------------------------------------- */

void
buf_add(struct buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		b->s = xrealloc(b->s, b->cap);
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void
buf_str(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void
buf_free(struct buf *b)
{
	free(b->s);
	memset(b, 0, sizeof *b);
}

void
buf_vfmt(struct buf *b, const char *fmt, va_list ap)
{
	va_list aq;
	int k;

	va_copy(aq, ap);
	k = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (k < 0)
		return;
	if (b->len + (size_t)k + 1 > b->cap) {
		b->cap = (b->len + (size_t)k + 1) * 2;
		b->s = xrealloc(b->s, b->cap);
	}
	vsnprintf(b->s + b->len, (size_t)k + 1, fmt, ap);
	b->len += (size_t)k;
}

void
buf_fmt(struct buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	buf_vfmt(b, fmt, ap);
	va_end(ap);
}

void
buf_clear(struct buf *b)
{
	b->len = 0;
	if (b->s != NULL)
		b->s[0] = '\0';
}

char *
str_fmt(const char *fmt, ...)
{
	struct buf b = { 0 };
	va_list ap;

	va_start(ap, fmt);
	buf_vfmt(&b, fmt, ap);
	va_end(ap);
	return b.s != NULL ? b.s : xstrdup("");
}

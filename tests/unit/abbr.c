/* Long values in messages (util.c, diag.c): a value or a message too long
 * for struct dun_err is abbreviated at a UTF-8 character's start with
 * "…" and a note saying so, never cut inside a character or silently;
 * a value of an ordinary length is quoted as "%s" would. */
#include <stdlib.h>

#include "base.h"
#include "expr.h"
#include "tap.h"

/* n bytes of the character ch (1 to 4 bytes) repeated, after lead bytes
 * of x, so that each alignment of ch against a cut is tried; malloc'd. */
static char *
many(size_t lead, const char *ch, size_t n)
{
	size_t k = strlen(ch), i;
	char *s = malloc(lead + n * k + 1), *p = s;

	memset(p, 'x', lead);
	p += lead;
	for (i = 0; i < n; i++, p += k)
		memcpy(p, ch, k);
	*p = '\0';
	return s;
}

/* Is s[0..n) whole UTF-8? */
static int
whole(const char *s)
{
	int partial;
	size_t n = strlen(s);

	return utf8_valid((const unsigned char *)s, n, &partial) == n;
}

static void
abbreviated(size_t lead, const char *ch)
{
	char *s = many(lead, ch, 2000), note[64], bare[64], *end;
	struct abbr q = abbr_q(s), v = abbr_v(s);
	size_t n = strlen(s), k;

	snprintf(note, sizeof note, "…\" (%zu bytes, abbreviated)", n);
	snprintf(bare, sizeof bare, "… (%zu bytes, abbreviated)", n);
	end = strstr(q.s, note);
	ok(end != NULL && strlen(end) == strlen(note) && q.s[0] == '"',
	    "a %zu-byte value (\"%s\" after %zu bytes) is abbreviated and "
	    "says so", n, ch, lead);
	k = end ? (size_t)(end - q.s - 1) : 0;
	ok(whole(q.s) && k <= ABBR_MAX && k + 4 > ABBR_MAX &&
	    strncmp(q.s + 1, s, k) == 0, "  at a character's start, %zu of "
	    "its bytes kept", k);
	ok(strncmp(v.s, s, k) == 0 && strcmp(v.s + k, bare) == 0,
	    "  and the same unquoted");
	free(s);
}

int
main(void)
{
	static const char *const chars[] = { "a", "é", "中", "😀" };
	char why[DUN_WHY], *s, *p, *end, *msg;
	struct dun_err err;
	struct expr_cols cols = { NULL, 0, 0 };
	struct value vals[4];
	struct arena *a = arena_new();
	struct expr *e;
	struct buf b = { 0 };
	size_t i, lead;
	int pos;

	/* Values of an ordinary length are quoted whole, byte for byte. */
	is_str(abbr_q("1-0101").s, "\"1-0101\"", "a short value is quoted");
	is_str(abbr_v("锦绣").s, "锦绣", "  or not, as asked");
	is_str(abbr_q("").s, "\"\"", "  an empty one too");
	s = many(ABBR_MAX - 3, "中", 1);
	is_int(strlen(abbr_v(s).s), ABBR_MAX, "a value of ABBR_MAX bytes is "
	    "whole");
	free(s);

	for (i = 0; i < sizeof chars / sizeof *chars; i++)
		for (lead = 0; lead < 4; lead++)
			abbreviated(lead, chars[i]);

	/* utf8_cut: never inside a character, bytes that are no UTF-8 cut
	 * where asked. */
	is_int(utf8_cut("中中", 6, 4), 3, "utf8_cut backs to a character");
	is_int(utf8_cut("中中", 6, 6), 6, "  and keeps what fits");
	is_int(utf8_cut("\x80\x80\x80\x80\x80\x80", 6, 5), 5,
	    "  and cuts bytes that are no UTF-8 where asked");

	/* why_quote's 40 bytes end at a character's start too. */
	s = many(2, "中", 20);
	why_quote(why, s, strlen(s), "is bad");
	is_str(why, "\"xx中中中中中中中中中中中中...\" is bad",
	    "why_quote cuts at a character's start");
	free(s);

	/* A message longer than struct dun_err holds. */
	for (i = 0; i < sizeof chars / sizeof *chars; i++) {
		s = many(i, chars[i], 3000);
		dun_err_set(&err, DUN_EXIT_DATA, "f.tsv:2: note: %s", s);
		p = err.msg + strlen("f.tsv:2: note: ");
		end = strstr(p, "… (abbreviated)");
		ok(err.code == DUN_EXIT_DATA && whole(err.msg) && end != NULL &&
		    strcmp(end, "… (abbreviated)") == 0 &&
		    strncmp(p, s, (size_t)(end - p)) == 0 &&
		    strlen(err.msg) + 4 > sizeof err.msg - 1, "a message of "
		    "%zu bytes of \"%s\" is cut at a character's start, "
		    "saying so", strlen(s), chars[i]);
		free(s);
	}
	dun_err_set(&err, DUN_EXIT_USAGE, "%s", "short");
	is_str(err.msg, "short", "a short message is as given");

	/* -x's explanation holds a value of several KB whole. */
	s = many(0, "中", 3000);
	e = expr_parse("occupancy == \"owner\" or balance > 0", a, &cols,
	    &msg, &pos);
	free(msg);
	ok(e != NULL && cols.n == 2, "a rule on a text column");
	memset(vals, 0, sizeof vals);
	for (i = 0; e != NULL && i < cols.n; i++)
		if (strcmp(cols.name[i], "occupancy") == 0) {
			vals[i].type = T_STR;
			vals[i].s = s;
		} else
			vals[i].type = T_MONEY;
	if (e != NULL) {
		expr_explain(e, &cols, vals, 0, &b);
		ok(b.s != NULL && strstr(b.s, s) != NULL &&
		    strcmp(strstr(b.s, s) + strlen(s), "\" == \"owner\" [no] or "
		    "balance=0.00 > 0 [no])") == 0 && strlen(b.s) == b.len,
		    "  explained with the %zu-byte value whole", strlen(s));
	}
	buf_free(&b);
	for (i = 0; i < cols.n; i++)
		free(cols.name[i]);
	free(cols.name);
	free(s);

	/* A rule's unexpected character is shown whole. */
	memset(&cols, 0, sizeof cols);
	e = expr_parse("balance > 0 中", a, &cols, &msg, &pos);
	is_str(e == NULL && msg ? msg : "", "unexpected \"中\"",
	    "an unexpected character is shown whole");
	free(msg);
	for (i = 0; i < cols.n; i++)
		free(cols.name[i]);
	free(cols.name);
	arena_free(a);
	return done_testing();
}

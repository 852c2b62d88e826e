/* Notice templates (lib/notice/template.c): tpl_parse and tpl_render, a
 * field substituted, an unknown field refused at its line and column,
 * braces that are no field kept, UTF-8 text, an empty template. */
#include <stdlib.h>

#include "notice.h"
#include "tap.h"

static const char *const fields[] = { "owner", "unit", "amount", "due",
	NULL };

/* Parse text (line0 1) and render it with values; the rendering, or
 * "ERR: message" (malloc'd either way). */
static char *
render(const char *text, const char *const *values)
{
	struct dun_err err;
	struct tpl *t;
	char *s;

	memset(&err, 0, sizeof err);
	t = tpl_parse(text, strlen(text), "t.txt", 1, fields, &err);
	if (t == NULL) {
		s = malloc(strlen(err.msg) + 6);
		strcpy(s, "ERR: ");
		strcat(s, err.msg);
		return s;
	}
	s = tpl_render(t, values);
	tpl_free(t);
	return s;
}

#define RENDERS(text, values, want, ...) do { \
	char *got_ = render(text, values); \
	is_str(got_, want, __VA_ARGS__); \
	free(got_); \
} while (0)

int
main(void)
{
	static const char *const v[] = { "马娟", "1-0101", "1,200.50",
		"2026-12-05" };
	static const char *const none[] = { NULL, NULL, NULL, NULL };
	struct dun_err err;
	struct tpl *t;
	char *s;

	RENDERS("Dear {{owner}}, unit {{unit}} owes {{amount}} by {{due}}.",
	    v, "Dear 马娟, unit 1-0101 owes 1,200.50 by 2026-12-05.",
	    "every field substituted");
	RENDERS("{{ unit }}/{{unit}}/{{  unit}}", v, "1-0101/1-0101/1-0101",
	    "blanks inside the braces are allowed");
	RENDERS("{{unit}}{{unit}}", v, "1-01011-0101",
	    "a field twice, side by side");
	RENDERS("尊敬的{{owner}}业主：您的房屋{{unit}}欠费{{amount}}元，"
	    "请于{{due}}前缴纳。", v, "尊敬的马娟业主：您的房屋1-0101欠费"
	    "1,200.50元，请于2026-12-05前缴纳。", "UTF-8 text kept byte for "
	    "byte");
	RENDERS("{{owner}} owes {{amount}}", none, " owes ",
	    "a field with no value is empty");
	RENDERS("", v, "", "an empty template renders as nothing");
	RENDERS("no fields at all\n", v, "no fields at all\n",
	    "text with no field is kept whole");
	RENDERS("{ unit } {x} }} {", v, "{ unit } {x} }} {",
	    "single braces and a lone }} are text");
	RENDERS("a {{unit}} b {", v, "a 1-0101 b {",
	    "a brace at the very end is text");
	RENDERS("{{unit}}{", v, "1-0101{", "a brace after a field is text");
	RENDERS("ends with {{", v, "ERR: t.txt:1:11: \"{{\" is not closed by "
	    "\"}}\" after a field name", "{{ at the very end is not closed");

	RENDERS("Dear {{owner}},\nyou owe {{ammount}}.", v,
	    "ERR: t.txt:2:9: {{ammount}} is not a template field "
	    "(dun.yaml(5) lists them)",
	    "an unknown field, at its line and column");
	RENDERS("{{Owner}}", v, "ERR: t.txt:1:1: \"{{\" is not closed by "
	    "\"}}\" after a field name", "a field name is lower case");
	RENDERS("x\n\n  {{unit", v, "ERR: t.txt:3:3: \"{{\" is not closed by "
	    "\"}}\" after a field name", "an unclosed field");
	RENDERS("{{unit}", v, "ERR: t.txt:1:1: \"{{\" is not closed by \"}}\""
	    " after a field name", "a field closed by one brace");
	RENDERS("{{unit name}}", v, "ERR: t.txt:1:1: \"{{\" is not closed by "
	    "\"}}\" after a field name", "two words between the braces");
	RENDERS("{{}}", v, "ERR: t.txt:1:1: {{}} is not a template field "
	    "(dun.yaml(5) lists them)", "an empty field name");
	RENDERS("欠费{{欠费}}", v, "ERR: t.txt:1:7: \"{{\" is not closed by "
	    "\"}}\" after a field name",
	    "a name in Chinese; the column counts bytes");

	/* The line the text starts on, as a template in dun.yaml has it. */
	t = tpl_parse("ok\n{{bad}}", 10, "dun.yaml", 40, fields, &err);
	ok(t == NULL, "a template starting on line 40 is refused");
	is_str(err.msg, "dun.yaml:41:1: {{bad}} is not a template field "
	    "(dun.yaml(5) lists them)", "  at line 41");
	is_int(err.code, DUN_EXIT_USAGE, "  as a config error");

	/* Which fields a template uses. */
	t = tpl_parse("{{due}} {{owner}}", 17, "t", 1, fields, &err);
	ok(t != NULL, "parses");
	is_int(tpl_uses(t, 0), 1, "tpl_uses: owner is used");
	is_int(tpl_uses(t, 1), 0, "tpl_uses: unit is not");
	is_int(tpl_uses(t, 3), 1, "tpl_uses: due is used");
	s = tpl_render(t, v);
	is_str(s, "2026-12-05 马娟", "rendered twice from one parse: 1");
	free(s);
	s = tpl_render(t, none);
	is_str(s, " ", "rendered twice from one parse: 2");
	free(s);
	tpl_free(t);

	/* Only the n bytes given are the template. */
	t = tpl_parse("{{unit}} and more", 8, "t", 1, fields, &err);
	s = t ? tpl_render(t, v) : NULL;
	is_str(s, "1-0101", "the text is n bytes, not to its NUL");
	free(s);
	tpl_free(t);
	tpl_free(NULL);
	return done_testing();
}

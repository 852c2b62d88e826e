/*
 * template.c — fuzz the notice templates (lib/notice/template.c) as
 * dun-notice reads one: UTF-8 text, CRLF read as LF, the title line and a
 * blank line first when the first byte is odd (an e-mail's, a letter's),
 * parsed against the notice's fields, then rendered with values, some
 * empty.
 */
#include "fuzz.h"
#include "notice_int.h"

/* The notice's fields (notice_render.c), as dun-notice parses its
 * templates against them. */
#define NFIELDS F_COUNT

/* Render t with a value for every field, every third one empty. */
static void
render(const struct tpl *t)
{
	const char *values[NFIELDS];
	char *out;
	size_t i;

	for (i = 0; i < NFIELDS; i++)
		values[i] = i % 3 == 2 ? NULL : i % 3 ? "壹仟贰佰元整" :
		    notice_fields[i];
	out = tpl_render(t, values);
	for (i = 0; i < NFIELDS; i++)
		tpl_uses(t, (int)i);
	free(out);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct dun_err err = { 0, "" };
	struct tpl *title = NULL, *body = NULL;
	size_t len, i, k;
	char *text, *nl;
	int partial, titled;

	if (size < 1)
		return 0;
	titled = data[0] & 1;
	text = fuzz_str(data + 1, size - 1);
	len = size - 1;
	if (memchr(text, '\0', len) != NULL || utf8_valid((unsigned char *)
	    text, len, &partial) != len) {
		free(text);
		return 0;
	}
	for (i = k = 0; i < len; i++)
		if (text[i] != '\r' || i + 1 == len || text[i + 1] != '\n')
			text[k++] = text[i];
	len = k;
	while (len > 0 && (text[len - 1] == '\n' || text[len - 1] == '\r'))
		len--;
	if (titled) {
		nl = memchr(text, '\n', len);
		if (nl != NULL && (size_t)(nl - text) + 1 < len && nl[1] == '\n') {
			k = (size_t)(nl - text);
			title = tpl_parse(text, k, "t.email.zh", 1, notice_fields,
			    &err);
			if (title != NULL)
				body = tpl_parse(nl + 2, len - k - 2,
				    "t.email.zh", 3, notice_fields, &err);
		}
	} else
		body = tpl_parse(text, len, "t.sms.zh", 1, notice_fields, &err);
	if (title != NULL)
		render(title);
	if (body != NULL)
		render(body);
	else if (err.code != DUN_EXIT_USAGE && (titled == 0 || title))
		abort();
	tpl_free(title);
	tpl_free(body);
	free(text);
	return 0;
}

/*
 * recval.c — a record's fields as values: text that must be there, an
 * amount, a date, each refused with its place, "FILE:LINE: COLUMN: why".
 */
#include <string.h>

#include "records.h"

void
dun_rec_bad(const struct dun_rec *r, int col, const char *why,
    struct dun_err *err)
{
	const char *name = col >= 0 ? dun_rec_colname(r, (size_t)col) : NULL;

	dun_err_set(err, DUN_EXIT_DATA, "%s:%ld: %s: %s", dun_rec_name(r),
	    dun_rec_line(r), name ? name : "?", why);
}

int
dun_rec_need(const struct dun_rec *r, int col, const char **s,
    struct dun_err *err)
{
	*s = col >= 0 ? dun_rec_field(r, (size_t)col) : "";
	if (**s != '\0')
		return 0;
	dun_rec_bad(r, col, "is empty", err);
	return -1;
}

int
dun_rec_money(const struct dun_rec *r, int col, dun_money *v,
    struct dun_err *err)
{
	char why[DUN_WHY];
	size_t n = col >= 0 ? dun_rec_len(r, (size_t)col) : 0;

	if (n == 0)
		return 0;
	if (dun_money_parse(dun_rec_field(r, (size_t)col), n, v, why) < 0) {
		dun_rec_bad(r, col, why, err);
		return -1;
	}
	return 1;
}

int
dun_rec_date(const struct dun_rec *r, int col, int flags, dun_date *d,
    struct dun_err *err)
{
	char why[DUN_WHY];
	size_t n = col >= 0 ? dun_rec_len(r, (size_t)col) : 0;

	if (n == 0)
		return 0;
	if (dun_date_parse(dun_rec_field(r, (size_t)col), n, flags, d,
	    why) < 0) {
		dun_rec_bad(r, col, why, err);
		return -1;
	}
	return 1;
}

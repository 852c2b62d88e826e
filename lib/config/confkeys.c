/*
 * confkeys.c — dun.yaml's keys read by tables (confkeys.h): the one
 * routine that reads a section by its table of keys, and the readers of
 * single values it and config.c use.  Each error names its file, line,
 * column and the path of keys to the value at fault.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "confkeys.h"

static const char *const channel_names[] = { "sms", "email", "phone",
	"letter", "visit", "legal", NULL };
static const char *const weekday_names[] = { "mon", "tue", "wed", "thu",
	"fri", "sat", "sun", NULL };

/* K_ENUM and K_CHANNEL write an int into a field that may be an enum. */
_Static_assert(sizeof(enum dun_late_method) == sizeof(int) &&
    sizeof(enum dun_rounding) == sizeof(int) &&
    sizeof(enum dun_channel) == sizeof(int), "an enum is not an int's size");

const char *
dun_channel_name(enum dun_channel ch)
{
	return ch < DUN_CH_COUNT ? channel_names[ch] : "?";
}

int
conf_bad(struct cx *x, const struct ynode *n, const char *fmt, ...)
{
	struct buf msg = { 0 };
	const char *path = x->path ? x->path : "";
	va_list ap;

	va_start(ap, fmt);
	buf_vfmt(&msg, fmt, ap);
	va_end(ap);
	/* The path holds keys the user named (a fee's): abbreviated when
	 * long, as a value is. */
	dun_err_set(x->err, DUN_EXIT_USAGE, "%s:%d:%d: %s%s%s", n->file,
	    n->line, n->col, abbr_v(path).s, *path ? ": " : "",
	    msg.s ? msg.s : "");
	buf_free(&msg);
	return -1;
}

/* The path with sep and s after it, a new string in x->a; returns the
 * length of the path before. */
static size_t
path_add(struct cx *x, const char *sep, const char *s)
{
	size_t len = x->path ? strlen(x->path) : 0;
	size_t ns = strlen(sep), n = strlen(s);
	char *p = arena_alloc(x->a, len + ns + n + 1);

	if (len > 0)
		memcpy(p, x->path, len);
	memcpy(p + len, sep, ns);
	memcpy(p + len + ns, s, n + 1);
	x->path = p;
	return len;
}

size_t
conf_push(struct cx *x, const char *k)
{
	return path_add(x, x->path && *x->path ? "." : "", k);
}

size_t
conf_push_index(struct cx *x, size_t i)
{
	char s[32];

	snprintf(s, sizeof s, "[%zu]", i);
	return path_add(x, "", s);
}

void
conf_pop(struct cx *x, size_t len)
{
	if (x->path != NULL)
		x->path[len] = '\0';
}

int
conf_want(struct cx *x, const struct ynode *n, int kind)
{
	static const char *const what[] = { "nothing", "a single value",
		"a list", "a mapping" };

	if (n->kind == kind)
		return 0;
	return conf_bad(x, n, "is %s; it must be %s", what[n->kind],
	    what[kind]);
}

int
conf_str(struct cx *x, const struct ynode *n, char **out)
{
	if (n->kind == Y_NULL) {
		*out = NULL;
		return 0;
	}
	if (conf_want(x, n, Y_SCALAR) < 0)
		return -1;
	*out = arena_strdup(x->a, n->s);
	return 0;
}

int
conf_int(struct cx *x, const struct ynode *n, long min, long max, int *out)
{
	char *end;
	long v;

	if (conf_want(x, n, Y_SCALAR) < 0)
		return -1;
	errno = 0;
	v = strtol(n->s, &end, 10);
	if (n->s[0] == '\0' || *end != '\0' || errno != 0)
		return conf_bad(x, n, "%s is not a whole number",
		    abbr_q(n->s).s);
	if (v < min || v > max)
		return conf_bad(x, n, "%ld is out of range (%ld to %ld)", v,
		    min, max);
	*out = (int)v;
	return 0;
}

/* true or yes, false or no, into *out as 1 or 0. */
static int
conf_bool(struct cx *x, const struct ynode *n, int *out)
{
	if (conf_want(x, n, Y_SCALAR) < 0)
		return -1;
	if (strcmp(n->s, "true") == 0 || strcmp(n->s, "yes") == 0)
		*out = 1;
	else if (strcmp(n->s, "false") == 0 || strcmp(n->s, "no") == 0)
		*out = 0;
	else
		return conf_bad(x, n, "%s is not true or false",
		    abbr_q(n->s).s);
	return 0;
}

int
conf_money(struct cx *x, const struct ynode *n, dun_money *out)
{
	char why[DUN_WHY];

	if (conf_want(x, n, Y_SCALAR) < 0)
		return -1;
	if (dun_money_parse(n->s, n->n, out, why) < 0)
		return conf_bad(x, n, "%s", why);
	return 0;
}

/* A fraction: "0.0005", "0.05%", "0.5‰", to nine decimal places. */
int
dun_rate_parse(const char *s, dun_rate *out)
{
	int64_t v = 0;
	int frac = -1, shift = 9, digits = 0;
	const char *p = s;

	for (; *p; p++) {
		if (*p == '.' && frac < 0) {
			frac = 0;
			continue;
		}
		if (*p < '0' || *p > '9')
			break;
		if (frac >= 0)
			frac++;
		if (v > INT64_MAX / 100)
			return -1;
		v = v * 10 + (*p - '0');
		digits++;
	}
	if (digits == 0)
		return -1;
	if (strcmp(p, "%") == 0)
		shift -= 2;
	else if (strcmp(p, "‰") == 0)
		shift -= 3;
	else if (*p != '\0')
		return -1;
	shift -= frac > 0 ? frac : 0;
	if (shift < 0)
		return -1;
	while (shift-- > 0) {
		if (v > INT64_MAX / 10)
			return -1;
		v *= 10;
	}
	*out = v;
	return 0;
}

int
conf_rate(struct cx *x, const struct ynode *n, dun_rate *out)
{
	if (conf_want(x, n, Y_SCALAR) < 0)
		return -1;
	if (dun_rate_parse(n->s, out) < 0)
		return conf_bad(x, n, "%s is not a rate (0.0005, 0.05%% or "
		    "0.5‰, at most nine decimal places)", abbr_q(n->s).s);
	return 0;
}

int
conf_enum(struct cx *x, const struct ynode *n, const char *const *names,
    int *out)
{
	struct buf list = { 0 };
	int i;

	if (conf_want(x, n, Y_SCALAR) < 0)
		return -1;
	for (i = 0; names[i]; i++) {
		if (strcmp(n->s, names[i]) == 0) {
			buf_free(&list);
			*out = i;
			return 0;
		}
		buf_fmt(&list, "%s%s", i ? (names[i + 1] ? ", " : " or ") : "",
		    names[i]);
	}
	conf_bad(x, n, "%s is not one of %s", abbr_q(n->s).s,
	    list.s ? list.s : "");
	buf_free(&list);
	return -1;
}

/* Read list n (~ for none) with item, one call an element, into an
 * array of elements of size bytes allocated in x->a: its address into
 * *out (left alone for ~), the count read into *cnt.  0, or -1 at the
 * first element item fails on. */
static int
conf_list(struct cx *x, const struct ynode *n, size_t size,
    int (*item)(struct cx *x, const struct ynode *n, void *out),
    void **out, size_t *cnt)
{
	char *v;
	size_t i;

	*cnt = 0;
	if (n->kind == Y_NULL)
		return 0;
	if (conf_want(x, n, Y_SEQ) < 0)
		return -1;
	*out = v = arena_alloc(x->a, (n->nkids + 1) * size);
	for (i = 0; i < n->nkids; i++)
		if (item(x, n->kids[i], v + (*cnt)++ * size) < 0)
			return -1;
	return 0;
}

/* A date, YYYY-MM-DD, into the dun_date at out. */
static int
conf_date(struct cx *x, const struct ynode *n, void *out)
{
	char why[DUN_WHY];

	if (conf_want(x, n, Y_SCALAR) < 0)
		return -1;
	if (dun_date_parse(n->s, n->n, DUN_DATE_ISO, out, why) < 0)
		return conf_bad(x, n, "%s", why);
	return 0;
}

int
conf_dates(struct cx *x, const struct ynode *n, dun_date **out, size_t *cnt)
{
	void *v = *out;
	int e = conf_list(x, n, sizeof **out, conf_date, &v, cnt);

	*out = v;
	return e;
}

/* "MM-DD" into month * 100 + day; lunar allows day 30 in every month,
 * and "MM-last" for the month's last day (+ DUN_LUNAR_LAST), "除夕" for
 * the 12th's. */
static int
conf_monthday(struct cx *x, const struct ynode *n, int lunar, int *out)
{
	int m, d, k = 0;
	char c;

	if (conf_want(x, n, Y_SCALAR) < 0)
		return -1;
	if (lunar && strcmp(n->s, "除夕") == 0) {
		*out = 12 * 100 + DUN_LUNAR_LAST;
		return 0;
	}
	if (lunar && sscanf(n->s, "%2d-last%n", &m, &k) == 1 &&
	    n->s[k] == '\0' && k > 0 && m >= 1 && m <= 12) {
		*out = m * 100 + DUN_LUNAR_LAST;
		return 0;
	}
	if (sscanf(n->s, "%2d-%2d%c", &m, &d, &c) != 2 || m < 1 || m > 12 ||
	    d < 1 || d > (lunar ? 30 : dun_date_valid(2000, m, d) ? d : 0))
		return conf_bad(x, n, "%s is not a %smonth and day "
		    "(MM-DD%s)", abbr_q(n->s).s, lunar ? "lunar " : "", lunar ?
		    ", MM-last or 除夕" : "");
	*out = m * 100 + d;
	return 0;
}

/* conf_monthday as an element of a list, of the solar or lunar year. */
static int
conf_solarday(struct cx *x, const struct ynode *n, void *out)
{
	return conf_monthday(x, n, 0, out);
}

static int
conf_lunarday(struct cx *x, const struct ynode *n, void *out)
{
	return conf_monthday(x, n, 1, out);
}

int
conf_monthdays(struct cx *x, const struct ynode *n, int lunar, int **out,
    int *cnt)
{
	void *v = *out;
	size_t k;
	int e = conf_list(x, n, sizeof **out, lunar ? conf_lunarday :
	    conf_solarday, &v, &k);

	*out = v;
	*cnt = (int)k;
	return e;
}

/* A single value, into the char * at out (a copy in x->a). */
static int
conf_scalar(struct cx *x, const struct ynode *n, void *out)
{
	if (conf_want(x, n, Y_SCALAR) < 0)
		return -1;
	*(char **)out = arena_strdup(x->a, n->s);
	return 0;
}

/* A list of scalars, or one scalar standing for a list of one. */
int
conf_strs(struct cx *x, const struct ynode *n, struct dun_strs *out)
{
	void *v = NULL;
	int e;

	out->n = 0;
	out->v = NULL;
	if (n->kind == Y_SCALAR) {
		out->v = arena_alloc(x->a, sizeof *out->v);
		out->v[out->n++] = arena_strdup(x->a, n->s);
		return 0;
	}
	e = conf_list(x, n, sizeof *out->v, conf_scalar, &v, &out->n);
	out->v = v;
	return e;
}

/* A mapping of names to strings, kept as name, value, name, value. */
static int
conf_pairs(struct cx *x, const struct ynode *n, struct dun_strs *out)
{
	size_t i;

	out->n = 0;
	if (n->kind == Y_NULL)
		return 0;
	if (conf_want(x, n, Y_MAP) < 0)
		return -1;
	out->v = arena_alloc(x->a, (n->nkids + 1) * sizeof *out->v);
	for (i = 0; i < n->nkids; i += 2) {
		if (conf_want(x, n->kids[i + 1], Y_SCALAR) < 0)
			return -1;
		out->v[out->n++] = arena_strdup(x->a, n->kids[i]->s);
		out->v[out->n++] = arena_strdup(x->a, n->kids[i + 1]->s);
	}
	return 0;
}

/* An e-mail address, that goes into headers and the SMTP envelope: an
 * addr-spec (email_parse), or null ("" too). */
static int
conf_email(struct cx *x, const struct ynode *n, char **out)
{
	char why[DUN_WHY];

	if (conf_str(x, n, out) < 0)
		return -1;
	if (*out != NULL && **out == '\0')
		*out = NULL;
	if (*out != NULL && email_parse(*out, strlen(*out), why) < 0)
		return conf_bad(x, n, "%s; write one address such as "
		    "collect@example.com, or ~ for none", why);
	return 0;
}

int
conf_hours(struct cx *x, const struct ynode *n, struct dun_window *w)
{
	char a[8], b[8], c;

	if (conf_want(x, n, Y_SCALAR) < 0)
		return -1;
	if (sscanf(n->s, "%5[0-9:]-%5[0-9:]%c", a, b, &c) != 2 ||
	    dun_time_parse(a, &w->from) < 0 ||
	    dun_time_parse(b, &w->to) < 0 || w->from == w->to)
		return conf_bad(x, n, "%s is not a span of hours like "
		    "\"21:00-08:00\"", abbr_q(n->s).s);
	return 0;
}

/* A list of weekdays (or one) into a bit mask, bit 1 Monday .. 7. */
static int
conf_weekdays(struct cx *x, const struct ynode *n, int *mask)
{
	struct dun_strs s;
	size_t i;
	int d;

	if (conf_strs(x, n, &s) < 0)
		return -1;
	*mask = 0;
	for (i = 0; i < s.n; i++) {
		for (d = 0; weekday_names[d]; d++)
			if (strcasecmp(s.v[i], weekday_names[d]) == 0)
				break;
		if (weekday_names[d] == NULL)
			return conf_bad(x, n, "%s is not a weekday (mon, "
			    "tue, wed, thu, fri, sat, sun)", abbr_q(s.v[i]).s);
		*mask |= 1 << (d + 1);
	}
	return 0;
}

/* Channels that do not exist, and why: Civil Code art. 944. */
static int
forbidden_channel(const char *s)
{
	static const char *const words[] = { "water", "power", "electric",
		"gas", "heat", "cut", "disconnect", "lock", "utility",
		"停水", "停电", "断水", "断电", "停气", "停暖", NULL };
	int i;

	for (i = 0; words[i]; i++)
		if (strstr(s, words[i]) != NULL)
			return 1;
	return 0;
}

int
conf_channel(struct cx *x, const struct ynode *n, int *out)
{
	if (n->kind == Y_SCALAR && forbidden_channel(n->s))
		return conf_bad(x, n, "%s: cutting water, power, gas, "
		    "heating or other services to force payment is forbidden "
		    "(Civil Code art. 944); dun has no such step",
		    abbr_q(n->s).s);
	return conf_enum(x, n, channel_names, out);
}

/* A mapping of columns to lists of names, into out[DUN_NCOLUMNS]. */
static int
conf_columns(struct cx *x, const struct ynode *v, struct dun_strs *out)
{
	size_t i, len;

	if (conf_want(x, v, Y_MAP) < 0)
		return -1;
	for (i = 0; i < v->nkids; i += 2) {
		int col = in_find(v->kids[i]->s);

		if (col < 0)
			return conf_bad(x, v->kids[i], "%s is not a column "
			    "dun-import reads (dun-import(1))",
			    abbr_q(v->kids[i]->s).s);
		len = conf_push(x, v->kids[i]->s);
		if (conf_strs(x, v->kids[i + 1], &out[col]) < 0)
			return -1;
		conf_pop(x, len);
	}
	return 0;
}

/* An int into a field that is an int or an enum of an int's size. */
static void
put_int(void *field, int v)
{
	memcpy(field, &v, sizeof v);
}

/* Key k's value v into its field of base, the path down to it while it
 * is read.  0, or -1 with x->err set. */
static int
read_key(struct cx *x, const struct key *k, const struct ynode *v,
    void *base)
{
	void *p = (char *)base + k->off;
	size_t len;
	int e, i;

	if (k->type == K_SECTION && v->kind == Y_NULL)
		return 0;
	len = conf_push(x, k->name);
	switch (k->type) {
	case K_STR:
		e = conf_str(x, v, p);
		break;
	case K_EMAIL:
		e = conf_email(x, v, p);
		break;
	case K_INT:
		e = conf_int(x, v, k->min, k->max, p);
		break;
	case K_BOOL:
		e = conf_bool(x, v, p);
		break;
	case K_MONEY:
		e = conf_money(x, v, p);
		break;
	case K_RATE:
		e = conf_rate(x, v, p);
		break;
	case K_ENUM:
		if ((e = conf_enum(x, v, k->names, &i)) == 0)
			put_int(p, i);
		break;
	case K_NAME:
		if ((e = conf_enum(x, v, k->names, &i)) == 0)
			*(char **)p = (char *)k->names[i];
		break;
	case K_CHANNEL:
		if ((e = conf_channel(x, v, &i)) == 0)
			put_int(p, i);
		break;
	case K_STRS:
		e = conf_strs(x, v, p);
		break;
	case K_PAIRS:
		e = conf_pairs(x, v, p);
		break;
	case K_WEEKDAYS:
		e = conf_weekdays(x, v, p);
		break;
	case K_COLUMNS:
		e = conf_columns(x, v, p);
		break;
	default:
		e = k->fn(x, v, p);
		break;
	}
	if (e < 0)
		return -1;
	conf_pop(x, len);
	return 0;
}

/* The row of keys named name, or NULL. */
static const struct key *
find_key(const struct key *keys, const char *name)
{
	for (; keys->name != NULL; keys++)
		if (strcmp(keys->name, name) == 0)
			return keys;
	return NULL;
}

int
conf_known(struct cx *x, const struct ynode *n, const struct key *keys)
{
	size_t i;

	if (conf_want(x, n, Y_MAP) < 0)
		return -1;
	for (i = 0; i < n->nkids; i += 2)
		if (find_key(keys, n->kids[i]->s) == NULL)
			return conf_bad(x, n->kids[i], "unknown key %s",
			    abbr_q(n->kids[i]->s).s);
	return 0;
}

int
conf_keys(struct cx *x, const struct ynode *n, const struct key *keys,
    void *base)
{
	size_t i;

	if (conf_known(x, n, keys) < 0)
		return -1;
	for (i = 0; i < n->nkids; i += 2)
		if (read_key(x, find_key(keys, n->kids[i]->s), n->kids[i + 1],
		    base) < 0)
			return -1;
	return 0;
}

int
conf_rows(struct cx *x, const struct ynode *n, const struct key *keys,
    const struct key *end, void *base)
{
	const struct ynode *v;

	for (; keys->name != NULL && keys != end; keys++)
		if ((v = ynode_get(n, keys->name)) != NULL &&
		    read_key(x, keys, v, base) < 0)
			return -1;
	return 0;
}

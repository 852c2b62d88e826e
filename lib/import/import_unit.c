/*
 * import_unit.c — a row's unit: its id made of its parts, found or made
 * in the ledger, and its household (owner, phone, e-mail, area) checked
 * against the run's rows and put.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "import_int.h"

/* A part of a unit's id without its suffix: 1栋 1, 2单元 2, 1001室 1001. */
static void
part(struct dun_import *im, const char *s, struct buf *b)
{
	const struct dun_strs *x = &im->c->import.unit_suffixes;
	size_t i, n = strlen(s), k;

	for (i = 0; i < x->n; i++) {
		k = strlen(x->v[i]);
		if (k > 0 && n > k && strcmp(s + n - k, x->v[i]) == 0) {
			n -= k;
			break;
		}
	}
	buf_add(b, s, n);
}

/* The unit a row names: its unit column, or its id made of its parts
 * by import.unit_template.  A part the file lacks or leaves empty goes,
 * with the text between it and the part before.  A room that already
 * begins with the parts before it (房号 1-0101 under 楼栋 1) is taken
 * whole.  NULL if the row names none. */
static const char *
unit_of(struct dun_import *im)
{
	static const char *const parts[] = { "estate", "building", "entrance",
		"room" };
	static const int pcol[] = { IN_ESTATE, IN_BUILDING, IN_ENTRANCE, IN_ROOM };
	const char *t = im->c->import.unit_template, *u, *open, *close, *v;
	size_t i, lit = 0, mark;
	int any = 0;

	if ((u = import_field(im, IN_UNIT, NULL)) != NULL || im->map[IN_ROOM] < 0)
		return u;
	if (import_field(im, IN_ROOM, NULL) == NULL)
		return NULL;
	im->unit.len = 0;
	buf_add(&im->unit, "", 0);
	if (t == NULL)
		t = "{building}-{entrance}-{room}";
	while (*t) {
		if ((open = strchr(t, '{')) == NULL ||
		    (close = strchr(open, '}')) == NULL) {
			buf_str(&im->unit, t);
			break;
		}
		mark = im->unit.len;
		if (any)
			buf_add(&im->unit, t, (size_t)(open - t));
		lit = im->unit.len - mark;
		for (i = 0; i < 4; i++)
			if (strncmp(open + 1, parts[i], strlen(parts[i])) ==
			    0 && open + 1 + strlen(parts[i]) == close)
				break;
		v = i < 4 ? import_field(im, pcol[i], NULL) : NULL;
		if (v == NULL) {
			im->unit.len = mark;	/* the part and its lead */
			im->unit.s[mark] = '\0';
		} else if (pcol[i] == IN_ROOM && any &&
		    strncmp(v, im->unit.s, mark + lit) == 0) {
			im->unit.len = 0;
			buf_str(&im->unit, v);
		} else {
			part(im, v, &im->unit);
			any = 1;
		}
		t = close + 1;
	}
	return im->unit.s;
}

int
import_need_unit(struct dun_import *im, const char **unit, struct dun_err *err)
{
	if ((*unit = unit_of(im)) == NULL)
		return import_rowerr(im, err, im->map[IN_UNIT] >= 0 ? IN_UNIT :
		    IN_ROOM, "is empty");
	return 0;
}

/* The unit a row names: 0 found, -1 error. */
int
import_unit_id(struct dun_import *im, const char *unit, int64_t *id,
    struct dun_err *err)
{
	int k = ledger_unit_id(im->l, unit, im->o.create_units ?
	    im->import_id : 0, id, err);

	if (k < 0)
		return -1;
	if (k == 0)
		return import_rowerr(im, err, im->map[IN_UNIT] >= 0 ? IN_UNIT :
		    IN_ROOM, "no unit %s in the ledger (import the household "
		    "list first, or use --create-units)", abbr_q(unit).s);
	if (k == 2)
		im->created++;
	return 0;
}

static int
differ(const char *a, const char *b)
{
	return a != NULL && b != NULL && strcmp(a, b) != 0;
}

static char *
dupnull(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

/* The household a row gives its unit, against what the run's rows above
 * gave it: two owners, phones or areas for one unit are an error naming
 * both lines. */
static int
same_household(struct dun_import *im, const char *unit, const char *owner,
    const char *phone, const char *area, struct dun_err *err)
{
	struct seen *e;
	size_t i, h;
	int col = -1;
	const char *was = NULL, *now = NULL;

	if (owner == NULL && phone == NULL && area == NULL)
		return 0;
	if (im->nseen * 2 >= im->seencap) {
		size_t cap = im->seencap ? im->seencap * 2 : 1024;
		struct seen **t = xmalloc(cap * sizeof *t), *next;

		memset(t, 0, cap * sizeof *t);
		for (i = 0; i < im->seencap; i++)
			for (e = im->seen[i]; e; e = next) {
				next = e->next;
				h = str_hash(e->unit) & (cap - 1);
				e->next = t[h];
				t[h] = e;
			}
		free(im->seen);
		im->seen = t;
		im->seencap = cap;
	}
	h = str_hash(unit) & (im->seencap - 1);
	for (e = im->seen[h]; e; e = e->next)
		if (strcmp(e->unit, unit) == 0)
			break;
	if (e == NULL) {
		e = xmalloc(sizeof *e);
		e->unit = xstrdup(unit);
		e->owner = dupnull(owner);
		e->phone = dupnull(phone);
		e->area = dupnull(area);
		e->file = xstrdup(dun_rec_name(im->r));
		e->line = dun_rec_line(im->r);
		e->next = im->seen[h];
		im->seen[h] = e;
		im->nseen++;
		return 0;
	}
	if (differ(e->owner, owner))
		col = IN_OWNER, was = e->owner, now = owner;
	else if (differ(e->phone, phone))
		col = IN_PHONE, was = e->phone, now = phone;
	else if (differ(e->area, area))
		col = IN_AREA, was = e->area, now = area;
	if (col >= 0)
		return import_rowerr(im, err, col, "unit %s is %s on %s:%ld "
		    "and %s here: two households of one unit id (are its "
		    "building and entrance columns there?), or one of the rows "
		    "is wrong", abbr_v(unit).s, abbr_q(was).s, e->file, e->line,
		    abbr_q(now).s);
	if (e->owner == NULL && owner)
		e->owner = xstrdup(owner);
	if (e->phone == NULL && phone)
		e->phone = xstrdup(phone);
	if (e->area == NULL && area)
		e->area = xstrdup(area);
	return 0;
}

/* The owner and phone a bill or receipt carries: checked against the
 * run's rows, and given to the unit where the ledger has none; where the
 * ledger has another, counted and told, never applied. */
/* s as a message may show it: control characters as \n, \r, \t or
 * \xNN, so that a value cannot break a message's line.  malloc'd. */
static char *
shown(const char *s)
{
	struct buf b = { NULL, 0, 0 };
	char e[8];

	buf_add(&b, "", 0);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c >= 0x20 && c != 0x7f) {
			buf_add(&b, s, 1);
			continue;
		}
		snprintf(e, sizeof e, c == '\n' ? "\\n" : c == '\r' ? "\\r" :
		    c == '\t' ? "\\t" : "\\x%02x", c);
		buf_str(&b, e);
	}
	return b.s;
}

/* A row error about a value: "\"VALUE\" why", the value shown. */
static int
valerr(struct dun_import *im, struct dun_err *err, int col, const char *v,
    const char *why)
{
	char *t = shown(v);
	int k = import_rowerr(im, err, col, "%s %s", abbr_q(t).s, why);

	free(t);
	return k;
}

/* The row's phone, in one form: a mobile's eleven digits, a landline
 * as 0755-12345678.  A field of several numbers (13800001234/0755-...)
 * gives its first, and is counted to be told.  0, or -1 and err. */
static int
get_phone(struct dun_import *im, const char **phone, struct dun_err *err)
{
	static const char *const seps[] = { "/", "\xe3\x80\x81", ";",
		"\xef\xbc\x9b", ",", "\xef\xbc\x8c", "\xe6\x88\x96", NULL };
	const char *s = import_field(im, IN_PHONE, NULL);
	char out[32], why[DUN_WHY];
	size_t n, i, cut;

	*phone = NULL;
	if (s == NULL)
		return 0;
	n = strlen(s);
	cut = n;
	for (i = 0; seps[i]; i++) {
		const char *p = strstr(s, seps[i]);

		if (p != NULL && (size_t)(p - s) < cut)
			cut = (size_t)(p - s);
	}
	while (cut > 0 && s[cut - 1] == ' ')
		cut--;
	if (phone_parse(s, cut, out, sizeof out, why) < 0)
		return valerr(im, err, IN_PHONE, s, why);
	if (cut < n)
		im->phones++;
	im->phone.len = 0;
	buf_str(&im->phone, out);
	*phone = im->phone.s;
	return 0;
}

int
import_household(struct dun_import *im, int64_t unit_id, const char *unit,
    struct dun_err *err)
{
	const char *owner = import_field(im, IN_OWNER, NULL);
	const char *phone = NULL;
	int k;

	if (get_phone(im, &phone, err) < 0)
		return -1;
	if (owner == NULL && phone == NULL)
		return 0;
	if (same_household(im, unit, owner, phone, NULL, err) < 0)
		return -1;
	k = ledger_unit_fill(im->l, unit_id, owner, phone, err);
	if (k < 0)
		return -1;
	if (k > 0 && im->differ++ == 0) {
		free(im->differ_at);
		im->differ_at = xmalloc(strlen(dun_rec_name(im->r)) + 32);
		sprintf(im->differ_at, "%s:%ld", dun_rec_name(im->r),
		    dun_rec_line(im->r));
	}
	return 0;
}

int
import_put_unit(struct dun_import *im, struct dun_err *err)
{
	static const int textcols[DUN_HH_NTEXT] = { IN_ESTATE, IN_BUILDING,
		IN_OWNER, IN_PHONE, IN_EMAIL, IN_ADDRESS, IN_OCCUPANCY,
		IN_COLLECTOR };
	static const char *const occ[] = { "owner", "tenant", "vacant" };
	struct unit_row u;
	const char *s;
	char *what = NULL, why[DUN_WHY];
	size_t n;
	int i, rc;
	dun_money area;

	memset(&u, 0, sizeof u);
	if (import_need_unit(im, &u.h.unit, err) < 0)
		return -1;
	for (i = 0; i < DUN_HH_NTEXT; i++) {
		if (im->map[textcols[i]] < 0)
			continue;
		u.present |= 1 << i;
		u.h.text[i] = import_field(im, textcols[i], NULL);
	}
	if (get_phone(im, &u.h.text[DUN_HH_PHONE], err) < 0)
		return -1;
	if ((s = u.h.text[DUN_HH_EMAIL]) != NULL &&
	    email_parse(s, strlen(s), why) < 0)
		return valerr(im, err, IN_EMAIL, s, why);
	if ((s = u.h.text[DUN_HH_OCCUPANCY]) != NULL) {
		int k, found = -1;
		size_t a;

		for (k = 0; k < 3 && found < 0; k++) {
			if (strcmp(s, occ[k]) == 0)
				found = k;
			for (a = 0; a < im->c->import.occupancy[k].n; a++)
				if (strcmp(s, im->c->import.occupancy[k].v[a])
				    == 0)
					found = k;
		}
		if (found < 0)
			return import_rowerr(im, err, IN_OCCUPANCY, "%s is not "
			    "owner, tenant or vacant (nor an alias of one in "
			    "the config)", abbr_q(s).s);
		u.h.text[DUN_HH_OCCUPANCY] = occ[found];
	}
	if (im->map[IN_AREA] >= 0) {
		u.present |= UNIT_HAS_AREA;
		if ((s = import_field(im, IN_AREA, &n)) != NULL) {
			if (dun_money_parse(s, n, &area, NULL) < 0 ||
			    area <= 0 || strpbrk(s, "$(,") != NULL)
				return import_rowerr(im, err, IN_AREA, "%s is "
				    "not an area in square metres", abbr_q(s).s);
			u.h.has_area = 1;
			u.h.area = area;
		}
	}
	if (im->map[IN_DNC] >= 0) {
		u.present |= UNIT_HAS_DNC;
		s = import_field(im, IN_DNC, NULL);
		if (s == NULL || strcmp(s, "0") == 0 || strcasecmp(s, "no") ==
		    0 || strcasecmp(s, "false") == 0 || strcmp(s, "否") == 0)
			u.h.dnc = 0;
		else if (strcmp(s, "1") == 0 || strcasecmp(s, "yes") == 0 ||
		    strcasecmp(s, "true") == 0 || strcmp(s, "是") == 0)
			u.h.dnc = 1;
		else
			return import_rowerr(im, err, IN_DNC, "%s is not yes "
			    "or no", abbr_q(s).s);
	}
	if (same_household(im, u.h.unit, u.h.text[DUN_HH_OWNER],
	    u.h.text[DUN_HH_PHONE], u.h.has_area ? import_field(im, IN_AREA,
	    NULL) : NULL, err) < 0)
		return -1;
	rc = ledger_put_unit(im->l, &u, im->import_id, im->o.replace, &what,
	    err);
	if (rc != PUT_CONFLICT)
		return rc;
	rc = import_rowerr(im, err, IN_UNIT, "unit %s: %s (--replace changes "
	    "it)", u.h.unit, what);
	free(what);
	return rc;
}

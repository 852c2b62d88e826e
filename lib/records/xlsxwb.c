/*
 * xlsxwb.c — an .xlsx workbook's parts for xlsxrd.c: the zip, the
 * workbook and its relationships (which part is which sheet), the styles
 * (which cells show dates), and the shared strings.  Each small part is
 * read whole through expat with a cap on its unpacked size, as a zip bomb
 * can claim any size.  The sheet's merged ranges are xlsxmerge.c's.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "xlsxrd.h"

/* ---- small things ----------------------------------------------------- */

static const char *
attr(const char **a, const char *name)
{
	for (; a[0] != NULL; a += 2)
		if (strcmp(xlsx_lname(a[0]), name) == 0)
			return a[1];
	return NULL;
}

static int
ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);

	return n >= k && strcmp(s + n - k, suffix) == 0;
}

/* Column letters and row digits ("B7", "$B$7"; "B" alone leaves *row 0)
 * from s to end (NULL: to a NUL): the end of what was read, or NULL if it
 * is no cell or lies beyond XFD or row 1048576. */
const char *
xlsx_ref(const char *s, const char *end, uint32_t *col, long *row)
{
	uint32_t c = 0;
	long r = 0;

#define MORE (end == NULL || s < end)
	if (MORE && *s == '$')
		s++;
	for (; MORE && ((*s >= 'A' && *s <= 'Z') || (*s >= 'a' &&
	    *s <= 'z')); s++)
		if ((c = c * 26 + (uint32_t)((*s | 0x20) - 'a' + 1)) > MAXCOL)
			return NULL;
	if (c == 0)
		return NULL;
	if (MORE && *s == '$')
		s++;
	for (; MORE && *s >= '0' && *s <= '9'; s++)
		if ((r = r * 10 + (*s - '0')) > MAXROW)
			return NULL;
#undef MORE
	*col = c - 1;
	*row = r;
	return s;
}

/* "AB" for column 27 (0-based), into b of 4 bytes. */
const char *
xlsx_colname(uint32_t col, char *b)
{
	char t[4];
	int n = 0, i;

	col++;
	while (col > 0 && n < 3) {
		t[n++] = (char)('A' + (col - 1) % 26);
		col = (col - 1) / 26;
	}
	for (i = 0; i < n; i++)
		b[i] = t[n - 1 - i];
	b[n] = '\0';
	return b;
}

/* Excel's escape of a character XML cannot hold, _xHHHH_, undone in
 * place; the new length. */
size_t
xlsx_unescape(char *s, size_t n)
{
	char *r = memchr(s, '_', n), *w, *end = s + n;
	unsigned cp;
	int i, ok;

	if (r == NULL)
		return n;
	for (w = r; r < end;) {
		ok = end - r >= 7 && r[0] == '_' && r[1] == 'x' && r[6] == '_';
		for (i = 2, cp = 0; ok && i < 6; i++) {
			char c = r[i];

			cp <<= 4;
			if (c >= '0' && c <= '9')
				cp |= (unsigned)(c - '0');
			else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
				cp |= (unsigned)((c | 0x20) - 'a' + 10);
			else
				ok = 0;
		}
		if (!ok || cp == 0 || (cp >= 0xd800 && cp <= 0xdfff)) {
			*w++ = *r++;
			continue;
		}
		if (cp < 0x80)
			*w++ = (char)cp;
		else if (cp < 0x800) {
			*w++ = (char)(0xc0 | cp >> 6);
			*w++ = (char)(0x80 | (cp & 0x3f));
		} else {
			*w++ = (char)(0xe0 | cp >> 12);
			*w++ = (char)(0x80 | (cp >> 6 & 0x3f));
			*w++ = (char)(0x80 | (cp & 0x3f));
		}
		r += 7;
	}
	*w = '\0';
	return (size_t)(w - s);
}

/* A handler's error: stop the parse, say why. */
void
xlsx_fail(struct xlsxrd *x, int code, const char *fmt, ...)
{
	va_list ap;

	if (x->failed)
		return;
	x->failed = 1;
	va_start(ap, fmt);
	dun_err_vset(&x->perr, code, fmt, ap);
	va_end(ap);
	XML_StopParser(x->p, XML_FALSE);
}

void XMLCALL
xlsx_doctype(void *u, const XML_Char *name, const XML_Char *sysid,
    const XML_Char *pubid, int internal)
{
	struct xlsxrd *x = u;

	(void)name, (void)sysid, (void)pubid, (void)internal;
	xlsx_fail(x, DUN_EXIT_DATA, "%s: has a DOCTYPE in its XML, which no "
	    "spreadsheet program writes; the file is damaged — re-export it",
	    x->name);
}

const char *
xlsx_base(const char *path)
{
	const char *s = strrchr(path, '/');

	return s ? s + 1 : path;
}

/* ---- reading a part --------------------------------------------------- */

int
xlsx_zipfail(struct xlsxrd *x, const char *part, zip_error_t *ze,
    struct dun_err *err)
{
	int ze_code = zip_error_code_zip(ze);

	if (ze_code == ZIP_ER_READ || ze_code == ZIP_ER_MEMORY)
		dun_err_set(err, DUN_EXIT_SYS, "%s: %s: %s", x->name,
		    xlsx_base(part), zip_error_strerror(ze));
	else if (ze_code == ZIP_ER_NOPASSWD || ze_code == ZIP_ER_WRONGPASSWD ||
	    ze_code == ZIP_ER_ENCRNOTSUPP)
		dun_err_set(err, DUN_EXIT_DATA, "%s: is password-protected; "
		    "save it without a password", x->name);
	else
		dun_err_set(err, DUN_EXIT_DATA, "%s: %s: cannot be unpacked "
		    "(%s); the file is damaged — copy or re-export it",
		    x->name, xlsx_base(part), zip_error_strerror(ze));
	return -1;
}

/* The parse's error: a handler's, or expat's with its line. */
void
xlsx_xmlfail(struct xlsxrd *x, const char *part, struct dun_err *err)
{
	if (x->failed)
		*err = x->perr;
	else
		dun_err_set(err, DUN_EXIT_DATA, "%s: %s line %lu: not "
		    "well-formed XML (%s); the file is damaged — re-export it",
		    x->name, xlsx_base(part),
		    (unsigned long)XML_GetCurrentLineNumber(x->p),
		    XML_ErrorString(XML_GetErrorCode(x->p)));
}

/* Inflate the part at index through the parser x->p, at most cap bytes:
 * 0, or -1 and err. */
static int
feed(struct xlsxrd *x, zip_uint64_t index, const char *part,
    zip_uint64_t cap, struct dun_err *err)
{
	zip_file_t *f;
	zip_uint64_t total = 0;
	zip_int64_t k;
	void *buf;
	int rc = 0;

	if ((f = zip_fopen_index(x->z, index, 0)) == NULL)
		return xlsx_zipfail(x, part, zip_get_error(x->z), err);
	do {
		if ((buf = XML_GetBuffer(x->p, CHUNK)) == NULL) {
			dun_err_set(err, DUN_EXIT_SYS, "%s: %s: out of memory",
			    x->name, xlsx_base(part));
			rc = -1;
			break;
		}
		if ((k = zip_fread(f, buf, CHUNK)) < 0) {
			rc = xlsx_zipfail(x, part, zip_file_get_error(f), err);
			break;
		}
		if ((total += (zip_uint64_t)k) > cap) {
			dun_err_set(err, DUN_EXIT_DATA, "%s: %s: unpacks to "
			    "more than %llu MB, more than dun reads in that "
			    "part; the file is damaged or not a plain "
			    "spreadsheet", x->name, xlsx_base(part),
			    (unsigned long long)(cap >> 20));
			rc = -1;
			break;
		}
		if (XML_ParseBuffer(x->p, (int)k, k == 0) != XML_STATUS_OK) {
			xlsx_xmlfail(x, part, err);
			rc = -1;
			break;
		}
	} while (k > 0);
	zip_fclose(f);
	return rc;
}

/* Read the part at path whole through the handlers: 0, 1 if there is no
 * such part (and it may be missing), or -1 and err. */
static int
read_part(struct xlsxrd *x, const char *path, zip_uint64_t cap,
    XML_StartElementHandler start, XML_EndElementHandler end,
    XML_CharacterDataHandler text, int required, struct dun_err *err)
{
	zip_int64_t i = zip_name_locate(x->z, path, ZIP_FL_NOCASE);
	zip_stat_t st;
	int rc;

	if (i < 0) {
		if (!required)
			return 1;
		dun_err_set(err, DUN_EXIT_DATA, "%s: is a zip file but not an "
		    "Excel workbook (it has no %s); open it in Excel or "
		    "LibreOffice and save it as .xlsx", x->name, path);
		return -1;
	}
	zip_stat_init(&st);
	if (zip_stat_index(x->z, (zip_uint64_t)i, 0, &st) == 0 &&
	    (st.valid & ZIP_STAT_SIZE) && st.size > cap) {
		dun_err_set(err, DUN_EXIT_DATA, "%s: %s: unpacks to %llu MB, "
		    "more than the %llu MB dun reads in that part; the file is "
		    "damaged or not a plain spreadsheet", x->name,
		    xlsx_base(path), (unsigned long long)(st.size >> 20),
		    (unsigned long long)(cap >> 20));
		return -1;
	}
	if ((x->p = XML_ParserCreate(NULL)) == NULL) {
		dun_err_set(err, DUN_EXIT_SYS, "%s: out of memory", x->name);
		return -1;
	}
	XML_SetUserData(x->p, x);
	XML_SetElementHandler(x->p, start, end);
	XML_SetCharacterDataHandler(x->p, text);
	XML_SetStartDoctypeDeclHandler(x->p, xlsx_doctype);
	x->failed = 0;
	rc = feed(x, (zip_uint64_t)i, path, cap, err);
	XML_ParserFree(x->p);
	x->p = NULL;
	return rc;
}

/* ---- the workbook ----------------------------------------------------- */

static void XMLCALL
rels_start(void *u, const XML_Char *n, const XML_Char **a)
{
	struct xlsxrd *x = u;
	const char *id, *type, *target, *mode;

	if (strcmp(xlsx_lname(n), "Relationship") != 0)
		return;
	id = attr(a, "Id");
	type = attr(a, "Type");
	target = attr(a, "Target");
	mode = attr(a, "TargetMode");
	if (id == NULL || type == NULL || target == NULL || (mode != NULL &&
	    strcasecmp(mode, "External") == 0))
		return;
	if ((x->nrels & (x->nrels - 1)) == 0)
		x->rels = xrealloc(x->rels, (x->nrels ? x->nrels * 2 : 1) *
		    sizeof *x->rels);
	x->rels[x->nrels].id = xstrdup(id);
	x->rels[x->nrels].type = xstrdup(type);
	x->rels[x->nrels].target = xstrdup(target);
	x->nrels++;
}

static void XMLCALL
ignore_end(void *u, const XML_Char *n)
{
	(void)u, (void)n;
}

static void
free_rels(struct xlsxrd *x)
{
	size_t i;

	for (i = 0; i < x->nrels; i++) {
		free(x->rels[i].id);
		free(x->rels[i].type);
		free(x->rels[i].target);
	}
	free(x->rels);
	x->rels = NULL;
	x->nrels = 0;
}

/* The target of the relationship of type ".../suffix" or id, made a path
 * in the zip from dir ("xl/"); malloc'd, or NULL. */
static char *
rel_path(struct xlsxrd *x, const char *dir, const char *suffix,
    const char *id)
{
	const char *t = NULL, *seg;
	char *out, *w;
	size_t i, n;

	for (i = 0; i < x->nrels && t == NULL; i++)
		if ((suffix && ends_with(x->rels[i].type, suffix)) ||
		    (id && strcmp(x->rels[i].id, id) == 0))
			t = x->rels[i].target;
	if (t == NULL)
		return NULL;
	if (*t == '/') {
		dir = "";
		t++;
	}
	out = xmalloc(strlen(dir) + strlen(t) + 2);
	w = out;
	/* Join, taking "." and ".." away. */
	for (i = 0; i < 2; i++) {
		for (seg = i ? t : dir; *seg != '\0';) {
			n = strcspn(seg, "/");
			if (n == 2 && seg[0] == '.' && seg[1] == '.') {
				if (w > out)
					w--;
				while (w > out && w[-1] != '/')
					w--;
			} else if (n > 0 && !(n == 1 && seg[0] == '.')) {
				memcpy(w, seg, n);
				w += n;
				*w++ = '/';
			}
			seg += n + (seg[n] == '/');
		}
	}
	if (w > out)
		w--;
	*w = '\0';
	return out;
}

static void XMLCALL
wb_start(void *u, const XML_Char *n, const XML_Char **a)
{
	struct xlsxrd *x = u;
	const char *name, *rid, *v;

	n = xlsx_lname(n);
	if (strcmp(n, "sheet") == 0) {
		name = attr(a, "name");
		rid = attr(a, "id");
		if (name == NULL || rid == NULL)
			return;
		if ((x->nsheets & (x->nsheets - 1)) == 0) {
			size_t k = x->nsheets ? x->nsheets * 2 : 1;

			x->sheets = xrealloc(x->sheets, k * sizeof *x->sheets);
			x->rids = xrealloc(x->rids, k * sizeof *x->rids);
		}
		x->sheets[x->nsheets] = xstrdup(name);
		x->rids[x->nsheets++] = xstrdup(rid);
	} else if (strcmp(n, "workbookPr") == 0 &&
	    (v = attr(a, "date1904")) != NULL)
		x->d1904 = strcmp(v, "1") == 0 || strcasecmp(v, "true") == 0;
}

/* ---- styles: which cell styles show dates ----------------------------- */

static void XMLCALL
st_start(void *u, const XML_Char *n, const XML_Char **a)
{
	struct xlsxrd *x = u;
	const char *id, *code;

	n = xlsx_lname(n);
	if (strcmp(n, "cellXfs") == 0)
		x->in_xfs = 1;
	else if (strcmp(n, "xf") == 0 && x->in_xfs) {
		id = attr(a, "numFmtId");
		if ((x->nxfid & (x->nxfid - 1)) == 0)
			x->xfid = xrealloc(x->xfid, (x->nxfid ? x->nxfid * 2 :
			    1) * sizeof *x->xfid);
		x->xfid[x->nxfid++] = id ? atoi(id) : 0;
	} else if (strcmp(n, "numFmt") == 0) {
		id = attr(a, "numFmtId");
		code = attr(a, "formatCode");
		if (id == NULL || code == NULL)
			return;
		if ((x->nfmt & (x->nfmt - 1)) == 0) {
			size_t k = x->nfmt ? x->nfmt * 2 : 1;

			x->fmtid = xrealloc(x->fmtid, k * sizeof *x->fmtid);
			x->fmtkind = xrealloc(x->fmtkind, k *
			    sizeof *x->fmtkind);
		}
		x->fmtid[x->nfmt] = atoi(id);
		x->fmtkind[x->nfmt++] = sheet_format_kind(code);
	}
}

static void XMLCALL
st_end(void *u, const XML_Char *n)
{
	struct xlsxrd *x = u;

	if (strcmp(xlsx_lname(n), "cellXfs") == 0)
		x->in_xfs = 0;
}

static int
int_cmp(const void *a, const void *b)
{
	int p = *(const int *)a, q = *(const int *)b;

	return (p > q) - (p < q);
}

/* Each cell style's kind: its number format's, a custom one's if the
 * styles define its id, else the built-in one's.  The custom formats'
 * ids are sorted first, each with its kind beside it. */
static void
style_kinds(struct xlsxrd *x)
{
	int *pairs = xmalloc((x->nfmt ? x->nfmt : 1) * 2 * sizeof *pairs);
	const int *hit;
	size_t i;

	for (i = 0; i < x->nfmt; i++) {
		pairs[2 * i] = x->fmtid[i];
		pairs[2 * i + 1] = x->fmtkind[i];
	}
	qsort(pairs, x->nfmt, 2 * sizeof *pairs, int_cmp);
	x->nxf = x->nxfid;
	x->xfkind = xmalloc(x->nxf ? x->nxf : 1);
	for (i = 0; i < x->nxf; i++) {
		hit = bsearch(&x->xfid[i], pairs, x->nfmt, 2 * sizeof *pairs,
		    int_cmp);
		x->xfkind[i] = (unsigned char)(hit ? hit[1] :
		    sheet_builtin_kind(x->xfid[i]));
	}
	free(pairs);
}

/* ---- shared strings --------------------------------------------------- */

static void XMLCALL
sst_start(void *u, const XML_Char *n, const XML_Char **a)
{
	struct xlsxrd *x = u;

	(void)a;
	n = xlsx_lname(n);
	if (strcmp(n, "si") == 0) {
		if (x->nsst >= MAXSTRINGS) {
			xlsx_fail(x, DUN_EXIT_DATA, "%s: has more than %d "
			    "million shared strings, more than dun reads; the "
			    "file is damaged or not a plain spreadsheet",
			    x->name, MAXSTRINGS >> 20);
			return;
		}
		x->in_si = 1;
		x->rph = 0;
		if (x->nsst + 2 > x->offcap) {
			x->offcap = x->offcap ? x->offcap * 2 : 1024;
			x->sstoff = xrealloc(x->sstoff, x->offcap *
			    sizeof *x->sstoff);
		}
		x->sstoff[x->nsst] = (uint32_t)x->sstlen;
	} else if (strcmp(n, "t") == 0)
		x->in_t = x->in_si && !x->rph;
	else if (strcmp(n, "rPh") == 0)
		x->rph = 1;
}

static void
sst_add(struct xlsxrd *x, const char *s, size_t n)
{
	if (x->sstcap - x->sstlen < n + 1) {
		while (x->sstcap - x->sstlen < n + 1)
			x->sstcap = x->sstcap ? x->sstcap * 2 : 65536;
		x->sst = xrealloc(x->sst, x->sstcap);
	}
	memcpy(x->sst + x->sstlen, s, n);
	x->sstlen += n;
}

static void XMLCALL
sst_text(void *u, const XML_Char *s, int len)
{
	struct xlsxrd *x = u;

	if (x->in_t)
		sst_add(x, s, (size_t)len);
}

static void XMLCALL
sst_end(void *u, const XML_Char *n)
{
	struct xlsxrd *x = u;
	size_t at;

	n = xlsx_lname(n);
	if (strcmp(n, "t") == 0)
		x->in_t = 0;
	else if (strcmp(n, "rPh") == 0)
		x->rph = 0;
	else if (strcmp(n, "si") == 0 && x->in_si) {
		at = x->sstoff[x->nsst];
		sst_add(x, "", 1);
		x->sstlen = at + 1 + xlsx_unescape(x->sst + at,
		    x->sstlen - 1 - at);
		x->sstoff[++x->nsst] = (uint32_t)x->sstlen;
		x->in_si = 0;
	}
}

/* ---- the workbook ----------------------------------------------------- */

static int
open_fail(struct xlsxrd *x, int ze, struct dun_err *err)
{
	zip_error_t e;
	int saved = errno;

	zip_error_init_with_code(&e, ze);
	if (ze == ZIP_ER_NOZIP)
		dun_err_set(err, DUN_EXIT_DATA, "%s: is not a whole xlsx file: "
		    "the end of its zip archive is missing (was it cut short "
		    "when copied or downloaded?); copy or export it again",
		    x->name);
	else if (ze == ZIP_ER_OPEN || ze == ZIP_ER_READ || ze == ZIP_ER_SEEK)
		dun_err_set(err, DUN_EXIT_SYS, "%s: %s", x->name,
		    strerror(saved));
	else if (ze == ZIP_ER_MEMORY)
		dun_err_set(err, DUN_EXIT_SYS, "%s: out of memory", x->name);
	else
		dun_err_set(err, DUN_EXIT_DATA, "%s: is a damaged zip archive "
		    "(%s); copy or export it again", x->name,
		    zip_error_strerror(&e));
	zip_error_fini(&e);
	return -1;
}

/* Which sheet: its part's path in x->part, or -1 and err. */
static int
pick_sheet(struct xlsxrd *x, const char *dir, const char *want,
    struct dun_err *err)
{
	struct buf list = { NULL, 0, 0 };
	size_t i, j, pick = x->nsheets;

	/* By its name, else the first that is a worksheet (not a chart). */
	for (i = 0; i < x->nsheets && pick == x->nsheets; i++) {
		if (want != NULL && strcmp(x->sheets[i], want) == 0)
			pick = i;
		for (j = 0; want == NULL && j < x->nrels; j++)
			if (strcmp(x->rels[j].id, x->rids[i]) == 0 &&
			    ends_with(x->rels[j].type, "/worksheet"))
				pick = i;
	}
	for (i = 0; want != NULL && i < x->nsheets && pick == x->nsheets;
	    i++)
		if (strcasecmp(x->sheets[i], want) == 0)
			pick = i;
	if (pick == x->nsheets && want != NULL) {
		buf_str(&list, "");
		for (i = 0; i < x->nsheets; i++) {
			buf_str(&list, i ? ", \"" : "\"");
			buf_str(&list, x->sheets[i]);
			buf_str(&list, "\"");
		}
		dun_err_set(err, DUN_EXIT_USAGE, "%s: has no sheet %s; its "
		    "sheets are %s", x->name, abbr_q(want).s, x->nsheets ?
		    list.s : "none");
		buf_free(&list);
		return -1;
	}
	if (pick == x->nsheets) {
		dun_err_set(err, DUN_EXIT_DATA, "%s: has no worksheet, no "
		    "table of cells to read", x->name);
		return -1;
	}
	if ((x->part = rel_path(x, dir, NULL, x->rids[pick])) == NULL) {
		dun_err_set(err, DUN_EXIT_DATA, "%s: sheet %s has no part "
		    "in the file; the file is damaged — re-export it", x->name,
		    abbr_q(x->sheets[pick]).s);
		return -1;
	}
	return 0;
}

int
xlsx_book(struct xlsxrd *x, const char *path, const char *want,
    struct dun_err *err)
{
	char *wb = NULL, *rels = NULL, *dir = NULL, *styles = NULL;
	char *sst = NULL;
	const char *base;
	zip_int64_t i;
	int rc = -1, ze = 0;

	errno = 0;
	if ((x->z = zip_open(path, ZIP_RDONLY, &ze)) == NULL ||
	    (x->zt = zip_open(path, ZIP_RDONLY, &ze)) == NULL)
		return open_fail(x, ze, err);
	if (read_part(x, "_rels/.rels", MAXPART, rels_start, ignore_end,
	    NULL, 0, err) < 0)
		return -1;
	if ((wb = rel_path(x, "", "/officeDocument", NULL)) == NULL)
		wb = xstrdup("xl/workbook.xml");
	free_rels(x);
	if (ends_with(wb, ".bin")) {
		dun_err_set(err, DUN_EXIT_DATA, "%s: is an Excel binary "
		    "workbook (.xlsb), which dun does not read; save it as "
		    ".xlsx or as CSV", x->name);
		goto out;
	}
	if (read_part(x, wb, MAXPART, wb_start, ignore_end, NULL, 1, err) < 0)
		goto out;
	base = xlsx_base(wb);
	dir = xmalloc(strlen(wb) + 2);
	memcpy(dir, wb, (size_t)(base - wb));
	dir[base - wb] = '\0';
	rels = xmalloc(strlen(wb) + 16);
	snprintf(rels, strlen(wb) + 16, "%s_rels/%s.rels", dir, base);
	if (read_part(x, rels, MAXPART, rels_start, ignore_end, NULL, 1,
	    err) < 0 || pick_sheet(x, dir, want, err) < 0)
		goto out;
	if ((styles = rel_path(x, dir, "/styles", NULL)) != NULL &&
	    read_part(x, styles, MAXPART, st_start, st_end, NULL, 0, err) < 0)
		goto out;
	style_kinds(x);
	if ((sst = rel_path(x, dir, "/sharedStrings", NULL)) != NULL &&
	    read_part(x, sst, MAXSST, sst_start, sst_end, sst_text, 0,
	    err) < 0)
		goto out;
	if ((i = zip_name_locate(x->z, x->part, ZIP_FL_NOCASE)) < 0) {
		dun_err_set(err, DUN_EXIT_DATA, "%s: has no %s, the part of "
		    "its sheet; the file is damaged — re-export it", x->name,
		    x->part);
		goto out;
	}
	x->index = (zip_uint64_t)i;
	x->pname = xlsx_base(x->part);
	rc = 0;
out:
	free_rels(x);
	free(wb);
	free(rels);
	free(dir);
	free(styles);
	free(sst);
	return rc;
}


void
xlsx_book_free(struct xlsxrd *x)
{
	size_t i;

	for (i = 0; i < x->nm; i++)
		free(x->m[i].val);
	free(x->m);
	free(x->sst);
	free(x->sstoff);
	free(x->xfkind);
	free(x->xfid);
	free(x->fmtid);
	free(x->fmtkind);
	for (i = 0; i < x->nsheets; i++) {
		free(x->sheets[i]);
		free(x->rids[i]);
	}
	free(x->sheets);
	free(x->rids);
	free_rels(x);
	free(x->part);
	if (x->z != NULL)
		zip_discard(x->z);
	if (x->zt != NULL)
		zip_discard(x->zt);
}

/*
 * sheet.c — a spreadsheet's rows as text: what a file is, legacy .xls
 * through libfreexl (read whole, as it reads), and the numbers and dates
 * as Excel shows them.  The .xlsx side is xlsxrd.c.
 *
 * Numbers never pass through a double on the .xlsx side: the text the
 * file stores ("0.30000000000000004") is rounded to the 15 significant
 * digits Excel shows by decimal arithmetic on its digits.  An .xls file
 * stores doubles only; "%.15g" gives the same 15 digits.
 */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <freexl.h>

#include "sheet.h"

#define HEAD 512

struct sheet {
	int kind;
	char *name;
	struct xlsxrd *x;	/* SHEET_XLSX */
	const void *xl;		/* SHEET_XLS: freexl's handle */
	unsigned int nrows, next;
	unsigned short ncols;
	char *text;		/* the row's cells, NUL-ended one after
				 * the other */
	size_t tlen, tcap, *off;
	char **cells;
	size_t *lens, cap;
};

/* ---- what a file is ------------------------------------------------- */

static int
starts(const unsigned char *p, const unsigned char *end, const char *word)
{
	size_t n = strlen(word);

	return (size_t)(end - p) >= n && strncasecmp((const char *)p, word,
	    n) == 0;
}

/* Does s[0..n) hold the k bytes of w? */
static int
holds(const char *s, size_t n, const char *w, size_t k)
{
	const char *p = s, *end = s + n;

	while ((size_t)(end - p) >= k && (p = memchr(p, w[0],
	    (size_t)(end - p) - k + 1)) != NULL) {
		if (memcmp(p, w, k) == 0)
			return 1;
		p++;
	}
	return 0;
}

int
sheet_sniff(const unsigned char *head, size_t n)
{
	static const char *const html[] = { "<html", "<!doctype", "<table",
		"<head", "<meta", "<body", NULL };
	const unsigned char *p = head, *end = head + n;
	size_t i;

	if (n >= 4 && memcmp(head, "PK\3\4", 4) == 0)
		return SHEET_XLSX;
	if (n >= 4 && memcmp(head, "\xd0\xcf\x11\xe0", 4) == 0)
		return SHEET_XLS;
	if (n >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' ||
	    *p == '\n'))
		p++;
	for (i = 0; html[i] != NULL; i++)
		if (starts(p, end, html[i]))
			return SHEET_HTML;
	/* Excel 2003's XML spreadsheet, which some systems name .xls. */
	if (starts(p, end, "<?xml") && holds((const char *)p,
	    (size_t)(end - p), "urn:schemas-microsoft-com:office:spreadsheet",
	    44))
		return SHEET_XML2003;
	return SHEET_NONE;
}

static int
has_suffix(const char *name, const char *suffix)
{
	size_t n = strlen(name), k = strlen(suffix);

	return n >= k && strcasecmp(name + n - k, suffix) == 0;
}

/* ---- legacy .xls, through libfreexl ----------------------------------- */


/* Is the compound file an encrypted .xlsx (its stream EncryptedPackage,
 * named in UTF-16)?  A password-protected .xlsx is stored so. */
static int
encrypted_package(const char *path)
{
	static const char want[] = "E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0"
	    "a\0g\0e\0";
	char buf[65536 + sizeof want];
	size_t keep = 0;
	ssize_t k;
	int fd, found = 0;

	if ((fd = open(path, O_RDONLY)) < 0)
		return 0;
	while (!found && (k = read(fd, buf + keep, sizeof buf - keep)) > 0) {
		size_t n = keep + (size_t)k;

		found = holds(buf, n, want, sizeof want - 1);
		keep = n < sizeof want ? n : sizeof want;
		memmove(buf, buf + n - keep, keep);
	}
	close(fd);
	return found;
}

/* Are the names in the compound file's first directory sector within
 * their entries (at most 64 bytes)?  libfreexl 1.0.6 reads each name by
 * the length the entry gives, up to 64 KB past it on its stack.  1 if
 * they are, or if the sector cannot be read (freexl then says why). */
static int
cfb_names_ok(const char *path)
{
	unsigned char h[512], dir[4096];
	uint32_t size = 0, start, i;
	ssize_t k = 0;
	int fd;

	if ((fd = open(path, O_RDONLY)) < 0)
		return 1;
	if (pread(fd, h, sizeof h, 0) == (ssize_t)sizeof h && h[0x1f] == 0 &&
	    (h[0x1e] == 9 || h[0x1e] == 12)) {
		size = (uint32_t)1 << h[0x1e];
		start = (uint32_t)h[0x30] | (uint32_t)h[0x31] << 8 |
		    (uint32_t)h[0x32] << 16 | (uint32_t)h[0x33] << 24;
		/* Where freexl seeks, in its 32-bit arithmetic. */
		k = pread(fd, dir, size, (off_t)((start + 1) * size));
	}
	close(fd);
	for (i = 0; k == (ssize_t)size && i < size; i += 128)
		if ((dir[i + 64] | dir[i + 65] << 8) > 64)
			return 0;
	return 1;
}

static int
xls_fail(struct sheet *s, const char *path, int ret, struct dun_err *err)
{
	if (ret == FREEXL_INSUFFICIENT_MEMORY)
		dun_err_set(err, DUN_EXIT_SYS, "%s: out of memory reading the "
		    ".xls file", s->name);
	else if (ret == FREEXL_FILE_NOT_FOUND)
		dun_err_set(err, DUN_EXIT_SYS, "%s: cannot be read: %s",
		    s->name, strerror(errno ? errno : EIO));
	else if (encrypted_package(path))
		dun_err_set(err, DUN_EXIT_DATA, "%s: is password-protected; "
		    "save it without a password", s->name);
	else if (ret == FREEXL_BIFF_WORKBOOK_NOT_FOUND)
		dun_err_set(err, DUN_EXIT_DATA, "%s: is an Office file but "
		    "not an Excel workbook; open it in Excel or LibreOffice "
		    "and save it as .xlsx or as CSV", s->name);
	else
		dun_err_set(err, DUN_EXIT_DATA, "%s: is a damaged .xls file "
		    "(freexl error %d); open it in Excel or LibreOffice and "
		    "save it again, as .xlsx or as CSV", s->name, ret);
	return -1;
}

static int
xls_open(struct sheet *s, const char *path, const char *want,
    struct dun_err *err)
{
	unsigned int info, nsheets, i;
	const char *name;
	struct buf list = { NULL, 0, 0 };
	int ret, pick = -1;

	if (!cfb_names_ok(path)) {
		dun_err_set(err, DUN_EXIT_DATA, "%s: is a damaged .xls file (a "
		    "name in its directory is longer than its entry); open it "
		    "in Excel or LibreOffice and save it again, as .xlsx or as "
		    "CSV", s->name);
		return -1;
	}
	errno = 0;
	if ((ret = freexl_open(path, &s->xl)) != FREEXL_OK)
		return xls_fail(s, path, ret, err);
	if (freexl_get_info(s->xl, FREEXL_BIFF_PASSWORD, &info) ==
	    FREEXL_OK && info == FREEXL_BIFF_OBFUSCATED) {
		dun_err_set(err, DUN_EXIT_DATA, "%s: is password-protected; "
		    "save it without a password", s->name);
		return -1;
	}
	if (freexl_get_info(s->xl, FREEXL_BIFF_SHEET_COUNT, &nsheets) !=
	    FREEXL_OK || nsheets == 0) {
		dun_err_set(err, DUN_EXIT_DATA, "%s: has no worksheet",
		    s->name);
		return -1;
	}
	for (i = 0; i < nsheets && i <= 0xffff; i++) {
		if (freexl_get_worksheet_name(s->xl, (unsigned short)i,
		    &name) != FREEXL_OK || name == NULL)
			name = "";
		if (pick < 0 && (want == NULL || strcmp(name, want) == 0))
			pick = (int)i;
		buf_str(&list, i ? ", \"" : "\"");
		buf_str(&list, name);
		buf_str(&list, "\"");
	}
	for (i = 0; pick < 0 && i < nsheets && i <= 0xffff; i++)
		if (freexl_get_worksheet_name(s->xl, (unsigned short)i,
		    &name) == FREEXL_OK && name && strcasecmp(name, want) == 0)
			pick = (int)i;
	if (pick < 0)
		dun_err_set(err, DUN_EXIT_USAGE, "%s: has no sheet %s; "
		    "its sheets are %s", s->name, abbr_q(want).s, list.s);
	buf_free(&list);
	if (pick < 0)
		return -1;
	if ((ret = freexl_select_active_worksheet(s->xl,
	    (unsigned short)pick)) != FREEXL_OK ||
	    (ret = freexl_worksheet_dimensions(s->xl, &s->nrows,
	    &s->ncols)) != FREEXL_OK)
		return xls_fail(s, path, ret, err);
	return 0;
}

/* Room for n more bytes of text. */
static char *
text_room(struct sheet *s, size_t n)
{
	if (s->tcap - s->tlen < n) {
		while (s->tcap - s->tlen < n)
			s->tcap = s->tcap ? s->tcap * 2 : 4096;
		s->text = xrealloc(s->text, s->tcap);
	}
	return s->text + s->tlen;
}

static void
text_add(struct sheet *s, const char *p, size_t n)
{
	memcpy(text_room(s, n + 1), p, n);
	s->tlen += n;
}

/* The cell's text, appended to s->text (no NUL). */
static int
xls_cell(struct sheet *s, unsigned int r, unsigned short c,
    struct dun_err *err)
{
	FreeXL_CellValue v;
	char num[40];
	const char *t;
	size_t n;
	int ret;

	if ((ret = freexl_get_cell_value(s->xl, r, c, &v)) != FREEXL_OK) {
		dun_err_set(err, DUN_EXIT_DATA, "%s: row %u: a cell cannot "
		    "be read (freexl error %d); the file is damaged — "
		    "re-export it", s->name, r + 1, ret);
		return -1;
	}
	switch (v.type) {
	case FREEXL_CELL_INT:
		n = (size_t)snprintf(num, sizeof num, "%d", v.value.int_value);
		text_add(s, num, n);
		break;
	case FREEXL_CELL_DOUBLE:
		if (!isfinite(v.value.double_value)) {
			text_add(s, "#NUM!", 5);
			break;
		}
		n = (size_t)snprintf(num, sizeof num, "%.15g",
		    v.value.double_value);
		s->tlen += sheet_num(text_room(s, SHEET_NUMSZ(n)), num, n);
		break;
	case FREEXL_CELL_TEXT:
	case FREEXL_CELL_SST_TEXT:
	case FREEXL_CELL_DATE:
	case FREEXL_CELL_TIME:
		if ((t = v.value.text_value) != NULL)
			text_add(s, t, strlen(t));
		break;
	case FREEXL_CELL_DATETIME:
		if ((t = v.value.text_value) == NULL)
			break;
		n = strlen(t);
		if (n > 9 && strcmp(t + n - 9, " 00:00:00") == 0)
			n -= 9;
		text_add(s, t, n);
		break;
	default:
		break;
	}
	return 0;
}

static void
grow_cells(struct sheet *s, size_t n)
{
	if (n <= s->cap)
		return;
	while (s->cap < n)
		s->cap = s->cap ? s->cap * 2 : 32;
	s->cells = xrealloc(s->cells, s->cap * sizeof *s->cells);
	s->lens = xrealloc(s->lens, s->cap * sizeof *s->lens);
	s->off = xrealloc(s->off, s->cap * sizeof *s->off);
}

static int
xls_row(struct sheet *s, size_t *n, long *row, struct dun_err *err)
{
	unsigned short c;
	size_t i, used;

	for (; s->next < s->nrows; s->next++) {
		s->tlen = 0;
		used = 0;
		grow_cells(s, s->ncols);
		for (c = 0; c < s->ncols; c++) {
			s->off[c] = s->tlen;
			if (xls_cell(s, s->next, c, err) < 0)
				return -1;
			s->lens[c] = s->tlen - s->off[c];
			text_add(s, "", 1);
			if (s->lens[c] > 0)
				used = (size_t)c + 1;
		}
		if (used == 0)
			continue;
		for (i = 0; i < used; i++)
			s->cells[i] = s->text + s->off[i];
		*n = used;
		*row = (long)s->next + 1;
		s->next++;
		return 1;
	}
	return 0;
}

/* ---- the reader ------------------------------------------------------- */

struct sheet *
sheet_open(const char *path, const char *name, const char *sheetname,
    struct dun_err *err)
{
	unsigned char head[HEAD];
	struct sheet *s;
	ssize_t k;
	size_t n = 0;
	int fd;

	if ((fd = open(path, O_RDONLY)) < 0) {
		dun_err_set(err, DUN_EXIT_SYS, "%s: %s", name,
		    strerror(errno));
		return NULL;
	}
	while (n < sizeof head && (k = read(fd, head + n, sizeof head -
	    n)) != 0) {
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0) {
			dun_err_set(err, DUN_EXIT_SYS, "%s: read: %s", name,
			    strerror(errno));
			close(fd);
			return NULL;
		}
		n += (size_t)k;
	}
	close(fd);
	s = xmalloc(sizeof *s);
	memset(s, 0, sizeof *s);
	s->name = xstrdup(name);
	s->kind = sheet_sniff(head, n);
	switch (s->kind) {
	case SHEET_XLSX:
		if ((s->x = xlsxrd_open(path, name, sheetname, err)) == NULL)
			goto fail;
		return s;
	case SHEET_XLS:
		if (xls_open(s, path, sheetname, err) < 0)
			goto fail;
		return s;
	case SHEET_HTML:
		if (has_suffix(name, ".xls") || has_suffix(name, ".xlsx"))
			dun_err_set(err, DUN_EXIT_DATA, "%s: is an HTML page "
			    "saved with an .xls name, not a spreadsheet; open "
			    "it in Excel or LibreOffice and save it as .xlsx "
			    "or as CSV, then import that", name);
		else
			dun_err_set(err, DUN_EXIT_DATA, "%s: is an HTML page, "
			    "not a spreadsheet or CSV; open it in Excel or "
			    "LibreOffice and save it as .xlsx or as CSV, then "
			    "import that", name);
		goto fail;
	case SHEET_XML2003:
		dun_err_set(err, DUN_EXIT_DATA, "%s: is an Excel 2003 XML "
		    "spreadsheet, which dun does not read; open it in Excel or "
		    "LibreOffice and save it as .xlsx or as CSV, then import "
		    "that", name);
		goto fail;
	default:
		dun_err_set(err, DUN_EXIT_DATA, "%s: is not an Excel workbook "
		    "(an .xlsx file is a zip archive, and this is none); "
		    "export it again, or if it is CSV, give it a .csv name",
		    name);
		goto fail;
	}
fail:
	sheet_close(s);
	return NULL;
}

int
sheet_row(struct sheet *s, char ***cells, size_t **lens, size_t *n,
    long *row, struct dun_err *err)
{
	int k;

	if (s->kind == SHEET_XLSX)
		return xlsxrd_row(s->x, cells, lens, n, row, err);
	if ((k = xls_row(s, n, row, err)) <= 0)
		return k;
	*cells = s->cells;
	*lens = s->lens;
	return 1;
}

void
sheet_close(struct sheet *s)
{
	if (s == NULL)
		return;
	xlsxrd_close(s->x);
	if (s->xl != NULL)
		freexl_close(s->xl);
	free(s->text);
	free(s->off);
	free(s->cells);
	free(s->lens);
	free(s->name);
	free(s);
}

/* ---- numbers ---------------------------------------------------------- */

#define SIG 15		/* the significant digits Excel shows */
#define MAXEXP 400	/* beyond 10^±400 the text is kept as it is */

static size_t
verbatim(char *dst, const char *s, size_t n)
{
	memcpy(dst, s, n);
	return n;
}

size_t
sheet_num(char *dst, const char *s, size_t n)
{
	const char *p = s, *end = s + n;
	char dig[SIG + 1];
	int neg = 0, seen = 0, dot = 0, any = 0;
	long nsig = 0, dp = 0, e = 0, i, k;
	char *w = dst;

	if (p < end && (*p == '-' || *p == '+'))
		neg = *p++ == '-';
	/* The significant digits (the first SIG + 1 kept), and dp: where
	 * the decimal point stands, counted from the first of them. */
	for (; p < end; p++) {
		if (*p == '.' && !dot) {
			dot = 1;
			continue;
		}
		if (*p < '0' || *p > '9')
			break;
		any = 1;
		if (*p == '0' && !seen) {
			if (dot)
				dp--;
			continue;
		}
		seen = 1;
		if (nsig < SIG + 1)
			dig[nsig] = *p;
		nsig++;
		if (!dot)
			dp++;
	}
	if (!any)
		return verbatim(dst, s, n);
	if (p < end && (*p == 'e' || *p == 'E')) {
		int eneg = 0, edig = 0;

		if (++p < end && (*p == '-' || *p == '+'))
			eneg = *p++ == '-';
		for (; p < end && *p >= '0' && *p <= '9'; p++, edig++)
			if (e < 100000)
				e = e * 10 + (*p - '0');
		if (edig == 0)
			return verbatim(dst, s, n);
		dp += eneg ? -e : e;
	}
	if (p != end)
		return verbatim(dst, s, n);
	if (nsig == 0) {
		*w = '0';
		return 1;
	}
	if (nsig > SIG) {
		/* Round half away from zero at the 15th digit, as Excel
		 * shows a double. */
		nsig = SIG;
		if (dig[SIG] >= '5') {
			for (i = SIG - 1; i >= 0 && dig[i] == '9'; i--)
				dig[i] = '0';
			if (i >= 0)
				dig[i]++;
			else {
				dig[0] = '1';
				nsig = 1;
				dp++;
			}
		}
	}
	while (nsig > 1 && dig[nsig - 1] == '0')
		nsig--;
	if (dp > MAXEXP || dp < -MAXEXP)
		return verbatim(dst, s, n);
	if (neg)
		*w++ = '-';
	if (dp <= 0) {
		*w++ = '0';
		*w++ = '.';
		for (k = dp; k < 0; k++)
			*w++ = '0';
		memcpy(w, dig, (size_t)nsig);
		w += nsig;
	} else if (dp >= nsig) {
		memcpy(w, dig, (size_t)nsig);
		w += nsig;
		for (k = nsig; k < dp; k++)
			*w++ = '0';
	} else {
		memcpy(w, dig, (size_t)dp);
		w += dp;
		*w++ = '.';
		memcpy(w, dig + dp, (size_t)(nsig - dp));
		w += nsig - dp;
	}
	return (size_t)(w - dst);
}

/* ---- dates ------------------------------------------------------------ */

int
sheet_builtin_kind(int id)
{
	switch (id) {
	case 14: case 15: case 16: case 17:
	case 27: case 28: case 29: case 30: case 31: case 36:
	case 50: case 51: case 52: case 53: case 54: case 57: case 58:
		return SHEET_DATE;
	case 22:
		return SHEET_DATE | SHEET_TIME;
	case 18: case 19: case 20: case 21:
	case 32: case 33: case 34: case 35:
	case 45: case 46: case 47:
	case 55: case 56:
		return SHEET_TIME;
	default:
		return 0;
	}
}

/* Is the bracket at s ("[h]", "[mm]", "[ss]") a duration's? */
static int
elapsed(const char *s, const char *close)
{
	const char *p;

	if (close == s + 1)
		return 0;
	for (p = s + 1; p < close; p++)
		if (strchr("hHmMsS", *p) == NULL || *p != s[1])
			return 0;
	return 1;
}

int
sheet_format_kind(const char *s)
{
	int date = 0, time = 0, month = 0, duration = 0;
	const char *q;

	/* The first section only: the one for numbers not below zero. */
	for (; *s != '\0' && *s != ';'; s++) {
		switch (*s) {
		case '"':
			if ((q = strchr(s + 1, '"')) == NULL)
				return 0;
			s = q;
			break;
		case '\\': case '_': case '*':
			if (s[1] != '\0')
				s++;
			break;
		case '[':
			if ((q = strchr(s, ']')) == NULL)
				return 0;
			if (elapsed(s, q))
				duration = 1;
			s = q;
			break;
		case 'd': case 'D': case 'y': case 'Y':
			date = 1;
			break;
		case 'm': case 'M':
			month = 1;
			break;
		case 'h': case 'H': case 's': case 'S':
			time = 1;
			break;
		case 'a': case 'A':
			if (strncasecmp(s, "am/pm", 5) == 0) {
				time = 1;
				s += 4;
			} else if (strncasecmp(s, "a/p", 3) == 0) {
				time = 1;
				s += 2;
			}
			break;
		default:
			break;
		}
	}
	/* m beside h or s is minutes; alone it is a month. */
	if (month && !time && !duration)
		date = 1;
	if (duration && !date)
		return 0;
	return (date ? SHEET_DATE : 0) | (time || duration ? SHEET_TIME : 0);
}

#define MAXSERIAL 2958465L	/* 9999-12-31 */

/* v as n digits at p, zero-padded; after them. */
static char *
digits(char *p, long v, int n)
{
	int i;

	for (i = n - 1; i >= 0; i--, v /= 10)
		p[i] = (char)('0' + v % 10);
	return p + n;
}

static char *
hms(char *p, long secs)
{
	p = digits(p, secs / 3600, 2);
	*p++ = ':';
	p = digits(p, secs / 60 % 60, 2);
	*p++ = ':';
	return digits(p, secs % 60, 2);
}

size_t
sheet_date(char *dst, const char *num, size_t n, int d1904, int kind)
{
	const char *p = num, *end = num + n;
	long day = 0, secs;
	long long frac = 0, scale = 1;
	int y, m, d, k;
	char *w = dst;

	if (n == 0 || *p == '-')
		return 0;
	for (; p < end && *p >= '0' && *p <= '9'; p++)
		if ((day = day * 10 + (*p - '0')) > MAXSERIAL)
			return 0;
	if (p < end && *p == '.')
		/* 13 digits of the fraction: a second is 1.2e-5 of a day. */
		for (p++, k = 0; p < end && *p >= '0' && *p <= '9'; p++)
			if (k++ < 13) {
				frac = frac * 10 + (*p - '0');
				scale *= 10;
			}
	if (p != end)
		return 0;
	secs = (long)((frac * 86400 + scale / 2) / scale);
	if (secs >= 86400) {
		day++;
		secs -= 86400;
	}
	if (day > MAXSERIAL)
		return 0;
	if (!(kind & SHEET_DATE) && day == 0) {
		w = hms(w, secs);
		*w = '\0';
		return (size_t)(w - dst);
	}
	if (d1904)
		dun_date_split(dun_date_make(1904, 1, 1) + (dun_date)day, &y,
		    &m, &d);
	else if (day == 0 || day == 60) {
		/* Excel's 1900-01-00, and the 1900-02-29 there never was. */
		y = 1900;
		m = day ? 2 : 1;
		d = day ? 29 : 0;
	} else
		dun_date_split(dun_date_make(1899, 12, day < 60 ? 31 : 30) +
		    (dun_date)day, &y, &m, &d);
	w = digits(w, y, 4);
	*w++ = '-';
	w = digits(w, m, 2);
	*w++ = '-';
	w = digits(w, d, 2);
	if ((kind & SHEET_TIME) && secs > 0) {
		*w++ = ' ';
		w = hms(w, secs);
	}
	*w = '\0';
	return (size_t)(w - dst);
}

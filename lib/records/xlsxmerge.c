/*
 * xlsxmerge.c — the merged ranges of an .xlsx sheet, for xlsxrd.c: they
 * stand after the cells, so they are found before the rows are read, by
 * a byte search of the sheet's text inflated once more (not parsed).
 */
#include <stdlib.h>
#include <string.h>

#include "xlsxrd.h"

static int
merge_cmp(const void *a, const void *b)
{
	const struct merge *p = a, *q = b;

	return (p->r1 > q->r1) - (p->r1 < q->r1);
}

/* The ref="A1:F1" in the tag s[0..n), as a merge. */
static void
merge_tag(struct xlsxrd *x, const char *s, size_t n, size_t *cap)
{
	const char *end = s + n, *p, *q;
	struct merge m;
	long t;

	for (p = s; p + 5 < end; p++)
		if ((p[-1] == ' ' || p[-1] == '\t' || p[-1] == '\n' ||
		    p[-1] == '\r') && memcmp(p, "ref=", 4) == 0)
			break;
	if (p + 5 >= end || (p[4] != '"' && p[4] != '\''))
		return;
	if ((q = memchr(p + 5, p[4], (size_t)(end - p - 5))) == NULL)
		return;
	if ((p = xlsx_ref(p + 5, q, &m.c1, &m.r1)) == NULL || p >= q ||
	    *p != ':' || xlsx_ref(p + 1, q, &m.c2, &m.r2) != q ||
	    m.r1 == 0 || m.r2 == 0)
		return;
	if (m.r1 > m.r2)
		t = m.r1, m.r1 = m.r2, m.r2 = t;
	if (m.c1 > m.c2)
		t = m.c1, m.c1 = m.c2, m.c2 = (uint32_t)t;
	if (m.r1 == m.r2 && m.c1 == m.c2)
		return;
	m.val = NULL;
	m.len = 0;
	if (x->nm == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		x->m = xrealloc(x->m, *cap * sizeof *x->m);
	}
	x->m[x->nm++] = m;
}

/* Find each <mergeCell ref="..."/> in the sheet's text, inflating it
 * once without parsing it: a byte search for its 'g'.  0, or -1 and
 * err. */
int
xlsx_merges(struct xlsxrd *x, struct dun_err *err)
{
	enum { KEEP = 16, LONGTAG = 1024 };
	zip_file_t *f;
	char *buf, *p, *g, *gt, *end;
	size_t keep = 0, done = 0, cap = 0, n, cut;
	zip_int64_t k;
	int rc = 0, more;

	if ((f = zip_fopen_index(x->z, x->index, 0)) == NULL)
		return xlsx_zipfail(x, x->part, zip_get_error(x->z), err);
	buf = xmalloc(CHUNK + LONGTAG + KEEP + 16);
	do {
		if ((k = zip_fread(f, buf + keep, CHUNK)) < 0) {
			rc = xlsx_zipfail(x, x->part, zip_file_get_error(f),
			    err);
			break;
		}
		n = keep + (size_t)k;
		end = buf + n;
		more = k > 0;
		cut = n > KEEP ? n - KEEP : 0;
		/* The parse on the other thread failed (a zip bomb of blanks,
		 * say): its error is what the reader will say. */
		pthread_mutex_lock(&x->mu);
		if (x->pfailed)
			more = 0;
		pthread_mutex_unlock(&x->mu);
		for (p = buf + done + 3; p < end && (g = memchr(p, 'g',
		    (size_t)(end - p))) != NULL; p = g + 1) {
			char *m = g - 3;

			if (m + 10 > end) {
				if (more)
					cut = (size_t)(m - buf) > KEEP ?
					    (size_t)(m - buf) - KEEP : 0;
				break;
			}
			if (memcmp(m, "mergeCell", 9) != 0 || (m > buf &&
			    m[-1] != '<' && m[-1] != ':') || !(m[9] == ' ' ||
			    m[9] == '\t' || m[9] == '\r' || m[9] == '\n'))
				continue;
			if ((gt = memchr(m + 9, '>', (size_t)(end - m - 9))) ==
			    NULL) {
				if (more && end - m < LONGTAG) {
					cut = (size_t)(m - buf) > KEEP ?
					    (size_t)(m - buf) - KEEP : 0;
					break;
				}
				continue;
			}
			if (x->nm >= MAXMERGE) {
				dun_err_set(err, DUN_EXIT_DATA, "%s: %s: more "
				    "than %d merged ranges; the file is "
				    "damaged or not a plain spreadsheet",
				    x->name, x->pname, MAXMERGE);
				rc = -1;
				break;
			}
			merge_tag(x, m + 9, (size_t)(gt - m - 9), &cap);
			g = gt;
			done = (size_t)(gt + 1 - buf);
		}
		if (rc < 0)
			break;
		keep = n - cut;
		memmove(buf, buf + cut, keep);
		done = done > cut ? done - cut : 0;
	} while (more);
	free(buf);
	zip_fclose(f);
	if (rc == 0 && x->nm > 0)
		qsort(x->m, x->nm, sizeof *x->m, merge_cmp);
	return rc;
}

/*
 * letterfloor — the least a letter on paper costs: the same text laid out
 * by pango in the same CJK font and drawn on a cairo PDF surface, N
 * times, with nothing else (no ledger, no template, no check).
 *
 *   letterfloor [-m] [-f font] N TEXT OUT
 *
 * TEXT is a letter's text, paragraphs separated by blank lines (as
 * pdftotext gives a letter dun-notice wrote).  Each letter begins a page
 * of A4 and is laid out paragraph by paragraph at 11 points, a page more
 * when it runs over.  Without -m, the N letters are the pages of one PDF,
 * OUT; with -m, each is a PDF of its own, OUT/NNNNNN.pdf (OUT is made),
 * which is what dun-notice does for each letter.  The font is -f, by
 * default Noto Sans CJK SC (notice.font's default).  Prints the mode,
 * the letters, the pages, and the milliseconds a letter took, from the
 * first page begun to the last file closed.  The yardstick of
 * bench/letters.sh.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cairo.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#define PAGE_W 595.28		/* A4 in points, as lib/pdf.c */
#define PAGE_H 841.89
#define MARGIN 56.0
#define SIZE 11.0

static const char *font = "Noto Sans CJK SC";
static char **paras;		/* the text's paragraphs */
static size_t nparas;

static void
usage(void)
{
	fputs("usage: letterfloor [-m] [-f font] N TEXT OUT\n", stderr);
	exit(2);
}

/* The whole of file path, NUL-terminated, in memory the caller frees;
 * exits 3 if it cannot be read. */
static char *
slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *s = NULL;
	size_t len = 0, cap = 0, k;

	if (f == NULL) {
		fprintf(stderr, "letterfloor: %s: %s\n", path, strerror(errno));
		exit(3);
	}
	do {
		if (cap - len < 65536 &&
		    (s = realloc(s, cap = cap * 2 + 65536)) == NULL)
			exit(3);
		k = fread(s + len, 1, cap - len - 1, f);
		len += k;
	} while (k > 0);
	if (ferror(f)) {
		fprintf(stderr, "letterfloor: %s: %s\n", path, strerror(errno));
		exit(3);
	}
	fclose(f);
	s[len] = '\0';
	return s;
}

/* Split text, in place, into paragraphs at blank lines; form feeds (a
 * page's end in pdftotext's output) are blanks.  The pointers go into
 * paras, allocated here and kept to the end. */
static void
split(char *text)
{
	char *s, *e, *p;

	for (p = text; *p != '\0'; p++)
		if (*p == '\f')
			*p = '\n';
	for (s = text; *s != '\0'; s = e) {
		while (*s == '\n')
			s++;
		if (*s == '\0')
			break;
		e = strstr(s, "\n\n");
		if (e == NULL)
			e = s + strlen(s);
		else
			*e++ = '\0';
		if ((paras = realloc(paras, (nparas + 1) *
		    sizeof *paras)) == NULL)
			exit(3);
		paras[nparas++] = s;
	}
}

/* One letter on cr from the top of a new page: each paragraph its own
 * layout, as dun's are.  Returns the pages it took. */
static int
letter(cairo_t *cr, const PangoFontDescription *fd)
{
	double y = MARGIN;
	int pages = 1, w, h;
	size_t i;

	for (i = 0; i < nparas; i++) {
		PangoLayout *l = pango_cairo_create_layout(cr);

		pango_layout_set_font_description(l, fd);
		pango_layout_set_width(l, (int)((PAGE_W - 2 * MARGIN) *
		    PANGO_SCALE));
		pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
		pango_layout_set_text(l, paras[i], -1);
		pango_layout_get_size(l, &w, &h);
		if (y + (double)h / PANGO_SCALE > PAGE_H - MARGIN &&
		    y > MARGIN) {
			cairo_show_page(cr);
			pages++;
			y = MARGIN;
		}
		cairo_move_to(cr, MARGIN, y);
		pango_cairo_show_layout(cr, l);
		y += (double)h / PANGO_SCALE + SIZE * 0.8;
		g_object_unref(l);
	}
	return pages;
}

/* Finish and free the surface s and its cr; exits 3 if it failed. */
static void
finish(cairo_surface_t *s, cairo_t *cr, const char *path)
{
	cairo_status_t st = cairo_status(cr);

	cairo_destroy(cr);
	cairo_surface_finish(s);
	if (st == CAIRO_STATUS_SUCCESS)
		st = cairo_surface_status(s);
	cairo_surface_destroy(s);
	if (st != CAIRO_STATUS_SUCCESS) {
		fprintf(stderr, "letterfloor: %s: %s\n", path,
		    cairo_status_to_string(st));
		exit(3);
	}
}

int
main(int argc, char *argv[])
{
	PangoFontDescription *fd;
	cairo_surface_t *s = NULL;
	cairo_t *cr = NULL;
	struct timespec t0, t1;
	char *end, *path = NULL;
	long n, i;
	int many = 0, pages = 0, c;
	double ms;

	while ((c = getopt(argc, argv, "f:m")) != -1) {
		switch (c) {
		case 'f':
			font = optarg;
			break;
		case 'm':
			many = 1;
			break;
		default:
			usage();
		}
	}
	if (argc - optind != 3)
		usage();
	n = strtol(argv[optind], &end, 10);
	if (*end != '\0' || n < 1 || n > 999999)
		usage();
	split(slurp(argv[optind + 1]));
	if (many && mkdir(argv[optind + 2], 0755) < 0 && errno != EEXIST) {
		fprintf(stderr, "letterfloor: %s: %s\n", argv[optind + 2],
		    strerror(errno));
		return 3;
	}
	if (many && (path = malloc(strlen(argv[optind + 2]) + 16)) == NULL)
		return 3;
	fd = pango_font_description_from_string(font);
	pango_font_description_set_absolute_size(fd, SIZE * PANGO_SCALE);

	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (i = 0; i < n; i++) {
		if (many || i == 0) {
			if (many)
				sprintf(path, "%s/%06ld.pdf", argv[optind + 2],
				    i + 1);
			s = cairo_pdf_surface_create(many ? path :
			    argv[optind + 2], PAGE_W, PAGE_H);
			cr = cairo_create(s);
		} else
			cairo_show_page(cr);
		pages += letter(cr, fd);
		if (many)
			finish(s, cr, path);
	}
	if (!many)
		finish(s, cr, argv[optind + 2]);
	clock_gettime(CLOCK_MONOTONIC, &t1);

	ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 +
	    (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
	printf("%s\t%ld letters\t%d pages\t%.2f ms/letter\n",
	    many ? "pdf-each" : "pdf-one", n, pages, ms / (double)n);
	pango_font_description_free(fd);
	free(path);
	return 0;
}

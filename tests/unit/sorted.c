/* Are files sorted by unit: sorted_by_unit against a plain reading of
 * the same files, wherever the halves fall. */
#include <stdlib.h>
#include <unistd.h>

#include "dun.h"
#include "fast.h"
#include "tap.h"
#include "unit.h"

static const char *dir;		/* the scratch folder */

struct file {
	char path[64];
	off_t at;		/* after the header */
	int col;
	int sorted;		/* as the test made it */
};

/* Units of one to three letters from a small alphabet: many alike. */
static void
unit(char *u, unsigned r)
{
	static const char a[] = "AB-1";
	int n = 1 + (int)(r % 3), i;

	for (i = 0; i < n; i++, r /= 4)
		u[i] = a[r % 4];
	u[n] = '\0';
}

/* Write a file of rows whose units are sorted, or with one pair out of
 * order; in CRLF or LF, blank lines here and there, the last line maybe
 * unended. */
static void
make(struct file *f, int k, unsigned seed)
{
	char units[200][4], tmp[4];
	int rows = (int)(seed % 60), i, j, crlf = seed / 7 % 2;
	const char *eol = crlf ? "\r\n" : "\n";
	FILE *fp;

	srand(seed);
	for (i = 0; i < rows; i++)
		unit(units[i], (unsigned)rand());
	for (i = 1; i < rows; i++)
		for (j = i; j > 0 && strcmp(units[j - 1], units[j]) > 0; j--) {
			memcpy(tmp, units[j], 4);
			memcpy(units[j], units[j - 1], 4);
			memcpy(units[j - 1], tmp, 4);
		}
	f->sorted = 1;
	if (seed % 3 == 0 && rows > 1) {
		i = rand() % (rows - 1);
		if (strcmp(units[i], units[i + 1]) != 0) {
			memcpy(tmp, units[i], 4);
			memcpy(units[i], units[i + 1], 4);
			memcpy(units[i + 1], tmp, 4);
			f->sorted = 0;
		}
	}
	f->col = seed / 11 % 2;
	snprintf(f->path, sizeof f->path, "%s/f%d.tsv", dir, k);
	fp = fopen(f->path, "wb");
	fprintf(fp, f->col ? "ref\tunit\tamount%s" : "unit\tfee\tamount%s",
	    eol);
	f->at = ftell(fp);
	for (i = 0; i < rows; i++) {
		if (rand() % 13 == 0)
			fputs(eol, fp);
		if (f->col)
			fprintf(fp, "R%d\t%s\t%d.00", i, units[i], rand() % 999);
		else
			fprintf(fp, "%s\tmanagement\t%d.00", units[i],
			    rand() % 999);
		if (i + 1 < rows || rand() % 2)
			fputs(eol, fp);
	}
	fclose(fp);
}

int
main(void)
{
	struct file f[3];
	const char *paths[3];
	off_t at[3];
	int col[3], trial, agree = 0, unsorted = 0, nf, k;

	dir = unit_scratch("sorted");
	/* The cut between the halves falls somewhere new each time. */
	for (trial = 0; trial < 600; trial++) {
		int want = 1, got;

		nf = 1 + trial % 3;
		for (k = 0; k < nf; k++) {
			make(&f[k], k, (unsigned)(trial * 3 + k) * 2654435761u);
			paths[k] = f[k].path;
			at[k] = f[k].at;
			col[k] = f[k].col;
			want &= f[k].sorted;
		}
		got = sorted_by_unit(paths, at, col, (size_t)nf);
		if (got == want)
			agree++;
		else
			printf("# trial %d: got %d, want %d\n", trial, got, want);
		unsorted += !want;
	}
	is_int(agree, 600, "sorted or not, as the files were made, wherever "
	    "the halves fall");
	ok(unsorted > 100, "among them files out of order (%d)", unsorted);

	/* Out of order only where the halves meet: B's rows, then A's. */
	{
		FILE *fp;
		int i;

		snprintf(f[0].path, sizeof f[0].path, "%s/c.tsv", dir);
		fp = fopen(f[0].path, "wb");
		fputs("unit\tx\n", fp);
		for (i = 0; i < 50; i++)
			fputs("B\t1\n", fp);
		for (i = 0; i < 50; i++)
			fputs("A\t1\n", fp);
		fclose(fp);
		snprintf(f[1].path, sizeof f[1].path, "%s/p.tsv", dir);
		fp = fopen(f[1].path, "wb");
		fputs("unit\tx\n", fp);
		fclose(fp);
		paths[0] = f[0].path;
		paths[1] = f[1].path;
		at[0] = at[1] = 7;
		col[0] = col[1] = 0;
		is_int(sorted_by_unit(paths, at, col, 2), 0,
		    "out of order just where the halves meet");
		paths[0] = f[1].path;
		is_int(sorted_by_unit(paths, at, col, 1), 1,
		    "a file with no rows is in order");
	}
	/* Larger files, where the quick look at a few points before the
	 * whole check lands on long lines (longer than it reads), blank
	 * lines, CRLF and rows without the unit's column: in order, they
	 * are said to be; with two rows far apart out of order, or in a
	 * bank's order, not. */
	{
		static const char *const kinds[] = { "in order",
		    "two rows out of order", "in a bank's order" };
		char *longref = xmalloc(9001);
		FILE *fp;
		int i, kind;

		memset(longref, 'r', 9000);
		longref[9000] = '\0';
		for (kind = 0; kind < 3; kind++) {
			snprintf(f[0].path, sizeof f[0].path, "%s/big%d.tsv", dir,
			    kind);
			fp = fopen(f[0].path, "wb");
			fputs("ref\tunit\tamount\r\n", fp);
			for (i = 0; i < 6000; i++) {
				int u = kind == 2 ? i % 1000 : i / 6;

				if (kind == 1 && i == 1500)
					u = 900;
				if (i % 7 == 3)
					fputs("\r\n", fp);
				if (i % 11 == 5)
					fputs("lonely\r\n", fp);
				fprintf(fp, "%s\tU%04d\t1.00\r\n",
				    i % 5 == 0 ? longref : "R", u);
			}
			fclose(fp);
			paths[0] = f[0].path;
			at[0] = 19;
			col[0] = 1;
			is_int(sorted_by_unit(paths, at, col, 1), kind == 0,
			    "a large file %s, long lines among its rows",
			    kinds[kind]);
		}
		free(longref);
	}
	return done_testing();
}

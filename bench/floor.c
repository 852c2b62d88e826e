/*
 * floor — the least work any aging of these files must do: read them,
 * split every line into fields, and add up one column of amounts.
 *
 *   floor FILE COLUMN [FILE COLUMN ...]
 *
 * Prints, for each file, its rows and the sum of that column in fen.
 * Amounts are "123.45" as dun writes them.  The yardstick of
 * bench/age.sh: dun-age should cost little more than this.
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { BLK = 1 << 20 };

static int64_t
amount(const char *s, const char *end)
{
	int64_t v = 0, neg = 0, frac = -1;

	if (s < end && *s == '-')
		neg = 1, s++;
	for (; s < end; s++) {
		if (*s == '.') {
			frac = 0;
			continue;
		}
		v = v * 10 + (*s - '0');
		if (frac >= 0)
			frac++;
	}
	while (frac >= 0 && frac < 2)
		v *= 10, frac++;
	if (frac < 0)
		v *= 100;
	return neg ? -v : v;
}

int
main(int argc, char *argv[])
{
	static char buf[2 * BLK];
	int i;

	for (i = 1; i + 1 < argc; i += 2) {
		int fd = open(argv[i], O_RDONLY), col = atoi(argv[i + 1]);
		size_t len = 0;
		int64_t sum = 0, rows = -1;
		ssize_t k;

		if (fd < 0) {
			perror(argv[i]);
			return 3;
		}
		while ((k = read(fd, buf + len, sizeof buf - len)) > 0 ||
		    len > 0) {
			char *p = buf, *end, *nl;

			len += k > 0 ? (size_t)k : 0;
			end = buf + len;
			while ((nl = memchr(p, '\n', (size_t)(end - p))) ||
			    (k <= 0 && p < end && (nl = end))) {
				char *f = p, *tab;
				int c;

				/* Split every field; add the amount. */
				for (c = 0; f <= nl; c++) {
					tab = memchr(f, '\t', (size_t)(nl - f));
					if (tab == NULL)
						tab = nl;
					if (c == col && rows >= 0)
						sum += amount(f, tab);
					f = tab + 1;
				}
				rows++;
				p = nl + 1;
				if (nl == end)
					break;
			}
			if (p > end)
				p = end;
			memmove(buf, p, (size_t)(end - p));
			len = (size_t)(end - p);
			if (k <= 0)
				break;
		}
		close(fd);
		printf("%s\t%lld\t%lld\n", argv[i], (long long)rows,
		    (long long)sum);
	}
	return 0;
}

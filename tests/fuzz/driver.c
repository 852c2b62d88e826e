/*
 * driver.c — a fuzz harness without libFuzzer: each file named, or else
 * each file of tests/fuzz/corpus/NAME and tests/fuzz/crashes/NAME (from
 * the top of the tree, where make check runs), fed to
 * LLVMFuzzerTestOneInput once, in a buffer of exactly its size.  TAP: one
 * ok a file.  A harness that crashes ends the stream short, and prove
 * says so.
 */
#include <dirent.h>
#include <errno.h>
#include <sys/stat.h>

#include "fuzz.h"

static int n;

static void
feed(const char *path)
{
	struct stat st;
	uint8_t *buf;
	FILE *f;
	size_t k;

	if ((f = fopen(path, "rb")) == NULL || fstat(fileno(f), &st) < 0) {
		printf("not ok %d - %s: %s\n", ++n, path, strerror(errno));
		if (f)
			fclose(f);
		return;
	}
	/* An empty input is a buffer of no bytes, as libFuzzer gives. */
	buf = malloc(st.st_size > 0 ? (size_t)st.st_size : 1);
	k = fread(buf, 1, (size_t)st.st_size, f);
	fclose(f);
	printf("# %s\n", path);
	fflush(stdout);
	LLVMFuzzerTestOneInput(buf, k);
	free(buf);
	printf("ok %d - %s\n", ++n, path);
	fflush(stdout);
}

static int
cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Each file in dir, in name order; none if there is no dir. */
static void
feed_dir(const char *dir)
{
	char **names = NULL, path[1024];
	size_t nn = 0, i;
	struct dirent *e;
	DIR *d;

	if ((d = opendir(dir)) == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		names = realloc(names, (nn + 1) * sizeof *names);
		names[nn++] = strdup(e->d_name);
	}
	closedir(d);
	if (nn > 0)
		qsort(names, nn, sizeof *names, cmp);
	for (i = 0; i < nn; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		feed(path);
		free(names[i]);
	}
	free(names);
}

int
main(int argc, char **argv)
{
	int i;

	if (argc > 1)
		for (i = 1; i < argc; i++)
			feed(argv[i]);
	else {
		feed_dir("tests/fuzz/corpus/" FUZZ_NAME);
		feed_dir("tests/fuzz/crashes/" FUZZ_NAME);
	}
	if (n == 0)
		printf("not ok 1 - no inputs for the %s harness (run from the "
		    "top of the tree)\n", FUZZ_NAME), n = 1;
	printf("1..%d\n", n);
	return 0;
}

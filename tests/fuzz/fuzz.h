/*
 * fuzz.h — what the fuzz harnesses share.  Each harness (NAME.c) is one
 * LLVMFuzzerTestOneInput: `make fuzz` links it with libFuzzer, and the
 * normal build links it with driver.c, which feeds it each file of
 * tests/fuzz/corpus/NAME and tests/fuzz/crashes/NAME once, as a TAP test.
 * A harness aborts on what must not happen; the sanitizers catch the rest.
 */
#ifndef DUN_FUZZ_H
#define DUN_FUZZ_H

#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The scratch folder, "" until made. */
static inline char *
fuzz_dir(void)
{
	static char dir[64];

	return dir;
}

static inline void
fuzz_cleanup(void)
{
	char cmd[96], *dir = fuzz_dir();

	if (dir[0] == '\0')
		return;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) == 0)
		dir[0] = '\0';
}

/* data as the file NAME in a scratch folder of this process's (removed
 * at exit); its path, valid until the next call.  NULL if it cannot be
 * written. */
static inline const char *
fuzz_file(const uint8_t *data, size_t size, const char *name)
{
	static char path[128];
	char *dir = fuzz_dir();
	const char *tmp = getenv("TMPDIR");
	size_t off;
	ssize_t k;
	int fd;

	if (dir[0] == '\0') {
		snprintf(dir, 64, "%s/dun-fuzz.XXXXXX", tmp && *tmp &&
		    strlen(tmp) < 40 ? tmp : "/tmp");
		if (mkdtemp(dir) == NULL) {
			dir[0] = '\0';
			return NULL;
		}
		atexit(fuzz_cleanup);
	}
	snprintf(path, sizeof path, "%s/%s", dir, name);
	if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600)) < 0)
		return NULL;
	for (off = 0; off < size; off += (size_t)k)
		if ((k = write(fd, data + off, size - off)) <= 0)
			break;
	close(fd);
	return off == size ? path : NULL;
}

/* A copy of data that ends with a NUL, malloc'd. */
static inline char *
fuzz_str(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);

	if (s == NULL)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

#endif

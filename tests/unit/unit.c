/* unit.c — the config, scratch folder and records the C unit tests share
 * (unit.h).  Not a test of its own: the Makefile links it into each. */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "unit.h"

static char *scratch;		/* the folder, or NULL */
static char **paths;		/* what unit_path gave, freed at exit */
static size_t npaths;

struct dun_config *
unit_config(const char *yaml)
{
	struct dun_err err;
	struct dun_config *c = dun_config_parse(yaml, strlen(yaml), "t.yaml",
	    0, &err);

	if (c == NULL) {
		printf("Bail out! %s\n", err.msg);
		exit(3);
	}
	return c;
}

/* Remove path and, if it is a folder, all in it: 0, or -1 with what
 * failed said as a TAP comment. */
static int
removeall(const char *path)
{
	struct stat st;
	struct dirent *e;
	DIR *d;
	char *p;
	int rc = 0;

	if (lstat(path, &st) < 0) {
		printf("# could not remove %s: %s\n", path, strerror(errno));
		return -1;
	}
	if (!S_ISDIR(st.st_mode)) {
		if (unlink(path) == 0)
			return 0;
		printf("# could not remove %s: %s\n", path, strerror(errno));
		return -1;
	}
	if ((d = opendir(path)) == NULL) {
		printf("# could not read %s: %s\n", path, strerror(errno));
		return -1;
	}
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		p = str_fmt("%s/%s", path, e->d_name);
		if (removeall(p) < 0)
			rc = -1;
		free(p);
	}
	closedir(d);
	if (rmdir(path) < 0) {
		printf("# could not remove %s: %s\n", path, strerror(errno));
		rc = -1;
	}
	return rc;
}

int
unit_scratch_remove(void)
{
	int rc;

	if (scratch == NULL)
		return 0;
	rc = removeall(scratch);
	free(scratch);
	scratch = NULL;
	return rc;
}

/* At exit: the scratch folder removed, the paths freed. */
static void
atend(void)
{
	size_t i;

	unit_scratch_remove();
	for (i = 0; i < npaths; i++)
		free(paths[i]);
	free(paths);
	paths = NULL;
	npaths = 0;
}

const char *
unit_scratch(const char *name)
{
	static int registered;

	if (scratch != NULL)
		return scratch;
	scratch = str_fmt("/tmp/dun-%s.XXXXXX", name);
	if (mkdtemp(scratch) == NULL) {
		printf("Bail out! cannot make %s: %s\n", scratch,
		    strerror(errno));
		exit(3);
	}
	if (!registered && atexit(atend) == 0)
		registered = 1;
	return scratch;
}

const char *
unit_path(const char *file)
{
	char **p;

	if (scratch == NULL)
		unit_scratch("unit");
	if ((p = realloc(paths, (npaths + 1) * sizeof *paths)) == NULL) {
		printf("Bail out! out of memory\n");
		exit(3);
	}
	paths = p;
	paths[npaths] = str_fmt("%s/%s", scratch, file);
	return paths[npaths++];
}

const char *
unit_putn(const char *file, const char *bytes, size_t n)
{
	const char *path = unit_path(file);
	FILE *f = fopen(path, "wb");

	if (f == NULL || fwrite(bytes, 1, n, f) != n || fclose(f) != 0) {
		printf("Bail out! cannot write %s\n", path);
		exit(3);
	}
	return path;
}

const char *
unit_put(const char *file, const char *s)
{
	return unit_putn(file, s, strlen(s));
}

struct dun_rec *
unit_records(const char *file, const char *s)
{
	struct dun_rec_opts o = { DUN_FMT_AUTO, NULL, 0, 0, NULL };
	struct dun_err err;
	struct dun_rec *r = dun_rec_open(unit_put(file, s), &o, &err);

	if (r == NULL) {
		printf("Bail out! %s\n", err.msg);
		exit(3);
	}
	return r;
}

const char *
unit_local(const char *msg)
{
	size_t n;

	if (scratch == NULL)
		return msg;
	n = strlen(scratch);
	return strncmp(msg, scratch, n) == 0 && msg[n] == '/' ? msg + n + 1 :
	    msg;
}

/*
 * stage.c — the files of a batch: each written under a temporary name
 * beside its final one, all given their final names at once when the
 * batch is taken, or all removed when it is not.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"

struct stage {
	struct staged {
		char *tmp, *final;
	} *f;
	size_t n;
};

struct stage *
stage_new(void)
{
	struct stage *st = xmalloc(sizeof *st);

	st->f = NULL;
	st->n = 0;
	return st;
}

const char *
stage_file(struct stage *st, const char *final)
{
	const char *base = strrchr(final, '/');
	size_t dl = base ? (size_t)(base - final) : 0;
	char *tmp = xmalloc(strlen(final) + 16);

	sprintf(tmp, "%.*s%s.%s.tmp", (int)dl, final, base ? "/" : "",
	    base ? base + 1 : final);
	st->f = xrealloc(st->f, (st->n + 1) * sizeof *st->f);
	st->f[st->n].tmp = tmp;
	st->f[st->n++].final = xstrdup(final);
	return tmp;
}

char *
stage_fresh(const struct stage *st, const char *dir, const char *base,
    const char *ext)
{
	char *p = xmalloc(strlen(dir) + strlen(base) + strlen(ext) + 32);
	size_t i;
	int k;

	for (k = 1; ; k++) {
		if (k == 1)
			sprintf(p, "%s/%s%s", dir, base, ext);
		else
			sprintf(p, "%s/%s-%d%s", dir, base, k, ext);
		for (i = 0; i < st->n && strcmp(st->f[i].final, p) != 0; i++)
			;
		if (i == st->n && access(p, F_OK) != 0)
			return p;
	}
}

int
stage_publish(struct stage *st, struct dun_err *err)
{
	size_t i;

	for (i = 0; i < st->n; i++)
		if (rename(st->f[i].tmp, st->f[i].final) < 0) {
			dun_err_set(err, DUN_EXIT_SYS, "%s: %s", st->f[i].final,
			    strerror(errno));
			return -1;
		}
	return 0;
}

void
stage_clear(struct stage *st, int finals)
{
	size_t i;

	for (i = 0; i < st->n; i++) {
		unlink(st->f[i].tmp);
		if (finals)
			unlink(st->f[i].final);
		free(st->f[i].tmp);
		free(st->f[i].final);
	}
	free(st->f);
	st->f = NULL;
	st->n = 0;
}

void
stage_free(struct stage *st)
{
	if (st == NULL)
		return;
	stage_clear(st, 0);
	free(st);
}

char *
file_safe(const char *s)
{
	char *p = xstrdup(*s ? s : "_"), *q;

	for (q = p; *q; q++)
		if (*q == '/' || *q == '\\' || (unsigned char)*q < 0x20)
			*q = '_';
	if (*p == '.')
		*p = '_';
	return p;
}

int
write_file(const char *path, const char *s, size_t len, struct dun_err *err)
{
	FILE *f = fopen(path, "wb");

	if (f == NULL || fwrite(s, 1, len, f) != len || fclose(f) != 0) {
		dun_err_set(err, DUN_EXIT_SYS, "%s: %s", path, strerror(errno));
		return -1;
	}
	return 0;
}

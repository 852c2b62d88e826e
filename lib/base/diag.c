/* diag.c — errors for the library, messages for the programs. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base.h"

static const char *prog = "dun";

void
dun_err_set(struct dun_err *e, int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	dun_err_vset(e, code, fmt, ap);
	va_end(ap);
}

void
dun_err_vset(struct dun_err *e, int code, const char *fmt, va_list ap)
{
	static const char more[] = "… (abbreviated)";
	size_t k;
	int n;

	if (e == NULL)
		return;
	e->code = code;
	n = vsnprintf(e->msg, sizeof e->msg, fmt, ap);
	if (n < 0 || (size_t)n < sizeof e->msg)
		return;
	/* Too long even so: cut at a character's start, and say so. */
	k = utf8_cut(e->msg, sizeof e->msg - 1, sizeof e->msg - sizeof more);
	memcpy(e->msg + k, more, sizeof more);
}

void
dun_setprog(const char *argv0)
{
	const char *p = strrchr(argv0, '/');

	prog = p ? p + 1 : argv0;
}

const char *
dun_prog(void)
{
	return prog;
}

void
dun_vwarn(const char *fmt, va_list ap)
{
	int saved = errno;
	size_t n = strlen(fmt);

	fprintf(stderr, "%s: ", prog);
	vfprintf(stderr, fmt, ap);
	if (n > 0 && fmt[n - 1] == ':')
		fprintf(stderr, " %s", strerror(saved));
	fputc('\n', stderr);
}

void
dun_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	dun_vwarn(fmt, ap);
	va_end(ap);
}

void
dun_die(int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	dun_vwarn(fmt, ap);
	va_end(ap);
	exit(code);
}

void
dun_err_print(const struct dun_err *e)
{
	fprintf(stderr, "%s: %s\n", prog, e->msg);
}

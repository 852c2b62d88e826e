/*
 * onefile.c — one file written whole: under a temporary name beside it,
 * locked while its writer lives and renamed when complete (dun-report's);
 * the temporaries a dead writer left swept; a unit's or collector's name
 * made safe for a file name; and the small writes fileset.c uses too.
 */
#define _DEFAULT_SOURCE		/* flock(2) */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "notice.h"

/* ---- dun-report's temporaries -------------------------------------------- */

int
temp_lock(int fd)
{
	return flock(fd, LOCK_EX | LOCK_NB);
}

void
temp_sweep(const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	char *dir = slash ? str_fmt("%.*s", (int)(slash - path + 1), path) :
	    xstrdup("./");
	size_t bl = strlen(base);
	DIR *dp = opendir(dir);
	struct dirent *e;

	while (dp != NULL && (e = readdir(dp)) != NULL) {
		const char *s = e->d_name;
		char *p;
		int fd;

		/* .BASE.XXXXXX, as mkstemp makes it. */
		if (s[0] != '.' || strncmp(s + 1, base, bl) != 0 ||
		    s[bl + 1] != '.' || strlen(s + bl + 2) != 6 ||
		    strspn(s + bl + 2, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijkl"
		    "mnopqrstuvwxyz0123456789") != 6)
			continue;
		p = str_fmt("%s%s", dir, s);
		/* Its writer holds it locked while it lives. */
		if ((fd = open(p, O_RDONLY | O_NOFOLLOW | O_NONBLOCK)) >= 0) {
			if (flock(fd, LOCK_EX | LOCK_NB) == 0)
				unlink(p);
			close(fd);
		}
		free(p);
	}
	if (dp != NULL)
		closedir(dp);
	free(dir);
}

/* ---- names and files ------------------------------------------------------- */

/* The character at s (n bytes left): its length and code point, or 0
 * when s does not begin with one in UTF-8. */
static size_t
utf8_char(const unsigned char *s, size_t n, unsigned long *cp)
{
	size_t len = s[0] < 0x80 ? 1 : s[0] < 0xe0 ? 2 : s[0] < 0xf0 ? 3 : 4;
	size_t k;
	int partial;

	if (len > n || utf8_valid(s, len, &partial) != len)
		return 0;
	*cp = len == 1 ? s[0] : len == 2 ? s[0] & 0x1fu : len == 3 ?
	    s[0] & 0x0fu : s[0] & 0x07u;
	for (k = 1; k < len; k++)
		*cp = *cp << 6 | (s[k] & 0x3fu);
	return len;
}

/* Is cp a character that shows nothing, or turns the text around it:
 * the controls, C0, DEL and C1; the marks and overrides of direction
 * (U+061C, U+200E-U+200F, U+202A-U+202E, U+2066-U+2069); the spaces
 * and joiners of no width, the soft hyphen, the byte order mark; the
 * line and paragraph separators? */
static int
unseen(unsigned long cp)
{
	return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || cp == 0xad ||
	    cp == 0x61c || cp == 0x180e || (cp >= 0x200b && cp <= 0x200f) ||
	    (cp >= 0x2028 && cp <= 0x202e) || (cp >= 0x2060 && cp <= 0x206f) ||
	    cp == 0xfeff || (cp >= 0xfff9 && cp <= 0xfffb);
}

char *
file_safe(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s), i = 0, k;
	struct buf b = { 0 };
	unsigned long cp;

	while (i < n) {
		k = utf8_char(p + i, n - i, &cp);
		if (k == 0 || unseen(cp) || cp == '/' || cp == '\\')
			buf_add(&b, "_", 1);
		else
			buf_add(&b, s + i, k);
		i += k ? k : 1;
	}
	if (b.s == NULL)
		buf_add(&b, "_", 1);
	/* Not hidden (.name), nor read as an option (-name). */
	if (*b.s == '.' || *b.s == '-')
		*b.s = '_';
	return b.s;
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

/* ---- one file, under a temporary name beside it ----------------------- */

int
temp_beside(const char *path, char **tmp)
{
	const char *slash = strrchr(path, '/');
	size_t dir = slash ? (size_t)(slash - path) + 1 : 0;
	char *t = xmalloc(strlen(path) + 16);
	int fd;

	/* What a run killed midway left here. */
	temp_sweep(path);
	memcpy(t, path, dir);
	sprintf(t + dir, ".%s.XXXXXX", path + dir);
	/* The report's own file, 0600 whatever the umask (dun(7)). */
	if ((fd = mkstemp(t)) < 0 || fchmod(fd, 0600) < 0) {
		if (fd >= 0) {
			close(fd);
			unlink(t);
		}
		free(t);
		return -1;
	}
	/* Held while this run lives (where the file system can lock). */
	temp_lock(fd);
	*tmp = t;
	return fd;
}

int
fd_write(int fd, const char *s, size_t n)
{
	ssize_t k;

	while (n > 0) {
		k = write(fd, s, n);
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0)
			return -1;
		s += k;
		n -= (size_t)k;
	}
	return 0;
}

int
file_copy(const char *path, int fd)
{
	char b[65536];
	ssize_t k;
	int in = open(path, O_RDONLY);

	if (in < 0)
		return -1;
	while ((k = read(in, b, sizeof b)) > 0)
		if (fd_write(fd, b, (size_t)k) < 0)
			break;
	close(in);
	return k == 0 ? 0 : -1;
}

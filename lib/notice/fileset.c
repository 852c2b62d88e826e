/*
 * fileset.c — files written whole: a set of them put in place at once,
 * with the register agreeing whenever the program dies (dun-notice's
 * batch).  One file under a temporary name beside it, and the helpers
 * both use, are onefile.c's.
 *
 * Each file is written under a temporary name beside its final one,
 * .NAME.tmp.  To take the batch, the temporaries are flushed to disk, its
 * notices recorded as pending with the names of its files, and committed;
 * then the files are given their final names (a notice's own file first,
 * those made of others after: the day's letters in one PDF, a list's PDF,
 * the board); then the notices are issued and committed.  A run holds
 * its folder, locked, from its start to its end.  The next run that holds
 * the folder, or finds its run dead, finishes a batch left half done: a
 * notice whose file is in place is issued, one whose file is not is taken
 * out and its temporary removed, and the files made of others are put in
 * place when every notice of the batch was, else removed.  Then it
 * removes the temporaries a dead run left.  So every file has its notice
 * and every notice its file, and nobody is in two batches.
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
#include <time.h>
#include <unistd.h>

#include "notice.h"

struct fileset {
	struct staged {
		char *tmp, *final;
		int own;		/* a notice's own file */
		int gone;		/* dropped */
		int synced;		/* on the disk already (fileset_synced) */
		size_t of;		/* made of that file; n: of them all */
	} *f;
	size_t n, cap;
	size_t *hash;			/* a set of the finals: index + 1, 0 free */
	size_t hcap;			/* 0 or a power of two */
	int dirfd;			/* the folder held, or -1 */
	char *dir;			/* its absolute name */
	dev_t dev;
	ino_t ino;
	unsigned batches;
};

struct fileset *
fileset_new(void)
{
	struct fileset *st = xmalloc(sizeof *st);

	memset(st, 0, sizeof *st);
	st->dirfd = -1;
	return st;
}

/* FNV-1a of s. */
static size_t
name_hash(const char *s)
{
	uint64_t h = 0xcbf29ce484222325u;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 0x100000001b3u;
	return (size_t)h;
}

/* Is a staged file named final? */
static int
staged_final(const struct fileset *st, const char *final)
{
	size_t i, mask = st->hcap - 1;

	if (st->hcap == 0)
		return 0;
	for (i = name_hash(final) & mask; st->hash[i] != 0; i = (i + 1) & mask)
		if (strcmp(st->f[st->hash[i] - 1].final, final) == 0)
			return 1;
	return 0;
}

/* Put file k's final name in the set, growing it at half full. */
static void
hash_add(struct fileset *st, size_t k)
{
	size_t i, mask;

	if (2 * (k + 1) > st->hcap) {
		size_t j;

		free(st->hash);
		st->hcap = st->hcap ? 2 * st->hcap : 64;
		st->hash = xmalloc(st->hcap * sizeof *st->hash);
		memset(st->hash, 0, st->hcap * sizeof *st->hash);
		for (j = 0; j < k; j++)
			hash_add(st, j);
	}
	mask = st->hcap - 1;
	for (i = name_hash(st->f[k].final) & mask; st->hash[i] != 0;
	    i = (i + 1) & mask)
		;
	st->hash[i] = k + 1;
}

const char *
fileset_temp(struct fileset *st, const char *final)
{
	const char *base = strrchr(final, '/');
	size_t dl = base ? (size_t)(base - final) : 0;
	char *tmp = xmalloc(strlen(final) + 16);

	sprintf(tmp, "%.*s%s.%s.tmp", (int)dl, final, base ? "/" : "",
	    base ? base + 1 : final);
	if (st->n == st->cap) {
		st->cap = st->cap ? 2 * st->cap : 64;
		st->f = xrealloc(st->f, st->cap * sizeof *st->f);
	}
	st->f[st->n].tmp = tmp;
	st->f[st->n].own = 0;
	st->f[st->n].gone = 0;
	st->f[st->n].synced = 0;
	st->f[st->n].of = (size_t)-1;
	st->f[st->n].final = xstrdup(final);
	hash_add(st, st->n++);
	return tmp;
}

size_t
fileset_count(const struct fileset *st)
{
	return st->n;
}

void
fileset_made_of(struct fileset *st, size_t i, size_t of)
{
	if (i < st->n && of < st->n)
		st->f[i].of = of;
}

void
fileset_own(struct fileset *st, size_t i)
{
	if (i < st->n)
		st->f[i].own = 1;
}

void
fileset_drop(struct fileset *st, size_t i)
{
	if (i >= st->n)
		return;
	unlink(st->f[i].tmp);
	st->f[i].gone = 1;
}

char *
fileset_fresh(const struct fileset *st, const char *dir, const char *base,
    const char *ext)
{
	char *p = xmalloc(strlen(dir) + strlen(base) + strlen(ext) + 32);
	int k;

	for (k = 1; ; k++) {
		if (k == 1)
			sprintf(p, "%s/%s%s", dir, base, ext);
		else
			sprintf(p, "%s/%s-%d%s", dir, base, k, ext);
		if (!staged_final(st, p) && access(p, F_OK) != 0)
			return p;
	}
}

/* Rename the staged files, a notice's own first: 0, or -1 and err with
 * *done the count renamed (of the order own, then the rest). */
static int
rename_all(struct fileset *st, size_t *done, struct dun_err *err)
{
	int pass;
	size_t i;

	*done = 0;
	for (pass = 1; pass >= 0; pass--)
		for (i = 0; i < st->n; i++) {
			if (st->f[i].own != pass || st->f[i].gone)
				continue;
			if (rename(st->f[i].tmp, st->f[i].final) < 0) {
				dun_err_set(err, DUN_EXIT_SYS, "%s: %s",
				    st->f[i].final, strerror(errno));
				return -1;
			}
			(*done)++;
		}
	return 0;
}

int
fileset_publish(struct fileset *st, struct dun_err *err)
{
	size_t done;

	return rename_all(st, &done, err);
}

void
fileset_clear(struct fileset *st, int finals)
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
	st->n = st->cap = 0;
	free(st->hash);
	st->hash = NULL;
	st->hcap = 0;
}

void
fileset_free(struct fileset *st)
{
	if (st == NULL)
		return;
	fileset_clear(st, 0);
	if (st->dirfd >= 0)
		close(st->dirfd);	/* and the lock with it */
	free(st->dir);
	free(st);
}

/* ---- the folder, held ---------------------------------------------------- */

/* path made absolute by the working folder; malloc'd. */
static char *
absolute(const char *path)
{
	char *cwd, *p;
	size_t size = 256;

	if (*path == '/')
		return xstrdup(path);
	for (cwd = xmalloc(size); getcwd(cwd, size) == NULL; ) {
		if (errno != ERANGE) {
			free(cwd);
			return xstrdup(path);
		}
		cwd = xrealloc(cwd, size *= 2);
	}
	p = str_fmt("%s/%s", cwd, path);
	free(cwd);
	return p;
}

int
fileset_hold(struct fileset *st, const char *dir, struct dun_err *err)
{
	struct stat sb;

	if ((st->dirfd = open(dir, O_RDONLY | O_DIRECTORY)) < 0 ||
	    fstat(st->dirfd, &sb) < 0) {
		dun_err_set(err, DUN_EXIT_SYS, "%s: %s", dir, strerror(errno));
		return -1;
	}
	/* Another run writing here: wait for it to end. */
	while (flock(st->dirfd, LOCK_EX) < 0)
		if (errno != EINTR) {
			if (errno == ENOLCK || errno == EINVAL ||
			    errno == EOPNOTSUPP)
				break;	/* a file system without locks */
			dun_err_set(err, DUN_EXIT_SYS, "%s: cannot lock: %s",
			    dir, strerror(errno));
			return -1;
		}
	st->dir = absolute(dir);
	st->dev = sb.st_dev;
	st->ino = sb.st_ino;
	return 0;
}

/* ---- taking a batch ------------------------------------------------------ */

void
fileset_synced(struct fileset *st, size_t i)
{
	if (i < st->n)
		st->f[i].synced = 1;
}

/* Flush what is under a temporary name to the disk. */
int
fileset_sync_file(const char *path, struct dun_err *err)
{
	int fd = open(path, O_RDONLY), r = -1, e = 0;

	if (fd >= 0) {
		if ((r = fsync(fd)) < 0)
			e = errno;
		if (close(fd) < 0 && r == 0) {
			r = -1;
			e = errno;
		}
	} else
		e = errno;
	if (r < 0) {
		dun_err_set(err, DUN_EXIT_SYS, "%s: %s", path, strerror(e));
		return -1;
	}
	return 0;
}

/* Flush the folders the renames were in; some file systems cannot. */
static void
sync_dirs(struct fileset *st)
{
	char **seen = xmalloc((st->n + 1) * sizeof *seen);
	size_t i, k, ns = 0;

	for (i = 0; i < st->n; i++) {
		const char *slash = strrchr(st->f[i].final, '/');
		char *d;
		int fd;

		if (st->f[i].gone)
			continue;
		d = slash ? str_fmt("%.*s", (int)(slash - st->f[i].final),
		    st->f[i].final) : xstrdup(".");

		for (k = 0; k < ns && strcmp(seen[k], d) != 0; k++)
			;
		if (k < ns) {
			free(d);
			continue;
		}
		seen[ns++] = d;
		if ((fd = open(d, O_RDONLY | O_DIRECTORY)) >= 0) {
			fsync(fd);
			close(fd);
		}
	}
	for (k = 0; k < ns; k++)
		free(seen[k]);
	free(seen);
}

/* Record file i of the batch, the notice id's own (0: none). */
static int
record_file(struct fileset *st, struct dun_ledger *l, const char *batch,
    size_t i, int64_t id, struct dun_err *err)
{
	char *tmp = absolute(st->f[i].tmp), *final = absolute(st->f[i].final);
	char *of = id == 0 && st->f[i].of < st->n ?
	    absolute(st->f[st->f[i].of].final) : NULL;
	int r = ledger_batch_file(l, batch, st->dir ? st->dir : "", tmp, final,
	    id, of, err);

	free(tmp);
	free(final);
	free(of);
	return r;
}

/* A rename failed: take back the first done renamed and what was
 * recorded; should the ledger fail too, the next run does it. */
static void
undo(struct fileset *st, struct dun_ledger *l, const char *batch,
    const int64_t *id, size_t nv, size_t done)
{
	struct dun_err e2;
	size_t i, k = 0;
	int pass;

	for (pass = 1; pass >= 0; pass--)
		for (i = 0; i < st->n; i++)
			if (st->f[i].own == pass && !st->f[i].gone &&
			    k++ < done)
				unlink(st->f[i].final);
	if (dun_ledger_begin(l, &e2) < 0)
		return;
	if (ledger_batch_done(l, batch, 0, &e2) == 0) {
		for (i = 0; i < nv; i++)
			if (ledger_notice_settle(l, id[i], 0, &e2) < 0)
				break;
		if (i == nv && dun_ledger_commit(l, &e2) == 0)
			return;
	}
	dun_ledger_rollback(l);
}

/* The next of an array of notices, for fileset_commit. */
struct array_next {
	const struct fileset_notice *v;
	size_t n, i;
};

static int
array_next(void *arg, struct fileset_notice *v, struct dun_err *err)
{
	struct array_next *a = arg;

	(void)err;
	if (a->i == a->n)
		return 0;
	*v = a->v[a->i++];
	return 1;
}

int
fileset_commit(struct fileset *st, struct dun_ledger *l,
    const struct fileset_notice *v, size_t nv, struct dun_err *err)
{
	struct array_next a = { v, nv, 0 };
	size_t i;

	for (i = 0; i < nv; i++)
		if (v[i].file < st->n && !st->f[v[i].file].gone)
			st->f[v[i].file].own = 1;
	return fileset_commit_each(st, l, array_next, &a, err);
}

int
fileset_commit_each(struct fileset *st, struct dun_ledger *l,
    fileset_next_fn *next, void *arg, struct dun_err *err)
{
	struct fileset_notice v;
	int64_t *id = NULL;
	char *owned = xmalloc(st->n + 1), *batch;
	size_t i, nv = 0, capid = 0, done = 0;
	int r = -1, k;

	batch = str_fmt("%ld-%lld-%u", (long)getpid(), (long long)time(NULL),
	    st->batches++);
	for (i = 0; i < st->n; i++)
		owned[i] = st->f[i].own && !st->f[i].gone;
	/* What is committed as pending is on the disk. */
	for (i = 0; i < st->n; i++)
		if (!st->f[i].gone && !st->f[i].synced &&
		    fileset_sync_file(st->f[i].tmp, err) < 0)
			goto out;
	if (dun_ledger_begin(l, err) < 0)
		goto out;
	/* A notice with no file of its own is issued at once.  Only the
	 * ids are kept, to take the notices back should a rename fail. */
	while ((k = next(arg, &v, err)) > 0) {
		int own = v.file < st->n && owned[v.file];

		if (nv == capid) {
			capid = capid ? 2 * capid : 256;
			id = xrealloc(id, capid * sizeof *id);
		}
		if (ledger_notice_put(l, v.row, own, &id[nv], err) < 0 ||
		    (own && record_file(st, l, batch, v.file, id[nv],
		    err) < 0))
			goto rollback;
		nv++;
	}
	if (k < 0)
		goto rollback;
	for (i = 0; i < st->n; i++)
		if (!owned[i] && !st->f[i].gone &&
		    record_file(st, l, batch, i, 0, err) < 0)
			goto rollback;
	if (dun_ledger_commit(l, err) < 0)
		goto rollback;
	/* Recorded as pending: now the files, then the notices issued. */
	if (rename_all(st, &done, err) < 0) {
		undo(st, l, batch, id, nv, done);
		goto out;
	}
	sync_dirs(st);
	if (dun_ledger_begin(l, err) < 0 ||
	    ledger_batch_done(l, batch, 1, err) < 0 ||
	    dun_ledger_commit(l, err) < 0) {
		/* The files are in place: the next run issues them. */
		dun_ledger_rollback(l);
		goto out;
	}
	r = 0;
	goto out;
rollback:
	dun_ledger_rollback(l);
out:
	fileset_clear(st, 0);
	free(batch);
	free(id);
	free(owned);
	return r;
}

/* ---- what a dead run left -------------------------------------------------- */

static int
exists(const char *path)
{
	struct stat sb;

	return lstat(path, &sb) == 0;
}

/* Is the folder of a batch free: ours, gone, or not locked by a live
 * run?  1 free, with *fd to close once done (-1 if none); 0 held. */
static int
folder_free(struct fileset *st, const char *dir, int *fd)
{
	struct stat sb;

	*fd = -1;
	if (stat(dir, &sb) < 0)
		return 1;
	if (st->dirfd >= 0 && sb.st_dev == st->dev && sb.st_ino == st->ino)
		return 1;
	if ((*fd = open(dir, O_RDONLY | O_DIRECTORY)) < 0)
		return 1;
	if (flock(*fd, LOCK_EX | LOCK_NB) < 0 && errno == EWOULDBLOCK) {
		close(*fd);
		*fd = -1;
		return 0;
	}
	return 1;
}

/* Finish the batch of files v[0..n), its notices' files first. */
static int
finish_batch(struct dun_ledger *l, const struct batch_file *v, size_t n,
    long *issued, long *withdrawn, struct dun_err *err)
{
	char *in_place = xmalloc(n + 1);
	size_t i;
	int whole = 1, r = 0;

	for (i = 0; i < n; i++) {
		if (v[i].notice_id == 0)
			continue;
		in_place[i] = !exists(v[i].tmp) && exists(v[i].final);
		if (!in_place[i]) {
			unlink(v[i].tmp);
			whole = 0;
		}
	}
	for (i = 0; i < n; i++) {
		int put = whole;
		size_t k;

		if (v[i].notice_id != 0 || !exists(v[i].tmp))
			continue;
		/* Made of one file: put in place if that one was. */
		for (k = 0; v[i].of != NULL && k < n; k++)
			if (v[k].notice_id != 0 && strcmp(v[k].final,
			    v[i].of) == 0) {
				put = in_place[k];
				break;
			}
		if (!put || exists(v[i].final) ||
		    rename(v[i].tmp, v[i].final) < 0)
			unlink(v[i].tmp);
	}
	if (dun_ledger_begin(l, err) < 0 ||
	    ledger_batch_done(l, v[0].batch, 0, err) < 0)
		r = -1;
	for (i = 0; r == 0 && i < n && v[i].notice_id != 0; i++)
		if (ledger_notice_settle(l, v[i].notice_id, in_place[i],
		    err) < 0)
			r = -1;
	if (r == 0 && dun_ledger_commit(l, err) < 0)
		r = -1;
	if (r < 0)
		dun_ledger_rollback(l);
	else
		for (i = 0; i < n && v[i].notice_id != 0; i++)
			(*(in_place[i] ? issued : withdrawn))++;
	free(in_place);
	return r;
}

int
fileset_recover(struct fileset *st, struct dun_ledger *l, long *issued,
    long *withdrawn, struct dun_err *err)
{
	struct batch_file *v;
	size_t n, i, k;
	int r = 0, fd;

	*issued = *withdrawn = 0;
	if (ledger_batch_files(l, &v, &n, err) < 0)
		return -1;
	for (i = 0; r == 0 && i < n; i = k) {
		for (k = i; k < n && strcmp(v[k].batch, v[i].batch) == 0; k++)
			;
		if (!folder_free(st, v[i].dir, &fd))
			continue;	/* its run is alive */
		r = finish_batch(l, v + i, k - i, issued, withdrawn, err);
		if (fd >= 0)
			close(fd);
	}
	ledger_batch_files_free(v, n);
	return r;
}

/* Is name one of dun-notice's temporaries in the folder sub of its
 * output ("" for the folder itself)? */
static int
our_temporary(const char *sub, const char *name)
{
	static const char *const top[] = { "sms-", "letters-", "calls-",
		"visits-", "board-", "attach.", NULL };
	size_t n = strlen(name), i;

	if (*sub == '\0' && strncmp(name, ".dun-probe.", 11) == 0)
		return name[11] != '\0' && strspn(name + 11, "0123456789") ==
		    n - 11;
	if (n < 6 || name[0] != '.' || strcmp(name + n - 4, ".tmp") != 0)
		return 0;
	if (*sub == '\0') {
		for (i = 0; top[i]; i++)
			if (strncmp(name + 1, top[i], strlen(top[i])) == 0)
				return 1;
		return 0;
	}
	/* letters/NOTICE.pdf, email/NOTICE.eml, sms/NOTICE.txt */
	return n > 9 && strncmp(name + n - 8, strcmp(sub, "letters") == 0 ?
	    ".pdf" : strcmp(sub, "email") == 0 ? ".eml" : ".txt", 4) == 0;
}

void
fileset_sweep(struct fileset *st)
{
	static const char *const subs[] = { "", "letters", "email", "sms" };
	size_t i;

	if (st->dir == NULL)
		return;
	for (i = 0; i < sizeof subs / sizeof *subs; i++) {
		char *d = *subs[i] ? str_fmt("%s/%s", st->dir, subs[i]) :
		    xstrdup(st->dir);
		DIR *dp = opendir(d);
		struct dirent *e;

		while (dp != NULL && (e = readdir(dp)) != NULL)
			if (our_temporary(subs[i], e->d_name)) {
				char *p = str_fmt("%s/%s", d, e->d_name);

				unlink(p);
				free(p);
			}
		if (dp != NULL)
			closedir(dp);
		free(d);
	}
}

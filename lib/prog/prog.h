/*
 * prog.h — what the five programs share: their start, the options every
 * one of them has, usage, and the loop over records with its one policy
 * on errors.  For cmd/ only: unlike the rest of the library, these print
 * (with the program's name) and some exit.
 *
 * The policy, the same in every program:
 *
 *   - a bad record (DUN_EXIT_DATA) is reported, counted, and the loop
 *     goes on with the next record; a file whose header will not do is
 *     reported and passed over, and the loop goes on with the next file;
 *   - any other error (DUN_EXIT_SYS: I/O, the ledger; DUN_EXIT_USAGE) is
 *     reported and stops the loop, and so does a file that cannot be
 *     opened;
 *   - the exit status is the worst seen: 3 > 2 > 1 > 0.
 *
 * Where a program needs every input whole (dun-report's tables are of all
 * their inputs or none; dun-import's is one transaction), it says so in
 * struct dun_prog_loop's all: then a file that will not do stops the loop
 * as well.  Bad records still go on: what they mean at the end (no
 * commit, exit 1) is the program's to decide, from struct dun_prog's bad.
 */
#ifndef DUN_PROG_H
#define DUN_PROG_H

#include "dun.h"

/* A program's common options and how it fares. */
struct dun_prog {
	const char *name;	/* "dun-age", for -V */
	const char *usage;	/* the man page's SYNOPSIS, "usage: ..." */
	const char *conf;	/* -c, --config: NULL the built-in */
	const char *db;		/* -d, --db: NULL the default ledger */
	const char *asof;	/* -t, --as-of: NULL today */
	int status;		/* the worst exit status so far */
	long bad;		/* bad records and files reported */
};

/* Start a program: its name (from argv0) prefixes every message, the
 * files it creates are its owner's alone (dun_private), and p is set to
 * no options given and nothing gone wrong.  name and usage are kept, not
 * copied. */
void dun_prog_start(struct dun_prog *p, const char *argv0, const char *name,
    const char *usage);
/* The usage text on standard error, and exit DUN_EXIT_USAGE. */
_Noreturn void dun_usage(void);
/* One option letter from getopt_long, with its argument: -c, -d and -t
 * are kept in p, -h prints the usage text on standard output and -V the
 * version, and both exit 0; any other letter is a usage error (the
 * program's own letters are its own business, before this call). */
void dun_prog_opt(struct dun_prog *p, int c, const char *arg);
/* The config (-c) and, if asof is not NULL, the day (-t) into *asof.  On
 * error the message is said and the program exits with its status.  The
 * caller frees the config (dun_config_free). */
struct dun_config *dun_prog_config(const struct dun_prog *p, dun_date *asof);

/* Say, once the output is written, the years the run needed a list of
 * public holidays for and the calendar has none (dun_calendar_missing,
 * why): what a date there is worth without one, a contact's quiet days
 * (why has DUN_CAL_CONTACT) or a limitation date's weekends. */
void dun_prog_holidays_missing(const struct dun_config *c, int why);

/* Knobs from the environment, read after the options.  Unset or empty
 * is the default; any other value that will not do is said, naming the
 * variable and its value ("DUN_THREADS=0: not a count of threads from 1
 * to 64"), and is -1: the caller exits DUN_EXIT_USAGE before reading
 * anything.
 * dun_prog_env_count: a count from 1 to max in digits, into *n (0 if
 * unset: the program's own default); what names what is counted.
 * dun_prog_env_size: a size in bytes, or with K, M or G after the digits
 * (KiB, MiB, GiB), into *n (dflt if unset). */
int dun_prog_env_count(const char *name, long max, const char *what, int *n);
int dun_prog_env_size(const char *name, size_t dflt, size_t *n);

/* Say e ("prog: message") and remember its status if it is the worst so
 * far.  Returns 0 if the program goes on (a bad record: counted in
 * p->bad), -1 if the error stops it (anything else). */
int dun_prog_error(struct dun_prog *p, const struct dun_err *e);
/* The same for a message said at once, uncut, as dun_warn says it. */
int dun_prog_warn(struct dun_prog *p, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* dun_bad_fn for the library's own loops: arg is the struct dun_prog;
 * the bad row is said and counted. */
void dun_prog_bad(const struct dun_err *e, void *arg);
/* Flush standard output (dun_prog_flush) or close o, which writes it
 * (dun_prog_close): a write that failed is said ("stdout: ...") and is
 * DUN_EXIT_SYS.  0, or -1 if it failed. */
int dun_prog_flush(struct dun_prog *p);
int dun_prog_close(struct dun_prog *p, struct dun_out *o);

/* Told of a reader or of its current record, with the loop's arg: 0 done,
 * -1 with err set.  See struct dun_prog_loop for what else each may say. */
typedef int dun_prog_fn(struct dun_rec *r, void *arg, struct dun_err *err);

/* What the loop does with each file and record. */
struct dun_prog_loop {
	const struct dun_rec_opts *opts;	/* how files are opened; NULL
						 * the defaults */
	dun_prog_fn *bind;	/* each file's header, or NULL: 0 read the
				 * file, 1 pass it over (the callback has
				 * said why, with dun_prog_warn), -1 err */
	dun_prog_fn *skip;	/* or NULL: each record as read, before its
				 * fields are checked against the header;
				 * 1 pass it over */
	dun_prog_fn *each;	/* each record; NULL: bind reads the file
				 * itself (a loop of the library's) */
	void (*unreadable)(void *arg);	/* or NULL: told of each record
					 * the reader refused, to count it */
	void *arg;
	int all;		/* every file is needed whole: one whose
				 * bind fails stops the loop */
	struct dun_rec **first;	/* or NULL: the first file bound is kept
				 * open here (for its header), the caller's
				 * to close */
};

/* Read r through lp, as the policy above says; r stays the caller's.  A
 * reader that cannot go on (bad encoding, I/O) ends the file there.
 * Returns 0, or -1 if the loop was stopped. */
int dun_prog_read(struct dun_prog *p, struct dun_rec *r,
    const struct dun_prog_loop *lp);
/* Open each of files (NULL-ended; "-" is standard input) with lp->opts
 * and read it with dun_prog_read, then close it (but lp->first).  0, or
 * -1 if the loop was stopped: the files after are not opened. */
int dun_prog_files(struct dun_prog *p, char *const *files,
    const struct dun_prog_loop *lp);

#endif

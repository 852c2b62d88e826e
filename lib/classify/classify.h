/*
 * classify.h — dun-classify's work (lib/classify/): each record's class,
 * stage, channel and action by the config's rules and ladder
 * (classify.c, with the contact rules of calendar.h and the expressions
 * of expr.h), and its records, ranked (classify_out.c).
 */
#ifndef DUN_CLASSIFY_H
#define DUN_CLASSIFY_H

#include "calendar.h"

enum { DUN_ACT_SEND, DUN_ACT_WAIT, DUN_ACT_HOLD, DUN_ACT_SERVICE_DESK,
	DUN_ACT_OFFER_PLAN, DUN_ACT_REVIEW, DUN_ACT_COUNT };

/* What dun-classify says of one record. */
struct dun_decision {
	int cls;		/* index in config classes, or -1 */
	int stage;		/* index in the ladder, or -1 */
	int channel;		/* enum dun_channel, or -1 */
	int action;		/* DUN_ACT_* */
	dun_date due_on;	/* DUN_NODATE: none */
	const char *reason;	/* in words, whole: the classifier's, until
				 * its next decision */
};

struct dun_classifier;

const char *dun_action_name(int action);
/* Parse every class rule of c once.  NULL on error, with err at the rule's
 * place in the YAML (DUN_EXIT_USAGE). */
struct dun_classifier *dun_classifier_new(const struct dun_config *c,
    struct dun_err *err);
void dun_classifier_free(struct dun_classifier *k);
/* Find the columns the rules and the ladder read in r's header: -1 if one
 * is missing (DUN_EXIT_DATA). */
int dun_classifier_bind(struct dun_classifier *k, const struct dun_rec *r,
    struct dun_err *err);
/* Decide for r's current record: 0, or -1 if a field does not parse. */
int dun_classify(struct dun_classifier *k, const struct dun_rec *r,
    dun_date today, struct dun_decision *d, struct dun_err *err);
/* The same, with every rule tried and every ladder condition, in words,
 * as *text: the classifier's, until its next decision. */
int dun_classify_explain(struct dun_classifier *k, const struct dun_rec *r,
    dun_date today, struct dun_decision *d, const char **text,
    struct dun_err *err);
void dun_classify_rank_key(const struct dun_classifier *k, dun_money *worth,
    long *age);

/* dun-classify's output (classify_out.c): each record with its decision,
 * kept until the last is read, then written in the order read under the
 * columns read and those dun-classify appends, each with its priority
 * (1: the most worth recovering, then the most days overdue, then the
 * first read).  The records are kept in memory up to a size; past it,
 * they are all set aside in a file under $TMPDIR that has no name (it
 * is unlinked as it is made), and only their priorities stay in memory
 * (24 bytes a record).  The output is the same either way. */
struct dun_ranking;

/* The memory dun-classify keeps records in by default, in bytes. */
#define DUN_RANKING_MEMORY ((size_t)8 << 20)

/* An empty ranking, for c's classes and stages (c must outlive it), that
 * keeps records in up to memory bytes (0: every record is set aside). */
struct dun_ranking *dun_ranking_new(const struct dun_config *c,
    size_t memory);
/* Keep r's current record with its decision d, ranked by what k read of
 * it (dun_classify_rank_key).  0, or -1 and err (DUN_EXIT_SYS) if the
 * file to set records aside in cannot be made or written: the ranking
 * cannot be written then. */
int dun_ranking_add(struct dun_ranking *g, const struct dun_rec *r,
    const struct dun_decision *d, const struct dun_classifier *k,
    struct dun_err *err);
/* Rank the records kept and write them to o, under head's columns and
 * those appended.  0, or -1 with err (the rest is not written): the
 * records set aside cannot be read back (DUN_EXIT_SYS), or a write to o
 * failed (err's code DUN_EXIT_OK, errno set: dun_out_close says it). */
int dun_ranking_write(struct dun_ranking *g, const struct dun_rec *head,
    struct dun_out *o, struct dun_err *err);
void dun_ranking_free(struct dun_ranking *g);

#endif

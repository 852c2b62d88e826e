/* internal.h — what the library's files share and the programs do not. */
#ifndef DUN_INTERNAL_H
#define DUN_INTERNAL_H

#include <stddef.h>
#include "dun.h"

/* An arena: many small allocations freed at once.  Allocation failure
 * aborts: the library's data are small and a half-built config is worse. */
struct arena;
struct arena *arena_new(void);
void *arena_alloc(struct arena *a, size_t n);
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_strdup(struct arena *a, const char *s);
void arena_reset(struct arena *a);	/* free all but keep one block */
void arena_free(struct arena *a);

void *xmalloc(size_t n);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);

/* Length of the valid UTF-8 prefix of s[0..n); *partial is set when the
 * invalid part is only a sequence cut off by the end. */
size_t utf8_valid(const unsigned char *s, size_t n, int *partial);

/* Say why a value is bad: "VALUE" what, into why (DUN_WHY bytes), the
 * value cut at 40 bytes. */
void why_quote(char *why, const char *s, size_t n, const char *what);

/* Trim ASCII blanks (and U+3000, the ideographic space) from both ends. */
void trim(const char **s, size_t *n);

/* A unit's history being gathered: dun_hist and room to grow. */
struct hb {
	struct dun_hist h;
	size_t cap[5];
	struct arena *a;
	int bad, has_info;
};

void hb_init(struct hb *b);
void hb_reset(struct hb *b);
void hb_free(struct hb *b);
char *hb_str(struct hb *b, const char *s);	/* NULL and "" stay NULL */
struct dun_hcharge *hb_charge(struct hb *b);
struct dun_hmoney *hb_payment(struct hb *b);
struct dun_hmoney *hb_adjustment(struct hb *b);
struct dun_hevent *hb_event(struct hb *b);
struct dun_hnotice *hb_notice(struct hb *b);
/* The ledger's histories, unit by unit (ledger.c). */
struct ledger_hist;
struct ledger_hist *ledger_hist_open(struct dun_ledger *l,
    const struct dun_config *c, char *const *units, size_t nunits,
    dun_report_fn *report, void *arg, struct dun_err *err);
int ledger_hist_next(struct ledger_hist *lh, const struct dun_hist **h,
    int *bad, struct dun_err *err);
void ledger_hist_close(struct ledger_hist *lh);

int stage_index(const struct dun_config *c, const char *name);
int fee_index(const struct dun_config *c, const char *name, int late_ok);

#endif

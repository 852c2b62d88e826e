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

#endif

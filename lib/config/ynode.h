/* ynode.h — the config's YAML as a tree of nodes with their places. */
#ifndef DUN_YNODE_H
#define DUN_YNODE_H

#include "config.h"

enum { Y_NULL, Y_SCALAR, Y_SEQ, Y_MAP };

struct ynode {
	int kind, quoted;
	char *s;			/* a scalar's text */
	size_t n;
	struct ynode **kids;		/* a map: key, value, key, value... */
	size_t nkids, capkids;
	const char *file;
	int line, col;
};

/* Parse YAML text into nodes in arena a; a mapping at the top.  NULL on
 * error, err set with "FILE:LINE:COL: ..." (DUN_EXIT_USAGE). */
struct ynode *ynode_parse(struct arena *a, const char *text, size_t len,
    const char *file, struct dun_err *err);
struct ynode *ynode_get(const struct ynode *map, const char *key);
/* over merged onto base: maps key by key, null deletes, else replace. */
struct ynode *ynode_merge(struct arena *a, struct ynode *base,
    struct ynode *over);
/* The tree as YAML text, malloc'd; NULL if libyaml fails. */
char *ynode_emit(const struct ynode *root);

#endif

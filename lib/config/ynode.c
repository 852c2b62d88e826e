/*
 * ynode.c — YAML text to a tree of nodes that know their file, line and
 * column (by libyaml), the merge of one tree over another, and the tree
 * written back as YAML.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "ynode.h"

/* How deep mappings and lists may nest: build() recurses that deep, and
 * a config needs six levels or so. */
#define DEPTH_MAX 100

static struct ynode *
node_new(struct arena *a, int kind, const char *file, yaml_mark_t m)
{
	struct ynode *n = arena_alloc(a, sizeof *n);

	n->kind = kind;
	n->file = file;
	n->line = (int)m.line + 1;
	n->col = (int)m.column + 1;
	return n;
}

static void
add_kid(struct arena *a, struct ynode *n, struct ynode *k)
{
	if (n->nkids == n->capkids) {
		size_t cap = n->capkids ? n->capkids * 2 : 8;
		struct ynode **v = arena_alloc(a, cap * sizeof *v);

		if (n->nkids)
			memcpy(v, n->kids, n->nkids * sizeof *v);
		n->kids = v;
		n->capkids = cap;
	}
	n->kids[n->nkids++] = k;
}

struct yparse {
	yaml_parser_t p;
	struct arena *a;
	const char *file;
	struct dun_err *err;
	int depth;			/* collections open */
};

/* "FILE:LINE:COLUMN: " and what fmt says; -1. */
static int yfail(struct yparse *y, yaml_mark_t m, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
yfail(struct yparse *y, yaml_mark_t m, const char *fmt, ...)
{
	struct buf b = { NULL, 0, 0 };
	va_list ap;

	buf_fmt(&b, "%s:%zu:%zu: ", y->file, m.line + 1, m.column + 1);
	va_start(ap, fmt);
	buf_vfmt(&b, fmt, ap);
	va_end(ap);
	dun_err_set(y->err, DUN_EXIT_USAGE, "%s", b.s);
	buf_free(&b);
	return -1;
}

static int
next_event(struct yparse *y, yaml_event_t *ev)
{
	if (yaml_parser_parse(&y->p, ev))
		return 0;
	return yfail(y, y->p.problem_mark, "%s%s%s", y->p.problem ?
	    y->p.problem : "bad YAML", y->p.context ? " " : "",
	    y->p.context ? y->p.context : "");
}

static int is_null_text(const char *s)
{
	return *s == '\0' || strcmp(s, "~") == 0 || strcmp(s, "null") == 0 ||
	    strcmp(s, "Null") == 0 || strcmp(s, "NULL") == 0;
}

/* Build the node that ev starts; *out. */
static int
build(struct yparse *y, yaml_event_t *ev, struct ynode **out)
{
	struct ynode *n, *k;
	yaml_event_t sub;
	int end;

	switch (ev->type) {
	case YAML_SCALAR_EVENT:
		n = node_new(y->a, Y_SCALAR, y->file, ev->start_mark);
		n->s = arena_strndup(y->a, (char *)ev->data.scalar.value,
		    ev->data.scalar.length);
		n->n = ev->data.scalar.length;
		n->quoted = ev->data.scalar.style != YAML_PLAIN_SCALAR_STYLE;
		if (!n->quoted && is_null_text(n->s))
			n->kind = Y_NULL;
		*out = n;
		return 0;
	case YAML_ALIAS_EVENT:
		return yfail(y, ev->start_mark, "aliases (*name) are not "
		    "supported in dun.yaml");
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT:
		break;
	default:
		return yfail(y, ev->start_mark, "unexpected YAML structure");
	}
	if (y->depth >= DEPTH_MAX)
		return yfail(y, ev->start_mark, "nested more than %d levels "
		    "deep", DEPTH_MAX);
	if ((ev->type == YAML_SEQUENCE_START_EVENT &&
	    ev->data.sequence_start.anchor) ||
	    (ev->type == YAML_MAPPING_START_EVENT &&
	    ev->data.mapping_start.anchor))
		return yfail(y, ev->start_mark, "anchors (&name) are not "
		    "supported in dun.yaml");
	n = node_new(y->a, ev->type == YAML_SEQUENCE_START_EVENT ? Y_SEQ :
	    Y_MAP, y->file, ev->start_mark);
	end = ev->type == YAML_SEQUENCE_START_EVENT ?
	    YAML_SEQUENCE_END_EVENT : YAML_MAPPING_END_EVENT;
	y->depth++;
	for (;;) {
		if (next_event(y, &sub) < 0)
			return -1;
		if ((int)sub.type == end) {
			yaml_event_delete(&sub);
			break;
		}
		if (n->kind == Y_MAP && n->nkids % 2 == 0 &&
		    sub.type != YAML_SCALAR_EVENT) {
			yfail(y, sub.start_mark, "a key must be a plain word");
			yaml_event_delete(&sub);
			return -1;
		}
		if (build(y, &sub, &k) < 0) {
			yaml_event_delete(&sub);
			return -1;
		}
		yaml_event_delete(&sub);
		if (n->kind == Y_MAP && n->nkids % 2 == 0 &&
		    ynode_get(n, k->s) != NULL)
			return yfail(y, (yaml_mark_t){ 0, (size_t)k->line - 1,
			    (size_t)k->col - 1 }, "key %s appears twice",
			    abbr_q(k->s).s);
		add_kid(y->a, n, k);
	}
	y->depth--;
	*out = n;
	return 0;
}

struct ynode *
ynode_parse(struct arena *a, const char *text, size_t len, const char *file,
    struct dun_err *err)
{
	struct yparse y;
	yaml_event_t ev;
	struct ynode *root = NULL;
	int state = 0;

	memset(&y, 0, sizeof y);
	y.a = a;
	y.file = arena_strdup(a, file);
	y.err = err;
	if (!yaml_parser_initialize(&y.p)) {
		dun_err_set(err, DUN_EXIT_SYS, "%s: cannot start libyaml",
		    file);
		return NULL;
	}
	yaml_parser_set_input_string(&y.p, (const unsigned char *)text, len);
	for (;;) {
		if (next_event(&y, &ev) < 0)
			goto fail;
		if (ev.type == YAML_STREAM_END_EVENT) {
			yaml_event_delete(&ev);
			break;
		}
		if (ev.type == YAML_DOCUMENT_START_EVENT) {
			if (state++ > 0) {
				yfail(&y, ev.start_mark, "more than one YAML "
				    "document");
				yaml_event_delete(&ev);
				goto fail;
			}
		} else if (ev.type != YAML_STREAM_START_EVENT &&
		    ev.type != YAML_DOCUMENT_END_EVENT) {
			if (build(&y, &ev, &root) < 0) {
				yaml_event_delete(&ev);
				goto fail;
			}
		}
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&y.p);
	if (root == NULL || root->kind == Y_NULL)
		root = node_new(a, Y_MAP, y.file, (yaml_mark_t){ 0, 0, 0 });
	if (root->kind != Y_MAP) {
		dun_err_set(err, DUN_EXIT_USAGE, "%s:%d:%d: the config must "
		    "be a mapping of sections (fees:, ladder:, ...)", file,
		    root->line, root->col);
		return NULL;
	}
	return root;
fail:
	yaml_parser_delete(&y.p);
	return NULL;
}

struct ynode *
ynode_get(const struct ynode *map, const char *key)
{
	size_t i;

	if (map == NULL || map->kind != Y_MAP)
		return NULL;
	for (i = 0; i + 1 < map->nkids; i += 2)
		if (strcmp(map->kids[i]->s, key) == 0)
			return map->kids[i + 1];
	return NULL;
}

struct ynode *
ynode_merge(struct arena *a, struct ynode *base, struct ynode *over)
{
	struct ynode *m;
	size_t i, j;

	if (base == NULL || base->kind != Y_MAP || over->kind != Y_MAP)
		return over;
	m = arena_alloc(a, sizeof *m);
	*m = *base;
	m->kids = NULL;
	m->nkids = m->capkids = 0;
	for (i = 0; i + 1 < base->nkids; i += 2) {
		struct ynode *ov = ynode_get(over, base->kids[i]->s);

		if (ov == NULL) {
			add_kid(a, m, base->kids[i]);
			add_kid(a, m, base->kids[i + 1]);
		} else if (ov->kind != Y_NULL) {
			/* A cap is one of its kinds: the user's replaces. */
			add_kid(a, m, base->kids[i]);
			add_kid(a, m, strcmp(base->kids[i]->s, "cap") == 0 ? ov :
			    ynode_merge(a, base->kids[i + 1], ov));
		}
	}
	for (j = 0; j + 1 < over->nkids; j += 2)
		if (ynode_get(base, over->kids[j]->s) == NULL) {
			add_kid(a, m, over->kids[j]);
			add_kid(a, m, over->kids[j + 1]);
		}
	return m;
}

struct emitbuf {
	char *s;
	size_t n, cap;
};

static int
emit_write(void *data, unsigned char *buf, size_t size)
{
	struct emitbuf *b = data;

	if (b->n + size + 1 > b->cap) {
		while (b->n + size + 1 > b->cap)
			b->cap = b->cap ? b->cap * 2 : 4096;
		b->s = xrealloc(b->s, b->cap);
	}
	memcpy(b->s + b->n, buf, size);
	b->n += size;
	b->s[b->n] = '\0';
	return 1;
}

static int
emit_node(yaml_emitter_t *e, const struct ynode *n, int flow)
{
	yaml_event_t ev;
	size_t i;
	int ok, kidflow;

	switch (n->kind) {
	case Y_NULL:
	case Y_SCALAR:
		ok = yaml_scalar_event_initialize(&ev, NULL, NULL,
		    (yaml_char_t *)(n->kind == Y_NULL ? "~" : n->s),
		    n->kind == Y_NULL ? 1 : (int)n->n, 1, 1, n->quoted ?
		    YAML_DOUBLE_QUOTED_SCALAR_STYLE : YAML_ANY_SCALAR_STYLE);
		return ok && yaml_emitter_emit(e, &ev);
	case Y_SEQ:
		/* Lists of scalars read best on one line. */
		kidflow = flow;
		for (i = 0, kidflow = 1; i < n->nkids; i++)
			if (n->kids[i]->kind == Y_SEQ ||
			    n->kids[i]->kind == Y_MAP)
				kidflow = 0;
		if (!yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1,
		    kidflow ? YAML_FLOW_SEQUENCE_STYLE :
		    YAML_BLOCK_SEQUENCE_STYLE) || !yaml_emitter_emit(e, &ev))
			return 0;
		for (i = 0; i < n->nkids; i++)
			if (!emit_node(e, n->kids[i], kidflow))
				return 0;
		return yaml_sequence_end_event_initialize(&ev) &&
		    yaml_emitter_emit(e, &ev);
	default:
		if (!yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1,
		    YAML_BLOCK_MAPPING_STYLE) || !yaml_emitter_emit(e, &ev))
			return 0;
		for (i = 0; i < n->nkids; i++)
			if (!emit_node(e, n->kids[i], 0))
				return 0;
		return yaml_mapping_end_event_initialize(&ev) &&
		    yaml_emitter_emit(e, &ev);
	}
}

char *
ynode_emit(const struct ynode *root)
{
	yaml_emitter_t e;
	yaml_event_t ev;
	struct emitbuf b = { NULL, 0, 0 };
	int ok;

	if (!yaml_emitter_initialize(&e))
		return NULL;
	yaml_emitter_set_output(&e, emit_write, &b);
	yaml_emitter_set_unicode(&e, 1);
	yaml_emitter_set_width(&e, 78);
	ok = yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING) &&
	    yaml_emitter_emit(&e, &ev) &&
	    yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1) &&
	    yaml_emitter_emit(&e, &ev) && emit_node(&e, root, 0) &&
	    yaml_document_end_event_initialize(&ev, 1) &&
	    yaml_emitter_emit(&e, &ev) &&
	    yaml_stream_end_event_initialize(&ev) &&
	    yaml_emitter_emit(&e, &ev) && yaml_emitter_flush(&e);
	yaml_emitter_delete(&e);
	if (!ok) {
		free(b.s);
		return NULL;
	}
	return b.s;
}

/*
 * hsrc_block.c — the blocks that hold the rows hsrc_any.c stages and
 * hsrc_group.c groups: BLOCK bytes each, a chunk header first, cut from
 * slabs a thread maps itself, not from malloc.
 *
 * The staged rows are the most of what dun-age holds of files in any
 * order (about a third of their bytes), written once and read once.
 * Fresh pages cost the kernel more than the rows cost to stage: a slab is
 * mapped with its pages at once (MAP_POPULATE, where there is one), not
 * page by page as each is first written.  A partition's blocks, once
 * grouped, hold the next rows grouped (spare); those not needed for that
 * are given back to the kernel on the way (MADV_DONTNEED), by the thread
 * that grouped them while the other works, not all at the end by one.
 */
#define _DEFAULT_SOURCE		/* MAP_ANONYMOUS, madvise */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "hsrc.h"

enum {
	SLAB_FIRST = 256 << 10,	/* a thread's first slab; each next twice */
	SLAB_MOST = 4 << 20	/* as large, up to this */
};

#ifndef MAP_ANONYMOUS
#define MAP_ANONYMOUS MAP_ANON
#endif
#ifndef MAP_POPULATE
#define MAP_POPULATE 0
#endif

/* Room for one more in the list *v of *n, *cap, each size bytes. */
static void *
grow(void *v, size_t n, size_t *cap, size_t size)
{
	if (n == *cap) {
		*cap = *cap ? *cap * 2 : 64;
		v = xrealloc(v, *cap * size);
	}
	return v;
}

/* A new slab for g, its blocks to be cut from it in turn. */
static void
slab_new(struct agroup *g)
{
	size_t last = g->nslabs ? g->slabs[g->nslabs - 1].size : 0,
	    size = last == 0 ? SLAB_FIRST : last < SLAB_MOST ? last * 2 :
	    SLAB_MOST;
	void *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE |
	    MAP_ANONYMOUS | MAP_POPULATE, -1, 0);

	if (p == MAP_FAILED) {
		fprintf(stderr, "%s: out of memory\n", dun_prog());
		abort();
	}
	g->slabs = grow(g->slabs, g->nslabs, &g->capslabs, sizeof *g->slabs);
	g->slabs[g->nslabs].at = p;
	g->slabs[g->nslabs++].size = size;
	g->carve = p;
	g->carve_end = (unsigned char *)p + size;
}

struct chunk *
hsrc_block(struct agroup *g)
{
	struct chunk *b;

	if ((b = g->spare) != NULL) {
		g->spare = b->next;
		g->nspare--;
	} else if (g->nbare > 0)
		b = g->bare[--g->nbare];
	else {
		if ((size_t)(g->carve_end - g->carve) < BLOCK)
			slab_new(g);
		b = (struct chunk *)(void *)g->carve;
		g->carve += BLOCK;
	}
	b->next = NULL;
	b->used = 0;
	b->cap = BLOCK - sizeof *b;
	return b;
}

void
hsrc_blocks_spare(struct agroup *g, struct chunk *c)
{
	struct chunk *next;

	for (; c != NULL; c = next) {
		next = c->next;
		if (c->cap == BLOCK - sizeof *c) {
			c->next = g->spare;
			g->spare = c;
			g->nspare++;
		} else
			free(c);	/* a unit's rows, larger than a block */
	}
}

void
hsrc_blocks_trim(struct agroup *g, size_t keep)
{
	struct chunk *b;

	while (g->nspare > keep && (b = g->spare) != NULL) {
		g->spare = b->next;
		g->nspare--;
#ifdef MADV_DONTNEED
		madvise(b, BLOCK, MADV_DONTNEED);
#endif
		g->bare = grow(g->bare, g->nbare, &g->capbare, sizeof *g->bare);
		g->bare[g->nbare++] = b;
	}
}

void
hsrc_blocks_free(struct agroup *g)
{
	size_t i;

	for (i = 0; i < g->nslabs; i++)
		munmap(g->slabs[i].at, g->slabs[i].size);
	free(g->slabs);
	free(g->bare);
	g->slabs = NULL;
	g->bare = NULL;
	g->nslabs = g->nbare = 0;
	g->spare = NULL;
	g->nspare = 0;
}

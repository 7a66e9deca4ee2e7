/*
 * jsonmem — jansson's memory for a bulk command (zdh_json_bulk_memory():
 * an import, reindex, pull and clone):
 * small chunks cut from blocks of 2 MiB that the kernel gives as
 * transparent huge pages (zdh_huge_alloc()), the chunks freed kept on a
 * list per size class for the next requests.
 *
 * Why: an import builds and frees a few hundred jansson values a row
 * (the event's data, the record's state, their hash tables), and glibc's
 * malloc spent about 100 instructions on each free and 60 on each malloc,
 * its per-thread caches too small for them: 170 calls and 12,500
 * instructions a row of a visit import, a sixth of its main thread.
 * Here a request is a list pop or a pointer bump, a free a list push.
 *
 * A chunk is an 8-byte header (its class) then what jansson gets, 8-byte
 * aligned (jansson asks no more).  Requests past MAX_SMALL go to malloc
 * untouched; a free tells the two apart by the block its pointer is in,
 * so memory jansson had from malloc before the switch is freed by free.
 * Blocks are never given back: a bulk command is one process that ends;
 * past MAX_BLOCKS requests go to malloc.
 *
 * Only the thread that installed it (the command's) takes chunks: other
 * threads that make JSON, a rebuild's walk reader of each log (which
 * parses every event's data), get and free theirs with malloc and free,
 * so that no thread's lists or part-used block are lost when it ends (a
 * block a reader, 16 logs took them all).  A chunk freed by another thread
 * than the command's is left where it is: no list of the command's
 * thread is touched by two threads, and zdh hands no JSON value of the
 * command's thread to another to free.
 */
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>

#include "buf.h"
#include "json.h"

#define MAX_SMALL 1008		/* a hash table of 64 buckets; more goes to malloc */
#define STEP 16
#define NCLASS ((MAX_SMALL + 8 + STEP - 1) / STEP + 1)	/* classes 1..(MAX_SMALL + 8) / STEP rounded up */
_Static_assert((MAX_SMALL + 8 + STEP - 1) / STEP < NCLASS, "the largest small request has a class");
#define MAX_BLOCKS 16		/* 32 MiB of them, then malloc */

/* The command's thread's; blocks[] and nblocks are read by the others too. */
static void *blocks[MAX_BLOCKS];
static int nblocks;			/* published with release: blocks[0..nblocks) are set */
static char *next, *end;		/* what the last block has left */
static void *lists[NCLASS];		/* chunks freed, by class (their header holds the next) */
static _Thread_local int owner;		/* 1 in the thread that installed jsonmem */

static int ours(const void *p)
{
	uintptr_t base = (uintptr_t)p & ~(uintptr_t)(ZDH_HUGE - 1);
	int n = __atomic_load_n(&nblocks, __ATOMIC_ACQUIRE);

	for (int i = n - 1; i >= 0; i--)
		if ((uintptr_t)blocks[i] == base)
			return 1;
	return 0;
}

static void *json_malloc(size_t n)
{
	size_t cls, size;
	uint64_t *c;

	if (n > MAX_SMALL || !owner)
		return malloc(n);
	cls = (n + 8 + STEP - 1) / STEP;
	if ((c = lists[cls])) {
		lists[cls] = (void *)(uintptr_t)*c;
	} else {
		size = cls * STEP;
		if ((size_t)(end - next) < size) {
			if (nblocks == MAX_BLOCKS)
				return malloc(n);
			next = zdh_huge_alloc();
			end = next + ZDH_HUGE;
			blocks[nblocks] = next;
			__atomic_store_n(&nblocks, nblocks + 1, __ATOMIC_RELEASE);
		}
		c = (uint64_t *)next;
		next += size;
	}
	*c = cls;
	return c + 1;
}

static void json_free(void *p)
{
	uint64_t *c;
	size_t cls;

	if (!p)
		return;
	if (!ours(p)) {
		free(p);
		return;
	}
	if (!owner)
		return;
	c = (uint64_t *)p - 1;
	cls = (size_t)*c;
	*c = (uint64_t)(uintptr_t)lists[cls];
	lists[cls] = c;
}

/* Not under a sanitizer, whose checks of jansson's memory it would hide. */
void zdh_json_bulk_memory(void)
{
#if defined(__SANITIZE_ADDRESS__)
	return;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(memory_sanitizer)
	return;
#endif
#endif
	owner = 1;
	json_set_alloc_funcs(json_malloc, json_free);
}

int zdh_json_bulk_blocks(void)
{
	return __atomic_load_n(&nblocks, __ATOMIC_ACQUIRE);
}

/*
 * jsonmem — jansson's memory for a bulk command (zdh_json_bulk_memory():
 * an import, reindex, pull and clone):
 * small chunks cut from blocks of 2 MiB that the kernel gives as
 * transparent huge pages (zdh_huge_alloc()), each thread keeping the
 * chunks it frees on a list per size class for its next requests.
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
 * past MAX_BLOCKS requests go to malloc.  Chunks freed by another thread
 * than the one that took them go on the freeing thread's lists: in an
 * import, a reindex, a pull or a clone only the main thread makes JSON
 * (the walk's reader thread inflates, the rows' and pack's threads write).
 */
#include <jansson.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>

#include "buf.h"
#include "json.h"

#define MAX_SMALL 1008		/* a hash table of 64 buckets; more goes to malloc */
#define STEP 16
#define NCLASS ((MAX_SMALL + 8 + STEP - 1) / STEP + 1)	/* classes 1..(MAX_SMALL + 8) / STEP rounded up */
_Static_assert((MAX_SMALL + 8 + STEP - 1) / STEP < NCLASS, "the largest small request has a class");
#define MAX_BLOCKS 16		/* 32 MiB of them, then malloc */

struct chunk {
	uint64_t cls;		/* while in use: its class; on a list: the next chunk */
};

static void *blocks[MAX_BLOCKS];
static int nblocks;			/* published with release: blocks[0..nblocks) are set */
static pthread_mutex_t grow = PTHREAD_MUTEX_INITIALIZER;

static __thread struct {
	char *next, *end;		/* what the thread's last block has left */
	void *free[NCLASS];		/* chunks freed, by class (their header holds the next) */
} mine;

static int ours(const void *p)
{
	uintptr_t base = (uintptr_t)p & ~(uintptr_t)(ZDH_HUGE - 1);
	int n = __atomic_load_n(&nblocks, __ATOMIC_ACQUIRE);

	for (int i = n - 1; i >= 0; i--)
		if ((uintptr_t)blocks[i] == base)
			return 1;
	return 0;
}

/* A new block for this thread; 0, or -1 when there may be no more. */
static int new_block(void)
{
	void *b;

	pthread_mutex_lock(&grow);
	if (nblocks == MAX_BLOCKS) {
		pthread_mutex_unlock(&grow);
		return -1;
	}
	b = zdh_huge_alloc();
	blocks[nblocks] = b;
	__atomic_store_n(&nblocks, nblocks + 1, __ATOMIC_RELEASE);
	pthread_mutex_unlock(&grow);
	mine.next = b;
	mine.end = (char *)b + ZDH_HUGE;
	return 0;
}

static void *json_malloc(size_t n)
{
	size_t cls, size;
	uint64_t *c;

	if (n > MAX_SMALL)
		return malloc(n);
	cls = (n + 8 + STEP - 1) / STEP;
	if ((c = mine.free[cls])) {
		mine.free[cls] = (void *)(uintptr_t)*c;
	} else {
		size = cls * STEP;
		if ((size_t)(mine.end - mine.next) < size && new_block())
			return malloc(n);
		c = (uint64_t *)mine.next;
		mine.next += size;
	}
	*c = cls;
	return c + 1;
}

static void json_free(void *p)
{
	uint64_t *c;

	if (!p)
		return;
	if (!ours(p)) {
		free(p);
		return;
	}
	c = (uint64_t *)p - 1;
	{
		size_t cls = (size_t)*c;

		*c = (uint64_t)(uintptr_t)mine.free[cls];
		mine.free[cls] = c;
	}
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
	json_set_alloc_funcs(json_malloc, json_free);
}

/*
 * index-mem — SQLite's memory for a short command (zdh_index_short_command(),
 * core/index.c): one block of 2 MiB that the kernel gives as one
 * transparent huge page, cut into chunks by size class, each class
 * keeping the chunks freed for the next request of its size.  A request
 * larger than MAX_CHUNK, or one the block no longer holds, goes to
 * malloc.  Owns nothing but that block.  An import
 * (zdh_index_bulk_command()) gets more blocks, one at a time as the
 * last one fills: the thread inserting its rows dirties a page cache of
 * megabytes (6,000 visits: 6 MiB, 1,500 of its 2,550 page faults, and
 * 1,129 mprotect() calls of malloc growing that thread's heap a page at
 * a time).
 *
 * Why: on this project's machine a page first touched costs a fault of
 * 12 to 24 microseconds (README, "A command's start"),
 * and SQLite's page cache, schema and statements were four fifths of an
 * `issue add`'s heap, about 80 of its 240 faults; the huge page is one
 * fault of 70 to 190 microseconds.  malloc and free were also 0.6 of the
 * add's 3.6 million instructions (Debian's SQLite has no lookaside).
 * Where the kernel gives no huge page (THP "never"), the chunks are
 * touched as used, 4 KiB pages as before.
 *
 * SQLite calls these without its memory mutex when memory statistics
 * are off (ix_sqlite_setup), from any thread (a rebuild's sorters): a
 * spin lock guards the block.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "error.h"
#include "index-internal.h"

#define MAX_CHUNK ((size_t)128 << 10)	/* the page cache's first 20 pages, 87 KiB, in one */
#define NCLASS 96

/* A chunk: its header (its usable bytes and class), then what SQLite gets. */
struct head {
	uint32_t size;		/* usable bytes after the header */
	uint32_t cls;		/* its class in the block; 0: from malloc */
};

struct chunk {
	struct head h;
	struct chunk *next;	/* on its class's list, once freed */
};

static struct {
	char *next, *end;	/* what the last block has left */
	int blocks, max_blocks;
	struct chunk *free[NCLASS];
	char busy;
} arena;

static void lock(void)
{
	while (__atomic_test_and_set(&arena.busy, __ATOMIC_ACQUIRE))
		;
}

static void unlock(void)
{
	__atomic_clear(&arena.busy, __ATOMIC_RELEASE);
}

/*
 * The class of a chunk of total bytes (header included) and its rounded
 * size: steps of 16 bytes up to 1 KiB, then four steps a doubling up to
 * MAX_CHUNK (at most a fifth more than asked).
 */
static unsigned class_of(size_t total, size_t *rounded)
{
	unsigned b, k;
	size_t step;

	if (total <= 1024) {
		*rounded = (total + 15) & ~(size_t)15;
		return (unsigned)(*rounded >> 4);			/* 1..64 */
	}
	b = 63 - (unsigned)__builtin_clzl(total - 1);		/* 2^b < total <= 2^(b+1) */
	step = (size_t)1 << (b - 2);
	*rounded = (total + step - 1) & ~(step - 1);
	k = (unsigned)((*rounded - ((size_t)1 << b)) / step);	/* 1..4 */
	return 64 + (b - 10) * 4 + k;				/* 65..92 */
}

/* Is the chunk of that header from a block (its class), or from malloc? */
static int in_arena(const struct head *h)
{
	return h->cls != 0;
}

static void *outside(size_t n)
{
	struct head *h = malloc(sizeof(*h) + n);

	if (!h)
		return NULL;
	h->size = (uint32_t)n;
	h->cls = 0;
	return h + 1;
}

static void *mem_malloc(int n)
{
	size_t want = ((size_t)(n > 0 ? n : 1) + 7) & ~(size_t)7, rounded;
	unsigned cls;
	struct chunk *c;

	if (want + sizeof(struct head) > MAX_CHUNK)
		return outside(want);
	cls = class_of(want + sizeof(struct head), &rounded);
	lock();
	/* (the rest of a full block, less than MAX_CHUNK, is left unused) */
	if (!arena.free[cls] && (size_t)(arena.end - arena.next) < rounded &&
	    arena.blocks < arena.max_blocks) {
		arena.next = zdh_huge_alloc();
		arena.end = arena.next + ZDH_HUGE;
		arena.blocks++;
	}
	if ((c = arena.free[cls])) {
		arena.free[cls] = c->next;
	} else if ((size_t)(arena.end - arena.next) >= rounded) {
		c = (struct chunk *)arena.next;
		arena.next += rounded;
		c->h.size = (uint32_t)(rounded - sizeof(struct head));
		c->h.cls = cls;
	}
	unlock();
	return c ? (void *)&c->next : outside(want);
}

static void mem_free(void *p)
{
	struct chunk *c;

	if (!p)
		return;
	c = (struct chunk *)((struct head *)p - 1);
	if (!in_arena(&c->h)) {
		free(c);
		return;
	}
	lock();
	c->next = arena.free[c->h.cls];
	arena.free[c->h.cls] = c;
	unlock();
}

static int mem_size(void *p)
{
	return p ? (int)((struct head *)p - 1)->size : 0;
}

static void *mem_realloc(void *p, int n)
{
	struct head *h = (struct head *)p - 1;
	size_t want = ((size_t)(n > 0 ? n : 1) + 7) & ~(size_t)7;
	void *q;

	if (want <= h->size && in_arena(h))
		return p;
	if (!in_arena(h) && want + sizeof(*h) > MAX_CHUNK) {
		if (!(h = realloc(h, sizeof(*h) + want)))
			return NULL;
		h->size = (uint32_t)want;
		return h + 1;
	}
	if (!(q = mem_malloc((int)want)))
		return NULL;
	memcpy(q, p, h->size < want ? h->size : want);
	mem_free(p);
	return q;
}

static int mem_roundup(int n)
{
	size_t want = ((size_t)(n > 0 ? n : 1) + 7) & ~(size_t)7, rounded;

	if (want + sizeof(struct head) > MAX_CHUNK)
		return (int)want;
	class_of(want + sizeof(struct head), &rounded);
	return (int)(rounded - sizeof(struct head));
}

static int mem_init(void *unused)
{
	(void)unused;
	if (!arena.blocks) {
		arena.next = zdh_huge_alloc();
		arena.end = arena.next + ZDH_HUGE;
		arena.blocks = 1;
	}
	return 0;	/* SQLITE_OK */
}

static void mem_shutdown(void *unused)
{
	(void)unused;
}

/*
 * Before SQLite's first connection, as sqlite3_config() requires; not
 * under a sanitizer, whose checks of SQLite's memory it would hide.
 * blocks: how many it may take (the first at once).  1 when installed.
 */
int ix_sqlite_arena(int blocks)
{
#if defined(__SANITIZE_ADDRESS__)
	return 0;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(memory_sanitizer)
	return 0;
#endif
#endif
	static const sqlite3_mem_methods methods = {
		mem_malloc, mem_free, mem_realloc, mem_size, mem_roundup, mem_init, mem_shutdown, NULL
	};

	ZDH_ASSERT(class_of(MAX_CHUNK, &(size_t){0}) < NCLASS && blocks >= 1);
	arena.max_blocks = blocks;
	return sqlite3_config(SQLITE_CONFIG_MALLOC, &methods) == SQLITE_OK;
}

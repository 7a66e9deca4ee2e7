/*
 * index-vfs — index.db's pages written behind.  A VFS over SQLite's own
 * (IX_VFS), through which a connection that may write in bulk opens
 * index.db, passing every call on, except while a bulk transaction writes
 * straight into the file (ix_vfs_behind()): then each page SQLite writes
 * to the main database file is copied into a ring of 2 MiB and written by
 * a thread of its own, and SQLite's thread goes on.
 *
 * Why: the rows thread of an import (core/rowq.c) holds the connection
 * for every page its cache spills, and a pwrite() of a page new to the
 * file is a tenth of that thread's time here (ext4 allocating and filling
 * the page cache: perf, an import of 100,000 issues, 13.5 % of its
 * samples); the connection is what bounds the import.
 *
 * What SQLite sees is the file as if every write were done: a read of a
 * page still in the ring is served from it, and whatever asks about the
 * file as a whole or its durability (xSync, xFileSize, xTruncate,
 * xUnlock, xClose, a write that is not one page) waits until the ring is
 * empty first.  Only the thread holding the connection calls these, so
 * nothing is queued behind a read.  A failed write is the error of the
 * next call (and of the wait that ends the bulk): the transaction fails
 * before its COMMIT returns.  While the ring is in use, pages are not
 * read through SQLite's memory map (xFetch gives none), which would not
 * see them.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <limits.h>
#include <string.h>
#include <sys/uio.h>
#include <unistd.h>

#include "buf.h"
#include "error.h"
#include "index-internal.h"

#define FCNTL_BEHIND 0x7a6468	/* our sqlite3_file_control() op: "zdh" */
#define BUCKETS 1024
#define BATCH 64		/* pages queued before the thread writes them */

enum { FREE, QUEUED, WRITING };

struct behind {
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t more;	/* a page queued, or stop */
	pthread_cond_t room;	/* a page written */
	int fd;			/* SQLite's own descriptor of the file (never closed here) */
	size_t page, nslots;
	size_t batch;		/* BATCH, or half the ring when it is smaller (pages of 32 KiB and more) */
	char *mem;		/* nslots pages */
	long long *off;		/* where each slot's page goes */
	int *state, *chain, *queue, *frees;
	int bucket[BUCKETS];	/* slots by page, newest first, through chain */
	size_t qhead, qn, nfree;
	int flush;		/* a drain waits: write what there is */
	int err;		/* errno of the first failed write */
	int stop;
};

struct vfile {
	sqlite3_file base;
	struct behind *behind;
	sqlite3_file *real;	/* SQLite's own file, after this */
};

/* slots queued or being written: every slot not free (under lock) */
#define BUSY(b) ((b)->nfree < (b)->nslots)

#define REAL(f) (((struct vfile *)(f))->real)
#define BEHIND(f) (((struct vfile *)(f))->behind)

static size_t bucket_of(const struct behind *b, long long off)
{
	return (size_t)(off / (long long)b->page) & (BUCKETS - 1);
}

/* The newest slot holding the page at off, or -1. */
static int find(const struct behind *b, long long off)
{
	int s;

	for (s = b->bucket[bucket_of(b, off)]; s >= 0; s = b->chain[s])
		if (b->off[s] == off)
			return s;
	return -1;
}

static void unchain(struct behind *b, int s)
{
	int *p = &b->bucket[bucket_of(b, b->off[s])];

	while (*p != s)
		p = &b->chain[*p];
	*p = b->chain[s];
}

/* Write n bytes at off from the iovecs: 0, or an errno. */
static int write_all(int fd, struct iovec *iov, int n, long long off)
{
	while (n > 0) {
		ssize_t w = pwritev(fd, iov, n > IOV_MAX ? IOV_MAX : n, (off_t)off);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return w < 0 ? errno : EIO;
		off += w;
		while (n > 0 && (size_t)w >= iov->iov_len) {
			w -= (ssize_t)iov->iov_len;
			iov++;
			n--;
		}
		if (n > 0) {
			iov->iov_base = (char *)iov->iov_base + w;
			iov->iov_len -= (size_t)w;
		}
	}
	return 0;
}

static int by_offset(const void *a, const void *b, void *ring)
{
	const struct behind *r = ring;
	long long x = r->off[*(const int *)a], y = r->off[*(const int *)b];

	return (x > y) - (x < y);
}

/*
 * The thread: takes what is queued, BATCH pages or more (or all, when
 * asked to drain or stop), and writes them in the order of the file, those
 * that follow each other in one call.  (Woken for every page, it cost the
 * import more CPU than the writes it took away: a wake-up each.)
 */
static void *writer(void *arg)
{
	struct behind *b = arg;
	int *batch = zdh_calloc(b->nslots, sizeof(*batch));
	struct iovec *iov = zdh_calloc(b->nslots, sizeof(*iov));

	pthread_mutex_lock(&b->lock);
	for (;;) {
		size_t n = 0, i, j;
		int err = 0;

		while (b->qn < b->batch && !b->flush && !b->stop)
			pthread_cond_wait(&b->more, &b->lock);
		if (!b->qn) {
			if (b->stop)
				break;
			pthread_cond_wait(&b->more, &b->lock);
			continue;
		}
		while (b->qn) {
			int s = b->queue[b->qhead];
			b->qhead = (b->qhead + 1) % b->nslots;
			b->qn--;
			b->state[s] = WRITING;
			batch[n++] = s;
		}
		pthread_mutex_unlock(&b->lock);
		/* (a page is in the ring once, but while it is written: these are distinct) */
		qsort_r(batch, n, sizeof(*batch), by_offset, b);
		for (i = 0; i < n && !err; i = j) {
			for (j = i; j < n && (j == i || b->off[batch[j]] == b->off[batch[j - 1]] + (long long)b->page); j++) {
				iov[j - i].iov_base = b->mem + (size_t)batch[j] * b->page;
				iov[j - i].iov_len = b->page;
			}
			err = write_all(b->fd, iov, (int)(j - i), b->off[batch[i]]);
		}
		pthread_mutex_lock(&b->lock);
		if (err && !b->err)
			b->err = err;
		for (i = 0; i < n; i++) {
			unchain(b, batch[i]);
			b->state[batch[i]] = FREE;
			b->frees[b->nfree++] = batch[i];
		}
		pthread_cond_broadcast(&b->room);
	}
	pthread_mutex_unlock(&b->lock);
	free(batch);
	free(iov);
	zdh_trace_thread("index writer thread");
	return NULL;
}

/*
 * The error of a write that failed, as SQLite's own VFS says it (a full
 * disk is SQLITE_FULL), its errno in this thread's, where
 * sqlite3_system_errno() finds it.
 */
static int failed(int err)
{
	errno = err;
	return err == ENOSPC || err == EDQUOT ? SQLITE_FULL : SQLITE_IOERR_WRITE;
}

/* Wait until every page queued is written: SQLITE_OK, or the error of one that was not. */
static int drain(struct behind *b)
{
	int err;

	pthread_mutex_lock(&b->lock);
	if (BUSY(b)) {
		b->flush = 1;
		pthread_cond_signal(&b->more);
		while (BUSY(b))
			pthread_cond_wait(&b->room, &b->lock);
		b->flush = 0;
	}
	err = b->err;
	pthread_mutex_unlock(&b->lock);
	return err ? failed(err) : SQLITE_OK;
}

static void behind_free(struct behind *b)
{
	pthread_cond_destroy(&b->room);
	pthread_cond_destroy(&b->more);
	pthread_mutex_destroy(&b->lock);
	zdh_huge_free(b->mem);
	free(b->off);
	free(b->state);
	free(b->chain);
	free(b->queue);
	free(b->frees);
	free(b);
}

static struct behind *behind_start(int fd, size_t page)
{
	struct behind *b;

	if (fd < 0 || !page || page > ZDH_HUGE || ZDH_HUGE % page)
		return NULL;
	b = zdh_calloc(1, sizeof(*b));
	b->fd = fd;
	b->page = page;
	b->nslots = ZDH_HUGE / page;
	/* (a batch the ring cannot hold while a page waits for room would wait forever) */
	b->batch = b->nslots / 2 < BATCH ? b->nslots / 2 : BATCH;
	if (!b->batch)
		b->batch = 1;
	b->mem = zdh_huge_alloc();
	b->off = zdh_calloc(b->nslots, sizeof(*b->off));
	b->state = zdh_calloc(b->nslots, sizeof(*b->state));
	b->chain = zdh_calloc(b->nslots, sizeof(*b->chain));
	b->queue = zdh_calloc(b->nslots, sizeof(*b->queue));
	b->frees = zdh_calloc(b->nslots, sizeof(*b->frees));
	for (size_t i = 0; i < b->nslots; i++)
		b->frees[b->nfree++] = (int)(b->nslots - 1 - i);
	for (size_t i = 0; i < BUCKETS; i++)
		b->bucket[i] = -1;
	pthread_mutex_init(&b->lock, NULL);
	pthread_cond_init(&b->more, NULL);
	pthread_cond_init(&b->room, NULL);
	if (pthread_create(&b->thread, NULL, writer, b)) {
		b->stop = 1;
		behind_free(b);
		return NULL;	/* written as they come, then */
	}
	return b;
}

/* Drain, stop the thread, free: SQLITE_OK or the error of a write. */
static int behind_stop(struct behind *b)
{
	int rc;

	if (!b)
		return SQLITE_OK;
	rc = drain(b);
	pthread_mutex_lock(&b->lock);
	b->stop = 1;
	pthread_cond_signal(&b->more);
	pthread_mutex_unlock(&b->lock);
	pthread_join(b->thread, NULL);
	behind_free(b);
	return rc;
}

static int v_write(sqlite3_file *f, const void *buf, int amt, sqlite3_int64 off)
{
	struct behind *b = BEHIND(f);
	int s, rc, err;

	if (!b)
		return REAL(f)->pMethods->xWrite(REAL(f), buf, amt, off);
	if ((size_t)amt != b->page || off % (long long)b->page) {
		if ((rc = drain(b)))
			return rc;
		return REAL(f)->pMethods->xWrite(REAL(f), buf, amt, off);
	}
	pthread_mutex_lock(&b->lock);
	if (!b->err && (s = find(b, off)) >= 0 && b->state[s] == QUEUED) {
		memcpy(b->mem + (size_t)s * b->page, buf, b->page);	/* (not written yet) */
		pthread_mutex_unlock(&b->lock);
		return SQLITE_OK;
	}
	while (!b->nfree && !b->err)
		pthread_cond_wait(&b->room, &b->lock);
	if ((err = b->err)) {
		pthread_mutex_unlock(&b->lock);
		return failed(err);
	}
	s = b->frees[--b->nfree];
	memcpy(b->mem + (size_t)s * b->page, buf, b->page);
	b->off[s] = off;
	b->state[s] = QUEUED;
	b->chain[s] = b->bucket[bucket_of(b, off)];
	b->bucket[bucket_of(b, off)] = s;
	b->queue[(b->qhead + b->qn) % b->nslots] = s;
	b->qn++;
	if (b->qn >= b->batch)
		pthread_cond_signal(&b->more);
	pthread_mutex_unlock(&b->lock);
	return SQLITE_OK;
}

static int v_read(sqlite3_file *f, void *buf, int amt, sqlite3_int64 off)
{
	struct behind *b = BEHIND(f);
	int s, rc, pending = 0;

	if (b) {
		pthread_mutex_lock(&b->lock);
		if (BUSY(b)) {
			long long first = off / (long long)b->page;
			long long last = (off + amt - 1) / (long long)b->page;

			if (first == last && (s = find(b, first * (long long)b->page)) >= 0) {
				memcpy(buf, b->mem + (size_t)s * b->page + (size_t)(off - first * (long long)b->page),
				       (size_t)amt);
				pthread_mutex_unlock(&b->lock);
				return SQLITE_OK;
			}
			for (long long p = first; p <= last && !pending; p++)
				pending = find(b, p * (long long)b->page) >= 0;
		}
		pthread_mutex_unlock(&b->lock);
		/* across a page still queued: after it */
		if (pending && (rc = drain(b)))
			return rc;
	}
	rc = REAL(f)->pMethods->xRead(REAL(f), buf, amt, off);
	/* short: a page after it may be queued, the file longer than it is yet */
	if (rc == SQLITE_IOERR_SHORT_READ && b) {
		if ((rc = drain(b)))
			return rc;
		rc = REAL(f)->pMethods->xRead(REAL(f), buf, amt, off);
	}
	return rc;
}

/* A call about the whole file: after every page queued. */
#define AFTER_RING(f) do { \
	int rc_; \
	if (BEHIND(f) && (rc_ = drain(BEHIND(f)))) \
		return rc_; \
} while (0)

static int v_close(sqlite3_file *f)
{
	int rc = behind_stop(BEHIND(f)), rc2;

	BEHIND(f) = NULL;
	rc2 = REAL(f)->pMethods ? REAL(f)->pMethods->xClose(REAL(f)) : SQLITE_OK;
	return rc ? rc : rc2;
}

static int v_truncate(sqlite3_file *f, sqlite3_int64 size)
{
	AFTER_RING(f);
	return REAL(f)->pMethods->xTruncate(REAL(f), size);
}

static int v_sync(sqlite3_file *f, int flags)
{
	AFTER_RING(f);
	return REAL(f)->pMethods->xSync(REAL(f), flags);
}

static int v_file_size(sqlite3_file *f, sqlite3_int64 *size)
{
	AFTER_RING(f);
	return REAL(f)->pMethods->xFileSize(REAL(f), size);
}

static int v_lock(sqlite3_file *f, int level)
{
	return REAL(f)->pMethods->xLock(REAL(f), level);
}

static int v_unlock(sqlite3_file *f, int level)
{
	AFTER_RING(f);	/* (another process may read it then) */
	return REAL(f)->pMethods->xUnlock(REAL(f), level);
}

static int v_check_reserved(sqlite3_file *f, int *out)
{
	return REAL(f)->pMethods->xCheckReservedLock(REAL(f), out);
}

/* What ix_vfs_behind() hands over. */
struct behind_arg {
	int fd;			/* -1: stop */
	size_t page;
	int rc;
};

static int v_file_control(sqlite3_file *f, int op, void *arg)
{
	if (op == FCNTL_BEHIND) {
		struct behind_arg *a = arg;

		a->rc = behind_stop(BEHIND(f));
		BEHIND(f) = a->fd >= 0 ? behind_start(a->fd, a->page) : NULL;
		return SQLITE_OK;
	}
	return REAL(f)->pMethods->xFileControl(REAL(f), op, arg);
}

static int v_sector_size(sqlite3_file *f)
{
	return REAL(f)->pMethods->xSectorSize(REAL(f));
}

static int v_device_characteristics(sqlite3_file *f)
{
	return REAL(f)->pMethods->xDeviceCharacteristics(REAL(f));
}

static int v_shm_map(sqlite3_file *f, int region, int size, int extend, void volatile **pp)
{
	return REAL(f)->pMethods->xShmMap(REAL(f), region, size, extend, pp);
}

static int v_shm_lock(sqlite3_file *f, int offset, int n, int flags)
{
	return REAL(f)->pMethods->xShmLock(REAL(f), offset, n, flags);
}

static void v_shm_barrier(sqlite3_file *f)
{
	REAL(f)->pMethods->xShmBarrier(REAL(f));
}

static int v_shm_unmap(sqlite3_file *f, int del)
{
	return REAL(f)->pMethods->xShmUnmap(REAL(f), del);
}

static int v_fetch(sqlite3_file *f, sqlite3_int64 off, int amt, void **pp)
{
	if (BEHIND(f)) {
		*pp = NULL;	/* read it: the map would not see the ring */
		return SQLITE_OK;
	}
	return REAL(f)->pMethods->xFetch(REAL(f), off, amt, pp);
}

static int v_unfetch(sqlite3_file *f, sqlite3_int64 off, void *p)
{
	return REAL(f)->pMethods->xUnfetch(REAL(f), off, p);
}

static const sqlite3_io_methods methods = {
	3, v_close, v_read, v_write, v_truncate, v_sync, v_file_size, v_lock, v_unlock,
	v_check_reserved, v_file_control, v_sector_size, v_device_characteristics,
	v_shm_map, v_shm_lock, v_shm_barrier, v_shm_unmap, v_fetch, v_unfetch
};

static sqlite3_vfs vfs;

static int v_open(sqlite3_vfs *self, const char *name, sqlite3_file *f, int flags, int *out)
{
	sqlite3_vfs *under = self->pAppData;
	struct vfile *v = (struct vfile *)f;
	int rc;

	v->behind = NULL;
	v->real = (sqlite3_file *)(v + 1);
	rc = under->xOpen(under, name, v->real, flags, out);
	/* (SQLite closes a file only if it has methods: the real one's, when it has them) */
	v->base.pMethods = v->real->pMethods ? &methods : NULL;
	return rc;
}

void ix_vfs_register(void)
{
	sqlite3_vfs *under;

	if (vfs.zName || !(under = sqlite3_vfs_find(NULL)) || under->iVersion < 2)
		return;
	vfs = *under;
	vfs.zName = IX_VFS;
	vfs.pNext = NULL;
	vfs.pAppData = under;
	vfs.szOsFile = (int)sizeof(struct vfile) + under->szOsFile;
	vfs.xOpen = v_open;
	if (sqlite3_vfs_register(&vfs, 0) != SQLITE_OK)
		vfs.zName = NULL;
}

const char *ix_vfs_name(void)
{
	return vfs.zName;
}

int ix_vfs_behind(sqlite3 *db, int fd, size_t page)
{
	struct behind_arg a = { fd, page, SQLITE_OK };
	sqlite3_vfs *v = NULL;

	/* (a file of another VFS would not know the op) */
	if (!vfs.zName || sqlite3_file_control(db, "main", SQLITE_FCNTL_VFS_POINTER, &v) ||
	    v != &vfs)
		return SQLITE_OK;
	if (sqlite3_file_control(db, "main", FCNTL_BEHIND, &a) != SQLITE_OK)
		return SQLITE_OK;
	return a.rc;
}

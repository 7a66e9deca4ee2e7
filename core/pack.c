/*
 * pack — streams objects into a git pack file and writes its index
 * (Documentation/gitformat-pack.txt: pack version 2, idx version 2).
 *
 * Written here rather than through libgit2 so that a bulk write of
 * 100,000 events keeps only 28 bytes per object in memory.  It must never
 * make a pack visible before both files are complete and durable (as
 * core/lockfile.c makes files durable): the .pack is renamed first and
 * the .idx last, because readers find packs through their .idx.
 *
 * Objects are compressed and written on a second thread.  Deflating an
 * event of a few hundred bytes costs about 6 microseconds (libdeflate;
 * the fixed cost of a stream and its Huffman trees), a third of an
 * import's time per event; the caller needs only the id, which it hashed
 * itself.  The caller's thread owns the ids and the duplicate set, the
 * writer thread the file, the offsets and the CRCs, until
 * zdh_packw_finish() joins it (or the sealer, zdh_packw_seal(), which
 * then owns everything until the finish joins it in turn).
 */
#define _GNU_SOURCE	/* sync_file_range */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sys/stat.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <libdeflate.h>

#include "buf.h"
#include "delta.h"
#include "error.h"
#include "i18n.h"
#include "lockfile.h"
#include "odb.h"
#include "pack.h"
#include "sha1.h"

struct entry {
	unsigned char sha[20];
	uint32_t crc;
	uint64_t offset;
};

/* An object handed to the writer thread: its pack header, then its data. */
struct job {
	size_t slot;		/* its entry */
	enum zdh_objtype type;
	int check;		/* hash it, and compare with want (zdh_packw_add_checked) */
	unsigned char want[ZDH_OID_RAWSZ];
	size_t hlen, len;
	size_t cost;		/* its bytes of the ring and those skipped before it; 0: malloc'd */
	unsigned char bytes[];
};

/*
 * Jobs are handed over in batches: a wake-up per object cost more than it
 * saved.  (An import of 100,000 issues: 3,200 context switches with
 * batches of 128, 800 to 1,250 with 512, the wall time the same.)
 */
#define QUEUE_MAX 1024
#define BATCH 512

/*
 * The jobs live in a ring of RING bytes on one block the kernel gives as
 * a transparent huge page (zdh_huge_alloc()), taken in queue order and
 * given back in the same order: malloc'd one by one and freed by the
 * writer, they were fresh memory for most objects of an import (the
 * writer's frees went to its own caches), 90 of the 540 page faults of
 * an import of 6,000 visits.  A job larger than a quarter of the ring
 * (an attachment) is malloc'd.
 */
#define RING ZDH_HUGE

struct zdh_packw {
	char *gitdir;
	struct zdh_tempfile tmp;	/* objects/pack/tmp_pack_XXXXXX */
	int fd;			/* tmp.fd, for the writer thread */
	struct entry *v;	/* the caller's: ids; crc and offset filled in at the end */
	size_t n, alloc;
	/* open addressing set of ids by their first four bytes and index into v, for duplicates */
	uint64_t *set;
	size_t set_size;

	/* between the threads, under lock */
	pthread_mutex_t lock;
	pthread_cond_t more, room;
	struct job *queue[QUEUE_MAX];
	size_t head, count;
	unsigned char *ring;	/* RING bytes; the caller's: where the next job goes */
	size_t ring_at, ring_used;	/* ring_used: bytes of jobs not yet given back */
	int starved;		/* the caller waits for ring bytes: a batch is short */
	int closing;		/* no more jobs: the writer ends when the queue is empty */
	int werr;		/* errno of the writer's first failure, -1 for the compressor, -2 a damaged object */
	char bad[ZDH_OID_HEXSZ + 1];	/* the damaged object's id (set before werr is -2) */
	int running;

	/* the writer thread's */
	pthread_t thread;
	uint64_t offset;
	uint32_t *crc;
	uint64_t *off;
	size_t nwritten, alloc_written;
	struct libdeflate_compressor *z;
	struct libdeflate_compressor *zstore;	/* level 0, for deltas (write_delta) */
	struct zdh_buf out;
	struct zdh_buf pending;	/* written in 64 KiB blocks */
	/* the commit later commits are deltas of (see write_job) */
	struct zdh_buf key, delta;
	struct zdh_delta_index ix;
	uint64_t key_offset;
	unsigned key_uses;

	/* sealed ahead (zdh_packw_seal): the thread that does it, and what it made */
	pthread_t sealer;
	int sealing, sealed;	/* a sealer runs; the pack is sealed and its .idx written */
	int seal_err;		/* its result, and its message */
	char *seal_msg;
	struct zdh_tempfile idx_tmp;
	char *pack_path, *idx_path;
};

/*
 * Commits are written as OFS_DELTAs of a "key" commit written whole
 * before them: each delta's base is whole, so reading one costs one
 * inflate of the base (kept in the reader's cache) and one of the delta,
 * never a chain.  A new key every KEY_USES commits, or when a commit is
 * not at least a third smaller as a delta.  Measured on 20,000 imported
 * issues (`git verify-pack -v`): see DELTA in zdh-repository(5).
 */
#define KEY_USES 64
#define OBJ_OFS_DELTA 6


static int flush_pending(struct zdh_packw *w)
{
	if (w->pending.len && zdh_write_all(w->fd, w->pending.ptr, w->pending.len) < 0)
		return -1;
	zdh_buf_reset(&w->pending);
	return 0;
}

static void *writer(void *arg);

int zdh_packw_open(struct zdh_packw **out, const char *gitdir)
{
	struct zdh_packw *w = zdh_calloc(1, sizeof(*w));
	static const unsigned char header[12] = { 'P', 'A', 'C', 'K', 0, 0, 0, 2, 0, 0, 0, 0 };

	char *tmp = zdh_asprintf("%s/objects/pack/tmp_pack_XXXXXX", gitdir);

	w->gitdir = zdh_strdup(gitdir);
	/* read-only, as git's packs; the open descriptor still writes */
	if (zdh_tempfile_mks(&w->tmp, tmp, 0444) < 0) {
		int err = zdh_error_errno(ZDH_ERROR, _("cannot create '%s'"), tmp);
		free(tmp);
		free(w->gitdir);
		free(w);
		return err;
	}
	free(tmp);
	w->fd = w->tmp.fd;
	w->idx_tmp = (struct zdh_tempfile)ZDH_TEMPFILE_INIT;
	/*
	 * libdeflate, level 1: an event of a few hundred bytes is one block
	 * whose Huffman trees cost more than finding its matches.  zlib (a
	 * 4 KiB window and hash table) spent 9.2 us on one at the level 6
	 * used here and no less than 8.8 at level 1; libdeflate 6.0 us at
	 * level 1 and 8.2 at 6, for one byte more an object at level 1
	 * (make bench, section 7: tests/bench-deflate.c).  The writer thread
	 * shares two cores with the fold and the index rows, so its time
	 * counts.
	 */
	if (!(w->z = libdeflate_alloc_compressor(1)) || !(w->zstore = libdeflate_alloc_compressor(0))) {
		if (w->z)
			libdeflate_free_compressor(w->z);
		zdh_tempfile_delete(&w->tmp);
		free(w->gitdir);
		free(w);
		return zdh_error_set(ZDH_ERROR, _("cannot start the compressor"));
	}
	zdh_buf_init(&w->out);
	zdh_buf_init(&w->pending);
	zdh_buf_init(&w->key);
	zdh_buf_init(&w->delta);
	w->ring = zdh_huge_alloc();
	pthread_mutex_init(&w->lock, NULL);
	pthread_cond_init(&w->more, NULL);
	pthread_cond_init(&w->room, NULL);
	if (zdh_write_all(w->fd, header, sizeof(header)) < 0) {
		int err = zdh_error_errno(ZDH_ERROR, _("cannot write a pack"));
		zdh_packw_abort(w);
		return err;
	}
	w->offset = sizeof(header);
	if ((errno = pthread_create(&w->thread, NULL, writer, w))) {
		int err = zdh_error_errno(ZDH_ERROR, _("cannot start a thread"));
		zdh_packw_abort(w);
		return err;
	}
	w->running = 1;
	*out = w;
	return 0;
}

size_t zdh_packw_count(const struct zdh_packw *w)
{
	return w->n;
}

static uint32_t hash_of(const unsigned char *sha)
{
	return (uint32_t)sha[0] << 24 | (uint32_t)sha[1] << 16 | (uint32_t)sha[2] << 8 | sha[3];
}

/*
 * 1 when sha is in the set already; else adds index i.  A slot holds the
 * id's first four bytes (its place) beside i + 1: a probe or a growth
 * reads the entry of an object only when those match (the entries are
 * scattered over megabytes: the read of each was a cache miss, most of
 * the time an import's main thread spent here).
 */
static int seen(struct zdh_packw *w, const unsigned char *sha, size_t i)
{
	uint64_t key = (uint64_t)hash_of(sha) << 32;
	size_t mask, h;

	if ((w->n + 1) * 2 > w->set_size) {
		size_t size = w->set_size ? w->set_size * 2 : 1024;
		uint64_t *set = zdh_calloc(size, sizeof(*set));
		for (size_t k = 0; k < w->set_size; k++) {
			if (!w->set[k])
				continue;
			h = (size_t)(w->set[k] >> 32) & (size - 1);
			while (set[h])
				h = (h + 1) & (size - 1);
			set[h] = w->set[k];
		}
		free(w->set);
		w->set = set;
		w->set_size = size;
	}
	mask = w->set_size - 1;
	for (h = (size_t)(key >> 32) & mask; w->set[h]; h = (h + 1) & mask)
		if ((w->set[h] & ~(uint64_t)UINT32_MAX) == key &&
		    !memcmp(w->v[(uint32_t)w->set[h] - 1].sha, sha, 20))
			return 1;
	w->set[h] = key | (uint32_t)(i + 1);
	return 0;
}

/*
 * Every whole object is deflated, at level 1 (w->z; see zdh_packw_open);
 * a delta goes through w->zstore, level 0, stored (write_delta).  Storing
 * whole objects uncompressed made imports a third faster, but plain `git gc`
 * reuses packed objects as they are, so a repository then stayed at 600
 * bytes an event instead of 400 (measured by make bench).
 */
static int deflate_object(struct zdh_packw *w, struct libdeflate_compressor *z,
			  const void *data, size_t len)
{
	size_t bound = libdeflate_zlib_compress_bound(z, len), n;

	zdh_buf_grow(&w->out, bound);
	n = libdeflate_zlib_compress(z, data, len, w->out.ptr + w->out.len, bound);
	if (!n)
		return -1;
	zdh_buf_setlen(&w->out, w->out.len + n);
	return 0;
}

/* An object's header in a pack: 3 bits of type, then the size 4 + 7n bits, little end first. */
static size_t object_header(unsigned char hdr[16], int type, size_t size)
{
	size_t hlen = 0;

	hdr[hlen] = (unsigned char)((type << 4) | (size & 15));
	size >>= 4;
	while (size) {
		hdr[hlen++] |= 0x80;
		hdr[hlen] = size & 0x7f;
		size >>= 7;
	}
	return hlen + 1;
}

/*
 * Put j into w->out as an OFS_DELTA of the key commit: 1 when done, 0 when
 * it is to be written whole, -1 when the compressor failed.
 */
static int write_delta(struct zdh_packw *w, struct job *j)
{
	unsigned char hdr[32], ofs[16];
	size_t hlen, olen = sizeof(ofs), n;
	uint64_t dist;

	if (j->type != ZDH_OBJ_COMMIT || !w->key.len || w->key_uses >= KEY_USES)
		return 0;
	zdh_buf_reset(&w->delta);
	if (!(n = zdh_delta_make(&w->delta, &w->ix, j->bytes + j->hlen, j->len, j->len * 2 / 3)))
		return 0;
	/* type 6 and the delta's size, then the distance back to the base */
	hlen = object_header(hdr, OBJ_OFS_DELTA, n);
	dist = w->offset - w->key_offset;
	ofs[--olen] = dist & 0x7f;
	while (dist >>= 7)
		ofs[--olen] = (unsigned char)(0x80 | (--dist & 0x7f));
	memcpy(hdr + hlen, ofs + olen, sizeof(ofs) - olen);
	hlen += sizeof(ofs) - olen;
	zdh_buf_add(&w->out, hdr, hlen);
	/*
	 * Stored, not compressed: a delta of an event (77.5 bytes on
	 * average for 98,461 of them) came out of level 1 at 81, since
	 * copies and new bytes leave deflate little to find, and its
	 * Huffman trees were a seventh of a clone's CPU.  A stored block
	 * costs its 11 bytes of framing.
	 */
	if (deflate_object(w, w->zstore, w->delta.ptr, n) < 0)
		return -1;
	w->key_uses++;
	return 1;
}

/* Does j's object hash to the id it was added with? */
static int hashes_to(const struct job *j)
{
	unsigned char got[ZDH_OID_RAWSZ];

	zdh_odb_hash_raw(got, j->type, j->bytes + j->hlen, j->len);
	return !memcmp(got, j->want, sizeof(got));
}

/*
 * Compress and write one job (writer thread); 0 or an errno (-1: the
 * compressor, -2: a checked object that does not hash to its id, w->bad).
 */
static int write_job(struct zdh_packw *w, struct job *j)
{
	int delta;

	if (j->check && !hashes_to(j)) {
		zdh_oid_tohex(w->bad, j->want);
		return -2;
	}

	if (w->nwritten == w->alloc_written) {
		w->alloc_written = w->alloc_written ? 2 * w->alloc_written : 1024;
		w->crc = zdh_realloc(w->crc, w->alloc_written * sizeof(*w->crc));
		w->off = zdh_realloc(w->off, w->alloc_written * sizeof(*w->off));
	}
	zdh_buf_reset(&w->out);
	if ((delta = write_delta(w, j)) < 0)
		return -1;
	if (!delta) {
		zdh_buf_add(&w->out, j->bytes, j->hlen);
		if (deflate_object(w, w->z, j->bytes + j->hlen, j->len) < 0)
			return -1;
		if (j->type == ZDH_OBJ_COMMIT && j->len <= ZDH_DELTA_MAX) {
			/* this commit is the next ones' base */
			zdh_buf_reset(&w->key);
			zdh_buf_add(&w->key, j->bytes + j->hlen, j->len);
			zdh_delta_index(&w->ix, (const unsigned char *)w->key.ptr, w->key.len);
			w->key_offset = w->offset;
			w->key_uses = 0;
		}
	}
	zdh_buf_add(&w->pending, w->out.ptr, w->out.len);
	if (w->pending.len >= 65536 && flush_pending(w) < 0)
		return errno ? errno : EIO;
	/* jobs come in slot order: one thread queues them, one takes them */
	w->crc[j->slot] = libdeflate_crc32(0, w->out.ptr, w->out.len);
	w->off[j->slot] = w->offset;
	w->offset += w->out.len;
	w->nwritten++;
	return 0;
}

static void *writer(void *arg)
{
	struct zdh_packw *w = arg;
	struct job *batch[QUEUE_MAX];

	for (;;) {
		size_t n = 0;
		int err;

		pthread_mutex_lock(&w->lock);
		/* a short batch when the caller waits for ring bytes; none but to close */
		while (!w->closing && (!w->count || (w->count < BATCH && !w->starved)))
			pthread_cond_wait(&w->more, &w->lock);
		if (!w->count) {
			pthread_mutex_unlock(&w->lock);
			zdh_trace_thread("pack thread");
			break;
		}
		while (w->count) {
			batch[n++] = w->queue[w->head];
			w->head = (w->head + 1) % QUEUE_MAX;
			w->count--;
		}
		pthread_cond_signal(&w->room);
		err = w->werr;
		pthread_mutex_unlock(&w->lock);
		size_t given = 0;

		for (size_t i = 0; i < n; i++) {
			if (!err && (err = write_job(w, batch[i]))) {
				pthread_mutex_lock(&w->lock);
				w->werr = err;
				pthread_mutex_unlock(&w->lock);
			}
			if (batch[i]->cost)
				given += batch[i]->cost;
			else
				free(batch[i]);
		}
		if (given) {
			pthread_mutex_lock(&w->lock);
			w->ring_used -= given;
			pthread_cond_signal(&w->room);
			pthread_mutex_unlock(&w->lock);
		}
	}
	if (!w->werr && flush_pending(w) < 0)
		w->werr = errno ? errno : EIO;
	return NULL;
}

/* Stop the writer once the queue is empty; 0, or the error it met. */
static int stop_writer(struct zdh_packw *w)
{
	if (!w->running)
		return 0;
	pthread_mutex_lock(&w->lock);
	w->closing = 1;
	pthread_cond_signal(&w->more);
	pthread_mutex_unlock(&w->lock);
	pthread_join(w->thread, NULL);
	w->running = 0;
	return w->werr;
}

static int writer_error(const struct zdh_packw *w, int werr)
{
	if (werr == -2)
		return zdh_error_set(ZDH_ECORRUPT, _("object %s of the remote is damaged"), w->bad);
	if (werr < 0)
		return zdh_error_set(ZDH_ERROR, _("cannot compress an object"));
	errno = werr;
	return zdh_error_errno(ZDH_ERROR, _("cannot write a pack"));
}

static int add(struct zdh_packw *w, enum zdh_objtype type, const unsigned char sha[20],
	       const void *data, size_t len, int check)
{
	unsigned char hdr[16];
	size_t hlen, size, cost = 0;
	struct entry *e;
	struct job *j;
	int werr, wake = 0;

	if (w->n == w->alloc) {
		w->alloc = w->alloc ? w->alloc * 2 : 256;
		w->v = zdh_realloc(w->v, w->alloc * sizeof(*w->v));
	}
	e = &w->v[w->n];
	memcpy(e->sha, sha, sizeof(e->sha));
	if (seen(w, e->sha, w->n))
		return 0;
	hlen = object_header(hdr, type, len);
	size = (sizeof(*j) + hlen + len + 15) & ~(size_t)15;
	pthread_mutex_lock(&w->lock);
	if (size <= RING / 4) {
		/* a job never wraps: the ring's tail too short for it is skipped */
		cost = size + (w->ring_at + size > RING ? RING - w->ring_at : 0);
		while (w->ring_used + cost > RING && !w->werr) {
			w->starved = 1;
			pthread_cond_signal(&w->more);
			pthread_cond_wait(&w->room, &w->lock);
		}
		w->starved = 0;
	}
	if (cost && !w->werr) {
		if (w->ring_at + size > RING)
			w->ring_at = 0;
		j = (struct job *)(w->ring + w->ring_at);
		j->cost = cost;
		w->ring_at += size;
		w->ring_used += cost;
	} else {
		j = zdh_malloc(sizeof(*j) + hlen + len);
		j->cost = 0;
	}
	pthread_mutex_unlock(&w->lock);
	j->slot = w->n;
	j->type = type;
	j->check = check;
	memcpy(j->want, e->sha, sizeof(j->want));
	j->hlen = hlen;
	j->len = len;
	memcpy(j->bytes, hdr, hlen);
	memcpy(j->bytes + hlen, data, len);
	pthread_mutex_lock(&w->lock);
	while (w->count == QUEUE_MAX && !w->werr)
		pthread_cond_wait(&w->room, &w->lock);
	if (!(werr = w->werr)) {
		w->queue[(w->head + w->count) % QUEUE_MAX] = j;
		wake = ++w->count == BATCH;
	}
	pthread_mutex_unlock(&w->lock);
	/* (after the unlock: woken under it, the writer went to sleep again on the lock) */
	if (wake)
		pthread_cond_signal(&w->more);
	if (werr) {
		if (!j->cost)
			free(j);
		return writer_error(w, werr);
	}
	w->n++;
	return 0;
}

int zdh_packw_add(struct zdh_packw *w, enum zdh_objtype type, const char id[41],
		  const void *data, size_t len)
{
	unsigned char sha[ZDH_OID_RAWSZ];

	if (zdh_oid_fromhex(sha, id))
		return zdh_error_set(ZDH_ERROR, _("pack: bad object id"));
	return add(w, type, sha, data, len, 0);
}

int zdh_packw_add_oid(struct zdh_packw *w, enum zdh_objtype type,
		      const unsigned char sha[ZDH_OID_RAWSZ], const void *data, size_t len)
{
	return add(w, type, sha, data, len, 0);
}

int zdh_packw_add_checked(struct zdh_packw *w, enum zdh_objtype type, const char id[41],
			  const void *data, size_t len)
{
	unsigned char sha[ZDH_OID_RAWSZ];

	if (zdh_oid_fromhex(sha, id))
		return zdh_error_set(ZDH_ERROR, _("pack: bad object id"));
	return add(w, type, sha, data, len, 1);
}

static void be32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

static int sha_cmp(const void *a, const void *b)
{
	return memcmp(((const struct entry *)a)->sha, ((const struct entry *)b)->sha, 20);
}

/*
 * v's n entries in the order of their ids: counted into buckets by the
 * first two bytes, then each bucket (a few ids: they are hashes) sorted
 * by insertion.  qsort() of 100,000 was 138 million instructions of a
 * clone's copy, on the thread everything else of it waits for; this is
 * about a tenth of that.
 */
static void sort_entries(struct entry *v, size_t n)
{
	enum { BUCKETS = 1 << 16 };
	struct entry *b;
	size_t *start;

	if (n < 4096) {
		qsort(v, n, sizeof(*v), sha_cmp);
		return;
	}
	b = zdh_malloc(n * sizeof(*b));
	start = zdh_calloc(BUCKETS + 1, sizeof(*start));
	for (size_t i = 0; i < n; i++)
		start[(v[i].sha[0] << 8 | v[i].sha[1]) + 1]++;
	for (size_t d = 1; d <= BUCKETS; d++)
		start[d] += start[d - 1];
	for (size_t i = 0; i < n; i++)
		b[start[v[i].sha[0] << 8 | v[i].sha[1]]++] = v[i];
	/* (start[d] is now where bucket d ends) */
	for (size_t d = 0, lo = 0; d < BUCKETS; lo = start[d++])
		for (size_t i = lo + 1; i < start[d]; i++) {
			struct entry e = b[i];
			size_t j = i;
			for (; j > lo && memcmp(b[j - 1].sha, e.sha, 20) > 0; j--)
				b[j] = b[j - 1];
			b[j] = e;
		}
	memcpy(v, b, n * sizeof(*v));
	free(b);
	free(start);
}

/* Rewrite the count in the header and append the checksum of the whole file. */
static int seal_pack(struct zdh_packw *w, unsigned char sum[20])
{
	struct zdh_sha1 ctx;
	unsigned char buf[65536];
	ssize_t n;

	if (flush_pending(w) < 0)
		return -1;
	be32(buf, (uint32_t)w->n);
	if (pwrite(w->fd, buf, 4, 8) != 4 || lseek(w->fd, 0, SEEK_SET) < 0)
		return -1;
	zdh_sha1_init(&ctx);
	while ((n = read(w->fd, buf, sizeof(buf))) > 0)
		zdh_sha1_update(&ctx, buf, (size_t)n);
	if (n < 0)
		return -1;
	zdh_sha1_final(sum, &ctx);
	return zdh_write_all(w->fd, sum, 20);
}

/* The .idx is streamed through a small buffer, hashed as it goes: it is 28 bytes an object. */
struct idx_out {
	int fd, failed;
	struct zdh_sha1 ctx;
	unsigned char buf[65536];
	size_t len;
};

static void idx_flush(struct idx_out *o)
{
	if (o->len && !o->failed && zdh_write_all(o->fd, o->buf, o->len) < 0)
		o->failed = 1;
	o->len = 0;
}

static void idx_add(struct idx_out *o, const void *p, size_t n)
{
	zdh_sha1_update(&o->ctx, p, n);
	if (o->len + n > sizeof(o->buf))
		idx_flush(o);
	memcpy(o->buf + o->len, p, n);
	o->len += n;
}

static int write_idx(struct zdh_packw *w, struct zdh_tempfile *t, const unsigned char packsum[20])
{
	struct idx_out *o = zdh_calloc(1, sizeof(*o));
	unsigned char word[8], sum[20];
	uint32_t fanout[256] = { 0 };
	size_t nlarge = 0;
	int err = 0;

	sort_entries(w->v, w->n);
	for (size_t i = 0; i < w->n; i++)
		fanout[w->v[i].sha[0]]++;
	for (int i = 1; i < 256; i++)
		fanout[i] += fanout[i - 1];
	o->fd = t->fd;
	zdh_sha1_init(&o->ctx);
	idx_add(o, "\377tOc\0\0\0\2", 8);
	for (int i = 0; i < 256; i++) {
		be32(word, fanout[i]);
		idx_add(o, word, 4);
	}
	for (size_t i = 0; i < w->n; i++)
		idx_add(o, w->v[i].sha, 20);
	for (size_t i = 0; i < w->n; i++) {
		be32(word, w->v[i].crc);
		idx_add(o, word, 4);
	}
	for (size_t i = 0; i < w->n; i++) {
		if (w->v[i].offset < 0x80000000u)
			be32(word, (uint32_t)w->v[i].offset);
		else
			be32(word, 0x80000000u | (uint32_t)nlarge++);
		idx_add(o, word, 4);
	}
	for (size_t i = 0; i < w->n; i++)
		if (w->v[i].offset >= 0x80000000u) {
			be32(word, (uint32_t)(w->v[i].offset >> 32));
			be32(word + 4, (uint32_t)w->v[i].offset);
			idx_add(o, word, 8);
		}
	idx_add(o, packsum, 20);
	zdh_sha1_final(sum, &o->ctx);
	if (o->len + 20 > sizeof(o->buf))
		idx_flush(o);
	memcpy(o->buf + o->len, sum, 20);
	o->len += 20;
	idx_flush(o);
	if (o->failed)
		err = zdh_error_errno(ZDH_ERROR, _("cannot write '%s'"), t->path);
	free(o);
	return err;
}

static void packw_free(struct zdh_packw *w)
{
	stop_writer(w);
	while (w->count) {	/* jobs left by a writer that failed */
		if (!w->queue[w->head]->cost)
			free(w->queue[w->head]);
		w->head = (w->head + 1) % QUEUE_MAX;
		w->count--;
	}
	pthread_mutex_destroy(&w->lock);
	pthread_cond_destroy(&w->more);
	pthread_cond_destroy(&w->room);
	zdh_huge_free(w->ring);
	free(w->crc);
	free(w->off);
	if (w->z)
		libdeflate_free_compressor(w->z);
	if (w->zstore)
		libdeflate_free_compressor(w->zstore);
	zdh_buf_release(&w->out);
	zdh_buf_release(&w->pending);
	zdh_buf_release(&w->key);
	zdh_buf_release(&w->delta);
	zdh_delta_index_release(&w->ix);
	free(w->v);
	free(w->set);
	zdh_tempfile_delete(&w->tmp);
	zdh_tempfile_delete(&w->idx_tmp);
	free(w->pack_path);
	free(w->idx_path);
	free(w->seal_msg);
	free(w->gitdir);
	free(w);
}

/*
 * The .idx's temporary file, made once: by the caller's thread when a
 * sealer runs (the table of files removed at a signal, lockfile.c, is
 * not for two threads at once).
 */
static int idx_tmp_open(struct zdh_packw *w)
{
	char *tmp_idx;
	int err = 0;

	if (w->idx_tmp.fd >= 0)
		return 0;
	tmp_idx = zdh_asprintf("%s/objects/pack/tmp_idx_XXXXXX", w->gitdir);
	if (zdh_tempfile_mks(&w->idx_tmp, tmp_idx, 0444) < 0)
		err = zdh_error_errno(ZDH_ERROR, _("cannot create '%s'"), tmp_idx);
	free(tmp_idx);
	return err;
}

/*
 * What a finish does before the pack and its .idx go in place: the pack
 * sealed (its count and checksum), the .idx written beside it, both on
 * their way to the disk.
 */
static int seal(struct zdh_packw *w)
{
	unsigned char sum[20];
	char hex[41];
	int err = 0;

	if ((err = stop_writer(w)))
		return writer_error(w, err);
	for (size_t i = 0; i < w->n; i++) {
		w->v[i].crc = w->crc[i];
		w->v[i].offset = w->off[i];
	}
	free(w->crc);
	free(w->off);
	w->crc = NULL;
	w->off = NULL;
	free(w->set);	/* no more objects: the duplicate set is done with too */
	w->set = NULL;
	if (seal_pack(w, sum) < 0)
		return zdh_error_errno(ZDH_ERROR, _("cannot write a pack"));
	zdh_oid_tohex(hex, sum);
	w->pack_path = zdh_asprintf("%s/objects/pack/pack-%s.pack", w->gitdir, hex);
	w->idx_path = zdh_asprintf("%s/objects/pack/pack-%s.idx", w->gitdir, hex);
	if (!(err = idx_tmp_open(w)))
		err = write_idx(w, &w->idx_tmp, sum);
	if (!err)
		w->sealed = 1;
	return err;
}

/*
 * The sealer: seal() on a thread of its own, while the caller does what
 * it has left before the objects go in (an import: the index's summaries),
 * then both files started for the disk (the finish waits for them).
 */
static void *sealer(void *arg)
{
	struct zdh_packw *w = arg;

	if ((w->seal_err = seal(w)))
		w->seal_msg = zdh_strdup(zdh_error_msg());
#ifdef SYNC_FILE_RANGE_WRITE
	else {
		sync_file_range(w->fd, 0, 0, SYNC_FILE_RANGE_WRITE);
		sync_file_range(w->idx_tmp.fd, 0, 0, SYNC_FILE_RANGE_WRITE);
	}
#endif
	return NULL;
}

void zdh_packw_seal(struct zdh_packw *w)
{
	if (!w->sealing && !w->sealed && !idx_tmp_open(w))
		w->sealing = !pthread_create(&w->sealer, NULL, sealer, w);
	zdh_error_clear();	/* (an .idx not made now is tried again by finish) */
}

/* Wait for the sealer, if one runs; its result, its message set here. */
static int join_sealer(struct zdh_packw *w)
{
	if (!w->sealing)
		return 0;
	pthread_join(w->sealer, NULL);
	w->sealing = 0;
	if (w->seal_err)
		zdh_error_set(w->seal_err, "%s", w->seal_msg);
	return w->seal_err;
}

int zdh_packw_finish(struct zdh_packw *w)
{
	enum zdh_sync mode = zdh_odb_sync_mode(w->gitdir);
	int err;

	if (!(err = join_sealer(w)) && !w->sealed)
		err = seal(w);
	if (err)
		goto done;
	/*
	 * The .pack first, the .idx last: readers find packs by their .idx.
	 * In a batch both are durable with the flush of the ref that follows.
	 */
	w->fd = -1;
	if (zdh_tempfile_commit(&w->tmp, w->pack_path, mode, 0) < 0 ||
	    zdh_tempfile_commit(&w->idx_tmp, w->idx_path, mode, 0) < 0)
		err = zdh_error_errno(ZDH_ERROR, _("cannot install pack '%s'"), w->pack_path);
done:
	packw_free(w);
	return err;
}

void zdh_packw_abort(struct zdh_packw *w)
{
	if (!w)
		return;
	join_sealer(w);
	/* the writer drops what is queued, and is gone before the file closes */
	pthread_mutex_lock(&w->lock);
	if (!w->werr)
		w->werr = ECANCELED;
	pthread_mutex_unlock(&w->lock);
	stop_writer(w);
	packw_free(w);
}

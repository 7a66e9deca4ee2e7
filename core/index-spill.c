/*
 * index-spill — a rebuild's events kept for its fold beside their rows.
 *
 * A rebuild's walk reads each log from its tip back, and its fold wants
 * the events from the root forward: it read every row back from index.db
 * (a third thread stepping and copying, each column a call under the
 * connection's mutex, which the rows thread writing the fold's rows
 * needed too).  The walk now also appends each event it rows, as the
 * fold reads it, to a file of its own (unlinked, in the index's folder),
 * in blocks that never hold two logs' events; the fold (its prefetcher,
 * index-catchup.c) reads a log's blocks from the last back and each
 * block's events from its last.
 * What the fold gets is what it read from the row: the id and seen as
 * the row gives them back (20 bytes as hex), the data's text, no summary.
 * An event this cannot keep so (no place of its data, an id or seen that
 * is not 20 bytes) fails the spill, and the fold reads the rows as
 * before; so does a spill that cannot be written.  Only this process
 * ever sees the file: it goes with the process.
 */
#define _GNU_SOURCE	/* O_TMPFILE */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "error.h"
#include "i18n.h"
#include "index-internal.h"
#include "leb128.h"
#include "sha1.h"

/* a block's bytes (a log's cursor holds one): fewer for many logs */
#define SPILL_BLOCK (1024 * 1024)
#define SPILL_ALL (16 * 1024 * 1024)
#define SPILL_MIN (64 * 1024)
#define SPILL_LOGS 256	/* more logs than this: the rows are read back */

/*
 * An event: a byte of flags (F_SEEN: seen follows its id), its id's 20
 * bytes, seen's 20, seq, clock, the two times and their offsets as
 * varints (zigzag), then its strings in this order, each a varint: 0 for
 * NULL, 1 for the same as the event before's in the block (the
 * replica, kind, actor: most events repeat them), else 2 + its length
 * and its bytes and a NUL (the fold's event points at them in the block
 * read).  About 100 bytes an event: a file's pages first written
 * cost the kernel more than their copy (a reindex of a million, 210 MB
 * at a fixed layout: 0.3 s of system time).
 */
enum { S_DATA, S_TREE, S_REPLICA, S_KIND, S_RECORD, S_OP, S_NAME, S_EMAIL, S_DEPT, S_N };
enum { F_SEEN = 1 };
#define S_NULL UINT32_MAX
#define VARINT_MAX 10
/* the most an event of strings of len bytes in all takes */
#define EVENT_MAX(len) (1 + 2 * ZDH_OID_RAWSZ + 6 * VARINT_MAX + S_N * (VARINT_MAX + 1) + (len))

/* an event of a block read: where its strings are in the block */
struct place {
	int64_t seq, clock, recorded, date;
	int32_t recorded_off, date_off;
	uint32_t at[S_N], len[S_N];	/* at S_NULL: NULL */
	uint32_t oid, seen;		/* seen S_NULL: none */
};

struct block {
	off_t at;
	size_t len;
};

struct ix_spill {
	char *name;		/* for a message: the file has none in the folder */
	int fd, failed;
	char *buf;		/* the block being filled */
	size_t len, cap, block, max;	/* max: the largest block written */
	uint32_t last_at[S_N], last_len[S_N];	/* each string of the block's last event (S_NULL: none) */
	off_t end;
	struct block *v;
	size_t n, alloc;
};

struct ix_spill_reader {
	struct ix_spill *sp;
	size_t first, next;	/* blocks [first, next) still to read, the last first */
	/*
	 * the block read, and the one before it: a fold holds the events of
	 * two reads at the most (those it folds, those read ahead meanwhile),
	 * each of one block
	 */
	char *two[2], *buf;
	int read_errno;		/* a read failed (its message made by ix_spill_error()) */
	struct place *at;	/* the events of the block read, the last of them first out */
	size_t nat, allocat;
};

static char *put_varint(char *p, uint64_t v)
{
	return (char *)zdh_leb128_put((unsigned char *)p, v);
}

static char *put_signed(char *p, int64_t v)
{
	return put_varint(p, ((uint64_t)v << 1) ^ (uint64_t)(v >> 63));
}

/* (a block is this process's own writing: its varints end within it) */
static const char *get_varint(const char *p, uint64_t *v)
{
	return (const char *)zdh_leb128_get_own((const unsigned char *)p, v);
}

static const char *get_signed(const char *p, int64_t *v)
{
	uint64_t u;

	p = get_varint(p, &u);
	*v = (int64_t)(u >> 1) ^ -(int64_t)(u & 1);
	return p;
}

static void last_forget(struct ix_spill *sp)
{
	for (int i = 0; i < S_N; i++)
		sp->last_at[i] = S_NULL;
}

struct ix_spill *ix_spill_open(const char *dir, size_t logs)
{
	struct ix_spill *sp;
	int fd;

	if (!logs || logs > SPILL_LOGS)
		return NULL;
	if ((fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600)) < 0) {
		/* (a file system without O_TMPFILE: made and unlinked at once) */
		char *path = zdh_asprintf("%s/index.spill.XXXXXX", dir);

		fd = mkostemp(path, O_CLOEXEC);
		if (fd >= 0)
			unlink(path);
		free(path);
		if (fd < 0)
			return NULL;
	}
	sp = zdh_calloc(1, sizeof(*sp));
	sp->fd = fd;
	sp->name = zdh_asprintf("%s/index.spill", dir);
	sp->block = SPILL_ALL / logs;
	if (sp->block > SPILL_BLOCK)
		sp->block = SPILL_BLOCK;
	if (sp->block < SPILL_MIN)
		sp->block = SPILL_MIN;
	sp->cap = sp->block;
	sp->buf = zdh_malloc(sp->cap);
	last_forget(sp);
	return sp;
}

void ix_spill_free(struct ix_spill *sp)
{
	if (!sp)
		return;
	close(sp->fd);
	free(sp->name);
	free(sp->buf);
	free(sp->v);
	free(sp);
}

int ix_spill_usable(const struct ix_spill *sp)
{
	return sp && !sp->failed;
}

static void flush(struct ix_spill *sp)
{
	size_t done = 0;

	if (!sp->len || sp->failed)
		return;
	while (done < sp->len) {
		ssize_t w = pwrite(sp->fd, sp->buf + done, sp->len - done, sp->end + (off_t)done);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			sp->failed = 1;
			return;
		}
		done += (size_t)w;
	}
	if (sp->n == sp->alloc) {
		sp->alloc = sp->alloc ? 2 * sp->alloc : 64;
		sp->v = zdh_realloc(sp->v, sp->alloc * sizeof(*sp->v));
	}
	sp->v[sp->n].at = sp->end;
	sp->v[sp->n].len = sp->len;
	sp->n++;
	if (sp->len > sp->max)
		sp->max = sp->len;
	sp->end += (off_t)sp->len;
	sp->len = 0;
	last_forget(sp);
}

size_t ix_spill_mark(struct ix_spill *sp)
{
	flush(sp);
	return sp->n;
}

/* The id or seen as its row gives it back: 20 bytes; 0 when not so kept. */
static int raw_oid(unsigned char raw[ZDH_OID_RAWSZ], int known, const unsigned char *oid,
		   const char *hex)
{
	if (known) {
		memcpy(raw, oid, ZDH_OID_RAWSZ);
		return 1;
	}
	return ix_oid_raw(raw, hex);
}

void ix_spill_add(struct ix_spill *sp, const struct zdh_event *ev, const char *json, long long seq)
{
	const char *str[S_N] = { json + ev->data_at, ev->tree, ev->replica, ev->kind, ev->record,
				 ev->op, ev->actor.name, ev->actor.email, ev->actor.dept };
	size_t len[S_N], all = 0;
	unsigned char oid[ZDH_OID_RAWSZ], seen[ZDH_OID_RAWSZ];
	char *p;

	if (sp->failed)
		return;
	if (!ev->data_len || !raw_oid(oid, ev->has_oid, ev->oid, ev->id) ||
	    (ev->seen && !raw_oid(seen, ev->has_seen_oid, ev->seen_oid, ev->seen))) {
		sp->failed = 1;
		return;
	}
	for (int i = 0; i < S_N; i++)
		all += len[i] = i == S_DATA ? ev->data_len : str[i] ? strlen(str[i]) : 0;
	if (sp->len + EVENT_MAX(all) > sp->cap) {
		flush(sp);
		if (EVENT_MAX(all) > sp->cap) {
			sp->cap = EVENT_MAX(all);
			sp->buf = zdh_realloc(sp->buf, sp->cap);
		}
		if (sp->failed)
			return;
	}
	p = sp->buf + sp->len;
	*p++ = ev->seen ? F_SEEN : 0;
	memcpy(p, oid, ZDH_OID_RAWSZ);
	p += ZDH_OID_RAWSZ;
	if (ev->seen) {
		memcpy(p, seen, ZDH_OID_RAWSZ);
		p += ZDH_OID_RAWSZ;
	}
	p = put_signed(p, seq);
	p = put_signed(p, ev->clock);
	p = put_signed(p, ev->recorded.t);
	p = put_signed(p, ev->date.t);
	p = put_signed(p, ev->recorded.offset);
	p = put_signed(p, ev->date.offset);
	for (int i = 0; i < S_N; i++) {
		if (!str[i]) {
			*p++ = 0;
		} else if (sp->last_at[i] != S_NULL && sp->last_len[i] == len[i] &&
			   !memcmp(sp->buf + sp->last_at[i], str[i], len[i])) {
			*p++ = 1;
		} else {
			p = put_varint(p, len[i] + 2);
			sp->last_at[i] = (uint32_t)(p - sp->buf);
			sp->last_len[i] = (uint32_t)len[i];
			memcpy(p, str[i], len[i]);
			p += len[i];
			*p++ = '\0';
		}
	}
	sp->len = (size_t)(p - sp->buf);
}

struct ix_spill_reader *ix_spill_reader(struct ix_spill *sp, size_t first, size_t last)
{
	struct ix_spill_reader *r = zdh_calloc(1, sizeof(*r));

	r->sp = sp;
	r->first = first;
	r->next = last;
	r->two[0] = zdh_malloc(sp->max ? sp->max : 1);
	r->two[1] = zdh_malloc(sp->max ? sp->max : 1);
	r->buf = r->two[0];
	return r;
}

void ix_spill_reader_free(struct ix_spill_reader *r)
{
	if (!r)
		return;
	free(r->two[0]);
	free(r->two[1]);
	free(r->at);
	free(r);
}

/* The block before the last read: its events' places in r->at. */
static int read_block(struct ix_spill_reader *r)
{
	const struct block *b = &r->sp->v[--r->next];
	uint32_t last_at[S_N], last_len[S_N];
	const char *p, *end;
	size_t done = 0;

	r->buf = r->buf == r->two[0] ? r->two[1] : r->two[0];
	while (done < b->len) {
		ssize_t got = pread(r->sp->fd, r->buf + done, b->len - done, b->at + (off_t)done);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0) {
			r->read_errno = got < 0 ? errno : EIO;
			return -1;
		}
		done += (size_t)got;
	}
	for (int i = 0; i < S_N; i++)
		last_at[i] = S_NULL;
	r->nat = 0;
	for (p = r->buf, end = r->buf + b->len; p < end;) {
		struct place *e;
		int64_t v;
		int flags = *p++;

		if (r->nat == r->allocat) {
			r->allocat = r->allocat ? 2 * r->allocat : 1024;
			r->at = zdh_realloc(r->at, r->allocat * sizeof(*r->at));
		}
		e = &r->at[r->nat++];
		e->oid = (uint32_t)(p - r->buf);
		p += ZDH_OID_RAWSZ;
		e->seen = S_NULL;
		if (flags & F_SEEN) {
			e->seen = (uint32_t)(p - r->buf);
			p += ZDH_OID_RAWSZ;
		}
		p = get_signed(p, &e->seq);
		p = get_signed(p, &e->clock);
		p = get_signed(p, &e->recorded);
		p = get_signed(p, &e->date);
		p = get_signed(p, &v);
		e->recorded_off = (int32_t)v;
		p = get_signed(p, &v);
		e->date_off = (int32_t)v;
		for (int i = 0; i < S_N; i++) {
			uint64_t code;
			p = get_varint(p, &code);
			if (code == 0) {
				e->at[i] = S_NULL;
				continue;
			}
			if (code > 1) {
				last_at[i] = (uint32_t)(p - r->buf);
				last_len[i] = (uint32_t)(code - 2);
				p += code - 2 + 1;
			}
			ZDH_ASSERT(last_at[i] != S_NULL);
			e->at[i] = last_at[i];
			e->len[i] = last_len[i];
		}
		ZDH_ASSERT(p <= end);
	}
	return 0;
}

/* (on the thread that folds: the message of a read that failed on another) */
int ix_spill_error(struct ix_spill_reader *r)
{
	errno = r->read_errno;
	return zdh_error_errno(ZDH_ERROR, _("cannot read '%s'"), r->sp->name);
}

int ix_spill_next(struct ix_spill_reader *r, int more, struct zdh_event *ev, long long *seq,
		  struct zdh_buf *arena, const char **data, size_t *data_len)
{
	char **field[S_N] = { NULL, &ev->tree, &ev->replica, &ev->kind, &ev->record, &ev->op,
			      &ev->actor.name, &ev->actor.email, &ev->actor.dept };
	const struct place *e;
	int err;

	if (!r->nat) {
		if (r->next == r->first || !more)
			return 0;
		if ((err = read_block(r)))
			return err;	/* (-1: ix_spill_error() tells) */
	}
	e = &r->at[--r->nat];
	/* (as ix_row_event_raw() reads a row) */
	memset(ev, 0, sizeof(*ev));
	ev->version = ZDH_EVENT_VERSION;
	ev->has_oid = 1;
	memcpy(ev->oid, r->buf + e->oid, ZDH_OID_RAWSZ);
	zdh_oid_tohex(ev->id, ev->oid);
	for (int i = 1; i < S_N; i++)
		*field[i] = e->at[i] == S_NULL ? NULL : r->buf + e->at[i];
	*data = r->buf + e->at[S_DATA];
	*data_len = e->len[S_DATA];
	if (e->seen != S_NULL) {
		zdh_buf_reset(arena);
		zdh_buf_grow(arena, ZDH_OID_HEXSZ + 1);
		zdh_oid_tohex(arena->ptr, (const unsigned char *)r->buf + e->seen);
		ev->seen = arena->ptr;
	}
	ev->recorded.t = e->recorded;
	ev->recorded.offset = e->recorded_off;
	ev->clock = e->clock;
	ev->date.t = e->date;
	ev->date.offset = e->date_off;
	*seq = e->seq;
	return 1;
}

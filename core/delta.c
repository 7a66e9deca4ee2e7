/*
 * delta — makes git deltas (include/delta.h) for the pack writer.
 *
 * An event is a commit of a few hundred bytes, and the events of one
 * import differ from each other only in a title, an id, a clock, a date
 * and a parent: a delta against an earlier one is a fifth of its size.
 * git gc does not find these deltas by itself: it reuses what a pack
 * holds, and takes two whole objects of the same pack as a pair it
 * already tried (pack-objects.c, try_delta).  So the writer makes them.
 *
 * The method is git's diff-delta in miniature: the base's 8-byte windows
 * at every position go into a hash table (the first position of each
 * window kept), the target is walked byte by byte, a window found in the
 * base is checked and grown forward and back, and what matches nothing
 * is inserted.  Made for targets of kilobytes, not for large blobs: one
 * candidate per hash, no search for the longest match.
 *
 * It must never write a delta that does not rebuild the target exactly:
 * every match is compared byte for byte before it is used.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "delta.h"
#include "leb128.h"

#define WINDOW 8
#define INSERT_MAX 127
#define COPY_MAX 0xffffffu	/* three size bytes */
_Static_assert(ZDH_DELTA_MAX <= COPY_MAX, "a copy of a whole base fits one copy op");

static inline uint32_t window_hash(const unsigned char *p, unsigned shift)
{
	uint64_t v;

	memcpy(&v, p, sizeof(v));
	return (uint32_t)((v * 0x9e3779b97f4a7c15ull) >> shift);
}

void zdh_delta_index(struct zdh_delta_index *ix, const unsigned char *base, size_t blen)
{
	size_t want = 64;
	unsigned bits = 6;

	while (want < 2 * blen && want < 2 * (size_t)ZDH_DELTA_MAX) {
		want <<= 1;
		bits++;
	}
	if (want > ix->nslots) {
		free(ix->slot);
		ix->slot = zdh_malloc(want * sizeof(*ix->slot));
		ix->nslots = want;
	}
	/* the table may be larger than this base needs: use only what it needs */
	ix->shift = 64 - bits;
	memset(ix->slot, 0, ((size_t)1 << bits) * sizeof(*ix->slot));
	ix->base = base;
	ix->blen = blen > ZDH_DELTA_MAX ? 0 : blen;
	if (ix->blen < WINDOW)
		return;
	/* backwards, so that the first position of a window is the one kept */
	for (size_t i = ix->blen - WINDOW + 1; i-- > 0;)
		ix->slot[window_hash(base + i, ix->shift)] = (uint32_t)(i + 1);
}

void zdh_delta_index_release(struct zdh_delta_index *ix)
{
	free(ix->slot);
	memset(ix, 0, sizeof(*ix));
}

/* Flush the pending insert of len bytes ending before at; the new end. */
static unsigned char *put_insert(unsigned char *p, const unsigned char *at, size_t len)
{
	const unsigned char *from = at - len;

	while (len) {
		size_t n = len > INSERT_MAX ? INSERT_MAX : len;
		*p++ = (unsigned char)n;
		memcpy(p, from, n);
		p += n;
		from += n;
		len -= n;
	}
	return p;
}

static unsigned char *put_copy(unsigned char *p, size_t off, size_t len)
{
	unsigned char *op = p++;
	unsigned char code = 0x80;

	for (int i = 0; i < 4; i++, off >>= 8)
		if (off & 0xff) {
			code |= (unsigned char)(1 << i);
			*p++ = off & 0xff;
		}
	for (int i = 0; i < 3; i++, len >>= 8)
		if (len & 0xff) {
			code |= (unsigned char)(0x10 << i);
			*p++ = len & 0xff;
		}
	*op = code;
	return p;
}

size_t zdh_delta_make(struct zdh_buf *out, const struct zdh_delta_index *ix,
		      const unsigned char *target, size_t tlen, size_t max)
{
	/*
	 * The longest delta: both sizes, then at most two bytes a target
	 * byte (an insert of one byte costs two; a copy of at least 8 bytes
	 * at most 8).
	 */
	size_t bound = 20 + 2 * tlen + 2, start = out->len;
	const unsigned char *base = ix->base, *t = target, *tend = target + tlen;
	unsigned char *p, *limit;
	size_t pending = 0;

	if (tlen > ZDH_DELTA_MAX || !ix->slot)
		return 0;
	zdh_buf_grow(out, bound);
	p = (unsigned char *)out->ptr + start;
	limit = p + (max < bound ? max : bound);
	p = zdh_leb128_put(p, ix->blen);
	p = zdh_leb128_put(p, tlen);

	while (t < tend) {
		size_t pos, len, back;

		if (ix->blen < WINDOW || (size_t)(tend - t) < WINDOW ||
		    !(pos = ix->slot[window_hash(t, ix->shift)]) ||
		    memcmp(base + --pos, t, WINDOW)) {
			pending++;
			t++;
			goto check;
		}
		len = WINDOW;
		while (pos + len < ix->blen && t + len < tend && base[pos + len] == t[len])
			len++;
		/* take back what the pending insert shares with the base */
		for (back = 0; back < pending && back < pos && base[pos - back - 1] == t[-(ptrdiff_t)back - 1]; back++)
			;
		pending -= back;
		pos -= back;
		len += back;
		p = put_insert(p, t - back, pending);
		pending = 0;
		t += len - back;
		/* (one copy: no base is longer than ZDH_DELTA_MAX, below COPY_MAX) */
		p = put_copy(p, pos, len);
check:
		/* an insert costs at most one byte more than it holds */
		if (p + pending + pending / INSERT_MAX + 1 > limit)
			return 0;
	}
	p = put_insert(p, t, pending);
	if (p > limit)
		return 0;
	zdh_buf_setlen(out, (size_t)(p - (unsigned char *)out->ptr));
	return out->len - start;
}

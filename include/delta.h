/*
 * delta — git's delta format (Documentation/gitformat-pack.txt,
 * "Deltified representation"): a target described as copies from a base
 * and inserted bytes, as pack files store OFS_DELTA and REF_DELTA objects.
 */
#ifndef ZDH_DELTA_H
#define ZDH_DELTA_H

#include <stddef.h>
#include <stdint.h>
#include "buf.h"

/* Bases and targets larger than this are not deltified. */
#define ZDH_DELTA_MAX (1u << 20)

/* A base and where its 8-byte windows start, built once for many targets. */
struct zdh_delta_index {
	const unsigned char *base;	/* the caller's, kept alive while used */
	size_t blen;
	uint32_t *slot;			/* position + 1 of a window, by hash; 0: none */
	size_t nslots;			/* a power of two */
	unsigned shift;
};

/* Index base (blen ≤ ZDH_DELTA_MAX); the index reuses its table. */
void zdh_delta_index(struct zdh_delta_index *ix, const unsigned char *base, size_t blen);
void zdh_delta_index_release(struct zdh_delta_index *ix);

/*
 * Append to out a delta that turns the indexed base into target and
 * return its length; 0, with out as it was, when it would be longer than
 * max bytes or target is larger than ZDH_DELTA_MAX.
 */
size_t zdh_delta_make(struct zdh_buf *out, const struct zdh_delta_index *ix,
		      const unsigned char *target, size_t tlen, size_t max);

#endif

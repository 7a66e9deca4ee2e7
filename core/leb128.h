/*
 * leb128 — unsigned LEB128, the number of git's delta headers: seven bits
 * a byte, the lowest first, the top bit set on every byte but the last.
 * core/delta.c writes a delta's sizes with it and core/packread.c reads
 * them; core/index-spill.c keeps a rebuild's numbers and lengths so.
 * Private to core/, as rowq.h.
 */
#ifndef ZDH_LEB128_H
#define ZDH_LEB128_H

#include <stdint.h>

/* The most bytes a 64-bit value takes. */
#define ZDH_LEB128_MAX 10

/* v written at p; where it ends. */
static inline unsigned char *zdh_leb128_put(unsigned char *p, uint64_t v)
{
	while (v >= 0x80) {
		*p++ = (unsigned char)(v | 0x80);
		v >>= 7;
	}
	*p++ = (unsigned char)v;
	return p;
}

/*
 * The value at p into *v: where it ends, or NULL when it runs to end or
 * past 64 bits (*v then as it was).
 */
static inline const unsigned char *zdh_leb128_get(const unsigned char *p, const unsigned char *end,
						 uint64_t *v)
{
	uint64_t x = 0;
	unsigned shift = 0, c;

	do {
		if (p >= end || shift > 63)
			return NULL;
		c = *p++;
		x |= (uint64_t)(c & 0x7f) << shift;
		shift += 7;
	} while (c & 0x80);
	*v = x;
	return p;
}

/*
 * The same of what this process wrote itself (a rebuild's spill): no end
 * to check, the bytes end a number.  A rebuild reads ten a event: bounded
 * as above, ix_spill_next() ran a quarter more instructions (6.7 million
 * more for a reindex of 30,000 events, callgrind).
 */
static inline const unsigned char *zdh_leb128_get_own(const unsigned char *p, uint64_t *v)
{
	uint64_t x = 0;
	unsigned shift = 0;

	while (*p & 0x80) {
		x |= (uint64_t)(*p++ & 0x7f) << shift;
		shift += 7;
	}
	*v = x | (uint64_t)*p++ << shift;
	return p;
}

#endif

/*
 * delta-apply.h — git's delta format applied as its description says
 * (Documentation/gitformat-pack.txt, "Deltified representation"), by the
 * tests of core/delta.c (tests/unit/delta.c, fuzz/fuzz_delta.c): written
 * apart from core/packread.c's applier, so that the encoder is checked
 * against the format, not against zdh's own reading of it.
 */
#ifndef ZDH_DELTA_APPLY_H
#define ZDH_DELTA_APPLY_H

#include <stddef.h>
#include "buf.h"

static size_t get_size(const unsigned char **p, const unsigned char *end, int *bad)
{
	size_t n = 0;
	int shift = 0;

	do {
		if (*p >= end || shift > 56) {
			*bad = 1;
			return 0;
		}
		n |= (size_t)(**p & 0x7f) << shift;
		shift += 7;
	} while (*(*p)++ & 0x80);
	return n;
}

/* 0 and out = base patched by delta, or -1 when the delta is malformed. */
static int delta_apply(struct zdh_buf *out, const unsigned char *base, size_t blen,
		 const unsigned char *d, size_t dlen)
{
	const unsigned char *p = d, *end = d + dlen;
	int bad = 0;
	size_t bsize = get_size(&p, end, &bad), tsize = get_size(&p, end, &bad);

	zdh_buf_reset(out);
	if (bad || bsize != blen)
		return -1;
	while (p < end) {
		unsigned c = *p++;
		if (c & 0x80) {
			size_t off = 0, len = 0;
			for (int i = 0; i < 4; i++)
				if (c & (1u << i)) {
					if (p >= end)
						return -1;
					off |= (size_t)*p++ << (8 * i);
				}
			for (int i = 0; i < 3; i++)
				if (c & (0x10u << i)) {
					if (p >= end)
						return -1;
					len |= (size_t)*p++ << (8 * i);
				}
			if (!len)
				len = 0x10000;
			if (off + len > blen)
				return -1;
			zdh_buf_add(out, base + off, len);
		} else if (c) {
			if ((size_t)(end - p) < c)
				return -1;
			zdh_buf_add(out, p, c);
			p += c;
		} else {
			return -1;	/* reserved */
		}
	}
	return out->len == tsize ? 0 : -1;
}

#endif

/*
 * fuzz_delta — libFuzzer target: the delta encoder (core/delta.c).  The
 * input is a 2-byte little-endian length L, then L bytes of base, then
 * the target.  The delta made of them is applied by an applier written
 * here from git's format description and must give the target back byte
 * for byte; one made under a limit must be within it.  The index is
 * kept from input to input, as the pack writer keeps it from key to key.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "delta.h"

static size_t get_size(const unsigned char **p, const unsigned char *end)
{
	size_t n = 0;
	int shift = 0;

	do {
		if (*p >= end || shift > 56)
			abort();
		n |= (size_t)(**p & 0x7f) << shift;
		shift += 7;
	} while (*(*p)++ & 0x80);
	return n;
}

/* base patched by the delta d into out; abort() on any malformed delta */
static void apply(struct zdh_buf *out, const unsigned char *base, size_t blen,
		  const unsigned char *d, size_t dlen)
{
	const unsigned char *p = d, *end = d + dlen;
	size_t bsize = get_size(&p, end), tsize = get_size(&p, end);

	if (bsize != blen)
		abort();
	zdh_buf_reset(out);
	while (p < end) {
		unsigned c = *p++;
		if (c & 0x80) {
			size_t off = 0, len = 0;
			for (int i = 0; i < 4; i++)
				if (c & (1u << i)) {
					if (p >= end)
						abort();
					off |= (size_t)*p++ << (8 * i);
				}
			for (int i = 0; i < 3; i++)
				if (c & (0x10u << i)) {
					if (p >= end)
						abort();
					len |= (size_t)*p++ << (8 * i);
				}
			if (!len)
				len = 0x10000;
			if (off + len > blen)
				abort();
			zdh_buf_add(out, base + off, len);
		} else if (c) {
			if ((size_t)(end - p) < c)
				abort();
			zdh_buf_add(out, p, c);
			p += c;
		} else {
			abort();
		}
	}
	if (out->len != tsize)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct zdh_delta_index ix;
	struct zdh_buf d = ZDH_BUF_INIT, back = ZDH_BUF_INIT;
	const unsigned char *base, *target;
	size_t blen, tlen, n, max;

	if (size < 2)
		return 0;
	blen = (size_t)data[0] | (size_t)data[1] << 8;
	if (blen > size - 2)
		blen = size - 2;
	base = data + 2;
	target = base + blen;
	tlen = size - 2 - blen;
	zdh_delta_index(&ix, base, blen);
	n = zdh_delta_make(&d, &ix, target, tlen, SIZE_MAX);
	if (!n || n != d.len)
		abort();
	apply(&back, base, blen, (const unsigned char *)d.ptr, d.len);
	if (back.len != tlen || (tlen && memcmp(back.ptr, target, tlen)))
		abort();
	/* under a limit: within it, or nothing made and the buffer as it was */
	max = tlen ? (size_t)target[0] % (n + 1) : 0;
	zdh_buf_reset(&d);
	zdh_buf_puts(&d, "x");
	n = zdh_delta_make(&d, &ix, target, tlen, max);
	if (n > max || d.len != 1 + n || d.ptr[0] != 'x')
		abort();
	zdh_buf_release(&d);
	zdh_buf_release(&back);
	return 0;
}

/*
 * fuzz_delta — libFuzzer target: the delta encoder (core/delta.c).  The
 * input is a 2-byte little-endian length L, then L bytes of base, then
 * the target.  The delta made of them is applied by
 * tests/unit/delta-apply.h (written from git's format description) and
 * must give the target back byte
 * for byte; one made under a limit must be within it.  The index is
 * kept from input to input, as the pack writer keeps it from key to key.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "delta.h"
#include "../tests/unit/delta-apply.h"

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
	if (delta_apply(&back, base, blen, (const unsigned char *)d.ptr, d.len) ||
	    back.len != tlen || (tlen && memcmp(back.ptr, target, tlen)))
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

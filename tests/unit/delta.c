/*
 * delta — the encoder's deltas, applied by tests/unit/delta-apply.h
 * (written from git's format description, not core/packread.c's), give back the target
 * byte for byte: for edited events, random data, empty and tiny sides,
 * repeats, copies longer than 64 KiB; a delta never exceeds its limit;
 * an index reused for a second, smaller base forgets the first.  And
 * the varint of its headers (core/leb128.h, the spill's too) reads back
 * what it wrote, and refuses a number cut short or longer than 64 bits.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "delta.h"
#include "delta-apply.h"
#include "leb128.h"
#include "tap.h"


static uint32_t rnd_state = 12345;
static uint32_t rnd(void)
{
	rnd_state = rnd_state * 1103515245u + 12345u;
	return rnd_state >> 8;
}

/* 1 when a delta of target against base rebuilds target. */
static int round_trip(struct zdh_delta_index *ix, const struct zdh_buf *base,
		      const struct zdh_buf *target, size_t *dlen)
{
	struct zdh_buf d = ZDH_BUF_INIT, back = ZDH_BUF_INIT;
	int good;

	zdh_delta_index(ix, (const unsigned char *)base->ptr, base->len);
	*dlen = zdh_delta_make(&d, ix, (const unsigned char *)target->ptr, target->len, SIZE_MAX);
	good = *dlen == d.len && *dlen > 0 &&
	       !delta_apply(&back, (const unsigned char *)base->ptr, base->len, (const unsigned char *)d.ptr, d.len) &&
	       back.len == target->len && !memcmp(back.ptr, target->ptr, back.len);
	zdh_buf_release(&d);
	zdh_buf_release(&back);
	return good;
}

static void event(struct zdh_buf *b, int i, const char *title)
{
	zdh_buf_reset(b);
	zdh_buf_addf(b, "tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904\n"
		     "parent %040x\nauthor 张三 <z@example.org> %d +0800\ncommitter 张三 <z@example.org> %d +0800\n\n"
		     "issue add %s\n\n{\"actor\":{\"email\":\"z@example.org\",\"name\":\"张三\"},\"clock\":%d,"
		     "\"data\":{\"set\":{\"category\":\"other\",\"source\":\"other\",\"title\":\"%s\"}},"
		     "\"date\":\"2026-12-02T21:15:33+08:00\",\"kind\":\"issue\",\"op\":\"add\",\"record\":\"XQ-%d\","
		     "\"replica\":\"xinqiao\",\"seen\":null,\"v\":2}\n",
		     i * 7919, 1796217333 + i, 1796217333 + i, title, i, title, i);
}

int main(void)
{
	struct zdh_delta_index ix = { 0 };
	struct zdh_buf base = ZDH_BUF_INIT, target = ZDH_BUF_INIT, d = ZDH_BUF_INIT;
	size_t dlen;
	int bad;

	event(&base, 1, "楼道灯坏了");
	event(&target, 2, "电梯又停了");
	ok(round_trip(&ix, &base, &target, &dlen), "an event against the one before it");
	ok(dlen < target.len / 3, "in under a third of its size");
	printf("# %zu bytes for %zu\n", dlen, target.len);

	ok(round_trip(&ix, &base, &base, &dlen), "an object against itself");
	ok(dlen < 16, "in a few bytes");

	bad = 0;
	for (int k = 0; k < 300; k++) {
		/* random bases, targets made of their pieces, edits and new bytes */
		size_t blen = rnd() % 3000, tlen;
		zdh_buf_reset(&base);
		for (size_t i = 0; i < blen; i++)
			zdh_buf_addch(&base, (char)(k % 3 ? rnd() : rnd() % 4));
		zdh_buf_reset(&target);
		for (int piece = rnd() % 12; piece-- > 0;) {
			if (blen && rnd() % 2) {
				size_t from = rnd() % blen, n = rnd() % (blen - from + 1);
				zdh_buf_add(&target, base.ptr + from, n);
			} else {
				for (size_t n = rnd() % 200; n--;)
					zdh_buf_addch(&target, (char)rnd());
			}
		}
		tlen = target.len;
		if (!round_trip(&ix, &base, &target, &dlen))
			bad++;
		(void)tlen;
	}
	is_int(bad, 0, "300 random bases and targets cut from them");

	zdh_buf_reset(&base);
	zdh_buf_reset(&target);
	ok(round_trip(&ix, &base, &target, &dlen), "an empty target against an empty base");
	zdh_buf_puts(&target, "abc");
	ok(round_trip(&ix, &base, &target, &dlen), "a tiny target against an empty base");
	zdh_buf_puts(&base, "abcdefg");
	ok(round_trip(&ix, &base, &target, &dlen), "against a base shorter than a window");

	zdh_buf_reset(&base);
	for (int i = 0; i < 200000; i++)
		zdh_buf_addch(&base, (char)(i * 2654435761u >> 13));
	zdh_buf_reset(&target);
	zdh_buf_puts(&target, "head");
	zdh_buf_add(&target, base.ptr + 5, 150000);
	zdh_buf_puts(&target, "tail");
	ok(round_trip(&ix, &base, &target, &dlen), "a copy longer than 64 KiB");
	ok(dlen < 40, "in a few instructions");

	/* the limit: random bytes against an unrelated base cannot be small */
	event(&base, 1, "x");
	zdh_buf_reset(&target);
	for (int i = 0; i < 500; i++)
		zdh_buf_addch(&target, (char)rnd());
	zdh_delta_index(&ix, (const unsigned char *)base.ptr, base.len);
	zdh_buf_puts(&d, "keep");
	is_int(zdh_delta_make(&d, &ix, (const unsigned char *)target.ptr, target.len, 300), 0,
	       "a delta over its limit is not made");
	is_int(d.len, 4, "and the buffer is as it was");
	ok(zdh_delta_make(&d, &ix, (const unsigned char *)base.ptr, base.len, 10) > 0, "one under it is");

	/* a smaller base after a larger one: no stale window may match */
	zdh_buf_reset(&target);
	zdh_buf_add(&target, base.ptr, base.len);
	zdh_buf_reset(&base);
	zdh_buf_puts(&base, "short base, nothing like the event");
	ok(round_trip(&ix, &base, &target, &dlen), "an index reused for a smaller base");

	zdh_buf_reset(&target);
	for (size_t i = 0; i < ZDH_DELTA_MAX + 1; i++)
		zdh_buf_addch(&target, 'a');
	zdh_buf_reset(&d);
	is_int(zdh_delta_make(&d, &ix, (const unsigned char *)target.ptr, target.len, SIZE_MAX), 0,
	       "a target over ZDH_DELTA_MAX is not deltified");

	{
		static const uint64_t v[] = { 0, 1, 127, 128, 300, 16383, 16384, UINT32_MAX,
					      (uint64_t)1 << 63, UINT64_MAX };
		unsigned char b[ZDH_LEB128_MAX + 1], *end;
		uint64_t got = 0;
		int all = 1;

		for (size_t i = 0; i < sizeof(v) / sizeof(*v); i++) {
			end = zdh_leb128_put(b, v[i]);
			all &= end - b <= ZDH_LEB128_MAX && zdh_leb128_get(b, end, &got) == end &&
			       got == v[i] && !zdh_leb128_get(b, end - 1, &got) &&
			       zdh_leb128_get_own(b, &got) == end && got == v[i];
		}
		ok(all, "leb128: each number read back as written (bounded and own), none from one byte short");
		is_int(zdh_leb128_put(b, 300) - b, 2, "leb128: 300 in two bytes");
		ok(b[0] == 0xac && b[1] == 0x02, "leb128: the low seven bits first, as git's deltas");
		memset(b, 0xff, sizeof(b));
		b[ZDH_LEB128_MAX] = 0x01;
		ok(!zdh_leb128_get(b, b + sizeof(b), &got), "leb128: eleven bytes are refused");
	}

	zdh_delta_index_release(&ix);
	zdh_buf_release(&base);
	zdh_buf_release(&target);
	zdh_buf_release(&d);
	return done_testing();
}

/*
 * plain16 — how many bytes are plain string text, 16 at a time with SSE2
 * and 8 in a word without: the scanners of JSON strings (core/event.c's
 * trusted decoder, core/json.c's parser, writer and canonical check) go
 * so while none ends the run.
 */
#ifndef ZDH_PLAIN16_H
#define ZDH_PLAIN16_H

#include <stdint.h>
#include <string.h>

/*
 * The high bit of each of the 8 bytes of v that JSON must escape (a
 * control character, '"' or '\\'), or with ascii_only also that is above
 * 0x7f (the bytes a string's text stops at: bytes above 0x7f are written
 * as they are).  Each test is exact for the lowest byte that meets it (a
 * borrow only spreads upwards from a byte that does), so the lowest set
 * bit finds the first of them.
 */
static inline uint64_t zdh_plain_marks(uint64_t v, int ascii_only)
{
	const uint64_t ones = 0x0101010101010101ull, high = ones << 7;
	uint64_t q = v ^ (ones * '"'), b = v ^ (ones * '\\');

	return (((q - ones) & ~q) | ((b - ones) & ~b) | ((v - ones * 0x20) & ~v) |
		(ascii_only ? v : 0)) & high;
}

/* How many of the 8 bytes at p come before the first such byte (8: none is). */
static inline unsigned zdh_plain8(const unsigned char *p, int ascii_only)
{
	uint64_t v, t;

	memcpy(&v, p, 8);
#if __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
	v = __builtin_bswap64(v);	/* (p[0] the lowest byte, as the marks want) */
#endif
	if (!(t = zdh_plain_marks(v, ascii_only)))
		return 8;
	return (unsigned)__builtin_ctzll(t) / 8;
}

#ifdef __SSE2__
#include <emmintrin.h>

/*
 * How many of the 16 bytes at p come before the first that is a control
 * character, '"' or '\\', or with ascii_only also above 0x7f (16: none
 * is).  (A byte above 0x7f is below 0x20 as a signed one; without
 * ascii_only, a control character is one the unsigned minimum with 0x1f
 * leaves as it is.)
 */
static inline unsigned zdh_plain16(const unsigned char *p, int ascii_only)
{
	__m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
	__m128i ctl = ascii_only ? _mm_cmplt_epi8(v, _mm_set1_epi8(0x20)) :
				   _mm_cmpeq_epi8(_mm_min_epu8(v, _mm_set1_epi8(0x1f)), v);
	__m128i m = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')),
					      _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'))), ctl);
	unsigned bits = (unsigned)_mm_movemask_epi8(m);

	return bits ? (unsigned)__builtin_ctz(bits) : 16;
}
#endif

/* The plain bytes at p, of avail there: 16 (SSE2) or 8 at a time, 0 when fewer than 8 are there. */
static inline unsigned zdh_plain_run(const unsigned char *p, size_t avail, int ascii_only)
{
#ifdef __SSE2__
	if (avail >= 16)
		return zdh_plain16(p, ascii_only);
#endif
	return avail >= 8 ? zdh_plain8(p, ascii_only) : 0;
}

#endif

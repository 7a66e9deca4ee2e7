/*
 * plain16 — how many of 16 bytes are plain string text, with SSE2: the
 * scanners of JSON strings (core/event.c's trusted decoder, core/json.c's
 * canonical check) go 16 bytes at a time while none ends the run.
 */
#ifndef ZDH_PLAIN16_H
#define ZDH_PLAIN16_H

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

#endif

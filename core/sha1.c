/*
 * sha1 — SHA-1 (FIPS 180-4) and object id hex conversion.
 *
 * Owns the hash that names git objects, nothing else.  It must never be
 * used where collision resistance matters beyond naming objects as git
 * does, and must never depend on the host's byte order or alignment:
 * the portable blocks load and store words byte by byte, the SHA-NI ones
 * (x86 only, chosen at run time by cpuid) use unaligned loads and a byte
 * shuffle.  Under valgrind, whose cpuid hides SHA, the portable ones run.
 */
#include <string.h>

#include "sha1.h"
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#define ROL(x, n) (((x) << (n)) | ((x) >> (32 - (n))))

static inline uint32_t load_be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

static inline void store_be32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

/*
 * Portable blocks: the whole 80-word schedule first, then four loops of
 * twenty rounds with no branch inside, which compilers turn into straight
 * code (twice as fast as one loop that picks the round function).
 */
#define ROUND(f, k) do { \
	t = ROL(a, 5) + (f) + e + (k) + w[i]; \
	e = d; d = c; c = ROL(b, 30); b = a; a = t; \
} while (0)

static void blocks_portable(uint32_t h[5], const unsigned char *p, size_t n)
{
	for (; n; n--, p += 64) {
		uint32_t w[80], a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], t;
		int i;

		for (i = 0; i < 16; i++)
			w[i] = load_be32(p + 4 * i);
		for (; i < 80; i++) {
			t = w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16];
			w[i] = ROL(t, 1);
		}
		for (i = 0; i < 20; i++)
			ROUND((b & c) | (~b & d), 0x5a827999);
		for (; i < 40; i++)
			ROUND(b ^ c ^ d, 0x6ed9eba1);
		for (; i < 60; i++)
			ROUND((b & c) | (b & d) | (c & d), 0x8f1bbcdc);
		for (; i < 80; i++)
			ROUND(b ^ c ^ d, 0xca62c1d6);
		h[0] += a;
		h[1] += b;
		h[2] += c;
		h[3] += d;
		h[4] += e;
	}
}

typedef void blocks_fn(uint32_t h[5], const unsigned char *p, size_t n);

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#include <immintrin.h>
#if defined(__has_include)
#if __has_include(<sys/platform/x86.h>)
#include <sys/platform/x86.h>	/* glibc 2.33 and later */
#endif
#endif

/*
 * SHA-NI blocks (Intel SHA extensions, Goldmont / Zen and later).  Only
 * this function is compiled for those instructions, so the rest of the
 * build needs no -m flag; it is called only when cpuid says the CPU has
 * them.  abcd holds a..d with a in the top lane; e0/e1 alternately carry
 * e (top lane) plus the next four schedule words.  m0..m3 hold the last
 * sixteen schedule words: each group of four rounds advances the schedule
 * with sha1msg1 three groups ahead, a xor two ahead and sha1msg2 one
 * ahead.  Unaligned loads: p may point anywhere in the caller's buffer.
 */
#define QR(f, ec, en, m) do { \
	ec = _mm_sha1nexte_epu32(ec, m); \
	en = abcd; \
	abcd = _mm_sha1rnds4_epu32(abcd, ec, f); \
} while (0)
#define QRS(f, ec, en, m, next, after, prev) do { \
	QR(f, ec, en, m); \
	next = _mm_sha1msg2_epu32(next, m); \
	after = _mm_xor_si128(after, m); \
	prev = _mm_sha1msg1_epu32(prev, m); \
} while (0)
#define LOAD(i) _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(const void *)(p + 16 * (i))), bswap)

__attribute__((target("sha,sse4.1,ssse3")))
static void blocks_shani(uint32_t h[5], const unsigned char *p, size_t n)
{
	const __m128i bswap = _mm_set_epi64x(0x0001020304050607LL, 0x08090a0b0c0d0e0fLL);
	__m128i abcd, e0, e1, m0, m1, m2, m3, abcd_save, e_save;

	abcd = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)(const void *)h), 0x1b);
	e0 = _mm_set_epi32((int)h[4], 0, 0, 0);
	for (; n; n--, p += 64) {
		abcd_save = abcd;
		e_save = e0;

		m0 = LOAD(0);				/* rounds 0-3 */
		e0 = _mm_add_epi32(e0, m0);
		e1 = abcd;
		abcd = _mm_sha1rnds4_epu32(abcd, e0, 0);
		m1 = LOAD(1);				/* rounds 4-7 */
		QR(0, e1, e0, m1);
		m0 = _mm_sha1msg1_epu32(m0, m1);
		m2 = LOAD(2);				/* rounds 8-11 */
		QR(0, e0, e1, m2);
		m1 = _mm_sha1msg1_epu32(m1, m2);
		m0 = _mm_xor_si128(m0, m2);
		m3 = LOAD(3);				/* rounds 12-15 */
		QRS(0, e1, e0, m3, m0, m1, m2);
		QRS(0, e0, e1, m0, m1, m2, m3);		/* rounds 16-19 */
		QRS(1, e1, e0, m1, m2, m3, m0);		/* rounds 20-39 */
		QRS(1, e0, e1, m2, m3, m0, m1);
		QRS(1, e1, e0, m3, m0, m1, m2);
		QRS(1, e0, e1, m0, m1, m2, m3);
		QRS(1, e1, e0, m1, m2, m3, m0);
		QRS(2, e0, e1, m2, m3, m0, m1);		/* rounds 40-59 */
		QRS(2, e1, e0, m3, m0, m1, m2);
		QRS(2, e0, e1, m0, m1, m2, m3);
		QRS(2, e1, e0, m1, m2, m3, m0);
		QRS(2, e0, e1, m2, m3, m0, m1);
		QRS(3, e1, e0, m3, m0, m1, m2);		/* rounds 60-79 */
		QRS(3, e0, e1, m0, m1, m2, m3);
		QR(3, e1, e0, m1);
		m2 = _mm_sha1msg2_epu32(m2, m1);
		m3 = _mm_xor_si128(m3, m1);
		QR(3, e0, e1, m2);
		m3 = _mm_sha1msg2_epu32(m3, m2);
		QR(3, e1, e0, m3);

		e0 = _mm_sha1nexte_epu32(e0, e_save);
		abcd = _mm_add_epi32(abcd, abcd_save);
	}
	_mm_storeu_si128((__m128i *)(void *)h, _mm_shuffle_epi32(abcd, 0x1b));
	h[4] = (uint32_t)_mm_extract_epi32(e0, 3);
}

#undef QR
#undef QRS
#undef LOAD

/*
 * What the CPU has, as glibc's dynamic linker already read it at start
 * (<sys/platform/x86.h>): a cpuid instruction in a virtual machine is a
 * trip to the hypervisor, 7.6 microseconds each on the project's machine,
 * and this took two at every command that hashes.
 */
static blocks_fn *blocks_best(void)
{
#ifdef CPU_FEATURE_ACTIVE
	return CPU_FEATURE_ACTIVE(SSSE3) && CPU_FEATURE_ACTIVE(SSE4_1) && CPU_FEATURE_ACTIVE(SHA) ?
	       blocks_shani : blocks_portable;
#else
	unsigned int a, b, c, d;

	if (!__get_cpuid(1, &a, &b, &c, &d) ||
	    !(c & bit_SSSE3) || !(c & bit_SSE4_1))
		return blocks_portable;
	if (!__get_cpuid_count(7, 0, &a, &b, &c, &d) || !(b & bit_SHA))
		return blocks_portable;
	return blocks_shani;
#endif
}
#else
static blocks_fn *blocks_best(void)
{
	return blocks_portable;
}
#endif

/*
 * The implementation is chosen on the first update (cpuid once), then
 * called through this pointer.  Relaxed atomics: threads racing on the
 * first call all store the same value.
 */
static blocks_fn blocks_resolve;
static blocks_fn *blocks = blocks_resolve;

static void blocks_resolve(uint32_t h[5], const unsigned char *p, size_t n)
{
	blocks_fn *fn = blocks_best();

	__atomic_store_n(&blocks, fn, __ATOMIC_RELAXED);
	fn(h, p, n);
}

void zdh_sha1_use_portable(int on)
{
	__atomic_store_n(&blocks, on ? blocks_portable : blocks_best(), __ATOMIC_RELAXED);
}

const char *zdh_sha1_implementation(void)
{
	blocks_fn *fn = __atomic_load_n(&blocks, __ATOMIC_RELAXED);

	if (fn == blocks_resolve)
		fn = blocks_best();
	return fn == blocks_portable ? "portable" : "SHA-NI";
}

void zdh_sha1_init(struct zdh_sha1 *c)
{
	c->h[0] = 0x67452301;
	c->h[1] = 0xefcdab89;
	c->h[2] = 0x98badcfe;
	c->h[3] = 0x10325476;
	c->h[4] = 0xc3d2e1f0;
	c->len = 0;
}

void zdh_sha1_update(struct zdh_sha1 *c, const void *data, size_t len)
{
	const unsigned char *p = data;
	size_t have = (size_t)(c->len & 63);

	c->len += len;
	if (have) {
		size_t n = 64 - have;
		if (n > len)
			n = len;
		memcpy(c->buf + have, p, n);
		p += n;
		len -= n;
		if (have + n < 64)
			return;
		__atomic_load_n(&blocks, __ATOMIC_RELAXED)(c->h, c->buf, 1);
	}
	if (len >= 64) {
		__atomic_load_n(&blocks, __ATOMIC_RELAXED)(c->h, p, len / 64);
		p += len & ~(size_t)63;
		len &= 63;
	}
	if (len)
		memcpy(c->buf, p, len);
}

void zdh_sha1_final(unsigned char out[ZDH_OID_RAWSZ], struct zdh_sha1 *c)
{
	static const unsigned char pad[64] = { 0x80 };
	unsigned char bits[8];
	uint64_t nbits = c->len << 3;
	size_t have = (size_t)(c->len & 63);
	int i;

	for (i = 0; i < 8; i++)
		bits[i] = (unsigned char)(nbits >> (56 - 8 * i));
	/* pad to 56 mod 64, then the length in bits, big-endian */
	zdh_sha1_update(c, pad, have < 56 ? 56 - have : 120 - have);
	zdh_sha1_update(c, bits, 8);
	for (i = 0; i < 5; i++)
		store_be32(out + 4 * i, c->h[i]);
	memset(c, 0, sizeof(*c));
}

/* each byte's two digits (a rebuild writes two ids an event: 245 instructions each a digit at a time) */
#define HEX_PAIR(b) "0123456789abcdef"[(b) >> 4], "0123456789abcdef"[(b) & 15]
#define HEX_ROW(r) HEX_PAIR(r + 0), HEX_PAIR(r + 1), HEX_PAIR(r + 2), HEX_PAIR(r + 3), \
	HEX_PAIR(r + 4), HEX_PAIR(r + 5), HEX_PAIR(r + 6), HEX_PAIR(r + 7), \
	HEX_PAIR(r + 8), HEX_PAIR(r + 9), HEX_PAIR(r + 10), HEX_PAIR(r + 11), \
	HEX_PAIR(r + 12), HEX_PAIR(r + 13), HEX_PAIR(r + 14), HEX_PAIR(r + 15)
static const char hex_pairs[512] = {
	HEX_ROW(0), HEX_ROW(16), HEX_ROW(32), HEX_ROW(48), HEX_ROW(64), HEX_ROW(80),
	HEX_ROW(96), HEX_ROW(112), HEX_ROW(128), HEX_ROW(144), HEX_ROW(160), HEX_ROW(176),
	HEX_ROW(192), HEX_ROW(208), HEX_ROW(224), HEX_ROW(240),
};

/* (inline: the oid's functions below keep their loops of a known length) */
static inline void hex_encode(char *hex, const unsigned char *raw, size_t len)
{
	for (size_t i = 0; i < len; i++)
		memcpy(hex + 2 * i, hex_pairs + 2 * raw[i], 2);
	hex[2 * len] = '\0';
}

/* A digit's value plus one, 0 for anything else (the branches were a twentieth of filling the index). */
static const unsigned char hexdigit[256] = {
	['0'] = 1, ['1'] = 2, ['2'] = 3, ['3'] = 4, ['4'] = 5,
	['5'] = 6, ['6'] = 7, ['7'] = 8, ['8'] = 9, ['9'] = 10,
	['a'] = 11, ['b'] = 12, ['c'] = 13, ['d'] = 14, ['e'] = 15, ['f'] = 16,
	['A'] = 11, ['B'] = 12, ['C'] = 13, ['D'] = 14, ['E'] = 15, ['F'] = 16,
};

static int hexval(char ch)
{
	return hexdigit[(unsigned char)ch] - 1;
}

static inline int hex_decode(unsigned char *raw, const char *hex, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		int hi = hexval(hex[2 * i]), lo;
		if (hi < 0)
			return -1;
		lo = hexval(hex[2 * i + 1]);
		if (lo < 0)
			return -1;
		raw[i] = (unsigned char)(hi << 4 | lo);
	}
	return 0;
}

#ifdef __SSE2__
/*
 * The 8 bytes that the 16 digits at hex spell, into raw; 0, or -1 when
 * one of them is no digit (raw then holds what they spell, or rubbish).
 * A digit's value is c - '0', or (c | 0x20) - 'a' + 10; each is checked
 * for its range as a signed byte offset by 0x80 (SSE2 has no unsigned
 * compare); the pairs are joined in 16-bit lanes and packed.
 */
static int hex_decode16(unsigned char *raw, const char *hex)
{
	const __m128i bias = _mm_set1_epi8((char)0x80);
	__m128i c = _mm_loadu_si128((const __m128i *)(const void *)hex);
	__m128i d = _mm_sub_epi8(c, _mm_set1_epi8('0'));
	__m128i l = _mm_sub_epi8(_mm_or_si128(c, _mm_set1_epi8(0x20)), _mm_set1_epi8('a'));
	__m128i isd = _mm_cmplt_epi8(_mm_xor_si128(d, bias), _mm_set1_epi8((char)(0x80 + 10)));
	__m128i isl = _mm_cmplt_epi8(_mm_xor_si128(l, bias), _mm_set1_epi8((char)(0x80 + 6)));
	__m128i v = _mm_or_si128(_mm_and_si128(isd, d),
				 _mm_and_si128(isl, _mm_add_epi8(l, _mm_set1_epi8(10))));
	/* each 16-bit lane: the first digit in its low byte, the second in its high */
	__m128i pair = _mm_and_si128(_mm_or_si128(_mm_slli_epi16(v, 4), _mm_srli_epi16(v, 8)),
				     _mm_set1_epi16(0xff));

	_mm_storel_epi64((__m128i *)(void *)raw, _mm_packus_epi16(pair, pair));
	return _mm_movemask_epi8(_mm_or_si128(isd, isl)) == 0xffff ? 0 : -1;
}
#endif

/*
 * hex_decode() of 2 * len characters that are all there to read: 16 at a
 * time, the last 16 (which may overlap the 16 before them) too.
 */
static inline int hex_decode_whole(unsigned char *raw, const char *hex, size_t len)
{
#ifdef __SSE2__
	if (len >= 8) {
		for (size_t i = 0; i + 8 <= len; i += 8)
			if (hex_decode16(raw + i, hex + 2 * i))
				return -1;
		return len % 8 ? hex_decode16(raw + len - 8, hex + 2 * (len - 8)) : 0;
	}
#endif
	return hex_decode(raw, hex, len);
}

void zdh_hex_encode(char *hex, const unsigned char *raw, size_t len)
{
	hex_encode(hex, raw, len);
}

int zdh_hex_decode_whole(unsigned char *raw, const char *hex, size_t len)
{
	return hex_decode_whole(raw, hex, len);
}

int zdh_hex_decode(unsigned char *raw, const char *hex, size_t len)
{
	return hex_decode(raw, hex, len);
}

void zdh_oid_tohex(char *hex, const unsigned char raw[ZDH_OID_RAWSZ])
{
	hex_encode(hex, raw, ZDH_OID_RAWSZ);
}

/*
 * Exactly 40 digits and the end of the string: "abc...def\n" is refused.
 * (Its length first, then the 40 read whole: a rebuild's walk decodes
 * every commit's id, 330 instructions a digit at a time.)
 */
int zdh_oid_fromhex(unsigned char raw[ZDH_OID_RAWSZ], const char *hex)
{
	if (strnlen(hex, ZDH_OID_HEXSZ + 1) != ZDH_OID_HEXSZ)
		return -1;
	return hex_decode_whole(raw, hex, ZDH_OID_RAWSZ);
}

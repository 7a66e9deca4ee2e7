/*
 * sha1 — SHA-1 (FIPS 180-4) and object id hex conversion.
 *
 * Owns the hash that names git objects, nothing else.  It must never be
 * used where collision resistance matters beyond naming objects as git
 * does, and must never depend on the host's byte order or alignment:
 * words are loaded and stored byte by byte.
 */
#include <string.h>

#include "sha1.h"

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
 * One 64-byte block: the whole 80-word schedule first, then four loops of
 * twenty rounds with no branch inside, which compilers turn into straight
 * code (twice as fast as one loop that picks the round function).
 */
#define ROUND(f, k) do { \
	t = ROL(a, 5) + (f) + e + (k) + w[i]; \
	e = d; d = c; c = ROL(b, 30); b = a; a = t; \
} while (0)

static void block(uint32_t h[5], const unsigned char *p)
{
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
		block(c->h, c->buf);
	}
	for (; len >= 64; p += 64, len -= 64)
		block(c->h, p);
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

void zdh_oid_tohex(char *hex, const unsigned char raw[ZDH_OID_RAWSZ])
{
	static const char digits[] = "0123456789abcdef";
	int i;

	for (i = 0; i < ZDH_OID_RAWSZ; i++) {
		hex[2 * i] = digits[raw[i] >> 4];
		hex[2 * i + 1] = digits[raw[i] & 15];
	}
	hex[ZDH_OID_HEXSZ] = '\0';
}

static int hexval(char ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	if (ch >= 'A' && ch <= 'F')
		return ch - 'A' + 10;
	return -1;
}

/* Exactly 40 digits and the end of the string: "abc...def\n" is refused. */
int zdh_oid_fromhex(unsigned char raw[ZDH_OID_RAWSZ], const char *hex)
{
	int i;

	for (i = 0; i < ZDH_OID_RAWSZ; i++) {
		int hi = hexval(hex[2 * i]), lo;
		if (hi < 0)
			return -1;
		lo = hexval(hex[2 * i + 1]);
		if (lo < 0)
			return -1;
		raw[i] = (unsigned char)(hi << 4 | lo);
	}
	return hex[ZDH_OID_HEXSZ] ? -1 : 0;
}

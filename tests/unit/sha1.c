/*
 * sha1 — FIPS 180 vectors, padding edges, chunked updates, git object
 * names, and the hex helpers; the vectors for both block implementations
 * (SHA-NI when the CPU has it, and the portable C), then the two compared
 * on seeded random data fed in random pieces, and a sample against sha1sum.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sha1.h"
#include "tap.h"

static void hash(char hex[41], const void *data, size_t len)
{
	struct zdh_sha1 c;
	unsigned char raw[ZDH_OID_RAWSZ];

	zdh_sha1_init(&c);
	zdh_sha1_update(&c, data, len);
	zdh_sha1_final(raw, &c);
	zdh_oid_tohex(hex, raw);
}

static void hash_str(char hex[41], const char *s)
{
	hash(hex, s, strlen(s));
}

/* the same data fed in pieces of every size from 1 to 130 bytes */
static int chunked_matches(const unsigned char *data, size_t len, const char *want)
{
	for (size_t step = 1; step <= 130; step++) {
		struct zdh_sha1 c;
		unsigned char raw[ZDH_OID_RAWSZ];
		char hex[41];

		zdh_sha1_init(&c);
		for (size_t i = 0; i < len; i += step)
			zdh_sha1_update(&c, data + i, len - i < step ? len - i : step);
		zdh_sha1_final(raw, &c);
		zdh_oid_tohex(hex, raw);
		if (strcmp(hex, want))
			return 0;
	}
	return 1;
}

/* the FIPS vectors and padding edges, through whichever blocks are in use */
static void vectors(const char *impl)
{
	static const struct { size_t n; const char *want; } edges[] = {
		{ 55, "cef734ba81a024479e09eb5a75b6ddae62e6abf1" },
		{ 56, "901305367c259952f4e7af8323f480d59f81335b" },
		{ 63, "0ddc4e0cccd9a12850deb5abb0853a4425559fec" },
		{ 64, "bb2fa3ee7afb9f54c6dfb5d021f14b1ffe40c163" },
		{ 65, "78c741ddc482e4cdf8c474a0876347a0905b6233" },
		{ 119, "4300320394f7ee239bcdce7d3b8bcee173a0cd5c" },
		{ 120, "ceb2821639c4b6dcb10bce0e522ca2e608ce056d" },
		{ 127, "e463484d274607e1897d4099497cbf2aedcf8206" },
		{ 128, "150fa3fbdc899bd0b8f95a9fb6027f564d953762" },
		{ 129, "2699b675922cc84a9b0dfd926eb7f8211c78693d" },
	};
	char hex[41], name[128];
	unsigned char raw[ZDH_OID_RAWSZ], xs[129], *million;
	struct zdh_sha1 c;

#define N(what) (snprintf(name, sizeof(name), "%s: %s", impl, what), name)
	/* FIPS 180-2 appendix A and the NIST test vectors */
	hash_str(hex, "");
	is_str(hex, "da39a3ee5e6b4b0d3255bfef95601890afd80709", N("empty message"));
	hash_str(hex, "abc");
	is_str(hex, "a9993e364706816aba3e25717850c26c9cd0d89d", N("\"abc\""));
	hash_str(hex, "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq");
	is_str(hex, "84983e441c3bd26ebaae4aa1f95129e5e54670f1", N("448-bit message"));
	hash_str(hex, "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmn"
		 "hijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu");
	is_str(hex, "a49b2446a02c645bf419f995b67091253a04a259", N("896-bit message"));

	million = malloc(1000000);
	memset(million, 'a', 1000000);
	hash(hex, million, 1000000);
	is_str(hex, "34aa973cd4c4daa4f61eeb2bdbad27316534016f", N("one million 'a'"));
	zdh_sha1_init(&c);
	for (int i = 0; i < 1000; i++)
		zdh_sha1_update(&c, million, 1000);
	zdh_sha1_final(raw, &c);
	zdh_oid_tohex(hex, raw);
	is_str(hex, "34aa973cd4c4daa4f61eeb2bdbad27316534016f", N("one million 'a' in 1000 pieces"));
	free(million);

	/* padding edges around 56 and 64 bytes (checked against sha1sum) */
	memset(xs, 'x', sizeof(xs));
	for (size_t i = 0; i < sizeof(edges) / sizeof(edges[0]); i++) {
		snprintf(name, sizeof(name), "%s: %zu bytes", impl, edges[i].n);
		hash(hex, xs, edges[i].n);
		is_str(hex, edges[i].want, name);
		snprintf(name, sizeof(name), "%s: %zu bytes, fed in pieces of 1 to 130", impl, edges[i].n);
		ok(chunked_matches(xs, edges[i].n, edges[i].want), name);
	}

#undef N
}

/* xorshift64*: the same bytes on every run and every host */
static uint64_t rng = 0x5eed5eed12345678ULL;

static uint64_t next_random(void)
{
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return rng * 0x2545f4914f6cdd1dULL;
}

/* data fed in pieces of random size (up to max) through the blocks in use */
static void hash_pieces(char hex[41], const unsigned char *data, size_t len, size_t max)
{
	struct zdh_sha1 c;
	unsigned char raw[ZDH_OID_RAWSZ];

	zdh_sha1_init(&c);
	for (size_t i = 0, n; i < len; i += n) {
		n = (size_t)(next_random() % (max + 1));
		if (n > len - i)
			n = len - i;
		zdh_sha1_update(&c, data + i, n);
	}
	zdh_sha1_final(raw, &c);
	zdh_oid_tohex(hex, raw);
}

/* sha1sum's answer for data, or "" when it cannot be run */
static void sha1sum(char hex[41], const unsigned char *data, size_t len)
{
	char path[] = "/tmp/zdh-sha1-XXXXXX", cmd[64];
	int fd = mkstemp(path);
	FILE *f;

	hex[0] = '\0';
	if (fd < 0)
		return;
	if (write(fd, data, len) == (ssize_t)len) {
		snprintf(cmd, sizeof(cmd), "sha1sum %s", path);
		if ((f = popen(cmd, "r"))) {
			if (fscanf(f, "%40s", hex) != 1)
				hex[0] = '\0';
			pclose(f);
		}
	}
	close(fd);
	unlink(path);
}

/*
 * The best blocks against the portable ones on random data: every length
 * from 0 to 1000 (whole, and in pieces) and some large buffers in pieces
 * of up to 64 KiB, starting at odd offsets so the loads are unaligned.
 * A sample is checked against sha1sum as well.
 */
static void compare_random(const char *best)
{
	static const size_t big[] = { 4096, 65536 + 7, 1048576, 3 * 1048576 + 13 };
	static const size_t sample[] = { 0, 1, 55, 56, 63, 64, 65, 127, 128, 129, 511, 1000 };
	size_t size = 3 * 1048576 + 64, bad = (size_t)-1, checked = 0, agreed = 0;
	unsigned char *data = malloc(size);
	char fast[41], slow[41], want[41], name[128];

	for (size_t i = 0; i < size; i++)
		data[i] = (unsigned char)(next_random() >> 56);
	for (size_t len = 0; len <= 1000; len++) {
		const unsigned char *p = data + len % 61;

		zdh_sha1_use_portable(0);
		hash(fast, p, len);
		zdh_sha1_use_portable(1);
		hash_pieces(slow, p, len, 200);
		if (strcmp(fast, slow) && bad == (size_t)-1)
			bad = len;
		zdh_sha1_use_portable(0);
		hash_pieces(fast, p, len, 200);
		if (strcmp(fast, slow) && bad == (size_t)-1)
			bad = len;
	}
	snprintf(name, sizeof(name), "%s = portable, random data of 0 to 1000 bytes, whole and in pieces", best);
	ok(bad == (size_t)-1, name);
	if (bad != (size_t)-1)
		printf("#   first difference at %zu bytes\n", bad);

	for (size_t i = 0; i < sizeof(big) / sizeof(big[0]); i++) {
		const unsigned char *p = data + 1 + i * 16;

		zdh_sha1_use_portable(0);
		hash_pieces(fast, p, big[i], 65536);
		zdh_sha1_use_portable(1);
		hash_pieces(slow, p, big[i], 65536);
		snprintf(name, sizeof(name), "%s = portable, %zu random bytes in random pieces", best, big[i]);
		is_str(fast, slow, name);
		if (!i || i == sizeof(big) / sizeof(big[0]) - 1) {
			sha1sum(want, p, big[i]);
			if (*want) {
				snprintf(name, sizeof(name), "%zu random bytes = sha1sum", big[i]);
				is_str(fast, want, name);
			}
		}
	}
	zdh_sha1_use_portable(0);

	for (size_t i = 0; i < sizeof(sample) / sizeof(sample[0]); i++) {
		const unsigned char *p = data + sample[i] % 61;

		sha1sum(want, p, sample[i]);
		if (!*want)
			continue;
		checked++;
		hash(fast, p, sample[i]);
		agreed += !strcmp(fast, want);
	}
	if (checked) {
		snprintf(name, sizeof(name), "%s = sha1sum on %zu sample lengths", best, checked);
		is_int(agreed, checked, name);
	} else {
		printf("# sha1sum could not be run: the sample was not checked against it\n");
	}
	free(data);
}

int main(void)
{
	char hex[41];
	unsigned char raw[ZDH_OID_RAWSZ];
	const char *best = zdh_sha1_implementation();
	int have_ni = !strcmp(best, "SHA-NI");

	if (have_ni)
		printf("# sha1: using SHA-NI, checked against the portable code\n");
	else
		printf("# sha1: portable (this CPU has no SHA-NI): both passes below run the portable code\n");

	vectors(best);
	zdh_sha1_use_portable(1);
	is_str(zdh_sha1_implementation(), "portable", "zdh_sha1_use_portable(1) selects the portable code");
	vectors("portable");
	zdh_sha1_use_portable(0);
	is_str(zdh_sha1_implementation(), best, "zdh_sha1_use_portable(0) goes back to the best");
	compare_random(best);

	/* names as git hash-object gives them */
	hash(hex, "blob 6\0hello\n", 13);
	is_str(hex, "ce013625030ba8dba906f756967f9e9ca394464a", "blob \"hello\\n\"");
	hash(hex, "blob 0\0", 7);
	is_str(hex, "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391", "empty blob");
	hash(hex, "tree 0\0", 7);
	is_str(hex, "4b825dc642cb6eb9a060e54bf8d69288fbee4904", "empty tree");

	/* hex helpers */
	is_int(zdh_oid_fromhex(raw, "CE013625030BA8DBA906F756967F9E9CA394464A"), 0, "upper case accepted");
	zdh_oid_tohex(hex, raw);
	is_str(hex, "ce013625030ba8dba906f756967f9e9ca394464a", "round trip gives lower case");
	is_int(raw[0], 0xce, "first byte");
	is_int(raw[19], 0x4a, "last byte");
	is_int(zdh_oid_fromhex(raw, "ce013625030ba8dba906f756967f9e9ca394464"), -1, "39 digits refused");
	is_int(zdh_oid_fromhex(raw, "ce013625030ba8dba906f756967f9e9ca394464a0"), -1, "41 digits refused");
	is_int(zdh_oid_fromhex(raw, "ce013625030ba8dba906f756967f9e9ca394464a\n"), -1,
	       "trailing newline refused");
	is_int(zdh_oid_fromhex(raw, "ge013625030ba8dba906f756967f9e9ca394464a"), -1, "non-hex refused");
	is_int(zdh_oid_fromhex(raw, ""), -1, "empty refused");

	/* bytes of any length (a signing key's 32) */
	{
		unsigned char key[32], back[32];
		char khex[65];
		for (int i = 0; i < 32; i++)
			key[i] = (unsigned char)(i * 37 + 5);
		zdh_hex_encode(khex, key, 32);
		is_int((int)strlen(khex), 64, "hex_encode: two digits a byte, then NUL");
		is_str(khex + 58, "365b80", "hex_encode: lower case, in order");
		is_int(zdh_hex_decode(back, khex, 32), 0, "hex_decode: its own encoding");
		ok(!memcmp(back, key, 32), "hex_decode: the same bytes back");
		is_int(zdh_hex_decode(back, "0aFf", 2), 0, "hex_decode: either case");
		is_int(back[0] << 8 | back[1], 0x0aff, "hex_decode: 0a ff");
		is_int(zdh_hex_decode(back, "0aF", 2), -1, "hex_decode: a digit short refused");
		is_int(zdh_hex_decode(back, "0a f", 2), -1, "hex_decode: a space refused");
		is_int(zdh_hex_decode(back, "0aff!", 2), 0, "hex_decode: what follows not read");
		zdh_hex_encode(khex, key, 0);
		is_str(khex, "", "hex_encode: no bytes, an empty string");
	}
	{
		/*
		 * Every byte at every place of an id: zdh_oid_fromhex() and
		 * zdh_hex_decode_whole() (16 digits at a time) say what a digit
		 * at a time says, and read the same bytes.
		 */
		const char *id = "0123456789abcdefABCDEF0123456789abcdef01";
		unsigned char want[20], got[20];
		char hex[48];
		int bad = 0;

		for (int at = 0; at < 40; at++)
			for (int c = 0; c < 256; c++) {
				int v, w, x;

				memcpy(hex, id, 41);
				hex[at] = (char)c;
				v = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
				w = zdh_oid_fromhex(got, hex);
				if (c) {
					hex[40] = 'x';	/* (the whole 40 read, no end) */
					x = zdh_hex_decode_whole(got + 0, hex, 20);
				} else {
					x = -1;
				}
				if (w != (v ? 0 : -1) || x != w)
					bad++;
				if (v && (zdh_hex_decode(want, hex, 20) || memcmp(want, got, 20)))
					bad++;
			}
		is_int(bad, 0, "hex: every byte at every place read as a digit at a time reads it");
		bad = 0;
		srand(3);
		for (int k = 0; k < 20000; k++) {
			unsigned char a[40], b2[40];
			char h[81];
			size_t len = (size_t)(rand() % 41);

			for (size_t i = 0; i < 2 * len; i++)
				h[i] = "0123456789abcdefABCDEF"[rand() % 22];
			if (len && rand() % 2)
				h[rand() % (2 * len)] = (char)(rand() % 256 | 1);
			h[2 * len] = '\0';
			memset(a, 0, sizeof(a));
			memset(b2, 0, sizeof(b2));
			if (zdh_hex_decode_whole(a, h, len) != zdh_hex_decode(b2, h, len) ||
			    (!zdh_hex_decode(b2, h, len) && memcmp(a, b2, len)))
				bad++;
		}
		is_int(bad, 0, "hex_decode_whole: as hex_decode for 0 to 40 bytes, some with a byte not a digit");
		is_int(zdh_hex_decode_whole(got, "0aFf", 2), 0, "hex_decode_whole: 2 bytes");
		is_int(got[0] << 8 | got[1], 0x0aff, "hex_decode_whole: 0a ff");
		is_int(zdh_oid_fromhex(got, "ce013625030ba8dba906f756967f9e9ca394464"), -1,
		       "a string's end among the 40 refused");
	}

	return done_testing();
}

/*
 * sha1 — FIPS 180 vectors, padding edges, chunked updates, git object
 * names, and the hex helpers.
 */
#include <stdlib.h>
#include <string.h>

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

int main(void)
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
	char hex[41], name[64];
	unsigned char raw[ZDH_OID_RAWSZ], xs[129], *million;
	struct zdh_sha1 c;

	/* FIPS 180-2 appendix A and the NIST test vectors */
	hash_str(hex, "");
	is_str(hex, "da39a3ee5e6b4b0d3255bfef95601890afd80709", "empty message");
	hash_str(hex, "abc");
	is_str(hex, "a9993e364706816aba3e25717850c26c9cd0d89d", "\"abc\"");
	hash_str(hex, "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq");
	is_str(hex, "84983e441c3bd26ebaae4aa1f95129e5e54670f1", "448-bit message");
	hash_str(hex, "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmn"
		 "hijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu");
	is_str(hex, "a49b2446a02c645bf419f995b67091253a04a259", "896-bit message");

	million = malloc(1000000);
	memset(million, 'a', 1000000);
	hash(hex, million, 1000000);
	is_str(hex, "34aa973cd4c4daa4f61eeb2bdbad27316534016f", "one million 'a'");
	zdh_sha1_init(&c);
	for (int i = 0; i < 1000; i++)
		zdh_sha1_update(&c, million, 1000);
	zdh_sha1_final(raw, &c);
	zdh_oid_tohex(hex, raw);
	is_str(hex, "34aa973cd4c4daa4f61eeb2bdbad27316534016f", "one million 'a' in 1000 pieces");
	free(million);

	/* padding edges around 56 and 64 bytes (checked against sha1sum) */
	memset(xs, 'x', sizeof(xs));
	for (size_t i = 0; i < sizeof(edges) / sizeof(edges[0]); i++) {
		snprintf(name, sizeof(name), "%zu bytes", edges[i].n);
		hash(hex, xs, edges[i].n);
		is_str(hex, edges[i].want, name);
		snprintf(name, sizeof(name), "%zu bytes, fed in pieces of 1 to 130", edges[i].n);
		ok(chunked_matches(xs, edges[i].n, edges[i].want), name);
	}

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

	return done_testing();
}

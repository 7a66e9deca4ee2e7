/*
 * sha1 — SHA-1 as git names its objects.  Written here (not taken from a
 * crypto library) so that the write path loads no library for it.
 */
#ifndef ZDH_SHA1_H
#define ZDH_SHA1_H

#include <stddef.h>
#include <stdint.h>

#define ZDH_OID_RAWSZ 20
#define ZDH_OID_HEXSZ 40

struct zdh_sha1 {
	uint32_t h[5];
	uint64_t len;
	unsigned char buf[64];
};

void zdh_sha1_init(struct zdh_sha1 *c);
void zdh_sha1_update(struct zdh_sha1 *c, const void *data, size_t len);
void zdh_sha1_final(unsigned char out[ZDH_OID_RAWSZ], struct zdh_sha1 *c);
/*
 * The blocks are hashed with the x86 SHA extensions (SHA-NI) when cpuid
 * reports them, else by portable C; the choice is made once, on first use.
 * For tests: zdh_sha1_use_portable(1) forces the portable code from then
 * on, (0) goes back to the best the CPU has.  Switch only between hashes,
 * not while a struct zdh_sha1 is half fed (harmless, but pointless).
 * zdh_sha1_implementation() names what is in use: "SHA-NI" or "portable".
 */
void zdh_sha1_use_portable(int on);
const char *zdh_sha1_implementation(void);
/*
 * Hex digits for bytes, git's way (lower case): hex must hold 2 * len + 1
 * bytes, and ends with a NUL.
 */
void zdh_hex_encode(char *hex, const unsigned char *raw, size_t len);
/*
 * The len bytes that the first 2 * len characters of hex spell, in
 * lower- or upper-case digits: 0, or -1 at anything else (what follows
 * them is not looked at).
 */
int zdh_hex_decode(unsigned char *raw, const char *hex, size_t len);
/* The same when all 2 * len characters are there to read (none is a string's end): faster. */
int zdh_hex_decode_whole(unsigned char *raw, const char *hex, size_t len);
/* hex must hold ZDH_OID_HEXSZ + 1 bytes. */
void zdh_oid_tohex(char *hex, const unsigned char raw[ZDH_OID_RAWSZ]);
/* Returns 0, or -1 when hex is not 40 lower- or upper-case hex digits. */
int zdh_oid_fromhex(unsigned char raw[ZDH_OID_RAWSZ], const char *hex);

#endif

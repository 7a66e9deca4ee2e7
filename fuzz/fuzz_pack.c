/*
 * fuzz_pack — libFuzzer target: the pack reader (core/packread.c) on a
 * damaged or hand-made pack.  The input is a 4-byte little-endian length
 * L, then L bytes of .idx, then the .pack; both are written into a
 * scratch repository's objects/pack/ and every object the index names is
 * read, by rank and by id (deltas followed), whatever the bytes say.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "error.h"
#include "packread.h"
#include "sha1.h"

static char dir[64], idx_path[160], pack_path[160];

static int put(const char *path, const uint8_t *p, size_t n)
{
	FILE *f = fopen(path, "wb");

	if (!f)
		return -1;
	fwrite(p, 1, n, f);
	return fclose(f);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char name[] = "pack-0123456789abcdef0123456789abcdef01234567";
	struct zdh_packs *packs = NULL;
	struct zdh_buf out = ZDH_BUF_INIT;
	enum zdh_objtype type;
	uint32_t len;
	char id[41];

	if (!dir[0]) {
		char sub[200];
		snprintf(dir, sizeof(dir), "/tmp/zdh-fuzz-pack.%d", (int)getpid());
		snprintf(sub, sizeof(sub), "%s/objects", dir);
		mkdir(dir, 0700);
		mkdir(sub, 0700);
		snprintf(sub, sizeof(sub), "%s/objects/pack", dir);
		mkdir(sub, 0700);
		snprintf(idx_path, sizeof(idx_path), "%s/%s.idx", sub, name);
		snprintf(pack_path, sizeof(pack_path), "%s/%s.pack", sub, name);
	}
	if (size < 4)
		return 0;
	len = (uint32_t)data[0] | (uint32_t)data[1] << 8 | (uint32_t)data[2] << 16 |
	      (uint32_t)data[3] << 24;
	if (len > size - 4)
		len = (uint32_t)(size - 4);
	if (put(idx_path, data + 4, len) || put(pack_path, data + 4 + len, size - 4 - len))
		return 0;
	if (zdh_packs_open(&packs, dir))
		return 0;
	zdh_packs_read(packs, "0000000000000000000000000000000000000000", &out, &type);
	for (uint32_t rank = 0; rank < 256; rank++) {
		/* the id the index gives rank (version 2: header, fan-out, ids) */
		size_t at = 8 + 256 * 4 + (size_t)rank * ZDH_OID_RAWSZ, k;
		const uint8_t *raw = data + 4 + at;
		uint32_t r;
		int err;

		if (at + ZDH_OID_RAWSZ > len)
			break;
		zdh_oid_tohex(id, raw);
		zdh_buf_reset(&out);
		err = zdh_packs_read_rank(packs, 0, rank, ZDH_OBJ_COMMIT, raw, &out, &type);
		if (err == ZDH_ENOTFOUND)
			break;
		if (err < 0)
			continue;
		zdh_buf_reset(&out);
		zdh_packs_read_known(packs, id, &out, &type);
		zdh_packs_place(packs, id, &k, &r);
	}
	zdh_packs_free(packs);
	zdh_buf_release(&out);
	return 0;
}

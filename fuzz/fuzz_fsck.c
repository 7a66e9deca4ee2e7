/*
 * fuzz_fsck — libFuzzer target: git fsck's checks of a commit and a tree
 * (core/fsck.c), which read what a peer's folder holds before anything
 * else does.  The first byte picks the check; the rest is the object,
 * copied with the NUL after it that the checks may rely on (and no more:
 * AddressSanitizer sees a read past it).  A commit that passes must have
 * the lines every reader of it takes for granted.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fsck.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *why = NULL;
	char *obj;
	int r;

	if (size < 1)
		return 0;
	obj = malloc(size);
	memcpy(obj, data + 1, size - 1);
	obj[size - 1] = '\0';
	if (data[0] & 1) {
		r = zdh_fsck_tree(obj, size - 1, &why);
	} else {
		r = zdh_fsck_commit(obj, size - 1, &why);
		if (!r && (strncmp(obj, "tree ", 5) || !strstr(obj, "\nauthor ") ||
			   !strstr(obj, "\ncommitter ")))
			abort();
	}
	if (r && (!why || !*why))
		abort();	/* a refusal always says why */
	free(obj);
	return 0;
}

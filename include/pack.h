/*
 * pack — writes one git pack (and its .idx, version 2) as a stream, for
 * the bulk paths: import, clone by path, demo data, benchmarks.  Commits
 * are written as deltas of a whole commit written before them in the same
 * pack (see core/pack.c), other objects whole; memory stays flat however
 * many events a transaction holds.
 */
#ifndef ZDH_PACK_H
#define ZDH_PACK_H

#include <stddef.h>
#include "odb.h"

struct zdh_packw;

/* Start objects/pack/tmp_pack_XXXXXX. */
int zdh_packw_open(struct zdh_packw **out, const char *gitdir);
/* Append an object whose id the caller computed (zdh_odb_hash); duplicates are skipped. */
int zdh_packw_add(struct zdh_packw *w, enum zdh_objtype type, const char id[41],
		  const void *data, size_t len);
/* The same with the id's 20 bytes (zdh_odb_hash_raw), not decoded from hex again. */
int zdh_packw_add_oid(struct zdh_packw *w, enum zdh_objtype type,
		      const unsigned char sha[ZDH_OID_RAWSZ], const void *data, size_t len);
/*
 * The same for an object received (a copy from another repository): it is
 * checked to hash to id on the writer's thread, off the caller's (a
 * seventh of a clone's copy); one that does not fails a later add, or
 * zdh_packw_finish(), with "object ID of the remote is damaged"
 * (ZDH_ECORRUPT), and the pack is never renamed into place.
 */
int zdh_packw_add_checked(struct zdh_packw *w, enum zdh_objtype type, const char id[41],
			  const void *data, size_t len);
size_t zdh_packw_count(const struct zdh_packw *w);
/*
 * Fix the header's count, write the checksum and the .idx, fsync both,
 * and rename them to pack-<checksum>.{pack,idx}: only then do readers see
 * the objects.  The writer is freed, whatever the result.
 */
int zdh_packw_finish(struct zdh_packw *w);
/*
 * Start the first part of the finish (the header, the checksum, the .idx
 * written) on a thread of its own, for the caller to do other work
 * meanwhile: no object may be added after it.  zdh_packw_finish() waits
 * for it, and says its failure.
 */
void zdh_packw_seal(struct zdh_packw *w);
/* Remove the temporary file and free the writer (nothing becomes visible). */
void zdh_packw_abort(struct zdh_packw *w);

#endif

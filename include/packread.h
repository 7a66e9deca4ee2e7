/*
 * packread — reads objects out of the repository's git packs
 * (Documentation/gitformat-pack.txt: pack version 2 or 3, idx version 2),
 * without libgit2.
 *
 * A struct zdh_packs knows every pack of objects/pack/ (scanned at the
 * first read, and again when an object is not found, since a fetch or
 * git gc may have added a pack).  Objects may be whole or deltas (OFS and
 * REF), in chains of any depth; a REF_DELTA's base may be in another pack
 * or loose.  Memory stays small and bounded whatever the size of the
 * packs: pack data is read with pread() through a few 64 KiB windows,
 * at most 8 MiB of .idx is mapped (the rest is read with pread()), and
 * inflated delta bases are kept in a cache of a few MiB.
 *
 * Objects are not re-hashed (zdh verify does that): a damaged pack is
 * found by its zlib streams, sizes and deltas, and reported as
 * ZDH_ECORRUPT.  Not thread-safe; one per repository.
 */
#ifndef ZDH_PACKREAD_H
#define ZDH_PACKREAD_H

#include "buf.h"
#include <stdint.h>

#include "odb.h"

struct zdh_packs;

/* Prepare to read gitdir's packs; nothing is opened until the first read. */
int zdh_packs_open(struct zdh_packs **out, const char *gitdir);
void zdh_packs_free(struct zdh_packs *p);
/* For tests: map .idx files of at most bytes in all (8 MiB by default; 0 reads every one with pread()). */
void zdh_packs_map_limit(struct zdh_packs *p, size_t bytes);
/* How many objects the packs of objects/pack/ hold in all (their .idx files say); 0 on an error. */
size_t zdh_packs_count(struct zdh_packs *p);

/*
 * Append the content of object id (40 hex digits) to out and set *type.
 * Returns 0; ZDH_ENOTFOUND when no pack holds it (after scanning
 * objects/pack again); ZDH_EINVALID for a malformed id; ZDH_ECORRUPT or
 * ZDH_ERROR, with a message, when a pack is damaged or cannot be read.
 * out is left as it was on error.
 */
int zdh_packs_read(struct zdh_packs *p, const char *id, struct zdh_buf *out,
		   enum zdh_objtype *type);
/* The same, but a miss does not scan objects/pack again (ZDH_ENOTFOUND at once). */
int zdh_packs_read_known(struct zdh_packs *p, const char *id, struct zdh_buf *out,
			 enum zdh_objtype *type);
/*
 * The type of object id, from the headers of its pack entry (and of a
 * delta's bases down the chain): nothing inflated, whatever its size.
 * Returns as zdh_packs_read() and zdh_packs_read_known() do, but
 * ZDH_ENOTFOUND without a message.
 */
int zdh_packs_type(struct zdh_packs *p, const char *id, enum zdh_objtype *type);
int zdh_packs_type_known(struct zdh_packs *p, const char *id, enum zdh_objtype *type);
/*
 * 1 when a pack known already holds id, 0 when none does (no message: a
 * fetch asks of every object it copies), or an error.  Nothing is read
 * but the .idx files.
 */
int zdh_packs_has_known(struct zdh_packs *p, const char *id);

/*
 * Pack order, for reading a chain of commits that a pack holds one after
 * another: 1 with the pack k that holds id and its rank there (its place
 * among that pack's objects by offset), 0 when no known pack holds it or
 * the pack is too large to be ordered (16M objects, 1 TiB), or an error.
 * Ordering a pack costs 8 bytes an object, kept until zdh_packs_free().
 */
int zdh_packs_place(struct zdh_packs *p, const char *id, size_t *k, uint32_t *rank);
/*
 * The object of pack k at rank, when its id is want_id: 1, and when it is
 * a whole object of another type than want only *type (out untouched),
 * else its content appended to out and *type.  Another object: 0, *type
 * its type, or 0 for a delta (not resolved: nothing is inflated for an
 * object not wanted, nor its id spelled out).  ZDH_ENOTFOUND past either
 * end.
 */
int zdh_packs_read_rank(struct zdh_packs *p, size_t k, uint32_t rank, enum zdh_objtype want,
			const unsigned char want_id[ZDH_OID_RAWSZ], struct zdh_buf *out,
			enum zdh_objtype *type);

#endif

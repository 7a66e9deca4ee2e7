/*
 * objects — read an object of the repository by id: packed or loose
 * (core/objects.c), for whoever reads the logs.
 */
#ifndef ZDH_OBJECTS_H
#define ZDH_OBJECTS_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "odb.h"

struct zdh_repo;

/* Read a commit, a tree (an event's attachments) or a blob (an attachment) by id. */
int zdh_objects_read_commit(struct zdh_buf *raw, struct zdh_repo *repo, const char *id);
int zdh_objects_read_tree(struct zdh_buf *out, struct zdh_repo *repo, const char *id);
int zdh_objects_read_blob(struct zdh_buf *out, struct zdh_repo *repo, const char *id);
/*
 * The type of an object, from its header alone (nothing inflated of a
 * large blob): 0; ZDH_ENOTFOUND when the repository does not hold it;
 * ZDH_ECORRUPT or ZDH_ERROR when it cannot be read.
 */
int zdh_objects_type(struct zdh_repo *repo, const char *id, enum zdh_objtype *type);
/* A commit from the packs already open or loose only: no look for new packs (an error when absent). */
int zdh_objects_find_commit(struct zdh_buf *raw, struct zdh_repo *repo, const char *id);
/* Pack order (include/packread.h), for a long walk. */
int zdh_objects_place(struct zdh_repo *repo, const char *id, size_t *k, uint32_t *rank);
int zdh_objects_read_rank(struct zdh_repo *repo, size_t k, uint32_t rank, enum zdh_objtype want,
			  const unsigned char want_id[ZDH_OID_RAWSZ], struct zdh_buf *out,
			  enum zdh_objtype *type);
/* Before (start set) and after reading a whole long log: see core/objects.c. */
void zdh_objects_long_walk(struct zdh_repo *repo, int start);
/* How many objects the repository's packs hold (zdh_packs_count()); 0 on an error. */
size_t zdh_objects_packed(struct zdh_repo *repo);

#endif

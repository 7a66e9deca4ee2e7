/*
 * objects — an object of the repository by its id, wherever it is: in
 * one of its packs (core/packread.c) or loose (core/odb.c).  Everything
 * that reads the logs reads through it: the index's catch-up, the write
 * path, sync, audit.  It holds no state of its own beyond the packs the
 * repository has opened (repo->packs), and knows nothing of events or of
 * the index.
 */
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "i18n.h"
#include "objects.h"
#include "odb.h"
#include "packread.h"
#include "repo.h"

static int open_packs(struct zdh_repo *repo)
{
	return repo->packs ? 0 : zdh_packs_open(&repo->packs, repo->gitdir);
}

/*
 * An object of the wanted type: from the packs zdh knows of, else loose,
 * else (rescan set) from a pack that appeared since (a fetch, git gc).  Packs first:
 * a reindex reads a million packed objects, and probing for a loose file
 * first cost a failed open() each, more than the pack lookup.
 */
static int read_object_opt(struct zdh_buf *out, struct zdh_repo *repo, const char *id,
			   enum zdh_objtype want, const char *what, int rescan)
{
	enum zdh_objtype type;
	size_t start = out->len;
	int err;

	if ((err = open_packs(repo)))
		return err;
	err = zdh_packs_read_known(repo->packs, id, out, &type);
	if (err == ZDH_ENOTFOUND)
		err = zdh_odb_read_loose(out, &type, repo->gitdir, id);
	if (err == ZDH_ENOTFOUND && rescan)
		err = zdh_packs_read(repo->packs, id, out, &type);
	if (err == ZDH_ENOTFOUND)
		return zdh_error_set(ZDH_ECORRUPT, _("missing or damaged object %.12s"), id);
	if (err)
		return err;
	if (type != want) {
		zdh_buf_setlen(out, start);
		return zdh_error_set(ZDH_ECORRUPT, _("object %.12s is not a %s"), id, _(what));
	}
	return 0;
}

/*
 * A walk over a whole log looks up every object's id in the .idx files:
 * map them whole then (up to WALK_IDX_MAP bytes, the .idx of a million
 * objects is 28 MiB) rather than read a block of ids for each lookup,
 * which cost a third of such a walk.  Back to the default limit after.
 */
#define WALK_IDX_MAP (48 << 20)

void zdh_objects_long_walk(struct zdh_repo *repo, int start)
{
	zdh_packs_free(repo->packs);
	repo->packs = NULL;
	if (start && !zdh_packs_open(&repo->packs, repo->gitdir))
		zdh_packs_map_limit(repo->packs, WALK_IDX_MAP);
}


size_t zdh_objects_packed(struct zdh_repo *repo)
{
	return open_packs(repo) ? 0 : zdh_packs_count(repo->packs);
}

int zdh_objects_place(struct zdh_repo *repo, const char *id, size_t *k, uint32_t *rank)
{
	int err = open_packs(repo);

	return err ? err : zdh_packs_place(repo->packs, id, k, rank);
}

int zdh_objects_read_rank(struct zdh_repo *repo, size_t k, uint32_t rank, enum zdh_objtype want,
			  const unsigned char want_id[ZDH_OID_RAWSZ], struct zdh_buf *out,
			  enum zdh_objtype *type)
{
	int err = open_packs(repo);

	return err ? err : zdh_packs_read_rank(repo->packs, k, rank, want, want_id, out, type);
}

static int read_object(struct zdh_buf *out, struct zdh_repo *repo, const char *id,
		       enum zdh_objtype want, const char *what)
{
	return read_object_opt(out, repo, id, want, what, 1);
}

int zdh_objects_find_commit(struct zdh_buf *raw, struct zdh_repo *repo, const char *id)
{
	return read_object_opt(raw, repo, id, ZDH_OBJ_COMMIT, N_("commit"), 0);
}

int zdh_objects_read_commit(struct zdh_buf *raw, struct zdh_repo *repo, const char *id)
{
	/* (the name translated only for a message: a catch-up reads every new commit) */
	return read_object(raw, repo, id, ZDH_OBJ_COMMIT, N_("commit"));
}

int zdh_objects_type(struct zdh_repo *repo, const char *id, enum zdh_objtype *type)
{
	int err;

	if ((err = open_packs(repo)))
		return err;
	err = zdh_packs_type_known(repo->packs, id, type);
	if (err == ZDH_ENOTFOUND)
		err = zdh_odb_loose_type(type, repo->gitdir, id);
	if (err == ZDH_ENOTFOUND)
		err = zdh_packs_type(repo->packs, id, type);
	if (err == ZDH_ENOTFOUND)
		return zdh_error_set(ZDH_ENOTFOUND, _("no object %.12s"), id);
	return err;
}

int zdh_objects_read_tree(struct zdh_buf *out, struct zdh_repo *repo, const char *id)
{
	return read_object(out, repo, id, ZDH_OBJ_TREE, N_("tree"));
}

int zdh_objects_read_blob(struct zdh_buf *out, struct zdh_repo *repo, const char *id)
{
	return read_object(out, repo, id, ZDH_OBJ_BLOB, N_("file"));
}

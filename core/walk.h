/*
 * walk — a log read from its tip back on a second thread (core/walk.c).
 */
#ifndef ZDH_WALK_H
#define ZDH_WALK_H

#include "buf.h"
#include "repo.h"
#include "rules.h"

/* One commit of a walk, as the reader hands it over. */
struct zdh_walked {
	char id[41];
	struct zdh_buf raw;	/* the commit (with parse: in logged.raw, raw empty) */
	struct zdh_buf tree;	/* without parse: its tree, when not the empty tree (the tree rule) */
	struct zdh_buf types;	/* and the types of what its entries name (zdh_logged's types) */
	int tree_read;
	/*
	 * With parse, the commit parsed by the reader (its tree with it).
	 * fn may swap it with a zdh_logged of its own, whose buffers the
	 * reader then reuses (and frees).
	 */
	struct zdh_logged logged;
};

/*
 * Read the commits from tip back to (not including) stop ("" for the
 * root) on a second thread, and call fn(ctx, commit) for each on this
 * one, in the order of the log.  With check, the reader also hashes each
 * commit and stops at one that does not hash to its id (ZDH_ECORRUPT,
 * "object damaged"); with parse nonzero (zdh_logged_parse() flags),
 * it also parses each into commit->logged, taking that work off fn's
 * thread.  While it runs only the reader reads objects of
 * repo.  Returns 0, fn's error (the walk then stops), or the error that
 * stopped the reader, its message set, after fn has seen every commit
 * read before it; cur is where the reader stopped ("" past a root, stop,
 * or the commit it could not read).
 */
int zdh_walk_threaded(struct zdh_repo *repo, const char *tip, const char *stop, int check,
		      unsigned parse, int (*fn)(void *ctx, struct zdh_walked *commit), void *ctx,
		      char cur[41]);

/*
 * The commit raw's tree, unless it is the empty tree (*read 0 then), for
 * the tree rule, and a byte an entry into types: the type of the object
 * it names, from its header (zdh_objects_type()), 0 when not held.
 */
void zdh_walk_read_tree(struct zdh_repo *repo, const struct zdh_buf *raw, struct zdh_buf *tree,
			struct zdh_buf *types, int *read);

#endif

/*
 * odb — git's on-disk format, written without libgit2.
 *
 * The write path of every zdh command uses this module: it writes loose
 * objects (zlib, SHA-1) and moves refs with git's lockfile protocol
 * (core/lockfile.c), so that what zdh reports as written survives a crash:
 * a ref moved by zdh_ref_update() is durable when it returns, and so is
 * every object written before it in the repository.  It reads loose refs and packed-refs.  It never
 * reads packed objects: that is core/packread.c's job.
 *
 * gitdir is the path of the bare repository (the .zdh directory).  Object
 * ids are 40-character lower-case hex strings (char[41]).
 */
#ifndef ZDH_ODB_H
#define ZDH_ODB_H

#include <stddef.h>
#include "buf.h"
#include "lockfile.h"
#include "sha1.h"

#define ZDH_EMPTY_TREE "4b825dc642cb6eb9a060e54bf8d69288fbee4904"
/*
 * The largest object zdh reads, in bytes: no object of a zdh repository
 * is larger (an attachment is at most ZDH_ATTACHMENT_HARD_MAX, rules.h;
 * a commit ZDH_COMMIT_MAX).  A peer's blob of 4 GiB of zeros is 4 MiB in
 * a pack; read whole, as every object is, it took as much memory.
 */
#define ZDH_OBJECT_MAX (256LL * 1024 * 1024)

/* The numbers of the pack format.  zdh writes no tags; it reads them (git may make them). */
enum zdh_objtype { ZDH_OBJ_COMMIT = 1, ZDH_OBJ_TREE = 2, ZDH_OBJ_BLOB = 3, ZDH_OBJ_TAG = 4 };

/* Hash an object without writing it: id = sha1("<type> <len>\0" data). */
void zdh_odb_hash(char id[41], enum zdh_objtype type, const void *data, size_t len);
/* The same, the id as its 20 bytes. */
void zdh_odb_hash_raw(unsigned char raw[ZDH_OID_RAWSZ], enum zdh_objtype type, const void *data,
		      size_t len);

/*
 * Write a loose object: deflate into objects/xx/tmp_obj_XXXXXX, make it
 * durable and rename it to objects/xx/yyyy... (lockfile.h: fsync it and
 * its folder, or, in a batch, write it out and leave the flush to the next
 * zdh_ref_update()).  An object that exists already (loose) is not written
 * again.  Returns 0 or ZDH_ERROR.
 */
int zdh_odb_write(char id[41], const char *gitdir, enum zdh_objtype type,
		  const void *data, size_t len);
/*
 * The same for an object whose id the caller computed with zdh_odb_hash()
 * from these very bytes (a transaction hashes its objects when it adds
 * them): the object is not hashed a second time.
 */
int zdh_odb_write_hashed(const char id[41], const char *gitdir, enum zdh_objtype type,
			 const void *data, size_t len);

/* Read a loose object; ZDH_ENOTFOUND when there is no loose object of that id. */
int zdh_odb_read_loose(struct zdh_buf *out, enum zdh_objtype *type,
		       const char *gitdir, const char *id);

/*
 * The type of a loose object from its header alone (the first bytes of
 * its file inflated: nothing read of a large blob, nor hashed);
 * ZDH_ENOTFOUND, without a message, when there is no loose object of
 * that id.
 */
int zdh_odb_loose_type(enum zdh_objtype *type, const char *gitdir, const char *id);
/* Tree entry for zdh_odb_tree(): a blob with a file name (mode 100644). */
struct zdh_tree_entry {
	const char *name;
	char id[41];
};
/* Build a tree object's content from blob entries (sorted here as git sorts them). */
void zdh_odb_tree(struct zdh_buf *out, struct zdh_tree_entry *entries, size_t n);

/*
 * Read a ref ("refs/zdh/log/xinqiao"): the loose file first, then
 * packed-refs.  id is set to "" and 0 returned when the ref does not exist.
 */
int zdh_ref_read(char id[41], const char *gitdir, const char *refname);

/*
 * Move a ref from old_id ("" = must not exist) to new_id, as git does:
 * create refs/...lock with O_EXCL, check the current value equals old_id
 * (else ZDH_ECHANGED, lock removed), write "<new_id>\n", rename over the
 * ref and flush (lockfile.h: fsync file and folder, or one fsync that
 * ends the batch).  A lock file left by a killed zdh is
 * removed first when stale_lock_ok is set (the caller holds the repository
 * write lock, so no zdh writer can own it).  Creates missing directories.
 *
 * What went wrong is told by the code, as libgit2's GIT_EMODIFIED and
 * GIT_ELOCKED do, so that a caller moving many refs can refuse one and
 * go on: ZDH_ECHANGED, the ref is not at old_id; ZDH_ELOCKED, its lock
 * file exists (another writer's); ZDH_ETAKEN, its path is taken (a
 * folder in its place, or a file where a folder above it should be).
 * The ref is as it was after each of these.  ZDH_ERROR is an I/O error
 * (ENOSPC, EIO, EROFS, EACCES, a failed fsync; the message names the
 * file and the system's error): the ref is as it was, or, when the flush
 * after the rename failed, moved but maybe not durable.  ZDH_ECORRUPT:
 * the ref's file cannot be read as a ref.
 */
int zdh_ref_update(const char *gitdir, const char *refname, const char *new_id,
		   const char *old_id, int stale_lock_ok);

/*
 * Call fn for every ref under prefix ("refs/zdh/log/"), loose and packed,
 * sorted by name.  A loose ref is a plain file of at most 4 KiB: any
 * other file (a FIFO, a link to a device or in a loop, garbage) fails the
 * listing with ZDH_ECORRUPT, or ZDH_ERROR when it cannot be read.
 */
int zdh_ref_foreach(const char *gitdir, const char *prefix,
		    int (*fn)(const char *refname, const char *id, void *payload),
		    void *payload);
/*
 * The same for the folder of a peer (a hub on a shared drive), where such
 * a file is given to fn with the id "", so that the caller names and
 * skips it and takes the other refs.
 */
int zdh_ref_foreach_peer(const char *gitdir, const char *prefix,
			 int (*fn)(const char *refname, const char *id, void *payload),
			 void *payload);

/* How objects and refs of the repository at gitdir are made durable (lockfile.h). */
enum zdh_sync zdh_odb_sync_mode(const char *gitdir);

#endif

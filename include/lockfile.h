/*
 * lockfile — the one way zdh replaces or creates a file durably, after
 * git's lockfile.c and tempfile.c: write "X.lock" (or a mkstemp name),
 * make it durable, rename it into place; a file not renamed is removed on
 * failure, at exit, or when a signal kills the process.
 *
 * Durability comes in three ways (zdh_sync_mode(), zdh-repository(5)):
 *
 *   ZDH_SYNC_EACH   fsync the file, rename it, fsync its folder.  What
 *                   POSIX gives; every file system.
 *   ZDH_SYNC_FILE   a file given a new name (objects, packs): write it
 *                   out without a flush, rename it, then one fsync of
 *                   the renamed file.  Only on ext4 without a journal,
 *                   whose fsync of a file that has a name new since its
 *                   last fsync also writes the folder holding that name,
 *                   and each new folder above it, before its one flush
 *                   (fs/ext4/fsync.c, ext4_sync_parent).  A file that
 *                   replaces another (a ref, config) is swapped with it
 *                   (RENAME_EXCHANGE, which frees no inode before the
 *                   folder is written), fsynced once, and the old one
 *                   removed without a flush.  An inode so freed may
 *                   still be named by its folder on the device until
 *                   that folder is next written; a new folder (objects/xx,
 *                   a ref's) made meanwhile could get it, and e2fsck,
 *                   finding a folder with two names after a cut, keeps
 *                   one: so the file system is synced before zdh makes a
 *                   folder (zdh_sync_before_mkdir()).  EACH where the
 *                   swap is refused.
 *   ZDH_SYNC_BATCH  write the file out without a flush (sync_file_range:
 *                   the data is on the device, maybe in its cache) and
 *                   rename it; a later commit with ZDH_COMMIT_FLUSH does
 *                   the same and then one fsync, whose journal commit
 *                   carries every rename and allocation made before it.
 *                   Only on file systems whose journal is one ordered log
 *                   for the whole file system: ext3/ext4 with a journal,
 *                   xfs.
 *
 * These functions return 0, or -1 with errno set: the caller writes the
 * message, since it knows what the file is for.
 */
#ifndef ZDH_LOCKFILE_H
#define ZDH_LOCKFILE_H

#include <stddef.h>
#include <sys/types.h>

enum zdh_sync { ZDH_SYNC_EACH = 0, ZDH_SYNC_BATCH = 1, ZDH_SYNC_FILE = 2 };

struct zdh_tempfile {
	int fd;			/* -1 once closed */
	char *path;		/* the temporary file; NULL when there is none */
	int slot;		/* in the table of files removed at exit, or -1 */
	int with_name;		/* committed ZDH_SYNC_FILE to a new name: its new folders
				   are durable with it */
};
#define ZDH_TEMPFILE_INIT { -1, NULL, -1, 0 }

/* flags of zdh_lock_acquire() */
#define ZDH_LOCK_MKDIRS 1	/* create the missing folders of path, durably */
#define ZDH_LOCK_STALE_OK 2	/* remove a lock left by a killed process (the caller
				 * holds the repository's write lock) */
/* flags of zdh_tempfile_commit() / zdh_lock_commit() */
#define ZDH_COMMIT_FLUSH 1	/* batch: end with the one flush (see above) */

/*
 * How files under the folder dir (and its sub-folders on the same file
 * system) are made durable.  ZDH_FSYNC=each, =file or =batch in the
 * environment overrides what the file system says (tests; a disk known to
 * the user).
 */
enum zdh_sync zdh_sync_mode(const char *dir);
/* 1 with *mode set when ZDH_FSYNC names a way (each, file, batch), else 0. */
int zdh_sync_forced(enum zdh_sync *mode);
/* "each", "batch" or "file": the name of mode in ZDH_FSYNC and traces */
const char *zdh_sync_name(enum zdh_sync mode);
/* Which file system dir is on, as zdh_sync_mode() saw it: "ext4 (journal)", "xfs", ... */
const char *zdh_sync_fs_name(const char *dir);

/*
 * Group-shared repositories, as git's core.sharedRepository (zdh-init(1)):
 * zdh_shared_parse() reads its value, "umask" (or false, 0: files as the
 * umask makes them), "group" (true, 1: writable by the group too, folders
 * set-group-ID), "all" (world, everybody, 2: that and readable by all) or
 * an octal mode 0xxx the owner may read and write: 0 with *perm, or -1.
 * zdh_shared_set() makes it the rule for what is made under gitdir from
 * then on (the command's repository, a hub in a folder it pushes to: a
 * rule for each; lock files, temporary files and the folders this module
 * makes follow it by themselves); zdh_shared_fix() applies it to a file
 * or folder just made by another way, nothing when path is under no such
 * gitdir: 0, or -1 with errno.  zdh_open_shared() is open(2) (flags,
 * with O_CLOEXEC; mode) then zdh_shared_fix(): the descriptor, or -1
 * with errno, the file closed (and, made with O_EXCL, removed) when its
 * mode could not be set.
 */
int zdh_shared_parse(const char *value, int *perm);
/* ZDH_EINVALID: value, of what (a key, core.sharedRepository), is none of them. */
int zdh_shared_invalid(const char *what, const char *value);
/* perm as git init --shared writes it: "1", "2", or the mode ("0640") in mode. */
const char *zdh_shared_value(char mode[static 8], int perm);
void zdh_shared_set(const char *gitdir, int perm);
int zdh_shared_fix(const char *path);
int zdh_open_shared(const char *path, int flags, mode_t mode);

/* Create path + ".lock" with O_EXCL (EEXIST: someone holds it). */
int zdh_lock_acquire(struct zdh_tempfile *lk, const char *path, int flags, mode_t mode);
/* Create a file from template (ending in "XXXXXX", replaced) with mode. */
int zdh_tempfile_mks(struct zdh_tempfile *t, const char *template, mode_t mode);
/* Write all of data to the file. */
int zdh_tempfile_write(struct zdh_tempfile *t, const void *data, size_t len);
/*
 * Make the file durable as mode says, close it and rename it to dest.
 * The temporary file is gone after, whatever the result.  On a failure of
 * the final flush the file is in place but maybe not durable (-1).
 */
int zdh_tempfile_commit(struct zdh_tempfile *t, const char *dest, enum zdh_sync mode, int flags);
/* Rename "X.lock" to "X", as zdh_tempfile_commit(). */
int zdh_lock_commit(struct zdh_tempfile *lk, enum zdh_sync mode, int flags);
/* Close and remove the temporary file (nothing when there is none). */
void zdh_tempfile_delete(struct zdh_tempfile *t);

/* fsync, with a real flush to the medium on macOS. */
int zdh_fsync(int fd);
/* fsync a folder (its entries and itself); 0 or -1 with errno. */
int zdh_fsync_dir(const char *dir);
/*
 * Before a folder is made under dir: on ext4 without a journal, the file
 * system synced (syncfs(2)), so that an inode freed by an earlier removal
 * whose name is not yet gone on the device cannot become the new folder
 * (see ZDH_SYNC_FILE above); elsewhere nothing.  Folders are made rarely:
 * zdh init makes objects/00 to ff.
 */
void zdh_sync_before_mkdir(const char *dir);
/*
 * What a command writes with -o FILE: "-" is standard output; a path
 * that is no regular file (/dev/stdout, a FIFO, a terminal) is written
 * as it is; a symbolic link is followed (the link stays); any other file
 * is written beside its name, made durable and renamed over it, with
 * the mode a new file gets.  0, or -1 with errno (-2 when the file beside
 * it could not be made: a folder this user may not write, where the file
 * itself may be); a reader of "-" or of a FIFO that went away (EPIPE) is
 * no error (zdh(1)): 0.  zdh_write_output_failed() (output.h) says it.
 */
int zdh_write_output(const char *path, const void *data, size_t len);
/*
 * Remove the files of dir whose names start with prefix (a killed
 * writer's temporary files): all of them, or with older_than > 0 only
 * those last changed before it (another process's may be at work).
 */
void zdh_remove_temporaries(const char *dir, const char *prefix, time_t older_than);
/*
 * rename(2) of from to to only when to does not exist (renameat2 with
 * RENAME_NOREPLACE): 1 done; 0 when the file system cannot tell (then
 * nothing was done); -1 with errno (EEXIST: to is there).
 */
int zdh_rename_noreplace(const char *from, const char *to);
/*
 * flock(2) fd with op (LOCK_SH, LOCK_EX), tried every 2 ms for at most
 * seconds: 0, or -1 with errno (EWOULDBLOCK: still held by another).
 */
int zdh_flock_wait(int fd, int op, long long seconds);
/*
 * Remove path and, when it is a folder, all it holds (rm -rf; a symbolic
 * link is removed, not followed).  0 (also when path is not there), or
 * -1 with errno.
 */
int zdh_remove_tree(const char *path);
/* syncfs(2) of the file system holding dir; 0 or -1 with errno. */
int zdh_syncfs(const char *dir);
/* fsync a file's folder; 0 or -1 with errno. */
int zdh_fsync_dir_of(const char *path);

#endif

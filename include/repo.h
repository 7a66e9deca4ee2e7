/*
 * repo — a zdh repository: finding it, creating it, its configuration,
 * the identity of the person writing, and the write lock.
 */
#ifndef ZDH_REPO_H
#define ZDH_REPO_H

#include "config.h"
#include "event.h"

struct zdh_index;
struct zdh_packs;

struct zdh_repo {
	char *gitdir;		/* absolute path of the .zdh directory */
	char *workdir;		/* the folder that holds .zdh */
	char *config_path;	/* gitdir/config */
	struct zdh_config *config;
	const char *replica;	/* zdh.replica */
	const char *prefix;	/* zdh.prefix */
	const char *timezone;	/* zdh.timezone, default Asia/Shanghai */
	struct zdh_index *index; /* opened by zdh_repo_index() */
	void (*index_close)(struct zdh_index *); /* set by zdh_index_open(): how zdh_repo_free() closes it */
	struct zdh_packs *packs; /* opened by the first read of a packed object (core/store.c) */
	int lock_fd;		/* >= 0 while holding the write lock */
	int recovering;		/* finishing a recovery: its mark does not stop zdh_repo_lock (zdh_replica_recover) */
	unsigned long long config_seen[4]; /* the config file read: inode, size, time (core/repo.c) */
	/*
	 * Open the index for a second thread's rows (a bulk transaction sets
	 * it before it opens the index; opened before, the rows are written
	 * on the transaction's thread).
	 */
	int index_threads;
};

#define ZDH_DEFAULT_TIMEZONE "Asia/Shanghai"

struct zdh_init_options {
	const char *replica;	/* NULL: from the folder's name */
	const char *prefix;	/* NULL: from the replica */
	const char *timezone;	/* NULL: Asia/Shanghai */
	int no_pin;		/* do not pin the prefix to the replica (clone pins it later) */
	const char *mark;	/* made in .zdh before anything else (a clone's ZDH_MARK_CLONING), */
	int *mark_fd;		/* ... and held (zdh_repo_mark_hold): its descriptor, the caller's to close */
	const char *shared;	/* core.sharedRepository (group, all, 0660...); NULL: the umask */
};
#define ZDH_INIT_OPTIONS_INIT { NULL, NULL, NULL, 0, NULL, NULL, NULL }

/* 1 when name is a valid replica name / id prefix. */
int zdh_replica_valid(const char *name);
int zdh_prefix_valid(const char *prefix);

/* Create dir/.zdh; refuses (ZDH_EEXISTS) when it exists. */
int zdh_repo_init(struct zdh_repo **out, const char *dir, const struct zdh_init_options *opts);
/*
 * Work that must be finished marks the repository (durably) until it is:
 * a clone until it is whole (every command refuses it meanwhile), a pull
 * until what it brought is pinned (the next pull pins it), a recovery
 * until it is done (every command but zdh replica recover refuses it
 * meanwhile; the mark holds what the recovery does, core/replica.c).
 * 1 when gitdir is so marked.
 */
#define ZDH_MARK_CLONING "zdh-cloning"
#define ZDH_MARK_PINNING "zdh-pinning"
#define ZDH_MARK_RECOVERING "zdh-recovering"
int zdh_repo_mark(const char *gitdir, const char *mark, int on);
int zdh_repo_marked(const char *gitdir, const char *mark);
/*
 * A mark held: made as zdh_repo_mark does and locked (flock) through *fd
 * until it is closed, so that work under way is told from work that was
 * stopped, whose lock went with its process.  zdh_repo_mark_take locks a
 * mark found there without waiting: 0 with *fd set, 1 when another
 * process holds it, -1 with the error set.
 */
int zdh_repo_mark_hold(const char *gitdir, const char *mark, int *fd);
int zdh_repo_mark_take(const char *gitdir, const char *mark, int *fd);
/*
 * A mark that holds text, made atomically and durably (written beside,
 * flushed, renamed, its folder flushed) by a writer holding the write
 * lock; read back whole into out (ZDH_ENOTFOUND, no message, when there
 * is no such mark).  zdh_repo_mark(gitdir, mark, 0) removes it.
 */
struct zdh_buf;
int zdh_repo_mark_write(const char *gitdir, const char *mark, const char *text);
int zdh_repo_mark_read(struct zdh_buf *out, const char *gitdir, const char *mark);
/*
 * The repository's instance (core/repo.c): write records that gitdir is
 * this folder (stale_lock_ok: the caller holds the write lock, and an
 * instance.lock left by a killed writer is taken over); check refuses
 * (ZDH_ESTATE, with the way out) a copy.
 */
int zdh_repo_write_instance(const char *gitdir, int stale_lock_ok);
int zdh_repo_check_instance(const struct zdh_repo *repo);
/*
 * Find the repository: $ZDH_DIR, else .zdh in the current folder or a
 * parent.  One marked as a clone that did not finish, or as in the middle
 * of a recovery, is refused (ZDH_ENOREPO); _recovering opens the latter,
 * for zdh replica recover to finish it.
 */
int zdh_repo_discover(struct zdh_repo **out);
int zdh_repo_discover_recovering(struct zdh_repo **out);
void zdh_repo_free(struct zdh_repo *repo);
/* Re-read the configuration files. */
int zdh_repo_reload_config(struct zdh_repo *repo);
/* The path of the repository's config file, of the user's (~/.zdhconfig). */
const char *zdh_repo_config_path(const struct zdh_repo *repo);
char *zdh_user_config_path(void);

/*
 * Who is writing: ZDH_USER_NAME/EMAIL/DEPT, else user.name/email/dept from
 * the repository's then the user's config.  ZDH_EINVALID with git's kind of
 * hint when name or email is missing.  The strings belong to the caller.
 */
int zdh_repo_identity(struct zdh_actor *out, const struct zdh_repo *repo);

/*
 * The key that signs what this person writes: ZDH_SIGNING_KEY, else
 * user.signingkey (an OpenSSH ed25519 private key file); *out NULL when
 * none is set.  ZDH_EINVALID when the file cannot be used.
 */
struct zdh_signer;
int zdh_repo_signer(struct zdh_signer **out, const struct zdh_repo *repo);

/*
 * Take the repository's write lock (flock on .zdh/zdh.lock), waiting at
 * most zdh.lock-timeout seconds (default 10): ZDH_ELOCKED after that.  The
 * kernel releases it when the process dies, so a killed writer never
 * leaves it behind.  A repository in the middle of a recovery is refused
 * (ZDH_ENOREPO, as zdh_repo_discover) unless opened to finish it; one that
 * became another replica since its config was read (a recovery finished
 * meanwhile), ZDH_ESTATE.
 */
int zdh_repo_lock(struct zdh_repo *repo);
void zdh_repo_unlock(struct zdh_repo *repo);

/*
 * Does errno value e, of an open() for writing that failed, say this
 * process may not write there (EACCES, EROFS, EPERM)?  The one test of a
 * repository that can only be read (zdh(1), READ-ONLY REPOSITORIES): the
 * write lock above, the index (core/index.c) and verify's scratch fold
 * each ask it of the open they make anyway, none beforehand.
 */
int zdh_write_denied(int e);

#endif

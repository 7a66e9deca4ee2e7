/*
 * repo — finds and creates repositories, loads their configuration,
 * resolves the writer's identity and owns the write lock.
 *
 * A repository is a bare git repository (the .zdh folder) that zdh lays
 * out itself, as `git init --bare` would, plus index.db beside its
 * objects.  Creating it needs no libgit2.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "date.h"
#include "error.h"
#include "i18n.h"
#include "lockfile.h"
#include "odb.h"
#include "packread.h"
#include "repo.h"
#include "sign.h"

int zdh_replica_valid(const char *s)
{
	size_t n = 0;

	if (!s || !(islower((unsigned char)*s) || isdigit((unsigned char)*s)))
		return 0;
	for (; *s; s++, n++)
		if (!(islower((unsigned char)*s) || isdigit((unsigned char)*s) || *s == '-'))
			return 0;
	return n <= 32;
}

int zdh_prefix_valid(const char *s)
{
	size_t n = 0;

	if (!s || !isupper((unsigned char)*s))
		return 0;
	for (; *s; s++, n++)
		if (!(isupper((unsigned char)*s) || isdigit((unsigned char)*s)))
			return 0;
	return n <= 8;
}

static char *abspath(const char *path)
{
	char *p = realpath(path, NULL);
	if (!p)
		p = zdh_strdup(path);
	return p;
}

/*
 * A file of the repository written whole: beside, then renamed
 * (lockfile.h: flags of zdh_lock_acquire and zdh_lock_commit, which say
 * whether a dead writer's lock is taken over and whether it is durable).
 */
static int write_file(const char *dir, const char *name, const char *content, int lock_flags,
		      int flags)
{
	struct zdh_tempfile lk = ZDH_TEMPFILE_INIT;
	char *path = zdh_asprintf("%s/%s", dir, name);
	int err = 0;

	if (zdh_lock_acquire(&lk, path, lock_flags, 0666) < 0 ||
	    zdh_tempfile_write(&lk, content, strlen(content)) < 0 ||
	    zdh_lock_commit(&lk, zdh_sync_mode(dir), flags) < 0)
		err = zdh_error_errno(ZDH_ERROR, _("cannot write '%s'"), path);
	zdh_tempfile_delete(&lk);
	free(path);
	return err;
}

static int make_dir(const char *dir, const char *name)
{
	char *path = name ? zdh_asprintf("%s/%s", dir, name) : zdh_strdup(dir);
	int err = 0;

	if (mkdir(path, 0777) < 0 ? errno != EEXIST : zdh_shared_fix(path) < 0)
		err = zdh_error_errno(ZDH_ERROR, _("cannot create '%s'"), path);
	free(path);
	return err;
}

/*
 * objects/00 to objects/ff, made with the repository: a folder made later
 * needs the file system synced first (lockfile.h, zdh_sync_before_mkdir()),
 * and the first writes would each make one.  (git gc removes those left
 * empty; zdh makes them again as needed.)
 */
static int make_fanout_dirs(const char *gitdir)
{
	char name[16];
	int err = 0;

	for (int i = 0; i < 256 && !err; i++) {
		snprintf(name, sizeof(name), "objects/%02x", i);
		err = make_dir(gitdir, name);
	}
	return err;
}

static char *default_replica(const char *dir)
{
	struct zdh_buf b = ZDH_BUF_INIT;
	char *abs = abspath(dir);
	const char *base = strrchr(abs, '/');

	/*
	 * Letters and digits lower-cased, '-', '_' and '.' as '-' (a run of
	 * them as one, none first: a name starts with a letter or a digit),
	 * anything else dropped: "huashan-office" stays itself.
	 */
	for (base = base ? base + 1 : abs; *base && b.len < 32; base++) {
		unsigned char c = (unsigned char)*base;
		if (isalnum(c))
			zdh_buf_addch(&b, tolower(c));
		else if ((c == '-' || c == '_' || c == '.') && b.len &&
			 b.ptr[b.len - 1] != '-')
			zdh_buf_addch(&b, '-');
	}
	while (b.len && b.ptr[b.len - 1] == '-')
		b.ptr[--b.len] = '\0';
	free(abs);
	if (!b.len) {
		/*
		 * A Chinese folder name has no ASCII letter: a default such as
		 * "main" would be the same in every office, and two offices
		 * writing as one replica diverge for good (zdh-sync(1)).
		 */
		zdh_buf_release(&b);
		return NULL;
	}
	return zdh_buf_detach(&b);
}

static char *default_prefix(const char *replica)
{
	struct zdh_buf b = ZDH_BUF_INIT;

	for (; *replica && b.len < 2; replica++)
		if (isalpha((unsigned char)*replica))
			zdh_buf_addch(&b, toupper((unsigned char)*replica));
	if (!b.len)
		zdh_buf_puts(&b, "Z");
	return zdh_buf_detach(&b);
}

static int exists_already(const char *gitdir)
{
	char *abs = abspath(gitdir);
	int err = zdh_error_set(ZDH_EEXISTS, _("'%s' exists already: the folder holds a zdh repository; "
						"use it as it is ('zdh replica show' names it) or give another DIR"),
				abs);

	free(abs);
	return err;
}

/*
 * A repository is made in a folder of its own beside its .zdh, named
 * NEW_PREFIX and this process's id, and renamed to .zdh once whole: a
 * zdh init or clone stopped on the way (killed, a power cut) leaves no
 * .zdh that every command would take for no repository and zdh init for
 * one.  The folder is locked (flock) while it is made; the next zdh init
 * or clone in the same place removes one that is not.
 */
#define NEW_PREFIX ".zdh-new-"

/* how many were removed */
static int remove_stopped_inits(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	while (d && (e = readdir(d))) {
		char *path;
		int fd;

		if (strncmp(e->d_name, NEW_PREFIX, strlen(NEW_PREFIX)))
			continue;
		path = zdh_asprintf("%s/%s", dir, e->d_name);
		fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (fd >= 0 && !flock(fd, LOCK_EX | LOCK_NB) && !zdh_remove_tree(path))
			n++;
		if (fd >= 0)
			close(fd);
		free(path);
	}
	if (d)
		closedir(d);
	return n;
}

static int make_new_dir(const char *dir, char **out, int *held)
{
	struct stat st;

	for (int i = 0; i < 100; i++) {
		char *path = zdh_asprintf("%s/" NEW_PREFIX "%ld-%d", dir, (long)getpid(), i);

		if (!mkdir(path, 0777)) {
			if ((*held = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0 ||
			    flock(*held, LOCK_EX) < 0) {
				int err = zdh_error_errno(ZDH_ERROR, _("cannot lock '%s'"), path);
				rmdir(path);
				free(path);
				return err;
			}
			/* removed as a stopped one's before it was locked: another */
			if (!fstat(*held, &st) && !st.st_nlink) {
				close(*held);
				*held = -1;
				free(path);
				continue;
			}
			*out = path;
			return 0;
		}
		if (errno != EEXIST) {
			/* (named as the user asked: the folder beside it is ours) */
			int err = zdh_error_errno(ZDH_ERROR, _("cannot create '%s/.zdh'"), dir);
			free(path);
			return err;
		}
		free(path);
	}
	return zdh_error_set(ZDH_ERROR, _("cannot create a new folder in '%s'"), dir);
}

/* tmp renamed to gitdir, which must not be there */
static int rename_new(const char *tmp, const char *gitdir)
{
	int r = zdh_rename_noreplace(tmp, gitdir);
	struct stat st;

	/* (a file system without RENAME_NOREPLACE: an empty .zdh made meanwhile is replaced) */
	if (!r && !lstat(gitdir, &st))
		return exists_already(gitdir);
	if (!r && (r = rename(tmp, gitdir)) < 0 && errno == ENOTEMPTY)
		errno = EEXIST;
	if (r < 0)
		return errno == EEXIST ? exists_already(gitdir) :
			zdh_error_errno(ZDH_ERROR, _("cannot rename '%s' to '%s'"), tmp, gitdir);
	return 0;
}

static int discover(struct zdh_repo **out, int recovering_ok, int cloning_ok);

static int shared_invalid(const char *value)
{
	return zdh_shared_invalid("core.sharedRepository", value);
}

int zdh_repo_init(struct zdh_repo **out, const char *dir, const struct zdh_init_options *opts)
{
	struct zdh_buf cfg = ZDH_BUF_INIT;
	char *replica = NULL, *prefix = NULL, *gitdir = NULL, *tmp = NULL;
	/* (上海 kept as Asia/Shanghai: date.h) */
	const char *tz = opts->timezone ? zdh_date_zone_name(opts->timezone) : ZDH_DEFAULT_TIMEZONE;
	char id[41];
	struct stat st;
	enum zdh_sync mode;
	int held = -1, err = 0, shared = 0;
	char shared_mode[8];

	*out = NULL;
	replica = opts->replica ? zdh_strdup(opts->replica) : default_replica(dir);
	if (!replica) {
		char *abs = abspath(dir);
		const char *base = strrchr(abs, '/');
		err = zdh_error_set(ZDH_EINVALID, _("cannot make a replica name from the folder name '%s': choose one with --replica NAME --prefix CODE (e.g. --replica xinqiao --prefix XQ)"),
				    base && base[1] ? base + 1 : abs);
		free(abs);
		goto done;
	}
	prefix = opts->prefix ? zdh_strdup(opts->prefix) : default_prefix(replica);
	if (!zdh_replica_valid(replica)) {
		err = zdh_error_set(ZDH_EINVALID, _("invalid replica name '%s' (lower-case letters, digits and '-', at most 32)"), replica);
		goto done;
	}
	if (!zdh_prefix_valid(prefix)) {
		err = zdh_error_set(ZDH_EINVALID, _("invalid id prefix '%s' (an upper-case letter, then up to 7 upper-case letters or digits)"), prefix);
		goto done;
	}
	if ((err = zdh_date_zone_valid(tz)))
		goto done;
	if (opts->shared && zdh_shared_parse(opts->shared, &shared) < 0) {
		err = shared_invalid(opts->shared);
		goto done;
	}
	if ((err = make_dir(dir, NULL)))
		goto done;
	gitdir = zdh_asprintf("%s/.zdh", dir);
	if (stat(gitdir, &st) == 0) {
		err = exists_already(gitdir);
		goto done;
	}
	if (remove_stopped_inits(dir))
		zdh_sync_before_mkdir(dir);
	if ((err = make_new_dir(dir, &tmp, &held)))
		goto done;
	/* every file and folder in it as shared says, the folder itself first */
	zdh_shared_set(tmp, shared);
	if (zdh_shared_fix(tmp) < 0) {
		err = zdh_error_errno(ZDH_ERROR, _("cannot create '%s'"), tmp);
		goto done;
	}
	zdh_buf_addf(&cfg, "[core]\n\trepositoryformatversion = 0\n\tfilemode = true\n"
		     "\tbare = true\n\tfsync = all\n\tfsyncMethod = fsync\n");
	if (shared)	/* as git init --shared writes it: git gc and fsck keep it too */
		zdh_buf_addf(&cfg, "\tsharedRepository = %s\n", zdh_shared_value(shared_mode, shared));
	zdh_buf_addf(&cfg, "[zdh]\n\treplica = %s\n\tprefix = %s\n\ttimezone = %s\n",
		     replica, prefix, tz);
	if (!opts->no_pin)	/* core/prefix.c */
		zdh_buf_addf(&cfg, "[prefix \"%s\"]\n\towner = %s\n", prefix, replica);
	/*
	 * A mark first (a clone's): the .zdh renamed into place below holds
	 * it until the clone is whole, so one stopped later leaves a .zdh
	 * that says what it is, which the next zdh clone takes over.
	 */
	if ((opts->mark && (err = zdh_repo_mark_hold(tmp, opts->mark, opts->mark_fd))) ||
	    (err = make_dir(tmp, "objects")) ||
	    (err = make_dir(tmp, "objects/info")) || (err = make_dir(tmp, "objects/pack")) ||
	    (err = make_dir(tmp, "refs")) || (err = make_dir(tmp, "refs/heads")) ||
	    (err = make_dir(tmp, "refs/tags")) || (err = make_dir(tmp, "refs/zdh")) ||
	    (err = make_dir(tmp, "refs/zdh/log")) || (err = make_dir(tmp, "info")) ||
	    (err = make_fanout_dirs(tmp)) ||
	    /* events with no attachment point at the empty tree: make it real */
	    (err = zdh_odb_write(id, tmp, ZDH_OBJ_TREE, "", 0)) ||
	    (err = write_file(tmp, "info/exclude", "", 0, 0)) ||
	    (err = write_file(tmp, "description", "zdh repository\n", 0, 0)) ||
	    (err = write_file(tmp, "HEAD", "ref: refs/heads/main\n", 0, 0)) ||
	    /* with the flush that makes a batch durable: the file that says "repository" */
	    (err = write_file(tmp, "config", cfg.ptr, 0, ZDH_COMMIT_FLUSH)) ||
	    (err = zdh_repo_write_instance(tmp, 0)))
		goto done;
	/*
	 * File by file, each new folder is durable only once it is synced
	 * itself and so is the folder naming it (a crash test at the block
	 * level lost refs/ without this); in a batch the flush above did it.
	 * File with its name, the flush above wrote only the folders above
	 * config: the others are synced here too.  The 256 fan-out folders:
	 * with its name, the first object's fsync in each writes it and its
	 * name in objects/ (ext4_sync_parent); file by file, one syncfs(2)
	 * here, before objects/ below.
	 */
	mode = zdh_sync_mode(tmp);
	if (mode == ZDH_SYNC_EACH && zdh_syncfs(tmp) < 0) {
		err = zdh_error_errno(ZDH_ERROR, _("cannot sync '%s'"), tmp);
		goto done;
	}
	if (mode != ZDH_SYNC_BATCH) {
		static const char *const dirs[] = {
			"objects/info", "objects/pack", "objects", "refs/heads", "refs/tags",
			"refs/zdh/log", "refs/zdh", "refs", "info", ".", ".."
		};
		for (size_t i = 0; i < sizeof(dirs) / sizeof(*dirs); i++) {
			char *d = zdh_asprintf("%s/%s", tmp, dirs[i]);
			int r = zdh_fsync_dir(d);
			free(d);
			if (r < 0) {
				err = zdh_error_errno(ZDH_ERROR, _("cannot sync '%s/%s'"), tmp, dirs[i]);
				goto done;
			}
		}
		if (zdh_fsync_dir_of(dir) < 0) {
			err = zdh_error_errno(ZDH_ERROR, _("cannot sync the folder of '%s'"), dir);
			goto done;
		}
	}
	/* whole, under its name: a zdh init stopped before this leaves no .zdh */
	if ((err = rename_new(tmp, gitdir)))
		goto done;
	free(tmp);
	tmp = NULL;
	if (zdh_fsync_dir(dir) < 0) {
		err = zdh_error_errno(ZDH_ERROR, _("cannot sync '%s'"), dir);
		goto done;
	}
	setenv("ZDH_DIR", gitdir, 1);
	err = discover(out, 0, opts->mark != NULL);
	unsetenv("ZDH_DIR");
done:
	if (tmp)
		zdh_remove_tree(tmp);
	if (held >= 0)
		close(held);
	free(tmp);
	free(replica);
	free(prefix);
	free(gitdir);
	zdh_buf_release(&cfg);
	return err;
}

/*
 * The instance: which folder this repository is.  A copied .zdh (cp -a,
 * a folder copied to another office's machine, a backup restored beside
 * the original) carries its replica name along, and two copies writing
 * as one replica diverge for good (zdh-sync(1)).  The file "instance"
 * holds the inode number of the .zdh folder it was written in: a copy
 * has another one, so its first write is refused with the way out
 * (zdh replica confirm or zdh replica recover).  A folder moved within
 * its file system keeps its inode; a move to another file system is a
 * copy, confirmed once.
 */
int zdh_repo_write_instance(const char *gitdir, int stale_lock_ok)
{
	struct stat st;
	char text[32];

	if (stat(gitdir, &st) < 0)
		return zdh_error_errno(ZDH_ERROR, _("cannot use '%s'"), gitdir);
	snprintf(text, sizeof(text), "%llu\n", (unsigned long long)st.st_ino);
	return write_file(gitdir, "instance", text, stale_lock_ok ? ZDH_LOCK_STALE_OK : 0,
			  ZDH_COMMIT_FLUSH);
}

int zdh_repo_check_instance(const struct zdh_repo *repo)
{
	struct stat st;
	char *path = zdh_asprintf("%s/instance", repo->gitdir), text[32] = "";
	unsigned long long ino;
	int fd = open(path, O_RDONLY | O_CLOEXEC), err = 0;
	ssize_t n;

	if (fd < 0) {
		free(path);
		/* a repository made before this check: this one is the original */
		return errno == ENOENT ? zdh_repo_write_instance(repo->gitdir, 0) :
			zdh_error_errno(ZDH_ERROR, _("cannot read '%s/instance'"), repo->gitdir);
	}
	n = read(fd, text, sizeof(text) - 1);
	close(fd);
	free(path);
	if (n < 0 || stat(repo->gitdir, &st) < 0)
		return zdh_error_errno(ZDH_ERROR, _("cannot read '%s/instance'"), repo->gitdir);
	if (sscanf(text, "%llu", &ino) != 1 || ino != (unsigned long long)st.st_ino)
		err = zdh_error_set(ZDH_ESTATE, _("this repository is a copy of another (%s was copied or moved to another disk), and two copies writing as replica '%s' would diverge: if the original is gone, run 'zdh replica confirm'; if it still writes, make this one a replica of its own with 'zdh replica recover --as NAME --prefix CODE'"),
				    repo->gitdir, repo->replica);
	return err;
}

/*
 * Marks of work that must be finished (include/repo.h): a clone at work
 * (zdh_clone) marks its repository until its logs, index and pins are
 * all there, so that one stopped on the way (killed, a power cut) is
 * refused by every command, not used without the pins that keep a peer
 * from taking its prefixes (zdh-clone(1)), and zdh clone takes its place;
 * a pull marks it before its logs move until their prefixes and founder
 * are pinned, so that the next pull pins what one stopped missed; a
 * recovery (core/replica.c) marks it, with what it is doing, before its
 * first ref moves until the last is removed, so that one stopped is
 * refused by every other command and finished by the next
 * zdh replica recover.
 */
int zdh_repo_marked(const char *gitdir, const char *mark)
{
	char *p = zdh_asprintf("%s/%s", gitdir, mark);
	int yes = access(p, F_OK) == 0;

	free(p);
	return yes;
}

/* Make mark, durably; held: locked (flock) and left open in *held, else closed. */
static int make_mark(const char *gitdir, const char *mark, int *held)
{
	char *p = zdh_asprintf("%s/%s", gitdir, mark);
	int fd = open(p, O_RDWR | O_CREAT | O_CLOEXEC, 0666), err = 0;

	if (fd < 0 || zdh_shared_fix(p) < 0 || (held && flock(fd, LOCK_EX) < 0) || zdh_fsync(fd) < 0 ||
	    zdh_fsync_dir(gitdir) < 0)
		err = zdh_error_errno(ZDH_ERROR, _("cannot write '%s'"), p);
	if (fd >= 0 && (err || !held)) {
		close(fd);
		fd = -1;
	}
	if (held)
		*held = fd;
	free(p);
	return err;
}

int zdh_repo_mark(const char *gitdir, const char *mark, int on)
{
	char *p;
	int err = 0;

	if (on)
		return make_mark(gitdir, mark, NULL);
	p = zdh_asprintf("%s/%s", gitdir, mark);
	if (unlink(p) < 0 && errno != ENOENT)
		err = zdh_error_errno(ZDH_ERROR, _("cannot remove '%s'"), p);
	free(p);
	return err;
}

int zdh_repo_mark_hold(const char *gitdir, const char *mark, int *fd)
{
	return make_mark(gitdir, mark, fd);
}

int zdh_repo_mark_take(const char *gitdir, const char *mark, int *fd)
{
	char *p = zdh_asprintf("%s/%s", gitdir, mark);
	int ret = 0;

	*fd = open(p, O_RDWR | O_CLOEXEC);
	if (*fd < 0) {
		ret = zdh_error_errno(ZDH_ERROR, _("cannot read '%s'"), p);
	} else if (flock(*fd, LOCK_EX | LOCK_NB) < 0) {
		ret = errno == EWOULDBLOCK ? 1 : zdh_error_errno(ZDH_ERROR, _("cannot lock '%s'"), p);
		close(*fd);
		*fd = -1;
	}
	free(p);
	return ret;
}

int zdh_repo_mark_write(const char *gitdir, const char *mark, const char *text)
{
	/* as the instance: written beside, flushed, renamed, its folder flushed */
	return write_file(gitdir, mark, text, ZDH_LOCK_STALE_OK, ZDH_COMMIT_FLUSH);
}

int zdh_repo_mark_read(struct zdh_buf *out, const char *gitdir, const char *mark)
{
	char *p = zdh_asprintf("%s/%s", gitdir, mark);
	int err = 0;

	zdh_buf_reset(out);
	if (zdh_buf_read_file(out, p) < 0)
		err = errno == ENOENT ? ZDH_ENOTFOUND : zdh_error_errno(ZDH_ERROR, _("cannot read '%s'"), p);
	free(p);
	return err;
}

static int is_repo(const char *gitdir)
{
	struct stat st;
	char *p = zdh_asprintf("%s/objects", gitdir);
	int ok = stat(p, &st) == 0 && S_ISDIR(st.st_mode);

	free(p);
	p = zdh_asprintf("%s/config", gitdir);
	ok = ok && stat(p, &st) == 0;
	free(p);
	return ok;
}

char *zdh_user_config_path(void)
{
	const char *home = getenv("HOME");
	return home && *home ? zdh_asprintf("%s/.zdhconfig", home) : NULL;
}

const char *zdh_repo_config_path(const struct zdh_repo *repo)
{
	return repo->config_path;
}

/*
 * Which config file was read: every change replaces it (a new file
 * renamed over it), so its inode, size and time tell whether it changed.
 */
static void config_stat(unsigned long long seen[4], const char *path)
{
	struct stat st;

	memset(seen, 0, 4 * sizeof(*seen));
	if (stat(path, &st) == 0) {
		seen[0] = (unsigned long long)st.st_ino;
		seen[1] = (unsigned long long)st.st_size;
		seen[2] = (unsigned long long)st.st_mtim.tv_sec;
		seen[3] = (unsigned long long)st.st_mtim.tv_nsec;
	}
}

/*
 * A command reads the configuration, then may wait for the write lock.
 * Should another process have made this repository another replica
 * meanwhile (zdh replica recover, zdh config zdh.replica), it would write
 * as the old one, on the log the other offices now hold: the divergence
 * recover undid, again.  Refused (nothing written) when the name or the
 * prefix on disk is no longer the one read.
 */
static int config_same_replica(struct zdh_repo *repo)
{
	struct zdh_config *now = NULL;
	const char *paths[2] = { repo->config_path, NULL }, *r, *p;
	unsigned long long seen[4];
	int err;

	config_stat(seen, repo->config_path);
	if (!memcmp(seen, repo->config_seen, sizeof(seen)))
		return 0;
	if ((err = zdh_config_load(&now, paths)))
		return err;
	r = zdh_config_get(now, "zdh.replica");
	p = zdh_config_get(now, "zdh.prefix");
	if (r && p && (strcmp(r, repo->replica) || strcmp(p, repo->prefix)))
		err = zdh_error_set(ZDH_ESTATE, _("this repository became replica %s (prefix %s) while this command waited for it: run it again"),
				    r, p);
	else
		memcpy(repo->config_seen, seen, sizeof(seen));	/* another key changed */
	zdh_config_free(now);
	return err;
}

int zdh_repo_reload_config(struct zdh_repo *repo)
{
	char *user = zdh_user_config_path();
	const char *local = repo->config_path, *shared;
	const char *paths[3];
	int n = 0, err, perm = 0;

	/*
	 * A ~/.zdhconfig this user may not read is taken as none, as git
	 * takes its own (ACCESS_EACCES_OK): su without -, sudo and cron keep
	 * HOME naming another user's folder (/root), and every command,
	 * reads included, failed on it.  zdh config --global still says so.
	 */
	if (user && access(user, R_OK) < 0 && errno == EACCES) {
		free(user);
		user = NULL;
	}
	if (user)
		paths[n++] = user;
	paths[n++] = local;
	paths[n] = NULL;

	config_stat(repo->config_seen, repo->config_path);
	zdh_config_free(repo->config);
	repo->config = NULL;
	err = zdh_config_load(&repo->config, paths);
	free(user);
	if (err)
		return err;
	repo->replica = zdh_config_get(repo->config, "zdh.replica");
	repo->prefix = zdh_config_get(repo->config, "zdh.prefix");
	/* (a config written by hand may say 上海: date.h) */
	repo->timezone = zdh_date_zone_name(zdh_config_get(repo->config, "zdh.timezone"));
	if (!repo->timezone || !*repo->timezone)
		repo->timezone = ZDH_DEFAULT_TIMEZONE;
	zdh_date_display_zone(repo->timezone);
	if (!zdh_replica_valid(repo->replica))
		return zdh_error_set(ZDH_ERROR, _("zdh.replica is missing or invalid in '%s/config'"), repo->gitdir);
	if (!zdh_prefix_valid(repo->prefix))
		return zdh_error_set(ZDH_ERROR, _("zdh.prefix is missing or invalid in '%s/config'"), repo->gitdir);
	/* a group-shared repository: what this command makes, the group may write */
	shared = zdh_config_get(repo->config, "core.sharedrepository");
	if (shared && zdh_shared_parse(shared, &perm) < 0)
		return shared_invalid(shared);
	zdh_shared_set(repo->gitdir, perm);
	return 0;
}

/* A repository whose replica recovery was stopped is refused until recover finishes it. */
static int refuse_recovering(const char *gitdir)
{
	if (!zdh_repo_marked(gitdir, ZDH_MARK_RECOVERING))
		return 0;
	return zdh_error_set(ZDH_ENOREPO, _("'%s' is in the middle of a replica recovery (zdh replica recover was stopped): run 'zdh replica recover' to finish it"),
			     gitdir);
}

static int discover(struct zdh_repo **out, int recovering_ok, int cloning_ok)
{
	struct zdh_repo *repo;
	const char *env = getenv("ZDH_DIR");
	char *gitdir = NULL, *cwd, *p;
	int err;

	*out = NULL;
	if (env && *env) {
		if (!is_repo(env))
			return zdh_error_set(ZDH_ENOREPO, _("ZDH_DIR '%s' is not a zdh repository"), env);
		gitdir = abspath(env);
	} else {
		cwd = getcwd(NULL, 0);
		if (!cwd)
			return zdh_error_errno(ZDH_ERROR, _("cannot read the current folder"));
		for (;;) {
			p = zdh_asprintf("%s/.zdh", strcmp(cwd, "/") ? cwd : "");
			/*
			 * (a clone an older zdh stopped before its config or
			 * objects is one too, refused below, not passed over for
			 * a parent's: a .zdh is now renamed into place whole)
			 */
			if (is_repo(p) || zdh_repo_marked(p, ZDH_MARK_CLONING)) {
				gitdir = p;
				break;
			}
			free(p);
			p = strrchr(cwd, '/');
			if (!p || p == cwd) {
				if (p && p[1]) {
					p[1] = '\0';
					continue;
				}
				break;
			}
			*p = '\0';
		}
		free(cwd);
		if (!gitdir)
			return zdh_error_set(ZDH_ENOREPO, _("no zdh repository here (or in any parent folder); run 'zdh init'"));
	}
	if (!cloning_ok && zdh_repo_marked(gitdir, ZDH_MARK_CLONING)) {
		err = zdh_error_set(ZDH_ENOREPO, _("'%s' is a clone that did not finish (zdh clone was stopped): remove it and clone again"),
				    gitdir);
		free(gitdir);
		return err;
	}
	if (!recovering_ok && (err = refuse_recovering(gitdir))) {
		free(gitdir);
		return err;
	}
	repo = zdh_calloc(1, sizeof(*repo));
	repo->gitdir = gitdir;
	repo->config_path = zdh_asprintf("%s/config", gitdir);
	repo->workdir = zdh_strdup(gitdir);
	p = strrchr(repo->workdir, '/');
	if (p && p != repo->workdir)
		*p = '\0';
	repo->lock_fd = -1;
	if ((err = zdh_repo_reload_config(repo))) {
		zdh_repo_free(repo);
		return err;
	}
	*out = repo;
	return 0;
}

int zdh_repo_discover(struct zdh_repo **out)
{
	return discover(out, 0, 0);
}

int zdh_repo_discover_recovering(struct zdh_repo **out)
{
	return discover(out, 1, 0);
}

void zdh_repo_free(struct zdh_repo *repo)
{
	if (!repo)
		return;
	if (repo->index) {
		ZDH_ASSERT(repo->index_close);
		repo->index_close(repo->index);
	}
	zdh_packs_free(repo->packs);
	zdh_repo_unlock(repo);
	zdh_config_free(repo->config);
	free(repo->gitdir);
	free(repo->config_path);
	free(repo->workdir);
	free(repo);
}

static char *identity_part(const struct zdh_repo *repo, const char *env, const char *key)
{
	const char *v = getenv(env);

	if (!v || !*v)
		v = zdh_config_get(repo->config, key);
	return v && *v ? zdh_strdup(v) : NULL;
}

/*
 * A part of the identity, refused naming its key (and the environment
 * variable it came from, when it did) as zdh config refuses it
 * (zdh_ident_check()): a config written by hand or an older zdh, or the
 * environment, writes no commit zdh config would have refused.
 */
static int check_part(const char *value, const char *env, const char *key)
{
	const char *e = getenv(env);
	char *shown;
	int err;

	if (!value)
		return 0;
	shown = e && *e ? zdh_asprintf("%s (%s)", key, env) : zdh_strdup(key);
	err = zdh_ident_check(shown, value, !strcasecmp(key, "user.email"));
	free(shown);
	return err;
}

int zdh_repo_identity(struct zdh_actor *out, const struct zdh_repo *repo)
{
	out->name = identity_part(repo, "ZDH_USER_NAME", "user.name");
	out->email = identity_part(repo, "ZDH_USER_EMAIL", "user.email");
	out->dept = identity_part(repo, "ZDH_USER_DEPT", "user.dept");
	if (!out->name || !out->email) {
		free(out->name);
		free(out->email);
		free(out->dept);
		memset(out, 0, sizeof(*out));
		return zdh_error_set(ZDH_EINVALID, "%s\n  zdh config user.name \"%s\"\n  zdh config user.email %s",
				     _("who are you? set your name and email first:"),
				     _("张三"), "zhangsan@example.org");
	}
	if (check_part(out->name, "ZDH_USER_NAME", "user.name") ||
	    check_part(out->email, "ZDH_USER_EMAIL", "user.email") ||
	    check_part(out->dept, "ZDH_USER_DEPT", "user.dept")) {
		free(out->name);
		free(out->email);
		free(out->dept);
		memset(out, 0, sizeof(*out));
		return ZDH_EINVALID;
	}
	return 0;
}

int zdh_repo_signer(struct zdh_signer **out, const struct zdh_repo *repo)
{
	char *path = identity_part(repo, "ZDH_SIGNING_KEY", "user.signingkey");
	int err = 0;

	*out = NULL;
	if (path)
		err = zdh_signer_load(out, path);
	free(path);
	return err;
}

int zdh_repo_lock(struct zdh_repo *repo)
{
	long long timeout;
	char *path;
	int fd, err;

	if (repo->lock_fd >= 0)
		return 0;
	if ((err = zdh_config_get_int(&timeout, repo->config, "zdh.lock-timeout", 10)))
		return err;
	path = zdh_asprintf("%s/zdh.lock", repo->gitdir);
	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
	if (fd >= 0 && zdh_shared_fix(path) < 0) {
		err = zdh_error_errno(ZDH_ERROR, _("cannot open '%s'"), path);
		close(fd);
		free(path);
		return err;
	}
	if (fd < 0) {
		/* (a read-only mount, another user's repository: its reads still work) */
		err = zdh_write_denied(errno) ?
			zdh_error_errno(ZDH_ERROR, _("this repository cannot be written (only read): cannot open '%s'"), path) :
			zdh_error_errno(ZDH_ERROR, _("cannot open '%s'"), path);
		free(path);
		return err;
	}
	free(path);
	if (zdh_flock_wait(fd, LOCK_EX, timeout) < 0) {
		err = errno != EWOULDBLOCK ? zdh_error_errno(ZDH_ERROR, _("cannot lock the repository")) :
			zdh_error_set(ZDH_ELOCKED,
				      ngettext("the repository is locked by another writer (waited %lld second)",
					       "the repository is locked by another writer (waited %lld seconds)",
					       (unsigned long)timeout), timeout);
		close(fd);
		return err;
	}
	/*
	 * A writer that opened it, then waited, while a recovery was
	 * stopped, or while one finished
	 */
	if ((!repo->recovering && (err = refuse_recovering(repo->gitdir))) ||
	    (err = config_same_replica(repo))) {
		close(fd);
		return err;
	}
	repo->lock_fd = fd;
	return 0;
}

int zdh_write_denied(int e)
{
	return e == EACCES || e == EROFS || e == EPERM;
}

void zdh_repo_unlock(struct zdh_repo *repo)
{
	if (repo->lock_fd >= 0) {
		close(repo->lock_fd);
		repo->lock_fd = -1;
	}
}

/*
 * lockfile — writes a file beside its final name, makes it durable and
 * renames it into place (git's lockfile.c and tempfile.c in one).  Every
 * writer of a file in zdh goes through it: loose objects and refs
 * (core/odb.c), packs (core/pack.c), config files (core/config.c), a new
 * repository's files (core/repo.c).
 *
 * It owns the decision of how a rename is made durable (zdh_sync_mode,
 * described in include/lockfile.h and zdh-repository(5)), and the removal
 * of temporary files a failed or killed writer leaves: each one is
 * registered in a small table that an atexit() hook and a handler of the
 * fatal signals unlink (SIGKILL cannot be caught: a ref's lock left then
 * is taken over by the next writer, which holds the repository lock).
 * Registration happens on the main thread only; the handler reads the
 * table with async-signal-safe calls only.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/sysmacros.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "error.h"
#include "i18n.h"
#include "lockfile.h"

#define EXT4_MAGIC 0xEF53		/* ext2, ext3 and ext4 alike */
#define XFS_MAGIC 0x58465342

/* ---- the files removed at exit or on a signal ---- */

#define SLOTS 16
#define SLOT_PATH 1024

static volatile sig_atomic_t slot_used[SLOTS];
static char slot_path[SLOTS][SLOT_PATH];

static const int fatal_signals[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE };
#define NFATAL (sizeof(fatal_signals) / sizeof(fatal_signals[0]))
static struct sigaction old_actions[NFATAL];

static void remove_registered(void)
{
	for (int i = 0; i < SLOTS; i++)
		if (slot_used[i])
			unlink(slot_path[i]);
}

static void on_signal(int sig)
{
	int saved = errno;

	remove_registered();
	/* then whatever was there before (the pager's handler, or dying) */
	for (size_t i = 0; i < NFATAL; i++)
		if (fatal_signals[i] == sig)
			sigaction(sig, &old_actions[i], NULL);
	raise(sig);
	errno = saved;
}

static void install_cleanup(void)
{
	static int installed;
	struct sigaction sa;

	if (installed)
		return;
	installed = 1;
	atexit(remove_registered);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < NFATAL; i++) {
		/* a signal ignored (nohup; SIGPIPE, which main ignores) stays ignored */
		if (sigaction(fatal_signals[i], NULL, &old_actions[i]) < 0 ||
		    old_actions[i].sa_handler == SIG_IGN)
			continue;
		sigaction(fatal_signals[i], &sa, NULL);
	}
}

/* A path too long for the table is not registered: it is still removed on failure. */
static void enlist(struct zdh_tempfile *t)
{
	size_t n = strlen(t->path);

	t->slot = -1;
	if (n >= SLOT_PATH)
		return;
	install_cleanup();
	for (int i = 0; i < SLOTS; i++)
		if (!slot_used[i]) {
			memcpy(slot_path[i], t->path, n + 1);
			slot_used[i] = 1;
			t->slot = i;
			return;
		}
}

static void delist(struct zdh_tempfile *t)
{
	if (t->slot >= 0)
		slot_used[t->slot] = 0;
	t->slot = -1;
	free(t->path);
	t->path = NULL;
}

/* ---- how a rename is made durable ---- */

/*
 * How the ext4 driver keeps the ext2/3/4 file system on dev: 1 with a
 * journal, 0 without (/sys/fs/ext4/<dev>/journal_task is "<none>", Linux
 * 5.x and later; before, /proc/fs/jbd2/<dev>-<inode> exists with one),
 * -1 when the ext4 driver does not have it (the ext2 driver, whose fsync
 * never writes a file's folder) or it cannot be told.
 */
static int ext_journal(dev_t dev)
{
	char link[PATH_MAX], path[PATH_MAX + 64], task[64];
	const char *name;
	struct dirent *de;
	struct stat st;
	ssize_t n;
	size_t nl;
	DIR *d;
	int fd, found = 0;

	snprintf(path, sizeof(path), "/sys/dev/block/%u:%u", major(dev), minor(dev));
	if ((n = readlink(path, link, sizeof(link) - 1)) <= 0)
		return -1;
	link[n] = '\0';
	name = strrchr(link, '/') ? strrchr(link, '/') + 1 : link;
	snprintf(path, sizeof(path), "/sys/fs/ext4/%s/journal_task", name);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) >= 0) {
		n = read(fd, task, sizeof(task) - 1);
		close(fd);
		if (n > 0) {
			task[n] = '\0';
			return strncmp(task, "<none>", 6) != 0;
		}
	}
	if (!(d = opendir("/proc/fs/jbd2")))
		return -1;
	nl = strlen(name);
	while (!found && (de = readdir(d)))
		found = !strncmp(de->d_name, name, nl) && de->d_name[nl] == '-';
	closedir(d);
	if (found)
		return 1;
	/* no journal: is it ext4's? */
	snprintf(path, sizeof(path), "/sys/fs/ext4/%s", name);
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode) ? 0 : -1;
}

struct seen {
	char *dir;
	enum zdh_sync mode;
	const char *fs;
};

static void look(struct seen *s, const char *dir)
{
	struct statfs sf;
	struct stat st;

	s->mode = ZDH_SYNC_EACH;
	s->fs = "unknown";
	if (statfs(dir, &sf) < 0 || stat(dir, &st) < 0)
		return;
	switch ((unsigned long)sf.f_type) {
	case XFS_MAGIC:
		s->fs = "xfs";
		s->mode = ZDH_SYNC_BATCH;
		break;
	case EXT4_MAGIC:
		switch (ext_journal(st.st_dev)) {
		case 1:
			s->fs = "ext4 (journal)";
			s->mode = ZDH_SYNC_BATCH;
			break;
		case 0:
			s->fs = "ext4 (no journal)";
			s->mode = ZDH_SYNC_FILE;
			break;
		default:
			s->fs = "ext2/3/4";
		}
		break;
	case 0x9123683EUL:
		s->fs = "btrfs";
		break;
	case 0x01021994UL:
		s->fs = "tmpfs";
		break;
	default:
		s->fs = "other";
	}
}

static struct seen *seen_for(const char *dir)
{
	static struct seen last;

	if (!last.dir || strcmp(last.dir, dir)) {
		free(last.dir);
		last.dir = zdh_strdup(dir);
		look(&last, dir);
		/* what was decided, for the tests and the benchmark */
		if (getenv("ZDH_TRACE_FSYNC"))
			fprintf(stderr, "zdh: fsync: %s: %s, %s\n", dir, last.fs,
				zdh_sync_name(last.mode));
	}
	return &last;
}

static const char *const sync_names[] = {
	[ZDH_SYNC_EACH] = "each", [ZDH_SYNC_BATCH] = "batch", [ZDH_SYNC_FILE] = "file"
};

const char *zdh_sync_name(enum zdh_sync mode)
{
	ZDH_ASSERT((size_t)mode < sizeof(sync_names) / sizeof(*sync_names));
	return sync_names[mode];
}

int zdh_sync_forced(enum zdh_sync *mode)
{
	const char *env = getenv("ZDH_FSYNC");

	for (size_t i = 0; env && i < sizeof(sync_names) / sizeof(*sync_names); i++)
		if (!strcmp(env, sync_names[i])) {
			*mode = (enum zdh_sync)i;
			return 1;
		}
	return 0;
}

enum zdh_sync zdh_sync_mode(const char *dir)
{
	enum zdh_sync mode;

	return zdh_sync_forced(&mode) ? mode : seen_for(dir)->mode;
}

const char *zdh_sync_fs_name(const char *dir)
{
	return seen_for(dir)->fs;
}

/* ---- flushing ---- */

int zdh_fsync(int fd)
{
	int r;

#ifdef F_FULLFSYNC
	if (!fcntl(fd, F_FULLFSYNC))
		return 0;
#endif
	do
		r = fsync(fd);
	while (r < 0 && errno == EINTR);
	return r;
}

/*
 * The data on the device, waited for, without a cache flush nor a journal
 * commit (git's FSYNC_WRITEOUT_ONLY).  Where that is not available, a
 * full fsync: slower, never less safe.
 */
static int writeout(int fd)
{
#ifdef SYNC_FILE_RANGE_WRITE
	if (!sync_file_range(fd, 0, 0, SYNC_FILE_RANGE_WAIT_BEFORE | SYNC_FILE_RANGE_WRITE |
			     SYNC_FILE_RANGE_WAIT_AFTER))
		return 0;
	if (errno != ENOSYS && errno != EINVAL && errno != ESPIPE)
		return -1;
#endif
	return zdh_fsync(fd);
}

int zdh_fsync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	int r, saved;

	if (fd < 0)
		return -1;
	r = zdh_fsync(fd);
	/* some file systems cannot sync a directory; they order it themselves */
	if (r < 0 && (errno == EINVAL || errno == ENOTSUP))
		r = 0;
	saved = errno;
	close(fd);
	errno = saved;
	return r;
}

int zdh_write_output(const char *path, const void *data, size_t len)
{
	struct zdh_tempfile t = ZDH_TEMPFILE_INIT;
	struct stat st;
	char *real = NULL, *tmp;
	mode_t mask = umask(0);
	int fd, r = 0, saved;

	umask(mask);
	if (!strcmp(path, "-"))
		return zdh_write_all(1, data, len) < 0 && errno != EPIPE ? -1 : 0;
	if (!stat(path, &st) && !S_ISREG(st.st_mode)) {
		if ((fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC)) < 0)
			return -1;
		r = zdh_write_all(fd, data, len) < 0 && errno != EPIPE ? -1 : 0;
		saved = errno;
		close(fd);
		errno = saved;
		return r;
	}
	/* a link to a file: the file it names is replaced, not the link */
	if (!lstat(path, &st) && S_ISLNK(st.st_mode) && (real = realpath(path, NULL)))
		path = real;
	tmp = zdh_asprintf("%s.tmp.XXXXXX", path);
	if (zdh_tempfile_mks(&t, tmp, 0666 & ~mask) < 0)
		r = -2;
	else if (zdh_tempfile_write(&t, data, len) < 0 ||
		 zdh_tempfile_commit(&t, path, ZDH_SYNC_EACH, 0) < 0)
		r = -1;
	saved = errno;
	zdh_tempfile_delete(&t);
	free(tmp);
	free(real);
	errno = saved;
	return r;
}

int zdh_syncfs(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC), r, saved;

	if (fd < 0)
		return -1;
	r = syncfs(fd);
	saved = errno;
	close(fd);
	errno = saved;
	return r;
}

void zdh_sync_before_mkdir(const char *dir)
{
	if (zdh_sync_mode(dir) == ZDH_SYNC_FILE)
		zdh_syncfs(dir);
}

int zdh_fsync_dir_of(const char *path)
{
	struct zdh_buf dir = ZDH_BUF_INIT;
	size_t n = strlen(path);
	int r;

	while (n > 1 && path[n - 1] == '/')
		n--;
	while (n && path[n - 1] != '/')
		n--;
	if (!n)
		zdh_buf_addch(&dir, '.');
	else
		zdh_buf_add(&dir, path, n > 1 ? n - 1 : 1);
	r = zdh_fsync_dir(dir.ptr);
	zdh_buf_release(&dir);
	return r;
}

/* ---- group-shared repositories ---- */

/*
 * git's core.sharedRepository, for a repository several accounts of one
 * group write: 0, files and folders as the umask makes them; > 0, the
 * bits added (0660 group, 0664 all); < 0, minus the exact mode (0640).
 * Each rule holds under its root only (the .zdh of the command, a hub in
 * a folder it pushes to), never for a report's -o FILE or ~/.zdhconfig.
 */
#define SHARED_ROOTS 4
static struct {
	char *root;
	int perm;
} shared[SHARED_ROOTS];

/*
 * The words of core.sharedRepository, as git reads them (any case): the
 * name the messages and zdh-init(1) give, the number git init --shared
 * writes (zdh_shared_value), git's other words; beside them, an octal mode.
 */
static const struct {
	const char *name;
	int perm;
	const char *number;
	const char *also[2];
} shared_words[] = {
	{ "umask", 0, "0", { "false" } },
	{ "group", 0660, "1", { "true" } },
	{ "all", 0664, "2", { "world", "everybody" } },
};
#define NSHARED_WORDS (sizeof(shared_words) / sizeof(shared_words[0]))

int zdh_shared_parse(const char *value, int *perm)
{
	char *end;
	long v;

	for (size_t i = 0; i < NSHARED_WORDS; i++) {
		int match = !strcasecmp(value, shared_words[i].name) ||
			    !strcmp(value, shared_words[i].number);
		for (size_t k = 0; !match && k < 2 && shared_words[i].also[k]; k++)
			match = !strcasecmp(value, shared_words[i].also[k]);
		if (match) {
			*perm = shared_words[i].perm;
			return 0;
		}
	}
	if (value[0] == '0' && (v = strtol(value, &end, 8), !*end) && v >= 0 && v <= 0777 &&
	    (v & 0600) == 0600) {
		*perm = -(int)(v & 0666);
		return 0;
	}
	return -1;
}

int zdh_shared_invalid(const char *what, const char *value)
{
	struct zdh_buf names = ZDH_BUF_INIT;
	int err;

	for (size_t i = 0; i < NSHARED_WORDS; i++)
		zdh_buf_addf(&names, "%s%s", i ? _(", ") : "", shared_words[i].name);
	err = zdh_error_set(ZDH_EINVALID, _("invalid %s '%s' (%s, or an octal mode such as 0660 that lets the owner read and write)"),
			    what, value, names.ptr);
	zdh_buf_release(&names);
	return err;
}

const char *zdh_shared_value(char mode[static 8], int perm)
{
	for (size_t i = 0; i < NSHARED_WORDS; i++)
		if (shared_words[i].perm == perm)
			return shared_words[i].number;
	snprintf(mode, 8, "0%03o", (unsigned)(-perm) & 0777u);
	return mode;
}

void zdh_shared_set(const char *gitdir, int perm)
{
	int i, free_slot = -1;

	for (i = 0; i < SHARED_ROOTS; i++) {
		if (shared[i].root && !strcmp(shared[i].root, gitdir))
			break;
		if (!shared[i].root && free_slot < 0)
			free_slot = i;
	}
	if (i == SHARED_ROOTS && (!perm || (i = free_slot) < 0))
		return;	/* (a command has one repository and one remote) */
	free(shared[i].root);
	shared[i].root = perm ? zdh_strdup(gitdir) : NULL;
	shared[i].perm = perm;
}

/* The rule path falls under: the longest root holding it; 0 for none. */
static int shared_perm_of(const char *path)
{
	size_t best = 0;
	int perm = 0;

	for (int i = 0; i < SHARED_ROOTS; i++) {
		size_t n = shared[i].root ? strlen(shared[i].root) : 0;
		if (n > best && !strncmp(path, shared[i].root, n) && (!path[n] || path[n] == '/')) {
			best = n;
			perm = shared[i].perm;
		}
	}
	return perm;
}

int zdh_shared_fix(const char *path)
{
	int shared_perm = shared_perm_of(path);
	struct stat st;
	mode_t mode, tweak;

	if (!shared_perm)
		return 0;
	if (stat(path, &st) < 0)
		return -1;
	/* another's (an index.use opened, not made): its maker set its mode */
	if (st.st_uid != geteuid())
		return 0;
	/* git's calc_shared_perm() and adjust_shared_perm() */
	tweak = (mode_t)(shared_perm < 0 ? -shared_perm : shared_perm);
	if (!(st.st_mode & S_IWUSR))
		tweak &= ~0222u;
	if (st.st_mode & S_IXUSR)
		tweak |= (tweak & 0444) >> 2;
	mode = shared_perm < 0 ? (st.st_mode & ~0777u) | tweak : st.st_mode | tweak;
	if (S_ISDIR(st.st_mode))
		mode |= ((mode & 0444) >> 2) | S_ISGID;
	if (((st.st_mode ^ mode) & 07777) && chmod(path, mode & 07777) < 0)
		return -1;
	return 0;
}

int zdh_open_shared(const char *path, int flags, mode_t mode)
{
	int fd = open(path, flags | O_CLOEXEC, mode), saved;

	if (fd >= 0 && zdh_shared_fix(path) < 0) {
		saved = errno;
		close(fd);
		if (flags & O_EXCL)
			unlink(path);
		errno = saved;
		return -1;
	}
	return fd;
}

/* ---- temporary files ---- */

/*
 * mkdir -p of the folders above path.  Each new one is synced itself
 * before the folder naming it, deepest first: a name made durable before
 * its folder's inode can outlive a crash that lost the inode.
 */
static int make_dirs(const char *path)
{
	struct zdh_buf dir = ZDH_BUF_INIT;
	const char *slash, *first_new = NULL, *above = NULL;
	int err = 0;

	for (slash = strchr(path + 1, '/'); slash && !err; above = slash, slash = strchr(slash + 1, '/')) {
		zdh_buf_reset(&dir);
		zdh_buf_add(&dir, path, (size_t)(slash - path));
		/* before the first folder made, the file system of the one above synced */
		if (!first_new && access(dir.ptr, F_OK) < 0 && errno == ENOENT) {
			char *there = above ? zdh_strndup(path, (size_t)(above - path)) :
				zdh_strdup(*path == '/' ? "/" : ".");
			zdh_sync_before_mkdir(there);
			free(there);
		}
		if (mkdir(dir.ptr, 0777) == 0) {
			if (!first_new)
				first_new = slash;
			if (zdh_shared_fix(dir.ptr) < 0)
				err = -1;
		} else if (errno != EEXIST) {
			err = -1;
		}
	}
	/* dir is the deepest folder; sync up to the parent of the first new one */
	while (!err && first_new && dir.len >= (size_t)(first_new - path)) {
		err = zdh_fsync_dir(dir.ptr);
		while (dir.len && dir.ptr[dir.len - 1] != '/')
			dir.len--;
		if (dir.len)
			zdh_buf_setlen(&dir, dir.len - 1);
		if (!err && dir.len < (size_t)(first_new - path))
			err = zdh_fsync_dir(dir.len ? dir.ptr : "/");
	}
	zdh_buf_release(&dir);
	return err;
}

static int open_lock(const char *lock, mode_t mode)
{
	return zdh_open_shared(lock, O_WRONLY | O_CREAT | O_EXCL, mode);
}

int zdh_lock_acquire(struct zdh_tempfile *lk, const char *path, int flags, mode_t mode)
{
	char *lock = zdh_asprintf("%s.lock", path);
	int fd, saved;

	fd = open_lock(lock, mode);
	if (fd < 0 && errno == ENOENT && (flags & ZDH_LOCK_MKDIRS)) {
		if (make_dirs(lock) < 0)
			goto fail;
		fd = open_lock(lock, mode);
	}
	if (fd < 0 && errno == EEXIST && (flags & ZDH_LOCK_STALE_OK)) {
		if (unlink(lock) < 0 && errno != ENOENT)
			goto fail;
		fd = open_lock(lock, mode);
	}
	if (fd < 0)
		goto fail;
	lk->fd = fd;
	lk->path = lock;
	enlist(lk);
	return 0;
fail:
	saved = errno;
	free(lock);
	lk->fd = -1;
	lk->path = NULL;
	lk->slot = -1;
	errno = saved;
	return -1;
}

int zdh_tempfile_mks(struct zdh_tempfile *t, const char *template, mode_t mode)
{
	char *path = zdh_strdup(template);
	int fd = mkstemp(path), saved;

	if (fd < 0 || fchmod(fd, mode) < 0 || zdh_shared_fix(path) < 0) {
		saved = errno;
		if (fd >= 0) {
			close(fd);
			unlink(path);
		}
		free(path);
		t->fd = -1;
		t->path = NULL;
		t->slot = -1;
		errno = saved;
		return -1;
	}
	fcntl(fd, F_SETFD, FD_CLOEXEC);
	t->fd = fd;
	t->path = path;
	enlist(t);
	return 0;
}

int zdh_tempfile_write(struct zdh_tempfile *t, const void *data, size_t len)
{
	return zdh_write_all(t->fd, data, len);
}

#ifdef RENAME_EXCHANGE
/*
 * renameat2() of t to dest with flag: 1 done; 0 when the file system
 * cannot, or errno is absent (dest gone for RENAME_EXCHANGE); -1 failed.
 */
static int rename_flag(struct zdh_tempfile *t, const char *dest, unsigned flag, int absent)
{
	if (!renameat2(AT_FDCWD, t->path, AT_FDCWD, dest, flag))
		return 1;
	return errno == absent || errno == EINVAL || errno == ENOSYS ? 0 : -1;
}
#endif

int zdh_rename_noreplace(const char *from, const char *to)
{
#ifdef RENAME_NOREPLACE
	if (!renameat2(AT_FDCWD, from, AT_FDCWD, to, RENAME_NOREPLACE))
		return 1;
	return errno == EINVAL || errno == ENOSYS ? 0 : -1;
#else
	(void)from, (void)to;
	return 0;
#endif
}

/* Rename t to dest only when dest does not exist (0: it does, or cannot tell). */
static int rename_new(struct zdh_tempfile *t, const char *dest)
{
	int r = zdh_rename_noreplace(t->path, dest);

	return r < 0 && errno == EEXIST ? 0 : r;
}

/* Swap the names of t and dest, which both exist (0: cannot, or dest is gone). */
static int rename_exchange(struct zdh_tempfile *t, const char *dest)
{
#ifdef RENAME_EXCHANGE
	return rename_flag(t, dest, RENAME_EXCHANGE, ENOENT);
#else
	(void)t, (void)dest;
	return 0;
#endif
}

/*
 * Whether a rename to dest would replace a file: asked first, since the
 * write-out and a refused rename_new() of a ref, which always replaces
 * one, cost a third of a millisecond; rename_new() still refuses a file
 * that appears in between.
 */
enum { DEST_NONE, DEST_FILE, DEST_OTHER };

static int will_replace(const char *dest)
{
	struct stat st;

	return lstat(dest, &st) ? DEST_NONE : S_ISREG(st.st_mode) ? DEST_FILE : DEST_OTHER;
}

static int close_renamed(struct zdh_tempfile *t, int fsync_it)
{
	int err, saved;

	delist(t);
	err = fsync_it ? zdh_fsync(t->fd) : 0;
	saved = errno;
	close(t->fd);
	t->fd = -1;
	errno = saved;
	return err;
}

/*
 * t and dest swapped (ext4 without a journal): one fsync of the new file
 * writes its data, its inode and, its name being new to it since it was
 * created, the folder that now names it, before its one flush.  No inode
 * is freed on the way: the old file lives on under the temporary name, so
 * a cut before the folder is written finds dest naming the old file,
 * whole, and after it the new one.  The old file is then removed without
 * a flush (a cut may leave it in lost+found, or its name dangling, which
 * e2fsck removes).  A failed fsync swaps the two back.
 */
static int commit_exchanged(struct zdh_tempfile *t, const char *dest)
{
	int saved;

	if (zdh_fsync(t->fd) < 0) {
		saved = errno;
		rename_exchange(t, dest);
		zdh_tempfile_delete(t);
		errno = saved;
		return -1;
	}
	close(t->fd);
	t->fd = -1;
	/* (its inode freed: no folder is made before a sync, zdh_sync_before_mkdir()) */
	unlink(t->path);
	delist(t);
	return 0;
}

int zdh_tempfile_commit(struct zdh_tempfile *t, const char *dest, enum zdh_sync mode, int flags)
{
	int err, saved, replaces = DEST_NONE;

	t->with_name = 0;

	/*
	 * Written out before the rename, so that no name ever points at a
	 * file whose data is not on the device.
	 *
	 * In a batch, renamed and, with FLUSH, an fsync of the renamed file:
	 * the journal commit it waits for holds its rename and everything
	 * the file system logged before (ext4's jbd2 and xfs's log are one
	 * ordered log), after a cache flush that covers the data written
	 * out before.
	 */
	if (mode == ZDH_SYNC_BATCH) {
		if (writeout(t->fd) < 0 || rename(t->path, dest) < 0)
			goto fail;
		return close_renamed(t, flags & ZDH_COMMIT_FLUSH);
	}
	/*
	 * File with its name (ext4 without a journal), when dest is a new
	 * name: renamed, then one fsync of the file, which writes its data,
	 * its inode, then the folder holding its new name and each new
	 * folder above, before the one flush (ext4_sync_parent).  A rename
	 * over an old file frees the old file's inode, and the block of
	 * inodes written with the new one would carry that before the folder
	 * names the new one (the block-level replay of t1400 lost a ref so):
	 * such a file is swapped with the old one instead (below).  Only a
	 * file: a folder in dest's place is refused by the rename at the end,
	 * as it always was, not swapped away with what it holds.
	 */
	if (mode == ZDH_SYNC_FILE)
		replaces = will_replace(dest);
	if (mode == ZDH_SYNC_FILE && replaces == DEST_NONE) {
		if (writeout(t->fd) < 0 || (err = rename_new(t, dest)) < 0)
			goto fail;
		if (err) {
			t->with_name = 1;
			return close_renamed(t, 1);
		}
	} else if (mode == ZDH_SYNC_FILE && replaces == DEST_FILE) {
		if (writeout(t->fd) < 0 || (err = rename_exchange(t, dest)) < 0)
			goto fail;
		if (err)
			return commit_exchanged(t, dest);
	}
	if (zdh_fsync(t->fd) < 0)
		goto fail;
	err = close(t->fd);
	t->fd = -1;
	if (err < 0 || rename(t->path, dest) < 0)
		goto fail;
	delist(t);
	return zdh_fsync_dir_of(dest);
fail:
	saved = errno;
	zdh_tempfile_delete(t);
	errno = saved;
	return -1;
}

int zdh_lock_commit(struct zdh_tempfile *lk, enum zdh_sync mode, int flags)
{
	char *dest = zdh_strndup(lk->path, strlen(lk->path) - 5);
	int r = zdh_tempfile_commit(lk, dest, mode, flags), saved = errno;

	free(dest);
	errno = saved;
	return r;
}

void zdh_tempfile_delete(struct zdh_tempfile *t)
{
	int saved = errno;

	if (t->fd >= 0)
		close(t->fd);
	t->fd = -1;
	if (t->path)
		unlink(t->path);
	delist(t);
	errno = saved;
}

int zdh_flock_wait(int fd, int op, long long seconds)
{
	struct timespec start, now, nap = { 0, 2 * 1000 * 1000 };

	/* (a year: zdh.lock-timeout may be any whole number, and is counted in nanoseconds) */
	if (seconds > 86400LL * 365)
		seconds = 86400LL * 365;
	clock_gettime(CLOCK_MONOTONIC, &start);
	while (flock(fd, op | LOCK_NB) < 0) {
		if (errno != EWOULDBLOCK && errno != EINTR)
			return -1;
		clock_gettime(CLOCK_MONOTONIC, &now);
		if ((now.tv_sec - start.tv_sec) * 1000000000LL + (now.tv_nsec - start.tv_nsec) >=
		    seconds * 1000000000LL) {
			errno = EWOULDBLOCK;
			return -1;
		}
		nanosleep(&nap, NULL);
	}
	return 0;
}

static int remove_one(const char *path, const struct stat *st, int flag, struct FTW *f)
{
	(void)st, (void)f;
	return (flag == FTW_DP ? rmdir(path) : unlink(path)) < 0 && errno != ENOENT ? -1 : 0;
}

int zdh_remove_tree(const char *path)
{
	/* depth first, links not followed: what a link names is not ours */
	if (nftw(path, remove_one, 16, FTW_DEPTH | FTW_PHYS) < 0)
		return errno == ENOENT ? 0 : -1;
	return 0;
}

void zdh_remove_temporaries(const char *dir, const char *prefix, time_t older_than)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	struct stat st;

	while (d && (e = readdir(d))) {
		char *path;
		if (strncmp(e->d_name, prefix, strlen(prefix)))
			continue;
		path = zdh_asprintf("%s/%s", dir, e->d_name);
		if (!older_than || (!lstat(path, &st) && S_ISREG(st.st_mode) && st.st_mtime < older_than))
			unlink(path);
		free(path);
	}
	if (d)
		closedir(d);
}

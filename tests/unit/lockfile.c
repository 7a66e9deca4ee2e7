/*
 * Unit tests of core/lockfile.c: a lock is exclusive and commits by
 * rename, in both ways of flushing; a stale lock is taken over only when
 * asked; missing folders are made; a temporary file is gone after a
 * failure, at exit, and when a signal kills the process; ZDH_FSYNC
 * overrides the file system's choice.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "buf.h"
#include "lockfile.h"
#include "tap.h"

static char dir[] = "/tmp/zdh-lockfile-XXXXXX";

static char *at(const char *name)
{
	return zdh_asprintf("%s/%s", dir, name);
}

static int exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0;
}

static char *content(const char *path)
{
	struct zdh_buf b = ZDH_BUF_INIT;

	if (zdh_buf_read_file(&b, path) < 0)
		return zdh_strdup("(missing)");
	return zdh_buf_detach(&b);
}

/* A child takes a lock and dies of sig (or exits when sig is 0): is the lock gone? */
static int left_behind(int sig)
{
	char *path = at("killed"), *lock = at("killed.lock");
	int status, r;
	pid_t pid;

	/* the child's exit() flushes stdio: nothing of ours may be pending */
	fflush(stdout);
	pid = fork();

	if (pid == 0) {
		struct zdh_tempfile lk = ZDH_TEMPFILE_INIT;
		if (zdh_lock_acquire(&lk, path, 0, 0644) < 0)
			_exit(3);
		if (sig)
			raise(sig);
		exit(0);
	}
	waitpid(pid, &status, 0);
	r = exists(lock);
	unlink(lock);
	free(path);
	free(lock);
	return r;
}

int main(void)
{
	struct zdh_tempfile a = ZDH_TEMPFILE_INIT, b = ZDH_TEMPFILE_INIT;
	char *file, *lock, *deep, *s, *got, *tmp;
	enum zdh_sync mode;

	if (!mkdtemp(dir))
		return 1;
	file = at("config");
	lock = at("config.lock");

	/* each mode, the second time over the file the first one made */
	for (int mode = ZDH_SYNC_EACH; mode <= ZDH_SYNC_FILE; mode++) {
		const char *m = zdh_sync_name(mode);
		char name[100];

		snprintf(name, sizeof(name), "%s: a lock is taken", m);
		is_int(zdh_lock_acquire(&a, file, 0, 0644), 0, name);
		ok(exists(lock), "  as X.lock");
		is_int(zdh_lock_acquire(&b, file, 0, 0644), -1, "  a second one is refused");
		is_int(errno, EEXIST, "  with EEXIST");
		is_int(zdh_tempfile_write(&a, m, strlen(m)), 0, "  written");
		is_int(zdh_lock_commit(&a, mode, ZDH_COMMIT_FLUSH), 0, "  committed");
		ok(!exists(lock), "  the lock is gone");
		s = content(file);
		is_str(s, m, "  the file holds what was written");
		free(s);
		ok(a.fd == -1 && a.path == NULL, "  the handle is spent");
	}

	is_int(zdh_lock_acquire(&a, file, 0, 0644), 0, "a lock to roll back");
	zdh_tempfile_write(&a, "no", 2);
	zdh_tempfile_delete(&a);
	ok(!exists(lock), "  rolled back, the lock is gone");
	s = content(file);
	is_str(s, "file", "  and the file is as it was");
	free(s);

	close(open(lock, O_WRONLY | O_CREAT, 0644));
	is_int(zdh_lock_acquire(&a, file, 0, 0644), -1, "a stale lock blocks");
	is_int(zdh_lock_acquire(&a, file, ZDH_LOCK_STALE_OK, 0644), 0, "  unless taken over");
	zdh_tempfile_delete(&a);

	deep = at("refs/zdh/log/xinqiao");
	is_int(zdh_lock_acquire(&a, deep, 0, 0644), -1, "a lock in a missing folder fails");
	is_int(zdh_lock_acquire(&a, deep, ZDH_LOCK_MKDIRS, 0644), 0, "  unless folders are made");
	is_int(zdh_lock_commit(&a, ZDH_SYNC_EACH, ZDH_COMMIT_FLUSH), 0, "  and it commits there");
	ok(exists(deep), "  the ref is in place");

	s = at("new-name");
	free(file);
	file = at("tmp_XXXXXX");
	is_int(zdh_tempfile_mks(&a, file, 0444), 0, "file with its name: a file to a new name");
	zdh_tempfile_write(&a, "n", 1);
	is_int(zdh_tempfile_commit(&a, s, ZDH_SYNC_FILE, 0), 0, "  committed");
	ok(exists(s) && a.path == NULL && a.fd == -1, "  in place, the handle spent");
	ok(a.with_name, "  with its name (its new folders durable with it)");
	is_int(zdh_tempfile_mks(&a, file, 0444), 0, "  and a second one to the same name");
	zdh_tempfile_write(&a, "m", 1);
	tmp = zdh_strdup(a.path);
	is_int(zdh_tempfile_commit(&a, s, ZDH_SYNC_FILE, 0), 0, "  replaces it");
	ok(!a.with_name, "  swapped with the old one, not with its name");
	got = content(s);
	is_str(got, "m", "  with what was written last");
	free(got);
	ok(!exists(tmp), "  and the old file, swapped to the temporary name, is removed");
	free(tmp);
	free(s);

	/* a folder where the file goes is refused, not swapped away (a hostile hub's refs a/b then a) */
	s = at("refs/zdh/log/aaa");
	got = at("refs/zdh/log/aaa/bbb");
	is_int(zdh_lock_acquire(&a, got, ZDH_LOCK_MKDIRS, 0644), 0, "file with its name: a ref in a folder");
	is_int(zdh_lock_commit(&a, ZDH_SYNC_FILE, ZDH_COMMIT_FLUSH), 0, "  committed");
	is_int(zdh_lock_acquire(&a, s, 0, 0644), 0, "  a lock of the folder's name");
	zdh_tempfile_write(&a, "x", 1);
	is_int(zdh_lock_commit(&a, ZDH_SYNC_FILE, ZDH_COMMIT_FLUSH), -1, "  cannot replace the folder");
	ok(exists(got), "  which still holds its ref");
	tmp = zdh_asprintf("%s.lock", s);
	ok(!exists(tmp), "  and no lock is left behind");
	free(tmp);
	free(got);
	free(s);

	s = at("tmp_XXXXXX");
	is_int(zdh_tempfile_mks(&a, s, 0444), 0, "a temporary file from a template");
	ok(strcmp(a.path, s) && exists(a.path), "  under a name of its own");
	free(s);
	s = at("gone/x");
	is_int(zdh_tempfile_commit(&a, s, ZDH_SYNC_EACH, 0), -1, "a rename into a missing folder fails");
	ok(a.path == NULL, "  and the temporary file is removed");
	free(s);

	ok(!left_behind(0), "a lock is removed when the process exits");
	ok(!left_behind(SIGTERM), "a lock is removed when SIGTERM kills the process");
	ok(!left_behind(SIGINT), "and when SIGINT does");
	ok(left_behind(SIGKILL), "SIGKILL leaves it (the next writer takes it over)");

	setenv("ZDH_FSYNC", "batch", 1);
	is_int(zdh_sync_mode(dir), ZDH_SYNC_BATCH, "ZDH_FSYNC=batch forces the batch");
	setenv("ZDH_FSYNC", "each", 1);
	is_int(zdh_sync_mode(dir), ZDH_SYNC_EACH, "ZDH_FSYNC=each forces each file and folder");
	setenv("ZDH_FSYNC", "file", 1);
	is_int(zdh_sync_mode(dir), ZDH_SYNC_FILE, "ZDH_FSYNC=file forces a file with its name");
	unsetenv("ZDH_FSYNC");
	mode = zdh_sync_mode(dir);
	setenv("ZDH_FSYNC", "fast", 1);
	is_int(zdh_sync_mode(dir), mode, "ZDH_FSYNC of no known way leaves the file system's");
	unsetenv("ZDH_FSYNC");
	ok(zdh_sync_fs_name(dir) && *zdh_sync_fs_name(dir), "the file system has a name");
	printf("# %s: %s, %s\n", dir, zdh_sync_fs_name(dir), zdh_sync_name(zdh_sync_mode(dir)));

	free(file);
	free(lock);
	free(deep);
	s = zdh_asprintf("rm -rf '%s'", dir);
	if (system(s))
		return 1;
	free(s);
	return done_testing();
}

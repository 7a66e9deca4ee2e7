/*
 * Unit tests of index-vfs (core/index-vfs.c, private to core): index.db's
 * pages written behind.  A database opened through IX_VFS with a page
 * cache of 20 pages, so that SQLite spills pages and reads them back
 * while they may still be in the ring: every row it wrote, changed and
 * read back in the transaction is what it reads, the file is sound once
 * the ring is stopped and committed, and the same file read without the
 * VFS holds the same rows.  A descriptor that cannot write (read-only):
 * the transaction fails, the error is told when the ring stops, and the
 * rollback leaves the file as it was.  Pages of 64 KiB, fewer in the ring
 * than the thread waits for before it writes: they go in all the same.
 */
#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "index-internal.h"
#include "tap.h"

#define ROWS 20000

static long long one(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *s;
	long long v = -1;

	if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return v;
}

static const char *text(sqlite3 *db, const char *sql, char *out, size_t size)
{
	sqlite3_stmt *s;

	snprintf(out, size, "(none)");
	if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW)
		snprintf(out, size, "%s", (const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	return out;
}

/* Insert rows from..to-1, each v a scattered key (so its index is written all over). */
static int insert(sqlite3 *db, int from, int to)
{
	sqlite3_stmt *s;
	int rc = SQLITE_OK;

	if (sqlite3_prepare_v2(db, "INSERT INTO t(k, v) VALUES(?1, printf('%08x-%d', ?2, ?1))",
			       -1, &s, NULL))
		return SQLITE_ERROR;
	for (int k = from; k < to && rc == SQLITE_OK; k++) {
		sqlite3_bind_int(s, 1, k);
		sqlite3_bind_int64(s, 2, (long long)((unsigned)k * 2654435761u));
		rc = sqlite3_step(s) == SQLITE_DONE ? SQLITE_OK : sqlite3_errcode(db);
		sqlite3_reset(s);
	}
	sqlite3_finalize(s);
	return rc;
}

int main(void)
{
	char dir[] = "/tmp/zdh-vfs-XXXXXX", path[64], buf[128];
	const char *sum = "SELECT sum(k) + sum(length(v)) + count(*) FROM t";
	sqlite3 *db, *plain;
	long long before, after;
	int fd, rc, failed;

	ix_sqlite_setup();
	ok(ix_vfs_name() != NULL, "the VFS is registered");
	if (!mkdtemp(dir))
		return 1;
	snprintf(path, sizeof(path), "%s/index.db", dir);
	is_int(sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, ix_vfs_name()),
	       SQLITE_OK, "a database opens through it");
	sqlite3_exec(db, "PRAGMA journal_mode = DELETE; PRAGMA cache_size = 20;"
		     " PRAGMA mmap_size = 1000000000;"
		     " CREATE TABLE t(k INTEGER PRIMARY KEY, v TEXT NOT NULL);"
		     " CREATE INDEX t_v ON t(v);", NULL, NULL, NULL);
	is_int(insert(db, 0, 1000), SQLITE_OK, "rows written before, passed on");

	/* written behind: spilled, changed and read back while in the ring */
	sqlite3_exec(db, "BEGIN", NULL, NULL, NULL);
	is_int(ix_vfs_behind(db, ix_db_fd(path), 4096), SQLITE_OK, "the ring starts");
	is_int(insert(db, 1000, ROWS), SQLITE_OK, "20,000 rows go in");
	is_int(sqlite3_exec(db, "UPDATE t SET v = v || 'x' WHERE k % 7 = 0", NULL, NULL, NULL),
	       SQLITE_OK, "every seventh row changed");
	is_int(one(db, "SELECT count(*) FROM t WHERE v LIKE '%x'"), (ROWS + 6) / 7,
	       "the changes are read back");
	is_str(text(db, "SELECT v FROM t WHERE k = 19999", buf, sizeof(buf)), "0fcbaa6f-19999x",
	       "the last row is read back");
	is_int(one(db, "SELECT count(*) FROM t INDEXED BY t_v WHERE v >= ''"), ROWS,
	       "its index is read back whole");
	before = one(db, sum);
	is_int(ix_vfs_behind(db, -1, 0), SQLITE_OK, "the ring stops, every page written");
	is_int(sqlite3_exec(db, "COMMIT", NULL, NULL, NULL), SQLITE_OK, "the transaction commits");
	is_str(text(db, "PRAGMA integrity_check", buf, sizeof(buf)), "ok", "the file is sound");
	sqlite3_open_v2(path, &plain, SQLITE_OPEN_READONLY, NULL);
	is_int(one(plain, sum), before, "read without the VFS: the same rows");
	sqlite3_close(plain);

	/* a descriptor that cannot write: the transaction fails, the file as it was */
	fd = open(path, O_RDONLY);
	sqlite3_exec(db, "BEGIN", NULL, NULL, NULL);
	is_int(ix_vfs_behind(db, fd, 4096), SQLITE_OK, "a ring on a read-only descriptor starts");
	rc = insert(db, ROWS, 2 * ROWS);
	ok(rc == SQLITE_IOERR, "a failed write fails a later one");
	failed = ix_vfs_behind(db, -1, 0);
	ok(failed != SQLITE_OK, "and the ring says so when it stops");
	sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	is_str(text(db, "PRAGMA integrity_check", buf, sizeof(buf)), "ok",
	       "rolled back, the file is sound");
	after = one(db, sum);
	is_int(after, before, "and holds what it held");
	close(fd);

	sqlite3_close(db);
	unlink(path);

	/* pages of 64 KiB: a ring of 32, fewer than a batch */
	sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, ix_vfs_name());
	sqlite3_exec(db, "PRAGMA page_size = 65536; PRAGMA journal_mode = DELETE;"
		     " PRAGMA cache_size = 20; CREATE TABLE t(k INTEGER PRIMARY KEY, v TEXT NOT NULL);"
		     " CREATE INDEX t_v ON t(v);", NULL, NULL, NULL);
	is_int(one(db, "PRAGMA page_size"), 65536, "a file of 64 KiB pages");
	sqlite3_exec(db, "BEGIN", NULL, NULL, NULL);
	is_int(ix_vfs_behind(db, ix_db_fd(path), 65536), SQLITE_OK, "its ring starts");
	is_int(insert(db, 0, ROWS), SQLITE_OK, "20,000 rows go in, through a ring of 32 pages");
	is_int(ix_vfs_behind(db, -1, 0), SQLITE_OK, "the ring stops");
	is_int(sqlite3_exec(db, "COMMIT", NULL, NULL, NULL), SQLITE_OK, "the transaction commits");
	is_str(text(db, "PRAGMA integrity_check", buf, sizeof(buf)), "ok", "the file is sound");
	sqlite3_close(db);
	unlink(path);
	rmdir(dir);
	return done_testing();
}

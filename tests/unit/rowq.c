/*
 * Unit tests of rowq (core/rowq.h, private to core): rows of parameters, bound at once
 * or encoded first, give back exactly the values put in, and the inserting thread writes every row of
 * several statements in order, lets the caller read the connection
 * meanwhile, and reports the first failure instead of the rows after it.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "error.h"
#include "rowq.h"
#include "tap.h"

static sqlite3 *open_memory(void)
{
	sqlite3 *db;

	if (sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX,
			    NULL) != SQLITE_OK)
		abort();
	return db;
}

static long long count(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *s;
	long long n = -1;

	if (sqlite3_prepare_v2(db, sql, -1, &s, NULL))
		return -1;
	if (sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return n;
}

static const unsigned char blob[4] = { 0, 0xff, 'a', 0 };

static void put_values(struct zdh_row *row)
{
	unsigned char copy[4];

	memcpy(copy, blob, sizeof(copy));
	zdh_row_int(row, -9007199254740993LL);
	zdh_row_text(row, "第一片区", strlen("第一片区"));
	zdh_row_text(row, "a\0b", 3);
	zdh_row_blob(row, copy, sizeof(copy));
	memset(copy, 0, sizeof(copy));	/* blobs are copied */
	zdh_row_null(row);
	zdh_row_text(row, NULL, 0);
	zdh_row_text(row, "", 0);
	zdh_row_text_owned(row, strdup("owned"));
	zdh_row_text_owned(row, NULL);
	zdh_row_nulls(row, 0);
	zdh_row_nulls(row, 2);
	zdh_row_text(row, "after", 5);
}

/* The values come back the same, bound at once (direct) or encoded first. */
static void test_bind(int direct)
{
	sqlite3 *db = open_memory();
	struct zdh_buf buf = ZDH_BUF_INIT;
	struct zdh_row row = { NULL, 0, &buf };
	sqlite3_stmt *s;
	char name[64];

	if (sqlite3_prepare_v2(db, "SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12", -1, &s,
			       NULL))
		abort();
	if (direct)
		zdh_row_direct(&row, s);
	put_values(&row);
	if (!direct)
		zdh_row_bind(s, buf.ptr, buf.len);
#define NAME(what) (snprintf(name, sizeof(name), "%s: %s", direct ? "direct" : "encoded", what), name)
	ok(sqlite3_step(s) == SQLITE_ROW, NAME("a row binds"));
	is_int(sqlite3_column_int64(s, 0), -9007199254740993LL, NAME("an int64 keeps all its bits"));
	is_str((const char *)sqlite3_column_text(s, 1), "第一片区", NAME("UTF-8 text"));
	is_int(sqlite3_column_bytes(s, 2), 3, NAME("text keeps its length, a NUL inside it too"));
	ok(sqlite3_column_type(s, 3) == SQLITE_BLOB && sqlite3_column_bytes(s, 3) == 4 &&
	   !memcmp(sqlite3_column_blob(s, 3), blob, 4), NAME("a blob, NULs and all"));
	ok(sqlite3_column_type(s, 4) == SQLITE_NULL, NAME("NULL"));
	ok(sqlite3_column_type(s, 5) == SQLITE_NULL, NAME("text NULL is NULL"));
	ok(sqlite3_column_type(s, 6) == SQLITE_TEXT && sqlite3_column_bytes(s, 6) == 0,
	   NAME("empty text is not NULL"));
	is_str((const char *)sqlite3_column_text(s, 7), "owned", NAME("owned text"));
	ok(sqlite3_column_type(s, 8) == SQLITE_NULL, NAME("owned NULL is NULL"));
	ok(sqlite3_column_type(s, 9) == SQLITE_NULL && sqlite3_column_type(s, 10) == SQLITE_NULL,
	   NAME("NULLs put together, none for 0"));
	is_str((const char *)sqlite3_column_text(s, 11), "after", NAME("the value after them"));
#undef NAME
	sqlite3_finalize(s);
	zdh_buf_release(&buf);
	sqlite3_close(db);
}

#define ROWS 5000	/* about twenty batches */

static void test_queue(void)
{
	static const char *const sql[] = {
		"INSERT INTO a(n, t) VALUES(?1, ?2)",
		"INSERT INTO b(n) VALUES(?1)",
	};
	sqlite3 *db = open_memory();
	struct zdh_rowq *q;
	long long reads = 0;
	int err = 0;

	sqlite3_exec(db, "CREATE TABLE a(n INTEGER PRIMARY KEY, t TEXT);"
		     " CREATE TABLE b(n INTEGER PRIMARY KEY); CREATE TABLE c(x);"
		     " INSERT INTO c VALUES(1); BEGIN", NULL, NULL, NULL);
	ok(!zdh_rowq_start(&q, db, sql, 2), "the thread starts");
	for (int i = 1; i <= ROWS && !err; i++) {
		struct zdh_row row;
		char t[32];
		zdh_rowq_row(q, (size_t)(i % 3 == 0), &row);
		zdh_row_int(&row, i);
		if (i % 3) {
			snprintf(t, sizeof(t), "行%d", i);
			zdh_row_text(&row, t, strlen(t));
		}
		err = zdh_rowq_push(q);
		/* the caller reads the connection while the thread writes */
		if (i % 100 == 0)
			reads += count(db, "SELECT x FROM c");
	}
	ok(!err, "every row queued");
	is_int(reads, ROWS / 100, "the caller reads the connection meanwhile (every read answered; ThreadSanitizer watches the rest)");
	ok(!zdh_rowq_wait(q), "waiting for the rows");
	is_int(count(db, "SELECT count(*) FROM a") + count(db, "SELECT count(*) FROM b"), ROWS,
	       "after the wait every row is in");
	is_int(count(db, "SELECT count(*) FROM b"), ROWS / 3, "each row went to its statement");
	is_int(count(db, "SELECT count(*) FROM a WHERE t = '行' || n"), ROWS - ROWS / 3,
	       "with its own values");
	/* more rows after a wait, then stop without waiting first */
	for (int i = ROWS + 1; i <= ROWS + 10; i++) {
		struct zdh_row row;
		zdh_rowq_row(q, 1, &row);
		zdh_row_int(&row, i);
		zdh_rowq_push(q);
	}
	ok(!zdh_rowq_stop(q), "stop");
	is_int(count(db, "SELECT max(n) FROM b"), ROWS + 10, "stop writes what was queued");
	sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
	sqlite3_close(db);
}

/*
 * A statement keeps what was bound at each parameter, and the thread (or a
 * row made with zdh_row_direct_kept) binds only a value that differs from it: each row still comes back with its own
 * values, whichever of NULL, int, short or long text, or blob the row
 * before had at the same place (and in each place of a chunk of rows).
 */
#define SAME_ROWS 700

static void same_value(int i, int col, struct zdh_row *row, char *expect, size_t size)
{
	static const char long_text[] = "a text longer than the copies kept of short values";
	int pick = (i / (col + 1)) % 7;
	char t[64];

	switch (pick) {
	case 0:
	case 1:
		zdh_row_null(row);
		snprintf(expect, size, "null");
		break;
	case 2:
		zdh_row_int(row, i / 5);
		snprintf(expect, size, "integer %d", i / 5);
		break;
	case 3:
		snprintf(t, sizeof(t), "%s", (i / 3) % 2 ? "issue" : "issues");
		zdh_row_text(row, t, strlen(t));
		snprintf(expect, size, "text %s", t);
		break;
	case 4:
		zdh_row_blob(row, "issue", 5);
		snprintf(expect, size, "blob 6973737565");
		break;
	case 5:
		zdh_row_text(row, long_text + (i % 3), strlen(long_text + (i % 3)));
		snprintf(expect, size, "text %s", long_text + (i % 3));
		break;
	default:
		zdh_row_text(row, "", 0);
		snprintf(expect, size, "text ");
		break;
	}
}

/* direct: the rows bound at once with zdh_row_direct_kept, else queued */
static void test_same_values(int direct)
{
	static const char *const sql[] = { "INSERT INTO a(n, x, y, z) VALUES(?1, ?2, ?3, ?4)" };
	sqlite3 *db = open_memory();
	struct zdh_rowq *q = NULL;
	struct zdh_bound *kept = zdh_bound_new(4);
	sqlite3_stmt *s, *one = NULL;
	char expect[SAME_ROWS + 1][3][80];
	int err = 0, wrong = 0, rows = 0;

	sqlite3_exec(db, "CREATE TABLE a(n INTEGER PRIMARY KEY, x, y, z); BEGIN", NULL, NULL, NULL);
	if (direct)
		ok(!sqlite3_prepare_v2(db, sql[0], -1, &one, NULL), "direct: the statement prepares");
	else
		ok(!zdh_rowq_start(&q, db, sql, 1), "the thread starts");
	for (int i = 1; i <= SAME_ROWS && !err; i++) {
		struct zdh_row row;

		if (direct)
			zdh_row_direct_kept(&row, one, kept);
		else
			zdh_rowq_row(q, 0, &row);
		zdh_row_int(&row, i);
		for (int col = 0; col < 3; col++)
			same_value(i, col, &row, expect[i][col], sizeof(expect[i][col]));
		if (direct) {
			err = sqlite3_step(one) != SQLITE_DONE;
			sqlite3_reset(one);
			continue;
		}
		err = zdh_rowq_push(q);
		/* a wait now and then: the rows after it go by other statements */
		if (i % 97 == 0)
			err = err ? err : zdh_rowq_wait(q);
	}
	ok(!err && !zdh_rowq_stop(q), direct ? "direct: every row written" : "every row written");
	sqlite3_finalize(one);
	free(kept);
	if (sqlite3_prepare_v2(db, "SELECT n, x, y, z, typeof(x), typeof(y), typeof(z), hex(x), hex(y),"
			       " hex(z) FROM a ORDER BY n", -1, &s, NULL))
		abort();
	while (sqlite3_step(s) == SQLITE_ROW) {
		int n = sqlite3_column_int(s, 0);

		rows++;
		for (int col = 0; col < 3 && n >= 1 && n <= SAME_ROWS; col++) {
			const char *type = (const char *)sqlite3_column_text(s, 4 + col);
			char got[80];

			if (!strcmp(type, "blob"))
				snprintf(got, sizeof(got), "blob %s", sqlite3_column_text(s, 7 + col));
			else if (!strcmp(type, "null"))
				snprintf(got, sizeof(got), "null");
			else
				snprintf(got, sizeof(got), "%s %s", type, sqlite3_column_text(s, 1 + col));
			if (strcmp(got, expect[n][col]) && wrong++ < 3)
				printf("# row %d, column %d: %s, not %s\n", n, col + 1, got, expect[n][col]);
		}
	}
	sqlite3_finalize(s);
	is_int(rows, SAME_ROWS, direct ? "direct: as many rows as put" : "as many rows as queued");
	is_int(wrong, 0, direct ? "direct: each with its own values, however the row before differed" :
	       "each with its own values, however the row before differed");
	sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
	sqlite3_close(db);
}

static void test_failure(void)
{
	static const char *const sql[] = { "INSERT INTO a(n) VALUES(?1)" };
	sqlite3 *db = open_memory();
	struct zdh_rowq *q;
	int err = 0;

	sqlite3_exec(db, "CREATE TABLE a(n INTEGER PRIMARY KEY)", NULL, NULL, NULL);
	ok(!zdh_rowq_start(&q, db, sql, 1), "the thread starts");
	for (int i = 1; i <= 1000 && !err; i++) {
		struct zdh_row row;
		zdh_rowq_row(q, 0, &row);
		zdh_row_int(&row, i == 300 ? 299 : i);
		err = zdh_rowq_push(q);
	}
	err = zdh_rowq_wait(q);
	is_int(err, ZDH_ERROR, "a row that fails fails the wait");
	ok(strstr(zdh_error_msg(), "index: ") && strstr(zdh_error_msg(), "UNIQUE"),
	   "with SQLite's message");
	/* (rows go CHUNK at a time: the failing row's chunk is undone with it; the
	   transaction fails anyway) */
	ok(count(db, "SELECT max(n) FROM a") <= 299 && count(db, "SELECT max(n) FROM a") >= 299 - 16 &&
	   count(db, "SELECT count(*) FROM a") == count(db, "SELECT max(n) FROM a"),
	   "no row after the failing one is written, every one before its chunk is");
	is_int(zdh_rowq_stop(q), ZDH_ERROR, "stop says so too");
	ok(zdh_rowq_start(&q, db, (const char *const[]){ "INSERT INTO nowhere VALUES(?1)" }, 1) ==
	   ZDH_ERROR && strstr(zdh_error_msg(), "nowhere"), "a statement that does not prepare");
	sqlite3_close(db);
}

int main(void)
{
	test_bind(0);
	test_bind(1);
	test_queue();
	test_same_values(0);
	test_same_values(1);
	test_failure();
	return done_testing();
}

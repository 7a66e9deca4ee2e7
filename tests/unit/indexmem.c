/*
 * Unit tests of index-mem (core/index-mem.c, private to core): SQLite's
 * memory for a short command.  Every size from 1 byte to past the block's
 * largest chunk gets at least what it asked, sqlite3_msize() says so,
 * reallocations growing and shrinking keep the bytes, chunks freed are
 * given again to their size, more than the 2 MiB block holds goes to a
 * second block (an import's, zdh_index_bulk_command(); here two), more
 * than both hold to malloc, and a database works on it.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "index-internal.h"
#include "tap.h"

static int filled(const unsigned char *p, size_t n, unsigned char v)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != v)
			return 0;
	return 1;
}

int main(void)
{
	static const int sizes[] = { 1, 7, 8, 9, 15, 16, 17, 100, 1000, 1008, 1009, 1016, 1017,
				     2040, 2041, 4096, 4360, 65536, 89000, 131064, 131065, 200000 };
	size_t n = sizeof(sizes) / sizeof(sizes[0]);
	void *p[sizeof(sizes) / sizeof(sizes[0])], *many[1000];
	int good = 1, kept = 1, sized = 1;
	sqlite3 *db;
	char *err = NULL;

	int arena = ix_sqlite_arena(2);	/* 0 under a sanitizer: SQLite's own malloc */

	is_int(sqlite3_initialize(), SQLITE_OK, "SQLite starts on the block");

	for (size_t i = 0; i < n; i++) {
		p[i] = sqlite3_malloc(sizes[i]);
		good &= p[i] && ((size_t)p[i] & 7) == 0;
		sized &= sqlite3_msize(p[i]) >= (sqlite3_uint64)sizes[i];
		if (p[i])
			memset(p[i], (int)i, (size_t)sizes[i]);
	}
	ok(good, "every size is given, 8-byte aligned");
	ok(sized, "sqlite3_msize() is at least what was asked");
	for (size_t i = 0; i < n; i++)
		kept &= filled(p[i], (size_t)sizes[i], (unsigned char)i);
	ok(kept, "no chunk overlaps another");

	/* grown past its class, then past the block's largest chunk, then shrunk */
	good = 1;
	for (size_t i = 0; i < n; i++) {
		unsigned char *q = sqlite3_realloc(p[i], sizes[i] * 3 + 5);
		good &= q && filled(q, (size_t)sizes[i], (unsigned char)i);
		if (q) {
			memset(q, 0xa5, (size_t)sizes[i] * 3 + 5);
			q = sqlite3_realloc(q, sizes[i] / 2 + 1);
			good &= q && filled(q, (size_t)sizes[i] / 2 + 1, 0xa5);
		}
		p[i] = q;
	}
	ok(good, "reallocations keep the bytes, growing and shrinking");
	for (size_t i = 0; i < n; i++)
		sqlite3_free(p[i]);

	{
		void *a = sqlite3_malloc(300), *b;
		sqlite3_free(a);
		b = sqlite3_malloc(310);
		ok(!arena || a == b, "a chunk freed is given again to its size");
		sqlite3_free(b);
	}

	/* 1,000 chunks of 4 KiB: more than the two blocks hold (409 each); the rest from malloc */
	good = 1;
	for (size_t i = 0; i < 1000; i++) {
		many[i] = sqlite3_malloc(4096);
		good &= many[i] != NULL;
		if (many[i])
			memset(many[i], (int)(i & 0xff), 4096);
	}
	for (size_t i = 0; i < 1000; i++)
		good &= many[i] && filled(many[i], 4096, (unsigned char)(i & 0xff));
	ok(good, "past the first block, chunks come from the second, then from malloc, none overlapping");
	for (size_t i = 0; i < 1000; i++)
		sqlite3_free(many[i]);

	ok(sqlite3_open(":memory:", &db) == SQLITE_OK &&
	   sqlite3_exec(db, "CREATE TABLE t(a, b); CREATE INDEX t_b ON t(b);"
			"WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 20000)"
			" INSERT INTO t SELECT x, hex(randomblob(40)) FROM c;", NULL, NULL, &err) == SQLITE_OK,
	   "a database of 20,000 rows is written on it");
	{
		sqlite3_stmt *s;
		long long rows = -1;
		if (sqlite3_prepare_v2(db, "SELECT count(DISTINCT b) FROM t", -1, &s, NULL) == SQLITE_OK &&
		    sqlite3_step(s) == SQLITE_ROW)
			rows = sqlite3_column_int64(s, 0);
		sqlite3_finalize(s);
		is_int(rows, 20000, "and read back");
	}
	sqlite3_free(err);
	sqlite3_close(db);
	return done_testing();
}

/*
 * Unit test of ix_sqlite_setup() (core/index.c): SQLite's process-wide
 * settings take, which they do only before SQLite starts.  An import's
 * command (zdh_index_bulk_command()) gets no memory statistics and its
 * memory from index-mem's blocks.  From 5c8119c to its fix the setup
 * registered zdh_name_key() first, which starts SQLite, and every
 * setting after it was refused: the statistics kept at each allocation,
 * the memory from malloc (an import of 100,000 issues, 2,500 page faults
 * more).
 */
#include <sqlite3.h>
#include <stdlib.h>

#include "index-internal.h"
#include "index.h"
#include "tap.h"

/* as core/index-mem.c: no blocks under a sanitizer */
#if defined(__SANITIZE_ADDRESS__)
#define SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(memory_sanitizer)
#define SANITIZED 1
#endif
#endif

int main(void)
{
	void *p;
	sqlite3 *db = NULL;
	sqlite3_stmt *s = NULL;
	int arena;

	zdh_index_bulk_command();
	ix_sqlite_setup();
	p = sqlite3_malloc(1100);
	ok(p != NULL, "SQLite gives memory after the setup");
	is_int(sqlite3_memory_used(), 0, "no memory statistics are kept (SQLITE_CONFIG_MEMSTATUS took)");
	/*
	 * index-mem rounds 1,100 bytes (and its header) up to its class of
	 * 1,280; SQLite's malloc to 1,104.  (None under a sanitizer, whose
	 * checks the blocks would hide: ix_sqlite_arena() says 0 there.)
	 */
	arena = sqlite3_msize(p) > 1200;
#ifdef SANITIZED
	ok(!arena, "under a sanitizer SQLite keeps malloc");
#else
	ok(arena, "SQLite's memory comes from index-mem's blocks (SQLITE_CONFIG_MALLOC took)");
#endif
	sqlite3_free(p);
	ok(sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK &&
	   sqlite3_prepare_v2(db, "SELECT zdh_name_key('Ab')", -1, &s, NULL) == SQLITE_OK &&
	   sqlite3_step(s) == SQLITE_ROW && sqlite3_column_text(s, 0),
	   "zdh_name_key() is there in a connection opened after");
	sqlite3_finalize(s);
	sqlite3_close(db);
	return done_testing();
}

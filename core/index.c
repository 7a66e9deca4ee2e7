/*
 * index — owns index.db (DESIGN §1–2): a cache of the logs, shaped for
 * queries.  This file opens it, keeps its schema current and closes it;
 * the module's other jobs have files of their own, which share
 * core/index-internal.h: ids and tips (index-ids.c), rows and transactions
 * (index-write.c), the fold (index-fold.c), catch-up and rebuild
 * (index-catchup.c), the record kinds' part (index-kinds.c) and queries
 * (index-query.c).
 *
 * It must never be the only copy of anything: all of it is derived from
 * the logs, and a missing or foreign index.db is simply rebuilt.
 */

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "error.h"
#include "i18n.h"
#include "index-internal.h"
#include "lockfile.h"
#include "objects.h"
#include "output.h"
#include "repo.h"
#include "sha1.h"

/*
 * Checkpoints.  Every zdh process opens the index once and writes at most
 * one transaction, and the first connection to a WAL database reads the
 * whole WAL to rebuild its shared index.  So the WAL must stay short, and
 * a checkpoint at every close (SQLite's default) costs two fsyncs that a
 * one-event command cannot afford.  zdh turns both automatic behaviours
 * off and, when closing, checkpoints and truncates the WAL once it holds
 * more than WAL_MAX_FRAMES pages: the cost is paid every few dozen writes.
 */
#define WAL_MAX_FRAMES 128

static int wal_hook(void *payload, sqlite3 *db, const char *name, int frames)
{
	(void)db;
	(void)name;
	((struct zdh_index *)payload)->wal_frames = frames;
	return SQLITE_OK;
}

/* The statements of the fold, prepared once each (ix_cached()). */
#define INSERT_EVENT \
	" INTO events(seq, id, replica, clock, kind, record, op, actor_name, actor_email," \
	" actor_dept, happened, happened_off, recorded, recorded_off, seen, summary, data," \
	" tree, effect, note)" \
	" VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19,?20)"
const char ix_sql_insert_event[] = "INSERT OR IGNORE" INSERT_EVENT;
/*
 * a bulk transaction's (see "Bulk writes"): a duplicate fails the
 * transaction.  OR FAIL, not the default ABORT: a statement that may
 * abort half done and writes many rows (rowq's, CHUNK rows a statement)
 * keeps a statement journal, every page it touches copied first, where a
 * failure here fails the whole transaction anyway.  With the facts' below
 * and rowq's chunks of 8, 4 and 2 rows, the thread inserting an import of
 * 6,000 visits went from 438 to 394 million instructions; the records'
 * below, 2,160 instructions an issue of an import.
 */
const char ix_sql_insert_event_bulk[] = "INSERT OR FAIL" INSERT_EVENT;
const char ix_sql_get_record[] =
	"SELECT state, head, head_clock, head_replica, events, setters, conflicts, created,"
	" updated FROM records WHERE kind = ?1 AND prefix = ?3 AND n = ?4 AND id = ?2";
#define INTO_RECORDS \
	" INTO records(kind, id, prefix, n, state, head, head_clock," \
	" head_replica, events, setters, conflicts, created, updated, p1, p2, p3, p4, p5, p6, p7, p8)" \
	" VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19,?20,?21)"
const char ix_sql_put_record[] = "INSERT OR REPLACE" INTO_RECORDS;
/*
 * a bulk transaction's record that has no row yet (ROW_RECORD_NEW: the
 * fold read none, nor stored it since): inserted, not replaced, so with
 * no statement journal (REPLACE aborts on a NOT NULL, see above)
 */
const char ix_sql_insert_record_bulk[] = "INSERT OR FAIL" INTO_RECORDS;
#define INTO_FACTS \
	" INTO facts(kind, record, prefix, n, clock, replica, id, op, happened, recorded," \
	" effect, f1, f2, f3, f4, f5, f6, f7, f8)" \
	" VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19)"
const char ix_sql_put_fact[] = "INSERT OR REPLACE" INTO_FACTS;
/*
 * a bulk transaction's facts of an event folded for the first time (its
 * row inserted by the same fold): new, so not replaced, and no statement
 * journal either (REPLACE aborts on a NOT NULL, see above)
 */
const char ix_sql_insert_fact_bulk[] = "INSERT OR FAIL" INTO_FACTS;
const char ix_sql_set_effect[] = "UPDATE events SET effect = ?2, note = ?3 WHERE seq = ?1";
const char ix_sql_event_by_seq[] = "SELECT id, replica, clock FROM events WHERE seq = ?1";
const char ix_sql_event_seen[] = "SELECT seen, replica, clock FROM events WHERE clock = ?1 AND id = ?2";
const char ix_sql_counter[] =
	"INSERT INTO counters(kind, prefix, n) VALUES(?1, ?2, ?3)"
	" ON CONFLICT(kind, prefix) DO UPDATE SET n = max(n, excluded.n)";

/*
 * Records are a rowid table with their key as a unique index, so that a
 * rebuild appends them; setters name events by seq, not by id (a fifth
 * of a record's bytes otherwise).  p1..p8 are the fields each kind
 * projects (kind.h, struct zdh_field), in the order it declares them,
 * named by the kind's view records_<kind> (ix_kinds_schema()): plain
 * columns, since an index on json_extract() parsed the state again for
 * every index at every store (a tenth of an import).  facts holds what
 * the kinds declare of each event (kind.h, struct zdh_fact), f1..f8 named
 * by the view facts_<kind>, keyed by the record's place (its prefix and n
 * first, as records_key) and then fold order: a report reads a kind's
 * events record by record in the table's own order, with no JSON to
 * parse, and an import's facts, of records numbered on, go to its end
 * (keyed by the id's text, BN-10 before BN-2, each went to a page of its
 * own: 4,000 instructions an issue on the rows thread).
 */
const char ix_schema_sql[] =
	"CREATE TABLE logs(replica TEXT PRIMARY KEY, tip TEXT NOT NULL, clock INTEGER NOT NULL)"
	" WITHOUT ROWID;"
	"CREATE TABLE events(seq INTEGER PRIMARY KEY, id BLOB NOT NULL,"
	" replica TEXT NOT NULL, clock INTEGER NOT NULL, kind TEXT NOT NULL,"
	" record TEXT NOT NULL, op TEXT NOT NULL, actor_name TEXT NOT NULL,"
	" actor_email TEXT NOT NULL, actor_dept TEXT, happened INTEGER NOT NULL,"
	" happened_off INTEGER NOT NULL, recorded INTEGER NOT NULL,"
	" recorded_off INTEGER NOT NULL, seen BLOB, summary TEXT,"
	" data TEXT NOT NULL, tree TEXT, effect INTEGER, note TEXT);"
	"CREATE TABLE records(kind TEXT NOT NULL, id TEXT NOT NULL, prefix TEXT NOT NULL,"
	" n INTEGER NOT NULL, state TEXT NOT NULL, head TEXT NOT NULL,"
	" head_clock INTEGER NOT NULL, head_replica TEXT NOT NULL, events INTEGER NOT NULL,"
	" setters TEXT, conflicts TEXT, created INTEGER NOT NULL, updated INTEGER NOT NULL,"
	" p1, p2, p3, p4, p5, p6, p7, p8);"
	"CREATE UNIQUE INDEX records_key ON records(kind, prefix, n, id);"
	"CREATE TABLE counters(kind TEXT NOT NULL, prefix TEXT NOT NULL, n INTEGER NOT NULL,"
	" PRIMARY KEY(kind, prefix)) WITHOUT ROWID;"
	"CREATE TABLE kinds(name TEXT PRIMARY KEY, fingerprint TEXT NOT NULL,"
	" objects TEXT NOT NULL) WITHOUT ROWID;"
	"CREATE TABLE facts(kind TEXT NOT NULL, record TEXT NOT NULL, prefix TEXT NOT NULL,"
	" n INTEGER NOT NULL, clock INTEGER NOT NULL,"
	" replica TEXT NOT NULL, id BLOB NOT NULL, op TEXT NOT NULL, happened INTEGER NOT NULL,"
	" recorded INTEGER NOT NULL, effect INTEGER NOT NULL, f1, f2, f3, f4, f5, f6, f7, f8,"
	" PRIMARY KEY(kind, prefix, n, record, clock, replica, id)) WITHOUT ROWID;"
	"CREATE TABLE summaries_due(kind TEXT NOT NULL, record TEXT NOT NULL,"
	" PRIMARY KEY(kind, record)) WITHOUT ROWID;";

/*
 * The secondary indexes, apart from the tables: a rebuild from nothing
 * drops them, loads and folds the events, and creates them at the end.
 * Sorting once is far cheaper than inserting a million random keys into
 * b-trees larger than the cache (a reindex of a million events: 199 s
 * with them in place).  records_key stays: the fold looks records up.
 * The fold order (clock, replica, id) needs no index of its own: a
 * rebuild reads each log's rows backwards, a catch-up sorts its few new
 * rows, and the highest clock is kept with each log's tip.
 */
/*
 * An event's row is found by its clock and id, not its id alone: ids are
 * hashes, so new events went into events_id at random places, one page
 * each (a pull of 1,000 new events into 100,000 changed 821 of its pages,
 * 70 % of the 1,172 it wrote, each written twice, to the WAL and back),
 * where clocks grow: new events go at its end.  The clock is the event's
 * (0 for a commit that is not an event), so one id has one key, and one
 * row (INSERT OR IGNORE).  A conflict keeps the clocks of its sides; a
 * seen chain reads each clock from the commit, or from what the open
 * transaction wrote (ix_event_clock()).
 */
static const char id_index_sql[] = "CREATE UNIQUE INDEX events_id ON events(clock, id);";
static const char fold_index_sql[] = "CREATE INDEX events_fold ON events(record, clock);";
static const char other_indexes_sql[] = "CREATE INDEX events_happened ON events(happened);";

/*
 * What SQLite's planner is told of records' indexes, in place of
 * statistics ANALYZE would measure: that a kind is a twentieth of the
 * records (records_key's 50,000 of 1,000,000), and that each kind's own
 * index holds its kind's records, as many (its first figure: the others
 * are SQLite's defaults).  So a query of one kind reads it by records_key
 * where no index of its own serves (a kind with no records has none yet,
 * see "Kinds without records"; a field no index covers), and by its own
 * index where one does: records_issue_dept for "dept IN (...)",
 * records_meeting_date for a range of days or their order.  Before, a
 * kind was said to be every record, for its own indexes' sake (SQLite
 * gave them half the table, and "kind = ?" ten rows: it read every issue
 * for an inbox of one department); but then a query of a kind no index
 * served read every record of every kind (SCAN records): an org list, a
 * council's meetings, a count of what names an org among 100,000 issues
 * and no council or offer at all.  (Every statement the tests prepare,
 * planned over each kind's indexes and over none: only those reads
 * changed, from SCAN records to records_key.)  Fixed figures, not
 * measured ones, so that every replica plans alike whatever it holds;
 * written again whenever those indexes or a kind's are made (dropping an
 * index drops its row).
 */
const char ix_stats_sql[] =
	"ANALYZE sqlite_schema;"
	"DELETE FROM sqlite_stat1 WHERE tbl = 'records';"
	"INSERT INTO sqlite_stat1(tbl, idx, stat) VALUES"
	" ('records', 'records_key', '1000000 50000 10 1 1');"
	"INSERT INTO sqlite_stat1(tbl, idx, stat) SELECT 'records', name, '50000'"
	" FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'records'"
	" AND name != 'records_key';";

/*
 * Event ids (id, seen) are kept as their 20 bytes: a fifth of an event's
 * row, and most of events_id.  Anything that is not an id would be kept
 * as text, and so equal to no id.
 */
int ix_oid_raw(unsigned char raw[ZDH_OID_RAWSZ], const char *hex)
{
	/* (zdh_oid_fromhex() takes 40 digits and the string's end: nothing shorter, nothing longer) */
	return hex && !zdh_oid_fromhex(raw, hex);
}

void ix_bind_oid(sqlite3_stmt *s, int i, const char *hex)
{
	unsigned char raw[ZDH_OID_RAWSZ];

	if (!hex)
		return;
	if (ix_oid_raw(raw, hex))
		sqlite3_bind_blob(s, i, raw, ZDH_OID_RAWSZ, SQLITE_TRANSIENT);
	else
		sqlite3_bind_text(s, i, hex, -1, SQLITE_TRANSIENT);
}

void ix_bind_place(sqlite3_stmt *s, int i, const char *kind, const char *id)
{
	const struct zdh_kind *k = zdh_kind_find(kind);
	char prefix[IX_PREFIX_SIZE];
	long long n = ix_record_place(id, k ? k->letter : 0, prefix, sizeof(prefix));

	sqlite3_bind_text(s, i, prefix, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, i + 1, n);
}

/* Column i as 40 hex digits ("" when NULL). */
void ix_column_oid_typed(sqlite3_stmt *s, int i, int type, char out[ZDH_OID_HEXSZ + 1])
{
	if (type == SQLITE_BLOB && sqlite3_column_bytes(s, i) == ZDH_OID_RAWSZ)
		zdh_oid_tohex(out, sqlite3_column_blob(s, i));
	else
		snprintf(out, ZDH_OID_HEXSZ + 1, "%s", type == SQLITE_NULL ? "" :
			 (const char *)sqlite3_column_text(s, i));
}

void ix_column_oid(sqlite3_stmt *s, int i, char out[ZDH_OID_HEXSZ + 1])
{
	ix_column_oid_typed(s, i, sqlite3_column_type(s, i), out);
}

int ix_db_error(struct zdh_index *idx, const char *what)
{
	return zdh_error_set(ZDH_ERROR, _("index: %s: %s"), what, zdh_db_errmsg(idx->db));
}

int ix_exec(struct zdh_index *idx, const char *sql)
{
	char *msg = NULL;

	if (sqlite3_exec(idx->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		int err = zdh_error_set(ZDH_ERROR, _("index: %s"), msg ? msg : "error");
		sqlite3_free(msg);
		return err;
	}
	return 0;
}

/* Run sql with ?1 bound to text a. */
int ix_exec_bind(struct zdh_index *idx, const char *sql, const char *a)
{
	sqlite3_stmt *s;
	int rc;

	if (sqlite3_prepare_v2(idx->db, sql, -1, &s, NULL))
		return ix_db_error(idx, "prepare");
	sqlite3_bind_text(s, 1, a, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : ix_db_error(idx, "step");
}

/* 0, or SQLite's (primary) result code. */
int ix_pragma_int(struct zdh_index *idx, const char *sql, long long *out)
{
	sqlite3_stmt *s;
	int rc;

	*out = 0;
	if ((rc = sqlite3_prepare_v2(idx->db, sql, -1, &s, NULL)) != SQLITE_OK)
		return rc & 0xff;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : rc & 0xff;
}

/*
 * For trace_plan: "reads records whole" (or another table of the main
 * database) for each loop of the statement run that steps through every
 * row of that table, as SQLite marks a full scan's step in its bytecode
 * (SQLITE_STMTSTATUS_FULLSCAN_STEP): the plan says "SCAN r" for a table
 * read under an alias, and a test would have to know every alias.
 */
static void trace_whole(sqlite3 *db, const char *run)
{
	struct zdh_buf q = ZDH_BUF_INIT;
	json_t *tables = json_object();	/* root page -> table */
	const char *on[256] = { NULL };
	sqlite3_stmt *s;

	if (sqlite3_prepare_v2(db, "SELECT rootpage, name FROM sqlite_schema WHERE type = 'table'",
			       -1, &s, NULL) == SQLITE_OK) {
		while (sqlite3_step(s) == SQLITE_ROW)
			json_object_set_new(tables, (const char *)sqlite3_column_text(s, 0),
					    json_string((const char *)sqlite3_column_text(s, 1)));
		sqlite3_finalize(s);
	}
	zdh_buf_addf(&q, "EXPLAIN %s", run);
	if (sqlite3_prepare_v2(db, q.ptr, -1, &s, NULL) == SQLITE_OK) {
		while (sqlite3_step(s) == SQLITE_ROW) {
			const char *op = (const char *)sqlite3_column_text(s, 1);
			int cursor = sqlite3_column_int(s, 2);

			if (cursor < 0 || cursor >= 256)
				continue;
			/* (p3 0: of the main database) */
			if (!strcmp(op, "OpenRead"))
				on[cursor] = sqlite3_column_int(s, 4) ? NULL :
					json_string_value(json_object_get(tables,
						(const char *)sqlite3_column_text(s, 3)));
			else if ((!strcmp(op, "Next") || !strcmp(op, "Prev")) && on[cursor] &&
				 sqlite3_column_int(s, 6) == SQLITE_STMTSTATUS_FULLSCAN_STEP)
				fprintf(stderr, "zdh: plan: reads %s whole\n", on[cursor]);
		}
		sqlite3_finalize(s);
	}
	zdh_buf_release(&q);
	json_decref(tables);
}

/*
 * ZDH_TRACE_PLAN set: print on stderr the statement as written and then
 * SQLite's EXPLAIN QUERY PLAN of what is prepared for it, one step a line
 * indented by its depth, so that a test sees the plan zdh itself runs
 * (which index a query uses, whether it sorts) and not that of a copy.
 */
static void trace_plan(sqlite3 *db, const char *sql, const char *run)
{
	static int on = -1;
	struct zdh_buf q = ZDH_BUF_INIT;
	int id[64], depth[64], n = 0;
	sqlite3_stmt *s;

	if (on < 0)
		on = getenv("ZDH_TRACE_PLAN") != NULL;
	if (!on)
		return;
	fputs("zdh: plan: ", stderr);
	for (const char *p = sql; *p; p++)
		fputc(*p == '\n' || *p == '\t' ? ' ' : *p, stderr);
	fputc('\n', stderr);
	zdh_buf_addf(&q, "EXPLAIN QUERY PLAN %s", run);
	if (sqlite3_prepare_v2(db, q.ptr, -1, &s, NULL) == SQLITE_OK) {
		while (sqlite3_step(s) == SQLITE_ROW) {
			int parent = sqlite3_column_int(s, 1), d = 1;
			for (int i = 0; i < n; i++)
				if (id[i] == parent)
					d = depth[i] + 1;
			if (n < 64) {
				id[n] = sqlite3_column_int(s, 0);
				depth[n++] = d;
			}
			fprintf(stderr, "zdh: plan: %*s%s\n", 2 * d, "",
				(const char *)sqlite3_column_text(s, 3));
		}
		sqlite3_finalize(s);
	}
	zdh_buf_release(&q);
	trace_whole(db, run);
}

/* sqlite3_prepare_v3 of sql with the views it reads put in (zdh_index_expand_views). */
static int prepare_expanded(sqlite3 *db, const char *sql, unsigned flags, sqlite3_stmt **s)
{
	struct zdh_buf x = ZDH_BUF_INIT;
	const char *run = zdh_index_expand_views(&x, sql) ? x.ptr : sql;
	int rc = sqlite3_prepare_v3(db, run, -1, flags, s, NULL);

	if (rc == SQLITE_OK)
		trace_plan(db, sql, run);
	zdh_buf_release(&x);
	return rc;
}

/*
 * clear: its parameters set back to NULL; else (kept not NULL) the caller
 * binds each of them through rows made with *kept (zdh_row_direct_kept).
 */
static sqlite3_stmt *cached(struct zdh_index *idx, const char *sql, int clear,
			    struct zdh_bound **kept)
{
	sqlite3_stmt *s;

	for (size_t i = 0; i < idx->ncache; i++)
		if (idx->cache[i].sql == sql) {
			s = idx->cache[i].st;
			sqlite3_reset(s);
			if (clear)
				sqlite3_clear_bindings(s);
			/* (one statement is cleared by its callers or kept by them, never both) */
			ZDH_ASSERT(!kept == !idx->cache[i].kept);
			if (kept)
				*kept = idx->cache[i].kept;
			return s;
		}
	if (prepare_expanded(idx->db, sql, SQLITE_PREPARE_PERSISTENT, &s) != SQLITE_OK) {
		ix_db_error(idx, "prepare");
		return NULL;
	}
	if (idx->ncache == idx->alloc_cache) {
		idx->alloc_cache = idx->alloc_cache ? 2 * idx->alloc_cache : 16;
		idx->cache = zdh_realloc(idx->cache, idx->alloc_cache * sizeof(*idx->cache));
	}
	idx->cache[idx->ncache].sql = sql;
	idx->cache[idx->ncache].kept = kept ? zdh_bound_new(sqlite3_bind_parameter_count(s)) : NULL;
	if (kept)
		*kept = idx->cache[idx->ncache].kept;
	idx->cache[idx->ncache++].st = s;
	return s;
}

sqlite3_stmt *ix_cached(struct zdh_index *idx, const char *sql)
{
	return cached(idx, sql, 1, NULL);
}

/*
 * The same for a caller that binds every parameter before each step (the
 * rows of core/rowq.c): clearing the twenty of an event's row first cost
 * 600 instructions a row, three rows an event folded.  *kept is what the
 * statement holds bound, for zdh_row_direct_kept(): a value the row
 * before bound at the same place is not bound again.
 */
sqlite3_stmt *ix_cached_bound(struct zdh_index *idx, const char *sql, struct zdh_bound **kept)
{
	return cached(idx, sql, 0, kept);
}

void ix_close_db(struct zdh_index *idx)
{
	ix_join_writeback(idx);	/* (its descriptor is SQLite's: joined before the close) */
	ix_touched_forget(idx);
	idx->kinds_indexed = 0;
	if (idx->db && idx->wal_frames > WAL_MAX_FRAMES) {
		double mark = 0;

		zdh_trace("index", NULL, &mark);
		sqlite3_wal_checkpoint_v2(idx->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
		zdh_trace("index", "checkpoint", &mark);
	}
	for (size_t i = 0; i < idx->ncache; i++) {
		sqlite3_finalize(idx->cache[i].st);
		free(idx->cache[i].kept);
	}
	idx->ncache = 0;
	free(idx->cache);
	idx->cache = NULL;
	idx->alloc_cache = 0;
	sqlite3_close(idx->db);
	idx->db = NULL;
	idx->nrefused_again = idx->nlifted = 0;	/* (their temporary tables went with it) */
}

/* Remove the WAL and shared-memory files of the database at path. */
void ix_remove_logs(const char *path)
{
	char *p = zdh_asprintf("%s-wal", path);

	unlink(p);
	free(p);
	p = zdh_asprintf("%s-shm", path);
	unlink(p);
	free(p);
}

void ix_remove_files(const char *path)
{
	unlink(path);
	ix_remove_logs(path);
}

/*
 * SQLite's process-wide settings, before its first connection (after
 * that sqlite3_config() refuses, harmlessly).  No memory statistics: zdh
 * never asks for them, and keeping them costs a mutex and two counters
 * at every allocation, and Debian's SQLite has no lookaside (a fifth of
 * the instructions of reading the schema).  Statement journals in
 * memory: a statement of several rows (core/rowq.c) keeps one, the pages
 * it changed, which past 64 KiB went to a temporary file (an import of
 * 30,000 issues made 164,800 pwrite()s instead of 7,800); it never holds
 * more than one statement's pages.
 */
static int arena_blocks;	/* 0: SQLite's memory from malloc */

void zdh_index_short_command(void)
{
	arena_blocks = 1;
}

/*
 * An import's page cache is megabytes of pages first touched: up to 8
 * blocks, 16 MiB, the page cache's 8,000 KiB (CACHE_SIZE) and what its
 * size classes round up.
 */
void zdh_index_bulk_command(void)
{
	arena_blocks = 8;
}

/* (memory statistics cost a mutex and two counters at each allocation: only here) */
static int count_memory;

void zdh_index_query_command(void)
{
	count_memory = 1;
}

/* zdh_name_key(name) in SQL: NULL for NULL; a number or blob as its text. */
static void name_key_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const char *name = (const char *)sqlite3_value_text(argv[0]);
	char *key;

	(void)argc;
	if (!name)
		return;
	key = zdh_name_key(name);
	sqlite3_result_text(ctx, key, -1, free);
}

/*
 * zdh_id_prefix(kind, id) and zdh_id_n(kind, id) in SQL: a record's
 * prefix and n as its row holds them (ix_record_place), so that a query
 * finds a record by id in records_key (ZDH_SQL_ID_IS, core/index-db.h).
 * NULL for a NULL id.
 */
static void id_place_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const char *kind = (const char *)sqlite3_value_text(argv[0]);
	const char *id = (const char *)sqlite3_value_text(argv[1]);
	const struct zdh_kind *k = kind ? zdh_kind_find(kind) : NULL;
	char prefix[IX_PREFIX_SIZE];
	long long n;

	(void)argc;
	if (!id)
		return;
	n = ix_record_place(id, k ? k->letter : 0, prefix, sizeof(prefix));
	if (sqlite3_user_data(ctx))
		sqlite3_result_int64(ctx, n);
	else
		sqlite3_result_text(ctx, prefix, -1, SQLITE_TRANSIENT);
}

/*
 * Every connection this process opens (index.db's, a rebuild's, report
 * sql's, a private copy's) has zdh_name_key(): the kinds' indexes of
 * names that look alike are on it (zdh-repository(5), INDEX), so a
 * connection without it could not write records.  And zdh_id_prefix()
 * and zdh_id_n(), with which queries find records by id.
 */
static int name_key_init(sqlite3 *db, char **msg, const struct sqlite3_api_routines *api)
{
	static int n_flag = 1;
	const int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;

	(void)msg;
	(void)api;
	return sqlite3_create_function(db, "zdh_name_key", 1, flags, NULL, name_key_fn, NULL, NULL) ||
	       sqlite3_create_function(db, "zdh_id_prefix", 2, flags, NULL, id_place_fn, NULL, NULL) ||
	       sqlite3_create_function(db, "zdh_id_n", 2, flags, &n_flag, id_place_fn, NULL, NULL);
}

void ix_sqlite_setup(void)
{
	static int done;

	if (done)
		return;
	done = 1;
	if (arena_blocks)
		ix_sqlite_arena(arena_blocks);
	/*
	 * (first: sqlite3_auto_extension() below starts SQLite, and a
	 * setting after that is refused; so it was from 5c8119c, every
	 * command on malloc with the statistics kept, an import's rows
	 * thread 1,500 page faults more)
	 */
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, count_memory);
	sqlite3_config(SQLITE_CONFIG_STMTJRNL_SPILL, -1);
	sqlite3_auto_extension((void (*)(void))name_key_init);
	ix_vfs_register();
}

/*
 * Open index.db and say what it holds; SQLITE_CANTOPEN, nothing said,
 * when it is not there and create is 0 (see use_index).
 */
int ix_open_db(struct zdh_index *idx, int *what, int create)
{
	long long appid = 0, version = 0, tables = 0;
	int rc;

	ix_sqlite_setup();

	/*
	 * Serialized only when a bulk transaction will insert its events on a
	 * second thread: in that mode every sqlite3_column_*() call takes the
	 * connection's mutex, a fifth of a full `issue list`.
	 */
	rc = sqlite3_open_v2(idx->path, &idx->db,
			     (idx->readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE |
			      (create ? SQLITE_OPEN_CREATE : 0)) |
			     (idx->repo && idx->repo->index_threads ? SQLITE_OPEN_FULLMUTEX :
			      SQLITE_OPEN_NOMUTEX),
			     idx->repo && idx->repo->index_threads ? ix_vfs_name() : NULL);
	if (rc == SQLITE_CANTOPEN && !create && access(idx->path, F_OK) < 0 && errno == ENOENT) {
		ix_close_db(idx);
		return SQLITE_CANTOPEN;
	}
	if (rc != SQLITE_OK && idx->readonly) {
		ix_close_db(idx);
		*what = DB_GARBAGE;	/* (not to be read as it is: a private one made) */
		return 0;
	}
	if (rc != SQLITE_OK)
		return ix_db_error(idx, _("cannot open index.db"));
	/* (index.db opened read-only by SQLite, though asked to write: "Read-only repositories") */
	if (!idx->readonly && idx->reader && !idx->private_dir &&
	    sqlite3_db_readonly(idx->db, "main") == 1)
		idx->readonly = 1;
	sqlite3_busy_timeout(idx->db, 30000);
	/* see "Checkpoints" above */
	sqlite3_db_config(idx->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
	/* (this also turns the automatic checkpoints off) */
	sqlite3_wal_hook(idx->db, wal_hook, idx);
	ix_persist_wal(idx, 1);
	sqlite3_extended_result_codes(idx->db, 1);
	rc = ix_pragma_int(idx, "PRAGMA application_id", &appid);
	if (!rc)
		rc = ix_pragma_int(idx, "PRAGMA user_version", &version);
	if (!rc)
		rc = ix_pragma_int(idx, "SELECT count(*) FROM sqlite_master", &tables);
	/*
	 * (read-only: also a WAL it cannot read, or a rollback journal left
	 * by a crash that it cannot roll back, SQLITE_READONLY_ROLLBACK)
	 */
	if (rc == SQLITE_NOTADB || rc == SQLITE_CORRUPT || (rc && idx->readonly)) {
		*what = DB_GARBAGE;
		return 0;
	}
	if (rc)
		return ix_db_error(idx, _("cannot read index.db"));
	if (appid == ZDH_INDEX_APPLICATION_ID && version == ZDH_INDEX_SCHEMA_VERSION)
		*what = DB_CURRENT;
	else
		*what = tables ? DB_OLD : DB_EMPTY;
	return 0;
}

/* Drop every secondary index (of events, records, the kinds' tables) but records_key (inside a transaction). */
int ix_drop_indexes(struct zdh_index *idx)
{
	struct zdh_buf sql = ZDH_BUF_INIT;
	sqlite3_stmt *s;
	int err;

	/* (the kinds' indexes over their own tables too: ix_create_indexes makes them again) */
	if (sqlite3_prepare_v2(idx->db, "SELECT name FROM sqlite_master WHERE type = 'index'"
			       " AND sql IS NOT NULL AND name != 'records_key'", -1, &s, NULL))
		return ix_db_error(idx, "schema");
	while (sqlite3_step(s) == SQLITE_ROW)
		zdh_buf_addf(&sql, "DROP INDEX \"%s\";", (const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	err = sql.len ? ix_exec(idx, sql.ptr) : 0;
	zdh_buf_release(&sql);
	if (!err)
		idx->id_index = idx->fold_index = 0;
	idx->kinds_indexed = 0;
	return err;
}

/*
 * During a rebuild: events_id and events_fold, made when a lookup first
 * needs them (a conflict between replicas, an event out of order); so is
 * events_fold during an import that made it wait (ix_defer_fold_index).
 */
static int need_index(struct zdh_index *idx, int *made, const char *sql)
{
	int err;

	if (!(idx->rebuilding || idx->events_deferred) || *made)
		return 0;
	if (!(err = ix_exec(idx, sql)))
		*made = 1;
	return err;
}

int ix_need_id_index(struct zdh_index *idx)
{
	return need_index(idx, &idx->id_index, id_index_sql);
}

int ix_need_fold_index(struct zdh_index *idx)
{
	return need_index(idx, &idx->fold_index, fold_index_sql);
}

int ix_index_exists(void *payload, const char *name)
{
	struct zdh_index *idx = payload;
	sqlite3_stmt *s = ix_cached(idx, "SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?1");
	int found;

	if (!s)
		return 0;
	sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
	found = sqlite3_step(s) == SQLITE_ROW;
	sqlite3_reset(s);	/* not left reading the schema the caller then changes */
	return found;
}

/*
 * Does the index hold a record of kind k?  A seek in records_key, named:
 * a write that stores a new record asks once, and planning the statement
 * against every partial index on records was a third of its cost
 * (ix_kind_indexes() of an issue add: 31,300 instructions, 23,200 so).
 */
static int kind_has_records(struct zdh_index *idx, const struct zdh_kind *k)
{
	sqlite3_stmt *s = ix_cached(idx, "SELECT 1 FROM records INDEXED BY records_key"
				    " WHERE kind = ?1 LIMIT 1");
	int found;

	if (!s)
		return 1;
	sqlite3_bind_text(s, 1, k->name, -1, SQLITE_STATIC);
	found = sqlite3_step(s) == SQLITE_ROW;
	sqlite3_reset(s);
	return found;
}

int zdh_index_kind_empty(struct zdh_index *idx, const char *kind)
{
	static const char sql[] = "SELECT 1 FROM records INDEXED BY records_key"
				  " WHERE kind = ?1 LIMIT 1";
	sqlite3_stmt *s = zdh_index_cached_kind(idx, sql, kind);
	int rc;

	if (!s)
		return 0;
	sqlite3_bind_text(s, 1, kind, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	return rc == SQLITE_DONE;
}

/*
 * Kinds without records.  Each of a kind's indexes on records is partial
 * (WHERE kind = 'meeting'), and SQLite makes one by reading every row of
 * the table: the 14 of the kinds a repository of 100,000 issues never used
 * cost 759 million instructions of the 7,429 its indexes take (the sqlite3
 * shell making them, one thread), and its reindex 107,900 of its 224,000
 * pread()s, to make empty indexes.  A rebuild makes none for a kind
 * without records; they
 * are made (ix_kind_indexes) before the kind's first record is stored,
 * in the transaction that stores it, once.  So a kind that has records
 * has its indexes, and only a kind without any may lack them: a query of
 * it finds no rows either way.  (Made before the fold instead, when
 * records is empty, each insert into records weighs their WHERE: the
 * fold cost as much more as the indexes saved.)
 */
int ix_kind_indexes(struct zdh_index *idx, const struct zdh_kind *k)
{
	struct zdh_buf sql = ZDH_BUF_INIT;
	int i = ix_kind_place(k), err = 0;

	if (!k->index_sql || (idx->kinds_indexed & (1ULL << i)))
		return 0;
	if (!kind_has_records(idx, k)) {
		ix_kind_indexes_sql(&sql, k, 1, ix_index_exists, idx);
		if (sql.len) {
			zdh_buf_puts(&sql, ix_stats_sql);
			if (!(err = zdh_index_settle(idx)))
				err = ix_exec(idx, sql.ptr);
		}
	}
	zdh_buf_release(&sql);
	if (!err)
		idx->kinds_indexed |= 1ULL << i;
	return err;
}

/*
 * A bulk transaction into an index that holds no event yet (the first
 * import of a new repository): events_fold, whose keys come in no order
 * (record ids as text: XQ-1, XQ-10, XQ-100 ...), is made at its end,
 * sorted, as a rebuild makes it, or when a lookup first needs it (the
 * same ix_need_fold_index()).  Inserted row by row it was a fifth of the
 * rows thread's work, which bounds the import while it reads its file.
 * (events_id stays: its clocks grow, so its rows go at its end, and it
 * refuses a duplicate as the rows go in.)  Inside the transaction: a
 * rollback brings it back.
 */
int ix_defer_fold_index(struct zdh_index *idx)
{
	int err;

	if (idx->rebuilding || idx->events_deferred)
		return 0;
	if (!(err = ix_exec(idx, "DROP INDEX events_fold"))) {
		idx->id_index = 1;
		idx->fold_index = 0;
		idx->events_deferred = 1;
	}
	return err;
}

/*
 * A whole table read once (an index made, every summary): through the
 * page cache, not the map, whose every page read would stay in the
 * resident size.  ix_map_off() returns what ix_map_back() puts back (a
 * rebuild maps nothing).
 */
long long ix_map_off(struct zdh_index *idx)
{
	long long map = 0;

	ix_pragma_int(idx, "PRAGMA mmap_size", &map);
	ix_exec(idx, "PRAGMA mmap_size = 0");
	return map;
}

void ix_map_back(struct zdh_index *idx, long long map)
{
	char *set = zdh_asprintf("PRAGMA mmap_size = %lld", map);

	ix_exec(idx, set);
	free(set);
}

int ix_make_fold_index(struct zdh_index *idx)
{
	long long map;
	int err;

	if (!idx->events_deferred)
		return 0;
	map = ix_map_off(idx);
	if (!(err = ix_need_fold_index(idx)))
		idx->events_deferred = 0;
	ix_map_back(idx, map);
	return err;
}

/*
 * A rebuild's indexes on records made before its fold, while records is
 * empty: the fold's inserts fill them, and no index of them reads the
 * whole table at the end.  SQLite makes an index by reading every row of
 * its table, and a kind's are partial (WHERE kind = 'org', the inbox's
 * AND status IN ('claimed', 'escalated')): a reindex of 1,000,001 events
 * (250,000 issues, one org) read records (122 MB) once for each of its
 * nine, 0.04 to 0.06 s each for the five that hold (nearly) nothing,
 * records_org_*, records_issue_mentions, _links and _inbox, nearly all of
 * it reading records; made before the fold, the main thread's indexes
 * took 1.28 to 1.51 s of CPU instead of 1.51 to 1.71 (five reindexes
 * each, in turn, a busy machine), the fold's CPU the same.  An index that
 * grows large is another matter: its rows inserted one by one into a
 * b-tree larger than the page cache, at places all over it, cost far more
 * than the sort at the end (the 199 s above).  How
 * many rows each will hold is not known before the fold, so each is
 * looked at as the fold goes (ix_premade_check): one whose pages, at the
 * pace they came so far, would pass PREMADE_MAX by the fold's end is
 * dropped then, and made at the end, sorted, as any other.  Only the
 * kinds the walk met: the WHERE of every index of records is weighed at
 * each insert (see ix_kind_indexes).  A kind met but left without records
 * (its events all refused) loses them at the end, as it never had them.
 */
struct ix_premade {
	const struct zdh_kind *kind;
	char *name;		/* NULL: dropped */
};

/*
 * A quarter of the fold's page cache (CACHE_SIZE): an index up to this
 * size stays in the cache however its rows come.  ZDH_TEST_PREMADE_MAX
 * (bytes) for the tests, which hold a few hundred records.
 */
#define PREMADE_MAX (2 * 1024 * 1024)

void ix_kind_seen(struct zdh_index *idx, const struct zdh_kind *k)
{
	/* (an event of the kind before is the common case: no search of zdh_kinds) */
	if (!k || k == idx->seen_last)
		return;
	idx->seen_last = k;
	idx->kinds_seen |= 1ULL << ix_kind_place(k);
}

struct premake {
	struct zdh_index *idx;
	const struct zdh_kind *kind;
};

/* ix_kind_indexes_sql()'s question, to keep the name of each index it makes */
static int premade_keep(void *payload, const char *name)
{
	struct premake *pm = payload;
	struct zdh_index *idx = pm->idx;

	idx->premade = zdh_realloc(idx->premade, (idx->npremade + 1) * sizeof(*idx->premade));
	idx->premade[idx->npremade].kind = pm->kind;
	idx->premade[idx->npremade++].name = zdh_strdup(name);
	return 0;	/* (made) */
}

/* Is name an index made before the fold, and still there? (payload: the struct zdh_index) */
static int premade_has(void *payload, const char *name)
{
	struct zdh_index *idx = payload;

	for (size_t i = 0; i < idx->npremade; i++)
		if (idx->premade[i].name && !strcmp(idx->premade[i].name, name))
			return 1;
	return 0;
}

static long long premade_max(void)
{
	const char *test = getenv("ZDH_TEST_PREMADE_MAX");

	return test ? atoll(test) : PREMADE_MAX;
}

int ix_premake_indexes(struct zdh_index *idx, long long events)
{
	struct zdh_buf sql = ZDH_BUF_INIT;
	int err = 0;

	ix_premade_forget(idx);
	for (size_t i = 0; zdh_kinds[i]; i++) {
		struct premake pm = { idx, zdh_kinds[i] };

		if (zdh_kinds[i]->index_sql && (idx->kinds_seen & (1ULL << ix_kind_place(zdh_kinds[i]))))
			ix_kind_indexes_sql(&sql, zdh_kinds[i], 1, premade_keep, &pm);
	}
	if (sql.len && !(err = zdh_index_settle(idx)))
		err = ix_exec(idx, sql.ptr);
	zdh_buf_release(&sql);
	if (err) {
		ix_premade_forget(idx);
		return err;
	}
	for (size_t i = 0; i < idx->npremade; i++)
		zdh_buf_addf(&sql, " %s", idx->premade[i].name);
	if (idx->npremade)
		zdh_trace_note("rebuild: indexes on records made before the fold:%s", sql.ptr);
	zdh_buf_release(&sql);
	idx->premade_total = events;
	idx->premade_next = idx->npremade ? (events / 64 > 0 ? events / 64 : 1) : LLONG_MAX;
	return 0;
}

int ix_premade_check(struct zdh_index *idx, long long folded)
{
	struct zdh_buf drop = ZDH_BUF_INIT;
	long long page = 0, live = 0, max = premade_max();
	sqlite3_stmt *s;
	int err;

	idx->premade_next = LLONG_MAX;
	if (!idx->npremade)
		return 0;
	if ((err = zdh_index_settle(idx)))
		return err;
	if (ix_pragma_int(idx, "PRAGMA page_size", &page) ||
	    !(s = ix_cached(idx, "SELECT count(*) FROM dbstat WHERE name = ?1")))
		return ix_db_error(idx, "dbstat");
	for (size_t i = 0; i < idx->npremade; i++) {
		struct ix_premade *m = &idx->premade[i];
		double pages;

		if (!m->name)
			continue;
		sqlite3_bind_text(s, 1, m->name, -1, SQLITE_STATIC);
		pages = sqlite3_step(s) == SQLITE_ROW ? (double)sqlite3_column_int64(s, 0) : 0;
		sqlite3_reset(s);
		/* (its size at the fold's end, were it to grow as it did so far past its first page) */
		if (pages > 1 && (pages - 1) * (double)page * (double)idx->premade_total / (double)folded >
		    (double)max) {
			zdh_buf_addf(&drop, "DROP INDEX \"%s\";", m->name);
			zdh_trace_note("rebuild: index %s dropped after %lld events, made at the end",
				       m->name, folded);
			free(m->name);
			m->name = NULL;
		} else {
			live++;
		}
	}
	err = drop.len ? ix_exec(idx, drop.ptr) : 0;
	zdh_buf_release(&drop);
	if (live)
		idx->premade_next = folded + (idx->premade_total / 8 > 0 ? idx->premade_total / 8 : 1);
	return err;
}

void ix_premade_forget(struct zdh_index *idx)
{
	for (size_t i = 0; i < idx->npremade; i++)
		free(idx->premade[i].name);
	free(idx->premade);
	idx->premade = NULL;
	idx->npremade = 0;
	idx->premade_next = LLONG_MAX;
}

/*
 * The indexes apart from the tables, into sql: those of records only of
 * the kinds that have records (none in a new index, idx NULL; after a
 * rebuild's fold, the kinds it stored), and those of the kinds' own
 * tables.  A kind's indexes on records come with its first record
 * (ix_kind_indexes).  Every connection parses the whole schema when it
 * first reads it: in a new repository whose office writes issues only,
 * the 17 indexes of the kinds it never used were 390,000 of an issue
 * add's 3.29 million instructions (callgrind).
 */
static void add_other_indexes(struct zdh_buf *sql, struct zdh_index *idx)
{
	zdh_buf_puts(sql, other_indexes_sql);
	for (size_t i = 0; zdh_kinds[i]; i++) {
		const struct zdh_kind *k = zdh_kinds[i];

		if (!k->index_sql)
			continue;
		if (idx && kind_has_records(idx, k))
			ix_kind_indexes_sql(sql, k, 1, premade_has, idx);
		else if (idx)	/* (those made before the fold of a kind left without records) */
			for (size_t j = 0; j < idx->npremade; j++)
				if (idx->premade[j].kind == k && idx->premade[j].name)
					zdh_buf_addf(sql, "DROP INDEX \"%s\";", idx->premade[j].name);
		ix_kind_indexes_sql(sql, k, 0, NULL, NULL);
	}
	zdh_buf_puts(sql, ix_stats_sql);
}

/*
 * The end of a rebuild of events events: every index it dropped, but
 * those of kinds without records (see ix_kind_indexes) and those made
 * before its fold (ix_premake_indexes).  SQLite sorts the
 * keys of each in runs as large as the page cache, then merges them.  For
 * a million events, runs of 2 MB that sort within the processor's cache,
 * a second thread merging while the first sorts: 2.4 s with 8 MB runs and
 * one thread, 1.75 s.  Below SMALL_SORT events the keys of each index fit
 * the page cache (CACHE_SIZE) whole, and one sort in memory on one thread
 * is faster than runs and their merge: for a clone of 100,000 events,
 * 0.28-0.33 s against 0.37-0.49 s (in turn, six each); a reindex of
 * 300,001, 0.43 s against 0.47-0.54 s; of 1,000,001, 1.72-1.90 s against
 * 1.57-1.76 s.  (Larger runs on two threads: a peak of 83 MB.)  Two
 * helper threads rather than one, the runs still of 2 MB: they take part
 * of the merge from the main thread, whose CREATE INDEXes are what the
 * step waits for, 1.13-1.27 s of its CPU -> 1.07-1.15 s for a reindex of
 * 1,000,001 (six each, in turn, a busy machine), the process's CPU and
 * peak RSS the same.
 */
#define SMALL_SORT (512 * 1024)

int ix_create_indexes(struct zdh_index *idx, long long events)
{
	struct zdh_buf sql = ZDH_BUF_INIT;
	int runs = events >= SMALL_SORT, err;

	if (runs && (err = ix_exec(idx, "PRAGMA cache_size = -2000; PRAGMA threads = 2")))
		return err;
	if (!(err = ix_need_id_index(idx)) && !(err = ix_need_fold_index(idx))) {
		add_other_indexes(&sql, idx);
		err = ix_exec(idx, sql.ptr);
	}
	zdh_buf_release(&sql);
	ix_premade_forget(idx);
	if (!err && runs)
		err = ix_exec(idx, "PRAGMA threads = 0; PRAGMA cache_size = " CACHE_SIZE);
	return err;
}

/* Drop whatever an older index holds and create the current schema. */
static int create_schema(struct zdh_index *idx)
{
	struct zdh_buf sql = ZDH_BUF_INIT;
	sqlite3_stmt *s;
	int err;

	if ((err = ix_exec(idx, "PRAGMA journal_mode = WAL; BEGIN IMMEDIATE")))
		goto done;
	if (sqlite3_prepare_v2(idx->db, "SELECT type, name FROM sqlite_master"
			       " WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%'",
			       -1, &s, NULL)) {
		err = ix_db_error(idx, "schema");
		ix_exec(idx, "ROLLBACK");
		goto done;
	}
	while (sqlite3_step(s) == SQLITE_ROW)
		zdh_buf_addf(&sql, "DROP %s \"%s\";", (const char *)sqlite3_column_text(s, 0),
			     (const char *)sqlite3_column_text(s, 1));
	sqlite3_finalize(s);
	zdh_buf_puts(&sql, ix_schema_sql);
	ix_kinds_schema(&sql);
	zdh_buf_puts(&sql, id_index_sql);
	zdh_buf_puts(&sql, fold_index_sql);
	add_other_indexes(&sql, NULL);
	zdh_buf_addf(&sql, "PRAGMA application_id = %d; PRAGMA user_version = %d; COMMIT;",
		     ZDH_INDEX_APPLICATION_ID, ZDH_INDEX_SCHEMA_VERSION);
	err = ix_exec(idx, sql.ptr);
	if (err)
		ix_exec(idx, "ROLLBACK");
done:
	zdh_buf_release(&sql);
	return err;
}

/*
 * Make index.db current: create it, or replace an older or foreign one (it
 * is only a cache).  Several processes may find it so at once; the first
 * to take index.lock does the work, the others open what it made.  A file
 * that is not a database at all is removed: nobody can be using it.
 */
static int make_current(struct zdh_index *idx)
{
	/* (a private copy's folder is this process's alone: no index.lock) */
	char *lock = idx->private_dir ? NULL : zdh_asprintf("%s/index.lock", idx->dir);
	int fd = -1, what, err, alone = 0;

	if (lock && ((fd = zdh_open_shared(lock, O_RDWR | O_CREAT, 0666)) < 0 ||
		     flock(fd, LOCK_EX) < 0)) {
		err = zdh_error_errno(ZDH_ERROR, _("cannot lock '%s'"), lock);
		goto done;
	}
	ix_close_db(idx);
	if ((err = ix_open_db(idx, &what, 1)))
		goto done;
	/*
	 * An older index nobody else has open is removed too, not emptied
	 * table by table: dropping the tables of a million events wrote
	 * their freed pages through the WAL and kept them mapped (opening
	 * one of version 12: 11.7 s and 288 MB, where a reindex takes 8 s
	 * and 51 MB).  The one who has it open keeps it: it is emptied.
	 */
	if (what == DB_OLD && !ix_use_exclusive(idx))
		alone = 1;
	if (what == DB_GARBAGE || alone) {
		ix_close_db(idx);
		ix_remove_files(idx->path);
		if ((err = ix_open_db(idx, &what, 1)))
			goto done;
	}
	if (what != DB_CURRENT)
		err = create_schema(idx);
done:
	if (alone)
		ix_use_shared(idx);
	if (fd >= 0)
		close(fd);	/* releases the lock */
	free(lock);
	return err;
}

/*
 * index.db removed by hand (it is only a cache: zdh-reindex(1)) while
 * another process had it open: that one goes on with its file, and with
 * index.db-wal and -shm by name, which a new index.db beside them would
 * take for its own (every command then failed with "disk I/O error"
 * until that one ended).  So a new file is made only when nobody has the
 * old one open: index.use held exclusively, waited for as for a rebuild
 * (the shared lock is dropped while it waits, so two who wait do not
 * wait on each other); what the old one left is removed, and an empty
 * index.db made (an empty database, which make_current() fills) before
 * the lock is shared again.  -1 with errno (EWOULDBLOCK: still open).
 */
static int make_missing(struct zdh_index *idx, long long timeout)
{
	int fd, saved;

	if (zdh_flock_wait(idx->use_fd, LOCK_EX, timeout) < 0)
		return -1;
	if (access(idx->path, F_OK) < 0 && errno == ENOENT) {
		ix_remove_logs(idx->path);
		if ((fd = zdh_open_shared(idx->path, O_RDWR | O_CREAT | O_EXCL, 0666)) < 0 &&
		    errno != EEXIST) {
			saved = errno;
			flock(idx->use_fd, LOCK_UN);
			errno = saved;
			return -1;
		}
		if (fd >= 0)
			close(fd);
	}
	return flock(idx->use_fd, LOCK_SH);
}

/*
 * index.use: every process holds it locked shared while it has index.db
 * open, so that a rebuild can tell when nobody else has (see rebuild_new).
 * (A private copy has none: nobody else sees its folder.)
 * A rebuild, an import or a large pull holds it exclusively while it
 * writes index.db whole or directly: waited for as long as a writer
 * waits for the write lock (zdh.lock-timeout), not without end (one
 * suspended with ^Z, or a reindex of millions of events on a slow disk).
 * missing: index.db is not there, made first (make_missing); called
 * again with index.use open already when it went after the lock was had.
 * read: to read only, so index.use refused for writing (zdh_write_denied)
 * says the repository is read-only (see "Read-only repositories").
 */
static int use_index(struct zdh_index *idx, int missing, int read)
{
	char *path = zdh_asprintf("%s/index.use", idx->dir);
	long long timeout;
	int err;

	if ((err = zdh_config_get_int(&timeout, idx->repo->config, "zdh.lock-timeout", 10))) {
		free(path);
		return err;
	}
	if (idx->use_fd < 0) {
		idx->use_fd = zdh_open_shared(path, O_RDWR | O_CREAT, 0666);
		/* (read-only: a shared lock needs no write permission; flock(2)) */
		if (idx->use_fd < 0 && read && zdh_write_denied(errno)) {
			idx->readonly = 1;
			idx->use_fd = open(path, O_RDONLY | O_CLOEXEC);
		}
	}
	if (idx->use_fd < 0 && idx->readonly && errno == ENOENT)
		;	/* never used: no command has the index open */
	else if (idx->use_fd < 0)
		err = zdh_error_errno(ZDH_ERROR, _("cannot lock '%s'"), path);
	else if (missing && make_missing(idx, timeout) < 0)
		err = errno == EWOULDBLOCK ?
			zdh_error_set(ZDH_ELOCKED,
				      ngettext("index.db was removed while another zdh command had it open (waited %lld second)",
					       "index.db was removed while another zdh command had it open (waited %lld seconds)",
					       (unsigned long)timeout), timeout) :
			zdh_error_errno(ZDH_ERROR, _("cannot create '%s'"), idx->path);
	else if (!missing && zdh_flock_wait(idx->use_fd, LOCK_SH, timeout) < 0)
		err = errno == EWOULDBLOCK ?
			zdh_error_set(ZDH_ELOCKED,
				      ngettext("the index is being written by another zdh command (waited %lld second)",
					       "the index is being written by another zdh command (waited %lld seconds)",
					       (unsigned long)timeout), timeout) :
			zdh_error_errno(ZDH_ERROR, _("cannot lock '%s'"), path);
	free(path);
	return err;
}

/*
 * Lock index.use exclusively if nobody else has it, without waiting; 0
 * when done.  Linux drops the shared lock before it tries (flock(2): a
 * conversion is not atomic), so a failed attempt takes it back.  Either
 * way no rebuild runs now (one holds it exclusively while it writes
 * index.db.new): the new file of one that was killed is removed here, by
 * whichever rebuild, import or large pull comes next (it is as large as
 * the index, and was left until the next rebuild into a new file).
 */
int ix_use_exclusive(struct zdh_index *idx)
{
	char *stale = zdh_asprintf("%s.new", idx->path);
	int err = 0;

	/* (a private copy: nobody else has it) */
	if (!idx->private_dir && flock(idx->use_fd, LOCK_EX | LOCK_NB)) {
		flock(idx->use_fd, LOCK_SH);
		err = -1;
	}
	ix_remove_files(stale);
	free(stale);
	return err;
}

void ix_use_shared(struct zdh_index *idx)
{
	if (idx->use_fd >= 0)
		flock(idx->use_fd, LOCK_SH);
}

#define PRAGMAS(map) "PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = OFF; PRAGMA mmap_size = " map ";" \
	" PRAGMA cache_size = " CACHE_SIZE

/*
 * A direct write killed after SQLite made its journal but before the
 * journal's first byte leaves an empty index.db-journal, which SQLite
 * never takes for a hot journal and never removes either.  The opener
 * removes it: holding index.use shared, it knows that no direct write is
 * under way (one holds index.use exclusively), so an empty journal is
 * only what a killed one left.
 */
static void drop_empty_journal(struct zdh_index *idx)
{
	char *journal = zdh_asprintf("%s-journal", idx->path);
	struct stat st;

	if (!lstat(journal, &st) && S_ISREG(st.st_mode) && !st.st_size)
		unlink(journal);
	free(journal);
}

int ix_set_pragmas(struct zdh_index *idx)
{
	if (!idx->readonly && idx->use_fd >= 0)
		drop_empty_journal(idx);
	/* (not WAL only after a crash in a bulk transaction: see "Direct writes") */
	ix_journal_mode(idx, "wal");
	/*
	 * A short command reads a few dozen pages of index.db, each once:
	 * read() into the page cache, on the huge page already touched, not
	 * mapped, where each page read cost a fault and closing an munmap()
	 * (an add: 6 to 9 faults fewer, 73,000 instructions; README, "What
	 * keeps a command's start cheap").  Other commands come back to
	 * pages: the map.
	 */
	return ix_exec(idx, arena_blocks == 1 ? PRAGMAS("0") : PRAGMAS(MMAP_SIZE));
}

/*
 * Read-only repositories.  A repository this process cannot write (a
 * read-only mount, a backup, a colleague's folder it may only read) is
 * read as any other: index.db opened read-only (SQLITE_OPEN_READONLY,
 * which reads the WAL through a -shm it cannot write, as a reader of its
 * own in memory), index.use locked shared all the same (flock(2) needs
 * no write permission: a rebuild by the owner still sees this reader).
 * Nothing is written to it as long as nothing needs writing: the index
 * holds every log tip, of these kinds.  The first write a read would make
 * (a catch-up of a log that moved on, a refold of a kind this zdh folds
 * otherwise, the summaries a pull left for later) is made instead in a
 * private copy, index.db copied (SQLite's backup, one read transaction)
 * into a temporary folder of this process's, removed when it closes: the
 * same output, at the cost of the copy (and of a rebuild from nothing
 * when index.db is missing or of another schema).  Not immutable=1: the
 * owner may write while this reads.  Only reads open it so
 * (zdh_index_open_read); a write takes the repository's lock first,
 * which is refused.
 *
 * Which it is comes from the opens a read makes anyway, not from a look
 * beforehand (three faccessat() and an access() on every command):
 * index.use opened to be written and refused (zdh_write_denied: EACCES,
 * EROFS, EPERM), then opened only to lock it; or index.db, opened to be
 * written, opened read-only by SQLite (sqlite3_db_readonly()).  A
 * command in a repository it can write makes no call to tell.
 *
 * The private folder is $TMPDIR/zdh-index-PID-XXXXXX, locked (flock(2),
 * exclusive) by the process it is for as long as it uses it.  One whose
 * process was killed is left behind; the next private folder made sweeps
 * those of this user whose lock is free.  The lock, not the PID in the
 * name, tells a dead owner: a PID is reused, and the kernel drops a dead
 * process's locks.  (A folder is locked only after mkdtemp() made it:
 * one swept in between is seen removed, st_nlink 0, and another made.)
 */

#define PRIVATE_PREFIX "zdh-index-"

/* The private folders in tmp of this user's commands that are gone. */
static void remove_dead_private(const char *tmp)
{
	DIR *d = opendir(tmp);
	uid_t me = geteuid();
	struct dirent *e;

	while (d && (e = readdir(d))) {
		const char *p = e->d_name + strlen(PRIVATE_PREFIX);
		struct stat st;
		char *path;
		int fd;

		if (strncmp(e->d_name, PRIVATE_PREFIX, strlen(PRIVATE_PREFIX)) ||
		    !isdigit((unsigned char)*p))
			continue;
		while (isdigit((unsigned char)*p))
			p++;
		if (*p != '-' || strlen(p + 1) != 6)
			continue;
		path = zdh_asprintf("%s/%s", tmp, e->d_name);
		/* (no link followed, another user's left alone) */
		fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (fd >= 0 && !fstat(fd, &st) && st.st_uid == me && !flock(fd, LOCK_EX | LOCK_NB))
			zdh_remove_tree(path);
		if (fd >= 0)
			close(fd);	/* (the lock with it) */
		free(path);
	}
	if (d)
		closedir(d);
}

char *ix_private_dir(const char **tmp, int *lock)
{
	struct stat st;
	char *dir;
	int fd;

	*tmp = getenv("TMPDIR");
	if (!*tmp || !**tmp)
		*tmp = "/tmp";
	*lock = -1;
	remove_dead_private(*tmp);
	for (int i = 0; i < 100; i++) {
		dir = zdh_asprintf("%s/" PRIVATE_PREFIX "%ld-XXXXXX", *tmp, (long)getpid());
		if (!mkdtemp(dir))
			break;
		if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)) >= 0 &&
		    !flock(fd, LOCK_EX) && !fstat(fd, &st) && st.st_nlink) {
			*lock = fd;
			return dir;
		}
		if (fd >= 0)
			close(fd);
		else if (errno != ENOENT) {
			int saved = errno;
			rmdir(dir);
			errno = saved;
			break;
		}
		free(dir);	/* (swept before it was locked: another) */
		dir = NULL;
	}
	free(dir);
	return NULL;
}

/*
 * Leave the repository's index.db for a private copy (of it, when copy
 * and it is current; otherwise an empty one, filled from the logs by the
 * catch-up), opened to be written, its pragmas set.
 */
static int to_private(struct zdh_index *idx, int copy)
{
	const char *tmp;
	int lock, what, err = 0;
	char *dir = ix_private_dir(&tmp, &lock), *path;

	if (!dir)
		return zdh_error_errno(ZDH_ERROR, _("this repository cannot be written and its index is behind its logs: cannot make a private index in '%s'"),
				       tmp);
	path = zdh_asprintf("%s/index.db", dir);
	if (copy && idx->db) {
		sqlite3 *to = NULL;
		sqlite3_backup *b = NULL;

		if (sqlite3_open_v2(path, &to, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
				    SQLITE_OPEN_NOMUTEX, NULL) ||
		    !(b = sqlite3_backup_init(to, "main", idx->db, "main")) ||
		    sqlite3_backup_step(b, -1) != SQLITE_DONE)
			err = zdh_error_set(ZDH_ERROR, _("cannot copy the index into '%s': %s"), dir,
					    sqlite3_errmsg(to));
		if (b && sqlite3_backup_finish(b) && !err)
			err = zdh_error_set(ZDH_ERROR, _("cannot copy the index into '%s': %s"), dir,
					    sqlite3_errmsg(to));
		sqlite3_close(to);
	}
	ix_close_db(idx);
	if (idx->use_fd >= 0)
		close(idx->use_fd);	/* (the repository's: released; the copy needs none) */
	idx->use_fd = -1;
	free(idx->path);
	free(idx->dir);
	idx->path = path;
	idx->dir = dir;
	idx->private_dir = 1;
	idx->private_lock = lock;
	idx->readonly = 0;
	if (!err && !(err = ix_open_db(idx, &what, 1)) && what != DB_CURRENT)
		err = make_current(idx);
	if (!err)
		err = ix_set_pragmas(idx);
	return err;
}

int ix_go_private(struct zdh_index *idx)
{
	return idx->readonly ? to_private(idx, 1) : 0;
}

static int index_open(struct zdh_index **out, struct zdh_repo *repo, int meet, int read)
{
	struct zdh_index *idx = zdh_calloc(1, sizeof(*idx));
	int what, err;

	idx->use_fd = -1;
	idx->private_lock = -1;
	idx->premade_next = LLONG_MAX;
	zdh_buf_init(&idx->dumped);
	idx->repo = repo;
	idx->reader = read;
	idx->writer = &ix_rows_at_once;
	idx->journal = &ix_journal_wal;
	idx->dir = zdh_strdup(repo->gitdir);
	idx->path = zdh_asprintf("%s/index.db", repo->gitdir);
	/* (read-only or not, said by these opens: see "Read-only repositories") */
	err = use_index(idx, 0, read);
	if (!err && (err = ix_open_db(idx, &what, 0)) == SQLITE_CANTOPEN) {
		if (idx->readonly) {
			what = DB_EMPTY;	/* (missing) */
			err = 0;
		/* (missing, or removed after the lock was taken: made under the lock) */
		} else if (!(err = use_index(idx, 1, read))) {
			err = ix_open_db(idx, &what, 0);
		}
	}
	if (err == SQLITE_CANTOPEN) {	/* (removed again meanwhile) */
		errno = ENOENT;
		err = zdh_error_errno(ZDH_ERROR, _("cannot open '%s'"), idx->path);
	}
	if (!err && what != DB_CURRENT)
		err = idx->readonly ? to_private(idx, 0) : make_current(idx);
	/* (a private copy's are set) */
	if (!err && !idx->private_dir)
		err = ix_set_pragmas(idx);
	if (!err && meet)
		err = ix_kinds_meet(idx);
	if (err) {
		zdh_index_close(idx);
		return err;
	}
	/* zdh_repo_free() closes repo->index this way: repo.c knows nothing of the index */
	repo->index_close = zdh_index_close;
	*out = idx;
	return 0;
}

int zdh_index_open(struct zdh_index **out, struct zdh_repo *repo)
{
	return index_open(out, repo, 1, 0);
}

int zdh_index_open_read(struct zdh_index **out, struct zdh_repo *repo)
{
	return index_open(out, repo, 1, 1);
}

/*
 * For zdh_index_rebuild() alone, which builds a new file from nothing: the
 * kinds of the index it replaces are not met (an index written by an
 * older zdh would have each changed kind folded again, the whole of a
 * reindex's fold, only to be thrown away).
 */
int zdh_index_open_to_rebuild(struct zdh_index **out, struct zdh_repo *repo)
{
	return index_open(out, repo, 0, 0);
}

void zdh_index_close(struct zdh_index *idx)
{
	if (!idx)
		return;
	ix_end_modes(idx);
	ix_close_db(idx);
	ix_counters_forget(idx);
	ix_rebuilt_forget(idx);
	ix_trust_release(idx);
	ix_txn_forget(idx);
	free(idx->malformed.v);
	free(idx->readded.v);
	zdh_buf_release(&idx->dumped);
	if (idx->use_fd >= 0)
		close(idx->use_fd);	/* releases the lock */
	if (idx->private_dir)
		zdh_remove_tree(idx->dir);
	if (idx->private_lock >= 0)
		close(idx->private_lock);	/* (released after: no sweep meets it half removed) */
	free(idx->path);
	free(idx->dir);
	free(idx);
}

/*
 * A scan of much of an index in its order (a full listing): each page is
 * read once, so it is read into a small cache instead of mapped.  On this
 * project's machine a page fault costs 12 to 24 microseconds: the 1,840
 * pages of the status index that a full `issue list` of 100,000 reads
 * cost about 1,100 faults mapped and 2,200 more in an 8 MB cache (half of
 * the command's time), and a few hundred read into 400 KiB.  A report
 * reads its kinds' facts so too (table facts, in its order).  Queries that
 * come back to pages (lookups) keep the map.  A hint: the next command's
 * connection is as before.
 */
void zdh_index_read_in_order(struct zdh_index *idx)
{
	ix_exec(idx, "PRAGMA mmap_size = 0; PRAGMA cache_size = -400");
}

void zdh_index_news_mark(struct zdh_index *idx)
{
	idx->news_conflicted = idx->stored_conflicted;
	idx->news_void = idx->void_folded;
	/* (the table of the catch-up before, if any: index-catchup.c, ix_trust_refold) */
	if (idx->nrefused_again)
		ix_exec(idx, "DROP TABLE IF EXISTS temp.refused_again");
	if (idx->nlifted)
		ix_exec(idx, "DROP TABLE IF EXISTS temp.lifted");
	idx->nrefused_again = idx->nlifted = 0;
}

size_t zdh_index_news_refused(const struct zdh_index *idx)
{
	return idx->nrefused_again;
}

size_t zdh_index_news_lifted(const struct zdh_index *idx)
{
	return idx->nlifted;
}

static int raw_cmp(const void *a, const void *b)
{
	return memcmp(a, b, 20);
}

int ix_idset_has(struct ix_idset *s, const char *id)
{
	unsigned char raw[20];

	if (!s->n)
		return 0;
	if (s->sorted != s->n) {
		qsort(s->v, s->n, sizeof(*s->v), raw_cmp);
		s->sorted = s->n;
	}
	return !zdh_oid_fromhex(raw, id) && bsearch(raw, s->v, s->n, sizeof(*s->v), raw_cmp);
}

int zdh_index_malformed(struct zdh_index *idx, const char *id)
{
	return ix_idset_has(&idx->malformed, id);
}

int zdh_index_readded(struct zdh_index *idx, const char *id)
{
	return ix_idset_has(&idx->readded, id);
}

size_t zdh_index_named_count(const struct zdh_index *idx)
{
	return idx->malformed.n + idx->readded.n;
}

void zdh_index_news_moved(const struct zdh_index *idx, int *conflicted, int *voided)
{
	*conflicted = idx->stored_conflicted != idx->news_conflicted;
	*voided = idx->void_folded != idx->news_void;
}

int zdh_index_prepare_db(sqlite3 *db, const char *sql, sqlite3_stmt **s)
{
	return prepare_expanded(db, sql, 0, s);
}

int zdh_index_prepare(struct zdh_index *idx, const char *sql, sqlite3_stmt **s)
{
	*s = NULL;
	if (zdh_index_settle(idx))
		return SQLITE_ERROR;
	return zdh_index_prepare_db(idx->db, sql, s);
}

/* The first column of s's rows, but NULLs, appended to out; the last sqlite3_step()'s code. */
static int append_strings(sqlite3_stmt *s, json_t *out)
{
	int rc;

	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		if (sqlite3_column_text(s, 0))
			json_array_append_new(out, json_string((const char *)sqlite3_column_text(s, 0)));
	return rc;
}

int zdh_index_strings(struct zdh_index *idx, sqlite3_stmt *s, json_t **out)
{
	int rc;

	*out = json_array();
	rc = append_strings(s, *out);
	sqlite3_finalize(s);
	if (rc == SQLITE_DONE)
		return 0;
	json_decref(*out);
	*out = NULL;
	return zdh_error_set(ZDH_ERROR, "index: %s", zdh_db_errmsg(idx->db));
}

/* The cached statement of sql with ?1 name and ?2 except bound; NULL with the error set. */
static sqlite3_stmt *named_stmt(struct zdh_index *idx, const char *sql, const char *name,
				const char *except)
{
	sqlite3_stmt *s;

	if (!(s = zdh_index_cached(idx, sql))) {
		zdh_error_set(ZDH_ERROR, "index: %s", zdh_db_errmsg(idx->db));
		return NULL;
	}
	sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
	/* (the statement is cached: an except of the last call stays bound otherwise) */
	if (except)
		sqlite3_bind_text(s, 2, except, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(s, 2);
	return s;
}

int zdh_index_named_ids(struct zdh_index *idx, const char *sql, const char *name,
			const char *except, json_t **out)
{
	sqlite3_stmt *s;
	int rc;

	*out = json_array();
	if (!(s = named_stmt(idx, sql, name, except)))
		return ZDH_ERROR;
	rc = append_strings(s, *out);
	sqlite3_reset(s);
	if (rc == SQLITE_DONE)
		return 0;
	return zdh_error_set(ZDH_ERROR, "index: %s", zdh_db_errmsg(idx->db));
}

/* An error of zdh_index_like_rows(): nothing for its caller to free. */
static void like_release(json_t **out, json_t **unlike, char **same)
{
	json_decref(*out);
	*out = NULL;
	if (unlike) {
		json_decref(*unlike);
		*unlike = NULL;
	}
	if (same) {
		free(*same);
		*same = NULL;
	}
}

int zdh_index_like_rows(struct zdh_index *idx, sqlite3_stmt *s, const char *name, json_t **out,
			json_t **unlike, char **same)
{
	int rc;

	*out = json_array();
	if (unlike)
		*unlike = json_array();
	if (same)
		*same = NULL;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *id = (const char *)sqlite3_column_text(s, 0);
		const char *other = (const char *)sqlite3_column_text(s, 1);

		if (!id)
			continue;
		json_array_append_new(*out, json_string(id));
		if (same && !*same && other && !strcmp(other, name))
			*same = zdh_strdup(id);
		if (unlike && other && strcmp(other, name)) {
			struct zdh_buf shown = ZDH_BUF_INIT;
			json_t *v;
			size_t i;

			zdh_name_shown(&shown, other);
			json_array_foreach(*unlike, i, v)
				if (!strcmp(json_string_value(v), shown.ptr))
					break;
			if (i == json_array_size(*unlike))
				json_array_append_new(*unlike, json_string(shown.ptr));
			zdh_buf_release(&shown);
		}
	}
	if (rc == SQLITE_DONE)
		return 0;
	like_release(out, unlike, same);
	return zdh_error_set(ZDH_ERROR, "index: %s", zdh_db_errmsg(idx->db));
}

int zdh_index_like_ids(struct zdh_index *idx, const char *sql, const char *name,
		       const char *except, json_t **out, json_t **unlike, char **same)
{
	sqlite3_stmt *s;
	int err;

	if (!(s = named_stmt(idx, sql, name, except))) {
		*out = NULL;
		if (unlike)
			*unlike = NULL;
		if (same)
			*same = NULL;
		return ZDH_ERROR;
	}
	err = zdh_index_like_rows(idx, s, name, out, unlike, same);
	sqlite3_reset(s);
	return err;
}

/* "'a', 'b'": name (as zdh_name_shown() shows it), then each of unlike. */
static void names_shown(struct zdh_buf *out, const char *name, const json_t *unlike)
{
	json_t *v;
	size_t i;

	zdh_buf_addch(out, '\'');
	zdh_name_shown(out, name);
	zdh_buf_addch(out, '\'');
	json_array_foreach(unlike, i, v)
		zdh_buf_addf(out, ", '%s'", json_string_value(v));
}

int zdh_index_same_news(struct zdh_index *idx, long long mark, const struct zdh_same_news *n,
			void (*fn)(const char *line, void *payload), void *payload)
{
	json_t *told = json_object();
	sqlite3_stmt *s;
	int rc, err = 0;

	if (zdh_index_prepare(idx, n->sql, &s)) {
		json_decref(told);
		return zdh_error_set(ZDH_ERROR, "index: %s", zdh_db_errmsg(idx->db));
	}
	sqlite3_bind_int64(s, 1, mark);
	while (!err && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *id = (const char *)sqlite3_column_text(s, 0);
		const char *name = (const char *)sqlite3_column_text(s, 1);
		struct zdh_buf ids = ZDH_BUF_INIT, names = ZDH_BUF_INIT;
		json_t *others = NULL, *unlike = NULL, *v;
		size_t i;

		if (!id || json_object_get(told, id))
			continue;
		if ((err = n->others(&others, &unlike, idx, s, id)))
			break;
		json_array_foreach(others, i, v) {
			zdh_buf_addf(&ids, "%s%s", i ? ", " : "", json_string_value(v));
			json_object_set_new(told, json_string_value(v), json_true());
		}
		if (name && json_array_size(unlike))
			names_shown(&names, name, unlike);
		if (ids.len) {
			char *line = n->line(idx, s, id, ids.ptr, names.len ? names.ptr : NULL);
			fn(line, payload);
			free(line);
		}
		zdh_buf_release(&ids);
		zdh_buf_release(&names);
		json_decref(others);
		json_decref(unlike);
	}
	if (!err && rc != SQLITE_DONE)
		err = zdh_error_set(ZDH_ERROR, "index: %s", zdh_db_errmsg(idx->db));
	sqlite3_finalize(s);
	json_decref(told);
	return err;
}

int zdh_index_row_news(struct zdh_index *idx, long long mark, const char *sql,
		       char *(*line)(sqlite3_stmt *row),
		       void (*fn)(const char *line, void *payload), void *payload)
{
	sqlite3_stmt *s;
	int rc;

	if (zdh_index_prepare(idx, sql, &s))
		return zdh_error_set(ZDH_ERROR, "index: %s", zdh_db_errmsg(idx->db));
	sqlite3_bind_int64(s, 1, mark);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		char *text = line(s);

		fn(text, payload);
		free(text);
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return zdh_error_set(ZDH_ERROR, "index: %s", zdh_db_errmsg(idx->db));
	return 0;
}

/* Readers outside the index see every row of a bulk transaction: they wait for them. */
sqlite3 *zdh_index_db(struct zdh_index *idx)
{
	zdh_index_settle(idx);
	return idx->db;
}

sqlite3_stmt *zdh_index_cached(struct zdh_index *idx, const char *sql)
{
	return zdh_index_settle(idx) ? NULL : ix_cached(idx, sql);
}

sqlite3_stmt *zdh_index_cached_kind(struct zdh_index *idx, const char *sql, const char *kind)
{
	return ix_kind_written(idx, kind) ? zdh_index_cached(idx, sql) : ix_cached(idx, sql);
}

struct zdh_repo *zdh_index_repo(struct zdh_index *idx)
{
	return idx->repo;
}

/*
 * Clocks known by id, for ix_event_clock(): the events a write
 * transaction folded, whose commits are not readable before it commits
 * (they wait in memory, or in a pack not yet sealed), so that a seen
 * chain walks through them as a rebuild, which reads them from disk,
 * does; and every clock read from a commit, so that a chain walked again
 * (each side of a conflict walks it) reads no commit twice (a peer's 600
 * edits of one field, each seeing the one before: a pull of them 33.5 s
 * reading a commit at every step, 716f79c's lookup by id 10.7 s).  A set
 * of the ids' first 8 bytes: another id sharing them would be given a
 * clock its row does not have, found by no lookup (a walk stops, a
 * conflict is shown rather than hidden).  Forgotten at the commit or
 * rollback.
 */
struct known_clock { uint64_t key; long long clock; };

struct ix_clocks {
	struct known_clock *v;	/* the set, by key */
	size_t n, size;
	/*
	 * Kept, not yet in the set: appended in order, put in the set at
	 * the first lookup.  An import keeps every event's clock and most
	 * imports look none up: the set's inserts, one cache miss each at a
	 * random place of megabytes, and its growths were 8 % of an import's
	 * main thread (perf record, 100,000 issues), and the set took twice
	 * the memory of the list.
	 */
	struct known_clock *kept;
	size_t nkept, alloc_kept;
};

/* The key of an id's 20 bytes: its first 8, never 0 (0 marks an empty slot). */
static uint64_t id_key_raw(const unsigned char raw[ZDH_OID_RAWSZ])
{
	uint64_t k;

	memcpy(&k, raw, sizeof(k));
	return k ? k : 1;
}

/* The same of an id in hex; 0 when it is not one. */
uint64_t ix_id_key(const char *hex)
{
	unsigned char raw[ZDH_OID_RAWSZ];

	return ix_oid_raw(raw, hex) ? id_key_raw(raw) : 0;
}

static struct known_clock *clock_slot(struct known_clock *v, size_t size, uint64_t k)
{
	size_t i;

	for (i = (size_t)(k ^ (k >> 29)) & (size - 1); v[i].key && v[i].key != k; i = (i + 1) & (size - 1))
		;
	return &v[i];
}

static void clock_set(struct ix_clocks *p, uint64_t k, long long clock)
{
	struct known_clock *e;

	if ((p->n + 1) * 2 > p->size) {
		size_t size = p->size ? 2 * p->size : 256;
		struct known_clock *v = zdh_calloc(size, sizeof(*v));
		for (size_t i = 0; i < p->size; i++)
			if (p->v[i].key)
				*clock_slot(v, size, p->v[i].key) = p->v[i];
		free(p->v);
		p->v = v;
		p->size = size;
	}
	e = clock_slot(p->v, p->size, k);
	if (!e->key)
		p->n++;
	e->key = k;
	e->clock = clock;
}

static void clock_keep_key(struct zdh_index *idx, uint64_t k, long long clock)
{
	struct ix_clocks *p = idx->clocks;

	if (!k)
		return;	/* (not an id) */
	if (!p)
		p = idx->clocks = zdh_calloc(1, sizeof(*p));
	if (p->nkept == p->alloc_kept) {
		p->alloc_kept = p->alloc_kept ? 2 * p->alloc_kept : 256;
		p->kept = zdh_realloc(p->kept, p->alloc_kept * sizeof(*p->kept));
	}
	p->kept[p->nkept].key = k;
	p->kept[p->nkept++].clock = clock;
}

void ix_clock_keep(struct zdh_index *idx, const char *id, long long clock)
{
	clock_keep_key(idx, ix_id_key(id), clock);
}

/* The same for an event, by the 20 bytes of its id when its writer kept them. */
void ix_clock_keep_event(struct zdh_index *idx, const struct zdh_event *ev)
{
	clock_keep_key(idx, ev->has_oid ? id_key_raw(ev->oid) : ix_id_key(ev->id), ev->clock);
}

/* The clock kept for key k, the kept ones put in the set first (the later of two wins); NULL: none. */
static const struct known_clock *clock_find(struct ix_clocks *p, uint64_t k)
{
	const struct known_clock *e;

	for (size_t i = 0; i < p->nkept; i++)
		clock_set(p, p->kept[i].key, p->kept[i].clock);
	p->nkept = 0;
	if (!p->n)
		return NULL;
	e = clock_slot(p->v, p->size, k);
	return e->key ? e : NULL;
}

void ix_txn_forget(struct zdh_index *idx)
{
	if (idx->clocks) {
		free(idx->clocks->v);
		free(idx->clocks->kept);
	}
	free(idx->clocks);
	idx->clocks = NULL;
	ix_seen_forget(idx);
}

/*
 * The clock of the row event id would have (events_id): the event's
 * clock, from this transaction's writes or read from its commit, or 0 for
 * a commit that is not an event, as ix_insert_event() stores them.  1
 * with *clock set; 0 when this repository holds no such commit, so that
 * no row can have it.  The commit is looked for in the packs already
 * known and loose, not in new packs: an id that names nothing (a peer's
 * seen) costs no read of objects/pack.
 */
int ix_event_clock(struct zdh_index *idx, const char *id, long long *clock)
{
	struct zdh_buf raw = ZDH_BUF_INIT;
	struct zdh_event ev;
	char parent[41];
	size_t at, len;
	int n, found = 0;
	uint64_t k;

	*clock = 0;
	if (!id)
		return 0;
	if (idx->clocks && (k = ix_id_key(id))) {
		const struct known_clock *e = clock_find(idx->clocks, k);
		if (e) {
			*clock = e->clock;
			return 1;
		}
	}
	if (idx->repo && strlen(id) == ZDH_OID_HEXSZ &&
	    !zdh_objects_find_commit(&raw, idx->repo, id)) {
		memset(&ev, 0, sizeof(ev));
		if (!zdh_event_parse_commit_opts(&ev, parent, &n, raw.ptr, raw.len,
						 ZDH_EVENT_TRUSTED | ZDH_EVENT_NODATA, &at, &len)) {
			*clock = ev.clock;
			zdh_event_clear(&ev);
		}
		found = 1;
		ix_clock_keep(idx, id, *clock);
	}
	zdh_error_clear();
	zdh_buf_release(&raw);
	return found;
}

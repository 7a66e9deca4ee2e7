/*
 * index — owns index.db: its schema, catching it up from the log tips,
 * and the fold of events into records (DESIGN §1–2).
 *
 * The fold order of a record's events is (clock, replica, commit id).  An
 * event that sorts after the record's head is applied at once; one that
 * arrives late (sync) makes the record be folded again from its first
 * event, so every replica holding the same events computes the same state.
 * An event the kind's check() refuses stays in the history with effect 0
 * and a note.  Two edits of one field (data.set) by writers who had not
 * seen each other's are recorded as a conflict on the record until an
 * edit that has seen both settles it.
 *
 * It must never be the only copy of anything: all of it is derived from
 * the logs, and a missing or foreign index.db is simply rebuilt.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/file.h>
#include <time.h>
#include <unistd.h>

#include "error.h"
#include "i18n.h"
#include "index-db.h"
#include "json.h"
#include "odb.h"
#include "prefix.h"
#include "repo.h"
#include "rowq.h"
#include "rules.h"
#include "sha1.h"
#include "store.h"

struct zdh_index {
	struct zdh_repo *repo;
	sqlite3 *db;
	char *path;
	int use_fd;		/* index.use, locked shared while db is open */
	struct cached { const char *sql; sqlite3_stmt *st; } *cache;
	size_t ncache, alloc_cache;
	int wal_frames;		/* frames in the WAL after our last commit */
	int rebuilding;		/* folding every event from nothing, in fold order */
	int id_index;		/* while rebuilding: events_id is there already, */
	int fold_index;		/* ... and events_fold */
	int rows_applied;	/* the rows being folded went in marked applied */
	long long walk_clock;	/* the highest clock of the log being read */
	struct counter *counters;	/* inside a transaction: see "Counters" */
	size_t ncounters;
	struct last *last;	/* inside a transaction: see zdh_index_record() */
	struct zdh_rowq *rows;	/* a bulk transaction's rows: see "Bulk writes" */
	long long last_seq;	/* ... the seq its last event was given, */
	uint64_t *written;	/* ... and a set of the records it wrote (hashes) */
	size_t nwritten, written_size;
	char *fresh_kind, *fresh_id;	/* what zdh_index_next_id() last gave */
	int direct;		/* a bulk transaction under a rollback journal */
};

static int rows_stop(struct zdh_index *idx);
static int journal_mode(struct zdh_index *idx, const char *mode);
static void direct_end(struct zdh_index *idx);
static void persist_wal(struct zdh_index *idx, int on);

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
#define CACHE_SIZE "-8000"	/* KiB of page cache */

static int wal_hook(void *payload, sqlite3 *db, const char *name, int frames)
{
	(void)db;
	(void)name;
	((struct zdh_index *)payload)->wal_frames = frames;
	return SQLITE_OK;
}

/* An invalid event's row (core/rules.c): kept, never folded. */
#define INVALID "2"
_Static_assert(ZDH_EFFECT_INVALID == 2, "INVALID is ZDH_EFFECT_INVALID");
/* An event of a kind this binary does not know: kept, folded by a zdh that knows it. */
#define UNKNOWN_KIND "3"
_Static_assert(ZDH_EFFECT_UNKNOWN_KIND == 3, "UNKNOWN_KIND is ZDH_EFFECT_UNKNOWN_KIND");

/* The statements of the fold, prepared once each (cached()). */
#define INSERT_EVENT \
	" INTO events(seq, id, replica, clock, kind, record, op, actor_name, actor_email," \
	" actor_dept, happened, happened_off, recorded, recorded_off, seen, summary, data," \
	" tree, effect, note)" \
	" VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19,?20)"
static const char sql_insert_event[] = "INSERT OR IGNORE" INSERT_EVENT;
/* a bulk transaction's (see "Bulk writes"): a duplicate fails the transaction */
static const char sql_insert_event_bulk[] = "INSERT" INSERT_EVENT;
static const char sql_get_record[] =
	"SELECT state, head, head_clock, head_replica, events, setters, conflicts, created,"
	" updated FROM records WHERE kind = ?1 AND id = ?2";
static const char sql_put_record[] =
	"INSERT OR REPLACE INTO records(kind, id, prefix, n, state, head, head_clock,"
	" head_replica, events, setters, conflicts, created, updated, p1, p2, p3, p4, p5, p6, p7, p8)"
	" VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19,?20,?21)";
static const char sql_set_effect[] = "UPDATE events SET effect = ?2, note = ?3 WHERE seq = ?1";
static const char sql_event_by_seq[] = "SELECT id, replica, clock FROM events WHERE seq = ?1";
static const char sql_event_seen[] = "SELECT seen, replica, clock FROM events WHERE id = ?1";
static const char sql_counter[] =
	"INSERT INTO counters(kind, prefix, n) VALUES(?1, ?2, ?3)"
	" ON CONFLICT(kind, prefix) DO UPDATE SET n = max(n, excluded.n)";

/*
 * Records are a rowid table with their key as a unique index, so that a
 * rebuild appends them; setters name events by seq, not by id (a fifth
 * of a record's bytes otherwise).  p1..p8 are the fields each kind
 * projects (kind.h, struct zdh_field), in the order it declares them,
 * named by the kind's view records_<kind> (kinds_schema()): plain
 * columns, since an index on json_extract() parsed the state again for
 * every index at every store (a tenth of an import).
 */
static const char schema_sql[] =
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
	"CREATE UNIQUE INDEX records_key ON records(kind, id);"
	"CREATE TABLE counters(kind TEXT NOT NULL, prefix TEXT NOT NULL, n INTEGER NOT NULL,"
	" PRIMARY KEY(kind, prefix)) WITHOUT ROWID;"
	"CREATE TABLE kinds(name TEXT PRIMARY KEY, fingerprint TEXT NOT NULL,"
	" objects TEXT NOT NULL) WITHOUT ROWID;";

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
static const char id_index_sql[] = "CREATE UNIQUE INDEX events_id ON events(id);";
static const char fold_index_sql[] = "CREATE INDEX events_fold ON events(record, clock);";
static const char other_indexes_sql[] =
	"CREATE INDEX events_happened ON events(happened);"
	"CREATE INDEX records_order ON records(kind, prefix, n);";

/*
 * Event ids (id, seen) are kept as their 20 bytes: a fifth of an event's
 * row, and half of events_id.  Anything that is not an id would be kept
 * as text, and so equal to no id.
 */
static void bind_oid(sqlite3_stmt *s, int i, const char *hex)
{
	unsigned char raw[ZDH_OID_RAWSZ];

	if (!hex)
		return;
	if (strlen(hex) == ZDH_OID_HEXSZ && !zdh_oid_fromhex(raw, hex))
		sqlite3_bind_blob(s, i, raw, ZDH_OID_RAWSZ, SQLITE_TRANSIENT);
	else
		sqlite3_bind_text(s, i, hex, -1, SQLITE_TRANSIENT);
}

/* Column i as 40 hex digits ("" when NULL). */
static void column_oid(sqlite3_stmt *s, int i, char out[ZDH_OID_HEXSZ + 1])
{
	if (sqlite3_column_type(s, i) == SQLITE_BLOB && sqlite3_column_bytes(s, i) == ZDH_OID_RAWSZ)
		zdh_oid_tohex(out, sqlite3_column_blob(s, i));
	else
		snprintf(out, ZDH_OID_HEXSZ + 1, "%s", sqlite3_column_type(s, i) == SQLITE_NULL ? "" :
			 (const char *)sqlite3_column_text(s, i));
}

static int db_error(struct zdh_index *idx, const char *what)
{
	return zdh_error_set(ZDH_ERROR, _("index: %s: %s"), what, sqlite3_errmsg(idx->db));
}

static int exec(struct zdh_index *idx, const char *sql)
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
static int exec_bind(struct zdh_index *idx, const char *sql, const char *a)
{
	sqlite3_stmt *s;
	int rc;

	if (sqlite3_prepare_v2(idx->db, sql, -1, &s, NULL))
		return db_error(idx, "prepare");
	sqlite3_bind_text(s, 1, a, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : db_error(idx, "step");
}

/* 0, or SQLite's (primary) result code. */
static int pragma_int(struct zdh_index *idx, const char *sql, long long *out)
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

static sqlite3_stmt *cached(struct zdh_index *idx, const char *sql)
{
	sqlite3_stmt *s;

	for (size_t i = 0; i < idx->ncache; i++)
		if (idx->cache[i].sql == sql) {
			s = idx->cache[i].st;
			sqlite3_reset(s);
			sqlite3_clear_bindings(s);
			return s;
		}
	if (sqlite3_prepare_v3(idx->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s, NULL) != SQLITE_OK) {
		db_error(idx, "prepare");
		return NULL;
	}
	if (idx->ncache == idx->alloc_cache) {
		idx->alloc_cache = idx->alloc_cache ? 2 * idx->alloc_cache : 16;
		idx->cache = zdh_realloc(idx->cache, idx->alloc_cache * sizeof(*idx->cache));
	}
	idx->cache[idx->ncache].sql = sql;
	idx->cache[idx->ncache++].st = s;
	return s;
}

static void close_db(struct zdh_index *idx)
{
	if (idx->db && idx->wal_frames > WAL_MAX_FRAMES)
		sqlite3_wal_checkpoint_v2(idx->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
	for (size_t i = 0; i < idx->ncache; i++)
		sqlite3_finalize(idx->cache[i].st);
	idx->ncache = 0;
	free(idx->cache);
	idx->cache = NULL;
	idx->alloc_cache = 0;
	sqlite3_close(idx->db);
	idx->db = NULL;
}

/* Remove the WAL and shared-memory files of the database at path. */
static void remove_logs(const char *path)
{
	char *p = zdh_asprintf("%s-wal", path);

	unlink(p);
	free(p);
	p = zdh_asprintf("%s-shm", path);
	unlink(p);
	free(p);
}

static void remove_files(const char *path)
{
	unlink(path);
	remove_logs(path);
}

enum { DB_CURRENT, DB_EMPTY, DB_OLD, DB_GARBAGE };

/* Open index.db and say what it holds. */
static int open_db(struct zdh_index *idx, int *what)
{
	long long appid = 0, version = 0, tables = 0;
	int rc;

	/* serialized: a bulk transaction inserts its events on a second thread */
	if (sqlite3_open_v2(idx->path, &idx->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
			    SQLITE_OPEN_FULLMUTEX, NULL) != SQLITE_OK)
		return db_error(idx, _("cannot open index.db"));
	sqlite3_busy_timeout(idx->db, 30000);
	/* see "Checkpoints" above */
	sqlite3_db_config(idx->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
	/* (this also turns the automatic checkpoints off) */
	sqlite3_wal_hook(idx->db, wal_hook, idx);
	persist_wal(idx, 1);
	sqlite3_extended_result_codes(idx->db, 1);
	rc = pragma_int(idx, "PRAGMA application_id", &appid);
	if (!rc)
		rc = pragma_int(idx, "PRAGMA user_version", &version);
	if (!rc)
		rc = pragma_int(idx, "SELECT count(*) FROM sqlite_master", &tables);
	if (rc == SQLITE_NOTADB || rc == SQLITE_CORRUPT) {
		*what = DB_GARBAGE;
		return 0;
	}
	if (rc)
		return db_error(idx, _("cannot read index.db"));
	if (appid == ZDH_INDEX_APPLICATION_ID && version == ZDH_INDEX_SCHEMA_VERSION)
		*what = DB_CURRENT;
	else
		*what = tables ? DB_OLD : DB_EMPTY;
	return 0;
}

/* The column of records that holds field of kind ("p3"), as kinds_schema() names it. */
static int field_slot(const struct zdh_kind *kind, const char *name, size_t len)
{
	int i = 0;

	for (const struct zdh_field *f = kind->fields; f && f->name; f++, i++)
		if (strlen(f->name) == len && !strncmp(f->name, name, len))
			return i + 1;
	return 0;
}

/* A kind's SQL with each {field} replaced by the field's column of records. */
static void add_kind_sql(struct zdh_buf *sql, const struct zdh_kind *kind, const char *text)
{
	const char *p = text, *open, *close;

	while ((open = strchr(p, '{')) && (close = strchr(open, '}'))) {
		int slot = field_slot(kind, open + 1, (size_t)(close - open - 1));
		ZDH_ASSERT(slot > 0);	/* a kind's SQL names a field it does not declare */
		zdh_buf_add(sql, p, (size_t)(open - p));
		zdh_buf_addf(sql, "p%d", slot);
		p = close + 1;
	}
	zdh_buf_puts(sql, p);
}

/*
 * The kinds an index was built with.  Each row of the table kinds holds
 * a kind's fingerprint: a hash of everything in its struct zdh_kind that
 * decides what the index holds for it (its name, letter, version,
 * operations, projected fields, SQL, whether attachments are state).
 * A binary whose kind differs from the row (an upgrade, a downgrade, a
 * new kind) refolds that kind's records when it opens the index
 * (kinds_meet), and never asks for a reindex.  objects names what the
 * kind created in the index ("view:records_org index:records_org_name"),
 * so that a binary that does not know the kind can still drop it.
 */
static void kind_fingerprint(const struct zdh_kind *k, char hex[ZDH_OID_HEXSZ + 1])
{
	struct zdh_buf b = ZDH_BUF_INIT;
	unsigned char raw[ZDH_OID_RAWSZ];
	struct zdh_sha1 c;

	zdh_buf_addf(&b, "kind %s\nletter %d\nversion %u\nattachments %d\n", k->name,
		     k->letter, k->version, k->attachments_in_state);
	for (const struct zdh_op *o = k->ops; o->name; o++)
		zdh_buf_addf(&b, "op %s\n", o->name);
	for (const struct zdh_field *f = k->fields; f && f->name; f++)
		zdh_buf_addf(&b, "field %s %s %s\n", f->name, f->type, f->path);
	zdh_buf_addf(&b, "index %s\ntables %s\nderive %d\n", k->index_sql ? k->index_sql : "",
		     k->tables_sql ? k->tables_sql : "", k->derive != NULL);
	zdh_sha1_init(&c);
	zdh_sha1_update(&c, b.ptr, b.len);
	zdh_sha1_final(raw, &c);
	zdh_oid_tohex(hex, raw);
	zdh_buf_release(&b);
}

/* Append "type:name" of each object the CREATE statements of sql create. */
static void sql_objects(struct zdh_buf *out, const char *sql)
{
	const char *p = sql;

	while (p && *p) {
		const char *end = strchr(p, ';'), *type = NULL;
		size_t n;

		p += strspn(p, " \t\n");
		if (!strncasecmp(p, "CREATE ", 7)) {
			p += 7 + strspn(p + 7, " \t\n");
			if (!strncasecmp(p, "UNIQUE ", 7))
				p += 7 + strspn(p + 7, " \t\n");
			if (!strncasecmp(p, "TABLE ", 6))
				type = "table";
			else if (!strncasecmp(p, "INDEX ", 6))
				type = "index";
			else if (!strncasecmp(p, "VIEW ", 5))
				type = "view";
		}
		if (type) {
			p += strlen(type) + 1;
			p += strspn(p, " \t\n");
			if (!strncasecmp(p, "IF NOT EXISTS ", 14))
				p += 14 + strspn(p + 14, " \t\n");
			n = strcspn(p, " \t\n(;");
			ZDH_ASSERT(n > 0 && !memchr(p, '\'', n));
			zdh_buf_addf(out, "%s%s:%.*s", out->len ? " " : "", type, (int)n, p);
		}
		p = end ? end + 1 : NULL;
	}
}

/* What kind k creates in the index (see kinds_meet). */
static void kind_objects(struct zdh_buf *out, const struct zdh_kind *k)
{
	zdh_buf_addf(out, "view:records_%s", k->name);
	sql_objects(out, k->tables_sql);
	sql_objects(out, k->index_sql);
}

/* The row of kinds for k, as SQL. */
static void kind_row(struct zdh_buf *sql, const struct zdh_kind *k)
{
	struct zdh_buf objects = ZDH_BUF_INIT;
	char fp[ZDH_OID_HEXSZ + 1];

	kind_fingerprint(k, fp);
	kind_objects(&objects, k);
	zdh_buf_addf(sql, "INSERT OR REPLACE INTO kinds(name, fingerprint, objects)"
		     " VALUES('%s', '%s', '%s');", k->name, fp, objects.ptr);
	zdh_buf_release(&objects);
}

/* A kind's view and own tables (its indexes come with add_other_indexes). */
static void kind_schema(struct zdh_buf *sql, const struct zdh_kind *k)
{
	int slot = 1;

	for (const char *c = k->name; *c; c++)
		ZDH_ASSERT((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '_');
	zdh_buf_addf(sql, "CREATE VIEW records_%s AS SELECT id, prefix, n", k->name);
	for (const struct zdh_field *f = k->fields; f && f->name; f++, slot++) {
		ZDH_ASSERT(slot <= ZDH_KIND_FIELDS_MAX);
		zdh_buf_addf(sql, ", p%d AS \"%s\"", slot, f->name);
	}
	zdh_buf_addf(sql, ", state, conflicts, events, created, updated, head"
		     " FROM records WHERE kind = '%s';", k->name);
	if (k->tables_sql)
		zdh_buf_puts(sql, k->tables_sql);
	kind_row(sql, k);
}

/*
 * What the kinds add to the schema: each kind's view records_<kind>
 * naming its projected fields, its own tables, and its row in kinds.
 */
static void kinds_schema(struct zdh_buf *sql)
{
	for (size_t i = 0; zdh_kinds[i]; i++)
		kind_schema(sql, zdh_kinds[i]);
}

/* The CREATE INDEX statements the fold does not need, the kinds' among them. */
static void add_other_indexes(struct zdh_buf *sql)
{
	zdh_buf_puts(sql, other_indexes_sql);
	for (size_t i = 0; zdh_kinds[i]; i++)
		if (zdh_kinds[i]->index_sql)
			add_kind_sql(sql, zdh_kinds[i], zdh_kinds[i]->index_sql);
}

static int exec(struct zdh_index *idx, const char *sql);

/* Drop every secondary index of events and records but records_key (inside a transaction). */
static int drop_indexes(struct zdh_index *idx)
{
	struct zdh_buf sql = ZDH_BUF_INIT;
	sqlite3_stmt *s;
	int err;

	if (sqlite3_prepare_v2(idx->db, "SELECT name FROM sqlite_master WHERE type = 'index'"
			       " AND sql IS NOT NULL AND tbl_name IN ('events', 'records')"
			       " AND name != 'records_key'", -1, &s, NULL))
		return db_error(idx, "schema");
	while (sqlite3_step(s) == SQLITE_ROW)
		zdh_buf_addf(&sql, "DROP INDEX \"%s\";", (const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	err = sql.len ? exec(idx, sql.ptr) : 0;
	zdh_buf_release(&sql);
	if (!err)
		idx->id_index = idx->fold_index = 0;
	return err;
}

/*
 * During a rebuild: events_id and events_fold, made when a lookup first
 * needs them (a conflict between replicas, an event out of order).
 */
static int need_index(struct zdh_index *idx, int *made, const char *sql)
{
	int err;

	if (!idx->rebuilding || *made)
		return 0;
	if (!(err = exec(idx, sql)))
		*made = 1;
	return err;
}

static int need_id_index(struct zdh_index *idx)
{
	return need_index(idx, &idx->id_index, id_index_sql);
}

static int need_fold_index(struct zdh_index *idx)
{
	return need_index(idx, &idx->fold_index, fold_index_sql);
}

/*
 * The end of a rebuild: every index it dropped.  SQLite sorts the keys of
 * each in runs as large as the page cache, then merges them: runs of 2 MB
 * sort within the processor's cache, and a second thread merges while the
 * first sorts (a million events: 2.4 s with 8 MB runs and one thread, 1.75 s).
 */
static int create_indexes(struct zdh_index *idx)
{
	struct zdh_buf sql = ZDH_BUF_INIT;
	int err;

	if ((err = exec(idx, "PRAGMA cache_size = -2000; PRAGMA threads = 1")))
		return err;
	if (!(err = need_id_index(idx)) && !(err = need_fold_index(idx))) {
		add_other_indexes(&sql);
		err = exec(idx, sql.ptr);
	}
	zdh_buf_release(&sql);
	if (!err)
		err = exec(idx, "PRAGMA threads = 0; PRAGMA cache_size = " CACHE_SIZE);
	return err;
}

/* Drop whatever an older index holds and create the current schema. */
static int create_schema(struct zdh_index *idx)
{
	struct zdh_buf sql = ZDH_BUF_INIT;
	sqlite3_stmt *s;
	int err;

	if ((err = exec(idx, "PRAGMA journal_mode = WAL; BEGIN IMMEDIATE")))
		goto done;
	if (sqlite3_prepare_v2(idx->db, "SELECT type, name FROM sqlite_master"
			       " WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%'",
			       -1, &s, NULL)) {
		err = db_error(idx, "schema");
		exec(idx, "ROLLBACK");
		goto done;
	}
	while (sqlite3_step(s) == SQLITE_ROW)
		zdh_buf_addf(&sql, "DROP %s \"%s\";", (const char *)sqlite3_column_text(s, 0),
			     (const char *)sqlite3_column_text(s, 1));
	sqlite3_finalize(s);
	zdh_buf_puts(&sql, schema_sql);
	kinds_schema(&sql);
	zdh_buf_puts(&sql, id_index_sql);
	zdh_buf_puts(&sql, fold_index_sql);
	add_other_indexes(&sql);
	zdh_buf_addf(&sql, "PRAGMA application_id = %d; PRAGMA user_version = %d; COMMIT;",
		     ZDH_INDEX_APPLICATION_ID, ZDH_INDEX_SCHEMA_VERSION);
	err = exec(idx, sql.ptr);
	if (err)
		exec(idx, "ROLLBACK");
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
	char *lock = zdh_asprintf("%s/index.lock", idx->repo->gitdir);
	int fd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC, 0644), what, err;

	if (fd < 0 || flock(fd, LOCK_EX) < 0) {
		err = zdh_error_errno(ZDH_ERROR, _("cannot lock '%s'"), lock);
		goto done;
	}
	close_db(idx);
	if ((err = open_db(idx, &what)))
		goto done;
	if (what == DB_GARBAGE) {
		close_db(idx);
		remove_files(idx->path);
		if ((err = open_db(idx, &what)))
			goto done;
	}
	if (what != DB_CURRENT)
		err = create_schema(idx);
done:
	if (fd >= 0)
		close(fd);	/* releases the lock */
	free(lock);
	return err;
}

/*
 * index.use: every process holds it locked shared while it has index.db
 * open, so that a rebuild can tell when nobody else has (see rebuild_new).
 */
static int use_index(struct zdh_index *idx)
{
	char *path = zdh_asprintf("%s/index.use", idx->repo->gitdir);
	int err = 0;

	idx->use_fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	if (idx->use_fd < 0 || flock(idx->use_fd, LOCK_SH) < 0)
		err = zdh_error_errno(ZDH_ERROR, _("cannot lock '%s'"), path);
	free(path);
	return err;
}

/*
 * Lock index.use exclusively if nobody else has it, without waiting; 0
 * when done.  Linux drops the shared lock before it tries (flock(2): a
 * conversion is not atomic), so a failed attempt takes it back.
 */
static int use_exclusive(struct zdh_index *idx)
{
	if (!flock(idx->use_fd, LOCK_EX | LOCK_NB))
		return 0;
	flock(idx->use_fd, LOCK_SH);
	return -1;
}

static int set_pragmas(struct zdh_index *idx)
{
	/* (not WAL only after a crash in a bulk transaction: see "Direct writes") */
	journal_mode(idx, "wal");
	return exec(idx, "PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = OFF; PRAGMA mmap_size = 268435456;"
		    " PRAGMA cache_size = " CACHE_SIZE);
}

static int kinds_meet(struct zdh_index *idx);

int zdh_index_open(struct zdh_index **out, struct zdh_repo *repo)
{
	struct zdh_index *idx = zdh_calloc(1, sizeof(*idx));
	int what, err;

	idx->use_fd = -1;
	idx->repo = repo;
	idx->path = zdh_asprintf("%s/index.db", repo->gitdir);
	if ((err = use_index(idx))) {
		zdh_index_close(idx);
		return err;
	}
	err = open_db(idx, &what);
	if (!err && what != DB_CURRENT)
		err = make_current(idx);
	if (!err)
		err = set_pragmas(idx);
	if (!err)
		err = kinds_meet(idx);
	if (err) {
		zdh_index_close(idx);
		return err;
	}
	*out = idx;
	return 0;
}

static void counters_forget(struct zdh_index *idx);

void zdh_index_close(struct zdh_index *idx)
{
	if (!idx)
		return;
	rows_stop(idx);
	if (idx->db)
		direct_end(idx);
	close_db(idx);
	counters_forget(idx);
	if (idx->use_fd >= 0)
		close(idx->use_fd);	/* releases the lock */
	free(idx->path);
	free(idx);
}

/* Readers outside the index see every row of a bulk transaction: they wait for them. */
sqlite3 *zdh_index_db(struct zdh_index *idx)
{
	zdh_index_settle(idx);
	return idx->db;
}

sqlite3_stmt *zdh_index_cached(struct zdh_index *idx, const char *sql)
{
	return zdh_index_settle(idx) ? NULL : cached(idx, sql);
}

struct zdh_repo *zdh_index_repo(struct zdh_index *idx)
{
	return idx->repo;
}

/*
 * Counters.  Inside a transaction the highest number of each kind and
 * prefix is kept here, read once and written once at commit: an import
 * would otherwise read and update its counter row for every record.
 */
#define COUNTERS_MAX 64

struct counter {
	char kind[16], prefix[64];
	long long n, stored;
};

static void last_forget(struct zdh_index *idx);

static void fresh_forget(struct zdh_index *idx)
{
	free(idx->fresh_kind);
	free(idx->fresh_id);
	idx->fresh_kind = idx->fresh_id = NULL;
}

static void counters_forget(struct zdh_index *idx)
{
	last_forget(idx);
	fresh_forget(idx);
	free(idx->counters);
	idx->counters = NULL;
	idx->ncounters = 0;
}

/* The counter of kind and prefix, read on first use; NULL outside a transaction. */
static struct counter *counter(struct zdh_index *idx, const char *kind, const char *prefix)
{
	static const char sql[] = "SELECT n FROM counters WHERE kind = ?1 AND prefix = ?2";
	struct counter *c;
	sqlite3_stmt *s;

	if (sqlite3_get_autocommit(idx->db) || strlen(kind) >= sizeof(c->kind) ||
	    strlen(prefix) >= sizeof(c->prefix))
		return NULL;
	for (size_t i = 0; i < idx->ncounters; i++)
		if (!strcmp(idx->counters[i].prefix, prefix) && !strcmp(idx->counters[i].kind, kind))
			return &idx->counters[i];
	if (idx->ncounters == COUNTERS_MAX || !(s = cached(idx, sql)))
		return NULL;
	if (!idx->counters)
		idx->counters = zdh_calloc(COUNTERS_MAX, sizeof(*idx->counters));
	c = &idx->counters[idx->ncounters++];
	memset(c, 0, sizeof(*c));
	memcpy(c->kind, kind, strlen(kind) + 1);
	memcpy(c->prefix, prefix, strlen(prefix) + 1);
	sqlite3_bind_text(s, 1, kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, prefix, -1, SQLITE_STATIC);
	if (sqlite3_step(s) == SQLITE_ROW)
		c->n = c->stored = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return c;
}

/* Run the cached statement sql with ?1 a, ?2 b and ?3 n (an upsert into table). */
static int upsert(struct zdh_index *idx, const char *sql, const char *a, const char *b,
		  long long n, const char *table)
{
	sqlite3_stmt *s = cached(idx, sql);
	int rc;

	if (!s)
		return db_error(idx, table);
	sqlite3_bind_text(s, 1, a, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, b, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 3, n);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : db_error(idx, table);
}

static int store_counter(struct zdh_index *idx, const char *kind, const char *prefix, long long n)
{
	return upsert(idx, sql_counter, kind, prefix, n, "counters");
}

/* Record number n of kind and prefix exists. */
static int count_record(struct zdh_index *idx, const char *kind, const char *prefix, long long n)
{
	struct counter *c = counter(idx, kind, prefix);

	if (!c)
		return store_counter(idx, kind, prefix, n);
	if (n > c->n)
		c->n = n;
	return 0;
}

static int counters_flush(struct zdh_index *idx)
{
	int err = 0;

	for (size_t i = 0; i < idx->ncounters && !err; i++)
		if (idx->counters[i].n > idx->counters[i].stored)
			err = store_counter(idx, idx->counters[i].kind, idx->counters[i].prefix,
					    idx->counters[i].n);
	counters_forget(idx);
	return err;
}

/*
 * Bulk writes.  Writing an import's rows is half of the work of the
 * thread that folds its events; in a bulk transaction a second thread
 * (rowq) writes the events and records rows while the fold goes on, on
 * the same connection, each row under its mutex.  Events get their seq
 * here, in order, and the fold needs nothing else of them.  A record
 * written stays in memory as the last one (last_park) for its next event,
 * and its key goes into a set of hashes: reading a record of that set, or
 * the events table, or anything from outside the index waits for the rows
 * first (zdh_index_settle).  Reading any other record need not — no queued
 * row touches it.  Nor does has_other_events(), asked only of a record
 * that does not exist: a queued event row is of this transaction, checked
 * and applied, so its record exists.  A new record's number is fresh
 * (zdh_index_next_id), so an import of new records reads nothing at all:
 * reads from this thread while the other wrote made both wait on the
 * connection's mutex (an import of 100,000 issues 2.2 s instead of 1.6).
 */
enum { ROW_EVENT, ROW_RECORD };

int zdh_index_bulk(struct zdh_index *idx)
{
	static const char *const sql[] = { sql_insert_event_bulk, sql_put_record };

	if (idx->rows)
		return 0;
	if (pragma_int(idx, "SELECT coalesce(max(seq), 0) FROM events", &idx->last_seq))
		return db_error(idx, "events");
	return zdh_rowq_start(&idx->rows, idx->db, sql, 2);
}

int zdh_index_settle(struct zdh_index *idx)
{
	return idx->rows ? zdh_rowq_wait(idx->rows) : 0;
}

static int rows_stop(struct zdh_index *idx)
{
	int err = zdh_rowq_stop(idx->rows);

	idx->rows = NULL;
	free(idx->written);
	idx->written = NULL;
	idx->nwritten = idx->written_size = 0;
	return err;
}

static uint64_t key_hash(const char *kind, const char *id)
{
	uint64_t h = 14695981039346656037ULL;	/* FNV-1a */

	for (const char *p = kind; *p; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211ULL;
	h = (h ^ 0xff) * 1099511628211ULL;
	for (const char *p = id; *p; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211ULL;
	return h ? h : 1;	/* 0 marks an empty slot */
}

/* The slot of h in the set of written records: where it is, or where it would go. */
static size_t written_slot(const uint64_t *set, size_t size, uint64_t h)
{
	size_t i;

	for (i = h & (size - 1); set[i] && set[i] != h; i = (i + 1) & (size - 1))
		;
	return i;
}

/* Has this transaction written kind/id (or another key of the same hash)? */
static int written(const struct zdh_index *idx, const char *kind, const char *id)
{
	uint64_t h = key_hash(kind, id);

	return idx->written_size &&
		idx->written[written_slot(idx->written, idx->written_size, h)] == h;
}

static void written_add(struct zdh_index *idx, const char *kind, const char *id)
{
	uint64_t h = key_hash(kind, id);
	size_t i;

	if ((idx->nwritten + 1) * 2 > idx->written_size) {
		size_t size = idx->written_size ? 2 * idx->written_size : 4096;
		uint64_t *set = zdh_calloc(size, sizeof(*set));
		for (size_t k = 0; k < idx->written_size; k++)
			if (idx->written[k])
				set[written_slot(set, size, idx->written[k])] = idx->written[k];
		free(idx->written);
		idx->written = set;
		idx->written_size = size;
	}
	i = written_slot(idx->written, idx->written_size, h);
	if (!idx->written[i]) {
		idx->written[i] = h;
		idx->nwritten++;
	}
}

static void row_str(struct zdh_row *row, const char *s)
{
	zdh_row_text(row, s, s ? strlen(s) : 0);
}

/* An object id as 20 bytes, as bind_oid() binds it. */
static void row_oid(struct zdh_row *row, const char *hex)
{
	unsigned char raw[ZDH_OID_RAWSZ];

	if (hex && strlen(hex) == ZDH_OID_HEXSZ && !zdh_oid_fromhex(raw, hex))
		zdh_row_blob(row, raw, sizeof(raw));
	else
		row_str(row, hex);
}

/*
 * Direct writes.  A bulk transaction writes straight into index.db when
 * no other process has it open: under a rollback journal each page is
 * written once, where the WAL has it written twice, the second time by
 * the checkpoint at close (a fifth of an import of 100,000 issues into a
 * new repository).  Holding index.use exclusively keeps other processes
 * out until it ends (they wait to open the index); a crash leaves a hot
 * journal that the next opener rolls back, and set_pragmas() puts the WAL
 * back.  The WAL must not be persistent meanwhile: SQLite would go on
 * writing into it whatever the mode says.
 */
static int journal_mode(struct zdh_index *idx, const char *mode)
{
	char *sql = zdh_asprintf("PRAGMA journal_mode = %s", mode);
	sqlite3_stmt *s;
	int ok = 0;

	if (!sqlite3_prepare_v2(idx->db, sql, -1, &s, NULL)) {
		ok = sqlite3_step(s) == SQLITE_ROW &&
			!strcasecmp((const char *)sqlite3_column_text(s, 0), mode);
		sqlite3_finalize(s);
	}
	free(sql);
	return ok ? 0 : -1;
}

static void persist_wal(struct zdh_index *idx, int on)
{
	sqlite3_file_control(idx->db, "main", SQLITE_FCNTL_PERSIST_WAL, &on);
}

static void direct_end(struct zdh_index *idx)
{
	if (!idx->direct)
		return;
	idx->direct = 0;
	journal_mode(idx, "wal");
	persist_wal(idx, 1);
	exec(idx, "PRAGMA synchronous = NORMAL");
	flock(idx->use_fd, LOCK_SH);
}

int zdh_index_begin_bulk(struct zdh_index *idx)
{
	if (!use_exclusive(idx)) {
		idx->direct = 1;
		persist_wal(idx, 0);
		if (journal_mode(idx, "delete") || exec(idx, "PRAGMA synchronous = FULL"))
			direct_end(idx);
	}
	return zdh_index_begin(idx);
}

int zdh_index_begin(struct zdh_index *idx)
{
	counters_forget(idx);
	return exec(idx, "BEGIN IMMEDIATE");
}

int zdh_index_commit(struct zdh_index *idx)
{
	int err = rows_stop(idx);

	if (!err)
		err = counters_flush(idx);
	if (!err && !(err = exec(idx, "COMMIT")))
		direct_end(idx);
	return err;
}

void zdh_index_rollback(struct zdh_index *idx)
{
	rows_stop(idx);
	counters_forget(idx);
	if (!sqlite3_get_autocommit(idx->db))
		sqlite3_exec(idx->db, "ROLLBACK", NULL, NULL, NULL);
	direct_end(idx);
}

int zdh_index_prefix_used(struct zdh_index *idx, const char *prefix, int *used)
{
	sqlite3_stmt *s;
	int rc;

	*used = 0;
	if ((rc = zdh_index_settle(idx)))
		return rc;
	if (sqlite3_prepare_v2(idx->db, "SELECT 1 FROM records WHERE prefix = ?1 LIMIT 1",
			       -1, &s, NULL))
		return db_error(idx, "records");
	sqlite3_bind_text(s, 1, prefix, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	*used = rc == SQLITE_ROW;
	sqlite3_finalize(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : db_error(idx, "records");
}

long long zdh_index_max_clock(struct zdh_index *idx)
{
	long long n = 0;
	pragma_int(idx, "SELECT coalesce(max(clock), 0) FROM logs", &n);
	return n;
}

/* "XQ-O12" -> prefix "XQ", n 12 (for the kind's letter); -1 when not of that form. */
static long long split_id(const char *id, char letter, char *prefix, size_t size)
{
	const char *dash = strrchr(id, '-'), *p;
	char *end;
	long long n;

	if (!dash || (size_t)(dash - id) >= size)
		return -1;
	p = dash + 1;
	if (letter) {
		if (*p != letter)
			return -1;
		p++;
	}
	if (*p < '1' || *p > '9')
		return -1;
	n = strtoll(p, &end, 10);
	if (*end)
		return -1;
	memcpy(prefix, id, (size_t)(dash - id));
	prefix[dash - id] = '\0';
	return n;
}

/* Has an event of a replica not owning prefix named number n of it? (count_number) */
static int foreign_named(struct zdh_index *idx, const struct zdh_kind *kind, const char *prefix,
			 long long n)
{
	char name[64];
	struct counter *c;

	snprintf(name, sizeof(name), "%s!", kind->name);
	c = counter(idx, name, prefix);
	return c && c->n >= n;
}

char *zdh_index_next_id(struct zdh_index *idx, const struct zdh_kind *kind, const char *prefix)
{
	struct counter *c = counter(idx, kind->name, prefix);
	sqlite3_stmt *s;
	long long n = 0;
	char *id;

	static const char sql[] = "SELECT n FROM counters WHERE kind = ?1 AND prefix = ?2";

	if (c)
		n = c->n;
	else if ((s = cached(idx, sql))) {
		sqlite3_bind_text(s, 1, kind->name, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 2, prefix, -1, SQLITE_STATIC);
		if (sqlite3_step(s) == SQLITE_ROW)
			n = sqlite3_column_int64(s, 0);
		sqlite3_reset(s);
	}
	id = kind->letter ? zdh_asprintf("%s-%c%lld", prefix, kind->letter, n + 1) :
		zdh_asprintf("%s-%lld", prefix, n + 1);
	/*
	 * Inside a transaction nothing has this number yet: the counter is
	 * above every number of the prefix that a record or an event, even a
	 * refused one, has (count_number), and only this replica numbers
	 * records with its prefix (DESIGN §1; zdh clone refuses a prefix in
	 * use), so no other replica's event can name it either.
	 */
	fresh_forget(idx);
	if (c && !foreign_named(idx, kind, prefix, n + 1)) {
		idx->fresh_kind = zdh_strdup(kind->name);
		idx->fresh_id = zdh_strdup(id);
	}
	return id;
}

int zdh_index_tip(struct zdh_index *idx, const char *replica, char tip[41])
{
	sqlite3_stmt *s;

	tip[0] = '\0';
	if (sqlite3_prepare_v2(idx->db, "SELECT tip FROM logs WHERE replica = ?1", -1, &s, NULL))
		return db_error(idx, "logs");
	sqlite3_bind_text(s, 1, replica, -1, SQLITE_STATIC);
	if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_bytes(s, 0) == 40)
		memcpy(tip, sqlite3_column_text(s, 0), 41);
	sqlite3_finalize(s);
	return 0;
}

int zdh_index_set_tip(struct zdh_index *idx, const char *replica, const char *tip,
		      long long clock)
{
	static const char sql[] =
		"INSERT INTO logs(replica, tip, clock) VALUES(?1, ?2, ?3)"
		" ON CONFLICT(replica) DO UPDATE SET tip = excluded.tip,"
		" clock = max(clock, excluded.clock)";

	return upsert(idx, sql, replica, tip, clock, "logs");
}

struct record {
	json_t *state;		/* NULL when the record does not exist yet */
	json_t *setters;	/* field -> event id that set it last */
	json_t *conflicts;	/* [{"field":..., "events":[a, b]}] */
	json_t *derived;	/* its state as its kind's tables last saw it (kinds with derive()) */
	char head[41];
	char head_replica[64];
	long long head_clock;
	long long events;
	long long created, updated;	/* when its first and latest events happened */
	int exists;		/* it has a row in records */
	int dirty;		/* changed since it was loaded or stored */
	int fresh;		/* numbered by zdh_index_next_id(): no row, no events */
};

static int load_record(struct zdh_index *idx, const char *kind, const char *id, struct record *r);
static void record_clear(struct record *r);

/*
 * The record a transaction's write reads to check an event is the one it
 * then folds the event into: zdh_index_record() keeps what it loaded
 * (sharing the state and conflicts it gives out), and
 * zdh_index_apply_checked() takes it instead of reading the row again.
 * Anything else that writes a record forgets it.  So a caller must not
 * use what zdh_index_record() gave once an event has been applied to
 * that record.
 */
struct last {
	char *kind, *id;
	struct record *r;
};

static void last_forget(struct zdh_index *idx)
{
	if (!idx->last)
		return;
	if (idx->last->r)
		record_clear(idx->last->r);
	free(idx->last->r);
	free(idx->last->kind);
	free(idx->last->id);
	free(idx->last);
	idx->last = NULL;
}

static int is_last(struct zdh_index *idx, const char *kind, const char *id)
{
	return idx->last && idx->last->r && !strcmp(idx->last->id, id) &&
		!strcmp(idx->last->kind, kind);
}

/* The record last read for kind/id, now the caller's; NULL when it is another. */
static struct record *last_take(struct zdh_index *idx, const char *kind, const char *id)
{
	struct record *r = NULL;

	if (is_last(idx, kind, id)) {
		r = idx->last->r;
		idx->last->r = NULL;
	}
	last_forget(idx);
	return r;
}

/* Keep r (moved) as the last record of kind/id. */
static void last_park(struct zdh_index *idx, const char *kind, const char *id, struct record *r)
{
	last_forget(idx);
	idx->last = zdh_calloc(1, sizeof(*idx->last));
	idx->last->kind = zdh_strdup(kind);
	idx->last->id = zdh_strdup(id);
	idx->last->r = zdh_malloc(sizeof(*r));
	*idx->last->r = *r;
	memset(r, 0, sizeof(*r));
}

static void record_out(struct zdh_record *out, const struct record *r)
{
	if (r->state)
		out->state = json_incref(r->state);
	if (r->conflicts)
		out->conflicts = json_incref(r->conflicts);
	memcpy(out->head, r->head, sizeof(out->head));
	out->created = r->created;
}

/* zdh_index_record(), which keeps the record as the last when keep is set. */
static int read_record(struct zdh_index *idx, const char *kind, const char *id,
		       struct zdh_record *out, int keep)
{
	struct record *r;
	int err = 0;

	memset(out, 0, sizeof(*out));
	if (is_last(idx, kind, id)) {
		record_out(out, idx->last->r);
		return 0;
	}
	if (keep)
		last_forget(idx);
	r = zdh_calloc(1, sizeof(*r));
	if (keep && idx->fresh_id && !strcmp(idx->fresh_id, id) && !strcmp(idx->fresh_kind, kind)) {
		r->fresh = 1;
		fresh_forget(idx);	/* (it exists once folded) */
	} else {
		err = load_record(idx, kind, id, r);
	}
	if (err || (r->exists && !r->state)) {
		record_clear(r);
		free(r);
		return err ? err : zdh_error_set(ZDH_ERROR, _("index: cannot read %s %s"), kind, id);
	}
	record_out(out, r);
	if (keep && !sqlite3_get_autocommit(idx->db))
		last_park(idx, kind, id, r);
	record_clear(r);
	free(r);
	return 0;
}

int zdh_index_record(struct zdh_index *idx, const char *kind, const char *id,
		     struct zdh_record *out)
{
	return read_record(idx, kind, id, out, 1);
}

void zdh_record_clear(struct zdh_record *r)
{
	if (r->state)
		json_decref(r->state);
	if (r->conflicts)
		json_decref(r->conflicts);
	memset(r, 0, sizeof(*r));
}


/*
 * The two below read what zdh_index_record reads and keep a part; they
 * leave the last record as it was (a check reading an org between an
 * import's events of one issue).
 */
int zdh_index_state(struct zdh_index *idx, const char *kind, const char *id,
		    json_t **state, char head[41])
{
	struct zdh_record r;
	int err = read_record(idx, kind, id, &r, 0);

	*state = NULL;
	if (err)
		return err;
	if (!r.state)
		return ZDH_ENOTFOUND;
	*state = json_incref(r.state);
	if (head)
		memcpy(head, r.head, sizeof(r.head));
	zdh_record_clear(&r);
	return 0;
}

int zdh_index_conflicts(struct zdh_index *idx, const char *kind, const char *id, json_t **out)
{
	struct zdh_record r;
	int err = read_record(idx, kind, id, &r, 0);

	*out = NULL;
	if (err)
		return err;
	*out = r.conflicts ? json_incref(r.conflicts) : NULL;
	zdh_record_clear(&r);
	return 0;
}

/* ---- the fold ---- */


static void record_clear(struct record *r)
{
	if (r->state)
		json_decref(r->state);
	if (r->setters)
		json_decref(r->setters);
	if (r->conflicts)
		json_decref(r->conflicts);
	if (r->derived)
		json_decref(r->derived);
	memset(r, 0, sizeof(*r));
}

static int load_record(struct zdh_index *idx, const char *kind, const char *id, struct record *r)
{
	const struct zdh_kind *k;
	sqlite3_stmt *s;
	int rc;

	memset(r, 0, sizeof(*r));
	if (idx->rows && written(idx, kind, id) && (rc = zdh_index_settle(idx)))
		return rc;
	if (!(s = cached(idx, sql_get_record)))
		return db_error(idx, "records");
	sqlite3_bind_text(s, 1, kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, id, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		r->exists = 1;
		r->state = zdh_json_parse((const char *)sqlite3_column_text(s, 0),
				(size_t)sqlite3_column_bytes(s, 0), NULL);
		snprintf(r->head, sizeof(r->head), "%s", (const char *)sqlite3_column_text(s, 1));
		r->head_clock = sqlite3_column_int64(s, 2);
		snprintf(r->head_replica, sizeof(r->head_replica), "%s",
			 (const char *)sqlite3_column_text(s, 3));
		r->events = sqlite3_column_int64(s, 4);
		if (sqlite3_column_type(s, 5) == SQLITE_TEXT)
			r->setters = zdh_json_parse((const char *)sqlite3_column_text(s, 5),
					(size_t)sqlite3_column_bytes(s, 5), NULL);
		if (sqlite3_column_type(s, 6) == SQLITE_TEXT)
			r->conflicts = zdh_json_parse((const char *)sqlite3_column_text(s, 6),
					(size_t)sqlite3_column_bytes(s, 6), NULL);
		r->created = sqlite3_column_int64(s, 7);
		r->updated = sqlite3_column_int64(s, 8);
		rc = SQLITE_DONE;
		if (r->state && (k = zdh_kind_find(kind)) && k->derive)
			r->derived = json_deep_copy(r->state);
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : db_error(idx, "records");
}

static char *dumps(const json_t *j)
{
	struct zdh_buf b = ZDH_BUF_INIT;

	if (!j)
		return NULL;
	if (zdh_json_canonical(&b, j) < 0) {
		zdh_buf_release(&b);
		return json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS);
	}
	return zdh_buf_detach(&b);
}

/*
 * ... but its number is taken all the same: a number that any event names
 * is never given out again by zdh_index_next_id() (which lets a write
 * treat the number it gets as fresh: no row, no events).  A rebuild too.
 */
static int count_number(struct zdh_index *idx, const struct zdh_kind *kind, const char *id,
			int foreign)
{
	char prefix[64], name[64];
	long long n = split_id(id, kind->letter, prefix, sizeof(prefix));

	if (n <= 0)
		return 0;
	if (!foreign)
		return count_record(idx, kind->name, prefix, n);
	/*
	 * named by a replica that does not own the prefix (core/prefix.c):
	 * the number stays the owner's to give, but it is not fresh any more
	 * (zdh_index_next_id), so its record will be folded with that event
	 */
	snprintf(name, sizeof(name), "%s!", kind->name);
	return count_record(idx, name, prefix, n);
}

/* The value at path ("charter.quorum") of state; NULL when there is none. */
static json_t *field_value(const json_t *state, const char *path)
{
	const char *dot;
	json_t *v = (json_t *)state;

	while (v && (dot = strchr(path, '.'))) {
		char key[64];
		size_t n = (size_t)(dot - path);
		if (n >= sizeof(key))
			return NULL;
		memcpy(key, path, n);
		key[n] = '\0';
		v = json_object_get(v, key);
		path = dot + 1;
	}
	return v ? json_object_get(v, path) : NULL;
}

/* The values of kind's projected fields (p1..p8), NULL when not of the field's type. */
static void project(struct zdh_row *row, const struct zdh_kind *kind, const json_t *state)
{
	const struct zdh_field *f = kind->fields;
	int slot;

	for (slot = 0; slot < ZDH_KIND_FIELDS_MAX; slot++) {
		json_t *v = f && f->name && state ? field_value(state, f->path) : NULL;
		if (!v)
			zdh_row_null(row);
		else if (f->type[0] == 'T')
			row_str(row, json_string_value(v));
		else if (f->type[0] == 'I' && (json_is_integer(v) || json_is_boolean(v)))
			zdh_row_int(row, json_is_integer(v) ? json_integer_value(v) : json_is_true(v));
		else if (f->type[0] == 'R' && json_is_number(v))
			zdh_row_real(row, json_number_value(v));
		else
			zdh_row_null(row);
		if (f && f->name)
			f++;
	}
}

/* Tell kind's derive() that the state of r changed since its tables last saw it. */
static int derive(struct zdh_index *idx, const struct zdh_kind *kind, const char *id,
		  struct record *r)
{
	int err = kind->derive(idx, id, r->derived, r->state);

	if (err)
		return err;
	if (r->derived)
		json_decref(r->derived);
	r->derived = r->state ? json_deep_copy(r->state) : NULL;
	return 0;
}

static int store_record(struct zdh_index *idx, const struct zdh_kind *kind, const char *id,
			struct record *r)
{
	struct zdh_row row;
	sqlite3_stmt *s = NULL;
	char prefix[64];
	long long n = split_id(id, kind->letter, prefix, sizeof(prefix));
	int rc, err = 0;

	last_forget(idx);
	if (idx->rows)
		zdh_rowq_row(idx->rows, ROW_RECORD, &row);
	else if ((s = cached(idx, sql_put_record)))
		zdh_row_direct(&row, s);
	else
		return db_error(idx, "records");
	if (n < 0) {
		snprintf(prefix, sizeof(prefix), "%s", id);
		n = 0;
	}
	row_str(&row, kind->name);
	row_str(&row, id);
	row_str(&row, prefix);
	zdh_row_int(&row, n);
	zdh_row_text_owned(&row, r->state ? dumps(r->state) : zdh_strdup("{}"));
	row_str(&row, r->head);
	zdh_row_int(&row, r->head_clock);
	row_str(&row, r->head_replica);
	zdh_row_int(&row, r->events);
	zdh_row_text_owned(&row, r->setters && json_object_size(r->setters) ? dumps(r->setters) : NULL);
	zdh_row_text_owned(&row, r->conflicts && json_array_size(r->conflicts) ?
			   dumps(r->conflicts) : NULL);
	zdh_row_int(&row, r->created);
	zdh_row_int(&row, r->updated);
	project(&row, kind, r->state);
	if (idx->rows) {
		written_add(idx, kind->name, id);
		err = zdh_rowq_push(idx->rows);
	} else {
		rc = sqlite3_step(s);
		sqlite3_reset(s);
		if (rc != SQLITE_DONE)
			err = db_error(idx, "records");
	}
	if (err)
		return err;
	r->dirty = 0;
	if (kind->derive && (err = derive(idx, kind, id, r)))
		return err;
	/* (a rebuild counts them all at the end, in one statement) */
	if (n > 0 && !r->exists && !idx->rebuilding && (rc = count_record(idx, kind->name, prefix, n)))
		return rc;
	r->exists = 1;
	return 0;
}

/* The id, replica and clock of the event at seq; -1 when there is none. */
static int event_at(struct zdh_index *idx, long long seq, char id[41], char rep[64],
		    long long *clock)
{
	sqlite3_stmt *s;
	int found;

	id[0] = rep[0] = '\0';
	*clock = 0;
	if (zdh_index_settle(idx) || !(s = cached(idx, sql_event_by_seq)))
		return -1;
	sqlite3_bind_int64(s, 1, seq);
	if ((found = sqlite3_step(s) == SQLITE_ROW)) {
		column_oid(s, 0, id);
		snprintf(rep, 64, "%s", (const char *)sqlite3_column_text(s, 1));
		*clock = sqlite3_column_int64(s, 2);
	}
	sqlite3_reset(s);
	return found ? 0 : -1;
}

/*
 * Had the writer of ev seen event `other` (of replica rep, at clock)?  Yes
 * when other is earlier on ev's own log, or on the chain of events ev had
 * seen, or earlier on the log of an event of that chain (a log is always
 * fetched whole).  When in doubt the answer is no, and a conflict is shown
 * rather than hidden.
 */
static int knows(struct zdh_index *idx, const struct zdh_event *ev, const char *other,
		 const char *rep, long long clock)
{
	sqlite3_stmt *s;
	char cur[41];
	int steps = 0;

	if (!strcmp(rep, ev->replica) && clock < ev->clock)
		return 1;
	if (!ev->seen || zdh_index_settle(idx) || need_id_index(idx) ||
	    !(s = cached(idx, sql_event_seen)))
		return 0;
	snprintf(cur, sizeof(cur), "%s", ev->seen);
	while (cur[0] && steps++ < 100000) {
		if (!strcmp(cur, other))
			return 1;
		sqlite3_reset(s);
		bind_oid(s, 1, cur);
		if (sqlite3_step(s) != SQLITE_ROW)
			break;
		if (!strcmp((const char *)sqlite3_column_text(s, 1), rep) &&
		    sqlite3_column_int64(s, 2) > clock) {
			sqlite3_reset(s);
			return 1;
		}
		column_oid(s, 0, cur);
	}
	sqlite3_reset(s);
	return 0;
}

/* Is id listed in ev's data.resolves? */
static int resolves(const struct zdh_event *ev, const char *id)
{
	json_t *r = json_object_get(ev->data, "resolves"), *v;
	size_t i;

	json_array_foreach(r, i, v)
		if (json_is_string(v) && !strcmp(json_string_value(v), id))
			return 1;
	return 0;
}

/* Did ev's writer see event id: known by the rules above, or listed in data.resolves. */
static int saw(struct zdh_index *idx, const struct zdh_event *ev, const char *id)
{
	sqlite3_stmt *s;
	char rep[64] = "";
	long long clock = 0;

	if (resolves(ev, id))
		return 1;
	if (!zdh_index_settle(idx) && !need_id_index(idx) &&
	    (s = cached(idx, sql_event_seen))) {
		bind_oid(s, 1, id);
		if (sqlite3_step(s) == SQLITE_ROW) {
			snprintf(rep, sizeof(rep), "%s", (const char *)sqlite3_column_text(s, 1));
			clock = sqlite3_column_int64(s, 2);
		}
		sqlite3_reset(s);
	}
	return knows(idx, ev, id, rep, clock);
}

/* The same for the event at seq, whose id goes to id[]; 1 too when there is none. */
static int saw_seq(struct zdh_index *idx, const struct zdh_event *ev, long long seq, char id[41])
{
	char rep[64];
	long long clock;

	if (event_at(idx, seq, id, rep, &clock))
		return 1;
	return resolves(ev, id) || knows(idx, ev, id, rep, clock);
}

/* ev (at seq) sets fields of r: who set each last, and the conflicts of concurrent edits. */
static void track_fields(struct zdh_index *idx, struct record *r, const struct zdh_event *ev,
			 long long seq)
{
	json_t *set = json_object_get(ev->data, "set");
	const char *field;
	json_t *v;

	if (!json_is_object(set))
		return;
	if (!r->setters)
		r->setters = json_object();
	if (!r->conflicts)
		r->conflicts = json_array();
	json_object_foreach(set, field, v) {
		json_int_t last = json_integer_value(json_object_get(r->setters, field));
		char last_id[41];
		size_t i;
		json_t *c;
		int settled = 1;

		/* an edit that has seen every side of a conflict on field settles it */
		json_array_foreach(r->conflicts, i, c) {
			json_t *evs, *e;
			size_t k;
			if (strcmp(json_string_value(json_object_get(c, "field")), field))
				continue;
			evs = json_object_get(c, "events");
			json_array_foreach(evs, k, e)
				if (!saw(idx, ev, json_string_value(e)))
					settled = 0;
			if (settled) {
				json_array_remove(r->conflicts, i);
				break;
			}
			json_array_append_new(evs, json_string(ev->id));
			break;
		}
		if (last && settled && last != seq && !saw_seq(idx, ev, last, last_id)) {
			json_t *c2 = json_object();
			json_object_set_new(c2, "field", json_string(field));
			json_object_set_new(c2, "events", json_pack("[ss]", last_id, ev->id));
			json_array_append_new(r->conflicts, c2);
		}
		json_object_set_new(r->setters, field, json_integer(seq));
	}
}

static int set_effect(struct zdh_index *idx, long long seq, int effect, const char *note)
{
	sqlite3_stmt *s;
	int rc;

	if (zdh_index_settle(idx) || !(s = cached(idx, sql_set_effect)))
		return db_error(idx, "events");
	sqlite3_bind_int64(s, 1, seq);
	sqlite3_bind_int(s, 2, effect);
	if (note)
		sqlite3_bind_text(s, 3, note, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : db_error(idx, "events");
}

static int insert_event(struct zdh_index *idx, const struct zdh_event *ev, const char *json,
			int effect, const char *note, long long *seq);

/* snprintf(dst, size, "%s", src) without the cost of a format (the fold does it twice an event). */
static void copy_str(char *dst, size_t size, const char *src)
{
	size_t n = strnlen(src, size - 1);

	memcpy(dst, src, n);
	dst[n] = '\0';
}

/*
 * Fold one event into r (already loaded) and store it, or only mark it
 * dirty when defer is set (the record cache of fold_new stores it later).
 * json is NULL when the event's row exists at seq (its effect is updated),
 * else the row is inserted with its effect: one statement less on the
 * write path.
 */
static int fold_one(struct zdh_index *idx, struct record *r, const struct zdh_event *ev,
		    const char *json, long long seq, int checked, int defer)
{
	const struct zdh_kind *kind = zdh_kind_find(ev->kind);
	const struct zdh_op *op = kind ? zdh_kind_op(kind, ev->op) : NULL;
	const char *note = NULL;
	int err, foreign = 0;

	/* kept and relayed, folded by a zdh that knows the kind (kinds_meet) */
	if (!kind)
		return json ? insert_event(idx, ev, json, ZDH_EFFECT_UNKNOWN_KIND, NULL, NULL) :
			set_effect(idx, seq, ZDH_EFFECT_UNKNOWN_KIND, NULL);
	if (!op)
		note = _("unknown operation");
	else if (!checked) {
		err = op->check(r->state, ev);
		if (err == ZDH_ERROR)
			return err;
		if (err < 0)
			note = zdh_error_msg();
		/* it would create the record: only the prefix's owner may (core/prefix.c) */
		else if (!r->state && zdh_prefix_may_create(idx->repo->config, ev) < 0)
			note = zdh_error_msg();
	}
	if (json)
		err = insert_event(idx, ev, json, note ? 0 : 1, note, &seq);
	else if (note || !idx->rows_applied)
		err = set_effect(idx, seq, note ? 0 : 1, note);
	else
		err = 0;
	if (err < 0)
		return err;
	if (!note) {
		if (!r->state)
			r->state = json_object();
		zdh_kind_apply(kind, op, r->state, ev);
		track_fields(idx, r, ev, seq);
	}
	copy_str(r->head, sizeof(r->head), ev->id);
	copy_str(r->head_replica, sizeof(r->head_replica), ev->replica);
	r->head_clock = ev->clock;
	r->events++;
	if (!r->state) {	/* refused before the record ever existed: nothing to store, */
		/* (a number named by a replica not owning its prefix is not taken) */
		foreign = zdh_prefix_may_create(idx->repo->config, ev) < 0;
		return count_number(idx, kind, ev->record, foreign);
	}
	if (!r->exists && !r->created)
		r->created = ev->date.t;
	r->updated = ev->date.t;
	r->dirty = 1;
	return defer ? 0 : store_record(idx, kind, ev->record, r);
}

/*
 * Is ev's summary "KIND OP RECORD", as zdh writes for most events?  Its
 * row keeps NULL then, and the queries spell it out (SUMMARY_COLUMN).
 */
static int default_summary(const struct zdh_event *ev)
{
	const char *p = ev->summary;
	size_t k = strlen(ev->kind), o = strlen(ev->op);

	return p && !strncmp(p, ev->kind, k) && p[k] == ' ' && !strncmp(p + k + 1, ev->op, o) &&
		p[k + 1 + o] == ' ' && !strcmp(p + k + o + 2, ev->record);
}

#define SUMMARY_COLUMN "coalesce(summary, kind || ' ' || op || ' ' || record)"

/*
 * effect < 0: not folded yet.  Returns 1 when the event was there already.
 * Its seq goes to *seq when given.  In a bulk transaction the row goes to
 * the inserting thread instead, with the next seq, and 0 is returned.
 */
static int insert_event(struct zdh_index *idx, const struct zdh_event *ev, const char *json,
			int effect, const char *note, long long *seq)
{
	struct zdh_buf data = ZDH_BUF_INIT;
	struct zdh_row row;
	sqlite3_stmt *s = NULL;
	size_t at, len;
	int rc, err = 0;

	if (!idx->rows && !(s = cached(idx, sql_insert_event)))
		return db_error(idx, "events");
	/* the row keeps the data alone: every other field has its column */
	if (zdh_event_data_span(json, strlen(json), &at, &len)) {
		struct zdh_event full;
		memset(&full, 0, sizeof(full));
		if (zdh_event_decode_opts(&full, json, strlen(json), ZDH_EVENT_TRUSTED) ||
		    zdh_json_canonical(&data, full.data) < 0) {
			zdh_event_clear(&full);
			zdh_buf_release(&data);
			return zdh_error_set(ZDH_ERROR, _("index: cannot store event %s"), ev->id);
		}
		zdh_event_clear(&full);
		at = 0;
		len = data.len;
	}
	if (idx->rows) {
		zdh_rowq_row(idx->rows, ROW_EVENT, &row);
		zdh_row_int(&row, ++idx->last_seq);
	} else {
		zdh_row_direct(&row, s);
		zdh_row_null(&row);
	}
	row_oid(&row, ev->id);
	row_str(&row, ev->replica);
	zdh_row_int(&row, ev->clock);
	row_str(&row, ev->kind);
	row_str(&row, ev->record);
	row_str(&row, ev->op);
	row_str(&row, ev->actor.name);
	row_str(&row, ev->actor.email);
	row_str(&row, ev->actor.dept);
	zdh_row_int(&row, ev->date.t);
	zdh_row_int(&row, ev->date.offset);
	zdh_row_int(&row, ev->recorded.t);
	zdh_row_int(&row, ev->recorded.offset);
	row_oid(&row, ev->seen);
	row_str(&row, default_summary(ev) ? NULL : ev->summary ? ev->summary : ev->op);
	zdh_row_text(&row, data.len ? data.ptr : json + at, len);
	row_str(&row, ev->tree);
	if (effect >= 0)
		zdh_row_int(&row, effect);
	else
		zdh_row_null(&row);
	zdh_row_text_owned(&row, note ? zdh_strdup(note) : NULL);
	if (idx->rows) {
		zdh_buf_release(&data);
		if (seq)
			*seq = idx->last_seq;
		return zdh_rowq_push(idx->rows);
	}
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	zdh_buf_release(&data);
	if (rc != SQLITE_DONE)
		err = db_error(idx, "events");
	else if (!sqlite3_changes(idx->db))
		err = 1;	/* had it already */
	else if (seq)
		*seq = sqlite3_last_insert_rowid(idx->db);
	return err;
}

static int sorts_after(const struct zdh_event *ev, const struct record *r)
{
	int c;

	if (ev->clock != r->head_clock)
		return ev->clock > r->head_clock;
	c = strcmp(ev->replica, r->head_replica);
	if (c)
		return c > 0;
	return strcmp(ev->id, r->head) > 0;
}

static int refold(struct zdh_index *idx, const char *kind, const char *id);

/* Does the index hold events of ev's record other than ev? */
static int has_other_events(struct zdh_index *idx, const struct zdh_event *ev)
{
	static const char sql[] =
		"SELECT 1 FROM events WHERE kind = ?1 AND record = ?2 AND id != ?3"
		" AND effect IS NOT " INVALID " LIMIT 1";
	sqlite3_stmt *s = cached(idx, sql);
	int found;

	if (!s)
		return 0;
	sqlite3_bind_text(s, 1, ev->kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, ev->record, -1, SQLITE_STATIC);
	bind_oid(s, 3, ev->id);
	found = sqlite3_step(s) == SQLITE_ROW;
	sqlite3_reset(s);
	return found;
}

/*
 * The records a catch-up folds into, kept in memory between their events
 * and written when evicted or when the catch-up ends: a rebuild would
 * otherwise decode and encode a record's state for every event.  Only
 * fold_new uses it, inside its transaction, and nothing reads the records
 * table before it is flushed (a fold's checks look at the record alone).
 */
#define RCACHE_MAX 4096

struct rentry {
	char *kind, *id;
	unsigned hash;
	struct record r;
	struct rentry *chain;		/* same bucket */
	struct rentry *newer, *older;	/* least recently used last */
};

#define LATE_BUCKETS 1024

struct late {
	char *kind, *id;
	unsigned hash;
	struct late *chain;	/* same bucket */
	struct late *next;	/* all of them */
};

#define STORED_BITS (8u << 20)	/* 1 MiB */

struct rcache {
	struct rentry *bucket[2 * RCACHE_MAX];
	/*
	 * A rebuild's records start with no row: only those it has stored
	 * (evicted) need reading back.  Bit (hash % STORED_BITS) is set for
	 * each, and a record whose bit is clear is not looked for.
	 */
	unsigned char *stored;
	struct late *late[LATE_BUCKETS];	/* records a rebuild folds again at its end */
	struct late *lates;
	struct rentry *newest, *oldest;
	size_t n, max;
	long long evicted;
};

static unsigned rhash(const char *kind, const char *id)
{
	unsigned h = 2166136261u;

	for (; *kind; kind++)
		h = (h ^ (unsigned char)*kind) * 16777619u;
	for (; *id; id++)
		h = (h ^ (unsigned char)*id) * 16777619u;
	return h;
}

static void lru_unlink(struct rcache *c, struct rentry *e)
{
	if (e->newer)
		e->newer->older = e->older;
	else
		c->newest = e->older;
	if (e->older)
		e->older->newer = e->newer;
	else
		c->oldest = e->newer;
	e->newer = e->older = NULL;
}

static void lru_push(struct rcache *c, struct rentry *e)
{
	e->older = c->newest;
	e->newer = NULL;
	if (c->newest)
		c->newest->newer = e;
	c->newest = e;
	if (!c->oldest)
		c->oldest = e;
}

/* Store e if it changed, and forget it. */
static int rcache_drop(struct zdh_index *idx, struct rcache *c, struct rentry *e)
{
	struct rentry **p = &c->bucket[e->hash % (2 * RCACHE_MAX)];
	const struct zdh_kind *kind;
	int err = 0;

	if (e->r.dirty && e->r.state && (kind = zdh_kind_find(e->kind))) {
		err = store_record(idx, kind, e->id, &e->r);
		if (c->stored)
			c->stored[e->hash % STORED_BITS / 8] |= (unsigned char)(1u << (e->hash % 8));
	}
	while (*p != e)
		p = &(*p)->chain;
	*p = e->chain;
	lru_unlink(c, e);
	record_clear(&e->r);
	free(e->kind);
	free(e->id);
	free(e);
	c->n--;
	return err;
}

/* The cached record of kind/id, loaded on first use. */
static int rcache_get(struct zdh_index *idx, struct rcache *c, const char *kind, const char *id,
		      struct rentry **out)
{
	unsigned h = rhash(kind, id);
	struct rentry *e;
	int err;

	for (e = c->bucket[h % (2 * RCACHE_MAX)]; e; e = e->chain)
		if (e->hash == h && !strcmp(e->id, id) && !strcmp(e->kind, kind)) {
			lru_unlink(c, e);
			lru_push(c, e);
			*out = e;
			return 0;
		}
	if (c->n >= c->max) {
		c->evicted++;
		if ((err = rcache_drop(idx, c, c->oldest)))
			return err;
	}
	e = zdh_calloc(1, sizeof(*e));
	/* a rebuild starts from no records: only one it stored can be read back */
	if (!idx->rebuilding || !c->stored || c->stored[h % STORED_BITS / 8] & (1u << (h % 8)))
		err = load_record(idx, kind, id, &e->r);
	else
		err = 0;
	if (err) {
		free(e);
		return err;
	}
	e->kind = zdh_strdup(kind);
	e->id = zdh_strdup(id);
	e->hash = h;
	e->chain = c->bucket[h % (2 * RCACHE_MAX)];
	c->bucket[h % (2 * RCACHE_MAX)] = e;
	lru_push(c, e);
	c->n++;
	*out = e;
	return 0;
}

static int rcache_flush(struct zdh_index *idx, struct rcache *c)
{
	int err = 0, e2;

	while (c->oldest)
		if ((e2 = rcache_drop(idx, c, c->oldest)) && !err)
			err = e2;
	return err;
}

/* Is kind/id among the records a rebuild folds again at its end?  Mark it so when add is set. */
static int late_record(struct rcache *c, const char *kind, const char *id, int add)
{
	unsigned h = rhash(kind, id);
	struct late *l;

	for (l = c->late[h % LATE_BUCKETS]; l; l = l->chain)
		if (l->hash == h && !strcmp(l->id, id) && !strcmp(l->kind, kind))
			return 1;
	if (!add)
		return 0;
	l = zdh_calloc(1, sizeof(*l));
	l->kind = zdh_strdup(kind);
	l->id = zdh_strdup(id);
	l->hash = h;
	l->chain = c->late[h % LATE_BUCKETS];
	c->late[h % LATE_BUCKETS] = l;
	l->next = c->lates;
	c->lates = l;
	return 0;
}

/*
 * Fold ev (whose row is at seq) into its record: at once when it sorts
 * last, else the whole record again.  A rebuild has every row in place
 * before it folds, in an order that is the fold order when the logs'
 * clocks grow as they should; a record that meets an event out of that
 * order is folded again from its rows once, at the end, and its later
 * events are left to that.
 */
static int fold(struct zdh_index *idx, struct rcache *c, const struct zdh_event *ev, long long seq)
{
	struct rentry *e;
	int err, known;

	if (c->lates && late_record(c, ev->kind, ev->record, 0))
		return 0;
	if ((err = rcache_get(idx, c, ev->kind, ev->record, &e)))
		return err;
	known = e->r.exists || e->r.events;
	if (idx->rebuilding) {
		if (known && !sorts_after(ev, &e->r)) {
			late_record(c, ev->kind, ev->record, 1);
			return 0;
		}
		return fold_one(idx, &e->r, ev, NULL, seq, 0, 1);
	}
	if ((known && !sorts_after(ev, &e->r)) || (!known && has_other_events(idx, ev))) {
		if ((err = rcache_drop(idx, c, e)))
			return err;
		return refold(idx, ev->kind, ev->record);
	}
	return fold_one(idx, &e->r, ev, NULL, seq, 0, 1);
}

/* The columns row_event() reads, in its order (not the summary: the fold has no use for it). */
#define ROW_EVENT_COLUMNS "id, data, NULL, recorded, recorded_off, tree, replica, clock," \
	" kind, record, op, actor_name, actor_email, actor_dept, happened, happened_off, seen, seq"

static char *col_dup(sqlite3_stmt *s, int i)
{
	return sqlite3_column_type(s, i) == SQLITE_TEXT ?
		zdh_strdup((const char *)sqlite3_column_text(s, i)) : NULL;
}

/* The event of the current row of a "SELECT " ROW_EVENT_COLUMNS statement. */
static int row_event(struct zdh_event *ev, long long *seq, sqlite3_stmt *s)
{
	ev->data = zdh_json_parse((const char *)sqlite3_column_text(s, 1),
				  (size_t)sqlite3_column_bytes(s, 1), NULL);
	if (!json_is_object(ev->data))
		return zdh_error_set(ZDH_ERROR, _("index: bad data of event at %lld"),
				     sqlite3_column_int64(s, 17));
	ev->version = ZDH_EVENT_VERSION;
	column_oid(s, 0, ev->id);
	ev->summary = col_dup(s, 2);
	ev->recorded.t = sqlite3_column_int64(s, 3);
	ev->recorded.offset = sqlite3_column_int(s, 4);
	ev->tree = col_dup(s, 5);
	ev->replica = col_dup(s, 6);
	ev->clock = sqlite3_column_int64(s, 7);
	ev->kind = col_dup(s, 8);
	ev->record = col_dup(s, 9);
	ev->op = col_dup(s, 10);
	ev->actor.name = col_dup(s, 11);
	ev->actor.email = col_dup(s, 12);
	ev->actor.dept = col_dup(s, 13);
	ev->date.t = sqlite3_column_int64(s, 14);
	ev->date.offset = sqlite3_column_int(s, 15);
	if (sqlite3_column_type(s, 16) != SQLITE_NULL) {
		char seen[ZDH_OID_HEXSZ + 1];
		column_oid(s, 16, seen);
		ev->seen = zdh_strdup(seen);
	}
	*seq = sqlite3_column_int64(s, 17);
	return 0;
}

static int refold(struct zdh_index *idx, const char *kind, const char *id)
{
	const struct zdh_kind *k = zdh_kind_find(kind);
	struct record r;
	json_t *derived = NULL;
	sqlite3_stmt *s, *del;
	int rc, err;

	last_forget(idx);
	if ((err = zdh_index_settle(idx)) || (err = need_fold_index(idx)))
		return err;
	if (k && k->derive) {
		/* what the kind's tables saw, for its derive() */
		if ((err = load_record(idx, kind, id, &r)))
			return err;
		derived = r.derived;
		r.derived = NULL;
		record_clear(&r);
	}
	if (sqlite3_prepare_v2(idx->db, "DELETE FROM records WHERE kind = ?1 AND id = ?2",
			       -1, &del, NULL))
		return db_error(idx, "records");
	sqlite3_bind_text(del, 1, kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(del, 2, id, -1, SQLITE_STATIC);
	rc = sqlite3_step(del);
	sqlite3_finalize(del);
	if (rc != SQLITE_DONE)
		return db_error(idx, "records");
	if (sqlite3_prepare_v2(idx->db,
			       "SELECT " ROW_EVENT_COLUMNS " FROM events"
			       " WHERE kind = ?1 AND record = ?2 AND effect IS NOT " INVALID
			       " ORDER BY clock, replica, id",
			       -1, &s, NULL))
		return db_error(idx, "events");
	sqlite3_bind_text(s, 1, kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, id, -1, SQLITE_STATIC);
	memset(&r, 0, sizeof(r));
	r.derived = derived;
	while (!err && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct zdh_event ev;
		long long seq;
		memset(&ev, 0, sizeof(ev));
		if (!(err = row_event(&ev, &seq, s)))
			err = fold_one(idx, &r, &ev, NULL, seq, 0, 0);
		zdh_event_clear(&ev);
	}
	if (!err && rc != SQLITE_DONE)
		err = db_error(idx, "events");
	/* none of its events takes effect any more: its tables forget it */
	if (!err && r.derived && !r.state)
		err = derive(idx, k, id, &r);
	record_clear(&r);
	sqlite3_finalize(s);
	return err;
}

int zdh_index_apply(struct zdh_index *idx, const struct zdh_event *ev)
{
	return zdh_index_apply_checked(idx, ev, NULL, 0);
}

int zdh_index_apply_checked(struct zdh_index *idx, const struct zdh_event *ev,
			    const char *canonical, int checked)
{
	struct zdh_buf json = ZDH_BUF_INIT;
	struct record *last = last_take(idx, ev->kind, ev->record), r;
	int err = 0;

	if (!canonical && !(err = zdh_event_encode(&json, ev)))
		canonical = json.ptr;
	if (err)
		goto done;
	if (last)
		r = *last;
	else if ((err = load_record(idx, ev->kind, ev->record, &r)))
		goto done;
	if ((r.exists && !sorts_after(ev, &r)) ||
	    (!r.exists && !r.fresh && has_other_events(idx, ev))) {
		/*
		 * arrives before events already folded, or after events that
		 * were refused because the record did not exist yet: fold the
		 * whole record again
		 */
		err = insert_event(idx, ev, canonical, -1, NULL, NULL);
		if (err == 0)
			err = refold(idx, ev->kind, ev->record);
	} else {
		err = fold_one(idx, &r, ev, canonical, 0, checked, 0);
		/* a bulk transaction's next event is most likely of the same record */
		if (err >= 0 && idx->rows && r.exists)
			last_park(idx, ev->kind, ev->record, &r);
	}
	record_clear(&r);
done:
	free(last);
	zdh_buf_release(&json);
	return err < 0 ? err : 0;
}

/* ---- kinds that changed since the index was built ---- */

/*
 * Fold every event of kind k again, record by record, into records that
 * were deleted: a kind new to the index (its events were kept as of an
 * unknown kind), or one this binary knows differently.  Progress on a
 * terminal when there are many.
 */
static int fold_kind(struct zdh_index *idx, const struct zdh_kind *k)
{
	struct record r;
	char cur[256] = "";
	long long total = 0, done = 0;
	int progress, rc, err = 0, shown = -1;
	sqlite3_stmt *s;

	if (sqlite3_prepare_v2(idx->db, "SELECT count(*) FROM events WHERE kind = ?1"
			       " AND effect IS NOT " INVALID, -1, &s, NULL))
		return db_error(idx, "events");
	sqlite3_bind_text(s, 1, k->name, -1, SQLITE_STATIC);
	if (sqlite3_step(s) == SQLITE_ROW)
		total = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	if (!total)
		return 0;
	progress = total >= 10000 && isatty(2);
	if (sqlite3_prepare_v2(idx->db, "SELECT " ROW_EVENT_COLUMNS " FROM events WHERE kind = ?1"
			       " AND effect IS NOT " INVALID
			       " ORDER BY record, clock, replica, id", -1, &s, NULL))
		return db_error(idx, "events");
	sqlite3_bind_text(s, 1, k->name, -1, SQLITE_STATIC);
	memset(&r, 0, sizeof(r));
	while (!err && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct zdh_event ev;
		long long seq;

		memset(&ev, 0, sizeof(ev));
		if ((err = row_event(&ev, &seq, s)))
			break;
		if (strcmp(cur, ev.record)) {
			if (r.dirty && r.state)
				err = store_record(idx, k, cur, &r);
			record_clear(&r);
			copy_str(cur, sizeof(cur), ev.record);
		}
		if (!err)
			err = fold_one(idx, &r, &ev, NULL, seq, 0, 1);
		zdh_event_clear(&ev);
		done++;
		if (progress && (int)(done * 100 / total) != shown) {
			shown = (int)(done * 100 / total);
			fprintf(stderr, _("\rzdh: folding the %lld events of kind '%s' (new to this index): %d%%"),
				total, k->name, shown);
		}
	}
	if (!err && rc != SQLITE_DONE)
		err = db_error(idx, "events");
	if (!err && r.dirty && r.state)
		err = store_record(idx, k, cur, &r);
	record_clear(&r);
	sqlite3_finalize(s);
	if (progress)
		fputc('\n', stderr);
	return err;
}

/* Drop what a kind made ("view:records_x index:y", from its row of kinds). */
static int drop_objects(struct zdh_index *idx, const char *objects)
{
	struct zdh_buf sql = ZDH_BUF_INIT;
	const char *p = objects;
	int err;

	while (*p) {
		size_t n = strcspn(p, " ");
		const char *colon = memchr(p, ':', n);
		if (colon)
			zdh_buf_addf(&sql, "DROP %.*s IF EXISTS \"%.*s\";", (int)(colon - p), p,
				     (int)(n - (size_t)(colon + 1 - p)), colon + 1);
		p += n + (p[n] == ' ');
	}
	err = sql.len ? exec(idx, sql.ptr) : 0;
	zdh_buf_release(&sql);
	return err;
}

struct kind_row {
	char *name, *fingerprint, *objects;
};

static void kind_rows_free(struct kind_row *rows, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(rows[i].name);
		free(rows[i].fingerprint);
		free(rows[i].objects);
	}
	free(rows);
}

static int kind_rows(struct zdh_index *idx, struct kind_row **out, size_t *n)
{
	sqlite3_stmt *s;
	int rc;

	*out = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(idx->db, "SELECT name, fingerprint, objects FROM kinds", -1, &s, NULL))
		return db_error(idx, "kinds");
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		*out = zdh_realloc(*out, (*n + 1) * sizeof(**out));
		(*out)[*n].name = col_dup(s, 0);
		(*out)[*n].fingerprint = col_dup(s, 1);
		(*out)[*n].objects = col_dup(s, 2);
		(*n)++;
	}
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : db_error(idx, "kinds");
}

static const struct kind_row *row_of(const struct kind_row *rows, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (rows[i].name && !strcmp(rows[i].name, name))
			return &rows[i];
	return NULL;
}

/* Does every kind of this binary match its row, and every row a kind? */
static int kinds_match(const struct kind_row *rows, size_t n)
{
	size_t known = 0;

	for (size_t i = 0; zdh_kinds[i]; i++) {
		const struct kind_row *r = row_of(rows, n, zdh_kinds[i]->name);
		char fp[ZDH_OID_HEXSZ + 1];
		if (!r)
			return 0;
		kind_fingerprint(zdh_kinds[i], fp);
		if (!r->fingerprint || strcmp(r->fingerprint, fp))
			return 0;
		known++;
	}
	return known == n;
}

/* The kind k as this binary knows it: its objects made again, its records folded again. */
static int kind_refold(struct zdh_index *idx, const struct zdh_kind *k, const struct kind_row *row)
{
	struct zdh_buf sql = ZDH_BUF_INIT;
	int err;

	if (row && (err = drop_objects(idx, row->objects)))
		return err;
	zdh_buf_addf(&sql, "DROP VIEW IF EXISTS records_%s;", k->name);
	kind_schema(&sql, k);
	if (k->index_sql)
		add_kind_sql(&sql, k, k->index_sql);
	err = exec(idx, sql.ptr);
	zdh_buf_release(&sql);
	if (!err && !(err = exec_bind(idx, "DELETE FROM records WHERE kind = ?1", k->name)))
		err = fold_kind(idx, k);
	return err;
}

/* A kind this binary does not know: its records go, its events are kept unfolded. */
static int kind_forget(struct zdh_index *idx, const struct kind_row *row)
{
	int err;

	if (!(err = drop_objects(idx, row->objects)) &&
	    !(err = exec_bind(idx, "DELETE FROM records WHERE kind = ?1", row->name)) &&
	    !(err = exec_bind(idx, "UPDATE events SET effect = " UNKNOWN_KIND ", note = NULL"
			      " WHERE kind = ?1 AND effect IS NOT " INVALID,
			      row->name)))
		err = exec_bind(idx, "DELETE FROM kinds WHERE name = ?1", row->name);
	return err;
}

/*
 * An index built by a zdh whose kinds differ from this one's (kinds
 * above): make each kind as this binary knows it, in one transaction,
 * when the index is opened.  Costs one small read when nothing changed.
 */
static int kinds_meet(struct zdh_index *idx)
{
	struct kind_row *rows;
	size_t n;
	int err;

	if ((err = kind_rows(idx, &rows, &n)) || kinds_match(rows, n)) {
		kind_rows_free(rows, n);
		return err;
	}
	kind_rows_free(rows, n);
	if ((err = zdh_index_begin(idx)))
		return err;
	/* again inside the transaction: another process may have done it */
	err = kind_rows(idx, &rows, &n);
	for (size_t i = 0; !err && zdh_kinds[i]; i++) {
		const struct kind_row *r = row_of(rows, n, zdh_kinds[i]->name);
		char fp[ZDH_OID_HEXSZ + 1];
		kind_fingerprint(zdh_kinds[i], fp);
		if (!r || !r->fingerprint || strcmp(r->fingerprint, fp))
			err = kind_refold(idx, zdh_kinds[i], r);
	}
	for (size_t i = 0; !err && i < n; i++)
		if (!zdh_kind_find(rows[i].name))
			err = kind_forget(idx, &rows[i]);
	kind_rows_free(rows, n);
	if (!err)
		err = zdh_index_commit(idx);
	if (err)
		zdh_index_rollback(idx);
	return err;
}

/* ---- catching up from the log tips ---- */

struct tip {
	char *replica;
	char id[41];
};

struct tips {
	struct tip *v;
	size_t n, alloc;
};

static void tips_add(struct tips *t, const char *replica, const char *id)
{
	if (t->n == t->alloc) {
		t->alloc = t->alloc ? 2 * t->alloc : 8;
		t->v = zdh_realloc(t->v, t->alloc * sizeof(*t->v));
	}
	t->v[t->n].replica = zdh_strdup(replica);
	snprintf(t->v[t->n].id, 41, "%s", id);
	t->n++;
}

static int collect_ref(const char *refname, const char *id, void *payload)
{
	const char *replica = refname + strlen("refs/zdh/log/");

	/* refs kept aside (diverged logs) have other names and are not applied */
	if (zdh_replica_valid(replica))
		tips_add(payload, replica, id);
	return 0;
}

static void tips_clear(struct tips *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->v[i].replica);
	free(t->v);
	memset(t, 0, sizeof(*t));
}

/* Tips that differ from what the index applied; -1 on error. */
static int behind(struct zdh_index *idx, struct tips *t, struct tips *todo, int *rewound)
{
	sqlite3_stmt *s;
	long long known = 0, nlogs = 0;

	*rewound = 0;
	for (size_t i = 0; i < t->n; i++) {
		char tip[41];
		if (zdh_index_tip(idx, t->v[i].replica, tip))
			return -1;
		if (strcmp(tip, t->v[i].id))
			tips_add(todo, t->v[i].replica, t->v[i].id);
		if (tip[0])
			known++;
	}
	/* a log the index applied that is no longer there: start again */
	if (sqlite3_prepare_v2(idx->db, "SELECT count(*) FROM logs", -1, &s, NULL))
		return -1;
	if (sqlite3_step(s) == SQLITE_ROW)
		nlogs = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	if (nlogs != known)
		*rewound = 1;
	return 0;
}

/*
 * Reading a log (include/rules.h).  Each commit is parsed as it is read,
 * from the tip back, and judged by the rules (core/rules.c) once its
 * parent is read, since the clock rule needs the parent's clock.  A valid
 * event's row goes in to be folded; an invalid one's goes in with effect
 * ZDH_EFFECT_INVALID and the reason as its note, is reported on stderr,
 * and is never folded.
 */
struct judging {
	const char *replica;
	struct zdh_logged slot[2];
	struct zdh_logged *cur, *child;	/* child: read, waiting for its parent's clock */
	int have_child;
};

static void judging_init(struct judging *j, const char *replica)
{
	memset(j, 0, sizeof(*j));
	j->replica = replica;
	j->cur = &j->slot[0];
	j->child = &j->slot[1];
	zdh_logged_clear(j->cur);
	zdh_logged_clear(j->child);
}

static void judging_free(struct judging *j)
{
	zdh_logged_release(&j->slot[0]);
	zdh_logged_release(&j->slot[1]);
}

/* The commit's tree, unless it is the empty tree, for the tree rule. */
static void read_tree(struct zdh_repo *repo, const struct zdh_buf *raw, struct zdh_buf *tree,
		      int *read)
{
	char id[41];

	*read = 0;
	zdh_buf_reset(tree);
	if (zdh_commit_tree(raw->ptr, raw->len, id) || !strcmp(id, ZDH_EMPTY_TREE))
		return;
	*read = !zdh_store_read_tree(tree, repo, id);
}

static int take_invalid(struct zdh_index *idx, struct zdh_logged *l, const char *replica)
{
	struct zdh_buf json = ZDH_BUF_INIT;
	struct zdh_event blank, *ev = &l->ev;
	int err;

	zdh_warn(_("refs/zdh/log/%s: commit %.12s: invalid event (%s); it has no effect (see 'zdh verify')"),
		 replica, l->id, l->invalid);
	if (l->decoded) {
		zdh_buf_add(&json, l->raw.ptr + l->json_at, l->json_len);
	} else {
		/* not an event at all: a row that names no record, for log and verify */
		memset(&blank, 0, sizeof(blank));
		snprintf(blank.id, sizeof(blank.id), "%s", l->id);
		blank.kind = blank.record = blank.op = blank.actor.name = blank.actor.email = "";
		blank.replica = (char *)replica;
		ev = &blank;
		zdh_event_encode(&json, ev);
	}
	err = insert_event(idx, ev, json.ptr, ZDH_EFFECT_INVALID, l->invalid, NULL);
	zdh_buf_release(&json);
	return err < 0 ? err : 0;
}

/* Judge j's child with its parent's clock, and insert its row. */
static int take_child(struct zdh_index *idx, struct judging *j, long long parent_clock,
		      long long *count)
{
	struct zdh_logged *l = j->child;
	int err;

	if (!j->have_child)
		return 0;
	j->have_child = 0;
	(*count)++;
	if (zdh_logged_judge(l, j->replica, parent_clock, zdh_logged_tree_cb, l))
		return take_invalid(idx, l, j->replica);
	/* a rebuild folds in log order: rows go in applied, refusals are marked */
	l->raw.ptr[l->json_at + l->json_len] = '\0';	/* the JSON ends the message */
	err = insert_event(idx, &l->ev, l->raw.ptr + l->json_at, idx->rebuilding ? 1 : -1, NULL, NULL);
	if (l->ev.clock > idx->walk_clock)
		idx->walk_clock = l->ev.clock;
	return err < 0 ? err : 0;
}

/* One commit read (its tree too, when it has one): judge the one before, keep this one. */
static int judge_step(struct zdh_index *idx, struct judging *j, const char *id,
		      const struct zdh_buf *raw, struct zdh_buf *tree, int tree_read,
		      long long *count)
{
	struct zdh_logged *t;
	int err;

	zdh_logged_parse(j->cur, id, raw->ptr, raw->len, ZDH_EVENT_TRUSTED | ZDH_EVENT_NODATA);
	if (tree_read) {
		zdh_buf_add(&j->cur->tree, tree->ptr, tree->len);
		j->cur->tree_read = 1;
	}
	if ((err = take_child(idx, j, zdh_logged_clock(j->cur), count)))
		return err;
	t = j->child, j->child = j->cur, j->cur = t;
	zdh_logged_clear(j->cur);
	j->have_child = 1;
	return 0;
}

/*
 * The end of a walk: the last commit read is a root, or stop's child; its
 * parent's clock is then stop's, read again (once per log a catch-up reads).
 */
static int judge_end(struct zdh_index *idx, struct judging *j, const char *stop, long long *count)
{
	struct zdh_buf raw = ZDH_BUF_INIT;
	long long clock = 0;
	int err = 0;

	if (j->have_child && stop[0] && !strcmp(j->child->parent, stop)) {
		if ((err = zdh_store_read_commit(&raw, idx->repo, stop)))
			goto done;
		zdh_logged_parse(j->cur, stop, raw.ptr, raw.len, ZDH_EVENT_TRUSTED | ZDH_EVENT_NODATA);
		clock = zdh_logged_clock(j->cur);
	}
	err = take_child(idx, j, clock, count);
done:
	zdh_buf_release(&raw);
	return err;
}

/* The first parent of a raw commit, as zdh_event_parse_commit() finds it ("" for none). */
static void first_parent(const struct zdh_buf *raw, char parent[41])
{
	const char *p = raw->ptr, *end = raw->ptr + raw->len, *eol;

	parent[0] = '\0';
	while (p < end && *p != '\n' && (eol = memchr(p, '\n', (size_t)(end - p)))) {
		if (eol - p == 47 && !strncmp(p, "parent ", 7)) {
			memcpy(parent, p + 7, 40);
			parent[40] = '\0';
			return;
		}
		p = eol + 1;
	}
}

/*
 * A rebuild reads its logs on a second thread: inflating the commits is
 * half of the first pass, picking out their events and SQLite's inserts
 * the other half.  The reader follows the chain (it needs only each
 * commit's parent line) and hands over batches of raw commits; while it
 * runs only it reads objects and only this thread touches the index.
 * Batches come back to it to be filled again, their buffers with them:
 * a buffer freed by the other thread than the one that allocated it costs
 * a lock each, and the two threads took turns at it.
 */
#define WALK_BATCH 256
#define WALK_QUEUE 4

struct walked {
	char id[41];
	struct zdh_buf raw;	/* the commit, parsed by the inserting thread */
	struct zdh_buf tree;	/* its tree, when not the empty tree (the tree rule) */
	int tree_read;
};

struct walk_batch {
	struct walked v[WALK_BATCH];
	size_t n;
	int err;		/* the reader stopped on this error, after v */
	char *errmsg;
	int last;
};

struct walker {
	struct zdh_repo *repo;
	const char *replica, *stop;
	char cur[41];		/* where the reader stopped */
	pthread_mutex_t lock;
	pthread_cond_t cond;
	struct walk_batch *queue[WALK_QUEUE];
	size_t head, count;
	struct walk_batch *spare[WALK_QUEUE + 2];	/* read, to be filled again */
	size_t nspare;
	int cancel;
};

static void batch_free(struct walk_batch *b)
{
	for (size_t i = 0; i < WALK_BATCH; i++) {
		zdh_buf_release(&b->v[i].raw);
		zdh_buf_release(&b->v[i].tree);
	}
	free(b->errmsg);
	free(b);
}

/* An empty batch for the reader: one given back, or a new one. */
static struct walk_batch *batch_get(struct walker *w)
{
	struct walk_batch *b = NULL;

	pthread_mutex_lock(&w->lock);
	if (w->nspare)
		b = w->spare[--w->nspare];
	pthread_mutex_unlock(&w->lock);
	if (!b) {
		b = zdh_calloc(1, sizeof(*b));
		for (size_t i = 0; i < WALK_BATCH; i++) {
			zdh_buf_init(&b->v[i].raw);
			zdh_buf_init(&b->v[i].tree);
		}
	}
	b->n = 0;
	return b;
}

/* Give b back to the reader (b holds no error: the walk stops at one). */
static void batch_put(struct walker *w, struct walk_batch *b)
{
	pthread_mutex_lock(&w->lock);
	if (w->nspare < sizeof(w->spare) / sizeof(*w->spare)) {
		w->spare[w->nspare++] = b;
		b = NULL;
	}
	pthread_mutex_unlock(&w->lock);
	if (b)
		batch_free(b);
}

/* Queue b; 0, or -1 when the walk was cancelled (b is freed). */
static int walk_push(struct walker *w, struct walk_batch *b)
{
	int cancelled;

	pthread_mutex_lock(&w->lock);
	while (w->count == WALK_QUEUE && !w->cancel)
		pthread_cond_wait(&w->cond, &w->lock);
	if (!(cancelled = w->cancel)) {
		w->queue[(w->head + w->count) % WALK_QUEUE] = b;
		w->count++;
		pthread_cond_broadcast(&w->cond);
	}
	pthread_mutex_unlock(&w->lock);
	if (cancelled)
		batch_free(b);
	return cancelled ? -1 : 0;
}

/*
 * Pack order.  A log written by zdh lies in its packs one commit after
 * another (and git gc puts commits in the order a walk meets them), so
 * the next commit of a walk is nearly always the pack's object beside
 * the last: read there first, and looked up by id only when it is not
 * the parent named (a tenth to a fifth of reading a log was looking
 * commits up).  Objects of other types between them are skipped; after a
 * miss the next lookups are not followed for a while.
 */
#define ORDER_SKIP 8
#define ORDER_COOLDOWN 64

struct order {
	size_t pack;
	uint32_t rank;
	int dir;		/* -1, +1, or 0: not following a pack */
	int cooldown;
};

/* Read commit want at the next place in pack order into raw; 1 when it was there. */
static int order_next(struct zdh_repo *repo, struct order *o, const char *want, struct zdh_buf *raw)
{
	for (int skip = 0; o->dir && skip < ORDER_SKIP; skip++) {
		enum zdh_objtype type;
		char id[41];

		if (o->dir < 0 && !o->rank)
			break;
		o->rank += (uint32_t)o->dir;
		zdh_buf_reset(raw);
		if (zdh_store_read_rank(repo, o->pack, o->rank, ZDH_OBJ_COMMIT, id, raw, &type))
			break;		/* the lookup will say what is wrong, if anything */
		if (type != ZDH_OBJ_COMMIT)
			continue;
		if (!strcmp(id, want))
			return 1;
		break;
	}
	if (o->dir)
		o->cooldown = ORDER_COOLDOWN;
	o->dir = 0;
	zdh_buf_reset(raw);
	return 0;
}

/* After looking up id: does the log go on beside it, to parent? */
static void order_find(struct zdh_repo *repo, struct order *o, const char *id, const char *parent)
{
	size_t k1, k2;
	uint32_t r1, r2;

	if (o->cooldown) {
		o->cooldown--;
		return;
	}
	if (parent[0] && zdh_store_place(repo, id, &k1, &r1) == 1 &&
	    zdh_store_place(repo, parent, &k2, &r2) == 1 && k1 == k2 && r1 != r2) {
		o->pack = k1;
		o->rank = r1;
		o->dir = r2 < r1 ? -1 : 1;
	}
}

static void *walk_reader(void *arg)
{
	struct walker *w = arg;
	struct walk_batch *b = batch_get(w);
	struct order o = { 0, 0, 0, 0 };
	char parent[41];

	while (w->cur[0] && strcmp(w->cur, w->stop)) {
		struct walked *s = &b->v[b->n];
		int err, placed;

		zdh_buf_reset(&s->raw);
		placed = order_next(w->repo, &o, w->cur, &s->raw);
		if (!placed && (err = zdh_store_read_commit(&s->raw, w->repo, w->cur))) {
			b->err = err;
			b->errmsg = zdh_strdup(zdh_error_msg());
			break;
		}
		memcpy(s->id, w->cur, sizeof(s->id));
		read_tree(w->repo, &s->raw, &s->tree, &s->tree_read);
		first_parent(&s->raw, parent);
		if (!placed)
			order_find(w->repo, &o, w->cur, parent);
		b->n++;
		memcpy(w->cur, parent, sizeof(parent));
		if (b->n == WALK_BATCH) {
			if (walk_push(w, b))
				goto done;
			b = batch_get(w);
		}
	}
	b->last = 1;
	walk_push(w, b);
done:
	return NULL;
}

static int walk_threaded(struct zdh_index *idx, const char *replica, const char *tip,
			 const char *stop, int *rewound, long long *count)
{
	struct walker w = { idx->repo, replica, stop };
	struct judging j;
	pthread_t thread;
	int err = 0, last = 0;

	judging_init(&j, replica);

	snprintf(w.cur, sizeof(w.cur), "%s", tip);
	zdh_store_long_walk(idx->repo, 1);
	pthread_mutex_init(&w.lock, NULL);
	pthread_cond_init(&w.cond, NULL);
	if ((errno = pthread_create(&thread, NULL, walk_reader, &w))) {
		err = zdh_error_errno(ZDH_ERROR, _("cannot start a thread"));
		goto done;
	}
	while (!err && !last) {
		struct walk_batch *b;

		pthread_mutex_lock(&w.lock);
		while (!w.count)
			pthread_cond_wait(&w.cond, &w.lock);
		b = w.queue[w.head];
		w.head = (w.head + 1) % WALK_QUEUE;
		w.count--;
		pthread_cond_broadcast(&w.cond);
		pthread_mutex_unlock(&w.lock);
		for (size_t i = 0; i < b->n && !err; i++)
			err = judge_step(idx, &j, b->v[i].id, &b->v[i].raw, &b->v[i].tree,
					 b->v[i].tree_read, count);
		if (!err && b->err)
			err = zdh_error_set(b->err, "%s", b->errmsg);
		last = b->last;
		if (b->err || last)
			batch_free(b);
		else
			batch_put(&w, b);
	}
	pthread_mutex_lock(&w.lock);
	w.cancel = 1;
	pthread_cond_broadcast(&w.cond);
	pthread_mutex_unlock(&w.lock);
	pthread_join(thread, NULL);
	while (w.count) {
		batch_free(w.queue[w.head]);
		w.head = (w.head + 1) % WALK_QUEUE;
		w.count--;
	}
	while (w.nspare)
		batch_free(w.spare[--w.nspare]);
	if (!err && stop[0] && strcmp(w.cur, stop))
		*rewound = 1;
	if (!err && !*rewound)
		err = judge_end(idx, &j, stop, count);
done:
	zdh_store_long_walk(idx->repo, 0);
	pthread_mutex_destroy(&w.lock);
	pthread_cond_destroy(&w.cond);
	judging_free(&j);
	return err;
}

/* Insert the events from tip back to (not including) stop; *rewound when stop is not on the chain. */
static int walk_log(struct zdh_index *idx, const char *replica, const char *tip,
		    const char *stop, int *rewound, long long *count)
{
	struct zdh_buf raw = ZDH_BUF_INIT, tree = ZDH_BUF_INIT;
	struct judging j;
	char cur[41];
	int err = 0, tree_read;

	/* a thread pays for itself on long walks, which only an empty index makes */
	if (idx->rebuilding)
		return walk_threaded(idx, replica, tip, stop, rewound, count);
	judging_init(&j, replica);
	snprintf(cur, sizeof(cur), "%s", tip);
	while (cur[0] && strcmp(cur, stop)) {
		zdh_buf_reset(&raw);
		if ((err = zdh_store_read_commit(&raw, idx->repo, cur)))
			break;
		read_tree(idx->repo, &raw, &tree, &tree_read);
		if ((err = judge_step(idx, &j, cur, &raw, &tree, tree_read, count)))
			break;
		memcpy(cur, j.child->parent, sizeof(cur));
	}
	if (!err && stop[0] && strcmp(cur, stop))
		*rewound = 1;
	if (!err && !*rewound)
		err = judge_end(idx, &j, stop, count);
	judging_free(&j);
	zdh_buf_release(&raw);
	zdh_buf_release(&tree);
	return err;
}

static struct rcache *rcache_new(void)
{
	struct rcache *c = zdh_calloc(1, sizeof(*c));
	const char *test_max = getenv("ZDH_TEST_RECORD_CACHE");

	/* tests make the cache tiny, to reach eviction with a few records */
	c->max = test_max && atoi(test_max) > 0 && atoi(test_max) < RCACHE_MAX ?
		(size_t)atoi(test_max) : RCACHE_MAX;
	return c;
}

/* Store what c holds, fold its late records again, and free it. */
static int rcache_finish(struct zdh_index *idx, struct rcache *c, int err)
{
	int e2;

	if ((e2 = rcache_flush(idx, c)) && !err)
		err = e2;
	idx->rows_applied = 0;
	while (c->lates) {
		struct late *l = c->lates;
		if (!err)
			err = refold(idx, l->kind, l->id);
		c->lates = l->next;
		free(l->kind);
		free(l->id);
		free(l);
	}
	free(c->stored);
	free(c);
	return err;
}

/* The rows after after_seq, folded in fold order (sorted: there are few). */
static int fold_new(struct zdh_index *idx, long long after_seq)
{
	struct rcache *cache = rcache_new();
	sqlite3_stmt *s;
	int rc, err = 0;

	if (sqlite3_prepare_v2(idx->db, "SELECT " ROW_EVENT_COLUMNS " FROM events"
			       " NOT INDEXED WHERE seq > ?1 AND effect IS NOT " INVALID
			       " ORDER BY clock, replica, id", -1, &s, NULL)) {
		free(cache);
		return db_error(idx, "events");
	}
	sqlite3_bind_int64(s, 1, after_seq);
	while (!err && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct zdh_event ev;
		long long seq;
		memset(&ev, 0, sizeof(ev));
		if (!(err = row_event(&ev, &seq, s)))
			err = fold(idx, cache, &ev, seq);
		zdh_event_clear(&ev);
	}
	if (!err && rc != SQLITE_DONE)
		err = db_error(idx, "events");
	sqlite3_finalize(s);
	return rcache_finish(idx, cache, err);
}

/*
 * A rebuild's fold.  Each log's rows went in from its tip back, so read
 * backwards a log's rows are in the order it was written, which is fold
 * order: a writer gives its event a clock above every one it had seen.
 * The logs are merged by (clock, replica, id), with no index and no sort.
 * (Turning the rows into events on a second thread was slower: freeing
 * on one thread what the other allocated, and waking each other.)
 */
struct run {
	long long first, last;	/* the seqs of a log's rows */
};

struct cursor {
	sqlite3_stmt *s;
	struct zdh_event ev;
	long long seq;
	int live;
};

static int cursor_next(struct zdh_index *idx, struct cursor *c)
{
	int rc;

	zdh_event_clear(&c->ev);
	rc = sqlite3_step(c->s);
	c->live = rc == SQLITE_ROW;
	if (c->live)
		return row_event(&c->ev, &c->seq, c->s);
	return rc == SQLITE_DONE ? 0 : db_error(idx, "events");
}

static int fold_order(const struct zdh_event *a, const struct zdh_event *b)
{
	int c;

	if (a->clock != b->clock)
		return a->clock < b->clock ? -1 : 1;
	if ((c = strcmp(a->replica, b->replica)))
		return c;
	return strcmp(a->id, b->id);
}

static int fold_merged(struct zdh_index *idx, const struct run *runs, size_t n)
{
	struct cursor *cur = zdh_calloc(n ? n : 1, sizeof(*cur));
	struct rcache *cache = rcache_new();
	int err = 0;

	cache->stored = zdh_calloc(STORED_BITS / 8, 1);
	idx->rows_applied = 1;
	for (size_t i = 0; i < n && !err; i++) {
		if (sqlite3_prepare_v2(idx->db, "SELECT " ROW_EVENT_COLUMNS " FROM events"
				       " WHERE seq BETWEEN ?1 AND ?2 AND effect IS NOT " INVALID
				       " ORDER BY seq DESC",
				       -1, &cur[i].s, NULL)) {
			err = db_error(idx, "events");
			break;
		}
		sqlite3_bind_int64(cur[i].s, 1, runs[i].first);
		sqlite3_bind_int64(cur[i].s, 2, runs[i].last);
		err = cursor_next(idx, &cur[i]);
	}
	while (!err) {
		struct cursor *next = NULL;
		for (size_t i = 0; i < n; i++)
			if (cur[i].live && (!next || fold_order(&cur[i].ev, &next->ev) < 0))
				next = &cur[i];
		if (!next)
			break;
		if (!(err = fold(idx, cache, &next->ev, next->seq)))
			err = cursor_next(idx, next);
	}
	for (size_t i = 0; i < n; i++) {
		zdh_event_clear(&cur[i].ev);
		sqlite3_finalize(cur[i].s);
	}
	free(cur);
	return rcache_finish(idx, cache, err);
}

/* Empty every table, the engine's and the kinds' own, but the list of kinds. */
static int clear_all(struct zdh_index *idx)
{
	struct zdh_buf sql = ZDH_BUF_INIT;
	sqlite3_stmt *s;
	int err;

	rows_stop(idx);
	counters_forget(idx);
	if (sqlite3_prepare_v2(idx->db, "SELECT name FROM sqlite_master WHERE type = 'table'"
			       " AND name NOT LIKE 'sqlite_%' AND name != 'kinds'", -1, &s, NULL))
		return db_error(idx, "schema");
	while (sqlite3_step(s) == SQLITE_ROW)
		zdh_buf_addf(&sql, "DELETE FROM \"%s\";", (const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	err = exec(idx, sql.ptr);
	zdh_buf_release(&sql);
	return err;
}

/*
 * Apply what the log tips hold beyond what the index applied.  Runs inside
 * a write transaction, and reads the refs only once inside it: a writer
 * moves its ref while holding the same transaction lock, so the refs seen
 * here and the tips recorded in the index always belong together.
 */
/*
 * ZDH_TRACE_PERFORMANCE set: a rebuild prints how long each of its steps
 * took to stderr (for make bench and whoever makes it faster).
 */
static void trace_step(const char *step)
{
	static int on = -1;
	static struct timespec last;
	struct timespec now;

	if (on < 0)
		on = getenv("ZDH_TRACE_PERFORMANCE") != NULL;
	if (!on)
		return;
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (step)
		fprintf(stderr, "zdh: rebuild: %-8s %6.2f s\n", step, (double)(now.tv_sec - last.tv_sec) +
			(double)(now.tv_nsec - last.tv_nsec) / 1e9);
	last = now;
}

static int catch_up_locked(struct zdh_index *idx, int from_scratch, long long *applied,
			   long long *nlogs)
{
	struct tips all = { 0 }, todo = { 0 };
	struct run *runs = NULL;
	long long max_seq = 0, count = 0;
	int rewound = 0, err;

again:
	if ((err = zdh_ref_foreach(idx->repo->gitdir, "refs/zdh/log/", collect_ref, &all)))
		goto done;
	if (!from_scratch && behind(idx, &all, &todo, &rewound)) {
		err = db_error(idx, "logs");
		goto done;
	}
	if (rewound) {
		zdh_warn(_("a log was removed; rebuilding the index"));
		from_scratch = 1;
	}
	if (from_scratch) {
		trace_step(NULL);
		if ((err = clear_all(idx)))
			goto done;
		trace_step("clear");
		tips_clear(&todo);
		for (size_t i = 0; i < all.n; i++)
			tips_add(&todo, all.v[i].replica, all.v[i].id);
	}
	pragma_int(idx, "SELECT coalesce(max(seq), 0) FROM events", &max_seq);
	/* an empty index (new, deleted, rebuilt) is loaded the fast way */
	if (!max_seq && todo.n && !idx->rebuilding) {
		if ((err = drop_indexes(idx)))
			goto done;
		idx->rebuilding = 1;
	}
	free(runs);
	runs = zdh_calloc(todo.n ? todo.n : 1, sizeof(*runs));
	for (size_t i = 0; i < todo.n && !err; i++) {
		char stop[41];
		int gone = 0;

		if ((err = zdh_index_tip(idx, todo.v[i].replica, stop)))
			break;
		pragma_int(idx, "SELECT coalesce(max(seq), 0) FROM events", &runs[i].first);
		runs[i].first++;
		idx->walk_clock = 0;
		err = walk_log(idx, todo.v[i].replica, todo.v[i].id, stop, &gone, &count);
		pragma_int(idx, "SELECT coalesce(max(seq), 0) FROM events", &runs[i].last);
		if (!err && gone) {
			/* the log no longer holds what we applied: start from nothing */
			zdh_warn(_("refs/zdh/log/%s was rewritten; rebuilding the index"),
				 todo.v[i].replica);
			tips_clear(&all);
			tips_clear(&todo);
			from_scratch = 1;
			count = 0;
			goto again;
		}
		if (!err)
			err = zdh_index_set_tip(idx, todo.v[i].replica, todo.v[i].id,
						idx->walk_clock);
	}
	trace_step("read");
	if (!err && idx->rebuilding && count)
		err = fold_merged(idx, runs, todo.n);
	else if (!err && count)
		err = fold_new(idx, max_seq);
	trace_step("fold");
	if (!err && idx->rebuilding) {
		/* the numbers of refused events, then those of the records */
		err = counters_flush(idx);
		if (!err)
			err = exec(idx, "INSERT INTO counters(kind, prefix, n)"
				   " SELECT kind, prefix, max(n) FROM records WHERE n > 0"
				   " GROUP BY kind, prefix"
				   " ON CONFLICT(kind, prefix) DO UPDATE SET n = max(n, excluded.n)");
	}
	if (!err && idx->rebuilding)
		err = create_indexes(idx);
	trace_step("indexes");
	idx->rebuilding = 0;
done:
	if (err)
		idx->rebuilding = 0;
	if (applied)
		*applied = count;
	if (nlogs)
		*nlogs = (long long)all.n;
	tips_clear(&all);
	tips_clear(&todo);
	free(runs);
	return err;
}

static int fsync_path(const char *path, int flags)
{
	int fd = open(path, flags | O_CLOEXEC), err = 0;

	if (fd < 0 || fsync(fd) < 0)
		err = zdh_error_errno(ZDH_ERROR, _("cannot sync '%s'"), path);
	if (fd >= 0)
		close(fd);
	return err;
}

/* Fill a new database at path from the logs, whole and durable. */
static int build_new(struct zdh_index *idx, const char *path, long long *applied,
		     long long *nlogs)
{
	struct zdh_buf sql = ZDH_BUF_INIT;
	int err;

	if (sqlite3_open_v2(path, &idx->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
			    SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
		return db_error(idx, _("cannot create index.db"));
	sqlite3_extended_result_codes(idx->db, 1);
	/* nobody else sees this file until it is complete: no journal at all */
	zdh_buf_puts(&sql, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;"
		     " PRAGMA locking_mode = EXCLUSIVE; PRAGMA cache_size = " CACHE_SIZE "; BEGIN;");
	zdh_buf_puts(&sql, schema_sql);
	kinds_schema(&sql);
	err = exec(idx, sql.ptr);
	zdh_buf_release(&sql);
	if (err)
		return err;
	idx->rebuilding = 1;
	idx->id_index = idx->fold_index = 0;
	trace_step(NULL);
	/* (nothing to clear: every log is behind an empty index) */
	if ((err = catch_up_locked(idx, 0, applied, nlogs)))
		return err;
	zdh_buf_addf(&sql, "COMMIT; PRAGMA application_id = %d; PRAGMA user_version = %d;"
		     " PRAGMA journal_mode = WAL;", ZDH_INDEX_APPLICATION_ID,
		     ZDH_INDEX_SCHEMA_VERSION);
	err = exec(idx, sql.ptr);
	zdh_buf_release(&sql);
	close_db(idx);
	if (!err)
		err = fsync_path(path, O_RDONLY);
	trace_step("sync");
	return err;
}

/*
 * A rebuild from nothing, into a new file renamed over index.db: nothing
 * to delete first, no write-ahead log to fill and copy back (together a
 * third of a rebuild in place).  Only when no other process has the index
 * open — each holds index.use shared while it does, and this takes it
 * exclusively without waiting — since a connection to the old file would
 * go on using index.db-wal and -shm by name.  Returns 1 without doing
 * anything when the lock is not to be had: the caller rebuilds in place.
 */
static int rebuild_new(struct zdh_index *idx, long long *applied, long long *nlogs)
{
	char *tmp = zdh_asprintf("%s.new", idx->path), *dir;
	int err, what;

	if (use_exclusive(idx)) {
		free(tmp);
		return 1;
	}
	/* the old file must stand without its log (it is removed below) */
	sqlite3_wal_checkpoint_v2(idx->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
	close_db(idx);
	remove_files(tmp);
	if (!(err = build_new(idx, tmp, applied, nlogs))) {
		remove_logs(idx->path);
		if (rename(tmp, idx->path) < 0)
			err = zdh_error_errno(ZDH_ERROR, _("cannot rename '%s'"), tmp);
		dir = zdh_strdup(idx->path);
		*strrchr(dir, '/') = '\0';
		if (!err)
			err = fsync_path(dir, O_RDONLY | O_DIRECTORY);
		free(dir);
	}
	idx->rebuilding = 0;
	close_db(idx);
	if (err)
		remove_files(tmp);
	free(tmp);
	/* the old index when that failed: only a cache, caught up next time */
	if (!open_db(idx, &what) && what == DB_CURRENT && !set_pragmas(idx)) {
		flock(idx->use_fd, LOCK_SH);
		return err;
	}
	flock(idx->use_fd, LOCK_SH);
	return err ? err : db_error(idx, _("cannot open index.db"));
}

static int catch_up(struct zdh_index *idx, int from_scratch, long long *applied, long long *nlogs)
{
	long long max_seq = 0;
	int err;

	if (!from_scratch) {
		/* the fast path of every command: nothing new, no write transaction */
		struct tips all = { 0 }, todo = { 0 };
		int rewound = 0;

		err = zdh_ref_foreach(idx->repo->gitdir, "refs/zdh/log/", collect_ref, &all);
		if (!err && behind(idx, &all, &todo, &rewound))
			err = db_error(idx, "logs");
		from_scratch = 0;
		if (!err && !todo.n && !rewound) {
			if (applied)
				*applied = 0;
			if (nlogs)
				*nlogs = (long long)all.n;
		}
		from_scratch = rewound;
		rewound = err || todo.n || rewound;
		tips_clear(&all);
		tips_clear(&todo);
		if (err || !rewound)
			return err;
		pragma_int(idx, "SELECT coalesce(max(seq), 0) FROM events", &max_seq);
	}
	if ((from_scratch || !max_seq) && (err = rebuild_new(idx, applied, nlogs)) <= 0)
		return err;
	if ((err = zdh_index_begin(idx)))
		return err;
	err = catch_up_locked(idx, from_scratch, applied, nlogs);
	if (!err)
		err = zdh_index_commit(idx);
	if (err)
		zdh_index_rollback(idx);
	return err;
}

/* For the write path: inside its transaction. */
int zdh_index_catch_up_locked(struct zdh_index *idx)
{
	return catch_up_locked(idx, 0, NULL, NULL);
}

int zdh_index_catch_up(struct zdh_index *idx, long long *applied)
{
	return catch_up(idx, 0, applied, NULL);
}

int zdh_index_rebuild(struct zdh_index *idx, long long *events, long long *logs)
{
	return catch_up(idx, 1, events, logs);
}

/* ---- queries ---- */

int zdh_index_records(struct zdh_index *idx, const char *kind,
		      int (*fn)(const char *id, json_t *state, json_t *conflicts,
				long long events, void *payload),
		      void *payload)
{
	sqlite3_stmt *s;
	int rc, err = 0;

	if ((err = zdh_index_settle(idx)))
		return err;
	if (sqlite3_prepare_v2(idx->db, "SELECT id, state, conflicts, events FROM records"
			       " WHERE kind = ?1 ORDER BY prefix, n, id", -1, &s, NULL))
		return db_error(idx, "records");
	sqlite3_bind_text(s, 1, kind, -1, SQLITE_STATIC);
	while (!err && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		json_t *state = zdh_json_parse((const char *)sqlite3_column_text(s, 1),
				(size_t)sqlite3_column_bytes(s, 1), NULL);
		json_t *conflicts = sqlite3_column_type(s, 2) == SQLITE_TEXT ?
			zdh_json_parse((const char *)sqlite3_column_text(s, 2),
					(size_t)sqlite3_column_bytes(s, 2), NULL) : NULL;
		err = fn((const char *)sqlite3_column_text(s, 0), state, conflicts,
			 sqlite3_column_int64(s, 3), payload);
		json_decref(state);
		if (conflicts)
			json_decref(conflicts);
	}
	if (!err && rc != SQLITE_DONE)
		err = db_error(idx, "records");
	sqlite3_finalize(s);
	return err;
}

int zdh_index_events(struct zdh_index *idx, const struct zdh_log_filter *f,
		     int (*fn)(const struct zdh_event_row *row, void *payload), void *payload)
{
	struct zdh_buf sql = ZDH_BUF_INIT;
	sqlite3_stmt *s;
	int rc, err = 0;

	if ((err = zdh_index_settle(idx)))
		return err;
	zdh_buf_puts(&sql, "SELECT lower(hex(id)), replica, kind, record, op, " SUMMARY_COLUMN ", data, actor_name,"
		     " actor_email, actor_dept, note, clock, happened, recorded, happened_off,"
		     " recorded_off, effect FROM events WHERE 1");
	if (f->record)
		zdh_buf_puts(&sql, " AND record = ?1");
	if (f->kind)
		zdh_buf_puts(&sql, " AND kind = ?2");
	if (f->author)
		zdh_buf_puts(&sql, " AND (actor_name = ?3 OR actor_email = ?3)");
	if (f->since)
		zdh_buf_puts(&sql, " AND happened >= ?4");
	if (f->until)
		zdh_buf_puts(&sql, " AND happened < ?5");
	zdh_buf_puts(&sql, f->oldest_first ? " ORDER BY clock, replica, id" :
		     " ORDER BY happened DESC, clock DESC, replica DESC, id DESC");
	if (f->limit > 0)
		zdh_buf_puts(&sql, " LIMIT ?6");
	rc = sqlite3_prepare_v2(idx->db, sql.ptr, -1, &s, NULL);
	zdh_buf_release(&sql);
	if (rc)
		return db_error(idx, "events");
	if (f->record)
		sqlite3_bind_text(s, 1, f->record, -1, SQLITE_STATIC);
	if (f->kind)
		sqlite3_bind_text(s, 2, f->kind, -1, SQLITE_STATIC);
	if (f->author)
		sqlite3_bind_text(s, 3, f->author, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 4, f->since);
	sqlite3_bind_int64(s, 5, f->until);
	sqlite3_bind_int64(s, 6, f->limit);
	while (!err && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct zdh_event_row r;
#define T(i) ((const char *)sqlite3_column_text(s, i))
		r.id = T(0); r.replica = T(1); r.kind = T(2); r.record = T(3); r.op = T(4);
		r.summary = T(5); r.data = T(6); r.actor_name = T(7); r.actor_email = T(8);
		r.actor_dept = T(9); r.note = T(10);
#undef T
		r.clock = sqlite3_column_int64(s, 11);
		r.happened = sqlite3_column_int64(s, 12);
		r.recorded = sqlite3_column_int64(s, 13);
		r.happened_off = sqlite3_column_int(s, 14);
		r.recorded_off = sqlite3_column_int(s, 15);
		r.effect = sqlite3_column_int(s, 16);
		err = fn(&r, payload);
	}
	if (!err && rc != SQLITE_DONE)
		err = db_error(idx, "events");
	sqlite3_finalize(s);
	return err;
}

json_t *zdh_event_row_object(const struct zdh_event_row *r)
{
	struct zdh_buf date = ZDH_BUF_INIT;
	struct zdh_time t = { r->happened, r->happened_off };
	json_t *o = json_object(), *actor = json_object(), *data;

	json_object_set_new(actor, "name", json_string(r->actor_name));
	json_object_set_new(actor, "email", json_string(r->actor_email));
	if (r->actor_dept)
		json_object_set_new(actor, "dept", json_string(r->actor_dept));
	json_object_set_new(o, "actor", actor);
	zdh_date_rfc3339(&date, &t);
	json_object_set_new(o, "date", json_string(date.ptr));
	data = zdh_json_parse(r->data, strlen(r->data), NULL);
	json_object_set_new(o, "data", data ? data : json_object());
	zdh_buf_release(&date);
	return o;
}


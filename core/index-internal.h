/*
 * index-internal — what the files of the index module share, private to
 * core/index*.c (as git's refs/refs-internal.h): the struct behind the
 * opaque struct zdh_index, a record as the fold holds it, the statements
 * and SQL they share, and the functions each file offers the others
 * (prefix ix_).  Nothing outside core/index*.c includes it.
 *
 *   core/index.c          open, schema, connection, index.use, checkpoints
 *   core/index-ids.c      counters and next ids, log tips
 *   core/index-write.c    rows, transactions, bulk and direct writes
 *   core/index-fold.c     the fold, conflicts, refold, what a write reads, the trust
 *   core/index-catchup.c  catch-up from the log tips, rebuild from nothing
 *   core/index-kinds.c    the kinds' views, tables, indexes and fingerprint
 *   core/index-query.c    records and events for export, log, show
 *   core/index-mem.c      SQLite's memory for a short command, on one huge page
 *   core/index-vfs.c      index.db's pages written behind while a bulk writes it
 *   core/index-spill.c    a rebuild's events kept in a file of their own for its fold
 */
#ifndef ZDH_INDEX_INTERNAL_H
#define ZDH_INDEX_INTERNAL_H

#include <pthread.h>
#include <stdint.h>
#include <jansson.h>

#include "buf.h"
#include "error.h"
#include "event.h"
#include "index-db.h"
#include "kind.h"
#include "odb.h"
#include "rowq.h"
#include "rules.h"
#include "sha1.h"

struct counter;
struct last;
struct rentry;
struct late;
struct ix_premade;

#define CACHE_SIZE "-8000"	/* KiB of page cache */
#define MMAP_SIZE "268435456"	/* bytes of index.db read through mmap */

enum { DB_CURRENT, DB_EMPTY, DB_OLD, DB_GARBAGE };

/* An invalid event's row (core/rules.c): kept, never folded. */
#define INVALID "2"
_Static_assert(ZDH_EFFECT_INVALID == 2, "INVALID is ZDH_EFFECT_INVALID");

#define LATE_BUCKETS 1024

/*
 * The records a catch-up folds into, kept in memory between their events
 * and written when evicted or when the catch-up ends: a rebuild would
 * otherwise decode and encode a record's state for every event.  Only
 * fold_new uses it, inside its transaction, and nothing reads the records
 * table before it is flushed (a fold's checks look at the record alone).
 */
#define RCACHE_MAX 4096

/* The columns ix_row_event() reads, in its order (not the summary: the fold has no use for it). */
#define ROW_EVENT_COLUMNS "id, data, NULL, recorded, recorded_off, tree, replica, clock," \
	" kind, record, op, actor_name, actor_email, actor_dept, happened, happened_off, seen, seq"

/*
 * The tables a row goes to; ROW_RECORD_NEW: a record that has no row
 * yet, ROW_FACT_NEW: the facts of an event folded for the first time,
 * each inserted, not replaced, by a bulk transaction (the others treat
 * them as ROW_RECORD and ROW_FACT).  Each NEW before its other: rowq
 * inserts a batch's rows table by table in this order, and a record
 * stored again, or a refold's facts, replace what it inserted.
 */
enum { ROW_EVENT, ROW_RECORD_NEW, ROW_RECORD, ROW_FACT_NEW, ROW_FACT };

#define STORED_BITS (8u << 20)	/* 1 MiB */

#define SUMMARY_COLUMN "coalesce(summary, kind || ' ' || op || ' ' || record)"

/* An event of a kind this binary does not know: kept, folded by a zdh that knows it. */
#define UNKNOWN_KIND "3"
_Static_assert(ZDH_EFFECT_UNKNOWN_KIND == 3, "UNKNOWN_KIND is ZDH_EFFECT_UNKNOWN_KIND");

/* An event that took effect, and one the trust refused (a role, a signature). */
#define APPLIED "1"
_Static_assert(ZDH_EFFECT_APPLIED == 1, "APPLIED is ZDH_EFFECT_APPLIED");
#define REFUSED "4"
_Static_assert(ZDH_EFFECT_REFUSED == 4, "REFUSED is ZDH_EFFECT_REFUSED");

/* A set of records (kind, id), each with a number (index-fold.c). */
struct record_set {
	struct late *bucket[LATE_BUCKETS];
	struct late *all;
};

struct rcache {
	struct rentry *bucket[2 * RCACHE_MAX];
	/*
	 * A rebuild's records start with no row: only those it has stored
	 * (evicted) need reading back.  Bit (hash % STORED_BITS) is set for
	 * each, and a record whose bit is clear is not looked for.
	 */
	unsigned char *stored;
	struct record_set late;		/* records a rebuild folds again at its end */
	/*
	 * Records a catch-up folded again whole, each with the highest seq
	 * of the events then: their events up to it are folded already.
	 */
	struct record_set refolded;
	struct rentry *newest, *oldest;
	size_t n, max;
	long long evicted;	/* records stored to make room, */
	long long at_last;	/* ... at their last event (left), */
	long long reread;	/* ... and read back by a rebuild */
	unsigned char *left;	/* fold_merged's: events still to fold, by slot (ix_fold_expect) */
};

#define IX_PREFIX_SIZE 64	/* (ix_record_place(), below) */

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
	/* its place (ix_record_place_kept()): each event's facts and its row take it */
	long long place_n;
	char place[IX_PREFIX_SIZE];	/* its prefix; "" until worked out */
};

/*
 * The write modes (index-write.c), each an object, so that no call site
 * asks which mode it is in.  How a transaction's rows are written:
 *
 *   ix_rows_at_once   each row stepped on the connection as it comes
 *                     (every write, catch-up and rebuild)
 *   ix_rows_queued    a bulk transaction's rows handed to a second thread
 *                     (rowq) that writes them while the fold goes on
 *
 * and in which journal (a transaction is in one of each):
 *
 *   ix_journal_wal     the write-ahead log, readers never wait (the
 *                      default, and what every transaction ends in)
 *   ix_journal_direct  a bulk transaction of the only process that has
 *                      the index open: straight into index.db under a
 *                      rollback journal, index.use held exclusively
 */
struct ix_rows {
	const char *name;
	/* Start a row of table (ROW_EVENT, ROW_RECORD, ROW_FACT_NEW, ROW_FACT): 0 or an error. */
	int (*start)(struct zdh_index *idx, int table, struct zdh_row *row);
	/*
	 * Write the row started, of record kind/id: 0, 1 for an event row
	 * that was there already, or an error.  An event row's seq to *seq.
	 */
	int (*push)(struct zdh_index *idx, int table, struct zdh_row *row, const char *kind,
		    const char *id, long long *seq);
	/* Wait until every row pushed is in index.db (before reading its tables). */
	int (*settle)(struct zdh_index *idx);
	/* The same before reading the record kind/id alone: when a row of it may be on its way. */
	int (*settle_record)(struct zdh_index *idx, const char *kind, const char *id);
	/* The transaction ends: the first error of its rows, and ix_rows_at_once again. */
	int (*stop)(struct zdh_index *idx);
	/* The record last written stays in memory for the next event (last_park). */
	int park;
};
extern const struct ix_rows ix_rows_at_once, ix_rows_queued;

struct ix_journal {
	const char *name;
	/* Switch the connection to it (outside a transaction): 0, or -1 when it cannot. */
	int (*enter)(struct zdh_index *idx);
	/* The transaction ended: back to the WAL. */
	void (*leave)(struct zdh_index *idx);
};
extern const struct ix_journal ix_journal_wal, ix_journal_direct;

/* A set of event ids (raw), unsorted until asked (ix_idset_has). */
struct ix_idset {
	unsigned char (*v)[20];
	size_t n, alloc, sorted;
};
void ix_idset_add(struct ix_idset *s, const char *id);
int ix_idset_has(struct ix_idset *s, const char *id);

struct zdh_index {
	struct zdh_repo *repo;
	sqlite3 *db;
	char *path;
	char *dir;		/* the folder of path, index.use and index.lock: .zdh, or private's */
	int use_fd;		/* index.use, locked shared while db is open */
	/*
	 * The repository cannot be written (index.c, "Read-only
	 * repositories"): db is index.db opened read-only, and the first
	 * write (a catch-up, a refold) goes to a private copy first.
	 */
	int readonly;
	int reader;		/* opened to read only (zdh_index_open_read): may find it read-only */
	int private_dir;	/* dir is that copy's temporary folder, removed at close, */
	int private_lock;	/* ... locked through this descriptor meanwhile (-1: none) */
	struct cached {
		const char *sql;
		sqlite3_stmt *st;
		struct zdh_bound *kept;	/* ix_cached_bound's: what st holds bound */
	} *cache;
	size_t ncache, alloc_cache;
	int wal_frames;		/* frames in the WAL after our last commit */
	int rebuilding;		/* folding every event from nothing, in fold order */
	int new_file;		/* ... into a file of its own (index-catchup.c, build_new) */
	size_t expect;		/* objects the next catch-up is told to expect (zdh_index_expect) */
	int id_index;		/* while rebuilding: events_id is there already, */
	int fold_index;		/* ... and events_fold */
	int events_deferred;	/* a bulk transaction's: events_fold made at its end (ix_defer_fold_index) */
	struct ix_writeback *writeback;	/* a bulk transaction's pages on their way to the disk (index-write.c) */
	int rows_applied;	/* the rows being folded went in marked applied */
	unsigned char *fold_left;	/* a rebuild's events to fold, by record (ix_fold_expect) */
	long long walk_clock;	/* the highest clock of the log being read */
	/*
	 * A catch-up's invalid events of another replica than their log's
	 * (index-catchup.c, take_invalid): rowed at its end, unless that
	 * replica's own log holds the commit.
	 */
	struct foreign_event { char id[41]; char *log, *raw, *invalid; size_t len; } *foreign;
	size_t nforeign;
	/* the invalid events a catch-up names, 10 at most and a count (take_invalid) */
	struct zdh_warn_cap invalid_said;
	/*
	 * A valid event whose commit an earlier catch-up rowed as invalid,
	 * met on another log first: this catch-up starts again from nothing,
	 * where take_invalid's order gives the commit to its own log.
	 */
	int rowed_elsewhere;
	/* a record's state, setters and conflicts as ix_store_record() writes them, kept for the next */
	struct zdh_buf dumped;
	/* what a pull's news look for, counted as the fold meets it (zdh_index_news_mark) */
	unsigned long long stored_conflicted;	/* records stored with conflicts */
	unsigned long long void_folded;		/* events folded without effect */
	unsigned long long news_conflicted, news_void;	/* both when zdh_index_news_mark() ran */
	/*
	 * Events held before a catch-up that its new people, keys or roles
	 * took the effect of (effect ZDH_EFFECT_REFUSED now, not before), since
	 * zdh_index_news_mark(): how many rows temp.refused_again holds
	 * (index-catchup.c, ix_trust_refold)
	 */
	size_t nrefused_again;
	/*
	 * The same comparison's other side: how many rows temp.lifted holds,
	 * the events held before that were refused (ZDH_EFFECT_REFUSED) and
	 * that the new people, keys or roles let take effect now (a grant
	 * dated back)
	 */
	size_t nlifted;
	/*
	 * Events this process folded that their kind's check refused for
	 * their form (ZDH_EINVALID: data no zdh writes, such as a title that
	 * is a number: zdh_index_malformed), and those that would have
	 * created a record that exists (an id added twice:
	 * zdh_index_readded), for a pull to name
	 */
	struct ix_idset malformed, readded;
	unsigned rebuilds;	/* times this index was rebuilt from nothing (seqs renumbered) */
	struct counter *counters;	/* inside a transaction: see "Counters" */
	struct ix_highest *highest;	/* a rebuild's highest record numbers (ix_count_rebuilt) */
	size_t ncounters;
	struct last *last;	/* inside a transaction: see zdh_index_record() */
	const struct ix_rows *writer;	/* how rows are written now (never NULL) */
	const struct ix_journal *journal;	/* the journal now (never NULL) */
	struct zdh_rowq *rows;	/* ix_rows_queued: the thread writing the rows, */
	long long last_seq;	/* ... the seq its last event was given, */
	uint64_t *written;	/* ... and a set of the records it wrote (hashes) */
	size_t nwritten, written_size;
	uint64_t kinds_written;	/* ... and of their kinds (a bit a hash: ix_kind_written) */
	char *fresh_kind, *fresh_id;	/* what zdh_index_next_id() last gave */
	struct zdh_trust *trust;	/* see index-fold.c, trust; NULL until needed */
	int trust_known, trust_active;	/* ... the table trust's active, once read */
	struct own_sig *own;	/* ... the events this process signed (not readable before commit) */
	size_t nown;
	int saw_person;		/* a person event's row went in during this catch-up */
	struct ix_clocks *clocks;	/* clocks known by id in this transaction (ix_event_clock) */
	struct ix_seen *seen;	/* walks of seen chains in this transaction (index-fold.c, knows) */
	unsigned long long rows_gen;	/* ... counts the events' rows inserted: older walks are forgotten */
	uint64_t kinds_indexed;	/* kinds (a bit a place in zdh_kinds) with their indexes on records */
	/*
	 * A rebuild's: the kinds whose events its walk rowed (a bit a place
	 * in zdh_kinds), the last one's kind, and the indexes on records
	 * made before its fold (ix_premake_indexes, index.c)
	 */
	uint64_t kinds_seen;
	const struct zdh_kind *seen_last;
	struct ix_premade *premade;
	size_t npremade;
	long long premade_total, premade_next;	/* events to fold; folded at the next look */
	int scratch;		/* verify's fold (zdh_index_refused): reports nothing itself */
	struct ix_touched *touched;	/* inside a transaction: see ix_touch() (index-write.c) */
	int summaries_now;	/* zdh_index_summaries_settle(): none left for later */
	struct ix_spill *spill;	/* a rebuild's events as its walk rowed them (index-spill.c), or NULL */
};

/* index.c */
/* hex as an event id's 20 bytes in raw: 1, or 0 when it is not 40 hex digits (or NULL) */
int ix_oid_raw(unsigned char raw[ZDH_OID_RAWSZ], const char *hex);
void ix_bind_oid(sqlite3_stmt *s, int i, const char *hex);
sqlite3_stmt *ix_cached(struct zdh_index *idx, const char *sql);
sqlite3_stmt *ix_cached_bound(struct zdh_index *idx, const char *sql, struct zdh_bound **kept);
void ix_close_db(struct zdh_index *idx);
void ix_column_oid(sqlite3_stmt *s, int i, char out[ZDH_OID_HEXSZ + 1]);
/* The same, the column's type known (sqlite3_column_type()). */
void ix_column_oid_typed(sqlite3_stmt *s, int i, int type, char out[ZDH_OID_HEXSZ + 1]);
int ix_create_indexes(struct zdh_index *idx, long long events);
/* A rebuild's walk rowed an event of kind k (NULL: none this zdh knows). */
void ix_kind_seen(struct zdh_index *idx, const struct zdh_kind *k);
int ix_premake_indexes(struct zdh_index *idx, long long events);
/* folded of the rebuild's events folded: at premade_next, the indexes made before it looked at */
int ix_premade_check(struct zdh_index *idx, long long folded);
void ix_premade_forget(struct zdh_index *idx);
int ix_defer_fold_index(struct zdh_index *idx);
int ix_make_fold_index(struct zdh_index *idx);
int ix_db_error(struct zdh_index *idx, const char *what);
int ix_drop_indexes(struct zdh_index *idx);
/* Does the index hold an index called name now (payload: the struct zdh_index)? */
int ix_index_exists(void *payload, const char *name);
/* Kind k's indexes on records, made if missing before its first record is stored (not in a rebuild). */
int ix_kind_indexes(struct zdh_index *idx, const struct zdh_kind *k);
int ix_exec(struct zdh_index *idx, const char *sql);
int ix_exec_bind(struct zdh_index *idx, const char *sql, const char *a);
int ix_need_fold_index(struct zdh_index *idx);
int ix_need_id_index(struct zdh_index *idx);
int ix_event_clock(struct zdh_index *idx, const char *id, long long *clock);
void ix_clock_keep(struct zdh_index *idx, const char *id, long long clock);
void ix_clock_keep_event(struct zdh_index *idx, const struct zdh_event *ev);
/*
 * What a transaction's walks and writes knew, forgotten at its end (the
 * commit, the rollback, the close): the clocks kept (index.c), the walks
 * of seen (ix_seen_forget(), index-fold.c).
 */
void ix_txn_forget(struct zdh_index *idx);
uint64_t ix_id_key(const char *hex);
void ix_sqlite_setup(void);
/* index-mem.c */
/* SQLite's memory from up to blocks blocks of 2 MiB (before its first connection); 1 when done */
int ix_sqlite_arena(int blocks);
int ix_open_db(struct zdh_index *idx, int *what, int create);
/*
 * A new temporary folder of this process's in $TMPDIR or /tmp (*tmp),
 * locked through *lock until closed, or NULL with errno; those left by
 * commands killed swept first (index.c, "Read-only repositories").
 */
char *ix_private_dir(const char **tmp, int *lock);
/* The repository cannot be written: index.db copied to a private folder, to write that (0 at once if not readonly). */
int ix_go_private(struct zdh_index *idx);
int ix_pragma_int(struct zdh_index *idx, const char *sql, long long *out);
long long ix_map_off(struct zdh_index *idx);
void ix_map_back(struct zdh_index *idx, long long map);
void ix_remove_files(const char *path);
void ix_remove_logs(const char *path);
extern const char ix_schema_sql[];
/* The planner's statistics of records' own indexes (core/index.c): after they are made */
extern const char ix_stats_sql[];
int ix_set_pragmas(struct zdh_index *idx);
extern const char ix_sql_counter[];
extern const char ix_sql_event_by_seq[];
extern const char ix_sql_event_seen[];
extern const char ix_sql_get_record[];
extern const char ix_sql_insert_event[];
extern const char ix_sql_insert_event_bulk[];
extern const char ix_sql_insert_fact_bulk[];
extern const char ix_sql_insert_record_bulk[];
extern const char ix_sql_put_fact[];
extern const char ix_sql_put_record[];
extern const char ix_sql_set_effect[];
int ix_use_exclusive(struct zdh_index *idx);
/* index.use locked shared again, after ix_use_exclusive() (none in a private copy) */
void ix_use_shared(struct zdh_index *idx);
/*
 * The pages SQLite writes to the file at path (found by ix_db_fd(); not
 * found: nothing) start for the disk, on a
 * thread of their own (index-write.c): with trickle, every 50 ms until
 * joined; without, those written so far, once (nothing, when one
 * trickles already).  Joined before what counts, and before the close.
 */
void ix_start_writeback(struct zdh_index *idx, const char *path, int trickle);
void ix_join_writeback(struct zdh_index *idx);
/* SQLite's own descriptor of the file at path (found by its inode), or -1. */
int ix_db_fd(const char *path);

/* index-vfs.c: index.db's pages written behind, on a thread of their own */
#define IX_VFS "zdh"
/* Register IX_VFS, over SQLite's default one (after sqlite3_config()). */
void ix_vfs_register(void);
/* IX_VFS, or NULL when it could not be registered. */
const char *ix_vfs_name(void);
/*
 * With fd >= 0 (SQLite's descriptor of db's main file, opened through
 * IX_VFS), the pages of page bytes SQLite writes there are written behind
 * until called again with fd -1, which waits until all are written:
 * SQLITE_OK, or the error of a write that failed.  Nothing, for a file
 * of another VFS.
 */
int ix_vfs_behind(sqlite3 *db, int fd, size_t page);
/* ix_vfs_behind(idx->db, -1, 0), its error set: 0 or ZDH_ERROR (index-write.c) */
int ix_behind_stop(struct zdh_index *idx);

/* index-ids.c */
int ix_count_record(struct zdh_index *idx, const char *kind, const char *prefix, long long n);
/* The highest numbers of kind's ids summed over its prefixes, this transaction's too. */
long long ix_counted(struct zdh_index *idx, const char *kind);
int ix_counters_flush(struct zdh_index *idx);
void ix_counters_forget(struct zdh_index *idx);
/*
 * A rebuild's record number n of kind and prefix stored: the highest of
 * each pair kept in memory, written by ix_rebuilt_counters_flush() at the
 * rebuild's end (ix_rebuilt_forget() drops them).
 */
void ix_count_rebuilt(struct zdh_index *idx, const char *kind, const char *prefix, long long n);
/* FNV-1a of kind, a separator and id (never 0: an empty slot's). */
uint64_t ix_key_hash(const char *kind, const char *id);
int ix_rebuilt_counters_flush(struct zdh_index *idx);
void ix_rebuilt_forget(struct zdh_index *idx);
void ix_fresh_forget(struct zdh_index *idx);
long long ix_split_id(const char *id, char letter, char *prefix, size_t size);
/*
 * A record's place in records_key (kind, prefix, n, id): its prefix and n
 * as ix_split_id() tells them, or else the id itself (cut to size) and 0.
 * zdh_id_prefix() and zdh_id_n() in SQL give the same.
 */
long long ix_record_place(const char *id, char letter, char *prefix, size_t size);
/* The same for r, the record of kind and id: worked out once, at its first use, and kept in r. */
long long ix_record_place_kept(struct record *r, const struct zdh_kind *kind, const char *id,
			       const char **prefix);
/* ?i and ?i+1 of s bound to the record (kind, id)'s prefix and n (index.c). */
void ix_bind_place(sqlite3_stmt *s, int i, const char *kind, const char *id);
int ix_number_fresh(struct zdh_index *idx, const char *kind, const char *id);

/* index-write.c */
int ix_end_modes(struct zdh_index *idx);
/* May a row of a record of kind be queued (a bulk transaction wrote one)? */
int ix_kind_written(const struct zdh_index *idx, const char *kind);
/* A registered kind's place in zdh_kinds[] (asserted under 64: the bit sets by place). */
int ix_kind_place(const struct zdh_kind *kind);
int ix_insert_event(struct zdh_index *idx, const struct zdh_event *ev, const char *json, int effect, const char *note, long long *seq);
int ix_journal_mode(struct zdh_index *idx, const char *mode);
void ix_persist_wal(struct zdh_index *idx, int on);
void ix_row_str(struct zdh_row *row, const char *s);
int ix_put_fact(struct zdh_index *idx, const struct zdh_kind *kind, const struct zdh_event *ev,
		struct record *r, int effect, int first);
/* The summaries of kinds (kind.h, summarize): records folded in this transaction, flushed before it commits. */
void ix_touch(struct zdh_index *idx, const struct zdh_kind *kind, const char *id);
void ix_touch_all(struct zdh_index *idx, const struct zdh_kind *kind);
int ix_summaries_flush(struct zdh_index *idx);
void ix_touched_forget(struct zdh_index *idx);

/* index-fold.c */
char *ix_col_dup(sqlite3_stmt *s, int i);
int ix_fold(struct zdh_index *idx, struct rcache *c, const struct zdh_event *ev, long long seq);
void ix_fold_expect(struct zdh_index *idx, const char *kind, const char *record);
void ix_fold_expect_forget(struct zdh_index *idx);
void ix_seen_forget(struct zdh_index *idx);
int ix_fold_one(struct zdh_index *idx, struct record *r, const struct zdh_event *ev, const char *json, long long seq, int checked, int defer);
void ix_last_forget(struct zdh_index *idx);
int ix_rcache_finish(struct zdh_index *idx, struct rcache *c, int err);
struct rcache *ix_rcache_new(void);
void ix_record_clear(struct record *r);
int ix_row_event(struct zdh_event *ev, long long *seq, sqlite3_stmt *s);
int ix_row_event_arena(struct zdh_event *ev, long long *seq, sqlite3_stmt *s,
		       struct zdh_buf *arena);
int ix_row_event_raw(struct zdh_event *ev, long long *seq, sqlite3_stmt *s,
		     struct zdh_buf *arena, size_t *data_at);
int ix_row_event_data(struct zdh_event *ev, long long seq, const struct zdh_buf *arena,
		      size_t data_at);
int ix_row_event_text(struct zdh_event *ev, long long seq, const char *text, size_t len);
void ix_row_event_drop(struct zdh_event *ev);
int ix_store_record(struct zdh_index *idx, const struct zdh_kind *kind, const char *id, struct record *r);

/* index-kinds.c */
void ix_add_kind_sql(struct zdh_buf *sql, const struct zdh_kind *kind, const char *text);
/*
 * The indexes kind k's index_sql makes on its own tables (tables_sql)
 * that exist(payload, name) says the index holds now: their DROP
 * statements appended to drop, their CREATE statements (its {field}s
 * replaced) to create.
 */
void ix_kind_table_indexes(const struct zdh_kind *k, struct zdh_buf *drop, struct zdh_buf *create,
			   int (*exists)(void *payload, const char *name), void *payload);
/*
 * The CREATE statements of kind k's index_sql ({field}s replaced) of its
 * indexes on records (records 1) or of the others (records 0), but those
 * exists(payload, name) says the index holds (exists NULL: every one).
 */
void ix_kind_indexes_sql(struct zdh_buf *sql, const struct zdh_kind *k, int records,
			 int (*exists)(void *payload, const char *name), void *payload);
int ix_kinds_meet(struct zdh_index *idx);
void ix_kinds_schema(struct zdh_buf *sql);

/* Fold again every record of kind (NULL: of every kind), its tables too. */
int ix_kinds_refold(struct zdh_index *idx, const char *kind);

/* index-fold.c: the trust (include/trust.h) */
struct zdh_trust;
struct zdh_op;
int ix_trust(struct zdh_index *idx, struct zdh_trust **out);
void ix_trust_forget(struct zdh_index *idx);
void ix_trust_release(struct zdh_index *idx);
/* 1 with the message set when the trust gives ev no effect, 0 when not, -1 on error */
int ix_trust_refuses(struct zdh_index *idx, const json_t *state, const struct zdh_event *ev,
		     const struct zdh_op *op);
/* After new person events: *refold 1 (person records) or 2 (all) when the trust changed. */
int ix_trust_sync(struct zdh_index *idx, int *refold);
/*
 * Fold again what a change of the trust judges (ix_trust_sync()'s refold:
 * 1 the person records, 2 every record); for 2, outside a rebuild, the
 * events up to max_seq (0: none) the trust gives no effect are noted
 * before and compared after (index-catchup.c): what it refused anew and
 * what it let take effect, kept for the news (zdh_index_news_refused,
 * zdh_index_news_lifted).
 */
int ix_trust_refold(struct zdh_index *idx, int refold, long long max_seq);
/* Fold the trust again whatever came in, and the records when it changed (kinds_meet). */
int ix_trust_recheck(struct zdh_index *idx);

/*
 * index-spill.c: a rebuild's events, as the walk rows them, for its fold
 * to read back from each log's last (instead of their rows).  Open: NULL
 * when it cannot be had (the fold then reads the rows).  Add: the event
 * of json whose row is seq (the fold's events only); one it cannot keep
 * as the row gives it back fails the spill (usable 0).  Mark: the blocks
 * written so far (a log's events are those between two marks).  Next: the
 * event before the last read of the blocks [first, last), as
 * ix_row_event_raw() reads a row, its data's text in *data: 1, 0 when
 * none is left (or none in the block at hand, more 0), or -1 when a read
 * failed, which ix_spill_error() then says (on any thread).  Its strings
 * are in the block read, until the one after the next is read: more 0
 * keeps to the block.
 */
struct ix_spill;
struct ix_spill_reader;
struct ix_spill *ix_spill_open(const char *dir, size_t logs);
void ix_spill_free(struct ix_spill *sp);
int ix_spill_usable(const struct ix_spill *sp);
void ix_spill_add(struct ix_spill *sp, const struct zdh_event *ev, const char *json, long long seq);
size_t ix_spill_mark(struct ix_spill *sp);
struct ix_spill_reader *ix_spill_reader(struct ix_spill *sp, size_t first, size_t last);
void ix_spill_reader_free(struct ix_spill_reader *r);
int ix_spill_error(struct ix_spill_reader *r);
int ix_spill_next(struct ix_spill_reader *r, int more, struct zdh_event *ev, long long *seq,
		  struct zdh_buf *arena, const char **data, size_t *data_len);

#endif

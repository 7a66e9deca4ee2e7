/*
 * index-write — the rows of the index and its transactions, and the write
 * modes (index-internal.h): rows written at once or by a second thread
 * (an import's), in the WAL or straight into index.db; the insertion of
 * an event's row.
 */
#define _GNU_SOURCE	/* sync_file_range */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>

#include "error.h"
#include "i18n.h"
#include "index-internal.h"
#include "json.h"

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

static void start_writeback_fd(struct zdh_index *idx, int fd, int trickle);

int zdh_index_bulk(struct zdh_index *idx)
{
	/* (by ROW_EVENT, ROW_RECORD_NEW, ROW_RECORD, ROW_FACT_NEW, ROW_FACT) */
	static const char *const sql[] = { ix_sql_insert_event_bulk, ix_sql_insert_record_bulk,
					   ix_sql_put_record, ix_sql_insert_fact_bulk,
					   ix_sql_put_fact };
	int err;

	/* a connection not opened serialized (zdh_repo.index_threads) writes its rows itself */
	if (idx->writer == &ix_rows_queued || !sqlite3_db_mutex(idx->db))
		return 0;
	if (ix_pragma_int(idx, "SELECT coalesce(max(seq), 0) FROM events", &idx->last_seq))
		return ix_db_error(idx, "events");
	if (!idx->last_seq && (err = ix_defer_fold_index(idx)))
		return err;
	if ((err = zdh_rowq_start(&idx->rows, idx->db, sql, sizeof(sql) / sizeof(*sql))))
		return err;
	idx->writer = &ix_rows_queued;
	/*
	 * written straight into index.db or a new file: its pages start for
	 * the disk as they come, written behind (index-vfs.c)
	 */
	if (idx->journal == &ix_journal_direct || idx->new_file) {
		int fd = ix_db_fd(sqlite3_db_filename(idx->db, "main"));
		long long page = 0;

		start_writeback_fd(idx, fd, 1);
		if (!ix_pragma_int(idx, "PRAGMA page_size", &page) && page > 0)
			ix_vfs_behind(idx->db, fd, (size_t)page);
	}
	return 0;
}

int zdh_index_in_bulk(const struct zdh_index *idx)
{
	return idx->writer == &ix_rows_queued;
}

int zdh_index_settle(struct zdh_index *idx)
{
	return idx->writer->settle(idx);
}

uint64_t ix_key_hash(const char *kind, const char *id)
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
	uint64_t h = ix_key_hash(kind, id);

	return idx->written_size &&
		idx->written[written_slot(idx->written, idx->written_size, h)] == h;
}

/* A kind's bit in kinds_written (another kind may share it: a wait for nothing). */
static uint64_t kind_bit(const char *kind)
{
	return (uint64_t)1 << (ix_key_hash(kind, "") & 63);
}

int ix_kind_written(const struct zdh_index *idx, const char *kind)
{
	return (idx->kinds_written & kind_bit(kind)) != 0;
}

static void written_add(struct zdh_index *idx, const char *kind, const char *id)
{
	uint64_t h = ix_key_hash(kind, id);
	size_t i;

	idx->kinds_written |= kind_bit(kind);
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

void ix_row_str(struct zdh_row *row, const char *s)
{
	zdh_row_text(row, s, s ? strlen(s) : 0);
}

/* An object id as 20 bytes, as ix_bind_oid() binds it. */
static void row_oid(struct zdh_row *row, const char *hex)
{
	unsigned char raw[ZDH_OID_RAWSZ];

	if (ix_oid_raw(raw, hex))
		zdh_row_blob(row, raw, sizeof(raw));
	else
		ix_row_str(row, hex);
}

/* An id: its 20 bytes raw when known (a reader kept them), else hex as row_oid(). */
static void row_known_oid(struct zdh_row *row, int known, const unsigned char raw[ZDH_OID_RAWSZ],
			  const char *hex)
{
	if (known)
		zdh_row_blob(row, raw, ZDH_OID_RAWSZ);
	else
		row_oid(row, hex);
}

/* An event's id: its 20 bytes when the writer that hashed it kept them, else as row_oid(). */
static void row_event_id(struct zdh_row *row, const struct zdh_event *ev)
{
	row_known_oid(row, ev->has_oid, ev->oid, ev->id);
}

/* ---- rows written at once ---- */

static const char *table_name(int table)
{
	return table == ROW_EVENT ? "events" :
		table == ROW_RECORD || table == ROW_RECORD_NEW ? "records" : "facts";
}

static int at_once_start(struct zdh_index *idx, int table, struct zdh_row *row)
{
	/* (each row binds every parameter: at_once_push checks) */
	struct zdh_bound *kept;
	sqlite3_stmt *s = ix_cached_bound(idx, table == ROW_EVENT ? ix_sql_insert_event :
					  table == ROW_RECORD || table == ROW_RECORD_NEW ?
					  ix_sql_put_record : ix_sql_put_fact, &kept);

	if (!s)
		return ix_db_error(idx, table_name(table));
	zdh_row_direct_kept(row, s, kept);
	if (table == ROW_EVENT)
		zdh_row_null(row);	/* seq: SQLite's next rowid */
	return 0;
}

static int at_once_push(struct zdh_index *idx, int table, struct zdh_row *row, const char *kind,
			const char *id, long long *seq)
{
	int rc;

	(void)kind;
	(void)id;
	/* a parameter left unbound would keep the last row's value */
	ZDH_ASSERT(row->n == sqlite3_bind_parameter_count(row->stmt));
	rc = sqlite3_step(row->stmt);
	sqlite3_reset(row->stmt);
	if (rc != SQLITE_DONE)
		return ix_db_error(idx, table_name(table));
	if (table != ROW_EVENT)
		return 0;
	if (!sqlite3_changes(idx->db))
		return 1;	/* had it already */
	if (seq)
		*seq = sqlite3_last_insert_rowid(idx->db);
	return 0;
}

static int at_once_settle(struct zdh_index *idx)
{
	(void)idx;
	return 0;
}

static int at_once_settle_record(struct zdh_index *idx, const char *kind, const char *id)
{
	(void)idx;
	(void)kind;
	(void)id;
	return 0;
}

const struct ix_rows ix_rows_at_once = {
	"at once", at_once_start, at_once_push, at_once_settle, at_once_settle_record,
	at_once_settle, 0
};

/* ---- rows queued to a second thread (see "Bulk writes" above) ---- */

static int queued_start(struct zdh_index *idx, int table, struct zdh_row *row)
{
	ZDH_ASSERT(idx->rows);
	zdh_rowq_row(idx->rows, (size_t)table, row);
	if (table == ROW_EVENT)
		zdh_row_int(row, ++idx->last_seq);
	return 0;
}

static int queued_push(struct zdh_index *idx, int table, struct zdh_row *row, const char *kind,
		       const char *id, long long *seq)
{
	(void)row;
	if (table == ROW_RECORD || table == ROW_RECORD_NEW)
		written_add(idx, kind, id);
	else if (seq)
		*seq = idx->last_seq;
	return zdh_rowq_push(idx->rows);
}

static int queued_settle(struct zdh_index *idx)
{
	return zdh_rowq_wait(idx->rows);
}

static int queued_settle_record(struct zdh_index *idx, const char *kind, const char *id)
{
	return written(idx, kind, id) ? zdh_rowq_wait(idx->rows) : 0;
}

static int queued_stop(struct zdh_index *idx)
{
	int err = zdh_rowq_stop(idx->rows);

	idx->rows = NULL;
	free(idx->written);
	idx->written = NULL;
	idx->nwritten = idx->written_size = 0;
	idx->kinds_written = 0;
	idx->writer = &ix_rows_at_once;
	return err;
}

const struct ix_rows ix_rows_queued = {
	"queued", queued_start, queued_push, queued_settle, queued_settle_record,
	queued_stop, 1
};

/*
 * Direct writes.  A bulk transaction writes straight into index.db when
 * no other process has it open: under a rollback journal each page is
 * written once, where the WAL has it written twice, the second time by
 * the checkpoint at close (a fifth of an import of 100,000 issues into a
 * new repository).  Holding index.use exclusively keeps other processes
 * out until it ends (they wait to open the index); a crash leaves a hot
 * journal that the next opener rolls back, and ix_set_pragmas() puts the WAL
 * back.  The WAL must not be persistent meanwhile: SQLite would go on
 * writing into it whatever the mode says.
 */
int ix_journal_mode(struct zdh_index *idx, const char *mode)
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

void ix_persist_wal(struct zdh_index *idx, int on)
{
	sqlite3_file_control(idx->db, "main", SQLITE_FCNTL_PERSIST_WAL, &on);
}

static int wal_enter(struct zdh_index *idx)
{
	(void)idx;
	return 0;
}

static void wal_leave(struct zdh_index *idx)
{
	(void)idx;
}

const struct ix_journal ix_journal_wal = { "wal", wal_enter, wal_leave };

static void direct_leave(struct zdh_index *idx)
{
	ix_journal_mode(idx, "wal");
	ix_persist_wal(idx, 1);
	ix_exec(idx, "PRAGMA synchronous = NORMAL");
	ix_use_shared(idx);
}

static int direct_enter(struct zdh_index *idx)
{
	if (ix_use_exclusive(idx))
		return -1;	/* another process has it open */
	ix_persist_wal(idx, 0);
	if (ix_journal_mode(idx, "delete") || ix_exec(idx, "PRAGMA synchronous = FULL")) {
		direct_leave(idx);
		return -1;
	}
	return 0;
}

const struct ix_journal ix_journal_direct = { "direct", direct_enter, direct_leave };

int ix_end_modes(struct zdh_index *idx)
{
	int err = idx->writer->stop(idx);

	ZDH_ASSERT(idx->writer == &ix_rows_at_once);
	idx->journal->leave(idx);
	idx->journal = &ix_journal_wal;
	return err;
}

int zdh_index_begin_bulk(struct zdh_index *idx)
{
	int err;

	ZDH_ASSERT(idx->journal == &ix_journal_wal);
	if ((err = ix_go_private(idx)))
		return err;
	if (!ix_journal_direct.enter(idx))
		idx->journal = &ix_journal_direct;
	return zdh_index_begin(idx);
}

int zdh_index_begin(struct zdh_index *idx)
{
	int err;

	if ((err = ix_go_private(idx)))
		return err;
	ix_counters_forget(idx);
	return ix_exec(idx, "BEGIN IMMEDIATE");
}

/*
 * Summaries.  A kind that keeps summaries of its records (kind.h,
 * summarize) is told, before the transaction commits, which of its
 * records had events folded in it: ix_put_fact() notes each (every fold
 * of an event writes its facts, a refold's too), in a set of (kind, id).
 * A rebuild, a refold of the kind, more records than SUMMARY_MAX, or more
 * than SUMMARY_SOME that are over half of the kind's records make it
 * summarize all of its records in one pass instead.  One record by its id
 * costs about twice a record of the pass (the pass also makes the
 * table's indexes again), so a pull of 10,000 new issues into 100,000
 * summarizes those 10,000, not 110,000: 7,116 to 3,569 million
 * instructions for the whole pull.
 */
#define SUMMARY_SOME 4096
#define SUMMARY_MAX (1 << 17)	/* (the ids kept: a few MiB at most) */
/*
 * ... but only a write of a few records makes their summaries itself.
 * One of more (an import, a pull, a clone, a rebuild) leaves them for
 * later: each record's key goes into summaries_due (a kind's whole with
 * record '', as a rebuild or a pass would make it), and the summaries
 * are made by the first command that reads them (a report), for every
 * record written since, each once, by zdh_index_summaries_settle().  An
 * office that pulls every hour and reports once a month summarizes an
 * issue once, not at every pull that touched it; the rest of a pull's
 * work no longer waits for them (a pull of 10,000 new issues: their
 * summaries were 63,000 of its 299,000 instructions an event).
 */
#define SUMMARY_NOW 16

struct ix_touched {
	struct touch { const struct zdh_kind *kind; char *id; } *slot;
	size_t n, size;
	unsigned char all[64];	/* by the kind's place in zdh_kinds[] */
};

int ix_kind_place(const struct zdh_kind *kind)
{
	int i = 0;

	while (zdh_kinds[i] && zdh_kinds[i] != kind)
		i++;
	/* (a kind past 64 places would never be summarized, nor get its indexes: kinds_indexed) */
	ZDH_ASSERT(zdh_kinds[i] && i < 64);
	return i;
}

void ix_touch_all(struct zdh_index *idx, const struct zdh_kind *kind)
{
	int k;

	if (!kind->summarize)
		return;
	k = ix_kind_place(kind);
	if (!idx->touched)
		idx->touched = zdh_calloc(1, sizeof(*idx->touched));
	idx->touched->all[k] = 1;
}

/*
 * About how many records of kind the index holds (those just folded
 * included): the highest number of each prefix's ids, summed from the
 * counters (one row a prefix) and this transaction's (ix_counted()),
 * which is the count where numbers have no gaps and above it where they
 * do.  It only chooses between two ways to the same summaries; a count(*)
 * read the kind's whole index, three times a pull of 10,000 issues into
 * 100,000 (130 million instructions, 3.5% of the pull).
 */
static size_t kind_records(struct zdh_index *idx, const struct zdh_kind *kind)
{
	long long n = ix_counted(idx, kind->name);

	return n > 0 ? (size_t)n : 0;
}

void ix_touch(struct zdh_index *idx, const struct zdh_kind *kind, const char *id)
{
	struct ix_touched *t;
	int k;
	size_t i;

	if (!kind->summarize)	/* (every event folded asks: the kinds table not scanned for nothing) */
		return;
	k = ix_kind_place(kind);
	if (!(t = idx->touched))
		t = idx->touched = zdh_calloc(1, sizeof(*t));
	if (idx->rebuilding)
		t->all[k] = 1;	/* a rebuild summarizes each kind in one pass */
	if (t->all[k])
		return;
	if (2 * (t->n + 1) > t->size) {
		size_t size = t->size ? 2 * t->size : 64;
		struct touch *slot = zdh_calloc(size, sizeof(*slot));
		for (size_t j = 0; j < t->size; j++) {
			if (!t->slot[j].id)
				continue;
			for (i = ix_key_hash(t->slot[j].kind->name, t->slot[j].id) & (size - 1); slot[i].id;
			     i = (i + 1) & (size - 1))
				;
			slot[i] = t->slot[j];
		}
		free(t->slot);
		t->slot = slot;
		t->size = size;
	}
	for (i = ix_key_hash(kind->name, id) & (t->size - 1); t->slot[i].id; i = (i + 1) & (t->size - 1))
		if (t->slot[i].kind == kind && !strcmp(t->slot[i].id, id))
			return;
	/*
	 * Past SUMMARY_SOME, and at each doubling after, the records touched
	 * are weighed against the kind's: over half of them go in one pass
	 * anyway, and their ids are kept no longer (an import of 100,000
	 * issues into a new repository kept them all: its peak memory went
	 * from 31 to 64 MiB).  A bulk write's rows still queued are not
	 * counted, which only makes the pass likelier.  Weighed when a new id
	 * would be kept, not at each event of one kept (a pull of 4,096 new
	 * issues and 1,500 comments on them took 6.4 s so, 0.5 s now).
	 */
	if (t->n >= SUMMARY_MAX ||
	    (t->n >= SUMMARY_SOME && !(t->n & (t->n - 1)) && 2 * t->n > kind_records(idx, kind))) {
		t->all[k] = 1;
		return;
	}
	t->slot[i].kind = kind;
	t->slot[i].id = zdh_strdup(id);
	t->n++;
}

void ix_touched_forget(struct zdh_index *idx)
{
	struct ix_touched *t = idx->touched;

	if (!t)
		return;
	for (size_t i = 0; i < t->size; i++)
		free(t->slot[i].id);
	free(t->slot);
	free(t);
	idx->touched = NULL;
}

static double trace_mark;

/*
 * Leave kind's summaries of ids for later: summaries_due, a row each, or
 * with ids NULL one row for all of them (which then stands for any).
 */
static int summaries_leave(struct zdh_index *idx, const struct zdh_kind *kind,
			   const char *const *ids, size_t n)
{
	static const char *const all[] = { "" };
	sqlite3_stmt *s;
	int err = 0;

	if (!ids) {
		ids = all;
		n = 1;
		err = ix_exec_bind(idx, "DELETE FROM summaries_due WHERE kind = ?1", kind->name);
	} else if (!(s = ix_cached(idx, "SELECT 1 FROM summaries_due WHERE kind = ?1 AND record = ''"))) {
		return ix_db_error(idx, "summaries_due");
	} else {
		sqlite3_bind_text(s, 1, kind->name, -1, SQLITE_STATIC);
		n = sqlite3_step(s) == SQLITE_ROW ? 0 : n;	/* (all of them are left already) */
		sqlite3_reset(s);
	}
	if (err || !n)
		return err;
	if (!(s = ix_cached(idx, "INSERT OR IGNORE INTO summaries_due(kind, record) VALUES(?1, ?2)")))
		return ix_db_error(idx, "summaries_due");
	sqlite3_bind_text(s, 1, kind->name, -1, SQLITE_STATIC);
	for (size_t i = 0; i < n && !err; i++) {
		sqlite3_bind_text(s, 2, ids[i], -1, SQLITE_STATIC);
		if (sqlite3_step(s) != SQLITE_DONE)
			err = ix_db_error(idx, "summaries_due");
		sqlite3_reset(s);
	}
	sqlite3_clear_bindings(s);
	return err;
}

int ix_summaries_flush(struct zdh_index *idx)
{
	struct ix_touched *t = idx->touched;
	const char **ids;
	int err = 0;

	if (!t)
		return 0;
	if ((err = zdh_index_settle(idx)))
		return err;
	ix_last_forget(idx);
	ids = zdh_malloc((t->n + 1) * sizeof(*ids));
	for (int k = 0; zdh_kinds[k] && k < 64 && !err; k++) {
		const struct zdh_kind *kind = zdh_kinds[k];
		size_t n = 0;

		if (!kind->summarize)
			continue;
		if (!t->all[k]) {
			for (size_t i = 0; i < t->size; i++)
				if (t->slot[i].id && t->slot[i].kind == kind)
					ids[n++] = t->slot[i].id;
			if (n > SUMMARY_SOME && 2 * n > kind_records(idx, kind))
				t->all[k] = 1;
		}
		if (!idx->summaries_now && (t->all[k] || n > SUMMARY_NOW)) {
			err = summaries_leave(idx, kind, t->all[k] ? NULL : ids, n);
			continue;
		}
		if (t->all[k]) {
			/*
			 * All of a kind's records, read in one pass, not mapped
			 * (an import of 100,000 issues: 97.5 MiB peak, 32 without
			 * the summaries).
			 */
			long long map = ix_map_off(idx);
			struct zdh_buf drop = ZDH_BUF_INIT, create = ZDH_BUF_INIT;

			/*
			 * The indexes of its own tables made after the rows, in
			 * one sort each, not row by row: of an import of 20,000
			 * issues, the summaries' rows cost its main thread 1,058
			 * million instructions with the five indexes kept up.
			 */
			ix_kind_table_indexes(kind, &drop, &create, ix_index_exists, idx);
			zdh_trace("summary", NULL, &trace_mark);
			if (!drop.len || !(err = ix_exec(idx, drop.ptr)))
				err = kind->summarize(idx, NULL, 0);
			zdh_trace("summary", "rows", &trace_mark);
			if (!err && create.len)
				err = ix_exec(idx, create.ptr);
			zdh_trace("summary", "indexes", &trace_mark);
			zdh_buf_release(&drop);
			zdh_buf_release(&create);
			ix_map_back(idx, map);
			continue;
		}
		if (n)
			err = kind->summarize(idx, ids, n);
	}
	free(ids);
	ix_touched_forget(idx);
	return err;
}

int zdh_index_summaries_settle(struct zdh_index *idx)
{
	sqlite3_stmt *s;
	long long due;
	int rc, err;

	if (ix_pragma_int(idx, "SELECT EXISTS(SELECT 1 FROM summaries_due)", &due))
		return ix_db_error(idx, "summaries_due");
	if (!due)
		return 0;
	if ((err = zdh_index_begin(idx)))
		return err;
	/* (read again inside the transaction: another process may have made them) */
	if (!(s = ix_cached(idx, "SELECT kind, record FROM summaries_due"))) {
		err = ix_db_error(idx, "summaries_due");
		goto done;
	}
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const struct zdh_kind *kind = zdh_kind_find((const char *)sqlite3_column_text(s, 0));
		const char *id = (const char *)sqlite3_column_text(s, 1);

		if (!kind)
			continue;	/* (a kind this zdh no longer has: its rows went with it) */
		if (*id)
			ix_touch(idx, kind, id);
		else
			ix_touch_all(idx, kind);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		err = ix_db_error(idx, "summaries_due");
	if (!err)
		err = ix_exec(idx, "DELETE FROM summaries_due");
	idx->summaries_now = 1;
	if (!err)
		err = zdh_index_commit(idx);
	idx->summaries_now = 0;
done:
	if (err)
		zdh_index_rollback(idx);
	return err;
}

/*
 * index.db's pages on their way to the disk while a bulk transaction
 * writes them.  SQLite writes most of its pages long before the COMMIT
 * (its cache holds a few MiB): a thread of their own starts what has been
 * written for the disk every WRITEBACK_MS, while both cores are busy with
 * the rows and the device would otherwise wait for the end (an import of
 * 100,000 issues writes 87 MiB of index.db, and the flush of its pack
 * waited for them).  With trickle 0, one pass only (a rebuild's rows
 * while its indexes are made, when nothing trickled).  SQLite does not
 * lend its descriptor; the process's own that holds the same file is
 * found by its inode, and only written out, never closed (a close would
 * drop SQLite's locks).  Nothing is made durable here: the COMMIT's flush
 * still is what counts, after the thread is joined.
 */
#define WRITEBACK_MS 50

struct ix_writeback {
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t wake;
	int fd, trickle, stop;
};

static void *writeback(void *arg)
{
	struct ix_writeback *w = arg;

	pthread_mutex_lock(&w->lock);
	while (w->trickle && !w->stop) {
		struct timespec t;

		clock_gettime(CLOCK_REALTIME, &t);
		t.tv_nsec += WRITEBACK_MS * 1000000L;
		if (t.tv_nsec >= 1000000000L) {
			t.tv_sec++;
			t.tv_nsec -= 1000000000L;
		}
		pthread_cond_timedwait(&w->wake, &w->lock, &t);
		if (w->stop)
			break;
		pthread_mutex_unlock(&w->lock);
		sync_file_range(w->fd, 0, 0, SYNC_FILE_RANGE_WRITE);
		pthread_mutex_lock(&w->lock);
	}
	pthread_mutex_unlock(&w->lock);
	sync_file_range(w->fd, 0, 0, SYNC_FILE_RANGE_WRITE);
	return NULL;
}

int ix_db_fd(const char *path)
{
	struct stat want, st;
	struct dirent *e;
	DIR *d;
	int found = -1;

	if (stat(path, &want) || !(d = opendir("/proc/self/fd")))
		return -1;
	while (found < 0 && (e = readdir(d))) {
		int fd = atoi(e->d_name);
		if (fd > 2 && fd != dirfd(d) && !fstat(fd, &st) && st.st_dev == want.st_dev &&
		    st.st_ino == want.st_ino)
			found = fd;
	}
	closedir(d);
	return found;
}

/* ix_start_writeback() on fd, its descriptor (-1: nothing) */
static void start_writeback_fd(struct zdh_index *idx, int fd, int trickle)
{
	struct ix_writeback *w;

	if (idx->writeback)
		return;	/* (trickling already, until joined) */
	if (fd < 0)
		return;
	w = zdh_calloc(1, sizeof(*w));
	pthread_mutex_init(&w->lock, NULL);
	pthread_cond_init(&w->wake, NULL);
	w->fd = fd;
	w->trickle = trickle;
	if (pthread_create(&w->thread, NULL, writeback, w)) {
		pthread_cond_destroy(&w->wake);
		pthread_mutex_destroy(&w->lock);
		free(w);
	} else {
		idx->writeback = w;
	}
}

void ix_start_writeback(struct zdh_index *idx, const char *path, int trickle)
{
	/* (asked first: finding the descriptor reads every one the process has) */
	if (!idx->writeback)
		start_writeback_fd(idx, ix_db_fd(path), trickle);
}

void ix_join_writeback(struct zdh_index *idx)
{
	struct ix_writeback *w = idx->writeback;

	if (!w)
		return;
	/* a trickling one makes its last pass now */
	pthread_mutex_lock(&w->lock);
	w->stop = 1;
	pthread_cond_signal(&w->wake);
	pthread_mutex_unlock(&w->lock);
	pthread_join(w->thread, NULL);
	pthread_cond_destroy(&w->wake);
	pthread_mutex_destroy(&w->lock);
	free(w);
	idx->writeback = NULL;
}

/*
 * The pages written behind (index-vfs.c): all written, or the error of
 * one, a full disk said as SQLite says it when its own call meets the
 * ring's error first, whichever comes first.  SQLite itself would never
 * hear of a write that fails at the end: it ignores what closing a file
 * says.
 */
int ix_behind_stop(struct zdh_index *idx)
{
	int rc = ix_vfs_behind(idx->db, -1, 0);

	if (!rc)
		return 0;
	return rc == SQLITE_FULL ? zdh_error_set(ZDH_ERROR, _("index: %s"), sqlite3_errstr(rc)) :
		zdh_error_set(ZDH_ERROR, _("index: %s: %s"), "index.db", strerror(errno));
}

int zdh_index_finish(struct zdh_index *idx)
{
	int bulk = idx->writer == &ix_rows_queued;
	int err = idx->writer->stop(idx), e2;

	if (bulk && (e2 = ix_behind_stop(idx)) && !err)
		err = e2;

	if (!err && bulk && idx->journal == &ix_journal_direct)
		ix_start_writeback(idx, idx->path, 0);

	if (!err)
		err = ix_make_fold_index(idx);
	if (!err)
		err = ix_summaries_flush(idx);
	return err;
}

int zdh_index_commit(struct zdh_index *idx)
{
	int err = zdh_index_finish(idx);

	zdh_trace("index", NULL, &trace_mark);
	if (!err)
		err = ix_counters_flush(idx);
	ix_join_writeback(idx);
	if (!err && !(err = ix_exec(idx, "COMMIT")))
		ix_end_modes(idx);
	ix_txn_forget(idx);
	zdh_trace("index", "COMMIT", &trace_mark);
	return err;
}

void zdh_index_rollback(struct zdh_index *idx)
{
	idx->writer->stop(idx);
	/* (the journal played back straight into the file, whatever the ring's writes did) */
	ix_vfs_behind(idx->db, -1, 0);
	ix_counters_forget(idx);
	ix_touched_forget(idx);
	ix_trust_forget(idx);
	ix_txn_forget(idx);
	idx->kinds_indexed = 0;	/* (an index it made is gone with it) */
	idx->events_deferred = 0;	/* (its drop is rolled back) */
	ix_join_writeback(idx);
	if (!sqlite3_get_autocommit(idx->db))
		sqlite3_exec(idx->db, "ROLLBACK", NULL, NULL, NULL);
	ix_end_modes(idx);
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

/*
 * The row of facts of ev (kind.h, struct zdh_fact; every kind has one),
 * with its effect (0 or 1); first: ev's row was inserted by this fold, so
 * it has no facts yet.
 */
int ix_put_fact(struct zdh_index *idx, const struct zdh_kind *kind, const struct zdh_event *ev,
		struct record *r, int effect, int first)
{
	int table = first ? ROW_FACT_NEW : ROW_FACT;
	struct zdh_fact_values v;
	struct zdh_row row;
	const char *prefix;
	long long n = ix_record_place_kept(r, kind, ev->record, &prefix);
	int i = 0, nulls = 0, err;

	memset(&v, 0, sizeof(v));
	for (i = 0; i < ZDH_KIND_FACTS_MAX; i++)
		v.null[i] = 1;
	if (kind->facts)
		kind->fact(ev, &v);
	ix_touch(idx, kind, ev->record);
	if ((err = idx->writer->start(idx, table, &row)))
		return err;
	ix_row_str(&row, kind->name);
	ix_row_str(&row, ev->record);
	ix_row_str(&row, prefix);
	zdh_row_int(&row, n);
	zdh_row_int(&row, ev->clock);
	ix_row_str(&row, ev->replica);
	row_event_id(&row, ev);
	ix_row_str(&row, ev->op);
	zdh_row_int(&row, ev->date.t);
	zdh_row_int(&row, ev->recorded.t);
	zdh_row_int(&row, effect);
	i = 0;
	for (const struct zdh_fact *f = kind->facts; f && f->name; f++, i++) {
		ZDH_ASSERT(i < ZDH_KIND_FACTS_MAX);
		if (v.null[i]) {
			nulls++;	/* (put together, before the next value or at the end) */
			continue;
		}
		zdh_row_nulls(&row, nulls);
		nulls = 0;
		if (f->type[0] == 'T')
			ix_row_str(&row, v.text[i]);
		else
			zdh_row_int(&row, v.num[i]);
	}
	zdh_row_nulls(&row, nulls + ZDH_KIND_FACTS_MAX - i);
	return idx->writer->push(idx, table, &row, kind->name, ev->record, NULL);
}

/*
 * effect < 0: not folded yet.  Returns 1 when the event was there already.
 * Its seq goes to *seq when given.  In a bulk transaction the row goes to
 * the inserting thread instead, with the next seq, and 0 is returned.
 */
int ix_insert_event(struct zdh_index *idx, const struct zdh_event *ev, const char *json,
			int effect, const char *note, long long *seq)
{
	struct zdh_buf data = ZDH_BUF_INIT;
	struct zdh_row row;
	size_t at, len;
	int err;

	/*
	 * rows go in with their tip, in the transaction; in a bulk one the
	 * rows thread's failure (a full disk: SQLite then rolls it back) may
	 * have ended it, and that failure is the answer (t8020)
	 */
	if (sqlite3_get_autocommit(idx->db)) {
		err = idx->writer->settle(idx);
		ZDH_ASSERT(err);
		return err;
	}
	if (!strcmp(ev->kind, "person"))
		idx->saw_person = 1;	/* the trust may change (index-fold.c, trust) */
	/* the row keeps the data alone: every other field has its column */
	if (ev->data_len) {	/* (where its writer put it) */
		at = ev->data_at;
		len = ev->data_len;
	} else if (zdh_event_data_span(json, strlen(json), &at, &len)) {
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
	if ((err = idx->writer->start(idx, ROW_EVENT, &row))) {
		zdh_buf_release(&data);
		return err;
	}
	row_event_id(&row, ev);
	ix_row_str(&row, ev->replica);
	zdh_row_int(&row, ev->clock);
	ix_row_str(&row, ev->kind);
	ix_row_str(&row, ev->record);
	ix_row_str(&row, ev->op);
	ix_row_str(&row, ev->actor.name);
	ix_row_str(&row, ev->actor.email);
	ix_row_str(&row, ev->actor.dept);
	zdh_row_int(&row, ev->date.t);
	zdh_row_int(&row, ev->date.offset);
	zdh_row_int(&row, ev->recorded.t);
	zdh_row_int(&row, ev->recorded.offset);
	row_known_oid(&row, ev->has_seen_oid && ev->seen, ev->seen_oid, ev->seen);
	ix_row_str(&row, default_summary(ev) ? NULL : ev->summary ? ev->summary : ev->op);
	zdh_row_text(&row, data.len ? data.ptr : json + at, len);
	ix_row_str(&row, ev->tree);
	if (effect >= 0)
		zdh_row_int(&row, effect);
	else
		zdh_row_null(&row);
	zdh_row_text_owned(&row, note ? zdh_strdup(note) : NULL);
	err = idx->writer->push(idx, ROW_EVENT, &row, ev->kind, ev->record, seq);
	idx->rows_gen++;	/* (a walk of seen that met no row may meet this one: index-fold.c) */
	zdh_buf_release(&data);
	return err;
}

/*
 * index-write — the rows of the index and its transactions: direct and
 * bulk writes (a second thread writes an import's rows), the journal mode
 * of a bulk transaction, and the insertion of an event's row.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>

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

int zdh_index_bulk(struct zdh_index *idx)
{
	static const char *const sql[] = { ix_sql_insert_event_bulk, ix_sql_put_record };

	/* a connection not opened serialized (zdh_repo.index_threads) writes its rows itself */
	if (idx->rows || !sqlite3_db_mutex(idx->db))
		return 0;
	if (ix_pragma_int(idx, "SELECT coalesce(max(seq), 0) FROM events", &idx->last_seq))
		return ix_db_error(idx, "events");
	return zdh_rowq_start(&idx->rows, idx->db, sql, 2);
}

int zdh_index_settle(struct zdh_index *idx)
{
	return idx->rows ? zdh_rowq_wait(idx->rows) : 0;
}

int ix_rows_stop(struct zdh_index *idx)
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
int ix_written(const struct zdh_index *idx, const char *kind, const char *id)
{
	uint64_t h = key_hash(kind, id);

	return idx->written_size &&
		idx->written[written_slot(idx->written, idx->written_size, h)] == h;
}

void ix_written_add(struct zdh_index *idx, const char *kind, const char *id)
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

void ix_row_str(struct zdh_row *row, const char *s)
{
	zdh_row_text(row, s, s ? strlen(s) : 0);
}

/* An object id as 20 bytes, as ix_bind_oid() binds it. */
static void row_oid(struct zdh_row *row, const char *hex)
{
	unsigned char raw[ZDH_OID_RAWSZ];

	if (hex && strlen(hex) == ZDH_OID_HEXSZ && !zdh_oid_fromhex(raw, hex))
		zdh_row_blob(row, raw, sizeof(raw));
	else
		ix_row_str(row, hex);
}

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

void ix_direct_end(struct zdh_index *idx)
{
	if (!idx->direct)
		return;
	idx->direct = 0;
	ix_journal_mode(idx, "wal");
	ix_persist_wal(idx, 1);
	ix_exec(idx, "PRAGMA synchronous = NORMAL");
	flock(idx->use_fd, LOCK_SH);
}

int zdh_index_begin_bulk(struct zdh_index *idx)
{
	if (!ix_use_exclusive(idx)) {
		idx->direct = 1;
		ix_persist_wal(idx, 0);
		if (ix_journal_mode(idx, "delete") || ix_exec(idx, "PRAGMA synchronous = FULL"))
			ix_direct_end(idx);
	}
	return zdh_index_begin(idx);
}

int zdh_index_begin(struct zdh_index *idx)
{
	ix_counters_forget(idx);
	return ix_exec(idx, "BEGIN IMMEDIATE");
}

int zdh_index_commit(struct zdh_index *idx)
{
	int err = ix_rows_stop(idx);

	if (!err)
		err = ix_counters_flush(idx);
	if (!err && !(err = ix_exec(idx, "COMMIT")))
		ix_direct_end(idx);
	return err;
}

void zdh_index_rollback(struct zdh_index *idx)
{
	ix_rows_stop(idx);
	ix_counters_forget(idx);
	if (!sqlite3_get_autocommit(idx->db))
		sqlite3_exec(idx->db, "ROLLBACK", NULL, NULL, NULL);
	ix_direct_end(idx);
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
 * effect < 0: not folded yet.  Returns 1 when the event was there already.
 * Its seq goes to *seq when given.  In a bulk transaction the row goes to
 * the inserting thread instead, with the next seq, and 0 is returned.
 */
int ix_insert_event(struct zdh_index *idx, const struct zdh_event *ev, const char *json,
			int effect, const char *note, long long *seq)
{
	struct zdh_buf data = ZDH_BUF_INIT;
	struct zdh_row row;
	sqlite3_stmt *s = NULL;
	size_t at, len;
	int rc, err = 0;

	if (!idx->rows && !(s = ix_cached(idx, ix_sql_insert_event)))
		return ix_db_error(idx, "events");
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
	row_oid(&row, ev->seen);
	ix_row_str(&row, default_summary(ev) ? NULL : ev->summary ? ev->summary : ev->op);
	zdh_row_text(&row, data.len ? data.ptr : json + at, len);
	ix_row_str(&row, ev->tree);
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
		err = ix_db_error(idx, "events");
	else if (!sqlite3_changes(idx->db))
		err = 1;	/* had it already */
	else if (seq)
		*seq = sqlite3_last_insert_rowid(idx->db);
	return err;
}

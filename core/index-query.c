/*
 * index-query — reading records and events for export, log and show.
 */
#include <string.h>

#include "error.h"
#include "i18n.h"
#include "index-internal.h"
#include "json.h"

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
		return ix_db_error(idx, "records");
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
		err = ix_db_error(idx, "records");
	sqlite3_finalize(s);
	return err;
}

/*
 * A kind this binary knows, or one whose events it keeps (of a newer
 * binary): else a typo, refused rather than answered with nothing.
 */
static int kind_known(struct zdh_index *idx, const char *kind)
{
	sqlite3_stmt *s;
	int rc;

	if (zdh_kind_find(kind))
		return 0;
	if (!(s = ix_cached(idx, "SELECT 1 FROM events WHERE kind = ?1 LIMIT 1")))
		return ix_db_error(idx, "events");
	sqlite3_bind_text(s, 1, kind, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc != SQLITE_DONE)
		return ix_db_error(idx, "events");
	return zdh_kind_unknown(kind);
}

int zdh_index_events(struct zdh_index *idx, const struct zdh_log_filter *f,
		     int (*fn)(const struct zdh_event_row *row, void *payload), void *payload)
{
	struct zdh_buf sql = ZDH_BUF_INIT;
	sqlite3_stmt *s;
	int rc, err = 0;

	if ((err = zdh_index_settle(idx)))
		return err;
	if (f->kind && (err = kind_known(idx, f->kind)))
		return err;
	zdh_buf_puts(&sql, "SELECT lower(hex(id)), replica, kind, record, op, " SUMMARY_COLUMN ", data, actor_name,"
		     " actor_email, actor_dept, note, clock, happened, recorded, happened_off,"
		     " recorded_off, effect FROM events WHERE 1");
	if (f->record)
		zdh_buf_puts(&sql, " AND record = ?1");
	if (f->kind)
		zdh_buf_puts(&sql, " AND kind = ?2");
	if (f->author)
		zdh_buf_puts(&sql, " AND instr(actor_name || ' <' || actor_email || '>', ?3) > 0");
	if (f->since)
		zdh_buf_puts(&sql, " AND happened >= ?4");
	if (f->until)
		zdh_buf_puts(&sql, " AND happened < ?5");
	if (f->recorded_since)
		zdh_buf_puts(&sql, " AND recorded >= ?7");
	if (f->recorded_until)
		zdh_buf_puts(&sql, " AND recorded < ?8");
	zdh_buf_puts(&sql, f->oldest_first ? " ORDER BY clock, replica, id" :
		     " ORDER BY happened DESC, clock DESC, replica DESC, id DESC");
	if (f->limit > 0)
		zdh_buf_puts(&sql, " LIMIT ?6");
	rc = sqlite3_prepare_v2(idx->db, sql.ptr, -1, &s, NULL);
	zdh_buf_release(&sql);
	if (rc)
		return ix_db_error(idx, "events");
	if (f->record)
		sqlite3_bind_text(s, 1, f->record, -1, SQLITE_STATIC);
	if (f->kind)
		sqlite3_bind_text(s, 2, f->kind, -1, SQLITE_STATIC);
	if (f->author)
		sqlite3_bind_text(s, 3, f->author, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 4, f->since);
	sqlite3_bind_int64(s, 5, f->until);
	sqlite3_bind_int64(s, 6, f->limit);
	sqlite3_bind_int64(s, 7, f->recorded_since);
	sqlite3_bind_int64(s, 8, f->recorded_until);
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
		err = ix_db_error(idx, "events");
	sqlite3_finalize(s);
	return err;
}

json_t *zdh_event_row_object(const struct zdh_event_row *r)
{
	struct zdh_buf date = ZDH_BUF_INIT;
	struct zdh_time t = { r->happened, r->happened_off };
	json_t *o = json_object(), *actor = json_object(), *data;

	/* in the order of the stored event's canonical JSON (log --json) */
	if (r->actor_dept)
		json_object_set_new(actor, "dept", json_string(r->actor_dept));
	json_object_set_new(actor, "email", json_string(r->actor_email));
	json_object_set_new(actor, "name", json_string(r->actor_name));
	json_object_set_new(o, "actor", actor);
	zdh_date_rfc3339(&date, &t);
	json_object_set_new(o, "date", json_string(date.ptr));
	data = zdh_json_parse(r->data, strlen(r->data), NULL);
	json_object_set_new(o, "data", data ? data : json_object());
	zdh_buf_release(&date);
	return o;
}


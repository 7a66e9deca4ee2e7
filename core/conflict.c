/*
 * conflict — open conflicts as people read them, for every kind alike
 * (include/conflict.h).  Reads the conflicts the fold recorded on a
 * record ({"field", "events"}) and the events they name; never writes.
 */
#include <stdlib.h>
#include <string.h>

#include "conflict.h"
#include "date.h"
#include "error.h"
#include "i18n.h"
#include "index-db.h"
#include "json.h"
#include "kind.h"
#include "org.h"
#include "output.h"
#include "repo.h"
#include "rules.h"
#include "sha1.h"
#include "words.h"

static int db_error(struct zdh_index *idx)
{
	return zdh_error_set(ZDH_ERROR, "index: %s", zdh_db_errmsg(zdh_index_db(idx)));
}

static void bind_id(sqlite3_stmt *s, int i, const char *hex)
{
	unsigned char raw[ZDH_OID_RAWSZ];

	if (hex && !zdh_oid_fromhex(raw, hex))
		sqlite3_bind_blob(s, i, raw, ZDH_OID_RAWSZ, SQLITE_TRANSIENT);
	else
		sqlite3_bind_text(s, i, hex ? hex : "", -1, SQLITE_TRANSIENT);
}

/*
 * A side's event is found by its clock and id (events_id), the clock kept
 * with the conflict (index-fold.c, track_fields); without it, among its
 * record's events.
 */
#define SIDE_COLUMNS "SELECT data, actor_name, actor_email, actor_dept, happened, happened_off," \
	" clock, replica, seq FROM events"
static const char sql_side[] = SIDE_COLUMNS " WHERE clock = ?2 AND id = ?1";
static const char sql_side_record[] = SIDE_COLUMNS " WHERE record = ?2 AND id = ?1";

/* The statement finding side k of conflict raw (of record), bound; NULL on an error. */
static sqlite3_stmt *side_stmt(struct zdh_index *idx, const json_t *raw, size_t k,
			       const char *record, const char *id)
{
	json_t *clock = json_array_get(json_object_get(raw, "clocks"), k);
	sqlite3_stmt *s = zdh_index_cached(idx, json_is_integer(clock) ? sql_side : sql_side_record);

	if (!s)
		return NULL;
	bind_id(s, 1, id);
	if (json_is_integer(clock))
		sqlite3_bind_int64(s, 2, (sqlite3_int64)json_integer_value(clock));
	else
		sqlite3_bind_text(s, 2, record, -1, SQLITE_TRANSIENT);
	return s;
}

/* One side of a conflict on field: the value event id gave it, who and when. */
struct side {
	json_t *o;
	long long clock;
	char replica[64];
	const char *id;
};

static int side_cmp(const struct side *a, const struct side *b)
{
	return zdh_fold_cmp(a->clock, a->replica, a->id, b->clock, b->replica, b->id);
}

/* Side k of conflict raw of record: the value it gave field, who and when. */
static int read_side(struct zdh_index *idx, const char *field, const char *record,
		     const json_t *raw, size_t k, struct side *out)
{
	const char *id = json_string_value(json_array_get(json_object_get(raw, "events"), k));
	sqlite3_stmt *s = side_stmt(idx, raw, k, record, id);
	json_t *o, *actor, *data, *v;
	int rc;

	memset(out, 0, sizeof(*out));
	out->id = id;
	if (!s)
		return db_error(idx);
	o = json_object();
	json_object_set_new(o, "event", json_string(id));
	if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *text = (const char *)sqlite3_column_text(s, 0);
		struct zdh_time t = { sqlite3_column_int64(s, 4), sqlite3_column_int(s, 5) };
		struct zdh_buf date = ZDH_BUF_INIT;

		data = text ? zdh_json_parse(text, (size_t)sqlite3_column_bytes(s, 0), NULL) : NULL;
		v = json_object_get(json_object_get(data, "set"), field);
		/* a reference to an org is shown by the org's name now, as lists show it */
		if (json_is_string(v) && zdh_org_ref_field(field)) {
			json_object_set_new(o, "value",
					    json_string(zdh_org_label(idx, json_string_value(v))));
		} else if (json_is_array(v) && zdh_org_ref_field(field)) {
			/* a list of them (an offer's areas): each by its name */
			json_t *names = json_array(), *e;
			size_t k;
			json_array_foreach(v, k, e)
				json_array_append_new(names, json_is_string(e) ?
						      json_string(zdh_org_label(idx, json_string_value(e))) :
						      json_incref(e));
			json_object_set_new(o, "value", names);
		} else if (!v && data) {
			/* a side that sets no value cleared the field (zdh_op.clears: an issue's return) */
			json_object_set_new(o, "value", json_string(""));
		} else
			json_object_set(o, "value", v ? v : json_null());
		if (data)
			json_decref(data);
		actor = json_object();
		json_object_set_new(actor, "name", json_string((const char *)sqlite3_column_text(s, 1)));
		json_object_set_new(actor, "email", json_string((const char *)sqlite3_column_text(s, 2)));
		if (sqlite3_column_type(s, 3) == SQLITE_TEXT)
			json_object_set_new(actor, "dept",
					    json_string((const char *)sqlite3_column_text(s, 3)));
		json_object_set_new(o, "actor", actor);
		zdh_date_rfc3339(&date, &t);
		json_object_set_new(o, "date", json_string(date.ptr));
		zdh_buf_release(&date);
		out->clock = sqlite3_column_int64(s, 6);
		snprintf(out->replica, sizeof(out->replica), "%s",
			 (const char *)sqlite3_column_text(s, 7));
		rc = SQLITE_DONE;
	}
	sqlite3_reset(s);
	out->o = o;
	if (rc != SQLITE_DONE)
		return db_error(idx);
	return 0;
}

/* One raw conflict {"field", "events"} described (a new reference). */
static int describe(struct zdh_index *idx, const char *record, const json_t *raw, json_t **out)
{
	const char *field = json_string_value(json_object_get(raw, "field"));
	const char *stands = json_string_value(json_object_get(raw, "stands"));
	json_t *events = json_object_get(raw, "events"), *e, *c, *values;
	size_t n = json_array_size(events), i, k, held = n - 1;
	struct side *sides;
	int err = 0;

	*out = NULL;
	if (!field || !n)
		return 0;
	sides = zdh_calloc(n, sizeof(*sides));
	json_array_foreach(events, i, e)
		if (!err)
			err = read_side(idx, field, record, raw, i, &sides[i]);
	/* fold order: (clock, replica, id); a handful of sides */
	for (i = 1; !err && i < n; i++)
		for (k = i; k > 0 && side_cmp(&sides[k - 1], &sides[k]) > 0; k--) {
			struct side t = sides[k];
			sides[k] = sides[k - 1];
			sides[k - 1] = t;
		}
	c = json_object();
	values = json_array();
	json_object_set_new(c, "field", json_string(field));
	json_object_set(c, "events", events);
	/* the side whose value the state holds: the last, or the one that stood (index-fold.c) */
	for (i = 0; stands && i < n; i++)
		if (sides[i].id && !strcmp(sides[i].id, stands))
			held = i;
	for (i = 0; i < n; i++) {
		if (!sides[i].o)
			continue;
		json_object_set_new(sides[i].o, "provisional", json_boolean(i == held));
		json_array_append_new(values, sides[i].o);
	}
	json_object_set_new(c, "values", values);
	free(sides);
	if (err) {
		json_decref(c);
		return err;
	}
	*out = c;
	return 0;
}

int zdh_conflicts_describe(struct zdh_index *idx, const char *record, const json_t *raw,
			   json_t **out)
{
	json_t *c, *d;
	size_t i;
	int err = 0;

	*out = json_array();
	json_array_foreach(raw, i, c) {
		if ((err = describe(idx, record, c, &d)))
			break;
		if (d)
			json_array_append_new(*out, d);
	}
	if (err) {
		json_decref(*out);
		*out = NULL;
	}
	return err;
}

int zdh_conflicts_of(struct zdh_index *idx, const char *kind, const char *id, json_t **out)
{
	json_t *raw = NULL;
	int err;

	*out = NULL;
	if ((err = zdh_index_conflicts(idx, kind, id, &raw)))
		return err;
	err = zdh_conflicts_describe(idx, id, raw, out);
	if (raw)
		json_decref(raw);
	return err;
}

static void add_value(struct zdh_buf *b, const char *field, const json_t *v)
{
	if (json_is_integer(v) && field && !strcmp(field, "budget")) {
		/* a fund's budget, in fen in the events and the JSON: in yuan, as it was typed */
		char yuan[32];
		zdh_money_format(yuan, (long long)json_integer_value(v));
		zdh_buf_puts(b, yuan);
	} else if (json_is_string(v) && !*json_string_value(v)) {
		zdh_buf_puts(b, _("(cleared)"));
	} else if (json_is_string(v)) {
		zdh_buf_addf(b, "\"%s\"", json_string_value(v));
	} else if (v && !json_is_null(v)) {
		char *s = zdh_json_dumps(v, JSON_COMPACT | JSON_SORT_KEYS | JSON_ENCODE_ANY);
		zdh_buf_puts(b, s ? s : "?");
		free(s);
	} else {
		zdh_buf_puts(b, "?");
	}
}

void zdh_conflict_line(struct zdh_buf *b, const json_t *conflict)
{
	const char *field = json_string_value(json_object_get(conflict, "field"));

	/* the field as the option that sets it is named; the punctuation the catalogue's */
	zdh_buf_addf(b, C_("a conflict's field before its values", "%s: "), field);
	zdh_conflict_values(b, conflict);
}

void zdh_conflict_values(struct zdh_buf *b, const json_t *conflict)
{
	const char *field = json_string_value(json_object_get(conflict, "field"));
	json_t *v;
	size_t i;

	json_array_foreach(json_object_get(conflict, "values"), i, v) {
		json_t *actor = json_object_get(v, "actor");
		const char *dept = json_string_value(json_object_get(actor, "dept"));
		const char *sep = C_("between who wrote a conflict's value, their department, when", ", ");
		struct zdh_buf who = ZDH_BUF_INIT;
		struct zdh_time t;

		if (i)
			zdh_buf_puts(b, C_("between a conflict's values", " vs "));
		add_value(b, field, json_object_get(v, "value"));
		zdh_buf_puts(&who, json_string_value(json_object_get(actor, "name")));
		if (dept)
			zdh_buf_addf(&who, "%s%s", sep, dept);
		if (!zdh_date_parse_rfc3339(&t, json_string_value(json_object_get(v, "date")))) {
			zdh_buf_puts(&who, sep);
			zdh_date_short(&who, &t);
		}
		if (json_is_true(json_object_get(v, "provisional")))
			zdh_buf_addf(&who, "%s%s", sep, _("provisional"));
		zdh_buf_addf(b, C_("who wrote a conflict's value, after it", " (%s)"), who.ptr);
		zdh_buf_release(&who);
	}
}

int zdh_conflicts_foreach(struct zdh_index *idx, const char *kind,
			  int (*fn)(const char *kind, const char *id, const json_t *conflicts,
				    void *payload),
			  void *payload)
{
	sqlite3_stmt *s;
	int rc, err = 0;

	if ((err = zdh_index_settle(idx)))
		return err;
	if (zdh_index_prepare(idx,
			       "SELECT kind, id, conflicts FROM records"
			       " WHERE conflicts IS NOT NULL AND (?1 IS NULL OR kind = ?1)"
			       " ORDER BY kind, prefix, n, id", &s))
		return db_error(idx);
	if (kind)
		sqlite3_bind_text(s, 1, kind, -1, SQLITE_STATIC);
	while (!err && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *text = (const char *)sqlite3_column_text(s, 2);
		json_t *raw = zdh_json_parse(text, (size_t)sqlite3_column_bytes(s, 2), NULL), *d = NULL;

		if (!(err = zdh_conflicts_describe(idx, (const char *)sqlite3_column_text(s, 1), raw, &d)) &&
		    json_array_size(d))
			err = fn((const char *)sqlite3_column_text(s, 0),
				 (const char *)sqlite3_column_text(s, 1), d, payload);
		if (d)
			json_decref(d);
		if (raw)
			json_decref(raw);
	}
	if (!err && rc != SQLITE_DONE)
		err = db_error(idx);
	sqlite3_finalize(s);
	return err;
}

json_t *zdh_conflicts_names(const char *raw)
{
	json_t *names = json_array(), *parsed, *c;
	size_t i;

	if (!raw || !(parsed = zdh_json_parse(raw, strlen(raw), NULL)))
		return names;
	json_array_foreach(parsed, i, c)
		if (json_is_string(json_object_get(c, "field")))
			json_array_append(names, json_object_get(c, "field"));
	json_decref(parsed);
	return names;
}

int zdh_conflicts_fields(struct zdh_index *idx, const char *kind, json_t **out)
{
	sqlite3_stmt *s;
	int rc, err = 0;

	*out = NULL;
	if ((err = zdh_index_settle(idx)))
		return err;
	if (zdh_index_prepare(idx,
			       "SELECT id, conflicts FROM records"
			       " WHERE conflicts IS NOT NULL AND kind = ?1", &s))
		return db_error(idx);
	sqlite3_bind_text(s, 1, kind, -1, SQLITE_STATIC);
	*out = json_object();
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		json_t *fields = zdh_conflicts_names((const char *)sqlite3_column_text(s, 1));

		if (json_array_size(fields))
			json_object_set_new(*out, (const char *)sqlite3_column_text(s, 0), fields);
		else
			json_decref(fields);
	}
	if (rc != SQLITE_DONE)
		err = db_error(idx);
	sqlite3_finalize(s);
	if (err) {
		json_decref(*out);
		*out = NULL;
	}
	return err;
}

int zdh_conflicts_mark(struct zdh_index *idx, long long *mark)
{
	sqlite3_stmt *s;
	int rc, err;

	*mark = 0;
	if ((err = zdh_index_settle(idx)))
		return err;
	zdh_index_news_mark(idx);
	if (zdh_index_prepare(idx, "SELECT max(seq) FROM events", &s))
		return db_error(idx);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW)
		*mark = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return rc == SQLITE_ROW ? 0 : db_error(idx);
}

/* Is side k of conflict raw (of record) newer than mark? */
static int is_new(struct zdh_index *idx, const char *record, const json_t *raw, size_t k,
		  long long mark)
{
	const char *id = json_string_value(json_array_get(json_object_get(raw, "events"), k));
	sqlite3_stmt *s = side_stmt(idx, raw, k, record, id);
	int yes = 0;

	if (!s)
		return 0;
	if (sqlite3_step(s) == SQLITE_ROW)
		yes = sqlite3_column_int64(s, 8) > mark;
	sqlite3_reset(s);
	return yes;
}

/*
 * The records of the events after mark, in both queries below, are read
 * by a range of seq (NOT INDEXED): left to itself SQLite scanned the whole
 * of events_fold for them, twice a pull, whatever the pull brought (a
 * pull of 10,000 events into a replica of 100,000: 126 million more
 * instructions than into an empty one, a tenth of the pull at 1,000,000).
 */

/* The open conflicts an event after mark takes part in. */
static int news_conflicts(struct zdh_index *idx, long long mark,
			  void (*fn)(const char *line, void *payload), void *payload)
{
	sqlite3_stmt *s;
	int rc, err = 0;

	if (zdh_index_prepare(idx,
			       "SELECT kind, id, conflicts FROM records WHERE conflicts IS NOT NULL"
			       " AND " ZDH_SQL_KIND_ID_IN("", "kind", "record", "FROM events NOT INDEXED WHERE seq > ?1")
			       " ORDER BY kind, prefix, n, id", &s))
		return db_error(idx);
	sqlite3_bind_int64(s, 1, mark);
	while (!err && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *text = (const char *)sqlite3_column_text(s, 2);
		json_t *raw = zdh_json_parse(text, (size_t)sqlite3_column_bytes(s, 2), NULL), *c;
		size_t i;

		json_array_foreach(raw, i, c) {
			json_t *e, *d = NULL;
			size_t k;
			int fresh = 0;
			json_array_foreach(json_object_get(c, "events"), k, e)
				fresh |= is_new(idx, (const char *)sqlite3_column_text(s, 1), c, k, mark);
			if (!fresh)
				continue;
			if (!(err = describe(idx, (const char *)sqlite3_column_text(s, 1), c, &d)) && d) {
				struct zdh_buf line = ZDH_BUF_INIT;
				zdh_buf_addf(&line, "%s %s ", (const char *)sqlite3_column_text(s, 1),
					     _("conflict:"));
				zdh_conflict_line(&line, d);
				fn(line.ptr, payload);
				zdh_buf_release(&line);
			}
			if (d)
				json_decref(d);
			if (err)
				break;
		}
		if (raw)
			json_decref(raw);
	}
	if (!err && rc != SQLITE_DONE)
		err = db_error(idx);
	sqlite3_finalize(s);
	return err;
}

/*
 * The rows of a news query s, one line each (fn): make writes a row's
 * line, given who wrote its event ("李明@huashan (华山办)", zdh_writer_shown)
 * and when, read from the columns actor_name, actor_dept, happened,
 * happened_off at who_col and the writer's replica, s's last column.
 * With more (a plural pair "and %lld more ..."), the lines are capped
 * (error.h) and the last says how many were not.  Finalizes s.
 */
static int news_rows(struct zdh_index *idx, sqlite3_stmt *s, int who_col,
		     void (*make)(struct zdh_index *idx, sqlite3_stmt *s, const char *who,
				  const char *when, struct zdh_buf *line),
		     const char *const *more,
		     void (*fn)(const char *line, void *payload), void *payload)
{
	struct zdh_warn_cap cap = { 0, 0 };
	int rc, err = 0;

	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct zdh_buf line = ZDH_BUF_INIT, who = ZDH_BUF_INIT, when = ZDH_BUF_INIT;
		struct zdh_time t = { sqlite3_column_int64(s, who_col + 2),
				      sqlite3_column_int(s, who_col + 3) };

		if (more && !zdh_warn_cap_take(&cap))
			continue;
		zdh_writer_shown(&who, (const char *)sqlite3_column_text(s, who_col),
				 (const char *)sqlite3_column_text(s, who_col + 1),
				 (const char *)sqlite3_column_text(s, sqlite3_column_count(s) - 1),
				 zdh_index_repo(idx)->replica);
		zdh_date_short(&when, &t);
		make(idx, s, who.ptr, when.ptr, &line);
		fn(line.ptr, payload);
		zdh_buf_release(&line);
		zdh_buf_release(&who);
		zdh_buf_release(&when);
	}
	if (rc != SQLITE_DONE)
		err = db_error(idx);
	else if (cap.more) {
		char *line = zdh_count_text(more[0], more[1], cap.more);
		fn(line, payload);
		free(line);
	}
	sqlite3_finalize(s);
	return err;
}

#define T(i) ((const char *)sqlite3_column_text(s, i))

/* A row of news_void: the event's record, op and note, then what came first (op, who, when). */
static void void_line(struct zdh_index *idx, sqlite3_stmt *s, const char *who, const char *when,
		      struct zdh_buf *line)
{
	/* the operations by their names, the note in the catalogue's brackets */
	zdh_buf_addf(line, _("%s %s had no effect: %s by %s at %s came first"),
		     T(0), zdh_word_label(ZDH_W_OPERATION, T(1)),
		     zdh_word_label(ZDH_W_OPERATION, T(3)), who, when);
	if (T(2)) {
		char *shown = zdh_org_note_shown(idx, T(2), T(0));
		zdh_buf_addf(line, C_("why, after a line", " (%s)"), shown);
		free(shown);
	}
}

/*
 * Events of replica without effect on a record an event after mark
 * touched, each with the latest new event that precedes it in fold order
 * and took effect: what made it void.
 */
static int news_void(struct zdh_index *idx, long long mark, const char *replica,
		     void (*fn)(const char *line, void *payload), void *payload)
{
	sqlite3_stmt *s;

	if (zdh_index_prepare(idx,
			       "SELECT e.record, e.op, e.note, b.op, b.actor_name, b.actor_dept,"
			       " b.happened, b.happened_off, b.replica"
			       " FROM events e JOIN events b ON b.seq = ("
			       "  SELECT p.seq FROM events p WHERE p.record = e.record AND p.kind = e.kind"
			       "  AND p.seq > ?1 AND p.effect = 1 AND (p.clock < e.clock OR"
			       "  (p.clock = e.clock AND (p.replica < e.replica OR"
			       "   (p.replica = e.replica AND p.id < e.id))))"
			       "  ORDER BY p.clock DESC, p.replica DESC, p.id DESC LIMIT 1)"
			       " WHERE e.replica = ?2 AND e.effect = 0 AND e.seq <= ?1"
			       " AND e.record IN (SELECT DISTINCT record FROM events NOT INDEXED"
			       "  WHERE seq > ?1)"
			       " ORDER BY e.clock, e.id", &s))
		return db_error(idx);
	sqlite3_bind_int64(s, 1, mark);
	sqlite3_bind_text(s, 2, replica, -1, SQLITE_STATIC);
	return news_rows(idx, s, 4, void_line, NULL, fn, payload);
}

/* A row of news_held for an event held that has no effect now: record, op, (who, when), note. */
static void refused_line(struct zdh_index *idx, sqlite3_stmt *s, const char *who,
			 const char *when, struct zdh_buf *line)
{
	char *shown = zdh_org_note_shown(idx, T(6) ? T(6) : "", T(0));

	zdh_buf_addf(line, _("%s %s by %s at %s has no effect now (%s): write it again, by someone allowed, if it still stands"),
		     T(0), zdh_word_label(ZDH_W_OPERATION, T(1)), who, when, shown);
	free(shown);
}

/* A row of news_held for an event held that takes effect now: record, op, (who, when). */
static void lifted_line(struct zdh_index *idx, sqlite3_stmt *s, const char *who,
			const char *when, struct zdh_buf *line)
{
	(void)idx;
	zdh_buf_addf(line, _("%s %s by %s at %s takes effect now: the people, keys or roles recorded since allow it"),
		     T(0), zdh_word_label(ZDH_W_OPERATION, T(1)), who, when);
}

#undef T

/*
 * The events of the temporary table (refused_again or lifted) whose
 * effect is now effect, in fold order, one line each (make): events held
 * before the pull (or a write of people) that its new people, keys or
 * roles took the effect of (an officer's offline write that arrived, or
 * stayed here, after their role was revoked; events of a key revoked as
 * of a date gone by), or let take effect (a grant dated back).  Nothing
 * else tells the office: no new event touched their records, and pull
 * names only new events' refusals (zdh_signatures_report).
 */
static int news_held(struct zdh_index *idx, const char *table, int effect,
		     void (*make)(struct zdh_index *idx, sqlite3_stmt *s, const char *who,
				  const char *when, struct zdh_buf *line),
		     const char *const *more,
		     void (*fn)(const char *line, void *payload), void *payload)
{
	sqlite3_stmt *s;
	char sql[256];

	snprintf(sql, sizeof(sql),
		 "SELECT record, op, actor_name, actor_dept, happened, happened_off, note, replica"
		 " FROM events WHERE seq IN temp.%s AND effect = %d"
		 " ORDER BY clock, replica, lower(hex(id))", table, effect);
	if (zdh_index_prepare(idx, sql, &s))
		return db_error(idx);
	return news_rows(idx, s, 2, make, more, fn, payload);
}

int zdh_conflicts_trust_news(struct zdh_index *idx, void (*fn)(const char *line, void *payload),
			     void *payload)
{
	/* (a peer's grants and revocations decide how many: capped, error.h) */
	static const char *const refused_more[2] = {
		NN_("and %lld more event held has no effect now, not named here (zdh log shows each)",
		    "and %lld more events held have no effect now, not named here (zdh log shows each)")
	};
	static const char *const lifted_more[2] = {
		NN_("and %lld more event held takes effect now, not named here (zdh log shows each)",
		    "and %lld more events held take effect now, not named here (zdh log shows each)")
	};
	int err = 0;

	if (zdh_index_news_refused(idx))
		err = news_held(idx, "refused_again", ZDH_EFFECT_REFUSED, refused_line, refused_more, fn, payload);
	if (!err && zdh_index_news_lifted(idx))
		err = news_held(idx, "lifted", ZDH_EFFECT_APPLIED, lifted_line, lifted_more, fn, payload);
	return err;
}

int zdh_conflicts_refused_of(struct zdh_index *idx, const char *replica,
			     void (*fn)(const char *line, void *payload), void *payload)
{
	sqlite3_stmt *s;
	char sql[256];

	snprintf(sql, sizeof(sql),
		 "SELECT record, op, actor_name, actor_dept, happened, happened_off, note, replica"
		 " FROM events WHERE replica = ?1 AND effect = %d"
		 " ORDER BY clock, lower(hex(id))", ZDH_EFFECT_REFUSED);
	if (zdh_index_prepare(idx, sql, &s))
		return db_error(idx);
	sqlite3_bind_text(s, 1, replica, -1, SQLITE_STATIC);
	return news_rows(idx, s, 2, refused_line, NULL, fn, payload);
}

int zdh_conflicts_news(struct zdh_index *idx, long long mark, const char *replica,
		       void (*fn)(const char *line, void *payload), void *payload)
{
	int err, conflicted, voided;

	if ((err = zdh_index_settle(idx)))
		return err;
	/* (each query reads every record the new events touched: skipped when it can find nothing) */
	zdh_index_news_moved(idx, &conflicted, &voided);
	if (voided && (err = news_void(idx, mark, replica, fn, payload)))
		return err;
	if ((err = zdh_conflicts_trust_news(idx, fn, payload)))
		return err;
	if (conflicted && (err = news_conflicts(idx, mark, fn, payload)))
		return err;
	for (size_t i = 0; zdh_kinds[i]; i++)
		if (zdh_kinds[i]->news && (err = zdh_kinds[i]->news(idx, mark, fn, payload)))
			return err;
	return 0;
}

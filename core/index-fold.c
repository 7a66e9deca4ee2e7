/*
 * index-fold — the fold of events into records (DESIGN §1–2): a record as
 * the fold holds it, what a write reads before it checks an event, the
 * conflicts of concurrent edits, the refold of a record whose event came
 * late, and the cache of records a catch-up folds into.
 *
 * The fold order of a record's events is (clock, replica, commit id).  An
 * event that sorts after the record's head is applied at once; one that
 * arrives late (sync) makes the record be folded again from its first
 * event, so every replica holding the same events computes the same state.
 * An event the kind's check() refuses stays in the history with effect 0
 * and a note.  Two edits of one field (data.set) by writers who had not
 * seen each other's are recorded as a conflict on the record until an
 * edit that has seen both settles it.  Who may write what (signatures
 * required, roles: include/trust.h) is judged here too, from the person
 * events the index holds (the trust, at the end of this file).
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "i18n.h"
#include "index-internal.h"
#include "words.h"
#include "config.h"
#include "json.h"
#include "prefix.h"
#include "repo.h"
#include "sha1.h"
#include "objects.h"
#include "trust.h"

static int load_record(struct zdh_index *idx, const char *kind, const char *id, struct record *r,
		       int fold);

/*
 * The record a transaction's write reads to check an event is the one it
 * then folds the event into: zdh_index_record() keeps what it loaded
 * (sharing the state and conflicts it gives out), and
 * zdh_index_apply_checked() takes it instead of reading the row again.
 * Anything else that writes a record forgets it.  So a caller must not
 * use what zdh_index_record() gave once an event has been applied to
 * that record.
 */
/* (one allocation, its names after it: an import parks and forgets twice a row) */
struct last {
	struct record r;
	int held;		/* r is held (not yet taken) */
	char *kind, *id;	/* in names */
	char names[];
};

void ix_last_forget(struct zdh_index *idx)
{
	if (!idx->last)
		return;
	if (idx->last->held)
		ix_record_clear(&idx->last->r);
	free(idx->last);
	idx->last = NULL;
}

static int is_last(struct zdh_index *idx, const char *kind, const char *id)
{
	return idx->last && idx->last->held && !strcmp(idx->last->id, id) &&
		!strcmp(idx->last->kind, kind);
}

/* The record last read for kind/id moved into r (1); 0 when it is another. */
static int last_take(struct zdh_index *idx, const char *kind, const char *id, struct record *r)
{
	int taken = is_last(idx, kind, id);

	if (taken) {
		*r = idx->last->r;
		idx->last->held = 0;
	}
	ix_last_forget(idx);
	return taken;
}

/* Keep r (moved) as the last record of kind/id. */
static void last_park(struct zdh_index *idx, const char *kind, const char *id, struct record *r)
{
	size_t nk = strlen(kind) + 1, ni = strlen(id) + 1;

	ix_last_forget(idx);
	idx->last = zdh_malloc(sizeof(*idx->last) + nk + ni);
	idx->last->kind = memcpy(idx->last->names, kind, nk);
	idx->last->id = memcpy(idx->last->names + nk, id, ni);
	idx->last->r = *r;
	idx->last->held = 1;
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
	struct record r;
	int err = 0;

	memset(out, 0, sizeof(*out));
	if (is_last(idx, kind, id)) {
		record_out(out, &idx->last->r);
		return 0;
	}
	if (keep)
		ix_last_forget(idx);
	memset(&r, 0, sizeof(r));
	if (keep && idx->fresh_id && !strcmp(idx->fresh_id, id) && !strcmp(idx->fresh_kind, kind)) {
		r.fresh = 1;
		ix_fresh_forget(idx);	/* (it exists once folded) */
	} else {
		err = load_record(idx, kind, id, &r, keep);
	}
	if (err || (r.exists && !r.state)) {
		ix_record_clear(&r);
		return err ? err : zdh_error_set(ZDH_ERROR, _("index: cannot read %s %s"), kind, id);
	}
	record_out(out, &r);
	if (keep && !sqlite3_get_autocommit(idx->db))
		last_park(idx, kind, id, &r);
	ix_record_clear(&r);
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

/*
 * The records row of (kind, id), bound and ready to step, once what a bulk
 * write still queues for it is written (the caller steps and resets *s).
 */
static int record_row(struct zdh_index *idx, const char *kind, const char *id, sqlite3_stmt **s)
{
	int err;

	if ((err = idx->writer->settle_record(idx, kind, id)))
		return err;
	if (!(*s = ix_cached(idx, ix_sql_get_record)))
		return ix_db_error(idx, "records");
	sqlite3_bind_text(*s, 1, kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(*s, 2, id, -1, SQLITE_STATIC);
	ix_bind_place(*s, 3, kind, id);
	return 0;
}

int zdh_index_exists(struct zdh_index *idx, const char *kind, const char *id, int *exists)
{
	sqlite3_stmt *s;
	int rc;

	*exists = 0;
	if ((rc = record_row(idx, kind, id, &s)))
		return rc;
	rc = sqlite3_step(s);
	*exists = rc == SQLITE_ROW;
	sqlite3_reset(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : ix_db_error(idx, "records");
}

int zdh_index_conflict_on(struct zdh_index *idx, const char *kind, const char *id,
			  const json_t *set)
{
	json_t *raw = NULL, *c;
	size_t i;
	int err, on = 0;

	if ((err = zdh_index_conflicts(idx, kind, id, &raw)))
		return err;
	json_array_foreach(raw, i, c)
		if (json_object_get(set, json_string_value(json_object_get(c, "field"))))
			on = 1;
	if (raw)
		json_decref(raw);
	return on;
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

void ix_record_clear(struct record *r)
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

/* fold: the record is read to fold events into (its derived copy made), not only to be read */
static int load_record(struct zdh_index *idx, const char *kind, const char *id, struct record *r,
		       int fold)
{
	const struct zdh_kind *k;
	sqlite3_stmt *s;
	int rc;

	memset(r, 0, sizeof(*r));
	if ((rc = record_row(idx, kind, id, &s)))
		return rc;
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
		if (fold && r->state && (k = zdh_kind_find(kind)) && k->derive)
			r->derived = json_deep_copy(r->state);
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : ix_db_error(idx, "records");
}

/*
 * j's text appended to b: canonical, or jansson's for what has none (a
 * real number).  Where it starts (its length into *len), or SIZE_MAX when
 * it cannot be written.
 */
static size_t dump(struct zdh_buf *b, const json_t *j, size_t *len)
{
	size_t at = b->len;
	char *s;

	if (zdh_json_canonical(b, j) < 0) {
		if (!(s = zdh_json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS)))
			return SIZE_MAX;
		zdh_buf_puts(b, s);
		free(s);
	}
	*len = b->len - at;
	return at;
}

/* The text dump() wrote at at in b, or NULL. */
static const char *dumped(const struct zdh_buf *b, size_t at)
{
	return at == SIZE_MAX ? NULL : b->ptr + at;
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
	long long n = ix_split_id(id, kind->letter, prefix, sizeof(prefix));

	if (n <= 0)
		return 0;
	if (!foreign)
		return ix_count_record(idx, kind->name, prefix, n);
	/*
	 * named by a replica that does not own the prefix (core/prefix.c):
	 * the number stays the owner's to give, but it is not fresh any more
	 * (zdh_index_next_id), so its record will be folded with that event
	 */
	snprintf(name, sizeof(name), "%s!", kind->name);
	return ix_count_record(idx, name, prefix, n);
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

/*
 * The values of kind's projected fields (p1..p8), NULL when not of the
 * field's type.  A field at the state's top (no '.' in its path) is found
 * in one pass over the state's members, each key compared on its first
 * byte first: looked up one by one, a jansson hash of each path, they
 * were an eighth of storing a record.
 */
static void project(struct zdh_row *row, const struct zdh_kind *kind, const json_t *state)
{
	const struct zdh_field *f = kind->fields;
	json_t *val[ZDH_KIND_FIELDS_MAX] = { NULL };
	size_t n = 0, i;
	int slot;

	while (f && n < ZDH_KIND_FIELDS_MAX && f[n].name)
		n++;
	if (state && n) {
		for (void *it = json_object_iter((json_t *)state); it;
		     it = json_object_iter_next((json_t *)state, it)) {
			const char *key = json_object_iter_key(it);
			for (i = 0; i < n; i++)
				if (zdh_word_same(f[i].path, key))
					val[i] = json_object_iter_value(it);
		}
		for (i = 0; i < n; i++)
			if (strchr(f[i].path, '.'))
				val[i] = field_value(state, f[i].path);
	}
	for (slot = 0; slot < ZDH_KIND_FIELDS_MAX; slot++) {
		json_t *v = val[slot];
		/* (a value only at a field's slot: slot < n) */
		char type = v ? f[slot].type[0] : 0;

		if (!v)
			zdh_row_null(row);
		else if (type == 'T')
			ix_row_str(row, json_string_value(v));
		else if (type == 'I' && (json_is_integer(v) || json_is_boolean(v)))
			zdh_row_int(row, json_is_integer(v) ? json_integer_value(v) : json_is_true(v));
		else if (type == 'I' && json_is_array(v))
			zdh_row_int(row, (long long)json_array_size(v));
		else if (type == 'R' && json_is_number(v))
			zdh_row_real(row, json_number_value(v));
		else
			zdh_row_null(row);
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

int ix_store_record(struct zdh_index *idx, const struct zdh_kind *kind, const char *id,
			struct record *r)
{
	struct zdh_row row;
	const char *prefix;
	long long n;
	/* (inserted, not replaced, when it has no row: see ix_sql_insert_record_bulk) */
	int table = r->exists ? ROW_RECORD : ROW_RECORD_NEW;
	int rc, err = 0;
	/*
	 * The state, setters and conflicts written one after the other into
	 * the index's buffer, kept from one record to the next (each in a
	 * string of its own was an allocation, a strlen() and a free()), and
	 * put only once all are written: the buffer does not move under the
	 * values a row bound at once holds until it has run.
	 */
	struct zdh_buf *b = &idx->dumped;
	size_t state_at = 0, state_len = 0, setters_at = 0, setters_len = 0;
	size_t conflicts_at = 0, conflicts_len = 0;
	int has_setters = r->setters && json_object_size(r->setters);
	int has_conflicts = r->conflicts && json_array_size(r->conflicts);

	/* a kind's first record after a rebuild: its indexes first (index.c) */
	if (!r->exists && !idx->rebuilding && (err = ix_kind_indexes(idx, kind)))
		return err;
	ix_last_forget(idx);
	n = ix_record_place_kept(r, kind, id, &prefix);
	if ((err = idx->writer->start(idx, table, &row)))
		return err;
	ix_row_str(&row, kind->name);
	ix_row_str(&row, id);
	ix_row_str(&row, prefix);
	zdh_row_int(&row, n);
	zdh_buf_reset(b);
	if (r->state)
		state_at = dump(b, r->state, &state_len);
	if (has_setters)
		setters_at = dump(b, r->setters, &setters_len);
	if (has_conflicts)
		conflicts_at = dump(b, r->conflicts, &conflicts_len);
	if (r->state)
		zdh_row_text(&row, dumped(b, state_at), state_len);
	else
		zdh_row_text(&row, "{}", 2);
	ix_row_str(&row, r->head);
	zdh_row_int(&row, r->head_clock);
	ix_row_str(&row, r->head_replica);
	zdh_row_int(&row, r->events);
	zdh_row_text(&row, has_setters ? dumped(b, setters_at) : NULL, setters_len);
	if (has_conflicts)
		idx->stored_conflicted++;
	zdh_row_text(&row, has_conflicts ? dumped(b, conflicts_at) : NULL, conflicts_len);
	zdh_row_int(&row, r->created);
	zdh_row_int(&row, r->updated);
	project(&row, kind, r->state);
	if ((err = idx->writer->push(idx, table, &row, kind->name, id, NULL)))
		return err;
	r->dirty = 0;
	if (kind->derive && (err = derive(idx, kind, id, r)))
		return err;
	/* (a rebuild keeps the highest in memory, written at its end) */
	if (n > 0 && idx->rebuilding)
		ix_count_rebuilt(idx, kind->name, prefix, n);
	else if (n > 0 && !r->exists && (rc = ix_count_record(idx, kind->name, prefix, n)))
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
	if (zdh_index_settle(idx) || !(s = ix_cached(idx, ix_sql_event_by_seq)))
		return -1;
	sqlite3_bind_int64(s, 1, seq);
	if ((found = sqlite3_step(s) == SQLITE_ROW)) {
		ix_column_oid(s, 0, id);
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
#define SEEN_STEPS 100000	/* the longest walk of a chain of seen */
#define SEEN_SLOTS 4096		/* walks remembered, by where they started */

/*
 * The walks of knows() in this transaction, each by the event it started
 * from and what it looked for: a peer's log of N events on one record,
 * each having seen the one before and none an event of the other side of
 * a conflict, walked its whole chain again for each, N * N / 2 lookups
 * (4,000 such events pulled in 33 s, 40,000 in about an hour, the write
 * lock held).  A walk that meets where an earlier one started, looking
 * for the same event, knows the rest: found at the same step further on
 * (when within SEEN_STEPS of its own start), or not at all.  What a walk
 * finds depends on the events' rows alone, so a row inserted since (the
 * generation, idx->rows_gen) makes every walk before it forgotten.
 * The transaction's end forgets them all (ix_seen_forget, by
 * ix_txn_forget at the commit, the rollback and the close).
 */
struct seen_walk {
	unsigned long long gen;	/* 0: empty */
	char from[41], other[41], rep[64];
	long long clock;
	int found;		/* the step of the walk from `from` that found it, 0 none */
};

struct ix_seen {
	struct seen_walk slot[SEEN_SLOTS];
};

void ix_seen_forget(struct zdh_index *idx)
{
	free(idx->seen);
	idx->seen = NULL;
}

/*
 * The slot of the walk from `from`: its id's first two bytes (ids are
 * uniform), their four hex digits the only ones read, on the fold's path;
 * anything else (not an id: no walk finds it) slot 0.
 */
static struct seen_walk *seen_slot(struct zdh_index *idx, const char *from)
{
	unsigned char two[2];

	_Static_assert(SEEN_SLOTS <= 1 << 16, "a slot for each of two bytes' values at most");
	if (!idx->seen)
		idx->seen = zdh_calloc(1, sizeof(*idx->seen));
	if (zdh_hex_decode(two, from, 2))
		return &idx->seen->slot[0];
	return &idx->seen->slot[(two[0] << 8 | two[1]) % SEEN_SLOTS];
}

/* The walk from `from` for (other, rep, clock) made before, or NULL. */
static const struct seen_walk *seen_known(struct zdh_index *idx, const char *from,
					  const char *other, const char *rep, long long clock)
{
	const struct seen_walk *w = seen_slot(idx, from);

	return w->gen == idx->rows_gen + 1 && w->clock == clock && !strcmp(w->from, from) &&
		!strcmp(w->other, other) && !strcmp(w->rep, rep) ? w : NULL;
}

static int seen_done(struct zdh_index *idx, const char *from, const char *other,
		     const char *rep, long long clock, int found)
{
	struct seen_walk *w = seen_slot(idx, from);

	w->gen = idx->rows_gen + 1;
	snprintf(w->from, sizeof(w->from), "%s", from);
	snprintf(w->other, sizeof(w->other), "%s", other);
	snprintf(w->rep, sizeof(w->rep), "%s", rep);
	w->clock = clock;
	w->found = found;
	return found != 0;
}

static int knows(struct zdh_index *idx, const struct zdh_event *ev, const char *other,
		 const char *rep, long long clock)
{
	const struct seen_walk *w;
	sqlite3_stmt *s;
	char cur[41];
	long long at;
	int steps = 0;

	if (!strcmp(rep, ev->replica) && clock < ev->clock)
		return 1;
	if (!ev->seen || zdh_index_settle(idx) || ix_need_id_index(idx) ||
	    !(s = ix_cached(idx, ix_sql_event_seen)))
		return 0;
	snprintf(cur, sizeof(cur), "%s", ev->seen);
	while (cur[0] && steps++ < SEEN_STEPS) {
		/*
		 * (reset before leaving: a statement left on its row keeps a read
		 * transaction open, and the journal mode a rebuild sets at its
		 * end then failed: "cannot change into wal mode from within a
		 * transaction")
		 */
		if ((w = seen_known(idx, cur, other, rep, clock))) {
			/* its step k is our step steps - 1 + k, within ours */
			sqlite3_reset(s);
			return seen_done(idx, ev->seen, other, rep, clock,
					 w->found && w->found <= SEEN_STEPS - steps + 1 ?
					 steps - 1 + w->found : 0);
		}
		if (!strcmp(cur, other)) {
			sqlite3_reset(s);
			return seen_done(idx, ev->seen, other, rep, clock, steps);
		}
		sqlite3_reset(s);
		if (!ix_event_clock(idx, cur, &at))
			break;
		sqlite3_bind_int64(s, 1, at);
		ix_bind_oid(s, 2, cur);
		if (sqlite3_step(s) != SQLITE_ROW)
			break;
		if (!strcmp((const char *)sqlite3_column_text(s, 1), rep) &&
		    sqlite3_column_int64(s, 2) > clock) {
			sqlite3_reset(s);
			return seen_done(idx, ev->seen, other, rep, clock, steps);
		}
		ix_column_oid(s, 0, cur);
	}
	sqlite3_reset(s);
	return seen_done(idx, ev->seen, other, rep, clock, 0);
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

/*
 * Did ev's writer see event id (at clock at, -1 when not known), one of a
 * conflict of ev's record: known by the rules above, or listed in
 * data.resolves.
 */
static int saw(struct zdh_index *idx, const struct zdh_event *ev, const char *id, long long at)
{
	sqlite3_stmt *s;
	char rep[64] = "";
	long long clock = 0;

	if (resolves(ev, id))
		return 1;
	if ((at >= 0 || ix_event_clock(idx, id, &at)) && !zdh_index_settle(idx) &&
	    !ix_need_id_index(idx) &&
	    (s = ix_cached(idx, ix_sql_event_seen))) {
		sqlite3_bind_int64(s, 1, at);
		ix_bind_oid(s, 2, id);
		if (sqlite3_step(s) == SQLITE_ROW) {
			snprintf(rep, sizeof(rep), "%s", (const char *)sqlite3_column_text(s, 1));
			clock = sqlite3_column_int64(s, 2);
		}
		sqlite3_reset(s);
	}
	return knows(idx, ev, id, rep, clock);
}

/* The same for the event at seq, whose id goes to id[]; 1 too when there is none. */
static int saw_seq(struct zdh_index *idx, const struct zdh_event *ev, long long seq, char id[41],
		   long long *clock)
{
	char rep[64];

	*clock = 0;
	if (event_at(idx, seq, id, rep, clock))
		return 1;
	return resolves(ev, id) || knows(idx, ev, id, rep, *clock);
}

/* The clock of side k of conflict c (its "clocks"), -1 when it has none. */
static long long side_clock(const json_t *c, size_t k)
{
	json_t *v = json_array_get(json_object_get(c, "clocks"), k);

	return json_is_integer(v) ? (long long)json_integer_value(v) : -1;
}

/*
 * Does ev's write of field stand in r's state after the fold applied it:
 * v the value its data.set gives (NULL: its operation cleared the field,
 * as an empty string does)?  No when the kind's apply() removed what it
 * set (an issue's edit of the dept of an issue a return it had not seen
 * left open: issue.c, apply_issue); a value apply() only reshapes stands.
 */
static int write_stands(const struct record *r, const char *field, const json_t *v)
{
	int now = json_object_get(r->state, field) != NULL;

	return !v || (json_is_string(v) && !*json_string_value(v)) ? !now : now;
}

/* Is id one of the sides of conflict c? */
static int is_side(const json_t *c, const char *id)
{
	json_t *e;
	size_t k;

	json_array_foreach(json_object_get(c, "events"), k, e)
		if (!strcmp(json_string_value(e), id))
			return 1;
	return 0;
}

/*
 * ev (at seq) writes field of r (v: the value, NULL when ev's operation
 * clears it; had: r had setters before): who set it last, and the
 * conflicts of concurrent writes, each {"field", "events": [ids],
 * "clocks": [theirs]} (the clocks find the events' rows: events_id), with
 * "stands": the id of the side whose value the state holds when that is
 * not the last in fold order (a write that did not stand, write_stands).
 */
static void track_field(struct zdh_index *idx, struct record *r, const struct zdh_event *ev,
			long long seq, const char *field, const json_t *v, int had)
{
	json_int_t last = had ? json_integer_value(json_object_get(r->setters, field)) : 0;
	char last_id[41];
	long long last_clock;
	size_t i;
	json_t *c, *joined = NULL;
	int settled = 1, stands = !had || write_stands(r, field, v);

	/*
	 * An edit that has seen every side of a conflict on field
	 * settles it; one that has seen some takes their place: a
	 * side is the last value of a line of edits that had not seen
	 * the others' (an office's three edits of a title against
	 * another's one are two sides, not four).
	 */
	json_array_foreach(r->conflicts, i, c) {
		json_t *evs, *clocks;
		size_t k;
		if (strcmp(json_string_value(json_object_get(c, "field")), field))
			continue;
		evs = json_object_get(c, "events");
		clocks = json_object_get(c, "clocks");
		for (k = json_array_size(evs); k-- > 0;)
			if (saw(idx, ev, json_string_value(json_array_get(evs, k)),
				side_clock(c, k))) {
				json_array_remove(evs, k);
				json_array_remove(clocks, k);
			} else {
				settled = 0;
			}
		if (settled) {
			json_array_remove(r->conflicts, i);
			break;
		}
		json_array_append_new(evs, json_string(ev->id));
		/* (a conflict without clocks keeps none: appending to no array frees it) */
		json_array_append_new(clocks, json_integer(ev->clock));
		joined = c;
		break;
	}
	if (last && settled && last != seq && !saw_seq(idx, ev, last, last_id, &last_clock)) {
		json_t *c2 = json_object();
		json_object_set_new(c2, "field", json_string(field));
		json_object_set_new(c2, "events", json_pack("[ss]", last_id, ev->id));
		json_object_set_new(c2, "clocks", json_pack("[II]", (json_int_t)last_clock,
							    (json_int_t)ev->clock));
		if (!r->conflicts)
			r->conflicts = json_array();
		json_array_append_new(r->conflicts, c2);
		joined = c2;
	}
	if (stands) {
		if (joined)
			json_object_del(joined, "stands");
		json_object_set_new_nocheck(r->setters, field, json_integer(seq));
		return;
	}
	/* the value ev met stays, its setter's: the side that stands, when it is one */
	if (joined && !json_object_get(joined, "stands") && last &&
	    !event_at(idx, last, last_id, (char[64]){ 0 }, &last_clock) && is_side(joined, last_id))
		json_object_set_new(joined, "stands", json_string(last_id));
}

/*
 * ev (at seq) sets fields of r (data.set) and clears those its operation
 * clears (op->clears): track_field() of each.
 */
static void track_fields(struct zdh_index *idx, struct record *r, const struct zdh_event *ev,
			 long long seq, const struct zdh_op *op)
{
	json_t *set = json_object_get(ev->data, "set");
	const char *field;
	json_t *v;
	int had;

	if (!json_is_object(set) && !op->clears)
		return;
	if (!r->setters)
		r->setters = json_object();
	/* (none set before, a new record's: no field to look up; its conflicts made when it has one) */
	had = json_object_size(r->setters) != 0;
	json_object_foreach(json_is_object(set) ? set : NULL, field, v)
		track_field(idx, r, ev, seq, field, v, had);
	for (size_t i = 0; op->clears && op->clears[i]; i++)
		if (!json_object_get(set, op->clears[i]))
			track_field(idx, r, ev, seq, op->clears[i], NULL, had);
}

void ix_idset_add(struct ix_idset *s, const char *id)
{
	unsigned char raw[20];

	if (zdh_oid_fromhex(raw, id))
		return;
	if (s->n == s->alloc) {
		s->alloc = s->alloc ? 2 * s->alloc : 16;
		s->v = zdh_realloc(s->v, s->alloc * sizeof(*s->v));
	}
	memcpy(s->v[s->n++], raw, 20);
}

static int set_effect(struct zdh_index *idx, long long seq, int effect, const char *note)
{
	sqlite3_stmt *s;
	int rc;

	if (zdh_index_settle(idx) || !(s = ix_cached(idx, ix_sql_set_effect)))
		return ix_db_error(idx, "events");
	sqlite3_bind_int64(s, 1, seq);
	sqlite3_bind_int(s, 2, effect);
	if (note)
		sqlite3_bind_text(s, 3, note, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : ix_db_error(idx, "events");
}

/*
 * Fold one event into r (already loaded) and store it, or only mark it
 * dirty when defer is set (the record cache of fold_new stores it later).
 * json is NULL when the event's row exists at seq (its effect is updated),
 * else the row is inserted with its effect: one statement less on the
 * write path.
 */
int ix_fold_one(struct zdh_index *idx, struct record *r, const struct zdh_event *ev,
		    const char *json, long long seq, int checked, int defer)
{
	const struct zdh_kind *kind = zdh_kind_find(ev->kind);
	const struct zdh_op *op = kind ? zdh_kind_op(kind, ev->op) : NULL;
	const char *note = NULL;
	char prefix_note[160];
	int err, foreign = 0, none = ZDH_EFFECT_NONE;

	/* kept and relayed, folded by a zdh that knows the kind (kinds_meet) */
	if (!kind)
		return json ? ix_insert_event(idx, ev, json, ZDH_EFFECT_UNKNOWN_KIND, NULL, NULL) :
			set_effect(idx, seq, ZDH_EFFECT_UNKNOWN_KIND, NULL);
	/*
	 * a note is stored in English whatever the language of who folds,
	 * translated when shown (include/i18n.h): a refusal is judged again
	 * in English (the checks are functions of the state and the event),
	 * so that an event that takes effect pays nothing for it
	 */
	if (!op)
		note = N_("unknown operation");	/* (what zdh_index_new_unknown finds) */
	else if (!checked) {
		err = op->check(r->state, ev);
		if (err == ZDH_ERROR)
			return err;
		if (err < 0) {
			/* (its form: data no zdh writes; a pull names it, zdh_index_malformed) */
			if (err == ZDH_EINVALID)
				ix_idset_add(&idx->malformed, ev->id);
			/*
			 * it would create the record, which an event before it
			 * in fold order created: an id added twice, which no zdh
			 * writes (a pull names it, zdh_index_readded); the first
			 * add stands, on every replica
			 */
			else if (r->state && op->check(NULL, ev) == 0)
				ix_idset_add(&idx->readded, ev->id);
			zdh_i18n_english_begin();
			op->check(r->state, ev);
			zdh_i18n_english_end();
			note = zdh_error_msg();
		}
		/* what its own log says before it (kind.h, log_check) */
		else if (op->log_check && (err = op->log_check(idx, r->state, ev))) {
			if (err == ZDH_ERROR)
				return err;
			zdh_i18n_english_begin();
			op->log_check(idx, r->state, ev);
			zdh_i18n_english_end();
			note = zdh_error_msg();
		}
		/* it would create the record: only the prefix's owner may (core/prefix.c) */
		else if (!r->state && zdh_prefix_refusal(prefix_note, sizeof(prefix_note),
							 idx->repo->config, ev))
			note = prefix_note;	/* a code pull recognises */
		/* who may write it: signatures and roles (the trust, below) */
		else if ((err = ix_trust_refuses(idx, r->state, ev, op)) < 0)
			return ZDH_ERROR;
		else if (err) {
			zdh_i18n_english_begin();
			err = ix_trust_refuses(idx, r->state, ev, op);
			zdh_i18n_english_end();
			if (err < 0)
				return ZDH_ERROR;
			note = zdh_error_msg();
			none = ZDH_EFFECT_REFUSED;
		}
	}
	if (note)
		idx->void_folded++;
	if (json)
		err = ix_insert_event(idx, ev, json, note ? none : ZDH_EFFECT_APPLIED, note, &seq);
	else if (note || !idx->rows_applied)
		err = set_effect(idx, seq, note ? none : ZDH_EFFECT_APPLIED, note);
	else
		err = 0;
	/*
	 * the event's facts, effect 1 when it took effect, else 0 (kind.h,
	 * struct zdh_fact); the first ones when its row was inserted here
	 */
	if (err >= 0)
		err = ix_put_fact(idx, kind, ev, r, note ? 0 : 1, json && !err);
	if (err < 0)
		return err;
	if (!note) {
		if (!r->state)
			r->state = json_object();
		zdh_kind_apply(kind, op, r->state, ev);
		track_fields(idx, r, ev, seq, op);
	}
	zdh_copy_str(r->head, sizeof(r->head), ev->id);
	zdh_copy_str(r->head_replica, sizeof(r->head_replica), ev->replica);
	r->head_clock = ev->clock;
	r->events++;
	if (!r->state) {	/* refused before the record ever existed: nothing to store, */
		/* (a number named by a replica not owning its prefix is not taken) */
		foreign = zdh_prefix_foreign(idx->repo->config, ev);
		return count_number(idx, kind, ev->record, foreign);
	}
	if (!r->exists && !r->created)
		r->created = ev->date.t;
	r->updated = ev->date.t;
	r->dirty = 1;
	return defer ? 0 : ix_store_record(idx, kind, ev->record, r);
}

int zdh_fold_cmp(long long clock_a, const char *replica_a, const char *id_a,
		 long long clock_b, const char *replica_b, const char *id_b)
{
	int c;

	if (clock_a != clock_b)
		return clock_a < clock_b ? -1 : 1;
	if ((c = strcmp(replica_a, replica_b)))
		return c;
	return strcmp(id_a, id_b);
}

static int sorts_after(const struct zdh_event *ev, const struct record *r)
{
	return zdh_fold_cmp(ev->clock, ev->replica, ev->id,
			    r->head_clock, r->head_replica, r->head) > 0;
}

static int refold(struct zdh_index *idx, const char *kind, const char *id);

/*
 * Does the index hold events of ev's record other than ev?
 *
 * "kind = +?1", not "kind = ?1", here and in refold(): SQLite weighs a
 * bound value compared with a column against the WHERE of each partial
 * index on the table (events_person: kind = 'person'), and then plans
 * the statement again at every new binding of that value.  A pull of
 * 10,000 events into a replica re-prepared this statement 10,000 times:
 * 560 million instructions, 90 million with the unary plus, which keeps
 * the value out of that comparison (the index used is the same).
 */
static int has_other_events(struct zdh_index *idx, const struct zdh_event *ev)
{
	static const char sql[] =
		"SELECT 1 FROM events WHERE kind = +?1 AND record = ?2 AND id != ?3"
		" AND effect IS NOT " INVALID " LIMIT 1";
	sqlite3_stmt *s = ix_cached(idx, sql);
	int found;

	if (!s)
		return 0;
	sqlite3_bind_text(s, 1, ev->kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, ev->record, -1, SQLITE_STATIC);
	ix_bind_oid(s, 3, ev->id);
	found = sqlite3_step(s) == SQLITE_ROW;
	sqlite3_reset(s);
	return found;
}

/* (one allocation, its names after it, as struct last: a rebuild makes and frees one a record) */
struct rentry {
	char *kind, *id;		/* in names */
	unsigned hash;
	struct record r;
	struct rentry *chain;		/* same bucket */
	struct rentry *newer, *older;	/* least recently used last */
	char names[];
};

struct late {
	char *kind, *id;
	unsigned hash;
	long long upto;		/* (refolded: the highest seq of the events then) */
	struct late *chain;	/* same bucket */
	struct late *next;	/* all of them */
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

/*
 * The records a rebuild stored, as a Bloom filter of three bits a record
 * in STORED_BITS: only those can be read back.  (With one bit a record,
 * of 250,000 a record never stored was read back one time in 34; each
 * read takes the connection from the rows thread.)
 */
static unsigned stored_bit(unsigned h, int k)
{
	h ^= (unsigned)k * 0x9e3779b9u;
	h *= 0x85ebca6bu;
	h ^= h >> 13;
	h *= 0xc2b2ae35u;
	h ^= h >> 16;
	return h % STORED_BITS;
}

static void stored_add(unsigned char *bits, unsigned h)
{
	for (int k = 0; k < 3; k++) {
		unsigned b = stored_bit(h, k);
		bits[b / 8] |= (unsigned char)(1u << (b % 8));
	}
}

static int stored_has(const unsigned char *bits, unsigned h)
{
	for (int k = 0; k < 3; k++) {
		unsigned b = stored_bit(h, k);
		if (!(bits[b / 8] & (1u << (b % 8))))
			return 0;
	}
	return 1;
}

/* Store e if it changed, and forget it. */
static int rcache_drop(struct zdh_index *idx, struct rcache *c, struct rentry *e)
{
	struct rentry **p = &c->bucket[e->hash % (2 * RCACHE_MAX)];
	const struct zdh_kind *kind;
	int err = 0;

	if (e->r.dirty && e->r.state && (kind = zdh_kind_find(e->kind))) {
		err = ix_store_record(idx, kind, e->id, &e->r);
		if (c->stored)
			stored_add(c->stored, e->hash);
	}
	while (*p != e)
		p = &(*p)->chain;
	*p = e->chain;
	lru_unlink(c, e);
	ix_record_clear(&e->r);
	free(e);
	c->n--;
	return err;
}

/* The cached record of kind/id, loaded on first use. */
static int rcache_get(struct zdh_index *idx, struct rcache *c, const char *kind, const char *id,
		      unsigned h, struct rentry **out)
{
	struct rentry *e;
	size_t nk, ni;
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
	nk = strlen(kind) + 1;
	ni = strlen(id) + 1;
	e = zdh_calloc(1, sizeof(*e) + nk + ni);
	/*
	 * A rebuild starts from no records: only one it stored can be read
	 * back.  A catch-up's record of a number no event named before (a
	 * peer's new issue) has no row to read, nor events of its own to
	 * fold again (ix_fold): its two lookups were 17,000 of a pull's
	 * 232,000 instructions an event.
	 */
	err = 0;
	if (idx->rebuilding && c->stored && !stored_has(c->stored, h))
		;
	else if (!idx->rebuilding && ix_number_fresh(idx, kind, id))
		e->r.fresh = 1;
	else {
		c->reread += idx->rebuilding;
		err = load_record(idx, kind, id, &e->r, 1);
	}
	if (err) {
		free(e);
		return err;
	}
	e->kind = memcpy(e->names, kind, nk);
	e->id = memcpy(e->names + nk, id, ni);
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

/* kind/id in set, or NULL. */
static struct late *set_find(const struct record_set *set, const char *kind, const char *id)
{
	unsigned h = rhash(kind, id);

	for (struct late *l = set->bucket[h % LATE_BUCKETS]; l; l = l->chain)
		if (l->hash == h && !strcmp(l->id, id) && !strcmp(l->kind, kind))
			return l;
	return NULL;
}

/* kind/id in set, added when it was not (its number 0). */
static struct late *set_add(struct record_set *set, const char *kind, const char *id)
{
	struct late *l = set_find(set, kind, id);
	unsigned h = rhash(kind, id);

	if (l)
		return l;
	l = zdh_calloc(1, sizeof(*l));
	l->kind = zdh_strdup(kind);
	l->id = zdh_strdup(id);
	l->hash = h;
	l->chain = set->bucket[h % LATE_BUCKETS];
	set->bucket[h % LATE_BUCKETS] = l;
	l->next = set->all;
	set->all = l;
	return l;
}

/* Is kind/id among the records a rebuild folds again at its end?  Mark it so when add is set. */
static int late_record(struct rcache *c, const char *kind, const char *id, int add)
{
	if (set_find(&c->late, kind, id))
		return 1;
	if (add)
		set_add(&c->late, kind, id);
	return 0;
}

/* The highest seq a whole refold of kind/id in this catch-up took in, or -1. */
static long long refolded_upto(const struct rcache *c, const char *kind, const char *id)
{
	const struct late *l = set_find(&c->refolded, kind, id);

	return l ? l->upto : -1;
}

static void refolded_mark(struct zdh_index *idx, struct rcache *c, const char *kind, const char *id)
{
	long long upto;

	/* every row in the table now was folded, those of kind/id among them */
	if (!ix_pragma_int(idx, "SELECT coalesce(max(seq), -1) FROM events", &upto))
		set_add(&c->refolded, kind, id)->upto = upto;
}

/*
 * A rebuild's records stored at their last event, while their state is
 * still in the processor's caches, rather than when the record cache
 * evicts them, thousands of records later: a reindex of a million events
 * spent a third of its fold's thread encoding records it had to fetch
 * from memory again, a pointer at a time (hashtable_iter_value, then the
 * strings).  The walk counts each record's events (ix_fold_expect(),
 * as it inserts their rows), the fold counts them down; at zero the
 * record has no event left to fold, and it is stored and dropped.
 *
 * The counts are kept by slot (the record's hash), a byte each, with no
 * key: records that share a slot reach zero together, at the last event
 * of the last of them, and a slot at 255 is never counted down.  A record
 * whose slot is not yet at zero is kept by the cache as before, so a
 * count that is wrong can only store a record late, never early.  4 MiB
 * of slots, touched as used: a million records fill a quarter of them.
 */
#define LEFT_SLOTS (1u << 22)

void ix_fold_expect(struct zdh_index *idx, const char *kind, const char *record)
{
	unsigned char *n;

	if (!idx->fold_left)
		idx->fold_left = zdh_calloc(LEFT_SLOTS, 1);
	n = &idx->fold_left[rhash(kind, record) % LEFT_SLOTS];
	if (*n < UCHAR_MAX)
		++*n;
}

void ix_fold_expect_forget(struct zdh_index *idx)
{
	free(idx->fold_left);
	idx->fold_left = NULL;
}

/* One event of the record of hash h folded: its last (of its slot's)? */
static int fold_counted(struct rcache *c, unsigned h)
{
	unsigned char *n = c->left ? &c->left[h % LEFT_SLOTS] : NULL;

	return n && *n && *n < UCHAR_MAX && !--*n;
}

/*
 * Fold ev (whose row is at seq) into its record: at once when it sorts
 * last, else the whole record again.  A rebuild has every row in place
 * before it folds, in an order that is the fold order when the logs'
 * clocks grow as they should; a record that meets an event out of that
 * order is folded again from its rows once, at the end, and its later
 * events are left to that.
 */
int ix_fold(struct zdh_index *idx, struct rcache *c, const struct zdh_event *ev, long long seq)
{
	unsigned h = rhash(ev->kind, ev->record);
	struct rentry *e;
	int err, known;

	if (c->late.all && late_record(c, ev->kind, ev->record, 0)) {
		fold_counted(c, h);
		return 0;
	}
	if ((err = rcache_get(idx, c, ev->kind, ev->record, h, &e)))
		return err;
	known = e->r.exists || e->r.events;
	if (idx->rebuilding) {
		if (known && !sorts_after(ev, &e->r))
			late_record(c, ev->kind, ev->record, 1);
		else if ((err = ix_fold_one(idx, &e->r, ev, NULL, seq, 0, 1)))
			return err;
		if (!fold_counted(c, h))
			return 0;
		c->at_last++;
		return rcache_drop(idx, c, e);
	}
	if ((known && !sorts_after(ev, &e->r)) || (!known && !e->r.fresh && has_other_events(idx, ev))) {
		/*
		 * Folded whole already, after ev's row was in: a catch-up
		 * inserts rows ahead of folding them, and the first event of a
		 * record new to it folds the record from all its rows, the
		 * later ones included (each of a peer's 300 votes on a new
		 * decision folded the decision whole again: minutes).
		 */
		if (refolded_upto(c, ev->kind, ev->record) >= seq && seq > 0)
			return 0;
		if ((err = rcache_drop(idx, c, e)))
			return err;
		if ((err = refold(idx, ev->kind, ev->record)))
			return err;
		refolded_mark(idx, c, ev->kind, ev->record);
		return 0;
	}
	return ix_fold_one(idx, &e->r, ev, NULL, seq, 0, 1);
}

char *ix_col_dup(sqlite3_stmt *s, int i)
{
	return sqlite3_column_type(s, i) == SQLITE_TEXT ?
		zdh_strdup((const char *)sqlite3_column_text(s, i)) : NULL;
}

/*
 * The data of every event whose data is "{}": one object, never changed
 * (a fold only reads an event's data), shared by reference.  Made and
 * freed for each, it was 300 instructions of half the events of a
 * rebuild of closed issues (a resolve and a close carry none).
 */
static json_t *no_data(void)
{
	static json_t *shared;
	json_t *e = __atomic_load_n(&shared, __ATOMIC_ACQUIRE), *mine;

	if (!e) {
		mine = json_object();
		if (__atomic_compare_exchange_n(&shared, &e, mine, 0, __ATOMIC_ACQ_REL,
						__ATOMIC_ACQUIRE))
			e = mine;
		else
			json_decref(mine);
	}
	return json_incref(e);
}

/* ev's data, the text of its row's data column (NULL: none); seq names the row. */
static int row_data(struct zdh_event *ev, const char *text, size_t len, long long seq)
{
	if (text && len == 2 && text[0] == '{' && text[1] == '}')
		ev->data = no_data();
	else
		ev->data = text ? zdh_json_parse(text, len, NULL) : NULL;
	if (!json_is_object(ev->data))
		return zdh_error_set(ZDH_ERROR, _("index: bad data of event at %lld"), seq);
	return 0;
}

/* What every reading of an event row sets first: its format version and id. */
/* (its id's 20 bytes kept as well: the fold's fact rows take them, not the digits decoded again) */
static void row_head(struct zdh_event *ev, sqlite3_stmt *s)
{
	ev->version = ZDH_EVENT_VERSION;
	ev->has_seen_oid = 0;
	ev->has_oid = sqlite3_column_type(s, 0) == SQLITE_BLOB &&
		sqlite3_column_bytes(s, 0) == ZDH_OID_RAWSZ;
	if (ev->has_oid) {
		memcpy(ev->oid, sqlite3_column_blob(s, 0), ZDH_OID_RAWSZ);
		zdh_oid_tohex(ev->id, ev->oid);
	} else {
		ix_column_oid(s, 0, ev->id);
	}
}

static int row_event_start(struct zdh_event *ev, sqlite3_stmt *s)
{
	int err = row_data(ev, (const char *)sqlite3_column_text(s, 1),
			   (size_t)sqlite3_column_bytes(s, 1), sqlite3_column_int64(s, 17));

	if (!err)
		row_head(ev, s);
	return err;
}

/* The event of the current row of a "SELECT " ROW_EVENT_COLUMNS statement. */
int ix_row_event(struct zdh_event *ev, long long *seq, sqlite3_stmt *s)
{
	int err = row_event_start(ev, s);

	if (err)
		return err;
	ev->summary = ix_col_dup(s, 2);
	ev->recorded.t = sqlite3_column_int64(s, 3);
	ev->recorded.offset = sqlite3_column_int(s, 4);
	ev->tree = ix_col_dup(s, 5);
	ev->replica = ix_col_dup(s, 6);
	ev->clock = sqlite3_column_int64(s, 7);
	ev->kind = ix_col_dup(s, 8);
	ev->record = ix_col_dup(s, 9);
	ev->op = ix_col_dup(s, 10);
	ev->actor.name = ix_col_dup(s, 11);
	ev->actor.email = ix_col_dup(s, 12);
	ev->actor.dept = ix_col_dup(s, 13);
	ev->date.t = sqlite3_column_int64(s, 14);
	ev->date.offset = sqlite3_column_int(s, 15);
	if (sqlite3_column_type(s, 16) != SQLITE_NULL) {
		char seen[ZDH_OID_HEXSZ + 1];
		ix_column_oid(s, 16, seen);
		ev->seen = zdh_strdup(seen);
	}
	*seq = sqlite3_column_int64(s, 17);
	return 0;
}

/*
 * The same, its strings copied into arena (emptied first) instead of
 * allocated one by one: ev is let go with ix_row_event_drop(), and lives
 * no longer than arena's next use.  A rebuild reads every event so: the
 * eight strings of each cost 2,000 instructions to allocate and free.
 * ix_row_event_raw() leaves the data unparsed, its text in the arena at
 * *data_at (no JSON value made: any thread may read the row), for
 * ix_row_event_data() to parse on the thread that folds it.
 */
int ix_row_event_raw(struct zdh_event *ev, long long *seq, sqlite3_stmt *s,
		     struct zdh_buf *arena, size_t *data_at)
{
	static const int cols[] = { 1, 5, 6, 8, 9, 10, 11, 12, 13, 16 };
	char **field[] = { NULL, &ev->tree, &ev->replica, &ev->kind, &ev->record, &ev->op,
			   &ev->actor.name, &ev->actor.email, &ev->actor.dept, &ev->seen };
	size_t at[sizeof(cols) / sizeof(*cols)];

	ev->data = NULL;
	row_head(ev, s);
	zdh_buf_reset(arena);
	/*
	 * Each column call takes a serialized connection's mutex (a
	 * rebuild's read-ahead thread, 2,250 instructions an event): the
	 * text columns, which hold text or NULL (zdh binds them as text,
	 * and their affinity is TEXT), are read without asking their type
	 * first, NULL text telling a NULL.
	 */
	for (size_t i = 0; i < sizeof(cols) / sizeof(*cols); i++) {
		const unsigned char *t;
		at[i] = SIZE_MAX;
		if (cols[i] == 16) {	/* seen: 20 bytes, as hex */
			int type = sqlite3_column_type(s, 16);
			char seen[ZDH_OID_HEXSZ + 1];
			if (type == SQLITE_NULL)
				continue;
			ix_column_oid_typed(s, 16, type, seen);
			at[i] = arena->len;
			zdh_buf_add(arena, seen, sizeof(seen));
		} else if ((t = sqlite3_column_text(s, cols[i]))) {
			at[i] = arena->len;
			zdh_buf_add(arena, t, (size_t)sqlite3_column_bytes(s, cols[i]) + 1);
		}
	}
	/* (only now: the arena may have moved while it grew) */
	for (size_t i = 1; i < sizeof(cols) / sizeof(*cols); i++)
		*field[i] = at[i] == SIZE_MAX ? NULL : arena->ptr + at[i];
	*data_at = at[0];
	ev->summary = NULL;
	ev->recorded.t = sqlite3_column_int64(s, 3);
	ev->recorded.offset = sqlite3_column_int(s, 4);
	ev->clock = sqlite3_column_int64(s, 7);
	ev->date.t = sqlite3_column_int64(s, 14);
	ev->date.offset = sqlite3_column_int(s, 15);
	*seq = sqlite3_column_int64(s, 17);
	return 0;
}

int ix_row_event_data(struct zdh_event *ev, long long seq, const struct zdh_buf *arena,
		      size_t data_at)
{
	const char *text = data_at != SIZE_MAX ? arena->ptr + data_at : NULL;

	return row_data(ev, text, text ? strlen(text) : 0, seq);
}

/* The same, of text (its length len) read elsewhere (index-spill.c). */
int ix_row_event_text(struct zdh_event *ev, long long seq, const char *text, size_t len)
{
	return row_data(ev, text, len, seq);
}

int ix_row_event_arena(struct zdh_event *ev, long long *seq, sqlite3_stmt *s,
		       struct zdh_buf *arena)
{
	size_t data_at;

	ix_row_event_raw(ev, seq, s, arena, &data_at);
	return ix_row_event_data(ev, *seq, arena, data_at);
}

void ix_row_event_drop(struct zdh_event *ev)
{
	if (ev->data)
		json_decref(ev->data);
	memset(ev, 0, sizeof(*ev));
}

static int refold(struct zdh_index *idx, const char *kind, const char *id)
{
	const struct zdh_kind *k = zdh_kind_find(kind);
	struct record r;
	struct zdh_buf arena = ZDH_BUF_INIT;
	json_t *derived = NULL;
	sqlite3_stmt *s, *del;
	int rc, err, applied;

	ix_last_forget(idx);
	if ((err = zdh_index_settle(idx)) || (err = ix_need_fold_index(idx)))
		return err;
	if (k && k->derive) {
		/* what the kind's tables saw, for its derive() */
		if ((err = load_record(idx, kind, id, &r, 1)))
			return err;
		derived = r.derived;
		r.derived = NULL;
		ix_record_clear(&r);
	}
	if (sqlite3_prepare_v2(idx->db, "DELETE FROM records"
			       " WHERE kind = ?1 AND prefix = ?3 AND n = ?4 AND id = ?2", -1, &del, NULL))
		return ix_db_error(idx, "records");
	sqlite3_bind_text(del, 1, kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(del, 2, id, -1, SQLITE_STATIC);
	ix_bind_place(del, 3, kind, id);
	rc = sqlite3_step(del);
	sqlite3_finalize(del);
	if (rc != SQLITE_DONE)
		return ix_db_error(idx, "records");
	if (sqlite3_prepare_v2(idx->db,
			       "SELECT " ROW_EVENT_COLUMNS " FROM events"
			       " WHERE kind = +?1 AND record = ?2 AND effect IS NOT " INVALID
			       " ORDER BY clock, replica, id",
			       -1, &s, NULL))
		return ix_db_error(idx, "events");
	sqlite3_bind_text(s, 1, kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, id, -1, SQLITE_STATIC);
	memset(&r, 0, sizeof(r));
	r.derived = derived;
	/* every effect written again: one refused before may take effect now */
	applied = idx->rows_applied;
	idx->rows_applied = 0;
	while (!err && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct zdh_event ev;
		long long seq;
		memset(&ev, 0, sizeof(ev));
		if (!(err = ix_row_event_arena(&ev, &seq, s, &arena)))
			err = ix_fold_one(idx, &r, &ev, NULL, seq, 0, 0);
		ix_row_event_drop(&ev);
	}
	idx->rows_applied = applied;
	zdh_buf_release(&arena);
	if (!err && rc != SQLITE_DONE)
		err = ix_db_error(idx, "events");
	/* none of its events takes effect any more: its tables forget it */
	if (!err && r.derived && !r.state)
		err = derive(idx, k, id, &r);
	ix_record_clear(&r);
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
	struct record r;
	int taken = last_take(idx, ev->kind, ev->record, &r), err = 0;

	if (!taken)
		memset(&r, 0, sizeof(r));

	if (!canonical && !(err = zdh_event_encode(&json, ev)))
		canonical = json.ptr;
	if (err)
		goto done;
	/*
	 * a write's own event, its commit readable only once committed: its
	 * clock kept for a seen chain through it (ix_event_clock), whichever
	 * way it is folded, the whole record again included
	 */
	ix_clock_keep_event(idx, ev);
	if (!taken && (err = load_record(idx, ev->kind, ev->record, &r, 1)))
		goto done;
	if ((r.exists && !sorts_after(ev, &r)) ||
	    (!r.exists && !r.fresh && has_other_events(idx, ev))) {
		/*
		 * arrives before events already folded, or after events that
		 * were refused because the record did not exist yet: fold the
		 * whole record again
		 */
		err = ix_insert_event(idx, ev, canonical, -1, NULL, NULL);
		if (err == 0)
			err = refold(idx, ev->kind, ev->record);
	} else {
		err = ix_fold_one(idx, &r, ev, canonical, 0, checked, 0);
		/* a bulk transaction's next event is most likely of the same record */
		if (err >= 0 && idx->writer->park && r.exists)
			last_park(idx, ev->kind, ev->record, &r);
	}
done:
	ix_record_clear(&r);
	zdh_buf_release(&json);
	return err < 0 ? err : 0;
}

struct rcache *ix_rcache_new(void)
{
	struct rcache *c = zdh_calloc(1, sizeof(*c));
	const char *test_max = getenv("ZDH_TEST_RECORD_CACHE");

	/* tests make the cache tiny, to reach eviction with a few records */
	c->max = test_max && atoi(test_max) > 0 && atoi(test_max) < RCACHE_MAX ?
		(size_t)atoi(test_max) : RCACHE_MAX;
	return c;
}

/* Store what c holds, fold its late records again, and free it. */
static void set_clear(struct record_set *set)
{
	while (set->all) {
		struct late *l = set->all;
		set->all = l->next;
		free(l->kind);
		free(l->id);
		free(l);
	}
}

int ix_rcache_finish(struct zdh_index *idx, struct rcache *c, int err)
{
	int e2;

	if (c->left)
		zdh_trace_note("rebuild: records stored at their last event %lld, to make room %lld,"
			       " at the end %lld; read back %lld", c->at_last, c->evicted,
			       (long long)c->n, c->reread);
	if ((e2 = rcache_flush(idx, c)) && !err)
		err = e2;
	idx->rows_applied = 0;
	for (struct late *l = c->late.all; l && !err; l = l->next)
		err = refold(idx, l->kind, l->id);
	set_clear(&c->late);
	set_clear(&c->refolded);
	free(c->stored);
	free(c);
	return err;
}

/*
 * ---- trust ---- the index's side of include/trust.h: the trust folded
 * from the person events it holds (each with its commit's signature, read
 * from the store), the judgement of each event the fold meets by it, and
 * the refold of the records when it changed (a key, a role, the setting
 * came in: events judged before are judged again, so every replica holding
 * the same events reaches the same state).
 *
 * Costs nothing to a repository without people: the person events are
 * found through a partial index, and the trust is judged only once it is
 * active (signatures required, or a role granted).  Its fingerprint is
 * kept in the table trust (zdh-repository(5), INDEX).
 */
#define PERSON_EVENTS_INDEX \
	"CREATE INDEX IF NOT EXISTS events_person ON events(clock) WHERE kind = 'person';"
#define TRUST_TABLE \
	"CREATE TABLE IF NOT EXISTS trust(fingerprint TEXT NOT NULL, active INTEGER NOT NULL," \
	" state TEXT NOT NULL);"
/*
 * The verdict on each commit's signature (enum zdh_sig_status, and the
 * signer's key when GOOD), by event id: a commit never changes, so a
 * signature is checked once per index, not at every write that folds the
 * person events again.  Emptied with the rest by a rebuild.
 */
#define SIGS_TABLE \
	"CREATE TABLE IF NOT EXISTS sigs(id BLOB PRIMARY KEY, status INTEGER NOT NULL, pub BLOB)" \
	" WITHOUT ROWID;"
static const char sql_sig_get[] = "SELECT status, pub FROM sigs WHERE id = ?1";
static const char sql_sig_put[] = "INSERT OR REPLACE INTO sigs(id, status, pub) VALUES(?1, ?2, ?3)";

struct own_sig {
	char id[41];
	unsigned char pub[ZDH_PUBKEY_LEN];
};

void ix_trust_forget(struct zdh_index *idx)
{
	zdh_trust_free(idx->trust);
	idx->trust = NULL;
	idx->trust_known = 0;
}

/*
 * Does the trust judge other kinds' events, as the index last stored it?
 * One small read, so that a write or a catch-up in a repository that
 * neither requires signatures nor has roles never folds the person events
 * (nor reads and checks their signatures).
 */
static int trust_active_stored(struct zdh_index *idx)
{
	sqlite3_stmt *s;

	if (idx->trust)
		return zdh_trust_active(idx->trust);
	if (idx->trust_known)
		return idx->trust_active;
	idx->trust_known = 1;
	idx->trust_active = 0;
	if (zdh_index_settle(idx) ||
	    sqlite3_prepare_v2(idx->db, "SELECT active FROM trust", -1, &s, NULL)) {
		zdh_error_clear();
		return 0;	/* no table: never active */
	}
	if (sqlite3_step(s) == SQLITE_ROW)
		idx->trust_active = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	return idx->trust_active;
}

/*
 * Keep the verdict on id's signature in sigs, inside a transaction only (a
 * read never writes the index); a cache: what cannot be kept is checked
 * again next time.
 */
static void sig_keep(struct zdh_index *idx, const char *id, enum zdh_sig_status st,
		     const unsigned char *pub)
{
	sqlite3_stmt *s;

	if (sqlite3_get_autocommit(idx->db) ||
	    (!(s = ix_cached(idx, sql_sig_put)) &&
	     (ix_exec(idx, SIGS_TABLE) || !(s = ix_cached(idx, sql_sig_put))))) {
		zdh_error_clear();
		return;
	}
	ix_bind_oid(s, 1, id);
	sqlite3_bind_int(s, 2, (int)st);
	if (st == ZDH_SIG_GOOD)
		sqlite3_bind_blob(s, 3, pub, ZDH_PUBKEY_LEN, SQLITE_TRANSIENT);
	sqlite3_step(s);
	sqlite3_reset(s);
}

/* The verdict sigs keeps on id's signature; -1 when it keeps none. */
static int sig_kept(struct zdh_index *idx, const char *id, unsigned char pub[ZDH_PUBKEY_LEN])
{
	sqlite3_stmt *s;
	int st = -1;

	/* prepared once per process: an index without the table yet keeps nothing */
	if (!(s = ix_cached(idx, sql_sig_get))) {
		zdh_error_clear();
		return -1;
	}
	ix_bind_oid(s, 1, id);
	if (sqlite3_step(s) == SQLITE_ROW) {
		st = sqlite3_column_int(s, 0);
		if (st == ZDH_SIG_GOOD) {
			if (sqlite3_column_bytes(s, 1) == ZDH_PUBKEY_LEN)
				memcpy(pub, sqlite3_column_blob(s, 1), ZDH_PUBKEY_LEN);
			else
				st = -1;
		} else if (st != ZDH_SIG_UNSIGNED && st != ZDH_SIG_BAD) {
			st = -1;
		}
	}
	sqlite3_reset(s);
	return st;
}

void zdh_index_signed(struct zdh_index *idx, const char *id, const unsigned char *pub)
{
	/* the person events only: the trust is folded from them */
	idx->own = zdh_realloc(idx->own, (idx->nown + 1) * sizeof(*idx->own));
	memcpy(idx->own[idx->nown].id, id, 41);
	memcpy(idx->own[idx->nown].pub, pub, ZDH_PUBKEY_LEN);
	idx->nown++;
	sig_keep(idx, id, ZDH_SIG_GOOD, pub);
}

void ix_trust_release(struct zdh_index *idx)
{
	ix_trust_forget(idx);
	free(idx->own);
	idx->own = NULL;
	idx->nown = 0;
}

/*
 * The signature of event id's commit: GOOD with pub, UNSIGNED, or BAD
 * (also when unreadable).  Checked once per index (sigs, above).
 */
static enum zdh_sig_status commit_sig(struct zdh_index *idx, const char *id,
				      unsigned char pub[ZDH_PUBKEY_LEN])
{
	struct zdh_buf raw = ZDH_BUF_INIT;
	enum zdh_sig_status st = ZDH_SIG_BAD;
	int kept;

	for (size_t i = 0; i < idx->nown; i++)
		if (!strcmp(idx->own[i].id, id)) {
			memcpy(pub, idx->own[i].pub, ZDH_PUBKEY_LEN);
			return ZDH_SIG_GOOD;
		}
	if ((kept = sig_kept(idx, id, pub)) >= 0)
		return (enum zdh_sig_status)kept;
	if (!zdh_objects_read_commit(&raw, idx->repo, id)) {
		st = zdh_sig_read(raw.ptr, raw.len, pub);
		if (getenv("ZDH_TRACE_SIGNATURES"))
			fprintf(stderr, "zdh: signature checked: %s\n", id);
		sig_keep(idx, id, st, pub);
	}
	zdh_error_clear();
	zdh_buf_release(&raw);
	return st;
}

/* The founder this replica pinned (person.founder, zdh-repository(5) TRUST), or NULL. */
static const char *pinned_founder(struct zdh_index *idx)
{
	const char *v = zdh_config_get(idx->repo->config, "person.founder");

	return v && *v ? v : NULL;
}

/*
 * Has the index folded an event of kind?  Every event folded has its
 * facts, keyed by kind first: one step down their b-tree.
 */
static int folded_any(struct zdh_index *idx, const char *kind)
{
	sqlite3_stmt *s;
	int rc;

	if (zdh_index_settle(idx) || !(s = ix_cached(idx, "SELECT 1 FROM facts WHERE kind = ?1 LIMIT 1")))
		return -1;
	sqlite3_bind_text(s, 1, kind, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

/*
 * fn(te, payload) for each person event the index holds (only the adds
 * when adds_only), in fold order, with its signature's verdict.  fn may
 * take te->ev (setting it NULL); what it leaves is freed.  A non-zero
 * return of fn stops.
 */
static int each_person_event(struct zdh_index *idx, int adds_only,
			     int (*fn)(struct zdh_trust_event *te, void *payload), void *payload)
{
	sqlite3_stmt *s;
	int rc = SQLITE_DONE, err;

	/*
	 * None folded (every event folded has its facts) and none come in
	 * unfolded (saw_person): there is none, and the index of person
	 * events is not made for nothing (the first pull after a clone of
	 * 100,000 events made it: a sixth of that pull's instructions).
	 */
	if (!idx->saw_person && !idx->rebuilding && (rc = folded_any(idx, "person")) <= 0)
		return rc < 0 ? ix_db_error(idx, "facts") : 0;
	if ((err = zdh_index_settle(idx)) || (err = ix_exec(idx, PERSON_EVENTS_INDEX)))
		return err;
	if (sqlite3_prepare_v2(idx->db, adds_only ?
			       "SELECT " ROW_EVENT_COLUMNS " FROM events WHERE kind = 'person'"
			       " AND op = 'add' AND effect IS NOT " INVALID " ORDER BY clock, replica, id" :
			       "SELECT " ROW_EVENT_COLUMNS " FROM events WHERE kind = 'person'"
			       " AND effect IS NOT " INVALID " ORDER BY clock, replica, id",
			       -1, &s, NULL))
		return ix_db_error(idx, "events");
	while (!err && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct zdh_trust_event te;
		long long seq;

		memset(&te, 0, sizeof(te));
		te.ev = zdh_calloc(1, sizeof(*te.ev));
		if (!(err = ix_row_event(te.ev, &seq, s))) {
			te.sig = commit_sig(idx, te.ev->id, te.pub);
			err = fn(&te, payload);
		}
		if (te.ev) {
			zdh_event_clear(te.ev);
			free(te.ev);
		}
	}
	if (!err && rc != SQLITE_DONE)
		err = ix_db_error(idx, "events");
	sqlite3_finalize(s);
	return err;
}

struct person_events {
	struct zdh_trust_event *v;
	size_t n;
};

static int keep_person_event(struct zdh_trust_event *te, void *payload)
{
	struct person_events *p = payload;

	p->v = zdh_realloc(p->v, (p->n + 1) * sizeof(*p->v));
	p->v[p->n++] = *te;
	te->ev = NULL;	/* kept */
	return 0;
}

/* Fold the trust from the person events the index holds. */
static int load_events(struct zdh_index *idx, struct zdh_trust **out)
{
	struct person_events p = { 0 };
	int err;

	*out = NULL;
	err = each_person_event(idx, 0, keep_person_event, &p);
	if (!err)
		*out = zdh_trust_build(p.v, p.n, pinned_founder(idx));
	for (size_t i = 0; i < p.n; i++) {
		zdh_event_clear(p.v[i].ev);
		free(p.v[i].ev);
	}
	free(p.v);
	return err;
}

/*
 * The trust as the table trust keeps it, folded when the person events
 * last changed (ix_trust_sync): one row read, not every person event and
 * its signature.  NULL when the table keeps none of this version.
 */
static struct zdh_trust *load_stored(struct zdh_index *idx)
{
	struct zdh_trust *t = NULL;
	sqlite3_stmt *s;

	if (zdh_index_settle(idx) ||
	    sqlite3_prepare_v2(idx->db, "SELECT state FROM trust", -1, &s, NULL)) {
		zdh_error_clear();
		return NULL;	/* none yet, or kept by an older zdh */
	}
	if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_type(s, 0) == SQLITE_TEXT)
		t = zdh_trust_parse((const char *)sqlite3_column_text(s, 0),
				    (size_t)sqlite3_column_bytes(s, 0));
	sqlite3_finalize(s);
	/* folded with another founder pinned: folded again from the events */
	if (t) {
		const char *was = zdh_trust_founder(t), *now = pinned_founder(idx);
		if (!was != !now || (was && strcmp(was, now))) {
			zdh_trust_free(t);
			t = NULL;
		}
	}
	return t;
}

int ix_trust(struct zdh_index *idx, struct zdh_trust **out)
{
	int err = 0;

	/* a rebuild that met no person event: there is none */
	if (!idx->trust && idx->rebuilding && !idx->saw_person)
		idx->trust = zdh_trust_build(NULL, 0, pinned_founder(idx));
	/* person events came in this catch-up: ix_trust_sync folds them first */
	if (!idx->trust && !idx->saw_person)
		idx->trust = load_stored(idx);
	if (!idx->trust)
		err = load_events(idx, &idx->trust);
	*out = idx->trust;
	return err;
}

int ix_trust_refuses(struct zdh_index *idx, const json_t *state, const struct zdh_event *ev,
		     const struct zdh_op *op)
{
	struct zdh_trust *t;
	unsigned char pub[ZDH_PUBKEY_LEN];
	enum zdh_sig_status st;
	const char *note;

	if (strcmp(ev->kind, "person") && !trust_active_stored(idx))
		return 0;
	if (ix_trust(idx, &t) || !t)
		return -1;
	if (!strcmp(ev->kind, "person")) {
		if (!(note = zdh_trust_person_note(t, ev->id)))
			return 0;
		zdh_error_set(ZDH_EINVALID, "%s", note);
		return 1;
	}
	if (!zdh_trust_active(t))
		return 0;
	st = commit_sig(idx, ev->id, pub);
	return zdh_trust_judge(t, op, state, ev, st, pub, 0) < 0;
}

int zdh_index_trust_write(struct zdh_index *idx, const json_t *state, const struct zdh_event *ev,
			  const struct zdh_op *op, const unsigned char *pub)
{
	struct zdh_trust *t;
	int err;

	if (strcmp(ev->kind, "person") && !trust_active_stored(idx))
		return 0;
	if ((err = ix_trust(idx, &t)))
		return err;
	return zdh_trust_judge(t, op, state, ev, pub ? ZDH_SIG_GOOD : ZDH_SIG_UNSIGNED, pub, 1);
}

/* The fingerprint and activity stored with the index ("" and 0 when none). */
static int stored(struct zdh_index *idx, struct zdh_buf *fp, int *active)
{
	sqlite3_stmt *s;
	int err;

	*active = 0;
	if ((err = ix_exec(idx, TRUST_TABLE)))
		return err;
	if (sqlite3_prepare_v2(idx->db, "SELECT fingerprint, active, state FROM trust", -1, &s,
			       NULL)) {
		/* the table of an older zdh, without the state: made again (none stored) */
		if ((err = ix_exec(idx, "DROP TABLE trust;" TRUST_TABLE)))
			return err;
		return 0;
	}
	if (sqlite3_step(s) == SQLITE_ROW) {
		zdh_buf_puts(fp, (const char *)sqlite3_column_text(s, 0));
		*active = sqlite3_column_int(s, 1);
	}
	sqlite3_finalize(s);
	return 0;
}

static int store(struct zdh_index *idx, const char *fp, const struct zdh_trust *t)
{
	struct zdh_buf text = ZDH_BUF_INIT;
	sqlite3_stmt *s;
	int err = 0;

	idx->trust_known = 0;
	if ((err = ix_exec(idx, "DELETE FROM trust")))
		return err;
	if (sqlite3_prepare_v2(idx->db, "INSERT INTO trust(fingerprint, active, state)"
			       " VALUES(?1, ?2, ?3)", -1, &s, NULL))
		return ix_db_error(idx, "trust");
	zdh_trust_text(t, &text);
	sqlite3_bind_text(s, 1, fp, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 2, zdh_trust_active(t));
	sqlite3_bind_text(s, 3, text.ptr, (int)text.len, SQLITE_STATIC);
	if (sqlite3_step(s) != SQLITE_DONE)
		err = ix_db_error(idx, "trust");
	sqlite3_finalize(s);
	zdh_buf_release(&text);
	return err;
}

static int trust_sync(struct zdh_index *idx, int force, int *refold)
{
	struct zdh_buf old = ZDH_BUF_INIT, now = ZDH_BUF_INIT, empty = ZDH_BUF_INIT;
	struct zdh_trust *t, *none;
	int was_active, err;

	*refold = 0;
	/* it is folded from the person events alone: no new one, no change */
	if (!idx->saw_person && !force)
		return 0;	/* (a rebuild empties the table trust) */
	ix_trust_forget(idx);
	if ((err = load_events(idx, &idx->trust)) || (err = stored(idx, &old, &was_active)))
		goto done;
	t = idx->trust;
	zdh_trust_fingerprint(t, &now);
	if (!old.len) {
		none = zdh_trust_build(NULL, 0, pinned_founder(idx));
		zdh_trust_fingerprint(none, &empty);
		zdh_trust_free(none);
		zdh_buf_puts(&old, empty.ptr);
	}
	if (!strcmp(old.ptr, now.ptr))
		goto done;
	err = store(idx, now.ptr, t);
	/* the person records always; the others when they were or are judged */
	if (!err && !idx->rebuilding)
		*refold = was_active || zdh_trust_active(t) ? 2 : 1;
done:
	zdh_buf_release(&old);
	zdh_buf_release(&now);
	zdh_buf_release(&empty);
	return err;
}

int ix_trust_sync(struct zdh_index *idx, int *refold)
{
	return trust_sync(idx, 0, refold);
}

int ix_trust_recheck(struct zdh_index *idx)
{
	int refold, err;

	if ((err = trust_sync(idx, 1, &refold)) || !refold)
		return err;
	return ix_kinds_refold(idx, refold == 2 ? NULL : "person");
}

int zdh_index_trust_recheck(struct zdh_index *idx)
{
	int err;

	if ((err = zdh_index_begin(idx)))
		return err;
	ix_trust_forget(idx);
	if ((err = ix_trust_recheck(idx)) || (err = zdh_index_commit(idx)))
		zdh_index_rollback(idx);
	return err;
}

struct founder_claims {
	int (*fn)(const char *id, const char *record, const char *replica, void *payload);
	void *payload;
};

static int founder_claim(struct zdh_trust_event *te, void *payload)
{
	struct founder_claims *c = payload;

	if (!zdh_trust_founder_claim(te->ev, te->sig, te->pub))
		return 0;
	return c->fn(te->ev->id, te->ev->record, te->ev->replica, c->payload);
}

int zdh_index_founder_claims(struct zdh_index *idx,
			     int (*fn)(const char *id, const char *record, const char *replica,
				       void *payload),
			     void *payload)
{
	struct founder_claims c = { fn, payload };

	return each_person_event(idx, 1, founder_claim, &c);
}

struct claims {
	const struct zdh_config *cfg;
	size_t n, owned;
	char first[41], owned_id[41];
	struct zdh_founder_pinned first_of, owned_of;	/* their records and logs */
};

static int claim(const char *id, const char *record, const char *replica, void *payload)
{
	struct claims *c = payload;
	char prefix[48];
	const char *owner;

	if (!c->n++) {
		zdh_copy_str(c->first, sizeof(c->first), id);
		zdh_copy_str(c->first_of.record, sizeof(c->first_of.record), record);
		zdh_copy_str(c->first_of.replica, sizeof(c->first_of.replica), replica);
	}
	if (!zdh_prefix_of(prefix, sizeof(prefix), record) &&
	    (owner = zdh_prefix_owner(c->cfg, prefix)) && !strcmp(owner, replica) &&
	    !c->owned++) {
		zdh_copy_str(c->owned_id, sizeof(c->owned_id), id);
		zdh_copy_str(c->owned_of.record, sizeof(c->owned_of.record), record);
		zdh_copy_str(c->owned_of.replica, sizeof(c->owned_of.replica), replica);
	}
	return 0;
}

int zdh_index_pin_founder(struct zdh_index *idx, int *claims, struct zdh_founder_pinned *pinned)
{
	struct claims c;
	const char *id;
	int err;

	*claims = 0;
	if (pinned)
		memset(pinned, 0, sizeof(*pinned));
	if (pinned_founder(idx))
		return 0;
	memset(&c, 0, sizeof(c));
	c.cfg = idx->repo->config;
	if ((err = zdh_index_founder_claims(idx, claim, &c)) || !c.n)
		return err;
	/* one claim under a prefix pinned to its log, else the only claim */
	id = c.owned == 1 ? c.owned_id : !c.owned && c.n == 1 ? c.first : NULL;
	if (!id) {
		*claims = (int)c.n;
		return 0;
	}
	if ((err = zdh_config_set(zdh_repo_config_path(idx->repo), "person.founder", id)) ||
	    (err = zdh_repo_reload_config(idx->repo)) || (err = zdh_index_overlay(idx)))
		return err;
	if (pinned)
		*pinned = id == c.owned_id ? c.owned_of : c.first_of;
	return zdh_index_trust_recheck(idx);
}

int zdh_index_trust_changed(struct zdh_index *idx)
{
	int refold, err;

	if ((err = ix_trust_sync(idx, &refold)) || !refold)
		return err;
	/* (what a write of people, keys or roles refuses or lets take effect, its command tells) */
	return ix_trust_refold(idx, refold, LLONG_MAX);
}

int zdh_index_trust_state(struct zdh_index *idx, int *requires, int *roles)
{
	struct zdh_trust *t;
	int err = ix_trust(idx, &t);

	*requires = !err && zdh_trust_requires(t);
	*roles = !err && zdh_trust_roles(t);
	return err;
}

int zdh_index_log_clocks(struct zdh_index *idx, json_t **out)
{
	sqlite3_stmt *s;
	int rc;

	*out = json_object();
	if (zdh_index_settle(idx) ||
	    sqlite3_prepare_v2(idx->db, "SELECT replica, max(clock) FROM events GROUP BY replica",
			       -1, &s, NULL))
		return ix_db_error(idx, "events");
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		json_object_set_new(*out, (const char *)sqlite3_column_text(s, 0),
				    json_integer(sqlite3_column_int64(s, 1)));
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : ix_db_error(idx, "events");
}

int zdh_index_event_effect(struct zdh_index *idx, const char *id, long long clock, int *effect,
			   char **note)
{
	sqlite3_stmt *s;
	int rc;

	*effect = -1;
	*note = NULL;
	if (zdh_index_settle(idx) || ix_need_id_index(idx) ||
	    !(s = ix_cached(idx, "SELECT effect, note FROM events WHERE clock = ?1 AND id = ?2")))
		return ix_db_error(idx, "events");
	sqlite3_bind_int64(s, 1, clock);
	ix_bind_oid(s, 2, id);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		*effect = sqlite3_column_type(s, 0) == SQLITE_NULL ? -1 : sqlite3_column_int(s, 0);
		*note = ix_col_dup(s, 1);
	}
	sqlite3_reset(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : ix_db_error(idx, "events");
}

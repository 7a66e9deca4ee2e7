/*
 * index-ids — the numbers of records and the tips of the logs: the
 * counters of each kind and prefix (kept in memory inside a transaction),
 * the next id a write gives, and the tip the index has applied of each log.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>

#include "error.h"
#include "index-internal.h"
#include "rules.h"

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

void ix_fresh_forget(struct zdh_index *idx)
{
	free(idx->fresh_kind);
	free(idx->fresh_id);
	idx->fresh_kind = idx->fresh_id = NULL;
}

void ix_counters_forget(struct zdh_index *idx)
{
	ix_last_forget(idx);
	ix_fresh_forget(idx);
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
	if (idx->ncounters == COUNTERS_MAX || !(s = ix_cached(idx, sql)))
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
	sqlite3_stmt *s = ix_cached(idx, sql);
	int rc;

	if (!s)
		return ix_db_error(idx, table);
	sqlite3_bind_text(s, 1, a, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, b, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 3, n);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : ix_db_error(idx, table);
}

static int store_counter(struct zdh_index *idx, const char *kind, const char *prefix, long long n)
{
	return upsert(idx, ix_sql_counter, kind, prefix, n, "counters");
}

/* Record number n of kind and prefix exists. */
int ix_count_record(struct zdh_index *idx, const char *kind, const char *prefix, long long n)
{
	struct counter *c = counter(idx, kind, prefix);

	if (!c)
		return store_counter(idx, kind, prefix, n);
	if (n > c->n)
		c->n = n;
	return 0;
}

long long ix_counted(struct zdh_index *idx, const char *kind)
{
	sqlite3_stmt *s = ix_cached(idx, "SELECT sum(n) FROM counters WHERE kind = ?1");
	long long n = 0;

	if (!s)
		return 0;
	sqlite3_bind_text(s, 1, kind, -1, SQLITE_STATIC);
	if (sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	/* and what this transaction counted and has not written yet */
	for (size_t i = 0; i < idx->ncounters; i++)
		if (!strcmp(idx->counters[i].kind, kind) && idx->counters[i].n > idx->counters[i].stored)
			n += idx->counters[i].n - idx->counters[i].stored;
	return n;
}

int ix_counters_flush(struct zdh_index *idx)
{
	int err = 0;

	for (size_t i = 0; i < idx->ncounters && !err; i++)
		if (idx->counters[i].n > idx->counters[i].stored)
			err = store_counter(idx, idx->counters[i].kind, idx->counters[i].prefix,
					    idx->counters[i].n);
	ix_counters_forget(idx);
	return err;
}

/*
 * A rebuild's highest numbers, counted as its records are stored: read
 * back from records at its end instead (max(n) grouped by kind and prefix,
 * a scan of every record and a sort), they were 0.04 s of a clone of
 * 100,000 events, a twentieth of its fold.  A hash of the pairs: a
 * sub-district's offices, each with its prefix, times the kinds.
 */
struct ix_highest {
	size_t size, n;		/* slots, a power of two; pairs held */
	struct highest {
		char *kind, *prefix;	/* NULL: an empty slot */
		long long n;
		uint64_t hash;
	} *slot;
};

static struct highest *highest_slot(struct ix_highest *t, const char *kind, const char *prefix,
				    uint64_t h)
{
	size_t i = (size_t)h & (t->size - 1);

	while (t->slot[i].kind && (t->slot[i].hash != h || strcmp(t->slot[i].kind, kind) ||
				   strcmp(t->slot[i].prefix, prefix)))
		i = (i + 1) & (t->size - 1);
	return &t->slot[i];
}

void ix_count_rebuilt(struct zdh_index *idx, const char *kind, const char *prefix, long long n)
{
	struct ix_highest *t = idx->highest;
	uint64_t h = ix_key_hash(kind, prefix);
	struct highest *e;

	if (!t) {
		t = idx->highest = zdh_calloc(1, sizeof(*t));
		t->slot = zdh_calloc(t->size = 64, sizeof(*t->slot));
	}
	e = highest_slot(t, kind, prefix, h);
	if (e->kind) {
		if (n > e->n)
			e->n = n;
		return;
	}
	if (2 * (t->n + 1) > t->size) {	/* half full: twice the slots */
		struct highest *old = t->slot;
		size_t size = t->size;

		t->slot = zdh_calloc(t->size *= 2, sizeof(*t->slot));
		for (size_t i = 0; i < size; i++)
			if (old[i].kind)
				*highest_slot(t, old[i].kind, old[i].prefix, old[i].hash) = old[i];
		free(old);
		e = highest_slot(t, kind, prefix, h);
	}
	e->kind = zdh_strdup(kind);
	e->prefix = zdh_strdup(prefix);
	e->n = n;
	e->hash = h;
	t->n++;
}

int ix_rebuilt_counters_flush(struct zdh_index *idx)
{
	struct ix_highest *t = idx->highest;
	int err = 0;

	for (size_t i = 0; t && i < t->size && !err; i++)
		if (t->slot[i].kind)
			err = store_counter(idx, t->slot[i].kind, t->slot[i].prefix, t->slot[i].n);
	ix_rebuilt_forget(idx);
	return err;
}

void ix_rebuilt_forget(struct zdh_index *idx)
{
	struct ix_highest *t = idx->highest;

	for (size_t i = 0; t && i < t->size; i++) {
		free(t->slot[i].kind);
		free(t->slot[i].prefix);
	}
	if (t)
		free(t->slot);
	free(t);
	idx->highest = NULL;
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
		return ix_db_error(idx, "records");
	sqlite3_bind_text(s, 1, prefix, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	*used = rc == SQLITE_ROW;
	sqlite3_finalize(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : ix_db_error(idx, "records");
}

int zdh_index_new_events(struct zdh_index *idx, long long mark, int effect,
			 int (*fn)(const char *replica, const char *id, const char *record,
				   const char *note, void *payload),
			 void *payload)
{
	sqlite3_stmt *s;
	int rc, err;

	if ((err = zdh_index_settle(idx)))
		return err;
	if (sqlite3_prepare_v2(idx->db, "SELECT replica, lower(hex(id)), record, note FROM events"
			       " WHERE seq > ?1 AND effect = ?2 ORDER BY seq", -1, &s, NULL))
		return ix_db_error(idx, "events");
	sqlite3_bind_int64(s, 1, mark);
	sqlite3_bind_int(s, 2, effect);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		if ((err = fn((const char *)sqlite3_column_text(s, 0),
			      (const char *)sqlite3_column_text(s, 1),
			      (const char *)sqlite3_column_text(s, 2),
			      (const char *)sqlite3_column_text(s, 3), payload)))
			break;
	sqlite3_finalize(s);
	if (err)
		return err;
	return rc == SQLITE_DONE ? 0 : ix_db_error(idx, "events");
}

int zdh_index_new_unknown(struct zdh_index *idx, long long mark,
			  int (*fn)(const char *kind, const char *op, long long n, void *payload),
			  void *payload)
{
	sqlite3_stmt *s;
	int rc, err;

	if ((err = zdh_index_settle(idx)))
		return err;
	/* an unknown op is folded without effect, with the note ix_fold_one gives it */
	if (sqlite3_prepare_v2(idx->db, "SELECT kind, CASE WHEN effect = " UNKNOWN_KIND " THEN NULL ELSE op END,"
			       " count(*), min(clock) FROM events WHERE seq > ?1 AND (effect = " UNKNOWN_KIND
			       " OR (effect = 0 AND note = 'unknown operation')) GROUP BY 1, 2 ORDER BY 4, 1, 2",
			       -1, &s, NULL))
		return ix_db_error(idx, "events");
	sqlite3_bind_int64(s, 1, mark);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		if ((err = fn((const char *)sqlite3_column_text(s, 0),
			      (const char *)sqlite3_column_text(s, 1),
			      sqlite3_column_int64(s, 2), payload)))
			break;
	sqlite3_finalize(s);
	if (err)
		return err;
	return rc == SQLITE_DONE ? 0 : ix_db_error(idx, "events");
}

/* A (prefix, replica) pair of zdh_index_prefix_creators(). */
struct creator {
	char prefix[64], replica[64];
};

static int creator_cmp(const void *a, const void *b)
{
	const struct creator *x = a, *y = b;
	int c = strcmp(x->prefix, y->prefix);

	return c ? c : strcmp(x->replica, y->replica);
}

/* Sort the n pairs of v and keep each once; how many are left. */
static size_t creators_unique(struct creator *v, size_t n)
{
	size_t m = 0;

	if (n)
		qsort(v, n, sizeof(*v), creator_cmp);
	for (size_t i = 0; i < n; i++)
		if (!m || creator_cmp(&v[m - 1], &v[i]))
			v[m++] = v[i];
	return m;
}

/*
 * The facts are read in their key's order (kind, record, clock): each
 * record's first rows with an effect are its creation, and they hold the
 * replica, so one pass over one b-tree finds every creator.  (A join of
 * records and events with the first clock of each record asked of
 * events_fold cost a clone of 100,000 events 2,066 million instructions.)
 * A record's prefix is the one ix_store_record() gives it, from its id.
 */
int zdh_index_prefix_creators(struct zdh_index *idx,
			      int (*fn)(const char *prefix, const char *replica, void *payload),
			      void *payload)
{
	struct creator *v = NULL;
	size_t n = 0, alloc = 0;
	struct zdh_buf key = ZDH_BUF_INIT;	/* the record being read: "KIND\0ID" */
	long long first = 0;
	sqlite3_stmt *s;
	int rc, err;

	if ((err = zdh_index_settle(idx)))
		return err;
	if (sqlite3_prepare_v2(idx->db, "SELECT kind, record, clock, replica FROM facts"
			       " WHERE effect = 1 ORDER BY kind, prefix, n, record, clock", -1, &s, NULL))
		return ix_db_error(idx, "facts");
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *k = (const char *)sqlite3_column_text(s, 0);
		const char *r = (const char *)sqlite3_column_text(s, 1);
		const char *replica = (const char *)sqlite3_column_text(s, 3);
		long long clock = sqlite3_column_int64(s, 2);
		const struct zdh_kind *kd;
		struct creator c;

		if (!k || !r || !replica)
			continue;
		if (key.len && !strcmp(k, key.ptr) && !strcmp(r, key.ptr + strlen(key.ptr) + 1)) {
			if (clock != first)
				continue;	/* a later event of the record */
		} else {
			zdh_buf_reset(&key);
			zdh_buf_add(&key, k, strlen(k) + 1);
			zdh_buf_puts(&key, r);
			first = clock;
		}
		kd = zdh_kind_find(k);
		if (kd && kd->unowned)
			continue;	/* (no office's: never pinned, kind.h) */
		if (ix_split_id(r, kd ? kd->letter : 0, c.prefix, sizeof(c.prefix)) < 0)
			snprintf(c.prefix, sizeof(c.prefix), "%s", r);
		snprintf(c.replica, sizeof(c.replica), "%s", replica);
		/*
		 * The records of one pair mostly follow each other; the pairs
		 * are made unique when the array is full, before it grows, so
		 * that a peer with many prefixes costs a sort, not a search of
		 * every pair at every row.
		 */
		if (n && !creator_cmp(&v[n - 1], &c))
			continue;
		if (n == alloc && (n = creators_unique(v, n)) >= alloc / 2)
			v = zdh_realloc(v, (alloc = alloc ? 2 * alloc : 8) * sizeof(*v));
		v[n++] = c;
	}
	if (rc != SQLITE_DONE)
		err = ix_db_error(idx, "facts");
	sqlite3_finalize(s);
	zdh_buf_release(&key);
	n = creators_unique(v, n);
	for (size_t i = 0; i < n && !err; i++)
		err = fn(v[i].prefix, v[i].replica, payload);
	free(v);
	return err;
}

int zdh_index_unapplied(struct zdh_index *idx,
			int (*fn)(const char *record, const char *replica, void *payload),
			void *payload)
{
	sqlite3_stmt *s;
	int rc = SQLITE_DONE, err;

	if ((err = zdh_index_settle(idx)))
		return err;
	if (sqlite3_prepare_v2(idx->db, "SELECT record, replica FROM events WHERE effect IS NOT " APPLIED
			       " AND effect IS NOT " INVALID " AND effect IS NOT " UNKNOWN_KIND,
			       -1, &s, NULL))
		return ix_db_error(idx, "events");
	while (!err && (rc = sqlite3_step(s)) == SQLITE_ROW)
		err = fn((const char *)sqlite3_column_text(s, 0),
			 (const char *)sqlite3_column_text(s, 1), payload);
	sqlite3_finalize(s);
	if (!err && rc != SQLITE_DONE)
		err = ix_db_error(idx, "events");
	return err;
}

long long zdh_index_max_clock(struct zdh_index *idx, const char *replica)
{
	long long n = 0, below = 0, own = 0;
	sqlite3_stmt *s;

	ix_pragma_int(idx, "SELECT coalesce(max(clock), 0) FROM logs", &n);
	if (n < ZDH_CLOCK_HONEST)
		return n;
	/* a peer's clock up there: the highest below (events_id), and our own log's */
	if (!(s = ix_cached(idx, "SELECT coalesce(max(clock), 0) FROM events WHERE clock < ?1")))
		return n;
	sqlite3_bind_int64(s, 1, ZDH_CLOCK_HONEST);
	if (sqlite3_step(s) == SQLITE_ROW)
		below = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	if (!(s = ix_cached(idx, "SELECT clock FROM logs WHERE replica = ?1")))
		return n;
	sqlite3_bind_text(s, 1, replica, -1, SQLITE_STATIC);
	if (sqlite3_step(s) == SQLITE_ROW)
		own = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return own > below ? own : below;
}

/*
 * A log's clock is its highest valid event's (zdh_index_set_tip), so the
 * tip's own when the tip is valid: one step down events_id tells whether
 * the tip's row has that clock.  (An invalid tip's row may have another,
 * or none: the index cannot tell then.)
 */
int zdh_index_tip_clock(struct zdh_index *idx, const char *replica, const char *tip,
			long long *clock)
{
	sqlite3_stmt *s;
	int found = 0;

	if (!(s = ix_cached(idx, "SELECT l.clock FROM logs l JOIN events e ON e.clock = l.clock"
			    " AND e.id = ?2 WHERE l.replica = ?1 AND l.tip = ?3")))
		return 0;
	sqlite3_bind_text(s, 1, replica, -1, SQLITE_STATIC);
	ix_bind_oid(s, 2, tip);
	sqlite3_bind_text(s, 3, tip, -1, SQLITE_STATIC);
	if (sqlite3_step(s) == SQLITE_ROW) {
		*clock = sqlite3_column_int64(s, 0);
		found = 1;
	}
	sqlite3_reset(s);
	return found;
}

/*
 * "XQ-O12" -> prefix "XQ", n 12 (for the kind's letter); -1 when not of
 * that form.  (Its digits read here, LLONG_MAX for too many as strtoll()
 * gave: strtoll() was 280 instructions of a rebuild's fold an event, one
 * call for each fact.)
 */
long long ix_split_id(const char *id, char letter, char *prefix, size_t size)
{
	const char *dash = strrchr(id, '-'), *p;
	long long n = 0;

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
	for (; *p >= '0' && *p <= '9'; p++)
		n = n > (LLONG_MAX - (*p - '0')) / 10 ? LLONG_MAX : n * 10 + (*p - '0');
	if (*p)
		return -1;
	memcpy(prefix, id, (size_t)(dash - id));
	prefix[dash - id] = '\0';
	return n;
}

long long ix_record_place(const char *id, char letter, char *prefix, size_t size)
{
	long long n = ix_split_id(id, letter, prefix, size);

	if (n < 0) {
		snprintf(prefix, size, "%s", id);
		n = 0;
	}
	return n;
}

long long ix_record_place_kept(struct record *r, const struct zdh_kind *kind, const char *id,
			       const char **prefix)
{
	if (!r->place[0])
		r->place_n = ix_record_place(id, kind->letter, r->place, sizeof(r->place));
	*prefix = r->place;
	return r->place_n;
}

/*
 * Has an event of a replica not owning prefix named number n of it?
 * (count_number)  When its counter cannot be had, it may have.
 */
static int foreign_named(struct zdh_index *idx, const struct zdh_kind *kind, const char *prefix,
			 long long n)
{
	char name[64];
	size_t len = strlen(kind->name);
	struct counter *c;

	/* "KIND!", cut as snprintf cut it (by hand: asked for every record an import numbers) */
	if (len + 1 < sizeof(name)) {
		memcpy(name, kind->name, len);
		memcpy(name + len, "!", 2);
	} else {
		zdh_copy_str(name, sizeof(name), kind->name);
	}
	c = counter(idx, name, prefix);
	return !c || c->n >= n;
}

/*
 * Is id of kind a number no event in the index has named, as
 * zdh_index_next_id() tells its own?  Above what the counters hold of its
 * prefix, the kind's and the foreign one (count_number): then no row of
 * records holds it and no event of it was folded before this transaction.
 * 0 when that cannot be told (an id of another form, no counter at hand).
 */
int ix_number_fresh(struct zdh_index *idx, const char *kind, const char *id)
{
	const struct zdh_kind *k = zdh_kind_find(kind);
	char prefix[64];
	struct counter *c;
	long long n;

	return k && (n = ix_split_id(id, k->letter, prefix, sizeof(prefix))) > 0 &&
		(c = counter(idx, kind, prefix)) && c->n < n && !foreign_named(idx, k, prefix, n);
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
	else if ((s = ix_cached(idx, sql))) {
		sqlite3_bind_text(s, 1, kind->name, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 2, prefix, -1, SQLITE_STATIC);
		if (sqlite3_step(s) == SQLITE_ROW)
			n = sqlite3_column_int64(s, 0);
		sqlite3_reset(s);
	}
	{
		/* PREFIX-N or PREFIX-LN (not zdh_asprintf: an import numbers a record a row) */
		struct zdh_buf b = ZDH_BUF_INIT;

		zdh_buf_puts(&b, prefix);
		zdh_buf_addch(&b, '-');
		if (kind->letter)
			zdh_buf_addch(&b, kind->letter);
		zdh_buf_add_decimal(&b, n + 1);
		id = zdh_buf_detach(&b);
	}
	/*
	 * Inside a transaction nothing has this number yet: the counter is
	 * above every number of the prefix that a record or an event, even a
	 * refused one, has (count_number), and only this replica numbers
	 * records with its prefix (DESIGN §1; zdh clone refuses a prefix in
	 * use), so no other replica's event can name it either.
	 */
	ix_fresh_forget(idx);
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
		return ix_db_error(idx, "logs");
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

	/* with the events it applied, in one transaction (DESIGN §3) */
	ZDH_ASSERT(!sqlite3_get_autocommit(idx->db));
	return upsert(idx, sql, replica, tip, clock, "logs");
}

/*
 * index — index.db, the SQLite cache of every log: the events, and the
 * current state of every record as the fold of its events.
 *
 * It can be deleted at any time: zdh_index_open() of a missing, foreign or
 * older index starts an empty one, and zdh_index_catch_up() applies every
 * log tip it has not applied yet.  Schema: zdh-repository(5).
 *
 * SQLite stays inside core: the kinds' queries reach the connection
 * through the private header core/index-db.h.
 */
#ifndef ZDH_INDEX_H
#define ZDH_INDEX_H

#include <jansson.h>
#include "event.h"
#include "kind.h"

struct zdh_repo;
struct zdh_index;

#define ZDH_INDEX_APPLICATION_ID 0x7a646831 /* "zdh1" */
/*
 * (15: the rules event and tree refuse what git fsck refuses; 16: and a
 * file naming a tree, commit or tag; 17: an event nested deeper than
 * ZDH_EVENT_MAX_DEPTH is invalid, and an edit takes the place of the
 * sides of a conflict it saw; an older index judged otherwise; 18: the
 * kinds' indexes of names on zdh_name_key(), a function an older zdh does
 * not have, so could not write records beside; 19: records_key on
 * (kind, prefix, n, id), records_order gone, so that an import's records
 * go to the key's end; 20: facts keyed by the record's prefix and n too;
 * 21: records_key's statistics say a kind is a twentieth of the records,
 * and each kind's own index holds as many, core/index.c ix_stats_sql;
 * 22: a roles refusal's note is data, words.h zdh_word_roles_note)
 */
#define ZDH_INDEX_SCHEMA_VERSION 22

int zdh_index_open(struct zdh_index **out, struct zdh_repo *repo);
/*
 * The same, to read only: a repository this process cannot write is read
 * all the same (index.db read-only; what a read would write goes to a
 * private copy, core/index.c "Read-only repositories").
 */
int zdh_index_open_read(struct zdh_index **out, struct zdh_repo *repo);
/* The same, to call zdh_index_rebuild() only: the index's kinds are not met (refolded). */
int zdh_index_open_to_rebuild(struct zdh_index **out, struct zdh_repo *repo);
void zdh_index_close(struct zdh_index *idx);
/*
 * Say, before the first zdh_index_open(), that this process is a short
 * command (one write): SQLite's memory then comes from one 2 MiB block
 * the kernel can give as one huge page, not from malloc's heap a page
 * fault at a time (core/index-mem.c).
 */
void zdh_index_short_command(void);
/*
 * The same for an import (a bulk transaction): more blocks, taken as
 * they fill, for the page cache its rows dirty.
 */
void zdh_index_bulk_command(void);
/*
 * The same for a command that runs a query people (or a peer's saved
 * report) wrote, zdh_report_sql(): SQLite counts its memory, so that the
 * query is held to ZDH_REPORT_HEAP (core/reportsql.c).
 */
void zdh_index_query_command(void);
struct zdh_repo *zdh_index_repo(struct zdh_index *idx);

/*
 * Apply every log tip not applied yet; *applied (may be NULL) counts the
 * new events.  Then, as after every catch-up and rebuild, the settings
 * records hold for every office are laid over the repository's
 * configuration (zdh_index_overlay).
 */
int zdh_index_catch_up(struct zdh_index *idx, long long *applied);
/*
 * Lay the settings the kinds' records hold for every office (kind.h,
 * overlay: the sub-district's calendar) over the repository's
 * configuration in memory; again after the configuration is read anew.
 */
int zdh_index_overlay(struct zdh_index *idx);
/*
 * The next zdh_index_catch_up() brings about `objects` new objects (a
 * pull's fetch counts them).  From 4,096 on (EXPECT_DIRECT,
 * index-catchup.c), it writes straight into index.db under a rollback
 * journal when no other process has the index open, as an import does
 * (index-write.c, "Direct writes"): each page once, where the WAL and its
 * checkpoint write it twice.
 */
void zdh_index_expect(struct zdh_index *idx, size_t objects);
/* The same, inside a transaction the caller began (the write path). */
int zdh_index_catch_up_locked(struct zdh_index *idx);
/* Empty the index and catch up from nothing. */
int zdh_index_rebuild(struct zdh_index *idx, long long *events, long long *logs);
/*
 * How many times idx was rebuilt from nothing since it was opened (by a
 * catch-up that met a rewritten log, or zdh_index_rebuild): the events'
 * seq numbers, marks such as zdh_conflicts_mark()'s, are renumbered then.
 */
unsigned zdh_index_rebuilds(const struct zdh_index *idx);
/*
 * The events the trust gives no effect (ZDH_EFFECT_REFUSED: a role, a
 * signature), but person events, as every log folded from nothing finds
 * them: in a scratch database, not index.db (zdh verify).  fn gets each,
 * in fold order, with that database (to read names from); a non-zero
 * return stops and is returned.
 */
int zdh_index_refused(struct zdh_repo *repo,
		      int (*fn)(struct zdh_index *scratch, const char *replica, const char *id,
				const char *note, void *payload),
		      void *payload);

/* Write transactions (BEGIN IMMEDIATE ... COMMIT). */
int zdh_index_begin(struct zdh_index *idx);
/* The same for a bulk transaction (zdh_index_bulk; index.c, "Direct writes"). */
int zdh_index_begin_bulk(struct zdh_index *idx);
int zdh_index_commit(struct zdh_index *idx);
/*
 * What zdh_index_commit() does before its COMMIT: the rows written, the
 * index a bulk transaction makes at its end, the summaries.  A write
 * calls it before its log moves, so that a failure there fails the write
 * before anything is written; the commit then does not do it again.
 */
int zdh_index_finish(struct zdh_index *idx);
void zdh_index_rollback(struct zdh_index *idx);
/*
 * Make the open transaction a bulk one: its events and records rows are
 * written by a second thread until commit or rollback (index.c, "Bulk
 * writes").  zdh_index_settle() waits for them and returns the first
 * failure.
 */
int zdh_index_bulk(struct zdh_index *idx);
/* Whether the open transaction is a bulk one (an import). */
int zdh_index_in_bulk(const struct zdh_index *idx);
int zdh_index_settle(struct zdh_index *idx);
/*
 * Make the summaries a write left for later (index-write.c, "Summaries"):
 * what reads them (a report) calls it first.  Its own write transaction;
 * nothing to do, no transaction.
 */
int zdh_index_summaries_settle(struct zdh_index *idx);

/* Add an event (id set) and fold it into its record.  Inside a transaction. */
int zdh_index_apply(struct zdh_index *idx, const struct zdh_event *ev);
/*
 * The same for the write path: canonical is the event's JSON when the
 * caller has it (NULL: encode it here), and checked says the kind's check
 * already passed against the current state in this transaction, so the
 * fold does not run it again when the event sorts last.
 */
/*
 * Signatures and roles (include/trust.h): may the event about to be
 * written (signed with pub, NULL when unsigned) be, by the trust the
 * index holds?  0, or ZDH_EINVALID with the refusal.
 */
struct zdh_op;
int zdh_index_trust_write(struct zdh_index *idx, const json_t *state, const struct zdh_event *ev,
			  const struct zdh_op *op, const unsigned char *pub);
/* The write path signed event id with pub (its commit is not readable before the commit). */
void zdh_index_signed(struct zdh_index *idx, const char *id, const unsigned char *pub);
/* Are signatures required, roles granted, by the trust the index holds? */
int zdh_index_trust_state(struct zdh_index *idx, int *requires, int *roles);
/* {"replica": its highest clock} of the events the index holds. */
int zdh_index_log_clocks(struct zdh_index *idx, json_t **out);
/* The effect (ZDH_EFFECT_*, -1 when not folded or unknown) and note (malloc'd) of event id at clock. */
int zdh_index_event_effect(struct zdh_index *idx, const char *id, long long clock, int *effect,
			   char **note);
/* After a person event was applied: judge again what its change judges. */
int zdh_index_trust_changed(struct zdh_index *idx);
/*
 * Pin the founder (person.founder in the replica's config, zdh-repository(5)
 * TRUST) when none is: the one person add claiming it whose record's prefix
 * the config pins to its log's replica, else the only claim; then fold
 * again.  When several claim it and none is so told apart, *claims is
 * their number and nothing is pinned.  pinned (NULL: not asked) gets the
 * founder's record id ("YA-U1") and replica when this call pinned one,
 * else empty strings.
 */
struct zdh_founder_pinned {
	char record[48], replica[64];
};
int zdh_index_pin_founder(struct zdh_index *idx, int *claims, struct zdh_founder_pinned *pinned);
/* Fold the trust again (the founder pinned anew) and every record when it changed. */
int zdh_index_trust_recheck(struct zdh_index *idx);
/* The person adds signed by the key they give (zdh_trust_founder_claim), in fold order. */
int zdh_index_founder_claims(struct zdh_index *idx,
			     int (*fn)(const char *id, const char *record, const char *replica,
				       void *payload),
			     void *payload);

int zdh_index_apply_checked(struct zdh_index *idx, const struct zdh_event *ev,
			    const char *canonical, int checked);
/* Record that the log of replica has been applied up to tip (inside a transaction). */
int zdh_index_set_tip(struct zdh_index *idx, const char *replica, const char *tip,
		      long long clock);
/* The applied tip of replica's log ("" if none). */
int zdh_index_tip(struct zdh_index *idx, const char *replica, char tip[41]);

/* *used = 1 when some record has an id with prefix ("XQ"). */
int zdh_index_prefix_used(struct zdh_index *idx, const char *prefix, int *used);
/*
 * Each prefix and the replicas that created its records (the first event
 * with an effect of each record), ordered by prefix then replica:
 * fn(prefix, replica, payload) once for each pair; a non-zero return stops.
 */
int zdh_index_prefix_creators(struct zdh_index *idx,
			      int (*fn)(const char *prefix, const char *replica, void *payload),
			      void *payload);
/*
 * The events folded since mark (events.seq above it: zdh_conflicts_mark()
 * before a catch-up) whose effect is effect (ZDH_EFFECT_*), in seq order:
 * fn(replica, id, record, note, payload) for each (note may be NULL); a
 * non-zero return stops and is returned.
 */
int zdh_index_new_events(struct zdh_index *idx, long long mark, int effect,
			 int (*fn)(const char *replica, const char *id, const char *record,
				   const char *note, void *payload),
			 void *payload);
/*
 * The events folded since mark (as zdh_index_new_events) of a kind, or an
 * operation of a kind, this zdh does not know (DESIGN §8: kept, relayed,
 * not folded here), grouped: fn(kind, op, n, payload) once for each kind
 * unknown (op NULL) and each unknown op of a known kind, in the order of
 * their first event's clock; a non-zero return stops and is returned.
 */
int zdh_index_new_unknown(struct zdh_index *idx, long long mark,
			  int (*fn)(const char *kind, const char *op, long long n, void *payload),
			  void *payload);
/*
 * The events the fold gave no effect (effect other than ZDH_EFFECT_APPLIED,
 * and not invalid or of an unknown kind, which are never folded):
 * fn(record, replica, payload) for each; a non-zero return stops.
 */
int zdh_index_unapplied(struct zdh_index *idx,
			int (*fn)(const char *record, const char *replica, void *payload),
			void *payload);
/*
 * The clock the next event of replica counts on from: the highest held
 * (0 when empty), but not one of ZDH_CLOCK_HONEST or more unless
 * replica's own log holds it (include/rules.h).
 */
long long zdh_index_max_clock(struct zdh_index *idx, const char *replica);
/*
 * *clock: the clock of tip, when it is the tip of replica's log the index
 * holds and that log's highest clock (a valid tip): 1; 0 when the index
 * cannot tell.
 */
int zdh_index_tip_clock(struct zdh_index *idx, const char *replica, const char *tip,
			long long *clock);
/* The next free id of kind for prefix: "XQ-O4". */
char *zdh_index_next_id(struct zdh_index *idx, const struct zdh_kind *kind, const char *prefix);
/*
 * Current state of a record (a new reference; caller decrefs) and its head
 * event; ZDH_ENOTFOUND when there is no such record.
 */
int zdh_index_state(struct zdh_index *idx, const char *kind, const char *id,
		    json_t **state, char head[41]);

/*
 * Is there a record kind/id?  The row is found by the statement that
 * reads states (prepared once a process, shared), its state not parsed.
 */
int zdh_index_exists(struct zdh_index *idx, const char *kind, const char *id, int *exists);

/* What a write needs to know of a record, read at once. */
struct zdh_record {
	json_t *state;		/* NULL when the record does not exist */
	json_t *conflicts;	/* its open conflicts, or NULL */
	char head[41];		/* its latest event in fold order, "" if none */
	long long created;	/* when its first event happened */
};
/* 0 (state NULL when there is no such record) or ZDH_ERROR. */
int zdh_index_record(struct zdh_index *idx, const char *kind, const char *id,
		     struct zdh_record *out);
void zdh_record_clear(struct zdh_record *r);

/* The record's open conflicts (a JSON array, new reference) or NULL. */
int zdh_index_conflicts(struct zdh_index *idx, const char *kind, const char *id, json_t **out);
/*
 * 1 when record id of kind has an open conflict on a field that set (an
 * object: an event's data.set) names, 0 when not, or a negative ZDH_E*:
 * the edit of a retired record that would settle it is written (kind.h,
 * zdh_kind_settles).
 */
int zdh_index_conflict_on(struct zdh_index *idx, const char *kind, const char *id,
			  const json_t *set);

/* One row of the events table, as `zdh log` and `show` print it. */
struct zdh_event_row {
	const char *id, *replica, *kind, *record, *op, *summary;
	const char *data;	/* the event's data, canonical JSON */
	const char *actor_name, *actor_email, *actor_dept, *note;
	long long clock, happened, recorded;
	int happened_off, recorded_off, effect;	/* ZDH_EFFECT_* (rules.h) */
};

struct zdh_log_filter {
	const char *record;
	const char *kind;
	const char *author;	/* part of "name <email>", as git log --author */
	/* kind: one known, or kept (of a newer binary); else ZDH_EINVALID */
	long long since, until;	/* epoch bounds on when it happened; 0 = none */
	long long limit;	/* 0 = all */
	int oldest_first;
	long long recorded_since, recorded_until;	/* on when it was written (commit time) */
};
#define ZDH_LOG_FILTER_INIT { NULL, NULL, NULL, 0, 0, 0, 0, 0, 0 }

/* The row's event as log --json and show print it: {"actor", "date", "data"} (a new reference). */
json_t *zdh_event_row_object(const struct zdh_event_row *r);

int zdh_index_events(struct zdh_index *idx, const struct zdh_log_filter *f,
		     int (*fn)(const struct zdh_event_row *row, void *payload), void *payload);

/* Records of kind in id order: fn gets id, state, conflicts (JSON array or NULL), event count. */
int zdh_index_records(struct zdh_index *idx, const char *kind,
		      int (*fn)(const char *id, json_t *state, json_t *conflicts,
				long long events, void *payload),
		      void *payload);

#endif

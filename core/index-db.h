/*
 * index-db — the index's SQLite connection, for core only (the kinds'
 * queries: their views records_<kind> and facts_<kind> through
 * zdh_index_prepare, and their own tables, kind.h).
 * Private to core/: include/ never names sqlite3, and cmd/ cannot reach
 * this header.
 */
#ifndef ZDH_INDEX_DB_H
#define ZDH_INDEX_DB_H

#include <sqlite3.h>
#include "index.h"
#include "rowq.h"	/* zdh_db_errmsg() */

/*
 * The connection.  Inside a bulk transaction both this and
 * zdh_index_cached() first wait for the rows still queued
 * (zdh_index_settle), so that what they read is whole.
 */
sqlite3 *zdh_index_db(struct zdh_index *idx);
/*
 * A prepared statement for sql, kept for the life of the index (keyed by
 * the address of sql: pass a static string), reset and unbound; NULL with
 * the error recorded on failure.  For queries a command runs per event.
 */
sqlite3_stmt *zdh_index_cached(struct zdh_index *idx, const char *sql);
/*
 * The same for a query that reads only the records table's rows of kind:
 * it waits for the queued rows only when this transaction wrote a record
 * of that kind.  (An import's first rows look each area and liaison up
 * once: a wait each for all the rows queued, 219 in an import of 6,000
 * visits, the two threads taking turns instead of running side by side.)
 */
sqlite3_stmt *zdh_index_cached_kind(struct zdh_index *idx, const char *sql, const char *kind);
/*
 * sqlite3_prepare_v2 on the connection, for a query that may read the
 * views records_<kind> and facts_<kind>: they are not in the schema
 * (parsing them cost every command), their SELECT is put in their place
 * here (zdh_index_cached does the same).  SQLite's result code.
 */
int zdh_index_prepare(struct zdh_index *idx, const char *sql, sqlite3_stmt **s);
/*
 * sql with each view records_<kind> or facts_<kind> it reads (after FROM
 * or JOIN) replaced by the view's SELECT (of main.records, main.facts),
 * appended to out: 1, or 0 with out as it was when sql names none.
 */
int zdh_index_expand_views(struct zdh_buf *out, const char *sql);
/*
 * The first column of each row of s (prepared by zdh_index_prepare, its
 * parameters bound) as strings, into *out, a new array; s finalized.  0,
 * or ZDH_ERROR with "index: ..." set and *out NULL.
 */
int zdh_index_strings(struct zdh_index *idx, sqlite3_stmt *s, json_t **out);
/*
 * The ids others of the same kind share a name with: the first column of
 * each row of sql (a query kept as zdh_index_cached keeps it) with ?1 the
 * name and ?2 the record to leave out (NULL: none), into *out, a new
 * array.  0, or ZDH_ERROR with "index: ..." set.
 */
int zdh_index_named_ids(struct zdh_index *idx, const char *sql, const char *name,
			const char *except, json_t **out);
/*
 * The ids of others of the same kind whose name looks like name (the
 * same zdh_name_key(): "房管\u200b办" and "ＡＢ办" look like 房管办 and
 * AB办): each row of s (bound, stepped here, neither reset nor
 * finalized) gives an id and its name, into *out, a new array; *unlike
 * (may be NULL), a new array, gets the names among them that are not
 * name itself, as zdh_name_shown() shows them, each once; *same (may be
 * NULL) the id of the first named name itself, a new string, or NULL:
 * the names that look like name hold name, so one query tells a name
 * taken from one that only looks taken (zdh_kind_name_free).  0, or
 * ZDH_ERROR with "index: ..." set, and all three NULL, nothing to free.
 */
int zdh_index_like_rows(struct zdh_index *idx, sqlite3_stmt *s, const char *name, json_t **out,
			json_t **unlike, char **same);
/* The same from sql, kept as zdh_index_cached keeps it, ?1 name and ?2 except as above. */
int zdh_index_like_ids(struct zdh_index *idx, const char *sql, const char *name,
		       const char *except, json_t **out, json_t **unlike, char **same);
/*
 * A pull's news of records that share what should be theirs alone (a
 * name; a project's title in its area and year), two offices having
 * written one each before they heard of each other (kind.h, news), or
 * one that only looks like it (a peer's replayed name is not checked as
 * a local write is, zdh_name_visible()).  sql, with ?1 the mark, gives
 * the records its events after the mark named, id first and the name
 * second, in id order; others() gives the other live records whose name
 * looks like the row's (*out a new array; NULL when the row's record is
 * no longer live; *unlike, zdh_index_like_rows()); line() says the group
 * (malloc'd), others their ids joined by ", ", and names NULL when every
 * name is the same, else the names, "'房管<U+200B>办', '房管办'".  Each
 * group is told once.
 */
struct zdh_same_news {
	const char *sql;
	int (*others)(json_t **out, json_t **unlike, struct zdh_index *idx, sqlite3_stmt *row,
		      const char *id);
	char *(*line)(struct zdh_index *idx, sqlite3_stmt *row, const char *id, const char *others,
		      const char *names);
};
int zdh_index_same_news(struct zdh_index *idx, long long mark, const struct zdh_same_news *n,
			void (*fn)(const char *line, void *payload), void *payload);
/*
 * A pull's news of rows: each row of sql, with ?1 the mark, said by
 * line() (malloc'd) and handed to fn.  0, or ZDH_ERROR with "index: ..."
 * set.
 */
int zdh_index_row_news(struct zdh_index *idx, long long mark, const char *sql,
		       char *(*line)(sqlite3_stmt *row),
		       void (*fn)(const char *line, void *payload), void *payload);
/*
 * SQL: the record of kind k (an expression: 'org', ?1, d.kind) whose id is
 * x (an expression), as a row of t ("" or an alias and its dot, of records
 * or a view records_<kind>), found in records_key (kind, prefix, n, id):
 * "id = x" alone reads every record of the kind.  ZDH_SQL_RECORD_IS: its
 * rows of facts (a view facts_<kind>), by their key (kind, prefix, n,
 * record, ...).  ZDH_SQL_ID_IN: one of the ids column c of the rows of the
 * rest of a SELECT gives ("FROM new"); prefix and n CAST to the columns'
 * types, without which SQLite's planner reads every row of the prefix.
 */
#define ZDH_SQL_PLACE_IS(t, k, x) \
	t "prefix = zdh_id_prefix(" k ", " x ") AND " t "n = zdh_id_n(" k ", " x ")"
#define ZDH_SQL_ID_IS(t, k, x) ZDH_SQL_PLACE_IS(t, k, x) " AND " t "id = " x
#define ZDH_SQL_RECORD_IS(t, k, x) ZDH_SQL_PLACE_IS(t, k, x) " AND " t "record = " x
#define ZDH_SQL_ID_IN(t, k, c, from) \
	"(" t "prefix, " t "n, " t "id) IN (SELECT CAST(zdh_id_prefix(" k ", " c ") AS TEXT)," \
	" CAST(zdh_id_n(" k ", " c ") AS INTEGER), " c " " from ")"
/* The same with the kind too: column k of those rows names each id's kind. */
#define ZDH_SQL_KIND_ID_IN(t, k, c, from) \
	"(" t "kind, " t "prefix, " t "n, " t "id) IN (SELECT " k ", CAST(zdh_id_prefix(" k ", " c ") AS TEXT)," \
	" CAST(zdh_id_n(" k ", " c ") AS INTEGER), " c " " from ")"
/*
 * Has the index no record of kind?  (A seek in records_key; 0 when that
 * cannot be told.)  Such a kind has no indexes yet (core/index.c, "Kinds
 * without records"), and a query of it by one of its fields reads every
 * record of every kind: ask this first, where the query is per record.
 */
int zdh_index_kind_empty(struct zdh_index *idx, const char *kind);
/* zdh_index_prepare on a connection zdh_index_db() gave (no settling). */
int zdh_index_prepare_db(sqlite3 *db, const char *sql, sqlite3_stmt **s);
/*
 * The next query reads much of an index in order (a full listing): read
 * its pages into a small cache rather than map them (a hint; see
 * core/index.c).
 */
void zdh_index_read_in_order(struct zdh_index *idx);
/*
 * What a pull's news (core/conflict.c) look for, as the fold met it:
 * zdh_index_news_mark() remembers how many records the fold has stored
 * with conflicts and how many events it has folded without effect;
 * zdh_index_news_moved() says whether each count moved since.  A record
 * an event after the mark touched is folded and stored again, with its
 * conflicts, and so is every event after that event in fold order, with
 * its effect (a refold, a rebuild too): when a count did not move, its
 * query has nothing to find.
 */
void zdh_index_news_mark(struct zdh_index *idx);
void zdh_index_news_moved(const struct zdh_index *idx, int *conflicted, int *voided);
/*
 * The events the index held before a catch-up whose new people, keys or
 * roles gave them no effect (a role revoked before an officer's offline
 * write arrived, a key revoked as of a date gone by), since
 * zdh_index_news_mark(): how many; when any, their seqs are the rows of
 * the connection's temporary table refused_again (seq INTEGER PRIMARY KEY).
 */
size_t zdh_index_news_refused(const struct zdh_index *idx);
/*
 * The other side of the same comparison: how many events held before new
 * people, keys or roles let take effect now (refused before, applied now:
 * a grant dated back with --from); when any, their seqs are the rows of
 * the connection's temporary table lifted (seq INTEGER PRIMARY KEY).
 */
size_t zdh_index_news_lifted(const struct zdh_index *idx);
/*
 * Whether this process folded the event id (hex) and its kind's check
 * refused it for its form (ZDH_EINVALID: data no zdh writes, which only a
 * hand-made or tampered event holds), whatever its effect is now.
 */
int zdh_index_malformed(struct zdh_index *idx, const char *id);
/*
 * Whether this process folded the event id and it would have created a
 * record an event before it in fold order created (its id added twice,
 * which no zdh writes), whatever its effect is now.
 */
int zdh_index_readded(struct zdh_index *idx, const char *id);
/* How many events this process folded were so refused, either way (none: a caller may skip its walk). */
size_t zdh_index_named_count(const struct zdh_index *idx);

/*
 * The fold order of two events (zdh-repository(5)): by Lamport clock,
 * then replica, then commit id (hex); <0, 0 or >0 as strcmp.  One
 * definition for the fold, the catch-up's merge of logs and what reads
 * conflicts in fold order (core/conflict.c).
 */
int zdh_fold_cmp(long long clock_a, const char *replica_a, const char *id_a,
		 long long clock_b, const char *replica_b, const char *id_b);

#endif

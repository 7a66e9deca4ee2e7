/*
 * kind — a record kind is a table over the shared engine (DESIGN §6).
 * Adding a kind is one core file holding its struct zdh_kind, one line in
 * core/kinds.c's table, one cmd file, one man page and its tests: the
 * engine (index, fold, reindex, config, export) learns everything it needs
 * from the table below, and no engine file names a kind.
 *
 * What the engine does for every kind:
 *  - an operation's data is a JSON object; the fields it changes are under
 *    "set" ({"name": "新桥"}).  The engine applies data.set to the state
 *    itself (an empty string removes the field) and tracks conflicts on
 *    those fields (two writers who had not seen each other's edits), so
 *    a kind never repeats that;
 *  - the fields an operation clears (zdh_op.clears) are removed after
 *    data.set and tracked as writes of no value; a write the kind's
 *    apply() undoes (it sets a field the state then lacks) does not
 *    stand: the value it met stays the provisional one of its conflict;
 *  - with attachments_in_state, data.attachments is appended to the
 *    state's "attachments" array (after data.set, before apply());
 *  - the fields a kind declares are projected into the index, and its
 *    queries read them from the view "records_<kind>" (see zdh_field);
 *  - its own tables (tables_sql) are created with the index, emptied by
 *    a rebuild, and kept in step by its derive() hook;
 *  - the facts it declares of each event (zdh_fact) are kept by the fold,
 *    one row an event in fold order with the event's effect, in the view
 *    "facts_<kind>" (reports read them instead of the events' JSON);
 *  - its config keys are checked by `zdh config` when set;
 *  - an index built with another table of kinds (a name, an operation, a
 *    field, a table or a version differs: zdh_kinds_fingerprint) refolds
 *    what changed by itself on its first command.
 *
 * Write time and replay.  validate() runs once, when this replica writes
 * the event (inside the write lock, after check() said yes), and may read
 * the registry and other records through idx.  check() and apply() run
 * at every fold, on every replica, whatever order events arrived in: they
 * see the record's own state and the event alone — there is no index to
 * read — so every replica holding the same events computes the same state
 * by construction.
 *
 * Queries of a kind (core/ only) read its view and tables through the
 * index's SQLite connection: include "index-db.h" (a private core header)
 * for zdh_index_db(), zdh_index_cached() and zdh_index_prepare().  The
 * views records_<kind> and facts_<kind> are not in the schema: those two
 * put a view's SELECT where a query names it.
 */
#ifndef ZDH_KIND_H
#define ZDH_KIND_H

#include <jansson.h>
#include "event.h"

struct zdh_index;
struct zdh_config;

struct zdh_op {
	const char *name;
	/*
	 * Write time only (once, after check() said yes): may read the
	 * registry and other records through idx.  0, or ZDH_E* with the
	 * message set.  NULL: nothing beyond check().
	 */
	int (*validate)(struct zdh_index *idx, const json_t *state, const struct zdh_event *ev);
	/*
	 * Replay, on every replica: decides from the record's own state (NULL
	 * when the record does not exist yet) and the event alone.  0, or
	 * ZDH_E* with the message (it becomes the event's no-effect note).
	 * Never NULL.
	 */
	int (*check)(const json_t *state, const struct zdh_event *ev);
	/*
	 * Change state (an empty object for a new record) after check() said
	 * yes; must not fail.  The engine has already applied data.set (and
	 * the attachments, see attachments_in_state).  NULL: data.set only.
	 */
	void (*apply)(json_t *state, const struct zdh_event *ev);
	/*
	 * Who may write it once roles are granted (include/trust.h): roles
	 * separated by spaces, each maybe scoped to the area or department
	 * the event is about, "liaison@dept area-staff@area subdistrict-admin"
	 * (the value of area or dept is the event's data.set, its data, else
	 * the record's state).  NULL: any role but auditor.  Checked on write
	 * and on replay alike; a repository without grants checks nothing.
	 */
	const char *roles;
	/*
	 * Replay, after check() said yes, when what decides is not in the
	 * record: may read through idx the events of the event's own log
	 * before it, and nothing else (a log arrives whole up to its tip, so
	 * they are in the index whenever the event is, whatever the order of
	 * the syncs; their effects are not read: they change with later
	 * arrivals).  0, or ZDH_E* with the message, as check().  NULL: none.
	 */
	int (*log_check)(struct zdh_index *idx, const json_t *state, const struct zdh_event *ev);
	/*
	 * The fields it clears, NULL-terminated (an issue's return: its dept,
	 * assignee and due): the engine removes them from the state after
	 * data.set, before apply(), and takes each as a write of no value, so
	 * an edit of one the writer had not seen is a conflict as two edits
	 * are (index-fold.c, track_fields).  NULL: none.
	 */
	const char *const *clears;
};

/*
 * A field of the state projected into the index, for queries: a column of
 * the view "records_<kind>", whose columns are
 *   id, prefix, n, <the fields, in order>, state, conflicts, events, created, updated
 * (prefix and n: "XQ-M12" is prefix XQ, n 12; ORDER BY prefix, n is id
 * order; created and updated are epoch seconds of its first and latest
 * events).  A value that is not of the field's type (or missing) is NULL.
 * At most ZDH_KIND_FIELDS_MAX fields.
 */
struct zdh_field {
	const char *name;	/* the view's column: "status" */
	const char *type;	/* "TEXT", "INTEGER" (an array: its length) or "REAL" */
	const char *path;	/* where in the state: "status", "charter.quorum" */
	int free_text;		/* what people wrote (a title): left out of report sql's views */
};
#define ZDH_KIND_FIELDS_MAX 8

/*
 * A fact of an event, kept by the fold for reports: a column of the view
 * "facts_<kind>", whose columns are
 *   record, clock, replica, id, op, happened, recorded, effect, <the facts, in order>
 * one row for each event of the kind the fold has seen (not those refused
 * as invalid), in fold order (ORDER BY record, clock, replica, id reads the
 * table in its own order), effect 1 when it took effect, 0 when not;
 * happened and recorded are epoch seconds (author and committer dates).
 * The kind's fact() hook gives the values from the event alone, so a fact
 * is the same on every replica and after any refold.  At most
 * ZDH_KIND_FACTS_MAX facts.
 */
struct zdh_fact {
	const char *name;	/* the view's column: "area" */
	const char *type;	/* "TEXT" or "INTEGER" */
};
#define ZDH_KIND_FACTS_MAX 8

/* The values fact() gives, in the order the facts are declared. */
struct zdh_fact_values {
	int null[ZDH_KIND_FACTS_MAX];		/* 1: SQL NULL */
	long long num[ZDH_KIND_FACTS_MAX];	/* an INTEGER fact */
	const char *text[ZDH_KIND_FACTS_MAX];	/* a TEXT fact: lives as long as the event */
};

/*
 * A configuration key a kind reads ("zdh.overdue-days"): `zdh config`
 * refuses a value valid() refuses (0, or ZDH_EINVALID with the message).
 * def is the value when unset, as documented (NULL: none).  A "*" in
 * name stands for a subsection ("category.*.response-days" is the key of
 * every category): see zdh_config_key_match.  number: its value is a
 * number (a size such as 10m too), which `zdh config` takes typed with
 * full-width digits (１０, as a Chinese input method gives them) and
 * keeps in ASCII, as an option's number is (cmd/lib/options.c).
 */
struct zdh_config_key {
	const char *name;
	const char *def;
	int (*valid)(const char *key, const char *value);
	int number;
};

struct zdh_kind {
	const char *name;		/* "meeting": lower case letters, digits and _ (it names its view) */
	char letter;			/* id letter after the prefix: 'M' gives XQ-M3; 0 gives XQ-42 */
	const struct zdh_op *ops;	/* ends with { NULL } */
	const struct zdh_field *fields;	/* projected fields, ends with { NULL }; NULL: none */
	/*
	 * CREATE INDEX statements over its projected fields (on the table
	 * records, where {field} stands for the field's column: "CREATE INDEX
	 * records_issue_status ON records({status}, prefix, n) WHERE kind =
	 * 'issue'") and over its own tables.  NULL: none.  Created after a
	 * rebuild's fold, not during it.
	 */
	const char *index_sql;
	/* CREATE TABLE statements of its own derived tables (emptied by a rebuild); NULL: none */
	const char *tables_sql;
	/*
	 * Keep its own tables in step when one of its records was stored:
	 * old is the state its tables last saw (NULL: a new record), state
	 * the new one.  Runs inside the index's transaction; 0 or ZDH_ERROR.
	 * NULL: none.
	 */
	int (*derive)(struct zdh_index *idx, const char *id, const json_t *old, const json_t *state);
	const struct zdh_config_key *config;	/* ends with { NULL }; NULL: none */
	int attachments_in_state;	/* its events' attachments are listed in its state */
	/* bump when check() or apply() change meaning: indexes built before refold its records */
	unsigned version;
	/*
	 * The operation that says a record was entered by mistake (作废,
	 * "void"): a record with such an event in effect leaves every figure
	 * of the reports (report.c, as a void issue does).  NULL: none.
	 */
	const char *mistake_op;
	/* facts kept of each event (see zdh_fact), ends with { NULL }; NULL: none */
	const struct zdh_fact *facts;
	/*
	 * The facts of ev, from the event alone (its data, op and dates):
	 * every value of out starts NULL.  Never NULL when facts is not.
	 */
	void (*fact)(const struct zdh_event *ev, struct zdh_fact_values *out);
	/*
	 * Keep its summaries of records (its own tables, made from its facts)
	 * in step: called inside an index transaction, when every fact is
	 * written, with the ids of the records whose events were folded
	 * (n of them), or with ids NULL for all of its records: before a
	 * write of a few records commits, and for the rest (an import, a
	 * pull, a rebuild, a refold of the kind) by the first report after
	 * it (zdh_index_summaries_settle).  0 or ZDH_ERROR.  NULL: none.
	 */
	int (*summarize)(struct zdh_index *idx, const char *const *ids, size_t n);
	/*
	 * The command whose options' words its fields take (a decision's
	 * type=general shown as 一般事项: "council"); NULL: the words every
	 * command shares (status, category, ...: words.c).
	 */
	const char *noun;
	/*
	 * A pull's news of its records beyond conflicts and events without
	 * effect (zdh_conflicts_news): what the events after mark (events.seq)
	 * did that its rules, checked when written, would have refused and
	 * two offices did at once (a second project of one title), one line
	 * each to fn, in the user's language.  Reads only.  NULL: none.
	 */
	int (*news)(struct zdh_index *idx, long long mark,
		    void (*fn)(const char *line, void *payload), void *payload);
	/*
	 * Its records belong to no office: the prefix of their ids is no
	 * replica's, so any replica the trust lets write one may create it
	 * (zdh-repository(5) PREFIXES do not apply) and no pull pins it.
	 */
	int unowned;
	/*
	 * Lay what its records hold for the whole repository over the
	 * configuration read from the files (zdh_config_overlay), once the
	 * index caught up, so that every reader of cfg sees it: the
	 * sub-district's calendar, which every office must read alike.
	 * Reads only the index; 0 or ZDH_ERROR.  NULL: none.
	 */
	int (*overlay)(struct zdh_index *idx, struct zdh_config *cfg);
};

/* Every kind zdh knows, NULL-terminated (core/kinds.c). */
extern const struct zdh_kind *const zdh_kinds[];
const struct zdh_kind *zdh_kind_find(const char *name);
/* ZDH_EINVALID "unknown kind 'x' (org, issue, ...)", with a near one suggested (zdh_word_check). */
int zdh_kind_unknown(const char *name);
/*
 * ZDH_ENOTFOUND for id, of no record of kind: "XQ-O3 is an org, not an
 * issue" when id is a record of another kind, else "no issue XQ-O3".
 */
struct zdh_index;
int zdh_kind_not_found(struct zdh_index *idx, const char *kind, const char *id);
/* The same when id is a record of another kind; else 0, nothing set. */
int zdh_kind_of_other(struct zdh_index *idx, const char *kind, const char *id);
/*
 * ZDH_EINVALID for a name more than one live record shares, two offices
 * having each added one before they heard of each other: "'王强' names
 * more than one liaison: XQ-L1, YA-L1; give the id", what the records
 * are called (translated), ids their ids.
 */
int zdh_kind_name_shared(const char *name, const char *what, const json_t *ids);
/*
 * A name written, checked against the other live records' in one query:
 * like_sql, the kind's lookup of the names that look like it (the same
 * zdh_name_key(), output.h; zdh_index_like_ids(), ?1 the name, ?2 except,
 * the record written), which finds the same name too.  *same: the id of
 * the first named name itself (a new string; the caller says "exists
 * already"), else NULL.  Then ZDH_EEXISTS for one that looks like the
 * name of another but is not it: "'ＡＢ办' looks like the name of XQ-O3,
 * 'AB办'; give another".  Two records people cannot tell apart in a list
 * are refused at one office, as two of one name are.  0 when there is
 * neither.
 */
int zdh_kind_name_free(char **same, struct zdh_index *idx, const char *like_sql,
		       const char *name, const char *except);
/* The lookalike's refusal from what a lookup gave: ids and unlike (zdh_index_like_rows()). */
int zdh_kind_like_refused(const char *name, const json_t *ids, const json_t *unlike);
/*
 * 0 when id has the shape of an id of kind (zdh_record_id_valid), else an
 * error saying what it is: "XQ-O1 is an org, not an issue" (ZDH_ENOTFOUND,
 * as zdh_kind_of_other says it) for the shape of another kind's id,
 * "'xq-1' is not the id of an issue" (ZDH_EINVALID) for anything else.
 * For what a peer's event names: no index is asked.
 */
int zdh_kind_id_check(const char *kind, const char *id);
const struct zdh_op *zdh_kind_op(const struct zdh_kind *kind, const char *op);
/* The field of kind named name; NULL when none. */
const struct zdh_field *zdh_kind_field(const struct zdh_kind *kind, const char *name);

/*
 * The state after ev, as every replica folds it: data.set, the
 * attachments, then the operation's apply().  state is an object.
 */
void zdh_kind_apply(const struct zdh_kind *kind, const struct zdh_op *op, json_t *state,
		    const struct zdh_event *ev);

/*
 * Shared pieces of kinds' operations.  zdh_kind_check_no_set: 0, or
 * ZDH_EINVALID "'OP' cannot set fields" when ev's data.set has any (an
 * operation such as retire that takes a reason only).
 * zdh_kind_apply_retired: the apply() of a plain retire, "retired": true.
 */
int zdh_kind_check_no_set(const struct zdh_event *ev);
void zdh_kind_apply_retired(json_t *state, const struct zdh_event *ev);
/*
 * Does ev settle a conflict: an edit naming the conflicting events its
 * writer saw (data.resolves, put there by the write: store.c)?  Such an
 * edit is taken on a retired record too (an org, a liaison, an offer, a
 * need), whose conflict nothing else could settle, as an issue's is
 * when closed or void.
 */
int zdh_kind_settles(const struct zdh_event *ev);

/* The config key name as some kind declares it; NULL when none does. */
const struct zdh_config_key *zdh_kind_config_key(const char *name);
/*
 * Does key ("category.医疗.response-days") name pattern's key
 * ("category.*.response-days")?  Section and name without regard to
 * case, as git's; "*" is a subsection, one or more bytes.
 */
int zdh_config_key_match(const char *pattern, const char *key);

#endif

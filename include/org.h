/*
 * org — the registry of organisations (居民区, 片区, 条线部门, 社区单位,
 * 楼宇, 两新组织), the first record kind.  Later kinds refer to orgs by id
 * (events before format 2 by name: both are found by what follows).
 */
#ifndef ZDH_ORG_H
#define ZDH_ORG_H

#include <stdio.h>

#include <jansson.h>

#include "buf.h"
#include "date.h"
#include "index.h"
#include "output.h"
#include "store.h"

#define ZDH_NAME_MAX 100	/* characters */
#define ZDH_CODE_MAX 32

extern const struct zdh_kind zdh_kind_org;
/* "area", "district", "dept", "unit", "building", "group", NULL */
extern const char *const zdh_org_kinds[];

struct zdh_org {
	const char *id, *kind, *name, *district, *code;
	int retired;
	long long events;
};

/* Checks of user input, with the message set: 0 or ZDH_EINVALID. */
int zdh_org_check_kind(const char *kind);
int zdh_name_check(const char *what, const char *name);
/* (a new name's invisible characters: zdh_name_visible(), output.h) */

/*
 * The id of the org called name (or with that id).  want_kind NULL for any
 * kind.  Retired orgs match only with retired_ok.  ZDH_ENOTFOUND with a
 * "did you mean" hint when there is none; ZDH_EINVALID naming them when
 * two live orgs (of want_kind) have that name (zdh_org_same_name).
 */
int zdh_org_resolve(char **id, struct zdh_index *idx, const char *name,
		    const char *want_kind, int retired_ok);
/*
 * The org an edit names (zdh_org_edit's fields, NULL when not given): as
 * zdh_org_resolve() a live one, or a retired one with a conflict on a
 * field the edit sets, which the edit settles (kind.h, zdh_kind_settles);
 * else the refusal of a retired one.
 */
int zdh_org_to_edit(char **id, struct zdh_index *idx, const char *name, const char *kind,
		    const char *new_name, const char *district, const char *code);
/*
 * The ids of the live orgs (of want_kind; NULL: any) named name but except
 * (may be NULL), in id order, into *out (a new array).  One office refuses
 * a second live org of a name; two offices that each added or renamed one
 * before they heard of each other keep both, and zdh_org_resolve() then
 * refuses the name.
 */
int zdh_org_same_name(json_t **out, struct zdh_index *idx, const char *name,
		      const char *want_kind, const char *except);
/*
 * The same, of any kind, for the orgs whose name looks like name (the
 * same zdh_name_key(), output.h: "房管\u200b办" from a peer looks like
 * 房管办): what a pull and org show tell.  *unlike (may be NULL) gets
 * the names among them that are not name itself (zdh_index_like_rows()).
 */
int zdh_org_like_name(json_t **out, json_t **unlike, struct zdh_index *idx, const char *name,
		      const char *except);
/*
 * What a stored reference (an org id, or the name an older event wrote)
 * is called now: the org's current name, or value itself when no org
 * answers to it.  Valid until the registry next changes.
 */
const char *zdh_org_label(struct zdh_index *idx, const char *value);
/*
 * The id of the org a stored reference (an id, or a name an older event
 * wrote) means, of want_kind (NULL: any); NULL when none.  Two references
 * mean the same org when their ids are equal.  Valid as zdh_org_label's.
 */
const char *zdh_org_ref_id(struct zdh_index *idx, const char *value, const char *want_kind);
/*
 * The id of the one org a stored reference means, as a report counts it
 * (zdh-report(1)): an org's id; else the one org of want_kind (NULL: any;
 * of any kind when none of it has the name) that bears the name now, live
 * or else retired, or else had it before.  NULL when none, or when two do
 * (a name two offices gave, in an older event).  Valid as zdh_org_label's.
 */
const char *zdh_org_ref_id_once(struct zdh_index *idx, const char *value, const char *want_kind);
/*
 * The same for one write: a reference that is an org's id (what events
 * write now) is checked against that org's row, found by its key, while
 * the registry is not in memory (reading it for one reference parses
 * every org: 1.3 million instructions for 118); the result is then value
 * itself, valid as value is.  Once the registry is read (an import) it
 * answers, as zdh_org_ref_id() does.
 */
const char *zdh_org_ref_id_one(struct zdh_index *idx, const char *value, const char *want_kind);
/*
 * Every org that has a district, by its name now: {name: the district's
 * name now}, from the registry read once (a new object).
 */
json_t *zdh_org_districts(struct zdh_index *idx);
/* 1 when a field of that name in a state or an event's data holds references to orgs. */
int zdh_org_ref_field(const char *field);
/*
 * Append to sql, as a comma-separated list of SQL literals, every value
 * a stored reference to the org value names can hold: its id and every
 * name it has had.  1 when an org was found, 0 when value is listed alone.
 */
int zdh_org_keys(struct zdh_index *idx, const char *value, const char *want_kind,
		 struct zdh_buf *sql);
/*
 * The same keys as an array (*keys, to free; the strings valid as
 * zdh_org_label's, or value itself): how many.
 */
size_t zdh_org_key_list(struct zdh_index *idx, const char *value, const char *want_kind,
			const char ***keys);
/* Append n keys (zdh_org_key_list's) to sql as zdh_org_keys() does. */
void zdh_org_keys_sql(struct zdh_buf *sql, const char *const *keys, size_t n);
/*
 * Run sql, a query of one count in which every "{keys}" stands for
 * org_id's keys (as zdh_org_keys() lists them): how many records still
 * name the org, for the warnings of 'org retire'.
 */
int zdh_org_count_naming(struct zdh_index *idx, const char *org_id, const char *sql,
			 long long *count);
/*
 * Append " AND expr IN (keys)" to sql: a condition that expr holds a
 * reference to the org value names.  Nothing when value is NULL.
 */
void zdh_org_in(struct zdh_buf *sql, struct zdh_index *idx, const char *expr, const char *value,
		const char *want_kind);
/* The same for every area of district (NULL alone when it has none). */
int zdh_org_area_keys(struct zdh_index *idx, const char *district, struct zdh_buf *sql);

/*
 * Replace, in a state or an event's data (and its "set"), every reference
 * to an org by its name: the one the event noted when it was written
 * (data.names, see below) or else the current one.  For display.
 */
void zdh_org_name_refs(struct zdh_index *idx, json_t *obj);
/*
 * The same for an event's data, for its history: the names it noted, or
 * a name an older event wrote as it is, or an id's org's name now.
 */
void zdh_org_name_event(struct zdh_index *idx, json_t *data);
/*
 * text (a fold's note, for display) with every org id in it (XQ-O3)
 * but keep (the record the line is of, shown by id; may be NULL) replaced
 * by the org's name now; malloc'd.  idx NULL: text as it is.
 */
char *zdh_org_name_text(struct zdh_index *idx, const char *text, const char *keep);
/*
 * A fold's note as it is shown: translated (it is stored in English:
 * zdh_word_note) and its org ids named (zdh_org_name_text, keep as
 * there); malloc'd.
 */
char *zdh_org_note_shown(struct zdh_index *idx, const char *note, const char *keep);
/* The orgs read from an index closed since (a scratch one): read again when next asked. */
void zdh_org_forget(void);
/* Name every reference of list (an array of strings) as it is now, in the order of the names. */
void zdh_org_name_list(struct zdh_index *idx, json_t *list);
/*
 * Note in data.names the name each org that data refers to bears now, so
 * that its history reads as it was when written.
 */
void zdh_org_note_names(struct zdh_index *idx, json_t *data);

/* Orgs in id order; kind NULL for all; retired ones only with all set. */
int zdh_org_foreach(struct zdh_index *idx, const char *kind, int all,
		    int (*fn)(const struct zdh_org *org, void *payload), void *payload);
int zdh_org_get(struct zdh_index *idx, const char *id,
		int (*fn)(const struct zdh_org *org, void *payload), void *payload);

int zdh_org_add(struct zdh_txn *txn, const char *kind, const char *name, const char *district,
		const char *code, const struct zdh_time *date, char **id);
/* NULL fields are left as they are; "" clears district or code. */
int zdh_org_edit(struct zdh_txn *txn, const char *id, const char *kind, const char *name,
		 const char *district, const char *code, const char *reason,
		 const struct zdh_time *date);
int zdh_org_retire(struct zdh_txn *txn, const char *id, const char *reason,
		   const struct zdh_time *date);

/*
 * Import a CSV registry (kind,name,district,code).  Every bad row is
 * passed to report (line, message); nothing is written when any is bad
 * (ZDH_EINVALID).  *count is the number imported.  The registry has no
 * date column: future is the import's signature only (import_fn).
 */
int zdh_org_import(struct zdh_repo *repo, FILE *in, const struct zdh_time *date, int future,
		   long long *count,
		   void (*report)(long line, const char *msg, void *payload), void *payload);

#endif

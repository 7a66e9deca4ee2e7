/*
 * visit — liaison visits (走访) to the areas, and the liaisons
 * (联络员) who make them: two record kinds, liaison (L) and visit (V).
 * A visit can raise a new issue in the same transaction or follow up an
 * existing one.  zdh-visit(1) documents them.
 */
#ifndef ZDH_VISIT_H
#define ZDH_VISIT_H

#include <stdio.h>

#include "date.h"
#include "index.h"
#include "store.h"

#define ZDH_VISIT_NOTES_MAX 10000	/* characters */

extern const struct zdh_kind zdh_kind_liaison;
extern const struct zdh_kind zdh_kind_visit;

/* A liaison: a person of a department assigned to areas ("新桥,延安公寓"). */
int zdh_liaison_add(struct zdh_txn *txn, const char *name, const char *dept, const char *areas,
		    const char *phone, const struct zdh_time *date, char **id);
/* NULL fields are left as they are. */
int zdh_liaison_edit(struct zdh_txn *txn, const char *name_or_id, const char *dept,
		     const char *areas, const char *phone, const char *reason,
		     const struct zdh_time *date);
int zdh_liaison_retire(struct zdh_txn *txn, const char *name_or_id, const char *reason,
		       const struct zdh_time *date);

struct zdh_visit_fields {
	const char *area, *liaison, *notes;
	const char *raises;	/* the title of a new issue it raises, or NULL */
	const char *category;	/* of that issue (NULL: other) */
	const char *issue;	/* an existing issue it follows up, or NULL */
};
/*
 * One visit (and the issue it raises, in the same transaction): *id gets
 * the visit's id, *raised (may be NULL) the raised issue's or NULL.
 */
int zdh_visit_add(struct zdh_txn *txn, const struct zdh_visit_fields *f,
		  const struct zdh_time *date, char **id, char **raised);

/*
 * Void (作废) the visit id, entered by mistake, with a reason: it stays in
 * the history and leaves the lists, the liaisons' counts and the reports.
 */
int zdh_visit_void(struct zdh_txn *txn, const char *id, const char *reason,
		   const struct zdh_time *date);

/*
 * Import CSV (date,area,liaison,notes,raises,category,issue): every bad
 * row is passed to report; nothing is written when any is bad.  A date
 * more than a day ahead is a bad row unless future.
 */
int zdh_visit_import(struct zdh_repo *repo, FILE *in, const struct zdh_time *date, int future,
		     long long *count,
		     void (*report)(long line, const char *msg, void *payload), void *payload);

struct zdh_visit_filter {
	const char *area, *liaison, *dept;
	const char *month;	/* "YYYY-MM" */
	const char *issue;	/* visits following up this issue */
	int all;		/* liaisons: retired ones too; visits: void ones too */
};
#define ZDH_VISIT_FILTER_INIT { NULL }

/* Visits in the order they happened (then id), each a JSON object (borrowed). */
int zdh_visit_list(struct zdh_index *idx, const struct zdh_visit_filter *f,
		   int (*fn)(json_t *visit, void *payload), void *payload);
/* Liaisons in id order, each with its id and a visit count. */
int zdh_liaison_list(struct zdh_index *idx, const struct zdh_visit_filter *f,
		     int (*fn)(json_t *liaison, void *payload), void *payload);
/* A visit or a liaison (by id, or a liaison by name, live or retired), a new reference. */
int zdh_visit_get(json_t **out, struct zdh_index *idx, const char *id);

/* How many live liaisons name the org org_id as their department or one of their areas. */
int zdh_liaison_live_naming(struct zdh_index *idx, const char *org_id, long long *count);

#endif

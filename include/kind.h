/*
 * kind — a record kind is a table of operations over the shared engine
 * (DESIGN §6).  Adding a kind is one core file with its table, one line
 * in core/kinds.c, one cmd file, one man page and its tests.
 *
 * Conventions the engine relies on:
 *  - an operation's data is a JSON object; the fields it changes are under
 *    "set" ({"name": "新桥"}), so the engine can tell two concurrent edits
 *    of one field (a conflict) from edits of different fields;
 *  - check() decides against the current state whether the event is
 *    allowed; apply() only runs after check() said yes, and must not fail.
 *    The same two run when a replica replays events from another office.
 */
#ifndef ZDH_KIND_H
#define ZDH_KIND_H

#include <jansson.h>
#include "event.h"

struct zdh_index;

struct zdh_op {
	const char *name;
	/* state is NULL when the record does not exist yet; 0 or ZDH_E* with a message. */
	int (*check)(struct zdh_index *idx, const json_t *state, const struct zdh_event *ev);
	/* Change state (an empty object for a new record). */
	void (*apply)(json_t *state, const struct zdh_event *ev);
};

struct zdh_kind {
	const char *name;	/* "org" */
	char letter;		/* id letter after the prefix: 'O' gives XQ-O3; 0 gives XQ-42 */
	const struct zdh_op *ops; /* ends with { NULL } */
	const char *index_sql;	/* CREATE INDEX statements for the kind's queries, or NULL */
};

/* Every kind zdh knows, NULL-terminated (core/kinds.c). */
extern const struct zdh_kind *const zdh_kinds[];
const struct zdh_kind *zdh_kind_find(const char *name);
const struct zdh_op *zdh_kind_op(const struct zdh_kind *kind, const char *op);

#endif

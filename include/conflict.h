/*
 * conflict — open conflicts as people read them (DESIGN §2): each field's
 * competing values, who wrote each and when, and which one the record
 * shows for now; every open conflict of every kind; and what a pull
 * brought (new conflicts, and writes of this replica that an event new
 * to it made void).
 *
 * The fold (core/index.c) decides what a conflict is and when one is
 * settled (an edit that has seen every side, data.resolves); this module
 * only reads what it recorded, the same way for every record kind.
 */
#ifndef ZDH_CONFLICT_H
#define ZDH_CONFLICT_H

#include <jansson.h>
#include "buf.h"

struct zdh_index;

/*
 * The open conflicts of a record, described (a new reference: an array,
 * empty when there are none).  Each element:
 *   {"field": F, "events": [ID, ...],
 *    "values": [{"event": ID, "value": V, "actor": {"name", "email", "dept"?},
 *                "date": RFC 3339, "provisional": true|false}, ...]}
 * "events" and "values" in fold order; the provisional value is the one
 * the record shows until the conflict is settled (the last in fold order).
 * A value "" means the field was cleared.
 */
int zdh_conflicts_of(struct zdh_index *idx, const char *kind, const char *id, json_t **out);

/*
 * Conflicts as the index keeps them on record (raw: an array of
 * {"field", "events", "clocks"}, or NULL), described as zdh_conflicts_of
 * describes them (a new array).  A side without its clock is looked for
 * among record's events; one not found has no value, who or when.
 */
int zdh_conflicts_describe(struct zdh_index *idx, const char *record, const json_t *raw,
			   json_t **out);

/*
 * One described conflict as a line:
 *   title: "A" (王芳, 新桥办, 2026-12-02 10:01) vs "B" (李明, 华山办, 2026-12-02 10:03, provisional)
 * in the catalogue's words and punctuation (title："A"（王芳，新桥办，…） 对 "B"（…，暂定）).
 */
void zdh_conflict_line(struct zdh_buf *b, const json_t *conflict);
/* The values of that line, after its field: "A" (王芳, ...) vs "B" (...). */
void zdh_conflict_values(struct zdh_buf *b, const json_t *conflict);

/*
 * Every record with open conflicts, of kind (NULL: every kind), in kind
 * then id order: fn(kind, id, its described conflicts).
 */
int zdh_conflicts_foreach(struct zdh_index *idx, const char *kind,
			  int (*fn)(const char *kind, const char *id, const json_t *conflicts,
				    void *payload),
			  void *payload);

/*
 * For lists: the records of kind with open conflicts, as an object
 * {ID: [FIELD, ...]} (a new reference).  Few records have any, so a
 * list asks once and looks each of its rows up.
 */
int zdh_conflicts_fields(struct zdh_index *idx, const char *kind, json_t **out);

/* The names of the fields in raw, conflicts as the index keeps them (JSON text; NULL: none): a new array. */
json_t *zdh_conflicts_names(const char *raw);

/* The highest event number (seq) in the index: what a pull's news are counted from. */
int zdh_conflicts_mark(struct zdh_index *idx, long long *mark);

/*
 * What the events after mark did, one line each (fn): every open
 * conflict that one of them takes part in ("XQ-2 title: ... vs ..."),
 * and every event of replica that has no effect and that one of them
 * precedes in fold order ("XQ-2 close had no effect: reopen by 李明
 * (华山办) at 2026-12-02 10:02 came first (XQ-2 is open; ...)"); then
 * each kind's own news (kind.h: news), such as a project titled as
 * another in its area and year.
 */
int zdh_conflicts_news(struct zdh_index *idx, long long mark, const char *replica,
		       void (*fn)(const char *line, void *payload), void *payload);

/*
 * The events held before that the people, keys or roles a catch-up or a
 * write of the person kind brought took the effect of ("HS-2 add by 李明
 * at ... has no effect now (...): write it again, ..."), then those they
 * let take effect ("HS-2 add by 李明 at ... takes effect now: ..."), each
 * in fold order, one line each (fn).  Part of zdh_conflicts_news; a
 * write's command says them too (cmd/lib, write_run).
 */
int zdh_conflicts_trust_news(struct zdh_index *idx, void (*fn)(const char *line, void *payload),
			     void *payload);

/*
 * Each event of replica's log that the trust gives no effect (a role, a
 * signature: ZDH_EFFECT_REFUSED), in fold order, one line each (fn), as
 * a pull's news says one held already ("HS-1 edit by 李四 at ... has no
 * effect now (...): write it again, ..."): what zdh replica recover
 * wrote again, signed by someone who may not write it.
 */
int zdh_conflicts_refused_of(struct zdh_index *idx, const char *replica,
			     void (*fn)(const char *line, void *payload), void *payload);

#endif

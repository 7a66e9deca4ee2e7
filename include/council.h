/*
 * council — councils (理事会) and what they do: the record kinds council
 * (its members and its versioned charter, and the deliberation between
 * meetings), meeting (attendance, guests, agenda, minutes), decision
 * (votes or consensus, written consents) and action (work for a
 * department); their rules, writes and queries (zdh-council(1)).
 *
 * The rules that decide a decision (quorum, majority, consent, who may
 * vote and until when) are pure functions of a decision's own state, so
 * that every replica folds the same result whatever order events arrived
 * in; they are unit-tested against a table (tests/unit/council.c).
 */
#ifndef ZDH_COUNCIL_H
#define ZDH_COUNCIL_H

#include <jansson.h>

#include "buf.h"
#include "date.h"
#include "index.h"
#include "store.h"

#define ZDH_COUNCIL_TEXT_MAX 200	/* names, motions, agenda items */
#define ZDH_COUNCIL_BODY_MAX 10000	/* minutes, duties, messages */

extern const struct zdh_kind zdh_kind_council, zdh_kind_meeting, zdh_kind_decision,
	zdh_kind_action;

/* NULL-terminated word lists. */
extern const char *const zdh_council_roles[];	/* chair, deputy, member, secretary, supporting-unit, legal-advisor */
extern const char *const zdh_council_parties[];	/* resident, shop, owners-committee, property-manager, unit */
extern const char *const zdh_meeting_kinds[];	/* regular, extra, hearing, consultation */
extern const char *const zdh_attendance[];	/* present, absent, excused, proxy */
extern const char *const zdh_votes[];		/* for, against, abstain */
extern const char *const zdh_majorities[];	/* simple, two-thirds, unanimous */
extern const char *const zdh_decision_states[];	/* open, no-quorum, rejected, pending-consent, adopted, blocked */

/* ---- the rules (pure) ---- */

/* "2/3" (a fraction of the voting members, 0 < N/M <= 1) or "5" (a count): 0 or ZDH_EINVALID. */
int zdh_council_check_quorum(const char *quorum);
/* Is the quorum met by present of voters voting members? */
int zdh_council_quorum_met(const char *quorum, int present, int voters);
/*
 * Is the motion carried?  Counted among the voting members present:
 * simple — more than half vote for; two-thirds — at least two thirds;
 * unanimous — every one of them.
 */
int zdh_council_majority_met(const char *majority, int yes, int present);

struct zdh_tally {
	const char *quorum, *majority;	/* the rule of the charter in force */
	int voters;			/* voting members in their term on the day */
	int present;			/* of them, present, represented by proxy, or voting */
	int yes, no, abstain;
	int consensus, closed;
	int parties, consented, refused; /* written consents needed, given, refused */
};

/* The tally of a decision's state. */
void zdh_decision_tally(struct zdh_tally *t, const json_t *decision);
/* The decision's status: one of zdh_decision_states. */
const char *zdh_decision_result(const struct zdh_tally *t);
/* 0 when decision id (its state) was adopted; else ZDH_ESTATE, "%s is %s, not adopted". */
int zdh_decision_check_adopted(const char *id, const json_t *decision);
/*
 * "7 of 9 voting members present, quorum 2/3 reached; 6 for, 1 against:
 * adopted by simple majority": in the user's language when shown is set,
 * else in English whatever the language (--json: a script reads it).
 */
void zdh_decision_explain(struct zdh_buf *out, const struct zdh_tally *t, int shown);

/*
 * May member vote on the decision now?  0, or ZDH_ESTATE / ZDH_EINVALID
 * with the reason (closed, not a voting member).
 */
int zdh_decision_vote_allowed(const json_t *decision, const char *member, const char *vote);
/* May the consent (or refusal) of party be recorded?  0 or ZDH_E* with the reason. */
int zdh_decision_consent_allowed(const json_t *decision, const char *party, int refused);

/* The charter in force on day ("YYYY-MM-DD"): the latest version from on or before it; NULL if none. */
const json_t *zdh_council_charter_at(const json_t *council, const char *day);
/* The built-in charter a council without one decides by. */
const json_t *zdh_council_default_charter(void);
/* The majority rule the charter sets for decisions of type. */
const char *zdh_charter_majority(const json_t *charter, const char *type);
/* Does the charter ask written consent for decisions of type? */
int zdh_charter_needs_consent(const json_t *charter, const char *type);
/* Is the member (an entry of the council's members) a voting member on day? */
int zdh_member_votes(const json_t *charter, const json_t *member, const char *day);
/* Is the member in their term on day (from <= day, and no end or day <= to)? An end "" is none. */
int zdh_member_in_term(const json_t *member, const char *day);
/*
 * Sort names (members of the council, whose state is council) into the
 * order members are listed in: by role (chair, deputy, member, secretary,
 * supporting-unit, legal-advisor, then none), the day their term began,
 * the order they joined; names of no member last, in the order given.
 */
void zdh_council_member_order(const json_t *council, const char **names, size_t n);

/* "YYYY-MM-DD", a real day: 0 or ZDH_EINVALID naming what. */
int zdh_council_check_day(const char *what, const char *day);

/* ---- writes (names checked against the registry here, with "did you mean") ---- */

/*
 * The id of the council called name (or with that id): did you mean when
 * there is none; ZDH_EINVALID naming them when two live councils have
 * that name (zdh_council_same_name).
 */
int zdh_council_resolve(char **id, struct zdh_index *idx, const char *name);
/*
 * The ids of the live councils named name but except (may be NULL), in id
 * order, into *out (a new array).  One office refuses a second live
 * council of a name; two offices that each added or renamed one before
 * they heard of each other keep both.
 */
int zdh_council_same_name(json_t **out, struct zdh_index *idx, const char *name,
			  const char *except);
/*
 * The same for the live councils whose name looks like name (the same
 * zdh_name_key(), output.h): what a pull and council show tell.  *unlike
 * (may be NULL): the names among them that are not name itself
 * (zdh_index_like_rows()).
 */
int zdh_council_like_name(json_t **out, json_t **unlike, struct zdh_index *idx, const char *name,
			  const char *except);

int zdh_council_add(struct zdh_txn *txn, const char *name, const char *area,
		    const struct zdh_time *date, char **id);
int zdh_council_edit(struct zdh_txn *txn, const char *council, const char *name,
		     const char *area, const char *message, const struct zdh_time *date);
int zdh_council_dissolve(struct zdh_txn *txn, const char *council, const char *message,
			 const struct zdh_time *date);

/* Fields of a member; NULL is "not given", "" clears (org, to). */
struct zdh_member_fields {
	const char *role, *party, *org, *from, *to;
};
/* op: "member-add", "member-edit" or "member-remove" (which ends the term on the event's day). */
int zdh_council_member(struct zdh_txn *txn, const char *council, const char *op,
		       const char *name, const struct zdh_member_fields *f, const char *message,
		       const struct zdh_time *date);

/* A charter: a new version, made of the one in force and what is given. */
struct zdh_charter_fields {
	const char *duties, *quorum, *from, *decision;
	const char *voters;		/* roles, comma-separated */
	const char *consent;		/* decision types, comma-separated ("" none) */
	const char *const *majority;	/* "TYPE=RULE", NULL-terminated, or NULL */
	int meeting_weeks;		/* -1: not given */
};
int zdh_council_charter(struct zdh_txn *txn, const char *council,
			const struct zdh_charter_fields *f, const char *message,
			const struct zdh_time *date);
/* Deliberation between meetings; @dept mentions go to their inbox. */
int zdh_council_discuss(struct zdh_txn *txn, const char *council, const char *message,
			const struct zdh_time *date);

struct zdh_meeting_fields {
	const char *kind, *minutes;
	const char *const *agenda;	/* issue ids */
	const char *const *items;	/* agenda items of free text */
	const char *const *present, *const *absent, *const *excused;
	const char *const *proxy;	/* "MEMBER=BY" */
	const char *const *guests;
};
int zdh_meeting_add(struct zdh_txn *txn, const char *council, const struct zdh_meeting_fields *f,
		    const struct zdh_time *date, char **id);
/* More attendance, agenda, guests, minutes (and attachments) for a meeting. */
int zdh_meeting_update(struct zdh_txn *txn, const char *meeting,
		       const struct zdh_meeting_fields *f, const char *message,
		       const struct zdh_time *date);

struct zdh_action_fields {
	const char *text, *dept, *due, *issue;
	int resolves;			/* done resolves the issue */
};
struct zdh_decision_fields {
	const char *motion, *type, *issue;
	const char *const *yes, *const *no, *const *abstain;
	const char *const *parties;
	int consensus, close;
	const struct zdh_action_fields *actions;
	size_t nactions;
};
/* The decision and its actions; *id the decision's. */
int zdh_decision_add(struct zdh_txn *txn, const char *meeting, const struct zdh_decision_fields *f,
		     const struct zdh_time *date, char **id);
int zdh_decision_vote(struct zdh_txn *txn, const char *decision, const char *member,
		      const char *vote, const char *message, const struct zdh_time *date);
int zdh_decision_close(struct zdh_txn *txn, const char *decision, const char *message,
		       const struct zdh_time *date);
int zdh_decision_consent(struct zdh_txn *txn, const char *decision, const char *party,
			 int refused, const char *message, const struct zdh_time *date);
int zdh_action_add(struct zdh_txn *txn, const char *decision, const struct zdh_action_fields *f,
		   const struct zdh_time *date, char **id);
/* Done; an action that resolves an issue resolves it (claiming it for the action's dept first when open). */
int zdh_action_done(struct zdh_txn *txn, const char *action, const char *message,
		    const struct zdh_time *date);
/*
 * Void (作废): an action that will not be done (its decision closed not
 * adopted, or assigned by mistake), with why; it leaves every list of
 * open actions and can be neither done nor voided again.
 */
int zdh_action_void(struct zdh_txn *txn, const char *action, const char *message,
		    const struct zdh_time *date);
/* 0 while an action of this status may be done or voided; else ZDH_ESTATE naming id. */
int zdh_action_still_open(const char *id, const char *status);

/* ---- queries: fn gets each record's id and state, in the order said ---- */

typedef int (*zdh_record_fn)(const char *id, const json_t *state, void *payload);

/* Councils by id; dissolved ones only when all. */
int zdh_council_list(struct zdh_index *idx, const char *area, int all, zdh_record_fn fn,
		     void *payload);

struct zdh_council_filter {
	const char *council, *meeting, *decision, *area, *dept, *status, *issue;
	const char *month;		/* "YYYY-MM" */
	const char *since, *until;	/* days, inclusive */
	int open;			/* actions not done */
	const char *overdue_today;	/* actions: not done and due before this day */
	const char *stale_day;		/* overdue: actions without due created before this day */
	/*
	 * The keys of the states the caller reads (a table's), NULL-ended:
	 * each state given to fn holds only those (null when absent), read
	 * by SQLite from the index, not the whole state parsed and freed a
	 * row at a time (a list of 1,500 decisions: nine tenths of its
	 * instructions).  NULL: whole states.
	 */
	const char *const *fields;
};

/* Meetings by date, then id. */
int zdh_meeting_list(struct zdh_index *idx, const struct zdh_council_filter *f, zdh_record_fn fn,
		     void *payload);
/* Decisions by date, then id. */
int zdh_decision_list(struct zdh_index *idx, const struct zdh_council_filter *f,
		      zdh_record_fn fn, void *payload);
/* Actions by due date (none last), then id. */
int zdh_action_list(struct zdh_index *idx, const struct zdh_council_filter *f, zdh_record_fn fn,
		    void *payload);
/* Councils whose deliberation mentions dept and that it has not answered yet. */
int zdh_council_mentioning(struct zdh_index *idx, const char *dept, zdh_record_fn fn,
			   void *payload);
/* Counts for council show: meetings and decisions of one council by status. */
int zdh_council_counts(struct zdh_index *idx, const char *council, json_t **out);

/*
 * 1 when meeting, decision or action (kind) id is its council's: it has
 * no area or its area is one the council has had (one naming another
 * area's council is not counted there); 0 when not.
 */
int zdh_council_owns(struct zdh_index *idx, const char *kind, const char *id);

/*
 * Name the orgs a council, meeting, decision or action state refers to
 * (area, dept, members' org, the keys of mentions) as they are now.
 */
void zdh_council_name_refs(struct zdh_index *idx, json_t *state);

/*
 * How many active councils name the org org_id (their area, a mention
 * not answered) and how many open actions (their department).
 */
int zdh_council_open_naming(struct zdh_index *idx, const char *org_id, long long *count);

#endif

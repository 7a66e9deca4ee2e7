/*
 * issue — residents' problems (问题) from report to close: the record
 * kind, its state machine, its write operations and its queries.
 */
#ifndef ZDH_ISSUE_H
#define ZDH_ISSUE_H

#include <stdio.h>

#include "date.h"
#include "index.h"
#include "store.h"

#define ZDH_ISSUE_TITLE_MAX 200		/* characters */
#define ZDH_ISSUE_BODY_MAX 10000	/* body and messages */
#define ZDH_ISSUE_TEXT_MAX 200		/* every other text */
#define ZDH_ISSUE_RESPONSE_DAYS 5	/* working days to the due date */
#define ZDH_ISSUE_OVERDUE_DAYS 30	/* zdh.overdue-days */
#define ZDH_ISSUE_OVERDUE_MAX 1000000	/* its most: in seconds far from overflow */
#define ZDH_ISSUE_ATTACHMENT_MAX (10LL * 1024 * 1024) /* zdh.attachment-max */

extern const struct zdh_kind zdh_kind_issue;
/* NULL-terminated lists. */
extern const char *const zdh_issue_states[];	/* open, claimed, escalated, resolved, closed, void */
extern const char *const zdh_issue_default_categories[]; /* environment, ..., other: [category] adds more */
extern const char *const zdh_issue_sources[];	/* visit, wechat, ..., other */
extern const char *const zdh_issue_return_codes[]; /* not-our-area, ..., other */

/* Fields of add and edit; NULL is "not given", "" clears (edit). */
struct zdh_issue_fields {
	const char *title, *body, *area, *category, *source, *reporter, *location;
	const char *dept, *due, *assignee;	/* edit only: corrections, settling a conflict */
};

/* Checks of user input with the message set: 0 or ZDH_EINVALID. */
int zdh_issue_check_status(const char *status);
int zdh_issue_check_source(const char *source);
/* A category of the built-in list or of [category "NAME"] in the configuration. */
int zdh_issue_check_category(const struct zdh_repo *repo, const char *category);
/*
 * A category's title: category.NAME.title, else its Chinese name of the
 * words table, else name; _shown() is that under a Chinese catalogue, name
 * in English.  _name() is the category a configured title names (to free),
 * or NULL when word is a category's name itself or no title.
 */
const char *zdh_issue_category_label(const struct zdh_repo *repo, const char *name);
const char *zdh_issue_category_shown(const struct zdh_repo *repo, const char *name);
char *zdh_issue_category_name(const struct zdh_repo *repo, const char *word);
int zdh_issue_check_text(const char *what, const char *text, size_t max, int one_line);

/* The calendar day of t in its own offset: "2026-11-27". */
void zdh_issue_day(char out[11], const struct zdh_time *t);
/*
 * zdh.overdue-days of repo (ZDH_ISSUE_OVERDUE_DAYS when it is not set): an
 * open issue untouched for that many days is overdue, in a list's
 * --overdue and a report's figures alike.  0 or ZDH_EINVALID (not a
 * number, or more than ZDH_ISSUE_OVERDUE_MAX: a file edited by hand).
 */
int zdh_issue_overdue_days(long long *days, const struct zdh_repo *repo);
/* What an issue's next status may depend on besides the operation and the status before it. */
enum zdh_issue_fact {
	ZDH_ISSUE_HAS_DEPT,	/* it has a dept */
	ZDH_ISSUE_ESCALATED	/* it was ever escalated */
};
/*
 * The status an issue has after an operation that took effect, from the
 * status before it (NULL before add) and a close's satisfaction (0:
 * none).  The facts are asked of fact(ctx, ...) by the operations whose
 * next status they decide, and only by them (reopen asks for the dept, a
 * dissatisfied close whether it was escalated): the fold looks each up in
 * the state then.  The fold and the reports (core/report.c) both use it:
 * one state machine.
 */
const char *zdh_issue_next_status(const char *op, const char *status, long long satisfaction,
				  int (*fact)(const void *ctx, enum zdh_issue_fact f), const void *ctx);
/*
 * The due day: the category's response-days working days after the day
 * of from (Monday to Friday, minus zdh.holidays, plus zdh.workdays).
 */
int zdh_issue_due(char out[11], const struct zdh_repo *repo, const char *category,
		  const struct zdh_time *from);

/*
 * Writes.  Names of orgs (area, dept, @mentions) are checked against the
 * registry here, with "did you mean"; the kind's check() then decides
 * against the issue's state.  message may be NULL.
 */
int zdh_issue_add(struct zdh_txn *txn, const struct zdh_issue_fields *f,
		  const struct zdh_time *date, char **id);
int zdh_issue_edit(struct zdh_txn *txn, const char *id, const struct zdh_issue_fields *f,
		   const char *message, const struct zdh_time *date);
/* due NULL: from the category's response-days. */
int zdh_issue_claim(struct zdh_txn *txn, const char *id, const char *dept, const char *due,
		    const char *message, const struct zdh_time *date);
int zdh_issue_assign(struct zdh_txn *txn, const char *id, const char *to, const char *message,
		     const struct zdh_time *date);
/* Records the @dept mentions of message. */
int zdh_issue_comment(struct zdh_txn *txn, const char *id, const char *message,
		      const struct zdh_time *date);
/* The @dept mentions of text, sorted, into the array out (council discussions share them). */
int zdh_issue_mentions(json_t *out, struct zdh_txn *txn, const char *text);
/*
 * Does text's first len bytes say the mention of name, read as mentions
 * are: an "@name" (or "＠name") where no longer name of all (the text's
 * mentions, by name) also begins (so "@城管中队" does not say 城管 when the
 * text mentions 城管中队 too)?
 */
int zdh_issue_says_mention(const char *text, size_t len, const char *name, const json_t *all);
/* escalate, resolve, reopen, follow-up, urge: an operation with just a message. */
int zdh_issue_note(struct zdh_txn *txn, const char *id, const char *op, const char *message,
		   const struct zdh_time *date);
/* satisfaction 1–5, or 0 when not asked. */
int zdh_issue_close(struct zdh_txn *txn, const char *id, int satisfaction, const char *message,
		    const struct zdh_time *date);
int zdh_issue_link(struct zdh_txn *txn, const char *id, const char *other, const char *message,
		   const struct zdh_time *date);
int zdh_issue_return(struct zdh_txn *txn, const char *id, const char *reason,
		     const char *message, const struct zdh_time *date);
/*
 * The other side of links: *out, a new array of the ids of the issues
 * (not void) that link id, in id order.
 */
int zdh_issue_linked_from(struct zdh_index *idx, const char *id, json_t **out);

/*
 * The reason of the void an import writes for a row of status void, kept
 * in English in the event (N_(), translated where it is shown).
 */
extern const char zdh_issue_imported_void[];
/*
 * Import CSV (id,title,body,area,category,source,reporter,location,status,
 * dept,assignee,due,created): every bad row is passed to report; nothing
 * is written when any is bad (ZDH_EINVALID).  A created more than a day
 * ahead is a bad row unless future.  *count: issues imported.
 */
int zdh_issue_import(struct zdh_repo *repo, FILE *in, const struct zdh_time *date, int future,
		     long long *count,
		     void (*report)(long line, const char *msg, void *payload), void *payload);

/* ---- queries ---- */

/* The columns of list and CSV export, in order. */
extern const char *const zdh_issue_columns[];

struct zdh_issue_row {
	const char *id, *title, *body, *area, *category, *source, *reporter, *location;
	const char *status, *dept, *assignee, *due, *created;
	const char *state;	/* the whole state as JSON text (orgs by id: see zdh_org_name_refs) */
	long long updated;	/* epoch */
	struct zdh_index *idx;	/* the index it was read from */
	const char *conflicts;	/* its open conflicts as the index keeps them (JSON), or NULL */
};

struct zdh_issue_filter {
	const char *status, *area, *district, *dept, *category, *source, *grep, *mentions;
	long long since, until;	/* bounds on when it was created (epoch); 0 = none */
	int overdue;
	const char *today;	/* for overdue: today in the repository's zone */
	long long stale_before;	/* for overdue: issues without due created before this */
	const char *sort;	/* "id" (NULL), "created", "updated", "due" */
	long long limit, offset; /* 0 = no limit */
	int conflicts;		/* only those with open conflicts */
	int all;		/* void issues too (a status filter names its own) */
	/*
	 * Only id, title, area, status, dept, due, updated and conflicts are
	 * read (the others and state are NULL): a listing of those reads no
	 * state, the most of a full list's time.
	 */
	int brief;
};
#define ZDH_ISSUE_FILTER_INIT { NULL }

int zdh_issue_list(struct zdh_index *idx, const struct zdh_issue_filter *f,
		   int (*fn)(const struct zdh_issue_row *row, void *payload), void *payload);
/*
 * What waits for dept: claimed by it, or mentioning it, and not resolved;
 * due first.  brief: rows without the state (only the title of the
 * fields kept in it), as a table prints them.
 */
int zdh_issue_inbox(struct zdh_index *idx, const char *dept, int brief,
		    int (*fn)(const struct zdh_issue_row *row, void *payload), void *payload);
/* How many issues not yet resolved name the org org_id as their area or department. */
int zdh_issue_open_naming(struct zdh_index *idx, const char *org_id, long long *count);
/*
 * The name of the org called name or with that id, of kind want_kind
 * (retired too); its id when its name finds another org first (two live
 * orgs of one name).
 */
int zdh_issue_org_name(char **out, struct zdh_index *idx, const char *name, const char *want_kind);
/* The same, and the org's id into *id (to free; NULL allowed). */
int zdh_issue_org_name_id(char **out, char **id, struct zdh_index *idx, const char *name,
			  const char *want_kind);
/*
 * The issue kind's summaries (kind.h, summarize): make the rows of table
 * issue_summary of the issues ids (n of them; NULL: of every issue) from
 * their facts.  Inside the index's transaction.  Defined with the report
 * (core/report.c), whose replay of an issue the rows hold.
 */
int zdh_issue_summarize(struct zdh_index *idx, const char *const *ids, size_t n);

#endif

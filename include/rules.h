/*
 * rules — what makes an event valid, decided from the event and its own
 * log alone (DESIGN §8, zdh-repository(5) RULES), so that every replica
 * reaches the same verdict whatever else it holds.  One implementation,
 * used by the write path (before it writes), the index's catch-up and fold
 * (pull), and verify.
 *
 * An invalid event is kept (logs are append-only): the index stores it
 * with its own status (ZDH_EFFECT_INVALID), it has no effect on any
 * record, catch-up reports it, verify names it, push relays it.
 *
 * The rules are a table (zdh_rules[]): a rule is a name and a function of
 * struct zdh_rule_input.  Adding one (prefix ownership, signatures) is a
 * function and a line in core/rules.c.
 */
#ifndef ZDH_RULES_H
#define ZDH_RULES_H

#include <stddef.h>
#include "buf.h"
#include "event.h"

/*
 * Clocks are at least 1 and at most ZDH_CLOCK_MAX (2^48): far from
 * overflow (a clock is one more than another, and sums of a few clocks
 * never leave a long long), and more than enough for a thousand events a
 * second for eight thousand years.
 */
#define ZDH_CLOCK_MAX (1LL << 48)
/*
 * No zdh reaches ZDH_CLOCK_HONEST (2^47) counting one more than the
 * highest clock it holds: a writer counts on from the highest clock
 * below it (and above its own log's last), not from a peer's valid event
 * up there, which would leave no clock for any write after it
 * (zdh_index_max_clock(), zdh-repository(5) ORDER).
 */
#define ZDH_CLOCK_HONEST (1LL << 47)
/* Dates and offsets: ZDH_DATE_MIN to ZDH_DATE_MAX, ZDH_OFFSET_MAX (include/date.h). */
/* The event's JSON, and the whole commit carrying it, in bytes. */
#define ZDH_EVENT_JSON_MAX (256 * 1024)
#define ZDH_COMMIT_MAX (512 * 1024)
/* Attachments of one event, and the size one may declare (zdh.attachment-max stays below). */
#define ZDH_ATTACHMENTS_MAX 100
#define ZDH_ATTACHMENT_HARD_MAX (256LL * 1024 * 1024)

/*
 * The index's effect column (zdh-repository(5)): 1 applied, 0 no effect
 * (refused by the kind's check, with a note saying why), 2 invalid, 3 not
 * folded because this zdh does not know the event's kind (written by a
 * newer zdh: kept, relayed, folded once zdh knows the kind), 4 no effect
 * because the trust refused it (a signature or a role, include/trust.h;
 * the note says why): what pull and verify report.
 */
#define ZDH_EFFECT_NONE 0
#define ZDH_EFFECT_APPLIED 1
#define ZDH_EFFECT_INVALID 2
#define ZDH_EFFECT_UNKNOWN_KIND 3
#define ZDH_EFFECT_REFUSED 4

/* One event as its log holds it. */
struct zdh_rule_input {
	const char *id;			/* the commit id ("" before it is written) */
	const char *raw;		/* the commit object's content */
	size_t raw_len;
	const struct zdh_event *ev;	/* the decoded event; NULL when it did not decode */
	const char *decode_error;	/* why it did not (when ev is NULL) */
	const char *json;		/* the event's JSON inside raw (NULL: not found) */
	size_t json_len;
	int nparents;
	const char *log;		/* the replica whose log holds it (refs/zdh/log/LOG) */
	long long parent_clock;		/* the clock of its parent event; 0 for none or not an event */
	/* reads a tree object for the tree rule (NULL: trees are not read) */
	int (*read_tree)(void *ctx, const char *id, struct zdh_buf *out);
	void *ctx;
	/*
	 * The type (ZDH_OBJ_*, odb.h) of the object entry n of that tree names
	 * (id), from its header; 0 when this repository does not hold it
	 * (NULL: types are not read)
	 */
	int (*entry_type)(void *ctx, size_t n, const char *id);
};

struct zdh_rule {
	const char *name;	/* a word, shown before the reason: "clock: ..." */
	/* 0, or ZDH_EINVALID with the reason as the message */
	int (*check)(const struct zdh_rule_input *in);
};

/* Every rule, in the order they are tried; ends with { NULL }. */
extern const struct zdh_rule zdh_rules[];

/*
 * 0 when the event is valid; ZDH_EINVALID with "RULE: reason" as the
 * message for the first rule it breaks.  No I/O but in->read_tree.
 */
int zdh_event_valid(const struct zdh_rule_input *in);

/* 1 when name can be an attachment's: 1-255 bytes of text, no '/', not "." or "..". */
int zdh_attachment_name_valid(const char *name);

/*
 * A record id's parts (zdh_record_id_valid()): a prefix of at most
 * ZDH_ID_PREFIX_MAX letters and digits, '-' and the kind's letter, a
 * number of at most ZDH_ID_DIGITS_MAX digits; ZDH_RECORD_ID_MAX bytes
 * at the most in all.
 */
#define ZDH_ID_PREFIX_MAX 32
#define ZDH_ID_DIGITS_MAX 15
#define ZDH_RECORD_ID_MAX (ZDH_ID_PREFIX_MAX + 2 + ZDH_ID_DIGITS_MAX)
/* 1 when id is well formed for kind (NULL: a kind this binary does not know). */
int zdh_record_id_valid(const char *kind, const char *id);

/*
 * Text a person gives (arguments, -m/-F input, CSV fields): 0, or
 * ZDH_EINVALID naming what and why: a NUL byte, a control character
 * (anything below U+0020 but tab, line feed and carriage return, DEL,
 * U+0080-U+009F), or bytes that are not UTF-8 (each its own message).
 */
int zdh_text_valid(const char *what, const char *s, size_t len);

/*
 * Reading a log from its tip back: the rules need an event's parent's
 * clock, which is known only once the parent is read.  A reader parses
 * each commit into a struct zdh_logged, and judges the one before (its
 * child) when the next is read; the last one read (the root, or the
 * event before which reading stopped) with the clock of that one.
 */
struct zdh_logged {
	char id[41];
	struct zdh_buf raw;
	struct zdh_event ev;	/* when decoded */
	int decoded;
	char *error;		/* why it did not decode */
	size_t json_at, json_len;	/* the event's JSON in raw (json_len 0: none) */
	int nparents;
	char parent[41];	/* the first parent, "" for a root */
	char *invalid;		/* after zdh_logged_judge: NULL, or "RULE: reason" */
	/* for readers that fetch the tree themselves (zdh_logged_tree_cb) */
	struct zdh_buf tree;
	int tree_read;		/* 1 when tree holds the commit's tree object */
	struct zdh_buf types;	/* with it, a byte an entry: the type of what it names, 0 not held */
};

/* Parse a commit (copied) with zdh_event_parse_commit_opts(flags); never fails. */
void zdh_logged_parse(struct zdh_logged *l, const char *id, const char *raw, size_t len,
		      unsigned flags);
/* The same taking raw's bytes, not a copy: raw gets l's old buffer back, empty. */
void zdh_logged_parse_buf(struct zdh_logged *l, const char *id, struct zdh_buf *raw, unsigned flags);
/* Judge it (sets l->invalid); 1 when invalid, 0 when valid.  (entry_type: see zdh_rule_input) */
int zdh_logged_judge(struct zdh_logged *l, const char *log, long long parent_clock,
		     int (*read_tree)(void *ctx, const char *id, struct zdh_buf *out),
		     int (*entry_type)(void *ctx, size_t n, const char *id), void *ctx);
/* The id of the commit's tree ("tree" header) into id; 0, or -1 when there is none. */
int zdh_commit_tree(const char *raw, size_t len, char id[41]);
/* The first parent ("" for none) and the number of parents, from the headers alone. */
void zdh_commit_parents(const char *raw, size_t len, char parent[41], int *n);
/* A read_tree for zdh_logged_judge with ctx = the zdh_logged: its tree, if read. */
int zdh_logged_tree_cb(void *ctx, const char *id, struct zdh_buf *out);
/* Its entry_type: the types read with the tree (zdh_walk_read_tree()). */
int zdh_logged_type_cb(void *ctx, size_t n, const char *id);
/* Its clock, to judge its child by: 0 when it did not decode. */
long long zdh_logged_clock(const struct zdh_logged *l);
/* Empty it for the next commit (its buffer kept); release frees all. */
void zdh_logged_clear(struct zdh_logged *l);
void zdh_logged_release(struct zdh_logged *l);

/*
 * Would git fsck --strict (transfer.fsckObjects) refuse this object of
 * type (enum zdh_objtype)?  0, or ZDH_ECORRUPT with the problem said: a
 * commit's NUL byte, headers out of form, an author or committer line as
 * the rule "event" refuses it; a tree's unknown mode, a name empty, '.',
 * '..', with '/' or one git keeps (as the rule "tree" reads them), two
 * entries of one name or out of git's order, a file naming no blob or a
 * folder no tree (type_of gives the type of an id, 0 when not held); a
 * tag without its object, type, tag and tagger lines.  A pull checks
 * every object it receives with it before it keeps any.
 */
int zdh_git_object_check(int type, const char *data, size_t len,
			 int (*type_of)(void *ctx, const char *id), void *ctx);

#endif

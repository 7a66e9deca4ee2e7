/*
 * event — one change to one record, and its two encodings: canonical JSON
 * (UTF-8, keys sorted, no insignificant white space) and the git commit
 * that carries it (zdh-repository(5)).
 */
#ifndef ZDH_EVENT_H
#define ZDH_EVENT_H

#include <jansson.h>
#include "buf.h"
#include "date.h"
#include "sign.h"

/*
 * The format version zdh writes.  2: the commit may carry an SSH signature
 * (gpgsig), and other changes of this round (zdh-repository(5), EVENTS).
 * Version 1 events are read as they always were.
 */
#define ZDH_EVENT_VERSION 2
#define ZDH_EVENT_VERSION_MIN 1

/*
 * How many values deep an event's JSON may nest, the event itself 1, its
 * data 2 (zdh writes 6 at most): a deeper one is invalid, whatever its
 * version.  A record's state holds what its events' data held, and
 * SQLite reads no JSON deeper than 2,000 (1,000 from 3.45): an event of
 * a peer nested 2,000 deep once made every catch-up fail, so that no
 * command could run (index schema 17).
 */
#define ZDH_EVENT_MAX_DEPTH 64

struct zdh_actor {
	char *name;
	char *email;
	char *dept;	/* may be NULL */
};

/*
 * When an event was written, as a period of validity (a key's, a role's:
 * zdh-repository(5), TRUST) judges it: its recorded second, and within
 * the second that ends a period its place in fold order (clock, replica,
 * id).  A write not yet made has the highest clock: after everything.
 */
struct zdh_when {
	long long recorded, clock;
	const char *replica, *id;	/* id may be a prefix of it */
};

/*
 * Is w within the period [from, until) (until 0: open)?  In the second
 * until itself, what comes before end (the event that ended the period)
 * in fold order is within, the rest is not; with end NULL, nothing is.
 */
int zdh_when_within(const struct zdh_when *w, long long from, long long until,
		    const struct zdh_when *end);

/*
 * Was w in its log when seen, {"replica": clock} (what an office's logs
 * held: a key revoked as compromised signs nothing else), was taken?
 * 1 when seen is NULL.
 */
int zdh_when_seen(const struct zdh_when *w, const json_t *seen);

/*
 * The verdict on a signature written at w by a key, one of its periods at
 * a time: so_far is the verdict of its other periods (ZDH_SIG_UNKNOWN
 * before the first), this period is [from, until) ended by end, with what
 * its revoking office had seen when it was revoked as compromised (seen,
 * as zdh_when_seen).  GOOD when one period holds w; else COMPROMISED when
 * one would but for seen; else NOT_YET when w is before every period;
 * else REVOKED.
 */
enum zdh_sig_status zdh_when_status(enum zdh_sig_status so_far, const struct zdh_when *w,
				    long long from, long long until, const struct zdh_when *end,
				    const json_t *seen);

struct zdh_event {
	char id[41];		/* commit id; "" until written (set later: see has_oid) */
	int version;
	char *kind;		/* record kind: "org", "issue" */
	char *record;		/* record id: "XQ-O3" */
	char *op;		/* operation: "add", "edit" */
	char *replica;		/* the log it was written on */
	char *seen;		/* latest event of this record the writer had seen, or NULL (see has_seen_oid) */
	long long clock;	/* Lamport clock */
	struct zdh_time date;	/* when it happened (git author date) */
	struct zdh_time recorded; /* when it was written (git committer date) */
	struct zdh_actor actor;
	json_t *data;		/* the operation's data: always an object */
	char *summary;		/* the commit's first line */
	char *tree;		/* attachments tree id, or NULL for the empty tree */
	int noncanonical;	/* decoded with ZDH_EVENT_TRUSTED from text that is not canonical */
	char *pool;		/* set by the trusted decoder: kind to seen and the actor in one allocation */
	/*
	 * id's 20 bytes, set by the writer that hashed it, a rebuild's walk
	 * that found it by them, or a read of its row (has_oid): the index's
	 * rows and the pack take them, not id decoded again each.
	 * Whoever sets id after that (a decode, a read, a copy of another
	 * event) sets oid to match or clears has_oid: else the index files
	 * the event under the old id's bytes, not id.
	 */
	int has_oid;
	unsigned char oid[20];
	/*
	 * seen's 20 bytes, when the trusted decoder read them (for its row, as
	 * oid).  Whoever sets seen after a decode clears has_seen_oid (or sets
	 * seen_oid to match): the row takes seen_oid when it is set.
	 */
	int has_seen_oid;
	unsigned char seen_oid[20];
	/*
	 * where data is in the canonical text zdh_event_commit_at() made,
	 * set by the writer that keeps that text for the index, or in the
	 * text the trusted decoder read in its one shape (data_len 0: not
	 * known, found again in the text).  Whoever hands the event on with
	 * other text than that clears data_len.
	 */
	size_t data_at, data_len;
};

void zdh_event_clear(struct zdh_event *ev);
/*
 * Copy ev's names (kind, record, op, replica, seen, the actor), borrowed
 * until then, into one allocation, ev->pool, as the trusted decoder keeps
 * them: an event written is one allocation and one free(), not eight.
 */
void zdh_event_pool_names(struct zdh_event *ev);

/* Canonical JSON of the event (no trailing newline). */
int zdh_event_encode(struct zdh_buf *out, const struct zdh_event *ev);
/*
 * Decode and validate canonical JSON: every field present with its type,
 * no unknown field, and the text byte-identical to its re-encoding.
 * Sets everything but id, recorded, summary and tree.
 */
int zdh_event_decode(struct zdh_event *ev, const char *json, size_t len);
/*
 * ZDH_EVENT_TRUSTED reads text of the one shape zdh writes by picking its
 * fields out (the index reads every event of every log): its canonical
 * form is then its shape, and its data re-encoded.  Other text takes the
 * strict path, re-encoded whole: without TRUSTED text that is not
 * canonical is refused, with it the event is decoded and ev->noncanonical
 * set, for the rules (core/rules.c) to judge.
 */
#define ZDH_EVENT_TRUSTED 1
/* With TRUSTED: check the data but do not keep it (ev->data stays NULL). */
#define ZDH_EVENT_NODATA 2
int zdh_event_decode_opts(struct zdh_event *ev, const char *json, size_t len, unsigned flags);

/* The raw commit object (content only, no "commit N\0" header). */
int zdh_event_commit(struct zdh_buf *out, const struct zdh_event *ev, const char *parent);
/*
 * The same; *json_at is the offset of the canonical JSON in out (it ends
 * before the last byte), data[0] and data[1] where its data is in it and
 * its length (as zdh_event_data_span() finds them).
 */
int zdh_event_commit_at(struct zdh_buf *out, const struct zdh_event *ev, const char *parent,
			size_t *json_at, size_t data[2]);
/*
 * What a line of a commit's headers (len bytes, its newline not counted) is
 * to every reader of zdh: 1 a parent line, "parent " and 40 digits (the id
 * into parent, NUL-ended), -1 another line that starts "parent " (no
 * parent, and no proof of one), 0 any other line.
 */
int zdh_event_parent_line(const char *line, size_t len, char parent[41]);
/*
 * Parse a raw commit written by zdh_event_commit.  parent gets the first
 * parent ("" for a root), *nparents how many there were.
 */
int zdh_event_parse_commit(struct zdh_event *ev, char parent[41], int *nparents,
			   const char *raw, size_t len);
/* The same with decode flags; *json_at, *json_len locate the event's JSON in raw. */
int zdh_event_parse_commit_opts(struct zdh_event *ev, char parent[41], int *nparents,
				const char *raw, size_t len, unsigned flags,
				size_t *json_at, size_t *json_len);

/*
 * Where the data object is in an event's canonical JSON: 0 with *at,
 * *len set, or -1 when the text is not of the canonical shape.
 */
int zdh_event_data_span(const char *json, size_t len, size_t *at, size_t *dlen);

/* 1 when s is usable as a name or email in a commit header (no <, >, newline). */
int zdh_ident_valid(const char *s);
/*
 * 1 when an ident header's value, from name (after "author " or
 * "committer ") to eol, is "NAME <EMAIL> SECONDS +HHMM" as git fsck takes
 * it (no '<' in the name, no zero-padded date, nothing after the zone).
 */
int zdh_ident_line_ok(const char *name, const char *eol);
/* The most characters of a name, email or dept zdh writes (the rules read any). */
#define ZDH_IDENT_MAX 200
/* s's characters when they are more than ZDH_IDENT_MAX, else 0 (zdh config and a write refuse it). */
size_t zdh_ident_too_long(const char *s);
/*
 * A name, email or dept as typed, for a commit's author line (after
 * zdh_ident_valid()): no control character, no invisible one (a name
 * that looks like another's, zdh_name_visible()), and with email an
 * address: name@domain, no blank, comma or quote.  0 or ZDH_EINVALID
 * naming what.  Checked when set and when written, never on replay.
 */
int zdh_ident_plain(const char *what, const char *s, int email);
/*
 * 1 when s is an address as a principal of an allowed-signers file reads
 * one: one '@', neither first nor last, and no blank, control byte,
 * comma or quote (a comma makes two principals, "x@y.org,*" every one,
 * and a blank ends the principals: "x@y.org cert-authority" makes the
 * key a CA).  Bytes only, no Unicode table: the fold of a person's add
 * asks it too, and every replica must judge alike (person.c).
 */
int zdh_email_shaped(const char *s);
/*
 * A name, email or dept that is to be an author's, from zdh config, the
 * environment or a config written by hand: zdh_ident_valid(), at most
 * ZDH_IDENT_MAX characters, then zdh_ident_plain().  0 or ZDH_EINVALID
 * naming what.
 */
int zdh_ident_check(const char *what, const char *s, int email);

#endif

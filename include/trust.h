/*
 * trust — who may write what, as every replica folds it (issue 11 §4–§5,
 * zdh-repository(5) TRUST).  The person events (people, their keys, their
 * roles, and the repository's own setting zdh.require-signatures) are
 * folded first, in fold order, each with the signature of its commit: a
 * person event has effect only when it is signed by a key valid, at its
 * recorded time, of a person the events before it made (the first, the
 * founder's add, is signed by the key it gives), and, once any role is
 * granted, by a sub-district admin.  What comes out (struct zdh_trust)
 * then judges every other event from the event, its signature and its
 * record's state alone:
 *
 *  - with require-signatures on, an event must be signed by a key valid
 *    at its recorded time, unless its log had it when the setting was
 *    written (the setting pins each log's clock then);
 *  - once a role is granted, the writer (the person of the signing key)
 *    must hold, at the event's recorded time, one of the roles its
 *    operation names (struct zdh_op's roles), in the area or department
 *    the event is about; an operation naming none needs any role but
 *    auditor.
 *
 * A repository with neither is judged as before: no check at all.  The
 * same functions serve the write path (a refusal, nothing written), the
 * index's fold (no effect, with the reason as the note), pull's report
 * and verify.
 */
#ifndef ZDH_TRUST_H
#define ZDH_TRUST_H

#include <jansson.h>

#include "buf.h"
#include "event.h"
#include "sign.h"

struct zdh_trust;
struct zdh_op;

/* A person event and the signature of its commit. */
struct zdh_trust_event {
	struct zdh_event *ev;
	enum zdh_sig_status sig;		/* UNSIGNED, BAD or GOOD */
	unsigned char pub[ZDH_PUBKEY_LEN];	/* when GOOD */
};

/*
 * Fold the person events, given in fold order (clock, replica, id).
 * founder: the id of the founder's add this replica pinned
 * (person.founder), or NULL: then the first add that claims it (below) in
 * fold order is the founder.
 */
struct zdh_trust *zdh_trust_build(struct zdh_trust_event *evs, size_t n, const char *founder);

/* Does ev claim to be the founder's add: a person add signed by the very key it gives? */
int zdh_trust_founder_claim(const struct zdh_event *ev, enum zdh_sig_status sig,
			    const unsigned char *pub);

/* The founder pinned when the trust was folded (NULL: none). */
const char *zdh_trust_founder(const struct zdh_trust *t);
void zdh_trust_free(struct zdh_trust *t);

/* 1 when it judges anything: signatures are required or a role was granted. */
int zdh_trust_active(const struct zdh_trust *t);
int zdh_trust_requires(const struct zdh_trust *t);
int zdh_trust_roles(const struct zdh_trust *t);

/* Why the fold gave person event id no effect; NULL when it has effect (or is unknown). */
const char *zdh_trust_person_note(const struct zdh_trust *t, const char *id);

/*
 * While a command writes (cmd/lib/common.c), name(arg, id) gives the name of
 * the org a role's area or department is: a refusal then names roles by
 * their displayed word and orgs by name ("needs the role 居委会工作人员 of
 * 新桥").  NULL (as in the fold, whose notes are stored): by id, in English.
 */
void zdh_trust_naming(const char *(*name)(void *arg, const char *id), void *arg);

/*
 * Judge an event of another kind (op is its operation, state its record's
 * state before it, NULL when new): 0, or ZDH_EINVALID with the reason.
 * sig and pub are its commit's signature (pub when GOOD; for a write, the
 * key it will be signed with, or UNSIGNED; writing 1, and a refused
 * signature's reason says what to do).
 */
int zdh_trust_judge(const struct zdh_trust *t, const struct zdh_op *op, const json_t *state,
		    const struct zdh_event *ev, enum zdh_sig_status sig,
		    const unsigned char *pub, int writing);

/*
 * The version of the trust's rules: bumped when the fold or a judgement
 * changes meaning, so that every index folds its records again (the
 * person kind's fingerprint holds it, index-kinds.c).
 */
#define ZDH_TRUST_VERSION 10

/*
 * What the judgements depend on, as canonical JSON (the index keeps it,
 * so that a write does not fold the person events again), and the trust
 * it was made from (NULL when text is not that of this ZDH_TRUST_VERSION).
 */
void zdh_trust_text(const struct zdh_trust *t, struct zdh_buf *out);
struct zdh_trust *zdh_trust_parse(const char *text, size_t len);

/* The same as a digest: a new one means fold again. */
void zdh_trust_fingerprint(const struct zdh_trust *t, struct zdh_buf *out);

/*
 * The end of a key's or a grant's period, as the person kind keeps it
 * ("until_at": [clock, replica, id], the revocation's place in fold
 * order): what zdh_when_within() compares the events of its second with.
 * *has 0 when the entry has none (open, or folded by an older zdh).
 */
struct zdh_when zdh_until_at(const json_t *entry, int *has);

/* The roles there are (DOMAIN.md), NULL-terminated; 1 when name is one. */
extern const char *const zdh_roles[];
int zdh_role_valid(const char *name);

#endif

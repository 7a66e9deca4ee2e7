/*
 * person — the people allowed to sign events, and their keys (issue 11
 * §4): the record kind "person" (letter U, ids XQ-U1) with the operations
 * add, key-add and key-revoke; and the registry of keys that verify
 * checks signatures against.  State of a person:
 *   {"name": "王芳", "email": "wf@example.org",
 *    "keys": [{"key": "ssh-ed25519 AAAA...", "from": "2026-...+08:00",
 *              "until": "2026-...+08:00"}]}
 * A key signs from the time its event was recorded until the date of its
 * revocation (absent while it is not revoked).
 */
#ifndef ZDH_PERSON_H
#define ZDH_PERSON_H

#include <jansson.h>

#include "date.h"
#include "error.h"
#include "sign.h"
#include "store.h"

extern const struct zdh_kind zdh_kind_person;

/*
 * Writes.  key is an "ssh-ed25519 ..." line (or NULL for a person without
 * one).  The writer must sign with a key valid now of a person already in
 * the registry; the first person (the founder) is added by someone
 * signing with the very key given for them.
 */
int zdh_person_add(struct zdh_txn *txn, const char *name, const char *email, const char *key,
		   const struct zdh_time *date, char **id);
int zdh_person_key_add(struct zdh_txn *txn, const char *id, const char *key,
		       const struct zdh_time *date);
/*
 * compromised: the key signs only the events this office's logs hold now,
 * whatever their date (data.logs, as a setting's), for a key that was
 * stolen or copied: its holder could date an event before the revocation.
 */
int zdh_person_key_revoke(struct zdh_txn *txn, const char *id, const char *key,
			  int compromised, const struct zdh_time *date);

/*
 * Roles (include/trust.h): grant role to person id, in area or dept (an
 * org's name or id; NULL: everywhere), from and until (NULL: from the
 * event's date, open); revoke-role ends the grant named the same way at
 * the event's date.  The first role granted must be subdistrict-admin.
 */
int zdh_person_grant(struct zdh_txn *txn, const char *id, const char *role, const char *area,
		     const char *dept, const struct zdh_time *from, const struct zdh_time *until,
		     const struct zdh_time *date);
int zdh_person_revoke_role(struct zdh_txn *txn, const char *id, const char *role,
			   const char *area, const char *dept, const struct zdh_time *date);
/*
 * The repository-wide setting zdh.require-signatures ("true" or
 * "false"), written as a signed event on the writer's own person record,
 * pinning the clock each log had reached (what was written before it).
 */
int zdh_person_require_signatures(struct zdh_txn *txn, const char *value,
				  const struct zdh_time *date);

/* The registry of keys, read from the index. */
struct zdh_keyring;
int zdh_keyring_load(struct zdh_keyring **out, struct zdh_index *idx);
void zdh_keyring_free(struct zdh_keyring *k);
/* 1 when at least one person has a key: signatures are then checked. */
int zdh_keyring_active(const struct zdh_keyring *k);
/*
 * The clock of the first person event with effect: unsigned events of
 * version 1 at or below it were written before signatures existed.
 */
long long zdh_keyring_since(const struct zdh_keyring *k);
/*
 * Is an event of this signature status, written before the repository had
 * people (its clock not above zdh_keyring_since), left unreported?  When
 * unsigned, or signed by a key a person was given later (the founder's,
 * set before the founder was added); not by a key no person has.
 */
int zdh_sig_before_people(enum zdh_sig_status st);

/*
 * The signature of a raw event commit checked against the keyring at its
 * recorded time: the status, and the person (id and name, owned by the
 * keyring) when the key is one of theirs.
 */
enum zdh_sig_status zdh_keyring_check(const struct zdh_keyring *k, const char *raw, size_t len,
				      const struct zdh_when *w, const char **person,
				      const char **name);
/*
 * What the keyring says of key pub for an event written when w says
 * (zdh_when_within: its recorded second, its fold order within the second
 * of a revocation): UNKNOWN, REVOKED or GOOD (person set).
 */
enum zdh_sig_status zdh_keyring_lookup(const struct zdh_keyring *k,
				       const unsigned char pub[ZDH_PUBKEY_LEN], const struct zdh_when *w,
				       const char **person, const char **name);
/*
 * The keyring of a set of person events, folded in fold order by the
 * kind's own check and apply (verify reads the logs, not the index).  The
 * array is sorted in place.
 */
int zdh_keyring_from_events(struct zdh_keyring **out, struct zdh_event **evs, size_t n);

/* The same for the event commit w->id (read from the store); BAD when it cannot be read. */
struct zdh_repo;
enum zdh_sig_status zdh_event_signature(struct zdh_repo *repo, const struct zdh_keyring *k,
					const struct zdh_when *w, const char **person,
					const char **name);

/*
 * The lines a pull names a peer's events in, each list capped (error.h):
 * malformed, without effect (the trust's and the prefixes' refusals),
 * signed wrong.
 */
struct zdh_refusal_caps {
	struct zdh_warn_cap malformed, refused, signature;
};
/* The line of each list of c that had more than it named: "and N more ..., not named here". */
void zdh_refusal_caps_end(const struct zdh_refusal_caps *c);

/*
 * For pull: once people have keys, warn (one line each, capped in caps)
 * of the events of the log ref from tip back to stop (exclusive; "" for
 * the whole log) that are not signed by a valid key; *bad counts them.
 */
int zdh_signatures_report(struct zdh_repo *repo, struct zdh_index *idx, const char *ref,
			  const char *tip, const char *stop, struct zdh_refusal_caps *caps,
			  long long *bad);


/* Persons in id order, as JSON objects {"id":..., "name":..., "email":..., "keys":[...]}. */
int zdh_person_list(struct zdh_index *idx, json_t **out);
int zdh_person_get(struct zdh_index *idx, const char *id, json_t **out);

#endif

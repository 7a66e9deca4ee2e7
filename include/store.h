/*
 * store — the logs in git: reading event commits, and the write path
 * (DESIGN §3) as a transaction that holds the write lock.
 */
#ifndef ZDH_STORE_H
#define ZDH_STORE_H

#include <jansson.h>
#include <stdint.h>

#include "buf.h"
#include "date.h"
#include "kind.h"
#include "odb.h"

struct zdh_repo;
struct zdh_index;

/*
 * A write: validate input first, then zdh_txn_begin() takes the lock and
 * catches the index up; zdh_txn_event() checks each event against the
 * current state and applies it inside the index transaction;
 * zdh_txn_commit() writes the commits (loose, or one pack for many),
 * moves the log ref with compare-and-swap and fsync, and commits the
 * index.  zdh_txn_free() without commit changes nothing.  The lock is
 * let go by the commit or the free, unless the caller held it before
 * zdh_txn_begin() (zdh replica recover, which has more to do under it).
 */
struct zdh_txn;

int zdh_txn_begin(struct zdh_txn **out, struct zdh_repo *repo);
/*
 * The same for many events (imports): they go into one pack however few
 * they are, and their index rows are written on a second thread, straight
 * into index.db when no other process has it open (index.h).
 */
int zdh_txn_begin_bulk(struct zdh_txn **out, struct zdh_repo *repo);
/*
 * Add one event.  record NULL makes a new record with the next id (given
 * back in *record_out when not NULL, owned by the caller).  data is stolen.
 * date NULL means now.  Returns ZDH_ESTATE/ZDH_EINVALID when the kind's
 * check refuses it.
 */
int zdh_txn_event(struct zdh_txn *txn, const struct zdh_kind *kind, const char *record,
		  const char *op, json_t *data, const char *summary,
		  const struct zdh_time *date, char **record_out);
/*
 * Write orig (an event of another log, read back) again in this
 * transaction's log, as the same person at the same date with the same
 * attachments, for record (NULL: a new id, given back in *record_out)
 * with data (stolen) and summary.  It is written even when the record's
 * state now refuses it: the fold keeps it with no effect, as it keeps a
 * concurrent event.  For zdh replica recover, in a transaction begun with
 * zdh_txn_begin_replay() (which writes in a copied repository too).
 */
int zdh_txn_begin_replay(struct zdh_txn **out, struct zdh_repo *repo);
int zdh_txn_replay(struct zdh_txn *txn, const struct zdh_kind *kind, const char *record,
		   const struct zdh_event *orig, json_t *data, const char *summary,
		   char **record_out);
/*
 * Files kept with the next event (photos, scanned consents): each becomes
 * a blob in the event commit's tree, and the event's data gets
 * "attachments": [{"name": ..., "id": <blob id>, "size": N}, ...] before
 * the kind's check() runs.  Names must be unique within one event, 1–100
 * characters, no '/'.  Call before zdh_txn_event(); the data is copied.
 */
int zdh_txn_attach(struct zdh_txn *txn, const char *name, const void *data, size_t len);

struct zdh_index *zdh_txn_index(struct zdh_txn *txn);
/* The public key (32 bytes) that signs this transaction's events, or NULL. */
const unsigned char *zdh_txn_signer(const struct zdh_txn *txn);
/* A number no other transaction of this process has had (for per-write memos). */
unsigned long zdh_txn_serial(const struct zdh_txn *txn);
int zdh_txn_commit(struct zdh_txn *txn);
void zdh_txn_free(struct zdh_txn *txn);

/* Open the repository's index and catch it up: what every command does first. */
int zdh_repo_index(struct zdh_index **out, struct zdh_repo *repo);

#endif

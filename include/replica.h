/*
 * replica — this repository as one writer among the offices: confirm a
 * copy as the only one left, recover a diverged log under a new replica
 * (core/replica.c, zdh-replica(1)).
 */
#ifndef ZDH_REPLICA_H
#define ZDH_REPLICA_H

#include <stddef.h>

struct zdh_repo;

/* This copy is the one that writes (the original is gone): record its folder. */
int zdh_replica_confirm(struct zdh_repo *repo);

struct zdh_recover_options {
	const char *replica;	/* the new replica name */
	const char *prefix;	/* and its id prefix */
	const char *from;	/* the ref of the history the others hold; NULL: the one kept aside */
};
#define ZDH_RECOVER_OPTIONS_INIT { NULL, NULL, NULL }

struct zdh_recover_stats {
	size_t events;		/* events written again */
	size_t renumbered;	/* records given a new id */
	char *saved;		/* where our old log is kept (caller frees), or NULL */
	char *old;		/* the replica's old name (caller frees) */
	int written_before;	/* its events were all written again before it stopped */
};

/*
 * Become replica o->replica with prefix o->prefix, and write again the
 * events of this replica's log that the history kept aside lacks;
 * renumbered (may be NULL) is told each old id and its new one.  With
 * the mark of a recovery that was stopped (ZDH_MARK_RECOVERING), finish
 * that one instead: o's fields may then be NULL, and those given must be
 * the stopped one's (else ZDH_EINVALID).  Without the mark, o->replica
 * and o->prefix are needed.
 */
int zdh_replica_recover(struct zdh_repo *repo, const struct zdh_recover_options *o,
			int (*renumbered)(const char *from, const char *to, void *payload),
			void *payload, struct zdh_recover_stats *st);

/*
 * A copy restored from an older backup (zdh replica confirm), whose
 * original wrote on and pushed before it was lost: pull keeps the longer
 * history of this replica's own log aside, as another clone's.  Take it
 * back: when this log is all in the copy kept aside (from, or the one
 * under refs/zdh/diverged/), the log moves forward to it and the copy
 * kept aside goes.  *kept_ref (caller frees) names what was taken, NULL
 * when nothing is kept aside; *events counts the events this log did not
 * have.  ZDH_EINVALID when this log has events of its own after it (then
 * only zdh_replica_recover() joins them).
 */
int zdh_replica_take_back(struct zdh_repo *repo, const char *from, char **kept_ref, size_t *events);

#endif

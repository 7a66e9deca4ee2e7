/*
 * audit — what an auditor asks of a repository: verify every log, and
 * export the whole current state deterministically.
 */
#ifndef ZDH_AUDIT_H
#define ZDH_AUDIT_H

#include <stdio.h>

struct zdh_repo;
struct zdh_index;

/*
 * Walk every log under refs/zdh/: objects intact (ids re-hashed), and
 * every commit a valid event by the rules of core/rules.c (its log's
 * replica, clocks strictly increasing along the chain, ...).  Each invalid
 * event is given to problem ("REF: commit ID: invalid event (RULE: why)")
 * and the walk goes on; then ZDH_ECORRUPT counting them.  A missing or
 * damaged object is ZDH_ECORRUPT with "REF: commit ID: problem" at once.
 * *logs and *events count what was checked.
 */
int zdh_verify(struct zdh_repo *repo, long long *logs, long long *events,
	       void (*problem)(const char *msg, void *payload), void *payload);

/* The whole current state as JSON, byte-identical for the same events. */
int zdh_export(struct zdh_index *idx, FILE *out);

#endif

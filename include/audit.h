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
 * Walk every log under refs/zdh/: objects intact (ids re-hashed), one
 * linear chain, each commit a canonical event of its log's replica with a
 * known kind, operation and record id, clocks strictly increasing along
 * the chain.  ZDH_ECORRUPT with "REF: commit ID: problem" for the first
 * problem.  *logs and *events count what was checked.
 */
int zdh_verify(struct zdh_repo *repo, long long *logs, long long *events);

/* The whole current state as JSON, byte-identical for the same events. */
int zdh_export(struct zdh_index *idx, FILE *out);

#endif

#ifndef ZDH_FSCK_H
#define ZDH_FSCK_H

#include <stddef.h>

/*
 * What git fsck would report of a commit or a tree (git's fsck.c:
 * fsck_commit, fsck_ident, fsck_tree): 0 when nothing, else -1 with *why
 * set to git's name for the first problem ("badDate", "treeNotSorted",
 * ...).  Errors are refused, and the warnings of things zdh never writes
 * (an empty or full path name, ".", "..", ".git", a zero-padded mode, a
 * null id, a NUL in a commit), so that `git fsck` of a repository stays
 * silent whatever a peer's folder held.  buf holds len bytes and a NUL
 * after them.
 */
int zdh_fsck_commit(const char *buf, size_t len, const char **why);
int zdh_fsck_tree(const char *buf, size_t len, const char **why);

#endif

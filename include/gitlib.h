/*
 * gitlib — libgit2, loaded on demand.
 *
 * zdh does not link libgit2: loading it and its dependencies costs about
 * 2 ms per process and git_libgit2_init() about 5 ms more (Debian's build
 * parses the system CA bundle), which would dominate a command that writes
 * one event.  Objects and refs are read and written by zdh itself
 * (core/odb.c, core/pack.c, core/packread.c); this module dlopen()s
 * libgit2 the first time sync needs its transports, and is the only place
 * that knows how.
 *
 * Use G(git_function)(args...) for every libgit2 call; add the function to
 * ZDH_GIT_SYMBOLS first.  The pointers have the exact types of git2.h.
 */
#ifndef ZDH_GITLIB_H
#define ZDH_GITLIB_H

#include <git2.h>

#define ZDH_GIT_SYMBOLS(X) \
	X(git_libgit2_init) \
	X(git_libgit2_opts) \
	X(git_error_last) \
	X(git_repository_open_bare) \
	X(git_repository_odb) \
	X(git_repository_free) \
	X(git_odb_free) \
	X(git_odb_read) \
	X(git_odb_exists) \
	X(git_odb_object_data) \
	X(git_odb_object_size) \
	X(git_odb_object_type) \
	X(git_odb_object_free) \
	X(git_oid_fromstr) \
	X(git_oid_tostr_s) \
	/* sync (core/sync.c) */ \
	X(git_remote_create_with_opts) \
	X(git_remote_fetch) \
	X(git_remote_connect) \
	X(git_remote_ls) \
	X(git_remote_upload) \
	X(git_remote_disconnect) \
	X(git_remote_free) \
	X(git_graph_descendant_of) \
	X(git_commit_lookup) \
	X(git_commit_free) \
	X(git_credential_ssh_key_from_agent) \
	X(git_credential_ssh_key_new) \
	X(git_reference_remove)

#define ZDH_GIT_DECLARE(f) extern __typeof__(f) *zdh_git_p_##f;
ZDH_GIT_SYMBOLS(ZDH_GIT_DECLARE)
#undef ZDH_GIT_DECLARE

#define G(f) (zdh_git_p_##f)

/* Load and initialise libgit2 (once); 0 or ZDH_ERROR with a message. */
int zdh_git_load(void);
/* Open the bare repository at gitdir (loads libgit2 first). */
int zdh_git_open(git_repository **out, const char *gitdir);
/*
 * libgit2's message msg (NULL for none), allocated: in the user's words
 * when it is one an office meets on the network (a host it cannot reach
 * or find, a URL with no repository, a certificate, TLS), what libgit2
 * put after it (the system's reason, the host) kept; others as they are.
 */
char *zdh_git_message(const char *msg);
/* Record libgit2's last error as ours (its words as zdh_git_message's): returns ZDH_ERROR. */
int zdh_git_error(const char *what);
/* Delete refs by name through libgit2 (they may be packed); 0 or the first failure. */
int zdh_git_remove_refs(const char *gitdir, char *const *names, size_t n);

#endif

/*
 * gitlib — loads libgit2 with dlopen() on first use (see include/gitlib.h
 * for why).  It owns the function pointers and the one-time set-up
 * (fsync of everything libgit2 writes); it must never be needed on the
 * path that writes one event.
 */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "error.h"
#include "gitlib.h"
#include "i18n.h"

#ifndef ZDH_LIBGIT2_SONAME
#define ZDH_LIBGIT2_SONAME "libgit2.so"
#endif

#define ZDH_GIT_DEFINE(f) __typeof__(f) *zdh_git_p_##f;
ZDH_GIT_SYMBOLS(ZDH_GIT_DEFINE)
#undef ZDH_GIT_DEFINE

static int loaded;

int zdh_git_load(void)
{
	void *h;

	if (loaded)
		return 0;
	h = dlopen(ZDH_LIBGIT2_SONAME, RTLD_NOW | RTLD_LOCAL);
	if (!h)
		return zdh_error_set(ZDH_ERROR, _("cannot load libgit2: %s"), dlerror());
#define ZDH_GIT_RESOLVE(f) \
	if (!(*(void **)&zdh_git_p_##f = dlsym(h, #f))) \
		return zdh_error_set(ZDH_ERROR, _("cannot load libgit2: no symbol %s"), #f);
	ZDH_GIT_SYMBOLS(ZDH_GIT_RESOLVE)
#undef ZDH_GIT_RESOLVE
	if (G(git_libgit2_init)() < 0)
		return zdh_git_error(_("cannot initialise libgit2"));
	/* What zdh reports as written must survive a power cut. */
	G(git_libgit2_opts)(GIT_OPT_ENABLE_FSYNC_GITDIR, 1);
	/*
	 * A hub in a folder on a shared drive is owned by whichever office's
	 * account made it, and every other one pushes into it (zdh-sync(1)).
	 * libgit2 refused to open it as another user's ("config value
	 * 'safe.directory' was not found"), a check git makes against hooks
	 * and programs a planted repository names: neither libgit2 nor zdh
	 * runs any.  The file permissions decide who writes, as for git.
	 */
	G(git_libgit2_opts)(GIT_OPT_SET_OWNER_VALIDATION, 0);
	/*
	 * zdh reads each object once: a cache only grows the memory of a
	 * reindex, and so do pack windows, which libgit2 keeps mapped up to
	 * 8 GiB by default (a reindex of a million events had 325 MiB of its
	 * pack resident).  Keep 16 MiB of 4 MiB windows.
	 */
	G(git_libgit2_opts)(GIT_OPT_ENABLE_CACHING, 0);
	G(git_libgit2_opts)(GIT_OPT_SET_MWINDOW_SIZE, (size_t)4 << 20);
	G(git_libgit2_opts)(GIT_OPT_SET_MWINDOW_MAPPED_LIMIT, (size_t)16 << 20);
	loaded = 1;
	return 0;
}

/* What msg has after prefix, or NULL when it does not start with it. */
static const char *after(const char *msg, const char *prefix)
{
	size_t n = strlen(prefix);

	return strncmp(msg, prefix, n) ? NULL : msg + n;
}

char *zdh_git_message(const char *msg)
{
	const char *rest;

	if (!msg || !*msg)
		return zdh_strdup(_("unknown error"));
	/* libgit2 1.5's words (src/util/net.c, src/libgit2/transports/) */
	if ((rest = after(msg, "failed to connect to ")))
		return zdh_asprintf(_("cannot connect to %s"), rest);
	if ((rest = after(msg, "failed to resolve address for ")))
		return zdh_asprintf(_("cannot find the address of %s"), rest);
	if ((rest = after(msg, "unexpected http status code: ")))
		return !strcmp(rest, "404") ? zdh_strdup(_("no repository at that URL (HTTP 404)")) :
			zdh_asprintf(_("the server answered HTTP %s"), rest);
	if ((rest = after(msg, "the SSL certificate is invalid: ")))
		return zdh_asprintf(_("the server's certificate is not valid: %s"), rest);
	if ((rest = after(msg, "SSL error: ")))
		return zdh_asprintf(_("TLS error: %s"), rest);
	if (!strcmp(msg, "too many redirects or authentication replays"))
		return zdh_strdup(_("too many redirects or refused logins"));
	return zdh_strdup(msg);
}

int zdh_git_error(const char *what)
{
	const git_error *e = loaded || zdh_git_p_git_error_last ? G(git_error_last)() : NULL;
	char *msg;
	int err;

	if (!e || !e->message)
		return zdh_error_set(ZDH_ERROR, "%s", what);
	msg = zdh_git_message(e->message);
	err = zdh_error_set(ZDH_ERROR, "%s: %s", what, msg);
	free(msg);
	return err;
}

int zdh_git_open(git_repository **out, const char *gitdir)
{
	int err = zdh_git_load();

	if (err)
		return err;
	if (G(git_repository_open_bare)(out, gitdir) < 0)
		return zdh_git_error(_("cannot open repository"));
	return 0;
}

int zdh_git_remove_refs(const char *gitdir, char *const *names, size_t n)
{
	git_repository *g;
	int err;

	if (!n)
		return 0;
	if ((err = zdh_git_open(&g, gitdir)))
		return err;
	for (size_t i = 0; i < n && !err; i++)
		if (G(git_reference_remove)(g, names[i]) < 0)
			err = zdh_git_error(names[i]);
	G(git_repository_free)(g);
	return err;
}

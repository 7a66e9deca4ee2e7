/*
 * sync — remotes, pull, push and clone over libgit2's transports.
 *
 * Decisions (the user-visible ones are in zdh-sync(1), zdh-remote(1),
 * zdh-clone(1) and zdh-repository(5)):
 *
 * - A remote is a [remote "NAME"] section of .zdh/config, as git writes
 *   it, with fetch = +refs/zdh/log/R:refs/zdh/remotes/NAME/R (R: every replica).  zdh always
 *   passes its refspecs explicitly to an anonymous libgit2 remote made
 *   from the URL, so a hand-edited fetch line changes nothing.
 * - pull fetches into the remote-tracking refs (forced: they mirror the
 *   remote, whatever it did), then, holding the repository's write lock,
 *   compares each fetched log with ours and moves ours only forward, by
 *   compare-and-swap (zdh_ref_update).  A log that diverged is kept aside
 *   under refs/zdh/diverged/REMOTE/REPLICA; if that ref already holds a
 *   different history that the new one does not extend, the new one gets
 *   REPLICA.2, .3 ... so nothing kept aside is ever overwritten.
 * - Our own log is taken from a remote only when we have none (a restored
 *   office); a remote holding it ahead of us means someone else writes
 *   under our replica name: refused and kept aside like a divergence.
 * - push first reads the remote's refs and sends only the logs that move
 *   forward there; a log the remote has ahead or diverged is reported and
 *   the others are still sent.  Each update carries the remote's old tip,
 *   so a remote that moved meanwhile refuses it.  Into a folder, a ref
 *   that cannot be written there (a full disk) is an error that stops the
 *   push, not a refusal; the logs moved before it stay moved.  push never
 *   changes a local ref.
 * - Credentials: ssh keys from ssh-agent, then ~/.ssh/id_ed25519,
 *   id_ecdsa, id_rsa without passphrase; http(s) user:password in the URL
 *   (libgit2 uses them itself).  Each kind is tried once: a wrong key is
 *   an error, never a loop.
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <pwd.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "conflict.h"
#include "error.h"
#include "gitlib.h"
#include "i18n.h"
#include "lockfile.h"
#include "index.h"
#include "odb.h"
#include "person.h"
#include "prefix.h"
#include "pack.h"
#include "objects.h"
#include "output.h"
#include "packread.h"
#include "repo.h"
#include "rules.h"
#include "sha1.h"
#include "store.h"
#include "sync.h"
#include "watchdog.h"

#define LOG_PREFIX "refs/zdh/log/"
#define TRACK_PREFIX "refs/zdh/remotes/"
#define DIVERGED_PREFIX "refs/zdh/diverged/"

/* ---- remotes in the config ---- */

int zdh_remote_name_valid(const char *name)
{
	size_t n = name ? strlen(name) : 0;

	if (!n || n > 64 || name[0] == '.' || name[0] == '-')
		return 0;
	for (const char *p = name; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9') || *p == '-' || *p == '_' || *p == '.'))
			return 0;
	if (strstr(name, "..") || (n >= 5 && !strcmp(name + n - 5, ".lock")))
		return 0;
	return 1;
}

static int check_name(const char *name)
{
	if (!zdh_remote_name_valid(name))
		return zdh_error_set(ZDH_EINVALID,
				     _("'%s' is not a valid remote name (letters, digits, '-', '_', '.')"),
				     name ? name : "");
	return 0;
}

static const char *remote_url(struct zdh_repo *repo, const char *name)
{
	char *key = zdh_asprintf("remote.%s.url", name);
	const char *url = zdh_config_get(repo->config, key);

	free(key);
	return url && *url ? url : NULL;
}

/* A URL that names a local folder: no scheme and not scp-like host:path. */
static int url_is_local_path(const char *url)
{
	const char *colon = strchr(url, ':'), *slash = strchr(url, '/');

	if (strstr(url, "://"))
		return 0;
	return !colon || (slash && slash < colon);
}

static char *absolute_path(const char *url)
{
	char cwd[PATH_MAX], real[PATH_MAX];

	/* an existing folder by its real path; otherwise as given, made absolute */
	if (realpath(url, real))
		return zdh_strdup(real);
	if (url[0] == '/' || !getcwd(cwd, sizeof(cwd)))
		return zdh_strdup(url);
	return zdh_asprintf("%s/%s", cwd, !strncmp(url, "./", 2) ? url + 2 : url);
}

/*
 * A local URL made absolute; a folder that holds a zdh repository stands
 * for its .zdh, as `git clone office` takes office/.git.
 */
static char *absolute_url(const char *url)
{
	struct stat st;
	char *abs, *inner;

	if (!url_is_local_path(url))
		return zdh_strdup(url);
	abs = absolute_path(url);
	inner = zdh_asprintf("%s/.zdh/objects", abs);
	if (stat(inner, &st) == 0 && S_ISDIR(st.st_mode)) {
		free(inner);
		inner = zdh_asprintf("%s/.zdh", abs);
		free(abs);
		return inner;
	}
	free(inner);
	return abs;
}

static int set_key(struct zdh_repo *repo, const char *name, const char *field, const char *value)
{
	char *key = zdh_asprintf("remote.%s.%s", name, field);
	int err = zdh_config_set(zdh_repo_config_path(repo), key, value);

	free(key);
	if (err == ZDH_ENOTFOUND && !value)
		err = 0;	/* unsetting what is not there */
	return err;
}

static int write_remote(struct zdh_repo *repo, const char *name, const char *url)
{
	char *fetch = zdh_asprintf("+" LOG_PREFIX "*:" TRACK_PREFIX "%s/*", name);
	int err = set_key(repo, name, "url", url);

	if (!err)
		err = set_key(repo, name, "fetch", fetch);
	free(fetch);
	return err;
}

int zdh_remote_add(struct zdh_repo *repo, const char *name, const char *url)
{
	char *abs;
	int err;

	if ((err = check_name(name)))
		return err;
	if (!url || !*url || strchr(url, '\n'))
		return zdh_error_set(ZDH_EINVALID, _("a remote needs a URL"));
	if (remote_url(repo, name))
		return zdh_error_set(ZDH_EEXISTS, _("remote '%s' exists already"), name);
	/* (every write of the config holds the write lock: see zdh_config_set_locked) */
	if ((err = zdh_repo_lock(repo)))
		return err;
	abs = absolute_url(url);
	err = write_remote(repo, name, abs);
	free(abs);
	zdh_repo_unlock(repo);
	if (!err)
		err = zdh_repo_reload_config(repo);
	return err;
}

struct refnames {
	char **name;
	char (*id)[41];
	size_t n;
};

static int collect_ref(const char *refname, const char *id, void *payload)
{
	struct refnames *r = payload;

	r->name = zdh_realloc(r->name, (r->n + 1) * sizeof(*r->name));
	r->id = zdh_realloc(r->id, (r->n + 1) * sizeof(*r->id));
	r->name[r->n] = zdh_strdup(refname);
	snprintf(r->id[r->n], 41, "%s", id);
	r->n++;
	return 0;
}

static void refnames_clear(struct refnames *r)
{
	for (size_t i = 0; i < r->n; i++)
		free(r->name[i]);
	free(r->name);
	free(r->id);
	memset(r, 0, sizeof(*r));
}

/* A ref name as a warning shows it: bytes that are no printable ASCII as \xNN. */
static char *shown_ref(const char *name)
{
	struct zdh_buf b = ZDH_BUF_INIT;

	for (const unsigned char *p = (const unsigned char *)name; *p && b.len < 200; p++)
		if (*p < 0x20 || *p >= 0x7f || *p == '\\')
			zdh_buf_addf(&b, "\\x%02x", *p);
		else
			zdh_buf_addch(&b, (char)*p);
	return zdh_buf_detach(&b);
}

/*
 * The first SKIPS_SAID names skipped are said one by one, the rest in one
 * line (said_skips): a hub that shows a hundred thousand such refs is not
 * a hundred thousand lines in a cron job's mail.
 */
#define SKIPS_SAID 5

/*
 * 1 when refname (refs/zdh/log/NAME) names a log a zdh writes: NAME a
 * replica name (zdh_replica_valid()).  Any other name a remote shows is
 * skipped with a warning (*skipped counts them), never copied into the
 * tracking refs: it could clash there with another (a hub's aaa/bbb, then
 * aaa: a ref cannot also be a folder) and make every later pull of that
 * remote fail.
 */

static int remote_log_ok(const char *refname, const char *remote, size_t *skipped)
{
	char *shown;

	if (!strncmp(refname, LOG_PREFIX, strlen(LOG_PREFIX)) &&
	    zdh_replica_valid(refname + strlen(LOG_PREFIX)))
		return 1;
	if (++*skipped <= SKIPS_SAID) {
		shown = shown_ref(refname);
		zdh_warn(_("%s from %s is not the log of a replica (a replica name is a-z, 0-9 and '-'); skipped"),
			 shown, remote);
		free(shown);
	}
	return 0;
}

static void said_skips(size_t skipped, const char *remote)
{
	if (skipped > SKIPS_SAID)
		zdh_warn(ngettext("and %zu more ref from %s that is not the log of a replica; skipped",
				  "and %zu more refs from %s that are not logs of replicas; skipped",
				  skipped - SKIPS_SAID),
			 skipped - SKIPS_SAID, remote);
}

static void problem(const struct zdh_sync_options *o, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * Keep only the refs of r that remote_log_ok() takes, and that are refs:
 * a log whose ref in the remote's folder is no plain file of an id
 * (zdh_ref_foreach_peer's "") is named and skipped, counted in failed.
 */
static void keep_remote_logs(struct refnames *r, const char *remote,
			     const struct zdh_sync_options *o, long long *failed)
{
	size_t k = 0, skipped = 0;

	for (size_t i = 0; i < r->n; i++) {
		if (!remote_log_ok(r->name[i], remote, &skipped)) {
			free(r->name[i]);
			continue;
		}
		if (!r->id[i][0]) {
			problem(o, _("%s from %s cannot be taken (its ref is not a plain file of an object id); skipped"),
				r->name[i], remote);
			++*failed;
			free(r->name[i]);
			continue;
		}
		r->name[k] = r->name[i];
		memcpy(r->id[k], r->id[i], 41);
		k++;
	}
	r->n = k;
	said_skips(skipped, remote);
}

static int tracking_refs(struct refnames *r, struct zdh_repo *repo, const char *name)
{
	char *prefix = zdh_asprintf(TRACK_PREFIX "%s/", name);
	int err = zdh_ref_foreach(repo->gitdir, prefix, collect_ref, r);

	free(prefix);
	return err;
}

int zdh_remote_remove(struct zdh_repo *repo, const char *name)
{
	struct refnames r = { 0 };
	int err;

	if ((err = check_name(name)))
		return err;
	if (!remote_url(repo, name))
		return zdh_error_set(ZDH_ENOTFOUND, _("no such remote '%s' (see 'zdh remote list')"), name);
	if ((err = zdh_repo_lock(repo)))
		return err;
	if (!(err = set_key(repo, name, "url", NULL)) && !(err = set_key(repo, name, "fetch", NULL)) &&
	    !(err = tracking_refs(&r, repo, name)))
		err = zdh_git_remove_refs(repo->gitdir, r.name, r.n);
	refnames_clear(&r);
	zdh_repo_unlock(repo);
	if (!err)
		err = zdh_repo_reload_config(repo);
	return err;
}

int zdh_remote_rename(struct zdh_repo *repo, const char *old_name, const char *new_name)
{
	struct refnames r = { 0 };
	char *url;
	int err;

	if ((err = check_name(old_name)) || (err = check_name(new_name)))
		return err;
	if (!remote_url(repo, old_name))
		return zdh_error_set(ZDH_ENOTFOUND, _("no such remote '%s' (see 'zdh remote list')"), old_name);
	if (remote_url(repo, new_name))
		return zdh_error_set(ZDH_EEXISTS, _("remote '%s' exists already"), new_name);
	if ((err = zdh_repo_lock(repo)))
		return err;
	url = zdh_strdup(remote_url(repo, old_name));
	err = write_remote(repo, new_name, url);
	if (!err && !(err = set_key(repo, old_name, "url", NULL)))
		err = set_key(repo, old_name, "fetch", NULL);
	if (!err)
		err = tracking_refs(&r, repo, old_name);
	for (size_t i = 0; i < r.n && !err; i++) {
		char *to = zdh_asprintf(TRACK_PREFIX "%s/%s", new_name,
					r.name[i] + strlen(TRACK_PREFIX) + strlen(old_name) + 1);
		err = zdh_ref_update(repo->gitdir, to, r.id[i], "", 1);
		free(to);
	}
	if (!err)
		err = zdh_git_remove_refs(repo->gitdir, r.name, r.n);
	refnames_clear(&r);
	free(url);
	zdh_repo_unlock(repo);
	if (!err)
		err = zdh_repo_reload_config(repo);
	return err;
}

struct foreach_ctx {
	struct zdh_repo *repo;
	int (*fn)(const char *name, const char *url, void *payload);
	void *payload;
};

static int foreach_key(const char *key, const char *value, void *payload)
{
	struct foreach_ctx *c = payload;
	size_t n = strlen(key);
	char *name;
	int err;

	(void)value;
	if (strncmp(key, "remote.", 7) || n < 12 || strcmp(key + n - 4, ".url"))
		return 0;
	name = zdh_strndup(key + 7, n - 11);
	/* the last url line wins, as in git: report the remote once, there */
	err = zdh_remote_name_valid(name) && remote_url(c->repo, name) == value ?
		c->fn(name, value, c->payload) : 0;
	free(name);
	return err;
}

int zdh_remote_foreach(struct zdh_repo *repo,
		       int (*fn)(const char *name, const char *url, void *payload), void *payload)
{
	struct foreach_ctx c = { repo, fn, payload };

	return zdh_config_foreach(repo->config, foreach_key, &c);
}

static int count_remote(const char *name, const char *url, void *payload)
{
	char **only = payload;

	(void)url;
	if (*only) {	/* "" once there are two */
		free(*only);
		*only = zdh_strdup("");
	} else {
		*only = zdh_strdup(name);
	}
	return 0;
}

int zdh_remote_default(struct zdh_repo *repo, char **name)
{
	char *only = NULL;
	int err;

	*name = NULL;
	if (remote_url(repo, "origin")) {
		*name = zdh_strdup("origin");
		return 0;
	}
	if ((err = zdh_remote_foreach(repo, count_remote, &only)))
		return err;
	if (!only)
		return zdh_error_set(ZDH_ENOTFOUND, _("no remote (see 'zdh remote add')"));
	if (!*only) {
		free(only);
		return zdh_error_set(ZDH_ENOTFOUND, _("no remote named 'origin': name the one to use (see 'zdh remote list')"));
	}
	*name = only;
	return 0;
}

/* ---- transports ---- */

struct xfer {
	const struct zdh_sync_options *o;
	const char *remote;
	int ssh_tries;
	/* ssh: how many keys were offered, and 1 once every one was tried */
	int ssh_offered, ssh_exhausted;
	int shown;
	/* http(s): 1 when the server asked for a password the URL has not, 2 when it refused the URL's */
	int http_auth;
	/* push: refs the remote refused, as "REF: status" */
	struct refnames refused;
	size_t received;	/* fetch: the objects received */
	/* fetch: 1 once an object git fsck refuses was received (the whole transfer is refused) */
	int fsck_refused;
	int pushing;	/* the copy is a push's, into the remote's folder */
	/* network: gives up after zdh.sync-timeout seconds without a sign of life */
	struct zdh_watchdog *watch;
};

/*
 * The URL as messages show it: an http(s) password is masked
 * (http://clerk:***@host/...), since errors end up in cron mail and logs.
 */
static char *shown_url(const char *url)
{
	const char *scheme = strstr(url, "://"), *at, *colon, *end;

	if (!scheme)
		return zdh_strdup(url);
	end = scheme + 3 + strcspn(scheme + 3, "/");
	for (at = end; at > scheme + 3 && at[-1] != '@'; at--)
		;
	at = at > scheme + 3 ? at - 1 : NULL;	/* the last '@' before the path */
	colon = at ? memchr(scheme + 3, ':', (size_t)(at - scheme - 3)) : NULL;
	if (!colon)
		return zdh_strdup(url);
	return zdh_asprintf("%.*s:***%s", (int)(colon - url), url, at);
}

/* The folder a remote's URL names (a path, or file://PATH), or NULL. */
static const char *local_path_of(const char *url)
{
	if (!strncmp(url, "file://", 7))
		return url + 7;
	return url_is_local_path(url) ? url : NULL;
}

/* Did libgit2 fail for a reason other than the folder holding no repository? */
static int e_says_repo(const git_error *e)
{
	return !e || !e->message || !strstr(e->message, "could not find repository");
}

/*
 * "zdh: <what> (<url>): <why>" on one line: why is libgit2's message, or
 * what the server said of the credentials when it asked for them.
 */
static int transport_error(const struct xfer *x, const char *what, const char *url)
{
	const git_error *e = G(git_error_last)();
	char *msg, *shown = shown_url(url);
	const char *path;
	struct stat st;
	int err;

	if (x && zdh_watchdog_fired(x->watch) == ZDH_WATCHDOG_SLOW)
		msg = zdh_asprintf(ngettext("the remote sent less than %lld bytes a second for %lld second: gave up (zdh.sync-low-speed)",
				      "the remote sent less than %lld bytes a second for %lld seconds: gave up (zdh.sync-low-speed)",
				      (unsigned long)zdh_watchdog_seconds(x->watch)),
				   zdh_watchdog_low_speed(x->watch), zdh_watchdog_seconds(x->watch));
	else if (x && zdh_watchdog_fired(x->watch))
		msg = zdh_asprintf(ngettext("the remote sent nothing for %lld second: gave up (zdh.sync-timeout)",
				      "the remote sent nothing for %lld seconds: gave up (zdh.sync-timeout)",
				      (unsigned long)zdh_watchdog_seconds(x->watch)),
				   zdh_watchdog_seconds(x->watch));
	else if (x && x->ssh_exhausted && x->ssh_offered)
		msg = zdh_strdup(_("the server accepted none of the ssh keys offered (ssh-agent, ~/.ssh/id_ed25519, id_ecdsa, id_rsa)"));
	else if (x && x->ssh_exhausted)
		msg = zdh_strdup(_("no ssh key to offer: no ssh-agent, and no ~/.ssh/id_ed25519, id_ecdsa or id_rsa"));
	else if (x && x->http_auth == 2)
		msg = zdh_strdup(_("the server refused the user name and password in the URL"));
	else if (x && x->http_auth == 1)
		msg = zdh_strdup(_("the server asks for a user name and password: give them in the URL (http://USER:PASSWORD@HOST/...)"));
	else if ((path = local_path_of(url)) && stat(path, &st) < 0)
		msg = zdh_strdup(_("no such folder"));	/* libgit2 said "unsupported URL protocol" */
	else if (path && !S_ISDIR(st.st_mode))
		msg = zdh_strdup(_("not a folder"));
	else if (path && !e_says_repo(e))
		msg = zdh_strdup(_("no git or zdh repository there"));
	else
		msg = zdh_git_message(e ? e->message : NULL);
	for (char *p = msg; *p; p++)
		if (*p == '\n' || *p == '\r')
			*p = ' ';
	for (size_t n = strlen(msg); n && msg[n - 1] == ' '; n--)
		msg[n - 1] = '\0';
	err = zdh_error_set(ZDH_ERROR, C_("a remote that failed: what (where): why", "%s (%s): %s"),
			    what, shown, msg);
	free(shown);
	free(msg);
	return err;
}

static int credentials(git_credential **out, const char *url, const char *user_from_url,
		       unsigned int allowed, void *payload)
{
	struct xfer *x = payload;
	const char *user = user_from_url && *user_from_url ? user_from_url : "git";
	static const char *const keys[] = { "id_ed25519", "id_ecdsa", "id_rsa" };
	const char *home = getenv("HOME");

	zdh_watchdog_poke(x->watch);
	(void)url;
	if (!(allowed & GIT_CREDENTIAL_SSH_KEY)) {
		/*
		 * http(s): only what the URL holds, which libgit2 presents itself
		 * before asking us; so being asked means they were refused, or
		 * that there are none.
		 */
		if (allowed & GIT_CREDENTIAL_USERPASS_PLAINTEXT)
			x->http_auth = user_from_url && *user_from_url ? 2 : 1;
		return GIT_PASSTHROUGH;
	}
	/* first ssh-agent, then each key file once */
	while (x->ssh_tries <= 3) {
		int i = x->ssh_tries++;
		if (i == 0) {
			if (getenv("SSH_AUTH_SOCK") &&
			    G(git_credential_ssh_key_from_agent)(out, user) == 0) {
				x->ssh_offered++;
				return 0;
			}
			continue;
		}
		if (home) {
			char *priv = zdh_asprintf("%s/.ssh/%s", home, keys[i - 1]);
			char *pub = zdh_asprintf("%s.pub", priv);
			int r = -1;
			if (!access(priv, R_OK))
				r = G(git_credential_ssh_key_new)(out, user,
								  access(pub, R_OK) ? NULL : pub, priv, NULL);
			free(priv);
			free(pub);
			if (r == 0) {
				x->ssh_offered++;
				return 0;
			}
		}
	}
	x->ssh_exhausted = 1;	/* else libgit2 says "no callback set" */
	return GIT_PASSTHROUGH;
}

static int fetch_progress(const git_indexer_progress *s, void *payload)
{
	struct xfer *x = payload;

	zdh_watchdog_poke(x->watch);
	x->received = s->received_objects;
	if (!x->o || !x->o->progress || !s->total_objects)
		return 0;
	if (s->received_objects < s->total_objects)
		fprintf(stderr, _("\rreceiving objects: %3u%% (%u/%u), %.2f KiB"),
			100 * s->received_objects / s->total_objects, s->received_objects,
			s->total_objects, (double)s->received_bytes / 1024);
	else
		fprintf(stderr, _("\rreceiving objects: 100%% (%u/%u), %.2f KiB, done.  "),
			s->received_objects, s->total_objects, (double)s->received_bytes / 1024);
	x->shown = 1;
	return 0;
}

static int push_progress(unsigned int current, unsigned int total, size_t bytes, void *payload)
{
	struct xfer *x = payload;

	zdh_watchdog_poke(x->watch);
	if (!x->o || !x->o->progress || !total)
		return 0;
	fprintf(stderr, _("\rwriting objects: %3u%% (%u/%u), %.2f KiB"),
		100 * current / total, current, total, (double)bytes / 1024);
	x->shown = 1;
	return 0;
}

static int push_status(const char *refname, const char *status, void *payload)
{
	struct xfer *x = payload;

	zdh_watchdog_poke(x->watch);
	if (status) {
		char *line = zdh_asprintf("%s: %s", refname, status);
		collect_ref(line, "", &x->refused);
		free(line);
	}
	return 0;
}

static void end_progress(struct xfer *x)
{
	if (x->shown)
		fputc('\n', stderr);
	x->shown = 0;
}

static void problem(const struct zdh_sync_options *o, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (o && o->problem) {
		o->problem(msg, o->payload);
	} else {
		struct zdh_buf line = ZDH_BUF_INIT;
		zdh_buf_puts(&line, "zdh: ");
		zdh_text_shown(&line, msg, strlen(msg), 0);
		fprintf(stderr, "%s\n", line.ptr);
		zdh_buf_release(&line);
	}
}

/*
 * The URL of the remote called name, or an error.  git pulls from a URL
 * or a folder named in place; zdh keeps a remote's logs under its name
 * (refs/zdh/remotes/NAME), so such a one is named first.
 */
static int find_remote(struct zdh_repo *repo, const char *name, const char **url)
{
	int err;

	if (name && !zdh_remote_name_valid(name) && (strchr(name, '/') || strchr(name, ':')))
		return zdh_error_set(ZDH_EINVALID,
				     _("'%s' is a URL, not a remote: name it first (zdh remote add NAME %s)"),
				     name, name);
	if ((err = check_name(name)))
		return err;
	if (!(*url = remote_url(repo, name)))
		return zdh_error_set(ZDH_ENOTFOUND, _("no such remote '%s' (see 'zdh remote list')"), name);
	return 0;
}

static int open_remote(git_repository **g, git_remote **r, struct zdh_repo *repo,
		       const char *gitdir, const char *name, const char **url_out)
{
	git_remote_create_options co = GIT_REMOTE_CREATE_OPTIONS_INIT;
	const char *url;
	int err;

	if ((err = find_remote(repo, name, &url)))
		return err;
	if ((err = zdh_git_open(g, gitdir)))
		return err;
	/*
	 * libgit2 writes to its sockets without MSG_NOSIGNAL: a server that
	 * dies or resets the connection must be an error (EPIPE), one line
	 * and exit 128, not SIGPIPE killing zdh.
	 */
	signal(SIGPIPE, SIG_IGN);
	/*
	 * Anonymous (zdh passes its refspecs), and without url.*.insteadOf:
	 * the URL in .zdh/config is the one used.  (Reading insteadOf also
	 * leaks in libgit2 1.5's PCRE2 matcher, which ASan reports.)
	 */
	co.repository = *g;
	co.flags = GIT_REMOTE_CREATE_SKIP_INSTEADOF | GIT_REMOTE_CREATE_SKIP_DEFAULT_FETCHSPEC;
	if (G(git_remote_create_with_opts)(r, url, &co) < 0) {
		char *what = zdh_asprintf(_("remote '%s'"), name);
		err = transport_error(NULL, what, url);
		free(what);
		G(git_repository_free)(*g);
		*g = NULL;
		return err;
	}
	*url_out = url;
	return 0;
}

/*
 * A remote of url made anew, as open_remote() makes one: a retry of one
 * log goes on a connection of its own (reconnecting a remote of libgit2
 * 1.5 leaks the transport it had, which ASan reports).
 */
static git_remote *fresh_remote(git_repository *g, const char *url)
{
	git_remote_create_options co = GIT_REMOTE_CREATE_OPTIONS_INIT;
	git_remote *r = NULL;

	co.repository = g;
	co.flags = GIT_REMOTE_CREATE_SKIP_INSTEADOF | GIT_REMOTE_CREATE_SKIP_DEFAULT_FETCHSPEC;
	return G(git_remote_create_with_opts)(&r, url, &co) < 0 ? NULL : r;
}

/* 1 when commit descends from (or equals) ancestor, 0 when not, <0 on error. */
static int descends(struct zdh_repo *repo, const char *commit, const char *ancestor);
static int relation(struct zdh_repo *repo, const char *a, const char *b);

/* ---- pull ---- */

/* Keep a refused log under refs/zdh/diverged/REMOTE/REPLICA[.N]; the name is given back. */
static int keep_aside(struct zdh_repo *repo, const char *remote,
		      const char *replica, const char *id, char **kept)
{
	int err = 0;

	for (int n = 1; n < 1000; n++) {
		char cur[41];
		char *ref = n == 1 ? zdh_asprintf(DIVERGED_PREFIX "%s/%s", remote, replica) :
			zdh_asprintf(DIVERGED_PREFIX "%s/%s.%d", remote, replica, n);
		if ((err = zdh_ref_read(cur, repo->gitdir, ref))) {
			free(ref);
			return err;
		}
		if (!cur[0] || !strcmp(cur, id)) {
			err = cur[0] ? 0 : zdh_ref_update(repo->gitdir, ref, id, "", 1);
		} else {
			int d = descends(repo, id, cur);
			if (d < 0) {
				free(ref);
				return d;
			}
			if (!d) {	/* another history: never overwrite it */
				free(ref);
				continue;
			}
			err = zdh_ref_update(repo->gitdir, ref, id, cur, 1);
		}
		if (err)
			free(ref);
		else
			*kept = ref;
		return err;
	}
	return zdh_error_set(ZDH_ERROR, _("too many logs kept aside for %s"), replica);
}

/* The logs a pull moved: their signatures are reported once the index has caught up. */
struct moved {
	char *ref;
	char tip[41], old[41];
};

struct moved_list {
	struct moved *v;
	size_t n;
};

/*
 * What the copy from a folder learnt of each log (fetch_local): walking
 * back from the remote's tip, one commit after another, the first commit
 * this replica held.  When that is our tip, theirs is ahead of ours, and
 * take_logs need not walk both histories again (relation()).
 */
struct reached {
	char *replica;
	char tip[41], stop[41];
};

struct reached_list {
	struct reached *v;
	size_t n;
};

static void reached_clear(struct reached_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i].replica);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

/* 1 when the copy walked from theirs back to ours, one parent a commit. */
static int reached_ours(const struct reached_list *l, const char *replica, const char *theirs,
			const char *ours)
{
	for (size_t i = 0; i < l->n; i++)
		if (!strcmp(l->v[i].replica, replica))
			return !strcmp(l->v[i].tip, theirs) && !strcmp(l->v[i].stop, ours);
	return 0;
}

static void moved_add(struct moved_list *m, const char *ref, const char *tip, const char *old)
{
	m->v = zdh_realloc(m->v, (m->n + 1) * sizeof(*m->v));
	m->v[m->n].ref = zdh_strdup(ref);
	snprintf(m->v[m->n].tip, 41, "%s", tip);
	snprintf(m->v[m->n].old, 41, "%s", old);
	m->n++;
}

/*
 * Move log ref (at old, "" for none) to theirs.  Before a pull's first
 * move the repository is marked until what it brings is pinned (zdh_pull:
 * the next pull pins what one stopped missed); a clone's whole repository
 * is marked already.
 */
static int move_log(struct zdh_repo *repo, const struct zdh_sync_options *o,
		    struct zdh_pull_stats *st, struct moved_list *mv, const char *ref,
		    const char *theirs, const char *old)
{
	int err;

	if (!st->logs_moved && !o->cloning && (err = zdh_repo_mark(repo->gitdir, ZDH_MARK_PINNING, 1)))
		return err;
	if ((err = zdh_ref_update(repo->gitdir, ref, theirs, old, 1)))
		return err;
	st->logs_moved++;
	moved_add(mv, ref, theirs, old);
	return 0;
}

/*
 * 0 when id is a commit (ZDH_ECORRUPT when it is another object or none).
 * The copy from a folder checks what it copies, but not an object this
 * repository held already (the empty tree is in every one), and a fetch
 * takes any object a ref names.
 */
static int tip_commit(struct zdh_repo *repo, const char *id)
{
	struct zdh_buf raw = ZDH_BUF_INIT;
	int err = zdh_objects_read_commit(&raw, repo, id);

	zdh_buf_release(&raw);
	return err;
}

/*
 * 1 when this repository holds id and it is no commit: a log's tip a zdh
 * before e9eb204 took from a peer (a tree, a blob, a tag), which no
 * command could read (index-catchup.c, unreadable_log).  The message of
 * the error that made the caller ask stays.
 */
static int held_not_commit(struct zdh_repo *repo, const char *id)
{
	char *why = zdh_strdup(zdh_error_msg());
	enum zdh_objtype type;
	int code = zdh_error_code(), r = !zdh_objects_type(repo, id, &type);

	if (r)
		r = type != ZDH_OBJ_COMMIT;
	else
		zdh_error_set(code, "%s", why);
	free(why);
	return r;
}

static int take_logs(struct zdh_repo *repo, const char *remote,
		     const struct zdh_sync_options *o, struct zdh_pull_stats *st,
		     struct moved_list *mv, const struct reached_list *reached)
{
	struct refnames r = { 0 };
	size_t skip = strlen(TRACK_PREFIX) + strlen(remote) + 1;
	int err;

	if ((err = tracking_refs(&r, repo, remote)))
		return err;
	for (size_t i = 0; i < r.n && !err; i++) {
		const char *replica = r.name[i] + skip, *theirs = r.id[i];
		char ours[41], *ref, *kept = NULL;
		int own, d;

		if (!zdh_replica_valid(replica))
			continue;	/* not a log: nothing a zdh writes */
		ref = zdh_asprintf(LOG_PREFIX "%s", replica);
		own = !strcmp(replica, repo->replica);
		if ((err = zdh_ref_read(ours, repo->gitdir, ref)))
			goto next;
		if (strcmp(ours, theirs) && !reached_ours(reached, replica, theirs, ours) &&
		    (err = tip_commit(repo, theirs))) {
			if (err != ZDH_ECORRUPT)
				goto next;
			/* a tree, a blob, a tag: a log a zdh never wrote, and no command could read it */
			problem(o, _("%s from %s cannot be taken (%s); skipped"), ref, remote, zdh_error_msg());
			st->refused++;
			err = 0;
			goto next;
		}
		if (!ours[0]) {
			/* new to us (or our own log, restored from a remote) */
			err = move_log(repo, o, st, mv, ref, theirs, "");
			goto next;
		}
		if (!strcmp(ours, theirs))
			goto next;
		if (reached_ours(reached, replica, theirs, ours))
			d = 2;	/* the copy went from theirs back to ours */
		else if ((d = relation(repo, ours, theirs)) == 1)
			goto next;	/* ours is ahead */
		if (d < 0 && !own && held_not_commit(repo, ours)) {
			/* ours holds no event: the peer's log replaces it, and nothing is lost */
			problem(o, _("%s named no commit (%.12s); replaced by the log from %s"), ref, ours,
				remote);
			err = move_log(repo, o, st, mv, ref, theirs, ours);
			goto next;
		}
		if (d < 0) {
			err = d;
			goto next;
		}
		d = d == 2;	/* theirs is ahead */
		if (d && !own) {
			err = move_log(repo, o, st, mv, ref, theirs, ours);
			goto next;
		}
		if ((err = keep_aside(repo, remote, replica, theirs, &kept)))
			goto next;
		st->refused++;
		if (d)
			problem(o, _("%s from %s has events this replica did not write (another clone uses the replica name '%s'?); kept aside as %s (a copy restored from an older backup takes them back with 'zdh replica recover')"),
				ref, remote, replica, kept);
		else if (own)	/* two repositories write as this replica: say the way out */
			problem(o, _("%s from %s diverged from ours (another clone writes as replica '%s'?); kept aside as %s (make this repository a replica of its own with 'zdh replica recover --as NAME --prefix CODE')"),
				ref, remote, replica, kept);
		else
			problem(o, _("%s from %s diverged from ours; kept aside as %s"),
				ref, remote, kept);
		free(kept);
next:
		free(ref);
	}
	refnames_clear(&r);
	return err;
}

/*
 * Fetch from a folder on this machine (a bare repository on a shared
 * drive, or another office's folder).  libgit2's indexer maps the tail of
 * the pack it writes afresh for every object it reads back (it frees its
 * windows before each object so that it sees the file grow): 200,058
 * munmap calls for a clone of 100,000 events, whose TLB shootdowns took
 * half of its cycles.  So zdh copies the objects itself: it walks each of
 * the remote's logs from its tip back to a commit this repository holds,
 * reads each object with its own pack reader, checks that the object
 * hashes to the id it was reached by, and writes them into one new pack
 * with its own pack writer (commits first, in log order from the tip
 * back, as a rebuild reads them).  As with libgit2's fetch, the pack is
 * renamed into place only when whole and fsynced, the tracking refs move
 * after that, and the logs only later (take_logs); an interrupted fetch
 * leaves a tmp_pack file and nothing else.
 */
struct idset {
	char (*id)[41];
	size_t n, size;
};

static size_t idset_slot(const struct idset *s, const char *id)
{
	size_t h = 0;

	for (int i = 0; i < 16; i++)	/* object ids are uniform: their first digits will do */
		h = h * 31 + (unsigned char)id[i];
	for (h &= s->size - 1; s->id[h][0] && memcmp(s->id[h], id, 40); h = (h + 1) & (s->size - 1))
		;
	return h;
}

/* Add id; 1 when it was there already. */
static int idset_add(struct idset *s, const char *id)
{
	size_t h;

	if (2 * (s->n + 1) > s->size) {
		struct idset t = { zdh_calloc(s->size ? 2 * s->size : 1024, 41), 0,
				   s->size ? 2 * s->size : 1024 };
		for (size_t i = 0; i < s->size; i++)
			if (s->id[i][0])
				memcpy(t.id[idset_slot(&t, s->id[i])], s->id[i], 41);
		t.n = s->n;
		free(s->id);
		*s = t;
	}
	h = idset_slot(s, id);
	if (s->id[h][0])
		return 1;
	memcpy(s->id[h], id, 40);
	s->id[h][40] = '\0';
	s->n++;
	return 0;
}

static int idset_has(const struct idset *s, const char *id)
{
	return s->size && s->id[idset_slot(s, id)][0];
}

/* One side of relation(): the commits still to read, and those met. */
struct walk_side {
	const char *other;		/* the tip it looks for */
	char (*todo)[41];
	size_t n, alloc;
	struct idset seen;
};

/*
 * Read the next commit of w; 1 when its parent is w->other, 0 when not,
 * or an error.  *met is set by a parent the other side has met.  Only the
 * first parent is followed, as every reader of a log follows it (the
 * catch-up, a rebuild, verify): a peer's merge whose second parent is our
 * tip, taken as moving forward, moved the log onto another history, and
 * the events only the second parent reached left every index.
 */
static int walk_step(struct zdh_repo *repo, struct walk_side *w, const struct idset *theirs,
		     struct zdh_buf *raw, int *met)
{
	const char *p, *end;
	char id[41];
	int err;

	memcpy(id, w->todo[--w->n], 41);
	zdh_buf_reset(raw);
	if ((err = zdh_objects_read_commit(raw, repo, id)))
		return err;
	end = raw->ptr + raw->len;
	for (p = raw->ptr; p < end && *p != '\n';) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		char parent[41];

		if (!eol)
			break;
		if (zdh_event_parent_line(p, (size_t)(eol - p), parent) > 0) {
			if (!strcmp(parent, w->other))
				return 1;
			if (!idset_add(&w->seen, parent)) {
				if (w->n == w->alloc)
					w->todo = zdh_realloc(w->todo, (w->alloc = w->alloc ? 2 * w->alloc : 16) *
							      sizeof(*w->todo));
				memcpy(w->todo[w->n++], parent, 41);
				if (idset_has(theirs, parent))
					*met = 1;
			}
			break;	/* the first parent only */
		}
		p = eol + 1;
	}
	return 0;
}

/*
 * How commits a and b are related: 1 when b is a or one of its
 * ancestors, 2 when a is one of b's, 0 when neither, or an error.
 *
 * The two histories are walked back in turn through zdh's own object
 * reader, so the answer costs about twice the commits between the two
 * when they are related (a pull's new events, a push's), whichever is
 * ahead.  libgit2's git_graph_descendant_of(), asked both ways, read and
 * re-hashed each commit through its own object database: 718 million of
 * a pull's 3,784 million instructions for 10,000 new events.  Logs are
 * lines, read by their first parents: once a commit is met by both walks
 * and neither tip was, they have parted, and the walk stops.  The objects
 * were checked when they came in.
 */
static int relation(struct zdh_repo *repo, const char *a, const char *b)
{
	struct walk_side wa = { .other = b }, wb = { .other = a };
	struct zdh_buf raw = ZDH_BUF_INIT;
	int met = 0, r = 0;

	if (!strcmp(a, b))
		return 1;
	idset_add(&wa.seen, a);
	idset_add(&wb.seen, b);
	wa.todo = zdh_malloc((wa.alloc = 16) * sizeof(*wa.todo));
	wb.todo = zdh_malloc((wb.alloc = 16) * sizeof(*wb.todo));
	memcpy(wa.todo[wa.n++], a, 41);
	memcpy(wb.todo[wb.n++], b, 41);
	while ((wa.n || wb.n) && !met) {
		if (wa.n && (r = walk_step(repo, &wa, &wb.seen, &raw, &met))) {
			r = r < 0 ? r : 1;
			break;
		}
		if (wb.n && (r = walk_step(repo, &wb, &wa.seen, &raw, &met))) {
			r = r < 0 ? r : 2;
			break;
		}
	}
	free(wa.todo);
	free(wb.todo);
	free(wa.seen.id);
	free(wb.seen.id);
	zdh_buf_release(&raw);
	return r;
}

/* 1 when ancestor is commit or one of its ancestors, 0 when not, or an error. */
static int descends(struct zdh_repo *repo, const char *commit, const char *ancestor)
{
	int r = relation(repo, commit, ancestor);

	return r < 0 ? r : r == 1;
}

struct copy {
	struct zdh_packs *src, *ours;
	const char *srcdir, *gitdir;
	struct zdh_packw *w;
	struct idset seen;
	struct zdh_buf obj;
	char (*later)[41];	/* trees to copy after the commits */
	size_t nlater;
	struct xfer *x;
	/*
	 * The loose objects of this repository, read a folder (objects/XX)
	 * at a time when an id of that folder is first asked, as git's loose
	 * object cache does: no system call an object (a clone asked 100,000
	 * times, every folder being there since zdh init makes them all).
	 * One written since is copied again, which does no harm.
	 */
	struct loose_dir {
		char (*name)[ZDH_OID_HEXSZ - 1];	/* sorted, the 38 digits after XX */
		size_t n;
		int read;
	} loose[256];
	/* the log copied last: the commit it reached that we hold; "" when not one by one */
	char stop[41];
};

static int loose_cmp(const void *a, const void *b)
{
	return memcmp(a, b, ZDH_OID_HEXSZ - 2);
}

/* The names of objects/XX (XX = the byte b); a folder that cannot be read holds none. */
static void loose_read(struct copy *c, unsigned b, struct loose_dir *l)
{
	char *path = zdh_asprintf("%s/objects/%02x", c->gitdir, b);
	DIR *d = opendir(path);
	struct dirent *e;
	size_t alloc = 0;

	free(path);
	l->read = 1;
	if (!d)
		return;
	while ((e = readdir(d))) {
		if (strlen(e->d_name) != ZDH_OID_HEXSZ - 2 ||
		    strspn(e->d_name, "0123456789abcdef") != ZDH_OID_HEXSZ - 2)
			continue;
		if (l->n == alloc)
			l->name = zdh_realloc(l->name, (alloc = alloc ? 2 * alloc : 16) * sizeof(*l->name));
		memcpy(l->name[l->n++], e->d_name, ZDH_OID_HEXSZ - 1);
	}
	closedir(d);
	if (l->n > 1)
		qsort(l->name, l->n, sizeof(*l->name), loose_cmp);
}

static void loose_free(struct copy *c)
{
	for (size_t i = 0; i < 256; i++)
		free(c->loose[i].name);
}

/* Does this repository hold id already? */
static int have(struct copy *c, const char *id)
{
	struct loose_dir *l;
	unsigned char b;
	int r = zdh_packs_has_known(c->ours, id);

	if (r)
		return r > 0;
	if (strlen(id) != ZDH_OID_HEXSZ || zdh_hex_decode(&b, id, 1))
		return 0;
	l = &c->loose[b];
	if (!l->read)
		loose_read(c, b, l);
	return l->n && bsearch(id + 2, l->name, l->n, sizeof(*l->name), loose_cmp);
}

/*
 * Read id from the remote into c->obj.  That it hashes to id is checked
 * by the pack writer's thread (zdh_packw_add_checked: a seventh of the
 * copy, off this thread): one that does not fails the copy before its
 * pack is renamed into place, and before any ref moves.  Until then the
 * walk may follow what a damaged object names, and only gets further.
 */
static int fetch_object(struct copy *c, const char *id, enum zdh_objtype *type)
{
	int r;

	zdh_buf_reset(&c->obj);
	r = zdh_packs_read_known(c->src, id, &c->obj, type);
	if (r == ZDH_ENOTFOUND)
		r = zdh_odb_read_loose(&c->obj, type, c->srcdir, id);
	if (r == ZDH_ENOTFOUND)
		return zdh_error_set(ZDH_ECORRUPT, _("the remote lacks object %s"), id);
	return r;
}

/* The type of id, ours when we hold it, else the remote's; 0 when neither holds it. */
static int copy_type_of(void *ctx, const char *id)
{
	struct copy *c = ctx;
	enum zdh_objtype type;

	if (have(c, id)) {
		if (zdh_packs_type_known(c->ours, id, &type) == 0 ||
		    zdh_odb_loose_type(&type, c->gitdir, id) == 0)
			return (int)type;
		return 0;
	}
	if (zdh_packs_type_known(c->src, id, &type) == 0 ||
	    zdh_odb_loose_type(&type, c->srcdir, id) == 0)
		return (int)type;
	return 0;
}

/*
 * The object id just read (c->obj) as git fsck --strict would take it
 * (git's transfer.fsckObjects): one it refuses fails the whole copy,
 * before its pack is renamed into place and any ref moves, and the pull
 * with it, from that remote (c->x->fsck_refused): every replica holding
 * such an object would fail git fsck for ever, and git gc for some.
 * Checked on the bytes the copy reads anyway: a delta is checked as
 * what it resolves to.
 */
static int fsck_object(struct copy *c, const char *id, enum zdh_objtype type)
{
	char *why;

	if (!zdh_git_object_check((int)type, c->obj.ptr, c->obj.len, copy_type_of, c))
		return 0;
	why = zdh_strdup(zdh_error_msg());
	c->x->fsck_refused = 1;
	if (c->x->pushing)
		zdh_error_set(ZDH_ECORRUPT, _("object %s, which git fsck refuses (%s), would go to %s: nothing is pushed"),
			      id, why, c->x->remote);
	else
		zdh_error_set(ZDH_ECORRUPT, _("%s sent object %s, which git fsck refuses (%s): nothing from %s is taken"),
			      c->x->remote, id, why, c->x->remote);
	free(why);
	return ZDH_ECORRUPT;
}

/* The ids a commit or tree names: "tree X" and "parent X" lines, or tree entries. */
static int copy_tree(struct copy *c, const char *id)
{
	enum zdh_objtype type;
	struct zdh_buf entries;
	int err;

	if (idset_add(&c->seen, id) || have(c, id))
		return 0;
	if ((err = fetch_object(c, id, &type)) || (err = fsck_object(c, id, type)))
		return err;
	if ((err = zdh_packw_add_checked(c->w, type, id, c->obj.ptr, c->obj.len)))
		return err;
	if (type != ZDH_OBJ_TREE)
		return 0;
	/* entries: "<mode> <name>\0<20 bytes>"; keep them, c->obj is reused */
	zdh_buf_init(&entries);
	zdh_buf_add(&entries, c->obj.ptr, c->obj.len);
	for (size_t i = 0; i < entries.len && !err;) {
		const char *nul = memchr(entries.ptr + i, '\0', entries.len - i);
		char sub[ZDH_OID_HEXSZ + 1];
		if (!nul || (size_t)(nul - entries.ptr) + 21 > entries.len) {
			err = zdh_error_set(ZDH_ECORRUPT, _("object %s of the remote is damaged"), id);
			break;
		}
		zdh_oid_tohex(sub, (const unsigned char *)nul + 1);
		if (strncmp(entries.ptr + i, "160000 ", 7))	/* a submodule names no object here */
			err = copy_tree(c, sub);
		i = (size_t)(nul - entries.ptr) + 21;
	}
	zdh_buf_release(&entries);
	return err;
}

/* Copy the log from tip back to the first commit this repository holds. */
static int copy_log(struct copy *c, const char *tip)
{
	char (*todo)[41] = NULL;
	size_t ntodo = 0, alloc = 0;
	int err = 0, linear = 1;

	c->stop[0] = '\0';
	if (idset_add(&c->seen, tip))
		return 0;	/* another log's walk met it */
	if (have(c, tip)) {
		memcpy(c->stop, tip, 41);
		return 0;
	}
	todo = zdh_realloc(todo, (alloc = 16) * sizeof(*todo));
	memcpy(todo[ntodo++], tip, 41);
	while (ntodo && !err) {
		char id[41];
		enum zdh_objtype type;
		const char *p, *end, *eol;
		char parent[41];
		int parents = 0, kind;

		memcpy(id, todo[--ntodo], 41);
		if ((err = fetch_object(c, id, &type)))
			break;
		if (type != ZDH_OBJ_COMMIT) {
			err = zdh_error_set(ZDH_ECORRUPT, _("the remote's log names %s, which is not a commit"), id);
			break;
		}
		if ((err = fsck_object(c, id, type)) ||
		    (err = zdh_packw_add_checked(c->w, type, id, c->obj.ptr, c->obj.len)))
			break;
		if (c->x->o && c->x->o->progress && !(zdh_packw_count(c->w) & 4095)) {
			fprintf(stderr, _("\rreceiving objects: %zu"), zdh_packw_count(c->w));
			c->x->shown = 1;
		}
		/*
		 * Every line of the header, up to the blank line, its parents
		 * as every reader of a commit takes them
		 * (zdh_event_parent_line()), wherever they stand; any other line
		 * that starts "parent " makes the walk no proof that ours was
		 * reached (a remote could otherwise name our tip by a line
		 * nothing else takes for a parent and have our log moved onto a
		 * history without it).
		 */
		end = c->obj.ptr + c->obj.len;
		for (p = c->obj.ptr; p < end && *p != '\n'; p = eol + 1) {
			if (!(eol = memchr(p, '\n', (size_t)(end - p))))
				break;
			if (!strncmp(p, "tree ", 5) && eol - p == 45) {
				c->later = zdh_realloc(c->later, (c->nlater + 1) * sizeof(*c->later));
				snprintf(c->later[c->nlater++], 41, "%.40s", p + 5);
			} else if ((kind = zdh_event_parent_line(p, (size_t)(eol - p), parent)) < 0) {
				linear = 0;
			} else if (kind > 0) {
				if (++parents > 1)
					linear = 0;	/* a merge: no one commit reached */
				if (idset_add(&c->seen, parent)) {
					linear = 0;	/* another log's walk met it */
				} else if (have(c, parent)) {
					if (c->stop[0])
						linear = 0;
					memcpy(c->stop, parent, 41);
				} else {
					if (ntodo == alloc)
						todo = zdh_realloc(todo, (alloc *= 2) * sizeof(*todo));
					memcpy(todo[ntodo++], parent, 41);
				}
			}
		}
	}
	free(todo);
	if (!linear)
		c->stop[0] = '\0';
	return err;
}

/*
 * The packs a killed copy left (objects/pack/tmp_pack_* and tmp_idx_*):
 * a copy writes without the write lock, so that a write meanwhile is not
 * kept waiting, and the repository's writing mark (core/store.c) is not
 * its; what such a copy leaves an hour old is removed by the next one (a
 * copy still at work an hour later would fail at its end and be run
 * again), as git's gc removes old temporary packs.
 */
#define STALE_TEMPORARY (60 * 60)

static void remove_stale_temporaries(const char *gitdir)
{
	char *dir = zdh_asprintf("%s/objects/pack", gitdir);
	time_t before = time(NULL) - STALE_TEMPORARY;

	zdh_remove_temporaries(dir, "tmp_pack_", before);
	zdh_remove_temporaries(dir, "tmp_idx_", before);
	free(dir);
}

/*
 * The lines said of the logs that could not go, once another did: each
 * printed and counted in *failed (the command exits 1); -1, nothing
 * printed, when none went: the first error stands.
 */
static int said_skipped(const struct zdh_sync_options *o, struct refnames *said, size_t ok,
			long long *failed)
{
	for (size_t i = 0; ok && i < said->n; i++)
		problem(o, "%s", said->name[i]);
	if (ok)
		*failed += (long long)said->n;
	refnames_clear(said);
	return ok ? 0 : -1;
}

/*
 * Copy the logs of theirs that take[] marks (all when take is NULL) into
 * one new pack, each object checked: whole, or nothing kept.  What each
 * log reached is added to reached.
 */
static int copy_pack(struct zdh_repo *repo, const char *srcdir, struct xfer *x,
		     const struct refnames *theirs, const unsigned char *take,
		     struct reached_list *reached)
{
	struct copy c = { 0 };
	int err;

	c.srcdir = srcdir;
	c.gitdir = repo->gitdir;
	c.x = x;
	zdh_buf_init(&c.obj);
	if ((err = zdh_packs_open(&c.src, srcdir)) || (err = zdh_packs_open(&c.ours, repo->gitdir)) ||
	    (err = zdh_packw_open(&c.w, repo->gitdir)))
		goto done;
	/* (a pack the remote made while we looked: read_known() does not see it) */
	for (size_t i = 0; i < theirs->n && !err; i++) {
		struct reached *r;
		if ((take && !take[i]) || (err = copy_log(&c, theirs->id[i])) || !c.stop[0])
			continue;
		reached->v = zdh_realloc(reached->v, (reached->n + 1) * sizeof(*reached->v));
		r = &reached->v[reached->n++];
		r->replica = zdh_strdup(theirs->name[i] + strlen(LOG_PREFIX));
		memcpy(r->tip, theirs->id[i], 41);
		memcpy(r->stop, c.stop, 41);
	}
	/* (a tree met again, the empty one of most events, is not looked up again) */
	for (size_t i = 0; i < c.nlater && !err; i++)
		err = copy_tree(&c, c.later[i]);
	if (err)
		goto done;
	end_progress(x);
	x->received += zdh_packw_count(c.w);
	if (x->o && x->o->progress && zdh_packw_count(c.w))
		fprintf(stderr, ngettext("received %zu object\n", "received %zu objects\n",
					 (unsigned long)zdh_packw_count(c.w)), zdh_packw_count(c.w));
	if (zdh_packw_count(c.w))
		err = zdh_packw_finish(c.w);
	else
		zdh_packw_abort(c.w);	/* nothing new: no empty pack */
	c.w = NULL;
done:
	end_progress(x);
	if (c.w)
		zdh_packw_abort(c.w);
	zdh_packs_free(c.src);
	zdh_packs_free(c.ours);
	zdh_buf_release(&c.obj);
	free(c.seen.id);
	free(c.later);
	loose_free(&c);
	return err;
}

/*
 * After a copy of every log failed on a damaged, missing or oversized
 * object of the remote (a peer's log put on a hub by plain git), the logs
 * with something to copy are copied one at a time, each into a pack of
 * its own: one that fails is named, left out of skip[] no more, and
 * counted in failed (pull exits 1), as fetch_each does for libgit2; the
 * others are taken.  -1, nothing said, when none of them could be copied
 * and this replica held none of the remote's logs already: the first
 * error stands.  An error of this replica's (a full disk) ends
 * it as it is.
 */
static int copy_each(struct zdh_repo *repo, const char *srcdir, const char *remote,
		     struct xfer *x, const struct refnames *theirs, unsigned char *skip,
		     struct reached_list *reached, long long *failed)
{
	/* the logs with something to copy, and the one being copied */
	unsigned char *want = zdh_calloc(theirs->n + 1, 1), *one = zdh_calloc(theirs->n + 1, 1);
	struct refnames said = { 0 };
	struct zdh_packs *ours = NULL;
	size_t ok = 0, held = 0;
	int err = 0;

	reached_clear(reached);
	x->received = 0;
	/*
	 * A log whose tip this replica held before has nothing to copy: it
	 * neither fails nor counts (one whose tip another log's copy brings
	 * copies nothing, and goes).
	 */
	if ((err = zdh_packs_open(&ours, repo->gitdir)))
		goto done;
	for (size_t i = 0; i < theirs->n; i++) {
		char *loose = zdh_asprintf("%s/objects/%.2s/%s", repo->gitdir, theirs->id[i],
					   theirs->id[i] + 2);
		want[i] = !(zdh_packs_has_known(ours, theirs->id[i]) > 0 || !access(loose, F_OK));
		if (!want[i]) {
			skip[i] = 0;
			held++;
		}
		free(loose);
	}
	zdh_packs_free(ours);
	for (size_t i = 0; i < theirs->n && !err; i++) {
		if (!want[i])
			continue;
		one[i] = 1;
		err = copy_pack(repo, srcdir, x, theirs, one, reached);
		one[i] = 0;
		if (!err) {
			skip[i] = 0;
			ok++;
		} else if (err == ZDH_ECORRUPT && !x->fsck_refused) {
			char *msg = zdh_asprintf(_("%s from %s cannot be copied (%s); skipped"),
						 theirs->name[i], remote, zdh_error_msg());
			collect_ref(msg, "", &said);
			free(msg);
			err = 0;
		}
	}
done:
	free(want);
	free(one);
	if (err) {
		refnames_clear(&said);
		return err;
	}
	/*
	 * (a log held already counts as taken: a peer's log naming a blob
	 * beside logs with nothing new made every pull after the first fail)
	 */
	return said_skipped(x->o, &said, ok + held, failed);
}

static int fetch_local(struct zdh_repo *repo, const char *srcdir, const char *remote,
		       struct xfer *x, struct reached_list *reached, long long *failed)
{
	struct refnames theirs = { 0 };
	unsigned char *skip = NULL;
	int err;

	remove_stale_temporaries(repo->gitdir);
	if ((err = zdh_ref_foreach_peer(srcdir, LOG_PREFIX, collect_ref, &theirs)))
		goto done;
	keep_remote_logs(&theirs, remote, x->o, failed);
	err = copy_pack(repo, srcdir, x, &theirs, NULL, reached);
	/* (an object git fsck refuses: nothing of that remote, not even its other logs) */
	if (err == ZDH_ECORRUPT && theirs.n > 1 && !x->fsck_refused) {
		char *first = zdh_strdup(zdh_error_msg());
		int e2;

		skip = zdh_malloc(theirs.n);
		memset(skip, 1, theirs.n);
		if (!(e2 = copy_each(repo, srcdir, remote, x, &theirs, skip, reached, failed)))
			err = 0;
		else if (e2 != -1)
			err = e2;
		else
			zdh_error_set(ZDH_ECORRUPT, "%s", first);	/* (the first error, again) */
		free(first);
	}
	/* the tracking refs mirror the remote's logs, as the fetch refspec would */
	for (size_t i = 0; i < theirs.n && !err; i++) {
		char *ref;
		char cur[41];
		if (skip && skip[i])
			continue;
		ref = zdh_asprintf(TRACK_PREFIX "%s/%s", remote, theirs.name[i] + strlen(LOG_PREFIX));
		if (!(err = zdh_ref_read(cur, repo->gitdir, ref)) && strcmp(cur, theirs.id[i]))
			err = zdh_ref_update(repo->gitdir, ref, theirs.id[i], cur, 1);
		free(ref);
	}
done:
	free(skip);
	refnames_clear(&theirs);
	return err;
}

/* A remote URL naming a git directory on this machine (remote add makes it absolute). */
static int local_gitdir(const char *url)
{
	struct stat st;
	char *objects;
	int r;

	if (!url_is_local_path(url))
		return 0;
	objects = zdh_asprintf("%s/objects", url);
	r = stat(objects, &st) == 0 && S_ISDIR(st.st_mode);
	free(objects);
	return r;
}

/* What the server says on the side (its own progress), and a push's pack being built: signs of life. */
static int sideband(const char *str, int len, void *payload)
{
	(void)str;
	(void)len;
	zdh_watchdog_poke(((struct xfer *)payload)->watch);
	return 0;
}

static int pack_progress(int stage, uint32_t current, uint32_t total, void *payload)
{
	(void)stage;
	(void)current;
	(void)total;
	zdh_watchdog_poke(((struct xfer *)payload)->watch);
	return 0;
}

static void init_callbacks(git_remote_callbacks *cb, struct xfer *x)
{
	cb->credentials = credentials;
	cb->sideband_progress = sideband;
	cb->pack_progress = pack_progress;
	cb->transfer_progress = fetch_progress;
	cb->push_transfer_progress = push_progress;
	cb->push_update_reference = push_status;
	cb->payload = x;
}

/*
 * The founder, pinned as prefixes are (zdh-repository(5), TRUST): when the
 * logs hold several claims none of which can be told apart, a person must
 * pin the real one.  The founder a pull (tell) or a clone pins.  A pull says whom: the
 * founder adds the first people and grants the first roles, and roles
 * once granted make every write here need one, so an office whose people
 * were never set up is told who now decides, say a peer that added
 * itself first (its claim is under its own prefix, pinned to its log).
 */
static int pin_founder(struct zdh_repo *repo, int tell)
{
	struct zdh_founder_pinned pinned;
	int claims, err = zdh_index_pin_founder(repo->index, &claims, &pinned);

	if (!err && claims > 1)
		zdh_warn(_("%d person adds claim to be the founder (each signed by the key it gives) and none is pinned: pin the real one with 'zdh config person.founder ID' (zdh-repository(5), TRUST)"),
			 claims);
	if (!err && tell && pinned.record[0]) {
		json_t *p = NULL;
		zdh_person_get(repo->index, pinned.record, &p);
		zdh_warn(_("%s %s <%s> of replica %s is now the founder of this repository's people (pinned as person.founder): they add the first people and grant the first roles; if they should not, pin the real founder's add with 'zdh config person.founder ID' (zdh-repository(5), TRUST)"),
			 pinned.record, json_string_value(json_object_get(p, "name")) ?
			 json_string_value(json_object_get(p, "name")) : "?",
			 json_string_value(json_object_get(p, "email")) ?
			 json_string_value(json_object_get(p, "email")) : "?", pinned.replica);
		json_decref(p);
		zdh_error_clear();
	}
	return err;
}

/*
 * What the trust asks of every write here, before and after a pull: a
 * pull that turns it on (the first grant of a role, the setting
 * zdh.require-signatures) says so, in one line each, for this office's
 * next write is refused without a key, or a role.
 */
static void trust_turned_on(struct zdh_repo *repo, int requires, int roles)
{
	int now_requires, now_roles;

	if (zdh_index_trust_state(repo->index, &now_requires, &now_roles))
		return;
	if (now_roles && !roles)
		zdh_warn(_("roles are granted in this repository from now on (a grant came by this pull): each write here needs the signing key of a person who holds a role for it (zdh-person(1), ROLES)"));
	else if (now_requires && !requires)
		zdh_warn(_("signatures are required in this repository from now on (zdh.require-signatures came by this pull): each write here needs the signing key of a person (zdh-person(1))"));
}

/*
 * Fetch the remote's logs into its tracking refs through libgit2: the
 * refs it shows are listed first; when remote_log_ok() takes them all,
 * they are asked for by one refspec, else only those it takes, one
 * refspec each (the fetch reuses the connection).  libgit2 matches every
 * ref against every refspec: a refspec a log for a hub of thousands of
 * offices would be millions of matches.
 */
/*
 * The log of spec fetched (fo) or pushed (cb and po) alone, on a remote
 * of url made anew (fetch_each, push_each): 1 done; 0 it failed, *why
 * libgit2's words (to free); -1 the remote does not answer.
 */
static int one_log(git_repository *g, const char *url, char *spec, git_fetch_options *fo,
		   const git_remote_callbacks *cb, const git_push_options *po, char **why)
{
	git_strarray one = { &spec, 1 };
	git_remote *r = fresh_remote(g, url);
	const git_error *e;
	int done;

	if (!r || (fo ? G(git_remote_connect)(r, GIT_DIRECTION_FETCH, &fo->callbacks,
					       &fo->proxy_opts, NULL) :
		   G(git_remote_connect)(r, GIT_DIRECTION_PUSH, cb, NULL, NULL)) < 0) {
		if (r)
			G(git_remote_free)(r);
		return -1;
	}
	done = (fo ? G(git_remote_fetch)(r, &one, fo, NULL) : G(git_remote_upload)(r, &one, po)) >= 0;
	if (!done) {
		e = G(git_error_last)();
		*why = zdh_git_message(e ? e->message : NULL);
	}
	if (!fo)
		G(git_remote_disconnect)(r);
	G(git_remote_free)(r);
	return done;
}

/*
 * The logs of want one at a time, after a fetch of them together failed
 * on a remote that answered: a log the remote cannot send (a peer's
 * commit that git cannot parse, put on a hub with plain git) failed the
 * whole fetch, and so kept every other log from every office pulling
 * from there.  Each that fails is named and skipped (counted in failed;
 * pull then exits 1), the others are taken.  -1, with nothing said, when
 * none could be fetched or the remote no longer answers (a network that
 * failed, not a log): the error stands as it is.  want holds only the
 * logs whose tip is not here: one that needs nothing would be fetched
 * from a server that fails every transfer, and look like a log that came.
 */
static int fetch_each(git_repository *g, const char *url, git_fetch_options *fo,
		      const struct refnames *want, const char *remote,
		      const struct zdh_sync_options *o, long long *failed)
{
	struct refnames said = { 0 };
	size_t ok = 0;

	for (size_t i = 0; i < want->n; i++) {
		char *spec = want->name[i], *why = NULL, *msg;
		int r = one_log(g, url, spec, fo, NULL, NULL, &why);

		if (r < 0)
			break;
		if (r) {
			ok++;
			continue;
		}
		msg = zdh_asprintf(_("%.*s from %s cannot be fetched (%s); skipped"),
				   (int)strcspn(spec + 1, ":"), spec + 1, remote, why);
		collect_ref(msg, "", &said);
		free(msg);
		free(why);
	}
	return said_skipped(o, &said, ok, failed);
}

/*
 * A fetch through libgit2 lands in a quarantine: a bare repository of its
 * own, zdh-incoming-XXXXXX in the git directory, whose objects/info/
 * alternates reads ours (so the remote sends only what is new) and whose
 * packed-refs holds our refs under refs/ours/ (what we have, to tell the
 * remote).  libgit2 keeps a pack as it comes, with no check of what its
 * objects say; from the quarantine the logs are copied as from a folder
 * (fetch_local), each object checked as git fsck would check it, and the
 * quarantine removed.  A pack the remote sent is thus never in our
 * objects; one object git fsck refuses refuses the whole pull.  A
 * quarantine a killed pull left is removed by the next one once it is an
 * hour old (as a copy's temporary pack).
 */
#define QUARANTINE "zdh-incoming-"

/*
 * A stale quarantine this account cannot remove: one another account's
 * pull left (in a repository of the group, or one that account made
 * before it was shared), or a folder made unwritable.  Said on every pull
 * until someone removes it, with who may, and how: it holds what a remote
 * sent (a pack of any size), and would stay for ever unseen.
 */
static void stale_quarantine_said(const char *path, const struct stat *st, int why)
{
	int other = st->st_uid != geteuid();
	struct passwd *pw = other ? getpwuid(st->st_uid) : NULL;
	char when[32], uid[24];
	struct tm tm;

	if (!localtime_r(&st->st_mtime, &tm) || !strftime(when, sizeof(when), "%Y-%m-%d %H:%M", &tm))
		snprintf(when, sizeof(when), "%lld", (long long)st->st_mtime);
	if (other && !pw)
		snprintf(uid, sizeof(uid), "%lu", (unsigned long)st->st_uid);
	/*
	 * (another account's: what stops us is its permissions, whatever the
	 * walk's last call met, an unlink of its folder: EISDIR)
	 */
	if (other)
		zdh_warn(_("cannot remove '%s', which a pull of the account %s stopped at %s left (%s): that account or an administrator removes it with rm -rf '%s'"),
			 path, pw ? pw->pw_name : uid, when, strerror(EACCES), path);
	else
		zdh_warn(_("cannot remove '%s', which a pull stopped at %s left (%s): remove it with rm -rf '%s'"),
			 path, when, strerror(why), path);
}

static void remove_stale_quarantines(const char *gitdir)
{
	DIR *d = opendir(gitdir);
	struct dirent *e;
	time_t before = time(NULL) - STALE_TEMPORARY;

	if (!d)
		return;
	while ((e = readdir(d))) {
		struct stat st;
		char *path;
		if (strncmp(e->d_name, QUARANTINE, strlen(QUARANTINE)))
			continue;
		path = zdh_asprintf("%s/%s", gitdir, e->d_name);
		if (!lstat(path, &st) && st.st_mtime < before && zdh_remove_tree(path) < 0 &&
		    errno != ENOENT)
			stale_quarantine_said(path, &st, errno);
		free(path);
	}
	closedir(d);
}

static int write_text(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	int ok = f && fputs(text, f) >= 0;

	if (f && fclose(f))
		ok = 0;
	return ok ? 0 : zdh_error_set(ZDH_ERROR, _("cannot write '%s': %s"), path, strerror(errno));
}

static int make_quarantine(struct zdh_repo *repo, char **out)
{
	static const char *const dirs[] = { "objects", "objects/pack", "objects/info", "refs" };
	char *dir = zdh_asprintf("%s/" QUARANTINE "XXXXXX", repo->gitdir), *path = NULL, *abs = NULL;
	struct refnames ours = { 0 };
	struct zdh_buf refs = ZDH_BUF_INIT;
	int err = 0;

	remove_stale_quarantines(repo->gitdir);
	if (!mkdtemp(dir)) {
		err = zdh_error_set(ZDH_ERROR, _("cannot create '%s': %s"), dir, strerror(errno));
		free(dir);
		return err;
	}
	/*
	 * (as the repository's core.sharedRepository says, for another account
	 * of the group to remove it, when a pull stopped left it; mkdtemp() made
	 * it the owner's alone)
	 */
	if (zdh_shared_fix(dir) < 0)
		err = zdh_error_set(ZDH_ERROR, _("cannot create '%s': %s"), dir, strerror(errno));
	for (size_t i = 0; i < sizeof(dirs) / sizeof(*dirs) && !err; i++) {
		free(path);
		path = zdh_asprintf("%s/%s", dir, dirs[i]);
		if (mkdir(path, 0777) < 0 || zdh_shared_fix(path) < 0)
			err = zdh_error_set(ZDH_ERROR, _("cannot create '%s': %s"), path, strerror(errno));
	}
	free(path);
	path = NULL;
	if (err)
		goto done;
	path = zdh_asprintf("%s/HEAD", dir);
	if ((err = write_text(path, "ref: refs/heads/main\n")))
		goto done;
	free(path);
	path = zdh_asprintf("%s/config", dir);
	if ((err = write_text(path, "[core]\n\trepositoryformatversion = 0\n\tbare = true\n")))
		goto done;
	free(path);
	path = zdh_asprintf("%s/objects", repo->gitdir);
	if (!(abs = realpath(path, NULL))) {
		err = zdh_error_set(ZDH_ERROR, _("cannot read '%s': %s"), path, strerror(errno));
		goto done;
	}
	free(path);
	path = zdh_asprintf("%s/objects/info/alternates", dir);
	zdh_buf_addf(&refs, "%s\n", abs);
	if ((err = write_text(path, refs.ptr)))
		goto done;
	zdh_buf_reset(&refs);
	if ((err = zdh_ref_foreach(repo->gitdir, "refs/zdh/", collect_ref, &ours)))
		goto done;
	zdh_buf_addf(&refs, "# pack-refs with: sorted \n");
	for (size_t i = 0; i < ours.n; i++)
		zdh_buf_addf(&refs, "%s refs/ours/%s\n", ours.id[i], ours.name[i]);
	free(path);
	path = zdh_asprintf("%s/packed-refs", dir);
	err = write_text(path, refs.ptr);
done:
	free(path);
	free(abs);
	zdh_buf_release(&refs);
	refnames_clear(&ours);
	if (err) {
		zdh_remove_tree(dir);
		free(dir);
		return err;
	}
	*out = dir;
	return 0;
}

/*
 * The watchdog of a transfer over the network (watchdog.h): after
 * zdh.sync-timeout seconds in which the remote gave no sign of life, or
 * sent less than zdh.sync-low-speed bytes a second, the transfer is cut
 * and fails as a broken connection would.  A folder is
 * read and written by this machine, which has no silence to wait out.
 */
static int start_watch(struct xfer *x, struct zdh_repo *repo, const char *url)
{
	long long seconds, low_speed;
	int err;

	if (url_is_local_path(url))
		return 0;
	if ((err = zdh_config_get_int(&seconds, repo->config, "zdh.sync-timeout", 60)) ||
	    (err = zdh_config_get_int(&low_speed, repo->config, "zdh.sync-low-speed", 1024)))
		return err;
	x->watch = zdh_watchdog_start(seconds, low_speed);
	return 0;
}

static int fetch_remote(git_repository *g, git_remote *r, git_fetch_options *fo, struct xfer *x,
			const char *remote, const char *url, long long *failed)
{
	const git_remote_head **heads;
	struct refnames want = { 0 }, each = { 0 };
	size_t nheads, skipped = 0;
	git_odb *odb = NULL;
	char *one = NULL;	/* the only log that had something new, when its fetch failed */
	int err = 0;

	zdh_watchdog_arm(x->watch);
	if (G(git_remote_connect)(r, GIT_DIRECTION_FETCH, &fo->callbacks, &fo->proxy_opts, NULL) < 0 ||
	    G(git_remote_ls)(&heads, &nheads, r) < 0)
		goto failed;
	for (size_t i = 0; i < nheads; i++) {
		const char *name = heads[i]->name;
		char *spec;
		if (strncmp(name, LOG_PREFIX, strlen(LOG_PREFIX)) || !remote_log_ok(name, remote, &skipped))
			continue;
		spec = zdh_asprintf("+%s:%s", name, name);
		collect_ref(spec, "", &want);
		/* (one at a time, only the logs with something to fetch: a tip we hold has nothing) */
		if (!odb && G(git_repository_odb)(&odb, g) < 0)
			odb = NULL;
		if (!odb || !G(git_odb_exists)(odb, &heads[i]->oid))
			collect_ref(spec, "", &each);
		free(spec);
	}
	if (odb)
		G(git_odb_free)(odb);
	said_skips(skipped, remote);
	if (want.n && !skipped) {	/* every log a replica's: all by one refspec */
		char *spec = zdh_strdup("+" LOG_PREFIX "*:" LOG_PREFIX "*");
		refnames_clear(&want);
		collect_ref(spec, "", &want);
		free(spec);
	}
	if (want.n) {
		git_strarray specs = { want.name, want.n };
		/* (not again for a refused login: the next try would be refused too) */
		if (G(git_remote_fetch)(r, &specs, fo, NULL) < 0 &&
		    (each.n < 2 || x->ssh_exhausted || x->http_auth || zdh_watchdog_fired(x->watch) ||
		     fetch_each(g, url, fo, &each, remote, x->o, failed) < 0)) {
			/* one log alone failed: named, as fetch_each() names each of several */
			if (each.n == 1)	/* (+refs/zdh/log/X:refs/zdh/log/X) */
				one = zdh_strndup(each.name[0] + 1, strcspn(each.name[0] + 1, ":"));
			goto failed;
		}
	}
	goto done;
failed:
	end_progress(x);
	{
		char *what = one ? zdh_asprintf(_("cannot fetch %s from '%s'"), one, remote) :
			zdh_asprintf(_("cannot fetch from '%s'"), remote);
		err = transport_error(x, what, url);
		free(what);
		free(one);
	}
done:
	zdh_watchdog_disarm(x->watch);
	refnames_clear(&want);
	refnames_clear(&each);
	return err;
}

/* The tracking refs of remote whose names no zdh writes, into odd. */
static int odd_tracking(struct refnames *odd, struct zdh_repo *repo, const char *remote)
{
	struct refnames r = { 0 };
	size_t skip = strlen(TRACK_PREFIX) + strlen(remote) + 1;
	int err;

	if ((err = tracking_refs(&r, repo, remote)))
		return err;
	for (size_t i = 0; i < r.n; i++)
		if (!zdh_replica_valid(r.name[i] + skip))
			collect_ref(r.name[i], r.id[i], odd);
	refnames_clear(&r);
	return 0;
}

/*
 * Tracking refs of remote whose names no zdh writes, copied by an older
 * zdh from a hostile remote: removed, so that they cannot stand in the
 * way of a log's (refs/zdh/remotes/hub/aaa/bbb, then aaa).  Under the
 * write lock, taken for that alone when there are any: removing a packed
 * ref rewrites packed-refs, whose stale lock a recovery (which holds the
 * write lock) removes as its own.
 */
static int drop_odd_tracking(struct zdh_repo *repo, const char *remote)
{
	struct refnames odd = { 0 };
	size_t skip = strlen(TRACK_PREFIX) + strlen(remote) + 1;
	int err, locked = repo->lock_fd >= 0;

	if ((err = odd_tracking(&odd, repo, remote)) || !odd.n) {
		refnames_clear(&odd);
		return err;
	}
	refnames_clear(&odd);
	/* (read again under the lock: another pull may have removed them) */
	if ((err = zdh_repo_lock(repo)) || (err = odd_tracking(&odd, repo, remote)))
		goto done;
	err = zdh_git_remove_refs(repo->gitdir, odd.name, odd.n);
	/* and the folders they leave empty (libgit2 keeps them), where a log's ref goes */
	for (size_t i = 0; i < odd.n && !err; i++) {
		char *path = zdh_asprintf("%s/%s", repo->gitdir, odd.name[i]), *slash;
		size_t keep = strlen(repo->gitdir) + 1 + skip;
		while ((slash = strrchr(path, '/')) && (size_t)(slash - path) > keep) {
			*slash = '\0';
			if (rmdir(path) < 0)
				break;
		}
		free(path);
	}
done:
	if (!locked)
		zdh_repo_unlock(repo);
	refnames_clear(&odd);
	return err;
}

/*
 * The pull's mark (zdh_conflicts_mark(), taken when the index had been
 * rebuilt rebuilds times) for what follows: 0 once the index was rebuilt
 * since, by the catch-up (t9060) or by a pin (pins_take): every seq was
 * renumbered, every event is new to what follows.
 */
static long long mark_since(struct zdh_repo *repo, long long mark, unsigned rebuilds)
{
	return zdh_index_rebuilds(repo->index) != rebuilds ? 0 : mark;
}

static int pull_pins(struct zdh_repo *repo, long long mark);
static int report_prefix_refusals(struct zdh_repo *repo, long long mark,
				  struct zdh_warn_cap *cap, long long *n);
static int report_unknown(struct zdh_repo *repo, long long mark);

int zdh_pull(struct zdh_repo *repo, const char *remote, const struct zdh_sync_options *o,
	     struct zdh_pull_stats *st)
{
	git_fetch_options fo = GIT_FETCH_OPTIONS_INIT;
	struct xfer x = { 0 };
	git_repository *g = NULL;
	git_remote *r = NULL;
	const char *url;
	struct moved_list mv = { NULL, 0 };
	struct reached_list reached = { NULL, 0 };
	struct zdh_refusal_caps caps = { { 0, 0 }, { 0, 0 }, { 0, 0 } };
	long long mark = 0;
	unsigned rebuilds = 0;
	double clock = 0;
	char *quarantine = NULL;
	int err, local, pins_due = 0, requires = 0, roles = 0;

	memset(st, 0, sizeof(*st));
	zdh_trace("pull", NULL, &clock);
	/*
	 * A folder is copied by zdh itself: libgit2 is not even loaded (its
	 * start parses the system's CA certificates for https, 56 million
	 * instructions, a seventh of a pull of 1,000 events).
	 */
	if ((err = find_remote(repo, remote, &url)))
		return err;
	local = local_gitdir(url);
	if (!local && ((err = make_quarantine(repo, &quarantine)) ||
		       (err = open_remote(&g, &r, repo, quarantine, remote, &url))))
		goto done;
	x.o = o;
	x.remote = remote;
	if ((err = start_watch(&x, repo, url)))
		goto done;
	init_callbacks(&fo.callbacks, &x);
	fo.prune = GIT_FETCH_NO_PRUNE;
	fo.update_fetchhead = 0;
	fo.download_tags = GIT_REMOTE_DOWNLOAD_TAGS_NONE;
	if ((err = drop_odd_tracking(repo, remote)))
		goto done;
	if (local) {
		if ((err = fetch_local(repo, url, remote, &x, &reached, &st->refused)))
			goto done;
	} else if ((err = fetch_remote(g, r, &fo, &x, remote, url, &st->refused))) {
		goto done;
	} else {
		/* (what libgit2 received is copied, checked, from the quarantine) */
		end_progress(&x);
		x.received = 0;
		if ((err = fetch_local(repo, quarantine, remote, &x, &reached, &st->refused)))
			goto done;
	}
	end_progress(&x);
	zdh_trace("pull", "fetch", &clock);
	if ((err = zdh_repo_lock(repo)))
		goto done;
	/* (one stopped before its pins left its mark: they are made again, from every event) */
	pins_due = !o->cloning && zdh_repo_marked(repo->gitdir, ZDH_MARK_PINNING);
	err = take_logs(repo, remote, o, st, &mv, &reached);
	zdh_trace("pull", "logs", &clock);
	if (!err) {
		/* (serialized: a catch-up of many events writes its rows on a second thread) */
		if (!repo->index) {
			repo->index_threads = 1;
			err = zdh_index_open(&repo->index, repo);
		}
		if (!err) {
			zdh_index_expect(repo->index, x.received);
			err = zdh_conflicts_mark(repo->index, &mark);
			/* (what the trust asks of a write here before: trust_turned_on) */
			if (!err && !o->cloning)
				err = zdh_index_trust_state(repo->index, &requires, &roles);
			rebuilds = zdh_index_rebuilds(repo->index);
		}
		if (!err)
			err = zdh_index_catch_up(repo->index, &st->events);
		if (!err)
			mark = mark_since(repo, mark, rebuilds);
		if (!err && o->news && st->events)
			err = zdh_conflicts_news(repo->index, mark, repo->replica, o->news,
						 o->payload);
	}
	zdh_trace("pull", "index", &clock);
	/*
	 * Once a log moved, what the pull brought is written, and reported
	 * as written: an index that cannot follow (a full disk) is a cache
	 * behind its logs, which the next command catches up; the pins wait
	 * for the next pull, whose mark stays (as after a pull stopped here).
	 */
	if (err && st->logs_moved && !o->cloning) {
		zdh_warn(_("pulled, but the index could not follow (%s); the next command catches it up"),
			 zdh_error_msg());
		st->index_behind = 1;
		err = 0;
		goto unlock;
	}
	/* a founder, and prefixes, new to this replica: pinned, before anything is reported */
	if (!err && (st->events || pins_due) && !o->cloning)
		err = pin_founder(repo, 1);
	/* (a pin that changes a verdict rebuilds the index again: pins_take) */
	if (!err && (st->events || pins_due) && !o->cloning &&
	    !(err = pull_pins(repo, pins_due ? 0 : mark)))
		err = report_prefix_refusals(repo, mark_since(repo, mark, rebuilds), &caps.refused,
					     &st->unsigned_events);
	if (!err && (st->logs_moved || pins_due) && !o->cloning)
		err = zdh_repo_mark(repo->gitdir, ZDH_MARK_PINNING, 0);
	/* events of kinds or operations unknown here: one line for them all */
	if (!err && st->events)
		err = report_unknown(repo, mark_since(repo, mark, rebuilds));
	/* events not signed by a valid key of a person: one line each (person.h) */
	for (size_t i = 0; !err && i < mv.n; i++)
		err = zdh_signatures_report(repo, repo->index, mv.v[i].ref, mv.v[i].tip,
					    mv.v[i].old, &caps, &st->unsigned_events);
	if (!err)
		zdh_refusal_caps_end(&caps);
	if (!err && st->events && !o->cloning)
		trust_turned_on(repo, requires, roles);
	zdh_trace("pull", "report", &clock);
unlock:
	for (size_t i = 0; i < mv.n; i++)
		free(mv.v[i].ref);
	free(mv.v);
	zdh_repo_unlock(repo);
done:
	zdh_watchdog_stop(x.watch);
	reached_clear(&reached);
	if (r)
		G(git_remote_free)(r);
	if (g)
		G(git_repository_free)(g);
	if (quarantine) {
		zdh_remove_tree(quarantine);
		free(quarantine);
	}
	return err;
}

/* ---- push ---- */

/* Whether libgit2 can read the commit id (a peer's, made by hand, may be one it cannot parse). */
static int sendable(git_repository *g, const char *id)
{
	git_commit *c = NULL;
	git_oid oid;

	if (G(git_oid_fromstr)(&oid, id) < 0 || G(git_commit_lookup)(&c, g, &oid) < 0)
		return 0;
	G(git_commit_free)(c);
	return 1;
}

/*
 * The logs of send one at a time, each on a new connection, after a push
 * of them together failed; each that fails is named and counted in
 * unsent.  -1, with nothing said, when none could be sent or the remote
 * no longer answers: the error stands as it is.
 */
static int push_each(git_repository *g, const char *url, const git_remote_callbacks *cb,
		     const git_push_options *po, const struct refnames *send, const char *remote,
		     const struct zdh_sync_options *o, long long *unsent)
{
	struct refnames said = { 0 };
	size_t ok = 0;

	for (size_t i = 0; i < send->n; i++) {
		char *spec = send->name[i], *why = NULL, *msg, *ref;
		int r = one_log(g, url, spec, NULL, cb, po, &why);

		if (r < 0)
			break;
		if (r) {
			ok++;
			continue;
		}
		ref = zdh_strndup(spec, strcspn(spec, ":"));
		msg = zdh_asprintf(_("%s cannot be sent to %s (%s); the other logs are sent"), ref,
				   remote, why);
		free(ref);
		collect_ref(msg, "", &said);
		free(msg);
		free(why);
	}
	return said_skipped(o, &said, ok, unsent);
}

/*
 * A push into a folder: each log of logs (its objects there already)
 * moved from the tip the remote showed (old[i], "" for none) to ours, by
 * compare-and-swap.  One that moved meanwhile, whose ref another process
 * has locked, or whose ref's path is taken (a folder of that name) is
 * rejected, named, and the others still move.  An I/O error (a full
 * disk, a read-only one, a failed fsync) ends the push there: each move
 * is whole, so the logs moved before it stay moved, those after it are
 * not tried, and the error says how many moved.
 */
static int move_folder_logs(const char *gitdir, const struct refnames *logs,
			    const char (*old)[41], const char *remote,
			    const struct zdh_sync_options *o, struct zdh_push_stats *st)
{
	for (size_t i = 0; i < logs->n; i++) {
		int err = zdh_ref_update(gitdir, logs->name[i], logs->id[i], old[i], 0);

		if (!err) {
			st->logs_sent++;
		} else if (err == ZDH_ECHANGED || err == ZDH_ELOCKED || err == ZDH_ETAKEN) {
			/* (said as libgit2's refusals are: "ref: why") */
			char *line = zdh_asprintf("%s: %s", logs->name[i], zdh_error_msg());
			problem(o, _("%s rejected by %s"), line, remote);
			free(line);
			st->rejected++;
		} else {
			char *why = zdh_strdup(zdh_error_msg());

			if (st->logs_sent)
				zdh_error_set(err, ngettext("%s; %lld log was pushed to %s before it, "
							    "none after",
							    "%s; %lld logs were pushed to %s before it, "
							    "none after",
							    (unsigned long)st->logs_sent),
					      why, st->logs_sent, remote);
			else
				zdh_error_set(err, _("%s; no log was pushed to %s"), why, remote);
			free(why);
			return err;
		}
	}
	return 0;
}

/*
 * A hub in a folder that every office's account writes: what a push makes
 * there (its pack, its logs' refs and their folders) follows the hub's
 * core.sharedRepository (git init --bare --shared=group), as git push
 * makes it; a value git would refuse is left to git.
 */
static void hub_shared(const char *gitdir)
{
	char *path = zdh_asprintf("%s/config", gitdir);
	const char *paths[2] = { path, NULL }, *v;
	struct zdh_config *cfg = NULL;
	int perm = 0;

	if (!zdh_config_load(&cfg, paths) && (v = zdh_config_get(cfg, "core.sharedrepository")) &&
	    !zdh_shared_parse(v, &perm))
		zdh_shared_set(gitdir, perm);
	zdh_config_free(cfg);
	zdh_error_clear();
	free(path);
}

/*
 * The files libgit2 opens in a folder to list its refs for a push: each
 * that is there must be a plain file, else the push is refused at once.
 * Made FIFOs by whoever has the shared drive, they held every push (and
 * every sync from cron) for ever; a pull reads none of them but
 * packed-refs, itself (odb.c).
 */
static int folder_files_plain(const char *dir, const char *remote)
{
	static const char *const files[] = { "config", "HEAD", "packed-refs" };
	int err = 0;

	for (size_t i = 0; i < sizeof(files) / sizeof(*files) && !err; i++) {
		char *path = zdh_asprintf("%s/%s", dir, files[i]);
		struct stat st;

		if (stat(path, &st) < 0 ? errno != ENOENT : !S_ISREG(st.st_mode))
			err = zdh_error_set(ZDH_ECORRUPT, _("cannot push to '%s': '%s' is not a plain file"),
					    remote, path);
		free(path);
	}
	return err;
}

int zdh_push(struct zdh_repo *repo, const char *remote, const struct zdh_sync_options *o,
	     struct zdh_push_stats *st)
{
	git_push_options po = GIT_PUSH_OPTIONS_INIT;
	git_remote_callbacks cb = GIT_REMOTE_CALLBACKS_INIT;
	/* send: "ref:ref" and our tip; was: the ref and the tip the remote showed */
	struct refnames local = { 0 }, send = { 0 }, was = { 0 };
	const git_remote_head **heads;
	struct xfer x = { 0 };
	git_repository *g = NULL;
	git_remote *r = NULL;
	const char *url;
	size_t nheads;
	int err;

	memset(st, 0, sizeof(*st));
	if ((err = zdh_ref_foreach(repo->gitdir, LOG_PREFIX, collect_ref, &local)))
		return err;
	if ((err = find_remote(repo, remote, &url)) ||
	    (local_gitdir(url) && (err = folder_files_plain(url, remote))) ||
	    (err = open_remote(&g, &r, repo, repo->gitdir, remote, &url)))
		goto done;
	x.o = o;
	x.remote = remote;
	if ((err = start_watch(&x, repo, url)))
		goto done;
	init_callbacks(&cb, &x);
	zdh_watchdog_arm(x.watch);
	if (G(git_remote_connect)(r, GIT_DIRECTION_PUSH, &cb, NULL, NULL) < 0 ||
	    G(git_remote_ls)(&heads, &nheads, r) < 0) {
		char *what = zdh_asprintf(_("cannot push to '%s'"), remote);
		err = transport_error(&x, what, url);
		free(what);
		goto done;
	}
	/* (deciding what to send is zdh's own work: the remote may be silent meanwhile) */
	zdh_watchdog_disarm(x.watch);
	for (size_t i = 0; i < local.n; i++) {
		const char *ref = local.name[i], *ours = local.id[i];
		char theirs[41] = "";
		git_odb *odb = NULL;
		int d = 1, have = 0, ahead = 0, rel;

		if (!zdh_replica_valid(ref + strlen(LOG_PREFIX)))
			continue;
		for (size_t j = 0; j < nheads; j++)
			if (!strcmp(heads[j]->name, ref))
				snprintf(theirs, sizeof(theirs), "%s",
					 G(git_oid_tostr_s)(&heads[j]->oid));
		if (!strcmp(theirs, ours))
			continue;
		if (theirs[0]) {
			git_oid oid;
			/* what we do not even have cannot be behind ours */
			if (G(git_repository_odb)(&odb, g) < 0) {
				err = zdh_git_error(_("cannot read objects"));
				goto done;
			}
			G(git_oid_fromstr)(&oid, theirs);
			have = G(git_odb_exists)(odb, &oid);
			G(git_odb_free)(odb);
			rel = have ? relation(repo, ours, theirs) : 0;
			d = rel < 0 ? rel : rel == 1;
			/*
			 * another office's log the remote has ahead: nothing to send.
			 * A tip we do not have is taken (or kept aside) by the next
			 * pull, so it is left to it too, not reported as refused.
			 */
			if (!d && strcmp(ref + strlen(LOG_PREFIX), repo->replica))
				ahead = have ? rel == 2 : 1;
			if (d < 0 || ahead < 0) {
				err = d < 0 ? d : ahead;
				goto done;
			}
		}
		if (ahead)
			continue;
		if (d && !sendable(g, ours)) {
			/* (asked to, libgit2 fails the whole push, and leaks) */
			problem(o, _("%s cannot be sent to %s (%s); the other logs are sent"), ref, remote,
				_("its tip is not a commit git can parse"));
			st->rejected++;
			continue;
		}
		if (!d) {
			st->rejected++;
			problem(o, have ? _("%s rejected by %s: the two histories diverged (see 'zdh pull')") :
				_("%s rejected by %s: it has events this replica does not have (pull first)"),
				ref, remote);
			continue;
		}
		{
			/* never forced: no '+' */
			char *spec = zdh_asprintf("%s:%s", ref, ref);
			collect_ref(spec, ours, &send);
			collect_ref(ref, theirs, &was);
			free(spec);
		}
	}
	/*
	 * A remote in a folder here (another replica, a hub on a shared disk)
	 * runs no git of its own to check what it receives (receive.fsckObjects):
	 * the logs' objects go there by the checked copy a pull from a folder
	 * makes, into one pack of the remote's renamed into place only when
	 * whole, and an object git fsck refuses pushes nothing (an older zdh,
	 * or git fetch by hand, may have let one into this replica).  Then
	 * its logs move as a pull moves ours, each by compare-and-swap on the
	 * tip it showed (zdh_ref_update), never forced: libgit2's push into a
	 * folder wrote every object a second time, in a pack of its own, and
	 * then forced each ref over whatever it held by then.
	 */
	if (send.n && local_gitdir(url)) {
		struct zdh_repo there = { 0 };
		struct refnames logs = { 0 };
		struct reached_list reached = { NULL, 0 };
		/* (was names each log of send, bare, in the same order) */
		for (size_t i = 0; i < send.n; i++)
			collect_ref(was.name[i], send.id[i], &logs);
		there.gitdir = (char *)url;
		x.pushing = 1;
		hub_shared(url);
		err = copy_pack(&there, repo->gitdir, &x, &logs, NULL, &reached);
		reached_clear(&reached);
		if (!err)
			err = move_folder_logs(url, &logs, (const char (*)[41])was.id, remote, o, st);
		refnames_clear(&logs);
		goto done;
	}
	if (send.n) {
		git_strarray specs = { send.name, send.n };
		long long unsent = 0;
		po.callbacks = cb;
		/*
		 * One log libgit2 cannot send (a peer's commit it cannot parse,
		 * taken from a folder) failed the whole push, this office's own
		 * log too: then each log alone, those that fail named and
		 * counted as rejected (not again for a refused login).
		 */
		zdh_watchdog_arm(x.watch);
		if (G(git_remote_upload)(r, &specs, &po) < 0 &&
		    (send.n < 2 || x.ssh_exhausted || x.http_auth || zdh_watchdog_fired(x.watch) ||
		     push_each(g, url, &cb, &po, &send, remote, o, &unsent) < 0)) {
			end_progress(&x);
			char *what = zdh_asprintf(_("cannot push to '%s'"), remote);
			err = transport_error(&x, what, url);
			free(what);
			goto done;
		}
		end_progress(&x);
		for (size_t i = 0; i < x.refused.n; i++)
			problem(o, _("%s rejected by %s"), x.refused.name[i], remote);
		st->rejected += (long long)x.refused.n + unsent;
		st->logs_sent = (long long)send.n - (long long)x.refused.n - unsent;
	}
done:
	zdh_watchdog_stop(x.watch);
	if (r) {
		G(git_remote_disconnect)(r);
		G(git_remote_free)(r);
	}
	if (g)
		G(git_repository_free)(g);
	refnames_clear(&local);
	refnames_clear(&send);
	refnames_clear(&was);
	refnames_clear(&x.refused);
	return err;
}

/* ---- clone ---- */

char *zdh_clone_dir(const char *url)
{
	size_t n = strlen(url);
	const char *start;
	char *dir;

	while (n && url[n - 1] == '/')
		n--;
	if (n >= 5 && !strncmp(url + n - 5, "/.zdh", 5))
		n -= 5;
	start = url + n;
	while (start > url && start[-1] != '/' && start[-1] != ':')
		start--;
	dir = zdh_strndup(start, (size_t)(url + n - start));
	if (strlen(dir) > 4 && !strcmp(dir + strlen(dir) - 4, ".git"))
		dir[strlen(dir) - 4] = '\0';
	if (!*dir || !strcmp(dir, ".") || !strcmp(dir, "..")) {
		free(dir);
		return NULL;
	}
	return dir;
}

/*
 * Remove what a clone made (made: the folder it made, or the .zdh it
 * made in a folder that was there), its mark last, once all the rest is
 * gone: one stopped while it removes (rm interrupted with it, a power
 * cut) leaves a .zdh still marked, taken over by the next clone as one
 * stopped on its way (zdh_clone).
 */
static void remove_clone(const char *made, const char *gitdir)
{
	DIR *d = opendir(gitdir);
	struct dirent *e;
	int err = !d;
	char *p;

	while (!err && (e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..") ||
		    !strcmp(e->d_name, ZDH_MARK_CLONING))
			continue;
		p = zdh_asprintf("%s/%s", gitdir, e->d_name);
		err = zdh_remove_tree(p);
		free(p);
	}
	if (d)
		closedir(d);
	if (err)
		return;
	p = zdh_asprintf("%s/%s", gitdir, ZDH_MARK_CLONING);
	unlink(p);
	free(p);
	zdh_remove_tree(made);
}

struct pin {
	char prefix[64], owner[64];
};

struct pins {
	struct zdh_repo *repo;
	char last[64], owner[64];	/* the prefix being read, its first creator */
	int twice;
	struct pin *made;		/* the pins this clone made */
	size_t pinned;
	int changes;			/* a pin changes some event's verdict */
	struct pin *only;		/* a pull: the prefixes its new events used (pull_pins) */
	size_t nonly;
};

/* Is prefix one of those a pull's new events used (or is every prefix wanted)? */
static int pin_wanted(const struct pins *p, const char *prefix)
{
	if (!p->only)
		return 1;
	for (size_t i = 0; i < p->nonly; i++)
		if (!strcmp(p->only[i].prefix, prefix))
			return 1;
	return 0;
}

/* Note a pin this clone made, for pin_changes(). */
static void pin_made(struct pins *p, const char *prefix, const char *owner)
{
	p->made = zdh_realloc(p->made, (p->pinned + 1) * sizeof(*p->made));
	snprintf(p->made[p->pinned].prefix, sizeof(p->made->prefix), "%s", prefix);
	snprintf(p->made[p->pinned].owner, sizeof(p->made->owner), "%s", owner);
	p->pinned++;
}

/* The prefix read last is complete: pin its one creator, or warn of several. */
static int pin_last(struct pins *p)
{
	char *key;
	int err = 0;

	if (!p->last[0] || !pin_wanted(p, p->last)) {
		p->twice = 0;
		return 0;
	}
	key = zdh_asprintf("prefix.%s.owner", p->last);
	if (p->twice)
		zdh_warn(_("prefix %s was used by more than one replica; not pinned (set prefix.%s.owner, then run 'zdh reindex')"),
			 p->last, p->last);
	else if (!zdh_prefix_owner(p->repo->config, p->last) &&
		 !(err = zdh_config_set(p->repo->config_path, key, p->owner)))
		pin_made(p, p->last, p->owner);
	free(key);
	p->twice = 0;
	return err;
}

static int pin_creator(const char *prefix, const char *replica, void *payload)
{
	struct pins *p = payload;
	int err;

	if (!strcmp(prefix, p->last)) {
		p->twice = 1;
		return 0;
	}
	if ((err = pin_last(p)))
		return err;
	snprintf(p->last, sizeof(p->last), "%s", prefix);
	snprintf(p->owner, sizeof(p->owner), "%s", replica);
	return 0;
}

/*
 * Would an event that had no effect be judged otherwise now?  A pin
 * changes only the verdict of an event that would create a record under
 * the pinned prefix from another replica (zdh_prefix_may_create).  Every
 * record under it was created by the owner (that is why it was pinned),
 * so an event of another replica that had an effect did not create one;
 * of those that had none, any from another replica may be one.
 */
static int pin_changes(const char *record, const char *replica, void *payload)
{
	struct pins *p = payload;
	char prefix[48];

	if (zdh_prefix_of(prefix, sizeof(prefix), record))
		return 0;
	for (size_t i = 0; i < p->pinned; i++)
		if (!strcmp(p->made[i].prefix, prefix) && strcmp(p->made[i].owner, replica)) {
			p->changes = 1;
			return 1;	/* one is enough */
		}
	return 0;
}

/*
 * After pins were written: the configuration read again and, when a pin
 * could change a verdict (pin_changes), the index rebuilt.
 */
static int pins_take(struct zdh_repo *repo, struct pins *p)
{
	long long events, logs;
	int err = zdh_repo_reload_config(repo);

	if (!err)
		err = zdh_index_overlay(repo->index);	/* (read anew from the files) */
	if (!err && p->pinned && (err = zdh_index_unapplied(repo->index, pin_changes, p)) == 1)
		err = 0;	/* pin_changes stopped at the first */
	if (!err && p->changes)
		err = zdh_index_rebuild(repo->index, &events, &logs);
	return err;
}

/*
 * Pin the owner of every prefix the cloned repository uses (core/prefix.c):
 * the one replica whose log created its records.  A prefix created by
 * two replicas is left unpinned, with a warning: a person must decide
 * (zdh config prefix.XQ.owner REPLICA).  The index is rebuilt when a pin
 * could change a verdict (pin_changes), so it holds the verdicts every
 * replica reaches; a clone of 100,000 events whose prefixes were only
 * ever used by their owners does not fold them twice.
 */
static int pin_prefixes(struct zdh_repo *repo)
{
	struct pins p = { .repo = repo };
	int err;

	err = zdh_index_prefix_creators(repo->index, pin_creator, &p);
	if (!err)
		err = pin_last(&p);
	if (!err && !zdh_prefix_owner(repo->config, repo->prefix)) {
		char *key = zdh_asprintf("prefix.%s.owner", repo->prefix);
		/* no record has it (zdh_clone checked), but an event may have tried */
		if (!(err = zdh_config_set(repo->config_path, key, repo->replica)))
			pin_made(&p, repo->prefix, repo->replica);
		free(key);
	}
	if (!err)
		err = pins_take(repo, &p);
	free(p.made);
	return err;
}

/* A prefix a new event with an effect used that no pin names yet: wanted by pull_pins. */
static int unpinned_new(const char *replica, const char *id, const char *record,
			const char *note, void *payload)
{
	struct pins *p = payload;
	char prefix[48];

	(void)replica, (void)id, (void)note;
	if (!record || zdh_prefix_of(prefix, sizeof(prefix), record) ||
	    zdh_prefix_owner(p->repo->config, prefix) || (p->only && pin_wanted(p, prefix)))
		return 0;
	p->only = zdh_realloc(p->only, (p->nonly + 1) * sizeof(*p->only));
	snprintf(p->only[p->nonly].prefix, sizeof(p->only->prefix), "%s", prefix);
	p->only[p->nonly].owner[0] = '\0';
	p->nonly++;
	return 0;
}

/*
 * A pull pins prefixes as a clone does (pin_prefixes): each prefix its
 * new events used that no pin names yet, to the one replica that created
 * its records, or not, with a warning, when several did.  Without it the
 * replica made by init never pinned the prefixes of the offices cloned
 * after it, and a peer creating records under one of them with a low
 * clock took them there, while the owner's own replicas refused it.  A
 * pull that brings records under pinned prefixes only reads its new rows.
 */
static int pull_pins(struct zdh_repo *repo, long long mark)
{
	struct pins p = { .repo = repo };
	int err;

	err = zdh_index_new_events(repo->index, mark, ZDH_EFFECT_APPLIED, unpinned_new, &p);
	if (!err && p.nonly) {
		err = zdh_index_prefix_creators(repo->index, pin_creator, &p);
		if (!err)
			err = pin_last(&p);
		if (!err && p.pinned)
			err = pins_take(repo, &p);
	}
	free(p.made);
	free(p.only);
	return err;
}

struct refusals {
	struct zdh_repo *repo;
	struct zdh_warn_cap *cap;
	long long *n;
};

/* A new event without effect because its prefix is another replica's: one line. */
static int report_prefix(const char *replica, const char *id, const char *record,
			 const char *note, void *payload)
{
	struct refusals *r = payload;
	char *shown, *ref;

	(void)record;
	/* the fold's note of a prefix refusal is a code, the same in every language */
	if (!replica || !(shown = zdh_prefix_note_shown(note)))
		return 0;
	ref = zdh_asprintf(LOG_PREFIX "%s", replica);
	zdh_warn_capped(r->cap, _("%s: commit %.12s: no effect: %s"), ref, id, shown);
	free(ref);
	free(shown);
	(*r->n)++;
	return 0;
}

/*
 * Each new event that would have created a record under a prefix another
 * replica owns (a peer forging an office's ids): one line on stderr, as
 * the trust's refusals (zdh_signatures_report), also under cron.
 */
static int report_prefix_refusals(struct zdh_repo *repo, long long mark,
				  struct zdh_warn_cap *cap, long long *n)
{
	struct refusals r = { repo, cap, n };

	return zdh_index_new_events(repo->index, mark, ZDH_EFFECT_NONE, report_prefix, &r);
}

/* The kinds and operations unknown among a pull's new events (zdh_index_new_unknown). */
struct unknowns {
	struct zdh_buf named;	/* the first UNKNOWN_NAMED of them, each with its count */
	long long events;
	size_t groups;
};

#define UNKNOWN_NAMED 3

static int unknown_group(const char *kind, const char *op, long long n, void *payload)
{
	struct unknowns *u = payload;

	u->events += n;
	if (u->groups++ >= UNKNOWN_NAMED)
		return 0;
	if (u->named.len)
		zdh_buf_puts(&u->named, _(", "));
	if (op)
		/* TRANSLATORS: an operation unknown, of a known kind, and how many events: issue 'teleport' 2 */
		zdh_buf_addf(&u->named, C_("an unknown operation of a kind, its events", "%s '%s' %lld"), kind, op, n);
	else
		/* TRANSLATORS: a record kind unknown, and how many events: kind 'visitlog' 2 */
		zdh_buf_addf(&u->named, C_("an unknown kind, its events", "kind '%s' %lld"), kind, n);
	return 0;
}

/*
 * The new events of a kind or operation this zdh does not know (a newer
 * zdh's, or a peer's made by hand): not invalid (DESIGN §8), but nothing
 * here shows them, so the pull that brings them says so once, in one
 * line, naming the first few kinds, as verify counts them.
 */
static int report_unknown(struct zdh_repo *repo, long long mark)
{
	struct unknowns u = { ZDH_BUF_INIT, 0, 0 };
	int err = zdh_index_new_unknown(repo->index, mark, unknown_group, &u);

	if (!err && u.groups > UNKNOWN_NAMED) {
		char *more = zdh_count_text(NN_("and %lld more", "and %lld more"),
					    (long long)(u.groups - UNKNOWN_NAMED));
		zdh_buf_puts(&u.named, _(", "));
		zdh_buf_puts(&u.named, more);
		free(more);
	}
	if (!err && u.events)
		zdh_warn(ngettext("%lld new event of a kind or operation this zdh does not know (%s): kept and relayed, without effect here; upgrade zdh to fold it",
				  "%lld new events of kinds or operations this zdh does not know (%s): kept and relayed, without effect here; upgrade zdh to fold them",
				  (unsigned long)u.events), u.events, u.named.ptr);
	zdh_buf_release(&u.named);
	return err;
}

/*
 * A .zdh that a stopped clone left is taken over, removed (nothing of it
 * was ever used), but not one another clone is making, which holds its
 * mark: 0 when none is left there, else the error.
 */
/* Is held, a clone's mark held open, the mark in gitdir (not another clone's)? */
static int holds_mark(const char *gitdir, int held)
{
	char *p = zdh_asprintf("%s/%s", gitdir, ZDH_MARK_CLONING);
	struct stat a, b;
	int yes = !fstat(held, &a) && !stat(p, &b) && a.st_dev == b.st_dev && a.st_ino == b.st_ino;

	free(p);
	return yes;
}

static int take_over_stopped(const char *gitdir, const char *dir)
{
	struct stat sb;
	int held = -1, busy;

	if (lstat(gitdir, &sb) || !S_ISDIR(sb.st_mode) || !zdh_repo_marked(gitdir, ZDH_MARK_CLONING))
		return 0;
	if (!(busy = zdh_repo_mark_take(gitdir, ZDH_MARK_CLONING, &held)))
		remove_clone(gitdir, gitdir);
	if (held >= 0)
		close(held);
	if (busy > 0)
		return zdh_error_set(ZDH_EEXISTS, _("another zdh clone is making '%s' now"), dir);
	return busy;
}

int zdh_clone(struct zdh_repo **out, const char *url, const char *dir,
	      const struct zdh_init_options *init, const struct zdh_sync_options *o,
	      struct zdh_pull_stats *st)
{
	struct zdh_init_options io = *init;
	struct zdh_sync_options co;
	struct zdh_repo *repo = NULL;
	struct stat sb;
	char *gitdir = zdh_asprintf("%s/.zdh", dir), *tracked, id[41];
	const char *made;	/* what a failure removes: dir when this clone made it, else gitdir */
	double clock = 0;
	int err, used = 0, held = -1;

	*out = NULL;
	memset(st, 0, sizeof(*st));
	io.no_pin = 1;	/* pinned once the prefix is known to be free (pin_prefixes) */
	io.mark = ZDH_MARK_CLONING;	/* made first, removed when the clone is whole, */
	io.mark_fd = &held;		/* ... and held until then: a clone at work is not taken over */
	if (stat(dir, &sb) < 0) {
		err = errno != ENOENT ? zdh_error_errno(ZDH_ERROR, _("cannot use '%s'"), dir) : 0;
		made = dir;	/* ours: removed whole on failure */
	} else {
		if (!(err = take_over_stopped(gitdir, dir)) && !lstat(gitdir, &sb))
			err = zdh_error_set(ZDH_EEXISTS, _("'%s' holds a zdh repository already; give another DIR"),
					    dir);
		made = gitdir;
	}
	if (err) {
		free(gitdir);
		return err;
	}
	if ((err = zdh_repo_init(&repo, dir, &io))) {
		zdh_repo_free(repo);
		/* what this clone made: not a .zdh another made meanwhile */
		if (held >= 0 && holds_mark(gitdir, held))
			remove_clone(made, gitdir);	/* (stopped after its .zdh was in place) */
		else if (made == dir)
			rmdir(dir);	/* (only when empty) */
		if (held >= 0)
			close(held);
		free(gitdir);
		return err;
	}
	co = *o;
	co.cloning = 1;
	if ((err = zdh_remote_add(repo, "origin", url)) || (err = zdh_pull(repo, "origin", &co, st)))
		goto fail;
	/* a replica name or prefix in use would make two writers of one log, or one id twice */
	tracked = zdh_asprintf(TRACK_PREFIX "origin/%s", repo->replica);
	err = zdh_ref_read(id, repo->gitdir, tracked);
	free(tracked);
	if (err)
		goto fail;
	if (id[0]) {
		err = zdh_error_set(ZDH_EEXISTS, _("the replica name '%s' is already used in %s; choose another with --replica"),
				    repo->replica, url);
		goto fail;
	}
	if ((err = zdh_index_prefix_used(repo->index, repo->prefix, &used)))
		goto fail;
	if (used) {
		err = zdh_error_set(ZDH_EEXISTS, _("the prefix '%s' is already used in %s; choose another with --prefix"),
				    repo->prefix, url);
		goto fail;
	}
	zdh_trace("clone", NULL, &clock);
	if ((err = pin_prefixes(repo)) || (err = pin_founder(repo, 0)) ||
	    (err = zdh_repo_mark(repo->gitdir, ZDH_MARK_CLONING, 0)))
		goto fail;
	zdh_trace("clone", "pins", &clock);
	close(held);
	free(gitdir);
	*out = repo;
	return 0;
fail:
	zdh_repo_free(repo);
	remove_clone(made, gitdir);
	close(held);
	free(gitdir);
	return err;
}

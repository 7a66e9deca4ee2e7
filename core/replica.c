/*
 * replica — this repository as one writer among the offices: confirming
 * that a copied repository is the only one left, and recovering the
 * events of a log that diverged (zdh-replica(1), zdh-sync(1)).
 *
 * Two repositories writing as one replica (a copied folder, two clones
 * made before the hub had that log) each extend the same log with events
 * of their own: the first to push wins the name, and the other's pull
 * keeps the winner's log aside under refs/zdh/diverged/REMOTE/REPLICA.
 * Recovery on that losing side:
 *  1. finds where the two histories forked (the newest commit of our log
 *     that the kept-aside one also holds);
 *  2. keeps our log as it was under refs/zdh/recovered/REPLICA (never
 *     pushed: nothing is lost), and moves refs/zdh/log/REPLICA to the
 *     winner's history, which every other office holds;
 *  3. becomes a replica of its own (zdh.replica, zdh.prefix) and rebuilds
 *     the index;
 *  4. writes each of our events after the fork again, oldest first, in
 *     the new replica's log, by the same person at the same date with the
 *     same attachments.  A record created after the fork gets a new id of
 *     the new prefix (the old one belongs to the winner's records); every
 *     string of the events' data equal to a renumbered id is changed to
 *     the new one, so links between them hold; each summary ends with
 *     "(recovered from REPLICA COMMIT, was OLD-ID)".  An event the state
 *     now refuses (the winner closed the same issue) is kept with no
 *     effect, as a concurrent one would be.
 * Then a push sends the new log, and every office ends with both sides'
 * work.  Nothing here is decided by fold order: the rewritten events are
 * new events of a new log.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "event.h"
#include "gitlib.h"
#include "i18n.h"
#include "index.h"
#include "kind.h"
#include "objects.h"
#include "odb.h"
#include "replica.h"
#include "repo.h"
#include "store.h"

#define LOG_PREFIX "refs/zdh/log/"
#define DIVERGED_PREFIX "refs/zdh/diverged/"
#define RECOVERED_PREFIX "refs/zdh/recovered/"

int zdh_replica_confirm(struct zdh_repo *repo)
{
	int err = zdh_repo_lock(repo);

	if (!err)
		err = zdh_repo_write_instance(repo->gitdir, 1);
	zdh_repo_unlock(repo);
	return err;
}

/* ---- the kept-aside copies of a log ---- */

struct kept {
	char **ref;
	char (*id)[41];
	size_t n;
	const char *replica;
};

static int collect_kept(const char *refname, const char *id, void *payload)
{
	struct kept *k = payload;
	const char *last = strrchr(refname, '/');
	size_t n = strlen(k->replica);

	last = last ? last + 1 : refname;
	/* REMOTE/REPLICA or REMOTE/REPLICA.N */
	if (strncmp(last, k->replica, n) || (last[n] && last[n] != '.'))
		return 0;
	k->ref = zdh_realloc(k->ref, (k->n + 1) * sizeof(*k->ref));
	k->id = zdh_realloc(k->id, (k->n + 1) * sizeof(*k->id));
	k->ref[k->n] = zdh_strdup(refname);
	memcpy(k->id[k->n], id, 41);
	k->n++;
	return 0;
}

static void kept_clear(struct kept *k)
{
	for (size_t i = 0; i < k->n; i++)
		free(k->ref[i]);
	free(k->ref);
	free(k->id);
}

/* ---- walking a log ---- */

/* The first parent of commit id ("" for a root). */
static int parent_of(struct zdh_repo *repo, const char *id, char parent[41], struct zdh_event *ev)
{
	struct zdh_buf raw = ZDH_BUF_INIT;
	int np, err;

	if ((err = zdh_objects_read_commit(&raw, repo, id)))
		goto done;
	err = zdh_event_parse_commit(ev, parent, &np, raw.ptr, raw.len);
done:
	zdh_buf_release(&raw);
	return err;
}

/* Every commit of the log from tip back (ids, newest first). */
static int walk(struct zdh_repo *repo, const char *tip, char (**out)[41], size_t *n)
{
	char cur[41];
	size_t alloc = 0;
	int err = 0;

	*out = NULL;
	*n = 0;
	memcpy(cur, tip, 41);
	while (cur[0] && !err) {
		struct zdh_event ev;
		char parent[41];
		memset(&ev, 0, sizeof(ev));
		if (*n == alloc)
			*out = zdh_realloc(*out, (alloc = alloc ? 2 * alloc : 256) * sizeof(**out));
		memcpy((*out)[(*n)++], cur, 41);
		err = parent_of(repo, cur, parent, &ev);
		zdh_event_clear(&ev);
		memcpy(cur, parent, 41);
	}
	return err;
}

static int has_id(char (*ids)[41], size_t n, const char *id)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(ids[i], id))
			return 1;
	return 0;
}

/* ---- renumbering ---- */

struct idmap {
	char **from, **to;
	size_t n;
};

static const char *idmap_get(const struct idmap *m, const char *from)
{
	for (size_t i = 0; i < m->n; i++)
		if (!strcmp(m->from[i], from))
			return m->to[i];
	return NULL;
}

static void idmap_add(struct idmap *m, const char *from, const char *to)
{
	m->from = zdh_realloc(m->from, (m->n + 1) * sizeof(*m->from));
	m->to = zdh_realloc(m->to, (m->n + 1) * sizeof(*m->to));
	m->from[m->n] = zdh_strdup(from);
	m->to[m->n] = zdh_strdup(to);
	m->n++;
}

static void idmap_clear(struct idmap *m)
{
	for (size_t i = 0; i < m->n; i++) {
		free(m->from[i]);
		free(m->to[i]);
	}
	free(m->from);
	free(m->to);
}

/* A copy of j with every string equal to a renumbered id replaced. */
static json_t *remap(const json_t *j, const struct idmap *m)
{
	const char *key, *to;
	json_t *v, *out;
	size_t i;

	switch (json_typeof(j)) {
	case JSON_STRING:
		to = idmap_get(m, json_string_value(j));
		return json_string(to ? to : json_string_value(j));
	case JSON_ARRAY:
		out = json_array();
		json_array_foreach(j, i, v)
			json_array_append_new(out, remap(v, m));
		return out;
	case JSON_OBJECT:
		out = json_object();
		json_object_foreach((json_t *)j, key, v)
			json_object_set_new(out, key, remap(v, m));
		return out;
	default:
		return json_deep_copy(j);
	}
}

/* text with every word equal to a renumbered id replaced (a new string) */
static char *remap_text(const char *text, const struct idmap *m)
{
	struct zdh_buf b = ZDH_BUF_INIT;
	const char *p = text;

	while (*p) {
		size_t n = strspn(p, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-");
		if (n) {
			char *word = zdh_strndup(p, n);
			const char *to = idmap_get(m, word);
			zdh_buf_puts(&b, to ? to : word);
			free(word);
			p += n;
		} else {
			zdh_buf_addch(&b, *p++);
		}
	}
	return zdh_buf_detach(&b);
}

/* ---- recover ---- */

int zdh_replica_recover(struct zdh_repo *repo, const struct zdh_recover_options *o,
			int (*renumbered)(const char *from, const char *to, void *payload),
			void *payload, struct zdh_recover_stats *st)
{
	struct kept kept = { NULL, NULL, 0, repo->replica };
	char (*ours)[41] = NULL, (*theirs)[41] = NULL, own[41], from[41];
	size_t nours = 0, ntheirs = 0, fork, nstart = 0;
	char (*common)[41] = NULL;
	struct idmap map = { 0 };
	char **known = NULL;	/* records the common history holds */
	size_t nknown = 0;
	struct zdh_txn *txn = NULL;
	char *old_replica = zdh_strdup(repo->replica), *ref = NULL, *saved = NULL;
	char *old_prefix = zdh_asprintf("%s-", repo->prefix);
	int err;

	memset(st, 0, sizeof(*st));
	if (!zdh_replica_valid(o->replica)) {
		err = zdh_error_set(ZDH_EINVALID, _("invalid replica name '%s' (lower-case letters, digits and '-', at most 32)"), o->replica);
		goto done;
	}
	if (!zdh_prefix_valid(o->prefix)) {
		err = zdh_error_set(ZDH_EINVALID, _("invalid id prefix '%s' (an upper-case letter, then up to 7 upper-case letters or digits)"), o->prefix);
		goto done;
	}
	if (!strcmp(o->replica, repo->replica)) {
		err = zdh_error_set(ZDH_EINVALID, _("'%s' is this replica's name already: choose a new one"), o->replica);
		goto done;
	}
	if ((err = zdh_repo_lock(repo)))
		goto done;
	ref = zdh_asprintf(LOG_PREFIX "%s", o->replica);
	if ((err = zdh_ref_read(own, repo->gitdir, ref)))
		goto done;
	if (own[0]) {
		err = zdh_error_set(ZDH_EEXISTS, _("a log of replica '%s' exists already: choose another name"), o->replica);
		goto done;
	}
	free(ref);
	ref = zdh_asprintf(LOG_PREFIX "%s", repo->replica);
	if ((err = zdh_ref_read(own, repo->gitdir, ref)))
		goto done;

	/* the winner's history: --from, or the one copy kept aside */
	if (o->from) {
		if ((err = zdh_ref_read(from, repo->gitdir, o->from)))
			goto done;
		if (!from[0]) {
			err = zdh_error_set(ZDH_ENOTFOUND, _("no such ref '%s'"), o->from);
			goto done;
		}
	} else {
		if ((err = zdh_ref_foreach(repo->gitdir, DIVERGED_PREFIX, collect_kept, &kept)))
			goto done;
		if (kept.n > 1) {
			err = zdh_error_set(ZDH_EINVALID, _("%zu diverged copies of log '%s' are kept aside (%s, %s...): name the one the other offices hold with --from REF"),
					    kept.n, repo->replica, kept.ref[0], kept.ref[1]);
			goto done;
		}
		from[0] = '\0';
		if (kept.n)
			memcpy(from, kept.id[0], 41);
	}

	/* where the two forked; ours after that is what we write again */
	if (own[0] && (err = walk(repo, own, &ours, &nours)))
		goto done;
	if (from[0] && (err = walk(repo, from, &theirs, &ntheirs)))
		goto done;
	for (fork = 0; fork < nours && !has_id(theirs, ntheirs, ours[fork]); fork++)
		;
	if (from[0] && fork == 0) {
		err = zdh_error_set(ZDH_EINVALID, _("log '%s' has not diverged from %s: nothing to recover (pull to take it)"),
				    repo->replica, o->from ? o->from : kept.ref[0]);
		goto done;
	}
	if (!from[0])
		fork = 0;	/* nothing kept aside: a copy that never wrote its own */
	common = ours + fork;
	nstart = nours - fork;
	for (size_t i = 0; i < nstart; i++) {
		struct zdh_event ev;
		char parent[41];
		memset(&ev, 0, sizeof(ev));
		if (!(err = parent_of(repo, common[i], parent, &ev)) && ev.record) {
			known = zdh_realloc(known, (nknown + 1) * sizeof(*known));
			known[nknown++] = zdh_strdup(ev.record);
		}
		zdh_event_clear(&ev);
		if (err)
			goto done;
	}

	/* keep ours, take theirs, become a replica of our own */
	if (fork) {
		saved = zdh_asprintf(RECOVERED_PREFIX "%s", repo->replica);
		for (int n = 2; ; n++) {
			char cur[41];
			if ((err = zdh_ref_read(cur, repo->gitdir, saved)))
				goto done;
			if (!cur[0])
				break;
			free(saved);
			saved = zdh_asprintf(RECOVERED_PREFIX "%s.%d", repo->replica, n);
		}
		if ((err = zdh_ref_update(repo->gitdir, saved, own, "", 1)) ||
		    (err = zdh_ref_update(repo->gitdir, ref, from, own, 1)))
			goto done;
	}
	if ((err = zdh_config_set(repo->config_path, "zdh.replica", o->replica)) ||
	    (err = zdh_config_set(repo->config_path, "zdh.prefix", o->prefix)) ||
	    (err = zdh_repo_reload_config(repo)) ||
	    (err = zdh_repo_write_instance(repo->gitdir, 1)))
		goto done;
	st->saved = saved;
	saved = NULL;
	if (!fork)
		goto done;
	if (!repo->index && (err = zdh_index_open(&repo->index, repo)))
		goto done;
	if ((err = zdh_index_rebuild(repo->index, NULL, NULL)))
		goto done;

	/* our events after the fork, oldest first, again */
	if ((err = zdh_txn_begin_replay(&txn, repo)))
		goto done;
	for (size_t i = fork; i-- > 0 && !err;) {
		struct zdh_event ev;
		const struct zdh_kind *kind;
		char parent[41], *newid = NULL, *summary;
		const char *rec;
		int fresh;

		memset(&ev, 0, sizeof(ev));
		if ((err = parent_of(repo, ours[i], parent, &ev)))
			break;
		if (!(kind = zdh_kind_find(ev.kind))) {
			err = zdh_error_set(ZDH_EINVALID, _("event %.12s is of kind '%s', which this zdh does not know: upgrade zdh, then recover"),
					    ours[i], ev.kind);
			zdh_event_clear(&ev);
			break;
		}
		/* ours if made after the fork: of our prefix, not in the common history */
		rec = idmap_get(&map, ev.record);
		fresh = !rec && !strncmp(ev.record, old_prefix, strlen(old_prefix));
		for (size_t k = 0; fresh && k < nknown; k++)
			fresh = strcmp(known[k], ev.record) != 0;
		{
			/* the summary names the new ids, and where the event came from */
			char *text = remap_text(ev.summary ? ev.summary : "", &map);
			summary = fresh ?
				zdh_asprintf(_("%s (recovered from %s %.12s, was %s)"), text,
					     old_replica, ours[i], ev.record) :
				zdh_asprintf(_("%s (recovered from %s %.12s)"), text, old_replica,
					     ours[i]);
			free(text);
		}
		err = zdh_txn_replay(txn, kind, fresh ? NULL : rec ? rec : ev.record, &ev,
				     remap(ev.data, &map), summary, fresh ? &newid : NULL);
		if (!err && fresh) {
			idmap_add(&map, ev.record, newid);
			st->renumbered++;
			if (renumbered)
				err = renumbered(ev.record, newid, payload);
		}
		if (!err)
			st->events++;
		free(newid);
		free(summary);
		zdh_event_clear(&ev);
	}
	if (!err)
		err = zdh_txn_commit(txn);
	/* the copy kept aside is our log now: nothing is left to resolve */
	if (!err && kept.n) {
		git_repository *g;
		if (!(err = zdh_git_open(&g, repo->gitdir))) {
			if (G(git_reference_remove)(g, kept.ref[0]) < 0)
				err = zdh_git_error(_("cannot remove the copy kept aside"));
			G(git_repository_free)(g);
		}
	}
done:
	zdh_txn_free(txn);
	zdh_repo_unlock(repo);
	for (size_t i = 0; i < nknown; i++)
		free(known[i]);
	free(known);
	idmap_clear(&map);
	kept_clear(&kept);
	free(ours);
	free(theirs);
	free(ref);
	free(saved);
	free(old_replica);
	free(old_prefix);
	return err;
}

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
 * A recovery stopped on the way is finished by the next one, from what
 * its mark says (below).  Then a push sends the new log, and every office
 * ends with both sides' work.  Nothing here is decided by fold order: the
 * rewritten events are new events of a new log.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

/* ---- the mark of a recovery at work ---- */

/*
 * What a recovery does, written in the mark .zdh/zdh-recovering before
 * anything moves and read back by the next zdh replica recover when one
 * was stopped (killed, a power cut, a full disk, a kind this zdh does not
 * know), one "KEY VALUE" a line:
 *
 *   old-replica, old-prefix  what this replica was
 *   replica, prefix          what it becomes
 *   own                      our log's tip, the events to write again
 *   from                     the history the others hold ("" when none)
 *   saved                    where our log is kept ("" when nothing is)
 *   kept                     the kept-aside copy removed at the end ("")
 *
 * Until the mark is removed, last, every other command refuses the
 * repository (core/repo.c): our events after the fork are reachable only
 * from the saved ref meanwhile.  Each step is done again only when it is
 * not done yet (a ref that moved already stays), and the events are
 * written in one transaction, so a log of the new replica means they all
 * were: a recovery finished this way ends as one never stopped would.
 */
struct plan {
	char *old_replica, *old_prefix, *replica, *prefix;
	char own[41], from[41];
	char *saved, *kept;	/* NULL: none */
};

static void plan_clear(struct plan *p)
{
	free(p->old_replica);
	free(p->old_prefix);
	free(p->replica);
	free(p->prefix);
	free(p->saved);
	free(p->kept);
	memset(p, 0, sizeof(*p));
}

static char *plan_text(const struct plan *p)
{
	return zdh_asprintf("old-replica %s\nold-prefix %s\nreplica %s\nprefix %s\n"
			    "own %s\nfrom %s\nsaved %s\nkept %s\n",
			    p->old_replica, p->old_prefix, p->replica, p->prefix, p->own, p->from,
			    p->saved ? p->saved : "", p->kept ? p->kept : "");
}

/* 1 when s is "" or a full object id */
static int id_or_none(const char *s)
{
	size_t n = strspn(s, "0123456789abcdef");
	return (n == 0 || n == 40) && !s[n];
}

/* The mark says what cannot be (edited, or its disk failed). */
static int damaged(const char *gitdir)
{
	return zdh_error_set(ZDH_ERROR, _("'%s/%s' is damaged: it says what a stopped recovery was doing (see zdh-replica(1))"),
			     gitdir, ZDH_MARK_RECOVERING);
}

static int plan_parse(struct plan *p, const char *text, const char *gitdir)
{
	static const char *const keys[] = {
		"old-replica", "old-prefix", "replica", "prefix", "own", "from", "saved", "kept"
	};
	char **slot[] = { &p->old_replica, &p->old_prefix, &p->replica, &p->prefix,
			  NULL, NULL, &p->saved, &p->kept };
	unsigned seen = 0;
	const char *line = text;
	int bad = 0;

	while (*line && !bad) {
		const char *end = line + strcspn(line, "\n"), *sp = memchr(line, ' ', (size_t)(end - line));
		char *value;
		size_t k;

		if (!sp)
			break;
		for (k = 0; k < 8; k++)
			if ((size_t)(sp - line) == strlen(keys[k]) && !memcmp(line, keys[k], strlen(keys[k])))
				break;
		bad = k == 8 || (seen & (1u << k));
		if (bad)
			break;
		seen |= 1u << k;
		value = zdh_strndup(sp + 1, (size_t)(end - sp - 1));
		if (slot[k]) {
			*slot[k] = value;
		} else {
			char *id = k == 4 ? p->own : p->from;
			bad = !id_or_none(value);
			if (!bad)
				memcpy(id, value, strlen(value) + 1);
			free(value);
		}
		line = *end ? end + 1 : end;
	}
	bad = bad || *line || seen != 0xff ||
	      !zdh_replica_valid(p->old_replica) || !zdh_prefix_valid(p->old_prefix) ||
	      !zdh_replica_valid(p->replica) || !zdh_prefix_valid(p->prefix) ||
	      !p->from[0] != !*p->saved ||
	      (*p->saved && strncmp(p->saved, RECOVERED_PREFIX, strlen(RECOVERED_PREFIX))) ||
	      (*p->kept && strncmp(p->kept, DIVERGED_PREFIX, strlen(DIVERGED_PREFIX)));
	if (bad)
		return damaged(gitdir);
	if (!*p->saved) {
		free(p->saved);
		p->saved = NULL;
	}
	if (!*p->kept) {
		free(p->kept);
		p->kept = NULL;
	}
	return 0;
}

/* The options given to a recovery that finishes a stopped one: none, or its own. */
static int plan_agrees(struct zdh_repo *repo, const struct plan *p, const struct zdh_recover_options *o)
{
	char cur[41] = "";
	int err;

	if (o->from && (err = zdh_ref_read(cur, repo->gitdir, o->from)))
		return err;
	if ((o->replica && strcmp(o->replica, p->replica)) || (o->prefix && strcmp(o->prefix, p->prefix)) ||
	    (o->from && strcmp(cur, p->from)))
		return zdh_error_set(ZDH_EINVALID, _("the recovery of replica '%s' as '%s' (prefix %s) was stopped: run 'zdh replica recover' with no options to finish it first"),
				     p->old_replica, p->replica, p->prefix);
	return 0;
}

/* ref from old_id to new_id, unless a stopped recovery moved it already */
static int move_ref(struct zdh_repo *repo, const char *ref, const char *new_id, const char *old_id)
{
	char cur[41];
	int err;

	if ((err = zdh_ref_read(cur, repo->gitdir, ref)) || !strcmp(cur, new_id))
		return err;
	if (strcmp(cur, old_id))
		return zdh_error_set(ZDH_ESTATE, _("%s moved while the recovery was stopped: see zdh-replica(1)"), ref);
	return zdh_ref_update(repo->gitdir, ref, new_id, old_id, 1);
}

/* The kept-aside copy, our log now: removed unless gone already. */
static int remove_kept(struct zdh_repo *repo, char *ref, const char *id)
{
	const char *locked[2] = { ref, "packed-refs" };
	char cur[41];
	int err;

	if ((err = zdh_ref_read(cur, repo->gitdir, ref)) || strcmp(cur, id))
		return err;
	/*
	 * A removal killed on the way leaves its locks (we hold the write
	 * lock): the ref's, and that of packed-refs, which libgit2 rewrites
	 * when the ref was packed (git gc, git pack-refs)
	 */
	for (int i = 0; i < 2 && !err; i++) {
		char *lock = zdh_asprintf("%s/%s.lock", repo->gitdir, locked[i]);
		if (unlink(lock) < 0 && errno != ENOENT)
			err = zdh_error_errno(ZDH_ERROR, _("cannot remove '%s'"), lock);
		free(lock);
	}
	return err ? err : zdh_git_remove_refs(repo->gitdir, &ref, 1);
}

/* ---- take back ---- */

int zdh_replica_take_back(struct zdh_repo *repo, const char *from, char **kept_ref, size_t *events)
{
	struct kept kept = { NULL, NULL, 0, repo->replica };
	char own[41], theirs[41], (*ids)[41] = NULL;
	char *ref = zdh_asprintf(LOG_PREFIX "%s", repo->replica), *kref = NULL;
	size_t n = 0, at;
	int err;

	*kept_ref = NULL;
	*events = 0;
	if ((err = zdh_repo_lock(repo)))
		goto out;
	if ((err = zdh_ref_read(own, repo->gitdir, ref)))
		goto done;
	if (from) {
		if ((err = zdh_ref_read(theirs, repo->gitdir, from)))
			goto done;
		if (!theirs[0]) {
			err = zdh_error_set(ZDH_ENOTFOUND, _("no such ref '%s'"), from);
			goto done;
		}
		kref = zdh_strdup(from);
	} else {
		if ((err = zdh_ref_foreach(repo->gitdir, DIVERGED_PREFIX, collect_kept, &kept)))
			goto done;
		if (!kept.n)
			goto done;	/* nothing to take back: *kept_ref stays NULL */
		if (kept.n > 1) {
			err = zdh_error_set(ZDH_EINVALID, _("%zu diverged copies of log '%s' are kept aside (%s, %s...): name the one the other offices hold with --from REF"),
					    kept.n, repo->replica, kept.ref[0], kept.ref[1]);
			goto done;
		}
		memcpy(theirs, kept.id[0], 41);
		kref = zdh_strdup(kept.ref[0]);
	}
	if ((err = walk(repo, theirs, &ids, &n)))
		goto done;
	for (at = 0; own[0] && at < n && strcmp(ids[at], own); at++)
		;
	if (at == n && own[0])
		goto done;	/* ours has events of its own: only a recovery joins them */
	/* ours is all in theirs: the events after it are ours, written before the copy was made */
	if ((err = zdh_ref_update(repo->gitdir, ref, theirs, own, 1)))
		goto done;
	/* a copy kept aside is our log now: nothing is left to resolve */
	if (!strncmp(kref, DIVERGED_PREFIX, strlen(DIVERGED_PREFIX)) &&
	    (err = remove_kept(repo, kref, theirs)))
		goto done;
	*events = at;
	*kept_ref = kref;
	kref = NULL;
done:
	zdh_repo_unlock(repo);
out:
	kept_clear(&kept);
	free(ids);
	free(kref);
	free(ref);
	return err;
}

/* ---- recover ---- */

/*
 * What a new recovery does (checking what it is given), into p; ours and
 * theirs walked, and where they forked.
 */
static int plan_make(struct zdh_repo *repo, struct plan *p, const struct zdh_recover_options *o)
{
	struct kept kept = { NULL, NULL, 0, repo->replica };
	char *ref = NULL;
	int err;

	if (!o->replica || !o->prefix) {
		err = zdh_error_set(ZDH_EINVALID, _("no recovery was stopped: give --as NAME and --prefix CODE"));
		goto done;
	}
	if (!strcmp(o->replica, repo->replica)) {
		err = zdh_error_set(ZDH_EINVALID, _("'%s' is this replica's name already: choose a new one"), o->replica);
		goto done;
	}
	ref = zdh_asprintf(LOG_PREFIX "%s", o->replica);
	if ((err = zdh_ref_read(p->own, repo->gitdir, ref)))
		goto done;
	if (p->own[0]) {
		err = zdh_error_set(ZDH_EEXISTS, _("a log of replica '%s' exists already: choose another name"), o->replica);
		goto done;
	}
	free(ref);
	ref = zdh_asprintf(LOG_PREFIX "%s", repo->replica);
	if ((err = zdh_ref_read(p->own, repo->gitdir, ref)))
		goto done;

	/* the winner's history: --from, or the one copy kept aside */
	if (o->from) {
		if ((err = zdh_ref_read(p->from, repo->gitdir, o->from)))
			goto done;
		if (!p->from[0]) {
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
		if (kept.n) {
			memcpy(p->from, kept.id[0], 41);
			p->kept = zdh_strdup(kept.ref[0]);
		}
	}
	p->old_replica = zdh_strdup(repo->replica);
	p->old_prefix = zdh_strdup(repo->prefix);
	p->replica = zdh_strdup(o->replica);
	p->prefix = zdh_strdup(o->prefix);
done:
	kept_clear(&kept);
	free(ref);
	return err;
}

int zdh_replica_recover(struct zdh_repo *repo, const struct zdh_recover_options *o,
			int (*renumbered)(const char *from, const char *to, void *payload),
			void *payload, struct zdh_recover_stats *st)
{
	struct plan plan = { 0 };
	struct zdh_buf text = ZDH_BUF_INIT;
	char (*ours)[41] = NULL, (*theirs)[41] = NULL, done_tip[41];
	size_t nours = 0, ntheirs = 0, fork, nstart = 0;
	char (*common)[41] = NULL;
	struct idmap map = { 0 };
	char **known = NULL;	/* records the common history holds */
	size_t nknown = 0;
	struct zdh_txn *txn = NULL;
	char *ref = NULL, *old_prefix = NULL, *mark = NULL;
	int resumed, err;

	memset(st, 0, sizeof(*st));
	repo->recovering = 1;	/* its own mark does not stop it (zdh_repo_lock) */
	if (o->replica && !zdh_replica_valid(o->replica)) {
		err = zdh_error_set(ZDH_EINVALID, _("invalid replica name '%s' (lower-case letters, digits and '-', at most 32)"), o->replica);
		goto done;
	}
	if (o->prefix && !zdh_prefix_valid(o->prefix)) {
		err = zdh_error_set(ZDH_EINVALID, _("invalid id prefix '%s' (an upper-case letter, then up to 7 upper-case letters or digits)"), o->prefix);
		goto done;
	}
	if ((err = zdh_repo_lock(repo)))
		goto done;
	/* a recovery that was stopped is finished, as its mark says */
	err = zdh_repo_mark_read(&text, repo->gitdir, ZDH_MARK_RECOVERING);
	resumed = !err;
	if (resumed) {
		if ((err = plan_parse(&plan, text.ptr ? text.ptr : "", repo->gitdir)) ||
		    (err = plan_agrees(repo, &plan, o)))
			goto done;
	} else if (err != ZDH_ENOTFOUND || (err = plan_make(repo, &plan, o))) {
		goto done;
	}
	/*
	 * Its events are written in one transaction, after every other step:
	 * a log of the new replica means only the end is left (and the logs
	 * need not be walked, nor the refs it moved be where it left them).
	 */
	if (resumed) {
		ref = zdh_asprintf(LOG_PREFIX "%s", plan.replica);
		if ((err = zdh_ref_read(done_tip, repo->gitdir, ref)))
			goto done;
		free(ref);
		ref = NULL;
		if (done_tip[0]) {
			st->written_before = 1;
			goto finish;
		}
	}

	/* where the two forked; ours after that is what we write again */
	if (plan.own[0] && (err = walk(repo, plan.own, &ours, &nours)))
		goto done;
	if (plan.from[0] && (err = walk(repo, plan.from, &theirs, &ntheirs)))
		goto done;
	for (fork = 0; fork < nours && !has_id(theirs, ntheirs, ours[fork]); fork++)
		;
	/*
	 * fork 0 with a history kept aside: ours is all in it (a copy restored
	 * from an older backup, whose original wrote on and pushed): the log
	 * takes it, and nothing is written again
	 */
	if (!plan.from[0])
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
	if (plan.from[0] && plan.own[0] && !plan.saved) {
		plan.saved = zdh_asprintf(RECOVERED_PREFIX "%s", plan.old_replica);
		for (int n = 2; ; n++) {
			char cur[41];
			if ((err = zdh_ref_read(cur, repo->gitdir, plan.saved)))
				goto done;
			if (!cur[0])
				break;
			free(plan.saved);
			plan.saved = zdh_asprintf(RECOVERED_PREFIX "%s.%d", plan.old_replica, n);
		}
	}
	/* from here on, whatever stops it, the next recover finishes it */
	if (!resumed) {
		mark = plan_text(&plan);
		if ((err = zdh_repo_mark_write(repo->gitdir, ZDH_MARK_RECOVERING, mark)))
			goto done;
	}

	/* keep ours, take theirs, become a replica of our own */
	ref = zdh_asprintf(LOG_PREFIX "%s", plan.old_replica);
	if (plan.saved && ((err = move_ref(repo, plan.saved, plan.own, "")) ||
			   (err = move_ref(repo, ref, plan.from, plan.own))))
		goto done;
	if ((strcmp(repo->replica, plan.replica) &&
	     (err = zdh_config_set_locked(repo->config_path, "zdh.replica", plan.replica))) ||
	    (strcmp(repo->prefix, plan.prefix) &&
	     (err = zdh_config_set_locked(repo->config_path, "zdh.prefix", plan.prefix))) ||
	    (err = zdh_repo_reload_config(repo)) ||
	    (err = zdh_repo_write_instance(repo->gitdir, 1)))
		goto done;
	if (!fork)
		goto finish;

	if (!repo->index && (err = zdh_index_open(&repo->index, repo)))
		goto done;
	if ((err = zdh_index_rebuild(repo->index, NULL, NULL)))
		goto done;

	/* our events after the fork, oldest first, again */
	old_prefix = zdh_asprintf("%s-", plan.old_prefix);
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
			/*
			 * the summary names the new ids, and where the event came
			 * from: in English, as every commit subject is, whatever
			 * the language of the recovery (zdh log translates it)
			 */
			char *t = remap_text(ev.summary ? ev.summary : "", &map);
			zdh_i18n_english_begin();
			summary = fresh ?
				zdh_asprintf(_("%s (recovered from %s %.12s, was %s)"), t,
					     plan.old_replica, ours[i], ev.record) :
				zdh_asprintf(_("%s (recovered from %s %.12s)"), t, plan.old_replica,
					     ours[i]);
			zdh_i18n_english_end();
			free(t);
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
	/* the write lock stays ours (we held it before the transaction) */
	if (!err)
		err = zdh_txn_commit(txn);
	if (err)
		goto done;
finish:
	/* the copy kept aside is our log now: nothing is left to resolve */
	if (plan.kept && (err = remove_kept(repo, plan.kept, plan.from)))
		goto done;
	if ((err = zdh_repo_mark(repo->gitdir, ZDH_MARK_RECOVERING, 0)))
		goto done;
	st->old = plan.old_replica;
	plan.old_replica = NULL;
	st->saved = plan.saved;
	plan.saved = NULL;
done:
	zdh_txn_free(txn);
	zdh_repo_unlock(repo);
	for (size_t i = 0; i < nknown; i++)
		free(known[i]);
	free(known);
	idmap_clear(&map);
	free(ours);
	free(theirs);
	free(ref);
	free(mark);
	free(old_prefix);
	zdh_buf_release(&text);
	plan_clear(&plan);
	return err;
}

/*
 * store — the logs in git: reads event commits and runs the write path
 * (DESIGN §3).
 *
 * One event is written as loose objects by core/odb.c, which needs no
 * libgit2; a transaction of many events (import, demo data, benchmarks)
 * is written as one pack through libgit2's mempack and pack indexer.  The
 * log ref moves with compare-and-swap after the objects are durable, and
 * only then is the index transaction committed: a crash in between leaves
 * a tip the next command catches up from.
 */
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "gitlib.h"
#include "i18n.h"
#include "index.h"
#include "odb.h"
#include "repo.h"
#include "store.h"

/* Above this many events one pack is written instead of loose objects. */
#define LOOSE_MAX 16

static git_repository *git_repo;	/* opened on first need, for the process */

static int open_git(struct zdh_repo *repo)
{
	if (git_repo)
		return 0;
	return zdh_git_open(&git_repo, repo->gitdir);
}

int zdh_store_read_commit(struct zdh_buf *raw, struct zdh_repo *repo, const char *id)
{
	enum zdh_objtype type;
	git_odb *odb = NULL;
	git_odb_object *obj = NULL;
	git_oid oid;
	int err = zdh_odb_read_loose(raw, &type, repo->gitdir, id);

	if (!err)
		return type == ZDH_OBJ_COMMIT ? 0 :
			zdh_error_set(ZDH_ECORRUPT, _("object %.12s is not a commit"), id);
	if (err != ZDH_ENOTFOUND)
		return err;
	if ((err = open_git(repo)))
		return err;
	if (G(git_oid_fromstr)(&oid, id) < 0 || G(git_repository_odb)(&odb, git_repo) < 0)
		return zdh_git_error(_("cannot read objects"));
	if (G(git_odb_read)(&obj, odb, &oid) < 0) {
		G(git_odb_free)(odb);
		return zdh_error_set(ZDH_ECORRUPT, _("missing or damaged object %.12s"), id);
	}
	if (G(git_odb_object_type)(obj) != GIT_OBJECT_COMMIT)
		err = zdh_error_set(ZDH_ECORRUPT, _("object %.12s is not a commit"), id);
	else
		zdh_buf_add(raw, G(git_odb_object_data)(obj), G(git_odb_object_size)(obj));
	G(git_odb_object_free)(obj);
	G(git_odb_free)(odb);
	return err;
}

int zdh_repo_index(struct zdh_index **out, struct zdh_repo *repo)
{
	int err;

	if (repo->index) {
		*out = repo->index;
		return 0;
	}
	if ((err = zdh_index_open(&repo->index, repo)))
		return err;
	if ((err = zdh_index_catch_up(repo->index, NULL)))
		return err;
	*out = repo->index;
	return 0;
}

struct commit {
	char id[41];
	struct zdh_buf raw;
};

struct zdh_txn {
	struct zdh_repo *repo;
	struct zdh_index *idx;
	struct zdh_actor actor;
	struct zdh_time now;
	char *ref;
	char old_tip[41];
	long long clock;
	struct commit *commits;
	size_t n, alloc;
	int open;
	int bulk;
};

int zdh_txn_begin(struct zdh_txn **out, struct zdh_repo *repo)
{
	struct zdh_txn *txn = zdh_calloc(1, sizeof(*txn));
	int err;

	*out = NULL;
	txn->repo = repo;
	if ((err = zdh_repo_identity(&txn->actor, repo)))
		goto fail;
	if ((err = zdh_repo_lock(repo)))
		goto fail;
	if (!repo->index && (err = zdh_index_open(&repo->index, repo)))
		goto fail;
	txn->idx = repo->index;
	if ((err = zdh_index_begin(txn->idx)))
		goto fail;
	txn->open = 1;
	/* under both locks: the index now holds every event of every log */
	if ((err = zdh_index_catch_up_locked(txn->idx)))
		goto fail;
	txn->ref = zdh_asprintf("refs/zdh/log/%s", repo->replica);
	if ((err = zdh_ref_read(txn->old_tip, repo->gitdir, txn->ref)))
		goto fail;
	txn->clock = zdh_index_max_clock(txn->idx);
	zdh_date_now(&txn->now, repo->timezone);
	*out = txn;
	return 0;
fail:
	zdh_txn_free(txn);
	return err;
}

struct zdh_index *zdh_txn_index(struct zdh_txn *txn)
{
	return txn->idx;
}

void zdh_txn_bulk(struct zdh_txn *txn)
{
	txn->bulk = 1;
}

size_t zdh_txn_count(const struct zdh_txn *txn)
{
	return txn->n;
}

/*
 * An edit of a field under conflict names the conflicting events it saw
 * (data.resolves): that is what settles the conflict on every replica.
 */
static int note_resolved(struct zdh_index *idx, struct zdh_event *ev)
{
	json_t *conflicts, *set = json_object_get(ev->data, "set"), *c, *e, *ids;
	size_t i, k;
	int err = zdh_index_conflicts(idx, ev->kind, ev->record, &conflicts);

	if (err || !conflicts)
		return err;
	ids = json_array();
	json_array_foreach(conflicts, i, c)
		if (json_object_get(set, json_string_value(json_object_get(c, "field"))))
			json_array_foreach(json_object_get(c, "events"), k, e)
				json_array_append(ids, e);
	if (json_array_size(ids))
		json_object_set(ev->data, "resolves", ids);
	json_decref(ids);
	json_decref(conflicts);
	return 0;
}

int zdh_txn_event(struct zdh_txn *txn, const struct zdh_kind *kind, const char *record,
		  const char *op_name, json_t *data, const char *summary,
		  const struct zdh_time *date, char **record_out)
{
	const struct zdh_op *op = zdh_kind_op(kind, op_name);
	struct zdh_event ev;
	json_t *state = NULL;
	char head[41] = "";
	struct commit *c;
	int err;

	memset(&ev, 0, sizeof(ev));
	ev.data = data;
	if (!op) {
		err = zdh_error_set(ZDH_EINVALID, _("%s has no operation '%s'"), kind->name, op_name);
		goto done;
	}
	ev.record = record ? zdh_strdup(record) : zdh_index_next_id(txn->idx, kind, txn->repo->prefix);
	err = zdh_index_state(txn->idx, kind->name, ev.record, &state, head);
	if (err && err != ZDH_ENOTFOUND)
		goto done;
	ev.version = ZDH_EVENT_VERSION;
	ev.kind = zdh_strdup(kind->name);
	ev.op = zdh_strdup(op_name);
	ev.replica = zdh_strdup(txn->repo->replica);
	ev.seen = head[0] ? zdh_strdup(head) : NULL;
	ev.clock = ++txn->clock;
	ev.date = date ? *date : txn->now;
	ev.recorded = txn->now;
	ev.actor.name = zdh_strdup(txn->actor.name);
	ev.actor.email = zdh_strdup(txn->actor.email);
	ev.actor.dept = txn->actor.dept ? zdh_strdup(txn->actor.dept) : NULL;
	ev.summary = zdh_strdup(summary);
	if ((err = op->check(txn->idx, state, &ev)) < 0)
		goto done;
	if (state && (err = note_resolved(txn->idx, &ev)))
		goto done;
	if (txn->n == txn->alloc) {
		txn->alloc = txn->alloc ? 2 * txn->alloc : 4;
		txn->commits = zdh_realloc(txn->commits, txn->alloc * sizeof(*txn->commits));
	}
	c = &txn->commits[txn->n];
	zdh_buf_init(&c->raw);
	err = zdh_event_commit(&c->raw, &ev, txn->n ? txn->commits[txn->n - 1].id : txn->old_tip);
	if (err) {
		zdh_buf_release(&c->raw);
		goto done;
	}
	zdh_odb_hash(c->id, ZDH_OBJ_COMMIT, c->raw.ptr, c->raw.len);
	memcpy(ev.id, c->id, 41);
	txn->n++;
	if ((err = zdh_index_apply(txn->idx, &ev)))
		goto done;
	if (record_out)
		*record_out = zdh_strdup(ev.record);
done:
	if (state)
		json_decref(state);
	zdh_event_clear(&ev);	/* frees data too */
	return err;
}

static int write_pack(struct zdh_txn *txn)
{
	git_odb *odb = NULL;
	git_odb_backend *mempack = NULL;
	git_odb_writepack *wp = NULL;
	git_indexer_progress stats;
	git_buf pack = { 0 };
	int err = 0;

	if ((err = open_git(txn->repo)))
		return err;
	if (G(git_repository_odb)(&odb, git_repo) < 0 || G(git_mempack_new)(&mempack) < 0 ||
	    G(git_odb_add_backend)(odb, mempack, 1000) < 0) {
		err = zdh_git_error(_("cannot prepare a pack"));
		goto done;
	}
	for (size_t i = 0; i < txn->n; i++) {
		git_oid oid;
		if (G(git_odb_write)(&oid, odb, txn->commits[i].raw.ptr, txn->commits[i].raw.len,
				     GIT_OBJECT_COMMIT) < 0) {
			err = zdh_git_error(_("cannot write a pack"));
			goto done;
		}
	}
	memset(&stats, 0, sizeof(stats));
	if (G(git_mempack_dump)(&pack, git_repo, mempack) < 0 ||
	    G(git_odb_write_pack)(&wp, odb, NULL, NULL) < 0 ||
	    wp->append(wp, pack.ptr, pack.size, &stats) < 0 || wp->commit(wp, &stats) < 0)
		err = zdh_git_error(_("cannot write a pack"));
done:
	if (wp)
		wp->free(wp);
	if (pack.ptr)
		G(git_buf_dispose)(&pack);
	/* the odb owns the mempack backend once added */
	if (odb)
		G(git_odb_free)(odb);
	return err;
}

int zdh_txn_commit(struct zdh_txn *txn)
{
	const char *tip;
	int err = 0;

	if (!txn->n)
		goto index;
	if (txn->bulk || txn->n > LOOSE_MAX)
		err = write_pack(txn);
	else
		for (size_t i = 0; i < txn->n && !err; i++) {
			char id[41];
			err = zdh_odb_write(id, txn->repo->gitdir, ZDH_OBJ_COMMIT,
					    txn->commits[i].raw.ptr, txn->commits[i].raw.len);
		}
	if (err)
		return err;
	tip = txn->commits[txn->n - 1].id;
	if ((err = zdh_ref_update(txn->repo->gitdir, txn->ref, tip, txn->old_tip, 1)))
		return err;
	/* the events are durable now; what follows only updates the cache */
	if ((err = zdh_index_set_tip(txn->idx, txn->repo->replica, tip)))
		return err;
index:
	if ((err = zdh_index_commit(txn->idx)))
		return err;
	txn->open = 0;
	zdh_repo_unlock(txn->repo);
	return 0;
}

void zdh_txn_free(struct zdh_txn *txn)
{
	if (!txn)
		return;
	if (txn->open)
		zdh_index_rollback(txn->idx);
	zdh_repo_unlock(txn->repo);
	for (size_t i = 0; i < txn->n; i++)
		zdh_buf_release(&txn->commits[i].raw);
	free(txn->commits);
	free(txn->ref);
	free(txn->actor.name);
	free(txn->actor.email);
	free(txn->actor.dept);
	free(txn);
}

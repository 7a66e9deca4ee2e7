/*
 * store — the logs in git: reads event commits and runs the write path
 * (DESIGN §3).
 *
 * A few events are written as loose objects by core/odb.c; a transaction
 * of many (import, demo data, benchmarks) streams into one pack written
 * by core/pack.c; packed objects are read by core/packread.c.  None of
 * them needs libgit2.  The
 * log ref moves with compare-and-swap after the objects are durable, and
 * only then is the index transaction committed: a crash in between leaves
 * a tip the next command catches up from.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "error.h"
#include "i18n.h"
#include "index.h"
#include "objects.h"
#include "odb.h"
#include "pack.h"
#include "prefix.h"
#include "repo.h"
#include "rules.h"
#include "sign.h"
#include "store.h"

/* Above this many events one pack is written instead of loose objects. */
#define LOOSE_MAX 16

int zdh_repo_index(struct zdh_index **out, struct zdh_repo *repo)
{
	int err;

	if (repo->index) {
		*out = repo->index;
		return 0;
	}
	if ((err = zdh_index_open_read(&repo->index, repo)))
		return err;
	if ((err = zdh_index_catch_up(repo->index, NULL)))
		return err;
	*out = repo->index;
	return 0;
}

struct object {
	enum zdh_objtype type;
	char id[41];
	struct zdh_buf raw;
};

struct attachment {
	char *name;
	struct zdh_buf data;
};

struct zdh_txn {
	struct zdh_repo *repo;
	struct zdh_index *idx;
	struct zdh_actor actor;
	struct zdh_time now;
	char *ref;
	char old_tip[41];
	char tip[41];		/* the newest commit of this transaction */
	long long clock;
	long long parent_clock;	/* the clock of the event the next one follows (its log's tip) */
	size_t events;
	/* objects not written yet: a few are written loose at commit ... */
	struct object *objects;
	size_t n, alloc;
	/* ... many go straight into one pack as they come */
	struct zdh_packw *pack;
	struct attachment *attach;
	size_t nattach;
	/* the tree write_attachments() made last, for the rules to read before the commit is written */
	struct zdh_buf tree;
	char tree_id[41];
	int open;
	int bulk;
	int replaying;		/* zdh_txn_begin_replay(): no instance check */
	int own_lock;		/* it took the write lock (the caller did not hold it) */
	int person_add;		/* a person add was written: pin the founder after (TRUST) */
	unsigned long serial;
	struct zdh_signer *signer;	/* user.signingkey, when set */
};

static int writing_mark(struct zdh_repo *repo, int on);

/* Keep an object for the commit, or stream it into the pack; its id in hex and, when oid is given, its 20 bytes. */
static int add_object(struct zdh_txn *txn, enum zdh_objtype type, struct zdh_buf *raw, char id[41],
		      unsigned char *oid)
{
	unsigned char sha[ZDH_OID_RAWSZ];
	struct object *o;
	int err;

	zdh_odb_hash_raw(sha, type, raw->ptr, raw->len);
	zdh_oid_tohex(id, sha);
	if (oid)
		memcpy(oid, sha, sizeof(sha));
	if (!txn->pack && (txn->bulk || txn->events >= LOOSE_MAX)) {
		/* marked from its first byte: killed while it streams, the next writer removes it */
		if ((err = writing_mark(txn->repo, 1)) ||
		    (err = zdh_packw_open(&txn->pack, txn->repo->gitdir)))
			return err;
		for (size_t i = 0; i < txn->n; i++) {
			o = &txn->objects[i];
			if ((err = zdh_packw_add(txn->pack, o->type, o->id, o->raw.ptr, o->raw.len)))
				return err;
			zdh_buf_release(&o->raw);
		}
		txn->n = 0;
	}
	if (txn->pack) {
		err = zdh_packw_add_oid(txn->pack, type, sha, raw->ptr, raw->len);
		zdh_buf_release(raw);
		return err;
	}
	if (txn->n == txn->alloc) {
		txn->alloc = txn->alloc ? 2 * txn->alloc : 8;
		txn->objects = zdh_realloc(txn->objects, txn->alloc * sizeof(*txn->objects));
	}
	o = &txn->objects[txn->n++];
	o->type = type;
	memcpy(o->id, id, 41);
	o->raw = *raw;
	zdh_buf_init(raw);
	return 0;
}

/*
 * Temporary objects of killed writers.  A writer marks the repository
 * while it writes objects, and clears the mark once its ref has moved; a
 * writer that finds the mark, holding the write lock, knows the last one
 * was killed on the way and removes every objects/??/tmp_obj_* and
 * objects/pack/tmp_pack_* and tmp_idx_* (nothing refers to them, and no
 * other zdh writes meanwhile; zdh_remove_temporaries()).  Without the mark
 * nothing is scanned: a write costs a one-byte read and two one-byte
 * writes (and a look for an older zdh's mark file), not 257 folders read.
 *
 * The mark is the first byte of zdh.lock, the write lock's own file,
 * already open: 'w' while writing.  It was a file made and removed
 * (objects/tmp_zdh_writing), 70 microseconds of an add on ext4 for an
 * inode allocated and freed and its folder written twice; a mark file left
 * by an older zdh is still honoured.
 */
#define WRITING_MARK_FILE "/objects/tmp_zdh_writing"

static int marked(struct zdh_repo *repo)
{
	char c;

	return pread(repo->lock_fd, &c, 1, 0) == 1 && c == 'w';
}

static int writing_mark(struct zdh_repo *repo, int on)
{
	if (pwrite(repo->lock_fd, on ? "w" : "-", 1, 0) != 1)
		return on ? zdh_error_errno(ZDH_ERROR, _("cannot write '%s'"), "zdh.lock") : 0;
	return 0;
}

static void clean_killed_writer(struct zdh_repo *repo)
{
	char *old = zdh_asprintf("%s" WRITING_MARK_FILE, repo->gitdir), *dir;
	int by_file = !access(old, F_OK);

	ZDH_ASSERT(repo->lock_fd >= 0);
	if (by_file || marked(repo)) {
		for (int i = 0; i < 256; i++) {
			dir = zdh_asprintf("%s/objects/%02x", repo->gitdir, i);
			zdh_remove_temporaries(dir, "tmp_obj_", 0);
			free(dir);
		}
		dir = zdh_asprintf("%s/objects/pack", repo->gitdir);
		zdh_remove_temporaries(dir, "tmp_pack_", 0);
		zdh_remove_temporaries(dir, "tmp_idx_", 0);
		free(dir);
		if (by_file)
			unlink(old);
		writing_mark(repo, 0);
	}
	free(old);
}

/*
 * The clock of commit id, read as the rules read it (0 when it is no
 * event): for a tip the index cannot tell the clock of (an invalid one),
 * since reading the commit cost every write 112,000 instructions, eight
 * page faults and 21 system calls (a pack's index mapped).
 */
static int tip_clock(struct zdh_repo *repo, const char *id, long long *clock)
{
	struct zdh_buf raw = ZDH_BUF_INIT;
	struct zdh_logged l;
	int err;

	memset(&l, 0, sizeof(l));
	zdh_logged_clear(&l);
	if (!(err = zdh_objects_read_commit(&raw, repo, id))) {
		zdh_logged_parse(&l, id, raw.ptr, raw.len, ZDH_EVENT_TRUSTED | ZDH_EVENT_NODATA);
		*clock = zdh_logged_clock(&l);
	}
	zdh_logged_clear(&l);
	zdh_buf_release(&l.raw);
	zdh_buf_release(&l.tree);
	zdh_buf_release(&raw);
	return err;
}

static int begin(struct zdh_txn **out, struct zdh_repo *repo, int bulk, int replaying)
{
	struct zdh_txn *txn = zdh_calloc(1, sizeof(*txn));
	int err;

	static unsigned long serials;

	*out = NULL;
	zdh_buf_init(&txn->tree);
	txn->repo = repo;
	txn->replaying = replaying;
	txn->serial = ++serials;
	/* (an event written in UTC where the repository's zone was meant: refused) */
	if ((err = zdh_date_zone_valid(repo->timezone)))
		goto fail;
	if ((err = zdh_repo_identity(&txn->actor, repo)))
		goto fail;
	if ((err = zdh_repo_signer(&txn->signer, repo)))
		goto fail;
	txn->own_lock = repo->lock_fd < 0;
	if ((err = zdh_repo_lock(repo)))
		goto fail;
	clean_killed_writer(repo);
	if (bulk && !repo->index)
		repo->index_threads = 1;
	if (!repo->index && (err = zdh_index_open(&repo->index, repo)))
		goto fail;
	txn->idx = repo->index;
	if ((err = bulk ? zdh_index_begin_bulk(txn->idx) : zdh_index_begin(txn->idx)))
		goto fail;
	txn->open = 1;
	/* under both locks: the index now holds every event of every log */
	if ((err = zdh_index_catch_up_locked(txn->idx)))
		goto fail;
	/* a copied repository must not write as the original's replica */
	if (!txn->replaying && (err = zdh_repo_check_instance(repo)))
		goto fail;
	txn->ref = zdh_asprintf("refs/zdh/log/%s", repo->replica);
	if ((err = zdh_ref_read(txn->old_tip, repo->gitdir, txn->ref)))
		goto fail;
	txn->clock = zdh_index_max_clock(txn->idx, repo->replica);
	/*
	 * The rule "clock" wants more than the tip's clock, valid or not
	 * (the index counts only valid events': an invalid tip of our own,
	 * which an older zdh could write, made every later event invalid).
	 */
	if (txn->old_tip[0] &&
	    !zdh_index_tip_clock(txn->idx, repo->replica, txn->old_tip, &txn->parent_clock) &&
	    (err = tip_clock(repo, txn->old_tip, &txn->parent_clock)))
		goto fail;
	if (txn->parent_clock > txn->clock && txn->parent_clock < ZDH_CLOCK_MAX)
		txn->clock = txn->parent_clock;
	zdh_date_now(&txn->now, repo->timezone);
	txn->bulk = bulk;
	if (bulk && (err = zdh_index_bulk(txn->idx)))
		goto fail;
	*out = txn;
	return 0;
fail:
	zdh_txn_free(txn);
	return err;
}

int zdh_txn_begin(struct zdh_txn **out, struct zdh_repo *repo)
{
	return begin(out, repo, 0, 0);
}

int zdh_txn_begin_replay(struct zdh_txn **out, struct zdh_repo *repo)
{
	return begin(out, repo, 0, 1);
}

int zdh_txn_begin_bulk(struct zdh_txn **out, struct zdh_repo *repo)
{
	return begin(out, repo, 1, 0);
}

struct zdh_index *zdh_txn_index(struct zdh_txn *txn)
{
	return txn->idx;
}

const unsigned char *zdh_txn_signer(const struct zdh_txn *txn)
{
	return txn->signer ? zdh_signer_pubkey(txn->signer) : NULL;
}

unsigned long zdh_txn_serial(const struct zdh_txn *txn)
{
	return txn->serial;
}

int zdh_txn_attach(struct zdh_txn *txn, const char *name, const void *data, size_t len)
{
	struct attachment *a;

	ZDH_ASSERT(txn->open);
	if (!zdh_attachment_name_valid(name))
		return zdh_error_set(ZDH_EINVALID, _("'%s' cannot be an attachment's name"), name);
	for (size_t i = 0; i < txn->nattach; i++)
		if (!strcmp(txn->attach[i].name, name))
			return zdh_error_set(ZDH_EINVALID, _("two attachments named '%s'"), name);
	txn->attach = zdh_realloc(txn->attach, (txn->nattach + 1) * sizeof(*txn->attach));
	a = &txn->attach[txn->nattach++];
	a->name = zdh_strdup(name);
	zdh_buf_init(&a->data);
	zdh_buf_add(&a->data, data, len);
	return 0;
}

static void clear_attachments(struct zdh_txn *txn)
{
	for (size_t i = 0; i < txn->nattach; i++) {
		free(txn->attach[i].name);
		zdh_buf_release(&txn->attach[i].data);
	}
	free(txn->attach);
	txn->attach = NULL;
	txn->nattach = 0;
}

/* Has the record (state) or this event (the first n pending) an attachment named name? */
static int name_taken(const struct zdh_txn *txn, size_t n, const json_t *state, const char *name)
{
	const json_t *v;
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(txn->attach[i].name, name))
			return 1;
	json_array_foreach(json_object_get(state, "attachments"), i, v)
		if (json_is_string(json_object_get(v, "name")) &&
		    !strcmp(json_string_value(json_object_get(v, "name")), name))
			return 1;
	return 0;
}

/*
 * A record keeps every attachment by name (issue attachment ID NAME): a
 * second photo.jpg (before and after) is kept as photo-2.jpg, the next
 * as photo-3.jpg, and the writer is told.
 */
static void unique_names(struct zdh_txn *txn, const json_t *state, const char *record)
{
	for (size_t i = 0; i < txn->nattach; i++) {
		char *name = txn->attach[i].name, *next = NULL;
		const char *dot = strrchr(name, '.');
		size_t stem = dot && dot != name ? (size_t)(dot - name) : strlen(name);

		if (!name_taken(txn, i, state, name))
			continue;
		for (int k = 2; !next || name_taken(txn, i, state, next); k++) {
			free(next);
			next = zdh_asprintf("%.*s-%d%s", (int)stem, name, k, name + stem);
		}
		if (!zdh_attachment_name_valid(next)) {
			free(next);	/* too long to rename: the tree keeps both, the first is named */
			continue;
		}
		zdh_warn(_("%s has an attachment '%s' already: this one is '%s'"), record, name, next);
		free(name);
		txn->attach[i].name = next;
	}
}

/*
 * Blobs and their tree for the pending attachments; data.attachments
 * lists them one for one in the tree's order (git's, by name), as the
 * rule "tree" wants: listed in the order given, two files given out of
 * that order made an event every replica judged invalid.
 */
static int write_attachments(struct zdh_txn *txn, struct zdh_event *ev, const json_t *state)
{
	struct zdh_tree_entry *entries = zdh_calloc(txn->nattach, sizeof(*entries));
	size_t *sizes = zdh_calloc(txn->nattach, sizeof(*sizes));
	json_t *list = json_array();
	int err = 0;

	unique_names(txn, state, ev->record);
	for (size_t i = 0; i < txn->nattach && !err; i++) {
		struct attachment *a = &txn->attach[i];
		entries[i].name = a->name;
		sizes[i] = a->data.len;	/* (add_object takes the data) */
		err = add_object(txn, ZDH_OBJ_BLOB, &a->data, entries[i].id, NULL);
	}
	if (!err) {
		struct zdh_buf tree = ZDH_BUF_INIT;
		zdh_odb_tree(&tree, entries, txn->nattach);	/* (sorts entries) */
		zdh_buf_reset(&txn->tree);
		zdh_buf_add(&txn->tree, tree.ptr, tree.len);	/* (add_object takes tree) */
		err = add_object(txn, ZDH_OBJ_TREE, &tree, txn->tree_id, NULL);
		zdh_buf_release(&tree);
	}
	for (size_t i = 0; i < txn->nattach && !err; i++) {
		size_t k = 0;
		while (txn->attach[k].name != entries[i].name)	/* (the same string, sorted) */
			k++;
		json_array_append_new(list, json_pack("{s:s,s:s,s:I}", "name", entries[i].name, "id",
						      entries[i].id, "size", (json_int_t)sizes[k]));
	}
	if (!err) {
		ev->tree = zdh_strdup(txn->tree_id);
		json_object_set_new(ev->data, "attachments", list);
	} else {
		json_decref(list);
	}
	free(entries);
	free(sizes);
	clear_attachments(txn);
	return err;
}

/* The rules' reader of a tree: the one just made, else one the repository holds (a replay's). */
static int txn_read_tree(void *ctx, const char *id, struct zdh_buf *out)
{
	struct zdh_txn *txn = ctx;

	zdh_buf_reset(out);
	if (txn->tree_id[0] && !strcmp(id, txn->tree_id)) {
		zdh_buf_add(out, txn->tree.ptr, txn->tree.len);
		return 0;
	}
	return zdh_objects_read_tree(out, txn->repo, id);
}

/*
 * The rules' entry_type: an entry of the tree just made names a blob
 * written with it (not in the repository before the commit); any other
 * object is asked its type from its header.
 */
static int txn_entry_type(void *ctx, size_t n, const char *id)
{
	struct zdh_txn *txn = ctx;
	const char *p = txn->tree.ptr, *end = p + txn->tree.len, *nul;
	unsigned char raw[ZDH_OID_RAWSZ];
	enum zdh_objtype type;

	(void)n;
	if (txn->tree_id[0] && !zdh_oid_fromhex(raw, id))
		for (; p < end && (nul = memchr(p, '\0', (size_t)(end - p))) && end - nul >= 21; p = nul + 21)
			if (!memcmp(nul + 1, raw, ZDH_OID_RAWSZ))
				return ZDH_OBJ_BLOB;
	return zdh_objects_type(txn->repo, id, &type) ? 0 : (int)type;
}

/*
 * An edit of a field under conflict names the conflicting events it saw
 * (data.resolves): that is what settles the conflict on every replica.
 */
static void note_resolved(const json_t *conflicts, struct zdh_event *ev)
{
	json_t *set, *c, *e, *ids;
	size_t i, k;

	if (!json_array_size(conflicts))
		return;
	set = json_object_get(ev->data, "set");
	ids = json_array();
	json_array_foreach(conflicts, i, c)
		if (json_object_get(set, json_string_value(json_object_get(c, "field"))))
			json_array_foreach(json_object_get(c, "events"), k, e)
				json_array_append(ids, e);
	if (json_array_size(ids))
		json_object_set(ev->data, "resolves", ids);
	json_decref(ids);
}

/*
 * One event: a new one (orig NULL), or orig written again by
 * zdh_txn_replay() with its actor, date and attachments tree.
 */
static int write_event(struct zdh_txn *txn, const struct zdh_kind *kind, const char *record,
		       const char *op_name, json_t *data, const char *summary,
		       const struct zdh_time *date, const struct zdh_event *orig,
		       char **record_out)
{
	const struct zdh_actor *actor = orig ? &orig->actor : &txn->actor;
	int checked = 1;
	const struct zdh_op *op = zdh_kind_op(kind, op_name);
	struct zdh_event ev;
	struct zdh_record rec = { NULL, NULL, "", 0 };
	struct zdh_buf raw, json = ZDH_BUF_INIT;
	char *new_id = NULL;
	size_t at, span[2];
	int err;

	ZDH_ASSERT(txn->open);	/* an event of a transaction committed, or never begun */
	memset(&ev, 0, sizeof(ev));
	ev.data = data;
	if (!op) {
		err = zdh_error_set(ZDH_EINVALID, _("%s has no operation '%s'"), kind->name, op_name);
		goto done;
	}
	new_id = record ? NULL : zdh_index_next_id(txn->idx, kind, txn->repo->prefix);
	if ((err = zdh_index_record(txn->idx, kind->name, record ? record : new_id, &rec)))
		goto done;
	/* the names borrowed, then copied into one allocation (ev.pool) */
	ev.version = ZDH_EVENT_VERSION;
	ev.record = (char *)(record ? record : new_id);
	ev.kind = (char *)kind->name;
	ev.op = (char *)op_name;
	ev.replica = (char *)txn->repo->replica;
	ev.seen = rec.head[0] ? rec.head : NULL;
	ev.actor.name = actor->name;
	ev.actor.email = actor->email;
	ev.actor.dept = actor->dept;
	zdh_event_pool_names(&ev);
	ev.clock = ++txn->clock;
	ev.date = date ? *date : txn->now;
	ev.recorded = txn->now;
	ev.summary = zdh_strdup(summary);
	if (orig) {
		/* kept whatever the state says now: the fold records its effect */
		ev.tree = orig->tree ? zdh_strdup(orig->tree) : NULL;
		checked = op->check(rec.state, &ev) == 0 &&
			zdh_index_trust_write(txn->idx, rec.state, &ev, op, zdh_txn_signer(txn)) == 0;
		zdh_error_clear();
		goto write;
	}
	if (rec.state && ev.date.t < rec.created) {
		struct zdh_buf when = ZDH_BUF_INIT;
		struct zdh_time c = { rec.created, ev.date.offset };
		zdh_date_short(&when, &c);
		err = zdh_error_set(ZDH_EINVALID, _("%s was recorded as starting %s; a later event cannot happen before that"),
				    ev.record, when.ptr);
		zdh_buf_release(&when);
		goto done;
	}
	if (txn->nattach && (err = write_attachments(txn, &ev, rec.state)))
		goto done;
	/* an edit of a field in conflict settles it: checked as such (a closed issue takes it) */
	note_resolved(rec.conflicts, &ev);
	/* the replay's rules, then what only the writer can ask (kind.h) */
	if ((err = op->check(rec.state, &ev)) < 0) {
		/* no record of that id: maybe one of another kind ("XQ-O3 is an org, not an issue") */
		if (err == ZDH_ENOTFOUND && !rec.state && ev.record) {
			int other = zdh_kind_of_other(txn->idx, kind->name, ev.record);
			err = other ? other : err;
		}
		goto done;
	}
	if (op->validate && (err = op->validate(txn->idx, rec.state, &ev)) < 0)
		goto done;
	if (!rec.state && (err = zdh_prefix_may_create(txn->repo->config, &ev)) < 0)
		goto done;
	/* signatures required, roles: what the fold would refuse (include/trust.h) */
	if ((err = zdh_index_trust_write(txn->idx, rec.state, &ev, op, zdh_txn_signer(txn))) < 0)
		goto done;
write:
	zdh_buf_init(&raw);
	zdh_buf_init(&json);
	zdh_buf_grow(&raw, 1024);	/* a commit's size: one allocation, not six as it grows */
	err = zdh_event_commit_at(&raw, &ev, txn->events ? txn->tip : txn->old_tip, &at, span);
	if (!err && txn->signer) {
		size_t shift;
		if (!(err = zdh_sign_commit(&raw, txn->signer, &shift)))
			at += shift;
	}
	if (!err) {
		/*
		 * The rules every replica applies (core/rules.c), before anything
		 * is written: what zdh writes, every office takes.  The clock is
		 * above every clock the index holds, this log's included; the
		 * tree is read as every replica will read it.
		 */
		struct zdh_rule_input in = {
			NULL, raw.ptr, raw.len, &ev, NULL, raw.ptr + at, raw.len - at - 1,
			(txn->events ? txn->tip : txn->old_tip)[0] != '\0', txn->repo->replica,
			txn->parent_clock, txn_read_tree, txn, txn_entry_type
		};
		err = zdh_event_valid(&in);
	}
	if (!err) {
		zdh_buf_add(&json, raw.ptr + at, raw.len - at - 1);
		ev.data_at = span[0];	/* (for the event's row) */
		ev.data_len = span[1];
		err = add_object(txn, ZDH_OBJ_COMMIT, &raw, ev.id, ev.oid);
		ev.has_oid = !err;
	}
	zdh_buf_release(&raw);
	if (err)
		goto done;
	memcpy(txn->tip, ev.id, 41);
	txn->parent_clock = ev.clock;
	txn->events++;
	/* checked above against the same state: the fold need not ask again */
	if ((err = zdh_index_apply_checked(txn->idx, &ev, json.ptr, checked)))
		goto done;
	/* people, keys, roles, the setting: what they judge is judged again */
	if (!strcmp(kind->name, "person")) {
		txn->person_add |= !strcmp(op_name, "add");
		if (txn->signer)
			zdh_index_signed(txn->idx, ev.id, zdh_signer_pubkey(txn->signer));
		if ((err = zdh_index_trust_changed(txn->idx)))
			goto done;
	}
	if (record_out)
		*record_out = zdh_strdup(ev.record);
done:
	free(new_id);
	zdh_record_clear(&rec);
	zdh_buf_release(&json);
	zdh_event_clear(&ev);	/* frees data too */
	return err;
}

int zdh_txn_event(struct zdh_txn *txn, const struct zdh_kind *kind, const char *record,
		  const char *op_name, json_t *data, const char *summary,
		  const struct zdh_time *date, char **record_out)
{
	return write_event(txn, kind, record, op_name, data, summary, date, NULL, record_out);
}

int zdh_txn_replay(struct zdh_txn *txn, const struct zdh_kind *kind, const char *record,
		   const struct zdh_event *orig, json_t *data, const char *summary,
		   char **record_out)
{
	return write_event(txn, kind, record, orig->op, data, summary, &orig->date, orig,
			   record_out);
}

static double trace_mark;

int zdh_txn_commit(struct zdh_txn *txn)
{
	int err = 0;

	ZDH_ASSERT(txn->open);	/* committed once */
	if (!txn->events) {
		if ((err = zdh_index_commit(txn->idx)))
			return err;
		goto done;
	}
	/*
	 * An index row that failed fails the write before anything is
	 * written; in an import, so does a summary or an index it makes at
	 * its end (which take their time meanwhile the pack's last objects
	 * are written on the pack's thread).
	 */
	zdh_trace("commit", NULL, &trace_mark);
	if (txn->bulk) {
		/* the pack sealed on a thread meanwhile (the finish below waits for it) */
		if ((err = writing_mark(txn->repo, 1)))
			return err;
		if (txn->pack)
			zdh_packw_seal(txn->pack);
		if ((err = zdh_index_finish(txn->idx)))
			return err;
	} else if ((err = zdh_index_settle(txn->idx)) || (err = writing_mark(txn->repo, 1))) {
		return err;
	}
	zdh_trace("commit", "index", &trace_mark);
	if (txn->pack) {
		err = zdh_packw_finish(txn->pack);
		txn->pack = NULL;
	}
	/* (each hashed by add_object() from the bytes kept) */
	for (size_t i = 0; i < txn->n && !err; i++)
		err = zdh_odb_write_hashed(txn->objects[i].id, txn->repo->gitdir, txn->objects[i].type,
					   txn->objects[i].raw.ptr, txn->objects[i].raw.len);
	if (!err)
		err = zdh_ref_update(txn->repo->gitdir, txn->ref, txn->tip, txn->old_tip, 1);
	if (err)
		return err;	/* nothing refers to what was written: the log is as it was */
	zdh_trace("commit", "objects", &trace_mark);
	writing_mark(txn->repo, 0);
	/*
	 * The events are durable now, and written is reported as written:
	 * an index that cannot follow (a full disk) is only a cache behind
	 * its logs, which the next command catches up.
	 */
	if ((err = zdh_index_set_tip(txn->idx, txn->repo->replica, txn->tip, txn->clock)) ||
	    (err = zdh_index_commit(txn->idx))) {
		zdh_warn(_("written, but the index could not follow (%s); the next command catches it up"),
			 zdh_error_msg());
		zdh_index_rollback(txn->idx);
	} else if (txn->person_add) {
		/* the founder's add, written here: pinned to it (zdh-repository(5), TRUST) */
		int claims;
		if (zdh_index_pin_founder(txn->idx, &claims, NULL))
			zdh_warn(_("written, but the founder could not be pinned (%s)"), zdh_error_msg());
	}
done:
	txn->open = 0;
	if (txn->own_lock)
		zdh_repo_unlock(txn->repo);
	return 0;
}

void zdh_txn_free(struct zdh_txn *txn)
{
	if (!txn)
		return;
	if (txn->open)
		zdh_index_rollback(txn->idx);
	if (txn->own_lock)
		zdh_repo_unlock(txn->repo);
	for (size_t i = 0; i < txn->n; i++)
		zdh_buf_release(&txn->objects[i].raw);
	free(txn->objects);
	zdh_packw_abort(txn->pack);
	clear_attachments(txn);
	zdh_buf_release(&txn->tree);
	free(txn->ref);
	free(txn->actor.name);
	free(txn->actor.email);
	free(txn->actor.dept);
	zdh_signer_free(txn->signer);
	free(txn);
}

/*
 * walk — a log read on a second thread (include: core/walk.h): a rebuild
 * (core/index-catchup.c) and zdh verify (core/audit.c) read commits on
 * one thread and judge them on the other.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "i18n.h"
#include "objects.h"
#include "odb.h"
#include "rules.h"
#include "walk.h"

void zdh_walk_read_tree(struct zdh_repo *repo, const struct zdh_buf *raw, struct zdh_buf *tree,
			struct zdh_buf *types, int *read)
{
	const char *p, *end, *nul;
	char id[41];

	*read = 0;
	zdh_buf_reset(tree);
	zdh_buf_reset(types);
	if (zdh_commit_tree(raw->ptr, raw->len, id) || !strcmp(id, ZDH_EMPTY_TREE))
		return;
	if (!(*read = !zdh_objects_read_tree(tree, repo, id)))
		return;
	/*
	 * "MODE NAME\0<20 bytes>" ...: the type of each file, of as many as
	 * the rule reads before it refuses the tree (ZDH_ATTACHMENTS_MAX; it
	 * refuses a damaged tree, or another mode, before it asks the type)
	 */
	for (p = tree->ptr, end = p + tree->len; p < end && types->len < ZDH_ATTACHMENTS_MAX; p = nul + 21) {
		enum zdh_objtype type = 0;

		if (!(nul = memchr(p, '\0', (size_t)(end - p))) || end - nul < 21)
			break;
		zdh_oid_tohex(id, (const unsigned char *)nul + 1);
		if (!strncmp(p, "100644 ", 7) && zdh_objects_type(repo, id, &type))
			type = 0;	/* not held, or not readable: not judged */
		zdh_buf_addch(types, (char)type);
	}
}

/*
 * The reader follows the chain (it needs only each
 * commit's parent line) and hands over batches of raw commits; while it
 * runs only it reads objects and only this thread touches the index.
 * Batches come back to it to be filled again, their buffers with them:
 * a buffer freed by the other thread than the one that allocated it costs
 * a lock each, and the two threads took turns at it.
 */
#define WALK_BATCH 256
#define WALK_QUEUE 4


struct walk_batch {
	struct zdh_walked v[WALK_BATCH];
	size_t n;
	int err;		/* the reader stopped on this error, after v */
	char *errmsg;
	int last;
};

struct walker {
	struct zdh_repo *repo;
	const char *stop;
	int check;		/* hash each commit */
	unsigned parse;		/* parse each (zdh_logged_parse() flags; 0: do not) */
	char cur[41];		/* where the reader stopped */
	pthread_mutex_t lock;
	pthread_cond_t cond;
	struct walk_batch *queue[WALK_QUEUE];
	size_t head, count;
	struct walk_batch *spare[WALK_QUEUE + 2];	/* read, to be filled again */
	size_t nspare;
	int cancel;
};

static void batch_free(struct walk_batch *b)
{
	for (size_t i = 0; i < WALK_BATCH; i++) {
		zdh_buf_release(&b->v[i].raw);
		zdh_buf_release(&b->v[i].tree);
		zdh_buf_release(&b->v[i].types);
		zdh_logged_release(&b->v[i].logged);
	}
	free(b->errmsg);
	free(b);
}

/* An empty batch for the reader: one given back, or a new one. */
static struct walk_batch *batch_get(struct walker *w)
{
	struct walk_batch *b = NULL;

	pthread_mutex_lock(&w->lock);
	if (w->nspare)
		b = w->spare[--w->nspare];
	pthread_mutex_unlock(&w->lock);
	if (!b) {
		b = zdh_calloc(1, sizeof(*b));
		for (size_t i = 0; i < WALK_BATCH; i++) {
			zdh_buf_init(&b->v[i].raw);
			zdh_buf_init(&b->v[i].tree);
			zdh_buf_init(&b->v[i].types);
		}
	}
	b->n = 0;
	return b;
}

/* Give b back to the reader (b holds no error: the walk stops at one). */
static void batch_put(struct walker *w, struct walk_batch *b)
{
	pthread_mutex_lock(&w->lock);
	if (w->nspare < sizeof(w->spare) / sizeof(*w->spare)) {
		w->spare[w->nspare++] = b;
		b = NULL;
	}
	pthread_mutex_unlock(&w->lock);
	if (b)
		batch_free(b);
}

/* Queue b; 0, or -1 when the walk was cancelled (b is freed). */
static int walk_push(struct walker *w, struct walk_batch *b)
{
	int cancelled;

	pthread_mutex_lock(&w->lock);
	while (w->count == WALK_QUEUE && !w->cancel)
		pthread_cond_wait(&w->cond, &w->lock);
	if (!(cancelled = w->cancel)) {
		w->queue[(w->head + w->count) % WALK_QUEUE] = b;
		w->count++;
		pthread_cond_broadcast(&w->cond);
	}
	pthread_mutex_unlock(&w->lock);
	if (cancelled)
		batch_free(b);
	return cancelled ? -1 : 0;
}

/*
 * Pack order.  A log written by zdh lies in its packs one commit after
 * another (and git gc puts commits in the order a walk meets them), so
 * the next commit of a walk is nearly always the pack's object beside
 * the last: read there first, and looked up by id only when it is not
 * the parent named (a tenth to a fifth of reading a log was looking
 * commits up).  Objects of other types between them are skipped; after a
 * miss the next lookups are not followed for a while.
 */
#define ORDER_SKIP 8
#define ORDER_COOLDOWN 64

struct order {
	size_t pack;
	uint32_t rank;
	int dir;		/* -1, +1, or 0: not following a pack */
	int cooldown;
};

/*
 * Read commit want at the next place in pack order into raw; 1 when it was
 * there.  Another commit there ends the following; an object of another
 * type, or a delta (whose type is not looked for), is skipped.
 */
static int order_next(struct zdh_repo *repo, struct order *o, const char *want, struct zdh_buf *raw,
		      unsigned char want_id[ZDH_OID_RAWSZ])
{
	if (o->dir && zdh_oid_fromhex(want_id, want))
		o->dir = 0;
	for (int skip = 0; o->dir && skip < ORDER_SKIP; skip++) {
		enum zdh_objtype type;
		int same;

		if (o->dir < 0 && !o->rank)
			break;
		o->rank += (uint32_t)o->dir;
		zdh_buf_reset(raw);
		same = zdh_objects_read_rank(repo, o->pack, o->rank, ZDH_OBJ_COMMIT, want_id, raw, &type);
		if (same < 0)
			break;		/* the lookup will say what is wrong, if anything */
		if (same && type == ZDH_OBJ_COMMIT)
			return 1;
		if (same || type == ZDH_OBJ_COMMIT)
			break;
	}
	if (o->dir)
		o->cooldown = ORDER_COOLDOWN;
	o->dir = 0;
	zdh_buf_reset(raw);
	return 0;
}

/* After looking up id: does the log go on beside it, to parent? */
static void order_find(struct zdh_repo *repo, struct order *o, const char *id, const char *parent)
{
	size_t k1, k2;
	uint32_t r1, r2;

	if (o->cooldown) {
		o->cooldown--;
		return;
	}
	if (parent[0] && zdh_objects_place(repo, id, &k1, &r1) == 1 &&
	    zdh_objects_place(repo, parent, &k2, &r2) == 1 && k1 == k2 && r1 != r2) {
		o->pack = k1;
		o->rank = r1;
		o->dir = r2 < r1 ? -1 : 1;
	}
}

static void *walk_reader(void *arg)
{
	struct walker *w = arg;
	struct walk_batch *b = batch_get(w);
	struct order o = { 0, 0, 0, 0 };
	unsigned char oid[ZDH_OID_RAWSZ];
	char parent[41];
	int nparents;

	while (w->cur[0] && strcmp(w->cur, w->stop)) {
		struct zdh_walked *s = &b->v[b->n];
		int err, placed;

		zdh_buf_reset(&s->raw);
		placed = order_next(w->repo, &o, w->cur, &s->raw, oid);
		if (!placed && (err = zdh_objects_read_commit(&s->raw, w->repo, w->cur))) {
			b->err = err;
			b->errmsg = zdh_strdup(zdh_error_msg());
			break;
		}
		if (w->check) {
			char hash[41];

			zdh_odb_hash(hash, ZDH_OBJ_COMMIT, s->raw.ptr, s->raw.len);
			if (strcmp(hash, w->cur)) {
				b->err = zdh_error_set(ZDH_ECORRUPT, _("object damaged (it hashes to %.12s)"),
						       hash);
				b->errmsg = zdh_strdup(zdh_error_msg());
				break;
			}
		}
		memcpy(s->id, w->cur, sizeof(s->id));
		if (w->parse) {
			/* the tree read straight into the parsed commit (after the parse, which clears it) */
			zdh_logged_parse_buf(&s->logged, s->id, &s->raw, w->parse);
			/* its id's 20 bytes, decoded to find it in pack order, for its rows (include/event.h) */
			if (placed && s->logged.decoded) {
				memcpy(s->logged.ev.oid, oid, sizeof(oid));
				s->logged.ev.has_oid = 1;
			}
			zdh_walk_read_tree(w->repo, &s->logged.raw, &s->logged.tree, &s->logged.types,
					   &s->logged.tree_read);
			memcpy(parent, s->logged.parent, sizeof(parent));
		} else {
			zdh_commit_parents(s->raw.ptr, s->raw.len, parent, &nparents);
			zdh_walk_read_tree(w->repo, &s->raw, &s->tree, &s->types, &s->tree_read);
		}
		if (!placed)
			order_find(w->repo, &o, w->cur, parent);
		b->n++;
		memcpy(w->cur, parent, sizeof(parent));
		if (b->n == WALK_BATCH) {
			if (walk_push(w, b))
				goto done;
			b = batch_get(w);
		}
	}
	b->last = 1;
	walk_push(w, b);
done:
	zdh_trace_thread("walk reader");
	return NULL;
}

int zdh_walk_threaded(struct zdh_repo *repo, const char *tip, const char *stop, int check,
		      unsigned parse, int (*fn)(void *ctx, struct zdh_walked *commit), void *ctx,
		      char cur[41])
{
	struct walker w;
	pthread_t thread;
	int err = 0, last = 0;

	memset(&w, 0, sizeof(w));
	w.repo = repo;
	w.stop = stop;
	w.check = check;
	w.parse = parse;
	snprintf(w.cur, sizeof(w.cur), "%s", tip);
	zdh_objects_long_walk(repo, 1);
	pthread_mutex_init(&w.lock, NULL);
	pthread_cond_init(&w.cond, NULL);
	if ((errno = pthread_create(&thread, NULL, walk_reader, &w))) {
		err = zdh_error_errno(ZDH_ERROR, _("cannot start a thread"));
		goto done;
	}
	while (!err && !last) {
		struct walk_batch *b;

		pthread_mutex_lock(&w.lock);
		while (!w.count)
			pthread_cond_wait(&w.cond, &w.lock);
		b = w.queue[w.head];
		w.head = (w.head + 1) % WALK_QUEUE;
		w.count--;
		pthread_cond_broadcast(&w.cond);
		pthread_mutex_unlock(&w.lock);
		for (size_t i = 0; i < b->n && !err; i++)
			err = fn(ctx, &b->v[i]);
		if (!err && b->err)
			err = zdh_error_set(b->err, "%s", b->errmsg);
		last = b->last;
		if (b->err || last)
			batch_free(b);
		else
			batch_put(&w, b);
	}
	pthread_mutex_lock(&w.lock);
	w.cancel = 1;
	pthread_cond_broadcast(&w.cond);
	pthread_mutex_unlock(&w.lock);
	pthread_join(thread, NULL);
	zdh_trace_thread("walk, main thread (from its start)");
	while (w.count) {
		batch_free(w.queue[w.head]);
		w.head = (w.head + 1) % WALK_QUEUE;
		w.count--;
	}
	while (w.nspare)
		batch_free(w.spare[--w.nspare]);
done:
	memcpy(cur, w.cur, sizeof(w.cur));
	zdh_objects_long_walk(repo, 0);
	pthread_mutex_destroy(&w.lock);
	pthread_cond_destroy(&w.cond);
	return err;
}

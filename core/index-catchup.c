/*
 * index-catchup — catching the index up from the log tips (every command
 * does it first) and rebuilding it from nothing (zdh reindex): reading the
 * logs, judging each event by the rules, folding what is new.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "error.h"
#include "i18n.h"
#include "index-internal.h"
#include "lockfile.h"
#include "repo.h"
#include "objects.h"
#include "walk.h"
#include "words.h"

/* ---- catching up from the log tips ---- */

struct tip {
	char *replica;
	char id[41];
};

struct tips {
	struct tip *v;
	size_t n, alloc;
};

static void tips_add(struct tips *t, const char *replica, const char *id)
{
	if (t->n == t->alloc) {
		t->alloc = t->alloc ? 2 * t->alloc : 8;
		t->v = zdh_realloc(t->v, t->alloc * sizeof(*t->v));
	}
	t->v[t->n].replica = zdh_strdup(replica);
	snprintf(t->v[t->n].id, 41, "%s", id);
	t->n++;
}

static int collect_ref(const char *refname, const char *id, void *payload)
{
	const char *replica = refname + strlen("refs/zdh/log/");

	/* refs kept aside (diverged logs) have other names and are not applied */
	if (zdh_replica_valid(replica))
		tips_add(payload, replica, id);
	return 0;
}

static void tips_clear(struct tips *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->v[i].replica);
	free(t->v);
	memset(t, 0, sizeof(*t));
}

/* Tips that differ from what the index applied; -1 on error. */
static int behind(struct zdh_index *idx, struct tips *t, struct tips *todo, int *rewound)
{
	sqlite3_stmt *s;
	long long known = 0, nlogs = 0;

	*rewound = 0;
	for (size_t i = 0; i < t->n; i++) {
		char tip[41];
		if (zdh_index_tip(idx, t->v[i].replica, tip))
			return -1;
		if (strcmp(tip, t->v[i].id))
			tips_add(todo, t->v[i].replica, t->v[i].id);
		if (tip[0])
			known++;
	}
	/* a log the index applied that is no longer there: start again */
	if (sqlite3_prepare_v2(idx->db, "SELECT count(*) FROM logs", -1, &s, NULL))
		return -1;
	if (sqlite3_step(s) == SQLITE_ROW)
		nlogs = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	if (nlogs != known)
		*rewound = 1;
	return 0;
}

/*
 * Reading a log (include/rules.h).  Each commit is parsed as it is read,
 * from the tip back, and judged by the rules (core/rules.c) once its
 * parent is read, since the clock rule needs the parent's clock.  A valid
 * event's row goes in to be folded; an invalid one's goes in with effect
 * ZDH_EFFECT_INVALID and the reason as its note, is reported on stderr,
 * and is never folded.
 */
struct judging {
	const char *replica;
	struct zdh_logged slot[2];
	struct zdh_logged *cur, *child;	/* child: read, waiting for its parent's clock */
	int have_child;
};

static void judging_init(struct judging *j, const char *replica)
{
	memset(j, 0, sizeof(*j));
	j->replica = replica;
	j->cur = &j->slot[0];
	j->child = &j->slot[1];
	zdh_logged_clear(j->cur);
	zdh_logged_clear(j->child);
}

static void judging_free(struct judging *j)
{
	zdh_logged_release(&j->slot[0]);
	zdh_logged_release(&j->slot[1]);
}

/* *yes = 1 when events has a row for l's commit (its key: l's clock, 0 when not an event). */
static int has_row(struct zdh_index *idx, const struct zdh_logged *l, int *yes)
{
	sqlite3_stmt *s;
	int rc;

	*yes = 0;
	if (zdh_index_settle(idx) || ix_need_id_index(idx) ||
	    !(s = ix_cached(idx, "SELECT 1 FROM events WHERE clock = ?1 AND id = ?2")))
		return ix_db_error(idx, "events");
	sqlite3_bind_int64(s, 1, zdh_logged_clock(l));
	ix_bind_oid(s, 2, l->id);
	rc = sqlite3_step(s);
	*yes = rc == SQLITE_ROW;
	sqlite3_reset(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : ix_db_error(idx, "events");
}

static int row_invalid(struct zdh_index *idx, struct zdh_logged *l, const char *replica);

static int take_invalid(struct zdh_index *idx, struct zdh_logged *l, const char *replica)
{
	struct foreign_event *f;

	if (!idx->scratch) {	/* verify names it itself */
		char *shown = zdh_word_note(l->invalid);	/* made in English, as stored */
		zdh_warn_capped(&idx->invalid_said,
				_("refs/zdh/log/%s: commit %.12s: invalid event (%s); it has no effect (see 'zdh verify')"),
				replica, l->id, shown);
		free(shown);
	}
	/*
	 * One commit on two logs (a peer pointing a log of its own at another
	 * office's history, a replay): events has one row a commit.  An event
	 * of another replica than this log's may be valid on that replica's
	 * log, walked later in this catch-up: its row waits for the end
	 * (take_foreign), where it is made only when that log did not make one.
	 */
	if (l->decoded && strcmp(l->ev.replica, replica)) {
		idx->foreign = zdh_realloc(idx->foreign, (idx->nforeign + 1) * sizeof(*idx->foreign));
		f = &idx->foreign[idx->nforeign++];
		memcpy(f->id, l->id, sizeof(f->id));
		f->log = zdh_strdup(replica);
		f->invalid = zdh_strdup(l->invalid);
		f->len = l->raw.len;
		f->raw = zdh_malloc(f->len + 1);
		memcpy(f->raw, l->raw.ptr, f->len);
		f->raw[f->len] = '\0';
		return 0;
	}
	return row_invalid(idx, l, replica);
}

static void take_foreign_drop(struct zdh_index *idx);

/*
 * The rows take_invalid left for the end of the catch-up (row_invalid
 * makes none for a commit its own log rowed).
 */
static int take_foreign(struct zdh_index *idx)
{
	int err = 0;

	for (size_t i = 0; i < idx->nforeign && !err; i++) {
		struct foreign_event *f = &idx->foreign[i];
		struct zdh_logged l;

		memset(&l, 0, sizeof(l));
		zdh_logged_clear(&l);
		zdh_logged_parse(&l, f->id, f->raw, f->len, ZDH_EVENT_TRUSTED | ZDH_EVENT_NODATA);
		l.invalid = f->invalid;
		f->invalid = NULL;
		err = row_invalid(idx, &l, f->log);
		zdh_logged_release(&l);
	}
	take_foreign_drop(idx);
	return err;
}

/* Forget what take_invalid left (done, or a catch-up that failed). */
static void take_foreign_drop(struct zdh_index *idx)
{
	for (size_t i = 0; i < idx->nforeign; i++) {
		free(idx->foreign[i].log);
		free(idx->foreign[i].raw);
		free(idx->foreign[i].invalid);
	}
	free(idx->foreign);
	idx->foreign = NULL;
	idx->nforeign = 0;
}

/* The row of an invalid event, unless its commit has one already (on another log). */
static int row_invalid(struct zdh_index *idx, struct zdh_logged *l, const char *replica)
{
	struct zdh_buf json = ZDH_BUF_INIT;
	struct zdh_event blank, *ev = &l->ev;
	int err, dup;

	if ((err = has_row(idx, l, &dup)) || dup)
		return err;
	if (l->decoded) {
		zdh_buf_add(&json, l->raw.ptr + l->json_at, l->json_len);
	} else {
		/* not an event at all: a row that names no record, for log and verify */
		memset(&blank, 0, sizeof(blank));
		snprintf(blank.id, sizeof(blank.id), "%s", l->id);
		blank.kind = blank.record = blank.op = blank.actor.name = blank.actor.email = "";
		blank.replica = (char *)replica;
		ev = &blank;
		zdh_event_encode(&json, ev);
	}
	err = ix_insert_event(idx, ev, json.ptr, ZDH_EFFECT_INVALID, l->invalid, NULL);
	zdh_buf_release(&json);
	return err < 0 ? err : 0;
}

/* Judge j's child with its parent's clock, and insert its row. */
static int take_child(struct zdh_index *idx, struct judging *j, long long parent_clock,
		      long long *count)
{
	struct zdh_logged *l = j->child;
	const struct zdh_kind *k;
	long long seq = 0;
	int err;

	if (!j->have_child)
		return 0;
	j->have_child = 0;
	(*count)++;
	if (zdh_logged_judge(l, j->replica, parent_clock, zdh_logged_tree_cb, zdh_logged_type_cb, l))
		return take_invalid(idx, l, j->replica);
	/*
	 * Rows go in applied, and the fold marks those it refuses
	 * (rows_applied): an UPDATE of every new event's effect after its
	 * fold was 5 % of a pull of 10,000.  A kind this zdh does not know
	 * goes in without one, for the fold to say so.
	 */
	l->raw.ptr[l->json_at + l->json_len] = '\0';	/* the JSON ends the message */
	k = zdh_kind_find(l->ev.kind);
	err = ix_insert_event(idx, &l->ev, l->raw.ptr + l->json_at,
			      k ? ZDH_EFFECT_APPLIED : -1, NULL, &seq);
	if (err == 1) {
		idx->rowed_elsewhere = 1;	/* (a valid event has one log: its own) */
	} else if (!err && idx->rebuilding) {
		ix_kind_seen(idx, k);	/* (its indexes on records made before the fold) */
		ix_fold_expect(idx, l->ev.kind, l->ev.record);	/* (fold_merged folds its row) */
		if (idx->spill)
			ix_spill_add(idx->spill, &l->ev, l->raw.ptr + l->json_at, seq);
	}
	if (l->ev.clock > idx->walk_clock)
		idx->walk_clock = l->ev.clock;
	return err < 0 ? err : 0;
}

/* One commit read (its tree too, when it has one): judge the one before, keep this one. */
static int judge_step(struct zdh_index *idx, struct judging *j, const char *id,
		      const struct zdh_buf *raw, const struct zdh_buf *tree, const struct zdh_buf *types,
		      int tree_read, long long *count)
{
	struct zdh_logged *t;
	int err;

	zdh_logged_parse(j->cur, id, raw->ptr, raw->len, ZDH_EVENT_TRUSTED | ZDH_EVENT_NODATA);
	if (tree_read) {
		zdh_buf_add(&j->cur->tree, tree->ptr, tree->len);
		zdh_buf_add(&j->cur->types, types->ptr, types->len);
		j->cur->tree_read = 1;
	}
	if ((err = take_child(idx, j, zdh_logged_clock(j->cur), count)))
		return err;
	t = j->child, j->child = j->cur, j->cur = t;
	zdh_logged_clear(j->cur);
	j->have_child = 1;
	return 0;
}

/*
 * The end of a walk: the last commit read is a root, or stop's child; its
 * parent's clock is then stop's, read again (once per log a catch-up reads).
 */
static int judge_end(struct zdh_index *idx, struct judging *j, const char *stop, long long *count)
{
	struct zdh_buf raw = ZDH_BUF_INIT;
	long long clock = 0;
	int err = 0;

	if (j->have_child && stop[0] && !strcmp(j->child->parent, stop)) {
		if ((err = zdh_objects_read_commit(&raw, idx->repo, stop)))
			goto done;
		zdh_logged_parse(j->cur, stop, raw.ptr, raw.len, ZDH_EVENT_TRUSTED | ZDH_EVENT_NODATA);
		clock = zdh_logged_clock(j->cur);
	}
	err = take_child(idx, j, clock, count);
done:
	zdh_buf_release(&raw);
	return err;
}

struct step_ctx {
	struct zdh_index *idx;
	struct judging *j;
	long long *count;
};

/*
 * One commit the reader read and parsed: judge the one before, keep this
 * one (swapped with the judging's slot, whose buffers go back to the
 * reader with the batch).
 */
static int step(void *ctx, struct zdh_walked *c)
{
	struct step_ctx *s = ctx;
	struct judging *j = s->j;
	struct zdh_logged t;
	int err;

	if ((err = take_child(s->idx, j, zdh_logged_clock(&c->logged), s->count)))
		return err;
	t = *j->child;
	*j->child = c->logged;
	c->logged = t;
	j->have_child = 1;
	return 0;
}

/*
 * A rebuild reads its logs on a second thread (core/walk.c), which also
 * parses each commit: inflating and parsing the commits on one thread,
 * judging them and SQLite's inserts on the other.
 */
static int walk_threaded(struct zdh_index *idx, const char *replica, const char *tip,
			 const char *stop, int *rewound, long long *count)
{
	struct judging j;
	struct step_ctx s = { idx, &j, count };
	char cur[41];
	int err;

	judging_init(&j, replica);
	err = zdh_walk_threaded(idx->repo, tip, stop, 0, ZDH_EVENT_TRUSTED | ZDH_EVENT_NODATA, step, &s,
				cur);
	if (!err && stop[0] && strcmp(cur, stop))
		*rewound = 1;
	if (!err && !*rewound)
		err = judge_end(idx, &j, stop, count);
	judging_free(&j);
	return err;
}

#define PLAIN_STEPS 512

/* Insert the events from tip back to (not including) stop; *rewound when stop is not on the chain. */
static int walk_log(struct zdh_index *idx, const char *replica, const char *tip,
		    const char *stop, int *rewound, long long *count)
{
	struct zdh_buf raw = ZDH_BUF_INIT, tree = ZDH_BUF_INIT, types = ZDH_BUF_INIT;
	struct judging j;
	char cur[41];
	int err = 0, tree_read;

	if (idx->rebuilding)
		return walk_threaded(idx, replica, tip, stop, rewound, count);
	judging_init(&j, replica);
	snprintf(cur, sizeof(cur), "%s", tip);
	for (long long n = 0; cur[0] && strcmp(cur, stop); n++) {
		/*
		 * A thread pays for itself on long walks (a pull of 10,000
		 * events: 509 million instructions of reading and parsing
		 * commits, an eighth of it): past PLAIN_STEPS commits the rest
		 * is read on a second thread, judged here by the same judging.
		 */
		if (n == PLAIN_STEPS) {
			struct step_ctx sc = { idx, &j, count };
			char where[41];

			err = zdh_walk_threaded(idx->repo, cur, stop, 0,
						ZDH_EVENT_TRUSTED | ZDH_EVENT_NODATA, step, &sc, where);
			memcpy(cur, where, sizeof(cur));
			break;
		}
		zdh_buf_reset(&raw);
		if ((err = zdh_objects_read_commit(&raw, idx->repo, cur)))
			break;
		zdh_walk_read_tree(idx->repo, &raw, &tree, &types, &tree_read);
		if ((err = judge_step(idx, &j, cur, &raw, &tree, &types, tree_read, count)))
			break;
		memcpy(cur, j.child->parent, sizeof(cur));
	}
	if (!err && stop[0] && strcmp(cur, stop))
		*rewound = 1;
	if (!err && !*rewound)
		err = judge_end(idx, &j, stop, count);
	judging_free(&j);
	zdh_buf_release(&raw);
	zdh_buf_release(&tree);
	zdh_buf_release(&types);
	return err;
}

/*
 * A catch-up or rebuild of many events (a pull's, a clone's, a reindex's)
 * folds them while a second thread writes the rows the fold makes
 * (zdh_index_bulk(): its records and their facts, 70 % of a pull's fold
 * in instructions), when the connection is serialized
 * (zdh_repo.index_threads, set by those three).  The fold reads its events
 * FOLD_CHUNK at a time, holding the connection meanwhile
 * (zdh_rowq_reader(): taken between two of that thread's statements): a
 * step each waited for the thread to let go of it, and it took it again
 * at once.
 */
#define FOLD_QUEUED 1024
#define FOLD_CHUNK 512
/* Does a fold of events events get the rows thread? */
static int fold_queued(long long events)
{
	return events >= FOLD_QUEUED;
}

struct fold_row {
	struct zdh_event ev;
	struct zdh_buf arena;	/* ev's strings */
	long long seq;
	size_t data_at;		/* its data's text in arena (read by the prefetcher) */
	const char *data;	/* ... or here (from the spill), data_len bytes */
	size_t data_len;
};

/*
 * Up to cap rows of s into v; *n of them, *done set when s has no more.
 * The connection is this thread's: held by catch_up_locked(), or taken
 * from the rows thread between two of its statements.
 */
static int fold_rows(struct zdh_index *idx, sqlite3_stmt *s, struct fold_row *v, size_t cap,
		     size_t *n, int *done)
{
	int rc = SQLITE_ROW, err = 0;

	*n = 0;
	if (idx->rows)
		zdh_rowq_reader(idx->rows, 1);
	while (*n < cap && !err && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		err = ix_row_event_arena(&v[*n].ev, &v[*n].seq, s, &v[*n].arena);
		++*n;
	}
	if (idx->rows)
		zdh_rowq_reader(idx->rows, 0);
	*done = rc != SQLITE_ROW;
	if (!err && rc != SQLITE_ROW && rc != SQLITE_DONE)
		err = ix_db_error(idx, "events");
	return err;
}

static void fold_rows_free(struct fold_row *v, size_t cap)
{
	for (size_t i = 0; v && i < cap; i++) {
		ix_row_event_drop(&v[i].ev);
		zdh_buf_release(&v[i].arena);
	}
	free(v);
}

/*
 * The rows read at a time from each of logs logs (fold_rows()): one with
 * no rows thread (read ahead, they only filled the caches), else
 * FOLD_CHUNK, fewer when there are many logs (FOLD_ROWS_MAX rows in all,
 * at least 16 a log).
 */
#define FOLD_ROWS_MAX 8192

static size_t read_ahead_spilled(size_t logs)
{
	size_t cap = logs > FOLD_ROWS_MAX / FOLD_CHUNK ? FOLD_ROWS_MAX / logs : FOLD_CHUNK;

	return cap < 16 ? 16 : cap;
}

static size_t read_ahead(const struct zdh_index *idx, size_t logs)
{
	return !idx->rows ? 1 : read_ahead_spilled(logs);
}

/* The rows after after_seq, folded in fold order (sorted: there are few). */
static int fold_new(struct zdh_index *idx, long long after_seq)
{
	struct rcache *cache = ix_rcache_new();
	size_t cap = read_ahead(idx, 1);
	struct fold_row *v = zdh_calloc(cap, sizeof(*v));
	sqlite3_stmt *s;
	int done = 0, err = 0;

	if (sqlite3_prepare_v2(idx->db, "SELECT " ROW_EVENT_COLUMNS " FROM events"
			       " NOT INDEXED WHERE seq > ?1 AND effect IS NOT " INVALID
			       " ORDER BY clock, replica, id", -1, &s, NULL)) {
		free(cache);
		free(v);
		return ix_db_error(idx, "events");
	}
	sqlite3_bind_int64(s, 1, after_seq);
	idx->rows_applied = 1;	/* (take_child; ix_rcache_finish() ends it) */
	while (!err && !done) {
		size_t n = 0;

		err = fold_rows(idx, s, v, cap, &n, &done);
		for (size_t i = 0; i < n; i++) {
			if (!err)
				err = ix_fold(idx, cache, &v[i].ev, v[i].seq);
			ix_row_event_drop(&v[i].ev);
		}
	}
	fold_rows_free(v, cap);
	sqlite3_finalize(s);
	return ix_rcache_finish(idx, cache, err);
}

/*
 * A rebuild's fold.  Each log's rows went in from its tip back, so read
 * backwards a log's rows are in the order it was written, which is fold
 * order: a writer gives its event a clock above every one it had seen.
 * The logs are merged by (clock, replica, id), with no index and no sort.
 * With a rows thread, a third thread (the prefetcher) reads each log's
 * next rows while this one folds the last it read: the rows' strings
 * copied, their data left as text, which this thread parses (a JSON
 * value made on one thread and freed on the other cost more than it
 * saved: each thread's allocator, and their waking each other).  Since
 * the walk keeps each event it rows in a file of their own as well
 * (index-spill.c), the prefetcher reads them from there, each log's from
 * its last block back, without the connection, which the rows thread
 * then has to itself (stepping and copying the rows under its mutex, the
 * prefetcher took 6,800 instructions an event, 1,000 now); it reads the
 * rows when the spill could not be written or kept.
 */
struct run {
	long long first, last;	/* the seqs of a log's rows */
	size_t block_first, block_last;	/* its events' blocks in idx->spill */
};

enum { SPARE_IDLE, SPARE_WANTED, SPARE_FILLING, SPARE_READY };

/* a log's rows, cap at a time (read_ahead()) */
struct cursor {
	sqlite3_stmt *s;
	struct fold_row *v;
	size_t cap, at, n;	/* v[at] is the row at hand while at < n, of the n read */
	int done;		/* s has no more */
	struct ix_spill_reader *spill;	/* or the log's events from the spill, not s */
	/* the prefetcher's: the next rows, read while v's are folded (under its lock) */
	struct fold_row *spare;
	size_t spare_n;
	int spare_done, spare_rc, state;
	int spare_failed;	/* the spill's read failed (ix_spill_error() says why) */
};

struct prefetch {
	struct zdh_index *idx;
	struct cursor *cur;
	size_t n;
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t want, ready;
	int stop;
};

/* Each row's data, read as text, parsed (on the thread that folds them). */
static int rows_data(struct cursor *c)
{
	int err = 0;

	for (size_t i = 0; i < c->n && !err; i++) {
		struct fold_row *r = &c->v[i];
		if ((err = r->data ? ix_row_event_text(&r->ev, r->seq, r->data, r->data_len) :
		     ix_row_event_data(&r->ev, r->seq, &r->arena, r->data_at)))
			c->n = i + 1;	/* (the rest dropped with their arena) */
	}
	return err;
}

/*
 * Up to cap rows of the spill (index-spill.c) into v, as read_raw() reads
 * rows: those of one block, where their strings are (read over when the
 * block after the next is read: they are folded by then).  *done when
 * there are no more; 0, or -1 when a read failed (ix_spill_error()).
 */
static int spill_read(struct ix_spill_reader *sp, struct fold_row *v, size_t cap, size_t *n,
		      int *done)
{
	int got = 0;

	for (*n = 0; *n < cap; ++*n) {
		struct fold_row *r = &v[*n];
		if ((got = ix_spill_next(sp, !*n, &r->ev, &r->seq, &r->arena, &r->data,
					 &r->data_len)) != 1)
			break;
	}
	*done = !*n;
	return got < 0 ? got : 0;
}

/* Up to cap rows of s into v, their data as text; SQLITE_ROW or SQLITE_DONE when well. */
static int read_raw(struct zdh_index *idx, sqlite3_stmt *s, struct fold_row *v, size_t cap,
		    size_t *n, int *done)
{
	int rc = SQLITE_ROW;

	*n = 0;
	zdh_rowq_reader(idx->rows, 1);
	while (*n < cap && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		ix_row_event_raw(&v[*n].ev, &v[*n].seq, s, &v[*n].arena, &v[*n].data_at);
		++*n;
	}
	zdh_rowq_reader(idx->rows, 0);
	*done = rc != SQLITE_ROW;
	return rc;
}

static void *prefetcher(void *arg)
{
	struct prefetch *p = arg;

	pthread_mutex_lock(&p->lock);
	for (;;) {
		struct cursor *c = NULL;
		size_t n;
		int done, rc = SQLITE_ROW, failed = 0;

		for (size_t i = 0; i < p->n && !c; i++)
			if (p->cur[i].state == SPARE_WANTED)
				c = &p->cur[i];
		if (!c) {
			if (p->stop)
				break;
			pthread_cond_wait(&p->want, &p->lock);
			continue;
		}
		c->state = SPARE_FILLING;
		pthread_mutex_unlock(&p->lock);
		if (c->spill)	/* (its rows, not the connection's) */
			failed = spill_read(c->spill, c->spare, c->cap, &n, &done) != 0;
		else
			rc = read_raw(p->idx, c->s, c->spare, c->cap, &n, &done);
		pthread_mutex_lock(&p->lock);
		c->spare_n = n;
		c->spare_done = done;
		c->spare_rc = rc;
		c->spare_failed = failed;
		c->state = SPARE_READY;
		pthread_cond_broadcast(&p->ready);
	}
	pthread_mutex_unlock(&p->lock);
	return NULL;
}

/* Start the prefetcher on cur[0..n), each asked for its first rows; 0 when it could not start. */
static int prefetch_start(struct prefetch *p, struct zdh_index *idx, struct cursor *cur, size_t n)
{
	memset(p, 0, sizeof(*p));
	p->idx = idx;
	p->cur = cur;
	p->n = n;
	for (size_t i = 0; i < n; i++) {
		cur[i].spare = zdh_calloc(cur[i].cap, sizeof(*cur[i].spare));
		cur[i].state = SPARE_WANTED;
	}
	pthread_mutex_init(&p->lock, NULL);
	pthread_cond_init(&p->want, NULL);
	pthread_cond_init(&p->ready, NULL);
	if (!pthread_create(&p->thread, NULL, prefetcher, p))
		return 1;
	pthread_cond_destroy(&p->ready);
	pthread_cond_destroy(&p->want);
	pthread_mutex_destroy(&p->lock);
	for (size_t i = 0; i < n; i++)
		cur[i].state = SPARE_IDLE;
	return 0;
}

static void prefetch_stop(struct prefetch *p)
{
	pthread_mutex_lock(&p->lock);
	p->stop = 1;
	pthread_cond_signal(&p->want);
	pthread_mutex_unlock(&p->lock);
	pthread_join(p->thread, NULL);
	pthread_cond_destroy(&p->ready);
	pthread_cond_destroy(&p->want);
	pthread_mutex_destroy(&p->lock);
}

/* c's next rows from the prefetcher, which is asked for the ones after them. */
static int cursor_swap(struct zdh_index *idx, struct prefetch *p, struct cursor *c)
{
	struct fold_row *t;
	int rc, failed;

	pthread_mutex_lock(&p->lock);
	while (c->state != SPARE_READY)
		pthread_cond_wait(&p->ready, &p->lock);
	t = c->v, c->v = c->spare, c->spare = t;
	c->n = c->spare_n;
	c->done = c->spare_done;
	rc = c->spare_rc;
	failed = c->spare_failed;
	c->state = SPARE_IDLE;
	if (!c->done) {
		c->state = SPARE_WANTED;
		pthread_cond_signal(&p->want);
	}
	pthread_mutex_unlock(&p->lock);
	c->at = 0;
	if (failed) {
		c->n = 0;
		return ix_spill_error(c->spill);
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		c->n = 0;
		return ix_db_error(idx, "events");
	}
	return rows_data(c);
}

static int cursor_next(struct zdh_index *idx, struct prefetch *p, struct cursor *c)
{
	if (c->at < c->n)
		ix_row_event_drop(&c->v[c->at++].ev);
	if (c->at == c->n && !c->done) {
		int err;

		if (p)
			return cursor_swap(idx, p, c);
		if (c->spill) {
			c->at = 0;
			if (spill_read(c->spill, c->v, c->cap, &c->n, &c->done)) {
				c->n = 0;
				return ix_spill_error(c->spill);
			}
			return rows_data(c);
		}
		err = fold_rows(idx, c->s, c->v, c->cap, &c->n, &c->done);
		c->at = 0;
		if (err)
			return err;
	}
	return 0;
}

static int fold_order(const struct zdh_event *a, const struct zdh_event *b)
{
	return zdh_fold_cmp(a->clock, a->replica, a->id, b->clock, b->replica, b->id);
}

static int fold_merged(struct zdh_index *idx, const struct run *runs, size_t n)
{
	struct cursor *cur = zdh_calloc(n ? n : 1, sizeof(*cur));
	struct rcache *cache = ix_rcache_new();
	struct prefetch pf, *p = NULL;
	int spilled = ix_spill_usable(idx->spill), err = 0;
	long long folded = 0;

	cache->stored = zdh_calloc(STORED_BITS / 8, 1);
	cache->left = idx->fold_left;
	idx->rows_applied = 1;
	for (size_t i = 0; i < n; i++) {
		/* (from the spill: as many as with a rows thread, read on this thread) */
		cur[i].cap = spilled ? read_ahead_spilled(n) : read_ahead(idx, n);
		cur[i].v = zdh_calloc(cur[i].cap, sizeof(*cur[i].v));
		if (spilled)
			cur[i].spill = ix_spill_reader(idx->spill, runs[i].block_first,
						       runs[i].block_last);
	}
	for (size_t i = 0; i < n && !err && !spilled; i++) {
		if (sqlite3_prepare_v2(idx->db, "SELECT " ROW_EVENT_COLUMNS " FROM events"
				       " WHERE seq BETWEEN ?1 AND ?2 AND effect IS NOT " INVALID
				       " ORDER BY seq DESC",
				       -1, &cur[i].s, NULL)) {
			err = ix_db_error(idx, "events");
			break;
		}
		sqlite3_bind_int64(cur[i].s, 1, runs[i].first);
		sqlite3_bind_int64(cur[i].s, 2, runs[i].last);
	}
	if (!err && idx->rows && n && prefetch_start(&pf, idx, cur, n))
		p = &pf;
	for (size_t i = 0; i < n && !err; i++)
		err = cursor_next(idx, p, &cur[i]);
	while (!err) {
		struct cursor *next = NULL;
		for (size_t i = 0; i < n; i++)
			if (cur[i].at < cur[i].n && (!next || fold_order(&cur[i].v[cur[i].at].ev,
							       &next->v[next->at].ev) < 0))
				next = &cur[i];
		if (!next)
			break;
		if (!(err = ix_fold(idx, cache, &next->v[next->at].ev, next->v[next->at].seq)))
			err = cursor_next(idx, p, next);
		if (++folded >= idx->premade_next && !err)
			err = ix_premade_check(idx, folded);	/* (a rebuild's: ix_premake_indexes) */
	}
	zdh_trace_note("rebuild: events folded %lld, read from %s", folded,
		       spilled ? "the spill" : "their rows");
	if (p)
		prefetch_stop(p);
	for (size_t i = 0; i < n; i++) {
		fold_rows_free(cur[i].v, cur[i].cap);
		fold_rows_free(cur[i].spare, cur[i].spare ? cur[i].cap : 0);
		sqlite3_finalize(cur[i].s);
		ix_spill_reader_free(cur[i].spill);
	}
	free(cur);
	return ix_rcache_finish(idx, cache, err);
}

/* Empty every table, the engine's and the kinds' own, but the list of kinds. */
static int clear_all(struct zdh_index *idx)
{
	struct zdh_buf sql = ZDH_BUF_INIT;
	sqlite3_stmt *s;
	int err;

	idx->writer->stop(idx);
	ix_counters_forget(idx);
	ix_rebuilt_forget(idx);
	ix_trust_forget(idx);
	if (sqlite3_prepare_v2(idx->db, "SELECT name FROM sqlite_master WHERE type = 'table'"
			       " AND name NOT LIKE 'sqlite_%' AND name != 'kinds'", -1, &s, NULL))
		return ix_db_error(idx, "schema");
	while (sqlite3_step(s) == SQLITE_ROW)
		zdh_buf_addf(&sql, "DELETE FROM \"%s\";", (const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	err = ix_exec(idx, sql.ptr);
	zdh_buf_release(&sql);
	return err;
}

/*
 * Apply what the log tips hold beyond what the index applied.  Runs inside
 * a write transaction, and reads the refs only once inside it: a writer
 * moves its ref while holding the same transaction lock, so the refs seen
 * here and the tips recorded in the index always belong together.
 */
/*
 * ZDH_TRACE_PERFORMANCE set: a rebuild prints how long each of its steps
 * took to stderr (for make bench and whoever makes it faster), and so
 * does a catch-up (a pull's).
 */
static double trace_mark;

static void trace_step(const struct zdh_index *idx, const char *step)
{
	zdh_trace(idx->rebuilding ? "rebuild" : "catch-up", step, &trace_mark);
}

/* The seq of the last event row, queued or written. */
static long long last_seq(struct zdh_index *idx)
{
	long long seq = 0;

	if (zdh_index_in_bulk(idx))
		return idx->last_seq;
	ix_pragma_int(idx, "SELECT coalesce(max(seq), 0) FROM events", &seq);
	return seq;
}

/*
 * A log that cannot be read, named: a catch-up reads every log before any
 * command, so one whose tip is no commit (a peer's ref naming a tree or a
 * blob, which a zdh before e9eb204 took in a pull) stopped every command,
 * pull and reindex too, with a message naming only an object.  Such a ref
 * holds no event: the message says how to be rid of it (a pull replaces
 * it, sync.c's take_logs).  An object missing or damaged further down is
 * named with its log (zdh verify says more).
 */
static int unreadable_log(struct zdh_index *idx, const char *replica, const char *tip)
{
	char *why = zdh_strdup(zdh_error_msg());
	enum zdh_objtype type;
	int err;

	if (!zdh_objects_type(idx->repo, tip, &type) && type != ZDH_OBJ_COMMIT)
		err = zdh_error_set(ZDH_ECORRUPT,
				    _("refs/zdh/log/%s is no log (%s): a pull from an office holding"
				      " it replaces it, or delete it with"
				      " git --git-dir='%s' update-ref -d refs/zdh/log/%s"),
				    replica, why, idx->repo->gitdir, replica);
	else
		err = zdh_error_set(ZDH_ECORRUPT, _("refs/zdh/log/%s: %s"), replica, why);
	free(why);
	return err;
}

/*
 * What new people, keys or roles took the effect of, of the events held
 * before (zdh_index_news_refused): the events up to max_seq the trust
 * gives no effect (ZDH_EFFECT_REFUSED) are noted in temp.refused_before
 * before they judge every record again (a full refold, which reads every
 * event anyway); after it, those refused now and not before are added to
 * temp.refused_again, and those refused before and applied now to
 * temp.lifted, which the news read.  Tables of this connection
 * alone: they go with it (ix_close_db), as the seqs they hold would go
 * with a rebuild.
 */
/* One statement of refused_note(), max_seq its ?1 when it has one; its rows added to *n (NULL: none). */
static int note_rows(struct zdh_index *idx, const char *sql, long long max_seq, size_t *n)
{
	sqlite3_stmt *s;
	int rc;

	if (sqlite3_prepare_v2(idx->db, sql, -1, &s, NULL))
		return ix_db_error(idx, "events");
	if (sqlite3_bind_parameter_count(s))
		sqlite3_bind_int64(s, 1, max_seq);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return ix_db_error(idx, "events");
	if (n)
		*n += (size_t)sqlite3_changes(idx->db);
	return 0;
}

static int refused_note(struct zdh_index *idx, long long max_seq, int after)
{
	int rc;

	if ((rc = zdh_index_settle(idx)))
		return rc;
	if (!after) {
		if ((rc = ix_exec(idx, "CREATE TEMP TABLE IF NOT EXISTS refused_before"
				  "(seq INTEGER PRIMARY KEY);"
				  " DELETE FROM temp.refused_before")))
			return rc;
		return note_rows(idx, "INSERT INTO temp.refused_before SELECT seq FROM events"
				 " WHERE effect = " REFUSED " AND seq <= ?1", max_seq, NULL);
	}
	if ((rc = ix_exec(idx, "CREATE TEMP TABLE IF NOT EXISTS refused_again"
			  "(seq INTEGER PRIMARY KEY);"
			  " CREATE TEMP TABLE IF NOT EXISTS lifted(seq INTEGER PRIMARY KEY)")) ||
	    (rc = note_rows(idx, "INSERT OR IGNORE INTO temp.refused_again SELECT seq FROM events"
			    " WHERE effect = " REFUSED " AND seq <= ?1 AND seq NOT IN temp.refused_before",
			    max_seq, &idx->nrefused_again)))
		return rc;
	/* (and the other way: refused before, applied now) */
	return note_rows(idx, "INSERT OR IGNORE INTO temp.lifted SELECT e.seq FROM temp.refused_before b"
			 " JOIN events e ON e.seq = b.seq WHERE e.effect = 1", max_seq, &idx->nlifted);
}

int ix_trust_refold(struct zdh_index *idx, int refold, long long max_seq)
{
	/* (what it takes the effect of, of the events held before, the command tells) */
	int judged = refold == 2 && max_seq && !idx->rebuilding, err = 0;

	if (judged)
		err = refused_note(idx, max_seq, 0);
	if (!err)
		err = ix_kinds_refold(idx, refold == 2 ? NULL : "person");
	if (!err && judged)
		err = refused_note(idx, max_seq, 1);
	return err;
}

static int catch_up_locked(struct zdh_index *idx, int from_scratch, long long *applied,
			   long long *nlogs)
{
	struct tips all = { 0 }, todo = { 0 };
	struct run *runs = NULL;
	long long max_seq = 0, count = 0;
	sqlite3_mutex *held;
	int rewound = 0, refold = 0, err, e2;

	trace_step(idx, NULL);
again:
	idx->saw_person = 0;
	idx->kinds_seen = 0;
	idx->seen_last = NULL;
	if ((err = zdh_ref_foreach(idx->repo->gitdir, "refs/zdh/log/", collect_ref, &all)))
		goto done;
	if (!from_scratch && behind(idx, &all, &todo, &rewound)) {
		err = ix_db_error(idx, "logs");
		goto done;
	}
	if (rewound) {
		zdh_warn(_("a log was removed; rebuilding the index"));
		from_scratch = 1;
	}
	if (from_scratch) {
		trace_step(idx, NULL);
		idx->rebuilds++;
		if ((err = clear_all(idx)))
			goto done;
		trace_step(idx, "clear");
		tips_clear(&todo);
		for (size_t i = 0; i < all.n; i++)
			tips_add(&todo, all.v[i].replica, all.v[i].id);
	}
	ix_pragma_int(idx, "SELECT coalesce(max(seq), 0) FROM events", &max_seq);
	/* an empty index (new, deleted, rebuilt) is loaded the fast way */
	if (!max_seq && todo.n && !idx->rebuilding) {
		if ((err = ix_drop_indexes(idx)))
			goto done;
		idx->rebuilding = 1;
	}
	free(runs);
	runs = zdh_calloc(todo.n ? todo.n : 1, sizeof(*runs));
	/*
	 * a rebuild's fold reads its events from a file of their own
	 * (index-spill.c); tests read them from their rows too, to compare
	 */
	ix_spill_free(idx->spill);
	idx->spill = idx->rebuilding && todo.n && idx->dir && !getenv("ZDH_TEST_NO_SPILL") ?
		ix_spill_open(idx->dir, todo.n) : NULL;
	/*
	 * A new file's rows, the events' too, go to the rows thread from the
	 * first (its connection is serialized only for a rebuild large enough,
	 * build_new()): the walk then only reads and judges, while the
	 * reader inflates and the rows thread inserts.
	 */
	if (!err && idx->new_file && todo.n)
		err = zdh_index_bulk(idx);
	/*
	 * The walks' rows are this thread's alone: a serialized connection is
	 * taken once, not at each call (a reindex of 300,001 events read for
	 * 0.04 s more without).
	 */
	held = idx->rows ? NULL : sqlite3_db_mutex(idx->db);	/* (NULL: not serialized) */
	sqlite3_mutex_enter(held);
	for (size_t i = 0; i < todo.n && !err; i++) {
		char stop[41];
		int gone = 0;

		if ((err = zdh_index_tip(idx, todo.v[i].replica, stop)))
			break;
		runs[i].first = last_seq(idx) + 1;
		if (idx->spill)
			runs[i].block_first = ix_spill_mark(idx->spill);
		idx->walk_clock = 0;
		idx->rowed_elsewhere = 0;
		err = walk_log(idx, todo.v[i].replica, todo.v[i].id, stop, &gone, &count);
		if (err == ZDH_ECORRUPT)
			err = unreadable_log(idx, todo.v[i].replica, todo.v[i].id);
		runs[i].last = last_seq(idx);
		if (idx->spill)
			runs[i].block_last = ix_spill_mark(idx->spill);
		if (!err && idx->rowed_elsewhere && !from_scratch) {
			zdh_warn(_("refs/zdh/log/%s holds events another log held first; rebuilding the index"),
				 todo.v[i].replica);
			gone = 1;
		} else if (!err && gone) {
			/* the log no longer holds what we applied: start from nothing */
			zdh_warn(_("refs/zdh/log/%s was rewritten; rebuilding the index"),
				 todo.v[i].replica);
		}
		if (!err && gone) {
			sqlite3_mutex_leave(held);
			tips_clear(&all);
			tips_clear(&todo);
			take_foreign_drop(idx);
			ix_fold_expect_forget(idx);
			from_scratch = 1;
			count = 0;
			goto again;
		}
		if (!err)
			err = zdh_index_set_tip(idx, todo.v[i].replica, todo.v[i].id,
						idx->walk_clock);
	}
	sqlite3_mutex_leave(held);
	if (!err)
		err = take_foreign(idx);	/* (else dropped at the end) */
	if (!err)
		err = zdh_index_settle(idx);	/* (the fold reads the events back) */
	trace_step(idx, "read");
	/* new people, keys, roles: what they judge is judged again (index-fold.c, trust) */
	if (!err && count && !(err = ix_trust_sync(idx, &refold)) && refold) {
		/* (the refold may change what the rows hold: the fold reads them) */
		ix_spill_free(idx->spill);
		idx->spill = NULL;
		err = ix_trust_refold(idx, refold, max_seq);
	}
	if (!err && count && idx->rebuilding)
		err = ix_premake_indexes(idx, count);
	if (!err && count && (idx->rebuilding || refold != 2)) {
		if (fold_queued(count))
			err = zdh_index_bulk(idx);
		/* (folded on this thread alone: the connection held once, as above) */
		held = idx->rows ? NULL : sqlite3_db_mutex(idx->db);
		sqlite3_mutex_enter(held);
		if (!err)
			err = idx->rebuilding ? fold_merged(idx, runs, todo.n) : fold_new(idx, max_seq);
		sqlite3_mutex_leave(held);
		/* (what follows a rebuild's reads the records: the rows thread's are all in) */
		if (idx->rebuilding && (e2 = idx->writer->stop(idx)) && !err)
			err = e2;
	}
	trace_step(idx, "fold");
	if (!err && idx->rebuilding) {
		/* the numbers of refused events, then those of the records */
		err = ix_counters_flush(idx);
		if (!err)
			err = ix_rebuilt_counters_flush(idx);
	}
	/* (a rebuild commits without zdh_index_commit: its summaries are made here) */
	if (!err && idx->rebuilding)
		err = ix_summaries_flush(idx);
	if (idx->rebuilding)
		trace_step(idx, "summary");
	if (!err && idx->rebuilding) {
		/* a new file's rows start for the disk while its indexes are made */
		if (idx->new_file)
			ix_start_writeback(idx, sqlite3_db_filename(idx->db, "main"), 0);
		err = ix_create_indexes(idx, count);
		trace_step(idx, "indexes");
	}
	idx->rebuilding = 0;
done:
	if (err)
		idx->rebuilding = 0;
	ix_rebuilt_forget(idx);	/* (written at the end, or not at all) */
	ix_fold_expect_forget(idx);
	ix_premade_forget(idx);
	ix_spill_free(idx->spill);
	idx->spill = NULL;
	take_foreign_drop(idx);
	if (applied)
		*applied = count;
	if (nlogs)
		*nlogs = (long long)all.n;
	tips_clear(&all);
	tips_clear(&todo);
	free(runs);
	return err;
}

static int fsync_path(const char *path, int flags)
{
	int fd = open(path, flags | O_CLOEXEC), err = 0;

	if (fd < 0 || fsync(fd) < 0)
		err = zdh_error_errno(ZDH_ERROR, _("cannot sync '%s'"), path);
	if (fd >= 0)
		close(fd);
	return err;
}

/*
 * Fill a new database at path from the logs, whole and durable.
 * expected: about how many events the logs hold (the index replaced, or
 * what a clone's fetch brought).  The connection is serialized, each call
 * taking its mutex, only when the fold will have a rows thread (that, and
 * its rows read ahead, had cost the fold of a million on one thread 0.9 s
 * of 4).  Then it is opened through index-vfs.c too, so that the pages
 * its rows thread and its CREATE INDEX write go to the file behind them,
 * on a thread of their own (zdh_index_bulk(), a new file's branch, which
 * the default VFS had made a no-op): for a reindex of 1,000,001 events,
 * the rows thread 1.87 to 2.12 s of CPU instead of 2.38 to 2.49, the main
 * thread's indexes step 1.19 to 1.25 s instead of 1.34 to 1.41, the
 * writer 0.41 to 0.58 s, on the core the others leave (three each, in
 * turn); peak RSS 56.3 -> 58.6 MB (the ring's 2 MiB).
 */
static int build_new(struct zdh_index *idx, const char *path, long long expected,
		     long long *applied, long long *nlogs)
{
	struct zdh_buf sql = ZDH_BUF_INIT;
	int threads = idx->repo->index_threads && fold_queued(expected);
	int err, e2;

	ix_sqlite_setup();
	if (sqlite3_open_v2(path, &idx->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
			    (threads ? SQLITE_OPEN_FULLMUTEX : SQLITE_OPEN_NOMUTEX),
			    threads ? ix_vfs_name() : NULL) != SQLITE_OK)
		return ix_db_error(idx, _("cannot create index.db"));
	sqlite3_extended_result_codes(idx->db, 1);
	/* nobody else sees this file until it is complete: no journal at all */
	zdh_buf_puts(&sql, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;"
		     " PRAGMA locking_mode = EXCLUSIVE; PRAGMA cache_size = " CACHE_SIZE "; BEGIN;");
	zdh_buf_puts(&sql, ix_schema_sql);
	ix_kinds_schema(&sql);
	err = ix_exec(idx, sql.ptr);
	zdh_buf_release(&sql);
	if (err)
		return err;
	idx->rebuilding = 1;
	idx->rebuilds++;
	idx->id_index = idx->fold_index = 0;
	trace_step(idx, NULL);
	/* (nothing to clear: every log is behind an empty index) */
	idx->new_file = 1;
	err = catch_up_locked(idx, 0, applied, nlogs);
	idx->new_file = 0;
	if (err)
		idx->writer->stop(idx);	/* (the rows thread, when a walk failed) */
	/* (the pages its rows and indexes wrote behind, a full disk's error said: t8020) */
	if ((e2 = ix_behind_stop(idx)) && !err)
		err = e2;
	ix_join_writeback(idx);
	if (err)
		return err;
	zdh_buf_addf(&sql, "COMMIT; PRAGMA application_id = %d; PRAGMA user_version = %d;"
		     " PRAGMA journal_mode = WAL;", ZDH_INDEX_APPLICATION_ID,
		     ZDH_INDEX_SCHEMA_VERSION);
	err = ix_exec(idx, sql.ptr);
	zdh_buf_release(&sql);
	ix_close_db(idx);
	if (!err)
		err = fsync_path(path, O_RDONLY);
	zdh_trace("rebuild", "sync", &trace_mark);
	return err;
}

/*
 * A rebuild from nothing, into a new file renamed over index.db: nothing
 * to delete first, no write-ahead log to fill and copy back (together a
 * third of a rebuild in place).  Only when no other process has the index
 * open — each holds index.use shared while it does, and this takes it
 * exclusively without waiting — since a connection to the old file would
 * go on using index.db-wal and -shm by name.  Returns 1 without doing
 * anything when the lock is not to be had: the caller rebuilds in place.
 */
static int rebuild_new(struct zdh_index *idx, size_t expect, long long *applied,
		       long long *nlogs)
{
	char *tmp = zdh_asprintf("%s.new", idx->path), *dir;
	struct stat st;
	long long expected = 0;
	int err, what;

	if (ix_use_exclusive(idx)) {
		free(tmp);
		return 1;
	}
	if (ix_pragma_int(idx, "SELECT coalesce(max(seq), 0) FROM events", &expected) ||
	    expected < (long long)expect)
		expected = (long long)expect;
	/*
	 * an index with no events (removed by hand, or of an older schema,
	 * emptied when opened): as many as the packs hold objects, about an
	 * event each, so that a million are not folded on one thread
	 * (with no rows thread, as it did, because it expected none)
	 */
	if (expected < FOLD_QUEUED)
		expected = (long long)zdh_objects_packed(idx->repo);
	/* the old file must stand without its log (it is removed below) */
	sqlite3_wal_checkpoint_v2(idx->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
	ix_close_db(idx);
	ix_remove_files(tmp);
	if (!(err = build_new(idx, tmp, expected, applied, nlogs))) {
		ix_remove_logs(idx->path);
		/* the mode of the index it replaces (SQLite made it 0644), or as shared */
		if (!stat(idx->path, &st))
			chmod(tmp, st.st_mode & 07777);
		if (zdh_shared_fix(tmp) < 0)
			err = zdh_error_errno(ZDH_ERROR, _("cannot write '%s'"), tmp);
		else if (rename(tmp, idx->path) < 0)
			err = zdh_error_errno(ZDH_ERROR, _("cannot rename '%s'"), tmp);
		dir = zdh_strdup(idx->path);
		*strrchr(dir, '/') = '\0';
		if (!err)
			err = fsync_path(dir, O_RDONLY | O_DIRECTORY);
		free(dir);
	}
	idx->rebuilding = 0;
	ix_close_db(idx);
	if (err)
		ix_remove_files(tmp);
	free(tmp);
	/* the old index when that failed: only a cache, caught up next time */
	if (!ix_open_db(idx, &what, 1) && what == DB_CURRENT && !ix_set_pragmas(idx)) {
		ix_use_shared(idx);
		return err;
	}
	ix_use_shared(idx);
	return err ? err : ix_db_error(idx, _("cannot open index.db"));
}

/* A catch-up told to expect this many objects writes into index.db directly (include/index.h). */
#define EXPECT_DIRECT 4096

static int catch_up_(struct zdh_index *idx, int from_scratch, long long *applied, long long *nlogs)
{
	size_t expect = idx->expect;	/* (told for this catch-up alone) */
	long long max_seq = 0;
	int err;

	idx->expect = 0;
	if (!from_scratch) {
		/* the fast path of every command: nothing new, no write transaction */
		struct tips all = { 0 }, todo = { 0 };
		int rewound = 0;

		err = zdh_ref_foreach(idx->repo->gitdir, "refs/zdh/log/", collect_ref, &all);
		if (!err && behind(idx, &all, &todo, &rewound))
			err = ix_db_error(idx, "logs");
		from_scratch = 0;
		if (!err && !todo.n && !rewound) {
			if (applied)
				*applied = 0;
			if (nlogs)
				*nlogs = (long long)all.n;
		}
		from_scratch = rewound;
		rewound = err || todo.n || rewound;
		tips_clear(&all);
		tips_clear(&todo);
		if (err || !rewound)
			return err;
		ix_pragma_int(idx, "SELECT coalesce(max(seq), 0) FROM events", &max_seq);
	}
	/* (a repository that cannot be written: from here on into a private copy) */
	if ((err = ix_go_private(idx)))
		return err;
	if ((from_scratch || !max_seq) && (err = rebuild_new(idx, expect, applied, nlogs)) <= 0)
		return err;
	/* many new objects expected: straight into index.db, when nobody else has it open */
	if (expect >= EXPECT_DIRECT && !ix_journal_direct.enter(idx))
		idx->journal = &ix_journal_direct;
	if ((err = zdh_index_begin(idx))) {
		ix_end_modes(idx);
		return err;
	}
	err = catch_up_locked(idx, from_scratch, applied, nlogs);
	if (!err)
		err = zdh_index_commit(idx);
	trace_step(idx, "commit");	/* (the summaries of what it folded, and the commit) */
	if (err)
		zdh_index_rollback(idx);
	return err;
}

/*
 * A catch-up, then how many invalid events it did not name (a peer's log
 * of thousands, a hub showing one log under thousands of names: the
 * first 10 and a count, as pull's other lists; zdh verify names each),
 * then the records' settings laid over the configuration (as
 * zdh_index_catch_up_locked()).
 */
static int catch_up(struct zdh_index *idx, int from_scratch, long long *applied, long long *nlogs)
{
	int err = catch_up_(idx, from_scratch, applied, nlogs);

	zdh_warn_cap_end(&idx->invalid_said,
			 NN_("and %lld more invalid event, not named here (zdh verify names each)",
			     "and %lld more invalid events, not named here (zdh verify names each)"));
	memset(&idx->invalid_said, 0, sizeof(idx->invalid_said));
	return err ? err : zdh_index_overlay(idx);
}

void zdh_index_expect(struct zdh_index *idx, size_t objects)
{
	idx->expect = objects;
}

int zdh_index_overlay(struct zdh_index *idx)
{
	int err = 0;

	for (size_t i = 0; !err && zdh_kinds[i]; i++)
		if (zdh_kinds[i]->overlay)
			err = zdh_kinds[i]->overlay(idx, idx->repo->config);
	return err;
}

/*
 * For the write path: inside its transaction.  Every catch-up ends with
 * the records' settings laid over the configuration (kind.h, overlay):
 * whatever reads it next, a write's checks or a report, reads what every
 * office holding these events reads.
 */
int zdh_index_catch_up_locked(struct zdh_index *idx)
{
	int err = catch_up_locked(idx, 0, NULL, NULL);

	return err ? err : zdh_index_overlay(idx);
}

int zdh_index_catch_up(struct zdh_index *idx, long long *applied)
{
	return catch_up(idx, 0, applied, NULL);
}

int zdh_index_rebuild(struct zdh_index *idx, long long *events, long long *logs)
{
	return catch_up(idx, 1, events, logs);
}

/*
 * The scratch databases of verifies that were killed: verify-PID.db (and
 * its journal files) whose lock is free.  A verify holds its scratch
 * file locked (flock(2), exclusive) for as long as it uses it, as a
 * private index's folder is (core/index.c): the kernel drops a dead
 * process's locks, where a PID is reused, and is another process in
 * another PID namespace sharing the folder.  Nothing else reads them.
 * (flock's locks and SQLite's fcntl(2) ones do not meet on Linux.)
 */
static void remove_dead_scratch(const char *gitdir)
{
	DIR *d = opendir(gitdir);
	struct dirent *e;

	if (!d)
		return;
	while ((e = readdir(d))) {
		struct stat st;
		char *path;
		long pid;
		int n = 0, fd;

		if (sscanf(e->d_name, "verify-%ld.db%n", &pid, &n) != 1 || !n || e->d_name[n] ||
		    pid <= 0)
			continue;
		path = zdh_asprintf("%s/%s", gitdir, e->d_name);
		fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
		if (fd >= 0 && !fstat(fd, &st) && S_ISREG(st.st_mode) &&
		    !flock(fd, LOCK_EX | LOCK_NB))
			ix_remove_files(path);
		if (fd >= 0)
			close(fd);	/* (the lock with it) */
		free(path);
	}
	closedir(d);
}

/*
 * The scratch file at path made empty and locked: its descriptor, or -1
 * (errno).  One swept between its open and its lock (st_nlink 0, as a
 * sweeper that found its lock free removed it) is made again.
 */
static int scratch_create(const char *path)
{
	struct stat st;

	for (int i = 0; i < 100; i++) {
		int fd = open(path, O_RDWR | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0644);

		if (fd < 0)
			return -1;
		if (!flock(fd, LOCK_EX) && !fstat(fd, &st) && st.st_nlink)
			return fd;
		close(fd);
	}
	errno = EAGAIN;
	return -1;
}

/*
 * zdh verify's view of the trust's verdicts: every log folded from
 * nothing, by the same fold as the index, into a scratch database beside
 * index.db (never index.db itself, which verify must be able to
 * distrust), removed after, and by the next verify if this one is killed.
 */
int zdh_index_refused(struct zdh_repo *repo,
		      int (*fn)(struct zdh_index *scratch, const char *replica, const char *id,
				const char *note, void *payload),
		      void *payload)
{
	struct zdh_index *idx = zdh_calloc(1, sizeof(*idx));
	sqlite3_stmt *s = NULL;
	const char *tmp;
	char *private = NULL;
	int err = 0, rc, lock = -1, here = -1;

	idx->use_fd = -1;
	idx->private_lock = -1;
	idx->premade_next = LLONG_MAX;
	idx->repo = repo;
	idx->writer = &ix_rows_at_once;
	idx->journal = &ix_journal_wal;
	idx->scratch = 1;
	idx->path = zdh_asprintf("%s/verify-%ld.db", repo->gitdir, (long)getpid());
	/*
	 * (a repository that cannot be written, told as the index tells it, by
	 * the open refused: in a private folder instead, core/index.c)
	 */
	if ((here = scratch_create(idx->path)) >= 0) {
		ix_remove_logs(idx->path);
		remove_dead_scratch(repo->gitdir);
	} else if (!zdh_write_denied(errno)) {
		err = zdh_error_errno(ZDH_ERROR, _("cannot create '%s'"), idx->path);
	} else if (!(private = ix_private_dir(&tmp, &lock))) {
		err = zdh_error_errno(ZDH_ERROR, _("cannot create a new folder in '%s'"), tmp);
	} else {
		free(idx->path);
		idx->path = zdh_asprintf("%s/verify.db", private);
	}
	if (!err)
		err = build_new(idx, idx->path, 0, NULL, NULL);
	idx->rebuilding = 0;
	ix_close_db(idx);
	if (!err && sqlite3_open_v2(idx->path, &idx->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX,
				    NULL) != SQLITE_OK)
		err = ix_db_error(idx, _("cannot open index.db"));
	if (!err && sqlite3_prepare_v2(idx->db, "SELECT replica, lower(hex(id)), note FROM events"
				       " WHERE effect = " REFUSED " AND kind != 'person'"
				       " ORDER BY clock, replica, id", -1, &s, NULL))
		err = ix_db_error(idx, "events");
	while (!err && (rc = sqlite3_step(s)) == SQLITE_ROW)
		err = fn(idx, (const char *)sqlite3_column_text(s, 0), (const char *)sqlite3_column_text(s, 1),
			 (const char *)sqlite3_column_text(s, 2), payload);
	if (!err && rc != SQLITE_DONE)
		err = ix_db_error(idx, "events");
	sqlite3_finalize(s);
	ix_close_db(idx);
	if (private)
		zdh_remove_tree(private);	/* (verify.db and its WAL with it) */
	else if (here >= 0)
		ix_remove_files(idx->path);
	if (here >= 0)
		close(here);	/* (its lock: after the files are gone) */
	if (lock >= 0)
		close(lock);
	free(private);
	zdh_index_close(idx);
	return err;
}

unsigned zdh_index_rebuilds(const struct zdh_index *idx)
{
	return idx->rebuilds;
}

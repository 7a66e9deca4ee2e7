/*
 * rowq — rows of statement parameters, and a thread that inserts them
 * (core/rowq.h, private to core).
 *
 * A row is a 4-byte length and the number of its statement, then its values: a type byte ('i' int64,
 * 't' text, 'b' blob, 'n' NULL), and for text and blob a 4-byte length
 * and the bytes.  Rows go to the thread in batches of BATCH_ROWS in a ring
 * of NBATCH buffers: the caller fills one, the thread empties the oldest
 * handed over, and neither allocates once the buffers have grown.  The
 * lock is taken once a batch, not once a row.
 *
 * The buffers start as slices of one block of 2 MiB that the kernel gives
 * as a transparent huge page (zdh_huge_alloc()): grown from malloc, the
 * eight of an import went by copies to about 94 KiB each, 250 of the 790
 * page faults of an import of 6,000 visits (12 to 35 microseconds each
 * on this project's machine, README "Speed").  A batch that outgrows its
 * slice moves to malloc'd memory and grows there.
 */
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "i18n.h"
#include "rowq.h"

const char *zdh_db_errmsg(sqlite3 *db)
{
	int code = sqlite3_extended_errcode(db) & 0xff, e = sqlite3_system_errno(db);

	if (e > 0 && (code == SQLITE_IOERR || code == SQLITE_FULL || code == SQLITE_CANTOPEN))
		return strerror(e);
	return sqlite3_errmsg(db);
}

/*
 * A row's buffer that has not the room for extra more bytes given it:
 * moved off its slice of the block (home), which cannot grow, else grown.
 */
static void grow(struct zdh_buf *buf, const char *home, size_t extra)
{
	if (buf->ptr == home) {
		size_t size = 2 * (buf->len + extra + 1);
		char *p = zdh_malloc(size);

		memcpy(p, buf->ptr, buf->len + 1);
		buf->ptr = p;
		buf->alloc = size;
		return;
	}
	zdh_buf_grow_slow(buf, extra);
}

/* Room for extra more bytes in a row's buffer (the test inline: every value of a row asks). */
static inline void room(struct zdh_buf *buf, const char *home, size_t extra)
{
	if (!zdh_buf_room(buf, extra))	/* (alloc is more than len: a slice, or grown) */
		grow(buf, home, extra);
}

/*
 * One value encoded: its type byte, then len bytes of p (a 4-byte length
 * first when counted).  Inline, the room checked in place (room()): a
 * rebuild puts about 27 values an event, which took room() and
 * zdh_buf_setlen() as calls each (a tenth of the rows' encoding).
 */
static inline void put_value(struct zdh_row *row, char type, const void *p, size_t len,
			     int counted)
{
	struct zdh_buf *buf = row->buf;
	uint32_t n = (uint32_t)len;
	size_t need = 1 + sizeof(n) + len;
	char *w;

	room(buf, row->home, need);
	w = buf->ptr + buf->len;
	*w++ = type;
	if (counted) {
		memcpy(w, &n, sizeof(n));
		w += sizeof(n);
	}
	memcpy(w, p, len);
	w += len;
	*w = '\0';
	buf->len = (size_t)(w - buf->ptr);
}

/*
 * What a statement holds bound at one parameter (the thread's, or one
 * bound directly with zdh_row_direct_kept), so that a value equal to it
 * is not bound again: SQLite keeps a statement's values from one run to
 * the next, and each bind call takes the connection's mutex and checks
 * the statement (about 120 to 230 instructions).  Most of a row's values
 * are the last row's at the same place: NULLs, the kind, the replica, the
 * operation, the author, an import's dates.  A short text or blob is
 * bound from a copy kept here (SQLITE_STATIC: it lives as long as the
 * statement), which the next row's is compared with; a longer one is
 * bound every time.
 */
#define SHORT_VALUE 30

struct zdh_bound {
	char type;		/* 'n' NULL, 'i' int in i, 't' text or 'b' blob in text[], 0 other */
	unsigned char len;
	char text[SHORT_VALUE];
	int64_t i;
};

/*
 * The binds, each at parameter i of s, where b is what s holds bound there
 * (NULL: not known, bound every time): a value b holds already is not
 * bound again, and b is told what is bound now.
 */
static inline void bind_int(sqlite3_stmt *s, int i, struct zdh_bound *b, int64_t n)
{
	if (b && b->type == 'i' && b->i == n)
		return;
	sqlite3_bind_int64(s, i, n);
	if (b) {
		b->type = 'i';
		b->i = n;
	}
}

static inline void bind_null(sqlite3_stmt *s, int i, struct zdh_bound *b)
{
	if (b && b->type == 'n')
		return;
	sqlite3_bind_null(s, i);
	if (b)
		b->type = 'n';
}

static inline void bind_real(sqlite3_stmt *s, int i, struct zdh_bound *b, double d)
{
	sqlite3_bind_double(s, i, d);
	if (b)
		b->type = 0;
}

/*
 * Are the len bytes (at most SHORT_VALUE) at a and b the same?  Inline,
 * eight bytes at a time: memcmp() was a call for each of the 17 short
 * values of a rebuild's event, record and fact rows.
 */
static inline int same_short(const char *a, const char *b, size_t len)
{
	uint64_t x, y;
	uint32_t s, t;

	if (len >= 8) {
		for (size_t i = 0; i + 8 < len; i += 8) {
			memcpy(&x, a + i, 8);
			memcpy(&y, b + i, 8);
			if (x != y)
				return 0;
		}
		memcpy(&x, a + len - 8, 8);	/* (the last eight, over what was compared) */
		memcpy(&y, b + len - 8, 8);
		return x == y;
	}
	if (len >= 4) {
		memcpy(&s, a, 4);
		memcpy(&t, b, 4);
		if (s != t)
			return 0;
		memcpy(&s, a + len - 4, 4);
		memcpy(&t, b + len - 4, 4);
		return s == t;
	}
	for (size_t i = 0; i < len; i++)
		if (a[i] != b[i])
			return 0;
	return 1;
}

/*
 * A text (type 't') or blob ('b') of len bytes at p: a short one from the
 * copy in b unless b holds it already (then p is freed when how is free),
 * a longer one as given, with how.
 */
static inline void bind_bytes(sqlite3_stmt *s, int i, struct zdh_bound *b, char type,
			      const void *p, size_t len, void (*how)(void *))
{
	if (b && len <= SHORT_VALUE) {
		if (!(b->type == type && b->len == len && same_short(b->text, p, len))) {
			memcpy(b->text, p, len);
			b->type = type;
			b->len = (unsigned char)len;
			if (type == 't')
				sqlite3_bind_text(s, i, b->text, (int)len, SQLITE_STATIC);
			else
				sqlite3_bind_blob(s, i, b->text, (int)len, SQLITE_STATIC);
		}
		if (how == free)
			free((void *)p);
		return;
	}
	if (b)
		b->type = 0;
	if (type == 't')
		sqlite3_bind_text(s, i, p, (int)len, how);
	else
		sqlite3_bind_blob(s, i, p, (int)len, how);
}

struct zdh_bound *zdh_bound_new(int nparam)
{
	struct zdh_bound *b = zdh_calloc((size_t)nparam, sizeof(*b));

	for (int i = 0; i < nparam; i++)
		b[i].type = 'n';
	return b;
}

void zdh_row_direct(struct zdh_row *row, sqlite3_stmt *s)
{
	row->stmt = s;
	row->n = 0;
	row->buf = NULL;
	row->home = NULL;
	row->kept = NULL;
}

void zdh_row_direct_kept(struct zdh_row *row, sqlite3_stmt *s, struct zdh_bound *kept)
{
	zdh_row_direct(row, s);
	row->kept = kept;
}

void zdh_row_int(struct zdh_row *row, long long v)
{
	int64_t n = v;

	if (!row->stmt) {
		put_value(row, 'i', &n, sizeof(n), 0);
		return;
	}
	bind_int(row->stmt, row->n + 1, row->kept ? &row->kept[row->n] : NULL, n);
	row->n++;
}

void zdh_row_real(struct zdh_row *row, double v)
{
	if (!row->stmt) {
		put_value(row, 'r', &v, sizeof(v), 0);
		return;
	}
	bind_real(row->stmt, row->n + 1, row->kept ? &row->kept[row->n] : NULL, v);
	row->n++;
}

void zdh_row_null(struct zdh_row *row)
{
	if (!row->stmt) {
		put_value(row, 'n', "", 0, 0);
		return;
	}
	bind_null(row->stmt, row->n + 1, row->kept ? &row->kept[row->n] : NULL);
	row->n++;
}

void zdh_row_nulls(struct zdh_row *row, int n)
{
	struct zdh_buf *buf = row->buf;

	if (row->stmt) {
		while (n-- > 0)
			zdh_row_null(row);
		return;
	}
	if (n <= 0)
		return;
	/* (each a type byte alone: written at once) */
	room(buf, row->home, (size_t)n);
	memset(buf->ptr + buf->len, 'n', (size_t)n);
	buf->len += (size_t)n;
	buf->ptr[buf->len] = '\0';
}

/* A text or blob bound directly (how: SQLite's destructor of p). */
static void direct_bytes(struct zdh_row *row, char type, const void *p, size_t len,
			 void (*how)(void *))
{
	bind_bytes(row->stmt, row->n + 1, row->kept ? &row->kept[row->n] : NULL, type, p, len, how);
	row->n++;
}

void zdh_row_text(struct zdh_row *row, const char *s, size_t len)
{
	if (!s)
		zdh_row_null(row);
	else if (row->stmt)
		direct_bytes(row, 't', s, len, SQLITE_STATIC);
	else
		put_value(row, 't', s, len, 1);
}

void zdh_row_text_owned(struct zdh_row *row, char *s)
{
	if (s && row->stmt) {
		direct_bytes(row, 't', s, strlen(s), free);
		return;
	}
	zdh_row_text(row, s, s ? strlen(s) : 0);
	free(s);
}

void zdh_row_blob(struct zdh_row *row, const void *p, size_t len)
{
	if (!p)
		zdh_row_null(row);
	else if (row->stmt)
		direct_bytes(row, 'b', p, len, SQLITE_TRANSIENT);
	else
		put_value(row, 'b', p, len, 1);
}

/*
 * Bind a row's values to ?first+1, ?first+2, ...; how many there were.
 * bound: what the statement holds at ?1, ?2, ... (NULL: not known, every
 * value bound).
 */
static int bind_from(sqlite3_stmt *s, int first, const char *row, size_t len, struct zdh_bound *bound)
{
	const char *p = row, *end = row + len;
	struct zdh_bound *b = NULL;
	int64_t n;
	double d;
	uint32_t k;
	int i = first + 1;

	for (; p < end; i++) {
		char type = *p++;

		if (bound)
			b = &bound[i - 1];
		switch (type) {
		case 'i':
			memcpy(&n, p, sizeof(n));
			p += sizeof(n);
			bind_int(s, i, b, n);
			break;
		case 'r':
			memcpy(&d, p, sizeof(d));
			p += sizeof(d);
			bind_real(s, i, b, d);
			break;
		case 't':
		case 'b':
			memcpy(&k, p, sizeof(k));
			p += sizeof(k);
			bind_bytes(s, i, b, type, p, k, SQLITE_STATIC);
			p += k;
			break;
		default:
			bind_null(s, i, b);
			break;
		}
	}
	return i - first - 1;
}

void zdh_row_bind(sqlite3_stmt *s, const char *row, size_t len)
{
	bind_from(s, 0, row, len, NULL);
}

#define NBATCH 8
#define BATCH_ROWS 256

struct batch {
	struct zdh_buf buf;
	size_t rows;
	char *home;		/* its slice of the block */
};

#define MAX_STMTS 5

/*
 * Rows of one statement inserted CHUNK at a time, by the statement with
 * CHUNK rows of values: a statement's own work (its cursors opened and
 * closed, its program started and halted, its reset) was as much as the
 * rows' for an event's, its record's and its facts' rows.  The rows of a
 * batch go statement by statement, each statement's in their order: the
 * statements insert into tables of their own (no trigger, no foreign key
 * joins them), so the index holds the same rows as row by row.
 */
#define CHUNK 16
/*
 * A batch's last rows of a statement, fewer than CHUNK, go by statements
 * of 8, 4 and 2 rows, each prepared the first time it is needed, then one
 * by one: a batch has BATCH_ROWS rows of all the statements, and its tail
 * of each (7.5 rows on average) went one by one, a tenth of the rows of
 * an import at twice the cost of a row of a chunk.
 */
#define NSIZES 4
static const int chunk_rows[NSIZES] = { CHUNK, 8, 4, 2 };

struct zdh_rowq {
	sqlite3 *db;
	sqlite3_stmt *stmt[MAX_STMTS];	/* the thread's */
	/* the same with chunk_rows[] rows of values; NULL: none (not prepared yet, below CHUNK) */
	sqlite3_stmt *chunk[MAX_STMTS][NSIZES];
	char *sql[MAX_STMTS];		/* a statement's, for its chunks (NULL: none) */
	/* what stmt[k] ([k][NSIZES]) and chunk[k][z] hold bound (bind_from) */
	struct zdh_bound *bound[MAX_STMTS][NSIZES + 1];
	unsigned char tried[MAX_STMTS][NSIZES];	/* the thread's: prepared once, or failed to */
	int nparam[MAX_STMTS];		/* a row's values */
	size_t nstmt;
	struct {			/* a batch's rows, statement by statement */
		const char *p;
		uint32_t len;
	} rows[MAX_STMTS][BATCH_ROWS];
	pthread_t thread;
	int running;
	size_t fill;			/* the caller's: the batch it fills, */
	size_t row_start;		/* ... and where its row began */

	pthread_mutex_t lock;
	pthread_cond_t more, done;
	pthread_cond_t let;		/* the reader gave the connection back */
	int reader;			/* the caller's thread wants the connection: set under lock, */
					/* ... read without it too (__atomic_*) */
	struct batch b[NBATCH];
	char *block;		/* the batches' first memory, NBATCH slices */
	size_t first, ready;		/* b[first..first+ready) are the thread's */
	int closing;
	char *error;			/* the first failure's message */
};

/* Run s once with the values bound (under the connection's mutex); NULL or a message. */
static char *step(struct zdh_rowq *q, sqlite3_stmt *s)
{
	char *msg = NULL;

	if (sqlite3_step(s) != SQLITE_DONE)
		msg = zdh_strdup(zdh_db_errmsg(q->db));
	sqlite3_reset(s);
	return msg;
}

static char *chunk_sql(const char *sql, int nparam, int rows);

/* Statement k with chunk_rows[z] rows of values, prepared the first time; NULL: none. */
static sqlite3_stmt *chunk(struct zdh_rowq *q, size_t k, int z)
{
	char *many;

	if (q->tried[k][z])
		return q->chunk[k][z];
	q->tried[k][z] = 1;
	if (!q->sql[k] || !(many = chunk_sql(q->sql[k], q->nparam[k], chunk_rows[z])))
		return NULL;
	/* (not prepared, say for too many parameters: its rows go by fewer) */
	if (sqlite3_prepare_v3(q->db, many, -1, SQLITE_PREPARE_PERSISTENT, &q->chunk[k][z],
			       NULL) != SQLITE_OK)
		q->chunk[k][z] = NULL;
	else
		q->bound[k][z] = zdh_bound_new(q->nparam[k] * chunk_rows[z]);
	free(many);
	return q->chunk[k][z];
}

/* The thread, before a statement: the caller's thread reads first, if it wants to. */
static void let_reader(struct zdh_rowq *q)
{
	if (!__atomic_load_n(&q->reader, __ATOMIC_ACQUIRE))
		return;
	pthread_mutex_lock(&q->lock);
	while (__atomic_load_n(&q->reader, __ATOMIC_ACQUIRE))
		pthread_cond_wait(&q->let, &q->lock);
	pthread_mutex_unlock(&q->lock);
}

void zdh_rowq_reader(struct zdh_rowq *q, int on)
{
	sqlite3_mutex *mx = sqlite3_db_mutex(q->db);

	if (on) {
		pthread_mutex_lock(&q->lock);
		__atomic_store_n(&q->reader, 1, __ATOMIC_RELEASE);
		pthread_mutex_unlock(&q->lock);
		sqlite3_mutex_enter(mx);
		return;
	}
	sqlite3_mutex_leave(mx);
	pthread_mutex_lock(&q->lock);
	__atomic_store_n(&q->reader, 0, __ATOMIC_RELEASE);
	pthread_cond_signal(&q->let);
	pthread_mutex_unlock(&q->lock);
}

/* Insert one batch (the thread's, without the lock); NULL or a message. */
static char *insert_batch(struct zdh_rowq *q, struct batch *b)
{
	sqlite3_mutex *mx = sqlite3_db_mutex(q->db);
	const char *p = b->buf.ptr;
	size_t n[MAX_STMTS] = { 0 };
	char *msg = NULL;
	uint32_t len;

	for (size_t i = 0; i < b->rows; i++) {
		size_t k = (unsigned char)p[sizeof(len)];

		ZDH_ASSERT(k < q->nstmt);
		memcpy(&len, p, sizeof(len));
		q->rows[k][n[k]].p = p + sizeof(len) + 1;
		q->rows[k][n[k]++].len = len;
		p += sizeof(len) + 1 + len;
	}
	for (size_t k = 0; k < q->nstmt && !msg; k++) {
		size_t i = 0;

		for (int z = 0; z < NSIZES && !msg; z++) {
			size_t rows = (size_t)chunk_rows[z];
			sqlite3_stmt *c;

			if (i + rows > n[k] || !(c = chunk(q, k, z)))
				continue;
			for (; i + rows <= n[k] && !msg; i += rows) {
				let_reader(q);
				sqlite3_mutex_enter(mx);
				for (size_t j = 0; j < rows; j++) {
					int bound = bind_from(c, (int)j * q->nparam[k], q->rows[k][i + j].p,
							      q->rows[k][i + j].len, q->bound[k][z]);
					/* (every row puts every value: the chunk's rows must not shift) */
					ZDH_ASSERT(bound == q->nparam[k]);
				}
				msg = step(q, c);
				sqlite3_mutex_leave(mx);
			}
		}
		for (; i < n[k] && !msg; i++) {
			int bound;

			let_reader(q);
			sqlite3_mutex_enter(mx);
			bound = bind_from(q->stmt[k], 0, q->rows[k][i].p, q->rows[k][i].len,
					  q->bound[k][NSIZES]);
			/* (nor may a row leave a value of the row before bound) */
			ZDH_ASSERT(bound == q->nparam[k]);
			msg = step(q, q->stmt[k]);
			sqlite3_mutex_leave(mx);
		}
	}
	return msg;
}

/*
 * sql with rows rows of values, when it ends with its one row of them
 * as "VALUES(?1,?2,...,?N)" (N its parameters): else NULL, and its rows
 * go one by one.
 */
static char *chunk_sql(const char *sql, int nparam, int rows)
{
	struct zdh_buf one = ZDH_BUF_INIT, all = ZDH_BUF_INIT;
	size_t len = strlen(sql);

	zdh_buf_puts(&one, "VALUES(");
	for (int i = 1; i <= nparam; i++)
		zdh_buf_addf(&one, "%s?%d", i > 1 ? "," : "", i);
	zdh_buf_addch(&one, ')');
	if (nparam < 1 || len < one.len || strcmp(sql + len - one.len, one.ptr)) {
		zdh_buf_release(&one);
		return NULL;
	}
	zdh_buf_add(&all, sql, len - one.len);
	zdh_buf_puts(&all, "VALUES");
	for (int r = 0; r < rows; r++) {
		zdh_buf_puts(&all, r ? ",(" : "(");
		for (int i = 1; i <= nparam; i++)
			zdh_buf_addf(&all, "%s?%d", i > 1 ? "," : "", r * nparam + i);
		zdh_buf_addch(&all, ')');
	}
	zdh_buf_release(&one);
	return zdh_buf_detach(&all);
}

static void *inserter(void *arg)
{
	struct zdh_rowq *q = arg;

	pthread_mutex_lock(&q->lock);
	for (;;) {
		struct batch *b;
		char *msg = NULL;

		while (!q->ready && !q->closing)
			pthread_cond_wait(&q->more, &q->lock);
		if (!q->ready)
			break;
		b = &q->b[q->first];
		if (!q->error) {
			pthread_mutex_unlock(&q->lock);
			msg = insert_batch(q, b);
			pthread_mutex_lock(&q->lock);
		}
		if (msg && !q->error)
			q->error = msg;
		else
			free(msg);
		zdh_buf_reset(&b->buf);
		b->rows = 0;
		q->first = (q->first + 1) % NBATCH;
		q->ready--;
		pthread_cond_broadcast(&q->done);
	}
	pthread_mutex_unlock(&q->lock);
	zdh_trace_thread("rows thread");
	return NULL;
}

int zdh_rowq_start(struct zdh_rowq **out, sqlite3 *db, const char *const *sql, size_t n)
{
	struct zdh_rowq *q = zdh_calloc(1, sizeof(*q));
	int err;

	*out = NULL;
	q->db = db;
	q->block = zdh_huge_alloc();
	for (size_t i = 0; i < NBATCH; i++) {
		struct batch *b = &q->b[i];

		b->home = b->buf.ptr = q->block + i * (ZDH_HUGE / NBATCH);
		b->buf.alloc = ZDH_HUGE / NBATCH;
		b->buf.len = 0;
		b->buf.ptr[0] = '\0';
	}
	pthread_mutex_init(&q->lock, NULL);
	pthread_cond_init(&q->more, NULL);
	pthread_cond_init(&q->done, NULL);
	pthread_cond_init(&q->let, NULL);
	if (n > MAX_STMTS)
		abort();
	for (; q->nstmt < n; q->nstmt++) {
		size_t k = q->nstmt;

		if (sqlite3_prepare_v3(db, sql[k], -1, SQLITE_PREPARE_PERSISTENT, &q->stmt[k],
				       NULL) != SQLITE_OK) {
			err = zdh_error_set(ZDH_ERROR, _("index: %s"), zdh_db_errmsg(db));
			zdh_rowq_stop(q);
			return err;
		}
		q->nparam[k] = sqlite3_bind_parameter_count(q->stmt[k]);
		q->bound[k][NSIZES] = zdh_bound_new(q->nparam[k]);
		q->sql[k] = zdh_strdup(sql[k]);
		/* the first chunk now, on the caller's thread: most rows go so */
		chunk(q, k, 0);
	}
	if ((errno = pthread_create(&q->thread, NULL, inserter, q))) {
		err = zdh_error_errno(ZDH_ERROR, _("cannot start a thread"));
		zdh_rowq_stop(q);
		return err;
	}
	q->running = 1;
	*out = q;
	return 0;
}

void zdh_rowq_row(struct zdh_rowq *q, size_t stmt, struct zdh_row *row)
{
	struct zdh_buf *buf = &q->b[q->fill].buf;

	uint32_t n = 0;

	room(buf, q->b[q->fill].home, sizeof(n) + 1);
	q->row_start = buf->len;
	zdh_buf_add(buf, &n, sizeof(n));
	zdh_buf_addch(buf, (char)stmt);
	row->stmt = NULL;
	row->n = 0;
	row->buf = buf;
	row->home = q->b[q->fill].home;
	row->kept = NULL;
}

/* Hand the batch being filled to the thread (under the lock), waiting for room. */
static void hand_over(struct zdh_rowq *q)
{
	while (q->ready == NBATCH - 1)
		pthread_cond_wait(&q->done, &q->lock);
	q->ready++;
	q->fill = (q->fill + 1) % NBATCH;
	pthread_cond_signal(&q->more);
}

static int failed(struct zdh_rowq *q)
{
	return zdh_error_set(ZDH_ERROR, _("index: %s"), q->error);
}

/*
 * Hand the batch being filled over (if it has rows) and, when wait is set,
 * wait until the thread is done with every batch; 0 or the first error.
 */
static int flush(struct zdh_rowq *q, int wait)
{
	int err = 0;

	pthread_mutex_lock(&q->lock);
	if (q->b[q->fill].rows)
		hand_over(q);
	while (wait && q->ready)
		pthread_cond_wait(&q->done, &q->lock);
	if (q->error)
		err = failed(q);
	pthread_mutex_unlock(&q->lock);
	return err;
}

int zdh_rowq_push(struct zdh_rowq *q)
{
	struct batch *b = &q->b[q->fill];
	uint32_t len = (uint32_t)(b->buf.len - q->row_start - sizeof(len) - 1);

	memcpy(b->buf.ptr + q->row_start, &len, sizeof(len));
	return ++b->rows < BATCH_ROWS ? 0 : flush(q, 0);
}

int zdh_rowq_wait(struct zdh_rowq *q)
{
	return flush(q, 1);
}

int zdh_rowq_stop(struct zdh_rowq *q)
{
	int err = 0;

	if (!q)
		return 0;
	if (q->running) {
		err = zdh_rowq_wait(q);
		pthread_mutex_lock(&q->lock);
		q->closing = 1;
		pthread_cond_signal(&q->more);
		pthread_mutex_unlock(&q->lock);
		pthread_join(q->thread, NULL);
	}
	for (size_t i = 0; i < q->nstmt; i++) {
		sqlite3_finalize(q->stmt[i]);
		for (int z = 0; z < NSIZES; z++)
			sqlite3_finalize(q->chunk[i][z]);
		for (int z = 0; z <= NSIZES; z++)
			free(q->bound[i][z]);
		free(q->sql[i]);
	}
	for (size_t i = 0; i < NBATCH; i++)
		if (q->b[i].buf.ptr != q->b[i].home)
			zdh_buf_release(&q->b[i].buf);
	zdh_huge_free(q->block);
	pthread_mutex_destroy(&q->lock);
	pthread_cond_destroy(&q->more);
	pthread_cond_destroy(&q->done);
	pthread_cond_destroy(&q->let);
	free(q->error);
	free(q);
	return err;
}

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
 */
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "i18n.h"
#include "rowq.h"

static void put_u32(struct zdh_buf *row, uint32_t n)
{
	zdh_buf_add(row, &n, sizeof(n));
}

/* One value encoded: its type byte, then len bytes of p (a 4-byte length first when counted). */
static void put_value(struct zdh_buf *buf, char type, const void *p, size_t len, int counted)
{
	uint32_t n = (uint32_t)len;
	char *w;

	zdh_buf_grow(buf, 1 + sizeof(n) + len);
	w = buf->ptr + buf->len;
	*w++ = type;
	if (counted) {
		memcpy(w, &n, sizeof(n));
		w += sizeof(n);
	}
	memcpy(w, p, len);
	zdh_buf_setlen(buf, (size_t)(w + len - buf->ptr));
}

void zdh_row_direct(struct zdh_row *row, sqlite3_stmt *s)
{
	row->stmt = s;
	row->n = 0;
	row->buf = NULL;
}

void zdh_row_int(struct zdh_row *row, long long v)
{
	int64_t n = v;

	if (row->stmt)
		sqlite3_bind_int64(row->stmt, ++row->n, v);
	else
		put_value(row->buf, 'i', &n, sizeof(n), 0);
}

void zdh_row_real(struct zdh_row *row, double v)
{
	if (row->stmt)
		sqlite3_bind_double(row->stmt, ++row->n, v);
	else
		put_value(row->buf, 'r', &v, sizeof(v), 0);
}

void zdh_row_null(struct zdh_row *row)
{
	if (row->stmt)
		sqlite3_bind_null(row->stmt, ++row->n);
	else
		put_value(row->buf, 'n', "", 0, 0);
}

void zdh_row_text(struct zdh_row *row, const char *s, size_t len)
{
	if (!s)
		zdh_row_null(row);
	else if (row->stmt)
		sqlite3_bind_text(row->stmt, ++row->n, s, (int)len, SQLITE_STATIC);
	else
		put_value(row->buf, 't', s, len, 1);
}

void zdh_row_text_owned(struct zdh_row *row, char *s)
{
	if (s && row->stmt) {
		sqlite3_bind_text(row->stmt, ++row->n, s, -1, free);
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
		sqlite3_bind_blob(row->stmt, ++row->n, p, (int)len, SQLITE_TRANSIENT);
	else
		put_value(row->buf, 'b', p, len, 1);
}

void zdh_row_bind(sqlite3_stmt *s, const char *row, size_t len)
{
	const char *p = row, *end = row + len;
	int64_t n;
	uint32_t k;

	for (int i = 1; p < end; i++) {
		char type = *p++;
		switch (type) {
		case 'i':
			memcpy(&n, p, sizeof(n));
			p += sizeof(n);
			sqlite3_bind_int64(s, i, n);
			break;
		case 'r': {
			double d;
			memcpy(&d, p, sizeof(d));
			p += sizeof(d);
			sqlite3_bind_double(s, i, d);
			break;
		}
		case 't':
		case 'b':
			memcpy(&k, p, sizeof(k));
			p += sizeof(k);
			if (type == 't')
				sqlite3_bind_text(s, i, p, (int)k, SQLITE_STATIC);
			else
				sqlite3_bind_blob(s, i, p, (int)k, SQLITE_STATIC);
			p += k;
			break;
		default:
			sqlite3_bind_null(s, i);
			break;
		}
	}
}

#define NBATCH 8
#define BATCH_ROWS 256

struct batch {
	struct zdh_buf buf;
	size_t rows;
};

#define MAX_STMTS 4

struct zdh_rowq {
	sqlite3 *db;
	sqlite3_stmt *stmt[MAX_STMTS];	/* the thread's */
	size_t nstmt;
	pthread_t thread;
	int running;
	size_t fill;			/* the caller's: the batch it fills, */
	size_t row_start;		/* ... and where its row began */

	pthread_mutex_t lock;
	pthread_cond_t more, done;
	struct batch b[NBATCH];
	size_t first, ready;		/* b[first..first+ready) are the thread's */
	int closing;
	char *error;			/* the first failure's message */
};

/* Insert one batch (the thread's, without the lock); NULL or a message. */
static char *insert_batch(struct zdh_rowq *q, struct batch *b)
{
	sqlite3_mutex *mx = sqlite3_db_mutex(q->db);
	const char *p = b->buf.ptr;
	char *msg = NULL;
	uint32_t len;

	for (size_t i = 0; i < b->rows && !msg; i++) {
		sqlite3_stmt *s;
		int rc;

		memcpy(&len, p, sizeof(len));
		s = q->stmt[(unsigned char)p[sizeof(len)]];
		p += sizeof(len) + 1;
		sqlite3_mutex_enter(mx);
		zdh_row_bind(s, p, len);
		rc = sqlite3_step(s);
		if (rc != SQLITE_DONE)
			msg = zdh_strdup(sqlite3_errmsg(q->db));
		sqlite3_reset(s);
		sqlite3_mutex_leave(mx);
		p += len;
	}
	return msg;
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
	return NULL;
}

int zdh_rowq_start(struct zdh_rowq **out, sqlite3 *db, const char *const *sql, size_t n)
{
	struct zdh_rowq *q = zdh_calloc(1, sizeof(*q));
	int err;

	*out = NULL;
	q->db = db;
	for (size_t i = 0; i < NBATCH; i++)
		zdh_buf_init(&q->b[i].buf);
	pthread_mutex_init(&q->lock, NULL);
	pthread_cond_init(&q->more, NULL);
	pthread_cond_init(&q->done, NULL);
	if (n > MAX_STMTS)
		abort();
	for (; q->nstmt < n; q->nstmt++)
		if (sqlite3_prepare_v3(db, sql[q->nstmt], -1, SQLITE_PREPARE_PERSISTENT,
				       &q->stmt[q->nstmt], NULL) != SQLITE_OK) {
			err = zdh_error_set(ZDH_ERROR, _("index: %s"), sqlite3_errmsg(db));
			zdh_rowq_stop(q);
			return err;
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

	q->row_start = buf->len;
	put_u32(buf, 0);
	zdh_buf_addch(buf, (char)stmt);
	row->stmt = NULL;
	row->n = 0;
	row->buf = buf;
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
	for (size_t i = 0; i < q->nstmt; i++)
		sqlite3_finalize(q->stmt[i]);
	for (size_t i = 0; i < NBATCH; i++)
		zdh_buf_release(&q->b[i].buf);
	pthread_mutex_destroy(&q->lock);
	pthread_cond_destroy(&q->more);
	pthread_cond_destroy(&q->done);
	free(q->error);
	free(q);
	return err;
}

/*
 * rowq — rows of statement parameters, and a thread that inserts them.
 *
 * A row is the values of one statement's parameters ?1..?N, put one
 * after the other: either bound to the statement at once, or encoded in a
 * buffer that zdh_row_bind() binds later.  The index builds its event and
 * record rows so, whether it writes them at once or hands them to a queue
 * whose thread writes them while the caller goes on (bulk writes: they are
 * half of an import's work on its main thread).
 *
 * The queue's thread shares the caller's connection, which must be opened
 * in serialized mode (SQLITE_OPEN_FULLMUTEX); it holds the connection's
 * mutex for each row, from binding to reset.  Until zdh_rowq_wait()
 * returns, the queued rows may not be in the table yet: whoever reads that
 * table must wait first.
 */
#ifndef ZDH_ROWQ_H
#define ZDH_ROWQ_H

#include <sqlite3.h>
#include <stddef.h>
#include "buf.h"

/* Where a row's values go: bound to stmt's next parameter, or encoded in buf. */
struct zdh_row {
	sqlite3_stmt *stmt;
	int n;			/* parameters bound so far */
	struct zdh_buf *buf;
	const char *home;	/* buf's memory while it is a slice of the queue's block, else NULL */
	struct zdh_bound *kept;	/* what stmt holds bound (zdh_row_direct_kept), else NULL */
};

/* A row bound straight to s, from ?1 (put every parameter: the others keep their values). */
void zdh_row_direct(struct zdh_row *row, sqlite3_stmt *s);
/*
 * What a statement of nparam parameters holds bound, as it is prepared
 * (every one NULL); free() it after finalizing the statement.
 */
struct zdh_bound *zdh_bound_new(int nparam);
/*
 * The same, for a statement whose every binding goes through rows so
 * made with kept, its zdh_bound_new(): a value equal to the one it holds
 * is not bound again (nor may anything else bind it, or clear it).
 */
void zdh_row_direct_kept(struct zdh_row *row, sqlite3_stmt *s, struct zdh_bound *kept);
/*
 * Put the next value (text and blob NULL: an SQL NULL).  Bound directly,
 * text must live until the statement has run; zdh_row_text_owned takes a
 * malloc'd string and frees it; blobs are copied.
 */
void zdh_row_int(struct zdh_row *row, long long v);
void zdh_row_real(struct zdh_row *row, double v);
void zdh_row_text(struct zdh_row *row, const char *s, size_t len);
void zdh_row_text_owned(struct zdh_row *row, char *s);
void zdh_row_blob(struct zdh_row *row, const void *p, size_t len);
void zdh_row_null(struct zdh_row *row);
/* n NULLs (a row's unused columns: a fact row has eight, mostly unset) */
void zdh_row_nulls(struct zdh_row *row, int n);
/* Bind an encoded row's values to ?1, ?2, ... of s (SQLITE_STATIC: keep them until reset). */
void zdh_row_bind(sqlite3_stmt *s, const char *values, size_t len);

struct zdh_rowq;

/*
 * Start a thread running rows through the n (at most 5) statements sql,
 * prepared here.  Each statement's rows go in the order queued, but a
 * batch's rows go statement by statement (and sixteen at a time where a
 * statement ends with VALUES(?1,...,?N)): no statement may depend on the
 * rows of another, nor on a failure leaving the rows before it written.
 */
int zdh_rowq_start(struct zdh_rowq **out, sqlite3 *db, const char *const *sql, size_t n);
/*
 * The caller's thread takes the connection (on) between two of the
 * thread's statements, and gives it back (off): the thread waits for it
 * meanwhile.  (Left to the connection's mutex, the thread took it again
 * as soon as it let go, and a reader waited for whole batches.)
 */
void zdh_rowq_reader(struct zdh_rowq *q, int on);
/* Start the next row, for sql[stmt]; put its values, then zdh_rowq_push(). */
void zdh_rowq_row(struct zdh_rowq *q, size_t stmt, struct zdh_row *row);
/* Queue the row; may wait for room.  0, or the thread's first error. */
int zdh_rowq_push(struct zdh_rowq *q);
/* Wait until every queued row is inserted; 0, or the first error (its message set). */
int zdh_rowq_wait(struct zdh_rowq *q);
/* Wait, end the thread and free q (NULL is fine); 0 or the first error. */
int zdh_rowq_stop(struct zdh_rowq *q);

/*
 * SQLite's message for db's last error; for a failure of the system
 * under it (a full disk, `ulimit -f`, a folder that cannot be written)
 * the system's own words, in the user's language ("File too large",
 * "文件过大") rather than SQLite's "disk I/O error" in English.
 * (Here, in the lowest module that speaks to SQLite, for every other.)
 */
const char *zdh_db_errmsg(sqlite3 *db);

#endif

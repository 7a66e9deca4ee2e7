/*
 * buf — a growable string buffer, after git's strbuf.
 *
 * The pointer is never NULL and the content is always NUL-terminated, so a
 * buffer can be handed to any C string function at any time.  Allocation
 * failure aborts: zdh cannot do anything useful without memory.
 */
#ifndef ZDH_BUF_H
#define ZDH_BUF_H

#include <stdarg.h>
#include <stddef.h>
#include <string.h>

struct zdh_buf {
	char *ptr;
	size_t len;
	size_t alloc;
};

extern char zdh_buf__empty[];
#define ZDH_BUF_INIT { zdh_buf__empty, 0, 0 }

void zdh_buf_init(struct zdh_buf *b);
/* zdh_buf_grow() when the room is not there already */
void zdh_buf_grow_slow(struct zdh_buf *b, size_t extra);
void zdh_buf_add_slow(struct zdh_buf *b, const void *data, size_t len);
/* v in decimal, as printf's %lld writes it (without printf: an import writes a few a row) */
void zdh_buf_add_decimal(struct zdh_buf *b, long long v);
/* v's decimal digits (a '-' first when negative) at out; where they end (at most out + 20). */
#define ZDH_DECIMAL_MAX 24
char *zdh_decimal(char *out, long long v);

/*
 * Room for extra more bytes and the NUL.  The three below are inline:
 * the canonical JSON writer calls them for each piece of every event,
 * and an import writes thousands (a call each was a tenth of its work).
 */
/* Has b room for extra more bytes and the NUL?  (alloc is 0, or more than len) */
static inline int zdh_buf_room(const struct zdh_buf *b, size_t extra)
{
	return extra < b->alloc - b->len;
}

static inline void zdh_buf_grow(struct zdh_buf *b, size_t extra)
{
	if (!zdh_buf_room(b, extra))
		zdh_buf_grow_slow(b, extra);
}

static inline void zdh_buf_add(struct zdh_buf *b, const void *data, size_t len)
{
	if (!zdh_buf_room(b, len)) {
		zdh_buf_add_slow(b, data, len);
		return;
	}
	__builtin_memcpy(b->ptr + b->len, data, len);
	b->len += len;
	b->ptr[b->len] = '\0';
}

void zdh_buf_puts_call(struct zdh_buf *b, const char *s);

/* (a literal added in place, its length known where it is written: no call nor strlen()) */
static inline void zdh_buf_puts(struct zdh_buf *b, const char *s)
{
	if (__builtin_constant_p(strlen(s)))
		zdh_buf_add(b, s, strlen(s));
	else
		zdh_buf_puts_call(b, s);
}

static inline void zdh_buf_addch(struct zdh_buf *b, int c)
{
	zdh_buf_grow(b, 1);
	b->ptr[b->len++] = (char)c;
	b->ptr[b->len] = '\0';
}

void zdh_buf_addf(struct zdh_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void zdh_buf_vaddf(struct zdh_buf *b, const char *fmt, va_list ap);
void zdh_buf_setlen(struct zdh_buf *b, size_t len);
void zdh_buf_reset(struct zdh_buf *b);
void zdh_buf_release(struct zdh_buf *b);
/* The caller owns the returned string; the buffer is empty afterwards. */
char *zdh_buf_detach(struct zdh_buf *b);
void zdh_buf_rtrim(struct zdh_buf *b);
/* Read a whole file; returns 0, or -1 with errno set. */
int zdh_buf_read_file(struct zdh_buf *b, const char *path);
/* Read all of a file descriptor; returns 0, or -1 with errno set. */
int zdh_buf_read_fd(struct zdh_buf *b, int fd);
/* The same, at most max bytes: -1 with errno EFBIG when there are more. */
int zdh_buf_read_fd_max(struct zdh_buf *b, int fd, size_t max);
/*
 * Open path for reading when it is a regular file: its descriptor, or -1
 * with errno set, EINVAL for anything else (a FIFO, a device, a folder),
 * found at once: a FIFO is opened without waiting for a writer.
 */
int zdh_open_regular(const char *path);
/*
 * Read a whole file when it is a regular one (zdh_open_regular()), at
 * most max bytes (0: no limit); 0, or -1 with errno set: EINVAL for no
 * regular file, EFBIG for more than max.
 */
int zdh_buf_read_regular(struct zdh_buf *b, const char *path, size_t max);
/* Write all of data, retrying short writes and EINTR; 0, or -1 with errno set. */
int zdh_write_all(int fd, const void *data, size_t len);

/* Memory helpers that die on failure. */
void *zdh_malloc(size_t n);
void *zdh_calloc(size_t n, size_t size);
void *zdh_realloc(void *p, size_t n);
char *zdh_strdup(const char *s);
char *zdh_strndup(const char *s, size_t n);
/* snprintf(dst, size, "%s", src) without printf's machinery (the fold and a walk do it twice an event) */
void zdh_copy_str(char *dst, size_t size, const char *src);
/*
 * An id as typed into the id it is: ASCII letters in upper case and the
 * full-width forms a Chinese input method types as ASCII ("xq-c1",
 * "ＸＱ－Ｃ１" as XQ-C1).  zdh_id_fold() changes s in place (never longer)
 * and returns it; zdh_ascii_upper_dup() a malloc'd copy.
 */
char *zdh_id_fold(char *s);
char *zdh_ascii_upper_dup(const char *s);
/*
 * s with its full-width ASCII forms (２０２６－１－５, １４：３０, U+FF01 to
 * U+FF5E, as a Chinese input method types them) and the ideographic space
 * (U+3000) as their ASCII characters, into out.  1 when any was, else 0
 * (out holds s as it is).
 */
int zdh_halfwidth(struct zdh_buf *out, const char *s);
/*
 * The blanks around a value (spaces, tabs, U+3000, as a cell pasted from
 * a sheet has them): zdh_blank_span() gives where s starts without them
 * and how long it is then; zdh_trim_blanks() cuts them in place (a NUL
 * after the last other character) and returns where it starts.
 */
const char *zdh_blank_span(const char *s, size_t *len);
char *zdh_trim_blanks(char *s);
char *zdh_asprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * ZDH_HUGE bytes on one transparent huge page where the kernel gives one
 * (Linux, THP "madvise" or "always"), else from malloc; zeroed either way
 * or not, as malloc.  For memory a command fills by the megabyte (a
 * table of 100,000 rows): each 4 KiB page first touched is a page fault,
 * and on this project's machine one costs 12 to 24 microseconds, where a
 * huge page costs one fault for 512 of them (README, "Speed").
 * Free with zdh_huge_free().
 */
#define ZDH_HUGE ((size_t)2 << 20)
void *zdh_huge_alloc(void);
void zdh_huge_free(void *p);

/* qsort(3)/bsearch(3) of an array of char *: by strcmp(3). */
int zdh_strcmp_p(const void *a, const void *b);

#endif

/*
 * buf — growable strings (see include/buf.h).  Owns nothing but memory.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"

char zdh_buf__empty[1];

static void die_oom(void)
{
	fputs("zdh: fatal: out of memory\n", stderr);
	abort();
}

void *zdh_malloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		die_oom();
	return p;
}

void *zdh_calloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		die_oom();
	return p;
}

void *zdh_realloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		die_oom();
	return p;
}

char *zdh_strdup(const char *s)
{
	return zdh_strndup(s, strlen(s));
}

char *zdh_strndup(const char *s, size_t n)
{
	char *p = zdh_malloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

#if defined(__SANITIZE_ADDRESS__)
#define HUGE_FROM_MALLOC 1	/* ASan sees the block's bounds */
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define HUGE_FROM_MALLOC 1
#endif
#endif

void *zdh_huge_alloc(void)
{
#ifdef HUGE_FROM_MALLOC
	void *p;

	if (posix_memalign(&p, ZDH_HUGE, ZDH_HUGE))
		die_oom();
	return p;
#else
	/*
	 * Aligned, so that the kernel can back it with one huge page: twice
	 * the size mapped, the unaligned ends unmapped.  (posix_memalign()
	 * wrote malloc's headers on the two pages around the block, two more
	 * pages first touched: two of an add's faults.)
	 */
	size_t len = 2 * ZDH_HUGE;
	char *m = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *p;

	if (m == MAP_FAILED)
		die_oom();
	p = (char *)(((uintptr_t)m + ZDH_HUGE - 1) & ~(uintptr_t)(ZDH_HUGE - 1));
	if (p > m)
		munmap(m, (size_t)(p - m));
	if (m + len > p + ZDH_HUGE)
		munmap(p + ZDH_HUGE, (size_t)(m + len - (p + ZDH_HUGE)));
#ifdef MADV_HUGEPAGE
	madvise(p, ZDH_HUGE, MADV_HUGEPAGE);	/* a hint: 4 KiB pages if refused */
#endif
	return p;
#endif
}

void zdh_huge_free(void *p)
{
#ifdef HUGE_FROM_MALLOC
	free(p);
#else
	if (p)
		munmap(p, ZDH_HUGE);
#endif
}

char *zdh_asprintf(const char *fmt, ...)
{
	struct zdh_buf b = ZDH_BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	zdh_buf_vaddf(&b, fmt, ap);
	va_end(ap);
	return zdh_buf_detach(&b);
}

void zdh_buf_init(struct zdh_buf *b)
{
	b->ptr = zdh_buf__empty;
	b->len = b->alloc = 0;
}

void zdh_buf_grow_slow(struct zdh_buf *b, size_t extra)
{
	size_t need = b->len + extra + 1;

	if (need < b->len)
		die_oom();
	if (need <= b->alloc)
		return;
	size_t n = b->alloc ? b->alloc : 64;
	while (n < need)
		n = n * 3 / 2 + 16;
	if (b->alloc)
		b->ptr = zdh_realloc(b->ptr, n);
	else {
		b->ptr = zdh_malloc(n);
		b->ptr[0] = '\0';
	}
	b->alloc = n;
}

void zdh_buf_add_slow(struct zdh_buf *b, const void *data, size_t len)
{
	zdh_buf_grow_slow(b, len);
	memcpy(b->ptr + b->len, data, len);
	zdh_buf_setlen(b, b->len + len);
}

void zdh_buf_puts_call(struct zdh_buf *b, const char *s)
{
	zdh_buf_add(b, s, strlen(s));
}

char *zdh_decimal(char *out, long long v)
{
	char num[ZDH_DECIMAL_MAX], *p = num + sizeof(num);
	unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
	size_t n;

	/* two digits a division (a record's setters are numbers of six or seven) */
	static const char pairs[] =
		"00010203040506070809101112131415161718192021222324252627282930313233343536373839"
		"40414243444546474849505152535455565758596061626364656667686970717273747576777879"
		"8081828384858687888990919293949596979899";

	while (u >= 100) {
		unsigned r = (unsigned)(u % 100);
		u /= 100;
		p -= 2;
		memcpy(p, pairs + 2 * r, 2);
	}
	if (u >= 10) {
		p -= 2;
		memcpy(p, pairs + 2 * u, 2);
	} else {
		*--p = (char)('0' + u);
	}
	if (v < 0)
		*--p = '-';
	n = (size_t)(num + sizeof(num) - p);
	memcpy(out, p, n);
	return out + n;
}

void zdh_buf_add_decimal(struct zdh_buf *b, long long v)
{
	char num[ZDH_DECIMAL_MAX];

	zdh_buf_add(b, num, (size_t)(zdh_decimal(num, v) - num));
}

void zdh_buf_vaddf(struct zdh_buf *b, const char *fmt, va_list ap)
{
	va_list cp;
	int n;

	zdh_buf_grow(b, 64);
	va_copy(cp, ap);
	n = vsnprintf(b->ptr + b->len, b->alloc - b->len, fmt, cp);
	va_end(cp);
	if (n < 0)
		die_oom();
	if ((size_t)n >= b->alloc - b->len) {
		zdh_buf_grow(b, (size_t)n);
		va_copy(cp, ap);
		n = vsnprintf(b->ptr + b->len, b->alloc - b->len, fmt, cp);
		va_end(cp);
	}
	zdh_buf_setlen(b, b->len + (size_t)n);
}

void zdh_buf_addf(struct zdh_buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	zdh_buf_vaddf(b, fmt, ap);
	va_end(ap);
}

void zdh_buf_setlen(struct zdh_buf *b, size_t len)
{
	if (!b->alloc) {
		if (len)
			abort();
		return;
	}
	b->len = len;
	b->ptr[len] = '\0';
}

void zdh_buf_reset(struct zdh_buf *b)
{
	zdh_buf_setlen(b, 0);
}

void zdh_buf_release(struct zdh_buf *b)
{
	if (b->alloc)
		free(b->ptr);
	zdh_buf_init(b);
}

char *zdh_buf_detach(struct zdh_buf *b)
{
	char *p = b->alloc ? b->ptr : zdh_strdup("");
	zdh_buf_init(b);
	return p;
}

void zdh_buf_rtrim(struct zdh_buf *b)
{
	size_t n = b->len;
	while (n && (b->ptr[n - 1] == ' ' || b->ptr[n - 1] == '\t' ||
		     b->ptr[n - 1] == '\n' || b->ptr[n - 1] == '\r'))
		n--;
	if (n != b->len)
		zdh_buf_setlen(b, n);
}

int zdh_buf_read_fd(struct zdh_buf *b, int fd)
{
	for (;;) {
		zdh_buf_grow(b, 8192);
		ssize_t n = read(fd, b->ptr + b->len, b->alloc - b->len - 1);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (n == 0)
			return 0;
		zdh_buf_setlen(b, b->len + (size_t)n);
	}
}

int zdh_buf_read_fd_max(struct zdh_buf *b, int fd, size_t max)
{
	size_t start = b->len;

	for (;;) {
		size_t room;
		ssize_t n;

		zdh_buf_grow(b, 8192);
		room = b->alloc - b->len - 1;
		/* one byte past max is enough to know it is too much */
		if (b->len - start + room > max + 1)
			room = max + 1 - (b->len - start);
		n = read(fd, b->ptr + b->len, room);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (n == 0)
			return 0;
		zdh_buf_setlen(b, b->len + (size_t)n);
		if (b->len - start > max) {
			errno = EFBIG;
			return -1;
		}
	}
}

int zdh_open_regular(const char *path)
{
	struct stat st;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY), flags;

	if (fd < 0)
		return -1;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		int saved = fstat(fd, &st) < 0 ? errno : EINVAL;
		close(fd);
		errno = saved;
		return -1;
	}
	/* a regular file never blocks; back to plain reads all the same */
	if ((flags = fcntl(fd, F_GETFL)) >= 0)
		fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
	return fd;
}

/* fd (-1: not opened) read whole, at most max bytes (0: no limit), and closed; errno kept */
static int read_closing(struct zdh_buf *b, int fd, size_t max)
{
	int ret, saved;

	if (fd < 0)
		return -1;
	ret = max ? zdh_buf_read_fd_max(b, fd, max) : zdh_buf_read_fd(b, fd);
	saved = errno;
	close(fd);
	errno = saved;
	return ret;
}

int zdh_buf_read_file(struct zdh_buf *b, const char *path)
{
	return read_closing(b, open(path, O_RDONLY | O_CLOEXEC), 0);
}

int zdh_buf_read_regular(struct zdh_buf *b, const char *path, size_t max)
{
	return read_closing(b, zdh_open_regular(path), max);
}

int zdh_write_all(int fd, const void *data, size_t len)
{
	const char *p = data;

	while (len) {
		ssize_t n = write(fd, p, len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (n == 0) {
			errno = EIO;
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

void zdh_copy_str(char *dst, size_t size, const char *src)
{
	size_t n = strnlen(src, size - 1);

	memcpy(dst, src, n);
	dst[n] = '\0';
}

char *zdh_ascii_upper_dup(const char *s)
{
	return zdh_id_fold(zdh_strdup(s));
}

/*
 * The ASCII character whose full-width form (U+FF01 to U+FF5E, three
 * bytes) is at p, or 0 when none is there.  (No byte after a NUL is read.)
 */
static inline char fullwidth_ascii(const unsigned char *p)
{
	if (p[0] != 0xef)
		return 0;
	if (p[1] == 0xbc && p[2] >= 0x81 && p[2] <= 0xbf)
		return (char)(0x21 + (p[2] - 0x81));	/* U+FF01..U+FF3F */
	if (p[1] == 0xbd && p[2] >= 0x80 && p[2] <= 0x9e)
		return (char)(0x60 + (p[2] - 0x80));	/* U+FF40..U+FF5E */
	return 0;
}

char *zdh_id_fold(char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	char *o = s;

	while (s && *p) {
		/* (c read before o is written: o and p are the same until a fold) */
		char c = fullwidth_ascii(p);

		if (c)
			p += 3;
		else
			c = (char)*p++;
		*o++ = c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c;
	}
	if (s)
		*o = '\0';
	return s;
}

const char *zdh_blank_span(const char *s, size_t *len)
{
	static const char ideographic[] = "\xe3\x80\x80";
	const char *b = s, *e;

	for (;;)
		if (*b == ' ' || *b == '\t')
			b++;
		else if (!strncmp(b, ideographic, 3))
			b += 3;
		else
			break;
	e = b + strlen(b);
	for (;;)
		if (e > b && (e[-1] == ' ' || e[-1] == '\t'))
			e--;
		else if (e - b >= 3 && !memcmp(e - 3, ideographic, 3))
			e -= 3;
		else
			break;
	*len = (size_t)(e - b);
	return b;
}

char *zdh_trim_blanks(char *s)
{
	size_t len;
	char *b = (char *)zdh_blank_span(s, &len);

	b[len] = '\0';
	return b;
}

int zdh_halfwidth(struct zdh_buf *out, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	int folded = 0;

	zdh_buf_reset(out);
	while (*p) {
		char c = fullwidth_ascii(p);

		if (c) {
			zdh_buf_addch(out, c);
			p += 3;
			folded = 1;
		} else if (p[0] == 0xe3 && p[1] == 0x80 && p[2] == 0x80) {
			zdh_buf_addch(out, ' ');	/* U+3000 */
			p += 3;
			folded = 1;
		} else {
			zdh_buf_addch(out, (char)*p++);
		}
	}
	return folded;
}

int zdh_strcmp_p(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

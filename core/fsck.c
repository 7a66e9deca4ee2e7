/*
 * fsck — git fsck's checks of a commit and a tree (include/fsck.h), made
 * on what a pull or clone copies from a folder (core/sync.c), where no
 * git program parses it first: libgit2's fetch parses every commit it
 * walks and refuses one it cannot read, so a log that cannot be fetched
 * from a hub could still be copied from a folder, and then made `git
 * fsck` of the office's repository fail (and libgit2's push of it).
 * The names are git's (git help fsck, FSCK MESSAGES).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "fsck.h"

static int bad(const char **why, const char *name)
{
	*why = name;
	return -1;
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* 40 hex digits then a newline (git takes either case). */
static int hex_line(const char *p, const char *end)
{
	if (end - p < 41 || p[40] != '\n')
		return 0;
	for (int i = 0; i < 40; i++) {
		char c = p[i];
		if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')))
			return 0;
	}
	return 1;
}

static int starts(const char **p, const char *end, const char *prefix)
{
	size_t n = strlen(prefix);

	if ((size_t)(end - *p) < n || memcmp(*p, prefix, n))
		return 0;
	*p += n;
	return 1;
}

/* "Name <email> 1234567890 +0800\n", *p past the "author " or "committer ". */
static int ident(const char **p, const char *end, const char **why)
{
	const char *s = *p, *nl = memchr(s, '\n', (size_t)(end - s));
	uintmax_t t = 0;

	if (!nl)
		return bad(why, "unterminatedHeader");
	*p = nl + 1;
	if (*s == '<')
		return bad(why, "missingNameBeforeEmail");
	s += strcspn(s, "<>\n");
	if (*s == '>')
		return bad(why, "badName");
	if (*s != '<')
		return bad(why, "missingEmail");
	if (s[-1] != ' ')
		return bad(why, "missingSpaceBeforeEmail");
	s++;
	s += strcspn(s, "<>\n");
	if (*s != '>')
		return bad(why, "badEmail");
	s++;
	if (*s != ' ')
		return bad(why, "missingSpaceBeforeDate");
	s++;
	if (*s == '0' && s[1] != ' ')
		return bad(why, "zeroPaddedDate");
	if (!is_digit(*s))
		return bad(why, "badDate");
	for (; is_digit(*s); s++) {
		/* past what git's time_t holds (its date_overflows()) */
		if (t > (uintmax_t)(INT64_MAX - (*s - '0')) / 10)
			return bad(why, "badDateOverflow");
		t = t * 10 + (uintmax_t)(*s - '0');
	}
	if (t >= (uintmax_t)INT64_MAX)
		return bad(why, "badDateOverflow");
	if (*s != ' ')
		return bad(why, "badDate");
	s++;
	if ((*s != '+' && *s != '-') || !is_digit(s[1]) || !is_digit(s[2]) ||
	    !is_digit(s[3]) || !is_digit(s[4]) || s[5] != '\n')
		return bad(why, "badTimezone");
	return 0;
}

int zdh_fsck_commit(const char *buf, size_t len, const char **why)
{
	const char *p = buf, *end = buf + len, *hend = NULL, *nul = memchr(buf, '\0', len);
	int authors = 0;

	/* the header: no NUL, ended by a blank line or by the object's end (a line at a time) */
	for (const char *l = buf, *nl; l < end && !hend; l = nl + 1) {
		if (!(nl = memchr(l, '\n', (size_t)(end - l))))
			break;
		if (nul && nul < nl)
			return bad(why, "nulInHeader");
		if (nl + 1 < end && nl[1] == '\n')
			hend = nl + 1;
	}
	if (!hend) {
		if (nul)
			return bad(why, "nulInHeader");
		if (!len || buf[len - 1] != '\n')
			return bad(why, "unterminatedHeader");
		hend = end;
	}
	if (!starts(&p, hend, "tree "))
		return bad(why, "missingTree");
	if (!hex_line(p, hend))
		return bad(why, "badTreeSha1");
	p += 41;
	while (starts(&p, hend, "parent ")) {
		if (!hex_line(p, hend))
			return bad(why, "badParentSha1");
		p += 41;
	}
	while (starts(&p, hend, "author ")) {
		authors++;
		if (ident(&p, hend, why))
			return -1;
	}
	if (authors != 1)
		return bad(why, authors ? "multipleAuthors" : "missingAuthor");
	if (!starts(&p, hend, "committer "))
		return bad(why, "missingCommitter");
	if (ident(&p, hend, why))
		return -1;
	if (nul)
		return bad(why, "nulInCommit");
	return 0;
}

/* A tree entry's name, compared as git orders them: a tree's as if it ended in '/'. */
struct entry {
	const char *name;
	size_t len;
	int dir;
};

static int entry_cmp(const struct entry *a, const struct entry *b)
{
	size_t n = a->len < b->len ? a->len : b->len;
	int c = memcmp(a->name, b->name, n);
	unsigned char ca, cb;

	if (c)
		return c;
	ca = n < a->len ? (unsigned char)a->name[n] : a->dir ? '/' : 0;
	cb = n < b->len ? (unsigned char)b->name[n] : b->dir ? '/' : 0;
	return ca - cb;
}

static int name_cmp(const void *x, const void *y)
{
	const struct entry *a = x, *b = y;
	size_t n = a->len < b->len ? a->len : b->len;
	int c = memcmp(a->name, b->name, n);

	return c ? c : (a->len > b->len) - (a->len < b->len);
}

/* ".git" as some file system would take it: any case, trailing dots or spaces (NTFS), "git~1". */
static int dotgit(const char *name, size_t len)
{
	while (len > 4 && (name[len - 1] == '.' || name[len - 1] == ' '))
		len--;
	return (len == 4 && !strncasecmp(name, ".git", 4)) ||
		(len == 5 && !strncasecmp(name, "git~1", 5)) ||
		(len >= 11 && !strncasecmp(name, ".gitmodules", 11));
}

int zdh_fsck_tree(const char *buf, size_t len, const char **why)
{
	const char *p = buf, *end = buf + len;
	struct entry *v = NULL, prev = { 0 };
	size_t n = 0, alloc = 0;
	int err = 0, first = 1;

	while (p < end && !err) {
		const char *sp = memchr(p, ' ', (size_t)(end - p)), *nul;
		struct entry e;
		unsigned mode = 0;
		static const unsigned char zero[20];

		/* "<octal mode> <name>\0<20 bytes>" */
		if (!sp || sp == p) {
			err = bad(why, "badTree");
			break;
		}
		for (const char *m = p; m < sp; m++)
			if (*m < '0' || *m > '7') {
				err = bad(why, "badTree");
				break;
			} else {
				mode = (mode << 3) | (unsigned)(*m - '0');
			}
		if (err)
			break;
		nul = memchr(sp + 1, '\0', (size_t)(end - sp - 1));
		if (!nul || nul == sp + 1 || end - nul < 21) {
			err = bad(why, "badTree");
			break;
		}
		e.name = sp + 1;
		e.len = (size_t)(nul - e.name);
		e.dir = (mode & 0170000) == 0040000;
		if (*p == '0')
			err = bad(why, "zeroPaddedFilemode");
		else if (!memcmp(nul + 1, zero, sizeof(zero)))
			err = bad(why, "nullSha1");
		else if (memchr(e.name, '/', e.len))
			err = bad(why, "fullPathname");
		else if (e.len == 1 && e.name[0] == '.')
			err = bad(why, "hasDot");
		else if (e.len == 2 && !memcmp(e.name, "..", 2))
			err = bad(why, "hasDotdot");
		else if (dotgit(e.name, e.len))
			err = bad(why, "hasDotgit");
		else if (!first && entry_cmp(&prev, &e) >= 0)
			err = bad(why, name_cmp(&prev, &e) ? "treeNotSorted" : "duplicateEntries");
		if (err)
			break;
		if (n == alloc)
			v = zdh_realloc(v, (alloc = alloc ? 2 * alloc : 16) * sizeof(*v));
		v[n++] = e;
		prev = e;
		first = 0;
		p = nul + 21;
	}
	/* a file and a tree of one name, apart in git's order ("a", "a.b", "a/") */
	if (!err && n > 1) {
		qsort(v, n, sizeof(*v), name_cmp);
		for (size_t i = 1; i < n && !err; i++)
			if (!name_cmp(&v[i - 1], &v[i]))
				err = bad(why, "duplicateEntries");
	}
	free(v);
	return err;
}

/*
 * odb — git's loose objects and refs, read and written without libgit2.
 *
 * Owns the bytes zdh puts in objects/ and refs/ on the write path: loose
 * objects (deflated, named by SHA-1), the loose ref files and their
 * ".lock" files, and the reading of packed-refs.  What it writes must be
 * exactly what git writes, so that git fsck and any git implementation
 * accept it.
 *
 * It must never report a write as done before the data and the directory
 * entry naming it are fsynced; never move a ref without holding its lock
 * and checking the old value under that lock; never rewrite packed-refs
 * (a loose ref shadows a packed one, as in git); never follow symbolic
 * refs (refs/zdh/ has none); and never read packed objects (that is
 * core/packread.c's job).
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "buf.h"
#include "error.h"
#include "i18n.h"
#include "lockfile.h"
#include "odb.h"
#include "sha1.h"

static const char *const type_names[] = { NULL, "commit", "tree", "blob", "tag" };

/*
 * "blob 6\0": returns the length including the NUL.  (Not snprintf(),
 * a thousand instructions of every event's commit hashed.)
 */
static size_t make_header(char *hdr, size_t size, enum zdh_objtype type, size_t len)
{
	char digits[24], *d = digits + sizeof(digits);
	size_t n, k;

	ZDH_ASSERT(type >= ZDH_OBJ_COMMIT && type <= ZDH_OBJ_TAG);
	n = strlen(type_names[type]);
	do
		*--d = (char)('0' + len % 10);
	while (len /= 10);
	k = (size_t)(digits + sizeof(digits) - d);
	ZDH_ASSERT(n + k + 2 <= size);
	memcpy(hdr, type_names[type], n);
	hdr[n] = ' ';
	memcpy(hdr + n + 1, d, k);
	hdr[n + 1 + k] = '\0';
	return n + k + 2;
}

static int is_hex_id(const char *id)
{
	unsigned char raw[ZDH_OID_RAWSZ];
	int i;

	if (zdh_oid_fromhex(raw, id))
		return 0;
	for (i = 0; i < ZDH_OID_HEXSZ; i++)
		if (id[i] >= 'A' && id[i] <= 'F')
			return 0;
	return 1;
}

/* gitdir "/objects/" xx "/" (or the full object path when full is set). */
static void object_path(struct zdh_buf *b, const char *gitdir, const char *id, int full)
{
	zdh_buf_puts(b, gitdir);
	zdh_buf_puts(b, "/objects/");
	zdh_buf_add(b, id, 2);
	if (full) {
		zdh_buf_addch(b, '/');
		zdh_buf_add(b, id + 2, ZDH_OID_HEXSZ - 2);
	}
}

/*
 * How this repository's objects and refs are made durable: in one batch,
 * or each file with its name, only when objects/ and refs/ are on the
 * repository's file system and that one allows it (see lockfile.h); else
 * each file and its folder.
 */
enum zdh_sync zdh_odb_sync_mode(const char *gitdir)
{
	static char *last;
	static enum zdh_sync mode;
	struct zdh_buf p = ZDH_BUF_INIT;
	struct stat top, sub;
	enum zdh_sync forced;

	/* (a way ZDH_FSYNC names is taken as it is; any other value is no choice) */
	if (zdh_sync_forced(&forced))
		return forced;
	if (last && !strcmp(last, gitdir))
		return mode;
	free(last);
	last = zdh_strdup(gitdir);
	mode = zdh_sync_mode(gitdir);
	if (stat(gitdir, &top) < 0)
		mode = ZDH_SYNC_EACH;
	for (int i = 0; i < 2 && mode != ZDH_SYNC_EACH; i++) {
		zdh_buf_reset(&p);
		zdh_buf_addf(&p, "%s/%s", gitdir, i ? "refs" : "objects");
		if (stat(p.ptr, &sub) < 0 || sub.st_dev != top.st_dev)
			mode = ZDH_SYNC_EACH;
	}
	zdh_buf_release(&p);
	return mode;
}

void zdh_odb_hash_raw(unsigned char raw[ZDH_OID_RAWSZ], enum zdh_objtype type, const void *data,
		      size_t len)
{
	struct zdh_sha1 c;
	char hdr[32];
	size_t hlen = make_header(hdr, sizeof(hdr), type, len);

	zdh_sha1_init(&c);
	zdh_sha1_update(&c, hdr, hlen);
	zdh_sha1_update(&c, data, len);
	zdh_sha1_final(raw, &c);
}

void zdh_odb_hash(char id[41], enum zdh_objtype type, const void *data, size_t len)
{
	unsigned char raw[ZDH_OID_RAWSZ];

	zdh_odb_hash_raw(raw, type, data, len);
	zdh_oid_tohex(id, raw);
}

/*
 * Deflate header and data into out.  Z_BEST_SPEED is git's own default
 * for loose objects (core.looseCompression = 1): events are a few hundred
 * bytes of JSON where higher levels save a handful of bytes for several
 * times the CPU, and attachments (photos, scans) are compressed already.
 * Loose objects are repacked by git gc with the pack compression anyway.
 */
static int deflate_object(struct zdh_buf *out, const char *hdr, size_t hlen,
			  const void *data, size_t len)
{
	const unsigned char *p = data;
	size_t left = len;
	z_stream s;
	int zr, fed = 0, wbits = 9;

	/*
	 * A window no larger than the object (an event is a few hundred
	 * bytes): the same matches, and zlib's state is a few KiB instead
	 * of the 256 KiB a full window takes, fresh heap an add paid about
	 * twenty page faults for.  Any window makes a valid zlib stream.
	 */
	while (wbits < 15 && ((size_t)1 << wbits) < hlen + len)
		wbits++;
	memset(&s, 0, sizeof(s));
	if (deflateInit2(&s, Z_BEST_SPEED, Z_DEFLATED, wbits, wbits - 7, Z_DEFAULT_STRATEGY) != Z_OK)
		return -1;
	zdh_buf_grow(out, deflateBound(&s, (uLong)(hlen + len)) + 64);
	s.next_out = (Bytef *)out->ptr;
	s.avail_out = (uInt)(out->alloc - 1);
	s.next_in = (Bytef *)hdr;
	s.avail_in = (uInt)hlen;
	for (;;) {
		if (!s.avail_in && !(fed && !left)) {
			/* avail_in is 32-bit: large blobs go in slices */
			uInt chunk = left > 0x40000000u ? 0x40000000u : (uInt)left;
			s.next_in = (Bytef *)p;
			s.avail_in = chunk;
			p += chunk;
			left -= chunk;
			fed = 1;
		}
		if (!s.avail_out) {
			size_t used = (size_t)((char *)s.next_out - out->ptr);
			zdh_buf_setlen(out, used);
			zdh_buf_grow(out, 65536);
			s.next_out = (Bytef *)out->ptr + used;
			s.avail_out = (uInt)(out->alloc - 1 - used);
		}
		zr = deflate(&s, fed && !left ? Z_FINISH : Z_NO_FLUSH);
		if (zr != Z_OK && zr != Z_BUF_ERROR)
			break;
	}
	zdh_buf_setlen(out, (size_t)((char *)s.next_out - out->ptr));
	deflateEnd(&s);
	return zr == Z_STREAM_END ? 0 : -1;
}

/*
 * Create objects/xx (the caller makes its name durable, see below), the
 * file system synced first where an inode freed since could become it
 * (lockfile.h); zdh init makes all 256, so this is for repositories made
 * otherwise, or whose empty ones git gc removed.
 */
static int make_fanout_dir(const char *gitdir, const char *dir)
{
	zdh_sync_before_mkdir(gitdir);
	if (mkdir(dir, 0777) < 0)
		return errno != EEXIST ? -1 : 0;
	return zdh_shared_fix(dir);
}

int zdh_odb_write(char id[41], const char *gitdir, enum zdh_objtype type,
		  const void *data, size_t len)
{
	if (type < ZDH_OBJ_COMMIT || type > ZDH_OBJ_BLOB)
		return zdh_error_set(ZDH_EINVALID, _("cannot write object: unknown type %d"), (int)type);
	zdh_odb_hash(id, type, data, len);
	return zdh_odb_write_hashed(id, gitdir, type, data, len);
}

int zdh_odb_write_hashed(const char id[41], const char *gitdir, enum zdh_objtype type,
			 const void *data, size_t len)
{
	struct zdh_buf path = ZDH_BUF_INIT, tmp = ZDH_BUF_INIT, z = ZDH_BUF_INIT;
	struct zdh_tempfile t = ZDH_TEMPFILE_INIT;
	enum zdh_sync mode;
	char hdr[32];
	size_t hlen, dirlen = 0;
	int err = 0, new_dir = 0;

	if (type < ZDH_OBJ_COMMIT || type > ZDH_OBJ_BLOB)
		return zdh_error_set(ZDH_EINVALID, _("cannot write object: unknown type %d"), (int)type);
	hlen = make_header(hdr, sizeof(hdr), type, len);

	object_path(&path, gitdir, id, 1);
	/* already there: content-addressed, so nothing to do (git does the same) */
	if (!access(path.ptr, F_OK))
		goto done;

	if (deflate_object(&z, hdr, hlen, data, len) < 0) {
		err = zdh_error_set(ZDH_ERROR, _("cannot write object %s: compression failed"), id);
		goto done;
	}

	mode = zdh_odb_sync_mode(gitdir);
	object_path(&tmp, gitdir, id, 0);
	dirlen = tmp.len;
	zdh_buf_puts(&tmp, "/tmp_obj_XXXXXX");
	/* git's loose objects are read-only */
	if (zdh_tempfile_mks(&t, tmp.ptr, 0444) < 0 && errno == ENOENT) {
		/* first object in this fan-out directory: only now pay for mkdir */
		tmp.ptr[dirlen] = '\0';
		if (make_fanout_dir(gitdir, tmp.ptr) < 0) {
			err = zdh_error_errno(ZDH_ERROR, _("cannot write object: cannot create '%s'"),
					      tmp.ptr);
			goto done;
		}
		tmp.ptr[dirlen] = '/';
		zdh_tempfile_mks(&t, tmp.ptr, 0444);
		new_dir = 1;
	}
	if (t.fd < 0) {
		err = zdh_error_errno(ZDH_ERROR, _("cannot write object: cannot create '%s'"), tmp.ptr);
		goto done;
	}
	if (zdh_tempfile_write(&t, z.ptr, z.len) < 0) {
		err = zdh_error_errno(ZDH_ERROR, _("cannot write object '%s'"), t.path);
		goto done;
	}
	/* in a batch, durable with the flush of the ref that names it */
	if (zdh_tempfile_commit(&t, path.ptr, mode, 0) < 0) {
		err = zdh_error_errno(ZDH_ERROR, _("cannot write object '%s'"), path.ptr);
		goto done;
	}
	/*
	 * File by file, a new objects/xx is named durably in objects/ only
	 * now, after the commit above synced xx itself: synced before, the
	 * name could outlive a crash that lost xx's inode (the block-level
	 * replay of t1400 found fsck then turning xx into a stray file).  A
	 * file with its name made xx durable with the object, unless its
	 * commit went file by file (a file system that refused the rename
	 * without replacing, with ZDH_FSYNC=file).
	 */
	tmp.ptr[dirlen] = '\0';
	if (new_dir && mode != ZDH_SYNC_BATCH && !t.with_name && zdh_fsync_dir_of(tmp.ptr) < 0)
		err = zdh_error_errno(ZDH_ERROR, _("cannot write object: cannot sync '%s'"), tmp.ptr);
done:
	zdh_tempfile_delete(&t);
	zdh_buf_release(&path);
	zdh_buf_release(&tmp);
	zdh_buf_release(&z);
	return err;
}

/* Parse "<type> <len>\0"; returns the header length, or 0 when malformed. */
static size_t parse_header(const char *p, size_t n, enum zdh_objtype *type, size_t *len)
{
	const char *sp = memchr(p, ' ', n), *nul = memchr(p, '\0', n), *q;
	size_t v = 0;
	int t;

	if (!sp || !nul || nul < sp + 2)
		return 0;
	for (t = ZDH_OBJ_COMMIT; t <= ZDH_OBJ_TAG; t++)
		if ((size_t)(sp - p) == strlen(type_names[t]) &&
		    !memcmp(p, type_names[t], (size_t)(sp - p)))
			break;
	if (t > ZDH_OBJ_TAG)
		return 0;
	/* decimal, no leading zero, no overflow */
	if (sp[1] == '0' && nul != sp + 2)
		return 0;
	for (q = sp + 1; q < nul; q++) {
		if (*q < '0' || *q > '9' || v > ((size_t)-1 - 9) / 10)
			return 0;
		v = v * 10 + (size_t)(*q - '0');
	}
	*type = (enum zdh_objtype)t;
	*len = v;
	return (size_t)(nul - p) + 1;
}

/*
 * An object's file that cannot be read: ZDH_ECORRUPT when it is no plain
 * file (errno EINVAL from zdh_open_regular(): a FIFO, a device, a link to
 * /dev/zero in the folder of a peer, which a pull waited for or read
 * until memory ran out), else the system's error.
 */
static int not_plain(const char *path)
{
	if (errno == EINVAL)
		return zdh_error_not_plain(path);
	return zdh_error_errno(ZDH_ERROR, _("cannot read object '%s'"), path);
}

int zdh_odb_read_loose(struct zdh_buf *out, enum zdh_objtype *type,
		       const char *gitdir, const char *id)
{
	struct zdh_buf path = ZDH_BUF_INIT, z = ZDH_BUF_INIT;
	unsigned char raw[ZDH_OID_RAWSZ];
	char hdr[64], got[41];
	size_t start = out->len, hlen, size = 0, have;
	struct zdh_sha1 c;
	z_stream s;
	int zr, err = 0, zinit = 0;

	if (!is_hex_id(id))
		return zdh_error_set(ZDH_EINVALID, _("'%s' is not an object id"), id);
	object_path(&path, gitdir, id, 1);
	if (zdh_buf_read_regular(&z, path.ptr, 0) < 0) {
		if (errno == ENOENT || errno == ENOTDIR)
			err = zdh_error_set(ZDH_ENOTFOUND, _("no loose object %s"), id);
		else
			err = not_plain(path.ptr);
		goto done;
	}

	memset(&s, 0, sizeof(s));
	if (inflateInit(&s) != Z_OK) {
		err = zdh_error_set(ZDH_ERROR, _("cannot read object %s: out of memory"), id);
		goto done;
	}
	zinit = 1;
	if (z.len > 0xffffffffu / 2) {
		err = zdh_error_set(ZDH_ERROR, _("cannot read object %s: too large"), id);
		goto done;
	}
	s.next_in = (Bytef *)z.ptr;
	s.avail_in = (uInt)z.len;
	s.next_out = (Bytef *)hdr;
	s.avail_out = sizeof(hdr);
	zr = inflate(&s, Z_NO_FLUSH);
	have = sizeof(hdr) - s.avail_out;
	if ((zr != Z_OK && zr != Z_STREAM_END) ||
	    !(hlen = parse_header(hdr, have, type, &size)) ||
	    /* deflate cannot shrink data more than ~1032:1: refuse absurd sizes */
	    size / 1032 > z.len + 64 || have - hlen > size) {
		err = zdh_error_set(ZDH_ECORRUPT, _("object %s is corrupt (bad header)"), id);
		goto done;
	}
	if (size > ZDH_OBJECT_MAX) {
		err = zdh_error_set(ZDH_ECORRUPT, _("object %s is larger than zdh reads (%zu bytes; at most %llu)"),
				    id, size, (unsigned long long)ZDH_OBJECT_MAX);
		goto done;
	}
	zdh_buf_grow(out, size);
	memcpy(out->ptr + start, hdr + hlen, have - hlen);
	have -= hlen;
	if (zr != Z_STREAM_END) {
		/* one spare byte (the NUL's room) catches content longer than declared */
		s.next_out = (Bytef *)out->ptr + start + have;
		s.avail_out = (uInt)(size - have + 1);
		zr = inflate(&s, Z_FINISH);
		have = size + 1 - s.avail_out;
	}
	if (zr != Z_STREAM_END || have != size || s.avail_in) {
		err = zdh_error_set(ZDH_ECORRUPT, _("object %s is corrupt (bad length or data)"), id);
		goto done;
	}
	zdh_sha1_init(&c);
	zdh_sha1_update(&c, hdr, hlen);
	zdh_sha1_update(&c, out->ptr + start, size);
	zdh_sha1_final(raw, &c);
	zdh_oid_tohex(got, raw);
	if (strcmp(got, id)) {
		err = zdh_error_set(ZDH_ECORRUPT, _("object %s is corrupt (it hashes to %s)"), id, got);
		goto done;
	}
	zdh_buf_setlen(out, start + size);
done:
	if (zinit)
		inflateEnd(&s);
	if (err && out->alloc)
		zdh_buf_setlen(out, start);
	zdh_buf_release(&path);
	zdh_buf_release(&z);
	return err;
}

int zdh_odb_loose_type(enum zdh_objtype *type, const char *gitdir, const char *id)
{
	unsigned char z[256];
	char hdr[64], small[512], *path = small;
	size_t size, dirlen = strlen(gitdir);
	ssize_t got = 0, r;
	z_stream s;
	int fd, zr, err = 0;

	if (!is_hex_id(id))
		return zdh_error_set(ZDH_EINVALID, _("'%s' is not an object id"), id);
	/* (its path on the stack: a type is asked of every attachment a reindex reads) */
	if (dirlen + 52 > sizeof(small))
		path = zdh_malloc(dirlen + 52);
	memcpy(path, gitdir, dirlen);
	memcpy(path + dirlen, "/objects/", 9);
	memcpy(path + dirlen + 9, id, 2);
	path[dirlen + 11] = '/';
	memcpy(path + dirlen + 12, id + 2, ZDH_OID_HEXSZ - 2 + 1);	/* (and the NUL) */
	if ((fd = zdh_open_regular(path)) < 0) {
		/* (a miss without a message, as zdh_packs_type()) */
		err = errno == ENOENT || errno == ENOTDIR ? ZDH_ENOTFOUND : not_plain(path);
		if (path != small)
			free(path);
		return err;
	}
	/* the header ("blob 123\0") is in the first bytes of the stream */
	while (got < (ssize_t)sizeof(z) && (r = read(fd, z + got, sizeof(z) - (size_t)got)) != 0) {
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			err = zdh_error_errno(ZDH_ERROR, _("cannot read object '%s'"), path);
			break;
		}
		got += r;
	}
	close(fd);
	if (path != small)
		free(path);
	if (err)
		return err;
	memset(&s, 0, sizeof(s));
	if (inflateInit(&s) != Z_OK)
		return zdh_error_set(ZDH_ERROR, _("cannot read object %s: out of memory"), id);
	s.next_in = z;
	s.avail_in = (uInt)got;
	s.next_out = (Bytef *)hdr;
	s.avail_out = sizeof(hdr);
	zr = inflate(&s, Z_SYNC_FLUSH);
	if ((zr != Z_OK && zr != Z_STREAM_END && zr != Z_BUF_ERROR) ||
	    !parse_header(hdr, sizeof(hdr) - s.avail_out, type, &size))
		err = zdh_error_set(ZDH_ECORRUPT, _("object %s is corrupt (bad header)"), id);
	inflateEnd(&s);
	return err;
}

/*
 * git orders tree entries by name as if every tree's name ended in '/'.
 * All entries here are blobs, so that is plain byte order; the general
 * rule is kept so that adding folders later cannot break it silently.
 */
static int entry_cmp(const void *a, const void *b)
{
	const struct zdh_tree_entry *x = a, *y = b;
	size_t lx = strlen(x->name), ly = strlen(y->name), n = lx < ly ? lx : ly;
	int r = memcmp(x->name, y->name, n);
	unsigned char cx, cy;

	if (r)
		return r;
	cx = n < lx ? (unsigned char)x->name[n] : 0;	/* a tree would be '/' */
	cy = n < ly ? (unsigned char)y->name[n] : 0;
	return cx < cy ? -1 : cx > cy;
}

/*
 * The caller gives unique, non-empty names without '/' and ids from
 * zdh_odb_write(); entries is sorted in place.
 */
void zdh_odb_tree(struct zdh_buf *out, struct zdh_tree_entry *entries, size_t n)
{
	unsigned char raw[ZDH_OID_RAWSZ];
	size_t i;

	if (n > 1)
		qsort(entries, n, sizeof(*entries), entry_cmp);
	for (i = 0; i < n; i++) {
		if (zdh_oid_fromhex(raw, entries[i].id)) {
			fprintf(stderr, "zdh: BUG: tree entry '%s' has a bad id\n", entries[i].name);
			abort();
		}
		zdh_buf_puts(out, "100644 ");
		zdh_buf_puts(out, entries[i].name);
		zdh_buf_addch(out, '\0');
		zdh_buf_add(out, raw, sizeof(raw));
	}
}

/*
 * A safe subset of git check-ref-format: under refs/, components not empty
 * nor starting with '.' nor ending in ".lock", no "..", no control
 * characters nor any of " ~^:?*[\".
 */
static int refname_ok(const char *name)
{
	const char *p, *comp;

	if (strncmp(name, "refs/", 5))
		return 0;
	for (comp = p = name; ; p++) {
		unsigned char ch = (unsigned char)*p;
		if (ch == '/' || !ch) {
			size_t l = (size_t)(p - comp);
			if (!l || comp[0] == '.' || (l >= 5 && !memcmp(p - 5, ".lock", 5)))
				return 0;
			if (!ch)
				return 1;
			comp = p + 1;
			continue;
		}
		if (ch < 0x20 || ch == 0x7f || strchr(" ~^:?*[\\", ch) ||
		    (ch == '.' && p[1] == '.') || (ch == '@' && p[1] == '{'))
			return 0;
	}
}

/*
 * Parse the content of a loose ref: 40 hex digits and a newline (git
 * allows trailing white space).  Returns 0, 1 for a symbolic ref, -1 when
 * corrupt.
 */
static int parse_loose(char id[41], const struct zdh_buf *b)
{
	unsigned char raw[ZDH_OID_RAWSZ];
	char hex[41];
	size_t i;

	if (b->len >= 5 && !memcmp(b->ptr, "ref:", 4))
		return 1;
	if (b->len < ZDH_OID_HEXSZ)
		return -1;
	for (i = ZDH_OID_HEXSZ; i < b->len; i++)
		if (!isspace((unsigned char)b->ptr[i]))
			return -1;
	memcpy(hex, b->ptr, ZDH_OID_HEXSZ);
	hex[ZDH_OID_HEXSZ] = '\0';
	if (zdh_oid_fromhex(raw, hex))
		return -1;
	zdh_oid_tohex(id, raw);
	return 0;
}

#define REF_FILE_MAX 4096	/* a ref is 41 bytes, a symbolic one a line */
#define PACKED_REFS_MAX ((size_t)1 << 30)	/* 15 million refs: no hub of logs holds so many */

/*
 * The file of refs at path (a loose ref, packed-refs) into b: 0; -1 and
 * errno when there is none to read (ENOENT; EISDIR: a folder, a ref's
 * namespace); -2 when it is no plain file of at most max bytes.  Never
 * waits nor reads without end: a hub's folder is written by anyone with
 * the drive, and a log's ref made a FIFO blocked every pull, one linked
 * to /dev/zero read until memory ran out.
 */
static int read_ref_file(struct zdh_buf *b, const char *path, size_t max)
{
	struct stat st;

	if (!zdh_buf_read_regular(b, path, max))
		return 0;
	if (errno == EFBIG)
		return -2;
	if (errno != EINVAL)
		return -1;
	if (!stat(path, &st) && S_ISDIR(st.st_mode)) {
		errno = EISDIR;
		return -1;
	}
	return -2;
}

/* Read a loose ref; 0 and id "" when there is no such file. */
static int read_loose(char id[41], const char *gitdir, const char *refname)
{
	struct zdh_buf path = ZDH_BUF_INIT, b = ZDH_BUF_INIT;
	int err = 0, r;

	id[0] = '\0';
	zdh_buf_puts(&path, gitdir);
	zdh_buf_addch(&path, '/');
	zdh_buf_puts(&path, refname);
	if ((r = read_ref_file(&b, path.ptr, REF_FILE_MAX)) < 0) {
		/* a directory is a ref's namespace, not a ref */
		if (r == -2)
			err = zdh_error_set(ZDH_ECORRUPT, _("ref %s is corrupt"), refname);
		else if (errno != ENOENT && errno != ENOTDIR && errno != EISDIR)
			err = zdh_error_errno(ZDH_ERROR, _("cannot read ref '%s'"), path.ptr);
		goto done;
	}
	r = parse_loose(id, &b);
	if (r > 0)
		err = zdh_error_set(ZDH_ECORRUPT, _("ref %s is symbolic; zdh refs never are"), refname);
	else if (r < 0)
		err = zdh_error_set(ZDH_ECORRUPT, _("ref %s is corrupt"), refname);
done:
	if (err)
		id[0] = '\0';
	zdh_buf_release(&path);
	zdh_buf_release(&b);
	return err;
}

struct ref {
	char *name;
	char id[41];
	int packed;
};

struct refs {
	struct ref *v;
	size_t n, alloc;
};

static void refs_add(struct refs *r, const char *name, size_t namelen, const char *id, int packed)
{
	/* (id: 40 hex digits, or "" for a peer's ref that is none) */
	size_t idlen = strnlen(id, 40);

	if (r->n == r->alloc) {
		r->alloc = r->alloc ? 2 * r->alloc : 16;
		r->v = zdh_realloc(r->v, r->alloc * sizeof(*r->v));
	}
	r->v[r->n].name = zdh_strndup(name, namelen);
	memcpy(r->v[r->n].id, id, idlen);
	r->v[r->n].id[idlen] = '\0';
	r->v[r->n].packed = packed;
	r->n++;
}

static void refs_clear(struct refs *r)
{
	for (size_t i = 0; i < r->n; i++)
		free(r->v[i].name);
	free(r->v);
	memset(r, 0, sizeof(*r));
}

/*
 * Collect the packed refs whose name starts with prefix (or equals it,
 * when exact): lines "<40 hex> <refname>", a "# pack-refs" header, and
 * "^<40 hex>" lines peeling the tag above them.
 */
static int read_packed(struct refs *out, const char *gitdir, const char *prefix, int exact)
{
	struct zdh_buf path = ZDH_BUF_INIT, b = ZDH_BUF_INIT;
	size_t plen = strlen(prefix), lineno = 0;
	const char *p, *end;
	int err = 0, r;

	zdh_buf_puts(&path, gitdir);
	zdh_buf_puts(&path, "/packed-refs");
	if ((r = read_ref_file(&b, path.ptr, PACKED_REFS_MAX)) == -2) {
		err = zdh_error_not_plain(path.ptr);
		goto done;
	} else if (r < 0) {
		if (errno != ENOENT)
			err = zdh_error_errno(ZDH_ERROR, _("cannot read '%s'"), path.ptr);
		goto done;
	}
	for (p = b.ptr, end = b.ptr + b.len; p < end; p = p ? p + 1 : end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p)), *name;
		size_t len = (size_t)((eol ? eol : end) - p), namelen;
		unsigned char raw[ZDH_OID_RAWSZ];
		char hex[41];

		lineno++;
		if (len && p[len - 1] == '\r')
			len--;
		if (!len || p[0] == '#' || p[0] == '^') {
			p = eol;
			continue;
		}
		if (len < ZDH_OID_HEXSZ + 2 || p[ZDH_OID_HEXSZ] != ' ') {
			err = zdh_error_set(ZDH_ECORRUPT, _("'%s' is corrupt at line %zu"),
					    path.ptr, lineno);
			goto done;
		}
		memcpy(hex, p, ZDH_OID_HEXSZ);
		hex[ZDH_OID_HEXSZ] = '\0';
		if (zdh_oid_fromhex(raw, hex)) {
			err = zdh_error_set(ZDH_ECORRUPT, _("'%s' is corrupt at line %zu"),
					    path.ptr, lineno);
			goto done;
		}
		zdh_oid_tohex(hex, raw);
		name = p + ZDH_OID_HEXSZ + 1;
		namelen = len - ZDH_OID_HEXSZ - 1;
		if (exact ? namelen == plen && !memcmp(name, prefix, plen)
			  : namelen >= plen && !memcmp(name, prefix, plen))
			refs_add(out, name, namelen, hex, 1);
		p = eol;
	}
done:
	zdh_buf_release(&path);
	zdh_buf_release(&b);
	return err;
}

int zdh_ref_read(char id[41], const char *gitdir, const char *refname)
{
	struct refs packed = { 0 };
	int err;

	id[0] = '\0';
	if (!refname_ok(refname))
		return zdh_error_set(ZDH_EINVALID, _("'%s' is not a valid ref name"), refname);
	if ((err = read_loose(id, gitdir, refname)) || id[0])
		return err;
	if (!(err = read_packed(&packed, gitdir, refname, 1)) && packed.n)
		memcpy(id, packed.v[0].id, 41);
	refs_clear(&packed);
	return err;
}

int zdh_ref_update(const char *gitdir, const char *refname, const char *new_id,
		   const char *old_id, int stale_lock_ok)
{
	struct zdh_buf path = ZDH_BUF_INIT;
	struct zdh_tempfile lk = ZDH_TEMPFILE_INIT;
	char cur[41], line[42];
	int err = 0;

	if (!refname_ok(refname))
		return zdh_error_set(ZDH_EINVALID, _("'%s' is not a valid ref name"), refname);
	if (!is_hex_id(new_id) || (old_id[0] && !is_hex_id(old_id)))
		return zdh_error_set(ZDH_EINVALID, _("cannot update %s: bad object id"), refname);

	zdh_buf_puts(&path, gitdir);
	zdh_buf_addch(&path, '/');
	zdh_buf_puts(&path, refname);
	if (zdh_lock_acquire(&lk, path.ptr, ZDH_LOCK_MKDIRS | (stale_lock_ok ? ZDH_LOCK_STALE_OK : 0),
			     0666) < 0) {
		if (errno == EEXIST)
			err = zdh_error_set(ZDH_ELOCKED, _("cannot lock ref %s: '%s.lock' exists; another "
					    "process may be writing, or one was killed (then remove it)"),
					    refname, path.ptr);
		else if (errno == ENOTDIR)	/* a file where a folder above it should be */
			err = zdh_error_set(ZDH_ETAKEN, _("cannot lock ref %s: a file is where a folder "
					    "of '%s' should be"), refname, path.ptr);
		else
			err = zdh_error_errno(ZDH_ERROR, _("cannot lock ref %s: cannot create '%s.lock'"),
					      refname, path.ptr);
		goto done;
	}

	/* checked under the lock, before paying for a write and an fsync */
	if ((err = zdh_ref_read(cur, gitdir, refname)))
		goto done;
	if (strcmp(cur, old_id)) {
		err = zdh_error_set(ZDH_ECHANGED, _("cannot update %s: it is at %s, expected %s"),
				    refname, cur[0] ? cur : _("nothing"),
				    old_id[0] ? old_id : _("nothing"));
		goto done;
	}

	memcpy(line, new_id, ZDH_OID_HEXSZ);
	line[ZDH_OID_HEXSZ] = '\n';
	if (zdh_tempfile_write(&lk, line, ZDH_OID_HEXSZ + 1) < 0) {
		err = zdh_error_errno(ZDH_ERROR, _("cannot write '%s'"), lk.path);
		goto done;
	}
	/* the one flush of a batch: the objects written before become durable with it */
	if (zdh_lock_commit(&lk, zdh_odb_sync_mode(gitdir), ZDH_COMMIT_FLUSH) < 0) {
		/* a folder in the ref's place: no ref to zdh_ref_read(), refused by the rename */
		if (errno == EISDIR)
			err = zdh_error_set(ZDH_ETAKEN, _("cannot update ref %s: '%s' is a folder"),
					    refname, path.ptr);
		else
			err = zdh_error_errno(ZDH_ERROR, _("cannot update ref %s ('%s')"), refname,
					      path.ptr);
	}
done:
	zdh_tempfile_delete(&lk);
	zdh_buf_release(&path);
	return err;
}

/*
 * Collect loose refs under dir (gitdir/name), keeping those starting with
 * prefix.  peer: a file that is no ref (zdh_ref_foreach_peer) is kept
 * with the id "", where it fails the walk otherwise.
 */
static int walk_loose(struct refs *out, struct zdh_buf *path, size_t rootlen,
		      const char *prefix, size_t plen, int peer)
{
	DIR *d = opendir(path->ptr);
	struct dirent *de;
	int err = 0;

	if (!d) {
		if (errno == ENOENT || errno == ENOTDIR)
			return 0;
		return zdh_error_errno(ZDH_ERROR, _("cannot read refs in '%s'"), path->ptr);
	}
	while ((errno = 0, de = readdir(d))) {
		size_t keep = path->len, nlen = strlen(de->d_name);
		const char *name;
		int isdir;

		if (de->d_name[0] == '.')
			continue;
		if (nlen >= 5 && !strcmp(de->d_name + nlen - 5, ".lock"))
			continue;
		zdh_buf_addch(path, '/');
		zdh_buf_add(path, de->d_name, nlen);
		name = path->ptr + rootlen;
		/* a file may start with the prefix, a folder may lead to it */
		if (strncmp(name, prefix, path->len - rootlen < plen ? path->len - rootlen : plen))
			goto next;
#ifdef DT_DIR
		if (de->d_type != DT_UNKNOWN && de->d_type != DT_LNK)
			isdir = de->d_type == DT_DIR;
		else
#endif
		{
			struct stat st;
			if (stat(path->ptr, &st) < 0) {
				/* (a link in a loop, or to nothing: no ref) */
				if (peer && errno != ENOENT && path->len - rootlen >= plen &&
				    refname_ok(name)) {
					refs_add(out, name, strlen(name), "", 0);
					goto next;
				}
				err = zdh_error_errno(ZDH_ERROR, _("cannot read ref '%s'"), path->ptr);
				break;
			}
			isdir = S_ISDIR(st.st_mode);
		}
		if (isdir) {
			if ((err = walk_loose(out, path, rootlen, prefix, plen, peer)))
				break;
		} else if (path->len - rootlen >= plen && refname_ok(name)) {
			struct zdh_buf b = ZDH_BUF_INIT;
			char id[41];
			int r;

			if ((r = read_ref_file(&b, path->ptr, REF_FILE_MAX)) == -1) {
				/* deleted while we listed: it is gone */
				if (errno != ENOENT && !peer)
					err = zdh_error_errno(ZDH_ERROR, _("cannot read ref '%s'"),
							      path->ptr);
				else if (errno != ENOENT)
					refs_add(out, name, strlen(name), "", 0);
				zdh_buf_release(&b);
				if (err)
					break;
				goto next;
			}
			if (!r)
				r = parse_loose(id, &b);
			zdh_buf_release(&b);
			if (r < 0 && peer) {
				refs_add(out, name, strlen(name), "", 0);
				goto next;
			}
			if (r < 0) {
				err = zdh_error_set(ZDH_ECORRUPT, _("ref %s is corrupt"), name);
				break;
			}
			/* symbolic refs (none under refs/zdh/) are not listed */
			if (!r)
				refs_add(out, name, strlen(name), id, 0);
		}
next:
		zdh_buf_setlen(path, keep);
	}
	if (!err && errno)
		err = zdh_error_errno(ZDH_ERROR, _("cannot read refs in '%s'"), path->ptr);
	closedir(d);
	return err;
}

static int ref_cmp(const void *a, const void *b)
{
	const struct ref *x = a, *y = b;
	int r = strcmp(x->name, y->name);
	return r ? r : x->packed - y->packed;	/* loose first: it wins */
}

static int ref_foreach(const char *gitdir, const char *prefix,
		       int (*fn)(const char *refname, const char *id, void *payload),
		       void *payload, int peer)
{
	struct zdh_buf path = ZDH_BUF_INIT;
	struct refs all = { 0 };
	size_t rootlen, plen = strlen(prefix), dirlen = plen, i;
	int err;

	/* walk from the deepest folder the prefix names: "refs/zdh/log/" */
	while (dirlen && prefix[dirlen - 1] != '/')
		dirlen--;
	zdh_buf_puts(&path, gitdir);
	rootlen = path.len + 1;
	zdh_buf_addch(&path, '/');
	if (dirlen)
		zdh_buf_add(&path, prefix, dirlen);
	else
		zdh_buf_puts(&path, "refs");	/* loose refs all live there */
	while (path.len > rootlen && path.ptr[path.len - 1] == '/')
		zdh_buf_setlen(&path, path.len - 1);
	err = walk_loose(&all, &path, rootlen, prefix, plen, peer);
	if (!err)
		err = read_packed(&all, gitdir, prefix, 0);
	if (err)
		goto done;
	if (all.n > 1)
		qsort(all.v, all.n, sizeof(*all.v), ref_cmp);
	for (i = 0; i < all.n; i++) {
		if (i && !strcmp(all.v[i].name, all.v[i - 1].name))
			continue;
		if ((err = fn(all.v[i].name, all.v[i].id, payload)))
			break;
	}
done:
	refs_clear(&all);
	zdh_buf_release(&path);
	return err;
}

int zdh_ref_foreach(const char *gitdir, const char *prefix,
		    int (*fn)(const char *refname, const char *id, void *payload),
		    void *payload)
{
	return ref_foreach(gitdir, prefix, fn, payload, 0);
}

int zdh_ref_foreach_peer(const char *gitdir, const char *prefix,
			 int (*fn)(const char *refname, const char *id, void *payload),
			 void *payload)
{
	return ref_foreach(gitdir, prefix, fn, payload, 1);
}

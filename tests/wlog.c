/*
 * wlog — a block-level record of the writes a file system makes, for
 * tests/t1400-durable-replay.sh: what dm-log-writes does, on a kernel
 * without device-mapper.
 *
 *   wlog IMAGE LOG MOUNTPOINT
 *
 * serves MOUNTPOINT/disk, a FUSE file backed by IMAGE, to be set up as a
 * loop device (losetup) and mounted.  Every write the loop device sends
 * is applied to IMAGE and appended to LOG, every flush the file system
 * asks of the device (the loop driver turns REQ_PREFLUSH into fsync) is
 * appended as a flush record, and a write of text to MOUNTPOINT/mark
 * appends a mark (the test writes one after each command that reported
 * a write).  Requests are served one at a time (-s), so the log's order
 * is the order the device completed them in.
 *
 * LOG records: u32 type ('W', 'F', 'M'), u32 length, u64 offset, then
 * length bytes (the data written; the mark's text).
 */
#define FUSE_USE_VERSION 31
#include <errno.h>
#include <fcntl.h>
#include <fuse.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int img = -1, logfd = -1;
static off_t img_size;

static int put(uint32_t type, const void *data, uint32_t len, uint64_t off)
{
	unsigned char hdr[16];

	memcpy(hdr, &type, 4);
	memcpy(hdr + 4, &len, 4);
	memcpy(hdr + 8, &off, 8);
	if (write(logfd, hdr, 16) != 16 || (len && write(logfd, data, len) != (ssize_t)len))
		return -EIO;
	return 0;
}

static void *wl_init(struct fuse_conn_info *conn, struct fuse_config *cfg)
{
	/* no page cache in between: every write of the loop device reaches us */
	conn->want &= ~FUSE_CAP_WRITEBACK_CACHE;
	cfg->direct_io = 1;
	cfg->kernel_cache = 0;
	cfg->attr_timeout = 0;
	cfg->entry_timeout = 0;
	return NULL;
}

static int wl_getattr(const char *path, struct stat *st, struct fuse_file_info *fi)
{
	(void)fi;
	memset(st, 0, sizeof(*st));
	if (!strcmp(path, "/")) {
		st->st_mode = S_IFDIR | 0755;
		st->st_nlink = 2;
	} else if (!strcmp(path, "/disk")) {
		st->st_mode = S_IFREG | 0600;
		st->st_nlink = 1;
		st->st_size = img_size;
	} else if (!strcmp(path, "/mark")) {
		st->st_mode = S_IFREG | 0600;
		st->st_nlink = 1;
	} else {
		return -ENOENT;
	}
	return 0;
}

static int wl_readdir(const char *path, void *buf, fuse_fill_dir_t fill, off_t off,
		      struct fuse_file_info *fi, enum fuse_readdir_flags flags)
{
	(void)off;
	(void)fi;
	(void)flags;
	if (strcmp(path, "/"))
		return -ENOENT;
	fill(buf, ".", NULL, 0, 0);
	fill(buf, "..", NULL, 0, 0);
	fill(buf, "disk", NULL, 0, 0);
	fill(buf, "mark", NULL, 0, 0);
	return 0;
}

static int wl_open(const char *path, struct fuse_file_info *fi)
{
	if (strcmp(path, "/disk") && strcmp(path, "/mark"))
		return -ENOENT;
	fi->direct_io = 1;
	return 0;
}

static int wl_truncate(const char *path, off_t size, struct fuse_file_info *fi)
{
	(void)fi;
	(void)size;
	return strcmp(path, "/mark") ? -EPERM : 0;
}

static int wl_read(const char *path, char *buf, size_t size, off_t off, struct fuse_file_info *fi)
{
	ssize_t n;

	(void)fi;
	if (strcmp(path, "/disk"))
		return 0;
	n = pread(img, buf, size, off);
	return n < 0 ? -errno : (int)n;
}

static int wl_write(const char *path, const char *buf, size_t size, off_t off,
		    struct fuse_file_info *fi)
{
	ssize_t n;
	int err;

	(void)fi;
	if (!strcmp(path, "/mark"))
		return (err = put('M', buf, (uint32_t)size, 0)) ? err : (int)size;
	if (strcmp(path, "/disk"))
		return -ENOENT;
	n = pwrite(img, buf, size, off);
	if (n < 0)
		return -errno;
	return (err = put('W', buf, (uint32_t)n, (uint64_t)off)) ? err : (int)n;
}

static int wl_fsync(const char *path, int datasync, struct fuse_file_info *fi)
{
	(void)datasync;
	(void)fi;
	return strcmp(path, "/disk") ? 0 : put('F', NULL, 0, 0);
}

static const struct fuse_operations ops = {
	.init = wl_init,
	.getattr = wl_getattr,
	.readdir = wl_readdir,
	.open = wl_open,
	.truncate = wl_truncate,
	.read = wl_read,
	.write = wl_write,
	.fsync = wl_fsync,
};

int main(int argc, char **argv)
{
	char *args[] = { argv[0], "-f", "-s", "-o", "allow_other", NULL, NULL };
	struct stat st;

	if (argc != 4) {
		fprintf(stderr, "usage: wlog IMAGE LOG MOUNTPOINT\n");
		return 2;
	}
	if ((img = open(argv[1], O_RDWR)) < 0 || fstat(img, &st) < 0) {
		perror(argv[1]);
		return 1;
	}
	img_size = st.st_size;
	if ((logfd = open(argv[2], O_WRONLY | O_CREAT | O_TRUNC | O_APPEND, 0644)) < 0) {
		perror(argv[2]);
		return 1;
	}
	args[5] = argv[3];
	return fuse_main(6, args, &ops, NULL);
}

/*
 * packread — packs made by real git (repack with OFS and with REF deltas,
 * deep chains, gc --aggressive, an annotated tag, blobs larger than a
 * window) read back byte for byte as git cat-file gives them; a pack of
 * zdh's own writer; packs written here by hand for what git does not make
 * on purpose (a REF_DELTA on a loose object and on another pack's object,
 * damaged deltas and sizes, a loop of deltas); a damaged pack byte, a v1
 * index, a missing id, and a pack added after the first read.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "buf.h"
#include "error.h"
#include "odb.h"
#include "pack.h"
#include "packread.h"
#include "sha1.h"
#include "tap.h"

static char root[4096];

static int run(const char *cmd)
{
	int r = system(cmd);
	return r == -1 ? -1 : (r >> 8) & 0xff;
}

static int runf(const char *fmt, const char *arg)
{
	char *cmd = zdh_asprintf(fmt, arg, arg, arg, arg);
	int r = run(cmd);
	free(cmd);
	return r;
}

/* All the output of a shell command. */
static void capture(struct zdh_buf *b, const char *cmd)
{
	FILE *f = popen(cmd, "r");
	char chunk[65536];
	size_t n;

	zdh_buf_reset(b);
	if (!f)
		return;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		zdh_buf_add(b, chunk, n);
	pclose(f);
}

static char *capture_line(const char *cmd)
{
	struct zdh_buf b = ZDH_BUF_INIT;
	capture(&b, cmd);
	zdh_buf_rtrim(&b);
	return zdh_buf_detach(&b);
}

static int type_of(const char *name, size_t len)
{
	static const char *const names[] = { "", "commit", "tree", "blob", "tag" };
	for (int t = 1; t <= 4; t++)
		if (strlen(names[t]) == len && !memcmp(names[t], name, len))
			return t;
	return 0;
}

/*
 * Every object git lists (cat-file --batch-all-objects --batch) read
 * through zdh_packs_read (loose ones through zdh_odb_read_loose, as
 * core/store.c does), with the .idx mapped, again with only its offset
 * tables mapped (8 KiB at most) and again read with pread(): returns
 * how many, or -1 at the first difference.
 */
static long check_all(const char *gitdir, const char *what)
{
	struct zdh_buf all = ZDH_BUF_INIT, got = ZDH_BUF_INIT;
	struct zdh_packs *p = NULL, *unmapped[2] = { NULL, NULL };
	char *cmd = zdh_asprintf("git --git-dir='%s' cat-file --batch-all-objects --batch", gitdir);
	const char *s, *end;
	long n = 0;

	capture(&all, cmd);
	free(cmd);
	zdh_packs_open(&p, gitdir);
	zdh_packs_open(&unmapped[0], gitdir);
	zdh_packs_map_limit(unmapped[0], 8192);
	zdh_packs_open(&unmapped[1], gitdir);
	zdh_packs_map_limit(unmapped[1], 0);
	s = all.ptr;
	end = all.ptr + all.len;
	while (s < end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s)), *sp1, *sp2;
		char id[41];
		enum zdh_objtype type = 0, htype = 0;
		size_t size;
		int err;

		if (!nl || nl - s < 44 || s[40] != ' ')
			goto bad;
		memcpy(id, s, 40);
		id[40] = '\0';
		sp1 = s + 40;
		sp2 = memchr(sp1 + 1, ' ', (size_t)(nl - sp1 - 1));
		if (!sp2)
			goto bad;
		size = strtoul(sp2 + 1, NULL, 10);
		if ((size_t)(end - nl - 1) < size + 1)
			goto bad;
		zdh_buf_reset(&got);
		zdh_buf_puts(&got, "x");	/* reads append */
		err = zdh_packs_read(p, id, &got, &type);
		for (int u = 0; u < 2 && !err; u++) {
			enum zdh_objtype type2 = 0;
			err = zdh_packs_read(unmapped[u], id, &got, &type2);
			if (!err && (type2 != type || got.len != 2 * size + 1 ||
				     memcmp(got.ptr + 1, got.ptr + 1 + size, size)))
				err = -100;
			zdh_buf_setlen(&got, size + 1 > got.len ? got.len : size + 1);
		}
		if (err == ZDH_ENOTFOUND) {
			err = zdh_odb_read_loose(&got, &type, gitdir, id);
			if (!err && (zdh_odb_loose_type(&htype, gitdir, id) || htype != type))
				err = -101;
		} else if (!err && (zdh_packs_type(unmapped[1], id, &htype) || htype != type)) {
			err = -101;	/* the type from the headers alone differs */
		}
		if (err || (int)type != type_of(sp1 + 1, (size_t)(sp2 - sp1 - 1)) ||
		    got.len != size + 1 || memcmp(got.ptr + 1, nl + 1, size)) {
			printf("# %s: object %s differs (error %d: %s, type %d, %zu bytes for %zu)\n",
			       what, id, err, err ? zdh_error_msg() : "", type, got.len - 1, size);
			n = -1;
			break;
		}
		n++;
		s = nl + 1 + size + 1;
	}
	if (0) {
bad:
		printf("# %s: cannot parse git cat-file's output\n", what);
		n = -1;
	}
	zdh_packs_free(p);
	zdh_packs_free(unmapped[0]);
	zdh_packs_free(unmapped[1]);
	zdh_buf_release(&all);
	zdh_buf_release(&got);
	return n;
}

struct at {
	unsigned long long off;
	char id[41];
	int whole;		/* not a delta (by its first byte in the pack) */
};

static int by_off(const void *a, const void *b)
{
	const struct at *x = a, *y = b;
	return x->off < y->off ? -1 : x->off > y->off;
}

/*
 * Pack order: each pack's objects sorted by offset (git show-index) are
 * placed at ranks 0, 1, 2, ... of one pack by zdh_packs_place, and read
 * by rank are what zdh_packs_read gives by id; a whole object of another
 * type than wanted is not read; past the end is ZDH_ENOTFOUND.  Returns
 * how many objects, or -1 at the first difference.
 */
static long check_order(const char *gitdir, const char *what)
{
	struct zdh_buf list = ZDH_BUF_INIT, want = ZDH_BUF_INIT, got = ZDH_BUF_INIT;
	struct zdh_packs *p = NULL;
	char *cmd = zdh_asprintf("cd '%s'/objects/pack && for i in pack-*.idx; do "
				 "git show-index < $i | sed \"s|^|${i%%.idx}.pack |\"; echo; done",
				 gitdir);
	struct at *v = NULL;
	size_t n = 0, alloc = 0;
	long total = 0;
	char *line;

	capture(&list, cmd);
	free(cmd);
	zdh_packs_open(&p, gitdir);
	zdh_buf_addch(&list, '\n');
	for (line = list.ptr; total >= 0 && line && *line;) {
		char *nl = strchr(line, '\n');
		struct at a;
		char pack[256];

		*nl = '\0';
		if (sscanf(line, "%255s %llu %40s", pack, &a.off, a.id) == 3) {
			char *path = zdh_asprintf("%s/objects/pack/%s", gitdir, pack);
			FILE *f = fopen(path, "rb");
			int type = f && !fseek(f, (long)a.off, SEEK_SET) ? (fgetc(f) >> 4) & 7 : 0;

			a.whole = type >= 1 && type <= 4;
			if (f)
				fclose(f);
			free(path);
			if (n == alloc)
				v = zdh_realloc(v, (alloc = alloc ? 2 * alloc : 64) * sizeof(*v));
			v[n++] = a;
		} else if (n) {		/* the end of one pack's list */
			size_t k0 = (size_t)-1, k = 0;
			uint32_t rank = 0;
			enum zdh_objtype t, t2;
			unsigned char id[ZDH_OID_RAWSZ], other[ZDH_OID_RAWSZ];

			qsort(v, n, sizeof(*v), by_off);
			for (size_t i = 0; i < n && total >= 0; i++) {
				zdh_buf_reset(&want);
				zdh_buf_reset(&got);
				zdh_oid_fromhex(id, v[i].id);
				if (zdh_packs_place(p, v[i].id, &k, &rank) != 1 || rank != i ||
				    (k0 != (size_t)-1 && k != k0) || zdh_packs_read(p, v[i].id, &want, &t) ||
				    zdh_packs_read_rank(p, k, rank, t, id, &got, &t2) != 1 ||
				    t2 != t || got.len != want.len || memcmp(got.ptr, want.ptr, got.len)) {
					printf("# %s: object %s at %llu: placed %zu/%u, read back differently (%s)\n",
					       what, v[i].id, v[i].off, k, rank, zdh_error_msg());
					total = -1;
					break;
				}
				k0 = k;
				zdh_buf_reset(&got);
				if (zdh_packs_read_rank(p, k, rank, t == ZDH_OBJ_BLOB ? ZDH_OBJ_COMMIT :
							ZDH_OBJ_BLOB, id, &got, &t2) != 1 || t2 != t ||
				    got.len != (v[i].whole ? 0 : want.len)) {
					printf("# %s: object %s read for another type: %d, %zu bytes\n", what,
					       v[i].id, t2, got.len);
					total = -1;
				}
				/* asked for another id: nothing read, its type when it is whole */
				memcpy(other, id, sizeof(other));
				other[ZDH_OID_RAWSZ - 1] ^= 1;
				zdh_buf_reset(&got);
				if (zdh_packs_read_rank(p, k, rank, t, other, &got, &t2) != 0 || got.len ||
				    t2 != (v[i].whole ? t : 0)) {
					printf("# %s: object %s read for another id: %d, %zu bytes\n", what,
					       v[i].id, t2, got.len);
					total = -1;
				}
				total++;
			}
			zdh_buf_reset(&got);
			if (total >= 0 && zdh_packs_read_rank(p, k, (uint32_t)n, ZDH_OBJ_COMMIT, id, &got,
							      &t2) != ZDH_ENOTFOUND) {
				printf("# %s: a rank past the end reads\n", what);
				total = -1;
			}
			n = 0;
		}
		line = nl + 1;
	}
	zdh_packs_free(p);
	free(v);
	zdh_buf_release(&list);
	zdh_buf_release(&want);
	zdh_buf_release(&got);
	return total;
}

/* Count the objects of each pack type (git show-index and the pack's bytes). */
static void count_types(const char *gitdir, long counts[8], int *max_chain)
{
	struct zdh_buf b = ZDH_BUF_INIT;
	char *cmd, *line, *save = NULL;

	memset(counts, 0, 8 * sizeof(*counts));
	cmd = zdh_asprintf("cd '%s'/objects/pack && for i in pack-*.idx; do "
			   "git show-index < $i | sed \"s|^|${i%%.idx}.pack |\"; done", gitdir);
	capture(&b, cmd);
	free(cmd);
	for (line = strtok_r(b.ptr, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char pack[256], *path;
		unsigned long long off;
		FILE *f;

		if (sscanf(line, "%255s %llu", pack, &off) != 2)
			continue;
		path = zdh_asprintf("%s/objects/pack/%s", gitdir, pack);
		f = fopen(path, "rb");
		if (f && !fseek(f, (long)off, SEEK_SET))
			counts[(fgetc(f) >> 4) & 7]++;
		if (f)
			fclose(f);
		free(path);
	}
	cmd = zdh_asprintf("git --git-dir='%s' verify-pack -v '%s'/objects/pack/pack-*.idx | "
			   "sed -n 's/^chain length = \\([0-9]*\\):.*/\\1/p' | tail -1", gitdir, gitdir);
	line = capture_line(cmd);
	*max_chain = atoi(line);
	free(line);
	free(cmd);
	zdh_buf_release(&b);
}

static void test_git_packs(const char *w)
{
	char *gitdir = zdh_asprintf("%s/.git", w);
	long counts[8], n;
	int chain;

	is_int(runf("set -e; git init -q '%s'; cd '%s'; "
		    "perl -e 'print qq(line $_ of a long file that changes a little each time\\n) for 1..3000' > big.txt; "
		    "perl -e 'srand(7); print map { chr(int(rand(256))) } 1..100000' > random.bin; "
		    ": > empty.txt; "
		    "for i in $(seq 1 70); do "
		    "  echo \"change $i\" >> a.txt; "
		    "  perl -pi -e \"s/^line $((i * 37)) of/LINE $i of/\" big.txt; "
		    "  printf 'x%%s' $i | dd of=random.bin bs=1 seek=$((i * 997)) conv=notrunc 2>/dev/null; "
		    "  seq $i $((i + 40)) > b.txt; "
		    "  git add -A; git commit -q -m \"commit $i\"; "
		    "done; git tag -a -m 'a tag' v1", w), 0, "a git repository of 70 similar commits");

	is_int(runf("cd '%s' && git repack -q -adf --depth=50 --window=50", w), 0,
	       "git repack -adf --depth=50 --window=50");
	count_types(gitdir, counts, &chain);
	ok(counts[6] > 50 && !counts[7], "OFS_DELTA objects, no REF_DELTA");
	ok(chain >= 20, "delta chains 20 deep or more");
	printf("# %ld commits, %ld trees, %ld blobs, %ld tags, %ld OFS_DELTA; chains up to %d\n",
	       counts[1], counts[2], counts[3], counts[4], counts[6], chain);
	n = check_all(gitdir, "ofs");
	ok(n > 250, "every object reads back as git cat-file gives it (OFS_DELTA)");
	printf("# %ld objects\n", n);
	ok(check_order(gitdir, "ofs") == n, "in pack order too, deltas and all");

	is_int(runf("cd '%s' && git -c repack.useDeltaBaseOffset=false repack -q -adf --depth=250 --window=50", w),
	       0, "git repack with REF_DELTA, --depth=250");
	count_types(gitdir, counts, &chain);
	ok(counts[7] > 50 && !counts[6], "REF_DELTA objects, no OFS_DELTA");
	ok(check_all(gitdir, "ref") == n, "every object reads back (REF_DELTA)");

	is_int(runf("cd '%s' && git gc -q --aggressive", w), 0, "git gc --aggressive");
	count_types(gitdir, counts, &chain);
	printf("# after gc --aggressive: %ld OFS_DELTA, chains up to %d\n", counts[6], chain);
	ok(check_all(gitdir, "aggressive") == n, "every object reads back (gc --aggressive)");

	/* a pack added after the first read is found */
	{
		struct zdh_packs *p = NULL;
		struct zdh_buf b = ZDH_BUF_INIT;
		enum zdh_objtype type;
		char *cmd = zdh_asprintf("git -C '%s' rev-parse HEAD", w), *head = capture_line(cmd), *id;

		zdh_packs_open(&p, gitdir);
		is_int(zdh_packs_read(p, head, &b, &type), 0, "read HEAD");
		is_int(type, ZDH_OBJ_COMMIT, "a commit");
		is_int(zdh_packs_read(p, "0123456789abcdef0123456789abcdef01234567", &b, &type),
		       ZDH_ENOTFOUND, "a missing id is not found");
		is_int(zdh_packs_read(p, "not an id", &b, &type), ZDH_EINVALID, "a malformed id is refused");
		is_int(runf("cd '%s' && echo new > new.txt && git add new.txt && git commit -q -m new && "
			    "git repack -q -d", w), 0, "a new commit, packed on its own");
		free(cmd);
		cmd = zdh_asprintf("git -C '%s' rev-parse HEAD:new.txt", w);
		id = capture_line(cmd);
		free(cmd);
		zdh_buf_reset(&b);
		is_int(zdh_packs_read(p, id, &b, &type), 0, "its blob is found in the new pack");
		is_str(b.ptr, "new\n", "with its content");
		zdh_packs_free(p);
		zdh_buf_release(&b);
		free(id);
		free(head);
	}
	ok(check_all(gitdir, "two packs") == n + 3, "every object of the two packs reads back");

	/* a v1 index */
	is_int(runf("cd '%s'/.git/objects/pack && for i in pack-*.pack; do "
		    "git index-pack --index-version=1 -o v1.tmp $i >/dev/null && chmod u+w ${i%%.pack}.idx && "
		    "mv v1.tmp ${i%%.pack}.idx; done", w), 0, "rewrite the indexes as version 1");
	{
		struct zdh_packs *p = NULL;
		struct zdh_buf b = ZDH_BUF_INIT;
		enum zdh_objtype type;

		zdh_packs_open(&p, gitdir);
		is_int(zdh_packs_read(p, "0123456789abcdef0123456789abcdef01234567", &b, &type),
		       ZDH_ECORRUPT, "a version 1 index is refused");
		ok(strstr(zdh_error_msg(), "version 1") && strstr(zdh_error_msg(), ".idx"),
		   "with a message naming the file and the version");
		printf("# %s\n", zdh_error_msg());
		zdh_packs_free(p);
	}
	free(gitdir);
}

/* 300 versions of a file: chains deeper than gc --aggressive makes (250). */
static void test_deep(const char *gitdir)
{
	long counts[8], n;
	int chain;

	is_int(runf("set -e; git init -q --bare '%s'; "
		    "perl -e '@l = map { qq(line $_ of a file\n) } 1..400; "
		    "for $i (1..300) { $l[$i * 7 %% 400] = qq(line changed in version $i\n); $d = join q(), @l; "
		    "print qq(blob\nmark :$i\ndata ), length($d), qq(\n$d\n), "
		    "qq(commit refs/heads/main\ncommitter T <t\\@example.org> $i +0000\ndata 0\n), "
		    "qq(M 100644 :$i f.txt\n\n) }' | "
		    "git --git-dir='%s' fast-import --quiet; "
		    "git --git-dir='%s' repack -q -adf --depth=300 --window=300", gitdir), 0,
	       "300 versions of a file, repacked with --depth=300");
	count_types(gitdir, counts, &chain);
	ok(chain >= 250, "delta chains of 250 or more");
	printf("# chains up to %d\n", chain);
	n = check_all(gitdir, "deep");
	is_int(n, 900, "every version reads back (and 300 commits and trees)");
}

/* Damage one byte inside an object's data: reading every object then fails cleanly. */
static void test_damage(const char *w)
{
	char *gitdir = zdh_asprintf("%s/.git", w);
	struct zdh_buf list = ZDH_BUF_INIT, b = ZDH_BUF_INIT;
	struct zdh_packs *p = NULL;
	char *cmd, *line, *save = NULL;
	int damaged = 0, fine = 0, other = 0;

	is_int(runf("set -e; git init -q '%s'; cd '%s'; for i in $(seq 1 30); do "
		    "seq 1 $((i * 50)) > f.txt; git add f.txt; git commit -q -m \"c $i\"; done; "
		    "git repack -q -adf --depth=50", w), 0, "another repository, packed");
	/* flip a byte in the middle of the largest object's stream (the biggest offset gap) */
	cmd = zdh_asprintf("cd '%s'/objects/pack && i=$(ls pack-*.idx) && "
			   "git show-index < $i | sort -n | awk 'NR > 1 && $1 - p > m { m = $1 - p; at = p } "
			   "{ p = $1 } END { print at + int(m / 2) }'", gitdir);
	line = capture_line(cmd);
	free(cmd);
	cmd = zdh_asprintf("cd '%s'/objects/pack && f=$(ls pack-*.pack) && chmod u+w $f && "
			   "printf '\\377' | dd of=$f bs=1 seek=%s conv=notrunc 2>/dev/null", gitdir, line);
	is_int(run(cmd), 0, "damage a byte of the pack");
	free(cmd);
	free(line);

	cmd = zdh_asprintf("git --git-dir='%s' cat-file --batch-all-objects --batch-check='%%(objectname)'",
			   gitdir);
	capture(&list, cmd);
	free(cmd);
	zdh_packs_open(&p, gitdir);
	for (line = strtok_r(list.ptr, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		enum zdh_objtype type;
		int err;

		zdh_buf_reset(&b);
		err = zdh_packs_read(p, line, &b, &type);
		if (!err)
			fine++;
		else if (err == ZDH_ECORRUPT)
			damaged++;
		else
			other++;
		if (err == ZDH_ECORRUPT && damaged == 1)
			printf("# %s\n", zdh_error_msg());
	}
	ok(damaged >= 1 && !other, "the damaged object (and what deltas on it) is ZDH_ECORRUPT");
	ok(fine > 40, "the others read");
	printf("# %d damaged, %d fine\n", damaged, fine);
	zdh_packs_free(p);
	zdh_buf_release(&list);
	zdh_buf_release(&b);
	free(gitdir);
}

/* A pack written by hand: each object's pack type, header size, payload and base. */
struct hand {
	int type;
	size_t size;		/* the size in the header (normally len) */
	const void *data;
	size_t len;
	const char *base_id;	/* REF_DELTA */
	int base;		/* OFS_DELTA: index of an earlier object */
	char id[41];		/* listed under this id */
};

static void be32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

static int write_file(const char *path, const void *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	int ok_ = f && fwrite(data, 1, len, f) == len;
	if (f && fclose(f))
		ok_ = 0;
	return ok_ ? 0 : -1;
}

static void write_hand_pack(const char *gitdir, struct hand *o, int n)
{
	struct zdh_buf pack = ZDH_BUF_INIT, idx = ZDH_BUF_INIT;
	uint64_t off[16];
	uint32_t crc[16], fanout[256] = { 0 };
	unsigned char raw[16][20], sum[20], word[4];
	int order[16];
	struct zdh_sha1 c;
	char hex[41], *path;

	zdh_buf_add(&pack, "PACK\0\0\0\2", 8);
	be32(word, (uint32_t)n);
	zdh_buf_add(&pack, word, 4);
	for (int i = 0; i < n; i++) {
		unsigned char hdr[32], z[4096];
		size_t h = 0, size = o[i].size;
		uLongf zlen = sizeof(z);

		off[i] = pack.len;
		hdr[h] = (unsigned char)(o[i].type << 4 | (size & 15));
		for (size >>= 4; size; size >>= 7) {
			hdr[h++] |= 0x80;
			hdr[h] = size & 0x7f;
		}
		h++;
		if (o[i].type == 6) {
			uint64_t d = off[i] - off[o[i].base];
			unsigned char tmp[16];
			int k = 15;
			tmp[k] = d & 127;
			while (d >>= 7)
				tmp[--k] = 128 | (--d & 127);
			memcpy(hdr + h, tmp + k, (size_t)(16 - k));
			h += (size_t)(16 - k);
		} else if (o[i].type == 7) {
			zdh_oid_fromhex(hdr + h, o[i].base_id);
			h += 20;
		}
		compress2(z, &zlen, o[i].data, o[i].len, 6);
		zdh_buf_add(&pack, hdr, h);
		zdh_buf_add(&pack, z, zlen);
		crc[i] = (uint32_t)crc32(crc32(0, hdr, (uInt)h), z, (uInt)zlen);
		zdh_oid_fromhex(raw[i], o[i].id);
		order[i] = i;
		fanout[raw[i][0]]++;
	}
	zdh_sha1_init(&c);
	zdh_sha1_update(&c, pack.ptr, pack.len);
	zdh_sha1_final(sum, &c);
	zdh_buf_add(&pack, sum, 20);
	for (int i = 1; i < n; i++)	/* insertion sort by id */
		for (int j = i; j > 0 && memcmp(raw[order[j - 1]], raw[order[j]], 20) > 0; j--) {
			int t = order[j];
			order[j] = order[j - 1];
			order[j - 1] = t;
		}
	zdh_buf_add(&idx, "\377tOc\0\0\0\2", 8);
	for (int i = 0; i < 256; i++) {
		if (i)
			fanout[i] += fanout[i - 1];
		be32(word, fanout[i]);
		zdh_buf_add(&idx, word, 4);
	}
	for (int i = 0; i < n; i++)
		zdh_buf_add(&idx, raw[order[i]], 20);
	for (int i = 0; i < n; i++) {
		be32(word, crc[order[i]]);
		zdh_buf_add(&idx, word, 4);
	}
	for (int i = 0; i < n; i++) {
		be32(word, (uint32_t)off[order[i]]);
		zdh_buf_add(&idx, word, 4);
	}
	zdh_buf_add(&idx, sum, 20);
	zdh_sha1_init(&c);
	zdh_sha1_update(&c, idx.ptr, idx.len);
	zdh_sha1_final(sum + 0, &c);
	zdh_buf_add(&idx, sum, 20);
	zdh_oid_tohex(hex, (const unsigned char *)pack.ptr + pack.len - 20);
	path = zdh_asprintf("%s/objects/pack/pack-%s.pack", gitdir, hex);
	write_file(path, pack.ptr, pack.len);
	free(path);
	path = zdh_asprintf("%s/objects/pack/pack-%s.idx", gitdir, hex);
	write_file(path, idx.ptr, idx.len);
	free(path);
	zdh_buf_release(&pack);
	zdh_buf_release(&idx);
}

/* A delta: copy all of a base of base_len bytes, then insert text. */
static size_t make_delta(unsigned char *d, size_t base_len, size_t out_len, const char *text)
{
	size_t n = 0, t = strlen(text);

	for (size_t v = base_len; ; ) {
		d[n++] = (unsigned char)((v & 127) | (v > 127 ? 128 : 0));
		if (!(v >>= 7))
			break;
	}
	for (size_t v = out_len; ; ) {
		d[n++] = (unsigned char)((v & 127) | (v > 127 ? 128 : 0));
		if (!(v >>= 7))
			break;
	}
	d[n++] = 0x90;		/* copy from offset 0, one size byte */
	d[n++] = (unsigned char)base_len;
	d[n++] = (unsigned char)t;
	memcpy(d + n, text, t);
	return n + t;
}

static void test_hand_packs(const char *gitdir)
{
	static const char base[] = "the base of a delta, written loose\n";
	char base_id[41], ref_id[41], ofs_id[41], loop_id[41];
	unsigned char d1[128], d2[128], d3[128], dbad[128];
	struct zdh_buf want1 = ZDH_BUF_INIT, want2 = ZDH_BUF_INIT, b = ZDH_BUF_INIT;
	struct zdh_packs *p = NULL;
	enum zdh_objtype type;
	size_t n1, n2, n3, nbad;

	is_int(runf("git init -q --bare '%s'", gitdir), 0, "an empty bare repository");
	is_int(zdh_odb_write(base_id, gitdir, ZDH_OBJ_BLOB, base, strlen(base)), 0, "a loose blob");
	zdh_buf_puts(&want1, base);
	zdh_buf_puts(&want1, "and a REF_DELTA on it\n");
	zdh_buf_add(&want2, want1.ptr, want1.len);
	zdh_buf_puts(&want2, "and an OFS_DELTA on that\n");
	n1 = make_delta(d1, strlen(base), want1.len, "and a REF_DELTA on it\n");
	n2 = make_delta(d2, want1.len, want2.len, "and an OFS_DELTA on that\n");
	nbad = make_delta(dbad, strlen(base) + 1, want1.len + 1, "x");	/* wrong base size */
	{
		struct hand o[7] = {
			{ 7, n1, d1, n1, base_id, 0, "" },
			{ 6, n2, d2, n2, NULL, 0, "" },
			{ 3, 9, "too short", 9, NULL, 0, "1111111111111111111111111111111111111111" },
			{ 7, nbad, dbad, nbad, base_id, 0, "2222222222222222222222222222222222222222" },
			{ 7, 4, "\x05\x05\x90\x05", 4, "4444444444444444444444444444444444444444", 0,
			  "3333333333333333333333333333333333333333" },
			{ 7, 4, "\x05\x05\x90\x05", 4, "3333333333333333333333333333333333333333", 0,
			  "4444444444444444444444444444444444444444" },
			{ 3, 9, "too long!", 9, NULL, 0, "5555555555555555555555555555555555555555" },
		};
		o[2].size = 20;	/* the header says 20, the data is 9 */
		o[6].size = 5;	/* the header says 5, the data is 9 */
		zdh_odb_hash(o[0].id, ZDH_OBJ_BLOB, want1.ptr, want1.len);
		zdh_odb_hash(o[1].id, ZDH_OBJ_BLOB, want2.ptr, want2.len);
		write_hand_pack(gitdir, o, 7);
		memcpy(ref_id, o[0].id, 41);
		memcpy(ofs_id, o[1].id, 41);
		memcpy(loop_id, o[4].id, 41);
	}
	zdh_packs_open(&p, gitdir);
	is_int(zdh_packs_read(p, ref_id, &b, &type), 0, "a REF_DELTA on a loose object");
	ok(type == ZDH_OBJ_BLOB && b.len == want1.len && !memcmp(b.ptr, want1.ptr, b.len), "reads right");
	zdh_buf_reset(&b);
	is_int(zdh_packs_read(p, ofs_id, &b, &type), 0, "an OFS_DELTA on it");
	ok(type == ZDH_OBJ_BLOB && b.len == want2.len && !memcmp(b.ptr, want2.ptr, b.len), "reads right");
	zdh_buf_reset(&b);
	zdh_buf_puts(&b, "keep");
	is_int(zdh_packs_read(p, "1111111111111111111111111111111111111111", &b, &type), ZDH_ECORRUPT,
	       "an object shorter than its header says is corrupt");
	printf("# %s\n", zdh_error_msg());
	is_int(zdh_packs_read(p, "5555555555555555555555555555555555555555", &b, &type), ZDH_ECORRUPT,
	       "an object longer than its header says is corrupt");
	printf("# %s\n", zdh_error_msg());
	is_int(zdh_packs_read(p, "2222222222222222222222222222222222222222", &b, &type), ZDH_ECORRUPT,
	       "a delta for a base of another size is corrupt");
	printf("# %s\n", zdh_error_msg());
	is_int(zdh_packs_read(p, loop_id, &b, &type), ZDH_ECORRUPT, "a loop of deltas is corrupt");
	printf("# %s\n", zdh_error_msg());
	type = 0;
	ok(!zdh_packs_type(p, ref_id, &type) && type == ZDH_OBJ_BLOB, "a REF_DELTA's type, from its loose base's header");
	type = 0;
	ok(!zdh_packs_type(p, ofs_id, &type) && type == ZDH_OBJ_BLOB, "an OFS_DELTA's type, down the chain");
	is_int(zdh_packs_type(p, loop_id, &type), ZDH_ECORRUPT, "a loop of deltas has no type");
	is_int(zdh_packs_type(p, "6666666666666666666666666666666666666666", &type), ZDH_ENOTFOUND,
	       "an object no pack holds has none");
	is_str(b.ptr, "keep", "the buffer is left as it was");
	zdh_packs_free(p);

	/* copies whose offset and size take several bytes, and copies cut short */
	{
		struct hand o[3] = {
			{ 7, 7, "\x23\x05\xb3\x01\x00\x05\x00", 7, base_id, 0, "" },
			{ 7, 4, "\x23\x05\x91\x00", 4, base_id, 0, "7777777777777777777777777777777777777777" },
			{ 7, 6, "\x23\x05\xff\x00\x00\x00", 6, base_id, 0,
			  "8888888888888888888888888888888888888888" },
		};
		char id[41];

		zdh_odb_hash(id, ZDH_OBJ_BLOB, "he ba", 5);
		memcpy(o[0].id, id, 41);
		write_hand_pack(gitdir, o, 3);
		zdh_packs_open(&p, gitdir);
		zdh_buf_reset(&b);
		is_int(zdh_packs_read(p, id, &b, &type), 0, "a copy of two offset and two size bytes");
		ok(b.len == 5 && !memcmp(b.ptr, "he ba", 5), "reads right");
		is_int(zdh_packs_read(p, "7777777777777777777777777777777777777777", &b, &type), ZDH_ECORRUPT,
		       "a copy without its size byte is corrupt");
		is_int(zdh_packs_read(p, "8888888888888888888888888888888888888888", &b, &type), ZDH_ECORRUPT,
		       "a copy with three of its seven bytes is corrupt");
		zdh_packs_free(p);
	}

	/* a REF_DELTA on an object of another pack */
	{
		char id3[41];
		struct zdh_buf want3 = ZDH_BUF_INIT;
		struct hand o[1] = { { 7, 0, d3, 0, NULL, 0, "" } };

		zdh_buf_add(&want3, want2.ptr, want2.len);
		zdh_buf_puts(&want3, "and one in another pack\n");
		n3 = make_delta(d3, want2.len, want3.len, "and one in another pack\n");
		o[0].size = o[0].len = n3;
		o[0].base_id = ofs_id;
		zdh_odb_hash(id3, ZDH_OBJ_BLOB, want3.ptr, want3.len);
		memcpy(o[0].id, id3, 41);
		write_hand_pack(gitdir, o, 1);
		zdh_packs_open(&p, gitdir);
		zdh_buf_reset(&b);
		is_int(zdh_packs_read(p, id3, &b, &type), 0, "a REF_DELTA on another pack's object");
		ok(b.len == want3.len && !memcmp(b.ptr, want3.ptr, b.len), "reads right");
		zdh_packs_free(p);
		zdh_packs_open(&p, gitdir);	/* (nothing cached) */
		type = 0;
		ok(!zdh_packs_type(p, id3, &type) && type == ZDH_OBJ_BLOB, "and its type, through the other pack");
		zdh_packs_free(p);
		zdh_buf_release(&want3);
	}
	zdh_buf_release(&want1);
	zdh_buf_release(&want2);
	zdh_buf_release(&b);
}

/* A pack of zdh's own writer, with an object spanning several windows. */
static void test_zdh_pack(const char *gitdir)
{
	struct zdh_packw *w = NULL;
	struct zdh_buf b = ZDH_BUF_INIT, big = ZDH_BUF_INIT;
	struct zdh_packs *p = NULL;
	char ids[300][41], bigid[41], *deltas, *cmd;
	enum zdh_objtype type;
	int bad = 0;

	is_int(runf("git init -q --bare '%s'", gitdir), 0, "a bare repository for zdh's pack");
	is_int(zdh_packw_open(&w, gitdir), 0, "start a pack");
	for (int i = 0; i < 300; i++) {
		zdh_buf_reset(&b);
		zdh_buf_addf(&b, "tree %s\nauthor A <a@example.org> %d +0800\n"
			     "committer A <a@example.org> %d +0800\n\nevent %d\n",
			     ZDH_EMPTY_TREE, 1700000000 + i, 1700000000 + i, i);
		zdh_odb_hash(ids[i], ZDH_OBJ_COMMIT, b.ptr, b.len);
		zdh_packw_add(w, ZDH_OBJ_COMMIT, ids[i], b.ptr, b.len);
	}
	for (int i = 0; i < 300000; i++)
		zdh_buf_addch(&big, (char)(i * 2654435761u >> 13));
	zdh_odb_hash(bigid, ZDH_OBJ_BLOB, big.ptr, big.len);
	zdh_packw_add(w, ZDH_OBJ_BLOB, bigid, big.ptr, big.len);
	is_int(zdh_packw_finish(w), 0, "finish it");
	zdh_packs_open(&p, gitdir);
	for (int i = 299; i >= 0; i--) {
		zdh_buf_reset(&b);
		if (zdh_packs_read(p, ids[i], &b, &type) || type != ZDH_OBJ_COMMIT || !strstr(b.ptr, "event"))
			bad++;
	}
	is_int(bad, 0, "its 300 commits read back, newest first");
	zdh_buf_reset(&b);
	is_int(zdh_packs_read(p, bigid, &b, &type), 0, "a 300 KB blob");
	ok(b.len == big.len && !memcmp(b.ptr, big.ptr, b.len), "reads back whole");
	zdh_packs_free(p);
	ok(check_all(gitdir, "zdh pack") == 301, "and git agrees on every object");
	ok(check_order(gitdir, "zdh pack") == 301, "in pack order too");
	/* commits are deltas of a whole commit before them, never of a delta */
	cmd = zdh_asprintf("git --git-dir='%s' verify-pack -v '%s'/objects/pack/*.idx "
			   "| awk '$2 == \"commit\" && NF >= 7 { n++; if ($6 > 1) deep++ } "
			   "END { print n + 0, deep + 0 }'", gitdir, gitdir);
	deltas = capture_line(cmd);
	free(cmd);
	is_str(deltas, "295 0", "295 of the 300 commits are deltas, none deeper than 1");
	free(deltas);
	zdh_buf_release(&b);
	zdh_buf_release(&big);
}

/*
 * Objects that go round the writer's ring of jobs (core/pack.c, RING)
 * several times: blobs of 300 KB (seven fill it, so the caller waits for
 * the writer to give bytes back), small commits between them (a tail
 * skipped at the wrap), and blobs past a quarter of the ring (malloc'd).
 */
static void test_zdh_pack_ring(const char *gitdir)
{
	struct zdh_packw *w = NULL;
	struct zdh_buf b = ZDH_BUF_INIT;
	struct zdh_packs *p = NULL;
	static char ids[120][41];
	size_t sizes[120];
	enum zdh_objtype type;
	int bad = 0;

	is_int(runf("git init -q --bare '%s'", gitdir), 0, "a bare repository for the ring");
	is_int(zdh_packw_open(&w, gitdir), 0, "start a pack");
	for (int i = 0; i < 120; i++) {
		zdh_buf_reset(&b);
		sizes[i] = i % 3 == 2 ? 100 + (size_t)i : i % 10 == 0 ? 700000 : 300000 + (size_t)i;
		for (size_t k = 0; k < sizes[i]; k++)
			zdh_buf_addch(&b, (char)((k + (size_t)i) * 2654435761u >> 13));
		zdh_odb_hash(ids[i], ZDH_OBJ_BLOB, b.ptr, b.len);
		if (zdh_packw_add(w, ZDH_OBJ_BLOB, ids[i], b.ptr, b.len))
			bad++;
	}
	is_int(bad, 0, "120 blobs of 100 B to 700 KB queued");
	is_int(zdh_packw_finish(w), 0, "finish it");
	zdh_packs_open(&p, gitdir);
	for (int i = 0; i < 120; i++) {
		zdh_buf_reset(&b);
		if (zdh_packs_read(p, ids[i], &b, &type) || type != ZDH_OBJ_BLOB || b.len != sizes[i] ||
		    (b.len && b.ptr[b.len - 1] != (char)((b.len - 1 + (size_t)i) * 2654435761u >> 13)))
			bad++;
	}
	is_int(bad, 0, "each read back whole");
	zdh_packs_free(p);
	ok(check_all(gitdir, "zdh ring pack") == 120, "and git agrees on every object");
	zdh_buf_release(&b);
}

/*
 * A pack of 20,000 objects: its .idx sorted by counting its ids into
 * buckets of their first two bytes (core/pack.c, sort_entries), several
 * ids to a bucket; each read back through the .idx's binary search, and
 * the names git reads from it in ascending order.
 */
static void test_zdh_pack_many(const char *gitdir)
{
	enum { N = 20000 };
	struct zdh_packw *w = NULL;
	struct zdh_buf b = ZDH_BUF_INIT;
	struct zdh_packs *p = NULL;
	static char ids[N][41];
	enum zdh_objtype type;
	char *cmd, *line;
	int bad = 0;

	is_int(runf("git init -q --bare '%s'", gitdir), 0, "a bare repository for 20,000 objects");
	is_int(zdh_packw_open(&w, gitdir), 0, "start a pack");
	for (int i = 0; i < N; i++) {
		zdh_buf_reset(&b);
		zdh_buf_addf(&b, "object %d\n", i);
		zdh_odb_hash(ids[i], ZDH_OBJ_BLOB, b.ptr, b.len);
		if (zdh_packw_add(w, ZDH_OBJ_BLOB, ids[i], b.ptr, b.len))
			bad++;
	}
	is_int(bad, 0, "20,000 blobs queued");
	for (int i = 0; i < N; i += 7) {
		zdh_buf_reset(&b);
		zdh_buf_addf(&b, "object %d\n", i);
		if (zdh_packw_add(w, ZDH_OBJ_BLOB, ids[i], b.ptr, b.len))
			bad++;
	}
	is_int(bad, 0, "every seventh queued again");
	is_int((int)zdh_packw_count(w), N, "... and counted once");
	zdh_packw_abort(w);
	/* ids that share their first four bytes (the set's place) are told apart, each once */
	is_int(zdh_packw_open(&w, gitdir), 0, "start a pack of ids alike in their first bytes");
	for (int round = 0; round < 2; round++)
		for (int i = 0; i < 3000; i++) {
			char id[41];
			snprintf(id, sizeof(id), "abcdef01%032x", (unsigned)i * 2654435761u);
			if (zdh_packw_add(w, ZDH_OBJ_BLOB, id, "x", 1))
				bad++;
		}
	is_int(bad, 0, "3,000 ids alike, each queued twice");
	is_int((int)zdh_packw_count(w), 3000, "... and counted once each");
	zdh_packw_abort(w);
	is_int(zdh_packw_open(&w, gitdir), 0, "start the pack again");
	for (int i = 0; i < N; i++) {
		zdh_buf_reset(&b);
		zdh_buf_addf(&b, "object %d\n", i);
		if (zdh_packw_add(w, ZDH_OBJ_BLOB, ids[i], b.ptr, b.len))
			bad++;
	}
	is_int(zdh_packw_finish(w), 0, "finish it");
	zdh_packs_open(&p, gitdir);
	for (int i = 0; i < N; i++) {
		zdh_buf_reset(&b);
		if (zdh_packs_read(p, ids[i], &b, &type) || type != ZDH_OBJ_BLOB ||
		    b.len != strlen("object \n") + (size_t)snprintf(NULL, 0, "%d", i))
			bad++;
	}
	is_int(bad, 0, "each found by its id and read back");
	zdh_packs_free(p);
	cmd = zdh_asprintf("cat '%s'/objects/pack/*.idx | git --git-dir='%s' show-index >'%s/names' &&"
			   " test $(wc -l <'%s/names') = 20000 && awk '{ print $2 }' '%s/names' |"
			   " LC_ALL=C sort -c && echo sorted", gitdir, gitdir, gitdir, gitdir, gitdir);
	line = capture_line(cmd);
	is_str(line, "sorted", "the .idx names them in ascending order");
	free(line);
	free(cmd);
	ok(check_all(gitdir, "zdh pack of 20,000") == N, "and git agrees on every object");
	zdh_buf_release(&b);
}

/*
 * A blob larger than zdh reads, packed by git (a large file goes straight
 * into a pack): its type from its entry's header, nothing inflated.
 */
static void test_big_type(const char *gitdir)
{
	struct zdh_packs *p = NULL;
	struct zdh_buf b = ZDH_BUF_INIT;
	enum zdh_objtype type = 0;
	char *cmd, *id;

	is_int(runf("set -e; git init -q --bare '%s'; cd '%s'; truncate -s 270000000 big", gitdir), 0,
	       "a sparse file of 270 MB");
	cmd = zdh_asprintf("cd '%s' && git -c core.bigFileThreshold=1m hash-object -w big && rm big", gitdir);
	id = capture_line(cmd);
	ok(strlen(id) == 40, "git packs it");
	zdh_packs_open(&p, gitdir);
	ok(!zdh_packs_type(p, id, &type) && type == ZDH_OBJ_BLOB, "its type, from its header");
	is_int(zdh_packs_read(p, id, &b, &type), ZDH_ECORRUPT, "(read whole, it is refused)");
	zdh_packs_free(p);
	zdh_buf_release(&b);
	free(cmd);
	free(id);
}

int main(void)
{
	static const struct {
		const char *dir;	/* under root */
		void (*fn)(const char *dir);
	} tests[] = {
		{ "git", test_git_packs },
		{ "deep.git", test_deep },
		{ "damage", test_damage },
		{ "hand.git", test_hand_packs },
		{ "zdh.git", test_zdh_pack },
		{ "ring.git", test_zdh_pack_ring },
		{ "many.git", test_zdh_pack_many },
		{ "big.git", test_big_type },
	};
	const char *tmp = getenv("TMPDIR");
	char *dir, *cmd;

	snprintf(root, sizeof(root), "%s/zdh-packread-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(root)) {
		perror("mkdtemp");
		return 1;
	}
	setenv("GIT_CONFIG_NOSYSTEM", "1", 1);
	setenv("GIT_CONFIG_GLOBAL", "/dev/null", 1);
	setenv("GIT_AUTHOR_NAME", "T", 1);
	setenv("GIT_AUTHOR_EMAIL", "t@example.org", 1);
	setenv("GIT_COMMITTER_NAME", "T", 1);
	setenv("GIT_COMMITTER_EMAIL", "t@example.org", 1);
	if (!ok(run("git --version >/dev/null") == 0, "git is there")) {
		printf("# git is needed for these tests\n");
		return done_testing();
	}

	for (size_t i = 0; i < sizeof(tests) / sizeof(*tests); i++) {
		dir = zdh_asprintf("%s/%s", root, tests[i].dir);
		tests[i].fn(dir);
		free(dir);
	}

	cmd = zdh_asprintf("rm -rf '%s'", root);
	if (!tap_failed)
		run(cmd);
	else
		printf("# repositories kept in %s\n", root);
	free(cmd);
	return done_testing();
}

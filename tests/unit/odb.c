/*
 * odb — loose objects and refs, checked against real git in a temporary
 * bare repository (git cat-file, mktree, fsck --strict, pack-refs,
 * rev-parse).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

#include "buf.h"
#include "error.h"
#include "odb.h"
#include "tap.h"

static char gitdir[4096];
static char a_commit[41];

/* Run a shell command with GITDIR in its environment; returns its exit status. */
static int run(const char *cmd)
{
	int r = system(cmd);
	return r == -1 ? -1 : (r >> 8) & 0xff;
}

/* Output of a shell command, trailing white space removed. */
static char *capture(const char *cmd)
{
	struct zdh_buf b = ZDH_BUF_INIT;
	FILE *f = popen(cmd, "r");

	if (f) {
		char chunk[4096];
		size_t n;
		while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
			zdh_buf_add(&b, chunk, n);
		pclose(f);
	}
	zdh_buf_rtrim(&b);
	return zdh_buf_detach(&b);
}

static char *path_of(const char *rel)
{
	return zdh_asprintf("%s/%s", gitdir, rel);
}

static int exists(const char *rel)
{
	char *p = path_of(rel);
	int r = !access(p, F_OK);
	free(p);
	return r;
}

static void put_file(const char *rel, const char *content)
{
	char *p = path_of(rel);
	FILE *f = fopen(p, "w");
	if (f) {
		fputs(content, f);
		fclose(f);
	}
	free(p);
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void test_objects(void)
{
	char id[41], blob_a[41], blob_b[41], tree[41], commit[41], *out;
	struct zdh_buf b = ZDH_BUF_INIT;
	enum zdh_objtype type = 0;
	struct stat st;
	char *p;

	zdh_odb_hash(id, ZDH_OBJ_BLOB, "hello\n", 6);
	is_str(id, "ce013625030ba8dba906f756967f9e9ca394464a", "hash of blob \"hello\\n\"");
	zdh_odb_hash(id, ZDH_OBJ_TREE, "", 0);
	is_str(id, ZDH_EMPTY_TREE, "hash of the empty tree");

	is_int(zdh_odb_write(blob_a, gitdir, ZDH_OBJ_BLOB, "hello\n", 6), 0, "write a blob");
	is_str(blob_a, "ce013625030ba8dba906f756967f9e9ca394464a", "its id");
	out = capture("git --git-dir=\"$GITDIR\" cat-file -p ce013625030ba8dba906f756967f9e9ca394464a");
	is_str(out, "hello", "git cat-file reads it");
	free(out);
	p = path_of("objects/ce/013625030ba8dba906f756967f9e9ca394464a");
	ok(!stat(p, &st) && (st.st_mode & 0777) == 0444, "object file is read-only, as git makes it");
	free(p);
	out = capture("ls \"$GITDIR\"/objects/ce");
	is_str(out, "013625030ba8dba906f756967f9e9ca394464a", "no temporary file left behind");
	free(out);
	is_int(zdh_odb_write(id, gitdir, ZDH_OBJ_BLOB, "hello\n", 6), 0, "writing it again is fine");

	is_int(zdh_odb_write(id, gitdir, ZDH_OBJ_TREE, "", 0), 0, "write the empty tree");
	is_str(id, ZDH_EMPTY_TREE, "its id");
	is_int(run("test \"$(git --git-dir=\"$GITDIR\" cat-file -t " ZDH_EMPTY_TREE ")\" = tree"), 0,
	       "git sees a tree");

	is_int(zdh_odb_write(blob_b, gitdir, ZDH_OBJ_BLOB, "\0binary\xff", 8), 0, "write a binary blob");
	{
		/* git's order: "a-b" < "a.txt" < "a0" < "b" < "é", and names are bytes */
		struct zdh_tree_entry e[5] = {
			{ "b", "" }, { "a0", "" }, { "\xc3\xa9", "" }, { "a.txt", "" }, { "a-b", "" },
		};
		char *cmd, *want;
		for (int i = 0; i < 5; i++)
			memcpy(e[i].id, i % 2 ? blob_a : blob_b, 41);
		cmd = zdh_asprintf("printf '100644 blob %s\\tb\\n100644 blob %s\\ta0\\n"
				   "100644 blob %s\\t\\303\\251\\n100644 blob %s\\ta.txt\\n"
				   "100644 blob %s\\ta-b\\n' | git --git-dir=\"$GITDIR\" mktree",
				   blob_b, blob_a, blob_b, blob_a, blob_b);
		want = capture(cmd);
		zdh_odb_tree(&b, e, 5);
		is_str(e[0].name, "a-b", "entries sorted in place");
		is_int(zdh_odb_write(tree, gitdir, ZDH_OBJ_TREE, b.ptr, b.len), 0, "write a tree");
		is_str(tree, want, "tree equals git mktree's");
		free(cmd);
		free(want);
		zdh_buf_reset(&b);
	}

	zdh_buf_addf(&b, "tree %s\nauthor A U Thor <a@example.org> 1700000000 +0800\n"
		     "committer A U Thor <a@example.org> 1700000000 +0800\n\nsummary\n\n{\"k\":1}\n", tree);
	is_int(zdh_odb_write(commit, gitdir, ZDH_OBJ_COMMIT, b.ptr, b.len), 0, "write a commit");
	memcpy(a_commit, commit, sizeof(a_commit));
	{
		char *cmd = zdh_asprintf("git --git-dir=\"$GITDIR\" cat-file commit %s", commit);
		out = capture(cmd);
		zdh_buf_rtrim(&b);
		is_str(out, b.ptr, "git cat-file gives the commit back");
		free(out);
		free(cmd);
	}
	zdh_buf_reset(&b);

	is_int(zdh_odb_read_loose(&b, &type, gitdir, blob_b), 0, "read a loose blob");
	ok(b.len == 8 && !memcmp(b.ptr, "\0binary\xff", 8), "same bytes");
	is_int(type, ZDH_OBJ_BLOB, "type blob");
	zdh_buf_puts(&b, "|");
	is_int(zdh_odb_read_loose(&b, &type, gitdir, ZDH_EMPTY_TREE), 0, "read the empty tree");
	is_int(b.len, 9, "reading appends to the buffer");
	is_int(type, ZDH_OBJ_TREE, "type tree");
	zdh_buf_reset(&b);
	is_int(zdh_odb_read_loose(&b, &type, gitdir, tree), 0, "read the tree");
	is_int(type, ZDH_OBJ_TREE, "type tree");
	zdh_buf_reset(&b);
	is_int(zdh_odb_read_loose(&b, &type, gitdir, commit), 0, "read the commit");
	is_int(type, ZDH_OBJ_COMMIT, "type commit");
	ok(strstr(b.ptr, "{\"k\":1}") != NULL, "with its message");
	zdh_buf_reset(&b);
	is_int(zdh_odb_read_loose(&b, &type, gitdir, "0123456789012345678901234567890123456789"),
	       ZDH_ENOTFOUND, "a missing object is not found");
	is_int(zdh_odb_read_loose(&b, &type, gitdir, "nonsense"), ZDH_EINVALID, "a bad id is refused");
	/* the type from the header alone */
	type = 0;
	ok(!zdh_odb_loose_type(&type, gitdir, blob_b) && type == ZDH_OBJ_BLOB, "a blob's type, from its header");
	ok(!zdh_odb_loose_type(&type, gitdir, tree) && type == ZDH_OBJ_TREE, "a tree's");
	ok(!zdh_odb_loose_type(&type, gitdir, commit) && type == ZDH_OBJ_COMMIT, "a commit's");
	is_int(zdh_odb_loose_type(&type, gitdir, "0123456789012345678901234567890123456789"),
	       ZDH_ENOTFOUND, "a missing object has none");
	{
		/* a loose blob whose header says 300 MB (its data cut short): the type from the header alone */
		char bigid[] = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", hdr[32] = "blob 300000000";
		unsigned char z[128];
		uLongf zlen = sizeof(z);
		char *path = zdh_asprintf("%s/objects/bb/%s", gitdir, bigid + 2);
		FILE *f;

		compress2(z, &zlen, (const Bytef *)hdr, sizeof(hdr), 1);	/* (the NUL and some zeros) */
		run("mkdir -p \"$GITDIR\"/objects/bb");
		f = fopen(path, "wb");
		ok(f && fwrite(z, 1, zlen, f) == zlen && !fclose(f), "a loose object of 300 MB, by its header");
		type = 0;
		ok(!zdh_odb_loose_type(&type, gitdir, bigid) && type == ZDH_OBJ_BLOB,
		   "its type, from the header: nothing more read");
		is_int(zdh_odb_read_loose(&b, &type, gitdir, bigid), ZDH_ECORRUPT, "(read whole, it is refused)");
		remove(path);
		free(path);
		zdh_buf_reset(&b);
	}

	/* an object from git itself, compressed at git's default level */
	{
		char *gid = capture("printf 'from git\\n' | git --git-dir=\"$GITDIR\" hash-object -w --stdin");
		is_int(zdh_odb_read_loose(&b, &type, gitdir, gid), 0, "read an object git wrote");
		is_str(b.ptr, "from git\n", "its content");
		free(gid);
		zdh_buf_reset(&b);
	}

	is_int(run("git --git-dir=\"$GITDIR\" fsck --strict --no-dangling >&2"), 0,
	       "git fsck --strict accepts every object");

	/* damage: the blob's bytes under the tree's name, then garbage */
	is_int(run("cd \"$GITDIR\"/objects && mkdir -p aa && "
		   "cp ce/013625030ba8dba906f756967f9e9ca394464a aa/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa && "
		   "printf 'garbage' > aa/bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb && "
		   "printf 'x\\234' > aa/cccccccccccccccccccccccccccccccccccccc"), 0, "damage objects");
	zdh_buf_puts(&b, "keep");
	is_int(zdh_odb_read_loose(&b, &type, gitdir, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"),
	       ZDH_ECORRUPT, "an object under the wrong name is corrupt");
	ok(strstr(zdh_error_msg(), "aaaaaaaa") != NULL, "the message names it");
	is_int(zdh_odb_read_loose(&b, &type, gitdir, "aabbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"),
	       ZDH_ECORRUPT, "garbage is corrupt");
	is_int(zdh_odb_read_loose(&b, &type, gitdir, "aacccccccccccccccccccccccccccccccccccccc"),
	       ZDH_ECORRUPT, "a truncated stream is corrupt");
	is_str(b.ptr, "keep", "the buffer is left as it was");
	is_int(zdh_odb_loose_type(&type, gitdir, "aabbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"),
	       ZDH_ECORRUPT, "garbage has no type");
	run("rm -rf \"$GITDIR\"/objects/aa");
	zdh_buf_release(&b);

	/* a blob larger than the first output slice */
	{
		size_t n = 3 << 20;
		char *big = malloc(n), bid[41], *cmd, *want;
		for (size_t i = 0; i < n; i++)
			big[i] = (char)(i * 2654435761u >> 13);
		is_int(zdh_odb_write(bid, gitdir, ZDH_OBJ_BLOB, big, n), 0, "write a 3 MB blob");
		cmd = zdh_asprintf("git --git-dir=\"$GITDIR\" cat-file -s %s", bid);
		want = capture(cmd);
		is_str(want, "3145728", "git reads its size");
		is_int(zdh_odb_read_loose(&b, &type, gitdir, bid), 0, "read it back");
		ok(b.len == n && !memcmp(b.ptr, big, n), "same bytes");
		zdh_buf_release(&b);
		free(cmd);
		free(want);
		free(big);
	}

	is_int(zdh_odb_write(id, "/nonexistent/zdh", ZDH_OBJ_BLOB, "x", 1), ZDH_ERROR,
	       "writing into a missing repository fails");
	ok(!strncmp(zdh_error_msg(), "cannot write object", 19), "with a message saying so");
}

struct seen {
	struct zdh_buf names;
	int stop_after;
	int calls;
};

static int collect(const char *refname, const char *id, void *payload)
{
	struct seen *s = payload;

	zdh_buf_addf(&s->names, "%s=%.7s ", refname, id);
	if (++s->calls == s->stop_after)
		return 42;
	return 0;
}

static void test_refs(void)
{
	char a[41], b[41], c[41], id[41], *out, *p;
	struct seen s = { ZDH_BUF_INIT, 0, 0 };

	zdh_odb_write(a, gitdir, ZDH_OBJ_BLOB, "a", 1);
	zdh_odb_write(b, gitdir, ZDH_OBJ_BLOB, "b", 1);
	zdh_odb_write(c, gitdir, ZDH_OBJ_BLOB, "c", 1);

	is_int(zdh_ref_read(id, gitdir, "refs/zdh/log/main"), 0, "reading a missing ref is fine");
	is_str(id, "", "and gives \"\"");
	is_int(zdh_ref_read(id, gitdir, "refs/zdh/../HEAD"), ZDH_EINVALID, "a bad ref name is refused");
	is_int(zdh_ref_read(id, gitdir, "HEAD"), ZDH_EINVALID, "only refs/ is read");

	is_int(zdh_ref_update(gitdir, "refs/zdh/log/main", a, "", 0), 0, "create a ref");
	is_int(zdh_ref_read(id, gitdir, "refs/zdh/log/main"), 0, "read it");
	is_str(id, a, "it holds the new id");
	out = capture("git --git-dir=\"$GITDIR\" rev-parse refs/zdh/log/main");
	is_str(out, a, "git agrees");
	free(out);
	ok(!exists("refs/zdh/log/main.lock"), "no lock left");

	is_int(zdh_ref_update(gitdir, "refs/zdh/log/main", b, "", 0), ZDH_ECHANGED,
	       "creating it again fails");
	is_int(zdh_ref_update(gitdir, "refs/zdh/log/main", b, c, 0), ZDH_ECHANGED,
	       "moving it from a wrong old id fails");
	ok(strstr(zdh_error_msg(), a) != NULL, "the message says where it is");
	ok(!exists("refs/zdh/log/main.lock"), "the lock is removed after a failure");
	zdh_ref_read(id, gitdir, "refs/zdh/log/main");
	is_str(id, a, "and the ref is unchanged");
	is_int(zdh_ref_update(gitdir, "refs/zdh/log/main", b, a, 0), 0, "compare-and-swap from the right id");
	zdh_ref_read(id, gitdir, "refs/zdh/log/main");
	is_str(id, b, "moved");
	is_int(zdh_ref_update(gitdir, "refs/zdh/log/main", "xyz", b, 0), ZDH_EINVALID, "a bad new id is refused");

	/* a lock left behind by a killed writer */
	put_file("refs/zdh/log/main.lock", "");
	is_int(zdh_ref_update(gitdir, "refs/zdh/log/main", c, b, 0), ZDH_ELOCKED,
	       "a held lock is respected");
	ok(exists("refs/zdh/log/main.lock"), "and left alone");
	zdh_ref_read(id, gitdir, "refs/zdh/log/main");
	is_str(id, b, "the ref did not move");
	is_int(zdh_ref_update(gitdir, "refs/zdh/log/main", c, b, 1), 0, "a stale lock is taken over");
	ok(!exists("refs/zdh/log/main.lock"), "and removed");
	zdh_ref_read(id, gitdir, "refs/zdh/log/main");
	is_str(id, c, "the ref moved");

	/* a ref's path taken: refused as such, not as an I/O error */
	run("mkdir -p \"$GITDIR\"/refs/zdh/log/dir/in");
	is_int(zdh_ref_update(gitdir, "refs/zdh/log/dir", a, "", 0), ZDH_ETAKEN,
	       "a folder in the ref's place: its path is taken");
	ok(strstr(zdh_error_msg(), "is a folder") != NULL, "the message says so");
	ok(!exists("refs/zdh/log/dir.lock") && exists("refs/zdh/log/dir/in"),
	   "no lock left, the folder as it was");
	put_file("refs/zdh/log/file", "");
	is_int(zdh_ref_update(gitdir, "refs/zdh/log/file/below", a, "", 0), ZDH_ETAKEN,
	       "a file where a folder above the ref should be: its path is taken");
	run("rm -r \"$GITDIR\"/refs/zdh/log/dir \"$GITDIR\"/refs/zdh/log/file");

	/* symbolic and broken loose refs */
	put_file("refs/zdh/sym", "ref: refs/zdh/log/main\n");
	is_int(zdh_ref_read(id, gitdir, "refs/zdh/sym"), ZDH_ECORRUPT, "a symbolic ref is refused");
	put_file("refs/zdh/sym", "not an id\n");
	is_int(zdh_ref_read(id, gitdir, "refs/zdh/sym"), ZDH_ECORRUPT, "a broken ref is corrupt");
	run("rm \"$GITDIR\"/refs/zdh/sym");

	/* packed-refs, made by git */
	{
		char *cmd = zdh_asprintf("git --git-dir=\"$GITDIR\" update-ref refs/zdh/log/packed %s && "
					 "git --git-dir=\"$GITDIR\" update-ref refs/zdh/log/shadowed %s && "
					 "git --git-dir=\"$GITDIR\" update-ref refs/zdh/log/deep/er %s && "
					 "git --git-dir=\"$GITDIR\" update-ref refs/heads/other %s && "
					 "git --git-dir=\"$GITDIR\" tag -a -m t v1 %s && "
					 "git --git-dir=\"$GITDIR\" pack-refs --all", a, a, b, a_commit, c);
		is_int(run(cmd), 0, "git update-ref, tag -a and pack-refs --all");
		free(cmd);
	}
	ok(!exists("refs/zdh/log/packed") && !exists("refs/zdh/log/main"), "refs are packed only");
	out = capture("grep -c '^^' \"$GITDIR\"/packed-refs");
	is_str(out, "1", "packed-refs has a peel line");
	free(out);
	is_int(zdh_ref_read(id, gitdir, "refs/zdh/log/packed"), 0, "read a packed ref");
	is_str(id, a, "its id");
	is_int(zdh_ref_read(id, gitdir, "refs/zdh/log/main"), 0, "read another");
	is_str(id, c, "its id");
	is_int(zdh_ref_read(id, gitdir, "refs/zdh/log/pack"), 0, "a prefix of a packed name is not it");
	is_str(id, "", "so nothing");
	is_int(zdh_ref_update(gitdir, "refs/zdh/log/shadowed", b, "", 0), ZDH_ECHANGED,
	       "a packed ref counts as existing");
	is_int(zdh_ref_update(gitdir, "refs/zdh/log/shadowed", b, a, 0), 0,
	       "a packed ref moves from its packed id");
	ok(exists("refs/zdh/log/shadowed"), "as a loose ref shadowing it");
	out = capture("git --git-dir=\"$GITDIR\" rev-parse refs/zdh/log/shadowed");
	is_str(out, b, "git sees the loose one");
	free(out);

	/* foreach: loose and packed, loose wins, sorted, prefix respected */
	is_int(zdh_ref_update(gitdir, "refs/zdh/log/a/b", a, "", 0), 0, "a ref in a sub-folder");
	is_int(zdh_ref_update(gitdir, "refs/zdh/logx", a, "", 0), 0, "a ref beside the prefix");
	put_file("refs/zdh/log/zz.lock", "");
	is_int(zdh_ref_foreach(gitdir, "refs/zdh/log/", collect, &s), 0, "foreach");
	{
		char *want = zdh_asprintf("refs/zdh/log/a/b=%.7s refs/zdh/log/deep/er=%.7s "
					  "refs/zdh/log/main=%.7s refs/zdh/log/packed=%.7s "
					  "refs/zdh/log/shadowed=%.7s ", a, b, c, a, b);
		is_str(s.names.ptr, want, "every ref once, sorted, loose over packed, no lock files");
		free(want);
	}
	zdh_buf_reset(&s.names);
	is_int(zdh_ref_foreach(gitdir, "refs/zdh/log/ma", collect, &s), 0, "foreach with a partial name");
	is_str(s.names.ptr, (p = zdh_asprintf("refs/zdh/log/main=%.7s ", c)), "only what starts with it");
	free(p);
	zdh_buf_reset(&s.names);
	is_int(zdh_ref_foreach(gitdir, "refs/", collect, &s), 0, "foreach over every ref");
	ok(strstr(s.names.ptr, "refs/heads/other=") && strstr(s.names.ptr, "refs/tags/v1=") &&
	   strstr(s.names.ptr, "refs/zdh/logx="), "including packed heads and tags and loose siblings");
	zdh_buf_reset(&s.names);
	s.calls = 0;
	s.stop_after = 2;
	is_int(zdh_ref_foreach(gitdir, "refs/zdh/log/", collect, &s), 42,
	       "a callback's non-zero result stops the walk and is returned");
	is_int(s.calls, 2, "after two refs");
	zdh_buf_release(&s.names);
	s.calls = s.stop_after = 0;
	is_int(zdh_ref_foreach(gitdir, "refs/nothing/", collect, &s), 0, "foreach over nothing");
	is_int(s.calls, 0, "calls nothing");
	zdh_buf_release(&s.names);

	is_int(run("git --git-dir=\"$GITDIR\" fsck --strict --no-dangling >&2"), 0,
	       "git fsck --strict is still happy");
}

/* not a benchmark, a sanity figure for the report: loose commit write with fsync */
static void timing(void)
{
	struct zdh_buf b = ZDH_BUF_INIT;
	char id[41], prev[41] = "";
	double t0, t_obj = 0, t_ref = 0;
	int n = 20, err = 0;

	for (int i = 0; i < n && !err; i++) {
		zdh_buf_reset(&b);
		zdh_buf_addf(&b, "tree %s\nauthor A <a@example.org> %d +0800\n"
			     "committer A <a@example.org> %d +0800\n\nevent %d\n\n"
			     "{\"clock\":%d,\"data\":{\"name\":\"新桥居民区\"},\"kind\":\"org\"}\n",
			     ZDH_EMPTY_TREE, 1700000000 + i, 1700000000 + i, i, i);
		t0 = now();
		err = zdh_odb_write(id, gitdir, ZDH_OBJ_COMMIT, b.ptr, b.len);
		t_obj += now() - t0;
		t0 = now();
		if (!err)
			err = zdh_ref_update(gitdir, "refs/zdh/log/bench", id, prev, 1);
		t_ref += now() - t0;
		memcpy(prev, id, sizeof(id));
	}
	is_int(err, 0, "write 20 commits and move a ref each time");
	printf("# zdh_odb_write: %.0f us, zdh_ref_update: %.0f us (mean of %d, with fsync)\n",
	       t_obj / n * 1e6, t_ref / n * 1e6, n);
	zdh_buf_release(&b);
}

int main(void)
{
	const char *tmp = getenv("TMPDIR");
	char *cmd;

	snprintf(gitdir, sizeof(gitdir), "%s/zdh-odb-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(gitdir)) {
		perror("mkdtemp");
		return 1;
	}
	setenv("GITDIR", gitdir, 1);
	/* the user's git configuration must not change what git does here */
	setenv("GIT_CONFIG_NOSYSTEM", "1", 1);
	setenv("GIT_CONFIG_GLOBAL", "/dev/null", 1);
	setenv("GIT_COMMITTER_NAME", "T", 1);
	setenv("GIT_COMMITTER_EMAIL", "t@example.org", 1);
	if (!ok(run("git init -q --bare \"$GITDIR\"") == 0, "git init --bare")) {
		printf("# git is needed for these tests\n");
		return done_testing();
	}

	test_objects();
	test_refs();
	timing();

	cmd = zdh_asprintf("rm -rf '%s'", gitdir);
	if (!tap_failed)
		run(cmd);
	else
		printf("# repository kept in %s\n", gitdir);
	free(cmd);
	return done_testing();
}

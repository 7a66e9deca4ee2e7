/*
 * Unit tests of core/config.c, checked against git itself: files written by
 * "git config -f" are read, files zdh writes are read by git.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "config.h"
#include "error.h"
#include "tap.h"

static char dir[] = "/tmp/zdh-config-test-XXXXXX";
static char path[256];

static void write_file(const char *p, const char *content)
{
	FILE *f = fopen(p, "w");
	fputs(content, f);
	fclose(f);
}

static char *read_all(const char *p)
{
	struct zdh_buf b = ZDH_BUF_INIT;
	if (zdh_buf_read_file(&b, p) < 0)
		return NULL;
	return zdh_buf_detach(&b);
}

/* Single-quote s for sh. */
static void sh_quote(struct zdh_buf *b, const char *s)
{
	zdh_buf_addch(b, '\'');
	for (; *s; s++) {
		if (*s == '\'')
			zdh_buf_puts(b, "'\\''");
		else
			zdh_buf_addch(b, *s);
	}
	zdh_buf_addch(b, '\'');
}

/* What "git config -f path --get key" prints, without its last newline; NULL when it fails. */
static char *git_get(const char *key)
{
	struct zdh_buf cmd = ZDH_BUF_INIT, out = ZDH_BUF_INIT;
	FILE *f;

	zdh_buf_addf(&cmd, "git config -f %s --get ", path);
	sh_quote(&cmd, key);
	f = popen(cmd.ptr, "r");
	zdh_buf_read_fd(&out, fileno(f));
	zdh_buf_release(&cmd);
	if (pclose(f) != 0) {
		zdh_buf_release(&out);
		return NULL;
	}
	if (out.len && out.ptr[out.len - 1] == '\n')
		zdh_buf_setlen(&out, out.len - 1);
	return zdh_buf_detach(&out);
}

static void git_set(const char *key, const char *value)
{
	struct zdh_buf cmd = ZDH_BUF_INIT;

	zdh_buf_addf(&cmd, "git config -f %s ", path);
	sh_quote(&cmd, key);
	zdh_buf_addch(&cmd, ' ');
	sh_quote(&cmd, value);
	if (system(cmd.ptr) != 0)
		printf("# failed: %s\n", cmd.ptr);
	zdh_buf_release(&cmd);
}

static struct zdh_config *load(void)
{
	const char *paths[] = { path, NULL };
	struct zdh_config *cfg = NULL;

	if (zdh_config_load(&cfg, paths) < 0)
		printf("# load: %s\n", zdh_error_msg());
	return cfg;
}

static const char *tricky[][2] = {
	{ "user.name", "张三" },
	{ "user.email", "zhangsan@example.org" },
	{ "core.spaced", "  two  spaces around  " },
	{ "core.hash", "a # not a comment; nor this" },
	{ "core.quotes", "say \"hi\" \\ back\\slash" },
	{ "core.lines", "one\ntwo\tthree" },
	{ "core.empty", "" },
	{ "remote.Origin.url", "https://example.org/x.git" },
	{ "remote.origin.url", "lower" },
	{ "weird.sub \"sec\" \\ tion.key", "v" },
	{ "zdh.lock-timeout", "10" },
};

static void test_read_git_written(void)
{
	struct zdh_config *cfg;
	size_t i;

	unlink(path);
	for (i = 0; i < sizeof(tricky) / sizeof(tricky[0]); i++)
		git_set(tricky[i][0], tricky[i][1]);
	cfg = load();
	ok(cfg != NULL, "a file git wrote loads");
	for (i = 0; i < sizeof(tricky) / sizeof(tricky[0]); i++)
		is_str(zdh_config_get(cfg, tricky[i][0]), tricky[i][1], tricky[i][0]);
	is_str(zdh_config_get(cfg, "USER.Name"), "张三", "section and name are case-insensitive");
	ok(zdh_config_get(cfg, "remote.ORIGIN.url") == NULL, "subsection is case-sensitive");
	zdh_config_free(cfg);
}

/* Writing what git wrote, then reading it with git. */
static void test_write_read_by_git(void)
{
	struct zdh_config *cfg;
	size_t i;
	char *got;

	unlink(path);
	for (i = 0; i < sizeof(tricky) / sizeof(tricky[0]); i++)
		ok(zdh_config_set(path, tricky[i][0], tricky[i][1]) == 0, "set by zdh");
	for (i = 0; i < sizeof(tricky) / sizeof(tricky[0]); i++) {
		got = git_get(tricky[i][0]);
		is_str(got, tricky[i][1], "  git reads back");
		free(got);
	}
	cfg = load();
	for (i = 0; i < sizeof(tricky) / sizeof(tricky[0]); i++)
		is_str(zdh_config_get(cfg, tricky[i][0]), tricky[i][1], "  zdh reads back");
	zdh_config_free(cfg);
}

static const char *handwritten =
	"\xef\xbb\xbf# a comment\n"
	"; another\n"
	"[core]\n"
	"\tbare\n"
	"\tFileMode = false ; trailing comment\n"
	"\tname = \"quoted # kept\" rest   # comment\n"
	"\tinner =  a   b  \n"
	"\tcont = one \\\n"
	"two\n"
	"\tesc = tab\\there \\\"q\\\" back\\\\slash\n"
	"[Remote \"Up\\\"stream\"]\n"
	"\turl = git@example.org:x.git\n"
	"[remote.Old]\n"
	"\turl = old-style\r\n"
	"[user] name = same line\n"
	"[CORE]\n"
	"\tfilemode = true\n"
	"\tsize = 2k\n"
	"\tbig = 3G\n"
	"\tbad = 12x\n";

static int collect(const char *key, const char *value, void *payload)
{
	zdh_buf_addf(payload, "%s=%s|", key, value);
	return 0;
}

static int stop_at_second(const char *key, const char *value, void *payload)
{
	(void)key;
	(void)value;
	return ++*(int *)payload == 2 ? 42 : 0;
}

static void test_read_handwritten(void)
{
	const char *keys[] = { "core.bare", "core.filemode", "core.name", "core.inner",
			       "core.cont", "core.esc", "remote.Up\"stream.url",
			       "remote.old.url", "user.name", NULL };
	struct zdh_buf list = ZDH_BUF_INIT;
	struct zdh_config *cfg;
	long long n;
	int i, count = 0;
	char *got;

	write_file(path, handwritten);
	cfg = load();
	ok(cfg != NULL, "a hand-written file loads");
	is_str(zdh_config_get(cfg, "core.bare"), "true", "a bare key is true");
	is_str(zdh_config_get(cfg, "core.filemode"), "true", "the last value wins");
	is_str(zdh_config_get(cfg, "core.name"), "quoted # kept rest", "quotes and comments");
	is_str(zdh_config_get(cfg, "core.inner"), "a   b", "inner blanks kept, outer dropped");
	is_str(zdh_config_get(cfg, "core.cont"), "one two", "continuation line");
	is_str(zdh_config_get(cfg, "core.esc"), "tab\there \"q\" back\\slash", "escapes");
	is_str(zdh_config_get(cfg, "remote.Up\"stream.url"), "git@example.org:x.git",
	       "escaped quote in a subsection");
	is_str(zdh_config_get(cfg, "remote.old.url"), "old-style", "old [section.sub] form, CRLF");
	ok(zdh_config_get(cfg, "remote.Old.url") == NULL, "  which git lower-cases");
	is_str(zdh_config_get(cfg, "user.name"), "same line", "key on the header's line");
	ok(zdh_config_get(cfg, "core.missing") == NULL, "a missing key is NULL");
	ok(zdh_config_get(cfg, "not a key") == NULL, "an invalid key is NULL");

	/* git agrees on every one */
	for (i = 0; keys[i]; i++) {
		const char *mine = zdh_config_get(cfg, keys[i]);
		got = git_get(keys[i]);
		if (!strcmp(keys[i], "core.bare")) /* git prints a bare key as empty */
			is_str(got, "", "git: core.bare is bare");
		else
			is_str(got, mine, keys[i]);
		free(got);
	}

	ok(zdh_config_get_int(&n, cfg, "core.size", 7) == 0 && n == 2048, "2k is 2048");
	ok(zdh_config_get_int(&n, cfg, "core.big", 7) == 0 && n == 3LL << 30, "3G");
	ok(zdh_config_get_int(&n, cfg, "core.nothing", 7) == 0 && n == 7, "default when unset");
	is_int(zdh_config_get_int(&n, cfg, "core.bad", 7), ZDH_EINVALID, "12x is not a number");
	is_str(zdh_error_msg(), "bad numeric config value '12x' for 'core.bad'", "  message");
	is_int(zdh_config_get_int(&n, cfg, "core.bare", 7), ZDH_EINVALID, "a bare key is not a number");

	zdh_config_foreach(cfg, collect, &list);
	is_str(list.ptr,
	       "core.bare=true|core.filemode=false|core.name=quoted # kept rest|core.inner=a   b|"
	       "core.cont=one two|core.esc=tab\there \"q\" back\\slash|"
	       "remote.Up\"stream.url=git@example.org:x.git|remote.old.url=old-style|"
	       "user.name=same line|core.filemode=true|core.size=2k|core.big=3G|core.bad=12x|",
	       "foreach in file order, lower-cased");
	is_int(zdh_config_foreach(cfg, stop_at_second, &count), 42, "foreach stops on non-zero");
	zdh_config_free(cfg);
	zdh_buf_release(&list);
}

static void test_layering(void)
{
	char other[300];
	const char *paths[] = { path, other, "/nonexistent/zdh/config", NULL };
	struct zdh_config *cfg = NULL;

	snprintf(other, sizeof(other), "%s/second", dir);
	write_file(path, "[user]\n\tname = first\n\temail = a@b\n");
	write_file(other, "[user]\n\tname = second\n");
	ok(zdh_config_load(&cfg, paths) == 0, "two files and a missing one load");
	is_str(zdh_config_get(cfg, "user.name"), "second", "the later file wins");
	is_str(zdh_config_get(cfg, "user.email"), "a@b", "  and the earlier still counts");
	zdh_config_free(cfg);
	unlink(other);
}

static void bad(const char *content, int line, const char *what)
{
	const char *paths[] = { path, NULL };
	struct zdh_config *cfg = (struct zdh_config *)1;
	char want[400];

	write_file(path, content);
	is_int(zdh_config_load(&cfg, paths), ZDH_ERROR, what);
	ok(cfg == NULL, "  gives no config");
	snprintf(want, sizeof(want), "bad config line %d in '%s'", line, path);
	is_str(zdh_error_msg(), want, "  names the line");
}

static void test_bad(void)
{
	bad("[core]\n\tok = 1\n\tnot ok\n", 3, "a key with a blank");
	bad("key = 1\n", 1, "a key before any section");
	bad("[core\n\tx = 1\n", 1, "an unclosed header");
	bad("[core]\n\tx = \"open\n", 2, "an unclosed quote");
	bad("[core]\n\tx = a\\qb\n", 2, "an unknown escape");
	bad("[co re]\n", 1, "a subsection without quotes");
	bad("[]\n", 1, "an empty header");
	/* found by fuzz_config: keys listed that zdh_config_get() could not find */
	bad("[.user]\n\tname = x\n", 1, "a header starting with a dot");
	bad("[user.]\n\tname = x\n", 1, "a header ending with a dot");
	bad("[a..b]\n\tname = x\n", 1, "a header with an empty part");
	bad("[.remote \"up\"]\n\turl = x\n", 1, "a header starting with a dot, with a subsection");
	bad("[core]\n# fine\n\n\t1x = 2\n", 4, "a name starting with a digit");
	bad("[core]\n\tx # = 2\n", 2, "a comment after a bare key");
	bad("[core]\n\tx = 1\n\ty = \"no end", 3, "an unclosed quote at the end");
}

static void check_file(const char *want, const char *name)
{
	char *got = read_all(path);
	is_str(got, want, name);
	free(got);
}

static void test_edit(void)
{
	const char *start =
		"# keep me\n"
		"[user]\n"
		"\tname = old ; comment on the line\n"
		"\n"
		"; between sections\n"
		"[zdh]\n"
		"\treplica = xinqiao\n"
		"[User]\n"
		"\tName = newer\n"
		"# trailing comment\n";
	struct stat st;
	char lock[300];
	char *got;

	write_file(path, start);
	chmod(path, 0600);
	ok(zdh_config_set(path, "user.name", "张三") == 0, "set an existing key");
	check_file("# keep me\n"
		   "[user]\n"
		   "\tname = old ; comment on the line\n"
		   "\n"
		   "; between sections\n"
		   "[zdh]\n"
		   "\treplica = xinqiao\n"
		   "[User]\n"
		   "\tname = 张三\n"
		   "# trailing comment\n",
		   "  the last occurrence is replaced, all else kept");
	ok(stat(path, &st) == 0 && (st.st_mode & 07777) == 0600, "  the file's mode is kept");
	snprintf(lock, sizeof(lock), "%s.lock", path);
	ok(access(lock, F_OK) < 0 && errno == ENOENT, "  no lock file left");

	ok(zdh_config_set(path, "user.email", "z@example.org") == 0, "set a new key");
	ok(zdh_config_set(path, "zdh.prefix", "XQ") == 0, "  another");
	ok(zdh_config_set(path, "remote.origin.url", "/srv/x.git") == 0, "  in a new section");
	ok(zdh_config_set(path, "ZDH.Timezone", " Asia/Shanghai") == 0, "  needing quotes");
	check_file("# keep me\n"
		   "[user]\n"
		   "\tname = old ; comment on the line\n"
		   "\n"
		   "; between sections\n"
		   "[zdh]\n"
		   "\treplica = xinqiao\n"
		   "\tprefix = XQ\n"
		   "\ttimezone = \" Asia/Shanghai\"\n"
		   "[User]\n"
		   "\tname = 张三\n"
		   "\temail = z@example.org\n"
		   "# trailing comment\n"
		   "[remote \"origin\"]\n"
		   "\turl = /srv/x.git\n",
		   "  keys go to the end of the last section of that name");
	got = git_get("zdh.timezone");
	is_str(got, " Asia/Shanghai", "  git reads the quoted value");
	free(got);
	got = git_get("user.name");
	is_str(got, "张三", "  and the replaced one");
	free(got);

	ok(zdh_config_set(path, "user.name", NULL) == 0, "unset");
	check_file("# keep me\n"
		   "[user]\n"
		   "\n"
		   "; between sections\n"
		   "[zdh]\n"
		   "\treplica = xinqiao\n"
		   "\tprefix = XQ\n"
		   "\ttimezone = \" Asia/Shanghai\"\n"
		   "[User]\n"
		   "\temail = z@example.org\n"
		   "# trailing comment\n"
		   "[remote \"origin\"]\n"
		   "\turl = /srv/x.git\n",
		   "  removes every line of the key");
	got = git_get("user.name");
	ok(got == NULL, "  git agrees it is gone");
	free(got);
	is_int(zdh_config_set(path, "user.name", NULL), ZDH_ENOTFOUND, "unset of a missing key");
	is_int(zdh_config_set(path, "user.1name", "x"), ZDH_EINVALID, "set of an invalid key");
	is_str(zdh_error_msg(), "invalid config key 'user.1name'", "  says so");
}

/* Several keys in one write: all of them, or none. */
static void test_set_many(void)
{
	const char *keys[] = { "zdh.replica", "prefix.XQ.owner", "prefix.YA.owner" };
	const char *values[] = { "new", "new", NULL };
	const char *bad[] = { "zdh.replica", "prefix.1x" };
	const char *bad_values[] = { "other", "other" };
	const char *missing[] = { "zdh.replica", "no.such" };
	const char *unset_missing[] = { "other", NULL };

	unlink(path);
	write_file(path, "[zdh]\n\treplica = old\n[prefix \"XQ\"]\n\towner = old\n"
		   "[prefix \"YA\"]\n\towner = old\n");
	ok(zdh_config_set_many(path, keys, values, 3) == 0, "set and unset three keys in one write");
	check_file("[zdh]\n\treplica = new\n[prefix \"XQ\"]\n\towner = new\n[prefix \"YA\"]\n",
		   "  each edit made on what the one before left");
	is_int(zdh_config_set_many(path, bad, bad_values, 2), ZDH_EINVALID,
	       "an invalid second key refuses the whole");
	is_int(zdh_config_set_many(path, missing, unset_missing, 2), ZDH_ENOTFOUND,
	       "an unset of a missing second key refuses the whole");
	check_file("[zdh]\n\treplica = new\n[prefix \"XQ\"]\n\towner = new\n[prefix \"YA\"]\n",
		   "  the file as it was after both");
}

static void test_edit_corners(void)
{
	char lock[300];
	char *got;
	int fd;

	unlink(path);
	ok(zdh_config_set(path, "user.name", NULL) == ZDH_ENOTFOUND, "unset in a missing file");
	ok(access(path, F_OK) < 0, "  does not create it");
	ok(zdh_config_set(path, "user.name", "a") == 0, "set creates the file");
	check_file("[user]\n\tname = a\n", "  with one section");

	write_file(path, "[user] name = a\n[zdh]");
	ok(zdh_config_set(path, "user.name", "b") == 0, "replace a key on the header's line");
	ok(zdh_config_set(path, "zdh.replica", "r") == 0, "  add to a header with no newline");
	check_file("[user] \n\tname = b\n[zdh]\n\treplica = r\n", "  both on lines of their own");
	write_file(path, "[user] name = a # x\n[zdh] # c\n");
	ok(zdh_config_set(path, "user.name", NULL) == 0, "unset a key on the header's line");
	ok(zdh_config_set(path, "zdh.replica", "r") == 0, "  add under a header with a comment");
	check_file("[user] \n[zdh] # c\n\treplica = r\n", "  keeps the header");
	write_file(path, "[a] [b]\n");
	ok(zdh_config_set(path, "a.x", "1") == 0, "add to the first of two headers on a line");
	got = git_get("a.x");
	is_str(got, "1", "  git finds it in the right section");
	free(got);
	write_file(path, "[zdh]\n\treplica = r");
	ok(zdh_config_set(path, "zdh.prefix", "P") == 0, "append after a last line without newline");
	check_file("[zdh]\n\treplica = r\n\tprefix = P\n", "  adds the newline");
	write_file(path, "[zdh]\n\tx = 1\n\tx = 2\n");
	ok(zdh_config_set(path, "zdh.x", "3") == 0, "set a key given twice");
	check_file("[zdh]\n\tx = 1\n\tx = 3\n", "  replaces the last");
	ok(zdh_config_set(path, "zdh.x", NULL) == 0, "unset it");
	check_file("[zdh]\n", "  removes both");

	write_file(path, "[core]\n\tbroken = \"\n");
	is_int(zdh_config_set(path, "core.x", "1"), ZDH_ERROR, "set refuses a broken file");
	check_file("[core]\n\tbroken = \"\n", "  and leaves it alone");

	snprintf(lock, sizeof(lock), "%s.lock", path);
	fd = open(lock, O_WRONLY | O_CREAT | O_EXCL, 0666);
	is_int(zdh_config_set(path, "core.x", "1"), ZDH_ELOCKED, "set waits for nobody when locked");
	ok(access(lock, F_OK) == 0, "  and leaves the other's lock");
	close(fd);
	unlink(lock);
}

static void test_keys(void)
{
	const char *good[] = { "user.name", "zdh.lock-timeout", "remote.origin.url",
			       "remote.a.b.c.url", "a.\"weird\" sub.x", "s-1.N2", "1user.name", "user.na.me-", NULL };
	const char *nope[] = { "user", ".name", "user.", "user.1name", "us er.name",
			       "user.na_me", "", "user.-x", "user.x.", NULL };
	int i;

	for (i = 0; good[i]; i++)
		ok(zdh_config_key_valid(good[i]), good[i]);
	for (i = 0; nope[i]; i++) {
		char name[80];
		snprintf(name, sizeof(name), "'%s' is not a key", nope[i]);
		ok(!zdh_config_key_valid(nope[i]), name);
	}
	ok(!zdh_config_key_valid("remote.a\nb.url"), "a subsection with a newline is not a key");
	ok(!zdh_config_key_valid(NULL), "NULL is not a key");
}

int main(void)
{
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	snprintf(path, sizeof(path), "%s/config", dir);
	/* git must read only the files named */
	setenv("GIT_CONFIG_NOSYSTEM", "1", 1);
	setenv("HOME", dir, 1);
	unsetenv("XDG_CONFIG_HOME");

	test_read_git_written();
	test_write_read_by_git();
	test_read_handwritten();
	test_layering();
	test_bad();
	test_edit();
	test_edit_corners();
	test_set_many();
	test_keys();

	unlink(path);
	rmdir(dir);
	return done_testing();
}

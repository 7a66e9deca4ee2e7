/*
 * Unit tests of core/output.c: UTF-8 validity and width, fitting text to
 * columns, tables (compared byte for byte), CSV, the pager (on a
 * pseudo-terminal) and zdh_stdout_close.
 */
#define _GNU_SOURCE	/* posix_openpt and friends */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <utf8proc.h>

#include "tap.h"
#include "buf.h"
#include "error.h"
#include "output.h"

static void valid(const char *s, size_t len, int want, const char *name)
{
	is_int(zdh_utf8_valid(s, len), want, name);
}
#define VALID(lit, want, name) valid(lit, sizeof(lit) - 1, want, name)

static void test_valid(void)
{
	VALID("", 1, "valid: empty");
	VALID("hello, world", 1, "valid: ascii");
	VALID("新桥居民区", 1, "valid: chinese");
	VALID("\xf0\x9f\x98\x80", 1, "valid: 4-byte emoji");
	VALID("\xf4\x8f\xbf\xbf", 1, "valid: U+10FFFF");
	VALID("a\tb\nc", 1, "valid: tab and newline");
	VALID("\xc0\xaf", 0, "invalid: 2-byte overlong");
	VALID("\xe0\x80\xaf", 0, "invalid: 3-byte overlong");
	VALID("\xf0\x80\x80\xaf", 0, "invalid: 4-byte overlong");
	VALID("\xe6\x96", 0, "invalid: truncated sequence");
	VALID("ab\xe6", 0, "invalid: truncated at the end");
	VALID("\x80", 0, "invalid: lone continuation byte");
	VALID("\xed\xa0\x80", 0, "invalid: surrogate");
	VALID("\xf4\x90\x80\x80", 0, "invalid: above U+10FFFF");
	VALID("\xff", 0, "invalid: 0xff");
	VALID("a\0b", 0, "invalid: nul");
	VALID("a\x1b[31m", 0, "invalid: escape");
	VALID("a\rb", 0, "invalid: carriage return");
	VALID("a\x7f", 0, "invalid: del");
	/* the length given is honoured: the NUL after "ab" is outside it */
	valid("ab\0", 2, 1, "valid: length excludes nul");
}

static void test_width(void)
{
	is_int(zdh_utf8_width("abc"), 3, "width: abc");
	is_int(zdh_utf8_width("新桥"), 4, "width: 新桥");
	is_int(zdh_utf8_width("e\xcc\x81"), 1, "width: e + combining acute");
	is_int(zdh_utf8_width("\xef\xbc\xa1\xef\xbc\xa2"), 4, "width: fullwidth AB");
	is_int(zdh_utf8_width("\xf0\x9f\x98\x80"), 2, "width: emoji");
	is_int(zdh_utf8_width("\xe2\x80\xa6"), 1, "width: ellipsis");
	is_int(zdh_utf8_width(""), 0, "width: empty");
	is_int(zdh_utf8_width("a\xff"), 2, "width: bad byte is one column");
	is_int(zdh_utf8_width("\xf3\xb0\x80\x80"), 1, "width: private use is one column");
	is_int(zdh_utf8_len("新桥 ab"), 5, "len: mixed");
	is_int(zdh_utf8_len("e\xcc\x81"), 2, "len: combining counts");
	is_int(zdh_utf8_len("\xf0\x9f\x98\x80"), 1, "len: emoji");
	is_int(zdh_utf8_len("a\xff"), 2, "len: bad byte counts one");
}

static void fit(const char *s, size_t width, int pad, const char *want, const char *name)
{
	struct zdh_buf b = ZDH_BUF_INIT;

	zdh_buf_puts(&b, "[");
	zdh_utf8_fit(&b, s, width, pad);
	zdh_buf_puts(&b, "]");
	is_str(b.ptr, want, name);
	zdh_buf_release(&b);
}

static void test_fit(void)
{
	fit("abc", 5, 0, "[abc]", "fit: short, no pad");
	fit("abc", 5, 1, "[abc  ]", "fit: short, padded");
	fit("abc", 3, 1, "[abc]", "fit: exact");
	fit("abcdef", 4, 0, "[abc…]", "fit: cut ascii");
	fit("abcdef", 4, 1, "[abc…]", "fit: cut ascii padded");
	fit("新桥", 4, 1, "[新桥]", "fit: chinese exact");
	fit("新桥居民区", 9, 1, "[新桥居民…]", "fit: cut chinese");
	fit("新桥路", 4, 0, "[新…]", "fit: wide char not split");
	fit("新桥路", 4, 1, "[新… ]", "fit: wide char not split, padded");
	fit("新桥路", 2, 1, "[… ]", "fit: no room for any wide char");
	fit("abc", 1, 0, "[…]", "fit: one column");
	fit("abc", 0, 1, "[]", "fit: zero columns");
	fit("", 3, 1, "[   ]", "fit: empty padded");
	fit("e\xcc\x81xyz", 3, 0, "[e\xcc\x81x…]", "fit: combining mark stays with its letter");
	fit("\xf0\x9f\x98\x80\xf0\x9f\x98\x80", 3, 1, "[\xf0\x9f\x98\x80…]", "fit: emoji cut");
	fit("a\x1b[2Jb", 10, 0, "[a [2Jb]", "fit: control shown as space");
	fit("a\nb\tc", 5, 0, "[a b c]", "fit: newline and tab shown as space");
	fit("a\xff", 2, 0, "[a\xef\xbf\xbd]", "fit: bad byte shown as U+FFFD");
}

static char *print_table(struct zdh_table *t, int no_header, int csv, int *rc)
{
	char *text = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&text, &size);

	*rc = csv ? zdh_table_print_csv(t, f) : zdh_table_print(t, f, no_header);
	fclose(f);
	return text;
}

/* table_is T NO_HEADER CSV WANT NAME: T printed is WANT, byte for byte; returns the print's code */
static int table_is(struct zdh_table *t, int no_header, int csv, const char *want, const char *name)
{
	int rc;
	char *out = print_table(t, no_header, csv, &rc);

	is_str(out, want, name);
	free(out);
	return rc;
}

static void test_table(void)
{
	const char *hdr[] = { "ID", "KIND", "NAME", "COUNT" };
	const char *r1[] = { "XQ-O1", "area", "新桥居民区", "12" };
	const char *r2[] = { "XQ-O12", "dept", "Party office", "3" };
	const char *r3[] = { "XQ-O3", "district", "东片", NULL };
	struct zdh_table *t = zdh_table_new(4);
	int rc;

	zdh_table_header(t, hdr);
	zdh_table_align(t, 3, ZDH_ALIGN_RIGHT);
	zdh_table_row(t, r1);
	zdh_table_row(t, r2);
	zdh_table_row(t, r3);
	is_int(zdh_table_rows(t), 3, "table: rows");

	rc = table_is(t, 0, 0,
		      "ID      KIND      NAME          COUNT\n"
		      "XQ-O1   area      新桥居民区       12\n"
		      "XQ-O12  dept      Party office      3\n"
		      "XQ-O3   district  东片\n",
		      "table: chinese and ascii aligned, right column, no trailing spaces");
	is_int(rc, 0, "table: printed");

	/* without the header its width no longer counts */
	zdh_table_maxwidth(t, 2, 7);
	table_is(t, 1, 0,
		 "XQ-O1   area      新桥居…  12\n"
		 "XQ-O12  dept      Party …   3\n"
		 "XQ-O3   district  东片\n",
		 "table: maxwidth cuts with an ellipsis, no header");

	zdh_table_maxwidth(t, 2, 6);
	zdh_table_align(t, 2, ZDH_ALIGN_RIGHT);
	table_is(t, 1, 0,
		 "XQ-O1   area       新桥…  12\n"
		 "XQ-O12  dept      Party…   3\n"
		 "XQ-O3   district    东片\n",
		 "table: right-aligned cut cell");

	rc = table_is(t, 0, 1,
		      "ID,KIND,NAME,COUNT\n"
		      "XQ-O1,area,新桥居民区,12\n"
		      "XQ-O12,dept,Party office,3\n"
		      "XQ-O3,district,东片,\n",
		      "csv: table with header");
	is_int(rc, 0, "csv: printed");
	zdh_table_free(t);

	t = zdh_table_new(2);
	table_is(t, 0, 0, "", "table: empty prints nothing");
	{
		const char *r[] = { "", "" };
		zdh_table_row(t, r);
	}
	table_is(t, 0, 0, "\n", "table: empty cells print an empty line");
	zdh_table_free(t);

	{
		const char *r[] = { "a", "b" };
		FILE *f = fopen("/dev/full", "w");

		t = zdh_table_new(2);
		zdh_table_row(t, r);
		if (f) {
			rc = zdh_table_print(t, f, 0);
			is_int(rc, -1, "table: write error reported");
			ok(strstr(zdh_error_msg(), "cannot write output"), "table: write error message");
			fclose(f);
		} else {
			ok(1, "# skip no /dev/full");
			ok(1, "# skip no /dev/full");
		}
		zdh_table_free(t);
	}

	/*
	 * Cells that are not ASCII, repeated row after row (measured once),
	 * right-aligned, and unclean ones of the same length as a clean one
	 * before them (a control character shown as a space, a byte that is
	 * not UTF-8 as U+FFFD): each printed as fit() prints it.
	 */
	{
		const char *r1[] = { "房管办", "东片", "x" };
		const char *r2[] = { "房管办", "东片", "y" };
		const char *r3[] = { "房管\x01\x01\x01", "东\xff\xff\xff", "z" };
		const char *r4[] = { "房管办", "东片", "w" };

		t = zdh_table_new(3);
		zdh_table_align(t, 1, ZDH_ALIGN_RIGHT);
		zdh_table_row(t, r1);
		zdh_table_row(t, r2);
		zdh_table_row(t, r3);
		zdh_table_row(t, r4);
		table_is(t, 0, 0,
			 "房管办    东片  x\n"
			 "房管办    东片  y\n"
			 "房管     东\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd  z\n"
			 "房管办    东片  w\n",
			 "table: repeated, right-aligned and unclean cells beside clean ones");
		zdh_table_maxwidth(t, 0, 5);
		table_is(t, 0, 0,
			 "房管…   东片  x\n"
			 "房管…   东片  y\n"
			 "房管…  东\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd  z\n"
			 "房管…   东片  w\n",
			 "table: a repeated cell too wide is cut each time");
		zdh_table_free(t);
	}
}

static void csv(const char *s, const char *want, const char *name)
{
	struct zdh_buf b = ZDH_BUF_INIT;

	zdh_csv_field(&b, s);
	is_str(b.ptr, want, name);
	zdh_buf_release(&b);
}

static void test_csv(void)
{
	const char *hdr[] = { "name", "note" };
	const char *r1[] = { "新桥, 东片", "she said \"no\"" };
	const char *r2[] = { "two\nlines", "cr\rhere" };
	struct zdh_table *t;

	csv("plain", "plain", "csv: plain");
	csv("", "", "csv: empty");
	csv("新桥", "新桥", "csv: chinese unquoted");
	csv("a,b", "\"a,b\"", "csv: comma");
	csv("say \"hi\"", "\"say \"\"hi\"\"\"", "csv: quotes doubled");
	csv("two\nlines", "\"two\nlines\"", "csv: newline");
	csv("a\rb", "\"a\rb\"", "csv: carriage return");
	csv(" lead", " lead", "csv: spaces kept as they are");

	t = zdh_table_new(2);
	zdh_table_header(t, hdr);
	zdh_table_row(t, r1);
	zdh_table_row(t, r2);
	table_is(t, 0, 1,
		 "name,note\n"
		 "\"新桥, 东片\",\"she said \"\"no\"\"\"\n"
		 "\"two\nlines\",\"cr\rhere\"\n",
		 "csv: table quoting");
	zdh_table_free(t);
}

/*
 * Run the pager in a child whose stdout is a pseudo-terminal (or a pipe
 * when tty is 0), and return everything that reached it.
 */
static char *run_pager(const char *zdh_pager, const char *pager, const char *less,
		       int tty, int finish_early)
{
	struct zdh_buf got = ZDH_BUF_INIT;
	int master = -1, fds[2] = { -1, -1 }, rfd;
	char chunk[512];
	ssize_t n;
	pid_t pid;

	if (tty) {
		master = posix_openpt(O_RDWR | O_NOCTTY);
		if (master < 0 || grantpt(master) || unlockpt(master))
			return zdh_strdup("(no pty)");
		rfd = master;
	} else {
		if (pipe(fds))
			return zdh_strdup("(no pipe)");
		rfd = fds[0];
	}
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		int out = tty ? open(ptsname(master), O_RDWR | O_NOCTTY) : fds[1];
		int null = open("/dev/null", O_WRONLY);

		dup2(out, 1);
		dup2(null, 2);
		close(rfd);
		if (zdh_pager)
			setenv("ZDH_PAGER", zdh_pager, 1);
		else
			unsetenv("ZDH_PAGER");
		if (pager)
			setenv("PAGER", pager, 1);
		else
			unsetenv("PAGER");
		if (less)
			setenv("LESS", less, 1);
		else
			unsetenv("LESS");
		unsetenv("LV");
		zdh_pager_start();
		fputs("hello\n", stdout);
		if (finish_early) {
			zdh_pager_finish();
			fputs("after\n", stdout);
		}
		exit(0);	/* the pager is finished by atexit */
	}
	if (fds[1] >= 0)
		close(fds[1]);
	/* a pty master reads EIO once every holder of the slave is gone */
	while ((n = read(rfd, chunk, sizeof(chunk))) > 0 || (n < 0 && errno == EINTR))
		if (n > 0)
			zdh_buf_add(&got, chunk, (size_t)n);
	close(rfd);
	waitpid(pid, NULL, 0);
	return zdh_buf_detach(&got);
}

static void pager(const char *zdh_pager, const char *pager_env, const char *less, int tty,
		  int finish_early, const char *want, const char *name)
{
	char *got = run_pager(zdh_pager, pager_env, less, tty, finish_early);

	is_str(got, want, name);
	free(got);
}

static void test_pager(void)
{
	pager("tr a-z A-Z", NULL, NULL, 1, 0, "HELLO\r\n", "pager: ZDH_PAGER on a terminal");
	pager(NULL, "tr a-z A-Z", NULL, 1, 0, "HELLO\r\n", "pager: PAGER when ZDH_PAGER unset");
	pager("cat", "tr a-z A-Z", NULL, 1, 0, "hello\r\n", "pager: ZDH_PAGER=cat means none");
	pager("", "tr a-z A-Z", NULL, 1, 0, "hello\r\n", "pager: empty ZDH_PAGER means none");
	pager("tr a-z A-Z", NULL, NULL, 0, 0, "hello\n", "pager: none when stdout is not a terminal");
	pager("printf '%s|%s\\n' \"$LESS\" \"$LV\"; cat", NULL, NULL, 1, 0,
	      "FRX|-c\r\nhello\r\n", "pager: LESS and LV set when unset");
	pager("printf '%s\\n' \"$LESS\"; cat", NULL, "S", 1, 0,
	      "S\r\nhello\r\n", "pager: LESS kept when set");
	pager("tr a-z A-Z", NULL, NULL, 1, 1, "HELLO\r\nafter\r\n",
	      "pager: finish waits and gives stdout back");
}

/* In a child: write to fd 1 set up by setup, then zdh_stdout_close. */
static void stdout_close(int kind, size_t size, int want_rc, const char *want_msg, const char *name)
{
	int res[2], status = 0;
	char msg[256] = "";
	ssize_t n;
	pid_t pid;

	if (pipe(res))
		return;
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		char *data = zdh_malloc(size);
		int fds[2], rc;

		close(res[0]);
		signal(SIGPIPE, SIG_IGN);
		if (kind == 0) {
			/* a reader that went away */
			if (pipe(fds))
				_exit(3);
			close(fds[0]);
			dup2(fds[1], 1);
		} else {
			dup2(open("/dev/full", O_WRONLY), 1);
		}
		memset(data, 'x', size);
		fwrite(data, 1, size, stdout);
		rc = zdh_stdout_close();
		if (rc)
			(void)!write(res[1], zdh_error_msg(), strlen(zdh_error_msg()));
		free(data);
		_exit(rc == 0 ? 0 : rc == -1 ? 1 : 2);
	}
	close(res[1]);
	n = read(res[0], msg, sizeof(msg) - 1);
	msg[n > 0 ? n : 0] = '\0';
	close(res[0]);
	waitpid(pid, &status, 0);
	is_int(WIFEXITED(status) ? WEXITSTATUS(status) : 100 + WTERMSIG(status),
	       want_rc ? 1 : 0, name);
	is_str(msg, want_msg, name);
}

static void test_stdout_close(void)
{
	stdout_close(0, 10, 0, "", "stdout_close: EPIPE at the flush is quiet");
	stdout_close(0, 100000, 0, "", "stdout_close: EPIPE in an earlier write is quiet");
	stdout_close(1, 10, -1, "cannot write to standard output: No space left on device",
		     "stdout_close: full disk at the flush");
	stdout_close(1, 100000, -1, "cannot write to standard output",
		     "stdout_close: full disk in an earlier write");
}

/*
 * Rows past the first 64 KiB block and across 2 MiB blocks, a cell larger
 * than a block, NULL and UTF-8 cells among them: every row printed whole,
 * in order, and each column as wide as its widest cell.
 */
static void test_table_blocks(void)
{
	const size_t nrows = 60000, big = 3 << 20;
	struct zdh_table *t = zdh_table_new(3);
	struct zdh_buf want = ZDH_BUF_INIT, wcsv = ZDH_BUF_INIT;
	char *huge = zdh_malloc(big + 1), id[32], n[32], *out;
	int rc;

	memset(huge, 'x', big);
	huge[big] = '\0';
	for (size_t i = 0; i < nrows; i++) {
		const char *r[3] = { id, i % 3 ? n : NULL, i == nrows / 2 ? huge : "新桥" };
		snprintf(id, sizeof(id), "XQ-%zu", i);
		snprintf(n, sizeof(n), "%zu", i * 7);
		zdh_table_row(t, r);
	}
	is_int(zdh_table_rows(t), (long long)nrows, "table blocks: rows counted");
	for (size_t i = 0; i < nrows; i++) {
		snprintf(id, sizeof(id), "XQ-%zu", i);
		snprintf(n, sizeof(n), "%zu", i * 7);
		/* widest: "XQ-59999" (8), "419993" (6) */
		zdh_buf_addf(&want, "%-8s  %-6s  %s\n", id, i % 3 ? n : "",
			     i == nrows / 2 ? huge : "新桥");
		zdh_buf_addf(&wcsv, "%s,%s,%s\n", id, i % 3 ? n : "", i == nrows / 2 ? huge : "新桥");
	}
	out = print_table(t, 0, 0, &rc);
	is_int(rc, 0, "table blocks: printed");
	ok(out && !strcmp(out, want.ptr), "table blocks: every row, in order, aligned");
	free(out);
	out = print_table(t, 0, 1, &rc);
	ok(out && !strcmp(out, wcsv.ptr), "table blocks: the same as CSV");
	free(out);
	zdh_table_free(t);
	zdh_buf_release(&want);
	zdh_buf_release(&wcsv);
	free(huge);
}

/* zdh_utf8_plain(): what it reads, utf8proc_iterate() reads the same (every three bytes led by E0-EF, every ASCII byte) */
static void test_plain(void)
{
	int bad = 0, plain3 = 0;

	for (unsigned a = 0; a < 0x100; a++)
		for (unsigned b = 0; b < (a >= 0xe0 && a <= 0xef ? 0x100u : 1u); b++)
			for (unsigned c = 0; c < (a >= 0xe0 && a <= 0xef ? 0x100u : 1u); c++) {
				const unsigned char p[3] = { (unsigned char)a, (unsigned char)b, (unsigned char)c };
				utf8proc_int32_t want;
				utf8proc_ssize_t n = utf8proc_iterate(p, 3, &want);
				int cp = -2, k = zdh_utf8_plain(p, 3, &cp);

				if (k == 3)
					plain3++;
				if (k && (n != k || want != cp) && !bad++)
					printf("# %02x %02x %02x: plain %d U+%04X, utf8proc %ld U+%04X\n", a, b, c, k,
					       (unsigned)cp, (long)n, (unsigned)want);
				if (!k && a < 0x80 && !bad++)
					printf("# %02x: ASCII left to utf8proc\n", a);
			}
	is_int(bad, 0, "zdh_utf8_plain reads what utf8proc_iterate reads");
	is_int(plain3, 14 * 64 * 64, "  and reads every three bytes led by E1-EC or EE-EF");
	{
		const unsigned char cut[2] = { 0xe6, 0x96 };
		int cp;

		is_int(zdh_utf8_plain(cut, 2, &cp), 0, "  not three bytes cut short");
	}
}

static void key(const char *name, const char *want, const char *what)
{
	char *k = zdh_name_key(name);

	is_str(k, want, what);
	free(k);
}

static void shown(const char *name, const char *want, const char *what)
{
	struct zdh_buf b = ZDH_BUF_INIT;

	zdh_name_shown(&b, name);
	is_str(b.ptr, want, what);
	zdh_buf_release(&b);
}

/* what two names that look alike share, and how a notice shows them apart */
static void test_name_key(void)
{
	key("房管办", "房管办", "key: a plain name is itself");
	key("房管\u200b办", "房管办", "key: a zero-width space left out");
	key("\ufeff房管\u202e办\u00ad", "房管办", "key: a BOM, an override, a soft hyphen left out");
	key("ＸＱ理事会１", "XQ理事会1", "key: full-width letters and digits folded");
	key("Jose\u0301", "Jos\u00e9", "key: NFD composed");
	key("  楼道\u3000 照明\t", "楼道 照明", "key: blanks one space, none at the ends");
	key("\u2f08", "\u4eba", "key: a Kangxi radical is its ideograph");
	key("a\xff" "b", "a\xff" "b", "key: bytes that are not UTF-8 kept");
	key("\u200b", "", "key: nothing but invisible");
	shown("房管\u200b办", "房管<U+200B>办", "shown: an invisible character spelled");
	shown("\ufeffＸＱ", "<U+FEFF>ＸＱ", "shown: full-width kept, a BOM spelled");
	shown("a\xff" "b", "a\xff" "b", "shown: bytes that are not UTF-8 as they are");
}

int main(void)
{
	test_plain();
	test_name_key();
	test_valid();
	test_width();
	test_fit();
	test_table();
	test_table_blocks();
	test_csv();
	test_pager();
	test_stdout_close();
	return done_testing();
}

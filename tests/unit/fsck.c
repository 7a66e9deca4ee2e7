/*
 * fsck — the checks of a commit and a tree a folder copy makes
 * (core/fsck.c): what zdh writes passes, each of git's complaints is
 * named as git names it, and no input is read past its end (every case
 * also cut at each length, under the sanitizers).  t5175 checks the same
 * names against git fsck itself.
 */
#include <stdlib.h>
#include <string.h>

#include "fsck.h"
#include "tap.h"

#define T "tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904\n"
#define P "parent 0123456789abcdef0123456789abcdef01234567\n"
#define ID "张三 <zhang@example.org> 1700000000 +0800\n"

/* check's verdict on len bytes of raw, copied with a NUL after them: "" when it passes */
static const char *verdict(int (*check)(const char *, size_t, const char **), const void *raw,
			   size_t len)
{
	char *copy = malloc(len + 1);
	const char *why = NULL;

	memcpy(copy, raw, len);
	copy[len] = '\0';
	if (!check(copy, len, &why))
		why = "";
	free(copy);
	return why;
}

static const char *commit_why(const char *raw, size_t len)
{
	return verdict(zdh_fsck_commit, raw, len);
}

static const char *commit_str(const char *raw)
{
	return commit_why(raw, strlen(raw));
}

static const char *tree_why(const unsigned char *raw, size_t len)
{
	return verdict(zdh_fsck_tree, raw, len);
}

/* a tree of entries "mode name" with the id byte b repeated */
static size_t tree(unsigned char *out, const char *const *entries, unsigned char b)
{
	size_t n = 0;

	for (; *entries; entries++) {
		size_t len = strlen(*entries) + 1;
		memcpy(out + n, *entries, len);
		n += len;
		memset(out + n, b, 20);
		n += 20;
	}
	return n;
}

int main(void)
{
	static const char *const sorted[] = { "100644 a.jpg", "40000 a", "100644 b", NULL };
	static const char *const unsorted[] = { "100644 b", "100644 a", NULL };
	static const char *const dup[] = { "100644 a", "100644 a.b", "40000 a", NULL };
	static const char *const dotgit[] = { "100644 .Git. ", NULL };
	static const char *const padded[] = { "0100644 a", NULL };
	static const char *const nomode[] = { " a", NULL };
	static const char *const badmode[] = { "10064x a", NULL };
	static const struct {
		const char *const *entries;
		unsigned char id_byte;
		const char *want, *name;
	} trees[] = {
		{ sorted, 7, "", "a sorted tree passes (a tree sorts as if it ended in '/')" },
		{ unsorted, 7, "treeNotSorted", "entries out of order" },
		{ dup, 7, "duplicateEntries", "a file and a tree of one name, apart" },
		{ dotgit, 7, "hasDotgit", "'.Git. ' (NTFS)" },
		{ padded, 7, "zeroPaddedFilemode", "a zero-padded mode" },
		{ nomode, 7, "badTree", "no mode" },
		{ badmode, 7, "badTree", "a mode that is not octal" },
		{ sorted, 0, "nullSha1", "a null id" },
	};
	unsigned char buf[512];
	const char *good = T P "author " ID "committer " ID "gpgsig -----BEGIN SSH SIGNATURE-----\n"
		" abc\n -----END SSH SIGNATURE-----\n\nsummary\n\n{\"v\":2}\n";
	size_t n;
	int cut_ok = 1;

	is_str(commit_str(good), "", "a signed event commit passes");
	is_str(commit_str(T "author " ID "committer " ID), "", "a commit with no body passes");
	is_str(commit_str(T "author " ID "committer " ID "\n"), "", "... or an empty one");
	is_str(commit_str(P "author " ID "committer " ID "\nx\n"), "missingTree", "no tree line");
	is_str(commit_str("tree 4b825dc6\n" "author " ID "committer " ID "\nx\n"), "badTreeSha1",
	       "a short tree id");
	is_str(commit_str(T "parent xyz\n" "author " ID "committer " ID "\nx\n"), "badParentSha1",
	       "a bad parent id");
	is_str(commit_str(T "committer " ID "\nx\n"), "missingAuthor", "no author");
	is_str(commit_str(T "author " ID "author " ID "committer " ID "\nx\n"), "multipleAuthors",
	       "two authors");
	is_str(commit_str(T "author " ID "\nx\n"), "missingCommitter", "no committer");
	is_str(commit_str(T "author a <b> 1 +0800\ncommitter " ID "\nx\n"), "", "a date of 1");
	is_str(commit_str(T "author a <b> 0 +0800\ncommitter " ID "\nx\n"), "", "a date of 0");
	is_str(commit_str(T "author a <b> 01 +0800\ncommitter " ID "\nx\n"), "zeroPaddedDate",
	       "a zero-padded date");
	is_str(commit_str(T "author a <b> x +0800\ncommitter " ID "\nx\n"), "badDate", "no date");
	is_str(commit_str(T "author a <b> 9223372036854775807 +0800\ncommitter " ID "\nx\n"),
	       "badDateOverflow", "a date past time_t");
	is_str(commit_str(T "author a <b> 9223372036854775806 +0800\ncommitter " ID "\nx\n"),
	       "", "the last date it holds");
	is_str(commit_str(T "author a <b> 1 +08\ncommitter " ID "\nx\n"), "badTimezone",
	       "a short time zone");
	is_str(commit_str(T "author <b> 1 +0800\ncommitter " ID "\nx\n"), "missingNameBeforeEmail",
	       "no name");
	is_str(commit_str(T "author a> 1 +0800\ncommitter " ID "\nx\n"), "badName", "a '>' in the name");
	is_str(commit_str(T "author a<b> 1 +0800\ncommitter " ID "\nx\n"), "missingSpaceBeforeEmail",
	       "no space before the email");
	is_str(commit_str(T "author a <b 1 +0800\ncommitter " ID "\nx\n"), "badEmail", "an open email");
	is_str(commit_str(T "author a <b>1 +0800\ncommitter " ID "\nx\n"), "missingSpaceBeforeDate",
	       "no space before the date");
	is_str(commit_why(T "author a <b> 1 +0800\ncommitter " ID "\0\nx\n",
			  sizeof(T "author a <b> 1 +0800\ncommitter " ID "\0\nx\n") - 1),
	       "nulInHeader", "a NUL in the header");
	is_str(commit_why(T "author " ID "committer " ID "\nx\0y\n",
			  sizeof(T "author " ID "committer " ID "\nx\0y\n") - 1),
	       "nulInCommit", "a NUL in the body");
	is_str(commit_str(T "author " ID "committer 张三 <z>"), "unterminatedHeader",
	       "a header cut short");
	/* every prefix of a good commit: a verdict, and nothing read past its end */
	for (size_t len = 0; len < strlen(good); len++)
		if (!commit_why(good, len))
			cut_ok = 0;
	ok(cut_ok, "every prefix of a commit gets a verdict");

	for (size_t i = 0; i < sizeof(trees) / sizeof(*trees); i++) {
		n = tree(buf, trees[i].entries, trees[i].id_byte);
		is_str(tree_why(buf, n), trees[i].want, trees[i].name);
	}
	is_str(tree_why(buf, 0), "", "the empty tree passes");
	n = tree(buf, sorted, 7);
	cut_ok = 1;
	for (size_t len = 1; len < n; len++)
		if (!strcmp(tree_why(buf, len), "") && len != 33 && len != 61)
			cut_ok = 0;	/* (whole entries end at 33 and 61) */
	ok(cut_ok, "a tree cut inside an entry is badTree");
	return done_testing();
}

/*
 * output — what commands print: UTF-8 checks and display width, tables
 * aligned by display width (a Chinese character is two columns), CSV
 * (RFC 4180), JSON to stdout, and the pager.
 *
 * Nothing here depends on the locale: display width comes from utf8proc.
 */
#ifndef ZDH_OUTPUT_H
#define ZDH_OUTPUT_H

#include <stdio.h>
#include <stddef.h>
#include "buf.h"

/* 1 when s[0..len) is valid UTF-8 with no NUL and no C0 control other than \n and \t. */
int zdh_utf8_valid(const char *s, size_t len);
/* Number of code points. */
size_t zdh_utf8_len(const char *s);
/*
 * A new name (checked when written, not on replay): refused when it holds
 * an invisible format character (Unicode's Cf: zero-width spaces and
 * joiners, direction marks and overrides, a byte-order mark), which would
 * make "房管\u200b办" a second org that looks like 房管办 in every list.
 * A name of blanks only (" ", a pasted U+3000) is refused too, as empty:
 * it printed as nothing ("" is each caller's to take as none or refuse).
 * 0 or ZDH_EINVALID naming what.  (Here, low, so that the repository's
 * settings and identity are checked by it too.)
 */
int zdh_name_visible(const char *what, const char *name);
/*
 * What a name looks like, for telling two that look alike (a peer's
 * events are replayed unchecked, so "房管\u200b办" or "ＡＢ办" can come by a
 * pull): NFKC (full-width letters and digits, the ideographic space and
 * compatibility forms folded, NFD composed), default-ignorable and format
 * (Cf) characters left out, runs of blanks one space, none at the ends.
 * Never part of a fold or a record's state: it makes pull's notices and
 * refuses a local write of a lookalike name (zdh_kind_name_free()), never
 * a replayed event, so a utf8proc of another Unicode version changes no
 * fold.  A new string; bytes that are not UTF-8 are kept as they are.
 */
char *zdh_name_key(const char *name);
/*
 * The Unicode version zdh_name_key() folds by, and the version of its
 * table of letters that look Latin ("15.0.0 lookalikes 1"; the
 * environment's ZDH_TEST_UNICODE in place of utf8proc's, for the tests).  An
 * index on the key is only sound with the function that made it: a
 * character assigned in a later version may fold otherwise, so a kind
 * whose SQL uses the key has it in its fingerprint (index-kinds.c), and
 * a zdh of another version refolds that kind and makes its indexes anew.
 */
const char *zdh_name_key_version(void);
/*
 * name as a notice shows it, so that two names that look alike can be
 * told apart: each invisible character (as zdh_name_key() leaves out) and
 * each Greek or Cyrillic letter it takes for a Latin one (the Cyrillic Х
 * of ХQ理事会) as <U+200B>, <U+0425>, the rest as it is.
 */
void zdh_name_shown(struct zdh_buf *out, const char *name);
/*
 * s (len bytes) appended to out as a terminal may be given it, as a
 * table's cell is: a control character (a newline too, unless lines is
 * set) and each bidirectional override or isolate as a space, bytes that
 * are not UTF-8 as U+FFFD.  For text printed outside a table (a show's
 * fields, a warning quoting a peer's value), which may hold what a peer
 * wrote: an event's text may hold U+202E, and a note may quote a value
 * the fold refused for its control characters.
 */
void zdh_text_shown(struct zdh_buf *out, const char *s, size_t len, int lines);

/*
 * The next item of a list as people type it: "a,b", "a，b", "a、b", "a;b"
 * or "a；b" (the ASCII comma, the full-width comma and the enumeration
 * comma Chinese staff type, and either semicolon), each item trimmed of spaces (ASCII and the ideographic
 * space U+3000).  Sets *item and *len and moves *p past the item and its
 * separator; empty items are skipped; 0 at the end of the list.  Every
 * option that takes a list splits it here.
 */
int zdh_list_next(const char **p, const char **item, size_t *len);

/*
 * The length of the character at p (avail bytes there) when it needs no
 * full decoder: 1 for ASCII, 3 for three bytes led by E1-EC or EE-EF,
 * valid whatever their continuation bytes and far from any control
 * character (most Chinese text); its code point in *cp.  0 otherwise:
 * utf8proc_iterate() decides.
 */
static inline int zdh_utf8_plain(const unsigned char *p, size_t avail, int *cp)
{
	if (p[0] < 0x80) {
		*cp = p[0];
		return 1;
	}
	if (avail >= 3 && p[0] >= 0xe1 && p[0] <= 0xef && p[0] != 0xed &&
	    (p[1] & 0xc0) == 0x80 && (p[2] & 0xc0) == 0x80) {
		*cp = (p[0] & 0x0f) << 12 | (p[1] & 0x3f) << 6 | (p[2] & 0x3f);
		return 3;
	}
	return 0;
}
/* Edit distance in code points (of the first 128 of each), for "did you mean". */
size_t zdh_utf8_distance(const char *a, const char *b);
/*
 * "Did you mean", as git's help.c for a mistyped command: the distance of
 * each of names[0..n) from word into d[0..n) (zdh_utf8_distance(); 0 for
 * a name word begins, and for alias when given), and the least of them
 * when it is near enough to suggest (a third of word's characters, at
 * least 2); else (size_t)-1.  Verbs, commands and options all take it.
 */
size_t zdh_similar(const char *word, const char *alias, const char *const *names, size_t n,
		   size_t *d);
/* Display width in terminal columns (East Asian wide = 2, combining = 0). */
size_t zdh_utf8_width(const char *s);
/*
 * Append s to out cut to at most width columns; when cut, the last column
 * is "…".  Pads with spaces to exactly width when pad is set.
 */
void zdh_utf8_fit(struct zdh_buf *out, const char *s, size_t width, int pad);

/* A table of text cells printed with columns aligned by display width. */
struct zdh_table;
enum { ZDH_ALIGN_LEFT = 0, ZDH_ALIGN_RIGHT = 1 };
struct zdh_table *zdh_table_new(size_t ncols);
/* Header cells; shown unless the table is printed with no_header. */
void zdh_table_header(struct zdh_table *t, const char *const *cells);
void zdh_table_align(struct zdh_table *t, size_t col, int align);
/* Cap a column's width (0 = none); longer cells are cut with "…". */
void zdh_table_maxwidth(struct zdh_table *t, size_t col, size_t width);
/* Add a row; cells are copied; a NULL cell prints as empty. */
void zdh_table_row(struct zdh_table *t, const char *const *cells);
size_t zdh_table_rows(const struct zdh_table *t);
/* Columns separated by two spaces, no trailing spaces; returns 0 or -1 on write error. */
int zdh_table_print(struct zdh_table *t, FILE *out, int no_header);
/* The same rows as CSV (header first); returns 0 or -1. */
int zdh_table_print_csv(struct zdh_table *t, FILE *out);
/*
 * Its CSV is for a spreadsheet (--excel): each cell that would be a
 * formula there (zdh_csv_formula_like) goes out after a single quote.
 */
void zdh_table_excel(struct zdh_table *t);
void zdh_table_free(struct zdh_table *t);

/* One CSV field, quoted when it holds a comma, quote, CR or LF. */
void zdh_csv_field(struct zdh_buf *out, const char *s);
/* The same; with excel, a cell that would be a formula after a single quote. */
void zdh_csv_cell(struct zdh_buf *out, const char *s, int excel);

/*
 * Start the pager when stdout is a terminal: $ZDH_PAGER, else $PAGER, else
 * "less" with LESS=FRX unless LESS is set; "cat" or "" means no pager.
 * stdout is redirected into the pager; zdh_pager_finish() (also run at
 * exit) closes it and waits.
 */
void zdh_pager_start(void);
void zdh_pager_finish(void);

/* fen → "12000.50" (a minus sign when negative): an amount of money as zdh prints it. */
void zdh_money_format(char out[32], long long fen);

/*
 * Who wrote an event, as every show, log and pull's news names them:
 * the name, "@REPLICA" when replica is not local (another office's
 * 王芳 is not this office's: "王芳@yanan"), then the department when
 * set, " (房管办)".  local or replica NULL: no replica.
 */
void zdh_writer_shown(struct zdh_buf *who, const char *name, const char *dept, const char *replica,
		      const char *local);

/*
 * Flush stdout and report a failed write as an error: 0 or -1.  A reader
 * that went away (EPIPE) is no error: 0.
 */
int zdh_stdout_close(void);

/*
 * The message of a failed zdh_write_output(path, ...) (lockfile.h), r its
 * result, errno its error: ZDH_ERROR.  One whose folder (there) refused
 * the file written beside it says so, not only that path could not be
 * written.
 */
int zdh_write_output_failed(int r, const char *path);

/*
 * A write of output to out failed: the message msg with the system's
 * words (ZDH_ERROR), or 0 when the reader went away (EPIPE on a pipe: zdh
 * log | head), which zdh(1) says is not an error.
 */
int zdh_output_failed(FILE *out, const char *msg);

/*
 * SIGPIPE ignored for the whole command (zdh(1): a reader that goes away
 * early is not an error, so a write gets EPIPE instead of zdh dying with
 * status 141, sooner or later by the race between writer and reader);
 * zdh_sigpipe_child() gives a child about to exec (man, the pager, the
 * editor) the disposition zdh was started with.
 */
void zdh_sigpipe_ignore(void);
void zdh_sigpipe_child(void);

/*
 * Standard input, output or error closed (zdh issue list >&-, a daemon's
 * job): each is held by /dev/null opened the other way round, so that no
 * file zdh opens takes its number (a report written into .zdh/index.use,
 * a message into a lock file, exit 0) and a write to it still fails
 * (EBADF, exit 128) as on the closed one.  First thing in main().
 */
void zdh_std_fds_hold(void);

#endif

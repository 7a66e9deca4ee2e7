/*
 * common — what every command shares: the command table's entry points,
 * the options every command spells the same way, the shapes of a command
 * (open the repository, run a write, print a list, import a CSV), and
 * reporting errors with the exit codes of zdh(1).
 *
 * A command's file is then mostly its option tables (cmd/lib/options.h) and
 * calls: see "Writing a command" in the README.
 */
#ifndef ZDH_CMD_COMMON_H
#define ZDH_CMD_COMMON_H

#include <stdio.h>

#include <jansson.h>

#include "buf.h"
#include "date.h"
#include "error.h"
#include "i18n.h"
#include "repo.h"
#include "options.h"

int cmd_init(int argc, char **argv);
int cmd_config(int argc, char **argv);
int cmd_org(int argc, char **argv);
int cmd_issue(int argc, char **argv);
int cmd_menu(int argc, char **argv);
int cmd_visit(int argc, char **argv);
int cmd_project(int argc, char **argv);
int cmd_fund(int argc, char **argv);
int cmd_council(int argc, char **argv);
int cmd_inbox(int argc, char **argv);
int cmd_conflicts(int argc, char **argv);
int cmd_person(int argc, char **argv);
int cmd_log(int argc, char **argv);
int cmd_verify(int argc, char **argv);
int cmd_reindex(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_clone(int argc, char **argv);
int cmd_remote(int argc, char **argv);
int cmd_pull(int argc, char **argv);
int cmd_push(int argc, char **argv);
int cmd_sync(int argc, char **argv);
int cmd_replica(int argc, char **argv);
int cmd_report(int argc, char **argv);

/* Print "zdh: <message>" for err and return its exit code. */
int report(int err);
/*
 * prefix, then text as zdh_text_shown() gives it (newlines kept when
 * lines is set), then a newline, on f: a line that may quote what a peer
 * wrote (a note, a record's text) never reaches the terminal raw.
 */
void print_shown(FILE *f, const char *prefix, const char *text, int lines);
/* A warning so (zdh_set_warn_routine(), set by main). */
void print_warning(const char *prefix, const char *text);
/* printf() to standard output through zdh_text_shown(), the format's newlines kept: a show's text. */
void show_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/*
 * A line of news someone must look at (what a pull brought, an event a
 * recovery wrote again without effect): to stderr as it is, from cron
 * too; a callback of the core's news (payload unused).
 */
void print_news(const char *line, void *payload);
/*
 * The same for the refusal of the value of option (as typed, "--due"):
 * "zdh: --due: invalid date 'xyz' (...)", so that a command with two
 * dates says which one was wrong.  err 0: 0.
 */
int report_option(const char *option, int err);
/*
 * Print "zdh: <message>" and then usage (a text) to stderr; returns
 * ZDH_EXIT_USAGE.  Verbs use opt_usage_error(), which prints their own.
 */
int usage_error(const char *usage, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Discover the repository, printing the error; 0 or an exit code. */
int open_repo(struct zdh_repo **repo);
/*
 * --overdue of a list: today (YYYY-MM-DD in the repository's zone) and
 * *stale, zdh.overdue-days before now: an open record untouched since
 * then is overdue.  0 or an exit code.
 */
int overdue_since(char today[11], struct zdh_time *stale, const struct zdh_repo *repo);
/*
 * Parse the date of option (as typed, "--date"; NULL = now) in the
 * repository's zone; a refusal names the option.  0 or an exit code.
 */
int parse_date(struct zdh_time *out, const char *text, const struct zdh_repo *repo,
	       const char *option);
/*
 * --since FROM and --until TO of a list (NULL: not given, its bound left
 * as it is) as epoch bounds *lo and *hi, TO not included; a day without
 * a time means up to the end of that day; TO before FROM is refused,
 * naming the options (recorded: --recorded-since/--recorded-until).
 * 0 or an exit code.
 */
int date_bounds(long long *lo, long long *hi, const char *from, const char *to,
		const struct zdh_repo *repo, int recorded);
/*
 * Parse the --date of a write: as parse_date, and a date more than a day
 * ahead is refused unless --future was given (date_future).
 */
int parse_write_date(struct zdh_time *out, const char *text, const struct zdh_repo *repo);
/* --future was given: a write's --date may be ahead of now. */
extern int date_future;
/* Check a text argument is UTF-8; 0 or an exit code. */
int check_text(const char *what, const char *text);
/*
 * A list filtered by one record (--decision XQ-D9, --offer XQ-F2): the
 * record must be there, as an area or a department given by name must
 * be: "no decision XQ-D9", not an empty list.  id NULL: no filter.  0 or
 * an exit code.
 */
int check_filter_record(struct zdh_index *idx, const char *kind, const char *id);
/*
 * An import's input: "-" is standard input, anything else a regular file
 * (a FIFO or /dev/zero is refused at once), read as UTF-8 from
 * import_encoding (--encoding) when it is set.  0 or an exit code.
 */
int open_import(FILE **in, const char *path);
/* --encoding of an import: what its file is written in (NULL: UTF-8). */
extern const char *import_encoding;
#define OPT_ENCODING OPT_STRING(0, "encoding", &import_encoding, "ENC", \
	N_("the file's encoding when not UTF-8 (gb18030: saved by Excel on Chinese Windows)"))
/* What an option's "-" reads from standard input at most. */
#define ZDH_MESSAGE_READ_MAX (1024 * 1024)

struct zdh_table;
/*
 * The result of a read command: json (indented; keys sorted when
 * sort_keys) when it is not NULL, else the table as CSV when csv (after
 * the UTF-8 byte-order mark when --excel set it), else the
 * table through the pager (its header row left out when no_header).
 */
void print_rows(json_t *json, struct zdh_table *t, int csv, int sort_keys, int no_header);
/* JSON on stdout as every --json prints it: indented (keys sorted when sort_keys), then a newline. */
void print_json(const json_t *json, int sort_keys);

/*
 * Issues printed as 'issue list' and 'inbox' print them (cmd/issue.c): the
 * ID STATUS AREA DEPT DUE TITLE table, --json (each issue's state with
 * its id), or the import columns as CSV.  issue_rows_add is the callback
 * of zdh_issue_list and zdh_issue_inbox, with the struct as payload.
 */
struct zdh_issue_row;
struct issue_rows {
	struct zdh_table *t;
	json_t *json;
	int csv;
	int marks;	/* set after start: ids with conflicts marked "!", JSON rows get "conflicts" */
	int no_header;	/* the table without its header row (--no-header) */
};
void issue_rows_start(struct issue_rows *o, int json, int csv);
int issue_rows_add(const struct zdh_issue_row *r, void *payload);
void issue_rows_print(struct issue_rows *o);
void issue_rows_free(struct issue_rows *o);

/*
 * A record's history as 'issue show' prints it (cmd/issue.c): history_row
 * is the callback of zdh_index_events; with history set it collects the
 * --json shape, else one table row per event.  conflicts: the record's
 * open conflicts (its events are marked).
 */
struct zdh_event_row;
struct history {
	struct zdh_table *t;
	json_t *history;
	json_t *conflicts;
	struct zdh_index *idx;	/* names the orgs events refer to; NULL: as written */
	struct zdh_index *signers;	/* says who signed (signer_describe); NULL: not */
};
int history_row(const struct zdh_event_row *r, void *payload);
/*
 * One row of that table, for a show that words its events itself (org
 * show): the day it happened, who (actor_shown() of idx), the
 * operation, what, then "(recorded DAY)" when it was written a minute or
 * more apart and, signers not NULL, who signed it.
 */
void history_table_row(struct zdh_table *t, const struct zdh_event_row *r, const char *what,
		       struct zdh_index *idx, struct zdh_index *signers);
/*
 * Who wrote r, as show's history and log print it: the name, "@REPLICA"
 * when another replica than idx's wrote it (a peer's 王芳 is not this
 * office's 王芳: "王芳@yanan"), then the department, " (房管办)".  idx
 * NULL: no replica.
 */
void actor_shown(struct zdh_buf *who, const struct zdh_event_row *r, struct zdh_index *idx);
/*
 * What a writer said with an event after what b holds, in every kind's
 * history alike: its message (-m) or the reason a retire, an edit or an
 * unpair gives (-m REASON, data.reason) — two spaces, its first line,
 * " …" when it has more; "?" for a peer's value that is not text.
 */
void history_note(struct zdh_buf *b, const json_t *v);
/*
 * A record's history (oldest first) into h, as history_row collects it
 * (json: h->history, else h->t), with its open conflicts, the orgs named
 * as written and the signers said: 0 or an error.  history_free() frees
 * what h holds (also after an error).
 */
int history_load(struct history *h, struct zdh_index *idx, const char *kind, const char *id,
		 int json);
void history_free(struct history *h);
/*
 * The history of the record kind/id, for a show that prints its fields and
 * conflicts itself: into json as "history" when json is not NULL, else
 * printed after a blank line under "history:", as issue show prints it.
 * 0 or an error (reported by the caller).
 */
int show_history(struct zdh_index *idx, const char *kind, const char *id, json_t *json);
/*
 * An event of a show's --json history: {"id", "op", "date", "recorded",
 * "actor", "data" (ev's, as the caller may have named its orgs), "effect",
 * "invalid" and "note" when so, "conflict" when conflict is not NULL,
 * "signature" when signers is not NULL (signer_describe)}.  ev: the event
 * (zdh_event_row_object, which always gives it a "data").
 */
json_t *history_event_json(const struct zdh_event_row *r, const json_t *ev, const char *conflict,
			   struct zdh_index *signers);

/*
 * Who signed event r (of the index idx), once people have keys: after
 * text (a table's cell) and as "signature" ({"status", "person", "name"})
 * in obj; either may be NULL.  Nothing before anyone has a key.
 * signer_forget() frees what it loaded.
 */
struct zdh_buf;
void signer_describe(struct zdh_index *idx, const struct zdh_event_row *r, struct zdh_buf *text,
		     json_t *obj);
void signer_forget(void);

/*
 * Conflicts as every show and list prints them (cmd/conflicts.c).
 * print_conflicts: the described conflicts of a record (zdh_conflicts_of),
 * one line each, after a "conflicts:" label width wide, for a show that
 * does not print them among its show_lines (show_conflicts).  A list
 * loads the marks of its kind once, skips the rows without conflicts
 * when only is set (--conflicts), marks a conflicted row's id in its
 * table ("XQ-2!") and gives each JSON row "conflicts": [the fields in
 * conflict].
 */
void print_conflicts(const json_t *conflicts, size_t width);
/*
 * "[no effect: NOTE]", "[invalid: NOTE]" or "[unknown kind]" after what b
 * holds, for an event that had no effect; the orgs the note names by id,
 * but the event's record, named as they are now (idx NULL: by id).
 */
void effect_mark(struct zdh_buf *b, int effect, const char *note, struct zdh_index *idx,
		 const char *record);
/*
 * What a show's history adds after an event's description: effect_mark,
 * "[conflict: FIELD]" when it is a side of an open conflict, "[settles a
 * conflict]" for an edit that settled one.
 */
struct zdh_event_row;
void event_marks(struct zdh_buf *b, const struct zdh_event_row *r, const json_t *conflicts,
		 struct zdh_index *idx);
/* The field of an open conflict event id is a side of, or NULL. */
const char *conflict_of_event(const json_t *conflicts, const char *id);
struct zdh_index;
struct conflict_marks {
	json_t *fields;
	int only;
};
int conflict_marks_load(struct conflict_marks *m, struct zdh_index *idx, const char *kind);
const json_t *conflict_marks_of(const struct conflict_marks *m, const char *id);
int conflict_marks_skip(const struct conflict_marks *m, const char *id);
/* id, or "id!" in *buf (to free) when it has conflicts */
const char *conflict_marks_id(const struct conflict_marks *m, const char *id, char **buf);
void conflict_marks_json(const struct conflict_marks *m, json_t *row, const char *id);
void conflict_marks_free(struct conflict_marks *m);

/* Finish stdout: flush, close the pager, report a failed write; returns code or 128. */
int finish_output(int code);
/*
 * Finish the output of a write that was made (zdh(1), exit status 3):
 * 0, or, when stdout cannot take it (closed, a full disk; a reader gone
 * is none, as for every command), "zdh: DONE, but cannot write to standard output: ..." on stderr
 * and ZDH_EXIT_UNPRINTED, so that a script tells it from a write that was
 * not made and does not make it twice.  done (up to its first newline, so
 * a summary line printed can be given as it is) says what was written
 * ("XQ-4 written", "imported 3 issues"); finish_id_written() makes it of
 * the new id.
 */
int finish_written(const char *done);
int finish_id_written(const char *id);
/*
 * The finish of a command that may have written (pull, clone, replica
 * recover): done NULL when it wrote nothing, then finish_output(code);
 * else finish_written(done), whose exit 3 a refusal's code (1) outranks.
 */
int finish_written_code(int code, const char *done);
/*
 * The attachment blob_id of an 'attachment' verb, as it was: into the
 * file path (-o FILE), or, when path is NULL or "-", to stdout, which is
 * then finished.  0 or an exit code.
 */
int write_attachment(struct zdh_repo *repo, const char *blob_id, const char *path);
/*
 * The attachment name of the record id, found in list (an array of
 * {"id", "name", "size"}; the last of that name, should two events have
 * used it), written as write_attachment() writes it; refused (exit 1)
 * naming the attachments there are: "XQ-Y1 has no attachment 'x.jpg'
 * (合影.jpg)", "XQ-Y1 has no attachments".  0 or an exit code.
 */
int write_named_attachment(struct zdh_repo *repo, const char *id, const json_t *list,
			   const char *name, const char *path);
/*
 * "label" padded to width terminal columns (a Chinese label is twice as
 * wide as its characters), as printf's %-14s does for ASCII; show_field
 * adds the value and a newline.
 */
void show_label(const char *label, size_t width);
void show_field(const char *label, size_t width, const char *value);
/*
 * A time of a show's fields (created:, a key's from) as it prints it:
 * under a Chinese catalogue an RFC 3339 stamp in the history's form,
 * "2026-12-04 06:54" in its own offset, put in tmp (emptied first), whose
 * text is returned; else s as it is (English shows the stamp, as --json
 * gives it).  NULL stays NULL.
 */
const char *show_time(struct zdh_buf *tmp, const char *s);
/*
 * The STATUS cell of a list's --all (org, offer, need, liaison): "live" or
 * "retired", in English in CSV, in the catalogue's words in a table.
 */
const char *live_or_retired(int retired, int csv);
/* The same padded label as a string, for the %s of a printf (valid until the next call). */
const char *pad_label(const char *label, size_t width);
/*
 * The labelled lines of a show, printed together so that every value
 * starts in one column by display width: min columns, or one more than
 * the widest label when that is wider.  A label over rows (show_rows) is
 * printed once, the cells of its rows aligned by display width as a
 * table's, two spaces apart, the rows after the first indented to the
 * values' column; a label whose rows stay empty is not printed.
 *
 *	struct show_lines s = SHOW_LINES_INIT(14);
 *	show_line(&s, _("area:"), area);
 *	t = show_rows(&s, _("votes:"), 2);  zdh_table_row(t, cells); ...
 *	show_lines_print(&s);
 */
struct zdh_table;
struct show_lines {
	size_t min, indent, n;		/* indent: spaces before each line */
	struct show_line_entry {
		char *label, *value;		/* value NULL: rows */
		struct zdh_table *rows;
	} *v;
};
#define SHOW_LINES_INIT(min) { (min), 0, 0, NULL }
/* A label and its value (copied); a NULL value prints no line. */
void show_line(struct show_lines *s, const char *label, const char *value);
void show_linef(struct show_lines *s, const char *label, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* The table (no header, ncols columns) of the rows under label: add rows to it. */
struct zdh_table *show_rows(struct show_lines *s, const char *label, size_t ncols);
/* A string value or a number of the JSON v (another type: no line). */
void show_line_json(struct show_lines *s, const char *label, const json_t *v);
/* The attachments of a record under label, name and size: "photo.jpg  (7 bytes)". */
void show_attachments(struct show_lines *s, const char *label, const json_t *attachments);
/* The described conflicts of a record (zdh_conflicts_of) under "conflicts:", one a row. */
void show_conflicts(struct show_lines *s, const json_t *conflicts);
/* Print the lines and empty s. */
void show_lines_print(struct show_lines *s);
/*
 * The separator of the items of a list a human output joins: ", " in
 * English, "、" in Chinese (the catalogue's).
 */
const char *list_sep(void);
/* The strings of the JSON array list after what b holds, list_sep() between them. */
void list_join(struct zdh_buf *b, const json_t *list);
/*
 * A list in a cell: in a table as a list reads (list_join(): 新桥、延安公寓),
 * in CSV apart by "," as import reads it back.
 */
void list_cell(struct zdh_buf *b, const json_t *list, int csv);
/*
 * A charter's majority rules after what b holds, "TYPE RULE" in the
 * user's words, in the order of the types' names, sep between them: as
 * council show and a council's history say them.
 */
void charter_majorities(struct zdh_buf *b, const json_t *majority, const char *sep);
/*
 * An attachment of a show, after its label: "photo.jpg  (7 bytes)", the
 * size in the user's language with its plural (ngettext: "(1 byte)").
 */
void show_attachment(const json_t *attachment);

/* ---- options every command spells the same way ---- */

/* --date DATE: when it happened (default now, in zdh.timezone). */
#define OPT_DATE(v) OPT_STRING(0, "date", (v), "DATE", N_("when it happened (default: now)")), \
	OPT_FUTURE
/* --future: a --date more than a day ahead is meant (zdh(1) says it once for all). */
#define OPT_FUTURE OPT_FLAG_F(0, "future", &date_future, \
	N_("the --date is meant to be ahead of now"), OPT_NOUSAGE)
/* -m TEXT ("-" reads standard input); _REQ: the verb needs it. */
#define OPT_MESSAGE(v, argh, help) \
	OPT_STRING_F('m', "message", (v), (argh), (help), OPT_SHORT | OPT_STDIN | OPT_PARAGRAPHS)
#define OPT_MESSAGE_REQ(v, argh, help) \
	OPT_STRING_F('m', "message", (v), (argh), (help), OPT_SHORT | OPT_STDIN | OPT_REQUIRED | OPT_NONEMPTY | OPT_PARAGRAPHS)
/* --attach FILE, repeatable: files kept with the event. */
#define OPT_ATTACH_F(v, f) OPT_LIST_F(0, "attach", (v), "FILE", \
				       N_("attach a file (photo, scan); may be repeated"), (f))
#define OPT_ATTACH(v) OPT_ATTACH_F((v), 0)
/* --json alone (a show). */
#define OPT_JSON(v) OPT_FLAG(0, "json", (v), N_("print JSON (its shape is in the man page)"))
/*
 * [--json | --format csv|table|json] [--excel] [--no-header] of a list:
 * four entries of a table, into a struct listing.
 */
#define OPT_LIST_OUTPUT(l) \
	OPT_FLAG_F(0, "json", &(l)->json, N_("print JSON (its shape is in the man page)"), OPT_OR_NEXT), \
	OPT_CALLBACK(0, "format", (l), "csv", N_("csv: the table as CSV (table: as shown; json: as --json)"), opt_list_format), \
	OPT_EXCEL_CB((l), opt_list_excel), \
	OPT_NO_HEADER(l)
/*
 * --excel: CSV that begins with the UTF-8 byte-order mark (zdh(1) says it
 * once for all).  It sets the list's csv flag itself, as --format csv
 * does, so that no list prints its table after the mark; csv_excel says
 * the mark is wanted.  OPT_EXCEL's v is an int (report's csv flag),
 * OPT_EXCEL_CB's what its callback takes.
 */
extern int csv_excel;
#define OPT_EXCEL_CB(v, cb) OPT_CALLBACK_F(0, "excel", (v), NULL, \
	N_("CSV as Excel opens it (implies --format csv)"), OPT_NOARG | OPT_NOUSAGE, (cb))
#define OPT_EXCEL(csv) OPT_EXCEL_CB((csv), opt_excel)
/*
 * --no-header: the table without its header row (zdh(1) says it once for
 * all; a CSV keeps its header, which import reads).
 */
#define OPT_NO_HEADER(l) OPT_FLAG_F(0, "no-header", &(l)->no_header, \
	N_("leave out the header row of the table"), OPT_NOUSAGE)
/* The callback of a list's --format (OPT_LIST_OUTPUT): table, csv or json into a struct listing. */
int opt_list_format(struct opt_ctx *ctx, const struct opt *o, const char *arg);
/* --excel of a list (OPT_LIST_OUTPUT): csv into the struct listing, and csv_excel. */
int opt_list_excel(struct opt_ctx *ctx, const struct opt *o, const char *arg);
/* The callback of --excel: csv into the int, and csv_excel. */
int opt_excel(struct opt_ctx *ctx, const struct opt *o, const char *arg);

/* ---- the shapes of a command ---- */

struct zdh_index;
/* Ids are typed in any case: "xq-m3" is XQ-M3.  Upper-cases s in place; returns s (NULL stays NULL). */
char *upcase_id(char *s);
/* A --satisfaction (of an issue's callback, a delivery, a project): "1" to "5", else refused in one line; 0 or an exit code. */
int check_satisfaction(const char *s);
/* The text at key of a JSON object (a state, a row), or NULL when it is missing or not text. */
static inline const char *s_of(const json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

/* Open the repository and its index (caught up), printing the error: 0 or an exit code. */
int open_index(struct zdh_repo **repo, struct zdh_index **idx);
/*
 * An org given to a filter (--area, --dept ...): its current name, for
 * the core's queries, which match every reference to it (org.h); an old
 * name is noted as renamed, an unknown one refused.  NULL when not given.
 */
int org_arg(char **out, struct zdh_index *idx, const char *given, const char *kind);
/*
 * A --month as typed (2026-12, 2026年12月, or 12月: this year's in the
 * repository's zone) made YYYY-MM in *month, kept until the process ends;
 * a month that is none refused naming the forms: 0 or an exit code.
 */
int month_arg(const char **month, const struct zdh_repo *repo);
/* The same, and the org's id into *id (NULL when not given). */
int org_arg_id(char **out, char **id, struct zdh_index *idx, const char *given, const char *kind);

/* What every write takes: --date, --attach files, whether to print the new id. */
struct write_opts {
	const char *date;
	struct opt_list attach;
	int print_id;
};
struct zdh_txn;
/* One write inside the transaction: the event(s); *id (malloc'd) is printed when print_id. */
typedef int (*write_cb)(struct zdh_txn *txn, const struct zdh_time *date, void *payload,
			char **id);
/*
 * The write path: open the repository, parse --date, read the --attach
 * files (within zdh.attachment-max), take the lock (zdh_txn_begin), attach,
 * fn, commit; print the id when asked.  Nothing is written on any error.
 * Returns 0 or an exit code.
 */
int write_run(const struct write_opts *w, write_cb fn, void *payload);

/*
 * A list's output: a table (--format csv: as CSV) or a JSON array
 * (--json); with listing_conflicts(), its records' open conflicts marked.
 */
struct listing {
	int json, csv, no_header;
	struct zdh_table *t;
	json_t *rows;
	size_t ncols;
	struct conflict_marks marks;	/* --conflicts: marks.only (OPT_CONFLICTS) */
};
/* --conflicts of a list that calls listing_conflicts(). */
#define OPT_CONFLICTS(l) OPT_FLAG(0, "conflicts", &(l)->marks.only, \
	N_("only those with open conflicts (marked ! in the table)"))
/*
 * Load the open conflicts of kind's records, once, for the rows to come:
 * listing_add() then marks a conflicted row's id in a table ("XQ-2!"),
 * gives every JSON row "conflicts": [the fields in conflict], and leaves
 * out the rows without when --conflicts was given.  A row's id is its
 * first cell, or the "id" of its JSON object.  0 or an exit code.
 */
int listing_conflicts(struct listing *l, struct zdh_index *idx, const char *kind);
/*
 * Start a list of ncols columns (a table) or a JSON array.  header: the
 * columns' English names, marked N_() and never translated by the
 * caller: a table prints them translated, CSV in lower case, so that a
 * CSV header is the same in every language and a file reads back into
 * any repository (its import's columns).
 */
void listing_start(struct listing *l, size_t ncols, const char *const *header);
/*
 * The same for a list whose CSV has columns of its own (an import's, or
 * more than the table shows): ncsv of them, printed as they are (English,
 * lower case); the rows then have ncsv cells when l->csv.
 */
void listing_start_csv(struct listing *l, size_t ncols, const char *const *header,
		       size_t ncsv, const char *const *csv_header);
/* One row: cells for a table, obj (taken over) for --json. */
void listing_add(struct listing *l, const char *const *cells, json_t *obj);
/* Print (through the pager on a terminal), free, and finish stdout: 0 or an exit code. */
int listing_finish(struct listing *l, int sort_keys);
void listing_free(struct listing *l);

/* A CSV import of a kind: the core function, as zdh_org_import. */
typedef int (*import_fn)(struct zdh_repo *repo, FILE *in, const struct zdh_time *date,
			 int future, long long *count,
			 void (*report)(long line, const char *msg, void *payload), void *payload);
/*
 * Import FILE ("-" standard input) dated --date: bad rows reported as
 * "zdh: FILE:LINE: message" (a date of a row more than a day ahead
 * among them, unless --future), then done_one or done_many ("imported
 * %lld org", "imported %lld orgs", as ngettext chooses) with the count
 * and a newline.  Returns 0 or an exit code.
 */
int run_import(const char *file, const char *date, import_fn fn, const char *done_one, const char *done_many);

#endif

/*
 * common — what every command shares: the command table's entry points,
 * option parsing helpers, opening the repository, and reporting errors
 * with the exit codes of zdh(1).
 */
#ifndef ZDH_CMD_COMMON_H
#define ZDH_CMD_COMMON_H

#include <getopt.h>
#include <stdio.h>

#include <jansson.h>

#include "buf.h"
#include "date.h"
#include "error.h"
#include "i18n.h"
#include "repo.h"

int cmd_init(int argc, char **argv);
int cmd_config(int argc, char **argv);
int cmd_org(int argc, char **argv);
int cmd_issue(int argc, char **argv);
int cmd_menu(int argc, char **argv);
int cmd_visit(int argc, char **argv);
int cmd_project(int argc, char **argv);
int cmd_fund(int argc, char **argv);
int cmd_inbox(int argc, char **argv);
int cmd_log(int argc, char **argv);
int cmd_verify(int argc, char **argv);
int cmd_reindex(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_clone(int argc, char **argv);
int cmd_remote(int argc, char **argv);
int cmd_pull(int argc, char **argv);
int cmd_push(int argc, char **argv);
int cmd_sync(int argc, char **argv);

/* A verb of a noun command ("org add"): its name and its function. */
struct verb {
	const char *name;
	int (*fn)(int argc, char **argv);
};
/* Run argv[1] as a verb of the table; unknown or missing verbs are usage errors. */
int run_verb(const char *noun, const struct verb *verbs, const char *usage,
	     int argc, char **argv);

/* Print "zdh: <message>" for err and return its exit code. */
int report(int err);
/* Print "zdh: <message>" and the usage to stderr; returns ZDH_EXIT_USAGE. */
int usage_error(const char *usage, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Print usage to stdout (for -h); returns 0. */
int usage_help(const char *usage);
/* Print the usage line of one verb ("zdh org add ...") from a noun's usage. */
int usage_help_verb(const char *usage, const char *noun, const char *verb);

/* Reset getopt before a command parses its options (and silence its messages). */
void options_reset(void);

/* Discover the repository, printing the error; 0 or an exit code. */
int open_repo(struct zdh_repo **repo);
/* Parse --date (NULL = now) in the repository's zone; 0 or an exit code. */
int parse_date(struct zdh_time *out, const char *text, const struct zdh_repo *repo);
/* Check a text argument is UTF-8; 0 or an exit code. */
int check_text(const char *what, const char *text);

struct zdh_table;
/*
 * The result of a read command: json (indented; keys sorted when
 * sort_keys) when it is not NULL, else the table as CSV when csv, else the
 * table through the pager (its header row left out when no_header).
 */
void print_rows(json_t *json, struct zdh_table *t, int csv, int sort_keys, int no_header);

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
};
void issue_rows_start(struct issue_rows *o, int json, int csv);
int issue_rows_add(const struct zdh_issue_row *r, void *payload);
void issue_rows_print(struct issue_rows *o);
void issue_rows_free(struct issue_rows *o);

/* Finish stdout: flush, close the pager, report a failed write; returns code or 128. */
int finish_output(int code);

#endif

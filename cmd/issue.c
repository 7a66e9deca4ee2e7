/*
 * zdh issue — residents' problems: add, claim, assign, comment, escalate,
 * resolve, close, reopen, edit, follow-up, link, return, urge; list,
 * show, attachment, import.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "common.h"
#include "index.h"
#include "issue.h"
#include "output.h"
#include "store.h"

static const char usage[] =
	N_("usage: zdh issue add [TITLE] [-m BODY] [--area A] [--category C] [--source S] [--reporter NAME] [--location TEXT] [--attach FILE]... [--date DATE]\n"
	   "   or: zdh issue claim ID --dept D [--due DATE] [-m TEXT]\n"
	   "   or: zdh issue assign ID --to NAME [-m TEXT]\n"
	   "   or: zdh issue comment ID -m TEXT [--attach FILE]...\n"
	   "   or: zdh issue escalate ID -m REASON\n"
	   "   or: zdh issue resolve ID -m RESOLUTION [--attach FILE]...\n"
	   "   or: zdh issue close ID [--satisfaction 1-5] [-m TEXT]\n"
	   "   or: zdh issue reopen ID -m REASON\n"
	   "   or: zdh issue edit ID [--title T] [--area A] [--category C] [--source S] [--reporter R] [--location L] [-m REASON]\n"
	   "   or: zdh issue follow-up ID -m NOTE [--attach FILE]...\n"
	   "   or: zdh issue link ID OTHER [-m TEXT]\n"
	   "   or: zdh issue return ID --reason CODE -m TEXT\n"
	   "   or: zdh issue urge ID -m TEXT\n"
	   "   or: zdh issue list [--status S] [--area A] [--district D] [--dept D] [--category C] [--source S] [--since DATE] [--until DATE] [--grep TEXT] [--mentions DEPT] [--overdue] [--sort FIELD] [--limit N] [--offset N] [--json | --format csv]\n"
	   "   or: zdh issue show ID [--json]\n"
	   "   or: zdh issue attachment ID NAME [-o FILE]\n"
	   "   or: zdh issue import FILE.csv [--date DATE]\n");

enum {
	O_MESSAGE, O_DATE, O_AREA, O_CATEGORY, O_SOURCE, O_REPORTER, O_LOCATION, O_ATTACH,
	O_DEPT, O_DUE, O_TO, O_SATISFACTION, O_TITLE, O_REASON, O_STATUS, O_DISTRICT,
	O_SINCE, O_UNTIL, O_GREP, O_MENTIONS, O_OVERDUE, O_SORT, O_LIMIT, O_OFFSET, O_JSON,
	O_FORMAT, O_OUTPUT, O_MAX
};

#define B(o) (1UL << (o))
#define WRITE (B(O_DATE) | B(O_MESSAGE))

static const struct option all_opts[] = {
	{ "message", required_argument, NULL, 256 + O_MESSAGE },
	{ "date", required_argument, NULL, 256 + O_DATE },
	{ "area", required_argument, NULL, 256 + O_AREA },
	{ "category", required_argument, NULL, 256 + O_CATEGORY },
	{ "source", required_argument, NULL, 256 + O_SOURCE },
	{ "reporter", required_argument, NULL, 256 + O_REPORTER },
	{ "location", required_argument, NULL, 256 + O_LOCATION },
	{ "attach", required_argument, NULL, 256 + O_ATTACH },
	{ "dept", required_argument, NULL, 256 + O_DEPT },
	{ "due", required_argument, NULL, 256 + O_DUE },
	{ "to", required_argument, NULL, 256 + O_TO },
	{ "satisfaction", required_argument, NULL, 256 + O_SATISFACTION },
	{ "title", required_argument, NULL, 256 + O_TITLE },
	{ "reason", required_argument, NULL, 256 + O_REASON },
	{ "status", required_argument, NULL, 256 + O_STATUS },
	{ "district", required_argument, NULL, 256 + O_DISTRICT },
	{ "since", required_argument, NULL, 256 + O_SINCE },
	{ "until", required_argument, NULL, 256 + O_UNTIL },
	{ "grep", required_argument, NULL, 256 + O_GREP },
	{ "mentions", required_argument, NULL, 256 + O_MENTIONS },
	{ "overdue", no_argument, NULL, 256 + O_OVERDUE },
	{ "sort", required_argument, NULL, 256 + O_SORT },
	{ "limit", required_argument, NULL, 256 + O_LIMIT },
	{ "offset", required_argument, NULL, 256 + O_OFFSET },
	{ "json", no_argument, NULL, 256 + O_JSON },
	{ "format", required_argument, NULL, 256 + O_FORMAT },
	{ "output", required_argument, NULL, 256 + O_OUTPUT },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

struct args {
	const char *v[O_MAX];		/* option values; "" for flags given */
	const char **attach;
	size_t nattach;
	int argc;
	char **argv;
	struct zdh_buf in;		/* -m - read from stdin */
};

static void args_free(struct args *a)
{
	free(a->attach);
	zdh_buf_release(&a->in);
}

/*
 * Parse what a verb accepts (allowed: a mask of B(O_...)) and exactly
 * nargs arguments.  Returns 0, -1 after -h, or an exit code.
 */
static int parse(struct args *a, int argc, char **argv, unsigned long allowed, int nargs,
		 const char *need)
{
	int c;

	memset(a, 0, sizeof(*a));
	zdh_buf_init(&a->in);
	options_reset();
	while ((c = getopt_long(argc, argv, "hm:o:", all_opts, NULL)) != -1) {
		int o = c == 'm' ? O_MESSAGE : c == 'o' ? O_OUTPUT : c - 256;
		if (c == 'h')
			return usage_help_verb(usage, "issue", argv[0]) ? ZDH_EXIT_FATAL : -1;
		if (c == '?' || c == ':' || o < 0 || o >= O_MAX || !(allowed & B(o)))
			return usage_error(usage, _("unknown option '%s' for 'zdh issue %s'"),
					   argv[optind - 1], argv[0]);
		if (o == O_ATTACH) {
			a->attach = zdh_realloc(a->attach, (a->nattach + 1) * sizeof(*a->attach));
			a->attach[a->nattach++] = optarg;
		} else {
			a->v[o] = optarg ? optarg : "";
		}
	}
	a->argc = argc - optind;
	a->argv = argv + optind;
	if (nargs < 0) {
		/* up to -nargs arguments, all optional */
		if (a->argc > -nargs)
			return usage_error(usage, _("'zdh issue %s': too many arguments"), argv[0]);
		nargs = a->argc;
	}
	if (a->argc < nargs)
		return usage_error(usage, _("'zdh issue %s' needs %s"), argv[0], need);
	if (a->argc > nargs)
		return usage_error(usage, _("'zdh issue %s': too many arguments"), argv[0]);
	if (a->v[O_FORMAT] && strcmp(a->v[O_FORMAT], "csv") && strcmp(a->v[O_FORMAT], "table"))
		return usage_error(usage, _("unknown format '%s' (table or csv)"), a->v[O_FORMAT]);
	if (a->v[O_JSON] && a->v[O_FORMAT])
		return usage_error(usage, _("--json and --format cannot be used together"));
	if (a->v[O_MESSAGE] && !strcmp(a->v[O_MESSAGE], "-")) {
		if (zdh_buf_read_fd(&a->in, 0) < 0)
			return report(zdh_error_errno(ZDH_ERROR, _("cannot read the message")));
		zdh_buf_rtrim(&a->in);
		a->v[O_MESSAGE] = a->in.ptr;
	}
	for (int o = 0; o < O_MAX; o++)
		if (check_text(all_opts[o].name, a->v[o]))
			return ZDH_EXIT_REFUSED;
	for (int i = 0; i < a->argc; i++)
		if (check_text(_("an argument"), a->argv[i]))
			return ZDH_EXIT_REFUSED;
	return 0;
}

/* Ids are typed in any case: "xq-42" is XQ-42. */
static void upcase(char *s)
{
	for (; *s; s++)
		*s = (char)toupper((unsigned char)*s);
}

static int need(const struct args *a, int o, const char *verb, const char *what)
{
	if (a->v[o] && *a->v[o])
		return 0;
	return usage_error(usage, _("'zdh issue %s' needs %s"), verb, what);
}

/* ---- writes ---- */

struct attached {
	char *name;
	struct zdh_buf data;
};

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');
	return s ? s + 1 : path;
}

/* Read the --attach files, within zdh.attachment-max; 0 or an exit code. */
static int read_attachments(struct attached **out, const struct args *a,
			    const struct zdh_repo *repo)
{
	struct attached *list = zdh_calloc(a->nattach + 1, sizeof(*list));
	long long max;

	*out = list;
	if (zdh_config_get_int(&max, repo->config, "zdh.attachment-max", ZDH_ISSUE_ATTACHMENT_MAX))
		return report(zdh_error_set(ZDH_EINVALID, _("zdh.attachment-max is not a size")));
	for (size_t i = 0; i < a->nattach; i++) {
		zdh_buf_init(&list[i].data);
		list[i].name = zdh_strdup(base_name(a->attach[i]));
		if (zdh_buf_read_file(&list[i].data, a->attach[i]) < 0)
			return report(zdh_error_errno(ZDH_EINVALID, _("cannot read '%s'"), a->attach[i]));
		if ((long long)list[i].data.len > max)
			return report(zdh_error_set(ZDH_EINVALID, _("%s is %zu bytes; the limit is %lld"),
						    a->attach[i], list[i].data.len, max));
	}
	return 0;
}

static void attachments_free(struct attached *list, size_t n)
{
	for (size_t i = 0; list && i < n; i++) {
		free(list[i].name);
		zdh_buf_release(&list[i].data);
	}
	free(list);
}

typedef int (*write_fn)(struct zdh_txn *txn, const struct args *a, const struct zdh_time *date,
			char **id);

/* The write path: validate, lock, attach, one event, commit; prints the id when asked. */
static int run_write(const struct args *a, write_fn fn, int print_id)
{
	struct zdh_repo *repo = NULL;
	struct zdh_txn *txn = NULL;
	struct attached *files = NULL;
	struct zdh_time date;
	char *id = NULL;
	int code, err = 0;

	if ((code = open_repo(&repo)))
		return code;
	if ((code = parse_date(&date, a->v[O_DATE], repo)))
		goto done;
	if ((code = read_attachments(&files, a, repo)))
		goto done;
	if ((code = report(zdh_txn_begin(&txn, repo))))
		goto done;
	for (size_t i = 0; i < a->nattach && !err; i++)
		err = zdh_txn_attach(txn, files[i].name, files[i].data.ptr, files[i].data.len);
	if (!err)
		err = fn(txn, a, &date, &id);
	if (!err)
		err = zdh_txn_commit(txn);
	if ((code = report(err)))
		goto done;
	if (print_id && id)
		printf("%s\n", id);
	code = finish_output(0);
done:
	free(id);
	attachments_free(files, a->nattach);
	zdh_txn_free(txn);
	zdh_repo_free(repo);
	return code;
}

static const char *add_title;	/* from the command line or the editor */

static int do_add(struct zdh_txn *txn, const struct args *a, const struct zdh_time *date, char **id)
{
	struct zdh_issue_fields f = {
		add_title, a->v[O_MESSAGE], a->v[O_AREA], a->v[O_CATEGORY], a->v[O_SOURCE],
		a->v[O_REPORTER], a->v[O_LOCATION]
	};
	return zdh_issue_add(txn, &f, date, id);
}

/*
 * `zdh issue add` with no title: as `git commit` does, open
 * $ZDH_EDITOR, $VISUAL or $EDITOR (else vi) on a template; the first line
 * is the title, what follows a blank line the body, lines starting with
 * '#' are dropped, and an empty title aborts.  Returns 0, or an exit code.
 */
static int edit_issue(struct zdh_buf *title, struct zdh_buf *body)
{
	static const char template[] =
		"\n\n"
		"# 第一行是标题，空一行后是问题描述；以 # 开头的行会被忽略，标题为空则放弃。\n"
		"# The first line is the title, then a blank line and the description.\n"
		"# Lines starting with '#' are ignored; an empty title aborts.\n";
	const char *editor = getenv("ZDH_EDITOR");
	char path[] = "/tmp/zdh-issue-XXXXXX";
	struct zdh_buf text = ZDH_BUF_INIT, cmd = ZDH_BUF_INIT;
	const char *p;
	int fd, status, code = 0;

	if (!editor || !*editor)
		editor = getenv("VISUAL");
	if (!editor || !*editor)
		editor = getenv("EDITOR");
	if (!editor || !*editor)
		editor = "vi";
	if ((fd = mkstemp(path)) < 0 || write(fd, template, sizeof(template) - 1) < 0 || close(fd) < 0)
		return report(zdh_error_errno(ZDH_ERROR, _("cannot write '%s'"), path));
	zdh_buf_addf(&cmd, "%s \"$@\"", editor);
	fflush(stdout);
	{
		pid_t pid = fork();
		if (pid == 0) {
			execl("/bin/sh", "sh", "-c", cmd.ptr, editor, path, (char *)NULL);
			_exit(127);
		}
		if (pid < 0 || waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) ||
		    WEXITSTATUS(status)) {
			code = report(zdh_error_set(ZDH_EINVALID, _("the editor '%s' failed; nothing written"), editor));
			goto done;
		}
	}
	if (zdh_buf_read_file(&text, path) < 0) {
		code = report(zdh_error_errno(ZDH_ERROR, _("cannot read '%s'"), path));
		goto done;
	}
	/* drop comment lines; the first non-empty line is the title, the rest the body */
	for (p = text.ptr; *p; ) {
		const char *eol = strchr(p, '\n');
		size_t len = eol ? (size_t)(eol - p) : strlen(p);
		if (*p != '#') {
			if (!title->len) {
				if (strspn(p, " \t\r") < len)
					zdh_buf_add(title, p, len);
			} else {
				zdh_buf_add(body, p, len);
				zdh_buf_addch(body, '\n');
			}
		}
		p += len + (eol ? 1 : 0);
	}
	zdh_buf_rtrim(title);
	zdh_buf_rtrim(body);
	for (p = body->ptr; *p == '\n' || *p == ' ' || *p == '\t'; p++)
		;
	if (p != body->ptr) {
		struct zdh_buf t = ZDH_BUF_INIT;
		zdh_buf_puts(&t, p);
		zdh_buf_release(body);
		*body = t;
	}
	if (!title->len)
		code = report(zdh_error_set(ZDH_EINVALID, _("empty title; nothing written")));
done:
	unlink(path);
	zdh_buf_release(&text);
	zdh_buf_release(&cmd);
	return code;
}

static int issue_add(int argc, char **argv)
{
	struct zdh_buf title = ZDH_BUF_INIT, body = ZDH_BUF_INIT;
	char *title_arg[1];
	struct args a;
	int code;

	if ((code = parse(&a, argc, argv, WRITE | B(O_AREA) | B(O_CATEGORY) | B(O_SOURCE) |
			  B(O_REPORTER) | B(O_LOCATION) | B(O_ATTACH), -1, _("a title"))))
		goto done;
	if (a.argc == 0) {
		if (a.v[O_MESSAGE]) {
			code = usage_error(usage, _("'zdh issue add' needs a title"));
			goto done;
		}
		if ((code = edit_issue(&title, &body)))
			goto done;
		if (check_text(_("the title"), title.ptr) || check_text(_("the body"), body.ptr)) {
			code = ZDH_EXIT_REFUSED;
			goto done;
		}
		title_arg[0] = title.ptr;
		a.argv = title_arg;
		if (body.len)
			a.v[O_MESSAGE] = body.ptr;
	}
	add_title = a.argv[0];
	if (zdh_issue_check_text(_("title"), a.argv[0], ZDH_ISSUE_TITLE_MAX, 1) ||
	    (a.v[O_MESSAGE] && zdh_issue_check_text(_("body"), a.v[O_MESSAGE], ZDH_ISSUE_BODY_MAX, 0)) ||
	    (a.v[O_SOURCE] && zdh_issue_check_source(a.v[O_SOURCE]))) {
		code = report(zdh_error_code());
		goto done;
	}
	if (strspn(a.argv[0], " \t") == strlen(a.argv[0])) {
		code = report(zdh_error_set(ZDH_EINVALID, _("title is empty")));
		goto done;
	}
	code = run_write(&a, do_add, 1);
done:
	zdh_buf_release(&title);
	zdh_buf_release(&body);
	args_free(&a);
	return code < 0 ? 0 : code;
}

static int do_claim(struct zdh_txn *txn, const struct args *a, const struct zdh_time *date, char **id)
{
	char day[11];
	(void)id;

	if (a->v[O_DUE]) {
		struct zdh_time t;
		int err = zdh_date_parse(&t, a->v[O_DUE], zdh_index_repo(zdh_txn_index(txn))->timezone);
		if (err)
			return err;
		zdh_issue_day(day, &t);
	}
	return zdh_issue_claim(txn, a->argv[0], a->v[O_DEPT], a->v[O_DUE] ? day : NULL,
			       a->v[O_MESSAGE], date);
}

static int do_assign(struct zdh_txn *txn, const struct args *a, const struct zdh_time *date, char **id)
{
	(void)id;
	return zdh_issue_assign(txn, a->argv[0], a->v[O_TO], a->v[O_MESSAGE], date);
}

static int do_comment(struct zdh_txn *txn, const struct args *a, const struct zdh_time *date, char **id)
{
	(void)id;
	return zdh_issue_comment(txn, a->argv[0], a->v[O_MESSAGE], date);
}

static const char *note_op;	/* the operation of do_note: one verb per process */

static int do_note(struct zdh_txn *txn, const struct args *a, const struct zdh_time *date, char **id)
{
	(void)id;
	return zdh_issue_note(txn, a->argv[0], note_op, a->v[O_MESSAGE], date);
}

static int do_close(struct zdh_txn *txn, const struct args *a, const struct zdh_time *date, char **id)
{
	(void)id;
	return zdh_issue_close(txn, a->argv[0], a->v[O_SATISFACTION] ? atoi(a->v[O_SATISFACTION]) : 0,
			       a->v[O_MESSAGE], date);
}

static int do_edit(struct zdh_txn *txn, const struct args *a, const struct zdh_time *date, char **id)
{
	struct zdh_issue_fields f = {
		a->v[O_TITLE], NULL, a->v[O_AREA], a->v[O_CATEGORY], a->v[O_SOURCE],
		a->v[O_REPORTER], a->v[O_LOCATION]
	};
	(void)id;
	return zdh_issue_edit(txn, a->argv[0], &f, a->v[O_MESSAGE], date);
}

static int do_link(struct zdh_txn *txn, const struct args *a, const struct zdh_time *date, char **id)
{
	(void)id;
	return zdh_issue_link(txn, a->argv[0], a->argv[1], a->v[O_MESSAGE], date);
}

static int do_return(struct zdh_txn *txn, const struct args *a, const struct zdh_time *date, char **id)
{
	(void)id;
	return zdh_issue_return(txn, a->argv[0], a->v[O_REASON], a->v[O_MESSAGE], date);
}

/* A verb on one issue: options, required options, then the write. */
static int issue_op(int argc, char **argv, unsigned long allowed, int nargs, write_fn fn,
		    int need_message)
{
	const char *verb = argv[0];
	struct args a;
	int code;

	if ((code = parse(&a, argc, argv, allowed, nargs, nargs == 2 ? _("two ids") : _("an id"))))
		goto done;
	for (int i = 0; i < a.argc; i++)
		upcase(a.argv[i]);
	if (need_message && (code = need(&a, O_MESSAGE, verb, _("-m TEXT"))))
		goto done;
	if (a.v[O_MESSAGE] &&
	    zdh_issue_check_text(_("message"), a.v[O_MESSAGE], ZDH_ISSUE_BODY_MAX, 0)) {
		code = report(zdh_error_code());
		goto done;
	}
	if (!strcmp(verb, "claim") && (code = need(&a, O_DEPT, verb, "--dept")))
		goto done;
	if (!strcmp(verb, "assign")) {
		if ((code = need(&a, O_TO, verb, "--to")))
			goto done;
		if (zdh_issue_check_text("--to", a.v[O_TO], ZDH_ISSUE_TEXT_MAX, 1)) {
			code = report(zdh_error_code());
			goto done;
		}
	}
	if (!strcmp(verb, "return") && (code = need(&a, O_REASON, verb, "--reason")))
		goto done;
	if (a.v[O_SATISFACTION]) {
		const char *s = a.v[O_SATISFACTION];
		if (strlen(s) != 1 || s[0] < '1' || s[0] > '5') {
			code = report(zdh_error_set(ZDH_EINVALID, _("satisfaction is 1 to 5, not '%s'"), s));
			goto done;
		}
	}
	if (!strcmp(verb, "edit") && !a.v[O_TITLE] && !a.v[O_AREA] && !a.v[O_CATEGORY] &&
	    !a.v[O_SOURCE] && !a.v[O_REPORTER] && !a.v[O_LOCATION]) {
		code = report(zdh_error_set(ZDH_EINVALID, _("nothing to change")));
		goto done;
	}
	code = run_write(&a, fn, 0);
done:
	args_free(&a);
	return code < 0 ? 0 : code;
}

static int issue_claim(int argc, char **argv)
{
	return issue_op(argc, argv, WRITE | B(O_DEPT) | B(O_DUE), 1, do_claim, 0);
}

static int issue_assign(int argc, char **argv)
{
	return issue_op(argc, argv, WRITE | B(O_TO), 1, do_assign, 0);
}

static int issue_comment(int argc, char **argv)
{
	return issue_op(argc, argv, WRITE | B(O_ATTACH), 1, do_comment, 1);
}

static int issue_escalate(int argc, char **argv)
{
	note_op = "escalate";
	return issue_op(argc, argv, WRITE, 1, do_note, 1);
}

static int issue_resolve(int argc, char **argv)
{
	note_op = "resolve";
	return issue_op(argc, argv, WRITE | B(O_ATTACH), 1, do_note, 1);
}

static int issue_close(int argc, char **argv)
{
	return issue_op(argc, argv, WRITE | B(O_SATISFACTION), 1, do_close, 0);
}

static int issue_reopen(int argc, char **argv)
{
	note_op = "reopen";
	return issue_op(argc, argv, WRITE, 1, do_note, 1);
}

static int issue_edit(int argc, char **argv)
{
	return issue_op(argc, argv, WRITE | B(O_TITLE) | B(O_AREA) | B(O_CATEGORY) | B(O_SOURCE) |
			B(O_REPORTER) | B(O_LOCATION), 1, do_edit, 0);
}

static int issue_follow_up(int argc, char **argv)
{
	note_op = "follow-up";
	return issue_op(argc, argv, WRITE | B(O_ATTACH), 1, do_note, 1);
}

static int issue_link(int argc, char **argv)
{
	return issue_op(argc, argv, WRITE, 2, do_link, 0);
}

static int issue_return(int argc, char **argv)
{
	return issue_op(argc, argv, WRITE | B(O_REASON), 1, do_return, 1);
}

static int issue_urge(int argc, char **argv)
{
	note_op = "urge";
	return issue_op(argc, argv, WRITE, 1, do_note, 1);
}

/* ---- reads ---- */

static int read_begin(struct zdh_repo **repo, struct zdh_index **idx)
{
	int code;

	if ((code = open_repo(repo)))
		return code;
	return report(zdh_repo_index(idx, *repo));
}

/* {"id": ..., the state's fields...} */
static json_t *row_json(const struct zdh_issue_row *r)
{
	json_t *j = json_loads(r->state, 0, NULL);

	if (!j)
		j = json_object();
	json_object_set_new(j, "id", json_string(r->id));
	return j;
}

void issue_rows_start(struct issue_rows *o, int json, int csv)
{
	memset(o, 0, sizeof(*o));
	o->csv = csv;
	if (json) {
		o->json = json_array();
	} else if (csv) {
		o->t = zdh_table_new(13);
		zdh_table_header(o->t, zdh_issue_columns);
	} else {
		const char *head[6] = { "ID", _("STATUS"), _("AREA"), _("DEPT"), _("DUE"), _("TITLE") };
		o->t = zdh_table_new(6);
		zdh_table_header(o->t, head);
		if (isatty(1))
			zdh_table_maxwidth(o->t, 5, 60);
	}
}

void issue_rows_print(struct issue_rows *o)
{
	print_rows(o->json, o->t, o->csv, 1, 0);
}

void issue_rows_free(struct issue_rows *o)
{
	if (o->t)
		zdh_table_free(o->t);
	if (o->json)
		json_decref(o->json);
	memset(o, 0, sizeof(*o));
}

int issue_rows_add(const struct zdh_issue_row *r, void *payload)
{
	struct issue_rows *ctx = payload;

	if (ctx->json) {
		json_array_append_new(ctx->json, row_json(r));
	} else if (ctx->csv) {
		const char *cells[13] = {
			r->id, r->title, r->body, r->area, r->category, r->source, r->reporter,
			r->location, r->status, r->dept, r->assignee, r->due, r->created
		};
		zdh_table_row(ctx->t, cells);
	} else {
		const char *cells[6] = { r->id, r->status, r->area, r->dept, r->due, r->title };
		zdh_table_row(ctx->t, cells);
	}
	return 0;
}

/* A name of an org given on the command line, as records keep it. */
static int org_name(char **out, struct zdh_index *idx, const char *name, const char *kind)
{
	*out = NULL;
	if (!name)
		return 0;
	return report(zdh_issue_org_name(out, idx, name, kind));
}

static int parse_count(long long *out, const char *text, const char *what)
{
	char *end;

	*out = 0;
	if (!text)
		return 0;
	*out = strtoll(text, &end, 10);
	if (!*text || *end || *out < 0)
		return usage_error(usage, _("%s needs a number (0 or more)"), what);
	return 0;
}

static int issue_list(int argc, char **argv)
{
	struct zdh_repo *repo = NULL;
	struct zdh_index *idx;
	struct zdh_issue_filter f = ZDH_ISSUE_FILTER_INIT;
	struct issue_rows ctx = { NULL, NULL, 0 };
	char *area = NULL, *district = NULL, *dept = NULL, *mentions = NULL, today[11];
	struct args a;
	int code;

	if ((code = parse(&a, argc, argv, B(O_STATUS) | B(O_AREA) | B(O_DISTRICT) | B(O_DEPT) |
			  B(O_CATEGORY) | B(O_SOURCE) | B(O_SINCE) | B(O_UNTIL) | B(O_GREP) |
			  B(O_MENTIONS) | B(O_OVERDUE) | B(O_SORT) | B(O_LIMIT) | B(O_OFFSET) |
			  B(O_JSON) | B(O_FORMAT), 0, "")))
		goto done;
	if (a.v[O_SORT] && strcmp(a.v[O_SORT], "id") && strcmp(a.v[O_SORT], "created") &&
	    strcmp(a.v[O_SORT], "updated") && strcmp(a.v[O_SORT], "due")) {
		code = usage_error(usage, _("unknown sort '%s' (id, created, updated or due)"),
				   a.v[O_SORT]);
		goto done;
	}
	if ((code = parse_count(&f.limit, a.v[O_LIMIT], "--limit")) ||
	    (code = parse_count(&f.offset, a.v[O_OFFSET], "--offset")))
		goto done;
	if ((a.v[O_STATUS] && zdh_issue_check_status(a.v[O_STATUS])) ||
	    (a.v[O_SOURCE] && zdh_issue_check_source(a.v[O_SOURCE]))) {
		code = report(zdh_error_code());
		goto done;
	}
	if ((code = read_begin(&repo, &idx)))
		goto done;
	if (a.v[O_CATEGORY] && (code = report(zdh_issue_check_category(repo, a.v[O_CATEGORY]))))
		goto done;
	if ((code = org_name(&area, idx, a.v[O_AREA], "area")) ||
	    (code = org_name(&district, idx, a.v[O_DISTRICT], "district")) ||
	    (code = org_name(&dept, idx, a.v[O_DEPT], "dept")) ||
	    (code = org_name(&mentions, idx, a.v[O_MENTIONS], "dept")))
		goto done;
	if (a.v[O_SINCE] || a.v[O_UNTIL]) {
		struct zdh_time t;
		if (a.v[O_SINCE] && (code = parse_date(&t, a.v[O_SINCE], repo)))
			goto done;
		if (a.v[O_SINCE])
			f.since = t.t;
		if (a.v[O_UNTIL] && (code = parse_date(&t, a.v[O_UNTIL], repo)))
			goto done;
		/* a day without a time means up to the end of that day, as in zdh log */
		if (a.v[O_UNTIL])
			f.until = t.t + (strlen(a.v[O_UNTIL]) == 10 && a.v[O_UNTIL][4] == '-' ? 86400 : 1);
	}
	if (a.v[O_OVERDUE]) {
		struct zdh_time now;
		long long days;
		if (zdh_config_get_int(&days, repo->config, "zdh.overdue-days", ZDH_ISSUE_OVERDUE_DAYS)) {
			code = report(zdh_error_set(ZDH_EINVALID, _("zdh.overdue-days is not a number")));
			goto done;
		}
		zdh_date_now(&now, repo->timezone);
		zdh_issue_day(today, &now);
		f.overdue = 1;
		f.today = today;
		f.stale_before = now.t - days * 86400;
	}
	f.status = a.v[O_STATUS];
	f.area = area;
	f.district = district;
	f.dept = dept;
	f.mentions = mentions;
	f.category = a.v[O_CATEGORY];
	f.source = a.v[O_SOURCE];
	f.grep = a.v[O_GREP];
	f.sort = a.v[O_SORT];
	issue_rows_start(&ctx, a.v[O_JSON] != NULL, a.v[O_FORMAT] && !strcmp(a.v[O_FORMAT], "csv"));
	if ((code = report(zdh_issue_list(idx, &f, issue_rows_add, &ctx))))
		goto done;
	issue_rows_print(&ctx);
	code = finish_output(0);
done:
	free(area);
	free(district);
	free(dept);
	free(mentions);
	issue_rows_free(&ctx);
	zdh_repo_free(repo);
	args_free(&a);
	return code < 0 ? 0 : code;
}

/* ---- show ---- */

/* What an event did, in one line: fields set, then the rest of its data. */
static void describe(struct zdh_buf *b, json_t *data)
{
	json_t *v;
	const char *k;
	size_t i;

	json_object_foreach(json_object_get(data, "set"), k, v) {
		const char *s = json_string_value(v);
		if (!strcmp(k, "body"))
			continue;
		zdh_buf_addf(b, "%s%s=%s", b->len ? " " : "", k, s ? s : "?");
	}
	if ((v = json_object_get(data, "satisfaction")))
		zdh_buf_addf(b, "%s%s=%lld", b->len ? " " : "", "satisfaction",
			     (long long)json_integer_value(v));
	if ((v = json_object_get(data, "reason")))
		zdh_buf_addf(b, "%s%s=%s", b->len ? " " : "", "reason", json_string_value(v));
	if ((v = json_object_get(data, "link")))
		zdh_buf_addf(b, "%s%s", b->len ? " " : "", json_string_value(v));
	json_array_foreach(json_object_get(data, "mentions"), i, v)
		zdh_buf_addf(b, "%s@%s", b->len ? " " : "", json_string_value(v));
	json_array_foreach(json_object_get(data, "attachments"), i, v)
		zdh_buf_addf(b, "%s[%s]", b->len ? " " : "", json_string_value(json_object_get(v, "name")));
	if ((v = json_object_get(data, "message"))) {
		const char *m = json_string_value(v);
		size_t n = strcspn(m, "\n");
		zdh_buf_addf(b, "%s%.*s%s", b->len ? "  " : "", (int)n, m, m[n] ? " …" : "");
	}
}

struct show_ctx {
	struct zdh_table *t;
	json_t *history;
	json_t *conflicts;
};

/* The field of an open conflict this event is a side of, or NULL. */
static const char *in_conflict(json_t *conflicts, const char *id)
{
	json_t *c, *e;
	size_t i, k;

	json_array_foreach(conflicts, i, c)
		json_array_foreach(json_object_get(c, "events"), k, e)
			if (!strcmp(json_string_value(e), id))
				return json_string_value(json_object_get(c, "field"));
	return NULL;
}

static int show_event(const struct zdh_event_row *r, void *payload)
{
	struct show_ctx *ctx = payload;
	json_t *ev = zdh_event_row_object(r), *data = json_object_get(ev, "data");
	const char *conflict = in_conflict(ctx->conflicts, r->id);

	if (ctx->history) {
		json_t *h = json_object();
		struct zdh_time rt = { r->recorded, r->recorded_off };
		struct zdh_buf rb = ZDH_BUF_INIT;

		zdh_date_rfc3339(&rb, &rt);
		json_object_set_new(h, "id", json_string(r->id));
		json_object_set_new(h, "op", json_string(r->op));
		json_object_set(h, "date", json_object_get(ev, "date"));
		json_object_set_new(h, "recorded", json_string(rb.ptr));
		json_object_set(h, "actor", json_object_get(ev, "actor"));
		json_object_set(h, "data", data ? data : json_object());
		json_object_set_new(h, "effect", json_boolean(r->effect));
		if (r->note)
			json_object_set_new(h, "note", json_string(r->note));
		if (conflict)
			json_object_set_new(h, "conflict", json_string(conflict));
		json_array_append_new(ctx->history, h);
		zdh_buf_release(&rb);
	} else {
		struct zdh_buf happened = ZDH_BUF_INIT, recorded = ZDH_BUF_INIT, who = ZDH_BUF_INIT,
			what = ZDH_BUF_INIT;
		struct zdh_time ht = { r->happened, r->happened_off }, rt = { r->recorded, r->recorded_off };
		const char *cells[5];

		zdh_date_short(&happened, &ht);
		if (llabs(r->recorded - r->happened) >= 60) {
			zdh_buf_addf(&recorded, "(%s ", _("recorded"));
			zdh_date_short(&recorded, &rt);
			zdh_buf_addch(&recorded, ')');
		}
		zdh_buf_puts(&who, r->actor_name);
		if (r->actor_dept)
			zdh_buf_addf(&who, " (%s)", r->actor_dept);
		describe(&what, data);
		if (!r->effect)
			zdh_buf_addf(&what, "%s[%s: %s]", what.len ? "  " : "", _("no effect"),
				     r->note ? r->note : "");
		if (conflict)
			zdh_buf_addf(&what, "%s[%s: %s]", what.len ? "  " : "", _("conflict"), conflict);
		cells[0] = happened.ptr;
		cells[1] = who.ptr;
		cells[2] = r->op;
		cells[3] = what.ptr;
		cells[4] = recorded.len ? recorded.ptr : NULL;
		zdh_table_row(ctx->t, cells);
		zdh_buf_release(&happened);
		zdh_buf_release(&recorded);
		zdh_buf_release(&who);
		zdh_buf_release(&what);
	}
	json_decref(ev);
	return 0;
}

static void field_line(const json_t *state, const char *key, const char *label)
{
	json_t *v = json_object_get(state, key);

	if (json_is_string(v))
		printf("%-14s%s\n", label, json_string_value(v));
	else if (json_is_integer(v) && json_integer_value(v))
		printf("%-14s%lld\n", label, (long long)json_integer_value(v));
}

static void list_line(const json_t *state, const char *key, const char *label)
{
	json_t *v = json_object_get(state, key), *e;
	size_t i;

	if (!json_array_size(v))
		return;
	printf("%-14s", label);
	json_array_foreach(v, i, e)
		printf("%s%s", i ? ", " : "", json_string_value(e));
	putchar('\n');
}

static void print_issue(const char *id, json_t *state, json_t *conflicts)
{
	const char *body = json_string_value(json_object_get(state, "body"));
	json_t *v;
	size_t i;

	printf("%s  %s  %s\n\n", id, json_string_value(json_object_get(state, "status")),
	       json_string_value(json_object_get(state, "title")));
	field_line(state, "area", _("area:"));
	field_line(state, "category", _("category:"));
	field_line(state, "source", _("source:"));
	field_line(state, "reporter", _("reporter:"));
	field_line(state, "location", _("location:"));
	field_line(state, "dept", _("dept:"));
	field_line(state, "assignee", _("assignee:"));
	field_line(state, "due", _("due:"));
	field_line(state, "created", _("created:"));
	field_line(state, "resolved_at", _("resolved:"));
	field_line(state, "closed_at", _("closed:"));
	field_line(state, "satisfaction", _("satisfaction:"));
	field_line(state, "returns", _("returns:"));
	field_line(state, "urges", _("urges:"));
	field_line(state, "callback_returns", _("callbacks:"));
	field_line(state, "reopens", _("reopens:"));
	field_line(state, "followups", _("follow-ups:"));
	if (json_is_true(json_object_get(state, "escalated")))
		printf("%-14s%s\n", _("escalated:"), _("yes"));
	list_line(state, "mentions", _("mentions:"));
	list_line(state, "links", _("links:"));
	json_array_foreach(json_object_get(state, "attachments"), i, v)
		printf("%-14s%s  (%lld bytes)\n", i ? "" : _("attachments:"),
		       json_string_value(json_object_get(v, "name")),
		       (long long)json_integer_value(json_object_get(v, "size")));
	json_array_foreach(conflicts, i, v) {
		json_t *e;
		size_t k;
		printf("%-14s%s:", i ? "" : _("conflicts:"),
		       json_string_value(json_object_get(v, "field")));
		json_array_foreach(json_object_get(v, "events"), k, e)
			printf(" %.12s", json_string_value(e));
		putchar('\n');
	}
	if (body && *body) {
		const char *p = body;
		printf("\n");
		while (*p) {
			size_t n = strcspn(p, "\n");
			printf("    %.*s\n", (int)n, p);
			p += n + (p[n] == '\n');
		}
	}
}

static int issue_show(int argc, char **argv)
{
	struct zdh_repo *repo = NULL;
	struct zdh_index *idx;
	struct zdh_log_filter f = ZDH_LOG_FILTER_INIT;
	struct show_ctx ctx = { NULL, NULL, NULL };
	json_t *state = NULL;
	struct args a;
	int code, err;

	if ((code = parse(&a, argc, argv, B(O_JSON), 1, _("an id"))))
		goto done;
	upcase(a.argv[0]);
	if ((code = read_begin(&repo, &idx)))
		goto done;
	err = zdh_index_state(idx, "issue", a.argv[0], &state, NULL);
	if (err == ZDH_ENOTFOUND)
		err = zdh_error_set(ZDH_ENOTFOUND, _("no issue %s"), a.argv[0]);
	if ((code = report(err)))
		goto done;
	if ((code = report(zdh_index_conflicts(idx, "issue", a.argv[0], &ctx.conflicts))))
		goto done;
	f.record = a.argv[0];
	f.kind = "issue";
	f.oldest_first = 1;
	if (a.v[O_JSON])
		ctx.history = json_array();
	else
		ctx.t = zdh_table_new(5);
	if ((code = report(zdh_index_events(idx, &f, show_event, &ctx))))
		goto done;
	if (a.v[O_JSON]) {
		json_object_set_new(state, "id", json_string(a.argv[0]));
		json_object_set_new(state, "conflicts", ctx.conflicts ? json_incref(ctx.conflicts) :
				    json_array());
		json_object_set(state, "history", ctx.history);
		json_dumpf(state, stdout, JSON_INDENT(2) | JSON_SORT_KEYS);
		putchar('\n');
	} else {
		zdh_pager_start();
		print_issue(a.argv[0], state, ctx.conflicts);
		printf("\n%s\n", _("history:"));
		zdh_table_print(ctx.t, stdout, 1);
	}
	code = finish_output(0);
done:
	if (state)
		json_decref(state);
	if (ctx.history)
		json_decref(ctx.history);
	if (ctx.conflicts)
		json_decref(ctx.conflicts);
	if (ctx.t)
		zdh_table_free(ctx.t);
	zdh_repo_free(repo);
	args_free(&a);
	return code < 0 ? 0 : code;
}

static int issue_attachment(int argc, char **argv)
{
	struct zdh_repo *repo = NULL;
	struct zdh_index *idx;
	struct zdh_buf blob = ZDH_BUF_INIT, names = ZDH_BUF_INIT;
	json_t *state = NULL, *v;
	const char *blob_id = NULL;
	struct args a;
	size_t i;
	int code, err;

	if ((code = parse(&a, argc, argv, B(O_OUTPUT), 2, _("an id and a name"))))
		goto done;
	upcase(a.argv[0]);
	if ((code = read_begin(&repo, &idx)))
		goto done;
	err = zdh_index_state(idx, "issue", a.argv[0], &state, NULL);
	if (err == ZDH_ENOTFOUND)
		err = zdh_error_set(ZDH_ENOTFOUND, _("no issue %s"), a.argv[0]);
	if ((code = report(err)))
		goto done;
	/* the latest of that name, should two events have used it */
	json_array_foreach(json_object_get(state, "attachments"), i, v) {
		const char *name = json_string_value(json_object_get(v, "name"));
		zdh_buf_addf(&names, "%s%s", names.len ? ", " : "", name);
		if (!strcmp(name, a.argv[1]))
			blob_id = json_string_value(json_object_get(v, "id"));
	}
	if (!blob_id) {
		code = report(names.len ?
			      zdh_error_set(ZDH_ENOTFOUND, _("%s has no attachment '%s' (%s)"),
					    a.argv[0], a.argv[1], names.ptr) :
			      zdh_error_set(ZDH_ENOTFOUND, _("%s has no attachments"), a.argv[0]));
		goto done;
	}
	if ((code = report(zdh_store_read_blob(&blob, repo, blob_id))))
		goto done;
	if (a.v[O_OUTPUT] && strcmp(a.v[O_OUTPUT], "-")) {
		FILE *out = fopen(a.v[O_OUTPUT], "wb");
		if (!out || fwrite(blob.ptr, 1, blob.len, out) != blob.len || fclose(out)) {
			code = report(zdh_error_errno(ZDH_ERROR, _("cannot write '%s'"), a.v[O_OUTPUT]));
			goto done;
		}
		code = 0;
	} else {
		if (fwrite(blob.ptr, 1, blob.len, stdout) != blob.len)
			code = report(zdh_error_errno(ZDH_ERROR, _("cannot write the attachment")));
		code = finish_output(code);
	}
done:
	zdh_buf_release(&blob);
	zdh_buf_release(&names);
	if (state)
		json_decref(state);
	zdh_repo_free(repo);
	args_free(&a);
	return code < 0 ? 0 : code;
}

static void report_row(long line, const char *msg, void *payload)
{
	fprintf(stderr, "zdh: %s:%ld: %s\n", (const char *)payload, line, msg);
}

static int issue_import(int argc, char **argv)
{
	struct zdh_repo *repo = NULL;
	FILE *in = NULL;
	struct zdh_time date;
	struct args a;
	long long count = 0;
	int code;

	if ((code = parse(&a, argc, argv, B(O_DATE), 1, _("a file"))))
		goto done;
	if ((code = open_repo(&repo)))
		goto done;
	if ((code = parse_date(&date, a.v[O_DATE], repo)))
		goto done;
	in = strcmp(a.argv[0], "-") ? fopen(a.argv[0], "rb") : stdin;
	if (!in) {
		code = report(zdh_error_errno(ZDH_EINVALID, _("cannot read '%s'"), a.argv[0]));
		goto done;
	}
	if ((code = report(zdh_issue_import(repo, in, &date, &count, report_row,
					    a.argv[0]))))
		goto done;
	printf(_("imported %lld issues\n"), count);
	code = finish_output(0);
done:
	if (in && in != stdin)
		fclose(in);
	zdh_repo_free(repo);
	args_free(&a);
	return code < 0 ? 0 : code;
}

int cmd_issue(int argc, char **argv)
{
	static const struct verb verbs[] = {
		{ "add", issue_add },
		{ "claim", issue_claim },
		{ "assign", issue_assign },
		{ "comment", issue_comment },
		{ "escalate", issue_escalate },
		{ "resolve", issue_resolve },
		{ "close", issue_close },
		{ "reopen", issue_reopen },
		{ "edit", issue_edit },
		{ "follow-up", issue_follow_up },
		{ "link", issue_link },
		{ "return", issue_return },
		{ "urge", issue_urge },
		{ "list", issue_list },
		{ "show", issue_show },
		{ "attachment", issue_attachment },
		{ "import", issue_import },
		{ NULL, NULL }
	};
	return run_verb("issue", verbs, usage, argc, argv);
}

/*
 * zdh issue — residents' problems: add, claim, assign, comment, escalate,
 * resolve, close, reopen, edit, follow-up, link, return, urge; list,
 * show, attachment, import.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "common.h"
#include "conflict.h"
#include "rules.h"
#include "sign.h"
#include "council.h"
#include "index.h"
#include "json.h"
#include "issue.h"
#include "menu.h"
#include "org.h"
#include "output.h"
#include "store.h"
#include "visit.h"
#include "words.h"

/* The values of the options; each verb's table below says which it takes. */
static struct {
	const char *message, *area, *category, *source, *reporter, *location, *dept, *due, *to,
		*satisfaction, *title, *reason, *status, *district, *since, *until, *grep,
		*mentions, *sort, *output, *assignee;
	int overdue, json, conflicts, all;
	long long limit, offset;
	struct write_opts w;		/* --date, --attach */
	struct listing l;		/* --json, --format */
} a;

/* f: 0, or OPT_FIELD in edit's table */
#define OPT_AREA(f) OPT_STRING_F(0, "area", &a.area, "A", N_("the area (居民区)"), (f))
#define OPT_CATEGORY(f) OPT_WORDS_F(0, "category", &a.category, "C", \
	N_("the category: %s, or one the configuration adds"), zdh_issue_default_categories, (f))
#define OPT_SOURCE(f) \
	OPT_WORDS_F(0, "source", &a.source, "S", N_("how it came in: %s"), zdh_issue_sources, (f))
#define OPT_LOCATION(argh, f) OPT_STRING_F(0, "location", &a.location, (argh), N_("where"), (f))
#define OPT_REPORTER(argh, f) OPT_STRING_F(0, "reporter", &a.reporter, (argh), N_("who reported it"), (f))
/* every write takes --date; the usage lines leave it out where the man page does */
#define OPT_WRITE_DATE OPT_STRING_F(0, "date", &a.w.date, "DATE", \
	N_("when it happened (default: now)"), OPT_NOUSAGE), \
	OPT_FUTURE

static const struct opt add_opts[] = {
	OPT_ARGS("[TITLE]"),
	OPT_MESSAGE(&a.message, "BODY", N_("the description (- reads standard input)")),
	OPT_AREA(0),
	OPT_CATEGORY(0),
	OPT_SOURCE(0),
	OPT_REPORTER("NAME", 0),
	OPT_LOCATION("TEXT", 0),
	OPT_ATTACH(&a.w.attach),
	OPT_DATE(&a.w.date),
	OPT_END()
};

static const struct opt claim_opts[] = {
	OPT_ARGS("ID"),
	OPT_STRING_F(0, "dept", &a.dept, "D", N_("the department that takes it"),
		     OPT_REQUIRED | OPT_NONEMPTY),
	OPT_STRING(0, "due", &a.due, "DATE", N_("the due day (default: counted in working days)")),
	OPT_MESSAGE(&a.message, "TEXT", N_("a message")),
	OPT_WRITE_DATE,
	OPT_END()
};

static const struct opt assign_opts[] = {
	OPT_ARGS("ID"),
	OPT_STRING_F(0, "to", &a.to, "NAME", N_("the person who works on it"),
		     OPT_REQUIRED | OPT_NONEMPTY),
	OPT_MESSAGE(&a.message, "TEXT", N_("a message")),
	OPT_WRITE_DATE,
	OPT_END()
};

/* comment, resolve, follow-up: -m and files */
#define NOTE_WITH_FILES(name, argh, help) \
static const struct opt name[] = { \
	OPT_ARGS("ID"), \
	OPT_MESSAGE_REQ(&a.message, argh, help), \
	OPT_ATTACH(&a.w.attach), \
	OPT_WRITE_DATE, \
	OPT_END() \
}
NOTE_WITH_FILES(comment_opts, "TEXT", N_("the comment (@DEPT mentions a department)"));
NOTE_WITH_FILES(resolve_opts, "RESOLUTION", N_("what was done"));
NOTE_WITH_FILES(follow_up_opts, "NOTE", N_("what was seen or done since"));

/* escalate, reopen, urge: -m only */
#define NOTE(name, argh, help) \
static const struct opt name[] = { \
	OPT_ARGS("ID"), \
	OPT_MESSAGE_REQ(&a.message, argh, help), \
	OPT_WRITE_DATE, \
	OPT_END() \
}
NOTE(escalate_opts, "REASON", N_("why it goes up"));
NOTE(reopen_opts, "REASON", N_("why it is open again"));
NOTE(urge_opts, "TEXT", N_("the reminder"));

static const struct opt close_opts[] = {
	OPT_ARGS("ID"),
	OPT_STRING(0, "satisfaction", &a.satisfaction, "1-5", N_("the resident's satisfaction, 1 to 5")),
	OPT_MESSAGE(&a.message, "TEXT", N_("a message")),
	OPT_WRITE_DATE,
	OPT_END()
};

static const struct opt edit_opts[] = {
	OPT_ARGS("ID"),
	OPT_STRING_F(0, "title", &a.title, "T", N_("the new title"), OPT_FIELD),
	OPT_AREA(OPT_FIELD),
	OPT_CATEGORY(OPT_FIELD),
	OPT_SOURCE(OPT_FIELD),
	OPT_REPORTER("R", OPT_FIELD),
	OPT_LOCATION("L", OPT_FIELD),
	OPT_STRING_F(0, "dept", &a.dept, "D", N_("the department that claimed it (a correction)"), OPT_FIELD),
	OPT_STRING_F(0, "due", &a.due, "DATE", N_("its due day (a correction)"), OPT_FIELD),
	OPT_STRING_F(0, "assignee", &a.assignee, "NAME", N_("who works on it (a correction)"), OPT_FIELD),
	OPT_MESSAGE(&a.message, "REASON", N_("why")),
	OPT_WRITE_DATE,
	OPT_END()
};

static const struct opt void_opts[] = {
	OPT_ARGS("ID"),
	OPT_MESSAGE_REQ(&a.message, "REASON", N_("why it was entered by mistake")),
	OPT_WRITE_DATE,
	OPT_END()
};

static const struct opt link_opts[] = {
	OPT_ARGS("ID OTHER"),
	OPT_MESSAGE(&a.message, "TEXT", N_("a message")),
	OPT_WRITE_DATE,
	OPT_END()
};

static const struct opt return_opts[] = {
	OPT_ARGS("ID"),
	OPT_WORDS_F(0, "reason", &a.reason, "CODE", N_("why it is handed back: %s"), zdh_issue_return_codes,
		    OPT_REQUIRED | OPT_NONEMPTY),
	OPT_MESSAGE_REQ(&a.message, "TEXT", N_("a message")),
	OPT_WRITE_DATE,
	OPT_END()
};

static const struct opt list_opts[] = {
	OPT_WORDS_F(0, "status", &a.status, "S", NULL, zdh_issue_states, 0),
	OPT_FLAG(0, "all", &a.all, N_("void issues too")),
	OPT_AREA(0),
	OPT_STRING(0, "district", &a.district, "D", N_("in an area of this district")),
	OPT_STRING(0, "dept", &a.dept, "D", N_("claimed by this department")),
	OPT_CATEGORY(0),
	OPT_SOURCE(0),
	OPT_STRING(0, "since", &a.since, "DATE", N_("added on or after")),
	OPT_STRING(0, "until", &a.until, "DATE", N_("added on or before")),
	OPT_STRING(0, "grep", &a.grep, "TEXT", N_("TEXT in the title or body")),
	OPT_STRING(0, "mentions", &a.mentions, "DEPT", N_("mentioning this department")),
	OPT_FLAG(0, "overdue", &a.overdue, N_("past due, or open too long")),
	OPT_FLAG(0, "conflicts", &a.conflicts, N_("only those with open conflicts (marked ! in the table)")),
	OPT_STRING(0, "sort", &a.sort, "FIELD", N_("id, created, updated or due")),
	OPT_INT(0, "limit", &a.limit, "N", N_("at most N issues")),
	OPT_INT(0, "offset", &a.offset, "N", N_("skip the first N")),
	OPT_LIST_OUTPUT(&a.l),
	OPT_END()
};

static const struct opt show_opts[] = {
	OPT_ARGS("ID"),
	OPT_JSON(&a.json),
	OPT_END()
};

static const struct opt attachment_opts[] = {
	OPT_ARGS("ID NAME"),
	OPT_STRING_F('o', "output", &a.output, "FILE", N_("write to FILE, not standard output"),
		     OPT_SHORT),
	OPT_END()
};

static const struct opt import_opts[] = {
	OPT_ARGS("FILE.csv"),
	OPT_DATE(&a.w.date),
	OPT_ENCODING,
	OPT_END()
};

/* ---- writes ---- */

static int do_add(struct zdh_txn *txn, const struct zdh_time *date, void *title, char **id)
{
	struct zdh_issue_fields f = {
		title, a.message, a.area, a.category, a.source, a.reporter, a.location
	};
	return zdh_issue_add(txn, &f, date, id);
}

/* The editor the user named: $ZDH_EDITOR, $VISUAL or $EDITOR; NULL: none (vi). */
static const char *chosen_editor(void)
{
	const char *editor = getenv("ZDH_EDITOR");

	if (!editor || !*editor)
		editor = getenv("VISUAL");
	if (!editor || !*editor)
		editor = getenv("EDITOR");
	return editor && *editor ? editor : NULL;
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
	const char *editor = chosen_editor();
	char path[] = "/tmp/zdh-issue-XXXXXX";
	struct zdh_buf text = ZDH_BUF_INIT, cmd = ZDH_BUF_INIT;
	const char *p;
	int fd, status, code = 0;

	if (!editor)
		editor = "vi";
	if ((fd = mkstemp(path)) < 0 || write(fd, template, sizeof(template) - 1) < 0 || close(fd) < 0)
		return report(zdh_error_errno(ZDH_ERROR, _("cannot write '%s'"), path));
	zdh_buf_addf(&cmd, "%s \"$@\"", editor);
	fflush(stdout);
	{
		pid_t pid = fork();
		if (pid == 0) {
			zdh_sigpipe_child();
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
	if ((code = report(zdh_text_valid(_("the text from the editor"), text.ptr, text.len))))
		goto done;

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
	const char *t = argc ? argv[0] : NULL;
	int code;

	if (!t) {
		if (a.message) {
			code = opt_usage_error(_("'%s' needs a title"), opt_verb_name());
			goto done;
		}
		/* vi on no terminal (a script, cron) would only fail after garbling the output */
		if (!chosen_editor() && (!isatty(0) || !isatty(1))) {
			code = opt_usage_error(_("'%s' needs a title (no terminal to run an editor on)"),
					       opt_verb_name());
			goto done;
		}
		if ((code = edit_issue(&title, &body)))
			goto done;
		if (check_text(_("the title"), title.ptr) || check_text(_("the body"), body.ptr)) {
			code = ZDH_EXIT_REFUSED;
			goto done;
		}
		t = title.ptr;
		if (body.len)
			a.message = body.ptr;
	}
	if (zdh_issue_check_text(_("title"), t, ZDH_ISSUE_TITLE_MAX, 1) ||
	    (a.message && zdh_issue_check_text(_("body"), a.message, ZDH_ISSUE_BODY_MAX, 0)) ||
	    (a.source && zdh_issue_check_source(a.source))) {
		code = report(zdh_error_code());
		goto done;
	}
	if (strspn(t, " \t") == strlen(t)) {
		code = report(zdh_error_set(ZDH_EINVALID, _("title is empty")));
		goto done;
	}
	a.w.print_id = 1;
	code = write_run(&a.w, do_add, (void *)t);
done:
	zdh_buf_release(&title);
	zdh_buf_release(&body);
	return code;
}

/* --due DATE as the day it names, in the repository's zone */
static int due_day(char day[11], struct zdh_txn *txn)
{
	struct zdh_time t;
	int err = zdh_date_parse(&t, a.due, zdh_index_repo(zdh_txn_index(txn))->timezone);

	if (!err)
		zdh_issue_day(day, &t);
	return zdh_error_about("--due", err);
}

/* The verbs on one issue get its id (and link the other's) as payload. */
static int do_claim(struct zdh_txn *txn, const struct zdh_time *date, void *ids, char **id)
{
	char day[11];
	(void)id;

	if (a.due) {
		int err = due_day(day, txn);
		if (err)
			return err;
	}
	return zdh_issue_claim(txn, ((char **)ids)[0], a.dept, a.due ? day : NULL, a.message, date);
}

static int do_assign(struct zdh_txn *txn, const struct zdh_time *date, void *ids, char **id)
{
	(void)id;
	return zdh_issue_assign(txn, ((char **)ids)[0], a.to, a.message, date);
}

static int do_comment(struct zdh_txn *txn, const struct zdh_time *date, void *ids, char **id)
{
	(void)id;
	return zdh_issue_comment(txn, ((char **)ids)[0], a.message, date);
}

static const char *note_op;	/* the operation of do_note: one verb per process */

static int do_note(struct zdh_txn *txn, const struct zdh_time *date, void *ids, char **id)
{
	(void)id;
	return zdh_issue_note(txn, ((char **)ids)[0], note_op, a.message, date);
}

static int do_close(struct zdh_txn *txn, const struct zdh_time *date, void *ids, char **id)
{
	(void)id;
	return zdh_issue_close(txn, ((char **)ids)[0], a.satisfaction ? atoi(a.satisfaction) : 0,
			       a.message, date);
}

static int do_edit(struct zdh_txn *txn, const struct zdh_time *date, void *ids, char **id)
{
	char day[11];
	struct zdh_issue_fields f = {
		a.title, NULL, a.area, a.category, a.source, a.reporter, a.location,
		a.dept, a.due, a.assignee
	};
	int err;

	(void)id;
	/* (an empty one clears it, as --location "" does) */
	if (a.due && *a.due && (err = due_day(day, txn)))
		return err;
	f.due = a.due ? (*a.due ? day : "") : NULL;
	return zdh_issue_edit(txn, ((char **)ids)[0], &f, a.message, date);
}

static int do_link(struct zdh_txn *txn, const struct zdh_time *date, void *ids, char **id)
{
	(void)id;
	return zdh_issue_link(txn, ((char **)ids)[0], ((char **)ids)[1], a.message, date);
}

static int do_return(struct zdh_txn *txn, const struct zdh_time *date, void *ids, char **id)
{
	(void)id;
	return zdh_issue_return(txn, ((char **)ids)[0], a.reason, a.message, date);
}

/* A verb on one issue (two for link): the checks its options need, then the write. */
static int issue_op(int argc, char **argv, write_cb fn)
{
	int code;

	for (int i = 0; i < argc; i++)
		upcase_id(argv[i]);
	if (a.message && zdh_issue_check_text(_("message"), a.message, ZDH_ISSUE_BODY_MAX, 0))
		return report(zdh_error_code());
	if (a.to && zdh_issue_check_text("--to", a.to, ZDH_ISSUE_TEXT_MAX, 1))
		return report(zdh_error_code());
	if ((code = check_satisfaction(a.satisfaction)))
		return code;
	if (a.assignee && zdh_issue_check_text("--assignee", a.assignee, ZDH_ISSUE_TEXT_MAX, 1))
		return report(zdh_error_code());
	return write_run(&a.w, fn, argv);
}

static int issue_claim(int argc, char **argv) { return issue_op(argc, argv, do_claim); }
static int issue_assign(int argc, char **argv) { return issue_op(argc, argv, do_assign); }
static int issue_comment(int argc, char **argv) { return issue_op(argc, argv, do_comment); }
static int issue_close(int argc, char **argv) { return issue_op(argc, argv, do_close); }
static int issue_edit(int argc, char **argv) { return issue_op(argc, argv, do_edit); }
static int issue_link(int argc, char **argv) { return issue_op(argc, argv, do_link); }
static int issue_return(int argc, char **argv) { return issue_op(argc, argv, do_return); }

/* A verb that records a note event of its kind (op): escalate, resolve ... */
static int note_verb(int argc, char **argv, const char *op)
{
	note_op = op;
	return issue_op(argc, argv, do_note);
}

static int issue_escalate(int argc, char **argv) { return note_verb(argc, argv, "escalate"); }
static int issue_resolve(int argc, char **argv) { return note_verb(argc, argv, "resolve"); }
static int issue_reopen(int argc, char **argv) { return note_verb(argc, argv, "reopen"); }
static int issue_follow_up(int argc, char **argv) { return note_verb(argc, argv, "follow-up"); }
static int issue_urge(int argc, char **argv) { return note_verb(argc, argv, "urge"); }
static int issue_void(int argc, char **argv) { return note_verb(argc, argv, "void"); }

/* ---- reads ---- */

/* {"id": ..., the state's fields...} */
static json_t *row_json(const struct zdh_issue_row *r)
{
	json_t *j = zdh_json_parse(r->state, strlen(r->state), NULL);

	if (!j)
		j = json_object();
	zdh_org_name_refs(r->idx, j);
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
	print_rows(o->json, o->t, o->csv, 1, o->no_header);
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
		json_t *j = row_json(r);
		if (ctx->marks)
			json_object_set_new(j, "conflicts", zdh_conflicts_names(r->conflicts));
		json_array_append_new(ctx->json, j);
	} else if (ctx->csv) {
		const char *cells[13] = {
			r->id, r->title, r->body, r->area, r->category, r->source, r->reporter,
			r->location, r->status, r->dept, r->assignee, r->due, r->created
		};
		zdh_table_row(ctx->t, cells);
	} else {
		char *marked = NULL;
		const char *cells[6] = {
			r->id, zdh_word_label(ZDH_W_ISSUE_STATUS, r->status), r->area, r->dept,
			r->due, r->title
		};
		if (ctx->marks && r->conflicts)
			cells[0] = marked = zdh_asprintf("%s!", r->id);
		zdh_table_row(ctx->t, cells);
		free(marked);
	}
	return 0;
}

static int issue_list(int argc, char **argv)
{
	struct zdh_repo *repo = NULL;
	struct zdh_index *idx;
	struct zdh_issue_filter f = ZDH_ISSUE_FILTER_INIT;
	struct issue_rows ctx = { NULL, NULL, 0 };
	char *area = NULL, *district = NULL, *dept = NULL, *mentions = NULL, *category = NULL, today[11];
	int code;

	(void)argc, (void)argv;
	if (a.sort && strcmp(a.sort, "id") && strcmp(a.sort, "created") &&
	    strcmp(a.sort, "updated") && strcmp(a.sort, "due")) {
		code = opt_usage_error(_("unknown sort '%s' (id, created, updated or due)"), a.sort);
		goto done;
	}
	f.limit = a.limit;
	f.offset = a.offset;
	if ((a.status && zdh_issue_check_status(a.status)) ||
	    (a.source && zdh_issue_check_source(a.source))) {
		code = report(zdh_error_code());
		goto done;
	}
	if ((code = open_index(&repo, &idx)))
		goto done;
	if (a.category && (code = report(zdh_issue_check_category(repo, a.category))))
		goto done;
	/* a configured category by its title (弄口道闸), as add takes it */
	category = zdh_issue_category_name(repo, a.category);
	if ((code = org_arg(&area, idx, a.area, "area")) ||
	    (code = org_arg(&district, idx, a.district, "district")) ||
	    (code = org_arg(&dept, idx, a.dept, "dept")) ||
	    (code = org_arg(&mentions, idx, a.mentions, "dept")))
		goto done;
	if ((code = date_bounds(&f.since, &f.until, a.since, a.until, repo, 0)))
		goto done;
	if (a.overdue) {
		struct zdh_time stale;
		if ((code = overdue_since(today, &stale, repo)))
			goto done;
		f.overdue = 1;
		f.today = today;
		f.stale_before = stale.t;
	}
	f.status = a.status;
	f.all = a.all;
	f.area = area;
	f.district = district;
	f.dept = dept;
	f.mentions = mentions;
	f.category = category ? category : a.category;
	f.source = a.source;
	f.grep = a.grep;
	f.sort = a.sort;
	f.conflicts = a.conflicts;
	f.brief = !a.l.json && !a.l.csv;
	issue_rows_start(&ctx, a.l.json, a.l.csv);
	ctx.marks = 1;
	ctx.no_header = a.l.no_header;
	if ((code = report(zdh_issue_list(idx, &f, issue_rows_add, &ctx))))
		goto done;
	issue_rows_print(&ctx);
	code = finish_output(0);
done:
	free(area);
	free(district);
	free(dept);
	free(mentions);
	free(category);
	issue_rows_free(&ctx);
	zdh_repo_free(repo);
	return code;
}

/* ---- show ---- */

/* A value of an event's data as text: "?" when it is not a string. */
static const char *text_or(const json_t *v)
{
	return json_is_string(v) ? json_string_value(v) : "?";
}

/* A writer's text as a history shows it: its first line, " …" when there is more. */
static void first_line(struct zdh_buf *b, const char *s)
{
	size_t n = strcspn(s, "\n");

	zdh_buf_addf(b, "%.*s%s", (int)n, s, s[n] ? " …" : "");
}

/*
 * A value of an event's data that is not a string, as text into b: a
 * number (an amount in fen as yuan), a list of strings joined, a
 * boolean; "?" for anything else.
 */
static void value_text(struct zdh_buf *b, const char *key, const json_t *v)
{
	if (json_is_integer(v) && (!strcmp(key, "amount") || !strcmp(key, "budget"))) {
		char m[32];
		zdh_money_format(m, json_integer_value(v));
		zdh_buf_puts(b, m);
	} else if (json_is_integer(v)) {
		zdh_buf_addf(b, "%lld", (long long)json_integer_value(v));
	} else if (json_is_boolean(v)) {
		/* (a visit's raised=true: 已提出=是 under a Chinese catalogue) */
		if (zdh_i18n_chinese())
			zdh_buf_puts(b, json_is_true(v) ? _("yes") : _("no"));
		else
			zdh_buf_puts(b, json_is_true(v) ? "true" : "false");
	} else if (json_is_array(v)) {
		const json_t *e;
		size_t i;
		json_array_foreach(v, i, e)
			zdh_buf_addf(b, "%s%s", i ? "," : "", text_or(e));
	} else {
		zdh_buf_puts(b, "?");
	}
}

/*
 * The kinds whose events describe() words whole, their data's other keys
 * too (those of issue and council histories are worded key by key below).
 */
static int describe_all_keys(const char *kind)
{
	static const char *const kinds[] = {
		"offer", "need", "pairing", "delivery", "visit", "liaison", "project", "person",
	};
	size_t i;

	for (i = 0; kind && i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (!strcmp(kind, kinds[i]))
			return 1;
	return 0;
}

/*
 * A value of an event's field as a history prints it: the label of its
 * word (words.c), a menu category's its label (the menu's categories are
 * its own, a configured one's too: zdh_menu_category_shown).
 */
static const char *value_label(const char *noun, const char *field, const char *value,
			       const struct zdh_repo *repo)
{
	if (noun && !strcmp(noun, "menu") && !strcmp(field, "category"))
		return zdh_menu_category_shown(repo, value);
	/* an issue's (of the words every command shares) by the title the configuration gives it */
	if (!noun && !strcmp(field, "category") && !zdh_word_zh(ZDH_W_CATEGORY, value))
		return zdh_issue_category_shown(repo, value);
	return zdh_word_field_label(noun, field, value);
}

/*
 * "NAME=" of a field of an event of a record of kind, after a space when
 * b has text: its name in the catalogue's words (居民区=), else as the
 * data has it (area=).
 */
static void field_head(struct zdh_buf *b, const char *kind, const char *field)
{
	if (b->len)
		zdh_buf_addch(b, ' ');
	zdh_word_field_name(b, kind, field);
	zdh_buf_addch(b, '=');
}

/*
 * A value of an event's data: a time (a role's from=, RFC 3339) as
 * show_time() shows it, else its value_label().
 */
static void value_put(struct zdh_buf *b, const char *noun, const char *field, const char *value,
		      const struct zdh_repo *repo)
{
	struct zdh_buf t = ZDH_BUF_INIT;
	const char *shown = show_time(&t, value);

	zdh_buf_puts(b, shown != value ? shown : value_label(noun, field, value, repo));
	zdh_buf_release(&t);
}

/* The separator of a list inside one "NAME=" of a history line: no space in it. */
static const char *history_sep(void)
{
	return zdh_i18n_chinese() ? "、" : ",";
}

/* " NAME=" and the strings of arr joined, each a word of domain (ZDH_W_ANY: as written). */
static void describe_list(struct zdh_buf *b, const char *kind, const char *field,
			  const json_t *arr, enum zdh_word_domain domain)
{
	const json_t *v;
	size_t i;

	if (!json_array_size(arr))
		return;
	field_head(b, kind, field);
	json_array_foreach(arr, i, v)
		zdh_buf_addf(b, "%s%s", i ? history_sep() : "",
			     domain == ZDH_W_ANY ? text_or(v) : zdh_word_label(domain, text_or(v)));
}

/*
 * " WORD=" and the names of obj whose value is word, for each word of
 * domain in words (a meeting's attendance, a decision's votes): the word
 * by its name in the catalogue's words (出席=陈书记、王理事); a name
 * represented by proxy with whom (李师傅→王阿姨).
 */
static void describe_by_value(struct zdh_buf *b, const json_t *obj, const char *const *words,
			      enum zdh_word_domain domain, const json_t *proxies)
{
	for (size_t w = 0; words[w]; w++) {
		const char *k;
		json_t *v;
		int n = 0;
		json_object_foreach((json_t *)obj, k, v) {
			if (!json_is_string(v) || strcmp(json_string_value(v), words[w]))
				continue;
			if (!n++)
				zdh_buf_addf(b, "%s%s=", b->len ? " " : "",
					     zdh_i18n_chinese() ? zdh_word_label(domain, words[w]) : words[w]);
			else
				zdh_buf_puts(b, history_sep());
			zdh_buf_puts(b, k);
			if (json_is_string(json_object_get(proxies, k)))
				zdh_buf_addf(b, "→%s", json_string_value(json_object_get(proxies, k)));
		}
	}
}

/*
 * What the data of an event of a council, meeting, decision or action
 * holds besides its fields set and a member's term: a charter's rules, a
 * meeting's agenda, attendance and guests, a decision's votes, parties
 * and close (each written by decide, meeting add and update, charter).
 */
static void describe_council(struct zdh_buf *b, const json_t *data, const char *kind)
{
	static const char *const attendance[] = { "present", "absent", "excused", "proxy", NULL };
	static const char *const votes[] = { "for", "against", "abstain", NULL };
	const json_t *c = json_object_get(data, "charter"), *v;
	size_t i;

	if (json_is_object(c)) {
		const json_t *maj = json_object_get(c, "majority");
		if (json_is_integer(v = json_object_get(c, "version"))) {
			field_head(b, kind, "version");
			zdh_buf_addf(b, "%lld", (long long)json_integer_value(v));
		}
		if (json_is_string(v = json_object_get(c, "quorum"))) {
			field_head(b, kind, "quorum");
			zdh_buf_puts(b, json_string_value(v));
		}
		if (json_object_size(maj)) {
			field_head(b, kind, "majority");
			charter_majorities(b, maj, history_sep());
		}
		describe_list(b, kind, "voters", json_object_get(c, "voters"), ZDH_W_ROLE);
		describe_list(b, kind, "consent", json_object_get(c, "consent"), ZDH_W_DECISION_TYPE);
		if (json_integer_value(json_object_get(c, "meeting_weeks")) > 0) {
			field_head(b, kind, "meeting_weeks");
			zdh_buf_addf(b, "%lld", (long long)json_integer_value(json_object_get(c, "meeting_weeks")));
		}
		if (json_is_string(v = json_object_get(c, "from"))) {
			field_head(b, kind, "from");
			zdh_buf_puts(b, json_string_value(v));
		}
		if (json_is_string(v = json_object_get(c, "decision"))) {
			field_head(b, kind, "decision");
			zdh_buf_puts(b, json_string_value(v));
		}
		if (json_is_string(v = json_object_get(c, "duties"))) {
			field_head(b, kind, "duties");
			first_line(b, json_string_value(v));
		}
	}
	/* a meeting's agenda: its issues by id, its items as written */
	json_array_foreach(json_object_get(data, "agenda"), i, v) {
		const json_t *e = json_object_get(v, "issue");
		if (!i)
			field_head(b, kind, "agenda");
		zdh_buf_addf(b, "%s%s", i ? history_sep() : "",
			     text_or(json_is_string(e) ? e : json_object_get(v, "text")));
	}
	describe_by_value(b, json_object_get(data, "attendance"), attendance, ZDH_W_ATTENDANCE,
			  json_object_get(data, "proxies"));
	describe_list(b, kind, "guests", json_object_get(data, "guests"), ZDH_W_ANY);
	describe_by_value(b, json_object_get(data, "votes"), votes, ZDH_W_VOTE, NULL);
	describe_list(b, kind, "parties", json_object_get(data, "parties"), ZDH_W_ANY);
	if (json_is_true(json_object_get(data, "consensus")))
		zdh_buf_addf(b, "%s%s", b->len ? " " : "",
			     zdh_i18n_chinese() ? _("by consensus") : "consensus");
	else if (json_is_true(json_object_get(data, "close")))
		zdh_buf_addf(b, "%s%s", b->len ? " " : "",
			     zdh_i18n_chinese() ? zdh_word_label(ZDH_W_OPERATION, "close") : "close");
}

/*
 * What an event of a record of kind did, in one line: fields set, then
 * the rest of its data (repo: the menu's categories' labels; may be NULL).
 */
static void describe(struct zdh_buf *b, json_t *data, const char *kind, const struct zdh_repo *repo)
{
	const struct zdh_kind *of = kind ? zdh_kind_find(kind) : NULL;
	const char *noun = of ? of->noun : NULL;	/* whose words its fields take */
	json_t *v;
	const char *k;
	size_t i;

	json_object_foreach(json_object_get(data, "set"), k, v) {
		const char *s = json_string_value(v);
		if (!strcmp(k, "body"))
			continue;
		field_head(b, kind, k);
		if (s)
			value_put(b, noun, k, s, repo);
		else
			value_text(b, k, v);
	}
	if (describe_all_keys(kind)) {
		/* the data's other keys, but those worded below and the orgs' names */
		static const char *const skip[] = {
			"set", "names", "satisfaction", "reason", "link", "member", "role", "party",
			"vote", "refused", "mentions", "attachments", "message", "body", "key",
		};
		json_object_foreach(data, k, v) {
			const json_t *names = json_object_get(data, "names");
			const char *s = json_string_value(v);
			for (i = 0; i < sizeof(skip) / sizeof(skip[0]) && strcmp(k, skip[i]); i++)
				;
			/* (objects: what a writer saw, "logs"; "area_name": the area's name) */
			if (i < sizeof(skip) / sizeof(skip[0]) || json_is_null(v) || json_is_object(v) ||
			    (strlen(k) > 5 && !strcmp(k + strlen(k) - 5, "_name")))
				continue;
			field_head(b, kind, k);
			if (s && json_is_string(json_object_get(names, s)))
				zdh_buf_puts(b, json_string_value(json_object_get(names, s)));
			else if (s)
				value_put(b, noun, k, s, repo);
			else
				value_text(b, k, v);
		}
		/* a person's key by its fingerprint, as person show names it */
		if (json_is_string(v = json_object_get(data, "key"))) {
			unsigned char pub[ZDH_PUBKEY_LEN];
			if (!zdh_pubkey_parse(pub, json_string_value(v))) {
				field_head(b, kind, "key");
				zdh_pubkey_fingerprint(b, pub);
			}
		}
	}
	if ((v = json_object_get(data, "satisfaction"))) {
		field_head(b, kind, "satisfaction");
		zdh_buf_addf(b, "%lld", (long long)json_integer_value(v));
	}
	/*
	 * (what a peer wrote may be of any type: an event without effect is in
	 * the history too) an issue's reason is a return's code, a field; the
	 * others' a writer's text, said as a message is (history_note())
	 */
	if ((v = json_object_get(data, "reason")) && kind && !strcmp(kind, "issue")) {
		field_head(b, kind, "reason");
		zdh_buf_puts(b, zdh_word_field_label(NULL, "reason", text_or(v)));
	}
	if ((v = json_object_get(data, "link")))
		zdh_buf_addf(b, "%s%s", b->len ? " " : "", text_or(v));
	/* council events (cmd/council.c prints its history here too); a member's term */
	for (i = 0; i < 7; i++) {
		static const char *const keys[] = { "member", "role", "party", "org", "vote", "from", "to" };
		if (describe_all_keys(kind) && (i == 3 || i >= 5))
			continue;	/* (worded with the data's other keys above) */
		if (json_is_string(v = json_object_get(data, keys[i]))) {
			field_head(b, kind, keys[i]);
			zdh_buf_puts(b, zdh_word_field_label(noun, keys[i], json_string_value(v)));
		}
	}
	if (noun && !strcmp(noun, "council"))
		describe_council(b, data, kind);
	if (json_is_true(json_object_get(data, "refused")))
		zdh_buf_addf(b, "%s%s", b->len ? " " : "",
			     zdh_word_label(ZDH_W_CONSENT_STATUS, "refused"));
	/*
	 * the departments mentioned, but those the message's line shown says
	 * itself ("@城管中队 请评估" is not "@城管中队  @城管中队 请评估"; it
	 * does not say 城管 if 城管中队 is mentioned too)
	 */
	{
		const char *m = json_string_value(json_object_get(data, "message"));
		size_t line = m ? strcspn(m, "\n") : 0;
		json_t *mentions = json_object_get(data, "mentions");

		json_array_foreach(mentions, i, v)
			if (!m || !zdh_issue_says_mention(m, line, text_or(v), mentions))
				zdh_buf_addf(b, "%s@%s", b->len ? " " : "", text_or(v));
	}
	json_array_foreach(json_object_get(data, "attachments"), i, v)
		zdh_buf_addf(b, "%s[%s]", b->len ? " " : "", text_or(json_object_get(v, "name")));
	if ((v = json_object_get(data, "reason")) && !(kind && !strcmp(kind, "issue")))
		history_note(b, v);
	if ((v = json_object_get(data, "message")))
		history_note(b, v);
}

void history_note(struct zdh_buf *b, const json_t *v)
{
	if (b->len)
		zdh_buf_puts(b, "  ");
	first_line(b, text_or(v));
}

void history_table_row(struct zdh_table *t, const struct zdh_event_row *r, const char *what,
		       struct zdh_index *idx, struct zdh_index *signers)
{
	struct zdh_buf happened = ZDH_BUF_INIT, recorded = ZDH_BUF_INIT, who = ZDH_BUF_INIT;
	struct zdh_buf last = ZDH_BUF_INIT;	/* what, then recorded */
	struct zdh_time ht = { r->happened, r->happened_off }, rt = { r->recorded, r->recorded_off };
	const char *cells[4];

	zdh_date_shown(&happened, &ht);
	if (llabs(r->recorded - r->happened) >= 60) {
		struct zdh_buf day = ZDH_BUF_INIT;
		zdh_date_shown(&day, &rt);
		zdh_buf_addf(&recorded, C_("when an event was written, after its history line",
					   "(recorded %s)"), day.ptr);
		zdh_buf_release(&day);
	}
	actor_shown(&who, r, idx);
	if (signers)
		signer_describe(signers, r, &recorded, NULL);
	cells[0] = happened.ptr;
	cells[1] = who.ptr;
	cells[2] = zdh_word_label(ZDH_W_OPERATION, r->op);
	/* what last, the recorded date and signer after it: a long one pads no other line */
	zdh_buf_puts(&last, what ? what : "");
	if (recorded.len)
		zdh_buf_addf(&last, "  %s", recorded.ptr);
	cells[3] = last.ptr;
	zdh_table_row(t, cells);
	zdh_buf_release(&last);
	zdh_buf_release(&happened);
	zdh_buf_release(&recorded);
	zdh_buf_release(&who);
}

/*
 * The note that council action done writes into the issue its action
 * resolves (core/council.c: "resolved by XQ-A2 of decision XQ-D1: 已修"),
 * composed in the writer's language: in the reader's when it was composed
 * in English and the action it names resolves this issue and belongs to
 * that decision, its own message (after ": ") as written; NULL otherwise
 * (English, another note, a note that only looks like one).  So with the
 * reason import gives a row of status void (core/issue.c), kept in
 * English: in the reader's words.  The data keeps the text as written
 * (--json, export).
 */
static char *composed_note(struct zdh_index *idx, const struct zdh_event_row *r, const char *msg)
{
	static const char en[] = "resolved by %s of decision %s%s%s";
	static const char head[] = "resolved by ", mid[] = " of decision ";
	const char *fmt = _("resolved by %s of decision %s%s%s");
	const char *a, *m, *d, *rest;
	char *action = NULL, *decision = NULL, *out = NULL;
	json_t *st = NULL;
	size_t n;

	/* (an issue's or a visit's void of an import) */
	if (!strcmp(r->op, "void") && !strcmp(msg, zdh_issue_imported_void)) {
		const char *shown = _(zdh_issue_imported_void);
		return strcmp(shown, zdh_issue_imported_void) ? zdh_strdup(shown) : NULL;
	}
	if (!idx || !strcmp(fmt, en) || strcmp(r->kind, "issue") ||
	    (strcmp(r->op, "claim") && strcmp(r->op, "resolve")) ||
	    strncmp(msg, head, sizeof(head) - 1))
		return NULL;
	a = msg + sizeof(head) - 1;
	if (!(m = strstr(a, mid)) || m == a || (size_t)(m - a) != strcspn(a, " \n"))
		return NULL;
	d = m + sizeof(mid) - 1;
	if (!(n = strcspn(d, ": \n")))
		return NULL;
	rest = d + n;
	if (*rest && strncmp(rest, ": ", 2))
		return NULL;
	action = zdh_strndup(a, (size_t)(m - a));
	decision = zdh_strndup(d, n);
	if (zdh_index_state(idx, "action", action, &st, NULL))
		zdh_error_clear();
	else if (!strcmp(s_of(st, "decision") ? s_of(st, "decision") : "", decision) &&
		 !strcmp(s_of(st, "issue") ? s_of(st, "issue") : "", r->record) &&
		 json_is_true(json_object_get(st, "resolves")))
		out = zdh_asprintf(fmt, action, decision, *rest ? ": " : "", *rest ? rest + 2 : "");
	if (st)
		json_decref(st);
	free(action);
	free(decision);
	return out;
}

int history_row(const struct zdh_event_row *r, void *payload)
{
	struct history *ctx = payload;
	json_t *ev = zdh_event_row_object(r), *data = json_object_get(ev, "data");
	const char *conflict = conflict_of_event(ctx->conflicts, r->id);

	/* the orgs named as they were when the event was written */
	if (ctx->idx)
		zdh_org_name_event(ctx->idx, data);
	if (ctx->history) {
		json_array_append_new(ctx->history, history_event_json(r, ev, conflict, ctx->signers));
	} else {
		struct zdh_buf what = ZDH_BUF_INIT;
		const char *msg = json_string_value(json_object_get(data, "message"));
		char *note = msg ? composed_note(ctx->idx, r, msg) : NULL;

		if (note) {
			json_object_set_new(data, "message", json_string(note));
			free(note);
		}
		describe(&what, data, r->kind, ctx->idx ? zdh_index_repo(ctx->idx) : NULL);
		event_marks(&what, r, ctx->conflicts, ctx->idx);
		history_table_row(ctx->t, r, what.ptr, ctx->idx, ctx->signers);
		zdh_buf_release(&what);
	}
	json_decref(ev);
	return 0;
}

int history_load(struct history *h, struct zdh_index *idx, const char *kind, const char *id,
		 int json)
{
	struct zdh_log_filter f = ZDH_LOG_FILTER_INIT;
	int err;

	memset(h, 0, sizeof(*h));
	h->idx = idx;
	h->signers = idx;
	if ((err = zdh_conflicts_of(idx, kind, id, &h->conflicts)))
		return err;
	f.record = id;
	f.kind = kind;
	f.oldest_first = 1;
	if (json)
		h->history = json_array();
	else
		h->t = zdh_table_new(4);
	return zdh_index_events(idx, &f, history_row, h);
}

int show_history(struct zdh_index *idx, const char *kind, const char *id, json_t *json)
{
	struct history h;
	int err;

	if (!(err = history_load(&h, idx, kind, id, json != NULL))) {
		if (json) {
			json_object_set(json, "history", h.history);
		} else {
			printf("\n%s\n", _("history:"));
			zdh_table_print(h.t, stdout, 1);
		}
	}
	history_free(&h);
	return err;
}

void history_free(struct history *h)
{
	if (h->history)
		json_decref(h->history);
	if (h->conflicts)
		json_decref(h->conflicts);
	if (h->t)
		zdh_table_free(h->t);
}

static void field_line(const json_t *state, const char *key, const char *label)
{
	json_t *v = json_object_get(state, key);

	if (json_is_string(v))
		show_field(label, 14, json_string_value(v));
	else if (json_is_integer(v) && json_integer_value(v))
		show_label(label, 14), printf("%lld\n", (long long)json_integer_value(v));
}

/* A field whose value is a time: as show_time() prints it. */
static void field_time(const json_t *state, const char *key, const char *label)
{
	struct zdh_buf t = ZDH_BUF_INIT;
	const char *v = show_time(&t, json_string_value(json_object_get(state, key)));

	if (v)
		show_field(label, 14, v);
	zdh_buf_release(&t);
}

/* A field whose value is a word of the table of words.h. */
static void field_word(const json_t *state, const char *key, const char *label,
		       enum zdh_word_domain domain)
{
	const char *v = json_string_value(json_object_get(state, key));

	if (v)
		show_field(label, 14, zdh_word_label(domain, v));
}

static void list_line(const json_t *state, const char *key, const char *label)
{
	json_t *v = json_object_get(state, key);
	struct zdh_buf b = ZDH_BUF_INIT;

	if (!json_array_size(v))
		return;
	list_join(&b, v);
	show_field(label, 14, b.ptr);
	zdh_buf_release(&b);
}

static void print_issue(const char *id, json_t *state, json_t *conflicts, const struct zdh_repo *repo)
{
	const char *body = json_string_value(json_object_get(state, "body")), *category;
	json_t *v;
	size_t i;

	show_printf("%s  %s  %s\n\n", id,
	       zdh_word_label(ZDH_W_ISSUE_STATUS, json_string_value(json_object_get(state, "status"))),
	       json_string_value(json_object_get(state, "title")));
	field_line(state, "area", _("area:"));
	if ((category = json_string_value(json_object_get(state, "category"))))
		show_field(_("category:"), 14, zdh_issue_category_shown(repo, category));
	field_word(state, "source", _("source:"), ZDH_W_SOURCE);
	field_line(state, "reporter", _("reporter:"));
	field_line(state, "location", _("location:"));
	field_line(state, "dept", _("dept:"));
	field_line(state, "assignee", _("assignee:"));
	field_line(state, "due", _("due:"));
	field_time(state, "created", _("created:"));
	field_time(state, "resolved_at", _("resolved:"));
	field_time(state, "closed_at", _("closed:"));
	field_line(state, "satisfaction", _("satisfaction:"));
	field_line(state, "returns", _("returns:"));
	field_line(state, "urges", _("urges:"));
	field_line(state, "callback_returns", _("callbacks:"));
	field_line(state, "reopens", _("reopens:"));
	field_line(state, "followups", _("follow-ups:"));
	if (json_is_true(json_object_get(state, "escalated")))
		show_field(_("escalated:"), 14, _("yes"));
	list_line(state, "mentions", _("mentions:"));
	list_line(state, "links", _("links:"));
	list_line(state, "linked_from", _("linked from:"));
	json_array_foreach(json_object_get(state, "attachments"), i, v) {
		show_label(i ? "" : _("attachments:"), 14);
		show_attachment(v);
	}
	print_conflicts(conflicts, 14);
	if (body && *body) {
		const char *p = body;
		printf("\n");
		while (*p) {
			size_t n = strcspn(p, "\n");
			show_printf("    %.*s\n", (int)n, p);
			p += n + (p[n] == '\n');
		}
	}
}

static int meeting_of(const char *id, const json_t *state, void *payload)
{
	json_array_append_new(payload, json_pack("{s:s, s:s?, s:s?}", "id", id,
		"date", json_string_value(json_object_get(state, "date")),
		"council", json_string_value(json_object_get(state, "council"))));
	return 0;
}

/*
 * What issue show lists of a record that names the issue: its id and
 * those of keys its state has as text (or true), appended to list.
 */
static void brief_of(json_t *list, const char *id, const json_t *state, const char *const *keys)
{
	json_t *o = json_pack("{s:s}", "id", id);

	for (size_t i = 0; keys[i]; i++) {
		json_t *v = json_object_get(state, keys[i]);
		if (json_is_string(v) || json_is_true(v))
			json_object_set(o, keys[i], v);
	}
	json_array_append_new(list, o);
}

/* A decision or an action about the issue: what issue show lists of it. */
static int council_record_of(const char *id, const json_t *state, void *payload)
{
	static const char *const keys[] = { "date", "status", "motion", "dept", "due", "text", NULL };

	brief_of(payload, id, state, keys);
	return 0;
}

/*
 * The lines of show for the decisions (id, status, date, motion) and the
 * actions (id, status, dept, text, due) about the issue.
 */
static void council_lines(const json_t *decisions, const json_t *actions)
{
	struct show_lines s = SHOW_LINES_INIT(14);
	struct zdh_table *t = show_rows(&s, _("decisions:"), 4);
	json_t *v;
	size_t i;

	json_array_foreach(decisions, i, v) {
		const char *cells[4] = { json_string_value(json_object_get(v, "id")),
			zdh_word_label(ZDH_W_DECISION_STATUS, json_string_value(json_object_get(v, "status"))),
			json_string_value(json_object_get(v, "date")),
			json_string_value(json_object_get(v, "motion")) };
		zdh_table_row(t, cells);
	}
	t = show_rows(&s, _("actions:"), 5);
	json_array_foreach(actions, i, v) {
		const char *d = json_string_value(json_object_get(v, "due"));
		char *due = d ? zdh_asprintf(_("due %s"), d) : NULL;
		const char *cells[5] = { json_string_value(json_object_get(v, "id")),
			zdh_word_label(ZDH_W_ACTION_STATUS, json_string_value(json_object_get(v, "status"))),
			json_string_value(json_object_get(v, "dept")),
			json_string_value(json_object_get(v, "text")), due };
		zdh_table_row(t, cells);
		free(due);
	}
	show_lines_print(&s);
}

/* A visit that followed the issue up: what issue show lists of it. */
static int visit_of(json_t *visit, void *payload)
{
	static const char *const keys[] = { "day", "liaison", "notes", NULL };

	brief_of(payload, json_string_value(json_object_get(visit, "id")), visit, keys);
	return 0;
}

/*
 * The lines of show for the visits that followed it up (id, day, the
 * liaison, whom a visit keeps by name, the notes' first line).
 */
static void visit_lines(const json_t *visits)
{
	struct show_lines s = SHOW_LINES_INIT(14);
	struct zdh_table *t = show_rows(&s, _("visits:"), 4);
	json_t *v;
	size_t i;

	json_array_foreach(visits, i, v) {
		const char *notes = json_string_value(json_object_get(v, "notes"));
		char *first = notes ? zdh_strndup(notes, strcspn(notes, "\n")) : NULL;
		const char *cells[4] = { json_string_value(json_object_get(v, "id")),
			json_string_value(json_object_get(v, "day")),
			json_string_value(json_object_get(v, "liaison")), first };

		zdh_table_row(t, cells);
		free(first);
	}
	show_lines_print(&s);
}

/* A need of the menu that came from the issue: what issue show lists of it. */
static int need_of(json_t *need, void *payload)
{
	static const char *const keys[] = { "category", "area", "title", "retired", NULL };

	brief_of(payload, json_string_value(json_object_get(need, "id")), need, keys);
	return 0;
}

/*
 * The lines of show for the needs that came from it (id, category, area,
 * title, and "retired" for one no longer on the menu).
 */
static void need_lines(const struct zdh_repo *repo, const json_t *needs)
{
	struct show_lines s = SHOW_LINES_INIT(14);
	struct zdh_table *t = show_rows(&s, _("needs:"), 5);
	json_t *v;
	size_t i;

	json_array_foreach(needs, i, v) {
		const char *cells[5] = { json_string_value(json_object_get(v, "id")),
			zdh_menu_category_shown(repo, json_string_value(json_object_get(v, "category"))),
			json_string_value(json_object_get(v, "area")),
			json_string_value(json_object_get(v, "title")),
			json_is_true(json_object_get(v, "retired")) ? _("retired") : NULL };

		zdh_table_row(t, cells);
	}
	show_lines_print(&s);
}

/* The state of the issue id (upper-cased in place): 0 or an exit code after the message. */
static int get_issue(json_t **state, struct zdh_index *idx, char *id)
{
	int err;

	upcase_id(id);
	err = zdh_index_state(idx, "issue", id, state, NULL);
	if (err == ZDH_ENOTFOUND)
		err = zdh_kind_not_found(idx, "issue", id);
	return report(err);
}

static int issue_show(int argc, char **argv)
{
	struct zdh_repo *repo = NULL;
	struct zdh_index *idx;
	struct history ctx = { NULL, NULL, NULL };
	json_t *state = NULL, *meetings = NULL, *decisions = NULL, *actions = NULL, *visits = NULL;
	json_t *needs = NULL;
	int code;

	(void)argc;
	if ((code = open_index(&repo, &idx)) || (code = get_issue(&state, idx, argv[0])))
		goto done;
	zdh_org_name_refs(idx, state);
	if ((code = report(history_load(&ctx, idx, "issue", argv[0], a.json))))
		goto done;
	/* the other side of links: the issues that link this one */
	{
		json_t *from;
		if ((code = report(zdh_issue_linked_from(idx, argv[0], &from))))
			goto done;
		if (json_array_size(from))
			json_object_set(state, "linked_from", from);
		json_decref(from);
	}
	/* the council meetings that had it on their agenda (core/council.c) */
	{
		struct zdh_council_filter mf;
		memset(&mf, 0, sizeof(mf));
		mf.issue = argv[0];
		meetings = json_array();
		if ((code = report(zdh_meeting_list(idx, &mf, meeting_of, meetings))))
			goto done;
		/* the council's decisions about it and the actions for it (decide --issue, --action) */
		decisions = json_array();
		actions = json_array();
		if ((code = report(zdh_decision_list(idx, &mf, council_record_of, decisions))) ||
		    (code = report(zdh_action_list(idx, &mf, council_record_of, actions))))
			goto done;
	}
	/* the visits that followed it up (visit add --issue) */
	{
		struct zdh_visit_filter vf = ZDH_VISIT_FILTER_INIT;
		vf.issue = argv[0];
		visits = json_array();
		if ((code = report(zdh_visit_list(idx, &vf, visit_of, visits))))
			goto done;
	}
	/* the needs of the menu that came from it (menu need add --issue), retired ones too */
	{
		struct zdh_menu_filter nf = ZDH_MENU_FILTER_INIT;
		nf.issue = argv[0];
		nf.all = 1;
		needs = json_array();
		if ((code = report(zdh_menu_needs(idx, &nf, need_of, needs))))
			goto done;
	}
	if (a.json) {
		if (json_array_size(meetings))
			json_object_set(state, "meetings", meetings);
		if (json_array_size(decisions))
			json_object_set(state, "decisions", decisions);
		if (json_array_size(actions))
			json_object_set(state, "actions", actions);
		if (json_array_size(visits))
			json_object_set(state, "visits", visits);
		if (json_array_size(needs))
			json_object_set(state, "needs", needs);
		json_object_set_new(state, "id", json_string(argv[0]));
		json_object_set(state, "conflicts", ctx.conflicts);
		json_object_set(state, "history", ctx.history);
		print_json(state, 1);
	} else {
		zdh_pager_start();
		print_issue(argv[0], state, ctx.conflicts, repo);
		{
			json_t *m;
			size_t i;
			json_array_foreach(meetings, i, m)
				show_label(i ? "" : _("meetings:"), 14),
				show_printf("%s  %s  %s\n", json_string_value(json_object_get(m, "id")),
				       json_string_value(json_object_get(m, "date")),
				       json_string_value(json_object_get(m, "council")));
		}
		council_lines(decisions, actions);
		visit_lines(visits);
		need_lines(repo, needs);
		printf("\n%s\n", _("history:"));
		zdh_table_print(ctx.t, stdout, 1);
	}
	code = finish_output(0);
done:
	if (state)
		json_decref(state);
	history_free(&ctx);
	if (meetings)
		json_decref(meetings);
	if (decisions)
		json_decref(decisions);
	if (actions)
		json_decref(actions);
	if (visits)
		json_decref(visits);
	if (needs)
		json_decref(needs);
	zdh_repo_free(repo);
	return code;
}

static int issue_attachment(int argc, char **argv)
{
	struct zdh_repo *repo = NULL;
	struct zdh_index *idx;
	json_t *state = NULL;
	int code;

	(void)argc;
	if (!(code = open_index(&repo, &idx)) && !(code = get_issue(&state, idx, argv[0])))
		code = write_named_attachment(repo, argv[0], json_object_get(state, "attachments"),
					      argv[1], a.output);
	if (state)
		json_decref(state);
	zdh_repo_free(repo);
	return code;
}

static int issue_import(int argc, char **argv)
{
	(void)argc;
	return run_import(argv[0], a.w.date, zdh_issue_import, NN_("imported %lld issue", "imported %lld issues"));
}

int cmd_issue(int argc, char **argv)
{
	static const struct verb verbs[] = {
		{ "add", issue_add, add_opts },
		{ "claim", issue_claim, claim_opts, N_("an id") },
		{ "assign", issue_assign, assign_opts, N_("an id") },
		{ "comment", issue_comment, comment_opts, N_("an id") },
		{ "escalate", issue_escalate, escalate_opts, N_("an id") },
		{ "resolve", issue_resolve, resolve_opts, N_("an id") },
		{ "close", issue_close, close_opts, N_("an id") },
		{ "reopen", issue_reopen, reopen_opts, N_("an id") },
		{ "edit", issue_edit, edit_opts, N_("an id") },
		{ "follow-up", issue_follow_up, follow_up_opts, N_("an id") },
		{ "link", issue_link, link_opts, N_("two ids") },
		{ "return", issue_return, return_opts, N_("an id") },
		{ "urge", issue_urge, urge_opts, N_("an id") },
		{ "void", issue_void, void_opts, N_("an id") },
		{ "list", issue_list, list_opts },
		{ "show", issue_show, show_opts, N_("an id") },
		{ "attachment", issue_attachment, attachment_opts, N_("an id and a name") },
		{ "import", issue_import, import_opts, N_("a file") },
		{ NULL }
	};
	return dispatch("issue", verbs, argc, argv);
}

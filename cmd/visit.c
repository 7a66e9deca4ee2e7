/*
 * zdh visit — liaison visits: add, list, show, import; and the liaisons
 * (visit liaison add, edit, retire, list).
 */
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "index.h"
#include "issue.h"
#include "menu.h"
#include "output.h"
#include "store.h"
#include "visit.h"

enum {
	O_MESSAGE, O_DATE, O_AREA, O_LIAISON, O_RAISES, O_CATEGORY, O_ISSUE, O_DEPT, O_MONTH,
	O_AREAS, O_PHONE, O_MAX
};

/* The values of the options (each verb's table says which it takes) and its arguments. */
struct args {
	const char *v[O_MAX];
	int json, all;		/* json: of show */
	struct listing l;	/* a list's --json, --format csv, --excel */
	int argc;
	char **argv;
};
static struct args A;

#define OPT_V(name, o, argh, help) OPT_STRING(0, name, &A.v[o], argh, help)
#define OPT_V_REQ(name, o, argh, help) OPT_STRING_F(0, name, &A.v[o], argh, help, OPT_REQUIRED)
#define OPT_V_FIELD(name, o, argh, help) OPT_STRING_F(0, name, &A.v[o], argh, help, OPT_FIELD)
#define OPT_M(argh, help) OPT_STRING_F('m', "message", &A.v[O_MESSAGE], argh, help, OPT_SHORT | OPT_PARAGRAPHS)
#define OPT_V_DATE OPT_DATE(&A.v[O_DATE])
#define OPT_V_LIST OPT_LIST_OUTPUT(&A.l)

static const struct opt add_opts[] = {
	OPT_V_REQ("area", O_AREA, "A", N_("the area visited")),
	OPT_V_REQ("liaison", O_LIAISON, "NAME", N_("the liaison who visited")),
	OPT_STRING_F('m', "message", &A.v[O_MESSAGE], "NOTES", N_("what was seen and said"),
		     OPT_SHORT | OPT_REQUIRED | OPT_PARAGRAPHS),
	OPT_TEXT("[--raises TITLE [--category C] | --issue ID]"),
	OPT_STRING_F(0, "raises", &A.v[O_RAISES], "TITLE", N_("add an issue with this title"), OPT_NOUSAGE),
	OPT_WORDS_F(0, "category", &A.v[O_CATEGORY], "C", N_("the category of that issue: %s, or one the configuration adds"),
		    zdh_issue_default_categories, OPT_NOUSAGE),
	OPT_STRING_F(0, "issue", &A.v[O_ISSUE], "ID", N_("the issue it follows up"), OPT_NOUSAGE),
	OPT_V_DATE,
	OPT_END()
};

static const struct opt list_opts[] = {
	OPT_V("area", O_AREA, "A", N_("visits to this area")),
	OPT_V("liaison", O_LIAISON, "NAME", N_("visits by this liaison")),
	OPT_V("dept", O_DEPT, "D", N_("visits by this department's liaisons")),
	OPT_V("month", O_MONTH, "YYYY-MM", N_("visits in this month")),
	OPT_FLAG(0, "all", &A.all, N_("void visits too")),
	OPT_V_LIST,
	OPT_END()
};

static const struct opt void_opts[] = {
	OPT_ARGS("ID"),
	OPT_MESSAGE_REQ(&A.v[O_MESSAGE], "REASON", N_("why it was entered by mistake")),
	OPT_V_DATE,
	OPT_END()
};

static const struct opt show_opts[] = {
	OPT_ARGS("ID"),
	OPT_FLAG(0, "json", &A.json, N_("print JSON (its shape is in the man page)")),
	OPT_END()
};

static const struct opt import_opts[] = {
	OPT_ARGS("FILE.csv"),
	OPT_V_DATE,
	OPT_ENCODING,
	OPT_END()
};

static const struct opt liaison_add_opts[] = {
	OPT_ARGS("NAME"),
	OPT_V_REQ("dept", O_DEPT, "D", N_("the liaison's department")),
	OPT_V_REQ("areas", O_AREAS, "A,B", N_("the areas the liaison visits")),
	OPT_V("phone", O_PHONE, "TEXT", N_("a phone number")),
	OPT_V_DATE,
	OPT_END()
};

static const struct opt liaison_edit_opts[] = {
	OPT_ARGS("NAME|ID"),
	OPT_V_FIELD("dept", O_DEPT, "D", N_("the liaison's department")),
	OPT_V_FIELD("areas", O_AREAS, "A,B", N_("the areas the liaison visits")),
	OPT_V_FIELD("phone", O_PHONE, "TEXT", N_("a phone number")),
	OPT_M("REASON", N_("why")),
	OPT_V_DATE,
	OPT_END()
};

static const struct opt liaison_retire_opts[] = {
	OPT_ARGS("NAME|ID"),
	OPT_M("REASON", N_("why")),
	OPT_V_DATE,
	OPT_END()
};

static const struct opt liaison_list_opts[] = {
	OPT_V("area", O_AREA, "A", N_("liaisons of this area")),
	OPT_V("dept", O_DEPT, "D", N_("liaisons of this department")),
	OPT_FLAG(0, "all", &A.all, N_("retired liaisons too")),
	OPT_CONFLICTS(&A.l),
	OPT_V_LIST,
	OPT_END()
};

/* The options and arguments a verb was given, as the code below reads them. */
static struct args given(int argc, char **argv)
{
	struct args a = A;

	a.argc = argc;
	a.argv = argv;
	return a;
}

/* A write of the verb's args a (the payload of each do_*) through cmd/lib's write_run, printing the new id. */
static int run_write(const struct args *a, write_cb fn)
{
	struct write_opts w = { a->v[O_DATE], { 0 }, 1 };

	return write_run(&w, fn, (void *)a);
}

static int do_visit_add(struct zdh_txn *txn, const struct zdh_time *date, void *payload,
			char **id)
{
	const struct args *a = payload;
	struct zdh_visit_fields f = {
		a->v[O_AREA], a->v[O_LIAISON], a->v[O_MESSAGE], a->v[O_RAISES], a->v[O_CATEGORY],
		a->v[O_ISSUE]
	};
	char *raised = NULL;
	int err;

	if (f.category && (err = zdh_issue_check_category(zdh_index_repo(zdh_txn_index(txn)),
							  f.category)))
		return err;
	if ((err = zdh_visit_add(txn, &f, date, id, &raised)))
		return err;
	if (raised) {
		/* "XQ-V1\nXQ-12": the visit, then the issue it raised */
		char *both = zdh_asprintf("%s\n%s", *id, raised);
		free(*id);
		free(raised);
		*id = both;
	}
	return 0;
}

static int visit_add(int argc, char **argv)
{

	struct args a = given(argc, argv);
	if (a.v[O_RAISES] && a.v[O_ISSUE])
		return opt_usage_error(_("--raises and --issue cannot be used together"));
	if (a.v[O_CATEGORY] && !a.v[O_RAISES])
		return opt_usage_error(_("--category is for the issue --raises raises"));
	if (a.v[O_RAISES] && (zdh_issue_check_text(_("title"), a.v[O_RAISES], ZDH_ISSUE_TITLE_MAX, 1) ||
			      strspn(a.v[O_RAISES], " \t") == strlen(a.v[O_RAISES])))
		return report(zdh_error_code() ? zdh_error_code() :
			      zdh_error_set(ZDH_EINVALID, _("title is empty")));
	if (a.v[O_ISSUE])
		upcase_id((char *)a.v[O_ISSUE]);
	return run_write(&a, do_visit_add);
}

/* One line of notes for the table: the first line. */
static void first_line(struct zdh_buf *b, const char *s)
{
	if (s)
		zdh_buf_add(b, s, strcspn(s, "\n"));
}

/* payload: the list's args (its listing; with --all, a STATUS column) */
static int visit_row(json_t *v, void *payload)
{
	struct args *a = payload;
	struct listing *l = &a->l;
	struct zdh_buf notes = ZDH_BUF_INIT;

	if (l->json) {
		listing_add(l, NULL, json_incref(v));
		return 0;
	}
	if (l->csv)	/* the whole notes, as 'visit import' reads them back */
		zdh_buf_puts(&notes, s_of(v, "notes") ? s_of(v, "notes") : "");
	else
		first_line(&notes, s_of(v, "notes"));
	{
		const char *void_ = json_is_true(json_object_get(v, "void")) ? N_("void") : "";
		const char *cells[8] = { s_of(v, "id"), s_of(v, "day"), s_of(v, "area"),
					 s_of(v, "liaison"), s_of(v, "dept"), s_of(v, "issue"), notes.ptr,
					 l->csv ? void_ : *void_ ? _(void_) : "" };
		listing_add(l, cells, NULL);
	}
	zdh_buf_release(&notes);
	return 0;
}

/* The list after the core's err: printed, or the error reported. */
static int finish_rows(struct listing *l, int err)
{
	int code = report(err);

	return code ? code : listing_finish(l, 1);
}

static int visit_list(int argc, char **argv)
{
	static const char *const head[8] = { "ID", N_("DAY"), N_("AREA"), N_("LIAISON"), N_("DEPT"),
					     N_("ISSUE"), N_("NOTES"), N_("STATUS") };
	/* the columns of 'visit import', whatever the language (status: --all, not read back) */
	static const char *const csv_head[8] = { "id", "date", "area", "liaison", "dept", "issue",
						 "notes", "status" };
	struct zdh_repo *repo = NULL;
	struct zdh_index *idx;
	struct zdh_visit_filter f = ZDH_VISIT_FILTER_INIT;
	char *area = NULL, *dept = NULL;
	int code;

	struct args a = given(argc, argv);
	if ((code = open_index(&repo, &idx)) ||
	    (code = month_arg(&a.v[O_MONTH], repo)) ||
	    (code = org_arg(&area, idx, a.v[O_AREA], "area")) ||
	    (code = org_arg(&dept, idx, a.v[O_DEPT], "dept")))
		goto done;
	f.area = area;
	f.liaison = a.v[O_LIAISON];
	f.dept = dept;
	f.month = a.v[O_MONTH];
	f.all = a.all;
	/* --all: a last column STATUS, void or empty */
	listing_start_csv(&a.l, a.all ? 8 : 7, head, a.all ? 8 : 7, csv_head);
	if (a.l.t && !a.l.csv)
		zdh_table_maxwidth(a.l.t, 6, 40);
	code = finish_rows(&a.l, zdh_visit_list(idx, &f, visit_row, &a));
done:
	free(area);
	free(dept);
	listing_free(&a.l);
	zdh_repo_free(repo);
	return code;
}

static int visit_show(int argc, char **argv)
{
	struct zdh_repo *repo = NULL;
	struct zdh_index *idx;
	json_t *o = NULL;
	const char *kind;
	int code;

	struct args a = given(argc, argv);
	if ((code = open_index(&repo, &idx)))
		goto done;
	if ((code = report(zdh_visit_get(&o, idx, a.argv[0]))))
		goto done;
	/* a visit has notes, a liaison none */
	kind = s_of(o, "notes") ? "visit" : "liaison";
	if (a.json) {
		if ((code = report(show_history(idx, kind, s_of(o, "id"), o))))
			goto done;
		print_json(o, 1);
	} else if (s_of(o, "notes")) {
		struct show_lines s = SHOW_LINES_INIT(14);
		show_printf("%s  %s  %s  ", s_of(o, "id"), s_of(o, "day"), s_of(o, "area"));
		show_printf(C_("a visit's liaison, then their department", "%s (%s)"), s_of(o, "liaison"),
			    s_of(o, "dept"));
		if (json_is_true(json_object_get(o, "void")))
			fputs(_("  (void)"), stdout);
		putchar('\n');
		show_line(&s, json_is_true(json_object_get(o, "raised")) ? _("raised:") :
			  _("follows up:"), s_of(o, "issue"));
		show_lines_print(&s);
		show_printf("\n%s\n", s_of(o, "notes"));
	} else {
		struct show_lines s = SHOW_LINES_INIT(14);
		struct zdh_buf areas = ZDH_BUF_INIT;
		show_printf("%s  %s  %s%s\n", s_of(o, "id"), s_of(o, "name"), s_of(o, "dept"),
		       json_is_true(json_object_get(o, "retired")) ? _("  (retired)") : "");
		list_join(&areas, json_object_get(o, "areas"));
		show_line(&s, _("areas:"), areas.ptr ? areas.ptr : "");
		zdh_buf_release(&areas);
		show_line(&s, _("phone:"), s_of(o, "phone"));
		if (json_array_size(json_object_get(o, "same_name"))) {
			/* added at two offices before they heard of each other: both kept */
			struct zdh_buf ids = ZDH_BUF_INIT;
			json_t *v;
			size_t i;
			json_array_foreach(json_object_get(o, "same_name"), i, v)
				zdh_buf_addf(&ids, "%s%s", i ? list_sep() : "", json_string_value(v));
			show_line(&s, _("same name:"), ids.ptr);
			zdh_buf_release(&ids);
		}
		show_conflicts(&s, json_object_get(o, "conflicts"));
		show_lines_print(&s);
	}
	if (!a.json && (code = report(show_history(idx, kind, s_of(o, "id"), NULL))))
		goto done;
	code = finish_output(0);
done:
	json_decref(o);
	zdh_repo_free(repo);
	return code;
}

static int visit_import(int argc, char **argv)
{
	struct args a = given(argc, argv);

	return run_import(a.argv[0], a.v[O_DATE], zdh_visit_import, NN_("imported %lld visit", "imported %lld visits"));
}

static int do_visit_void(struct zdh_txn *txn, const struct zdh_time *date, void *payload,
			 char **id)
{
	const struct args *a = payload;
	(void)id;
	return zdh_visit_void(txn, a->argv[0], a->v[O_MESSAGE], date);
}

static int visit_void(int argc, char **argv)
{
	struct args a = given(argc, argv);
	struct write_opts w = { a.v[O_DATE], { 0 }, 0 };

	return write_run(&w, do_visit_void, &a);
}

/* ---- liaisons ---- */

static int do_liaison_add(struct zdh_txn *txn, const struct zdh_time *date, void *payload,
			  char **id)
{
	const struct args *a = payload;
	return zdh_liaison_add(txn, a->argv[0], a->v[O_DEPT], a->v[O_AREAS], a->v[O_PHONE], date, id);
}

static int liaison_add(int argc, char **argv)
{

	struct args a = given(argc, argv);
	if (zdh_issue_check_text(_("name"), a.argv[0], 100, 1))
		return report(zdh_error_code());
	if (strspn(a.argv[0], " \t") == strlen(a.argv[0]))
		return report(zdh_error_set(ZDH_EINVALID, _("name is empty")));
	return run_write(&a, do_liaison_add);
}

static int do_liaison_edit(struct zdh_txn *txn, const struct zdh_time *date, void *payload,
			   char **id)
{
	const struct args *a = payload;
	(void)id;
	return zdh_liaison_edit(txn, a->argv[0], a->v[O_DEPT], a->v[O_AREAS], a->v[O_PHONE],
				a->v[O_MESSAGE], date);
}

static int liaison_edit(int argc, char **argv)
{
	struct args a = given(argc, argv);

	return run_write(&a, do_liaison_edit);
}

static int do_liaison_retire(struct zdh_txn *txn, const struct zdh_time *date, void *payload,
			     char **id)
{
	const struct args *a = payload;
	(void)id;
	return zdh_liaison_retire(txn, a->argv[0], a->v[O_MESSAGE], date);
}

static int liaison_retire(int argc, char **argv)
{

	struct args a = given(argc, argv);
	return run_write(&a, do_liaison_retire);
}

/* payload: the list's args (its listing; with --all, a STATUS column) */
static int liaison_row(json_t *l, void *payload)
{
	struct args *a = payload;
	struct listing *out = &a->l;
	struct zdh_buf areas = ZDH_BUF_INIT;
	char visits[32];

	if (out->json) {
		listing_add(out, NULL, json_incref(l));
		return 0;
	}
	/* 新桥、延安公寓 in a Chinese table; "," in the CSV */
	list_cell(&areas, json_object_get(l, "areas"), out->csv);
	snprintf(visits, sizeof(visits), "%lld", (long long)json_integer_value(json_object_get(l, "visits")));
	{
		const char *cells[7] = { s_of(l, "id"), s_of(l, "name"), s_of(l, "dept"), visits,
					 areas.ptr, s_of(l, "phone"),
					 a->all ? live_or_retired(json_is_true(json_object_get(l, "retired")),
								  out->csv) : NULL };
		listing_add(out, cells, NULL);
	}
	zdh_buf_release(&areas);
	return 0;
}

static int liaison_list(int argc, char **argv)
{
	/* a liaison is a person: 姓名, as person list says (an org's NAME is 名称) */
	const char *head[7] = { "ID", C_("a person's name, a list's column", "NAME"), N_("DEPT"),
				N_("VISITS"), N_("AREAS"), N_("PHONE"), N_("STATUS") };
	static const char *const csv_head[7] = { "id", "name", "dept", "visits", "areas", "phone",
						 "status" };
	struct zdh_repo *repo = NULL;
	struct zdh_index *idx;
	struct zdh_visit_filter f = ZDH_VISIT_FILTER_INIT;
	char *area = NULL, *dept = NULL;
	int code;

	struct args a = given(argc, argv);
	if ((code = open_index(&repo, &idx)) ||
	    (code = org_arg(&area, idx, a.v[O_AREA], "area")) ||
	    (code = org_arg(&dept, idx, a.v[O_DEPT], "dept")))
		goto done;
	f.area = area;
	f.dept = dept;
	f.all = a.all;
	if ((code = listing_conflicts(&a.l, idx, "liaison")))
		goto done;
	/* --all: a STATUS column, live or retired, as org list --all */
	listing_start_csv(&a.l, a.all ? 7 : 6, head, a.all ? 7 : 6, csv_head);
	if (a.l.t)
		zdh_table_align(a.l.t, 3, ZDH_ALIGN_RIGHT);
	code = finish_rows(&a.l, zdh_liaison_list(idx, &f, liaison_row, &a));
done:
	free(area);
	free(dept);
	listing_free(&a.l);
	zdh_repo_free(repo);
	return code;
}

static const struct verb *liaison_verbs(void)
{
	static const struct verb verbs[] = {
		{ "add", liaison_add, liaison_add_opts, N_("a name") },
		{ "edit", liaison_edit, liaison_edit_opts, N_("a liaison") },
		{ "retire", liaison_retire, liaison_retire_opts, N_("a liaison") },
		{ "list", liaison_list, liaison_list_opts },
		{ NULL }
	};
	return verbs;
}

int cmd_visit(int argc, char **argv)
{
	const struct verb verbs[] = {
		{ "add", visit_add, add_opts },
		{ "list", visit_list, list_opts },
		{ "show", visit_show, show_opts, N_("an id") },
		{ "import", visit_import, import_opts, N_("a file") },
		{ "void", visit_void, void_opts, N_("an id") },
		{ "liaison", NULL, NULL, NULL, 0, liaison_verbs() },
		{ NULL }
	};
	return dispatch("visit", verbs, argc, argv);
}

/*
 * zdh project — self-governance projects: add, budget, approve, spend,
 * done, list, show; and zdh fund — the areas' funds: set, show.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "index.h"
#include "output.h"
#include "project.h"
#include "store.h"

static const char usage[] =
	N_("usage: zdh project add TITLE --area A [--kind self-governance|co-governance|micro] [--decision D] [--year Y] [--date DATE]\n"
	   "   or: zdh project budget ID AMOUNT --item TEXT [--date DATE]\n"
	   "   or: zdh project approve ID [-m TEXT] [--date DATE]\n"
	   "   or: zdh project spend ID AMOUNT --item TEXT [--attach FILE]... [--date DATE]\n"
	   "   or: zdh project done ID -m EVALUATION [--satisfaction 1-5] [--date DATE]\n"
	   "   or: zdh project list [--area A] [--status S] [--kind K] [--year Y] [--json | --format csv]\n"
	   "   or: zdh project show ID [--json]\n");

static const char fund_usage[] =
	N_("usage: zdh fund set --area A --year Y AMOUNT [-m TEXT] [--date DATE]\n"
	   "   or: zdh fund show [--area A] [--year Y] [--json | --format csv]\n");

enum {
	O_MESSAGE, O_DATE, O_AREA, O_KIND, O_DECISION, O_YEAR, O_ITEM, O_ATTACH, O_SATISFACTION,
	O_STATUS, O_JSON, O_FORMAT, O_MAX
};

#define B(o) (1UL << (o))

static const struct option all_opts[] = {
	{ "message", required_argument, NULL, 256 + O_MESSAGE },
	{ "date", required_argument, NULL, 256 + O_DATE },
	{ "area", required_argument, NULL, 256 + O_AREA },
	{ "kind", required_argument, NULL, 256 + O_KIND },
	{ "decision", required_argument, NULL, 256 + O_DECISION },
	{ "year", required_argument, NULL, 256 + O_YEAR },
	{ "item", required_argument, NULL, 256 + O_ITEM },
	{ "attach", required_argument, NULL, 256 + O_ATTACH },
	{ "satisfaction", required_argument, NULL, 256 + O_SATISFACTION },
	{ "status", required_argument, NULL, 256 + O_STATUS },
	{ "json", no_argument, NULL, 256 + O_JSON },
	{ "format", required_argument, NULL, 256 + O_FORMAT },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

struct args {
	const char *v[O_MAX];
	const char **attach;
	size_t nattach;
	int argc;
	char **argv;
	int year;
	long long fen;
};

static const char *verb_name;
static const char *cur_usage;

static int parse(struct args *a, int argc, char **argv, unsigned long allowed, int nargs,
		 const char *need)
{
	int c;

	memset(a, 0, sizeof(*a));
	options_reset();
	while ((c = getopt_long(argc, argv, "hm:", all_opts, NULL)) != -1) {
		int o = c == 'm' ? O_MESSAGE : c - 256;
		if (c == 'h') {
			const char *sp = strrchr(verb_name, ' ');
			char *noun = zdh_strndup(verb_name, (size_t)(sp - verb_name));
			int rc = usage_help_verb(cur_usage, noun, sp + 1);
			free(noun);
			return rc ? ZDH_EXIT_FATAL : -1;
		}
		if (c == '?' || c == ':' || o < 0 || o >= O_MAX || !(allowed & B(o)))
			return usage_error(cur_usage, _("unknown option '%s' for 'zdh %s'"),
					   argv[optind - 1], verb_name);
		if (o == O_ATTACH) {
			a->attach = zdh_realloc(a->attach, (a->nattach + 1) * sizeof(*a->attach));
			a->attach[a->nattach++] = optarg;
		} else {
			a->v[o] = optarg ? optarg : "";
		}
	}
	a->argc = argc - optind;
	a->argv = argv + optind;
	if (a->argc < nargs)
		return usage_error(cur_usage, _("'zdh %s' needs %s"), verb_name, need);
	if (a->argc > nargs)
		return usage_error(cur_usage, _("'zdh %s': too many arguments"), verb_name);
	if (a->v[O_FORMAT] && strcmp(a->v[O_FORMAT], "csv") && strcmp(a->v[O_FORMAT], "table"))
		return usage_error(cur_usage, _("unknown format '%s' (table or csv)"), a->v[O_FORMAT]);
	if (a->v[O_JSON] && a->v[O_FORMAT])
		return usage_error(cur_usage, _("--json and --format cannot be used together"));
	for (int o = 0; o < O_MAX; o++)
		if (check_text(all_opts[o].name, a->v[o]))
			return ZDH_EXIT_REFUSED;
	for (int i = 0; i < a->argc; i++)
		if (check_text(_("an argument"), a->argv[i]))
			return ZDH_EXIT_REFUSED;
	if (a->v[O_YEAR]) {
		char *end;
		long y = strtol(a->v[O_YEAR], &end, 10);
		if (!isdigit((unsigned char)*a->v[O_YEAR]) || *end || y < 1900 || y > 9999)
			return report(zdh_error_set(ZDH_EINVALID, _("--year must be from 1900 to 9999, not '%s'"),
						    a->v[O_YEAR]));
		a->year = (int)y;
	}
	return 0;
}

static void args_free(struct args *a)
{
	free(a->attach);
}

static void upcase(char *s)
{
	for (; *s; s++)
		*s = (char)toupper((unsigned char)*s);
}

static int one_line(const char *what, const char *s)
{
	if (!s || strspn(s, " \t") == strlen(s))
		return report(zdh_error_set(ZDH_EINVALID, _("%s is empty"), what));
	if (strchr(s, '\n'))
		return report(zdh_error_set(ZDH_EINVALID, _("%s must be one line"), what));
	if (zdh_utf8_len(s) > 200)
		return report(zdh_error_set(ZDH_EINVALID, _("%s is too long (at most 200 characters)"), what));
	return 0;
}

typedef int (*write_fn)(struct zdh_txn *txn, const struct args *a, const struct zdh_time *date,
			char **id);

static int run_write(const struct args *a, write_fn fn)
{
	struct zdh_repo *repo = NULL;
	struct zdh_txn *txn = NULL;
	struct zdh_buf *files = NULL;
	struct zdh_time date;
	long long max;
	char *id = NULL;
	int code, err = 0;

	if ((code = open_repo(&repo)))
		return code;
	if ((code = parse_date(&date, a->v[O_DATE], repo)))
		goto done;
	files = zdh_calloc(a->nattach + 1, sizeof(*files));
	if (zdh_config_get_int(&max, repo->config, "zdh.attachment-max", 10LL * 1024 * 1024)) {
		code = report(zdh_error_set(ZDH_EINVALID, _("zdh.attachment-max is not a size")));
		goto done;
	}
	for (size_t i = 0; i < a->nattach; i++) {
		if (zdh_buf_read_file(&files[i], a->attach[i]) < 0) {
			code = report(zdh_error_errno(ZDH_EINVALID, _("cannot read '%s'"), a->attach[i]));
			goto done;
		}
		if ((long long)files[i].len > max) {
			code = report(zdh_error_set(ZDH_EINVALID, _("%s is %zu bytes; the limit is %lld"),
						    a->attach[i], files[i].len, max));
			goto done;
		}
	}
	if ((code = report(zdh_txn_begin(&txn, repo))))
		goto done;
	for (size_t i = 0; i < a->nattach && !err; i++) {
		const char *s = strrchr(a->attach[i], '/');
		err = zdh_txn_attach(txn, s ? s + 1 : a->attach[i], files[i].ptr, files[i].len);
	}
	if (!err)
		err = fn(txn, a, &date, &id);
	if (!err)
		err = zdh_txn_commit(txn);
	if ((code = report(err)))
		goto done;
	if (id)
		printf("%s\n", id);
	code = finish_output(0);
done:
	for (size_t i = 0; files && i < a->nattach; i++)
		zdh_buf_release(&files[i]);
	free(files);
	free(id);
	zdh_txn_free(txn);
	zdh_repo_free(repo);
	return code;
}

static int do_add(struct zdh_txn *txn, const struct args *a, const struct zdh_time *date,
		  char **id)
{
	struct zdh_project_fields f = {
		a->argv[0], a->v[O_AREA], a->v[O_KIND], a->v[O_DECISION], a->year
	};
	return zdh_project_add(txn, &f, date, id);
}

static int project_add(int argc, char **argv)
{
	struct args a;
	int code;

	verb_name = "project add";
	if ((code = parse(&a, argc, argv, B(O_DATE) | B(O_AREA) | B(O_KIND) | B(O_DECISION) |
			  B(O_YEAR), 1, _("a title"))))
		goto done;
	if (!a.v[O_AREA]) {
		code = usage_error(usage, _("'zdh project add' needs --area"));
		goto done;
	}
	if ((code = one_line(_("title"), a.argv[0])))
		goto done;
	if (a.v[O_DECISION])
		upcase((char *)a.v[O_DECISION]);
	code = run_write(&a, do_add);
done:
	args_free(&a);
	return code < 0 ? 0 : code;
}

static int do_budget(struct zdh_txn *txn, const struct args *a, const struct zdh_time *date,
		     char **id)
{
	(void)id;
	return zdh_project_budget(txn, a->argv[0], a->fen, a->v[O_ITEM], date);
}

static int do_spend(struct zdh_txn *txn, const struct args *a, const struct zdh_time *date,
		    char **id)
{
	(void)id;
	return zdh_project_spend(txn, a->argv[0], a->fen, a->v[O_ITEM], date);
}

/* budget and spend: ID AMOUNT --item TEXT. */
static int money_verb(int argc, char **argv, int spend)
{
	struct args a;
	int code;

	verb_name = spend ? "project spend" : "project budget";
	if ((code = parse(&a, argc, argv, B(O_DATE) | B(O_ITEM) | (spend ? B(O_ATTACH) : 0), 2,
			  _("a project and an amount"))))
		goto done;
	if (!a.v[O_ITEM]) {
		code = usage_error(usage, _("'zdh %s' needs --item"), verb_name);
		goto done;
	}
	if ((code = one_line(_("item"), a.v[O_ITEM])) ||
	    (code = report(zdh_money_parse(&a.fen, a.argv[1]))))
		goto done;
	if (!a.fen) {
		code = report(zdh_error_set(ZDH_EINVALID, _("an amount is more than 0.00")));
		goto done;
	}
	upcase(a.argv[0]);
	code = run_write(&a, spend ? do_spend : do_budget);
done:
	args_free(&a);
	return code < 0 ? 0 : code;
}

static int project_budget(int argc, char **argv) { return money_verb(argc, argv, 0); }
static int project_spend(int argc, char **argv) { return money_verb(argc, argv, 1); }

static int do_approve(struct zdh_txn *txn, const struct args *a, const struct zdh_time *date,
		      char **id)
{
	(void)id;
	return zdh_project_approve(txn, a->argv[0], a->v[O_MESSAGE], date);
}

static int project_approve(int argc, char **argv)
{
	struct args a;
	int code;

	verb_name = "project approve";
	if ((code = parse(&a, argc, argv, B(O_DATE) | B(O_MESSAGE), 1, _("a project"))))
		goto done;
	upcase(a.argv[0]);
	code = run_write(&a, do_approve);
done:
	args_free(&a);
	return code < 0 ? 0 : code;
}

static int do_done(struct zdh_txn *txn, const struct args *a, const struct zdh_time *date,
		   char **id)
{
	(void)id;
	return zdh_project_done(txn, a->argv[0], a->v[O_MESSAGE],
				a->v[O_SATISFACTION] ? atoi(a->v[O_SATISFACTION]) : 0, date);
}

static int project_done(int argc, char **argv)
{
	struct args a;
	const char *s;
	int code;

	verb_name = "project done";
	if ((code = parse(&a, argc, argv, B(O_DATE) | B(O_MESSAGE) | B(O_SATISFACTION), 1,
			  _("a project"))))
		goto done;
	if (!a.v[O_MESSAGE]) {
		code = usage_error(usage, _("'zdh project done' needs -m EVALUATION"));
		goto done;
	}
	if ((s = a.v[O_SATISFACTION]) && (strlen(s) != 1 || *s < '1' || *s > '5')) {
		code = report(zdh_error_set(ZDH_EINVALID, _("--satisfaction must be 1 to 5")));
		goto done;
	}
	if (strspn(a.v[O_MESSAGE], " \t\n") == strlen(a.v[O_MESSAGE])) {
		code = report(zdh_error_set(ZDH_EINVALID, _("evaluation is empty")));
		goto done;
	}
	upcase(a.argv[0]);
	code = run_write(&a, do_done);
done:
	args_free(&a);
	return code < 0 ? 0 : code;
}

/* "conflicts: title: 3f2a1b9c0d1e 7c6b5a4d3e2f", one line a field in conflict. */
static void print_conflicts(const json_t *o)
{
	json_t *v, *e;
	size_t i, k;

	json_array_foreach(json_object_get(o, "conflicts"), i, v) {
		printf("%s %s:", _("conflict:"), json_string_value(json_object_get(v, "field")));
		json_array_foreach(json_object_get(v, "events"), k, e)
			printf(" %.12s", json_string_value(e));
		putchar('\n');
	}
}

static int read_begin(struct zdh_repo **repo, struct zdh_index **idx)
{
	int code;

	if ((code = open_repo(repo)))
		return code;
	return report(zdh_repo_index(idx, *repo));
}

static const char *s_of(const json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

static long long n_of(const json_t *o, const char *key)
{
	return json_integer_value(json_object_get(o, key));
}

struct rows {
	struct zdh_table *t;
	json_t *json;
};

static int project_row(json_t *p, void *payload)
{
	struct rows *r = payload;
	char year[16], budget[32], spent[32];

	if (r->json) {
		json_array_append(r->json, p);
		return 0;
	}
	snprintf(year, sizeof(year), "%lld", n_of(p, "year"));
	zdh_money_format(budget, json_object_get(p, "approved") ? n_of(p, "approved") :
			 n_of(p, "budget"));
	zdh_money_format(spent, n_of(p, "spent"));
	{
		const char *cells[8] = { s_of(p, "id"), s_of(p, "status"), s_of(p, "kind"),
					 s_of(p, "area"), year, budget, spent, s_of(p, "title") };
		zdh_table_row(r->t, cells);
	}
	return 0;
}

static void rows_free(struct rows *r)
{
	if (r->t)
		zdh_table_free(r->t);
	if (r->json)
		json_decref(r->json);
}

static int project_list(int argc, char **argv)
{
	struct zdh_repo *repo = NULL;
	struct zdh_index *idx;
	struct zdh_project_filter f = ZDH_PROJECT_FILTER_INIT;
	struct rows r = { NULL, NULL };
	struct args a;
	int code;

	verb_name = "project list";
	if ((code = parse(&a, argc, argv, B(O_AREA) | B(O_STATUS) | B(O_KIND) | B(O_YEAR) |
			  B(O_JSON) | B(O_FORMAT), 0, "")))
		goto done;
	if ((code = read_begin(&repo, &idx)))
		goto done;
	f.area = a.v[O_AREA];
	f.status = a.v[O_STATUS];
	f.kind = a.v[O_KIND];
	f.year = a.year;
	if (a.v[O_JSON]) {
		r.json = json_array();
	} else {
		const char *head[8] = { "ID", _("STATUS"), _("KIND"), _("AREA"), _("YEAR"),
					_("BUDGET"), _("SPENT"), _("TITLE") };
		r.t = zdh_table_new(8);
		zdh_table_header(r.t, head);
		zdh_table_align(r.t, 5, ZDH_ALIGN_RIGHT);
		zdh_table_align(r.t, 6, ZDH_ALIGN_RIGHT);
	}
	if ((code = report(zdh_project_list(idx, &f, project_row, &r))))
		goto done;
	print_rows(r.json, r.t, a.v[O_FORMAT] && !strcmp(a.v[O_FORMAT], "csv"), 1, 0);
	code = finish_output(0);
done:
	rows_free(&r);
	zdh_repo_free(repo);
	args_free(&a);
	return code < 0 ? 0 : code;
}

static int project_show(int argc, char **argv)
{
	struct zdh_repo *repo = NULL;
	struct zdh_index *idx;
	json_t *p = NULL, *v;
	struct zdh_table *t = NULL;
	struct args a;
	char m[32], m2[32];
	size_t i;
	int code;

	verb_name = "project show";
	if ((code = parse(&a, argc, argv, B(O_JSON), 1, _("a project"))))
		goto done;
	upcase(a.argv[0]);
	if ((code = read_begin(&repo, &idx)))
		goto done;
	if ((code = report(zdh_project_get(&p, idx, a.argv[0]))))
		goto done;
	if (a.v[O_JSON]) {
		json_dumpf(p, stdout, JSON_INDENT(2) | JSON_SORT_KEYS);
		putchar('\n');
		code = finish_output(0);
		goto done;
	}
	zdh_pager_start();
	printf("%s  %s  %s\n", s_of(p, "id"), s_of(p, "status"), s_of(p, "title"));
	printf("%s %s  %s %lld  %s %s\n", _("area:"), s_of(p, "area"), _("year:"), n_of(p, "year"),
	       _("kind:"), s_of(p, "kind"));
	if (s_of(p, "decision"))
		printf("%s %s\n", _("decision:"), s_of(p, "decision"));
	if (s_of(p, "fund"))
		printf("%s %s\n", _("fund:"), s_of(p, "fund"));
	print_conflicts(p);
	printf("\n%s\n", _("budget:"));
	json_array_foreach(json_object_get(p, "lines"), i, v) {
		zdh_money_format(m, n_of(v, "amount"));
		printf("  %12s  %s\n", m, s_of(v, "item"));
	}
	zdh_money_format(m, n_of(p, "budget"));
	printf("  %12s  %s\n", m, _("total"));
	if (json_object_get(p, "approved")) {
		zdh_money_format(m, n_of(p, "approved"));
		zdh_money_format(m2, n_of(p, "spent"));
		printf("%s %s, %s %s\n", _("approved:"), m, _("spent:"), m2);
	}
	if (json_array_size(json_object_get(p, "spends"))) {
		const char *head[4] = { _("DATE"), _("AMOUNT"), _("ITEM"), _("NOTE") };
		printf("\n%s\n", _("spends:"));
		t = zdh_table_new(4);
		zdh_table_header(t, head);
		zdh_table_align(t, 1, ZDH_ALIGN_RIGHT);
		json_array_foreach(json_object_get(p, "spends"), i, v) {
			struct zdh_buf note = ZDH_BUF_INIT;
			char day[11];
			snprintf(day, sizeof(day), "%.10s", s_of(v, "date"));
			zdh_money_format(m, n_of(v, "amount"));
			if (!json_is_true(json_object_get(v, "effect")))
				zdh_buf_addf(&note, "[%s: %s]", _("no effect"), s_of(v, "note") ? s_of(v, "note") : "");
			{
				const char *cells[4] = { day, m, s_of(v, "item"), note.ptr };
				zdh_table_row(t, cells);
			}
			zdh_buf_release(&note);
		}
		zdh_table_print(t, stdout, 0);
	}
	if (s_of(p, "evaluation")) {
		printf("\n%s %s\n", _("evaluation:"), s_of(p, "evaluation"));
		if (json_object_get(p, "satisfaction"))
			printf("%s %lld\n", _("satisfaction:"), n_of(p, "satisfaction"));
	}
	code = finish_output(0);
done:
	if (t)
		zdh_table_free(t);
	json_decref(p);
	zdh_repo_free(repo);
	args_free(&a);
	return code < 0 ? 0 : code;
}

int cmd_project(int argc, char **argv)
{
	static const struct verb verbs[] = {
		{ "add", project_add },
		{ "budget", project_budget },
		{ "approve", project_approve },
		{ "spend", project_spend },
		{ "done", project_done },
		{ "list", project_list },
		{ "show", project_show },
		{ NULL, NULL }
	};
	cur_usage = usage;
	return run_verb("project", verbs, usage, argc, argv);
}

/* ---- fund ---- */

static int do_fund_set(struct zdh_txn *txn, const struct args *a, const struct zdh_time *date,
		       char **id)
{
	return zdh_fund_set(txn, a->v[O_AREA], a->year, a->fen, a->v[O_MESSAGE], date, id);
}

static int fund_set(int argc, char **argv)
{
	struct args a;
	int code;

	verb_name = "fund set";
	if ((code = parse(&a, argc, argv, B(O_DATE) | B(O_AREA) | B(O_YEAR) | B(O_MESSAGE), 1,
			  _("an amount"))))
		goto done;
	if (!a.v[O_AREA]) {
		code = usage_error(fund_usage, _("'zdh fund set' needs --area"));
		goto done;
	}
	if (!a.v[O_YEAR]) {
		code = usage_error(fund_usage, _("'zdh fund set' needs --year"));
		goto done;
	}
	if ((code = report(zdh_money_parse(&a.fen, a.argv[0]))))
		goto done;
	code = run_write(&a, do_fund_set);
done:
	args_free(&a);
	return code < 0 ? 0 : code;
}

static int fund_row(json_t *f, void *payload)
{
	struct rows *r = payload;
	char year[16], m[4][32];

	if (r->json) {
		json_array_append(r->json, f);
		return 0;
	}
	snprintf(year, sizeof(year), "%lld", n_of(f, "year"));
	zdh_money_format(m[0], n_of(f, "budget"));
	zdh_money_format(m[1], n_of(f, "committed"));
	zdh_money_format(m[2], n_of(f, "spent"));
	zdh_money_format(m[3], n_of(f, "balance"));
	{
		/* a budget set concurrently by two offices is marked until settled */
		char *id = zdh_asprintf("%s%s", s_of(f, "id"),
					json_array_size(json_object_get(f, "conflicts")) ? "!" : "");
		const char *cells[7] = { id, s_of(f, "area"), year, m[0], m[1], m[2], m[3] };
		zdh_table_row(r->t, cells);
		free(id);
	}
	return 0;
}

static int fund_show(int argc, char **argv)
{
	struct zdh_repo *repo = NULL;
	struct zdh_index *idx;
	struct rows r = { NULL, NULL };
	struct args a;
	int code;

	verb_name = "fund show";
	if ((code = parse(&a, argc, argv, B(O_AREA) | B(O_YEAR) | B(O_JSON) | B(O_FORMAT), 0, "")))
		goto done;
	if ((code = read_begin(&repo, &idx)))
		goto done;
	if (a.v[O_JSON]) {
		r.json = json_array();
	} else {
		const char *head[7] = { "ID", _("AREA"), _("YEAR"), _("BUDGET"), _("COMMITTED"),
					_("SPENT"), _("BALANCE") };
		r.t = zdh_table_new(7);
		zdh_table_header(r.t, head);
		for (int i = 3; i < 7; i++)
			zdh_table_align(r.t, (size_t)i, ZDH_ALIGN_RIGHT);
	}
	if ((code = report(zdh_fund_list(idx, a.v[O_AREA], a.year, fund_row, &r))))
		goto done;
	print_rows(r.json, r.t, a.v[O_FORMAT] && !strcmp(a.v[O_FORMAT], "csv"), 1, 0);
	code = finish_output(0);
done:
	rows_free(&r);
	zdh_repo_free(repo);
	args_free(&a);
	return code < 0 ? 0 : code;
}

int cmd_fund(int argc, char **argv)
{
	static const struct verb verbs[] = {
		{ "set", fund_set },
		{ "show", fund_show },
		{ NULL, NULL }
	};
	cur_usage = fund_usage;
	return run_verb("fund", verbs, fund_usage, argc, argv);
}

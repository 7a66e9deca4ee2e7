/*
 * zdh project — self-governance projects: add, budget, approve, spend,
 * done, list, show, attachment; and zdh fund — the areas' funds: set, show.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "index.h"
#include "output.h"
#include "project.h"
#include "store.h"
#include "words.h"

/* The values of the options; each verb's table below says which it takes. */
static struct {
	const char *area, *kind, *decision, *year, *item, *message, *satisfaction, *status;
	const char *output;
	int json;
	struct write_opts w;
	struct listing l;
} a;

#define OPT_AREA(f) OPT_STRING_F(0, "area", &a.area, "A", N_("the area (居民区)"), (f))
#define OPT_YEAR(f) OPT_STRING_F(0, "year", &a.year, "Y", N_("the year"), (f))
#define OPT_ITEM OPT_STRING_F(0, "item", &a.item, "TEXT", N_("what it is for"), OPT_REQUIRED)

static const struct opt add_opts[] = {
	OPT_ARGS("TITLE"),
	OPT_AREA(OPT_REQUIRED),
	OPT_WORDS_F(0, "kind", &a.kind, "self-governance|co-governance|micro",
		    N_("the kind of project: %s (default self-governance)"), zdh_project_kinds, 0),
	OPT_STRING(0, "decision", &a.decision, "D", N_("the council decision it comes from")),
	OPT_YEAR(0),
	OPT_DATE(&a.w.date),
	OPT_END()
};

static const struct opt budget_opts[] = {
	OPT_ARGS("ID AMOUNT"),
	OPT_ITEM,
	OPT_DATE(&a.w.date),
	OPT_END()
};

static const struct opt approve_opts[] = {
	OPT_ARGS("ID"),
	OPT_MESSAGE(&a.message, "TEXT", N_("a note")),
	OPT_DATE(&a.w.date),
	OPT_END()
};

static const struct opt spend_opts[] = {
	OPT_ARGS("ID AMOUNT"),
	OPT_ITEM,
	OPT_ATTACH(&a.w.attach),
	OPT_DATE(&a.w.date),
	OPT_END()
};

static const struct opt done_opts[] = {
	OPT_ARGS("ID"),
	OPT_MESSAGE_REQ(&a.message, "EVALUATION", N_("how it went")),
	OPT_STRING(0, "satisfaction", &a.satisfaction, "1-5", N_("the residents' satisfaction")),
	OPT_DATE(&a.w.date),
	OPT_END()
};

static const struct opt list_opts[] = {
	OPT_AREA(0),
	OPT_WORDS_F(0, "status", &a.status, "S", NULL, zdh_project_states, 0),
	OPT_WORDS_F(0, "kind", &a.kind, "K", NULL, zdh_project_kinds, 0),
	OPT_YEAR(0),
	OPT_CONFLICTS(&a.l),
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

static const struct opt fund_set_opts[] = {
	OPT_AREA(OPT_REQUIRED),
	OPT_YEAR(OPT_REQUIRED),
	OPT_ARGS("AMOUNT"),
	OPT_MESSAGE(&a.message, "TEXT", N_("a note")),
	OPT_DATE(&a.w.date),
	OPT_END()
};

static const struct opt fund_show_opts[] = {
	OPT_AREA(0),
	OPT_YEAR(0),
	OPT_LIST_OUTPUT(&a.l),
	OPT_END()
};

/* --year: 0 when not given; -1 (after the message) when it is not a year. */
static int year_arg(void)
{
	char *end;
	long y;

	if (!a.year)
		return 0;
	y = strtol(a.year, &end, 10);
	if (!isdigit((unsigned char)*a.year) || *end || y < 1900 || y > 9999) {
		report(zdh_error_set(ZDH_EINVALID, _("--year must be from 1900 to 9999, not '%s'"), a.year));
		return -1;
	}
	return (int)y;
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

/* ---- writes ---- */

static long long amount;
static int year;

static int do_add(struct zdh_txn *txn, const struct zdh_time *date, void *title, char **id)
{
	struct zdh_project_fields f = { title, a.area, a.kind, a.decision, year };
	return zdh_project_add(txn, &f, date, id);
}

static int project_add(int argc, char **argv)
{
	int code;

	(void)argc;
	if ((year = year_arg()) < 0)
		return ZDH_EXIT_REFUSED;
	if ((code = one_line(_("title"), argv[0])))
		return code;
	if (a.decision)
		upcase_id((char *)a.decision);
	a.w.print_id = 1;
	return write_run(&a.w, do_add, argv[0]);
}

static int do_budget(struct zdh_txn *txn, const struct zdh_time *date, void *id, char **out)
{
	(void)out;
	return zdh_project_budget(txn, id, amount, a.item, date);
}

static int do_spend(struct zdh_txn *txn, const struct zdh_time *date, void *id, char **out)
{
	(void)out;
	return zdh_project_spend(txn, id, amount, a.item, date);
}

/*
 * budget and spend: ID AMOUNT --item TEXT; a budget's AMOUNT may be below
 * zero (-108000, －108000, −108000: a correction of the lines before it).
 */
static int money_verb(char **argv, write_cb fn, int correction)
{
	static const char *const minus[] = { "-", "\xef\xbc\x8d", "\xe2\x88\x92", NULL };
	const char *text = argv[1];
	int code, below = 0;

	for (size_t i = 0; correction && minus[i] && !below; i++)
		if (!strncmp(text, minus[i], strlen(minus[i]))) {
			text += strlen(minus[i]);
			below = 1;
		}
	if ((code = one_line(_("item"), a.item)) || (code = report(zdh_money_parse(&amount, text))))
		return code;
	if (!amount)
		return report(zdh_error_set(ZDH_EINVALID, _("an amount is more than 0.00")));
	if (below)
		amount = -amount;
	upcase_id(argv[0]);
	return write_run(&a.w, fn, argv[0]);
}

static int project_budget(int argc, char **argv)
{
	(void)argc;
	return money_verb(argv, do_budget, 1);
}

static int project_spend(int argc, char **argv)
{
	(void)argc;
	return money_verb(argv, do_spend, 0);
}

static int do_approve(struct zdh_txn *txn, const struct zdh_time *date, void *id, char **out)
{
	(void)out;
	return zdh_project_approve(txn, id, a.message, date);
}

static int project_approve(int argc, char **argv)
{
	(void)argc;
	upcase_id(argv[0]);
	return write_run(&a.w, do_approve, argv[0]);
}

static int do_done(struct zdh_txn *txn, const struct zdh_time *date, void *id, char **out)
{
	(void)out;
	return zdh_project_done(txn, id, a.message, a.satisfaction ? atoi(a.satisfaction) : 0, date);
}

static int project_done(int argc, char **argv)
{
	int code;

	(void)argc;
	if ((code = check_satisfaction(a.satisfaction)))
		return code;
	if (strspn(a.message, " \t\n") == strlen(a.message))
		return report(zdh_error_set(ZDH_EINVALID, _("evaluation is empty")));
	upcase_id(argv[0]);
	return write_run(&a.w, do_done, argv[0]);
}

/* ---- reads ---- */

static long long n_of(const json_t *o, const char *key)
{
	return json_integer_value(json_object_get(o, key));
}

static int project_row(json_t *p, void *payload)
{
	char y[16], budget[32], spent[32];
	const char *cells[8];

	snprintf(y, sizeof(y), "%lld", n_of(p, "year"));
	zdh_money_format(budget, json_object_get(p, "approved") ? n_of(p, "approved") :
			 n_of(p, "budget"));
	zdh_money_format(spent, n_of(p, "spent"));
	cells[0] = s_of(p, "id");
	/* a table shows the Chinese names under zh_CN; CSV keeps the words */
	cells[1] = a.l.csv ? s_of(p, "status") : zdh_word_label(ZDH_W_PROJECT_STATUS, s_of(p, "status"));
	cells[2] = a.l.csv ? s_of(p, "kind") : zdh_word_label(ZDH_W_PROJECT_KIND, s_of(p, "kind"));
	cells[3] = s_of(p, "area");
	cells[4] = y;
	cells[5] = budget;
	cells[6] = spent;
	cells[7] = s_of(p, "title");
	listing_add(payload, cells, a.l.json ? json_incref(p) : NULL);
	return 0;
}

static int project_list(int argc, char **argv)
{
	static const char *const head[8] = { "ID", N_("STATUS"), N_("KIND"), N_("AREA"), N_("YEAR"),
					     N_("BUDGET"), N_("SPENT"), N_("TITLE") };
	struct zdh_repo *repo = NULL;
	struct zdh_index *idx;
	struct zdh_project_filter f = ZDH_PROJECT_FILTER_INIT;
	char *area = NULL;
	int code;

	(void)argc, (void)argv;
	if ((f.year = year_arg()) < 0)
		return ZDH_EXIT_REFUSED;
	if (zdh_project_check_filter(a.status, a.kind))
		return report(zdh_error_code());
	if ((code = open_index(&repo, &idx)))
		goto done;
	if ((code = org_arg(&area, idx, a.area, "area")))
		goto done;
	f.area = area;
	f.status = a.status;
	f.kind = a.kind;
	if ((code = listing_conflicts(&a.l, idx, "project")))
		goto done;
	listing_start(&a.l, 8, head);
	if (a.l.t) {
		zdh_table_align(a.l.t, 5, ZDH_ALIGN_RIGHT);
		zdh_table_align(a.l.t, 6, ZDH_ALIGN_RIGHT);
	}
	if ((code = report(zdh_project_list(idx, &f, project_row, &a.l))))
		goto done;
	code = listing_finish(&a.l, 1);
done:
	free(area);
	listing_free(&a.l);
	zdh_repo_free(repo);
	return code;
}

static int project_show(int argc, char **argv)
{
	struct zdh_repo *repo = NULL;
	struct zdh_index *idx;
	json_t *p = NULL, *v;
	struct zdh_table *t = NULL;
	struct show_lines s = SHOW_LINES_INIT(14);
	char m[32], m2[32];
	size_t i;
	int code;

	(void)argc;
	upcase_id(argv[0]);
	if ((code = open_index(&repo, &idx)))
		goto done;
	if ((code = report(zdh_project_get(&p, idx, argv[0]))))
		goto done;
	if (a.json) {
		if ((code = report(show_history(idx, "project", argv[0], p))))
			goto done;
		print_json(p, 1);
		code = finish_output(0);
		goto done;
	}
	zdh_pager_start();
	show_printf("%s  %s  %s\n", s_of(p, "id"),
	       zdh_word_label(ZDH_W_PROJECT_STATUS, s_of(p, "status")), s_of(p, "title"));
	show_line(&s, _("area:"), s_of(p, "area"));
	show_linef(&s, _("year:"), "%lld", n_of(p, "year"));
	show_line(&s, _("kind:"), zdh_word_label(ZDH_W_PROJECT_KIND, s_of(p, "kind")));
	show_line(&s, _("decision:"), s_of(p, "decision"));
	show_line(&s, _("fund:"), s_of(p, "fund"));
	if (json_array_size(json_object_get(p, "same_title"))) {
		/* added at two offices before they heard of each other: both kept, each names the other */
		struct zdh_buf ids = ZDH_BUF_INIT;
		json_array_foreach(json_object_get(p, "same_title"), i, v)
			zdh_buf_addf(&ids, "%s%s", i ? list_sep() : "", json_string_value(v));
		show_line(&s, _("same title:"), ids.ptr);
		zdh_buf_release(&ids);
	}
	show_conflicts(&s, json_object_get(p, "conflicts"));
	show_lines_print(&s);
	printf("\n%s\n", _("budget:"));
	json_array_foreach(json_object_get(p, "lines"), i, v) {
		zdh_money_format(m, n_of(v, "amount"));
		show_printf("  %12s  %s\n", m, s_of(v, "item"));
	}
	zdh_money_format(m, n_of(p, "budget"));
	printf("  %12s  %s\n", m, _("total"));
	if (json_object_get(p, "approved")) {
		zdh_money_format(m, n_of(p, "approved"));
		zdh_money_format(m2, n_of(p, "spent"));
		show_line(&s, _("approved:"), m);
		show_line(&s, _("spent:"), m2);
		show_lines_print(&s);
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
			json_t *f;
			size_t j;
			snprintf(day, sizeof(day), "%.10s", s_of(v, "date"));
			zdh_money_format(m, n_of(v, "amount"));
			if (!json_is_true(json_object_get(v, "effect"))) {
				char *shown = zdh_word_note(s_of(v, "note"));	/* stored in English */
				zdh_buf_addf(&note, C_("a mark after an event: [what: why]", "[%s: %s]"),
					     _("no effect"), shown);
				free(shown);
			}
			/* its invoices and receipts, by the names project attachment takes */
			json_array_foreach(json_object_get(v, "attachments"), j, f)
				zdh_buf_addf(&note, "%s[%s]", note.len ? " " : "", s_of(f, "name"));
			{
				const char *cells[4] = { day, m, s_of(v, "item"), note.ptr };
				zdh_table_row(t, cells);
			}
			zdh_buf_release(&note);
		}
		zdh_table_print(t, stdout, 0);
	}
	if (s_of(p, "evaluation")) {
		putchar('\n');
		show_line(&s, _("evaluation:"), s_of(p, "evaluation"));
		show_line_json(&s, _("satisfaction:"), json_object_get(p, "satisfaction"));
		show_lines_print(&s);
	}
	if ((code = report(show_history(idx, "project", argv[0], NULL))))
		goto done;
	code = finish_output(0);
done:
	if (t)
		zdh_table_free(t);
	json_decref(p);
	zdh_repo_free(repo);
	return code;
}

/* An invoice or receipt of a spend (spend --attach), as issue attachment writes an issue's. */
static int project_attachment(int argc, char **argv)
{
	struct zdh_repo *repo = NULL;
	struct zdh_index *idx;
	json_t *p = NULL, *all = json_array(), *v;
	size_t i;
	int code;

	(void)argc;
	upcase_id(argv[0]);
	if (!(code = open_index(&repo, &idx)) && !(code = report(zdh_project_get(&p, idx, argv[0])))) {
		/* every spend's, oldest first: the last of a name is the one written */
		json_array_foreach(json_object_get(p, "spends"), i, v)
			json_array_extend(all, json_object_get(v, "attachments"));
		code = write_named_attachment(repo, argv[0], all, argv[1], a.output);
	}
	json_decref(all);
	if (p)
		json_decref(p);
	zdh_repo_free(repo);
	return code;
}

int cmd_project(int argc, char **argv)
{
	static const struct verb verbs[] = {
		{ "add", project_add, add_opts, N_("a title") },
		{ "budget", project_budget, budget_opts, N_("a project and an amount") },
		{ "approve", project_approve, approve_opts, N_("a project") },
		{ "spend", project_spend, spend_opts, N_("a project and an amount") },
		{ "done", project_done, done_opts, N_("a project") },
		{ "list", project_list, list_opts },
		{ "show", project_show, show_opts, N_("a project") },
		{ "attachment", project_attachment, attachment_opts, N_("an id and a name") },
		{ NULL }
	};
	return dispatch("project", verbs, argc, argv);
}

/* ---- fund ---- */

static int do_fund_set(struct zdh_txn *txn, const struct zdh_time *date, void *payload, char **id)
{
	(void)payload;
	return zdh_fund_set(txn, a.area, year, amount, a.message, date, id);
}

static int fund_set(int argc, char **argv)
{
	int code;

	(void)argc;
	if ((year = year_arg()) < 0)
		return ZDH_EXIT_REFUSED;
	if ((code = report(zdh_money_parse(&amount, argv[0]))))
		return code;
	a.w.print_id = 1;
	return write_run(&a.w, do_fund_set, NULL);
}

static int fund_row(json_t *f, void *payload)
{
	char y[16], m[4][32], *id;
	const char *cells[7];

	snprintf(y, sizeof(y), "%lld", n_of(f, "year"));
	zdh_money_format(m[0], n_of(f, "budget"));
	zdh_money_format(m[1], n_of(f, "committed"));
	zdh_money_format(m[2], n_of(f, "spent"));
	zdh_money_format(m[3], n_of(f, "balance"));
	/* a budget set concurrently by two offices is marked until settled */
	id = zdh_asprintf("%s%s", s_of(f, "id"),
			  json_array_size(json_object_get(f, "conflicts")) ? "!" : "");
	cells[0] = id;
	cells[1] = s_of(f, "area");
	cells[2] = y;
	for (int i = 0; i < 4; i++)
		cells[3 + i] = m[i];
	listing_add(payload, cells, a.l.json ? json_incref(f) : NULL);
	free(id);
	return 0;
}

static int fund_show(int argc, char **argv)
{
	static const char *const head[7] = { "ID", N_("AREA"), N_("YEAR"), N_("BUDGET"), N_("COMMITTED"),
					     N_("SPENT"), N_("BALANCE") };
	struct zdh_repo *repo = NULL;
	struct zdh_index *idx;
	char *area = NULL;
	int code, y;

	(void)argc, (void)argv;
	if ((y = year_arg()) < 0)
		return ZDH_EXIT_REFUSED;
	if ((code = open_index(&repo, &idx)))
		goto done;
	if ((code = org_arg(&area, idx, a.area, "area")))
		goto done;
	listing_start(&a.l, 7, head);
	for (int i = 3; a.l.t && i < 7; i++)
		zdh_table_align(a.l.t, (size_t)i, ZDH_ALIGN_RIGHT);
	if ((code = report(zdh_fund_list(idx, area, y, fund_row, &a.l))))
		goto done;
	code = listing_finish(&a.l, 1);
done:
	free(area);
	listing_free(&a.l);
	zdh_repo_free(repo);
	return code;
}

int cmd_fund(int argc, char **argv)
{
	static const struct verb verbs[] = {
		{ "set", fund_set, fund_set_opts, N_("an amount") },
		{ "show", fund_show, fund_show_opts },
		{ NULL }
	};
	return dispatch("fund", verbs, argc, argv);
}

/*
 * zdh org — the registry: add, list, show, edit, retire, import.
 */
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "conflict.h"
#include "council.h"
#include "rules.h"
#include "index.h"
#include "issue.h"
#include "menu.h"
#include "org.h"
#include "project.h"
#include "output.h"
#include "store.h"
#include "visit.h"
#include "words.h"

/* The values of the options; each verb's table below says which it takes. */
static struct {
	const char *kind, *district, *code, *name, *message;
	int all, json;
	struct write_opts w;
	struct listing l;
} a;

#define OPT_KIND(f) OPT_WORDS_F(0, "kind", &a.kind, "KIND", NULL, zdh_org_kinds, (f))
#define OPT_DISTRICT(f) OPT_STRING_F(0, "district", &a.district, "D", N_("the district an area is in"), (f))
#define OPT_CODE(f) OPT_STRING_F(0, "code", &a.code, "C", N_("an official code (free text)"), (f))

static const struct opt add_opts[] = {
	OPT_KIND(OPT_REQUIRED),
	OPT_ARGS("NAME"),
	OPT_DISTRICT(0),
	OPT_CODE(0),
	OPT_DATE(&a.w.date),
	OPT_END()
};

static const struct opt list_opts[] = {
	OPT_KIND(0),
	OPT_FLAG(0, "all", &a.all, N_("retired orgs too, with a STATUS column")),
	OPT_CONFLICTS(&a.l),
	OPT_LIST_OUTPUT(&a.l),
	OPT_END()
};

static const struct opt show_opts[] = {
	OPT_ARGS("NAME|ID"),
	OPT_JSON(&a.json),
	OPT_END()
};

static const struct opt edit_opts[] = {
	OPT_ARGS("NAME|ID"),
	OPT_STRING_F(0, "name", &a.name, "NEW", N_("its new name"), OPT_FIELD),
	OPT_KIND(OPT_FIELD),
	OPT_DISTRICT(OPT_FIELD),
	OPT_CODE(OPT_FIELD),
	OPT_MESSAGE(&a.message, "REASON", N_("why")),
	OPT_DATE(&a.w.date),
	OPT_END()
};

static const struct opt retire_opts[] = {
	OPT_ARGS("NAME|ID"),
	OPT_MESSAGE(&a.message, "REASON", N_("why")),
	OPT_DATE(&a.w.date),
	OPT_END()
};

static const struct opt import_opts[] = {
	OPT_ARGS("FILE.csv"),
	OPT_DATE(&a.w.date),
	OPT_ENCODING,
	OPT_END()
};

static int do_add(struct zdh_txn *txn, const struct zdh_time *date, void *name, char **id)
{
	return zdh_org_add(txn, a.kind, name, a.district, a.code, date, id);
}

static int org_add(int argc, char **argv)
{
	(void)argc;
	if (zdh_org_check_kind(a.kind) || zdh_name_check(_("name"), argv[0]))
		return report(zdh_error_code());
	a.w.print_id = 1;
	return write_run(&a.w, do_add, argv[0]);
}

static json_t *org_json(const struct zdh_org *o)
{
	json_t *j = json_object();

	json_object_set_new(j, "id", json_string(o->id));
	json_object_set_new(j, "kind", json_string(o->kind));
	json_object_set_new(j, "name", json_string(o->name));
	json_object_set_new(j, "district", o->district ? json_string(o->district) : json_null());
	json_object_set_new(j, "code", o->code ? json_string(o->code) : json_null());
	json_object_set_new(j, "retired", json_boolean(o->retired));
	return j;
}

static int list_one(const struct zdh_org *o, void *payload)
{
	/* a table shows a kind's Chinese name under zh_CN; CSV keeps the word import reads */
	const char *kind = a.l.csv ? o->kind : zdh_word_label(ZDH_W_ORG_KIND, o->kind);
	const char *cells[6] = { o->id, kind, o->name, o->district, o->code,
				 live_or_retired(o->retired, a.l.csv) };

	listing_add(payload, cells, a.l.json ? org_json(o) : NULL);
	return 0;
}

static int org_list(int argc, char **argv)
{
	/* in CSV "id,kind,name,district,code,status", as 'org import' reads them back */
	static const char *const head[6] = { "ID", N_("KIND"), N_("NAME"), N_("DISTRICT"), N_("CODE"),
					     N_("STATUS") };
	struct zdh_repo *repo = NULL;
	struct zdh_index *idx;
	int code;

	(void)argc, (void)argv;
	if (a.kind && zdh_org_check_kind(a.kind))
		return report(zdh_error_code());
	if ((code = open_index(&repo, &idx)))
		goto done;
	if ((code = listing_conflicts(&a.l, idx, "org")))
		goto done;
	listing_start(&a.l, a.all ? 6 : 5, head);
	if ((code = report(zdh_org_foreach(idx, a.kind, a.all, list_one, &a.l))))
		goto done;
	code = listing_finish(&a.l, 0);
done:
	listing_free(&a.l);
	zdh_repo_free(repo);
	return code;
}

static int keep_org(const struct zdh_org *o, void *payload)
{
	*(json_t **)payload = org_json(o);
	return 0;
}

/*
 * An event's data (canonical JSON) in a few words, "name=新桥
 * district=一片区" from data.set, then the reason (history_note()); its org references
 * (a district) named as they were when it was written.
 */
static void describe(struct zdh_buf *b, const char *data_json, struct zdh_index *idx)
{
	json_t *data = json_loads(data_json, 0, NULL), *set, *v;
	const char *k;

	if (!data)
		return;
	zdh_org_name_event(idx, data);
	set = json_object_get(data, "set");
	json_object_foreach(set, k, v) {
		if (b->len)
			zdh_buf_addch(b, ' ');
		zdh_word_field_name(b, "org", k);
		zdh_buf_addf(b, "=%s",
			     json_is_string(v) ? zdh_word_field_label("org", k, json_string_value(v)) : "?");
	}
	if ((v = json_object_get(data, "reason")))
		history_note(b, v);
	json_decref(data);
}

struct show_ctx {
	struct zdh_table *t;
	json_t *history;
	json_t *conflicts;
	struct zdh_index *idx;	/* who signed (signer_describe), the orgs events name */
};

static int show_event(const struct zdh_event_row *r, void *payload)
{
	struct show_ctx *ctx = payload;
	struct zdh_buf what = ZDH_BUF_INIT;

	if (ctx->history) {
		json_t *ev = zdh_event_row_object(r);
		zdh_org_name_event(ctx->idx, json_object_get(ev, "data"));
		json_array_append_new(ctx->history,
				      history_event_json(r, ev, NULL, ctx->idx));
		json_decref(ev);
		return 0;
	}
	describe(&what, r->data, ctx->idx);
	event_marks(&what, r, ctx->conflicts, ctx->idx);
	history_table_row(ctx->t, r, what.ptr, ctx->idx, ctx->idx);
	zdh_buf_release(&what);
	return 0;
}

static int org_show(int argc, char **argv)
{
	struct zdh_repo *repo = NULL;
	struct zdh_index *idx;
	struct zdh_log_filter f = ZDH_LOG_FILTER_INIT;
	struct show_ctx ctx = { NULL, NULL, NULL };
	json_t *org = NULL;
	char *id = NULL;
	int code;

	(void)argc;
	if ((code = open_index(&repo, &idx)))
		goto done;
	if ((code = report(zdh_org_resolve(&id, idx, argv[0], NULL, 1))))
		goto done;
	if ((code = report(zdh_org_get(idx, id, keep_org, &org))))
		goto done;
	if ((code = report(zdh_conflicts_of(idx, "org", id, &ctx.conflicts))))
		goto done;
	/* a live one of its name or one like it, added or renamed at another office at once */
	if (!json_is_true(json_object_get(org, "retired"))) {
		const char *name = json_string_value(json_object_get(org, "name"));
		json_t *same;
		if ((code = report(zdh_org_like_name(&same, NULL, idx, name, id))))
			goto done;
		if (json_array_size(same))
			json_object_set(org, "same_name", same);
		json_decref(same);
	}
	f.record = id;
	f.kind = "org";
	f.oldest_first = 1;
	ctx.idx = idx;
	if (a.json)
		ctx.history = json_array();
	else
		ctx.t = zdh_table_new(4);
	if ((code = report(zdh_index_events(idx, &f, show_event, &ctx))))
		goto done;
	if (a.json) {
		json_object_set(org, "conflicts", ctx.conflicts);
		json_object_set(org, "history", ctx.history);
		print_json(org, 0);
	} else {
		struct show_lines s = SHOW_LINES_INIT(14);

		zdh_pager_start();
		show_printf("%s  %s  %s%s\n", id,
		       zdh_word_label(ZDH_W_ORG_KIND, json_string_value(json_object_get(org, "kind"))),
		       json_string_value(json_object_get(org, "name")),
		       json_is_true(json_object_get(org, "retired")) ? _("  (retired)") : "");
		show_line(&s, _("district:"), json_string_value(json_object_get(org, "district")));
		show_line(&s, _("code:"), json_string_value(json_object_get(org, "code")));
		if (json_object_get(org, "same_name")) {
			struct zdh_buf ids = ZDH_BUF_INIT;
			json_t *v;
			size_t i;
			json_array_foreach(json_object_get(org, "same_name"), i, v)
				zdh_buf_addf(&ids, "%s%s", i ? list_sep() : "", json_string_value(v));
			show_line(&s, C_("an org's show, the other live orgs of its name", "same name:"),
				  ids.ptr);
			zdh_buf_release(&ids);
		}
		show_conflicts(&s, ctx.conflicts);
		show_lines_print(&s);
		printf("\n%s\n", _("history:"));
		zdh_table_print(ctx.t, stdout, 1);
	}
	code = finish_output(0);
done:
	free(id);
	if (org)
		json_decref(org);
	if (ctx.history)
		json_decref(ctx.history);
	if (ctx.conflicts)
		json_decref(ctx.conflicts);
	if (ctx.t)
		zdh_table_free(ctx.t);
	zdh_repo_free(repo);
	return code;
}

/*
 * What an edit must not do to the registry, checked when written: make
 * an org its own district, or change the kind of an org that open
 * records (or the areas of a district) still name in its old role: an
 * area turned dept left its open issues under an area no filter, report
 * or new issue could find.
 */
static int edit_fits(struct zdh_index *idx, const char *id)
{
	char *other = NULL;
	long long n = 0, k;
	int err = 0;

	if (a.district && *a.district && !zdh_org_resolve(&other, idx, a.district, "district", 0) &&
	    !strcmp(other, id))
		err = zdh_error_set(ZDH_EINVALID, _("%s cannot be its own district"), zdh_org_label(idx, id));
	free(other);
	other = NULL;
	if (err || !a.kind || !zdh_org_resolve(&other, idx, id, a.kind, 0)) {
		free(other);
		return err;	/* the kind stays: nothing names it otherwise */
	}
	if ((err = zdh_issue_open_naming(idx, id, &k)) == 0)
		n += k;
	if (!err && (err = zdh_project_open_naming(idx, id, &k)) == 0)
		n += k;
	if (!err && (err = zdh_menu_live_naming(idx, id, &k)) == 0)
		n += k;
	if (!err && (err = zdh_liaison_live_naming(idx, id, &k)) == 0)
		n += k;
	if (!err && (err = zdh_council_open_naming(idx, id, &k)) == 0)
		n += k;
	if (!err) {
		struct zdh_buf sql = ZDH_BUF_INIT;
		n += zdh_org_area_keys(idx, id, &sql);
		zdh_buf_release(&sql);
	}
	if (!err && n)
		err = zdh_error_set(ZDH_ESTATE,
				    ngettext("%s (%s) is still named by %lld open record or org; its kind cannot change",
					     "%s (%s) is still named by %lld open records or orgs; its kind cannot change",
					     (unsigned long)n),
				    zdh_org_label(idx, id), id, n);
	return err;
}

/* edit and retire: the org named on the command line, resolved under the lock */
static int do_edit(struct zdh_txn *txn, const struct zdh_time *date, void *name, char **out)
{
	char *id = NULL;
	int err = zdh_org_to_edit(&id, zdh_txn_index(txn), name, a.kind, a.name, a.district, a.code);

	(void)out;
	if (!err)
		err = edit_fits(zdh_txn_index(txn), id);
	if (!err)
		err = zdh_org_edit(txn, id, a.kind, a.name, a.district, a.code, a.message, date);
	free(id);
	return err;
}

static int org_edit(int argc, char **argv)
{
	(void)argc;
	if ((a.kind && zdh_org_check_kind(a.kind)) || (a.name && zdh_name_check(_("name"), a.name)))
		return report(zdh_error_code());
	return write_run(&a.w, do_edit, argv[0]);
}

/*
 * What a retired org leaves behind, told after the write: open issues,
 * projects not done, live menu entries and liaisons, active councils and
 * open council actions that still name it.
 */
enum { N_ISSUES, N_PROJECTS, N_MENU, N_LIAISONS, N_COUNCIL, N_NAMING };
static long long retired_naming[N_NAMING];
static char *retired_id;

static int do_retire(struct zdh_txn *txn, const struct zdh_time *date, void *name, char **out)
{
	struct zdh_index *idx = zdh_txn_index(txn);
	char *id = NULL;
	int err = zdh_org_resolve(&id, idx, name, NULL, 0);

	(void)out;
	if (!err)
		err = zdh_issue_open_naming(idx, id, &retired_naming[N_ISSUES]);
	if (!err)
		err = zdh_project_open_naming(idx, id, &retired_naming[N_PROJECTS]);
	if (!err)
		err = zdh_menu_live_naming(idx, id, &retired_naming[N_MENU]);
	if (!err)
		err = zdh_liaison_live_naming(idx, id, &retired_naming[N_LIAISONS]);
	if (!err)
		err = zdh_council_open_naming(idx, id, &retired_naming[N_COUNCIL]);
	if (!err)
		err = zdh_org_retire(txn, id, a.message, date);
	if (!err)
		retired_id = zdh_asprintf(C_("an org's name, then its id", "%s (%s)"),
					  zdh_org_label(idx, id), id);
	free(id);
	return err;
}

static void warn_naming(int what, long long n)
{
	const char *fmt = NULL;

	switch (what) {
	case N_ISSUES:
		fmt = ngettext("zdh: warning: %lld open issue still names %s\n",
			       "zdh: warning: %lld open issues still name %s\n", (unsigned long)n);
		break;
	case N_PROJECTS:
		fmt = ngettext("zdh: warning: %lld project not done still names %s\n",
			       "zdh: warning: %lld projects not done still name %s\n", (unsigned long)n);
		break;
	case N_MENU:
		fmt = ngettext("zdh: warning: %lld live menu offer or need still names %s\n",
			       "zdh: warning: %lld live menu offers and needs still name %s\n",
			       (unsigned long)n);
		break;
	case N_LIAISONS:
		fmt = ngettext("zdh: warning: %lld live liaison still names %s\n",
			       "zdh: warning: %lld live liaisons still name %s\n", (unsigned long)n);
		break;
	case N_COUNCIL:
		fmt = ngettext("zdh: warning: %lld active council or open council action still names %s\n",
			       "zdh: warning: %lld active councils and open council actions still name %s\n",
			       (unsigned long)n);
		break;
	}
	ZDH_ASSERT(fmt);
	fprintf(stderr, fmt, n, retired_id);
}

static int org_retire(int argc, char **argv)
{
	int code;

	(void)argc;
	code = write_run(&a.w, do_retire, argv[0]);
	for (int i = 0; i < N_NAMING; i++) {
		if (!code && retired_naming[i])
			warn_naming(i, retired_naming[i]);
		retired_naming[i] = 0;
	}
	free(retired_id);
	retired_id = NULL;
	return code;
}

static int org_import(int argc, char **argv)
{
	(void)argc;
	return run_import(argv[0], a.w.date, zdh_org_import, NN_("imported %lld org", "imported %lld orgs"));
}

int cmd_org(int argc, char **argv)
{
	static const struct verb verbs[] = {
		{ "add", org_add, add_opts, N_("a name") },
		{ "list", org_list, list_opts },
		{ "show", org_show, show_opts, N_("a name") },
		{ "edit", org_edit, edit_opts, N_("a name") },
		{ "retire", org_retire, retire_opts, N_("a name") },
		{ "import", org_import, import_opts, N_("a file") },
		{ NULL }
	};
	return dispatch("org", verbs, argc, argv);
}

/*
 * zdh org — the registry: add, list, show, edit, retire, import.
 */
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "index.h"
#include "org.h"
#include "output.h"
#include "store.h"

static const char usage[] =
	N_("usage: zdh org add --kind KIND NAME [--district D] [--code C] [--date DATE]\n"
	   "   or: zdh org list [--kind KIND] [--all] [--json | --format csv]\n"
	   "   or: zdh org show NAME|ID [--json]\n"
	   "   or: zdh org edit NAME|ID [--name NEW] [--kind KIND] [--district D] [--code C] [-m REASON] [--date DATE]\n"
	   "   or: zdh org retire NAME|ID [-m REASON] [--date DATE]\n"
	   "   or: zdh org import FILE.csv [--date DATE]\n");

enum { OPT_KIND = 256, OPT_DISTRICT, OPT_CODE, OPT_DATE, OPT_NAME, OPT_ALL, OPT_JSON, OPT_FORMAT };

static const struct option all_opts[] = {
	{ "kind", required_argument, NULL, OPT_KIND },
	{ "district", required_argument, NULL, OPT_DISTRICT },
	{ "code", required_argument, NULL, OPT_CODE },
	{ "date", required_argument, NULL, OPT_DATE },
	{ "name", required_argument, NULL, OPT_NAME },
	{ "all", no_argument, NULL, OPT_ALL },
	{ "json", no_argument, NULL, OPT_JSON },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "message", required_argument, NULL, 'm' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

struct args {
	const char *kind, *district, *code, *date, *name, *message, *format;
	int all, json;
	int argc;
	char **argv;
};

/*
 * Parse the options a verb accepts (allowed lists their codes); the rest
 * are usage errors.  Returns 0 or an exit code.
 */
static int parse(struct args *a, int argc, char **argv, const char *allowed, int nargs)
{
	int c;

	memset(a, 0, sizeof(*a));
	options_reset();
	while ((c = getopt_long(argc, argv, "hm:", all_opts, NULL)) != -1) {
		if (c == 'h')
			return usage_help_verb(usage, "org", argv[0]) ? ZDH_EXIT_FATAL : -1;
		if (c == '?' || !strchr(allowed, c < 256 ? c : 'A' + (c - 256))) {
			return usage_error(usage, _("unknown option '%s' for 'zdh org %s'"),
					   argv[optind - 1], argv[0]);
		}
		switch (c) {
		case OPT_KIND: a->kind = optarg; break;
		case OPT_DISTRICT: a->district = optarg; break;
		case OPT_CODE: a->code = optarg; break;
		case OPT_DATE: a->date = optarg; break;
		case OPT_NAME: a->name = optarg; break;
		case OPT_ALL: a->all = 1; break;
		case OPT_JSON: a->json = 1; break;
		case OPT_FORMAT: a->format = optarg; break;
		case 'm': a->message = optarg; break;
		}
	}
	a->argc = argc - optind;
	a->argv = argv + optind;
	if (a->argc < nargs)
		return usage_error(usage, _("'zdh org %s' needs a name"), argv[0]);
	if (a->argc > nargs)
		return usage_error(usage, _("'zdh org %s': too many arguments"), argv[0]);
	if (a->format && strcmp(a->format, "csv") && strcmp(a->format, "table"))
		return usage_error(usage, _("unknown format '%s' (table or csv)"), a->format);
	if (a->json && a->format)
		return usage_error(usage, _("--json and --format cannot be used together"));
	if (check_text("--kind", a->kind) || check_text("--district", a->district) ||
	    check_text("--code", a->code) || check_text("--name", a->name) ||
	    check_text("-m", a->message))
		return ZDH_EXIT_REFUSED;
	return 0;
}

/* Letters for allowed options: A kind, B district, C code, D date, E name, F all, G json, H format. */
#define O_KIND "A"
#define O_DISTRICT "B"
#define O_CODE "C"
#define O_DATE "D"
#define O_NAME "E"
#define O_ALL "F"
#define O_JSON "G"
#define O_FORMAT "H"

static int write_begin(struct zdh_repo **repo, struct zdh_txn **txn, struct zdh_time *date,
		       const char *date_text)
{
	int code;

	if ((code = open_repo(repo)))
		return code;
	if ((code = parse_date(date, date_text, *repo)))
		return code;
	return report(zdh_txn_begin(txn, *repo));
}

static int org_add(int argc, char **argv)
{
	struct zdh_repo *repo = NULL;
	struct zdh_txn *txn = NULL;
	struct zdh_time date;
	struct args a;
	char *id = NULL;
	int code, err;

	if ((code = parse(&a, argc, argv, O_KIND O_DISTRICT O_CODE O_DATE, 1)))
		return code < 0 ? 0 : code;
	if (!a.kind)
		return usage_error(usage, _("'zdh org add' needs --kind"));
	if (zdh_org_check_kind(a.kind) || zdh_name_check(_("name"), a.argv[0]))
		return report(zdh_error_code());
	if ((code = write_begin(&repo, &txn, &date, a.date)))
		goto done;
	err = zdh_org_add(txn, a.kind, a.argv[0], a.district, a.code, &date, &id);
	if (!err)
		err = zdh_txn_commit(txn);
	if ((code = report(err)))
		goto done;
	printf("%s\n", id);
	code = finish_output(0);
done:
	free(id);
	zdh_txn_free(txn);
	zdh_repo_free(repo);
	return code;
}

static int read_begin(struct zdh_repo **repo, struct zdh_index **idx)
{
	int code;

	if ((code = open_repo(repo)))
		return code;
	return report(zdh_repo_index(idx, *repo));
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

struct list_ctx {
	struct zdh_table *t;
	json_t *json;
	int all;
};

static int list_one(const struct zdh_org *o, void *payload)
{
	struct list_ctx *ctx = payload;

	if (ctx->json) {
		json_array_append_new(ctx->json, org_json(o));
	} else {
		const char *cells[6] = { o->id, o->kind, o->name, o->district, o->code,
					 o->retired ? _("retired") : _("live") };
		zdh_table_row(ctx->t, cells);
	}
	return 0;
}

static int org_list(int argc, char **argv)
{
	struct zdh_repo *repo = NULL;
	struct zdh_index *idx;
	struct list_ctx ctx = { NULL, NULL, 0 };
	struct args a;
	int code, err;

	if ((code = parse(&a, argc, argv, O_KIND O_ALL O_JSON O_FORMAT, 0)))
		return code < 0 ? 0 : code;
	if (a.kind && zdh_org_check_kind(a.kind))
		return report(zdh_error_code());
	if ((code = read_begin(&repo, &idx)))
		goto done;
	ctx.all = a.all;
	if (a.json)
		ctx.json = json_array();
	else {
		const char *head[6] = { "ID", _("KIND"), _("NAME"), _("DISTRICT"), _("CODE"), _("STATUS") };
		ctx.t = zdh_table_new(a.all ? 6 : 5);
		zdh_table_header(ctx.t, head);
	}
	err = zdh_org_foreach(idx, a.kind, a.all, list_one, &ctx);
	if ((code = report(err)))
		goto done;
	print_rows(ctx.json, ctx.t, a.format && !strcmp(a.format, "csv"), 0, 0);
	code = finish_output(0);
done:
	if (ctx.t)
		zdh_table_free(ctx.t);
	if (ctx.json)
		json_decref(ctx.json);
	zdh_repo_free(repo);
	return code;
}

static int keep_org(const struct zdh_org *o, void *payload)
{
	*(json_t **)payload = org_json(o);
	return 0;
}

static void when(struct zdh_buf *b, long long t, int off)
{
	struct zdh_time tm = { t, off };
	zdh_date_short(b, &tm);
}

/* "name=新桥 district=一片区" from data.set, then the reason. */
/* An event's data (canonical JSON) in a few words. */
static void describe(struct zdh_buf *b, const char *data_json)
{
	json_t *data = json_loads(data_json, 0, NULL), *set, *v;
	const char *k;

	if (!data)
		return;
	set = json_object_get(data, "set");
	json_object_foreach(set, k, v) {
		if (b->len)
			zdh_buf_addch(b, ' ');
		zdh_buf_addf(b, "%s=%s", k, json_is_string(v) ? json_string_value(v) : "?");
	}
	if ((v = json_object_get(data, "reason"))) {
		if (b->len)
			zdh_buf_puts(b, "  ");
		zdh_buf_addf(b, "%s %s", _("reason:"), json_string_value(v));
	}
	json_decref(data);
}

struct show_ctx {
	struct zdh_table *t;
	json_t *history;
};

static int show_event(const struct zdh_event_row *r, void *payload)
{
	struct show_ctx *ctx = payload;
	struct zdh_buf happened = ZDH_BUF_INIT, recorded = ZDH_BUF_INIT, who = ZDH_BUF_INIT,
		what = ZDH_BUF_INIT;

	when(&happened, r->happened, r->happened_off);
	if (llabs(r->recorded - r->happened) >= 60)
		when(&recorded, r->recorded, r->recorded_off);
	zdh_buf_puts(&who, r->actor_name);
	if (r->actor_dept)
		zdh_buf_addf(&who, " (%s)", r->actor_dept);
	describe(&what, r->data);
	if (!r->effect)
		zdh_buf_addf(&what, "%s[%s: %s]", what.len ? "  " : "", _("no effect"),
			     r->note ? r->note : "");
	if (ctx->history) {
		json_t *ev = zdh_event_row_object(r);
		json_t *h = json_object();
		struct zdh_time rt = { r->recorded, r->recorded_off };
		struct zdh_buf rb = ZDH_BUF_INIT;

		zdh_date_rfc3339(&rb, &rt);
		json_object_set_new(h, "id", json_string(r->id));
		json_object_set_new(h, "op", json_string(r->op));
		json_object_set(h, "date", json_object_get(ev, "date"));
		json_object_set_new(h, "recorded", json_string(rb.ptr));
		json_object_set(h, "actor", json_object_get(ev, "actor"));
		json_object_set(h, "data", json_object_get(ev, "data"));
		json_object_set_new(h, "effect", json_boolean(r->effect));
		if (r->note)
			json_object_set_new(h, "note", json_string(r->note));
		json_array_append_new(ctx->history, h);
		json_decref(ev);
		zdh_buf_release(&rb);
	} else {
		const char *cells[5] = { happened.ptr, who.ptr, r->op, what.ptr,
					 recorded.len ? recorded.ptr : NULL };
		struct zdh_buf rec = ZDH_BUF_INIT;
		if (recorded.len) {
			zdh_buf_addf(&rec, "(%s %s)", _("recorded"), recorded.ptr);
			cells[4] = rec.ptr;
		}
		zdh_table_row(ctx->t, cells);
		zdh_buf_release(&rec);
	}
	zdh_buf_release(&happened);
	zdh_buf_release(&recorded);
	zdh_buf_release(&who);
	zdh_buf_release(&what);
	return 0;
}

static int org_show(int argc, char **argv)
{
	struct zdh_repo *repo = NULL;
	struct zdh_index *idx;
	struct zdh_log_filter f = ZDH_LOG_FILTER_INIT;
	struct show_ctx ctx = { NULL, NULL };
	json_t *org = NULL;
	struct args a;
	char *id = NULL;
	int code;

	if ((code = parse(&a, argc, argv, O_JSON, 1)))
		return code < 0 ? 0 : code;
	if ((code = read_begin(&repo, &idx)))
		goto done;
	if ((code = report(zdh_org_resolve(&id, idx, a.argv[0], NULL, 1))))
		goto done;
	if ((code = report(zdh_org_get(idx, id, keep_org, &org))))
		goto done;
	f.record = id;
	f.kind = "org";
	f.oldest_first = 1;
	if (a.json)
		ctx.history = json_array();
	else
		ctx.t = zdh_table_new(5);
	if ((code = report(zdh_index_events(idx, &f, show_event, &ctx))))
		goto done;
	if (a.json) {
		json_object_set(org, "history", ctx.history);
		json_dumpf(org, stdout, JSON_INDENT(2));
		putchar('\n');
	} else {
		const char *v;
		zdh_pager_start();
		printf("%s  %s  %s%s\n", id, json_string_value(json_object_get(org, "kind")),
		       json_string_value(json_object_get(org, "name")),
		       json_is_true(json_object_get(org, "retired")) ? _("  (retired)") : "");
		if ((v = json_string_value(json_object_get(org, "district"))))
			printf("%s %s\n", _("district:"), v);
		if ((v = json_string_value(json_object_get(org, "code"))))
			printf("%s %s\n", _("code:"), v);
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
	if (ctx.t)
		zdh_table_free(ctx.t);
	zdh_repo_free(repo);
	return code;
}

static int org_edit(int argc, char **argv)
{
	struct zdh_repo *repo = NULL;
	struct zdh_txn *txn = NULL;
	struct zdh_time date;
	struct args a;
	char *id = NULL;
	int code, err;

	if ((code = parse(&a, argc, argv, O_KIND O_DISTRICT O_CODE O_DATE O_NAME "m", 1)))
		return code < 0 ? 0 : code;
	if (!a.kind && !a.name && !a.district && !a.code)
		return report(zdh_error_set(ZDH_EINVALID, _("nothing to change (see 'zdh org -h')")));
	if ((a.kind && zdh_org_check_kind(a.kind)) || (a.name && zdh_name_check(_("name"), a.name)))
		return report(zdh_error_code());
	if ((code = write_begin(&repo, &txn, &date, a.date)))
		goto done;
	err = zdh_org_resolve(&id, zdh_txn_index(txn), a.argv[0], NULL, 0);
	if (!err)
		err = zdh_org_edit(txn, id, a.kind, a.name, a.district, a.code, a.message, &date);
	if (!err)
		err = zdh_txn_commit(txn);
	code = report(err);
done:
	free(id);
	zdh_txn_free(txn);
	zdh_repo_free(repo);
	return code;
}

static int org_retire(int argc, char **argv)
{
	struct zdh_repo *repo = NULL;
	struct zdh_txn *txn = NULL;
	struct zdh_time date;
	struct args a;
	char *id = NULL;
	int code, err;

	if ((code = parse(&a, argc, argv, O_DATE "m", 1)))
		return code < 0 ? 0 : code;
	if ((code = write_begin(&repo, &txn, &date, a.date)))
		goto done;
	err = zdh_org_resolve(&id, zdh_txn_index(txn), a.argv[0], NULL, 0);
	if (!err)
		err = zdh_org_retire(txn, id, a.message, &date);
	if (!err)
		err = zdh_txn_commit(txn);
	code = report(err);
done:
	free(id);
	zdh_txn_free(txn);
	zdh_repo_free(repo);
	return code;
}

static void report_row(long line, const char *msg, void *payload)
{
	fprintf(stderr, "zdh: %s:%ld: %s\n", (const char *)payload, line, msg);
}

static int org_import(int argc, char **argv)
{
	struct zdh_repo *repo = NULL;
	FILE *in = NULL;
	struct zdh_time date;
	struct args a;
	long long count = 0;
	int code, err;

	if ((code = parse(&a, argc, argv, O_DATE, 1)))
		return code < 0 ? 0 : code;
	if ((code = open_repo(&repo)))
		return code;
	if ((code = parse_date(&date, a.date, repo)))
		goto done;
	in = strcmp(a.argv[0], "-") ? fopen(a.argv[0], "rb") : stdin;
	if (!in) {
		code = report(zdh_error_errno(ZDH_EINVALID, _("cannot read '%s'"), a.argv[0]));
		goto done;
	}
	err = zdh_org_import(repo, in, &date, &count, report_row, a.argv[0]);
	if ((code = report(err)))
		goto done;
	printf(_("imported %lld orgs\n"), count);
	code = finish_output(0);
done:
	if (in && in != stdin)
		fclose(in);
	zdh_repo_free(repo);
	return code;
}

int cmd_org(int argc, char **argv)
{
	static const struct verb verbs[] = {
		{ "add", org_add },
		{ "list", org_list },
		{ "show", org_show },
		{ "edit", org_edit },
		{ "retire", org_retire },
		{ "import", org_import },
		{ NULL, NULL }
	};
	return run_verb("org", verbs, usage, argc, argv);
}

/*
 * zdh inbox — what waits for a department: issues it claimed (or that
 * came back to it) and issues that mention it, not yet resolved; due
 * dates first.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common.h"
#include "index.h"
#include "issue.h"
#include "output.h"
#include "store.h"

static const char usage[] = N_("usage: zdh inbox --dept D [--json]\n");

struct inbox_ctx {
	struct zdh_table *t;
	json_t *json;
};

static int inbox_one(const struct zdh_issue_row *r, void *payload)
{
	struct inbox_ctx *ctx = payload;

	if (ctx->json) {
		json_t *j = json_loads(r->state, 0, NULL);
		if (!j)
			j = json_object();
		json_object_set_new(j, "id", json_string(r->id));
		json_array_append_new(ctx->json, j);
	} else {
		const char *cells[6] = { r->id, r->status, r->area, r->dept, r->due, r->title };
		zdh_table_row(ctx->t, cells);
	}
	return 0;
}

int cmd_inbox(int argc, char **argv)
{
	enum { O_DEPT = 256, O_JSON };
	static const struct option opts[] = {
		{ "dept", required_argument, NULL, O_DEPT },
		{ "json", no_argument, NULL, O_JSON },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct inbox_ctx ctx = { NULL, NULL };
	struct zdh_repo *repo = NULL;
	struct zdh_index *idx;
	const char *dept = NULL;
	char *name = NULL;
	int c, code, json = 0;

	options_reset();
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case O_DEPT: dept = optarg; break;
		case O_JSON: json = 1; break;
		case 'h': return usage_help(usage);
		default: return usage_error(usage, _("unknown option '%s'"), argv[optind - 1]);
		}
	}
	if (optind < argc)
		return usage_error(usage, _("too many arguments"));
	if (!dept || !*dept)
		return usage_error(usage, _("'zdh inbox' needs --dept"));
	if ((code = check_text("--dept", dept)))
		return code;
	if ((code = open_repo(&repo)))
		return code;
	if ((code = report(zdh_repo_index(&idx, repo))))
		goto done;
	if ((code = report(zdh_issue_org_name(&name, idx, dept, "dept"))))
		goto done;
	if (json) {
		ctx.json = json_array();
	} else {
		const char *head[6] = { "ID", _("STATUS"), _("AREA"), _("DEPT"), _("DUE"), _("TITLE") };
		ctx.t = zdh_table_new(6);
		zdh_table_header(ctx.t, head);
		if (isatty(1))
			zdh_table_maxwidth(ctx.t, 5, 60);
	}
	if ((code = report(zdh_issue_inbox(idx, name, inbox_one, &ctx))))
		goto done;
	print_rows(ctx.json, ctx.t, 0, 1, 0);
	code = finish_output(0);
done:
	free(name);
	if (ctx.t)
		zdh_table_free(ctx.t);
	if (ctx.json)
		json_decref(ctx.json);
	zdh_repo_free(repo);
	return code;
}

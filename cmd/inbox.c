/*
 * zdh inbox — what waits for a department: issues it claimed (or that
 * came back to it) and issues that mention it, not yet resolved; due
 * dates first.
 */
#include <stdlib.h>

#include "common.h"
#include "index.h"
#include "issue.h"
#include "store.h"

static const char usage[] = N_("usage: zdh inbox --dept D [--json]\n");

int cmd_inbox(int argc, char **argv)
{
	enum { O_DEPT = 256, O_JSON };
	static const struct option opts[] = {
		{ "dept", required_argument, NULL, O_DEPT },
		{ "json", no_argument, NULL, O_JSON },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct issue_rows rows = { NULL, NULL, 0 };
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
	issue_rows_start(&rows, json, 0);
	if ((code = report(zdh_issue_inbox(idx, name, issue_rows_add, &rows))))
		goto done;
	issue_rows_print(&rows);
	code = finish_output(0);
done:
	free(name);
	issue_rows_free(&rows);
	zdh_repo_free(repo);
	return code;
}

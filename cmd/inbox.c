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

static const char *dept;
static int json;

static const struct opt inbox_opts[] = {
	OPT_STRING_F(0, "dept", &dept, "D", N_("the department"), OPT_REQUIRED | OPT_NONEMPTY),
	OPT_JSON(&json),
	OPT_END()
};

static int inbox(int argc, char **argv)
{
	struct issue_rows rows = { NULL, NULL, 0 };
	struct zdh_repo *repo = NULL;
	struct zdh_index *idx;
	char *name = NULL;
	int code;

	(void)argc, (void)argv;
	if ((code = open_index(&repo, &idx)))
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

int cmd_inbox(int argc, char **argv)
{
	static const struct verb table[] = {
		{ "inbox", inbox, inbox_opts },
		{ NULL }
	};
	return run_command(table, argc, argv);
}

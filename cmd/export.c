/*
 * zdh export — the whole current state as JSON (a documented, stable shape).
 */
#include <string.h>

#include "audit.h"
#include "common.h"
#include "store.h"

static int export(int argc, char **argv)
{
	struct zdh_repo *repo = NULL;
	struct zdh_index *idx;
	int code;

	(void)argc, (void)argv;
	if ((code = open_repo(&repo)))
		return code;
	if (!(code = report(zdh_repo_index(&idx, repo))))
		code = report(zdh_export(idx, stdout));
	zdh_repo_free(repo);
	return finish_output(code);
}

int cmd_export(int argc, char **argv)
{
	return run_single_command("export", export, NULL, argc, argv);
}

/*
 * zdh export — the whole current state as JSON (a documented, stable shape).
 */
#include <string.h>

#include "audit.h"
#include "common.h"
#include "store.h"

static const char usage[] = N_("usage: zdh export\n");

int cmd_export(int argc, char **argv)
{
	struct zdh_repo *repo = NULL;
	struct zdh_index *idx;
	int code;

	if (argc > 1 && (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")))
		return usage_help(usage);
	if (argc > 1)
		return usage_error(usage, argv[1][0] == '-' ? _("unknown option '%s'") :
				   _("unexpected argument '%s'"), argv[1]);
	if ((code = open_repo(&repo)))
		return code;
	if (!(code = report(zdh_repo_index(&idx, repo))))
		code = report(zdh_export(idx, stdout));
	zdh_repo_free(repo);
	return finish_output(code);
}

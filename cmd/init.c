/*
 * zdh init — create a repository.
 */
#include <stdlib.h>
#include <string.h>

#include "common.h"

static struct zdh_init_options o = ZDH_INIT_OPTIONS_INIT;
static int quiet;

static const struct opt init_opts[] = {
	OPT_STRING(0, "replica", &o.replica, "NAME", N_("this replica's name (default: from DIR)")),
	OPT_STRING(0, "prefix", &o.prefix, "CODE", N_("the prefix of its record ids (XQ gives XQ-O3)")),
	OPT_STRING(0, "timezone", &o.timezone, "TZ", N_("its time zone, an IANA name (Asia/Shanghai)")),
	OPT_STRING(0, "shared", &o.shared, "PERM", N_("written by a group of accounts: group, all or a mode (0660)")),
	OPT_FLAG('q', "quiet", &quiet, N_("print nothing but errors")),
	OPT_ARGS("[DIR]"),
	OPT_END()
};

static int init(int argc, char **argv)
{
	struct zdh_repo *repo = NULL;
	char *line;
	int err;

	err = zdh_repo_init(&repo, argc ? argv[0] : ".", &o);
	if (err)
		return report(err);
	line = zdh_asprintf(_("initialized empty zdh repository in %s (replica %s, prefix %s)\n"),
			    repo->gitdir, repo->replica, repo->prefix);
	if (!quiet)
		fputs(line, stdout);
	zdh_repo_free(repo);
	/* made: a closed or full output exits 3 (zdh(1)), as every write's */
	err = finish_written(line);
	free(line);
	return err;
}

int cmd_init(int argc, char **argv)
{
	return run_single_command("init", init, init_opts, argc, argv);
}

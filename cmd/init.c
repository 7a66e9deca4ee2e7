/*
 * zdh init — create a repository.
 */
#include <stdlib.h>
#include <string.h>

#include "common.h"

static const char usage[] =
	N_("usage: zdh init [--replica NAME] [--prefix CODE] [--timezone TZ] [DIR]\n");

int cmd_init(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "replica", required_argument, NULL, 'r' },
		{ "prefix", required_argument, NULL, 'p' },
		{ "timezone", required_argument, NULL, 't' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct zdh_init_options o = ZDH_INIT_OPTIONS_INIT;
	struct zdh_repo *repo = NULL;
	int c, err;

	options_reset();
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'r': o.replica = optarg; break;
		case 'p': o.prefix = optarg; break;
		case 't': o.timezone = optarg; break;
		case 'h': return usage_help(usage);
		default: return usage_error(usage, _("unknown option '%s'"), argv[optind - 1]);
		}
	}
	if (argc - optind > 1)
		return usage_error(usage, _("too many arguments"));
	err = zdh_repo_init(&repo, optind < argc ? argv[optind] : ".", &o);
	if (err)
		return report(err);
	printf(_("initialized empty zdh repository in %s (replica %s, prefix %s)\n"),
	       repo->gitdir, repo->replica, repo->prefix);
	zdh_repo_free(repo);
	return finish_output(0);
}

/*
 * zdh replica — this repository as one writer among the offices: show
 * its name and prefix, confirm a copy as the only one left, recover the
 * events of a diverged log under a new replica (core/replica.c).
 */
#include <string.h>

#include "common.h"
#include "replica.h"

static const char usage[] =
	N_("usage: zdh replica show\n"
	   "   or: zdh replica confirm\n"
	   "   or: zdh replica recover --as NAME --prefix CODE [--from REF]\n");

/* Only -h: no arguments. */
static int no_args(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	int c;

	options_reset();
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		if (c == 'h')
			return usage_help_verb(usage, "replica", argv[0]) ? ZDH_EXIT_FATAL : -1;
		return usage_error(usage, _("unknown option '%s' for 'zdh replica %s'"),
				   argv[optind - 1], argv[0]);
	}
	if (argc > optind)
		return usage_error(usage, _("'zdh replica %s': too many arguments"), argv[0]);
	return 0;
}

static int replica_show(int argc, char **argv)
{
	struct zdh_repo *repo = NULL;
	int code;

	if ((code = no_args(argc, argv)))
		return code < 0 ? 0 : code;
	if ((code = open_repo(&repo)))
		return code;
	printf(_("replica %s, prefix %s\n"), repo->replica, repo->prefix);
	if (zdh_repo_check_instance(repo)) {
		fprintf(stderr, "zdh: %s\n", zdh_error_msg());
		code = ZDH_EXIT_REFUSED;
	}
	zdh_repo_free(repo);
	return finish_output(code);
}

static int replica_confirm(int argc, char **argv)
{
	struct zdh_repo *repo = NULL;
	int code;

	if ((code = no_args(argc, argv)))
		return code < 0 ? 0 : code;
	if ((code = open_repo(&repo)))
		return code;
	code = report(zdh_replica_confirm(repo));
	if (!code)
		printf(_("this copy now writes as replica %s\n"), repo->replica);
	zdh_repo_free(repo);
	return finish_output(code);
}

static int print_renumbered(const char *from, const char *to, void *payload)
{
	(void)payload;
	printf("%s -> %s\n", from, to);
	return 0;
}

static int replica_recover(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "as", required_argument, NULL, 'a' },
		{ "prefix", required_argument, NULL, 'p' },
		{ "from", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct zdh_recover_options o = ZDH_RECOVER_OPTIONS_INIT;
	struct zdh_recover_stats st;
	struct zdh_repo *repo = NULL;
	char *old;
	int c, code;

	options_reset();
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case 'a': o.replica = optarg; break;
		case 'p': o.prefix = optarg; break;
		case 'f': o.from = optarg; break;
		case 'h':
			return usage_help_verb(usage, "replica", "recover") ? ZDH_EXIT_FATAL : 0;
		default:
			return usage_error(usage, _("unknown option '%s' for 'zdh replica recover'"),
					   argv[optind - 1]);
		}
	}
	if (argc > optind)
		return usage_error(usage, _("'zdh replica recover': too many arguments"));
	if (!o.replica || !o.prefix)
		return usage_error(usage, _("'zdh replica recover' needs --as NAME and --prefix CODE"));
	if ((code = open_repo(&repo)))
		return code;
	old = zdh_strdup(repo->replica);
	code = report(zdh_replica_recover(repo, &o, print_renumbered, NULL, &st));
	if (!code) {
		if (st.saved)
			fprintf(stderr, _("replica %s is now %s (prefix %s): %zu events written again, %zu records renumbered; the old log is kept as %s. Push to send them.\n"),
				old, o.replica, o.prefix, st.events, st.renumbered, st.saved);
		else
			fprintf(stderr, _("replica %s is now %s (prefix %s): no diverged log was kept aside, so no event was written again\n"),
				old, o.replica, o.prefix);
	}
	free(st.saved);
	free(old);
	zdh_repo_free(repo);
	return finish_output(code);
}

int cmd_replica(int argc, char **argv)
{
	static const struct verb verbs[] = {
		{ "show", replica_show },
		{ "confirm", replica_confirm },
		{ "recover", replica_recover },
		{ NULL, NULL }
	};
	return run_verb("replica", verbs, usage, argc, argv);
}

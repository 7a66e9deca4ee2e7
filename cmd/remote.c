/*
 * zdh remote — the repositories this one exchanges logs with: add,
 * remove, rename, list.  Kept in .zdh/config as git keeps remotes.
 */
#include <string.h>

#include "common.h"
#include "sync.h"

static const char usage[] =
	N_("usage: zdh remote add NAME URL\n"
	   "   or: zdh remote remove NAME\n"
	   "   or: zdh remote rename OLD NEW\n"
	   "   or: zdh remote list [-v]\n");

/* Options of a verb: only -h (and -v for list); nargs arguments exactly. */
static int parse(int argc, char **argv, int nargs, int *verbose)
{
	static const struct option opts[] = {
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	int c;

	options_reset();
	while ((c = getopt_long(argc, argv, verbose ? "hv" : "h", opts, NULL)) != -1) {
		if (c == 'h')
			return usage_help_verb(usage, "remote", argv[0]) ? ZDH_EXIT_FATAL : -1;
		if (c == 'v' && verbose) {
			*verbose = 1;
			continue;
		}
		return usage_error(usage, _("unknown option '%s' for 'zdh remote %s'"),
				   argv[optind - 1], argv[0]);
	}
	if (argc - optind < nargs)
		return usage_error(usage, _("'zdh remote %s' needs %s"), argv[0],
				   nargs == 2 ? _("two arguments") : _("a name"));
	if (argc - optind > nargs)
		return usage_error(usage, _("'zdh remote %s': too many arguments"), argv[0]);
	return 0;
}

static int run(int argc, char **argv, int nargs,
	       int (*fn)(struct zdh_repo *repo, const char *a, const char *b))
{
	struct zdh_repo *repo = NULL;
	int code;

	if ((code = parse(argc, argv, nargs, NULL)))
		return code < 0 ? 0 : code;
	if ((code = open_repo(&repo)))
		return code;
	if (check_text(_("the URL"), argv[optind + nargs - 1]))
		code = ZDH_EXIT_REFUSED;
	else
		code = report(fn(repo, argv[optind], nargs > 1 ? argv[optind + 1] : NULL));
	zdh_repo_free(repo);
	return finish_output(code);
}

static int do_remove(struct zdh_repo *repo, const char *name, const char *unused)
{
	(void)unused;
	return zdh_remote_remove(repo, name);
}

static int remote_add(int argc, char **argv)
{
	return run(argc, argv, 2, zdh_remote_add);
}

static int remote_remove(int argc, char **argv)
{
	return run(argc, argv, 1, do_remove);
}

static int remote_rename(int argc, char **argv)
{
	return run(argc, argv, 2, zdh_remote_rename);
}

static int print_remote(const char *name, const char *url, void *payload)
{
	if (*(int *)payload)
		printf("%s\t%s\n", name, url);
	else
		printf("%s\n", name);
	return 0;
}

static int remote_list(int argc, char **argv)
{
	struct zdh_repo *repo = NULL;
	int code, verbose = 0;

	if ((code = parse(argc, argv, 0, &verbose)))
		return code < 0 ? 0 : code;
	if ((code = open_repo(&repo)))
		return code;
	code = report(zdh_remote_foreach(repo, print_remote, &verbose));
	zdh_repo_free(repo);
	return finish_output(code);
}

int cmd_remote(int argc, char **argv)
{
	static const struct old_verb verbs[] = {
		{ "add", remote_add },
		{ "remove", remote_remove },
		{ "rename", remote_rename },
		{ "list", remote_list },
		{ NULL, NULL }
	};

	return run_old_verb("remote", verbs, usage, argc, argv);
}

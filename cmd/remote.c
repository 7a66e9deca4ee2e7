/*
 * zdh remote — the repositories this one exchanges logs with: add,
 * remove, rename, list.  Kept in .zdh/config as git keeps remotes.
 */
#include <string.h>

#include "common.h"
#include "sync.h"

static int verbose;

static const struct opt add_opts[] = { OPT_ARGS("NAME URL"), OPT_END() };
static const struct opt remove_opts[] = { OPT_ARGS("NAME"), OPT_END() };
static const struct opt rename_opts[] = { OPT_ARGS("OLD NEW"), OPT_END() };
static const struct opt list_opts[] = {
	OPT_FLAG_F('v', "verbose", &verbose, N_("show each remote's URL"), OPT_SHORT),
	OPT_END()
};

static int run(int argc, char **argv,
	       int (*fn)(struct zdh_repo *repo, const char *a, const char *b))
{
	struct zdh_repo *repo = NULL;
	int code;

	if ((code = open_repo(&repo)))
		return code;
	code = report(fn(repo, argv[0], argc > 1 ? argv[1] : NULL));
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
	return run(argc, argv, zdh_remote_add);
}

static int remote_remove(int argc, char **argv)
{
	return run(argc, argv, do_remove);
}

static int remote_rename(int argc, char **argv)
{
	return run(argc, argv, zdh_remote_rename);
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
	int code;

	(void)argc, (void)argv;
	if ((code = open_repo(&repo)))
		return code;
	code = report(zdh_remote_foreach(repo, print_remote, &verbose));
	zdh_repo_free(repo);
	return finish_output(code);
}

int cmd_remote(int argc, char **argv)
{
	static const struct verb verbs[] = {
		{ "add", remote_add, add_opts, N_("a name and a URL") },
		{ "remove", remote_remove, remove_opts, N_("a name") },
		{ "rename", remote_rename, rename_opts, N_("two names") },
		{ "list", remote_list, list_opts },
		{ NULL }
	};

	return dispatch("remote", verbs, argc, argv);
}

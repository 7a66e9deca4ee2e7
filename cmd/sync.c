/*
 * zdh pull, push, sync, clone — exchange logs with other replicas
 * (zdh-sync(1), zdh-clone(1)).
 *
 * Output: errors and refused logs always go to stderr, one line each.
 * Progress (objects, bytes) goes to stderr only when it is a terminal.
 * The one-line summary ("pulled N new events from hub") goes to stdout
 * when stdout is a terminal or with --verbose; so from cron, pull, push
 * and sync print nothing but errors.  --quiet silences both.  clone, run
 * by a person once, prints its summary unless --quiet.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common.h"
#include "sync.h"

static const char usage[] =
	N_("usage: zdh pull [REMOTE] [--quiet | --verbose]\n"
	   "   or: zdh push [REMOTE] [--quiet | --verbose]\n"
	   "   or: zdh sync [--quiet | --verbose]\n"
	   "   or: zdh clone URL [DIR] --replica NAME [--prefix CODE] [--timezone TZ] [--quiet | --verbose]\n");

struct args {
	int quiet, verbose;
	const char *replica, *prefix, *timezone;
	int argc;
	char **argv;
};

/* Print the line of usage for argv[0] ("zdh pull ...") only, or all for sync. */
static int help(const char *cmd)
{
	const char *text = _(usage), *line = text;
	char *want = zdh_asprintf("zdh %s ", cmd);

	if (!strcmp(cmd, "sync")) {
		free(want);
		return usage_help(usage);
	}
	while (*line) {
		const char *eol = strchr(line, '\n');
		const char *p = strstr(line, "zdh ");
		size_t len = eol ? (size_t)(eol - line) : strlen(line);
		if (p && p < line + len && !strncmp(p, want, strlen(want)))
			printf("usage: %.*s\n", (int)(line + len - p), p);
		line += len + (eol ? 1 : 0);
	}
	free(want);
	return finish_output(0);
}

/* 0, -1 after -h, or an exit code. */
static int parse(struct args *a, int argc, char **argv, int min, int max, int clone)
{
	static const struct option opts[] = {
		{ "quiet", no_argument, NULL, 'q' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "replica", required_argument, NULL, 'r' },
		{ "prefix", required_argument, NULL, 'p' },
		{ "timezone", required_argument, NULL, 't' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	int c;

	memset(a, 0, sizeof(*a));
	options_reset();
	while ((c = getopt_long(argc, argv, "hqv", opts, NULL)) != -1) {
		switch (c) {
		case 'h': return help(argv[0]) ? ZDH_EXIT_FATAL : -1;
		case 'q': a->quiet = 1; break;
		case 'v': a->verbose = 1; break;
		case 'r': if (clone) { a->replica = optarg; break; } /* fall through */
		case 'p': if (clone) { a->prefix = optarg; break; } /* fall through */
		case 't': if (clone) { a->timezone = optarg; break; } /* fall through */
		default:
			return usage_error(usage, _("unknown option '%s' for 'zdh %s'"),
					   argv[optind - 1], argv[0]);
		}
	}
	a->argc = argc - optind;
	a->argv = argv + optind;
	if (a->quiet && a->verbose)
		return usage_error(usage, _("--quiet and --verbose cannot be used together"));
	if (a->argc < min)
		return usage_error(usage, _("'zdh %s' needs a URL"), argv[0]);
	if (a->argc > max)
		return usage_error(usage, _("'zdh %s': too many arguments"), argv[0]);
	return 0;
}

static void print_problem(const char *message, void *payload)
{
	(void)payload;
	fprintf(stderr, "zdh: %s\n", message);
}

static void options_of(struct zdh_sync_options *o, const struct args *a)
{
	memset(o, 0, sizeof(*o));
	o->progress = !a->quiet && isatty(2);
	o->problem = print_problem;
}

static int summary_wanted(const struct args *a)
{
	return !a->quiet && (a->verbose || isatty(1));
}

/* Pull one remote: 0, 1 when logs were refused, or an exit code. */
static int pull_one(struct zdh_repo *repo, const char *remote, const struct args *a)
{
	struct zdh_sync_options o;
	struct zdh_pull_stats st;
	int code;

	options_of(&o, a);
	if ((code = report(zdh_pull(repo, remote, &o, &st))))
		return code;
	if (summary_wanted(a))
		printf(_("pulled %lld new events from %s\n"), st.events, remote);
	return st.refused ? ZDH_EXIT_REFUSED : 0;
}

static int push_one(struct zdh_repo *repo, const char *remote, const struct args *a)
{
	struct zdh_sync_options o;
	struct zdh_push_stats st;
	int code;

	options_of(&o, a);
	if ((code = report(zdh_push(repo, remote, &o, &st))))
		return code;
	if (summary_wanted(a)) {
		if (st.logs_sent)
			printf(_("pushed %lld logs to %s\n"), st.logs_sent, remote);
		else if (!st.rejected)
			printf(_("%s is up to date\n"), remote);
	}
	return st.rejected ? ZDH_EXIT_REFUSED : 0;
}

/* The worse of two exit codes (0 < 1 < 2 < 128 < 129). */
static int worse(int a, int b)
{
	return a > b ? a : b;
}

static int one_remote(int argc, char **argv,
		      int (*fn)(struct zdh_repo *, const char *, const struct args *))
{
	struct zdh_repo *repo = NULL;
	char *remote = NULL;
	struct args a;
	int code;

	if ((code = parse(&a, argc, argv, 0, 1, 0)))
		return code < 0 ? 0 : code;
	if ((code = open_repo(&repo)))
		return code;
	if (a.argc)
		code = fn(repo, a.argv[0], &a);
	else if (!(code = report(zdh_remote_default(repo, &remote))))
		code = fn(repo, remote, &a);
	free(remote);
	zdh_repo_free(repo);
	return finish_output(code);
}

int cmd_pull(int argc, char **argv)
{
	return one_remote(argc, argv, pull_one);
}

int cmd_push(int argc, char **argv)
{
	return one_remote(argc, argv, push_one);
}

struct names {
	char **v;
	size_t n;
};

static int add_name(const char *name, const char *url, void *payload)
{
	struct names *n = payload;

	(void)url;
	n->v = zdh_realloc(n->v, (n->n + 1) * sizeof(*n->v));
	n->v[n->n++] = zdh_strdup(name);
	return 0;
}

int cmd_sync(int argc, char **argv)
{
	struct zdh_repo *repo = NULL;
	struct names names = { NULL, 0 };
	struct args a;
	int code;

	if ((code = parse(&a, argc, argv, 0, 0, 0)))
		return code < 0 ? 0 : code;
	if ((code = open_repo(&repo)))
		return code;
	if (!(code = report(zdh_remote_foreach(repo, add_name, &names))) && !names.n)
		code = report(zdh_error_set(ZDH_ENOTFOUND,
					    _("no remotes to sync with (see 'zdh remote add')")));
	for (size_t i = 0; i < names.n; i++) {
		/* a remote that cannot be reached does not stop the others */
		int c = pull_one(repo, names.v[i], &a);
		if (c <= ZDH_EXIT_REFUSED)
			c = worse(c, push_one(repo, names.v[i], &a));
		code = worse(code, c);
		free(names.v[i]);
	}
	free(names.v);
	zdh_repo_free(repo);
	return finish_output(code);
}

static const char clone_usage[] =
	N_("usage: zdh clone URL [DIR] --replica NAME [--prefix CODE] [--timezone TZ] [--quiet | --verbose]\n");

int cmd_clone(int argc, char **argv)
{
	struct zdh_repo *repo = NULL;
	struct zdh_sync_options o;
	struct zdh_pull_stats st;
	struct args a;
	char *dir;
	int code;

	if ((code = parse(&a, argc, argv, 1, 2, 1)))
		return code < 0 ? 0 : code;
	if (!a.replica)
		return usage_error(clone_usage, _("'zdh clone' needs --replica: the name of this new replica"));
	if (check_text(_("the URL"), a.argv[0]) || (a.argc > 1 && check_text(_("DIR"), a.argv[1])))
		return ZDH_EXIT_REFUSED;
	dir = a.argc > 1 ? zdh_strdup(a.argv[1]) : zdh_clone_dir(a.argv[0]);
	if (!dir)
		return usage_error(clone_usage, _("cannot tell a folder from '%s'; give DIR"), a.argv[0]);
	options_of(&o, &a);
	code = report(zdh_clone(&repo, a.argv[0], dir, a.replica, a.prefix, a.timezone, &o, &st));
	if (!code && !a.quiet)
		printf(_("cloned %s into %s (replica %s, prefix %s): %lld events\n"),
		       a.argv[0], repo->gitdir, repo->replica, repo->prefix, st.events);
	zdh_repo_free(repo);
	free(dir);
	return finish_output(code);
}

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
#include "json.h"
#include "sync.h"

static struct args {
	int quiet, verbose;
	struct zdh_init_options init;	/* clone's --replica, --prefix, --timezone, --shared */
} a = { .init = ZDH_INIT_OPTIONS_INIT };

#define OPT_QUIET_VERBOSE \
	OPT_FLAG_F('q', "quiet", &a.quiet, N_("print nothing but errors"), OPT_OR_NEXT), \
	OPT_FLAG('v', "verbose", &a.verbose, N_("print the summary even when not on a terminal"))

static const struct opt remote_opts[] = {
	OPT_ARGS("[REMOTE]"),
	OPT_QUIET_VERBOSE,
	OPT_END()
};

static const struct opt sync_opts[] = {
	OPT_QUIET_VERBOSE,
	OPT_END()
};

static const struct opt clone_opts[] = {
	OPT_ARGS("URL [DIR]"),
	OPT_STRING_F(0, "replica", &a.init.replica, "NAME", N_("the name of this new replica"), OPT_BARE),
	OPT_STRING(0, "prefix", &a.init.prefix, "CODE", N_("the prefix of its record ids (XQ gives XQ-O3)")),
	OPT_STRING(0, "timezone", &a.init.timezone, "TZ", N_("its time zone, an IANA name (Asia/Shanghai)")),
	OPT_STRING(0, "shared", &a.init.shared, "PERM", N_("written by a group of accounts: group, all or a mode (0660)")),
	OPT_QUIET_VERBOSE,
	OPT_END()
};

static void print_problem(const char *message, void *payload)
{
	(void)payload;
	print_shown(stderr, "zdh: ", message, 0);
}


static void options_of(struct zdh_sync_options *o, const struct args *a)
{
	memset(o, 0, sizeof(*o));
	o->progress = !a->quiet && isatty(2);
	o->problem = print_problem;
	o->news = a->quiet ? NULL : print_news;
}

static int summary_wanted(const struct args *a)
{
	return !a->quiet && (a->verbose || isatty(1));
}

/*
 * Add line (a summary, its newline left off) to done, what was written
 * (finish_written(): exit 3 when it cannot be printed).
 */
static void add_done(struct zdh_buf *done, const char *line)
{
	if (done->len)
		zdh_buf_puts(done, "; ");
	zdh_buf_add(done, line, strcspn(line, "\n"));
}

/* Pull one remote: 0, 1 when logs were refused, or an exit code; what it took is added to done. */
static int pull_one(struct zdh_repo *repo, const char *remote, const struct args *a, struct zdh_buf *done)
{
	struct zdh_sync_options o;
	struct zdh_pull_stats st;
	char *line;
	int code;

	options_of(&o, a);
	if ((code = report(zdh_pull(repo, remote, &o, &st))))
		return code;
	line = zdh_asprintf(ngettext("pulled %lld new event from %s\n", "pulled %lld new events from %s\n",
				     (unsigned long)st.events), st.events, remote);
	if (summary_wanted(a) && !st.index_behind)	/* (said so: how many is not known) */
		fputs(line, stdout);
	if (st.events || st.logs_moved || st.refused)	/* (logs taken, or kept aside) */
		add_done(done, line);
	free(line);
	return st.refused ? ZDH_EXIT_REFUSED : 0;
}

static int push_one(struct zdh_repo *repo, const char *remote, const struct args *a, struct zdh_buf *done)
{
	struct zdh_sync_options o;
	struct zdh_push_stats st;
	char *line;
	int code;

	options_of(&o, a);
	if ((code = report(zdh_push(repo, remote, &o, &st))))
		return code;
	if (st.logs_sent) {
		line = zdh_asprintf(ngettext("pushed %lld log to %s\n", "pushed %lld logs to %s\n",
					     (unsigned long)st.logs_sent), st.logs_sent, remote);
		if (summary_wanted(a))
			fputs(line, stdout);
		add_done(done, line);
		free(line);
	} else if (summary_wanted(a) && !st.rejected)
		printf(_("%s is up to date\n"), remote);
	return st.rejected ? ZDH_EXIT_REFUSED : 0;
}

/* The worse of two exit codes (0 < 1 < 2 < 128 < 129). */
static int worse(int a, int b)
{
	return a > b ? a : b;
}

static int one_remote(int argc, char **argv,
		      int (*fn)(struct zdh_repo *, const char *, const struct args *, struct zdh_buf *))
{
	struct zdh_repo *repo = NULL;
	struct zdh_buf done = ZDH_BUF_INIT;
	char *remote = NULL;
	int code;

	if ((code = open_repo(&repo)))
		return code;
	if (argc)
		code = fn(repo, argv[0], &a, &done);
	else if (!(code = report(zdh_remote_default(repo, &remote))))
		code = fn(repo, remote, &a, &done);
	free(remote);
	zdh_repo_free(repo);
	code = finish_written_code(code, done.len ? done.ptr : NULL);
	zdh_buf_release(&done);
	return code;
}

static int run_pull(int argc, char **argv)
{
	zdh_json_bulk_memory();
	return one_remote(argc, argv, pull_one);
}

static int run_push(int argc, char **argv)
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

static int run_sync(int argc, char **argv)
{
	struct zdh_repo *repo = NULL;
	struct names names = { NULL, 0 };
	struct zdh_buf done = ZDH_BUF_INIT;
	int code;

	(void)argc, (void)argv;
	if ((code = open_repo(&repo)))
		return code;
	if (!(code = report(zdh_remote_foreach(repo, add_name, &names))) && !names.n)
		code = report(zdh_error_set(ZDH_ENOTFOUND,
					    _("no remotes to sync with (see 'zdh remote add')")));
	for (size_t i = 0; i < names.n; i++) {
		/* a remote that cannot be reached does not stop the others */
		int c = pull_one(repo, names.v[i], &a, &done);
		if (c <= ZDH_EXIT_REFUSED)
			c = worse(c, push_one(repo, names.v[i], &a, &done));
		code = worse(code, c);
		free(names.v[i]);
	}
	free(names.v);
	zdh_repo_free(repo);
	code = finish_written_code(code, done.len ? done.ptr : NULL);
	zdh_buf_release(&done);
	return code;
}

static int run_clone(int argc, char **argv)
{
	struct zdh_repo *repo = NULL;
	struct zdh_sync_options o;
	struct zdh_pull_stats st;
	char *dir, *line = NULL;
	int code;

	if (!a.init.replica)
		return opt_usage_error(_("'zdh clone' needs --replica: the name of this new replica"));
	zdh_json_bulk_memory();
	dir = argc > 1 ? zdh_strdup(argv[1]) : zdh_clone_dir(argv[0]);
	if (!dir)
		return opt_usage_error(_("cannot tell a folder from '%s'; give DIR"), argv[0]);
	options_of(&o, &a);
	o.news = NULL;		/* everything is new to a clone */
	code = report(zdh_clone(&repo, argv[0], dir, &a.init, &o, &st));
	if (!code) {
		line = zdh_asprintf(ngettext("cloned %s into %s (replica %s, prefix %s): %lld event\n",
					     "cloned %s into %s (replica %s, prefix %s): %lld events\n",
					     (unsigned long)st.events),
				    argv[0], repo->gitdir, repo->replica, repo->prefix, st.events);
		if (!a.quiet)
			fputs(line, stdout);
	}
	/* made with the logs it could take, and exits 1 for the others, as pull does */
	if (!code && st.refused)
		code = ZDH_EXIT_REFUSED;
	zdh_repo_free(repo);
	free(dir);
	code = finish_written_code(code, line);
	free(line);
	return code;
}

/* pull, push, sync and clone share zdh-sync(1): zdh sync -h shows its every line */
static const struct verb commands[] = {
	{ "pull", run_pull, remote_opts },
	{ "push", run_push, remote_opts },
	{ "sync", run_sync, sync_opts, NULL, 1 },
	{ "clone", run_clone, clone_opts, N_("a URL") },
	{ NULL }
};

int cmd_pull(int argc, char **argv)
{
	return run_command(commands, argc, argv);
}

int cmd_push(int argc, char **argv)
{
	return run_command(commands, argc, argv);
}

int cmd_sync(int argc, char **argv)
{
	return run_command(commands, argc, argv);
}

int cmd_clone(int argc, char **argv)
{
	return run_command(commands, argc, argv);
}

/*
 * main — the zdh command: global options, the table of commands, help.
 */
#include <errno.h>
#include <locale.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common.h"
#include "output.h"

#ifndef ZDH_VERSION
#define ZDH_VERSION "0.1"
#endif

static int cmd_help(int argc, char **argv);
static int cmd_version(int argc, char **argv);
#ifdef ZDH_TEST_KIND	/* zdh-testkind only (tests/testkind/) */
int cmd_testnote(int argc, char **argv);
#endif
static int version(int argc, char **argv);
static int help(int argc, char **argv);

static const struct command {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *help;
} commands[] = {
	{ "init", cmd_init, N_("create a repository") },
	{ "config", cmd_config, N_("read and write settings") },
	{ "org", cmd_org, N_("the registry of areas, districts, departments and units") },
	{ "issue", cmd_issue, N_("record and follow residents' problems") },
	{ "menu", cmd_menu, N_("the resource menu: offers, needs, pairings, deliveries") },
	{ "visit", cmd_visit, N_("liaisons' visits to the areas, and the liaisons") },
	{ "project", cmd_project, N_("self-governance projects and what they spend") },
	{ "fund", cmd_fund, N_("the areas' funds: budget, committed, spent") },
	{ "council", cmd_council, N_("councils, their meetings, decisions and actions") },
	{ "inbox", cmd_inbox, N_("what waits for a department") },
	{ "conflicts", cmd_conflicts, N_("every open conflict, of every kind") },
	{ "person", cmd_person, N_("the people who sign events, and their keys") },
	{ "report", cmd_report, N_("monthly, yearly and range statistics, and queries of the index") },
	{ "log", cmd_log, N_("list events across every log") },
	{ "verify", cmd_verify, N_("check every log") },
	{ "reindex", cmd_reindex, N_("rebuild the index from the logs") },
	{ "export", cmd_export, N_("print the whole current state as JSON") },
	{ "clone", cmd_clone, N_("make a new replica of a repository") },
	{ "remote", cmd_remote, N_("the repositories this one syncs with") },
	{ "pull", cmd_pull, N_("take the new events of a remote") },
	{ "push", cmd_push, N_("send this repository's logs to a remote") },
	{ "sync", cmd_sync, N_("pull then push, with every remote") },
	{ "replica", cmd_replica, N_("this repository as one writer: confirm a copy, recover a diverged log") },
#ifdef ZDH_TEST_KIND
	{ "testnote", cmd_testnote, "the test-only kind" },
#endif
	{ "help", cmd_help, N_("show the manual of a command") },
	{ "version", cmd_version, N_("print the version") },
	{ NULL, NULL, NULL }
};

static const char usage[] = N_("usage: zdh [-C DIR] [--version] [-h | --help] COMMAND [ARGS]\n");

static void list_commands(FILE *out)
{
	int width = 0;

	for (const struct command *c = commands; c->name; c++)
		if ((int)strlen(c->name) > width)
			width = (int)strlen(c->name);
	fputs(_(usage), out);
	fprintf(out, "\n%s\n", _("commands:"));
	/* two spaces after the longest name, as after the longest option of -h */
	for (const struct command *c = commands; c->name; c++)
		fprintf(out, "   %-*s  %s\n", width, c->name, _(c->help));
	fprintf(out, "\n%s\n", _("'zdh help COMMAND' shows the manual of a command."));
}

/*
 * "zdh: 'isue' is not a zdh command; see 'zdh help'" and, as git does,
 * the most similar commands.  Returns ZDH_EXIT_USAGE.
 */
static int unknown_command(const char *fmt, const char *name)
{
	const char *names[sizeof(commands) / sizeof(commands[0])];
	size_t n = 0;

	fputs("zdh: ", stderr);
	fprintf(stderr, fmt, name);
	fputc('\n', stderr);
	for (const struct command *c = commands; c->name; c++)
		names[n++] = c->name;
	opt_similar(name, names, n, _("The most similar command is"),
		    _("The most similar commands are"));
	return ZDH_EXIT_USAGE;
}

/* "zdh 0.1-57df5bd": the name and the version, as git --version prints its own */
static int version(int argc, char **argv)
{
	(void)argc, (void)argv;
	printf("zdh %s\n", ZDH_VERSION);
	return finish_output(0);
}

static int help(int argc, char **argv)
{
	char *page;

	if (argc < 1) {
		list_commands(stdout);
		return finish_output(0);
	}
	argv--;		/* argv[1] is the command, as before */
	/* help and version are described in zdh(1) */
	if (!strcmp(argv[1], "zdh") || !strcmp(argv[1], "help") || !strcmp(argv[1], "version"))
		page = zdh_strdup("zdh");
	else if (!strcmp(argv[1], "repository"))
		page = zdh_strdup("zdh-repository");
	else {
		const struct command *c;
		for (c = commands; c->name; c++)
			if (!strcmp(c->name, argv[1]))
				break;
		if (!c->name)
			return unknown_command(_("no such command '%s'; see 'zdh help'"), argv[1]);
		/* pull, push and sync share one page */
		page = zdh_asprintf("zdh-%s", !strcmp(argv[1], "pull") || !strcmp(argv[1], "push") ?
				    "sync" : argv[1]);
	}
	fflush(stdout);
	zdh_sigpipe_child();
	{
		/*
		 * run from a source tree: its man/ beside the binary, or beside
		 * the build folder holding it (build-asan/zdh of make check-asan)
		 */
		char exe[4096];
		ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
		char *slash;
		if (n > 0) {
			exe[n] = '\0';
			for (int up = 0; up < 2 && (slash = strrchr(exe, '/')); up++) {
				char *path;
				*slash = '\0';
				path = zdh_asprintf("%s/man/%s.%c", exe, page,
						    strcmp(page, "zdh-repository") ? '1' : '5');
				if (!access(path, R_OK))
					execlp("man", "man", "-l", path, (char *)NULL);
				free(path);
			}
		}
	}
	execlp("man", "man", page, (char *)NULL);
	fprintf(stderr, "zdh: %s\n", _("cannot run 'man'; the manual pages are in man/ of the source"));
	free(page);
	return ZDH_EXIT_FATAL;
}

static const struct opt help_opts[] = { OPT_ARGS("[COMMAND]"), OPT_END() };
static const struct opt version_opts[] = { OPT_END() };
static const struct verb builtins[] = {
	{ "help", help, help_opts },
	{ "version", version, version_opts },
	{ NULL }
};

static int cmd_help(int argc, char **argv)
{
	return run_command(builtins, argc, argv);
}

static int cmd_version(int argc, char **argv)
{
	return run_command(builtins, argc, argv);
}

int main(int argc, char **argv)
{
	const char *name;

	zdh_std_fds_hold();
	zdh_i18n_init();
	zdh_set_warn_routine(print_warning);
	/*
	 * A file grown past `ulimit -f` is a write that failed (EFBIG),
	 * said in one line with exit 128 like a full disk, and its
	 * temporary files removed, not a process killed by SIGXFSZ.
	 */
	signal(SIGXFSZ, SIG_IGN);
	/* zdh log | head: EPIPE, exit 0, not death by SIGPIPE (zdh(1)) */
	zdh_sigpipe_ignore();
	argc--, argv++;
	while (argc > 0 && argv[0][0] == '-') {
		if (!strcmp(argv[0], "-C")) {
			if (argc < 2)
				return usage_error(_(usage), _("-C needs a folder"));
			if (chdir(argv[1]) < 0) {
				fprintf(stderr, "zdh: %s '%s': %s\n", _("cannot change to"), argv[1],
					strerror(errno));
				return ZDH_EXIT_FATAL;
			}
			argc -= 2, argv += 2;
		} else if (!strcmp(argv[0], "--version")) {
			return version(0, NULL);
		} else if (!strcmp(argv[0], "-h") || !strcmp(argv[0], "--help")) {
			list_commands(stdout);
			return finish_output(0);
		} else {
			return usage_error(_(usage), _("unknown option '%s'"), argv[0]);
		}
	}
	if (argc == 0) {
		list_commands(stderr);
		return ZDH_EXIT_USAGE;
	}
	name = argv[0];
	for (const struct command *c = commands; c->name; c++)
		if (!strcmp(c->name, name))
			return c->fn(argc, argv);
	return unknown_command(_("'%s' is not a zdh command; see 'zdh help'"), name);
}

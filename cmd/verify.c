/*
 * zdh verify — check every log, reading git itself, not the index.
 */
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "common.h"

static int quiet;

static void print_problem(const char *msg, void *payload)
{
	(void)payload;
	print_shown(stderr, "zdh: ", msg, 0);
}

static const struct opt verify_opts[] = {
	OPT_FLAG('q', "quiet", &quiet, N_("print nothing when every log is sound")),
	OPT_END()
};

static int verify(int argc, char **argv)
{
	struct zdh_repo *repo = NULL;
	long long logs, events;
	int code;

	(void)argc, (void)argv;
	if ((code = open_repo(&repo)))
		return code;
	code = report(zdh_verify(repo, &logs, &events, print_problem, NULL));
	if (code && zdh_error_code() == ZDH_ECORRUPT)
		code = ZDH_EXIT_REFUSED;	/* verify did its job: it found a problem */
	if (!code && !quiet) {
		char *l = zdh_count_text(NN_("%lld log", "%lld logs"), logs);
		char *e = zdh_count_text(NN_("%lld event", "%lld events"), events);
		/* TRANSLATORS: verified 1 log, 5 events */
		printf(_("verified %s, %s\n"), l, e);
		free(l);
		free(e);
	}
	zdh_repo_free(repo);
	return finish_output(code);
}

int cmd_verify(int argc, char **argv)
{
	return run_single_command("verify", verify, verify_opts, argc, argv);
}

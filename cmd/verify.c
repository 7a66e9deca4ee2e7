/*
 * zdh verify — check every log, reading git itself, not the index.
 */
#include <string.h>

#include "audit.h"
#include "common.h"

static const char usage[] = N_("usage: zdh verify [--quiet]\n");

int cmd_verify(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct zdh_repo *repo = NULL;
	long long logs, events;
	int c, quiet = 0, code;

	options_reset();
	while ((c = getopt_long(argc, argv, "hq", opts, NULL)) != -1) {
		switch (c) {
		case 'q': quiet = 1; break;
		case 'h': return usage_help(usage);
		default: return usage_error(usage, _("unknown option '%s'"), argv[optind - 1]);
		}
	}
	if (optind < argc)
		return usage_error(usage, _("too many arguments"));
	if ((code = open_repo(&repo)))
		return code;
	code = report(zdh_verify(repo, &logs, &events));
	if (code && zdh_error_code() == ZDH_ECORRUPT)
		code = ZDH_EXIT_REFUSED;	/* verify did its job: it found a problem */
	if (!code && !quiet)
		printf(_("verified %lld logs, %lld events\n"), logs, events);
	zdh_repo_free(repo);
	return finish_output(code);
}

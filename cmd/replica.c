/*
 * zdh replica — this repository as one writer among the offices: show
 * its name and prefix, confirm a copy as the only one left, recover the
 * events of a diverged log under a new replica (core/replica.c).
 */
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "replica.h"

static const char *as, *prefix, *from;

static const struct opt show_opts[] = { OPT_END() };
static const struct opt confirm_opts[] = { OPT_END() };
static const struct opt recover_opts[] = {
	OPT_STRING_F(0, "as", &as, "NAME", N_("the new replica's name"), OPT_REQUIRED | OPT_NONEMPTY),
	OPT_STRING_F(0, "prefix", &prefix, "CODE", N_("its id prefix"), OPT_REQUIRED | OPT_NONEMPTY),
	OPT_STRING(0, "from", &from, "REF", N_("the history the other offices hold, when several are kept aside")),
	OPT_END()
};

static int replica_show(int argc, char **argv)
{
	struct zdh_repo *repo = NULL;
	int code;

	(void)argc, (void)argv;
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

	(void)argc, (void)argv;
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
	struct zdh_recover_options o = ZDH_RECOVER_OPTIONS_INIT;
	struct zdh_recover_stats st;
	struct zdh_repo *repo = NULL;
	char *old;
	int code;

	(void)argc, (void)argv;
	o.replica = as;
	o.prefix = prefix;
	o.from = from;
	if ((code = open_repo(&repo)))
		return code;
	old = zdh_strdup(repo->replica);
	code = report(zdh_replica_recover(repo, &o, print_renumbered, NULL, &st));
	if (!code) {
		if (st.saved) {
			char *e = zdh_count_text(NN_("%lld event written again", "%lld events written again"),
						 (long long)st.events);
			char *r = zdh_count_text(NN_("%lld record renumbered", "%lld records renumbered"),
						 (long long)st.renumbered);
			/* TRANSLATORS: replica A is now B (prefix P): 3 events written again, 1 record renumbered; ... */
			fprintf(stderr, _("replica %s is now %s (prefix %s): %s, %s; the old log is kept as %s. Push to send them.\n"),
				old, o.replica, o.prefix, e, r, st.saved);
			free(e);
			free(r);
		} else
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
		{ "show", replica_show, show_opts, NULL },
		{ "confirm", replica_confirm, confirm_opts, NULL },
		{ "recover", replica_recover, recover_opts, NULL },
		{ NULL, NULL, NULL, NULL }
	};
	return dispatch("replica", verbs, argc, argv);
}

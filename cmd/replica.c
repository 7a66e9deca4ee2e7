/*
 * zdh replica — this repository as one writer among the offices: show
 * its name and prefix, confirm a copy as the only one left, recover the
 * events of a diverged log under a new replica (core/replica.c).
 */
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "conflict.h"
#include "replica.h"
#include "store.h"

static const char *as, *prefix, *from;

static const struct opt show_opts[] = { OPT_END() };
static const struct opt confirm_opts[] = { OPT_END() };
/* the second form finishes a recovery that was stopped (zdh-replica(1)) */
static const struct opt recover_opts[] = {
	OPT_FORM(),
	OPT_STRING_F(0, "as", &as, "NAME", N_("the new replica's name"), OPT_BARE),
	OPT_STRING_F(0, "prefix", &prefix, "CODE", N_("its id prefix"), OPT_BARE),
	OPT_STRING(0, "from", &from, "REF", N_("the history the other offices hold, when several are kept aside")),
	OPT_FORM(),
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
	char *line = NULL;
	int code;

	(void)argc, (void)argv;
	if ((code = open_repo(&repo)))
		return code;
	if (!zdh_repo_check_instance(repo)) {
		/* the repository made here, or confirmed already: no copy to confirm */
		printf(_("this repository is not a copy: it writes as replica %s already, nothing to confirm\n"),
		       repo->replica);
		zdh_repo_free(repo);
		return finish_output(0);
	}
	zdh_error_clear();
	code = report(zdh_replica_confirm(repo));
	if (!code) {
		line = zdh_asprintf(_("this copy now writes as replica %s\n"), repo->replica);
		fputs(line, stdout);
	}
	zdh_repo_free(repo);
	code = finish_written_code(code, line);
	free(line);
	return code;
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
	char *done;
	int code, listed = 0;

	(void)argv;
	if (argc > 0)
		return opt_usage_error(_("'%s': too many arguments"), opt_verb_name());
	o.replica = as;
	o.prefix = prefix;
	o.from = from;
	/* a repository in the middle of a recovery is opened to finish it */
	if ((code = report(zdh_repo_discover_recovering(&repo))))
		return code;
	/*
	 * without one stopped, --as and --prefix are needed; with neither, a
	 * copy of this log kept aside that holds all of it is taken back (a
	 * copy restored from a backup older than what its original pushed)
	 */
	if (!zdh_repo_marked(repo->gitdir, ZDH_MARK_RECOVERING) && (!as || !*as || !prefix || !*prefix)) {
		char *kept = NULL;
		size_t events = 0;

		if ((!as || !*as) && (!prefix || !*prefix)) {
			code = report(zdh_replica_take_back(repo, from, &kept, &events));
			if (!code && kept) {
				char *e = zdh_count_text(NN_("%lld event", "%lld events"), (long long)events);
				/* TRANSLATORS: log xinqiao took back 3 events from refs/zdh/diverged/origin/xinqiao ... */
				fprintf(stderr, _("log %s took back %s from %s (written before this copy was made); this copy writes on as replica %s\n"),
					repo->replica, e, kept, repo->replica);
				free(e);
			}
			if (code || kept) {
				free(kept);
				zdh_repo_free(repo);
				return finish_output(code);
			}
		}
		zdh_repo_free(repo);
		return opt_usage_error(C_("an option", "'%s' needs %s"), opt_verb_name(), !as || !*as ? "--as" : "--prefix");
	}
	code = report(zdh_replica_recover(repo, &o, print_renumbered, NULL, &st));
	if (!code && st.saved) {
		/*
		 * what the signer of the recovery may not write has no effect:
		 * said, each; the recovery is made whether or not that can be
		 * read, so its summary is said either way
		 */
		struct zdh_index *idx;
		if (!(listed = report(zdh_repo_index(&idx, repo))))
			listed = report(zdh_conflicts_refused_of(idx, repo->replica, print_news, NULL));
	}
	if (!code) {
		if (st.written_before) {
			/* TRANSLATORS: replica A is now B (prefix P): ...; the old log is kept as REF */
			fprintf(stderr, _("replica %s is now %s (prefix %s): the recovery that was stopped had written its events again; the old log is kept as %s. Push to send them.\n"),
				st.old, repo->replica, repo->prefix, st.saved);
		} else if (st.saved) {
			char *e = zdh_count_text(NN_("%lld event written again", "%lld events written again"),
						 (long long)st.events);
			char *r = zdh_count_text(NN_("%lld record renumbered", "%lld records renumbered"),
						 (long long)st.renumbered);
			/* TRANSLATORS: replica A is now B (prefix P): 3 events written again, 1 record renumbered; ... */
			if (st.events)
				fprintf(stderr, _("replica %s is now %s (prefix %s): %s, %s; the old log is kept as %s. Push to send them.\n"),
					st.old, repo->replica, repo->prefix, e, r, st.saved);
			else	/* (nothing written: nothing to send) */
				fprintf(stderr, _("replica %s is now %s (prefix %s): %s, %s; the old log is kept as %s\n"),
					st.old, repo->replica, repo->prefix, e, r, st.saved);
			free(e);
			free(r);
		} else
			fprintf(stderr, _("replica %s is now %s (prefix %s): no diverged log was kept aside, so no event was written again\n"),
				st.old, repo->replica, repo->prefix);
	}
	/* TRANSLATORS: replica xinqiao recovered as copyoffice (then ", but cannot write to standard output: ...") */
	done = code ? NULL : zdh_asprintf(_("replica %s recovered as %s"), st.old, repo->replica);
	free(st.saved);
	free(st.old);
	zdh_repo_free(repo);
	code = finish_written_code(code ? code : listed, done);
	free(done);
	return code;
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

/*
 * zdh config — read and write settings in .zdh/config or ~/.zdhconfig.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "common.h"
#include "index.h"
#include "output.h"
#include "settings.h"
#include "store.h"

static const char usage[] =
	N_("usage: zdh config [--global] KEY [VALUE]\n"
	   "   or: zdh config [--global] --unset KEY\n"
	   "   or: zdh config [--global] --list\n");

static int print_kv(const char *key, const char *value, void *payload)
{
	(void)payload;
	printf("%s=%s\n", key, value);
	return 0;
}

/* The key's own check (core/settings.c), then what depends on the repository. */
static int check_key(const char *key, const char *value, struct zdh_repo *repo)
{
	int err;

	if ((err = zdh_settings_check(key, value)))
		return err;
	if (!value)
		return 0;
	if (repo && (!strcasecmp(key, "zdh.replica") || !strcasecmp(key, "zdh.prefix"))) {
		struct zdh_index *idx;
		char tip[41];
		err = zdh_repo_index(&idx, repo);
		if (!err)
			err = zdh_index_tip(idx, repo->replica, tip);
		if (err)
			return err;
		if (tip[0])
			return zdh_error_set(ZDH_EINVALID, _("%s cannot change: replica '%s' has written events"),
					     key, repo->replica);
	}
	return 0;
}

int cmd_config(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "global", no_argument, NULL, 'g' },
		{ "unset", no_argument, NULL, 'u' },
		{ "list", no_argument, NULL, 'l' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct zdh_repo *repo = NULL;
	struct zdh_config *cfg = NULL;
	int global = 0, unset = 0, list = 0, c, err = 0, code = 0;
	char *path = NULL;
	const char *key, *value;

	options_reset();
	while ((c = getopt_long(argc, argv, "hl", opts, NULL)) != -1) {
		switch (c) {
		case 'g': global = 1; break;
		case 'u': unset = 1; break;
		case 'l': list = 1; break;
		case 'h': return usage_help(usage);
		default: return usage_error(usage, _("unknown option '%s'"), argv[optind - 1]);
		}
	}
	argc -= optind, argv += optind;
	if ((list && argc) || (unset && argc != 1) || (!list && !unset && (argc < 1 || argc > 2)) ||
	    (list && unset))
		return usage_error(usage, _("wrong number of arguments"));
	if (global) {
		if (!(path = zdh_user_config_path()))
			return report(zdh_error_set(ZDH_ERROR, _("HOME is not set")));
	} else {
		if ((code = open_repo(&repo)))
			return code;
		path = zdh_strdup(zdh_repo_config_path(repo));
	}
	if (list) {
		if (repo)
			cfg = repo->config, repo->config = NULL;
		else {
			const char *paths[] = { path, NULL };
			if ((err = zdh_config_load(&cfg, paths)))
				goto done;
		}
		err = zdh_config_foreach(cfg, print_kv, NULL);
		goto done;
	}
	key = argv[0];
	value = argc > 1 ? argv[1] : NULL;
	if (!zdh_config_key_valid(key)) {
		err = zdh_error_set(ZDH_EINVALID, _("invalid key '%s' (section.name)"), key);
		goto done;
	}
	if (!unset && !value) {
		const char *paths[] = { path, NULL };
		const char *v;
		if (repo)
			v = zdh_config_get(repo->config, key);
		else {
			if ((err = zdh_config_load(&cfg, paths)))
				goto done;
			v = zdh_config_get(cfg, key);
		}
		if (!v)
			code = ZDH_EXIT_REFUSED;
		else
			printf("%s\n", v);
		goto done;
	}
	if ((err = check_key(key, value, global ? NULL : repo)))
		goto done;
	if (repo && (err = zdh_repo_lock(repo)))
		goto done;
	err = zdh_config_set(path, key, value);
done:
	zdh_config_free(cfg);
	zdh_repo_free(repo);
	free(path);
	if (err)
		return report(err);
	return finish_output(code);
}

/*
 * zdh config — read and write settings in .zdh/config or ~/.zdhconfig.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "common.h"
#include "index.h"
#include "output.h"
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

/* Keys zdh itself reads; other sections (remote.*) are free. */
static const char *const known[] = {
	"user.name", "user.email", "user.dept", "zdh.replica", "zdh.prefix",
	"zdh.timezone", "zdh.lock-timeout", "zdh.holidays", "zdh.workdays",
	"zdh.overdue-days", "zdh.attachment-max", NULL
};

static int check_key(const char *key, const char *value, struct zdh_repo *repo)
{
	int is_known = 0;

	for (size_t i = 0; known[i]; i++)
		if (!strcasecmp(key, known[i]))
			is_known = 1;
	if (!is_known && (!strncasecmp(key, "user.", 5) || !strncasecmp(key, "zdh.", 4)))
		return zdh_error_set(ZDH_EINVALID, _("unknown setting '%s' (see zdh-config(1))"), key);
	if (!value) {
		if (!strcasecmp(key, "zdh.replica") || !strcasecmp(key, "zdh.prefix"))
			return zdh_error_set(ZDH_EINVALID, _("%s cannot be unset: every repository needs one"), key);
		return 0;
	}
	if (!zdh_utf8_valid(value, strlen(value)) || strchr(value, '\n'))
		return zdh_error_set(ZDH_EINVALID, _("the value of %s must be one line of UTF-8 text"), key);
	if ((!strcasecmp(key, "user.name") || !strcasecmp(key, "user.email") ||
	     !strcasecmp(key, "user.dept")) && !zdh_ident_valid(value))
		return zdh_error_set(ZDH_EINVALID, _("%s must not be empty or contain '<' or '>'"), key);
	if (!strcasecmp(key, "zdh.timezone") && zdh_date_zone_valid(value))
		return zdh_error_set(ZDH_EINVALID, _("unknown time zone '%s'"), value);
	if (!strcasecmp(key, "zdh.lock-timeout") || !strcasecmp(key, "zdh.overdue-days")) {
		char *end;
		long v = strtol(value, &end, 10);
		if (*end || v < 0 || end == value)
			return zdh_error_set(ZDH_EINVALID, _("%s must be a whole number"), key);
	}
	if (!strcasecmp(key, "zdh.attachment-max")) {
		char *end;
		long long v = strtoll(value, &end, 10);
		if (end == value || v <= 0 || (*end && (strchr("kKmMgG", *end) == NULL || end[1])))
			return zdh_error_set(ZDH_EINVALID, _("zdh.attachment-max must be a size such as 10m"));
	}
	if (!strcasecmp(key, "zdh.holidays") || !strcasecmp(key, "zdh.workdays")) {
		/* a comma-separated list of days: 2026-10-01,2026-10-02 */
		const char *p = value;
		while (*p) {
			struct zdh_time t;
			size_t n = strcspn(p, ",");
			char *day = zdh_strndup(p, n);
			int bad = n != 10 || zdh_date_parse(&t, day, "UTC");
			free(day);
			if (bad)
				return zdh_error_set(ZDH_EINVALID, _("%s is a list of days YYYY-MM-DD separated by commas"), key);
			p += n + (p[n] == ',');
		}
	}
	if (!strcasecmp(key, "zdh.replica") && !zdh_replica_valid(value))
		return zdh_error_set(ZDH_EINVALID, _("invalid replica name '%s'"), value);
	if (!strcasecmp(key, "zdh.prefix") && !zdh_prefix_valid(value))
		return zdh_error_set(ZDH_EINVALID, _("invalid id prefix '%s'"), value);
	if (repo && (!strcasecmp(key, "zdh.replica") || !strcasecmp(key, "zdh.prefix"))) {
		struct zdh_index *idx;
		char tip[41];
		int err = zdh_repo_index(&idx, repo);
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

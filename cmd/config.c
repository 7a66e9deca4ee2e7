/*
 * zdh config — read and write settings in .zdh/config or ~/.zdhconfig.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "common.h"
#include "index.h"
#include "output.h"
#include "person.h"
#include "setting.h"
#include "settings.h"
#include "store.h"

static int global, unset, list;

static const struct opt config_opts[] = {
	OPT_FLAG(0, "global", &global, N_("~/.zdhconfig, not the repository's .zdh/config")),
	OPT_FORM(),
	OPT_ARGS("KEY [VALUE]"),
	OPT_FORM(),
	OPT_FLAG_F(0, "unset", &unset, N_("remove KEY"), OPT_BARE),
	OPT_ARGS("KEY"),
	OPT_FORM(),
	OPT_FLAG_F('l', "list", &list, N_("print every setting as KEY=VALUE"), OPT_BARE),
	OPT_END()
};

static int print_kv(const char *key, const char *value, void *payload)
{
	(void)payload;
	printf("%s=%s\n", key, value);
	return 0;
}


/* pins of prefixes owned by one replica name, to give them to another */
struct pins {
	const char *old;
	struct zdh_buf keys;	/* NUL-separated */
	size_t n;		/* how many */
};

static int collect_pin(const char *key, const char *value, void *payload)
{
	struct pins *p = payload;
	size_t n = strlen(key);

	if (!strncmp(key, "prefix.", 7) && n > 13 && !strcmp(key + n - 6, ".owner") &&
	    !strcmp(value, p->old)) {
		zdh_buf_puts(&p->keys, key);
		zdh_buf_addch(&p->keys, '\0');
		p->n++;
	}
	return 0;
}

/*
 * What the value of key depends on in the repository (after the key's own
 * check, core/settings.c): under the write lock, so that what it reads
 * (the index) still holds when the value is written, and a repository
 * that cannot be written is refused before its index is read (a read
 * would catch it up in a private copy first: core/index.c).
 */
static int check_key(const char *key, const char *value, struct zdh_repo *repo)
{
	int err = 0;

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
		/*
		 * Nor to the name of another replica here (its log, or prefixes
		 * pinned to it): this replica's writes would go onto that log,
		 * and its prefix pins with them (move_pins), as zdh clone refuses
		 */
		if (!strcasecmp(key, "zdh.replica") && strcmp(value, repo->replica)) {
			struct pins p = { value, ZDH_BUF_INIT, 0 };
			if (!(err = zdh_index_tip(idx, value, tip)) &&
			    !(err = zdh_config_foreach(repo->config, collect_pin, &p)) &&
			    (tip[0] || p.keys.len))
				err = zdh_error_set(ZDH_EEXISTS,
						    _("the replica name '%s' is already used in this repository; choose another"),
						    value);
			zdh_buf_release(&p.keys);
			if (err)
				return err;
		}
		/* nor to a prefix whose records are here: another replica's, as zdh clone refuses it */
		if (!strcasecmp(key, "zdh.prefix") && strcmp(value, repo->prefix)) {
			int used = 0;
			if ((err = zdh_index_prefix_used(idx, value, &used)))
				return err;
			if (used)
				return zdh_error_set(ZDH_EEXISTS,
						     _("the prefix '%s' is already used in this repository; choose another"),
						     value);
		}
	}
	if (repo && !strcasecmp(key, "zdh.prefix")) {
		/* the new prefix is pinned to this replica (below): not one another owns */
		char *pin = zdh_asprintf("prefix.%s.owner", value);
		const char *owner = zdh_config_get(repo->config, pin);
		if (owner && strcmp(owner, repo->replica))
			err = zdh_error_set(ZDH_EINVALID, _("prefix %s belongs to replica %s"), value, owner);
		free(pin);
	}
	return err;
}

/*
 * Set key to value in the config at path, in one write with what goes
 * with it: when zdh.replica or zdh.prefix changed before the replica
 * wrote (check_key), the prefixes pinned to the old name are pinned to
 * the new one, and a new prefix to this replica, as zdh init pins them,
 * so that its first write is not refused as another replica's.  One
 * write: a name is never left with its pins behind.  Under the write
 * lock when repo is set.
 */
static int set_with_pins(struct zdh_repo *repo, const char *path, const char *key,
			 const char *value)
{
	struct pins p = { NULL, ZDH_BUF_INIT, 0 };
	const char **keys, **values;
	char *pin = NULL;
	size_t n = 1;
	int err;

	if (repo && !strcasecmp(key, "zdh.replica")) {
		p.old = repo->replica;
		if ((err = zdh_config_foreach(repo->config, collect_pin, &p)))
			goto done_pins;
	}
	keys = zdh_calloc(p.n + 2, sizeof(*keys));	/* the key, a new prefix's pin or the old ones */
	values = zdh_calloc(p.n + 2, sizeof(*values));
	keys[0] = key, values[0] = value;
	if (repo && !strcasecmp(key, "zdh.prefix")) {
		pin = zdh_asprintf("prefix.%s.owner", value);
		keys[n] = pin, values[n++] = repo->replica;
	}
	for (size_t at = 0; at < p.keys.len; at += strlen(p.keys.ptr + at) + 1)
		keys[n] = p.keys.ptr + at, values[n++] = value;
	err = zdh_config_set_many(path, keys, values, n);
	free(keys);
	free(values);
	free(pin);
done_pins:
	zdh_buf_release(&p.keys);
	return err;
}

/*
 * zdh.require-signatures is the repository's, not one clone's: it is a
 * signed event every replica folds (zdh-person(1)), so that all reach
 * the same verdicts.  Read from the index; written as that event.
 */
#define REQUIRE_KEY "zdh.require-signatures"

static int do_require(struct zdh_txn *txn, const struct zdh_time *date, void *value, char **id)
{
	(void)id;
	return zdh_person_require_signatures(txn, value, date);
}

static int require_signatures(const char *value)
{
	struct write_opts w = { NULL, { 0 }, 0 };
	struct zdh_repo *repo = NULL;
	struct zdh_index *idx;
	int code, requires, roles;

	if (global)
		return report(zdh_error_set(ZDH_EINVALID, _("%s is the repository's (a signed event), not a user setting"),
					    REQUIRE_KEY));
	if (unset)
		value = "false";
	if (value) {
		if (strcmp(value, "true") && strcmp(value, "false"))
			return report(zdh_error_set(ZDH_EINVALID, _("%s must be true or false"), REQUIRE_KEY));
		return write_run(&w, do_require, (void *)value);
	}
	if ((code = open_index(&repo, &idx)) ||
	    (code = report(zdh_index_trust_state(idx, &requires, &roles))))
		goto done;
	printf("%s\n", requires ? "true" : "false");
	code = finish_output(0);
done:
	zdh_repo_free(repo);
	return code;
}

/*
 * zdh.holidays, zdh.workdays and zdh.overdue-days are the sub-district's:
 * a report reads them, and two offices holding the same events must
 * print the same report.  In a repository they are written as an event
 * of the shared settings' record (core/setting.c), which every replica
 * folds; read, they are what every command reads, the record's value
 * laid over the files' (the files' when the record has none).
 * --global writes the user's file as for any key: the fallback.
 */
static int do_setting(struct zdh_txn *txn, const struct zdh_time *date, void *payload, char **id)
{
	const char *const *kv = payload;

	(void)id;
	return zdh_setting_set(txn, kv[0], kv[1], date);
}

static int shared_setting(const char *key, const char *value)
{
	struct write_opts w = { NULL, { 0 }, 0 };
	struct zdh_repo *repo = NULL;
	struct zdh_index *idx;
	const char *kv[2] = { key, value };
	int code;

	if (unset || value) {
		/* bad input refused before the repository is opened or locked */
		if (value && (code = report(zdh_settings_check(key, value))))
			return code;
		return write_run(&w, do_setting, kv);
	}
	if (!(code = open_index(&repo, &idx))) {
		if ((value = zdh_config_get(repo->config, key)))
			printf("%s\n", value);
		code = finish_output(value ? 0 : ZDH_EXIT_REFUSED);
	}
	zdh_repo_free(repo);
	return code;
}

/*
 * --list in a repository: the files' lines with the shared settings'
 * record laid over them (the effective values), then the setting that
 * is an event of its own.
 */
static int list_effective(void)
{
	struct zdh_repo *repo = NULL;
	struct zdh_index *idx;
	int code, requires, roles;

	if (!(code = open_index(&repo, &idx)) &&
	    !(code = report(zdh_config_foreach(repo->config, print_kv, NULL))) &&
	    !(code = report(zdh_index_trust_state(idx, &requires, &roles))))
		printf("%s=%s\n", REQUIRE_KEY, requires ? "true" : "false");
	zdh_repo_free(repo);
	return code;
}

static int config(int argc, char **argv)
{
	struct zdh_repo *repo = NULL;
	struct zdh_config *cfg = NULL;
	int err = 0, code = 0;
	char *path = NULL;
	const char *key, *value;
	struct zdh_buf half = ZDH_BUF_INIT;

	if ((list && argc) || (unset && argc != 1) || (!list && !unset && (argc < 1 || argc > 2)) ||
	    (list && unset))
		return opt_usage_error(_("wrong number of arguments"));
	if (global) {
		if (!(path = zdh_user_config_path()))
			return report(zdh_error_set(ZDH_ERROR, _("HOME is not set")));
	} else {
		if ((code = open_repo(&repo)))
			return code;
		path = zdh_strdup(zdh_repo_config_path(repo));
	}
	if (list) {
		const char *paths[] = { path, NULL };
		if (repo)
			code = list_effective();
		else if (!(err = zdh_config_load(&cfg, paths)))
			err = zdh_config_foreach(cfg, print_kv, NULL);
		goto done;
	}
	key = argv[0];
	value = argc > 1 ? argv[1] : NULL;
	if (!strcasecmp(key, REQUIRE_KEY)) {
		zdh_repo_free(repo);
		free(path);
		return require_signatures(value);
	}
	value = zdh_settings_typed(&half, key, value);
	if (repo && zdh_setting_shared(key)) {
		zdh_repo_free(repo);
		repo = NULL;
		code = shared_setting(zdh_setting_shared(key), value);
		goto done;
	}
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
	if ((err = zdh_settings_check(key, value)) || (repo && (err = zdh_repo_lock(repo))) ||
	    (err = check_key(key, value, global ? NULL : repo)))
		goto done;
	err = set_with_pins(repo, path, key, value);
	/* the founder pinned anew: the people, then every record, judged again */
	if (!err && repo && !strcasecmp(key, "person.founder")) {
		struct zdh_repo *r = NULL;
		struct zdh_index *idx;
		if (!(code = open_index(&r, &idx)))
			code = report(zdh_index_trust_recheck(idx));
		zdh_repo_free(r);
	}
done:
	zdh_config_free(cfg);
	zdh_repo_free(repo);
	free(path);
	zdh_buf_release(&half);
	if (err)
		return report(err);
	return finish_output(code);
}

int cmd_config(int argc, char **argv)
{
	return run_single_command("config", config, config_opts, argc, argv);
}

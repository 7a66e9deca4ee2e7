/*
 * setting — the record kind "setting" (include/setting.h).  A report
 * counts working days by zdh.holidays and zdh.workdays and open issues
 * as overdue by zdh.overdue-days; kept in each replica's .zdh/config,
 * which clone does not copy and sync does not carry, two offices holding
 * the same events printed different reports.  So these keys are one
 * record of the sub-district, ZDH-S1, that no office owns (kind.h,
 * unowned): each key is a field of its state, written by the op "set"
 * ({"set": {"zdh.holidays": "2026-10-01,2026-10-02"}}) or "unset"
 * ({"set": {"zdh.holidays": ""}}),
 * and two offices setting one key before they heard of each other is an
 * ordinary conflict of that field, settled by setting it again.  Who may
 * write it once roles are granted: a sub-district admin.
 * State: {"zdh.holidays": "2026-10-01,2026-10-02", "zdh.overdue-days": null}
 * (null: unset for every office, the key's default).
 *
 * Every reader of the configuration reads the effective value: after
 * each catch-up, overlay() lays the record's keys over the files' (a key
 * the record does not hold is the files', so a repository that never
 * wrote one reads its .zdh/config as before).
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "config.h"
#include "error.h"
#include "i18n.h"
#include "index.h"
#include "index-db.h"
#include "rules.h"
#include "setting.h"
#include "settings.h"
#include "store.h"

/* The keys this zdh reads from the record (a newer zdh may share more). */
static const char *const shared_keys[] = {
	"zdh.holidays", "zdh.workdays", "zdh.overdue-days", NULL
};

const char *zdh_setting_shared(const char *key)
{
	for (size_t i = 0; key && shared_keys[i]; i++)
		if (!strcasecmp(shared_keys[i], key))
			return shared_keys[i];
	return NULL;
}

/* "zdh." and a lower-case word: a key a newer zdh may share, taken as text. */
static int key_shaped(const char *key)
{
	size_t n = strlen(key);

	if (n > 64 || strncmp(key, "zdh.", 4) || key[4] < 'a' || key[4] > 'z')
		return 0;
	return strspn(key + 4, "abcdefghijklmnopqrstuvwxyz0123456789-") == n - 4;
}

/* set (unset 0) or unset (1) of the keys of data.set, each checked */
static int check_keys(const struct zdh_event *ev, int unset)
{
	json_t *set = json_object_get(ev->data, "set"), *v;
	const char *key, *value;
	int err;

	if (strcmp(ev->record, ZDH_SETTING_ID))
		return zdh_error_set(ZDH_EINVALID, _("the shared settings are the record %s, not %s"),
				     ZDH_SETTING_ID, ev->record);
	if (!json_object_size(set))
		return zdh_error_set(ZDH_EINVALID, _("a shared setting's event sets a key"));
	json_object_foreach(set, key, v) {
		if (!key_shaped(key))
			return zdh_error_set(ZDH_EINVALID, _("'%s' is not the name of a shared setting"), key);
		/* a key this zdh reads: the check zdh config makes; another, one line of text */
		if (!(value = json_string_value(v)) || strchr(value, '\n') ||
		    (!zdh_setting_shared(key) && zdh_text_valid(key, value, strlen(value))))
			return zdh_error_set(ZDH_EINVALID, _("the value of %s must be one line of UTF-8 text"), key);
		if (unset && *value)
			return zdh_error_set(ZDH_EINVALID, _("'%s' cannot set fields"), ev->op);
		if (!unset && !*value)
			return zdh_error_set(ZDH_EINVALID, _("'set' gives %s a value ('unset' removes it)"), key);
		if (*value && zdh_setting_shared(key) && (err = zdh_settings_check(key, value)))
			return err;
	}
	return 0;
}

static int check_set(const json_t *state, const struct zdh_event *ev)
{
	(void)state;
	return check_keys(ev, 0);
}

static int check_unset(const json_t *state, const struct zdh_event *ev)
{
	(void)state;
	return check_keys(ev, 1);
}

/* An unset key stays in the state as null: the default for every office, not the files'. */
static void apply_unset(json_t *state, const struct zdh_event *ev)
{
	const char *key;
	json_t *v;

	json_object_foreach(json_object_get(ev->data, "set"), key, v)
		json_object_set_new(state, key, json_null());
}

static const struct zdh_op setting_ops[] = {
	{ "set", NULL, check_set, NULL, "subdistrict-admin" },
	{ "unset", NULL, check_unset, apply_unset, "subdistrict-admin" },
	{ NULL, NULL, NULL, NULL, NULL }
};

/*
 * Every command that opens the index comes here, most in a repository
 * that never wrote the record: a seek in records_key tells it (a small
 * statement; reading the record's row prepares the fold's, a tenth of a
 * read command's instructions), and only a record there is read.
 */
static int overlay(struct zdh_index *idx, struct zdh_config *cfg)
{
	json_t *state;
	int err;

	if (zdh_index_kind_empty(idx, zdh_kind_setting.name))
		return 0;
	err = zdh_index_state(idx, zdh_kind_setting.name, ZDH_SETTING_ID, &state, NULL);
	if (err == ZDH_ENOTFOUND)
		return 0;
	if (err)
		return err;
	for (size_t i = 0; shared_keys[i]; i++) {
		json_t *v = json_object_get(state, shared_keys[i]);
		if (v)
			zdh_config_overlay(cfg, shared_keys[i], json_string_value(v));
	}
	json_decref(state);
	return 0;
}

const struct zdh_kind zdh_kind_setting = {
	.name = "setting", .letter = 'S', .ops = setting_ops,
	/* 2: a number its reader cannot use (an overdue-days past 1000000) has no effect */
	.version = 2,
	.unowned = 1,
	.overlay = overlay,
};

int zdh_setting_set(struct zdh_txn *txn, const char *key, const char *value,
		    const struct zdh_time *date)
{
	const char *name = zdh_setting_shared(key);
	json_t *data;
	char *summary;
	int err;

	ZDH_ASSERT(name);
	if (value && (err = zdh_settings_check(name, value)))
		return err;
	if (value && !*value)
		value = NULL;	/* (a list of no days: none, as an unset says it) */
	data = json_pack("{s:{s:s}}", "set", name, value ? value : "");
	/* git log's line: the value when it is short, as most are */
	if (!value)
		summary = zdh_asprintf("setting unset %s", name);
	else if (strlen(value) <= 60)
		summary = zdh_asprintf("setting set %s %s", name, value);
	else
		summary = zdh_asprintf("setting set %s", name);
	err = zdh_txn_event(txn, &zdh_kind_setting, ZDH_SETTING_ID, value ? "set" : "unset", data,
			    summary, date, NULL);
	free(summary);
	return err;
}

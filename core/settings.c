/*
 * settings — the keys zdh reads and their checks (include/settings.h).
 * The engine's own are listed here; a kind's come from its table, so a
 * new kind's keys need no line here.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "config.h"
#include "date.h"
#include "error.h"
#include "event.h"
#include "i18n.h"
#include "lockfile.h"
#include "output.h"
#include "repo.h"
#include "rules.h"
#include "settings.h"
#include "workday.h"

static int valid_ident(const char *key, const char *value)
{
	return zdh_ident_check(key, value, !strcasecmp(key, "user.email"));
}

static int valid_zone(const char *key, const char *value)
{
	(void)key;
	return zdh_date_zone_valid(value);
}

int zdh_settings_whole(const char *value, long long max)
{
	long long v;
	char *end;

	errno = 0;
	v = strtoll(value, &end, 10);
	return end == value || *end || errno == ERANGE || v < 0 || v > max ? -1 : 0;
}

static int valid_whole(const char *key, const char *value)
{
	if (zdh_settings_whole(value, LLONG_MAX))
		return zdh_error_set(ZDH_EINVALID, _("%s must be a whole number"), key);
	return 0;
}

/* a number zdh_config_get_int() reads, above 0, with at most its suffix */
static int valid_size(const char *key, const char *value)
{
	long long v;

	/* (zdh_config_number() takes one k, m or g after the digits, nothing else) */
	if (zdh_config_number(&v, value) || v <= 0)
		return zdh_error_set(ZDH_EINVALID, _("%s must be a size such as 10m"), key);
	return 0;
}

/* A size that may be 0 (none): zdh.sync-low-speed. */
static int valid_size_or_zero(const char *key, const char *value)
{
	return strcmp(value, "0") ? valid_size(key, value) : 0;
}

static int valid_replica(const char *key, const char *value)
{
	(void)key;
	if (!zdh_replica_valid(value))
		return zdh_error_set(ZDH_EINVALID, _("invalid replica name '%s'"), value);
	return 0;
}

static int valid_shared(const char *key, const char *value)
{
	int perm;

	return zdh_shared_parse(value, &perm) < 0 ? zdh_shared_invalid(key, value) : 0;
}

static int valid_prefix(const char *key, const char *value)
{
	(void)key;
	if (!zdh_prefix_valid(value))
		return zdh_error_set(ZDH_EINVALID, _("invalid id prefix '%s'"), value);
	return 0;
}

/* The engine's keys (zdh-config(1)); the kinds add theirs (kind.h). */
static const struct zdh_config_key engine_keys[] = {
	{ "user.name", NULL, valid_ident },
	{ "user.email", NULL, valid_ident },
	{ "user.dept", NULL, valid_ident },
	{ "zdh.replica", NULL, valid_replica },
	{ "zdh.prefix", NULL, valid_prefix },
	{ "zdh.timezone", ZDH_DEFAULT_TIMEZONE, valid_zone },
	{ "zdh.lock-timeout", "10", valid_whole, .number = 1 },
	{ "zdh.sync-timeout", "60", valid_whole, .number = 1 },
	{ "zdh.sync-low-speed", "1k", valid_size_or_zero, .number = 1 },
	/* lists of days, read as the working-day calendar reads them */
	{ "zdh.holidays", NULL, zdh_calendar_check_list },
	{ "zdh.workdays", NULL, zdh_calendar_check_list },
	{ "zdh.attachment-max", "10m", valid_size, .number = 1 },
	{ "prefix.*.owner", NULL, valid_replica },
	/* git's: who may write the repository's files (zdh-init(1)) */
	{ "core.sharedrepository", NULL, valid_shared },
	{ NULL, NULL, NULL }
};

int zdh_config_key_match(const char *pattern, const char *key)
{
	const char *star = strstr(pattern, ".*."), *tail;
	size_t head, klen = strlen(key), tlen;

	if (!star)
		return !strcasecmp(pattern, key);
	head = (size_t)(star - pattern) + 1;	/* "category." */
	tail = star + 2;			/* ".response-days" */
	tlen = strlen(tail);
	return klen > head + tlen && !strncasecmp(pattern, key, head) &&
		!strcasecmp(key + klen - tlen, tail);
}

const char *zdh_settings_typed(struct zdh_buf *half, const char *key, const char *value)
{
	const struct zdh_config_key *k = value ? zdh_settings_find(key) : NULL;

	if (k && k->number)
		return zdh_halfwidth(half, value) ? half->ptr : value;
	/* an id prefix as ids are typed: xq, ＸＱ are XQ */
	if (value && !strcasecmp(key, "zdh.prefix")) {
		zdh_buf_puts(half, value);
		return zdh_id_fold(half->ptr);
	}
	/* a zone named in Chinese (上海) kept as its IANA name (date.h) */
	if (value && !strcasecmp(key, "zdh.timezone"))
		return zdh_date_zone_name(value);
	return value;
}

const struct zdh_config_key *zdh_settings_find(const char *key)
{
	for (const struct zdh_config_key *k = engine_keys; k->name; k++)
		if (zdh_config_key_match(k->name, key))
			return k;
	return zdh_kind_config_key(key);
}

/* Is key in the section of a key of keys with a subsection ("category.NAME.x")? */
static int pattern_section_in(const struct zdh_config_key *keys, const char *key)
{
	for (const struct zdh_config_key *k = keys; k && k->name; k++) {
		const char *star = strstr(k->name, ".*.");
		size_t head = star ? (size_t)(star - k->name) + 1 : 0;
		if (star && !strncasecmp(k->name, key, head) && strchr(key + head, '.'))
			return 1;
	}
	return 0;
}

static int pattern_section(const char *key)
{
	if (pattern_section_in(engine_keys, key))
		return 1;
	for (size_t i = 0; zdh_kinds[i]; i++)
		if (pattern_section_in(zdh_kinds[i]->config, key))
			return 1;
	return 0;
}

/*
 * The name between a key's dots (the category of category.医疗.title, the
 * remote of remote.hub.url), when it is set: a name people type again
 * and read in lists, so no control character and no invisible one
 * (zdh_ident_plain()), as the names written in records.  Not when a key
 * is unset: a name set before this check can still be removed.
 */
static int subsection_check(const char *key)
{
	const char *first = strchr(key, '.'), *last = strrchr(key, '.');
	char *name, *what;
	int err;

	if (!first || first == last)
		return 0;
	name = zdh_strndup(first + 1, (size_t)(last - first - 1));
	what = zdh_asprintf(_("the %.*s name"), (int)(first - key), key);
	err = zdh_ident_plain(what, name, 0);
	free(what);
	free(name);
	return err;
}

int zdh_settings_check(const char *key, const char *value)
{
	const struct zdh_config_key *k = zdh_settings_find(key);
	int err;

	if (!k && (!strncasecmp(key, "user.", 5) || !strncasecmp(key, "zdh.", 4) ||
		   pattern_section(key)))
		return zdh_error_set(ZDH_EINVALID, _("unknown setting '%s' (see zdh-config(1))"), key);
	if (!value) {
		if (!strcasecmp(key, "zdh.replica") || !strcasecmp(key, "zdh.prefix"))
			return zdh_error_set(ZDH_EINVALID, _("%s cannot be unset: every repository needs one"), key);
		return 0;
	}
	if ((err = subsection_check(key)))
		return err;
	if (zdh_text_valid(key, value, strlen(value)))
		return ZDH_EINVALID;
	if (strchr(value, '\n'))
		return zdh_error_set(ZDH_EINVALID, _("the value of %s must be one line of UTF-8 text"), key);
	return k && k->valid ? k->valid(key, value) : 0;
}

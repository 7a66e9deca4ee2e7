/*
 * config — git-config files (.zdh/config, ~/.zdhconfig), read and written
 * without libgit2.
 *
 * Reading understands what git writes and what people type: [section],
 * [section "subsection"], key = value, bare "key" (true), quotes, escapes
 * \" \\ \n \t, comments after # or ;, continuation lines.  Keys are
 * compared case-insensitively in section and name, exactly in subsection,
 * as git does ("remote.origin.url").  Writing keeps every other line of the
 * file as it was and replaces the file atomically (lock file, fsync, rename).
 */
#ifndef ZDH_CONFIG_H
#define ZDH_CONFIG_H

struct zdh_config;

/* Load files in order (later wins); missing files are skipped.  NULL ends the list. */
int zdh_config_load(struct zdh_config **out, const char *const *paths);
void zdh_config_free(struct zdh_config *cfg);
/* The last value of key, or NULL. */
const char *zdh_config_get(const struct zdh_config *cfg, const char *key);
/* Integer value with k/m/g suffixes; def when unset; ZDH_EINVALID when not a number. */
int zdh_config_get_int(long long *out, const struct zdh_config *cfg, const char *key, long long def);
/*
 * value read as zdh_config_get_int() reads one (k/m/g suffixes): 0, or
 * -1 when it is no number or one a long long does not hold, so that a
 * key's check takes only what its reader reads (settings.c).
 */
int zdh_config_number(long long *out, const char *value);
/* Call fn for every key=value in file order (keys lower-cased as git prints them). */
int zdh_config_foreach(const struct zdh_config *cfg,
		       int (*fn)(const char *key, const char *value, void *payload),
		       void *payload);

/*
 * In memory only (no file changes): key's entries removed, then value
 * added as the last one when it is not NULL, so that zdh_config_get()
 * gives value (NULL: the key unset, its default).  For a setting the
 * repository's records hold for every office (kind.h, overlay).
 */
void zdh_config_overlay(struct zdh_config *cfg, const char *key, const char *value);

/* Set (value != NULL) or unset (value == NULL) key in the file at path. */
int zdh_config_set(const char *path, const char *key, const char *value);
/*
 * The same by a writer holding the repository's write lock: a config.lock
 * left by a killed writer is taken over (as zdh_ref_update's stale_lock_ok).
 */
int zdh_config_set_locked(const char *path, const char *key, const char *value);
/*
 * Set or unset (a NULL value) keys[0..n) in the order given, in one
 * replacement of the file: all of them, or, on an error, none.
 */
int zdh_config_set_many(const char *path, const char *const *keys, const char *const *values,
			size_t n);

/* 1 when key has the form section[.subsection].name with valid characters. */
int zdh_config_key_valid(const char *key);

#endif

/*
 * settings — the configuration keys zdh reads, each with its check: the
 * engine's own (user.*, zdh.replica, zdh.timezone, ...) and those the
 * record kinds declare (kind.h, struct zdh_config_key).  `zdh config`
 * asks here before it writes a value, so no list of keys lives in cmd/.
 */
#ifndef ZDH_SETTINGS_H
#define ZDH_SETTINGS_H

#include "kind.h"

/*
 * May key be set to value (value NULL: unset)?  0, or ZDH_EINVALID with
 * the message: an unknown key in the sections zdh owns (user., zdh., and
 * those of a key with a subsection: category.NAME.*, prefix.P.*), a
 * value its check refuses, a key that cannot be unset.  Keys of other
 * sections (remote.origin.url) are free.
 */
int zdh_settings_check(const char *key, const char *value);

/*
 * value as it is kept under key, in *half when it differs (released by
 * the caller): full-width digits and letters made ASCII for a key whose
 * value is a number (struct zdh_config_key's number); an id prefix
 * (zdh.prefix) as ids are typed, xq and ＸＱ as XQ (zdh_id_fold); a zone
 * named in Chinese (上海) as its IANA name (date.h).  zdh config reads a
 * value so, and so does an option that sets one (--prefix CODE).
 */
const char *zdh_settings_typed(struct zdh_buf *half, const char *key, const char *value);
/*
 * Is value a whole number from 0 to max, as zdh_config_get_int() reads
 * it (no suffix)?  0, or -1: not one, or one beyond max or a long long.
 * The checks of numeric keys (whole seconds, days) so take only a number
 * their reader reads, and uses within its range.
 */
int zdh_settings_whole(const char *value, long long max);
/* The key as zdh knows it (the engine's or a kind's); NULL when unknown. */
const struct zdh_config_key *zdh_settings_find(const char *key);

#endif

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

/* The key as zdh knows it (the engine's or a kind's); NULL when unknown. */
const struct zdh_config_key *zdh_settings_find(const char *key);

#endif

/*
 * json — canonical JSON: compact, object keys sorted by their UTF-8 bytes,
 * integers only, strings escaped exactly as jansson escapes them (\" \\
 * \b \f \n \r \t, other control characters as \u00XX, nothing else).
 * The same bytes as jansson's JSON_COMPACT | JSON_SORT_KEYS, written
 * without its per-call allocations: events and record states are encoded
 * once per write and once per fold, and this was a third of an import.
 */
#ifndef ZDH_JSON_H
#define ZDH_JSON_H

#include <jansson.h>
#include "buf.h"

/* Append the canonical text of j; -1 (nothing appended) for a real number. */
int zdh_json_canonical(struct zdh_buf *out, const json_t *j);

#endif

/*
 * json — canonical JSON: compact, object keys sorted by their UTF-8 bytes,
 * integers only, strings escaped exactly as jansson escapes them (\" \\
 * \b \f \n \r \t, other control characters as \u00XX, nothing else).
 * The same bytes as jansson's JSON_COMPACT | JSON_SORT_KEYS, written
 * without its per-call allocations: events and record states are encoded
 * once per write and once per fold, and this was a third of an import.
 *
 * And a reader, because jansson's parser costs ~47,000 instructions per
 * event and an import decodes every event several times.
 */
#ifndef ZDH_JSON_H
#define ZDH_JSON_H

#include <jansson.h>
#include "buf.h"

/* Append the canonical text of j; -1 (nothing appended) for a real number. */
int zdh_json_canonical(struct zdh_buf *out, const json_t *j);
/* Append s (valid UTF-8, checked by the caller) as a canonical JSON string. */
void zdh_json_put_string(struct zdh_buf *out, const char *s);
/* Append the strings of array, sep between them (", ": "XQ-O3, YA-O1"). */
void zdh_json_join(struct zdh_buf *out, const json_t *array, const char *sep);

/* Parse text (len bytes, need not be NUL-terminated) into a new json_t; NULL
   with err->text set (err may be NULL) on error.  Accepts exactly what
   json_loadb(text, len, JSON_REJECT_DUPLICATES, err) accepts: an object or
   an array at the top, strict UTF-8, no \u0000, no duplicate keys, at most
   JSON_PARSER_MAX_DEPTH deep, and builds the same values. */
json_t *zdh_json_parse(const char *text, size_t len, json_error_t *err);
/* The same, at most max_depth values deep (the top one 1) instead. */
json_t *zdh_json_parse_max(const char *text, size_t len, int max_depth, json_error_t *err);

/*
 * The top-level string members keys[0..n) (n <= 16) of the object text,
 * as the JSON zdh writes it (compact), without building values: out[i]
 * points at the unescaped string, kept in vals (NUL-terminated; vals may
 * hold other strings before), or is NULL when the key is missing or not a
 * string.  -1 when text is not such an object (then every out[i] is NULL
 * and vals as it was): use a full parser.  For listings, where SQLite's
 * json_extract parsed each state once more per field.
 */
int zdh_json_pick_strings(const char *text, size_t len, const char *const *keys, size_t n,
			  struct zdh_buf *vals, const char **out);

/*
 * Is text, which zdh_json_parse() accepted, canonical (the bytes
 * zdh_json_canonical() writes for it)?  1 yes, 0 no, -1 cannot tell
 * without encoding it again (an object key with an escape).  A single
 * pass over the text, without building anything: the index asks it of
 * every event it reads.
 */
int zdh_json_canonical_text(const char *text, size_t len);

/*
 * 1 when text is an object that zdh_json_parse() accepts and that is
 * canonical (zdh_json_canonical_text() says 1), told in the same single
 * pass without building anything; 0 when not, or when that pass cannot
 * tell (ask the parser).  For a reader that checks an event's data and
 * does not keep it: building the values was half of a rebuild's reads.
 */
int zdh_json_canonical_valid(const char *text, size_t len);
/*
 * The same of the object text starts with, whatever follows it within
 * len, at most max_depth values deep (the top one 1) instead of
 * JSON_PARSER_MAX_DEPTH: 1 with *used its length, or 0 (*used
 * untouched).  A reader that checks an event's data finds its end so, in
 * the one pass.
 */
int zdh_json_canonical_valid_span(const char *text, size_t len, int max_depth, size_t *used);

/*
 * jansson's small values from blocks of huge pages, size classes kept per
 * thread (core/jsonmem.c), for the rest of the process: a bulk command's.
 * Call it before the command has made any JSON it keeps past the call.
 */
void zdh_json_bulk_memory(void);
/* How many 2 MiB blocks it has taken (for its tests). */
int zdh_json_bulk_blocks(void);
/* json_dumps() in memory of malloc, whatever jansson's is: free() it. */
char *zdh_json_dumps(const json_t *j, size_t flags);

#endif

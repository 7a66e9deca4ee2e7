/*
 * prefix — who may create records under an id prefix (zdh-repository(5),
 * PREFIXES).  A prefix is owned by one replica, pinned in the repository's
 * config as [prefix "XQ"] owner = xinqiao: zdh init pins its own prefix,
 * zdh clone pins every prefix the cloned repository uses (to the replica
 * whose log created its first record) and its own.  An event that would
 * create a record under a prefix owned by another replica is invalid: it
 * is kept, has no effect, and its number is not given out as taken.  The
 * verdict depends on the event alone and the pins every replica of the
 * repository shares, never on the order events arrived in.
 */
#ifndef ZDH_PREFIX_H
#define ZDH_PREFIX_H

struct zdh_config;
struct zdh_event;

/*
 * 0 when ev (which would create its record) may, else ZDH_EINVALID with
 * "prefix XQ belongs to replica xinqiao".  Unpinned prefixes are free.
 */
int zdh_prefix_may_create(const struct zdh_config *cfg, const struct zdh_event *ev);
/*
 * 1 when zdh_prefix_may_create() would refuse ev, else 0; no error set
 * (for the fold, which only asks, and must leave no message behind).
 */
int zdh_prefix_foreign(const struct zdh_config *cfg, const struct zdh_event *ev);
/*
 * The note the fold gives an event refused for its prefix, "prefix XQ
 * belongs to replica xinqiao", is this English text whatever the user's
 * language: a code, the same in every index, that pull and log recognise
 * and show translated (zdh_prefix_note_shown).
 * zdh_prefix_refusal(): 1 and that note in out when ev (which would create
 * its record) may not, else 0.
 */
int zdh_prefix_refusal(char *out, size_t size, const struct zdh_config *cfg,
		       const struct zdh_event *ev);
/* Such a note in the user's language (malloc'd), or NULL when note is none. */
char *zdh_prefix_note_shown(const char *note);
/* The replica owning prefix, or NULL when it is not pinned. */
const char *zdh_prefix_owner(const struct zdh_config *cfg, const char *prefix);
/* The prefix of a record id ("XQ-O3" -> "XQ") into out; 0, or -1 when there is none. */
int zdh_prefix_of(char *out, size_t size, const char *record);

#endif

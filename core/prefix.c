/*
 * prefix — ownership of id prefixes (include/prefix.h, zdh-repository(5)).
 */
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "config.h"
#include "error.h"
#include "event.h"
#include "i18n.h"
#include "kind.h"
#include "prefix.h"

int zdh_prefix_of(char *out, size_t size, const char *record)
{
	const char *dash = strrchr(record, '-');

	if (!dash || dash == record || (size_t)(dash - record) >= size)
		return -1;
	memcpy(out, record, (size_t)(dash - record));
	out[dash - record] = '\0';
	return 0;
}

const char *zdh_prefix_owner(const struct zdh_config *cfg, const char *prefix)
{
	char key[64];
	size_t n = strlen(prefix);

	/* "prefix.P.owner", not by snprintf: every write that creates a record asks */
	if (!cfg || n + strlen("prefix..owner") >= sizeof(key))
		return NULL;
	memcpy(key, "prefix.", 7);
	memcpy(key + 7, prefix, n);
	memcpy(key + 7 + n, ".owner", sizeof(".owner"));
	return zdh_config_get(cfg, key);
}

/*
 * The owner of ev's record's prefix when it is another replica than ev's
 * (prefix into prefix), else NULL: a record ev would create it may not.
 * A record id of no prefix is not ours at all, nor is a record of a kind
 * no office owns (the sub-district's settings, kind.h): the kind's
 * checks decide.
 */
static const char *other_owner(char prefix[48], const struct zdh_config *cfg,
			       const struct zdh_event *ev)
{
	const struct zdh_kind *kind;
	const char *owner;

	if (zdh_prefix_of(prefix, 48, ev->record) || !(owner = zdh_prefix_owner(cfg, prefix)) ||
	    !strcmp(owner, ev->replica))
		return NULL;
	if ((kind = zdh_kind_find(ev->kind)) && kind->unowned)
		return NULL;
	return owner;
}

/* The note of a prefix refusal, never translated (zdh_prefix_refusal) */
#define REFUSAL_NOTE "prefix %s belongs to replica %s"
#define REFUSAL_MID " belongs to replica "

int zdh_prefix_refusal(char *out, size_t size, const struct zdh_config *cfg,
		       const struct zdh_event *ev)
{
	char prefix[48];
	const char *owner = other_owner(prefix, cfg, ev);

	if (!owner)
		return 0;
	snprintf(out, size, REFUSAL_NOTE, prefix, owner);
	return 1;
}

/* 1 when note is the note of a prefix refusal: its prefix and owner into them. */
static int note_parse(const char *note, char prefix[64], char owner[64])
{
	const char *p, *mid, *who;
	size_t n, m;

	if (!note || strncmp(note, "prefix ", 7) || !(mid = strstr(note + 7, REFUSAL_MID)))
		return 0;
	p = note + 7;
	n = (size_t)(mid - p);
	who = mid + strlen(REFUSAL_MID);
	m = strlen(who);
	if (!n || n >= 64 || memchr(p, ' ', n) || !m || m >= 64 || strchr(who, ' '))
		return 0;
	memcpy(prefix, p, n);
	prefix[n] = '\0';
	memcpy(owner, who, m + 1);
	return 1;
}

char *zdh_prefix_note_shown(const char *note)
{
	char prefix[64], owner[64];

	if (!note_parse(note, prefix, owner))
		return NULL;
	return zdh_asprintf(_("prefix %s belongs to replica %s"), prefix, owner);
}

int zdh_prefix_foreign(const struct zdh_config *cfg, const struct zdh_event *ev)
{
	char prefix[48];

	return other_owner(prefix, cfg, ev) != NULL;
}

int zdh_prefix_may_create(const struct zdh_config *cfg, const struct zdh_event *ev)
{
	char prefix[48];
	const char *owner = other_owner(prefix, cfg, ev);

	if (owner)
		return zdh_error_set(ZDH_EINVALID, _("prefix %s belongs to replica %s"), prefix, owner);
	return 0;
}

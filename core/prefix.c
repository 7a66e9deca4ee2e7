/*
 * prefix — ownership of id prefixes (include/prefix.h, zdh-repository(5)).
 */
#include <string.h>

#include "config.h"
#include "error.h"
#include "event.h"
#include "i18n.h"
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

int zdh_prefix_may_create(const struct zdh_config *cfg, const struct zdh_event *ev)
{
	char prefix[48];
	const char *owner;

	if (zdh_prefix_of(prefix, sizeof(prefix), ev->record))
		return 0;	/* not an id of ours at all: the kind's checks decide */
	owner = zdh_prefix_owner(cfg, prefix);
	if (owner && strcmp(owner, ev->replica))
		return zdh_error_set(ZDH_EINVALID, _("prefix %s belongs to replica %s"), prefix, owner);
	return 0;
}

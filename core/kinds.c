/*
 * kinds — the table of record kinds.  The engine knows kinds only
 * through this table.
 */
#include <string.h>

#include "kind.h"

extern const struct zdh_kind zdh_kind_org;
extern const struct zdh_kind zdh_kind_issue;

const struct zdh_kind *const zdh_kinds[] = {
	&zdh_kind_org,
	&zdh_kind_issue,
	NULL
};

const struct zdh_kind *zdh_kind_find(const char *name)
{
	for (size_t i = 0; zdh_kinds[i]; i++)
		if (!strcmp(zdh_kinds[i]->name, name))
			return zdh_kinds[i];
	return NULL;
}

const struct zdh_op *zdh_kind_op(const struct zdh_kind *kind, const char *op)
{
	for (const struct zdh_op *o = kind->ops; o->name; o++)
		if (!strcmp(o->name, op))
			return o;
	return NULL;
}

/*
 * Unit test of the roles each operation of each kind names (struct
 * zdh_op's roles, include/trust.h): every operation of every kind this
 * binary knows, one by one, names roles that exist, each scoped at most
 * by the area or department the trust can find (zdh-person(1), ROLES).
 */
#include <stdio.h>
#include <string.h>

#include "kind.h"
#include "tap.h"
#include "trust.h"

/* "liaison@dept area-staff@area subdistrict-admin": 1 when every word holds */
static int roles_valid(const char *roles, char *why, size_t size)
{
	const char *p = roles;

	if (!*p) {
		snprintf(why, size, "empty (NULL means any role but auditor)");
		return 0;
	}
	while (*p) {
		size_t n = strcspn(p, " "), rlen = strcspn(p, "@ ");
		char role[64];

		if (!n || rlen >= sizeof(role)) {
			snprintf(why, size, "a word of '%s'", roles);
			return 0;
		}
		memcpy(role, p, rlen);
		role[rlen] = '\0';
		if (!zdh_role_valid(role)) {
			snprintf(why, size, "no role '%s'", role);
			return 0;
		}
		if (rlen < n && !((n - rlen - 1 == 4 && !strncmp(p + rlen + 1, "area", 4)) ||
				  (n - rlen - 1 == 4 && !strncmp(p + rlen + 1, "dept", 4)))) {
			snprintf(why, size, "'%.*s' is scoped by neither @area nor @dept", (int)n, p);
			return 0;
		}
		if (!strncmp(role, "auditor", 8)) {
			snprintf(why, size, "the auditor only reads");
			return 0;
		}
		p += n;
		while (*p == ' ')
			p++;
	}
	return 1;
}

int main(void)
{
	size_t ops = 0, named = 0;

	for (size_t i = 0; zdh_kinds[i]; i++) {
		for (const struct zdh_op *o = zdh_kinds[i]->ops; o->name; o++) {
			char why[160] = "", name[320];
			int v;
			ops++;
			if (!o->roles)
				continue;
			named++;
			v = roles_valid(o->roles, why, sizeof(why));
			snprintf(name, sizeof(name), "%s %s: %s%s%s", zdh_kinds[i]->name, o->name,
				 o->roles, *why ? ": " : "", why);
			ok(v, name);
		}
	}
	{
		char name[80];
		snprintf(name, sizeof(name), "%zu of %zu operations name their roles", named, ops);
		ok(named > 10 && ops > named, name);
	}
	{
		char why[160];
		ok(!roles_valid("boss", why, sizeof(why)), "a role that does not exist is caught");
		ok(!roles_valid("liaison@street", why, sizeof(why)), "a scope the trust cannot find is caught");
		ok(!roles_valid("auditor", why, sizeof(why)), "an auditor named as a writer is caught");
	}
	return done_testing();
}

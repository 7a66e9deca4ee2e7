/*
 * bench-council — the fixture of tests/bench.sh's council section, written
 * through libzdh in one bulk transaction (one pack), as an import would:
 * in the repository of the current directory, COUNCILS councils of area
 * "A<c>" with 15 members (chair, deputy, 13 members) and a charter; per
 * council MEETINGS meetings spread over the twelve months of YEAR (15
 * attendance entries each); per meeting DECISIONS decisions with 13 votes,
 * closed.  Prints the number of events written.
 *
 *   bench-council COUNCILS MEETINGS DECISIONS YEAR
 *
 * Built by bench.sh against build/libzdh.a; not part of zdh.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "council.h"
#include "error.h"
#include "org.h"
#include "repo.h"
#include "store.h"

#define MEMBERS 15

static int fail(const char *what)
{
	fprintf(stderr, "bench-council: %s: %s\n", what, zdh_error_msg());
	return 1;
}

int main(int argc, char **argv)
{
	struct zdh_repo *repo;
	struct zdh_txn *txn;
	struct zdh_time date;
	char names[MEMBERS][16], *id = NULL;
	const char *present[MEMBERS + 1], *yes[MEMBERS + 1], *no[MEMBERS + 1];
	int councils, meetings, decisions, year;
	long long events = 0;

	if (argc != 5)
		return fprintf(stderr, "usage: bench-council COUNCILS MEETINGS DECISIONS YEAR\n"), 2;
	councils = atoi(argv[1]);
	meetings = atoi(argv[2]);
	decisions = atoi(argv[3]);
	year = atoi(argv[4]);
	for (int i = 0; i < MEMBERS; i++) {
		snprintf(names[i], sizeof(names[i]), "理事%02d", i + 1);
		present[i] = names[i];
	}
	present[MEMBERS] = NULL;
	if (zdh_repo_discover(&repo))
		return fail("repository");
	if (zdh_txn_begin_bulk(&txn, repo))
		return fail("begin");
	zdh_date_parse(&date, "2020-01-01", repo->timezone);
	for (int c = 0; c < councils; c++) {
		char area[16], cname[32], *cid = NULL;
		struct zdh_charter_fields ch = { "议事协商", "2/3", NULL, NULL, "chair,deputy,member", "",
						 NULL, 4 };
		snprintf(area, sizeof(area), "A%d", c + 1);
		snprintf(cname, sizeof(cname), "理事会%d", c + 1);
		if (zdh_org_add(txn, "area", area, NULL, NULL, &date, NULL) ||
		    zdh_council_add(txn, cname, area, &date, &cid))
			return fail("council");
		events += 2;
		for (int i = 0; i < MEMBERS; i++) {
			struct zdh_member_fields m = {
				i == 0 ? "chair" : i == 1 ? "deputy" : "member", "resident", NULL,
				"2020-01-01", NULL
			};
			if (zdh_council_member(txn, cid, "member-add", names[i], &m, NULL, &date))
				return fail("member");
			events++;
		}
		if (zdh_council_charter(txn, cid, &ch, NULL, &date))
			return fail("charter");
		events++;
		for (int m = 0; m < meetings; m++) {
			struct zdh_meeting_fields f = { "regular", NULL, NULL, NULL, present, NULL, NULL,
							NULL, NULL };
			struct zdh_time when;
			char day[32];
			char *mid = NULL;
			snprintf(day, sizeof(day), "%04d-%02d-%02d 19:00", year, m % 12 + 1,
				 1 + (m / 12) % 28);
			zdh_date_parse(&when, day, repo->timezone);
			if (zdh_meeting_add(txn, cid, &f, &when, &mid))
				return fail("meeting");
			events++;
			for (int d = 0; d < decisions; d++) {
				struct zdh_decision_fields df;
				char motion[64];
				memset(&df, 0, sizeof(df));
				for (int i = 0; i < 10; i++)
					yes[i] = names[i];
				yes[10] = NULL;
				no[0] = names[10];
				no[1] = names[11];
				no[2] = names[12];
				no[3] = NULL;
				snprintf(motion, sizeof(motion), "议题 %d-%d-%d", c + 1, m + 1, d + 1);
				df.motion = motion;
				df.yes = yes;
				df.no = no;
				df.close = 1;
				free(id);
				id = NULL;
				if (zdh_decision_add(txn, mid, &df, &when, &id))
					return fail("decision");
				events++;
			}
			free(mid);
		}
		free(cid);
	}
	if (zdh_txn_commit(txn))
		return fail("commit");
	zdh_txn_free(txn);
	zdh_repo_free(repo);
	free(id);
	printf("%lld\n", events);
	return 0;
}

/*
 * Unit tests of the council rules (core/council.c): quorum, majority,
 * the result of a decision from its tally (votes, consensus, consents),
 * who may vote and until when, whose consent may be recorded, and which
 * charter is in force on a day — each against a table.
 */
#include <stdio.h>
#include <string.h>

#include "council.h"
#include "error.h"
#include "tap.h"

static void quorum_table(void)
{
	static const struct { const char *q; int valid; } syntax[] = {
		{ "2/3", 1 }, { "1/2", 1 }, { "1/1", 1 }, { "5", 1 }, { "1", 1 },
		{ "", 0 }, { "0", 0 }, { "-1", 0 }, { "3/2", 0 }, { "2/0", 0 }, { "2/", 0 },
		{ "/3", 0 }, { "a", 0 }, { "2/3x", 0 }, { "0/3", 0 }, { "+2/3", 0 }, { "2/-3", 0 },
		{ " 2/3", 0 }, { "2/ 3", 0 }, { "5000", 0 },
	};
	static const struct { const char *q; int present, voters, met; } rows[] = {
		/* fractions: at least that share of the voting members */
		{ "2/3", 6, 9, 1 }, { "2/3", 5, 9, 0 }, { "2/3", 7, 9, 1 }, { "2/3", 2, 3, 1 },
		{ "2/3", 1, 3, 0 }, { "1/2", 2, 4, 1 }, { "1/2", 1, 4, 0 }, { "1/2", 3, 5, 1 },
		{ "1/1", 5, 5, 1 }, { "1/1", 4, 5, 0 },
		/* counts */
		{ "5", 5, 9, 1 }, { "5", 4, 9, 0 }, { "5", 5, 5, 1 },
		/* nobody */
		{ "1/2", 0, 4, 0 }, { "2/3", 0, 0, 0 }, { "1", 1, 0, 0 },
		/* a bad rule is never met */
		{ "x", 9, 9, 0 },
	};
	char name[100];

	for (size_t i = 0; i < sizeof(syntax) / sizeof(*syntax); i++) {
		snprintf(name, sizeof(name), "quorum '%s' is %s", syntax[i].q,
			 syntax[i].valid ? "valid" : "refused");
		is_int(zdh_council_check_quorum(syntax[i].q), syntax[i].valid ? 0 : ZDH_EINVALID, name);
	}
	for (size_t i = 0; i < sizeof(rows) / sizeof(*rows); i++) {
		snprintf(name, sizeof(name), "quorum %s: %d of %d present is %s", rows[i].q,
			 rows[i].present, rows[i].voters, rows[i].met ? "met" : "not met");
		is_int(zdh_council_quorum_met(rows[i].q, rows[i].present, rows[i].voters),
		       rows[i].met, name);
	}
}

static void majority_table(void)
{
	static const struct { const char *rule; int yes, present, met; } rows[] = {
		{ "simple", 5, 9, 1 }, { "simple", 4, 9, 0 }, { "simple", 2, 4, 0 },
		{ "simple", 3, 4, 1 }, { "simple", 1, 1, 1 }, { "simple", 0, 3, 0 },
		{ "two-thirds", 6, 9, 1 }, { "two-thirds", 5, 9, 0 }, { "two-thirds", 2, 3, 1 },
		{ "two-thirds", 4, 7, 0 }, { "two-thirds", 5, 7, 1 },
		{ "unanimous", 7, 7, 1 }, { "unanimous", 6, 7, 0 }, { "unanimous", 0, 0, 0 },
		{ "nonsense", 9, 9, 0 },
	};
	char name[100];

	for (size_t i = 0; i < sizeof(rows) / sizeof(*rows); i++) {
		snprintf(name, sizeof(name), "%s: %d for of %d present is %s", rows[i].rule,
			 rows[i].yes, rows[i].present, rows[i].met ? "carried" : "not carried");
		is_int(zdh_council_majority_met(rows[i].rule, rows[i].yes, rows[i].present),
		       rows[i].met, name);
	}
}

/* A decision's state from a short description, as the fold would keep it. */
static json_t *decision(const char *quorum, const char *majority, int voters, int present,
			const char *votes, int consensus, int closed, int parties,
			const char *consents)
{
	json_t *d = json_object(), *v = json_array(), *p = json_array(), *vt = json_object();
	json_t *pa = json_array(), *cs = json_object();
	char name[16];

	json_object_set_new(d, "rule", json_pack("{s:s, s:s}", "quorum", quorum, "majority", majority));
	for (int i = 0; i < voters; i++) {
		snprintf(name, sizeof(name), "m%d", i);
		json_array_append_new(v, json_string(name));
		if (i < present)
			json_array_append_new(p, json_string(name));
		/* votes: one letter a voter, in order: f(or), a(gainst), b (abstain), - none */
		if (votes && (size_t)i < strlen(votes) && votes[i] != '-')
			json_object_set_new(vt, name, json_string(votes[i] == 'f' ? "for" :
				votes[i] == 'a' ? "against" : "abstain"));
	}
	for (int i = 0; i < parties; i++) {
		snprintf(name, sizeof(name), "p%d", i);
		json_array_append_new(pa, json_string(name));
		/* consents: one letter a party: g(iven), r(efused), - none */
		if (consents && (size_t)i < strlen(consents) && consents[i] != '-')
			json_object_set_new(cs, name, json_pack("{s:s}", "status",
				consents[i] == 'g' ? "given" : "refused"));
	}
	json_object_set_new(d, "voters", v);
	json_object_set_new(d, "present", p);
	json_object_set_new(d, "votes", vt);
	json_object_set_new(d, "parties", pa);
	json_object_set_new(d, "consents", cs);
	if (consensus)
		json_object_set_new(d, "consensus", json_true());
	if (closed)
		json_object_set_new(d, "closed", json_true());
	return d;
}

static void result_table(void)
{
	static const struct {
		const char *quorum, *majority;
		int voters, present;
		const char *votes;
		int consensus, closed, parties;
		const char *consents, *want;
	} rows[] = {
		/* the example: 7 of 9 present, 6 for, 1 against */
		{ "2/3", "simple", 9, 7, "ffffffa", 0, 1, 0, NULL, "adopted" },
		{ "2/3", "simple", 9, 7, "ffffffa", 0, 0, 0, NULL, "open" },
		{ "2/3", "simple", 9, 5, "fffff", 0, 1, 0, NULL, "no-quorum" },
		{ "2/3", "simple", 9, 7, "fffaaab", 0, 1, 0, NULL, "rejected" },
		{ "2/3", "two-thirds", 9, 9, "ffffffaaa", 0, 1, 0, NULL, "adopted" },
		{ "2/3", "two-thirds", 9, 9, "fffffaaaa", 0, 1, 0, NULL, "rejected" },
		{ "2/3", "unanimous", 6, 6, "ffffff", 0, 1, 0, NULL, "adopted" },
		{ "2/3", "unanimous", 6, 6, "fffffb", 0, 1, 0, NULL, "rejected" },
		/* abstentions count among those present */
		{ "1/2", "simple", 4, 4, "ffbb", 0, 1, 0, NULL, "rejected" },
		/* a voter who was not marked present but voted was there */
		{ "2/3", "simple", 3, 1, "fff", 0, 1, 0, NULL, "adopted" },
		/* consensus: quorum still counts */
		{ "2/3", "simple", 6, 4, NULL, 1, 1, 0, NULL, "adopted" },
		{ "2/3", "simple", 6, 3, NULL, 1, 1, 0, NULL, "no-quorum" },
		/* written consent: pending until the last one, one refusal blocks */
		{ "2/3", "simple", 3, 3, "fff", 0, 1, 13, "gggggggggggg-", "pending-consent" },
		{ "2/3", "simple", 3, 3, "fff", 0, 1, 13, "ggggggggggggg", "adopted" },
		{ "2/3", "simple", 3, 3, "fff", 0, 1, 13, "gggggrggggggg", "blocked" },
		{ "2/3", "simple", 3, 3, "fff", 0, 0, 2, "r-", "blocked" },
		{ "2/3", "simple", 3, 3, "fff", 0, 0, 2, "gg", "open" },
		{ "2/3", "simple", 3, 3, "aaa", 0, 1, 2, "gg", "rejected" },
		{ "2/3", "simple", 3, 1, "f--", 0, 1, 2, "gg", "no-quorum" },
	};
	char name[160];

	for (size_t i = 0; i < sizeof(rows) / sizeof(*rows); i++) {
		json_t *d = decision(rows[i].quorum, rows[i].majority, rows[i].voters, rows[i].present,
				     rows[i].votes, rows[i].consensus, rows[i].closed, rows[i].parties,
				     rows[i].consents);
		struct zdh_tally t;
		zdh_decision_tally(&t, d);
		snprintf(name, sizeof(name), "row %zu: %s %s %d/%d votes %s%s%s consents %s: %s", i,
			 rows[i].quorum, rows[i].majority, rows[i].present, rows[i].voters,
			 rows[i].votes ? rows[i].votes : "-", rows[i].consensus ? " consensus" : "",
			 rows[i].closed ? " closed" : "", rows[i].consents ? rows[i].consents : "-",
			 rows[i].want);
		is_str(zdh_decision_result(&t), rows[i].want, name);
		json_decref(d);
	}
}

static void explain(void)
{
	json_t *d = decision("2/3", "simple", 9, 7, "ffffffa", 0, 1, 0, NULL);
	struct zdh_buf b = ZDH_BUF_INIT;
	struct zdh_tally t;

	zdh_decision_tally(&t, d);
	zdh_decision_explain(&b, &t, 0);
	is_str(b.ptr, "7 of 9 voting members present, quorum 2/3 reached; 6 for, 1 against, "
	       "0 abstaining: adopted by simple majority", "the explanation of the issue's example");
	json_decref(d);
	zdh_buf_reset(&b);
	d = decision("2/3", "simple", 3, 3, "fff", 0, 1, 13, "gggggggggggg-");
	zdh_decision_tally(&t, d);
	zdh_decision_explain(&b, &t, 0);
	is_str(b.ptr, "3 of 3 voting members present, quorum 2/3 reached; 3 for, 0 against, "
	       "0 abstaining: carried by simple majority; written consent of 12 of 13 parties: "
	       "pending consent", "the explanation of a pending consent");
	json_decref(d);
	zdh_buf_release(&b);
}

static void vote_table(void)
{
	static const struct {
		int closed, consensus;
		const char *member, *vote;
		int want;
	} rows[] = {
		{ 0, 0, "m0", "for", 0 },
		{ 0, 0, "m2", "against", 0 },
		{ 0, 0, "m1", "abstain", 0 },
		{ 0, 0, "outsider", "for", ZDH_ESTATE },	/* not a voting member */
		{ 1, 0, "m0", "for", ZDH_ESTATE },		/* after the close */
		{ 0, 1, "m0", "for", ZDH_ESTATE },		/* decided by consensus */
		{ 0, 0, "m0", "yes", ZDH_EINVALID },		/* not a vote */
		{ 1, 0, "outsider", "maybe", ZDH_EINVALID },
	};
	char name[120];

	for (size_t i = 0; i < sizeof(rows) / sizeof(*rows); i++) {
		json_t *d = decision("2/3", "simple", 3, 3, NULL, rows[i].consensus, rows[i].closed,
				     0, NULL);
		snprintf(name, sizeof(name), "vote of %s '%s'%s%s: %s", rows[i].member, rows[i].vote,
			 rows[i].closed ? " after the close" : "",
			 rows[i].consensus ? " on a consensus" : "", rows[i].want ? "refused" : "allowed");
		is_int(zdh_decision_vote_allowed(d, rows[i].member, rows[i].vote), rows[i].want, name);
		json_decref(d);
	}
	is_int(zdh_decision_vote_allowed(NULL, "m0", "for"), ZDH_ENOTFOUND, "no decision, no vote");
}

static void consent_table(void)
{
	static const struct {
		const char *consents, *party;
		int refused, want;
	} rows[] = {
		{ "--", "p0", 0, 0 },
		{ "--", "p1", 1, 0 },
		{ "g-", "p0", 0, ZDH_ESTATE },	/* consented already */
		{ "g-", "p0", 1, ZDH_ESTATE },	/* a consent is not taken back */
		{ "r-", "p0", 0, 0 },		/* a refusal can turn into a consent */
		{ "r-", "p0", 1, ZDH_ESTATE },	/* refused already */
		{ "--", "p9", 0, ZDH_ESTATE },	/* not a party */
	};
	char name[120];

	for (size_t i = 0; i < sizeof(rows) / sizeof(*rows); i++) {
		json_t *d = decision("2/3", "simple", 3, 3, "fff", 0, 1, 2, rows[i].consents);
		snprintf(name, sizeof(name), "%s of %s with consents %s: %s",
			 rows[i].refused ? "refusal" : "consent", rows[i].party, rows[i].consents,
			 rows[i].want ? "refused" : "recorded");
		is_int(zdh_decision_consent_allowed(d, rows[i].party, rows[i].refused), rows[i].want, name);
		json_decref(d);
	}
}

static void charter_table(void)
{
	json_t *c = json_pack("{s:[{s:i, s:s, s:s, s:{s:s}, s:[s,s]},"
			      "     {s:i, s:s, s:s, s:{s:s, s:s}, s:[s], s:[s]}]}",
			      "charters",
			      "version", 1, "from", "2024-01-10", "quorum", "2/3",
			      "majority", "general", "simple", "voters", "chair", "member",
			      "version", 2, "from", "2024-06-01", "quorum", "1/2",
			      "majority", "general", "simple", "facility", "unanimous",
			      "voters", "chair", "consent", "facility");
	json_t *member = json_pack("{s:s, s:s, s:s}", "role", "member", "from", "2024-01-10",
				   "to", "2024-12-31");
	static const struct { const char *day; long long version; } at[] = {
		{ "2024-01-09", -1 }, { "2024-01-10", 1 }, { "2024-05-31", 1 }, { "2024-06-01", 2 },
		{ "2030-01-01", 2 },
	};
	char name[80];

	for (size_t i = 0; i < sizeof(at) / sizeof(*at); i++) {
		const json_t *ch = zdh_council_charter_at(c, at[i].day);
		snprintf(name, sizeof(name), "charter in force on %s", at[i].day);
		is_int(ch ? json_integer_value(json_object_get(ch, "version")) : -1, at[i].version, name);
	}
	is_str(zdh_charter_majority(zdh_council_charter_at(c, "2024-07-01"), "facility"), "unanimous",
	       "majority of a type the charter names");
	is_str(zdh_charter_majority(zdh_council_charter_at(c, "2024-07-01"), "budget"), "simple",
	       "majority of another type: the general rule");
	is_str(zdh_charter_majority(zdh_council_default_charter(), "charter"), "two-thirds",
	       "the default charter amends itself by two thirds");
	ok(zdh_charter_needs_consent(zdh_council_charter_at(c, "2024-07-01"), "facility"),
	   "version 2 asks written consent for facilities");
	ok(!zdh_charter_needs_consent(zdh_council_charter_at(c, "2024-03-01"), "facility"),
	   "version 1 did not");
	ok(zdh_member_votes(zdh_council_charter_at(c, "2024-03-01"), member, "2024-03-01"),
	   "a member votes under version 1");
	ok(!zdh_member_votes(zdh_council_charter_at(c, "2024-07-01"), member, "2024-07-01"),
	   "not under version 2 (only the chair votes)");
	ok(!zdh_member_in_term(member, "2025-01-01"), "a member whose term ended is out of term");
	ok(!zdh_member_in_term(member, "2024-01-09"), "and so is one whose term has not begun");
	ok(zdh_member_in_term(member, "2024-12-31"), "the last day of the term is in it");
	json_decref(c);
	json_decref(member);
}

static void day_table(void)
{
	static const struct { const char *s; int ok; } rows[] = {
		{ "2024-02-29", 1 }, { "2023-02-29", 0 }, { "2024-13-01", 0 }, { "2024-04-31", 0 },
		{ "2024-4-1", 0 }, { "2024-04-01x", 0 }, { "", 0 }, { "2000-02-29", 1 },
		{ "1900-02-29", 0 },
	};
	char name[60];

	for (size_t i = 0; i < sizeof(rows) / sizeof(*rows); i++) {
		snprintf(name, sizeof(name), "'%s' is %sa day", rows[i].s, rows[i].ok ? "" : "not ");
		is_int(zdh_council_check_day("day", rows[i].s), rows[i].ok ? 0 : ZDH_EINVALID, name);
	}
}

int main(void)
{
	quorum_table();
	majority_table();
	result_table();
	explain();
	vote_table();
	consent_table();
	charter_table();
	day_table();
	return done_testing();
}

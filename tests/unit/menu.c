/*
 * Unit tests of the menu's pure functions: the score of `menu match`
 * (table-driven: each row one situation and the parts it must give), the
 * order of candidates, id order, months and terms.
 */
#include "tap.h"

#include "menu.h"

static const struct {
	const char *name;
	struct zdh_match_input in;
	int category, place, capacity, rating, pair, total;
} scores[] = {
	/* cat listed open dist  cap used rated sum paired */
	{ "best: category, area listed, room, rated 5",
	  { 1, 1, 0, 0, 4, 0, 2, 10, 0 }, 40, 30, 20, 10, 0, 100 },
	{ "other category, area listed",
	  { 0, 1, 0, 0, 4, 0, 0, 0, 0 }, 0, 30, 20, 0, 0, 50 },
	{ "open offer, provider in the same district",
	  { 1, 0, 1, 1, 0, 0, 0, 0, 0 }, 40, 20, 5, 0, 0, 65 },
	{ "open offer, another district",
	  { 1, 0, 1, 0, 0, 0, 0, 0, 0 }, 40, 10, 5, 0, 0, 55 },
	{ "offer names other areas only",
	  { 1, 0, 0, 1, 0, 0, 0, 0, 0 }, 40, -30, 5, 0, 0, 15 },
	{ "full: used equals capacity",
	  { 1, 1, 0, 0, 2, 2, 0, 0, 0 }, 40, 30, -50, 0, 0, 20 },
	{ "over capacity (two offices paired the last place)",
	  { 1, 1, 0, 0, 2, 3, 0, 0, 0 }, 40, 30, -50, 0, 0, 20 },
	{ "one place of three left",
	  { 1, 1, 0, 0, 3, 2, 0, 0, 0 }, 40, 30, 10, 0, 0, 80 },
	{ "two places of three left",
	  { 1, 1, 0, 0, 3, 1, 0, 0, 0 }, 40, 30, 15, 0, 0, 85 },
	{ "rated 1 on average",
	  { 1, 1, 0, 0, 0, 0, 3, 3, 0 }, 40, 30, 5, -10, 0, 65 },
	{ "rated 3 on average: neutral",
	  { 1, 1, 0, 0, 0, 0, 2, 6, 0 }, 40, 30, 5, 0, 0, 75 },
	{ "rated 4.5 (truncated to tenths, then halves)",
	  { 1, 1, 0, 0, 0, 0, 2, 9, 0 }, 40, 30, 5, 7, 0, 82 },
	{ "rated 4.33 (13 / 3)",
	  { 1, 1, 0, 0, 0, 0, 3, 13, 0 }, 40, 30, 5, 6, 0, 81 },
	{ "already paired goes to the bottom",
	  { 1, 1, 0, 0, 4, 1, 1, 5, 1 }, 40, 30, 16, 10, -100, -4 },
	{ "nothing in common",
	  { 0, 0, 0, 0, 1, 1, 1, 1, 1 }, 0, -30, -50, -10, -100, -190 },
};

int main(void)
{
	for (size_t i = 0; i < sizeof(scores) / sizeof(scores[0]); i++) {
		struct zdh_match_score s;
		char name[200];

		zdh_match_score(&s, &scores[i].in);
		snprintf(name, sizeof(name), "%s: category %d place %d capacity %d rating %d pair %d = %d",
			 scores[i].name, scores[i].category, scores[i].place, scores[i].capacity,
			 scores[i].rating, scores[i].pair, scores[i].total);
		ok(s.category == scores[i].category && s.place == scores[i].place &&
		   s.capacity == scores[i].capacity && s.rating == scores[i].rating &&
		   s.pair == scores[i].pair && s.total == scores[i].total, name);
		if (s.total != scores[i].total)
			printf("#   got %d %d %d %d %d = %d\n", s.category, s.place, s.capacity,
			       s.rating, s.pair, s.total);
		is_int(s.total, s.category + s.place + s.capacity + s.rating + s.pair,
		       "the total is the sum of the parts");
	}

	/* order: higher score first, then id order */
	ok(zdh_match_order(80, "XQ-F9", 70, "XQ-F1") < 0, "higher score first");
	ok(zdh_match_order(70, "XQ-F2", 70, "XQ-F10") < 0, "a tie goes to the lower id (numerically)");
	ok(zdh_match_order(70, "XQ-F10", 70, "XQ-F2") > 0, "and the other way round");
	ok(zdh_match_order(70, "XQ-F2", 70, "YA-F1") < 0, "prefixes compare as bytes");
	is_int(zdh_match_order(70, "XQ-F2", 70, "XQ-F2"), 0, "the same candidate");

	ok(zdh_menu_id_cmp("XQ-N9", "XQ-N10") < 0, "id order: N9 before N10");
	ok(zdh_menu_id_cmp("XQ-N10", "XQ-N9") > 0, "id order: N10 after N9");
	ok(zdh_menu_id_cmp("X-N1", "XQ-N1") < 0, "a shorter prefix first");

	is_str(zdh_menu_kind_of("XQ-F3"), "offer", "F is an offer");
	is_str(zdh_menu_kind_of("XQ-N3"), "need", "N is a need");
	is_str(zdh_menu_kind_of("XQ-P3"), "pairing", "P is a pairing");
	is_str(zdh_menu_kind_of("XQ-Y3"), "delivery", "Y is a delivery");
	ok(!zdh_menu_kind_of("XQ-3"), "an issue id is no menu id");
	ok(!zdh_menu_kind_of("XQ"), "no dash, no kind");

	ok(!zdh_menu_month_check("2026-12"), "2026-12 is a month");
	ok(zdh_menu_month_check("2026-13"), "2026-13 is not");
	ok(zdh_menu_month_check("2026-1"), "2026-1 is not");
	ok(zdh_menu_month_check("2026-12-01"), "a day is not a month");

	ok(zdh_menu_term_covers("2026-12-15", "2027-01-10", "2026-12"), "a term covers its first month");
	ok(zdh_menu_term_covers("2026-12-15", "2027-01-10", "2027-01"), "and its last");
	ok(!zdh_menu_term_covers("2026-12-15", "2027-01-10", "2027-02"), "not the month after");
	ok(!zdh_menu_term_covers("2026-12-15", "2027-01-10", "2026-11"), "nor the month before");
	return done_testing();
}

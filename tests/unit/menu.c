/*
 * Unit tests of the menu's pure functions: the score of `menu match`
 * (table-driven: each row one situation and the parts it must give), the
 * order of candidates, id order, months and terms; and the replay of a
 * retire (offer, need, liaison) and a pairing's end, whose refusal of
 * data.set and "retired": true the kinds share (zdh_kind_check_no_set,
 * zdh_kind_apply_retired).
 */
#include "tap.h"

#include "error.h"
#include "kind.h"
#include "menu.h"
#include "visit.h"

/* check() of kind's op on state for an event whose data is the JSON data; 0 or the error. */
static int replay_check(const struct zdh_kind *kind, const char *op, const char *record,
			json_t *state, const char *data)
{
	struct zdh_event ev = { .kind = (char *)kind->name, .record = (char *)record,
				.op = (char *)op };
	int err;

	ev.data = json_loads(data, 0, NULL);
	err = zdh_kind_op(kind, op)->check(state, &ev);
	if (!err)
		zdh_kind_apply(kind, zdh_kind_op(kind, op), state, &ev);
	json_decref(ev.data);
	return err;
}

static void retire_and_end(void)
{
	const struct zdh_kind *retiring[] = { &zdh_kind_offer, &zdh_kind_need, &zdh_kind_liaison };

	for (size_t i = 0; i < 3; i++) {
		const char *k = retiring[i]->name;
		json_t *st = json_pack("{s:s}", "name", "x");
		char name[120];

		snprintf(name, sizeof(name), "%s retire with data.set: refused, the state kept", k);
		is_int(replay_check(retiring[i], "retire", "XQ-1", st,
				    "{\"set\": {\"phone\": \"1\"}, \"reason\": \"gone\"}"),
		       ZDH_EINVALID, name);
		is_str(zdh_error_msg(), "'retire' cannot set fields", "  its note names the operation");
		ok(!json_object_get(st, "retired") && !json_object_get(st, "phone"), "  state unchanged");
		snprintf(name, sizeof(name), "%s retire with an empty set: retired", k);
		is_int(replay_check(retiring[i], "retire", "XQ-1", st, "{\"set\": {}}"), 0, name);
		ok(json_is_true(json_object_get(st, "retired")) && json_object_size(st) == 2,
		   "  \"retired\": true and nothing else added");
		snprintf(name, sizeof(name), "%s retire of a retired one: refused as retired", k);
		is_int(replay_check(retiring[i], "retire", "XQ-1", st, "{}"), ZDH_ESTATE, name);
		json_decref(st);
	}
	{
		json_t *st = json_pack("{s:s}", "status", "active");

		is_int(replay_check(&zdh_kind_pairing, "end", "XQ-P1", st, "{\"set\": {\"x\": 1}}"),
		       ZDH_EINVALID, "pairing end with data.set: refused");
		is_str(zdh_error_msg(), "'end' cannot set fields", "  its note names the operation");
		is_int(replay_check(&zdh_kind_pairing, "end", "XQ-P1", st, "{}"), 0,
		       "pairing end without: ends it");
		json_decref(st);
	}
}

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

	retire_and_end();
	return done_testing();
}

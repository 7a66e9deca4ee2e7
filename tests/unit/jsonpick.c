/*
 * Unit tests of zdh_json_pick_strings (core/json.c): the strings it picks
 * out of objects equal jansson's values for the same keys — escapes,
 * \u escapes and surrogate pairs, nested objects and arrays skipped,
 * missing keys and keys whose value is not a string — and text that is
 * not a compact object is refused so the caller parses it in full.
 */
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "buf.h"
#include "json.h"
#include "tap.h"

static const char *const keys[] = { "body", "created", "links", "title", "zz" };
#define NKEYS (sizeof(keys) / sizeof(*keys))

static void agrees(const char *text)
{
	struct zdh_buf vals = ZDH_BUF_INIT;
	const char *got[NKEYS];
	json_t *j = json_loads(text, 0, NULL);
	char name[200];
	int same = 1;

	zdh_buf_puts(&vals, "before");
	zdh_buf_addch(&vals, '\0');
	snprintf(name, sizeof(name), "picks like jansson: %.60s", text);
	if (!ok(j && !zdh_json_pick_strings(text, strlen(text), keys, NKEYS, &vals, got), name)) {
		json_decref(j);
		zdh_buf_release(&vals);
		return;
	}
	for (size_t i = 0; i < NKEYS; i++) {
		const char *want = json_string_value(json_object_get(j, keys[i]));
		if (!want != !got[i] || (want && strcmp(want, got[i]))) {
			printf("#   %s: got %s, want %s\n", keys[i], got[i] ? got[i] : "(null)",
			       want ? want : "(null)");
			same = 0;
		}
	}
	ok(same, "  every key");
	ok(!strcmp(vals.ptr, "before"), "  what vals held before is kept");
	json_decref(j);
	zdh_buf_release(&vals);
}

static void refuses(const char *text)
{
	struct zdh_buf vals = ZDH_BUF_INIT;
	const char *got[NKEYS];
	char name[200];

	snprintf(name, sizeof(name), "refuses: %.60s", text);
	is_int(zdh_json_pick_strings(text, strlen(text), keys, NKEYS, &vals, got), -1, name);
	ok(!got[0] && !got[3] && !vals.len, "  and picks nothing");
	zdh_buf_release(&vals);
}

int main(void)
{
	agrees("{}");
	agrees("{\"title\":\"修楼道灯\"}");
	agrees("{\"body\":\"a \\\"quoted\\\" \\\\ line\\nnext\\ttab\\b\\f\\r\\/\",\"title\":\"x\"}");
	agrees("{\"title\":\"\\u00e9\\u4e2d\\ud83d\\ude00 \\u0001\"}");
	agrees("{\"a\":{\"title\":\"inner\",\"b\":[1,{\"c\":\"}\"}]},\"created\":\"2026-12-02T09:00:00+08:00\","
	       "\"links\":[{\"id\":\"XQ-1\",\"type\":\"dup\"}],\"n\":-12,\"t\":true,\"title\":\"outer\",\"u\":null}");
	agrees("{\"body\":\"\",\"title\":\"[{,:}]\",\"zz\":\"last\"}");
	agrees("{\"created\":5,\"title\":false}");
	refuses("");
	refuses("[\"title\",\"x\"]");
	refuses("{\"title\":\"x\"");
	refuses("{\"title\":\"x\"} ");
	refuses("{\"title\" : \"x\"}");
	refuses("{\"ti\\u0074le\":\"x\"}");
	refuses("{\"title\":\"bad \\q escape\"}");
	refuses("{\"title\":\"\\ud800 lone\"}");
	refuses("{\"title\":\"raw\ncontrol\"}");
	return done_testing();
}

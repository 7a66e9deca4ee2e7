/*
 * Unit tests of core/json.c: canonical JSON is byte for byte what jansson
 * writes with JSON_COMPACT | JSON_SORT_KEYS, for every kind of value.
 */
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "json.h"

static void same_as_jansson(const char *text, const char *name)
{
	json_error_t e;
	json_t *j = json_loads(text, JSON_DECODE_ANY, &e);
	struct zdh_buf b = ZDH_BUF_INIT;
	char *want;

	if (!ok(j != NULL, name)) {
		printf("#   cannot parse: %s\n", e.text);
		return;
	}
	want = json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS | JSON_ENCODE_ANY);
	ok(zdh_json_canonical(&b, j) == 0, "encodes");
	is_str(b.ptr, want, name);
	free(want);
	zdh_buf_release(&b);
	json_decref(j);
}

int main(void)
{
	struct zdh_buf b = ZDH_BUF_INIT;
	json_t *j;

	same_as_jansson("{}", "empty object");
	same_as_jansson("[]", "empty array");
	same_as_jansson("{\"b\":1,\"a\":2,\"aa\":[1,2,{\"z\":null,\"y\":true}]}", "keys sorted, nested");
	same_as_jansson("{\"新桥\":\"延安公寓\",\"A\":\"a\",\"é\":\"\\u00e9\"}", "UTF-8 keys sorted by bytes, kept unescaped");
	same_as_jansson("\"\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u0001 \\u001f \\u007f\"", "every escape jansson makes");
	same_as_jansson("[-9223372036854775807, 0, 42, false, true, null]", "integers and literals");
	same_as_jansson("[-9223372036854775808, 9223372036854775807, -1, 7, 10, 1000000]",
			"integers at their bounds, by hand as by snprintf");
	same_as_jansson("{\"k1\":1,\"k10\":2,\"k2\":3,\"k3\":4,\"k4\":5,\"k5\":6,\"k6\":7,\"k7\":8,"
			"\"k8\":9,\"k9\":10,\"k11\":11,\"k12\":12,\"k13\":13,\"k14\":14,\"k15\":15,"
			"\"k16\":16,\"k17\":17}", "more keys than the stack array");
	same_as_jansson("\"😀 emoji stays as it is\"", "4-byte UTF-8");

	j = json_pack("{s:f}", "x", 1.5);
	zdh_buf_puts(&b, "keep");
	ok(zdh_json_canonical(&b, j) == -1, "a real number is refused");
	is_str(b.ptr, "keep", "and nothing is appended");
	json_decref(j);
	zdh_buf_release(&b);
	return done_testing();
}

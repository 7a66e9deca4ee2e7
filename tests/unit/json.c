/*
 * Unit tests of core/json.c: canonical JSON is byte for byte what jansson
 * writes with JSON_COMPACT | JSON_SORT_KEYS, for every kind of value.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "json.h"
#include "plain16.h"

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

/* A string as the writer escapes it, a byte at a time. */
static void escaped(struct zdh_buf *out, const char *s, size_t len)
{
	zdh_buf_addch(out, '"');
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		switch (c) {
		case '"': zdh_buf_puts(out, "\\\""); break;
		case '\\': zdh_buf_puts(out, "\\\\"); break;
		case '\b': zdh_buf_puts(out, "\\b"); break;
		case '\f': zdh_buf_puts(out, "\\f"); break;
		case '\n': zdh_buf_puts(out, "\\n"); break;
		case '\r': zdh_buf_puts(out, "\\r"); break;
		case '\t': zdh_buf_puts(out, "\\t"); break;
		default:
			if (c < 0x20)
				zdh_buf_addf(out, "\\u%04X", c);
			else
				zdh_buf_addch(out, c);
		}
	}
	zdh_buf_addch(out, '"');
}

/*
 * Strings are written eight bytes at a time up to the first byte to
 * escape: one such byte (and two together) at every place of strings of
 * 0 to 24 bytes, over ASCII and over UTF-8 (cut anywhere: the writer
 * does not read characters), as a byte at a time writes them.
 */
static void escapes_at_every_place(void)
{
	static const char specials[] = { '"', '\\', '\n', '\t', '\b', 0x01, 0x1f, 0x7f, '/', 0x20 };
	static const char *const fills[] = { "abcdefghijklmnopqrstuvwxyz", "新桥延安公寓天津路" };
	int bad = 0, n = 0;

	for (size_t f = 0; f < 2; f++)
		for (size_t len = 0; len <= 24; len++)
			for (size_t at = 0; at <= len; at++)
				for (size_t k = 0; k < sizeof(specials); k++) {
					char text[32];
					struct zdh_buf got = ZDH_BUF_INIT, want = ZDH_BUF_INIT;
					json_t *j;

					memcpy(text, fills[f], len);
					if (at < len)
						text[at] = specials[k];
					if (at + 1 < len)
						text[at + 1] = specials[(k + 3) % sizeof(specials)];
					j = json_stringn_nocheck(text, len);
					escaped(&want, text, len);
					if (zdh_json_canonical(&got, j) || got.len != want.len ||
					    memcmp(got.ptr, want.ptr, want.len)) {
						if (!bad++)
							printf("#   got %s, want %s\n", got.ptr, want.ptr);
					}
					n++;
					zdh_buf_release(&got);
					zdh_buf_release(&want);
					json_decref(j);
				}
	ok(!bad && n == 2 * 325 * 10, "an escape at every place of a string of 0 to 24 bytes");
}

/* The first byte of n at p that ends a run of plain string text, a byte at a time (zdh_plain16()'s). */
static unsigned plain_ref(const unsigned char *p, unsigned n, int ascii_only)
{
	unsigned i = 0;

	while (i < n && p[i] >= 0x20 && p[i] != '"' && p[i] != '\\' && !(ascii_only && p[i] >= 0x80))
		i++;
	return i;
}

/* zdh_plain16() against plain_ref(): every byte at every place, and random runs; the count of differences. */
static int plain16_differs(void)
{
	int bad = 0;
#ifdef __SSE2__
	unsigned char b[16];

	for (int ascii = 0; ascii <= 1; ascii++) {
		for (int at = 0; at < 16; at++)
			for (int c = 0; c < 256; c++) {
				memset(b, 'a', sizeof(b));
				b[at] = (unsigned char)c;
				bad += zdh_plain16(b, ascii) != plain_ref(b, 16, ascii);
			}
		srand(7);
		for (int k = 0; k < 200000; k++) {
			for (int i = 0; i < 16; i++)
				b[i] = (unsigned char)(rand() % 8 ? 0x20 + rand() % 0x60 : rand() % 256);
			bad += zdh_plain16(b, ascii) != plain_ref(b, 16, ascii);
		}
	}
#endif
	return bad;
}

/*
 * Integers are written two digits at a time: every number to 100,000 and
 * each power of ten, one less and negated, as snprintf writes them.
 */
static void integers_as_printf(void)
{
	int bad = 0, n = 0;
	long long p = 1;

	for (long long v = -1000; v <= 100000; v++, n++) {
		char want[32], got[ZDH_DECIMAL_MAX + 1];
		snprintf(want, sizeof(want), "%lld", v);
		*zdh_decimal(got, v) = '\0';
		if (strcmp(got, want) && !bad++)
			printf("#   got %s, want %s\n", got, want);
	}
	for (int i = 0; i < 19; i++) {
		if (i)
			p *= 10;	/* (not after the last: 10^19 is beyond a long long) */
		for (long long v = p - 1; v <= p; v++)
			for (int sign = -1; sign <= 1; sign += 2, n++) {
				char want[32], got[ZDH_DECIMAL_MAX + 1];
				snprintf(want, sizeof(want), "%lld", sign * v);
				*zdh_decimal(got, sign * v) = '\0';
				if (strcmp(got, want) && !bad++)
					printf("#   got %s, want %s\n", got, want);
			}
	}
	for (int i = 0; i < 2; i++, n++) {
		long long v = i ? LLONG_MAX : LLONG_MIN;
		char want[32], got[ZDH_DECIMAL_MAX + 1];
		snprintf(want, sizeof(want), "%lld", v);
		*zdh_decimal(got, v) = '\0';
		if (strcmp(got, want) && !bad++)
			printf("#   got %s, want %s\n", got, want);
	}
	ok(!bad && n == 101001 + 19 * 4 + 2, "integers written as snprintf writes them");
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
	escapes_at_every_place();
	integers_as_printf();

	j = json_pack("{s:f}", "x", 1.5);
	zdh_buf_puts(&b, "keep");
	ok(zdh_json_canonical(&b, j) == -1, "a real number is refused");
	is_str(b.ptr, "keep", "and nothing is appended");
	json_decref(j);
	zdh_buf_release(&b);
	is_int(plain16_differs(), 0, "plain text 16 bytes at a time: where a byte at a time stops");
	return done_testing();
}

/*
 * Unit tests of zdh_json_parse (core/json.c): for every document, valid or
 * not, it decides as json_loadb(text, len, JSON_REJECT_DUPLICATES) does and
 * builds an equal value.  A table of the rules' corners, then a seeded fuzz
 * loop over mutated events.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "json.h"

/* Both parsers on an exact-size heap copy, so reading past the span shows
   under ASan.  Returns 1 when they agree (decision, value, encoding);
   *accepted is jansson's decision. */
static int canonical_wrong;
/* zdh_json_canonical_valid() against the parser and the canonical check: wrong, and said 1 */
static int valid_wrong, valid_yes;

static int agree(const char *text, size_t len, int *accepted, int verbose)
{
	char *copy = malloc(len ? len : 1);
	json_error_t je, ze;
	json_t *j, *z, *z2;
	int same = 1;

	memcpy(copy, text, len);
	j = json_loadb(copy, len, JSON_REJECT_DUPLICATES, &je);
	z = zdh_json_parse(copy, len, &ze);
	z2 = zdh_json_parse(copy, len, NULL);
	*accepted = j != NULL;
	{
		/* 1 exactly for an object the parser takes and that is canonical, surely */
		int valid = zdh_json_canonical_valid(copy, len);
		int want = z && json_is_object(z) && zdh_json_canonical_text(copy, len) == 1;

		valid_yes += valid;
		if (valid != want) {
			valid_wrong++;
			same = 0;
			if (verbose)
				printf("#   canonical and valid: said %d, is %d\n", valid, want);
		}
		/* its span, the text followed by more: the same, and the end found */
		{
			char *more = malloc(len + 9);
			size_t used = SIZE_MAX;
			int span;

			memcpy(more, text, len);
			memcpy(more + len, ",\"date\":", 9);
			span = zdh_json_canonical_valid_span(more, len + 9, JSON_PARSER_MAX_DEPTH, &used);
			if ((valid && (!span || used != len)) ||
			    (span && (used > len + 9 || !zdh_json_canonical_valid(more, used)))) {
				valid_wrong++;
				same = 0;
				if (verbose)
					printf("#   its span: said %d (%zu of %zu)\n", span, used, len);
			}
			free(more);
		}
	}
	if (!j != !z || !z != !z2) {
		same = 0;
		if (verbose)
			printf("#   jansson %s (%s), zdh %s (%s)\n", j ? "accepts" : "rejects",
			       j ? "" : je.text, z ? "accepts" : "rejects", z ? "" : ze.text);
	} else if (j) {
		char *a = json_dumps(j, JSON_SORT_KEYS | JSON_COMPACT | JSON_ENCODE_ANY);
		char *b = json_dumps(z, JSON_SORT_KEYS | JSON_COMPACT | JSON_ENCODE_ANY);
		struct zdh_buf ca = ZDH_BUF_INIT, cb = ZDH_BUF_INIT;
		int ra = zdh_json_canonical(&ca, j), rb = zdh_json_canonical(&cb, z);

		/* the one-pass canonical check agrees with encoding again */
		int canon = ra == 0 && ca.len == len && !memcmp(ca.ptr, text, len);
		int told = json_is_object(z) || json_is_array(z) ? zdh_json_canonical_text(text, len) : canon;

		if (!json_equal(j, z) || !json_equal(z, z2) || !a || !b || strcmp(a, b) ||
		    ra != rb || strcmp(ca.ptr, cb.ptr) || ze.text[0]) {
			same = 0;
			if (verbose)
				printf("#   values differ:\n#   jansson %s\n#   zdh     %s\n", a, b);
		} else if (told >= 0 && told != canon) {
			same = 0;
			canonical_wrong++;
			if (verbose)
				printf("#   canonical text: said %d, is %d\n", told, canon);
		}
		free(a);
		free(b);
		zdh_buf_release(&ca);
		zdh_buf_release(&cb);
	} else if (!ze.text[0] || strchr(ze.text, '\n') || strlen(ze.text) > 80 ||
		   ze.line < 1 || ze.column < 0 || ze.position < 0 || (size_t)ze.position > len) {
		same = 0;
		if (verbose)
			printf("#   bad error: '%s' at %d:%d (%d)\n", ze.text, ze.line, ze.column, ze.position);
	}
	if (j)
		json_decref(j);
	if (z)
		json_decref(z);
	if (z2)
		json_decref(z2);
	free(copy);
	return same;
}

/* One table row: jansson must decide as the row says, and zdh as jansson. */
static void check(const char *text, size_t len, int want, const char *name)
{
	int accepted, same = agree(text, len, &accepted, 1);

	if (!ok(accepted == want, name))
		printf("#   jansson %s it\n", accepted ? "accepts" : "rejects");
	ok(same, "  zdh_json_parse agrees");
}
#define YES(s) check((s), sizeof(s) - 1, 1, "accepts " #s)
#define NO(s) check((s), sizeof(s) - 1, 0, "rejects " #s)

/* n arrays around inner. */
static void nested(int n, const char *inner, int want, const char *name)
{
	struct zdh_buf b = ZDH_BUF_INIT;
	int i;

	for (i = 0; i < n; i++)
		zdh_buf_addch(&b, '[');
	zdh_buf_puts(&b, inner);
	for (i = 0; i < n; i++)
		zdh_buf_addch(&b, ']');
	check(b.ptr, b.len, want, name);
	zdh_buf_release(&b);
}

static void nested_objects(int n, int want, const char *name)
{
	struct zdh_buf b = ZDH_BUF_INIT;
	int i;

	for (i = 0; i < n; i++)
		zdh_buf_puts(&b, i ? "\"k\":{" : "{");
	for (i = 0; i < n; i++)
		zdh_buf_addch(&b, '}');
	check(b.ptr, b.len, want, name);
	zdh_buf_release(&b);
}

static const char *corpus[] = {
	"{\"actor\":{\"email\":\"bench@example.org\",\"name\":\"bench\"},\"clock\":39999,"
	"\"data\":{\"set\":{\"dept\":\"房管办\",\"due\":\"2026-12-04\",\"title\":\"楼道堆物 bench issue 10000\"}},"
	"\"date\":\"2026-11-27T17:06:14+08:00\",\"kind\":\"issue\",\"op\":\"claim\",\"record\":\"BN-10000\","
	"\"replica\":\"bench\",\"seen\":\"db6318136157272e267a69ba763a8b9ff0c02079\",\"v\":1}",
	"{\"actor\":{\"dept\":\"新桥居委会\",\"email\":\"wangfang@example.org\",\"name\":\"王芳\"},"
	"\"clock\":42,\"data\":{\"set\":{\"kind\":\"area\",\"name\":\"新桥\"}},"
	"\"date\":\"2025-11-27T14:03:00+08:00\",\"kind\":\"org\",\"op\":\"add\","
	"\"record\":\"XQ-O3\",\"replica\":\"xinqiao\",\"seen\":null,\"v\":1}",
	"{\"actor\":{\"email\":\"li@example.org\",\"name\":\"李明\"},\"clock\":7,"
	"\"data\":{\"note\":\"三楼漏水，已通知物业。\\n联系人：\\\"张师傅\\\"\\t电话 138-0000-0000\","
	"\"set\":{\"status\":\"open\",\"tags\":[\"漏水\",\"紧急\",\"\\u4e09\\u697c\"]}},"
	"\"date\":\"2026-01-02T08:00:00+08:00\",\"kind\":\"issue\",\"op\":\"comment\",\"record\":\"XQ-12\","
	"\"replica\":\"laptop\",\"seen\":\"0123456789abcdef0123456789abcdef01234567\",\"v\":1}",
	"{\"actor\":{\"email\":\"zhao@example.org\",\"name\":\"赵\\u4e3d \\ud83d\\ude00\"},\"clock\":-3,"
	"\"data\":{\"attach\":{\"name\":\"照片 1.jpg\",\"size\":1048576,\"ok\":true,\"old\":false,"
	"\"path\":\"a\\/b\\\\c\"},\"set\":{}},\"date\":\"2026-03-04T05:06:07+08:00\",\"kind\":\"issue\","
	"\"op\":\"attach\",\"record\":\"XQ-99\",\"replica\":\"phone\",\"seen\":null,\"v\":1,\"x\":[[],{},0,-0,1.5e3]}",
	"[{\"field\":\"status\",\"events\":[\"aaaa\",\"bbbb\"]},{\"field\":\"标题\",\"events\":[\"cc\",\"dd\"]}]",
};

static uint64_t rng = 0x9e3779b97f4a7c15ull;

static unsigned rnd(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng % n);
}

/* A few random edits of a corpus document. */
static void mutate(struct zdh_buf *b)
{
	static const char *const bits[] = {
		"\"", "\\", "{", "}", "[", "]", ",", ":", "\xe4", "\x80", "\xff", "\xc0",
		"\xed\xa0\x80", "\xf0\x9f", "\xc3\xa9", "", "u", "0", "9", "e", "-", ".", " ",
		"\\u", "\\ud83d", "\\udc00", "\\u0000", "\\n", "\n", "\t", "\x01", "true", "nul",
		"1e400", "99999999999999999999", "\"a\":1,", "\"actor\":0,",
	};
	int edits = 1 + (int)rnd(3), i;

	for (i = 0; i < edits; i++) {
		size_t at = b->len ? rnd((unsigned)b->len + 1) : 0;
		struct zdh_buf t = ZDH_BUF_INIT;

		switch (rnd(6)) {
		case 0:		/* flip a bit */
			if (at < b->len)
				b->ptr[at] ^= (char)(1 << rnd(8));
			break;
		case 1:		/* any byte */
			if (at < b->len)
				b->ptr[at] = (char)rnd(256);
			break;
		case 2:		/* truncate */
			zdh_buf_setlen(b, at);
			break;
		case 3:		/* drop a byte */
			if (at < b->len) {
				memmove(b->ptr + at, b->ptr + at + 1, b->len - at - 1);
				zdh_buf_setlen(b, b->len - 1);
			}
			break;
		default: {	/* insert something that matters to a lexer */
			const char *s = bits[rnd(sizeof(bits) / sizeof(*bits))];
			size_t n = strlen(s) ? strlen(s) : 1;	/* "" is a NUL byte */

			zdh_buf_add(&t, b->ptr, at);
			zdh_buf_add(&t, s, n);
			zdh_buf_add(&t, b->ptr + at, b->len - at);
			zdh_buf_release(b);
			*b = t;
			break;
		}
		}
	}
}

int main(void)
{
	struct zdh_buf b = ZDH_BUF_INIT;
	json_error_t e;
	json_t *j;
	int i, n, bad = 0, yes = 0, no = 0;

	/* the top level: one object or array, white space around it */
	YES("{}");
	YES("[]");
	YES(" \t\r\n{} \t\r\n");
	NO("");
	NO(" \n ");
	NO("1");
	NO("\"a\"");
	NO("true");
	NO("null");
	NO("{}x");
	NO("{} {}");
	NO("[]]");
	NO("[");
	NO("{");
	NO("]");
	NO("\xef\xbb\xbf{}");		/* a BOM */
	NO("\f{}");
	NO("\v{}");
	NO("\xc2\xa0{}");		/* no-break space */
	NO("/**/{}");
	NO("{}//");
	NO("{}\0");
	NO("\0{}");
	NO("[1,\0 2]");
	NO("[\"a\0b\"]");
	NO("{\"a\0\":1}");

	/* structure */
	YES("[ 1 , 2 ]");
	YES("{\"a\" : 1 , \"b\" :[ ] }");
	NO("[1,]");
	NO("[,1]");
	NO("[1 2]");
	NO("[\"a\" \"b\"]");
	NO("{\"a\":1,}");
	NO("{\"a\"}");
	NO("{\"a\" 1}");
	NO("{\"a\":}");
	NO("{1:2}");
	NO("{'a':1}");
	NO("{a:1}");
	NO("{\"a\":1 \"b\":2}");
	NO("[}");
	NO("{]");

	/* literals */
	YES("[true,false,null]");
	NO("[True]");
	NO("[TRUE]");
	NO("[nul]");
	NO("[nulll]");
	NO("[truex]");
	NO("[true1]");
	NO("[t]");
	NO("[NaN]");
	NO("[Infinity]");
	NO("[-Infinity]");
	NO("[\xc3\xa9]");		/* UTF-8 outside a string */

	/* numbers */
	YES("[0,-0,1,-1,42,1234567890]");
	YES("[9223372036854775807]");
	YES("[-9223372036854775808]");
	NO("[9223372036854775808]");
	NO("[-9223372036854775809]");
	NO("[99999999999999999999]");
	NO("[01]");
	NO("[-01]");
	NO("[00]");
	NO("[+1]");
	NO("[-]");
	NO("[1.]");
	NO("[.5]");
	NO("[1.e5]");
	NO("[1e]");
	NO("[1e+]");
	NO("[1e-]");
	NO("[0x10]");
	NO("[1_000]");
	YES("[1.5,-1.5e10,1E5,1e+5,1e-5,0.0,-0.0,0e0,0E+0,-0.5e-1]");
	YES("[1.7976931348623157e308,2.2250738585072014e-308,4.9e-324]");
	YES("[1e-400,-1e-400]");	/* underflow is not an error */
	NO("[1e400]");
	NO("[-1e400]");
	NO("[1.8e308]");
	YES("[100000000000000000000000000000000000000000000000000000000000000000000000.5]");
	YES("{\"a\":-0,\"b\":-0.0}");

	/* strings */
	YES("[\"\",\"a\",\"中文\",\"😀\",\"\x7f\"]");
	YES("[\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"]");
	YES("[\"\\u0001\\u001f\\u0061\\u00e9\\u4e2d\\u07ff\\u0800\\uffff\\ufeff\"]");
	YES("[\"\\ud83d\\ude00\"]");
	YES("[\"\\uD83D\\uDE00\"]");
	YES("[\"\\udbff\\udfff\"]");
	YES("[\"x\\ud800\\udc00y\"]");
	NO("[\"\\udc00\"]");
	NO("[\"\\udfff\"]");
	NO("[\"\\ud83d\"]");
	NO("[\"\\ud83dx\"]");
	NO("[\"\\ud83d\\u0041\"]");
	NO("[\"\\ud83d\\ud83d\"]");
	NO("[\"\\ude00\\ud83d\"]");
	NO("[\"\\ud83d\\n\"]");
	NO("[\"\\u0000\"]");
	NO("[\"a\\u0000b\"]");
	NO("{\"\\u0000\":1}");
	NO("{\"a\\u0000b\":1}");
	NO("[\"\\x\"]");
	NO("[\"\\U0041\"]");
	NO("[\"\\'\"]");
	NO("[\"\\u12\"]");
	NO("[\"\\u12g4\"]");
	NO("[\"\\u\"]");
	NO("[\"\\");
	NO("[\"abc");
	NO("[\"abc\\\"]");
	NO("[\"a\nb\"]");
	NO("[\"a\tb\"]");
	NO("[\"\x01\"]");
	NO("[\"\x1f\"]");
	NO("{\"a\":\"b\n\"}");
	/* the same inside long runs, which are scanned a word at a time */
	YES("[\"abcdefghijklmnopqrstuvwxyz 0123456789 ABCDEFGHIJKLMNOPQRSTUVWXYZ\"]");
	YES("[\"abcdefghijk\\\"lmnopqrstuvw\\\\xyz0123456789\\u4e2dabcdefghijklmnop\"]");
	NO("[\"abcdefghijklm\x01nopqrstuvwxyz\"]");
	NO("[\"abcdefghijklmnopqrstuvwxy\x1f\"]");
	NO("[\"abcdefghijklmno\xc0\x80pqrstuvwxyz\"]");
	NO("[\"abcdefghijklmnopqrstuvwxyz\xff\"]");
	NO("[\"abcdefghijklmnopqrs\ntuvwxyz\"]");
	NO("[\"abcdefghijklmnopq\\qrstuvwxyz\"]");
	NO("[\"abcdefghijklmnopqrstuvwxyz0123");

	/* UTF-8 */
	YES("[\"\xc2\x80\xdf\xbf\xe0\xa0\x80\xef\xbf\xbf\xf0\x90\x80\x80\xf4\x8f\xbf\xbf\"]");
	YES("[\"\xed\x9f\xbf\xee\x80\x80\"]");	/* either side of the surrogates */
	NO("[\"\xc0\x80\"]");		/* overlong NUL */
	NO("[\"\xc1\xbf\"]");
	NO("[\"\xe0\x80\x80\"]");
	NO("[\"\xe0\x9f\xbf\"]");
	NO("[\"\xf0\x80\x80\x80\"]");
	NO("[\"\xf0\x8f\xbf\xbf\"]");
	NO("[\"\xed\xa0\x80\"]");	/* an encoded surrogate */
	NO("[\"\xed\xbf\xbf\"]");
	NO("[\"\xf4\x90\x80\x80\"]");	/* above U+10FFFF */
	NO("[\"\xf5\x80\x80\x80\"]");
	NO("[\"\xf8\x88\x80\x80\x80\"]");
	NO("[\"\xff\"]");
	NO("[\"\xfe\"]");
	NO("[\"\x80\"]");		/* lone continuation */
	NO("[\"\xe4\xb8\"]");		/* cut short */
	NO("[\"\xe4\xb8");
	NO("[\"\xe4\"]");
	NO("[\"\xf0\x9f\x98\"]");
	NO("[\"\xc3\xa9\xa9\"]");
	NO("{\"\xff\":1}");

	/* keys */
	YES("{\"\":1}");
	YES("{\"a\":1,\"A\":2,\"a \":3}");
	YES("{\"a\":{\"a\":{\"a\":1}}}");
	YES("{\"\\u0061\":1,\"b\":\"\\n\"}");
	NO("{\"a\":1,\"a\":2}");
	NO("{\"a\":1,\"\\u0061\":2}");
	NO("{\"x\":{\"a\":1,\"a\":2}}");
	NO("[{\"a\":1},{\"b\":{\"c\":1,\"c\":[]}}]");
	NO("{\"中\":1,\"\\u4e2d\":2}");
	/* a key after the greatest so far is no duplicate: keys out of order, escaped, repeated */
	YES("{\"a\":1,\"ab\":2,\"b\":3,\"中\":4}");
	YES("{\"b\":1,\"a\":2,\"c\":3}");
	NO("{\"a\":1,\"b\":2,\"a\":3}");
	NO("{\"a\":1,\"ab\":2,\"ab\":3}");
	NO("{\"b\":1,\"a\":2,\"c\":3,\"a\":4}");
	NO("{\"a\":1,\"\\u0062\":2,\"b\":3}");
	NO("{\"\\u0061\":1,\"b\":2,\"a\":3}");
	NO("{\"中\":1,\"a\":2,\"中\":3}");
	NO("{\"abcdefghij\":1,\"abcdefghijk\":2,\"abcdefghij\":3}");
	NO("{\"x\":{\"a\":1},\"y\":{\"b\":1,\"c\":2,\"b\":3}}");
	YES("{\"\\n\":{\"\\t\":\"\\r\",\"\\u4e2d\":[\"\\\"\"]},\"\\\\\":\"\\/\"}");

	/* depth: every value counts, the top one is 1 */
	nested(JSON_PARSER_MAX_DEPTH, "", 1, "arrays as deep as the limit");
	nested(JSON_PARSER_MAX_DEPTH + 1, "", 0, "arrays one past the limit");
	nested(JSON_PARSER_MAX_DEPTH - 1, "1", 1, "a number at the limit");
	nested(JSON_PARSER_MAX_DEPTH, "1", 0, "a number one past the limit");
	nested(JSON_PARSER_MAX_DEPTH - 1, "{}", 1, "an object at the limit");
	nested(JSON_PARSER_MAX_DEPTH, "{}", 0, "an object past the limit");
	nested(100000, "", 0, "100,000 arrays");
	nested_objects(JSON_PARSER_MAX_DEPTH, 1, "objects as deep as the limit");
	nested_objects(JSON_PARSER_MAX_DEPTH + 1, 0, "objects one past the limit");

	/* long strings, past the 512 bytes the scratch buffer starts with */
	zdh_buf_puts(&b, "{\"");
	for (i = 0; i < 300; i++)
		zdh_buf_puts(&b, "\\u4e2d");
	zdh_buf_puts(&b, "\":{\"");
	for (i = 0; i < 300; i++)
		zdh_buf_puts(&b, "k\\n");
	zdh_buf_puts(&b, "\":[\"");
	for (i = 0; i < 2000; i++)
		zdh_buf_puts(&b, "楼\\t");
	zdh_buf_puts(&b, "\"]},\"x\":\"");
	for (i = 0; i < 3000; i++)
		zdh_buf_puts(&b, "ab");
	zdh_buf_puts(&b, "\"}");
	check(b.ptr, b.len, 1, "long escaped keys and values, nested");
	zdh_buf_reset(&b);

	for (i = 0; i < (int)(sizeof(corpus) / sizeof(*corpus)); i++)
		check(corpus[i], strlen(corpus[i]), 1, "a corpus event");

	/* errors: one short line, where it happened */
	j = zdh_json_parse("{\n  \"a\": 1,\n  \"a\": 2\n}", 22, &e);
	ok(!j, "a duplicate key");
	ok(!strchr(e.text, '\n') && strlen(e.text) < 80, "the error is one short line");
	is_int(e.line, 3, "  on line 3");
	ok(e.position > 12 && e.position <= 22, "  at a position past the first key");
	ok(json_error_code(&e) == json_error_duplicate_key, "  with jansson's error code");
	j = zdh_json_parse("[\"\\udc00\"]", 10, NULL);
	ok(!j, "no error structure is needed");
	j = zdh_json_parse("[1]", 3, &e);
	ok(j && e.text[0] == '\0', "success leaves no error text");
	json_decref(j);

	/* the fuzz loop: mutated events, same decision and value as jansson */
	for (n = 0; n < 6000; n++) {
		int accepted;

		zdh_buf_reset(&b);
		zdh_buf_puts(&b, corpus[rnd(sizeof(corpus) / sizeof(*corpus))]);
		mutate(&b);
		if (!agree(b.ptr, b.len, &accepted, bad < 5)) {
			if (bad++ < 5) {
				printf("#   fuzz case %d: '", n);
				fwrite(b.ptr, 1, b.len, stdout);
				printf("'\n");
			}
		}
		if (accepted)
			yes++;
		else
			no++;
	}
	is_int(bad, 0, "6000 mutated events: zdh_json_parse decides as jansson does");
	is_int(canonical_wrong, 0, "  and zdh_json_canonical_text tells canonical text as encoding again does");
	{
		static const struct { const char *text; int want; } ct[] = {
			{ "{\"a\":1,\"b\":[true,false,null,\"x\\ny\\u001F\"]}", 1 },
			{ "{\"b\":1,\"a\":2}", 0 }, { "{\"a\": 1}", 0 }, { "[-0]", 0 },
			{ "[1.0]", 0 }, { "[\"\\u000a\"]", 0 }, { "[\"\\/\"]", 0 },
			{ "[\"\\u001f\"]", 0 }, { "{\"\\u0001\":1,\"a\":2}", -1 }, { "{}", 1 }, { "[]", 1 },
			{ "{\"ab\":1,\"a\":2}", 0 }, { "{\"a\":1,\"ab\":2}", 1 }, { "[10,-3]", 1 },
		};
		for (size_t i = 0; i < sizeof(ct) / sizeof(*ct); i++)
			is_int(zdh_json_canonical_text(ct[i].text, strlen(ct[i].text)), ct[i].want, ct[i].text);
	}
	is_int(valid_wrong, 0, "  and zdh_json_canonical_valid says 1 exactly for canonical objects it takes");
	ok(valid_yes > 300, "  (and says 1 for some)");
	{
		static const struct { const char *text; int want; } cv[] = {
			{ "{\"a\":-9223372036854775808}", 1 }, { "{\"a\":9223372036854775807}", 1 },
			{ "{\"a\":9223372036854775808}", 0 }, { "{\"a\":-9223372036854775809}", 0 },
			{ "{\"a\":\"\\u0000\"}", 0 }, { "{\"a\":\"\\u0001\"}", 1 },
			{ "{\"a\":\"\xc0\x80\"}", 0 }, { "{\"a\":\"\xed\xa0\x80\"}", 0 },
			{ "{\"a\":\"\xe4\xb8\xad\"}", 1 }, { "{\"a\":\"\xe4\xb8\"}", 0 },
			{ "{\"\\u0001\":1}", 1 }, { "{\"\\u0001\":1,\"a\":2}", 0 }, { "{\"b\":1,\"a\":2}", 0 }, { "{}", 1 }, { "[]", 0 },
			{ "{\"a\":[1,{\"b\":null}]}", 1 }, { "{\"a\":1} ", 0 }, { "", 0 },
		};
		for (size_t i = 0; i < sizeof(cv) / sizeof(*cv); i++)
			is_int(zdh_json_canonical_valid(cv[i].text, strlen(cv[i].text)), cv[i].want, cv[i].text);
	}
	{
		/* strings of eight bytes and more, read a word at a time */
		static const struct { const char *text; int want; } cv[] = {
			{ "{\"title\":\"bench issue closed 4711\"}", 1 },
			{ "{\"title\":\"bench issue\\nclosed\"}", 1 },
			{ "{\"title\":\"bench issue\\\"closed\\\\\"}", 1 },
			{ "{\"title\":\"bench issue\tclosed\"}", 0 },
			{ "{\"title\":\"bench is\x7f\"}", 1 },
			{ "{\"title\":\"bench issue\\u0000\"}", 0 },
			{ "{\"title\":\"bench issue\\u001F\"}", 1 },
			{ "{\"title\":\"bench issue\\u001f\"}", 0 },
			{ "{\"title\":\"bench issue\\/\"}", 0 },
			{ "{\"title\":\"楼道堆物楼道堆物\",\"z\":\"abcdefgh中\"}", 1 },
			{ "{\"title\":\"abcdefgh\xe4\xb8\"}", 0 },
			{ "{\"title\":\"abcdefgh\xe4\xb8\xad\xe4\xb8\"}", 0 },
			{ "{\"title\":\"abcdefgh\xc0\x80" "abcdefgh\"}", 0 },
			{ "{\"title\":\"abcdefgh\xed\xa0\x80" "abcdefgh\"}", 0 },
			{ "{\"title\":\"abcdefghijklmnop", 0 },
			{ "{\"title\":\"abcdefghijklmnop\"", 0 },
			{ "{\"title\":\"abcdefghijklmnop\\", 0 },
			{ "{\"abcdefghij\\u0001\":1}", 1 },
			{ "{\"abcdefghij\":1,\"abcdefghi\":2}", 0 },
			{ "{\"abcdefghi\":1,\"abcdefghij\":2}", 1 },
		};
		for (size_t i = 0; i < sizeof(cv) / sizeof(*cv); i++) {
			size_t len = strlen(cv[i].text), used = SIZE_MAX;
			char *more = malloc(len + 3);

			is_int(zdh_json_canonical_valid(cv[i].text, len), cv[i].want, cv[i].text);
			/* followed by more, or cut short: the span ends where the object does */
			memcpy(more, cv[i].text, len);
			memcpy(more + len, "}x\"", 3);
			is_int(zdh_json_canonical_valid_span(more, len + 3, JSON_PARSER_MAX_DEPTH, &used) && used == len,
			       cv[i].want, "  its span, followed by more");
			is_int(zdh_json_canonical_valid_span(more, len ? len - 1 : 0, JSON_PARSER_MAX_DEPTH, &used), 0,
			       "  and cut a byte short, none");
			free(more);
		}
		/* the text scan alone (zdh_json_canonical_text), which takes any byte above 0x7f */
		is_int(zdh_json_canonical_text("[\"abcdefgh\xe4\xb8\"]", 14), 1,
		       "canonical text: a long string's bytes above 0x7f not checked");
		is_int(zdh_json_canonical_text("[\"abcdefgh\\/\"]", 14), 0,
		       "canonical text: an escape after eight plain bytes");
		is_int(zdh_json_canonical_text("[\"abcdefgh\x01\"]", 13), 0,
		       "canonical text: a control character after eight plain bytes");
	}
	printf("#   %d accepted, %d rejected\n", yes, no);
	ok(yes > 300 && no > 3000, "  and the mutations reach both decisions");
	zdh_buf_release(&b);
	return done_testing();
}

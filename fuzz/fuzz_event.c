/*
 * fuzz_event — libFuzzer target: a commit object as a peer could send it,
 * through the event decoder (strict and the index's fast path) and the
 * rules (core/rules.c) as the index and verify apply them; the canonical
 * encoding of what decodes must decode again to the same event, and what
 * zdh_json_canonical_valid() takes without parsing the parser takes.
 */
#include <stdint.h>
#include <string.h>

#include "error.h"
#include "event.h"
#include "json.h"
#include "rules.h"

static int tree(void *ctx, const char *id, struct zdh_buf *out)
{
	const struct zdh_buf *t = ctx;

	(void)id;
	zdh_buf_add(out, t->ptr, t->len);	/* the input itself, read as a tree */
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char id[] = "0123456789abcdef0123456789abcdef01234567";
	struct zdh_logged a, b;
	struct zdh_buf in = ZDH_BUF_INIT, again = ZDH_BUF_INIT;
	unsigned flags[] = { 0, ZDH_EVENT_TRUSTED, ZDH_EVENT_TRUSTED | ZDH_EVENT_NODATA };

	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	zdh_buf_add(&in, data, size);
	for (size_t k = 0; k < 3; k++) {
		zdh_logged_parse(&a, id, in.ptr, in.len, flags[k]);
		zdh_logged_judge(&a, "yanan", 7, tree, NULL, &in);
		zdh_logged_judge(&a, NULL, 0, NULL, NULL, NULL);
		if (a.decoded && !flags[k]) {
			/* what the strict decoder takes re-encodes to the same bytes */
			zdh_buf_reset(&again);
			if (zdh_event_encode(&again, &a.ev) ||
			    again.len != a.json_len || memcmp(again.ptr, a.raw.ptr + a.json_at, a.json_len))
				__builtin_trap();
		}
	}
	/* the whole input as event JSON, and as any JSON */
	{
		struct zdh_event ev;
		json_t *j;
		memset(&ev, 0, sizeof(ev));
		if (!zdh_event_decode_opts(&ev, in.ptr, in.len, ZDH_EVENT_TRUSTED))
			zdh_event_clear(&ev);
		j = zdh_json_parse(in.ptr, in.len, NULL);
		/* what the one pass says is a canonical object, the parser takes */
		if (zdh_json_canonical_valid(in.ptr, in.len) &&
		    (!json_is_object(j) || zdh_json_canonical_text(in.ptr, in.len) != 1))
			__builtin_trap();
		if (j) {
			int told = zdh_json_canonical_text(in.ptr, in.len);
			zdh_buf_reset(&again);
			if (zdh_json_canonical(&again, j) == 0 && told >= 0 &&
			    told != (again.len == in.len && !memcmp(again.ptr, in.ptr, in.len)))
				__builtin_trap();
			json_decref(j);
		}
	}
	zdh_text_valid("fuzz", in.ptr, in.len);
	zdh_logged_release(&a);
	zdh_logged_release(&b);
	zdh_buf_release(&in);
	zdh_buf_release(&again);
	return 0;
}

/*
 * Unit tests of core/event.c: canonical JSON and the commit encoding.
 */
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "error.h"
#include "event.h"

static void sample(struct zdh_event *ev)
{
	memset(ev, 0, sizeof(*ev));
	ev->version = ZDH_EVENT_VERSION;
	ev->kind = strdup("org");
	ev->record = strdup("XQ-O3");
	ev->op = strdup("add");
	ev->replica = strdup("xinqiao");
	ev->clock = 42;
	ev->date.t = 1764223380;	/* 2025-11-27 14:03 +08:00 */
	ev->date.offset = 480;
	ev->recorded.t = 1764309780;
	ev->recorded.offset = 480;
	ev->actor.name = strdup("王芳");
	ev->actor.email = strdup("wangfang@example.org");
	ev->actor.dept = strdup("新桥居委会");
	ev->data = json_pack("{s:{s:s,s:s}}", "set", "name", "新桥", "kind", "area");
	ev->summary = strdup("org add area 新桥");
}

int main(void)
{
	struct zdh_buf a = ZDH_BUF_INIT, b = ZDH_BUF_INIT, raw = ZDH_BUF_INIT;
	struct zdh_event ev, back;
	char parent[41];
	int n;

	sample(&ev);
	ok(!zdh_event_encode(&a, &ev), "encode");
	is_str(a.ptr,
	       "{\"actor\":{\"dept\":\"新桥居委会\",\"email\":\"wangfang@example.org\",\"name\":\"王芳\"},"
	       "\"clock\":42,\"data\":{\"set\":{\"kind\":\"area\",\"name\":\"新桥\"}},"
	       "\"date\":\"2025-11-27T14:03:00+08:00\",\"kind\":\"org\",\"op\":\"add\","
	       "\"record\":\"XQ-O3\",\"replica\":\"xinqiao\",\"seen\":null,\"v\":1}",
	       "canonical JSON: keys sorted, compact, UTF-8 unescaped");

	memset(&back, 0, sizeof(back));
	ok(!zdh_event_decode(&back, a.ptr, a.len), "decode what was encoded");
	ok(!zdh_event_encode(&b, &back), "re-encode");
	is_str(b.ptr, a.ptr, "round trip is byte-identical");
	is_int(back.clock, 42, "clock survives");
	is_int(back.date.offset, 480, "offset survives");
	zdh_event_clear(&back);

	ok(zdh_event_decode(&back, "{\"v\":1}", 7) == ZDH_ECORRUPT, "missing fields refused");
	{
		/* same content, keys out of order: not canonical */
		const char *swapped =
			"{\"clock\":42,\"actor\":{\"dept\":\"新桥居委会\",\"email\":\"wangfang@example.org\",\"name\":\"王芳\"},"
			"\"data\":{\"set\":{\"kind\":\"area\",\"name\":\"新桥\"}},"
			"\"date\":\"2025-11-27T14:03:00+08:00\",\"kind\":\"org\",\"op\":\"add\","
			"\"record\":\"XQ-O3\",\"replica\":\"xinqiao\",\"seen\":null,\"v\":1}";
		ok(zdh_event_decode(&back, swapped, strlen(swapped)) == ZDH_ECORRUPT,
		   "keys out of order refused as not canonical");
	}
	{
		struct zdh_buf sp = ZDH_BUF_INIT;
		zdh_buf_puts(&sp, a.ptr);
		zdh_buf_puts(&sp, " ");
		ok(zdh_event_decode(&back, sp.ptr, sp.len) == ZDH_ECORRUPT, "trailing space refused");
		zdh_buf_release(&sp);
	}
	{
		struct zdh_buf x = ZDH_BUF_INIT;
		const char *p = strstr(a.ptr, "\"v\":1");
		zdh_buf_add(&x, a.ptr, (size_t)(p - a.ptr));
		zdh_buf_puts(&x, "\"v\":2}");
		ok(zdh_event_decode(&back, x.ptr, x.len) == ZDH_ECORRUPT, "unknown format version refused");
		zdh_buf_release(&x);
	}

	/* the commit */
	ok(!zdh_event_commit(&raw, &ev, "ce013625030ba8dba906f756967f9e9ca394464a"), "commit");
	ok(strstr(raw.ptr, "tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904\n") == raw.ptr,
	   "commit points at the empty tree");
	ok(strstr(raw.ptr, "\nauthor 王芳 <wangfang@example.org> 1764223380 +0800\n") != NULL,
	   "author carries when it happened");
	ok(strstr(raw.ptr, "\ncommitter 王芳 <wangfang@example.org> 1764309780 +0800\n") != NULL,
	   "committer carries when it was recorded");
	ok(strstr(raw.ptr, "\n\norg add area 新桥\n\n{") != NULL, "summary line, blank line, JSON");
	ok(!zdh_event_parse_commit(&back, parent, &n, raw.ptr, raw.len), "parse commit");
	is_str(parent, "ce013625030ba8dba906f756967f9e9ca394464a", "parent");
	is_int(n, 1, "one parent");
	is_str(back.summary, "org add area 新桥", "summary");
	is_int(back.recorded.t, 1764309780, "recorded time from the committer");
	zdh_buf_reset(&b);
	zdh_event_encode(&b, &back);
	is_str(b.ptr, a.ptr, "event from the commit equals the original");
	zdh_event_clear(&back);

	{
		/* a commit whose author was changed by hand no longer matches its event */
		struct zdh_buf bad = ZDH_BUF_INIT;
		char *p = strstr(raw.ptr, "author 王芳");
		zdh_buf_add(&bad, raw.ptr, (size_t)(p - raw.ptr));
		zdh_buf_puts(&bad, "author Mallory");
		zdh_buf_puts(&bad, p + strlen("author 王芳"));
		ok(zdh_event_parse_commit(&back, parent, &n, bad.ptr, bad.len) == ZDH_ECORRUPT,
		   "author not matching the actor is refused");
		zdh_buf_release(&bad);
	}
	ok(zdh_event_parse_commit(&back, parent, &n, "tree x\n\nhello\n", 15) == ZDH_ECORRUPT,
	   "a plain git commit is not an event");

	free(ev.actor.name);
	ev.actor.name = strdup("Evil <x>");
	zdh_buf_reset(&raw);
	ok(zdh_event_commit(&raw, &ev, NULL) == ZDH_EINVALID, "'<' in a name refused");
	ok(!zdh_ident_valid("a\nb") && zdh_ident_valid("王芳"), "ident check");

	zdh_event_clear(&ev);
	zdh_buf_release(&a);
	zdh_buf_release(&b);
	zdh_buf_release(&raw);
	return done_testing();
}

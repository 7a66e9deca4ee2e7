/*
 * Unit tests of core/event.c: canonical JSON and the commit encoding.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "error.h"
#include "event.h"
#include "json.h"

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

/* The event as a jansson object, encoded the slow way: what zdh_event_encode must equal. */
static char *slow_encoding(const struct zdh_event *ev)
{
	struct zdh_buf date = ZDH_BUF_INIT, out = ZDH_BUF_INIT;
	json_t *o = json_object(), *actor = json_object();

	json_object_set_new(actor, "name", json_string(ev->actor.name));
	json_object_set_new(actor, "email", json_string(ev->actor.email));
	if (ev->actor.dept && *ev->actor.dept)
		json_object_set_new(actor, "dept", json_string(ev->actor.dept));
	zdh_date_rfc3339(&date, &ev->date);
	json_object_set_new(o, "v", json_integer(ev->version));
	json_object_set_new(o, "kind", json_string(ev->kind));
	json_object_set_new(o, "record", json_string(ev->record));
	json_object_set_new(o, "op", json_string(ev->op));
	json_object_set_new(o, "replica", json_string(ev->replica));
	json_object_set_new(o, "clock", json_integer(ev->clock));
	json_object_set_new(o, "date", json_string(date.ptr));
	json_object_set_new(o, "actor", actor);
	json_object_set_new(o, "seen", ev->seen ? json_string(ev->seen) : json_null());
	json_object_set(o, "data", ev->data);
	zdh_json_canonical(&out, o);
	json_decref(o);
	zdh_buf_release(&date);
	return zdh_buf_detach(&out);
}

/* Decode text both ways (strict, and the index's fast scan) and compare what they set. */
static void same_both_ways(const char *text, const char *name)
{
	struct zdh_event a, b;
	struct zdh_buf ea = ZDH_BUF_INIT, eb = ZDH_BUF_INIT;
	char what[200];
	int ra, rb;

	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	ra = zdh_event_decode_opts(&a, text, strlen(text), 0);
	rb = zdh_event_decode_opts(&b, text, strlen(text), ZDH_EVENT_TRUSTED);
	snprintf(what, sizeof(what), "%s: strict and trusted decoding agree", name);
	is_int(rb, ra, what);
	if (!ra && !rb) {
		zdh_event_encode(&ea, &a);
		zdh_event_encode(&eb, &b);
		snprintf(what, sizeof(what), "%s: the same event", name);
		is_str(eb.ptr, ea.ptr, what);
	}
	zdh_event_clear(&a);
	zdh_event_clear(&b);
	zdh_buf_release(&ea);
	zdh_buf_release(&eb);
}

/*
 * raw's committer seconds replaced by secs: the commit parses as
 * strtoll() reads them (the reader's digits by hand, ident_secs()).
 */
static void committer_secs(const struct zdh_buf *raw, const char *secs)
{
	struct zdh_buf c = ZDH_BUF_INIT;
	struct zdh_event back;
	const char *p = strstr(raw->ptr, "\ncommitter "), *gt = strchr(p, '>'), *sp = strchr(gt + 2, ' ');
	char parent[41], what[200];
	int n, rc;

	zdh_buf_add(&c, raw->ptr, (size_t)(gt + 2 - raw->ptr));
	zdh_buf_puts(&c, secs);
	zdh_buf_puts(&c, sp);
	rc = zdh_event_parse_commit(&back, parent, &n, c.ptr, c.len);
	snprintf(what, sizeof(what), "committer seconds %s: read as strtoll reads them", secs);
	if (!ok(!rc && back.recorded.t == strtoll(secs, NULL, 10), what))
		printf("#   rc %d, got %lld\n", rc, back.recorded.t);
	zdh_event_clear(&back);
	zdh_buf_release(&c);
}

/* ev's commit with its author's seconds or offset changed: refused, and accepted when the event says so */
static void author_date(struct zdh_event *ev, long long t, int offset)
{
	struct zdh_buf raw = ZDH_BUF_INIT, bad = ZDH_BUF_INIT;
	struct zdh_event back;
	struct zdh_time was = ev->date;
	const char *at, *eol;
	char parent[41], what[200];
	int n;

	ev->date.t = t;
	ev->date.offset = offset;
	zdh_event_commit(&raw, ev, NULL);
	snprintf(what, sizeof(what), "author at %lld %+d: the event's date", t, offset);
	ok(!zdh_event_parse_commit(&back, parent, &n, raw.ptr, raw.len) &&
	   back.date.t == t && back.date.offset == offset, what);
	zdh_event_clear(&back);
	/* one byte more or less at the author line's end, or the other sign: no event */
	at = strstr(raw.ptr, "\nauthor ");
	eol = strchr(at + 1, '\n');
	zdh_buf_add(&bad, raw.ptr, (size_t)(eol - raw.ptr));
	zdh_buf_addch(&bad, '0');
	zdh_buf_puts(&bad, eol);
	snprintf(what, sizeof(what), "author at %lld %+d with a digit more: refused", t, offset);
	ok(zdh_event_parse_commit(&back, parent, &n, bad.ptr, bad.len) == ZDH_ECORRUPT, what);
	zdh_buf_reset(&bad);
	zdh_buf_add(&bad, raw.ptr, (size_t)(eol - 1 - raw.ptr));
	zdh_buf_puts(&bad, eol);
	snprintf(what, sizeof(what), "author at %lld %+d with a digit less: refused", t, offset);
	ok(zdh_event_parse_commit(&back, parent, &n, bad.ptr, bad.len) == ZDH_ECORRUPT, what);
	zdh_buf_reset(&bad);
	zdh_buf_puts(&bad, raw.ptr);
	*strchr(strstr(bad.ptr, "\nauthor ") + 1, '\n') = '\0';
	{
		char *sign = strrchr(bad.ptr, ' ') + 1;
		*sign = *sign == '+' ? '-' : '+';
	}
	bad.ptr[strlen(bad.ptr)] = '\n';
	snprintf(what, sizeof(what), "author at %lld %+d with the other sign: refused", t, offset);
	ok(zdh_event_parse_commit(&back, parent, &n, bad.ptr, bad.len) == ZDH_ECORRUPT, what);
	ev->date = was;
	zdh_buf_release(&raw);
	zdh_buf_release(&bad);
}

/*
 * ev's commit with its author's date written as text (the same instant
 * spelt otherwise: a leading zero, -0000, 60 minutes): refused unless
 * text is what zdh writes for t and offset.
 */
static void author_text(struct zdh_event *ev, long long t, int offset, const char *text, int valid)
{
	struct zdh_buf raw = ZDH_BUF_INIT, bad = ZDH_BUF_INIT;
	struct zdh_event back;
	struct zdh_time was = ev->date;
	const char *at, *date, *eol;
	char parent[41], what[200];
	int n, rc;

	ev->date.t = t;
	ev->date.offset = offset;
	zdh_event_commit(&raw, ev, NULL);
	at = strstr(raw.ptr, "\nauthor ");
	date = strstr(at, "> ") + 2;
	eol = strchr(at + 1, '\n');
	zdh_buf_add(&bad, raw.ptr, (size_t)(date - raw.ptr));
	zdh_buf_puts(&bad, text);
	zdh_buf_puts(&bad, eol);
	rc = zdh_event_parse_commit(&back, parent, &n, bad.ptr, bad.len);
	snprintf(what, sizeof(what), "author at %lld %+d written '%s': %s", t, offset, text,
		 valid ? "taken" : "refused");
	ok(valid ? !rc : rc == ZDH_ECORRUPT, what);
	if (!rc)
		zdh_event_clear(&back);
	ev->date = was;
	zdh_buf_release(&raw);
	zdh_buf_release(&bad);
}

int main(void)
{
	struct zdh_buf a = ZDH_BUF_INIT, b = ZDH_BUF_INIT, raw = ZDH_BUF_INIT, sample_text = ZDH_BUF_INIT;
	struct zdh_event ev, back;
	char parent[41];
	int n;

	sample(&ev);
	ok(!zdh_event_encode(&a, &ev), "encode");
	is_str(a.ptr,
	       "{\"actor\":{\"dept\":\"新桥居委会\",\"email\":\"wangfang@example.org\",\"name\":\"王芳\"},"
	       "\"clock\":42,\"data\":{\"set\":{\"kind\":\"area\",\"name\":\"新桥\"}},"
	       "\"date\":\"2025-11-27T14:03:00+08:00\",\"kind\":\"org\",\"op\":\"add\","
	       "\"record\":\"XQ-O3\",\"replica\":\"xinqiao\",\"seen\":null,\"v\":2}",
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
		const char *p = strstr(a.ptr, "\"v\":2");
		zdh_buf_add(&x, a.ptr, (size_t)(p - a.ptr));
		zdh_buf_puts(&x, "\"v\":3}");
		ok(zdh_event_decode(&back, x.ptr, x.len) == ZDH_ECORRUPT, "unknown format version refused");
		ok(zdh_event_decode_opts(&back, x.ptr, x.len, ZDH_EVENT_TRUSTED) == ZDH_ECORRUPT,
		   "unknown format version refused by the index's scan too");
		zdh_buf_setlen(&x, (size_t)(p - a.ptr));
		zdh_buf_puts(&x, "\"v\":0}");
		ok(zdh_event_decode(&back, x.ptr, x.len) == ZDH_ECORRUPT, "format version 0 refused");
		zdh_buf_setlen(&x, (size_t)(p - a.ptr));
		zdh_buf_puts(&x, "\"v\":1}");
		ok(!zdh_event_decode(&back, x.ptr, x.len) && back.version == 1,
		   "a version 1 event is read as version 1");
		zdh_event_clear(&back);
		ok(!zdh_event_decode_opts(&back, x.ptr, x.len, ZDH_EVENT_TRUSTED) && back.version == 1,
		   "... by the index's scan too");
		zdh_buf_reset(&b);
		ok(!zdh_event_encode(&b, &back) && b.len == x.len && !memcmp(b.ptr, x.ptr, x.len),
		   "and written back as version 1");
		zdh_event_clear(&back);
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
	{
		/*
		 * The trusted decoder's summary (kept in its pool with the
		 * names), and the strict one's when the text is not of the one
		 * shape: the same line, and freed with the event (valgrind).
		 */
		struct zdh_buf odd = ZDH_BUF_INIT;
		size_t at, jl;
		const char *v = strstr(raw.ptr, "\"v\":2}");

		ok(!zdh_event_parse_commit_opts(&back, parent, &n, raw.ptr, raw.len,
						ZDH_EVENT_TRUSTED | ZDH_EVENT_NODATA, &at, &jl) &&
		   back.summary && !strcmp(back.summary, "org add area 新桥") && back.pool,
		   "trusted parse: the summary, in the decoder's pool");
		zdh_event_clear(&back);
		/* "v":2 spelt "v":02: not the one shape, the strict decoder refuses it */
		zdh_buf_add(&odd, raw.ptr, (size_t)(v - raw.ptr));
		zdh_buf_puts(&odd, "\"v\":02}\n");
		ok(zdh_event_parse_commit_opts(&back, parent, &n, odd.ptr, odd.len,
					       ZDH_EVENT_TRUSTED, &at, &jl) == ZDH_ECORRUPT,
		   "trusted parse: text of another shape left to the strict decoder");
		zdh_buf_reset(&odd);
		/* "add" spelt with an escape: taken by the strict decoder, noted as not canonical */
		v = strstr(raw.ptr, "\"op\":\"add\"");
		zdh_buf_add(&odd, raw.ptr, (size_t)(v - raw.ptr));
		zdh_buf_puts(&odd, "\"op\":\"\\u0061dd\"");
		zdh_buf_puts(&odd, v + strlen("\"op\":\"add\""));
		ok(!zdh_event_parse_commit_opts(&back, parent, &n, odd.ptr, odd.len, ZDH_EVENT_TRUSTED,
						&at, &jl) && back.noncanonical && !back.pool &&
		   back.summary && !strcmp(back.summary, "org add area 新桥"),
		   "trusted parse of text of another shape: the strict decoder's summary");
		zdh_event_clear(&back);
		zdh_buf_reset(&odd);
		/* a summary with a NUL: refused after the decode, the pool freed */
		zdh_buf_add(&odd, raw.ptr, raw.len);
		odd.ptr[strstr(raw.ptr, "\n\norg add") - raw.ptr + 5] = '\0';
		ok(zdh_event_parse_commit_opts(&back, parent, &n, odd.ptr, odd.len,
					       ZDH_EVENT_TRUSTED, &at, &jl) == ZDH_ECORRUPT,
		   "trusted parse: a NUL in the summary refused");
		zdh_buf_release(&odd);
	}
	ok(zdh_event_parse_commit(&back, parent, &n, "tree x\n\nhello\n", 15) == ZDH_ECORRUPT,
	   "a plain git commit is not an event");
	{
		static const char *const secs[] = {
			"0", "7", "-7", "1764309780", "9223372036854775807", "9223372036854775808",
			"-9223372036854775808", "-9223372036854775809", "99999999999999999999999",
			"-99999999999999999999999", "18446744073709551616",
		};
		for (size_t i = 0; i < sizeof(secs) / sizeof(*secs); i++)
			committer_secs(&raw, secs[i]);
		author_date(&ev, 0, 0);
		author_date(&ev, -1, -90);
		author_date(&ev, 1764223380, 345);
		author_date(&ev, 253402300799LL, -(23 * 60 + 59));
		author_text(&ev, 1764223380, 480, "1764223380 +0800", 1);
		author_text(&ev, 1764223380, 480, "01764223380 +0800", 0);
		author_text(&ev, 1764223380, 480, "+1764223380 +0800", 0);
		author_text(&ev, 1764223380, 480, "1764223380  +0800", 0);
		author_text(&ev, 1764223380, 480, "1764223380 +08000", 0);
		author_text(&ev, 1764223380, 480, "1764223380 +0760", 0);
		author_text(&ev, 1764223380, 480, "1764223380 +800", 0);
		author_text(&ev, 1764223380, 480, "1764223380 +0800 ", 0);
		author_text(&ev, 1764223380, 480, "1764223380+0800", 0);
		author_text(&ev, 0, 0, "0 +0000", 1);
		author_text(&ev, 0, 0, "00 +0000", 0);
		author_text(&ev, 0, 0, "0 -0000", 0);
		author_text(&ev, 0, 0, "-0 +0000", 0);
		author_text(&ev, 0, 0, " +0000", 0);
		author_text(&ev, 60, -60, "60 -0100", 1);
		author_text(&ev, 60, -60, "60 -0060", 0);
		author_text(&ev, 60, -60, "60 +0100", 0);
		author_text(&ev, 253402300799LL, -(23 * 60 + 59), "253402300799 -2359", 1);
		author_text(&ev, 253402300799LL, -(23 * 60 + 59), "0253402300799 -2359", 0);
		author_text(&ev, 253402300799LL, -(23 * 60 + 59), "1253402300799 -2359", 0);
		author_text(&ev, 253402300799LL, -(23 * 60 + 59), "253402300799 -2358", 0);
		author_text(&ev, 1, 0, "18446744073709551617 +0000", 0);
		author_text(&ev, 1, 0, "00000000000000000001 +0000", 0);
		author_text(&ev, -7, 0, "-7 +0000", 1);
		author_text(&ev, -7, 0, "-07 +0000", 0);
		author_text(&ev, -7, 0, "7 +0000", 0);
	}

	free(ev.actor.name);
	ev.actor.name = strdup("Evil <x>");
	zdh_buf_reset(&raw);
	ok(zdh_event_commit(&raw, &ev, NULL) == ZDH_EINVALID, "'<' in a name refused");
	ok(!zdh_ident_valid("a\nb") && zdh_ident_valid("王芳"), "ident check");
	ok(!zdh_ident_valid("a<b") && !zdh_ident_valid("a>") && !zdh_ident_valid("\ra") &&
	   !zdh_ident_valid("") && !zdh_ident_valid(NULL), "  and '<', '>', CR, empty refused");
	{
		static const struct { const char *line; int ok; } lines[] = {
			{ "王芳 <w@x.org> 1764309780 +0800", 1 },
			{ "a <b> -5 -0130", 1 },
			{ "a> <b> 1 +0800", 0 },	/* '>' before the email */
			{ "a <b<c> 1 +0800", 0 },	/* a second '<' */
			{ "a< <b> 1 +0800", 0 },
			{ "a\r <b> 1 +0800", 0 },	/* CR in the name, in the email */
			{ "a <b\r> 1 +0800", 0 },
			{ "a <b> 1 +0800\r", 0 },
			{ "a <b>> 1 +0800", 0 },
			{ "a <b> 01 +0800", 0 },
			{ "a <> 1 +0800", 0 },
			{ "<b> 1 +0800", 0 },
			{ "a <b> 1 +080", 0 },
		};
		for (size_t i = 0; i < sizeof(lines) / sizeof(*lines); i++) {
			char what[100];
			snprintf(what, sizeof(what), "ident line %zu %s", i, lines[i].ok ? "taken" : "refused");
			is_int(zdh_ident_line_ok(lines[i].line, lines[i].line + strlen(lines[i].line)),
			       lines[i].ok, what);
		}
	}

	zdh_event_clear(&ev);
	zdh_buf_release(&a);
	zdh_buf_release(&b);
	zdh_buf_release(&raw);

	/* the direct encoder writes what the canonical writer writes for the same object */
	{
		struct zdh_event v;
		struct zdh_buf e = ZDH_BUF_INIT;
		char *slow;

		sample(&v);
		free(v.actor.dept);
		v.actor.dept = NULL;
		free(v.seen);
		v.seen = strdup("ce013625030ba8dba906f756967f9e9ca394464a");
		json_object_set_new(v.data, "note", json_string("引号\" 反斜杠\\ 换行\n 制表\t \x01 / 结束"));
		ok(!zdh_event_encode(&e, &v), "encode: no dept, seen set, escapes");
		slow = slow_encoding(&v);
		is_str(e.ptr, slow, "direct encoding equals the canonical writer's");
		free(slow);
		same_both_ways(e.ptr, "escapes in data");
		zdh_buf_reset(&e);
		free(v.actor.name);
		v.actor.name = strdup("王\"芳");
		ok(!zdh_event_encode(&e, &v), "encode: a quote in a name");
		slow = slow_encoding(&v);
		is_str(e.ptr, slow, "escaped name: direct equals canonical");
		free(slow);
		same_both_ways(e.ptr, "escape in the actor (strict path taken)");
		zdh_buf_reset(&e);
		free(v.record);
		v.record = strdup("XQ-\xff");
		ok(zdh_event_encode(&e, &v) == ZDH_EINVALID, "invalid UTF-8 in a field refused");
		zdh_event_clear(&v);
		zdh_buf_release(&e);
	}
	/* the index's fast scan sets what the strict decoder sets, or leaves the text to it */
	{
		struct zdh_event v;
		sample(&v);
		ok(!zdh_event_encode(&sample_text, &v) && sample_text.len > 100, "the sample again");
		zdh_event_clear(&v);
	}
	same_both_ways(sample_text.ptr, "the sample");
	same_both_ways("{\"actor\":{\"email\":\"a@b\",\"name\":\"甲\"},\"clock\":7,\"data\":{\"x\":[1,{\"y\":\"}\"}]},"
		       "\"date\":\"2026-01-02T03:04:05+08:00\",\"kind\":\"issue\",\"op\":\"add\","
		       "\"record\":\"BN-1\",\"replica\":\"r\",\"seen\":null,\"v\":1}", "a brace inside a string of data");
	same_both_ways("{\"actor\":{\"email\":\"a@b\",\"name\":\"甲\"},\"clock\":0,\"data\":{},"
		       "\"date\":\"2026-01-02T03:04:05+08:00\",\"kind\":\"issue\",\"op\":\"add\","
		       "\"record\":\"BN-1\",\"replica\":\"r\",\"seen\":null,\"v\":1}", "clock 0");
	same_both_ways("{\"actor\":{\"email\":\"a@b\",\"name\":\"甲\"},\"clock\":3,\"data\":{\"a\":1,\"a\":2},"
		       "\"date\":\"2026-01-02T03:04:05+08:00\",\"kind\":\"issue\",\"op\":\"add\","
		       "\"record\":\"BN-1\",\"replica\":\"r\",\"seen\":null,\"v\":1}", "duplicate key in data");
	same_both_ways("{\"actor\":{\"email\":\"a@b\",\"name\":\"\xe7\x94\"},\"clock\":3,\"data\":{},"
		       "\"date\":\"2026-01-02T03:04:05+08:00\",\"kind\":\"issue\",\"op\":\"add\","
		       "\"record\":\"BN-1\",\"replica\":\"r\",\"seen\":null,\"v\":1}", "truncated UTF-8 in a name");
	same_both_ways("{\"actor\":{\"email\":\"a@b\",\"name\":\"甲\"},\"clock\":3,\"data\":{},"
		       "\"date\":\"2026-02-30T03:04:05+08:00\",\"kind\":\"issue\",\"op\":\"add\","
		       "\"record\":\"BN-1\",\"replica\":\"r\",\"seen\":\"xyz\",\"v\":1}", "bad date and seen");
	same_both_ways("{\"actor\":{\"email\":\"a@b\",\"name\":\"甲\"},\"clock\":3,\"data\":{},"
		       "\"date\":\"2026-01-02T03:04:05+08:00\",\"kind\":\"issue\",\"op\":\"add\","
		       "\"record\":\"BN-1\",\"replica\":\"r\",\"seen\":null,\"v\":1}", "no trailing space");
	{
		/*
		 * the fast scan reads a string eight bytes at a time while they
		 * are plain: a byte that is not (a control, a quote's escape, a
		 * backslash, a UTF-8 sequence, whole or cut, DEL) at each place
		 * of a long email, and where it ends
		 */
		static const char *const odd[] = { "\x01", "\x1f", "\\\"", "\\\\", "\\u0041",
						   "\x7f", "\xc3\xa9", "\xe7\x94", "\xff", " " };
		int agree = 1;

		for (size_t k = 0; k < sizeof(odd) / sizeof(*odd); k++)
			for (int at = 0; at <= 24; at++) {
				char email[64], text[512];

				snprintf(email, sizeof(email), "%.*s%s%.*s", at, "abcdefghijklmnopqrstuvwx",
					 odd[k], 24 - at, "abcdefghijklmnopqrstuvwx");
				snprintf(text, sizeof(text), "{\"actor\":{\"email\":\"%s\",\"name\":\"甲\"},"
					 "\"clock\":3,\"data\":{},\"date\":\"2026-01-02T03:04:05+08:00\","
					 "\"kind\":\"issue\",\"op\":\"add\",\"record\":\"BN-1\","
					 "\"replica\":\"r\",\"seen\":null,\"v\":1}", email);
				struct zdh_event a, b;
				struct zdh_buf ea = ZDH_BUF_INIT, eb = ZDH_BUF_INIT;
				int ra, rb;

				memset(&a, 0, sizeof(a));
				memset(&b, 0, sizeof(b));
				ra = zdh_event_decode_opts(&a, text, strlen(text), 0);
				rb = zdh_event_decode_opts(&b, text, strlen(text), ZDH_EVENT_TRUSTED);
				/* (text that is not canonical the trusted decoder takes, marked) */
				if ((ra != rb && !(ra == ZDH_ECORRUPT && !rb && b.noncanonical)) ||
				    (!ra && (zdh_event_encode(&ea, &a) || zdh_event_encode(&eb, &b) ||
					     strcmp(ea.ptr, eb.ptr)))) {
					printf("# odd byte %zu at %d: strict %d, trusted %d\n", k, at, ra, rb);
					agree = 0;
				}
				zdh_event_clear(&a);
				zdh_event_clear(&b);
				zdh_buf_release(&ea);
				zdh_buf_release(&eb);
			}
		ok(agree, "strict and trusted decoding agree on a string's odd byte anywhere in it");
	}
	{
		/* where the index finds the data it stores */
		size_t at = 0, len = 0;
		const char *t = sample_text.ptr;
		ok(!zdh_event_data_span(t, sample_text.len, &at, &len) &&
		   len == strlen("{\"set\":{\"kind\":\"area\",\"name\":\"新桥\"}}") &&
		   !strncmp(t + at, "{\"set\":{\"kind\":\"area\",\"name\":\"新桥\"}}", len),
		   "data span of a canonical event");
		ok(zdh_event_data_span("{\"clock\":1,\"actor\":{}}", 24, &at, &len) == -1,
		   "no data span in another shape");
		ok(zdh_event_data_span(t, (size_t)(strstr(t, "\"date\"") - t) - 5, &at, &len) == -1,
		   "no data span in a truncated event");
	}
	{
		/* the span zdh_event_commit_at() gives the writer is the one zdh_event_data_span() finds */
		static const char *const notes[] = {
			NULL, "", "引号\" 反斜杠\\ 换行\n 制表\t \x01 / 结束", "}\"{", "a\\\"}",
		};
		int agree = 1;

		for (size_t i = 0; i < sizeof(notes) / sizeof(notes[0]) + 2; i++) {
			struct zdh_event v;
			struct zdh_buf raw = ZDH_BUF_INIT;
			size_t at = 0, data[2] = { 0, 0 }, fat = 0, flen = 0;

			sample(&v);
			if (i < sizeof(notes) / sizeof(notes[0]) && notes[i])
				json_object_set_new(v.data, "note", json_string(notes[i]));
			if (i == sizeof(notes) / sizeof(notes[0]))
				json_object_clear(v.data);	/* {} */
			if (i == sizeof(notes) / sizeof(notes[0]) + 1) {
				json_decref(v.data);	/* none: written as {} */
				v.data = NULL;
			}
			if (zdh_event_commit_at(&raw, &v, "ce013625030ba8dba906f756967f9e9ca394464a", &at, data) ||
			    zdh_event_data_span(raw.ptr + at, raw.len - at - 1, &fat, &flen) ||
			    fat != data[0] || flen != data[1] || !data[1])
				agree = 0;
			zdh_event_clear(&v);
			zdh_buf_release(&raw);
		}
		ok(agree, "the writer's data span equals the one found in its text");
	}
	{
		/* quotes inside the data's strings: escaped after runs of one to four backslashes */
		static const char data[] = "{\"n\":\"a\\\"}\\\\\",\"m\":[\"\\\\\\\"]{\\\\\\\\\",\"\\\\\"]}";
		static const char *const cut[] = {
			"{\"actor\":{\"name\":\"x\"},\"clock\":7,\"data\":{\"n\":\"a\\\"}",
			"{\"actor\":{\"name\":\"x\"},\"clock\":7,\"data\":{\"n\":\"a\\\\\\\"}\\\"",
		};
		struct zdh_buf e = ZDH_BUF_INIT;
		size_t at = 0, len = 0;

		zdh_buf_puts(&e, "{\"actor\":{\"name\":\"x\\\"y\"},\"clock\":7,\"data\":");
		zdh_buf_puts(&e, data);
		zdh_buf_puts(&e, ",\"date\":\"2026-01-02T03:04:05+08:00\"}");
		ok(!zdh_event_data_span(e.ptr, e.len, &at, &len) && len == strlen(data) &&
		   !strncmp(e.ptr + at, data, len), "data span past escaped quotes and backslashes");
		for (size_t i = 0; i < 2; i++)
			ok(zdh_event_data_span(cut[i], strlen(cut[i]), &at, &len) == -1,
			   "no data span when the text ends inside a string");
		zdh_buf_release(&e);
	}
	{
		struct zdh_event nd;
		memset(&nd, 0, sizeof(nd));
		ok(!zdh_event_decode_opts(&nd, sample_text.ptr, sample_text.len,
					  ZDH_EVENT_TRUSTED | ZDH_EVENT_NODATA) &&
		   !nd.data && nd.clock == 42 && !strcmp(nd.actor.dept, "新桥居委会"),
		   "NODATA: the fields without the data");
		{
			/* the trusted decoder says where the data is, as zdh_event_data_span() finds it */
			size_t at = 0, len = 0;
			struct zdh_event kept, odd;
			struct zdh_buf spaced = ZDH_BUF_INIT;

			memset(&kept, 0, sizeof(kept));
			memset(&odd, 0, sizeof(odd));
			ok(!zdh_event_data_span(sample_text.ptr, sample_text.len, &at, &len) &&
			   nd.data_len == len && nd.data_at == at,
			   "NODATA: the data's place in the text kept");
			ok(!zdh_event_decode_opts(&kept, sample_text.ptr, sample_text.len,
						  ZDH_EVENT_TRUSTED) &&
			   kept.data && kept.data_len == len && kept.data_at == at,
			   "trusted, the data kept: its place too");
			/* another shape (a space): the strict path, no place known */
			zdh_buf_add(&spaced, sample_text.ptr, sample_text.len - 1);
			zdh_buf_puts(&spaced, " }");
			ok(!zdh_event_decode_opts(&odd, spaced.ptr, spaced.len, ZDH_EVENT_TRUSTED) &&
			   odd.noncanonical && odd.data_len == 0 && odd.data_at == 0,
			   "trusted, text of another shape: no place known");
			/* data that is not canonical fails the scan after its place was set: cleared */
			zdh_event_clear(&odd);
			zdh_buf_reset(&spaced);
			zdh_buf_add(&spaced, sample_text.ptr, sample_text.len);
			{
				char *set = strstr(spaced.ptr, "{\"set\":{\"kind\"");
				char *name = set ? strstr(set, ",\"name\"") : NULL;
				/* {"set":{"kind":..,"name":..}} with its two keys swapped in order */
				if (name) {
					struct zdh_buf t = ZDH_BUF_INIT;
					zdh_buf_add(&t, spaced.ptr, (size_t)(set - spaced.ptr));
					zdh_buf_puts(&t, "{\"set\":{\"name\":\"新桥\",\"kind\":\"area\"}}");
					zdh_buf_puts(&t, strstr(name, "}}") + 2);
					zdh_buf_reset(&spaced);
					zdh_buf_add(&spaced, t.ptr, t.len);
					zdh_buf_release(&t);
				}
			}
			ok(!zdh_event_decode_opts(&odd, spaced.ptr, spaced.len, ZDH_EVENT_TRUSTED) &&
			   odd.noncanonical && odd.data_len == 0,
			   "trusted, data out of order: the strict path, no place known");
			zdh_event_clear(&odd);
			zdh_event_clear(&kept);
			zdh_buf_release(&spaced);
		}
		zdh_event_clear(&nd);
		zdh_buf_release(&sample_text);
	}
	{
		/* periods of validity: [from, until), the second of until by fold order */
		struct zdh_when end = { 0, 10, "xinqiao", "bbbb" };
		struct zdh_when w = { 100, 9, "yanan", "aaaa" };
		ok(zdh_when_within(&w, 100, 0, NULL), "when: from is within, open period");
		w.recorded = 99;
		ok(!zdh_when_within(&w, 100, 0, NULL), "when: before from is not");
		w.recorded = 199;
		ok(zdh_when_within(&w, 100, 200, &end), "when: the second before until is");
		w.recorded = 201, w.clock = 1;
		ok(!zdh_when_within(&w, 100, 200, &end), "when: after until is not, whatever the clock");
		w.recorded = 200;
		ok(zdh_when_within(&w, 100, 200, &end), "when: until's second, a lower clock is");
		w.clock = 11;
		ok(!zdh_when_within(&w, 100, 200, &end), "when: until's second, a higher clock is not");
		w.clock = 10;
		ok(!zdh_when_within(&w, 100, 200, &end), "when: the same clock, a later replica is not");
		w.replica = "tianjin";
		ok(zdh_when_within(&w, 100, 200, &end), "when: the same clock, an earlier replica is");
		w.replica = "xinqiao", w.id = "bbbb";
		ok(!zdh_when_within(&w, 100, 200, &end), "when: the revocation itself is not");
		w.id = "aaaa";
		ok(!zdh_when_within(&w, 100, 200, NULL), "when: until's second without its place is not");
	}
	{
		/* what a compromised key's revocation held: {"replica": clock} */
		json_t *seen = json_pack("{s:i, s:i}", "xinqiao", 7, "huashan", 3);
		struct zdh_when w = { 100, 7, "xinqiao", "aaaa" };
		ok(zdh_when_seen(&w, NULL), "seen: no revocation's, every event");
		ok(zdh_when_seen(&w, seen), "seen: its log's clock held");
		w.clock = 8;
		ok(!zdh_when_seen(&w, seen), "seen: a later clock of that log is not");
		w.replica = "yanan", w.clock = 1;
		ok(!zdh_when_seen(&w, seen), "seen: a log it did not hold is not, whatever the clock");
		w.replica = NULL;
		ok(!zdh_when_seen(&w, seen), "seen: no replica is not");
		json_decref(seen);
	}
	{
		/* a key's verdict over its periods: GOOD > COMPROMISED > REVOKED > NOT_YET */
		json_t *seen = json_pack("{s:i}", "xinqiao", 7);
		struct zdh_when end = { 0, 10, "xinqiao", "bbbb" };
		struct zdh_when w = { 150, 9, "xinqiao", "aaaa" };
		enum zdh_sig_status u = ZDH_SIG_UNKNOWN;

		is_int(zdh_when_status(u, &w, 100, 0, NULL, NULL), ZDH_SIG_GOOD,
		       "status: within an open period, good");
		is_int(zdh_when_status(u, &w, 100, 200, &end, seen), ZDH_SIG_COMPROMISED,
		       "status: within, not among what the revocation held, compromised");
		is_int(zdh_when_status(u, &w, 160, 0, NULL, NULL), ZDH_SIG_NOT_YET,
		       "status: before the period, not yet");
		is_int(zdh_when_status(u, &w, 100, 120, &end, NULL), ZDH_SIG_REVOKED,
		       "status: after the period, revoked");
		w.recorded = 200;
		is_int(zdh_when_status(u, &w, 100, 200, &end, NULL), ZDH_SIG_GOOD,
		       "status: the second that ended it, before the revocation in fold order, good");
		w.clock = 11;
		is_int(zdh_when_status(u, &w, 100, 200, &end, NULL), ZDH_SIG_REVOKED,
		       "status: the second that ended it, after the revocation, revoked");
		w.recorded = 150, w.clock = 9;
		is_int(zdh_when_status(ZDH_SIG_NOT_YET, &w, 100, 120, &end, NULL), ZDH_SIG_REVOKED,
		       "status: after one period and before another, revoked");
		is_int(zdh_when_status(ZDH_SIG_REVOKED, &w, 160, 0, NULL, NULL), ZDH_SIG_REVOKED,
		       "status: the same in the other order");
		is_int(zdh_when_status(ZDH_SIG_NOT_YET, &w, 160, 0, NULL, NULL), ZDH_SIG_NOT_YET,
		       "status: before every period, not yet");
		is_int(zdh_when_status(ZDH_SIG_REVOKED, &w, 100, 200, &end, seen), ZDH_SIG_COMPROMISED,
		       "status: compromised outweighs revoked");
		is_int(zdh_when_status(ZDH_SIG_COMPROMISED, &w, 100, 120, &end, NULL), ZDH_SIG_COMPROMISED,
		       "status: the same in the other order");
		is_int(zdh_when_status(ZDH_SIG_COMPROMISED, &w, 140, 0, NULL, NULL), ZDH_SIG_GOOD,
		       "status: a period that holds it outweighs all");
		is_int(zdh_when_status(ZDH_SIG_GOOD, &w, 100, 200, &end, seen), ZDH_SIG_GOOD,
		       "status: the same in the other order");
		json_decref(seen);
	}
	return done_testing();
}

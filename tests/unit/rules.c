/*
 * Unit tests of core/rules.c's rules on an event alone: "seen" (an id:
 * forty lower-case hex digits) and "tree" (attachments listed need a
 * tree), the latter for an event decoded without its data, as a
 * rebuild's walk decodes them: its data then read from the text, at the
 * place the decoder kept or found again.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "error.h"
#include "event.h"
#include "json.h"
#include "rules.h"
#include "sha1.h"

static const struct zdh_rule *rule(const char *name)
{
	for (const struct zdh_rule *r = zdh_rules; r->name; r++)
		if (!strcmp(r->name, name))
			return r;
	return NULL;
}

static void sample(struct zdh_event *ev, json_t *data)
{
	memset(ev, 0, sizeof(*ev));
	ev->version = ZDH_EVENT_VERSION;
	ev->kind = strdup("issue");
	ev->record = strdup("XQ-7");
	ev->op = strdup("add");
	ev->replica = strdup("xinqiao");
	ev->clock = 3;
	ev->date.t = 1764223380;
	ev->date.offset = 480;
	ev->actor.name = strdup("王芳");
	ev->actor.email = strdup("wangfang@example.org");
	ev->data = data;
}

/* The tree rule on ev's text decoded without its data; keep_place 0: the place forgotten. */
static int tree_nodata(json_t *data, int keep_place, int bogus_place)
{
	struct zdh_event ev, back;
	struct zdh_buf text = ZDH_BUF_INIT;
	struct zdh_rule_input in;
	int err = -100;

	sample(&ev, data);
	memset(&back, 0, sizeof(back));
	if (!zdh_event_encode(&text, &ev) &&
	    !zdh_event_decode_opts(&back, text.ptr, text.len, ZDH_EVENT_TRUSTED | ZDH_EVENT_NODATA) &&
	    !back.data && back.data_len) {
		if (!keep_place)
			back.data_at = back.data_len = 0;
		if (bogus_place)
			back.data_at = text.len;
		memset(&in, 0, sizeof(in));
		in.id = "";
		in.ev = &back;
		in.json = text.ptr;
		in.json_len = text.len;
		err = rule("tree")->check(&in);
	}
	zdh_event_clear(&back);
	zdh_event_clear(&ev);
	zdh_buf_release(&text);
	return err;
}

/*
 * ev with seen set, written and read back by the trusted decoder (a
 * rebuild's) and by the strict one: the same verdict, and the same seen.
 */
static void seen_decoded(const char *seen)
{
	struct zdh_event ev, fast, strict;
	struct zdh_buf text = ZDH_BUF_INIT;
	char what[160];
	int rf, rs;

	sample(&ev, json_object());
	ev.seen = strdup(seen);
	zdh_event_encode(&text, &ev);
	memset(&fast, 0, sizeof(fast));
	memset(&strict, 0, sizeof(strict));
	rf = zdh_event_decode_opts(&fast, text.ptr, text.len, ZDH_EVENT_TRUSTED | ZDH_EVENT_NODATA);
	rs = zdh_event_decode_opts(&strict, text.ptr, text.len, 0);
	snprintf(what, sizeof(what), "seen '%s' read alike by both decoders (%s)", seen,
		 rs ? "refused" : "taken");
	ok(rf == rs && (rf || (fast.seen && strict.seen && !strcmp(fast.seen, strict.seen))), what);
	if (!rf && fast.has_seen_oid) {
		unsigned char raw[20];
		snprintf(what, sizeof(what), "seen '%s': its bytes kept", seen);
		ok(!zdh_hex_decode(raw, seen, 20) && !memcmp(raw, fast.seen_oid, 20), what);
	}
	zdh_event_clear(&fast);
	zdh_event_clear(&strict);
	zdh_event_clear(&ev);
	zdh_buf_release(&text);
}

/* A commit of ev with the parent lines given read by zdh_logged_parse(): its parents. */
static void logged_parents(const char *parents, const char *json_from, const char *json_to,
			   int decoded, const char *first, int n, const char *what)
{
	struct zdh_event ev;
	struct zdh_buf raw = ZDH_BUF_INIT, c = ZDH_BUF_INIT;
	struct zdh_logged l;
	const char *body;
	char msg[200];

	sample(&ev, json_object());
	zdh_event_commit(&raw, &ev, NULL);
	body = strstr(raw.ptr, "\nauthor ") + 1;
	zdh_buf_add(&c, raw.ptr, (size_t)(body - raw.ptr));
	zdh_buf_puts(&c, parents);
	if (json_from) {
		const char *at = strstr(body, json_from);
		zdh_buf_add(&c, body, (size_t)(at - body));
		zdh_buf_puts(&c, json_to);
		zdh_buf_puts(&c, at + strlen(json_from));
	} else {
		zdh_buf_puts(&c, body);
	}
	memset(&l, 0, sizeof(l));
	zdh_logged_parse(&l, "ce013625030ba8dba906f756967f9e9ca394464a", c.ptr, c.len, ZDH_EVENT_TRUSTED);
	snprintf(msg, sizeof(msg), "%s: %s, %d parent(s), the first '%s'", what,
		 decoded ? "decoded" : "not decoded", n, first);
	ok(l.decoded == decoded && l.nparents == n && !strcmp(l.parent, first), msg);
	zdh_logged_release(&l);
	zdh_event_clear(&ev);
	zdh_buf_release(&raw);
	zdh_buf_release(&c);
}

int main(void)
{
	static const struct {
		const char *seen;
		int ok;
	} seen[] = {
		{ NULL, 1 },
		{ "ce013625030ba8dba906f756967f9e9ca394464a", 1 },
		{ "CE013625030BA8DBA906F756967F9E9CA394464A", 0 },
		{ "ce013625030ba8dba906f756967f9e9ca394464", 0 },
		{ "ce013625030ba8dba906f756967f9e9ca394464a0", 0 },
		{ "ce013625030ba8dba906f756967f9e9ca394464g", 0 },
		{ "ce013625030ba8dba906f756967f9e9ca39446 a", 0 },
		{ "", 0 },
		{ "中文不是提交标识", 0 },
	};
	const struct zdh_rule *rs = rule("seen");
	struct zdh_event ev;
	struct zdh_rule_input in;

	ok(rs && rule("tree"), "the rules seen and tree exist");
	for (size_t i = 0; rs && i < sizeof(seen) / sizeof(*seen); i++) {
		char what[120];

		memset(&ev, 0, sizeof(ev));
		memset(&in, 0, sizeof(in));
		ev.seen = (char *)seen[i].seen;
		in.id = "";
		in.ev = &ev;
		snprintf(what, sizeof(what), "seen '%s' %s", seen[i].seen ? seen[i].seen : "(none)",
			 seen[i].ok ? "taken" : "refused");
		is_int(rs->check(&in) == 0, seen[i].ok, what);
	}
	memset(&ev, 0, sizeof(ev));
	memset(&in, 0, sizeof(in));
	ev.seen = "ce013625030ba8dba906f756967f9e9ca394464a";
	in.id = "ce013625030ba8dba906f756967f9e9ca394464a";
	in.ev = &ev;
	ok(rs->check(&in) == ZDH_EINVALID, "seen naming the event itself refused");

	for (size_t i = 1; i < sizeof(seen) / sizeof(*seen); i++)
		seen_decoded(seen[i].seen);
	seen_decoded("ce013625030ba8dba906f756967f9e9ca394464\"");
	seen_decoded("ce013625030ba8dba906f756967f9e9ca394464\\");
	seen_decoded("ce013625030ba8dba906f756967f9e9ca394464\n");
	seen_decoded("ce013625030ba8dba906f756967f9e9ca39446\"a");
	seen_decoded("\"e013625030ba8dba906f756967f9e9ca394464a");
	seen_decoded("ce013625030ba8dba906f756967f9e9ca394464中");

	{
		const char *a = "parent ce013625030ba8dba906f756967f9e9ca394464a\n";
		const char *b = "parent 4b825dc642cb6eb9a060e54bf8d69288fbee4904\n";
		char two[200];

		snprintf(two, sizeof(two), "%s%s", a, b);
		logged_parents("", NULL, NULL, 1, "", 0, "a root");
		logged_parents(a, NULL, NULL, 1, "ce013625030ba8dba906f756967f9e9ca394464a", 1, "one parent");
		logged_parents(two, NULL, NULL, 1, "ce013625030ba8dba906f756967f9e9ca394464a", 2, "a merge");
		logged_parents(two, "\"clock\":3", "\"clock\":x", 0,
			       "ce013625030ba8dba906f756967f9e9ca394464a", 2, "a merge whose event does not parse");
		logged_parents(a, "author ", "author  ", 0, "ce013625030ba8dba906f756967f9e9ca394464a", 1,
			       "an author line out of form");
		logged_parents("parent ce01\n", NULL, NULL, 0, "", 0, "a short parent line");
		logged_parents("parent ce01\nparent ce013625030ba8dba906f756967f9e9ca394464a\n", NULL, NULL, 0,
			       "ce013625030ba8dba906f756967f9e9ca394464a", 1, "a short parent line and a parent");
	}

	for (int keep = 1; keep >= 0; keep--) {
		const char *how = keep ? "its place kept" : "its place found again";
		char what[120];

		snprintf(what, sizeof(what), "attachments without a tree refused, the data read at %s", how);
		is_int(tree_nodata(json_pack("{s:[{s:s,s:s,s:i}]}", "attachments", "id",
					     "ce013625030ba8dba906f756967f9e9ca394464a", "name",
					     "照片.jpg", "size", 3), keep, 0),
		       ZDH_EINVALID, what);
		snprintf(what, sizeof(what), "the word in a title is no attachment (%s)", how);
		is_int(tree_nodata(json_pack("{s:{s:s}}", "set", "title", "\"attachments\" 附件"), keep, 0),
		       0, what);
		snprintf(what, sizeof(what), "no attachments, no tree: taken (%s)", how);
		is_int(tree_nodata(json_pack("{s:{s:s}}", "set", "title", "楼道堆物"), keep, 0), 0, what);
	}
	is_int(tree_nodata(json_pack("{s:[{s:s,s:s,s:i}]}", "attachments", "id",
				     "ce013625030ba8dba906f756967f9e9ca394464a", "name", "a.txt",
				     "size", 1), 1, 1),
	       ZDH_EINVALID, "a place past the text: the data found again");
	return done_testing();
}

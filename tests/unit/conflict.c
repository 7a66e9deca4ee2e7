/*
 * Unit tests of core/conflict.c, on the real library: the fold order
 * (zdh_fold_cmp, shared with the fold and the catch-up), conflicts
 * described as people read them (values in fold order whatever the
 * arrival order, who and when, the provisional one), the line every show
 * prints, the marks lists load, every conflict of every kind, and what a
 * pull brought (new conflicts, writes that had no effect).
 *
 * Events are built by hand and fed to the index directly (no git writes),
 * as tests/unit/fold.c does.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "buf.h"
#include "conflict.h"
#include "error.h"
#include "event.h"
#include "index-db.h"
#include "index.h"
#include "repo.h"
#include "tap.h"
#include "lib-index.h"

static char base[] = "/tmp/zdh-conflict-test-XXXXXX";

#define ID(c) c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c

static char *dump(const json_t *j)
{
	return j ? json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS | JSON_ENCODE_ANY) : NULL;
}

/* ---- the fold order ---- */

static void test_fold_cmp(void)
{
	ok(zdh_fold_cmp(1, "b", ID("9"), 2, "a", ID("0")) < 0, "fold order: the clock first");
	ok(zdh_fold_cmp(3, "a", ID("9"), 2, "z", ID("0")) > 0, "fold order: a higher clock sorts after");
	ok(zdh_fold_cmp(2, "a", ID("9"), 2, "b", ID("0")) < 0, "fold order: then the replica");
	ok(zdh_fold_cmp(2, "b", ID("1"), 2, "b", ID("2")) < 0, "fold order: then the commit id");
	ok(zdh_fold_cmp(2, "b", ID("2"), 2, "b", ID("1")) > 0, "fold order: antisymmetric");
	is_int(zdh_fold_cmp(2, "b", ID("2"), 2, "b", ID("2")), 0, "fold order: an event equals itself");
}

/* ---- a record's conflicts, described ---- */

/*
 * A-O1 (org) added by a; b (华山办, 李明) and c (王芳, no dept) both set
 * its name without having seen each other (clock 2): a conflict, c's
 * value provisional ("c" sorts after "b").  d sets it unseen at clock 2
 * too: a third side.  A-O2's code is set to a number by a and cleared by
 * b unseen.  A-1 is an issue edited after its add: no conflict.
 */
#define N_EV 9
static struct zdh_event *ev[N_EV];

static void make_events(void)
{
	size_t i = 0;

	ev[i++] = make_event('1', "org", "a", 1, "A-O1", "add", NULL, "张三", "新桥办",
			json_pack("{s:{s:s,s:s}}", "set", "kind", "area", "name", "新桥"));
	ev[i++] = make_event('3', "org", "c", 2, "A-O1", "edit", "1", "王芳", NULL,
			json_pack("{s:{s:s}}", "set", "name", "新桥南"));
	ev[i++] = make_event('2', "org", "b", 2, "A-O1", "edit", "1", "李明", "华山办",
			json_pack("{s:{s:s}}", "set", "name", "新桥北"));
	ev[i++] = make_event('4', "org", "d", 2, "A-O1", "edit", "1", "赵六", NULL,
			json_pack("{s:{s:s}}", "set", "name", "新桥东"));
	ev[i++] = make_event('5', "org", "a", 1, "A-O2", "add", NULL, "张三", "新桥办",
			json_pack("{s:{s:s,s:s}}", "set", "kind", "dept", "name", "房管办"));
	ev[i++] = make_event('6', "org", "a", 2, "A-O2", "edit", "5", "张三", "新桥办",
			json_pack("{s:{s:i}}", "set", "code", 7));
	ev[i++] = make_event('7', "org", "b", 2, "A-O2", "edit", "5", "李明", "华山办",
			json_pack("{s:{s:s}}", "set", "code", ""));
	ev[i++] = make_event('8', "issue", "a", 1, "A-1", "add", NULL, "张三", "新桥办",
			json_pack("{s:{s:s,s:s,s:s}}", "set", "title", "路灯", "category", "other",
				  "source", "other"));
	ev[i++] = make_event('9', "issue", "b", 2, "A-1", "edit", "8", "李明", "华山办",
			json_pack("{s:{s:s}}", "set", "title", "路灯不亮"));
}

/* The described conflicts of kind id after the events in order, as text. */
static char *described_after(struct zdh_repo *repo, const size_t *order, size_t n,
			     const char *kind, const char *id)
{
	struct zdh_index *idx = fresh_index(repo);
	json_t *c = NULL;
	char *s = NULL;

	if (idx && !apply_order(idx, ev, order, n) && !zdh_conflicts_of(idx, kind, id, &c))
		s = dump(c);
	if (c)
		json_decref(c);
	zdh_index_close(idx);
	return s;
}

#define SIDE(idc, name, dept, min, prov, value) \
	"{\"actor\":{" dept "\"email\":\"t@example.org\",\"name\":\"" name "\"}," \
	"\"date\":\"2025-11-25T00:" min ":00+08:00\",\"event\":\"" ID(idc) "\"," \
	"\"provisional\":" prov ",\"value\":" value "}"

static void test_described(struct zdh_repo *repo)
{
	/* in writing order, and with c's edit arriving before b's and the add last */
	static const size_t two[3] = { 0, 1, 2 }, late[3] = { 1, 2, 0 };
	static const size_t three[4] = { 3, 0, 2, 1 };
	char *s;

	s = described_after(repo, two, 3, "org", "A-O1");
	ok(s && strstr(s, "\"values\":["), "described: a conflict of two edits has its values");
	ok(s && strstr(s, SIDE("2", "李明", "\"dept\":\"华山办\",", "02", "false", "\"新桥北\"") ","
			  SIDE("3", "王芳", "", "02", "true", "\"新桥南\"")),
	   "described: values in fold order (replica b before c), the last provisional, dept only when set");
	free(s);
	s = described_after(repo, late, 3, "org", "A-O1");
	ok(s && strstr(s, SIDE("2", "李明", "\"dept\":\"华山办\",", "02", "false", "\"新桥北\"") ","
			  SIDE("3", "王芳", "", "02", "true", "\"新桥南\"")),
	   "described: the same values, in the same order, whatever the arrival order");
	free(s);
	s = described_after(repo, three, 4, "org", "A-O1");
	ok(s && strstr(s, SIDE("3", "王芳", "", "02", "false", "\"新桥南\"") ","
			  SIDE("4", "赵六", "", "02", "true", "\"新桥东\"")),
	   "described: a third unseeing edit joins the conflict, provisional as the last in fold order");
	if (s && !strstr(s, "\"新桥北\""))
		printf("# got %s\n", s);
	free(s);
	s = described_after(repo, NULL, 1, "org", "A-O1");
	is_str(s, "[]", "described: a record without conflicts has an empty array");
	free(s);
}

/* ---- the line of a show ---- */

static void test_line(struct zdh_repo *repo)
{
	struct zdh_index *idx = fresh_index(repo);
	struct zdh_buf b = ZDH_BUF_INIT;
	json_t *c = NULL, *raw;

	if (!ok(idx && !apply_order(idx, ev, NULL, 7), "line: events applied"))
		goto done;
	zdh_conflicts_of(idx, "org", "A-O1", &c);
	zdh_conflict_line(&b, json_array_get(c, 0));
	is_str(b.ptr, "name: \"新桥北\" (李明, 华山办, 2025-11-25 00:02) vs \"新桥南\" (王芳, 2025-11-25 00:02)"
	       " vs \"新桥东\" (赵六, 2025-11-25 00:02, provisional)",
	       "line: each value, who (and dept), when; the provisional one marked");
	json_decref(c);
	c = NULL;
	zdh_buf_reset(&b);
	zdh_conflicts_of(idx, "org", "A-O2", &c);
	zdh_conflict_line(&b, json_array_get(c, 0));
	is_str(b.ptr, "code: 7 (张三, 新桥办, 2025-11-25 00:02) vs (cleared) (李明, 华山办, 2025-11-25 00:02, provisional)",
	       "line: a value that is not text is shown as JSON, a cleared one said so");
	json_decref(c);
	c = NULL;
	/* zdh_conflicts_describe: what the index keeps, described the same way */
	raw = json_pack("[{s:s, s:[s,s]}]", "field", "code", "events", ID("6"), ID("7"));
	zdh_conflicts_describe(idx, "A-O2", raw, &c);
	{
		json_t *of = NULL;
		char *a, *d;
		zdh_conflicts_of(idx, "org", "A-O2", &of);
		a = dump(c);
		d = dump(of);
		is_str(a, d, "describe: the raw conflict described as zdh_conflicts_of describes it");
		free(a);
		free(d);
		json_decref(of);
	}
	json_decref(raw);
	json_decref(c);
	c = NULL;
	zdh_conflicts_describe(idx, "A-O2", NULL, &c);
	is_int(json_array_size(c), 0, "describe: no raw conflicts, an empty array");
	ok(json_is_array(c), "describe: ... an array all the same");
done:
	if (c)
		json_decref(c);
	zdh_buf_release(&b);
	zdh_index_close(idx);
}

/* ---- lists' marks, every conflict, names ---- */

static int collect(const char *kind, const char *id, const json_t *conflicts, void *payload)
{
	zdh_buf_addf(payload, "%s %s %zu;", kind, id, json_array_size(conflicts));
	return 0;
}

static void test_lists(struct zdh_repo *repo)
{
	struct zdh_index *idx = fresh_index(repo);
	struct zdh_buf b = ZDH_BUF_INIT;
	json_t *f = NULL, *names;
	char *s;

	if (!ok(idx && !apply_order(idx, ev, NULL, N_EV), "lists: events applied"))
		goto done;
	zdh_conflicts_fields(idx, "org", &f);
	s = dump(f);
	is_str(s, "{\"A-O1\":[\"name\"],\"A-O2\":[\"code\"]}", "fields: the org records with conflicts and their fields");
	free(s);
	json_decref(f);
	f = NULL;
	zdh_conflicts_fields(idx, "issue", &f);
	is_int(json_object_size(f), 0, "fields: a sequential edit is no conflict (issue A-1)");
	zdh_conflicts_foreach(idx, NULL, collect, &b);
	is_str(b.ptr, "org A-O1 1;org A-O2 1;", "foreach: every record with conflicts, in kind then id order");
	zdh_buf_reset(&b);
	zdh_conflicts_foreach(idx, "issue", collect, &b);
	is_str(b.ptr, "", "foreach: only the kind asked for");

	names = zdh_conflicts_names("[{\"field\":\"title\",\"events\":[]},{\"field\":\"due\"},{\"events\":[]}]");
	s = dump(names);
	is_str(s, "[\"title\",\"due\"]", "names: the fields of raw conflicts, an entry without a field skipped");
	free(s);
	json_decref(names);
	names = zdh_conflicts_names(NULL);
	is_int(json_array_size(names), 0, "names: none of NULL");
	json_decref(names);
	names = zdh_conflicts_names("not json");
	is_int(json_array_size(names), 0, "names: none of text that is not JSON");
	json_decref(names);
done:
	if (f)
		json_decref(f);
	zdh_buf_release(&b);
	zdh_index_close(idx);
}

/* ---- what a pull brought ---- */

static void add_line(const char *line, void *payload)
{
	zdh_buf_addf(payload, "%s\n", line);
}

static void test_news(struct zdh_repo *repo)
{
	struct zdh_index *idx = fresh_index(repo);
	struct zdh_buf b = ZDH_BUF_INIT;
	struct zdh_event *retire = make_event('a', "org", "b", 3, "A-O2", "retire", "7", "李明", "华山办", NULL);
	struct zdh_event *edit = make_event('b', "org", "c", 3, "A-O2", "edit", "7", "王芳", NULL,
				       json_pack("{s:{s:s}}", "set", "name", "房办"));
	long long mark = -1;

	/* c has written its edit (clock 3) ... */
	if (!ok(idx && !apply_order(idx, ev, NULL, 5) && !apply_order(idx, &edit, NULL, 1),
		"news: c's events applied"))
		goto done;
	zdh_conflicts_mark(idx, &mark);
	ok(mark > 0, "news: the mark is the last event's seq");
	zdh_conflicts_news(idx, mark, "c", add_line, &b);
	is_str(b.ptr, "", "news: nothing after the mark, nothing to say");
	/* ... then hears of a's and b's edits of code and of b's retire, which sorts first */
	if (!ok(!apply_order(idx, ev + 5, NULL, 2) && !apply_order(idx, &retire, NULL, 1),
		"news: the pulled events applied"))
		goto done;
	zdh_conflicts_news(idx, mark, "c", add_line, &b);
	is_str(b.ptr,
	       "A-O2 edit had no effect: retire by 李明@b (华山办) at 2025-11-25 00:03 came first (org A-O2 is retired)\n"
	       "A-O2 conflict: code: 7 (张三, 新桥办, 2025-11-25 00:02) vs (cleared) (李明, 华山办, 2025-11-25 00:02, provisional)\n",
	       "news: this replica's write made void, then the new conflict, one line each");
	if (b.len && !strstr(b.ptr, "had no effect"))
		printf("# got %s", b.ptr);
done:
	event_free(retire);
	event_free(edit);
	zdh_buf_release(&b);
	zdh_index_close(idx);
}

int main(void)
{
	struct zdh_repo *repo;

	if (unit_begin(base))
		return 1;
	if (!ok((repo = unit_repo(base, "r", "a", "A")) != NULL, "repository made"))
		return done_testing();
	make_events();
	test_fold_cmp();
	test_described(repo);
	test_line(repo);
	test_lists(repo);
	test_news(repo);
	for (size_t i = 0; i < N_EV; i++)
		event_free(ev[i]);
	zdh_repo_free(repo);
	unit_end(base);
	return done_testing();
}

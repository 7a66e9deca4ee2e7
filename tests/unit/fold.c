/*
 * Unit tests of the engine's core rules (DESIGN §1–2), on the real
 * library: the fold order and the convergence sync rests on, conflicts
 * and their settling, a refused event kept with effect 0, the Lamport
 * clock of the write path, and record ids.
 *
 * Events are built by hand and fed to the index directly (no git writes),
 * except for the Lamport test, which uses the repository's write path.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "audit.h"
#include "buf.h"
#include "error.h"
#include "event.h"
#include "index.h"
#include "odb.h"
#include "org.h"
#include "repo.h"
#include "rules.h"
#include "store.h"
#include "tap.h"
#include "lib-index.h"

static char base[] = "/tmp/zdh-fold-test-XXXXXX";

/* A test whose failure message names the rule it guards. */
static void ok_why(int cond, const char *name, const char *why)
{
	if (!ok(cond, name))
		printf("#   %s\n", why);
}

/* ---- building events ---- */

static struct zdh_event *event(char idc, const char *replica, long long clock, const char *record,
			       const char *op, const char *seen_c, json_t *data)
{
	return make_event(idc, "org", replica, clock, record, op, seen_c, "测试员", NULL, data);
}

/* The export as a string (caller frees), NULL on error. */
static char *export_text(struct zdh_index *idx)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	int err = zdh_export(idx, f);

	fclose(f);
	if (err) {
		free(text);
		return NULL;
	}
	return text;
}

/* The "org" list of an export, compact with sorted keys (caller frees). */
static char *export_orgs(const char *text)
{
	json_t *root = text ? json_loads(text, 0, NULL) : NULL;
	char *s;

	if (!root)
		return NULL;
	s = json_dumps(json_object_get(json_object_get(root, "records"), "org"),
		       JSON_COMPACT | JSON_SORT_KEYS | JSON_ENCODE_ANY);
	json_decref(root);
	return s;
}

/* Export of evs applied in order into a fresh index of repo (caller frees). */
static char *export_after(struct zdh_repo *repo, struct zdh_event **evs, const size_t *order,
			  size_t n)
{
	struct zdh_index *idx = fresh_index(repo);
	char *text = NULL;

	if (idx && !apply_order(idx, evs, order, n))
		text = export_text(idx);
	zdh_index_close(idx);
	return text;
}

struct row {
	char id[41];
	long long clock;
	int effect;
	char note[200];
	char replica[32];
};

struct rows {
	struct row v[32];
	size_t n;
};

static int collect_row(const struct zdh_event_row *r, void *payload)
{
	struct rows *rows = payload;
	struct row *x;

	if (rows->n == sizeof(rows->v) / sizeof(*rows->v))
		return 0;
	x = &rows->v[rows->n++];
	snprintf(x->id, sizeof(x->id), "%s", r->id);
	snprintf(x->note, sizeof(x->note), "%s", r->note ? r->note : "(null)");
	snprintf(x->replica, sizeof(x->replica), "%s", r->replica);
	x->clock = r->clock;
	x->effect = r->effect;
	return 0;
}

/* The events of record, oldest first. */
static void events_of(struct zdh_index *idx, const char *record, struct rows *rows)
{
	struct zdh_log_filter f = ZDH_LOG_FILTER_INIT;

	memset(rows, 0, sizeof(*rows));
	f.record = record;
	f.oldest_first = 1;
	if (zdh_index_events(idx, &f, collect_row, rows))
		printf("# zdh_index_events: %s\n", zdh_error_msg());
}

/* A fixed-seed generator, the same on every platform. */
static unsigned long long rng = 0x5a4448u;
static size_t rnd(size_t n)
{
	rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
	return (size_t)((rng >> 33) % n);
}

static void shuffle(size_t *order, size_t n)
{
	for (size_t i = 0; i < n; i++)
		order[i] = i;
	for (size_t i = n - 1; i > 0; i--) {
		size_t j = rnd(i + 1), t = order[i];
		order[i] = order[j];
		order[j] = t;
	}
}

/* ---- the scenario ---- */

#define ID(c) c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c

/*
 * A-O1, written by a, edited concurrently by b and c (same field, both had
 * seen only the add: a conflict) and by a (another field); then b retires
 * it while c edits it: (3, "b") sorts before (3, "c"), so c's edit comes
 * to a retired org and has no effect.
 *
 * B-O1, written by b, edited concurrently by a and c (a conflict), settled
 * by b's edit that lists both in "resolves", then edited again by b
 * (sequential: no conflict).
 */
#define N_EVENTS 11
static struct zdh_event *scenario[N_EVENTS];

static void make_scenario(void)
{
	size_t i = 0;

	scenario[i++] = event('1', "a", 1, "A-O1", "add", NULL,
			      json_pack("{s:{s:s,s:s}}", "set", "kind", "area", "name", "新桥"));
	scenario[i++] = event('2', "b", 2, "A-O1", "edit", "1",
			      json_pack("{s:{s:s}}", "set", "name", "新桥北"));
	scenario[i++] = event('3', "c", 2, "A-O1", "edit", "1",
			      json_pack("{s:{s:s}}", "set", "name", "新桥南"));
	scenario[i++] = event('4', "a", 2, "A-O1", "edit", "1",
			      json_pack("{s:{s:s}}", "set", "code", "Q1"));
	scenario[i++] = event('5', "b", 3, "A-O1", "retire", "2", NULL);
	scenario[i++] = event('6', "c", 3, "A-O1", "edit", "3",
			      json_pack("{s:{s:s}}", "set", "code", "Q2"));

	scenario[i++] = event('7', "b", 1, "B-O1", "add", NULL,
			      json_pack("{s:{s:s,s:s}}", "set", "kind", "district", "name", "一片区"));
	scenario[i++] = event('8', "a", 2, "B-O1", "edit", "7",
			      json_pack("{s:{s:s}}", "set", "name", "一片区甲"));
	scenario[i++] = event('9', "c", 2, "B-O1", "edit", "7",
			      json_pack("{s:{s:s}}", "set", "name", "一片区丙"));
	scenario[i++] = event('a', "b", 3, "B-O1", "edit", "9",
			      json_pack("{s:{s:s},s:[s,s]}", "set", "name", "第一片区",
					"resolves", ID("8"), ID("9")));
	scenario[i++] = event('b', "b", 4, "B-O1", "edit", "a",
			      json_pack("{s:{s:s}}", "set", "name", "第一片区东"));
}

/* May scenario[j] arrive once the events in got[] have? */
static int ready(size_t j, const int *got)
{
	const struct zdh_event *ev = scenario[j];

	for (size_t i = 0; i < N_EVENTS; i++) {
		const struct zdh_event *o = scenario[i];
		if (got[i] || i == j)
			continue;
		if (ev->seen && !strcmp(ev->seen, o->id))
			return 0;	/* the event it had seen */
		if (!strcmp(o->replica, ev->replica) && o->clock < ev->clock)
			return 0;	/* an earlier event of its own log */
	}
	return 1;
}

/* A random order in which each event comes after the one it had seen and its log's earlier ones. */
static void causal_shuffle(size_t *order, size_t n)
{
	int got[N_EVENTS] = { 0 };

	for (size_t k = 0; k < n; k++) {
		size_t cand[N_EVENTS], m = 0;
		for (size_t j = 0; j < n; j++)
			if (!got[j] && ready(j, got))
				cand[m++] = j;
		order[k] = cand[rnd(m)];
		got[order[k]] = 1;
	}
}

static void show_diff(const size_t *order, const char *text, const char *want)
{
	char *o1 = export_orgs(text), *o2 = export_orgs(want);

	printf("# arrival order (by id digit):");
	for (size_t i = 0; i < N_EVENTS; i++)
		printf(" %c", scenario[order[i]]->id[0]);
	printf("\n# got:  %s\n# want: %s\n", o1 ? o1 : "(null)", o2 ? o2 : "(null)");
	free(o1);
	free(o2);
}

/* A-O1's conflict as the export describes it: b's and c's values, c's provisional (fold order) */
#define A_O1_CONFLICT \
	"{\"events\":[\"" ID("2") "\",\"" ID("3") "\"],\"field\":\"name\",\"values\":[" \
	"{\"actor\":{\"email\":\"t@example.org\",\"name\":\"测试员\"}," \
	"\"date\":\"2025-11-25T00:02:00+08:00\",\"event\":\"" ID("2") "\"," \
	"\"provisional\":false,\"value\":\"新桥北\"}," \
	"{\"actor\":{\"email\":\"t@example.org\",\"name\":\"测试员\"}," \
	"\"date\":\"2025-11-25T00:02:00+08:00\",\"event\":\"" ID("3") "\"," \
	"\"provisional\":true,\"value\":\"新桥南\"}]}"

static const char expected_orgs[] =
	"[{\"conflicts\":[" A_O1_CONFLICT "],"
	"\"events\":6,\"id\":\"A-O1\","
	"\"state\":{\"code\":\"Q1\",\"kind\":\"area\",\"name\":\"新桥南\","
	"\"names\":[\"新桥\",\"新桥北\",\"新桥南\"],\"retired\":true,\"retired_at\":\"2025-11-25\"}},"
	"{\"events\":5,\"id\":\"B-O1\","
	"\"state\":{\"kind\":\"district\",\"name\":\"第一片区东\","
	"\"names\":[\"一片区\",\"一片区甲\",\"一片区丙\",\"第一片区\",\"第一片区东\"]}}]";

static void test_conflicts(struct zdh_repo *repo)
{
	struct zdh_index *idx = fresh_index(repo);
	json_t *c = NULL;
	char *s, *text, *orgs;
	struct rows rows;

	if (!ok(idx, "conflicts: index opened"))
		return;
	/* A-O1: the add, then b's and c's concurrent edits of name */
	ok(!apply_order(idx, scenario, NULL, 3), "conflicts: add and two concurrent edits applied");
	zdh_index_conflicts(idx, "org", "A-O1", &c);
	s = c ? json_dumps(c, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	/* (each side's clock kept with it: its row is found by clock and id) */
	is_str(s, "[{\"clocks\":[2,2],\"events\":[\"" ID("2") "\",\"" ID("3") "\"],\"field\":\"name\"}]",
	       "conflicts: two concurrent edits of name are a conflict");
	free(s);
	if (c)
		json_decref(c);
	/* a's edit of another field is no conflict, and leaves name's open */
	ok(!apply_order(idx, scenario + 3, NULL, 1), "conflicts: edit of code applied");
	zdh_index_conflicts(idx, "org", "A-O1", &c);
	is_int(c ? json_array_size(c) : 0, 1, "conflicts: an edit of another field adds none");
	if (c)
		json_decref(c);
	text = export_text(idx);
	orgs = export_orgs(text);
	is_str(orgs, "[{\"conflicts\":[" A_O1_CONFLICT "],\"events\":4,\"id\":\"A-O1\","
	       "\"state\":{\"code\":\"Q1\",\"kind\":\"area\",\"name\":\"新桥南\","
	       "\"names\":[\"新桥\",\"新桥北\",\"新桥南\"]}}]",
	       "conflicts: export shows the open conflict; the later edit in fold order wins");
	free(text);
	free(orgs);

	/* B-O1: a conflict, settled by an edit that resolves both, then a sequential edit */
	ok(!apply_order(idx, scenario + 6, NULL, 3), "conflicts: second record's conflict applied");
	zdh_index_conflicts(idx, "org", "B-O1", &c);
	is_int(c ? json_array_size(c) : 0, 1, "conflicts: B-O1 has one open conflict");
	if (c)
		json_decref(c);
	ok(!apply_order(idx, scenario + 9, NULL, 1), "conflicts: resolving edit applied");
	zdh_index_conflicts(idx, "org", "B-O1", &c);
	ok(c == NULL, "conflicts: an edit with \"resolves\" of both settles it");
	if (c)
		json_decref(c);
	ok(!apply_order(idx, scenario + 10, NULL, 1), "conflicts: sequential edit applied");
	zdh_index_conflicts(idx, "org", "B-O1", &c);
	ok(c == NULL, "conflicts: a sequential edit by the same replica makes none");
	if (c)
		json_decref(c);

	/* the retire races c's edit: (3,b) before (3,c), the edit is refused and kept */
	ok(!apply_order(idx, scenario + 4, NULL, 2), "conflicts: retire and racing edit applied");
	events_of(idx, "A-O1", &rows);
	is_int(rows.n, 6, "events: A-O1 has six events");
	if (rows.n == 6) {
		is_str(rows.v[4].id, ID("5"), "events: the retire sorts fifth");
		is_int(rows.v[4].effect, 1, "events: the retire has effect");
		is_str(rows.v[5].id, ID("6"), "events: c's racing edit sorts last");
		is_int(rows.v[5].effect, 0, "events: c's edit of a retired org has no effect");
		is_str(rows.v[5].note, "org A-O1 is retired", "events: and says why");
		is_int(rows.v[0].effect, 1, "events: the add has effect");
		is_str(rows.v[0].note, "(null)", "events: an effective event has no note");
	}
	text = export_text(idx);
	orgs = export_orgs(text);
	is_str(orgs, expected_orgs, "conflicts: export after every event");
	free(text);
	free(orgs);
	zdh_index_close(idx);
}

static void test_convergence(struct zdh_repo *repo)
{
	size_t order[N_EVENTS];
	char *first, *orgs;
	int same = 1, runs = 0;

	/* fold order itself: every event in (clock, replica, id) order */
	first = export_after(repo, scenario, NULL, N_EVENTS);
	orgs = export_orgs(first);
	is_str(orgs, expected_orgs, "convergence: export in writing order");
	free(orgs);
	if (!first)
		return;

	/*
	 * Many random causal arrival orders: each event after the one it had
	 * seen and after the earlier events of its own log (as pulls bring
	 * them).  This is what sync relies on today.
	 */
	for (int k = 0; k < 150; k++) {
		char *text;
		causal_shuffle(order, N_EVENTS);
		text = export_after(repo, scenario, order, N_EVENTS);
		runs++;
		if (!text || strcmp(text, first)) {
			if (same)
				show_diff(order, text, first);
			same = 0;
		}
		free(text);
	}
	ok(same, "convergence: 150 random causal arrival orders give byte-identical exports");
	is_int(runs, 150, "convergence: every run was made");

	/* reversed: every event arrives before the ones it had seen */
	for (size_t i = 0; i < N_EVENTS; i++)
		order[i] = N_EVENTS - 1 - i;
	{
		char *text = export_after(repo, scenario, order, N_EVENTS);
		ok_why(text && !strcmp(text, first),
			"convergence: reversed arrival gives the same export",
			"an event refused before its record existed is not folded again when the add arrives");
		if (!text || strcmp(text, first))
			show_diff(order, text, first);
		free(text);
	}

	/* any arrival order at all */
	same = 1;
	for (int k = 0; k < 150; k++) {
		char *text;
		shuffle(order, N_EVENTS);
		text = export_after(repo, scenario, order, N_EVENTS);
		if (!text || strcmp(text, first)) {
			if (same)
				show_diff(order, text, first);
			same = 0;
		}
		free(text);
	}
	ok_why(same, "convergence: 150 random arrival orders give byte-identical exports",
		"an event refused before its record existed is not folded again when the add arrives");

	/* the refused edit stays refused in a causal order other than the writing one */
	{
		struct zdh_index *idx = fresh_index(repo);
		struct rows rows;
		causal_shuffle(order, N_EVENTS);
		apply_order(idx, scenario, order, N_EVENTS);
		events_of(idx, "A-O1", &rows);
		is_int(rows.n, 6, "convergence: A-O1 has six events after a random causal order");
		if (rows.n == 6) {
			is_int(rows.v[5].effect, 0, "convergence: the edit after the retire has no effect");
			is_str(rows.v[5].note, "org A-O1 is retired", "convergence: with its note");
		}
		zdh_index_close(idx);
	}
	free(first);
}

/*
 * The one arrival order that matters most: an edit that arrives before the
 * add it had seen (a pull that brings b's log before a's).  The edit is
 * refused on arrival (no such org); when the add arrives, the record must
 * be folded again so the edit takes effect.
 */
static void test_late_add(struct zdh_repo *repo)
{
	size_t order[3] = { 1, 0, 2 };
	struct zdh_event *evs[3];
	char *text, *orgs;

	evs[0] = event('1', "a", 1, "A-O1", "add", NULL,
		       json_pack("{s:{s:s,s:s}}", "set", "kind", "area", "name", "新桥"));
	evs[1] = event('2', "b", 2, "A-O1", "edit", "1",
		       json_pack("{s:{s:s}}", "set", "code", "B2"));
	evs[2] = event('3', "a", 3, "A-O1", "edit", "1",
		       json_pack("{s:{s:s}}", "set", "name", "新桥西"));
	text = export_after(repo, evs, order, 3);
	orgs = export_orgs(text);
	ok_why(orgs && !strcmp(orgs, "[{\"events\":3,\"id\":\"A-O1\","
			"\"state\":{\"code\":\"B2\",\"kind\":\"area\",\"name\":\"新桥西\","
			"\"names\":[\"新桥\",\"新桥西\"]}}]"),
		"late add: an edit that arrived before its record's add takes effect",
		"core/index.c fold() folds at once when the record does not exist yet");
	if (orgs)
		printf("# got: %s\n", orgs);
	free(text);
	free(orgs);
	for (int i = 0; i < 3; i++)
		event_free(evs[i]);
}

/*
 * Checks that read other records (an org's name is unique among live orgs)
 * must also give one answer whatever the arrival order: a and b each add
 * an org called 新桥; in fold order a's (1, "a") comes first and b's is
 * refused.
 */
static void test_cross_record(struct zdh_repo *repo)
{
	size_t ab[2] = { 0, 1 }, ba[2] = { 1, 0 };
	struct zdh_event *evs[2];
	char *t1, *t2;

	evs[0] = event('1', "a", 1, "A-O1", "add", NULL,
		       json_pack("{s:{s:s,s:s}}", "set", "kind", "area", "name", "新桥"));
	evs[1] = event('2', "b", 1, "B-O1", "add", NULL,
		       json_pack("{s:{s:s,s:s}}", "set", "kind", "area", "name", "新桥"));
	t1 = export_after(repo, evs, ab, 2);
	t2 = export_after(repo, evs, ba, 2);
	ok(t1 && t2, "cross-record: both orders exported");
	ok_why(t1 && t2 && !strcmp(t1, t2),
		"cross-record: two concurrent adds of one name converge whatever the arrival order",
		"name uniqueness is checked against other records as they stand on arrival");
	if (t1 && t2 && strcmp(t1, t2)) {
		char *o1 = export_orgs(t1), *o2 = export_orgs(t2);
		printf("# a then b: %s\n# b then a: %s\n", o1, o2);
		free(o1);
		free(o2);
	}
	free(t1);
	free(t2);
	for (int i = 0; i < 2; i++)
		event_free(evs[i]);
}

/* ---- Lamport clock of the write path ---- */

static long long clock_of(struct zdh_index *idx, const char *record)
{
	struct rows rows;

	events_of(idx, record, &rows);
	return rows.n ? rows.v[rows.n - 1].clock : -1;
}

static char *write_org(struct zdh_repo *repo, const char *name)
{
	struct zdh_txn *txn = NULL;
	char *id = NULL;
	int err;

	if ((err = zdh_txn_begin(&txn, repo))) {
		printf("# zdh_txn_begin: %s\n", zdh_error_msg());
		return NULL;
	}
	err = zdh_org_add(txn, "area", name, NULL, NULL, NULL, &id);
	if (!err)
		err = zdh_txn_commit(txn);
	if (err) {
		printf("# writing %s: %s\n", name, zdh_error_msg());
		free(id);
		id = NULL;
	}
	zdh_txn_free(txn);
	return id;
}

/* Append ev to its replica's log, whose tip is tip ("" for none): tip becomes ev's id. */
static int append_log(struct zdh_repo *repo, struct zdh_event *ev, char tip[41])
{
	struct zdh_buf raw = ZDH_BUF_INIT;
	char *ref = zdh_asprintf("refs/zdh/log/%s", ev->replica);
	size_t at, data[2];
	int err = zdh_event_commit_at(&raw, ev, tip, &at, data);

	if (!err)
		err = zdh_odb_write(ev->id, repo->gitdir, ZDH_OBJ_COMMIT, raw.ptr, raw.len);
	if (!err)
		err = zdh_ref_update(repo->gitdir, ref, ev->id, tip, 1);
	if (!err)
		memcpy(tip, ev->id, 41);
	zdh_buf_release(&raw);
	free(ref);
	return err;
}

/* Bring ev in as the real system does: as the root commit of its replica's log. */
static int arrive_by_log(struct zdh_repo *repo, struct zdh_event *ev)
{
	char tip[41] = "";
	int err = append_log(repo, ev, tip);

	return err ? err : zdh_index_catch_up(repo->index, NULL);
}

static ino_t index_inode(struct zdh_repo *repo)
{
	char p[1024];
	struct stat st;

	snprintf(p, sizeof(p), "%s/index.db", repo->gitdir);
	return stat(p, &st) ? 0 : st.st_ino;
}

/*
 * A log whose clocks do not grow (a hand-made or damaged one: zdh always
 * writes a clock above every one it has seen) is not in fold order when
 * read back: a rebuild must still fold it as a catch-up does, whether it
 * writes a new file or, when another process has the index open, in place.
 */
static void test_rebuild_order(void)
{
	struct zdh_repo *repo = unit_repo(base, "order", "a", "A");
	struct zdh_index *other = NULL;
	struct zdh_event *e[3];
	struct rows rows;
	char tip[41] = "", *want = NULL, *got = NULL, *id;
	long long n = 0, logs = 0;
	ino_t ino;

	if (!ok(repo, "rebuild order: repository made"))
		return;
	id = write_org(repo, "甲");
	free(id);
	e[0] = event('x', "z", 5, "Z-O1", "add", NULL,
		     json_pack("{s:{s:s,s:s}}", "set", "kind", "unit", "name", "远方"));
	e[1] = event('y', "z", 3, "Z-O1", "edit", NULL, json_pack("{s:{s:s}}", "set", "code", "Z3"));
	e[2] = event('w', "z", 7, "Z-O1", "edit", NULL,
		     json_pack("{s:{s:s}}", "set", "name", "远方二"));
	for (int i = 0; i < 3; i++) {
		if (i)
			e[i]->seen = strdup(tip);
		ok(!append_log(repo, e[i], tip), "rebuild order: an event of z written");
	}
	ok(!zdh_index_catch_up(repo->index, NULL), "rebuild order: caught up");
	want = export_text(repo->index);
	events_of(repo->index, "Z-O1", &rows);
	is_int(rows.n, 3, "rebuild order: Z-O1 has three events");
	if (rows.n == 3) {
		is_int(rows.v[0].clock, 3, "rebuild order: the edit of clock 3 sorts first");
		/* its log's clock goes down from 5 to 3: invalid (core/rules.c), never folded */
		is_int(rows.v[0].effect, 2, "rebuild order: ... and is invalid (its log's clock went down)");
		is_int(rows.v[2].effect, 1, "rebuild order: the edit of clock 7 is applied");
	}

	ino = index_inode(repo);
	ok(!zdh_index_rebuild(repo->index, &n, &logs), "rebuild order: rebuilt");
	is_int(n, 4, "rebuild order: four events");
	is_int(logs, 2, "rebuild order: from two logs");
	ok(index_inode(repo) != ino, "rebuild order: alone, into a new file");
	got = export_text(repo->index);
	ok(want && got && !strcmp(want, got), "rebuild order: the rebuild folds as the catch-up did");
	free(got);

	ok(!zdh_index_open(&other, repo), "rebuild order: another user of the index");
	ino = index_inode(repo);
	ok(!zdh_index_rebuild(repo->index, &n, &logs), "rebuild order: rebuilt again");
	ok(index_inode(repo) == ino, "rebuild order: not alone, in place");
	got = export_text(repo->index);
	ok(want && got && !strcmp(want, got), "rebuild order: in place too");
	free(got);
	got = export_text(other);
	ok(want && got && !strcmp(want, got), "rebuild order: the other user reads the same");
	zdh_index_close(other);

	free(got);
	free(want);
	for (int i = 0; i < 3; i++)
		event_free(e[i]);
	zdh_repo_free(repo);
}

static void test_lamport(void)
{
	struct zdh_repo *repo = unit_repo(base, "lamport", "a", "A");
	struct zdh_event *foreign, *far;
	struct rows rows;
	char *id1, *id2, *id3, *id4 = NULL;

	if (!ok(repo, "lamport: repository made"))
		return;
	id1 = write_org(repo, "甲");
	is_str(id1, "A-O1", "lamport: the first org is A-O1");
	if (!ok(repo->index, "lamport: the write opened the index"))
		goto done;
	is_int(clock_of(repo->index, "A-O1"), 1, "lamport: the first event has clock 1");
	id2 = write_org(repo, "乙");
	is_str(id2, "A-O2", "lamport: the second org is A-O2");
	is_int(clock_of(repo->index, "A-O2"), 2, "lamport: the next has clock 2");

	foreign = event('f', "z", 100, "Z-O1", "add", NULL,
			json_pack("{s:{s:s,s:s}}", "set", "kind", "unit", "name", "远方"));
	ok(!arrive_by_log(repo, foreign), "lamport: a foreign event with clock 100 applied");
	is_int(zdh_index_max_clock(repo->index, "a"), 100, "lamport: the highest clock seen is 100");
	id3 = write_org(repo, "丙");
	is_str(id3, "A-O3", "lamport: the third org is A-O3");
	is_int(clock_of(repo->index, "A-O3"), 101, "lamport: the next local event has clock 101");

	events_of(repo->index, NULL, &rows);
	is_int(rows.n, 4, "lamport: four events in the index");
	if (rows.n == 4) {
		is_str(rows.v[2].replica, "z", "lamport: the foreign event sorts third");
		is_str(rows.v[3].replica, "a", "lamport: the local write sorts after it");
	}
	/* a peer's valid event at the ceiling: no clock would be left above it */
	far = event('g', "y", ZDH_CLOCK_MAX, "Y-O1", "add", NULL,
		    json_pack("{s:{s:s,s:s}}", "set", "kind", "unit", "name", "极远"));
	far->date.t = 1764000000 + 200 * 60;	/* (its date a valid one) */
	far->recorded = far->date;
	ok(!arrive_by_log(repo, far), "lamport: a foreign event with clock 2^48 applied");
	is_int(zdh_index_max_clock(repo->index, "a"), 101,
	       "lamport: a write counts on from the highest clock below 2^47");
	is_int(zdh_index_max_clock(repo->index, "y"), ZDH_CLOCK_MAX,
	       "lamport: and from its own log's last, wherever it is");
	id4 = write_org(repo, "丁");
	is_str(id4, "A-O4", "lamport: a write after it is taken");
	is_int(clock_of(repo->index, "A-O4"), 102, "lamport: with clock 102");
	free(id1);
	free(id2);
	free(id3);
	free(id4);
	event_free(foreign);
	event_free(far);
done:
	zdh_repo_free(repo);
}

/* ---- record ids ---- */

static void is_next(struct zdh_index *idx, const char *prefix, const char *want, const char *name)
{
	char *got = zdh_index_next_id(idx, &zdh_kind_org, prefix);
	is_str(got, want, name);
	free(got);
}

static void test_next_id(struct zdh_repo *repo)
{
	struct zdh_index *idx = fresh_index(repo);
	struct zdh_event *evs[9];
	static const char *const names[] = { "一", "二", "三", "四", "五", "六", "七" };
	static const struct { char c; const char *replica, *record; } e[] = {
		{ '1', "a", "A-O1" }, { '2', "a", "A-O2" },
		{ '3', "b", "B-O1" }, { '4', "b", "B-O2" }, { '5', "b", "B-O3" },
		{ '6', "c", "AB-O9" }, { '7', "c", "A-O5" },
	};

	if (!ok(idx, "next id: index opened"))
		return;
	is_next(idx, "A", "A-O1", "next id: an empty index starts at A-O1");
	for (size_t i = 0; i < 7; i++)
		evs[i] = event(e[i].c, e[i].replica, 1 + (long long)i, e[i].record, "add", NULL,
			       json_pack("{s:{s:s,s:s}}", "set", "kind", "unit", "name", names[i]));
	apply_order(idx, evs, NULL, 2);
	is_next(idx, "A", "A-O3", "next id: after A-O1 and A-O2 comes A-O3");
	apply_order(idx, evs + 2, NULL, 3);
	is_next(idx, "A", "A-O3", "next id: another replica's B ids leave A's counter alone");
	is_next(idx, "B", "B-O4", "next id: B's counter follows B's ids");
	is_next(idx, "C", "C-O1", "next id: an unused prefix starts at 1");
	apply_order(idx, evs + 5, NULL, 1);
	is_next(idx, "A", "A-O3", "next id: AB-O9 is not an id of prefix A");
	is_next(idx, "AB", "AB-O10", "next id: AB continues after AB-O9");
	zdh_error_clear();
	apply_order(idx, evs + 6, NULL, 1);
	is_int(zdh_error_code(), 0, "next id: folding it leaves no error behind (the prefix only asked)");
	is_next(idx, "A", "A-O3", "next id: an A id another replica names takes nothing (A is a's)");
	/* an edit of a record that never existed is refused; by another replica it takes no number */
	evs[7] = event('8', "c", 8, "A-O7", "edit", NULL,
		       json_pack("{s:{s:s}}", "set", "code", "X7"));
	apply_order(idx, evs + 7, NULL, 1);
	is_next(idx, "A", "A-O3", "next id: a number another replica's refused event names is not taken");
	/* by the prefix's owner, it does */
	evs[8] = event('9', "a", 9, "A-O7", "edit", NULL,
		       json_pack("{s:{s:s}}", "set", "code", "X7"));
	apply_order(idx, evs + 8, NULL, 1);
	is_next(idx, "A", "A-O8", "next id: a number only a refused event of the owner names is not given again");
	for (size_t i = 0; i < 9; i++)
		event_free(evs[i]);
	zdh_index_close(idx);
}

int main(void)
{
	struct zdh_repo *repo;

	if (unit_begin(base))
		return 1;
	repo = unit_repo(base, "fold", "a", "A");
	if (!ok(repo, "repository made"))
		return done_testing();
	make_scenario();
	test_conflicts(repo);
	test_convergence(repo);
	test_late_add(repo);
	test_cross_record(repo);
	test_next_id(repo);
	test_lamport();
	test_rebuild_order();
	for (size_t i = 0; i < N_EVENTS; i++)
		event_free(scenario[i]);
	zdh_repo_free(repo);
	unit_end(base);
	return done_testing();
}

/*
 * visit — the liaison (L) and visit (V) record kinds.  States:
 *   liaison {"name": "王强", "dept": "XQ-O4", "areas": ["XQ-O2", ...], "phone", "retired"}
 *   visit   {"area": "XQ-O2", "liaison": "王强", "liaison_id": "XQ-L1", "dept": "XQ-O4",
 *            "day": "2026-12-01", "notes": "...", "issue": "XQ-12", "raised": true}
 * Areas and departments are orgs, by id (older events: by name, which
 * org.h's zdh_org_keys() and zdh_org_label() still understand); the
 * events note the names they had (data.names).
 * A visit's dept is its liaison's at the time of the visit, kept so that
 * `visit list --dept` needs no join and a liaison changing departments
 * does not move old visits.  Its liaison is kept by name and, since visit
 * version 4, by id: two offices may each add a liaison of one name before
 * they hear of each other, and the name alone joined their visits.
 *
 * check() sees the record's own state and the event only.  The registry
 * (the area, the liaison, the liaison's areas, the issue followed up) is
 * checked when a visit is written, by zdh_visit_add(), through a cache
 * that lives for one transaction: an import of a year of visits names
 * the same few dozen liaisons and areas on every row.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "conflict.h"
#include "date.h"
#include "error.h"
#include "i18n.h"
#include "import.h"
#include "index-db.h"
#include "json.h"
#include "issue.h"
#include "org.h"
#include "output.h"
#include "repo.h"
#include "rules.h"
#include "visit.h"
#include "words.h"
#include "workday.h"

static const char *str(const json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

/*
 * YYYY-MM-DD, a day of the calendar (visit version 2: a day the month
 * has, 29 February in a leap year only; version 1 took any day 1-31, so
 * a crafted 2024-02-30 took effect: the index folds every visit again
 * with this version, so every replica of this zdh decides alike).  The
 * form zdh writes, ten digits and dashes, is zdh_day_parse()'s (sscanf()
 * was a quarter of checking a visit); anything else sscanf() still
 * reads, the calendar's check the same (a round trip through day numbers).
 */
static int is_day(const char *s)
{
	long long day;
	int y, m, d, n = 0, yy, mm, dd;

	if (!s || strlen(s) != 10)
		return 0;
	if (!zdh_day_parse(&day, s))
		return 1;
	if (sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 || n != 10 || m < 1 || m > 12 || d < 1)
		return 0;
	zdh_day_civil(zdh_days_from_civil(y, m, d), &yy, &mm, &dd);
	return yy == y && mm == m && dd == d;
}

/* ---- checks ---- */

static int text_field(const json_t *set, const char *key, size_t max, int one_line, int required)
{
	json_t *v = json_object_get(set, key);

	if (!v)
		return required ? zdh_error_set(ZDH_EINVALID, _("%s is missing"), key) : 0;
	if (!json_is_string(v))
		return zdh_error_set(ZDH_EINVALID, _("%s is not text"), key);
	if (required && strspn(json_string_value(v), " \t\n") == strlen(json_string_value(v)))
		return zdh_error_set(ZDH_EINVALID, _("%s is empty"), key);
	return zdh_issue_check_text(key, json_string_value(v), max, one_line);
}

static int only_fields(const json_t *set, const char *const *allowed, const char *op)
{
	const char *key;
	json_t *v;

	if (!json_is_object(set))
		return zdh_error_set(ZDH_EINVALID, _("data.set is not an object"));
	json_object_foreach((json_t *)set, key, v) {
		size_t i;
		for (i = 0; allowed[i] && strcmp(allowed[i], key); i++)
			;
		if (!allowed[i])
			return zdh_error_set(ZDH_EINVALID, _("'%s' cannot set %s"), op, key);
	}
	return 0;
}

static int check_areas(const json_t *set, int required)
{
	json_t *areas = json_object_get(set, "areas"), *v;
	size_t i;
	int err;

	if (!areas)
		return required ? zdh_error_set(ZDH_EINVALID, _("a liaison needs areas")) : 0;
	if (!json_is_array(areas) || !json_array_size(areas))
		return zdh_error_set(ZDH_EINVALID, _("areas is not a list of names"));
	json_array_foreach(areas, i, v) {
		if (!json_is_string(v) || !*json_string_value(v))
			return zdh_error_set(ZDH_EINVALID, _("areas holds an empty or non-text name"));
		if ((err = zdh_issue_check_text(_("area"), json_string_value(v), ZDH_NAME_MAX, 1)))
			return err;
	}
	return 0;
}

static int check_liaison_fields(const json_t *set, int adding, const char *op)
{
	static const char *const allowed[] = { "name", "dept", "areas", "phone", NULL };
	int err;

	if ((err = only_fields(set, allowed, op)) ||
	    (err = text_field(set, "name", ZDH_NAME_MAX, 1, adding)) ||
	    (err = text_field(set, "dept", ZDH_NAME_MAX, 1, adding)) ||
	    (err = text_field(set, "phone", ZDH_NAME_MAX, 1, 0)) ||
	    (err = check_areas(set, adding)))
		return err;
	if (json_object_get(set, "name") && !*str(set, "name"))
		return zdh_error_set(ZDH_EINVALID, _("name is empty"));
	if (json_object_get(set, "dept") && !*str(set, "dept"))
		return zdh_error_set(ZDH_EINVALID, _("dept is empty"));
	if (!adding && !json_object_size(set))
		return zdh_error_set(ZDH_EINVALID, _("nothing to change"));
	return 0;
}

static int check_liaison_add(const json_t *state, const struct zdh_event *ev)
{
	if (state)
		return zdh_error_set(ZDH_EEXISTS, _("liaison %s exists already"), ev->record);
	return check_liaison_fields(json_object_get(ev->data, "set"), 1, ev->op);
}

static int check_live(const json_t *state, const struct zdh_event *ev)
{
	if (!state)
		return zdh_error_set(ZDH_ENOTFOUND, _("no liaison %s"), ev->record);
	if (json_is_true(json_object_get(state, "retired")))
		return zdh_error_set(ZDH_ESTATE, _("liaison %s is retired"), ev->record);
	return 0;
}

static int check_liaison_edit(const json_t *state, const struct zdh_event *ev)
{
	int err;

	/* a retired one takes an edit that settles a conflict (version 2) */
	if ((err = check_live(state, ev)) && !(err == ZDH_ESTATE && zdh_kind_settles(ev)))
		return err;
	return check_liaison_fields(json_object_get(ev->data, "set"), 0, ev->op);
}

static int check_liaison_retire(const json_t *state, const struct zdh_event *ev)
{
	int err;

	if ((err = check_live(state, ev)))
		return err;
	return zdh_kind_check_no_set(ev);
}

/* The live liaisons whose name looks like ?1 (or is it), but ?2 (like_name) */
static const char sql_like_name[] =
	"SELECT id, name FROM records_liaison WHERE zdh_name_key(name) = zdh_name_key(?1)"
	" AND id IS NOT ?2 AND json_extract(state, '$.retired') IS NULL ORDER BY prefix, n";

/* A live liaison's name is unique: checked when written. */

static int validate_liaison(struct zdh_index *idx, const json_t *state, const struct zdh_event *ev)
{
	json_t *set = json_object_get(ev->data, "set"), *v;
	size_t i;
	char *id;
	int err = 0;

	(void)state;
	if (str(set, "name")) {
		if ((err = zdh_name_visible(_("name"), str(set, "name"))))
			return err;
		if ((err = zdh_kind_name_free(&id, idx, sql_like_name, str(set, "name"),
					      ev->record)))
			return err;
		if (id) {
			err = zdh_error_set(ZDH_EEXISTS, _("a liaison named '%s' exists already (%s)"),
					    str(set, "name"), id);
			free(id);
			return err;
		}
	}
	if (str(set, "dept")) {
		if ((err = zdh_org_resolve(&id, idx, str(set, "dept"), "dept", 0)))
			return err;
		free(id);
	}
	json_array_foreach(json_object_get(set, "areas"), i, v) {
		if ((err = zdh_org_resolve(&id, idx, json_string_value(v), "area", 0)))
			return err;
		free(id);
	}
	return 0;
}

static int check_visit_add(const json_t *state, const struct zdh_event *ev)
{
	static const char *const allowed[] = {
		"area", "liaison", "liaison_id", "dept", "day", "notes", "issue", NULL
	};
	json_t *set = json_object_get(ev->data, "set"), *raised = json_object_get(ev->data, "raised");
	int err;

	if (state)
		return zdh_error_set(ZDH_EEXISTS, _("visit %s exists already"), ev->record);
	if ((err = only_fields(set, allowed, ev->op)) ||
	    (err = text_field(set, "area", ZDH_NAME_MAX, 1, 1)) ||
	    (err = text_field(set, "liaison", ZDH_NAME_MAX, 1, 1)) ||
	    (err = text_field(set, "liaison_id", ZDH_NAME_MAX, 1, 0)) ||
	    (err = text_field(set, "dept", ZDH_NAME_MAX, 1, 1)) ||
	    (err = text_field(set, "notes", ZDH_VISIT_NOTES_MAX, 0, 1)) ||
	    (err = text_field(set, "issue", ZDH_NAME_MAX, 1, 0)))
		return err;
	if (!is_day(str(set, "day")))
		return zdh_error_set(ZDH_EINVALID, _("day is not a day (YYYY-MM-DD)"));
	/* the issue it follows up or raised: an issue's id (visit version 3; it may come later) */
	if (json_object_get(set, "issue") && (err = zdh_kind_id_check("issue", str(set, "issue"))))
		return err;
	/* its liaison's id beside the name (visit version 4; older visits: the name alone) */
	if (json_object_get(set, "liaison_id") &&
	    (err = zdh_kind_id_check("liaison", str(set, "liaison_id"))))
		return err;
	if (raised && (!json_is_true(raised) || !str(set, "issue")))
		return zdh_error_set(ZDH_EINVALID, _("raised is true, with the issue raised"));
	return 0;
}

static void apply_visit_add(json_t *state, const struct zdh_event *ev)
{
	if (json_is_true(json_object_get(ev->data, "raised")))
		json_object_set_new(state, "raised", json_true());
}

/*
 * 作废 (visit version 5): a visit entered by mistake (typed twice, a CSV
 * imported twice, the wrong area or liaison) stays in the history, with
 * its reason, and leaves the lists, the liaisons' counts and the reports;
 * it changes no field, so nothing conflicts with it.
 */
static int check_visit_void(const json_t *state, const struct zdh_event *ev)
{
	const char *msg = str(ev->data, "message");

	if (!state)
		return zdh_error_set(ZDH_ENOTFOUND, _("no visit %s"), ev->record);
	if (json_is_true(json_object_get(state, "void")))
		return zdh_error_set(ZDH_ESTATE, _("%s is void already"), ev->record);
	if (!msg || !*msg)
		return zdh_error_set(ZDH_EINVALID, _("voiding a visit needs a reason"));
	return zdh_kind_check_no_set(ev);
}

static void apply_visit_void(json_t *state, const struct zdh_event *ev)
{
	(void)ev;
	json_object_set_new(state, "void", json_true());
}

/*
 * The live liaisons other than except named name, in id order: a new
 * array.  validate_liaison refuses a second one at one office; two
 * offices may each add one before they hear of each other, and both stay.
 */
static int same_name(json_t **out, struct zdh_index *idx, const char *name, const char *except)
{
	static const char sql[] =
		"SELECT id FROM records_liaison WHERE name = ?1 AND id IS NOT ?2"
		" AND json_extract(state, '$.retired') IS NULL ORDER BY prefix, n";

	return zdh_index_named_ids(idx, sql, name, except, out);
}

/* The same for the live liaisons whose name looks like name (zdh_index_like_rows()). */
static int like_name(json_t **out, json_t **unlike, struct zdh_index *idx, const char *name,
		     const char *except)
{
	return zdh_index_like_ids(idx, sql_like_name, name, except, out, unlike, NULL);
}

/*
 * Two live liaisons named name, added at two offices before they heard of
 * each other: the name is refused, naming them, as an org's is ("'王强'
 * names more than one liaison: XQ-L1, YA-L1; give the id"), rather than
 * meaning the first in id order, whose areas and department the other
 * office's visits would then be checked against and recorded with.
 */
static int ambiguous(struct zdh_index *idx, const char *name)
{
	json_t *all;
	int err;

	if ((err = same_name(&all, idx, name, NULL)))
		return err;
	err = zdh_kind_name_shared(name, zdh_word_label(ZDH_W_RECORD_KIND, "liaison"), all);
	json_decref(all);
	return err;
}

/*
 * A pull's news (kind.h): each live liaison its events added whose name
 * another live liaison has, or one that looks like it (zdh_name_key()),
 * two offices having added one each before they heard of each other,
 * "YA-L1 same name as XQ-L1: a liaison named '王强'"; a group new together
 * is told once.  A command given the name then refuses it (liaison_exact),
 * so people must know.
 */
static int liaison_others(json_t **out, json_t **unlike, struct zdh_index *idx,
			  sqlite3_stmt *row, const char *id)
{
	const char *name = (const char *)sqlite3_column_text(row, 1);

	return name ? like_name(out, unlike, idx, name, id) : 0;
}

static char *liaison_line(struct zdh_index *idx, sqlite3_stmt *row, const char *id,
			  const char *others, const char *names)
{
	(void)idx;
	if (names)
		return zdh_asprintf(_("%s looks like %s: liaisons named %s"), id, others, names);
	return zdh_asprintf(_("%s same name as %s: a liaison named '%s'"), id, others,
			    (const char *)sqlite3_column_text(row, 1));
}

static int liaison_news(struct zdh_index *idx, long long mark,
			void (*fn)(const char *line, void *payload), void *payload)
{
	static const struct zdh_same_news n = {
		"SELECT l.id, l.name FROM records_liaison l"
		" WHERE json_extract(l.state, '$.retired') IS NULL AND EXISTS (SELECT 1 FROM events e"
		" WHERE e.record = l.id AND e.kind = 'liaison' AND e.op = 'add' AND e.effect = 1"
		" AND e.seq > ?1) ORDER BY l.prefix, l.n",
		liaison_others, liaison_line
	};

	return zdh_index_same_news(idx, mark, &n, fn, payload);
}

static const struct zdh_op liaison_ops[] = {
	{ "add", validate_liaison, check_liaison_add, NULL },
	{ "edit", validate_liaison, check_liaison_edit, NULL },
	{ "retire", NULL, check_liaison_retire, zdh_kind_apply_retired },
	{ NULL, NULL, NULL, NULL }
};

static const struct zdh_field liaison_fields[] = {
	{ "name", "TEXT", "name" },
	{ "dept", "TEXT", "dept" },
	{ NULL, NULL, NULL }
};

const struct zdh_kind zdh_kind_liaison = {
	.name = "liaison", .letter = 'L', .ops = liaison_ops, .fields = liaison_fields,
	.index_sql = "CREATE INDEX records_liaison_name ON records({name}) WHERE kind = 'liaison';"
		"CREATE INDEX records_liaison_key ON records(zdh_name_key({name}))"
		" WHERE kind = 'liaison';",
	.version = 2,	/* 2: an edit settles a conflict when retired */
	.news = liaison_news,	/* two live liaisons of one name or names alike */
};

static const struct zdh_op visit_ops[] = {
	{ "add", NULL, check_visit_add, apply_visit_add },
	/* the area's staff, a liaison of the visit's department, the sub-district */
	{ "void", NULL, check_visit_void, apply_visit_void,
	  "area-staff@area liaison@dept subdistrict-admin" },
	{ NULL, NULL, NULL, NULL }
};

static const struct zdh_field visit_fields[] = {
	{ "area", "TEXT", "area" },
	{ "liaison", "TEXT", "liaison" },
	{ "dept", "TEXT", "dept" },
	{ "day", "TEXT", "day" },
	{ "liaison_id", "TEXT", "liaison_id" },	/* (visit version 4) */
	{ "issue", "TEXT", "issue" },	/* the issue it followed up (issue show lists it) */
	{ "void", "INTEGER", "void" },	/* 1 when voided (visit version 5), else NULL */
	{ NULL, NULL, NULL }
};

const struct zdh_kind zdh_kind_visit = {
	.name = "visit", .letter = 'V', .ops = visit_ops, .fields = visit_fields,
	.index_sql = "CREATE INDEX records_visit_day ON records({day}, prefix, n) WHERE kind = 'visit';"
	"CREATE INDEX records_visit_issue ON records({issue}) WHERE kind = 'visit'"
	" AND {issue} IS NOT NULL;",
	.version = 5,	/* 2: a day of the calendar; 3: its issue an issue's id;
			   4: its liaison's id beside the name; 5: void */
	.mistake_op = "void",	/* a voided visit leaves the reports (report.c) */
};

/* ---- registry lookups, cached for one transaction ---- */

#define CACHE 512
static struct {
	unsigned long txn;
	size_t n, next;		/* entries used; the slot to reuse when full */
	json_t *slots;		/* "kind name" -> its slot, a hash: an import looks up twice a row */
	struct { char *key; json_t *state; } v[CACHE];
} cache;

static void cache_clear_slot(size_t i)
{
	json_object_del(cache.slots, cache.v[i].key);
	free(cache.v[i].key);
	json_decref(cache.v[i].state);
}

/* "kind name" in buf (size bytes) when it fits, else allocated: free it when != buf */
static char *cache_key(char *buf, size_t size, const char *kind, const char *name)
{
	size_t k = strlen(kind), n = strlen(name);
	char *key = k + n + 2 <= size ? buf : zdh_malloc(k + n + 2);

	memcpy(key, kind, k);
	key[k] = ' ';
	memcpy(key + k + 1, name, n + 1);
	return key;
}

static json_t *cached(const struct zdh_txn *txn, const char *kind, const char *name)
{
	json_t *slot;
	char buf[256], *key;

	if (cache.txn != zdh_txn_serial(txn) || !cache.slots) {
		for (size_t i = 0; i < cache.n; i++)
			cache_clear_slot(i);
		cache.n = cache.next = 0;
		cache.txn = zdh_txn_serial(txn);
		if (!cache.slots)
			cache.slots = json_object();
	}
	key = cache_key(buf, sizeof(buf), kind, name);
	slot = json_object_get(cache.slots, key);
	if (key != buf)
		free(key);
	return slot ? cache.v[json_integer_value(slot)].state : NULL;
}

/*
 * Keep state (the reference is stolen) and return it, borrowed.  When the
 * cache is full the oldest slot is reused: the two states a visit holds at
 * once (its area's and its liaison's) are never in the same slot.
 */
static json_t *remember(const char *kind, const char *name, json_t *state)
{
	size_t i;

	if (cache.n < CACHE) {
		i = cache.n++;
	} else {
		i = cache.next;
		cache.next = (cache.next + 1) % CACHE;
		cache_clear_slot(i);
	}
	cache.v[i].key = cache_key(NULL, 0, kind, name);
	cache.v[i].state = state;
	json_object_set_new(cache.slots, cache.v[i].key, json_integer((json_int_t)i));
	return state;
}

/* The state of the live area (an org) called name; borrowed from the cache. */
static int area_state(json_t **out, struct zdh_txn *txn, const char *name)
{
	struct zdh_index *idx = zdh_txn_index(txn);
	char *id;
	int err;

	if ((*out = cached(txn, "area", name)))
		return 0;
	if ((err = zdh_org_resolve(&id, idx, name, "area", 0)))
		return err;
	err = zdh_index_state(idx, "org", id, out, NULL);
	if (!err) {
		json_object_set_new(*out, "id", json_string(id));
		*out = remember("area", name, *out);
	}
	free(id);
	return err;
}

/* Is a liaison's state live (no "retired", as json_extract(state, '$.retired') IS NULL)? */
static int liaison_live(const json_t *st)
{
	const json_t *v = json_object_get(st, "retired");

	return !v || json_is_null(v);
}

/*
 * The live liaison whose name is name (two of them: refused, ambiguous())
 * or whose id (any case) is name, the first in id order when it is one's
 * name and another's id: looked up through the index on the name and the key,
 * not a scan (an import resolves a name per row).  Its state too when
 * state is not NULL (a new reference).  The name's rows are read with
 * their states (a statement over the table: the view records_liaison,
 * whose column "name" is p1, liaison_fields' first, costs twice as much
 * to prepare), the id by the index's own statement, which the write's
 * other states are read with; only a name that is also another live
 * liaison's id takes the statement that orders both.
 */
static int liaison_exact(char **out, json_t **state, struct zdh_index *idx, const char *name)
{
	static const char by_name[] =
		"SELECT id, prefix, n, state FROM records WHERE kind = 'liaison' AND p1 = ?1";
	static const char both[] =
		"SELECT id, prefix, n FROM records WHERE kind = 'liaison' AND p1 = ?1"
		" AND json_extract(state, '$.retired') IS NULL"
		" UNION ALL SELECT id, prefix, n FROM records WHERE kind = 'liaison'"
		" AND " ZDH_SQL_ID_IS("", "'liaison'", "?2")
		" AND json_extract(state, '$.retired') IS NULL"
		" ORDER BY 2, 3 LIMIT 1";
	sqlite3_stmt *s;
	char *upper, *best_prefix = NULL;
	long long best_n = 0;
	json_t *best = NULL, *st = NULL;
	int rc, live = 0;

	*out = NULL;
	if (state)
		*state = NULL;
	if (!(s = zdh_index_cached_kind(idx, by_name, "liaison")))
		return ZDH_ERROR;
	sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *prefix = (const char *)sqlite3_column_text(s, 1);
		const char *text = (const char *)sqlite3_column_text(s, 3);
		long long n = sqlite3_column_int64(s, 2);
		int c = best_prefix ? strcmp(prefix, best_prefix) : -1;
		json_t *j;
		if (!text || !(j = zdh_json_parse(text, (size_t)sqlite3_column_bytes(s, 3), NULL))) {
			rc = SQLITE_CORRUPT;
			break;
		}
		if (!liaison_live(j) || (live++, !(c < 0 || (c == 0 && n < best_n)))) {
			json_decref(j);
			continue;
		}
		free(*out);
		free(best_prefix);
		if (best)
			json_decref(best);
		*out = zdh_strdup((const char *)sqlite3_column_text(s, 0));
		best_prefix = zdh_strdup(prefix);
		best_n = n;
		best = j;
	}
	sqlite3_reset(s);
	free(best_prefix);
	if (rc != SQLITE_DONE) {
		free(*out);
		*out = NULL;
		if (best)
			json_decref(best);
		return rc == SQLITE_CORRUPT ?
			zdh_error_set(ZDH_ECORRUPT, _("index: the state of %s is not JSON"), name) :
			zdh_error_set(ZDH_ERROR, "index: %s", zdh_db_errmsg(zdh_index_db(idx)));
	}
	if (live > 1) {
		free(*out);
		*out = NULL;
		json_decref(best);
		return ambiguous(idx, name);
	}
	upper = zdh_ascii_upper_dup(name);
	if ((!*out || strcmp(*out, upper)) && !zdh_index_state(idx, "liaison", upper, &st, NULL) &&
	    liaison_live(st)) {
		if (!*out) {
			*out = upper;
			upper = NULL;
			best = st;
			st = NULL;
		} else if ((s = zdh_index_cached_kind(idx, both, "liaison"))) {
			/* both: the first of the two in id order */
			sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
			sqlite3_bind_text(s, 2, upper, -1, SQLITE_STATIC);
			if (sqlite3_step(s) == SQLITE_ROW &&
			    !strcmp((const char *)sqlite3_column_text(s, 0), upper)) {
				free(*out);
				*out = upper;
				upper = NULL;
				json_decref(best);
				best = st;
				st = NULL;
			}
			sqlite3_reset(s);
		}
	}
	if (st)
		json_decref(st);
	free(upper);
	if (state)
		*state = best;
	else if (best)
		json_decref(best);
	return 0;
}

/*
 * No live liaison is called name: the error.  A retired one by that name
 * or id is named as retired ("李敏 (XQ-L2) was retired", as an org is);
 * else the nearest live name when one is near.
 */
/* (retired_id: the id of a retired one of that name or id, when there is one and it is asked) */
static int liaison_unknown(struct zdh_index *idx, const char *name, char **retired_id)
{
	static const char sql[] =
		"SELECT json_extract(state, '$.name') FROM records WHERE kind = 'liaison'"
		" AND json_extract(state, '$.retired') IS NULL ORDER BY prefix, n";
	static const char retired[] =
		"SELECT id, json_extract(state, '$.name') FROM records WHERE kind = 'liaison'"
		" AND json_extract(state, '$.retired') IS NOT NULL"
		" AND (json_extract(state, '$.name') = ?1 OR id = upper(?1)) ORDER BY prefix, n LIMIT 1";
	sqlite3_stmt *s;
	char *best = NULL;
	size_t best_d = (size_t)-1;
	int rc, err = 0;

	if (zdh_index_prepare(idx, retired, &s))
		return zdh_error_set(ZDH_ERROR, "index: %s", zdh_db_errmsg(zdh_index_db(idx)));
	sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		err = zdh_error_set(ZDH_ESTATE, _("%s (%s) was retired"),
				    (const char *)sqlite3_column_text(s, 1),
				    (const char *)sqlite3_column_text(s, 0));
		if (retired_id)
			*retired_id = zdh_strdup((const char *)sqlite3_column_text(s, 0));
	} else if (rc != SQLITE_DONE)
		err = zdh_error_set(ZDH_ERROR, "index: %s", zdh_db_errmsg(zdh_index_db(idx)));
	sqlite3_finalize(s);
	if (err)
		return err;
	if (zdh_index_prepare(idx, sql, &s))
		return zdh_error_set(ZDH_ERROR, "index: %s", zdh_db_errmsg(zdh_index_db(idx)));
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *n = (const char *)sqlite3_column_text(s, 0);
		size_t d;
		if (n && (d = zdh_utf8_distance(name, n)) < best_d) {
			best_d = d;
			free(best);
			best = zdh_strdup(n);
		}
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		err = zdh_error_set(ZDH_ERROR, "index: %s", zdh_db_errmsg(zdh_index_db(idx)));
	else if (best && best_d <= 1 + zdh_utf8_len(name) / 3)
		err = zdh_error_set(ZDH_ENOTFOUND, _("no liaison named '%s'; did you mean '%s'?"),
				    name, best);
	else
		err = zdh_error_set(ZDH_ENOTFOUND, _("no liaison named '%s' (see 'zdh visit liaison list')"),
				    name);
	free(best);
	return err;
}

/* The id of the live liaison called name (or with that id); did-you-mean when none. */
static int liaison_id(char **out, struct zdh_index *idx, const char *name)
{
	int err;

	if ((err = liaison_exact(out, NULL, idx, name)) || *out)
		return err;
	return liaison_unknown(idx, name, NULL);
}

/*
 * The liaison an edit of the fields of set names: the live one, or a
 * retired one with a conflict on one of them, which the edit settles
 * (kind.h, zdh_kind_settles); else as liaison_id().
 */
static int liaison_to_edit(char **out, struct zdh_index *idx, const char *name, const json_t *set)
{
	char *retired = NULL;
	int err, on;

	if ((err = liaison_exact(out, NULL, idx, name)) || *out)
		return err;
	err = liaison_unknown(idx, name, &retired);
	if (retired && (on = zdh_index_conflict_on(idx, "liaison", retired, set))) {
		err = on < 0 ? on : 0;
		if (!err) {
			*out = retired;
			retired = NULL;
		}
	}
	free(retired);
	return err;
}

static int liaison_state(json_t **out, struct zdh_txn *txn, const char *name)
{
	struct zdh_index *idx = zdh_txn_index(txn);
	char *id;
	int err;

	if ((*out = cached(txn, "liaison", name)))
		return 0;
	/* the state read with the name's row; the message when there is none */
	if ((err = liaison_exact(&id, out, idx, name)) || (!id && (err = liaison_unknown(idx, name, NULL))))
		return err;
	if (!*out)
		err = zdh_index_state(idx, "liaison", id, out, NULL);
	if (!err) {
		json_object_set_new(*out, "id", json_string(id));
		*out = remember("liaison", name, *out);
	}
	free(id);
	return err;
}

/* ---- writes ---- */

/* The areas of a list (zdh_list_next()), by id, sorted, once each. */
static int areas_list(json_t **out, struct zdh_txn *txn, const char *areas)
{
	const char *p = areas, *item;
	json_t *list = json_array();
	size_t n;
	int err = 0;

	while (!err && zdh_list_next(&p, &item, &n)) {
		char *word = zdh_strndup(item, n);
		json_t *st;
		if (!(err = area_state(&st, txn, word))) {
			const char *name = str(st, "id");
			size_t i;
			json_t *v = NULL;
			json_array_foreach(list, i, v)
				if (strcmp(json_string_value(v), name) >= 0)
					break;
			if (i == json_array_size(list) || strcmp(json_string_value(v), name))
				json_array_insert_new(list, i, json_string(name));
		}
		free(word);
	}
	if (!err && !json_array_size(list))
		err = zdh_error_set(ZDH_EINVALID, _("a liaison needs at least one area"));
	if (err)
		json_decref(list);
	else
		*out = list;
	return err;
}

static int liaison_set(json_t *set, struct zdh_txn *txn, const char *dept, const char *areas,
		       const char *phone)
{
	json_t *list = NULL;
	char *d;
	int err;

	if (dept) {
		if ((err = zdh_org_resolve(&d, zdh_txn_index(txn), dept, "dept", 0)))
			return err;
		json_object_set_new(set, "dept", json_string(d));
		free(d);
	}
	if (areas) {
		if ((err = areas_list(&list, txn, areas)))
			return err;
		json_object_set_new(set, "areas", list);
	}
	if (phone)
		json_object_set_new(set, "phone", json_string(phone));
	return 0;
}

int zdh_liaison_add(struct zdh_txn *txn, const char *name, const char *dept, const char *areas,
		    const char *phone, const struct zdh_time *date, char **id)
{
	json_t *set = json_pack("{s:s}", "name", name), *data = json_pack("{s:o}", "set", set);
	char *summary;
	int err;

	if ((err = liaison_set(set, txn, dept, areas, phone && *phone ? phone : NULL))) {
		json_decref(data);
		return err;
	}
	summary = zdh_asprintf("liaison add %s", name);
	zdh_org_note_names(zdh_txn_index(txn), data);
	err = zdh_txn_event(txn, &zdh_kind_liaison, NULL, "add", data, summary, date, id);
	free(summary);
	return err;
}

int zdh_liaison_edit(struct zdh_txn *txn, const char *name_or_id, const char *dept,
		     const char *areas, const char *phone, const char *reason,
		     const struct zdh_time *date)
{
	json_t *set = json_object(), *data = json_pack("{s:o}", "set", set);
	char *id = NULL, *summary;
	int err;

	json_t *fields = json_object();

	/* (the fields it sets, by name: which conflicts of a retired one it settles) */
	if (dept)
		json_object_set_new(fields, "dept", json_true());
	if (areas)
		json_object_set_new(fields, "areas", json_true());
	if (phone)
		json_object_set_new(fields, "phone", json_true());
	err = liaison_to_edit(&id, zdh_txn_index(txn), name_or_id, fields);
	json_decref(fields);
	if (err || (err = liaison_set(set, txn, dept, areas, phone))) {
		json_decref(data);
		free(id);
		return err;
	}
	if (reason && *reason)
		json_object_set_new(data, "reason", json_string(reason));
	summary = zdh_asprintf("liaison edit %s", id);
	zdh_org_note_names(zdh_txn_index(txn), data);
	err = zdh_txn_event(txn, &zdh_kind_liaison, id, "edit", data, summary, date, NULL);
	free(summary);
	free(id);
	return err;
}

int zdh_liaison_retire(struct zdh_txn *txn, const char *name_or_id, const char *reason,
		       const struct zdh_time *date)
{
	json_t *data = json_object();
	char *id = NULL, *summary;
	int err;

	if ((err = liaison_id(&id, zdh_txn_index(txn), name_or_id))) {
		json_decref(data);
		return err;
	}
	if (reason && *reason)
		json_object_set_new(data, "reason", json_string(reason));
	summary = zdh_asprintf("liaison retire %s", id);
	err = zdh_txn_event(txn, &zdh_kind_liaison, id, "retire", data, summary, date, NULL);
	free(summary);
	free(id);
	return err;
}

/* Whether the liaison's areas (ids, or names older events wrote) hold the area with that id. */
static int assigned(struct zdh_index *idx, const json_t *liaison, const char *area)
{
	const char *id;
	json_t *v;
	size_t i;

	/* the area's own id first: it means that area, no look-up needed */
	json_array_foreach(json_object_get(liaison, "areas"), i, v)
		if (json_is_string(v) && !strcmp(json_string_value(v), area))
			return 1;
	json_array_foreach(json_object_get(liaison, "areas"), i, v)
		if ((id = zdh_org_ref_id_one(idx, json_string_value(v), "area")) && !strcmp(id, area))
			return 1;
	return 0;
}

int zdh_visit_add(struct zdh_txn *txn, const struct zdh_visit_fields *f,
		  const struct zdh_time *date, char **id, char **raised_out)
{
	json_t *area, *liaison, *set, *data, *st;
	char day[11], *raised = NULL, *summary;
	const char *dept;
	int err;

	if (!f->notes || strspn(f->notes, " \t\n") == strlen(f->notes))
		return zdh_error_set(ZDH_EINVALID, _("a visit needs notes"));
	if (raised_out)
		*raised_out = NULL;
	if (f->raises && f->issue)
		return zdh_error_set(ZDH_EINVALID, _("a visit raises a new issue or follows one up, not both"));
	if ((err = area_state(&area, txn, f->area)) || (err = liaison_state(&liaison, txn, f->liaison)))
		return err;
	if (!assigned(zdh_txn_index(txn), liaison, str(area, "id"))) {
		struct zdh_buf b = ZDH_BUF_INIT;
		json_t *named = json_deep_copy(json_object_get(liaison, "areas"));
		zdh_org_name_list(zdh_txn_index(txn), named);
		/* names a person reads: "、" between them in Chinese, as every list of names */
		zdh_json_join(&b, named, _(", "));
		err = zdh_error_set(ZDH_EINVALID, _("liaison %s is not assigned to %s (assigned: %s)"),
				    str(liaison, "name"), str(area, "name"), b.ptr);
		zdh_buf_release(&b);
		json_decref(named);
		return err;
	}
	if (f->issue) {
		if ((err = zdh_index_state(zdh_txn_index(txn), "issue", f->issue, &st, NULL)))
			return err == ZDH_ENOTFOUND ?
				zdh_kind_not_found(zdh_txn_index(txn), "issue", f->issue) : err;
		json_decref(st);
	}
	if (f->raises) {
		struct zdh_issue_fields i = {
			f->raises, f->notes, str(area, "id"), f->category, "visit", NULL, NULL
		};
		if ((err = zdh_issue_add(txn, &i, date, &raised)))
			return err;
	}
	zdh_issue_day(day, date);
	/* the liaison's dept as an id too, when an older event wrote its name */
	dept = zdh_org_ref_id_one(zdh_txn_index(txn), str(liaison, "dept"), "dept");
	/* (built by hand: json_pack parses its format at every call, and an import adds thousands) */
	set = json_object();
	/* (strings read from the index's states are UTF-8 already: not checked again) */
	json_object_set_new_nocheck(set, "area", json_string_nocheck(str(area, "id")));
	json_object_set_new_nocheck(set, "liaison", json_string_nocheck(str(liaison, "name")));
	json_object_set_new_nocheck(set, "liaison_id", json_string_nocheck(str(liaison, "id")));
	json_object_set_new_nocheck(set, "dept", json_string_nocheck(dept ? dept : str(liaison, "dept")));
	json_object_set_new_nocheck(set, "day", json_string_nocheck(day));
	/* (the notes too: an import has checked its file is UTF-8, a command its
	   arguments, and check_visit_add refuses notes that are not) */
	json_object_set_new_nocheck(set, "notes", json_string_nocheck(f->notes));
	data = json_object();
	json_object_set_new_nocheck(data, "set", set);
	if (raised) {
		json_object_set_new(set, "issue", json_string(raised));
		json_object_set_new(data, "raised", json_true());
	} else if (f->issue) {
		json_object_set_new(set, "issue", json_string(f->issue));
	}
	{
		/* "visit add AREA LIAISON" (not zdh_asprintf: an import writes one a row) */
		struct zdh_buf b = ZDH_BUF_INIT;

		const char *an = str(area, "name"), *ln = str(liaison, "name");

		/* (an area and a liaison found by their names or ids: each has a name) */
		ZDH_ASSERT(an && ln);
		zdh_buf_puts(&b, "visit add ");
		zdh_buf_puts(&b, an);
		zdh_buf_addch(&b, ' ');
		zdh_buf_puts(&b, ln);
		summary = zdh_buf_detach(&b);
	}
	zdh_org_note_names(zdh_txn_index(txn), data);
	err = zdh_txn_event(txn, &zdh_kind_visit, NULL, "add", data, summary, date, id);
	free(summary);
	if (raised_out && !err)
		*raised_out = raised;
	else
		free(raised);
	return err;
}

/* The void event of the visit id (checked by check_visit_void in the transaction). */
static int void_event(struct zdh_txn *txn, const char *id, const char *reason,
		      const struct zdh_time *date)
{
	json_t *data = json_pack("{s:s}", "message", reason);
	char *summary = zdh_asprintf("visit void %s", id);
	int err = zdh_txn_event(txn, &zdh_kind_visit, id, "void", data, summary, date, NULL);

	free(summary);
	return err;
}

int zdh_visit_void(struct zdh_txn *txn, const char *id, const char *reason,
		   const struct zdh_time *date)
{
	char *vid = zdh_ascii_upper_dup(id);	/* xq-v1 and ＸＱ－Ｖ１ are XQ-V1 */
	json_t *st = NULL;
	int err;

	if (!reason || strspn(reason, " \t\n") == strlen(reason))
		err = zdh_error_set(ZDH_EINVALID, _("voiding a visit needs a reason"));
	else if (!zdh_record_id_valid("visit", vid) ||
		 (err = zdh_index_state(zdh_txn_index(txn), "visit", vid, &st, NULL)) == ZDH_ENOTFOUND)
		err = zdh_kind_not_found(zdh_txn_index(txn), "visit", vid);
	json_decref(st);
	if (err) {
		free(vid);
		return err;
	}
	err = void_event(txn, vid, reason, date);
	free(vid);
	return err;
}

/* ---- import ---- */

/*
 * and those of 'visit list --format csv': its id and dept (the liaison's)
 * are not read; its status (--all) is: a void visit comes back void
 */
static const char *const visit_columns[] = {
	"date", "area", "liaison", "notes", "raises", "category", "issue", "status", "id", "dept",
	NULL
};
static const char *const visit_required[] = { "area", "liaison", "notes", NULL };

struct import_ctx {
	const struct zdh_time *date;
	int future;		/* --future: a date ahead of now is meant */
	const char *tz;
	const struct zdh_csv_row *header;
	int col[8];
};

/* A cell without the blanks around it, as an argument, or NULL when empty... */
static const char *field(const struct zdh_csv_row *row, int col)
{
	const char *v = col >= 0 && (size_t)col < row->n ? zdh_trim_blanks(row->fields[col]) : "";

	return *v ? v : NULL;
}

/* ... but a text, as --notes, keeps them. */
static const char *text_cell(const struct zdh_csv_row *row, int col)
{
	return col >= 0 && (size_t)col < row->n && *row->fields[col] ? row->fields[col] : NULL;
}

static int import_one(struct zdh_txn *txn, const struct zdh_csv_row *header,
		      const struct zdh_csv_row *row, void *payload)
{
	struct import_ctx *ctx = payload;
	struct zdh_visit_fields f;
	struct zdh_time when = *ctx->date;
	const char *status;
	char *id = NULL;
	int err;

	if (ctx->header != header) {
		for (int i = 0; i < 8; i++)
			ctx->col[i] = zdh_csv_column(header, visit_columns[i]);
		ctx->header = header;
	}
	/* (every field is UTF-8: zdh_import_csv checked the row) */
	if (field(row, ctx->col[0]) &&
	    (err = zdh_date_parse_written(&when, field(row, ctx->col[0]), ctx->tz, ctx->future)))
		return zdh_error_about(visit_columns[0], err);
	f.area = field(row, ctx->col[1]);
	f.liaison = field(row, ctx->col[2]);
	f.notes = text_cell(row, ctx->col[3]);
	f.raises = field(row, ctx->col[4]);
	f.category = zdh_word_value(ZDH_W_CATEGORY, field(row, ctx->col[5]));	/* 环境 as --category takes it */
	f.issue = field(row, ctx->col[6]);
	if (!f.area || !f.liaison)
		return zdh_error_set(ZDH_EINVALID, _("a visit needs an area and a liaison"));
	if (f.category && !f.raises)
		return zdh_error_set(ZDH_EINVALID, _("category is for the issue a visit raises"));
	if (f.category && (err = zdh_issue_check_category(zdh_index_repo(zdh_txn_index(txn)),
							  f.category)))
		return err;
	/* void (已作废, 作废 as the verb is called), or empty */
	status = zdh_word_value(ZDH_W_ISSUE_STATUS, field(row, ctx->col[7]));
	if (status && strcmp(status, "void"))
		return zdh_error_set(ZDH_EINVALID, _("status '%s' is not void (a visit's status is void or empty)"),
				     status);
	if (!status)
		return zdh_visit_add(txn, &f, &when, NULL, NULL);
	/* a void visit of a list comes back void, its reason an issue's of an import */
	if (!(err = zdh_visit_add(txn, &f, &when, &id, NULL)))
		err = void_event(txn, id, zdh_issue_imported_void, &when);
	free(id);
	return err;
}

int zdh_visit_import(struct zdh_repo *repo, FILE *in, const struct zdh_time *date, int future,
		     long long *count,
		     void (*report)(long line, const char *msg, void *payload), void *payload)
{
	struct import_ctx ctx = { date, future, repo->timezone, NULL, { 0 } };
	struct zdh_import imp = {
		visit_columns, visit_required, import_one, &ctx, report, payload
	};
	return zdh_import_csv(repo, in, &imp, count);
}

/* ---- queries ---- */

/* A liaison's areas named as they are now, in the order of their names. */
static void name_areas(struct zdh_index *idx, json_t *state)
{
	json_t *areas = json_incref(json_object_get(state, "areas"));

	zdh_org_name_refs(idx, state);
	zdh_org_name_list(idx, areas);
	json_decref(areas);
}

static int each(struct zdh_index *idx, sqlite3_stmt *s, int (*fn)(json_t *, void *),
		void *payload)
{
	int rc, err = 0;

	while (!err && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *id = (const char *)sqlite3_column_text(s, 0);
		json_t *st = json_loads((const char *)sqlite3_column_text(s, 1), 0, NULL);
		if (!st) {
			err = zdh_error_set(ZDH_ECORRUPT, _("index: the state of %s is not JSON"), id);
			break;
		}
		json_object_set_new(st, "id", json_string(id));
		if (sqlite3_column_count(s) > 2)
			json_object_set_new(st, "visits", json_integer(sqlite3_column_int64(s, 2)));
		name_areas(idx, st);
		err = fn(st, payload);
		json_decref(st);
	}
	if (!err && rc != SQLITE_DONE)
		err = zdh_error_set(ZDH_ERROR, "index: %s", zdh_db_errmsg(zdh_index_db(idx)));
	sqlite3_finalize(s);
	return err;
}

/*
 * The id of the liaison name names that no live one is called (see
 * liaison_any_id): the one with that id (in any case), else the retired
 * one called name, into *out; none is refused as liaison_unknown()
 * refuses it, and two retired ones of that name as a live name shared is.
 */
static int liaison_lookup(char **out, struct zdh_index *idx, const char *name)
{
	static const char sql[] =
		"SELECT id, id = ?2 FROM records_liaison WHERE name = ?1 OR id = ?2"	/* (records_liaison_name) */
		" ORDER BY id = ?2 DESC, prefix, n";
	json_t *ids = json_array();
	char *upper;
	sqlite3_stmt *s;
	int rc, err = 0;

	*out = NULL;
	if (!(s = zdh_index_cached_kind(idx, sql, "liaison"))) {
		json_decref(ids);
		return ZDH_ERROR;
	}
	upper = zdh_ascii_upper_dup(name);
	sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, upper, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW && sqlite3_column_text(s, 0)) {
		json_array_append_new(ids, json_string((const char *)sqlite3_column_text(s, 0)));
		if (sqlite3_column_int(s, 1))
			break;	/* (its id, the first row: that one) */
	}
	sqlite3_reset(s);
	free(upper);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		err = zdh_error_set(ZDH_ERROR, "index: %s", zdh_db_errmsg(zdh_index_db(idx)));
	else if (json_array_size(ids) > 1)
		err = zdh_kind_name_shared(name, zdh_word_label(ZDH_W_RECORD_KIND, "liaison"), ids);
	else if (json_array_size(ids) == 1)
		*out = zdh_strdup(json_string_value(json_array_get(ids, 0)));
	else
		err = liaison_unknown(idx, name, NULL);
	json_decref(ids);
	return err;
}

static int liaison_any_id(char **out, struct zdh_index *idx, const char *name);

int zdh_visit_list(struct zdh_index *idx, const struct zdh_visit_filter *f,
		   int (*fn)(json_t *visit, void *payload), void *payload)
{
	struct zdh_buf sql = ZDH_BUF_INIT;
	sqlite3_stmt *s;
	char *liaison = NULL;
	json_t *named = NULL;
	int rc, err;

	/* (an issue's visits, asked by issue show: none when there is no visit at all) */
	if (f->issue && !f->liaison && !f->area && !f->dept && zdh_index_kind_empty(idx, "visit"))
		return 0;
	/*
	 * The liaison --liaison names (by name or id, live or retired; a name
	 * no liaison has is refused with the nearest one, as a filter by an
	 * unknown area is: an empty list looked like no visits yet).  Its
	 * visits name it by id; those written before visit version 4 by its
	 * name alone.
	 */
	if (f->liaison) {
		if ((err = liaison_any_id(&liaison, idx, f->liaison)))
			return err;
		if ((err = zdh_index_state(idx, "liaison", liaison, &named, NULL))) {
			free(liaison);
			return err;
		}
	}

	zdh_buf_puts(&sql, "SELECT id, state FROM records WHERE kind = 'visit'"
		     " AND (?2 IS NULL OR json_extract(state, '$.liaison_id') = ?2"
		     "  OR (json_extract(state, '$.liaison_id') IS NULL"
		     "      AND json_extract(state, '$.liaison') = ?3))"
		     " AND (?4 IS NULL OR substr(json_extract(state, '$.day'), 1, 7) = ?4)"
		     " AND (?6 OR json_extract(state, '$.void') IS NULL)");
	zdh_org_in(&sql, idx, "json_extract(state, '$.area')", f->area, "area");
	zdh_org_in(&sql, idx, "json_extract(state, '$.dept')", f->dept, "dept");
	/* (through records_visit_issue: issue show asks it of every issue) */
	if (f->issue)
		zdh_buf_puts(&sql, " AND (prefix, n, id) IN"
			     " (SELECT prefix, n, id FROM records_visit WHERE issue = ?5)");
	zdh_buf_puts(&sql, " ORDER BY json_extract(state, '$.day'), prefix, n");
	rc = zdh_index_prepare(idx, sql.ptr, &s);
	zdh_buf_release(&sql);
	if (rc) {
		free(liaison);
		json_decref(named);
		return zdh_error_set(ZDH_ERROR, "index: %s", zdh_db_errmsg(zdh_index_db(idx)));
	}
	if (liaison) {
		sqlite3_bind_text(s, 2, liaison, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 3, str(named, "name"), -1, SQLITE_STATIC);
	}
	if (f->month)
		sqlite3_bind_text(s, 4, f->month, -1, SQLITE_STATIC);
	if (f->issue)
		sqlite3_bind_text(s, 5, f->issue, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 6, f->all);
	err = each(idx, s, fn, payload);
	free(liaison);
	json_decref(named);
	return err;
}

int zdh_liaison_list(struct zdh_index *idx, const struct zdh_visit_filter *f,
		     int (*fn)(json_t *liaison, void *payload), void *payload)
{
	struct zdh_buf sql = ZDH_BUF_INIT;
	sqlite3_stmt *s;
	int rc;

	/* (its visits: by its id, or by its name alone before visit version 4) */
	zdh_buf_puts(&sql, "SELECT l.id, l.state, (SELECT count(*) FROM records v WHERE v.kind = 'visit'"
		     "  AND json_extract(v.state, '$.void') IS NULL"
		     "  AND (json_extract(v.state, '$.liaison_id') = l.id"
		     "   OR (json_extract(v.state, '$.liaison_id') IS NULL"
		     "       AND json_extract(v.state, '$.liaison') = json_extract(l.state, '$.name'))))"
		     " FROM records l WHERE l.kind = 'liaison'"
		     " AND (?4 OR json_extract(l.state, '$.retired') IS NULL)");
	if (f->area) {
		zdh_buf_puts(&sql, " AND EXISTS (SELECT 1 FROM json_each(l.state, '$.areas') WHERE 1");
		zdh_org_in(&sql, idx, "value", f->area, "area");
		zdh_buf_puts(&sql, ")");
	}
	zdh_org_in(&sql, idx, "json_extract(l.state, '$.dept')", f->dept, "dept");
	zdh_buf_puts(&sql, " ORDER BY l.prefix, l.n");
	rc = zdh_index_prepare(idx, sql.ptr, &s);
	zdh_buf_release(&sql);
	if (rc)
		return zdh_error_set(ZDH_ERROR, "index: %s", zdh_db_errmsg(zdh_index_db(idx)));
	sqlite3_bind_int(s, 4, f->all);
	return each(idx, s, fn, payload);
}

/*
 * The id of the liaison show and a list's --liaison name, live or
 * retired: the live one (liaison_id's), else the liaison with that id (in
 * any case), else the retired one called name; refused as liaison_id
 * refuses when there is none, and when the name is more than one's.
 */
static int liaison_any_id(char **out, struct zdh_index *idx, const char *name)
{
	int err;

	if ((err = liaison_exact(out, NULL, idx, name)) || *out)
		return err;
	return liaison_lookup(out, idx, name);
}

int zdh_visit_get(json_t **out, struct zdh_index *idx, const char *id)
{
	char *vid = zdh_ascii_upper_dup(id);	/* xq-v1 and ＸＱ－Ｖ１ are XQ-V1 */
	char *lid = NULL;
	int err;

	*out = NULL;
	/* a visit's id by its whole shape: a liaison Anna-Vogel is no visit's */
	if (zdh_record_id_valid("visit", vid)) {
		if ((err = zdh_index_state(idx, "visit", vid, out, NULL)) == ZDH_ENOTFOUND)
			err = zdh_kind_not_found(idx, "visit", vid);
		if (!err) {
			json_object_set_new(*out, "id", json_string(vid));
			zdh_org_name_refs(idx, *out);
		}
		free(vid);
		return err;
	}
	free(vid);
	if ((err = liaison_any_id(&lid, idx, id)))
		return err;
	if (!(err = zdh_index_state(idx, "liaison", lid, out, NULL))) {
		json_t *c = NULL;
		json_object_set_new(*out, "id", json_string(lid));
		name_areas(idx, *out);
		if (!(err = zdh_conflicts_of(idx, "liaison", lid, &c)))
			json_object_set_new(*out, "conflicts", c ? c : json_array());
		/* a live one of its name or one like it, added at another office at once */
		if (!err && liaison_live(*out) && str(*out, "name") &&
		    !(err = like_name(&c, NULL, idx, str(*out, "name"), lid))) {
			if (json_array_size(c))
				json_object_set(*out, "same_name", c);
			json_decref(c);
		}
	}
	free(lid);
	return err;
}

int zdh_liaison_live_naming(struct zdh_index *idx, const char *org_id, long long *count)
{
	return zdh_org_count_naming(idx, org_id, "SELECT count(*) FROM records l"
				    " WHERE l.kind = 'liaison' AND json_extract(l.state, '$.retired') IS NULL"
				    " AND (json_extract(l.state, '$.dept') IN ({keys})"
				    "  OR EXISTS (SELECT 1 FROM json_each(l.state, '$.areas')"
				    "             WHERE value IN ({keys})))", count);
}

/*
 * org — the registry record kind: its operations (add, edit, retire),
 * their checks, and its queries.  State of an org:
 *   {"kind": "area", "name": "新桥", "district": "XQ-O1", "code": "...",
 *    "names": ["新桥", "新桥居民区"], "retired": true, "retired_at": "2026-11-03"}
 * An org's name is unique among live orgs.  References to orgs (an
 * area's district, an issue's area and department, ...) are by id since
 * event format 2; older events named the org, and such a name still
 * finds the org through "names", every name it has had (see
 * zdh_org_label() and zdh_org_keys()).
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "import.h"
#include "json.h"
#include "index-db.h"
#include "error.h"
#include "i18n.h"
#include "org.h"
#include "rules.h"
#include "output.h"
#include "repo.h"
#include "words.h"

const char *const zdh_org_kinds[] = {
	"area", "district", "dept", "unit", "building", "group", NULL
};

int zdh_org_check_kind(const char *kind)
{
	for (size_t i = 0; zdh_org_kinds[i]; i++)
		if (!strcmp(kind, zdh_org_kinds[i]))
			return 0;
	return zdh_error_set(ZDH_EINVALID,
			     _("unknown org kind '%s' (area, district, dept, unit, building or group)"),
			     kind);
}

int zdh_name_check(const char *what, const char *name)
{
	size_t len = strlen(name), n;

	if (zdh_text_valid(what, name, len))
		return ZDH_EINVALID;
	n = zdh_utf8_len(name);
	if (n == 0 || strspn(name, " \t") == len)
		return zdh_error_set(ZDH_EINVALID, _("%s is empty"), what);
	if (n > ZDH_NAME_MAX)
		return zdh_error_set(ZDH_EINVALID, _("%s is too long (%zu characters, at most %d)"),
				     what, n, ZDH_NAME_MAX);
	if (strchr(name, '\n') || strchr(name, '\t'))
		return zdh_error_set(ZDH_EINVALID, _("%s must be one line"), what);
	return 0;
}

static int check_code(const char *code)
{
	if (zdh_text_valid(_("code"), code, strlen(code)))
		return ZDH_EINVALID;
	if (strchr(code, '\n') || strchr(code, '\t'))
		return zdh_error_set(ZDH_EINVALID, _("code is not one line of UTF-8 text"));
	if (zdh_utf8_len(code) > ZDH_CODE_MAX)
		return zdh_error_set(ZDH_EINVALID, _("code is too long (at most %d characters)"),
				     ZDH_CODE_MAX);
	return 0;
}

/* ---- queries ---- */

#define ORG_COLUMNS "id, json_extract(state, '$.kind'), json_extract(state, '$.name')," \
	" json_extract(state, '$.district'), json_extract(state, '$.code')," \
	" json_extract(state, '$.retired'), events"

static const char *col(sqlite3_stmt *s, int i)
{
	return (const char *)sqlite3_column_text(s, i);
}

struct org_ent {
	char *id, *kind, *name, *district, *retired_at;
	int retired;
	char **names;		/* every name it has had, the current one last */
	size_t nnames;
};

/* The registry changed: the references' map is read again when next asked. */
static unsigned org_generation = 1;

static const struct org_ent *org_find(struct zdh_index *idx, const char *value,
				      const char *want, int *renamed);
static int retired_error(const struct org_ent *e);

static int run_orgs(struct zdh_index *idx, sqlite3_stmt *s,
		    int (*fn)(const struct zdh_org *, void *), void *payload)
{
	int rc, err = 0;

	while (!err && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct zdh_org o = {
			col(s, 0), col(s, 1), col(s, 2), zdh_org_label(idx, col(s, 3)), col(s, 4),
			sqlite3_column_int(s, 5), sqlite3_column_int64(s, 6)
		};
		err = fn(&o, payload);
	}
	if (!err && rc != SQLITE_DONE)
		err = zdh_error_set(ZDH_ERROR, _("index: %s"), zdh_db_errmsg(sqlite3_db_handle(s)));
	sqlite3_finalize(s);
	return err;
}

int zdh_org_foreach(struct zdh_index *idx, const char *kind, int all,
		    int (*fn)(const struct zdh_org *org, void *payload), void *payload)
{
	sqlite3_stmt *s;

	if (zdh_index_prepare(idx,
			       "SELECT " ORG_COLUMNS " FROM records WHERE kind = 'org'"
			       " AND (?1 IS NULL OR json_extract(state, '$.kind') = ?1)"
			       " AND (?2 OR json_extract(state, '$.retired') IS NULL)"
			       " ORDER BY prefix, n", &s))
		return zdh_error_set(ZDH_ERROR, _("index: %s"), zdh_db_errmsg(zdh_index_db(idx)));
	if (kind)
		sqlite3_bind_text(s, 1, kind, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 2, all);
	return run_orgs(idx, s, fn, payload);
}

int zdh_org_get(struct zdh_index *idx, const char *id,
		int (*fn)(const struct zdh_org *org, void *payload), void *payload)
{
	sqlite3_stmt *s;

	if (zdh_index_prepare(idx,
			       "SELECT " ORG_COLUMNS " FROM records WHERE kind = 'org' AND "
			       ZDH_SQL_ID_IS("", "'org'", "?1"), &s))
		return zdh_error_set(ZDH_ERROR, _("index: %s"), zdh_db_errmsg(zdh_index_db(idx)));
	sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
	return run_orgs(idx, s, fn, payload);
}

int zdh_org_same_name(json_t **out, struct zdh_index *idx, const char *name,
		      const char *want_kind, const char *except)
{
	static const char sql[] =
		"SELECT id FROM records WHERE kind = 'org' AND json_extract(state, '$.name') = ?1"
		" AND (?2 IS NULL OR json_extract(state, '$.kind') = ?2) AND id IS NOT ?3"
		" AND json_extract(state, '$.retired') IS NULL ORDER BY prefix, n";
	sqlite3_stmt *s;
	int rc;

	*out = json_array();
	if (!(s = zdh_index_cached_kind(idx, sql, "org")))
		return ZDH_ERROR;
	sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
	if (want_kind)
		sqlite3_bind_text(s, 2, want_kind, -1, SQLITE_STATIC);
	if (except)
		sqlite3_bind_text(s, 3, except, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		json_array_append_new(*out, json_string(col(s, 0)));
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return zdh_error_set(ZDH_ERROR, _("index: %s"), zdh_db_errmsg(zdh_index_db(idx)));
	return 0;
}

/* (records_org_key: the same expression, so that it is looked up, not scanned) */
static const char sql_like_name[] =
	"SELECT id, json_extract(state, '$.name') FROM records WHERE kind = 'org'"
	" AND zdh_name_key(json_extract(state, '$.name')) = zdh_name_key(?1)"
	" AND id IS NOT ?2 AND json_extract(state, '$.retired') IS NULL ORDER BY prefix, n";

int zdh_org_like_name(json_t **out, json_t **unlike, struct zdh_index *idx, const char *name,
		      const char *except)
{
	return zdh_index_like_ids(idx, sql_like_name, name, except, out, unlike, NULL);
}

/*
 * Two live orgs (of want_kind) named name, added or renamed at two
 * offices before they heard of each other: the name is refused, naming
 * them, "'房管办' names more than one dept: XQ-O3, YA-O2; give the id",
 * rather than meaning one of them silently.
 */
static int ambiguous(struct zdh_index *idx, const char *name, const char *want_kind)
{
	json_t *all;
	int err;

	if ((err = zdh_org_same_name(&all, idx, name, want_kind, NULL)))
		return err;
	err = zdh_kind_name_shared(name, want_kind ? zdh_word_label(ZDH_W_ORG_KIND, want_kind) :
				   zdh_word_label(ZDH_W_RECORD_KIND, "org"), all);
	json_decref(all);
	return err;
}

/*
 * The org called name (or with that id) through the name index: the path
 * every issue write and every imported row takes.  *id stays NULL when
 * there is none; the caller then looks for a "did you mean".  A name two
 * live orgs have is refused (ambiguous()).
 */
static int exact_org(char **id, struct zdh_index *idx, const char *name,
		     const char *want_kind, int retired_ok)
{
	/* by name (records_org_name), then by id (the primary key); a name's
	   second row only to see that it is not a second live org */
	static const char by_name[] =
		"SELECT id, json_extract(state, '$.retired') FROM records"
		" WHERE kind = 'org' AND json_extract(state, '$.name') = ?1"
		" AND (?2 IS NULL OR json_extract(state, '$.kind') = ?2)"
		" AND (?3 OR json_extract(state, '$.retired') IS NULL)"
		" ORDER BY json_extract(state, '$.retired') IS NOT NULL, prefix, n LIMIT 2";
	static const char by_id[] =
		"SELECT id FROM records WHERE kind = 'org' AND " ZDH_SQL_ID_IS("", "'org'", "?1")
		" AND (?2 IS NULL OR json_extract(state, '$.kind') = ?2)"
		" AND (?3 OR json_extract(state, '$.retired') IS NULL)";
	const char *const sql[2] = { by_name, by_id };
	int rc = SQLITE_DONE, two = 0;

	for (int i = 0; i < 2 && !*id && rc == SQLITE_DONE; i++) {
		sqlite3_stmt *s = zdh_index_cached_kind(idx, sql[i], "org");
		if (!s)
			return ZDH_ERROR;
		sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
		if (want_kind)
			sqlite3_bind_text(s, 2, want_kind, -1, SQLITE_STATIC);
		sqlite3_bind_int(s, 3, retired_ok);
		rc = sqlite3_step(s);
		if (rc == SQLITE_ROW) {
			*id = zdh_strdup(col(s, 0));
			/* live ones come first: two live rows are two live orgs */
			two = i == 0 && sqlite3_column_type(s, 1) == SQLITE_NULL &&
			      (rc = sqlite3_step(s)) == SQLITE_ROW &&
			      sqlite3_column_type(s, 1) == SQLITE_NULL;
			if (rc == SQLITE_ROW)
				rc = SQLITE_DONE;
		}
		sqlite3_reset(s);
	}
	if (rc != SQLITE_DONE) {
		free(*id);
		*id = NULL;
		return zdh_error_set(ZDH_ERROR, _("index: %s"), zdh_db_errmsg(zdh_index_db(idx)));
	}
	if (two) {
		free(*id);
		*id = NULL;
		return ambiguous(idx, name, want_kind);
	}
	return 0;
}

/*
 * The words a department's, an area's or a district's name is said with
 * or without: 城管 is 城管中队, 房管 房管办, 绿化市容 绿化市容所, 新桥居委会
 * 新桥 (its committee), 第一片区 第一 ...  Longer ones first.
 */
static const char *const org_suffixes[] = {
	"居民区", "居委会", "办公室", "办事处", "片区", "中队", "大队", "办", "所", "站", NULL
};

/* longer is shorter followed by one of org_suffixes */
static int said_with_suffix(const char *longer, const char *shorter)
{
	size_t n = strlen(shorter);

	if (!n || strncmp(longer, shorter, n))
		return 0;
	for (size_t i = 0; org_suffixes[i]; i++)
		if (!strcmp(longer + n, org_suffixes[i]))
			return 1;
	return 0;
}

int zdh_org_resolve(char **id, struct zdh_index *idx, const char *name,
		    const char *want_kind, int retired_ok)
{
	sqlite3_stmt *s;
	/* an id, each of its characters typed in up to 3 bytes (full width) */
	char *best = NULL, *other_kind = NULL, *said = NULL, up[3 * ZDH_RECORD_ID_MAX + 1];
	struct zdh_buf said_all = ZDH_BUF_INIT;
	const char *label;
	size_t best_d = (size_t)-1, n;
	int rc, err = 0, two_said = 0;
	const struct org_ent *e;
	int renamed;

	*id = NULL;
	if ((err = exact_org(id, idx, name, want_kind, retired_ok)) || *id)
		return err;
	/* retired, or known by a name it had */
	if ((e = org_find(idx, name, want_kind, &renamed))) {
		if (e->retired && !retired_ok)
			return retired_error(e);
		if (renamed)
			zdh_warn(_("'%s' was renamed '%s' (%s)"), name, e->name, e->id);
		*id = zdh_strdup(e->id);
		return 0;
	}
	/*
	 * an id typed in lower case or full width: xq-o2 and ＸＱ－Ｏ２ are
	 * XQ-O2 (a name is matched as written), folded on the stack: text
	 * longer than up is no id's
	 */
	if ((n = strlen(name)) < sizeof(up)) {
		memcpy(up, name, n + 1);
		zdh_id_fold(up);
		if (strcmp(up, name) && zdh_record_id_valid("org", up) &&
		    ((err = exact_org(id, idx, up, want_kind, retired_ok)) || *id))
			return err;
	}
	/* a name typed with a Chinese input method's full-width digits: 天津路４２６弄 is 天津路426弄 */
	{
		struct zdh_buf half = ZDH_BUF_INIT;

		if (zdh_halfwidth(&half, name))
			err = exact_org(id, idx, half.ptr, want_kind, retired_ok);
		zdh_buf_release(&half);
		if (err || *id)
			return err;
	}
	if (zdh_index_prepare(idx,
			       "SELECT id, json_extract(state, '$.name'), json_extract(state, '$.kind'),"
			       " json_extract(state, '$.retired') FROM records WHERE kind = 'org'"
			       " ORDER BY json_extract(state, '$.retired') IS NOT NULL, prefix, n", &s))
		return zdh_error_set(ZDH_ERROR, _("index: %s"), zdh_db_errmsg(zdh_index_db(idx)));
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *oid = col(s, 0), *oname = col(s, 1), *okind = col(s, 2);
		int retired = sqlite3_column_int(s, 3);
		size_t d;

		if (want_kind && strcmp(okind, want_kind)) {
			/* a district given for an area: say so, not "no area named" */
			if (!other_kind && !retired && (!strcmp(oname, name) || !strcmp(oid, name)))
				other_kind = zdh_strdup(okind);
			continue;
		}
		if (retired && !retired_ok)
			continue;
		if (!strcmp(oname, name) || !strcmp(oid, name)) {
			*id = zdh_strdup(oid);
			break;
		}
		/* 城管 for 城管中队, 新桥居委会 for 新桥: taken when one org alone is it */
		if (said_with_suffix(oname, name) || said_with_suffix(name, oname)) {
			if (said)
				zdh_buf_puts(&said_all, _(", "));
			zdh_buf_addf(&said_all, C_("an org's name, then its id", "%s (%s)"), oname, oid);
			if (!said)
				said = zdh_strdup(oid);
			else
				two_said = 1;
			continue;
		}
		d = zdh_utf8_distance(name, oname);
		if (d < best_d) {
			best_d = d;
			free(best);
			best = zdh_strdup(oname);
		}
	}
	sqlite3_finalize(s);
	if (*id)
		goto done;
	if (two_said) {
		err = zdh_error_set(ZDH_EINVALID, _("'%s' may be %s; give the whole name or the id"),
				    name, said_all.ptr);
		goto done;
	}
	if (said) {
		*id = said;
		said = NULL;
		goto done;
	}
	/* the kind as the messages' language names it ("居民区"), the option's word after --kind */
	label = want_kind ? zdh_word_label(ZDH_W_ORG_KIND, want_kind) : NULL;
	if (other_kind)
		err = zdh_error_set(ZDH_ENOTFOUND, _("'%s' is of kind %s, not %s (see 'zdh org list --kind %s')"),
				    name, zdh_word_label(ZDH_W_ORG_KIND, other_kind), label, want_kind);
	else if (best && best_d <= 1 + zdh_utf8_len(name) / 3)
		err = zdh_error_set(ZDH_ENOTFOUND, want_kind ?
				    _("no %s named '%s'; did you mean '%s'?") :
				    _("no org named '%s'; did you mean '%s'?"),
				    want_kind ? label : name, want_kind ? name : best,
				    best);
	else if (want_kind)
		err = zdh_error_set(ZDH_ENOTFOUND, _("no %s named '%s' (see 'zdh org list --kind %s')"),
				    label, name, want_kind);
	else
		err = zdh_error_set(ZDH_ENOTFOUND, _("no org named '%s' (see 'zdh org list')"), name);
done:
	free(best);
	free(other_kind);
	free(said);
	zdh_buf_release(&said_all);
	return err;
}

/* ---- references: an org by id, by its name, or by a name it had ---- */

/*
 * Every org, read once per process and again after the registry changed
 * (org_changed()): a listing labels thousands of rows from a few hundred
 * orgs, and must not ask SQLite for each.
 */

static struct {
	struct zdh_index *idx;
	unsigned generation;
	struct org_ent *v;
	size_t n;
	json_t *by_id;		/* id -> its index in v: a write labels each reference */
	const struct org_ent *last;	/* the last found by id: a list's rows name a few, in runs */
} orgs;

static void orgs_clear(void)
{
	for (size_t i = 0; i < orgs.n; i++) {
		struct org_ent *e = &orgs.v[i];
		free(e->id), free(e->kind), free(e->name), free(e->district), free(e->retired_at);
		for (size_t k = 0; k < e->nnames; k++)
			free(e->names[k]);
		free(e->names);
	}
	free(orgs.v);
	json_decref(orgs.by_id);
	orgs.by_id = NULL;
	orgs.v = NULL;
	orgs.n = 0;
	orgs.idx = NULL;
	orgs.last = NULL;
}

static char *jdup(const json_t *o, const char *key)
{
	const char *v = json_string_value(json_object_get(o, key));
	return v ? zdh_strdup(v) : NULL;
}

static int orgs_load(struct zdh_index *idx)
{
	sqlite3_stmt *s;
	size_t alloc = 0;
	int rc;

	if (orgs.idx == idx && orgs.generation == org_generation)
		return 0;
	orgs_clear();
	if (zdh_index_prepare(idx, "SELECT id, state FROM records"
			       " WHERE kind = 'org' ORDER BY prefix, n", &s))
		return zdh_error_set(ZDH_ERROR, _("index: %s"), zdh_db_errmsg(zdh_index_db(idx)));
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *text = col(s, 1);
		json_t *st = text ? zdh_json_parse(text, strlen(text), NULL) : NULL, *names, *v;
		struct org_ent *e;
		size_t i;

		if (!st)
			continue;
		if (orgs.n == alloc) {
			alloc = alloc ? 2 * alloc : 64;
			orgs.v = zdh_realloc(orgs.v, alloc * sizeof(*orgs.v));
		}
		e = &orgs.v[orgs.n++];
		memset(e, 0, sizeof(*e));
		e->id = zdh_strdup(col(s, 0));
		e->kind = jdup(st, "kind");
		e->name = jdup(st, "name");
		e->district = jdup(st, "district");
		e->retired_at = jdup(st, "retired_at");
		e->retired = json_object_get(st, "retired") != NULL;
		names = json_object_get(st, "names");
		e->names = zdh_calloc(json_array_size(names) + 1, sizeof(char *));
		json_array_foreach(names, i, v)
			if (json_is_string(v))
				e->names[e->nnames++] = zdh_strdup(json_string_value(v));
		if (!e->nnames && e->name)
			e->names[e->nnames++] = zdh_strdup(e->name);
		if (!e->name)
			e->name = zdh_strdup(e->id);
		json_decref(st);
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE) {
		orgs_clear();
		return zdh_error_set(ZDH_ERROR, _("index: %s"), zdh_db_errmsg(zdh_index_db(idx)));
	}
	orgs.by_id = json_object();
	for (size_t i = 0; i < orgs.n; i++)
		if (!json_object_get(orgs.by_id, orgs.v[i].id))
			json_object_set_new(orgs.by_id, orgs.v[i].id, json_integer((json_int_t)i));
	orgs.idx = idx;
	orgs.generation = org_generation;
	return 0;
}

static int kind_is(const struct org_ent *e, const char *want)
{
	return !want || (e->kind && !strcmp(e->kind, want));
}

/*
 * The org value refers to: its id; else the org that bears that name now
 * (a live one first); else the one that bore it last.  NULL when none.
 * *renamed is set when only a former name matched.
 */
static const struct org_ent *org_find(struct zdh_index *idx, const char *value,
				      const char *want, int *renamed)
{
	const struct org_ent *retired = NULL, *former = NULL;
	json_t *at;

	if (renamed)
		*renamed = 0;
	if (!value || !*value || orgs_load(idx))
		return NULL;
	if (orgs.last && !strcmp(orgs.last->id, value))
		return kind_is(orgs.last, want) ? orgs.last : NULL;
	if ((at = json_object_get(orgs.by_id, value))) {
		const struct org_ent *e = &orgs.v[json_integer_value(at)];
		orgs.last = e;
		return kind_is(e, want) ? e : NULL;
	}
	for (size_t i = 0; i < orgs.n; i++) {
		const struct org_ent *e = &orgs.v[i];
		if (!kind_is(e, want))
			continue;
		if (!strcmp(e->name, value)) {
			if (!e->retired)
				return e;
			if (!retired)
				retired = e;
			continue;
		}
		for (size_t k = 0; k < e->nnames; k++)
			if (!strcmp(e->names[k], value))
				former = e;
	}
	if (retired)
		return retired;
	if (former && renamed)
		*renamed = 1;
	return former;
}

const char *zdh_org_ref_id(struct zdh_index *idx, const char *value, const char *want_kind)
{
	const struct org_ent *e = org_find(idx, value, want_kind, NULL);

	return e ? e->id : NULL;
}

/*
 * The one org of want_kind (NULL: any) a name means, as a report counts
 * it (core/report.c, org_named): the live org of that name; else the
 * retired one; else the one that had it before.  NULL when none, or two
 * at one of these steps (two offices' "房管办").
 */
static const struct org_ent *org_named_once(const char *value, const char *want, int *two)
{
	*two = 0;
	for (int step = 0; step < 3; step++) {
		const struct org_ent *found = NULL;
		for (size_t i = 0; i < orgs.n; i++) {
			const struct org_ent *e = &orgs.v[i];
			int has = 0;
			if (!kind_is(e, want))
				continue;
			if (step < 2)
				has = e->retired == step && !strcmp(e->name, value);
			for (size_t k = 0; step == 2 && k < e->nnames && !has; k++)
				has = !strcmp(e->names[k], value);
			if (!has)
				continue;
			if (found) {
				*two = 1;
				return NULL;
			}
			found = e;
		}
		if (found)
			return found;
	}
	return NULL;
}

const char *zdh_org_ref_id_once(struct zdh_index *idx, const char *value, const char *want_kind)
{
	const struct org_ent *e;
	json_t *at;
	int two;

	if (!value || !*value || orgs_load(idx))
		return NULL;
	if ((at = json_object_get(orgs.by_id, value)))
		return orgs.v[json_integer_value(at)].id;
	/* of the kind asked; of any kind when none of it has the name */
	if (!(e = org_named_once(value, want_kind, &two)) && !two && want_kind)
		e = org_named_once(value, NULL, &two);
	return e ? e->id : NULL;
}

/*
 * Are references best asked of the registry: is it in memory (orgs_load()
 * done and still current), or will it be read once for many rows (a bulk
 * transaction: an import names orgs on every row, and reading each by its
 * key, statement and JSON, was 93,000 instructions a visit)?
 */
static int use_registry(const struct zdh_index *idx)
{
	return (orgs.idx == idx && orgs.generation == org_generation) || zdh_index_in_bulk(idx);
}

const char *zdh_org_ref_id_one(struct zdh_index *idx, const char *value, const char *want_kind)
{
	json_t *st;

	if (value && *value && !use_registry(idx) && !zdh_index_state(idx, "org", value, &st, NULL)) {
		const char *kind = json_string_value(json_object_get(st, "kind"));
		int ok = !want_kind || (kind && !strcmp(kind, want_kind));
		json_decref(st);
		return ok ? value : NULL;
	}
	return zdh_org_ref_id(idx, value, want_kind);
}

const char *zdh_org_label(struct zdh_index *idx, const char *value)
{
	const struct org_ent *e = org_find(idx, value, NULL, NULL);

	return e ? e->name : value;
}

char *zdh_org_name_text(struct zdh_index *idx, const char *text, const char *keep)
{
	struct zdh_buf b = ZDH_BUF_INIT;
	const char *p = text ? text : "";

	while (*p) {
		size_t n = 0, d;
		/* PREFIX-On at a word's start: letters and digits, -O, digits */
		if ((p == text || !isalnum((unsigned char)p[-1])) && isupper((unsigned char)*p)) {
			while (isupper((unsigned char)p[n]) || isdigit((unsigned char)p[n]))
				n++;
			if (p[n] == '-' && p[n + 1] == 'O' && (d = strspn(p + n + 2, "0123456789")) &&
			    !isalnum((unsigned char)p[n + 2 + d])) {
				char *id = zdh_strndup(p, n + 2 + d);
				zdh_buf_puts(&b, idx && (!keep || strcmp(id, keep)) ?
					     zdh_org_label(idx, id) : id);
				free(id);
				p += n + 2 + d;
				continue;
			}
		}
		zdh_buf_addch(&b, *p++);
	}
	return zdh_buf_detach(&b);
}

struct note_orgs { struct zdh_index *idx; const char *keep; };

static const char *note_org(void *arg, const char *id)
{
	const struct note_orgs *n = arg;

	return n->idx && (!n->keep || strcmp(id, n->keep)) ? zdh_org_label(n->idx, id) : id;
}

char *zdh_org_note_shown(struct zdh_index *idx, const char *note, const char *keep)
{
	struct note_orgs n = { idx, keep };
	char *shown, *named;

	/* a roles refusal's orgs are data: named from their ids, no text searched for them */
	if (zdh_word_note_is_data(note))
		return zdh_word_note_named(note, note_org, &n);
	shown = zdh_word_note(note);
	named = zdh_org_name_text(idx, shown, keep);
	free(shown);
	return named;
}

json_t *zdh_org_districts(struct zdh_index *idx)
{
	json_t *map = json_object();

	if (orgs_load(idx))
		return map;
	for (size_t i = 0; i < orgs.n; i++)
		if (orgs.v[i].district)
			json_object_set_new(map, orgs.v[i].name,
					    json_string(zdh_org_label(idx, orgs.v[i].district)));
	return map;
}

/* zdh_org_key_list()'s keys of e, found for value (e NULL: value alone). */
static size_t keys_of(const struct org_ent *e, const char *value, const char ***keys)
{
	size_t n = 0;

	*keys = zdh_malloc((e ? e->nnames + 1 : 1) * sizeof(**keys));
	if (!e) {
		(*keys)[n++] = value ? value : "";
		return n;
	}
	(*keys)[n++] = e->id;
	for (size_t k = 0; k < e->nnames; k++)
		(*keys)[n++] = e->names[k];
	return n;
}

size_t zdh_org_key_list(struct zdh_index *idx, const char *value, const char *want_kind,
			const char ***keys)
{
	return keys_of(org_find(idx, value, want_kind, NULL), value, keys);
}

void zdh_org_keys_sql(struct zdh_buf *sql, const char *const *keys, size_t n)
{
	for (size_t k = 0; k < n; k++) {
		char *q = sqlite3_mprintf(k ? ",%Q" : "%Q", keys[k]);
		zdh_buf_puts(sql, q);
		sqlite3_free(q);
	}
}

int zdh_org_keys(struct zdh_index *idx, const char *value, const char *want_kind,
		 struct zdh_buf *sql)
{
	const struct org_ent *e = org_find(idx, value, want_kind, NULL);
	const char **keys;
	size_t n = keys_of(e, value, &keys);

	zdh_org_keys_sql(sql, keys, n);
	free(keys);
	return e != NULL;
}

void zdh_org_in(struct zdh_buf *sql, struct zdh_index *idx, const char *expr, const char *value,
		const char *want_kind)
{
	if (!value)
		return;
	zdh_buf_addf(sql, " AND %s IN (", expr);
	zdh_org_keys(idx, value, want_kind, sql);
	zdh_buf_puts(sql, ")");
}

int zdh_org_area_keys(struct zdh_index *idx, const char *district, struct zdh_buf *sql)
{
	const struct org_ent *d = org_find(idx, district, "district", NULL);
	size_t start = sql->len;
	int n = 0;

	if (!d)
		return zdh_org_keys(idx, district, "district", sql), 0;
	for (size_t i = 0; i < orgs.n; i++) {
		const struct org_ent *e = &orgs.v[i];
		if (!kind_is(e, "area") || !e->district ||
		    org_find(idx, e->district, "district", NULL) != d)
			continue;
		if (sql->len > start)
			zdh_buf_addch(sql, ',');
		/* (org_find() above may not reload: the registry did not change) */
		zdh_org_keys(idx, e->id, "area", sql);
		n++;
	}
	if (!n)
		zdh_buf_puts(sql, "NULL");
	return n;
}

int zdh_org_count_naming(struct zdh_index *idx, const char *org_id, const char *sql,
			 long long *count)
{
	struct zdh_buf keys = ZDH_BUF_INIT, q = ZDH_BUF_INIT;
	const char *p = sql, *k;
	sqlite3_stmt *s;
	int rc;

	*count = 0;
	zdh_org_keys(idx, org_id, NULL, &keys);
	while ((k = strstr(p, "{keys}"))) {
		zdh_buf_add(&q, p, (size_t)(k - p));
		zdh_buf_puts(&q, keys.ptr);
		p = k + strlen("{keys}");
	}
	zdh_buf_puts(&q, p);
	rc = zdh_index_prepare(idx, q.ptr, &s);
	zdh_buf_release(&keys);
	zdh_buf_release(&q);
	if (rc)
		return zdh_error_set(ZDH_ERROR, _("index: %s"), zdh_db_errmsg(zdh_index_db(idx)));
	if (sqlite3_step(s) == SQLITE_ROW)
		*count = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return 0;
}

/* The fields of any kind's state or event data that hold references to orgs. */
static const char *const ref_keys[] = {
	"area", "areas", "dept", "district", "mentions", "provider", "org", NULL
};

int zdh_org_ref_field(const char *field)
{
	/* (zdh_word_same: an import asks this of each key of every row) */
	for (size_t i = 0; ref_keys[i]; i++)
		if (zdh_word_same(ref_keys[i], field))
			return 1;
	return 0;
}

/*
 * What a reference is called: the name noted beside it when it was
 * written; else, as_written, the value itself unless it is an org's id
 * (an older event wrote the name it meant), else the org's name now.
 */
static json_t *label_of(struct zdh_index *idx, const json_t *v, const json_t *names,
			int as_written)
{
	const char *s = json_string_value(v), *then;
	const struct org_ent *e;

	if (!s)
		return NULL;
	if ((then = json_string_value(json_object_get(names, s))))
		return json_string(then);
	if (as_written && (!(e = org_find(idx, s, NULL, NULL)) || strcmp(e->id, s)))
		return json_string(s);
	return json_string(zdh_org_label(idx, s));
}

static void label_refs(struct zdh_index *idx, json_t *obj, const json_t *names, int as_written)
{
	for (size_t i = 0; ref_keys[i]; i++) {
		json_t *v = json_object_get(obj, ref_keys[i]), *e, *l;
		size_t k;

		if (json_is_string(v) && (l = label_of(idx, v, names, as_written)))
			json_object_set_new(obj, ref_keys[i], l);
		else if (json_is_array(v))
			json_array_foreach(v, k, e)
				if ((l = label_of(idx, e, names, as_written)))
					json_array_set_new(v, k, l);
	}
}

static void name_refs(struct zdh_index *idx, json_t *obj, int as_written)
{
	const json_t *names = json_object_get(obj, "names");

	if (!json_is_object(obj))
		return;
	label_refs(idx, obj, names, as_written);
	if (json_is_object(json_object_get(obj, "set")))
		label_refs(idx, json_object_get(obj, "set"), names, as_written);
}

void zdh_org_name_refs(struct zdh_index *idx, json_t *obj)
{
	name_refs(idx, obj, 0);
}

void zdh_org_name_event(struct zdh_index *idx, json_t *data)
{
	name_refs(idx, data, 1);
}

static int cmp_strings(const void *a, const void *b)
{
	return strcmp(json_string_value(*(json_t *const *)a), json_string_value(*(json_t *const *)b));
}

void zdh_org_name_list(struct zdh_index *idx, json_t *list)
{
	size_t n = json_array_size(list);
	json_t **v, *l;

	if (!n)
		return;
	v = zdh_calloc(n, sizeof(*v));
	for (size_t i = 0; i < n; i++) {
		json_t *e = json_array_get(list, i);
		v[i] = (l = label_of(idx, e, NULL, 0)) ? l : json_incref(e);
	}
	qsort(v, n, sizeof(*v), cmp_strings);
	json_array_clear(list);
	for (size_t i = 0; i < n; i++)
		json_array_append_new(list, v[i]);
	free(v);
}

/*
 * A write's references are ids (its names resolved to them): while the
 * registry is not in memory, the org with that id is read by its key, as
 * zdh_org_label() would name it (its name, else its id); reading the
 * registry for one or two references parsed every org (1.3 million
 * instructions an add with 118 orgs).  Anything else asks the registry.
 */
static void note_name(struct zdh_index *idx, json_t **names, const json_t *v)
{
	const char *id = json_string_value(v), *now;
	json_t *st = NULL;

	if (!id)
		return;
	if (*id && !use_registry(idx) && !zdh_index_state(idx, "org", id, &st, NULL)) {
		if (!(now = json_string_value(json_object_get(st, "name"))))
			now = id;
	} else {
		now = zdh_org_label(idx, id);
	}
	if (now != id && strcmp(now, id)) {
		if (!*names)
			*names = json_object();
		json_object_set_new(*names, id, json_string(now));
	}
	if (st)
		json_decref(st);
}

void zdh_org_note_names(struct zdh_index *idx, json_t *data)
{
	json_t *names = NULL, *set = json_object_get(data, "set");
	json_t *objs[2] = { data, set };

	/* the object's few keys looked at, not each of ref_keys looked up (an
	   import writes a row's names; the names object is written sorted) */
	for (int o = 0; o < 2; o++) {
		const char *key;
		json_t *v;

		if (!json_is_object(objs[o]))
			continue;
		json_object_foreach(objs[o], key, v) {
			json_t *e;
			size_t k;

			if (!zdh_org_ref_field(key))
				continue;
			if (json_is_string(v))
				note_name(idx, &names, v);
			else
				json_array_foreach(v, k, e)
					note_name(idx, &names, e);
		}
	}
	if (names)
		json_object_set_new(data, "names", names);
}

/* "派出所 was retired on 2026-11-03", or the plain "no such org" when it is not retired. */
static int retired_error(const struct org_ent *e)
{
	if (e->retired_at)
		return zdh_error_set(ZDH_ESTATE, _("%s (%s) was retired on %s"), e->name, e->id,
				     e->retired_at);
	return zdh_error_set(ZDH_ESTATE, _("%s (%s) was retired"), e->name, e->id);
}

/* ---- operations ---- */

static const char *set_str(const struct zdh_event *ev, const char *field)
{
	return json_string_value(json_object_get(json_object_get(ev->data, "set"), field));
}

/* What an org's own fields must be: decided from the event alone (every replica agrees). */
static int check_fields(const struct zdh_event *ev)
{
	const char *kind = set_str(ev, "kind"), *name = set_str(ev, "name");
	const char *code = set_str(ev, "code");
	int err;

	if (kind && (err = zdh_org_check_kind(kind)))
		return err;
	if (name && (err = zdh_name_check(_("name"), name)))
		return err;
	if (code && (err = check_code(code)))
		return err;
	return 0;
}

/*
 * What depends on the rest of the registry, checked when written only: a
 * name unique among live orgs, a district that exists.  Replayed, an event
 * decides from the org alone (an org renamed or retired since must not
 * change what an old event did).
 */
static int validate_fields(struct zdh_index *idx, const json_t *state, const struct zdh_event *ev)
{
	const char *name = set_str(ev, "name"), *district = set_str(ev, "district");
	char *other;
	int err;

	(void)state;
	if (name && (err = zdh_name_visible(_("name"), name)))
		return err;
	if (name && (err = zdh_kind_name_free(&other, idx, sql_like_name, name, ev->record)))
		return err;
	if (name && other) {
		err = zdh_error_set(ZDH_EEXISTS, _("an org named '%s' exists already (%s)"),
				    name, other);
		free(other);
		return err;
	}
	if (district && *district) {
		if ((err = zdh_org_resolve(&other, idx, district, "district", 0)))
			return err;
		free(other);
	}
	return 0;
}

static int check_add(const json_t *state, const struct zdh_event *ev)
{
	if (state)
		return zdh_error_set(ZDH_EEXISTS, _("org %s exists already"), ev->record);
	if (!set_str(ev, "kind") || !set_str(ev, "name"))
		return zdh_error_set(ZDH_EINVALID, _("an org needs a kind and a name"));
	return check_fields(ev);
}

static int check_live(const json_t *state, const struct zdh_event *ev)
{
	if (!state)
		return zdh_error_set(ZDH_ENOTFOUND, _("no org %s"), ev->record);
	if (json_object_get(state, "retired"))
		return zdh_error_set(ZDH_ESTATE, _("org %s is retired"), ev->record);
	return 0;
}

static int check_edit(const json_t *state, const struct zdh_event *ev)
{
	json_t *set = json_object_get(ev->data, "set");
	int err;

	/* a retired one takes an edit that settles a conflict (version 3) */
	if ((err = check_live(state, ev)) && !(err == ZDH_ESTATE && zdh_kind_settles(ev)))
		return err;
	if (!json_object_size(set))
		return zdh_error_set(ZDH_EINVALID, _("nothing to change"));
	return check_fields(ev);
}

/* (a retire changes no field: the engine applies data.set to every operation) */
static int check_retire(const json_t *state, const struct zdh_event *ev)
{
	int err;

	if ((err = check_live(state, ev)))
		return err;
	if (json_object_size(json_object_get(ev->data, "set")))
		return zdh_error_set(ZDH_EINVALID, _("'retire' cannot set fields"));
	return 0;
}

static void apply_retire(json_t *state, const struct zdh_event *ev)
{
	struct zdh_buf day = ZDH_BUF_INIT;

	zdh_date_short(&day, &ev->date);
	zdh_buf_setlen(&day, 10);
	json_object_set_new(state, "retired", json_true());
	json_object_set_new(state, "retired_at", json_string(day.ptr));
	zdh_buf_release(&day);
}

/* Every name the org has had, so that what an older event named still finds it. */
static void apply_names(json_t *state, const struct zdh_event *ev)
{
	const char *name = json_string_value(json_object_get(state, "name"));
	json_t *names = json_object_get(state, "names"), *v;
	size_t i;

	(void)ev;
	if (!name)
		return;
	if (!json_is_array(names)) {
		names = json_array();
		json_object_set_new(state, "names", names);
	}
	json_array_foreach(names, i, v)
		if (json_is_string(v) && !strcmp(json_string_value(v), name))
			return;
	json_array_append_new(names, json_string(name));
}

/*
 * A pull's news (kind.h): each live org whose name one of its events after
 * mark gave it (an add, or an edit's new name) and another live org has,
 * or one that looks like it (zdh_name_key()), two offices having added or
 * renamed one each before they heard of each other (validate_fields
 * refuses it at one office), "YA-O2 same name as XQ-O3: an org named
 * '房管办'"; a group new together is told once.  The name then names neither
 * (exact_org refuses it), so people must know.
 */
static int org_others(json_t **out, json_t **unlike, struct zdh_index *idx, sqlite3_stmt *row,
		      const char *id)
{
	const char *name = col(row, 1);

	/* (a retired one shares its name with nobody) */
	if (!name || sqlite3_column_type(row, 2) != SQLITE_NULL)
		return 0;
	return zdh_org_like_name(out, unlike, idx, name, id);
}

static char *org_line(struct zdh_index *idx, sqlite3_stmt *row, const char *id, const char *others,
		      const char *names)
{
	(void)idx;
	if (names)
		return zdh_asprintf(_("%s looks like %s: orgs named %s"), id, others, names);
	return zdh_asprintf(_("%s same name as %s: an org named '%s'"), id, others, col(row, 1));
}

/*
 * Each open record (as cmd/org.c's edit_fits counts them: an issue not
 * resolved, a project not done, a live offer, need or liaison, an active
 * council, an open council action) that names an org in a role its kind
 * does not fit now: an issue's dept that is an area.  One office changed
 * the org's kind while another, not having heard of it, named it in its
 * old role (edit_fits refuses the change at an office that sees the
 * record): the record is then found by no filter of its role (issue list
 * --dept refuses an area), so people must know.  Told by the pull that
 * brings an event of the record or of the org, "XQ-1 names JD-O6 as dept,
 * of kind area now: an org named '城管中队'", until the record names
 * another org or the org's kind is set back.
 *
 * And each that names a retired org, when the pull brings the retire or
 * the event that named it (the field's setter): a retire tells the
 * retiring office what still names the org (cmd/org.c's warnings), and a
 * retired org is refused where a live one is needed, but an office that
 * had not heard of the retire named it all the same, and the other
 * office was told nothing.  "XQ-A2 names JD-O4 as dept, retired: an org
 * named '派出所'".  A later event of the record that leaves the field as
 * it was does not tell it again.
 */
/*
 * (each branch only the records of the new events, looked up by id, or
 * every open record when an org's kind or retire is new: all is "1 OR ";
 * two texts, not a bound flag, so that SQLite looks the few up by id;
 * kind the branch's.  The few: an issue's status no index of it serves,
 * st "+", or SQLite, told that a status is ten issues, read every open
 * issue of records_issue_status rather than look the few up in it by id.)
 */
#define ROLE_SCOPE(all, kind) " AND (" all ZDH_SQL_ID_IN("", kind, "record", "FROM new") ")"
#define ROLE_SQL(all, st) \
	"WITH new(kind, record) AS (SELECT kind, record FROM events WHERE seq > ?1)," \
	" named(rank, kind, id, prefix, n, role, field, org) AS (" \
	" SELECT 1, 'issue', id, prefix, n, 'area', 'area', area FROM records_issue" \
	"  WHERE " st "status IN ('open', 'claimed', 'escalated')" ROLE_SCOPE(all, "'issue'") \
	" UNION ALL SELECT 1, 'issue', id, prefix, n, 'dept', 'dept', dept FROM records_issue" \
	"  WHERE " st "status IN ('open', 'claimed', 'escalated')" ROLE_SCOPE(all, "'issue'") \
	" UNION ALL SELECT 2, 'project', id, prefix, n, 'area', 'area', area FROM records_project" \
	"  WHERE status IN ('proposed', 'approved')" ROLE_SCOPE(all, "'project'") \
	" UNION ALL SELECT CASE r.kind WHEN 'offer' THEN 3 ELSE 5 END," \
	"  r.kind, r.id, r.prefix, r.n, 'area', 'areas', a.value" \
	"  FROM records r, json_each(r.state, '$.areas') a" \
	"  WHERE r.kind IN ('offer', 'liaison') AND json_extract(r.state, '$.retired') IS NULL" \
	"  AND (" all ZDH_SQL_KIND_ID_IN("r.", "kind", "record", "FROM new") ")" \
	" UNION ALL SELECT 4, 'need', id, prefix, n, 'area', 'area', json_extract(state, '$.area')" \
	"  FROM records WHERE kind = 'need' AND json_extract(state, '$.retired') IS NULL" \
	ROLE_SCOPE(all, "'need'") \
	" UNION ALL SELECT 5, 'liaison', id, prefix, n, 'dept', 'dept', json_extract(state, '$.dept')" \
	"  FROM records WHERE kind = 'liaison' AND json_extract(state, '$.retired') IS NULL" \
	ROLE_SCOPE(all, "'liaison'") \
	" UNION ALL SELECT 6, 'council', id, prefix, n, 'area', 'area', area FROM records_council" \
	"  WHERE status = 'active'" ROLE_SCOPE(all, "'council'") \
	" UNION ALL SELECT 7, 'action', id, prefix, n, 'dept', 'dept', dept FROM records_action" \
	"  WHERE status = 'open'" ROLE_SCOPE(all, "'action'") ")" \
	" SELECT DISTINCT d.id, d.role, o.id, json_extract(o.state, '$.kind')," \
	" json_extract(o.state, '$.name'), d.rank, d.prefix, d.n, o.prefix, o.n, d.org" \
	" FROM named d LEFT JOIN records o ON o.kind = 'org' AND " ZDH_SQL_ID_IS("o.", "'org'", "d.org") \
	" JOIN records r ON r.kind = d.kind AND r.prefix = d.prefix AND r.n = d.n AND r.id = d.id" \
	" WHERE (o.id IS NOT NULL AND json_extract(o.state, '$.kind') IS NOT d.role" \
	"  AND (d.id IN (SELECT record FROM new) OR o.id IN (SELECT record FROM new)))" \
	" OR (o.id IS NOT NULL AND json_extract(o.state, '$.retired') IS NOT NULL" \
	"  AND (json_extract(r.setters, '$.' || d.field) > ?1" \
	"   OR o.id IN (SELECT record FROM events WHERE seq > ?1 AND kind = 'org' AND op = 'retire')))" \
	/* an org's id no org here has (a name is what an older zdh wrote) */ \
	" OR (o.id IS NULL AND d.org GLOB '[A-Z]*-O[1-9]*'" \
	"  AND substr(d.org, instr(d.org, '-O') + 2) NOT GLOB '*[^0-9]*'" \
	"  AND json_extract(r.setters, '$.' || d.field) > ?1)" \
	" ORDER BY d.rank, d.prefix, d.n, d.role, o.prefix, o.n, d.org"

static const char role_sql[] = ROLE_SQL("", "+");
static const char role_sql_all[] = ROLE_SQL("1 OR ", "");

/* whether an event after ?1 changed an org's kind or retired it: then every record */
static const char kind_new_sql[] =
	"SELECT EXISTS (SELECT 1 FROM events WHERE seq > ?1 AND kind = 'org' AND effect = 1"
	" AND (op = 'retire' OR (op = 'edit' AND json_extract(data, '$.set.kind') IS NOT NULL)))";

static char *role_line(sqlite3_stmt *s)
{
	const char *kind = col(s, 3), *name = col(s, 4) ? col(s, 4) : "?";
	const char *role = zdh_word_label(ZDH_W_ORG_KIND, col(s, 1));

	if (!col(s, 2))	/* (a peer's event, replayed unchecked: no zdh writes it) */
		return zdh_asprintf(_("%s names %s as %s, an org this replica does not hold"),
				    col(s, 0), col(s, 10), role);

	if (kind && !strcmp(kind, col(s, 1)))	/* the role fits: retired */
		return zdh_asprintf(_("%s names %s as %s, retired: an org named '%s'"),
				    col(s, 0), col(s, 2), role, name);
	return zdh_asprintf(_("%s names %s as %s, of kind %s now: an org named '%s'"),
			    col(s, 0), col(s, 2), role,
			    kind ? zdh_word_label(ZDH_W_ORG_KIND, kind) : "?", name);
}

static int role_news(struct zdh_index *idx, long long mark,
		     void (*fn)(const char *line, void *payload), void *payload)
{
	sqlite3_stmt *s;
	int rc, kind_new = 0;

	if (zdh_index_prepare(idx, kind_new_sql, &s))
		return zdh_error_set(ZDH_ERROR, "index: %s", zdh_db_errmsg(zdh_index_db(idx)));
	sqlite3_bind_int64(s, 1, mark);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW)
		kind_new = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW)
		return zdh_error_set(ZDH_ERROR, "index: %s", zdh_db_errmsg(zdh_index_db(idx)));
	return zdh_index_row_news(idx, mark, kind_new ? role_sql_all : role_sql, role_line, fn,
				  payload);
}

static int org_news(struct zdh_index *idx, long long mark,
		    void (*fn)(const char *line, void *payload), void *payload)
{
	/* (whether it is retired read of the few an event named: a state is JSON to parse) */
	static const struct zdh_same_news n = {
		"SELECT o.id, json_extract(o.state, '$.name'), json_extract(o.state, '$.retired')"
		" FROM records o WHERE o.kind = 'org'"
		" AND EXISTS (SELECT 1 FROM events e WHERE e.record = o.id AND e.kind = 'org'"
		" AND e.op IN ('add', 'edit') AND e.effect = 1 AND e.seq > ?1"
		" AND json_extract(e.data, '$.set.name') IS NOT NULL) ORDER BY o.prefix, o.n",
		org_others, org_line
	};
	int err = zdh_index_same_news(idx, mark, &n, fn, payload);

	return err ? err : role_news(idx, mark, fn, payload);
}

/* the registry is the sub-district office's, once roles are granted (include/trust.h) */
static const struct zdh_op org_ops[] = {
	{ "add", validate_fields, check_add, apply_names, "subdistrict-admin" },
	{ "edit", validate_fields, check_edit, apply_names, "subdistrict-admin" },
	{ "retire", NULL, check_retire, apply_retire, "subdistrict-admin" },
	{ NULL, NULL, NULL, NULL, NULL }
};

void zdh_org_forget(void)
{
	org_generation++;
}

static int org_changed(struct zdh_index *idx, const char *id, const json_t *old,
		       const json_t *state)
{
	(void)idx, (void)id, (void)old, (void)state;
	org_generation++;
	return 0;
}

const struct zdh_kind zdh_kind_org = {
	.name = "org",
	.letter = 'O',
	.ops = org_ops,
	.noun = "org",		/* kind=area shown as 居民区 */
	.index_sql = "CREATE INDEX records_org_name ON records(json_extract(state, '$.name'))"
		" WHERE kind = 'org';"
		"CREATE INDEX records_org_key ON records(zdh_name_key(json_extract(state, '$.name')))"
		" WHERE kind = 'org';",
	.derive = org_changed,
	.news = org_news,	/* live orgs of one name or names alike; a name in a role not its kind */
	.version = 3,	/* 3: an edit settles a conflict when retired */
};

static json_t *set_data(const char *kind, const char *name, const char *district,
			const char *code, const char *reason)
{
	json_t *data = json_object(), *set = json_object();

	if (kind)
		json_object_set_new(set, "kind", json_string(kind));
	if (name)
		json_object_set_new(set, "name", json_string(name));
	if (district)
		json_object_set_new(set, "district", json_string(district));
	if (code)
		json_object_set_new(set, "code", json_string(code));
	json_object_set_new(data, "set", set);
	if (reason && *reason)
		json_object_set_new(data, "reason", json_string(reason));
	return data;
}

/* References are stored by id: a district given by its name becomes its id. */
static char *district_id(struct zdh_txn *txn, const char *district)
{
	char *id;

	if (!district || !*district)
		return district ? zdh_strdup("") : NULL;
	if (zdh_org_resolve(&id, zdh_txn_index(txn), district, "district", 0))
		return zdh_strdup(district);	/* the check will refuse it, with a hint */
	return id;
}

int zdh_org_add(struct zdh_txn *txn, const char *kind, const char *name, const char *district,
		const char *code, const struct zdh_time *date, char **id)
{
	char *summary = zdh_asprintf("org add %s %s", kind, name);
	char *dname = district && *district ? district_id(txn, district) : NULL;
	int err = zdh_txn_event(txn, &zdh_kind_org, NULL, "add",
				set_data(kind, name, dname, code && *code ? code : NULL, NULL),
				summary, date, id);
	free(dname);
	free(summary);
	return err;
}

int zdh_org_to_edit(char **id, struct zdh_index *idx, const char *name, const char *kind,
		    const char *new_name, const char *district, const char *code)
{
	char *said, *retired = NULL;
	json_t *data;
	int err = zdh_org_resolve(id, idx, name, NULL, 0), on = 0;

	if (err != ZDH_ESTATE)
		return err;
	/* retired: the one it names, when the edit settles a conflict of it (version 3) */
	said = zdh_strdup(zdh_error_msg());
	data = set_data(kind, new_name, district, code, NULL);
	if (!zdh_org_resolve(&retired, idx, name, NULL, 1))
		on = zdh_index_conflict_on(idx, "org", retired, json_object_get(data, "set"));
	json_decref(data);
	if (on > 0) {
		*id = retired;
		retired = NULL;
		err = 0;
	} else {
		err = on < 0 ? on : zdh_error_set(ZDH_ESTATE, "%s", said);
	}
	free(retired);
	free(said);
	return err;
}

int zdh_org_edit(struct zdh_txn *txn, const char *id, const char *kind, const char *name,
		 const char *district, const char *code, const char *reason,
		 const struct zdh_time *date)
{
	char *summary = zdh_asprintf("org edit %s", id);
	char *dname = district_id(txn, district);
	int err = zdh_txn_event(txn, &zdh_kind_org, id, "edit",
				set_data(kind, name, dname, code, reason), summary, date, NULL);
	free(dname);
	free(summary);
	return err;
}

int zdh_org_retire(struct zdh_txn *txn, const char *id, const char *reason,
		   const struct zdh_time *date)
{
	json_t *data = json_object();
	char *summary = zdh_asprintf("org retire %s", id);
	int err;

	if (reason && *reason)
		json_object_set_new(data, "reason", json_string(reason));
	err = zdh_txn_event(txn, &zdh_kind_org, id, "retire", data, summary, date, NULL);
	free(summary);
	return err;
}

/*
 * The columns of 'org list --format csv' (its id is the other
 * repository's, and so not kept; a status "retired" retires the new org).
 */
static const char *const org_columns[] = { "kind", "name", "district", "code", "status", "id",
					   NULL };
static const char *const org_required[] = { "kind", "name", NULL };

/* A cell without the blanks around it (spaces, tabs, U+3000): " 华山 " typed in a sheet is 华山. */
static const char *cell(const struct zdh_csv_row *row, int col)
{
	return col >= 0 && (size_t)col < row->n ? zdh_trim_blanks(row->fields[col]) : "";
}

static int import_org(struct zdh_txn *txn, const struct zdh_csv_row *header,
		      const struct zdh_csv_row *row, void *ctx)
{
	int col[5], err, retired;
	const char *v[5], *status;
	char *id = NULL;

	for (int i = 0; i < 5; i++) {
		col[i] = zdh_csv_column(header, org_columns[i]);
		v[i] = cell(row, col[i]);
	}
	status = v[4];
	retired = !strcmp(status, "retired") || !strcmp(status, _("retired"));
	if (!retired && *status && strcmp(status, "live") && strcmp(status, _("live"))) {
		err = zdh_error_set(ZDH_EINVALID, _("unknown status '%s' (live or retired)"), status);
		goto done;
	}
	/* a Chinese kind stands for its word, as in --kind (居民区) */
	err = zdh_org_add(txn, zdh_word_value(ZDH_W_ORG_KIND, v[0]), v[1],
			  col[2] >= 0 ? v[2] : NULL, col[3] >= 0 ? v[3] : NULL, ctx,
			  retired ? &id : NULL);
	if (!err && retired)
		err = zdh_org_retire(txn, id, NULL, ctx);
done:
	free(id);
	return err;
}

int zdh_org_import(struct zdh_repo *repo, FILE *in, const struct zdh_time *date, int future,
		   long long *count,
		   void (*report)(long line, const char *msg, void *payload), void *payload)
{
	struct zdh_import imp = {
		org_columns, org_required, import_org, (void *)date, report, payload
	};
	(void)future;	/* no row has a date */
	return zdh_import_csv(repo, in, &imp, count);
}

/*
 * org — the registry record kind: its operations (add, edit, retire),
 * their checks, and its queries.  State of an org:
 *   {"kind": "area", "name": "新桥", "district": "一片区", "code": "...",
 *    "retired": true}
 * An org's name is unique among live orgs; references to other orgs
 * (district) are by name.
 */
#include <stdlib.h>
#include <string.h>

#include "import.h"
#include "index-db.h"
#include "rules.h"
#include "error.h"
#include "i18n.h"
#include "org.h"
#include "rules.h"
#include "output.h"
#include "repo.h"

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

static int run_orgs(sqlite3_stmt *s, int (*fn)(const struct zdh_org *, void *), void *payload)
{
	int rc, err = 0;

	while (!err && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct zdh_org o = {
			col(s, 0), col(s, 1), col(s, 2), col(s, 3), col(s, 4),
			sqlite3_column_int(s, 5), sqlite3_column_int64(s, 6)
		};
		err = fn(&o, payload);
	}
	if (!err && rc != SQLITE_DONE)
		err = zdh_error_set(ZDH_ERROR, _("index: %s"), sqlite3_errmsg(sqlite3_db_handle(s)));
	sqlite3_finalize(s);
	return err;
}

int zdh_org_foreach(struct zdh_index *idx, const char *kind, int all,
		    int (*fn)(const struct zdh_org *org, void *payload), void *payload)
{
	sqlite3_stmt *s;

	if (sqlite3_prepare_v2(zdh_index_db(idx),
			       "SELECT " ORG_COLUMNS " FROM records WHERE kind = 'org'"
			       " AND (?1 IS NULL OR json_extract(state, '$.kind') = ?1)"
			       " AND (?2 OR json_extract(state, '$.retired') IS NULL)"
			       " ORDER BY prefix, n", -1, &s, NULL))
		return zdh_error_set(ZDH_ERROR, _("index: %s"), sqlite3_errmsg(zdh_index_db(idx)));
	if (kind)
		sqlite3_bind_text(s, 1, kind, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 2, all);
	return run_orgs(s, fn, payload);
}

int zdh_org_get(struct zdh_index *idx, const char *id,
		int (*fn)(const struct zdh_org *org, void *payload), void *payload)
{
	sqlite3_stmt *s;

	if (sqlite3_prepare_v2(zdh_index_db(idx),
			       "SELECT " ORG_COLUMNS " FROM records WHERE kind = 'org' AND id = ?1",
			       -1, &s, NULL))
		return zdh_error_set(ZDH_ERROR, _("index: %s"), sqlite3_errmsg(zdh_index_db(idx)));
	sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
	return run_orgs(s, fn, payload);
}

/* id of the live org named name, other than except; NULL if none. */
static char *live_named(struct zdh_index *idx, const char *name, const char *except)
{
	static const char sql[] =
		"SELECT id FROM records WHERE kind = 'org'"
		" AND json_extract(state, '$.name') = ?1 AND id IS NOT ?2"
		" AND json_extract(state, '$.retired') IS NULL";
	sqlite3_stmt *s;
	char *id = NULL;

	if (!(s = zdh_index_cached(idx, sql)))
		return NULL;
	sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
	if (except)
		sqlite3_bind_text(s, 2, except, -1, SQLITE_STATIC);
	if (sqlite3_step(s) == SQLITE_ROW)
		id = zdh_strdup(col(s, 0));
	sqlite3_reset(s);
	return id;
}

/*
 * The org called name (or with that id) through the name index: the path
 * every issue write and every imported row takes.  *id stays NULL when
 * there is none; the caller then looks for a "did you mean".
 */
static int exact_org(char **id, struct zdh_index *idx, const char *name,
		     const char *want_kind, int retired_ok)
{
	/* by name (records_org_name), then by id (the primary key) */
	static const char by_name[] =
		"SELECT id FROM records WHERE kind = 'org' AND json_extract(state, '$.name') = ?1"
		" AND (?2 IS NULL OR json_extract(state, '$.kind') = ?2)"
		" AND (?3 OR json_extract(state, '$.retired') IS NULL)"
		" ORDER BY json_extract(state, '$.retired') IS NOT NULL, prefix, n LIMIT 1";
	static const char by_id[] =
		"SELECT id FROM records WHERE kind = 'org' AND id = ?1"
		" AND (?2 IS NULL OR json_extract(state, '$.kind') = ?2)"
		" AND (?3 OR json_extract(state, '$.retired') IS NULL)";
	const char *const sql[2] = { by_name, by_id };
	int rc = SQLITE_DONE;

	for (int i = 0; i < 2 && !*id && rc == SQLITE_DONE; i++) {
		sqlite3_stmt *s = zdh_index_cached(idx, sql[i]);
		if (!s)
			return ZDH_ERROR;
		sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
		if (want_kind)
			sqlite3_bind_text(s, 2, want_kind, -1, SQLITE_STATIC);
		sqlite3_bind_int(s, 3, retired_ok);
		rc = sqlite3_step(s);
		if (rc == SQLITE_ROW) {
			*id = zdh_strdup(col(s, 0));
			rc = SQLITE_DONE;
		}
		sqlite3_reset(s);
	}
	return rc == SQLITE_DONE ? 0 :
		zdh_error_set(ZDH_ERROR, _("index: %s"), sqlite3_errmsg(zdh_index_db(idx)));
}

int zdh_org_resolve(char **id, struct zdh_index *idx, const char *name,
		    const char *want_kind, int retired_ok)
{
	sqlite3_stmt *s;
	char *best = NULL;
	size_t best_d = (size_t)-1;
	int rc, err = 0;

	*id = NULL;
	if ((err = exact_org(id, idx, name, want_kind, retired_ok)) || *id)
		return err;
	if (sqlite3_prepare_v2(zdh_index_db(idx),
			       "SELECT id, json_extract(state, '$.name'), json_extract(state, '$.kind'),"
			       " json_extract(state, '$.retired') FROM records WHERE kind = 'org'"
			       " ORDER BY json_extract(state, '$.retired') IS NOT NULL, prefix, n",
			       -1, &s, NULL))
		return zdh_error_set(ZDH_ERROR, _("index: %s"), sqlite3_errmsg(zdh_index_db(idx)));
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *oid = col(s, 0), *oname = col(s, 1), *okind = col(s, 2);
		int retired = sqlite3_column_int(s, 3);
		size_t d;

		if (want_kind && strcmp(okind, want_kind))
			continue;
		if (retired && !retired_ok)
			continue;
		if (!strcmp(oname, name) || !strcmp(oid, name)) {
			*id = zdh_strdup(oid);
			break;
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
	if (best && best_d <= 1 + zdh_utf8_len(name) / 3)
		err = zdh_error_set(ZDH_ENOTFOUND, want_kind ?
				    _("no %s named '%s'; did you mean '%s'?") :
				    _("no org named '%s'; did you mean '%s'?"),
				    want_kind ? want_kind : name, want_kind ? name : best,
				    best);
	else if (want_kind)
		err = zdh_error_set(ZDH_ENOTFOUND, _("no %s named '%s' (see 'zdh org list --kind %s')"),
				    want_kind, name, want_kind);
	else
		err = zdh_error_set(ZDH_ENOTFOUND, _("no org named '%s' (see 'zdh org list')"), name);
done:
	free(best);
	return err;
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
	if (name && (other = live_named(idx, name, ev->record))) {
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

	if ((err = check_live(state, ev)))
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
	(void)ev;
	json_object_set_new(state, "retired", json_true());
}

static const struct zdh_op org_ops[] = {
	{ "add", validate_fields, check_add, NULL },
	{ "edit", validate_fields, check_edit, NULL },
	{ "retire", NULL, check_retire, apply_retire },
	{ NULL, NULL, NULL, NULL }
};

const struct zdh_kind zdh_kind_org = {
	.name = "org",
	.letter = 'O',
	.ops = org_ops,
	.index_sql = "CREATE INDEX records_org_name ON records(json_extract(state, '$.name'))"
		" WHERE kind = 'org';",
	.version = 1,
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

/* References are stored by name: "XQ-O1" given for a district becomes its name. */
static char *district_name(struct zdh_txn *txn, const char *district)
{
	struct zdh_index *idx = zdh_txn_index(txn);
	json_t *state;
	char *id, *name = NULL;

	if (!district || !*district)
		return district ? zdh_strdup("") : NULL;
	if (zdh_org_resolve(&id, idx, district, "district", 0))
		return zdh_strdup(district);	/* the check will refuse it, with a hint */
	if (!zdh_index_state(idx, "org", id, &state, NULL)) {
		name = zdh_strdup(json_string_value(json_object_get(state, "name")));
		json_decref(state);
	}
	free(id);
	return name ? name : zdh_strdup(district);
}

int zdh_org_add(struct zdh_txn *txn, const char *kind, const char *name, const char *district,
		const char *code, const struct zdh_time *date, char **id)
{
	char *summary = zdh_asprintf("org add %s %s", kind, name);
	char *dname = district && *district ? district_name(txn, district) : NULL;
	int err = zdh_txn_event(txn, &zdh_kind_org, NULL, "add",
				set_data(kind, name, dname, code && *code ? code : NULL, NULL),
				summary, date, id);
	free(dname);
	free(summary);
	return err;
}

int zdh_org_edit(struct zdh_txn *txn, const char *id, const char *kind, const char *name,
		 const char *district, const char *code, const char *reason,
		 const struct zdh_time *date)
{
	char *summary = zdh_asprintf("org edit %s", id);
	char *dname = district_name(txn, district);
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

static int import_org(struct zdh_txn *txn, const struct zdh_csv_row *header,
		      const struct zdh_csv_row *row, void *ctx)
{
	int col[5], err, retired;
	const char *status;
	char *id = NULL;

	for (int i = 0; i < 5; i++)
		col[i] = zdh_csv_column(header, org_columns[i]);
	status = col[4] >= 0 ? row->fields[col[4]] : "";
	retired = !strcmp(status, "retired") || !strcmp(status, _("retired"));
	if (!retired && *status && strcmp(status, "live") && strcmp(status, _("live")))
		return zdh_error_set(ZDH_EINVALID, _("unknown status '%s' (live or retired)"), status);
	err = zdh_org_add(txn, row->fields[col[0]], row->fields[col[1]],
			  col[2] >= 0 ? row->fields[col[2]] : NULL,
			  col[3] >= 0 ? row->fields[col[3]] : NULL, ctx, retired ? &id : NULL);
	if (!err && retired)
		err = zdh_org_retire(txn, id, NULL, ctx);
	free(id);
	return err;
}

int zdh_org_import(struct zdh_repo *repo, FILE *in, const struct zdh_time *date,
		   long long *count,
		   void (*report)(long line, const char *msg, void *payload), void *payload)
{
	struct zdh_import imp = {
		org_columns, org_required, import_org, (void *)date, report, payload
	};
	return zdh_import_csv(repo, in, &imp, count);
}

/*
 * savedreport — the record kind "report" (ids XQ-R1): a custom report
 * kept by name, `zdh report save NAME --sql QUERY`, run by `zdh report
 * run NAME` (zdh-report(1)).  Each save of an existing name is a new
 * event of the same record, so its versions are its history, and saved
 * reports sync between offices like every record.
 * State: {"name": "solved-by-area", "sql": "SELECT area, ..."}
 * The engine applies data.set; there is nothing else to apply.
 */
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "i18n.h"
#include "index-db.h"
#include "json.h"
#include "org.h"
#include "output.h"
#include "report.h"
#include "savedreport.h"
#include "store.h"

static const char *set_str(const struct zdh_event *ev, const char *field)
{
	return json_string_value(json_object_get(json_object_get(ev->data, "set"), field));
}

static int check_sql_text(const char *sql)
{
	if (!sql || !*sql)
		return zdh_error_set(ZDH_EINVALID, _("a saved report needs its query"));
	if (!zdh_utf8_valid(sql, strlen(sql)))
		return zdh_error_set(ZDH_EINVALID, _("the query is not valid UTF-8 text"));
	if (zdh_utf8_len(sql) > ZDH_SAVED_REPORT_SQL_MAX)
		return zdh_error_set(ZDH_EINVALID, _("the query is too long (at most %d characters)"),
				     ZDH_SAVED_REPORT_SQL_MAX);
	return 0;
}

int zdh_saved_report_check_name(const char *name)
{
	if (!name || !*name)
		return zdh_error_set(ZDH_EINVALID, _("a saved report needs a name"));
	if (!zdh_utf8_valid(name, strlen(name)) || strchr(name, '\n') || strchr(name, '\t'))
		return zdh_error_set(ZDH_EINVALID, _("the name '%s' is not one line of text"), name);
	if (zdh_utf8_len(name) > 64)
		return zdh_error_set(ZDH_EINVALID, _("the name '%s' is too long (at most 64 characters)"),
				     name);
	return 0;
}

static int check_add(const json_t *state, const struct zdh_event *ev)
{
	json_t *set = json_object_get(ev->data, "set");
	int err;

	if (state)
		return zdh_error_set(ZDH_EEXISTS, _("saved report %s exists already"), ev->record);
	if (json_object_size(set) != 2)
		return zdh_error_set(ZDH_EINVALID, _("a saved report sets its name and its query"));
	if ((err = zdh_saved_report_check_name(set_str(ev, "name"))))
		return err;
	return check_sql_text(set_str(ev, "sql"));
}

static int check_edit(const json_t *state, const struct zdh_event *ev)
{
	json_t *set = json_object_get(ev->data, "set");

	if (!state)
		return zdh_error_set(ZDH_ENOTFOUND, _("no saved report %s"), ev->record);
	if (json_object_size(set) != 1)
		return zdh_error_set(ZDH_EINVALID, _("a new version of a saved report sets its query"));
	return check_sql_text(set_str(ev, "sql"));
}

static int stop_at_header(int ncol, const char *const *names, const char *const *values,
			  const int *types, void *payload)
{
	(void)ncol;
	(void)names;
	(void)values;
	(void)types;
	(void)payload;
	return 1;	/* prepared and allowed: enough */
}

/* Write time: the query prepares under the report views' rules. */
static int validate_sql(struct zdh_index *idx, const char *sql)
{
	int err = zdh_report_sql(idx, sql, 10, stop_at_header, NULL);

	return err == 1 ? 0 : err;
}

/* The saved reports whose name looks like ?1 (or is it), but ?2 (like_name) */
static const char sql_like_name[] =
	"SELECT id, name FROM records_report WHERE zdh_name_key(name) = zdh_name_key(?1)"
	" AND id IS NOT ?2 ORDER BY prefix, n";

static int validate_add(struct zdh_index *idx, const json_t *state, const struct zdh_event *ev)
{
	char *id;
	int err;

	(void)state;
	if ((err = zdh_name_visible(_("name"), set_str(ev, "name"))))
		return err;
	if ((err = zdh_kind_name_free(&id, idx, sql_like_name, set_str(ev, "name"), NULL)))
		return err;
	if (id) {
		err = zdh_error_set(ZDH_EEXISTS, _("a saved report '%s' exists already (%s)"),
				    set_str(ev, "name"), id);
		free(id);
		return err;
	}
	return validate_sql(idx, set_str(ev, "sql"));
}

static int validate_edit(struct zdh_index *idx, const json_t *state, const struct zdh_event *ev)
{
	(void)state;
	return validate_sql(idx, set_str(ev, "sql"));
}

static const struct zdh_op report_ops[] = {
	{ "add", validate_add, check_add, NULL },
	{ "edit", validate_edit, check_edit, NULL },
	{ NULL, NULL, NULL, NULL }
};

static const struct zdh_field report_fields[] = {
	{ "name", "TEXT", "name" },
	{ NULL, NULL, NULL }
};

/* The ids of the saved reports named name but except (may be NULL), in id order: a new array. */
static int same_name(json_t **out, struct zdh_index *idx, const char *name, const char *except)
{
	static const char sql[] =
		"SELECT id FROM records_report WHERE name = ?1 AND id IS NOT ?2 ORDER BY prefix, n";

	return zdh_index_named_ids(idx, sql, name, except, out);
}

/* The same for the saved reports whose name looks like name (zdh_index_like_rows()). */
static int like_name(json_t **out, json_t **unlike, struct zdh_index *idx, const char *name,
		     const char *except)
{
	return zdh_index_like_ids(idx, sql_like_name, name, except, out, unlike, NULL);
}

/*
 * A pull's news (kind.h): each saved report its events added whose name
 * another has, two offices having saved one each before they heard of
 * each other (validate_add refuses it at one office), "YA-R1 same name as
 * XQ-R1: a saved report named '月报'"; a group new together is told once.
 * The name then names neither (zdh_saved_report_find), so people must know.
 */
static int report_others(json_t **out, json_t **unlike, struct zdh_index *idx,
			 sqlite3_stmt *row, const char *id)
{
	const char *name = (const char *)sqlite3_column_text(row, 1);

	return name ? like_name(out, unlike, idx, name, id) : 0;
}

static char *report_line(struct zdh_index *idx, sqlite3_stmt *row, const char *id,
			 const char *others, const char *names)
{
	(void)idx;
	if (names)
		return zdh_asprintf(_("%s looks like %s: saved reports named %s"), id, others,
				    names);
	return zdh_asprintf(_("%s same name as %s: a saved report named '%s'"), id, others,
			    (const char *)sqlite3_column_text(row, 1));
}

static int report_news(struct zdh_index *idx, long long mark,
		       void (*fn)(const char *line, void *payload), void *payload)
{
	static const struct zdh_same_news n = {
		"SELECT r.id, r.name FROM records_report r WHERE EXISTS (SELECT 1 FROM events e"
		" WHERE e.record = r.id AND e.kind = 'report' AND e.op = 'add' AND e.effect = 1"
		" AND e.seq > ?1) ORDER BY r.prefix, r.n",
		report_others, report_line
	};

	return zdh_index_same_news(idx, mark, &n, fn, payload);
}

const struct zdh_kind zdh_kind_report = {
	.name = "report", .letter = 'R', .ops = report_ops, .fields = report_fields,
	.index_sql = "CREATE INDEX records_report_name ON records({name}) WHERE kind = 'report';"
		"CREATE INDEX records_report_key ON records(zdh_name_key({name}))"
		" WHERE kind = 'report';",
	.version = 1,
	.news = report_news,	/* two saved reports of one name */
};

/*
 * Two saved reports of one name, saved at two offices before they heard
 * of each other (report_news): the name is refused, naming them.
 */
static int ambiguous(struct zdh_index *idx, const char *name)
{
	json_t *all;
	int err;

	if ((err = same_name(&all, idx, name, NULL)))
		return err;
	err = zdh_kind_name_shared(name, _("saved report"), all);
	json_decref(all);
	return err;
}

int zdh_saved_report_find(struct zdh_index *idx, const char *name, char **id, char **sql)
{
	static const char q[] =
		"SELECT id, json_extract(state, '$.sql') FROM records_report WHERE name = ?1"
		" ORDER BY prefix, n LIMIT 2";
	sqlite3_stmt *s;
	int rc;

	if (id)
		*id = NULL;
	if (sql)
		*sql = NULL;
	if (!(s = zdh_index_cached(idx, q)))
		return ZDH_ERROR;
	sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		if (id)
			*id = zdh_strdup((const char *)sqlite3_column_text(s, 0));
		if (sql)
			*sql = zdh_strdup((const char *)sqlite3_column_text(s, 1));
		rc = sqlite3_step(s);
		sqlite3_reset(s);
		if (rc == SQLITE_DONE)
			return 0;
		if (id) {
			free(*id);
			*id = NULL;
		}
		if (sql) {
			free(*sql);
			*sql = NULL;
		}
		if (rc == SQLITE_ROW)
			return ambiguous(idx, name);
		return zdh_error_set(ZDH_ERROR, "index: %s", zdh_db_errmsg(zdh_index_db(idx)));
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return zdh_error_set(ZDH_ERROR, "index: %s", zdh_db_errmsg(zdh_index_db(idx)));
	return zdh_error_set(ZDH_ENOTFOUND, _("no saved report '%s'"), name);
}

int zdh_saved_report_query(struct zdh_index *idx, const char *what, char **sql)
{
	char *id;
	json_t *state = NULL;
	int err = zdh_saved_report_find(idx, what, NULL, sql);

	if (err != ZDH_ENOTFOUND)
		return err;
	/* not a name: the id save printed (xq-r1 as XQ-R1) */
	id = zdh_ascii_upper_dup(what);
	err = zdh_index_state(idx, "report", id, &state, NULL);
	free(id);
	if (err == ZDH_ENOTFOUND || (!err && !json_is_string(json_object_get(state, "sql")))) {
		json_decref(state);
		return zdh_error_set(ZDH_ENOTFOUND, _("no saved report '%s'"), what);
	}
	if (!err) {
		zdh_error_clear();
		*sql = zdh_strdup(json_string_value(json_object_get(state, "sql")));
	}
	json_decref(state);
	return err;
}

int zdh_saved_report_save(struct zdh_txn *txn, const char *name, const char *sql,
			  const struct zdh_time *date, char **id_out)
{
	struct zdh_index *idx = zdh_txn_index(txn);
	char *id = NULL, *summary;
	json_t *data;
	int err;

	if ((err = zdh_saved_report_check_name(name)) || (err = check_sql_text(sql)))
		return err;
	err = zdh_saved_report_find(idx, name, &id, NULL);
	if (err && err != ZDH_ENOTFOUND)
		return err;
	zdh_error_clear();
	if (!id) {
		/* not a name: the id save printed (xq-r1 as XQ-R1), as run takes it */
		char *upper = zdh_ascii_upper_dup(name);
		int found = 0;

		if ((err = zdh_index_exists(idx, "report", upper, &found))) {
			free(upper);
			return err;
		}
		if (found)
			id = upper;
		else
			free(upper);
	}
	if (id) {
		data = json_pack("{s:{s:s}}", "set", "sql", sql);
		summary = zdh_asprintf("report edit %s", id);
		err = zdh_txn_event(txn, &zdh_kind_report, id, "edit", data, summary, date, NULL);
		if (!err && id_out) {
			*id_out = id;
			id = NULL;
		}
	} else {
		data = json_pack("{s:{s:s, s:s}}", "set", "name", name, "sql", sql);
		summary = zdh_asprintf("report add %s", name);
		err = zdh_txn_event(txn, &zdh_kind_report, NULL, "add", data, summary, date, id_out);
	}
	free(summary);
	free(id);
	return err;
}

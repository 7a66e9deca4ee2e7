/*
 * testnote — a record kind that exists only in zdh-testkind, the second
 * binary the tests build (make testkind): the proof that a kind is one
 * core file plus one line in core/kinds.c's table (under ZDH_TEST_KIND),
 * and the "newer kind" that an ordinary zdh meets in a mixed-version sync
 * (t13xx).  It uses every part of struct zdh_kind: a validate() that
 * reads other records, check() and apply(), projected fields of each
 * type (one nested), an index over a field, a derived table kept by
 * derive(), a config key with its check, attachments in its state.
 * State: {"title": "...", "weight": 3, "meta": {"score": 1.5}, "closed": true}
 * (events carry no reals: apply() derives meta.score as weight / 2).
 */
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "i18n.h"
#include "index-db.h"
#include "store.h"
#include "testnote.h"

static const char *set_str(const struct zdh_event *ev, const char *field)
{
	return json_string_value(json_object_get(json_object_get(ev->data, "set"), field));
}

static int check_add(const json_t *state, const struct zdh_event *ev)
{
	if (state)
		return zdh_error_set(ZDH_EEXISTS, _("testnote %s exists already"), ev->record);
	if (!set_str(ev, "title") || !*set_str(ev, "title"))
		return zdh_error_set(ZDH_EINVALID, _("a testnote needs a title"));
	return 0;
}

static int check_open(const json_t *state, const struct zdh_event *ev)
{
	if (!state)
		return zdh_error_set(ZDH_ENOTFOUND, _("no testnote %s"), ev->record);
	if (json_is_true(json_object_get(state, "closed")))
		return zdh_error_set(ZDH_ESTATE, _("testnote %s is closed"), ev->record);
	return 0;
}

/* Write time only: a title unique among testnotes (reads the view). */
static int validate_title(struct zdh_index *idx, const json_t *state, const struct zdh_event *ev)
{
	static const char sql[] = "SELECT id FROM records_testnote WHERE title = ?1 AND id IS NOT ?2";
	const char *title = set_str(ev, "title");
	sqlite3_stmt *s;
	int err = 0;

	(void)state;
	if (!title)
		return 0;
	if (!(s = zdh_index_cached(idx, sql)))
		return ZDH_ERROR;
	sqlite3_bind_text(s, 1, title, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, ev->record, -1, SQLITE_STATIC);
	if (sqlite3_step(s) == SQLITE_ROW)
		err = zdh_error_set(ZDH_EEXISTS, _("a testnote titled '%s' exists already (%s)"),
				    title, (const char *)sqlite3_column_text(s, 0));
	sqlite3_reset(s);
	return err;
}

static void apply_weight(json_t *state, const struct zdh_event *ev)
{
	json_t *w = json_object_get(state, "weight");

	(void)ev;
	if (json_is_integer(w))
		json_object_set_new(state, "meta", json_pack("{s:f}", "score",
							     (double)json_integer_value(w) / 2));
}

static void apply_close(json_t *state, const struct zdh_event *ev)
{
	(void)ev;
	json_object_set_new(state, "closed", json_true());
}

static const struct zdh_op ops[] = {
	{ "add", validate_title, check_add, apply_weight },
	{ "edit", validate_title, check_open, apply_weight },
	{ "close", NULL, check_open, apply_close },
	{ NULL, NULL, NULL, NULL }
};

static const struct zdh_field fields[] = {
	{ "title", "TEXT", "title" },
	{ "weight", "INTEGER", "weight" },
	{ "score", "REAL", "meta.score" },
	{ "closed", "INTEGER", "closed" },
	{ NULL, NULL, NULL }
};

/* The derived table: one row per word of a testnote's title. */
static int derive(struct zdh_index *idx, const char *id, const json_t *old, const json_t *state)
{
	static const char del[] = "DELETE FROM testnote_words WHERE id = ?1";
	static const char ins[] = "INSERT OR IGNORE INTO testnote_words(id, word) VALUES(?1, ?2)";
	const char *title = json_string_value(json_object_get(state, "title"));
	sqlite3_stmt *s;
	char *copy, *word, *save;
	int rc = SQLITE_DONE;

	if (old) {
		if (!(s = zdh_index_cached(idx, del)))
			return ZDH_ERROR;
		sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
		rc = sqlite3_step(s);
		sqlite3_reset(s);
	}
	if (!title || rc != SQLITE_DONE)
		return rc == SQLITE_DONE ? 0 : zdh_error_set(ZDH_ERROR, "testnote_words");
	copy = zdh_strdup(title);
	for (word = strtok_r(copy, " ", &save); word && rc == SQLITE_DONE;
	     word = strtok_r(NULL, " ", &save)) {
		if (!(s = zdh_index_cached(idx, ins))) {
			free(copy);
			return ZDH_ERROR;
		}
		sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 2, word, -1, SQLITE_STATIC);
		rc = sqlite3_step(s);
		sqlite3_reset(s);
	}
	free(copy);
	return rc == SQLITE_DONE ? 0 : zdh_error_set(ZDH_ERROR, "testnote_words");
}

static int valid_weight(const char *key, const char *value)
{
	char *end;
	long v = strtol(value, &end, 10);

	if (end == value || *end || v < 1 || v > 100)
		return zdh_error_set(ZDH_EINVALID, _("%s must be a whole number from 1 to 100"), key);
	return 0;
}

static const struct zdh_config_key config[] = {
	{ "testnote.max-weight", "100", valid_weight },
	{ NULL, NULL, NULL }
};

/* Facts of each event (kind.h): the weight it sets, when it sets one. */
static const struct zdh_fact facts[] = {
	{ "weight", "INTEGER" },
	{ NULL, NULL }
};

static void fact(const struct zdh_event *ev, struct zdh_fact_values *out)
{
	json_t *w = json_object_get(json_object_get(ev->data, "set"), "weight");

	if (json_is_integer(w)) {
		out->null[0] = 0;
		out->num[0] = json_integer_value(w);
	}
}

const struct zdh_kind zdh_kind_test = {
	.name = "testnote",
	.letter = 'T',
	.ops = ops,
	.fields = fields,
	.index_sql = "CREATE INDEX records_testnote_weight ON records({weight}, prefix, n)"
		" WHERE kind = 'testnote';"
		"CREATE INDEX testnote_words_word ON testnote_words(word);",
	.tables_sql = "CREATE TABLE testnote_words(id TEXT NOT NULL, word TEXT NOT NULL,"
		" PRIMARY KEY(id, word)) WITHOUT ROWID;",
	.derive = derive,
	.config = config,
	.attachments_in_state = 1,
	.version = 1,
	.facts = facts,
	.fact = fact,
};

/* ---- writes and queries, for its command ---- */

int zdh_testnote_write(struct zdh_txn *txn, const char *id, const char *op, const char *title,
		       long long weight, char **id_out)
{
	json_t *data = json_object(), *set = json_object();
	char *summary;
	int err;

	if (title)
		json_object_set_new(set, "title", json_string(title));
	if (weight)
		json_object_set_new(set, "weight", json_integer(weight));
	json_object_set_new(data, "set", set);
	summary = zdh_asprintf("testnote %s %s", op, id ? id : title ? title : "");
	err = zdh_txn_event(txn, &zdh_kind_test, id, op, data, summary, NULL, id_out);
	free(summary);
	return err;
}

int zdh_testnote_list(struct zdh_index *idx, const char *word,
		      int (*fn)(const char *line, void *payload), void *payload)
{
	static const char sql[] =
		"SELECT id || ' ' || title || ' ' || coalesce(weight, '-') || ' '"
		" || coalesce(score, '-') || ' ' || coalesce(closed, 0) || ' '"
		" || (SELECT count(*) FROM testnote_words w WHERE w.id = r.id)"
		" FROM records_testnote r"
		" WHERE ?1 IS NULL OR id IN (SELECT id FROM testnote_words WHERE word = ?1)"
		" ORDER BY prefix, n";
	sqlite3_stmt *s;
	int rc, err = 0;

	if (!(s = zdh_index_cached(idx, sql)))
		return ZDH_ERROR;
	if (word)
		sqlite3_bind_text(s, 1, word, -1, SQLITE_STATIC);
	while (!err && (rc = sqlite3_step(s)) == SQLITE_ROW)
		err = fn((const char *)sqlite3_column_text(s, 0), payload);
	if (!err && rc != SQLITE_DONE)
		err = zdh_error_set(ZDH_ERROR, "index: %s", sqlite3_errmsg(zdh_index_db(idx)));
	sqlite3_reset(s);
	return err;
}

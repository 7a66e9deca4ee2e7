/*
 * reportsql — `zdh report sql`: one read-only SELECT over the documented
 * views of the index (zdh-repository(5), "REPORT VIEWS").
 *
 * Three locks, none of them string matching:
 *  - its own connection to index.db, opened SQLITE_OPEN_READONLY;
 *  - an authorizer that allows reading, selecting and functions only, and
 *    reading the index's tables only through the views (an access from
 *    the top-level SQL names no view): every write, pragma, attach,
 *    transaction, temporary table or direct read of a table is denied
 *    when the statement is prepared;
 *  - a progress handler that interrupts the query after the time limit;
 *  - a heap limit: the query may take ZDH_REPORT_HEAP more than SQLite
 *    held before it (randomblob(500000000) took 500 MB, and a saved
 *    report is a peer's to write, or to edit, as much as this office's);
 *    and its rows, which the command keeps to align them, as much (two
 *    million rows of 100 bytes were 250 MB in 3.7 s, of a 10 s limit).
 * The views leave out every free text of a record (titles, bodies,
 * messages, reporters, locations): what they show are the words of the
 * state machines, the registry's names and numbers.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "error.h"
#include "i18n.h"
#include "buf.h"
#include "index-db.h"
#include "org.h"
#include "kind.h"
#include "report.h"
#include "rules.h"

/*
 * The views, created on the read-only connection (its temp schema, where
 * they shadow the index's own names) before the authorizer.  The kinds'
 * views records_<kind> are shown without the state itself.
 */
_Static_assert(ZDH_EFFECT_REFUSED == 4, "views_sql names ZDH_EFFECT_REFUSED as 4");
static const char views_sql[] =
	"CREATE TEMP VIEW events AS SELECT lower(hex(id)) AS id, replica, clock, kind,"
	" record, op, actor_name, actor_email, actor_dept, happened, happened_off,"
	" recorded, recorded_off,"
	" CASE effect WHEN 4 THEN 0 ELSE effect END AS effect,"	/* refused by the trust: no effect */
	" json_extract(data, '$.satisfaction') AS satisfaction,"
	" json_extract(data, '$.reason') AS reason"
	" FROM main.events;"
	"CREATE TEMP VIEW issues AS SELECT id, status, org_name(area) AS area,"
	" json_extract(state, '$.category') AS category,"
	" json_extract(state, '$.source') AS source, org_name(dept) AS dept, due,"
	" json_extract(state, '$.created') AS created,"
	" json_extract(state, '$.resolved_at') AS resolved_at,"
	" json_extract(state, '$.closed_at') AS closed_at,"
	" coalesce(json_extract(state, '$.escalated'), 0) AS escalated,"
	" json_extract(state, '$.satisfaction') AS satisfaction,"
	" coalesce(json_extract(state, '$.returns'), 0) AS returns,"
	" coalesce(json_extract(state, '$.urges'), 0) AS urges,"
	" coalesce(json_extract(state, '$.reopens'), 0) AS reopens,"
	" coalesce(json_extract(state, '$.callback_returns'), 0) AS callback_returns,"
	" coalesce(json_extract(state, '$.followups'), 0) AS followups,"
	" events, created AS created_epoch, updated AS updated_epoch,"
	" area AS area_ref, dept AS dept_ref,"
	" org_id(area, 'area') AS area_id, org_id(dept, 'dept') AS dept_id"
	" FROM records_issue;"	/* expanded: zdh_index_expand_views */
	"CREATE TEMP VIEW orgs AS SELECT id, json_extract(state, '$.kind') AS kind,"
	" json_extract(state, '$.name') AS name,"
	" org_name(json_extract(state, '$.district')) AS district,"
	" json_extract(state, '$.code') AS code,"
	" coalesce(json_extract(state, '$.retired'), 0) AS retired,"
	" created AS created_epoch, updated AS updated_epoch,"
	" org_id(json_extract(state, '$.district'), 'district') AS district_id"
	" FROM records_org;";

/* org_name(ref): what a reference to an org (its id, or a name it had) is called now */
static void org_name(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const char *v = (const char *)sqlite3_value_text(argv[0]);

	(void)argc;
	if (!v)
		sqlite3_result_null(ctx);
	else
		sqlite3_result_text(ctx, zdh_org_label(sqlite3_user_data(ctx), v), -1,
				    SQLITE_TRANSIENT);
}

/*
 * org_id(ref, kind): the id of the one org a reference means, as a report
 * counts it (NULL: none, or a name two orgs have)
 */
static void org_id(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const char *v = (const char *)sqlite3_value_text(argv[0]);
	const char *id = v ? zdh_org_ref_id_once(sqlite3_user_data(ctx), v,
						 (const char *)sqlite3_value_text(argv[1])) : NULL;

	(void)argc;
	if (id)
		sqlite3_result_text(ctx, id, -1, SQLITE_TRANSIENT);
	else
		sqlite3_result_null(ctx);
}

/*
 * records_<kind> of every kind, without its state: id, prefix, n, its
 * fields but those of free text, events, created, updated; facts_<kind>,
 * its events' facts (kind.h: never free text).
 */
static void kind_views(struct zdh_buf *sql)
{
	for (size_t i = 0; zdh_kinds[i]; i++) {
		const struct zdh_kind *k = zdh_kinds[i];

		zdh_buf_addf(sql, "CREATE TEMP VIEW records_%s AS SELECT id, prefix, n", k->name);
		/* a reference to an org is shown by the org's name now (org.h) */
		for (const struct zdh_field *f = k->fields; f && f->name; f++)
			if (!f->free_text)
				zdh_buf_addf(sql, zdh_org_ref_field(f->name) ?
					     ", org_name(\"%s\") AS \"%s\"" : ", \"%s\"", f->name, f->name);
		/* (the index's own view: zdh_index_expand_views puts its SELECT in) */
		zdh_buf_addf(sql, ", events, created, updated FROM records_%s;", k->name);
		zdh_buf_addf(sql, "CREATE TEMP VIEW facts_%s AS SELECT record, clock, replica,"
			     " lower(hex(id)) AS id, op, happened, recorded, effect", k->name);
		for (const struct zdh_fact *f = k->facts; f && f->name; f++)
			zdh_buf_addf(sql, zdh_org_ref_field(f->name) ?
				     ", org_name(\"%s\") AS \"%s\"" : ", \"%s\"", f->name, f->name);
		zdh_buf_addf(sql, " FROM facts_%s;", k->name);
	}
}

/*
 * records: every record's kind, id, events, created and updated, and an
 * issue's status, area, dept and due (zdh-repository(5), REPORT VIEWS;
 * null for other kinds): the columns the issue kind projects, found by
 * name among its fields (p1 is the first).
 */
static void records_view(struct zdh_buf *sql)
{
	static const char *const cols[] = { "status", "area", "dept", "due" };
	const struct zdh_kind *issue = zdh_kind_find("issue");

	zdh_buf_puts(sql, "CREATE TEMP VIEW records AS SELECT kind, id, events, created, updated");
	for (size_t c = 0; c < sizeof(cols) / sizeof(cols[0]); c++) {
		int at = 0;
		for (const struct zdh_field *f = issue ? issue->fields : NULL; f && f->name; f++)
			if (!strcmp(f->name, cols[c])) {
				at = (int)(f - issue->fields) + 1;
				break;
			}
		ZDH_ASSERT(at > 0 && at <= ZDH_KIND_FIELDS_MAX);
		zdh_buf_addf(sql, zdh_org_ref_field(cols[c]) ?
			     ", CASE kind WHEN 'issue' THEN org_name(p%d) END AS \"%s\"" :
			     ", CASE kind WHEN 'issue' THEN p%d END AS \"%s\"", at, cols[c]);
	}
	zdh_buf_puts(sql, " FROM main.records;");
}

struct limit {
	struct timespec start;
	double seconds;
	int expired;
};

static double elapsed(const struct timespec *start)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - start->tv_sec) + (double)(now.tv_nsec - start->tv_nsec) / 1e9;
}

static int progress(void *payload)
{
	struct limit *l = payload;

	if (elapsed(&l->start) > l->seconds)
		l->expired = 1;
	return l->expired;
}

static int authorize(void *payload, int action, const char *a, const char *b, const char *db,
		     const char *view)
{
	(void)payload;
	switch (action) {
	case SQLITE_SELECT:
	case SQLITE_RECURSIVE:
		return SQLITE_OK;
	case SQLITE_FUNCTION:
		return a && !strcmp(a, "load_extension") ? SQLITE_DENY : SQLITE_OK;
	case SQLITE_READ:
		/*
		 * the views (the temp schema holds them alone), common table
		 * expressions (no schema), and the index's tables only through
		 * the views; a table read for its row count alone (count(*) of a
		 * view, flattened) names no column
		 */
		return view || !db || !strcmp(db, "temp") || (b && !*b) ? SQLITE_OK : SQLITE_DENY;
	default:
		return SQLITE_DENY;
	}
}

int zdh_report_sql(struct zdh_index *idx, const char *sql, double seconds,
		   int (*fn)(int ncol, const char *const *names, const char *const *values,
			     const int *types, void *payload),
		   void *payload)
{
	const char *path = sqlite3_db_filename(zdh_index_db(idx), "main"), *tail = NULL;
	struct limit limit = { { 0, 0 }, seconds, 0 };
	sqlite3 *db = NULL;
	sqlite3_stmt *s = NULL;
	const char **names = NULL, **values = NULL;
	int *types = NULL, n, rc, expanded, err = 0;
	sqlite3_int64 heap = -1;
	long long result = 0;	/* the bytes of the rows handed to fn */
	struct zdh_buf named = ZDH_BUF_INIT, views = ZDH_BUF_INIT;

	if (!path || sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL)) {
		err = zdh_error_set(ZDH_ERROR, _("cannot open the index read-only: %s"),
				    db ? zdh_db_errmsg(db) : "?");
		goto done;
	}
	sqlite3_busy_timeout(db, 5000);
	/* the views as named by the index's own (records_<kind>, facts_<kind>), their SELECTs put in */
	zdh_buf_puts(&named, views_sql);
	records_view(&named);
	kind_views(&named);
	expanded = zdh_index_expand_views(&views, named.ptr);
	ZDH_ASSERT(expanded);	/* kind_views() named records_<kind> of every kind */
	sqlite3_create_function(db, "org_name", 1, SQLITE_UTF8, idx, org_name, NULL, NULL);
	sqlite3_create_function(db, "org_id", 2, SQLITE_UTF8, idx, org_id, NULL, NULL);
	if (sqlite3_exec(db, views.ptr, NULL, NULL, NULL)) {
		err = zdh_error_set(ZDH_ERROR, "index: %s", zdh_db_errmsg(db));
		goto done;
	}
	sqlite3_set_authorizer(db, authorize, NULL);
	/* (counted only in a command that said so first: zdh_index_query_command()) */
	heap = sqlite3_hard_heap_limit64(sqlite3_memory_used() + ZDH_REPORT_HEAP);
	clock_gettime(CLOCK_MONOTONIC, &limit.start);
	sqlite3_progress_handler(db, 1000, progress, &limit);
	if (sqlite3_prepare_v2(db, sql, -1, &s, &tail)) {
		if (sqlite3_errcode(db) == SQLITE_AUTH)
			err = zdh_error_set(ZDH_EINVALID,
					    _("refused: a report may only read the views (%s)"),
					    zdh_db_errmsg(db));
		else
			err = zdh_error_set(ZDH_EINVALID, _("bad query: %s"), zdh_db_errmsg(db));
		goto done;
	}
	if (!s) {
		err = zdh_error_set(ZDH_EINVALID, _("no query"));
		goto done;
	}
	if (tail && tail[strspn(tail, " \t\r\n;")]) {
		err = zdh_error_set(ZDH_EINVALID, _("one statement only"));
		goto done;
	}
	if (!sqlite3_stmt_readonly(s)) {
		err = zdh_error_set(ZDH_EINVALID, _("refused: a report may only read"));
		goto done;
	}
	n = sqlite3_column_count(s);
	names = zdh_calloc((size_t)n + 1, sizeof(*names));
	values = zdh_calloc((size_t)n + 1, sizeof(*values));
	types = zdh_calloc((size_t)n + 1, sizeof(*types));
	for (int i = 0; i < n; i++)
		names[i] = sqlite3_column_name(s, i);
	if ((err = fn(n, names, NULL, NULL, payload)))	/* the header */
		goto done;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		for (int i = 0; i < n; i++) {
			int t = sqlite3_column_type(s, i);
			types[i] = t == SQLITE_NULL ? ZDH_SQL_NULL : t == SQLITE_INTEGER ?
				ZDH_SQL_INTEGER : t == SQLITE_FLOAT ? ZDH_SQL_REAL : ZDH_SQL_TEXT;
			values[i] = (const char *)sqlite3_column_text(s, i);
			/* (its text, and about what a table or JSON keeping it costs) */
			result += sqlite3_column_bytes(s, i) + 32;
		}
		if (result > ZDH_REPORT_HEAP) {
			err = zdh_error_set(ZDH_EINVALID, _("the result is larger than %lld MiB"),
					    ZDH_REPORT_HEAP >> 20);
			goto done;
		}
		if ((err = fn(n, names, values, types, payload)))
			goto done;
	}
	if (rc != SQLITE_DONE) {
		if (limit.expired)
			err = zdh_error_set(ZDH_EINVALID, _("the query ran longer than %g s"), seconds);
		else if (rc == SQLITE_NOMEM)
			err = zdh_error_set(ZDH_EINVALID, _("the query needed more than %lld MiB"),
					    ZDH_REPORT_HEAP >> 20);
		else
			err = zdh_error_set(ZDH_EINVALID, _("query failed: %s"), zdh_db_errmsg(db));
	}
done:
	free(names);
	free(values);
	free(types);
	sqlite3_finalize(s);
	sqlite3_close(db);
	if (heap >= 0)
		sqlite3_hard_heap_limit64(heap);
	zdh_buf_release(&named);
	zdh_buf_release(&views);
	return err;
}

/*
 * zdh report — the monthly, yearly and range statistics (zdh-report(1)).
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "common.h"
#include "index.h"
#include "issue.h"
#include "output.h"
#include "report.h"
#include "savedreport.h"
#include "store.h"

/* The values of the options; each verb's table below says which it takes. */
static struct {
	const char *month, *year, *since, *until, *as_of, *area, *district, *dept, *file, *fmt;
	const char *sql, *date;
	int json, excel, csv, no_header;
	double seconds;
} a = { .seconds = 10 };

static int opt_timeout(struct opt_ctx *ctx, const struct opt *o, const char *arg)
{
	char *end;
	double seconds = strtod(arg, &end);

	(void)ctx;
	if (end == arg || *end || !(seconds > 0) || seconds > 86400)
		return opt_usage_error(_("--timeout '%s' is not a number of seconds"), arg);
	*(double *)o->value = seconds;
	return 0;
}

/* --format of sql and run: csv, or json as --json says it */
static int opt_sql_format(struct opt_ctx *ctx, const struct opt *o, const char *arg)
{
	(void)ctx;
	(void)o;
	if (strcmp(arg, "csv") && strcmp(arg, "json"))
		return opt_usage_error(_("unknown format '%s' (csv, json)"), arg);
	a.json |= !strcmp(arg, "json");
	a.csv = !strcmp(arg, "csv");
	return 0;
}

/* What monthly, yearly and range share after their period. */
#define REPORT_SCOPE \
	OPT_STRING(0, "area", &a.area, "A", N_("only the issues of this area (居民区)")), \
	OPT_STRING(0, "district", &a.district, "D", N_("only the issues of this district (片区)")), \
	OPT_STRING(0, "dept", &a.dept, "D", N_("only the issues of this department")), \
	OPT_STRING(0, "as-of", &a.as_of, "DATE", N_("the report as the records stood at DATE")), \
	OPT_FLAG_F(0, "json", &a.json, N_("print JSON (its shape is in the man page)"), OPT_OR_NEXT), \
	OPT_STRING(0, "format", &a.fmt, "F", N_("text, json, csv, md or html")), \
	OPT_FLAG(0, "excel", &a.excel, N_("CSV as Excel opens it (implies --format csv)")), \
	OPT_STRING_F('o', "output", &a.file, "FILE", N_("write the report to FILE (atomically)"), OPT_SHORT), \
	OPT_END()

static const struct opt monthly_opts[] = {
	OPT_STRING(0, "month", &a.month, "YYYY-MM", N_("the month (default: the last complete one)")),
	REPORT_SCOPE
};

static const struct opt yearly_opts[] = {
	OPT_STRING(0, "year", &a.year, "YYYY", N_("the year (default: the last complete one)")),
	REPORT_SCOPE
};

static const struct opt range_opts[] = {
	OPT_STRING_F(0, "since", &a.since, "DAY", N_("the first day"), OPT_REQUIRED),
	OPT_STRING_F(0, "until", &a.until, "DAY", N_("the last day"), OPT_REQUIRED),
	REPORT_SCOPE
};

#define OPT_TIMEOUT OPT_CALLBACK(0, "timeout", &a.seconds, "SECONDS", \
	N_("stop the query after that long (default 10)"), opt_timeout)
#define OPT_SQL_OUTPUT \
	OPT_FLAG_F(0, "json", &a.json, N_("print JSON (its shape is in the man page)"), OPT_OR_NEXT), \
	OPT_CALLBACK(0, "format", NULL, "csv", N_("csv: the rows as CSV (json: as --json)"), opt_sql_format), \
	OPT_EXCEL(&a.csv), \
	OPT_NO_HEADER(&a)

static const struct opt sql_opts[] = {
	OPT_TIMEOUT,
	OPT_SQL_OUTPUT,
	OPT_ARGS("QUERY"),
	OPT_END()
};

static const struct opt save_opts[] = {
	OPT_ARGS("NAME|ID"),
	OPT_STRING_F(0, "sql", &a.sql, "QUERY", N_("the query to keep"), OPT_REQUIRED),
	OPT_DATE(&a.date),
	OPT_END()
};

static const struct opt run_opts[] = {
	OPT_ARGS("NAME|ID"),
	OPT_TIMEOUT,
	OPT_SQL_OUTPUT,
	OPT_END()
};

static const struct {
	const char *name;
	enum zdh_report_format format;
} formats[] = {
	{ "text", ZDH_REPORT_TEXT }, { "json", ZDH_REPORT_JSON }, { "csv", ZDH_REPORT_CSV },
	{ "md", ZDH_REPORT_MD }, { "html", ZDH_REPORT_HTML }, { NULL, ZDH_REPORT_TEXT }
};

static int run(const char *verb)
{
	struct zdh_report_opts o;
	enum zdh_report_format format = ZDH_REPORT_TEXT;
	char *area_name = NULL, *district_name = NULL, *dept_name = NULL;
	char *area_id = NULL, *district_id = NULL, *dept_id = NULL;
	struct zdh_repo *repo = NULL;
	struct zdh_index *idx;
	json_t *r = NULL;
	int code;

	memset(&o, 0, sizeof(o));
	if (a.json)
		format = ZDH_REPORT_JSON;
	if (a.fmt) {
		int i;
		for (i = 0; formats[i].name && strcmp(formats[i].name, a.fmt); i++)
			;
		if (!formats[i].name)
			return opt_usage_error(_("unknown format '%s' (text, json, csv, md, html)"), a.fmt);
		format = formats[i].format;
	}
	/* --excel alone is the CSV, as on every list and for sql and run */
	if (a.excel && !a.fmt && !a.json)
		format = ZDH_REPORT_CSV;
	if (a.excel && format != ZDH_REPORT_CSV)
		return opt_usage_error(_("--excel is for --format csv"));

	if ((code = open_repo(&repo)))
		return code;
	/* (the period's options refused by name, a zone this machine cannot read as itself) */
	if (!strcmp(verb, "monthly"))
		code = report(zdh_report_month(&o, a.month, repo->timezone, (long long)time(NULL)));
	else if (!strcmp(verb, "yearly"))
		code = report(zdh_report_year(&o, a.year, repo->timezone, (long long)time(NULL)));
	else
		code = report(zdh_report_range(&o, a.since, a.until, repo->timezone));
	if (code || (a.as_of &&
		     (code = report_option("--as-of", zdh_report_as_of(&o, a.as_of, repo->timezone)))))
		goto done;
	/*
	 * A period not yet begun (a month typed a year too high, a cron job
	 * on a wrong clock) has figures all the same, those at its end as
	 * the records stand now: said, lest they pass for what happened.
	 */
	if (o.since > (long long)time(NULL))
		zdh_warn(_("%s to %s has not begun: its figures at the end are the records as they stand now"),
			 o.first, o.last);
	if ((code = report(zdh_repo_index(&idx, repo))))
		goto done;
	/* shown by name (by id when the name is another org's too), counted by id */
	if ((code = org_arg_id(&area_name, &area_id, idx, a.area, "area")) ||
	    (code = org_arg_id(&district_name, &district_id, idx, a.district, "district")) ||
	    (code = org_arg_id(&dept_name, &dept_id, idx, a.dept, "dept")))
		goto done;
	o.area = area_name;
	o.district = district_name;
	o.dept = dept_name;
	o.area_id = area_id;
	o.district_id = district_id;
	o.dept_id = dept_id;
	if ((code = report(zdh_report_build(idx, &o, &r))))
		goto done;
	if (a.file) {
		code = report(zdh_report_write_file(a.file, r, format, a.excel, repo));
		goto done;
	}
	if (format == ZDH_REPORT_TEXT)
		zdh_pager_start();
	if (zdh_report_print(stdout, r, format, a.excel, repo) < 0)
		code = report(ZDH_ERROR);
	code = finish_output(code);
done:
	json_decref(r);
	free(area_name);
	free(district_name);
	free(dept_name);
	free(area_id);
	free(district_id);
	free(dept_id);
	zdh_repo_free(repo);
	return code;
}

static int cmd_monthly(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return run("monthly");
}

static int cmd_yearly(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return run("yearly");
}

static int cmd_range(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return run("range");
}

/* ---- sql ---- */

struct sql_out {
	struct zdh_table *t;
	json_t *json;
	int ncol;
	const char **names;
};

static int sql_row(int ncol, const char *const *names, const char *const *values,
		   const int *types, void *payload)
{
	struct sql_out *o = payload;

	if (!values) {
		o->ncol = ncol;
		o->names = zdh_calloc((size_t)ncol + 1, sizeof(*o->names));
		for (int i = 0; i < ncol; i++)
			o->names[i] = zdh_strdup(names[i] ? names[i] : "");
		if (!o->json) {
			o->t = zdh_table_new((size_t)ncol);
			zdh_table_header(o->t, o->names);
		}
		return 0;
	}
	if (o->json) {
		json_t *row = json_object();
		for (int i = 0; i < ncol; i++) {
			json_t *v;
			if (types[i] == ZDH_SQL_NULL)
				v = json_null();
			else if (types[i] == ZDH_SQL_INTEGER)
				v = json_integer(strtoll(values[i], NULL, 10));
			else if (types[i] == ZDH_SQL_REAL)
				v = json_real(strtod(values[i], NULL));
			else
				v = json_string(values[i]);
			json_object_set_new(row, o->names[i], v ? v : json_null());
		}
		json_array_append_new(o->json, row);
	} else {
		zdh_table_row(o->t, values);
	}
	return 0;
}

/* sql QUERY, or run NAME (the query of the saved report NAME): what is the argument */
static int query(const char *verb, const char *what)
{
	struct sql_out o = { NULL, NULL, 0, NULL };
	struct zdh_repo *repo = NULL;
	struct zdh_index *idx;
	char *saved = NULL;
	int code;

	zdh_index_query_command();
	if ((code = open_repo(&repo)))
		return code;
	if ((code = report(zdh_repo_index(&idx, repo))))
		goto done;
	if (strcmp(verb, "sql") &&
	    (code = report(zdh_saved_report_query(idx, what, &saved))))
		goto done;
	if (a.json)
		o.json = json_array();
	if ((code = report(zdh_report_sql(idx, saved ? saved : what, a.seconds, sql_row, &o))))
		goto done;
	print_rows(o.json, o.t, a.csv, 0, a.no_header);
	code = finish_output(0);
done:
	for (int i = 0; o.names && i < o.ncol; i++)
		free((char *)o.names[i]);
	free(o.names);
	zdh_table_free(o.t);
	json_decref(o.json);
	free(saved);
	zdh_repo_free(repo);
	return code;
}

static int cmd_sql(int argc, char **argv)
{
	(void)argc;
	return query("sql", argv[0]);
}

static int cmd_run(int argc, char **argv)
{
	(void)argc;
	return query("run", argv[0]);
}

static int cmd_save(int argc, char **argv)
{
	const char *name = argv[0];
	struct zdh_repo *repo = NULL;
	struct zdh_txn *txn = NULL;
	struct zdh_time date;
	char *id = NULL;
	int code, err;

	(void)argc;
	if ((code = report(zdh_saved_report_check_name(name))))
		return code;
	if ((code = open_repo(&repo)))
		return code;
	if ((code = parse_write_date(&date, a.date, repo)))
		goto done;
	if ((code = report(zdh_txn_begin(&txn, repo))))
		goto done;
	err = zdh_saved_report_save(txn, name, a.sql, &date, &id);
	if (!err)
		err = zdh_txn_commit(txn);
	if ((code = report(err)))
		goto done;
	printf("%s\n", id);
	code = finish_id_written(id);
done:
	free(id);
	zdh_txn_free(txn);
	zdh_repo_free(repo);
	return code;
}

int cmd_report(int argc, char **argv)
{
	static const struct verb verbs[] = {
		{ "monthly", cmd_monthly, monthly_opts },
		{ "yearly", cmd_yearly, yearly_opts },
		{ "range", cmd_range, range_opts },
		{ "sql", cmd_sql, sql_opts, N_("a query") },
		{ "save", cmd_save, save_opts, N_("a name") },
		{ "run", cmd_run, run_opts, N_("a name") },
		{ NULL, NULL }
	};
	return dispatch("report", verbs, argc, argv);
}

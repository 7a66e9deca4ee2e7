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

static const char usage[] =
	N_("usage: zdh report monthly [--month YYYY-MM] [--area A] [--district D] [--dept D] [--as-of DATE] [--json | --format F] [--excel] [-o FILE]\n"
	   "   or: zdh report yearly [--year YYYY] [--area A] [--district D] [--dept D] [--as-of DATE] [--json | --format F] [--excel] [-o FILE]\n"
	   "   or: zdh report range --since DAY --until DAY [--area A] [--district D] [--dept D] [--as-of DATE] [--json | --format F] [--excel] [-o FILE]\n"
	   "   or: zdh report sql [--timeout SECONDS] [--json | --format csv] QUERY\n"
	   "   or: zdh report save NAME --sql QUERY [--date DATE]\n"
	   "   or: zdh report run NAME [--timeout SECONDS] [--json | --format csv]\n");

enum {
	O_MONTH = 256, O_YEAR, O_SINCE, O_UNTIL, O_AREA, O_DISTRICT, O_DEPT, O_AS_OF, O_JSON,
	O_FORMAT, O_EXCEL
};

static const struct option opts[] = {
	{ "month", required_argument, NULL, O_MONTH },
	{ "year", required_argument, NULL, O_YEAR },
	{ "since", required_argument, NULL, O_SINCE },
	{ "until", required_argument, NULL, O_UNTIL },
	{ "area", required_argument, NULL, O_AREA },
	{ "district", required_argument, NULL, O_DISTRICT },
	{ "dept", required_argument, NULL, O_DEPT },
	{ "as-of", required_argument, NULL, O_AS_OF },
	{ "json", no_argument, NULL, O_JSON },
	{ "format", required_argument, NULL, O_FORMAT },
	{ "excel", no_argument, NULL, O_EXCEL },
	{ "output", required_argument, NULL, 'o' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

static const struct {
	const char *name;
	enum zdh_report_format format;
} formats[] = {
	{ "text", ZDH_REPORT_TEXT }, { "json", ZDH_REPORT_JSON }, { "csv", ZDH_REPORT_CSV },
	{ "md", ZDH_REPORT_MD }, { "html", ZDH_REPORT_HTML }, { NULL, ZDH_REPORT_TEXT }
};

/* A scope name given by name or id: the registered name of that org. */
static int scope_name(char **out, struct zdh_index *idx, const char *given, const char *kind)
{
	if (!given)
		return 0;
	return report(zdh_issue_org_name(out, idx, given, kind));
}

static int run(const char *verb, int argc, char **argv)
{
	struct zdh_report_opts o;
	enum zdh_report_format format = ZDH_REPORT_TEXT;
	const char *month = NULL, *year = NULL, *since = NULL, *until = NULL, *as_of = NULL;
	const char *area = NULL, *district = NULL, *dept = NULL, *file = NULL, *fmt = NULL;
	char *area_name = NULL, *district_name = NULL, *dept_name = NULL;
	struct zdh_repo *repo = NULL;
	struct zdh_index *idx;
	json_t *r = NULL;
	int c, code, json = 0, excel = 0;

	memset(&o, 0, sizeof(o));
	options_reset();
	while ((c = getopt_long(argc, argv, "ho:", opts, NULL)) != -1) {
		switch (c) {
		case O_MONTH: month = optarg; break;
		case O_YEAR: year = optarg; break;
		case O_SINCE: since = optarg; break;
		case O_UNTIL: until = optarg; break;
		case O_AREA: area = optarg; break;
		case O_DISTRICT: district = optarg; break;
		case O_DEPT: dept = optarg; break;
		case O_AS_OF: as_of = optarg; break;
		case O_JSON: json = 1; break;
		case O_FORMAT: fmt = optarg; break;
		case O_EXCEL: excel = 1; break;
		case 'o': file = optarg; break;
		case 'h': return usage_help_verb(usage, "report", verb);
		default:
			if (optopt && optopt < 256 && strchr("o", optopt))
				return usage_error(usage, _("option '-%c' needs a value"), optopt);
			return usage_error(usage, _("unknown option '%s'"), argv[optind - 1]);
		}
	}
	if (optind < argc)
		return usage_error(usage, _("too many arguments"));
	if (month && strcmp(verb, "monthly"))
		return usage_error(usage, _("--month is for 'zdh report monthly'"));
	if (year && strcmp(verb, "yearly"))
		return usage_error(usage, _("--year is for 'zdh report yearly'"));
	if ((since || until) && strcmp(verb, "range"))
		return usage_error(usage, _("--since and --until are for 'zdh report range'"));
	if (!strcmp(verb, "range") && (!since || !until))
		return usage_error(usage, _("'zdh report range' needs --since and --until"));
	if (json && fmt && strcmp(fmt, "json"))
		return usage_error(usage, _("--json and --format %s are two forms"), fmt);
	if (json)
		format = ZDH_REPORT_JSON;
	if (fmt) {
		int i;
		for (i = 0; formats[i].name && strcmp(formats[i].name, fmt); i++)
			;
		if (!formats[i].name)
			return usage_error(usage, _("unknown format '%s' (text, json, csv, md, html)"), fmt);
		format = formats[i].format;
	}
	if (excel && format != ZDH_REPORT_CSV)
		return usage_error(usage, _("--excel is for --format csv"));
	if ((code = check_text("--area", area)) || (code = check_text("--district", district)) ||
	    (code = check_text("--dept", dept)))
		return code;

	if ((code = open_repo(&repo)))
		return code;
	if (!strcmp(verb, "monthly"))
		code = report(zdh_report_month(&o, month, repo->timezone, (long long)time(NULL)));
	else if (!strcmp(verb, "yearly"))
		code = report(zdh_report_year(&o, year, repo->timezone, (long long)time(NULL)));
	else
		code = report(zdh_report_range(&o, since, until, repo->timezone));
	if (code || (as_of && (code = report(zdh_report_as_of(&o, as_of, repo->timezone)))))
		goto done;
	if ((code = report(zdh_repo_index(&idx, repo))))
		goto done;
	if ((code = scope_name(&area_name, idx, area, "area")) ||
	    (code = scope_name(&district_name, idx, district, "district")) ||
	    (code = scope_name(&dept_name, idx, dept, "dept")))
		goto done;
	o.area = area_name;
	o.district = district_name;
	o.dept = dept_name;
	if ((code = report(zdh_report_build(idx, &o, &r))))
		goto done;
	if (file) {
		code = report(zdh_report_write_file(file, r, format, excel));
		goto done;
	}
	if (format == ZDH_REPORT_TEXT)
		zdh_pager_start();
	if (zdh_report_print(stdout, r, format, excel) < 0)
		code = report(ZDH_ERROR);
	code = finish_output(code);
done:
	json_decref(r);
	free(area_name);
	free(district_name);
	free(dept_name);
	zdh_repo_free(repo);
	return code;
}

static int cmd_monthly(int argc, char **argv)
{
	return run("monthly", argc, argv);
}

static int cmd_yearly(int argc, char **argv)
{
	return run("yearly", argc, argv);
}

static int cmd_range(int argc, char **argv)
{
	return run("range", argc, argv);
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

/* sql QUERY, or run NAME (the query of the saved report NAME) */
static int query(const char *verb, int argc, char **argv)
{
	enum { S_TIMEOUT = 256, S_JSON, S_FORMAT };
	static const struct option sql_opts[] = {
		{ "timeout", required_argument, NULL, S_TIMEOUT },
		{ "json", no_argument, NULL, S_JSON },
		{ "format", required_argument, NULL, S_FORMAT },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct sql_out o = { NULL, NULL, 0, NULL };
	struct zdh_repo *repo = NULL;
	struct zdh_index *idx;
	char *saved = NULL;
	double seconds = 10;
	int c, code, json = 0, csv = 0;
	char *end;

	options_reset();
	while ((c = getopt_long(argc, argv, "h", sql_opts, NULL)) != -1) {
		switch (c) {
		case S_TIMEOUT:
			seconds = strtod(optarg, &end);
			if (end == optarg || *end || !(seconds > 0) || seconds > 86400)
				return usage_error(usage, _("--timeout '%s' is not a number of seconds"), optarg);
			break;
		case S_JSON: json = 1; break;
		case S_FORMAT:
			if (strcmp(optarg, "csv") && strcmp(optarg, "json"))
				return usage_error(usage, _("unknown format '%s' (csv, json)"), optarg);
			json |= !strcmp(optarg, "json");
			csv = !strcmp(optarg, "csv");
			break;
		case 'h': return usage_help_verb(usage, "report", verb);
		default: return usage_error(usage, _("unknown option '%s'"), argv[optind - 1]);
		}
	}
	if (json && csv)
		return usage_error(usage, _("--json and --format csv are two forms"));
	if (optind >= argc)
		return usage_error(usage, strcmp(verb, "sql") ? _("'zdh report run' needs a name") :
				   _("'zdh report sql' needs a query"));
	if (optind + 1 < argc)
		return usage_error(usage, strcmp(verb, "sql") ? _("too many arguments") :
				   _("too many arguments (quote the query)"));
	if ((code = check_text(strcmp(verb, "sql") ? "NAME" : "the query", argv[optind])))
		return code;
	if ((code = open_repo(&repo)))
		return code;
	if ((code = report(zdh_repo_index(&idx, repo))))
		goto done;
	if (strcmp(verb, "sql") &&
	    (code = report(zdh_saved_report_find(idx, argv[optind], NULL, &saved))))
		goto done;
	if (json)
		o.json = json_array();
	if ((code = report(zdh_report_sql(idx, saved ? saved : argv[optind], seconds, sql_row, &o))))
		goto done;
	print_rows(o.json, o.t, csv, 0, 0);
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
	return query("sql", argc, argv);
}

static int cmd_run(int argc, char **argv)
{
	return query("run", argc, argv);
}

static int cmd_save(int argc, char **argv)
{
	enum { V_SQL = 256, V_DATE, V_FUTURE };
	static const struct option save_opts[] = {
		{ "sql", required_argument, NULL, V_SQL },
		{ "date", required_argument, NULL, V_DATE },
		{ "future", no_argument, NULL, V_FUTURE },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char *sql = NULL, *date_text = NULL, *name;
	struct zdh_repo *repo = NULL;
	struct zdh_txn *txn = NULL;
	struct zdh_time date;
	char *id = NULL;
	int c, code, err;

	options_reset();
	while ((c = getopt_long(argc, argv, "h", save_opts, NULL)) != -1) {
		switch (c) {
		case V_SQL: sql = optarg; break;
		case V_DATE: date_text = optarg; break;
		case V_FUTURE: date_future = 1; break;
		case 'h': return usage_help_verb(usage, "report", "save");
		default: return usage_error(usage, _("unknown option '%s'"), argv[optind - 1]);
		}
	}
	if (optind >= argc)
		return usage_error(usage, _("'zdh report save' needs a name"));
	if (optind + 1 < argc)
		return usage_error(usage, _("too many arguments (quote the query)"));
	if (!sql)
		return usage_error(usage, _("'zdh report save' needs --sql"));
	name = argv[optind];
	if ((code = report(zdh_saved_report_check_name(name))) || (code = check_text("--sql", sql)))
		return code;
	if ((code = open_repo(&repo)))
		return code;
	if ((code = parse_write_date(&date, date_text, repo)))
		goto done;
	if ((code = report(zdh_txn_begin(&txn, repo))))
		goto done;
	err = zdh_saved_report_save(txn, name, sql, &date, &id);
	if (!err)
		err = zdh_txn_commit(txn);
	if ((code = report(err)))
		goto done;
	printf("%s\n", id);
	code = finish_output(0);
done:
	free(id);
	zdh_txn_free(txn);
	zdh_repo_free(repo);
	return code;
}

int cmd_report(int argc, char **argv)
{
	static const struct verb verbs[] = {
		{ "monthly", cmd_monthly },
		{ "yearly", cmd_yearly },
		{ "range", cmd_range },
		{ "sql", cmd_sql },
		{ "save", cmd_save },
		{ "run", cmd_run },
		{ NULL, NULL }
	};
	return run_verb("report", verbs, usage, argc, argv);
}

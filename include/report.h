/*
 * report — the monthly, yearly and range statistics of zdh-report(1):
 * periods in the repository's time zone, every figure computed from the
 * events the index holds (optionally only those recorded by --as-of), as
 * one JSON value whose shape is documented; and the forms it is printed in
 * (text, JSON, CSV, Markdown, HTML).  A report holds aggregates only:
 * never a resident's name, phone or any free text of a record.
 */
#ifndef ZDH_REPORT_H
#define ZDH_REPORT_H

#include <stdio.h>
#include <jansson.h>

struct zdh_index;
struct zdh_repo;

struct zdh_report_opts {
	const char *period;		/* "monthly", "yearly", "range" */
	char first[11], last[11];	/* the period's first and last day (inclusive) */
	long long since, until;		/* [since, until): local midnights, epoch seconds */
	int as_of_set;
	long long as_of;		/* events recorded (committed) after it are left out */
	const char *area, *district, *dept;	/* scope, as the report shows it; NULL = all */
	const char *area_id, *district_id, *dept_id;	/* the scope's orgs by id (NULL: by the above) */
	const char *timezone;		/* set by the period functions */
};

/*
 * The periods, in zone tz (a zone this machine cannot read refused first,
 * as itself); a value refused names its option ("--month: invalid month
 * ...", --year, --since, --until), as the command gives them.
 * The calendar month "2025-11" (NULL: the last complete month before now).
 */
int zdh_report_month(struct zdh_report_opts *o, const char *month, const char *tz, long long now);
/* The calendar year "2025" (NULL: the last complete year before now). */
int zdh_report_year(struct zdh_report_opts *o, const char *year, const char *tz, long long now);
/* The days since..until, both included (any form a day takes, zdh_date_day()). */
int zdh_report_range(struct zdh_report_opts *o, const char *since, const char *until,
		     const char *tz);
/*
 * --as-of: a day "2025-12-01" means until the end of that day (the events
 * recorded before the next local midnight); a time means up to it,
 * included.
 */
int zdh_report_as_of(struct zdh_report_opts *o, const char *text, const char *tz);

/* Build the report (a new reference in *out): zdh-report(1), JSON OUTPUT. */
int zdh_report_build(struct zdh_index *idx, const struct zdh_report_opts *o, json_t **out);

enum zdh_report_format {
	ZDH_REPORT_TEXT, ZDH_REPORT_JSON, ZDH_REPORT_CSV, ZDH_REPORT_MD, ZDH_REPORT_HTML
};
/*
 * Print report in format; excel adds the UTF-8 byte-order mark to CSV; repo
 * (or NULL) gives the titles of its configured categories to the human
 * forms (category.NAME.title).  0 or -1 (errno).
 */
int zdh_report_print(FILE *out, const json_t *report, enum zdh_report_format format, int excel,
		     const struct zdh_repo *repo);

/*
 * Run one read-only SELECT over the report views (zdh-repository(5)) on a
 * read-only connection of its own, stopped after seconds.  fn gets the
 * column names first with values and types NULL, then each row (values
 * as text, NULL for SQL NULL; types ZDH_SQL_NULL...).  ZDH_EINVALID for
 * a query refused, wrong, too slow, needing more than ZDH_REPORT_HEAP of
 * memory (held to it in a command that called zdh_index_query_command()
 * first), or whose rows are more than that (counting 32 bytes a value
 * beside its text).
 */
#define ZDH_REPORT_HEAP ((long long)256 << 20)
enum { ZDH_SQL_NULL, ZDH_SQL_INTEGER, ZDH_SQL_REAL, ZDH_SQL_TEXT };
int zdh_report_sql(struct zdh_index *idx, const char *sql, double seconds,
		   int (*fn)(int ncol, const char *const *names, const char *const *values,
			     const int *types, void *payload),
		   void *payload);

/* The same into path, atomically: a temporary file beside it, fsynced, renamed over it. */
int zdh_report_write_file(const char *path, const json_t *report,
			  enum zdh_report_format format, int excel, const struct zdh_repo *repo);

#endif

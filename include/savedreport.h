/*
 * savedreport — the record kind "report": custom reports kept by name
 * (`zdh report save`, `zdh report run`; zdh-report(1)).
 */
#ifndef ZDH_SAVEDREPORT_H
#define ZDH_SAVEDREPORT_H

#include "date.h"
#include "kind.h"

struct zdh_index;
struct zdh_txn;

#define ZDH_SAVED_REPORT_SQL_MAX 20000	/* characters of a saved query */

extern const struct zdh_kind zdh_kind_report;

/* 0 when name can name a saved report (one line, 1 to 64 characters), else ZDH_EINVALID. */
int zdh_saved_report_check_name(const char *name);
/*
 * Save the query under name: a new saved report (its id in *id_out), or a
 * new version of the one of that name, else of the one whose id name is
 * (any case).  The query must prepare under the rules of zdh_report_sql().
 */
int zdh_saved_report_save(struct zdh_txn *txn, const char *name, const char *sql,
			  const struct zdh_time *date, char **id_out);
/*
 * The saved report of that name: its id and query (either may be NULL);
 * ZDH_ENOTFOUND; ZDH_EINVALID naming them when two have that name (saved
 * at two offices before they heard of each other: both are kept).
 */
int zdh_saved_report_find(struct zdh_index *idx, const char *name, char **id, char **sql);
/* The query of the saved report named what, else of id what (any case); ZDH_ENOTFOUND. */
int zdh_saved_report_query(struct zdh_index *idx, const char *what, char **sql);

#endif

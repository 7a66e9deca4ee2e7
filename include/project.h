/*
 * project — self-governance and co-governance projects (自治项目,
 * 共治项目, 微实事) and the per-area, per-year funds that pay them
 * (党组织服务群众专项经费 / 自治金): two record kinds, project (J) and
 * fund (B).  Money is integer fen, printed as yuan with two decimals.
 * zdh-project(1) documents them.
 */
#ifndef ZDH_PROJECT_H
#define ZDH_PROJECT_H

#include "date.h"
#include "index.h"
#include "store.h"

#define ZDH_MONEY_MAX 100000000000000LL	/* fen: a trillion yuan */

extern const struct zdh_kind zdh_kind_project;
extern const struct zdh_kind zdh_kind_fund;
/* "self-governance", "co-governance", "micro", NULL */
extern const char *const zdh_project_kinds[];
extern const char *const zdh_project_states[];	/* proposed, approved, done */
/* 0 when status and kind (either NULL) are words a project can have; else ZDH_EINVALID. */
int zdh_project_check_filter(const char *status, const char *kind);

/* ---- money and the fund rule: pure functions (tests/unit/fund.c) ---- */

/*
 * "12000", "12000.5", "12000.50" yuan → fen.  At most two decimals, no
 * sign, no separators, at most ZDH_MONEY_MAX fen.  0 or ZDH_EINVALID.
 */
int zdh_money_parse(long long *fen, const char *text);
/* zdh_money_format(): fen → "12000.50", in output.h (conflicts print it too) */
/*
 * May a fund with this budget, of which spent is spent, pay amount?  0, or
 * ZDH_ESTATE "fund X has 120.00 left; 200.00 would take it below zero".
 */
int zdh_fund_spend_check(const char *fund, long long budget, long long spent, long long amount);
/* May the budget be set to budget when spent is spent?  0 or ZDH_ESTATE. */
int zdh_fund_budget_check(const char *fund, long long budget, long long spent);

/* ---- writes ---- */

struct zdh_project_fields {
	const char *title, *area, *kind, *decision;
	int year;		/* 0: the year of the date */
};
int zdh_project_add(struct zdh_txn *txn, const struct zdh_project_fields *f,
		    const struct zdh_time *date, char **id);
/* A budget line (only before approval). */
int zdh_project_budget(struct zdh_txn *txn, const char *id, long long fen, const char *item,
		       const struct zdh_time *date);
int zdh_project_approve(struct zdh_txn *txn, const char *id, const char *message,
			const struct zdh_time *date);
/*
 * Pay fen for item from the fund of the project's area and year: an event
 * on the fund, refused when the fund would go below zero (with the
 * balance), or when the project is not approved or would spend beyond its
 * approved budget.  The attachments of txn (receipts) go with it.
 */
int zdh_project_spend(struct zdh_txn *txn, const char *id, long long fen, const char *item,
		      const struct zdh_time *date);
/* satisfaction 1–5 or 0. */
int zdh_project_done(struct zdh_txn *txn, const char *id, const char *evaluation,
		     int satisfaction, const struct zdh_time *date);

/* Set the budget of the fund of area for year (creating it the first time). */
int zdh_fund_set(struct zdh_txn *txn, const char *area, int year, long long fen,
		 const char *message, const struct zdh_time *date, char **id);

/* ---- queries ---- */

struct zdh_project_filter {
	const char *area, *status, *kind;
	int year;
	const char *decision;	/* the council decision they come from */
};
#define ZDH_PROJECT_FILTER_INIT { NULL, NULL, NULL, 0, NULL }

/* Projects in id order, each its state with id and "spent" (borrowed). */
int zdh_project_list(struct zdh_index *idx, const struct zdh_project_filter *f,
		     int (*fn)(json_t *project, void *payload), void *payload);
/* A project with its spends ({"id", "date", "amount", "item", "effect", "note", "attachments"}). */
int zdh_project_get(json_t **out, struct zdh_index *idx, const char *id);
/*
 * Funds by area then year, each {"id", "area", "year", "budget", "committed",
 * "spent", "balance"} in fen (borrowed).  area NULL / year 0: all.
 */
int zdh_fund_list(struct zdh_index *idx, const char *area, int year,
		  int (*fn)(json_t *fund, void *payload), void *payload);

/* How many projects not done name the org org_id as their area. */
int zdh_project_open_naming(struct zdh_index *idx, const char *org_id, long long *count);

#endif

/*
 * menu — the two-way resource menu (资源菜单): offers of community units
 * and "two new" organisations, needs of the neighbourhoods, the pairings
 * (结对) that join one to the other, and the services delivered with the
 * receiving side's feedback.  Four record kinds: offer (F), need (N),
 * pairing (P), delivery (Y).  zdh-menu(1) documents them.
 */
#ifndef ZDH_MENU_H
#define ZDH_MENU_H

#include <stdio.h>

#include "date.h"
#include "index.h"
#include "store.h"
#include "words.h"

#define ZDH_MENU_TITLE_MAX 200		/* characters */
#define ZDH_MENU_TEXT_MAX 1000		/* schedule, contact, notes */
#define ZDH_MENU_CAPACITY_MAX 100000	/* a month */

extern const struct zdh_kind zdh_kind_offer;
extern const struct zdh_kind zdh_kind_need;
extern const struct zdh_kind zdh_kind_pairing;
extern const struct zdh_kind zdh_kind_delivery;

/* ---- categories ---- */

/* the built-in ones: each name (value) with its label (zh), as the words' rows; NULL value ends */
extern const struct zdh_word zdh_menu_default_categories[];

/*
 * The categories of the menu: the built-in ones (party-lesson 专业党课,
 * education 公共教育, sharing 资源共享, needy 帮困, elderly 助老,
 * students 助学, disabled 助残) and any [menu-category "NAME"] of the
 * configuration, whose title is its label.  fn gets each in order.
 */
int zdh_menu_categories(const struct zdh_repo *repo,
			int (*fn)(const char *name, const char *label, void *payload),
			void *payload);
/* The label of a category (its name when it has none). */
const char *zdh_menu_category_label(const struct zdh_repo *repo, const char *name);
/*
 * A category as tables, shows and a match's reasons name it: its label
 * under a Chinese catalogue, else its name (NULL stays NULL).
 */
const char *zdh_menu_category_shown(const struct zdh_repo *repo, const char *name);
/*
 * The name of the category word is the name or the label of (公共教育 is
 * education), as the options take either; a new string the caller frees,
 * or NULL when word is neither.
 */
char *zdh_menu_category_name(const struct zdh_repo *repo, const char *word);
/* 0, or ZDH_EINVALID "unknown category 'x'; did you mean 'y'? (...)". */
int zdh_menu_check_category(const struct zdh_repo *repo, const char *name);

/* ---- matching: pure functions (tests/unit/menu.c) ---- */

/* What is known of one need and one offer, for their score. */
struct zdh_match_input {
	int same_category;
	int area_listed;	/* the offer lists the need's area */
	int areas_open;		/* the offer lists no areas: it serves every area */
	int same_district;	/* the provider's district is the need area's district */
	long long capacity;	/* a month; 0: not given */
	long long used;		/* places taken in the month */
	long long rated;	/* deliveries of the offer with feedback */
	long long rating_sum;	/* the sum of their satisfaction (1–5 each) */
	int paired;		/* an active pairing of these two exists */
};

/* The score and its parts (zdh-menu(1), MATCHING). */
struct zdh_match_score {
	int total, category, place, capacity, rating, pair;
};

void zdh_match_score(struct zdh_match_score *out, const struct zdh_match_input *in);
/* Order of two candidates: higher total first, then the lower id; <0, 0, >0 as for qsort. */
int zdh_match_order(int total_a, const char *id_a, int total_b, const char *id_b);
/* Compare two record ids in id order ("XQ-F2" < "XQ-F10", prefixes by bytes). */
int zdh_menu_id_cmp(const char *a, const char *b);

/* "2026-12": the month of a day or time text; 0 or ZDH_EINVALID. */
int zdh_menu_month_check(const char *month);
/* Does the term [from, until] (days "YYYY-MM-DD") cover month ("YYYY-MM")? */
int zdh_menu_term_covers(const char *from, const char *until, const char *month);

/* ---- writes ---- */

/* Fields of add and edit; NULL is "not given"; "" clears an optional one (edit). */
struct zdh_offer_fields {
	const char *title, *provider, *category, *schedule, *contact;
	const char *areas;	/* comma-separated names of areas; "" for every area */
	long long capacity;	/* -1: not given; 0 clears (edit) */
};
struct zdh_need_fields {
	const char *title, *area, *category, *issue, *note;
	long long people;	/* households or people; -1: not given */
};

int zdh_offer_add(struct zdh_txn *txn, const struct zdh_offer_fields *f,
		  const struct zdh_time *date, char **id);
int zdh_offer_edit(struct zdh_txn *txn, const char *id, const struct zdh_offer_fields *f,
		   const char *reason, const struct zdh_time *date);
int zdh_need_add(struct zdh_txn *txn, const struct zdh_need_fields *f,
		 const struct zdh_time *date, char **id);
int zdh_need_edit(struct zdh_txn *txn, const char *id, const struct zdh_need_fields *f,
		  const char *reason, const struct zdh_time *date);
/* Retire an offer or a need (kind "offer" or "need" from the id's letter). */
int zdh_menu_retire(struct zdh_txn *txn, const char *id, const char *reason,
		    const struct zdh_time *date);
/*
 * Pair need with offer for the term [from, until] (days; NULL from: the
 * day of date; NULL until: a year after from, less a day).  Refused
 * (ZDH_ESTATE, with the numbers) when a month of the term would take the
 * offer beyond its capacity.
 */
int zdh_menu_pair(struct zdh_txn *txn, const char *need, const char *offer, const char *from,
		  const char *until, const char *note, const struct zdh_time *date, char **id);
int zdh_menu_unpair(struct zdh_txn *txn, const char *pairing, const char *reason,
		    const struct zdh_time *date);
/* A service delivered, under a pairing or straight from an offer; minutes -1: not given. */
int zdh_menu_deliver(struct zdh_txn *txn, const char *pair_or_offer, long long people,
		     long long minutes, const char *note, const struct zdh_time *date, char **id);
int zdh_menu_feedback(struct zdh_txn *txn, const char *delivery, int satisfaction,
		      const char *comment, const struct zdh_time *date);

/* The kind of a menu id ("offer" for XQ-F3, upper case); NULL when it is none's. */
const char *zdh_menu_kind_of(const char *id);

/* ---- queries ---- */

struct zdh_menu_filter {
	const char *category, *provider, *area;
	int all;		/* retired and ended ones too */
	const char *offer, *need;	/* pairings of */
	const char *issue;	/* needs that came from that issue (its id) */
	const char *month;	/* "YYYY-MM": for capacity used */
};
#define ZDH_MENU_FILTER_INIT { NULL }

/*
 * Offers, needs or pairings as JSON objects (the shapes of zdh-menu(1)),
 * in id order: fn gets each (a borrowed reference).
 */
int zdh_menu_offers(struct zdh_index *idx, const struct zdh_menu_filter *f,
		    int (*fn)(json_t *offer, void *payload), void *payload);
int zdh_menu_needs(struct zdh_index *idx, const struct zdh_menu_filter *f,
		   int (*fn)(json_t *need, void *payload), void *payload);
int zdh_menu_pairings(struct zdh_index *idx, const struct zdh_menu_filter *f,
		      int (*fn)(json_t *pairing, void *payload), void *payload);
/*
 * One record of the menu as `menu show --json` prints it (a new
 * reference): its state and id, and for an offer or a pairing its
 * deliveries with their average satisfaction.
 */
int zdh_menu_get(json_t **out, struct zdh_index *idx, const char *id);

/* A candidate's "why" (zdh_menu_match()): in English, or as a person reads it. */
#define ZDH_MATCH_WHY_JSON 1	/* English, categories by their words: --json */
#define ZDH_MATCH_WHY_SHOWN 2	/* the user's language, categories by their labels */

/*
 * Rank the offers for a need, or the needs for an offer (id of either),
 * in month ("YYYY-MM"): a JSON array of the first limit candidates (0:
 * all), best first, each {"rank", "id", "title", "score", "parts": {...},
 * "why": [...]} (zdh-menu(1)), why as ZDH_MATCH_WHY_JSON or _SHOWN says.
 */
int zdh_menu_match(json_t **out, struct zdh_index *idx, const char *id, const char *month,
		   size_t limit, int why);

/* The menu as a document: format "md", "html" or "csv". */
int zdh_menu_publish(struct zdh_buf *out, struct zdh_index *idx, const char *format,
		     const char *title);

/* How many live offers and needs name the org org_id (provider, area, areas). */
int zdh_menu_live_naming(struct zdh_index *idx, const char *org_id, long long *count);

#endif

/*
 * zdh menu — the two-way resource menu: offers and needs (add, edit,
 * retire, list), show, match, pair, unpair, pairings, deliver, feedback,
 * publish.
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "index.h"
#include "issue.h"
#include "lockfile.h"
#include "menu.h"
#include "output.h"
#include "store.h"
#include "words.h"

/* The values of the options; each verb's table below says which it takes. */
static struct {
	const char *message, *provider, *category, *capacity, *areas, *schedule, *contact;
	const char *title, *area, *month, *issue, *people, *note, *from, *until;
	const char *offer, *need, *hours, *satisfaction, *format, *output;
	long long limit;	/* match's --limit, 0 when not given: 10 */
	int all, json;
	struct write_opts w;
	struct listing l;
} a;

#define OPT_CATEGORY(f) OPT_LABELLED_F(0, "category", &a.category, "C", \
	N_("the category: %s, or one the configuration adds"), zdh_menu_default_categories, (f))
#define OPT_PROVIDER(f) OPT_STRING_F(0, "provider", &a.provider, "ORG", N_("the unit that offers it"), (f))
#define OPT_AREA_F(f) OPT_STRING_F(0, "area", &a.area, "A", N_("the area (居民区)"), (f))
#define OPT_TITLE OPT_STRING_F(0, "title", &a.title, "T", N_("a new title"), OPT_FIELD)
#define OPT_ALL OPT_FLAG(0, "all", &a.all, N_("retired and ended ones too"))
/* f: 0 for add, OPT_FIELD for edit */
#define OPT_OFFER_FIELDS(f) \
	OPT_STRING_F(0, "capacity", &a.capacity, "N", N_("how many times a month it can serve"), (f)), \
	OPT_STRING_F(0, "areas", &a.areas, "A,B", N_("the areas it serves (default: every area)"), (f)), \
	OPT_STRING_F(0, "schedule", &a.schedule, "TEXT", N_("when it is available"), (f)), \
	OPT_STRING_F(0, "contact", &a.contact, "TEXT", N_("whom to call"), (f))
#define OPT_NEED_FIELDS(f) \
	OPT_STRING_F(0, "issue", &a.issue, "ID", N_("the issue it comes from"), (f)), \
	OPT_STRING_F(0, "people", &a.people, "N", N_("how many people it concerns"), (f)), \
	OPT_STRING_F(0, "note", &a.note, "TEXT", N_("a note"), (f))
#define OPT_REASON OPT_MESSAGE(&a.message, "REASON", N_("why"))

static const struct opt offer_add_opts[] = {
	OPT_ARGS("TITLE"),
	OPT_PROVIDER(OPT_REQUIRED),
	OPT_CATEGORY(OPT_REQUIRED),
	OPT_OFFER_FIELDS(0),
	OPT_DATE(&a.w.date),
	OPT_END()
};

static const struct opt offer_edit_opts[] = {
	OPT_ARGS("ID"),
	OPT_TITLE,
	OPT_PROVIDER(OPT_FIELD),
	OPT_CATEGORY(OPT_FIELD),
	OPT_OFFER_FIELDS(OPT_FIELD),
	OPT_REASON,
	OPT_DATE(&a.w.date),
	OPT_END()
};

static const struct opt retire_opts[] = {
	OPT_ARGS("ID"),
	OPT_REASON,
	OPT_DATE(&a.w.date),
	OPT_END()
};

static const struct opt offer_list_opts[] = {
	OPT_CATEGORY(0),
	OPT_PROVIDER(0),
	OPT_AREA_F(0),
	OPT_STRING(0, "month", &a.month, "YYYY-MM", N_("with what each offer served that month")),
	OPT_ALL,
	OPT_CONFLICTS(&a.l),
	OPT_LIST_OUTPUT(&a.l),
	OPT_END()
};

static const struct opt need_add_opts[] = {
	OPT_ARGS("TITLE"),
	OPT_AREA_F(OPT_REQUIRED),
	OPT_CATEGORY(OPT_REQUIRED),
	OPT_NEED_FIELDS(0),
	OPT_DATE(&a.w.date),
	OPT_END()
};

static const struct opt need_edit_opts[] = {
	OPT_ARGS("ID"),
	OPT_TITLE,
	OPT_AREA_F(OPT_FIELD),
	OPT_CATEGORY(OPT_FIELD),
	OPT_NEED_FIELDS(OPT_FIELD),
	OPT_REASON,
	OPT_DATE(&a.w.date),
	OPT_END()
};

static const struct opt need_list_opts[] = {
	OPT_CATEGORY(0),
	OPT_AREA_F(0),
	OPT_ALL,
	OPT_CONFLICTS(&a.l),
	OPT_LIST_OUTPUT(&a.l),
	OPT_END()
};

static const struct opt show_opts[] = {
	OPT_ARGS("ID"),
	OPT_JSON(&a.json),
	OPT_END()
};

static const struct opt attachment_opts[] = {
	OPT_ARGS("ID NAME"),
	OPT_STRING_F('o', "output", &a.output, "FILE", N_("write to FILE, not standard output"),
		     OPT_SHORT),
	OPT_END()
};

static const struct opt match_opts[] = {
	OPT_ARGS("NEED|OFFER"),
	OPT_STRING(0, "month", &a.month, "YYYY-MM", N_("the month whose capacity counts (default: this month)")),
	OPT_INT_F(0, "limit", &a.limit, "N", N_("at most N candidates (default 10)"),
		  OPT_OR_NEXT | OPT_POSITIVE),
	OPT_FLAG(0, "all", &a.all, N_("every candidate")),
	OPT_LIST_OUTPUT(&a.l),
	OPT_END()
};

static const struct opt pair_opts[] = {
	OPT_ARGS("NEED OFFER"),
	OPT_STRING(0, "from", &a.from, "DAY", N_("the first day (default: the day of --date)")),
	OPT_STRING(0, "until", &a.until, "DAY", N_("the last day")),
	OPT_MESSAGE(&a.message, "NOTE", N_("a note")),
	OPT_DATE(&a.w.date),
	OPT_END()
};

static const struct opt unpair_opts[] = {
	OPT_ARGS("PAIRING"),
	OPT_REASON,
	OPT_DATE(&a.w.date),
	OPT_END()
};

static const struct opt pairings_opts[] = {
	OPT_STRING(0, "offer", &a.offer, "ID", N_("the pairings of this offer")),
	OPT_STRING(0, "need", &a.need, "ID", N_("the pairings of this need")),
	OPT_FLAG(0, "all", &a.all, N_("ended ones too")),
	OPT_CONFLICTS(&a.l),
	OPT_LIST_OUTPUT(&a.l),
	OPT_END()
};

static const struct opt deliver_opts[] = {
	OPT_ARGS("PAIRING|OFFER"),
	OPT_STRING(0, "people", &a.people, "N", N_("how many people were served")),
	OPT_STRING(0, "hours", &a.hours, "H", N_("how long it took, in hours (1.5)")),
	OPT_ATTACH(&a.w.attach),
	OPT_MESSAGE(&a.message, "NOTE", N_("a note")),
	OPT_DATE(&a.w.date),
	OPT_END()
};

static const struct opt feedback_opts[] = {
	OPT_ARGS("DELIVERY"),
	OPT_STRING_F(0, "satisfaction", &a.satisfaction, "1-5",
		     N_("1 (very unsatisfied) to 5 (very satisfied)"), OPT_REQUIRED),
	OPT_MESSAGE(&a.message, "TEXT", N_("a comment")),
	OPT_DATE(&a.w.date),
	OPT_END()
};

static const struct opt publish_opts[] = {
	OPT_STRING(0, "format", &a.format, "md|html|csv", N_("the document's format (default md)")),
	OPT_STRING(0, "title", &a.title, "TEXT", N_("the document's title (default 资源菜单)")),
	OPT_STRING_F('o', "output", &a.output, "FILE", N_("write it to FILE (durably) instead of standard output"),
		     OPT_SHORT),
	OPT_END()
};


/* A whole number in [0, max] or -1 when not given; 0 or an exit code. */
static int number(long long *out, const char *text, const char *what, long long max)
{
	char *end;

	*out = -1;
	if (!text)
		return 0;
	errno = 0;
	*out = strtoll(text, &end, 10);
	if (!*text || *end || errno || *out < 0 || *out > max || !isdigit((unsigned char)*text))
		return report(zdh_error_set(ZDH_EINVALID, _("%s must be a whole number from 0 to %lld, not '%s'"),
					    what, max, text));
	return 0;
}

/* "1.5" hours → 90 minutes (at most two decimals); -1 when not given. */
static int hours(long long *minutes, const char *text)
{
	long long whole = 0, frac = 0;
	int digits = 0;
	const char *p = text;

	*minutes = -1;
	if (!text)
		return 0;
	if (!isdigit((unsigned char)*p))
		goto bad;
	for (; isdigit((unsigned char)*p) && whole < 1000; p++)
		whole = whole * 10 + (*p - '0');
	if (*p == '.')
		for (p++; isdigit((unsigned char)*p) && digits < 2; p++, digits++)
			frac = frac * 10 + (*p - '0');
	if (*p || whole > 744 || (text[strlen(text) - 1] == '.'))
		goto bad;
	if (digits == 1)
		frac *= 10;
	*minutes = whole * 60 + (frac * 60 + 50) / 100;
	return 0;
bad:
	return report(zdh_error_set(ZDH_EINVALID, _("--hours must be a number of hours up to 744 with at most two decimals, not '%s'"),
				    text));
}

/*
 * --category as the core takes it: the name of the category it names or
 * labels (公共教育 is education), as tables print the label under a
 * Chinese catalogue.
 */
static const char *category_arg(const struct zdh_repo *repo)
{
	static char *name;

	free(name);
	name = zdh_menu_category_name(repo, a.category);
	return name ? name : a.category;
}


/* ---- writes ---- */

static long long capacity_arg, people_arg, minutes_arg;

/* The write callbacks (write_cb): payload is the verb's arguments. */
static int do_offer_add(struct zdh_txn *txn, const struct zdh_time *date, void *argv, char **id)
{
	struct zdh_offer_fields f = {
		((char **)argv)[0], a.provider, category_arg(zdh_index_repo(zdh_txn_index(txn))),
		a.schedule, a.contact, a.areas, capacity_arg
	};
	return zdh_offer_add(txn, &f, date, id);
}

static int do_offer_edit(struct zdh_txn *txn, const struct zdh_time *date, void *argv, char **id)
{
	struct zdh_offer_fields f = {
		a.title, a.provider, category_arg(zdh_index_repo(zdh_txn_index(txn))), a.schedule,
		a.contact, a.areas, capacity_arg
	};
	(void)id;
	return zdh_offer_edit(txn, ((char **)argv)[0], &f, a.message, date);
}

static int do_need_add(struct zdh_txn *txn, const struct zdh_time *date, void *argv, char **id)
{
	struct zdh_need_fields f = {
		((char **)argv)[0], a.area, category_arg(zdh_index_repo(zdh_txn_index(txn))), a.issue,
		a.note, people_arg
	};
	return zdh_need_add(txn, &f, date, id);
}

static int do_need_edit(struct zdh_txn *txn, const struct zdh_time *date, void *argv, char **id)
{
	struct zdh_need_fields f = {
		a.title, a.area, category_arg(zdh_index_repo(zdh_txn_index(txn))), a.issue, a.note,
		people_arg
	};
	(void)id;
	return zdh_need_edit(txn, ((char **)argv)[0], &f, a.message, date);
}

static int do_retire(struct zdh_txn *txn, const struct zdh_time *date, void *argv, char **id)
{
	(void)id;
	return zdh_menu_retire(txn, ((char **)argv)[0], a.message, date);
}

/*
 * The kind the id's letter says, or a refusal: another kind's id named as
 * what it is ("XQ-F1 is an offer, not a need", as a peer's event naming
 * it has its note say: zdh_kind_id_check), anything else naming what was
 * wanted, its form shown.
 */
static int id_of_kind(char *id, const char *kind, const char *what)
{
	const char *k;
	int err;

	upcase_id(id);
	k = zdh_menu_kind_of(id);
	if (k && !strcmp(k, kind))
		return 0;
	if ((err = zdh_kind_id_check(kind, id)) == ZDH_ENOTFOUND)
		return report(err);
	return report(zdh_error_set(ZDH_EINVALID, _("'%s' is not %s"), id, what));
}

static int check_category_arg(const char *category)
{
	if (category && !*category)
		return report(zdh_error_set(ZDH_EINVALID, _("category is empty")));
	return 0;
}

/* Write with fn; the new id is printed when there is one (add, pair, deliver). */
static int write_verb(write_cb fn, char **argv)
{
	a.w.print_id = 1;
	return write_run(&a.w, fn, argv);
}

static int offer_write(char **argv, int add)
{
	int code;

	if ((code = number(&capacity_arg, a.capacity, "--capacity", ZDH_MENU_CAPACITY_MAX)) ||
	    (code = check_category_arg(a.category)))
		return code;
	if (!add && (code = id_of_kind(argv[0], "offer", _("an offer (XQ-F1)"))))
		return code;
	return write_verb(add ? do_offer_add : do_offer_edit, argv);
}

static int need_write(char **argv, int add)
{
	int code;

	if ((code = number(&people_arg, a.people, "--people", ZDH_MENU_CAPACITY_MAX)) ||
	    (code = check_category_arg(a.category)))
		return code;
	if (a.issue)
		upcase_id((char *)a.issue);
	if (!add && (code = id_of_kind(argv[0], "need", _("a need (XQ-N1)"))))
		return code;
	return write_verb(add ? do_need_add : do_need_edit, argv);
}

static int retire(char **argv, const char *kind)
{
	int code;

	if ((code = id_of_kind(argv[0], kind, !strcmp(kind, "offer") ? _("an offer (XQ-F1)") :
			       _("a need (XQ-N1)"))))
		return code;
	return write_verb(do_retire, argv);
}

/* ---- reads ---- */

/* A listing's rows, and the month whose use an offer list shows. */
struct rows {
	struct listing *l;
	const char *month;
	const struct zdh_repo *repo;	/* of the categories' labels */
	int all;			/* --all: a STATUS column last, live or retired, as org list's */
};

static int offer_row(json_t *o, void *payload)
{
	struct rows *r = payload;
	struct zdh_buf areas = ZDH_BUF_INIT;
	char cap[48] = "", used[48] = "";
	long long c = json_integer_value(json_object_get(o, "capacity"));

	if (r->l->json) {
		listing_add(r->l, NULL, json_incref(o));
		return 0;
	}
	if (c > 0)
		snprintf(cap, sizeof(cap), "%lld", c);
	if (r->month)
		snprintf(used, sizeof(used), "%lld", json_integer_value(json_object_get(o, "used")));
	list_cell(&areas, json_object_get(o, "areas"), r->l->csv);
	{
		const char *cells[8] = { s_of(o, "id"),
					 r->l->csv ? s_of(o, "category") :
					 zdh_menu_category_shown(r->repo, s_of(o, "category")), s_of(o, "provider"),
					 cap, r->month ? used : areas.ptr, r->month ? areas.ptr : s_of(o, "title"),
					 r->month ? s_of(o, "title") : NULL, NULL };
		if (r->all)
			cells[r->month ? 7 : 6] = live_or_retired(json_is_true(json_object_get(o, "retired")), r->l->csv);
		listing_add(r->l, cells, NULL);
	}
	zdh_buf_release(&areas);
	return 0;
}

static int count_one(json_t *o, void *payload)
{
	(void)o;
	++*(size_t *)payload;
	return 1;	/* one is enough */
}

/*
 * A --category filter: a category of the configuration, or one that a
 * record of kind holds (a category another office configured: its
 * offers and needs come here by pull).  Else refused, as a write
 * refuses it: 0 or an exit code.
 */
static int check_filter_category(struct zdh_repo *repo, struct zdh_index *idx, const char *kind,
				 const char *category)
{
	struct zdh_menu_filter any = ZDH_MENU_FILTER_INIT;
	size_t n = 0;

	if (!category || !zdh_menu_check_category(repo, category))
		return 0;
	zdh_error_clear();
	any.category = category;
	any.all = 1;
	if (!strcmp(kind, "offer"))
		zdh_menu_offers(idx, &any, count_one, &n);
	else
		zdh_menu_needs(idx, &any, count_one, &n);
	zdh_error_clear();
	return n ? 0 : report(zdh_menu_check_category(repo, category));
}

/* The listing after the core's err: printed, or the error reported. */
static int list_finish(int err)
{
	int code = report(err);

	return code ? code : listing_finish(&a.l, 1);
}

static int offer_list(int argc, char **argv)
{
	struct zdh_repo *repo = NULL;
	struct zdh_index *idx;
	struct zdh_menu_filter f = ZDH_MENU_FILTER_INIT;
	struct rows r = { &a.l, a.month };
	const char *head[8] = { "ID", N_("CATEGORY"), N_("PROVIDER"), N_("CAPACITY"),
				a.month ? N_("USED") : N_("AREAS"),
				a.month ? N_("AREAS") : N_("TITLE"), a.month ? N_("TITLE") : N_("STATUS"),
				N_("STATUS") };
	char *provider = NULL, *area = NULL;
	int code;

	(void)argc;
	(void)argv;
	if ((code = open_index(&repo, &idx)) ||
	    (code = month_arg(&a.month, repo)) ||
	    (code = org_arg(&provider, idx, a.provider, NULL)) ||
	    (code = org_arg(&area, idx, a.area, "area")) ||
	    (code = listing_conflicts(&a.l, idx, "offer")))
		goto done;
	r.month = a.month;	/* (as YYYY-MM now) */
	f.category = category_arg(repo);
	/* a filter by a category that is none lists nothing: refused as the writes refuse it */
	if ((code = check_filter_category(repo, idx, "offer", f.category)))
		goto done;
	r.repo = repo;
	f.provider = provider;
	f.area = area;
	f.all = a.all;
	f.month = a.month;
	r.all = a.all;
	listing_start(&a.l, (a.month ? 7 : 6) + (a.all ? 1 : 0), head);
	if (a.l.t) {
		zdh_table_align(a.l.t, 3, ZDH_ALIGN_RIGHT);
		if (a.month)
			zdh_table_align(a.l.t, 4, ZDH_ALIGN_RIGHT);
	}
	code = list_finish(zdh_menu_offers(idx, &f, offer_row, &r));
done:
	free(provider);
	free(area);
	listing_free(&a.l);
	zdh_repo_free(repo);
	return code;
}

static int need_row(json_t *n, void *payload)
{
	struct rows *r = payload;
	char people[32] = "";

	if (r->l->json) {
		listing_add(r->l, NULL, json_incref(n));
		return 0;
	}
	if (json_object_get(n, "people"))
		snprintf(people, sizeof(people), "%lld",
			 (long long)json_integer_value(json_object_get(n, "people")));
	{
		const char *cells[7] = { s_of(n, "id"),
					 r->l->csv ? s_of(n, "category") :
					 zdh_menu_category_shown(r->repo, s_of(n, "category")), s_of(n, "area"), people,
					 s_of(n, "issue"), s_of(n, "title"),
					 r->all ? live_or_retired(json_is_true(json_object_get(n, "retired")), r->l->csv) : NULL };
		listing_add(r->l, cells, NULL);
	}
	return 0;
}

static int need_list(int argc, char **argv)
{
	struct zdh_repo *repo = NULL;
	struct zdh_index *idx;
	struct zdh_menu_filter f = ZDH_MENU_FILTER_INIT;
	struct rows r = { &a.l, NULL };
	static const char *const head[7] = { "ID", N_("CATEGORY"), N_("AREA"), N_("PEOPLE"), N_("ISSUE"),
					     N_("TITLE"), N_("STATUS") };
	char *area = NULL;
	int code;

	(void)argc;
	(void)argv;
	if ((code = open_index(&repo, &idx)) || (code = org_arg(&area, idx, a.area, "area")) ||
	    (code = listing_conflicts(&a.l, idx, "need")))
		goto done;
	f.category = category_arg(repo);
	if ((code = check_filter_category(repo, idx, "need", f.category)))
		goto done;
	r.repo = repo;
	f.area = area;
	f.all = a.all;
	r.all = a.all;
	listing_start(&a.l, a.all ? 7 : 6, head);
	if (a.l.t)
		zdh_table_align(a.l.t, 3, ZDH_ALIGN_RIGHT);
	code = list_finish(zdh_menu_needs(idx, &f, need_row, &r));
done:
	free(area);
	listing_free(&a.l);
	zdh_repo_free(repo);
	return code;
}

static int pairing_row(json_t *p, void *payload)
{
	struct rows *r = payload;

	if (r->l->json) {
		listing_add(r->l, NULL, json_incref(p));
		return 0;
	}
	{
		const char *cells[6] = { s_of(p, "id"), s_of(p, "need"), s_of(p, "offer"),
					 s_of(p, "from"), s_of(p, "until"),
					 r->l->csv ? s_of(p, "status") :
					 zdh_word_label(ZDH_W_PAIRING_STATUS, s_of(p, "status")) };
		listing_add(r->l, cells, NULL);
	}
	return 0;
}

static int menu_pairings(int argc, char **argv)
{
	struct zdh_repo *repo = NULL;
	struct zdh_index *idx;
	struct zdh_menu_filter f = ZDH_MENU_FILTER_INIT;
	struct rows r = { &a.l, NULL };
	static const char *const head[6] = { "ID", N_("NEED"), N_("OFFER"), N_("FROM"), N_("UNTIL"),
					     N_("STATUS") };
	int code;

	(void)argc;
	(void)argv;
	if (a.offer)
		upcase_id((char *)a.offer);
	if (a.need)
		upcase_id((char *)a.need);
	if ((code = open_index(&repo, &idx)) || (code = listing_conflicts(&a.l, idx, "pairing")) ||
	    (code = check_filter_record(idx, "offer", a.offer)) ||
	    (code = check_filter_record(idx, "need", a.need)))
		goto done;
	f.offer = a.offer;
	f.need = a.need;
	f.all = a.all;
	listing_start(&a.l, 6, head);
	code = list_finish(zdh_menu_pairings(idx, &f, pairing_row, &r));
done:
	listing_free(&a.l);
	zdh_repo_free(repo);
	return code;
}

/* minutes (a delivery keeps whole minutes) in hours with two decimals: 90 -> "1.50" */
static void hours_text(char *buf, size_t size, long long minutes)
{
	long long h = (minutes * 100 + 30) / 60;

	snprintf(buf, size, "%lld.%02lld", h / 100, h % 100);
}

static void print_deliveries(const json_t *o)
{
	struct zdh_table *t = zdh_table_new(6);
	const char *head[6] = { "ID", _("DAY"), _("PEOPLE"), _("HOURS"), _("SATISFACTION"), _("NOTE") };
	json_t *d;
	size_t i;

	zdh_table_header(t, head);
	zdh_table_align(t, 2, ZDH_ALIGN_RIGHT);
	zdh_table_align(t, 3, ZDH_ALIGN_RIGHT);
	zdh_table_align(t, 4, ZDH_ALIGN_RIGHT);
	json_array_foreach(json_object_get(o, "deliveries"), i, d) {
		char people[32] = "", hrs[32] = "", sat[8] = "";
		json_t *v;
		if ((v = json_object_get(d, "people")))
			snprintf(people, sizeof(people), "%lld", (long long)json_integer_value(v));
		if ((v = json_object_get(d, "minutes")))
			hours_text(hrs, sizeof(hrs), json_integer_value(v));
		if ((v = json_object_get(d, "satisfaction")))
			snprintf(sat, sizeof(sat), "%lld", (long long)json_integer_value(v));
		{
			const char *cells[6] = { s_of(d, "id"), s_of(d, "day"), people, hrs, sat,
						 s_of(d, "note") };
			zdh_table_row(t, cells);
		}
	}
	{
		struct show_lines s = SHOW_LINES_INIT(14);
		show_linef(&s, _("deliveries:"), "%zu", json_array_size(json_object_get(o, "deliveries")));
		show_line(&s, _("average satisfaction:"),
			  s_of(o, "satisfaction") ? s_of(o, "satisfaction") : "-");
		putchar('\n');
		show_lines_print(&s);
	}
	if (zdh_table_rows(t))
		zdh_table_print(t, stdout, 0);
	zdh_table_free(t);
}

static int menu_show(int argc, char **argv)
{
	struct zdh_repo *repo = NULL;
	struct zdh_index *idx;
	json_t *o = NULL, *v;
	const char *kind;
	size_t i;
	int code;

	(void)argc;
	upcase_id(argv[0]);
	if ((code = open_index(&repo, &idx)))
		goto done;
	if ((code = report(zdh_menu_get(&o, idx, argv[0]))))
		goto done;
	kind = s_of(o, "kind");
	if (a.json) {
		if ((code = report(show_history(idx, kind, argv[0], o))))
			goto done;
		print_json(o, 1);
		code = finish_output(0);
		goto done;
	}
	zdh_pager_start();
	/* (a pairing has no title: no trailing spaces for one) */
	show_printf("%s  %s%s%s%s\n", argv[0], zdh_word_label(ZDH_W_RECORD_KIND, kind),
	       s_of(o, "title") ? "  " : "", s_of(o, "title") ? s_of(o, "title") : "",
	       json_is_true(json_object_get(o, "retired")) ? _("  (retired)") : "");
	{
		/* the fields of the record, each where it has them (a JSON key, its label) */
		static const char *const fields[][2] = {
			{ "provider", N_("provider:") }, { "area", N_("area:") },
			{ "capacity", N_("capacity a month:") }, { "areas", N_("areas:") },
			{ "schedule", N_("schedule:") }, { "contact", N_("contact:") },
			{ "people", N_("people:") }, { "minutes", N_("hours:") }, { "issue", N_("issue:") },
			{ "need", N_("need:") },
			{ "offer", N_("offer:") }, { "pairing", N_("pairing:") }, { "from", N_("from:") },
			{ "until", N_("until:") }, { "status", N_("status:") },
			{ "no_place", N_("no place:") }, { "ended", N_("ended:") }, { "day", N_("day:") },
			{ "satisfaction", N_("satisfaction:") }, { "feedback", N_("feedback:") },
			{ "note", N_("note:") },
		};
		struct show_lines s = SHOW_LINES_INIT(14);
		struct zdh_buf b = ZDH_BUF_INIT;
		if (s_of(o, "category"))
			show_line(&s, _("category:"), zdh_menu_category_shown(repo, s_of(o, "category")));
		for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
			const char *key = fields[i][0], *label = _(fields[i][1]);
			json_t *f = json_object_get(o, key);
			if (!strcmp(key, "capacity") && json_integer_value(f) <= 0)
				continue;
			if (!strcmp(key, "satisfaction") && strcmp(kind, "delivery"))
				continue;	/* an offer's is the average of its deliveries' */
			if (!strcmp(key, "minutes") && json_is_integer(f)) {
				/* in hours, as the deliveries' table has them */
				char hrs[32];
				hours_text(hrs, sizeof(hrs), json_integer_value(f));
				show_line(&s, label, hrs);
			} else if (!strcmp(key, "status") && json_is_string(f)) {
				show_line(&s, label, zdh_word_label(ZDH_W_PAIRING_STATUS, json_string_value(f)));
			} else if (json_is_array(f)) {
				zdh_buf_reset(&b);
				list_join(&b, f);
				if (b.len)
					show_line(&s, label, b.ptr);
			} else {
				show_line_json(&s, label, f);
			}
		}
		zdh_buf_reset(&b);
		json_array_foreach(json_object_get(o, "pairings"), i, v)
			zdh_buf_addf(&b, "%s%s%s", i ? " " : "", s_of(v, "id"),
				     !strcmp(s_of(v, "status"), "active") ? "" :
				     !strcmp(s_of(v, "status"), "no-place") ? _("(no place)") : _("(ended)"));
		if (b.len)
			show_line(&s, _("pairings:"), b.ptr);
		zdh_buf_release(&b);
		/* a delivery's photos (menu attachment writes one out) */
		show_attachments(&s, _("attachment:"), json_object_get(o, "attachments"));
		show_conflicts(&s, json_object_get(o, "conflicts"));
		show_lines_print(&s);
	}
	if (json_object_get(o, "deliveries"))
		print_deliveries(o);
	if ((code = report(show_history(idx, kind, argv[0], NULL))))
		goto done;
	code = finish_output(0);
done:
	json_decref(o);
	zdh_repo_free(repo);
	return code;
}

/* A delivery's photo or scan (deliver --attach), as issue attachment writes an issue's. */
static int menu_attachment(int argc, char **argv)
{
	struct zdh_repo *repo = NULL;
	struct zdh_index *idx;
	json_t *o = NULL;
	int code;

	(void)argc;
	upcase_id(argv[0]);
	if (!(code = open_index(&repo, &idx)) && !(code = report(zdh_menu_get(&o, idx, argv[0]))))
		code = write_named_attachment(repo, argv[0], json_object_get(o, "attachments"),
					      argv[1], a.output);
	if (o)
		json_decref(o);
	zdh_repo_free(repo);
	return code;
}

static void this_month(char out[8], const struct zdh_repo *repo)
{
	struct zdh_time now;
	char day[11];

	zdh_date_now(&now, repo->timezone);
	zdh_issue_day(day, &now);
	snprintf(out, 8, "%.7s", day);
}

static int menu_match(int argc, char **argv)
{
	struct zdh_repo *repo = NULL;
	struct zdh_index *idx;
	json_t *list = NULL, *c, *v;
	char month[8];
	/* a positive number, read by the option as log -n's is (usage error otherwise) */
	long long limit = a.limit ? a.limit : 10;
	size_t i, j;
	int code;

	(void)argc;
	upcase_id(argv[0]);
	if ((code = open_index(&repo, &idx)) || (code = month_arg(&a.month, repo)))
		goto done;
	if (a.month)
		snprintf(month, sizeof(month), "%s", a.month);
	else
		this_month(month, repo);
	if ((code = report(zdh_menu_match(&list, idx, argv[0], month,
					  a.all ? 0 : (size_t)limit,
					  a.l.json || a.l.csv ? ZDH_MATCH_WHY_JSON : ZDH_MATCH_WHY_SHOWN))))
		goto done;
	if (a.l.json) {
		json_t *o = json_pack("{s:s, s:s, s:O}", "for", argv[0], "month", month,
				      "candidates", list);
		print_json(o, 1);
		json_decref(o);
		code = finish_output(0);
		goto done;
	}
	{
		static const char *const head[5] = { N_("RANK"), N_("SCORE"), "ID", N_("TITLE"), N_("WHY") };
		listing_start(&a.l, 5, head);
		zdh_table_align(a.l.t, 0, ZDH_ALIGN_RIGHT);
		zdh_table_align(a.l.t, 1, ZDH_ALIGN_RIGHT);
	}
	json_array_foreach(list, i, c) {
		struct zdh_buf why = ZDH_BUF_INIT;
		char rank[24], score[24];
		snprintf(rank, sizeof(rank), "%lld", (long long)json_integer_value(json_object_get(c, "rank")));
		snprintf(score, sizeof(score), "%lld", (long long)json_integer_value(json_object_get(c, "score")));
		json_array_foreach(json_object_get(c, "why"), j, v)
			zdh_buf_addf(&why, "%s%s", !j ? "" : a.l.csv ? "; " :	/* (CSV: in English) */
				     C_("between the reasons of a match", "; "), json_string_value(v));
		{
			const char *cells[5] = { rank, score, s_of(c, "id"), s_of(c, "title"), why.ptr };
			listing_add(&a.l, cells, NULL);
		}
		zdh_buf_release(&why);
	}
	code = listing_finish(&a.l, 0);
done:
	listing_free(&a.l);
	json_decref(list);
	zdh_repo_free(repo);
	return code;
}

static int do_pair(struct zdh_txn *txn, const struct zdh_time *date, void *argv, char **id)
{
	return zdh_menu_pair(txn, ((char **)argv)[0], ((char **)argv)[1], a.from, a.until,
			     a.message, date, id);
}

static int menu_pair(int argc, char **argv)
{
	int code;

	(void)argc;
	if ((code = id_of_kind(argv[0], "need", _("a need (XQ-N1)"))) ||
	    (code = id_of_kind(argv[1], "offer", _("an offer (XQ-F1)"))))
		return code;
	return write_verb(do_pair, argv);
}

static int do_unpair(struct zdh_txn *txn, const struct zdh_time *date, void *argv, char **id)
{
	(void)id;
	return zdh_menu_unpair(txn, ((char **)argv)[0], a.message, date);
}

static int menu_unpair(int argc, char **argv)
{
	int code;

	(void)argc;
	if ((code = id_of_kind(argv[0], "pairing", _("a pairing (XQ-P1)"))))
		return code;
	return write_verb(do_unpair, argv);
}

static int do_deliver(struct zdh_txn *txn, const struct zdh_time *date, void *argv, char **id)
{
	return zdh_menu_deliver(txn, ((char **)argv)[0], people_arg, minutes_arg, a.message, date,
				id);
}

static int menu_deliver(int argc, char **argv)
{
	int code;

	(void)argc;
	if ((code = number(&people_arg, a.people, "--people", ZDH_MENU_CAPACITY_MAX)) ||
	    (code = hours(&minutes_arg, a.hours)))
		return code;
	upcase_id(argv[0]);
	return write_verb(do_deliver, argv);
}

static int do_feedback(struct zdh_txn *txn, const struct zdh_time *date, void *argv, char **id)
{
	(void)id;
	return zdh_menu_feedback(txn, ((char **)argv)[0], (int)people_arg, a.message, date);
}

static int menu_feedback(int argc, char **argv)
{
	int code;

	(void)argc;
	if ((code = check_satisfaction(a.satisfaction)) ||
	    (code = number(&people_arg, a.satisfaction, "--satisfaction", 5)))
		return code;
	if ((code = id_of_kind(argv[0], "delivery", _("a delivery (XQ-Y1)"))))
		return code;
	return write_verb(do_feedback, argv);
}

static int menu_publish(int argc, char **argv)
{
	struct zdh_repo *repo = NULL;
	struct zdh_index *idx;
	struct zdh_buf doc = ZDH_BUF_INIT;
	const char *format = a.format ? a.format : "md";
	int code;

	(void)argc;
	(void)argv;
	if (strcmp(format, "md") && strcmp(format, "html") && strcmp(format, "csv")) {
		code = opt_usage_error(_("unknown format '%s' (md, html or csv)"), format);
		goto done;
	}
	/* a title of nothing printed an empty heading */
	if (a.title && (code = report(*a.title ? zdh_name_visible(_("title"), a.title) :
				      zdh_error_set(ZDH_EINVALID, _("%s is empty"), _("title")))))
		goto done;
	if ((code = open_index(&repo, &idx)))
		goto done;
	if ((code = report(zdh_menu_publish(&doc, idx, format, a.title))))
		goto done;
	if (a.output && strcmp(a.output, "-")) {
		int r = zdh_write_output(a.output, doc.ptr, doc.len);
		if (r < 0)
			code = report(zdh_write_output_failed(r, a.output));
		goto done;
	}
	fwrite(doc.ptr, 1, doc.len, stdout);
	code = finish_output(0);
done:
	zdh_buf_release(&doc);
	zdh_repo_free(repo);
	return code;
}

static int offer_add(int argc, char **argv) { (void)argc; return offer_write(argv, 1); }
static int offer_edit(int argc, char **argv) { (void)argc; return offer_write(argv, 0); }
static int offer_retire(int argc, char **argv) { (void)argc; return retire(argv, "offer"); }
static int need_add(int argc, char **argv) { (void)argc; return need_write(argv, 1); }
static int need_edit(int argc, char **argv) { (void)argc; return need_write(argv, 0); }
static int need_retire(int argc, char **argv) { (void)argc; return retire(argv, "need"); }

static const struct verb offer_verbs[] = {
	{ "add", offer_add, offer_add_opts, N_("a title") },
	{ "edit", offer_edit, offer_edit_opts, N_("an offer") },
	{ "retire", offer_retire, retire_opts, N_("an id") },
	{ "list", offer_list, offer_list_opts },
	{ NULL }
};

static const struct verb need_verbs[] = {
	{ "add", need_add, need_add_opts, N_("a title") },
	{ "edit", need_edit, need_edit_opts, N_("a need") },
	{ "retire", need_retire, retire_opts, N_("an id") },
	{ "list", need_list, need_list_opts },
	{ NULL }
};

int cmd_menu(int argc, char **argv)
{
	static const struct verb verbs[] = {
		{ "offer", NULL, NULL, NULL, 0, offer_verbs },
		{ "need", NULL, NULL, NULL, 0, need_verbs },
		{ "show", menu_show, show_opts, N_("an id") },
		{ "match", menu_match, match_opts, N_("a need or an offer") },
		{ "pair", menu_pair, pair_opts, N_("a need and an offer") },
		{ "unpair", menu_unpair, unpair_opts, N_("a pairing") },
		{ "pairings", menu_pairings, pairings_opts },
		{ "deliver", menu_deliver, deliver_opts, N_("a pairing or an offer") },
		{ "feedback", menu_feedback, feedback_opts, N_("a delivery") },
		{ "publish", menu_publish, publish_opts },
		{ "attachment", menu_attachment, attachment_opts, N_("an id and a name") },
		{ NULL }
	};
	return dispatch("menu", verbs, argc, argv);
}

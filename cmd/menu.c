/*
 * zdh menu — the two-way resource menu: offers and needs (add, edit,
 * retire, list), show, match, pair, unpair, pairings, deliver, feedback,
 * publish.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common.h"
#include "index.h"
#include "issue.h"
#include "menu.h"
#include "output.h"
#include "store.h"

static const char usage[] =
	N_("usage: zdh menu offer add TITLE --provider ORG --category C [--capacity N] [--areas A,B] [--schedule TEXT] [--contact TEXT] [--date DATE]\n"
	   "   or: zdh menu offer edit ID [--title T] [--provider ORG] [--category C] [--capacity N] [--areas A,B] [--schedule TEXT] [--contact TEXT] [-m REASON] [--date DATE]\n"
	   "   or: zdh menu offer retire ID [-m REASON] [--date DATE]\n"
	   "   or: zdh menu offer list [--category C] [--provider ORG] [--area A] [--month YYYY-MM] [--all] [--json | --format csv]\n"
	   "   or: zdh menu need add TITLE --area A --category C [--issue ID] [--people N] [--note TEXT] [--date DATE]\n"
	   "   or: zdh menu need edit ID [--title T] [--area A] [--category C] [--issue ID] [--people N] [--note TEXT] [-m REASON] [--date DATE]\n"
	   "   or: zdh menu need retire ID [-m REASON] [--date DATE]\n"
	   "   or: zdh menu need list [--category C] [--area A] [--all] [--json | --format csv]\n"
	   "   or: zdh menu show ID [--json]\n"
	   "   or: zdh menu match NEED|OFFER [--month YYYY-MM] [--limit N | --all] [--json | --format csv]\n"
	   "   or: zdh menu pair NEED OFFER [--from DAY] [--until DAY] [-m NOTE] [--date DATE]\n"
	   "   or: zdh menu unpair PAIRING [-m REASON] [--date DATE]\n"
	   "   or: zdh menu pairings [--offer ID] [--need ID] [--all] [--json | --format csv]\n"
	   "   or: zdh menu deliver PAIRING|OFFER [--people N] [--hours H] [--attach FILE]... [-m NOTE] [--date DATE]\n"
	   "   or: zdh menu feedback DELIVERY --satisfaction 1-5 [-m TEXT] [--date DATE]\n"
	   "   or: zdh menu publish [--format md|html|csv] [--title TEXT] [-o FILE]\n");

enum {
	O_MESSAGE, O_DATE, O_PROVIDER, O_CATEGORY, O_CAPACITY, O_AREAS, O_SCHEDULE, O_CONTACT,
	O_TITLE, O_AREA, O_MONTH, O_ALL, O_JSON, O_FORMAT, O_ISSUE, O_PEOPLE, O_NOTE, O_LIMIT,
	O_FROM, O_UNTIL, O_OFFER, O_NEED, O_HOURS, O_ATTACH, O_SATISFACTION, O_OUTPUT, O_FUTURE, O_EXCEL,
	O_MAX
};

#define B(o) (1UL << (o))
#define LIST (B(O_JSON) | B(O_FORMAT) | B(O_ALL))

static const struct option all_opts[] = {
	{ "message", required_argument, NULL, 256 + O_MESSAGE },
	{ "date", required_argument, NULL, 256 + O_DATE },
	{ "future", no_argument, NULL, 256 + O_FUTURE },
	{ "excel", no_argument, NULL, 256 + O_EXCEL },
	{ "provider", required_argument, NULL, 256 + O_PROVIDER },
	{ "category", required_argument, NULL, 256 + O_CATEGORY },
	{ "capacity", required_argument, NULL, 256 + O_CAPACITY },
	{ "areas", required_argument, NULL, 256 + O_AREAS },
	{ "schedule", required_argument, NULL, 256 + O_SCHEDULE },
	{ "contact", required_argument, NULL, 256 + O_CONTACT },
	{ "title", required_argument, NULL, 256 + O_TITLE },
	{ "area", required_argument, NULL, 256 + O_AREA },
	{ "month", required_argument, NULL, 256 + O_MONTH },
	{ "all", no_argument, NULL, 256 + O_ALL },
	{ "json", no_argument, NULL, 256 + O_JSON },
	{ "format", required_argument, NULL, 256 + O_FORMAT },
	{ "issue", required_argument, NULL, 256 + O_ISSUE },
	{ "people", required_argument, NULL, 256 + O_PEOPLE },
	{ "note", required_argument, NULL, 256 + O_NOTE },
	{ "limit", required_argument, NULL, 256 + O_LIMIT },
	{ "from", required_argument, NULL, 256 + O_FROM },
	{ "until", required_argument, NULL, 256 + O_UNTIL },
	{ "offer", required_argument, NULL, 256 + O_OFFER },
	{ "need", required_argument, NULL, 256 + O_NEED },
	{ "hours", required_argument, NULL, 256 + O_HOURS },
	{ "attach", required_argument, NULL, 256 + O_ATTACH },
	{ "satisfaction", required_argument, NULL, 256 + O_SATISFACTION },
	{ "output", required_argument, NULL, 256 + O_OUTPUT },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

struct args {
	const char *v[O_MAX];
	const char **attach;
	size_t nattach;
	int argc;
	char **argv;
};

/* "zdh menu offer add": the words naming the verb, for messages and -h. */
static const char *verb_name;

static int parse(struct args *a, int argc, char **argv, unsigned long allowed, int nargs,
		 const char *need)
{
	int c;

	memset(a, 0, sizeof(*a));
	options_reset();
	while ((c = getopt_long(argc, argv, "hm:o:", all_opts, NULL)) != -1) {
		int o = c == 'm' ? O_MESSAGE : c == 'o' ? O_OUTPUT : c - 256;
		if (c == 'h') {
			const char *sp = strrchr(verb_name, ' ');
			char *noun = zdh_strndup(verb_name, (size_t)(sp - verb_name));
			int rc = usage_help_verb(usage, noun, sp + 1);
			free(noun);
			return rc ? ZDH_EXIT_FATAL : -1;
		}
		if (o == O_FUTURE && (allowed & B(O_DATE))) {
			date_future = 1;	/* a write's --date may be ahead */
			continue;
		}
		if (o == O_EXCEL && (allowed & B(O_FORMAT))) {
			csv_excel = 1;		/* CSV with the byte-order mark */
			a->v[O_FORMAT] = "csv";
			continue;
		}
		if (c == '?' || c == ':' || o < 0 || o >= O_MAX || !(allowed & B(o)))
			return usage_error(usage, _("unknown option '%s' for 'zdh %s'"),
					   argv[optind - 1], verb_name);
		if (o == O_ATTACH) {
			a->attach = zdh_realloc(a->attach, (a->nattach + 1) * sizeof(*a->attach));
			a->attach[a->nattach++] = optarg;
		} else {
			a->v[o] = optarg ? optarg : "";
		}
	}
	a->argc = argc - optind;
	a->argv = argv + optind;
	if (a->argc < nargs)
		return usage_error(usage, _("'zdh %s' needs %s"), verb_name, need);
	if (a->argc > nargs)
		return usage_error(usage, _("'zdh %s': too many arguments"), verb_name);
	if ((allowed & B(O_JSON)) && a->v[O_FORMAT] && strcmp(a->v[O_FORMAT], "csv") &&
	    strcmp(a->v[O_FORMAT], "table"))
		return usage_error(usage, _("unknown format '%s' (table or csv)"), a->v[O_FORMAT]);
	if (a->v[O_JSON] && a->v[O_FORMAT])
		return usage_error(usage, _("--json and --format cannot be used together"));
	for (int o = 0; o < O_MAX; o++)
		if (check_text(all_opts[o].name, a->v[o]))
			return ZDH_EXIT_REFUSED;
	for (int i = 0; i < a->argc; i++)
		if (check_text(_("an argument"), a->argv[i]))
			return ZDH_EXIT_REFUSED;
	return 0;
}

static void args_free(struct args *a)
{
	free(a->attach);
}

/* Ids are typed in any case: "xq-f3" is XQ-F3. */
static void upcase(char *s)
{
	for (; *s; s++)
		*s = (char)toupper((unsigned char)*s);
}

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

/* ---- writes ---- */

struct attached {
	char *name;
	struct zdh_buf data;
};

static void attachments_free(struct attached *list, size_t n)
{
	for (size_t i = 0; list && i < n; i++) {
		free(list[i].name);
		zdh_buf_release(&list[i].data);
	}
	free(list);
}

static int read_attachments(struct attached **out, const struct args *a, const struct zdh_repo *repo)
{
	struct attached *list = zdh_calloc(a->nattach + 1, sizeof(*list));
	long long max;

	*out = list;
	if (zdh_config_get_int(&max, repo->config, "zdh.attachment-max", 10LL * 1024 * 1024))
		return report(zdh_error_set(ZDH_EINVALID, _("zdh.attachment-max is not a size")));
	for (size_t i = 0; i < a->nattach; i++) {
		const char *s = strrchr(a->attach[i], '/');
		zdh_buf_init(&list[i].data);
		list[i].name = zdh_strdup(s ? s + 1 : a->attach[i]);
		if (zdh_buf_read_file(&list[i].data, a->attach[i]) < 0)
			return report(zdh_error_errno(ZDH_EINVALID, _("cannot read '%s'"), a->attach[i]));
		if ((long long)list[i].data.len > max)
			return report(zdh_error_set(ZDH_EINVALID, _("%s is %zu bytes; the limit is %lld"),
						    a->attach[i], list[i].data.len, max));
	}
	return 0;
}

typedef int (*write_fn)(struct zdh_txn *txn, const struct args *a, const struct zdh_time *date,
			char **id);

/* Validate, lock, attach, the event, commit; prints the new id when there is one. */
static int run_write(const struct args *a, write_fn fn)
{
	struct zdh_repo *repo = NULL;
	struct zdh_txn *txn = NULL;
	struct attached *files = NULL;
	struct zdh_time date;
	char *id = NULL;
	int code, err = 0;

	if ((code = open_repo(&repo)))
		return code;
	if ((code = parse_write_date(&date, a->v[O_DATE], repo)))
		goto done;
	if ((code = read_attachments(&files, a, repo)))
		goto done;
	if ((code = report(zdh_txn_begin(&txn, repo))))
		goto done;
	for (size_t i = 0; i < a->nattach && !err; i++)
		err = zdh_txn_attach(txn, files[i].name, files[i].data.ptr, files[i].data.len);
	if (!err)
		err = fn(txn, a, &date, &id);
	if (!err)
		err = zdh_txn_commit(txn);
	if ((code = report(err)))
		goto done;
	if (id)
		printf("%s\n", id);
	code = finish_output(0);
done:
	free(id);
	attachments_free(files, a->nattach);
	zdh_txn_free(txn);
	zdh_repo_free(repo);
	return code;
}

static long long capacity_arg, people_arg, minutes_arg;

static int do_offer_add(struct zdh_txn *txn, const struct args *a, const struct zdh_time *date,
			char **id)
{
	struct zdh_offer_fields f = {
		a->argv[0], a->v[O_PROVIDER], a->v[O_CATEGORY], a->v[O_SCHEDULE], a->v[O_CONTACT],
		a->v[O_AREAS], capacity_arg
	};
	return zdh_offer_add(txn, &f, date, id);
}

static int do_offer_edit(struct zdh_txn *txn, const struct args *a, const struct zdh_time *date,
			 char **id)
{
	struct zdh_offer_fields f = {
		a->v[O_TITLE], a->v[O_PROVIDER], a->v[O_CATEGORY], a->v[O_SCHEDULE], a->v[O_CONTACT],
		a->v[O_AREAS], capacity_arg
	};
	(void)id;
	return zdh_offer_edit(txn, a->argv[0], &f, a->v[O_MESSAGE], date);
}

static int do_need_add(struct zdh_txn *txn, const struct args *a, const struct zdh_time *date,
		       char **id)
{
	struct zdh_need_fields f = {
		a->argv[0], a->v[O_AREA], a->v[O_CATEGORY], a->v[O_ISSUE], a->v[O_NOTE], people_arg
	};
	return zdh_need_add(txn, &f, date, id);
}

static int do_need_edit(struct zdh_txn *txn, const struct args *a, const struct zdh_time *date,
			char **id)
{
	struct zdh_need_fields f = {
		a->v[O_TITLE], a->v[O_AREA], a->v[O_CATEGORY], a->v[O_ISSUE], a->v[O_NOTE], people_arg
	};
	(void)id;
	return zdh_need_edit(txn, a->argv[0], &f, a->v[O_MESSAGE], date);
}

static int do_retire(struct zdh_txn *txn, const struct args *a, const struct zdh_time *date,
		     char **id)
{
	(void)id;
	return zdh_menu_retire(txn, a->argv[0], a->v[O_MESSAGE], date);
}

/* The kind the id's letter says, or a refusal naming what was wanted. */
static int id_of_kind(char *id, const char *kind, const char *what)
{
	const char *k;

	upcase(id);
	k = zdh_menu_kind_of(id);
	if (!k || strcmp(k, kind))
		return report(zdh_error_set(ZDH_EINVALID, _("'%s' is not %s"), id, what));
	return 0;
}

static int check_category_arg(const char *category)
{
	if (category && !*category)
		return report(zdh_error_set(ZDH_EINVALID, _("category is empty")));
	return 0;
}

static int offer_write(int argc, char **argv, int add)
{
	struct args a;
	int code;

	verb_name = add ? "menu offer add" : "menu offer edit";
	if ((code = parse(&a, argc, argv, B(O_DATE) | B(O_PROVIDER) | B(O_CATEGORY) |
			  B(O_CAPACITY) | B(O_AREAS) | B(O_SCHEDULE) | B(O_CONTACT) |
			  (add ? 0 : B(O_TITLE) | B(O_MESSAGE)), 1, add ? _("a title") : _("an offer"))))
		goto done;
	if (add && !a.v[O_PROVIDER]) {
		code = usage_error(usage, _("'zdh menu offer add' needs --provider"));
		goto done;
	}
	if (add && !a.v[O_CATEGORY]) {
		code = usage_error(usage, _("'zdh menu offer add' needs --category"));
		goto done;
	}
	if ((code = number(&capacity_arg, a.v[O_CAPACITY], "--capacity", ZDH_MENU_CAPACITY_MAX)) ||
	    (code = check_category_arg(a.v[O_CATEGORY])))
		goto done;
	if (!add && (code = id_of_kind(a.argv[0], "offer", _("an offer (XQ-F1)"))))
		goto done;
	code = run_write(&a, add ? do_offer_add : do_offer_edit);
done:
	args_free(&a);
	return code < 0 ? 0 : code;
}

static int need_write(int argc, char **argv, int add)
{
	struct args a;
	int code;

	verb_name = add ? "menu need add" : "menu need edit";
	if ((code = parse(&a, argc, argv, B(O_DATE) | B(O_AREA) | B(O_CATEGORY) | B(O_ISSUE) |
			  B(O_PEOPLE) | B(O_NOTE) | (add ? 0 : B(O_TITLE) | B(O_MESSAGE)), 1,
			  add ? _("a title") : _("a need"))))
		goto done;
	if (add && !a.v[O_AREA]) {
		code = usage_error(usage, _("'zdh menu need add' needs --area"));
		goto done;
	}
	if (add && !a.v[O_CATEGORY]) {
		code = usage_error(usage, _("'zdh menu need add' needs --category"));
		goto done;
	}
	if ((code = number(&people_arg, a.v[O_PEOPLE], "--people", ZDH_MENU_CAPACITY_MAX)) ||
	    (code = check_category_arg(a.v[O_CATEGORY])))
		goto done;
	if (a.v[O_ISSUE])
		upcase((char *)a.v[O_ISSUE]);
	if (!add && (code = id_of_kind(a.argv[0], "need", _("a need (XQ-N1)"))))
		goto done;
	code = run_write(&a, add ? do_need_add : do_need_edit);
done:
	args_free(&a);
	return code < 0 ? 0 : code;
}

static int retire(int argc, char **argv, const char *kind)
{
	struct args a;
	int code;

	verb_name = !strcmp(kind, "offer") ? "menu offer retire" : "menu need retire";
	if ((code = parse(&a, argc, argv, B(O_DATE) | B(O_MESSAGE), 1, _("an id"))))
		goto done;
	if ((code = id_of_kind(a.argv[0], kind, !strcmp(kind, "offer") ? _("an offer (XQ-F1)") :
			       _("a need (XQ-N1)"))))
		goto done;
	code = run_write(&a, do_retire);
done:
	args_free(&a);
	return code < 0 ? 0 : code;
}

/* ---- reads ---- */

static int read_begin(struct zdh_repo **repo, struct zdh_index **idx)
{
	int code;

	if ((code = open_repo(repo)))
		return code;
	return report(zdh_repo_index(idx, *repo));
}

static const char *s_of(const json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

static void areas_cell(struct zdh_buf *b, const json_t *o)
{
	json_t *v;
	size_t i;

	json_array_foreach(json_object_get(o, "areas"), i, v)
		zdh_buf_addf(b, "%s%s", i ? "," : "", json_string_value(v));
}

struct rows {
	struct zdh_table *t;
	json_t *json;
	const char *month;
};

static int offer_row(json_t *o, void *payload)
{
	struct rows *r = payload;
	struct zdh_buf areas = ZDH_BUF_INIT;
	char cap[48] = "", used[48] = "";
	long long c = json_integer_value(json_object_get(o, "capacity"));

	if (r->json) {
		json_array_append(r->json, o);
		return 0;
	}
	if (c > 0)
		snprintf(cap, sizeof(cap), "%lld", c);
	if (r->month)
		snprintf(used, sizeof(used), "%lld", json_integer_value(json_object_get(o, "used")));
	areas_cell(&areas, o);
	{
		const char *cells[8] = { s_of(o, "id"), s_of(o, "category"), s_of(o, "provider"),
					 cap, r->month ? used : areas.ptr, r->month ? areas.ptr : s_of(o, "title"),
					 r->month ? s_of(o, "title") : NULL, NULL };
		zdh_table_row(r->t, cells);
	}
	zdh_buf_release(&areas);
	return 0;
}

static int list_common(struct args *a, struct rows *r, struct zdh_repo **repo,
		       struct zdh_index **idx)
{
	int code;

	if ((code = read_begin(repo, idx)))
		return code;
	if (a->v[O_JSON])
		r->json = json_array();
	return 0;
}

static int list_finish(struct args *a, struct rows *r, int err)
{
	int code;

	if ((code = report(err)))
		return code;
	print_rows(r->json, r->t, a->v[O_FORMAT] && !strcmp(a->v[O_FORMAT], "csv"), 1, 0);
	return finish_output(0);
}

static void rows_free(struct rows *r)
{
	if (r->t)
		zdh_table_free(r->t);
	if (r->json)
		json_decref(r->json);
}

static int offer_list(int argc, char **argv)
{
	struct zdh_repo *repo = NULL;
	struct zdh_index *idx;
	struct zdh_menu_filter f = ZDH_MENU_FILTER_INIT;
	struct rows r = { NULL, NULL, NULL };
	struct args a;
	int code;

	verb_name = "menu offer list";
	if ((code = parse(&a, argc, argv, LIST | B(O_CATEGORY) | B(O_PROVIDER) | B(O_AREA) |
			  B(O_MONTH), 0, "")))
		goto done;
	if (a.v[O_MONTH] && (code = report(zdh_menu_month_check(a.v[O_MONTH]))))
		goto done;
	if ((code = list_common(&a, &r, &repo, &idx)))
		goto done;
	f.category = a.v[O_CATEGORY];
	f.provider = a.v[O_PROVIDER];
	f.area = a.v[O_AREA];
	f.all = a.v[O_ALL] != NULL;
	f.month = r.month = a.v[O_MONTH];
	if (!r.json) {
		const char *head[7] = { "ID", _("CATEGORY"), _("PROVIDER"), _("CAPACITY"),
					r.month ? _("USED") : _("AREAS"),
					r.month ? _("AREAS") : _("TITLE"), _("TITLE") };
		r.t = zdh_table_new(r.month ? 7 : 6);
		zdh_table_header(r.t, head);
		zdh_table_align(r.t, 3, ZDH_ALIGN_RIGHT);
		if (r.month)
			zdh_table_align(r.t, 4, ZDH_ALIGN_RIGHT);
	}
	code = list_finish(&a, &r, zdh_menu_offers(idx, &f, offer_row, &r));
done:
	rows_free(&r);
	zdh_repo_free(repo);
	args_free(&a);
	return code < 0 ? 0 : code;
}

static int need_row(json_t *n, void *payload)
{
	struct rows *r = payload;
	char people[32] = "";

	if (r->json) {
		json_array_append(r->json, n);
		return 0;
	}
	if (json_object_get(n, "people"))
		snprintf(people, sizeof(people), "%lld",
			 (long long)json_integer_value(json_object_get(n, "people")));
	{
		const char *cells[6] = { s_of(n, "id"), s_of(n, "category"), s_of(n, "area"), people,
					 s_of(n, "issue"), s_of(n, "title") };
		zdh_table_row(r->t, cells);
	}
	return 0;
}

static int need_list(int argc, char **argv)
{
	struct zdh_repo *repo = NULL;
	struct zdh_index *idx;
	struct zdh_menu_filter f = ZDH_MENU_FILTER_INIT;
	struct rows r = { NULL, NULL, NULL };
	struct args a;
	int code;

	verb_name = "menu need list";
	if ((code = parse(&a, argc, argv, LIST | B(O_CATEGORY) | B(O_AREA), 0, "")))
		goto done;
	if ((code = list_common(&a, &r, &repo, &idx)))
		goto done;
	f.category = a.v[O_CATEGORY];
	f.area = a.v[O_AREA];
	f.all = a.v[O_ALL] != NULL;
	if (!r.json) {
		const char *head[6] = { "ID", _("CATEGORY"), _("AREA"), _("PEOPLE"), _("ISSUE"),
					_("TITLE") };
		r.t = zdh_table_new(6);
		zdh_table_header(r.t, head);
		zdh_table_align(r.t, 3, ZDH_ALIGN_RIGHT);
	}
	code = list_finish(&a, &r, zdh_menu_needs(idx, &f, need_row, &r));
done:
	rows_free(&r);
	zdh_repo_free(repo);
	args_free(&a);
	return code < 0 ? 0 : code;
}

static int pairing_row(json_t *p, void *payload)
{
	struct rows *r = payload;

	if (r->json) {
		json_array_append(r->json, p);
		return 0;
	}
	{
		const char *cells[6] = { s_of(p, "id"), s_of(p, "need"), s_of(p, "offer"),
					 s_of(p, "from"), s_of(p, "until"), s_of(p, "status") };
		zdh_table_row(r->t, cells);
	}
	return 0;
}

static int menu_pairings(int argc, char **argv)
{
	struct zdh_repo *repo = NULL;
	struct zdh_index *idx;
	struct zdh_menu_filter f = ZDH_MENU_FILTER_INIT;
	struct rows r = { NULL, NULL, NULL };
	struct args a;
	int code;

	verb_name = "menu pairings";
	if ((code = parse(&a, argc, argv, LIST | B(O_OFFER) | B(O_NEED), 0, "")))
		goto done;
	if (a.v[O_OFFER])
		upcase((char *)a.v[O_OFFER]);
	if (a.v[O_NEED])
		upcase((char *)a.v[O_NEED]);
	if ((code = list_common(&a, &r, &repo, &idx)))
		goto done;
	f.offer = a.v[O_OFFER];
	f.need = a.v[O_NEED];
	f.all = a.v[O_ALL] != NULL;
	if (!r.json) {
		const char *head[6] = { "ID", _("NEED"), _("OFFER"), _("FROM"), _("UNTIL"), _("STATUS") };
		r.t = zdh_table_new(6);
		zdh_table_header(r.t, head);
	}
	code = list_finish(&a, &r, zdh_menu_pairings(idx, &f, pairing_row, &r));
done:
	rows_free(&r);
	zdh_repo_free(repo);
	args_free(&a);
	return code < 0 ? 0 : code;
}

static void print_field(const json_t *o, const char *key, const char *label)
{
	json_t *v = json_object_get(o, key);

	if (json_is_string(v))
		printf("%s %s\n", label, json_string_value(v));
	else if (json_is_integer(v))
		printf("%s %lld\n", label, (long long)json_integer_value(v));
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
		if ((v = json_object_get(d, "minutes"))) {
			long long m = json_integer_value(v), h = (m * 100 + 30) / 60;
			snprintf(hrs, sizeof(hrs), "%lld.%02lld", h / 100, h % 100);
		}
		if ((v = json_object_get(d, "satisfaction")))
			snprintf(sat, sizeof(sat), "%lld", (long long)json_integer_value(v));
		{
			const char *cells[6] = { s_of(d, "id"), s_of(d, "day"), people, hrs, sat,
						 s_of(d, "note") };
			zdh_table_row(t, cells);
		}
	}
	printf("\n%s %zu, %s %s\n", _("deliveries:"), json_array_size(json_object_get(o, "deliveries")),
	       _("average satisfaction:"), s_of(o, "satisfaction") ? s_of(o, "satisfaction") : "-");
	if (zdh_table_rows(t))
		zdh_table_print(t, stdout, 0);
	zdh_table_free(t);
}

static int menu_show(int argc, char **argv)
{
	struct zdh_repo *repo = NULL;
	struct zdh_index *idx;
	json_t *o = NULL, *v;
	struct args a;
	const char *kind;
	size_t i;
	int code;

	verb_name = "menu show";
	if ((code = parse(&a, argc, argv, B(O_JSON), 1, _("an id"))))
		goto done;
	upcase(a.argv[0]);
	if ((code = read_begin(&repo, &idx)))
		goto done;
	if ((code = report(zdh_menu_get(&o, idx, a.argv[0]))))
		goto done;
	if (a.v[O_JSON]) {
		json_dumpf(o, stdout, JSON_INDENT(2) | JSON_SORT_KEYS);
		putchar('\n');
		code = finish_output(0);
		goto done;
	}
	zdh_pager_start();
	kind = s_of(o, "kind");
	printf("%s  %s  %s%s\n", a.argv[0], kind, s_of(o, "title") ? s_of(o, "title") : "",
	       json_is_true(json_object_get(o, "retired")) ? _("  (retired)") : "");
	print_field(o, "category", _("category:"));
	print_field(o, "provider", _("provider:"));
	print_field(o, "area", _("area:"));
	if (json_integer_value(json_object_get(o, "capacity")) > 0)
		print_field(o, "capacity", _("capacity a month:"));
	if (json_array_size(json_object_get(o, "areas"))) {
		struct zdh_buf b = ZDH_BUF_INIT;
		areas_cell(&b, o);
		printf("%s %s\n", _("areas:"), b.ptr);
		zdh_buf_release(&b);
	}
	print_field(o, "schedule", _("schedule:"));
	print_field(o, "contact", _("contact:"));
	print_field(o, "people", _("people:"));
	print_field(o, "issue", _("issue:"));
	print_field(o, "need", _("need:"));
	print_field(o, "offer", _("offer:"));
	print_field(o, "pairing", _("pairing:"));
	print_field(o, "from", _("from:"));
	print_field(o, "until", _("until:"));
	print_field(o, "status", _("status:"));
	print_field(o, "ended", _("ended:"));
	print_field(o, "day", _("day:"));
	if (!strcmp(kind, "delivery"))
		print_field(o, "satisfaction", _("satisfaction:"));
	print_field(o, "feedback", _("feedback:"));
	print_field(o, "note", _("note:"));
	if (json_array_size(json_object_get(o, "pairings"))) {
		printf("%s", _("pairings:"));
		json_array_foreach(json_object_get(o, "pairings"), i, v)
			printf(" %s%s", s_of(v, "id"), strcmp(s_of(v, "status"), "active") ?
			       _("(ended)") : "");
		putchar('\n');
	}
	print_conflicts(json_object_get(o, "conflicts"), 0);
	if (json_object_get(o, "deliveries"))
		print_deliveries(o);
	code = finish_output(0);
done:
	json_decref(o);
	zdh_repo_free(repo);
	args_free(&a);
	return code < 0 ? 0 : code;
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
	struct zdh_table *t = NULL;
	struct args a;
	char month[8];
	long long limit = 10;
	size_t i, j;
	int code;

	verb_name = "menu match";
	if ((code = parse(&a, argc, argv, B(O_JSON) | B(O_FORMAT) | B(O_MONTH) | B(O_LIMIT) |
			  B(O_ALL), 1, _("a need or an offer"))))
		goto done;
	if (a.v[O_LIMIT] && a.v[O_ALL]) {
		code = usage_error(usage, _("--limit and --all cannot be used together"));
		goto done;
	}
	if ((code = number(&limit, a.v[O_LIMIT] ? a.v[O_LIMIT] : "10", "--limit", 1000000)))
		goto done;
	if (!limit) {
		code = report(zdh_error_set(ZDH_EINVALID, _("--limit must be 1 or more (--all for every candidate)")));
		goto done;
	}
	if (a.v[O_MONTH] && (code = report(zdh_menu_month_check(a.v[O_MONTH]))))
		goto done;
	upcase(a.argv[0]);
	if ((code = read_begin(&repo, &idx)))
		goto done;
	if (a.v[O_MONTH])
		snprintf(month, sizeof(month), "%s", a.v[O_MONTH]);
	else
		this_month(month, repo);
	if ((code = report(zdh_menu_match(&list, idx, a.argv[0], month,
					  a.v[O_ALL] ? 0 : (size_t)limit))))
		goto done;
	if (a.v[O_JSON]) {
		json_t *o = json_pack("{s:s, s:s, s:O}", "for", a.argv[0], "month", month,
				      "candidates", list);
		json_dumpf(o, stdout, JSON_INDENT(2) | JSON_SORT_KEYS);
		putchar('\n');
		json_decref(o);
		code = finish_output(0);
		goto done;
	}
	{
		const char *head[5] = { _("RANK"), _("SCORE"), "ID", _("TITLE"), _("WHY") };
		t = zdh_table_new(5);
		zdh_table_header(t, head);
		zdh_table_align(t, 0, ZDH_ALIGN_RIGHT);
		zdh_table_align(t, 1, ZDH_ALIGN_RIGHT);
	}
	json_array_foreach(list, i, c) {
		struct zdh_buf why = ZDH_BUF_INIT;
		char rank[24], score[24];
		snprintf(rank, sizeof(rank), "%lld", (long long)json_integer_value(json_object_get(c, "rank")));
		snprintf(score, sizeof(score), "%lld", (long long)json_integer_value(json_object_get(c, "score")));
		json_array_foreach(json_object_get(c, "why"), j, v)
			zdh_buf_addf(&why, "%s%s", j ? "; " : "", json_string_value(v));
		{
			const char *cells[5] = { rank, score, s_of(c, "id"), s_of(c, "title"), why.ptr };
			zdh_table_row(t, cells);
		}
		zdh_buf_release(&why);
	}
	print_rows(NULL, t, a.v[O_FORMAT] && !strcmp(a.v[O_FORMAT], "csv"), 0, 0);
	code = finish_output(0);
done:
	if (t)
		zdh_table_free(t);
	json_decref(list);
	zdh_repo_free(repo);
	args_free(&a);
	return code < 0 ? 0 : code;
}

static int do_pair(struct zdh_txn *txn, const struct args *a, const struct zdh_time *date,
		   char **id)
{
	return zdh_menu_pair(txn, a->argv[0], a->argv[1], a->v[O_FROM], a->v[O_UNTIL],
			     a->v[O_MESSAGE], date, id);
}

static int menu_pair(int argc, char **argv)
{
	struct args a;
	int code;

	verb_name = "menu pair";
	if ((code = parse(&a, argc, argv, B(O_DATE) | B(O_MESSAGE) | B(O_FROM) | B(O_UNTIL), 2,
			  _("a need and an offer"))))
		goto done;
	if ((code = id_of_kind(a.argv[0], "need", _("a need (XQ-N1)"))) ||
	    (code = id_of_kind(a.argv[1], "offer", _("an offer (XQ-F1)"))))
		goto done;
	code = run_write(&a, do_pair);
done:
	args_free(&a);
	return code < 0 ? 0 : code;
}

static int do_unpair(struct zdh_txn *txn, const struct args *a, const struct zdh_time *date,
		     char **id)
{
	(void)id;
	return zdh_menu_unpair(txn, a->argv[0], a->v[O_MESSAGE], date);
}

static int menu_unpair(int argc, char **argv)
{
	struct args a;
	int code;

	verb_name = "menu unpair";
	if ((code = parse(&a, argc, argv, B(O_DATE) | B(O_MESSAGE), 1, _("a pairing"))))
		goto done;
	if ((code = id_of_kind(a.argv[0], "pairing", _("a pairing (XQ-P1)"))))
		goto done;
	code = run_write(&a, do_unpair);
done:
	args_free(&a);
	return code < 0 ? 0 : code;
}

static int do_deliver(struct zdh_txn *txn, const struct args *a, const struct zdh_time *date,
		      char **id)
{
	return zdh_menu_deliver(txn, a->argv[0], people_arg, minutes_arg, a->v[O_MESSAGE], date, id);
}

static int menu_deliver(int argc, char **argv)
{
	struct args a;
	int code;

	verb_name = "menu deliver";
	if ((code = parse(&a, argc, argv, B(O_DATE) | B(O_MESSAGE) | B(O_PEOPLE) | B(O_HOURS) |
			  B(O_ATTACH), 1, _("a pairing or an offer"))))
		goto done;
	if ((code = number(&people_arg, a.v[O_PEOPLE], "--people", ZDH_MENU_CAPACITY_MAX)) ||
	    (code = hours(&minutes_arg, a.v[O_HOURS])))
		goto done;
	upcase(a.argv[0]);
	code = run_write(&a, do_deliver);
done:
	args_free(&a);
	return code < 0 ? 0 : code;
}

static int do_feedback(struct zdh_txn *txn, const struct args *a, const struct zdh_time *date,
		       char **id)
{
	(void)id;
	return zdh_menu_feedback(txn, a->argv[0], (int)people_arg, a->v[O_MESSAGE], date);
}

static int menu_feedback(int argc, char **argv)
{
	struct args a;
	int code;

	verb_name = "menu feedback";
	if ((code = parse(&a, argc, argv, B(O_DATE) | B(O_MESSAGE) | B(O_SATISFACTION), 1,
			  _("a delivery"))))
		goto done;
	if (!a.v[O_SATISFACTION]) {
		code = usage_error(usage, _("'zdh menu feedback' needs --satisfaction"));
		goto done;
	}
	if ((code = number(&people_arg, a.v[O_SATISFACTION], "--satisfaction", 5)))
		goto done;
	if (people_arg < 1) {
		code = report(zdh_error_set(ZDH_EINVALID, _("--satisfaction must be 1 to 5")));
		goto done;
	}
	if ((code = id_of_kind(a.argv[0], "delivery", _("a delivery (XQ-Y1)"))))
		goto done;
	code = run_write(&a, do_feedback);
done:
	args_free(&a);
	return code < 0 ? 0 : code;
}

/* Write data to path through a temporary file in the same folder, fsynced, then renamed. */
static int write_atomic(const char *path, const char *data, size_t len)
{
	char *tmp = zdh_asprintf("%s.tmp%ld", path, (long)getpid());
	int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL, 0666), err = 0;

	if (fd < 0) {
		err = zdh_error_errno(ZDH_EINVALID, _("cannot write '%s'"), path);
		goto done;
	}
	if (zdh_write_all(fd, data, len) < 0 || fsync(fd) < 0) {
		err = zdh_error_errno(ZDH_ERROR, _("cannot write '%s'"), tmp);
		close(fd);
		unlink(tmp);
		goto done;
	}
	if (close(fd) < 0 || rename(tmp, path) < 0) {
		err = zdh_error_errno(ZDH_ERROR, _("cannot write '%s'"), path);
		unlink(tmp);
	}
done:
	free(tmp);
	return err;
}

static int menu_publish(int argc, char **argv)
{
	struct zdh_repo *repo = NULL;
	struct zdh_index *idx;
	struct zdh_buf doc = ZDH_BUF_INIT;
	struct args a;
	const char *format;
	int code;

	verb_name = "menu publish";
	if ((code = parse(&a, argc, argv, B(O_FORMAT) | B(O_TITLE) | B(O_OUTPUT), 0, "")))
		goto done;
	format = a.v[O_FORMAT] ? a.v[O_FORMAT] : "md";
	if (strcmp(format, "md") && strcmp(format, "html") && strcmp(format, "csv")) {
		code = usage_error(usage, _("unknown format '%s' (md, html or csv)"), format);
		goto done;
	}
	if ((code = read_begin(&repo, &idx)))
		goto done;
	if ((code = report(zdh_menu_publish(&doc, idx, format, a.v[O_TITLE]))))
		goto done;
	if (a.v[O_OUTPUT] && strcmp(a.v[O_OUTPUT], "-")) {
		code = report(write_atomic(a.v[O_OUTPUT], doc.ptr, doc.len));
		goto done;
	}
	fwrite(doc.ptr, 1, doc.len, stdout);
	code = finish_output(0);
done:
	zdh_buf_release(&doc);
	zdh_repo_free(repo);
	args_free(&a);
	return code < 0 ? 0 : code;
}

static int offer_add(int argc, char **argv) { return offer_write(argc, argv, 1); }
static int offer_edit(int argc, char **argv) { return offer_write(argc, argv, 0); }
static int offer_retire(int argc, char **argv) { return retire(argc, argv, "offer"); }
static int need_add(int argc, char **argv) { return need_write(argc, argv, 1); }
static int need_edit(int argc, char **argv) { return need_write(argc, argv, 0); }
static int need_retire(int argc, char **argv) { return retire(argc, argv, "need"); }

static int menu_offer(int argc, char **argv)
{
	static const struct verb verbs[] = {
		{ "add", offer_add }, { "edit", offer_edit }, { "retire", offer_retire },
		{ "list", offer_list }, { NULL, NULL }
	};
	return run_verb("menu offer", verbs, usage, argc, argv);
}

static int menu_need(int argc, char **argv)
{
	static const struct verb verbs[] = {
		{ "add", need_add }, { "edit", need_edit }, { "retire", need_retire },
		{ "list", need_list }, { NULL, NULL }
	};
	return run_verb("menu need", verbs, usage, argc, argv);
}

int cmd_menu(int argc, char **argv)
{
	static const struct verb verbs[] = {
		{ "offer", menu_offer },
		{ "need", menu_need },
		{ "show", menu_show },
		{ "match", menu_match },
		{ "pair", menu_pair },
		{ "unpair", menu_unpair },
		{ "pairings", menu_pairings },
		{ "deliver", menu_deliver },
		{ "feedback", menu_feedback },
		{ "publish", menu_publish },
		{ NULL, NULL }
	};
	return run_verb("menu", verbs, usage, argc, argv);
}

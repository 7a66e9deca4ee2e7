/*
 * menu — the resource menu's four record kinds (offer F, need N, pairing
 * P, delivery Y), their checks, writes and queries, the ranking of
 * `menu match` and the published document.  States:
 *   offer    {"title", "provider", "category", "capacity": 5, "areas": [...],
 *             "schedule", "contact", "retired": true,
 *             "places": {"XQ-P1": {"from", "until"}}}
 *   need     {"title", "area", "category", "issue", "people": 3, "note", "retired"}
 *   pairing  {"need", "offer", "from": "2026-12-01", "until": "2027-11-30",
 *             "note", "status": "active"|"ended", "ended": "2027-03-01"}
 *   delivery {"offer", "pairing", "need", "day", "people", "minutes", "note",
 *             "satisfaction": 1-5, "feedback", "attachments": [...]}
 * (zdh-menu(1), zdh-repository(5)).  A provider and areas are orgs, by
 * id (older events: by name); the queries name them as they are now
 * before they filter or rank, so that every comparison is between
 * current names.
 *
 * check() decides from the record's own state and the event alone, so
 * every replica folds the same; what other records say (the provider is
 * in the registry, the offer has room) is checked by validate() when the
 * event is written, never at replay.  Capacity is the offer's own: a
 * pairing takes its place with a "take" event on the offer's record
 * (check_take), so that of two offices pairing the last place at once the
 * take that sorts later has no effect on every replica, and its pairing
 * holds no place (zdh-menu(1), CONCURRENT EDITS).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conflict.h"
#include "config.h"
#include "error.h"
#include "i18n.h"
#include "index-db.h"
#include "issue.h"
#include "json.h"
#include "menu.h"
#include "org.h"
#include "output.h"
#include "repo.h"
#include "rules.h"
#include "words.h"

/* ---- small helpers ---- */

static const char *str(const json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

static const char *set_str(const struct zdh_event *ev, const char *key)
{
	return str(json_object_get(ev->data, "set"), key);
}

static int is_day(const char *s)
{
	int y, m, d, n = 0;
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (!s || strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 || n != 10 ||
	    s[4] != '-' || s[7] != '-' || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return 0;
	if (m == 2 && d == 29 && !((y % 4 == 0 && y % 100) || y % 400 == 0))
		return 0;
	return 1;
}

int zdh_menu_month_check(const char *month)
{
	int y, m, n = 0;

	if (!month || strlen(month) != 7 || sscanf(month, "%4d-%2d%n", &y, &m, &n) != 2 || n != 7 ||
	    month[4] != '-' || m < 1 || m > 12)
		return zdh_error_set(ZDH_EINVALID, _("'%s' is not a month (YYYY-MM)"),
				     month ? month : "");
	return 0;
}

int zdh_menu_term_covers(const char *from, const char *until, const char *month)
{
	return from && until && strncmp(from, month, 7) <= 0 && strncmp(until, month, 7) >= 0;
}

int zdh_menu_id_cmp(const char *a, const char *b)
{
	const char *da = strrchr(a, '-'), *db = strrchr(b, '-');
	size_t pa, pb;
	int c;

	if (!da || !db)
		return strcmp(a, b);
	pa = (size_t)(da - a);
	pb = (size_t)(db - b);
	if ((c = memcmp(a, b, pa < pb ? pa : pb)) || pa != pb)
		return c ? c : (pa < pb ? -1 : 1);
	da++, db++;
	while (*da && (*da < '0' || *da > '9') && *da == *db)
		da++, db++;
	if ((*da < '0' || *da > '9') || (*db < '0' || *db > '9'))
		return strcmp(da, db);
	{
		long long na = atoll(da), nb = atoll(db);
		return na < nb ? -1 : na > nb;
	}
}

const char *zdh_menu_kind_of(const char *id)
{
	static const char *const kinds[] = { "offer", "need", "pairing", "delivery", NULL };

	/* by the id's whole shape, not its letter alone: XQ-FAB is no offer's */
	for (size_t i = 0; kinds[i]; i++)
		if (zdh_record_id_valid(kinds[i], id))
			return kinds[i];
	return NULL;
}

/* ---- categories ---- */

/* (not in zdh_words: a label here may be retitled by the configuration, words.c) */
const struct zdh_word zdh_menu_default_categories[] = {
	{ ZDH_W_ANY, "party-lesson", "专业党课", NULL },
	{ ZDH_W_ANY, "education", "公共教育", NULL },
	{ ZDH_W_ANY, "sharing", "资源共享", NULL },
	{ ZDH_W_ANY, "needy", "帮困", NULL },
	{ ZDH_W_ANY, "elderly", "助老", NULL },
	{ ZDH_W_ANY, "students", "助学", NULL },
	{ ZDH_W_ANY, "disabled", "助残", NULL },
	{ ZDH_W_ANY, NULL, NULL, NULL }
};

struct cat_walk {
	const struct zdh_repo *repo;
	int (*fn)(const char *, const char *, void *);
	void *payload;
	int err;
};

/* "menu-category.NAME.title": a category of the configuration not built in. */
static int cat_key(const char *key, const char *value, void *payload)
{
	struct cat_walk *w = payload;
	const char *dot;
	char *name;

	(void)value;
	if (w->err || strncmp(key, "menu-category.", 14) || !(dot = strrchr(key + 14, '.')) ||
	    dot == key + 14 || strcmp(dot, ".title"))
		return 0;
	name = zdh_strndup(key + 14, (size_t)(dot - (key + 14)));
	for (size_t i = 0; zdh_menu_default_categories[i].value; i++)
		if (!strcmp(zdh_menu_default_categories[i].value, name))
			goto done;
	w->err = w->fn(name, zdh_menu_category_label(w->repo, name), w->payload);
done:
	free(name);
	return 0;
}

int zdh_menu_categories(const struct zdh_repo *repo,
			int (*fn)(const char *name, const char *label, void *payload),
			void *payload)
{
	struct cat_walk w = { repo, fn, payload, 0 };

	for (size_t i = 0; zdh_menu_default_categories[i].value && !w.err; i++)
		w.err = fn(zdh_menu_default_categories[i].value,
			   zdh_menu_category_label(repo, zdh_menu_default_categories[i].value), payload);
	if (!w.err && repo && repo->config)
		zdh_config_foreach(repo->config, cat_key, &w);
	return w.err;
}

const char *zdh_menu_category_label(const struct zdh_repo *repo, const char *name)
{
	const char *label = NULL;

	if (repo && repo->config) {
		char *key = zdh_asprintf("menu-category.%s.title", name);
		label = zdh_config_get(repo->config, key);
		free(key);
	}
	for (size_t i = 0; !label && zdh_menu_default_categories[i].value; i++)
		if (!strcmp(zdh_menu_default_categories[i].value, name))
			label = zdh_menu_default_categories[i].zh;
	return label && *label ? label : name;
}

struct cat_name {
	const char *word;
	char *name;
};

static int cat_name(const char *name, const char *label, void *payload)
{
	struct cat_name *c = payload;

	/* a name wins over a label that happens to spell another's name */
	if (!strcmp(name, c->word) || (!c->name && !strcmp(label, c->word))) {
		free(c->name);
		c->name = zdh_strdup(name);
	}
	return 0;
}

const char *zdh_menu_category_shown(const struct zdh_repo *repo, const char *name)
{
	return name && zdh_i18n_chinese() ? zdh_menu_category_label(repo, name) : name;
}

char *zdh_menu_category_name(const struct zdh_repo *repo, const char *word)
{
	struct cat_name c = { word, NULL };

	if (word)
		zdh_menu_categories(repo, cat_name, &c);
	return c.name;
}

struct cat_find {
	const char *want;
	int found;
	const char *best;
	size_t best_d;
	struct zdh_buf all;
	char *best_copy;
};

static int cat_find(const char *name, const char *label, void *payload)
{
	struct cat_find *c = payload;
	/* the label is accepted too: listed beside the name and suggested, as words' Chinese names are */
	const char *cand[2] = { name, label && strcmp(label, name) ? label : NULL };

	if (!strcmp(name, c->want))
		c->found = 1;
	zdh_buf_addf(&c->all, "%s%s%s%s", c->all.len ? ", " : "", name,
		     cand[1] && zdh_i18n_chinese() ? "/" : "", cand[1] && zdh_i18n_chinese() ? label : "");
	for (size_t k = 0; k < 2 && cand[k]; k++) {
		size_t d = zdh_utf8_distance(c->want, cand[k]);
		if (d < c->best_d) {
			c->best_d = d;
			free(c->best_copy);
			c->best_copy = zdh_strdup(cand[k]);
		}
	}
	return 0;
}

int zdh_menu_check_category(const struct zdh_repo *repo, const char *name)
{
	struct cat_find c = { name, 0, NULL, (size_t)-1, ZDH_BUF_INIT, NULL };
	int err = 0;

	zdh_menu_categories(repo, cat_find, &c);
	if (c.found)
		goto done;
	if (c.best_copy && c.best_d <= 1 + zdh_utf8_len(name) / 3)
		err = zdh_error_set(ZDH_EINVALID, _("unknown menu category '%s'; did you mean '%s'? (%s)"),
				    name, c.best_copy, c.all.ptr);
	else
		err = zdh_error_set(ZDH_EINVALID, _("unknown menu category '%s' (%s)"), name, c.all.ptr);
done:
	free(c.best_copy);
	zdh_buf_release(&c.all);
	return err;
}

/* ---- matching (pure) ---- */

void zdh_match_score(struct zdh_match_score *out, const struct zdh_match_input *in)
{
	memset(out, 0, sizeof(*out));
	out->category = in->same_category ? 40 : 0;
	if (in->area_listed)
		out->place = 30;
	else if (!in->areas_open)
		out->place = -30;	/* the offer names its areas, not this one */
	else
		out->place = in->same_district ? 20 : 10;
	if (in->capacity <= 0)
		out->capacity = 5;
	else if (in->used >= in->capacity)
		out->capacity = -50;
	else
		out->capacity = (int)(5 + 15 * (in->capacity - in->used) / in->capacity);
	if (in->rated > 0) {
		long long avg10 = 10 * in->rating_sum / in->rated;	/* 10..50, truncated */
		out->rating = (int)((avg10 - 30) / 2);
	}
	out->pair = in->paired ? -100 : 0;
	out->total = out->category + out->place + out->capacity + out->rating + out->pair;
}

int zdh_match_order(int total_a, const char *id_a, int total_b, const char *id_b)
{
	if (total_a != total_b)
		return total_a > total_b ? -1 : 1;
	return zdh_menu_id_cmp(id_a, id_b);
}

/* ---- checks (replay: the record's own state and the event only) ---- */

enum { T_TEXT, T_LINE, T_INT, T_LIST, T_DAY };

struct field_rule {
	const char *name;
	int type;
	long long max;		/* characters, or the largest number */
	int required;		/* at add */
	const char *ref;	/* the kind of record whose id it is (T_LINE), or NULL */
};

static const struct field_rule offer_rules[] = {
	{ "title", T_LINE, ZDH_MENU_TITLE_MAX, 1 },
	{ "provider", T_LINE, ZDH_NAME_MAX, 1 },
	{ "category", T_LINE, ZDH_NAME_MAX, 1 },
	{ "capacity", T_INT, ZDH_MENU_CAPACITY_MAX, 0 },
	{ "areas", T_LIST, ZDH_NAME_MAX, 0 },
	{ "schedule", T_LINE, ZDH_MENU_TEXT_MAX, 0 },
	{ "contact", T_LINE, ZDH_MENU_TEXT_MAX, 0 },
	{ NULL, 0, 0, 0 }
};

static const struct field_rule need_rules[] = {
	{ "title", T_LINE, ZDH_MENU_TITLE_MAX, 1 },
	{ "area", T_LINE, ZDH_NAME_MAX, 1 },
	{ "category", T_LINE, ZDH_NAME_MAX, 1 },
	{ "issue", T_LINE, ZDH_NAME_MAX, 0, "issue" },
	{ "people", T_INT, ZDH_MENU_CAPACITY_MAX, 0 },
	{ "note", T_TEXT, ZDH_MENU_TEXT_MAX, 0 },
	{ NULL, 0, 0, 0 }
};

static const struct field_rule pairing_rules[] = {
	{ "need", T_LINE, ZDH_NAME_MAX, 1, "need" },
	{ "offer", T_LINE, ZDH_NAME_MAX, 1, "offer" },
	{ "from", T_DAY, 0, 1 },
	{ "until", T_DAY, 0, 1 },
	{ "note", T_TEXT, ZDH_MENU_TEXT_MAX, 0 },
	{ NULL, 0, 0, 0 }
};

static const struct field_rule delivery_rules[] = {
	{ "offer", T_LINE, ZDH_NAME_MAX, 1, "offer" },
	{ "pairing", T_LINE, ZDH_NAME_MAX, 0, "pairing" },
	{ "need", T_LINE, ZDH_NAME_MAX, 0, "need" },
	{ "day", T_DAY, 0, 1 },
	{ "people", T_INT, ZDH_MENU_CAPACITY_MAX, 0 },
	{ "minutes", T_INT, 24 * 60 * 31, 0 },
	{ "note", T_TEXT, ZDH_MENU_TEXT_MAX, 0 },
	{ NULL, 0, 0, 0 }
};

static const struct field_rule feedback_rules[] = {
	{ "satisfaction", T_INT, 5, 1 },
	{ "feedback", T_TEXT, ZDH_MENU_TEXT_MAX, 0 },
	{ NULL, 0, 0, 0 }
};

static int check_value(const struct field_rule *r, const json_t *v, int clearing)
{
	size_t i;
	json_t *e;
	int err;

	switch (r->type) {
	case T_INT:
		if (!json_is_integer(v) || json_integer_value(v) < 0 || json_integer_value(v) > r->max)
			return zdh_error_set(ZDH_EINVALID, _("%s must be a whole number from 0 to %lld"),
					     r->name, r->max);
		return 0;
	case T_LIST:
		if (!json_is_array(v))
			return zdh_error_set(ZDH_EINVALID, _("%s is not a list"), r->name);
		json_array_foreach(v, i, e) {
			if (!json_is_string(e) || !*json_string_value(e))
				return zdh_error_set(ZDH_EINVALID, _("%s holds an empty or non-text name"),
						     r->name);
			if ((err = zdh_issue_check_text(r->name, json_string_value(e), (size_t)r->max, 1)))
				return err;
		}
		return 0;
	case T_DAY:
		if (!json_is_string(v) || !is_day(json_string_value(v)))
			return zdh_error_set(ZDH_EINVALID, _("%s is not a day (YYYY-MM-DD)"), r->name);
		return 0;
	default:
		if (!json_is_string(v))
			return zdh_error_set(ZDH_EINVALID, _("%s is not text"), r->name);
		if (!*json_string_value(v) && (!clearing || r->required))
			return zdh_error_set(ZDH_EINVALID, _("%s is empty"), r->name);
		if (r->type == T_LINE && *json_string_value(v) &&
		    strspn(json_string_value(v), " \t") == strlen(json_string_value(v)))
			return zdh_error_set(ZDH_EINVALID, _("%s is empty"), r->name);
		/*
		 * a reference: an id of its kind, as the command writes it (a
		 * peer's event may name anything; the record itself may come
		 * later by another log, so only the id's form is judged)
		 */
		if (r->ref && *json_string_value(v))
			return zdh_kind_id_check(r->ref, json_string_value(v));
		return zdh_issue_check_text(r->name, json_string_value(v), (size_t)r->max,
					    r->type == T_LINE);
	}
}

/* data.set against rules: known fields of the right type; at add, the required ones. */
static int check_set(const struct field_rule *rules, const struct zdh_event *ev, int adding)
{
	json_t *set = json_object_get(ev->data, "set"), *v;
	const char *key;
	int err;

	if (!json_is_object(set))
		return zdh_error_set(ZDH_EINVALID, _("data.set is not an object"));
	json_object_foreach(set, key, v) {
		const struct field_rule *r;
		for (r = rules; r->name && strcmp(r->name, key); r++)
			;
		if (!r->name)
			return zdh_error_set(ZDH_EINVALID, _("'%s' cannot set %s"), ev->op, key);
		if ((err = check_value(r, v, !adding)))
			return err;
	}
	for (const struct field_rule *r = rules; adding && r->name; r++)
		if (r->required && !json_object_get(set, r->name))
			return zdh_error_set(ZDH_EINVALID, _("%s %s needs %s"), ev->kind, ev->record,
					     r->name);
	if (!adding && !json_object_size(set))
		return zdh_error_set(ZDH_EINVALID, _("nothing to change"));
	return 0;
}

static int check_exists(const json_t *state, const struct zdh_event *ev)
{
	if (!state)
		return zdh_error_set(ZDH_ENOTFOUND, _("no %s %s"), zdh_word_label(ZDH_W_RECORD_KIND, ev->kind), ev->record);
	return 0;
}

static int check_live(const json_t *state, const struct zdh_event *ev)
{
	if (!state)
		return zdh_error_set(ZDH_ENOTFOUND, _("no %s %s"), zdh_word_label(ZDH_W_RECORD_KIND, ev->kind), ev->record);
	if (json_is_true(json_object_get(state, "retired")))
		return zdh_error_set(ZDH_ESTATE, _("%s %s is retired"),
				     zdh_word_label(ZDH_W_RECORD_KIND, ev->kind), ev->record);
	return 0;
}

static int check_reason(const struct zdh_event *ev)
{
	json_t *r = json_object_get(ev->data, "reason");

	if (r && (!json_is_string(r) ||
		  zdh_issue_check_text(_("reason"), json_string_value(r), ZDH_MENU_TEXT_MAX, 0)))
		return json_is_string(r) ? ZDH_EINVALID :
			zdh_error_set(ZDH_EINVALID, _("reason is not text"));
	return 0;
}

static int check_add_with(const struct field_rule *rules, const json_t *state,
			  const struct zdh_event *ev)
{
	if (state)
		return zdh_error_set(ZDH_EEXISTS, _("%s %s exists already"), ev->kind, ev->record);
	return check_set(rules, ev, 1);
}

static int check_edit_with(const struct field_rule *rules, const json_t *state,
			   const struct zdh_event *ev)
{
	int err;

	/* a retired one takes an edit that settles a conflict (offer version 6, need 3) */
	if (((err = check_live(state, ev)) && !(err == ZDH_ESTATE && zdh_kind_settles(ev))) ||
	    (err = check_reason(ev)))
		return err;
	return check_set(rules, ev, 0);
}

static int check_offer_add(const json_t *state, const struct zdh_event *ev)
{
	return check_add_with(offer_rules, state, ev);
}

static int check_offer_edit(const json_t *state, const struct zdh_event *ev)
{
	return check_edit_with(offer_rules, state, ev);
}

static int check_retire(const json_t *state, const struct zdh_event *ev)
{
	int err;

	if ((err = check_live(state, ev)) || (err = check_reason(ev)))
		return err;
	return zdh_kind_check_no_set(ev);
}

static int check_need_add(const json_t *state, const struct zdh_event *ev)
{
	return check_add_with(need_rules, state, ev);
}

static int check_need_edit(const json_t *state, const struct zdh_event *ev)
{
	return check_edit_with(need_rules, state, ev);
}

static int check_pairing_add(const json_t *state, const struct zdh_event *ev)
{
	int err;

	if ((err = check_add_with(pairing_rules, state, ev)))
		return err;
	if (strcmp(set_str(ev, "from"), set_str(ev, "until")) > 0)
		return zdh_error_set(ZDH_EINVALID, _("the term ends (%s) before it starts (%s)"),
				     set_str(ev, "until"), set_str(ev, "from"));
	return 0;
}

static void apply_pairing_add(json_t *state, const struct zdh_event *ev)
{
	(void)ev;
	json_object_set_new(state, "status", json_string("active"));
}

static int check_unpair(const json_t *state, const struct zdh_event *ev)
{
	int err;

	if ((err = check_exists(state, ev)) || (err = check_reason(ev)) ||
	    (err = zdh_kind_check_no_set(ev)))
		return err;
	if (strcmp(str(state, "status") ? str(state, "status") : "", "active"))
		return zdh_error_set(ZDH_ESTATE, _("pairing %s has ended already"), ev->record);
	return 0;
}

static void day_of(char out[11], const struct zdh_time *t)
{
	zdh_issue_day(out, t);
}

static void apply_unpair(json_t *state, const struct zdh_event *ev)
{
	char day[11];

	day_of(day, &ev->date);
	json_object_set_new(state, "status", json_string("ended"));
	json_object_set_new(state, "ended", json_string(day));
}

/*
 * The months of the term from..until (days): ZDH_ESTATE when offer, of
 * cap places a month, is full in one.  count(arg, month, &used, names)
 * gives the places taken in month and the pairings that hold them;
 * starts(arg, months) adds to the array months the first month of every
 * place (a pairing's from, a delivery's month).  A month holds no more
 * places than the month before it unless a place starts in it, so the
 * first full month of the term, if any, is its first month or one where
 * a place starts: only those are counted (every month of a term of
 * decades, each counting every place, made a peer's few hundred takes of
 * long terms fold for minutes).
 */
static int check_term(const char *offer, long long cap, const char *from, const char *until,
		      int (*count)(void *arg, const char *month, long long *used,
				   struct zdh_buf *names),
		      int (*starts)(void *arg, json_t *months), void *arg)
{
	json_t *months = json_array(), *v;
	const char **at;
	char first[8];
	size_t n = 0, i;
	int err;

	snprintf(first, sizeof(first), "%.7s", from);
	if ((err = starts(arg, months))) {
		json_decref(months);
		return err;
	}
	at = zdh_calloc(json_array_size(months) + 1, sizeof(*at));
	at[n++] = first;
	json_array_foreach(months, i, v) {
		const char *m = json_string_value(v);
		if (m && strlen(m) == 7 && strcmp(m, first) > 0 && strncmp(m, until, 7) <= 0)
			at[n++] = m;
	}
	qsort(at, n, sizeof(*at), zdh_strcmp_p);
	for (i = 0; !err && i < n; i++) {
		struct zdh_buf names = ZDH_BUF_INIT;
		long long used = 0;
		if (i && !strcmp(at[i], at[i - 1]))
			continue;
		if (!(err = count(arg, at[i], &used, &names)) && used >= cap)
			err = zdh_error_set(ZDH_ESTATE,
					    _("offer %s is full in %s: capacity %lld a month, %lld taken (%s)"),
					    offer, at[i], cap, used,
					    names.len ? names.ptr : _("deliveries without a pairing"));
		zdh_buf_release(&names);
	}
	free(at);
	json_decref(months);
	return err;
}

/* check_term()'s starts from an offer's state: the first month of each place it holds. */
static int places_start(void *places, json_t *months)
{
	const char *key;
	json_t *v;
	char m[8];

	json_object_foreach((json_t *)places, key, v)
		if (str(v, "from")) {
			snprintf(m, sizeof(m), "%.7s", str(v, "from"));
			json_array_append_new(months, json_string(m));
		}
	return 0;
}

static int id_cmp_p(const void *a, const void *b)
{
	return zdh_menu_id_cmp(*(const char *const *)a, *(const char *const *)b);
}

/*
 * check_term()'s count from an offer's state: the places it holds (json
 * "places"), named in id order.  Not in the state's order: that is the
 * order the takes were applied in, which a refold after a late event
 * changes (the note of a take that lost then named the places the other
 * way round on one replica than on another, or after a reindex).
 */
static int places_held(void *places, const char *month, long long *used, struct zdh_buf *names)
{
	const char *key, **ids = zdh_calloc(json_object_size(places) + 1, sizeof(*ids));
	size_t n = 0, i;
	json_t *v;

	json_object_foreach((json_t *)places, key, v)
		if (zdh_menu_term_covers(str(v, "from"), str(v, "until"), month))
			ids[n++] = key;
	qsort(ids, n, sizeof(*ids), id_cmp_p);
	for (i = 0; i < n; i++)
		zdh_buf_addf(names, "%s%s", i ? ", " : "", ids[i]);
	*used += (long long)n;
	free(ids);
	return 0;
}

/*
 * Whether a month of from..until already holds cap of places (the state's
 * places), in O(n log n) for n places: the months where a place starts,
 * each with the places started by then less those ended before.  The
 * fold runs this for every take; check_term() then counts only when a
 * month is full, for its message.
 */
static int first_full(const json_t *places, long long cap, const char *from, const char *until)
{
	size_t n = json_object_size(places), ns = 0, ne = 0, i, e = 0;
	const char **starts = zdh_calloc(n + 1, sizeof(*starts)), **ends = zdh_calloc(n + 1, sizeof(*ends));
	char first[8], *firsts = zdh_calloc(n + 1, 8);
	const char *key;
	json_t *v;
	int full = 0;

	snprintf(first, sizeof(first), "%.7s", from);
	json_object_foreach((json_t *)places, key, v) {
		const char *pf = str(v, "from"), *pu = str(v, "until");
		if (!pf || !pu || strncmp(pf, until, 7) > 0 || strncmp(pu, first, 7) < 0)
			continue;	/* not in the term */
		/* a place begun before the term counts from its first month */
		snprintf(firsts + 8 * ns, 8, "%.7s", strncmp(pf, first, 7) < 0 ? first : pf);
		starts[ns] = firsts + 8 * ns;
		ns++;
		ends[ne++] = pu;
	}
	qsort(starts, ns, sizeof(*starts), zdh_strcmp_p);
	qsort(ends, ne, sizeof(*ends), zdh_strcmp_p);
	for (i = 0; !full && i < ns; i++) {
		/* at the month starts[i]: the places started by then, less those ended before it */
		size_t k = i;
		while (k + 1 < ns && !strcmp(starts[k + 1], starts[i]))
			k++;
		while (e < ne && strncmp(ends[e], starts[i], 7) < 0)
			e++;
		full = (long long)(k + 1 - e) >= cap;
		i = k;
	}
	free(starts);
	free(ends);
	free(firsts);
	return full;
}

/*
 * A pairing's place on its offer.  The pairing (its own record) is
 * written with a "take" event on the offer's record in the same
 * transaction, and its end with a "release": so the offer's capacity is
 * decided by check() from the offer's own state, in the one fold order
 * every replica shares.  Two offices taking the last place at once: the
 * take that sorts later has no effect (its note says the months and
 * places it met), and its pairing holds no place (zdh-menu(1)).
 */
static int check_take(const json_t *state, const struct zdh_event *ev)
{
	const char *pairing = str(ev->data, "pairing"), *from = str(ev->data, "from");
	const char *until = str(ev->data, "until");
	json_t *places = json_object_get(state, "places");
	json_int_t cap = json_integer_value(json_object_get(state, "capacity"));
	int err;

	if ((err = check_exists(state, ev)))
		return err;
	if (!pairing || !*pairing || !is_day(from) || !is_day(until) || strcmp(from, until) > 0)
		return zdh_error_set(ZDH_EINVALID, _("a place is taken by a pairing for a term (from, until)"));
	if ((err = zdh_kind_id_check("pairing", pairing)))	/* (offer version 4) */
		return err;
	if (json_object_get(places, pairing))
		return zdh_error_set(ZDH_EEXISTS, _("pairing %s holds a place of %s already"), pairing,
				     ev->record);
	if (cap <= 0)
		return 0;
	/* (a full month names the places: never "deliveries without a pairing") */
	if (!first_full(places, (long long)cap, from, until))
		return 0;
	return check_term(ev->record, (long long)cap, from, until, places_held, places_start, places);
}

static void apply_take(json_t *state, const struct zdh_event *ev)
{
	json_t *places = json_object_get(state, "places");

	if (!places)
		json_object_set_new(state, "places", places = json_object());
	json_object_set_new(places, str(ev->data, "pairing"),
			    json_pack("{s:s, s:s}", "from", str(ev->data, "from"),
				      "until", str(ev->data, "until")));
}

static int check_release(const json_t *state, const struct zdh_event *ev)
{
	const char *pairing = str(ev->data, "pairing");
	int err;

	if ((err = check_exists(state, ev)))
		return err;
	if (pairing && (err = zdh_kind_id_check("pairing", pairing)))
		return err;
	if (!pairing || !json_object_get(json_object_get(state, "places"), pairing))
		return zdh_error_set(ZDH_ESTATE, _("pairing %s holds no place of %s"),
				     pairing ? pairing : "", ev->record);
	return 0;
}

/*
 * A release frees a place only after the end of its pairing in the same
 * log (offer version 3): zdh writes it with the end (zdh_menu_unpair), and
 * an office freeing another's place while its pairing stays active (the
 * pairing then held no place on the offer, which a later take could
 * fill) has no effect.  The end is read from the events of the release's
 * own log before it, which every replica holding the release holds: its
 * data as check_unpair() reads it, not its effect (a later sync can
 * change that).
 */
static int check_release_log(struct zdh_index *idx, const json_t *state,
			     const struct zdh_event *ev)
{
	static const char sql[] =
		"SELECT data FROM events WHERE record = ?1 AND clock < ?3 AND replica = ?2"
		" AND kind = 'pairing' AND op = 'end' AND effect IS NOT 2";
	const char *pairing = str(ev->data, "pairing");
	sqlite3_stmt *s;
	int rc, ended = 0;

	(void)state;
	if (!(s = zdh_index_cached(idx, sql)))
		return zdh_error_set(ZDH_ERROR, _("index: %s"), zdh_db_errmsg(zdh_index_db(idx)));
	sqlite3_bind_text(s, 1, pairing, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, ev->replica, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 3, ev->clock);
	while (!ended && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct zdh_event end = *ev;
		json_t *data = json_loads((const char *)sqlite3_column_text(s, 0), 0, NULL);
		end.data = data;
		ended = data && !check_reason(&end) && !zdh_kind_check_no_set(&end);
		json_decref(data);
	}
	sqlite3_reset(s);
	zdh_error_clear();
	if (!ended)
		return zdh_error_set(ZDH_ESTATE, _("pairing %s has not ended: its place is released with its end"),
				     pairing);
	return 0;
}

static void apply_release(json_t *state, const struct zdh_event *ev)
{
	json_object_del(json_object_get(state, "places"), str(ev->data, "pairing"));
}

static int check_delivery_add(const json_t *state, const struct zdh_event *ev)
{
	return check_add_with(delivery_rules, state, ev);
}

static int check_feedback(const json_t *state, const struct zdh_event *ev)
{
	int err;

	if ((err = check_exists(state, ev)))
		return err;
	if (!json_object_get(json_object_get(ev->data, "set"), "satisfaction"))
		return zdh_error_set(ZDH_EINVALID, _("feedback needs a satisfaction from 1 to 5"));
	if ((err = check_set(feedback_rules, ev, 1)))
		return err;
	if (json_integer_value(json_object_get(json_object_get(ev->data, "set"), "satisfaction")) < 1)
		return zdh_error_set(ZDH_EINVALID, _("satisfaction is 1 to 5"));
	return 0;
}

/* ---- validate (write time: the registry and other records) ---- */

static int record_state(struct zdh_index *idx, const char *kind, const char *id, json_t **st)
{
	int err = zdh_index_state(idx, kind, id, st, NULL);

	if (err == ZDH_ENOTFOUND)
		return zdh_kind_not_found(idx, kind, id);
	return err;
}

/* ref is a live org of kind want (NULL: any kind). */
static int registered(struct zdh_index *idx, const char *ref, const char *want)
{
	char *id = NULL;
	int err = zdh_org_resolve(&id, idx, ref, want, 0);

	free(id);
	return err;
}

static int validate_offer(struct zdh_index *idx, const json_t *state, const struct zdh_event *ev)
{
	json_t *set = json_object_get(ev->data, "set"), *v;
	size_t i;
	int err;

	(void)state;
	if (str(set, "provider") && (err = registered(idx, str(set, "provider"), NULL)))
		return err;
	if (str(set, "category") &&
	    (err = zdh_menu_check_category(zdh_index_repo(idx), str(set, "category"))))
		return err;
	json_array_foreach(json_object_get(set, "areas"), i, v)
		if ((err = registered(idx, json_string_value(v), "area")))
			return err;
	return 0;
}

static int validate_need(struct zdh_index *idx, const json_t *state, const struct zdh_event *ev)
{
	json_t *set = json_object_get(ev->data, "set"), *st = NULL;
	int err;

	(void)state;
	if (str(set, "area") && *str(set, "area") && (err = registered(idx, str(set, "area"), "area")))
		return err;
	if (str(set, "category") &&
	    (err = zdh_menu_check_category(zdh_index_repo(idx), str(set, "category"))))
		return err;
	if (str(set, "issue") && *str(set, "issue")) {
		if ((err = record_state(idx, "issue", str(set, "issue"), &st)))
			return err;
		json_decref(st);
	}
	return 0;
}

/* A live record of kind (an offer or a need), or ZDH_ENOTFOUND / ZDH_ESTATE. */
static int live_record(struct zdh_index *idx, const char *kind, const char *id, json_t **st)
{
	int err;

	if ((err = record_state(idx, kind, id, st)))
		return err;
	if (json_is_true(json_object_get(*st, "retired"))) {
		json_decref(*st);
		*st = NULL;
		return zdh_error_set(ZDH_ESTATE, _("%s %s is retired"),
				     zdh_word_label(ZDH_W_RECORD_KIND, kind), id);
	}
	return 0;
}

/*
 * SQL: a take of OFFER for PAIRING (SQL expressions) that had no effect,
 * so that the pairing holds no place (placeless()).
 */
#define PLACELESS_TAKE(offer, pairing) \
	"SELECT 1 FROM events e WHERE e.record = " offer " AND e.kind = 'offer'" \
	" AND e.op = 'take' AND e.effect = 0 AND json_extract(e.data, '$.pairing') = " pairing

/*
 * Whether pairing holds no place on offer: its take had no effect (an
 * office took the last place first, see check_take).  *note (may be NULL)
 * gets the take's note, allocated.  A pairing written before places were
 * taken has no take and holds its place.
 */
static int placeless(struct zdh_index *idx, const char *offer, const char *pairing, char **note)
{
	static const char sql[] =
		"SELECT note FROM events WHERE record = ?1 AND kind = 'offer' AND op = 'take'"
		" AND effect = 0 AND json_extract(data, '$.pairing') = ?2 LIMIT 1";
	sqlite3_stmt *s;
	int found = 0;

	if (note)
		*note = NULL;
	if (!offer || !pairing || !(s = zdh_index_cached(idx, sql)))
		return 0;
	sqlite3_bind_text(s, 1, offer, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, pairing, -1, SQLITE_STATIC);
	if (sqlite3_step(s) == SQLITE_ROW) {
		found = 1;
		if (note && sqlite3_column_text(s, 0))
			*note = zdh_strdup((const char *)sqlite3_column_text(s, 0));
	}
	sqlite3_reset(s);
	return found;
}

/* A pairing's state as listed: status "no-place" and the reason when it holds none. */
static void mark_placeless(struct zdh_index *idx, const char *id, json_t *st)
{
	char *note;

	if (!strcmp(str(st, "status") ? str(st, "status") : "", "active") &&
	    placeless(idx, str(st, "offer"), id, &note)) {
		json_object_set_new(st, "status", json_string("no-place"));
		if (note)
			json_object_set_new(st, "no_place", json_string(note));
		free(note);
	}
}

/* Places of offer taken in month: active pairings covering it, deliveries without one. */
static int places_used(struct zdh_index *idx, const char *offer, const char *month,
		       long long *used, struct zdh_buf *names)
{
	static const char pairs_sql[] =
		"SELECT id, json_extract(state, '$.from'), json_extract(state, '$.until')"
		" FROM records WHERE kind = 'pairing' AND json_extract(state, '$.offer') = ?1"
		" AND json_extract(state, '$.status') = 'active'"
		/* not a pairing whose take had no effect: it holds no place (placeless()) */
		" AND NOT EXISTS (" PLACELESS_TAKE("?1", "records.id") ")"
		" ORDER BY prefix, n";
	static const char direct_sql[] =
		"SELECT count(*) FROM records WHERE kind = 'delivery'"
		" AND json_extract(state, '$.offer') = ?1 AND json_extract(state, '$.pairing') IS NULL"
		" AND substr(json_extract(state, '$.day'), 1, 7) = ?2";
	sqlite3_stmt *s;
	int rc;

	*used = 0;
	if (!(s = zdh_index_cached(idx, pairs_sql)))
		return ZDH_ERROR;
	sqlite3_bind_text(s, 1, offer, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		if (zdh_menu_term_covers((const char *)sqlite3_column_text(s, 1),
					 (const char *)sqlite3_column_text(s, 2), month)) {
			(*used)++;
			if (names)
				zdh_buf_addf(names, "%s%s", names->len ? ", " : "",
					     (const char *)sqlite3_column_text(s, 0));
		}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return zdh_error_set(ZDH_ERROR, "index: %s", zdh_db_errmsg(zdh_index_db(idx)));
	if (!(s = zdh_index_cached(idx, direct_sql)))
		return ZDH_ERROR;
	sqlite3_bind_text(s, 1, offer, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, month, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW)
		*used += sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return rc == SQLITE_ROW ? 0 :
		zdh_error_set(ZDH_ERROR, "index: %s", zdh_db_errmsg(zdh_index_db(idx)));
}

/* check_term()'s count from the index: places_used() of an offer. */
struct offer_in_index {
	struct zdh_index *idx;
	const char *offer;
};

static int places_in_index(void *arg, const char *month, long long *used, struct zdh_buf *names)
{
	struct offer_in_index *o = arg;

	return places_used(o->idx, o->offer, month, used, names);
}

/* check_term()'s starts from the index: the first months of the offer's active pairings and its deliveries without one. */
static int starts_in_index(void *arg, json_t *months)
{
	static const char sql[] =
		"SELECT substr(json_extract(state, '$.from'), 1, 7) FROM records WHERE kind = 'pairing'"
		" AND json_extract(state, '$.offer') = ?1 AND json_extract(state, '$.status') = 'active'"
		" UNION SELECT substr(json_extract(state, '$.day'), 1, 7) FROM records"
		" WHERE kind = 'delivery' AND json_extract(state, '$.offer') = ?1"
		" AND json_extract(state, '$.pairing') IS NULL";
	struct offer_in_index *o = arg;
	sqlite3_stmt *s;
	int rc;

	if (!(s = zdh_index_cached(o->idx, sql)))
		return ZDH_ERROR;
	sqlite3_bind_text(s, 1, o->offer, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		if (sqlite3_column_text(s, 0))
			json_array_append_new(months, json_string((const char *)sqlite3_column_text(s, 0)));
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 :
		zdh_error_set(ZDH_ERROR, "index: %s", zdh_db_errmsg(zdh_index_db(o->idx)));
}

static int validate_pairing(struct zdh_index *idx, const json_t *state, const struct zdh_event *ev)
{
	const char *need = set_str(ev, "need"), *offer = set_str(ev, "offer");
	const char *from = set_str(ev, "from"), *until = set_str(ev, "until");
	static const char same_sql[] =
		"SELECT id FROM records WHERE kind = 'pairing' AND json_extract(state, '$.need') = ?1"
		" AND json_extract(state, '$.offer') = ?2 AND json_extract(state, '$.status') = 'active'"
		" AND json_extract(state, '$.from') <= ?4 AND json_extract(state, '$.until') >= ?3";
	struct offer_in_index in = { idx, offer };
	json_t *ns = NULL, *os = NULL;
	sqlite3_stmt *s;
	long long cap;
	int err;

	(void)state;
	if ((err = live_record(idx, "need", need, &ns)) ||
	    (err = live_record(idx, "offer", offer, &os)))
		goto done;
	if (!(s = zdh_index_cached(idx, same_sql))) {
		err = ZDH_ERROR;
		goto done;
	}
	sqlite3_bind_text(s, 1, need, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, offer, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, from, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, until, -1, SQLITE_STATIC);
	if (sqlite3_step(s) == SQLITE_ROW)
		err = zdh_error_set(ZDH_EEXISTS, _("%s and %s are paired already (%s)"), need, offer,
				    (const char *)sqlite3_column_text(s, 0));
	sqlite3_reset(s);
	if (err)
		goto done;
	cap = json_integer_value(json_object_get(os, "capacity"));
	if (cap > 0)
		err = check_term(offer, cap, from, until, places_in_index, starts_in_index, &in);
done:
	json_decref(ns);
	json_decref(os);
	return err;
}

static int validate_delivery(struct zdh_index *idx, const json_t *state,
			     const struct zdh_event *ev)
{
	json_t *st = NULL, *os = NULL, *ns = NULL;
	const char *pairing = set_str(ev, "pairing");
	int err;

	(void)state;
	if (pairing) {
		if ((err = record_state(idx, "pairing", pairing, &st)))
			return err;
		if (strcmp(str(st, "status"), "active"))
			err = zdh_error_set(ZDH_ESTATE, _("pairing %s has ended"), pairing);
		else if (placeless(idx, str(st, "offer"), pairing, NULL))
			err = zdh_error_set(ZDH_ESTATE, _("pairing %s holds no place of %s"), pairing,
					    str(st, "offer"));
		/* paired before, or concurrently with, the retire of its offer or need */
		else if ((err = live_record(idx, "offer", str(st, "offer"), &os)) ||
			 (err = live_record(idx, "need", str(st, "need"), &ns)))
			;
		else if (!zdh_menu_term_covers(str(st, "from"), str(st, "until"), set_str(ev, "day")))
			err = zdh_error_set(ZDH_ESTATE, _("%s is outside the term of %s (%s to %s)"),
					    set_str(ev, "day"), pairing, str(st, "from"), str(st, "until"));
		json_decref(st);
		json_decref(os);
		json_decref(ns);
		return err;
	}
	if ((err = live_record(idx, "offer", set_str(ev, "offer"), &st)))
		return err;
	json_decref(st);
	return 0;
}

/* ---- the kinds ---- */

/*
 * A retire of an offer or a need (kind names which, field is "offer" or
 * "need") while pairings of it are still active is refused, naming them: a
 * pairing stays active until unpaired, and one of a retired offer could
 * take no delivery.  Checked when written, as every reference is.
 */
static int validate_retire(struct zdh_index *idx, const struct zdh_event *ev, const char *field)
{
	/* (the projected fields: records_pairing_offer serves an offer's) */
	static const char offer_sql[] =
		"SELECT id FROM records_pairing WHERE offer = ?1 AND status = 'active' ORDER BY prefix, n";
	static const char need_sql[] =
		"SELECT id FROM records_pairing WHERE need = ?1 AND status = 'active' ORDER BY prefix, n";
	struct zdh_buf ids = ZDH_BUF_INIT;
	sqlite3_stmt *s;
	int rc, n = 0, err = 0;

	if (!(s = zdh_index_cached(idx, !strcmp(field, "offer") ? offer_sql : need_sql)))
		return ZDH_ERROR;
	sqlite3_bind_text(s, 1, ev->record, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (n++ < 5)
			zdh_buf_addf(&ids, "%s%s", n > 1 ? ", " : "", (const char *)sqlite3_column_text(s, 0));
		else if (n == 6)
			zdh_buf_puts(&ids, ", ...");
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		err = zdh_error_set(ZDH_ERROR, "index: %s", zdh_db_errmsg(zdh_index_db(idx)));
	else if (n)
		err = zdh_error_set(ZDH_ESTATE,
				    ngettext("%s %s has %d active pairing (%s): unpair it first (zdh menu unpair)",
					     "%s %s has %d active pairings (%s): unpair them first (zdh menu unpair)",
					     n),
				    zdh_word_label(ZDH_W_RECORD_KIND, ev->kind), ev->record, n, ids.ptr);
	zdh_buf_release(&ids);
	return err;
}

static int validate_offer_retire(struct zdh_index *idx, const json_t *state,
				 const struct zdh_event *ev)
{
	(void)state;
	return validate_retire(idx, ev, "offer");
}

static int validate_need_retire(struct zdh_index *idx, const json_t *state,
				const struct zdh_event *ev)
{
	(void)state;
	return validate_retire(idx, ev, "need");
}

static const struct zdh_op offer_ops[] = {
	{ "add", validate_offer, check_offer_add, NULL },
	{ "edit", validate_offer, check_offer_edit, NULL },
	{ "retire", validate_offer_retire, check_retire, zdh_kind_apply_retired },
	{ "take", NULL, check_take, apply_take },
	{ "release", NULL, check_release, apply_release, NULL, check_release_log },
	{ NULL, NULL, NULL, NULL }
};

static const struct zdh_field offer_fields[] = {
	{ "provider", "TEXT", "provider" },
	{ "category", "TEXT", "category" },
	{ NULL, NULL, NULL }
};

/* a category of the menu not built in: its label (one line, as zdh config checks any value) */
static const struct zdh_config_key offer_config[] = {
	/* (a title shown for the category's name in lists: no invisible character) */
	{ "menu-category.*.title", NULL, zdh_name_visible },
	{ NULL, NULL, NULL }
};

const struct zdh_kind zdh_kind_offer = {
	.name = "offer", .letter = 'F', .ops = offer_ops, .fields = offer_fields,
	.noun = "menu",
	.version = 6,	/* 3: a release after its pairing's end in its log;
			 * 4: a take names a pairing's id;
			 * 5: a full month's note names its places in id order;
			 * 6: an edit settles a conflict when retired */
	.config = offer_config
};

static const struct zdh_op need_ops[] = {
	{ "add", validate_need, check_need_add, NULL },
	{ "edit", validate_need, check_need_edit, NULL },
	{ "retire", validate_need_retire, check_retire, zdh_kind_apply_retired },
	{ NULL, NULL, NULL, NULL }
};

static const struct zdh_field need_fields[] = {
	{ "area", "TEXT", "area" },
	{ "category", "TEXT", "category" },
	{ "issue", "TEXT", "issue" },	/* the issue it came from (issue show lists it) */
	{ NULL, NULL, NULL }
};

const struct zdh_kind zdh_kind_need = {
	.name = "need", .letter = 'N', .ops = need_ops, .fields = need_fields,
	.index_sql = "CREATE INDEX records_need_issue ON records({issue}) WHERE kind = 'need'"
	" AND {issue} IS NOT NULL;",
	.version = 3,	/* 2: its issue an issue's id; 3: an edit settles a conflict when retired */
	.noun = "menu",
};

static const struct zdh_op pairing_ops[] = {
	{ "add", validate_pairing, check_pairing_add, apply_pairing_add },
	{ "end", NULL, check_unpair, apply_unpair },
	{ NULL, NULL, NULL, NULL }
};

static const struct zdh_field pairing_fields[] = {
	{ "need", "TEXT", "need" },
	{ "offer", "TEXT", "offer" },
	{ "status", "TEXT", "status" },
	{ NULL, NULL, NULL }
};

static char *pairing_line(sqlite3_stmt *s)
{
	return zdh_asprintf(_("%s is an active pairing of %s %s, retired:"
			      " it takes no delivery (unpair it)"),
			    (const char *)sqlite3_column_text(s, 0),
			    zdh_word_label(ZDH_W_RECORD_KIND, (const char *)sqlite3_column_text(s, 1)),
			    (const char *)sqlite3_column_text(s, 2));
}

static char *pairing_twice_line(sqlite3_stmt *s)
{
	return zdh_asprintf(_("%s pairs %s and %s as %s does, in an overlapping term:"
			      " two offices paired them at once (unpair one)"),
			    (const char *)sqlite3_column_text(s, 0),
			    (const char *)sqlite3_column_text(s, 2),
			    (const char *)sqlite3_column_text(s, 3),
			    (const char *)sqlite3_column_text(s, 1));
}

/*
 * The other half of pairing_news(): each active pairing of a need and an
 * offer that an earlier active pairing of the two (in id order) pairs in
 * an overlapping term, named with the first such, told when a new event
 * is either pairing's: each pair once, from the later of the two.  pair
 * refuses that where the first pairing is seen; two offices pairing the
 * two at once, neither having heard of the other, leave two, each
 * counted against the offer's capacity.  "YA-P1 pairs XQ-N1 and XQ-F1 as
 * HS-P1 does, in an overlapping term: two offices paired them at once
 * (unpair one)".
 */
static int pairing_twice_news(struct zdh_index *idx, long long mark,
			      void (*fn)(const char *line, void *payload), void *payload)
{
	static const char sql[] =
		"WITH twice AS (SELECT p.id, q.id AS other, p.need, p.offer, p.prefix, p.n,"
		"  row_number() OVER (PARTITION BY p.id ORDER BY q.prefix, q.n) AS first"
		"  FROM records_pairing p JOIN records_pairing q"
		"  ON q.need = p.need AND q.offer = p.offer AND (q.prefix, q.n) < (p.prefix, p.n)"
		"  AND json_extract(q.state, '$.from') <= json_extract(p.state, '$.until')"
		"  AND json_extract(q.state, '$.until') >= json_extract(p.state, '$.from')"
		"  WHERE p.status = 'active' AND q.status = 'active')"
		" SELECT id, other, need, offer FROM twice WHERE first = 1"
		" AND (id IN (SELECT record FROM events WHERE seq > ?1)"
		"  OR other IN (SELECT record FROM events WHERE seq > ?1))"
		" ORDER BY prefix, n";

	return zdh_index_row_news(idx, mark, sql, pairing_twice_line, fn, payload);
}

/*
 * A pull's news (kind.h): each active pairing whose offer or need is
 * retired, told when a new event is the pairing's or the retired
 * record's.  A retire is refused while active pairings hold the offer
 * (need), and a pair of a retired one is refused; one office retiring
 * while another, not having heard of it, pairs still gets there, and the
 * pairing stays active, taking no delivery, until unpaired: people must
 * know.  "YA-P1 is an active pairing of offer HB-F1, retired: it takes
 * no delivery (unpair it)".
 */
static int pairing_news(struct zdh_index *idx, long long mark,
			void (*fn)(const char *line, void *payload), void *payload)
{
	static const char sql[] =
		"WITH new(record) AS (SELECT record FROM events WHERE seq > ?1)"
		" SELECT p.id, r.kind, r.id FROM records_pairing p"
		" JOIN records r ON (r.kind = 'offer' AND " ZDH_SQL_ID_IS("r.", "'offer'", "p.offer") ")"
		"  OR (r.kind = 'need' AND " ZDH_SQL_ID_IS("r.", "'need'", "p.need") ")"
		" WHERE p.status = 'active' AND json_extract(r.state, '$.retired') IS NOT NULL"
		" AND (p.id IN (SELECT record FROM new) OR r.id IN (SELECT record FROM new))"
		" ORDER BY p.prefix, p.n, r.kind DESC";

	int err = zdh_index_row_news(idx, mark, sql, pairing_line, fn, payload);

	return err ? err : pairing_twice_news(idx, mark, fn, payload);
}

const struct zdh_kind zdh_kind_pairing = {
	.name = "pairing", .letter = 'P', .ops = pairing_ops, .fields = pairing_fields,
	.noun = "menu",
	.index_sql = "CREATE INDEX records_pairing_offer ON records({offer}) WHERE kind = 'pairing';",
	.news = pairing_news,	/* an active pairing of a retired offer or need, or paired twice */
	.version = 2	/* 2: its need and offer ids of their kinds */
};

static const struct zdh_op delivery_ops[] = {
	{ "add", validate_delivery, check_delivery_add, NULL },
	{ "feedback", NULL, check_feedback, NULL },
	{ NULL, NULL, NULL, NULL }
};

static const struct zdh_field delivery_fields[] = {
	{ "offer", "TEXT", "offer" },
	{ "pairing", "TEXT", "pairing" },
	{ "day", "TEXT", "day" },
	{ "satisfaction", "INTEGER", "satisfaction" },
	{ NULL, NULL, NULL }
};

const struct zdh_kind zdh_kind_delivery = {
	.name = "delivery", .letter = 'Y', .ops = delivery_ops, .fields = delivery_fields,
	.noun = "menu",
	.index_sql = "CREATE INDEX records_delivery_offer ON records({offer}) WHERE kind = 'delivery';",
	.attachments_in_state = 1,
	.version = 2	/* 2: its offer, pairing and need ids of their kinds */
};

/* ---- writes ---- */

/* A live org as records refer to it: its id (by name or id, with "did you mean"). */
static int org_name(char **out, struct zdh_txn *txn, const char *name, const char *want)
{
	*out = NULL;
	return zdh_org_resolve(out, zdh_txn_index(txn), name, want, 0);
}

static int set_org(json_t *set, const char *key, struct zdh_txn *txn, const char *name,
		   const char *want)
{
	char *canon;
	int err;

	if (!name)
		return 0;
	if (!*name) {
		json_object_set_new(set, key, json_string(""));
		return 0;
	}
	if ((err = org_name(&canon, txn, name, want)))
		return err;
	json_object_set_new(set, key, json_string(canon));
	free(canon);
	return 0;
}

static void set_text(json_t *set, const char *key, const char *value)
{
	if (value)
		json_object_set_new(set, key, json_string(value));
}

/* "新桥, 延安公寓" (or 新桥、延安公寓: zdh_list_next()) → ["XQ-O2", "XQ-O5"] by id, sorted, once each. */
static int set_areas(json_t *set, struct zdh_txn *txn, const char *areas)
{
	json_t *list;
	const char *p = areas, *item;
	size_t n;
	int err = 0;

	if (!areas)
		return 0;
	list = json_array();
	while (!err && zdh_list_next(&p, &item, &n)) {
		char *word = zdh_strndup(item, n), *canon = NULL;
		if (!(err = org_name(&canon, txn, word, "area"))) {
			size_t i;
			json_t *v = NULL;
			json_array_foreach(list, i, v)
				if (strcmp(json_string_value(v), canon) >= 0)
					break;
			if (i == json_array_size(list) || strcmp(json_string_value(v), canon))
				json_array_insert_new(list, i, json_string(canon));
		}
		free(canon);
		free(word);
	}
	if (err)
		json_decref(list);
	else
		json_object_set_new(set, "areas", list);
	return err;
}

static int menu_event(struct zdh_txn *txn, const struct zdh_kind *kind, const char *id,
		      const char *op, json_t *data, const char *what, const struct zdh_time *date,
		      char **id_out)
{
	char *summary = zdh_asprintf("%s %s %s", kind->name, op, what ? what : id);
	int err;

	zdh_org_note_names(zdh_txn_index(txn), data);
	err = zdh_txn_event(txn, kind, id, op, data, summary, date, id_out);

	free(summary);
	return err;
}

static int offer_set(json_t *set, struct zdh_txn *txn, const struct zdh_offer_fields *f)
{
	int err;

	set_text(set, "title", f->title);
	if ((err = set_org(set, "provider", txn, f->provider, NULL)))
		return err;
	set_text(set, "category", f->category);
	set_text(set, "schedule", f->schedule);
	set_text(set, "contact", f->contact);
	if (f->capacity >= 0)
		json_object_set_new(set, "capacity", json_integer(f->capacity));
	return set_areas(set, txn, f->areas);
}

int zdh_offer_add(struct zdh_txn *txn, const struct zdh_offer_fields *f,
		  const struct zdh_time *date, char **id)
{
	json_t *data = json_object(), *set = json_object();
	struct zdh_offer_fields g = *f;
	int err;

	json_object_set_new(data, "set", set);
	if (g.schedule && !*g.schedule)
		g.schedule = NULL;
	if (g.contact && !*g.contact)
		g.contact = NULL;
	if (g.capacity == 0)
		g.capacity = -1;
	if ((err = offer_set(set, txn, &g))) {
		json_decref(data);
		return err;
	}
	return menu_event(txn, &zdh_kind_offer, NULL, "add", data, f->title, date, id);
}

static void set_reason(json_t *data, const char *reason)
{
	if (reason && *reason)
		json_object_set_new(data, "reason", json_string(reason));
}

int zdh_offer_edit(struct zdh_txn *txn, const char *id, const struct zdh_offer_fields *f,
		   const char *reason, const struct zdh_time *date)
{
	json_t *data = json_object(), *set = json_object();
	int err;

	json_object_set_new(data, "set", set);
	if ((err = offer_set(set, txn, f))) {
		json_decref(data);
		return err;
	}
	set_reason(data, reason);
	return menu_event(txn, &zdh_kind_offer, id, "edit", data, NULL, date, NULL);
}

static int need_set(json_t *set, struct zdh_txn *txn, const struct zdh_need_fields *f)
{
	int err;

	set_text(set, "title", f->title);
	if ((err = set_org(set, "area", txn, f->area, "area")))
		return err;
	set_text(set, "category", f->category);
	set_text(set, "issue", f->issue);
	set_text(set, "note", f->note);
	if (f->people >= 0)
		json_object_set_new(set, "people", json_integer(f->people));
	return 0;
}

int zdh_need_add(struct zdh_txn *txn, const struct zdh_need_fields *f,
		 const struct zdh_time *date, char **id)
{
	json_t *data = json_object(), *set = json_object();
	struct zdh_need_fields g = *f;
	int err;

	json_object_set_new(data, "set", set);
	if (g.issue && !*g.issue)
		g.issue = NULL;
	if (g.note && !*g.note)
		g.note = NULL;
	if ((err = need_set(set, txn, &g))) {
		json_decref(data);
		return err;
	}
	return menu_event(txn, &zdh_kind_need, NULL, "add", data, f->title, date, id);
}

int zdh_need_edit(struct zdh_txn *txn, const char *id, const struct zdh_need_fields *f,
		  const char *reason, const struct zdh_time *date)
{
	json_t *data = json_object(), *set = json_object();
	int err;

	json_object_set_new(data, "set", set);
	if ((err = need_set(set, txn, f))) {
		json_decref(data);
		return err;
	}
	set_reason(data, reason);
	return menu_event(txn, &zdh_kind_need, id, "edit", data, NULL, date, NULL);
}

int zdh_menu_retire(struct zdh_txn *txn, const char *id, const char *reason,
		    const struct zdh_time *date)
{
	const char *kind = zdh_menu_kind_of(id);
	json_t *data = json_object();

	if (!kind || (strcmp(kind, "offer") && strcmp(kind, "need"))) {
		json_decref(data);
		return zdh_error_set(ZDH_EINVALID, _("'%s' is not an offer or a need"), id);
	}
	set_reason(data, reason);
	return menu_event(txn, !strcmp(kind, "offer") ? &zdh_kind_offer : &zdh_kind_need, id,
			  "retire", data, NULL, date, NULL);
}

/*
 * A pairing's day in any form a date takes (12月4日, today, 2026/12/4),
 * *day pointed at it as YYYY-MM-DD in out; 12/4 refused by the parser,
 * saying why.  Anything else is left for is_day() to refuse.
 */
static int pair_day(char out[11], const char **day, const char *tz)
{
	int err;

	if (!*day || is_day(*day) || !zdh_date_names_day(*day))
		return 0;
	if (!(err = zdh_date_day(out, *day, tz)))
		*day = out;
	return err;
}

/* A year after from, less a day: "2026-12-01" → "2027-11-30". */
static void a_year_after(char out[11], const char *from)
{
	int y = atoi(from), m = atoi(from + 5), d = atoi(from + 8);
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	y++;
	if (m == 2 && d == 29)
		d = 28;
	if (--d == 0) {
		if (--m == 0) {
			m = 12;
			y--;
		}
		d = mdays[m - 1] + (m == 2 && ((y % 4 == 0 && y % 100) || y % 400 == 0));
	}
	if (y > 9999) {		/* a term from 9999: to the last day there is */
		y = 9999;
		m = 12;
		d = 31;
	}
	{
		char tmp[40];
		snprintf(tmp, sizeof(tmp), "%04d-%02d-%02d", y, m, d);
		memcpy(out, tmp, 11);
	}
}

int zdh_menu_pair(struct zdh_txn *txn, const char *need, const char *offer, const char *from,
		  const char *until, const char *note, const struct zdh_time *date, char **id)
{
	char day[11], end[11], first[11], last[11];
	json_t *set = json_object(), *data = json_pack("{s:o}", "set", set);
	char *what, *pid = NULL;
	const char *tz = zdh_index_repo(zdh_txn_index(txn))->timezone;
	int err;

	if (!from) {
		day_of(day, date);
		from = day;
	}
	if ((err = pair_day(first, &from, tz)) || (err = pair_day(last, &until, tz))) {
		json_decref(data);
		return err;
	}
	if (!is_day(from) || (until && !is_day(until))) {
		json_decref(data);
		return zdh_error_set(ZDH_EINVALID, _("%s '%s' is not a day (YYYY-MM-DD)"),
				     !is_day(from) ? "--from" : "--until", !is_day(from) ? from : until);
	}
	if (!until) {
		a_year_after(end, from);
		until = end;
	}
	json_object_set_new(set, "need", json_string(need));
	json_object_set_new(set, "offer", json_string(offer));
	json_object_set_new(set, "from", json_string(from));
	json_object_set_new(set, "until", json_string(until));
	if (note && *note)
		json_object_set_new(set, "note", json_string(note));
	what = zdh_asprintf("%s %s", need, offer);
	err = menu_event(txn, &zdh_kind_pairing, NULL, "add", data, what, date, &pid);
	free(what);
	/* its place on the offer, decided by the offer's fold (check_take) */
	if (!err) {
		data = json_pack("{s:s, s:s, s:s}", "pairing", pid, "from", from, "until", until);
		what = zdh_asprintf("%s %s", offer, pid);
		err = menu_event(txn, &zdh_kind_offer, offer, "take", data, what, date, NULL);
		free(what);
	}
	if (!err && id)
		*id = pid;
	else
		free(pid);
	return err;
}

int zdh_menu_unpair(struct zdh_txn *txn, const char *pairing, const char *reason,
		    const struct zdh_time *date)
{
	struct zdh_index *idx = zdh_txn_index(txn);
	json_t *data = json_object(), *st = NULL, *os = NULL;
	const char *offer;
	char *what;
	int err;

	set_reason(data, reason);
	if ((err = menu_event(txn, &zdh_kind_pairing, pairing, "end", data, NULL, date, NULL)))
		return err;
	/* the place it held on the offer, when it held one (pairings before places held none) */
	if ((err = zdh_index_state(idx, "pairing", pairing, &st, NULL)))
		return err;
	if ((offer = str(st, "offer")) && !zdh_index_state(idx, "offer", offer, &os, NULL) &&
	    json_object_get(json_object_get(os, "places"), pairing)) {
		what = zdh_asprintf("%s %s", offer, pairing);
		err = menu_event(txn, &zdh_kind_offer, offer, "release",
				 json_pack("{s:s}", "pairing", pairing), what, date, NULL);
		free(what);
	}
	json_decref(os);
	json_decref(st);
	return err;
}

int zdh_menu_deliver(struct zdh_txn *txn, const char *pair_or_offer, long long people,
		     long long minutes, const char *note, const struct zdh_time *date, char **id)
{
	const char *kind = zdh_menu_kind_of(pair_or_offer);
	json_t *set = json_object(), *data = json_pack("{s:o}", "set", set), *st = NULL;
	char day[11];
	int err;

	if (!kind || (strcmp(kind, "pairing") && strcmp(kind, "offer"))) {
		json_decref(data);
		return zdh_error_set(ZDH_EINVALID, _("'%s' is not a pairing or an offer"),
				     pair_or_offer);
	}
	if (!strcmp(kind, "pairing")) {
		if ((err = record_state(zdh_txn_index(txn), "pairing", pair_or_offer, &st))) {
			json_decref(data);
			return err;
		}
		json_object_set_new(set, "pairing", json_string(pair_or_offer));
		json_object_set(set, "offer", json_object_get(st, "offer"));
		json_object_set(set, "need", json_object_get(st, "need"));
		json_decref(st);
	} else {
		json_object_set_new(set, "offer", json_string(pair_or_offer));
	}
	day_of(day, date);
	json_object_set_new(set, "day", json_string(day));
	if (people >= 0)
		json_object_set_new(set, "people", json_integer(people));
	if (minutes >= 0)
		json_object_set_new(set, "minutes", json_integer(minutes));
	if (note && *note)
		json_object_set_new(set, "note", json_string(note));
	return menu_event(txn, &zdh_kind_delivery, NULL, "add", data, pair_or_offer, date, id);
}

int zdh_menu_feedback(struct zdh_txn *txn, const char *delivery, int satisfaction,
		      const char *comment, const struct zdh_time *date)
{
	json_t *set = json_pack("{s:i}", "satisfaction", satisfaction);

	if (comment && *comment)
		json_object_set_new(set, "feedback", json_string(comment));
	return menu_event(txn, &zdh_kind_delivery, delivery, "feedback",
			  json_pack("{s:o}", "set", set), NULL, date, NULL);
}

/* ---- queries ---- */

static int index_error(struct zdh_index *idx)
{
	return zdh_error_set(ZDH_ERROR, "index: %s", zdh_db_errmsg(zdh_index_db(idx)));
}

/* fn(id, state) for each record of kind in id order, where sql's ?1 is the kind. */
/* The orgs a state refers to named as they are now (an offer's areas in the order of their names). */
static void name_orgs(struct zdh_index *idx, json_t *st)
{
	zdh_org_name_refs(idx, st);
	zdh_org_name_list(idx, json_object_get(st, "areas"));
}

/* each_state()'s flags */
#define EACH_NAME 1		/* the org references named (name_orgs) */
#define EACH_LIVE 2		/* retired records left out */

/*
 * fn(id, state, payload) for each row (id, state) of sql, bound to kind,
 * a2 and a3 (NULL: unbound); the state with its id, and its org
 * references named with EACH_NAME (without, fn names them itself).
 * Retired records are left out with EACH_LIVE, here and not by
 * json_extract in SQL: the state is parsed once, before it is named.
 */
static int each_state(struct zdh_index *idx, const char *sql, const char *kind,
		      const char *a2, const char *a3, int flags,
		      int (*fn)(const char *id, json_t *state, void *payload), void *payload)
{
	sqlite3_stmt *s;
	int rc, err = 0;

	if (zdh_index_prepare(idx, sql, &s))
		return index_error(idx);
	sqlite3_bind_text(s, 1, kind, -1, SQLITE_STATIC);
	if (a2)
		sqlite3_bind_text(s, 2, a2, -1, SQLITE_STATIC);
	if (a3)
		sqlite3_bind_text(s, 3, a3, -1, SQLITE_STATIC);
	while (!err && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *id = (const char *)sqlite3_column_text(s, 0);
		const char *text = (const char *)sqlite3_column_text(s, 1);
		/* (zdh's parser: a match reads every need or offer, jansson's took a third of it) */
		json_t *st = text ? zdh_json_parse(text, (size_t)sqlite3_column_bytes(s, 1), NULL) : NULL;
		if (!st) {
			err = zdh_error_set(ZDH_ECORRUPT, _("index: the state of %s is not JSON"), id);
			break;
		}
		if ((flags & EACH_LIVE) && json_object_get(st, "retired")) {
			json_decref(st);
			continue;
		}
		json_object_set_new(st, "id", json_string(id));
		if (flags & EACH_NAME)
			name_orgs(idx, st);
		err = fn(id, st, payload);
		json_decref(st);
	}
	if (!err && rc != SQLITE_DONE)
		err = index_error(idx);
	sqlite3_finalize(s);
	return err;
}

struct list_walk {
	const struct zdh_menu_filter *f;
	int (*fn)(json_t *, void *);
	void *payload;
	struct zdh_index *idx;
};

static int has_area(const json_t *offer, const char *area)
{
	json_t *areas = json_object_get(offer, "areas"), *v;
	size_t i;

	if (!json_array_size(areas))
		return 1;
	json_array_foreach(areas, i, v)
		if (!strcmp(json_string_value(v), area))
			return 1;
	return 0;
}

static int offer_one(const char *id, json_t *st, void *payload)
{
	struct list_walk *w = payload;
	long long used = 0;
	int err;

	(void)id;
	if (w->f->area && !has_area(st, w->f->area))
		return 0;
	if (w->f->month) {
		if ((err = places_used(w->idx, id, w->f->month, &used, NULL)))
			return err;
		json_object_set_new(st, "used", json_integer(used));
	}
	return w->fn(st, w->payload);
}

#define LIST_SQL_WHERE \
	"SELECT id, state FROM records WHERE kind = ?1" \
	" AND (?2 IS NULL OR json_extract(state, '$.category') = ?2)"
#define LIST_SQL_ORDER " ORDER BY prefix, n"
static const char list_sql[] = LIST_SQL_WHERE LIST_SQL_ORDER;

int zdh_menu_offers(struct zdh_index *idx, const struct zdh_menu_filter *f,
		    int (*fn)(json_t *offer, void *payload), void *payload)
{
	struct list_walk w = { f, fn, payload, idx };
	struct zdh_buf sql = ZDH_BUF_INIT;
	int err;

	zdh_buf_puts(&sql, LIST_SQL_WHERE);
	/* the provider's id, or a name an older event wrote */
	zdh_org_in(&sql, idx, "json_extract(state, '$.provider')", f->provider, NULL);
	zdh_buf_puts(&sql, LIST_SQL_ORDER);
	err = each_state(idx, sql.ptr, "offer", f->category, NULL,
			 EACH_NAME | (f->all ? 0 : EACH_LIVE), offer_one, &w);
	zdh_buf_release(&sql);
	return err;
}

static int need_one(const char *id, json_t *st, void *payload)
{
	struct list_walk *w = payload;

	(void)id;
	if (w->f->area && strcmp(str(st, "area") ? str(st, "area") : "", w->f->area))
		return 0;
	return w->fn(st, w->payload);
}

int zdh_menu_needs(struct zdh_index *idx, const struct zdh_menu_filter *f,
		   int (*fn)(json_t *need, void *payload), void *payload)
{
	/* (through records_need_issue: issue show asks it of every issue) */
	static const char issue_sql[] = LIST_SQL_WHERE
		" AND (prefix, n, id) IN (SELECT prefix, n, id FROM records_need WHERE issue = ?3)"
		LIST_SQL_ORDER;
	struct list_walk w = { f, fn, payload, idx };

	/* (an issue's needs, asked by issue show: none when there is no need at all) */
	if (f->issue && zdh_index_kind_empty(idx, "need"))
		return 0;
	return each_state(idx, f->issue ? issue_sql : list_sql, "need", f->category, f->issue,
			  EACH_NAME | (f->all ? 0 : EACH_LIVE), need_one, &w);
}

static int pairing_one(const char *id, json_t *st, void *payload)
{
	struct list_walk *w = payload;

	mark_placeless(w->idx, id, st);
	if (!w->f->all && strcmp(str(st, "status"), "active"))
		return 0;
	if (w->f->offer && strcmp(str(st, "offer"), w->f->offer))
		return 0;
	if (w->f->need && strcmp(str(st, "need"), w->f->need))
		return 0;
	return w->fn(st, w->payload);
}

int zdh_menu_pairings(struct zdh_index *idx, const struct zdh_menu_filter *f,
		      int (*fn)(json_t *pairing, void *payload), void *payload)
{
	struct list_walk w = { f, fn, payload, idx };

	return each_state(idx, list_sql, "pairing", NULL, NULL, EACH_NAME, pairing_one, &w);
}

/* Deliveries whose field (offer or pairing) is id, with their count and satisfaction. */
struct deliveries {
	json_t *list;
	long long rated, sum;
};

static int delivery_one(const char *id, json_t *st, void *payload)
{
	struct deliveries *d = payload;
	json_int_t sat = json_integer_value(json_object_get(st, "satisfaction"));

	(void)id;
	if (sat) {
		d->rated++;
		d->sum += sat;
	}
	json_array_append(d->list, st);
	return 0;
}

static int add_deliveries(json_t *out, struct zdh_index *idx, const char *field, const char *id)
{
	static const char sql[] =
		"SELECT id, state FROM records WHERE kind = ?1"
		" AND json_extract(state, '$.' || ?2) = ?3 ORDER BY prefix, n";
	struct deliveries d = { json_array(), 0, 0 };
	int err = each_state(idx, sql, "delivery", field, id, EACH_NAME, delivery_one, &d);

	json_object_set_new(out, "deliveries", d.list);
	json_object_set_new(out, "rated", json_integer(d.rated));
	if (d.rated) {
		char avg[32];
		/* two decimals, exactly: sum * 100 / rated rounded half up */
		long long h = (d.sum * 200 / d.rated + 1) / 2;
		snprintf(avg, sizeof(avg), "%lld.%02lld", h / 100, h % 100);
		json_object_set_new(out, "satisfaction", json_string(avg));
	} else {
		json_object_set_new(out, "satisfaction", json_null());
	}
	return err;
}

static int pairing_collect(json_t *st, void *payload)
{
	json_array_append((json_t *)payload, st);
	return 0;
}

int zdh_menu_get(json_t **out, struct zdh_index *idx, const char *id)
{
	const char *kind = zdh_menu_kind_of(id);
	json_t *st = NULL;
	int err;

	*out = NULL;
	if (!kind)
		return zdh_error_set(ZDH_ENOTFOUND, _("'%s' is not the id of an offer, need, pairing or delivery"),
				     id);
	if ((err = record_state(idx, kind, id, &st)))
		return err;
	if (!strcmp(kind, "pairing"))
		mark_placeless(idx, id, st);
	name_orgs(idx, st);
	json_object_set_new(st, "id", json_string(id));
	json_object_set_new(st, "kind", json_string(kind));
	{
		json_t *c = NULL;
		if ((err = zdh_conflicts_of(idx, kind, id, &c))) {
			json_decref(st);
			return err;
		}
		json_object_set_new(st, "conflicts", c ? c : json_array());
	}
	if (!strcmp(kind, "offer") || !strcmp(kind, "pairing"))
		err = add_deliveries(st, idx, kind, id);
	if (!err && (!strcmp(kind, "offer") || !strcmp(kind, "need"))) {
		struct zdh_menu_filter f = ZDH_MENU_FILTER_INIT;
		json_t *list = json_array();
		f.all = 1;
		if (!strcmp(kind, "offer"))
			f.offer = id;
		else
			f.need = id;
		err = zdh_menu_pairings(idx, &f, pairing_collect, list);
		json_object_set_new(st, "pairings", list);
	}
	if (err)
		json_decref(st);
	else
		*out = st;
	return err;
}

/* ---- match ---- */

/* Per offer: places used in month and the ratings of its deliveries, read at once. */
struct offer_stats {
	json_t *used;	/* offer id → places used */
	json_t *rated;	/* offer id → [rated, sum] */
	json_t *pairs;	/* "need offer" → pairing id (active ones) */
	/*
	 * What score() reads of the offer it scored last, read once: ranking
	 * an offer scores it against every need (eight hash look-ups a need
	 * saved, 660,000 instructions for 500).  Known by the offer's id (a
	 * copy): an address could be another offer's after the first is freed.
	 */
	struct {
		char *id;
		const char *district;
		long long capacity, used, rated, rating_sum;
		int areas_open;
	} last;
};

static int stats(struct offer_stats *o, struct zdh_index *idx, const char *month)
{
	sqlite3_stmt *s;
	int rc;

	o->used = json_object();
	o->rated = json_object();
	o->pairs = json_object();
	if (zdh_index_prepare(idx,
			       "SELECT id, need, offer,"
			       " json_extract(state, '$.from'), json_extract(state, '$.until')"
			       " FROM records_pairing p WHERE status = 'active'"
			       /* not one holding no place (placeless()) */
			       " AND NOT EXISTS (" PLACELESS_TAKE("p.offer", "p.id") ")"
			       " ORDER BY prefix, n", &s))
		return index_error(idx);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *offer = (const char *)sqlite3_column_text(s, 2);
		char *key = zdh_asprintf("%s %s", (const char *)sqlite3_column_text(s, 1), offer);
		if (!json_object_get(o->pairs, key))
			json_object_set_new(o->pairs, key,
					    json_string((const char *)sqlite3_column_text(s, 0)));
		free(key);
		if (zdh_menu_term_covers((const char *)sqlite3_column_text(s, 3),
					 (const char *)sqlite3_column_text(s, 4), month))
			json_object_set_new(o->used, offer, json_integer(
				json_integer_value(json_object_get(o->used, offer)) + 1));
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return index_error(idx);
	if (zdh_index_prepare(idx,
			       "SELECT offer, sum(pairing IS NULL AND substr(day, 1, 7) = ?1),"
			       " count(satisfaction), coalesce(sum(satisfaction), 0)"
			       " FROM records_delivery GROUP BY 1", &s))
		return index_error(idx);
	sqlite3_bind_text(s, 1, month, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *offer = (const char *)sqlite3_column_text(s, 0);
		if (!offer)
			continue;
		json_object_set_new(o->used, offer, json_integer(
			json_integer_value(json_object_get(o->used, offer)) + sqlite3_column_int64(s, 1)));
		json_object_set_new(o->rated, offer, json_pack("[I,I]",
			(json_int_t)sqlite3_column_int64(s, 2), (json_int_t)sqlite3_column_int64(s, 3)));
	}
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : index_error(idx);
}

static void stats_free(struct offer_stats *o)
{
	json_decref(o->used);
	json_decref(o->rated);
	json_decref(o->pairs);
	free(o->last.id);
}

struct candidate {
	json_t *j;
	const char *id;
	int total;
	size_t at;	/* its place in id order, when gathered in id order (else unused) */
};

static int cand_cmp(const void *a, const void *b)
{
	const struct candidate *x = a, *y = b;
	return zdh_match_order(x->total, x->id, y->total, y->id);
}

/* zdh_match_order() when the candidates came in id order: their places stand for their ids */
static int cand_cmp_at(const void *a, const void *b)
{
	const struct candidate *x = a, *y = b;

	if (x->total != y->total)
		return x->total > y->total ? -1 : 1;
	return x->at < y->at ? -1 : x->at > y->at;
}

/*
 * One reason of a candidate's "why": under the user's language when shown
 * is set (the table), else in English (--json: what a script reads must
 * not depend on the locale).  fmt is the message's N_() text.
 */
static void why_add(json_t *why, int shown, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void why_add(json_t *why, int shown, const char *fmt, ...)
{
	struct zdh_buf b = ZDH_BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	zdh_buf_vaddf(&b, shown ? _(fmt) : fmt, ap);
	va_end(ap);
	json_array_append_new(why, json_string(b.ptr));
	zdh_buf_release(&b);
}

/* why_add() of a plural pair (NN_()), its form chosen for n */
static void why_add_n(json_t *why, int shown, const char *one, const char *many, long long n, ...)
{
	struct zdh_buf b = ZDH_BUF_INIT;
	va_list ap;

	va_start(ap, n);
	zdh_buf_vaddf(&b, zdh_plural(shown, one, many, n), ap);
	va_end(ap);
	json_array_append_new(why, json_string(b.ptr));
	zdh_buf_release(&b);
}

/*
 * Score one need against one offer: *total, and when describe is set the
 * candidate object ({"id" of the other side, "score", "parts", "why"}),
 * else NULL (the ranking scores every candidate, describes only those shown).
 * describe is ZDH_MATCH_WHY_SHOWN for a "why" in the user's language (and
 * menu categories by their labels under a Chinese catalogue), else
 * English with the categories' words.
 * What it reads of the offer is kept in o->last for the next call with the
 * same offer (the same id).
 */

static json_t *score(const json_t *need, const json_t *offer, const char *other_id,
		     const json_t *dist, struct offer_stats *o, const char *month, int *total,
		     int describe, const struct zdh_repo *repo)
{
	struct zdh_match_input in;
	struct zdh_match_score sc;
	const char *offer_id, *need_id = str(need, "id");
	const char *area = str(need, "area"), *nd, *pd, *pair;
	json_t *c, *why;

	offer_id = str(offer, "id");
	ZDH_ASSERT(offer_id);	/* (gathered offers and the one matched carry their ids) */
	if (!o->last.id || strcmp(o->last.id, offer_id)) {
		json_t *r;
		free(o->last.id);
		o->last.id = zdh_strdup(offer_id);
		r = json_object_get(o->rated, offer_id);
		o->last.areas_open = !json_array_size(json_object_get(offer, "areas"));
		o->last.district = str(dist, str(offer, "provider"));
		o->last.capacity = json_integer_value(json_object_get(offer, "capacity"));
		o->last.used = json_integer_value(json_object_get(o->used, offer_id));
		o->last.rated = json_integer_value(json_array_get(r, 0));
		o->last.rating_sum = json_integer_value(json_array_get(r, 1));
	}
	offer_id = o->last.id;
	size_t ln = strlen(need_id), lo = strlen(offer_id);
	char buf[96], *key = ln + lo + 2 <= sizeof(buf) ? buf : zdh_malloc(ln + lo + 2);

	/* "need offer", as stats() keys the pairings: once per candidate, so no printf */
	memcpy(key, need_id, ln);
	key[ln] = ' ';
	memcpy(key + ln + 1, offer_id, lo + 1);

	memset(&in, 0, sizeof(in));
	in.same_category = !strcmp(str(need, "category"), str(offer, "category"));
	in.areas_open = o->last.areas_open;
	in.area_listed = !in.areas_open && area && has_area(offer, area);
	nd = area ? str(dist, area) : NULL;
	pd = o->last.district;
	in.same_district = nd && pd && !strcmp(nd, pd);
	in.capacity = o->last.capacity;
	in.used = o->last.used;
	in.rated = o->last.rated;
	in.rating_sum = o->last.rating_sum;
	pair = str(o->pairs, key);
	in.paired = pair != NULL;
	if (key != buf)
		free(key);
	zdh_match_score(&sc, &in);
	*total = sc.total;
	if (!describe)
		return NULL;
	why = json_array();

	{
		int t = describe == ZDH_MATCH_WHY_SHOWN;
		const char *want = str(need, "category"), *got = str(offer, "category");
		if (t) {
			want = zdh_menu_category_shown(repo, want);
			got = zdh_menu_category_shown(repo, got);
		}
		if (in.same_category)
			why_add(why, t, N_("category %s"), want);
		else
			why_add(why, t, N_("other category (%s, wanted %s)"), got, want);
		if (in.area_listed)
			why_add(why, t, N_("serves %s"), area);
		else if (!in.areas_open)
			why_add(why, t, N_("not offered in %s"), area ? area : "?");
		else if (in.same_district)
			why_add(why, t, N_("provider in the same district (%s)"), nd);
		else
			why_add(why, t, N_("open to every area"));
		if (in.capacity <= 0)
			why_add(why, t, N_("no capacity given"));
		else if (in.used >= in.capacity)
			why_add(why, t, N_("full in %s (%lld of %lld taken)"), month, in.used, in.capacity);
		else
			why_add(why, t, N_("%lld of %lld left in %s"), in.capacity - in.used, in.capacity,
				month);
		if (in.rated) {
			long long h = (in.rating_sum * 20 / in.rated + 1) / 2;
			why_add_n(why, t, NN_("rated %lld.%lld by %lld delivery", "rated %lld.%lld by %lld deliveries"),
				  in.rated, h / 10, h % 10, in.rated);
		} else {
			why_add(why, t, N_("not rated yet"));
		}
		if (in.paired)
			why_add(why, t, N_("already paired (%s)"), pair);
	}
	c = json_pack("{s:s, s:s?, s:i, s:{s:i, s:i, s:i, s:i, s:i}, s:o}",
		      "id", other_id,
		      "title", str(!strcmp(other_id, offer_id) ? offer : need, "title"),
		      "score", sc.total,
		      "parts", "category", sc.category, "place", sc.place, "capacity", sc.capacity,
		      "rating", sc.rating, "pair", sc.pair,
		      "why", why);
	return c;
}

struct gather {
	struct candidate *v;
	size_t n, alloc;
};

static int gather_one(json_t *st, void *payload)
{
	struct gather *g = payload;

	if (g->n == g->alloc) {
		g->alloc = g->alloc ? 2 * g->alloc : 128;
		g->v = zdh_realloc(g->v, g->alloc * sizeof(*g->v));
	}
	g->v[g->n].j = json_incref(st);
	g->v[g->n].id = str(st, "id");
	g->v[g->n].total = 0;
	g->n++;
	return 0;
}

/*
 * The live needs an offer is matched against, as zdh_menu_needs() gives
 * them (id order, the state with its id), but named more cheaply: of a
 * need's references to orgs a match reads only its area (score()), so the
 * area is labelled, one label an area shared by its needs, instead of
 * every reference of every need (name_orgs(): 2,800 instructions a need).
 * A state that notes names of its own, or whose area is not one string,
 * is named by name_orgs() as before.
 */
struct need_labels {
	struct zdh_index *idx;
	struct gather *g;
	json_t *labels;		/* an area's label, by its reference */
};

/* A need for the match: its area labelled once an area, not every reference named. */
static int match_need(const char *id, json_t *st, void *payload)
{
	struct need_labels *n = payload;
	json_t *area, *label;

	(void)id;
	area = json_object_get(st, "area");
	if (json_object_get(st, "names") || (area && !json_is_string(area))) {
		name_orgs(n->idx, st);
	} else if (area) {
		if (!(label = json_object_get(n->labels, json_string_value(area)))) {
			label = json_string(zdh_org_label(n->idx, json_string_value(area)));
			json_object_set_new(n->labels, json_string_value(area), label);
		}
		json_object_set(st, "area", label);
	}
	return gather_one(st, n->g);
}

static int match_needs(struct zdh_index *idx, struct gather *g)
{
	struct need_labels n = { idx, g, json_object() };
	int err = each_state(idx, list_sql, "need", NULL, NULL, EACH_LIVE, match_need, &n);

	json_decref(n.labels);
	return err;
}

int zdh_menu_match(json_t **out, struct zdh_index *idx, const char *id, const char *month,
		   size_t limit, int why)
{
	const char *kind = zdh_menu_kind_of(id);
	struct zdh_menu_filter f = ZDH_MENU_FILTER_INIT;
	struct offer_stats o;
	struct gather g = { NULL, 0, 0 }, sc = { NULL, 0, 0 };
	json_t *me = NULL, *dist = NULL;
	int err;

	*out = NULL;
	memset(&o, 0, sizeof(o));
	if (!kind || (strcmp(kind, "need") && strcmp(kind, "offer")))
		return zdh_error_set(ZDH_EINVALID, _("'%s' is not a need or an offer"), id);
	if ((err = zdh_menu_month_check(month)))
		return err;
	if ((err = live_record(idx, kind, id, &me)))
		return err;
	name_orgs(idx, me);
	json_object_set_new(me, "id", json_string(id));
	dist = zdh_org_districts(idx);	/* the registry read once, by name */
	if ((err = stats(&o, idx, month)))
		goto done;
	if (!strcmp(kind, "need"))
		err = zdh_menu_offers(idx, &f, gather_one, &g);
	else
		err = match_needs(idx, &g);
	if (err)
		goto done;
	/* score all, sort, then describe the first limit: a candidate's words cost more than its score */
	sc.v = zdh_calloc(g.n + 1, sizeof(*sc.v));
	for (size_t i = 0; i < g.n; i++) {
		int total;
		if (!strcmp(kind, "need"))
			score(me, g.v[i].j, g.v[i].id, dist, &o, month, &total, 0, NULL);
		else
			score(g.v[i].j, me, g.v[i].id, dist, &o, month, &total, 0, NULL);
		sc.v[i].j = g.v[i].j;
		sc.v[i].id = g.v[i].id;
		sc.v[i].total = total;
	}
	sc.n = g.n;
	/*
	 * The candidates come in (prefix, n) order, which is zdh_menu_id_cmp()'s
	 * for ids of one kind; checked here once (n - 1 comparisons) so that
	 * the sort's ties (many: scores are coarse) compare two numbers, not
	 * two ids (1,928 id comparisons, 0.8 million instructions, for 500).
	 */
	{
		int in_order = 1;
		for (size_t i = 0; i < sc.n; i++) {
			sc.v[i].at = i;
			if (i && zdh_menu_id_cmp(sc.v[i - 1].id, sc.v[i].id) >= 0)
				in_order = 0;
		}
		if (sc.n)
			qsort(sc.v, sc.n, sizeof(*sc.v), in_order ? cand_cmp_at : cand_cmp);
	}
	*out = json_array();
	for (size_t i = 0; i < sc.n && (!limit || i < limit); i++) {
		int total;
		json_t *c = !strcmp(kind, "need") ?
			score(me, sc.v[i].j, sc.v[i].id, dist, &o, month, &total, why, zdh_index_repo(idx)) :
			score(sc.v[i].j, me, sc.v[i].id, dist, &o, month, &total, why, zdh_index_repo(idx));
		json_object_set_new(c, "rank", json_integer((json_int_t)i + 1));
		json_array_append_new(*out, c);
	}
done:
	for (size_t i = 0; i < g.n; i++)
		json_decref(g.v[i].j);
	free(g.v);
	free(sc.v);
	stats_free(&o);
	json_decref(dist);
	json_decref(me);
	return err;
}

/* ---- publish ---- */

static void html_escape(struct zdh_buf *b, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '<': zdh_buf_puts(b, "&lt;"); break;
		case '>': zdh_buf_puts(b, "&gt;"); break;
		case '&': zdh_buf_puts(b, "&amp;"); break;
		case '"': zdh_buf_puts(b, "&quot;"); break;
		default: zdh_buf_addch(b, *s);
		}
	}
}

/* Markdown table cell: '|' escaped, line breaks as spaces. */
static void md_cell(struct zdh_buf *b, const char *s)
{
	for (; s && *s; s++) {
		if (*s == '|')
			zdh_buf_puts(b, "\\|");
		else if (*s == '\n' || *s == '\r')
			zdh_buf_addch(b, ' ');
		else
			zdh_buf_addch(b, *s);
	}
}

static void areas_text(struct zdh_buf *b, const json_t *offer)
{
	json_t *v;
	size_t i;

	if (!json_array_size(json_object_get(offer, "areas"))) {
		zdh_buf_puts(b, "全部居民区");
		return;
	}
	json_array_foreach(json_object_get(offer, "areas"), i, v)
		zdh_buf_addf(b, "%s%s", i ? "、" : "", json_string_value(v));
}

struct publish {
	struct zdh_index *idx;
	const char *format;
	struct zdh_buf *out;
	json_t *offers;		/* every live offer, id order */
	long long count;
};

static int collect(json_t *st, void *payload)
{
	json_array_append(payload, st);
	return 0;
}

static int publish_category(const char *name, const char *label, void *payload)
{
	struct publish *p = payload;
	struct zdh_buf *b = p->out;
	json_t *v, *rows = json_array();
	size_t i;

	json_array_foreach(p->offers, i, v)
		if (!strcmp(str(v, "category"), name))
			json_array_append(rows, v);
	if (!json_array_size(rows)) {
		json_decref(rows);
		return 0;
	}
	if (!strcmp(p->format, "md")) {
		zdh_buf_addf(b, "\n## %s（%s）\n\n", label, name);
		zdh_buf_puts(b, "| 编号 | 服务项目 | 提供单位 | 联系方式 | 每月名额 | 服务居民区 | 时间安排 |\n");
		zdh_buf_puts(b, "| --- | --- | --- | --- | ---: | --- | --- |\n");
	} else if (!strcmp(p->format, "html")) {
		zdh_buf_puts(b, "<section>\n<h2>");
		html_escape(b, label);
		zdh_buf_puts(b, " <small>");
		html_escape(b, name);
		zdh_buf_puts(b, "</small></h2>\n<table>\n<thead><tr><th>编号</th><th>服务项目</th>"
			     "<th>提供单位</th><th>联系方式</th><th>每月名额</th><th>服务居民区</th>"
			     "<th>时间安排</th></tr></thead>\n<tbody>\n");
	}
	json_array_foreach(rows, i, v) {
		struct zdh_buf areas = ZDH_BUF_INIT;
		char cap[32] = "";
		long long c = json_integer_value(json_object_get(v, "capacity"));
		const char *cells[7];

		if (c > 0)
			snprintf(cap, sizeof(cap), "%lld", c);
		areas_text(&areas, v);
		cells[0] = str(v, "id");
		cells[1] = str(v, "title");
		cells[2] = str(v, "provider");
		cells[3] = str(v, "contact");
		cells[4] = cap;
		cells[5] = areas.ptr;
		cells[6] = str(v, "schedule");
		p->count++;
		if (!strcmp(p->format, "csv")) {
			const char *row[9] = { name, label, cells[0], cells[1], cells[2], cells[3],
					       cells[4], cells[5], cells[6] };
			for (int k = 0; k < 9; k++) {
				if (k)
					zdh_buf_addch(b, ',');
				zdh_csv_field(b, row[k] ? row[k] : "");
			}
			zdh_buf_puts(b, "\r\n");
		} else if (!strcmp(p->format, "md")) {
			for (int k = 0; k < 7; k++) {
				zdh_buf_puts(b, k ? " | " : "| ");
				md_cell(b, cells[k]);
			}
			zdh_buf_puts(b, " |\n");
		} else {
			zdh_buf_puts(b, "<tr>");
			for (int k = 0; k < 7; k++) {
				zdh_buf_puts(b, k == 4 ? "<td class=\"n\">" : "<td>");
				html_escape(b, cells[k]);
				zdh_buf_puts(b, "</td>");
			}
			zdh_buf_puts(b, "</tr>\n");
		}
		zdh_buf_release(&areas);
	}
	if (!strcmp(p->format, "html"))
		zdh_buf_puts(b, "</tbody>\n</table>\n</section>\n");
	json_decref(rows);
	return 0;
}

static const char html_head[] =
	"<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
	"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>";
static const char html_style[] =
	"</title>\n<style>\n"
	"body { font-family: \"Noto Sans CJK SC\", \"Source Han Sans SC\", \"PingFang SC\","
	" \"Microsoft YaHei\", \"WenQuanYi Micro Hei\", sans-serif; margin: 2em; color: #000;"
	" line-height: 1.5; }\n"
	"h1 { font-size: 1.6em; margin-bottom: 0.2em; }\n"
	"h2 { font-size: 1.2em; border-bottom: 2px solid #b22; padding-bottom: 0.2em; }\n"
	"h2 small { font-weight: normal; color: #555; }\n"
	"table { border-collapse: collapse; width: 100%; margin-bottom: 1.5em; }\n"
	"th, td { border: 1px solid #888; padding: 0.3em 0.5em; text-align: left;"
	" vertical-align: top; word-break: break-all; }\n"
	"th { background: #eee; }\n"
	"td.n { text-align: right; }\n"
	"p.meta { color: #555; }\n"
	"@media print { body { margin: 1cm; } section { break-inside: avoid; }"
	" tr { break-inside: avoid; } th { background: none; } }\n"
	"@page { size: A4; margin: 1.5cm; }\n"
	"</style>\n</head>\n<body>\n";

int zdh_menu_publish(struct zdh_buf *out, struct zdh_index *idx, const char *format,
		     const char *title)
{
	struct zdh_menu_filter f = ZDH_MENU_FILTER_INIT;
	struct publish p = { idx, format, out, json_array(), 0 };
	int err;

	if (strcmp(format, "md") && strcmp(format, "html") && strcmp(format, "csv")) {
		json_decref(p.offers);
		return zdh_error_set(ZDH_EINVALID, _("unknown format '%s' (md, html or csv)"), format);
	}
	if (!title)
		title = "资源菜单";
	if ((err = zdh_menu_offers(idx, &f, collect, p.offers)))
		goto done;
	if (!strcmp(format, "md")) {
		zdh_buf_addf(out, "# ");
		md_cell(out, title);
		zdh_buf_addf(out, "\n\n共 %zu 项服务。\n", json_array_size(p.offers));
	} else if (!strcmp(format, "html")) {
		zdh_buf_puts(out, html_head);
		html_escape(out, title);
		zdh_buf_puts(out, html_style);
		zdh_buf_puts(out, "<h1>");
		html_escape(out, title);
		zdh_buf_addf(out, "</h1>\n<p class=\"meta\">共 %zu 项服务</p>\n",
			     json_array_size(p.offers));
	} else {
		zdh_buf_puts(out, "category,label,id,title,provider,contact,capacity,areas,schedule\r\n");
	}
	err = zdh_menu_categories(zdh_index_repo(idx), publish_category, &p);
	if (!err && !strcmp(format, "html"))
		zdh_buf_puts(out, "</body>\n</html>\n");
done:
	json_decref(p.offers);
	return err;
}

int zdh_menu_live_naming(struct zdh_index *idx, const char *org_id, long long *count)
{
	return zdh_org_count_naming(idx, org_id, "SELECT count(*) FROM records r"
				    " WHERE r.kind IN ('offer', 'need') AND json_extract(r.state, '$.retired') IS NULL"
				    " AND (json_extract(r.state, '$.provider') IN ({keys})"
				    "  OR json_extract(r.state, '$.area') IN ({keys})"
				    "  OR EXISTS (SELECT 1 FROM json_each(r.state, '$.areas')"
				    "             WHERE value IN ({keys})))", count);
}

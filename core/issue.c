/*
 * issue — the record kind of residents' problems: its state machine
 * (open → claimed → escalated → resolved → closed, with returns, reopens
 * and dissatisfied callbacks), the checks and folds of its operations,
 * its write operations and its queries.  State of an issue:
 *   {"title": ..., "status": "claimed", "dept": "房管办", "due": "2026-12-04",
 *    "created": "2026-11-27T14:03:00+08:00", "urges": 1, "links": [...], ...}
 * (zdh-issue(1), zdh-repository(5)).
 *
 * check() runs again whenever a replica folds another office's events,
 * so it decides only from the issue's state and the event itself (its own
 * date, never "now").  Names of orgs are checked by the write functions
 * (an org renamed later must not turn an old claim into one with no
 * effect), and the other issue of a link only when written
 * (zdh_index_replaying).
 * Counters (returns, urges, ...) are derived in apply(), never written.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <strings.h>
#include <string.h>

#include "config.h"
#include "import.h"
#include "index-db.h"
#include "error.h"
#include "i18n.h"
#include "words.h"
#include "issue.h"
#include "json.h"
#include "rules.h"
#include "org.h"
#include "settings.h"
#include "output.h"
#include "repo.h"
#include "workday.h"

const char *const zdh_issue_states[] = {
	"open", "claimed", "escalated", "resolved", "closed", "void", NULL
};

const char *const zdh_issue_sources[] = {
	"visit", "wechat", "hotline", "petition", "hearing", "council", "grid", "other", NULL
};

const char *const zdh_issue_return_codes[] = {
	"not-our-area", "unclear-ownership", "overlapping-duties", "other", NULL
};

const char *const zdh_issue_default_categories[] = {
	"environment", "parking", "safety", "housing", "group-renting", "shops",
	"accessibility", "elderly-care", "other", NULL
};

const char *const zdh_issue_columns[] = {
	"id", "title", "body", "area", "category", "source", "reporter", "location",
	"status", "dept", "assignee", "due", "created", NULL
};

/* ---- the state machine ---- */

enum {
	S_OPEN = 1, S_CLAIMED = 2, S_ESCALATED = 4, S_RESOLVED = 8, S_CLOSED = 16,
	S_ANY = 31,		/* every state but void: a void issue takes nothing more */
	S_VOID = 32
};

/* From which states each operation is allowed, in the order messages list them. */
static const struct {
	const char *op;
	int from;
} machine[] = {
	{ "claim", S_OPEN | S_ESCALATED },	/* escalated: with no dept yet (version 3) */
	{ "assign", S_CLAIMED | S_ESCALATED },
	{ "comment", S_ANY },
	{ "escalate", S_OPEN | S_CLAIMED },
	{ "resolve", S_CLAIMED | S_ESCALATED },
	{ "close", S_RESOLVED },
	{ "reopen", S_RESOLVED | S_CLOSED },
	{ "edit", S_OPEN | S_CLAIMED | S_ESCALATED | S_RESOLVED },
	{ "follow-up", S_RESOLVED | S_CLOSED },
	{ "link", S_ANY },
	{ "return", S_CLAIMED },
	{ "urge", S_CLAIMED | S_ESCALATED },
	{ "void", S_ANY },
	{ NULL, 0 }
};

static int in_list(const char *const *list, const char *s)
{
	for (size_t i = 0; list[i]; i++)
		if (zdh_word_same(list[i], s))
			return 1;
	return 0;
}

int zdh_issue_check_status(const char *status)
{
	return zdh_word_check(zdh_issue_states, ZDH_W_ISSUE_STATUS, status, N_("status"));
}

int zdh_issue_check_source(const char *source)
{
	return zdh_word_check(zdh_issue_sources, ZDH_W_SOURCE, source, N_("source"));
}

static int check_return_code(const char *code)
{
	return zdh_word_check(zdh_issue_return_codes, ZDH_W_RETURN_CODE, code, N_("reason"));
}

struct cat_list {
	const char **v;
	size_t n;
};

static void cat_push(struct cat_list *l, const char *name)
{
	for (size_t i = 0; i < l->n; i++)
		if (!strcmp(l->v[i], name))
			return;
	l->v = zdh_realloc(l->v, (l->n + 2) * sizeof(*l->v));
	l->v[l->n++] = zdh_strdup(name);
	l->v[l->n] = NULL;
}

/* "category.NAME.title" and "category.NAME.response-days" name a category. */
static int cat_key(const char *key, const char *value, void *payload)
{
	const char *dot;

	(void)value;
	if (strncmp(key, "category.", 9) || !(dot = strrchr(key + 9, '.')) || dot == key + 9)
		return 0;
	if (strcmp(dot, ".title") && strcmp(dot, ".response-days"))
		return 0;
	{
		char *name = zdh_strndup(key + 9, (size_t)(dot - (key + 9)));
		cat_push(payload, name);
		free(name);
	}
	return 0;
}

static void categories(struct cat_list *l, const struct zdh_repo *repo)
{
	memset(l, 0, sizeof(*l));
	for (size_t i = 0; zdh_issue_default_categories[i]; i++)
		cat_push(l, zdh_issue_default_categories[i]);
	if (repo && repo->config)
		zdh_config_foreach(repo->config, cat_key, l);
}

static void categories_free(struct cat_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		free((char *)l->v[i]);
	free(l->v);
}

/* The title category.NAME.title gives name, or NULL. */
static const char *configured_title(const struct zdh_repo *repo, const char *name)
{
	const char *title = NULL;

	if (repo && repo->config) {
		char *key = zdh_asprintf("category.%s.title", name);
		title = zdh_config_get(repo->config, key);
		free(key);
	}
	return title && *title ? title : NULL;
}

const char *zdh_issue_category_label(const struct zdh_repo *repo, const char *name)
{
	const char *label;

	if (!name)
		return NULL;
	if ((label = configured_title(repo, name)) || (label = zdh_word_zh(ZDH_W_CATEGORY, name)))
		return label;
	return name;
}

const char *zdh_issue_category_shown(const struct zdh_repo *repo, const char *name)
{
	return name && zdh_i18n_chinese() ? zdh_issue_category_label(repo, name) : name;
}

char *zdh_issue_category_name(const struct zdh_repo *repo, const char *word)
{
	struct cat_list l;
	char *name = NULL;

	if (!word || !*word || in_list(zdh_issue_default_categories, word))
		return NULL;
	categories(&l, repo);
	/* a name wins over a title that happens to spell another's name */
	for (size_t i = 0; i < l.n && !name; i++)
		if (!strcmp(l.v[i], word))
			goto done;
	for (size_t i = 0; i < l.n && !name; i++) {
		const char *title = configured_title(repo, l.v[i]);
		if (title && !strcmp(title, word))
			name = zdh_strdup(l.v[i]);
	}
done:
	categories_free(&l);
	return name;
}

int zdh_issue_check_category(const struct zdh_repo *repo, const char *category)
{
	struct cat_list l;
	struct zdh_buf b = ZDH_BUF_INIT;
	const char *best = NULL;
	size_t best_d = (size_t)-1;
	char *named;
	int err = 0;

	for (size_t i = 0; zdh_issue_default_categories[i]; i++)	/* the common case, without allocating */
		if (zdh_word_same(zdh_issue_default_categories[i], category))
			return 0;
	if ((named = zdh_issue_category_name(repo, category))) {	/* a configured one's title */
		free(named);
		return 0;
	}
	categories(&l, repo);
	for (size_t i = 0; i < l.n; i++)
		if (!strcmp(l.v[i], category))
			goto done;
	/* the nearest category, or title of one (停车场: 停车), as zdh_word_check() */
	for (size_t i = 0; i < l.n; i++) {
		const char *label = zdh_issue_category_label(repo, l.v[i]);
		const char *cand[2] = { l.v[i], strcmp(label, l.v[i]) ? label : NULL };
		for (size_t k = 0; k < 2 && cand[k]; k++) {
			size_t d = zdh_utf8_distance(category, cand[k]);
			if (d < best_d) {
				best_d = d;
				best = cand[k];
			}
		}
		/* listed with its title under Chinese, as zdh_word_join() lists words */
		label = zdh_issue_category_shown(repo, l.v[i]);
		zdh_buf_addf(&b, "%s%s%s%s", i ? ", " : "", l.v[i], strcmp(label, l.v[i]) ? "/" : "",
			     strcmp(label, l.v[i]) ? label : "");
	}
	if (best && best_d <= 1 + zdh_utf8_len(category) / 3)
		err = zdh_error_set(ZDH_EINVALID, _("unknown category '%s'; did you mean '%s'? (%s)"),
				    category, best, b.ptr);
	else
		err = zdh_error_set(ZDH_EINVALID, _("unknown category '%s' (%s)"), category, b.ptr);
done:
	zdh_buf_release(&b);
	categories_free(&l);
	return err;
}

int zdh_issue_check_text(const char *what, const char *text, size_t max, int one_line)
{
	size_t len = strlen(text), n;

	if (zdh_text_valid(what, text, len))
		return ZDH_EINVALID;
	/* (no more characters than bytes: counted only when the bytes could be too many) */
	if (len > max && (n = zdh_utf8_len(text)) > max)
		return zdh_error_set(ZDH_EINVALID, _("%s is too long (%zu characters, at most %zu)"),
				     what, n, max);
	if (one_line && strchr(text, '\n'))
		return zdh_error_set(ZDH_EINVALID, _("%s must be one line"), what);
	return 0;
}

/* ---- days (the calendar itself is core/workday.c) ---- */

void zdh_issue_day(char out[11], const struct zdh_time *t)
{
	zdh_day_format(out, zdh_day_of(t));
}

/* (zdh.overdue-days refused: by zdh config, the fold of the shared settings and their reader) */
static int overdue_days_range(const char *key)
{
	return zdh_error_set(ZDH_EINVALID, _("%s must be a whole number of days from 0 to %d"),
			     key, ZDH_ISSUE_OVERDUE_MAX);
}

int zdh_issue_overdue_days(long long *days, const struct zdh_repo *repo)
{
	*days = ZDH_ISSUE_OVERDUE_DAYS;
	if (repo->config && zdh_config_get_int(days, repo->config, "zdh.overdue-days",
					       ZDH_ISSUE_OVERDUE_DAYS))
		return zdh_error_set(ZDH_EINVALID, _("zdh.overdue-days is not a number"));
	if (*days < 0 || *days > ZDH_ISSUE_OVERDUE_MAX)
		return overdue_days_range("zdh.overdue-days");
	return 0;
}

static long long response_days(const struct zdh_repo *repo, const char *category, int *err)
{
	long long days = ZDH_ISSUE_RESPONSE_DAYS;
	char *key = zdh_asprintf("category.%s.response-days", category ? category : "other");

	*err = 0;
	if (repo->config && zdh_config_get_int(&days, repo->config, key, ZDH_ISSUE_RESPONSE_DAYS))
		*err = zdh_error_set(ZDH_EINVALID, _("%s is not a number"), key);
	else if (days < 0 || days > 366)
		*err = zdh_error_set(ZDH_EINVALID, _("%s must be between 0 and 366"), key);
	free(key);
	return days;
}

int zdh_issue_due(char out[11], const struct zdh_repo *repo, const char *category,
		  const struct zdh_time *from)
{
	struct zdh_calendar cal = ZDH_CALENDAR_INIT;
	long long n;
	int err;

	n = response_days(repo, category, &err);
	if (err)
		return err;
	if ((err = zdh_calendar_load(&cal, repo->config)))
		return err;
	zdh_day_format(out, zdh_workday_add(&cal, zdh_day_of(from), n));
	zdh_calendar_clear(&cal);
	return 0;
}

/* ---- checks ---- */

static const char *str(const json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

static int status_bit(const json_t *state)
{
	const char *s = str(state, "status");

	for (size_t i = 0; s && zdh_issue_states[i]; i++)
		if (zdh_word_same(zdh_issue_states[i], s))
			return 1 << i;
	return 0;
}

static int allowed_from(const char *op)
{
	for (size_t i = 0; machine[i].op; i++)
		if (zdh_word_same(machine[i].op, op))
			return machine[i].from;
	return 0;
}

/*
 * "XQ-42 is claimed; allowed: assign, comment, ...".  The loser of two
 * concurrent claims keeps a note naming the winner instead (fold only:
 * a writer is told the state, as for any other refusal).
 */
static int refuse_state(const json_t *state, const char *record, const char *op, int fold)
{
	struct zdh_buf b = ZDH_BUF_INIT;
	int bit = status_bit(state), err;
	const char *ops[sizeof(machine) / sizeof(machine[0])];
	size_t n = 0;

	if (fold && zdh_word_same(op, "claim") && bit == S_CLAIMED && str(state, "dept"))
		return zdh_error_set(ZDH_ESTATE, _("%s is already claimed by %s"), record,
				     str(state, "dept"));
	/* each with its name under a Chinese catalogue (claim/认领), as a refused word's list */
	for (size_t i = 0; machine[i].op; i++)
		if ((machine[i].from & bit) &&
		    (strcmp(machine[i].op, "claim") || !str(state, "dept")))	/* (version 3) */
			ops[n++] = machine[i].op;
	ops[n] = NULL;
	zdh_word_join(&b, ZDH_W_OPERATION, ops);
	const char *status = str(state, "status") ?
		zdh_word_label(ZDH_W_ISSUE_STATUS, str(state, "status")) : "?";

	/* a void issue allows nothing: no empty list after "allowed:" */
	if (b.len)
		err = zdh_error_set(ZDH_ESTATE, _("%s is %s; allowed: %s"), record, status, b.ptr);
	else
		err = zdh_error_set(ZDH_ESTATE, _("%s is %s; nothing more is allowed"), record, status);
	zdh_buf_release(&b);
	return err;
}

/* Fields each operation may set. */
static int settable(const char *op, const char *field)
{
	static const char *const add[] = {
		"title", "body", "area", "category", "source", "reporter", "location", NULL
	};
	static const char *const claim[] = { "dept", "due", NULL };
	static const char *const assign[] = { "assignee", NULL };

	if (zdh_word_same(op, "edit"))	/* corrections, and settling a conflict (check_issue) */
		return in_list(add, field) || in_list(claim, field) || in_list(assign, field);
	if (zdh_word_same(op, "add"))
		return in_list(add, field);
	if (zdh_word_same(op, "claim"))
		return in_list(claim, field);
	/* a dissatisfied callback, a reopen (version 6): the new due day of the work */
	if (zdh_word_same(op, "close") || zdh_word_same(op, "reopen"))
		return zdh_word_same(field, "due");
	if (zdh_word_same(op, "assign"))
		return in_list(assign, field);
	return 0;
}

/*
 * set: the event's data.set, NULL when it has none; clearing: an edit
 * (which may clear a field), 2 one that settles a conflict (data.resolves),
 * which may clear the dept or due of an issue that has none (settling a
 * conflict of a return's: version 7); state: the issue before it
 */
static int check_set(const struct zdh_event *ev, json_t *set, int clearing, const json_t *state)
{
	json_t *v;
	const char *field;
	int err;

	if (set && !json_is_object(set))
		return zdh_error_set(ZDH_EINVALID, _("data.set is not an object"));
	json_object_foreach(set, field, v) {
		const char *s = json_string_value(v);
		if (!settable(ev->op, field))
			return zdh_error_set(ZDH_EINVALID, _("'%s' cannot set %s"), ev->op, field);
		if (!s)
			return zdh_error_set(ZDH_EINVALID, _("%s is not text"), field);
		if (zdh_word_same(field, "body"))
			err = zdh_issue_check_text(field, s, ZDH_ISSUE_BODY_MAX, 0);
		else
			err = zdh_issue_check_text(field, s, zdh_word_same(field, "title") ?
						   ZDH_ISSUE_TITLE_MAX : ZDH_ISSUE_TEXT_MAX, 1);
		if (err)
			return err;
		if (!*s && (!clearing || zdh_word_same(field, "title") || zdh_word_same(field, "source") ||
			    zdh_word_same(field, "category") ||
			    (zdh_word_same(field, "dept") && (clearing < 2 || str(state, "dept")))))
			return zdh_error_set(ZDH_EINVALID, _("%s is empty"), field);
		if (zdh_word_same(field, "title") && strspn(s, " \t") == strlen(s))
			return zdh_error_set(ZDH_EINVALID, _("%s is empty"), field);
		if (zdh_word_same(field, "source") && (err = zdh_issue_check_source(s)))
			return err;
		if (zdh_word_same(field, "due") && (*s || clearing < 2 || str(state, "due"))) {
			long long d;
			if (zdh_day_parse(&d, s))
				return zdh_error_set(ZDH_EINVALID, _("due '%s' is not a day (YYYY-MM-DD)"), s);
		}
	}
	return 0;
}

/* The members of an event's data that its checks read (NULL: absent). */
struct issue_data {
	json_t *set, *message, *resolves, *satisfaction, *mentions, *reason, *link;
};

/*
 * data's few members looked at once, not each looked up (a fold's check
 * of every event looked up "set" twice and "message")
 */
static void issue_data(const json_t *data, struct issue_data *d)
{
	const char *key;
	json_t *v;

	memset(d, 0, sizeof(*d));
	json_object_foreach((json_t *)data, key, v)
		if (zdh_word_same(key, "set"))
			d->set = v;
		else if (zdh_word_same(key, "message"))
			d->message = v;
		else if (zdh_word_same(key, "resolves"))
			d->resolves = v;
		else if (zdh_word_same(key, "satisfaction"))
			d->satisfaction = v;
		else if (zdh_word_same(key, "mentions"))
			d->mentions = v;
		else if (zdh_word_same(key, "reason"))
			d->reason = v;
		else if (zdh_word_same(key, "link"))
			d->link = v;
}

/*
 * Was the issue handed back, and is it open since?  Then an assignment
 * may be one written before its writer heard of the return: taken when
 * folded (version 7), its value not (apply_issue), and a conflict with
 * the return's (zdh_op.clears); refused when written (validate_assign).
 */
static int returned(const json_t *state)
{
	return status_bit(state) == S_OPEN && json_integer_value(json_object_get(state, "returns")) > 0;
}

/*
 * An edit corrects what claim and assign set, once they have: "XQ-1 has
 * no dept yet" for one that sets a field the issue lacks, but to clear it
 * when it settles a conflict (a return's, version 7).
 */
static int lacking(const json_t *state, const struct zdh_event *ev, const struct issue_data *d)
{
	static const char *const later[] = { "dept", "due", "assignee" };

	for (size_t i = 0; i < 3; i++) {
		const char *v = str(d->set, later[i]);
		if (json_object_get(d->set, later[i]) && !str(state, later[i]) &&
		    !(v && !*v && json_array_size(d->resolves)))
			return zdh_error_set(ZDH_ESTATE, _("%s has no %s yet (see claim and assign)"),
					     ev->record, later[i]);
	}
	return 0;
}

static int check_issue(const json_t *state, const struct zdh_event *ev)
{
	struct issue_data d;
	json_t *set, *v;
	const char *msg, *op = ev->op;
	int err, from;
	size_t i;

	issue_data(ev->data, &d);
	set = d.set;
	msg = json_string_value(d.message);

	if (msg && (err = zdh_issue_check_text(_("message"), msg, ZDH_ISSUE_BODY_MAX, 0)))
		return err;
	if (zdh_word_same(op, "add")) {
		if (state)
			return zdh_error_set(ZDH_EEXISTS, _("issue %s exists already"), ev->record);
		if (!str(set, "title"))
			return zdh_error_set(ZDH_EINVALID, _("an issue needs a title"));
		return check_set(ev, set, 0, NULL);
	}
	if (!state)
		return zdh_error_set(ZDH_ENOTFOUND, _("no issue %s"), ev->record);
	from = allowed_from(op);
	/*
	 * a closed issue takes an edit that settles a conflict (store.c:
	 * data.resolves); so does a void one (version 5): two offices editing
	 * a field while one voids the issue leave a conflict that only such
	 * an edit can settle, else listed for ever
	 */
	if (zdh_word_same(op, "edit") && json_array_size(d.resolves))
		from |= S_CLOSED | S_VOID;
	/* an assignment a return it had not seen left open (version 7: validate_assign) */
	if (zdh_word_same(op, "assign") && returned(state))
		from |= S_OPEN;
	if (!(from & status_bit(state)))
		return refuse_state(state, ev->record, op, 1);
	/*
	 * An issue escalated before any department claimed it is claimed
	 * there too, the grid platform dispatching it (派单); one with a
	 * department is that department's (issue version 3)
	 */
	if (zdh_word_same(op, "claim") && str(state, "dept"))
		return zdh_error_set(ZDH_ESTATE, _("%s is already claimed by %s"), ev->record,
				     str(state, "dept"));
	if ((err = check_set(ev, set, !zdh_word_same(op, "edit") ? 0 :
			     json_array_size(d.resolves) ? 2 : 1, state)))
		return err;
	/*
	 * edit corrects what claim and assign set, once they have: refused
	 * when written (validate_edit), not when folded (version 7), where
	 * it may have been written before a return or an edit clearing the
	 * field that its writer had not seen (a conflict with that, either way)
	 */
	if (zdh_word_same(op, "edit") && !json_object_size(set))
		return zdh_error_set(ZDH_EINVALID, _("nothing to change"));
	if (str(set, "due") && zdh_word_same(op, "close") &&
	    (json_integer_value(d.satisfaction) < 1 || json_integer_value(d.satisfaction) > 2))
		return zdh_error_set(ZDH_EINVALID, _("only a dissatisfied callback sets a new due day"));
	if (zdh_word_same(op, "claim") && (!str(set, "dept") || !*str(set, "dept")))
		return zdh_error_set(ZDH_EINVALID, _("a claim needs a dept"));
	if (zdh_word_same(op, "assign") && !str(set, "assignee"))
		return zdh_error_set(ZDH_EINVALID, _("an assignment needs a name"));
	if (zdh_word_same(op, "comment")) {
		json_array_foreach(d.mentions, i, v)
			if (!json_is_string(v) || (err = zdh_issue_check_text(_("mention"),
						json_string_value(v), ZDH_ISSUE_TEXT_MAX, 1)))
				return json_is_string(v) ? err :
					zdh_error_set(ZDH_EINVALID, _("a mention is not text"));
	}
	if (zdh_word_same(op, "close") && (v = d.satisfaction) &&
	    (!json_is_integer(v) || json_integer_value(v) < 1 || json_integer_value(v) > 5))
		return zdh_error_set(ZDH_EINVALID, _("satisfaction is 1 to 5"));
	if (zdh_word_same(op, "void") && (!msg || !*msg))
		return zdh_error_set(ZDH_EINVALID, _("voiding an issue needs a reason"));
	if (zdh_word_same(op, "return")) {
		if (!json_string_value(d.reason))
			return zdh_error_set(ZDH_EINVALID, _("a return needs a reason"));
		if ((err = check_return_code(json_string_value(d.reason))))
			return err;
	}
	if (zdh_word_same(op, "urge")) {
		char day[11];
		if (!str(state, "due"))
			return zdh_error_set(ZDH_ESTATE, _("%s has no due day; it cannot be urged"),
					     ev->record);
		zdh_issue_day(day, &ev->date);
		if (strcmp(day, str(state, "due")) <= 0)
			return zdh_error_set(ZDH_ESTATE, _("%s is due %s; it can be urged after that"),
					     ev->record, str(state, "due"));
	}
	if (zdh_word_same(op, "link")) {
		const char *other = json_string_value(d.link);
		if (!other)
			return zdh_error_set(ZDH_EINVALID, _("a link needs another issue"));
		/* (a peer's event may name anything: an id as issue link writes it) */
		if ((err = zdh_kind_id_check("issue", other)))
			return err;
		if (!strcmp(other, ev->record))
			return zdh_error_set(ZDH_EINVALID, _("%s cannot be linked to itself"), other);
		json_array_foreach(json_object_get(state, "links"), i, v)
			if (!strcmp(json_string_value(v), other))
				return zdh_error_set(ZDH_EEXISTS, _("%s is linked to %s already"),
						     ev->record, other);
	}
	return 0;
}

/* Another record: the other issue of a link exists when written (never asked when replayed). */
static int validate_link(struct zdh_index *idx, const json_t *state, const struct zdh_event *ev)
{
	const char *other = str(ev->data, "link");
	json_t *os;
	int err;

	(void)state;
	err = zdh_index_state(idx, "issue", other, &os, NULL);
	if (err == ZDH_ENOTFOUND)
		return zdh_kind_not_found(idx, "issue", other);
	if (err)
		return err;
	json_decref(os);
	return 0;
}

/* An edit written: what it sets the issue has (lacking), a returned one's too. */
static int validate_edit(struct zdh_index *idx, const json_t *state, const struct zdh_event *ev)
{
	struct issue_data d;

	(void)idx;
	issue_data(ev->data, &d);
	return lacking(state, ev, &d);
}

/* An assignment written: of a claimed or escalated issue, a returned one not either. */
static int validate_assign(struct zdh_index *idx, const json_t *state, const struct zdh_event *ev)
{
	(void)idx;
	return allowed_from(ev->op) & status_bit(state) ? 0 :
		refuse_state(state, ev->record, ev->op, 0);
}

/* ---- fold ---- */

/* Insert into a sorted array of strings, once. */
static void array_add_sorted(json_t *arr, const char *value)
{
	json_t *v;
	size_t i;

	json_array_foreach(arr, i, v) {
		int c = strcmp(json_string_value(v), value);
		if (!c)
			return;
		if (c > 0)
			break;
	}
	json_array_insert_new(arr, i, json_string(value));
}

static void add_sorted(json_t *state, const char *key, const char *value)
{
	json_t *arr = json_object_get(state, key);

	if (!json_is_array(arr)) {
		arr = json_array();
		json_object_set_new(state, key, arr);
	}
	array_add_sorted(arr, value);
}

/*
 * add_sorted() of every string of values at once: the two lists sorted
 * together and each string kept once, the array add_sorted() one by one
 * makes, in O(n log n) (inserting each of a peer's 20,000 mentions into a
 * sorted array of as many made ten comments fold for two minutes).
 */
static void add_sorted_all(json_t *state, const char *key, const json_t *values)
{
	json_t *arr = json_object_get(state, key), *out, *v;
	size_t n = json_array_size(values), k = 0, i;
	const char **all;

	if (!n)
		return;
	if (n == 1) {
		if (json_is_string(json_array_get(values, 0)))
			add_sorted(state, key, json_string_value(json_array_get(values, 0)));
		return;
	}
	all = zdh_calloc(n + json_array_size(arr) + 1, sizeof(*all));
	json_array_foreach(arr, i, v)
		if (json_is_string(v))
			all[k++] = json_string_value(v);
	json_array_foreach(values, i, v)
		if (json_is_string(v))
			all[k++] = json_string_value(v);
	qsort(all, k, sizeof(*all), zdh_strcmp_p);
	out = json_array();
	for (i = 0; i < k; i++)
		if (!i || strcmp(all[i], all[i - 1]))
			json_array_append_new(out, json_string(all[i]));
	free(all);
	/* (the strings of arr are read until here: out replaces it only now) */
	json_object_set_new(state, key, out);
}

static void bump(json_t *state, const char *key)
{
	json_object_set_new(state, key,
			    json_integer(json_integer_value(json_object_get(state, key)) + 1));
}

static void stamp(json_t *state, const char *key, const struct zdh_event *ev)
{
	struct zdh_buf b = ZDH_BUF_INIT;

	zdh_date_rfc3339(&b, &ev->date);
	json_object_set_new_nocheck(state, key, json_stringn_nocheck(b.ptr, b.len));
	zdh_buf_release(&b);
}

const char *zdh_issue_next_status(const char *op, const char *status, long long satisfaction,
				  int (*fact)(const void *ctx, enum zdh_issue_fact f), const void *ctx)
{
	if (zdh_word_same(op, "add") || zdh_word_same(op, "return"))
		return "open";
	if (zdh_word_same(op, "claim"))	/* the platform's dispatch of an escalated one: it stays so */
		return status && zdh_word_same(status, "escalated") ? "escalated" : "claimed";
	if (zdh_word_same(op, "escalate"))
		return "escalated";
	if (zdh_word_same(op, "resolve"))
		return "resolved";
	if (zdh_word_same(op, "close"))	/* a dissatisfied callback sends it back to work */
		return satisfaction >= 1 && satisfaction <= 2 ?
			(fact(ctx, ZDH_ISSUE_ESCALATED) ? "escalated" : "claimed") : "closed";
	if (zdh_word_same(op, "reopen"))
		return fact(ctx, ZDH_ISSUE_HAS_DEPT) ? "claimed" : "open";
	if (zdh_word_same(op, "void"))	/* 作废: entered by mistake, kept in the history */
		return "void";
	return status;
}

/* A fact of the state, when zdh_issue_next_status() asks (a lookup: not for every event a fold applies). */
static int state_fact(const void *state, enum zdh_issue_fact f)
{
	return f == ZDH_ISSUE_HAS_DEPT ? str(state, "dept") != NULL :
		json_is_true(json_object_get(state, "escalated"));
}

/*
 * (the member looked up once and its string changed in place: looked up,
 * then set, the key was hashed twice and a string made and freed for
 * nearly every event a fold applies)
 */
static void set_status(json_t *state, const char *op, long long satisfaction)
{
	void *at = json_object_iter_at(state, "status");
	json_t *v = at ? json_object_iter_value(at) : NULL;
	const char *now = json_string_value(v);
	const char *next = zdh_issue_next_status(op, now, satisfaction, state_fact, state);

	if (next == now)
		return;
	if (json_is_string(v) && v->refcount == 1)
		json_string_set_nocheck(v, next);
	else if (at)
		json_object_iter_set_new(state, at, json_string_nocheck(next));
	else
		json_object_set_new_nocheck(state, "status", json_string_nocheck(next));
}

static void apply_issue(json_t *state, const struct zdh_event *ev)
{
	const char *op = ev->op;
	json_int_t sat = 0;

	/* (the engine applied data.set and the attachments: zdh_kind_apply) */
	if (zdh_word_same(op, "close"))
		sat = json_integer_value(json_object_get(ev->data, "satisfaction"));
	/* the status first: reopen and return look at the dept before they clear it */
	set_status(state, op, sat);
	if (zdh_word_same(op, "add")) {
		stamp(state, "created", ev);
	} else if (zdh_word_same(op, "comment")) {
		add_sorted_all(state, "mentions", json_object_get(ev->data, "mentions"));
	} else if (zdh_word_same(op, "escalate")) {
		json_object_set_new(state, "escalated", json_true());
	} else if (zdh_word_same(op, "resolve")) {
		stamp(state, "resolved_at", ev);
	} else if (zdh_word_same(op, "close")) {
		if (sat)
			json_object_set_new(state, "satisfaction", json_integer(sat));
		if (sat >= 1 && sat <= 2) {
			json_object_del(state, "resolved_at");
			bump(state, "callback_returns");
		} else {
			stamp(state, "closed_at", ev);
		}
	} else if (zdh_word_same(op, "reopen")) {
		json_object_del(state, "resolved_at");
		json_object_del(state, "closed_at");
		bump(state, "reopens");
	} else if (zdh_word_same(op, "follow-up")) {
		bump(state, "followups");
	} else if (zdh_word_same(op, "link")) {
		add_sorted(state, "links", str(ev->data, "link"));
	} else if (zdh_word_same(op, "return")) {
		/* (its dept, assignee and due cleared by the engine: return_clears) */
		bump(state, "returns");
	} else if (zdh_word_same(op, "urge")) {
		bump(state, "urges");
	} else if (zdh_word_same(op, "void")) {
		stamp(state, "voided_at", ev);
	}
	/*
	 * an open issue has no dept, due or assignee: an edit or assignment
	 * written before its writer heard of the return that left it open
	 * sets none (version 7), whichever comes first in fold order
	 */
	if ((zdh_word_same(op, "edit") || zdh_word_same(op, "assign")) &&
	    status_bit(state) == S_OPEN) {
		json_object_del(state, "dept");
		json_object_del(state, "due");
		json_object_del(state, "assignee");
	}
}

/* What a return clears, each a write of no value a concurrent edit conflicts with. */
static const char *const return_clears[] = { "dept", "assignee", "due", NULL };

/* Who may, once roles are granted (include/trust.h); NULL: any role but auditor. */
#define LIAISON "liaison@dept subdistrict-admin"
#define STAFF "area-staff@area subdistrict-admin"
#define HANDLER "liaison@dept area-staff@area subdistrict-admin"
static const struct zdh_op issue_ops[] = {
	{ "add", NULL, check_issue, apply_issue, NULL },
	{ "claim", NULL, check_issue, apply_issue, LIAISON },
	{ "assign", validate_assign, check_issue, apply_issue, LIAISON },
	{ "comment", NULL, check_issue, apply_issue, NULL },
	{ "escalate", NULL, check_issue, apply_issue, HANDLER },	/* (trust version 5) */
	{ "resolve", NULL, check_issue, apply_issue, HANDLER },
	{ "close", NULL, check_issue, apply_issue, STAFF },
	{ "reopen", NULL, check_issue, apply_issue, STAFF },
	{ "edit", validate_edit, check_issue, apply_issue, STAFF },
	{ "follow-up", NULL, check_issue, apply_issue, NULL },
	{ "link", validate_link, check_issue, apply_issue, NULL },
	{ "return", NULL, check_issue, apply_issue, LIAISON, NULL, return_clears },
	{ "urge", NULL, check_issue, apply_issue, NULL },
	{ "void", NULL, check_issue, apply_issue, STAFF },
	{ NULL, NULL, NULL, NULL, NULL }
};

/* The fields the listings filter and sort on (the view records_issue). */
static const struct zdh_field issue_fields[] = {
	{ "status", "TEXT", "status" },
	{ "area", "TEXT", "area" },
	{ "dept", "TEXT", "dept" },
	{ "due", "TEXT", "due" },
	{ "title", "TEXT", "title", 1 },	/* a brief listing reads no state */
	{ "mentions", "INTEGER", "mentions" },	/* how many depts it @mentions: the inbox's */
	{ "links", "INTEGER", "links" },	/* how many issues it links: zdh_issue_linked_from's */
	{ NULL, NULL, NULL }
};

/*
 * The facts of each issue event a report reads (zdh-report(1)), kept by
 * the fold in the view facts_issue: the fields it sets (area, category,
 * source, dept as written; due as a day number, NULL when absent or not
 * a day) and the satisfaction of a callback.
 */
static const struct zdh_fact issue_facts[] = {
	{ "area", "TEXT" },
	{ "category", "TEXT" },
	{ "source", "TEXT" },
	{ "dept", "TEXT" },
	{ "due", "INTEGER" },
	{ "satisfaction", "INTEGER" },
	{ NULL, NULL }
};

/*
 * (one pass over what the event sets, which is mostly a field or two: a
 * lookup of each of the five facts cost 1,700 instructions an event)
 */
static void issue_fact(const struct zdh_event *ev, struct zdh_fact_values *out)
{
	static const char *const text[] = { "area", "category", "source", "dept" };
	json_t *set = NULL, *sat = NULL, *v;
	const char *key;
	long long day;

	/* data's few members looked at once, not "set" and "satisfaction" each looked up */
	json_object_foreach(ev->data, key, v)
		if (zdh_word_same(key, "set"))
			set = v;
		else if (zdh_word_same(key, "satisfaction"))
			sat = v;
	json_object_foreach(set, key, v) {
		if (!json_is_string(v))
			continue;
		for (int i = 0; i < 4; i++)
			if (zdh_word_same(key, text[i])) {
				out->null[i] = 0;
				out->text[i] = json_string_value(v);
			}
		if (zdh_word_same(key, "due") && !zdh_day_parse(&day, json_string_value(v))) {
			out->null[4] = 0;
			out->num[4] = day;
		}
	}
	if (json_is_number(v = sat)) {
		out->null[5] = 0;
		out->num[5] = json_is_integer(v) ? json_integer_value(v) : (long long)json_real_value(v);
	}
}

static int valid_days(const char *key, const char *value)
{
	return zdh_settings_whole(value, ZDH_ISSUE_OVERDUE_MAX) ? overdue_days_range(key) : 0;
}

/* category.NAME.response-days: working days to respond, as response_days() reads it */
static int valid_response_days(const char *key, const char *value)
{
	if (zdh_settings_whole(value, 366))
		return zdh_error_set(ZDH_EINVALID, _("%s must be a whole number of days from 0 to 366"),
				     key);
	return 0;
}

static const struct zdh_config_key issue_config[] = {
	{ "zdh.overdue-days", "30", valid_days, .number = 1 },
	{ "category.*.response-days", NULL, valid_response_days, .number = 1 },
	/* (a title shown for the category's name in lists: no invisible character) */
	{ "category.*.title", NULL, zdh_name_visible },
	{ NULL, NULL, NULL }
};

/*
 * Each index keeps id order (prefix, n) after its key so a filtered page
 * needs no sort.
 */
const struct zdh_kind zdh_kind_issue = {
	.name = "issue",
	.letter = 0,
	.ops = issue_ops,
	.fields = issue_fields,
	.index_sql =
	"CREATE INDEX records_issue_status ON records({status}, prefix, n, id, {area}, {dept}, {due},"
	" {title}, conflicts, updated, kind) WHERE kind = 'issue';"
	"CREATE INDEX records_issue_area ON records({area}, prefix, n) WHERE kind = 'issue';"
	"CREATE INDEX records_issue_dept ON records({dept}, prefix, n) WHERE kind = 'issue';"
	"CREATE INDEX records_issue_due ON records({due}) WHERE kind = 'issue';"
	"CREATE INDEX records_issue_mentions ON records({mentions})"
	" WHERE kind = 'issue' AND {mentions} IS NOT NULL;"
	/* the issues that link any (the other side of a link: zdh_issue_linked_from) */
	"CREATE INDEX records_issue_links ON records({links}, prefix, n)"
	" WHERE kind = 'issue' AND {links} IS NOT NULL;"
	/* an inbox's issues of its dept, in its order, covering a brief row (zdh_issue_inbox) */
	"CREATE INDEX records_issue_inbox ON records({dept}, {due} IS NULL, {due}, prefix, n, id,"
	" {status}, {area}, {title}, conflicts, updated, kind)"
	" WHERE kind = 'issue' AND {status} IN ('claimed', 'escalated');"
	/* the summaries' (core/report.c): issues open now, by what a report counts them by; */
	"CREATE INDEX issue_summary_open ON issue_summary(area, category, source, dept,"
	" last_happened, last_recorded, due, created, live, status) WHERE live AND status < 3;"
	/* ... added and first resolved, for the trend and the year before; */
	"CREATE INDEX issue_summary_created ON issue_summary(created, last_recorded, source, live)"
	" WHERE live;"
	"CREATE INDEX issue_summary_resolved ON issue_summary(first_resolve, last_recorded, live)"
	" WHERE live AND first_resolve NOTNULL;"
	/* ... its issues by id, and those whose events were recorded after a time */
	"CREATE UNIQUE INDEX issue_summary_record ON issue_summary(record);"
	"CREATE INDEX issue_summary_recorded ON issue_summary(last_recorded);",
	/*
	 * One row per issue, made from its facts by zdh_issue_summarize
	 * (core/report.c, where the columns are told) after its events are
	 * folded (by the first report, after a write of many: kind.h,
	 * summarize): status is the place in zdh_issue_states (0 open, 1 claimed,
	 * 2 escalated...), live 0 for an issue void or never added, history
	 * its events as a report replays them.  Kept in order of its latest
	 * event: a report replays those of the period and after it.
	 */
	.tables_sql =
	"CREATE TABLE issue_summary(last_happened INTEGER NOT NULL, record TEXT NOT NULL,"
	" live INTEGER NOT NULL, status INTEGER NOT NULL, area TEXT, category TEXT, source TEXT,"
	" dept TEXT, due INTEGER, created INTEGER, first_resolve INTEGER,"
	" last_recorded INTEGER NOT NULL, history BLOB NOT NULL,"
	" PRIMARY KEY(last_happened, record)) WITHOUT ROWID;",
	.summarize = zdh_issue_summarize,
	.facts = issue_facts,
	.fact = issue_fact,
	.config = issue_config,
	.attachments_in_state = 1,
	.version = 7,	/* 2: edit sets dept, due, assignee; settles a conflict when closed;
			 * 3: claim of an escalated issue with no dept; 4: a link names an issue id;
			 * 5: an edit settles a conflict when void too; 6: a reopen sets due;
			 * 7: a return's clears are writes an edit or assignment it had not
			 * seen conflicts with */
};

/* ---- writes ---- */

/*
 * The registered name of the org that name resolves to (retired ones too
 * when asked); its id when that name finds another org (two live orgs of
 * one name, from two offices: the one given by its id is meant).
 */
static int org_name(char **out, char **id_out, struct zdh_index *idx, const char *name,
		    const char *want_kind, int retired)
{
	const char *label, *back;
	char *id;
	int err;

	*out = NULL;
	if (id_out)
		*id_out = NULL;
	if ((err = zdh_org_resolve(&id, idx, name, want_kind, retired)))
		return err;
	label = zdh_org_label(idx, id);
	back = zdh_org_ref_id(idx, label, want_kind);
	*out = zdh_strdup(back && !strcmp(back, id) ? label : id);
	if (id_out)
		*id_out = id;
	else
		free(id);
	return 0;
}

int zdh_issue_org_name(char **out, struct zdh_index *idx, const char *name, const char *want_kind)
{
	return org_name(out, NULL, idx, name, want_kind, 1);
}

int zdh_issue_org_name_id(char **out, char **id, struct zdh_index *idx, const char *name,
			  const char *want_kind)
{
	return org_name(out, id, idx, name, want_kind, 1);
}

/*
 * The names one transaction resolved: an import names the same few areas
 * and departments on every row, and issue events never change the
 * registry, so within one transaction an answer stays true.
 */
#define NAME_CACHE 32
static struct {
	unsigned long txn;	/* zdh_txn_serial(): an address could be reused */
	size_t n;
	struct { char *name, *kind, *canonical; } v[NAME_CACHE];
} names;

static const char *cached_name(const struct zdh_txn *txn, const char *name, const char *kind)
{
	if (names.txn != zdh_txn_serial(txn)) {
		for (size_t i = 0; i < names.n; i++) {
			free(names.v[i].name);
			free(names.v[i].kind);
			free(names.v[i].canonical);
		}
		names.n = 0;
		names.txn = zdh_txn_serial(txn);
	}
	for (size_t i = 0; i < names.n; i++)
		if (!strcmp(names.v[i].name, name) && !strcmp(names.v[i].kind, kind))
			return names.v[i].canonical;
	return NULL;
}

/* A live org of want_kind, by its id: what issues refer to (event format 2). */
static int live_org_id(char **out, struct zdh_txn *txn, const char *name, const char *want_kind)
{
	const char *hit = cached_name(txn, name, want_kind);
	int err;

	*out = NULL;
	if (hit) {
		*out = zdh_strdup(hit);
		return 0;
	}
	if ((err = zdh_org_resolve(out, zdh_txn_index(txn), name, want_kind, 0)))
		return err;
	if (names.n < NAME_CACHE) {
		names.v[names.n].name = zdh_strdup(name);
		names.v[names.n].kind = zdh_strdup(want_kind);
		names.v[names.n].canonical = zdh_strdup(*out);
		names.n++;
	}
	return 0;
}

/* An issue's event; its summary (the commit's subject) "issue OP ID", with more after it when given */
static int event_more(struct zdh_txn *txn, const char *id, const char *op, json_t *data,
		      const char *message, const struct zdh_time *date, char **id_out,
		      const char *more)
{
	struct zdh_buf summary = ZDH_BUF_INIT;
	const char *what = id_out ? str(json_object_get(data, "set"), "title") : id;
	int err;

	if (message && *message)
		json_object_set_new(data, "message", json_string(message));
	zdh_org_note_names(zdh_txn_index(txn), data);
	/* (not zdh_asprintf: an import writes one a row; no title is refused by check_issue) */
	zdh_buf_puts(&summary, "issue ");
	zdh_buf_puts(&summary, op);
	zdh_buf_addch(&summary, ' ');
	zdh_buf_puts(&summary, what ? what : "");
	if (!id_out && more) {
		zdh_buf_addch(&summary, ' ');
		zdh_buf_puts(&summary, more);
	}
	err = zdh_txn_event(txn, &zdh_kind_issue, id, op, data, summary.ptr, date, id_out);
	zdh_buf_release(&summary);
	return err;
}

static int event(struct zdh_txn *txn, const char *id, const char *op, json_t *data,
		 const char *message, const struct zdh_time *date, char **id_out)
{
	return event_more(txn, id, op, data, message, date, id_out, NULL);
}

static int fields_set(json_t *set, struct zdh_txn *txn, const struct zdh_issue_fields *f)
{
	struct zdh_repo *repo = zdh_index_repo(zdh_txn_index(txn));
	char *category;
	size_t n;
	int err;

	if (f->category && *f->category && (err = zdh_issue_check_category(repo, f->category)))
		return err;
	if (f->source && *f->source && (err = zdh_issue_check_source(f->source)))
		return err;
	/* a name written holds no invisible character (org.h); a name or a place of blanks is none */
	if (f->reporter && (err = zdh_name_visible(_("reporter"), f->reporter)))
		return err;
	if (f->location && *f->location && (zdh_blank_span(f->location, &n), !n))
		return zdh_error_set(ZDH_EINVALID, _("%s is empty"), _("location"));
	/* (the keys known valid: not checked by jansson, a row at a time) */
	if (f->title)
		json_object_set_new_nocheck(set, "title", json_string(f->title));
	if (f->body && *f->body)
		json_object_set_new_nocheck(set, "body", json_string(f->body));
	if (f->area) {
		char *name = NULL;
		if (*f->area && (err = live_org_id(&name, txn, f->area, "area")))
			return err;
		json_object_set_new_nocheck(set, "area", json_string(name ? name : ""));
		free(name);
	}
	if (f->category) {
		/* a configured category given by its title (弄口道闸) is kept by its name */
		category = zdh_issue_category_name(repo, f->category);
		json_object_set_new_nocheck(set, "category", json_string(category ? category : f->category));
		free(category);
	}
	if (f->source)
		json_object_set_new_nocheck(set, "source", json_string(f->source));
	if (f->reporter)
		json_object_set_new_nocheck(set, "reporter", json_string(f->reporter));
	if (f->location)
		json_object_set_new_nocheck(set, "location", json_string(f->location));
	return 0;
}

int zdh_issue_add(struct zdh_txn *txn, const struct zdh_issue_fields *f,
		  const struct zdh_time *date, char **id)
{
	json_t *data = json_object(), *set = json_object();
	struct zdh_issue_fields g = *f;
	int err;

	json_object_set_new_nocheck(data, "set", set);
	if (!g.category || !*g.category)
		g.category = "other";
	if (!g.source || !*g.source)
		g.source = "other";
	if (g.area && !*g.area)
		g.area = NULL;
	if (g.reporter && !*g.reporter)
		g.reporter = NULL;
	if (g.location && !*g.location)
		g.location = NULL;
	if ((err = fields_set(set, txn, &g))) {
		json_decref(data);
		return err;
	}
	return event(txn, NULL, "add", data, NULL, date, id);
}

int zdh_issue_edit(struct zdh_txn *txn, const char *id, const struct zdh_issue_fields *f,
		   const char *message, const struct zdh_time *date)
{
	json_t *data = json_object(), *set = json_object();
	int err;

	json_object_set_new(data, "set", set);
	if ((err = fields_set(set, txn, f))) {
		json_decref(data);
		return err;
	}
	if (f->dept) {
		char *name = NULL;
		/* (empty: clearing the dept of an issue that has none settles a return's conflict) */
		if (*f->dept && (err = live_org_id(&name, txn, f->dept, "dept"))) {
			json_decref(data);
			return err;
		}
		json_object_set_new(set, "dept", json_string(name ? name : ""));
		free(name);
	}
	if (f->due)
		json_object_set_new(set, "due", json_string(f->due));
	if (f->assignee) {
		if ((err = zdh_name_visible(_("assignee"), f->assignee))) {
			json_decref(data);
			return err;
		}
		json_object_set_new(set, "assignee", json_string(f->assignee));
	}
	return event(txn, id, "edit", data, message, date, NULL);
}

int zdh_issue_claim(struct zdh_txn *txn, const char *id, const char *dept, const char *due,
		    const char *message, const struct zdh_time *date)
{
	json_t *set;
	struct zdh_index *idx = zdh_txn_index(txn);
	json_t *state = NULL;
	char day[11], *name = NULL;
	int err;

	if ((err = zdh_index_state(idx, "issue", id, &state, NULL))) {
		if (err == ZDH_ENOTFOUND)
			err = zdh_kind_not_found(idx, "issue", id);
		return err;
	}
	if (!(status_bit(state) & allowed_from("claim"))) {
		err = refuse_state(state, id, "claim", 0);
		goto done;
	}
	if (str(state, "dept")) {	/* escalated after its claim: as any state claim is not of */
		err = refuse_state(state, id, "claim", 0);
		goto done;
	}
	if ((err = live_org_id(&name, txn, dept, "dept")))
		goto done;
	if (!due) {
		struct zdh_time now;
		if (!date)
			zdh_date_now(&now, zdh_index_repo(idx)->timezone);
		if ((err = zdh_issue_due(day, zdh_index_repo(idx), str(state, "category"),
					 date ? date : &now)))
			goto done;
		due = day;
	}
	set = json_pack("{s:s}", "dept", name);
	if (*due)
		json_object_set_new(set, "due", json_string(due));
	err = event(txn, id, "claim", json_pack("{s:o}", "set", set), message, date, NULL);
done:
	if (state)
		json_decref(state);
	free(name);
	return err;
}

int zdh_issue_assign(struct zdh_txn *txn, const char *id, const char *to, const char *message,
		     const struct zdh_time *date)
{
	int err;

	if ((err = zdh_name_visible(_("assignee"), to)))
		return err;
	return event(txn, id, "assign", json_pack("{s:{s:s}}", "set", "assignee", to),
		     message, date, NULL);
}

/* Is c a byte that ends a mention (blank or punctuation)? */
static size_t mention_end(const char *p)
{
	static const char *const stops[] = {
		"，", "。", "、", "；", "：", "！", "？", "（", "）", "　", "@", "＠", NULL
	};
	const char *q = p;

	while (*q && !strchr(" \t\n\r,.;:!?()[]", *q)) {
		int stop = 0;
		for (size_t i = 0; stops[i]; i++)
			if (!strncmp(q, stops[i], strlen(stops[i])))
				stop = 1;
		if (stop)
			break;
		q++;
	}
	return (size_t)(q - p);
}

/* Is the @ at p (in text) an email address's, no mention (wf@example.org)? */
static int email_at(const char *text, const char *p)
{
	return p > text && (isalnum((unsigned char)p[-1]) || strchr("._-+", p[-1]));
}

int zdh_issue_says_mention(const char *text, size_t len, const char *name, const json_t *all)
{
	size_t n = strlen(name), i;
	const json_t *v;

	for (const char *p = text; p < text + len; p++) {
		size_t at = *p == '@' ? 1 : !strncmp(p, "＠", 3) ? 3 : 0;
		int longer = 0;

		if (!at || (at == 1 && email_at(text, p)) || p + at + n > text + len ||
		    strncmp(p + at, name, n))
			continue;
		/* "@城管中队" says 城管中队 when the text mentions it, not 城管: the longest name wins */
		json_array_foreach(all, i, v) {
			const char *o = json_string_value(v);
			if (o && strlen(o) > n && p + at + strlen(o) <= text + len &&
			    !strncmp(p + at, o, strlen(o)))
				longer = 1;
		}
		if (!longer)
			return 1;
	}
	return 0;
}

/*
 * The @dept mentions of text.  After '@' the longest name of a dept in the
 * registry wins (Chinese text has no blank after a name: "@房管办请协助");
 * failing that, the word up to a blank or punctuation must name one.
 */
static int mentions(json_t *out, struct zdh_txn *txn, const char *text)
{
	sqlite3 *db = zdh_index_db(zdh_txn_index(txn));
	sqlite3_stmt *s;
	const char *p = text;
	int err = 0;

	if (zdh_index_prepare_db(db, "SELECT json_extract(state, '$.name'), id FROM records"
			       " WHERE kind = 'org' AND json_extract(state, '$.kind') = 'dept'"
			       " AND json_extract(state, '$.retired') IS NULL", &s))
		return zdh_error_set(ZDH_ERROR, "index: %s", zdh_db_errmsg(db));
	while (!err && (p = strpbrk(p, "@\xef"))) {
		const char *name;
		size_t best = 0;
		char *word, *resolved, *best_id = NULL;

		if (*p == '\xef') {	/* "＠" is EF BC A0 */
			if (strncmp(p, "＠", 3)) {
				p++;
				continue;
			}
			p += 3;
		} else if (email_at(text, p)) {
			p++;	/* the @ of an email address (wf@example.org), no mention */
			continue;
		} else {
			p++;
		}
		sqlite3_reset(s);
		while (sqlite3_step(s) == SQLITE_ROW) {
			name = (const char *)sqlite3_column_text(s, 0);
			if (name && strlen(name) > best && !strncmp(p, name, strlen(name))) {
				best = strlen(name);
				free(best_id);
				best_id = zdh_strdup((const char *)sqlite3_column_text(s, 1));
			}
		}
		if (best) {
			array_add_sorted(out, best_id);
			free(best_id);
			p += best;
			continue;
		}
		if (!mention_end(p))
			continue;	/* a lone '@' */
		word = zdh_strndup(p, mention_end(p));
		if (!(err = live_org_id(&resolved, txn, word, "dept"))) {
			array_add_sorted(out, resolved);
			free(resolved);
		} else if (err == ZDH_ENOTFOUND) {
			/* "@王芳": a person, whom @ does not name; say what @ is for */
			char *why = zdh_strdup(zdh_error_msg());

			err = zdh_error_set(ZDH_ENOTFOUND,
					    _("%s (@ mentions a department: write a person's name without it)"),
					    why);
			free(why);
		}
		p += strlen(word);
		free(word);
	}
	sqlite3_finalize(s);
	return err;
}

int zdh_issue_mentions(json_t *out, struct zdh_txn *txn, const char *text)
{
	return text ? mentions(out, txn, text) : 0;
}

int zdh_issue_comment(struct zdh_txn *txn, const char *id, const char *message,
		      const struct zdh_time *date)
{
	json_t *data = json_object(), *list = json_array();
	int err;

	if (message && (err = mentions(list, txn, message))) {
		json_decref(list);
		json_decref(data);
		return err;
	}
	if (json_array_size(list))
		json_object_set_new(data, "mentions", list);
	else
		json_decref(list);
	return event(txn, id, "comment", data, message, date, NULL);
}

/*
 * A dissatisfied callback (1 or 2) sends the issue back to work, and so
 * does a reopen of one that has a department: the work gets a new due
 * day, counted in working days from the event as a claim's is, so that
 * it is not overdue at once.  The writer counts it (its calendar and
 * categories) and the event carries it.  closed: a closed issue goes
 * back too (a reopen), not only a resolved one; others get none (the
 * check refuses them).
 */
static int back_to_work_due(json_t *data, struct zdh_txn *txn, const char *id,
			    const struct zdh_time *date, int closed)
{
	struct zdh_index *idx = zdh_txn_index(txn);
	json_t *state = NULL;
	const char *status;
	char day[11];
	int err;

	if ((err = zdh_index_state(idx, "issue", id, &state, NULL)))
		return err == ZDH_ENOTFOUND ? 0 : err;	/* the check says so */
	status = str(state, "status");
	if (str(state, "dept") && status &&
	    (!strcmp(status, "resolved") || (closed && !strcmp(status, "closed"))) &&
	    !(err = zdh_issue_due(day, zdh_index_repo(idx), str(state, "category"), date)))
		json_object_set_new(data, "set", json_pack("{s:s}", "due", day));
	json_decref(state);
	return err;
}

int zdh_issue_note(struct zdh_txn *txn, const char *id, const char *op, const char *message,
		   const struct zdh_time *date)
{
	json_t *data = json_object();
	int err;

	if (!strcmp(op, "reopen") && (err = back_to_work_due(data, txn, id, date, 1))) {
		json_decref(data);
		return err;
	}
	return event(txn, id, op, data, message, date, NULL);
}

int zdh_issue_close(struct zdh_txn *txn, const char *id, int satisfaction, const char *message,
		    const struct zdh_time *date)
{
	json_t *data = json_object();
	int err;

	if (satisfaction)
		json_object_set_new(data, "satisfaction", json_integer(satisfaction));
	if (satisfaction >= 1 && satisfaction <= 2 &&
	    (err = back_to_work_due(data, txn, id, date, 0))) {
		json_decref(data);
		return err;
	}
	return event(txn, id, "close", data, message, date, NULL);
}

int zdh_issue_link(struct zdh_txn *txn, const char *id, const char *other, const char *message,
		   const struct zdh_time *date)
{
	/* "issue link XQ-2 XQ-1": git log of the log names both */
	return event_more(txn, id, "link", json_pack("{s:s}", "link", other), message, date, NULL,
			  other);
}

int zdh_issue_return(struct zdh_txn *txn, const char *id, const char *reason,
		     const char *message, const struct zdh_time *date)
{
	int err;

	if ((err = check_return_code(reason)))
		return err;
	return event(txn, id, "return", json_pack("{s:s}", "reason", reason), message, date, NULL);
}

/* ---- import ---- */

/* A cell without the blanks around it, as an argument (" 新桥 " pasted from a sheet is 新桥)... */
static const char *field(const struct zdh_csv_row *row, int col)
{
	return col >= 0 && (size_t)col < row->n ? zdh_trim_blanks(row->fields[col]) : "";
}

/* ... but a text, as -m TEXT, keeps them. */
static const char *text_field(const struct zdh_csv_row *row, int col)
{
	return col >= 0 && (size_t)col < row->n ? row->fields[col] : "";
}

static const char *opt(const char *s)
{
	return s && *s ? s : NULL;
}

/* A line break inside a quoted field of a CRLF file is kept as "\n". */
static void crlf_to_lf(char *s)
{
	char *w = s;

	for (; *s; s++)
		if (!(s[0] == '\r' && s[1] == '\n'))
			*w++ = *s;
	*w = '\0';
}

const char zdh_issue_imported_void[] = N_("void in the imported file");

/* One row: the add, then its status replayed as the events that lead there. */
static int import_row(struct zdh_txn *txn, const struct zdh_csv_row *head,
		      const struct zdh_csv_row *row, const int *col, const struct zdh_time *date,
		      int future)
{
	struct zdh_repo *repo = zdh_index_repo(zdh_txn_index(txn));
	struct zdh_issue_fields f = {
		field(row, col[1]), text_field(row, col[2]), field(row, col[3]), field(row, col[4]),
		field(row, col[5]), field(row, col[6]), field(row, col[7])
	};
	const char *status = opt(field(row, col[8])), *dept = opt(field(row, col[9]));
	const char *assignee = opt(field(row, col[10])), *due = opt(field(row, col[11]));
	const char *created = opt(field(row, col[12]));
	struct zdh_time when = *date;
	char *id = NULL, due_day[11] = "";
	int err, bit, is_void;

	for (size_t i = 0; i < row->n; i++) {
		crlf_to_lf(row->fields[i]);
		if (zdh_text_valid(head->fields[i], row->fields[i], strlen(row->fields[i])))
			return ZDH_EINVALID;
	}
	/* a Chinese name stands for its word, as in an option (停车, 走访, 已认领) */
	f.category = zdh_word_value(ZDH_W_CATEGORY, f.category);
	f.source = zdh_word_value(ZDH_W_SOURCE, f.source);
	status = zdh_word_value(ZDH_W_ISSUE_STATUS, status);
	if (!status)
		status = "open";
	if ((err = zdh_issue_check_status(status)))
		return err;
	/* a void issue of a list comes back void, after what it had */
	if ((is_void = !strcmp(status, "void")))
		status = dept ? "claimed" : "open";
	bit = 1 << (status[0] == 'o' ? 0 : status[0] == 'c' && status[1] == 'l' && status[2] == 'a' ? 1 :
		    status[0] == 'e' ? 2 : status[0] == 'r' ? 3 : 4);
	if (bit == S_CLAIMED && !dept)
		return zdh_error_set(ZDH_EINVALID, _("status claimed needs a dept"));
	if ((assignee || due) && !dept)
		return zdh_error_set(ZDH_EINVALID, _("assignee and due need a dept"));
	if (bit == S_OPEN && dept)
		return zdh_error_set(ZDH_EINVALID, _("an open issue has no dept (use status claimed)"));
	if (due) {
		long long d;
		/*
		 * as --due takes it: 2026/12/20, 2026年12月20日, 12月20日 (this
		 * year), ２０２６－１２－２０, 今天; 12/20 refused saying why
		 */
		if (zdh_day_parse(&d, due)) {
			if (!zdh_date_names_day(due))
				return zdh_error_set(ZDH_EINVALID, _("due '%s' is not a day (YYYY-MM-DD)"), due);
			if ((err = zdh_date_day(due_day, due, repo->timezone)))
				return zdh_error_about("due", err);
			due = due_day;
		}
	}
	/* a created a year ahead (a typo) is refused as a --date is (core/date.c) */
	if (created && (err = zdh_date_parse_written(&when, created, repo->timezone, future)))
		return zdh_error_about("created", err);
	if ((err = zdh_issue_add(txn, &f, &when, &id)))
		return err;
	if (bit != S_OPEN && dept)
		err = zdh_issue_claim(txn, id, dept, due, NULL, &when);
	if (!err && assignee)
		err = zdh_issue_assign(txn, id, assignee, NULL, &when);
	if (!err && (bit == S_ESCALATED || (!dept && bit != S_OPEN)))
		err = zdh_issue_note(txn, id, "escalate", NULL, &when);
	if (!err && bit >= S_RESOLVED)
		err = zdh_issue_note(txn, id, "resolve", NULL, &when);
	if (!err && bit == S_CLOSED)
		err = zdh_issue_close(txn, id, 0, NULL, &when);
	if (!err && is_void)
		err = zdh_issue_note(txn, id, "void", zdh_issue_imported_void, &when);
	free(id);
	return err;
}

struct import_ctx {
	const struct zdh_time *date;
	int future;		/* --future: a created ahead of now is meant */
	int col[13];
	const struct zdh_csv_row *header;	/* the columns found, once */
};

static int import_one(struct zdh_txn *txn, const struct zdh_csv_row *header,
		      const struct zdh_csv_row *row, void *payload)
{
	struct import_ctx *ctx = payload;

	if (ctx->header != header) {
		for (size_t i = 0; i < 13; i++)
			ctx->col[i] = zdh_csv_column(header, zdh_issue_columns[i]);
		ctx->header = header;
	}
	return import_row(txn, header, row, ctx->col, ctx->date, ctx->future);
}

int zdh_issue_import(struct zdh_repo *repo, FILE *in, const struct zdh_time *date, int future,
		     long long *count,
		     void (*report)(long line, const char *msg, void *payload), void *payload)
{
	static const char *const required[] = { "title", NULL };
	struct import_ctx ctx = { date, future, { 0 }, NULL };
	struct zdh_import imp = {
		zdh_issue_columns, required, import_one, &ctx, report, payload
	};
	return zdh_import_csv(repo, in, &imp, count);
}

/* ---- queries ---- */

/*
 * The fields kept only in the state are picked out of it in C, in one
 * pass (zdh_json_pick_strings): json_extract parsed the state again for
 * each, half of a full listing's time.
 */
#define ISSUE_COLUMNS "id, state, area, status, dept, due, updated, conflicts, title"
/* the same without the state: a brief listing's */
#define ISSUE_BRIEF_COLUMNS "id, NULL, area, status, dept, due, updated, conflicts, title"

static const char *const picked[] = {
	"title", "body", "category", "source", "reporter", "location", "assignee", "created"
};
#define NPICKED (sizeof(picked) / sizeof(*picked))

static const char *col_text(sqlite3_stmt *s, int i)
{
	return (const char *)sqlite3_column_text(s, i);
}

/* The picked fields of a state zdh_json_pick_strings() could not read, by a full parse. */
static void pick_parsed(const char *state, struct zdh_buf *vals, const char **v)
{
	json_t *j = state ? zdh_json_parse(state, strlen(state), NULL) : NULL;
	size_t off[NPICKED];

	for (size_t i = 0; i < NPICKED; i++) {
		const char *s = json_string_value(json_object_get(j, picked[i]));
		off[i] = s ? vals->len : SIZE_MAX;
		if (s)
			zdh_buf_add(vals, s, strlen(s) + 1);
	}
	for (size_t i = 0; i < NPICKED; i++)
		v[i] = off[i] == SIZE_MAX ? NULL : vals->ptr + off[i];
	json_decref(j);
}

/* brief: the statement has no state; only the title of the picked fields is set */
static int issue_row(struct zdh_index *idx, sqlite3_stmt *s, int brief, struct zdh_buf *vals,
		     int (*fn)(const struct zdh_issue_row *, void *), void *payload)
{
	const char *state = col_text(s, 1);
	const char *v[NPICKED] = { NULL };

	zdh_buf_reset(vals);
	if (brief)
		v[0] = col_text(s, 8);
	else if (!state || zdh_json_pick_strings(state, (size_t)sqlite3_column_bytes(s, 1),
						 picked, NPICKED, vals, v))
		pick_parsed(state, vals, v);
	struct zdh_issue_row r = {
		col_text(s, 0), v[0], v[1], zdh_org_label(idx, col_text(s, 2)), v[2], v[3],
		v[4], v[5], col_text(s, 3), zdh_org_label(idx, col_text(s, 4)), v[6],
		col_text(s, 5), v[7], state,
		sqlite3_column_int64(s, 6), idx, col_text(s, 7)
	};
	return fn(&r, payload);
}

static int run_issues(struct zdh_index *idx, sqlite3_stmt *s, int brief,
		      int (*fn)(const struct zdh_issue_row *, void *), void *payload)
{
	struct zdh_buf vals = ZDH_BUF_INIT;
	int rc, err = 0;

	while (!err && (rc = sqlite3_step(s)) == SQLITE_ROW)
		err = issue_row(idx, s, brief, &vals, fn, payload);
	if (!err && rc != SQLITE_DONE)
		err = zdh_error_set(ZDH_ERROR, "index: %s", zdh_db_errmsg(sqlite3_db_handle(s)));
	sqlite3_finalize(s);
	zdh_buf_release(&vals);
	return err;
}

/*
 * Column i of a's row against b's, in SQLite's order (NULL, numbers,
 * text and blobs by their bytes: the BINARY collation).
 */
static int col_cmp(sqlite3_stmt *a, sqlite3_stmt *b, int i)
{
	static const int class[] = { 0, 1, 1, 2, 3, 0 };	/* by SQLITE_INTEGER..SQLITE_NULL */
	int ta = sqlite3_column_type(a, i), tb = sqlite3_column_type(b, i);
	int ca = class[ta], cb = class[tb], c;

	if (ca != cb)
		return ca < cb ? -1 : 1;
	if (ca == 0)
		return 0;
	if (ca == 1) {
		if (ta == SQLITE_INTEGER && tb == SQLITE_INTEGER) {
			sqlite3_int64 x = sqlite3_column_int64(a, i), y = sqlite3_column_int64(b, i);
			return x < y ? -1 : x > y;
		}
		double x = sqlite3_column_double(a, i), y = sqlite3_column_double(b, i);
		return x < y ? -1 : x > y;
	}
	const void *pa = ca == 2 ? (const void *)sqlite3_column_text(a, i) : sqlite3_column_blob(a, i);
	const void *pb = ca == 2 ? (const void *)sqlite3_column_text(b, i) : sqlite3_column_blob(b, i);
	int la = sqlite3_column_bytes(a, i), lb = sqlite3_column_bytes(b, i);
	if ((c = memcmp(pa, pb, (size_t)(la < lb ? la : lb))))
		return c;
	return la < lb ? -1 : la > lb;
}

/*
 * The rows of n statements, each in the order of its columns key[0..nkey)
 * already, merged in that order (a row of a statement before an equal row
 * of a later one) and passed to fn as run_issues() does.  Every statement
 * is finalized.
 */
static int merge_issues(struct zdh_index *idx, sqlite3_stmt **s, size_t n, const int *key,
			size_t nkey, int brief,
			int (*fn)(const struct zdh_issue_row *, void *), void *payload)
{
	struct zdh_buf vals = ZDH_BUF_INIT;
	int *live = zdh_calloc(n ? n : 1, sizeof(*live)), err = 0, rc;

	for (size_t i = 0; i < n && !err; i++) {
		if ((rc = sqlite3_step(s[i])) == SQLITE_ROW)
			live[i] = 1;
		else if (rc != SQLITE_DONE)
			err = zdh_error_set(ZDH_ERROR, "index: %s",
					    zdh_db_errmsg(sqlite3_db_handle(s[i])));
	}
	while (!err) {
		size_t best = n;
		for (size_t i = 0; i < n; i++) {
			int c = 0;
			if (!live[i])
				continue;
			for (size_t k = 0; best < n && !c && k < nkey; k++)
				c = col_cmp(s[i], s[best], key[k]);
			if (best == n || c < 0)
				best = i;
		}
		if (best == n)
			break;
		if ((err = issue_row(idx, s[best], brief, &vals, fn, payload)))
			break;
		if ((rc = sqlite3_step(s[best])) != SQLITE_ROW) {
			live[best] = 0;
			if (rc != SQLITE_DONE)
				err = zdh_error_set(ZDH_ERROR, "index: %s",
						    zdh_db_errmsg(sqlite3_db_handle(s[best])));
		}
	}
	for (size_t i = 0; i < n; i++)
		sqlite3_finalize(s[i]);
	free(live);
	zdh_buf_release(&vals);
	return err;
}

struct binds {
	const char *text[24];
	long long num[24];
	int n;
};

/* Append a condition with one parameter (written as ?) bound to text or num. */
static void cond(struct zdh_buf *sql, struct binds *b, const char *fmt, const char *text,
		 long long num)
{
	for (const char *p = fmt; *p; p++) {
		if (*p == '?') {
			zdh_buf_addf(sql, "?%d", b->n + 1);
			continue;
		}
		zdh_buf_addch(sql, *p);
	}
	b->text[b->n] = text;
	b->num[b->n] = num;
	b->n++;
}

int zdh_issue_list(struct zdh_index *idx, const struct zdh_issue_filter *f,
		   int (*fn)(const struct zdh_issue_row *row, void *payload), void *payload)
{
	struct zdh_buf sql = ZDH_BUF_INIT;
	struct binds b = { { NULL }, { 0 }, 0 };
	const char *sort = f->sort ? f->sort : "id";
	sqlite3_stmt *s;

	zdh_buf_puts(&sql, f->brief ? "SELECT " ISSUE_BRIEF_COLUMNS " FROM records_issue WHERE 1" :
		     "SELECT " ISSUE_COLUMNS " FROM records_issue WHERE 1");
	if (f->status)
		cond(&sql, &b, " AND status = ?", f->status, 0);
	else if (!f->all)
		zdh_buf_puts(&sql, " AND status <> 'void'");
	/* a reference is an id, or the name an older event wrote: any of them */
	if (f->area) {
		zdh_buf_puts(&sql, " AND area IN (");
		zdh_org_keys(idx, f->area, "area", &sql);
		zdh_buf_puts(&sql, ")");
	}
	if (f->dept) {
		zdh_buf_puts(&sql, " AND dept IN (");
		zdh_org_keys(idx, f->dept, "dept", &sql);
		zdh_buf_puts(&sql, ")");
	}
	if (f->category)
		cond(&sql, &b, " AND json_extract(state, '$.category') = ?", f->category, 0);
	if (f->source)
		cond(&sql, &b, " AND json_extract(state, '$.source') = ?", f->source, 0);
	if (f->district) {
		zdh_buf_puts(&sql, " AND area IN (");
		zdh_org_area_keys(idx, f->district, &sql);
		zdh_buf_puts(&sql, ")");
	}
	if (f->mentions) {
		zdh_buf_puts(&sql, " AND mentions > 0 AND EXISTS (SELECT 1 FROM"
			     " json_each(records_issue.state, '$.mentions') WHERE value IN (");
		zdh_org_keys(idx, f->mentions, "dept", &sql);
		zdh_buf_puts(&sql, "))");
	}
	if (f->grep) {
		cond(&sql, &b, " AND (instr(lower(title), lower(?)) OR",
		     f->grep, 0);
		cond(&sql, &b, " instr(lower(coalesce(json_extract(state, '$.body'), '')), lower(?)))",
		     f->grep, 0);
	}
	if (f->since)
		cond(&sql, &b, " AND created >= ?", NULL, f->since);
	if (f->until)
		cond(&sql, &b, " AND created < ?", NULL, f->until);
	if (f->conflicts)
		zdh_buf_puts(&sql, " AND conflicts IS NOT NULL");
	if (f->overdue) {
		zdh_buf_puts(&sql, " AND status IN ('open', 'claimed', 'escalated')");
		cond(&sql, &b, " AND (due < ?", f->today ? f->today : "", 0);
		cond(&sql, &b, " OR (due IS NULL AND created < ?))", NULL,
		     f->stale_before);
	}
	if (!strcmp(sort, "created"))
		zdh_buf_puts(&sql, " ORDER BY created, prefix, n");
	else if (!strcmp(sort, "updated"))
		zdh_buf_puts(&sql, " ORDER BY updated, prefix, n");
	else if (!strcmp(sort, "due"))
		zdh_buf_puts(&sql, " ORDER BY due IS NULL,"
			     " due, prefix, n");
	else
		zdh_buf_puts(&sql, " ORDER BY prefix, n");
	if (f->limit || f->offset) {
		cond(&sql, &b, " LIMIT ?", NULL, f->limit ? f->limit : -1);
		cond(&sql, &b, " OFFSET ?", NULL, f->offset);
	}
	if (!f->limit)
		zdh_index_read_in_order(idx);
	if (zdh_index_prepare(idx, sql.ptr, &s)) {
		zdh_buf_release(&sql);
		return zdh_error_set(ZDH_ERROR, "index: %s", zdh_db_errmsg(zdh_index_db(idx)));
	}
	zdh_buf_release(&sql);
	for (int i = 0; i < b.n; i++) {
		if (b.text[i])
			sqlite3_bind_text(s, i + 1, b.text[i], -1, SQLITE_STATIC);
		else
			sqlite3_bind_int64(s, i + 1, b.num[i]);
	}
	return run_issues(idx, s, f->brief, fn, payload);
}

/*
 * The other side of links: the issues whose links name id, in id order,
 * void ones left out.  Read from what every issue's fold keeps (its
 * "links"), so a link a peer made arrives with its pull; only the issues
 * that link any are read (records_issue_links), then sorted: the "+" keeps
 * the planner from reading every issue in records_key's order instead.
 */
int zdh_issue_linked_from(struct zdh_index *idx, const char *id, json_t **out)
{
	static const char sql[] =
		"SELECT id FROM records_issue WHERE links > 0 AND +status IS NOT 'void'"
		" AND EXISTS (SELECT 1 FROM json_each(records_issue.state, '$.links')"
		" WHERE value = ?1) ORDER BY +prefix, +n";
	sqlite3_stmt *s;

	*out = NULL;
	if (zdh_index_prepare(idx, sql, &s))
		return zdh_error_set(ZDH_ERROR, "index: %s", zdh_db_errmsg(zdh_index_db(idx)));
	sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
	return zdh_index_strings(idx, s, out);
}

int zdh_issue_open_naming(struct zdh_index *idx, const char *org_id, long long *count)
{
	struct zdh_buf keys = ZDH_BUF_INIT, sql = ZDH_BUF_INIT;
	sqlite3_stmt *s;
	int rc;

	*count = 0;
	zdh_org_keys(idx, org_id, NULL, &keys);
	zdh_buf_addf(&sql, "SELECT count(*) FROM records_issue"
		     " WHERE status IN ('open', 'claimed', 'escalated')"
		     " AND (area IN (%s) OR dept IN (%s))", keys.ptr, keys.ptr);
	rc = zdh_index_prepare(idx, sql.ptr, &s);
	zdh_buf_release(&keys);
	zdh_buf_release(&sql);
	if (rc)
		return zdh_error_set(ZDH_ERROR, "index: %s", zdh_db_errmsg(zdh_index_db(idx)));
	if (sqlite3_step(s) == SQLITE_ROW)
		*count = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return 0;
}

int zdh_issue_inbox(struct zdh_index *idx, const char *dept, int brief,
		    int (*fn)(const struct zdh_issue_row *row, void *payload), void *payload)
{
	/* the inbox's order: due IS NULL, due, prefix, n (columns 9, 5, 10, 11) */
	static const int order[] = { 9, 5, 10, 11 };
	const char *cols = brief ? ISSUE_BRIEF_COLUMNS : ISSUE_COLUMNS;
	struct zdh_buf keys = ZDH_BUF_INIT, sql = ZDH_BUF_INIT, mentions = ZDH_BUF_INIT;
	sqlite3 *db = zdh_index_db(idx);
	sqlite3_stmt **s;
	const char **key;
	size_t nkeys, n = 0;
	int err = 0;

	/*
	 * One statement per key of the dept (its id and every name it had)
	 * through records_issue_inbox, whose rows are in the inbox's order
	 * already and hold every column a brief row shows, and one of the few
	 * issues that @mention anyone (records_issue_mentions) of which those
	 * naming it and not already in the others, sorted.  Their rows are
	 * merged here as they come: no sort of the dept's rows (a third of the
	 * work when SQLite sorted their union), no table row read for them, no
	 * scan of every open issue's state.
	 */
	nkeys = zdh_org_key_list(idx, dept, "dept", &key);
	zdh_org_keys_sql(&keys, key, nkeys);
	zdh_buf_addf(&sql, "SELECT %s, due IS NULL, prefix, n FROM records_issue"
		     " WHERE dept = ?1 AND status IN ('claimed', 'escalated')"
		     " ORDER BY due IS NULL, due, prefix, n", cols);
	zdh_buf_addf(&mentions, "SELECT %s, due IS NULL, prefix, n FROM records_issue"
		     " WHERE mentions > 0 AND +status IN ('open', 'claimed', 'escalated')"
		     " AND NOT (status <> 'open' AND coalesce(dept IN (%s), 0))"
		     " AND EXISTS (SELECT 1 FROM json_each(records_issue.state, '$.mentions')"
		     "             WHERE value IN (%s))"
		     " ORDER BY due IS NULL, due, prefix, n", cols, keys.ptr, keys.ptr);
	s = zdh_calloc(nkeys + 1, sizeof(*s));
	for (size_t i = 0; i <= nkeys; i++) {
		if (zdh_index_prepare_db(db, i < nkeys ? sql.ptr : mentions.ptr, &s[n])) {
			err = zdh_error_set(ZDH_ERROR, "index: %s", zdh_db_errmsg(db));
			break;
		}
		if (i < nkeys)
			sqlite3_bind_text(s[n], 1, key[i], -1, SQLITE_STATIC);
		n++;
	}
	zdh_buf_release(&mentions);
	zdh_buf_release(&keys);
	zdh_buf_release(&sql);
	if (!err)
		err = merge_issues(idx, s, n, order, sizeof(order) / sizeof(*order), brief, fn,
				   payload);
	else
		for (size_t i = 0; i < n; i++)
			sqlite3_finalize(s[i]);
	free(s);
	free(key);
	return err;
}

/*
 * project — the project (J) and fund (B) record kinds.  States:
 *   project {"title", "area", "kind": "micro", "decision": "XQ-D2", "year": 2026,
 *            "status": "proposed"|"approved"|"done",
 *            "lines": [{"item", "amount"}], "budget": 1200000 (fen, the lines' sum),
 *            "approved": 1200000, "evaluation", "satisfaction"}
 *   fund    {"area", "year", "budget": 45000000, "spent": 1200000,
 *            "projects": {"XQ-J1": 1200000}, "spends": 1, "area_name": "新桥"}
 * An area is the org's id (older events: its name, see org.h); a fund
 * keeps the name its area had when the fund was made (area_name, from
 * the event's data.names), for the notes its checks write at replay,
 * which cannot read the registry.  A project's fund is the first fund in
 * id order whose area is the same org and whose year is the same.
 *
 * The fund rule under sync.  A spend is ONE event, on the fund's record
 * (op "spend", data {"project", "amount", "item", "approved"}), so the rule "a fund
 * never goes below zero" is decided by check() from the fund's own state
 * and the event: every replica folds a fund's events in the same total
 * order (clock, replica, commit id), so every replica accepts the same
 * spends and refuses the same ones.  When two offices spend concurrently
 * and together would overdraw the fund, the spend that sorts later is
 * kept in the history with no effect, its note saying the balance it met
 * ("fund XQ-B1 has 300.00 left; 500.00 would take it below zero"), and
 * `project show` lists it as such.  A project's spent amount is read from
 * its fund (only spends with effect count), never kept twice.
 * What a project says (approved) is checked when the spend is written;
 * at replay the fund decides alone, also that a project stays within its
 * approved amount, which the spend carries (check_approved).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conflict.h"
#include "council.h"
#include "error.h"
#include "i18n.h"
#include "index-db.h"
#include "issue.h"
#include "org.h"
#include "output.h"
#include "project.h"
#include "repo.h"
#include "words.h"

const char *const zdh_project_kinds[] = { "self-governance", "co-governance", "micro", NULL };

static const char *str(const json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

static long long num(const json_t *o, const char *key)
{
	return json_integer_value(json_object_get(o, key));
}

/* ---- money (pure) ---- */

/*
 * An amount as an office types it: 12000.50, with thousands set apart
 * (450,000 or 450，000: groups of three only, so 1,5 is no amount), a
 * yuan sign before it or 元 after it, or in 万 (4.5万, 45万元: up to six
 * decimals, the last two fen); full width as ASCII.
 */
int zdh_money_parse(long long *fen, const char *text)
{
	struct zdh_buf half = ZDH_BUF_INIT;
	const char *p;
	size_t n;
	long long yuan = 0, frac = 0, scale;
	int digits = 0, lead = 0, group = -1, wan = 0, places;

	*fen = 0;
	if (!text)
		goto bad;
	/* １２００．５０, as a Chinese input method types it */
	zdh_halfwidth(&half, text);
	p = half.ptr;
	if (!strncmp(p, "\xc2\xa5", 2))		/* ¥ */
		p += 2;
	else if (!strncmp(p, "\xef\xbf\xa5", 3))	/* ￥ */
		p += 3;
	n = strlen(p);
	if (n >= 3 && !strcmp(p + n - 3, "元"))
		n -= 3;
	if (n >= 3 && !strncmp(p + n - 3, "万", 3)) {
		n -= 3;
		wan = 1;
	}
	if (!n || *p < '0' || *p > '9')
		goto bad;
	for (; n && ((*p >= '0' && *p <= '9') || *p == ','); p++, n--) {
		if (*p == ',') {
			/* after one to three digits, then after every three */
			if (group < 0 ? lead > 3 : group != 3)
				goto bad;
			group = 0;
			continue;
		}
		if (group < 0)
			lead++;
		else if (++group > 3)
			goto bad;
		if (yuan > ZDH_MONEY_MAX / 100)
			goto bad;
		yuan = yuan * 10 + (*p - '0');
	}
	if (group >= 0 && group != 3)
		goto bad;
	places = wan ? 6 : 2;
	if (n && *p == '.') {
		for (p++, n--; n && *p >= '0' && *p <= '9'; p++, n--, digits++) {
			if (digits == places)
				goto bad;
			frac = frac * 10 + (*p - '0');
		}
		if (!digits)
			goto bad;
	}
	if (n)
		goto bad;
	for (; digits < places; digits++)
		frac *= 10;
	/* frac is in fen either way: 1万 is 1,000,000 fen, its sixth decimal one */
	scale = wan ? 10000 : 1;
	if (yuan > ZDH_MONEY_MAX / 100 / scale ||
	    yuan * 100 * scale > ZDH_MONEY_MAX - frac)
		goto bad;
	*fen = yuan * 100 * scale + frac;
	zdh_buf_release(&half);
	return 0;
bad:
	zdh_buf_release(&half);
	return zdh_error_set(ZDH_EINVALID,
			     _("'%s' is not an amount in yuan (1200.50, 450,000, 1200元 or 4.5万)"),
			     text ? text : "");
}

int zdh_fund_spend_check(const char *fund, long long budget, long long spent, long long amount)
{
	char left[32], want[32];

	if (amount <= 0)
		return zdh_error_set(ZDH_EINVALID, _("a spend is more than 0.00"));
	if (amount > budget - spent) {
		zdh_money_format(left, budget - spent);
		zdh_money_format(want, amount);
		return zdh_error_set(ZDH_ESTATE, _("fund %s has %s left; %s would take it below zero"),
				     fund, left, want);
	}
	return 0;
}

int zdh_fund_budget_check(const char *fund, long long budget, long long spent)
{
	char b[32], s[32];

	if (budget < spent) {
		zdh_money_format(b, budget);
		zdh_money_format(s, spent);
		return zdh_error_set(ZDH_ESTATE, _("fund %s has spent %s already; its budget cannot be %s"),
				     fund, s, b);
	}
	return 0;
}

/* ---- checks (replay) ---- */

static int amount_of(long long *out, const json_t *v, const char *what)
{
	if (!json_is_integer(v) || json_integer_value(v) < 0 || json_integer_value(v) > ZDH_MONEY_MAX)
		return zdh_error_set(ZDH_EINVALID, _("%s is not an amount in fen"), what);
	*out = json_integer_value(v);
	return 0;
}

static int text(const json_t *o, const char *key, size_t max, int required)
{
	json_t *v = json_object_get(o, key);

	if (!v)
		return required ? zdh_error_set(ZDH_EINVALID, _("%s is missing"), key) : 0;
	if (!json_is_string(v))
		return zdh_error_set(ZDH_EINVALID, _("%s is not text"), key);
	if (strspn(json_string_value(v), " \t\n") == strlen(json_string_value(v)))
		return zdh_error_set(ZDH_EINVALID, _("%s is empty"), key);
	return zdh_issue_check_text(key, json_string_value(v), max, max <= ZDH_NAME_MAX * 2);
}

static int check_kind_word(const char *kind)
{
	for (size_t i = 0; zdh_project_kinds[i]; i++)
		if (!strcmp(zdh_project_kinds[i], kind))
			return 0;
	return zdh_error_set(ZDH_EINVALID,
			     _("unknown project kind '%s' (self-governance, co-governance or micro)"),
			     kind);
}

const char *const zdh_project_states[] = { "proposed", "approved", "done", NULL };

int zdh_project_check_filter(const char *status, const char *kind)
{
	if (status && zdh_word_check(zdh_project_states, ZDH_W_PROJECT_STATUS, status, N_("status")))
		return ZDH_EINVALID;
	if (kind && zdh_word_check(zdh_project_kinds, ZDH_W_PROJECT_KIND, kind, N_("kind")))
		return ZDH_EINVALID;
	return 0;
}

static int check_year(const json_t *v)
{
	if (!json_is_integer(v) || json_integer_value(v) < 1900 || json_integer_value(v) > 9999)
		return zdh_error_set(ZDH_EINVALID, _("year must be from 1900 to 9999"));
	return 0;
}

static int only(const json_t *set, const char *const *allowed, const char *op)
{
	const char *key;
	json_t *v;

	if (!json_is_object(set))
		return zdh_error_set(ZDH_EINVALID, _("data.set is not an object"));
	json_object_foreach((json_t *)set, key, v) {
		size_t i;
		for (i = 0; allowed[i] && strcmp(allowed[i], key); i++)
			;
		if (!allowed[i])
			return zdh_error_set(ZDH_EINVALID, _("'%s' cannot set %s"), op, key);
	}
	return 0;
}

static int refuse_status(const json_t *state, const struct zdh_event *ev, const char *want)
{
	return zdh_error_set(ZDH_ESTATE, _("project %s is %s; '%s' needs it %s"), ev->record,
			     zdh_word_label(ZDH_W_PROJECT_STATUS, str(state, "status")),
			     zdh_word_label(ZDH_W_OPERATION, ev->op),
			     zdh_word_label(ZDH_W_PROJECT_STATUS, want));
}

static int check_project(const json_t *state, const struct zdh_event *ev)
{
	static const char *const add_fields[] = { "title", "area", "kind", "decision", "year", NULL };
	static const char *const none[] = { NULL };
	json_t *set = json_object_get(ev->data, "set"), *data = ev->data;
	const char *op = ev->op, *status = str(state, "status");
	long long amount;
	int err;

	if (!strcmp(op, "add")) {
		if (state)
			return zdh_error_set(ZDH_EEXISTS, _("project %s exists already"), ev->record);
		if ((err = only(set, add_fields, op)) ||
		    (err = text(set, "title", ZDH_NAME_MAX * 2, 1)) ||
		    (err = text(set, "area", ZDH_NAME_MAX, 1)) ||
		    (err = text(set, "kind", ZDH_NAME_MAX, 1)) ||
		    (err = text(set, "decision", ZDH_NAME_MAX, 0)) ||
		    (err = check_kind_word(str(set, "kind"))) ||
		    (err = check_year(json_object_get(set, "year"))))
			return err;
		/* a decision's id (project version 3): the decision may come later, by another log */
		if (str(set, "decision"))
			return zdh_kind_id_check("decision", str(set, "decision"));
		return 0;
	}
	if (!state)
		return zdh_error_set(ZDH_ENOTFOUND, _("no project %s"), ev->record);
	if (json_object_get(ev->data, "set") && (err = only(set, none, op)))
		return err;
	if ((err = text(data, "message", ZDH_ISSUE_BODY_MAX, 0)))
		return err;
	if (!strcmp(op, "budget")) {
		json_t *v = json_object_get(data, "amount");
		if (strcmp(status, "proposed"))
			return refuse_status(state, ev, "proposed");
		if ((err = text(data, "item", ZDH_NAME_MAX * 2, 1)))
			return err;
		/*
		 * a line below zero corrects the lines before it (红字更正,
		 * project version 4): a mistyped line cannot be taken out,
		 * and the budget never goes below 0.00
		 */
		if (json_is_integer(v) && json_integer_value(v) < 0 &&
		    json_integer_value(v) >= -ZDH_MONEY_MAX) {
			char b[32], c[32];
			amount = json_integer_value(v);
			if (num(state, "budget") + amount >= 0)
				return 0;
			zdh_money_format(b, num(state, "budget"));
			zdh_money_format(c, amount);
			return zdh_error_set(ZDH_ESTATE,
					     _("project %s has a budget of %s; a correction of %s would take it below 0.00"),
					     ev->record, b, c);
		}
		if ((err = amount_of(&amount, v, "amount")))
			return err;
		if (!amount)
			return zdh_error_set(ZDH_EINVALID, _("a budget line is more than 0.00"));
		if (amount > ZDH_MONEY_MAX - num(state, "budget"))
			return zdh_error_set(ZDH_ESTATE, _("the budget would be too large"));
		return 0;
	}
	if (!strcmp(op, "approve")) {
		if (strcmp(status, "proposed"))
			return refuse_status(state, ev, "proposed");
		if (num(state, "budget") <= 0)
			return json_array_size(json_object_get(state, "lines")) ?
				zdh_error_set(ZDH_ESTATE, _("project %s has a budget of 0.00: nothing to approve"),
					      ev->record) :
				zdh_error_set(ZDH_ESTATE, _("project %s has no budget lines"), ev->record);
		/*
		 * the budget its writer saw (version 2): a line written
		 * concurrently at another office may fold before it, and is
		 * not approved by it; never more than the lines hold
		 */
		if (json_object_get(data, "amount")) {
			char b[32], a[32];
			if ((err = amount_of(&amount, json_object_get(data, "amount"), "amount")))
				return err;
			if (!amount)
				return zdh_error_set(ZDH_EINVALID, _("an approval is of more than 0.00"));
			if (amount > num(state, "budget")) {
				zdh_money_format(b, num(state, "budget"));
				zdh_money_format(a, amount);
				return zdh_error_set(ZDH_ESTATE,
						     _("project %s has a budget of %s; an approval of %s is beyond it"),
						     ev->record, b, a);
			}
		}
		return 0;
	}
	if (!strcmp(op, "done")) {
		json_t *sat = json_object_get(data, "satisfaction");
		if (strcmp(status, "approved"))
			return refuse_status(state, ev, "approved");
		if ((err = text(data, "evaluation", ZDH_ISSUE_BODY_MAX, 1)))
			return err;
		if (sat && (!json_is_integer(sat) || json_integer_value(sat) < 1 ||
			    json_integer_value(sat) > 5))
			return zdh_error_set(ZDH_EINVALID, _("satisfaction is 1 to 5"));
		return 0;
	}
	return zdh_error_set(ZDH_EINVALID, _("unknown operation '%s'"), op);
}

static void apply_project(json_t *state, const struct zdh_event *ev)
{
	const char *op = ev->op;

	if (!strcmp(op, "add")) {
		json_object_set_new(state, "status", json_string("proposed"));
		json_object_set_new(state, "budget", json_integer(0));
	} else if (!strcmp(op, "budget")) {
		json_t *lines = json_object_get(state, "lines");
		if (!json_is_array(lines)) {
			lines = json_array();
			json_object_set_new(state, "lines", lines);
		}
		json_array_append_new(lines, json_pack("{s:O, s:O}", "item",
						       json_object_get(ev->data, "item"), "amount",
						       json_object_get(ev->data, "amount")));
		json_object_set_new(state, "budget", json_integer(num(state, "budget") +
								   num(ev->data, "amount")));
	} else if (!strcmp(op, "approve")) {
		json_object_set_new(state, "status", json_string("approved"));
		json_object_set_new(state, "approved",
				    json_integer(json_object_get(ev->data, "amount") ?
						 num(ev->data, "amount") : num(state, "budget")));
	} else if (!strcmp(op, "done")) {
		json_object_set_new(state, "status", json_string("done"));
		json_object_set(state, "evaluation", json_object_get(ev->data, "evaluation"));
		if (json_object_get(ev->data, "satisfaction"))
			json_object_set(state, "satisfaction", json_object_get(ev->data, "satisfaction"));
	}
}

/* The fund's name in messages: "XQ-B1 (新桥 2026)", its area named as when it was made. */
static char *fund_name(const json_t *state, const char *id)
{
	const char *area = str(state, "area_name") ? str(state, "area_name") : str(state, "area");

	return zdh_asprintf("%s (%s %lld)", id, area ? area : "?", num(state, "year"));
}

/*
 * A spend's project held to its approved amount at replay (fund version
 * 4): the spend carries the amount approved as its writer saw it
 * ("approved") and what the project had spent from the area's other
 * funds then ("elsewhere", when any); the project's spends with effect in
 * this fund's state, with it, must not pass it.  Two offices spending on
 * one project at once, together beyond its approval: the spend that
 * sorts later has no effect, as one that would overdraw the fund.  A
 * spend written before version 4 carries no "approved" and is not held.
 */
static int check_approved(const json_t *state, const struct zdh_event *ev, long long amount)
{
	json_t *approved = json_object_get(ev->data, "approved"), *elsewhere;
	long long cap, other = 0, spent;
	char a[32], b[32], c[32];
	int err;

	if (!approved)
		return 0;
	if ((err = amount_of(&cap, approved, "approved")))
		return err;
	if ((elsewhere = json_object_get(ev->data, "elsewhere")) &&
	    (err = amount_of(&other, elsewhere, "elsewhere")))
		return err;
	spent = other + num(json_object_get(state, "projects"), str(ev->data, "project"));
	if (amount > cap - spent) {
		zdh_money_format(a, cap);
		zdh_money_format(b, spent);
		zdh_money_format(c, amount);
		return zdh_error_set(ZDH_ESTATE,
				     _("project %s was approved for %s and has spent %s; %s more is beyond it"),
				     str(ev->data, "project"), a, b, c);
	}
	return 0;
}

static int check_fund(const json_t *state, const struct zdh_event *ev)
{
	static const char *const add_fields[] = { "area", "year", "budget", NULL };
	static const char *const set_fields[] = { "budget", NULL };
	json_t *set = json_object_get(ev->data, "set");
	const char *op = ev->op;
	long long budget, amount;
	char *name;
	int err;

	if ((err = text(ev->data, "message", ZDH_ISSUE_BODY_MAX, 0)))
		return err;
	if (!strcmp(op, "add")) {
		if (state)
			return zdh_error_set(ZDH_EEXISTS, _("fund %s exists already"), ev->record);
		if ((err = only(set, add_fields, op)) || (err = text(set, "area", ZDH_NAME_MAX, 1)) ||
		    (err = check_year(json_object_get(set, "year"))) ||
		    (err = amount_of(&budget, json_object_get(set, "budget"), "budget")))
			return err;
		return 0;
	}
	if (!state)
		return zdh_error_set(ZDH_ENOTFOUND, _("no fund %s"), ev->record);
	name = fund_name(state, ev->record);
	if (!strcmp(op, "set")) {
		if (!(err = only(set, set_fields, op)) &&
		    !(err = amount_of(&budget, json_object_get(set, "budget"), "budget")))
			err = zdh_fund_budget_check(name, budget, num(state, "spent"));
	} else if (!strcmp(op, "spend")) {
		if (!(err = zdh_kind_check_no_set(ev)) &&
		    !(err = text(ev->data, "project", ZDH_NAME_MAX, 1)) &&
		    /* a project's id (fund version 3) */
		    !(err = zdh_kind_id_check("project", str(ev->data, "project"))) &&
		    !(err = text(ev->data, "item", ZDH_NAME_MAX * 2, 1)) &&
		    !(err = amount_of(&amount, json_object_get(ev->data, "amount"), "amount")) &&
		    !(err = check_approved(state, ev, amount)))
			err = zdh_fund_spend_check(name, num(state, "budget"), num(state, "spent"),
						   amount);
	} else {
		err = zdh_error_set(ZDH_EINVALID, _("unknown operation '%s'"), op);
	}
	free(name);
	return err;
}

static void apply_fund(json_t *state, const struct zdh_event *ev)
{
	const char *project;
	json_t *projects;
	long long amount;

	if (strcmp(ev->op, "spend")) {
		const char *area = str(state, "area");
		const char *then = area ? str(json_object_get(ev->data, "names"), area) : NULL;
		if (!json_object_get(state, "spent"))
			json_object_set_new(state, "spent", json_integer(0));
		if (!strcmp(ev->op, "add") && then)
			json_object_set_new(state, "area_name", json_string(then));
		return;
	}
	amount = num(ev->data, "amount");
	project = str(ev->data, "project");
	json_object_set_new(state, "spent", json_integer(num(state, "spent") + amount));
	json_object_set_new(state, "spends", json_integer(num(state, "spends") + 1));
	projects = json_object_get(state, "projects");
	if (!json_is_object(projects)) {
		projects = json_object();
		json_object_set_new(state, "projects", projects);
	}
	json_object_set_new(projects, project, json_integer(num(projects, project) + amount));
}

/* ---- validate (write time) ---- */

/*
 * The projects other than except whose title looks like title (the same
 * zdh_name_key(), or is it) in area (an org id, or the name an older
 * event wrote) and year, in id order: a new array, *unlike and *same as
 * zdh_index_like_rows() gives them (same may be NULL).  Two offices may
 * each add one before they hear of each other; both stay.
 */
static int titled(json_t **out, json_t **unlike, char **same, struct zdh_index *idx,
		  const char *title, const char *area, long long year, const char *except)
{
	struct zdh_buf sql = ZDH_BUF_INIT;
	sqlite3_stmt *s;
	int rc, err;

	*out = NULL;
	*unlike = NULL;
	if (same)
		*same = NULL;
	/* (by records_project_title: a scan of the year's projects made a pull of n quadratic) */
	zdh_buf_puts(&sql, "SELECT id, json_extract(state, '$.title') FROM records_project"
		     " WHERE zdh_name_key(json_extract(state, '$.title')) = zdh_name_key(?2)"
		     " AND year = ?1 AND id IS NOT ?3");
	zdh_org_in(&sql, idx, "area", area, "area");
	zdh_buf_puts(&sql, " ORDER BY prefix, n");
	rc = zdh_index_prepare(idx, sql.ptr, &s);
	zdh_buf_release(&sql);
	if (rc)
		return zdh_error_set(ZDH_ERROR, "index: %s", zdh_db_errmsg(zdh_index_db(idx)));
	sqlite3_bind_int64(s, 1, year);
	sqlite3_bind_text(s, 2, title, -1, SQLITE_STATIC);
	if (except)
		sqlite3_bind_text(s, 3, except, -1, SQLITE_STATIC);
	err = zdh_index_like_rows(idx, s, title, out, unlike, same);
	sqlite3_finalize(s);
	return err;
}

static int validate_project(struct zdh_index *idx, const json_t *state, const struct zdh_event *ev)
{
	json_t *set = json_object_get(ev->data, "set"), *st;
	const char *decision = str(set, "decision");
	char *id;
	int err;

	(void)state;
	if (strcmp(ev->op, "add"))
		return 0;
	/* a title is one in its area and year, as a name (org.h) */
	if (str(set, "title") && (err = zdh_name_visible(_("title"), str(set, "title"))))
		return err;
	if ((err = zdh_org_resolve(&id, idx, str(set, "area"), "area", 0)))
		return err;
	/*
	 * one title a project in an area and a year, as an org's name in the
	 * registry, nor one that looks like another's there (zdh_kind_name_free)
	 */
	if (str(set, "title")) {
		json_t *others, *unlike;
		char *same;
		if (!(err = titled(&others, &unlike, &same, idx, str(set, "title"), id,
				   num(set, "year"), NULL))) {
			if (same)
				err = zdh_error_set(ZDH_EEXISTS,
						    _("a project titled '%s' exists already in %s for %lld (%s)"),
						    str(set, "title"), zdh_org_label(idx, id),
						    num(set, "year"), same);
			else
				err = zdh_kind_like_refused(str(set, "title"), others, unlike);
			free(same);
			json_decref(others);
			json_decref(unlike);
		}
		if (err) {
			free(id);
			return err;
		}
	}
	free(id);
	if (decision) {
		if (!zdh_kind_find("decision"))
			return zdh_error_set(ZDH_EINVALID, _("this zdh keeps no council decisions; --decision cannot be checked"));
		err = zdh_index_state(idx, "decision", decision, &st, NULL);
		if (err == ZDH_ENOTFOUND)
			return zdh_error_set(ZDH_ENOTFOUND, _("no decision %s"), decision);
		if (err)
			return err;
		/* a project comes from what the council adopted, not a motion still open or lost */
		err = zdh_decision_check_adopted(decision, st);
		/* nor one naming a council whose area it is not of (zdh-council(1)) */
		if (!err && !zdh_council_owns(idx, "decision", decision))
			err = zdh_error_set(ZDH_EINVALID, _("decision %s is not %s's: its area is not one %s has had"),
					    decision, str(st, "council"), str(st, "council"));
		json_decref(st);
		if (err)
			return err;
	}
	return 0;
}

/*
 * A pull's news (kind.h): each project its events added whose title
 * another project of its area and year has, two offices having added one
 * each before they heard of each other (validate_project refuses it when
 * one office does), "YA-J1 same title as XQ-J4: a project titled '楼道照明'
 * in 延安公寓 for 2026"; a group of them new together is told once.  Read
 * from the projects, few, each looked up in events_fold: not from the
 * events the pull brought, many.
 */
static int project_others(json_t **out, json_t **unlike, struct zdh_index *idx,
			  sqlite3_stmt *row, const char *id)
{
	const char *title = (const char *)sqlite3_column_text(row, 1);
	const char *area = (const char *)sqlite3_column_text(row, 2);

	return title && area ? titled(out, unlike, NULL, idx, title, area,
				      sqlite3_column_int64(row, 3), id) : 0;
}

static char *project_line(struct zdh_index *idx, sqlite3_stmt *row, const char *id,
			  const char *others, const char *names)
{
	if (names)
		return zdh_asprintf(_("%s looks like %s: projects titled %s in %s for %lld"),
				    id, others, names,
				    zdh_org_label(idx, (const char *)sqlite3_column_text(row, 2)),
				    (long long)sqlite3_column_int64(row, 3));
	return zdh_asprintf(_("%s same title as %s: a project titled '%s' in %s for %lld"),
			    id, others, (const char *)sqlite3_column_text(row, 1),
			    zdh_org_label(idx, (const char *)sqlite3_column_text(row, 2)),
			    (long long)sqlite3_column_int64(row, 3));
}

static char *overspent_line(sqlite3_stmt *s)
{
	char spent[32], approved[32];

	zdh_money_format(spent, sqlite3_column_int64(s, 1));
	zdh_money_format(approved, sqlite3_column_int64(s, 2));
	return zdh_asprintf(_("%s has spent %s, beyond the %s approved"),
			    (const char *)sqlite3_column_text(s, 0), spent, approved);
}

/*
 * And each project that has spent beyond what it was approved for, told
 * when a new event is the project's or a spend of it: two offices that
 * approved one project at once, each its own budget (a line the other had
 * not heard of), keep the first approval in fold order; a spend the other
 * wrote carries the amount its writer approved (check_approved), so the
 * fund takes it, and the project's spends pass its approval.  No fold can
 * refuse that (the fund does not see the project), so people must know:
 * "XQ-J1 has spent 450.00, beyond the 300.00 approved".
 */
static int overspent_news(struct zdh_index *idx, long long mark,
			  void (*fn)(const char *line, void *payload), void *payload)
{
	static const char sql[] =
		"WITH spent(project, fen) AS (SELECT e.key, sum(e.value)"
		"  FROM records f, json_each(f.state, '$.projects') e"
		"  WHERE f.kind = 'fund' GROUP BY e.key),"
		" new(project) AS (SELECT record FROM events WHERE seq > ?1 AND kind = 'project'"
		"  UNION SELECT json_extract(data, '$.project') FROM events"
		"  WHERE seq > ?1 AND kind = 'fund' AND op = 'spend')"
		" SELECT p.id, s.fen, json_extract(p.state, '$.approved')"
		" FROM spent s JOIN records_project p ON " ZDH_SQL_ID_IS("p.", "'project'", "s.project")
		" WHERE p.status IN ('approved', 'done')"
		" AND s.fen > json_extract(p.state, '$.approved')"
		" AND p.id IN (SELECT project FROM new) ORDER BY p.prefix, p.n";

	return zdh_index_row_news(idx, mark, sql, overspent_line, fn, payload);
}

static int project_news(struct zdh_index *idx, long long mark,
			void (*fn)(const char *line, void *payload), void *payload)
{
	static const struct zdh_same_news n = {
		"SELECT p.id, json_extract(p.state, '$.title'), p.area, p.year FROM records_project p"
		" WHERE EXISTS (SELECT 1 FROM events e WHERE e.record = p.id AND e.kind = 'project'"
		" AND e.op = 'add' AND e.effect = 1 AND e.seq > ?1) ORDER BY p.prefix, p.n",
		project_others, project_line
	};

	int err = zdh_index_same_news(idx, mark, &n, fn, payload);

	return err ? err : overspent_news(idx, mark, fn, payload);
}

static const struct zdh_op project_ops[] = {
	{ "add", validate_project, check_project, apply_project },
	{ "budget", NULL, check_project, apply_project },
	{ "approve", NULL, check_project, apply_project },
	{ "done", NULL, check_project, apply_project },
	{ NULL, NULL, NULL, NULL }
};

static const struct zdh_field project_fields[] = {
	{ "area", "TEXT", "area" },
	{ "year", "INTEGER", "year" },
	{ "status", "TEXT", "status" },
	{ NULL, NULL, NULL }
};

const struct zdh_kind zdh_kind_project = {
	.name = "project", .letter = 'J', .ops = project_ops, .fields = project_fields,
	.noun = "project",
	/* the titles that look alike (zdh_name_key()) in a year: titled() */
	.index_sql = "CREATE INDEX records_project_title"
		" ON records(zdh_name_key(json_extract(state, '$.title')), {year})"
		" WHERE kind = 'project';",
	.news = project_news,
	.version = 4	/* 2: approve's amount; 3: its decision a decision's id;
			   4: a budget line below zero, a correction */
};

static const struct zdh_op fund_ops[] = {
	{ "add", NULL, check_fund, apply_fund },
	{ "set", NULL, check_fund, apply_fund },
	{ "spend", NULL, check_fund, apply_fund },
	{ NULL, NULL, NULL, NULL }
};

static const struct zdh_field fund_fields[] = {
	{ "area", "TEXT", "area" },
	{ "year", "INTEGER", "year" },
	{ NULL, NULL, NULL }
};

const struct zdh_kind zdh_kind_fund = {
	.name = "fund", .letter = 'B', .ops = fund_ops, .fields = fund_fields,
	.noun = "project",
	.index_sql = "CREATE INDEX records_fund_area ON records({area}, {year}) WHERE kind = 'fund';",
	.version = 4	/* 2: areas by id, area_name; 3: a spend's project a project's id;
			 * 4: a spend held to the approval it carries */
};

/* ---- writes ---- */

/* A live area, as records refer to it: its id. */
static int area_id(char **out, struct zdh_index *idx, const char *area)
{
	return zdh_org_resolve(out, idx, area, "area", 0);
}

static int year_of(const struct zdh_time *date)
{
	char day[11];

	zdh_issue_day(day, date);
	return atoi(day);
}

static int project_event(struct zdh_txn *txn, const char *id, const char *op, json_t *data,
			 const char *what, const struct zdh_time *date, char **id_out)
{
	char *summary = zdh_asprintf("project %s %s", op, what ? what : id);
	int err;

	zdh_org_note_names(zdh_txn_index(txn), data);
	err = zdh_txn_event(txn, &zdh_kind_project, id, op, data, summary, date, id_out);

	free(summary);
	return err;
}

int zdh_project_add(struct zdh_txn *txn, const struct zdh_project_fields *f,
		    const struct zdh_time *date, char **id)
{
	json_t *set;
	char *area;
	int err;

	if ((err = check_kind_word(f->kind ? f->kind : "self-governance")))
		return err;
	if ((err = area_id(&area, zdh_txn_index(txn), f->area)))
		return err;
	set = json_pack("{s:s, s:s, s:s, s:i}", "title", f->title, "area", area, "kind",
			f->kind ? f->kind : "self-governance", "year",
			f->year ? f->year : year_of(date));
	if (f->decision && *f->decision)
		json_object_set_new(set, "decision", json_string(f->decision));
	free(area);
	return project_event(txn, NULL, "add", json_pack("{s:o}", "set", set), f->title, date, id);
}

int zdh_project_budget(struct zdh_txn *txn, const char *id, long long fen, const char *item,
		       const struct zdh_time *date)
{
	return project_event(txn, id, "budget", json_pack("{s:s, s:I}", "item", item, "amount",
							  (json_int_t)fen), NULL, date, NULL);
}

int zdh_project_approve(struct zdh_txn *txn, const char *id, const char *message,
			const struct zdh_time *date)
{
	json_t *data = json_object(), *st;

	if (message && *message)
		json_object_set_new(data, "message", json_string(message));
	/* what is approved: the budget as this replica has it now (no project: check says so) */
	if (!zdh_index_state(zdh_txn_index(txn), "project", id, &st, NULL)) {
		if (json_is_integer(json_object_get(st, "budget")) && num(st, "budget") > 0)
			json_object_set_new(data, "amount", json_integer(num(st, "budget")));
		json_decref(st);
	}
	return project_event(txn, id, "approve", data, NULL, date, NULL);
}

int zdh_project_done(struct zdh_txn *txn, const char *id, const char *evaluation,
		     int satisfaction, const struct zdh_time *date)
{
	json_t *data = json_pack("{s:s}", "evaluation", evaluation ? evaluation : "");

	if (satisfaction)
		json_object_set_new(data, "satisfaction", json_integer(satisfaction));
	return project_event(txn, id, "done", data, NULL, date, NULL);
}

/*
 * The fund of area (an id, or the name an older event wrote) for year:
 * the first in id order when two offices made one each.
 */
static int fund_of(char **id, struct zdh_index *idx, const char *area, int year)
{
	struct zdh_buf sql = ZDH_BUF_INIT;
	sqlite3_stmt *s;
	int rc;

	*id = NULL;
	if (!area)
		return 0;
	zdh_buf_puts(&sql, "SELECT id FROM records_fund WHERE year = ?1");
	zdh_org_in(&sql, idx, "area", area, "area");
	zdh_buf_puts(&sql, " ORDER BY prefix, n LIMIT 1");
	rc = zdh_index_prepare(idx, sql.ptr, &s);
	zdh_buf_release(&sql);
	if (rc)
		return zdh_error_set(ZDH_ERROR, "index: %s", zdh_db_errmsg(zdh_index_db(idx)));
	sqlite3_bind_int(s, 1, year);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW)
		*id = zdh_strdup((const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return zdh_error_set(ZDH_ERROR, "index: %s", zdh_db_errmsg(zdh_index_db(idx)));
	return 0;
}

/*
 * The ids of every fund of area for year, in id order (more than one when
 * two offices made one each), and what project spent from them all.
 */
static int area_funds(json_t **ids, long long *spent, struct zdh_index *idx, const char *area,
		      int year, const char *project)
{
	struct zdh_buf sql = ZDH_BUF_INIT;
	sqlite3_stmt *s;
	int rc;

	*ids = json_array();
	*spent = 0;
	if (!area)
		return 0;
	zdh_buf_puts(&sql, "SELECT id, json_extract(state, '$.projects') FROM records_fund WHERE year = ?1");
	zdh_org_in(&sql, idx, "area", area, "area");
	zdh_buf_puts(&sql, " ORDER BY prefix, n");
	rc = zdh_index_prepare(idx, sql.ptr, &s);
	zdh_buf_release(&sql);
	if (rc)
		return zdh_error_set(ZDH_ERROR, "index: %s", zdh_db_errmsg(zdh_index_db(idx)));
	sqlite3_bind_int(s, 1, year);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *projects = (const char *)sqlite3_column_text(s, 1);
		json_t *p = projects ? json_loads(projects, 0, NULL) : NULL;
		json_array_append_new(*ids, json_string((const char *)sqlite3_column_text(s, 0)));
		*spent += num(p, project);
		json_decref(p);
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return zdh_error_set(ZDH_ERROR, "index: %s", zdh_db_errmsg(zdh_index_db(idx)));
	return 0;
}


int zdh_fund_set(struct zdh_txn *txn, const char *area, int year, long long fen,
		 const char *message, const struct zdh_time *date, char **id)
{
	struct zdh_index *idx = zdh_txn_index(txn);
	char *name = NULL, *fund = NULL, *summary = NULL;
	json_t *data;
	int err;

	if (year < 1900 || year > 9999)
		return zdh_error_set(ZDH_EINVALID, _("year must be from 1900 to 9999"));
	if ((err = area_id(&name, idx, area)) || (err = fund_of(&fund, idx, name, year)))
		goto done;
	data = json_object();
	if (message && *message)
		json_object_set_new(data, "message", json_string(message));
	summary = zdh_asprintf("fund %s %s %d", fund ? "set" : "add", zdh_org_label(idx, name), year);
	if (fund) {
		json_object_set_new(data, "set", json_pack("{s:I}", "budget", (json_int_t)fen));
		err = zdh_txn_event(txn, &zdh_kind_fund, fund, "set", data, summary, date, NULL);
		if (!err && id)
			*id = zdh_strdup(fund);
	} else {
		json_object_set_new(data, "set", json_pack("{s:s, s:i, s:I}", "area", name, "year", year,
							   "budget", (json_int_t)fen));
		zdh_org_note_names(idx, data);
		err = zdh_txn_event(txn, &zdh_kind_fund, NULL, "add", data, summary, date, id);
	}
done:
	free(summary);
	free(fund);
	free(name);
	return err;
}

int zdh_project_spend(struct zdh_txn *txn, const char *id, long long fen, const char *item,
		      const struct zdh_time *date)
{
	struct zdh_index *idx = zdh_txn_index(txn);
	json_t *st = NULL, *funds = NULL, *fs = NULL, *data;
	const char *fund;
	char *summary = NULL, a[32], b[32], c[32];
	long long spent, elsewhere;
	int err;

	if ((err = zdh_index_state(idx, "project", id, &st, NULL))) {
		if (err == ZDH_ENOTFOUND)
			err = zdh_kind_not_found(idx, "project", id);
		goto done;
	}
	if (strcmp(str(st, "status"), "approved")) {
		err = zdh_error_set(ZDH_ESTATE, _("project %s is %s; only an approved project spends"),
				    id, zdh_word_label(ZDH_W_PROJECT_STATUS, str(st, "status")));
		goto done;
	}
	/* what it spent from every fund of its area and year, not only the first */
	if ((err = area_funds(&funds, &spent, idx, str(st, "area"), (int)num(st, "year"), id)))
		goto done;
	fund = json_string_value(json_array_get(funds, 0));
	if (!fund) {
		err = zdh_error_set(ZDH_ENOTFOUND, _("%s has no fund for %lld (see 'zdh fund set')"),
				    zdh_org_label(idx, str(st, "area")), num(st, "year"));
		goto done;
	}
	if (fen > num(st, "approved") - spent) {
		zdh_money_format(a, num(st, "approved"));
		zdh_money_format(b, spent);
		zdh_money_format(c, fen);
		err = zdh_error_set(ZDH_ESTATE,
				    _("project %s was approved for %s and has spent %s; %s more is beyond it"),
				    id, a, b, c);
		goto done;
	}
	/* the approval it is held to at replay, and what other funds paid (check_approved) */
	if ((err = zdh_index_state(idx, "fund", fund, &fs, NULL)))
		goto done;
	elsewhere = spent - num(json_object_get(fs, "projects"), id);
	data = json_pack("{s:s, s:I, s:s, s:I}", "project", id, "amount", (json_int_t)fen,
			 "item", item, "approved", (json_int_t)num(st, "approved"));
	if (elsewhere > 0)
		json_object_set_new(data, "elsewhere", json_integer(elsewhere));
	zdh_money_format(c, fen);
	summary = zdh_asprintf("fund spend %s %s %s", fund, id, c);
	err = zdh_txn_event(txn, &zdh_kind_fund, fund, "spend", data, summary, date, NULL);
done:
	free(summary);
	json_decref(funds);
	json_decref(fs);
	json_decref(st);
	return err;
}

/* ---- queries ---- */

/* What funds and projects are matched on: the area's org id (or what it holds) and the year. */
static char *area_year(struct zdh_index *idx, const char *area, long long year)
{
	const char *id = zdh_org_ref_id(idx, area, "area");

	return zdh_asprintf("%s %lld", id ? id : area ? area : "", year);
}

/*
 * The projects' spent amounts ({"XQ-J1": fen}) by area_year(), summed over
 * every fund of the area and year: when two offices each created the fund,
 * a project may have spent from both (each office from the one it had), and
 * what it spent is the sum, for project show and list and for the check of
 * a new spend against the approved amount.
 */
static int funds_spent(json_t **out, struct zdh_index *idx)
{
	sqlite3_stmt *s;
	int rc;

	*out = json_object();
	if (zdh_index_prepare(idx, "SELECT area, year, json_extract(state, '$.projects')"
			       " FROM records_fund ORDER BY prefix, n", &s))
		return zdh_error_set(ZDH_ERROR, "index: %s", zdh_db_errmsg(zdh_index_db(idx)));
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *projects = (const char *)sqlite3_column_text(s, 2);
		char *key = area_year(idx, (const char *)sqlite3_column_text(s, 0),
				      sqlite3_column_int64(s, 1));
		json_t *p = projects ? json_loads(projects, 0, NULL) : NULL, *sum, *v;
		const char *project;
		if (!(sum = json_object_get(*out, key)))
			json_object_set_new(*out, key, sum = json_object());
		json_object_foreach(p, project, v)
			json_object_set_new(sum, project, json_integer(num(sum, project) + json_integer_value(v)));
		json_decref(p);
		free(key);
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return zdh_error_set(ZDH_ERROR, "index: %s", zdh_db_errmsg(zdh_index_db(idx)));
	return 0;
}

static int each(struct zdh_index *idx, sqlite3_stmt *s, const json_t *spent,
		int (*fn)(json_t *, void *), void *payload)
{
	int rc, err = 0;

	while (!err && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *id = (const char *)sqlite3_column_text(s, 0);
		json_t *st = json_loads((const char *)sqlite3_column_text(s, 1), 0, NULL);
		char *key;
		if (!st) {
			err = zdh_error_set(ZDH_ECORRUPT, _("index: the state of %s is not JSON"), id);
			break;
		}
		json_object_set_new(st, "id", json_string(id));
		key = area_year(idx, str(st, "area"), num(st, "year"));
		json_object_set_new(st, "spent", json_integer(num(json_object_get(spent, key), id)));
		free(key);
		zdh_org_name_refs(idx, st);
		err = fn(st, payload);
		json_decref(st);
	}
	if (!err && rc != SQLITE_DONE)
		err = zdh_error_set(ZDH_ERROR, "index: %s", zdh_db_errmsg(zdh_index_db(idx)));
	sqlite3_finalize(s);
	return err;
}

int zdh_project_list(struct zdh_index *idx, const struct zdh_project_filter *f,
		     int (*fn)(json_t *project, void *payload), void *payload)
{
	struct zdh_buf sql = ZDH_BUF_INIT;
	json_t *spent;
	sqlite3_stmt *s;
	int err, rc;

	/* a project's spent amount is its fund's (the first fund of its area and year) */
	if ((err = funds_spent(&spent, idx))) {
		json_decref(spent);
		return err;
	}
	zdh_buf_puts(&sql, "SELECT p.id, p.state FROM records_project p WHERE 1");
	/* the area's id, or a name an older event wrote */
	zdh_org_in(&sql, idx, "p.area", f->area, "area");
	zdh_buf_puts(&sql, " AND (?2 IS NULL OR p.status = ?2)"
		     " AND (?3 IS NULL OR json_extract(p.state, '$.kind') = ?3)"
		     " AND (?4 = 0 OR p.year = ?4)"
		     " AND (?5 IS NULL OR json_extract(p.state, '$.decision') = ?5)"
		     " ORDER BY p.prefix, p.n");
	rc = zdh_index_prepare(idx, sql.ptr, &s);
	zdh_buf_release(&sql);
	if (rc) {
		json_decref(spent);
		return zdh_error_set(ZDH_ERROR, "index: %s", zdh_db_errmsg(zdh_index_db(idx)));
	}
	if (f->status)
		sqlite3_bind_text(s, 2, f->status, -1, SQLITE_STATIC);
	if (f->kind)
		sqlite3_bind_text(s, 3, f->kind, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 4, f->year);
	if (f->decision)
		sqlite3_bind_text(s, 5, f->decision, -1, SQLITE_STATIC);
	err = each(idx, s, spent, fn, payload);
	json_decref(spent);
	return err;
}

struct spends {
	json_t *list;
	const char *project;
};

static int spend_one(const struct zdh_event_row *r, void *payload)
{
	struct spends *sp = payload;
	json_t *data, *ev, *o;

	if (strcmp(r->op, "spend"))
		return 0;
	if (!(data = json_loads(r->data, 0, NULL)))
		return 0;
	if (strcmp(str(data, "project") ? str(data, "project") : "", sp->project)) {
		json_decref(data);
		return 0;
	}
	ev = zdh_event_row_object(r);
	o = json_pack("{s:s, s:O, s:O, s:O, s:b}", "event", r->id, "date", json_object_get(ev, "date"),
		      "amount", json_object_get(data, "amount"), "item", json_object_get(data, "item"),
		      "effect", r->effect);
	if (r->note)
		json_object_set_new(o, "note", zdh_word_note_json(r->note));
	if (json_object_get(data, "attachments"))
		json_object_set(o, "attachments", json_object_get(data, "attachments"));
	json_array_append_new(sp->list, o);
	json_decref(ev);
	json_decref(data);
	return 0;
}

int zdh_project_get(json_t **out, struct zdh_index *idx, const char *id)
{
	struct zdh_log_filter lf = ZDH_LOG_FILTER_INIT;
	struct spends sp = { NULL, id };
	json_t *st = NULL, *funds = NULL, *f;
	long long spent;
	size_t i;
	int err;

	*out = NULL;
	if ((err = zdh_index_state(idx, "project", id, &st, NULL)))
		return err == ZDH_ENOTFOUND ? zdh_kind_not_found(idx, "project", id) : err;
	json_object_set_new(st, "id", json_string(id));
	{
		json_t *c = NULL;
		if ((err = zdh_conflicts_of(idx, "project", id, &c)))
			goto done;
		json_object_set_new(st, "conflicts", c ? c : json_array());
	}
	if ((err = area_funds(&funds, &spent, idx, str(st, "area"), (int)num(st, "year"), id)))
		goto done;
	json_object_set_new(st, "spent", json_integer(spent));
	/* the first fund in id order when two offices made one each */
	json_object_set(st, "fund", json_array_size(funds) ? json_array_get(funds, 0) : json_null());
	/* its spends from every fund of its area and year, each fund's oldest first */
	sp.list = json_array();
	json_array_foreach(funds, i, f) {
		lf.kind = "fund";
		lf.record = json_string_value(f);
		lf.oldest_first = 1;
		if ((err = zdh_index_events(idx, &lf, spend_one, &sp)))
			break;
	}
	json_object_set_new(st, "spends", sp.list);
	/*
	 * the projects of its title (or one that looks like it), area and year
	 * that two offices added before they heard of each other
	 */
	if (str(st, "title")) {
		json_t *others, *unlike;
		if ((err = titled(&others, &unlike, NULL, idx, str(st, "title"), str(st, "area"),
				  num(st, "year"), id)))
			goto done;
		if (json_array_size(others))
			json_object_set(st, "same_title", others);
		json_decref(others);
		json_decref(unlike);
	}
	zdh_org_name_refs(idx, st);
done:
	json_decref(funds);
	if (err)
		json_decref(st);
	else
		*out = st;
	return err;
}

/* Funds in the order of their areas' names, then of year, then of id. */
static int fund_cmp(const void *a, const void *b)
{
	const json_t *x = *(json_t *const *)a, *y = *(json_t *const *)b;
	int c = strcmp(str(x, "area") ? str(x, "area") : "", str(y, "area") ? str(y, "area") : "");

	if (!c)
		c = (num(x, "year") > num(y, "year")) - (num(x, "year") < num(y, "year"));
	if (!c)
		c = (num(x, "ord") > num(y, "ord")) - (num(x, "ord") < num(y, "ord"));
	return c;
}

int zdh_fund_list(struct zdh_index *idx, const char *area, int year,
		  int (*fn)(json_t *fund, void *payload), void *payload)
{
	/* committed: the approved amounts of each area's projects of each year, read once */
	static const char committed_sql[] =
		"SELECT area, year, sum(json_extract(state, '$.approved')) FROM records_project"
		" WHERE json_extract(state, '$.approved') IS NOT NULL GROUP BY area, year";
	struct zdh_buf funds_sql = ZDH_BUF_INIT;
	json_t *committed = json_object(), *funds = json_array(), **v = NULL;
	sqlite3_stmt *s = NULL;
	size_t n = 0;
	int rc, err = 0;

	if (zdh_index_prepare(idx, committed_sql, &s))
		goto sql_error;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		/* an area's projects may name it by id and by a name it had: one sum */
		char *key = area_year(idx, (const char *)sqlite3_column_text(s, 0),
				      (long long)sqlite3_column_int64(s, 1));
		json_object_set_new(committed, key, json_integer(num(committed, key) +
								 sqlite3_column_int64(s, 2)));
		free(key);
	}
	sqlite3_finalize(s);
	s = NULL;
	/* the four numbers of a fund's state, not its state parsed (its projects, every spend's) */
	zdh_buf_puts(&funds_sql, "SELECT id, area, year, json_extract(state, '$.budget'),"
		     " json_extract(state, '$.spent'), conflicts FROM records_fund WHERE (?2 = 0 OR year = ?2)");
	zdh_org_in(&funds_sql, idx, "area", area, "area");
	zdh_buf_puts(&funds_sql, " ORDER BY prefix, n");
	if (rc != SQLITE_DONE || zdh_index_prepare(idx, funds_sql.ptr, &s))
		goto sql_error;
	sqlite3_bind_int(s, 2, year);
	while (!err && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *id = (const char *)sqlite3_column_text(s, 0);
		const char *farea = (const char *)sqlite3_column_text(s, 1);
		const char *ctext = (const char *)sqlite3_column_text(s, 5);
		long long fyear = sqlite3_column_int64(s, 2);
		long long budget = sqlite3_column_int64(s, 3), spent = sqlite3_column_int64(s, 4);
		json_t *o, *c;
		char *key;
		key = area_year(idx, farea, fyear);
		o = json_pack("{s:s, s:s, s:I, s:I, s:I, s:I, s:I, s:I}", "id", id,
			      "area", zdh_org_label(idx, farea ? farea : ""),
			      "year", (json_int_t)fyear,
			      "budget", (json_int_t)budget,
			      "committed", (json_int_t)num(committed, key),
			      "spent", (json_int_t)spent,
			      "balance", (json_int_t)(budget - spent),
			      "ord", (json_int_t)json_array_size(funds));
		free(key);
		/* the names of the fields, as every list's rows have them (zdh-fund(1)) */
		c = zdh_conflicts_names(ctext);
		json_object_set_new(o, "conflicts", c ? c : json_array());
		json_array_append_new(funds, o);
	}
	if (!err && rc != SQLITE_DONE)
		goto sql_error;
	n = json_array_size(funds);
	v = zdh_calloc(n + 1, sizeof(*v));
	for (size_t i = 0; i < n; i++)
		v[i] = json_array_get(funds, i);
	qsort(v, n, sizeof(*v), fund_cmp);
	for (size_t i = 0; i < n && !err; i++) {
		json_object_del(v[i], "ord");
		err = fn(v[i], payload);
	}
	goto done;
sql_error:
	err = zdh_error_set(ZDH_ERROR, "index: %s", zdh_db_errmsg(zdh_index_db(idx)));
done:
	free(v);
	zdh_buf_release(&funds_sql);
	sqlite3_finalize(s);
	json_decref(funds);
	json_decref(committed);
	return err;
}

int zdh_project_open_naming(struct zdh_index *idx, const char *org_id, long long *count)
{
	return zdh_org_count_naming(idx, org_id, "SELECT count(*) FROM records_project"
				    " WHERE status IN ('proposed', 'approved') AND area IN ({keys})",
				    count);
}

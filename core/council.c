/*
 * council — the record kinds of councils (理事会): council, meeting,
 * decision and action; their rules, checks and folds, writes and queries
 * (zdh-council(1), zdh-repository(5)).
 *
 * States:
 *   council  {"name", "area", "status": "active"|"dissolved", "created",
 *             "members": {NAME: {"role", "party", "org", "from", "to", "removed",
 *                                "joined": N (1 for the first member-add, ...)}},
 *             "charters": [{"version", "from", "decision", "duties", "quorum",
 *                           "majority": {TYPE: RULE}, "voters": [ROLE...],
 *                           "consent": [TYPE...], "meeting_weeks"}],
 *             "mentions": {DEPT: {"date", "message"}}, "discussions": N,
 *             "areas": [AREA...] (every area it has had)}
 *   meeting  {"council", "area", "date", "kind", "status": "held", "agenda":
 *             [{"issue"}|{"text"}], "attendance": {NAME: STATUS}, "proxies":
 *             {NAME: BY}, "guests": [...], "minutes", "attachments"}
 *   decision {"meeting", "council", "area", "date", "motion", "type", "issue",
 *             "rule": {"charter", "quorum", "majority", "consent"},
 *             "voters": [...], "present": [...], "votes": {NAME: VOTE},
 *             "consensus", "closed", "parties": [...], "consents":
 *             {PARTY: {"status": "given"|"refused", "date", ...}}, "status"}
 *   action   {"decision", "council", "area", "text", "dept", "due", "issue",
 *             "resolves", "status": "open"|"done"|"void", "created", "done_at",
 *             "voided_at"}
 *
 * Orgs (a council's area, a member's org, an action's dept, the departments
 * a discussion mentions) are referred to by id, with the names of the time
 * in the event's data.names; older events named them, and both are read
 * alike (org.h).  A department answers its mention by speaking in the
 * discussion: the discuss event lists in "answers" the keys of the
 * council's mentions that are the writer's department (decided when it
 * is written, through the registry) and its id, and apply removes those
 * and the writer's dept as written (what older events rely on), so that
 * replay reads only the state and the event.
 *
 * Replay: check() decides from the record's own state and the event
 * alone (kind.h: it has no index to read) — every replica folds the same.  What other records say (the
 * council's members and charter, that an issue exists, org names) is read
 * by the write functions only, and what a decision needs to be decided
 * later (the charter's rule in force on the meeting's day, the voting
 * members then, who was present) is written into the decision's own
 * event.  So a vote from someone who is not among the decision's voters,
 * or after it was closed, arriving by sync, stays in the history with no
 * effect.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "council.h"
#include "error.h"
#include "i18n.h"
#include "words.h"
#include "index-db.h"
#include "json.h"
#include "issue.h"
#include "org.h"
#include "output.h"
#include "repo.h"
#include "workday.h"

const char *const zdh_council_roles[] = {
	"chair", "deputy", "member", "secretary", "supporting-unit", "legal-advisor", NULL
};
const char *const zdh_council_parties[] = {
	"resident", "shop", "owners-committee", "property-manager", "unit", NULL
};
const char *const zdh_meeting_kinds[] = {
	"regular", "extra", "hearing", "consultation", NULL
};
const char *const zdh_attendance[] = { "present", "absent", "excused", "proxy", NULL };
const char *const zdh_votes[] = { "for", "against", "abstain", NULL };
const char *const zdh_majorities[] = { "simple", "two-thirds", "unanimous", NULL };
const char *const zdh_decision_states[] = {
	"open", "no-quorum", "rejected", "pending-consent", "adopted", "blocked", NULL
};

/* ---- small helpers ---- */

static const char *str(const json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

static int in_list(const char *const *list, const char *s)
{
	for (size_t i = 0; s && list[i]; i++)
		if (!strcmp(list[i], s))
			return 1;
	return 0;
}

static int in_array(const json_t *arr, const char *s)
{
	json_t *v;
	size_t i;

	json_array_foreach(arr, i, v)
		if (json_is_string(v) && !strcmp(json_string_value(v), s))
			return 1;
	return 0;
}

/* Is the value of key in have neither was's (the writer's) nor the new one v? */
static int moved_unseen(const json_t *was, const json_t *have, const char *key, const json_t *v)
{
	const char *w = str(was, key), *now = str(have, key);

	return w && json_is_string(v) && strcmp(now ? now : "", w) &&
		strcmp(now ? now : "", json_string_value(v));
}

/*
 * Had the writer of ev seen each value it replaces?  Its data's was_key
 * (was: council version 3, meeting version 2; was_proxies: meeting
 * version 3) holds what the writer had of each key of values, "" none;
 * only, when not NULL, the keys of values to look at, in that order.  A
 * key whose value in have is neither was's nor the new one was written
 * at another office and not seen by this writer: *key its name (the same
 * value twice agrees), else NULL.  0, or an error when was_key is not an
 * object of texts; no was_key at all (an event from before it): 0.
 */
static int unseen(const struct zdh_event *ev, const char *was_key, const json_t *values,
		  const char *const *only, const json_t *have, const char **key)
{
	const json_t *was = json_object_get(ev->data, was_key);
	const char *k;
	json_t *v;

	*key = NULL;
	if (!was)
		return 0;
	if (!json_is_object(was))
		return zdh_error_set(ZDH_EINVALID, _("%s is not an object of texts"), was_key);
	json_object_foreach((json_t *)was, k, v)
		if (!json_is_string(v))
			return zdh_error_set(ZDH_EINVALID, _("%s is not an object of texts"), was_key);
	for (size_t i = 0; only && only[i] && !*key; i++)
		if (moved_unseen(was, have, only[i], json_object_get(values, only[i])))
			*key = only[i];
	if (!only)
		json_object_foreach((json_t *)values, k, v)
			if (moved_unseen(was, have, k, v)) {
				*key = k;
				break;
			}
	return 0;
}

/*
 * The was a writer writes (see unseen()): what have holds of each key of
 * values, "" none; skip (NULL: none) is a key of values that is not one.
 */
static json_t *was_of(const json_t *values, const json_t *have, const char *skip)
{
	json_t *was = json_object(), *v;
	const char *key;

	json_object_foreach((json_t *)values, key, v)
		if (!skip || strcmp(key, skip))
			json_object_set_new(was, key, json_string(str(have, key) ? str(have, key) : ""));
	return was;
}

/* A text field checked, named in the message by what as given (a JSON key, a translated label). */
static int check_text_as(const char *what, const char *text, size_t max, int one_line)
{
	if (!text)
		return zdh_error_set(ZDH_EINVALID, _("%s is not text"), what);
	if (zdh_issue_check_text(what, text, max, one_line))
		return zdh_error_code();
	if (one_line && (!*text || strspn(text, " \t") == strlen(text)))
		return zdh_error_set(ZDH_EINVALID, _("%s is empty"), what);
	return 0;
}

/*
 * The same, what a msgid (N_) translated only for the message of a text
 * that fails: check() runs at every fold, and a meeting's fifteen names
 * made fifteen catalogue look-ups a write for a message never shown.
 */
static int check_text(const char *what, const char *text, size_t max, int one_line)
{
	if (text && !check_text_as(what, text, max, one_line))
		return 0;
	zdh_error_clear();
	return check_text_as(_(what), text, max, one_line);
}

/* A text of many lines (a message, minutes, duties): what a msgid, as for check_text(). */
static int check_body(const char *what, const char *text)
{
	if (!zdh_issue_check_text(what, text, ZDH_COUNCIL_BODY_MAX, 0))
		return 0;
	zdh_error_clear();
	zdh_issue_check_text(_(what), text, ZDH_COUNCIL_BODY_MAX, 0);
	return zdh_error_code();
}

int zdh_council_check_day(const char *what, const char *s)
{
	long long day;

	if (!s || zdh_day_parse(&day, s))
		return zdh_error_set(ZDH_EINVALID, _("%s '%s' is not a day (YYYY-MM-DD)"), what,
				     s ? s : "");
	return 0;
}

static void day_of(char out[11], const struct zdh_time *t)
{
	zdh_issue_day(out, t);
}

static void stamp(json_t *state, const char *key, const struct zdh_event *ev)
{
	struct zdh_buf b = ZDH_BUF_INIT;

	zdh_date_rfc3339(&b, &ev->date);
	json_object_set_new(state, key, json_string(b.ptr));
	zdh_buf_release(&b);
}

static json_t *object_at(json_t *state, const char *key)
{
	json_t *o = json_object_get(state, key);

	if (!json_is_object(o)) {
		o = json_object();
		json_object_set_new(state, key, o);
	}
	return o;
}

static json_t *array_at(json_t *state, const char *key)
{
	json_t *a = json_object_get(state, key);

	if (!json_is_array(a)) {
		a = json_array();
		json_object_set_new(state, key, a);
	}
	return a;
}

/*
 * The kind of record a field of a set names by id (a meeting's council, a
 * decision's meeting, an action's decision, the issue of either), or NULL.
 * A peer's event may name anything there: an id of that kind is what the
 * commands write (meeting version 4, decision version 4, action version
 * 3); the record itself may come later by another log, so only the form
 * of the id is judged.
 */
static const char *ref_kind(const char *field)
{
	static const char *const refs[] = { "council", "meeting", "decision", "issue", NULL };

	return in_list(refs, field) ? field : NULL;
}

/*
 * The set's text fields: each known to the op, one line (max), or "" to
 * clear when allowed; a reference to a record, that record kind's id.
 */
static int check_set(const struct zdh_event *ev, const char *const *fields, const char *const *days,
		     int clearing)
{
	json_t *set = json_object_get(ev->data, "set"), *v;
	const char *field;
	int err;

	if (set && !json_is_object(set))
		return zdh_error_set(ZDH_EINVALID, _("data.set is not an object"));
	json_object_foreach(set, field, v) {
		const char *s = json_string_value(v);
		if (!in_list(fields, field))
			return zdh_error_set(ZDH_EINVALID, _("'%s' cannot set %s"), ev->op, field);
		if (!s)
			return zdh_error_set(ZDH_EINVALID, _("%s is not text"), field);
		if (!*s && clearing)
			continue;
		if (!strcmp(field, "minutes"))
			err = zdh_issue_check_text(field, s, ZDH_COUNCIL_BODY_MAX, 0) ? zdh_error_code() : 0;
		else
			err = check_text_as(field, s, ZDH_COUNCIL_TEXT_MAX, 1);
		if (err)
			return err;
		if (days && in_list(days, field) && (err = zdh_council_check_day(field, s)))
			return err;
		if (ref_kind(field) && (err = zdh_kind_id_check(ref_kind(field), s)))
			return err;
	}
	return 0;
}

static int check_message(const struct zdh_event *ev)
{
	const char *msg = str(ev->data, "message");

	if (json_object_get(ev->data, "message") && !msg)
		return zdh_error_set(ZDH_EINVALID, _("message is not text"));
	if (msg && check_body(N_("message"), msg))
		return zdh_error_code();
	return 0;
}

/* Every element of data[key] is one line of text (names). */
static int check_names(const json_t *data, const char *key, const char *what)
{
	json_t *arr = json_object_get(data, key), *v;
	size_t i;
	int err;

	if (!arr)
		return 0;
	if (!json_is_array(arr))
		return zdh_error_set(ZDH_EINVALID, _("%s is not a list"), key);
	json_array_foreach(arr, i, v)
		if ((err = check_text(what, json_string_value(v), ZDH_COUNCIL_TEXT_MAX, 1)))
			return err;
	return 0;
}

/* ---- the rules ---- */

int zdh_council_check_quorum(const char *q)
{
	long a, b;
	char *end;

	if (!q || !*q)
		goto bad;
	a = strtol(q, &end, 10);
	if (end == q || a <= 0 || q[0] == '+' || q[0] == ' ')
		goto bad;
	if (!*end)
		return a <= 1000 ? 0 : zdh_error_set(ZDH_EINVALID, _("quorum '%s' is too large"), q);
	if (*end != '/' || !end[1] || end[1] == '+' || end[1] == '-' || end[1] == ' ')
		goto bad;
	{
		const char *p = end + 1;
		b = strtol(p, &end, 10);
		if (end == p || *end || b <= 0 || a > b || b > 1000)
			goto bad;
	}
	return 0;
bad:
	return zdh_error_set(ZDH_EINVALID,
			     _("quorum '%s' is neither a fraction of the voting members (2/3, 三分之二) nor a count (5)"),
			     q ? q : "");
}

int zdh_council_quorum_met(const char *q, int present, int voters)
{
	long a, b = 0;
	const char *slash;

	if (!q || zdh_council_check_quorum(q) || voters <= 0 || present <= 0)
		return 0;
	a = strtol(q, NULL, 10);
	if ((slash = strchr(q, '/')))
		b = strtol(slash + 1, NULL, 10);
	if (!b)
		return present >= a;
	return (long long)present * b >= (long long)a * voters;
}

int zdh_council_majority_met(const char *rule, int yes, int present)
{
	if (present <= 0 || yes <= 0 || !rule)
		return 0;
	if (!strcmp(rule, "simple"))
		return 2 * yes > present;
	if (!strcmp(rule, "two-thirds"))
		return 3 * yes >= 2 * present;
	if (!strcmp(rule, "unanimous"))
		return yes >= present;
	return 0;
}

/*
 * The strings of arr as the keys of an object, a set to look them up in:
 * a tally looked each voter up in the present (and each consent in the
 * parties) one by one, and a peer's decision of 12,000 voters made each
 * of its votes cost 144 million comparisons.
 */
static json_t *string_set(const json_t *arr)
{
	json_t *set = json_object(), *v;
	size_t i;

	json_array_foreach(arr, i, v)
		if (json_is_string(v))
			json_object_set_new(set, json_string_value(v), json_true());
	return set;
}

void zdh_decision_tally(struct zdh_tally *t, const json_t *d)
{
	const json_t *rule = json_object_get(d, "rule"), *voters = json_object_get(d, "voters");
	const json_t *present = json_object_get(d, "present"), *votes = json_object_get(d, "votes");
	const json_t *consents = json_object_get(d, "consents");
	const char *name;
	json_t *v, *here, *parties;
	size_t i;

	memset(t, 0, sizeof(*t));
	here = string_set(present);
	parties = string_set(json_object_get(d, "parties"));
	t->quorum = str(rule, "quorum");
	t->majority = str(rule, "majority");
	t->voters = (int)json_array_size(voters);
	json_array_foreach(voters, i, v) {
		const char *who = json_string_value(v);
		const char *vote = str(votes, who);
		if (vote || (who && json_object_get(here, who)))
			t->present++;
		if (vote && !strcmp(vote, "for"))
			t->yes++;
		else if (vote && !strcmp(vote, "against"))
			t->no++;
		else if (vote && !strcmp(vote, "abstain"))
			t->abstain++;
	}
	t->consensus = json_is_true(json_object_get(d, "consensus"));
	t->closed = json_is_true(json_object_get(d, "closed"));
	t->parties = (int)json_array_size(json_object_get(d, "parties"));
	json_object_foreach((json_t *)consents, name, v) {
		if (!json_object_get(parties, name))
			continue;
		if (!strcmp(str(v, "status") ? str(v, "status") : "", "given"))
			t->consented++;
		else
			t->refused++;
	}
	json_decref(here);
	json_decref(parties);
}

const char *zdh_decision_result(const struct zdh_tally *t)
{
	if (t->refused)
		return "blocked";
	if (!t->closed)
		return "open";
	if (!zdh_council_quorum_met(t->quorum, t->present, t->voters))
		return "no-quorum";
	if (!t->consensus && !zdh_council_majority_met(t->majority, t->yes, t->present))
		return "rejected";
	if (t->consented < t->parties)
		return "pending-consent";
	return "adopted";
}

/*
 * A decision's result (zdh_decision_result()) that is final and not
 * adopted: closed rejected, or closed without quorum (neither is given
 * before the close).  None of its actions can be done; action_news()
 * asks the index the same with NEVER_ADOPTED_SQL.
 */
static int never_adopted(const char *result)
{
	return !strcmp(result, "rejected") || !strcmp(result, "no-quorum");
}
#define NEVER_ADOPTED_SQL "('rejected', 'no-quorum')"

int zdh_decision_check_adopted(const char *id, const json_t *decision)
{
	struct zdh_tally t;
	const char *result;

	zdh_decision_tally(&t, decision);
	if (strcmp(result = zdh_decision_result(&t), "adopted"))
		return zdh_error_set(ZDH_ESTATE, _("%s is %s, not adopted"), id,
				     zdh_word_label(ZDH_W_DECISION_STATUS, result));
	return 0;
}

/*
 * A message of zdh_decision_explain(): translated when shown, else its
 * English (N_()) text; the joiners ": %s" and "; %s" too (Chinese "：", "；").
 */
#define EXPLAIN(msg) (shown ? _(msg) : (msg))

void zdh_decision_explain(struct zdh_buf *out, const struct zdh_tally *t, int shown)
{
	const char *result = zdh_decision_result(t);
	int quorum = zdh_council_quorum_met(t->quorum, t->present, t->voters);
	int carried = quorum && (t->consensus || zdh_council_majority_met(t->majority, t->yes, t->present));

	zdh_buf_addf(out, zdh_plural(shown, NN_("%d of %d voting member present, quorum %s %s",
						 "%d of %d voting members present, quorum %s %s"), t->voters),
		     t->present, t->voters,
		     t->quorum ? t->quorum : "?", quorum ? EXPLAIN(N_("reached")) : EXPLAIN(N_("not reached")));
	if (t->consensus)
		zdh_buf_addf(out, EXPLAIN(N_("; %s")), EXPLAIN(N_("by consensus")));
	else
		zdh_buf_addf(out, EXPLAIN(N_("; %d for, %d against, %d abstaining")), t->yes, t->no, t->abstain);
	if (!t->closed)
		zdh_buf_addf(out, EXPLAIN(N_(": %s")), EXPLAIN(N_("voting open")));
	else if (!quorum)
		zdh_buf_addf(out, EXPLAIN(N_(": %s")), EXPLAIN(N_("not decided (no quorum)")));
	else if (!carried)
		zdh_buf_addf(out, EXPLAIN(N_(": rejected (%s majority not reached)")),
			     shown ? zdh_word_label(ZDH_W_MAJORITY, t->majority) : t->majority);
	else if (t->consensus)
		zdh_buf_addf(out, EXPLAIN(N_(": %s")), t->parties ? EXPLAIN(N_("carried by consensus")) : EXPLAIN(N_("adopted by consensus")));
	else
		zdh_buf_addf(out, t->parties ? EXPLAIN(N_(": carried by %s majority")) : EXPLAIN(N_(": adopted by %s majority")),
			     shown ? zdh_word_label(ZDH_W_MAJORITY, t->majority) : t->majority);
	if (!t->parties)
		return;
	zdh_buf_addf(out, zdh_plural(shown, NN_("; written consent of %d of %d party",
						 "; written consent of %d of %d parties"), t->parties),
		     t->consented, t->parties);
	if (t->refused)
		zdh_buf_addf(out, EXPLAIN(N_(": %s")), EXPLAIN(N_("blocked by a refusal")));
	else if (!strcmp(result, "pending-consent"))
		zdh_buf_addf(out, EXPLAIN(N_(": %s")), EXPLAIN(N_("pending consent")));
	else if (!strcmp(result, "adopted"))
		zdh_buf_addf(out, EXPLAIN(N_(": %s")), EXPLAIN(N_("adopted")));
}
#undef EXPLAIN

int zdh_decision_vote_allowed(const json_t *d, const char *member, const char *vote)
{
	if (!d)
		return zdh_error_set(ZDH_ENOTFOUND, _("no such decision"));
	if (!in_list(zdh_votes, vote))
		return zdh_word_check(zdh_votes, ZDH_W_VOTE, vote, N_("vote"));
	if (json_is_true(json_object_get(d, "closed")))
		return zdh_error_set(ZDH_ESTATE, _("the decision is closed; a vote cannot be recorded"));
	if (json_is_true(json_object_get(d, "consensus")))
		return zdh_error_set(ZDH_ESTATE, _("the decision was taken by consensus"));
	if (!member || !in_array(json_object_get(d, "voters"), member))
		return zdh_error_set(ZDH_ESTATE, _("%s is not a voting member for this decision"),
				     member ? member : "?");
	return 0;
}

int zdh_decision_consent_allowed(const json_t *d, const char *party, int refused)
{
	const json_t *c;

	if (!d)
		return zdh_error_set(ZDH_ENOTFOUND, _("no such decision"));
	if (!party || !in_array(json_object_get(d, "parties"), party))
		return zdh_error_set(ZDH_ESTATE, _("%s is not a party whose consent the decision needs"),
				     party ? party : "?");
	c = json_object_get(json_object_get(d, "consents"), party);
	if (c && !strcmp(str(c, "status") ? str(c, "status") : "", "given"))
		return zdh_error_set(ZDH_ESTATE, _("%s has consented already"), party);
	if (c && refused)
		return zdh_error_set(ZDH_ESTATE, _("%s has refused already"), party);
	return 0;
}

const json_t *zdh_council_default_charter(void)
{
	static json_t *def;

	if (!def)
		def = json_pack("{s:i, s:s, s:s, s:{s:s, s:s}, s:[sss], s:[]}",
				"version", 0, "from", "0000-01-01", "quorum", "1/2",
				"majority", "general", "simple", "charter", "two-thirds",
				"voters", "chair", "deputy", "member", "consent");
	return def;
}

const json_t *zdh_council_charter_at(const json_t *council, const char *day)
{
	const json_t *best = NULL;
	json_t *c;
	size_t i;

	json_array_foreach(json_object_get(council, "charters"), i, c) {
		const char *from = str(c, "from");
		if (from && strcmp(from, day) <= 0)
			best = c;
	}
	return best;
}

const char *zdh_charter_majority(const json_t *charter, const char *type)
{
	const json_t *m = json_object_get(charter, "majority");
	const char *rule = str(m, type ? type : "general");

	if (!rule)
		rule = str(m, "general");
	if (!rule && type && !strcmp(type, "charter"))
		rule = "two-thirds";
	return rule ? rule : "simple";
}

int zdh_charter_needs_consent(const json_t *charter, const char *type)
{
	return in_array(json_object_get(charter, "consent"), type ? type : "general");
}

/*
 * A term's end "" is no end, as --to "" says (it reopens a term: the fold
 * removes the key, and check_member_fields() takes "" for no day)
 */
int zdh_member_in_term(const json_t *m, const char *day)
{
	const char *from = str(m, "from"), *to = str(m, "to");

	return (!from || strcmp(from, day) <= 0) && (!to || !*to || strcmp(day, to) <= 0);
}

int zdh_member_votes(const json_t *charter, const json_t *m, const char *day)
{
	return in_array(json_object_get(charter, "voters"), str(m, "role")) &&
		zdh_member_in_term(m, day);
}

/*
 * The order members are listed in (zdh-council(1), MEMBER ORDER): by role
 * in the order of zdh_council_roles (chair, deputy, member, secretary,
 * supporting unit, legal advisor; none after them), then by the day their
 * term began, then by the order they joined (member-add in fold order,
 * "joined"); names that are not the council's members come last, in the
 * order given.
 */
struct member_key {
	const char *name, *from;
	size_t rank;
	long long joined;
	size_t given;
};

static int member_key_cmp(const void *pa, const void *pb)
{
	const struct member_key *a = pa, *b = pb;
	int c;

	if (a->rank != b->rank)
		return a->rank < b->rank ? -1 : 1;
	if ((c = strcmp(a->from ? a->from : "", b->from ? b->from : "")))
		return c;
	if (a->joined != b->joined)
		return a->joined < b->joined ? -1 : 1;
	return a->given < b->given ? -1 : a->given > b->given;
}

void zdh_council_member_order(const json_t *council, const char **names, size_t n)
{
	const json_t *members = json_object_get(council, "members");
	size_t nroles = sizeof(zdh_council_roles) / sizeof(*zdh_council_roles) - 1, i;
	struct member_key *k;

	if (n < 2)
		return;
	k = zdh_calloc(n, sizeof(*k));
	for (i = 0; i < n; i++) {
		const json_t *m = json_object_get(members, names[i]);
		const char *role = str(m, "role");
		k[i].name = names[i];
		k[i].given = i;
		k[i].rank = m ? nroles : nroles + 1;
		for (size_t r = 0; m && role && r < nroles; r++)
			if (!strcmp(role, zdh_council_roles[r]))
				k[i].rank = r;
		k[i].from = m ? str(m, "from") : NULL;
		k[i].joined = json_integer_value(json_object_get(m, "joined"));
	}
	qsort(k, n, sizeof(*k), member_key_cmp);
	for (i = 0; i < n; i++)
		names[i] = k[i].name;
	free(k);
}

/* ---- council: checks and fold ---- */

static int check_member_fields(const json_t *data, int adding)
{
	const char *role = str(data, "role"), *party = str(data, "party");
	const char *from = str(data, "from"), *to = str(data, "to"), *org = str(data, "org");
	int err;

	if (adding && !role)
		return zdh_error_set(ZDH_EINVALID, _("a member needs a role"));
	if (role && (err = zdh_word_check(zdh_council_roles, ZDH_W_ROLE, role, N_("role"))))
		return err;
	if (party && *party && (err = zdh_word_check(zdh_council_parties, ZDH_W_PARTY, party,
						       N_("party"))))
		return err;
	if (org && *org && (err = check_text_as("org", org, ZDH_COUNCIL_TEXT_MAX, 1)))
		return err;
	if (from && (err = zdh_council_check_day("from", from)))
		return err;
	if (to && *to && (err = zdh_council_check_day("to", to)))
		return err;
	if (from && to && *to && strcmp(to, from) < 0)
		return zdh_error_set(ZDH_EINVALID, _("the term ends (%s) before it starts (%s)"), to, from);
	return 0;
}

static int check_charter(const json_t *state, const json_t *c, const char *record)
{
	const char *key;
	json_t *v, *last = json_array_get(json_object_get(state, "charters"),
					  json_array_size(json_object_get(state, "charters")) - 1);
	size_t i;
	int err;

	if (!json_is_object(c))
		return zdh_error_set(ZDH_EINVALID, _("a charter needs its text and rules"));
	if (!json_is_integer(json_object_get(c, "version")) ||
	    json_integer_value(json_object_get(c, "version")) !=
	    (last ? json_integer_value(json_object_get(last, "version")) : 0) + 1)
		return zdh_error_set(ZDH_ESTATE, _("%s has charter version %lld; this one is not the next"),
				     record, last ? (long long)json_integer_value(json_object_get(last, "version")) : 0LL);
	if (last && !str(c, "decision"))
		return zdh_error_set(ZDH_ESTATE,
				     _("%s has a charter; amending it needs a decision of type charter (--decision)"),
				     record);
	/* the decision that amends it, by id (council version 6) */
	if (json_object_get(c, "decision") && (err = zdh_kind_id_check("decision", str(c, "decision"))))
		return err;
	/*
	 * a decision adopts one amendment: another needs a decision of its
	 * own (judged here, by the fold too, so that a peer's second
	 * amendment naming it has no effect at every office alike)
	 */
	json_array_foreach(json_object_get(state, "charters"), i, v)
		if (str(c, "decision") && str(v, "decision") && !strcmp(str(v, "decision"), str(c, "decision")))
			return zdh_error_set(ZDH_ESTATE,
					     _("%s adopted version %lld of the charter of %s already; another amendment needs a decision of its own"),
					     str(c, "decision"),
					     (long long)json_integer_value(json_object_get(v, "version")), record);
	if ((err = zdh_council_check_day("from", str(c, "from"))))
		return err;
	if (last && strcmp(str(c, "from"), str(last, "from") ? str(last, "from") : "") < 0)
		return zdh_error_set(ZDH_ESTATE, _("an amendment cannot be in force before the charter it amends (%s)"),
				     str(last, "from"));
	if ((err = zdh_council_check_quorum(str(c, "quorum"))))
		return err;
	if (!json_is_object(json_object_get(c, "majority")))
		return zdh_error_set(ZDH_EINVALID, _("a charter needs its majority rules"));
	json_object_foreach(json_object_get(c, "majority"), key, v)
		if ((err = check_text(N_("decision type"), key, 40, 1)) ||
		    (err = zdh_word_check(zdh_majorities, ZDH_W_MAJORITY, json_string_value(v), N_("majority"))))
			return err;
	if (!json_array_size(json_object_get(c, "voters")))
		return zdh_error_set(ZDH_EINVALID, _("a charter needs the roles that vote"));
	json_array_foreach(json_object_get(c, "voters"), i, v)
		if ((err = zdh_word_check(zdh_council_roles, ZDH_W_ROLE, json_string_value(v), N_("role"))))
			return err;
	if ((err = check_names(c, "consent", N_("decision type"))))
		return err;
	if (str(c, "duties") && check_body(N_("duties"), str(c, "duties")))
		return zdh_error_code();
	if ((v = json_object_get(c, "meeting_weeks")) &&
	    (!json_is_integer(v) || json_integer_value(v) < 1 || json_integer_value(v) > 52))
		return zdh_error_set(ZDH_EINVALID, _("meetings every 1 to 52 weeks"));
	return 0;
}

static int check_council(const json_t *state, const struct zdh_event *ev)
{
	static const char *const fields[] = { "name", "area", NULL };
	const json_t *data = ev->data;
	const char *op = ev->op, *name = str(data, "member");
	json_t *m;
	int err;

	if ((err = check_message(ev)))
		return err;
	if (!strcmp(op, "add")) {
		if (state)
			return zdh_error_set(ZDH_EEXISTS, _("council %s exists already"), ev->record);
		if (!str(json_object_get(data, "set"), "name"))
			return zdh_error_set(ZDH_EINVALID, _("a council needs a name"));
		return check_set(ev, fields, NULL, 0);
	}
	if (!state)
		return zdh_error_set(ZDH_ENOTFOUND, _("no council %s"), ev->record);
	/* a dissolved one takes an edit that settles a conflict (version 8) */
	if (!strcmp(str(state, "status") ? str(state, "status") : "", "dissolved") &&
	    !zdh_kind_settles(ev))
		return zdh_error_set(ZDH_ESTATE, _("%s is dissolved"), ev->record);
	if (!strcmp(op, "edit")) {
		if (!json_object_size(json_object_get(data, "set")))
			return zdh_error_set(ZDH_EINVALID, _("nothing to change"));
		return check_set(ev, fields, NULL, 0);
	}
	if (!strcmp(op, "dissolve"))
		return 0;
	if (!strncmp(op, "member-", 7)) {
		if ((err = check_text(N_("member"), name, ZDH_COUNCIL_TEXT_MAX, 1)))
			return err;
		m = json_object_get(json_object_get(state, "members"), name);
		if (!strcmp(op, "member-add")) {
			if (m && !json_is_true(json_object_get(m, "removed")))
				return zdh_error_set(ZDH_EEXISTS, _("%s is a member of %s already"), name,
						     ev->record);
			return check_member_fields(data, 1);
		}
		if (!m || json_is_true(json_object_get(m, "removed")))
			return zdh_error_set(ZDH_ENOTFOUND, _("%s is not a member of %s"), name, ev->record);
		if ((err = check_member_fields(data, 0)))
			return err;
		{
			static const char *const keys[] = { "role", "party", "org", "from", "to", NULL };
			const char *key;
			if ((err = unseen(ev, "was", data, keys, m, &key)))
				return err;
			if (key)
				return zdh_error_set(ZDH_ESTATE,
						     _("%s: the %s of %s is %s, which the writer of this edit had not seen"),
						     ev->record, key, name, str(m, key) ? str(m, key) : "-");
		}
		return 0;
	}
	if (!strcmp(op, "charter"))
		return check_charter(state, json_object_get(data, "charter"), ev->record);
	if (!strcmp(op, "discuss")) {
		if (!str(data, "message"))
			return zdh_error_set(ZDH_EINVALID, _("a discussion needs a message"));
		if ((err = check_names(data, "mentions", N_("mention"))))
			return err;
		return check_names(data, "answers", N_("mention"));
	}
	return zdh_error_set(ZDH_EINVALID, _("council has no operation '%s'"), op);
}

static void apply_council(json_t *state, const struct zdh_event *ev)
{
	const json_t *data = ev->data;
	const char *op = ev->op, *name = str(data, "member");
	char day[11];
	json_t *m, *v;
	size_t i;

	day_of(day, &ev->date);
	/*
	 * every area it has had (council version 4): a meeting, decision or
	 * action is the council's when its area is one of them (its writer
	 * names the council and the area, and the roles judge the area)
	 */
	if (str(state, "area") && !in_array(json_object_get(state, "areas"), str(state, "area")))
		json_array_append(array_at(state, "areas"), json_object_get(state, "area"));
	if (!strcmp(op, "add")) {
		json_object_set_new(state, "status", json_string("active"));
		stamp(state, "created", ev);
	} else if (!strcmp(op, "dissolve")) {
		json_object_set_new(state, "status", json_string("dissolved"));
		stamp(state, "dissolved_at", ev);
	} else if (!strncmp(op, "member-", 7)) {
		static const char *const keys[] = { "role", "party", "org", "from", "to", NULL };
		json_t *members = object_at(state, "members");
		m = json_object_get(members, name);
		if (!strcmp(op, "member-add") || !m) {
			/* the order they joined in, for the order of lists (one past the last) */
			const char *k;
			json_int_t joined = 0;
			json_object_foreach(members, k, v)
				if (json_integer_value(json_object_get(v, "joined")) > joined)
					joined = json_integer_value(json_object_get(v, "joined"));
			m = json_object();
			json_object_set_new(m, "joined", json_integer(joined + 1));
			json_object_set_new(members, name, m);
			json_object_set_new(m, "from", json_string(day));
		}
		for (i = 0; keys[i]; i++) {
			const char *s = str(data, keys[i]);
			if (s && !*s)
				json_object_del(m, keys[i]);
			else if (s)
				json_object_set_new(m, keys[i], json_string(s));
		}
		if (!strcmp(op, "member-remove")) {
			const char *to = str(m, "to");
			json_object_set_new(m, "removed", json_true());
			if (!to || strcmp(day, to) < 0)
				json_object_set_new(m, "to", json_string(day));
		}
	} else if (!strcmp(op, "charter")) {
		json_array_append(array_at(state, "charters"), json_object_get(data, "charter"));
	} else if (!strcmp(op, "discuss")) {
		json_t *mentions = object_at(state, "mentions");
		const char *msg = str(data, "message");
		size_t n = strcspn(msg, "\n");
		struct zdh_buf b = ZDH_BUF_INIT;

		/* a department that speaks in the discussion has answered its mention */
		if (ev->actor.dept)
			json_object_del(mentions, ev->actor.dept);
		json_array_foreach(json_object_get(data, "answers"), i, v)
			json_object_del(mentions, json_string_value(v));
		zdh_date_rfc3339(&b, &ev->date);
		json_array_foreach(json_object_get(data, "mentions"), i, v) {
			char *line = zdh_strndup(msg, n);
			json_object_set_new(mentions, json_string_value(v),
					    json_pack("{s:s, s:s}", "date", b.ptr, "message", line));
			free(line);
		}
		zdh_buf_release(&b);
		if (!json_object_size(mentions))
			json_object_del(state, "mentions");
		json_object_set_new(state, "discussions",
				    json_integer(json_integer_value(json_object_get(state, "discussions")) + 1));
	}
}

/* ---- meeting ---- */

static int check_attendance(const json_t *data)
{
	const json_t *att = json_object_get(data, "attendance"), *px = json_object_get(data, "proxies");
	const char *name;
	json_t *v;
	int err;

	if (att && !json_is_object(att))
		return zdh_error_set(ZDH_EINVALID, _("attendance is not an object"));
	json_object_foreach((json_t *)att, name, v) {
		if ((err = check_text(N_("member"), name, ZDH_COUNCIL_TEXT_MAX, 1)) ||
		    (err = zdh_word_check(zdh_attendance, ZDH_W_ATTENDANCE, json_string_value(v),
						 N_("attendance"))))
			return err;
		if (!strcmp(json_string_value(v), "proxy") && !str(px, name))
			return zdh_error_set(ZDH_EINVALID, _("%s is represented by proxy: by whom?"), name);
	}
	if (px && !json_is_object(px))
		return zdh_error_set(ZDH_EINVALID, _("proxies is not an object"));
	json_object_foreach((json_t *)px, name, v) {
		if ((err = check_text(N_("proxy"), json_string_value(v), ZDH_COUNCIL_TEXT_MAX, 1)))
			return err;
		if (!strcmp(name, json_string_value(v)))
			return zdh_error_set(ZDH_EINVALID, _("%s cannot be their own proxy"), name);
	}
	return 0;
}

static int check_agenda(const json_t *data)
{
	const json_t *ag = json_object_get(data, "agenda");
	json_t *v;
	size_t i;
	int err;

	if (ag && !json_is_array(ag))
		return zdh_error_set(ZDH_EINVALID, _("agenda is not a list"));
	json_array_foreach(ag, i, v) {
		if (str(v, "issue")) {
			err = check_text(N_("issue"), str(v, "issue"), 40, 1);
			/* an issue's id (meeting version 4) */
			if (!err)
				err = zdh_kind_id_check("issue", str(v, "issue"));
		} else
			err = check_text(N_("agenda item"), str(v, "text"), ZDH_COUNCIL_TEXT_MAX, 1);
		if (err)
			return err;
	}
	return 0;
}

static int check_meeting(const json_t *state, const struct zdh_event *ev)
{
	static const char *const add_fields[] = { "council", "area", "date", "kind", "minutes", NULL };
	static const char *const upd_fields[] = { "minutes", "kind", NULL };
	static const char *const days[] = { "date", NULL };
	const json_t *set = json_object_get(ev->data, "set");
	int err;

	if ((err = check_message(ev)) || (err = check_attendance(ev->data)) ||
	    (err = check_agenda(ev->data)) || (err = check_names(ev->data, "guests", N_("guest"))))
		return err;
	if (str(set, "kind") && (err = zdh_word_check(zdh_meeting_kinds, ZDH_W_MEETING_KIND,
							    str(set, "kind"), N_("meeting kind"))))
		return err;
	if (!strcmp(ev->op, "add")) {
		if (state)
			return zdh_error_set(ZDH_EEXISTS, _("meeting %s exists already"), ev->record);
		if (!str(set, "council") || !str(set, "date") || !str(set, "kind"))
			return zdh_error_set(ZDH_EINVALID, _("a meeting needs a council, a date and a kind"));
		return check_set(ev, add_fields, days, 0);
	}
	if (!state)
		return zdh_error_set(ZDH_ENOTFOUND, _("no meeting %s"), ev->record);
	if (!strcmp(ev->op, "update")) {
		const json_t *att = json_object_get(state, "attendance");
		const json_t *px = json_object_get(state, "proxies");
		const char *name;

		if ((err = check_set(ev, upd_fields, NULL, 1)))
			return err;
		if ((err = unseen(ev, "was", json_object_get(ev->data, "attendance"), NULL, att, &name)))
			return err;
		if (name)
			return zdh_error_set(ZDH_ESTATE,
					     _("%s: %s is recorded %s, which the writer of this update had not seen"),
					     ev->record, name, str(att, name) ?
					     zdh_word_label(ZDH_W_ATTENDANCE, str(att, name)) : "-");
		/* who represented each, "" nobody */
		if ((err = unseen(ev, "was_proxies", json_object_get(ev->data, "proxies"), NULL, px, &name)))
			return err;
		if (name)
			return zdh_error_set(ZDH_ESTATE,
					     _("%s: %s is represented by %s, which the writer of this update had not seen"),
					     ev->record, name, str(px, name) ? str(px, name) : "-");
		return 0;
	}
	return zdh_error_set(ZDH_EINVALID, _("meeting has no operation '%s'"), ev->op);
}

static void apply_meeting(json_t *state, const struct zdh_event *ev)
{
	const char *key;
	json_t *v;
	size_t i;

	if (!strcmp(ev->op, "add"))
		json_object_set_new(state, "status", json_string("held"));
	json_object_foreach(json_object_get(ev->data, "attendance"), key, v) {
		json_object_set(object_at(state, "attendance"), key, v);
		if (strcmp(json_string_value(v), "proxy") && json_object_get(state, "proxies"))
			json_object_del(json_object_get(state, "proxies"), key);
	}
	json_object_foreach(json_object_get(ev->data, "proxies"), key, v)
		json_object_set(object_at(state, "proxies"), key, v);
	if (json_object_get(state, "proxies") && !json_object_size(json_object_get(state, "proxies")))
		json_object_del(state, "proxies");
	/*
	 * agenda items and guests added once each: looked up in a set of what
	 * the meeting has (each item by its canonical JSON), not compared with
	 * every item (a peer's ten updates of 8,000 items each folded for two
	 * minutes)
	 */
	if (json_array_size(json_object_get(ev->data, "agenda"))) {
		json_t *ag = array_at(state, "agenda"), *have = json_object(), *w;
		struct zdh_buf key = ZDH_BUF_INIT;
		size_t k;
		json_array_foreach(ag, k, w) {
			zdh_buf_reset(&key);
			if (!zdh_json_canonical(&key, w))
				json_object_set_new(have, key.ptr, json_true());
		}
		json_array_foreach(json_object_get(ev->data, "agenda"), i, v) {
			zdh_buf_reset(&key);
			if (zdh_json_canonical(&key, v) || json_object_get(have, key.ptr))
				continue;
			json_object_set_new(have, key.ptr, json_true());
			json_array_append(ag, v);
		}
		zdh_buf_release(&key);
		json_decref(have);
	}
	if (json_array_size(json_object_get(ev->data, "guests"))) {
		json_t *have = string_set(json_object_get(state, "guests"));
		json_array_foreach(json_object_get(ev->data, "guests"), i, v)
			if (json_is_string(v) && !json_object_get(have, json_string_value(v))) {
				json_object_set_new(have, json_string_value(v), json_true());
				json_array_append(array_at(state, "guests"), v);
			}
		json_decref(have);
	}
}

/* ---- decision ---- */

static void decide(json_t *state)
{
	struct zdh_tally t;

	zdh_decision_tally(&t, state);
	json_object_set_new(state, "status", json_string(zdh_decision_result(&t)));
}

static int check_decision(const json_t *state, const struct zdh_event *ev)
{
	static const char *const fields[] = {
		"meeting", "council", "area", "date", "motion", "type", "issue", NULL
	};
	static const char *const days[] = { "date", NULL };
	const json_t *data = ev->data, *rule = json_object_get(data, "rule");
	const char *name;
	json_t *v;
	int err;

	if ((err = check_message(ev)))
		return err;
	if (!strcmp(ev->op, "add")) {
		const json_t *set = json_object_get(data, "set");
		if (state)
			return zdh_error_set(ZDH_EEXISTS, _("decision %s exists already"), ev->record);
		if (!str(set, "meeting") || !str(set, "council") || !str(set, "date") ||
		    !str(set, "motion") || !str(set, "type"))
			return zdh_error_set(ZDH_EINVALID, _("a decision needs a meeting and a motion"));
		if ((err = check_set(ev, fields, days, 0)))
			return err;
		if (!json_is_object(rule) || (err = zdh_council_check_quorum(str(rule, "quorum"))) ||
		    (err = zdh_word_check(zdh_majorities, ZDH_W_MAJORITY, str(rule, "majority"),
						 N_("majority"))))
			return json_is_object(rule) ? err :
				zdh_error_set(ZDH_EINVALID, _("a decision needs the rule it is decided by"));
		if ((err = check_names(data, "voters", N_("voter"))) ||
		    (err = check_names(data, "present", N_("member"))) ||
		    (err = check_names(data, "parties", N_("party"))))
			return err;
		/*
		 * each once (decision version 3): a voter named twice was
		 * counted twice by the tally, a party named twice could never
		 * have consented enough (zdh never writes either)
		 */
		{
			static const char *const lists[] = { "voters", "present", "parties", NULL };
			for (size_t k = 0; lists[k]; k++) {
				const json_t *arr = json_object_get(data, lists[k]);
				json_t *set = string_set(arr);
				int twice = json_object_size(set) != json_array_size(arr);
				json_decref(set);
				if (twice)
					return zdh_error_set(ZDH_EINVALID, _("a name is twice in %s"), lists[k]);
			}
		}
		if (json_object_get(data, "votes") && !json_is_object(json_object_get(data, "votes")))
			return zdh_error_set(ZDH_EINVALID, _("votes is not an object"));
		json_object_foreach(json_object_get(data, "votes"), name, v) {
			if (!in_array(json_object_get(data, "voters"), name))
				return zdh_error_set(ZDH_EINVALID, _("%s is not a voting member for this decision"), name);
			if ((err = zdh_word_check(zdh_votes, ZDH_W_VOTE, json_string_value(v), N_("vote"))))
				return err;
		}
		if (json_is_true(json_object_get(data, "consensus")) &&
		    json_object_size(json_object_get(data, "votes")))
			return zdh_error_set(ZDH_EINVALID, _("a decision by consensus has no votes"));
		return 0;
	}
	if (!state)
		return zdh_error_set(ZDH_ENOTFOUND, _("no decision %s"), ev->record);
	if (!strcmp(ev->op, "vote")) {
		const char *member = str(data, "member"), *vote = str(data, "vote"), *now;
		if ((err = zdh_decision_vote_allowed(state, member, vote)))
			return zdh_error_set(err, "%s: %s", ev->record, zdh_error_msg());
		/*
		 * was (decision version 2): the member's vote as the writer had it, ""
		 * none.  A vote written at another office that this writer had
		 * not seen, and that it would silently replace, is kept: this
		 * one has no effect, and says so (the same vote twice agrees)
		 */
		if (json_object_get(data, "was")) {
			const char *was = str(data, "was");
			if (!was || (*was && !in_list(zdh_votes, was)))
				return zdh_error_set(ZDH_EINVALID, _("was is not a vote"));
			now = str(json_object_get(state, "votes"), member);
			if (now && strcmp(now, was) && strcmp(now, vote))
				return zdh_error_set(ZDH_ESTATE,
						     _("%s: %s voted %s, which the writer of this vote had not seen"),
						     ev->record, member, zdh_word_label(ZDH_W_VOTE, now));
		}
		return 0;
	}
	if (!strcmp(ev->op, "close")) {
		if (json_is_true(json_object_get(state, "closed")))
			return zdh_error_set(ZDH_ESTATE, _("%s is closed already"), ev->record);
		return 0;
	}
	if (!strcmp(ev->op, "consent")) {
		const json_t *r = json_object_get(data, "refused");
		const json_t *c = json_object_get(json_object_get(state, "consents"), str(data, "party"));
		if (r && !json_is_boolean(r))
			return zdh_error_set(ZDH_EINVALID, _("refused is not true or false"));
		if ((err = zdh_decision_consent_allowed(state, str(data, "party"), json_is_true(r))))
			return zdh_error_set(err, "%s: %s", ev->record, zdh_error_msg());
		/*
		 * was (decision version 2): the party's consent as the writer had it
		 * ("refused", "" none).  A consent does not lift a written
		 * refusal its writer had not seen
		 */
		if (json_object_get(data, "was")) {
			const char *was = str(data, "was");
			if (!was || (*was && strcmp(was, "refused")))
				return zdh_error_set(ZDH_EINVALID, _("was is not a refusal"));
			if (c && !*was)
				return zdh_error_set(ZDH_ESTATE,
						     _("%s: %s refused on %.10s, which the writer of this consent had not seen"),
						     ev->record, str(data, "party"),
						     str(c, "date") ? str(c, "date") : "?");
		}
		return 0;
	}
	return zdh_error_set(ZDH_EINVALID, _("decision has no operation '%s'"), ev->op);
}

static void apply_decision(json_t *state, const struct zdh_event *ev)
{
	const json_t *data = ev->data;
	const char *op = ev->op;

	if (!strcmp(op, "add")) {
		static const char *const keep[] = { "rule", "voters", "present", "parties", NULL };
		for (size_t i = 0; keep[i]; i++)
			if (json_object_get(data, keep[i]))
				json_object_set(state, keep[i], json_object_get(data, keep[i]));
		if (json_object_size(json_object_get(data, "votes")))
			json_object_set_new(state, "votes", json_deep_copy(json_object_get(data, "votes")));
		if (json_is_true(json_object_get(data, "consensus")))
			json_object_set_new(state, "consensus", json_true());
		if (json_is_true(json_object_get(data, "close"))) {
			json_object_set_new(state, "closed", json_true());
			stamp(state, "closed_at", ev);
		}
	} else if (!strcmp(op, "vote")) {
		json_object_set(object_at(state, "votes"), str(data, "member"),
				json_object_get(data, "vote"));
	} else if (!strcmp(op, "close")) {
		json_object_set_new(state, "closed", json_true());
		stamp(state, "closed_at", ev);
	} else if (!strcmp(op, "consent")) {
		json_t *c = json_object();
		struct zdh_buf b = ZDH_BUF_INIT;

		json_object_set_new(c, "status", json_string(json_is_true(json_object_get(data, "refused")) ?
							      "refused" : "given"));
		zdh_date_rfc3339(&b, &ev->date);
		json_object_set_new(c, "date", json_string(b.ptr));
		zdh_buf_release(&b);
		if (str(data, "message"))
			json_object_set(c, "message", json_object_get(data, "message"));
		if (json_object_get(data, "attachments"))
			json_object_set(c, "attachments", json_object_get(data, "attachments"));
		json_object_set_new(object_at(state, "consents"), str(data, "party"), c);
	}
	decide(state);
}

/* ---- action ---- */

int zdh_action_still_open(const char *id, const char *status)
{
	if (status && !strcmp(status, "done"))
		return zdh_error_set(ZDH_ESTATE, _("%s is done already"), id);
	if (status && !strcmp(status, "void"))
		return zdh_error_set(ZDH_ESTATE, _("%s is void"), id);
	return 0;
}

static int check_action(const json_t *state, const struct zdh_event *ev)
{
	static const char *const fields[] = {
		"decision", "council", "area", "text", "dept", "due", "issue", NULL
	};
	static const char *const days[] = { "due", NULL };
	const json_t *set = json_object_get(ev->data, "set");
	int err;

	if ((err = check_message(ev)))
		return err;
	if (!strcmp(ev->op, "add")) {
		if (state)
			return zdh_error_set(ZDH_EEXISTS, _("action %s exists already"), ev->record);
		if (!str(set, "decision") || !str(set, "text") || !str(set, "dept"))
			return zdh_error_set(ZDH_EINVALID, _("an action needs a decision, a text and a dept"));
		if (json_object_get(ev->data, "resolves") && !str(set, "issue"))
			return zdh_error_set(ZDH_EINVALID, _("an action resolves an issue only when it names one"));
		return check_set(ev, fields, days, 0);
	}
	if (!state)
		return zdh_error_set(ZDH_ENOTFOUND, _("no action %s"), ev->record);
	if (!strcmp(ev->op, "done") || !strcmp(ev->op, "void")) {
		if ((err = zdh_action_still_open(ev->record, str(state, "status"))))
			return err;
		/* voided (version 4): why, as an issue's void says it */
		if (!strcmp(ev->op, "void") && !*(str(ev->data, "message") ? str(ev->data, "message") : ""))
			return zdh_error_set(ZDH_EINVALID, _("voiding an action needs a reason"));
		/*
		 * it changes nor names no field (version 2): the roles judge it in
		 * the action's own department and area, not in one it names
		 */
		if (json_object_get(ev->data, "dept") || json_object_get(ev->data, "area"))
			return zdh_error_set(ZDH_EINVALID, _("'%s' cannot set fields"), ev->op);
		return zdh_kind_check_no_set(ev);
	}
	return zdh_error_set(ZDH_EINVALID, _("action has no operation '%s'"), ev->op);
}

static void apply_action(json_t *state, const struct zdh_event *ev)
{
	if (!strcmp(ev->op, "add")) {
		json_object_set_new(state, "status", json_string("open"));
		if (json_is_true(json_object_get(ev->data, "resolves")))
			json_object_set_new(state, "resolves", json_true());
		stamp(state, "created", ev);
	} else if (!strcmp(ev->op, "done")) {
		json_object_set_new(state, "status", json_string("done"));
		stamp(state, "done_at", ev);
	} else if (!strcmp(ev->op, "void")) {
		json_object_set_new(state, "status", json_string("void"));
		stamp(state, "voided_at", ev);
	}
}

/* ---- the kinds ---- */

/* Who may, once roles are granted (include/trust.h); NULL: any role but auditor. */
#define SETUP "area-staff@area subdistrict-admin"
#define OFFICERS "council-chair@area council-secretary@area area-staff@area subdistrict-admin"
#define RECORDERS "council-secretary@area council-chair@area"
static const struct zdh_op council_ops[] = {
	{ "add", NULL, check_council, apply_council, SETUP },
	{ "edit", NULL, check_council, apply_council, OFFICERS },
	{ "dissolve", NULL, check_council, apply_council, SETUP },
	{ "member-add", NULL, check_council, apply_council, OFFICERS },
	{ "member-edit", NULL, check_council, apply_council, OFFICERS },
	{ "member-remove", NULL, check_council, apply_council, OFFICERS },
	{ "charter", NULL, check_council, apply_council, OFFICERS },
	{ "discuss", NULL, check_council, apply_council, NULL },
	{ NULL, NULL, NULL, NULL, NULL }
};

static const struct zdh_op meeting_ops[] = {
	{ "add", NULL, check_meeting, apply_meeting, RECORDERS },
	{ "update", NULL, check_meeting, apply_meeting, RECORDERS },
	{ NULL, NULL, NULL, NULL, NULL }
};

/* a council's decisions are recorded by its secretary or chair */
static const struct zdh_op decision_ops[] = {
	{ "add", NULL, check_decision, apply_decision, RECORDERS },
	{ "vote", NULL, check_decision, apply_decision, RECORDERS },
	{ "close", NULL, check_decision, apply_decision, RECORDERS },
	{ "consent", NULL, check_decision, apply_decision, RECORDERS },
	{ NULL, NULL, NULL, NULL, NULL }
};

/*
 * a council's actions are set by its officers (action version 2; any
 * role but auditor before, so an office of another area could add an
 * action to any council, naming the council's own area), and done by
 * them or the department that does it
 */
static const struct zdh_op action_ops[] = {
	{ "add", NULL, check_action, apply_action, OFFICERS },
	{ "done", NULL, check_action, apply_action, "liaison@dept " OFFICERS },
	{ "void", NULL, check_action, apply_action, OFFICERS },
	{ NULL, NULL, NULL, NULL, NULL }
};

/* The fields the queries filter and sort on (the views records_<kind>). */
static const struct zdh_field council_fields[] = {
	{ "name", "TEXT", "name" },
	{ "area", "TEXT", "area" },
	{ "status", "TEXT", "status" },
	{ NULL, NULL, NULL }
};

static const struct zdh_field meeting_fields[] = {
	{ "council", "TEXT", "council" },
	{ "area", "TEXT", "area" },
	{ "date", "TEXT", "date" },
	{ "kind", "TEXT", "kind" },
	{ NULL, NULL, NULL }
};

static const struct zdh_field decision_fields[] = {
	{ "council", "TEXT", "council" },
	{ "meeting", "TEXT", "meeting" },
	{ "area", "TEXT", "area" },
	{ "date", "TEXT", "date" },
	{ "status", "TEXT", "status" },
	{ "type", "TEXT", "type" },
	{ "issue", "TEXT", "issue" },
	/* (what people wrote: a list's table reads it here, not from the state) */
	{ "motion", "TEXT", "motion", 1 },
	{ NULL, NULL, NULL }
};

static const struct zdh_field action_fields[] = {
	{ "decision", "TEXT", "decision" },
	{ "council", "TEXT", "council" },
	{ "area", "TEXT", "area" },
	{ "dept", "TEXT", "dept" },
	{ "due", "TEXT", "due" },
	{ "status", "TEXT", "status" },
	{ "issue", "TEXT", "issue" },
	{ "text", "TEXT", "text", 1 },	/* (as a decision's motion) */
	{ NULL, NULL, NULL }
};

/*
 * A pull's news (kind.h): each live council whose name one of its events
 * after mark gave it (an add, or an edit's new name) and another live
 * council has, or one that looks like it (zdh_name_key()), two offices
 * having added or renamed one each before they heard of each other
 * (name_taken refuses it at one office), "YA-C1 same name as XQ-C1: a
 * council named '华山理事会'"; a group new together is told once.  The name
 * then names neither (zdh_council_resolve).
 */
static int council_others(json_t **out, json_t **unlike, struct zdh_index *idx,
			  sqlite3_stmt *row, const char *id)
{
	const char *name = (const char *)sqlite3_column_text(row, 1);

	return name ? zdh_council_like_name(out, unlike, idx, name, id) : 0;
}

static char *council_line(struct zdh_index *idx, sqlite3_stmt *row, const char *id,
			  const char *others, const char *names)
{
	(void)idx;
	if (names)
		return zdh_asprintf(_("%s looks like %s: councils named %s"), id, others, names);
	return zdh_asprintf(_("%s same name as %s: a council named '%s'"), id, others,
			    (const char *)sqlite3_column_text(row, 1));
}

static int council_news(struct zdh_index *idx, long long mark,
			void (*fn)(const char *line, void *payload), void *payload)
{
	static const struct zdh_same_news n = {
		"SELECT c.id, c.name FROM records_council c WHERE c.status IS NOT 'dissolved'"
		" AND EXISTS (SELECT 1 FROM events e WHERE e.record = c.id AND e.kind = 'council'"
		" AND e.op IN ('add', 'edit') AND e.effect = 1 AND e.seq > ?1"
		" AND json_extract(e.data, '$.set.name') IS NOT NULL) ORDER BY c.prefix, c.n",
		council_others, council_line
	};

	return zdh_index_same_news(idx, mark, &n, fn, payload);
}

const struct zdh_kind zdh_kind_council = {
	.name = "council",
	.noun = "council",
	.letter = 'C',
	.ops = council_ops,
	.fields = council_fields,
	.index_sql = "CREATE INDEX records_council_name ON records({name}) WHERE kind = 'council';"
		"CREATE INDEX records_council_key ON records(zdh_name_key({name}))"
		" WHERE kind = 'council';",
	.news = council_news,	/* two live councils of one name or names alike */
	.version = 8,	/* 2: discuss's answers; 3: member-edit's was; 4: areas;
			 * 5: a member's joined; 6: a charter's decision a decision's id;
			 * 7: the fold refuses a second amendment of one decision;
			 * 8: an edit settles a conflict when dissolved */
};

/* A council's meetings and decisions are found through the council they name. */
const struct zdh_kind zdh_kind_meeting = {
	.name = "meeting",
	.noun = "council",
	.letter = 'M',
	.ops = meeting_ops,
	.fields = meeting_fields,
	.index_sql =
	"CREATE INDEX records_meeting_council ON records({council}, {date}) WHERE kind = 'meeting';"
	"CREATE INDEX records_meeting_date ON records({date}) WHERE kind = 'meeting';",
	.attachments_in_state = 1,
	.version = 4,	/* 2: update's was; 3: its was_proxies; 4: its council and
			 * the issues of its agenda ids of their kinds */
};

/* council show counts a council's decisions by status from the index alone */
const struct zdh_kind zdh_kind_decision = {
	.name = "decision",
	.noun = "council",
	.letter = 'D',
	.ops = decision_ops,
	.fields = decision_fields,
	.index_sql =
	"CREATE INDEX records_decision_council ON records({council}, {status}, {date}) WHERE kind = 'decision';"
	"CREATE INDEX records_decision_meeting ON records({meeting}) WHERE kind = 'decision';"
	/* the decisions about an issue (issue show) */
	"CREATE INDEX records_decision_issue ON records({issue}) WHERE kind = 'decision'"
	" AND {issue} IS NOT NULL;",
	.attachments_in_state = 1,
	.version = 4,	/* 2: a vote's and a consent's was; 3: no name twice in its lists;
			 * 4: its meeting, council and issue ids of their kinds */
};

static char *action_line(sqlite3_stmt *s)
{
	const char *status = (const char *)sqlite3_column_text(s, 3);

	return zdh_asprintf(status && !strcmp(status, "done")
			    ? _("%s is done, but its decision %s is closed %s now: it was done for a motion not adopted (take it up again at a meeting)")
			    : _("%s is an action of %s, closed %s: it can never be done (void it)"),
			    (const char *)sqlite3_column_text(s, 0),
			    (const char *)sqlite3_column_text(s, 1),
			    zdh_word_label(ZDH_W_DECISION_STATUS, (const char *)sqlite3_column_text(s, 2)));
}

/*
 * A pull's news (kind.h): each open action of a decision that is closed
 * and not adopted (rejected, no quorum), told when a new event is the
 * action's or the decision's.  action add refuses one at an office that
 * sees the close; one office closing while another, not having heard of
 * it, adds an action still gets there, and the action stays open (and
 * overdue) with no done possible: people must know.  So with a done one:
 * action done needs the decision adopted, but a vote another office
 * recorded before it heard of the close can fold before the close and
 * turn adopted into rejected, leaving work done for a motion that did
 * not carry, which no void undoes (a done action is final).
 */
static int action_news(struct zdh_index *idx, long long mark,
		       void (*fn)(const char *line, void *payload), void *payload)
{
	static const char sql[] =
		"WITH new(record) AS (SELECT record FROM events WHERE seq > ?1)"
		" SELECT a.id, d.id, d.status, a.status FROM records_action a"
		" JOIN records_decision d ON " ZDH_SQL_ID_IS("d.", "'decision'", "a.decision")
		" WHERE a.status IN ('open', 'done') AND d.status IN " NEVER_ADOPTED_SQL
		" AND (a.id IN (SELECT record FROM new) OR d.id IN (SELECT record FROM new))"
		" ORDER BY a.prefix, a.n";

	return zdh_index_row_news(idx, mark, sql, action_line, fn, payload);
}

const struct zdh_kind zdh_kind_action = {
	.name = "action",
	.noun = "council",
	.letter = 'A',
	.ops = action_ops,
	.fields = action_fields,
	.index_sql =
	"CREATE INDEX records_action_dept ON records({dept}, {due}) WHERE kind = 'action';"
	"CREATE INDEX records_action_decision ON records({decision}) WHERE kind = 'action';"
	/* the actions about an issue (issue show) */
	"CREATE INDEX records_action_issue ON records({issue}) WHERE kind = 'action'"
	" AND {issue} IS NOT NULL;",
	.attachments_in_state = 1,
	.news = action_news,	/* an open or done action of a decision closed not adopted */
	.version = 4,	/* 2: roles (the fold judges them again); 3: its decision,
			 * council and issue ids of their kinds; 4: void */
};

/* ---- writes ---- */

/* A record's state, or ZDH_ENOTFOUND "no KIND ID". */
static int get_state(json_t **out, struct zdh_index *idx, const char *kind, const char *id)
{
	int err = zdh_index_state(idx, kind, id, out, NULL);

	*out = err ? NULL : *out;
	if (err == ZDH_ENOTFOUND)
		err = zdh_kind_not_found(idx, kind, id);
	return err;
}

/* A live org of kind as records refer to it, its id (did you mean when there is none). */
static int org_name(char **out, struct zdh_index *idx, const char *name, const char *kind)
{
	*out = NULL;
	return zdh_org_resolve(out, idx, name, kind, 0);
}

/*
 * A registry name when name is one (of any kind), else name as given:
 * parties, guests.  These are words of the record (who consents, who
 * came), kept as written, not references.  known (may be NULL): the
 * parties a decision holds; a name that is none of them but one with
 * its full-width forms folded (zdh_halfwidth()) is that one (１２号 typed
 * with a Chinese input method is the party 12号, or the other way
 * round), as an org's name and an option's number are taken.
 */
static char *party_name(struct zdh_index *idx, const char *name, const json_t *known)
{
	struct zdh_buf typed = ZDH_BUF_INIT, each = ZDH_BUF_INIT;
	char *out = NULL, *named;
	const json_t *p;
	size_t i;

	if (org_name(&out, idx, name, NULL)) {
		zdh_error_clear();
		named = zdh_strdup(name);
	} else {
		/* only an exact name or id is taken; "did you mean" is for free text too */
		named = zdh_strdup(zdh_org_label(idx, out));
		free(out);
	}
	if (!known || in_array(known, named))
		return named;
	zdh_halfwidth(&typed, named);
	json_array_foreach(known, i, p) {
		zdh_halfwidth(&each, json_string_value(p) ? json_string_value(p) : "");
		if (!strcmp(each.ptr, typed.ptr)) {
			free(named);
			named = zdh_strdup(json_string_value(p));
			break;
		}
	}
	zdh_buf_release(&typed);
	zdh_buf_release(&each);
	return named;
}

static int event(struct zdh_txn *txn, const struct zdh_kind *kind, const char *id, const char *op,
		 json_t *data, const char *message, const char *what, const struct zdh_time *date,
		 char **id_out)
{
	char *summary;
	int err;

	if (message && *message)
		json_object_set_new(data, "message", json_string(message));
	zdh_org_note_names(zdh_txn_index(txn), data);
	summary = zdh_asprintf("%s %s %s", kind->name, op, what ? what : id);
	err = zdh_txn_event(txn, kind, id, op, data, summary, date, id_out);
	free(summary);
	return err;
}

static int council_state(json_t **out, struct zdh_index *idx, const char *id, int live)
{
	int err = get_state(out, idx, "council", id);

	if (!err && live && !strcmp(str(*out, "status") ? str(*out, "status") : "", "dissolved")) {
		json_decref(*out);
		*out = NULL;
		err = zdh_error_set(ZDH_ESTATE, _("%s is dissolved"), id);
	}
	return err;
}

int zdh_council_same_name(json_t **out, struct zdh_index *idx, const char *name,
			  const char *except)
{
	static const char sql[] =
		"SELECT id FROM records_council WHERE name = ?1 AND id IS NOT ?2"
		" AND status IS NOT 'dissolved' ORDER BY prefix, n";

	return zdh_index_named_ids(idx, sql, name, except, out);
}

static const char sql_like_name[] =
	"SELECT id, name FROM records_council WHERE zdh_name_key(name) = zdh_name_key(?1)"
	" AND id IS NOT ?2 AND status IS NOT 'dissolved' ORDER BY prefix, n";

int zdh_council_like_name(json_t **out, json_t **unlike, struct zdh_index *idx, const char *name,
			  const char *except)
{
	return zdh_index_like_ids(idx, sql_like_name, name, except, out, unlike, NULL);
}

/*
 * A council's id (in any case: ids are upper case, an id prefix is by
 * zdh_prefix_valid and so is a kind's letter) names that council, found
 * by the statement that then reads its state; else its name does, the
 * first of that name in the list's order (a dissolved one may share a
 * live one's name), through the index on names, unless two live councils
 * have it (added or renamed at two offices before they heard of each
 * other): that name is refused, naming them.  Only a name that matches
 * nothing reads every council, for "did you mean".
 */
int zdh_council_resolve(char **id, struct zdh_index *idx, const char *name)
{
	static const char by_name[] =
		"SELECT id, status IS NOT 'dissolved' FROM records_council WHERE name = ?1"
		" ORDER BY status = 'dissolved', prefix, n LIMIT 2";
	sqlite3_stmt *s;
	char *upper, *best = NULL;
	size_t best_d = (size_t)-1;
	int rc, found, err, two = 0;

	*id = NULL;
	upper = zdh_ascii_upper_dup(name);
	if ((err = zdh_index_exists(idx, "council", upper, &found)) || found) {
		if (found)
			*id = upper;
		else
			free(upper);
		return err;
	}
	free(upper);
	if (!(s = zdh_index_cached(idx, by_name)))
		return ZDH_ERROR;
	sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		*id = zdh_strdup((const char *)sqlite3_column_text(s, 0));
		/* live ones come first: a second live row is a second live council */
		two = sqlite3_column_int(s, 1) && (rc = sqlite3_step(s)) == SQLITE_ROW &&
		      sqlite3_column_int(s, 1);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		free(*id);
		*id = NULL;
		return zdh_error_set(ZDH_ERROR, _("index: %s"), zdh_db_errmsg(zdh_index_db(idx)));
	}
	if (two) {
		json_t *all;

		free(*id);
		*id = NULL;
		if ((err = zdh_council_same_name(&all, idx, name, NULL)))
			return err;
		err = zdh_kind_name_shared(name, zdh_word_label(ZDH_W_RECORD_KIND, "council"), all);
		json_decref(all);
		return err;
	}
	if (*id)
		return 0;
	/* the first nearest in the list's order: (dissolved, prefix, n) */
	if (zdh_index_prepare(idx,
			       "SELECT name FROM records_council"
			       " ORDER BY status = 'dissolved', prefix, n", &s))
		return zdh_error_set(ZDH_ERROR, _("index: %s"), zdh_db_errmsg(zdh_index_db(idx)));
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *cname = (const char *)sqlite3_column_text(s, 0);
		size_t d;
		if (cname && (d = zdh_utf8_distance(name, cname)) < best_d) {
			best_d = d;
			free(best);
			best = zdh_strdup(cname);
		}
	}
	sqlite3_finalize(s);
	if (best && best_d <= 1 + zdh_utf8_len(name) / 3)
		err = zdh_error_set(ZDH_ENOTFOUND, _("no council named '%s'; did you mean '%s'?"),
				    name, best);
	else
		err = zdh_error_set(ZDH_ENOTFOUND, _("no council named '%s' (see 'zdh council list')"),
				    name);
	free(best);
	return err;
}

/* Is name the name of another council (live)? */
static int name_taken(struct zdh_index *idx, const char *name, const char *except)
{
	char *same;
	int err = zdh_kind_name_free(&same, idx, sql_like_name, name, except);

	if (!err && same) {
		err = zdh_error_set(ZDH_EEXISTS, _("a council named '%s' exists already"), name);
		free(same);
	}
	return err;
}

int zdh_council_add(struct zdh_txn *txn, const char *name, const char *area,
		    const struct zdh_time *date, char **id)
{
	struct zdh_index *idx = zdh_txn_index(txn);
	char *aname = NULL;
	json_t *set;
	int err;

	if ((err = zdh_name_check(_("name"), name)) || (err = zdh_name_visible(_("name"), name)) ||
	    (err = name_taken(idx, name, NULL)))
		return err;
	if (area && (err = org_name(&aname, idx, area, "area")))
		return err;
	set = json_pack("{s:s}", "name", name);
	if (aname)
		json_object_set_new(set, "area", json_string(aname));
	free(aname);
	return event(txn, &zdh_kind_council, NULL, "add", json_pack("{s:o}", "set", set), NULL,
		     name, date, id);
}

int zdh_council_edit(struct zdh_txn *txn, const char *council, const char *name,
		     const char *area, const char *message, const struct zdh_time *date)
{
	struct zdh_index *idx = zdh_txn_index(txn);
	json_t *set = json_object(), *state = NULL;
	char *aname = NULL;
	int err;

	if (name)
		json_object_set_new(set, "name", json_true());
	if (area)
		json_object_set_new(set, "area", json_true());
	/* a dissolved one when the edit settles a conflict of it (kind.h, zdh_kind_settles) */
	if ((err = council_state(&state, idx, council, 1)) == ZDH_ESTATE &&
	    zdh_index_conflict_on(idx, "council", council, set) > 0)
		err = council_state(&state, idx, council, 0);
	json_object_clear(set);
	if (err)
		goto fail;
	if (name && ((err = zdh_name_check(_("name"), name)) ||
		     (err = zdh_name_visible(_("name"), name)) ||
		     (err = name_taken(idx, name, council))))
		goto fail;
	if (area && (err = org_name(&aname, idx, area, "area")))
		goto fail;
	if (name)
		json_object_set_new(set, "name", json_string(name));
	if (aname)
		json_object_set_new(set, "area", json_string(aname));
	free(aname);
	json_decref(state);
	return event(txn, &zdh_kind_council, council, "edit", json_pack("{s:o}", "set", set),
		     message, NULL, date, NULL);
fail:
	if (state)
		json_decref(state);
	json_decref(set);
	return err;
}

int zdh_council_dissolve(struct zdh_txn *txn, const char *council, const char *message,
			 const struct zdh_time *date)
{
	return event(txn, &zdh_kind_council, council, "dissolve", json_object(), message, NULL,
		     date, NULL);
}

/*
 * 1 when name is two or more members apart by blanks (spaces, U+3000),
 * "李明 张伟": names a list does not split at, typed as a list.
 */
static int members_apart_by_blanks(const json_t *members, const char *name)
{
	const char *p = name;
	int parts = 0;

	while (*p) {
		const char *start;
		char *part;
		int member;

		while (*p == ' ' || !strncmp(p, "\xe3\x80\x80", 3))
			p += *p == ' ' ? 1 : 3;
		if (!*p)
			break;
		start = p;
		while (*p && *p != ' ' && strncmp(p, "\xe3\x80\x80", 3))
			p++;
		part = zdh_strndup(start, (size_t)(p - start));
		member = json_object_get(members, part) != NULL;
		free(part);
		if (!member)
			return 0;
		parts++;
	}
	return parts > 1;
}

/* The member of the council called name (did you mean among its members). */
static int find_member(const json_t *council, const char *id, const char *name, int current)
{
	const json_t *members = json_object_get(council, "members");
	const char *best = NULL, *key;
	size_t best_d = (size_t)-1;
	json_t *m;

	if ((m = json_object_get(members, name)) &&
	    (!current || !json_is_true(json_object_get(m, "removed"))))
		return 0;
	/* "王 李" of two members: no nearest name, which would take it for 李 mistyped */
	if (!members_apart_by_blanks(members, name)) {
		json_object_foreach((json_t *)members, key, m) {
			size_t d = zdh_utf8_distance(name, key);
			if ((!current || !json_is_true(json_object_get(m, "removed"))) && d < best_d) {
				best_d = d;
				best = key;
			}
		}
		if (best && best_d <= 1 + zdh_utf8_len(name) / 3)
			return zdh_error_set(ZDH_ENOTFOUND,
					     _("%s is not a member of %s; did you mean '%s'?"), name, id,
					     best);
	}
	/* "李明 张伟": two names apart by a blank, which a list does not split at */
	if (strchr(name, ' ') || strstr(name, "\xe3\x80\x80"))
		return zdh_error_set(ZDH_ENOTFOUND,
				     _("%s is not a member of %s; names are separated by 、 or ，, not blanks (李明、张伟)"),
				     name, id);
	return zdh_error_set(ZDH_ENOTFOUND, _("%s is not a member of %s (see 'zdh council show %s')"),
			     name, id, id);
}

int zdh_council_member(struct zdh_txn *txn, const char *council, const char *op,
		       const char *name, const struct zdh_member_fields *f, const char *message,
		       const struct zdh_time *date)
{
	struct zdh_index *idx = zdh_txn_index(txn);
	json_t *data = NULL, *state = NULL;
	char *org = NULL;
	int err;

	if ((err = council_state(&state, idx, council, 1)) ||
	    (err = zdh_name_check(_("member"), name)))
		goto done;
	/* a new member's name: an existing one is found as written */
	if (!strcmp(op, "member-add") ? (err = zdh_name_visible(_("member"), name)) :
	    (err = find_member(state, council, name, 1)))
		goto done;
	if (f->role && (err = zdh_word_check(zdh_council_roles, ZDH_W_ROLE, f->role, N_("role"))))
		goto done;
	if (f->party && *f->party && (err = zdh_word_check(zdh_council_parties, ZDH_W_PARTY, f->party,
							  N_("party"))))
		goto done;
	if ((f->from && (err = zdh_council_check_day("--from", f->from))) ||
	    (f->to && *f->to && (err = zdh_council_check_day("--to", f->to))))
		goto done;
	/* a supporting unit is a dept or unit of the registry */
	if (f->org && *f->org && (err = org_name(&org, idx, f->org, NULL)))
		goto done;
	data = json_pack("{s:s}", "member", name);
	if (f->role)
		json_object_set_new(data, "role", json_string(f->role));
	if (f->party)
		json_object_set_new(data, "party", json_string(f->party));
	if (f->org)
		json_object_set_new(data, "org", json_string(org ? org : ""));
	if (f->from)
		json_object_set_new(data, "from", json_string(f->from));
	if (f->to)
		json_object_set_new(data, "to", json_string(f->to));
	if (!strcmp(op, "member-edit") && json_object_size(data) == 1) {
		err = zdh_error_set(ZDH_EINVALID, _("nothing to change"));
		goto done;
	}
	/* what it replaces, as this replica has it (zdh-repository(5)) */
	if (!strcmp(op, "member-edit"))
		json_object_set_new(data, "was",
				    was_of(data, json_object_get(json_object_get(state, "members"), name),
					   "member"));
	{
		char *what = zdh_asprintf("%s %s", council, name);
		err = event(txn, &zdh_kind_council, council, op, data, message, what, date, NULL);
		data = NULL;
		free(what);
	}
done:
	if (data)
		json_decref(data);
	if (state)
		json_decref(state);
	free(org);
	return err;
}

/*
 * The words of a list ("chair, member", "主任、委员": zdh_list_next()),
 * each a Chinese name of domain mapped to its word, as a JSON array.
 */
static json_t *split(const char *list, enum zdh_word_domain domain)
{
	json_t *out = json_array();
	const char *p = list ? list : "", *item;
	size_t n;

	while (zdh_list_next(&p, &item, &n)) {
		char *w = zdh_strndup(item, n);
		const char *word = zdh_word_value(domain, w);
		if (!in_array(out, word))
			json_array_append_new(out, json_string(word));
		free(w);
	}
	return out;
}

int zdh_council_charter(struct zdh_txn *txn, const char *council,
			const struct zdh_charter_fields *f, const char *message,
			const struct zdh_time *date)
{
	struct zdh_index *idx = zdh_txn_index(txn);
	json_t *state = NULL, *dec = NULL, *c = NULL, *charters;
	const json_t *last;
	char day[11];
	int err;

	if ((err = council_state(&state, idx, council, 1)))
		goto done;
	charters = json_object_get(state, "charters");
	last = json_array_get(charters, json_array_size(charters) - 1);
	c = json_deep_copy(last ? last : zdh_council_default_charter());
	json_object_del(c, "decision");
	json_object_set_new(c, "version", json_integer(last ? json_integer_value(json_object_get(last, "version")) + 1 : 1));
	day_of(day, date);
	if (last && !f->decision) {
		err = zdh_error_set(ZDH_EINVALID,
				    _("%s has a charter; amending it needs a decision of type charter (--decision)"),
				    council);
		goto done;
	}
	if (f->decision) {
		if ((err = get_state(&dec, idx, "decision", f->decision)))
			goto done;
		if (strcmp(str(dec, "council"), council)) {
			err = zdh_error_set(ZDH_EINVALID, _("%s is a decision of %s, not of %s"),
					    f->decision, str(dec, "council"), council);
			goto done;
		}
		if (strcmp(str(dec, "type"), "charter")) {
			err = zdh_error_set(ZDH_EINVALID, _("%s is a decision of type %s, not charter"),
					    f->decision, zdh_word_label(ZDH_W_DECISION_TYPE, str(dec, "type")));
			goto done;
		}
		if ((err = zdh_decision_check_adopted(f->decision, dec)))
			goto done;
		/* (one decision, one amendment: check_charter(), as the fold) */
		json_object_set_new(c, "decision", json_string(f->decision));
		snprintf(day, sizeof(day), "%s", str(dec, "date"));
	}
	if (f->from && (err = zdh_council_check_day("--from", f->from)))
		goto done;
	json_object_set_new(c, "from", json_string(f->from ? f->from : day));
	if (f->duties)
		json_object_set_new(c, "duties", json_string(f->duties));
	if (f->quorum)
		json_object_set_new(c, "quorum", json_string(f->quorum));
	if (f->voters)
		json_object_set_new(c, "voters", split(f->voters, ZDH_W_ROLE));
	if (f->consent)
		json_object_set_new(c, "consent", split(f->consent, ZDH_W_DECISION_TYPE));
	if (f->meeting_weeks >= 0)
		json_object_set_new(c, "meeting_weeks", json_integer(f->meeting_weeks));
	for (size_t i = 0; f->majority && f->majority[i]; i++) {
		const char *eq = strchr(f->majority[i], '=');
		char *type;
		if (!eq || eq == f->majority[i]) {
			err = zdh_error_set(ZDH_EINVALID, _("--majority '%s' is not TYPE=RULE"), f->majority[i]);
			goto done;
		}
		/* TYPE and RULE may be Chinese names (一般事项=过半数), as --type and --vote take them */
		type = zdh_strndup(f->majority[i], (size_t)(eq - f->majority[i]));
		json_object_set_new(json_object_get(c, "majority"), zdh_word_value(ZDH_W_DECISION_TYPE, type),
				    json_string(zdh_word_value(ZDH_W_MAJORITY, eq + 1)));
		free(type);
	}
	if ((err = check_charter(state, c, council)))
		goto done;
	{
		char *what = zdh_asprintf("%s version %lld", council,
					  (long long)json_integer_value(json_object_get(c, "version")));
		err = event(txn, &zdh_kind_council, council, "charter", json_pack("{s:O}", "charter", c),
			    message, what, date, NULL);
		free(what);
	}
done:
	if (c)
		json_decref(c);
	if (dec)
		json_decref(dec);
	if (state)
		json_decref(state);
	return err;
}

/*
 * The mentions of the council the writer's department answers by
 * speaking: every key of state.mentions (an id, or a name an older event
 * wrote) that is the same org as the writer's dept, and its id (for a
 * mention by id this writer has not seen yet).  In data.answers; none
 * when the writer has no dept or it is not in the registry (the dept as
 * written answers then, as before).
 */
static void answers(json_t *data, struct zdh_index *idx, const json_t *state)
{
	struct zdh_actor me;
	const char *dept_id, *key;
	json_t *list, *v;

	memset(&me, 0, sizeof(me));
	if (zdh_repo_identity(&me, zdh_index_repo(idx))) {
		zdh_error_clear();
		return;
	}
	if (me.dept && (dept_id = zdh_org_ref_id(idx, me.dept, "dept"))) {
		list = json_pack("[s]", dept_id);
		json_object_foreach((json_t *)json_object_get(state, "mentions"), key, v) {
			const char *k = zdh_org_ref_id(idx, key, "dept");
			if (k && !strcmp(k, dept_id) && strcmp(key, dept_id))
				json_array_append_new(list, json_string(key));
		}
		json_object_set_new(data, "answers", list);
	}
	free(me.name);
	free(me.email);
	free(me.dept);
}

int zdh_council_discuss(struct zdh_txn *txn, const char *council, const char *message,
			const struct zdh_time *date)
{
	json_t *data = json_object(), *list = json_array(), *state = NULL;
	int err;

	if ((err = council_state(&state, zdh_txn_index(txn), council, 1)) ||
	    (err = zdh_issue_mentions(list, txn, message))) {
		if (state)
			json_decref(state);
		json_decref(list);
		json_decref(data);
		return err;
	}
	answers(data, zdh_txn_index(txn), state);
	json_decref(state);
	/* the departments mentioned, by id (zdh_issue_mentions) */
	if (json_array_size(list))
		json_object_set_new(data, "mentions", list);
	else
		json_decref(list);
	return event(txn, &zdh_kind_council, council, "discuss", data, message, NULL, date, NULL);
}

/* ---- meeting writes ---- */

/* A member's attendance in one write: given twice, it must say the same (not present and absent). */
static int attend(json_t *data, const char *name, const char *status)
{
	const char *was = str(json_object_get(data, "attendance"), name);

	if (was && strcmp(was, status))
		return zdh_error_set(ZDH_EINVALID, _("%s cannot be both %s and %s at one meeting"), name,
				     zdh_word_label(ZDH_W_ATTENDANCE, was),
				     zdh_word_label(ZDH_W_ATTENDANCE, status));
	json_object_set_new(object_at(data, "attendance"), name, json_string(status));
	return 0;
}

static int set_attendance(json_t *data, const json_t *council, const char *cid,
			  const char *const *names, const char *status)
{
	int err;

	for (size_t i = 0; names && names[i]; i++)
		if ((err = find_member(council, cid, names[i], 0)) ||
		    (err = attend(data, names[i], status)))
			return err;
	return 0;
}

static int meeting_data(json_t *data, struct zdh_index *idx, const json_t *council,
			const char *cid, const struct zdh_meeting_fields *f)
{
	int err;

	if ((err = set_attendance(data, council, cid, f->present, "present")) ||
	    (err = set_attendance(data, council, cid, f->absent, "absent")) ||
	    (err = set_attendance(data, council, cid, f->excused, "excused")))
		return err;
	for (size_t i = 0; f->proxy && f->proxy[i]; i++) {
		const char *eq = strchr(f->proxy[i], '=');
		char *who;
		if (!eq || eq == f->proxy[i] || !eq[1])
			return zdh_error_set(ZDH_EINVALID, _("--proxy '%s' is not MEMBER=BY"), f->proxy[i]);
		who = zdh_strndup(f->proxy[i], (size_t)(eq - f->proxy[i]));
		err = find_member(council, cid, who, 0);
		if (!err)
			err = find_member(council, cid, eq + 1, 0);
		if (!err && str(json_object_get(data, "proxies"), who) &&
		    strcmp(str(json_object_get(data, "proxies"), who), eq + 1))
			err = zdh_error_set(ZDH_EINVALID, _("%s cannot be represented by both %s and %s"), who,
					    str(json_object_get(data, "proxies"), who), eq + 1);
		if (!err && !(err = attend(data, who, "proxy")))
			json_object_set_new(object_at(data, "proxies"), who, json_string(eq + 1));
		free(who);
		if (err)
			return err;
	}
	for (size_t i = 0; f->agenda && f->agenda[i]; i++) {
		json_t *is;
		if ((err = get_state(&is, idx, "issue", f->agenda[i])))
			return err;
		json_decref(is);
		json_array_append_new(array_at(data, "agenda"), json_pack("{s:s}", "issue", f->agenda[i]));
	}
	for (size_t i = 0; f->items && f->items[i]; i++) {
		if ((err = check_text(N_("agenda item"), f->items[i], ZDH_COUNCIL_TEXT_MAX, 1)))
			return err;
		json_array_append_new(array_at(data, "agenda"), json_pack("{s:s}", "text", f->items[i]));
	}
	for (size_t i = 0; f->guests && f->guests[i]; i++) {
		char *g;
		if ((err = check_text(N_("guest"), f->guests[i], ZDH_COUNCIL_TEXT_MAX, 1)) ||
		    (err = zdh_name_visible(_("guest"), f->guests[i])))
			return err;
		g = party_name(idx, f->guests[i], NULL);
		json_array_append_new(array_at(data, "guests"), json_string(g));
		free(g);
	}
	if (f->kind && (err = zdh_word_check(zdh_meeting_kinds, ZDH_W_MEETING_KIND, f->kind,
						 N_("meeting kind"))))
		return err;
	if (f->minutes && check_body(N_("minutes"), f->minutes))
		return zdh_error_code();
	return 0;
}

int zdh_meeting_add(struct zdh_txn *txn, const char *council, const struct zdh_meeting_fields *f,
		    const struct zdh_time *date, char **id)
{
	struct zdh_index *idx = zdh_txn_index(txn);
	json_t *data = json_object(), *set = json_object(), *state = NULL;
	char day[11];
	int err;

	json_object_set_new(data, "set", set);
	if ((err = council_state(&state, idx, council, 1)) ||
	    (err = meeting_data(data, idx, state, council, f)))
		goto fail;
	day_of(day, date);
	json_object_set_new(set, "council", json_string(council));
	if (str(state, "area"))
		json_object_set_new(set, "area", json_string(str(state, "area")));
	json_object_set_new(set, "date", json_string(day));
	json_object_set_new(set, "kind", json_string(f->kind ? f->kind : "regular"));
	if (f->minutes && *f->minutes)
		json_object_set_new(set, "minutes", json_string(f->minutes));
	json_decref(state);
	{
		char *what = zdh_asprintf("%s %s", council, day);
		err = event(txn, &zdh_kind_meeting, NULL, "add", data, NULL, what, date, id);
		free(what);
	}
	return err;
fail:
	if (state)
		json_decref(state);
	json_decref(data);
	return err;
}

int zdh_meeting_update(struct zdh_txn *txn, const char *meeting,
		       const struct zdh_meeting_fields *f, const char *message,
		       const struct zdh_time *date)
{
	struct zdh_index *idx = zdh_txn_index(txn);
	json_t *data = json_object(), *set = json_object(), *state = NULL, *council = NULL;
	int err;

	json_object_set_new(data, "set", set);
	if ((err = get_state(&state, idx, "meeting", meeting)) ||
	    (err = council_state(&council, idx, str(state, "council"), 0)) ||
	    (err = meeting_data(data, idx, council, str(state, "council"), f)))
		goto fail;
	if (f->kind)
		json_object_set_new(set, "kind", json_string(f->kind));
	if (f->minutes)
		json_object_set_new(set, "minutes", json_string(f->minutes));
	/* the attendance it replaces, as this replica has it (zdh-repository(5)) */
	if (json_object_size(json_object_get(data, "attendance")))
		json_object_set_new(data, "was", was_of(json_object_get(data, "attendance"),
							json_object_get(state, "attendance"), NULL));
	if (json_object_size(json_object_get(data, "proxies")))
		json_object_set_new(data, "was_proxies", was_of(json_object_get(data, "proxies"),
								json_object_get(state, "proxies"), NULL));
	json_decref(state);
	json_decref(council);
	return event(txn, &zdh_kind_meeting, meeting, "update", data, message, NULL, date, NULL);
fail:
	if (state)
		json_decref(state);
	if (council)
		json_decref(council);
	json_decref(data);
	return err;
}

/* ---- decision writes ---- */

/*
 * A member named as voting who did not vote on the meeting's day: when
 * their term had not begun or had ended, said with the day to correct
 * (members added today for a meeting of last week: member edit --from).
 * Whether the day is in the term is zdh_member_in_term()'s to say, as it
 * said for the voters; this only chooses the words.
 */
static int not_voting(const json_t *council, const char *cid, const char *name, const char *mday)
{
	const json_t *m = json_object_get(json_object_get(council, "members"), name);
	const char *from = str(m, "from");

	if (zdh_member_in_term(m, mday))
		return zdh_error_set(ZDH_EINVALID, _("%s is not a voting member of %s on the meeting's day"),
				     name, cid);
	if (from && strcmp(mday, from) < 0)
		return zdh_error_set(ZDH_EINVALID,
				     _("%s is not a voting member of %s on the meeting's day, %s: a member from %s "
				       "(if the term began earlier: zdh council member edit %s '%s' --from DAY)"),
				     name, cid, mday, from, cid, name);
	return zdh_error_set(ZDH_EINVALID,
			     _("%s is not a voting member of %s on the meeting's day, %s: a member until %s"),
			     name, cid, mday, str(m, "to"));
}

static int put_votes(json_t *votes, const json_t *council, const char *cid, const json_t *voters,
		     const char *const *names, const char *vote, const char *mday)
{
	int err;

	for (size_t i = 0; names && names[i]; i++) {
		if ((err = find_member(council, cid, names[i], 0)))
			return err;
		if (!in_array(voters, names[i]))
			return not_voting(council, cid, names[i], mday);
		if (json_object_get(votes, names[i]))
			return zdh_error_set(ZDH_EINVALID, _("%s votes twice"), names[i]);
		json_object_set_new(votes, names[i], json_string(vote));
	}
	return 0;
}

static int action_set(json_t **out, struct zdh_index *idx, const char *decision,
		      const json_t *dec, const struct zdh_action_fields *f)
{
	char *dept = NULL;
	json_t *set, *is, *council = NULL;
	const char *area;
	int err;

	*out = NULL;
	if ((err = check_text(N_("action"), f->text, ZDH_COUNCIL_TEXT_MAX, 1)))
		return err;
	if (!f->dept || !*f->dept)
		return zdh_error_set(ZDH_EINVALID, _("an action needs --dept"));
	if (f->due && (err = zdh_council_check_day("--due", f->due)))
		return err;
	if (f->resolves && !f->issue && !str(dec, "issue"))
		return zdh_error_set(ZDH_EINVALID, _("an action resolves an issue only when it names one (--issue)"));
	if (f->issue) {
		if ((err = get_state(&is, idx, "issue", f->issue)))
			return err;
		json_decref(is);
	}
	if ((err = org_name(&dept, idx, f->dept, "dept")))
		return err;
	/*
	 * the council's area now, as a meeting names it (a council moved since
	 * the decision: its officers now, not the earlier area's, add the
	 * action); the decision's when the council has none, or when the
	 * decision is not the council's (its area not one the council has had:
	 * the rule the lists apply, zdh_council_owns)
	 */
	if (str(dec, "council") && (err = get_state(&council, idx, "council", str(dec, "council")))) {
		free(dept);
		return err;
	}
	area = str(dec, "area");
	if (council && str(council, "area") && zdh_council_owns(idx, "decision", decision))
		area = str(council, "area");
	set = json_pack("{s:s, s:s, s:s, s:s}", "decision", decision, "council", str(dec, "council"),
			"text", f->text, "dept", dept);
	free(dept);
	if (area)
		json_object_set_new(set, "area", json_string(area));
	json_decref(council);
	if (f->due)
		json_object_set_new(set, "due", json_string(f->due));
	if (f->issue || (f->resolves && str(dec, "issue")))
		json_object_set_new(set, "issue", json_string(f->issue ? f->issue : str(dec, "issue")));
	*out = json_pack("{s:o}", "set", set);
	if (f->resolves)
		json_object_set_new(*out, "resolves", json_true());
	return 0;
}

int zdh_decision_add(struct zdh_txn *txn, const char *meeting, const struct zdh_decision_fields *f,
		     const struct zdh_time *date, char **id)
{
	struct zdh_index *idx = zdh_txn_index(txn);
	json_t *mt = NULL, *council = NULL, *data = NULL, *set, *voters, *present, *votes, *parties;
	json_t **acts = NULL;
	const json_t *charter, *members, *m;
	const char *cid, *mday, *type = f->type ? f->type : "general", *key;
	char *did = NULL;
	int err;

	if ((err = check_text(N_("motion"), f->motion, ZDH_COUNCIL_TEXT_MAX, 1)) ||
	    (err = check_text(N_("decision type"), type, 40, 1)))
		return err;
	if ((err = get_state(&mt, idx, "meeting", meeting)))
		return err;
	cid = str(mt, "council");
	mday = str(mt, "date");
	if ((err = council_state(&council, idx, cid, 1)))
		goto done;
	if (f->issue) {
		json_t *is;
		if ((err = get_state(&is, idx, "issue", f->issue)))
			goto done;
		json_decref(is);
	}
	if (!(charter = zdh_council_charter_at(council, mday)))
		charter = zdh_council_default_charter();
	data = json_object();
	set = json_pack("{s:s, s:s, s:s, s:s, s:s}", "meeting", meeting, "council", cid, "date", mday,
			"motion", f->motion, "type", type);
	json_object_set_new(data, "set", set);
	if (str(mt, "area"))
		json_object_set_new(set, "area", json_string(str(mt, "area")));
	if (f->issue)
		json_object_set_new(set, "issue", json_string(f->issue));
	json_object_set_new(data, "rule", json_pack("{s:I, s:s, s:s, s:b}",
		"charter", (json_int_t)json_integer_value(json_object_get(charter, "version")),
		"quorum", str(charter, "quorum"), "majority", zdh_charter_majority(charter, type),
		"consent", zdh_charter_needs_consent(charter, type)));
	/* the voting members on the meeting's day, and who of them was there */
	voters = json_array();
	present = json_array();
	members = json_object_get(council, "members");
	{
		/* in the order members are listed (zdh_council_member_order) */
		const char **names = zdh_calloc(json_object_size(members) + 1, sizeof(*names));
		size_t n = 0;
		json_object_foreach((json_t *)members, key, m)
			names[n++] = key;
		zdh_council_member_order(council, names, n);
		for (size_t i = 0; i < n; i++) {
			const char *att = str(json_object_get(mt, "attendance"), names[i]);
			if (!zdh_member_votes(charter, json_object_get(members, names[i]), mday))
				continue;
			json_array_append_new(voters, json_string(names[i]));
			if (att && (!strcmp(att, "present") || !strcmp(att, "proxy")))
				json_array_append_new(present, json_string(names[i]));
		}
		free(names);
	}
	json_object_set_new(data, "voters", voters);
	json_object_set_new(data, "present", present);
	votes = json_object();
	json_object_set_new(data, "votes", votes);
	if ((err = put_votes(votes, council, cid, voters, f->yes, "for", mday)) ||
	    (err = put_votes(votes, council, cid, voters, f->no, "against", mday)) ||
	    (err = put_votes(votes, council, cid, voters, f->abstain, "abstain", mday)))
		goto done;
	if (!json_object_size(votes))
		json_object_del(data, "votes");
	if (f->consensus && json_object_get(data, "votes")) {
		err = zdh_error_set(ZDH_EINVALID, _("a decision by consensus has no votes"));
		goto done;
	}
	parties = json_array();
	json_object_set_new(data, "parties", parties);
	for (size_t i = 0; f->parties && f->parties[i]; i++) {
		char *p;
		if ((err = check_text(N_("party"), f->parties[i], ZDH_COUNCIL_TEXT_MAX, 1)) ||
		    (err = zdh_name_visible(_("party"), f->parties[i])))
			goto done;
		p = party_name(idx, f->parties[i], NULL);
		if (in_array(parties, p)) {
			err = zdh_error_set(ZDH_EINVALID, _("party %s is named twice"), p);
			free(p);
			goto done;
		}
		json_array_append_new(parties, json_string(p));
		free(p);
	}
	if (!json_array_size(parties)) {
		json_object_del(data, "parties");
		if (zdh_charter_needs_consent(charter, type)) {
			err = zdh_error_set(ZDH_EINVALID,
					    _("the charter of %s asks written consent for decisions of type %s: name the parties (--party)"),
					    cid, type);
			goto done;
		}
	}
	if (f->consensus)
		json_object_set_new(data, "consensus", json_true());
	if (f->close || f->consensus)
		json_object_set_new(data, "close", json_true());
	/* the actions: checked before anything is written */
	acts = zdh_calloc(f->nactions + 1, sizeof(*acts));
	for (size_t i = 0; i < f->nactions; i++) {
		json_t *dec = json_object_get(data, "set");
		if ((err = action_set(&acts[i], idx, "?", dec, &f->actions[i])))
			goto done;
	}
	{
		char *what = zdh_asprintf("%s %s", meeting, f->motion);
		err = event(txn, &zdh_kind_decision, NULL, "add", data, NULL, what, date, &did);
		data = NULL;
		free(what);
		if (err)
			goto done;
	}
	/* closed rejected or without quorum: never adopted, its actions never done (action add) */
	if (f->nactions && (f->close || f->consensus)) {
		json_t *dec;
		struct zdh_tally t;
		const char *res;

		if ((err = get_state(&dec, idx, "decision", did)))
			goto done;
		zdh_decision_tally(&t, dec);
		res = zdh_decision_result(&t);
		if (never_adopted(res))
			err = zdh_error_set(ZDH_ESTATE,
					    _("the decision is closed, %s: an action of it could never be done"
					      " (leave out --close or the actions)"),
					    zdh_word_label(ZDH_W_DECISION_STATUS, res));
		json_decref(dec);
		if (err)
			goto done;
	}
	for (size_t i = 0; i < f->nactions && !err; i++) {
		char *what = zdh_asprintf("%s %s", did, f->actions[i].text);
		json_object_set_new(json_object_get(acts[i], "set"), "decision", json_string(did));
		err = event(txn, &zdh_kind_action, NULL, "add", acts[i], NULL, what, date, NULL);
		acts[i] = NULL;
		free(what);
	}
	if (!err && id) {
		*id = did;
		did = NULL;
	}
done:
	for (size_t i = 0; acts && i < f->nactions; i++)
		if (acts[i])
			json_decref(acts[i]);
	free(acts);
	free(did);
	if (data)
		json_decref(data);
	if (council)
		json_decref(council);
	json_decref(mt);
	return err;
}

int zdh_decision_vote(struct zdh_txn *txn, const char *decision, const char *member,
		      const char *vote, const char *message, const struct zdh_time *date)
{
	json_t *state, *data;
	const char *was;
	int err;

	if ((err = get_state(&state, zdh_txn_index(txn), "decision", decision)))
		return err;
	err = zdh_decision_vote_allowed(state, member, vote);
	was = str(json_object_get(state, "votes"), member);
	data = json_pack("{s:s, s:s, s:s}", "member", member, "vote", vote, "was", was ? was : "");
	json_decref(state);
	if (err) {
		json_decref(data);
		return zdh_error_set(err, C_("a message about a record: ID: message", "%s: %s"),
				     decision, zdh_error_msg());
	}
	{
		char *what = zdh_asprintf("%s %s %s", decision, member, vote);
		err = event(txn, &zdh_kind_decision, decision, "vote", data, message, what, date, NULL);
		free(what);
	}
	return err;
}

int zdh_decision_close(struct zdh_txn *txn, const char *decision, const char *message,
		       const struct zdh_time *date)
{
	return event(txn, &zdh_kind_decision, decision, "close", json_object(), message, NULL,
		     date, NULL);
}

int zdh_decision_consent(struct zdh_txn *txn, const char *decision, const char *party,
			 int refused, const char *message, const struct zdh_time *date)
{
	struct zdh_index *idx = zdh_txn_index(txn);
	json_t *state, *data, *p;
	const char *best = NULL;
	size_t best_d = (size_t)-1, i;
	char *name;
	int err;

	if ((err = get_state(&state, idx, "decision", decision)))
		return err;
	name = party_name(idx, party, json_object_get(state, "parties"));
	if (!in_array(json_object_get(state, "parties"), name)) {
		json_array_foreach(json_object_get(state, "parties"), i, p) {
			size_t d = zdh_utf8_distance(name, json_string_value(p));
			if (d < best_d) {
				best_d = d;
				best = json_string_value(p);
			}
		}
		if (best && best_d <= 1 + zdh_utf8_len(name) / 3)
			err = zdh_error_set(ZDH_ENOTFOUND,
					    _("%s does not need the consent of '%s'; did you mean '%s'?"),
					    decision, name, best);
		else
			err = zdh_error_set(ZDH_ENOTFOUND, _("%s does not need the consent of '%s'"),
					    decision, name);
	} else if ((err = zdh_decision_consent_allowed(state, name, refused))) {
		err = zdh_error_set(err, C_("a message about a record: ID: message", "%s: %s"),
				    decision, zdh_error_msg());
	}
	/* the consent as this replica has it: only a refusal can be there now */
	data = json_pack("{s:s, s:s}", "party", name, "was",
			 json_object_get(json_object_get(state, "consents"), name) ? "refused" : "");
	json_decref(state);
	if (err) {
		json_decref(data);
		free(name);
		return err;
	}
	if (refused)
		json_object_set_new(data, "refused", json_true());
	{
		char *what = zdh_asprintf("%s %s%s", decision, name, refused ? " refused" : "");
		err = event(txn, &zdh_kind_decision, decision, "consent", data, message, what, date, NULL);
		free(what);
	}
	free(name);
	return err;
}

int zdh_action_add(struct zdh_txn *txn, const char *decision, const struct zdh_action_fields *f,
		   const struct zdh_time *date, char **id)
{
	json_t *dec, *data;
	char *what;
	int err;

	if ((err = get_state(&dec, zdh_txn_index(txn), "decision", decision)))
		return err;
	/* closed rejected (or without quorum): never adopted, so never done */
	if (json_is_true(json_object_get(dec, "closed"))) {
		struct zdh_tally t;
		const char *res;
		zdh_decision_tally(&t, dec);
		if (never_adopted(res = zdh_decision_result(&t))) {
			err = zdh_error_set(ZDH_ESTATE,
					    _("%s is closed, %s: an action of it could never be done"),
					    decision, zdh_word_label(ZDH_W_DECISION_STATUS, res));
			json_decref(dec);
			return err;
		}
	}
	err = action_set(&data, zdh_txn_index(txn), decision, dec, f);
	json_decref(dec);
	if (err)
		return err;
	what = zdh_asprintf("%s %s", decision, f->text);
	err = event(txn, &zdh_kind_action, NULL, "add", data, NULL, what, date, id);
	free(what);
	return err;
}

int zdh_action_void(struct zdh_txn *txn, const char *action, const char *message,
		    const struct zdh_time *date)
{
	/* (check_action refuses it, as the write runs the replay's rules: no action, no reason, not open) */
	return event(txn, &zdh_kind_action, action, "void", json_object(), message, NULL, date, NULL);
}

int zdh_action_done(struct zdh_txn *txn, const char *action, const char *message,
		    const struct zdh_time *date)
{
	struct zdh_index *idx = zdh_txn_index(txn);
	json_t *act = NULL, *dec = NULL, *is = NULL;
	const char *issue, *result;
	struct zdh_tally t;
	int err;

	if ((err = get_state(&act, idx, "action", action)))
		return err;
	if ((err = zdh_action_still_open(action, str(act, "status"))))
		goto done;
	if ((err = get_state(&dec, idx, "decision", str(act, "decision"))))
		goto done;
	zdh_decision_tally(&t, dec);
	result = zdh_decision_result(&t);
	if (never_adopted(result)) {
		/* (added by an office that had not heard of the close: action_news) */
		err = zdh_error_set(ZDH_ESTATE, _("%s is closed, %s: an action of it could never be done"),
				    str(act, "decision"), zdh_word_label(ZDH_W_DECISION_STATUS, result));
		goto done;
	}
	if (strcmp(result, "adopted")) {
		struct zdh_buf b = ZDH_BUF_INIT;
		zdh_decision_explain(&b, &t, 1);
		err = zdh_error_set(ZDH_ESTATE, _("%s is not adopted yet (%s): %s"), str(act, "decision"),
				    zdh_word_label(ZDH_W_DECISION_STATUS, result), b.ptr);
		zdh_buf_release(&b);
		goto done;
	}
	issue = json_is_true(json_object_get(act, "resolves")) ? str(act, "issue") : NULL;
	if (issue && (err = get_state(&is, idx, "issue", issue)))
		goto done;
	if ((err = event(txn, &zdh_kind_action, action, "done", json_object(), message, NULL, date, NULL)))
		goto done;
	if (is) {
		const char *st = str(is, "status");
		char *why;

		/*
		 * in English whoever writes it, as a commit's subject: the
		 * history reads it back in the reader's words (composed_note()
		 * in cmd/issue.c), which a note stored in Chinese could not be
		 */
		zdh_i18n_english_begin();
		why = zdh_asprintf(_("resolved by %s of decision %s%s%s"), action,
				   str(act, "decision"), message ? ": " : "", message ? message : "");
		zdh_i18n_english_end();
		if (!strcmp(st, "open"))
			err = zdh_issue_claim(txn, issue, str(act, "dept"), "", why, date);
		if (!err && (!strcmp(st, "open") || !strcmp(st, "claimed") || !strcmp(st, "escalated")))
			err = zdh_issue_note(txn, issue, "resolve", why, date);
		free(why);
	}
done:
	if (act)
		json_decref(act);
	if (dec)
		json_decref(dec);
	if (is)
		json_decref(is);
	return err;
}

/* ---- queries ---- */

void zdh_council_name_refs(struct zdh_index *idx, json_t *state)
{
	json_t *mentions = json_object_get(state, "mentions"), *v;
	const char *key;

	zdh_org_name_refs(idx, state);
	json_object_foreach(json_object_get(state, "members"), key, v)
		zdh_org_name_refs(idx, v);
	if (json_is_object(mentions)) {
		json_t *named = json_object();
		json_object_foreach(mentions, key, v)
			json_object_set(named, zdh_org_label(idx, key), v);
		json_object_set_new(state, "mentions", named);
	}
}

static int run(struct zdh_index *idx, sqlite3_stmt *s, zdh_record_fn fn, void *payload)
{
	int rc, err = 0;

	while (!err && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *text = (const char *)sqlite3_column_text(s, 1);
		json_t *state = zdh_json_parse(text, (size_t)sqlite3_column_bytes(s, 1), NULL);
		if (!state) {
			err = zdh_error_set(ZDH_ERROR, _("index: the state of %s is not JSON"),
					    (const char *)sqlite3_column_text(s, 0));
			break;
		}
		zdh_council_name_refs(idx, state);
		err = fn((const char *)sqlite3_column_text(s, 0), state, payload);
		json_decref(state);
	}
	if (!err && rc != SQLITE_DONE)
		err = zdh_error_set(ZDH_ERROR, _("index: %s"), zdh_db_errmsg(sqlite3_db_handle(s)));
	sqlite3_finalize(s);
	return err;
}

struct binds {
	const char *v[16];
	int n;
};

static void cond(struct zdh_buf *sql, struct binds *b, const char *fmt, const char *value)
{
	if (!value)
		return;
	b->v[b->n++] = value;
	zdh_buf_addf(sql, fmt, b->n);
}

/*
 * "SELECT id, " and the state, or only the fields of it asked for
 * (zdh_council_filter.fields): a text field the view has as a column
 * (cols, the kind's fields) from it, any other read from the state.
 */
static void select_state(struct zdh_buf *sql, const char *const *fields,
			 const struct zdh_field *cols)
{
	zdh_buf_puts(sql, "SELECT id, ");
	if (!fields) {
		zdh_buf_puts(sql, "state");
		return;
	}
	zdh_buf_puts(sql, "json_object(");
	for (size_t i = 0; fields[i]; i++) {
		const struct zdh_field *c = cols;

		while (c->name && (strcmp(c->name, fields[i]) || strcmp(c->path, fields[i]) ||
				   strcmp(c->type, "TEXT")))
			c++;
		if (c->name)
			zdh_buf_addf(sql, "%s'%s', %s", i ? ", " : "", fields[i], c->name);
		else
			zdh_buf_addf(sql, "%s'%s', json_extract(state, '$.%s')", i ? ", " : "",
				     fields[i], fields[i]);
	}
	zdh_buf_puts(sql, ")");
}

static int query(struct zdh_index *idx, struct zdh_buf *sql, struct binds *b, zdh_record_fn fn,
		 void *payload)
{
	sqlite3_stmt *s;

	if (zdh_index_prepare(idx, sql->ptr, &s)) {
		zdh_buf_release(sql);
		return zdh_error_set(ZDH_ERROR, _("index: %s"), zdh_db_errmsg(zdh_index_db(idx)));
	}
	zdh_buf_release(sql);
	for (int i = 0; i < b->n; i++)
		sqlite3_bind_text(s, i + 1, b->v[i], -1, SQLITE_STATIC);
	return run(idx, s, fn, payload);
}

int zdh_council_list(struct zdh_index *idx, const char *area, int all, zdh_record_fn fn,
		     void *payload)
{
	struct zdh_buf sql = ZDH_BUF_INIT;
	struct binds b = { { NULL }, 0 };

	zdh_buf_puts(&sql, "SELECT id, state FROM records_council WHERE 1");
	if (!all)
		zdh_buf_puts(&sql, " AND status = 'active'");
	zdh_org_in(&sql, idx, "area", area, "area");
	zdh_buf_puts(&sql, " ORDER BY prefix, n");
	return query(idx, &sql, &b, fn, payload);
}

/*
 * A meeting, decision or action (of table view) is its council's when it
 * has no area or its area is one the council has had (council version
 * 4): its writer names both, and the roles judge the area it names, so
 * one naming another area's council is not counted there (zdh-council(1)).
 * The pairs (council, area) are read once a statement, into SQLite's
 * ephemeral index, not the council's state parsed again for each row
 * (council show of 1,500 decisions: 10.8 ms, 2.5 ms before the rule).
 */
#define OF_ITS_COUNCIL(view) \
	" AND (" view ".area IS NULL OR (" view ".council, " view ".area) IN" \
	" (SELECT oc.id, oa.value FROM records_council oc, json_each(oc.state, '$.areas') oa))"

static void common_conds(struct zdh_index *idx, struct zdh_buf *sql, struct binds *b,
			 const struct zdh_council_filter *f, const char *date_key)
{
	cond(sql, b, " AND council = ?%d", f->council);
	zdh_org_in(sql, idx, "area", f->area, "area");
	cond(sql, b, " AND status = ?%d", f->status);
	cond(sql, b, " AND issue = ?%d", f->issue);
	if (date_key && f->month) {
		b->v[b->n++] = f->month;
		zdh_buf_addf(sql, " AND substr(%s, 1, 7) = ?%d", date_key, b->n);
	}
	if (date_key && f->since) {
		b->v[b->n++] = f->since;
		zdh_buf_addf(sql, " AND %s >= ?%d", date_key, b->n);
	}
	if (date_key && f->until) {
		b->v[b->n++] = f->until;
		zdh_buf_addf(sql, " AND %s <= ?%d", date_key, b->n);
	}
}

int zdh_meeting_list(struct zdh_index *idx, const struct zdh_council_filter *f, zdh_record_fn fn,
		     void *payload)
{
	struct zdh_buf sql = ZDH_BUF_INIT;
	struct binds b = { { NULL }, 0 };
	struct zdh_council_filter g = *f;

	/* a meeting has its issues on its agenda, not in a field */
	g.issue = NULL;
	g.status = NULL;
	select_state(&sql, f->fields, meeting_fields);
	zdh_buf_puts(&sql, " FROM records_meeting WHERE 1");
	common_conds(idx, &sql, &b, &g, "date");
	if (f->council)
		zdh_buf_puts(&sql, OF_ITS_COUNCIL("records_meeting"));
	cond(&sql, &b, " AND EXISTS (SELECT 1 FROM json_each(records_meeting.state, '$.agenda')"
	     " WHERE json_extract(value, '$.issue') = ?%d)", f->issue);
	zdh_buf_puts(&sql, " ORDER BY date, prefix, n");
	return query(idx, &sql, &b, fn, payload);
}

int zdh_decision_list(struct zdh_index *idx, const struct zdh_council_filter *f,
		      zdh_record_fn fn, void *payload)
{
	struct zdh_buf sql = ZDH_BUF_INIT;
	struct binds b = { { NULL }, 0 };

	select_state(&sql, f->fields, decision_fields);
	zdh_buf_puts(&sql, " FROM records_decision WHERE 1");
	common_conds(idx, &sql, &b, f, "date");
	cond(&sql, &b, " AND meeting = ?%d", f->meeting);
	if (f->council || f->meeting)
		zdh_buf_puts(&sql, OF_ITS_COUNCIL("records_decision"));
	zdh_buf_puts(&sql, " ORDER BY date, prefix, n");
	return query(idx, &sql, &b, fn, payload);
}

int zdh_action_list(struct zdh_index *idx, const struct zdh_council_filter *f, zdh_record_fn fn,
		    void *payload)
{
	struct zdh_buf sql = ZDH_BUF_INIT;
	struct binds b = { { NULL }, 0 };

	select_state(&sql, f->fields, action_fields);
	zdh_buf_puts(&sql, " FROM records_action WHERE 1");
	common_conds(idx, &sql, &b, f, NULL);
	zdh_org_in(&sql, idx, "dept", f->dept, "dept");
	cond(&sql, &b, " AND decision = ?%d", f->decision);
	if (f->council || f->decision)
		zdh_buf_puts(&sql, OF_ITS_COUNCIL("records_action"));
	if (f->open || f->overdue_today)
		zdh_buf_puts(&sql, " AND status = 'open'");
	if (f->overdue_today) {
		b.v[b.n++] = f->overdue_today;
		zdh_buf_addf(&sql, " AND (due < ?%d", b.n);
		b.v[b.n++] = f->stale_day ? f->stale_day : "";
		zdh_buf_addf(&sql, " OR (due IS NULL AND substr(json_extract(state, '$.created'), 1, 10) < ?%d))",
			     b.n);
	}
	zdh_buf_puts(&sql, " ORDER BY due IS NULL, due, prefix, n");
	return query(idx, &sql, &b, fn, payload);
}

int zdh_council_mentioning(struct zdh_index *idx, const char *dept, zdh_record_fn fn,
			   void *payload)
{
	struct zdh_buf sql = ZDH_BUF_INIT;
	struct binds b = { { NULL }, 0 };

	zdh_buf_puts(&sql, "SELECT id, state FROM records_council WHERE EXISTS"
		     " (SELECT 1 FROM json_each(records_council.state, '$.mentions') WHERE 1");
	zdh_org_in(&sql, idx, "key", dept, "dept");
	zdh_buf_puts(&sql, ")");
	zdh_buf_puts(&sql, " ORDER BY prefix, n");
	return query(idx, &sql, &b, fn, payload);
}

int zdh_council_owns(struct zdh_index *idx, const char *kind, const char *id)
{
	sqlite3_stmt *s;
	char *sql = zdh_asprintf("SELECT 1 FROM records_%s v WHERE " ZDH_SQL_ID_IS("v.", "?2", "?1")
				 "%s", kind, OF_ITS_COUNCIL("v"));
	int owns = 1;

	if (zdh_index_prepare(idx, sql, &s)) {
		free(sql);
		return 1;
	}
	free(sql);
	sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, kind, -1, SQLITE_STATIC);
	owns = sqlite3_step(s) == SQLITE_ROW;
	sqlite3_finalize(s);
	return owns;
}

int zdh_council_counts(struct zdh_index *idx, const char *council, json_t **out)
{
	static const char *const sql[2] = {
		"SELECT NULL, count(*) FROM records_meeting WHERE council = ?1"
		OF_ITS_COUNCIL("records_meeting"),
		"SELECT status, count(*) FROM records_decision WHERE council = ?1"
		OF_ITS_COUNCIL("records_decision") " GROUP BY status"
	};
	static const char *const keys[2] = { "meetings", "decisions" };
	int rc = SQLITE_DONE;

	*out = json_object();
	for (int i = 0; i < 2; i++) {
		sqlite3_stmt *s;
		json_t *counts = json_object();
		long long total = 0;
		if (zdh_index_prepare(idx, sql[i], &s)) {
			json_decref(counts);
			json_decref(*out);
			*out = NULL;
			return zdh_error_set(ZDH_ERROR, _("index: %s"), zdh_db_errmsg(zdh_index_db(idx)));
		}
		sqlite3_bind_text(s, 1, council, -1, SQLITE_STATIC);
		while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
			const char *st = (const char *)sqlite3_column_text(s, 0);
			long long n = sqlite3_column_int64(s, 1);
			if (i == 1)
				json_object_set_new(counts, st ? st : "?", json_integer(n));
			total += n;
		}
		sqlite3_finalize(s);
		if (i == 1)
			json_object_set_new(*out, "decisions_by_status", counts);
		else
			json_decref(counts);
		json_object_set_new(*out, keys[i], json_integer(total));
	}
	return 0;
}

int zdh_council_open_naming(struct zdh_index *idx, const char *org_id, long long *count)
{
	return zdh_org_count_naming(idx, org_id, "SELECT (SELECT count(*) FROM records_council"
				    "  WHERE status = 'active' AND (area IN ({keys}) OR EXISTS"
				    "   (SELECT 1 FROM json_each(records_council.state, '$.mentions')"
				    "    WHERE key IN ({keys}))))"
				    " + (SELECT count(*) FROM records_action"
				    "  WHERE status = 'open' AND dept IN ({keys}))", count);
}

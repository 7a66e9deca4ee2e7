/*
 * zdh council — councils (理事会): add, list, show, edit, dissolve;
 * members; the charter; deliberation; meetings (attendance, agenda,
 * guests, minutes); decisions (votes, consensus, written consents);
 * actions for departments.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common.h"
#include "conflict.h"
#include "council.h"
#include "index.h"
#include "issue.h"
#include "output.h"
#include "project.h"
#include "rules.h"
#include "store.h"
#include "words.h"

enum {
	O_MESSAGE, O_DATE, O_AREA, O_ALL, O_JSON, O_FORMAT, O_NAME, O_ROLE, O_PARTY, O_ORG,
	O_FROM, O_TO, O_DUTIES, O_QUORUM, O_MAJORITY, O_VOTERS, O_CONSENT, O_WEEKS, O_DECISION,
	O_KIND, O_AGENDA, O_ITEM, O_PRESENT, O_ABSENT, O_EXCUSED, O_PROXY, O_GUEST, O_MINUTES,
	O_ATTACH, O_COUNCIL, O_MONTH, O_SINCE, O_UNTIL, O_ISSUE, O_MOTION, O_TYPE, O_FOR,
	O_AGAINST, O_ABSTAIN, O_CONSENSUS, O_CLOSE, O_ACTION, O_DEPT, O_DUE, O_RESOLVES,
	O_MEMBER, O_VOTE, O_REFUSED, O_MEETING, O_STATUS, O_OPEN, O_OVERDUE, O_OUTPUT, O_MAX
};

/* Options that name several things: repeated, and for names also "a,b,c". */
static int is_list(int o)
{
	return o == O_MAJORITY || o == O_AGENDA || o == O_ITEM || o == O_PRESENT ||
		o == O_ABSENT || o == O_EXCUSED || o == O_PROXY || o == O_GUEST ||
		o == O_ATTACH || o == O_FOR || o == O_AGAINST || o == O_ABSTAIN || o == O_PARTY;
}

static int splits(int o)
{
	return o == O_PRESENT || o == O_ABSENT || o == O_EXCUSED || o == O_FOR || o == O_AGAINST ||
		o == O_ABSTAIN;
}

struct args {
	const char *v[O_MAX];		/* option values; "" for flags given */
	struct { const char **v; size_t n; } l[O_MAX];	/* list options, NULL-terminated */
	struct zdh_action_fields *acts;	/* decide's --action groups */
	size_t nacts;
	char **owned;			/* split names */
	size_t nowned;
	int argc;
	char **argv;
	const char *verb;		/* "meeting add" */
	struct listing out;		/* a list's --json, --format csv, --excel */
	struct write_opts w;		/* --date, --attach */
	char since[11], until[11];	/* --since, --until as days */
};

static void args_free(struct args *a)
{
	for (int o = 0; o < O_MAX; o++)
		free(a->l[o].v);
	for (size_t i = 0; i < a->nowned; i++)
		free(a->owned[i]);
	free(a->owned);
	free(a->acts);
	free(a->w.attach.v);
}

static void push(struct args *a, int o, const char *s)
{
	a->l[o].v = zdh_realloc(a->l[o].v, (a->l[o].n + 2) * sizeof(char *));
	a->l[o].v[a->l[o].n++] = s;
	a->l[o].v[a->l[o].n] = NULL;
}

/* "a,b，c、d" → a, b, c, d (zdh_list_next()) */
static void push_split(struct args *a, int o, const char *s)
{
	const char *p = s, *item;
	size_t n;

	while (zdh_list_next(&p, &item, &n)) {
		char *w = zdh_strndup(item, n);
		a->owned = zdh_realloc(a->owned, (a->nowned + 1) * sizeof(char *));
		a->owned[a->nowned++] = w;
		push(a, o, w);
	}
}

/* What the option tables below fill in, for the verb to take (take()). */
static struct args parsed;

/*
 * Every option of council but -m, -o, --date, --attach and --format: the
 * slot of parsed.v it points at says which (lists and names split as
 * is_list() and splits() say; --dept, --due, --resolves after an --action
 * are that action's).
 */
static int council_opt(struct opt_ctx *ctx, const struct opt *opt, const char *arg)
{
	int o = (int)((const char **)opt->value - parsed.v);
	struct args *a = &parsed;

	if (arg && check_text(ctx->given, arg))
		return ZDH_EXIT_REFUSED;
	if (o == O_ACTION) {
		a->acts = zdh_realloc(a->acts, (a->nacts + 1) * sizeof(*a->acts));
		memset(&a->acts[a->nacts], 0, sizeof(*a->acts));
		a->acts[a->nacts++].text = arg;
		return 0;
	}
	if (a->nacts && (o == O_DEPT || o == O_DUE || o == O_RESOLVES)) {
		struct zdh_action_fields *x = &a->acts[a->nacts - 1];
		if (o == O_DEPT)
			x->dept = arg;
		else if (o == O_DUE)
			x->due = arg;
		else
			x->resolves = 1;
		return 0;
	}
	/* decide's parties too (13 households: 租户1、租户2、…), not consent's one party */
	if (splits(o) || (o == O_PARTY && !strcmp(ctx->verb->name, "decide")))
		push_split(a, o, arg);
	else if (is_list(o))
		push(a, o, arg);
	a->v[o] = arg ? arg : "";
	return 0;
}

#define CO(l, o, argh, help) OPT_CALLBACK(0, (l), &parsed.v[o], (argh), (help), council_opt)
#define CO_F(l, o, argh, help, f) OPT_CALLBACK_F(0, (l), &parsed.v[o], (argh), (help), (f), council_opt)
#define CO_MANY(l, o, argh, help) CO_F((l), (o), (argh), (help), OPT_MANY)
#define CO_FLAG(l, o, help) CO_F((l), (o), NULL, (help), OPT_NOARG)
#define CO_STRING(l, o, argh, help) OPT_STRING(0, (l), &parsed.v[o], (argh), (help))
#define CO_STRING_F(l, o, argh, help, f) OPT_STRING_F(0, (l), &parsed.v[o], (argh), (help), (f))
/* an option that takes one of words: -h names them, in help's %s */
#define CO_WORDS_F(l, o, argh, help, words, f) \
	OPT_WORDS_F(0, (l), &parsed.v[o], (argh), (help), (words), (f))
#define CO_REQUIRED(l, o, argh, help) \
	OPT_STRING_F(0, (l), &parsed.v[o], (argh), (help), OPT_REQUIRED | OPT_NONEMPTY)
#define CO_DATE OPT_DATE(&parsed.w.date)
#define CO_ATTACH_F(f) OPT_ATTACH_F(&parsed.w.attach, (f))
#define CO_ATTACH CO_ATTACH_F(0)
#define CO_TEXT(argh, help) OPT_MESSAGE(&parsed.v[O_MESSAGE], (argh), (help))
#define CO_LIST_OUTPUT OPT_LIST_OUTPUT(&parsed.out)
#define CO_CONFLICTS OPT_CONFLICTS(&parsed.out)
#define CO_JSON CO_FLAG("json", O_JSON, N_("print JSON (its shape is in the man page)"))
/* f: 0, or OPT_FIELD in an edit's table */
#define CO_AREA_F(f) CO_STRING_F("area", O_AREA, "A", N_("the area (居民区)"), (f))
#define CO_AREA CO_AREA_F(0)
#define CO_FROM_F(f) CO_STRING_F("from", O_FROM, "DAY", N_("from this day"), (f))
#define CO_FROM CO_FROM_F(0)
#define CO_COUNCIL CO_STRING("council", O_COUNCIL, "C", N_("of this council (name or id)"))
#define CO_PERIOD \
	CO_STRING("month", O_MONTH, "YYYY-MM", N_("in this month")), \
	CO_STRING("since", O_SINCE, "DAY", N_("on or after this day")), \
	CO_STRING("until", O_UNTIL, "DAY", N_("on or before this day"))

static const struct opt add_opts[] = {
	OPT_ARGS("NAME"),
	CO_AREA,
	CO_DATE,
	OPT_END()
};

static const struct opt list_opts[] = {
	CO_AREA,
	CO_FLAG("all", O_ALL, N_("dissolved councils too")),
	CO_CONFLICTS,
	CO_LIST_OUTPUT,
	OPT_END()
};

static const struct opt show_opts[] = {
	OPT_ARGS("COUNCIL"),
	OPT_STRING(0, "date", &parsed.w.date, "DATE", N_("as on this day (default: today)")),
	CO_JSON,
	OPT_END()
};

static const struct opt edit_opts[] = {
	OPT_ARGS("COUNCIL"),
	CO_STRING_F("name", O_NAME, "NAME", N_("a new name"), OPT_FIELD),
	CO_AREA_F(OPT_FIELD),
	CO_TEXT("TEXT", N_("why")),
	CO_DATE,
	OPT_END()
};

static const struct opt dissolve_opts[] = {
	OPT_ARGS("COUNCIL"),
	OPT_MESSAGE_REQ(&parsed.v[O_MESSAGE], "REASON", N_("why")),
	CO_DATE,
	OPT_END()
};

#define CO_MEMBER(f) \
	CO_WORDS_F("party", O_PARTY, "P", N_("the party the member speaks for: %s"), \
		   zdh_council_parties, (f)), \
	CO_STRING_F("org", O_ORG, "ORG", N_("the member's unit"), (f)), \
	CO_FROM_F(f), \
	CO_STRING_F("to", O_TO, "DAY", N_("the last day of the term (\"\" for none)"), (f))

static const struct opt member_add_opts[] = {
	OPT_ARGS("COUNCIL NAME"),
	CO_WORDS_F("role", O_ROLE, "ROLE", N_("the member's role: %s"), zdh_council_roles,
		   OPT_REQUIRED | OPT_NONEMPTY),
	CO_MEMBER(0),
	CO_DATE,
	OPT_END()
};

static const struct opt member_edit_opts[] = {
	OPT_ARGS("COUNCIL NAME"),
	CO_WORDS_F("role", O_ROLE, "ROLE", N_("the member's role: %s"), zdh_council_roles, OPT_FIELD),
	CO_MEMBER(OPT_FIELD),
	CO_TEXT("TEXT", N_("why")),
	CO_DATE,
	OPT_END()
};

static const struct opt member_remove_opts[] = {
	OPT_ARGS("COUNCIL NAME"),
	CO_TEXT("TEXT", N_("why")),
	CO_DATE,
	OPT_END()
};

static const struct opt charter_opts[] = {
	OPT_ARGS("COUNCIL"),
	/* its rules are the fields: --from or --decision alone would write the one in force again */
	CO_STRING_F("duties", O_DUTIES, "TEXT", N_("the council's duties"), OPT_FIELD),
	CO_STRING_F("quorum", O_QUORUM, "Q", N_("the quorum (a fraction of the voting members)"), OPT_FIELD),
	CO_F("majority", O_MAJORITY, "TYPE=RULE", N_("the majority a type of decision needs"),
	     OPT_MANY | OPT_FIELD),
	CO_WORDS_F("voters", O_VOTERS, "ROLES", N_("the roles that vote (one or more): %s"),
		   zdh_council_roles, OPT_FIELD),
	CO_STRING_F("consent", O_CONSENT, "TYPES", N_("the types that need written consent"), OPT_FIELD),
	CO_STRING_F("meeting-weeks", O_WEEKS, "N", N_("a meeting every N weeks"), OPT_FIELD),
	CO_FROM,
	CO_STRING("decision", O_DECISION, "ID", N_("the decision that adopted it")),
	CO_TEXT("TEXT", N_("a note")),
	CO_DATE,
	OPT_END()
};

static const struct opt discuss_opts[] = {
	OPT_ARGS("COUNCIL"),
	OPT_MESSAGE_REQ(&parsed.v[O_MESSAGE], "TEXT", N_("what is said")),
	CO_DATE,
	OPT_END()
};

#define CO_MEETING(f) \
	CO_WORDS_F("kind", O_KIND, "K", N_("the kind of meeting: %s"), zdh_meeting_kinds, (f)), \
	CO_F("agenda", O_AGENDA, "ISSUE", N_("an issue on the agenda"), OPT_MANY | (f)), \
	CO_F("item", O_ITEM, "TEXT", N_("an item on the agenda"), OPT_MANY | (f)), \
	CO_F("present", O_PRESENT, "NAMES", N_("members present (a,b)"), (f)), \
	CO_F("absent", O_ABSENT, "NAMES", N_("members absent"), (f)), \
	CO_F("excused", O_EXCUSED, "NAMES", N_("members excused"), (f)), \
	CO_F("proxy", O_PROXY, "MEMBER=BY", N_("a member represented by another"), OPT_MANY | (f)), \
	CO_F("guest", O_GUEST, "NAME", N_("a guest"), OPT_MANY | (f)), \
	CO_STRING_F("minutes", O_MINUTES, "TEXT", N_("the minutes"), (f)), \
	CO_ATTACH_F(f)

static const struct opt meeting_add_opts[] = {
	OPT_ARGS("COUNCIL"),
	CO_MEETING(0),
	CO_DATE,
	OPT_END()
};

static const struct opt meeting_update_opts[] = {
	OPT_ARGS("MEETING"),
	CO_MEETING(OPT_FIELD),
	CO_TEXT("TEXT", N_("why")),
	CO_DATE,
	OPT_END()
};

static const struct opt meeting_list_opts[] = {
	CO_COUNCIL,
	CO_AREA,
	CO_PERIOD,
	CO_STRING("issue", O_ISSUE, "ID", N_("with this issue on the agenda")),
	CO_CONFLICTS,
	CO_LIST_OUTPUT,
	OPT_END()
};

static const struct opt decision_show_opts[] = {
	OPT_ARGS("DECISION"),
	CO_JSON,
	OPT_END()
};

static const struct opt meeting_show_opts[] = {
	OPT_ARGS("MEETING"),
	CO_JSON,
	OPT_END()
};

static const struct opt action_show_opts[] = {
	OPT_ARGS("ACTION"),
	CO_JSON,
	OPT_END()
};

static const struct opt decide_opts[] = {
	OPT_ARGS("MEETING"),
	CO_REQUIRED("motion", O_MOTION, "TEXT", N_("the motion")),
	CO_STRING("type", O_TYPE, "T", N_("the type of decision")),
	CO_STRING("issue", O_ISSUE, "ID", N_("the issue it decides")),
	CO("for", O_FOR, "NAMES", N_("members who vote for")),
	CO("against", O_AGAINST, "NAMES", N_("members who vote against")),
	CO("abstain", O_ABSTAIN, "NAMES", N_("members who abstain")),
	CO_FLAG("consensus", O_CONSENSUS, N_("decided by consensus")),
	CO_FLAG("close", O_CLOSE, N_("close the vote now")),
	CO_MANY("party", O_PARTY, "P", N_("parties whose written consent it needs (a list: 101室、102室)")),
	OPT_TEXT("[--action TEXT --dept D [--due DAY] [--resolves]]..."),
	CO_F("action", O_ACTION, "TEXT", N_("an action for a department"), OPT_NOUSAGE),
	CO_F("dept", O_DEPT, "D", N_("the department of the action before"), OPT_NOUSAGE),
	CO_F("due", O_DUE, "DAY", N_("when the action before is due"), OPT_NOUSAGE),
	CO_F("resolves", O_RESOLVES, NULL, N_("the action before resolves the issue"),
	     OPT_NOUSAGE | OPT_NOARG),
	CO_DATE,
	OPT_END()
};

static const struct opt vote_opts[] = {
	OPT_ARGS("DECISION"),
	CO_REQUIRED("member", O_MEMBER, "NAME", N_("the member who votes")),
	CO_WORDS_F("vote", O_VOTE, "for|against|abstain", N_("the vote: %s"), zdh_votes,
		   OPT_REQUIRED | OPT_NONEMPTY),
	CO_TEXT("TEXT", N_("a note")),
	CO_DATE,
	OPT_END()
};

static const struct opt close_opts[] = {
	OPT_ARGS("DECISION"),
	CO_TEXT("TEXT", N_("a note")),
	CO_DATE,
	OPT_END()
};

static const struct opt consent_opts[] = {
	OPT_ARGS("DECISION"),
	CO_F("party", O_PARTY, "P", N_("the party that consents"), OPT_REQUIRED),
	CO_FLAG("refused", O_REFUSED, N_("the party refuses")),
	CO_ATTACH,
	CO_TEXT("TEXT", N_("a note")),
	CO_DATE,
	OPT_END()
};

static const struct opt decision_list_opts[] = {
	CO_COUNCIL,
	CO_STRING("meeting", O_MEETING, "M", N_("of this meeting")),
	OPT_WORDS_F(0, "status", &parsed.v[O_STATUS], "S", NULL, zdh_decision_states, 0),
	CO_PERIOD,
	CO_CONFLICTS,
	CO_LIST_OUTPUT,
	OPT_END()
};

static const struct opt consents_opts[] = {
	CO_COUNCIL,
	CO_LIST_OUTPUT,
	OPT_END()
};

static const struct opt action_add_opts[] = {
	OPT_ARGS("DECISION"),
	CO_F("action", O_ACTION, "TEXT", N_("what the department is to do"), OPT_REQUIRED),
	CO_F("dept", O_DEPT, "D", N_("the department"), OPT_REQUIRED),
	CO("due", O_DUE, "DAY", N_("when it is due")),
	CO_STRING("issue", O_ISSUE, "ID", N_("the issue it is for")),
	CO_FLAG("resolves", O_RESOLVES, N_("doing it resolves the issue")),
	CO_DATE,
	OPT_END()
};

static const struct opt action_done_opts[] = {
	OPT_ARGS("ACTION"),
	CO_TEXT("TEXT", N_("what was done")),
	CO_ATTACH,
	CO_DATE,
	OPT_END()
};

static const struct opt action_void_opts[] = {
	OPT_ARGS("ACTION"),
	OPT_MESSAGE_REQ(&parsed.v[O_MESSAGE], "REASON", N_("why it will not be done")),
	CO_DATE,
	OPT_END()
};

static const struct opt action_list_opts[] = {
	CO_COUNCIL,
	CO_STRING("dept", O_DEPT, "D", N_("of this department")),
	CO_STRING("decision", O_DECISION, "D", N_("of this decision")),
	CO_FLAG("open", O_OPEN, N_("only those open (neither done nor void)")),
	CO_FLAG("overdue", O_OVERDUE, N_("only those past due")),
	CO_CONFLICTS,
	CO_LIST_OUTPUT,
	OPT_END()
};

static const struct opt attachment_opts[] = {
	OPT_ARGS("ID NAME"),
	OPT_STRING_F('o', "output", &parsed.v[O_OUTPUT], "FILE", N_("write it to FILE"), OPT_SHORT),
	OPT_END()
};

/*
 * The verb's options (parsed by the tables above) and its arguments into
 * a; the message checked as council texts are.  0 or an exit code.
 */
static int take(struct args *a, int argc, char **argv, const char *verb)
{
	*a = parsed;
	memset(&parsed, 0, sizeof(parsed));
	a->argc = argc;
	a->argv = argv;
	a->verb = verb;
	a->w.print_id = 1;
	if (a->v[O_MESSAGE] &&
	    zdh_issue_check_text(_("message"), a->v[O_MESSAGE], ZDH_COUNCIL_BODY_MAX, 0))
		return report(zdh_error_code());
	return 0;
}


/* A day given as an option: "YYYY-MM-DD" (or any date, its day). */
static int day_opt(char out[11], const char *text, const struct zdh_repo *repo, const char *what)
{
	struct zdh_time t;
	int err;

	if ((err = zdh_date_zone_valid(repo->timezone)))
		return err;	/* (the repository's, not the option's) */
	if (strlen(text) == 10 && !zdh_council_check_day(what, text)) {
		memcpy(out, text, 11);
		return 0;
	}
	/* refused in the parser's words, which list the forms a day takes (as every date option's) */
	if (zdh_date_parse(&t, text, repo->timezone))
		return zdh_error_about(what, ZDH_EINVALID);
	zdh_issue_day(out, &t);
	return 0;
}

/* ---- writes ---- */

/* A day option of a write, when given (text not NULL): the day into out, *day pointed at it. */
static int write_day(const char **day, char out[11], const char *text, struct zdh_txn *txn,
		     const char *what)
{
	int err;

	if (!text)
		return 0;
	if (!(err = day_opt(out, text, zdh_index_repo(zdh_txn_index(txn)), what)))
		*day = out;
	return err;
}

typedef int (*write_fn)(struct zdh_txn *txn, struct args *a, const struct zdh_time *date,
			char **id);

struct council_write {
	struct args *a;
	write_fn fn;
	int council_arg;
};

/* Inside write_run's transaction: the council named by the first argument when asked, then fn. */
static int council_write_cb(struct zdh_txn *txn, const struct zdh_time *date, void *payload,
			    char **id)
{
	struct council_write *w = payload;
	char *cid = NULL;
	int err;

	if (w->council_arg) {
		if ((err = zdh_council_resolve(&cid, zdh_txn_index(txn), w->a->argv[0])))
			return err;
		w->a->argv[0] = cid;
	}
	err = w->fn(txn, w->a, date, id);
	free(cid);
	return err;
}

/*
 * A write verb: its options and arguments taken, check (NULL: none)
 * refuses what the option tables cannot, then the write path
 * (write_run): lock, resolve the council named by the first argument when
 * council_arg (by name or id, with "did you mean"), attach, the events of
 * fn, commit; prints the new id when there is one.
 */
static int write_verb(int argc, char **argv, const char *verb, write_fn fn, int council_arg,
		      int (*check)(struct args *a))
{
	struct args a;
	struct council_write w = { &a, fn, council_arg };
	int code;

	if (!(code = take(&a, argc, argv, verb)) && !(check && (code = check(&a))))
		code = write_run(&a.w, council_write_cb, &w);
	args_free(&a);
	return code;
}

static int do_add(struct zdh_txn *txn, struct args *a, const struct zdh_time *date, char **id)
{
	return zdh_council_add(txn, a->argv[0], a->v[O_AREA], date, id);
}

static int council_add(int argc, char **argv)
{
	return write_verb(argc, argv, "add", do_add, 0, NULL);
}

static int do_edit(struct zdh_txn *txn, struct args *a, const struct zdh_time *date, char **id)
{
	(void)id;
	return zdh_council_edit(txn, a->argv[0], a->v[O_NAME], a->v[O_AREA], a->v[O_MESSAGE], date);
}

static int council_edit(int argc, char **argv)
{
	return write_verb(argc, argv, "edit", do_edit, 1, NULL);
}

static int do_dissolve(struct zdh_txn *txn, struct args *a, const struct zdh_time *date, char **id)
{
	(void)id;
	return zdh_council_dissolve(txn, a->argv[0], a->v[O_MESSAGE], date);
}

static int council_dissolve(int argc, char **argv)
{
	return write_verb(argc, argv, "dissolve", do_dissolve, 1, NULL);
}

static const char *member_op;

static int do_member(struct zdh_txn *txn, struct args *a, const struct zdh_time *date, char **id)
{
	struct zdh_member_fields f = {
		a->v[O_ROLE], a->v[O_PARTY], a->v[O_ORG], NULL, NULL
	};
	char from[11], to[11];
	int err;

	(void)id;
	if ((err = write_day(&f.from, from, a->v[O_FROM], txn, "--from")))
		return err;
	if (!a->v[O_FROM] && !strcmp(member_op, "member-add")) {
		zdh_issue_day(from, date);
		f.from = from;
	}
	if (a->v[O_TO]) {
		if (*a->v[O_TO] && (err = day_opt(to, a->v[O_TO], zdh_index_repo(zdh_txn_index(txn)), "--to")))
			return err;
		f.to = *a->v[O_TO] ? to : "";
	}
	return zdh_council_member(txn, a->argv[0], member_op, a->argv[1], &f, a->v[O_MESSAGE], date);
}

static int member_verb(int argc, char **argv, const char *op)
{
	member_op = op;
	return write_verb(argc, argv, op, do_member, 1, NULL);
}

static int member_add(int argc, char **argv)
{
	return member_verb(argc, argv, "member-add");
}

static int member_edit(int argc, char **argv)
{
	return member_verb(argc, argv, "member-edit");
}

static int member_remove(int argc, char **argv)
{
	return member_verb(argc, argv, "member-remove");
}

static int do_charter(struct zdh_txn *txn, struct args *a, const struct zdh_time *date, char **id)
{
	struct zdh_charter_fields f = {
		a->v[O_DUTIES], a->v[O_QUORUM], NULL, a->v[O_DECISION] ? upcase_id((char *)a->v[O_DECISION]) : NULL,
		a->v[O_VOTERS], a->v[O_CONSENT], a->l[O_MAJORITY].v, -1
	};
	char from[11];
	int err;

	(void)id;
	if ((err = write_day(&f.from, from, a->v[O_FROM], txn, "--from")))
		return err;
	if (a->v[O_WEEKS]) {
		char *end;
		long n = strtol(a->v[O_WEEKS], &end, 10);
		if (!*a->v[O_WEEKS] || *end || n < 1 || n > 52)
			return zdh_error_set(ZDH_EINVALID, _("--meeting-weeks is 1 to 52, not '%s'"),
					     a->v[O_WEEKS]);
		f.meeting_weeks = (int)n;
	}
	return zdh_council_charter(txn, a->argv[0], &f, a->v[O_MESSAGE], date);
}

static int council_charter(int argc, char **argv)
{
	return write_verb(argc, argv, "charter", do_charter, 1, NULL);
}

static int do_discuss(struct zdh_txn *txn, struct args *a, const struct zdh_time *date, char **id)
{
	(void)id;
	return zdh_council_discuss(txn, a->argv[0], a->v[O_MESSAGE], date);
}

static int council_discuss(int argc, char **argv)
{
	return write_verb(argc, argv, "discuss", do_discuss, 1, NULL);
}

static void meeting_fields(struct zdh_meeting_fields *f, struct args *a)
{
	for (size_t i = 0; i < a->l[O_AGENDA].n; i++)
		upcase_id((char *)a->l[O_AGENDA].v[i]);
	f->kind = a->v[O_KIND];
	f->minutes = a->v[O_MINUTES];
	f->agenda = a->l[O_AGENDA].v;
	f->items = a->l[O_ITEM].v;
	f->present = a->l[O_PRESENT].v;
	f->absent = a->l[O_ABSENT].v;
	f->excused = a->l[O_EXCUSED].v;
	f->proxy = a->l[O_PROXY].v;
	f->guests = a->l[O_GUEST].v;
}

static int do_meeting_add(struct zdh_txn *txn, struct args *a, const struct zdh_time *date,
			  char **id)
{
	struct zdh_meeting_fields f;

	meeting_fields(&f, a);
	return zdh_meeting_add(txn, a->argv[0], &f, date, id);
}

static int do_meeting_update(struct zdh_txn *txn, struct args *a, const struct zdh_time *date,
			     char **id)
{
	struct zdh_meeting_fields f;

	(void)id;
	meeting_fields(&f, a);
	return zdh_meeting_update(txn, upcase_id(a->argv[0]), &f, a->v[O_MESSAGE], date);
}

static int meeting_add(int argc, char **argv)
{
	return write_verb(argc, argv, "meeting add", do_meeting_add, 1, NULL);
}

static int meeting_update(int argc, char **argv)
{
	return write_verb(argc, argv, "meeting update", do_meeting_update, 0, NULL);
}

static int do_decide(struct zdh_txn *txn, struct args *a, const struct zdh_time *date, char **id)
{
	struct zdh_decision_fields f;
	char (*due)[11] = zdh_calloc(a->nacts + 1, sizeof(*due));
	int err = 0;

	memset(&f, 0, sizeof(f));
	f.motion = a->v[O_MOTION];
	f.type = a->v[O_TYPE];
	f.issue = a->v[O_ISSUE] ? upcase_id((char *)a->v[O_ISSUE]) : NULL;
	f.yes = a->l[O_FOR].v;
	f.no = a->l[O_AGAINST].v;
	f.abstain = a->l[O_ABSTAIN].v;
	f.parties = a->l[O_PARTY].v;
	f.consensus = a->v[O_CONSENSUS] != NULL;
	f.close = a->v[O_CLOSE] != NULL;
	for (size_t i = 0; i < a->nacts && !err; i++) {
		err = write_day(&a->acts[i].due, due[i], a->acts[i].due, txn, "--due");
		a->acts[i].issue = a->acts[i].resolves ? f.issue : NULL;
		if (a->acts[i].resolves && !f.issue)
			err = zdh_error_set(ZDH_EINVALID, _("--resolves needs the decision's --issue"));
	}
	f.actions = a->acts;
	f.nactions = a->nacts;
	if (!err)
		err = zdh_decision_add(txn, upcase_id(a->argv[0]), &f, date, id);
	free(due);
	return err;
}

static int check_decide(struct args *a)
{
	if (a->v[O_DEPT] || a->v[O_DUE] || a->v[O_RESOLVES])
		return opt_usage_error(_("--dept, --due and --resolves follow an --action"));
	for (size_t i = 0; i < a->nacts; i++)
		if (!a->acts[i].dept)
			return opt_usage_error(_("--action '%s' needs --dept"), a->acts[i].text);
	return 0;
}

static int council_decide(int argc, char **argv)
{
	return write_verb(argc, argv, "decide", do_decide, 0, check_decide);
}

static int do_vote(struct zdh_txn *txn, struct args *a, const struct zdh_time *date, char **id)
{
	(void)id;
	return zdh_decision_vote(txn, upcase_id(a->argv[0]), a->v[O_MEMBER], a->v[O_VOTE],
				 a->v[O_MESSAGE], date);
}

static int council_vote(int argc, char **argv)
{
	return write_verb(argc, argv, "vote", do_vote, 0, NULL);
}

static int do_close(struct zdh_txn *txn, struct args *a, const struct zdh_time *date, char **id)
{
	(void)id;
	return zdh_decision_close(txn, upcase_id(a->argv[0]), a->v[O_MESSAGE], date);
}

static int council_close(int argc, char **argv)
{
	return write_verb(argc, argv, "close", do_close, 0, NULL);
}

static int do_consent(struct zdh_txn *txn, struct args *a, const struct zdh_time *date, char **id)
{
	(void)id;
	return zdh_decision_consent(txn, upcase_id(a->argv[0]), a->v[O_PARTY], a->v[O_REFUSED] != NULL,
				    a->v[O_MESSAGE], date);
}

static int check_consent(struct args *a)
{
	return a->l[O_PARTY].n > 1 ? opt_usage_error(_("one --party at a time")) : 0;
}

static int council_consent(int argc, char **argv)
{
	return write_verb(argc, argv, "consent", do_consent, 0, check_consent);
}

static int do_action_add(struct zdh_txn *txn, struct args *a, const struct zdh_time *date,
			 char **id)
{
	struct zdh_action_fields f = { a->acts[0].text, a->acts[0].dept, NULL, NULL, a->acts[0].resolves };
	char due[11];
	int err;

	if ((err = write_day(&f.due, due, a->acts[0].due, txn, "--due")))
		return err;
	f.issue = a->v[O_ISSUE] ? upcase_id((char *)a->v[O_ISSUE]) : NULL;
	return zdh_action_add(txn, upcase_id(a->argv[0]), &f, date, id);
}

static int check_action_add(struct args *a)
{
	if (a->nacts != 1 || a->v[O_DEPT] || a->v[O_DUE] || a->v[O_RESOLVES])
		return opt_usage_error(a->nacts > 1 ? _("one --action at a time") :
				       _("'zdh council action add' needs --action TEXT first"));
	if (!a->acts[0].dept)
		return opt_usage_error(_("'zdh council action add' needs --dept"));
	return 0;
}

static int action_add(int argc, char **argv)
{
	return write_verb(argc, argv, "action add", do_action_add, 0, check_action_add);
}

static int do_action_done(struct zdh_txn *txn, struct args *a, const struct zdh_time *date,
			  char **id)
{
	(void)id;
	return zdh_action_done(txn, upcase_id(a->argv[0]), a->v[O_MESSAGE], date);
}

static int action_done(int argc, char **argv)
{
	return write_verb(argc, argv, "action done", do_action_done, 0, NULL);
}

static int do_action_void(struct zdh_txn *txn, struct args *a, const struct zdh_time *date,
			  char **id)
{
	(void)id;
	return zdh_action_void(txn, upcase_id(a->argv[0]), a->v[O_MESSAGE], date);
}

static int action_void(int argc, char **argv)
{
	return write_verb(argc, argv, "action void", do_action_void, 0, NULL);
}

/* ---- reads ---- */

static char *count_text(long long n)
{
	return zdh_asprintf("%lld", n);
}

static char *dup_or_null(const char *s)
{
	return s ? zdh_strdup(s) : NULL;
}

/*
 * A list of records of kind (a listing: the table, its CSV or JSON
 * states); cells come from each state, ncsv of them for CSV: a column's
 * key names the state's field it shows ("id": the record's id), and
 * cells (NULL: none) fills in the columns without a key, which it counts
 * or joins.
 */
struct rows {
	struct listing *l;
	const char *kind;
	const char *const *head;	/* the table's columns (N_()) */
	const char *const *csv_head;
	const char *const *keys;	/* the table's cells */
	const char *const *csv_keys;
	void (*cells)(const json_t *state, int csv, char **out);
	size_t ncols, ncsv;
	/*
	 * the domain of each table cell whose words it labels (0: none); not
	 * CSV's; ncols of them (sized by keys where they are declared)
	 */
	const enum zdh_word_domain *words;
	/* the states' keys the table (not CSV, not JSON) reads, NULL-ended; NULL: whole states */
	const char *const *table_fields;
};

static int rows_add(const char *id, const json_t *state, void *payload)
{
	struct rows *r = payload;
	size_t n = r->l->csv ? r->ncsv : r->ncols;
	const char *const *keys;
	char **cells;

	if (r->l->json) {
		json_t *j = json_deep_copy(state);
		json_object_set_new(j, "id", json_string(id));
		listing_add(r->l, NULL, j);
		return 0;
	}
	keys = r->l->csv ? r->csv_keys : r->keys;
	cells = zdh_calloc(n, sizeof(char *));
	for (size_t i = 0; i < n; i++)
		if (keys[i])
			cells[i] = !strcmp(keys[i], "id") ? zdh_strdup(id) :
				dup_or_null(!r->l->csv && r->words && r->words[i] ?
					    zdh_word_label(r->words[i], s_of(state, keys[i])) :
					    s_of(state, keys[i]));
	if (r->cells)
		r->cells(state, r->l->csv, cells);
	listing_add(r->l, (const char *const *)cells, NULL);
	for (size_t i = 0; i < n; i++)
		free(cells[i]);
	free(cells);
	return 0;
}

/* Start the list, its records' conflicts marked: 0 or an exit code. */
static int rows_start(struct rows *r, struct zdh_index *idx)
{
	int code;

	if ((code = listing_conflicts(r->l, idx, r->kind)))
		return code;
	listing_start_csv(r->l, r->ncols, r->head, r->ncsv, r->csv_head);
	return 0;
}

static long long count_status(const json_t *obj, const char *status)
{
	const char *k;
	json_t *v;
	long long n = 0;

	json_object_foreach((json_t *)obj, k, v)
		if (!status || !strcmp(json_string_value(v) ? json_string_value(v) : s_of(v, "status"), status))
			n++;
	return n;
}

/* councils */

static void council_cells(const json_t *s, int csv, char **out)
{
	const char *k;
	json_t *m;
	long long n = 0;

	json_object_foreach(json_object_get(s, "members"), k, m)
		if (!json_is_true(json_object_get(m, "removed")))
			n++;
	out[3] = count_text(n);
	if (csv)
		out[5] = count_text((long long)json_array_size(json_object_get(s, "charters")));
}

static int council_list(int argc, char **argv)
{
	static const char *const head[] = { "ID", N_("NAME"), N_("AREA"), N_("MEMBERS"), N_("STATUS") };
	static const char *const csv_head[] = {
		"id", "name", "area", "members", "status", "charter_version", "created"
	};
	static const char *const keys[] = { "id", "name", "area", NULL, "status" };
	static const char *const csv_keys[] = { "id", "name", "area", NULL, "status", NULL, "created" };
	/* (a domain a cell: as long as keys, the rest none) */
	static const enum zdh_word_domain words[sizeof(keys) / sizeof(*keys)] = {
		0, 0, 0, 0, ZDH_W_COUNCIL_STATUS
	};
	struct rows r = { NULL, "council", head, csv_head, keys, csv_keys, council_cells, 5, 7, words };
	struct zdh_repo *repo = NULL;
	struct zdh_index *idx;
	char *area = NULL;
	struct args a;
	int code;

	if ((code = take(&a, argc, argv, "list")) ||
	    (code = open_index(&repo, &idx)))
		goto done;
	r.l = &a.out;
	if ((code = org_arg(&area, idx, a.v[O_AREA], "area")))
		goto done;
	if ((code = rows_start(&r, idx)))
		goto done;
	if ((code = report(zdh_council_list(idx, area, a.v[O_ALL] != NULL, rows_add, &r))))
		goto done;
	code = listing_finish(&a.out, 1);
done:
	free(area);
	listing_free(&a.out);
	zdh_repo_free(repo);
	args_free(&a);
	return code;
}

/*
 * A record's history, loaded once: its open conflicts among its show's
 * fields, as every other show has them (not after the charter's or the
 * minutes' block), and its events for print_loaded_history() at the end.
 */
static int show_history_conflicts(struct show_lines *s, struct history *h, struct zdh_index *idx,
				  const char *kind, const char *id)
{
	int err = history_load(h, idx, kind, id, 0);

	if (!err)
		show_conflicts(s, h->conflicts);
	return report(err);
}

/* history, as issue show prints it, from show_history_conflicts() */
static void print_loaded_history(const struct history *h)
{
	printf("\n%s\n", _("history:"));
	zdh_table_print(h->t, stdout, 1);
}

/* A show's --json: state with its conflicts and history, indented, keys sorted. */
static int print_state_json(struct zdh_index *idx, const char *kind, const char *id, json_t *state)
{
	struct history h;
	int err;

	if (!(err = history_load(&h, idx, kind, id, 1))) {
		json_object_set_new(state, "conflicts", h.conflicts ? json_incref(h.conflicts) :
				    json_array());
		json_object_set(state, "history", h.history);
		print_json(state, 1);
	}
	history_free(&h);
	return err;
}

static void print_block(const char *text)
{
	const char *p = text;

	while (p && *p) {
		size_t n = strcspn(p, "\n");
		show_printf("    %.*s\n", (int)n, p);
		p += n + (p[n] == '\n');
	}
}

static void join_array(struct zdh_buf *b, const json_t *arr, const char *sep)
{
	json_t *v;
	size_t i;

	json_array_foreach(arr, i, v)
		zdh_buf_addf(b, "%s%s", i ? sep : "", json_string_value(v));
}

/* join_array of words of domain, as a human output names them */
static void join_words(struct zdh_buf *b, const json_t *arr, enum zdh_word_domain domain)
{
	json_t *v;
	size_t i;

	json_array_foreach(arr, i, v)
		zdh_buf_addf(b, "%s%s", i ? list_sep() : "", zdh_word_label(domain, json_string_value(v)));
}

static void print_charter(const json_t *c, const char *day, int is_default)
{
	struct show_lines s = SHOW_LINES_INIT(14);
	struct zdh_buf b = ZDH_BUF_INIT;

	if (is_default)
		printf(_("charter in force on %s: none adopted; decided by the defaults\n"), day);
	else
		printf(_("charter in force on %s: version %lld, from %s%s%s\n"), day,
		       (long long)json_integer_value(json_object_get(c, "version")), s_of(c, "from"),
		       s_of(c, "decision") ? _(", adopted by ") : "",
		       s_of(c, "decision") ? s_of(c, "decision") : "");
	s.indent = 2;
	show_linef(&s, _("quorum:"), _("%s of the voting members"), s_of(c, "quorum"));
	join_words(&b, json_object_get(c, "voters"), ZDH_W_ROLE);
	show_line(&s, _("who votes:"), b.ptr ? b.ptr : "");
	zdh_buf_reset(&b);
	charter_majorities(&b, json_object_get(c, "majority"), list_sep());
	show_line(&s, _("majority:"), b.ptr ? b.ptr : "");
	if (json_array_size(json_object_get(c, "consent"))) {
		zdh_buf_reset(&b);
		join_words(&b, json_object_get(c, "consent"), ZDH_W_DECISION_TYPE);
		show_line(&s, _("consent for:"), b.ptr);
	}
	if (json_integer_value(json_object_get(c, "meeting_weeks"))) {
		long long weeks = (long long)json_integer_value(json_object_get(c, "meeting_weeks"));
		show_linef(&s, _("meetings:"), ngettext("every %lld week", "every %lld weeks",
							  (unsigned long)weeks), weeks);
	}
	show_lines_print(&s);
	if (s_of(c, "duties")) {
		printf("  %s\n", _("duties:"));
		print_block(s_of(c, "duties"));
	}
	zdh_buf_release(&b);
}

/* The names of an object's keys (who attended, the members), in the order members are listed. */
static const char **member_names(const json_t *council, const json_t *obj, size_t *n)
{
	const char **names = zdh_calloc(json_object_size(obj) + 1, sizeof(*names));
	const char *k;
	json_t *v;

	*n = 0;
	json_object_foreach((json_t *)obj, k, v)
		names[(*n)++] = k;
	zdh_council_member_order(council, names, *n);
	return names;
}

/* The state of council (NULL when it cannot be read: names then keep their order). */
static json_t *council_of(struct zdh_index *idx, const char *council)
{
	json_t *cs = NULL;

	if (!council || zdh_index_state(idx, "council", council, &cs, NULL))
		return NULL;
	return cs;
}

/* A JSON array of names put in the order members are listed in, in place. */
static void order_array(const json_t *council, json_t *arr)
{
	size_t n = json_array_size(arr), i;
	const char **names;
	json_t *sorted;

	if (n < 2)
		return;
	names = zdh_calloc(n, sizeof(*names));
	for (i = 0; i < n; i++)
		names[i] = json_string_value(json_array_get(arr, i));
	for (i = 0; i < n && names[i]; i++)
		;
	if (i == n) {
		zdh_council_member_order(council, names, n);
		sorted = json_array();
		for (i = 0; i < n; i++)
			json_array_append_new(sorted, json_string(names[i]));
		json_array_clear(arr);
		json_array_extend(arr, sorted);
		json_decref(sorted);
	}
	free(names);
}

static void print_members(const json_t *council, const char *day)
{
	const char *head[] = { _("NAME"), _("ROLE"), _("PARTY"), _("ORG"), _("FROM"), _("TO") };
	struct zdh_table *cur = zdh_table_new(6), *past = zdh_table_new(6);
	const json_t *members = json_object_get(council, "members");
	const char **names, *k;
	size_t n, i;
	json_t *m;

	zdh_table_header(cur, head);
	zdh_table_header(past, head);
	names = member_names(council, members, &n);
	for (i = 0; i < n; i++) {
		k = names[i];
		m = json_object_get(members, k);
		const char *cells[6] = {
			k, zdh_word_label(ZDH_W_ROLE, s_of(m, "role")),
			zdh_word_label(ZDH_W_PARTY, s_of(m, "party")), s_of(m, "org"), s_of(m, "from"),
			s_of(m, "to")
		};
		zdh_table_row(zdh_member_in_term(m, day) ? cur : past, cells);
	}
	free(names);
	printf(_("members on %s:\n"), day);
	if (zdh_table_rows(cur))
		zdh_table_print(cur, stdout, 0);
	if (zdh_table_rows(past)) {
		printf("%s\n", _("other members (term ended or not begun):"));
		zdh_table_print(past, stdout, 0);
	}
	zdh_table_free(cur);
	zdh_table_free(past);
}

static int resolve_council(char **id, struct zdh_index *idx, const char *name)
{
	return report(zdh_council_resolve(id, idx, name));
}

static int council_show(int argc, char **argv)
{
	struct zdh_repo *repo = NULL;
	struct zdh_index *idx;
	json_t *state = NULL, *counts = NULL;
	const json_t *charter;
	struct history h = { NULL, NULL, NULL, NULL, NULL };
	char *id = NULL, day[11];
	struct args a;
	int code;

	if ((code = take(&a, argc, argv, "show")) ||
	    (code = open_index(&repo, &idx)) || (code = resolve_council(&id, idx, a.argv[0])))
		goto done;
	{
		struct zdh_time t;
		if ((code = parse_date(&t, a.w.date, repo, "--date")))
			goto done;
		zdh_issue_day(day, &t);
	}
	if ((code = report(zdh_index_state(idx, "council", id, &state, NULL))) ||
	    (code = report(zdh_council_counts(idx, id, &counts))))
		goto done;
	zdh_council_name_refs(idx, state);
	/* a live one of its name or one like it, added or renamed at another office at once */
	if (s_of(state, "name") &&
	    !(s_of(state, "status") && !strcmp(s_of(state, "status"), "dissolved"))) {
		json_t *same;
		if ((code = report(zdh_council_like_name(&same, NULL, idx, s_of(state, "name"), id))))
			goto done;
		if (json_array_size(same))
			json_object_set(state, "same_name", same);
		json_decref(same);
	}
	charter = zdh_council_charter_at(state, day);
	if (a.v[O_JSON]) {
		json_object_set_new(state, "id", json_string(id));
		json_object_set_new(state, "day", json_string(day));
		json_object_set(state, "charter", charter ? (json_t *)charter : json_null());
		json_object_update(state, counts);
		if ((code = report(print_state_json(idx, "council", id, state))))
			goto done;
	} else {
		struct show_lines s = SHOW_LINES_INIT(14);
		struct zdh_buf by = ZDH_BUF_INIT;
		struct zdh_table *t;
		const char *k;
		json_t *v;
		long long n = (long long)json_integer_value(json_object_get(counts, "decisions"));
		zdh_pager_start();
		show_printf("%s  %s  %s\n\n", id, zdh_word_label(ZDH_W_COUNCIL_STATUS, s_of(state, "status")),
		       s_of(state, "name"));
		show_line(&s, _("area:"), s_of(state, "area"));
		if (json_object_get(state, "same_name")) {
			struct zdh_buf ids = ZDH_BUF_INIT;
			join_array(&ids, json_object_get(state, "same_name"), list_sep());
			show_line(&s, C_("a council's show, the other live councils of its name",
					 "same name:"), ids.ptr);
			zdh_buf_release(&ids);
		}
		{
			struct zdh_buf created = ZDH_BUF_INIT;
			show_line(&s, _("created:"), show_time(&created, s_of(state, "created")));
			zdh_buf_release(&created);
		}
		show_linef(&s, _("meetings:"), "%lld",
			   (long long)json_integer_value(json_object_get(counts, "meetings")));
		for (size_t i = 0; zdh_decision_states[i]; i++) {
			json_t *c = json_object_get(json_object_get(counts, "decisions_by_status"),
						    zdh_decision_states[i]);
			if (c)
				zdh_buf_addf(&by, "%s%s %lld", by.len ? list_sep() : "",
					     zdh_word_label(ZDH_W_DECISION_STATUS, zdh_decision_states[i]),
					     (long long)json_integer_value(c));
		}
		if (by.len)
			/* TRANSLATORS: the decisions of a council and their number by status, "3 (open 1, adopted 2)" */
			show_linef(&s, _("decisions:"), _("%lld (%s)"), n, by.ptr);
		else
			show_linef(&s, _("decisions:"), "%lld", n);
		zdh_buf_release(&by);
		t = show_rows(&s, _("waiting for:"), 2);
		json_object_foreach(json_object_get(state, "mentions"), k, v) {
			char *who = zdh_asprintf("@%s", k);
			const char *cells[2] = { who, s_of(v, "message") };
			zdh_table_row(t, cells);
			free(who);
		}
		code = show_history_conflicts(&s, &h, idx, "council", id);
		show_lines_print(&s);
		if (code)
			goto done;
		putchar('\n');
		print_members(state, day);
		putchar('\n');
		print_charter(charter ? charter : zdh_council_default_charter(), day, !charter);
		print_loaded_history(&h);
	}
	code = finish_output(0);
done:
	history_free(&h);
	free(id);
	if (state)
		json_decref(state);
	if (counts)
		json_decref(counts);
	zdh_repo_free(repo);
	args_free(&a);
	return code;
}

/* meetings */

static void meeting_cells(const json_t *s, int csv, char **out)
{
	const json_t *att = json_object_get(s, "attendance");
	struct zdh_buf b = ZDH_BUF_INIT;
	json_t *v;
	size_t i;

	/* the CSV's items apart by ";" (its format); the table's as a list reads (、 in Chinese) */
	json_array_foreach(json_object_get(s, "agenda"), i, v)
		zdh_buf_addf(&b, "%s%s", !b.len ? "" : csv ? ";" : list_sep(),
			     s_of(v, "issue") ? s_of(v, "issue") : s_of(v, "text"));
	out[5] = count_text(count_status(att, "present") + count_status(att, "proxy"));
	if (!csv) {
		out[6] = zdh_buf_detach(&b);
		return;
	}
	out[6] = count_text(count_status(att, "absent") + count_status(att, "excused"));
	out[7] = zdh_buf_detach(&b);
	zdh_buf_init(&b);
	join_array(&b, json_object_get(s, "guests"), ";");
	out[8] = zdh_buf_detach(&b);
}

static int filter_args(struct zdh_council_filter *f, struct zdh_index *idx, struct args *a,
		       char **council, char **area, char **dept)
{
	int code;

	memset(f, 0, sizeof(*f));
	*council = *area = *dept = NULL;
	if (a->v[O_COUNCIL] && (code = resolve_council(council, idx, a->v[O_COUNCIL])))
		return code;
	if ((code = org_arg(area, idx, a->v[O_AREA], "area")) ||
	    (code = org_arg(dept, idx, a->v[O_DEPT], "dept")))
		return code;
	if ((code = month_arg(&a->v[O_MONTH], zdh_index_repo(idx))))
		return code;
	if ((a->v[O_SINCE] &&
	     (code = report(day_opt(a->since, a->v[O_SINCE], zdh_index_repo(idx), "--since")))) ||
	    (a->v[O_UNTIL] &&
	     (code = report(day_opt(a->until, a->v[O_UNTIL], zdh_index_repo(idx), "--until")))))
		return code;
	/* a refusal lists the statuses with their Chinese names under zh_CN, a near one suggested */
	if (a->v[O_STATUS] && !strcmp(a->verb, "decision list") &&
	    zdh_word_check(zdh_decision_states, ZDH_W_DECISION_STATUS, a->v[O_STATUS], N_("status")))
		return report(zdh_error_code());
	f->council = *council;
	f->area = *area;
	f->dept = *dept;
	f->month = a->v[O_MONTH];
	f->since = a->v[O_SINCE] ? a->since : NULL;
	f->until = a->v[O_UNTIL] ? a->until : NULL;
	f->status = a->v[O_STATUS];
	f->meeting = a->v[O_MEETING] ? upcase_id((char *)a->v[O_MEETING]) : NULL;
	f->decision = a->v[O_DECISION] ? upcase_id((char *)a->v[O_DECISION]) : NULL;
	f->issue = a->v[O_ISSUE] ? upcase_id((char *)a->v[O_ISSUE]) : NULL;
	if ((code = check_filter_record(idx, "meeting", f->meeting)) ||
	    (code = check_filter_record(idx, "decision", f->decision)))
		return code;
	return check_filter_record(idx, "issue", f->issue);
}

typedef int (*list_fn)(struct zdh_index *, const struct zdh_council_filter *, zdh_record_fn, void *);

/* A list verb of records the council filter selects: the verb's options, then fn's rows. */
static int list_verb(int argc, char **argv, const char *verb, struct rows *r, list_fn fn)
{
	struct zdh_repo *repo = NULL;
	struct zdh_index *idx;
	struct zdh_council_filter f;
	char *council = NULL, *area = NULL, *dept = NULL, today[11], stale[11];
	struct args args;
	struct args *a = &args;
	int code;

	if ((code = take(a, argc, argv, verb)) ||
	    (code = open_index(&repo, &idx)) ||
	    (code = filter_args(&f, idx, a, &council, &area, &dept)))
		goto done;
	f.open = a->v[O_OPEN] != NULL;
	if (!a->out.csv && !a->out.json)
		f.fields = r->table_fields;
	if (a->v[O_OVERDUE]) {
		struct zdh_time then;
		if ((code = overdue_since(today, &then, repo)))
			goto done;
		zdh_issue_day(stale, &then);
		f.overdue_today = today;
		f.stale_day = stale;
	}
	r->l = &a->out;
	if ((code = rows_start(r, idx)))
		goto done;
	if ((code = report(fn(idx, &f, rows_add, r))))
		goto done;
	code = listing_finish(&a->out, 1);
done:
	listing_free(&a->out);
	free(council);
	free(area);
	free(dept);
	zdh_repo_free(repo);
	args_free(a);
	return code;
}

static int meeting_list(int argc, char **argv)
{
	static const char *const head[] = {
		"ID", N_("DATE"), N_("COUNCIL"), N_("AREA"), N_("KIND"), N_("PRESENT"), N_("AGENDA")
	};
	static const char *const csv_head[] = {
		"id", "date", "council", "area", "kind", "present", "absent", "agenda", "guests"
	};
	static const char *const keys[] = { "id", "date", "council", "area", "kind", NULL, NULL };
	static const char *const csv_keys[] = {
		"id", "date", "council", "area", "kind", NULL, NULL, NULL, NULL
	};
	static const enum zdh_word_domain words[sizeof(keys) / sizeof(*keys)] = {
		0, 0, 0, 0, ZDH_W_MEETING_KIND
	};
	/* (whole states: its attendance and agenda, read by SQLite, cost more than parsed here) */
	struct rows r = { NULL, "meeting", head, csv_head, keys, csv_keys, meeting_cells, 7, 9, words };

	return list_verb(argc, argv, "meeting list", &r, zdh_meeting_list);
}

/* decisions */

static void decision_cells(const json_t *s, int csv, char **out)
{
	struct zdh_tally t;

	if (!csv)
		return;
	zdh_decision_tally(&t, s);
	out[6] = count_text(t.voters);
	out[7] = count_text(t.present);
	out[8] = count_text(t.yes);
	out[9] = count_text(t.no);
	out[10] = count_text(t.abstain);
	out[11] = count_text(t.parties);
	out[12] = count_text(t.consented);
}

static int decision_list(int argc, char **argv)
{
	static const char *const head[] = {
		"ID", N_("DATE"), N_("MEETING"), N_("STATUS"), N_("TYPE"), N_("MOTION")
	};
	static const char *const csv_head[] = {
		"id", "date", "council", "meeting", "type", "status", "voters", "present", "for",
		"against", "abstain", "parties", "consented", "issue", "motion"
	};
	static const char *const keys[] = { "id", "date", "meeting", "status", "type", "motion" };
	static const char *const csv_keys[] = {
		"id", "date", "council", "meeting", "type", "status", NULL, NULL, NULL, NULL, NULL,
		NULL, NULL, "issue", "motion"
	};
	static const enum zdh_word_domain words[sizeof(keys) / sizeof(*keys)] = {
		0, 0, 0, ZDH_W_DECISION_STATUS, ZDH_W_DECISION_TYPE
	};
	static const char *const table_fields[] = {
		"date", "meeting", "status", "type", "motion", NULL
	};
	struct rows r = { NULL, "decision", head, csv_head, keys, csv_keys, decision_cells, 6, 15, words,
			  table_fields };

	return list_verb(argc, argv, "decision list", &r, zdh_decision_list);
}

/* open consents: one row per party that has not consented, of decisions not yet settled */

static int consent_add(const char *id, const json_t *s, void *payload)
{
	struct listing *l = payload;
	const char *st = s_of(s, "status");
	json_t *p;
	size_t i;

	if (strcmp(st, "open") && strcmp(st, "pending-consent") && strcmp(st, "blocked"))
		return 0;
	json_array_foreach(json_object_get(s, "parties"), i, p) {
		const char *party = json_string_value(p);
		const json_t *given = json_object_get(json_object_get(s, "consents"), party);
		const char *gs = given ? s_of(given, "status") : "pending";
		const char *cells[5] = {
			id, s_of(s, "council"), party,
			l->csv ? gs : zdh_word_label(ZDH_W_CONSENT_STATUS, gs), s_of(s, "motion")
		};
		if (!strcmp(gs, "given"))
			continue;
		listing_add(l, cells, l->json ? json_pack("{s:s, s:s, s:s, s:s, s:s}",
			"decision", id, "council", s_of(s, "council"), "party", party,
			"status", gs, "motion", s_of(s, "motion")) : NULL);
	}
	return 0;
}

static int council_consents(int argc, char **argv)
{
	static const char *const head[] = { N_("DECISION"), N_("COUNCIL"), N_("PARTY"), N_("STATUS"),
					    N_("MOTION") };
	struct zdh_repo *repo = NULL;
	struct zdh_index *idx;
	struct zdh_council_filter f;
	char *council = NULL, *area = NULL, *dept = NULL;
	struct args a;
	int code;

	if ((code = take(&a, argc, argv, "consents")) ||
	    (code = open_index(&repo, &idx)) ||
	    (code = filter_args(&f, idx, &a, &council, &area, &dept)))
		goto done;
	listing_start(&a.out, 5, head);
	if ((code = report(zdh_decision_list(idx, &f, consent_add, &a.out))))
		goto done;
	code = listing_finish(&a.out, 1);
done:
	free(council);
	free(area);
	free(dept);
	listing_free(&a.out);
	zdh_repo_free(repo);
	args_free(&a);
	return code;
}

/* actions */

static int action_list(int argc, char **argv)
{
	static const char *const head[] = {
		"ID", N_("DUE"), N_("STATUS"), N_("DEPT"), N_("DECISION"), N_("ACTION")
	};
	/* the CSV's columns are the states' fields */
	static const char *const csv_head[] = {
		"id", "decision", "council", "area", "dept", "due", "status", "issue", "text",
		"created", "done_at"
	};
	static const char *const keys[] = { "id", "due", "status", "dept", "decision", "text" };
	static const enum zdh_word_domain words[sizeof(keys) / sizeof(*keys)] = {
		0, 0, ZDH_W_ACTION_STATUS
	};
	static const char *const table_fields[] = {
		"due", "status", "dept", "decision", "text", NULL
	};
	struct rows r = { NULL, "action", head, csv_head, keys, csv_head, NULL, 6, 11, words,
			  table_fields };

	return list_verb(argc, argv, "action list", &r, zdh_action_list);
}

/* show of a meeting, a decision */

static int collect(const char *id, const json_t *state, void *payload)
{
	json_t *j = json_deep_copy(state);

	json_object_set_new(j, "id", json_string(id));
	json_array_append_new(payload, j);
	return 0;
}

static int get_record(json_t **state, struct zdh_index *idx, const char *kind, char *id)
{
	int err;

	upcase_id(id);
	err = zdh_index_state(idx, kind, id, state, NULL);
	if (err == ZDH_ENOTFOUND)
		err = zdh_kind_not_found(idx, kind, id);
	if (!err)
		zdh_council_name_refs(idx, *state);
	return report(err);
}

/* What a show prints of the record id, its state: 0 or an exit code. */
typedef int (*show_fn)(struct zdh_index *idx, const char *id, json_t *state, int json);

/*
 * A show verb of the record of kind its argument names: its state (the
 * councils it names by name) printed by fn, --json or not, then stdout
 * finished.
 */
static int show_verb(int argc, char **argv, const char *verb, const char *kind, show_fn fn)
{
	struct zdh_repo *repo = NULL;
	struct zdh_index *idx;
	json_t *state = NULL;
	struct args a;
	int code;

	if ((code = take(&a, argc, argv, verb)) ||
	    (code = open_index(&repo, &idx)) ||
	    (code = get_record(&state, idx, kind, a.argv[0])) ||
	    (code = fn(idx, a.argv[0], state, a.v[O_JSON] != NULL)))
		goto done;
	code = finish_output(0);
done:
	if (state)
		json_decref(state);
	zdh_repo_free(repo);
	args_free(&a);
	return code;
}

static int print_meeting(struct zdh_index *idx, const char *id, json_t *state, int json)
{
	struct history h = { NULL, NULL, NULL, NULL, NULL };
	struct zdh_council_filter f;
	json_t *decisions = json_array();
	int code, owns;

	memset(&f, 0, sizeof(f));
	f.meeting = id;
	if ((code = report(zdh_decision_list(idx, &f, collect, decisions))))
		goto done;
	owns = zdh_council_owns(idx, "meeting", id);
	if (json) {
		json_object_set_new(state, "id", json_string(id));
		json_object_set_new(state, "of_council", json_boolean(owns));
		json_object_set(state, "decisions", decisions);
		code = report(print_state_json(idx, "meeting", id, state));
	} else {
		struct show_lines s = SHOW_LINES_INIT(14);
		struct zdh_table *t;
		const char **names;
		json_t *v, *cs;
		size_t i, n;
		zdh_pager_start();
		show_printf("%s  %s  %s  %s\n\n", id, s_of(state, "date"),
		       zdh_word_label(ZDH_W_MEETING_KIND, s_of(state, "kind")),
		       s_of(state, "council"));
		show_line(&s, _("area:"), s_of(state, "area"));
		if (!owns)
			show_linef(&s, _("council:"), _("not %s's: its area is not one %s has had"),
				   s_of(state, "council"), s_of(state, "council"));
		t = show_rows(&s, _("attendance:"), 2);
		cs = council_of(idx, s_of(state, "council"));
		names = member_names(cs, json_object_get(state, "attendance"), &n);
		for (i = 0; i < n; i++) {
			const char *k = names[i];
			json_t *v = json_object_get(json_object_get(state, "attendance"), k);
			const char *by = s_of(json_object_get(state, "proxies"), k);
			char *how = zdh_asprintf("%s%s%s",
						 zdh_word_label(ZDH_W_ATTENDANCE, json_string_value(v)),
						 by ? _(" by ") : "", by ? by : "");
			const char *cells[2] = { k, how };
			zdh_table_row(t, cells);
			free(how);
		}
		free(names);
		if (cs)
			json_decref(cs);
		t = show_rows(&s, _("guest:"), 1);
		json_array_foreach(json_object_get(state, "guests"), i, v)
			zdh_table_row(t, (const char *const[]){ json_string_value(v) });
		{
			/* in the agenda's order, its issues (id, status, title) aligned run by run */
			size_t ncols = 0;
			json_array_foreach(json_object_get(state, "agenda"), i, v) {
				const char *issue = s_of(v, "issue");
				json_t *is = NULL;
				const char *cells[3] = { issue ? issue : s_of(v, "text"), NULL, NULL };
				if (issue && !zdh_index_state(idx, "issue", issue, &is, NULL)) {
					cells[1] = zdh_word_label(ZDH_W_ISSUE_STATUS, s_of(is, "status"));
					cells[2] = s_of(is, "title");
				}
				if (ncols != (cells[1] ? 3u : 1u)) {
					ncols = cells[1] ? 3 : 1;
					t = show_rows(&s, i ? "" : _("agenda:"), ncols);
				}
				zdh_table_row(t, cells);
				if (is)
					json_decref(is);
			}
		}
		t = show_rows(&s, _("decision:"), 3);
		json_array_foreach(decisions, i, v) {
			const char *cells[3] = { s_of(v, "id"),
				zdh_word_label(ZDH_W_DECISION_STATUS, s_of(v, "status")), s_of(v, "motion") };
			zdh_table_row(t, cells);
		}
		show_attachments(&s, _("attachment:"), json_object_get(state, "attachments"));
		code = show_history_conflicts(&s, &h, idx, "meeting", id);
		show_lines_print(&s);
		if (code)
			goto done;
		if (s_of(state, "minutes")) {
			printf("\n%s\n", _("minutes:"));
			print_block(s_of(state, "minutes"));
		}
		print_loaded_history(&h);
	}
done:
	history_free(&h);
	json_decref(decisions);
	return code;
}

static int meeting_show(int argc, char **argv)
{
	return show_verb(argc, argv, "meeting show", "meeting", print_meeting);
}

/* a project of a decision, as decision show lists it: {"id", "status", "kind", "title"} */
static int collect_project(json_t *project, void *payload)
{
	json_array_append_new(payload, json_pack("{s:O, s:O, s:O, s:O}",
						 "id", json_object_get(project, "id"),
						 "status", json_object_get(project, "status"),
						 "kind", json_object_get(project, "kind"),
						 "title", json_object_get(project, "title")));
	return 0;
}

static int print_decision(struct zdh_index *idx, const char *id, json_t *state, int json)
{
	struct history h = { NULL, NULL, NULL, NULL, NULL };
	struct zdh_council_filter f;
	struct zdh_buf why = ZDH_BUF_INIT;
	struct zdh_tally t;
	json_t *actions = json_array(), *projects = json_array();
	struct zdh_project_filter pf = ZDH_PROJECT_FILTER_INIT;
	int code, owns;

	memset(&f, 0, sizeof(f));
	f.decision = id;
	if ((code = report(zdh_action_list(idx, &f, collect, actions))))
		goto done;
	/* the projects it decided (project add --decision): the link shown from both ends */
	pf.decision = id;
	if ((code = report(zdh_project_list(idx, &pf, collect_project, projects))))
		goto done;
	zdh_decision_tally(&t, state);
	zdh_decision_explain(&why, &t, !json);
	owns = zdh_council_owns(idx, "decision", id);
	/* its voters and who was there in the order members are listed */
	{
		json_t *cs = council_of(idx, s_of(state, "council"));
		order_array(cs, json_object_get(state, "voters"));
		order_array(cs, json_object_get(state, "present"));
		if (cs)
			json_decref(cs);
	}
	if (json) {
		json_object_set_new(state, "id", json_string(id));
		json_object_set_new(state, "of_council", json_boolean(owns));
		json_object_set_new(state, "explanation", json_string(why.ptr));
		json_object_set(state, "actions", actions);
		json_object_set(state, "projects", projects);
		code = report(print_state_json(idx, "decision", id, state));
	} else {
		const json_t *rule = json_object_get(state, "rule");
		struct show_lines s = SHOW_LINES_INIT(14);
		struct zdh_table *t;
		json_t *v;
		size_t i;
		zdh_pager_start();
		show_printf("%s  %s  %s\n\n", id, zdh_word_label(ZDH_W_DECISION_STATUS, s_of(state, "status")),
		       s_of(state, "motion"));
		show_linef(&s, _("meeting:"), "%s  %s  %s", s_of(state, "meeting"), s_of(state, "date"),
			   s_of(state, "council"));
		if (!owns)
			show_linef(&s, _("council:"), _("not %s's: its area is not one %s has had"),
				   s_of(state, "council"), s_of(state, "council"));
		show_line(&s, _("type:"), zdh_word_label(ZDH_W_DECISION_TYPE, s_of(state, "type")));
		show_line(&s, _("issue:"), s_of(state, "issue"));
		/* version 0: no charter yet, the rules council show calls the default ones */
		if (!json_integer_value(json_object_get(rule, "charter")))
			show_linef(&s, _("rule:"), _("the default rules (no charter adopted yet): quorum %s, %s majority%s"),
				   s_of(rule, "quorum"), zdh_word_label(ZDH_W_MAJORITY, s_of(rule, "majority")),
				   json_is_true(json_object_get(rule, "consent")) ? _(", written consent") : "");
		else
			show_linef(&s, _("rule:"), _("charter version %lld: quorum %s, %s majority%s"),
				   (long long)json_integer_value(json_object_get(rule, "charter")),
				   s_of(rule, "quorum"), zdh_word_label(ZDH_W_MAJORITY, s_of(rule, "majority")),
				   json_is_true(json_object_get(rule, "consent")) ? _(", written consent") : "");
		show_line(&s, _("result:"), why.ptr);
		t = show_rows(&s, _("votes:"), 2);
		json_array_foreach(json_object_get(state, "voters"), i, v) {
			const char *who = json_string_value(v);
			const char *vote = s_of(json_object_get(state, "votes"), who);
			int here = 0;
			json_t *p;
			size_t k;
			json_array_foreach(json_object_get(state, "present"), k, p)
				here |= !strcmp(json_string_value(p), who);
			const char *cells[2] = { who, vote ? zdh_word_label(ZDH_W_VOTE, vote) :
						 here ? _("(present, no vote)") : _("(not present)") };
			zdh_table_row(t, cells);
		}
		t = show_rows(&s, _("consents:"), 3);
		json_array_foreach(json_object_get(state, "parties"), i, v) {
			const char *party = json_string_value(v);
			const json_t *c = json_object_get(json_object_get(state, "consents"), party);
			const char *cells[3] = { party,
				/* not given yet: pending, as consents lists it */
				zdh_word_label(ZDH_W_CONSENT_STATUS, c ? s_of(c, "status") : "pending"),
				c ? s_of(c, "message") : NULL };
			zdh_table_row(t, cells);
		}
		t = show_rows(&s, _("actions:"), 5);
		json_array_foreach(actions, i, v) {
			char *due = s_of(v, "due") ? zdh_asprintf(_("due %s"), s_of(v, "due")) : NULL;
			const char *cells[5] = { s_of(v, "id"),
				zdh_word_label(ZDH_W_ACTION_STATUS, s_of(v, "status")), s_of(v, "dept"),
				s_of(v, "text"), due };
			zdh_table_row(t, cells);
			free(due);
		}
		t = show_rows(&s, _("projects:"), 4);
		json_array_foreach(projects, i, v) {
			const char *cells[4] = { s_of(v, "id"),
				zdh_word_label(ZDH_W_PROJECT_STATUS, s_of(v, "status")),
				zdh_word_label(ZDH_W_PROJECT_KIND, s_of(v, "kind")), s_of(v, "title") };
			zdh_table_row(t, cells);
		}
		code = show_history_conflicts(&s, &h, idx, "decision", id);
		show_lines_print(&s);
		if (!code)
			print_loaded_history(&h);
	}
done:
	history_free(&h);
	zdh_buf_release(&why);
	json_decref(actions);
	json_decref(projects);
	return code;
}

static int decision_show(int argc, char **argv)
{
	return show_verb(argc, argv, "decision show", "decision", print_decision);
}

/*
 * An action: its decision, department and due day, the issue it resolves,
 * and its history, where the note of its done and the reason of its void
 * are kept.
 */
static int print_action(struct zdh_index *idx, const char *id, json_t *state, int json)
{
	struct show_lines s = SHOW_LINES_INIT(14);
	struct history h = { NULL, NULL, NULL, NULL, NULL };
	struct zdh_buf when = ZDH_BUF_INIT;
	const char *issue = s_of(state, "issue");
	int code;

	if (json) {
		json_object_set_new(state, "id", json_string(id));
		return report(print_state_json(idx, "action", id, state));
	}
	zdh_pager_start();
	show_printf("%s  %s  %s\n\n", id, zdh_word_label(ZDH_W_ACTION_STATUS, s_of(state, "status")),
	       s_of(state, "text"));
	show_linef(&s, _("decision:"), "%s  %s", s_of(state, "decision"), s_of(state, "council"));
	show_line(&s, _("area:"), s_of(state, "area"));
	show_line(&s, _("dept:"), s_of(state, "dept"));
	show_line(&s, _("due:"), s_of(state, "due"));
	if (issue)
		show_linef(&s, _("issue:"), "%s%s", issue,
			   json_is_true(json_object_get(state, "resolves")) ? _(" (resolved when done)") : "");
	show_line(&s, _("created:"), show_time(&when, s_of(state, "created")));
	show_line(&s, _("done:"), show_time(&when, s_of(state, "done_at")));
	show_line(&s, _("voided:"), show_time(&when, s_of(state, "voided_at")));
	code = show_history_conflicts(&s, &h, idx, "action", id);
	show_lines_print(&s);
	zdh_buf_release(&when);
	if (!code)
		print_loaded_history(&h);
	history_free(&h);
	return code;
}

static int action_show(int argc, char **argv)
{
	return show_verb(argc, argv, "action show", "action", print_action);
}

/* The kind of a council's, meeting's, decision's or action's id, by its whole shape. */
static const char *kind_of_id(const char *id)
{
	static const char *const kinds[] = { "council", "meeting", "decision", "action", NULL };

	for (size_t i = 0; kinds[i]; i++)
		if (zdh_record_id_valid(kinds[i], id))
			return kinds[i];
	return NULL;
}

static int council_attachment(int argc, char **argv)
{
	struct zdh_repo *repo = NULL;
	struct zdh_index *idx;
	json_t *state = NULL, *all = json_array(), *v;
	const char *kind;
	struct args a;
	size_t i;
	int code;

	if ((code = take(&a, argc, argv, "attachment")))
		goto done;
	upcase_id(a.argv[0]);
	if (!(kind = kind_of_id(a.argv[0]))) {
		code = report(zdh_error_set(ZDH_ENOTFOUND, _("no meeting, decision or action %s"),
					    a.argv[0]));
		goto done;
	}
	if ((code = open_index(&repo, &idx)) || (code = get_record(&state, idx, kind, a.argv[0])))
		goto done;
	/*
	 * the record's attachments, after those of its events: one of an
	 * event without effect (a consent's scan recorded at two offices at
	 * once, or over a refusal its writer had not seen) is kept in the
	 * history, and as much the office's paper, found when the record has
	 * none of that name
	 */
	{
		struct history h;
		if ((code = report(history_load(&h, idx, kind, a.argv[0], 1)))) {
			history_free(&h);
			goto done;
		}
		json_array_foreach(h.history, i, v)
			json_array_extend(all, json_object_get(json_object_get(v, "data"), "attachments"));
		history_free(&h);
	}
	json_array_extend(all, json_object_get(state, "attachments"));
	code = write_named_attachment(repo, a.argv[0], all, a.argv[1], a.v[O_OUTPUT]);
done:
	json_decref(all);
	if (state)
		json_decref(state);
	zdh_repo_free(repo);
	args_free(&a);
	return code;
}

static const struct verb member_verbs[] = {
	{ "add", member_add, member_add_opts, N_("a council and a member's name") },
	{ "edit", member_edit, member_edit_opts, N_("a council and a member's name") },
	{ "remove", member_remove, member_remove_opts, N_("a council and a member's name") },
	{ NULL }
};

static const struct verb meeting_verbs[] = {
	{ "add", meeting_add, meeting_add_opts, N_("a council") },
	{ "update", meeting_update, meeting_update_opts, N_("a meeting") },
	{ "list", meeting_list, meeting_list_opts },
	{ "show", meeting_show, meeting_show_opts, N_("a meeting") },
	{ NULL }
};

static const struct verb decision_verbs[] = {
	{ "list", decision_list, decision_list_opts },
	{ "show", decision_show, decision_show_opts, N_("a decision") },
	{ NULL }
};

static const struct verb action_verbs[] = {
	{ "add", action_add, action_add_opts, N_("a decision") },
	{ "done", action_done, action_done_opts, N_("an action") },
	{ "void", action_void, action_void_opts, N_("an action") },
	{ "list", action_list, action_list_opts },
	{ "show", action_show, action_show_opts, N_("an action") },
	{ NULL }
};

int cmd_council(int argc, char **argv)
{
	static const struct verb verbs[] = {
		{ "add", council_add, add_opts, N_("a name") },
		{ "list", council_list, list_opts },
		{ "show", council_show, show_opts, N_("a council") },
		{ "edit", council_edit, edit_opts, N_("a council") },
		{ "dissolve", council_dissolve, dissolve_opts, N_("a council") },
		{ "member", NULL, NULL, NULL, 0, member_verbs },
		{ "charter", council_charter, charter_opts, N_("a council") },
		{ "discuss", council_discuss, discuss_opts, N_("a council") },
		{ "meeting", NULL, NULL, NULL, 0, meeting_verbs },
		{ "decide", council_decide, decide_opts, N_("a meeting") },
		{ "vote", council_vote, vote_opts, N_("a decision") },
		{ "close", council_close, close_opts, N_("a decision") },
		{ "consent", council_consent, consent_opts, N_("a decision") },
		{ "decision", NULL, NULL, NULL, 0, decision_verbs },
		{ "consents", council_consents, consents_opts },
		{ "action", NULL, NULL, NULL, 0, action_verbs },
		{ "attachment", council_attachment, attachment_opts, N_("an id and a name") },
		{ NULL }
	};
	return dispatch("council", verbs, argc, argv);
}

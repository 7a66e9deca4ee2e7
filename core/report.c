/*
 * report — the statistics of zdh-report(1), computed from events.
 *
 * Every figure is defined once, in zdh-report(1), in terms of the events
 * of each record: when each event happened (its author date), when it was
 * recorded (its committer date: --as-of leaves out the events recorded
 * after it), and whether it took effect in the fold.  A record's events
 * are read in fold order (clock, replica, id) and replayed here through
 * the kind's own state machine (zdh_issue_next_status), so that the
 * state "at the end of the period" is the one the events say, whatever
 * order they were recorded in.
 *
 * --as-of and effects: the index knows whether an event took effect in
 * the fold of every event it holds.  An event recorded after --as-of can
 * only change that for an event of the same record that it precedes in
 * fold order (an office that wrote with a stale clock); such a record is
 * folded again here from its included events with the kind's own check
 * and apply (refold()), so the figures are those of the events recorded
 * by then and nothing else.
 *
 * A report holds counts only: names of areas, districts, departments,
 * categories and sources (the registry's and the state machine's words),
 * never a resident's name, phone number or the free text of a record.
 *
 * Each section is one entry of sections[] below: a kind's figures are one
 * function reading its events or its records_<kind> view.
 */
#define _GNU_SOURCE	/* qsort_r */
#include <limits.h>
#include <stdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "config.h"
#include "date.h"
#include "error.h"
#include "i18n.h"
#include "index-db.h"
#include "issue.h"
#include "kind.h"
#include "menu.h"
#include "repo.h"
#include "prefix.h"
#include "report.h"
#include "rules.h"
#include "workday.h"

/* ---- days ---- */

static long long floordiv(long long a, long long b)
{
	return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

/* "YYYY-MM-DD" (a real day, years 1970–9999) into days since the epoch; -1 if not. */
static int parse_day(long long *out, const char *s)
{
	long long day;

	if (!s || zdh_day_parse(&day, s) || day < 0)
		return -1;
	*out = day;
	return 0;
}

/* The local midnight that starts day in tz, as epoch seconds. */
static int midnight(long long *out, long long day, const char *tz)
{
	struct zdh_time t;
	char text[11];
	int err;

	/* the day after 9999-12-31 (the end of --month 9999-12) and the days
	 * up to 1970-01-01 (a year before a 1970 period, its first midnight
	 * east of UTC) are no date an event can have: their midnight is
	 * computed, not parsed (which refused them, naming a day not typed) */
	if (day <= 0 || day > zdh_days_from_civil(9999, 12, 31)) {
		long long u = day * 86400;
		*out = u - zdh_date_offset(u, tz) * 60LL;
		return 0;
	}
	zdh_day_format(text, day);
	if ((err = zdh_date_parse(&t, text, tz)))
		return err;
	*out = t.t;
	return 0;
}

/* ---- periods ---- */

/* (tz checked by the caller, before any day is counted in it) */
static int set_days(struct zdh_report_opts *o, const char *period, long long first,
		    long long last, const char *tz)
{
	int err;

	o->period = period;
	o->timezone = tz;
	zdh_day_format(o->first, first);
	zdh_day_format(o->last, last);
	if ((err = midnight(&o->since, first, tz)) || (err = midnight(&o->until, last + 1, tz)))
		return err;
	return 0;
}

/* Today's local day in tz at now. */
static long long local_day(long long t, const char *tz)
{
	return floordiv(t + zdh_date_offset(t, tz) * 60LL, 86400);
}

int zdh_report_month(struct zdh_report_opts *o, const char *month, const char *tz, long long now)
{
	int y, m, d, err;

	if ((err = zdh_date_zone_valid(tz)))
		return err;	/* (before today is counted in UTC) */

	if (month) {
		char ym[8];

		/* (2026年12月 and 12月, this year's, as every month option takes them) */
		if ((err = zdh_date_month(ym, month, tz)))
			return zdh_error_about("--month", err);
		y = atoi(ym);
		m = atoi(ym + 5);
	} else {
		zdh_day_civil(local_day(now, tz), &y, &m, &d);
		if (--m == 0) {
			m = 12;
			y--;
		}
	}
	return set_days(o, "monthly", zdh_days_from_civil(y, m, 1),
			zdh_days_from_civil(y + (m == 12), m == 12 ? 1 : m + 1, 1) - 1, tz);
}

int zdh_report_year(struct zdh_report_opts *o, const char *year, const char *tz, long long now)
{
	int y, m, d, n = 0, err;

	if ((err = zdh_date_zone_valid(tz)))
		return err;	/* (before today is counted in UTC) */

	if (year) {
		if (strlen(year) != 4 || sscanf(year, "%4d%n", &y, &n) != 1 || n != 4 || y < 1970)
			return zdh_error_about("--year", zdh_error_set(ZDH_EINVALID,
							      _("invalid year '%s' (YYYY)"), year));
	} else {
		zdh_day_civil(local_day(now, tz), &y, &m, &d);
		y--;
	}
	return set_days(o, "yearly", zdh_days_from_civil(y, 1, 1), zdh_days_from_civil(y, 12, 31), tz);
}

/*
 * The day of option (--since, --until): text in any form a date takes
 * (12月4日, today: zdh_date_day()), read once; a refusal names the option.
 */
static int range_day(long long *out, const char *text, const char *tz, const char *option)
{
	char day[11];
	int err;

	if (!text)
		err = zdh_error_set(ZDH_EINVALID, _("invalid day '%s' (YYYY-MM-DD)"), "");
	else if (!(err = zdh_date_day(day, text, tz)) && parse_day(out, day))
		err = zdh_error_set(ZDH_EINVALID, _("invalid day '%s' (YYYY-MM-DD)"), text);
	return err ? zdh_error_about(option, err) : 0;
}

int zdh_report_range(struct zdh_report_opts *o, const char *since, const char *until,
		     const char *tz)
{
	long long a, b;
	int err;

	if ((err = zdh_date_zone_valid(tz)))
		return err;
	if ((err = range_day(&a, since, tz, "--since")) || (err = range_day(&b, until, tz, "--until")))
		return err;
	if (b < a)
		return zdh_error_set(ZDH_EINVALID, _("--until %s is before --since %s"), until, since);
	return set_days(o, "range", a, b, tz);
}

int zdh_report_as_of(struct zdh_report_opts *o, const char *text, const char *tz)
{
	struct zdh_time t;
	long long day;
	int err;

	/* --as-of today: up to the end of today, as --as-of 2026-12-03 is */
	if (text && zdh_date_is_day(text) && parse_day(&day, text)) {
		if ((err = zdh_date_parse(&t, text, tz)))
			return err;
		day = (t.t + t.offset * 60LL) / 86400;
		if ((err = midnight(&o->as_of, day + 1, tz)))
			return err;
		o->as_of--;
	} else if (!parse_day(&day, text)) {
		if ((err = midnight(&o->as_of, day + 1, tz)))
			return err;
		o->as_of--;
	} else {
		if ((err = zdh_date_parse(&t, text, tz)))
			return err;
		o->as_of = t.t;
	}
	o->as_of_set = 1;
	return 0;
}

/* ---- names: interned, so figures are kept in arrays ---- */

struct pool {
	char **name;
	size_t n, cap;
	int *slot;		/* open addressing: index + 1, 0 empty */
	size_t nslot;
};

static unsigned long hash(const char *s)
{
	unsigned long h = 2166136261u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

static int intern(struct pool *p, const char *s)
{
	size_t i;

	if (p->n * 2 >= p->nslot) {
		size_t ns = p->nslot ? p->nslot * 2 : 64;
		int *slot = zdh_calloc(ns, sizeof(*slot));
		for (size_t k = 0; k < p->n; k++) {
			for (i = hash(p->name[k]) & (ns - 1); slot[i]; i = (i + 1) & (ns - 1))
				;
			slot[i] = (int)k + 1;
		}
		free(p->slot);
		p->slot = slot;
		p->nslot = ns;
	}
	for (i = hash(s) & (p->nslot - 1); p->slot[i]; i = (i + 1) & (p->nslot - 1))
		if (!strcmp(p->name[p->slot[i] - 1], s))
			return p->slot[i] - 1;
	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 64;
		p->name = zdh_realloc(p->name, p->cap * sizeof(*p->name));
	}
	p->name[p->n] = zdh_strdup(s);
	p->slot[i] = (int)p->n + 1;
	return (int)p->n++;
}

static void pool_free(struct pool *p)
{
	for (size_t i = 0; i < p->n; i++)
		free(p->name[i]);
	free(p->name);
	free(p->slot);
}

/* A set field of an event: absent, cleared ("") or a name. */
enum { V_ABSENT = -2, V_CLEARED = -1 };

static int field_value(struct pool *p, sqlite3_stmt *s, int col)
{
	const char *v;

	if (sqlite3_column_type(s, col) == SQLITE_NULL)
		return V_ABSENT;
	v = (const char *)sqlite3_column_text(s, col);
	return v && *v ? intern(p, v) : V_CLEARED;
}

/*
 * Working days are those of the repository's calendar (core/workday.c:
 * Monday to Friday, except zdh.holidays, plus zdh.workdays), the one
 * issue due dates use.
 */

/* ---- the context of one report ---- */

enum { F_OPENED, F_SOLVED, F_CLOSED, F_OPEN_END, F_OVERDUE_END, NFIG };
static const char *const fig_keys[NFIG] = {
	"opened", "solved", "closed", "open_at_end", "overdue_at_end"
};

enum { D_AREA, D_DISTRICT, D_CATEGORY, D_SOURCE, D_DEPT, NDIM };
static const char *const dim_keys[NDIM] = {
	"by_area", "by_district", "by_category", "by_source", "by_dept"
};
static const char *const dim_names[NDIM] = {
	"area", "district", "category", "source", "dept"
};

struct kagg;

/* An org of the registry as the report reads it (org_done). */
struct rorg {
	int id;			/* its record's id, interned: the key it counts under */
	int name;		/* what the report calls it (its name at the end, or as added) */
	int kind, district;	/* its kind, and an area's district as the events refer to it */
	int live;		/* added before the end and not retired before it */
	int later;		/* added only after the end of the period */
	int *names;		/* every name it had, interned */
	size_t nnames;
};

/* The kinds of org a reference is looked up among (org_key()). */
enum { W_AREA, W_DISTRICT, W_DEPT, NWANT };
static const char *const want_names[NWANT] = { "area", "district", "dept" };

struct breakdown {
	long long (*v)[NFIG];	/* [name id + 1]: 0 is "none" */
	size_t n;
};

#define TREND 12
#define OFF_SLOTS 32768	/* hours of offsets cached: more than three years */

struct ctx {
	struct zdh_index *idx;
	const struct zdh_report_opts *o;
	const char *tz;
	struct pool names;
	struct zdh_calendar cal;
	long long overdue_secs;
	long long prev_since, prev_until;	/* the same period a year before */
	long long month[TREND + 1];		/* trend: month starts, then the end */
	char month_text[TREND][8];
	int scope_area, scope_district, scope_dept;	/* org keys, -1 none given */
	/*
	 * The registry, as of the end of the period: each org added, by the
	 * id of its record (org_at: an interned string -> its org + 1, 0 for
	 * none).  A report counts an org under its id, its key: events refer
	 * to orgs by id (format 2) or by a name they had (format 1, org_key()
	 * finds the org); it names them as they were (label()).
	 */
	struct rorg *orgs;
	size_t norgs;
	int *org_at;
	size_t norg_at;
	int *key_of[NWANT];	/* an interned reference -> its key + 1, 0 not asked yet */
	size_t nkey_of[NWANT];
	int want_kind[NWANT];	/* "area", "district", "dept" interned */
	long long registry[6];
	/* issue figures */
	long long fig[NFIG];
	long long reopened_callback, reopens, returns, urges, escalations, followups, callbacks;
	long long *days;
	size_t ndays, capdays;
	long long sat[6];	/* [1..5]: the last callback of each issue closed */
	long long petitions, petitions_prev;
	long long trend_opened[TREND], trend_solved[TREND];
	struct breakdown dim[NDIM];
	struct kagg *kind_agg;	/* the other kind being read */
	/*
	 * The issues' summaries answer for the issues they hold (see
	 * summary_section): then a record replayed here counts in the trend
	 * and the petitions of the year before only when the summaries do not
	 * (its last event was recorded after --as-of).
	 */
	int summary;
	long long as_of_max;	/* --as-of, or LLONG_MAX */
	sqlite3_stmt *put;	/* zdh_issue_summarize(): its INSERT, */
	struct zdh_buf history;	/* and the history it binds (summary_done) */
	/*
	 * local day of an instant: cached by hour, OFF_SLOTS of them (512
	 * KiB), made by the first day_of(): a summary, made at every write
	 * that folds an issue, asks for none
	 */
	struct { long long hour; int min, set; } *off;
};

static long long day_of(struct ctx *c, long long t)
{
	long long h = floordiv(t, 3600);
	size_t k = (size_t)(h & (OFF_SLOTS - 1));

	if (!c->off)
		c->off = zdh_calloc(OFF_SLOTS, sizeof(*c->off));
	if (!c->off[k].set || c->off[k].hour != h) {
		c->off[k].hour = h;
		c->off[k].min = zdh_date_offset(h * 3600, c->tz);
		c->off[k].set = 1;
	}
	return floordiv(t + c->off[k].min * 60LL, 86400);
}

static void bd_add(struct breakdown *b, int id, int fig)
{
	size_t i = (size_t)(id + 1);

	if (i >= b->n) {
		size_t n = i + 16;
		b->v = zdh_realloc(b->v, n * sizeof(*b->v));
		memset(b->v + b->n, 0, (n - b->n) * sizeof(*b->v));
		b->n = n;
	}
	b->v[i][fig]++;
}

/* ---- reading events ---- */

static int db_error(struct zdh_index *idx)
{
	return zdh_error_set(ZDH_ERROR, "index: %s", zdh_db_errmsg(zdh_index_db(idx)));
}

enum {
	OP_ADD, OP_CLAIM, OP_ESCALATE, OP_RESOLVE, OP_CLOSE, OP_REOPEN, OP_EDIT, OP_FOLLOWUP,
	OP_RETURN, OP_URGE, OP_RETIRE, OP_VOID, OP_OTHER
};
static const char *const op_names[] = {
	"add", "claim", "escalate", "resolve", "close", "reopen", "edit", "follow-up",
	"return", "urge", "retire", "void", NULL
};

static int op_code(const char *op)
{
	int i;

	/* (every event is asked: the first letter tells all but close/claim, resolve/reopen/return/retire) */
	switch (op[0]) {
	case 'a': i = OP_ADD; break;
	case 'c': i = op[1] == 'l' && op[2] == 'o' ? OP_CLOSE : OP_CLAIM; break;
	case 'e': i = op[1] == 's' ? OP_ESCALATE : OP_EDIT; break;
	case 'f': i = OP_FOLLOWUP; break;
	case 'r': i = op[2] == 's' ? OP_RESOLVE : op[2] == 'o' ? OP_REOPEN :
		op[2] == 't' && op[3] == 'u' ? OP_RETURN : OP_RETIRE; break;
	case 'u': i = OP_URGE; break;
	case 'v': i = OP_VOID; break;
	default: return OP_OTHER;
	}
	return !strcmp(op_names[i], op) ? i : OP_OTHER;
}

/* One event of a record, as read (fold order), then as replayed. */
struct row {
	long long happened, recorded;
	unsigned char id[20];	/* its commit id and clock (read for --as-of only) */
	long long clock;
	int op, effect, included;
	int f[5];		/* set fields (V_ABSENT, V_CLEARED or a name id) */
	long long due;		/* set.due as a day, or LLONG_MIN */
	int sat;
	int opname;		/* other kinds: the operation's name id */
	long long amount;	/* other kinds: data.amount (0 when none) */
};

struct rows {
	struct row *v;
	size_t n, cap;
	char *record;
	int late;	/* an event recorded after --as-of sorted before an included one */
	long long extra;	/* the query's first column (issue_summary: last_recorded) */
};

/*
 * Fold a record again from its included events alone, with its kind's own
 * check and apply, to know which of them take effect (see the top).
 */
static int refold(struct ctx *c, const char *kind_name, struct rows *r)
{
	const struct zdh_kind *kind = zdh_kind_find(kind_name);
	const struct zdh_config *cfg = zdh_index_repo(c->idx)->config;
	sqlite3 *db = zdh_index_db(c->idx);
	sqlite3_stmt *s = NULL;
	json_t *state = NULL;
	char note[160];
	int err = 0;

	if (!kind)
		return 0;
	if (zdh_index_prepare_db(db, "SELECT op, happened, happened_off, data, record, replica,"
			       " effect FROM events WHERE clock = ?1 AND id = ?2", &s))
		return db_error(c->idx);
	for (size_t i = 0; i < r->n && !err; i++) {
		struct zdh_event ev;
		const struct zdh_op *op;
		json_error_t jerr;
		if (!r->v[i].included)
			continue;
		sqlite3_reset(s);
		sqlite3_bind_int64(s, 1, r->v[i].clock);
		sqlite3_bind_blob(s, 2, r->v[i].id, sizeof(r->v[i].id), SQLITE_STATIC);
		if (sqlite3_step(s) != SQLITE_ROW) {
			err = db_error(c->idx);
			break;
		}
		memset(&ev, 0, sizeof(ev));
		ev.kind = (char *)kind_name;
		ev.op = (char *)sqlite3_column_text(s, 0);
		ev.record = (char *)sqlite3_column_text(s, 4);
		ev.date.t = sqlite3_column_int64(s, 1);
		ev.date.offset = sqlite3_column_int(s, 2);
		ev.replica = (char *)sqlite3_column_text(s, 5);
		ev.data = json_loads((const char *)sqlite3_column_text(s, 3), 0, &jerr);
		op = zdh_kind_op(kind, ev.op);
		r->v[i].effect = 0;
		/*
		 * what the fold refused besides the kind's check stays refused:
		 * the trust's verdict (a signature, a role), and a record made
		 * under a prefix another replica owns
		 */
		if (sqlite3_column_int(s, 6) == ZDH_EFFECT_REFUSED ||
		    (!state && zdh_prefix_refusal(note, sizeof(note), cfg, &ev))) {
			json_decref(ev.data);
			continue;
		}
		ev.clock = r->v[i].clock;
		if (op && ev.data && !op->check(state, &ev) &&
		    (!op->log_check || !op->log_check(c->idx, state, &ev))) {
			if (!state)
				state = json_object();
			zdh_kind_apply(kind, op, state, &ev);
			r->v[i].effect = 1;
		}
		zdh_error_clear();
		json_decref(ev.data);
	}
	sqlite3_finalize(s);
	json_decref(state);
	return err;
}

/*
 * Read the rows of s (prepared and bound), a kind's events in fold order
 * grouped by record, and call done with each record's rows.  Its columns:
 * 0 a value kept with the record (rows.extra), 1 record, 2 op, 3
 * happened, 4 recorded, 5 effect, 6.. the set fields (nfields of them),
 * then for issues due and satisfaction, for other kinds (but org) amount
 * and satisfaction, and last the event's clock and id (read for --as-of only).
 */
static int read_rows(struct ctx *c, const char *kind, sqlite3_stmt *s, int nfields,
		     int (*done)(struct ctx *c, struct rows *r))
{
	struct rows r = { NULL, 0, 0, NULL, 0, 0 };
	int issue = !strcmp(kind, "issue"), idcol = sqlite3_column_count(s) - 1;
	int rc, err = 0, late_seen = 0;

	for (;;) {
		const char *record = NULL;
		struct row *w;

		rc = sqlite3_step(s);
		if (rc == SQLITE_ROW)
			record = (const char *)sqlite3_column_text(s, 1);
		if (r.n && (!record || strcmp(record, r.record))) {
			if (r.late && (err = refold(c, kind, &r)))
				break;
			if ((err = done(c, &r)))
				break;
			r.n = 0;
			r.late = late_seen = 0;
		}
		if (rc != SQLITE_ROW)
			break;
		if (!r.n) {
			free(r.record);
			r.record = zdh_strdup(record);
			r.extra = sqlite3_column_int64(s, 0);
		}
		if (r.n == r.cap) {
			r.cap = r.cap ? r.cap * 2 : 32;
			r.v = zdh_realloc(r.v, r.cap * sizeof(*r.v));
		}
		w = &r.v[r.n++];
		memset(w, 0, sizeof(*w));
		if (sqlite3_column_bytes(s, idcol) == (int)sizeof(w->id)) {
			memcpy(w->id, sqlite3_column_blob(s, idcol), sizeof(w->id));
			w->clock = sqlite3_column_int64(s, idcol - 1);
		}
		w->op = op_code((const char *)sqlite3_column_text(s, 2));
		w->happened = sqlite3_column_int64(s, 3);
		w->recorded = sqlite3_column_int64(s, 4);
		w->effect = sqlite3_column_int(s, 5) == 1;
		w->included = !c->o->as_of_set || w->recorded <= c->o->as_of;
		if (!w->included)
			late_seen = 1;
		else if (late_seen)
			r.late = 1;
		for (int i = 0; i < nfields; i++)
			w->f[i] = field_value(&c->names, s, 6 + i);
		w->due = LLONG_MIN;
		if (issue) {
			/* a due day before 1970 is none, as parse_day() has it */
			if (sqlite3_column_type(s, 6 + nfields) == SQLITE_INTEGER &&
			    sqlite3_column_int64(s, 6 + nfields) >= 0)
				w->due = sqlite3_column_int64(s, 6 + nfields);
			w->sat = sqlite3_column_int(s, 7 + nfields);
		} else if (strcmp(kind, "org")) {
			w->opname = intern(&c->names, (const char *)sqlite3_column_text(s, 2));
			w->amount = sqlite3_column_int64(s, 6);
			w->sat = sqlite3_column_int(s, 7);
		}
	}
	if (!err && rc != SQLITE_DONE)
		err = db_error(c->idx);
	free(r.v);
	free(r.record);
	return err;
}

/*
 * Read the events of kind in fold order, grouped by record, and call done
 * with each record's rows.  fields_sql gives the query's columns 6..,
 * which read_rows() reads (the set fields, nfields of them, then the
 * kind's others: for issues due and satisfaction), over the facts the
 * fold keeps of each event (facts_<kind> f, in the table's own
 * order): the issues' declared facts need no JSON at all; the other kinds
 * (few events) read theirs from the event's data (e.data).
 */
static int read_events(struct ctx *c, const char *kind, const char *fields_sql, int nfields,
		       int (*done)(struct ctx *c, struct rows *r))
{
	sqlite3 *db = zdh_index_db(c->idx);
	sqlite3_stmt *s;
	int issue = !strcmp(kind, "issue");
	char *sql;
	int rc, err;

	/* (when and which an event was are read only for --as-of) */
	sql = zdh_asprintf("SELECT NULL, f.record, f.op, f.happened, %s, f.effect%s, %s"
			   " FROM facts_%s f%s"
			   " ORDER BY f.prefix, f.n, f.record, f.clock, f.replica, f.id",
			   c->o->as_of_set ? "f.recorded" : "0", fields_sql,
			   c->o->as_of_set ? "f.clock, f.id" : "NULL, NULL", kind,
			   issue ? "" : " JOIN events e ON e.clock = f.clock AND e.id = f.id");
	rc = zdh_index_prepare_db(db, sql, &s);
	free(sql);
	if (rc)
		return db_error(c->idx);
	err = read_rows(c, kind, s, nfields, done);
	sqlite3_finalize(s);
	return err;
}

/* ---- the registry ---- */

static const char *const org_kinds[] = {
	"area", "building", "dept", "district", "group", "unit", NULL
};

/* Grow an array of ints indexed by interned strings to hold index i, filling with fill. */
static void ints_grow(int **v, size_t *n, size_t i, int fill)
{
	size_t want;

	if (i < *n)
		return;
	want = i + 64;
	*v = zdh_realloc(*v, want * sizeof(int));
	for (size_t k = *n; k < want; k++)
		(*v)[k] = fill;
	*n = want;
}

/* The org whose record's id is the interned string v; NULL when none. */
static const struct rorg *org_of(const struct ctx *c, int v)
{
	return v >= 0 && (size_t)v < c->norg_at && c->org_at[v] ? &c->orgs[c->org_at[v] - 1] : NULL;
}

/* Per org: set fields kind, name, district. */
static int org_done(struct ctx *c, struct rows *r)
{
	int kind = V_ABSENT, name = V_ABSENT, district = V_ABSENT, added = 0, later = 0;
	int first_name = V_ABSENT, id;
	long long retired = LLONG_MAX;
	struct rorg *o;

	for (size_t i = 0; i < r->n; i++) {
		struct row *w = &r->v[i];
		if (!w->included || !w->effect)
			continue;
		if (w->op == OP_ADD) {
			added = 1;
			later = w->happened >= c->o->until;
		}
		if (w->f[0] != V_ABSENT)
			kind = w->f[0];
		if (w->f[1] != V_ABSENT)
			name = w->f[1];
		if (first_name < 0 && w->f[1] >= 0)
			first_name = w->f[1];
		if (w->f[2] != V_ABSENT)
			district = w->f[2];
		if (w->op == OP_RETIRE && w->happened < retired)
			retired = w->happened;
	}
	if (!added || kind < 0)
		return 0;
	id = intern(&c->names, r->record);
	c->orgs = zdh_realloc(c->orgs, (c->norgs + 1) * sizeof(*c->orgs));
	o = &c->orgs[c->norgs++];
	memset(o, 0, sizeof(*o));
	ints_grow(&c->org_at, &c->norg_at, (size_t)id, 0);
	c->org_at[id] = (int)c->norgs;
	o->id = id;
	o->kind = kind;
	o->later = later;
	o->district = -1;
	o->names = zdh_malloc((r->n + 1) * sizeof(int));
	for (size_t i = 0; i < r->n; i++)
		if (r->v[i].included && r->v[i].effect && r->v[i].f[1] >= 0)
			o->names[o->nnames++] = r->v[i].f[1];
	/* (an area added after the period too: its issues count under its district) */
	if (!strcmp(c->names.name[kind], "area"))
		o->district = district >= 0 ? district : -1;
	if (later) {
		/*
		 * Not there yet at the end of the period (an issue dated before
		 * its department was added): not counted, but named as it was
		 * added where an issue refers to it, never by its id.
		 */
		o->name = first_name >= 0 ? first_name : id;
		return 0;
	}
	o->name = name >= 0 ? name : id;
	o->live = retired >= c->o->until;
	if (!o->live)
		return 0;
	for (int k = 0; org_kinds[k]; k++)
		if (!strcmp(c->names.name[kind], org_kinds[k]))
			c->registry[k]++;
	return 0;
}

/*
 * The org a name of an old event (format 1) means, among those of kind
 * (-1: any): the one named so at the end of the period, live there; else
 * retired; else the one that had the name before; else one added after
 * the period that had it.  -1 when none has it, -2 when two of one of
 * these steps have it (two offices' "房管办"): the name is then counted
 * as itself, neither org's.
 */
static int org_named(const struct ctx *c, int v, int kind)
{
	for (int step = 0; step < 4; step++) {
		int found = -1;
		for (size_t i = 0; i < c->norgs; i++) {
			const struct rorg *o = &c->orgs[i];
			int has = 0;
			if (kind >= 0 && o->kind != kind)
				continue;
			if (step == 0)
				has = o->live && o->name == v;
			else if (step == 1)
				has = !o->later && !o->live && o->name == v;
			else if (step == 2 || (step == 3 && o->later))
				for (size_t k = 0; k < o->nnames && !has; k++)
					has = o->names[k] == v && (step == 3 || !o->later);
			if (!has)
				continue;
			if (found >= 0)
				return -2;
			found = (int)i;
		}
		if (found >= 0)
			return found;
	}
	return -1;
}

/*
 * What a reference to an org of kind want (an id, a name an old event
 * wrote) counts under: the org's key (its id, interned), or the
 * reference itself when no single org answers to it.  Asked once per
 * reference: an issue's lookups are an array's.
 */
static int org_key_slow(struct ctx *c, int v, int want)
{
	const struct rorg *o;
	int at;

	if ((o = org_of(c, v))) {
		at = o->id;
	} else {
		/* of the kind the field names; of any kind when none of it has the name */
		at = org_named(c, v, c->want_kind[want]);
		if (at == -1)
			at = org_named(c, v, -1);
		at = at >= 0 ? c->orgs[at].id : v;
	}
	ints_grow(&c->key_of[want], &c->nkey_of[want], (size_t)v, 0);
	c->key_of[want][v] = at + 1;
	return at;
}

static inline int org_key(struct ctx *c, int v, int want)
{
	if (v >= 0 && (size_t)v < c->nkey_of[want] && c->key_of[want][v])
		return c->key_of[want][v] - 1;
	return v < 0 ? v : org_key_slow(c, v, want);
}

/* What a report calls the org of key (the reference itself when it is none). */
static int label(const struct ctx *c, int key)
{
	const struct rorg *o = org_of(c, key);

	return o ? o->name : key;
}

/* The key of the district of the area of key, or -1. */
static int district_of(struct ctx *c, int area)
{
	const struct rorg *o = org_of(c, area);

	return o && o->district >= 0 ? org_key(c, o->district, W_DISTRICT) : -1;
}

/* ---- issues ---- */

enum { ST_OPEN, ST_CLAIMED, ST_ESCALATED, ST_RESOLVED, ST_CLOSED, ST_VOID };

static int status_code(const char *s)
{
	for (int i = 0; zdh_issue_states[i]; i++)
		if (!strcmp(zdh_issue_states[i], s))
			return i;
	return ST_OPEN;
}

static int in_period(const struct ctx *c, long long t)
{
	return t >= c->o->since && t < c->o->until;
}

static int month_of(const struct ctx *c, long long t)
{
	for (int m = 0; m < TREND; m++)
		if (t >= c->month[m] && t < c->month[m + 1])
			return m;
	return -1;
}

/* An issue's state, replayed from its effective events. */
struct istate {
	int added, area, category, source, dept, escalated, status;
	long long created, due;
};

/* A fact of the state replayed so far, when zdh_issue_next_status() asks. */
static int istate_fact(const void *ctx, enum zdh_issue_fact f)
{
	const struct istate *st = ctx;

	return f == ZDH_ISSUE_HAS_DEPT ? st->dept >= 0 : st->escalated;
}

/*
 * The state the issue's effective events that happened before t leave,
 * applied in fold order (t = LLONG_MAX: all of them, its current state).
 */
static void replay(struct istate *st, const struct rows *r, long long t)
{
	const char *status = NULL;

	memset(st, 0, sizeof(*st));
	st->area = st->category = st->source = st->dept = -1;
	st->due = LLONG_MIN;
	for (size_t i = 0; i < r->n; i++) {
		const struct row *w = &r->v[i];
		if (!w->included || !w->effect || w->happened >= t)
			continue;
		if (w->op == OP_ADD) {
			if (st->added)
				continue;
			st->added = 1;
			st->created = w->happened;
		}
		if (!st->added)
			continue;
		if (w->f[0] != V_ABSENT)
			st->area = w->f[0];
		if (w->f[1] != V_ABSENT)
			st->category = w->f[1];
		if (w->f[2] != V_ABSENT)
			st->source = w->f[2];
		if (w->f[3] != V_ABSENT)
			st->dept = w->f[3];
		if (w->due != LLONG_MIN)
			st->due = w->due;
		if (w->op == OP_ESCALATE)
			st->escalated = 1;
		status = zdh_issue_next_status(op_names[w->op < OP_OTHER ? w->op : OP_EDIT],
					       status, w->sat, istate_fact, st);
		/*
		 * a return clears them; an open issue has none (an edit a
		 * return it had not seen left open sets none: issue version 6)
		 */
		if (w->op == OP_RETURN || (status && !strcmp(status, "open"))) {
			st->dept = -1;
			st->due = LLONG_MIN;
		}
	}
	st->status = status ? status_code(status) : ST_OPEN;
}

static int issue_done(struct ctx *c, struct rows *r)
{
	struct istate now, end;
	long long first_resolve = LLONG_MAX;
	int closed = 0, callback = 0, reopened = 0, petition, key[NDIM];
	const struct row *last_sat = NULL;
	int open_end = 0, overdue_end = 0, later = 0;

	replay(&now, r, LLONG_MAX);
	now.area = org_key(c, now.area, W_AREA);
	now.dept = org_key(c, now.dept, W_DEPT);
	if (!now.added || now.status == ST_VOID)
		return 0;	/* a void issue was entered by mistake: it counts nowhere */
	/* the state at the end is the one now when every event it replays happened before */
	for (size_t i = 0; i < r->n; i++)
		if (r->v[i].included && r->v[i].effect && r->v[i].happened >= c->o->until)
			later = 1;
	if (later) {
		replay(&end, r, c->o->until);
		end.area = org_key(c, end.area, W_AREA);
		end.dept = org_key(c, end.dept, W_DEPT);
	} else {
		end = now;
	}
	/* scope: one given is a key, >= 0, so an issue with none (-1) is outside it */
	if (c->scope_area >= 0 && now.area != c->scope_area)
		return 0;
	if (c->scope_district >= 0 && district_of(c, now.area) != c->scope_district)
		return 0;
	if (c->scope_dept >= 0 && (!end.added || end.dept != c->scope_dept))
		return 0;

	petition = now.source >= 0 && !strcmp(c->names.name[now.source], "petition");
	for (size_t i = 0; i < r->n; i++) {
		const struct row *w = &r->v[i];

		if (!w->included || !w->effect)
			continue;
		if (w->op == OP_RESOLVE && w->happened < first_resolve)
			first_resolve = w->happened;
		if (w->op == OP_CLOSE && w->sat && w->happened < c->o->until &&
		    (!last_sat || w->happened >= last_sat->happened))
			last_sat = w;
		if (!in_period(c, w->happened))
			continue;
		switch (w->op) {
		case OP_CLOSE:
			if (w->sat)
				c->callbacks++;
			if (w->sat >= 1 && w->sat <= 2)
				callback = 1;
			else
				closed = 1;
			break;
		case OP_REOPEN: reopened = 1; break;
		case OP_RETURN: c->returns++; break;
		case OP_URGE: c->urges++; break;
		case OP_ESCALATE: c->escalations++; break;
		case OP_FOLLOWUP: c->followups++; break;
		}
	}
	if (end.added &&
	    (end.status == ST_OPEN || end.status == ST_CLAIMED || end.status == ST_ESCALATED)) {
		open_end = 1;
		if (end.due != LLONG_MIN)
			overdue_end = end.due < day_of(c, c->o->until);
		else
			overdue_end = end.created < c->o->until - c->overdue_secs;
	}
	key[D_AREA] = now.area;
	key[D_DISTRICT] = district_of(c, now.area);
	key[D_CATEGORY] = now.category;
	key[D_SOURCE] = now.source;
	key[D_DEPT] = end.added ? end.dept : -1;
	{
		int v[NFIG] = {
			in_period(c, now.created), first_resolve != LLONG_MAX && in_period(c, first_resolve),
			closed, open_end, overdue_end
		};
		for (int f = 0; f < NFIG; f++) {
			if (!v[f])
				continue;
			c->fig[f]++;
			for (int d = 0; d < NDIM; d++)
				bd_add(&c->dim[d], key[d], f);
		}
		if (v[F_SOLVED]) {
			long long wd = zdh_workday_count(&c->cal, day_of(c, now.created), day_of(c, first_resolve));
			if (c->ndays == c->capdays) {
				c->capdays = c->capdays ? c->capdays * 2 : 256;
				c->days = zdh_realloc(c->days, c->capdays * sizeof(*c->days));
			}
			c->days[c->ndays++] = wd;
		}
		if (closed && last_sat && last_sat->sat >= 1 && last_sat->sat <= 5)
			c->sat[last_sat->sat]++;
	}
	c->reopened_callback += callback;
	c->reopens += reopened;
	if (petition && in_period(c, now.created))
		c->petitions++;
	if (c->summary && r->extra <= c->as_of_max)
		return 0;	/* its trend and year before are the summaries' (summary_section) */
	if (petition && now.created >= c->prev_since && now.created < c->prev_until)
		c->petitions_prev++;
	{
		int m = month_of(c, now.created);
		if (m >= 0)
			c->trend_opened[m]++;
		if (first_resolve != LLONG_MAX && (m = month_of(c, first_resolve)) >= 0)
			c->trend_solved[m]++;
	}
	return 0;
}

/* ---- the issues' summaries ---- */

/*
 * The fold keeps a summary of each issue (the table issue_summary, which
 * the issue kind declares: kind.h, summarize), made here from the issue's
 * facts by the same replay a report does, with every event included:
 * whether it counts at all (added, not void), its status, area,
 * category, source, dept and due now, when it was added and first
 * resolved, and the latest happened and recorded of its events.
 *
 * An issue none of whose events happened at or after the start of the
 * period, nor was recorded after --as-of, is at the end of the period as
 * it is now, and no event of it is in the period: it can count only in
 * the issues open and overdue at the end, the trend and the petitions of
 * the year before, all of which its summary answers (SQL over the
 * summaries).  Every other issue is replayed from its events
 * (issue_done), the trend and the year before too for those whose events
 * were recorded after --as-of (the summaries hold them otherwise).
 */

/*
 * history: the issue's events in fold order, each op (OP_*), flags (1
 * took effect, 2 has a due day), happened (8 bytes), satisfaction (4),
 * the due day (8, when flagged), then area, category, source and dept:
 * 0 not set, 1 cleared, 2 a name (4 bytes of length, then its bytes).
 * Numbers little-endian.  What replay() and issue_done() read of an
 * event, so an issue is replayed from its summary row alone, and the
 * rows a period needs lie together (the table's key starts with
 * last_happened).
 */
static void put_num(struct zdh_buf *b, unsigned long long v, int bytes)
{
	for (int i = 0; i < bytes; i++)
		zdh_buf_addch(b, (char)(v >> (8 * i) & 0xff));
}

static unsigned long long get_num(const unsigned char **p, int bytes)
{
	unsigned long long v = 0;

	for (int i = 0; i < bytes; i++)
		v |= (unsigned long long)(*p)[i] << (8 * i);
	*p += bytes;
	return v;
}

static void history_put(struct zdh_buf *b, const struct ctx *c, const struct row *w)
{
	zdh_buf_addch(b, (char)w->op);
	zdh_buf_addch(b, (char)((w->effect ? 1 : 0) | (w->due != LLONG_MIN ? 2 : 0)));
	put_num(b, (unsigned long long)w->happened, 8);
	put_num(b, (unsigned long long)(unsigned)w->sat, 4);
	if (w->due != LLONG_MIN)
		put_num(b, (unsigned long long)w->due, 8);
	for (int i = 0; i < 4; i++) {
		if (w->f[i] == V_ABSENT || w->f[i] == V_CLEARED) {
			zdh_buf_addch(b, w->f[i] == V_ABSENT ? 0 : 1);
			continue;
		}
		zdh_buf_addch(b, 2);
		put_num(b, strlen(c->names.name[w->f[i]]), 4);
		zdh_buf_puts(b, c->names.name[w->f[i]]);
	}
}

/* The rows of a history (every event included); -1 when it is not one. */
static int history_get(struct ctx *c, struct rows *r, const unsigned char *p, size_t len)
{
	const unsigned char *end = p + len;
	struct zdh_buf name = ZDH_BUF_INIT;
	int err = 0;

	r->n = 0;
	while (p < end && !err) {
		struct row *w;
		int flags;
		if (end - p < 14) {
			err = -1;
			break;
		}
		if (r->n == r->cap) {
			r->cap = r->cap ? r->cap * 2 : 32;
			r->v = zdh_realloc(r->v, r->cap * sizeof(*r->v));
		}
		w = &r->v[r->n++];
		memset(w, 0, sizeof(*w));
		w->included = 1;
		w->op = p[0] <= OP_OTHER ? p[0] : OP_OTHER;
		flags = p[1];
		w->effect = flags & 1;
		w->due = LLONG_MIN;
		if (flags & 2 && end - p < 22) {
			err = -1;
			break;
		}
		p += 2;
		w->happened = (long long)get_num(&p, 8);
		w->sat = (int)(unsigned)get_num(&p, 4);
		if (flags & 2)
			w->due = (long long)get_num(&p, 8);
		for (int i = 0; i < 4 && !err; i++) {
			size_t n;
			if (p >= end) {
				err = -1;
				break;
			}
			if (*p != 2) {
				w->f[i] = *p++ ? V_CLEARED : V_ABSENT;
				continue;
			}
			p++;
			if (end - p < 4 || (n = get_num(&p, 4)) > (size_t)(end - p)) {
				err = -1;
				break;
			}
			zdh_buf_reset(&name);
			zdh_buf_add(&name, p, n);
			p += n;
			w->f[i] = intern(&c->names, name.ptr);
		}
	}
	zdh_buf_release(&name);
	return err;
}

static int summary_done(struct ctx *c, struct rows *r)
{
	struct istate now;
	long long first_resolve = LLONG_MAX, happened = LLONG_MIN, recorded = LLONG_MIN;
	sqlite3_stmt *p = c->put;
	struct zdh_buf *history = &c->history;
	const int *field[4] = { &now.area, &now.category, &now.source, &now.dept };
	int rc;

	replay(&now, r, LLONG_MAX);
	zdh_buf_reset(history);
	for (size_t i = 0; i < r->n; i++) {
		const struct row *w = &r->v[i];
		if (w->happened > happened)
			happened = w->happened;
		if (w->recorded > recorded)
			recorded = w->recorded;
		if (w->effect && w->op == OP_RESOLVE && w->happened < first_resolve)
			first_resolve = w->happened;
		history_put(history, c, w);
	}
	sqlite3_reset(p);
	sqlite3_clear_bindings(p);
	sqlite3_bind_text(p, 1, r->record, -1, SQLITE_STATIC);
	sqlite3_bind_int(p, 2, now.added && now.status != ST_VOID);
	sqlite3_bind_int(p, 3, now.status);
	for (int i = 0; i < 4; i++)
		if (*field[i] >= 0)
			sqlite3_bind_text(p, 4 + i, c->names.name[*field[i]], -1, SQLITE_STATIC);
	if (now.due != LLONG_MIN)
		sqlite3_bind_int64(p, 8, now.due);
	if (now.added)
		sqlite3_bind_int64(p, 9, now.created);
	if (first_resolve != LLONG_MAX)
		sqlite3_bind_int64(p, 10, first_resolve);
	sqlite3_bind_int64(p, 11, happened);
	sqlite3_bind_int64(p, 12, recorded);
	sqlite3_bind_blob(p, 13, history->ptr ? history->ptr : "", (int)history->len, SQLITE_STATIC);
	rc = sqlite3_step(p);
	sqlite3_reset(p);
	return rc == SQLITE_DONE ? 0 : db_error(c->idx);
}

/*
 * The issue's facts as read_rows() takes them (its first and last
 * columns: none here), from the table facts itself, their columns
 * (f1..f8) found by name in the issue kind's facts: the view facts_issue,
 * put in by zdh_index_prepare_db, made a write's summary 92,000
 * instructions dearer to prepare.  where is " AND record = ?1" or "",
 * order the ORDER BY terms.
 */
static char *summary_facts(const char *where, const char *order)
{
	static const char *const names[] = { "area", "category", "source", "dept", "due",
					     "satisfaction" };
	const struct zdh_kind *k = zdh_kind_find("issue");
	struct zdh_buf sql = ZDH_BUF_INIT;

	zdh_buf_puts(&sql, "SELECT NULL, record, op, happened, recorded, effect");
	for (size_t i = 0; i < sizeof(names) / sizeof(*names); i++) {
		int slot = 0;
		for (int f = 0; k && k->facts && k->facts[f].name; f++)
			if (!strcmp(k->facts[f].name, names[i]))
				slot = f + 1;
		ZDH_ASSERT(slot > 0);	/* the issue kind declares each fact a report reads */
		zdh_buf_addf(&sql, ", f%d", slot);
	}
	zdh_buf_addf(&sql, ", NULL FROM facts WHERE kind = 'issue'%s ORDER BY %s", where, order);
	return zdh_buf_detach(&sql);
}

/* (an issue's row goes by its id too, issue_summary_record: it replaces the old one) */
static const char summary_put_sql[] =
	"INSERT OR REPLACE INTO issue_summary(record, live, status, area, category, source, dept,"
	" due, created, first_resolve, last_happened, last_recorded, history)"
	" VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13)";

int zdh_issue_summarize(struct zdh_index *idx, const char *const *ids, size_t n)
{
	static const struct zdh_report_opts all;	/* every event included */
	/*
	 * The statements come from the index's cache, which knows them by
	 * their text's address: the facts' SQL is made once a process, and
	 * a process that commits many times (an import, a catch-up)
	 * prepares them once, not at every commit.
	 */
	static const char *facts_all, *facts_one;
	const char **facts = ids ? &facts_one : &facts_all;
	sqlite3_stmt *s = NULL;
	struct ctx *c = zdh_calloc(1, sizeof(*c));
	int err = 0;

	c->idx = idx;
	c->o = &all;
	zdh_buf_init(&c->history);
	if (!*facts)
		*facts = ids ? summary_facts(" AND " ZDH_SQL_RECORD_IS("", "'issue'", "?1"),
					     "clock, replica, id") :
			 summary_facts("", "prefix, n, record, clock, replica, id");
	if (!(c->put = zdh_index_cached(idx, summary_put_sql)) ||
	    !(s = zdh_index_cached(idx, *facts))) {
		err = db_error(idx);
		goto done;
	}
	if (!ids) {
		if (sqlite3_exec(zdh_index_db(idx), "DELETE FROM issue_summary", NULL, NULL, NULL))
			err = db_error(idx);
		else
			err = read_rows(c, "issue", s, 4, summary_done);
		goto done;
	}
	/* (a record noted has a fact at least: ix_put_fact() noted it) */
	for (size_t i = 0; i < n && !err; i++) {
		sqlite3_reset(s);
		sqlite3_bind_text(s, 1, ids[i], -1, SQLITE_STATIC);
		err = read_rows(c, "issue", s, 4, summary_done);
		/* (names of other issues are not needed again) */
		pool_free(&c->names);
		memset(&c->names, 0, sizeof(c->names));
	}
done:
	/* (the cache's: reset, not finalized, its ids' bindings are cleared at its next use) */
	sqlite3_reset(s);
	sqlite3_reset(c->put);
	zdh_buf_release(&c->history);
	pool_free(&c->names);
	free(c->off);
	free(c);
	return err;
}

/* Replay each issue of s (last_recorded, record, history) with issue_done. */
static int read_histories(struct ctx *c, sqlite3_stmt *s)
{
	struct rows r = { NULL, 0, 0, NULL, 0, 0 };
	int rc, err = 0;

	while (!err && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		r.extra = sqlite3_column_int64(s, 0);
		r.record = (char *)sqlite3_column_text(s, 1);
		if (history_get(c, &r, sqlite3_column_blob(s, 2), (size_t)sqlite3_column_bytes(s, 2)))
			err = zdh_error_set(ZDH_ERROR, _("the index's summary of issue %s is damaged"
						       " (zdh reindex makes it again)"), r.record);
		else
			err = issue_done(c, &r);
	}
	if (!err && rc != SQLITE_DONE)
		err = db_error(c->idx);
	free(r.v);
	return err;
}

/* The name in a summary row's column col, interned (NULL or "": -1); the caller finds its org. */
static int summary_name(struct ctx *c, sqlite3_stmt *s, int col)
{
	const char *v = (const char *)sqlite3_column_text(s, col);

	return v && *v ? intern(&c->names, v) : -1;
}

static void bd_addn(struct breakdown *b, int id, int fig, long long n)
{
	if (!n)
		return;
	bd_add(b, id, fig);
	b->v[id + 1][fig] += n - 1;
}

static int count_query(struct ctx *c, long long *out, const char *sql, long long a, long long b)
{
	sqlite3_stmt *s = zdh_index_cached(c->idx, sql);
	int rc;

	if (!s)
		return db_error(c->idx);
	/* ?1, ?2 and ?3 (--as-of), as many as sql names */
	long long v[3] = { a, b, c->as_of_max };
	for (int i = 0; i < sqlite3_bind_parameter_count(s) && i < 3; i++)
		sqlite3_bind_int64(s, i + 1, v[i]);
	rc = sqlite3_step(s);
	*out = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
	sqlite3_reset(s);
	return rc == SQLITE_ROW ? 0 : db_error(c->idx);
}

/* The issues no event of which is in the period or after it (see summary_section). */
static int summary_rest(struct ctx *c)
{
	sqlite3 *db = zdh_index_db(c->idx);
	sqlite3_stmt *s;
	int rc, err;

	/* the others open at the end of the period (as now), by what they are counted by */
	if (zdh_index_prepare_db(db, "SELECT area, category, source, dept, count(*),"
			       " sum(CASE WHEN due IS NOT NULL THEN due < ?1 ELSE created < ?2 END)"
			       " FROM issue_summary WHERE live AND status < 3"
			       " AND last_happened < ?3 AND last_recorded <= ?4"
			       " GROUP BY area, category, source, dept", &s))
		return db_error(c->idx);
	sqlite3_bind_int64(s, 1, day_of(c, c->o->until));
	sqlite3_bind_int64(s, 2, c->o->until - c->overdue_secs);
	sqlite3_bind_int64(s, 3, c->o->since);
	sqlite3_bind_int64(s, 4, c->as_of_max);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		int area = org_key(c, summary_name(c, s, 0), W_AREA), key[NDIM];
		long long open = sqlite3_column_int64(s, 4), overdue = sqlite3_column_int64(s, 5);

		key[D_AREA] = area;
		key[D_DISTRICT] = district_of(c, area);
		key[D_CATEGORY] = summary_name(c, s, 1);
		key[D_SOURCE] = summary_name(c, s, 2);
		key[D_DEPT] = org_key(c, summary_name(c, s, 3), W_DEPT);
		c->fig[F_OPEN_END] += open;
		c->fig[F_OVERDUE_END] += overdue;
		for (int d = 0; d < NDIM; d++) {
			bd_addn(&c->dim[d], key[d], F_OPEN_END, open);
			bd_addn(&c->dim[d], key[d], F_OVERDUE_END, overdue);
		}
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return db_error(c->idx);
	/* the trend and the petitions of the year before, of every issue the summaries hold */
	for (int m = 0; m < TREND; m++) {
		long long n;
		if ((err = count_query(c, &n, "SELECT count(*) FROM issue_summary WHERE live"
				       " AND created >= ?1 AND created < ?2 AND last_recorded <= ?3",
				       c->month[m], c->month[m + 1])))
			return err;
		c->trend_opened[m] += n;
		if ((err = count_query(c, &n, "SELECT count(*) FROM issue_summary WHERE live"
				       " AND first_resolve NOTNULL AND first_resolve >= ?1"
				       " AND first_resolve < ?2 AND last_recorded <= ?3",
				       c->month[m], c->month[m + 1])))
			return err;
		c->trend_solved[m] += n;
	}
	{
		long long n;
		if ((err = count_query(c, &n, "SELECT count(*) FROM issue_summary WHERE live"
				       " AND created >= ?1 AND created < ?2 AND last_recorded <= ?3"
				       " AND source = 'petition'", c->prev_since, c->prev_until)))
			return err;
		c->petitions_prev += n;
	}
	return 0;
}

/* The issues' figures, from the summaries and the issues they cannot answer for. */
static int summary_section(struct ctx *c)
{
	sqlite3 *db = zdh_index_db(c->idx);
	sqlite3_stmt *s;
	int err;

	c->summary = 1;
	/* the issues replayed: an event in the period or after it, from their summaries, */
	if (zdh_index_prepare_db(db, "SELECT last_recorded, record, history FROM issue_summary"
			       " WHERE last_happened >= ?1 AND last_recorded <= ?2", &s))
		return db_error(c->idx);
	sqlite3_bind_int64(s, 1, c->o->since);
	sqlite3_bind_int64(s, 2, c->as_of_max);
	err = read_histories(c, s);
	sqlite3_finalize(s);
	if (err)
		return err;
	/* ... and from their events, those with an event recorded after --as-of */
	if (c->o->as_of_set) {
		if (zdh_index_prepare_db(db, "SELECT s.last_recorded, f.record, f.op, f.happened,"
				       " f.recorded, f.effect, f.area, f.category, f.source, f.dept, f.due,"
				       " f.satisfaction, f.clock, f.id FROM (SELECT record, last_recorded"
				       " FROM issue_summary INDEXED BY issue_summary_recorded"
				       " WHERE last_recorded > ?1 ORDER BY record) s"
				       " CROSS JOIN facts_issue f"
				       " ON " ZDH_SQL_RECORD_IS("f.", "'issue'", "s.record")
				       " ORDER BY s.record, f.clock, f.replica, f.id", &s))
			return db_error(c->idx);
		sqlite3_bind_int64(s, 1, c->as_of_max);
		err = read_rows(c, "issue", s, 4, issue_done);
		sqlite3_finalize(s);
		if (err)
			return err;
	}
	return summary_rest(c);
}

/* ---- the other kinds ---- */

/*
 * Every other kind the binary knows (council, menu, visits, projects,
 * funds...): its records at the end of the period, the records added in
 * it, its effective events of each operation in the period (with the sum
 * of their data.amount when they carry one) and the satisfaction (1-5)
 * they record.  A kind with figures of its own meaning gets its own
 * entry in sections[] instead.
 */
struct kagg {
	const char *mistake;	/* its kind's mistake_op: a record voided so counts nowhere */
	long long at_end, added, sat[6];
	long long *events, *amount, *has_amount;	/* by op name id */
	size_t n;
};

static void kagg_grow(struct kagg *k, size_t n)
{
	if (n <= k->n)
		return;
	k->events = zdh_realloc(k->events, n * sizeof(long long));
	k->amount = zdh_realloc(k->amount, n * sizeof(long long));
	k->has_amount = zdh_realloc(k->has_amount, n * sizeof(long long));
	for (size_t i = k->n; i < n; i++)
		k->events[i] = k->amount[i] = k->has_amount[i] = 0;
	k->n = n;
}

static int kind_done(struct ctx *c, struct rows *r)
{
	struct kagg *k = c->kind_agg;
	long long first = LLONG_MAX;

	/* entered by mistake (a void visit): in no figure, as a void issue */
	for (size_t i = 0; k->mistake && i < r->n; i++)
		if (r->v[i].included && r->v[i].effect &&
		    !strcmp(c->names.name[r->v[i].opname], k->mistake))
			return 0;
	for (size_t i = 0; i < r->n; i++) {
		const struct row *w = &r->v[i];
		if (!w->included || !w->effect)
			continue;
		if (w->happened < first)
			first = w->happened;
		if (!in_period(c, w->happened))
			continue;
		kagg_grow(k, c->names.n + 1);
		k->events[w->opname]++;
		if (w->amount) {
			k->amount[w->opname] += w->amount;
			k->has_amount[w->opname] = 1;
		}
		if (w->sat >= 1 && w->sat <= 5)
			k->sat[w->sat]++;
	}
	if (first < c->o->until)
		k->at_end++;
	if (first != LLONG_MAX && in_period(c, first))
		k->added++;
	return 0;
}

static int cmp_name_id(const void *a, const void *b, void *names)
{
	return strcmp(((char **)names)[*(const int *)a], ((char **)names)[*(const int *)b]);
}

static int kinds_section(struct ctx *c, json_t *report)
{
	json_t *all = json_object();
	int err = 0;

	for (size_t i = 0; zdh_kinds[i] && !err; i++) {
		const char *name = zdh_kinds[i]->name;
		struct kagg k;
		json_t *o, *ops, *dist;
		int *ids;
		size_t n = 0;
		long long cnt = 0, sum = 0;

		/* issues and orgs have tables of their own; saved reports and the
		 * shared settings are the offices' tools, not records of work */
		if (!strcmp(name, "issue") || !strcmp(name, "org") || !strcmp(name, "report") ||
		    !strcmp(name, "setting"))
			continue;
		memset(&k, 0, sizeof(k));
		k.mistake = zdh_kinds[i]->mistake_op;
		c->kind_agg = &k;
		err = read_events(c, name, ", json_extract(e.data, '$.amount'),"
				  " coalesce(json_extract(e.data, '$.satisfaction'),"
				  " json_extract(e.data, '$.set.satisfaction'))", 0, kind_done);
		o = json_object();
		json_object_set_new(o, "records_at_end", json_integer(k.at_end));
		json_object_set_new(o, "added", json_integer(k.added));
		ops = json_object();
		ids = zdh_malloc((k.n + 1) * sizeof(int));
		for (size_t j = 0; j < k.n; j++)
			if (k.events[j])
				ids[n++] = (int)j;
		qsort_r(ids, n, sizeof(int), cmp_name_id, c->names.name);
		for (size_t j = 0; j < n; j++) {
			json_t *op = json_object();
			json_object_set_new(op, "events", json_integer(k.events[ids[j]]));
			if (k.has_amount[ids[j]])
				json_object_set_new(op, "amount", json_integer(k.amount[ids[j]]));
			json_object_set_new(ops, c->names.name[ids[j]], op);
		}
		free(ids);
		json_object_set_new(o, "events", ops);
		dist = json_object();
		for (int v = 1; v <= 5; v++) {
			char key[2] = { (char)('0' + v), 0 };
			json_object_set_new(dist, key, json_integer(k.sat[v]));
			cnt += k.sat[v];
			sum += v * k.sat[v];
		}
		json_object_set_new(o, "satisfaction", json_pack("{s:I, s:o, s:o}", "count", (json_int_t)cnt,
			"mean", cnt ? json_real((double)((200 * sum + cnt) / (2 * cnt)) / 100) : json_null(),
			"distribution", dist));
		json_object_set_new(all, name, o);
		free(k.events);
		free(k.amount);
		free(k.has_amount);
		c->kind_agg = NULL;
	}
	json_object_set_new(report, "kinds", all);
	return err;
}

/* ---- building the JSON ---- */

static int cmp_ll(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;

	return (x > y) - (x < y);
}

/*
 * Sort days: counted when they span less than 2^20 values (working days
 * always do), else qsort.
 */
static void sort_days(long long *v, size_t n)
{
	long long lo = LLONG_MAX, hi = LLONG_MIN;
	size_t *count, k = 0;

	for (size_t i = 0; i < n; i++) {
		lo = v[i] < lo ? v[i] : lo;
		hi = v[i] > hi ? v[i] : hi;
	}
	if (!n || hi - lo >= 1 << 20) {
		qsort(v, n, sizeof(*v), cmp_ll);
		return;
	}
	count = zdh_calloc((size_t)(hi - lo) + 1, sizeof(*count));
	for (size_t i = 0; i < n; i++)
		count[v[i] - lo]++;
	for (long long d = lo; d <= hi; d++)
		for (size_t j = count[d - lo]; j > 0; j--)
			v[k++] = d;
	free(count);
}

/* Round to 2 decimals, as a JSON number. */
static json_t *dec2(double x)
{
	return json_real(round(x * 100) / 100);
}

static json_t *resolve_days(struct ctx *c)
{
	json_t *o = json_object();
	size_t n = c->ndays;

	json_object_set_new(o, "count", json_integer((json_int_t)n));
	if (!n) {
		json_object_set_new(o, "median", json_null());
		json_object_set_new(o, "p90", json_null());
		return o;
	}
	sort_days(c->days, n);
	if (n % 2)
		json_object_set_new(o, "median", json_integer(c->days[n / 2]));
	else if ((c->days[n / 2 - 1] + c->days[n / 2]) % 2 == 0)
		json_object_set_new(o, "median", json_integer((c->days[n / 2 - 1] + c->days[n / 2]) / 2));
	else
		json_object_set_new(o, "median", dec2((c->days[n / 2 - 1] + c->days[n / 2]) / 2.0));
	/* nearest rank: the smallest value with at least 90 % of the values at or below it */
	json_object_set_new(o, "p90", json_integer(c->days[(n * 9 + 9) / 10 - 1]));
	return o;
}

static json_t *satisfaction(struct ctx *c)
{
	json_t *o = json_object(), *dist = json_object();
	long long n = 0, sum = 0;

	for (int s = 1; s <= 5; s++) {
		char k[2] = { (char)('0' + s), 0 };
		json_object_set_new(dist, k, json_integer(c->sat[s]));
		n += c->sat[s];
		sum += s * c->sat[s];
	}
	json_object_set_new(o, "count", json_integer(n));
	/* rounded half up, in integers: (200 sum + n) / 2n hundredths */
	json_object_set_new(o, "mean", n ? json_real((double)((200 * sum + n) / (2 * n)) / 100) :
			    json_null());
	json_object_set_new(o, "distribution", dist);
	return o;
}

/* The change from prev to cur in whole percent, half away from zero; null when prev is 0. */
static json_t *change_percent(long long cur, long long prev)
{
	long long num = (cur - prev) * 100, q;

	if (!prev)
		return json_null();
	q = (2 * llabs(num) + prev) / (2 * prev);
	return json_integer(num < 0 ? -q : q);
}

/*
 * The rows of a breakdown by what they show, in byte order, "none" last;
 * two orgs of one name by id, then the name an old event gave that
 * neither answers to alone.
 */
static int cmp_row(const void *a, const void *b, void *ctx)
{
	const struct ctx *c = ctx;
	int x = *(const int *)a, y = *(const int *)b, d;

	if (x < 0 || y < 0)
		return (x < 0) - (y < 0);	/* "none" last */
	if ((d = strcmp(c->names.name[label(c, x)], c->names.name[label(c, y)])))
		return d;
	if (!org_of(c, x) || !org_of(c, y))
		return !org_of(c, x) - !org_of(c, y);
	return zdh_menu_id_cmp(c->names.name[x], c->names.name[y]);	/* in id order */
}

static json_t *breakdown(struct ctx *c, int d)
{
	json_t *arr = json_array();
	int *ids = zdh_malloc((c->dim[d].n + 1) * sizeof(int));
	size_t n = 0;

	for (size_t i = 0; i < c->dim[d].n; i++) {
		int any = 0;
		for (int f = 0; f < NFIG; f++)
			any |= c->dim[d].v[i][f] != 0;
		if (any)
			ids[n++] = (int)i - 1;
	}
	qsort_r(ids, n, sizeof(int), cmp_row, c);
	for (size_t i = 0; i < n; i++) {
		json_t *row = json_object();
		int shown = ids[i] < 0 ? -1 : label(c, ids[i]);
		json_object_set_new(row, dim_names[d], shown < 0 ? json_null() :
				    json_string(c->names.name[shown]));
		/* rows that show one name (two offices' orgs): each says which it is */
		if (shown >= 0 && ((i > 0 && ids[i - 1] >= 0 && label(c, ids[i - 1]) == shown) ||
				   (i + 1 < n && ids[i + 1] >= 0 && label(c, ids[i + 1]) == shown)))
			json_object_set_new(row, "id", org_of(c, ids[i]) ?
					    json_string(c->names.name[ids[i]]) : json_null());
		for (int f = 0; f < NFIG; f++)
			json_object_set_new(row, fig_keys[f],
					    json_integer(c->dim[d].v[ids[i] + 1][f]));
		json_array_append_new(arr, row);
	}
	free(ids);
	return arr;
}

/*
 * Do the summaries answer for enough of the issues?  Those with an event
 * recorded after --as-of are replayed from their facts, one lookup each:
 * when they are a quarter of the issues or more (an --as-of before an
 * import), reading every issue's facts in order costs less.
 */
static int summaries_answer(struct ctx *c, int *use)
{
	long long late = 0, fewer = 0;
	int err;

	*use = 1;
	if (!c->o->as_of_set)
		return 0;
	if ((err = count_query(c, &late, "SELECT count(*) FROM (SELECT 1 FROM issue_summary"
			       " WHERE last_recorded > ?1 LIMIT ?2)", c->o->as_of, 4097)))
		return err;
	if (late <= 4096)
		return 0;
	/* (the late ones and all of them in one pass, of issue_summary_recorded) */
	if ((err = count_query(c, &fewer, "SELECT 4 * count(*) FILTER (WHERE last_recorded > ?1)"
			       " < count(*) FROM issue_summary", c->o->as_of, 0)))
		return err;
	*use = fewer != 0;
	return 0;
}

static int issues_section(struct ctx *c, json_t *report)
{
	json_t *o, *trend, *pet;
	int err, use = 0;

	/* (a report narrowed to an area, district or dept replays every issue) */
	if (c->scope_area < 0 && c->scope_district < 0 && c->scope_dept < 0 &&
	    (err = summaries_answer(c, &use)))
		return err;
	if (use)
		err = summary_section(c);
	else
		err = read_events(c, "issue", ", area, category, source, dept, due, satisfaction",
				  4, issue_done);
	if (err)
		return err;
	o = json_object();
	for (int f = 0; f < NFIG; f++)
		json_object_set_new(o, fig_keys[f], json_integer(c->fig[f]));
	json_object_set_new(o, "reopened_after_callback", json_integer(c->reopened_callback));
	json_object_set_new(o, "reopened", json_integer(c->reopens));
	json_object_set_new(o, "returns", json_integer(c->returns));
	json_object_set_new(o, "urges", json_integer(c->urges));
	json_object_set_new(o, "escalations", json_integer(c->escalations));
	json_object_set_new(o, "followups", json_integer(c->followups));
	json_object_set_new(o, "callbacks", json_integer(c->callbacks));
	json_object_set_new(o, "resolve_days", resolve_days(c));
	json_object_set_new(o, "satisfaction", satisfaction(c));
	for (int d = 0; d < NDIM; d++)
		json_object_set_new(o, dim_keys[d], breakdown(c, d));
	json_object_set_new(report, "issues", o);

	pet = json_object();
	json_object_set_new(pet, "opened", json_integer(c->petitions));
	json_object_set_new(pet, "year_before", json_integer(c->petitions_prev));
	json_object_set_new(pet, "change_percent", change_percent(c->petitions, c->petitions_prev));
	json_object_set_new(report, "petitions", pet);

	trend = json_array();
	for (int m = 0; m < TREND; m++)
		json_array_append_new(trend, json_pack("{s:s, s:I, s:I}", "month", c->month_text[m],
						       "opened", (json_int_t)c->trend_opened[m],
						       "solved", (json_int_t)c->trend_solved[m]));
	json_object_set_new(report, "trend", trend);
	return 0;
}

static int registry_section(struct ctx *c, json_t *report)
{
	json_t *o = json_object();

	for (int k = 0; org_kinds[k]; k++)
		json_object_set_new(o, org_kinds[k], json_integer(c->registry[k]));
	json_object_set_new(report, "registry", o);
	return 0;
}

/*
 * The sections, in the order they are computed.  The registry comes
 * first: the issues' districts are those of their areas in it.  A kind's
 * figures are one entry here.
 */
static const struct section {
	const char *kind;	/* the kind it reads: skipped when the binary lacks it */
	int (*fn)(struct ctx *c, json_t *report);
} sections[] = {
	{ "org", registry_section },
	{ "issue", issues_section },
	{ "org", kinds_section },	/* every other kind (the registry is always there) */
	{ NULL, NULL }
};

static int registry_read(struct ctx *c)
{
	return read_events(c, "org",
			   ", json_extract(e.data, '$.set.kind'), json_extract(e.data, '$.set.name'),"
			   " json_extract(e.data, '$.set.district')", 3, org_done);
}

static int scope_key(struct ctx *c, const char *given, int want)
{
	return given ? org_key(c, intern(&c->names, given), want) : -1;
}

static json_t *opt_string(const char *s)
{
	return s ? json_string(s) : json_null();
}

static int setup(struct ctx *c)
{
	struct zdh_repo *repo = zdh_index_repo(c->idx);
	long long first, last, days;
	int y, m, d, err;

	c->tz = c->o->timezone ? c->o->timezone : repo->timezone;
	if ((err = zdh_calendar_load(&c->cal, repo->config)))
		return err;
	if ((err = zdh_issue_overdue_days(&days, repo)))
		return err;
	c->overdue_secs = days * 86400;
	/* a year before: Feb 29 becomes Feb 28 */
	ZDH_ASSERT(!parse_day(&first, c->o->first) && !parse_day(&last, c->o->last));
	zdh_day_civil(first, &y, &m, &d);
	first = zdh_days_from_civil(y - 1, m, m == 2 && d == 29 ? 28 : d);
	zdh_day_civil(last, &y, &m, &d);
	last = zdh_days_from_civil(y - 1, m, m == 2 && d == 29 ? 28 : d);
	if ((err = midnight(&c->prev_since, first, c->tz)) ||
	    (err = midnight(&c->prev_until, last + 1, c->tz)))
		return err;
	/* the trend: the 12 months that end with the period's last month */
	parse_day(&last, c->o->last);
	zdh_day_civil(last, &y, &m, &d);
	for (int i = TREND; i >= 0; i--) {
		if ((err = midnight(&c->month[i], zdh_days_from_civil(y + (m == 12), m == 12 ? 1 : m + 1, 1),
				    c->tz)))
			return err;
		if (i < TREND) {
			char tmp[40];
			snprintf(tmp, sizeof(tmp), "%04d-%02d", (y + (m == 12)) % 10000,
				 m == 12 ? 1 : m + 1);
			memcpy(c->month_text[i], tmp, 8);
		}
		if (--m == 0) {
			m = 12;
			y--;
		}
	}
	return 0;
}

int zdh_report_build(struct zdh_index *idx, const struct zdh_report_opts *o, json_t **out)
{
	struct ctx *c = zdh_calloc(1, sizeof(*c));
	json_t *report = json_object(), *period, *scope;
	struct zdh_buf b = ZDH_BUF_INIT;
	int err;

	*out = NULL;
	c->idx = idx;
	c->o = o;
	c->as_of_max = o->as_of_set ? o->as_of : LLONG_MAX;
	/* the summaries a write of many records left for later (index-write.c) */
	if ((err = zdh_index_summaries_settle(idx)))
		goto done;
	/* its kinds' facts are read once, in order (at 1,000,000 events: 14 MiB resident, not 270) */
	zdh_index_read_in_order(idx);
	if ((err = setup(c)))
		goto done;
	for (int w = 0; w < NWANT; w++)
		c->want_kind[w] = intern(&c->names, want_names[w]);
	if ((err = registry_read(c)))
		goto done;
	/* the scope by the org's id (a name as an old event's) */
	c->scope_area = scope_key(c, o->area_id ? o->area_id : o->area, W_AREA);
	c->scope_district = scope_key(c, o->district_id ? o->district_id : o->district, W_DISTRICT);
	c->scope_dept = scope_key(c, o->dept_id ? o->dept_id : o->dept, W_DEPT);

	period = json_object();
	json_object_set_new(period, "type", json_string(o->period));
	json_object_set_new(period, "first", json_string(o->first));
	json_object_set_new(period, "last", json_string(o->last));
	json_object_set_new(period, "timezone", json_string(c->tz));
	if (o->as_of_set) {
		struct zdh_time t = { o->as_of, zdh_date_offset(o->as_of, c->tz) };
		zdh_date_rfc3339(&b, &t);
		json_object_set_new(period, "as_of", json_string(b.ptr));
	} else {
		json_object_set_new(period, "as_of", json_null());
	}
	json_object_set_new(report, "period", period);
	scope = json_object();
	json_object_set_new(scope, "area", opt_string(o->area));
	json_object_set_new(scope, "district", opt_string(o->district));
	json_object_set_new(scope, "dept", opt_string(o->dept));
	json_object_set_new(report, "scope", scope);

	for (const struct section *s = sections; s->fn; s++)
		if (zdh_kind_find(s->kind) && (err = s->fn(c, report)))
			goto done;
	*out = report;
	report = NULL;
done:
	json_decref(report);
	zdh_buf_release(&b);
	pool_free(&c->names);
	zdh_calendar_clear(&c->cal);
	for (int d = 0; d < NDIM; d++)
		free(c->dim[d].v);
	for (size_t i = 0; i < c->norgs; i++)
		free(c->orgs[i].names);
	free(c->orgs);
	free(c->org_at);
	for (int w = 0; w < NWANT; w++)
		free(c->key_of[w]);
	free(c->days);
	free(c->off);
	free(c);
	return err;
}

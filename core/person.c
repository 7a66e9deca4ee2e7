/*
 * person — the people allowed to sign, their keys, and the keyring verify
 * checks signatures against (include/person.h, zdh-person(1)).
 *
 * Who may write a person event is decided when it is written: the writer
 * signs with a key valid now of a person of the registry, except for the
 * first person (the founder), whose add is signed with the key it gives.
 * The fold replays person events from their own record alone, as every
 * kind's check does (checks that read other records are write-time only,
 * see zdh_index_replaying()); verify checks their signatures like any
 * event's.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "error.h"
#include "i18n.h"
#include "index-db.h"
#include "index.h"
#include "objects.h"
#include "org.h"
#include "person.h"
#include "rules.h"
#include "trust.h"
#include "words.h"

/* ---- operations ---- */

static const char *set_str(const struct zdh_event *ev, const char *field)
{
	return json_string_value(json_object_get(json_object_get(ev->data, "set"), field));
}

static const char *data_key(const struct zdh_event *ev)
{
	return json_string_value(json_object_get(ev->data, "key"));
}

static int key_ok(const char *key)
{
	unsigned char pub[ZDH_PUBKEY_LEN];

	return key && !zdh_pubkey_parse(pub, key) ? 0 :
		zdh_error_set(ZDH_EINVALID, _("not an ssh-ed25519 public key"));
}

/* The entry of state's keys for the same key bytes as key, or NULL. */
static json_t *find_key(const json_t *state, const char *key)
{
	unsigned char want[ZDH_PUBKEY_LEN], got[ZDH_PUBKEY_LEN];
	json_t *k;
	size_t i;

	if (!key || zdh_pubkey_parse(want, key))
		return NULL;
	json_array_foreach(json_object_get(state, "keys"), i, k)
		if (!zdh_pubkey_parse(got, json_string_value(json_object_get(k, "key"))) &&
		    !memcmp(want, got, sizeof(want)))
			return k;
	return NULL;
}

static int check_add(const json_t *state, const struct zdh_event *ev)
{
	const char *name = set_str(ev, "name"), *email = set_str(ev, "email");
	int err;

	if (state)
		return zdh_error_set(ZDH_EEXISTS, _("person %s exists already"), ev->record);
	if (!name || !email)
		return zdh_error_set(ZDH_EINVALID, _("a person needs a name and an email"));
	if ((err = zdh_name_check(_("name"), name)))
		return err;
	if (!zdh_ident_valid(email) || !zdh_ident_valid(name))
		return zdh_error_set(ZDH_EINVALID, _("name and email must not contain '<', '>' or a line break"));
	/* (an address, one principal of allowed-signers: trust version 10) */
	if (!zdh_email_shaped(email))
		return zdh_error_set(ZDH_EINVALID, _("%s '%s' is not an email address (such as zhangsan@example.org)"),
				     "email", email);
	if (json_object_get(ev->data, "key") && (err = key_ok(data_key(ev))))
		return err;
	return 0;
}

/* Write time: a new person's name holds no invisible character (org.h). */
static int validate_add(struct zdh_index *idx, const json_t *state, const struct zdh_event *ev)
{
	(void)idx;
	(void)state;
	return zdh_name_visible(_("name"), set_str(ev, "name"));
}

static int check_key_add(const json_t *state, const struct zdh_event *ev)
{
	json_t *k;
	int err;

	if (!state)
		return zdh_error_set(ZDH_ENOTFOUND, _("no person %s"), ev->record);
	if ((err = key_ok(data_key(ev))))
		return err;
	if ((k = find_key(state, data_key(ev))) && !json_object_get(k, "until"))
		return zdh_error_set(ZDH_EEXISTS, _("%s has this key already"), ev->record);
	return 0;
}

/* data.logs, when there: {"replica": clock} */
static int logs_ok(const struct zdh_event *ev)
{
	json_t *logs = json_object_get(ev->data, "logs"), *c;
	const char *rep;

	if (logs && !json_is_object(logs))
		return zdh_error_set(ZDH_EINVALID, _("its logs are not an object of clocks"));
	json_object_foreach(logs, rep, c)
		if (!json_is_integer(c))
			return zdh_error_set(ZDH_EINVALID, _("its logs are not an object of clocks"));
	return 0;
}

static int check_key_revoke(const json_t *state, const struct zdh_event *ev)
{
	json_t *k;

	if (!state)
		return zdh_error_set(ZDH_ENOTFOUND, _("no person %s"), ev->record);
	if (!(k = find_key(state, data_key(ev))))
		return zdh_error_set(ZDH_ENOTFOUND, _("%s has no such key"), ev->record);
	if (json_object_get(k, "until"))
		return zdh_error_set(ZDH_ESTATE, _("this key of %s is revoked already"), ev->record);
	return logs_ok(ev);
}

static json_t *date_string(const struct zdh_time *t)
{
	struct zdh_buf b = ZDH_BUF_INIT;
	json_t *s;

	zdh_date_rfc3339(&b, t);
	s = json_string(b.ptr);
	zdh_buf_release(&b);
	return s;
}

static void add_key(json_t *state, const struct zdh_event *ev)
{
	json_t *keys = json_object_get(state, "keys"), *k = json_object();

	if (!keys) {
		keys = json_array();
		json_object_set_new(state, "keys", keys);
	}
	json_object_set_new(k, "key", json_string(data_key(ev)));
	/* it signs from when the event giving it was recorded */
	json_object_set_new(k, "from", date_string(&ev->recorded));
	json_array_append_new(keys, k);
}

/* (the engine has applied data.set: name and email) */
static void apply_add(json_t *state, const struct zdh_event *ev)
{
	if (data_key(ev))
		add_key(state, ev);
}

/*
 * The end of a period (a key's, a grant's): the second and, for the
 * events recorded in that very second, the revocation's place in fold
 * order (zdh_when_within): [clock, replica, id].
 */
static void set_until(json_t *entry, const struct zdh_event *ev)
{
	json_object_set_new(entry, "until", date_string(&ev->date));
	json_object_set_new(entry, "until_at", json_pack("[I s s]", (json_int_t)ev->clock,
							 ev->replica ? ev->replica : "", ev->id));
}

static void apply_key_revoke(json_t *state, const struct zdh_event *ev)
{
	json_t *k = find_key(state, data_key(ev)), *logs = json_object_get(ev->data, "logs");

	/* until when it happened (--date: a lost key is revoked from when it was lost) */
	if (k)
		set_until(k, ev);
	/* compromised: what the revoking office's logs held, all the key signs (core/trust.c) */
	if (k && logs)
		json_object_set_new(k, "seen", json_deep_copy(logs));
}

/* ---- roles and the repository's setting (include/trust.h) ---- */

static const char *data_str(const struct zdh_event *ev, const char *field)
{
	return json_string_value(json_object_get(ev->data, field));
}

static int date_field_ok(const struct zdh_event *ev, const char *field)
{
	json_t *v = json_object_get(ev->data, field);
	struct zdh_time t;

	if (v && (!json_is_string(v) || zdh_date_parse_rfc3339(&t, json_string_value(v))))
		return zdh_error_set(ZDH_EINVALID, _("%s is not a date"), field);
	return 0;
}

/* 1 when grant g has not ended by date (its until, when it has one, is after it) */
static int grant_live(const json_t *g, const struct zdh_time *date)
{
	json_t *until = json_object_get(g, "until");
	struct zdh_time t;

	return !until || (!zdh_date_parse_rfc3339(&t, json_string_value(until)) &&
			  t.t > date->t);
}

/* Is grant g the one named by ev (role, area, dept) and open at ev's date? */
static int grant_matches(const json_t *g, const struct zdh_event *ev)
{
	const char *fields[] = { "role", "area", "dept" };

	for (size_t i = 0; i < 3; i++) {
		const char *a = json_string_value(json_object_get(g, fields[i]));
		const char *b = data_str(ev, fields[i]);
		if ((a || b) && (!a || !b || strcmp(a, b)))
			return 0;
	}
	return grant_live(g, &ev->date);
}

static int check_grant(const json_t *state, const struct zdh_event *ev)
{
	int err;

	if (!state)
		return zdh_error_set(ZDH_ENOTFOUND, _("no person %s"), ev->record);
	if (!zdh_role_valid(data_str(ev, "role")))
		return zdh_error_set(ZDH_EINVALID, _("no role '%s' (see zdh-person(1))"),
				     data_str(ev, "role") ? data_str(ev, "role") : "");
	if (json_object_get(ev->data, "area") && json_object_get(ev->data, "dept"))
		return zdh_error_set(ZDH_EINVALID, _("a role is held in an area or in a department, not both"));
	if ((err = date_field_ok(ev, "from")) || (err = date_field_ok(ev, "until")))
		return err;
	return logs_ok(ev);
}

static void apply_grant(json_t *state, const struct zdh_event *ev)
{
	json_t *roles = json_object_get(state, "roles"), *g = json_object();
	const char *fields[] = { "role", "area", "dept", "until", "area_name", "dept_name" };

	if (!roles) {
		roles = json_array();
		json_object_set_new(state, "roles", roles);
	}
	for (size_t i = 0; i < 6; i++)
		if (data_str(ev, fields[i]))
			json_object_set_new(g, fields[i], json_string(data_str(ev, fields[i])));
	/* held from --from, else from when the grant happened */
	json_object_set_new(g, "from", data_str(ev, "from") ? json_string(data_str(ev, "from")) :
			    date_string(&ev->date));
	json_array_append_new(roles, g);
}

static int check_revoke_role(const json_t *state, const struct zdh_event *ev)
{
	json_t *g;
	size_t i;

	if (!state)
		return zdh_error_set(ZDH_ENOTFOUND, _("no person %s"), ev->record);
	json_array_foreach(json_object_get(state, "roles"), i, g)
		if (grant_matches(g, ev))
			return 0;
	return zdh_error_set(ZDH_ENOTFOUND, _("%s does not hold the role %s there"), ev->record,
			     data_str(ev, "role") ? data_str(ev, "role") : "");
}

static void apply_revoke_role(json_t *state, const struct zdh_event *ev)
{
	json_t *g;
	size_t i;

	json_array_foreach(json_object_get(state, "roles"), i, g)
		if (grant_matches(g, ev))
			set_until(g, ev);
}

static int check_setting(const json_t *state, const struct zdh_event *ev)
{
	const char *name = data_str(ev, "name"), *value = data_str(ev, "value");

	if (!state)
		return zdh_error_set(ZDH_ENOTFOUND, _("no person %s"), ev->record);
	if (!name || strcmp(name, "require-signatures"))
		return zdh_error_set(ZDH_EINVALID, _("no repository setting '%s'"), name ? name : "");
	if (!value || (strcmp(value, "true") && strcmp(value, "false")))
		return zdh_error_set(ZDH_EINVALID, _("%s must be true or false"), name);
	return logs_ok(ev);
}

/*
 * Who may write them is decided by the trust fold (core/trust.c): signed
 * by a valid key of a person (the founder by the key it gives), and once
 * roles are granted by a sub-district admin; the writes below refuse
 * before writing what the fold would refuse.
 */
#define ADMIN "subdistrict-admin"
static const struct zdh_op person_ops[] = {
	{ "add", validate_add, check_add, apply_add, ADMIN },
	{ "key-add", NULL, check_key_add, add_key, ADMIN },
	{ "key-revoke", NULL, check_key_revoke, apply_key_revoke, ADMIN },
	{ "grant", NULL, check_grant, apply_grant, ADMIN },
	{ "revoke-role", NULL, check_revoke_role, apply_revoke_role, ADMIN },
	{ "setting", NULL, check_setting, NULL, ADMIN },
	{ NULL, NULL, NULL, NULL, NULL }
};

static int valid_signingkey(const char *key, const char *value)
{
	(void)key;
	return zdh_signing_key_check(value);
}

/* person.founder: the id (40 hex digits) of the founder's add */
static int valid_event_id(const char *key, const char *value)
{
	size_t n = strspn(value, "0123456789abcdef");

	if (n != 40 || value[n])
		return zdh_error_set(ZDH_EINVALID, _("%s must be an event's id (40 hex digits)"), key);
	return 0;
}

static const struct zdh_config_key person_config[] = {
	{ "user.signingkey", NULL, valid_signingkey },
	{ "person.founder", NULL, valid_event_id },
	{ NULL, NULL, NULL }
};

const struct zdh_kind zdh_kind_person = {
	.name = "person",
	.letter = 'U',
	.ops = person_ops,
	.noun = "person",	/* role=area-staff shown by its name */
	.config = person_config,
	/* the trust's rules: a new version refolds the people, then every record (index-kinds.c) */
	.version = ZDH_TRUST_VERSION,
};

/* ---- the keyring ---- */

struct ring_key {
	unsigned char pub[ZDH_PUBKEY_LEN];
	long long from, until;	/* until 0: not revoked */
	char *person, *name;
	struct zdh_when end;	/* the revocation's place, for its second (has_end) */
	char *end_replica, *end_id;
	int has_end;
	json_t *seen;		/* revoked as compromised: what it signs (zdh_when_seen) */
};

struct zdh_keyring {
	struct ring_key *v;
	size_t n;
	long long since;	/* the clock of the first person event with effect */
};

static long long epoch_of(const json_t *s)
{
	struct zdh_time t;

	return json_is_string(s) && !zdh_date_parse_rfc3339(&t, json_string_value(s)) ? t.t : 0;
}

static int ring_add(const char *id, json_t *state, json_t *conflicts, long long events,
		    void *payload)
{
	struct zdh_keyring *r = payload;
	json_t *k;
	size_t i;

	(void)conflicts;
	(void)events;
	json_array_foreach(json_object_get(state, "keys"), i, k) {
		struct ring_key *e;
		unsigned char pub[ZDH_PUBKEY_LEN];

		if (zdh_pubkey_parse(pub, json_string_value(json_object_get(k, "key"))))
			continue;
		r->v = zdh_realloc(r->v, (r->n + 1) * sizeof(*r->v));
		e = &r->v[r->n++];
		memcpy(e->pub, pub, sizeof(pub));
		e->from = epoch_of(json_object_get(k, "from"));
		e->until = epoch_of(json_object_get(k, "until"));
		e->end = zdh_until_at(k, &e->has_end);
		e->end_replica = e->has_end ? zdh_strdup(e->end.replica) : NULL;
		e->end_id = e->has_end ? zdh_strdup(e->end.id) : NULL;
		e->end.replica = e->end_replica;
		e->end.id = e->end_id;
		e->seen = json_is_object(json_object_get(k, "seen")) ?
			json_deep_copy(json_object_get(k, "seen")) : NULL;
		e->person = zdh_strdup(id);
		e->name = zdh_strdup(json_string_value(json_object_get(state, "name")));
	}
	return 0;
}

int zdh_keyring_load(struct zdh_keyring **out, struct zdh_index *idx)
{
	static const char sql[] =
		"SELECT coalesce(min(clock), 0) FROM events WHERE kind = 'person' AND effect = 1";
	struct zdh_keyring *r = zdh_calloc(1, sizeof(*r));
	int err = zdh_index_records(idx, "person", ring_add, r);
	sqlite3_stmt *s;

	if (!err && r->n) {
		if (!(s = zdh_index_cached(idx, sql)))
			err = ZDH_ERROR;
		else {
			if (sqlite3_step(s) == SQLITE_ROW)
				r->since = sqlite3_column_int64(s, 0);
			sqlite3_reset(s);
		}
	}

	if (err) {
		zdh_keyring_free(r);
		r = NULL;
	}
	*out = r;
	return err;
}

void zdh_keyring_free(struct zdh_keyring *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->n; i++) {
		free(r->v[i].person);
		free(r->v[i].name);
		free(r->v[i].end_replica);
		free(r->v[i].end_id);
		if (r->v[i].seen)
			json_decref(r->v[i].seen);
	}
	free(r->v);
	free(r);
}

int zdh_keyring_active(const struct zdh_keyring *r)
{
	return r && r->n > 0;
}

int zdh_sig_before_people(enum zdh_sig_status st)
{
	return st == ZDH_SIG_UNSIGNED || st == ZDH_SIG_REVOKED || st == ZDH_SIG_NOT_YET;
}

long long zdh_keyring_since(const struct zdh_keyring *r)
{
	return r ? r->since : 0;
}

enum zdh_sig_status zdh_keyring_lookup(const struct zdh_keyring *r,
				       const unsigned char pub[ZDH_PUBKEY_LEN], const struct zdh_when *w,
				       const char **person, const char **name)
{
	enum zdh_sig_status st = ZDH_SIG_UNKNOWN;

	*person = *name = NULL;
	for (size_t i = 0; r && i < r->n; i++) {
		const struct ring_key *e = &r->v[i];
		if (memcmp(e->pub, pub, ZDH_PUBKEY_LEN))
			continue;
		st = zdh_when_status(st, w, e->from, e->until, e->has_end ? &e->end : NULL, e->seen);
		*person = e->person;
		*name = e->name;
		if (st == ZDH_SIG_GOOD)
			break;
	}
	return st;
}

enum zdh_sig_status zdh_keyring_check(const struct zdh_keyring *r, const char *raw, size_t len,
				      const struct zdh_when *w, const char **person,
				      const char **name)
{
	unsigned char pub[ZDH_PUBKEY_LEN];
	enum zdh_sig_status st = zdh_sig_read(raw, len, pub);

	*person = *name = NULL;
	return st != ZDH_SIG_GOOD ? st : zdh_keyring_lookup(r, pub, w, person, name);
}

enum zdh_sig_status zdh_event_signature(struct zdh_repo *repo, const struct zdh_keyring *r,
					const struct zdh_when *w, const char **person,
					const char **name)
{
	const char *id = w->id;
	struct zdh_buf raw = ZDH_BUF_INIT;
	enum zdh_sig_status st = ZDH_SIG_BAD;

	*person = *name = NULL;
	if (!zdh_objects_read_commit(&raw, repo, id))
		st = zdh_keyring_check(r, raw.ptr, raw.len, w, person, name);
	zdh_error_clear();
	zdh_buf_release(&raw);
	return st;
}

/*
 * Name commit id of ref in one line, fmt ("%s: commit %.12s: ...: %s" of
 * ref, id and its note shown), when the fold gave it the effect effect
 * (ZDH_EFFECT_*), unless cap is full (error.h); 1 when it has that
 * effect.  Events refused for their form (malformed: its kind's check,
 * data no zdh writes, a title that is a number, a claim without a
 * department) and adds of an id that exists are named so.  (A peer's
 * zdh never writes one: its log was made or changed by hand.)
 */
static int effect_report(struct zdh_index *idx, const char *ref, const char *id, long long clock,
			 int effect, const char *fmt, struct zdh_warn_cap *cap)
{
	char *note = NULL, *shown;
	int got, said = 0;

	if (!zdh_index_event_effect(idx, id, clock, &got, &note) && got == effect) {
		if (zdh_warn_cap_take(cap)) {
			shown = zdh_org_note_shown(idx, note ? note : "", NULL);	/* 延安, not JD-O2 */
			zdh_warn(fmt, ref, id, shown);
			free(shown);
		}
		said = 1;
	}
	free(note);
	return said;
}

void zdh_refusal_caps_end(const struct zdh_refusal_caps *c)
{
	zdh_warn_cap_end(&c->malformed,
			 NN_("and %lld more malformed event without effect, not named here (zdh log shows each)",
			     "and %lld more malformed events without effect, not named here (zdh log shows each)"));
	zdh_warn_cap_end(&c->refused,
			 NN_("and %lld more event without effect, not named here (zdh log shows each)",
			     "and %lld more events without effect, not named here (zdh log shows each)"));
	zdh_warn_cap_end(&c->signature,
			 NN_("and %lld more event not signed by a valid key, not named here (zdh log shows each)",
			     "and %lld more events not signed by a valid key, not named here (zdh log shows each)"));
}

int zdh_signatures_report(struct zdh_repo *repo, struct zdh_index *idx, const char *ref,
			  const char *tip, const char *stop, struct zdh_refusal_caps *caps,
			  long long *bad)
{
	struct zdh_keyring *r;
	struct zdh_buf raw = ZDH_BUF_INIT;
	char cur[41], parent[41];
	int err, requires, roles;
	size_t malformed;

	if ((err = zdh_keyring_load(&r, idx)) ||
	    (err = zdh_index_trust_state(idx, &requires, &roles))) {
		zdh_keyring_free(r);
		return err;
	}
	snprintf(cur, sizeof(cur), "%s", tip);
	/* (walked when a key is someone's, or when the fold refused an event for its form) */
	malformed = zdh_index_named_count(idx);
	while ((malformed || zdh_keyring_active(r)) && cur[0] && strcmp(cur, stop)) {
		struct zdh_event ev;
		int n;

		zdh_buf_reset(&raw);
		if (zdh_objects_read_commit(&raw, repo, cur) ||
		    zdh_event_parse_commit(&ev, parent, &n, raw.ptr, raw.len))
			break;	/* not an event: the catch-up and verify say so */
		if (zdh_index_malformed(idx, cur) &&
		    effect_report(idx, ref, cur, ev.clock, ZDH_EFFECT_NONE,
				  _("%s: commit %.12s: malformed, no effect: %s"), &caps->malformed)) {
			(*bad)++;	/* (named for its form: not again for its signature) */
		} else if (zdh_index_readded(idx, cur) &&
			   effect_report(idx, ref, cur, ev.clock, ZDH_EFFECT_NONE,
					 _("%s: commit %.12s: added again, no effect: %s"), &caps->refused)) {
			(*bad)++;
		} else if (!zdh_keyring_active(r)) {
			;
		} else if (requires || roles) {
			/*
			 * who may write what (include/trust.h): what the trust gave no
			 * effect, not what the kind's check refused (an edit of a closed
			 * issue: the fold's ordinary outcome, shown by log and show)
			 */
			if (effect_report(idx, ref, cur, ev.clock, ZDH_EFFECT_REFUSED,
					  _("%s: commit %.12s: no effect: %s"), &caps->refused))
				(*bad)++;
		} else {
			struct zdh_when w = { ev.recorded.t, ev.clock, ev.replica, cur };
			const char *person, *name;
			enum zdh_sig_status st = zdh_keyring_check(r, raw.ptr, raw.len, &w, &person, &name);

			if (st != ZDH_SIG_GOOD && !(zdh_sig_before_people(st) && ev.clock <= r->since)) {
				zdh_warn_capped(&caps->signature, _("%s: commit %.12s: %s"), ref, cur,
						zdh_sig_status_text(st));
				(*bad)++;
			}
		}
		zdh_event_clear(&ev);
		memcpy(cur, parent, sizeof(cur));
	}
	zdh_error_clear();
	zdh_buf_release(&raw);
	zdh_keyring_free(r);
	return 0;
}

/* Fold order (clock, replica, id), as the index folds. */
static int fold_cmp(const void *a, const void *b)
{
	const struct zdh_event *x = *(struct zdh_event *const *)a, *y = *(struct zdh_event *const *)b;

	return zdh_fold_cmp(x->clock, x->replica, x->id, y->clock, y->replica, y->id);
}

int zdh_keyring_from_events(struct zdh_keyring **out, struct zdh_event **evs, size_t n)
{
	struct zdh_keyring *r = zdh_calloc(1, sizeof(*r));
	json_t *states = json_object(), *state;
	const char *id;

	if (n)	/* qsort of NULL, even of 0 items, is undefined */
		qsort(evs, n, sizeof(*evs), fold_cmp);
	for (size_t i = 0; i < n; i++) {
		const struct zdh_op *op = zdh_kind_op(&zdh_kind_person, evs[i]->op);
		state = json_object_get(states, evs[i]->record);
		if (!op || op->check(state, evs[i]) < 0)
			continue;
		if (!state) {
			state = json_object();
			json_object_set_new(states, evs[i]->record, state);
		}
		zdh_kind_apply(&zdh_kind_person, op, state, evs[i]);
		if (!r->since)
			r->since = evs[i]->clock;
	}
	json_object_foreach(states, id, state)
		ring_add(id, state, NULL, 0, r);
	json_decref(states);
	zdh_error_clear();
	*out = r;
	return 0;
}

/* ---- writes ---- */

/*
 * May the writer of txn write person events?  Yes when it signs with a
 * key valid now of a person of the registry; for the first person, when
 * it signs with the key given for them (founder_key).
 */
static int allowed(struct zdh_txn *txn, const char *founder_key)
{
	const unsigned char *mine = zdh_txn_signer(txn);
	struct zdh_keyring *r;
	unsigned char pub[ZDH_PUBKEY_LEN];
	struct zdh_time now;
	struct zdh_when w = { 0, LLONG_MAX, "", "" };	/* a write: after everything */
	const char *person, *name;
	int err;

	if (!mine)
		return zdh_error_set(ZDH_EINVALID, _("people and keys are written signed: set user.signingkey first (zdh-person(1))"));
	if ((err = zdh_keyring_load(&r, zdh_txn_index(txn))))
		return err;
	zdh_date_now(&now, "UTC");
	w.recorded = now.t;
	if (!zdh_keyring_active(r)) {
		if (!founder_key || zdh_pubkey_parse(pub, founder_key) ||
		    memcmp(pub, mine, ZDH_PUBKEY_LEN))
			err = zdh_error_set(ZDH_EINVALID, _("the first person is the founder: add yourself, with --key giving the public key of user.signingkey"));
	} else if (zdh_keyring_lookup(r, mine, &w, &person, &name) != ZDH_SIG_GOOD) {
		err = zdh_error_set(ZDH_EINVALID, _("your signing key is not a valid key of a person of this repository: only they add people and keys"));
	}
	zdh_keyring_free(r);
	return err;
}

/* A key may belong to one person only (checked when written). */
static int key_free(struct zdh_txn *txn, const char *key)
{
	struct zdh_keyring *r;
	unsigned char pub[ZDH_PUBKEY_LEN];
	int err;

	if ((err = key_ok(key)) || (err = zdh_keyring_load(&r, zdh_txn_index(txn))))
		return err;
	zdh_pubkey_parse(pub, key);
	for (size_t i = 0; i < r->n && !err; i++)
		if (!memcmp(r->v[i].pub, pub, sizeof(pub)) && !r->v[i].until)
			err = zdh_error_set(ZDH_EEXISTS, _("this key is %s's already"), r->v[i].person);
	zdh_keyring_free(r);
	return err;
}

struct email_seen {
	const char *email;
	char *id;	/* the person who has it, or NULL */
};

static int email_of(const char *id, json_t *state, json_t *conflicts, long long events,
		    void *payload)
{
	struct email_seen *e = payload;
	const char *email = json_string_value(json_object_get(state, "email"));

	(void)conflicts, (void)events;
	if (!e->id && email && !strcasecmp(email, e->email))
		e->id = zdh_strdup(id);
	return 0;
}

/*
 * One person an email: a second add of someone (the same person typed
 * again) made two people with one author line, each listed by
 * allowed-signers.  Checked when written; a peer's is taken.
 */
static int email_free(struct zdh_txn *txn, const char *email)
{
	struct email_seen e = { email, NULL };
	int err = zdh_index_records(zdh_txn_index(txn), "person", email_of, &e);

	if (!err && e.id)
		err = zdh_error_set(ZDH_EEXISTS, _("a person with the email '%s' exists already (%s)"),
				    email, e.id);
	free(e.id);
	return err;
}

int zdh_person_add(struct zdh_txn *txn, const char *name, const char *email, const char *key,
		   const struct zdh_time *date, char **id)
{
	json_t *data = json_object(), *set = json_object();
	char *summary;
	int err;

	if ((err = allowed(txn, key)) || (err = email_free(txn, email)) ||
	    (key && (err = key_free(txn, key)))) {
		json_decref(data);
		json_decref(set);
		return err;
	}
	json_object_set_new(set, "name", json_string(name));
	json_object_set_new(set, "email", json_string(email));
	json_object_set_new(data, "set", set);
	if (key)
		json_object_set_new(data, "key", json_string(key));
	summary = zdh_asprintf("person add %s", name);
	err = zdh_txn_event(txn, &zdh_kind_person, NULL, "add", data, summary, date, id);
	free(summary);
	return err;
}

int zdh_person_key_add(struct zdh_txn *txn, const char *id, const char *key,
		       const struct zdh_time *date)
{
	char *summary;
	int err;

	if ((err = allowed(txn, NULL)) || (err = key_free(txn, key)))
		return err;
	summary = zdh_asprintf("person key-add %s", id);
	err = zdh_txn_event(txn, &zdh_kind_person, id, "key-add",
			    json_pack("{s:s}", "key", key), summary, date, NULL);
	free(summary);
	return err;
}

/*
 * data.logs: what each log of this office holds now, {"replica": clock}
 * (a setting's pins, the first grant's, a compromised key's revocation).
 */
static int add_log_clocks(struct zdh_txn *txn, json_t *data)
{
	json_t *logs;
	int err = zdh_index_log_clocks(zdh_txn_index(txn), &logs);

	json_object_set_new(data, "logs", logs);
	return err;
}

int zdh_person_key_revoke(struct zdh_txn *txn, const char *id, const char *key,
			  int compromised, const struct zdh_time *date)
{
	json_t *data = json_pack("{s:s}", "key", key);
	char *summary;
	int err;

	if ((err = allowed(txn, NULL)))
		goto done;
	/* compromised: the key signs only what this office's logs hold now, whatever its date */
	if (compromised && (err = add_log_clocks(txn, data)))
		goto done;
	summary = zdh_asprintf("person key-revoke %s%s", id, compromised ? " compromised" : "");
	err = zdh_txn_event(txn, &zdh_kind_person, id, "key-revoke", data, summary, date, NULL);
	free(summary);
	return err;
done:
	json_decref(data);
	return err;
}

/* ---- queries ---- */

static int list_add(const char *id, json_t *state, json_t *conflicts, long long events,
		    void *payload)
{
	json_t *o = json_deep_copy(state);

	(void)conflicts;
	(void)events;
	json_object_set_new(o, "id", json_string(id));
	if (!json_object_get(o, "keys"))
		json_object_set_new(o, "keys", json_array());
	json_array_append_new(payload, o);
	return 0;
}

int zdh_person_list(struct zdh_index *idx, json_t **out)
{
	json_t *list = json_array();
	int err = zdh_index_records(idx, "person", list_add, list);

	if (err) {
		json_decref(list);
		list = NULL;
	}
	*out = list;
	return err;
}

int zdh_person_get(struct zdh_index *idx, const char *id, json_t **out)
{
	json_t *state;
	int err;

	*out = NULL;
	if ((err = zdh_index_state(idx, "person", id, &state, NULL)) == ZDH_ENOTFOUND)
		return zdh_error_set(ZDH_ENOTFOUND, _("no person %s (see 'zdh person list')"), id);
	if (err)
		return err;
	{
		json_t *list = json_array();
		list_add(id, state, NULL, 0, list);
		*out = json_incref(json_array_get(list, 0));
		json_decref(list);
	}
	json_decref(state);
	return 0;
}

/* ---- roles and the setting ---- */

/* The person whose key signs txn's events now; ZDH_EINVALID when none. */
static int writer_person(struct zdh_txn *txn, char **id)
{
	const unsigned char *mine = zdh_txn_signer(txn);
	struct zdh_keyring *r;
	const char *person, *name;
	struct zdh_time now;
	struct zdh_when w = { 0, LLONG_MAX, "", "" };	/* a write: after everything */
	int err;

	*id = NULL;
	if ((err = allowed(txn, NULL)) || (err = zdh_keyring_load(&r, zdh_txn_index(txn))))
		return err;
	zdh_date_now(&now, "UTC");
	w.recorded = now.t;
	if (zdh_keyring_lookup(r, mine, &w, &person, &name) == ZDH_SIG_GOOD)
		*id = zdh_strdup(person);
	else
		err = zdh_error_set(ZDH_EINVALID, _("your signing key is not a valid key of a person of this repository: only they add people and keys"));
	zdh_keyring_free(r);
	return err;
}

/* --area/--dept as the id of a live org of that kind, into data. */
static int scope(struct zdh_txn *txn, json_t *data, const char *field, const char *name)
{
	char *oid = NULL, *label;
	int err;

	if (!name)
		return 0;
	if ((err = zdh_org_resolve(&oid, zdh_txn_index(txn), name, field, 0)))
		return err;
	json_object_set_new(data, field, json_string(oid));
	/* records that still name orgs by name are matched by it (core/trust.c) */
	label = zdh_strdup(zdh_org_label(zdh_txn_index(txn), oid));
	json_object_set_new(data, !strcmp(field, "area") ? "area_name" : "dept_name",
			    json_string(label));
	free(label);
	free(oid);
	return 0;
}

/*
 * A grant of a role the person holds already, in that area or department,
 * for a time that meets the new one's (from, until: until 0 is none): a
 * second line that says the same, refused when written (the fold takes
 * one, as it did before, from a peer).
 */
static int grant_new(struct zdh_txn *txn, const char *id, const json_t *data, long long from,
		     long long until)
{
	const char *fields[] = { "role", "area", "dept" };
	json_t *state = NULL, *g;
	struct zdh_time t;
	size_t i;
	int err;

	if ((err = zdh_index_state(zdh_txn_index(txn), "person", id, &state, NULL)))
		return err == ZDH_ENOTFOUND ? zdh_error_set(ZDH_ENOTFOUND, _("no person %s"), id) : err;
	json_array_foreach(json_object_get(state, "roles"), i, g) {
		const char *gfrom = json_string_value(json_object_get(g, "from"));
		const char *guntil = json_string_value(json_object_get(g, "until"));
		size_t k;

		for (k = 0; k < 3; k++) {
			const char *a = json_string_value(json_object_get(g, fields[k]));
			const char *b = json_string_value(json_object_get(data, fields[k]));
			if ((a || b) && (!a || !b || strcmp(a, b)))
				break;
		}
		if (k < 3 || !gfrom || zdh_date_parse_rfc3339(&t, gfrom))
			continue;
		if (until && t.t >= until)
			continue;
		if (guntil && (zdh_date_parse_rfc3339(&t, guntil) || t.t <= from))
			continue;
		const char *role = zdh_word_label(ZDH_W_ACCESS_ROLE,
						  json_string_value(json_object_get(data, "role")));
		const char *where = json_string_value(json_object_get(data, "area_name"));
		if (!where)
			where = json_string_value(json_object_get(data, "dept_name"));
		err = where ? zdh_error_set(ZDH_EEXISTS, _("%s holds the role %s in %s already (from %s)"),
					    id, role, where, gfrom) :
			      zdh_error_set(ZDH_EEXISTS, _("%s holds the role %s already (from %s)"), id,
					    role, gfrom);
		break;
	}
	json_decref(state);
	return err;
}

/* Write a grant or revoke-role (data taken over). */
static int role_event(struct zdh_txn *txn, const char *id, const char *op, const char *role,
		      json_t *data, const struct zdh_time *date)
{
	char *summary = zdh_asprintf("person %s %s %s", op, id, role);
	int err = zdh_txn_event(txn, &zdh_kind_person, id, op, data, summary, date, NULL);

	free(summary);
	return err;
}

int zdh_person_grant(struct zdh_txn *txn, const char *id, const char *role, const char *area,
		     const char *dept, const struct zdh_time *from, const struct zdh_time *until,
		     const struct zdh_time *date)
{
	json_t *data = json_object();
	int err, requires, roles;

	if ((err = allowed(txn, NULL)) ||
	    (err = zdh_index_trust_state(zdh_txn_index(txn), &requires, &roles)))
		goto done;
	/* "unknown role 'x' (subdistrict-admin, area-staff, ...)", as every word is refused */
	if ((err = zdh_word_check(zdh_roles, ZDH_W_ACCESS_ROLE, role, N_("role"))))
		goto done;
	if (!roles && strcmp(role, "subdistrict-admin")) {
		err = zdh_error_set(ZDH_EINVALID, _("the first role granted is subdistrict-admin (who then grants the others)"));
		goto done;
	}
	if (from && until && until->t <= from->t) {
		err = zdh_error_set(ZDH_EINVALID, _("--to must be after --from"));
		goto done;
	}
	json_object_set_new(data, "role", json_string(role));
	if ((err = scope(txn, data, "area", area)) || (err = scope(txn, data, "dept", dept)))
		goto done;
	if ((err = grant_new(txn, id, data, from ? from->t : date->t, until ? until->t : 0)))
		goto done;
	/* the first grant turns roles on for what is written after it */
	if (!roles && (err = add_log_clocks(txn, data)))
		goto done;
	if (from)
		json_object_set_new(data, "from", date_string(from));
	if (until)
		json_object_set_new(data, "until", date_string(until));
	return role_event(txn, id, "grant", role, data, date);
done:
	json_decref(data);
	return err;
}

/*
 * 0 when person id holds the role of data (in its area or department) at
 * date (NULL: now), or when there is no such person (the write says so);
 * else ZDH_ENOTFOUND, the role named by its displayed word and the org by
 * name, and where the person does hold that role (the areas and
 * departments by their names now, or everywhere), so that a clerk who
 * left out or mistook the --area of the grant sees what to give.  The
 * fold refuses the revoke too, in English with ids, as the note it
 * stores: this is the command's refusal.
 */
static int check_holds(struct zdh_txn *txn, const char *id, json_t *data,
		       const struct zdh_time *date)
{
	struct zdh_index *idx = zdh_txn_index(txn);
	struct zdh_event ev = { 0 };
	struct zdh_buf held = ZDH_BUF_INIT;
	json_t *state = NULL, *g;
	const char *where, *role;
	int everywhere = 0, err;
	size_t i;

	if (zdh_index_state(idx, "person", id, &state, NULL) || !state)
		return 0;	/* the write says why */
	ev.data = data;
	if (date)
		ev.date = *date;
	else
		zdh_date_now(&ev.date, NULL);
	json_array_foreach(json_object_get(state, "roles"), i, g) {
		const char *held_role = json_string_value(json_object_get(g, "role"));
		const char *org = json_string_value(json_object_get(g, "area"));

		if (grant_matches(g, &ev)) {
			json_decref(state);
			zdh_buf_release(&held);
			return 0;
		}
		if (!held_role || strcmp(held_role, data_str(&ev, "role")) || !grant_live(g, &ev.date))
			continue;
		if (!org)
			org = json_string_value(json_object_get(g, "dept"));
		if (!org)
			everywhere = 1;
		else
			zdh_buf_addf(&held, "%s%s", held.len ? (zdh_i18n_chinese() ? "、" : ", ") : "",
				     zdh_org_label(idx, org));
	}
	json_decref(state);
	where = data_str(&ev, "area_name") ? data_str(&ev, "area_name") : data_str(&ev, "dept_name");
	role = zdh_word_label(ZDH_W_ACCESS_ROLE, data_str(&ev, "role"));
	if (where && held.len)
		err = zdh_error_set(ZDH_ENOTFOUND, _("%s does not hold the role %s in %s (it holds it in %s)"),
				    id, role, where, held.ptr);
	else if (where && everywhere)
		err = zdh_error_set(ZDH_ENOTFOUND,
				    _("%s does not hold the role %s in %s (it holds it everywhere: revoke it without --area or --dept)"),
				    id, role, where);
	else if (where)
		err = zdh_error_set(ZDH_ENOTFOUND, _("%s does not hold the role %s in %s"), id, role,
				    where);
	else if (held.len)
		err = zdh_error_set(ZDH_ENOTFOUND, _("%s holds the role %s only in %s: give --area or --dept"),
				    id, role, held.ptr);
	else
		err = zdh_error_set(ZDH_ENOTFOUND, _("%s does not hold the role %s"), id, role);
	zdh_buf_release(&held);
	return err;
}

int zdh_person_revoke_role(struct zdh_txn *txn, const char *id, const char *role,
			   const char *area, const char *dept, const struct zdh_time *date)
{
	json_t *data = json_object();
	int err;

	json_object_set_new(data, "role", json_string(role));
	if ((err = allowed(txn, NULL)) || (err = scope(txn, data, "area", area)) ||
	    (err = scope(txn, data, "dept", dept)) || (err = check_holds(txn, id, data, date))) {
		json_decref(data);
		return err;
	}
	return role_event(txn, id, "revoke-role", role, data, date);
}

int zdh_person_require_signatures(struct zdh_txn *txn, const char *value,
				  const struct zdh_time *date)
{
	json_t *data = json_pack("{s:s,s:s}", "name", "require-signatures", "value", value);
	char *id = NULL;
	int err;

	if ((err = writer_person(txn, &id)) || (err = add_log_clocks(txn, data))) {
		json_decref(data);
		free(id);
		return err;
	}
	err = zdh_txn_event(txn, &zdh_kind_person, id, "setting", data,
			    "person setting require-signatures", date, NULL);
	free(id);
	return err;
}

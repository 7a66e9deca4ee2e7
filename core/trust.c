/*
 * trust — the fold of the person events into who may write what, and the
 * judgement of every other event by it (include/trust.h).  No I/O: the
 * callers give each event's signature (the index reads the commits, verify
 * the logs, the write path knows its own key).
 */
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "i18n.h"
#include "json.h"
#include "kind.h"
#include "sha1.h"
#include "trust.h"
#include "words.h"

const char *const zdh_roles[] = {
	"subdistrict-admin", "area-staff", "liaison", "council-chair", "council-secretary",
	"legal-advisor", "auditor", NULL
};

int zdh_role_valid(const char *name)
{
	for (size_t i = 0; name && zdh_roles[i]; i++)
		if (!strcmp(zdh_roles[i], name))
			return 1;
	return 0;
}

struct tkey {
	unsigned char pub[ZDH_PUBKEY_LEN];
	long long from, until;	/* until 0: not revoked */
	const char *person;	/* a key of t->states */
	struct zdh_when end;	/* the revocation's place (has_end), for its second */
	int has_end;
	/*
	 * A key revoked as compromised (key revoke --compromised): {"replica":
	 * clock}, what the revoking office's logs held; it signs nothing else,
	 * whatever its date (a stolen key can claim any).  NULL otherwise.
	 */
	const json_t *seen;
};

struct tgrant {
	const char *person, *role, *area, *dept;	/* in t->states */
	const char *area_name, *dept_name;	/* the org's name when granted */
	long long from, until;	/* until 0: open */
	struct zdh_when end;
	int has_end;
};

struct zdh_trust {
	json_t *states;		/* person id -> state, as the trust fold made them */
	json_t *refused;	/* person event id -> why it has no effect */
	struct tkey *keys;
	size_t nkeys;
	struct tgrant *grants;
	size_t ngrants;
	int require;		/* zdh.require-signatures */
	json_t *pins;		/* {"replica": clock}: what each log held when it was set */
	json_t *role_pins;	/* the same when the first role was granted */
	json_t *parsed;		/* zdh_trust_parse's: keys and grants point into it */
	char *founder;		/* the founder's add pinned (person.founder), or NULL */
	/*
	 * While building: the previous round's trust (zdh_trust_build), whose
	 * ends of keys and grants hold for the person events of this round
	 * too, also those before the revocation in fold order
	 */
	const struct zdh_trust *late;
};

struct zdh_when zdh_until_at(const json_t *entry, int *has)
{
	json_t *a = json_object_get(entry, "until_at");
	struct zdh_when w = { 0, 0, NULL, NULL };

	*has = json_is_array(a) && json_is_integer(json_array_get(a, 0)) &&
		json_is_string(json_array_get(a, 1)) && json_is_string(json_array_get(a, 2));
	if (*has) {
		w.clock = json_integer_value(json_array_get(a, 0));
		w.replica = json_string_value(json_array_get(a, 1));
		w.id = json_string_value(json_array_get(a, 2));
	}
	return w;
}

static long long epoch_of(const json_t *s)
{
	struct zdh_time t;

	return json_is_string(s) && !zdh_date_parse_rfc3339(&t, json_string_value(s)) ? t.t : 0;
}

/* A key's "seen", when it is an object of clocks (the fold checked it), else NULL. */
static const json_t *seen_or_null(const json_t *seen)
{
	return json_is_object(seen) ? seen : NULL;
}

/* The keys and grants of t->states, again (person events are few). */
static void collect(struct zdh_trust *t)
{
	const char *id;
	json_t *state, *k;
	size_t i;

	t->nkeys = t->ngrants = 0;
	json_object_foreach(t->states, id, state) {
		json_array_foreach(json_object_get(state, "keys"), i, k) {
			unsigned char pub[ZDH_PUBKEY_LEN];
			if (zdh_pubkey_parse(pub, json_string_value(json_object_get(k, "key"))))
				continue;
			t->keys = zdh_realloc(t->keys, (t->nkeys + 1) * sizeof(*t->keys));
			memcpy(t->keys[t->nkeys].pub, pub, sizeof(pub));
			t->keys[t->nkeys].from = epoch_of(json_object_get(k, "from"));
			t->keys[t->nkeys].until = epoch_of(json_object_get(k, "until"));
			t->keys[t->nkeys].end = zdh_until_at(k, &t->keys[t->nkeys].has_end);
			t->keys[t->nkeys].seen = seen_or_null(json_object_get(k, "seen"));
			t->keys[t->nkeys].person = id;
			t->nkeys++;
		}
		json_array_foreach(json_object_get(state, "roles"), i, k) {
			struct tgrant *g;
			t->grants = zdh_realloc(t->grants, (t->ngrants + 1) * sizeof(*t->grants));
			g = &t->grants[t->ngrants++];
			g->person = id;
			g->role = json_string_value(json_object_get(k, "role"));
			g->area = json_string_value(json_object_get(k, "area"));
			g->dept = json_string_value(json_object_get(k, "dept"));
			g->area_name = json_string_value(json_object_get(k, "area_name"));
			g->dept_name = json_string_value(json_object_get(k, "dept_name"));
			g->from = epoch_of(json_object_get(k, "from"));
			g->until = epoch_of(json_object_get(k, "until"));
			g->end = zdh_until_at(k, &g->has_end);
		}
	}
}

static int same_str(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

/*
 * The verdict of k's period on w (zdh_when_status), so_far that of its
 * key's other periods.  A key the fold has not seen revoked yet ends
 * where the previous round of the build found it revoked (t->late).
 */
static enum zdh_sig_status key_status(const struct zdh_trust *t, const struct tkey *k,
				      const struct zdh_when *w, enum zdh_sig_status so_far)
{
	for (size_t i = 0; !k->has_end && t->late && i < t->late->nkeys; i++) {
		const struct tkey *l = &t->late->keys[i];
		if (l->has_end && l->from == k->from && !memcmp(l->pub, k->pub, ZDH_PUBKEY_LEN))
			k = l;
	}
	return zdh_when_status(so_far, w, k->from, k->until, k->has_end ? &k->end : NULL, k->seen);
}

/* The same for a grant, found by its person, role, area, department and start. */
static int grant_within(const struct zdh_trust *t, const struct tgrant *g, const struct zdh_when *w)
{
	for (size_t i = 0; !g->has_end && t->late && i < t->late->ngrants; i++) {
		const struct tgrant *l = &t->late->grants[i];
		if (l->has_end && l->from == g->from && same_str(l->person, g->person) &&
		    same_str(l->role, g->role) && same_str(l->area, g->area) && same_str(l->dept, g->dept))
			return zdh_when_within(w, l->from, l->until, &l->end);
	}
	return zdh_when_within(w, g->from, g->until, g->has_end ? &g->end : NULL);
}

/* The person whose key pub is valid when w was written; NULL with *why set when none. */
static const char *signer_at(const struct zdh_trust *t, const unsigned char *pub,
			     const struct zdh_when *w, enum zdh_sig_status *why)
{
	*why = ZDH_SIG_UNKNOWN;
	for (size_t i = 0; i < t->nkeys; i++) {
		const struct tkey *k = &t->keys[i];
		if (memcmp(k->pub, pub, ZDH_PUBKEY_LEN))
			continue;
		if ((*why = key_status(t, k, w, *why)) == ZDH_SIG_GOOD)
			return k->person;
	}
	return NULL;
}

static struct zdh_when when_of(const struct zdh_event *ev)
{
	struct zdh_when w = { ev->recorded.t, ev->clock, ev->replica, ev->id };

	return w;
}

/* The signer of an event (NULL with *why set when it has none valid at its recorded time). */
static const char *signer_of(const struct zdh_trust *t, const struct zdh_event *ev,
			     enum zdh_sig_status sig, const unsigned char *pub,
			     enum zdh_sig_status *why)
{
	struct zdh_when w = when_of(ev);

	*why = sig;
	return sig == ZDH_SIG_GOOD && pub ? signer_at(t, pub, &w, why) : NULL;
}

/* The value of field for ev: its data.set, its data, else the record's state. */
static const char *scope_value(const json_t *state, const struct zdh_event *ev, const char *field)
{
	json_t *v = json_object_get(json_object_get(ev->data, "set"), field);

	if (!json_is_string(v) || !*json_string_value(v))
		v = json_object_get(ev->data, field);
	if (!json_is_string(v) || !*json_string_value(v))
		v = json_object_get(state, field);
	return json_is_string(v) ? json_string_value(v) : NULL;
}

/*
 * Does person hold role (in the area or department of field, when given)
 * at time at?  A grant without an area or department holds everywhere.
 */
static int holds(const struct zdh_trust *t, const char *person, const char *role, size_t rlen,
		 const char *field, const char *value, const struct zdh_when *at)
{
	for (size_t i = 0; i < t->ngrants; i++) {
		const struct tgrant *g = &t->grants[i];
		const char *scope, *label;
		if (strcmp(g->person, person) || !g->role || strlen(g->role) != rlen ||
		    strncmp(g->role, role, rlen) || !grant_within(t, g, at))
			continue;
		scope = !field ? NULL : !strcmp(field, "area") ? g->area :
			!strcmp(field, "dept") ? g->dept : NULL;
		label = !field ? NULL : !strcmp(field, "area") ? g->area_name : g->dept_name;
		/* by id, or by name where a kind still stores the name */
		if (!scope || (value && (!strcmp(scope, value) || (label && !strcmp(label, value)))))
			return 1;
	}
	return 0;
}

/* Any role but auditor at time at. */
static int holds_any(const struct zdh_trust *t, const char *person, const struct zdh_when *at)
{
	for (size_t i = 0; i < t->ngrants; i++) {
		const struct tgrant *g = &t->grants[i];
		if (!strcmp(g->person, person) && g->role && strcmp(g->role, "auditor") &&
		    grant_within(t, g, at))
			return 1;
	}
	return 0;
}

static _Thread_local const char *(*naming)(void *arg, const char *id);
static _Thread_local void *naming_arg;

void zdh_trust_naming(const char *(*name)(void *arg, const char *id), void *arg)
{
	naming = name;
	naming_arg = arg;
}

/*
 * The area or department (field) an event of an existing record is
 * judged in: the record's own (its state, folded from its own events in
 * the one order every replica shares), not the one the event names (trust
 * version 3 the area, 4 the department too).  With moved, the one the
 * event names when it names another: an edit moving the record is written
 * by someone who holds the role in both.  A record without one (a new
 * record, an issue before its claim): the one the event names.
 */
static const char *scope_in(const json_t *state, const struct zdh_event *ev, const char *field,
			    int moved)
{
	json_t *own = json_object_get(state, field);
	const char *named = scope_value(NULL, ev, field);

	if (!json_is_string(own) || !*json_string_value(own))
		return scope_value(state, ev, field);
	if (moved && named)
		return named;
	return json_string_value(own);
}

/*
 * Does one of the words of roles hold for person, a scoped one in the
 * record's own area or department (moved: in the one the event names, see
 * scope_in)?  need: what was needed, named; needs, when not NULL, the
 * same as the fold's note keeps it (zdh_word_roles_note): each role, its
 * field and that field's value, an org's id.
 */
static int words_hold(const struct zdh_trust *t, const char *roles, const json_t *state,
		      const struct zdh_event *ev, const char *person, const struct zdh_when *at,
		      int moved, struct zdh_buf *need, json_t *needs)
{
	const char *p = roles;

	while (*p) {
		size_t rlen;
		char field[16];
		const char *value = NULL;

		zdh_word_role_at(p, &rlen, field);
		if (field[0])
			value = scope_in(state, ev, field, moved);
		if (person && holds(t, person, p, rlen, field[0] ? field : NULL, value, at))
			return 1;
		/* a command's refusal: the role's word, the org's name */
		zdh_word_role_need(need, p, rlen, field,
				   value && naming ? naming(naming_arg, value) : value, naming != NULL);
		if (needs)
			json_array_append_new(needs, field[0] ?
					      json_pack("[s#so]", p, (int)rlen, field,
							value ? json_string(value) : json_null()) :
					      json_pack("[s#]", p, (int)rlen));
		p += strcspn(p, " ");
		while (*p == ' ')
			p++;
	}
	return 0;
}

/*
 * May person write ev (of operation op) by the roles?  roles is the op's
 * list, "liaison@dept area-staff@area subdistrict-admin"; NULL: any role
 * but auditor.  0, or ZDH_EINVALID naming what was needed: for a write,
 * in words; for the fold (fold 1), its note as the index keeps it, the
 * roles as data (zdh_word_roles_note), so that it is shown in any
 * language with the orgs' names, nothing read back from words.
 */
static int roles_allow(const struct zdh_trust *t, const char *roles, const json_t *state,
		       const struct zdh_event *ev, const char *person, int fold)
{
	struct zdh_buf need = ZDH_BUF_INIT;
	struct zdh_when w = when_of(ev);
	json_t *needs;
	char *note;
	int err;

	if (!roles) {
		if (person && holds_any(t, person, &w))
			return 0;
		return zdh_error_set(ZDH_EINVALID, _("%s %s needs a role (an auditor only reads)"),
				     zdh_word_label(ZDH_W_RECORD_KIND, ev->kind),
				     zdh_word_label(ZDH_W_OPERATION, ev->op));
	}
	needs = fold ? json_array() : NULL;
	if (words_hold(t, roles, state, ev, person, &w, 0, &need, needs)) {
		zdh_buf_reset(&need);	/* (what the area or department it names needs) */
		if (needs)
			json_array_clear(needs);
		if (words_hold(t, roles, state, ev, person, &w, 1, &need, needs)) {
			zdh_buf_release(&need);
			json_decref(needs);
			return 0;
		}
	}
	if (needs) {
		note = zdh_word_roles_note(ev->kind, ev->op, needs);
		err = zdh_error_set(ZDH_EINVALID, "%s", note);
		free(note);
		json_decref(needs);
	} else {
		err = zdh_error_set(ZDH_EINVALID, _("%s %s needs the role %s"),
				    zdh_word_label(ZDH_W_RECORD_KIND, ev->kind),
				    zdh_word_label(ZDH_W_OPERATION, ev->op), need.ptr);
	}
	zdh_buf_release(&need);
	return err;
}

static const char *sig_reason(enum zdh_sig_status why)
{
	return zdh_sig_status_text(why);
}

/* ---- the fold ---- */

int zdh_trust_founder_claim(const struct zdh_event *ev, enum zdh_sig_status sig,
			    const unsigned char *pub)
{
	unsigned char given[ZDH_PUBKEY_LEN];
	const char *key = json_string_value(json_object_get(ev->data, "key"));

	return sig == ZDH_SIG_GOOD && pub && !strcmp(ev->kind, "person") &&
		!strcmp(ev->op, "add") && key && !zdh_pubkey_parse(given, key) &&
		!memcmp(given, pub, sizeof(given));
}

/*
 * The founder: no key yet, an add giving the very key that signs it; the
 * one pinned when the replica pinned one (zdh-repository(5), TRUST), so
 * that a log with a lower clock cannot claim it.
 */
static int is_founder(const struct zdh_trust *t, const struct zdh_trust_event *e)
{
	return !t->nkeys && zdh_trust_founder_claim(e->ev, e->sig, e->pub) &&
		(!t->founder || !strcmp(t->founder, e->ev->id));
}

static void refuse(struct zdh_trust *t, const char *id, const char *why)
{
	json_object_set_new(t->refused, id, json_string(why));
}

static void take_setting(struct zdh_trust *t, const struct zdh_event *ev)
{
	const char *name = json_string_value(json_object_get(ev->data, "name"));
	const char *value = json_string_value(json_object_get(ev->data, "value"));

	if (!name || !value || strcmp(name, "require-signatures"))
		return;
	t->require = !strcmp(value, "true");
	if (t->pins)
		json_decref(t->pins);
	t->pins = json_deep_copy(json_object_get(ev->data, "logs"));
}

/*
 * The person who holds the key an add or key-add gives, unrevoked, other
 * than its own record (a key belongs to one person at a time, checked when
 * written: two offices giving one key to two people before hearing of
 * each other), or NULL.
 */
static const char *key_taken(const struct zdh_trust *t, const struct zdh_event *ev)
{
	unsigned char pub[ZDH_PUBKEY_LEN];
	const char *key = json_string_value(json_object_get(ev->data, "key"));

	if ((strcmp(ev->op, "add") && strcmp(ev->op, "key-add")) || !key || zdh_pubkey_parse(pub, key))
		return NULL;
	for (size_t i = 0; i < t->nkeys; i++)
		if (!memcmp(t->keys[i].pub, pub, ZDH_PUBKEY_LEN) && !t->keys[i].until &&
		    !t->keys[i].has_end && strcmp(t->keys[i].person, ev->record))
			return t->keys[i].person;
	return NULL;
}

/* One round of zdh_trust_build: the person events in fold order, late's ends holding too. */
static struct zdh_trust *build_round(struct zdh_trust_event *evs, size_t n, const char *founder,
				     const struct zdh_trust *late)
{
	struct zdh_trust *t = zdh_calloc(1, sizeof(*t));
	const struct zdh_kind *person = zdh_kind_find("person");
	const char *(*named)(void *, const char *) = naming;	/* put back at the end */
	void *named_arg = naming_arg;

	t->founder = founder && *founder ? zdh_strdup(founder) : NULL;
	t->late = late;
	t->states = json_object();
	t->refused = json_object();
	/* the notes of refused person events are the fold's: in English (include/i18n.h), with ids */
	naming = NULL;
	zdh_i18n_english_begin();
	for (size_t i = 0; i < n; i++) {
		const struct zdh_event *ev = evs[i].ev;
		const struct zdh_op *op = zdh_kind_op(person, ev->op);
		json_t *state = json_object_get(t->states, ev->record);
		enum zdh_sig_status why;
		const char *signer = signer_of(t, ev, evs[i].sig, evs[i].pub, &why), *holder;

		if (!op)
			continue;	/* the index's fold says why */
		if (!signer && !is_founder(t, &evs[i])) {
			char *note = zdh_asprintf(_("people and keys are written signed by a person's valid key: %s"),
						  sig_reason(why));
			refuse(t, ev->id, note);
			free(note);
			continue;
		}
		if (t->ngrants && roles_allow(t, op->roles, state, ev, signer, 1) < 0) {
			refuse(t, ev->id, zdh_error_msg());
			continue;
		}
		if ((holder = key_taken(t, ev))) {
			char *note = zdh_asprintf(_("this key is %s's already"), holder);
			refuse(t, ev->id, note);
			free(note);
			continue;
		}
		if (op->check(state, ev) < 0)
			continue;	/* the index's fold refuses it too */
		if (!state) {
			state = json_object();
			json_object_set_new(t->states, ev->record, state);
		}
		zdh_kind_apply(person, op, state, ev);
		if (!strcmp(ev->op, "setting"))
			take_setting(t, ev);
		/* roles judge what was written after the first grant only */
		if (!strcmp(ev->op, "grant") && !t->role_pins)
			t->role_pins = json_deep_copy(json_object_get(ev->data, "logs"));
		collect(t);
	}
	zdh_i18n_english_end();
	naming = named;
	naming_arg = named_arg;
	zdh_error_clear();
	t->late = NULL;
	return t;
}

/*
 * Does t end a key or a grant at a place in the fold (has_end)?  Only
 * those ends are what another round takes from late (key_within(),
 * grant_within()): with none, a second round would be the first again.
 */
static int has_ends(const struct zdh_trust *t)
{
	for (size_t i = 0; i < t->nkeys; i++)
		if (t->keys[i].has_end)
			return 1;
	for (size_t i = 0; i < t->ngrants; i++)
		if (t->grants[i].has_end)
			return 1;
	return 0;
}

/*
 * The person events judge one another in fold order, but a revocation
 * holds from its date whatever the order: a person event signed after a
 * key's or a role's end is refused also when it comes before the
 * revocation in fold order (an admin revoked while writing offline, whose
 * clock stayed low; a lost key's holder choosing a low clock).  So the
 * events are folded again with the ends the last round found, until the
 * refusals stay the same (at most ROUNDS rounds, the same on every
 * replica); without any end, one round.
 */
#define ROUNDS 4
struct zdh_trust *zdh_trust_build(struct zdh_trust_event *evs, size_t n, const char *founder)
{
	struct zdh_trust *t = build_round(evs, n, founder, NULL), *next;

	for (int round = 1; round < ROUNDS && has_ends(t); round++) {
		next = build_round(evs, n, founder, t);
		if (json_equal(next->refused, t->refused)) {
			zdh_trust_free(next);
			break;
		}
		zdh_trust_free(t);
		t = next;
	}
	return t;
}

void zdh_trust_free(struct zdh_trust *t)
{
	if (!t)
		return;
	json_decref(t->states);
	json_decref(t->refused);
	if (t->pins)
		json_decref(t->pins);
	if (t->role_pins)
		json_decref(t->role_pins);
	if (t->parsed)
		json_decref(t->parsed);
	free(t->founder);
	free(t->keys);
	free(t->grants);
	free(t);
}

const char *zdh_trust_founder(const struct zdh_trust *t)
{
	return t ? t->founder : NULL;
}

int zdh_trust_requires(const struct zdh_trust *t)
{
	return t && t->require;
}

int zdh_trust_roles(const struct zdh_trust *t)
{
	return t && t->ngrants > 0;
}

int zdh_trust_active(const struct zdh_trust *t)
{
	return zdh_trust_requires(t) || zdh_trust_roles(t);
}

const char *zdh_trust_person_note(const struct zdh_trust *t, const char *id)
{
	return t ? json_string_value(json_object_get(t->refused, id)) : NULL;
}

/* Was ev in its log when pins were taken (signatures required, the first role granted)? */
static int pinned(const json_t *pins, const struct zdh_event *ev)
{
	json_t *c = json_object_get(pins, ev->replica);

	return json_is_integer(c) && ev->clock <= json_integer_value(c);
}

int zdh_trust_judge(const struct zdh_trust *t, const struct zdh_op *op, const json_t *state,
		    const struct zdh_event *ev, enum zdh_sig_status sig,
		    const unsigned char *pub, int writing)
{
	enum zdh_sig_status why;
	const char *signer;

	if (!zdh_trust_active(t))
		return 0;
	signer = signer_of(t, ev, sig, pub, &why);
	/* (a write's refusal says what to do; the fold's note is only why) */
	if (t->require && !signer && !pinned(t->pins, ev))
		return writing ?
			zdh_error_set(ZDH_EINVALID, _("signatures are required (zdh.require-signatures): %s; sign with a valid key of yours (zdh config user.signingkey FILE), or have a sub-district admin give you one (zdh person key add)"),
				      sig_reason(why)) :
			zdh_error_set(ZDH_EINVALID, _("signatures are required (zdh.require-signatures): %s"),
				      sig_reason(why));
	if (t->ngrants && op && !pinned(t->role_pins, ev))
		return roles_allow(t, op->roles, state, ev, signer, !writing);
	return 0;
}

/*
 * The trust as the judgements need it, not the people's states: each
 * key ["hex", person, from, until, end, seen], each grant [person, role, area, dept,
 * area name, dept name, from, until], the notes of the person events
 * without effect, the setting and the pins.  A write parses this (one
 * row of the index), not the person events.
 */
static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *end_json(int has, const struct zdh_when *end)
{
	return has ? json_pack("[I s s]", (json_int_t)end->clock, end->replica, end->id) : json_null();
}

/* The end [clock, replica, id] at a of a parsed tuple (pointing into it). */
static void end_parse(const json_t *a, struct zdh_when *end, int *has)
{
	json_t *o = json_object();

	json_object_set(o, "until_at", (json_t *)a);
	*end = zdh_until_at(o, has);
	json_decref(o);
}

void zdh_trust_text(const struct zdh_trust *t, struct zdh_buf *out)
{
	json_t *o = json_object(), *keys = json_array(), *grants = json_array();

	for (size_t i = 0; i < t->nkeys; i++) {
		char hex[2 * ZDH_PUBKEY_LEN + 1];
		zdh_hex_encode(hex, t->keys[i].pub, ZDH_PUBKEY_LEN);
		json_array_append_new(keys, json_pack("[s s I I o O]", hex, t->keys[i].person,
						      (json_int_t)t->keys[i].from,
						      (json_int_t)t->keys[i].until,
						      end_json(t->keys[i].has_end, &t->keys[i].end),
						      t->keys[i].seen ? (json_t *)t->keys[i].seen : json_null()));
	}
	for (size_t i = 0; i < t->ngrants; i++) {
		const struct tgrant *g = &t->grants[i];
		json_array_append_new(grants, json_pack("[s o o o o o I I o]", g->person,
			str_or_null(g->role), str_or_null(g->area), str_or_null(g->dept),
			str_or_null(g->area_name), str_or_null(g->dept_name),
			(json_int_t)g->from, (json_int_t)g->until, end_json(g->has_end, &g->end)));
	}
	json_object_set_new(o, "version", json_integer(ZDH_TRUST_VERSION));
	if (t->founder)
		json_object_set_new(o, "founder", json_string(t->founder));
	json_object_set_new(o, "keys", keys);
	json_object_set_new(o, "grants", grants);
	json_object_set(o, "refused", t->refused);
	json_object_set_new(o, "require", json_boolean(t->require));
	if (t->pins)
		json_object_set(o, "pins", t->pins);
	if (t->role_pins)
		json_object_set(o, "role_pins", t->role_pins);
	zdh_json_canonical(out, o);
	json_decref(o);
}

static const char *opt_str(const json_t *a, size_t i)
{
	return json_string_value(json_array_get(a, i));
}

struct zdh_trust *zdh_trust_parse(const char *text, size_t len)
{
	json_t *o = zdh_json_parse(text, len, NULL), *v, *keys, *grants, *e;
	struct zdh_trust *t;
	size_t i;

	v = json_object_get(o, "version");
	keys = json_object_get(o, "keys");
	grants = json_object_get(o, "grants");
	if (!json_is_integer(v) || json_integer_value(v) != ZDH_TRUST_VERSION ||
	    !json_is_array(keys) || !json_is_array(grants) ||
	    !json_is_object(json_object_get(o, "refused"))) {
		json_decref(o);
		return NULL;
	}
	t = zdh_calloc(1, sizeof(*t));
	t->parsed = o;	/* the strings below point into it */
	t->states = json_object();
	t->refused = json_incref(json_object_get(o, "refused"));
	t->require = json_is_true(json_object_get(o, "require"));
	if ((v = json_object_get(o, "pins")))
		t->pins = json_incref(v);
	if ((v = json_object_get(o, "role_pins")))
		t->role_pins = json_incref(v);
	if (json_is_string(v = json_object_get(o, "founder")))
		t->founder = zdh_strdup(json_string_value(v));
	t->keys = zdh_calloc(json_array_size(keys) + 1, sizeof(*t->keys));
	json_array_foreach(keys, i, e) {
		const char *hex = opt_str(e, 0), *person = opt_str(e, 1);
		struct tkey *k = &t->keys[t->nkeys];
		/* lower case only, as zdh_trust_text() writes it */
		if (!hex || !person || strlen(hex) != 2 * ZDH_PUBKEY_LEN ||
		    strspn(hex, "0123456789abcdef") != 2 * ZDH_PUBKEY_LEN ||
		    zdh_hex_decode(k->pub, hex, ZDH_PUBKEY_LEN))
			continue;
		k->person = person;
		k->from = json_integer_value(json_array_get(e, 2));
		k->until = json_integer_value(json_array_get(e, 3));
		end_parse(json_array_get(e, 4), &k->end, &k->has_end);
		k->seen = seen_or_null(json_array_get(e, 5));
		t->nkeys++;
	}
	t->grants = zdh_calloc(json_array_size(grants) + 1, sizeof(*t->grants));
	json_array_foreach(grants, i, e) {
		struct tgrant *g = &t->grants[t->ngrants];
		if (!(g->person = opt_str(e, 0)))
			continue;
		g->role = opt_str(e, 1);
		g->area = opt_str(e, 2);
		g->dept = opt_str(e, 3);
		g->area_name = opt_str(e, 4);
		g->dept_name = opt_str(e, 5);
		g->from = json_integer_value(json_array_get(e, 6));
		g->until = json_integer_value(json_array_get(e, 7));
		end_parse(json_array_get(e, 8), &g->end, &g->has_end);
		t->ngrants++;
	}
	return t;
}

void zdh_trust_fingerprint(const struct zdh_trust *t, struct zdh_buf *out)
{
	struct zdh_buf text = ZDH_BUF_INIT;
	struct zdh_sha1 c;
	unsigned char raw[ZDH_OID_RAWSZ];
	char hex[ZDH_OID_HEXSZ + 1];

	zdh_trust_text(t, &text);
	zdh_sha1_init(&c);
	zdh_sha1_update(&c, text.ptr, text.len);
	zdh_sha1_final(raw, &c);
	zdh_oid_tohex(hex, raw);
	zdh_buf_puts(out, hex);
	zdh_buf_release(&text);
}

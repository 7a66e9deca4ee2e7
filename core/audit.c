/*
 * audit — verify reads the logs themselves (never the index, which it
 * must be able to distrust); export reads the index after catch-up.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "conflict.h"
#include "error.h"
#include "output.h"
#include "event.h"
#include "i18n.h"
#include "index.h"
#include "index-db.h"
#include "org.h"
#include "kind.h"
#include "odb.h"
#include "person.h"
#include "prefix.h"
#include "repo.h"
#include "rules.h"
#include "sha1.h"
#include "sign.h"
#include "objects.h"
#include "trust.h"
#include "walk.h"
#include "words.h"

struct logref {
	char *name;
	char id[41];
};

struct logrefs {
	struct logref *v;
	size_t n;
};

static int collect(const char *refname, const char *id, void *payload)
{
	struct logrefs *l = payload;

	l->v = zdh_realloc(l->v, (l->n + 1) * sizeof(*l->v));
	l->v[l->n].name = zdh_strdup(refname);
	snprintf(l->v[l->n].id, 41, "%s", id);
	l->n++;
	return 0;
}

/*
 * Events of a kind (or an operation of a kind) this zdh does not know
 * were written by a newer zdh: not a fault of the log, and not invalid
 * (DESIGN §8).  verify counts them and warns, naming the kind.
 */
struct unknown {
	char *kind, *op;	/* op NULL: the whole kind is unknown */
	long long n;
};

struct unknowns {
	struct unknown *v;
	size_t n;
};

static void unknown_add(struct unknowns *u, const char *kind, const char *op)
{
	for (size_t i = 0; i < u->n; i++)
		if (!strcmp(u->v[i].kind, kind) && (op ? u->v[i].op && !strcmp(u->v[i].op, op) :
						      !u->v[i].op)) {
			u->v[i].n++;
			return;
		}
	u->v = zdh_realloc(u->v, (u->n + 1) * sizeof(*u->v));
	u->v[u->n].kind = zdh_strdup(kind);
	u->v[u->n].op = op ? zdh_strdup(op) : NULL;
	u->v[u->n].n = 1;
	u->n++;
}

/* Warn of each (when report), and free them. */
static void unknowns_done(struct unknowns *u, int report)
{
	for (size_t i = 0; i < u->n; i++) {
		if (report && u->v[i].op)
			zdh_warn(ngettext("%lld event of operation '%s' of %s, which this zdh does not know: kept and relayed, without effect here; upgrade zdh to fold it",
					  "%lld events of operation '%s' of %s, which this zdh does not know: kept and relayed, without effect here; upgrade zdh to fold them",
					  (unsigned long)u->v[i].n),
				 u->v[i].n, u->v[i].op, u->v[i].kind);
		else if (report)
			zdh_warn(ngettext("%lld event of record kind '%s', which this zdh does not know: kept and relayed, not folded; upgrade zdh to see it",
					  "%lld events of record kind '%s', which this zdh does not know: kept and relayed, not folded; upgrade zdh to see them",
					  (unsigned long)u->v[i].n),
				 u->v[i].n, u->v[i].kind);
		free(u->v[i].kind);
		free(u->v[i].op);
	}
	free(u->v);
	u->v = NULL;
	u->n = 0;
}

/*
 * Signatures (zdh-repository(5), SIGNATURES).  One that does not verify
 * over the commit without it is an error of its log, found as the log is
 * read.  Who may sign is decided after every log is read: the person
 * events met on the way are folded into a keyring (from the logs, not
 * the index, which verify must be able to distrust), then each event is
 * judged against it at its recorded time.
 */
struct judged {
	long long recorded, clock;
	int key;		/* index in sigs.keys, -1 when unsigned */
	int log;		/* index in the logrefs */
	unsigned char version;
	char id[13];
};

struct sigs {
	struct judged *v;
	size_t n, alloc;
	unsigned char (*keys)[ZDH_PUBKEY_LEN];
	size_t nkeys;
	struct zdh_event **persons;
	struct zdh_trust_event *tev;	/* the same, with their signatures */
	size_t npersons;
	int log;
	int roles;		/* a role is granted: the fold judges by roles */
	const char *founder;	/* person.founder, the founder this replica pinned */
	char (*named)[13];	/* the events named for their signature, sorted */
	size_t nnamed;
};

/* An event whose signature verified, or that has none, for the keyring to judge. */
static void judged_add(struct sigs *g, const struct zdh_event *ev, const char *id,
		       enum zdh_sig_status st, const unsigned char pub[ZDH_PUBKEY_LEN])
{
	struct judged *j;
	size_t k;

	if (g->n == g->alloc) {
		g->alloc = g->alloc ? 2 * g->alloc : 256;
		g->v = zdh_realloc(g->v, g->alloc * sizeof(*g->v));
	}
	j = &g->v[g->n++];
	j->recorded = ev->recorded.t;
	j->clock = ev->clock;
	j->version = (unsigned char)ev->version;
	j->log = g->log;
	j->key = -1;
	memcpy(j->id, id, sizeof(j->id) - 1);
	j->id[sizeof(j->id) - 1] = '\0';
	if (st == ZDH_SIG_GOOD) {
		for (k = 0; k < g->nkeys && memcmp(g->keys[k], pub, ZDH_PUBKEY_LEN); k++)
			;
		if (k == g->nkeys) {
			g->keys = zdh_realloc(g->keys, (g->nkeys + 1) * sizeof(*g->keys));
			memcpy(g->keys[g->nkeys++], pub, ZDH_PUBKEY_LEN);
		}
		j->key = (int)k;
	}
}

/*
 * Note an event's signature; returns its status.  One that does not verify
 * is a verdict on that event alone, as an invalid event is: the caller
 * names it and reads on (a peer's forged signature must not end the walk
 * of its log, nor of every log after it).  Such an event is not judged
 * again by the keyring; a person event so signed goes to the trust fold,
 * which gives it no effect.
 */
static enum zdh_sig_status note_signature(struct sigs *g, const char *raw, size_t len,
					  struct zdh_event *ev, const char *id)
{
	unsigned char pub[ZDH_PUBKEY_LEN];
	enum zdh_sig_status st = zdh_sig_read(raw, len, pub);

	if (st != ZDH_SIG_BAD)
		judged_add(g, ev, id, st, pub);
	if (!strcmp(ev->kind, "person")) {
		struct zdh_event *copy = zdh_malloc(sizeof(*copy));
		*copy = *ev;
		snprintf(copy->id, sizeof(copy->id), "%s", id);
		memset(ev, 0, sizeof(*ev));
		g->persons = zdh_realloc(g->persons, (g->npersons + 1) * sizeof(*g->persons));
		g->tev = zdh_realloc(g->tev, (g->npersons + 1) * sizeof(*g->tev));
		g->tev[g->npersons].ev = copy;
		g->tev[g->npersons].sig = st;
		memcpy(g->tev[g->npersons].pub, pub, ZDH_PUBKEY_LEN);
		g->persons[g->npersons++] = copy;
	}
	return st;
}

/* Fold order, for zdh_trust_build. */
static int trust_event_cmp(const void *a, const void *b)
{
	const struct zdh_event *x = ((const struct zdh_trust_event *)a)->ev;
	const struct zdh_event *y = ((const struct zdh_trust_event *)b)->ev;

	return zdh_fold_cmp(x->clock, x->replica, x->id, y->clock, y->replica, y->id);
}

/*
 * Judge every event against the people's keys; the count of those that
 * fail, and in *persons of the person events the trust gave no effect
 * (named too, and counted apart: "this key is XQ-U3's already" is no
 * event unsigned).
 */
static long long judge_signatures(struct sigs *g, const struct logrefs *l, long long *persons)
{
	struct zdh_keyring *ring;
	struct zdh_trust *t;
	long long bad = 0;
	size_t n = 0;

	/*
	 * The person events the trust fold gives no effect (not signed by a
	 * person's valid key, not by an admin once roles are on) are named,
	 * and make no key of the keyring (include/trust.h).
	 */
	if (g->npersons)
		qsort(g->tev, g->npersons, sizeof(*g->tev), trust_event_cmp);
	t = zdh_trust_build(g->tev, g->npersons, g->founder);
	g->roles = zdh_trust_roles(t);
	for (size_t i = 0; i < g->npersons; i++) {
		const char *note = zdh_trust_person_note(t, g->tev[i].ev->id);
		if (!note) {
			g->persons[n++] = g->tev[i].ev;
			continue;
		}
		{
			char *shown = zdh_word_note(note);	/* the trust's notes are in English */
			zdh_warn(_("refs/zdh/log/%s: commit %.12s: no effect: %s"), g->tev[i].ev->replica,
				 g->tev[i].ev->id, shown);
			free(shown);
		}
		(*persons)++;
	}
	zdh_trust_free(t);
	zdh_keyring_from_events(&ring, g->persons, n);
	for (size_t i = 0; zdh_keyring_active(ring) && i < g->n; i++) {
		const struct judged *j = &g->v[i];
		const char *person = NULL, *name;
		enum zdh_sig_status st = ZDH_SIG_UNSIGNED;

		if (j->key >= 0) {
			/* its log's replica (refs/zdh/log/R, refs/zdh/diverged/REMOTE/R.N): the rules hold it so */
			const char *ref = strrchr(l->v[j->log].name, '/') + 1;
			char replica[64];
			struct zdh_when w = { j->recorded, j->clock, replica, j->id };
			snprintf(replica, sizeof(replica), "%.*s", (int)strcspn(ref, "."), ref);
			st = zdh_keyring_lookup(ring, g->keys[j->key], &w, &person, &name);
		}
		/*
		 * Written before the repository had people, unsigned or signed by
		 * a key a person was given later (the founder's, set before the
		 * founder was added, signing the first orgs): no key was anyone's
		 * then.  A key no person has is named all the same (a peer's
		 * claim to be the founder, by a lower clock).
		 */
		if (st == ZDH_SIG_GOOD || (zdh_sig_before_people(st) && j->clock <= zdh_keyring_since(ring)))
			continue;
		if (person)
			zdh_warn(_("%s: commit %s: %s, a key of %s"), l->v[j->log].name, j->id,
				 zdh_sig_status_text(st), person);
		else
			zdh_warn(_("%s: commit %s: %s"), l->v[j->log].name, j->id,
				 zdh_sig_status_text(st));
		g->named = zdh_realloc(g->named, (g->nnamed + 1) * sizeof(*g->named));
		memcpy(g->named[g->nnamed++], j->id, sizeof(j->id));
		bad++;
	}
	if (g->nnamed)
		qsort(g->named, g->nnamed, sizeof(*g->named), (int (*)(const void *, const void *))strcmp);
	zdh_keyring_free(ring);
	return bad;
}

struct refused {
	const struct sigs *g;
	long long n;
};

/*
 * An event the fold gives no effect by the roles: named, unless named for
 * its signature; its orgs by name, as the pull that took it named them.
 */
static int name_refused(struct zdh_index *scratch, const char *replica, const char *id,
			const char *note, void *payload)
{
	struct refused *r = payload;
	char key[13];

	snprintf(key, sizeof(key), "%s", id);
	if (r->g->nnamed && bsearch(key, r->g->named, r->g->nnamed, sizeof(*r->g->named),
				    (int (*)(const void *, const void *))strcmp))
		return 0;
	{
		char *shown = zdh_org_note_shown(scratch, note, NULL);	/* stored in English, ids */
		zdh_warn(_("refs/zdh/log/%s: commit %.12s: no effect: %s"), replica, id, shown);
		free(shown);
	}
	r->n++;
	return 0;
}

static void sigs_free(struct sigs *g)
{
	for (size_t i = 0; i < g->npersons; i++) {
		zdh_event_clear(g->tev[i].ev);
		free(g->tev[i].ev);
	}
	free(g->persons);
	free(g->tev);
	free(g->keys);
	free(g->v);
	free(g->named);
}

/* An event's seen, for the check at the end: 48 bytes an event, no allocation */
struct seen_ref {
	unsigned char seen[20];
	unsigned char id[20];
	const char *ref;	/* the log's name, which zdh_verify() keeps to the end */
};

struct verify {
	struct zdh_repo *repo;
	struct sigs *sigs;
	void (*problem)(const char *msg, void *payload);
	void *payload;
	long long invalid;
	long long badsig;		/* events whose signature does not verify */
	/* events creating a record under a prefix another replica owns (foreign_create) */
	long long foreign;
	char last_prefix[48];		/* the prefix last asked for, and its owner */
	const char *last_owner;
	struct unknowns unknown;	/* valid events of kinds or operations not known here */
	/* every event id held, and the seen of every event, checked at the end */
	unsigned char (*ids)[20];
	size_t nids, aids;
	struct seen_ref *seens;
	size_t nseens, aseens;
};

/* Note the event's id, and its seen for the check at the end (verify_seen). */
static void note_ids(struct verify *v, const struct zdh_logged *l, const char *ref)
{
	if (v->nids == v->aids) {
		v->aids = v->aids ? 2 * v->aids : 1024;
		v->ids = zdh_realloc(v->ids, v->aids * sizeof(*v->ids));
	}
	zdh_oid_fromhex(v->ids[v->nids++], l->id);
	if (!l->decoded || !l->ev.seen || l->invalid)
		return;
	if (v->nseens == v->aseens) {
		v->aseens = v->aseens ? 2 * v->aseens : 1024;
		v->seens = zdh_realloc(v->seens, v->aseens * sizeof(*v->seens));
	}
	zdh_oid_fromhex(v->seens[v->nseens].seen, l->ev.seen);
	zdh_oid_fromhex(v->seens[v->nseens].id, l->id);
	v->seens[v->nseens++].ref = ref;
}

static int cmp_oid(const void *a, const void *b)
{
	return memcmp(a, b, 20);
}

/*
 * seen may name an event of a log a replica does not hold yet, so it is
 * not a rule (core/rules.c); but in a repository whose logs are whole, a
 * valid event's seen names an event one of them holds.  Returns how many
 * do not.
 */
static long long verify_seen(struct verify *v)
{
	long long missing = 0;

	if (v->nids)
		qsort(v->ids, v->nids, sizeof(*v->ids), cmp_oid);
	for (size_t i = 0; i < v->nseens; i++) {
		struct seen_ref *s = &v->seens[i];
		if (!bsearch(s->seen, v->ids, v->nids, sizeof(*v->ids), cmp_oid)) {
			char hex[41], id[41], *msg;
			zdh_oid_tohex(hex, s->seen);
			zdh_oid_tohex(id, s->id);
			msg = zdh_asprintf(_("%s: commit %.12s: seen names %.12s, an event no log here holds"),
					   s->ref, id, hex);
			if (v->problem)
				v->problem(msg, v->payload);
			free(msg);
			missing++;
		}
	}
	free(v->ids);
	free(v->seens);
	return missing;
}

/* The replica whose log ref names: refs/zdh/log/R, refs/zdh/diverged/REMOTE/R[.N]. */
static char *log_replica(const char *ref)
{
	const char *r;

	if (!strncmp(ref, "refs/zdh/log/", 13))
		return zdh_strdup(ref + 13);
	if (!strncmp(ref, "refs/zdh/diverged/", 18) && (r = strrchr(ref, '/')))
		return zdh_strndup(r + 1, strcspn(r + 1, "."));
	return NULL;
}

/*
 * An event of a log that would create a record (its operation's check
 * takes it with no state) under a prefix another replica owns has no
 * effect (the fold's zdh_prefix_refusal): named as pull names it, and
 * counted.  The verdict needs the event and the pins alone; the owner of
 * the prefix asked last is kept, since a log's events mostly share one.
 */
static void foreign_create(struct verify *v, const struct zdh_op *op, const struct zdh_event *ev,
			   const char *ref, const char *id)
{
	char prefix[48], *why;

	if (zdh_prefix_of(prefix, sizeof(prefix), ev->record))
		return;
	if (strcmp(prefix, v->last_prefix)) {
		memcpy(v->last_prefix, prefix, sizeof(prefix));
		v->last_owner = zdh_prefix_owner(v->repo->config, prefix);
	}
	if (!v->last_owner || !strcmp(v->last_owner, ev->replica) || op->check(NULL, ev))
		return;
	why = zdh_asprintf(_("prefix %s belongs to replica %s"), prefix, v->last_owner);
	zdh_warn(_("%s: commit %.12s: no effect: %s"), ref, id, why);
	free(why);
	v->foreign++;
}

/* Judge l by the rules, then note its signature (core/sign.c); each problem named, none ends the walk. */
static int judge(struct verify *v, struct zdh_logged *l, const char *ref, const char *replica,
		 long long parent_clock)
{
	char *msg, *why;

	int invalid = zdh_logged_judge(l, replica, parent_clock, zdh_logged_tree_cb, zdh_logged_type_cb, l);

	note_ids(v, l, ref);
	if (invalid) {
		v->invalid++;
		char *shown = zdh_word_note(l->invalid);	/* made in English, as stored */
		msg = zdh_asprintf(_("%s: commit %.12s: invalid event (%s)"), ref, l->id, shown);
		free(shown);
		if (v->problem)
			v->problem(msg, v->payload);
		free(msg);
	} else if (l->decoded) {
		const struct zdh_kind *kind = zdh_kind_find(l->ev.kind);
		if (!kind)
			unknown_add(&v->unknown, l->ev.kind, NULL);
		else if (!zdh_kind_op(kind, l->ev.op))
			unknown_add(&v->unknown, l->ev.kind, l->ev.op);
		else if (!strncmp(ref, "refs/zdh/log/", 13))	/* (not a log kept aside) */
			foreign_create(v, zdh_kind_op(kind, l->ev.op), &l->ev, ref, l->id);
	}
	/* (a person event is taken over by the keyring: l->ev is left empty) */
	if (!l->decoded || note_signature(v->sigs, l->raw.ptr, l->raw.len, &l->ev, l->id) != ZDH_SIG_BAD)
		return 0;
	v->badsig++;
	why = zdh_asprintf(_("forged or damaged signature: %s"), zdh_sig_status_text(ZDH_SIG_BAD));
	msg = zdh_asprintf("%s: commit %.12s: %s", ref, l->id, why);
	if (v->problem)
		v->problem(msg, v->payload);
	free(why);
	free(msg);
	return 0;
}

struct verify_walk {
	struct verify *v;
	const char *ref, *replica;
	struct zdh_logged slots[2], *cur, *child;
	int have_child;
	long long *events;
	char failed[41];	/* the commit judge() failed on */
};

/* One commit read and hashed by the reader: judge the one before, keep this one. */
static int verify_step(void *ctx, struct zdh_walked *c)
{
	struct verify_walk *w = ctx;
	struct zdh_logged *t;
	int err;

	zdh_logged_parse(w->cur, c->id, c->raw.ptr, c->raw.len, ZDH_EVENT_TRUSTED);
	if (c->tree_read) {
		zdh_buf_add(&w->cur->tree, c->tree.ptr, c->tree.len);
		zdh_buf_add(&w->cur->types, c->types.ptr, c->types.len);
		w->cur->tree_read = 1;
	}
	if (w->have_child && (err = judge(w->v, w->child, w->ref, w->replica, zdh_logged_clock(w->cur)))) {
		memcpy(w->failed, w->child->id, sizeof(w->failed));
		return err;
	}
	(*w->events)++;
	t = w->child, w->child = w->cur, w->cur = t;
	w->have_child = 1;
	return 0;
}

/*
 * A log from its tip back: objects intact, and every commit judged by the
 * rules (core/rules.c) once its parent, whose clock it needs, is read.
 * An invalid event is named and the walk goes on; a missing or damaged
 * object ends it.  The commits are read, inflated and hashed on a second
 * thread (core/walk.c), their trees with them, while this one parses and
 * judges them: reading was half of a verify.
 */
static int verify_log(struct verify *v, const char *ref, const char *tip, long long *events)
{
	char *replica = log_replica(ref);
	struct verify_walk w;
	char cur[41];
	int err;

	memset(&w, 0, sizeof(w));
	w.v = v;
	w.ref = ref;
	w.replica = replica;
	w.cur = &w.slots[0];
	w.child = &w.slots[1];
	w.events = events;
	err = zdh_walk_threaded(v->repo, tip, "", 1, 0, verify_step, &w, cur);
	if (!err && w.have_child && (err = judge(v, w.child, ref, replica, 0)))
		memcpy(w.failed, w.child->id, sizeof(w.failed));
	if (err) {
		char *msg = zdh_strdup(zdh_error_msg());
		zdh_error_set(ZDH_ECORRUPT, "%s: commit %.12s: %s", ref, w.failed[0] ? w.failed : cur, msg);
		free(msg);
		err = ZDH_ECORRUPT;
	}
	zdh_logged_release(&w.slots[0]);
	zdh_logged_release(&w.slots[1]);
	free(replica);
	return err;
}

int zdh_verify(struct zdh_repo *repo, long long *logs, long long *events,
	       void (*problem)(const char *msg, void *payload), void *payload)
{
	struct sigs sigs;
	struct verify v = { .repo = repo, .sigs = &sigs, .problem = problem, .payload = payload };
	struct logrefs l = { NULL, 0 };
	long long bad_n = 0, bad_persons = 0, bad_roles = 0, missing;
	int err;

	const char *diverged = NULL;

	*logs = *events = 0;
	memset(&sigs, 0, sizeof(sigs));
	sigs.founder = zdh_config_get(repo->config, "person.founder");
	err = zdh_ref_foreach(repo->gitdir, "refs/zdh/", collect, &l);
	for (size_t i = 0; !err && i < l.n; i++) {
		/*
		 * sync (core/sync.c): refs/zdh/remotes/ are copies of what a remote
		 * had at the last pull, not logs of this repository: what pull took
		 * from them is checked under refs/zdh/log/.  A log kept aside under
		 * refs/zdh/diverged/ is checked too, then reported as a problem
		 * until someone resolves it (zdh-sync(1)).
		 */
		if (!strncmp(l.v[i].name, "refs/zdh/remotes/", 17))
			continue;
		sigs.log = (int)i;
		err = verify_log(&v, l.v[i].name, l.v[i].id, events);
		(*logs)++;
		if (!err && !diverged && !strncmp(l.v[i].name, "refs/zdh/diverged/", 18))
			diverged = l.v[i].name;
	}
	if (!err && diverged) {
		/* refs/zdh/diverged/REMOTE/REPLICA[.N] */
		const char *replica = strrchr(diverged, '/') + 1;
		err = zdh_error_set(ZDH_ECORRUPT, _("%s: a log that diverged, kept aside by pull; compare it with refs/zdh/log/%.*s and resolve it (see zdh-sync(1))"),
				    diverged, (int)strcspn(replica, "."), replica);
	}
	if (!err)
		bad_n = judge_signatures(&sigs, &l, &bad_persons);
	/*
	 * Roles: whether a writer held the role is decided by the fold (the
	 * record's state names the area or department), so verify folds every
	 * log itself, apart from the index, and names what the roles refused.
	 */
	if (!err && sigs.roles) {
		struct refused r = { &sigs, 0 };
		if (!(err = zdh_index_refused(repo, name_refused, &r)))
			bad_roles = r.n;
		zdh_org_forget();	/* (the names were the scratch database's, now gone) */
	}
	if (!err && v.badsig)
		err = zdh_error_set(ZDH_ECORRUPT, ngettext("%lld event whose signature does not verify (forged or damaged)",
							   "%lld events whose signatures do not verify (forged or damaged)",
							   (unsigned long)v.badsig), v.badsig);
	else if (!err && bad_n)
		err = zdh_error_set(ZDH_ECORRUPT, ngettext("%lld event not signed by a valid key of a person of this repository",
							   "%lld events not signed by a valid key of a person of this repository",
							   (unsigned long)bad_n), bad_n);
	else if (!err && bad_persons)
		err = zdh_error_set(ZDH_ECORRUPT, ngettext("%lld event of people, keys or roles has no effect (named above): it changes no one's keys or roles",
							   "%lld events of people, keys or roles have no effect (named above): they change no one's keys or roles",
							   (unsigned long)bad_persons), bad_persons);
	else if (!err && bad_roles)
		err = zdh_error_set(ZDH_ECORRUPT, ngettext("%lld event by someone without the role it needs: it has no effect on any record",
							   "%lld events by someone without the role they need: they have no effect on any record",
							   (unsigned long)bad_roles), bad_roles);
	missing = verify_seen(&v);
	if (!err && v.invalid)
		err = zdh_error_set(ZDH_ECORRUPT, ngettext("%lld invalid event: it has no effect on any record",
							   "%lld invalid events: they have no effect on any record",
							   (unsigned long)v.invalid), v.invalid);
	else if (!err && missing)
		err = zdh_error_set(ZDH_ECORRUPT, ngettext("%lld event names as seen an event no log here holds",
							   "%lld events name as seen an event no log here holds",
							   (unsigned long)missing), missing);
	else if (!err && v.foreign)
		err = zdh_error_set(ZDH_ECORRUPT, ngettext("%lld event would create a record under a prefix another replica owns: it has no effect on any record",
							   "%lld events would create records under a prefix another replica owns: they have no effect on any record",
							   (unsigned long)v.foreign), v.foreign);
	unknowns_done(&v.unknown, !err);
	for (size_t i = 0; i < l.n; i++)
		free(l.v[i].name);
	free(l.v);
	sigs_free(&sigs);
	return err;
}

struct export_ctx {
	json_t *list;
	struct zdh_index *idx;
};

static int export_record(const char *id, json_t *state, json_t *conflicts, long long events,
			 void *payload)
{
	struct export_ctx *ctx = payload;
	json_t *o = json_object(), *described = NULL;
	int err;

	/* as show --json and zdh conflicts --json: the values, who, when, which is provisional */
	if (conflicts && (err = zdh_conflicts_describe(ctx->idx, id, conflicts, &described))) {
		json_decref(o);
		return err;
	}
	json_object_set_new(o, "id", json_string(id));
	json_object_set(o, "state", state);
	json_object_set_new(o, "events", json_integer(events));
	if (json_array_size(described))
		json_object_set(o, "conflicts", described);
	if (described)
		json_decref(described);
	json_array_append_new(ctx->list, o);
	return 0;
}

int zdh_export(struct zdh_index *idx, FILE *out)
{
	json_t *root = json_object(), *records = json_object();
	int err = 0;

	json_object_set_new(root, "format", json_integer(1));
	for (size_t i = 0; zdh_kinds[i] && !err; i++) {
		struct export_ctx ctx = { json_array(), idx };
		err = zdh_index_records(idx, zdh_kinds[i]->name, export_record, &ctx);
		json_object_set_new(records, zdh_kinds[i]->name, ctx.list);
	}
	json_object_set_new(root, "records", records);
	if (!err && (json_dumpf(root, out, JSON_INDENT(2) | JSON_SORT_KEYS) < 0 ||
		     fputc('\n', out) == EOF))
		err = zdh_output_failed(out, _("cannot write the export"));
	json_decref(root);
	return err;
}

/*
 * audit — verify reads the logs themselves (never the index, which it
 * must be able to distrust); export reads the index after catch-up.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "error.h"
#include "event.h"
#include "i18n.h"
#include "index.h"
#include "kind.h"
#include "odb.h"
#include "repo.h"
#include "store.h"

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

static int record_id_valid(const struct zdh_kind *kind, const char *id)
{
	const char *dash = strrchr(id, '-'), *p;

	if (!dash || dash == id)
		return 0;
	for (p = id; p < dash; p++)
		if (!(isupper((unsigned char)*p) || isdigit((unsigned char)*p)))
			return 0;
	p = dash + 1;
	if (kind->letter && *p++ != kind->letter)
		return 0;
	if (*p < '1' || *p > '9')
		return 0;
	while (isdigit((unsigned char)*p))
		p++;
	return *p == '\0';
}

static int check_event(const struct zdh_event *ev, const char *replica)
{
	const struct zdh_kind *kind = zdh_kind_find(ev->kind);

	if (replica && strcmp(ev->replica, replica))
		return zdh_error_set(ZDH_ECORRUPT, _("event of replica '%s' on this log"), ev->replica);
	if (!kind)
		return zdh_error_set(ZDH_ECORRUPT, _("unknown record kind '%s'"), ev->kind);
	if (!zdh_kind_op(kind, ev->op))
		return zdh_error_set(ZDH_ECORRUPT, _("unknown operation '%s' of %s"), ev->op, ev->kind);
	if (!record_id_valid(kind, ev->record))
		return zdh_error_set(ZDH_ECORRUPT, _("malformed %s id '%s'"), ev->kind, ev->record);
	return 0;
}

static int verify_log(struct zdh_repo *repo, const char *ref, const char *tip, long long *events)
{
	const char *replica = !strncmp(ref, "refs/zdh/log/", 13) ? ref + 13 : NULL;
	struct zdh_buf raw = ZDH_BUF_INIT;
	char cur[41], parent[41], hash[41];
	long long next_clock = 0;
	int err = 0;

	snprintf(cur, sizeof(cur), "%s", tip);
	while (cur[0]) {
		struct zdh_event ev;
		int nparents;

		zdh_buf_reset(&raw);
		if ((err = zdh_store_read_commit(&raw, repo, cur)))
			break;
		zdh_odb_hash(hash, ZDH_OBJ_COMMIT, raw.ptr, raw.len);
		if (strcmp(hash, cur)) {
			err = zdh_error_set(ZDH_ECORRUPT, _("object damaged (it hashes to %.12s)"), hash);
			break;
		}
		if ((err = zdh_event_parse_commit(&ev, parent, &nparents, raw.ptr, raw.len))) {
			if (err == ZDH_ECORRUPT)
				zdh_error_set(ZDH_ECORRUPT, _("not a zdh event: %s"), zdh_error_msg());
			break;
		}
		err = check_event(&ev, replica);
		if (!err && nparents > 1)
			err = zdh_error_set(ZDH_ECORRUPT, _("a merge: a log must be one linear chain"));
		if (!err && next_clock && ev.clock >= next_clock)
			err = zdh_error_set(ZDH_ECORRUPT, _("clock %lld does not increase to the next event's %lld"),
					    ev.clock, next_clock);
		next_clock = ev.clock;
		zdh_event_clear(&ev);
		if (err)
			break;
		(*events)++;
		snprintf(cur, sizeof(cur), "%s", parent);
	}
	if (err) {
		char *msg = zdh_strdup(zdh_error_msg());
		zdh_error_set(ZDH_ECORRUPT, "%s: commit %.12s: %s", ref, cur, msg);
		free(msg);
		err = ZDH_ECORRUPT;
	}
	zdh_buf_release(&raw);
	return err;
}

int zdh_verify(struct zdh_repo *repo, long long *logs, long long *events)
{
	struct logrefs l = { NULL, 0 };
	int err;

	const char *diverged = NULL;

	*logs = *events = 0;
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
		err = verify_log(repo, l.v[i].name, l.v[i].id, events);
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
	for (size_t i = 0; i < l.n; i++)
		free(l.v[i].name);
	free(l.v);
	return err;
}

struct export_ctx {
	json_t *list;
};

static int export_record(const char *id, json_t *state, json_t *conflicts, long long events,
			 void *payload)
{
	struct export_ctx *ctx = payload;
	json_t *o = json_object();

	json_object_set_new(o, "id", json_string(id));
	json_object_set(o, "state", state);
	json_object_set_new(o, "events", json_integer(events));
	if (conflicts)
		json_object_set(o, "conflicts", conflicts);
	json_array_append_new(ctx->list, o);
	return 0;
}

int zdh_export(struct zdh_index *idx, FILE *out)
{
	json_t *root = json_object(), *records = json_object();
	int err = 0;

	json_object_set_new(root, "format", json_integer(1));
	for (size_t i = 0; zdh_kinds[i] && !err; i++) {
		struct export_ctx ctx = { json_array() };
		err = zdh_index_records(idx, zdh_kinds[i]->name, export_record, &ctx);
		json_object_set_new(records, zdh_kinds[i]->name, ctx.list);
	}
	json_object_set_new(root, "records", records);
	if (!err && (json_dumpf(root, out, JSON_INDENT(2) | JSON_SORT_KEYS) < 0 ||
		     fputc('\n', out) == EOF))
		err = zdh_error_errno(ZDH_ERROR, _("cannot write the export"));
	json_decref(root);
	return err;
}

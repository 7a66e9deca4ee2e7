/*
 * kinds — the table of record kinds, and what the engine does for every
 * kind alike (data.set, attachments).  The engine knows kinds only
 * through this table.
 */
#include <string.h>
#include <strings.h>

#include "error.h"
#include "i18n.h"
#include "index.h"
#include "index-db.h"
#include "json.h"
#include "kind.h"
#include "output.h"
#include "rules.h"
#include "words.h"

extern const struct zdh_kind zdh_kind_org;
extern const struct zdh_kind zdh_kind_issue;
extern const struct zdh_kind zdh_kind_offer;
extern const struct zdh_kind zdh_kind_need;
extern const struct zdh_kind zdh_kind_pairing;
extern const struct zdh_kind zdh_kind_delivery;
extern const struct zdh_kind zdh_kind_liaison;
extern const struct zdh_kind zdh_kind_visit;
extern const struct zdh_kind zdh_kind_project;
extern const struct zdh_kind zdh_kind_fund;
extern const struct zdh_kind zdh_kind_person;
extern const struct zdh_kind zdh_kind_report;
extern const struct zdh_kind zdh_kind_setting;
extern const struct zdh_kind zdh_kind_council, zdh_kind_meeting, zdh_kind_decision,
	zdh_kind_action;
#ifdef ZDH_TEST_KIND	/* zdh-testkind only: the test-only kind (tests/testkind/) */
extern const struct zdh_kind zdh_kind_test;
#endif

const struct zdh_kind *const zdh_kinds[] = {
	&zdh_kind_org,
	&zdh_kind_issue,
	&zdh_kind_offer,
	&zdh_kind_need,
	&zdh_kind_pairing,
	&zdh_kind_delivery,
	&zdh_kind_liaison,
	&zdh_kind_visit,
	&zdh_kind_project,
	&zdh_kind_fund,
	&zdh_kind_person,
	&zdh_kind_report,
	&zdh_kind_setting,
	&zdh_kind_council,
	&zdh_kind_meeting,
	&zdh_kind_decision,
	&zdh_kind_action,
#ifdef ZDH_TEST_KIND
	&zdh_kind_test,
#endif
	NULL
};

/*
 * (names compared on their first byte first: the fold finds every
 * event's kind and operation, six and four strcmp() calls an event)
 */
const struct zdh_kind *zdh_kind_find(const char *name)
{
	for (size_t i = 0; zdh_kinds[i]; i++)
		if (zdh_word_same(zdh_kinds[i]->name, name))
			return zdh_kinds[i];
	return NULL;
}

int zdh_kind_unknown(const char *name)
{
	const char *names[64];
	size_t n = 0;

	for (size_t i = 0; zdh_kinds[i] && n + 1 < sizeof(names) / sizeof(names[0]); i++)
		names[n++] = zdh_kinds[i]->name;
	names[n] = NULL;
	return zdh_word_check(names, ZDH_W_RECORD_KIND, name ? name : "", N_("kind"));
}

const struct zdh_op *zdh_kind_op(const struct zdh_kind *kind, const char *op)
{
	for (const struct zdh_op *o = kind->ops; o->name; o++)
		if (zdh_word_same(o->name, op))
			return o;
	return NULL;
}

const struct zdh_field *zdh_kind_field(const struct zdh_kind *kind, const char *name)
{
	for (const struct zdh_field *f = kind->fields; f && f->name; f++)
		if (!strcmp(f->name, name))
			return f;
	return NULL;
}

void zdh_kind_apply(const struct zdh_kind *kind, const struct zdh_op *op, json_t *state,
		    const struct zdh_event *ev)
{
	const char *key;
	json_t *v, *set = NULL, *attachments = NULL;
	size_t i;

	/* data's few members looked at once, not "set" and "attachments" each looked up */
	json_object_foreach(ev->data, key, v)
		if (zdh_word_same(key, "set"))
			set = v;
		else if (zdh_word_same(key, "attachments"))
			attachments = v;
	json_object_foreach(set, key, v) {
		if (json_is_string(v) && !*json_string_value(v))
			json_object_del(state, key);
		else
			json_object_set_nocheck(state, key, v);	/* (a key of an object) */
	}
	for (i = 0; op->clears && op->clears[i]; i++)
		json_object_del(state, op->clears[i]);
	if (kind->attachments_in_state)
		json_array_foreach(attachments, i, v) {
			json_t *list = json_object_get(state, "attachments");
			if (!json_is_array(list)) {
				list = json_array();
				json_object_set_new(state, "attachments", list);
			}
			json_array_append(list, v);
		}
	if (op->apply)
		op->apply(state, ev);
}

int zdh_kind_settles(const struct zdh_event *ev)
{
	return zdh_word_same(ev->op, "edit") &&
		json_array_size(json_object_get(ev->data, "resolves")) != 0;
}

int zdh_kind_check_no_set(const struct zdh_event *ev)
{
	if (json_object_size(json_object_get(ev->data, "set")))
		return zdh_error_set(ZDH_EINVALID, _("'%s' cannot set fields"), ev->op);
	return 0;
}

void zdh_kind_apply_retired(json_t *state, const struct zdh_event *ev)
{
	(void)ev;
	json_object_set_new(state, "retired", json_true());
}

const struct zdh_config_key *zdh_kind_config_key(const char *name)
{
	for (size_t i = 0; zdh_kinds[i]; i++)
		for (const struct zdh_config_key *k = zdh_kinds[i]->config; k && k->name; k++)
			if (zdh_config_key_match(k->name, name))
				return k;
	return NULL;
}

/*
 * "an org" in English; under a Chinese catalogue the phrase's translation
 * when it is a message (一项服务供给), else the kind's name (组织): what a
 * fold's note, made in English, shows there (zdh_word_note), so that a
 * command and a peer's note say it alike.
 */
static char *a_kind(const char *kind)
{
	char *en = zdh_asprintf("%s %s", strchr("aeiou", kind[0]) ? "an" : "a", kind), *zh;
	const char *t;

	if (!zdh_i18n_chinese())
		return en;
	t = gettext(en);
	zh = zdh_strdup(t != en ? t : zdh_word_label(ZDH_W_RECORD_KIND, kind));
	free(en);
	return zh;
}

int zdh_kind_not_found(struct zdh_index *idx, const char *kind, const char *id)
{
	int err = zdh_kind_of_other(idx, kind, id);

	if (err)
		return err;
	return zdh_error_set(ZDH_ENOTFOUND, _("no %s %s"), zdh_word_label(ZDH_W_RECORD_KIND, kind),
			     id ? id : "");
}

int zdh_kind_name_shared(const char *name, const char *what, const json_t *ids)
{
	struct zdh_buf b = ZDH_BUF_INIT;
	int err;

	zdh_json_join(&b, ids, ", ");
	err = zdh_error_set(ZDH_EINVALID, _("'%s' names more than one %s: %s; give the id"), name,
			    what, b.ptr ? b.ptr : "");
	zdh_buf_release(&b);
	return err;
}

int zdh_kind_name_free(char **same, struct zdh_index *idx, const char *like_sql,
		       const char *name, const char *except)
{
	json_t *ids = NULL, *unlike = NULL;
	int err = zdh_index_like_ids(idx, like_sql, name, except, &ids, &unlike, same);

	if (!err && !*same)
		err = zdh_kind_like_refused(name, ids, unlike);
	json_decref(ids);
	json_decref(unlike);
	return err;
}

int zdh_kind_like_refused(const char *name, const json_t *ids, const json_t *unlike)
{
	struct zdh_buf shown = ZDH_BUF_INIT;
	int err;

	/* (the first that is not name itself: one of that name is refused before) */
	if (!json_array_size(unlike))
		return 0;
	zdh_name_shown(&shown, name);	/* (its <U+0425> tells it from the other) */
	err = zdh_error_set(ZDH_EEXISTS, _("'%s' looks like the name of %s, '%s'; give another"),
			    shown.ptr, json_string_value(json_array_get(ids, 0)),
			    json_string_value(json_array_get(unlike, 0)));
	zdh_buf_release(&shown);
	return err;
}

/* "XQ-O1 is an org, not an issue": ZDH_ENOTFOUND, as both below say it. */
static int is_other(const char *id, const struct zdh_kind *other, const char *kind)
{
	char *is = a_kind(other->name), *not = a_kind(kind);
	int err = zdh_error_set(ZDH_ENOTFOUND, _("%s is %s, not %s"), id, is, not);

	free(is);
	free(not);
	return err;
}

/* The letter after the dash of an id of any kind's shape (0: none, an issue's), or -1. */
static int id_letter(const char *id)
{
	const char *dash = id ? strrchr(id, '-') : NULL;

	if (!id || !zdh_record_id_valid(NULL, id))
		return -1;
	return dash[1] >= 'A' && dash[1] <= 'Z' ? dash[1] : 0;
}

int zdh_kind_id_check(const char *kind, const char *id)
{
	int letter = id_letter(id), err;
	char *not;

	if (id && zdh_record_id_valid(kind, id))
		return 0;
	for (size_t i = 0; letter > 0 && zdh_kinds[i]; i++)
		if (zdh_kinds[i]->letter == letter && strcmp(zdh_kinds[i]->name, kind))
			return is_other(id, zdh_kinds[i], kind);
	not = a_kind(kind);
	err = zdh_error_set(ZDH_EINVALID, _("'%s' is not the id of %s"), id ? id : "", not);
	free(not);
	return err;
}

int zdh_kind_of_other(struct zdh_index *idx, const char *kind, const char *id)
{
	int letter = id_letter(id), exists = 0;

	/* XQ-O3, or XQ-3 (no letter: an issue): the other kinds of that letter */
	for (size_t i = 0; letter >= 0 && zdh_kinds[i]; i++)
		if (zdh_kinds[i]->letter == letter && strcmp(zdh_kinds[i]->name, kind) &&
		    !zdh_index_exists(idx, zdh_kinds[i]->name, id, &exists) && exists)
			return is_other(id, zdh_kinds[i], kind);
	return 0;
}

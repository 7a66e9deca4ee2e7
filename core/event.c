/*
 * event — encodes and decodes events, as canonical JSON and as commits.
 *
 * Canonical JSON is jansson's compact output with sorted keys; integers
 * only, no floats (so there is one spelling of every value).  Decoding is
 * strict: what verify accepts must re-encode to the same bytes.  This
 * module does no I/O.
 */
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "event.h"
#include "i18n.h"
#include "json.h"
#include "odb.h"
#include "sha1.h"


void zdh_event_clear(struct zdh_event *ev)
{
	free(ev->kind);
	free(ev->record);
	free(ev->op);
	free(ev->replica);
	free(ev->seen);
	free(ev->actor.name);
	free(ev->actor.email);
	free(ev->actor.dept);
	free(ev->summary);
	free(ev->tree);
	if (ev->data)
		json_decref(ev->data);
	memset(ev, 0, sizeof(*ev));
}


int zdh_event_encode(struct zdh_buf *out, const struct zdh_event *ev)
{
	struct zdh_buf date = ZDH_BUF_INIT;
	json_t *o = json_object(), *actor = json_object();
	int err = 0;

	json_object_set_new(actor, "name", json_string(ev->actor.name));
	json_object_set_new(actor, "email", json_string(ev->actor.email));
	if (ev->actor.dept && *ev->actor.dept)
		json_object_set_new(actor, "dept", json_string(ev->actor.dept));
	zdh_date_rfc3339(&date, &ev->date);
	json_object_set_new(o, "v", json_integer(ev->version ? ev->version : ZDH_EVENT_VERSION));
	json_object_set_new(o, "kind", json_string(ev->kind));
	json_object_set_new(o, "record", json_string(ev->record));
	json_object_set_new(o, "op", json_string(ev->op));
	json_object_set_new(o, "replica", json_string(ev->replica));
	json_object_set_new(o, "clock", json_integer(ev->clock));
	json_object_set_new(o, "date", json_string(date.ptr));
	json_object_set_new(o, "actor", actor);
	json_object_set_new(o, "seen", ev->seen ? json_string(ev->seen) : json_null());
	json_object_set(o, "data", ev->data ? ev->data : json_object());
	if (ev->data == NULL)
		json_decref(json_object_get(o, "data"));
	/* json_string() returns NULL for invalid UTF-8: refuse such an event. */
	if (!ev->kind || !ev->record || !ev->op || !ev->replica || !ev->actor.name ||
	    !ev->actor.email || json_object_size(o) != 10 ||
	    json_object_size(actor) < 2) {
		err = zdh_error_set(ZDH_EINVALID, _("event has a missing or invalid field"));
		goto done;
	}
	if (zdh_json_canonical(out, o) < 0)
		err = zdh_error_set(ZDH_EINVALID, _("cannot encode event (a number that is not an integer?)"));
done:
	json_decref(o);
	zdh_buf_release(&date);
	return err;
}

static char *get_str(json_t *o, const char *key, int optional, int *bad)
{
	json_t *v = json_object_get(o, key);

	if (!v && optional)
		return NULL;
	if (!json_is_string(v) || !json_string_length(v)) {
		*bad = 1;
		return NULL;
	}
	return zdh_strdup(json_string_value(v));
}

int zdh_event_decode(struct zdh_event *ev, const char *text, size_t len)
{
	return zdh_event_decode_opts(ev, text, len, 0);
}

int zdh_event_decode_opts(struct zdh_event *ev, const char *text, size_t len, unsigned flags)
{
	struct zdh_buf again = ZDH_BUF_INIT;
	json_error_t jerr;
	json_t *o, *v, *actor;
	int bad = 0, err = 0;

	o = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
	if (!o)
		return zdh_error_set(ZDH_ECORRUPT, _("malformed event JSON: %s"), jerr.text);
	if (!json_is_object(o) || json_object_size(o) != 10) {
		err = zdh_error_set(ZDH_ECORRUPT, _("event JSON has unknown or missing fields"));
		goto done;
	}
	v = json_object_get(o, "v");
	if (!json_is_integer(v) || json_integer_value(v) != ZDH_EVENT_VERSION) {
		err = zdh_error_set(ZDH_ECORRUPT, _("unsupported event format version"));
		goto done;
	}
	ev->version = ZDH_EVENT_VERSION;
	ev->kind = get_str(o, "kind", 0, &bad);
	ev->record = get_str(o, "record", 0, &bad);
	ev->op = get_str(o, "op", 0, &bad);
	ev->replica = get_str(o, "replica", 0, &bad);
	v = json_object_get(o, "seen");
	if (json_is_string(v))
		ev->seen = zdh_strdup(json_string_value(v));
	else if (!json_is_null(v))
		bad = 1;
	v = json_object_get(o, "clock");
	if (!json_is_integer(v) || json_integer_value(v) < 1)
		bad = 1;
	else
		ev->clock = json_integer_value(v);
	v = json_object_get(o, "date");
	if (!json_is_string(v) || zdh_date_parse_rfc3339(&ev->date, json_string_value(v)))
		bad = 1;
	actor = json_object_get(o, "actor");
	if (!json_is_object(actor) || json_object_size(actor) > 3)
		bad = 1;
	else {
		ev->actor.name = get_str(actor, "name", 0, &bad);
		ev->actor.email = get_str(actor, "email", 0, &bad);
		ev->actor.dept = get_str(actor, "dept", 1, &bad);
		if (json_object_size(actor) != 2u + (ev->actor.dept != NULL))
			bad = 1;
	}
	v = json_object_get(o, "data");
	if (!json_is_object(v))
		bad = 1;
	else
		ev->data = json_incref(v);
	if (ev->seen && zdh_oid_fromhex((unsigned char[20]){0}, ev->seen))
		bad = 1;
	if (bad) {
		err = zdh_error_set(ZDH_ECORRUPT, _("event JSON has a missing or invalid field"));
		goto done;
	}
	if (!(flags & ZDH_EVENT_TRUSTED) && (zdh_json_canonical(&again, o) < 0 ||
	    again.len != len || memcmp(again.ptr, text, len))) {
		err = zdh_error_set(ZDH_ECORRUPT, _("event JSON is not canonical"));
		goto done;
	}
done:
	if (err)
		zdh_event_clear(ev);
	zdh_buf_release(&again);
	json_decref(o);
	return err;
}

int zdh_ident_valid(const char *s)
{
	if (!s || !*s)
		return 0;
	for (; *s; s++)
		if (*s == '<' || *s == '>' || *s == '\n' || *s == '\r')
			return 0;
	return 1;
}

static void add_ident(struct zdh_buf *out, const char *header, const struct zdh_actor *a,
		      const struct zdh_time *t)
{
	zdh_buf_addf(out, "%s %s <%s> ", header, a->name, a->email);
	zdh_date_git(out, t);
	zdh_buf_addch(out, '\n');
}

int zdh_event_commit(struct zdh_buf *out, const struct zdh_event *ev, const char *parent)
{
	size_t at;
	return zdh_event_commit_at(out, ev, parent, &at);
}

int zdh_event_commit_at(struct zdh_buf *out, const struct zdh_event *ev, const char *parent,
			size_t *json_at)
{
	int err;

	if (!zdh_ident_valid(ev->actor.name) || !zdh_ident_valid(ev->actor.email))
		return zdh_error_set(ZDH_EINVALID, _("name and email must not contain '<', '>' or a line break"));
	zdh_buf_addf(out, "tree %s\n", ev->tree ? ev->tree : ZDH_EMPTY_TREE);
	if (parent && *parent)
		zdh_buf_addf(out, "parent %s\n", parent);
	add_ident(out, "author", &ev->actor, &ev->date);
	add_ident(out, "committer", &ev->actor, &ev->recorded);
	zdh_buf_addch(out, '\n');
	zdh_buf_puts(out, ev->summary && *ev->summary ? ev->summary : ev->op);
	zdh_buf_puts(out, "\n\n");
	*json_at = out->len;
	if ((err = zdh_event_encode(out, ev)) < 0)
		return err;
	zdh_buf_addch(out, '\n');
	return 0;
}

/* "Name <email> 1764223380 +0800" -> time */
static int parse_ident_time(struct zdh_time *t, const char *line, const char *end)
{
	const char *gt = NULL, *p;
	long long secs;
	int sign, hh, mm;
	char *e;

	for (p = line; p < end; p++)
		if (*p == '>')
			gt = p;
	if (!gt || gt + 2 >= end)
		return -1;
	secs = strtoll(gt + 2, &e, 10);
	if (e == gt + 2 || *e != ' ' || e + 6 > end)
		return -1;
	sign = e[1] == '-' ? -1 : e[1] == '+' ? 1 : 0;
	if (!sign || sscanf(e + 2, "%2d%2d", &hh, &mm) != 2)
		return -1;
	t->t = secs;
	t->offset = sign * (hh * 60 + mm);
	return 0;
}

int zdh_event_parse_commit(struct zdh_event *ev, char parent[41], int *nparents,
			   const char *raw, size_t len)
{
	size_t at, jlen;
	return zdh_event_parse_commit_opts(ev, parent, nparents, raw, len, 0, &at, &jlen);
}

int zdh_event_parse_commit_opts(struct zdh_event *ev, char parent[41], int *nparents,
				const char *raw, size_t len, unsigned flags,
				size_t *json_at, size_t *json_len)
{
	const char *p = raw, *end = raw + len, *eol, *body, *json;
	const char *author = NULL, *author_end = NULL;
	struct zdh_buf want = ZDH_BUF_INIT;
	char tree[41] = "";
	int err;

	parent[0] = '\0';
	*nparents = 0;
	memset(ev, 0, sizeof(*ev));
	/* headers up to the blank line */
	while (p < end && *p != '\n') {
		eol = memchr(p, '\n', (size_t)(end - p));
		if (!eol)
			return zdh_error_set(ZDH_ECORRUPT, _("truncated commit"));
		if (!strncmp(p, "tree ", 5) && eol - p == 45)
			memcpy(tree, p + 5, 40);
		else if (!strncmp(p, "parent ", 7) && eol - p == 47) {
			if (!(*nparents)++)
				memcpy(parent, p + 7, 40), parent[40] = '\0';
		} else if (!strncmp(p, "author ", 7)) {
			author = p;
			author_end = eol;
		} else if (!strncmp(p, "committer ", 10)) {
			if (parse_ident_time(&ev->recorded, p, eol))
				return zdh_error_set(ZDH_ECORRUPT, _("bad committer line"));
		}
		p = eol + 1;
	}
	if (p >= end)
		return zdh_error_set(ZDH_ECORRUPT, _("commit has no message"));
	body = p + 1;
	/* summary line, blank line, JSON line */
	eol = memchr(body, '\n', (size_t)(end - body));
	if (!eol || eol + 1 >= end || eol[1] != '\n')
		return zdh_error_set(ZDH_ECORRUPT, _("not a zdh event (no JSON after the summary)"));
	json = eol + 2;
	if (end - json < 2 || end[-1] != '\n' || *json != '{')
		return zdh_error_set(ZDH_ECORRUPT, _("not a zdh event (no JSON after the summary)"));
	if ((err = zdh_event_decode_opts(ev, json, (size_t)(end - json - 1), flags)) < 0)
		return err;
	*json_at = (size_t)(json - raw);
	*json_len = (size_t)(end - json - 1);
	/* the author line is the event's actor and date, nothing else */
	add_ident(&want, "author", &ev->actor, &ev->date);
	if (!author || (size_t)(author_end - author) + 1 != want.len ||
	    memcmp(author, want.ptr, want.len)) {
		zdh_buf_release(&want);
		zdh_event_clear(ev);
		return zdh_error_set(ZDH_ECORRUPT, _("author does not match the event's actor and date"));
	}
	zdh_buf_release(&want);
	ev->summary = zdh_strndup(body, (size_t)(eol - body));
	if (strcmp(tree, ZDH_EMPTY_TREE))
		ev->tree = zdh_strdup(tree);
	return 0;
}

/*
 * zdh inbox — what waits for a department: issues it claimed (or that
 * came back to it) and issues that mention it, not yet resolved; due
 * dates first.  Then the council actions it has to do, and the council
 * discussions that mention it and it has not answered.
 */
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "council.h"
#include "index.h"
#include "issue.h"
#include "json.h"
#include "store.h"
#include "words.h"

static const char *dept;
static int json;
static struct { int no_header; } table;	/* --no-header, as every list takes it */

/*
 * A council action or discussion as a row of the inbox's issue table;
 * payload is { the rows, the dept, the index }.
 */
static int council_row(const char *id, const json_t *state, void *payload)
{
	const char *who = ((void **)payload)[1];
	const json_t *mention = json_object_get(json_object_get(state, "mentions"), who);
	struct zdh_issue_row r;
	json_t *j;
	char *text, *title = NULL;
	int err;

	memset(&r, 0, sizeof(r));
	r.id = id;
	r.idx = ((void **)payload)[2];	/* --json names the orgs it refers to by it */
	r.area = json_string_value(json_object_get(state, "area"));
	if (mention) {
		/* (--json's title as documented; a table's in the catalogue's punctuation) */
		title = zdh_asprintf(json ? "%s: %s" : C_("a council's discussion: name: message", "%s: %s"),
				     json_string_value(json_object_get(state, "name")),
				     json_string_value(json_object_get(mention, "message")));
		r.title = title;
		/* issue_rows_add labels an issue's status: a table gets these labelled here */
		r.status = json ? "mentioned" : zdh_word_label(ZDH_W_INBOX_STATUS, "mentioned");
		r.dept = who;
		j = json_pack("{s:s, s:s, s:s, s:s, s:O, s:O}", "kind", "council", "status", "mentioned",
			      "dept", who, "title", title, "name", json_object_get(state, "name"),
			      "mention", mention);
		if (r.area)
			json_object_set_new(j, "area", json_string(r.area));
	} else {
		r.title = json_string_value(json_object_get(state, "text"));
		r.status = json_string_value(json_object_get(state, "status"));
		if (!json)
			r.status = zdh_word_label(ZDH_W_ACTION_STATUS, r.status);
		r.dept = json_string_value(json_object_get(state, "dept"));
		r.due = json_string_value(json_object_get(state, "due"));
		r.created = json_string_value(json_object_get(state, "created"));
		j = json_deep_copy(state);
		json_object_set_new(j, "kind", json_string("action"));
		json_object_set_new(j, "title", json_string(r.title));
	}
	text = zdh_json_dumps(j, JSON_SORT_KEYS | JSON_COMPACT);
	json_decref(j);
	r.state = text;
	err = issue_rows_add(&r, ((void **)payload)[0]);
	free(text);
	free(title);
	return err;
}

static const struct opt inbox_opts[] = {
	OPT_STRING_F(0, "dept", &dept, "D", N_("the department"), OPT_REQUIRED | OPT_NONEMPTY),
	OPT_JSON(&json),
	OPT_NO_HEADER(&table),
	OPT_END()
};

static int inbox(int argc, char **argv)
{
	struct issue_rows rows = { NULL, NULL, 0 };
	struct zdh_repo *repo = NULL;
	struct zdh_index *idx;
	char *name = NULL;
	int code;

	(void)argc, (void)argv;
	if ((code = open_index(&repo, &idx)))
		goto done;
	if ((code = report(zdh_issue_org_name(&name, idx, dept, "dept"))))
		goto done;
	issue_rows_start(&rows, json, 0);
	rows.marks = 1;
	rows.no_header = table.no_header;
	if ((code = report(zdh_issue_inbox(idx, name, !json, issue_rows_add, &rows))))
		goto done;
	{
		struct zdh_council_filter f;
		void *payload[3] = { &rows, name, idx };
		memset(&f, 0, sizeof(f));
		f.dept = name;
		f.open = 1;
		if ((code = report(zdh_action_list(idx, &f, council_row, payload))) ||
		    (code = report(zdh_council_mentioning(idx, name, council_row, payload))))
			goto done;
	}
	issue_rows_print(&rows);
	code = finish_output(0);
done:
	free(name);
	issue_rows_free(&rows);
	zdh_repo_free(repo);
	return code;
}

int cmd_inbox(int argc, char **argv)
{
	return run_single_command("inbox", inbox, inbox_opts, argc, argv);
}

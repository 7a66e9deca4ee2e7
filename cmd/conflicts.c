/*
 * zdh conflicts — every open conflict, of every kind: the competing
 * values of each field, who wrote each and when, and which one shows for
 * now (zdh-conflicts(1)).  Also what the other commands share to show
 * conflicts (cmd/lib/common.h): a show's lines and a list's marks.
 */
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "prefix.h"
#include "conflict.h"
#include "index.h"
#include "kind.h"
#include "org.h"
#include "output.h"
#include "rules.h"
#include "words.h"

static struct {
	const char *kind;
	struct listing l;
} a;

static const struct opt conflicts_opts[] = {
	OPT_STRING(0, "kind", &a.kind, "KIND", N_("only records of this kind (issue, org, ...)")),
	OPT_LIST_OUTPUT(&a.l),
	OPT_END()
};

void show_conflicts(struct show_lines *s, const json_t *conflicts)
{
	struct zdh_table *t = show_rows(s, _("conflicts:"), 1);
	json_t *c;
	size_t i;

	json_array_foreach(conflicts, i, c) {
		struct zdh_buf line = ZDH_BUF_INIT;
		zdh_conflict_line(&line, c);
		zdh_table_row(t, (const char *const *)&line.ptr);
		zdh_buf_release(&line);
	}
}

void print_conflicts(const json_t *conflicts, size_t width)
{
	struct show_lines s = SHOW_LINES_INIT(width);

	show_conflicts(&s, conflicts);
	show_lines_print(&s);
}

const char *conflict_of_event(const json_t *conflicts, const char *id)
{
	json_t *c, *e;
	size_t i, k;

	json_array_foreach(conflicts, i, c)
		json_array_foreach(json_object_get(c, "events"), k, e)
			if (!strcmp(json_string_value(e), id))
				return json_string_value(json_object_get(c, "field"));
	return NULL;
}

/* "[what: why]" after what b holds (two spaces between), in the catalogue's punctuation */
static void mark(struct zdh_buf *b, const char *what, const char *why)
{
	if (b->len)
		zdh_buf_puts(b, "  ");
	zdh_buf_addf(b, C_("a mark after an event: [what: why]", "[%s: %s]"), what, why);
}

void effect_mark(struct zdh_buf *b, int effect, const char *note, struct zdh_index *idx,
		 const char *record)
{
	if (effect == ZDH_EFFECT_APPLIED)
		return;
	if (effect == ZDH_EFFECT_UNKNOWN_KIND) {	/* kept and relayed, folded by who knows it */
		zdh_buf_addf(b, "%s[%s]", b->len ? "  " : "", _("unknown kind"));
		return;
	}
	{
		/* a note is stored in English (a prefix refusal's is a code): shown translated */
		char *shown = zdh_prefix_note_shown(note);
		if (!shown)	/* "claimed by 房管办", not by HB-O2 */
			shown = zdh_org_note_shown(idx, note, record);
		mark(b, effect == ZDH_EFFECT_INVALID ? _("invalid") : _("no effect"), shown);
		free(shown);
	}
}

void event_marks(struct zdh_buf *b, const struct zdh_event_row *r, const json_t *conflicts,
		 struct zdh_index *idx)
{
	const char *field = conflict_of_event(conflicts, r->id);

	effect_mark(b, r->effect, r->note, idx, r->record);
	if (field)
		mark(b, _("conflict"), field);
	/* an edit that settled a conflict names the sides it saw (data.resolves) */
	if (r->effect == ZDH_EFFECT_APPLIED && r->data && strstr(r->data, "\"resolves\"")) {
		json_t *data = json_loads(r->data, 0, NULL);
		if (json_array_size(json_object_get(data, "resolves")))
			zdh_buf_addf(b, "%s[%s]", b->len ? "  " : "", _("settles a conflict"));
		if (data)
			json_decref(data);
	}
}

int conflict_marks_load(struct conflict_marks *m, struct zdh_index *idx, const char *kind)
{
	m->fields = NULL;
	return report(zdh_conflicts_fields(idx, kind, &m->fields));
}

const json_t *conflict_marks_of(const struct conflict_marks *m, const char *id)
{
	return m->fields && id ? json_object_get(m->fields, id) : NULL;
}

int conflict_marks_skip(const struct conflict_marks *m, const char *id)
{
	return m->only && !conflict_marks_of(m, id);
}

const char *conflict_marks_id(const struct conflict_marks *m, const char *id, char **buf)
{
	*buf = NULL;
	if (!conflict_marks_of(m, id))
		return id;
	return *buf = zdh_asprintf("%s!", id);
}

void conflict_marks_json(const struct conflict_marks *m, json_t *row, const char *id)
{
	const json_t *f = conflict_marks_of(m, id);

	json_object_set_new(row, "conflicts", f ? json_deep_copy(f) : json_array());
}

void conflict_marks_free(struct conflict_marks *m)
{
	if (m->fields)
		json_decref(m->fields);
	m->fields = NULL;
}

static int one_record(const char *kind, const char *id, const json_t *conflicts, void *payload)
{
	json_t *c;
	size_t i;

	(void)payload;
	json_array_foreach(conflicts, i, c) {
		struct zdh_buf line = ZDH_BUF_INIT;
		const char *field = json_string_value(json_object_get(c, "field"));
		const char *cells[4] = {
			a.l.csv ? kind : zdh_word_label(ZDH_W_RECORD_KIND, kind), id, field, NULL
		};
		json_t *o = NULL;

		/* the values, without the "field:" the FIELD column says; CSV's in English */
		if (a.l.csv)
			zdh_i18n_english_begin();
		zdh_conflict_values(&line, c);
		if (a.l.csv)
			zdh_i18n_english_end();
		cells[3] = line.ptr;
		if (a.l.json) {
			o = json_deep_copy(c);
			json_object_set_new(o, "kind", json_string(kind));
			json_object_set_new(o, "id", json_string(id));
		}
		listing_add(&a.l, cells, o);
		zdh_buf_release(&line);
	}
	return 0;
}

static int conflicts(int argc, char **argv)
{
	static const char *const head[4] = { N_("KIND"), "ID", N_("FIELD"), N_("VALUES") };
	struct zdh_repo *repo = NULL;
	struct zdh_index *idx;
	int code;

	(void)argc, (void)argv;
	if (a.kind && !zdh_kind_find(a.kind))
		return report(zdh_kind_unknown(a.kind));
	if ((code = open_index(&repo, &idx)))
		goto done;
	listing_start(&a.l, 4, head);
	if ((code = report(zdh_conflicts_foreach(idx, a.kind, one_record, NULL))))
		goto done;
	code = listing_finish(&a.l, 1);
done:
	listing_free(&a.l);
	zdh_repo_free(repo);
	return code;
}

int cmd_conflicts(int argc, char **argv)
{
	return run_single_command("conflicts", conflicts, conflicts_opts, argc, argv);
}

/*
 * reportfmt — the forms a report is printed in (zdh-report(1)): text with
 * tables aligned by display width and a trend line, JSON, CSV (one table
 * per section, blank line between), Markdown, and one self-contained HTML
 * file with inline SVG charts (no script, no network, printable on A4).
 *
 * Every form is printed from the report's JSON value alone, so two
 * replicas holding the same events print the same bytes; but for the
 * titles of the categories a repository's configuration adds (弄口道闸),
 * which the human forms print under a Chinese catalogue as issue show
 * does, from the repository the printing was given.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "error.h"
#include "i18n.h"
#include "issue.h"
#include "json.h"
#include "lockfile.h"
#include "output.h"
#include "report.h"
#include "words.h"

/* the repository whose category titles a human form prints (NULL: none), while it prints */
static const struct zdh_repo *printing_repo;

/* ---- reading the report ---- */

static json_t *get(const json_t *o, const char *path)
{
	char *copy = zdh_strdup(path), *save = NULL;
	json_t *v = (json_t *)o;

	for (char *k = strtok_r(copy, ".", &save); k && v; k = strtok_r(NULL, ".", &save))
		v = json_object_get(v, k);
	free(copy);
	return v;
}

/* A number as people read it: integers plainly, other numbers with up to 2 decimals. */
static void num(struct zdh_buf *b, const json_t *v)
{
	if (json_is_integer(v)) {
		zdh_buf_addf(b, "%lld", (long long)json_integer_value(v));
	} else if (json_is_real(v)) {
		char tmp[64];
		size_t n;
		snprintf(tmp, sizeof(tmp), "%.2f", json_real_value(v));
		n = strlen(tmp);
		while (n && tmp[n - 1] == '0')
			tmp[--n] = '\0';
		if (n && tmp[n - 1] == '.')
			tmp[--n] = '\0';
		zdh_buf_puts(b, tmp);
	} else {
		zdh_buf_puts(b, "-");
	}
}

static char *num_text(const json_t *v)
{
	struct zdh_buf b = ZDH_BUF_INIT;

	num(&b, v);
	return zdh_buf_detach(&b);
}

/* The scalar figures, in print order: JSON path and label. */
static const struct figure {
	const char *path, *label;
} figures[] = {
	{ "issues.opened", N_("issues opened") },
	{ "issues.solved", N_("issues solved (first resolve)") },
	{ "issues.closed", N_("issues closed") },
	{ "issues.open_at_end", N_("open at the end") },
	{ "issues.overdue_at_end", N_("overdue at the end") },
	{ "issues.reopened_after_callback", N_("reopened after a dissatisfied callback") },
	{ "issues.reopened", N_("reopened") },
	{ "issues.returns", N_("returns") },
	{ "issues.urges", N_("urges") },
	{ "issues.escalations", N_("escalations") },
	{ "issues.followups", N_("follow-ups") },
	{ "issues.callbacks", N_("callbacks") },
	{ "issues.resolve_days.count", N_("working days to first resolve: issues") },
	{ "issues.resolve_days.median", N_("working days to first resolve: median") },
	{ "issues.resolve_days.p90", N_("working days to first resolve: 90th percentile") },
	{ "issues.satisfaction.count", N_("satisfaction: issues closed with a callback") },
	{ "issues.satisfaction.mean", N_("satisfaction: mean (1-5)") },
	{ "issues.satisfaction.distribution.1", N_("satisfaction 1") },
	{ "issues.satisfaction.distribution.2", N_("satisfaction 2") },
	{ "issues.satisfaction.distribution.3", N_("satisfaction 3") },
	{ "issues.satisfaction.distribution.4", N_("satisfaction 4") },
	{ "issues.satisfaction.distribution.5", N_("satisfaction 5") },
	{ "petitions.opened", N_("petitions opened") },
	{ "petitions.year_before", N_("petitions, same period a year before") },
	{ "petitions.change_percent", N_("petitions, change on a year before (%)") },
	{ "registry.district", N_("registry: districts") },
	{ "registry.area", N_("registry: areas") },
	{ "registry.dept", N_("registry: departments") },
	{ "registry.unit", N_("registry: units") },
	{ "registry.building", N_("registry: buildings") },
	{ "registry.group", N_("registry: groups") },
	{ NULL, NULL }
};

/*
 * The breakdown tables: JSON path, key column, its header, title, and
 * the words.h domain of its values (printed by their Chinese names under
 * zh_CN; 0: names of orgs, as they are).
 */
static const struct table {
	const char *path, *key, *head, *title;
	enum zdh_word_domain words;
} tables[] = {
	{ "issues.by_district", "district", N_("district"), N_("by district"), 0 },
	{ "issues.by_area", "area", N_("area"), N_("by area"), 0 },
	{ "issues.by_dept", "dept", N_("dept"), N_("by department (at the end)"), 0 },
	{ "issues.by_category", "category", N_("category"), N_("by category"), ZDH_W_CATEGORY },
	{ "issues.by_source", "source", N_("source"), N_("by source"), ZDH_W_SOURCE },
	{ NULL, NULL, NULL, NULL, 0 }
};

static const char *const table_cols[] = {
	"opened", "solved", "closed", "open_at_end", "overdue_at_end", NULL
};
static const char *const table_heads[] = {
	N_("OPENED"), N_("SOLVED"), N_("CLOSED"), N_("OPEN"), N_("OVERDUE"), NULL
};

static const char *none_name(void)
{
	return _("(none)");
}

/* "down 36 %", "up 12 %", "unchanged", or "no petitions the year before". */
static void petition_change(struct zdh_buf *b, const json_t *r)
{
	json_t *c = get(r, "petitions.change_percent");

	if (!json_is_integer(c))
		zdh_buf_puts(b, _("none the same period a year before"));
	else if (json_integer_value(c) < 0)
		zdh_buf_addf(b, _("down %lld %%"), -(long long)json_integer_value(c));
	else if (json_integer_value(c) > 0)
		zdh_buf_addf(b, _("up %lld %%"), (long long)json_integer_value(c));
	else
		zdh_buf_puts(b, _("unchanged"));
}

/* A period's type as the title names it: the verb in English (monthly), its name in Chinese (月度) */
static const char *period_name(const char *type)
{
	if (!type)
		return "";
	if (!strcmp(type, "monthly"))
		return C_("a report's period", "monthly");
	if (!strcmp(type, "yearly"))
		return C_("a report's period", "yearly");
	if (!strcmp(type, "range"))
		return C_("a report's period", "range");
	return type;
}

static void title_line(struct zdh_buf *b, const json_t *r)
{
	const char *type = json_string_value(get(r, "period.type"));

	zdh_buf_addf(b, _("zdh report %s %s to %s (%s)"), period_name(type),
		     json_string_value(get(r, "period.first")),
		     json_string_value(get(r, "period.last")),
		     json_string_value(get(r, "period.timezone")));
}

static void scope_line(struct zdh_buf *b, const json_t *r)
{
	static const char *const keys[] = { "area", "district", "dept", NULL };
	int any = 0;

	zdh_buf_puts(b, _("scope:"));
	for (int i = 0; keys[i]; i++) {
		json_t *v = get(get(r, "scope"), keys[i]);
		if (json_is_string(v)) {
			zdh_buf_addf(b, " %s %s", zdh_word_label(ZDH_W_ORG_KIND, keys[i]),
				     json_string_value(v));
			any = 1;
		}
	}
	if (!any)
		zdh_buf_addf(b, " %s", _("everything"));
	if (json_is_string(get(r, "period.as_of")))
		zdh_buf_addf(b, _("; events recorded by %s"), json_string_value(get(r, "period.as_of")));
}

/* ---- the other kinds: one row each ---- */

static const char *const kind_heads[] = {
	N_("KIND"), N_("AT END"), N_("ADDED"), N_("EVENTS IN THE PERIOD"), N_("AMOUNT"),
	N_("SATISFACTION"), NULL
};

/* The cells of one kind's row (6, to free). */
static void kind_cells(char **cells, const char *name, const json_t *k)
{
	struct zdh_buf ev = ZDH_BUF_INIT, am = ZDH_BUF_INIT, sat = ZDH_BUF_INIT;
	const char *op;
	json_t *v;

	/* each operation by its name, an amount (fen in JSON and CSV) in yuan as every table prints it */
	json_object_foreach((json_t *)json_object_get(k, "events"), op, v) {
		const char *shown = zdh_word_label(ZDH_W_OPERATION, op);
		zdh_buf_addf(&ev, "%s%s %lld", ev.len ? _(", ") : "", shown,
			     (long long)json_integer_value(json_object_get(v, "events")));
		if (json_object_get(v, "amount")) {
			char yuan[32];
			zdh_money_format(yuan, json_integer_value(json_object_get(v, "amount")));
			zdh_buf_addf(&am, "%s%s %s", am.len ? _(", ") : "", shown, yuan);
		}
	}
	if (json_integer_value(get(k, "satisfaction.count"))) {
		num(&sat, get(k, "satisfaction.mean"));
		zdh_buf_addf(&sat, C_("how many satisfactions make a mean, after it", " (%lld)"),
			     (long long)json_integer_value(get(k, "satisfaction.count")));
	}
	cells[0] = zdh_strdup(zdh_word_label(ZDH_W_RECORD_KIND, name));
	cells[1] = num_text(json_object_get(k, "records_at_end"));
	cells[2] = num_text(json_object_get(k, "added"));
	cells[3] = zdh_buf_detach(&ev);
	cells[4] = zdh_buf_detach(&am);
	cells[5] = zdh_buf_detach(&sat);
}

/* The kinds in name order (json_object_foreach follows insertion order, which is the table's). */
static size_t kind_names(const json_t *kinds, const char ***out)
{
	const char *name;
	json_t *v;
	size_t n = 0;

	*out = zdh_calloc(json_object_size(kinds) + 1, sizeof(**out));
	json_object_foreach((json_t *)kinds, name, v)
		(*out)[n++] = name;
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && strcmp((*out)[j - 1], (*out)[j]) > 0; j--) {
			const char *t = (*out)[j];
			(*out)[j] = (*out)[j - 1];
			(*out)[j - 1] = t;
		}
	return n;
}

static struct zdh_table *kinds_table(const json_t *kinds)
{
	struct zdh_table *t = zdh_table_new(6);
	const char *head[6], **names;
	size_t n = kind_names(kinds, &names);

	for (int i = 0; kind_heads[i]; i++)
		head[i] = _(kind_heads[i]);
	zdh_table_header(t, head);
	zdh_table_align(t, 1, ZDH_ALIGN_RIGHT);
	zdh_table_align(t, 2, ZDH_ALIGN_RIGHT);
	for (size_t i = 0; i < n; i++) {
		char *cells[6];
		kind_cells(cells, names[i], json_object_get(kinds, names[i]));
		zdh_table_row(t, (const char *const *)cells);
		for (int c = 0; c < 6; c++)
			free(cells[c]);
	}
	free(names);
	return t;
}

/* ---- text ---- */

static void spark(struct zdh_buf *b, const json_t *trend, const char *key)
{
	static const char *const bars[] = { "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█" };
	long long max = 0;
	size_t i;
	json_t *m;

	json_array_foreach(trend, i, m)
		if (json_integer_value(json_object_get(m, key)) > max)
			max = json_integer_value(json_object_get(m, key));
	json_array_foreach(trend, i, m) {
		long long v = json_integer_value(json_object_get(m, key));
		zdh_buf_puts(b, max ? bars[(v * 7 + max / 2) / max] : bars[0]);
	}
}

/*
 * What a human table shows in the key column of a row (to free): two
 * orgs of one name (two offices') each with its id, "房管办 (YA-O1)",
 * and the name old events gave that neither answers to alone, "房管办
 * (by name)" (zdh-report(1)).
 */
static char *row_key(const struct table *tb, const json_t *row)
{
	const json_t *k = json_object_get(row, tb->key), *id = json_object_get(row, "id");
	struct zdh_buf b = ZDH_BUF_INIT;

	if (!json_is_string(k))
		return zdh_strdup(none_name());
	if (!id && tb->words == ZDH_W_CATEGORY)
		return zdh_strdup(zdh_issue_category_shown(printing_repo, json_string_value(k)));
	if (!id)
		return zdh_strdup(zdh_word_label(tb->words, json_string_value(k)));
	if (json_is_string(id))
		zdh_buf_addf(&b, C_("a report's row of one of two orgs of one name: its name, its id",
				    "%s (%s)"), json_string_value(k), json_string_value(id));
	else
		zdh_buf_addf(&b, C_("a report's row of old events that named one of two orgs of one name",
				    "%s (by name)"), json_string_value(k));
	return zdh_buf_detach(&b);
}

/* The key cell of a CSV row: the name, with the id as the text has it (untranslated). */
static char *csv_key(const struct table *tb, const json_t *row)
{
	const json_t *k = json_object_get(row, tb->key), *id = json_object_get(row, "id");

	if (!json_is_string(k))
		return zdh_strdup("");
	if (json_is_string(id))
		return zdh_asprintf("%s (%s)", json_string_value(k), json_string_value(id));
	return zdh_strdup(json_string_value(k));
}

static struct zdh_table *breakdown_table(const json_t *rows, const struct table *tb)
{
	const char *head[7];
	struct zdh_table *t = zdh_table_new(6);
	json_t *row;
	size_t i;

	head[0] = _(tb->head);
	for (i = 0; table_heads[i]; i++)
		head[i + 1] = _(table_heads[i]);
	zdh_table_header(t, head);
	for (i = 1; i < 6; i++)
		zdh_table_align(t, i, ZDH_ALIGN_RIGHT);
	json_array_foreach(rows, i, row) {
		char *cells[6];
		cells[0] = row_key(tb, row);
		for (size_t c = 0; table_cols[c]; c++)
			cells[c + 1] = num_text(json_object_get(row, table_cols[c]));
		zdh_table_row(t, (const char *const *)cells);
		for (size_t c = 0; c < 6; c++)
			free(cells[c]);
	}
	return t;
}

static int print_text(FILE *out, const json_t *r)
{
	struct zdh_buf b = ZDH_BUF_INIT;
	struct zdh_table *t;
	json_t *trend = get(r, "trend");
	int err = 0;

	title_line(&b, r);
	zdh_buf_addch(&b, '\n');
	scope_line(&b, r);
	zdh_buf_puts(&b, "\n\n");
	fputs(b.ptr, out);
	zdh_buf_reset(&b);

	t = zdh_table_new(2);
	zdh_table_align(t, 1, ZDH_ALIGN_RIGHT);
	for (const struct figure *f = figures; f->path; f++) {
		json_t *v = get(r, f->path);
		const char *cells[2];
		char *n;
		if (!v)
			continue;
		n = num_text(v);
		cells[0] = _(f->label);
		cells[1] = n;
		zdh_table_row(t, cells);
		free(n);
	}
	err |= zdh_table_print(t, out, 1);
	zdh_table_free(t);

	zdh_buf_addch(&b, '\n');
	zdh_buf_puts(&b, _("petitions: "));
	petition_change(&b, r);
	zdh_buf_addch(&b, '\n');

	if (json_array_size(trend)) {
		size_t n = json_array_size(trend);
		zdh_buf_addf(&b, "\n%s %s .. %s\n", _("trend, by month"),
			     json_string_value(get(json_array_get(trend, 0), "month")),
			     json_string_value(get(json_array_get(trend, n - 1), "month")));
		zdh_buf_puts(&b, "  ");
		zdh_utf8_fit(&b, _("opened"), 8, 1);
		spark(&b, trend, "opened");
		zdh_buf_puts(&b, "\n  ");
		zdh_utf8_fit(&b, _("solved"), 8, 1);
		spark(&b, trend, "solved");
		zdh_buf_addch(&b, '\n');
	}
	fputs(b.ptr, out);
	zdh_buf_reset(&b);
	if (json_array_size(trend)) {
		json_t *m;
		size_t i;
		const char *head[] = { _("month"), _("OPENED"), _("SOLVED") };
		t = zdh_table_new(3);
		zdh_table_header(t, head);
		zdh_table_align(t, 1, ZDH_ALIGN_RIGHT);
		zdh_table_align(t, 2, ZDH_ALIGN_RIGHT);
		json_array_foreach(trend, i, m) {
			char *o = num_text(json_object_get(m, "opened")), *s = num_text(json_object_get(m, "solved"));
			const char *cells[] = { json_string_value(json_object_get(m, "month")), o, s };
			zdh_table_row(t, cells);
			free(o);
			free(s);
		}
		err |= zdh_table_print(t, out, 0);
		zdh_table_free(t);
	}
	for (const struct table *tb = tables; tb->path; tb++) {
		json_t *rows = get(r, tb->path);
		if (!json_array_size(rows))
			continue;
		fprintf(out, "\n%s\n", _(tb->title));
		t = breakdown_table(rows, tb);
		err |= zdh_table_print(t, out, 0);
		zdh_table_free(t);
	}
	if (json_object_size(get(r, "kinds"))) {
		fprintf(out, "\n%s\n", _("other records"));
		t = kinds_table(get(r, "kinds"));
		err |= zdh_table_print(t, out, 0);
		zdh_table_free(t);
	}
	zdh_buf_release(&b);
	return err ? -1 : 0;
}

/* ---- CSV ---- */

static void csv_row(struct zdh_buf *b, const char *const *cells, size_t n, int excel)
{
	for (size_t i = 0; i < n; i++) {
		if (i)
			zdh_buf_addch(b, ',');
		zdh_csv_cell(b, cells[i] ? cells[i] : "", excel);
	}
	zdh_buf_addch(b, '\n');
}

static void csv_breakdown(struct zdh_buf *b, const json_t *rows, const struct table *tb, int excel)
{
	const char *head[6] = { tb->key };
	json_t *row;
	size_t i;

	for (i = 0; table_cols[i]; i++)
		head[i + 1] = table_cols[i];
	csv_row(b, head, 6, excel);
	json_array_foreach(rows, i, row) {
		char *cells[6];
		cells[0] = csv_key(tb, row);
		for (size_t c = 0; table_cols[c]; c++)
			cells[c + 1] = num_text(json_object_get(row, table_cols[c]));
		csv_row(b, (const char *const *)cells, 6, excel);
		for (size_t c = 0; c < 6; c++)
			free(cells[c]);
	}
}

static void print_csv(struct zdh_buf *b, const json_t *r, int excel)
{
	static const char *const period_keys[] = {
		"period.type", "period.first", "period.last", "period.timezone", "period.as_of",
		"scope.area", "scope.district", "scope.dept", NULL
	};
	const char *head[] = { "figure", "value" };
	json_t *m;
	size_t i;

	if (excel)
		zdh_buf_puts(b, "\xef\xbb\xbf");
	csv_row(b, head, 2, excel);
	for (i = 0; period_keys[i]; i++) {
		json_t *v = get(r, period_keys[i]);
		const char *cells[] = { period_keys[i], json_is_string(v) ? json_string_value(v) : "" };
		csv_row(b, cells, 2, excel);
	}
	for (const struct figure *f = figures; f->path; f++) {
		json_t *v = get(r, f->path);
		char *n;
		if (!v)
			continue;
		n = json_is_null(v) ? zdh_strdup("") : num_text(v);
		{
			const char *cells[] = { f->path, n };
			csv_row(b, cells, 2, excel);
		}
		free(n);
	}
	zdh_buf_addch(b, '\n');
	{
		const char *h[] = { "month", "opened", "solved" };
		csv_row(b, h, 3, excel);
	}
	json_array_foreach(get(r, "trend"), i, m) {
		char *o = num_text(json_object_get(m, "opened")), *s = num_text(json_object_get(m, "solved"));
		const char *cells[] = { json_string_value(json_object_get(m, "month")), o, s };
		csv_row(b, cells, 3, excel);
		free(o);
		free(s);
	}
	for (const struct table *tb = tables; tb->path; tb++) {
		zdh_buf_addch(b, '\n');
		csv_breakdown(b, get(r, tb->path), tb, excel);
	}
	if (json_object_size(get(r, "kinds"))) {
		const char *h[] = { "kind", "op", "events", "amount" }, **names;
		size_t n = kind_names(get(r, "kinds"), &names);
		zdh_buf_addch(b, '\n');
		csv_row(b, h, 4, excel);
		for (size_t i = 0; i < n; i++) {
			json_t *k = json_object_get(get(r, "kinds"), names[i]), *v;
			const char *op;
			char *a = num_text(json_object_get(k, "records_at_end")), *d = num_text(json_object_get(k, "added"));
			const char *c1[] = { names[i], "(records_at_end)", a, "" };
			const char *c2[] = { names[i], "(added)", d, "" };
			csv_row(b, c1, 4, excel);
			csv_row(b, c2, 4, excel);
			free(a);
			free(d);
			json_object_foreach(json_object_get(k, "events"), op, v) {
				char *e = num_text(json_object_get(v, "events"));
				char *m = json_object_get(v, "amount") ? num_text(json_object_get(v, "amount")) : zdh_strdup("");
				const char *c3[] = { names[i], op, e, m };
				csv_row(b, c3, 4, excel);
				free(e);
				free(m);
			}
		}
		free(names);
	}
}

/* ---- Markdown ---- */

static void md_text(struct zdh_buf *b, const char *s)
{
	for (; *s; s++) {
		if (strchr("|\\*_`[]<>#", *s))
			zdh_buf_addch(b, '\\');
		zdh_buf_addch(b, *s);
	}
}

static void md_kinds(struct zdh_buf *b, const json_t *kinds)
{
	const char **names;
	size_t n = kind_names(kinds, &names);

	if (!n) {
		free(names);
		return;
	}
	zdh_buf_addf(b, "\n## %s\n\n|", _("other records"));
	for (int i = 0; kind_heads[i]; i++)
		zdh_buf_addf(b, " %s |", _(kind_heads[i]));
	zdh_buf_puts(b, "\n| --- | ---: | ---: | --- | --- | --- |\n");
	for (size_t i = 0; i < n; i++) {
		char *cells[6];
		kind_cells(cells, names[i], json_object_get(kinds, names[i]));
		zdh_buf_puts(b, "|");
		for (int c = 0; c < 6; c++) {
			zdh_buf_addch(b, ' ');
			md_text(b, cells[c]);
			zdh_buf_puts(b, " |");
			free(cells[c]);
		}
		zdh_buf_addch(b, '\n');
	}
	free(names);
}

static void print_md(struct zdh_buf *b, const json_t *r)
{
	json_t *m;
	size_t i;

	zdh_buf_puts(b, "# ");
	title_line(b, r);
	zdh_buf_puts(b, "\n\n");
	scope_line(b, r);
	zdh_buf_addf(b, "\n\n| %s | %s |\n| --- | ---: |\n", _("figure"), _("value"));
	for (const struct figure *f = figures; f->path; f++) {
		json_t *v = get(r, f->path);
		if (!v)
			continue;
		zdh_buf_addf(b, "| %s | ", _(f->label));
		num(b, v);
		zdh_buf_puts(b, " |\n");
	}
	zdh_buf_addf(b, "\n%s", _("petitions: "));
	petition_change(b, r);
	zdh_buf_addf(b, "\n\n## %s\n\n| %s | %s | %s |\n| --- | ---: | ---: |\n",
		     _("trend, by month"), _("month"), _("OPENED"), _("SOLVED"));
	json_array_foreach(get(r, "trend"), i, m) {
		zdh_buf_addf(b, "| %s | ", json_string_value(json_object_get(m, "month")));
		num(b, json_object_get(m, "opened"));
		zdh_buf_puts(b, " | ");
		num(b, json_object_get(m, "solved"));
		zdh_buf_puts(b, " |\n");
	}
	for (const struct table *tb = tables; tb->path; tb++) {
		json_t *row;
		zdh_buf_addf(b, "\n## %s\n\n| %s |", _(tb->title), _(tb->head));
		for (size_t c = 0; table_heads[c]; c++)
			zdh_buf_addf(b, " %s |", _(table_heads[c]));
		zdh_buf_puts(b, "\n| --- | ---: | ---: | ---: | ---: | ---: |\n");
		json_array_foreach(get(r, tb->path), i, row) {
			char *key = row_key(tb, row);
			zdh_buf_puts(b, "| ");
			md_text(b, key);
			free(key);
			zdh_buf_puts(b, " |");
			for (size_t c = 0; table_cols[c]; c++) {
				zdh_buf_addch(b, ' ');
				num(b, json_object_get(row, table_cols[c]));
				zdh_buf_puts(b, " |");
			}
			zdh_buf_addch(b, '\n');
		}
	}
	md_kinds(b, get(r, "kinds"));
}

/* ---- HTML ---- */

static void html_text(struct zdh_buf *b, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&': zdh_buf_puts(b, "&amp;"); break;
		case '<': zdh_buf_puts(b, "&lt;"); break;
		case '>': zdh_buf_puts(b, "&gt;"); break;
		case '"': zdh_buf_puts(b, "&quot;"); break;
		case '\'': zdh_buf_puts(b, "&#39;"); break;
		default: zdh_buf_addch(b, *s);
		}
	}
}

/* A vertical bar chart of up to two series over labels; width 640. */
static void svg_bars(struct zdh_buf *b, const char *title, size_t n, const char *const *labels,
		     const long long *a, const long long *c, const char *name_a, const char *name_c)
{
	const int W = 640, H = 220, left = 40, bottom = 40, top = 30;
	long long max = 1;
	double slot;

	for (size_t i = 0; i < n; i++) {
		if (a[i] > max)
			max = a[i];
		if (c && c[i] > max)
			max = c[i];
	}
	slot = n ? (double)(W - left - 10) / (double)n : 1;
	zdh_buf_addf(b, "<figure><svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\""
		     " width=\"%d\" height=\"%d\" role=\"img\"><title>", W, H, W, H);
	html_text(b, title);
	zdh_buf_addf(b, "</title>\n<text x=\"%d\" y=\"18\" class=\"t\">", left);
	html_text(b, title);
	zdh_buf_puts(b, "</text>\n");
	zdh_buf_addf(b, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#444\"/>\n",
		     left, H - bottom, W - 10, H - bottom);
	zdh_buf_addf(b, "<text x=\"%d\" y=\"%d\" class=\"s\" text-anchor=\"end\">%lld</text>\n",
		     left - 4, top + 4, max);
	zdh_buf_addf(b, "<text x=\"%d\" y=\"%d\" class=\"s\" text-anchor=\"end\">0</text>\n",
		     left - 4, H - bottom);
	for (size_t i = 0; i < n; i++) {
		double x = left + slot * (double)i, bw = slot * (c ? 0.4 : 0.7);
		long long v[2] = { a[i], c ? c[i] : 0 };
		for (int s = 0; s < (c ? 2 : 1); s++) {
			double h = (double)(H - bottom - top) * (double)v[s] / (double)max;
			double bx = x + slot * 0.1 + bw * s;
			zdh_buf_addf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\""
				     " class=\"%s\"/>", bx, (double)(H - bottom) - h, bw, h,
				     s ? "b2" : "b1");
			if (v[s])
				zdh_buf_addf(b, "<text x=\"%.1f\" y=\"%.1f\" class=\"s\" text-anchor=\"middle\">%lld</text>",
					     bx + bw / 2, (double)(H - bottom) - h - 3, v[s]);
			zdh_buf_addch(b, '\n');
		}
		zdh_buf_addf(b, "<text x=\"%.1f\" y=\"%d\" class=\"s\" text-anchor=\"middle\">",
			     x + slot / 2, H - bottom + 14);
		html_text(b, labels[i]);
		zdh_buf_puts(b, "</text>\n");
	}
	if (c) {
		zdh_buf_addf(b, "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" class=\"b1\"/>"
			     "<text x=\"%d\" y=\"%d\" class=\"s\">", left, H - 14, left + 14, H - 5);
		html_text(b, name_a);
		zdh_buf_addf(b, "</text><rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" class=\"b2\"/>"
			     "<text x=\"%d\" y=\"%d\" class=\"s\">", left + 120, H - 14, left + 134, H - 5);
		html_text(b, name_c);
		zdh_buf_puts(b, "</text>\n");
	}
	zdh_buf_puts(b, "</svg></figure>\n");
}

/* A horizontal bar chart (names are long): one bar per label. */
static void svg_hbars(struct zdh_buf *b, const char *title, size_t n, const char *const *labels,
		      const long long *v)
{
	const int W = 640, row = 20, left = 150, top = 30;
	int H = top + row * (int)(n ? n : 1) + 10;
	long long max = 1;

	for (size_t i = 0; i < n; i++)
		if (v[i] > max)
			max = v[i];
	zdh_buf_addf(b, "<figure><svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\""
		     " width=\"%d\" height=\"%d\" role=\"img\"><title>", W, H, W, H);
	html_text(b, title);
	zdh_buf_addf(b, "</title>\n<text x=\"10\" y=\"18\" class=\"t\">");
	html_text(b, title);
	zdh_buf_puts(b, "</text>\n");
	for (size_t i = 0; i < n; i++) {
		double w = (double)(W - left - 50) * (double)v[i] / (double)max;
		int y = top + row * (int)i;
		zdh_buf_addf(b, "<text x=\"%d\" y=\"%d\" class=\"s\" text-anchor=\"end\">", left - 6, y + 14);
		html_text(b, labels[i]);
		zdh_buf_addf(b, "</text><rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" class=\"b1\"/>"
			     "<text x=\"%.1f\" y=\"%d\" class=\"s\">%lld</text>\n",
			     left, y + 3, w, row - 6, left + w + 4, y + 14, v[i]);
	}
	zdh_buf_puts(b, "</svg></figure>\n");
}

static void html_table(struct zdh_buf *b, const json_t *rows, const struct table *tb)
{
	json_t *row;
	size_t i;

	zdh_buf_puts(b, "<h2>");
	html_text(b, _(tb->title));
	zdh_buf_puts(b, "</h2>\n<table><tr><th>");
	html_text(b, _(tb->head));
	zdh_buf_puts(b, "</th>");
	for (size_t c = 0; table_heads[c]; c++) {
		zdh_buf_puts(b, "<th>");
		html_text(b, _(table_heads[c]));
		zdh_buf_puts(b, "</th>");
	}
	zdh_buf_puts(b, "</tr>\n");
	json_array_foreach(rows, i, row) {
		char *key = row_key(tb, row);
		zdh_buf_puts(b, "<tr><td>");
		html_text(b, key);
		free(key);
		zdh_buf_puts(b, "</td>");
		for (size_t c = 0; table_cols[c]; c++) {
			zdh_buf_puts(b, "<td class=\"n\">");
			num(b, json_object_get(row, table_cols[c]));
			zdh_buf_puts(b, "</td>");
		}
		zdh_buf_puts(b, "</tr>\n");
	}
	zdh_buf_puts(b, "</table>\n");
}

static void print_html(struct zdh_buf *b, const json_t *r)
{
	json_t *trend = get(r, "trend"), *m;
	size_t n = json_array_size(trend), i;
	const char **labels = zdh_calloc(n + 20, sizeof(*labels));
	long long *a = zdh_calloc(n + 20, sizeof(*a)), *c = zdh_calloc(n + 20, sizeof(*c));
	struct zdh_buf t = ZDH_BUF_INIT;

	zdh_buf_puts(b, "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">\n<title>");
	title_line(&t, r);
	html_text(b, t.ptr);
	zdh_buf_puts(b, "</title>\n<style>\n"
		     "@page { size: A4; margin: 15mm; }\n"
		     "body { font-family: \"Noto Sans CJK SC\", \"Source Han Sans SC\", \"WenQuanYi Micro Hei\","
		     " sans-serif; max-width: 180mm; margin: 0 auto; color: #111; font-size: 10.5pt; }\n"
		     "h1 { font-size: 15pt; } h2 { font-size: 12pt; margin-top: 1.2em; }\n"
		     "table { border-collapse: collapse; margin: 0.5em 0; page-break-inside: avoid; }\n"
		     "th, td { border: 1px solid #999; padding: 2px 8px; text-align: left; }\n"
		     "td.n { text-align: right; font-variant-numeric: tabular-nums; }\n"
		     "figure { margin: 0.8em 0; page-break-inside: avoid; }\n"
		     "svg { max-width: 100%; height: auto; }\n"
		     ".t { font-size: 13px; font-weight: bold; } .s { font-size: 10px; }\n"
		     ".b1 { fill: #2b6cb0; } .b2 { fill: #dd6b20; }\n"
		     "</style></head>\n<body>\n<h1>");
	html_text(b, t.ptr);
	zdh_buf_puts(b, "</h1>\n<p>");
	zdh_buf_reset(&t);
	scope_line(&t, r);
	html_text(b, t.ptr);
	zdh_buf_puts(b, "</p>\n");

	/* issues by month */
	json_array_foreach(trend, i, m) {
		labels[i] = json_string_value(json_object_get(m, "month")) + 2;	/* "25-11" */
		a[i] = json_integer_value(json_object_get(m, "opened"));
		c[i] = json_integer_value(json_object_get(m, "solved"));
	}
	svg_bars(b, _("issues by month: opened and solved"), n, labels, a, c, _("opened"), _("solved"));

	zdh_buf_puts(b, "<table>\n");
	for (const struct figure *f = figures; f->path; f++) {
		json_t *v = get(r, f->path);
		if (!v)
			continue;
		zdh_buf_puts(b, "<tr><td>");
		html_text(b, _(f->label));
		zdh_buf_puts(b, "</td><td class=\"n\">");
		num(b, v);
		zdh_buf_puts(b, "</td></tr>\n");
	}
	zdh_buf_puts(b, "</table>\n<p>");
	zdh_buf_reset(&t);
	zdh_buf_puts(&t, _("petitions: "));
	petition_change(&t, r);
	html_text(b, t.ptr);
	zdh_buf_puts(b, "</p>\n");

	/* solved by area */
	{
		json_t *rows = get(r, "issues.by_area"), *row;
		size_t k = 0, nr = json_array_size(rows);
		char **al = zdh_calloc(nr + 1, sizeof(*al));
		long long *av = zdh_calloc(nr + 1, sizeof(*av));
		const struct table *tb = tables;
		while (strcmp(tb->path, "issues.by_area"))
			tb++;
		json_array_foreach(rows, i, row) {
			al[k] = row_key(tb, row);
			av[k++] = json_integer_value(json_object_get(row, "solved"));
		}
		svg_hbars(b, _("issues solved by area"), k, (const char *const *)al, av);
		for (size_t j = 0; j < k; j++)
			free(al[j]);
		free(al);
		free(av);
	}
	/* satisfaction distribution */
	{
		static const char *const sl[] = { "1", "2", "3", "4", "5" };
		long long sv[5];
		for (int s = 0; s < 5; s++)
			sv[s] = json_integer_value(get(get(r, "issues.satisfaction.distribution"), sl[s]));
		svg_bars(b, _("satisfaction of the last callback (1-5)"), 5, sl, sv, NULL, NULL, NULL);
	}
	/* petitions year on year */
	{
		const char *pl[] = { _("a year before"), _("this period") };
		long long pv[] = { json_integer_value(get(r, "petitions.year_before")),
				   json_integer_value(get(r, "petitions.opened")) };
		svg_bars(b, _("petitions, year on year"), 2, pl, pv, NULL, NULL, NULL);
	}
	for (const struct table *tb = tables; tb->path; tb++)
		if (json_array_size(get(r, tb->path)))
			html_table(b, get(r, tb->path), tb);
	{
		const char **names;
		size_t nk = kind_names(get(r, "kinds"), &names);
		if (nk) {
			zdh_buf_puts(b, "<h2>");
			html_text(b, _("other records"));
			zdh_buf_puts(b, "</h2>\n<table><tr>");
			for (int k = 0; kind_heads[k]; k++) {
				zdh_buf_puts(b, "<th>");
				html_text(b, _(kind_heads[k]));
				zdh_buf_puts(b, "</th>");
			}
			zdh_buf_puts(b, "</tr>\n");
		}
		for (size_t k = 0; k < nk; k++) {
			char *cells[6];
			kind_cells(cells, names[k], json_object_get(get(r, "kinds"), names[k]));
			zdh_buf_puts(b, "<tr>");
			for (int c = 0; c < 6; c++) {
				zdh_buf_puts(b, c == 1 || c == 2 ? "<td class=\"n\">" : "<td>");
				html_text(b, cells[c]);
				zdh_buf_puts(b, "</td>");
				free(cells[c]);
			}
			zdh_buf_puts(b, "</tr>\n");
		}
		if (nk)
			zdh_buf_puts(b, "</table>\n");
		free(names);
	}
	zdh_buf_puts(b, "</body></html>\n");
	zdh_buf_release(&t);
	free(labels);
	free(a);
	free(c);
}

int zdh_report_print(FILE *out, const json_t *report, enum zdh_report_format format, int excel,
		     const struct zdh_repo *repo)
{
	struct zdh_buf b = ZDH_BUF_INIT;
	char *s;
	int err = 0;

	printing_repo = repo;

	switch (format) {
	case ZDH_REPORT_TEXT:
		err = print_text(out, report);
		break;
	case ZDH_REPORT_JSON:
		s = zdh_json_dumps(report, JSON_INDENT(2) | JSON_SORT_KEYS | JSON_REAL_PRECISION(15));
		zdh_buf_puts(&b, s);
		zdh_buf_addch(&b, '\n');
		free(s);
		break;
	case ZDH_REPORT_CSV:
		print_csv(&b, report, excel);
		break;
	case ZDH_REPORT_MD:
		print_md(&b, report);
		break;
	case ZDH_REPORT_HTML:
		print_html(&b, report);
		break;
	}
	printing_repo = NULL;
	if (b.len && fwrite(b.ptr, 1, b.len, out) != b.len)
		err = -1;
	zdh_buf_release(&b);
	if (err || ferror(out))
		return zdh_output_failed(out, _("cannot write the report"));
	return 0;
}

int zdh_report_write_file(const char *path, const json_t *report,
			  enum zdh_report_format format, int excel, const struct zdh_repo *repo)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f;
	int err;

	/* the whole report first: no file is made when it cannot be */
	if (!(f = open_memstream(&text, &len))) {
		err = zdh_error_errno(ZDH_ERROR, _("cannot write the report"));
		goto done;
	}
	err = zdh_report_print(f, report, format, excel, repo);
	if (fclose(f) && !err)
		err = zdh_error_errno(ZDH_ERROR, _("cannot write the report"));
	if (err)
		goto done;
	/* written beside path, durable, renamed over it; "-", a device, a FIFO as they are */
	if ((err = zdh_write_output(path, text, len)) < 0)
		err = zdh_write_output_failed(err, path);
done:
	free(text);
	return err;
}

/*
 * index-kinds — what the record kinds add to the index (kind.h): their
 * views records_<kind>, their own tables and indexes, and the fingerprint
 * of each kind the index was built with, so that a zdh whose kinds differ
 * refolds what changed when it opens the index (zdh-repository(5),
 * RECORD KINDS).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "error.h"
#include "i18n.h"
#include "index-internal.h"
#include "output.h"

/* The column of records that holds field of kind ("p3"), as ix_kinds_schema() names it. */
static int field_slot(const struct zdh_kind *kind, const char *name, size_t len)
{
	int i = 0;

	for (const struct zdh_field *f = kind->fields; f && f->name; f++, i++)
		if (strlen(f->name) == len && !strncmp(f->name, name, len))
			return i + 1;
	return 0;
}

/* A kind's SQL with each {field} replaced by the field's column of records. */
void ix_add_kind_sql(struct zdh_buf *sql, const struct zdh_kind *kind, const char *text)
{
	const char *p = text, *open, *close;

	while ((open = strchr(p, '{')) && (close = strchr(open, '}'))) {
		int slot = field_slot(kind, open + 1, (size_t)(close - open - 1));
		ZDH_ASSERT(slot > 0);	/* a kind's SQL names a field it does not declare */
		zdh_buf_add(sql, p, (size_t)(open - p));
		zdh_buf_addf(sql, "p%d", slot);
		p = close + 1;
	}
	zdh_buf_puts(sql, p);
}

/*
 * One statement of a kind's SQL (index_sql, tables_sql): what it creates,
 * if it is a CREATE TABLE, INDEX or VIEW (keywords in any case, UNIQUE and
 * IF NOT EXISTS allowed), the name of it and, for an index, of the table
 * it is ON.  Every reader of those statements parses them here.
 */
struct create_stmt {
	const char *text;	/* the statement, with its ';' if it has one */
	size_t len;
	const char *type;	/* "table", "index", "view"; NULL: not a CREATE of these */
	const char *name, *on;	/* on: an index's table, else NULL */
	size_t name_len, on_len;
};

#define SQL_SPACE " \t\n"

/* p past the keyword word (with its length) and the spaces after it, or NULL */
static const char *sql_word(const char *p, const char *word)
{
	size_t n = strlen(word);

	if (strncasecmp(p, word, n) || !p[n] || !strchr(SQL_SPACE, p[n]))
		return NULL;
	return p + n + strspn(p + n, SQL_SPACE);
}

/* The statement of sql at *p into c, *p moved past it; 0 when none is left. */
static int next_create(const char **p, struct create_stmt *c)
{
	const char *q, *end, *w;

	if (!*p || !**p)
		return 0;
	memset(c, 0, sizeof(*c));
	c->text = *p + strspn(*p, SQL_SPACE);
	end = strchr(c->text, ';');
	end = end ? end + 1 : c->text + strlen(c->text);
	c->len = (size_t)(end - c->text);
	*p = end;
	if (!(q = sql_word(c->text, "CREATE")))
		return 1;
	if ((w = sql_word(q, "UNIQUE")))
		q = w;
	if ((w = sql_word(q, "TABLE")))
		c->type = "table";
	else if ((w = sql_word(q, "INDEX")))
		c->type = "index";
	else if ((w = sql_word(q, "VIEW")))
		c->type = "view";
	else
		return 1;
	q = w;
	if ((w = sql_word(q, "IF")) && (w = sql_word(w, "NOT")) && (w = sql_word(w, "EXISTS")))
		q = w;
	c->name = q;
	c->name_len = strcspn(q, SQL_SPACE "(;");
	ZDH_ASSERT(c->name_len > 0 && !memchr(q, '\'', c->name_len));
	if (c->type[0] != 'i')
		return 1;
	for (q += c->name_len; q < end; q++)
		if (strchr(SQL_SPACE, *q) && (w = sql_word(q + 1, "ON")) && w < end) {
			c->on = w;
			c->on_len = strcspn(w, SQL_SPACE "(;");
			break;
		}
	return 1;
}

/* Does sql create a table called name (n bytes)? */
static int own_table(const char *sql, const char *name, size_t n)
{
	struct create_stmt c;

	while (next_create(&sql, &c))
		if (c.type && c.type[0] == 't' && c.name_len == n && !strncasecmp(c.name, name, n))
			return 1;
	return 0;
}

void ix_kind_table_indexes(const struct zdh_kind *k, struct zdh_buf *drop, struct zdh_buf *create,
			   int (*exists)(void *payload, const char *name), void *payload)
{
	const char *p = k->tables_sql ? k->index_sql : NULL;
	struct create_stmt c;

	while (next_create(&p, &c)) {
		struct zdh_buf one = ZDH_BUF_INIT;
		char *iname;

		if (!c.on || !own_table(k->tables_sql, c.on, c.on_len))
			continue;
		iname = zdh_strndup(c.name, c.name_len);
		if (exists(payload, iname)) {
			zdh_buf_addf(drop, "DROP INDEX %s;", iname);
			zdh_buf_add(&one, c.text, c.len);
			ix_add_kind_sql(create, k, one.ptr);
			zdh_buf_release(&one);
		}
		free(iname);
	}
}

void ix_kind_indexes_sql(struct zdh_buf *sql, const struct zdh_kind *k, int records,
			 int (*exists)(void *payload, const char *name), void *payload)
{
	const char *p = k->index_sql;
	struct create_stmt c;

	while (next_create(&p, &c)) {
		struct zdh_buf one = ZDH_BUF_INIT;
		char *iname;

		if ((c.on && c.on_len == 7 && !strncasecmp(c.on, "records", 7)) != !!records)
			continue;
		iname = c.type ? zdh_strndup(c.name, c.name_len) : NULL;
		if (!iname || !exists || !exists(payload, iname)) {
			zdh_buf_add(&one, c.text, c.len);
			ix_add_kind_sql(sql, k, one.ptr);
			zdh_buf_release(&one);
		}
		free(iname);
	}
}

/*
 * The kinds an index was built with.  Each row of the table kinds holds
 * a kind's fingerprint: a hash of everything in its struct zdh_kind that
 * decides what the index holds for it (its name, letter, version,
 * operations, projected fields, SQL, facts, whether attachments are state).
 * A binary whose kind differs from the row (an upgrade, a downgrade, a
 * new kind) refolds that kind's records when it opens the index
 * (kinds_meet), and never asks for a reindex.  objects names what the
 * kind created in the index ("view:records_org index:records_org_name"),
 * so that a binary that does not know the kind can still drop it.
 */
static void put3(struct zdh_buf *b, const char *x, const char *y, const char *z)
{
	zdh_buf_puts(b, x);
	zdh_buf_puts(b, y);
	zdh_buf_puts(b, z);
}

/* n in decimal, as "%d" or "%u" writes it */
static void put_num(struct zdh_buf *b, long long n)
{
	char d[24];
	int i = (int)sizeof(d);
	unsigned long long u = n < 0 ? 0ULL - (unsigned long long)n : (unsigned long long)n;

	do
		d[--i] = (char)('0' + u % 10);
	while (u /= 10);
	if (n < 0)
		d[--i] = '-';
	zdh_buf_add(b, d + i, sizeof(d) - (size_t)i);
}

static void kind_fingerprint(const struct zdh_kind *k, char hex[ZDH_OID_HEXSZ + 1])
{
	struct zdh_buf b = ZDH_BUF_INIT;
	unsigned char raw[ZDH_OID_RAWSZ];
	struct zdh_sha1 c;

	/*
	 * Every command computes these (kinds_match): plain appends, not
	 * printf, which was half of their 380,000 instructions.  The text
	 * must not change: it is what the rows of an index hold the hash of.
	 */
	put3(&b, "kind ", k->name, "\nletter ");
	put_num(&b, k->letter);
	zdh_buf_puts(&b, "\nversion ");
	put_num(&b, k->version);
	zdh_buf_puts(&b, "\nattachments ");
	put_num(&b, k->attachments_in_state);
	zdh_buf_addch(&b, '\n');
	for (const struct zdh_op *o = k->ops; o->name; o++)
		put3(&b, "op ", o->name, "\n");
	for (const struct zdh_field *f = k->fields; f && f->name; f++) {
		put3(&b, "field ", f->name, " ");
		put3(&b, f->type, " ", f->path);
		zdh_buf_addch(&b, '\n');
	}
	put3(&b, "index ", k->index_sql ? k->index_sql : "", "\n");
	/* (only where an index is on the key: the other kinds' text stays as it was) */
	if (k->index_sql && strstr(k->index_sql, "zdh_name_key("))
		put3(&b, "unicode ", zdh_name_key_version(), "\n");
	zdh_buf_puts(&b, "tables ");
	put3(&b, k->tables_sql ? k->tables_sql : "", "\nderive ", k->derive ? "1\n" : "0\n");
	if (k->summarize)
		zdh_buf_puts(&b, "summarize 1\n");
	if (k->unowned)
		zdh_buf_puts(&b, "unowned 1\n");
	/* its views are no longer in the schema (view_select): an older zdh makes them again */
	zdh_buf_puts(&b, "views in queries\n");
	for (const struct zdh_fact *f = k->facts; f && f->name; f++) {
		put3(&b, "fact ", f->name, " ");
		put3(&b, f->type, "\n", "");
	}
	zdh_sha1_init(&c);
	zdh_sha1_update(&c, b.ptr, b.len);
	zdh_sha1_final(raw, &c);
	zdh_oid_tohex(hex, raw);
	zdh_buf_release(&b);
}

/* Append "type:name" of each object the CREATE statements of sql create. */
static void sql_objects(struct zdh_buf *out, const char *sql)
{
	struct create_stmt c;

	while (next_create(&sql, &c))
		if (c.type)
			zdh_buf_addf(out, "%s%s:%.*s", out->len ? " " : "", c.type, (int)c.name_len,
				     c.name);
}

/* What kind k creates in the index (see kinds_meet). */
static void kind_objects(struct zdh_buf *out, const struct zdh_kind *k)
{
	sql_objects(out, k->tables_sql);
	sql_objects(out, k->index_sql);
}

/* The row of kinds for k, as SQL. */
static void kind_row(struct zdh_buf *sql, const struct zdh_kind *k)
{
	struct zdh_buf objects = ZDH_BUF_INIT;
	char fp[ZDH_OID_HEXSZ + 1];

	kind_fingerprint(k, fp);
	kind_objects(&objects, k);
	zdh_buf_addf(sql, "INSERT OR REPLACE INTO kinds(name, fingerprint, objects)"
		     " VALUES('%s', '%s', '%s');", k->name, fp, objects.ptr);
	zdh_buf_release(&objects);
}

/*
 * The SELECT of kind k's view records_<kind> (facts: facts_<kind>): its
 * projected fields by name.  Not kept in the schema: SQLite parses every
 * view of the schema whenever a connection first reads it, and the 32
 * views of 16 kinds were 1.6 million instructions of each command's 5
 * (an issue add's schema parse 2.6 million with them, 1.0 without);
 * zdh_index_prepare() puts the SELECT where a query names the view, as
 * SQLite does with a view, and the plan is the same.
 */
static void view_select(struct zdh_buf *sql, const struct zdh_kind *k, int facts)
{
	int slot = 1;

	if (facts) {
		zdh_buf_puts(sql, "SELECT record, prefix, n, clock, replica, id, op, happened, recorded,"
			     " effect");
		for (const struct zdh_fact *f = k->facts; f && f->name; f++, slot++) {
			ZDH_ASSERT(slot <= ZDH_KIND_FACTS_MAX && k->fact);
			zdh_buf_addf(sql, ", f%d AS \"%s\"", slot, f->name);
		}
		zdh_buf_addf(sql, " FROM main.facts WHERE kind = '%s'", k->name);
		return;
	}
	zdh_buf_puts(sql, "SELECT id, prefix, n");
	for (const struct zdh_field *f = k->fields; f && f->name; f++, slot++) {
		ZDH_ASSERT(slot <= ZDH_KIND_FIELDS_MAX);
		zdh_buf_addf(sql, ", p%d AS \"%s\"", slot, f->name);
	}
	zdh_buf_addf(sql, ", state, conflicts, events, created, updated, head"
		     " FROM main.records WHERE kind = '%s'", k->name);
}

/* The kind whose view records_<kind> or facts_<kind> the n bytes at p name. */
static const struct zdh_kind *view_kind(const char *p, size_t n, int *facts)
{
	size_t skip;

	if (n > 8 && !strncmp(p, "records_", 8))
		skip = 8, *facts = 0;
	else if (n > 6 && !strncmp(p, "facts_", 6))
		skip = 6, *facts = 1;
	else
		return NULL;
	for (size_t i = 0; zdh_kinds[i]; i++)
		if (strlen(zdh_kinds[i]->name) == n - skip && !memcmp(zdh_kinds[i]->name, p + skip, n - skip))
			return zdh_kinds[i];
	return NULL;
}

static int word_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/* Does the word before p (white space skipped) equal w, ignoring case? */
static int word_before(const char *start, const char *p, const char *w)
{
	size_t n = strlen(w);

	while (p > start && (p[-1] == ' ' || p[-1] == '\n' || p[-1] == '\t'))
		p--;
	return (size_t)(p - start) >= n && !strncasecmp(p - n, w, n) &&
	       (p - (ptrdiff_t)n == start || !word_char(p[-(ptrdiff_t)n - 1]));
}

/* Is the word at p one that may follow a table in a FROM clause (not an alias)? */
static int keyword_after(const char *p)
{
	static const char *const words[] = { "WHERE", "ORDER", "GROUP", "JOIN", "CROSS", "LEFT",
					     "INNER", "ON", "LIMIT", "UNION", "AS", "USING",
					     "NATURAL", "EXCEPT", "INTERSECT", "HAVING", "WINDOW",
					     "INDEXED", "NOT", NULL };
	size_t n = 0;

	while (word_char(p[n]))
		n++;
	if (!n)
		return 1;	/* "," ")" ";" or the end */
	for (size_t i = 0; words[i]; i++)
		if (strlen(words[i]) == n && !strncasecmp(p, words[i], n))
			return 1;
	return 0;
}

int zdh_index_expand_views(struct zdh_buf *out, const char *sql)
{
	const char *p = sql, *copied = sql;
	int expanded = 0;

	while ((p = strpbrk(p, "rf"))) {
		const struct zdh_kind *k;
		size_t n = 0;
		int facts;

		if (p > sql && word_char(p[-1])) {
			p++;
			continue;
		}
		while (word_char(p[n]))
			n++;
		if (!(k = view_kind(p, n, &facts)) ||
		    !(word_before(sql, p, "FROM") || word_before(sql, p, "JOIN"))) {
			p += n ? n : 1;
			continue;
		}
		zdh_buf_add(out, copied, (size_t)(p - copied));
		zdh_buf_addch(out, '(');
		view_select(out, k, facts);
		zdh_buf_addch(out, ')');
		/* named as the view unless an alias follows */
		if (keyword_after(p + n + strspn(p + n, " \n\t")))
			zdh_buf_addf(out, " AS %.*s", (int)n, p);
		p += n;
		copied = p;
		expanded = 1;
	}
	if (expanded)
		zdh_buf_puts(out, copied);
	return expanded;
}

/* A kind's own tables (its indexes come with add_other_indexes). */
static void kind_schema(struct zdh_buf *sql, const struct zdh_kind *k)
{
	for (const char *c = k->name; *c; c++)
		ZDH_ASSERT((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '_');
	if (k->tables_sql)
		zdh_buf_puts(sql, k->tables_sql);
	kind_row(sql, k);
}

/*
 * What the kinds add to the schema: each kind's view records_<kind>
 * naming its projected fields, its own tables, and its row in kinds.
 */
void ix_kinds_schema(struct zdh_buf *sql)
{
	for (size_t i = 0; zdh_kinds[i]; i++)
		kind_schema(sql, zdh_kinds[i]);
}

/* ---- kinds that changed since the index was built ---- */

/*
 * Fold every event of kind k again, record by record, into records that
 * were deleted: a kind new to the index (its events were kept as of an
 * unknown kind), or one this binary knows differently.  Progress on a
 * terminal when there are many.
 */
static int fold_kind(struct zdh_index *idx, const struct zdh_kind *k)
{
	struct record r;
	char cur[256] = "";
	long long total = 0, done = 0;
	int progress, rc, err = 0, shown = -1;
	sqlite3_stmt *s;

	if (sqlite3_prepare_v2(idx->db, "SELECT count(*) FROM events WHERE kind = ?1"
			       " AND effect IS NOT " INVALID, -1, &s, NULL))
		return ix_db_error(idx, "events");
	sqlite3_bind_text(s, 1, k->name, -1, SQLITE_STATIC);
	if (sqlite3_step(s) == SQLITE_ROW)
		total = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	if (!total)
		return 0;
	progress = total >= 10000 && isatty(2);
	if (sqlite3_prepare_v2(idx->db, "SELECT " ROW_EVENT_COLUMNS " FROM events WHERE kind = ?1"
			       " AND effect IS NOT " INVALID
			       " ORDER BY record, clock, replica, id", -1, &s, NULL))
		return ix_db_error(idx, "events");
	sqlite3_bind_text(s, 1, k->name, -1, SQLITE_STATIC);
	memset(&r, 0, sizeof(r));
	while (!err && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct zdh_event ev;
		long long seq;

		memset(&ev, 0, sizeof(ev));
		if ((err = ix_row_event(&ev, &seq, s)))
			break;
		if (strcmp(cur, ev.record)) {
			if (r.dirty && r.state)
				err = ix_store_record(idx, k, cur, &r);
			ix_record_clear(&r);
			zdh_copy_str(cur, sizeof(cur), ev.record);
		}
		if (!err)
			err = ix_fold_one(idx, &r, &ev, NULL, seq, 0, 1);
		zdh_event_clear(&ev);
		done++;
		if (progress && (int)(done * 100 / total) != shown) {
			shown = (int)(done * 100 / total);
			fprintf(stderr, ngettext("\rzdh: folding the %lld event of kind '%s' (new to this index): %d%%",
						 "\rzdh: folding the %lld events of kind '%s' (new to this index): %d%%",
						 (unsigned long)total),
				total, k->name, shown);
		}
	}
	if (!err && rc != SQLITE_DONE)
		err = ix_db_error(idx, "events");
	if (!err && r.dirty && r.state)
		err = ix_store_record(idx, k, cur, &r);
	ix_record_clear(&r);
	sqlite3_finalize(s);
	if (progress)
		fputc('\n', stderr);
	return err;
}

/* Drop what a kind made ("view:records_x index:y", from its row of kinds). */
static int drop_objects(struct zdh_index *idx, const char *objects)
{
	struct zdh_buf sql = ZDH_BUF_INIT;
	const char *p = objects;
	int err;

	while (*p) {
		size_t n = strcspn(p, " ");
		const char *colon = memchr(p, ':', n);
		if (colon)
			zdh_buf_addf(&sql, "DROP %.*s IF EXISTS \"%.*s\";", (int)(colon - p), p,
				     (int)(n - (size_t)(colon + 1 - p)), colon + 1);
		p += n + (p[n] == ' ');
	}
	err = sql.len ? ix_exec(idx, sql.ptr) : 0;
	zdh_buf_release(&sql);
	return err;
}

struct kind_row {
	char *name, *fingerprint, *objects;
};

static void kind_rows_free(struct kind_row *rows, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(rows[i].name);
		free(rows[i].fingerprint);
		free(rows[i].objects);
	}
	free(rows);
}

static int kind_rows(struct zdh_index *idx, struct kind_row **out, size_t *n)
{
	sqlite3_stmt *s;
	int rc;

	*out = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(idx->db, "SELECT name, fingerprint, objects FROM kinds", -1, &s, NULL))
		return ix_db_error(idx, "kinds");
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		*out = zdh_realloc(*out, (*n + 1) * sizeof(**out));
		(*out)[*n].name = ix_col_dup(s, 0);
		(*out)[*n].fingerprint = ix_col_dup(s, 1);
		(*out)[*n].objects = ix_col_dup(s, 2);
		(*n)++;
	}
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : ix_db_error(idx, "kinds");
}

static const struct kind_row *row_of(const struct kind_row *rows, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (rows[i].name && !strcmp(rows[i].name, name))
			return &rows[i];
	return NULL;
}

/* Does every kind of this binary match its row, and every row a kind? */
static int kinds_match(const struct kind_row *rows, size_t n)
{
	size_t known = 0;

	for (size_t i = 0; zdh_kinds[i]; i++) {
		const struct kind_row *r = row_of(rows, n, zdh_kinds[i]->name);
		char fp[ZDH_OID_HEXSZ + 1];
		if (!r)
			return 0;
		kind_fingerprint(zdh_kinds[i], fp);
		if (!r->fingerprint || strcmp(r->fingerprint, fp))
			return 0;
		known++;
	}
	return known == n;
}

/* The kind k as this binary knows it: its objects made again, its records folded again. */
static int kind_refold(struct zdh_index *idx, const struct zdh_kind *k, const struct kind_row *row)
{
	struct zdh_buf sql = ZDH_BUF_INIT;
	int err;

	if (row && (err = drop_objects(idx, row->objects)))
		return err;
	zdh_buf_addf(&sql, "DROP VIEW IF EXISTS records_%s; DROP VIEW IF EXISTS facts_%s;",
		     k->name, k->name);
	kind_schema(&sql, k);
	if (k->index_sql)
		ix_add_kind_sql(&sql, k, k->index_sql);
	zdh_buf_puts(&sql, ix_stats_sql);
	err = ix_exec(idx, sql.ptr);
	zdh_buf_release(&sql);
	if (!err && !(err = ix_exec_bind(idx, "DELETE FROM records WHERE kind = ?1", k->name)) &&
	    !(err = ix_exec_bind(idx, "DELETE FROM facts WHERE kind = ?1", k->name)))
		err = fold_kind(idx, k);
	if (!err)
		ix_touch_all(idx, k);	/* its summaries are made again, of every record */
	return err;
}

int ix_kinds_refold(struct zdh_index *idx, const char *kind)
{
	struct kind_row *rows;
	size_t n;
	int err;

	if ((err = zdh_index_settle(idx)) || (err = kind_rows(idx, &rows, &n)))
		return err;
	ix_last_forget(idx);
	for (size_t i = 0; !err && zdh_kinds[i]; i++)
		if (!kind || !strcmp(kind, zdh_kinds[i]->name))
			err = kind_refold(idx, zdh_kinds[i], row_of(rows, n, zdh_kinds[i]->name));
	kind_rows_free(rows, n);
	return err;
}

/* A kind this binary does not know: its records go, its events are kept unfolded. */
static int kind_forget(struct zdh_index *idx, const struct kind_row *row)
{
	int err;

	if (!(err = drop_objects(idx, row->objects)) &&
	    !(err = ix_exec_bind(idx, "DELETE FROM records WHERE kind = ?1", row->name)) &&
	    !(err = ix_exec_bind(idx, "DELETE FROM facts WHERE kind = ?1", row->name)) &&
	    !(err = ix_exec_bind(idx, "UPDATE events SET effect = " UNKNOWN_KIND ", note = NULL"
			      " WHERE kind = ?1 AND effect IS NOT " INVALID,
			      row->name)))
		err = ix_exec_bind(idx, "DELETE FROM kinds WHERE name = ?1", row->name);
	return err;
}

/*
 * An index built by a zdh whose kinds differ from this one's (kinds
 * above): make each kind as this binary knows it, in one transaction,
 * when the index is opened.  Costs one small read when nothing changed.
 */
int ix_kinds_meet(struct zdh_index *idx)
{
	struct kind_row *rows;
	size_t n;
	int err, people = 0;

	if ((err = kind_rows(idx, &rows, &n)) || kinds_match(rows, n)) {
		kind_rows_free(rows, n);
		return err;
	}
	kind_rows_free(rows, n);
	if ((err = zdh_index_begin(idx)))
		return err;
	/* again inside the transaction: another process may have done it */
	err = kind_rows(idx, &rows, &n);
	for (size_t i = 0; !err && zdh_kinds[i]; i++) {
		const struct kind_row *r = row_of(rows, n, zdh_kinds[i]->name);
		char fp[ZDH_OID_HEXSZ + 1];
		kind_fingerprint(zdh_kinds[i], fp);
		if (!r || !r->fingerprint || strcmp(r->fingerprint, fp)) {
			err = kind_refold(idx, zdh_kinds[i], r);
			people |= !strcmp(zdh_kinds[i]->name, "person");
		}
	}
	for (size_t i = 0; !err && i < n; i++)
		if (!zdh_kind_find(rows[i].name))
			err = kind_forget(idx, &rows[i]);
	kind_rows_free(rows, n);
	/*
	 * The person kind differs (its version is the trust's, include/trust.h):
	 * the index was built by a zdh that judged signatures and roles
	 * otherwise, or not at all.  Every event is judged again now, not when
	 * the next person event arrives.
	 */
	if (!err && people)
		err = ix_trust_recheck(idx);
	if (!err)
		err = zdh_index_commit(idx);
	if (err)
		zdh_index_rollback(idx);
	return err;
}

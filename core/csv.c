/*
 * csv — reads CSV files record by record for import (see include/csv.h).
 * It only parses; what the columns mean is the importing kind's business.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "csv.h"
#include "error.h"
#include "i18n.h"

void zdh_csv_reader_init(struct zdh_csv_reader *r, FILE *f)
{
	r->f = f;
	r->line = 1;
	r->started = 0;
	r->bom = 0;
}

int zdh_csv_formula_like(const char *s, size_t n)
{
	size_t i = 1, digits = 0;

	/* (behind quotes of its own: '=x goes out as ''=x, and comes back) */
	for (; n && s[0] == '\''; s++, n--)
		;
	if (!n || !strchr("=+-@\t\r", s[0]) || !s[0])
		return 0;
	/* a plain number (-3, +2.50) is a number to a spreadsheet too: kept as it is */
	if (s[0] != '-' && s[0] != '+')
		return 1;
	for (; i < n && s[i] >= '0' && s[i] <= '9'; i++)
		digits++;
	if (i < n && s[i] == '.')
		for (i++; i < n && s[i] >= '0' && s[i] <= '9'; i++)
			digits++;
	return i < n || !digits;
}

void zdh_csv_row_clear(struct zdh_csv_row *row)
{
	free(row->fields);
	free(row->text);
	free(row->starts);
	row->fields = NULL;
	row->text = NULL;
	row->starts = NULL;
	row->n = row->len = row->text_alloc = row->alloc = 0;
}

/* One byte more of the field being read. */
static inline void put(struct zdh_csv_row *row, int c)
{
	if (row->len + 1 >= row->text_alloc) {
		row->text_alloc = row->text_alloc ? 2 * row->text_alloc : 256;
		row->text = zdh_realloc(row->text, row->text_alloc);
	}
	row->text[row->len++] = (char)c;
}

/*
 * End the field that started at start.  In a file that begins with the
 * byte-order mark (what --excel writes), the single quote --excel put
 * before a cell a spreadsheet would take for a formula is taken off
 * again (zdh_csv_formula_like): the cell comes back as it was.
 */
static void add_field(struct zdh_csv_row *row, size_t start, int bom)
{
	if (bom && row->len - start >= 2 && row->text[start] == '\'' &&
	    zdh_csv_formula_like(row->text + start + 1, row->len - start - 1)) {
		memmove(row->text + start, row->text + start + 1, row->len - start - 1);
		row->len--;
	}
	put(row, '\0');
	if (row->n == row->alloc) {
		row->alloc = row->alloc ? 2 * row->alloc : 16;
		row->starts = zdh_realloc(row->starts, row->alloc * sizeof(*row->starts));
		row->fields = zdh_realloc(row->fields, row->alloc * sizeof(*row->fields));
	}
	row->starts[row->n++] = start;
}

int zdh_csv_read(struct zdh_csv_reader *r, struct zdh_csv_row *row)
{
	int c, quoted = 0, after_quote = 0, err = 0;
	size_t size = 0, start = 0;

	row->n = row->len = 0;
	if (!r->started) {
		r->started = 1;
		if ((c = getc_unlocked(r->f)) == 0xEF) {
			if (getc_unlocked(r->f) != 0xBB || getc_unlocked(r->f) != 0xBF)
				return zdh_error_set(ZDH_EINVALID, _("not valid UTF-8 text"));
			r->bom = 1;
		} else if (c != EOF) {
			ungetc(c, r->f);
		}
	}
again:
	row->line = r->line;
	size = 0;
	start = row->len;
	while ((c = getc_unlocked(r->f)) != EOF) {
		/*
		 * A NUL would end the field as a C string (silently), and a file
		 * of them (/dev/zero) would never end a record: refused at once,
		 * as is a record longer than anyone types.
		 */
		if (c == '\0') {
			err = zdh_error_set(ZDH_EINVALID, _("a field contains a NUL byte"));
			goto done;
		}
		if (++size > ZDH_CSV_RECORD_MAX) {
			err = zdh_error_set(ZDH_EINVALID, _("a record longer than %d bytes"),
					    ZDH_CSV_RECORD_MAX);
			goto done;
		}
		if (quoted) {
			if (c == '"') {
				int d = getc_unlocked(r->f);
				if (d == '"') {
					put(row, '"');
					continue;
				}
				if (d != EOF)
					ungetc(d, r->f);
				quoted = 0;
				after_quote = 1;
			} else if (c == '\r') {
				int d = getc_unlocked(r->f);
				if (d == '\n') {
					/* a line break inside a field, as Excel writes it: keep it as LF */
					r->line++;
					put(row, '\n');
				} else {
					if (d != EOF)
						ungetc(d, r->f);
					put(row, '\r');
				}
			} else {
				if (c == '\n')
					r->line++;
				put(row, c);
			}
			continue;
		}
		if (c == ',') {
			add_field(row, start, r->bom);
			start = row->len;
			after_quote = 0;
		} else if (c == '\n' || c == '\r') {
			if (c == '\r') {
				int d = getc_unlocked(r->f);
				if (d != '\n' && d != EOF)
					ungetc(d, r->f);
			}
			r->line++;
			if (!row->n && row->len == start && !after_quote)
				goto again;	/* a blank line */
			add_field(row, start, r->bom);
			goto done;
		} else if (c == '"' && row->len == start && !after_quote) {
			quoted = 1;
		} else if (after_quote || c == '"') {
			err = zdh_error_set(ZDH_EINVALID, _("stray quote in a field"));
			goto done;
		} else {
			put(row, c);
		}
	}
	if (ferror(r->f)) {
		err = zdh_error_errno(ZDH_ERROR, _("cannot read the file"));
		goto done;
	}
	if (quoted) {
		err = zdh_error_set(ZDH_EINVALID, _("unterminated quoted field"));
		goto done;
	}
	if (row->len > start || row->n || after_quote)
		add_field(row, start, r->bom);
done:
	if (err) {
		zdh_csv_row_clear(row);
		return err;
	}
	for (size_t i = 0; i < row->n; i++)
		row->fields[i] = row->text + row->starts[i];
	return row->n ? 1 : 0;
}

/*
 * The Chinese names of the columns the imports read (issue, org and visit
 * import), as the interface names those fields in Chinese: the labels of
 * a show and the headers of a list's table (po/zh_CN.po; t1228 checks
 * they agree), so that a sheet headed 标题,居民区,类别 imports whatever
 * the locale.  Literal here: an English locale has loaded no catalogue.
 * A name means one column in every kind.  Here, not in words.c, so that
 * csv needs no module above it (t1320).
 */
static const struct column_word {
	const char *column, *zh, *alias;
} column_words[] = {
	{ "id", "编号", NULL },
	{ "title", "标题", NULL },
	{ "body", "正文", NULL },
	{ "area", "居民区", NULL },
	{ "category", "类别", NULL },
	{ "source", "来源", NULL },
	{ "reporter", "反映人", NULL },
	{ "location", "地点", NULL },
	{ "status", "状态", NULL },
	{ "dept", "部门", NULL },
	{ "assignee", "经办人", NULL },
	{ "due", "截止", NULL },
	{ "created", "创建于", NULL },
	{ "kind", "类型", NULL },
	{ "name", "名称", "姓名" },
	{ "district", "片区", NULL },
	{ "code", "代码", NULL },
	{ "date", "日期", NULL },
	{ "liaison", "联络员", NULL },
	{ "notes", "备注", "走访记录" },
	{ "raises", "提出的问题", NULL },
	{ "issue", "问题", NULL },
	{ NULL, NULL, NULL }
};

const char *zdh_csv_column_of(const char *name)
{
	if ((unsigned char)name[0] < 0x80)
		return NULL;
	for (const struct column_word *w = column_words; w->column; w++)
		if (!strcmp(w->zh, name) || (w->alias && !strcmp(w->alias, name)))
			return w->column;
	return NULL;
}

const char *zdh_csv_column_zh(const char *column)
{
	for (const struct column_word *w = column_words; w->column; w++)
		if (!strcmp(w->column, column))
			return w->zh;
	return NULL;
}

/* Does a header's field name column (in any case, or by its Chinese name)? */
static int names_column(const char *field, const char *column)
{
	const char *named;

	return !strcasecmp(field, column) || ((named = zdh_csv_column_of(field)) && !strcmp(named, column));
}

int zdh_csv_column(const struct zdh_csv_row *header, const char *name)
{
	for (size_t i = 0; i < header->n; i++)
		if (names_column(header->fields[i], name))
			return (int)i;
	return -1;
}

/* A column as a refusal names it: "title", under a Chinese catalogue "title/标题". */
static void column_named(struct zdh_buf *b, const char *column)
{
	const char *zh = zdh_i18n_chinese() ? zdh_csv_column_zh(column) : NULL;

	zdh_buf_addf(b, "%s%s%s", column, zh ? "/" : "", zh ? zh : "");
}

int zdh_csv_check_header(const struct zdh_csv_row *header, const char *const *known,
			 const char *const *required,
			 void (*report)(long line, const char *msg, void *payload), void *payload)
{
	struct zdh_buf list = ZDH_BUF_INIT, name = ZDH_BUF_INIT;
	int bad = 0;

	for (size_t k = 0; known[k]; k++) {
		if (k)
			zdh_buf_puts(&list, ", ");
		column_named(&list, known[k]);
	}
	for (size_t i = 0; i < header->n; i++) {
		size_t k;
		for (k = 0; known[k] && !names_column(header->fields[i], known[k]); k++)
			;
		if (!known[k]) {
			zdh_error_set(ZDH_EINVALID, _("unknown column '%s' (%s)"),
				      header->fields[i], list.ptr);
			report(header->line, zdh_error_msg(), payload);
			bad++;
		} else if (zdh_csv_column(header, known[k]) != (int)i) {
			/* the row's values of a second column were dropped (title and 标题 too) */
			zdh_error_set(ZDH_EINVALID, _("column '%s' given twice"), header->fields[i]);
			report(header->line, zdh_error_msg(), payload);
			bad++;
		}
	}
	for (size_t k = 0; required[k]; k++)
		if (zdh_csv_column(header, required[k]) < 0) {
			zdh_buf_reset(&name);
			column_named(&name, required[k]);
			zdh_error_set(ZDH_EINVALID, _("the header must name the column %s"), name.ptr);
			report(header->line, zdh_error_msg(), payload);
			bad++;
		}
	zdh_buf_release(&list);
	zdh_buf_release(&name);
	return bad;
}

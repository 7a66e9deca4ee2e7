/*
 * csv — parses CSV files for import (see include/csv.h).  It only parses;
 * what the columns mean is the importing kind's business.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "csv.h"
#include "error.h"
#include "i18n.h"

static void add_field(struct zdh_csv_row *row, struct zdh_buf *f)
{
	row->fields = zdh_realloc(row->fields, (row->n + 1) * sizeof(char *));
	row->fields[row->n++] = zdh_buf_detach(f);
}

static void add_row(struct zdh_csv *csv, struct zdh_csv_row *row)
{
	csv->rows = zdh_realloc(csv->rows, (csv->n + 1) * sizeof(*row));
	csv->rows[csv->n++] = *row;
	memset(row, 0, sizeof(*row));
}

int zdh_csv_parse(struct zdh_csv *out, const char *p, size_t len, long *errline)
{
	struct zdh_csv_row row = { NULL, 0, 1 };
	struct zdh_buf f = ZDH_BUF_INIT;
	const char *end = p + len;
	long line = 1;
	int quoted = 0, after_quote = 0, err = 0;

	memset(out, 0, sizeof(*out));
	if (len >= 3 && !memcmp(p, "\xEF\xBB\xBF", 3))
		p += 3;
	while (p < end) {
		char c = *p++;
		if (quoted) {
			if (c == '"') {
				if (p < end && *p == '"') {
					zdh_buf_addch(&f, '"');
					p++;
				} else {
					quoted = 0;
					after_quote = 1;
				}
			} else if (c == '\r' && p < end && *p == '\n') {
				/* a line break inside a field, as Excel writes it: keep it as LF */
				continue;
			} else {
				if (c == '\n')
					line++;
				zdh_buf_addch(&f, c);
			}
			continue;
		}
		if (c == ',') {
			add_field(&row, &f);
			after_quote = 0;
		} else if (c == '\n' || (c == '\r' && p < end && *p == '\n')) {
			if (c == '\r')
				p++;
			add_field(&row, &f);
			if (!(row.n == 1 && !row.fields[0][0] && !after_quote))
				add_row(out, &row);
			else {
				free(row.fields[0]);
				free(row.fields);
				memset(&row, 0, sizeof(row));
			}
			after_quote = 0;
			row.line = ++line;
		} else if (c == '"' && f.len == 0 && !after_quote) {
			quoted = 1;
		} else if (after_quote || c == '"') {
			*errline = line;
			err = zdh_error_set(ZDH_EINVALID, _("stray quote in a field"));
			goto done;
		} else {
			zdh_buf_addch(&f, c);
		}
	}
	if (quoted) {
		*errline = row.line;
		err = zdh_error_set(ZDH_EINVALID, _("unterminated quoted field"));
		goto done;
	}
	if (f.len || row.n || after_quote) {
		add_field(&row, &f);
		add_row(out, &row);
	}
done:
	zdh_buf_release(&f);
	if (err) {
		for (size_t i = 0; i < row.n; i++)
			free(row.fields[i]);
		free(row.fields);
		zdh_csv_free(out);
	}
	return err;
}

void zdh_csv_free(struct zdh_csv *csv)
{
	for (size_t r = 0; r < csv->n; r++) {
		for (size_t i = 0; i < csv->rows[r].n; i++)
			free(csv->rows[r].fields[i]);
		free(csv->rows[r].fields);
	}
	free(csv->rows);
	memset(csv, 0, sizeof(*csv));
}

int zdh_csv_column(const struct zdh_csv *csv, const char *name)
{
	if (!csv->n)
		return -1;
	for (size_t i = 0; i < csv->rows[0].n; i++)
		if (!strcasecmp(csv->rows[0].fields[i], name))
			return (int)i;
	return -1;
}

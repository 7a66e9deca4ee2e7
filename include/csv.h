/*
 * csv — reading RFC 4180 files for the import commands, one record at a
 * time so that an import's memory does not grow with the file: UTF-8 with
 * or without a BOM, quoted fields with commas, quotes and line breaks
 * (CRLF inside a field is read as LF), CRLF or LF between records, blank
 * lines skipped.  Each record knows the line it starts on.
 */
#ifndef ZDH_CSV_H
#define ZDH_CSV_H

#include <stddef.h>
#include <stdio.h>

/* A record's bytes at most (a NUL byte anywhere is refused too). */
#define ZDH_CSV_RECORD_MAX (1024 * 1024)

struct zdh_csv_row {
	char **fields;	/* into text: valid until the next read or clear */
	size_t n;
	long line;	/* 1-based line where the record starts */
	/*
	 * The reader's: the fields' text one after another, each ending in
	 * a NUL, and where each starts; kept from record to record, so that
	 * reading one allocates nothing (zdh_csv_row_clear() frees them).
	 */
	char *text;
	size_t len, text_alloc;
	size_t *starts;
	size_t alloc;
};

struct zdh_csv_reader {
	FILE *f;
	long line;
	int started;
	int bom;	/* the file began with the UTF-8 byte-order mark */
};

void zdh_csv_reader_init(struct zdh_csv_reader *r, FILE *f);
/*
 * Read the next record into row (cleared first): 1 for a record, 0 at the
 * end, ZDH_EINVALID for a stray or unterminated quote, a NUL byte or a
 * record longer than ZDH_CSV_RECORD_MAX (row->line is where),
 * ZDH_ERROR when the file cannot be read.  Fields are not checked for
 * UTF-8: the importer checks each, so that it can report every bad row.
 */
int zdh_csv_read(struct zdh_csv_reader *r, struct zdh_csv_row *row);
void zdh_csv_row_clear(struct zdh_csv_row *row);
/*
 * Whether the n bytes of s would be a formula to a spreadsheet (they begin
 * with =, +, -, @, a tab or a CR, and are not a plain number such as -3
 * or +2.50), after any single quotes of their own: what --excel writes
 * after one more single quote, so that a cell a peer wrote
 * (=HYPERLINK(...)) is shown as text, never run; an import of a file
 * beginning with the byte-order mark takes that quote off ('=x goes out
 * as ''=x and comes back as '=x).
 */
int zdh_csv_formula_like(const char *s, size_t n);
/*
 * Index of a header column (case-insensitive ASCII, or by its Chinese
 * name: 标题 is title, zdh_csv_column_of()), or -1.
 */
int zdh_csv_column(const struct zdh_csv_row *header, const char *name);
/*
 * The column of an import's CSV header a Chinese name names (标题: title,
 * in every locale), or NULL; and a column's Chinese name, or NULL.
 */
const char *zdh_csv_column_of(const char *name);
const char *zdh_csv_column_zh(const char *column);
/*
 * Report each header column not in known (a NULL-terminated list), each
 * named twice (title and 标题 too), and each column of required that is
 * missing; returns how many problems.  Under a Chinese catalogue the
 * columns are listed with their Chinese names (title/标题).
 */
int zdh_csv_check_header(const struct zdh_csv_row *header, const char *const *known,
			 const char *const *required,
			 void (*report)(long line, const char *msg, void *payload), void *payload);

#endif

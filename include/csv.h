/*
 * csv — reading RFC 4180 files for the import commands: UTF-8 with or
 * without a BOM, quoted fields with commas, quotes and line breaks, CRLF
 * or LF.  Each record knows the line it starts on, for error messages.
 */
#ifndef ZDH_CSV_H
#define ZDH_CSV_H

#include <stddef.h>

struct zdh_csv_row {
	char **fields;
	size_t n;
	long line;	/* 1-based line where the record starts */
};

struct zdh_csv {
	struct zdh_csv_row *rows;	/* rows[0] is the header */
	size_t n;
};

/*
 * Parse text (the whole file).  ZDH_EINVALID for an unterminated quote or
 * a stray quote, with *errline set to the line it was found on.  Fields are not checked for UTF-8:
 * the importer checks each, so that it can report every bad row.
 */
int zdh_csv_parse(struct zdh_csv *out, const char *text, size_t len, long *errline);
void zdh_csv_free(struct zdh_csv *csv);
/* Index of a header column (exact, case-insensitive ASCII), or -1. */
int zdh_csv_column(const struct zdh_csv *csv, const char *name);

#endif

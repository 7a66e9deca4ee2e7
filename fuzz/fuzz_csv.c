/*
 * fuzz_csv — libFuzzer target: the CSV reader (core/csv.c) on any bytes,
 * every record read to the end or the first error, header checks too.
 */
#include <stdint.h>
#include <stdio.h>

#include "csv.h"
#include "error.h"

static void report(long line, const char *msg, void *payload)
{
	(void)line;
	(void)msg;
	(void)payload;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const known[] = { "title", "body", "created", NULL };
	static const char *const required[] = { "title", NULL };
	struct zdh_csv_reader r;
	struct zdh_csv_row row = { NULL, 0, 1 };
	FILE *f;
	int rc, first = 1;

	if (!size || !(f = fmemopen((void *)data, size, "rb")))
		return 0;
	zdh_csv_reader_init(&r, f);
	while ((rc = zdh_csv_read(&r, &row)) > 0) {
		if (first)
			zdh_csv_check_header(&row, known, required, report, NULL);
		first = 0;
		for (size_t i = 0; i < row.n; i++)
			if (!row.fields[i])
				__builtin_trap();
	}
	zdh_csv_row_clear(&row);
	fclose(f);
	return 0;
}

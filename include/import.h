/*
 * import — the shared loop of the import commands: read a CSV file record
 * by record, check its header, hand each row to the kind inside one bulk
 * transaction, report every bad row with its line, and write nothing
 * unless every row passed.
 */
#ifndef ZDH_IMPORT_H
#define ZDH_IMPORT_H

#include <stdio.h>
#include "csv.h"
#include "store.h"

struct zdh_import {
	const char *const *columns;	/* the columns a file may have, NULL-terminated */
	const char *const *required;	/* those it must have */
	/* Add the events of one row; ZDH_EINVALID and friends for a bad row. */
	int (*row)(struct zdh_txn *txn, const struct zdh_csv_row *header,
		   const struct zdh_csv_row *row, void *ctx);
	void *ctx;
	void (*report)(long line, const char *msg, void *payload);
	void *payload;
};

/*
 * *count is the number of rows imported (0 when nothing was).  A record
 * that is not UTF-8 is reported as that ("not UTF-8 (try --encoding
 * gb18030)"), before its fields are judged; a header that is not stops
 * the import at once.
 */
int zdh_import_csv(struct zdh_repo *repo, FILE *in, const struct zdh_import *imp,
		   long long *count);

/*
 * Read all of *in as text in encoding (an iconv name: gb18030, gbk) and
 * make *in a temporary file of the same text in UTF-8 (the old one is
 * closed unless it is stdin).  ZDH_EINVALID for an unknown encoding or
 * bytes that are not text in it (naming name, the file as given, and the byte).
 */
int zdh_import_recode(FILE **in, const char *encoding, const char *name);

#endif

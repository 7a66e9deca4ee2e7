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

/* *count is the number of rows imported (0 when nothing was). */
int zdh_import_csv(struct zdh_repo *repo, FILE *in, const struct zdh_import *imp,
		   long long *count);

#endif

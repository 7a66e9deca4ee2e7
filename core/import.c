/*
 * import — reads a CSV file and feeds its rows to a kind (include/import.h).
 * The rows are checked as they are added, inside the open index
 * transaction, so a row may name what an earlier row of the same file
 * created; nothing is committed unless every row passed.
 */
#include "error.h"
#include "i18n.h"
#include "import.h"

int zdh_import_csv(struct zdh_repo *repo, FILE *in, const struct zdh_import *imp,
		   long long *count)
{
	struct zdh_csv_reader r;
	struct zdh_csv_row header = { NULL, 0, 1 }, row = { NULL, 0, 1 };
	struct zdh_txn *txn = NULL;
	long long n = 0;
	int bad = 0, err, rc;

	*count = 0;
	zdh_csv_reader_init(&r, in);
	if ((rc = zdh_csv_read(&r, &header)) < 0) {
		imp->report(header.line, zdh_error_msg(), imp->payload);
		return zdh_error_set(ZDH_EINVALID, _("not a CSV file; nothing imported"));
	}
	if (zdh_csv_check_header(&header, imp->columns, imp->required, imp->report, imp->payload)) {
		err = zdh_error_set(ZDH_EINVALID, _("bad header; nothing imported"));
		goto done;
	}
	if ((err = zdh_txn_begin_bulk(&txn, repo)))
		goto done;
	while ((rc = zdh_csv_read(&r, &row)) > 0) {
		if (row.n != header.n)
			err = zdh_error_set(ZDH_EINVALID, _("%zu fields, the header has %zu"),
					    row.n, header.n);
		else
			err = imp->row(txn, &header, &row, imp->ctx);
		if (err == ZDH_ERROR)
			goto done;
		if (err) {
			imp->report(row.line, zdh_error_msg(), imp->payload);
			bad++;
		} else {
			n++;
		}
	}
	if (rc < 0) {
		if (rc == ZDH_ERROR) {
			err = rc;
			goto done;
		}
		imp->report(row.line, zdh_error_msg(), imp->payload);
		bad++;
	}
	if (bad) {
		err = zdh_error_set(ZDH_EINVALID, ngettext("%d bad row; nothing imported",
							   "%d bad rows; nothing imported", bad), bad);
		goto done;
	}
	if (!(err = zdh_txn_commit(txn)))
		*count = n;
done:
	zdh_txn_free(txn);
	zdh_csv_row_clear(&header);
	zdh_csv_row_clear(&row);
	return err;
}

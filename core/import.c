/*
 * import — reads a CSV file and feeds its rows to a kind (include/import.h).
 * The rows are checked as they are added, inside the open index
 * transaction, so a row may name what an earlier row of the same file
 * created; nothing is committed unless every row passed.
 */
#include <errno.h>
#include <iconv.h>
#include <string.h>

#include <utf8proc.h>

#include "error.h"
#include "i18n.h"
#include "import.h"
#include "output.h"

/*
 * A file saved by Excel on Chinese Windows is GBK/GB18030: said so at the
 * first record that is not UTF-8, before its header or fields are judged
 * (an unknown column of mojibake would mislead).
 */
static int is_utf8(const char *s)
{
	utf8proc_ssize_t len = (utf8proc_ssize_t)strlen(s), n;
	utf8proc_int32_t cp;
	int plain;

	for (; len > 0; s += n, len -= n)
		if (!(n = zdh_utf8_plain((const unsigned char *)s, (size_t)len, &plain)) &&
		    (n = utf8proc_iterate((const utf8proc_uint8_t *)s, len, &cp)) <= 0)
			return 0;
	return 1;
}

/* (control characters are the kind's to name, with their column) */
static int utf8_row(const struct zdh_csv_row *row)
{
	for (size_t i = 0; i < row->n; i++)
		if (!is_utf8(row->fields[i]))
			return zdh_error_set(ZDH_EINVALID, _("not UTF-8 (try --encoding gb18030)"));
	return 0;
}

int zdh_import_recode(FILE **in, const char *encoding, const char *name)
{
	char ibuf[65536], obuf[4 * sizeof(ibuf)];
	size_t have = 0, n;
	long long offset = 0;
	iconv_t cd = iconv_open("UTF-8", encoding);
	FILE *out = NULL;
	int err = 0;

	if (cd == (iconv_t)-1)
		return zdh_error_set(ZDH_EINVALID,
				     _("unknown encoding '%s' (an iconv name: gb18030 or gbk for a file Excel saved "
				       "on Chinese Windows; 'iconv -l' lists them)"), encoding);
	if (!(out = tmpfile())) {
		err = zdh_error_errno(ZDH_ERROR, _("cannot make a temporary file"));
		goto done;
	}
	while ((n = fread(ibuf + have, 1, sizeof(ibuf) - have, *in)) > 0 || have) {
		char *ip = ibuf, *op = obuf;
		size_t ileft = have + n, oleft = sizeof(obuf);
		int eof = n == 0;

		if (iconv(cd, &ip, &ileft, &op, &oleft) == (size_t)-1 &&
		    (errno == EILSEQ || (errno == EINVAL && eof))) {
			/* named as a bad row is (FILE:LINE: ...), by its file */
			err = zdh_error_set(ZDH_EINVALID, _("%s: not %s text at byte %lld"), name, encoding,
					    offset + (long long)(ip - ibuf));
			goto done;
		}
		if (fwrite(obuf, 1, (size_t)(op - obuf), out) != (size_t)(op - obuf)) {
			err = zdh_error_errno(ZDH_ERROR, _("cannot write a temporary file"));
			goto done;
		}
		offset += ip - ibuf;
		memmove(ibuf, ip, ileft);	/* an incomplete sequence, finished by the next read */
		have = ileft;
	}
	if (ferror(*in)) {
		err = zdh_error_errno(ZDH_ERROR, _("cannot read the file"));
		goto done;
	}
	rewind(out);
	if (*in != stdin)
		fclose(*in);
	*in = out;
	out = NULL;
done:
	if (out)
		fclose(out);
	iconv_close(cd);
	return err;
}

static double trace_mark;

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
	if ((err = utf8_row(&header))) {
		imp->report(header.line, zdh_error_msg(), imp->payload);
		err = zdh_error_set(ZDH_EINVALID, _("the file is not UTF-8; nothing imported"));
		goto done;
	}
	if (zdh_csv_check_header(&header, imp->columns, imp->required, imp->report, imp->payload)) {
		err = zdh_error_set(ZDH_EINVALID, _("bad header; nothing imported"));
		goto done;
	}
	zdh_trace("import", NULL, &trace_mark);
	if ((err = zdh_txn_begin_bulk(&txn, repo)))
		goto done;
	zdh_trace("import", "begin", &trace_mark);
	while ((rc = zdh_csv_read(&r, &row)) > 0) {
		if ((err = utf8_row(&row)))
			;
		else if (row.n != header.n)
			err = zdh_error_set(ZDH_EINVALID, ngettext("%zu field, the header has %zu",
								   "%zu fields, the header has %zu",
								   (unsigned long)row.n), row.n, header.n);
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
	zdh_trace("import", "rows", &trace_mark);
	zdh_trace_thread("import rows, main thread");
	if (!(err = zdh_txn_commit(txn)))
		*count = n;
	zdh_trace("import", "commit", &trace_mark);
	zdh_trace_thread("import, main thread");
done:
	zdh_txn_free(txn);
	zdh_csv_row_clear(&header);
	zdh_csv_row_clear(&row);
	return err;
}

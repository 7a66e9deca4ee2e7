/*
 * common — helpers shared by the commands (see cmd/lib/common.h).
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common.h"
#include "conflict.h"
#include "lockfile.h"
#include "rules.h"
#include "index.h"
#include "import.h"
#include "json.h"
#include "issue.h"
#include "objects.h"
#include "org.h"
#include "output.h"
#include "person.h"
#include "store.h"
#include "trust.h"
#include "words.h"

void print_shown(FILE *f, const char *prefix, const char *text, int lines)
{
	struct zdh_buf b = ZDH_BUF_INIT;

	zdh_buf_puts(&b, prefix);
	zdh_text_shown(&b, text, strlen(text), lines);
	zdh_buf_addch(&b, '\n');
	fputs(b.ptr, f);
	zdh_buf_release(&b);
}

void print_warning(const char *prefix, const char *text)
{
	print_shown(stderr, prefix, text, 0);
}

void show_printf(const char *fmt, ...)
{
	struct zdh_buf b = ZDH_BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	zdh_buf_vaddf(&b, fmt, ap);
	va_end(ap);
	if (b.ptr) {
		/* (the format's own newlines kept: a line's end, a blank line after a header) */
		struct zdh_buf shown = ZDH_BUF_INIT;
		zdh_text_shown(&shown, b.ptr, b.len, 1);
		fputs(shown.ptr, stdout);
		zdh_buf_release(&shown);
	}
	zdh_buf_release(&b);
}

int report(int err)
{
	if (!err)
		return 0;
	print_shown(stderr, "zdh: ", zdh_error_msg(), 1);
	return zdh_exit_code(err);
}

void print_news(const char *line, void *payload)
{
	(void)payload;
	print_shown(stderr, "", line, 0);
}

int report_option(const char *option, int err)
{
	return report(zdh_error_about(option, err));
}

int usage_error(const char *usage, const char *fmt, ...)
{
	va_list ap;

	fputs("zdh: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	if (usage)
		fputs(_(usage), stderr);	/* zdh(1): the message, then the usage */
	return ZDH_EXIT_USAGE;
}

int open_repo(struct zdh_repo **repo)
{
	return report(zdh_repo_discover(repo));
}

int parse_date(struct zdh_time *out, const char *text, const struct zdh_repo *repo,
	       const char *option)
{
	int code;

	if (!text) {
		zdh_date_now(out, repo->timezone);
		return 0;
	}
	/* (a zone this machine cannot read is the repository's fault, not the option's) */
	if ((code = report(zdh_date_zone_valid(repo->timezone))))
		return code;
	return report_option(option, zdh_date_parse(out, text, repo->timezone));
}

int date_bounds(long long *lo, long long *hi, const char *from, const char *to,
		const struct zdh_repo *repo, int recorded)
{
	struct zdh_time t;
	long long start = 0;
	int code;

	if (from && (code = parse_date(&t, from, repo, recorded ? "--recorded-since" : "--since")))
		return code;
	if (from)
		*lo = start = t.t;
	if (to && (code = parse_date(&t, to, repo, recorded ? "--recorded-until" : "--until")))
		return code;
	if (to)
		*hi = t.t + (zdh_date_is_day(to) ? 86400 : 1);	/* --until today: all of it */
	/* an empty period is a typo (the two days swapped), not a question */
	if (from && to && *hi <= start)
		return report(recorded ?
			      zdh_error_set(ZDH_EINVALID, _("--recorded-until %s is before --recorded-since %s"), to, from) :
			      zdh_error_set(ZDH_EINVALID, _("--until %s is before --since %s"), to, from));
	return 0;
}

int date_future;

int parse_write_date(struct zdh_time *out, const char *text, const struct zdh_repo *repo)
{
	/* (refused by the write too, zdh_txn_begin(): here before a date is read in UTC) */
	int code = report(zdh_date_zone_valid(repo->timezone));

	if (!code)
		code = parse_date(out, text, repo, "--date");

	if (!code && text && !date_future)
		code = report_option("--date", zdh_date_check_future(out, text));
	return code;
}

int check_filter_record(struct zdh_index *idx, const char *kind, const char *id)
{
	int exists = 0, err;

	if (!id)
		return 0;
	if ((err = zdh_index_exists(idx, kind, id, &exists)))
		return report(err);
	if (exists)
		return 0;
	return report(zdh_kind_not_found(idx, kind, id));
}

int check_text(const char *what, const char *text)
{
	return text ? report(zdh_text_valid(what, text, strlen(text))) : 0;
}

const char *import_encoding;

int open_import(FILE **in, const char *path)
{
	int fd;

	*in = NULL;
	if (!strcmp(path, "-")) {
		*in = stdin;	/* read a record at a time, each bounded (core/csv.c) */
		return import_encoding ? report(zdh_import_recode(in, import_encoding, path)) : 0;
	}
	if ((fd = zdh_open_regular(path)) < 0) {
		if (errno == EINVAL)
			return report(zdh_error_set(ZDH_EINVALID, _("'%s' is not a regular file"), path));
		return report(zdh_error_errno(ZDH_EINVALID, _("cannot read '%s'"), path));
	}
	if (!(*in = fdopen(fd, "rb"))) {
		close(fd);
		return report(zdh_error_errno(ZDH_ERROR, _("cannot read '%s'"), path));
	}
	return import_encoding ? report(zdh_import_recode(in, import_encoding, path)) : 0;
}

int csv_excel;

void print_json(const json_t *json, int sort_keys)
{
	json_dumpf(json, stdout, JSON_INDENT(2) | (sort_keys ? JSON_SORT_KEYS : 0));
	putchar('\n');
}

void print_rows(json_t *json, struct zdh_table *t, int csv, int sort_keys, int no_header)
{
	if (json) {
		print_json(json, sort_keys);
	} else if (csv) {
		if (csv_excel) {
			fputs("\xef\xbb\xbf", stdout);	/* Excel on Chinese Windows reads UTF-8 then */
			zdh_table_excel(t);	/* a peer's =HYPERLINK(...) shown, not run */
		}
		zdh_table_print_csv(t, stdout);
	} else {
		zdh_pager_start();
		zdh_table_print(t, stdout, no_header);
	}
}

const char *pad_label(const char *label, size_t width)
{
	static struct zdh_buf b = ZDH_BUF_INIT;
	size_t w = zdh_utf8_width(label);

	zdh_buf_reset(&b);
	zdh_buf_puts(&b, label);
	for (; w < width; w++)
		zdh_buf_addch(&b, ' ');
	return b.ptr;
}

void show_label(const char *label, size_t width)
{
	fputs(pad_label(label, width), stdout);
}

void show_field(const char *label, size_t width, const char *value)
{
	show_label(label, width);
	print_shown(stdout, "", value, 0);
}

const char *show_time(struct zdh_buf *tmp, const char *s)
{
	struct zdh_time t;

	/* (the shape first: parse keeps an error message for what is no stamp) */
	if (!s || !zdh_i18n_chinese() || strlen(s) < 20 || s[4] != '-' || s[10] != 'T' ||
	    zdh_date_parse_rfc3339(&t, s))
		return s;
	zdh_buf_reset(tmp);
	zdh_date_shown(tmp, &t);
	return tmp->ptr;
}

const char *live_or_retired(int retired, int csv)
{
	const char *status = retired ? N_("retired") : N_("live");

	return csv ? status : _(status);
}

static struct show_line_entry *show_entry(struct show_lines *s, const char *label)
{
	struct show_line_entry *e;

	s->v = zdh_realloc(s->v, (s->n + 1) * sizeof(*s->v));
	e = &s->v[s->n++];
	e->label = zdh_strdup(label);
	e->value = NULL;
	e->rows = NULL;
	return e;
}

void show_line(struct show_lines *s, const char *label, const char *value)
{
	if (value)
		show_entry(s, label)->value = zdh_strdup(value);
}

void show_linef(struct show_lines *s, const char *label, const char *fmt, ...)
{
	struct zdh_buf b = ZDH_BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	zdh_buf_vaddf(&b, fmt, ap);
	va_end(ap);
	show_line(s, label, b.ptr ? b.ptr : "");
	zdh_buf_release(&b);
}

struct zdh_table *show_rows(struct show_lines *s, const char *label, size_t ncols)
{
	return show_entry(s, label)->rows = zdh_table_new(ncols);
}

/* the rows of t, each after the padded label (the first) or as many spaces */
static void print_rows_under(struct zdh_table *t, const char *label, size_t width, size_t indent)
{
	char *text = NULL, *p, *nl;
	size_t size = 0;
	FILE *mem = open_memstream(&text, &size);

	if (!mem) {	/* out of memory: the rows as a table of their own */
		printf("%*s%s\n", (int)indent, "", label);
		zdh_table_print(t, stdout, 1);
		return;
	}
	zdh_table_print(t, mem, 1);
	fclose(mem);
	if (!text)
		return;
	for (p = text; *p; p = *nl ? nl + 1 : nl) {
		if (!(nl = strchr(p, '\n')))
			nl = p + strlen(p);
		printf("%*s%s%.*s\n", (int)indent, "", pad_label(p == text ? label : "", width),
		       (int)(nl - p), p);
	}
	free(text);
}

void show_lines_print(struct show_lines *s)
{
	size_t i, w, width = s->min;

	for (i = 0; i < s->n; i++)
		if (!s->v[i].rows || zdh_table_rows(s->v[i].rows))
			if ((w = zdh_utf8_width(s->v[i].label) + 1) > width)
				width = w;
	for (i = 0; i < s->n; i++) {
		struct show_line_entry *e = &s->v[i];
		if (e->rows) {
			print_rows_under(e->rows, e->label, width, s->indent);
			zdh_table_free(e->rows);
		} else {
			printf("%*s%s", (int)s->indent, "", pad_label(e->label, width));
			print_shown(stdout, "", e->value, 0);
			free(e->value);
		}
		free(e->label);
	}
	free(s->v);
	s->v = NULL;
	s->n = 0;
}

void show_line_json(struct show_lines *s, const char *label, const json_t *v)
{
	if (json_is_string(v))
		show_line(s, label, json_string_value(v));
	else if (json_is_integer(v))
		show_linef(s, label, "%lld", (long long)json_integer_value(v));
}

/* "(7 bytes)", in the user's language with its plural */
static char *attachment_size(const json_t *attachment)
{
	long long size = (long long)json_integer_value(json_object_get(attachment, "size"));

	return zdh_asprintf(ngettext("(%lld byte)", "(%lld bytes)", (unsigned long)size), size);
}

void show_attachments(struct show_lines *s, const char *label, const json_t *attachments)
{
	struct zdh_table *t = show_rows(s, label, 2);
	json_t *v;
	size_t i;

	json_array_foreach(attachments, i, v) {
		char *size = attachment_size(v);
		const char *cells[2] = { json_string_value(json_object_get(v, "name")), size };
		zdh_table_row(t, cells);
		free(size);
	}
}

const char *list_sep(void)
{
	/* TRANSLATORS: between the items of a list, "理事长、理事": Chinese takes "、" */
	return _(", ");
}

void list_join(struct zdh_buf *b, const json_t *list)
{
	json_t *v;
	size_t i;

	json_array_foreach(list, i, v)
		zdh_buf_addf(b, "%s%s", i ? list_sep() : "", json_string_value(v));
}

void list_cell(struct zdh_buf *b, const json_t *list, int csv)
{
	json_t *v;
	size_t i;

	if (!csv) {
		list_join(b, list);
		return;
	}
	json_array_foreach(list, i, v)
		zdh_buf_addf(b, "%s%s", i ? "," : "", json_string_value(v));
}

void charter_majorities(struct zdh_buf *b, const json_t *majority, const char *sep)
{
	size_t n = json_object_size(majority), i = 0;
	const char **types = zdh_calloc(n ? n : 1, sizeof(*types));
	const char *k;
	json_t *v;

	json_object_foreach((json_t *)majority, k, v)
		types[i++] = k;
	qsort(types, n, sizeof(*types), zdh_strcmp_p);
	for (i = 0; i < n; i++) {
		v = json_object_get(majority, types[i]);
		zdh_buf_addf(b, "%s%s %s", i ? sep : "", zdh_word_label(ZDH_W_DECISION_TYPE, types[i]),
			     json_is_string(v) ? zdh_word_label(ZDH_W_MAJORITY, json_string_value(v)) : "?");
	}
	free(types);
}

void show_attachment(const json_t *attachment)
{
	const char *name = json_string_value(json_object_get(attachment, "name"));
	char *size = attachment_size(attachment);

	show_printf("%s  %s\n", name ? name : "", size);
	free(size);
}

int finish_output(int code)
{
	if (zdh_stdout_close() < 0) {
		fprintf(stderr, "zdh: %s\n", zdh_error_msg());
		return code ? code : ZDH_EXIT_FATAL;
	}
	return code;
}

int finish_id_written(const char *id)
{
	char *done;
	int code;

	/* TRANSLATORS: XQ-4 written (then ", but cannot write to standard output: ...") */
	done = id ? zdh_asprintf(_("%s written"), id) : zdh_strdup(_("written"));
	code = finish_written(done);
	free(done);
	return code;
}

int finish_written_code(int code, const char *done)
{
	int c;

	if (!done)
		return finish_output(code);
	c = finish_written(done);
	return code ? code : c;
}

int finish_written(const char *done)
{
	char *line, *what;

	if (!zdh_stdout_close())
		return 0;
	/* (a summary's line says what was written without its newline) */
	what = zdh_strndup(done, strcspn(done, "\n"));
	/* TRANSLATORS: XQ-4 written, but cannot write to standard output: No space left on device */
	line = zdh_asprintf(C_("a write whose output failed: what was written, but why", "%s, but %s"),
			    what, zdh_error_msg());
	free(what);
	fprintf(stderr, "zdh: %s\n", line);
	free(line);
	return ZDH_EXIT_UNPRINTED;
}

int write_attachment(struct zdh_repo *repo, const char *blob_id, const char *path)
{
	struct zdh_buf blob = ZDH_BUF_INIT;
	int code;

	if ((code = report(zdh_objects_read_blob(&blob, repo, blob_id))))
		goto done;
	if (path && strcmp(path, "-")) {
		/* as every -o FILE: written beside it and renamed, a device as it is */
		int r = zdh_write_output(path, blob.ptr, blob.len);
		if (r < 0)
			code = report(zdh_write_output_failed(r, path));
	} else {
		if (fwrite(blob.ptr, 1, blob.len, stdout) != blob.len)
			code = report(zdh_error_errno(ZDH_ERROR, _("cannot write the attachment")));
		code = finish_output(code);
	}
done:
	zdh_buf_release(&blob);
	return code;
}

int write_named_attachment(struct zdh_repo *repo, const char *id, const json_t *list,
			   const char *name, const char *path)
{
	struct zdh_buf names = ZDH_BUF_INIT;
	const char *blob_id = NULL;
	const json_t *v;
	size_t i;
	int code;

	json_array_foreach(list, i, v) {
		const char *n = json_string_value(json_object_get(v, "name"));
		const json_t *w;
		size_t j;
		if (!n)
			continue;
		/* each name once, where it first comes */
		json_array_foreach(list, j, w)
			if (j >= i || !strcmp(json_string_value(json_object_get(w, "name")) ?
					     json_string_value(json_object_get(w, "name")) : "", n))
				break;
		if (j == i)
			zdh_buf_addf(&names, "%s%s", names.len ? ", " : "", n);
		if (!strcmp(n, name) && json_is_string(json_object_get(v, "id")))
			blob_id = json_string_value(json_object_get(v, "id"));
	}
	if (blob_id)
		code = write_attachment(repo, blob_id, path);
	else
		code = report(names.len ?
			      zdh_error_set(ZDH_ENOTFOUND, _("%s has no attachment '%s' (%s)"),
					    id, name, names.ptr) :
			      zdh_error_set(ZDH_ENOTFOUND, _("%s has no attachments"), id));
	zdh_buf_release(&names);
	return code;
}

/* --format json given: --excel refuses it (the parser refuses --json with --format) */
static int format_json;

int opt_list_format(struct opt_ctx *ctx, const struct opt *o, const char *arg)
{
	struct listing *l = o->value;

	(void)ctx;
	if (strcmp(arg, "csv") && strcmp(arg, "table") && strcmp(arg, "json"))
		return opt_usage_error(_("unknown format '%s' (table, csv or json)"), arg);
	/* json: the same as --json, as report's --format json is */
	if (!strcmp(arg, "json") && csv_excel)
		return opt_usage_error(_("--excel and --format json cannot be used together"));
	l->csv = !strcmp(arg, "csv") || csv_excel;
	l->json = format_json = !strcmp(arg, "json");
	return 0;
}

int opt_list_excel(struct opt_ctx *ctx, const struct opt *o, const char *arg)
{
	struct listing *l = o->value;

	(void)ctx, (void)arg;
	if (format_json)
		return opt_usage_error(_("--excel and --format json cannot be used together"));
	l->csv = 1;
	csv_excel = 1;
	return 0;
}

int opt_excel(struct opt_ctx *ctx, const struct opt *o, const char *arg)
{
	(void)ctx, (void)arg;
	*(int *)o->value = 1;
	csv_excel = 1;
	return 0;
}

char *upcase_id(char *s)
{
	return zdh_id_fold(s);	/* xq-1 and ＸＱ－１ are XQ-1 */
}

int check_satisfaction(const char *s)
{
	if (s && (strlen(s) != 1 || s[0] < '1' || s[0] > '5'))
		return report(zdh_error_set(ZDH_EINVALID, _("satisfaction is 1 to 5, not '%s'"), s));
	return 0;
}

int overdue_since(char today[11], struct zdh_time *stale, const struct zdh_repo *repo)
{
	long long days;
	int code;

	if ((code = report(zdh_issue_overdue_days(&days, repo))))
		return code;
	zdh_date_now(stale, repo->timezone);
	zdh_issue_day(today, stale);
	stale->t -= days * 86400;
	return 0;
}

int open_index(struct zdh_repo **repo, struct zdh_index **idx)
{
	int code;

	if ((code = open_repo(repo)))
		return code;
	return report(zdh_repo_index(idx, *repo));
}

int month_arg(const char **month, const struct zdh_repo *repo)
{
	static char ym[8];
	int code;

	if (!*month)
		return 0;
	if ((code = report_option("--month", zdh_date_month(ym, *month, repo->timezone))))
		return code;
	*month = ym;
	return 0;
}

int org_arg(char **out, struct zdh_index *idx, const char *given, const char *kind)
{
	*out = NULL;
	return given ? report(zdh_issue_org_name(out, idx, given, kind)) : 0;
}

int org_arg_id(char **out, char **id, struct zdh_index *idx, const char *given, const char *kind)
{
	*out = *id = NULL;
	return given ? report(zdh_issue_org_name_id(out, id, idx, given, kind)) : 0;
}

struct attached {
	char *name;
	struct zdh_buf data;
};

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');
	return s ? s + 1 : path;
}

/* Read the --attach files, within zdh.attachment-max; 0 or an exit code. */
static int read_attachments(struct attached **out, const struct opt_list *files,
			    const struct zdh_repo *repo)
{
	struct attached *list = zdh_calloc(files->n + 1, sizeof(*list));
	long long max;

	*out = list;
	if (!files->n)
		return 0;
	if (zdh_config_get_int(&max, repo->config, "zdh.attachment-max", ZDH_ISSUE_ATTACHMENT_MAX))
		return report(zdh_error_set(ZDH_EINVALID, _("zdh.attachment-max is not a size")));
	if (max < 0 || max > ZDH_ATTACHMENT_HARD_MAX)
		max = ZDH_ATTACHMENT_HARD_MAX;
	for (size_t i = 0; i < files->n; i++) {
		struct stat st;
		int fd, r;
		zdh_buf_init(&list[i].data);
		list[i].name = zdh_strdup(base_name(files->v[i]));
		/* a regular file only, read no further than the limit (not /dev/zero, not a FIFO) */
		if ((fd = zdh_open_regular(files->v[i])) < 0) {
			if (errno == EINVAL)
				return report(zdh_error_set(ZDH_EINVALID, _("'%s' is not a regular file"),
							    files->v[i]));
			return report(zdh_error_errno(ZDH_EINVALID, _("cannot read '%s'"), files->v[i]));
		}
		if (!fstat(fd, &st) && st.st_size > max) {
			close(fd);
			return report(zdh_error_set(ZDH_EINVALID, _("%s is %lld bytes; the limit is %lld"),
						    files->v[i], (long long)st.st_size, max));
		}
		r = zdh_buf_read_fd_max(&list[i].data, fd, (size_t)max);
		if (r < 0 && errno == EFBIG) {	/* it grew meanwhile */
			close(fd);
			return report(zdh_error_set(ZDH_EINVALID, _("%s is more than %lld bytes; the limit is %lld"),
						    files->v[i], max, max));
		}
		if (r < 0) {
			r = zdh_error_errno(ZDH_EINVALID, _("cannot read '%s'"), files->v[i]);
			close(fd);
			return report(r);
		}
		close(fd);
	}
	return 0;
}

static void attachments_free(struct attached *list, size_t n)
{
	for (size_t i = 0; list && i < n; i++) {
		free(list[i].name);
		zdh_buf_release(&list[i].data);
	}
	free(list);
}

/* zdh_trust_naming()'s name: an org as it is called now. */
static const char *org_name(void *idx, const char *id)
{
	return zdh_org_label(idx, id);
}

int write_run(const struct write_opts *w, write_cb fn, void *payload)
{
	struct zdh_repo *repo = NULL;
	struct zdh_txn *txn = NULL;
	struct attached *files = NULL;
	struct zdh_time date;
	char *id = NULL;
	int code, err = 0;

	zdh_index_short_command();
	if ((code = open_repo(&repo)))
		return code;
	if ((code = parse_write_date(&date, w->date, repo)))
		goto done;
	if ((code = read_attachments(&files, &w->attach, repo)))
		goto done;
	if ((code = report(zdh_txn_begin(&txn, repo))))
		goto done;
	for (size_t i = 0; i < w->attach.n && !err; i++)
		err = zdh_txn_attach(txn, files[i].name, files[i].data.ptr, files[i].data.len);
	/* a refusal by the roles names orgs by name, roles by their words (trust.h) */
	zdh_trust_naming(org_name, zdh_txn_index(txn));
	if (!err)
		err = fn(txn, &date, payload, &id);
	zdh_trust_naming(NULL, NULL);
	if (!err)
		err = zdh_txn_commit(txn);
	if ((code = report(err)))
		goto done;
	if (w->print_id && id)
		printf("%s\n", id);
	/* a write of people, keys or roles: the events held it refused, or let take effect */
	if (zdh_conflicts_trust_news(zdh_txn_index(txn), print_news, NULL))
		zdh_warn("%s", zdh_error_msg());	/* (written all the same) */
	code = finish_id_written(id);
done:
	free(id);
	attachments_free(files, w->attach.n);
	zdh_txn_free(txn);
	zdh_repo_free(repo);
	return code;
}

void listing_start_csv(struct listing *l, size_t ncols, const char *const *header,
		       size_t ncsv, const char *const *csv_header)
{
	const char **cells;

	if (l->json) {
		l->rows = json_array();
		return;
	}
	if (l->csv && csv_header) {
		l->ncols = ncsv;
		l->t = zdh_table_new(ncsv);
		zdh_table_header(l->t, csv_header);
		return;
	}
	l->ncols = ncols;
	l->t = zdh_table_new(ncols);
	if (!header)
		return;
	/* CSV: the English name in lower case, whatever the language; a table: translated */
	cells = zdh_calloc(ncols ? ncols : 1, sizeof(*cells));
	for (size_t i = 0; i < ncols; i++) {
		char *c = !header[i] ? NULL : zdh_strdup(l->csv || !*header[i] ? header[i] : _(header[i]));
		for (char *p = c; p && *p && l->csv; p++)
			*p = (char)tolower((unsigned char)*p);
		cells[i] = c;
	}
	zdh_table_header(l->t, cells);
	for (size_t i = 0; i < ncols; i++)
		free((char *)cells[i]);
	free(cells);
}

void listing_start(struct listing *l, size_t ncols, const char *const *header)
{
	listing_start_csv(l, ncols, header, 0, NULL);
}

int listing_conflicts(struct listing *l, struct zdh_index *idx, const char *kind)
{
	return conflict_marks_load(&l->marks, idx, kind);
}

void listing_add(struct listing *l, const char *const *cells, json_t *obj)
{
	const char *id = NULL;
	const char **marked = NULL;
	char *mark = NULL;

	if (l->marks.fields) {
		id = obj ? json_string_value(json_object_get(obj, "id")) : cells ? cells[0] : NULL;
		if (conflict_marks_skip(&l->marks, id)) {
			if (obj)
				json_decref(obj);
			return;
		}
	}
	if (l->rows) {
		if (l->marks.fields)
			conflict_marks_json(&l->marks, obj, id);
		json_array_append_new(l->rows, obj);
		return;
	}
	if (obj)
		json_decref(obj);
	if (l->marks.fields && !l->csv && conflict_marks_of(&l->marks, id)) {
		marked = zdh_calloc(l->ncols ? l->ncols : 1, sizeof(*marked));
		memcpy(marked, cells, l->ncols * sizeof(*marked));
		marked[0] = conflict_marks_id(&l->marks, id, &mark);
		cells = marked;
	}
	zdh_table_row(l->t, cells);
	free(mark);
	free(marked);
}

void listing_free(struct listing *l)
{
	if (l->t)
		zdh_table_free(l->t);
	if (l->rows)
		json_decref(l->rows);
	conflict_marks_free(&l->marks);
	l->t = NULL;
	l->rows = NULL;
}

int listing_finish(struct listing *l, int sort_keys)
{
	print_rows(l->rows, l->t, l->csv, sort_keys, l->no_header);
	listing_free(l);
	return finish_output(0);
}

static void report_row(long line, const char *msg, void *payload)
{
	fprintf(stderr, "zdh: %s:%ld: %s\n", (const char *)payload, line, msg);
}

int run_import(const char *file, const char *date_text, import_fn fn, const char *done_one, const char *done_many)
{
	struct zdh_repo *repo = NULL;
	FILE *in = NULL;
	struct zdh_time date;
	long long count = 0;
	int code;

	zdh_index_bulk_command();
	zdh_json_bulk_memory();
	if ((code = open_repo(&repo)))
		return code;
	if ((code = parse_write_date(&date, date_text, repo)))
		goto done;
	if ((code = open_import(&in, file)))
		goto done;
	if ((code = report(fn(repo, in, &date, date_future, &count, report_row, (void *)file))))
		goto done;
	{
		char *line = zdh_asprintf(zdh_plural(1, done_one, done_many, count), count);
		/* (the summary's line says what was written, finish_written()) */
		printf("%s\n", line);
		code = finish_written(line);
		free(line);
	}
done:
	if (in && in != stdin)
		fclose(in);
	zdh_repo_free(repo);
	return code;
}

/* ---- who signed (zdh-person(1)) ---- */

static struct {
	int loaded;
	struct zdh_keyring *ring;	/* NULL when no person has a key */
} signers;

void signer_describe(struct zdh_index *idx, const struct zdh_event_row *r, struct zdh_buf *text,
		     json_t *obj)
{
	static const char *const words[] = { "unsigned", "bad", "unknown", "revoked", "good",
					     "not-yet-valid" };
	const char *person, *name;
	enum zdh_sig_status st;
	struct zdh_when w;

	if (!signers.loaded) {
		signers.loaded = 1;
		if (zdh_keyring_load(&signers.ring, idx) || !zdh_keyring_active(signers.ring)) {
			zdh_keyring_free(signers.ring);
			signers.ring = NULL;
		}
		zdh_error_clear();
	}
	if (!signers.ring)
		return;
	w.recorded = r->recorded;
	w.clock = r->clock;
	w.replica = r->replica;
	w.id = r->id;
	st = zdh_event_signature(zdh_index_repo(idx), signers.ring, &w, &person, &name);
	if (obj) {
		json_t *sig = json_object();
		json_object_set_new(sig, "status", json_string(words[st]));
		if (person) {
			json_object_set_new(sig, "person", json_string(person));
			json_object_set_new(sig, "name", json_string(name ? name : ""));
		}
		json_object_set_new(obj, "signature", sig);
	}
	if (text) {
		if (text->len)
			zdh_buf_puts(text, "  ");
		if (st == ZDH_SIG_GOOD)
			zdh_buf_addf(text, _("signed by %s (%s)"), name ? name : "", person);
		else if (person)
			zdh_buf_addf(text, C_("a signature's status, then the person whose key signed",
					      "%s (%s)"), zdh_sig_status_text(st), person);
		else
			zdh_buf_puts(text, zdh_sig_status_text(st));
	}
}

void actor_shown(struct zdh_buf *who, const struct zdh_event_row *r, struct zdh_index *idx)
{
	zdh_writer_shown(who, r->actor_name, r->actor_dept, r->replica,
			 idx ? zdh_index_repo(idx)->replica : NULL);
}

json_t *history_event_json(const struct zdh_event_row *r, const json_t *ev, const char *conflict,
			   struct zdh_index *signers)
{
	json_t *h = json_object();
	struct zdh_time rt = { r->recorded, r->recorded_off };
	struct zdh_buf rb = ZDH_BUF_INIT;

	zdh_date_rfc3339(&rb, &rt);
	json_object_set_new(h, "id", json_string(r->id));
	json_object_set_new(h, "op", json_string(r->op));
	json_object_set(h, "date", json_object_get(ev, "date"));
	json_object_set_new(h, "recorded", json_string(rb.ptr));
	json_object_set(h, "actor", json_object_get(ev, "actor"));
	json_object_set(h, "data", json_object_get(ev, "data"));
	json_object_set_new(h, "effect", json_boolean(r->effect == ZDH_EFFECT_APPLIED));
	if (r->effect == ZDH_EFFECT_INVALID)
		json_object_set_new(h, "invalid", json_true());
	if (r->note)
		json_object_set_new(h, "note", zdh_word_note_json(r->note));
	if (conflict)
		json_object_set_new(h, "conflict", json_string(conflict));
	if (signers)
		signer_describe(signers, r, NULL, h);
	zdh_buf_release(&rb);
	return h;
}

void signer_forget(void)
{
	zdh_keyring_free(signers.ring);
	signers.ring = NULL;
	signers.loaded = 0;
}

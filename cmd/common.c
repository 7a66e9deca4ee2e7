/*
 * common — helpers shared by the commands (see cmd/common.h).
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "output.h"

int report(int err)
{
	if (!err)
		return 0;
	fprintf(stderr, "zdh: %s\n", zdh_error_msg());
	return zdh_exit_code(err);
}

/* "zdh org" from "usage: zdh org add --kind KIND NAME ...". */
static void command_of(struct zdh_buf *out, const char *usage)
{
	const char *p = strstr(usage, "zdh");
	int words = 0;

	while (p && *p && *p != '\n' && words < 2) {
		const char *end = p + strcspn(p, " \n");
		if (*p == '[' || *p == '-' || (*p >= 'A' && *p <= 'Z'))
			break;
		if (out->len)
			zdh_buf_addch(out, ' ');
		zdh_buf_add(out, p, (size_t)(end - p));
		words++;
		p = *end == ' ' ? end + 1 : end;
	}
}

int usage_error(const char *usage, const char *fmt, ...)
{
	struct zdh_buf cmd = ZDH_BUF_INIT;
	va_list ap;

	fputs("zdh: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	if (usage) {
		command_of(&cmd, usage);
		fprintf(stderr, _(" (see '%s -h')"), cmd.ptr);
	}
	fputc('\n', stderr);
	zdh_buf_release(&cmd);
	return ZDH_EXIT_USAGE;
}

int usage_help(const char *usage)
{
	fputs(_(usage), stdout);
	return finish_output(0);
}

int usage_help_verb(const char *usage, const char *noun, const char *verb)
{
	const char *text = _(usage), *line = text;
	char *want = zdh_asprintf("zdh %s %s ", noun, verb);
	size_t n = strlen(want);

	while (*line) {
		const char *eol = strchr(line, '\n');
		const char *p = strstr(line, "zdh ");
		size_t len = eol ? (size_t)(eol - line) : strlen(line);

		if (p && p < line + len && !strncmp(p, want, n))
			printf("usage: %.*s\n", (int)(line + len - p), p);
		line += len + (eol ? 1 : 0);
	}
	free(want);
	return finish_output(0);
}

void options_reset(void)
{
	optind = 0;	/* glibc: 0 re-initialises getopt completely */
	opterr = 0;
}

int run_verb(const char *noun, const struct verb *verbs, const char *usage,
	     int argc, char **argv)
{
	if (argc < 2)
		return usage_error(usage, _("'zdh %s' needs a subcommand"), noun);
	if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help"))
		return usage_help(usage);
	for (const struct verb *v = verbs; v->name; v++)
		if (!strcmp(v->name, argv[1]))
			return v->fn(argc - 1, argv + 1);
	return usage_error(usage, _("unknown subcommand 'zdh %s %s'"), noun, argv[1]);
}

int open_repo(struct zdh_repo **repo)
{
	return report(zdh_repo_discover(repo));
}

int parse_date(struct zdh_time *out, const char *text, const struct zdh_repo *repo)
{
	if (!text) {
		zdh_date_now(out, repo->timezone);
		return 0;
	}
	return report(zdh_date_parse(out, text, repo->timezone));
}

int check_text(const char *what, const char *text)
{
	if (text && !zdh_utf8_valid(text, strlen(text)))
		return report(zdh_error_set(ZDH_EINVALID, _("%s is not valid UTF-8 text"), what));
	return 0;
}

void print_rows(json_t *json, struct zdh_table *t, int csv, int sort_keys, int no_header)
{
	if (json) {
		json_dumpf(json, stdout, JSON_INDENT(2) | (sort_keys ? JSON_SORT_KEYS : 0));
		putchar('\n');
	} else if (csv) {
		zdh_table_print_csv(t, stdout);
	} else {
		zdh_pager_start();
		zdh_table_print(t, stdout, no_header);
	}
}

int finish_output(int code)
{
	if (zdh_stdout_close() < 0) {
		fprintf(stderr, "zdh: %s\n", zdh_error_msg());
		return code ? code : ZDH_EXIT_FATAL;
	}
	return code;
}

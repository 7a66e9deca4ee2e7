/*
 * zdh person — the people allowed to sign events and their keys: add,
 * key add, key revoke, list, show, allowed-signers.
 */
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "index.h"
#include "output.h"
#include "person.h"
#include "sign.h"
#include "store.h"

static const char usage[] =
	N_("usage: zdh person add NAME --email EMAIL [--key FILE] [--date DATE]\n"
	   "   or: zdh person key add ID --key FILE [--date DATE]\n"
	   "   or: zdh person key revoke ID --key FILE [--date DATE]\n"
	   "   or: zdh person list [--json | --format csv]\n"
	   "   or: zdh person show ID [--json]\n"
	   "   or: zdh person allowed-signers\n");

enum { OPT_EMAIL = 256, OPT_KEY, OPT_DATE, OPT_JSON, OPT_FORMAT, OPT_AHEAD, OPT_BOM };

static const struct option all_opts[] = {
	{ "email", required_argument, NULL, OPT_EMAIL },
	{ "key", required_argument, NULL, OPT_KEY },
	{ "date", required_argument, NULL, OPT_DATE },
	{ "future", no_argument, NULL, OPT_AHEAD },
	{ "excel", no_argument, NULL, OPT_BOM },
	{ "json", no_argument, NULL, OPT_JSON },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

struct args {
	const char *email, *key, *date, *format;
	int json;
	int argc;
	char **argv;
};

/* Letters for allowed options: A email, B key, C date, D json, E format. */
#define O_EMAIL "A"
#define O_KEY "B"
#define O_DATE "C"
#define O_JSON "D"
#define O_FORMAT "E"

/* verb is what -h prints the usage of ("add", "key"); 0, -1 after -h, or an exit code. */
static int parse(struct args *a, int argc, char **argv, const char *verb, const char *allowed,
		 int nargs)
{
	int c;

	memset(a, 0, sizeof(*a));
	options_reset();
	while ((c = getopt_long(argc, argv, "h", all_opts, NULL)) != -1) {
		if (c == 'h' && !strcmp(verb, "allowed-signers"))	/* (a line with no option) */
			return printf("usage: zdh person allowed-signers\n") < 0 ||
				finish_output(0) ? ZDH_EXIT_FATAL : -1;
		if (c == 'h')
			return usage_help_verb(usage, "person", verb) ? ZDH_EXIT_FATAL : -1;
		if (c == OPT_AHEAD && strchr(allowed, *O_DATE)) {
			date_future = 1;	/* a write's --date may be ahead */
			continue;
		}
		if (c == OPT_BOM && strchr(allowed, *O_FORMAT)) {
			csv_excel = 1;		/* CSV with the byte-order mark */
			a->format = "csv";
			continue;
		}
		if (c == '?' || !strchr(allowed, c < 256 ? c : 'A' + (c - 256)))
			return usage_error(usage, _("unknown option '%s' for 'zdh person %s'"),
					   argv[optind - 1], verb);
		switch (c) {
		case OPT_EMAIL: a->email = optarg; break;
		case OPT_KEY: a->key = optarg; break;
		case OPT_DATE: a->date = optarg; break;
		case OPT_JSON: a->json = 1; break;
		case OPT_FORMAT: a->format = optarg; break;
		}
	}
	a->argc = argc - optind;
	a->argv = argv + optind;
	if (a->argc < nargs)
		return usage_error(usage, nargs == 1 && !strcmp(verb, "add") ?
				   _("'zdh person add' needs a name") :
				   _("'zdh person %s' needs a person's id"), verb);
	if (a->argc > nargs)
		return usage_error(usage, _("'zdh person %s': too many arguments"), verb);
	if (a->format && strcmp(a->format, "csv") && strcmp(a->format, "table"))
		return usage_error(usage, _("unknown format '%s' (table or csv)"), a->format);
	if (a->json && a->format)
		return usage_error(usage, _("--json and --format cannot be used together"));
	if (check_text("--email", a->email))
		return ZDH_EXIT_REFUSED;
	return 0;
}

/* The "ssh-ed25519 AAAA..." line of the public key in FILE (private or public). */
static int read_key(struct zdh_buf *out, const char *file)
{
	unsigned char pub[ZDH_PUBKEY_LEN];

	if (zdh_pubkey_read_file(pub, file))
		return report(zdh_error_code());
	zdh_pubkey_format(out, pub);
	return 0;
}

enum { W_ADD, W_KEY_ADD, W_KEY_REVOKE };

static int write_cmd(int what, struct args *a)
{
	struct zdh_repo *repo = NULL;
	struct zdh_txn *txn = NULL;
	struct zdh_buf key = ZDH_BUF_INIT;
	struct zdh_time date;
	char *id = NULL;
	int code, err;

	if (a->key && (code = read_key(&key, a->key)))
		goto done;
	if ((code = open_repo(&repo)) || (code = parse_write_date(&date, a->date, repo)))
		goto done;
	if ((code = report(zdh_txn_begin(&txn, repo))))
		goto done;
	if (what == W_ADD)
		err = zdh_person_add(txn, a->argv[0], a->email, a->key ? key.ptr : NULL, &date, &id);
	else if (what == W_KEY_ADD)
		err = zdh_person_key_add(txn, a->argv[0], key.ptr, &date);
	else
		err = zdh_person_key_revoke(txn, a->argv[0], key.ptr, &date);
	if (!err)
		err = zdh_txn_commit(txn);
	if ((code = report(err)))
		goto done;
	if (id)
		printf("%s\n", id);
	code = finish_output(0);
done:
	free(id);
	zdh_buf_release(&key);
	zdh_txn_free(txn);
	zdh_repo_free(repo);
	return code;
}

static int person_add(int argc, char **argv)
{
	struct args a;
	int code;

	if ((code = parse(&a, argc, argv, "add", O_EMAIL O_KEY O_DATE, 1)))
		return code < 0 ? 0 : code;
	if (!a.email)
		return usage_error(usage, _("'zdh person add' needs --email"));
	if (!zdh_ident_valid(a.argv[0]) || !zdh_ident_valid(a.email) ||
	    check_text(_("name"), a.argv[0]))
		return report(zdh_error_set(ZDH_EINVALID, _("name and email must not be empty or contain '<', '>' or a line break")));
	return write_cmd(W_ADD, &a);
}

static int person_key(int argc, char **argv)
{
	struct args a;
	int code, what;

	if (argc >= 2 && (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")))
		return usage_help_verb(usage, "person", "key") ? ZDH_EXIT_FATAL : 0;
	if (argc < 2 || (strcmp(argv[1], "add") && strcmp(argv[1], "revoke")))
		return usage_error(usage, _("'zdh person key' needs add or revoke"));
	what = !strcmp(argv[1], "add") ? W_KEY_ADD : W_KEY_REVOKE;
	if ((code = parse(&a, argc - 1, argv + 1, "key", O_KEY O_DATE, 1)))
		return code < 0 ? 0 : code;
	if (!a.key)
		return usage_error(usage, _("'zdh person key %s' needs --key"), argv[1]);
	return write_cmd(what, &a);
}

static int read_begin(struct zdh_repo **repo, struct zdh_index **idx)
{
	int code;

	if ((code = open_repo(repo)))
		return code;
	return report(zdh_repo_index(idx, *repo));
}

/* "SHA256:... from 2026-... until ..." for each key of a person, into one cell. */
static void key_cell(struct zdh_buf *b, json_t *keys)
{
	json_t *k;
	size_t i;

	json_array_foreach(keys, i, k) {
		unsigned char pub[ZDH_PUBKEY_LEN];
		if (zdh_pubkey_parse(pub, json_string_value(json_object_get(k, "key"))))
			continue;
		if (b->len)
			zdh_buf_puts(b, ", ");
		zdh_pubkey_fingerprint(b, pub);
		if (json_object_get(k, "until"))
			zdh_buf_addf(b, " %s %s", _("revoked"),
				     json_string_value(json_object_get(k, "until")));
	}
}

static int person_list(int argc, char **argv)
{
	struct zdh_repo *repo = NULL;
	struct zdh_index *idx;
	struct zdh_table *t = NULL;
	json_t *list = NULL, *p;
	struct args a;
	size_t i;
	int code;

	if ((code = parse(&a, argc, argv, "list", O_JSON O_FORMAT, 0)))
		return code < 0 ? 0 : code;
	if ((code = read_begin(&repo, &idx)) || (code = report(zdh_person_list(idx, &list))))
		goto done;
	if (!a.json) {
		const char *head[4] = { "ID", _("NAME"), _("EMAIL"), _("KEYS") };
		t = zdh_table_new(4);
		zdh_table_header(t, head);
		json_array_foreach(list, i, p) {
			struct zdh_buf keys = ZDH_BUF_INIT;
			const char *cells[4];
			key_cell(&keys, json_object_get(p, "keys"));
			cells[0] = json_string_value(json_object_get(p, "id"));
			cells[1] = json_string_value(json_object_get(p, "name"));
			cells[2] = json_string_value(json_object_get(p, "email"));
			cells[3] = keys.ptr;
			zdh_table_row(t, cells);
			zdh_buf_release(&keys);
		}
	}
	print_rows(a.json ? list : NULL, t, a.format && !strcmp(a.format, "csv"), 1, 0);
	code = finish_output(0);
done:
	if (t)
		zdh_table_free(t);
	json_decref(list);
	zdh_repo_free(repo);
	return code;
}

static int person_show(int argc, char **argv)
{
	struct zdh_repo *repo = NULL;
	struct zdh_index *idx;
	json_t *p = NULL, *k;
	struct args a;
	size_t i;
	int code;

	if ((code = parse(&a, argc, argv, "show", O_JSON, 1)))
		return code < 0 ? 0 : code;
	if ((code = read_begin(&repo, &idx)) ||
	    (code = report(zdh_person_get(idx, a.argv[0], &p))))
		goto done;
	if (a.json) {
		print_rows(p, NULL, 0, 1, 0);
	} else {
		printf("%-7s%s\n", "id:", json_string_value(json_object_get(p, "id")));
		printf("%-7s%s\n", "name:", json_string_value(json_object_get(p, "name")));
		printf("%-7s%s\n", "email:", json_string_value(json_object_get(p, "email")));
		json_array_foreach(json_object_get(p, "keys"), i, k) {
			unsigned char pub[ZDH_PUBKEY_LEN];
			struct zdh_buf fp = ZDH_BUF_INIT;
			if (zdh_pubkey_parse(pub, json_string_value(json_object_get(k, "key"))))
				continue;
			zdh_pubkey_fingerprint(&fp, pub);
			printf("%-7s%s  %s %s", "key:", fp.ptr, _("from"),
			       json_string_value(json_object_get(k, "from")));
			if (json_object_get(k, "until"))
				printf("  %s %s", _("until"),
				       json_string_value(json_object_get(k, "until")));
			putchar('\n');
			zdh_buf_release(&fp);
		}
	}
	code = finish_output(0);
done:
	json_decref(p);
	zdh_repo_free(repo);
	return code;
}

/* "YYYYMMDDhhmmss" in UTC, as ssh-keygen's valid-after/valid-before read it with a Z. */
static void ssh_time(struct zdh_buf *b, const char *rfc3339)
{
	struct zdh_time t;
	struct tm tm;
	time_t s;

	if (zdh_date_parse_rfc3339(&t, rfc3339))
		return;
	s = (time_t)t.t;
	gmtime_r(&s, &tm);
	zdh_buf_addf(b, "%04d%02d%02d%02d%02d%02dZ", tm.tm_year + 1900, tm.tm_mon + 1,
		     tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

/* An allowed-signers file for git verify-commit (gpg.ssh.allowedSignersFile). */
static int person_allowed_signers(int argc, char **argv)
{
	struct zdh_repo *repo = NULL;
	struct zdh_index *idx;
	json_t *list = NULL, *p, *k;
	struct args a;
	size_t i, j;
	int code;

	if ((code = parse(&a, argc, argv, "allowed-signers", "", 0)))
		return code < 0 ? 0 : code;
	if ((code = read_begin(&repo, &idx)) || (code = report(zdh_person_list(idx, &list))))
		goto done;
	json_array_foreach(list, i, p) {
		json_array_foreach(json_object_get(p, "keys"), j, k) {
			struct zdh_buf line = ZDH_BUF_INIT;
			zdh_buf_addf(&line, "%s namespaces=\"git\",valid-after=\"",
				     json_string_value(json_object_get(p, "email")));
			ssh_time(&line, json_string_value(json_object_get(k, "from")));
			zdh_buf_puts(&line, "\"");
			if (json_object_get(k, "until")) {
				zdh_buf_puts(&line, ",valid-before=\"");
				ssh_time(&line, json_string_value(json_object_get(k, "until")));
				zdh_buf_puts(&line, "\"");
			}
			printf("%s %s\n", line.ptr, json_string_value(json_object_get(k, "key")));
			zdh_buf_release(&line);
		}
	}
	code = finish_output(0);
done:
	json_decref(list);
	zdh_repo_free(repo);
	return code;
}

static const struct verb verbs[] = {
	{ "add", person_add },
	{ "key", person_key },
	{ "list", person_list },
	{ "show", person_show },
	{ "allowed-signers", person_allowed_signers },
	{ NULL, NULL }
};

int cmd_person(int argc, char **argv)
{
	return run_verb("person", verbs, usage, argc, argv);
}

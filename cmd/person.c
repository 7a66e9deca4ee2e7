/*
 * zdh person — the people allowed to sign events and their keys: add,
 * key add, key revoke, list, show, allowed-signers.
 */
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "index.h"
#include "org.h"
#include "output.h"
#include "person.h"
#include "sign.h"
#include "store.h"
#include "words.h"

/* The values of the options; each verb's table below says which it takes. */
static struct {
	const char *email, *key, *area, *dept, *from, *to;
	int json, compromised;
	struct write_opts w;
	struct listing l;
} a;

#define OPT_KEY(f) OPT_STRING_F(0, "key", &a.key, "FILE", N_("the person's ssh ed25519 key (private or public)"), (f))

static const struct opt add_opts[] = {
	OPT_ARGS("NAME"),
	OPT_STRING_F(0, "email", &a.email, "EMAIL", N_("the person's email"), OPT_REQUIRED),
	OPT_KEY(0),
	OPT_DATE(&a.w.date),
	OPT_END()
};

static const struct opt key_opts[] = {
	OPT_ARGS("ID"),
	OPT_KEY(OPT_REQUIRED),
	OPT_DATE(&a.w.date),
	OPT_END()
};

static const struct opt key_revoke_opts[] = {
	OPT_ARGS("ID"),
	OPT_KEY(OPT_REQUIRED),
	OPT_FLAG(0, "compromised", &a.compromised,
		 N_("stolen or copied: it signs only what this office holds now, whatever the date")),
	OPT_DATE(&a.w.date),
	OPT_END()
};

#define OPT_SCOPE \
	OPT_STRING(0, "area", &a.area, "AREA", N_("held in this area (an org of kind area)")), \
	OPT_STRING(0, "dept", &a.dept, "DEPT", N_("held in this department (an org of kind dept)"))

static const struct opt grant_opts[] = {
	OPT_ARGS("ID ROLE"),
	OPT_SCOPE,
	OPT_STRING(0, "from", &a.from, "DATE", N_("held from (default: the event's date)")),
	OPT_STRING(0, "to", &a.to, "DATE", N_("held until the end of this day")),
	OPT_DATE(&a.w.date),
	OPT_END()
};

static const struct opt revoke_role_opts[] = {
	OPT_ARGS("ID ROLE"),
	OPT_SCOPE,
	OPT_DATE(&a.w.date),
	OPT_END()
};

static const struct opt list_opts[] = {
	OPT_CONFLICTS(&a.l),
	OPT_LIST_OUTPUT(&a.l),
	OPT_END()
};

static const struct opt show_opts[] = {
	OPT_ARGS("ID"),
	OPT_JSON(&a.json),
	OPT_END()
};

static const struct opt allowed_signers_opts[] = {
	OPT_END()
};

/* The "ssh-ed25519 AAAA..." line of the public key in FILE (private or public). */
static int read_key(struct zdh_buf *out, const char *file)
{
	unsigned char pub[ZDH_PUBKEY_LEN];

	if (zdh_pubkey_read_file(pub, file))
		return report(zdh_error_code());
	zdh_pubkey_format(out, pub);
	return 0;
}

/* The key of --key, as read_key() gives it ("" when none was given). */
static struct zdh_buf key = ZDH_BUF_INIT;

static int do_add(struct zdh_txn *txn, const struct zdh_time *date, void *name, char **id)
{
	return zdh_person_add(txn, name, a.email, a.key ? key.ptr : NULL, date, id);
}

static int do_key_add(struct zdh_txn *txn, const struct zdh_time *date, void *id, char **out)
{
	(void)out;
	return zdh_person_key_add(txn, id, key.ptr, date);
}

static int do_key_revoke(struct zdh_txn *txn, const struct zdh_time *date, void *id, char **out)
{
	(void)out;
	return zdh_person_key_revoke(txn, id, key.ptr, a.compromised, date);
}

/* Read --key, then write: 0 or an exit code. */
static int write_key(write_cb fn, void *payload)
{
	int code = a.key ? read_key(&key, a.key) : 0;

	if (!code)
		code = write_run(&a.w, fn, payload);
	zdh_buf_release(&key);
	return code;
}

static int person_add(int argc, char **argv)
{
	(void)argc;
	if (!zdh_ident_valid(argv[0]) || !zdh_ident_valid(a.email) ||
	    check_text(_("name"), argv[0]))
		return report(zdh_error_set(ZDH_EINVALID, _("name and email must not be empty or contain '<', '>' or a line break")));
	/* (an author's identity, as user.name and user.email are: at most ZDH_IDENT_MAX) */
	if (zdh_ident_check(_("name"), argv[0], 0) || zdh_ident_check("--email", a.email, 1))
		return report(ZDH_EINVALID);
	a.w.print_id = 1;
	return write_key(do_add, argv[0]);
}

static int person_key_add(int argc, char **argv)
{
	(void)argc;
	return write_key(do_key_add, upcase_id(argv[0]));
}

static int person_key_revoke(int argc, char **argv)
{
	(void)argc;
	return write_key(do_key_revoke, upcase_id(argv[0]));
}

/* A grant's id, role and dates, parsed before the write. */
static struct grant {
	const char *id, *role;
	struct zdh_time from, to;
	int has_from, has_to;
} g;

static int do_grant(struct zdh_txn *txn, const struct zdh_time *date, void *payload, char **out)
{
	(void)payload;
	(void)out;
	return zdh_person_grant(txn, g.id, g.role, a.area, a.dept, g.has_from ? &g.from : NULL,
				g.has_to ? &g.to : NULL, date);
}

static int do_revoke_role(struct zdh_txn *txn, const struct zdh_time *date, void *payload,
			  char **out)
{
	(void)payload;
	(void)out;
	return zdh_person_revoke_role(txn, g.id, g.role, a.area, a.dept, date);
}

/* ID ROLE, --area or --dept, and the dates: 0 or an exit code. */
static int grant_args(char **argv)
{
	struct zdh_repo *repo = NULL;
	int code = 0;

	if (a.area && a.dept)
		return opt_usage_error(_("--area and --dept cannot be used together"));
	g.id = upcase_id(argv[0]);
	g.role = zdh_word_value(ZDH_W_ACCESS_ROLE, argv[1]);	/* 街道管理员 as well */
	if (!a.from && !a.to)
		return 0;
	if ((code = open_repo(&repo)))
		return code;
	if (a.from && !(code = parse_date(&g.from, a.from, repo, "--from")))
		g.has_from = 1;
	if (!code && a.to && !(code = parse_date(&g.to, a.to, repo, "--to"))) {
		g.has_to = 1;
		/* a day means to its end */
		if (zdh_date_is_day(a.to))
			g.to.t += 86400;
	}
	zdh_repo_free(repo);
	return code;
}

/* grant or revoke-role: its arguments, then the write */
static int role_write(char **argv, write_cb fn)
{
	int code = grant_args(argv);

	return code ? code : write_run(&a.w, fn, NULL);
}

static int person_grant(int argc, char **argv)
{
	(void)argc;
	return role_write(argv, do_grant);
}

static int person_revoke_role(int argc, char **argv)
{
	(void)argc;
	return role_write(argv, do_revoke_role);
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
			zdh_buf_addf(b, " %s %s%s", _("revoked"),
				     json_string_value(json_object_get(k, "until")),
				     json_object_get(k, "seen") ? _(" (compromised)") : "");
	}
}

static int person_list(int argc, char **argv)
{
	/* a person's name is 姓名, as person show labels it (an org's NAME is 名称) */
	const char *head[4] = { "ID", C_("a person's name, a list's column", "NAME"), N_("EMAIL"),
				N_("KEYS") };
	static const char *const csv_head[4] = { "id", "name", "email", "keys" };
	struct zdh_repo *repo = NULL;
	struct zdh_index *idx;
	json_t *list = NULL, *p;
	size_t i;
	int code;

	(void)argc;
	(void)argv;
	if ((code = open_index(&repo, &idx)) || (code = report(zdh_person_list(idx, &list))) ||
	    (code = listing_conflicts(&a.l, idx, "person")))
		goto done;
	listing_start_csv(&a.l, 4, head, 4, csv_head);
	json_array_foreach(list, i, p) {
		struct zdh_buf keys = ZDH_BUF_INIT;
		const char *cells[4];
		if (!a.l.json)
			key_cell(&keys, json_object_get(p, "keys"));
		cells[0] = json_string_value(json_object_get(p, "id"));
		cells[1] = json_string_value(json_object_get(p, "name"));
		cells[2] = json_string_value(json_object_get(p, "email"));
		cells[3] = keys.ptr;
		listing_add(&a.l, cells, a.l.json ? json_incref(p) : NULL);
		zdh_buf_release(&keys);
	}
	code = listing_finish(&a.l, 1);
done:
	listing_free(&a.l);
	json_decref(list);
	zdh_repo_free(repo);
	return code;
}

/* A key's or a role's row of person show: what, "from DAY", "until DAY" when it ends. */
static void person_row(struct zdh_table *t, const char *what, const json_t *k)
{
	struct zdh_buf tmp = ZDH_BUF_INIT;
	char *from = zdh_asprintf("%s %s", _("from"),
				  show_time(&tmp, json_string_value(json_object_get(k, "from"))));
	/* a key revoked as compromised signs only what its revoking office held then */
	char *until = json_object_get(k, "until") ?
		zdh_asprintf("%s %s%s", _("until"),
			     show_time(&tmp, json_string_value(json_object_get(k, "until"))),
			     json_object_get(k, "seen") ? _(" (compromised)") : "") : NULL;
	const char *cells[3] = { what, from, until };

	zdh_table_row(t, cells);
	free(from);
	free(until);
	zdh_buf_release(&tmp);
}

static int person_show(int argc, char **argv)
{
	struct zdh_repo *repo = NULL;
	struct zdh_index *idx;
	json_t *p = NULL, *k;
	size_t i;
	int code;

	(void)argc;
	if ((code = open_index(&repo, &idx)) ||
	    (code = report(zdh_person_get(idx, upcase_id(argv[0]), &p))))
		goto done;
	if (a.json) {
		if ((code = report(show_history(idx, "person", upcase_id(argv[0]), p))))
			goto done;
		print_rows(p, NULL, 0, 1, 0);
	} else {
		struct show_lines s = SHOW_LINES_INIT(7);
		struct zdh_table *t;

		show_line(&s, _("id:"), json_string_value(json_object_get(p, "id")));
		show_line(&s, _("name:"), json_string_value(json_object_get(p, "name")));
		show_line(&s, _("email:"), json_string_value(json_object_get(p, "email")));
		/* keys and roles: each under its label once, "from" and "until" aligned */
		t = show_rows(&s, _("key:"), 3);
		json_array_foreach(json_object_get(p, "keys"), i, k) {
			unsigned char pub[ZDH_PUBKEY_LEN];
			struct zdh_buf fp = ZDH_BUF_INIT;
			if (zdh_pubkey_parse(pub, json_string_value(json_object_get(k, "key"))))
				continue;
			zdh_pubkey_fingerprint(&fp, pub);
			person_row(t, fp.ptr, k);
			zdh_buf_release(&fp);
		}
		t = show_rows(&s, _("role:"), 3);
		json_array_foreach(json_object_get(p, "roles"), i, k) {
			const char *scope = json_string_value(json_object_get(k, "area"));
			const char *role = zdh_word_label(ZDH_W_ACCESS_ROLE,
							  json_string_value(json_object_get(k, "role")));
			char *what;
			if (!scope)
				scope = json_string_value(json_object_get(k, "dept"));
			what = scope ? zdh_asprintf("%s %s", role, zdh_org_label(idx, scope)) :
				zdh_strdup(role);
			person_row(t, what, k);
			free(what);
		}
		show_lines_print(&s);
		if ((code = report(show_history(idx, "person", upcase_id(argv[0]), NULL))))
			goto done;
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
	size_t i, j;
	int code;

	(void)argc;
	(void)argv;
	if ((code = open_index(&repo, &idx)) || (code = report(zdh_person_list(idx, &list))))
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

static const struct verb *key_verbs(void)
{
	static const struct verb verbs[] = {
		{ "add", person_key_add, key_opts, N_("a person's id") },
		{ "revoke", person_key_revoke, key_revoke_opts, N_("a person's id") },
		{ NULL }
	};
	return verbs;
}

int cmd_person(int argc, char **argv)
{
	const struct verb verbs[] = {
		{ "add", person_add, add_opts, N_("a name") },
		{ "key", NULL, NULL, NULL, 0, key_verbs() },
		{ "grant", person_grant, grant_opts, N_("a person's id and a role") },
		{ "revoke-role", person_revoke_role, revoke_role_opts, N_("a person's id and a role") },
		{ "list", person_list, list_opts },
		{ "show", person_show, show_opts, N_("a person's id") },
		{ "allowed-signers", person_allowed_signers, allowed_signers_opts },
		{ NULL }
	};
	return dispatch("person", verbs, argc, argv);
}

/*
 * zdh log — events across every log, newest first.
 */
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "rules.h"
#include "i18n.h"
#include "index.h"
#include "kind.h"
#include "output.h"
#include "person.h"
#include "store.h"
#include "words.h"

static struct zdh_log_filter f = ZDH_LOG_FILTER_INIT;
static const char *since, *until, *rsince, *runtil;
static long long max_count = -1;
static int json;

static const struct opt log_opts[] = {
	OPT_ARGS("[ID]"),
	OPT_STRING(0, "record", &f.record, "ID", N_("the events of one record")),
	OPT_STRING(0, "kind", &f.kind, "KIND", N_("the events of one kind of record")),
	OPT_STRING(0, "author", &f.author, "NAME", N_("the events written by NAME")),
	OPT_STRING(0, "since", &since, "DATE", N_("happened on or after DATE")),
	OPT_STRING(0, "until", &until, "DATE", N_("happened on or before DATE")),
	OPT_STRING(0, "recorded-since", &rsince, "DATE", N_("written on or after DATE (zdh log --recorded-since today)")),
	OPT_STRING(0, "recorded-until", &runtil, "DATE", N_("written on or before DATE")),
	OPT_INT_F('n', "max-count", &max_count, "N", N_("at most N events"), OPT_SHORT | OPT_POSITIVE),
	OPT_JSON(&json),
	OPT_END()
};

struct log_ctx {
	struct zdh_table *t;
	json_t *json;
	struct zdh_index *idx;	/* who signed each event (signer_describe) */
};

/* Counts the rows of a record's events (record_named). */
static int count_one(const struct zdh_event_row *r, void *payload)
{
	(void)r;
	++*(long long *)payload;
	return 0;
}

/*
 * --record ID names a record some event names: "xq-1" is XQ-1 (ids are
 * upper case, as show takes them); an id no event names is refused as
 * show refuses it, not an empty log (a mistyped id looked like "no
 * events yet").
 */
static int record_named(struct zdh_index *idx)
{
	struct zdh_log_filter any = ZDH_LOG_FILTER_INIT;
	long long n = 0;
	int err;

	any.record = f.record;
	any.limit = 1;
	if ((err = zdh_index_events(idx, &any, count_one, &n)))
		return err;
	if (!n)
		return zdh_error_set(ZDH_ENOTFOUND, _("no record %s"), f.record);
	return 0;
}

/*
 * A word of an event's summary that its data holds as a word of zdh (an
 * org's kind, a vote, a role: a field whose values are words, or a field
 * true by its name, "refused") by its name under a translated
 * catalogue, else tok itself.  A word that is also the text of a field
 * of no words (a title "other" beside category=other) stays as typed:
 * what a person wrote is never translated.  Each field names one word of
 * the summary (used: the fields taken, n of them).
 */
static const char *summary_word(const char *noun, const json_t *data, const char *tok,
				const char **used, size_t *n)
{
	const json_t *objs[2] = { data, json_object_get(data, "set") };
	const char *k, *label, *found = NULL, *found_key = NULL;
	json_t *v;

	for (size_t i = 0; i < 2; i++)
		json_object_foreach((json_t *)objs[i], k, v) {
			size_t u;
			for (u = 0; u < *n && used[u] != k; u++)
				;
			if (u < *n)
				continue;
			if (json_is_string(v) && !strcmp(json_string_value(v), tok))
				label = zdh_word_field_label(noun, k, tok);
			else if (json_is_true(v) && !strcmp(k, tok))
				label = zdh_word_label(ZDH_W_ANY, tok);
			else
				continue;
			if (!label || !strcmp(label, tok)) {
				found = tok;	/* a person's text: as typed */
				found_key = k;
				break;
			}
			if (!found) {
				found = label;
				found_key = k;
			}
		}
	if (found && *n < 8)
		used[(*n)++] = found_key;
	return found ? found : tok;
}

/*
 * The words of summary s as the human log shows them (zdh-log(1)).  Under a translated
 * catalogue, a summary zdh wrote as "KIND OP WHAT" (the commit subject,
 * English whoever wrote it) is the kind's name then WHAT: its words of
 * zdh by their names (summary_word), "version N" as the catalogue says
 * it, the record's id left out (the third column has it), as is OP (the
 * fourth).  Any other summary, and every summary in English, as written.
 */
static void summary_words(struct zdh_buf *b, const struct zdh_event_row *r, const char *s)
{
	const char *p;
	size_t k = r->kind ? strlen(r->kind) : 0, o = r->op ? strlen(r->op) : 0;
	const struct zdh_kind *kind;
	const char *used[8];
	size_t n = 0;
	json_t *ev;

	if (!zdh_i18n_chinese() || !k || !o || strncmp(s, r->kind, k) || s[k] != ' ' ||
	    strncmp(s + k + 1, r->op, o) || (s[k + 1 + o] != ' ' && s[k + 1 + o])) {
		zdh_buf_puts(b, s);
		return;
	}
	zdh_buf_puts(b, zdh_word_label(ZDH_W_RECORD_KIND, r->kind));
	kind = zdh_kind_find(r->kind);
	ev = zdh_event_row_object(r);
	for (p = s + k + 1 + o; *p; ) {
		size_t len;
		char *tok;

		p += strspn(p, " ");
		if (!*p)
			break;
		len = strcspn(p, " ");
		tok = zdh_strndup(p, len);
		p += len;
		if (r->record && !strcmp(tok, r->record)) {
			free(tok);
			continue;
		}
		zdh_buf_addch(b, ' ');
		if (!strcmp(tok, "version") && *p == ' ' && p[1] >= '0' && p[1] <= '9') {
			/* "charter XQ-C1 version 2": the council's charter's version */
			len = strcspn(p + 1, " ");
			zdh_buf_addf(b, _("version %.*s"), (int)len, p + 1);
			p += 1 + len;
		} else {
			zdh_buf_puts(b, summary_word(kind ? kind->noun : NULL,
						     json_object_get(ev, "data"), tok, used, &n));
		}
		free(tok);
	}
	json_decref(ev);
}

/*
 * A summary a replica's recovery wrote, "... (recovered from R C[, was
 * X])" (core/replica.c, in English): the words before it as
 * summary_words shows them, then where it came from as the catalogue
 * says it.  Any other summary: summary_words.
 */
static void summary_shown(struct zdh_buf *b, const struct zdh_event_row *r)
{
	static const char from[] = " (recovered from ";
	const char *s = r->summary ? r->summary : "", *t = strstr(s, from);
	char *head, *rep = NULL, *commit = NULL, *was = NULL;
	struct zdh_buf shown = ZDH_BUF_INIT;
	size_t n, len = strlen(s);

	if (!zdh_i18n_chinese() || !t || s[len - 1] != ')' || strstr(t + 1, from)) {
		summary_words(b, r, s);
		return;
	}
	t += sizeof(from) - 1;
	n = strcspn(t, " ");
	rep = zdh_strndup(t, n);
	t += n + (t[n] == ' ');
	n = strcspn(t, ",)");
	commit = zdh_strndup(t, n);
	t += n;
	if (!strncmp(t, ", was ", 6) && t[6] && t[6] != ')') {
		n = strcspn(t + 6, ")");
		was = zdh_strndup(t + 6, n);
		t += 6 + n;
	}
	if (strcmp(t, ")") || !*rep || !*commit) {
		summary_words(b, r, s);
		goto done;
	}
	head = zdh_strndup(s, (size_t)(strstr(s, from) - s));
	summary_words(&shown, r, head);
	free(head);
	if (was)
		zdh_buf_addf(b, _("%s (recovered from %s %.12s, was %s)"), shown.len ? shown.ptr : "",
			     rep, commit, was);
	else
		zdh_buf_addf(b, _("%s (recovered from %s %.12s)"), shown.len ? shown.ptr : "", rep,
			     commit);
done:
	zdh_buf_release(&shown);
	free(rep);
	free(commit);
	free(was);
}

static int log_one(const struct zdh_event_row *r, void *payload)
{
	struct log_ctx *ctx = payload;
	struct zdh_time happened = { r->happened, r->happened_off };
	struct zdh_time recorded = { r->recorded, r->recorded_off };
	struct zdh_buf h = ZDH_BUF_INIT, rec = ZDH_BUF_INIT, who = ZDH_BUF_INIT, what = ZDH_BUF_INIT;

	if (ctx->json) {
		json_t *ev = zdh_event_row_object(r), *o = json_object();
		zdh_date_rfc3339(&rec, &recorded);
		json_object_set_new(o, "id", json_string(r->id));
		json_object_set_new(o, "replica", json_string(r->replica));
		json_object_set_new(o, "clock", json_integer(r->clock));
		json_object_set_new(o, "kind", json_string(r->kind));
		json_object_set_new(o, "record", json_string(r->record));
		json_object_set_new(o, "op", json_string(r->op));
		json_object_set_new(o, "summary", json_string(r->summary));
		json_object_set(o, "actor", json_object_get(ev, "actor"));
		json_object_set(o, "date", json_object_get(ev, "date"));
		json_object_set_new(o, "recorded", json_string(rec.ptr));
		json_object_set(o, "data", json_object_get(ev, "data"));
		json_object_set_new(o, "effect", json_boolean(r->effect == ZDH_EFFECT_APPLIED));
		if (r->effect == ZDH_EFFECT_INVALID)
			json_object_set_new(o, "invalid", json_true());
		if (r->effect == ZDH_EFFECT_UNKNOWN_KIND)
			json_object_set_new(o, "unknown_kind", json_true());
		if (r->note)
			json_object_set_new(o, "note", zdh_word_note_json(r->note));
		signer_describe(ctx->idx, r, NULL, o);
		json_array_append_new(ctx->json, o);
		json_decref(ev);
	} else {
		const char *cells[5];
		zdh_date_shown(&h, &happened);
		if (llabs(r->recorded - r->happened) >= 60) {
			zdh_buf_puts(&rec, _("recorded "));
			zdh_date_shown(&rec, &recorded);
		}
		actor_shown(&who, r, ctx->idx);
		signer_describe(ctx->idx, r, &rec, NULL);
		summary_shown(&what, r);
		effect_mark(&what, r->effect, r->note, ctx->idx, r->record);
		cells[0] = h.ptr;
		cells[1] = who.ptr;
		cells[2] = r->record;
		cells[3] = zdh_word_label(ZDH_W_OPERATION, r->op);
		/* the summary last, the recorded date and signer after it: no other line padded */
		if (rec.len)
			zdh_buf_addf(&what, "  %s", rec.ptr);
		cells[4] = what.ptr;
		zdh_table_row(ctx->t, cells);
	}
	zdh_buf_release(&h);
	zdh_buf_release(&rec);
	zdh_buf_release(&who);
	zdh_buf_release(&what);
	return 0;
}

static int log_events(int argc, char **argv)
{
	struct log_ctx ctx = { NULL, NULL };
	struct zdh_repo *repo = NULL;
	struct zdh_index *idx;
	int code;

	/* zdh log XQ-1: the record's events, as --record XQ-1 */
	if (argc == 1) {
		if (f.record)
			return opt_usage_error(_("give the record as an argument or with --record, not both"));
		f.record = argv[0];
	}
	if (f.record)
		upcase_id((char *)f.record);
	if (max_count > 0)
		f.limit = max_count;
	if ((code = open_repo(&repo)))
		return code;
	if ((code = date_bounds(&f.since, &f.until, since, until, repo, 0)) ||
	    (code = date_bounds(&f.recorded_since, &f.recorded_until, rsince, runtil, repo, 1)))
		goto done;
	if ((code = report(zdh_repo_index(&idx, repo))))
		goto done;
	if (f.record && (code = report(record_named(idx))))
		goto done;
	ctx.idx = idx;
	if (json)
		ctx.json = json_array();
	else
		ctx.t = zdh_table_new(5);
	if ((code = report(zdh_index_events(idx, &f, log_one, &ctx))))
		goto done;
	print_rows(ctx.json, ctx.t, 0, 0, 1);
	code = finish_output(0);
done:
	if (ctx.t)
		zdh_table_free(ctx.t);
	if (ctx.json)
		json_decref(ctx.json);
	signer_forget();
	zdh_repo_free(repo);
	return code;
}

int cmd_log(int argc, char **argv)
{
	return run_single_command("log", log_events, log_opts, argc, argv);
}

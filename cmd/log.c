/*
 * zdh log — events across every log, newest first.
 */
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "index.h"
#include "output.h"
#include "store.h"

static const char usage[] =
	N_("usage: zdh log [--record ID] [--kind KIND] [--author NAME] [--since DATE] [--until DATE] [-n N] [--json]\n");

struct log_ctx {
	struct zdh_table *t;
	json_t *json;
};

static int log_one(const struct zdh_event_row *r, void *payload)
{
	struct log_ctx *ctx = payload;
	struct zdh_time happened = { r->happened, r->happened_off };
	struct zdh_time recorded = { r->recorded, r->recorded_off };
	struct zdh_buf h = ZDH_BUF_INIT, rec = ZDH_BUF_INIT, who = ZDH_BUF_INIT;

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
		json_object_set_new(o, "effect", json_boolean(r->effect));
		if (r->note)
			json_object_set_new(o, "note", json_string(r->note));
		json_array_append_new(ctx->json, o);
		json_decref(ev);
	} else {
		const char *cells[6];
		zdh_date_short(&h, &happened);
		if (llabs(r->recorded - r->happened) >= 60) {
			zdh_buf_puts(&rec, _("recorded "));
			zdh_date_short(&rec, &recorded);
		}
		zdh_buf_puts(&who, r->actor_name);
		if (r->actor_dept)
			zdh_buf_addf(&who, " (%s)", r->actor_dept);
		cells[0] = h.ptr;
		cells[1] = who.ptr;
		cells[2] = r->record;
		cells[3] = r->op;
		cells[4] = r->summary;
		cells[5] = rec.ptr;
		zdh_table_row(ctx->t, cells);
	}
	zdh_buf_release(&h);
	zdh_buf_release(&rec);
	zdh_buf_release(&who);
	return 0;
}

int cmd_log(int argc, char **argv)
{
	enum { O_RECORD = 256, O_KIND, O_AUTHOR, O_SINCE, O_UNTIL, O_JSON };
	static const struct option opts[] = {
		{ "record", required_argument, NULL, O_RECORD },
		{ "kind", required_argument, NULL, O_KIND },
		{ "author", required_argument, NULL, O_AUTHOR },
		{ "since", required_argument, NULL, O_SINCE },
		{ "until", required_argument, NULL, O_UNTIL },
		{ "json", no_argument, NULL, O_JSON },
		{ "max-count", required_argument, NULL, 'n' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct zdh_log_filter f = ZDH_LOG_FILTER_INIT;
	struct log_ctx ctx = { NULL, NULL };
	struct zdh_repo *repo = NULL;
	struct zdh_index *idx;
	const char *since = NULL, *until = NULL;
	int c, code, json = 0;
	char *end;

	options_reset();
	while ((c = getopt_long(argc, argv, "hn:", opts, NULL)) != -1) {
		switch (c) {
		case O_RECORD: f.record = optarg; break;
		case O_KIND: f.kind = optarg; break;
		case O_AUTHOR: f.author = optarg; break;
		case O_SINCE: since = optarg; break;
		case O_UNTIL: until = optarg; break;
		case O_JSON: json = 1; break;
		case 'n':
			f.limit = strtoll(optarg, &end, 10);
			if (*end || f.limit < 1)
				return usage_error(usage, _("-n needs a positive number"));
			break;
		case 'h': return usage_help(usage);
		default: return usage_error(usage, _("unknown option '%s'"), argv[optind - 1]);
		}
	}
	if (optind < argc)
		return usage_error(usage, _("too many arguments"));
	if ((code = open_repo(&repo)))
		return code;
	if (since || until) {
		struct zdh_time t;
		if (since && (code = parse_date(&t, since, repo)))
			goto done;
		if (since)
			f.since = t.t;
		if (until && (code = parse_date(&t, until, repo)))
			goto done;
		if (until) {
			/* a day without a time means up to the end of that day */
			f.until = t.t + (strlen(until) == 10 && until[4] == '-' ? 86400 : 1);
		}
	}
	if ((code = report(zdh_repo_index(&idx, repo))))
		goto done;
	if (json)
		ctx.json = json_array();
	else
		ctx.t = zdh_table_new(6);
	if ((code = report(zdh_index_events(idx, &f, log_one, &ctx))))
		goto done;
	print_rows(ctx.json, ctx.t, 0, 0, 1);
	code = finish_output(0);
done:
	if (ctx.t)
		zdh_table_free(ctx.t);
	if (ctx.json)
		json_decref(ctx.json);
	zdh_repo_free(repo);
	return code;
}

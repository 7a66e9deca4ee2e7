/*
 * event — encodes and decodes events, as canonical JSON and as commits.
 *
 * Canonical JSON is jansson's compact output with sorted keys; integers
 * only, no floats (so there is one spelling of every value).  Decoding is
 * strict: what verify accepts must re-encode to the same bytes.  This
 * module does no I/O.
 */
#define _GNU_SOURCE	/* memrchr */
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <stddef.h>
#include <string.h>

#include <utf8proc.h>
#include "error.h"
#include "event.h"
#include "i18n.h"
#include "json.h"
#include "odb.h"
#include "output.h"
#include "plain16.h"
#include "sha1.h"


/*
 * Free what the decoders set: every field but id, recorded, summary and
 * tree (summary too when the trusted decoder put it first in its pool).
 */
static void clear_decoded(struct zdh_event *ev)
{
	if (ev->pool) {
		if (ev->summary == ev->pool)
			ev->summary = NULL;
		free(ev->pool);
		ev->pool = NULL;
	} else {
		free(ev->kind);
		free(ev->record);
		free(ev->op);
		free(ev->replica);
		free(ev->seen);
		free(ev->actor.name);
		free(ev->actor.email);
		free(ev->actor.dept);
	}
	if (ev->data)
		json_decref(ev->data);
	ev->kind = ev->record = ev->op = ev->replica = ev->seen = NULL;
	ev->actor.name = ev->actor.email = ev->actor.dept = NULL;
	ev->data = NULL;
	ev->clock = 0;
	ev->noncanonical = 0;
	ev->has_seen_oid = 0;
	ev->data_at = ev->data_len = 0;
}

void zdh_event_pool_names(struct zdh_event *ev)
{
	char **to[] = { &ev->kind, &ev->record, &ev->op, &ev->replica, &ev->seen,
			&ev->actor.name, &ev->actor.email, &ev->actor.dept };
	size_t n[sizeof(to) / sizeof(to[0])], total = 0;
	char *p;

	ZDH_ASSERT(!ev->pool);
	for (size_t i = 0; i < sizeof(to) / sizeof(to[0]); i++)
		total += n[i] = *to[i] ? strlen(*to[i]) + 1 : 0;
	p = ev->pool = zdh_malloc(total ? total : 1);
	for (size_t i = 0; i < sizeof(to) / sizeof(to[0]); i++)
		if (*to[i]) {
			memcpy(p, *to[i], n[i]);
			*to[i] = p;
			p += n[i];
		}
}

void zdh_event_clear(struct zdh_event *ev)
{
	if (ev->summary != ev->pool)
		free(ev->summary);
	clear_decoded(ev);
	free(ev->tree);
	memset(ev, 0, sizeof(*ev));
}


static size_t utf8_seq(const unsigned char *p, const unsigned char *end);

/* A string jansson would take: present and valid UTF-8. */
static int str_ok(const char *s)
{
	const unsigned char *p = (const unsigned char *)s, *end;

	if (!s)
		return 0;
	end = p + strlen(s);
	while (p < end) {
		size_t n = *p < 0x80 ? 1 : utf8_seq(p, end);
		if (!n)
			return 0;
		p += n;
	}
	return 1;
}

static void put_member(struct zdh_buf *out, const char *key, const char *value)
{
	zdh_buf_puts(out, key);
	zdh_json_put_string(out, value);
}

/*
 * The keys in their sorted order, written straight out: the bytes
 * zdh_json_canonical() would write for the same object (the unit tests
 * compare them), without building it first.
 */
/* The event's canonical JSON; data[0] and data[1] where its data is in it, and its length. */
static int encode(struct zdh_buf *out, const struct zdh_event *ev, size_t data[2])
{
	size_t start = out->len;
	int dept = ev->actor.dept && *ev->actor.dept;

	if (!str_ok(ev->kind) || !str_ok(ev->record) || !str_ok(ev->op) || !str_ok(ev->replica) ||
	    !str_ok(ev->actor.name) || !str_ok(ev->actor.email) || (dept && !str_ok(ev->actor.dept)) ||
	    (ev->seen && !str_ok(ev->seen)) || (ev->data && !json_is_object(ev->data)))
		return zdh_error_set(ZDH_EINVALID, _("event has a missing or invalid field"));
	zdh_buf_puts(out, "{\"actor\":{");
	if (dept) {
		put_member(out, "\"dept\":", ev->actor.dept);
		zdh_buf_addch(out, ',');
	}
	put_member(out, "\"email\":", ev->actor.email);
	put_member(out, ",\"name\":", ev->actor.name);
	zdh_buf_puts(out, "},\"clock\":");
	zdh_buf_add_decimal(out, ev->clock);
	zdh_buf_puts(out, ",\"data\":");
	data[0] = out->len - start;
	if (!ev->data)
		zdh_buf_puts(out, "{}");
	else if (zdh_json_canonical(out, ev->data) < 0) {
		zdh_buf_setlen(out, start);
		return zdh_error_set(ZDH_EINVALID, _("cannot encode event (a number that is not an integer?)"));
	}
	data[1] = out->len - start - data[0];
	zdh_buf_puts(out, ",\"date\":\"");
	zdh_date_rfc3339(out, &ev->date);
	zdh_buf_addch(out, '"');
	put_member(out, ",\"kind\":", ev->kind);
	put_member(out, ",\"op\":", ev->op);
	put_member(out, ",\"record\":", ev->record);
	put_member(out, ",\"replica\":", ev->replica);
	if (ev->seen)
		put_member(out, ",\"seen\":", ev->seen);
	else
		zdh_buf_puts(out, ",\"seen\":null");
	zdh_buf_puts(out, ",\"v\":");
	zdh_buf_add_decimal(out, ev->version ? ev->version : ZDH_EVENT_VERSION);
	zdh_buf_addch(out, '}');
	return 0;
}

int zdh_event_encode(struct zdh_buf *out, const struct zdh_event *ev)
{
	size_t data[2];

	return encode(out, ev, data);
}

static char *get_str(json_t *o, const char *key, int optional, int *bad)
{
	json_t *v = json_object_get(o, key);

	if (!v && optional)
		return NULL;
	if (!json_is_string(v) || !json_string_length(v)) {
		*bad = 1;
		return NULL;
	}
	return zdh_strdup(json_string_value(v));
}

struct span;
static int scan_event(struct zdh_event *ev, const char *text, size_t len, unsigned flags,
		      const struct span *summary);
static int scan_fields(struct zdh_event *ev, const char *text, size_t len, unsigned flags,
		       const struct span *summary);
static int decode(struct zdh_event *ev, const char *text, size_t len, unsigned flags,
		  const struct span *summary);

int zdh_event_decode(struct zdh_event *ev, const char *text, size_t len)
{
	return zdh_event_decode_opts(ev, text, len, 0);
}

int zdh_event_decode_opts(struct zdh_event *ev, const char *text, size_t len, unsigned flags)
{
	return decode(ev, text, len, flags, NULL);
}

/* With summary (a commit's), the trusted decoder puts it in its pool too, as ev->summary. */
static int decode(struct zdh_event *ev, const char *text, size_t len, unsigned flags,
		  const struct span *summary)
{
	struct zdh_buf again = ZDH_BUF_INIT;
	json_error_t jerr;
	json_t *o, *v, *actor;
	int bad = 0, err = 0;

	if ((flags & ZDH_EVENT_TRUSTED) && !scan_event(ev, text, len, flags, summary))
		return 0;
	o = zdh_json_parse_max(text, len, ZDH_EVENT_MAX_DEPTH, &jerr);
	if (!o)
		return zdh_error_set(ZDH_ECORRUPT, _("malformed event JSON: %s"), jerr.text);
	if (!json_is_object(o) || json_object_size(o) != 10) {
		err = zdh_error_set(ZDH_ECORRUPT, _("event JSON has unknown or missing fields"));
		goto done;
	}
	v = json_object_get(o, "v");
	if (!json_is_integer(v) || json_integer_value(v) < ZDH_EVENT_VERSION_MIN ||
	    json_integer_value(v) > ZDH_EVENT_VERSION) {
		err = zdh_error_set(ZDH_ECORRUPT, _("unsupported event format version"));
		goto done;
	}
	ev->version = (int)json_integer_value(v);
	ev->kind = get_str(o, "kind", 0, &bad);
	ev->record = get_str(o, "record", 0, &bad);
	ev->op = get_str(o, "op", 0, &bad);
	ev->replica = get_str(o, "replica", 0, &bad);
	v = json_object_get(o, "seen");
	if (json_is_string(v))
		ev->seen = zdh_strdup(json_string_value(v));
	else if (!json_is_null(v))
		bad = 1;
	v = json_object_get(o, "clock");
	if (!json_is_integer(v) || json_integer_value(v) < 1)
		bad = 1;
	else
		ev->clock = json_integer_value(v);
	v = json_object_get(o, "date");
	if (!json_is_string(v) || zdh_date_parse_rfc3339(&ev->date, json_string_value(v)))
		bad = 1;
	actor = json_object_get(o, "actor");
	if (!json_is_object(actor) || json_object_size(actor) > 3)
		bad = 1;
	else {
		ev->actor.name = get_str(actor, "name", 0, &bad);
		ev->actor.email = get_str(actor, "email", 0, &bad);
		ev->actor.dept = get_str(actor, "dept", 1, &bad);
		if (json_object_size(actor) != 2u + (ev->actor.dept != NULL))
			bad = 1;
	}
	v = json_object_get(o, "data");
	if (!json_is_object(v))
		bad = 1;
	else if (!(flags & ZDH_EVENT_NODATA))
		ev->data = json_incref(v);
	if (ev->seen && zdh_oid_fromhex((unsigned char[20]){0}, ev->seen))
		bad = 1;
	if (bad) {
		err = zdh_error_set(ZDH_ECORRUPT, _("event JSON has a missing or invalid field"));
		goto done;
	}
	/* TRUSTED text reaches here only when it is not of the one shape: check it too */
	if (zdh_json_canonical(&again, o) < 0 || again.len != len || memcmp(again.ptr, text, len)) {
		if (flags & ZDH_EVENT_TRUSTED) {
			ev->noncanonical = 1;	/* for the rules to judge (core/rules.c) */
		} else {
			err = zdh_error_set(ZDH_ECORRUPT, _("event JSON is not canonical"));
			goto done;
		}
	}
done:
	if (err)
		zdh_event_clear(ev);
	zdh_buf_release(&again);
	json_decref(o);
	return err;
}

/*
 * The fast path of the index, which reads every event of every log: the
 * canonical text zdh writes has one shape, with its keys in sorted order,
 * so its fields can be picked out without building JSON values.  Text of
 * any other shape (an escape in a string, another key, another order) is
 * left to the strict decoder above, which accepts or refuses it.
 */
struct scan {
	const char *p, *end;
};

static int scan_lit(struct scan *s, const char *lit, size_t n)
{
	if ((size_t)(s->end - s->p) < n || memcmp(s->p, lit, n))
		return -1;
	s->p += n;
	return 0;
}
#define SCAN_LIT(s, lit) scan_lit((s), (lit), sizeof(lit) - 1)

/* One UTF-8 sequence at p (first byte >= 0x80) as jansson accepts it; its length or 0. */
static size_t utf8_seq(const unsigned char *p, const unsigned char *end)
{
	unsigned c = p[0], cp, n, i;

	if (c >= 0xc2 && c <= 0xdf)
		n = 2, cp = c & 0x1f;
	else if (c >= 0xe0 && c <= 0xef)
		n = 3, cp = c & 0x0f;
	else if (c >= 0xf0 && c <= 0xf4)
		n = 4, cp = c & 0x07;
	else
		return 0;
	if ((size_t)(end - p) < n)
		return 0;
	for (i = 1; i < n; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (p[i] & 0x3f);
	}
	if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
	    (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return n;
}

/*
 * A string without escapes; *at, *len its contents.  Sixteen (or eight)
 * bytes at a time while they are plain ASCII (an email, a seen id: a byte
 * at a time, this was the largest part of a rebuild's walk reader).
 */
static int scan_str(struct scan *s, const char **at, size_t *len)
{
	const unsigned char *p = (const unsigned char *)s->p, *end = (const unsigned char *)s->end;

	if (p >= end || *p++ != '"')
		return -1;
	*at = (const char *)p;
	while (p < end && *p != '"') {
		unsigned run = zdh_plain_run(p, (size_t)(end - p), 1);

		if (run) {
			p += run;
			continue;
		}
		if (*p < 0x20 || *p == '\\')
			return -1;
		if (*p < 0x80) {
			p++;
		} else {
			size_t n = utf8_seq(p, end);
			if (!n)
				return -1;
			p += n;
		}
	}
	if (p >= end)
		return -1;
	*len = (size_t)(p - (const unsigned char *)*at);
	s->p = (const char *)p + 1;
	return *len ? 0 : -1;
}

/*
 * The strings the trusted decoder picks out, copied into one allocation
 * when the shape is whole (ev->pool): eight of them an event, each a
 * malloc and a free of its own were a sixth of a rebuild's walk reader.
 */
enum { S_DEPT, S_EMAIL, S_NAME, S_KIND, S_OP, S_RECORD, S_REPLICA, S_SEEN, NSPAN };
struct span {
	const char *at;		/* NULL: absent (the dept, the seen) */
	size_t len;
};

static int scan_span(struct scan *s, struct span *sp)
{
	return scan_str(s, &sp->at, &sp->len);
}

/*
 * (summary first, when there is one: a commit's summary line, a malloc and
 * a free of its own otherwise; zdh_event_clear() knows it by its place)
 */
static void pool_strings(struct zdh_event *ev, const struct span *sp, const struct span *summary)
{
	char **to[NSPAN] = { &ev->actor.dept, &ev->actor.email, &ev->actor.name, &ev->kind,
			     &ev->op, &ev->record, &ev->replica, &ev->seen };
	size_t total = summary ? summary->len + 1 : 0;
	char *p;

	for (int i = 0; i < NSPAN; i++)
		if (sp[i].at)
			total += sp[i].len + 1;
	p = ev->pool = zdh_malloc(total);
	if (summary) {
		memcpy(p, summary->at, summary->len);
		p[summary->len] = '\0';
		ev->summary = p;
		p += summary->len + 1;
	}
	for (int i = 0; i < NSPAN; i++)
		if (sp[i].at) {
			memcpy(p, sp[i].at, sp[i].len);
			p[sp[i].len] = '\0';
			*to[i] = p;
			p += sp[i].len + 1;
		}
}

/* The extent of an object or array, strings skipped whole; its contents are checked later. */
static int scan_skip(struct scan *s)
{
	const char *p = s->p;
	int depth = 0;

	do {
		if (p >= s->end)
			return -1;
		if (*p == '"') {
			/* the next quote not escaped: one after an even run of
			   backslashes (memchr, not a byte at a time: the data of
			   an event is mostly strings) */
			for (p++;; p++) {
				const char *q = memchr(p, '"', (size_t)(s->end - p));
				size_t bs = 0;

				if (!q)
					return -1;
				while (q - bs > p && q[-1 - (ptrdiff_t)bs] == '\\')
					bs++;
				p = q;
				if (!(bs & 1))
					break;
			}
		} else if (*p == '{' || *p == '[') {
			depth++;
		} else if (*p == '}' || *p == ']') {
			depth--;
		}
		p++;
	} while (depth > 0);
	s->p = p;
	return 0;
}


/* 0, or -1 with ev as it was: the text is not of the one shape. */
static int scan_event(struct zdh_event *ev, const char *text, size_t len, unsigned flags,
		      const struct span *summary)
{
	if (scan_fields(ev, text, len, flags, summary)) {
		clear_decoded(ev);	/* the caller may have set id, recorded, ... */
		return -1;
	}
	return 0;
}

static int scan_fields(struct zdh_event *ev, const char *text, size_t len, unsigned flags,
		       const struct span *summary)
{
	struct scan s = { text, text + len };
	struct span sp[NSPAN] = { { NULL, 0 } };
	const char *at, *data;
	size_t n, data_len;
	char date[40];
	int version, checked = 0;

	if (SCAN_LIT(&s, "{\"actor\":{"))
		return -1;
	if (!SCAN_LIT(&s, "\"dept\":") && (scan_span(&s, &sp[S_DEPT]) || SCAN_LIT(&s, ",")))
		return -1;
	if (SCAN_LIT(&s, "\"email\":") || scan_span(&s, &sp[S_EMAIL]) ||
	    SCAN_LIT(&s, ",\"name\":") || scan_span(&s, &sp[S_NAME]) ||
	    SCAN_LIT(&s, "},\"clock\":"))
		return -1;
	if (s.p >= s.end || *s.p < '1' || *s.p > '9')
		return -1;
	for (ev->clock = 0, n = 0; s.p < s.end && *s.p >= '0' && *s.p <= '9'; s.p++)
		if (++n > 18)	/* within a long long: longer ones take the strict path */
			return -1;
		else
			ev->clock = ev->clock * 10 + (*s.p - '0');
	if (SCAN_LIT(&s, ",\"data\":") || s.p >= s.end || *s.p != '{')
		return -1;
	data = s.p;
	/*
	 * Data that need not be kept is checked as its end is found, in
	 * one pass (it was skipped to its end, then checked: a tenth of a
	 * rebuild's walk reader); other data is skipped, checked below.
	 */
	if ((flags & ZDH_EVENT_NODATA) &&
	    zdh_json_canonical_valid_span(data, (size_t)(s.end - data), ZDH_EVENT_MAX_DEPTH - 1,
					  &data_len)) {
		s.p += data_len;
		checked = 1;
	} else if (scan_skip(&s)) {
		return -1;
	} else {
		data_len = (size_t)(s.p - data);
	}
	if (SCAN_LIT(&s, ",\"date\":") || scan_str(&s, &at, &n) || n >= sizeof(date))
		return -1;
	memcpy(date, at, n);
	date[n] = '\0';
	if (zdh_date_parse_rfc3339(&ev->date, date))
		return -1;
	if (SCAN_LIT(&s, ",\"kind\":") || scan_span(&s, &sp[S_KIND]) ||
	    SCAN_LIT(&s, ",\"op\":") || scan_span(&s, &sp[S_OP]) ||
	    SCAN_LIT(&s, ",\"record\":") || scan_span(&s, &sp[S_RECORD]) ||
	    SCAN_LIT(&s, ",\"replica\":") || scan_span(&s, &sp[S_REPLICA]) ||
	    SCAN_LIT(&s, ",\"seen\":"))
		return -1;
	if (SCAN_LIT(&s, "null")) {
		/*
		 * 40 hex digits between quotes, or no string of the one shape
		 * (a digit is no quote, backslash or control byte: scan_str()
		 * need not look at them first)
		 */
		if (s.end - s.p < ZDH_OID_HEXSZ + 2 || s.p[0] != '"' || s.p[ZDH_OID_HEXSZ + 1] != '"' ||
		    zdh_hex_decode_whole(ev->seen_oid, s.p + 1, ZDH_OID_RAWSZ))
			return -1;
		sp[S_SEEN].at = s.p + 1;
		sp[S_SEEN].len = ZDH_OID_HEXSZ;
		s.p += ZDH_OID_HEXSZ + 2;
		ev->has_seen_oid = 1;	/* (cleared with the rest when the scan fails later) */
	}
	if (SCAN_LIT(&s, ",\"v\":") || s.end - s.p != 2 || s.p[1] != '}' ||
	    s.p[0] < '0' + ZDH_EVENT_VERSION_MIN || s.p[0] > '0' + ZDH_EVENT_VERSION)
		return -1;
	version = s.p[0] - '0';
	pool_strings(ev, sp, summary);
	/* (the index's row keeps the data's text: where it is, not found again) */
	ev->data_at = (size_t)(data - text);
	ev->data_len = data_len;
	/*
	 * The data is checked in full even when the caller does not keep it:
	 * then without building it (above), when that one pass can tell (it
	 * took the reader of a rebuild's walks half of its time).
	 */
	if (checked) {
		ev->version = version;
		return 0;
	}
	ev->data = zdh_json_parse_max(data, data_len, ZDH_EVENT_MAX_DEPTH - 1, NULL);
	if (!ev->data)
		return -1;
	/* the data must be canonical too (the rest is, by its shape) */
	switch (zdh_json_canonical_text(data, data_len)) {
	case 0:
		return -1;	/* the strict path says so */
	case -1: {		/* a key with an escape: encode it again to tell */
		struct zdh_buf again = ZDH_BUF_INIT;
		int same = zdh_json_canonical(&again, ev->data) == 0 && again.len == data_len &&
			!memcmp(again.ptr, data, data_len);
		zdh_buf_release(&again);
		if (!same)
			return -1;
	}
	}
	if (flags & ZDH_EVENT_NODATA) {
		json_decref(ev->data);
		ev->data = NULL;
	}
	ev->version = version;
	return 0;
}

int zdh_event_data_span(const char *text, size_t len, size_t *at, size_t *dlen)
{
	struct scan s = { text, text + len };
	const char *data;

	/* {"actor":{...},"clock":N,"data":{...},... in the canonical shape */
	if (SCAN_LIT(&s, "{\"actor\":") || s.p >= s.end || *s.p != '{' || scan_skip(&s) ||
	    SCAN_LIT(&s, ",\"clock\":"))
		return -1;
	while (s.p < s.end && *s.p >= '0' && *s.p <= '9')
		s.p++;
	if (SCAN_LIT(&s, ",\"data\":") || s.p >= s.end || *s.p != '{')
		return -1;
	data = s.p;
	if (scan_skip(&s) || SCAN_LIT(&s, ",\"date\":"))
		return -1;
	*at = (size_t)(data - text);
	*dlen = (size_t)(s.p - data) - strlen(",\"date\":");
	return 0;
}

int zdh_ident_valid(const char *s)
{
	return s && *s && !strpbrk(s, "<>\n\r");
}

size_t zdh_ident_too_long(const char *s)
{
	size_t n;

	/* (no more bytes than the limit: no need to count) */
	if (strlen(s) <= ZDH_IDENT_MAX || (n = zdh_utf8_len(s)) <= ZDH_IDENT_MAX)
		return 0;
	return n;
}

int zdh_ident_plain(const char *what, const char *s, int email)
{
	const unsigned char *p = (const unsigned char *)s;
	int err;

	/* a control character (an escape, a tab) or a C1 one: not a name one could type */
	while (*p) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t n = utf8proc_iterate(p, -1, &cp);

		if (n <= 0)
			return zdh_error_set(ZDH_EINVALID, _("%s is not valid UTF-8 text"), what);
		if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f))
			return zdh_error_set(ZDH_EINVALID, _("%s contains a control character (U+%04X)"),
					     what, (unsigned)cp);
		/* (an address is one word: no blank of any width) */
		if (email && utf8proc_category(cp) == UTF8PROC_CATEGORY_ZS)
			goto not_email;
		p += n;
	}
	if ((err = zdh_name_visible(what, s)))
		return err;
	if (!email)
		return 0;
	/*
	 * name@domain: what git and mail take, and what allowed-signers
	 * (zdh person allowed-signers) reads as one principal (a comma would
	 * make two, a quote a pattern of its own)
	 */
	if (!zdh_email_shaped(s))
		goto not_email;
	return 0;
not_email:
	return zdh_error_set(ZDH_EINVALID, _("%s '%s' is not an email address (such as zhangsan@example.org)"),
			     what, s);
}

int zdh_email_shaped(const char *s)
{
	const unsigned char *p;
	const char *at = strrchr(s, '@');

	if (!at || at == s || !at[1] || strchr(s, '@') != at)
		return 0;
	for (p = (const unsigned char *)s; *p; p++)
		if (*p <= ' ' || *p == 0x7f || *p == ',' || *p == '"')
			return 0;
	return 1;
}

int zdh_ident_check(const char *what, const char *s, int email)
{
	size_t n;

	if (!zdh_ident_valid(s))
		return zdh_error_set(ZDH_EINVALID, _("%s must not be empty or contain '<', '>' or a line break"),
				     what);
	if ((n = zdh_ident_too_long(s)))
		return zdh_error_set(ZDH_EINVALID, _("%s is too long (%zu characters, at most %zu)"),
				     what, n, (size_t)ZDH_IDENT_MAX);
	return zdh_ident_plain(what, s, email);
}

static void add_ident(struct zdh_buf *out, const char *header, const struct zdh_actor *a,
		      const struct zdh_time *t)
{
	/*
	 * (not zdh_buf_addf: an import writes this line for every row;
	 * author_is() reads it in place, so the two change together)
	 */
	zdh_buf_puts(out, header);
	zdh_buf_addch(out, ' ');
	zdh_buf_puts(out, a->name);
	zdh_buf_puts(out, " <");
	zdh_buf_puts(out, a->email);
	zdh_buf_puts(out, "> ");
	zdh_date_git(out, t);
	zdh_buf_addch(out, '\n');
}

int zdh_event_commit(struct zdh_buf *out, const struct zdh_event *ev, const char *parent)
{
	size_t at, data[2];
	return zdh_event_commit_at(out, ev, parent, &at, data);
}

int zdh_event_commit_at(struct zdh_buf *out, const struct zdh_event *ev, const char *parent,
			size_t *json_at, size_t data[2])
{
	int err;

	if (!zdh_ident_valid(ev->actor.name) || !zdh_ident_valid(ev->actor.email))
		return zdh_error_set(ZDH_EINVALID, _("name and email must not contain '<', '>' or a line break"));
	/* (not zdh_buf_addf either: an import builds a commit a row) */
	zdh_buf_puts(out, "tree ");
	zdh_buf_puts(out, ev->tree ? ev->tree : ZDH_EMPTY_TREE);
	zdh_buf_addch(out, '\n');
	if (parent && *parent) {
		zdh_buf_puts(out, "parent ");
		zdh_buf_puts(out, parent);
		zdh_buf_addch(out, '\n');
	}
	add_ident(out, "author", &ev->actor, &ev->date);
	add_ident(out, "committer", &ev->actor, &ev->recorded);
	zdh_buf_addch(out, '\n');
	zdh_buf_puts(out, ev->summary && *ev->summary ? ev->summary : ev->op);
	zdh_buf_puts(out, "\n\n");
	*json_at = out->len;
	if ((err = encode(out, ev, data)) < 0)
		return err;
	zdh_buf_addch(out, '\n');
	return 0;
}

/*
 * Are the bytes from p to end what zdh_date_git() writes for t?  Its
 * digits are read and compared with t, not t's written and compared with
 * them (writing them was a fortieth of a rebuild's reader): the
 * seconds with no leading zero, one space, the sign ('+' for 0), two
 * digits of hours and two of minutes below 60.  A time before 1970, or an
 * offset of 100 hours or more (which no rule lets through), is written out
 * and compared.
 */
static int date_git_is(const char *p, const char *end, const struct zdh_time *t)
{
	unsigned long long v = 0;
	unsigned a = (unsigned)(t->offset < 0 ? -t->offset : t->offset), d;
	const char *q = p, *lim = end - p > 19 ? p + 19 : end;

	if (t->t < 0 || a / 60 > 99) {
		char date[ZDH_DATE_GIT_MAX];
		size_t n = zdh_date_git_text(date, t);

		return (size_t)(end - p) == n && !memcmp(p, date, n);
	}
	/* (19 digits at most: a long long's, and no more than t has) */
	while (q < lim && (d = (unsigned)(unsigned char)*q - '0') < 10)
		v = v * 10 + d, q++;
	if (q == p || (*p == '0' && q - p > 1) || v != (unsigned long long)t->t)
		return 0;
	return end - q == 6 && q[0] == ' ' && q[1] == (t->offset < 0 ? '-' : '+') &&
	       q[2] >= '0' && q[2] <= '9' && q[3] >= '0' && q[3] <= '9' &&
	       q[4] >= '0' && q[4] <= '5' && q[5] >= '0' && q[5] <= '9' &&
	       (unsigned)((q[2] - '0') * 10 + (q[3] - '0')) == a / 60 &&
	       (unsigned)((q[4] - '0') * 10 + (q[5] - '0')) == a % 60;
}

/*
 * Is line (up to its end, the newline) what add_ident() writes for the
 * author a at t?  Compared in place: a rebuild checks every event's.
 */
static int author_is(const char *line, const char *end, const struct zdh_actor *a,
		     const struct zdh_time *t)
{
	size_t name = strlen(a->name), email = strlen(a->email);
	const char *p = line;

	if ((size_t)(end - line) < strlen("author ") + name + strlen(" <") + email + strlen("> "))
		return 0;
	if (memcmp(p, "author ", 7) || memcmp(p += 7, a->name, name) ||
	    memcmp(p += name, " <", 2) || memcmp(p += 2, a->email, email) ||
	    memcmp(p += email, "> ", 2))
		return 0;
	return date_git_is(p + 2, end, t);
}

/*
 * The seconds of an ident line, [-]DIGITS, as strtoll() reads them (out
 * of range: its LLONG_MIN or LLONG_MAX), by hand (strtoll was a
 * fiftieth of a rebuild's reader); NULL when they are not [-]DIGITS,
 * which zdh_ident_line_ok() refuses too (a '+', a blank before them).
 */
static const char *ident_secs(const char *p, long long *out)
{
	const char *q = p + (*p == '-');
	unsigned long long v = 0, max = (unsigned long long)LLONG_MAX + (*p == '-');
	int over = 0;

	if (*q < '0' || *q > '9')
		return NULL;
	for (; *q >= '0' && *q <= '9'; q++) {
		unsigned d = (unsigned)(*q - '0');
		if (v > (max - d) / 10)
			over = 1;
		else
			v = v * 10 + d;
	}
	if (*p == '-')
		*out = over ? LLONG_MIN : (long long)(0ULL - v);
	else
		*out = over ? LLONG_MAX : (long long)v;
	return q;
}

/* "Name <email> 1764223380 +0800" -> time */
static int parse_ident_time(struct zdh_time *t, const char *line, const char *end)
{
	const char *gt;
	long long secs;
	int sign, hh, mm;
	const char *e;

	if (!(gt = memrchr(line, '>', (size_t)(end - line))) || gt + 2 >= end)
		return -1;
	if (!(e = ident_secs(gt + 2, &secs)) || *e != ' ' || e + 6 > end)
		return -1;
	sign = e[1] == '-' ? -1 : e[1] == '+' ? 1 : 0;
	/* (by hand: sscanf() was a twentieth of reading a log for the index) */
	for (int i = 2; i < 6; i++)
		if (e[i] < '0' || e[i] > '9')
			sign = 0;
	if (!sign)
		return -1;
	hh = (e[2] - '0') * 10 + (e[3] - '0');
	mm = (e[4] - '0') * 10 + (e[5] - '0');
	t->t = secs;
	t->offset = sign * (hh * 60 + mm);
	return 0;
}

/*
 * An ident line's value as zdh (and git) writes it: "NAME <EMAIL>
 * SECONDS +HHMM", a name and an email as zdh_ident_valid() wants them, the
 * seconds without a + or a leading zero.  It need not be the actor:
 * only what git fsck refuses (a '<' in the name, a zero-padded date,
 * bytes after the zone) is no event.
 */
int zdh_ident_line_ok(const char *name, const char *eol)
{
	const char *lt = memchr(name, '<', (size_t)(eol - name)), *gt, *q;

	if (!lt || lt - name < 2 || lt[-1] != ' ' || !(gt = memchr(lt, '>', (size_t)(eol - lt))) ||
	    gt == lt + 1 || gt[1] != ' ')
		return 0;
	/* no '>' before it, no '\r', no '<' but lt (the first): by memchr, a rebuild reads every line */
	if (memchr(name, '>', (size_t)(lt - name)) || memchr(name, '\r', (size_t)(gt - name)) ||
	    memchr(lt + 1, '<', (size_t)(gt - lt - 1)))
		return 0;
	/* SECONDS, no leading zero (a - the rule "date" names); one space; +HHMM or -HHMM; the end */
	q = gt + 2;
	if (q < eol && *q == '-')
		q++;
	if (q >= eol || *q < '0' || *q > '9' || (*q == '0' && q + 1 < eol && q[1] != ' '))
		return 0;
	while (q < eol && *q >= '0' && *q <= '9')
		q++;
	return eol - q == 6 && q[0] == ' ' && (q[1] == '+' || q[1] == '-') &&
	       strspn(q + 2, "0123456789") >= 4;
}

int zdh_event_parse_commit(struct zdh_event *ev, char parent[41], int *nparents,
			   const char *raw, size_t len)
{
	size_t at, jlen;
	return zdh_event_parse_commit_opts(ev, parent, nparents, raw, len, 0, &at, &jlen);
}

int zdh_event_parent_line(const char *line, size_t len, char parent[41])
{
	if (len < 7 || memcmp(line, "parent ", 7))
		return 0;
	if (len != 47)
		return -1;
	memcpy(parent, line + 7, 40);
	parent[40] = '\0';
	return 1;
}

int zdh_event_parse_commit_opts(struct zdh_event *ev, char parent[41], int *nparents,
				const char *raw, size_t len, unsigned flags,
				size_t *json_at, size_t *json_len)
{
	char one[41];
	const char *p = raw, *end = raw + len, *eol, *body, *json;
	const char *author = NULL, *author_end = NULL;
	char tree[41] = "";
	struct span summary;
	int err;

	parent[0] = '\0';
	*nparents = 0;
	memset(ev, 0, sizeof(*ev));
	/*
	 * Headers up to the blank line: exactly what zdh (and git, signing)
	 * writes, each once and in this order: tree, the parents, author,
	 * committer, then a gpgsig and its continuation lines.  Anything else
	 * (no committer, two authors, an encoding, a tree after the committer,
	 * which git itself cannot parse) is no event: git fsck names most of
	 * them, git log shows the first of two authors, and the rules would
	 * take the last.  (How many parents is the rule "parents".)
	 */
	enum { H_TREE, H_PARENT, H_COMMITTER, H_SIG, H_SIGMORE } at = H_TREE;
	while (p < end && *p != '\n') {
		eol = memchr(p, '\n', (size_t)(end - p));
		if (!eol)
			return zdh_error_set(ZDH_ECORRUPT, _("truncated commit"));
		if (at == H_TREE && !strncmp(p, "tree ", 5) && eol - p == 45) {
			memcpy(tree, p + 5, 40);
			at = H_PARENT;
		} else if (at == H_PARENT && zdh_event_parent_line(p, (size_t)(eol - p), one) > 0) {
			if (!(*nparents)++)
				memcpy(parent, one, 41);
		} else if (at == H_PARENT && !strncmp(p, "author ", 7)) {
			author = p;
			author_end = eol;
			at = H_COMMITTER;
		} else if (at == H_COMMITTER && !strncmp(p, "committer ", 10)) {
			if (parse_ident_time(&ev->recorded, p, eol) || !zdh_ident_line_ok(p + 10, eol))
				return zdh_error_set(ZDH_ECORRUPT, _("bad committer line"));
			at = H_SIG;
		} else if (at == H_SIG && !strncmp(p, "gpgsig ", 7)) {
			at = H_SIGMORE;
		} else if (at != H_SIGMORE || *p != ' ') {
			return zdh_error_set(ZDH_ECORRUPT, _("not a zdh event (its headers are not tree, parents, author, committer and a signature, each once and in that order)"));
		}
		p = eol + 1;
	}
	if (at < H_SIG)
		return zdh_error_set(ZDH_ECORRUPT, _("not a zdh event (its headers are not tree, parents, author, committer and a signature, each once and in that order)"));
	if (p >= end)
		return zdh_error_set(ZDH_ECORRUPT, _("commit has no message"));
	body = p + 1;
	/* summary line, blank line, JSON line */
	eol = memchr(body, '\n', (size_t)(end - body));
	if (!eol || eol + 1 >= end || eol[1] != '\n')
		return zdh_error_set(ZDH_ECORRUPT, _("not a zdh event (no JSON after the summary)"));
	json = eol + 2;
	if (end - json < 2 || end[-1] != '\n' || *json != '{')
		return zdh_error_set(ZDH_ECORRUPT, _("not a zdh event (no JSON after the summary)"));
	summary.at = body;
	summary.len = (size_t)(eol - body);
	if ((err = decode(ev, json, (size_t)(end - json - 1), flags, &summary)) < 0)
		return err;
	*json_at = (size_t)(json - raw);
	*json_len = (size_t)(end - json - 1);
	/* an actor git's own readers (and git fsck) would read otherwise: no event */
	if (!zdh_ident_valid(ev->actor.name) || !zdh_ident_valid(ev->actor.email)) {
		zdh_event_clear(ev);
		return zdh_error_set(ZDH_ECORRUPT, _("name and email must not contain '<', '>' or a line break"));
	}
	if (memchr(body, '\0', (size_t)(eol - body))) {
		zdh_event_clear(ev);
		return zdh_error_set(ZDH_ECORRUPT, _("not a zdh event (a NUL byte in its summary)"));
	}
	/* the author line is the event's actor and date, nothing else */
	if (!author || !author_is(author, author_end, &ev->actor, &ev->date)) {
		zdh_event_clear(ev);
		return zdh_error_set(ZDH_ECORRUPT, _("author does not match the event's actor and date"));
	}
	if (!ev->summary)	/* (the strict decoder's event: not in a pool) */
		ev->summary = zdh_strndup(body, (size_t)(eol - body));
	if (strcmp(tree, ZDH_EMPTY_TREE))
		ev->tree = zdh_strdup(tree);
	return 0;
}

int zdh_when_seen(const struct zdh_when *w, const json_t *seen)
{
	json_t *c;

	if (!seen)
		return 1;
	c = json_object_get(seen, w->replica ? w->replica : "");
	return json_is_integer(c) && w->clock <= json_integer_value(c);
}

int zdh_when_within(const struct zdh_when *w, long long from, long long until,
		    const struct zdh_when *end)
{
	size_t n;
	int c;

	if (w->recorded < from)
		return 0;
	if (!until || w->recorded < until)
		return 1;
	if (w->recorded > until || !end)
		return 0;
	/* the second that ended it: fold order decides, as every replica folds */
	if (w->clock != end->clock)
		return w->clock < end->clock;
	if ((c = strcmp(w->replica ? w->replica : "", end->replica ? end->replica : "")))
		return c < 0;
	n = strlen(w->id ? w->id : "");
	if (end->id && strlen(end->id) < n)
		n = strlen(end->id);
	return n && strncmp(w->id, end->id, n) < 0;
}

/* Which verdict outweighs which, over a key's periods (zdh_when_status). */
static int status_weight(enum zdh_sig_status st)
{
	switch (st) {
	case ZDH_SIG_NOT_YET: return 1;
	case ZDH_SIG_REVOKED: return 2;
	case ZDH_SIG_COMPROMISED: return 3;
	case ZDH_SIG_GOOD: return 4;
	default: return 0;
	}
}

enum zdh_sig_status zdh_when_status(enum zdh_sig_status so_far, const struct zdh_when *w,
				    long long from, long long until, const struct zdh_when *end,
				    const json_t *seen)
{
	enum zdh_sig_status st;

	if (zdh_when_within(w, from, until, end))
		st = zdh_when_seen(w, seen) ? ZDH_SIG_GOOD : ZDH_SIG_COMPROMISED;
	else
		st = w->recorded < from ? ZDH_SIG_NOT_YET : ZDH_SIG_REVOKED;
	return status_weight(st) > status_weight(so_far) ? st : so_far;
}

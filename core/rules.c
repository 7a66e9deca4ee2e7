/*
 * rules — the validity of an event, from the event and its own log alone
 * (include/rules.h; the rules are listed in zdh-repository(5), RULES).
 *
 * Each rule looks only at what struct zdh_rule_input holds: the commit,
 * its decoded event, the replica of the log holding it and its parent's
 * clock.  Never at the index, the configuration, the clock of the machine
 * or other logs: two replicas holding the same log reach the same verdict
 * on each of its events.  This module does no I/O (a tree is read through
 * the caller's callback) and keeps no state.
 */
#define _GNU_SOURCE	/* memmem */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "error.h"
#include "i18n.h"
#include "json.h"
#include "kind.h"
#include "odb.h"
#include "output.h"
#include "repo.h"
#include "rules.h"

_Static_assert(ZDH_ATTACHMENT_HARD_MAX <= ZDH_OBJECT_MAX && ZDH_COMMIT_MAX <= ZDH_OBJECT_MAX,
	       "zdh reads every object a valid event may have (odb.h)");
#include "sha1.h"

/* ---- names ---- */

/* A kind or operation name: [a-z][a-z0-9-]*, at most 32 bytes. */
static int word_valid(const char *s)
{
	size_t n = 0;

	if (!s || !islower((unsigned char)*s))
		return 0;
	for (; *s; s++, n++)
		if (!(islower((unsigned char)*s) || isdigit((unsigned char)*s) || *s == '-'))
			return 0;
	return n <= 32;
}

/*
 * PREFIX-N or PREFIX-LN: PREFIX upper-case letters and digits, L the
 * kind's letter (any upper-case letter for a kind this binary does not
 * know), N a number without leading zero (include/rules.h: the lengths).
 */
int zdh_record_id_valid(const char *kind_name, const char *id)
{
	const struct zdh_kind *kind = kind_name ? zdh_kind_find(kind_name) : NULL;
	const char *dash = id ? strrchr(id, '-') : NULL, *p;
	size_t digits = 0;

	if (!dash || dash == id || dash - id > ZDH_ID_PREFIX_MAX)
		return 0;
	for (p = id; p < dash; p++)
		if (!(isupper((unsigned char)*p) || isdigit((unsigned char)*p)))
			return 0;
	p = dash + 1;
	if (kind && kind->letter && *p++ != kind->letter)
		return 0;
	if (!kind && isupper((unsigned char)*p))
		p++;
	if (*p < '1' || *p > '9')
		return 0;
	while (isdigit((unsigned char)*p))
		p++, digits++;
	return *p == '\0' && digits <= ZDH_ID_DIGITS_MAX;
}

/* ---- text ---- */

int zdh_text_valid(const char *what, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + len;

	while (p < end) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t n;
		int plain;

		if (*p >= 0x20 && *p < 0x7f) {
			p++;
			continue;
		}
		/* (most Chinese: no control character there) */
		if (zdh_utf8_plain(p, (size_t)(end - p), &plain) == 3) {
			p += 3;
			continue;
		}
		if (!*p)
			return zdh_error_set(ZDH_EINVALID, _("%s contains a NUL byte"), what);
		n = utf8proc_iterate(p, end - p, &cp);
		if (n < 0 || cp < 0)
			return zdh_error_set(ZDH_EINVALID, _("%s is not valid UTF-8 text"), what);
		if ((cp < 0x20 && cp != '\t' && cp != '\n') || (cp >= 0x7f && cp <= 0x9f))
			return zdh_error_set(ZDH_EINVALID, _("%s contains a control character (U+%04X)"),
					     what, (unsigned)cp);
		p += n;
	}
	return 0;
}

/* ---- the rules ---- */

static int rule_size(const struct zdh_rule_input *in)
{
	if (in->raw_len > ZDH_COMMIT_MAX)
		return zdh_error_set(ZDH_EINVALID, _("the commit is %zu bytes, more than %d"),
				     in->raw_len, ZDH_COMMIT_MAX);
	if (in->json && in->json_len > ZDH_EVENT_JSON_MAX)
		return zdh_error_set(ZDH_EINVALID, _("the event is %zu bytes, more than %d"),
				     in->json_len, ZDH_EVENT_JSON_MAX);
	return 0;
}

/* Canonical JSON with exactly the known fields: the decoder's verdict. */
static int rule_event(const struct zdh_rule_input *in)
{
	if (!in->ev)
		return zdh_error_set(ZDH_EINVALID, "%s",
				     in->decode_error ? in->decode_error : _("not a zdh event"));
	return 0;
}

static int rule_canonical(const struct zdh_rule_input *in)
{
	if (in->ev->noncanonical)
		return zdh_error_set(ZDH_EINVALID, _("the event's JSON is not canonical"));
	return 0;
}

static int rule_parents(const struct zdh_rule_input *in)
{
	if (in->nparents > 1)
		return zdh_error_set(ZDH_EINVALID, _("a merge: a log must be one linear chain"));
	return 0;
}

static int rule_replica(const struct zdh_rule_input *in)
{
	if (!zdh_replica_valid(in->ev->replica))
		return zdh_error_set(ZDH_EINVALID, _("'%s' is not a replica name"), in->ev->replica);
	if (in->log && strcmp(in->log, in->ev->replica))
		return zdh_error_set(ZDH_EINVALID, _("event of replica '%s' on the log of '%s'"),
				     in->ev->replica, in->log);
	return 0;
}

static int rule_clock(const struct zdh_rule_input *in)
{
	long long c = in->ev->clock;

	if (c < 1 || c > ZDH_CLOCK_MAX)
		return zdh_error_set(ZDH_EINVALID, _("clock %lld is outside 1 to %lld"), c, ZDH_CLOCK_MAX);
	if (c <= in->parent_clock)
		return zdh_error_set(ZDH_EINVALID, _("clock %lld does not increase from the previous event's %lld"),
				     c, in->parent_clock);
	return 0;
}

static int time_ok(const struct zdh_time *t)
{
	return t->t >= ZDH_DATE_MIN && t->t <= ZDH_DATE_MAX &&
	       t->offset >= -ZDH_OFFSET_MAX && t->offset <= ZDH_OFFSET_MAX;
}

static int rule_date(const struct zdh_rule_input *in)
{
	if (!time_ok(&in->ev->date))
		return zdh_error_set(ZDH_EINVALID, _("date %lld%+d is outside 1970-01-01 to 9999-12-30 (UTC)"),
				     in->ev->date.t, in->ev->date.offset);
	if (!time_ok(&in->ev->recorded))
		return zdh_error_set(ZDH_EINVALID, _("recorded date %lld%+d is outside 1970-01-01 to 9999-12-30 (UTC)"),
				     in->ev->recorded.t, in->ev->recorded.offset);
	return 0;
}

static int rule_names(const struct zdh_rule_input *in)
{
	const struct zdh_event *ev = in->ev;

	if (!word_valid(ev->kind))
		return zdh_error_set(ZDH_EINVALID, _("'%s' is not a kind name"), ev->kind);
	if (!word_valid(ev->op))
		return zdh_error_set(ZDH_EINVALID, _("'%s' is not an operation name"), ev->op);
	if (!zdh_record_id_valid(ev->kind, ev->record))
		return zdh_error_set(ZDH_EINVALID, _("malformed %s id '%s'"), ev->kind, ev->record);
	return 0;
}

/*
 * seen names the latest event of the record its writer had seen.  That
 * event may be on any log, which the receiver may not hold (yet): so the
 * rule is only that it is a commit id, in git's lower-case hex, and not
 * the event's own.  (verify, which holds what it holds, says more.)
 */
static int rule_seen(const struct zdh_rule_input *in)
{
	const char *s = in->ev->seen;

	if (!s)
		return 0;
	/* (forty lower-case hex digits and the end: an id, without decoding it) */
	if (strlen(s) != 40 || strspn(s, "0123456789abcdef") != 40)
		return zdh_error_set(ZDH_EINVALID, _("seen '%.48s' is not a commit id"), s);
	if (in->id && !strcmp(s, in->id))
		return zdh_error_set(ZDH_EINVALID, _("seen names the event itself"));
	return 0;
}

/*
 * Is this part of a name (between backslashes, which Windows reads as
 * folders) one git keeps for itself on some file system?  git fsck
 * refuses a tree holding one (hasDotgit, and the .gitmodules checks), and
 * so do hosts that check what is pushed to them: a peer's event naming one
 * would stop every office relaying its log.  Read as HFS+ and NTFS read
 * it: invisible code points (U+200C-U+200F, U+202A-U+202E, U+206A-U+206F,
 * U+FEFF) left out, ASCII letters in any case, a stream (":...") and
 * trailing spaces and dots cut; then any name beginning .git, .mailmap,
 * or a short name (8.3) Windows may give one of those: a beginning of
 * gitmod, gitatt, gitign, mailma or of their hashed short forms (git~1
 * too), then ~ and a number.  (A wider net than git's, on purpose.)
 */
static int git_reserved_part(const char *p, const char *end)
{
	static const char *const shorts[] = {
		"gitmod", "gi7eba", "gitatt", "gi7d29", "gitign", "gi250a", "mailma", "maba30"
	};
	char low[16];
	size_t n = 0, t;

	while (p < end && n < sizeof(low)) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)p, end - p, &cp);
		if (k <= 0)
			return 0;	/* (not text: refused as such) */
		p += k;
		if ((cp >= 0x200c && cp <= 0x200f) || (cp >= 0x202a && cp <= 0x202e) ||
		    (cp >= 0x206a && cp <= 0x206f) || cp == 0xfeff)
			continue;
		if (cp == ':')
			break;
		if (cp >= 0x80)
			cp = 0x80;	/* (no reserved name has one) */
		low[n++] = (char)tolower(cp);
	}
	if (p < end && n == sizeof(low) && low[0] != '.')
		return 0;	/* longer than any short name */
	for (t = n; t && (low[t - 1] == ' ' || low[t - 1] == '.'); t--)
		;
	if ((t >= 4 && !memcmp(low, ".git", 4)) || (t >= 8 && !memcmp(low, ".mailmap", 8)))
		return 1;
	for (size_t i = 0; i < t; i++) {
		if (low[i] != '~')
			continue;
		if (i + 1 >= t || low[i + 1] < '1' || low[i + 1] > '9')
			return 0;
		for (size_t d = i + 2; d < t; d++)
			if (low[d] < '0' || low[d] > '9')
				return 0;
		/* (git~1: "git" begins gitmod) */
		for (size_t k = 0; k < sizeof(shorts) / sizeof(*shorts); k++)
			if (i <= 6 && !memcmp(low, shorts[k], i))
				return 1;
		return 0;
	}
	return 0;
}

static int git_reserved(const char *name, size_t len)
{
	const char *p = name, *end = name + len, *bs;

	for (; p <= end; p = bs + 1) {
		bs = memchr(p, '\\', (size_t)(end - p));
		if (!bs)
			bs = end;
		if (git_reserved_part(p, bs))
			return 1;
	}
	return 0;
}

/*
 * An attachment's name: 1-255 bytes of text, no '/', not "." or "..", and
 * none git keeps for itself (git_reserved()).
 */
static int name_ok(const char *name, size_t len)
{
	if (!len || len > 255 || memchr(name, '/', len) || memchr(name, '\0', len) ||
	    (len == 1 && name[0] == '.') || (len == 2 && name[0] == '.' && name[1] == '.'))
		return 0;
	return !zdh_text_valid("", name, len) && !memchr(name, '\n', len) && !memchr(name, '\t', len) &&
	       !git_reserved(name, len);
}

int zdh_attachment_name_valid(const char *name)
{
	return name && name_ok(name, strlen(name));
}

/* The event's data.attachments, parsed from its JSON when the decoder left the data out. */
static json_t *attachments_of(const struct zdh_rule_input *in, json_t **owned)
{
	const struct zdh_event *ev = in->ev;
	size_t at, len;

	*owned = NULL;
	if (ev->data)
		return json_object_get(ev->data, "attachments");
	if (!in->json)
		return NULL;
	/* the data's place, when the decoder kept it: only that is looked through */
	if (ev->data_len && ev->data_at + ev->data_len <= in->json_len) {
		at = ev->data_at;
		len = ev->data_len;
	} else if (!memmem(in->json, in->json_len, "\"attachments\"", 13) ||
		   zdh_event_data_span(in->json, in->json_len, &at, &len)) {
		return NULL;
	}
	if (!memmem(in->json + at, len, "\"attachments\"", 13) ||
	    !(*owned = zdh_json_parse(in->json + at, len, NULL)))
		return NULL;
	return json_object_get(*owned, "attachments");
}

/*
 * Two names of a tree in git's order: the bytes, a folder's name as if
 * it ended in '/' (git's base_name_compare()); 0 when the names are the
 * same (a tree naming one twice, whatever their modes).
 */
static int git_tree_cmp(const char *a, size_t alen, int adir, const char *b, size_t blen, int bdir)
{
	int c = memcmp(a, b, alen < blen ? alen : blen);
	unsigned char ca, cb;

	if (c || alen == blen)
		return c;
	ca = alen > blen ? (unsigned char)a[blen] : adir ? '/' : '\0';
	cb = blen > alen ? (unsigned char)b[alen] : bdir ? '/' : '\0';
	return ca < cb ? -1 : ca > cb ? 1 : (alen < blen ? -1 : 1);
}

/* What a tree entry names, in git's word (translated: the message is shown, and stored in English). */
static const char *type_word(int type)
{
	switch (type) {
	case ZDH_OBJ_COMMIT:
		return _("commit");
	case ZDH_OBJ_TREE:
		return _("tree");
	case ZDH_OBJ_TAG:
		return _("tag");
	case ZDH_OBJ_BLOB:
		return _("blob");
	default:
		return "?";
	}
}

/*
 * No tree (the empty tree) and no data.attachments; or a tree of plain
 * files (mode 100644) with safe names, each naming a blob (when held),
 * listed in data.attachments one for one (name, blob id, a size within
 * ZDH_ATTACHMENT_HARD_MAX).
 */
static int check_tree(const struct zdh_rule_input *in, json_t *list)
{
	struct zdh_buf tree = ZDH_BUF_INIT;
	const char *p, *end, *prev = NULL;
	size_t n = 0, i, prev_len = 0;
	json_t *a;
	int err = 0, type;

	if (!in->ev->tree) {
		if (list)
			return zdh_error_set(ZDH_EINVALID, _("attachments listed without a tree"));
		return 0;
	}
	if (!json_is_array(list) || !json_array_size(list))
		return zdh_error_set(ZDH_EINVALID, _("a tree without data.attachments"));
	if (json_array_size(list) > ZDH_ATTACHMENTS_MAX)
		return zdh_error_set(ZDH_EINVALID, _("more than %d attachments"), ZDH_ATTACHMENTS_MAX);
	json_array_foreach(list, i, a) {
		json_t *size = json_object_get(a, "size"), *name = json_object_get(a, "name");
		json_t *id = json_object_get(a, "id");
		if (!json_is_object(a) || json_object_size(a) != 3 || !json_is_string(name) ||
		    !json_is_string(id) || !json_is_integer(size) ||
		    json_integer_value(size) < 0 || json_integer_value(size) > ZDH_ATTACHMENT_HARD_MAX ||
		    !name_ok(json_string_value(name), json_string_length(name)))
			return zdh_error_set(ZDH_EINVALID, _("attachment %zu is not {name, id, size} within the limits"),
					     i + 1);
	}
	if (!in->read_tree)
		return 0;
	if ((err = in->read_tree(in->ctx, in->ev->tree, &tree)))
		return zdh_error_set(ZDH_EINVALID, _("cannot read its tree %.12s"), in->ev->tree);
	/* "100644 NAME\0<20 bytes>" ..., each name after the one before in git's order */
	for (p = tree.ptr, end = p + tree.len; p < end && !err; n++) {
		const char *name, *nul = memchr(p, '\0', (size_t)(end - p));
		size_t len;
		char hex[41];
		json_t *want = json_array_get(list, n);
		if (!nul || end - nul < 21) {
			err = zdh_error_set(ZDH_EINVALID, _("its tree is damaged"));
			break;
		}
		if (strncmp(p, "100644 ", 7)) {
			err = zdh_error_set(ZDH_EINVALID, _("tree entry '%.*s' is not a plain file"),
					    (int)(nul - p), p);
			break;
		}
		name = p + 7;
		len = (size_t)(nul - name);
		if (!name_ok(name, len))
			err = zdh_error_set(ZDH_EINVALID, _("tree entry name '%.*s' is not safe"),
					    (int)len > 64 ? 64 : (int)len, name);
		/* (files only: git compares the bytes, a name before any it begins) */
		if (!err && prev) {
			if (git_tree_cmp(prev, prev_len, 0, name, len, 0) >= 0)
				err = zdh_error_set(ZDH_EINVALID, _("tree entry '%s' is not after '%s' in git's order"),
						    name, prev);
		}
		prev = name;
		prev_len = len;
		zdh_oid_tohex(hex, (const unsigned char *)nul + 1);
		if (!err && (!want || strcmp(json_string_value(json_object_get(want, "name")), name) ||
			     strcmp(json_string_value(json_object_get(want, "id")), hex)))
			err = zdh_error_set(ZDH_EINVALID, _("tree entry '%s' is not attachment %zu"),
					    name, n + 1);
		/*
		 * A file names a blob: git fsck refuses a tree whose file is a
		 * tree, a commit or a tag, and nothing could read it.  One not
		 * held is not judged (it comes with the tree: a pull copies
		 * what a tree names, or fails), as before.
		 */
		if (!err && in->entry_type && (type = in->entry_type(in->ctx, n, hex)) &&
		    type != ZDH_OBJ_BLOB)
			err = zdh_error_set(ZDH_EINVALID, _("tree entry '%s' names a %s, not a file"),
					    name, type_word(type));
		p = nul + 21;
	}
	if (!err && n != json_array_size(list))
		err = zdh_error_set(ZDH_EINVALID, ngettext("the tree holds %zu file, data.attachments lists %zu",
							   "the tree holds %zu files, data.attachments lists %zu",
							   (unsigned long)n), n, json_array_size(list));
	zdh_buf_release(&tree);
	return err;
}

static int rule_tree(const struct zdh_rule_input *in)
{
	json_t *owned, *list = attachments_of(in, &owned);
	int err = check_tree(in, list);

	if (owned)
		json_decref(owned);
	return err;
}

/* Later rules may assume the earlier ones passed (from "parents" on, ev is set). */
const struct zdh_rule zdh_rules[] = {
	{ "size", rule_size },
	{ "event", rule_event },
	{ "canonical", rule_canonical },
	{ "parents", rule_parents },
	{ "replica", rule_replica },
	{ "clock", rule_clock },
	{ "date", rule_date },
	{ "names", rule_names },
	{ "seen", rule_seen },
	{ "tree", rule_tree },
	{ NULL, NULL }
};

int zdh_event_valid(const struct zdh_rule_input *in)
{
	for (const struct zdh_rule *r = zdh_rules; r->name; r++) {
		int err = r->check(in);
		if (err) {
			char *why = zdh_strdup(zdh_error_msg());
			zdh_error_set(ZDH_EINVALID, "%s: %s", r->name, why);
			free(why);
			return ZDH_EINVALID;
		}
	}
	return 0;
}

/* ---- what git fsck refuses (a peer's objects, checked before a pull keeps them) ---- */

/* A header line "WORD <40 hex digits>" of a commit or tag. */
static int id_line(const char *p, const char *eol, const char *word)
{
	size_t w = strlen(word);

	return (size_t)(eol - p) == w + 41 && !memcmp(p, word, w) && p[w] == ' ' &&
	       strspn(p + w + 1, "0123456789abcdef") == 40;
}

/* The next header line from *p (not the blank line ending them), or NULL. */
static const char *header_line(const char **p, const char *end)
{
	const char *line = *p, *eol;

	if (line >= end || *line == '\n' || !(eol = memchr(line, '\n', (size_t)(end - line))))
		return NULL;
	*p = eol + 1;
	return line;
}

/*
 * An author, committer or tagger line's value as git fsck takes it: as
 * the rule "event" reads the committer's (zdh_ident_line_ok()), and a
 * date git can hold (badDateOverflow: none before 1970, none past 2^63).
 */
static int git_ident_ok(const char *name, const char *eol)
{
	const char *gt, *q;
	size_t digits;

	if (!zdh_ident_line_ok(name, eol))
		return 0;
	gt = memchr(name, '>', (size_t)(eol - name));
	q = gt + 2;
	digits = strspn(q, "0123456789");
	return *q != '-' && (digits < 19 || (digits == 19 && memcmp(q, "9223372036854775807", 19) <= 0));
}

static int check_commit_object(const char *data, size_t len)
{
	const char *p = data, *end = data + len, *line;

	/* git fsck --strict: nulInHeader, nulInCommit (the rule "event"'s NUL in a summary) */
	if (memchr(data, '\0', len))
		return zdh_error_set(ZDH_ECORRUPT, _("a NUL byte in the commit"));
	if (!(line = header_line(&p, end)) || !id_line(line, p - 1, "tree"))
		return zdh_error_set(ZDH_ECORRUPT, _("no tree line first"));
	while ((line = header_line(&p, end)) && !strncmp(line, "parent ", 7))
		if (!id_line(line, p - 1, "parent"))
			return zdh_error_set(ZDH_ECORRUPT, _("a bad parent line"));
	/* the committer's and the actor's form, as the rule "event" reads them */
	if (!line || strncmp(line, "author ", 7) || !git_ident_ok(line + 7, p - 1))
		return zdh_error_set(ZDH_ECORRUPT, _("a bad or missing author line"));
	if (!(line = header_line(&p, end)) || strncmp(line, "committer ", 10) ||
	    !git_ident_ok(line + 10, p - 1))
		return zdh_error_set(ZDH_ECORRUPT, _("a bad or missing committer line"));
	while (header_line(&p, end))
		;
	if (p >= end || *p != '\n')
		return zdh_error_set(ZDH_ECORRUPT, _("truncated commit"));
	return 0;
}

static int check_tag_object(const char *data, size_t len)
{
	const char *p = data, *end = data + len, *line;

	if (memchr(data, '\0', len))
		return zdh_error_set(ZDH_ECORRUPT, _("a NUL byte in the tag"));
	if (!(line = header_line(&p, end)) || !id_line(line, p - 1, "object") ||
	    !(line = header_line(&p, end)) || strncmp(line, "type ", 5) ||
	    !(line = header_line(&p, end)) || strncmp(line, "tag ", 4) || line + 4 == p - 1 ||
	    !(line = header_line(&p, end)) || strncmp(line, "tagger ", 7) ||
	    !git_ident_ok(line + 7, p - 1))
		return zdh_error_set(ZDH_ECORRUPT, _("not a tag git reads (object, type, tag and tagger lines)"));
	return 0;
}

/* What a tree entry's mode says it names; 0 for a mode git fsck --strict refuses. */
static int mode_type(const char *mode, size_t len)
{
	static const struct { const char *mode; int type; } modes[] = {
		{ "100644", ZDH_OBJ_BLOB }, { "100755", ZDH_OBJ_BLOB }, { "120000", ZDH_OBJ_BLOB },
		{ "40000", ZDH_OBJ_TREE }, { "160000", ZDH_OBJ_COMMIT }
	};

	for (size_t i = 0; i < sizeof(modes) / sizeof(*modes); i++)
		if (strlen(modes[i].mode) == len && !memcmp(mode, modes[i].mode, len))
			return modes[i].type;
	return 0;
}

static int check_tree_object(const char *data, size_t len,
			     int (*type_of)(void *ctx, const char *id), void *ctx)
{
	const char *p = data, *end = data + len, *prev = NULL;
	size_t prev_len = 0;
	int prev_dir = 0;

	while (p < end) {
		const char *sp = memchr(p, ' ', (size_t)(end - p)), *name, *nul;
		size_t nlen;
		int want, type, c;
		char hex[41];

		if (!sp || !(nul = memchr(sp, '\0', (size_t)(end - sp))) || end - nul < 21)
			return zdh_error_set(ZDH_ECORRUPT, _("its tree is damaged"));
		name = sp + 1;
		nlen = (size_t)(nul - name);
		if (!(want = mode_type(p, (size_t)(sp - p))))
			return zdh_error_set(ZDH_ECORRUPT, _("tree entry '%.*s' has mode %.*s, which git does not take"),
					     (int)(nlen > 64 ? 64 : nlen), name, (int)(sp - p > 8 ? 8 : sp - p), p);
		/* (and the names git keeps for itself, as the rule "tree" reads them) */
		if (!nlen || memchr(name, '/', nlen) || (nlen == 1 && name[0] == '.') ||
		    (nlen == 2 && name[0] == '.' && name[1] == '.') || git_reserved(name, nlen))
			return zdh_error_set(ZDH_ECORRUPT, _("tree entry name '%.*s' is not safe"),
					     (int)(nlen > 64 ? 64 : nlen), name);
		if (prev && !(c = git_tree_cmp(prev, prev_len, prev_dir, name, nlen, want == ZDH_OBJ_TREE)))
			return zdh_error_set(ZDH_ECORRUPT, _("tree entry '%.*s' appears twice"),
					     (int)(nlen > 64 ? 64 : nlen), name);
		if (prev && c > 0)
			return zdh_error_set(ZDH_ECORRUPT, _("tree entry '%.*s' is not after '%.*s' in git's order"),
					     (int)(nlen > 64 ? 64 : nlen), name,
					     (int)(prev_len > 64 ? 64 : prev_len), prev);
		zdh_oid_tohex(hex, (const unsigned char *)nul + 1);
		/* a file names a blob, a folder a tree (a submodule's commit is not held) */
		if (want != ZDH_OBJ_COMMIT && type_of && (type = type_of(ctx, hex)) && type != want)
			return zdh_error_set(ZDH_ECORRUPT, want == ZDH_OBJ_TREE ?
					     _("tree entry '%.*s' is a folder but names a %s") :
					     _("tree entry '%.*s' names a %s, not a file"),
					     (int)(nlen > 64 ? 64 : nlen), name, type_word(type));
		prev = name;
		prev_len = nlen;
		prev_dir = want == ZDH_OBJ_TREE;
		p = nul + 21;
	}
	return 0;
}

int zdh_git_object_check(int type, const char *data, size_t len,
			 int (*type_of)(void *ctx, const char *id), void *ctx)
{
	switch (type) {
	case ZDH_OBJ_COMMIT:
		return check_commit_object(data, len);
	case ZDH_OBJ_TREE:
		return check_tree_object(data, len, type_of, ctx);
	case ZDH_OBJ_TAG:
		return check_tag_object(data, len);
	default:
		return 0;	/* (a blob: git checks only .gitmodules, a name no tree may hold) */
	}
}

/* ---- reading a log ---- */

void zdh_commit_parents(const char *raw, size_t len, char parent[41], int *n)
{
	const char *p = raw, *end = raw + len, *eol;
	char one[41];

	parent[0] = '\0';
	*n = 0;
	while (p < end && *p != '\n' && (eol = memchr(p, '\n', (size_t)(end - p)))) {
		if (zdh_event_parent_line(p, (size_t)(eol - p), one) > 0 && !(*n)++)
			memcpy(parent, one, 41);
		p = eol + 1;
	}
}

/* l cleared, its raw holding the commit */
static void logged_parse(struct zdh_logged *l, const char *id, unsigned flags)
{
	char parent[41];
	int n, bad;

	zdh_copy_str(l->id, sizeof(l->id), id);
	bad = zdh_event_parse_commit_opts(&l->ev, l->parent, &l->nparents, l->raw.ptr, l->raw.len,
					  flags, &l->json_at, &l->json_len);
	if (bad) {
		/* (the parents a parse that succeeds finds are these: it takes no other header line) */
		zdh_commit_parents(l->raw.ptr, l->raw.len, l->parent, &l->nparents);
		/* its error is a part of the invalid event's note: in English, as every note stored (include/i18n.h) */
		zdh_i18n_english_begin();
		zdh_event_parse_commit_opts(&l->ev, parent, &n, l->raw.ptr, l->raw.len, flags,
					    &l->json_at, &l->json_len);
		zdh_i18n_english_end();
		l->error = zdh_strdup(zdh_error_msg());
		l->json_len = 0;
		memset(&l->ev, 0, sizeof(l->ev));
		return;
	}
	zdh_copy_str(l->ev.id, sizeof(l->ev.id), id);
	l->decoded = 1;
}

void zdh_logged_parse(struct zdh_logged *l, const char *id, const char *raw, size_t len,
		      unsigned flags)
{
	zdh_logged_clear(l);
	zdh_buf_add(&l->raw, raw, len);
	logged_parse(l, id, flags);
}

void zdh_logged_parse_buf(struct zdh_logged *l, const char *id, struct zdh_buf *raw, unsigned flags)
{
	struct zdh_buf t;

	zdh_logged_clear(l);
	t = l->raw, l->raw = *raw, *raw = t;
	logged_parse(l, id, flags);
}

int zdh_logged_judge(struct zdh_logged *l, const char *log, long long parent_clock,
		     int (*read_tree)(void *ctx, const char *id, struct zdh_buf *out),
		     int (*entry_type)(void *ctx, size_t n, const char *id), void *ctx)
{
	struct zdh_rule_input in = {
		l->id, l->raw.ptr, l->raw.len, l->decoded ? &l->ev : NULL, l->error,
		l->json_len ? l->raw.ptr + l->json_at : NULL, l->json_len, l->nparents,
		log, parent_clock, read_tree, ctx, entry_type
	};

	int bad;

	free(l->invalid);
	l->invalid = NULL;
	if (!(bad = zdh_event_valid(&in) != 0))
		return 0;
	/* the note stored of an invalid event: in English (include/i18n.h), judged again so */
	zdh_i18n_english_begin();
	zdh_event_valid(&in);
	zdh_i18n_english_end();
	l->invalid = zdh_strdup(zdh_error_msg());
	return 1;
}

long long zdh_logged_clock(const struct zdh_logged *l)
{
	return l->decoded ? l->ev.clock : 0;
}

void zdh_logged_clear(struct zdh_logged *l)
{
	if (!l->raw.ptr)
		zdh_buf_init(&l->raw);
	if (!l->tree.ptr)
		zdh_buf_init(&l->tree);
	if (!l->types.ptr)
		zdh_buf_init(&l->types);
	zdh_buf_reset(&l->raw);
	zdh_buf_reset(&l->tree);
	zdh_buf_reset(&l->types);
	l->tree_read = 0;
	if (l->decoded)
		zdh_event_clear(&l->ev);
	memset(&l->ev, 0, sizeof(l->ev));
	free(l->error);
	free(l->invalid);
	l->error = l->invalid = NULL;
	l->decoded = 0;
	l->id[0] = l->parent[0] = '\0';
	l->nparents = 0;
	l->json_at = l->json_len = 0;
}

void zdh_logged_release(struct zdh_logged *l)
{
	zdh_logged_clear(l);
	zdh_buf_release(&l->raw);
	zdh_buf_release(&l->tree);
	zdh_buf_release(&l->types);
}

int zdh_commit_tree(const char *raw, size_t len, char id[41])
{
	if (len < 46 || strncmp(raw, "tree ", 5) || raw[45] != '\n')
		return -1;
	memcpy(id, raw + 5, 40);
	id[40] = '\0';
	return 0;
}

int zdh_logged_tree_cb(void *ctx, const char *id, struct zdh_buf *out)
{
	struct zdh_logged *l = ctx;

	(void)id;
	if (!l->tree_read)
		return ZDH_ENOTFOUND;
	zdh_buf_add(out, l->tree.ptr, l->tree.len);
	return 0;
}

int zdh_logged_type_cb(void *ctx, size_t n, const char *id)
{
	const struct zdh_logged *l = ctx;

	(void)id;
	return l->tree_read && n < l->types.len ? (unsigned char)l->types.ptr[n] : 0;
}

/*
 * config — git-config files read and written without libgit2.
 *
 * The parser follows git's config.c character by character: a UTF-8 BOM,
 * CRLF, comments after # or ;, [section], [section "subsection"] (with \"
 * and \\ in the subsection), the old [section.subsection] (lower-cased, as
 * git does), several items on one line, bare keys (read as "true"), quotes,
 * the escapes \" \\ \n \t \b and backslash-newline continuation.  What git
 * refuses (a key with no section, "key # comment" without "=", an unknown
 * escape) is refused here too, as "bad config line N in 'PATH'".
 *
 * The parser also notes where each header and each entry lies in the file.
 * That is all the writer needs to change one key and copy every other byte
 * as it was.  A file is only ever replaced whole: "<path>.lock" created with
 * O_EXCL, written, made durable and renamed over the file (core/lockfile.c).  Numbers are decimal (git would also take 0x10 and 010).
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "config.h"
#include "error.h"
#include "i18n.h"
#include "lockfile.h"

struct entry {
	char *key;		/* section lower-case, subsection as written, name lower-case */
	char *value;		/* NULL for a bare key */
	size_t begin, end;	/* the bytes replaced or removed when writing this key */
	size_t section;		/* index of the header above it */
};

struct section {
	char *prefix;		/* "section" or "section.subsection", as keys spell it */
	size_t insert_at;	/* where a new key goes when the section has none */
};

struct zdh_config {
	struct entry *entries;
	size_t nentries, aentries;
	struct section *sections;
	size_t nsections, asections;
};

/* git's ctype: ASCII only, whatever the locale. */
static int is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int is_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_keychar(int c)
{
	return is_alpha(c) || (c >= '0' && c <= '9') || c == '-';
}

static int to_lower(int c)
{
	return (c >= 'A' && c <= 'Z') ? c + ('a' - 'A') : c;
}

static void config_clear(struct zdh_config *cfg)
{
	size_t i;

	for (i = 0; i < cfg->nentries; i++) {
		free(cfg->entries[i].key);
		free(cfg->entries[i].value);
	}
	for (i = 0; i < cfg->nsections; i++)
		free(cfg->sections[i].prefix);
	free(cfg->entries);
	free(cfg->sections);
	memset(cfg, 0, sizeof(*cfg));
}

void zdh_config_free(struct zdh_config *cfg)
{
	if (!cfg)
		return;
	config_clear(cfg);
	free(cfg);
}

/* ---- parsing ---- */

struct parser {
	const char *buf;
	size_t len, pos;
	int line;	/* line of the next character */
	int cline;	/* line of the character last read, for messages */
	int eof;
};

/* git's get_next_char(): CRLF reads as LF, the end of the file as LF. */
static int next_char(struct parser *ps)
{
	int c;

	if (ps->pos >= ps->len) {
		ps->eof = 1;
		ps->cline = ps->line;
		return '\n';
	}
	c = (unsigned char)ps->buf[ps->pos++];
	if (c == '\r' && ps->pos < ps->len && ps->buf[ps->pos] == '\n') {
		ps->pos++;
		c = '\n';
	}
	ps->cline = ps->line;
	if (c == '\n')
		ps->line++;
	return c;
}

static int parse_value(struct parser *ps, struct zdh_buf *out)
{
	int quote = 0, comment = 0, c;
	size_t space = 0;

	zdh_buf_reset(out);
	for (;;) {
		c = next_char(ps);
		if (c == '\n')
			return quote ? -1 : 0;
		if (comment)
			continue;
		if (c == '\0')
			return -1;
		if (is_space(c) && !quote) {
			/* inner runs of blanks stay (as spaces), outer ones go */
			if (out->len)
				space++;
			continue;
		}
		if (!quote && (c == ';' || c == '#')) {
			comment = 1;
			continue;
		}
		for (; space; space--)
			zdh_buf_addch(out, ' ');
		if (c == '\\') {
			c = next_char(ps);
			switch (c) {
			case '\n':
				continue;
			case 't':
				c = '\t';
				break;
			case 'b':
				c = '\b';
				break;
			case 'n':
				c = '\n';
				break;
			case '\\':
			case '"':
				break;
			default:
				return -1;
			}
			zdh_buf_addch(out, c);
			continue;
		}
		if (c == '"') {
			quote = !quote;
			continue;
		}
		zdh_buf_addch(out, c);
	}
}

/* After "[name" and a blank: ' "subsection"]'. */
static int parse_subsection(struct parser *ps, struct zdh_buf *name, int c)
{
	do {
		if (c == '\n')
			return -1;
		c = next_char(ps);
	} while (is_space(c));
	if (c != '"' || !name->len)
		return -1;
	zdh_buf_addch(name, '.');
	for (;;) {
		c = next_char(ps);
		if (c == '\n' || c == '\0')
			return -1;
		if (c == '"')
			break;
		if (c == '\\') {
			c = next_char(ps);
			if (c == '\n' || c == '\0')
				return -1;
		}
		zdh_buf_addch(name, c);
	}
	return next_char(ps) == ']' ? 0 : -1;
}

/* "[.user]", "[user.]", "[a..b]" (with or without a subsection) would name keys no one could ask for */
static int section_ok(const struct zdh_buf *name)
{
	return name->len && name->ptr[0] != '.' && name->ptr[name->len - 1] != '.' &&
		!strstr(name->ptr, "..");
}

/* After "[": the header up to "]", as its key prefix in name. */
static int parse_header(struct parser *ps, struct zdh_buf *name)
{
	int c;

	zdh_buf_reset(name);
	for (;;) {
		c = next_char(ps);
		if (ps->eof)
			return -1;
		if (c == ']')
			break;
		if (is_space(c))
			return section_ok(name) ? parse_subsection(ps, name, c) : -1;
		if (!is_keychar(c) && c != '.')
			return -1;
		zdh_buf_addch(name, to_lower(c));
	}
	return section_ok(name) ? 0 : -1;
}

/*
 * Where a key added to a section with no keys goes: after the header's
 * line when only blanks or a comment follow the "]", else right after it.
 */
static size_t header_insert_at(const struct parser *ps)
{
	size_t i = ps->pos;

	while (i < ps->len && (ps->buf[i] == ' ' || ps->buf[i] == '\t' || ps->buf[i] == '\r'))
		i++;
	if (i < ps->len && ps->buf[i] != '\n' && ps->buf[i] != '#' && ps->buf[i] != ';')
		return ps->pos;
	while (i < ps->len && ps->buf[i] != '\n')
		i++;
	return i < ps->len ? i + 1 : i;
}

static void add_section(struct zdh_config *cfg, const char *prefix, size_t insert_at)
{
	if (cfg->nsections == cfg->asections) {
		cfg->asections = cfg->asections ? cfg->asections * 2 : 8;
		cfg->sections = zdh_realloc(cfg->sections, cfg->asections * sizeof(*cfg->sections));
	}
	cfg->sections[cfg->nsections].prefix = zdh_strdup(prefix);
	cfg->sections[cfg->nsections].insert_at = insert_at;
	cfg->nsections++;
}

static void add_entry(struct zdh_config *cfg, char *key, char *value,
		      size_t begin, size_t end, size_t section)
{
	struct entry *e;

	if (cfg->nentries == cfg->aentries) {
		cfg->aentries = cfg->aentries ? cfg->aentries * 2 : 16;
		cfg->entries = zdh_realloc(cfg->entries, cfg->aentries * sizeof(*cfg->entries));
	}
	e = &cfg->entries[cfg->nentries++];
	e->key = key;
	e->value = value;
	e->begin = begin;
	e->end = end;
	e->section = section;
}

/* Parse buf (the file at path) into cfg, after what cfg holds already. */
static int parse(struct zdh_config *cfg, const char *path, const char *buf, size_t len)
{
	struct parser ps = { buf, len, 0, 1, 1, 0 };
	struct zdh_buf name = ZDH_BUF_INIT, value = ZDH_BUF_INIT, key = ZDH_BUF_INIT;
	size_t line_start, start, cur = SIZE_MAX;
	int comment = 0, mid_line = 0, bare, c, err = 0;

	if (len >= 3 && !memcmp(buf, "\xef\xbb\xbf", 3))
		ps.pos = 3;
	line_start = ps.pos;
	for (;;) {
		start = ps.pos;
		c = next_char(&ps);
		if (c == '\n') {
			if (ps.eof)
				break;
			comment = mid_line = 0;
			line_start = ps.pos;
			continue;
		}
		if (comment || is_space(c))
			continue;
		if (c == '#' || c == ';') {
			comment = 1;
			continue;
		}
		if (c == '[') {
			if (parse_header(&ps, &name) < 0)
				goto bad;
			add_section(cfg, name.ptr, header_insert_at(&ps));
			cur = cfg->nsections - 1;
			mid_line = 1;
			continue;
		}
		if (!is_alpha(c) || cur == SIZE_MAX)
			goto bad;

		zdh_buf_reset(&key);
		zdh_buf_puts(&key, cfg->sections[cur].prefix);
		zdh_buf_addch(&key, '.');
		zdh_buf_addch(&key, to_lower(c));
		for (;;) {
			c = next_char(&ps);
			if (ps.eof || !is_keychar(c))
				break;
			zdh_buf_addch(&key, to_lower(c));
		}
		while (c == ' ' || c == '\t')
			c = next_char(&ps);
		bare = c == '\n';
		if (!bare && (c != '=' || parse_value(&ps, &value) < 0))
			goto bad;
		add_entry(cfg, zdh_buf_detach(&key), bare ? NULL : zdh_strdup(value.ptr),
			  mid_line ? start : line_start, ps.pos, cur);
		line_start = ps.pos;
		mid_line = 0;
	}
	goto done;
bad:
	err = zdh_error_set(ZDH_ERROR, _("bad config line %d in '%s'"), ps.cline, path);
done:
	zdh_buf_release(&name);
	zdh_buf_release(&value);
	zdh_buf_release(&key);
	return err;
}

/* Read path into cfg; *missing is set when there is no such file. */
static int read_file(struct zdh_config *cfg, struct zdh_buf *content, const char *path, int *missing)
{
	*missing = 0;
	if (zdh_buf_read_file(content, path) < 0) {
		if (errno == ENOENT || errno == ENOTDIR) {
			*missing = 1;
			return 0;
		}
		return zdh_error_errno(ZDH_ERROR, _("cannot read '%s'"), path);
	}
	return parse(cfg, path, content->ptr, content->len);
}

int zdh_config_load(struct zdh_config **out, const char *const *paths)
{
	struct zdh_config *cfg = zdh_calloc(1, sizeof(*cfg));
	struct zdh_buf content = ZDH_BUF_INIT;
	int err = 0, missing;

	*out = NULL;
	for (; paths && *paths; paths++) {
		zdh_buf_reset(&content);
		if ((err = read_file(cfg, &content, *paths, &missing)) < 0)
			goto done;
	}
	*out = cfg;
	cfg = NULL;
done:
	zdh_config_free(cfg);
	zdh_buf_release(&content);
	return err;
}

/* ---- keys ---- */

int zdh_config_key_valid(const char *key)
{
	const char *first, *last, *p;

	if (!key || !(first = strchr(key, '.')) || first == key)
		return 0;
	last = strrchr(key, '.');
	for (p = key; p < first; p++)
		if (!is_keychar((unsigned char)*p))
			return 0;
	for (p = first + 1; p < last; p++)
		if (*p == '\n')
			return 0;
	if (!is_alpha((unsigned char)last[1]))
		return 0;
	for (p = last + 1; *p; p++)
		if (!is_keychar((unsigned char)*p))
			return 0;
	return 1;
}

/* A valid key in place: its section and name lower-cased, the subsection as written. */
static char *lower_key(char *k)
{
	char *first = strchr(k, '.'), *last = strrchr(k, '.'), *p;

	for (p = k; p < first; p++)
		*p = (char)to_lower((unsigned char)*p);
	for (p = last + 1; *p; p++)
		*p = (char)to_lower((unsigned char)*p);
	return k;
}

/* A valid key as the parser spells it: section and name lower-cased. */
static char *canonical_key(const char *key)
{
	return lower_key(zdh_strdup(key));
}

/*
 * (the canonical key on the stack when short: a write that creates a
 * record asks for its prefix's owner, an import once a row; the keys
 * compared on their first byte first)
 */
static const struct entry *find_last(const struct zdh_config *cfg, const char *key)
{
	const struct entry *found = NULL;
	char small[128], *k;
	size_t i, n;

	if (!cfg || !zdh_config_key_valid(key))
		return NULL;
	n = strlen(key);
	k = n < sizeof(small) ? lower_key(memcpy(small, key, n + 1)) : canonical_key(key);
	for (i = cfg->nentries; i-- > 0;)
		if (cfg->entries[i].key[0] == k[0] && !strcmp(cfg->entries[i].key, k)) {
			found = &cfg->entries[i];
			break;
		}
	if (k != small)
		free(k);
	return found;
}

const char *zdh_config_get(const struct zdh_config *cfg, const char *key)
{
	const struct entry *e = find_last(cfg, key);

	if (!e)
		return NULL;
	return e->value ? e->value : "true";
}

int zdh_config_number(long long *out, const char *value)
{
	long long n, factor = 1;
	char *end;

	errno = 0;
	n = strtoll(value, &end, 10);
	if (end == value || errno == ERANGE)
		return -1;
	switch (to_lower((unsigned char)*end)) {
	case 'k':
		factor = 1024;
		break;
	case 'm':
		factor = 1024 * 1024;
		break;
	case 'g':
		factor = 1024 * 1024 * 1024;
		break;
	}
	if (factor != 1)
		end++;
	if (*end || n > LLONG_MAX / factor || n < LLONG_MIN / factor)
		return -1;
	*out = n * factor;
	return 0;
}

int zdh_config_get_int(long long *out, const struct zdh_config *cfg, const char *key, long long def)
{
	const struct entry *e = find_last(cfg, key);

	*out = def;
	if (!e)
		return 0;
	if (e->value && !zdh_config_number(out, e->value))
		return 0;
	*out = def;
	return zdh_error_set(ZDH_EINVALID, _("bad numeric config value '%s' for '%s'"),
			     e->value ? e->value : "", key);
}

int zdh_config_foreach(const struct zdh_config *cfg,
		       int (*fn)(const char *key, const char *value, void *payload),
		       void *payload)
{
	size_t i;
	int ret;

	for (i = 0; cfg && i < cfg->nentries; i++) {
		const struct entry *e = &cfg->entries[i];
		if ((ret = fn(e->key, e->value ? e->value : "true", payload)) != 0)
			return ret;
	}
	return 0;
}

void zdh_config_overlay(struct zdh_config *cfg, const char *key, const char *value)
{
	char *k = canonical_key(key);
	size_t i, m = 0;

	ZDH_ASSERT(zdh_config_key_valid(key));
	for (i = 0; i < cfg->nentries; i++)
		if (strcmp(cfg->entries[i].key, k)) {
			cfg->entries[m++] = cfg->entries[i];
		} else {
			free(cfg->entries[i].key);
			free(cfg->entries[i].value);
		}
	cfg->nentries = m;
	if (!value) {
		free(k);
		return;
	}
	/* (no place in any file: never written back, as no loaded config is) */
	add_entry(cfg, k, zdh_strdup(value), 0, 0, 0);
}

/* ---- writing ---- */

static void add_quoted(struct zdh_buf *out, const char *value)
{
	size_t len = strlen(value), i;
	int quote = !len || is_space((unsigned char)value[0]) ||
		    is_space((unsigned char)value[len - 1]) || strpbrk(value, "#;");

	if (quote)
		zdh_buf_addch(out, '"');
	for (i = 0; i < len; i++) {
		switch (value[i]) {
		case '\n':
			zdh_buf_puts(out, "\\n");
			break;
		case '\t':
			zdh_buf_puts(out, "\\t");
			break;
		case '\b':
			zdh_buf_puts(out, "\\b");
			break;
		case '"':
		case '\\':
			zdh_buf_addch(out, '\\');
			/* fall through */
		default:
			zdh_buf_addch(out, value[i]);
		}
	}
	if (quote)
		zdh_buf_addch(out, '"');
}

/* "\tname = value\n", on a line of its own. */
static void add_pair(struct zdh_buf *out, const char *name, const char *value)
{
	if (out->len && out->ptr[out->len - 1] != '\n')
		zdh_buf_addch(out, '\n');
	zdh_buf_addf(out, "\t%s = ", name);
	add_quoted(out, value);
	zdh_buf_addch(out, '\n');
}

/* "[section]" or "[section "sub"]" for the prefix of a canonical key. */
static void add_header(struct zdh_buf *out, const char *key, const char *last)
{
	const char *dot = strchr(key, '.'), *p;

	if (out->len && out->ptr[out->len - 1] != '\n')
		zdh_buf_addch(out, '\n');
	zdh_buf_addch(out, '[');
	zdh_buf_add(out, key, (size_t)(dot - key));
	if (dot != last) {
		zdh_buf_puts(out, " \"");
		for (p = dot + 1; p < last; p++) {
			if (*p == '"' || *p == '\\')
				zdh_buf_addch(out, '\\');
			zdh_buf_addch(out, *p);
		}
		zdh_buf_addch(out, '"');
	}
	zdh_buf_puts(out, "]\n");
}

/* The new content of a file holding old (parsed in cfg) with key set or unset. */
static int edit(struct zdh_buf *out, const struct zdh_buf *old, const struct zdh_config *cfg,
		const char *key, const char *value)
{
	const char *last = strrchr(key, '.');
	size_t prefix_len = (size_t)(last - key), copied = 0, i, at = SIZE_MAX, sec = SIZE_MAX;
	size_t replace = SIZE_MAX;
	int found = 0;

	for (i = 0; i < cfg->nentries; i++)
		if (!strcmp(cfg->entries[i].key, key))
			replace = i;
	if (!value) {
		for (i = 0; i < cfg->nentries; i++) {
			const struct entry *e = &cfg->entries[i];
			if (strcmp(e->key, key))
				continue;
			zdh_buf_add(out, old->ptr + copied, e->begin - copied);
			/* a key sharing its line with a header leaves the line break */
			if (e->begin && old->ptr[e->begin - 1] != '\n')
				zdh_buf_addch(out, '\n');
			copied = e->end;
			found = 1;
		}
		if (!found)
			return zdh_error_set(ZDH_ENOTFOUND, _("no such config key '%s'"), key);
		zdh_buf_add(out, old->ptr + copied, old->len - copied);
		return 0;
	}

	if (replace != SIZE_MAX) {
		const struct entry *e = &cfg->entries[replace];
		zdh_buf_add(out, old->ptr, e->begin);
		add_pair(out, last + 1, value);
		zdh_buf_add(out, old->ptr + e->end, old->len - e->end);
		return 0;
	}
	for (i = 0; i < cfg->nsections; i++)
		if (strlen(cfg->sections[i].prefix) == prefix_len &&
		    !memcmp(cfg->sections[i].prefix, key, prefix_len))
			sec = i;
	if (sec != SIZE_MAX) {
		at = cfg->sections[sec].insert_at;
		for (i = 0; i < cfg->nentries; i++)
			if (cfg->entries[i].section == sec && cfg->entries[i].end > at)
				at = cfg->entries[i].end;
		zdh_buf_add(out, old->ptr, at);
		add_pair(out, last + 1, value);
		zdh_buf_add(out, old->ptr + at, old->len - at);
		return 0;
	}
	zdh_buf_add(out, old->ptr, old->len);
	add_header(out, key, last);
	add_pair(out, last + 1, value);
	return 0;
}

/*
 * Set or unset n keys in one write of the file: each edit is made on what
 * the one before left, and the file is replaced once, or not at all.
 */
static int set(const char *path, const char *const *keys, const char *const *values, size_t n,
	       int lock_flags)
{
	struct zdh_config cfg = { 0 };
	struct zdh_buf old = ZDH_BUF_INIT, out = ZDH_BUF_INIT;
	struct zdh_tempfile lk = ZDH_TEMPFILE_INIT;
	struct stat st;
	const char *slash;
	char *dir = NULL;
	int missing, err = 0;

	for (size_t i = 0; i < n; i++)
		if (!zdh_config_key_valid(keys[i]))
			return zdh_error_set(ZDH_EINVALID, _("invalid config key '%s'"),
					     keys[i] ? keys[i] : "");
	if (zdh_lock_acquire(&lk, path, lock_flags, 0666) < 0) {
		err = zdh_error_errno(errno == EEXIST ? ZDH_ELOCKED : ZDH_ERROR,
				      _("cannot lock '%s.lock'"), path);
		goto done;
	}
	if ((err = read_file(&cfg, &old, path, &missing)) < 0)
		goto done;
	for (size_t i = 0; i < n; i++) {
		char *k = canonical_key(keys[i]);
		struct zdh_buf t;

		if (i) {
			config_clear(&cfg);
			if ((err = parse(&cfg, path, old.ptr ? old.ptr : "", old.len)) < 0) {
				free(k);
				goto done;
			}
		}
		zdh_buf_reset(&out);
		err = edit(&out, &old, &cfg, k, values[i]);
		free(k);
		if (err < 0)
			goto done;
		t = old, old = out, out = t;
	}
	/* keep the file's permissions (a config may hold a token) */
	if (!missing && stat(path, &st) == 0 && fchmod(lk.fd, st.st_mode & 07777) < 0) {
		err = zdh_error_errno(ZDH_ERROR, _("cannot chmod '%s'"), lk.path);
		goto done;
	}
	if (zdh_tempfile_write(&lk, old.ptr, old.len) < 0) {
		err = zdh_error_errno(ZDH_ERROR, _("cannot write '%s'"), lk.path);
		goto done;
	}
	slash = strrchr(path, '/');
	dir = slash ? zdh_strndup(path, slash == path ? 1 : (size_t)(slash - path)) : zdh_strdup(".");
	if (zdh_lock_commit(&lk, zdh_sync_mode(dir), ZDH_COMMIT_FLUSH) < 0)
		err = zdh_error_errno(ZDH_ERROR, _("cannot replace '%s'"), path);
done:
	zdh_tempfile_delete(&lk);
	config_clear(&cfg);
	zdh_buf_release(&old);
	zdh_buf_release(&out);
	free(dir);
	return err;
}

int zdh_config_set(const char *path, const char *key, const char *value)
{
	return set(path, &key, &value, 1, 0);
}

int zdh_config_set_locked(const char *path, const char *key, const char *value)
{
	return set(path, &key, &value, 1, ZDH_LOCK_STALE_OK);
}

int zdh_config_set_many(const char *path, const char *const *keys, const char *const *values,
			size_t n)
{
	return set(path, keys, values, n, 0);
}

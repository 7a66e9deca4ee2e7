/*
 * json — the canonical JSON writer and a strict reader (see include/json.h).
 * Both work on jansson values; neither owns state.
 */
#include <errno.h>
#include <limits.h>
#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "plain16.h"

/* Bytes that end a run of plain string characters. */
static const unsigned char str_stop[256] = {
	[0x00 ... 0x1f] = 1, ['"'] = 1, ['\\'] = 1, [0x80 ... 0xff] = 1,
};

/* Whether the 8 bytes of v hold one JSON must escape. */
static inline int word_stops(uint64_t v)
{
	return zdh_plain_marks(v, 0) != 0;
}

/*
 * Whether the len bytes at s need no escape, as most strings of an event
 * or a state (keys, names, titles): 8 bytes at a time and the last 8
 * again (what they share had none), 4 to 7 as the first and the last
 * four in one word, shorter ones a byte at a time.
 */
static inline int plain(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	uint64_t v;
	uint32_t lo, hi;
	size_t i;

	if (len >= 8) {
		for (i = 0; i + 8 <= len; i += 8) {
			memcpy(&v, p + i, 8);
			if (word_stops(v))
				return 0;
		}
		memcpy(&v, p + len - 8, 8);
		return i == len || !word_stops(v);
	}
	if (len >= 4) {
		memcpy(&lo, p, 4);
		memcpy(&hi, p + len - 4, 4);
		return !word_stops((uint64_t)lo | (uint64_t)hi << 32);
	}
	for (i = 0; i < len; i++)
		if (p[i] < 0x20 || p[i] == '"' || p[i] == '\\')
			return 0;
	return 1;
}

static void put_string(struct zdh_buf *out, const char *s, size_t len)
{
	static const char hex[] = "0123456789ABCDEF";
	const char *run = s, *end = s + len;

	zdh_buf_grow(out, len + 2);
	out->ptr[out->len++] = '"';
	if (plain(s, len)) {	/* (the room grown above: no second check) */
		memcpy(out->ptr + out->len, s, len);
		out->len += len;
		out->ptr[out->len++] = '"';
		out->ptr[out->len] = '\0';
		return;
	}
	for (;;) {
		unsigned char c;
		const char *esc = NULL;
		unsigned k;

		/* the bytes that need no escape, eight at a time */
		while (end - s >= 8 && (k = zdh_plain8((const unsigned char *)s, 0)) == 8)
			s += 8;
		if (end - s >= 8)
			s += k;
		else
			while (s < end && (unsigned char)*s >= 0x20 && *s != '"' && *s != '\\')
				s++;
		if (s == end)
			break;
		c = (unsigned char)*s;
		zdh_buf_add(out, run, (size_t)(s - run));
		run = ++s;
		switch (c) {
		case '"': esc = "\\\""; break;
		case '\\': esc = "\\\\"; break;
		case '\b': esc = "\\b"; break;
		case '\f': esc = "\\f"; break;
		case '\n': esc = "\\n"; break;
		case '\r': esc = "\\r"; break;
		case '\t': esc = "\\t"; break;
		}
		if (esc) {
			zdh_buf_puts(out, esc);
		} else {
			char u[6] = { '\\', 'u', '0', '0', hex[c >> 4], hex[c & 15] };
			zdh_buf_add(out, u, 6);
		}
	}
	zdh_buf_add(out, run, (size_t)(end - run));
	zdh_buf_addch(out, '"');
}

void zdh_json_join(struct zdh_buf *out, const json_t *array, const char *sep)
{
	size_t i;
	json_t *v;

	json_array_foreach(array, i, v)
		zdh_buf_addf(out, "%s%s", i ? sep : "", json_string_value(v));
}

void zdh_json_put_string(struct zdh_buf *out, const char *s)
{
	put_string(out, s, strlen(s));
}

struct member {
	const char *key;
	const json_t *value;
	size_t len;		/* of key */
};

static int cmp_keys(const void *a, const void *b)
{
	return strcmp(((const struct member *)a)->key, ((const struct member *)b)->key);
}

/*
 * An object's members in the order of their keys: by insertion up to 16
 * of them (an event's objects have 2 to 8), not by qsort's merge sort
 * and its calls of cmp_keys (the main thread of an import of 6,000
 * visits: 654.5 to 642.6 million instructions).  The keys are distinct:
 * the same order either way.
 */
static inline int key_after(const char *a, const char *b)
{
	unsigned char ca = (unsigned char)a[0], cb = (unsigned char)b[0];

	return ca != cb ? ca > cb : strcmp(a, b) > 0;
}

static void sort_members(struct member *m, size_t n)
{
	if (n > 16) {
		qsort(m, n, sizeof(*m), cmp_keys);
		return;
	}
	for (size_t i = 1; i < n; i++) {
		struct member x = m[i];
		size_t j = i;

		/* (most keys differ at their first byte: strcmp() only when they do not) */
		for (; j > 0 && key_after(m[j - 1].key, x.key); j--)
			m[j] = m[j - 1];
		m[j] = x;
	}
}

static int put(struct zdh_buf *out, const json_t *j)
{
	switch (json_typeof(j)) {
	case JSON_OBJECT: {
		size_t n = json_object_size(j), i = 0;
		struct member stack[16], *m = n <= 16 ? stack : zdh_malloc(n * sizeof(*m));
		int err = 0;

		/* (by the iterator: its key's length kept, not found by strlen() nor the key looked up again) */
		for (void *it = json_object_iter((json_t *)j); it && i < n;
		     it = json_object_iter_next((json_t *)j, it))
			m[i++] = (struct member){ json_object_iter_key(it), json_object_iter_value(it),
						  json_object_iter_key_len(it) };
		sort_members(m, n);
		zdh_buf_addch(out, '{');
		for (i = 0; i < n && !err; i++) {
			const json_t *v = m[i].value;

			if (i)
				zdh_buf_addch(out, ',');
			put_string(out, m[i].key, m[i].len);
			zdh_buf_addch(out, ':');
			/* (a record's members are strings and numbers: written here, not by a call of put() each) */
			if (json_is_string(v))
				put_string(out, json_string_value(v), json_string_length(v));
			else if (json_is_integer(v))
				zdh_buf_add_decimal(out, json_integer_value(v));
			else
				err = put(out, v);
		}
		zdh_buf_addch(out, '}');
		if (m != stack)
			free(m);
		return err;
	}
	case JSON_ARRAY: {
		size_t i;
		json_t *v;

		zdh_buf_addch(out, '[');
		json_array_foreach((json_t *)j, i, v) {
			if (i)
				zdh_buf_addch(out, ',');
			if (put(out, v))
				return -1;
		}
		zdh_buf_addch(out, ']');
		return 0;
	}
	case JSON_STRING:
		put_string(out, json_string_value(j), json_string_length(j));
		return 0;
	case JSON_INTEGER:
		/* (snprintf() was a fifth of encoding a record's setters) */
		zdh_buf_add_decimal(out, json_integer_value(j));
		return 0;
	case JSON_TRUE:
		zdh_buf_puts(out, "true");
		return 0;
	case JSON_FALSE:
		zdh_buf_puts(out, "false");
		return 0;
	case JSON_NULL:
		zdh_buf_puts(out, "null");
		return 0;
	default:
		return -1;	/* reals have no canonical spelling here */
	}
}

int zdh_json_canonical(struct zdh_buf *out, const json_t *j)
{
	size_t len = out->len;

	if (put(out, j)) {
		zdh_buf_setlen(out, len);
		return -1;
	}
	return 0;
}

/*
 * The reader.  jansson's json_loadb() pulls the text through a stream one
 * character at a time, with a callback and a UTF-8 check per character and
 * a copy of every token: ~61,000 instructions for a 320-byte event, where
 * this takes ~14,000, most of them in jansson's constructors.  This is a
 * recursive descent over the span itself that accepts exactly what
 * json_loadb(text, len, JSON_REJECT_DUPLICATES, err) accepts (tests/unit/
 * jsonparse.c holds it to that) and builds the same jansson values.
 */


struct parse {
	const unsigned char *start, *p, *end;
	json_error_t *err;
	char *scratch;		/* unescaped strings; keys stay pushed until set */
	size_t top, cap;
	int max_depth;		/* values deep, the top one 1 */
	char small[512];	/* the scratch buffer until a string needs more */
};

/* Set the error at byte at; always returns NULL. */
static __attribute__((cold, format(printf, 4, 5)))
void *fail(struct parse *ps, const unsigned char *at, enum json_error_code code, const char *fmt, ...)
{
	const unsigned char *q;
	va_list ap;
	int line = 1, column = 0;

	if (!ps->err)
		return NULL;
	if (at > ps->end)
		at = ps->end;
	/* jansson counts lines from 1 and columns in characters, up to and
	   including the one it stopped at */
	for (q = ps->start; q < at; q++) {
		if (*q == '\n') {
			line++;
			column = 0;
		} else if ((*q & 0xc0) != 0x80) {
			column++;
		}
	}
	if (at < ps->end && *at != '\n' && (*at & 0xc0) != 0x80)
		column++;
	ps->err->line = line;
	ps->err->column = column;
	ps->err->position = (int)(at - ps->start) + (at < ps->end);
	va_start(ap, fmt);
	vsnprintf(ps->err->text, JSON_ERROR_TEXT_LENGTH - 1, fmt, ap);
	va_end(ap);
	ps->err->text[JSON_ERROR_TEXT_LENGTH - 1] = (char)code;
	return NULL;
}

/* A byte for a message: itself if printable ASCII, else its code. */
static const char *show(const struct parse *ps, const unsigned char *at, char buf[8])
{
	if (at >= ps->end)
		return "end of input";
	if (*at > 0x20 && *at < 0x7f)
		snprintf(buf, 8, "'%c'", *at);
	else
		snprintf(buf, 8, "0x%02x", *at);
	return buf;
}

static void scratch_reserve(struct parse *ps, size_t n)
{
	if (ps->top + n <= ps->cap)
		return;
	ps->cap = (ps->top + n) * 2;
	if (ps->scratch == ps->small) {
		ps->scratch = zdh_malloc(ps->cap);
		memcpy(ps->scratch, ps->small, ps->top);
	} else {
		ps->scratch = zdh_realloc(ps->scratch, ps->cap);
	}
}

static inline const unsigned char *skip_ws(const unsigned char *p, const unsigned char *end)
{
	while (p < end && (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r'))
		p++;
	return p;
}

/* Length of the well-formed UTF-8 sequence at p (lead byte >= 0x80), or 0:
   no overlong forms, no surrogates, nothing above U+10FFFF. */
static inline size_t utf8_len(const unsigned char *p, const unsigned char *end)
{
	unsigned char c = p[0], lo = 0x80, hi = 0xbf;
	size_t n, i;

	if (c < 0xc2)
		return 0;
	if (c < 0xe0) {
		n = 2;
	} else if (c < 0xf0) {
		n = 3;
		if (c == 0xe0)
			lo = 0xa0;
		else if (c == 0xed)
			hi = 0x9f;
	} else if (c < 0xf5) {
		n = 4;
		if (c == 0xf0)
			lo = 0x90;
		else if (c == 0xf4)
			hi = 0x8f;
	} else {
		return 0;
	}
	if ((size_t)(end - p) < n || p[1] < lo || p[1] > hi)
		return 0;
	for (i = 2; i < n; i++)
		if ((p[i] & 0xc0) != 0x80)
			return 0;
	return n;
}

/* The four hex digits at p, or -1. */
static inline long hex4(const unsigned char *p, const unsigned char *end)
{
	long v = 0;
	int i;

	if (end - p < 4)
		return -1;
	for (i = 0; i < 4; i++) {
		unsigned c = p[i], d;

		if (c - '0' < 10)
			d = c - '0';
		else if ((c | 0x20) - 'a' < 6)
			d = (c | 0x20) - 'a' + 10;
		else
			return -1;
		v = v << 4 | d;
	}
	return v;
}

static char *put_utf8(char *o, unsigned long cp)
{
	if (cp < 0x80) {
		*o++ = (char)cp;
	} else if (cp < 0x800) {
		*o++ = (char)(0xc0 | cp >> 6);
		*o++ = (char)(0x80 | (cp & 0x3f));
	} else if (cp < 0x10000) {
		*o++ = (char)(0xe0 | cp >> 12);
		*o++ = (char)(0x80 | (cp >> 6 & 0x3f));
		*o++ = (char)(0x80 | (cp & 0x3f));
	} else {
		*o++ = (char)(0xf0 | cp >> 18);
		*o++ = (char)(0x80 | (cp >> 12 & 0x3f));
		*o++ = (char)(0x80 | (cp >> 6 & 0x3f));
		*o++ = (char)(0x80 | (cp & 0x3f));
	}
	return o;
}

/*
 * The string whose opening quote is at ps->p.  Without escapes its value is
 * the input span itself, 0 is returned; with them it is unescaped into the
 * scratch buffer at ps->top and 1 is returned (the value is never longer than
 * its source).  -1 on error.
 */
static int parse_string(struct parse *ps, const char **s, size_t *n)
{
	const unsigned char *p = ps->p + 1, *end = ps->end, *first = p, *run = p;
	char *o = NULL, *obase = NULL;

	for (;;) {
		unsigned char c;

		while (end - p >= 8) {
			unsigned i = zdh_plain8(p, 1);

			p += i;
			if (i < 8)
				goto stop;
		}
		while (p < end && !str_stop[*p])
			p++;
stop:
		if (p >= end) {
			fail(ps, p, json_error_premature_end_of_input, "premature end of input");
			return -1;
		}
		c = *p;
		if (c == '"')
			break;
		if (c >= 0x80) {
			size_t len = utf8_len(p, end);

			if (!len) {
				fail(ps, p, json_error_invalid_utf8, "invalid UTF-8 byte 0x%02x", c);
				return -1;
			}
			p += len;
			continue;
		}
		if (c != '\\') {
			if (c == '\n')
				fail(ps, p, json_error_invalid_syntax, "unexpected newline in string");
			else
				fail(ps, p, json_error_invalid_syntax, "control character 0x%02x in string", c);
			return -1;
		}
		if (!o) {
			scratch_reserve(ps, (size_t)(end - first));
			o = obase = ps->scratch + ps->top;
		}
		memcpy(o, run, (size_t)(p - run));
		o += p - run;
		if (p + 1 >= end) {
			fail(ps, end, json_error_premature_end_of_input, "premature end of input");
			return -1;
		}
		switch (p[1]) {
		case '"': *o++ = '"'; break;
		case '\\': *o++ = '\\'; break;
		case '/': *o++ = '/'; break;
		case 'b': *o++ = '\b'; break;
		case 'f': *o++ = '\f'; break;
		case 'n': *o++ = '\n'; break;
		case 'r': *o++ = '\r'; break;
		case 't': *o++ = '\t'; break;
		case 'u': {
			long cp = hex4(p + 2, end), lo;

			if (cp < 0) {
				fail(ps, p, json_error_invalid_syntax, "invalid \\u escape");
				return -1;
			}
			if (cp >= 0xd800 && cp <= 0xdbff) {
				if (end - p < 12 || p[6] != '\\' || p[7] != 'u' ||
				    (lo = hex4(p + 8, end)) < 0xdc00 || lo > 0xdfff) {
					fail(ps, p, json_error_invalid_syntax,
					     "invalid Unicode: lone surrogate \\u%04lX", cp);
					return -1;
				}
				cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
				p += 6;
			} else if (cp >= 0xdc00 && cp <= 0xdfff) {
				fail(ps, p, json_error_invalid_syntax,
				     "invalid Unicode: lone surrogate \\u%04lX", cp);
				return -1;
			} else if (cp == 0) {
				fail(ps, p, json_error_null_character, "\\u0000 is not allowed in a string");
				return -1;
			}
			o = put_utf8(o, (unsigned long)cp);
			p += 4;
			break;
		}
		default:
			fail(ps, p, json_error_invalid_syntax, "invalid escape");
			return -1;
		}
		p += 2;
		run = p;
	}
	ps->p = p + 1;
	if (!o) {
		*s = (const char *)first;
		*n = (size_t)(p - first);
		return 0;
	}
	memcpy(o, run, (size_t)(p - run));
	o += p - run;
	*s = obase;
	*n = (size_t)(o - obase);
	return 1;
}

static inline int is_digit(unsigned char c)
{
	return (unsigned)(c - '0') < 10;
}

#if JSON_INTEGER_IS_LONG_LONG
#define ZDH_JSON_INT_MAX LLONG_MAX
#else
#define ZDH_JSON_INT_MAX LONG_MAX
#endif

static json_t *parse_number(struct parse *ps)
{
	const unsigned char *p = ps->p, *end = ps->end, *start = p, *digits;
	int neg = 0, real = 0;

	if (*p == '-') {
		neg = 1;
		p++;
	}
	digits = p;
	if (p >= end || !is_digit(*p))
		return fail(ps, p, json_error_invalid_syntax, "invalid number");
	if (*p == '0') {
		p++;
		if (p < end && is_digit(*p))
			return fail(ps, p, json_error_invalid_syntax, "invalid number: leading zero");
	} else {
		while (p < end && is_digit(*p))
			p++;
	}
	if (p < end && *p == '.') {
		p++;
		if (p >= end || !is_digit(*p))
			return fail(ps, p, json_error_invalid_syntax, "invalid number");
		while (p < end && is_digit(*p))
			p++;
		real = 1;
	}
	if (p < end && (*p | 0x20) == 'e') {
		p++;
		if (p < end && (*p == '+' || *p == '-'))
			p++;
		if (p >= end || !is_digit(*p))
			return fail(ps, p, json_error_invalid_syntax, "invalid number");
		while (p < end && is_digit(*p))
			p++;
		real = 1;
	}
	ps->p = p;
	if (!real) {
		/* what strtoll would make of it, ERANGE included */
		unsigned long long u = 0, limit = (unsigned long long)ZDH_JSON_INT_MAX + neg;
		const unsigned char *q;

		for (q = digits; q < p; q++) {
			unsigned d = *q - '0';

			if (u > (limit - d) / 10)
				return fail(ps, start, json_error_numeric_overflow,
					    neg ? "too big negative integer" : "too big integer");
			u = u * 10 + d;
		}
		return json_integer(neg ? (json_int_t)(0 - u) : (json_int_t)u);
	} else {
		/* strtod wants a terminated string with the locale's decimal
		   point, as jansson gives it */
		size_t len = (size_t)(p - start);
		char stack[64], *buf = len < sizeof(stack) ? stack : zdh_malloc(len + 1), *dot, *e;
		const char *point = localeconv()->decimal_point;
		double d;

		memcpy(buf, start, len);
		buf[len] = '\0';
		if (point[0] != '.' && point[0] && !point[1] && (dot = memchr(buf, '.', len)))
			*dot = point[0];
		errno = 0;
		d = strtod(buf, &e);
		if (buf != stack)
			free(buf);
		if ((d == HUGE_VAL || d == -HUGE_VAL) && errno == ERANGE)
			return fail(ps, start, json_error_numeric_overflow, "real number overflow");
		return json_real(d);
	}
}

static json_t *parse_value(struct parse *ps, int depth);

/* Past an object's or array's opening: 1 when close follows at once (and past it too). */
static int empty(struct parse *ps, char close)
{
	ps->p = skip_ws(ps->p + 1, ps->end);
	if (ps->p < ps->end && *ps->p == close) {
		ps->p++;
		return 1;
	}
	return 0;
}

/* After an item of an object or array: 1 past a ',', 0 past close, -1 (failed) else. */
static int next_item(struct parse *ps, char close)
{
	char b[8];

	ps->p = skip_ws(ps->p, ps->end);
	if (ps->p < ps->end && *ps->p == ',') {
		ps->p = skip_ws(ps->p + 1, ps->end);
		return 1;
	}
	if (ps->p < ps->end && *ps->p == close) {
		ps->p++;
		return 0;
	}
	fail(ps, ps->p, json_error_invalid_syntax, "',' or '%c' expected, not %s", close,
	     show(ps, ps->p, b));
	return -1;
}

/* Does key a (n bytes) sort before key b (m bytes), as the canonical writer orders them? */
static int key_before(const char *a, size_t n, const char *b, size_t m)
{
	int d = memcmp(a, b, n < m ? n : m);

	return d < 0 || (d == 0 && n < m);
}

static json_t *parse_object(struct parse *ps, int depth)
{
	json_t *obj = json_object();
	const unsigned char *end = ps->end;
	/*
	 * The greatest key so far, while every key was read without an
	 * escape (it lies in the text): a key after it is no duplicate,
	 * without a lookup.  Canonical text, all zdh writes, sorts its keys.
	 */
	const char *max = NULL;
	size_t max_len = 0;
	int ordered = 1;

	if (empty(ps, '}'))
		return obj;
	for (;;) {
		const char *key;
		size_t klen, mark = ps->top;
		json_t *v;
		char b[8];
		int escaped;

		if (ps->p >= end || *ps->p != '"') {
			fail(ps, ps->p, json_error_invalid_syntax,
			     "string or '}' expected, not %s", show(ps, ps->p, b));
			goto error;
		}
		escaped = parse_string(ps, &key, &klen);
		if (escaped < 0)
			goto error;
		if (escaped) {	/* keep it from the value's strings */
			ps->top += klen;
			ordered = 0;
		}
		if (ordered && (!max || key_before(max, max_len, key, klen))) {
			max = key;
			max_len = klen;
		} else if (json_object_getn(obj, key, klen)) {
			fail(ps, ps->p - 1, json_error_duplicate_key, "duplicate object key");
			goto error;
		}
		ps->p = skip_ws(ps->p, end);
		if (ps->p >= end || *ps->p != ':') {
			fail(ps, ps->p, json_error_invalid_syntax, "':' expected, not %s", show(ps, ps->p, b));
			goto error;
		}
		ps->p = skip_ws(ps->p + 1, end);
		v = parse_value(ps, depth + 1);
		if (!v)
			goto error;
		if (escaped)	/* in case the scratch buffer moved */
			key = ps->scratch + mark;
		if (json_object_setn_new_nocheck(obj, key, klen, v)) {
			fail(ps, ps->p, json_error_out_of_memory, "out of memory");
			goto error;
		}
		ps->top = mark;
		switch (next_item(ps, '}')) {
		case 1:
			continue;
		case 0:
			return obj;
		}
		goto error;
	}
error:
	json_decref(obj);
	return NULL;
}

static json_t *parse_array(struct parse *ps, int depth)
{
	json_t *arr = json_array();

	if (empty(ps, ']'))
		return arr;
	for (;;) {
		json_t *v = parse_value(ps, depth + 1);

		if (!v || json_array_append_new(arr, v)) {
			if (v)
				fail(ps, ps->p, json_error_out_of_memory, "out of memory");
			json_decref(arr);
			return NULL;
		}
		switch (next_item(ps, ']')) {
		case 1:
			continue;
		case 0:
			return arr;
		}
		json_decref(arr);
		return NULL;
	}
}

/* The value at ps->p (white space skipped); depth counts every value, the
   top one 1, as jansson's does. */
static json_t *parse_value(struct parse *ps, int depth)
{
	const unsigned char *p = ps->p;
	size_t left = (size_t)(ps->end - p);
	char b[8];

	if (depth > ps->max_depth)
		return fail(ps, p, json_error_stack_overflow, "maximum parsing depth reached");
	if (!left)
		return fail(ps, p, json_error_premature_end_of_input, "premature end of input");
	switch (*p) {
	case '{':
		return parse_object(ps, depth);
	case '[':
		return parse_array(ps, depth);
	case '"': {
		const char *s;
		size_t n;

		if (parse_string(ps, &s, &n) < 0)
			return NULL;
		return json_stringn_nocheck(s, n);
	}
	case '-': case '0': case '1': case '2': case '3': case '4':
	case '5': case '6': case '7': case '8': case '9':
		return parse_number(ps);
	case 't':
		if (left >= 4 && !memcmp(p, "true", 4)) {
			ps->p += 4;
			return json_true();
		}
		break;
	case 'f':
		if (left >= 5 && !memcmp(p, "false", 5)) {
			ps->p += 5;
			return json_false();
		}
		break;
	case 'n':
		if (left >= 4 && !memcmp(p, "null", 4)) {
			ps->p += 4;
			return json_null();
		}
		break;
	}
	if (*p >= 0x80 && !utf8_len(p, ps->end))
		return fail(ps, p, json_error_invalid_utf8, "invalid UTF-8 byte 0x%02x", *p);
	return fail(ps, p, json_error_invalid_syntax, "unexpected %s", show(ps, p, b));
}

json_t *zdh_json_parse(const char *text, size_t len, json_error_t *err)
{
	return zdh_json_parse_max(text, len, JSON_PARSER_MAX_DEPTH, err);
}

json_t *zdh_json_parse_max(const char *text, size_t len, int max_depth, json_error_t *err)
{
	struct parse ps;
	json_t *j = NULL;
	char b[8];

	ps.start = (const unsigned char *)(text ? text : "");	/* a NULL column */
	ps.end = ps.start + (text ? len : 0);
	ps.err = err;
	ps.scratch = ps.small;
	ps.top = 0;
	ps.cap = sizeof(ps.small);
	ps.max_depth = max_depth;
	if (err) {
		err->line = -1;
		err->column = -1;
		err->position = 0;
		memcpy(err->source, "<buffer>", sizeof("<buffer>"));
		err->text[0] = '\0';
	}
	ps.p = skip_ws(ps.start, ps.end);
	if (ps.p >= ps.end || (*ps.p != '{' && *ps.p != '['))
		return fail(&ps, ps.p, json_error_invalid_syntax,
			    "'[' or '{' expected, not %s", show(&ps, ps.p, b));
	j = parse_value(&ps, 1);
	if (j) {
		ps.p = skip_ws(ps.p, ps.end);
		if (ps.p < ps.end) {
			fail(&ps, ps.p, json_error_end_of_input_expected,
			     "end of input expected, not %s", show(&ps, ps.p, b));
			json_decref(j);
			j = NULL;
		}
	}
	if (ps.scratch != ps.small)
		free(ps.scratch);
	return j;
}

/* ---- picking strings out of a canonical object ---- */

static int pick_hexval(int c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 :
	       c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

static const char *pick_hex4(const char *p, const char *end, unsigned *v)
{
	int d;

	*v = 0;
	if (end - p < 4)
		return NULL;
	for (int i = 0; i < 4; i++) {
		if ((d = pick_hexval((unsigned char)p[i])) < 0)
			return NULL;
		*v = *v << 4 | (unsigned)d;
	}
	return p + 4;
}

static void pick_utf8(struct zdh_buf *out, unsigned cp)
{
	char b[4];
	size_t n;

	if (cp < 0x80) {
		b[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		b[0] = (char)(0xc0 | cp >> 6);
		b[1] = (char)(0x80 | (cp & 0x3f));
		n = 2;
	} else if (cp < 0x10000) {
		b[0] = (char)(0xe0 | cp >> 12);
		b[1] = (char)(0x80 | (cp >> 6 & 0x3f));
		b[2] = (char)(0x80 | (cp & 0x3f));
		n = 3;
	} else {
		b[0] = (char)(0xf0 | cp >> 18);
		b[1] = (char)(0x80 | (cp >> 12 & 0x3f));
		b[2] = (char)(0x80 | (cp >> 6 & 0x3f));
		b[3] = (char)(0x80 | (cp & 0x3f));
		n = 4;
	}
	zdh_buf_add(out, b, n);
}

/* A string at p (after its opening quote): its end after the closing quote; copied unescaped to out when out. */
static const char *pick_string(const char *p, const char *end, struct zdh_buf *out)
{
	while (p < end) {
		const char *q = p;
		while (q < end && *q != '"' && *q != '\\' && (unsigned char)*q >= 0x20)
			q++;
		if (out)
			zdh_buf_add(out, p, (size_t)(q - p));
		if (q >= end || (unsigned char)*q < 0x20)
			return NULL;
		if (*q == '"')
			return q + 1;
		if (++q >= end)
			return NULL;
		switch (*q) {
		case '"': case '\\': case '/':
			if (out) zdh_buf_addch(out, *q);
			p = q + 1;
			break;
		case 'b': if (out) zdh_buf_addch(out, '\b'); p = q + 1; break;
		case 'f': if (out) zdh_buf_addch(out, '\f'); p = q + 1; break;
		case 'n': if (out) zdh_buf_addch(out, '\n'); p = q + 1; break;
		case 'r': if (out) zdh_buf_addch(out, '\r'); p = q + 1; break;
		case 't': if (out) zdh_buf_addch(out, '\t'); p = q + 1; break;
		case 'u': {
			unsigned cp, lo;
			if (!(p = pick_hex4(q + 1, end, &cp)) || !cp)
				return NULL;
			if (cp >= 0xd800 && cp < 0xdc00) {
				if (end - p < 2 || p[0] != '\\' || p[1] != 'u' ||
				    !(p = pick_hex4(p + 2, end, &lo)) || lo < 0xdc00 || lo >= 0xe000)
					return NULL;
				cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
			} else if (cp >= 0xdc00 && cp < 0xe000) {
				return NULL;
			}
			if (out)
				pick_utf8(out, cp);
			break;
		}
		default:
			return NULL;
		}
	}
	return NULL;
}

/* Skip a value that is not a string (number, literal, object, array). */
static const char *skip_value(const char *p, const char *end)
{
	int depth = 0;

	while (p < end) {
		char c = *p;
		if (c == '"') {
			if (!(p = pick_string(p + 1, end, NULL)))
				return NULL;
			if (!depth)
				return p;
			continue;
		}
		if (c == '{' || c == '[') {
			depth++;
		} else if (c == '}' || c == ']') {
			if (!depth)
				return p;
			if (!--depth)
				return p + 1;
		} else if (c == ',' && !depth) {
			return p;
		}
		p++;
	}
	return NULL;
}

int zdh_json_pick_strings(const char *text, size_t len, const char *const *keys, size_t n,
			  struct zdh_buf *vals, const char **out)
{
	const char *p = text, *end = text + len;
	size_t offs[16], i, start = vals->len;
	int ret = -1;

	if (n > 16)
		return -1;
	for (i = 0; i < n; i++)
		offs[i] = SIZE_MAX;
	if (p >= end || *p++ != '{')
		goto done;
	if (p < end && *p == '}') {
		ret = 0;
		goto done;
	}
	for (;;) {
		size_t want = n, klen;
		const char *k;
		if (p >= end || *p != '"')
			goto done;
		/* zdh's keys are plain field names: one with an escape is left to a full parser */
		for (k = ++p; p < end && *p != '"' && *p != '\\'; p++)
			;
		if (p >= end || *p != '"')
			goto done;
		klen = (size_t)(p - k);
		if (++p >= end || *p++ != ':')
			goto done;
		for (i = 0; i < n; i++)
			if (!strncmp(keys[i], k, klen) && !keys[i][klen]) {
				want = i;
				break;
			}
		if (p < end && *p == '"' && want < n) {
			offs[want] = vals->len;
			p = pick_string(p + 1, end, vals);
			zdh_buf_addch(vals, '\0');
		} else if (p < end && *p == '"') {
			p = pick_string(p + 1, end, NULL);
		} else {
			p = skip_value(p, end);
		}
		if (!p || p >= end)
			goto done;
		if (*p == '}') {
			ret = p + 1 == end ? 0 : -1;
			break;
		}
		if (*p++ != ',')
			goto done;
	}
done:
	for (i = 0; i < n; i++)
		out[i] = !ret && offs[i] != SIZE_MAX ? vals->ptr + offs[i] : NULL;
	if (ret)
		zdh_buf_setlen(vals, start);
	return ret;

}

/* ---- canonical text, checked without building it again ---- */

struct ctext {
	const unsigned char *p, *end;
	int unsure;	/* a key with an escape: its order is not checked here */
	/*
	 * strict: also what the parser refuses (zdh_json_canonical_valid()):
	 * bad UTF-8, \u0000, an integer out of range, more than
	 * max values deep (depth: of the value at p).
	 */
	int strict, depth, max;
};

static int ct_value(struct ctext *c);

static int ct_string(struct ctext *c, const unsigned char **at, size_t *n, int *escaped)
{
	static const char hexu[] = "0123456789ABCDEF";
	const unsigned char *p = c->p, *end = c->end;

	if (p >= end || *p++ != '"')
		return 0;
	*at = p;
	while (p < end && *p != '"') {
		/* plain bytes 16 or 8 at a time (strict: ASCII only, UTF-8 is checked below) */
		if (end - p >= 8) {
			unsigned k = zdh_plain_run(p, (size_t)(end - p), c->strict);

			if (k) {
				p += k;
				continue;
			}
		}
		if (*p < 0x20)
			return 0;
		if (*p >= 0x80 && c->strict) {
			size_t n = utf8_len(p, end);
			if (!n)
				return 0;
			p += n;
			continue;
		}
		if (*p != '\\') {
			p++;
			continue;
		}
		*escaped = 1;
		if (++p >= end)
			return 0;
		if (strchr("\"\\bfnrt", *p) && *p) {
			p++;
			continue;
		}
		/* \u00XX for a control character without a short form, upper-case hex */
		if (*p != 'u' || end - p < 5 || p[1] != '0' || p[2] != '0' || (p[3] != '0' && p[3] != '1') ||
		    !memchr(hexu, p[4], 16) || !p[4])
			return 0;
		{
			int v = (p[3] - '0') * 16 + (int)((const char *)memchr(hexu, p[4], 16) - hexu);
			if (v == '\b' || v == '\f' || v == '\n' || v == '\r' || v == '\t' ||
			    (!v && c->strict))
				return 0;
		}
		p += 5;
	}
	if (p >= end)
		return 0;
	*n = (size_t)(p - *at);
	c->p = p + 1;
	return 1;
}

static int ct_number(struct ctext *c)
{
	const unsigned char *p = c->p, *end = c->end;

	if (p < end && *p == '-')
		p++;
	if (p >= end || *p < '0' || *p > '9')
		return 0;
	if (*p == '0') {
		if (p > c->p)	/* -0 */
			return 0;
		p++;
	} else {
		while (p < end && *p >= '0' && *p <= '9')
			p++;
	}
	if (p < end && (*p == '.' || *p == 'e' || *p == 'E'))
		return 0;
	if (c->strict) {
		/* within a json_int_t, as parse_number() takes it */
		int neg = *c->p == '-';
		unsigned long long u = 0, limit = (unsigned long long)ZDH_JSON_INT_MAX + neg;

		for (const unsigned char *q = c->p + neg; q < p; q++) {
			unsigned d = *q - '0';
			if (u > (limit - d) / 10)
				return 0;
			u = u * 10 + d;
		}
	}
	c->p = p;
	return 1;
}

static int ct_lit(struct ctext *c, const char *lit, size_t n)
{
	if ((size_t)(c->end - c->p) < n || memcmp(c->p, lit, n))
		return 0;
	c->p += n;
	return 1;
}

static int ct_item(struct ctext *c);

static int ct_value(struct ctext *c)
{
	int ok;

	if (!c->strict)
		return ct_item(c);
	if (++c->depth > c->max)
		return 0;
	ok = ct_item(c);
	c->depth--;
	return ok;
}

static int ct_item(struct ctext *c)
{
	const unsigned char *key, *prev = NULL;
	size_t n, prev_n = 0;
	int esc, prev_esc = 0;

	if (c->p >= c->end)
		return 0;
	switch (*c->p) {
	case '{':
		if (++c->p < c->end && *c->p == '}')
			return c->p++, 1;
		for (;;) {
			esc = 0;
			if (!ct_string(c, &key, &n, &esc))
				return 0;
			if (prev) {
				if (esc || prev_esc) {
					c->unsure = 1;
				} else {
					int d = memcmp(prev, key, n < prev_n ? n : prev_n);
					if (d > 0 || (d == 0 && prev_n >= n))
						return 0;
				}
			}
			prev = key, prev_n = n, prev_esc = esc;
			if (!ct_lit(c, ":", 1) || !ct_value(c))
				return 0;
			if (ct_lit(c, "}", 1))
				return 1;
			if (!ct_lit(c, ",", 1))
				return 0;
		}
	case '[':
		if (++c->p < c->end && *c->p == ']')
			return c->p++, 1;
		for (;;) {
			if (!ct_value(c))
				return 0;
			if (ct_lit(c, "]", 1))
				return 1;
			if (!ct_lit(c, ",", 1))
				return 0;
		}
	case '"':
		esc = 0;
		return ct_string(c, &key, &n, &esc);
	case 't':
		return ct_lit(c, "true", 4);
	case 'f':
		return ct_lit(c, "false", 5);
	case 'n':
		return ct_lit(c, "null", 4);
	default:
		return ct_number(c);
	}
}

int zdh_json_canonical_text(const char *text, size_t len)
{
	struct ctext c = { (const unsigned char *)text, (const unsigned char *)text + len, 0 };

	if (!ct_value(&c) || c.p != c.end)
		return 0;
	return c.unsure ? -1 : 1;
}

int zdh_json_canonical_valid_span(const char *text, size_t len, int max_depth, size_t *used)
{
	struct ctext c = { (const unsigned char *)text, (const unsigned char *)text + len, 0, 1, 0,
			   max_depth };

	if (!len || *text != '{' || !ct_value(&c) || c.unsure)
		return 0;
	*used = (size_t)(c.p - (const unsigned char *)text);
	return 1;
}

int zdh_json_canonical_valid(const char *text, size_t len)
{
	size_t used;

	return zdh_json_canonical_valid_span(text, len, JSON_PARSER_MAX_DEPTH, &used) && used == len;
}

char *zdh_json_dumps(const json_t *j, size_t flags)
{
	json_free_t jfree;
	char *s = json_dumps(j, flags), *copy;

	if (!s)
		return NULL;
	copy = zdh_strdup(s);
	json_get_alloc_funcs(NULL, &jfree);
	jfree(s);
	return copy;
}

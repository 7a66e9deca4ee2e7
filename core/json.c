/*
 * json — the canonical JSON writer (see include/json.h).  Reads jansson
 * values; owns no state.
 */
#include <stdlib.h>
#include <string.h>

#include "json.h"

static void put_string(struct zdh_buf *out, const char *s, size_t len)
{
	static const char hex[] = "0123456789ABCDEF";
	const char *run = s, *end = s + len;

	zdh_buf_grow(out, len + 2);
	zdh_buf_addch(out, '"');
	for (; s < end; s++) {
		unsigned char c = (unsigned char)*s;
		const char *esc = NULL;

		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		zdh_buf_add(out, run, (size_t)(s - run));
		run = s + 1;
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

static int cmp_keys(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int put(struct zdh_buf *out, const json_t *j)
{
	switch (json_typeof(j)) {
	case JSON_OBJECT: {
		size_t n = json_object_size(j), i = 0;
		const char *stack[16], **keys = n <= 16 ? stack : zdh_malloc(n * sizeof(*keys));
		const char *key;
		json_t *v;
		int err = 0;

		json_object_foreach((json_t *)j, key, v)
			keys[i++] = key;
		qsort(keys, n, sizeof(*keys), cmp_keys);
		zdh_buf_addch(out, '{');
		for (i = 0; i < n && !err; i++) {
			if (i)
				zdh_buf_addch(out, ',');
			put_string(out, keys[i], strlen(keys[i]));
			zdh_buf_addch(out, ':');
			err = put(out, json_object_get(j, keys[i]));
		}
		zdh_buf_addch(out, '}');
		if (keys != stack)
			free(keys);
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
	case JSON_INTEGER: {
		char num[24];
		int n = snprintf(num, sizeof(num), "%" JSON_INTEGER_FORMAT, json_integer_value(j));
		zdh_buf_add(out, num, (size_t)n);
		return 0;
	}
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

/*
 * Unit tests of jsonmem (core/jsonmem.c): jansson's memory for a bulk
 * command.  Values made before the switch are freed after it; strings of
 * every length around the size classes and past the largest keep their
 * bytes; chunks freed are given again; a second thread makes and frees
 * its own values, and frees values the first made; more than the blocks
 * hold goes to malloc; json_dumps' text is freed by free() through
 * zdh_json_dumps; twenty threads one after the other (a rebuild's walk
 * readers) take no block.
 */
#include <jansson.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "tap.h"

/* A string of n bytes, each from its place and seed. */
static char *text(size_t n, unsigned seed)
{
	char *s = malloc(n + 1);

	for (size_t i = 0; i < n; i++)
		s[i] = (char)('a' + (i * 7 + seed) % 26);
	s[n] = '\0';
	return s;
}

static int same(const json_t *v, size_t n, unsigned seed)
{
	char *want = text(n, seed);
	int ok = json_string_length(v) == n && !memcmp(json_string_value(v), want, n);

	free(want);
	return ok;
}

static json_t *made_by_thread;

static void *other(void *arg)
{
	json_t *a = json_array();
	int bad = 0;

	(void)arg;
	for (unsigned i = 0; i < 3000; i++) {
		char *s = text(i % 1500, i);
		json_array_append_new(a, json_string(s));
		free(s);
	}
	for (unsigned i = 0; i < 3000; i++)
		bad += !same(json_array_get(a, i), i % 1500, i);
	json_decref(made_by_thread);	/* the main thread's, freed here */
	made_by_thread = a;		/* and this one freed there */
	return (void *)(long)bad;
}

int main(void)
{
	json_t *before = json_pack("{s:s, s:[i,i,i]}", "a", "made before the switch", "b", 1, 2, 3);
	json_t *all = NULL, *v;
	pthread_t t;
	void *res = NULL;
	int blocks;
	char *s;
	int bad = 0;

	zdh_json_bulk_memory();
	json_object_set_new(before, "c", json_string("added after"));
	ok(json_object_size(before) == 3 && !strcmp(json_string_value(json_object_get(before, "a")),
						      "made before the switch"), "a value made before still works");
	json_decref(before);
	ok(1, "and is freed after the switch");

	all = json_array();
	for (unsigned n = 0; n <= 2100; n++) {
		s = text(n, n);
		json_array_append_new(all, json_string(s));
		free(s);
	}
	for (unsigned n = 0; n <= 2100; n++)
		bad += !same(json_array_get(all, n), n, n);
	is_int(bad, 0, "strings of 0 to 2,100 bytes keep their bytes");
	/* free every other, make as many again: the freed chunks are given again */
	for (int n = 2100; n >= 0; n -= 2)
		json_array_remove(all, (size_t)n);
	for (unsigned n = 0; n <= 2100; n += 2) {
		s = text(n, n + 1);
		json_array_append_new(all, json_string(s));
		free(s);
	}
	bad = 0;
	for (unsigned n = 1, i = 0; n <= 2100; n += 2, i++)
		bad += !same(json_array_get(all, i), n, n);
	for (unsigned n = 0, i = 1050; n <= 2100; n += 2, i++)
		bad += !same(json_array_get(all, i), n, n + 1);
	is_int(bad, 0, "after half were freed and made again, all keep their bytes");

	made_by_thread = all;
	blocks = zdh_json_bulk_blocks();
	ok(!pthread_create(&t, NULL, other, NULL) && !pthread_join(t, &res), "a second thread ran");
	is_int((int)(long)res, 0, "its 3,000 strings kept their bytes");
	bad = 0;
	for (unsigned i = 0; i < 3000; i++)
		bad += !same(json_array_get(made_by_thread, i), i % 1500, i);
	is_int(bad, 0, "and read back on the first thread");
	json_decref(made_by_thread);
	for (int i = 0; i < 20; i++) {
		made_by_thread = json_array();
		if (pthread_create(&t, NULL, other, NULL) || pthread_join(t, &res))
			bad++;
		json_decref(made_by_thread);
	}
	is_int(bad, 0, "twenty more threads ran");
	is_int(zdh_json_bulk_blocks(), blocks, "and took no block of their own");

	/* 50 MiB of small strings: past the blocks, malloc takes over */
	all = json_array();
	for (unsigned i = 0; i < 60000; i++) {
		s = text(800, i);
		json_array_append_new(all, json_string(s));
		free(s);
	}
	bad = 0;
	for (unsigned i = 0; i < 60000; i++)
		bad += !same(json_array_get(all, i), 800, i);
	is_int(bad, 0, "60,000 strings of 800 bytes (past the blocks) keep their bytes");
	json_decref(all);

	v = json_pack("{s:f, s:s}", "x", 1.5, "y", "z");
	s = zdh_json_dumps(v, JSON_COMPACT | JSON_SORT_KEYS);
	is_str(s, "{\"x\":1.5,\"y\":\"z\"}", "zdh_json_dumps gives the text");
	free(s);
	ok(1, "freed by free()");
	json_decref(v);
	return done_testing();
}

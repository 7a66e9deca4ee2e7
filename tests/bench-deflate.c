/*
 * tests/bench-deflate.c — run by tests/bench.sh (section 7): compressing
 * events one at a time, as the pack writer does, with zlib (the 4 KiB
 * window and memLevel 4 zdh used) and with libdeflate, at a few levels:
 * microseconds and bytes an object.  The objects are commits of the shape
 * an import writes (a random parent id, the event's JSON).  It is why
 * core/pack.c uses libdeflate at level 1.
 *
 *   bench-deflate [COUNT]
 */
#include <libdeflate.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zlib.h>

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void report(const char *what, double secs, size_t bytes, int n)
{
	printf("  %-14s %6.2f us/object  %6.1f B/object\n", what, secs / n * 1e6,
	       (double)bytes / n);
}

int main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 100000;
	char **obj = calloc((size_t)n, sizeof(*obj));
	size_t *len = calloc((size_t)n, sizeof(*len));
	unsigned char out[4096];
	static const int zlevels[] = { 1, 6, 9 }, dlevels[] = { 1, 6 };

	if (n <= 0 || !obj || !len)
		return 2;
	srand(1);
	for (int i = 0; i < n; i++) {
		char b[1024], parent[41];
		for (int k = 0; k < 40; k++)
			parent[k] = "0123456789abcdef"[rand() % 16];
		parent[40] = '\0';
		snprintf(b, sizeof(b),
			 "tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904\nparent %s\n"
			 "author bench <bench@example.org> 1795783174 +0800\n"
			 "committer bench <bench@example.org> 1795783174 +0800\n\n"
			 "issue add bench issue open %d\n\n"
			 "{\"actor\":{\"email\":\"bench@example.org\",\"name\":\"bench\"},"
			 "\"clock\":%d,\"data\":{\"set\":{\"category\":\"other\",\"source\":\"other\","
			 "\"title\":\"bench issue open %d\"}},\"date\":\"2026-11-27T20:39:34+08:00\","
			 "\"kind\":\"issue\",\"op\":\"add\",\"record\":\"IM-%d\",\"replica\":\"imp\","
			 "\"seen\":null,\"v\":1}\n", parent, i, i, i, i);
		obj[i] = strdup(b);
		len[i] = strlen(b);
	}
	for (size_t l = 0; l < sizeof(zlevels) / sizeof(*zlevels); l++) {
		z_stream z;
		size_t bytes = 0;
		char what[32];
		double t;

		memset(&z, 0, sizeof(z));
		if (deflateInit2(&z, zlevels[l], Z_DEFLATED, 12, 4, Z_DEFAULT_STRATEGY) != Z_OK)
			return 1;
		t = now();
		for (int i = 0; i < n; i++) {
			z.next_in = (unsigned char *)obj[i];
			z.avail_in = (uInt)len[i];
			z.next_out = out;
			z.avail_out = sizeof(out);
			if (deflate(&z, Z_FINISH) != Z_STREAM_END)
				return 1;
			bytes += sizeof(out) - z.avail_out;
			deflateReset(&z);
		}
		snprintf(what, sizeof(what), "zlib %d", zlevels[l]);
		report(what, now() - t, bytes, n);
		deflateEnd(&z);
	}
	for (size_t l = 0; l < sizeof(dlevels) / sizeof(*dlevels); l++) {
		struct libdeflate_compressor *c = libdeflate_alloc_compressor(dlevels[l]);
		size_t bytes = 0, k;
		char what[32];
		double t;

		if (!c)
			return 1;
		t = now();
		for (int i = 0; i < n; i++) {
			if (!(k = libdeflate_zlib_compress(c, obj[i], len[i], out, sizeof(out))))
				return 1;
			bytes += k;
		}
		snprintf(what, sizeof(what), "libdeflate %d", dlevels[l]);
		report(what, now() - t, bytes, n);
		libdeflate_free_compressor(c);
	}
	for (int i = 0; i < n; i++)
		free(obj[i]);
	free(obj);
	free(len);
	return 0;
}

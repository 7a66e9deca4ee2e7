/*
 * fuzz_config — libFuzzer target: the git-config reader (core/config.c)
 * on any file, every key read back, integers parsed.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "config.h"
#include "error.h"

static int each(const char *key, const char *value, void *payload)
{
	const struct zdh_config *cfg = payload;
	long long n;

	(void)value;
	if (!zdh_config_get(cfg, key))
		__builtin_trap();	/* a key listed is a key found */
	zdh_config_get_int(&n, cfg, key, 0);
	zdh_config_key_valid(key);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char path[64];
	const char *paths[] = { path, NULL };
	struct zdh_config *cfg = NULL;
	FILE *f;

	if (!path[0])
		snprintf(path, sizeof(path), "/tmp/zdh-fuzz-config.%d", (int)getpid());
	if (!(f = fopen(path, "wb")))
		return 0;
	fwrite(data, 1, size, f);
	fclose(f);
	if (!zdh_config_load(&cfg, paths)) {
		zdh_config_foreach(cfg, each, cfg);
		zdh_config_free(cfg);
	}
	unlink(path);
	return 0;
}

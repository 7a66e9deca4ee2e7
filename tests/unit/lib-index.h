/*
 * lib-index.h — what the unit tests of the index's readers share
 * (tests/unit/fold.c, tests/unit/conflict.c): fake commit ids, events
 * freed, a fresh index of a repository, events applied to it one
 * transaction each in a given order.  Static inline: each test is one
 * file, and uses what it needs of them.
 */
#ifndef ZDH_TEST_LIB_INDEX_H
#define ZDH_TEST_LIB_INDEX_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "error.h"
#include "event.h"
#include "index.h"
#include "repo.h"

/* A fake commit id: the hex digit c forty times. */
static inline void fake_id(char id[41], char c)
{
	memset(id, c, 40);
	id[40] = '\0';
}

/* An event of kind on record by replica at clock (at 2025-11-25 00:00 +08:00 plus clock minutes). */
static inline struct zdh_event *make_event(char idc, const char *kind, const char *replica, long long clock,
			       const char *record, const char *op, const char *seen_c,
			       const char *name, const char *dept, json_t *data)
{
	struct zdh_event *ev = calloc(1, sizeof(*ev));
	char seen[41];

	fake_id(ev->id, idc);
	ev->version = ZDH_EVENT_VERSION;
	ev->kind = strdup(kind);
	ev->record = strdup(record);
	ev->op = strdup(op);
	ev->replica = strdup(replica);
	if (seen_c) {
		fake_id(seen, *seen_c);
		ev->seen = strdup(seen);
	}
	ev->clock = clock;
	ev->date.t = 1764000000 + clock * 60;
	ev->date.offset = 480;
	ev->recorded = ev->date;
	ev->actor.name = strdup(name);
	ev->actor.email = strdup("t@example.org");
	ev->actor.dept = dept ? strdup(dept) : NULL;
	ev->data = data ? data : json_object();
	ev->summary = strdup(op);
	return ev;
}

static inline void event_free(struct zdh_event *ev)
{
	zdh_event_clear(ev);
	free(ev);
}

static inline void remove_index(struct zdh_repo *repo)
{
	static const char *const suffix[] = { "", "-wal", "-shm", "-journal" };
	char p[1024];

	for (size_t i = 0; i < sizeof(suffix) / sizeof(*suffix); i++) {
		snprintf(p, sizeof(p), "%s/index.db%s", repo->gitdir, suffix[i]);
		unlink(p);
	}
}

/* A fresh, empty index of repo. */
static inline struct zdh_index *fresh_index(struct zdh_repo *repo)
{
	struct zdh_index *idx = NULL;

	remove_index(repo);
	if (zdh_index_open(&idx, repo)) {
		printf("# zdh_index_open: %s\n", zdh_error_msg());
		return NULL;
	}
	return idx;
}

/* Apply evs in the order given, each in its own transaction (as arrivals are); 0 or error. */
static inline int apply_order(struct zdh_index *idx, struct zdh_event **evs, const size_t *order, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		int err;
		if ((err = zdh_index_begin(idx)))
			return err;
		if ((err = zdh_index_apply(idx, evs[order ? order[i] : i]))) {
			printf("# apply %s: %s\n", evs[order ? order[i] : i]->id, zdh_error_msg());
			zdh_index_rollback(idx);
			return err;
		}
		if ((err = zdh_index_commit(idx)))
			return err;
	}
	return 0;
}

/*
 * A test's own folder and person: base (a mkdtemp template, made in
 * place) gets a home, and zdh writes as 测试员 with no department; 0 or -1.
 */
static inline int unit_begin(char *base)
{
	char home[600];

	if (!mkdtemp(base)) {
		perror("mkdtemp");
		return -1;
	}
	snprintf(home, sizeof(home), "%s/home", base);
	mkdir(home, 0700);
	setenv("HOME", home, 1);
	setenv("ZDH_USER_NAME", "测试员", 1);
	setenv("ZDH_USER_EMAIL", "t@example.org", 1);
	unsetenv("ZDH_USER_DEPT");
	unsetenv("ZDH_DIR");
	unsetenv("LANGUAGE");
	return 0;
}

/* A new repository base/name of replica and prefix, or NULL (said why). */
static inline struct zdh_repo *unit_repo(const char *base, const char *name, const char *replica,
				  const char *prefix)
{
	struct zdh_init_options opts = ZDH_INIT_OPTIONS_INIT;
	struct zdh_repo *repo = NULL;
	char dir[512];

	snprintf(dir, sizeof(dir), "%s/%s", base, name);
	opts.replica = replica;
	opts.prefix = prefix;
	if (zdh_repo_init(&repo, dir, &opts)) {
		printf("# zdh_repo_init %s: %s\n", dir, zdh_error_msg());
		return NULL;
	}
	return repo;
}

/* Remove the test's folder. */
static inline void unit_end(const char *base)
{
	char cmd[700];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", base);
	if (system(cmd) != 0)
		printf("# could not remove %s\n", base);
}

#endif

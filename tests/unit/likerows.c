/*
 * Unit tests of zdh_index_like_rows() (core/index.c), on the real
 * library: the ids of the rows whose names look like a name, the names
 * unlike it and the first of the name itself; and, when a row's step
 * fails, an error with nothing left for the caller to free (all three
 * NULL), which each caller relied on doing itself before.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "error.h"
#include "index-db.h"
#include "index.h"
#include "repo.h"
#include "tap.h"
#include "lib-index.h"

static char base[] = "/tmp/zdh-likerows-test-XXXXXX";

static void test_rows(struct zdh_index *idx)
{
	sqlite3_stmt *s;
	json_t *out = NULL, *unlike = NULL;
	char *same = NULL;
	char *got;

	if (!ok(!zdh_index_prepare(idx, "SELECT 'XQ-O1', '房管\u200b办' UNION ALL"
				   " SELECT 'XQ-O2', '房管办' UNION ALL SELECT 'XQ-O3', '房管\u200b办'",
				   &s), "rows: prepared"))
		return;
	is_int(zdh_index_like_rows(idx, s, "房管办", &out, &unlike, &same), 0, "rows: read");
	got = json_dumps(out, JSON_COMPACT);
	is_str(got, "[\"XQ-O1\",\"XQ-O2\",\"XQ-O3\"]", "rows: every id");
	free(got);
	got = json_dumps(unlike, JSON_COMPACT);
	is_str(got, "[\"房管<U+200B>办\"]", "rows: the unlike name once, shown");
	free(got);
	is_str(same, "XQ-O2", "rows: the first of the name itself");
	sqlite3_finalize(s);
	json_decref(out);
	json_decref(unlike);
	free(same);
}

static void test_error(struct zdh_index *idx)
{
	sqlite3_stmt *s;
	json_t *out = NULL, *unlike = NULL;
	char *same = NULL;

	/* the second row's step fails: abs() of the least integer overflows */
	if (!ok(!zdh_index_prepare(idx, "SELECT 'XQ-O1', '房管办' UNION ALL"
				   " SELECT 'XQ-O2', abs(-9223372036854775807 - 1)", &s),
		"error: prepared"))
		return;
	is_int(zdh_index_like_rows(idx, s, "房管办", &out, &unlike, &same), ZDH_ERROR,
	       "error: the step's failure returned");
	ok(strstr(zdh_error_msg(), "index: ") == zdh_error_msg(), "error: said as the index's");
	ok(out == NULL, "error: the ids released");
	ok(unlike == NULL, "error: the unlike names released");
	ok(same == NULL, "error: the id of the name itself released");
	sqlite3_finalize(s);
	json_decref(out);
	json_decref(unlike);
	free(same);
}

int main(void)
{
	struct zdh_repo *repo;
	struct zdh_index *idx;

	if (unit_begin(base))
		return 1;
	if (!ok((repo = unit_repo(base, "r", "a", "A")) != NULL, "repository made"))
		return done_testing();
	if (ok((idx = fresh_index(repo)) != NULL, "index opened")) {
		test_rows(idx);
		test_error(idx);
		zdh_index_close(idx);
	}
	zdh_repo_free(repo);
	unit_end(base);
	return done_testing();
}

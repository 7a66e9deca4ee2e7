/*
 * Unit tests of how the index reads a kind's SQL (core/index-kinds.c,
 * private to core/index*.c): which CREATE INDEX statements are over the
 * kind's own tables, so that a rebuild drops them before filling those
 * tables and makes them again after, whatever case the keywords are
 * written in, with UNIQUE, IF NOT EXISTS and any spacing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "index-internal.h"
#include "issue.h"
#include "tap.h"

/* every index exists but "gone" */
static int exists(void *payload, const char *name)
{
	(void)payload;
	return strcmp(name, "gone") != 0;
}

static void check(const struct zdh_kind *k, const char *want_drop, const char *want_create,
		  const char *name)
{
	struct zdh_buf drop = ZDH_BUF_INIT, create = ZDH_BUF_INIT;
	char what[128];

	ix_kind_table_indexes(k, &drop, &create, exists, NULL);
	snprintf(what, sizeof(what), "%s: the indexes dropped", name);
	is_str(drop.ptr, want_drop, what);
	snprintf(what, sizeof(what), "%s: the indexes made again", name);
	is_str(create.ptr, want_create, what);
	zdh_buf_release(&drop);
	zdh_buf_release(&create);
}

static const struct zdh_field fields[] = {
	{ "w", "INTEGER", "w", 0 },
	{ NULL, NULL, NULL, 0 }
};

int main(void)
{
	struct zdh_kind k = { .name = "x", .fields = fields };

	k.tables_sql = "create table if not exists Words(id TEXT, word TEXT);\n"
		"CREATE  TABLE\tcounts (n INTEGER);"
		"CREATE TABLE words_more(word TEXT);";
	k.index_sql = "CREATE INDEX records_x_w ON records({w}, prefix, n) WHERE kind = 'x';"
		" create index if not exists words_word on words(word);"
		"CREATE UNIQUE INDEX counts_n\n\tON counts (n);"
		"CREATE INDEX gone ON counts(n);"
		"CREATE INDEX on_words ON words_more(word) WHERE word <> 'ON words';"
		"CREATE VIEW counted AS SELECT n FROM counts;";
	check(&k, "DROP INDEX words_word;DROP INDEX counts_n;DROP INDEX on_words;",
	      "create index if not exists words_word on words(word);"
	      "CREATE UNIQUE INDEX counts_n\n\tON counts (n);"
	      "CREATE INDEX on_words ON words_more(word) WHERE word <> 'ON words';",
	      "keywords in any case, IF NOT EXISTS, UNIQUE, spacing");

	k.tables_sql = "CREATE TABLE words_more(word TEXT);";
	k.index_sql = "CREATE INDEX w ON words(word);CREATE INDEX w2 ON \"words_more\"(word)";
	check(&k, "", "", "a table whose name only starts the same is not the kind's");

	k.tables_sql = NULL;
	k.index_sql = "CREATE INDEX words_word ON words(word);";
	check(&k, "", "", "a kind without tables");

	check(&zdh_kind_issue,
	      "DROP INDEX issue_summary_open;DROP INDEX issue_summary_created;"
	      "DROP INDEX issue_summary_resolved;DROP INDEX issue_summary_record;"
	      "DROP INDEX issue_summary_recorded;",
	      "CREATE INDEX issue_summary_open ON issue_summary(area, category, source, dept,"
	      " last_happened, last_recorded, due, created, live, status) WHERE live AND status < 3;"
	      "CREATE INDEX issue_summary_created ON issue_summary(created, last_recorded, source,"
	      " live) WHERE live;"
	      "CREATE INDEX issue_summary_resolved ON issue_summary(first_resolve, last_recorded,"
	      " live) WHERE live AND first_resolve NOTNULL;"
	      "CREATE UNIQUE INDEX issue_summary_record ON issue_summary(record);"
	      "CREATE INDEX issue_summary_recorded ON issue_summary(last_recorded);",
	      "the issue kind's summaries");
	return done_testing();
}

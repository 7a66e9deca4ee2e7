/*
 * zdh testnote — the command of the test-only kind (zdh-testkind only):
 *   zdh testnote add TITLE [WEIGHT]    prints the new id
 *   zdh testnote edit ID TITLE | close ID
 *   zdh testnote list [WORD]
 */
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "store.h"
#include "testnote.h"

static int print_line(const char *line, void *payload)
{
	(void)payload;
	printf("%s\n", line);
	return 0;
}

/* One write of a testnote: op on record (NULL: a new one), printing a new id. */
static int write(const char *op, const char *record, const char *title, long long weight)
{
	struct zdh_repo *repo = NULL;
	struct zdh_txn *txn = NULL;
	char *id = NULL;
	int code, err;

	if ((code = open_repo(&repo)))
		return code;
	if (!(err = zdh_txn_begin(&txn, repo)))
		err = zdh_testnote_write(txn, record, op, title, weight, &id);
	if (!err)
		err = zdh_txn_commit(txn);
	if (!err && !record)
		printf("%s\n", id);
	zdh_txn_free(txn);
	free(id);
	zdh_repo_free(repo);
	return err ? report(err) : finish_output(0);
}

static int testnote_add(int argc, char **argv)
{
	return write("add", NULL, argv[0], argc > 1 ? atoll(argv[1]) : 0);
}

static int testnote_edit(int argc, char **argv)
{
	(void)argc;
	return write("edit", argv[0], argv[1], 0);
}

static int testnote_close(int argc, char **argv)
{
	(void)argc;
	return write("close", argv[0], NULL, 0);
}

static int testnote_list(int argc, char **argv)
{
	struct zdh_repo *repo = NULL;
	struct zdh_index *idx;
	int code, err;

	if ((code = open_repo(&repo)))
		return code;
	if (!(err = zdh_repo_index(&idx, repo)))
		err = zdh_testnote_list(idx, argc ? argv[0] : NULL, print_line, NULL);
	zdh_repo_free(repo);
	return err ? report(err) : finish_output(0);
}

static const struct opt add_opts[] = { OPT_ARGS("TITLE [WEIGHT]"), OPT_END() };
static const struct opt edit_opts[] = { OPT_ARGS("ID TITLE"), OPT_END() };
static const struct opt close_opts[] = { OPT_ARGS("ID"), OPT_END() };
static const struct opt list_opts[] = { OPT_ARGS("[WORD]"), OPT_END() };

int cmd_testnote(int argc, char **argv)
{
	static const struct verb verbs[] = {
		{ "add", testnote_add, add_opts, "a title" },
		{ "edit", testnote_edit, edit_opts, "an id and a title" },
		{ "close", testnote_close, close_opts, "an id" },
		{ "list", testnote_list, list_opts },
		{ NULL, NULL }
	};
	return dispatch("testnote", verbs, argc, argv);
}

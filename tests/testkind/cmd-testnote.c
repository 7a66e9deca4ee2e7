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

static const char usage[] =
	"usage: zdh testnote add TITLE [WEIGHT]\n"
	"   or: zdh testnote edit ID TITLE\n"
	"   or: zdh testnote close ID\n"
	"   or: zdh testnote list [WORD]\n";

static int print_line(const char *line, void *payload)
{
	(void)payload;
	printf("%s\n", line);
	return 0;
}

int cmd_testnote(int argc, char **argv)
{
	struct zdh_repo *repo = NULL;
	struct zdh_txn *txn = NULL;
	struct zdh_index *idx;
	char *id = NULL;
	int code, err;

	if (argc < 2 || !strcmp(argv[1], "-h"))
		return argc < 2 ? usage_error(usage, "missing verb") : usage_help(usage);
	if ((code = open_repo(&repo)))
		return code;
	if (!strcmp(argv[1], "list")) {
		if (!(err = zdh_repo_index(&idx, repo)))
			err = zdh_testnote_list(idx, argc > 2 ? argv[2] : NULL, print_line, NULL);
	} else if ((!strcmp(argv[1], "add") && argc >= 3 && argc <= 4) ||
		   (!strcmp(argv[1], "edit") && argc == 4) ||
		   (!strcmp(argv[1], "close") && argc == 3)) {
		int add = !strcmp(argv[1], "add");
		if (!(err = zdh_txn_begin(&txn, repo)))
			err = zdh_testnote_write(txn, add ? NULL : argv[2], argv[1],
						 add ? argv[2] : argc > 3 ? argv[3] : NULL,
						 add && argc > 3 ? atoll(argv[3]) : 0, &id);
		if (!err)
			err = zdh_txn_commit(txn);
		if (!err && add)
			printf("%s\n", id);
		zdh_txn_free(txn);
	} else {
		zdh_repo_free(repo);
		return usage_error(usage, "bad arguments");
	}
	free(id);
	zdh_repo_free(repo);
	return err ? report(err) : finish_output(0);
}

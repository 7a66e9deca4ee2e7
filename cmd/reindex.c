/*
 * zdh reindex — rebuild index.db from the logs.
 */
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "index.h"
#include "json.h"
#include "store.h"

static int reindex(int argc, char **argv)
{
	struct zdh_repo *repo = NULL;
	struct zdh_index *idx = NULL;
	long long events = 0, logs = 0;
	int code, err;

	(void)argc, (void)argv;
	zdh_json_bulk_memory();
	if ((code = open_repo(&repo)))
		return code;
	/* under the write lock, so no writer adds to a log half-way through */
	err = zdh_repo_lock(repo);
	repo->index_threads = 1;	/* (its fold's rows written on a second thread) */
	if (!err)
		err = zdh_index_open_to_rebuild(&idx, repo);
	if (!err)
		err = zdh_index_rebuild(idx, &events, &logs);
	if (!(code = report(err))) {
		char *e = zdh_count_text(NN_("%lld event", "%lld events"), events);
		char *l = zdh_count_text(NN_("%lld log", "%lld logs"), logs);
		/* TRANSLATORS: reindexed 6 events from 1 log */
		printf(_("reindexed %s from %s\n"), e, l);
		free(e);
		free(l);
	}
	zdh_index_close(idx);
	zdh_repo_free(repo);
	return finish_output(code);
}

int cmd_reindex(int argc, char **argv)
{
	return run_single_command("reindex", reindex, NULL, argc, argv);
}

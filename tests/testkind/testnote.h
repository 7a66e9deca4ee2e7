/* testnote — the test-only kind of zdh-testkind (testnote.c). */
#ifndef ZDH_TESTNOTE_H
#define ZDH_TESTNOTE_H

#include "index.h"
#include "kind.h"
#include "store.h"

extern const struct zdh_kind zdh_kind_test;

/* op "add" (id NULL), "edit" or "close"; title NULL and weight 0 leave those out. */
int zdh_testnote_write(struct zdh_txn *txn, const char *id, const char *op, const char *title,
		       long long weight, char **id_out);
/* One line a testnote ("XQ-T1 title weight score closed words"), those with word when given. */
int zdh_testnote_list(struct zdh_index *idx, const char *word,
		      int (*fn)(const char *line, void *payload), void *payload);

#endif

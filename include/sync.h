/*
 * sync — remotes, pull, push and clone (DESIGN §4, zdh-sync(1)).
 *
 * Remotes are ordinary git remotes kept in .zdh/config as git keeps them
 * ([remote "NAME"] url = ..., fetch = +refs/zdh/log/R:refs/zdh/remotes/NAME/R (R: every replica)),
 * reached through libgit2's transports (loaded on demand, core/gitlib.c).
 *
 * Guarantees: a log only ever moves forward; a fetched log that diverged
 * from ours is never taken but kept aside under
 * refs/zdh/diverged/REMOTE/REPLICA (never overwritten, never lost); our
 * own replica's log is taken from a remote only when we have none; push is
 * never forced and changes nothing locally.
 */
#ifndef ZDH_SYNC_H
#define ZDH_SYNC_H

struct zdh_repo;

/* 1 when name is usable as a remote name (it becomes a ref path component). */
int zdh_remote_name_valid(const char *name);

/*
 * remote add: refuses (ZDH_EEXISTS) a name in use.  A relative local path
 * is stored as an absolute one (from the current folder).
 */
int zdh_remote_add(struct zdh_repo *repo, const char *name, const char *url);
/* remote remove: the config section's keys and refs/zdh/remotes/NAME/R; diverged refs stay. */
int zdh_remote_remove(struct zdh_repo *repo, const char *name);
/* remote rename: config keys and remote-tracking refs. */
int zdh_remote_rename(struct zdh_repo *repo, const char *old_name, const char *new_name);
/* Every remote in config order: fn(name, url). */
int zdh_remote_foreach(struct zdh_repo *repo,
		       int (*fn)(const char *name, const char *url, void *payload), void *payload);

/* The remote pull and push use without a name: origin, else the only one (caller frees). */
int zdh_remote_default(struct zdh_repo *repo, char **name);

struct zdh_sync_options {
	int progress;		/* objects and bytes on stderr as they come */
	/* called once per log that could not be taken or sent, with a one-line message */
	void (*problem)(const char *message, void *payload);
	void *payload;
	/*
	 * pull: called once per conflict the new events take part in and per
	 * event of this replica they made void, with a one-line message
	 * (zdh_conflicts_news); NULL: not asked
	 */
	void (*news)(const char *message, void *payload);
	int cloning;		/* zdh_clone's pull: the founder is pinned after the prefixes */
};

struct zdh_pull_stats {
	long long events;	/* new events applied to the index */
	long long logs_moved;	/* logs created or moved forward */
	long long refused;	/* logs refused (diverged, or our own log moved elsewhere) */
	long long unsigned_events; /* new events not signed by a valid key (once people have keys) */
	int index_behind;	/* logs moved, the index could not follow (warned): events unknown */
};

/*
 * Fetch the remote's refs/zdh/log/R into refs/zdh/remotes/NAME/R, then,
 * under the write lock, take each log that only moved forward and keep
 * aside those that diverged; then catch the index up.  Returns 0 even when
 * logs were refused (see stats->refused: the command exits 1).
 */
int zdh_pull(struct zdh_repo *repo, const char *remote, const struct zdh_sync_options *o,
	     struct zdh_pull_stats *stats);

struct zdh_push_stats {
	long long logs_sent;	/* logs the remote accepted */
	long long rejected;	/* logs the remote has ahead or diverged, or refused */
};

/* Push every refs/zdh/log/R that moved forward to the remote; never forced. */
int zdh_push(struct zdh_repo *repo, const char *remote, const struct zdh_sync_options *o,
	     struct zdh_push_stats *stats);

/*
 * Make dir (default: the URL's last component without .git) a new replica
 * of the repository at url: init (as init says: its replica, prefix, time
 * zone and core.sharedRepository), remote origin, pull.  Refuses
 * (ZDH_EEXISTS) when replica or prefix is already used by the fetched logs,
 * and then removes what it made.  *out is the new repository.
 */
struct zdh_init_options;
int zdh_clone(struct zdh_repo **out, const char *url, const char *dir,
	      const struct zdh_init_options *init, const struct zdh_sync_options *o,
	      struct zdh_pull_stats *stats);

/* The folder clone would make for url (caller frees). */
char *zdh_clone_dir(const char *url);

#endif

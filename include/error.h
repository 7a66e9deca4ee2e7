/*
 * error — error codes of core, the last error message, and the exit codes
 * every command shares (documented in zdh(1), EXIT STATUS).
 *
 * Core functions return 0 on success or a negative ZDH_E* code, after
 * recording a one-line message with zdh_error_set().  Callers that cannot
 * handle an error pass the code up; cmd/ prints the message and maps the
 * code to an exit status with zdh_exit_code().
 */
#ifndef ZDH_ERROR_H
#define ZDH_ERROR_H

/* Exit statuses, the same for every command. */
enum {
	ZDH_EXIT_OK = 0,
	ZDH_EXIT_REFUSED = 1,	/* refused: bad input, not found, not allowed, verify failed */
	ZDH_EXIT_LOCKED = 2,	/* the repository stayed locked by another writer */
	ZDH_EXIT_UNPRINTED = 3,	/* written, but its output (the new id) could not be printed */
	ZDH_EXIT_FATAL = 128,	/* no repository, I/O error, corrupt data */
	ZDH_EXIT_USAGE = 129	/* unknown command or option, missing argument */
};

/* Error codes of core functions (always negative). */
enum {
	ZDH_OK = 0,
	ZDH_ERROR = -1,		/* fatal: I/O, corrupt store, out of resources */
	ZDH_EINVALID = -2,	/* the input is not acceptable */
	ZDH_ENOTFOUND = -3,	/* a named thing does not exist */
	ZDH_EEXISTS = -4,	/* a named thing exists already */
	ZDH_ESTATE = -5,	/* not allowed in the record's current state */
	ZDH_ELOCKED = -6,	/* timed out waiting for the write lock */
	ZDH_ENOREPO = -7,	/* no zdh repository found */
	ZDH_EUSAGE = -8,	/* the command line is wrong */
	ZDH_ECORRUPT = -9,	/* the store fails verification */
	ZDH_ECHANGED = -10,	/* a ref moved under us (compare-and-swap failed) */
	ZDH_ETAKEN = -11	/* a ref's path is taken: a folder in its place, or a
				   file where a folder above it should be */
};

/* Record the message of the current error; returns code, for "return zdh_error_set(...)". */
int zdh_error_set(int code, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Like zdh_error_set, appending ": strerror(errno)". */
int zdh_error_errno(int code, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/*
 * A file that had to be a plain one and is not (zdh_open_regular()'s
 * EINVAL: a FIFO, a device, a folder), ZDH_ECORRUPT: a peer's folder
 * holding one must not make a command wait or read without end.
 */
int zdh_error_not_plain(const char *path);
const char *zdh_error_msg(void);
/*
 * The current error's message said of what (an option as typed, "--due";
 * an import's column, "created"): "--due: invalid date 'xyz' (...)", so
 * that a command or a row with two dates says which one was wrong.
 * Returns err; err 0 is left alone.
 */
int zdh_error_about(const char *what, int err);
int zdh_error_code(void);
void zdh_error_clear(void);
int zdh_exit_code(int err);

/*
 * Invariants, as git's BUG() and SQLite's assert(): a state the code
 * relies on and that no input can cause.  A broken one stops the program
 * at the line that knows ("zdh: BUG: core/index.c:120: ..."), exit 134,
 * rather than three calls later.  Always compiled in: they sit on paths
 * where a test costs nothing next to the work.
 */
#define ZDH_BUG(...) zdh_bug(__FILE__, __LINE__, __VA_ARGS__)
#define ZDH_ASSERT(cond) \
	((cond) ? (void)0 : zdh_bug(__FILE__, __LINE__, "assertion failed: %s", #cond))
void zdh_bug(const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4), noreturn));

/*
 * ZDH_TRACE_PERFORMANCE set: print "zdh: WHAT: STEP  N.NN s" on stderr,
 * the seconds since *mark, and set *mark to now; step NULL only sets it.
 * Not set: nothing.
 */
void zdh_trace(const char *what, const char *step, double *mark);
/* ZDH_TRACE_PERFORMANCE set: print the calling thread's CPU time so far, as what's. */
void zdh_trace_thread(const char *what);
/* ZDH_TRACE_PERFORMANCE set: print "zdh: " and what fmt makes, and a newline. */
void zdh_trace_note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Print "zdh: warning: ..." on stderr (for what a command cannot return). */
void zdh_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/*
 * What prints a warning, its prefix ("zdh: warning: ") and text, as
 * git's set_warn_routine(): the command sets one that shows the text as
 * a table shows it (a note may quote a peer's value, control characters
 * and all), which output.h does and this module cannot include; without
 * one, the text as it is.
 */
void zdh_set_warn_routine(void (*fn)(const char *prefix, const char *text));

/*
 * A list of lines whose length a peer decides (each event of its log a
 * pull refuses): the first ZDH_WARN_CAP are said, the others counted in
 * more, for one line at the end that says how many were not named ("and
 * N more", as git says it), so 100,000 crafted events make 11 lines.
 */
#define ZDH_WARN_CAP 10
struct zdh_warn_cap {
	long long said, more;
};
/* 1 when one more line of c may be said (counted as said), else 0 (counted in more). */
int zdh_warn_cap_take(struct zdh_warn_cap *c);
/* zdh_warn(fmt, ...) when zdh_warn_cap_take(c). */
void zdh_warn_capped(struct zdh_warn_cap *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/*
 * The line that ends c's list when some were not said: one and many a
 * plural pair with one %lld (NN_("and %lld more ...", "and %lld more ...")).
 */
void zdh_warn_cap_end(const struct zdh_warn_cap *c, const char *one, const char *many);

#endif

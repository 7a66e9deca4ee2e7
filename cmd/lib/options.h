/*
 * options — one declarative table of options per verb, in the manner of
 * git's parse-options: each entry names a long option, its short letter,
 * its argument, its help text and where the value goes.  From the table
 * come the parser, the usage line ("zdh org add --kind KIND NAME
 * [--district D]"), the -h option list and the usage errors of zdh(1)
 * (exit 129, the message followed by the usage on stderr).
 *
 * A command's verbs are a table of struct verb; dispatch() finds the verb
 * (or says which ones are like what was typed), parses its options,
 * checks its arguments against its usage and calls it with what is left.
 * Values go to variables the table points at (static in the command's
 * file, so the usage of every verb can be printed without running it).
 */
#ifndef ZDH_CMD_OPTIONS_H
#define ZDH_CMD_OPTIONS_H

#include <stddef.h>

enum opt_type {
	OPT_T_END,
	OPT_T_FLAG,		/* int: set to 1 */
	OPT_T_STRING,		/* const char *: the last one given */
	OPT_T_INT,		/* long long: a whole number, 0 or more */
	OPT_T_LIST,		/* struct opt_list: every one given, in order */
	OPT_T_CALLBACK,		/* cb(ctx, opt, arg) decides */
	OPT_T_ARGS,		/* not an option: where the arguments go in the usage */
	OPT_T_FORM,		/* not an option: a new usage line (see OPT_FORM) */
	OPT_T_TEXT		/* not an option: words of the usage line (see OPT_TEXT) */
};

/* Flags of an option. */
#define OPT_REQUIRED	0x01	/* must be given; shown without [ ] */
#define OPT_OR_NEXT	0x02	/* this and the next are alternatives: [--json | --format csv] */
#define OPT_SHORT	0x04	/* the usage line shows the short name (-m BODY) */
#define OPT_BARE	0x08	/* shown without [ ] but not checked (a form's own option) */
#define OPT_NOARG	0x10	/* a callback that takes no value */
#define OPT_STDIN	0x20	/* a string: "-" reads standard input (-m -) */
#define OPT_NONEMPTY	0x40	/* with OPT_REQUIRED: an empty string is missing too */
#define OPT_NOUSAGE	0x80	/* in the -h list, not in the usage line (zdh(1) says it once for all) */
#define OPT_MANY	0x100	/* a callback that may be repeated: "[--item TEXT]..." in the usage */
#define OPT_PARAGRAPHS	0x200	/* a string given again is a new paragraph of it (-m A -m B, as git commit) */
#define OPT_POSITIVE	0x400	/* a number of 1 or more (log -n) */
/*
 * A field an edit changes: a verb whose table has any is refused when it
 * is given none of them, before the repository is opened ("nothing to
 * change: give what changes (see 'zdh issue edit -h')", exit 1)
 */
#define OPT_FIELD	0x800

/* The values of a repeatable option. */
struct opt_list {
	const char **v;
	size_t n;
};

struct opt;
struct opt_ctx;
/* 0, or an exit code after printing the error (see opt_usage_error). */
typedef int (*opt_cb)(struct opt_ctx *ctx, const struct opt *o, const char *arg);

struct opt {
	enum opt_type type;
	int short_name;
	const char *long_name;
	void *value;
	const char *argh;	/* the argument's name in the usage ("KIND"); OPT_ARGS: the arguments */
	const char *help;	/* N_() text of the -h list; with words, a format whose %s they are */
	int flags;
	opt_cb cb;
	/*
	 * the words the option takes, when a list of core's says them (the
	 * issue return codes): -h names them from it, "a, b or c" (each with
	 * its Chinese name under zh_CN), not from a copy in the help text
	 */
	const char *const *words;
	const struct zdh_word *labelled;	/* else words of a table of their own, with their zh */
};

#define OPT_END() { OPT_T_END, 0, NULL, NULL, NULL, NULL, 0, NULL }
#define OPT_FLAG(s, l, v, h) { OPT_T_FLAG, (s), (l), (v), NULL, (h), 0, NULL }
#define OPT_STRING(s, l, v, a, h) { OPT_T_STRING, (s), (l), (v), (a), (h), 0, NULL }
#define OPT_INT(s, l, v, a, h) { OPT_T_INT, (s), (l), (v), (a), (h), 0, NULL }
#define OPT_LIST(s, l, v, a, h) { OPT_T_LIST, (s), (l), (v), (a), (h), 0, NULL }
#define OPT_CALLBACK(s, l, v, a, h, cb) { OPT_T_CALLBACK, (s), (l), (v), (a), (h), 0, (cb) }
/* The same with flags (OPT_REQUIRED, OPT_OR_NEXT, OPT_SHORT, OPT_BARE). */
#define OPT_FLAG_F(s, l, v, h, f) { OPT_T_FLAG, (s), (l), (v), NULL, (h), (f), NULL }
#define OPT_STRING_F(s, l, v, a, h, f) { OPT_T_STRING, (s), (l), (v), (a), (h), (f), NULL }
#define OPT_INT_F(s, l, v, a, h, f) { OPT_T_INT, (s), (l), (v), (a), (h), (f), NULL }
#define OPT_LIST_F(s, l, v, a, h, f) { OPT_T_LIST, (s), (l), (v), (a), (h), (f), NULL }
#define OPT_CALLBACK_F(s, l, v, a, h, f, cb) { OPT_T_CALLBACK, (s), (l), (v), (a), (h), (f), (cb) }
/* A string that is one of words (OPT_T_STRING); help: NULL (the words alone) or a format of them. */
#define OPT_WORDS_F(s, l, v, a, h, words, f) { OPT_T_STRING, (s), (l), (v), (a), (h), (f), NULL, (words) }
/* The same for words outside the words table, rows with their Chinese names (the menu's categories). */
#define OPT_LABELLED_F(s, l, v, a, h, table, f) \
	{ OPT_T_STRING, (s), (l), (v), (a), (h), (f), NULL, NULL, (table) }
/* The arguments as the usage line shows them ("NAME|ID", "URL [DIR]", "[FILE]..."). */
#define OPT_ARGS(text) { OPT_T_ARGS, 0, NULL, NULL, (text), NULL, 0, NULL }
/*
 * Words the usage line shows as they are, for what the table cannot say
 * itself: "[--action TEXT --dept D [--due DAY]]..." (give those options
 * OPT_NOUSAGE, so they are parsed and listed by -h but not shown twice).
 */
#define OPT_TEXT(text) { OPT_T_TEXT, 0, NULL, NULL, (text), NULL, 0, NULL }
/*
 * The options before the first OPT_FORM() are shared; each OPT_FORM()
 * starts one more usage line with them ("zdh config [--global] --list").
 * A table with forms leaves its arguments to the verb to count.
 */
#define OPT_FORM() { OPT_T_FORM, 0, NULL, NULL, NULL, NULL, 0, NULL }

/*
 * A verb of a command ("org add"), or a command without verbs ("log"):
 * its name, its options, what a missing argument is called in the error
 * ("a name"), and its function, called with the arguments left after the
 * options (argv[0] is the first argument, not the verb).
 */
struct verb {
	const char *name;
	int (*fn)(int argc, char **argv);
	const struct opt *opts;
	const char *need;
	int whole_page;		/* its -h shows every line of its table (zdh sync -h) */
	const struct verb *sub;	/* a noun of verbs instead of fn: "zdh council member add" */
};

/*
 * Run argv[1] as a verb of noun's table ("zdh org add ..."): -h, an
 * unknown verb ("did you mean"), its options and arguments, then the verb.
 */
int dispatch(const char *noun, const struct verb *verbs, int argc, char **argv);
/* Run a command without verbs: argv[0] names one entry of table ("log"). */
int run_command(const struct verb *table, int argc, char **argv);
/*
 * The same for a command alone in its table: name, its function and its
 * options (NULL: none).
 */
int run_single_command(const char *name, int (*fn)(int argc, char **argv), const struct opt *opts,
		       int argc, char **argv);

/* The parser's state, for callbacks. */
struct opt_ctx {
	const char *noun;		/* "org", or NULL for a command without verbs */
	const struct verb *verb;	/* the verb being run */
	const struct verb *table;	/* its table (for a command's usage) */
	const char *given;		/* the option as typed ("--format", "-m") */
};

/*
 * A usage error of the verb being run: "zdh: <message>", then its usage
 * and options on stderr.  Returns ZDH_EXIT_USAGE.  Usable by verbs after
 * parsing too ("'zdh issue add' needs a title").
 */
int opt_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* "zdh org add" for the verb being run (for messages). */
const char *opt_verb_name(void);

/*
 * Print the closest of names to word, git's way, to stderr:
 * "\nThe most similar %s is\n\tNAME\n" (or "... are" and several).
 * Returns how many were printed.  what_one/what_many: "command"/"commands".
 */
int opt_similar(const char *word, const char *const *names, size_t n,
		const char *what_one, const char *what_many);

#endif

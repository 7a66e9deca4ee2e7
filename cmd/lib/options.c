/*
 * options — the option tables' parser, usage lines and -h lists (see
 * cmd/lib/options.h).  Everything a command prints about how to call it comes
 * from its tables, so the usage cannot drift from what is parsed (and
 * tests/t0450 keeps both equal to the man pages).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "common.h"
#include "rules.h"
#include "options.h"
#include "settings.h"
#include "output.h"
#include "words.h"
#include "date.h"

static struct opt_ctx current;

/* ---- usage lines ---- */

static void opt_name(struct zdh_buf *b, const struct opt *o, int prefer_short)
{
	if (o->short_name && (prefer_short || !o->long_name))
		zdh_buf_addf(b, "-%c", o->short_name);
	else
		zdh_buf_addf(b, "--%s", o->long_name);
}

static int takes_value(const struct opt *o)
{
	return o->type == OPT_T_STRING || o->type == OPT_T_INT || o->type == OPT_T_LIST ||
	       (o->type == OPT_T_CALLBACK && !(o->flags & OPT_NOARG));
}

/* "--kind KIND" or "-m BODY" as the usage line shows it. */
static void opt_usage(struct zdh_buf *b, const struct opt *o)
{
	opt_name(b, o, o->flags & OPT_SHORT);
	if (takes_value(o) && o->argh)
		zdh_buf_addf(b, " %s", o->argh);
}

/* Append the usage of entries [o, end) (end at OPT_FORM or OPT_END). */
static void usage_of_entries(struct zdh_buf *b, const struct opt *o)
{
	for (; o->type != OPT_T_END && o->type != OPT_T_FORM; o++) {
		if (o->flags & OPT_NOUSAGE)
			continue;
		zdh_buf_addch(b, ' ');
		if (o->type == OPT_T_ARGS || o->type == OPT_T_TEXT) {
			zdh_buf_puts(b, o->argh);
		} else if (o->flags & OPT_OR_NEXT) {
			zdh_buf_addch(b, '[');
			for (;; o++) {
				opt_usage(b, o);
				if (!(o->flags & OPT_OR_NEXT))
					break;
				zdh_buf_puts(b, " | ");
			}
			zdh_buf_addch(b, ']');
		} else if (o->flags & (OPT_REQUIRED | OPT_BARE)) {
			opt_usage(b, o);
			if (o->type == OPT_T_LIST || (o->flags & OPT_MANY))
				zdh_buf_puts(b, "...");
		} else {
			zdh_buf_addch(b, '[');
			opt_usage(b, o);
			zdh_buf_addch(b, ']');
			if (o->type == OPT_T_LIST || (o->flags & OPT_MANY))
				zdh_buf_puts(b, "...");
		}
	}
}

/* Print the usage lines of one verb, the first after first_prefix. */
static void verb_lines(FILE *out, const char *noun, const struct verb *v, int *nth)
{
	const struct opt *shared = v->opts, *o;
	int forms = 0;

	for (o = v->opts; o && o->type != OPT_T_END; o++)
		if (o->type == OPT_T_FORM)
			forms++;
	for (o = v->opts; forms == 0 || o->type != OPT_T_END; ) {
		struct zdh_buf b = ZDH_BUF_INIT;

		zdh_buf_puts(&b, "zdh");
		if (noun)
			zdh_buf_addf(&b, " %s", noun);
		zdh_buf_addf(&b, " %s", v->name);
		if (v->opts)
			usage_of_entries(&b, shared);
		if (forms) {
			/* the first form starts after the shared options */
			if (o == shared)
				while (o->type != OPT_T_FORM)
					o++;
			usage_of_entries(&b, o + 1);
			for (o++; o->type != OPT_T_END && o->type != OPT_T_FORM; o++)
				;
		}
		fprintf(out, "%s%s\n", (*nth)++ ? _("   or: ") : _("usage: "), b.ptr);
		zdh_buf_release(&b);
		if (!forms)
			break;
	}
}

/* The help of an option that takes words: them, in its help's format when it has one. */
static void words_help(struct zdh_buf *h, const char *noun, const struct opt *o)
{
	struct zdh_buf w = ZDH_BUF_INIT;
	int domain = zdh_word_option_domain(noun, o->long_name);

	if (o->labelled)
		zdh_word_or_labelled(&w, o->labelled);
	else
		zdh_word_or(&w, domain < 0 ? ZDH_W_ANY : (enum zdh_word_domain)domain, o->words);
	if (o->help)
		zdh_buf_addf(h, _(o->help), w.ptr);
	else
		zdh_buf_puts(h, w.ptr);
	zdh_buf_release(&w);
}

/* The -h list of a verb's options, as git prints it (noun: for the words of an option). */
static void option_list(FILE *out, const char *noun, const struct opt *opts)
{
	int any = 0;

	for (const struct opt *o = opts; o && o->type != OPT_T_END; o++) {
		struct zdh_buf b = ZDH_BUF_INIT, h = ZDH_BUF_INIT;

		if (o->type == OPT_T_ARGS || o->type == OPT_T_FORM || o->type == OPT_T_TEXT)
			continue;
		if (!any++)
			fputc('\n', out);
		zdh_buf_puts(&b, "    ");
		if (o->short_name)
			zdh_buf_addf(&b, "-%c%s", o->short_name, o->long_name ? ", " : "");
		if (o->long_name)
			zdh_buf_addf(&b, "--%s", o->long_name);
		if (takes_value(o) && o->argh)
			zdh_buf_addf(&b, " %s", o->argh);
		if (o->words || o->labelled)
			words_help(&h, noun, o);
		else if (o->help)
			zdh_buf_puts(&h, _(o->help));
		if (h.len) {
			if (b.len + 2 > 26)
				fprintf(out, "%s\n%26s%s\n", b.ptr, "", h.ptr);
			else
				fprintf(out, "%-26s%s\n", b.ptr, h.ptr);
		} else {
			fprintf(out, "%s\n", b.ptr);
		}
		zdh_buf_release(&b);
		zdh_buf_release(&h);
	}
}

/* A verb's usage (every line of its table when it speaks for the page) and options. */
static void verb_help(FILE *out, const struct opt_ctx *ctx)
{
	int nth = 0;

	if (ctx->verb->whole_page)
		for (const struct verb *v = ctx->table; v->name; v++)
			verb_lines(out, ctx->noun, v, &nth);
	else
		verb_lines(out, ctx->noun, ctx->verb, &nth);
	option_list(out, ctx->noun, ctx->verb->opts);
}

static void noun_lines(FILE *out, const char *noun, const struct verb *verbs, int *nth)
{
	for (const struct verb *v = verbs; v->name; v++) {
		if (v->sub) {
			char *sub = zdh_asprintf("%s %s", noun, v->name);
			noun_lines(out, sub, v->sub, nth);
			free(sub);
		} else {
			verb_lines(out, noun, v, nth);
		}
	}
}

/* Every verb's usage lines: "zdh org -h" (a noun's nouns' verbs too). */
static void noun_help(FILE *out, const char *noun, const struct verb *verbs)
{
	int nth = 0;

	noun_lines(out, noun, verbs, &nth);
}

/* ---- errors ---- */

static void vusage_error(const char *fmt, va_list ap)
{
	fputs("zdh: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	if (current.verb)
		verb_help(stderr, &current);
	else if (current.table)
		noun_help(stderr, current.noun, current.table);
}

int opt_usage_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vusage_error(fmt, ap);
	va_end(ap);
	return ZDH_EXIT_USAGE;
}

const char *opt_verb_name(void)
{
	static struct zdh_buf name = ZDH_BUF_INIT;

	zdh_buf_reset(&name);
	zdh_buf_puts(&name, "zdh");
	if (current.noun)
		zdh_buf_addf(&name, " %s", current.noun);
	if (current.verb)
		zdh_buf_addf(&name, " %s", current.verb->name);
	return name.ptr;
}

int opt_similar(const char *word, const char *const *names, size_t n,
		const char *what_one, const char *what_many)
{
	size_t *d = zdh_calloc(n + 1, sizeof(*d)), best;
	int found = 0;

	/*
	 * a Chinese name of the words table (新增, 问题, 会议) is the command
	 * or verb its English word names: zdh issue 新增 suggests add
	 */
	best = zdh_similar(word, zdh_word_value(ZDH_W_ANY, word), names, n, d);
	if (best != (size_t)-1) {
		for (size_t i = 0; i < n; i++)
			found += d[i] == best;
		fprintf(stderr, "\n%s\n", found == 1 ? what_one : what_many);
		for (size_t i = 0; i < n; i++)
			if (d[i] == best)
				fprintf(stderr, "\t%s\n", names[i]);
	}
	free(d);
	return found;
}

/* ---- parsing ---- */

/*
 * The long option of opts most like name (without its "--"), as a
 * mistyped verb gets the most similar (zdh_similar()), when one is
 * closest alone; else NULL.  (No option begins with name: parse() took
 * such a one.)
 */
static const char *similar_option(const struct opt *opts, const char *name)
{
	const char **names;
	const char *like = NULL;
	size_t n = 0, *d, best;

	for (const struct opt *o = opts; o && o->type != OPT_T_END; o++)
		n++;
	names = zdh_calloc(n + 1, sizeof(*names));
	d = zdh_calloc(n + 1, sizeof(*d));
	n = 0;
	for (const struct opt *o = opts; o && o->type != OPT_T_END; o++)
		if (o->long_name)
			names[n++] = o->long_name;
	if ((best = zdh_similar(name, NULL, names, n, d)) != (size_t)-1)
		for (size_t i = 0; i < n; i++)
			if (d[i] == best) {
				/* two options as near: none (one named twice in a table is one) */
				if (like && strcmp(like, names[i])) {
					like = NULL;
					break;
				}
				like = names[i];
			}
	free(names);
	free(d);
	return like;
}

/*
 * How many arguments the OPT_ARGS text of a table allows: a word is
 * optional when it is in brackets ("URL [DIR]": 1 to 2), a word ending in
 * "..." may repeat ("[FILE]..."): no maximum.
 */
static void arg_counts(const struct opt *opts, int *min, int *max)
{
	const struct opt *o;

	*min = *max = 0;
	for (o = opts; o && o->type != OPT_T_END; o++) {
		if (o->type == OPT_T_FORM) {
			*max = -1;	/* a table with forms: the verb counts them */
			return;
		}
	}
	for (o = opts; o && o->type != OPT_T_END; o++) {
		const char *p = o->argh;
		if (o->type != OPT_T_ARGS)
			continue;
		while (*p) {
			size_t n = strcspn(p, " ");
			if (n >= 3 && !strncmp(p + n - 3, "...", 3))
				*max = -1;
			else if (*max >= 0)
				(*max)++;
			if (!memchr(p, '[', n) && !memchr(p, ']', n))
				(*min)++;
			p += n;
			p += strspn(p, " ");
		}
	}
}

/*
 * Nothing but ASCII blanks (spaces, tabs, line ends): a value that says
 * nothing, missing as an empty one is (-m "  ", as git commit refuses a
 * message of blanks).  With other invisible characters it is refused by
 * check_utf8() (looks_empty).
 */
static int blank(const char *s)
{
	return s[strspn(s, " \t\n\r")] == '\0';
}

/* b's text kept until the process ends, as argv is; b released. */
static const char *keep(struct zdh_buf *b)
{
	static struct kept {
		struct kept *next;
		char s[];
	} *kept;
	struct kept *k = zdh_malloc(sizeof(*k) + b->len + 1);

	memcpy(k->s, b->ptr, b->len + 1);
	k->next = kept;
	kept = k;
	zdh_buf_release(b);
	return k->s;
}

/*
 * A name, title or id typed or pasted with blanks around it (" 城管 ", a
 * copied cell's "新桥\u3000"), without them: an org added as " 城管 " could
 * not be named "城管" after.  A value of blanks only is left as it is, for
 * the checks that refuse it; so are messages (-m) and files.
 */
static const char *trim_blanks(const char *s)
{
	struct zdh_buf k = ZDH_BUF_INIT;
	size_t len;
	const char *b = zdh_blank_span(s, &len);

	if (!len || (b == s && !s[len]))
		return s;
	zdh_buf_add(&k, b, len);
	return keep(&k);
}

/*
 * A DATE typed as offices type it ("2026/11/03", "2026年11月3日"), as
 * core reads dates: "2026-11-03".
 */
static const char *office_date(const char *arg)
{
	struct zdh_buf b = ZDH_BUF_INIT;
	struct zdh_time t;

	/* a date that is none (2026/13/01) stays as typed, for the message */
	if (!zdh_date_office_form(&b, arg) || zdh_date_parse(&t, b.ptr, "UTC") < 0) {
		zdh_buf_release(&b);
		return arg;
	}
	return keep(&b);
}

/* 一 to 十 (两 for 二), as a fraction is said: the number, or 0. */
static int chinese_numeral(const char **s)
{
	static const char *const digits[] = { "一", "二", "三", "四", "五", "六", "七", "八", "九", "十" };

	if (!strncmp(*s, "两", strlen("两"))) {
		*s += strlen("两");
		return 2;
	}
	for (int i = 0; i < 10; i++)
		if (!strncmp(*s, digits[i], strlen(digits[i]))) {
			*s += strlen(digits[i]);
			return i + 1;
		}
	return 0;
}

/* A quorum as it is said ("三分之二", two of three): "2/3"; else as typed. */
static const char *office_quorum(const char *arg)
{
	const char *s = arg;
	int whole, part;
	struct zdh_buf b = ZDH_BUF_INIT;

	if (!(whole = chinese_numeral(&s)) || strncmp(s, "分之", strlen("分之")))
		return arg;
	s += strlen("分之");
	if (!(part = chinese_numeral(&s)) || *s)
		return arg;
	zdh_buf_addf(&b, "%d/%d", part, whole);
	return keep(&b);
}

/* A year as offices type it ("2026年"): "2026". */
static const char *office_year(const char *arg)
{
	size_t n = strspn(arg, "0123456789");
	struct zdh_buf b = ZDH_BUF_INIT;

	if (n != 4 || strcmp(arg + n, "年"))
		return arg;
	zdh_buf_add(&b, arg, n);
	return keep(&b);
}

/*
 * The value of an option that takes a date, a day, a month, a year or a
 * number, as offices type it: full-width digits and signs (２０２６－１２,
 * a Chinese input method's) as ASCII, then the office forms of dates,
 * months and years as core reads them.  Names and texts stay as typed.
 */
static const char *office_value(const struct opt *o, const char *arg)
{
	static const char *const numeric[] = { "DATE", "DAY", "YYYY-MM", "YYYY", "Y", "N", "1-5",
					       "H", "SECONDS", "Q", NULL };
	const char *argh = o->argh ? o->argh : "";
	struct zdh_buf half = ZDH_BUF_INIT;
	size_t i;

	/* an id prefix (--prefix CODE) as zdh.prefix is kept: xq, ＸＱ are XQ */
	if (arg && o->long_name && !strcmp(o->long_name, "prefix") && !strcmp(argh, "CODE")) {
		zdh_settings_typed(&half, "zdh.prefix", arg);	/* (always folded into half) */
		return keep(&half);
	}
	for (i = 0; numeric[i] && strcmp(numeric[i], argh); i++)
		;
	if (o->type != OPT_T_INT && (o->type != OPT_T_STRING || !numeric[i]))
		return arg;
	if (zdh_halfwidth(&half, arg))
		arg = keep(&half);
	else
		zdh_buf_release(&half);
	if (!strcmp(argh, "DATE") || !strcmp(argh, "DAY"))
		return office_date(arg);
	if (!strcmp(argh, "YYYY") || !strcmp(argh, "Y"))
		return office_year(arg);
	if (!strcmp(argh, "Q"))
		return office_quorum(arg);
	return arg;
}

/*
 * -m A -m B: A and B as two paragraphs, a blank line between them, as
 * git commit takes them.  Kept until the process ends, as argv is.
 */
static const char *paragraphs(const char *was, const char *more)
{
	static char **kept;
	static size_t n, alloc;
	char *both;

	if (!*was)
		return more;
	both = zdh_asprintf("%s\n\n%s", was, more);
	if (n == alloc) {
		alloc = alloc ? 2 * alloc : 4;
		kept = zdh_realloc(kept, alloc * sizeof(*kept));
	}
	kept[n++] = both;
	return both;
}

/*
 * A date or a day the parser refuses, refused naming the option typed
 * ("--due: invalid date 'xyz' (...)"), before the repository is opened:
 * the parser's words alone did not say which of --since and --until,
 * --from and --due was wrong.  The zone does not make a text a date or
 * not (UTC here; the command reads it again in the repository's zone).
 * "" is left to the verb (--to "" is no end).  A month is read by
 * month_arg(), which names --month.
 */
static int date_value_refused(const struct opt_ctx *ctx, const struct opt *o, const char *arg)
{
	const char *argh = o->argh ? o->argh : "";

	if (!arg || !*arg || o->type == OPT_T_FLAG || o->type == OPT_T_INT)
		return 0;
	if ((strcmp(argh, "DATE") && strcmp(argh, "DAY")) || zdh_date_form_check(arg) >= 0)
		return 0;
	return report_option(ctx->given, ZDH_EINVALID);
}

/* Does o's value (or, for OPT_ARGS, its arguments) name a file ("FILE", "[FILE]...")? */
static int names_file(const struct opt *o)
{
	return o->argh && strstr(o->argh, "FILE");
}

static int set_value(struct opt_ctx *ctx, const struct opt *o, const char *arg)
{
	char *end;
	int domain;

	if ((o->type == OPT_T_STRING || o->type == OPT_T_LIST || o->type == OPT_T_CALLBACK) && arg &&
	    !(o->flags & (OPT_STDIN | OPT_PARAGRAPHS)) && !names_file(o))
		arg = trim_blanks(arg);
	/* a Chinese name of a kind, status, source ... stands for its English word */
	if ((o->type == OPT_T_STRING || o->type == OPT_T_LIST) &&
	    (domain = zdh_word_option_domain(ctx->noun ? ctx->noun : ctx->verb->name,
					     o->long_name)) >= 0)
		arg = zdh_word_value(domain, arg);
	arg = office_value(o, arg);
	if ((domain = date_value_refused(ctx, o, arg)))
		return domain;
	/* -o "", --attach "": no file, as no value (not an I/O error at the end, 128) */
	if (arg && !*arg && names_file(o))
		return opt_usage_error(_("option '%s' needs a value"), ctx->given);

	switch (o->type) {
	case OPT_T_FLAG:
		*(int *)o->value = 1;
		return 0;
	case OPT_T_STRING:
		if ((o->flags & OPT_STDIN) && !strcmp(arg, "-")) {
			/* kept until the process ends, as argv is: standard
			 * input can be read only once, so one buffer serves */
			static struct zdh_buf stdin_text = ZDH_BUF_INIT;
			static int stdin_read;
			struct zdh_buf *in = &stdin_text;
			/* read again, it would be empty, and the first value gone with the buffer */
			if (stdin_read++)
				return opt_usage_error(_("option '%s' given twice ('%s' and '%s')"),
						       ctx->given, "-", "-");
			/* within ZDH_MESSAGE_READ_MAX, every byte checked before it is a C string */
			if (zdh_buf_read_fd_max(in, 0, ZDH_MESSAGE_READ_MAX) < 0)
				return report(errno == EFBIG ?
					      zdh_error_set(ZDH_EINVALID, _("%s on standard input is larger than %d bytes"),
							    ctx->given, ZDH_MESSAGE_READ_MAX) :
					      zdh_error_errno(ZDH_ERROR, _("cannot read %s from standard input"),
							      ctx->given));
			if (zdh_text_valid(ctx->given, in->ptr, in->len))
				return report(ZDH_EINVALID);
			zdh_buf_rtrim(in);
			arg = in->ptr;
		}
		if ((o->flags & OPT_PARAGRAPHS) && *(const char **)o->value && *arg)
			arg = paragraphs(*(const char **)o->value, arg);
		*(const char **)o->value = arg;
		return 0;
	case OPT_T_INT: {
		int positive = (o->flags & OPT_POSITIVE) != 0;
		*(long long *)o->value = strtoll(arg, &end, 10);
		if (!*arg || *end || *(long long *)o->value < positive)
			return opt_usage_error(positive ? _("%s needs a positive number") :
					       _("%s needs a number (0 or more)"), ctx->given);
		return 0;
	}
	case OPT_T_LIST: {
		struct opt_list *l = o->value;
		l->v = zdh_realloc(l->v, (l->n + 1) * sizeof(*l->v));
		l->v[l->n++] = arg;
		return 0;
	}
	case OPT_T_CALLBACK:
		return o->cb(ctx, o, arg);
	default:
		return 0;
	}
}

/*
 * A file to write that would land in a repository's .zdh (its config, its
 * index, a ref): `report monthly -o .zdh/config` left a repository every
 * command refused.  The folder is resolved (symbolic links, ..), and so is
 * the file when it exists.
 */
static int in_zdh_dir(const char *resolved)
{
	const char *p = resolved;

	while ((p = strstr(p, "/.zdh")))
		if (p[5] == '/' || !p[5])
			return 1;
		else
			p += 5;
	return 0;
}

static int check_output(const char *path)
{
	char *dir, *slash, *real;
	int inside = 0;

	if (!path || !*path || !strcmp(path, "-"))
		return 0;
	if ((real = realpath(path, NULL))) {
		inside = in_zdh_dir(real);
		free(real);
	}
	dir = zdh_strdup(path);
	if ((slash = strrchr(dir, '/')))
		slash[slash == dir] = 0;	/* "/x": "/"; "a/b": "a" */
	if (!inside && (real = realpath(slash ? dir : ".", NULL))) {
		inside = in_zdh_dir(real);
		free(real);
	}
	free(dir);
	if (inside)
		return report(zdh_error_set(ZDH_EINVALID, _("'%s' is inside a repository's .zdh; write it elsewhere"),
					    path));
	return 0;
}

/*
 * Text that only looks empty: spaces and invisible characters of which
 * one at least is not ASCII (an ideographic space U+3000, a zero-width
 * space U+200B, a byte-order mark).  A title or name of them was taken
 * as text; the ASCII blanks are each command's own check ("title is
 * empty"), so their messages stay.
 */
static int looks_empty(const char *text)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)text;
	utf8proc_int32_t cp;
	utf8proc_ssize_t n;
	int wide = 0;

	if (!*text)
		return 0;
	while (*p && (n = utf8proc_iterate(p, -1, &cp)) > 0) {
		utf8proc_category_t c = utf8proc_category(cp);
		if (cp != ' ' && cp != '\t' && c != UTF8PROC_CATEGORY_ZS &&
		    c != UTF8PROC_CATEGORY_ZL && c != UTF8PROC_CATEGORY_ZP && c != UTF8PROC_CATEGORY_CF)
			return 0;
		wide |= cp >= 0x80;
		p += n;
	}
	return wide;
}

static int check_utf8(const char *what, const char *text)
{
	if (check_text(what, text))
		return ZDH_EXIT_REFUSED;
	if (text && looks_empty(text))
		return report(zdh_error_set(ZDH_EINVALID, _("%s has only spaces or invisible characters"), what));
	return 0;
}

/*
 * A single-valued option given a second, different value (--area 新桥
 * --area 延安) is refused: taking the last one silently dropped the
 * first.  The same value twice is taken, and -m again is a paragraph
 * more (OPT_PARAGRAPHS).
 */
static int given_again(struct opt_ctx *ctx, const struct opt *o, const char **was, const char *arg)
{
	const char **prev = &was[o - ctx->verb->opts];

	/* a callback decides for itself (the council's --action TEXT --dept D
	 * groups repeat); -m again is a paragraph more (set_value()) */
	if ((o->type != OPT_T_STRING && o->type != OPT_T_INT) || (o->flags & OPT_PARAGRAPHS))
		return 0;
	if (*prev && strcmp(*prev, arg))
		return opt_usage_error(_("option '%s' given twice ('%s' and '%s')"), ctx->given, *prev, arg);
	*prev = arg;
	return 0;
}

/*
 * An edit (a verb with OPT_FIELD options) given none of them: refused, exit
 * 1, naming the verb whose -h lists what can change.  0 when it is no edit
 * or one of them was given.
 */
static int nothing_to_change(const struct opt *opts, const unsigned char *seen)
{
	int fields = 0;

	for (const struct opt *o = opts; o && o->type != OPT_T_END; o++)
		if (o->flags & OPT_FIELD) {
			if (seen[o - opts])
				return 0;
			fields = 1;
		}
	if (!fields)
		return 0;
	return report(zdh_error_set(ZDH_EINVALID, _("nothing to change: give what changes (see '%s -h')"),
				    opt_verb_name()));
}

/* Does the verb take files as arguments (FILE.csv, [FILE]...)?  Those keep their blanks. */
static int args_name_files(const struct opt *opts)
{
	for (const struct opt *o = opts; o && o->type != OPT_T_END; o++)
		if (o->type == OPT_T_ARGS && names_file(o))
			return 1;
	return 0;
}

/*
 * Parse argv[1..] against the verb's table; the arguments left are moved
 * to argv[1..*nargs].  0, -1 after -h, or an exit code.
 */
static int parse(struct opt_ctx *ctx, int argc, char **argv, int *nargs)
{
	const struct opt *opts = ctx->verb->opts, *o;
	size_t count = 0;
	unsigned char *seen;
	const char **was;
	int n = 0, code = 0, only_args = 0, min, max;
	char given[8];

	for (o = opts; o && o->type != OPT_T_END; o++)
		count++;
	seen = zdh_calloc(count + 1, 1);
	/* what each single-valued option was given, to refuse a second value */
	was = zdh_calloc(count + 1, sizeof(*was));
	for (int i = 1; i < argc && !code; i++) {
		const char *a = argv[i], *arg = NULL;
		const struct opt *hit = NULL;

		/* "-3" is a negative number, not an option (no option is a
		 * digit): 'config KEY -3' reaches the value's check */
		if (only_args || a[0] != '-' || !a[1] || (a[1] >= '0' && a[1] <= '9')) {
			argv[1 + n++] = argv[i];
			continue;
		}
		if (!strcmp(a, "--")) {
			only_args = 1;
			continue;
		}
		if (a[1] == '-') {
			const char *name = a + 2, *eq = strchr(name, '=');
			size_t len = eq ? (size_t)(eq - name) : strlen(name);
			int matches = 0;

			if (len && !strncmp("help", name, len) && !eq) {
				code = -1;
				break;
			}
			/* an exact name, else one it begins (as getopt_long does) */
			for (o = opts; o && o->type != OPT_T_END; o++)
				if (o->long_name && strlen(o->long_name) == len &&
				    !strncmp(o->long_name, name, len))
					hit = o;
			if (!hit)
				for (o = opts; o && o->type != OPT_T_END; o++)
					if (o->long_name && !strncmp(o->long_name, name, len) && len) {
						hit = o;
						matches++;
					}
			if (!hit || matches > 1) {
				char *word = zdh_strndup(a, (size_t)(name - a) + len);
				const char *like = matches > 1 ? NULL : similar_option(opts, word + 2);
				if (like)
					code = opt_usage_error(_("unknown option '%s' for '%s'; did you mean '--%s'?"),
							       word, opt_verb_name(), like);
				else
					code = opt_usage_error(matches > 1 ? _("ambiguous option '%s' for '%s'") :
							       _("unknown option '%s' for '%s'"),
							       word, opt_verb_name());
				free(word);
				break;
			}
			if (eq) {
				if (!takes_value(hit)) {
					code = opt_usage_error(_("option '--%s' takes no value"), hit->long_name);
					break;
				}
				arg = eq + 1;
			}
			{
				/* the option's name alone for messages: "--limit" */
				static struct zdh_buf g = ZDH_BUF_INIT;
				zdh_buf_reset(&g);
				zdh_buf_addf(&g, "--%s", hit->long_name);
				ctx->given = g.ptr;
			}
			if (takes_value(hit) && !arg) {
				if (i + 1 >= argc) {
					code = opt_usage_error(_("option '%s' needs a value"), ctx->given);
					break;
				}
				arg = argv[++i];
			}
			if ((code = given_again(ctx, hit, was, arg)))
				break;
			seen[hit - opts] = 1;
			code = set_value(ctx, hit, arg);
			continue;
		}
		/* a cluster of short options: -qv, -mTEXT, -m TEXT */
		for (const char *p = a + 1; *p && !code; p++) {
			hit = NULL;
			if (*p == 'h') {
				code = -1;
				break;
			}
			for (o = opts; o && o->type != OPT_T_END; o++)
				if (o->short_name == *p)
					hit = o;
			snprintf(given, sizeof(given), "-%c", *p);
			ctx->given = given;
			if (!hit && *p == 'C' && p == a + 1 && current.verb)
				/* zdh issue list -C DIR: the option of zdh, not of the verb */
				code = opt_usage_error(_("unknown option '%s' for '%s': -C DIR goes before the "
							 "command (zdh -C DIR %s)"), given, opt_verb_name(),
						       opt_verb_name() + 4);
			else if (!hit)
				code = opt_usage_error(_("unknown option '%s' for '%s'"), given,
						       opt_verb_name());
			if (!hit)
				break;
			seen[hit - opts] = 1;
			if (takes_value(hit)) {
				if (p[1])
					arg = p + 1;
				else if (i + 1 < argc)
					arg = argv[++i];
				else {
					code = opt_usage_error(_("option '%s' needs a value"), given);
					break;
				}
				if ((code = given_again(ctx, hit, was, arg)))
					break;
				code = set_value(ctx, hit, arg);
				break;
			}
			code = set_value(ctx, hit, NULL);
		}
	}
	if (code)
		goto done;
	/* alternatives given together */
	for (o = opts; o && o->type != OPT_T_END && !code; o++) {
		const struct opt *first = NULL;
		if (!(o->flags & OPT_OR_NEXT) || (o > opts && (o[-1].flags & OPT_OR_NEXT)))
			continue;
		for (const struct opt *q = o;; q++) {
			if (seen[q - opts]) {
				if (first)
					code = opt_usage_error(_("--%s and --%s cannot be used together"),
							       first->long_name, q->long_name);
				first = q;
			}
			if (!(q->flags & OPT_OR_NEXT) || code) {
				/* --excel goes with the last one (--format csv), not the others (--json) */
				if (!code && first && first != q && q[1].type != OPT_T_END && q[1].long_name &&
				    !strcmp(q[1].long_name, "excel") && seen[q + 1 - opts])
					code = opt_usage_error(_("--%s and --%s cannot be used together"),
							       first->long_name, q[1].long_name);
				break;
			}
		}
	}
	/* required options */
	for (o = opts; o && o->type != OPT_T_END && !code; o++) {
		struct zdh_buf b = ZDH_BUF_INIT;
		if (!(o->flags & OPT_REQUIRED))
			continue;
		if (seen[o - opts] && !((o->flags & OPT_NONEMPTY) && o->type == OPT_T_STRING &&
					 blank(*(const char **)o->value)))
			continue;
		if (o->flags & OPT_SHORT)
			opt_usage(&b, o);
		else
			opt_name(&b, o, 0);
		code = opt_usage_error(C_("an option", "'%s' needs %s"), opt_verb_name(), b.ptr);
		zdh_buf_release(&b);
	}
	if (code)
		goto done;
	arg_counts(opts, &min, &max);
	if (n < min)
		code = opt_usage_error(C_("arguments in words", "'%s' needs %s"), opt_verb_name(),
				       ctx->verb->need ? _(ctx->verb->need) : _("more arguments"));
	else if (max >= 0 && n > max)
		code = opt_usage_error(_("'%s': too many arguments"), opt_verb_name());
	if (code)
		goto done;
	/* every text given is UTF-8 (paths too: a log keeps them as text) */
	for (o = opts; o && o->type != OPT_T_END && !code; o++) {
		char *what;
		if (!seen[o - opts] || !o->long_name)
			continue;
		what = zdh_asprintf("--%s", o->long_name);
		if (o->type == OPT_T_STRING)
			code = check_utf8(what, *(const char **)o->value);
		else if (o->type == OPT_T_LIST)
			for (size_t k = 0; k < ((struct opt_list *)o->value)->n && !code; k++)
				code = check_utf8(what, ((struct opt_list *)o->value)->v[k]);
		free(what);
	}
	if (!args_name_files(opts))
		for (int i = 0; i < n; i++)
			argv[1 + i] = (char *)trim_blanks(argv[1 + i]);
	for (int i = 0; i < n && !code; i++)
		code = check_utf8(_("an argument"), argv[1 + i]);
	/* -o FILE never inside a repository (.zdh/config overwritten by a report) */
	for (o = opts; o && o->type != OPT_T_END && !code; o++)
		if (seen[o - opts] && o->type == OPT_T_STRING && o->long_name &&
		    !strcmp(o->long_name, "output"))
			code = check_output(*(const char **)o->value);
	if (!code)
		code = nothing_to_change(opts, seen);
	*nargs = n;
done:
	free(seen);
	free(was);
	return code;
}

static int run_one(const char *noun, const struct verb *table, const struct verb *v,
		   int argc, char **argv)
{
	int code, nargs = 0;

	current.noun = noun;
	current.table = table;
	current.verb = v;
	code = parse(&current, argc, argv, &nargs);
	if (code == -1) {
		verb_help(stdout, &current);
		return finish_output(0);
	}
	if (code)
		return code;
	argv[nargs + 1] = NULL;
	return v->fn(nargs, argv + 1);
}

int dispatch(const char *noun, const struct verb *verbs, int argc, char **argv)
{
	const char **names;
	size_t n = 0;

	current.noun = noun;
	current.table = verbs;
	current.verb = NULL;
	if (argc < 2)
		return opt_usage_error(_("'zdh %s' needs a verb"), noun);
	if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")) {
		noun_help(stdout, noun, verbs);
		return finish_output(0);
	}
	for (const struct verb *v = verbs; v->name; v++, n++) {
		if (strcmp(v->name, argv[1]))
			continue;
		if (v->sub) {
			char *sub = zdh_asprintf("%s %s", noun, v->name);
			int code = dispatch(sub, v->sub, argc - 1, argv + 1);
			/* sub stays named by current for messages until the process ends */
			return code;
		}
		return run_one(noun, verbs, v, argc - 1, argv + 1);
	}
	fprintf(stderr, "zdh: ");
	fprintf(stderr, _("'%s' is not a verb of 'zdh %s'"), argv[1], noun);
	fputc('\n', stderr);
	names = zdh_calloc(n + 1, sizeof(*names));
	for (size_t i = 0; i < n; i++)
		names[i] = verbs[i].name;
	if (opt_similar(argv[1], names, n, _("The most similar verb is"),
			_("The most similar verbs are")))
		fputc('\n', stderr);
	free(names);
	noun_help(stderr, noun, verbs);
	return ZDH_EXIT_USAGE;
}

int run_command(const struct verb *table, int argc, char **argv)
{
	for (const struct verb *v = table; v->name; v++)
		if (!strcmp(v->name, argv[0]))
			return run_one(NULL, table, v, argc, argv);
	fprintf(stderr, "zdh: BUG: '%s' is not in its table\n", argv[0]);
	return ZDH_EXIT_FATAL;
}

int run_single_command(const char *name, int (*fn)(int argc, char **argv), const struct opt *opts,
		       int argc, char **argv)
{
	static const struct opt none[] = { OPT_END() };
	static struct verb table[2];	/* static: the parser keeps pointing at it */

	table[0].name = name;
	table[0].fn = fn;
	table[0].opts = opts ? opts : none;
	return run_command(table, argc, argv);
}

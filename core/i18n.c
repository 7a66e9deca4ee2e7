/*
 * i18n — binds the "zdh" message catalogue.  Only cmd/main.c calls it.
 *
 * The catalogue is looked for beside the executable first
 * (<dir of /proc/self/exe>/locale/<lang>/LC_MESSAGES/zdh.mo, where the
 * build puts it), so a binary run from the build tree speaks its own
 * catalogue rather than an older installed one; an installed binary has
 * no locale folder beside it and uses LOCALEDIR ($(PREFIX)/share/locale).
 * $ZDH_LOCALEDIR, when set, wins over both.
 *
 * The locale comes from the environment, as setlocale(3) reads it.  A
 * locale that is not installed (Debian generates only C.UTF-8 unless
 * asked; LANG=zh_CN.UTF-8 on such a machine) still gets messages in its
 * language: LC_MESSAGES falls back to C.UTF-8, under which glibc's
 * gettext reads $LANGUAGE, set to that locale's language when the user
 * did not set it.
 *
 * English asked for in the C locale (nothing set, C, POSIX, C.UTF-8, and
 * no $LANGUAGE) stays in the C locale a process starts in: its messages
 * are the msgids, whatever the catalogue, and every text zdh prints is
 * bytes it has (UTF-8 in, UTF-8 out; widths from utf8proc), so C.UTF-8's
 * tables (350 KiB mapped, locale.alias read, gconv's cache mapped) and
 * the catalogue's search (three files that are not there, and the
 * executable's folder) would cost an add 110 microseconds for nothing.
 */
#include <fcntl.h>
#include <libintl.h>
#include <limits.h>
#include <locale.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "i18n.h"

#ifndef LOCALEDIR
#define LOCALEDIR "/usr/local/share/locale"
#endif

/* "<dir of the executable>/locale" when it is a folder, else NULL. */
static const char *beside_exe(char *buf, size_t size)
{
	static const char sub[] = "/locale";
	struct stat st;
	ssize_t n = readlink("/proc/self/exe", buf, size);
	char *slash;

	if (n <= 0 || (size_t)n >= size)
		return NULL;
	buf[n] = '\0';
	if (!(slash = strrchr(buf, '/')) || (size_t)(slash - buf) + sizeof(sub) > size)
		return NULL;
	memcpy(slash, sub, sizeof(sub));
	if (stat(buf, &st) < 0 || !S_ISDIR(st.st_mode))
		return NULL;
	return buf;
}

/* setlocale(category, ""), falling back to C.UTF-8 when that locale is not installed. */
static int locale_or_fallback(int category)
{
	if (setlocale(category, ""))
		return 1;
	setlocale(category, "C.UTF-8");
	return 0;
}

/*
 * The locale setlocale(category, "") would read: LC_ALL, then the
 * category's variable, then LANG (NULL when none is set).
 */
static const char *locale_env(const char *category)
{
	static const char *const vars[] = { "LC_ALL", NULL, "LANG" };
	const char *v;

	for (size_t i = 0; i < sizeof(vars) / sizeof(vars[0]); i++)
		if ((v = getenv(vars[i] ? vars[i] : category)) && *v)
			return v;
	return NULL;
}

/* A name of the C locale, in which messages are English. */
static int is_c(const char *name)
{
	return !name || !strcmp(name, "C") || !strcmp(name, "POSIX") ||
	       !strcmp(name, "C.UTF-8") || !strcmp(name, "C.utf8");
}

void zdh_i18n_init(void)
{
	char buf[PATH_MAX], lang[64];
	const char *dir = getenv("ZDH_LOCALEDIR"), *want, *language = getenv("LANGUAGE");
	size_t n;

	if ((!language || !*language) && is_c(locale_env("LC_CTYPE")) &&
	    is_c(locale_env("LC_MESSAGES"))) {
		textdomain("zdh");	/* (no catalogue is read in the C locale) */
		return;
	}
	locale_or_fallback(LC_CTYPE);
	if (!locale_or_fallback(LC_MESSAGES) && (!language || !*language) &&
	    (want = locale_env("LC_MESSAGES"))) {
		/* "zh_CN.UTF-8", "zh_CN@x": the language is what comes before '.' or '@' */
		n = strcspn(want, ".@");
		if (n > 0 && n < sizeof(lang) && strcmp(want, "C") && strcmp(want, "POSIX")) {
			memcpy(lang, want, n);
			lang[n] = '\0';
			setenv("LANGUAGE", lang, 1);
		}
	}
	if (!dir || !*dir)
		dir = beside_exe(buf, sizeof(buf));
	bindtextdomain("zdh", dir ? dir : LOCALEDIR);
	bind_textdomain_codeset("zdh", "UTF-8");
	textdomain("zdh");
}

/* ---- English on one thread (what is stored) ---- */

static _Thread_local int english_depth;
static _Thread_local locale_t english_prev;
static locale_t english_locale;
static pthread_once_t english_once = PTHREAD_ONCE_INIT;

static void english_make(void)
{
	/* the process's locale with the messages of "C": gettext then ignores LANGUAGE */
	locale_t base = duplocale(LC_GLOBAL_LOCALE);

	english_locale = base ? newlocale(LC_MESSAGES_MASK, "C", base) : (locale_t)0;
	if (!english_locale && base)
		freelocale(base);
}

void zdh_i18n_english_begin(void)
{
	if (english_depth++)
		return;
	pthread_once(&english_once, english_make);
	english_prev = english_locale ? uselocale(english_locale) : (locale_t)0;
}

void zdh_i18n_english_end(void)
{
	if (--english_depth)
		return;
	if (english_prev)
		uselocale(english_prev);
	english_prev = (locale_t)0;
}

/* The catalogue's header ("" is its msgid): "" when no catalogue is in use. */
static const char *catalogue_header(void)
{
	static const char header_msgid[] = "";	/* a variable: not a message for xgettext */

	return gettext(header_msgid);
}

int zdh_i18n_chinese(void)
{
	static int known = -1;
	const char *head;

	if (english_depth)
		return 0;
	if (known < 0) {
		/* the catalogue's header names its language */
		head = catalogue_header();
		known = head && *head && strstr(head, "\nLanguage: zh") != NULL;
	}
	return known;
}

const char *zdh_pgettext(const char *ctx_id, const char *s)
{
	const char *t = gettext(ctx_id);

	return t == ctx_id ? s : t;
}

const char *zdh_plural(int translated, const char *one, const char *many, long long n)
{
	unsigned long u = n < 0 ? (unsigned long)-n : (unsigned long)n;

	return translated ? ngettext(one, many, u) : u == 1 ? one : many;
}

char *zdh_count_text(const char *one, const char *many, long long n)
{
	return zdh_asprintf(zdh_plural(1, one, many, n), n);
}

/* ---- translating English text made from a message (zdh_i18n_shown) ---- */

/* The catalogue in use, read whole once: its messages are looked for by their text. */
static struct {
	char *data;
	size_t size;
	uint32_t n, orig;	/* the number of messages, the offset of their table */
} mo;
static pthread_once_t mo_once = PTHREAD_ONCE_INIT;

static int mo_read(const char *path)
{
	struct stat st;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t got = -1;

	if (fd < 0)
		return -1;
	if (!fstat(fd, &st) && st.st_size >= 28 && st.st_size < (64 << 20) &&
	    (mo.data = malloc((size_t)st.st_size)))
		got = read(fd, mo.data, (size_t)st.st_size);
	close(fd);
	if (got != st.st_size) {
		free(mo.data);
		mo.data = NULL;
		return -1;
	}
	mo.size = (size_t)st.st_size;
	return 0;
}

static uint32_t mo_u32(size_t at)
{
	uint32_t v;

	memcpy(&v, mo.data + at, 4);
	return v;
}

/* Message i's text and length (0: none), bounds checked. */
static const char *mo_msgid(uint32_t i, uint32_t *len)
{
	size_t at = (size_t)mo.orig + (size_t)i * 8;
	uint32_t l, off;

	if (at + 8 > mo.size)
		return NULL;
	l = mo_u32(at);
	off = mo_u32(at + 4);
	if ((size_t)off + l + 1 > mo.size || mo.data[off + l] != '\0')
		return NULL;
	*len = l;
	return mo.data + off;
}

/* One candidate name of the catalogue's language: dir/lang/LC_MESSAGES/zdh.mo. */
static int mo_try(const char *dir, const char *lang, size_t n)
{
	char path[PATH_MAX];

	if (!n || (size_t)snprintf(path, sizeof(path), "%s/%.*s/LC_MESSAGES/zdh.mo", dir, (int)n, lang) >=
	    sizeof(path))
		return -1;
	return mo_read(path);
}

static void mo_load(void)
{
	const char *dir = bindtextdomain("zdh", NULL), *lang = getenv("LANGUAGE"), *p;
	const char *loc = setlocale(LC_MESSAGES, NULL);
	char list[256];

	if (!dir)
		return;
	/* LANGUAGE's names (a:b:c), then the locale's: each whole, then without .codeset or @x, then the language */
	snprintf(list, sizeof(list), "%s:%s", lang ? lang : "", loc ? loc : "");
	for (p = list; *p && !mo.data; ) {
		size_t n = strcspn(p, ":"), a = strcspn(p, ".@"), b = strcspn(p, "_.@");
		if (n && strncmp(p, "C", n) && strncmp(p, "POSIX", n) &&
		    mo_try(dir, p, n) && (a >= n || mo_try(dir, p, a)) && b < n)
			mo_try(dir, p, b);
		p += n + (p[n] == ':');
	}
	if (!mo.data)
		return;
	mo.n = mo_u32(8);
	mo.orig = mo_u32(12);
	/* a catalogue of this machine's byte order (msgfmt's), revision 0 */
	if (mo_u32(0) != 0x950412de || mo_u32(4) != 0 || (size_t)mo.orig + (size_t)mo.n * 8 > mo.size) {
		free(mo.data);
		mo.data = NULL;
	}
}

#define SHOWN_ARGS 10

/* A conversion of a message at f ('%' there): its length, kind ('s', 'd', 'u', 'c', '%', 0 not read) and arg index (n$, 0 none). */
static size_t conv_at(const char *f, char *kind, int *pos, long *prec)
{
	const char *p = f + 1;

	*kind = 0;
	*pos = 0;
	*prec = -1;
	if (*p == '%') {
		*kind = '%';
		return 2;
	}
	if (*p >= '1' && *p <= '9' && p[1] == '$') {
		*pos = *p - '0';
		p += 2;
	}
	p += strspn(p, "-+ #0");
	p += strspn(p, "0123456789");
	if (*p == '.') {
		if (*++p == '*')
			return 0;		/* a precision given as an argument: not read */
		*prec = strtol(p, NULL, 10);
		p += strspn(p, "0123456789");
	}
	p += strspn(p, "hlzjt");
	switch (*p) {
	case 's': *kind = 's'; break;
	case 'd': case 'i': *kind = 'd'; break;
	case 'u': case 'x': *kind = 'u'; break;
	case 'c': *kind = 'c'; break;
	default: return 0;
	}
	return (size_t)(p + 1 - f);
}

struct capture {
	const char *at[SHOWN_ARGS];
	size_t len[SHOWN_ARGS];
	int n;
	/*
	 * Where the rest of a message was already found not to make the
	 * rest of the text: a bit for each (conversion, byte of the text).
	 * Whether the rest makes it depends on those two only, so each is
	 * tried once: a text of n bytes costs a message of k conversions
	 * k * n tries, not n to the k (a peer's long field name in a note
	 * made every show under zh_CN take a third of a second a note).
	 */
	unsigned char *failed;
	const char *s0;
	size_t width;
	int conv;
};

/* Conversions of a message whose failures are remembered (a %% counts too). */
#define MEMO_CONVERSIONS (SHOWN_ARGS + 8)

/* The byte of c->failed for (conv, s), its bit in *bit; NULL when none is kept. */
static unsigned char *memo_at(const struct capture *c, int conv, const char *s, unsigned *bit)
{
	size_t at = (size_t)conv * c->width + (size_t)(s - c->s0);

	if (!c->failed || conv >= MEMO_CONVERSIONS)
		return NULL;
	*bit = 1u << (at % 8);
	return &c->failed[at / 8];
}

static int makes_conversion(const char *f, const char *s, struct capture *c, char kind,
			    size_t clen, long prec, int i);

/* Does message f make all of s?  Its arguments' text into c. */
static int makes(const char *f, const char *s, struct capture *c)
{
	char kind;
	int pos, i = c->n, conv = c->conv, r;
	long prec;
	size_t clen;
	unsigned bit;
	unsigned char *failed;

	while (*f && *f != '%') {
		if (*f++ != *s++)
			return 0;
	}
	if (!*f)
		return !*s;
	clen = conv_at(f, &kind, &pos, &prec);
	if (!clen || pos || (kind != '%' && i >= SHOWN_ARGS))
		return 0;
	if ((failed = memo_at(c, conv, s, &bit)) && (*failed & bit))
		return 0;
	c->conv = conv + 1;
	r = makes_conversion(f, s, c, kind, clen, prec, i);
	c->conv = conv;
	if (!r) {
		c->n = i;
		if (failed)
			*failed |= (unsigned char)bit;
	}
	return r;
}

/* Argument i is the n bytes at s: does the rest of the message, f, make what follows? */
static int takes(struct capture *c, int i, const char *s, size_t n, const char *f)
{
	c->at[i] = s;
	c->len[i] = n;
	c->n = i + 1;
	return makes(f, s + n, c);
}

/* The conversion at f (of kind, clen bytes) from s, then the rest. */
static int makes_conversion(const char *f, const char *s, struct capture *c, char kind,
			    size_t clen, long prec, int i)
{
	size_t n = 0, max = (size_t)(c->s0 + c->width - 1 - s);	/* what is left of the text */

	if (kind == '%')
		return *s == '%' && makes(f + 2, s + 1, c);
	if (kind == 'd' && (*s == '-' || *s == '+'))
		n = 1;
	if (kind == 'd' || kind == 'u') {
		size_t d = strspn(s + n, kind == 'u' ? "0123456789abcdef" : "0123456789");
		return d && takes(c, i, s, n + d, f + clen);
	}
	if (kind == 'c')
		max = *s ? 1 : 0;
	else if (prec >= 0 && (size_t)prec < max)
		max = (size_t)prec;
	for (n = kind == 'c' ? 1 : 0; n <= max; n++)
		if (takes(c, i, s, n, f + clen))
			return 1;
	return 0;
}

/* The literal text of message f, in bytes: the more, the surer the match. */
static size_t literal_len(const char *f)
{
	size_t n = 0;

	while (*f) {
		char kind;
		int pos;
		long prec;
		size_t clen;
		if (*f != '%') {
			n++;
			f++;
			continue;
		}
		if (!(clen = conv_at(f, &kind, &pos, &prec)))
			return 0;
		n += kind == '%';
		f += clen;
	}
	return n;
}

/* The translation t of a message, its conversions filled from c (by n$ or in order). */
static char *fill(const char *t, const struct capture *c, const char *(*word)(const char *))
{
	struct zdh_buf b = ZDH_BUF_INIT;
	int next = 0;

	while (*t) {
		char kind;
		int pos, i;
		long prec;
		size_t clen;
		if (*t != '%') {
			zdh_buf_addch(&b, *t++);
			continue;
		}
		if (!(clen = conv_at(t, &kind, &pos, &prec)) || (kind != '%' &&
		    (i = pos ? pos - 1 : next++) >= c->n)) {
			zdh_buf_release(&b);
			return NULL;
		}
		if (kind == '%') {
			zdh_buf_addch(&b, '%');
		} else {
			char *arg = zdh_strndup(c->at[i], c->len[i]);
			const char *shown = kind == 's' && *arg ? gettext(arg) : arg;
			/* else maybe a word of the caller's (claimed: 已认领, as labels print it) */
			if (shown == arg && kind == 's' && word && word(arg))
				shown = word(arg);
			zdh_buf_puts(&b, shown);
			free(arg);
		}
		t += clen;
	}
	return zdh_buf_detach(&b);
}

char *zdh_i18n_shown(const char *text, const char *(*word)(const char *arg))
{
	const char *best = NULL, *t;
	size_t best_len = 0;
	struct capture c, best_c = { { NULL }, { 0 }, 0 };
	unsigned char *memo;
	size_t tlen, memo_size;
	int tie = 0;
	char *out;

	if (!text || !*text)
		return NULL;
	if ((t = gettext(text)) != text)
		return zdh_strdup(t);
	/* no catalogue in use (English): nothing to read, no file to look for */
	if (!*catalogue_header())
		return NULL;
	pthread_once(&mo_once, mo_load);
	if (!mo.data)
		return NULL;
	tlen = strlen(text);
	memo_size = ((size_t)MEMO_CONVERSIONS * (tlen + 1) + 7) / 8;
	memo = zdh_malloc(memo_size);
	/* (the catalogue is read only, once loaded: no lock) */
	for (uint32_t i = 1; i < mo.n; i++) {	/* 0 is the header */
		uint32_t len;
		const char *id = mo_msgid(i, &len);
		size_t lit;
		/* a plural message's singular and plural, each */
		for (const char *f = id; f && f < id + len + 1; f += strlen(f) + 1) {
			if (!strchr(f, '%') || (*f != '%' && *f != *text))
				continue;
			memset(&c, 0, sizeof(c));
			c.s0 = text;
			c.width = tlen + 1;
			c.failed = memo;
			memset(memo, 0, memo_size);
			if (!makes(f, text, &c) || (lit = literal_len(f)) < best_len)
				continue;
			c.failed = NULL;
			if (lit > best_len || !best) {
				best = f;
				best_len = lit;
				best_c = c;
				tie = 0;
			} else if (strcmp(best, f)) {
				tie = 1;	/* two messages make it as surely: say it as it is */
			}
		}
	}
	free(memo);
	if (!best || tie || !best_len)
		return NULL;
	{
		/* the message's translation: a plural's by the form its English took */
		const char *id_start = best, *plural = NULL;
		uint32_t len;
		for (uint32_t i = 1; i < mo.n; i++) {
			const char *id = mo_msgid(i, &len);
			if (id && best >= id && best <= id + len) {
				id_start = id;
				if (strlen(id) < len)
					plural = id + strlen(id) + 1;
				break;
			}
		}
		t = plural ? ngettext(id_start, plural, best == id_start ? 1 : 2) : gettext(best);
	}
	out = t == best ? NULL : fill(t, &best_c, word);
	return out;
}

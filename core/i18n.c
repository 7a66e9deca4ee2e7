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
 */
#include <libintl.h>
#include <limits.h>
#include <locale.h>
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

/* The locale the environment asks for messages in: what setlocale(3) reads. */
static const char *messages_locale(void)
{
	static const char *const vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };
	const char *v;

	for (size_t i = 0; i < sizeof(vars) / sizeof(vars[0]); i++)
		if ((v = getenv(vars[i])) && *v)
			return v;
	return NULL;
}

/* setlocale(category, ""), falling back to C.UTF-8 when that locale is not installed. */
static int locale_or_fallback(int category)
{
	if (setlocale(category, ""))
		return 1;
	setlocale(category, "C.UTF-8");
	return 0;
}

void zdh_i18n_init(void)
{
	char buf[PATH_MAX], lang[64];
	const char *dir = getenv("ZDH_LOCALEDIR"), *want, *language = getenv("LANGUAGE");
	size_t n;

	locale_or_fallback(LC_CTYPE);
	if (!locale_or_fallback(LC_MESSAGES) && (!language || !*language) &&
	    (want = messages_locale())) {
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

int zdh_i18n_chinese(void)
{
	static int known = -1;
	static const char header_msgid[] = "";	/* a variable: not a message for xgettext */
	const char *head;

	if (known < 0) {
		/* the catalogue's header names its language ("" is the header's msgid) */
		head = gettext(header_msgid);
		known = head && *head && strstr(head, "\nLanguage: zh") != NULL;
	}
	return known;
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

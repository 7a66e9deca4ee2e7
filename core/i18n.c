/*
 * i18n — binds the "zdh" message catalogue.  Only cmd/main.c calls it.
 *
 * The catalogue is looked for beside the executable first
 * (<dir of /proc/self/exe>/locale/<lang>/LC_MESSAGES/zdh.mo, where the
 * build puts it), so a binary run from the build tree speaks its own
 * catalogue rather than an older installed one; an installed binary has
 * no locale folder beside it and uses LOCALEDIR ($(PREFIX)/share/locale).
 * $ZDH_LOCALEDIR, when set, wins over both.
 */
#include <libintl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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

void zdh_i18n_init(void)
{
	char buf[PATH_MAX];
	const char *dir = getenv("ZDH_LOCALEDIR");

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

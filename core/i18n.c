/*
 * i18n — binds the "zdh" message catalogue.  Only cmd/main.c calls it.
 */
#include <libintl.h>

#include "i18n.h"

#ifndef LOCALEDIR
#define LOCALEDIR "/usr/local/share/locale"
#endif

void zdh_i18n_init(void)
{
	bindtextdomain("zdh", LOCALEDIR);
	bind_textdomain_codeset("zdh", "UTF-8");
	textdomain("zdh");
}

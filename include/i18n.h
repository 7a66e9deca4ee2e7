/*
 * i18n — every user-facing message goes through _() so that a Chinese
 * catalogue (domain "zdh") can be added without touching code.
 */
#ifndef ZDH_I18N_H
#define ZDH_I18N_H

#include <libintl.h>

#define _(s) gettext(s)
#define N_(s) (s)

/*
 * Sets the locale from the environment (LC_CTYPE and LC_MESSAGES; one not
 * installed still gives messages in its language) and binds the catalogue.
 */
void zdh_i18n_init(void);
/* 1 when messages come from a Chinese catalogue (its header says "Language: zh..."). */
int zdh_i18n_chinese(void);

#endif

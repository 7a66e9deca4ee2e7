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
 * A plural pair, singular and plural English forms, for a function that
 * chooses between them later (xgettext's keyword NN_:1,2): expands to
 * the two arguments, zdh_count_text(NN_("%lld log", "%lld logs"), n).
 */
#define NN_(one, many) (one), (many)

/*
 * Sets the locale from the environment (LC_CTYPE and LC_MESSAGES; one not
 * installed still gives messages in its language) and binds the catalogue.
 */
void zdh_i18n_init(void);
/* 1 when messages come from a Chinese catalogue (its header says "Language: zh..."). */
int zdh_i18n_chinese(void);
/*
 * The form of a plural pair (NN_()) for n: ngettext's choice when
 * translated is set, else the English one (one when n is 1), for text
 * that is stored or given in --json.
 */
const char *zdh_plural(int translated, const char *one, const char *many, long long n);
/* n with its noun, "%lld log" or "%lld logs" as ngettext chooses; free() it. */
char *zdh_count_text(const char *one, const char *many, long long n);

#endif

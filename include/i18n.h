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
 * A message in a context (xgettext's keyword C_:1c,2): one English text
 * that a language words apart by what it says, "'%s' needs %s" naming
 * an option (需要 -m TEXT) or an argument in words (需要一个名称).  Its
 * translation, else s.
 */
#define C_(ctx, s) zdh_pgettext(ctx "\004" s, s)
const char *zdh_pgettext(const char *ctx_id, const char *s) __attribute__((format_arg(2)));

/*
 * Sets the locale from the environment (LC_CTYPE and LC_MESSAGES; one not
 * installed still gives messages in its language) and binds the catalogue;
 * English asked for in the C locale (C, POSIX, C.UTF-8, nothing set, no
 * LANGUAGE) stays in the C locale, with no catalogue looked for.
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

/*
 * What the index stores is the same in every language: a fold's notes
 * (why an event has no effect) are made in English, between begin and
 * end, on this thread only (messages of the "C" locale; nests), and
 * translated when shown (zdh_i18n_shown).  zdh_i18n_chinese() is 0 there.
 */
void zdh_i18n_english_begin(void);
void zdh_i18n_english_end(void);
/*
 * English text made from one message of the catalogue ("no org XQ-O7"
 * from "no %s %s", "prefix XQ belongs to replica xinqiao") in the
 * catalogue's language (malloc'd): the message whose literal text is the
 * longest of those that make it, its arguments put in the translation
 * (each translated too when it is itself a message, "role", or else by
 * word() when it gives a name: NULL for none).  NULL when no catalogue is
 * in use or no message makes text.  zdh_word_note() (words.h) is it for
 * a fold's note.
 */
char *zdh_i18n_shown(const char *text, const char *(*word)(const char *arg));

#endif

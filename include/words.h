/*
 * words — the Chinese names of zdh's enumerations (kinds, statuses,
 * sources, categories, roles, ...): one table, used both ways.  Input
 * accepts a Chinese name wherever the English word is asked for
 * (`--kind 居民区`, `--status 已认领`); human output prints the Chinese
 * name when the messages are Chinese (the zh_CN catalogue is in use).
 * What is stored, and every --json and CSV output, keeps the English word.
 */
#ifndef ZDH_WORDS_H
#define ZDH_WORDS_H

#include <string.h>
#include <jansson.h>

/* The domains of the table (the English words of each are in core). */
enum zdh_word_domain {
	ZDH_W_ANY = 0,		/* zdh_word_value: look in every domain */
	ZDH_W_ORG_KIND,		/* area, district, dept, unit, building, group */
	ZDH_W_ISSUE_STATUS,	/* open, claimed, escalated, resolved, closed, void */
	ZDH_W_SOURCE,		/* visit, wechat, hotline, ... */
	ZDH_W_CATEGORY,		/* the default categories */
	ZDH_W_RETURN_CODE,	/* not-our-area, ... */
	ZDH_W_ROLE,		/* chair, deputy, member, ... */
	ZDH_W_PARTY,		/* resident, shop, ... */
	ZDH_W_MEETING_KIND,	/* regular, extra, hearing, consultation */
	ZDH_W_ATTENDANCE,	/* present, absent, excused, proxy */
	ZDH_W_VOTE,		/* for, against, abstain */
	ZDH_W_MAJORITY,		/* simple, two-thirds, unanimous */
	ZDH_W_DECISION_STATUS,	/* open, no-quorum, ... */
	ZDH_W_PROJECT_KIND,	/* self-governance, co-governance, micro */
	ZDH_W_PROJECT_STATUS,	/* proposed, approved, done */
	ZDH_W_RECORD_KIND,	/* org, issue, offer, ... (zdh log --kind) */
	ZDH_W_COUNCIL_STATUS,	/* active, dissolved */
	ZDH_W_ACTION_STATUS,	/* open, done */
	ZDH_W_CONSENT_STATUS,	/* given, refused, pending (not yet given) */
	ZDH_W_PAIRING_STATUS,	/* active, ended, no-place */
	ZDH_W_INBOX_STATUS,	/* mentioned (an inbox row not an issue's) */
	ZDH_W_DECISION_TYPE,	/* general, charter (a charter names others) */
	ZDH_W_ACCESS_ROLE,	/* subdistrict-admin, ... (person grant) */
	ZDH_W_OPERATION		/* add, claim, escalate, ... (an event's op, in histories) */
};

struct zdh_word {
	enum zdh_word_domain domain;
	const char *value;	/* the English word zdh stores */
	const char *zh;		/* its Chinese name, printed under a Chinese locale */
	const char *alias;	/* another Chinese name accepted on input, or NULL */
};

/* The table, ended by an entry whose value is NULL. */
extern const struct zdh_word zdh_words[];

/*
 * The English word for word in domain (ZDH_W_ANY: in any domain): word
 * itself when it is not a Chinese name of the table.  A Chinese name
 * means one English word in every domain it is in (tests/unit check it).
 */
const char *zdh_word_value(enum zdh_word_domain domain, const char *word);
/* The Chinese name of value in domain (ZDH_W_ANY: when every domain that has it agrees), or NULL. */
const char *zdh_word_zh(enum zdh_word_domain domain, const char *value);
/*
 * What a human table or `show` prints for value: its Chinese name when
 * the messages are Chinese (zdh_i18n_chinese()), else value.  NULL stays NULL.
 */
const char *zdh_word_label(enum zdh_word_domain domain, const char *value);
/*
 * The domain an option of that long name takes ("status" on "issue"),
 * or -1 when its values are not words of the table.  noun may be NULL.
 */
int zdh_word_option_domain(const char *noun, const char *long_name);
/*
 * A value of an event's field as a history prints it: the label of its
 * word (zdh_word_label()) when the option of that name takes words of
 * the table (category=停车 under a Chinese catalogue), else value.
 */
const char *zdh_word_field_label(const char *noun, const char *field, const char *value);

struct zdh_buf;
/*
 * The name of an event's field as a history prints it, into b: under a
 * Chinese catalogue its name in the catalogue's words (the label a show
 * gives it, without the colon: area is 居民区 above the history and in
 * it), else field itself (English, --json, CSV and commit subjects keep
 * the names the data has).  kind is the record's (a delivery's minutes
 * are not a meeting's); may be NULL.
 */
void zdh_word_field_name(struct zdh_buf *b, const char *kind, const char *field);

/*
 * The roles an op has (kind.h, "liaison@dept area-staff@area
 * subdistrict-admin"): zdh_word_role_at() reads the one at p, its role's
 * length and its field ("" when not scoped).  zdh_word_role_need() adds
 * one need after what need holds, " or " between: the role (by its word
 * in the reader's language when named, else as stored: a fold's note is
 * English) and the area or department value it is scoped to (field not
 * empty; value NULL: the record has none).  A write's refusal, a fold's
 * note and that note shown in Chinese (zdh_word_note) name roles so.
 */
void zdh_word_role_at(const char *p, size_t *rlen, char field[16]);
void zdh_word_role_need(struct zdh_buf *need, const char *role, size_t rlen, const char *field,
			const char *value, int named);

/*
 * A note the index stored in English (a fold's: include/i18n.h) as shown:
 * translated by zdh_i18n_shown(), a word of the table by its Chinese name
 * under a Chinese catalogue, else as it is ("" for NULL); a roles
 * refusal's, stored as data (zdh_word_roles_note), in words in the
 * reader's language; malloc'd.  zdh_word_note_named() names each org a
 * role is scoped to by name(arg, id) (the id when NULL or it gives NULL).
 */
char *zdh_word_note(const char *note);
char *zdh_word_note_named(const char *note, const char *(*name)(void *arg, const char *id),
			  void *arg);
/*
 * A roles refusal's note as the fold stores it (trust.c roles_allow):
 * the record kind, the operation and each role the op allows, with the
 * field a scoped one is scoped to and that field's value, an org's id
 * (null: the record has none), as canonical JSON:
 * {"kind":"issue","op":"edit","roles":[["area-staff","area","XQ-O2"],
 * ["subdistrict-admin"]]}; malloc'd.  Data, not words, so that no reader
 * takes English apart to show it in Chinese or with the orgs' names.
 */
char *zdh_word_roles_note(const char *kind, const char *op, const json_t *roles);
/* Is note such a note (zdh_word_roles_note)? */
int zdh_word_note_is_data(const char *note);
/*
 * A note as --json gives it ("note"), a JSON string whatever the reader's
 * language: as stored; a roles refusal's in English words, the orgs by
 * their ids ("issue edit needs the role area-staff of XQ-O2 or
 * subdistrict-admin").
 */
json_t *zdh_word_note_json(const char *note);

struct zdh_buf;
/*
 * Append the words of list to b, ", " between them, as a refusal lists
 * what is accepted: under a Chinese catalogue each word the table knows is
 * followed by its Chinese name, which is accepted too ("claimed/已认领").
 * The names are domain's; with ZDH_W_ANY, a word with different Chinese
 * names in different domains gets none.
 */
void zdh_word_join(struct zdh_buf *b, enum zdh_word_domain domain, const char *const *list);
/*
 * Append the words of list to b as a help text names them: "a, b or c";
 * under a Chinese catalogue "a（甲）、b（乙）或 c（丙）", each word the
 * table knows in domain with its Chinese name.
 */
void zdh_word_or(struct zdh_buf *b, enum zdh_word_domain domain, const char *const *list);
/* The same for the rows of a table of its own (words outside this one), each with its zh. */
void zdh_word_or_labelled(struct zdh_buf *b, const struct zdh_word *table);
/*
 * 0 when word is in list; else ZDH_EINVALID with "unknown WHAT 'word' (a,
 * b, c)" listed by zdh_word_join, and "did you mean 'x'?" when one word
 * is near (a third of its characters or fewer differ).  what (an N_()
 * string) is translated only then: the fold checks every event.  word
 * NULL is refused as unknown ''.
 */
int zdh_word_check(const char *const *list, enum zdh_word_domain domain, const char *word,
		   const char *what);
/*
 * a and b are the same word, the first byte compared first: the fold and
 * an import compare each key of every row with lists of words, most of
 * them different at the first byte.
 */
static inline int zdh_word_same(const char *a, const char *b)
{
	return a[0] == b[0] && !strcmp(a, b);
}

#endif

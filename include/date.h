/*
 * date — times as zdh stores and shows them.
 *
 * A time is seconds since the epoch plus the UTC offset (in minutes) it
 * was given in.  Events store RFC 3339 with offset
 * ("2026-11-27T14:03:00+08:00").  Input dates are read in the repository's
 * time zone (zdh.timezone, an IANA name, default Asia/Shanghai).
 */
#ifndef ZDH_DATE_H
#define ZDH_DATE_H

#include <time.h>
#include "buf.h"

/*
 * The dates zdh reads, writes and accepts in an event (when it happened,
 * when it was recorded): from 1970-01-01T00:00:00Z (git's dates are
 * unsigned: `git fsck --strict` refuses earlier ones) to
 * 9999-12-30T23:59:59Z (a four-digit year in any offset).  Offsets are at
 * most 23:59 either way (minutes).
 */
#define ZDH_DATE_MIN 0LL
#define ZDH_DATE_MAX 253402214399LL
#define ZDH_OFFSET_MAX (23 * 60 + 59)

struct zdh_time {
	long long t;	/* seconds since the epoch */
	int offset;	/* minutes east of UTC */
};

/*
 * Parse a date given by a user, in zone tz: "now", a day word (today,
 * tomorrow, yesterday, 今天, 明天, 昨天, 后天, 前天: date.c's day_words),
 * "YYYY-MM-DD", "YYYY-MM-DD HH:MM", "YYYY-MM-DD HH:MM:SS", "YYYY-MM-DDTHH:MM[:SS]",
 * each optionally followed by "Z" or "+HH:MM"/"-HH:MM"/"+HHMM" (which then
 * wins over tz), or "@<epoch>"; the office forms (zdh_date_office_form()),
 * and "12月4日" (a time may follow), a day of this year in tz.  A day in
 * digits without a year ("12/4", month or day first?) is refused saying
 * so.  A date without a time is midnight.
 * Returns 0 or ZDH_EINVALID with a message naming the text, also for a
 * date outside ZDH_DATE_MIN..ZDH_DATE_MAX.
 */
int zdh_date_parse(struct zdh_time *out, const char *text, const char *tz);
/*
 * Is text a date in a form zdh_date_parse() takes, whatever its range and
 * zone?  0, or ZDH_EINVALID with its message (for an option's value,
 * checked before the repository's zone is known; a report's day
 * 9999-12-31 is a day though its midnight in +08:00 is out of range).
 */
int zdh_date_form_check(const char *text);
/*
 * A date given for a write may be at most this far after now: a day, for
 * clocks and zones that differ, not a year typed one too high.
 */
#define ZDH_DATE_FUTURE_SLACK 86400LL
/*
 * Refuse t (as typed: text) when it is more than ZDH_DATE_FUTURE_SLACK
 * after now: 0 or ZDH_EINVALID, whose message names --future.
 */
int zdh_date_check_future(const struct zdh_time *t, const char *text);
/*
 * A date a write reads from its input (an imported row's date column):
 * as zdh_date_parse(), then refused as zdh_date_check_future() refuses a
 * --date, unless future (--future) says dates ahead are meant.
 */
int zdh_date_parse_written(struct zdh_time *out, const char *text, const char *tz, int future);
/*
 * The forms offices type, rewritten as zdh reads them: "2026/11/03",
 * "2026年11月3日", "2026-12-1", "2026.11.3" become "2026-11-03" in out,
 * what follows the day (a time, an offset) kept.  1 when rewritten, 0
 * when text is not one of those forms (or already YYYY-MM-DD).
 */
int zdh_date_office_form(struct zdh_buf *out, const char *text);
/*
 * Does text name a whole day, not an instant: YYYY-MM-DD (in any form
 * zdh_date_parse() takes: 2026/12/3, 2026年12月3日, 12月3日, full-width
 * digits) or a day word (today, 明天 ...)?  --until such a day means to its end.
 */
int zdh_date_is_day(const char *text);
/*
 * A day as a user gives it (any form zdh_date_is_day() takes: 2026/12/4,
 * 2026年12月4日, 12月4日, today, 今天), read in zone tz, as YYYY-MM-DD
 * into out: the one form stored.  0 or ZDH_EINVALID naming the forms.
 */
int zdh_date_day(char out[11], const char *text, const char *tz);
/*
 * A month as a user gives it (2026-12, 2026/12, 2026年12月, full-width
 * digits, or 12月: this year's in zone tz) as YYYY-MM into out: 0, or
 * ZDH_EINVALID naming the forms.
 */
int zdh_date_month(char out[8], const char *text, const char *tz);
/*
 * Does text name a day (zdh_date_is_day()), or one in digits without a
 * year ("12/4", "12-4", which zdh_date_parse() refuses saying so)?  For
 * a caller that words its own refusal of what is no day at all and
 * leaves the rest to zdh_date_day().
 */
int zdh_date_names_day(const char *text);
/* The forms a date may take, for messages (an N_() text: translate it). */
extern const char zdh_date_forms[];
/* Now, with tz's offset at this moment. */
/* Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar
   (Howard Hinnant's algorithm; negative before 1970). */
long long zdh_days_from_civil(long long y, int m, int d);
void zdh_date_now(struct zdh_time *out, const char *tz);
/* The offset of zone tz at time t, in minutes east of UTC. */
int zdh_date_offset(long long t, const char *tz);
/*
 * 0 when tz names a zone the system knows; else ZDH_EINVALID, whose
 * message says what a zone is and suggests one when tz looks like it
 * meant it (shanghai, UTC+8, Hong Kong).
 */
int zdh_date_zone_valid(const char *tz);
/*
 * The zone as zdh keeps it: a Chinese name of one (上海, 北京, 中国,
 * 北京时间: Asia/Shanghai; 香港, 澳门, 台北) as its IANA name, any other
 * tz as it is.  Applied where a zone is given (init and clone --timezone,
 * zdh config zdh.timezone) and read (the config, written by hand).
 */
const char *zdh_date_zone_name(const char *tz);
/* "2026-11-27T14:03:00+08:00" */
void zdh_date_rfc3339(struct zdh_buf *out, const struct zdh_time *tm);
/* Parse what zdh_date_rfc3339 writes; 0 or ZDH_EINVALID. */
int zdh_date_parse_rfc3339(struct zdh_time *out, const char *s);
/* "2026-11-27 14:03" in the time's own offset, for tables. */
void zdh_date_short(struct zdh_buf *out, const struct zdh_time *tm);
/*
 * The same as a history shows an event's time: followed by its offset
 * ("2026-11-30 16:30 +00:00") when that is not the offset of the zone
 * zdh_date_display_zone() gave (the repository's, set when it is opened)
 * at that time, whose days lists and reports count in.
 */
void zdh_date_shown(struct zdh_buf *out, const struct zdh_time *tm);
void zdh_date_display_zone(const char *tz);
/* git's "<epoch> +0800" form for commit headers. */
void zdh_date_git(struct zdh_buf *out, const struct zdh_time *tm);
/* The same into out, without a NUL; its length (a commit's author line is checked so). */
#define ZDH_DATE_GIT_MAX 48
size_t zdh_date_git_text(char out[ZDH_DATE_GIT_MAX], const struct zdh_time *tm);

#endif

/*
 * date — times as zdh stores and shows them (see include/date.h).
 *
 * A time carries its own offset, so formatting needs no time zone at all:
 * it is plain arithmetic on seconds (gmtime_r of t + offset).  Only reading
 * a local time and asking for a zone's offset need the zone's rules, and for
 * those this module lets the C library do the work: it sets TZ to the zone,
 * calls tzset() and uses mktime()/localtime_r().  TZ is left naming the
 * last zone used: every local time zdh reads is in the repository's zone,
 * and putting the old TZ back made each call load two zone files (an
 * import parsing a date per row spent more time there than in SQLite).
 * That is only safe because zdh is single-threaded and nothing else in it
 * reads local time.  The last zone found valid is remembered too.
 *
 * A NULL or empty zone means UTC.  A zone is known when it is "UTC" or a
 * TZif file under $TZDIR (default /usr/share/zoneinfo), where the C library
 * will look for it too.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "date.h"
#include "error.h"
#include "i18n.h"

#define ZONEINFO "/usr/share/zoneinfo"

static const char *zone_or_utc(const char *tz)
{
	return tz && *tz ? tz : "UTC";
}

/* ---- the zone switch ---- */

/*
 * Point TZ at tz (it stays there: see the top of this file).  tzset() is
 * called only when the zone changes: it looks at the zone file each time
 * (a stat), and an import reads a date per row.
 */
static char *zone_in_use;	/* what TZ names and tzset() has read */
static int zone_readable(const char *tz, const char **dir_out);

static char *zone_problem(const char *tz, int readable, const char *dir);

/*
 * A zone this machine cannot read, said once: the C library counts its
 * days in UTC instead (writes refuse it: zdh_date_zone_valid(), store.c).
 */
static void zone_warn(const char *tz)
{
	static int said;
	const char *dir = ZONEINFO;
	char *why;
	int ok;

	if (said || (ok = zone_readable(tz, &dir)) > 0)
		return;
	said = 1;
	why = zone_problem(tz, ok, dir);
	zdh_warn(_("%s; its days are counted in UTC"), why);
	free(why);
}
static unsigned zone_generation;	/* changes with it (the days known, below) */

static void use_zone(const char *tz)
{
	const char *cur = getenv("TZ");

	if (zone_in_use && cur && !strcmp(zone_in_use, tz) && !strcmp(cur, tz))
		return;
	zone_warn(tz);
	if (!cur || strcmp(cur, tz))
		setenv("TZ", tz, 1);
	tzset();
	free(zone_in_use);
	zone_in_use = zdh_strdup(tz);
	zone_generation++;
}

const char zdh_date_forms[] =
	N_("YYYY-MM-DD, YYYY/MM/DD, YYYY年MM月DD日 or MM月DD日 (this year), a time HH:MM after it; today/今天, tomorrow/明天, yesterday/昨天, 后天, 前天, now/现在");

/*
 * The days said by a word, relative to today in the zone in use, as git's
 * approxidate says today, yesterday and tomorrow; the Chinese words staff
 * type: midnight of that day.
 */
static const struct {
	const char *word;
	int days_back;
} day_words[] = {
	{ "today", 0 }, { "今天", 0 }, { "yesterday", 1 }, { "昨天", 1 },
	{ "tomorrow", -1 }, { "明天", -1 }, { "前天", 2 }, { "后天", -2 },
};

/* The entry of day_words that s is (English in any case), or -1. */
static int day_word(const char *s)
{
	for (size_t i = 0; i < sizeof(day_words) / sizeof(day_words[0]); i++)
		if (!strcasecmp(s, day_words[i].word))
			return (int)i;
	return -1;
}

/*
 * Is tz a zone this machine can read: "UTC", or a TZif file under $TZDIR
 * (default /usr/share/zoneinfo), where the C library will look for it
 * too?  1 yes, 0 no, -1 no zone at all is there (no tzdata, as on a
 * minimal Debian: the C library takes UTC for every zone then, without a
 * word).  The last zone found is remembered.
 */
static int zone_readable(const char *tz, const char **dir_out)
{
	static char *last_valid;
	struct zdh_buf path = ZDH_BUF_INIT;
	const char *dir;
	char magic[4];
	int fd, ok = 0;

	if (!tz || !*tz || tz[0] == '/' || strstr(tz, ".."))
		return 0;
	if (!strcmp(tz, "UTC") || (last_valid && !strcmp(last_valid, tz)))
		return 1;
	/* (not before: an import asks once a row, and getenv() reads the whole environment) */
	dir = getenv("TZDIR");
	if (!dir || !*dir)
		dir = ZONEINFO;
	*dir_out = dir;
	zdh_buf_addf(&path, "%s/%s", dir, tz);
	fd = open(path.ptr, O_RDONLY | O_CLOEXEC);
	if (fd >= 0) {
		/* zone.tab and friends live there too: only TZif files are zones */
		ok = read(fd, magic, 4) == 4 && !memcmp(magic, "TZif", 4);
		close(fd);
	}
	if (!ok) {
		zdh_buf_reset(&path);
		zdh_buf_addf(&path, "%s/UTC", dir);
		ok = access(path.ptr, R_OK) ? -1 : 0;
	} else {
		free(last_valid);
		last_valid = zdh_strdup(tz);
	}
	zdh_buf_release(&path);
	return ok;
}

/*
 * The zones people name in Chinese, as the IANA names zdh keeps: one
 * time for all China (the zone database calls it Asia/Shanghai), and the
 * three cities with a zone of their own.  Anything else is only ever
 * suggested (zone_suggest()), never taken for what it is not.
 */
static const struct zone_alias {
	const char *name, *zone;
} zone_aliases[] = {
	{ "上海", "Asia/Shanghai" }, { "北京", "Asia/Shanghai" }, { "中国", "Asia/Shanghai" },
	{ "北京时间", "Asia/Shanghai" }, { "上海时间", "Asia/Shanghai" },
	{ "中国标准时间", "Asia/Shanghai" },
	{ "香港", "Asia/Hong_Kong" }, { "澳门", "Asia/Macau" }, { "台北", "Asia/Taipei" },
	{ NULL, NULL }
};

const char *zdh_date_zone_name(const char *tz)
{
	for (size_t i = 0; tz && zone_aliases[i].name; i++)
		if (!strcmp(tz, zone_aliases[i].name))
			return zone_aliases[i].zone;
	return tz;
}

/* (a zone name compared as typed: any case, a blank for its '_') */
static int zone_same(const char *typed, const char *zone, size_t n)
{
	size_t i;

	for (i = 0; i < n && typed[i]; i++) {
		int a = tolower((unsigned char)typed[i]), b = tolower((unsigned char)zone[i]);
		if (a != b && !(a == ' ' && b == '_'))
			return 0;
	}
	return i == n && !typed[i];
}

/*
 * A zone tz may have meant: an offset (UTC+8, +08:00, 东八区) as the
 * fixed zone Etc/GMT-8 (the database's sign is POSIX's, the other way),
 * +8 as Asia/Shanghai, China's; a name of the database in another case
 * or by its city alone (shanghai, Hong Kong: zone.tab's names); Beijing,
 * China, CST.  NULL when none, or when the zone is not installed.
 */
static char *zone_suggest(const char *tz, const char *dir)
{
	static const struct zone_alias english[] = {
		{ "beijing", "Asia/Shanghai" }, { "china", "Asia/Shanghai" },
		{ "cst", "Asia/Shanghai" }, { "东八区", "Asia/Shanghai" }, { NULL, NULL }
	};
	struct zdh_buf path = ZDH_BUF_INIT, tab = ZDH_BUF_INIT;
	const char *s = tz, *d;
	char *found = NULL, *line, *next;
	int sign, h = 0, m = 0;

	for (size_t i = 0; english[i].name; i++)
		if (zone_same(tz, english[i].name, strlen(english[i].name)))
			found = zdh_strdup(english[i].zone);
	/* UTC+8, GMT+8, +08:00, +0800, +8 */
	if (!found && (!strncasecmp(s, "UTC", 3) || !strncasecmp(s, "GMT", 3)))
		s += 3;
	if (!found && (*s == '+' || *s == '-') && isdigit((unsigned char)s[1])) {
		sign = *s++ == '-' ? -1 : 1;
		for (d = s; isdigit((unsigned char)*s) && s - d < 2; s++)
			h = h * 10 + (*s - '0');
		if (*s == ':')
			s++;
		if (isdigit((unsigned char)s[0]) && isdigit((unsigned char)s[1])) {
			m = (s[0] - '0') * 10 + (s[1] - '0');
			s += 2;
		}
		if (!*s && !m && h <= 14)
			found = sign > 0 && h == 8 ? zdh_strdup("Asia/Shanghai") :
				h ? zdh_asprintf("Etc/GMT%c%d", sign > 0 ? '-' : '+', h) : zdh_strdup("UTC");
	}
	/* zone.tab: "CN<tab>+3114+12128<tab>Asia/Shanghai<tab>Beijing Time" */
	zdh_buf_addf(&path, "%s/zone.tab", dir);
	if (!found && *tz && !strchr(tz, '\t') && zdh_buf_read_file(&tab, path.ptr) == 0) {
		for (line = tab.ptr; line && *line && !found; line = next) {
			char *name, *end, *city;
			if ((next = strchr(line, '\n')))
				*next++ = '\0';
			if (*line == '#' || !(name = strchr(line, '\t')) || !(name = strchr(name + 1, '\t')))
				continue;
			name++;
			if ((end = strchr(name, '\t')))
				*end = '\0';
			city = strrchr(name, '/');
			if (zone_same(tz, name, strlen(name)) ||
			    (city && zone_same(tz, city + 1, strlen(city + 1))))
				found = zdh_strdup(name);
		}
	}
	zdh_buf_release(&path);
	zdh_buf_release(&tab);
	if (found && zone_readable(found, &d) <= 0) {
		free(found);
		found = NULL;
	}
	return found;
}

/* What is wrong with tz, zone_readable() having said readable (0 or -1), in the catalogue's words. */
static char *zone_problem(const char *tz, int readable, const char *dir)
{
	char *maybe, *why;

	if (readable < 0)
		return zdh_asprintf(_("time zone '%s' cannot be read: no time zones are installed in '%s' (install the tzdata package)"),
				    tz, dir);
	if (!tz || !(maybe = zone_suggest(tz, dir)))
		return zdh_asprintf(_("unknown time zone '%s' (an IANA name such as Asia/Shanghai, or UTC)"),
				    tz ? tz : "");
	why = zdh_asprintf(_("unknown time zone '%s'; did you mean '%s'? (an IANA name such as Asia/Shanghai, or UTC)"),
			   tz, maybe);
	free(maybe);
	return why;
}

int zdh_date_zone_valid(const char *tz)
{
	const char *dir = ZONEINFO;
	int ok = zone_readable(tz, &dir), err;
	char *why;

	if (ok > 0)
		return 0;
	why = zone_problem(tz, ok, dir);
	err = zdh_error_set(ZDH_EINVALID, "%s", why);
	free(why);
	return err;
}

int zdh_date_offset(long long t, const char *tz)
{
	time_t tt = (time_t)t;
	struct tm tm;
	int off = 0;

	use_zone(zone_or_utc(tz));
	if (localtime_r(&tt, &tm))
		off = (int)(tm.tm_gmtoff / 60);
	return off;
}

void zdh_date_now(struct zdh_time *out, const char *tz)
{
	out->t = (long long)time(NULL);
	out->offset = zdh_date_offset(out->t, tz);
}

/* ---- arithmetic ---- */

long long zdh_days_from_civil(long long y, int m, int d)
{
	long long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static int days_in_month(int y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return days[m - 1];
}

/* Exactly n digits at *s (0 to 9: isdigit()'s in every locale, without its table's call). */
static int digits(const char **s, int n, int *out)
{
	int v = 0;

	for (; n; n--, (*s)++) {
		unsigned d = (unsigned)(unsigned char)**s - '0';

		if (d > 9)
			return 0;
		v = v * 10 + (int)d;
	}
	*out = v;
	return 1;
}

/* "Z", "+HH:MM", "-HH:MM" or "+HHMM" as minutes east of UTC. */
static int parse_offset(const char **s, int *off, int colon_optional)
{
	int sign, h, m;

	if (**s == 'Z' || **s == 'z') {
		(*s)++;
		*off = 0;
		return 1;
	}
	if (**s != '+' && **s != '-')
		return 0;
	sign = **s == '-' ? -1 : 1;
	(*s)++;
	if (!digits(s, 2, &h))
		return 0;
	if (**s == ':')
		(*s)++;
	else if (!colon_optional)
		return 0;
	if (!digits(s, 2, &m) || h > 23 || m > 59)
		return 0;
	*off = sign * (h * 60 + m);
	return 1;
}

struct fields {
	int y, mo, d, h, mi, s;
};

static int fields_valid(const struct fields *f)
{
	return f->y >= 1 && f->mo >= 1 && f->mo <= 12 &&
	       f->d >= 1 && f->d <= days_in_month(f->y, f->mo) &&
	       f->h <= 23 && f->mi <= 59 && f->s <= 59;
}

static long long fields_to_utc(const struct fields *f)
{
	return zdh_days_from_civil(f->y, f->mo, f->d) * 86400LL +
	       f->h * 3600LL + f->mi * 60LL + f->s;
}

/* t as local fields in the zone in use (no tzset: see use_zone) */
static int local_fields(time_t t, struct tm *tm)
{
	return localtime_r(&t, tm) != NULL;
}

/*
 * Days whose offset is known, for the zone in use: an import of a year
 * reads the same 365 days again and again, and the check below costs
 * three localtime_r() calls a row.  A day is known when the zone gives
 * the same offset at the local midnights that start the day before it,
 * it, the day after and the one after that.  Any time of the day is then
 * fields minus that offset, as the check below would find (it looks a
 * day either side, inside those three days): both take it that a zone
 * does not change its offset and back within a day.  It is used only
 * when that offset is the last one found, when the check would pass
 * too: otherwise the check and mktime() run as before, since where the
 * local time is ambiguous (a clock put back) mktime() answers after the
 * offset it found last, and an import reads its rows as it always did.
 */
#define DAYS_KNOWN 512		/* a power of two; a year and more */
static struct day_known {
	long long day;		/* days since 1970-01-01 */
	long off;		/* seconds east of UTC */
	unsigned generation;	/* zone_generation when learnt; 0: none */
} days_known[DAYS_KNOWN];

static struct day_known *day_slot(long long day)
{
	return &days_known[(unsigned long long)day & (DAYS_KNOWN - 1)];
}

static void day_learn(long long day, long off)
{
	struct day_known *k = day_slot(day);
	struct tm tm;

	/*
	 * Each midnight must read back as midnight too: a zone that counts
	 * leap seconds (right/...) keeps its offset while its clock runs
	 * seconds apart from fields - offset, and there only mktime() is
	 * right (found by review: two rows of one day 27 s apart).
	 */
	for (int i = -1; i <= 2; i++)
		if (!local_fields((time_t)((day + i) * 86400LL - off), &tm) || tm.tm_gmtoff != off ||
		    tm.tm_hour || tm.tm_min || tm.tm_sec)
			return;
	*k = (struct day_known){ day, off, zone_generation };
}

/*
 * The fields as a local time in tz (the zone's rules decide the offset).
 * mktime() does it, but calls tzset() (a stat of the zone file) each time:
 * an import reading a date per row first tries the offset the last call
 * found, and keeps it when the time it gives reads back as the same fields
 * and the zone has that offset a day either side (no change of offset
 * near, so no gap or doubled hour for mktime to decide).
 */
static int local_to_time(struct zdh_time *out, const struct fields *f, const char *tz)
{
	static long last_off;
	static int have_last;
	struct tm tm = { 0 }, a, b;
	long long day = zdh_days_from_civil(f->y, f->mo, f->d);
	const struct day_known *k = day_slot(day);
	time_t t;

	use_zone(tz);
	if (have_last && k->off == last_off && k->generation == zone_generation && k->day == day) {
		out->t = fields_to_utc(f) - k->off;
		out->offset = (int)(k->off / 60);
		return 0;
	}
	if (have_last) {
		t = (time_t)(fields_to_utc(f) - last_off);
		if (local_fields(t, &tm) && tm.tm_gmtoff == last_off &&
		    tm.tm_year == f->y - 1900 && tm.tm_mon == f->mo - 1 && tm.tm_mday == f->d &&
		    tm.tm_hour == f->h && tm.tm_min == f->mi && tm.tm_sec == f->s &&
		    local_fields(t - 86400, &a) && a.tm_gmtoff == last_off &&
		    local_fields(t + 86400, &b) && b.tm_gmtoff == last_off) {
			out->t = (long long)t;
			out->offset = (int)(last_off / 60);
			day_learn(day, last_off);
			return 0;
		}
		memset(&tm, 0, sizeof(tm));
	}
	tm.tm_year = f->y - 1900;
	tm.tm_mon = f->mo - 1;
	tm.tm_mday = f->d;
	tm.tm_hour = f->h;
	tm.tm_min = f->mi;
	tm.tm_sec = f->s;
	tm.tm_isdst = -1;
	t = mktime(&tm);
	out->t = (long long)t;
	out->offset = (int)(tm.tm_gmtoff / 60);
	last_off = tm.tm_gmtoff;
	have_last = 1;
	day_learn(day, last_off);
	return 0;
}

/* Midnight in tz, days_back days before today there. */
static void midnight(struct zdh_time *out, const char *tz, int days_back)
{
	time_t now = time(NULL);
	struct tm tm;

	use_zone(tz);
	localtime_r(&now, &tm);
	tm.tm_mday -= days_back;
	tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
	tm.tm_isdst = -1;
	out->t = (long long)mktime(&tm);
	out->offset = (int)(tm.tm_gmtoff / 60);
}

static int parse_epoch(struct zdh_time *out, const char *s, const char *tz)
{
	char *end;
	long long t;

	if (!isdigit((unsigned char)*s) && !(*s == '-' && isdigit((unsigned char)s[1])))
		return -1;
	errno = 0;
	t = strtoll(s, &end, 10);
	if (*end || errno == ERANGE)
		return -1;
	out->t = t;
	/* (the caller refuses what is out of range: no zone lookup for it) */
	out->offset = t >= ZDH_DATE_MIN && t <= ZDH_DATE_MAX ? zdh_date_offset(t, tz) : 0;
	return 0;
}

static int parse_calendar(struct zdh_time *out, const char *s, const char *tz)
{
	struct fields f = { 0 };
	int off, has_off = 0;

	if (!digits(&s, 4, &f.y) || *s++ != '-' || !digits(&s, 2, &f.mo) ||
	    *s++ != '-' || !digits(&s, 2, &f.d))
		return -1;
	if ((*s == ' ' || *s == 'T' || *s == 't') && isdigit((unsigned char)s[1])) {
		s++;
		if (!digits(&s, 2, &f.h) || *s++ != ':' || !digits(&s, 2, &f.mi))
			return -1;
		if (*s == ':') {
			s++;
			if (!digits(&s, 2, &f.s))
				return -1;
			/* fractions of a second are read and dropped */
			if (*s == '.' && isdigit((unsigned char)s[1]))
				for (s++; isdigit((unsigned char)*s); s++)
					;
		}
	}
	if (*s == ' ' && s[1])
		s++;
	if (*s) {
		if (!parse_offset(&s, &off, 1) || *s)
			return -1;
		has_off = 1;
	}
	if (!fields_valid(&f))
		return -1;
	if (has_off) {
		out->t = fields_to_utc(&f) - off * 60LL;
		out->offset = off;
		return 0;
	}
	return local_to_time(out, &f, tz);
}

/* 1 or 2 digits at *s. */
static int one_or_two(const char **s, int *out)
{
	if (!isdigit((unsigned char)**s))
		return 0;
	*out = *(*s)++ - '0';
	if (isdigit((unsigned char)**s))
		*out = *out * 10 + (*(*s)++ - '0');
	return 1;
}

/* *s starts with word: skip it. */
static int skip(const char **s, const char *word)
{
	size_t n = strlen(word);

	if (strncmp(*s, word, n))
		return 0;
	*s += n;
	return 1;
}

int zdh_date_office_form(struct zdh_buf *out, const char *text)
{
	const char *s = text, *sep = NULL, *time;
	int y, mo, d, short_hour;

	if (!digits(&s, 4, &y))
		return 0;
	if (*s == '-' || *s == '/' || *s == '.')
		sep = s++;
	else if (!skip(&s, "年"))
		return 0;
	while (!sep && *s == ' ')
		s++;
	if (!one_or_two(&s, &mo))
		return 0;
	if (sep ? *s++ != *sep : !skip(&s, "月"))
		return 0;
	while (!sep && *s == ' ')
		s++;
	if (!one_or_two(&s, &d))
		return 0;
	if (!sep && !skip(&s, "日"))
		skip(&s, "号");
	time = s;
	while (*time == ' ')
		time++;
	/* "9:30" is 09:30 */
	short_hour = isdigit((unsigned char)time[0]) && time[1] == ':';
	/* already YYYY-MM-DD: nothing to rewrite */
	if (sep && *sep == '-' && s - text == 10 && !short_hour)
		return 0;
	zdh_buf_reset(out);
	zdh_buf_addf(out, "%04d-%02d-%02d", y, mo, d);
	if (isdigit((unsigned char)*time))
		zdh_buf_puts(out, short_hour ? " 0" : " ");	/* "2026年11月3日14:30" */
	zdh_buf_puts(out, isdigit((unsigned char)*time) ? time : s);
	return 1;
}

/*
 * "12月4日" (or 号, a time after it): a day of a year not given, which
 * in Chinese can only be month then day.  Its length up to the day's
 * character, or 0.
 */
static size_t month_day(const char *s)
{
	const char *p = s;
	int m, d;

	if (!one_or_two(&p, &m) || !skip(&p, "月"))
		return 0;
	while (*p == ' ')
		p++;
	if (!one_or_two(&p, &d) || (!skip(&p, "日") && !skip(&p, "号")))
		return 0;
	return (size_t)(p - s);
}

/*
 * "12/4", "12-4", "12.4": a day without a year in digits alone, which
 * reads as the 4th of December or the 12th of April: 1, with m/d the
 * way a Chinese office writes it (month first), for the message.
 */
static int digits_without_year(const char *s, int *m, int *d)
{
	const char *p = s;
	char sep;

	if (!one_or_two(&p, m) || (*p != '/' && *p != '-' && *p != '.'))
		return 0;
	sep = *p++;
	if (!one_or_two(&p, d) || *p == sep || isdigit((unsigned char)*p))
		return 0;
	if (*m > 12 && *d <= 12) {	/* 25/12: day first */
		int t = *m;
		*m = *d;
		*d = t;
	}
	/* no day either way (12/40, 13/13): an invalid date, not one to write with a year */
	if (*m < 1 || *m > 12 || *d < 1 || *d > 31)
		return 0;
	return !*p || *p == ' ' || *p == 'T';
}

/*
 * text as every reading of a date takes it: full-width digits and blanks
 * as typed with a Chinese input method made half-width (２０２６－１－５
 * １４：３０), into half, and the blanks around it left out.
 */
static const char *typed(struct zdh_buf *half, const char *text)
{
	const char *s;

	zdh_halfwidth(half, text);
	zdh_buf_rtrim(half);
	s = half->ptr;
	while (isspace((unsigned char)*s))
		s++;
	return s;
}

/* This year in tz (the zone in use), for a day given without one. */
static int this_year(const char *tz)
{
	time_t now = time(NULL);
	struct tm tm;

	use_zone(tz);
	return localtime_r(&now, &tm) ? tm.tm_year + 1900 : 1970;
}

/*
 * s (typed()) as parse_calendar() reads it: 12月4日 a day of this year
 * in tz (with no tz, of any year: as good to tell a day by), 2026/12/4
 * and 2026年12月4日 as 2026-12-04 (zdh_date_office_form()), in iso; else
 * s itself.
 */
static const char *calendar_form(struct zdh_buf *iso, const char *s, const char *tz)
{
	struct zdh_buf dated = ZDH_BUF_INIT;
	const char *day = s;

	if (month_day(s)) {
		zdh_buf_addf(&dated, "%d年%s", tz ? this_year(tz) : 2000, s);
		day = dated.ptr;
	}
	/* (12月4日 and something after: no calendar form, as s has none) */
	if (zdh_date_office_form(iso, day))
		s = iso->ptr;
	zdh_buf_release(&dated);
	return s;
}

/*
 * A day word and a time after it, as after a date ("今天 14:30", "昨天15:00",
 * "yesterday 9:00"): that day as YYYY-MM-DD, then the time, in iso; NULL
 * when s is no such thing.
 */
static const char *word_and_time(struct zdh_buf *iso, const char *s, const char *tz)
{
	for (size_t i = 0; i < sizeof(day_words) / sizeof(day_words[0]); i++) {
		size_t n = strlen(day_words[i].word);
		const char *rest = s + n;
		struct zdh_time day;
		time_t t;
		struct tm tm;

		if (strncasecmp(s, day_words[i].word, n))
			continue;
		while (*rest == ' ' || *rest == '\t')
			rest++;
		/* (a time only: "today" alone is midnight, "todays" nothing) */
		if (!isdigit((unsigned char)*rest) || (rest == s + n && (unsigned char)*s < 0x80))
			return NULL;
		midnight(&day, tz, day_words[i].days_back);
		t = (time_t)(day.t + day.offset * 60LL);
		if (!gmtime_r(&t, &tm))
			return NULL;
		zdh_buf_reset(iso);
		zdh_buf_addf(iso, "%04d-%02d-%02d %s", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
			     rest);
		return iso->ptr;
	}
	return NULL;
}

/* Do s (typed()) and its calendar_form() name a whole day, not an instant? */
static int whole_day(const char *s, const char *cal)
{
	if (day_word(s) >= 0)
		return 1;
	return strlen(cal) == 10 && cal[4] == '-' && cal[7] == '-';
}

/* zdh_date_is_day(), and with yearless 12/4 as well (zdh_date_names_day()). */
static int day_named(const char *text, int yearless)
{
	struct zdh_buf half = ZDH_BUF_INIT, iso = ZDH_BUF_INIT;
	const char *s;
	int day, m, d;

	if (!text)
		return 0;
	s = typed(&half, text);
	day = whole_day(s, calendar_form(&iso, s, NULL)) ||
		(yearless && digits_without_year(s, &m, &d));
	zdh_buf_release(&half);
	zdh_buf_release(&iso);
	return day;
}

int zdh_date_is_day(const char *text)
{
	return day_named(text, 0);
}

int zdh_date_names_day(const char *text)
{
	return day_named(text, 1);
}

static void wall_clock(struct tm *tm, const struct zdh_time *zt);

static int parse_typed(struct zdh_time *out, const char *text, const char *tz, int *day,
		       int ranged);

int zdh_date_day(char out[11], const char *text, const char *tz)
{
	struct zdh_time t;
	struct tm w;
	int err, day;

	/* (a date refused says why: 12/4 has no year) */
	if ((err = parse_typed(&t, text, tz, &day, 1)))
		return err;
	if (!day)
		return zdh_error_set(ZDH_EINVALID, _("'%s' is not a day (%s)"), text,
				     _(zdh_date_forms));
	wall_clock(&w, &t);
	{
		char b[40];	/* (a year of four digits: the dates zdh takes) */
		snprintf(b, sizeof(b), "%04d-%02d-%02d", w.tm_year + 1900, w.tm_mon + 1, w.tm_mday);
		memcpy(out, b, 10);
		out[10] = '\0';
	}
	return 0;
}

/* The forms of a month, as a refused one names them. */
static const char zdh_month_forms[] =
	N_("YYYY-MM, YYYY/MM, YYYY年MM月, or MM月 for this year");

int zdh_date_month(char out[8], const char *text, const char *tz)
{
	struct zdh_buf half = ZDH_BUF_INIT;
	const char *s = text ? typed(&half, text) : "";
	int y = 0, m = 0, n;

	for (n = 0; n < 4 && isdigit((unsigned char)*s); n++)
		y = y * 10 + (*s++ - '0');
	if (n >= 1 && n <= 2 && !strcmp(s, "月")) {
		/* 12月: this year's, as 12月4日 is a day of it */
		m = y;
		y = this_year(tz);
		s = "";
	} else if (n == 4 && (*s == '-' || *s == '/' || *s == '.' ||
			      !strncmp(s, "年", strlen("年")))) {
		/* the year, then the month's digits (2026-12, 2026年12月) */
		s += *s == '-' || *s == '/' || *s == '.' ? 1 : strlen("年");
		for (n = 0; n < 2 && isdigit((unsigned char)*s); n++)
			m = m * 10 + (*s++ - '0');
		if (!n)
			goto bad;
		if (!strncmp(s, "月", strlen("月")))
			s += strlen("月");
	} else {
		goto bad;
	}
	if (*s || m < 1 || m > 12 || y < 1970 || y > 9999)
		goto bad;
	snprintf(out, 8, "%04d-%02d", y, m);
	zdh_buf_release(&half);
	return 0;
bad:
	zdh_buf_release(&half);
	return zdh_error_set(ZDH_EINVALID, _("invalid month '%s' (%s)"), text ? text : "",
			     _(zdh_month_forms));
}

/*
 * A date outside ZDH_DATE_MIN..ZDH_DATE_MAX.  One within a day of a limit,
 * in a zone other than UTC, may be outside it by its zone alone
 * ("1970-01-01" is 1969-12-31 16:00 UTC at +08:00), so the refusal gives
 * the instant in UTC as well.
 */
static int out_of_range(const char *s, long long t, int offset)
{
	int before = t < ZDH_DATE_MIN;
	long long limit = before ? ZDH_DATE_MIN : ZDH_DATE_MAX;
	int err;

	if (offset && (before ? limit - t : t - limit) <= 24 * 3600) {
		struct zdh_time utc = { .t = t, .offset = 0 };
		struct zdh_buf at = ZDH_BUF_INIT;

		zdh_date_short(&at, &utc);
		err = before ?
			zdh_error_set(ZDH_EINVALID, _("date '%s' is %s UTC, before 1970-01-01 00:00 UTC"), s, at.ptr) :
			zdh_error_set(ZDH_EINVALID, _("date '%s' is %s UTC, after 9999-12-30 23:59 UTC"), s, at.ptr);
		zdh_buf_release(&at);
		return err;
	}
	return before ?
		zdh_error_set(ZDH_EINVALID, _("date '%s' is before 1970-01-01 00:00 UTC"), s) :
		zdh_error_set(ZDH_EINVALID, _("date '%s' is after 9999-12-30 23:59 UTC"), s);
}

/*
 * zdh_date_parse(), and with day whether text names a whole day
 * (zdh_date_is_day()); ranged 0: a date out of ZDH_DATE_MIN..MAX is not
 * refused (zdh_date_form_check()).
 */
static int parse_typed(struct zdh_time *out, const char *text, const char *tz, int *day,
		       int ranged)
{
	struct zdh_buf b = ZDH_BUF_INIT, half = ZDH_BUF_INIT, iso = ZDH_BUF_INIT, word = ZDH_BUF_INIT;
	const char *s, *cal = "";
	int ret, m, d, w;

	if (day)
		*day = 0;
	tz = zone_or_utc(tz);
	if ((ret = zdh_date_zone_valid(tz)) < 0)
		return ret;
	if (!text)
		return zdh_error_set(ZDH_EINVALID, _("invalid date '%s'"), "");
	/* surrounding blanks are forgiven (and left out of a message) */
	while (isspace((unsigned char)*text))
		text++;
	zdh_buf_puts(&b, text);
	zdh_buf_rtrim(&b);
	s = typed(&half, b.ptr);

	if (!strcasecmp(s, "now") || !strcmp(s, "现在")) {
		zdh_date_now(out, tz);
		ret = 0;
	} else if ((w = day_word(s)) >= 0) {
		midnight(out, tz, day_words[w].days_back);
		ret = 0;
	} else if (*s == '@') {
		ret = parse_epoch(out, s + 1, tz);
	} else if (word_and_time(&word, s, tz)) {
		cal = calendar_form(&iso, word.ptr, tz);	/* (its time as after a date: 9:00) */
		ret = parse_calendar(out, cal, tz);
	} else {
		/* (12月4日: this year's, in the repository's zone) */
		cal = calendar_form(&iso, s, tz);
		ret = parse_calendar(out, cal, tz);
	}
	if (ret < 0 && digits_without_year(s, &m, &d))
		ret = zdh_error_set(ZDH_EINVALID,
				    _("date '%s' has no year, and digits alone read either way (month/day or day/month): write %d/%d/%d, or %d月%d日 for this year"),
				    b.ptr, this_year(tz), m, d, m, d);
	else if (ret < 0)
		ret = zdh_error_set(ZDH_EINVALID, _("invalid date '%s' (%s)"), b.ptr,
				    _(zdh_date_forms));
	else if (ranged && (out->t < ZDH_DATE_MIN || out->t > ZDH_DATE_MAX))
		ret = out_of_range(b.ptr, out->t, out->offset);
	else if (day)
		*day = whole_day(s, cal);
	zdh_buf_release(&b);
	zdh_buf_release(&half);
	zdh_buf_release(&iso);
	zdh_buf_release(&word);
	return ret;
}

int zdh_date_parse(struct zdh_time *out, const char *text, const char *tz)
{
	return parse_typed(out, text, tz, NULL, 1);
}

int zdh_date_form_check(const char *text)
{
	struct zdh_time t;

	return parse_typed(&t, text, "UTC", NULL, 0);
}

int zdh_date_parse_rfc3339(struct zdh_time *out, const char *s)
{
	struct fields f;
	const char *p = s;
	int off;

	if (!digits(&p, 4, &f.y) || *p++ != '-' || !digits(&p, 2, &f.mo) ||
	    *p++ != '-' || !digits(&p, 2, &f.d) || *p++ != 'T' ||
	    !digits(&p, 2, &f.h) || *p++ != ':' || !digits(&p, 2, &f.mi) ||
	    *p++ != ':' || !digits(&p, 2, &f.s) || !parse_offset(&p, &off, 0) ||
	    *p || !fields_valid(&f))
		return zdh_error_set(ZDH_EINVALID, _("invalid date '%s'"), s);
	out->t = fields_to_utc(&f) - off * 60LL;
	out->offset = off;
	return 0;
}

/* ---- formatting: no zone needed, the time carries its offset ---- */

static void wall_clock(struct tm *tm, const struct zdh_time *zt)
{
	time_t t = (time_t)(zt->t + zt->offset * 60LL);

	if (!gmtime_r(&t, tm))
		memset(tm, 0, sizeof(*tm));
}

/*
 * Digits written by hand: every event is formatted when it is written and
 * its fields again when it is folded, and printf's machinery was a tenth
 * of a reindex.
 */
static char *put2(char *p, int v)
{
	p[0] = (char)('0' + v / 10 % 10);
	p[1] = (char)('0' + v % 10);
	return p + 2;
}

/* A zone's offset, +0800 (+08:00 with colon) at p; where it ends (at most p + ZONE_MAX). */
#define ZONE_MAX 16
static char *put_offset(char *p, int offset, int colon)
{
	int a = offset < 0 ? -offset : offset;

	if (a / 60 > 99)	/* not a real offset; never written by zdh */
		return p + snprintf(p, ZONE_MAX, "%c%02d%s%02d", offset < 0 ? '-' : '+', a / 60,
				    colon ? ":" : "", a % 60);
	*p++ = offset < 0 ? '-' : '+';
	p = put2(p, a / 60);
	if (colon)
		*p++ = ':';
	return put2(p, a % 60);
}

static void add_offset(struct zdh_buf *out, int offset, int colon)
{
	char b[ZONE_MAX];

	zdh_buf_add(out, b, (size_t)(put_offset(b, offset, colon) - b));
}

/*
 * A time written, kept with its text: an import writes every event at one
 * date (--date, or the time it began), and the same few times again and
 * again, a copy instead of gmtime_r() and the digits.
 */
struct kept_time {
	long long t;
	int offset;
	size_t len;	/* 0: none */
	char text[ZDH_DATE_GIT_MAX];
};

static inline int kept_is(const struct kept_time *k, const struct zdh_time *tm)
{
	return k->len && k->t == tm->t && k->offset == tm->offset;
}

/* The last RFC 3339 date written (twice an event: the event, the created). */
static _Thread_local struct kept_time last_rfc3339;

static void rfc3339(struct zdh_buf *out, const struct zdh_time *tm);

void zdh_date_rfc3339(struct zdh_buf *out, const struct zdh_time *tm)
{
	size_t at = out->len;

	if (kept_is(&last_rfc3339, tm)) {
		zdh_buf_add(out, last_rfc3339.text, last_rfc3339.len);
		return;
	}
	rfc3339(out, tm);
	last_rfc3339.len = 0;
	if (out->len - at < sizeof(last_rfc3339.text)) {
		last_rfc3339.t = tm->t;
		last_rfc3339.offset = tm->offset;
		memcpy(last_rfc3339.text, out->ptr + at, out->len - at);
		last_rfc3339.len = out->len - at;
	}
}

static void rfc3339(struct zdh_buf *out, const struct zdh_time *tm)
{
	struct tm w;
	char b[24], *p = b;
	int y;

	wall_clock(&w, tm);
	y = w.tm_year + 1900;
	if (y < 0 || y > 9999) {
		zdh_buf_addf(out, "%04d-%02d-%02dT%02d:%02d:%02d", y,
			     w.tm_mon + 1, w.tm_mday, w.tm_hour, w.tm_min, w.tm_sec);
	} else {
		p = put2(p, y / 100);
		p = put2(p, y % 100);
		*p++ = '-';
		p = put2(p, w.tm_mon + 1);
		*p++ = '-';
		p = put2(p, w.tm_mday);
		*p++ = 'T';
		p = put2(p, w.tm_hour);
		*p++ = ':';
		p = put2(p, w.tm_min);
		*p++ = ':';
		p = put2(p, w.tm_sec);
		zdh_buf_add(out, b, (size_t)(p - b));
	}
	add_offset(out, tm->offset, 1);
}

void zdh_date_short(struct zdh_buf *out, const struct zdh_time *tm)
{
	struct tm w;

	wall_clock(&w, tm);
	zdh_buf_addf(out, "%04d-%02d-%02d %02d:%02d", w.tm_year + 1900,
		     w.tm_mon + 1, w.tm_mday, w.tm_hour, w.tm_min);
}

/* the repository's zone, for zdh_date_shown(); "" until a repository is opened */
static char display_zone[64];

void zdh_date_display_zone(const char *tz)
{
	snprintf(display_zone, sizeof(display_zone), "%s", tz && strlen(tz) < sizeof(display_zone) ? tz : "");
}

void zdh_date_shown(struct zdh_buf *out, const struct zdh_time *tm)
{
	zdh_date_short(out, tm);
	/* a time written in another offset (2026-11-30 16:30 +00:00 is 1 December in Shanghai) */
	if (*display_zone && tm->offset != zdh_date_offset(tm->t, display_zone)) {
		zdh_buf_addch(out, ' ');
		add_offset(out, tm->offset, 1);
	}
}

size_t zdh_date_git_text(char out[ZDH_DATE_GIT_MAX], const struct zdh_time *tm)
{
	char *p = zdh_decimal(out, tm->t);

	*p++ = ' ';
	return (size_t)(put_offset(p, tm->offset, 0) - out);
}

/*
 * (the last two times written kept with their text: a commit writes its
 * author's and its committer's, and an import's rows have the same two,
 * each ten digits divided out otherwise)
 */
void zdh_date_git(struct zdh_buf *out, const struct zdh_time *tm)
{
	static _Thread_local struct kept_time last[2];
	static _Thread_local int older;
	int i = kept_is(&last[0], tm) ? 0 : kept_is(&last[1], tm) ? 1 : -1;

	if (i < 0) {
		i = older;
		older ^= 1;
		last[i].t = tm->t;
		last[i].offset = tm->offset;
		last[i].len = zdh_date_git_text(last[i].text, tm);
	}
	zdh_buf_add(out, last[i].text, last[i].len);
}

int zdh_date_check_future(const struct zdh_time *t, const char *text)
{
	/* only the instant: no zone to look up (nor to switch TZ to and back) */
	if (t->t <= (long long)time(NULL) + ZDH_DATE_FUTURE_SLACK)
		return 0;
	return zdh_error_set(ZDH_EINVALID,
			     _("date '%s' is more than a day in the future (give --future if it is meant)"),
			     text);
}

int zdh_date_parse_written(struct zdh_time *out, const char *text, const char *tz, int future)
{
	int err = zdh_date_parse(out, text, tz);

	return err || future ? err : zdh_date_check_future(out, text);
}

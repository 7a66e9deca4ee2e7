/*
 * workday — days as numbers and the working-day calendar (Monday to
 * Friday, minus holidays, plus make-up working days), moved out of
 * core/issue.c so that every kind counting working days counts them the
 * same way.  It reads no clock and no time zone: a day is whatever
 * calendar day the caller's time was in (zdh_day_of).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "error.h"
#include "i18n.h"
#include "output.h"
#include "workday.h"

void zdh_day_civil(long long z, int *y, int *m, int *d)
{
	long long era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

/* The n decimal digits at s (checked to be digits). */
static int digits(const char *s, int n)
{
	int v = 0;

	while (n--)
		v = v * 10 + (*s++ - '0');
	return v;
}

/* (the digits read by hand: sscanf() took 2,000 instructions a date, of every issue event folded) */
int zdh_day_parse(long long *out, const char *s)
{
	int y, m, d, yy, mm, dd;

	if (strlen(s) != 10 || strspn(s, "0123456789") != 4 || s[4] != '-' ||
	    strspn(s + 5, "0123456789") != 2 || s[7] != '-' || strspn(s + 8, "0123456789") != 2)
		return -1;
	y = digits(s, 4);
	m = digits(s + 5, 2);
	d = digits(s + 8, 2);
	*out = zdh_days_from_civil(y, m, d);
	zdh_day_civil(*out, &yy, &mm, &dd);
	return yy == y && mm == m && dd == d ? 0 : -1;
}

void zdh_day_format(char out[11], long long days)
{
	int y, m, d;
	char tmp[40];

	zdh_day_civil(days, &y, &m, &d);
	if (y < 0) {
		snprintf(tmp, sizeof(tmp), "%04d-%02d-%02d", y % 10000, m, d);
		memcpy(out, tmp, 10);
		out[10] = '\0';
		return;
	}
	/* by hand what snprintf wrote (an import writes a day a row) */
	y %= 10000;
	out[0] = (char)('0' + y / 1000);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = '-';
	out[5] = (char)('0' + m / 10);
	out[6] = (char)('0' + m % 10);
	out[7] = '-';
	out[8] = (char)('0' + d / 10);
	out[9] = (char)('0' + d % 10);
	out[10] = '\0';
}

long long zdh_day_of(const struct zdh_time *t)
{
	long long local = t->t + (long long)t->offset * 60;

	return local / 86400 - (local % 86400 < 0);
}

int zdh_day_weekday(long long day)
{
	return (int)(((day + 4) % 7 + 7) % 7);	/* 1970-01-01 was a Thursday */
}

/* One day of a list, p[0..len), appended to out; ZDH_EINVALID naming key. */
static int add_day(long long **out, size_t *n, size_t *alloc, const char *key, const char *p,
		   size_t len)
{
	char day[11];
	long long d;

	snprintf(day, sizeof(day), "%.*s", (int)(len < 10 ? len : 10), p);
	if (len != 10 || zdh_day_parse(&d, day)) {
		/*
		 * a day as offices type it, as --date takes it (2026/10/1,
		 * 2026年10月1日, full-width digits); not 10月1日, whose year
		 * would change as the list is read year after year
		 */
		struct zdh_buf typed = ZDH_BUF_INIT, half = ZDH_BUF_INIT, iso = ZDH_BUF_INIT;
		int ok;

		zdh_buf_add(&typed, p, len);
		zdh_halfwidth(&half, typed.ptr);
		ok = zdh_date_office_form(&iso, half.ptr) ? iso.len == 10 && !zdh_day_parse(&d, iso.ptr) :
			half.len == 10 && !zdh_day_parse(&d, half.ptr);
		zdh_buf_release(&typed);
		zdh_buf_release(&half);
		zdh_buf_release(&iso);
		if (!ok)
			return zdh_error_set(ZDH_EINVALID, _("%s: '%.*s' is not a day (YYYY-MM-DD)"),
					     key, (int)len, p);
	}
	if (*n == *alloc) {
		*alloc = *alloc ? 2 * *alloc : 16;
		*out = zdh_realloc(*out, *alloc * sizeof(**out));
	}
	(*out)[(*n)++] = d;
	return 0;
}

/* A blank between two days of an item: a space, a tab or the ideographic space U+3000 (its length, or 0). */
static size_t blank_at(const char *p, const char *end)
{
	if (p < end && (*p == ' ' || *p == '\t'))
		return 1;
	if (end - p >= 3 && !memcmp(p, "\xe3\x80\x80", 3))
		return 3;
	return 0;
}

/*
 * Parse a list into days (duplicates kept: harmless); ZDH_EINVALID naming
 * key and the item that is not a day.  The one rule for zdh.holidays and
 * zdh.workdays, used by zdh config's check (core/settings.c) and by the
 * calendar: the items of a list as zdh_list_next() takes them (, ， 、 ; ；),
 * and in an item, days separated by blanks (space, tab, U+3000), as a
 * file edited by hand may have them: a day holds no blank, so a blank can
 * only separate (zdh(1), LISTS).
 */
static int parse_list(long long **out, size_t *n, const char *key, const char *list)
{
	const char *items = list ? list : "", *item;
	size_t alloc = 0, ilen;
	int err = 0;

	*out = NULL;
	*n = 0;
	while (!err && zdh_list_next(&items, &item, &ilen)) {
		const char *p = item, *end = item + ilen;
		while (!err && p < end) {
			size_t len = 0, b;
			while ((b = blank_at(p, end)))
				p += b;
			while (p + len < end && !blank_at(p + len, end))
				len++;
			if (len)
				err = add_day(out, n, &alloc, key, p, len);
			p += len;
		}
	}
	if (err) {
		free(*out);
		*out = NULL;
		*n = 0;
	}
	return err;
}

static int cmp_day(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;

	return x < y ? -1 : x > y;
}

int zdh_calendar_check_list(const char *key, const char *list)
{
	long long *days;
	size_t n;
	int err = parse_list(&days, &n, key, list);

	free(days);
	return err;
}

void zdh_calendar_clear(struct zdh_calendar *cal)
{
	free(cal->holidays);
	free(cal->workdays);
	memset(cal, 0, sizeof(*cal));
}

int zdh_calendar_set(struct zdh_calendar *cal, const char *holidays, const char *workdays)
{
	int err;

	memset(cal, 0, sizeof(*cal));
	if ((err = parse_list(&cal->holidays, &cal->nholidays, "zdh.holidays", holidays)) ||
	    (err = parse_list(&cal->workdays, &cal->nworkdays, "zdh.workdays", workdays))) {
		zdh_calendar_clear(cal);
		return err;
	}
	if (cal->nholidays > 1)
		qsort(cal->holidays, cal->nholidays, sizeof(*cal->holidays), cmp_day);
	if (cal->nworkdays > 1)
		qsort(cal->workdays, cal->nworkdays, sizeof(*cal->workdays), cmp_day);
	return 0;
}

int zdh_calendar_load(struct zdh_calendar *cal, const struct zdh_config *cfg)
{
	return zdh_calendar_set(cal, cfg ? zdh_config_get(cfg, "zdh.holidays") : NULL,
				cfg ? zdh_config_get(cfg, "zdh.workdays") : NULL);
}

static int listed(const long long *v, size_t n, long long day)
{
	return n && bsearch(&day, v, n, sizeof(*v), cmp_day) != NULL;
}

int zdh_workday_is(const struct zdh_calendar *cal, long long day)
{
	int wday = zdh_day_weekday(day);

	if (listed(cal->workdays, cal->nworkdays, day))
		return 1;
	return wday >= 1 && wday <= 5 && !listed(cal->holidays, cal->nholidays, day);
}

long long zdh_workday_add(const struct zdh_calendar *cal, long long day, long long n)
{
	while (n > 0) {
		day++;
		if (zdh_workday_is(cal, day))
			n--;
	}
	return day;
}

long long zdh_workday_count(const struct zdh_calendar *cal, long long from, long long to)
{
	long long n = 0, weeks;

	if (to <= from)
		return 0;
	/* whole weeks hold five weekdays each; the listed days are counted apart */
	weeks = (to - from) / 7;
	n = weeks * 5;
	for (long long d = from + weeks * 7 + 1; d <= to; d++) {
		int wday = zdh_day_weekday(d);
		n += wday >= 1 && wday <= 5;
	}
	for (size_t i = 0; i < cal->nholidays; i++) {
		long long d = cal->holidays[i];
		int wday = zdh_day_weekday(d);
		if (d > from && d <= to && wday >= 1 && wday <= 5 &&
		    !listed(cal->workdays, cal->nworkdays, d) &&
		    (i == 0 || cal->holidays[i - 1] != d))
			n--;
	}
	for (size_t i = 0; i < cal->nworkdays; i++) {
		long long d = cal->workdays[i];
		int wday = zdh_day_weekday(d);
		if (d > from && d <= to && (wday == 0 || wday == 6) &&
		    (i == 0 || cal->workdays[i - 1] != d))
			n++;
	}
	return n;
}

/*
 * Unit tests of core/workday.c: days as numbers both ways (leap years,
 * before 1970), weekdays, the calendar's lists, adding working days over
 * holidays and make-up days, and counting them — checked against a
 * day-by-day walk over two years of a calendar with lists.
 */
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "tap.h"
#include "workday.h"

static long long day(const char *s)
{
	long long d = 0;

	if (zdh_day_parse(&d, s)) {
		printf("# bad day in the test: %s\n", s);
		exit(1);
	}
	return d;
}

static void adds(const struct zdh_calendar *cal, const char *from, long long n, const char *want)
{
	char got[11], name[120];

	zdh_day_format(got, zdh_workday_add(cal, day(from), n));
	snprintf(name, sizeof(name), "%s + %lld working days", from, n);
	is_str(got, want, name);
}

int main(void)
{
	struct zdh_calendar cal = ZDH_CALENDAR_INIT, none = ZDH_CALENDAR_INIT;
	struct zdh_time t;
	char out[11];
	long long d;
	int bad = 0;

	/* days both ways */
	is_int(zdh_day_parse(&d, "1970-01-01"), 0, "the epoch parses");
	ok(d == 0, "  as day 0");
	is_int(zdh_day_parse(&d, "1969-12-31"), 0, "the day before");
	ok(d == -1, "  as day -1");
	ok(!zdh_day_parse(&d, "2024-02-29") && d == 19782, "2024-02-29 is day 19782");
	is_int(zdh_day_parse(&d, "2023-02-29"), -1, "2023-02-29 is not a day");
	is_int(zdh_day_parse(&d, "2026-13-01"), -1, "month 13 is not");
	is_int(zdh_day_parse(&d, "2026-1-01"), -1, "a short month is not");
	is_int(zdh_day_parse(&d, "2026-01-01x"), -1, "trailing text is not");
	is_int(zdh_day_parse(&d, "2026/01/01"), -1, "slashes are not");
	is_int(zdh_day_parse(&d, "+025-01-01"), -1, "a signed year is not");
	is_int(zdh_day_parse(&d, " 025-01-01"), -1, "a blank in the year is not");
	is_int(zdh_day_parse(&d, "2026-0+-01"), -1, "a sign in the month is not");
	/* 0000-01-01 is day -719528: a year before it is no YYYY */
	for (long long k = -719528; k <= 800000; k += 997) {
		long long back;
		zdh_day_format(out, k);
		if (zdh_day_parse(&back, out) || back != k)
			bad++;
	}
	is_int(bad, 0, "format then parse gives the day back, years 0 to 4160");
	/* written by hand as snprintf wrote it, years -2000 to 12000 (a year of five
	   digits keeps its last four, a negative one its sign) */
	bad = 0;
	for (long long k = -1450000; k <= 3660000; k += 89) {
		int y, m, dd;
		char want[40];

		zdh_day_format(out, k);
		zdh_day_civil(k, &y, &m, &dd);
		snprintf(want, sizeof(want), "%04d-%02d-%02d", y % 10000, m, dd);
		want[10] = '\0';
		if (strcmp(out, want) && !bad++)
			printf("# day %lld: %s, snprintf %s\n", k, out, want);
	}
	is_int(bad, 0, "a day written as snprintf writes it");
	zdh_day_format(out, day("2000-02-29"));
	is_str(out, "2000-02-29", "2000 was a leap year");

	/* weekdays and the day of a time */
	is_int(zdh_day_weekday(0), 4, "1970-01-01 was a Thursday");
	is_int(zdh_day_weekday(day("2026-11-30")), 1, "2026-11-30 is a Monday");
	is_int(zdh_day_weekday(day("1969-12-28")), 0, "1969-12-28 was a Sunday");
	t.t = day("2026-12-01") * 86400 + 17 * 3600;	/* 17:00 UTC */
	t.offset = 8 * 60;
	zdh_day_format(out, zdh_day_of(&t));
	is_str(out, "2026-12-02", "17:00 UTC is the next day in +08:00");
	t.offset = -8 * 60;
	zdh_day_format(out, zdh_day_of(&t));
	is_str(out, "2026-12-01", "and the same day in -08:00");
	t.t = -1;
	t.offset = 0;
	zdh_day_format(out, zdh_day_of(&t));
	is_str(out, "1969-12-31", "a second before the epoch is 1969-12-31");

	/* lists */
	is_int(zdh_calendar_check_list("zdh.holidays", " 2026-10-01, 2026-10-02 ,"), 0,
	       "a list with blanks and a trailing comma");
	is_int(zdh_calendar_check_list("zdh.holidays", NULL), 0, "no list");
	is_int(zdh_calendar_check_list("zdh.holidays", "2026-10-01 2026-10-02\t2026-10-03\xe3\x80\x80""2026-10-04、2026-10-05"),
	       0, "days separated by blanks (space, tab, U+3000) in an item");
	is_int(zdh_calendar_set(&cal, "2026-10-01 2026-10-02\xe3\x80\x80""2026-10-05", NULL), 0,
	       "a calendar of days separated by blanks");
	is_int((int)cal.nholidays, 3, "  has the three");
	zdh_calendar_clear(&cal);
	is_int(zdh_calendar_check_list("zdh.workdays", "2026-10-01,2026-10-32"), ZDH_EINVALID,
	       "a list with a bad day");
	is_str(zdh_error_msg(), "zdh.workdays: '2026-10-32' is not a day (YYYY-MM-DD)",
	       "  names the key and the day");
	is_int(zdh_calendar_set(&cal, "2026-10-01", "nonsense"), ZDH_EINVALID,
	       "a calendar with a bad list is refused");
	ok(!cal.nholidays && !cal.nworkdays, "  and left empty");

	/* adding: China's 2026 National Day week, Sunday 2026-09-27 worked */
	is_int(zdh_calendar_set(&cal, "2026-10-07,2026-10-01,2026-10-02,2026-10-05,2026-10-06,"
				"2026-10-08", "2026-09-27,2026-10-10"), 0, "a calendar with lists");
	adds(&none, "2026-11-27", 5, "2026-12-04");
	adds(&none, "2026-11-28", 1, "2026-11-30");
	adds(&none, "2026-11-27", 0, "2026-11-27");
	adds(&cal, "2026-09-25", 1, "2026-09-27");
	adds(&cal, "2026-09-30", 1, "2026-10-09");
	adds(&cal, "2026-09-30", 2, "2026-10-10");
	adds(&cal, "2026-09-30", 3, "2026-10-12");
	ok(zdh_workday_is(&cal, day("2026-09-27")), "a make-up Sunday is a working day");
	ok(!zdh_workday_is(&cal, day("2026-10-01")), "a holiday is not");
	ok(!zdh_workday_is(&cal, day("2026-10-03")), "a Saturday is not");

	/* counting agrees with walking day by day, over two years, both calendars */
	bad = 0;
	for (int c = 0; c < 2; c++) {
		const struct zdh_calendar *k = c ? &cal : &none;
		long long start = day("2025-12-20");
		for (long long from = start; from < start + 40; from += 3)
			for (long long to = from - 2; to < from + 700; to += 11) {
				long long walk = 0;
				for (long long x = from + 1; x <= to; x++)
					walk += zdh_workday_is(k, x);
				if (zdh_workday_count(k, from, to) != walk)
					bad++;
			}
	}
	is_int(bad, 0, "counting equals a day-by-day walk (with and without lists)");
	bad = 0;
	for (long long n = 0; n < 300; n += 7) {
		long long from = day("2026-09-20");
		if (zdh_workday_count(&cal, from, zdh_workday_add(&cal, from, n)) != n)
			bad++;
	}
	is_int(bad, 0, "n working days after a day are n working days away");
	zdh_calendar_clear(&cal);
	return done_testing();
}

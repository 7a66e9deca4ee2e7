/*
 * workday — the working-day calendar of a repository: Monday to Friday,
 * minus the days of zdh.holidays, plus the make-up working days (调休) of
 * zdh.workdays.  Issues' due dates use it; meetings, menu schedules and
 * reports count in it too.
 *
 * A day is a number: days since 1970-01-01 (negative before), in the
 * calendar of wherever the time was given (zdh_day_of).
 */
#ifndef ZDH_WORKDAY_H
#define ZDH_WORKDAY_H

#include "config.h"
#include "date.h"

/* Parse "YYYY-MM-DD" (a real day); 0, or -1 when it is not one. */
int zdh_day_parse(long long *out, const char *text);
/* "2026-11-27" */
void zdh_day_format(char out[11], long long day);
/* The year, month (1-12) and day of the month of day. */
void zdh_day_civil(long long day, int *y, int *m, int *d);
/* The calendar day of t in its own offset. */
long long zdh_day_of(const struct zdh_time *t);
/* 0 = Sunday, 1 = Monday ... 6 = Saturday. */
int zdh_day_weekday(long long day);

struct zdh_calendar {
	long long *holidays, *workdays;	/* sorted */
	size_t nholidays, nworkdays;
};
#define ZDH_CALENDAR_INIT { NULL, NULL, 0, 0 }

/*
 * Read the calendar from lists "2026-10-01,2026-10-02" (blanks allowed,
 * NULL or "" for none).  ZDH_EINVALID naming the key ("zdh.holidays")
 * and the bad item; the calendar is then empty.
 */
int zdh_calendar_set(struct zdh_calendar *cal, const char *holidays, const char *workdays);
/* From a configuration's zdh.holidays and zdh.workdays (cfg may be NULL). */
int zdh_calendar_load(struct zdh_calendar *cal, const struct zdh_config *cfg);
void zdh_calendar_clear(struct zdh_calendar *cal);
/* ZDH_EINVALID naming key when list is not a list of days. */
int zdh_calendar_check_list(const char *key, const char *list);

/* 1 when day is a working day. */
int zdh_workday_is(const struct zdh_calendar *cal, long long day);
/* The day n working days after day (n >= 0; day itself never counts). */
long long zdh_workday_add(const struct zdh_calendar *cal, long long day, long long n);
/*
 * Working days after from up to and including to: 0 when to <= from.
 * (A due day of from + n working days is n working days away.)
 */
long long zdh_workday_count(const struct zdh_calendar *cal, long long from, long long to);

#endif

/*
 * Unit tests of the periods of core/report.c as a cron job meets them: the
 * default month and year (the last complete one) at the instants around
 * local midnight of the first in Asia/Shanghai on a machine kept in UTC,
 * and the bounds every figure counts in, [since, until) in epoch seconds.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "tap.h"

#define SH "Asia/Shanghai"

/* the default month at now (epoch seconds): first, last, since, until */
static void month_at(long long now, const char *first, const char *last, long long since,
		     long long until, const char *name)
{
	struct zdh_report_opts o;

	memset(&o, 0, sizeof(o));
	is_int(zdh_report_month(&o, NULL, SH, now), 0, name);
	is_str(o.first, first, "  its first day");
	is_str(o.last, last, "  its last day");
	ok(o.since == since && o.until == until, "  from local midnight to local midnight");
}

static void year_at(long long now, const char *first, const char *last, const char *name)
{
	struct zdh_report_opts o;

	memset(&o, 0, sizeof(o));
	is_int(zdh_report_year(&o, NULL, SH, now), 0, name);
	is_str(o.first, first, "  its first day");
	is_str(o.last, last, "  its last day");
}

int main(void)
{
	struct zdh_report_opts o;

	setenv("TZ", "UTC", 1);	/* the machine's zone: the repository's wins */

	/* 2026-12-01 00:00 in Shanghai is 2026-11-30 16:00 UTC */
	month_at(1796054400LL, "2026-11-01", "2026-11-30", 1793462400LL, 1796054400LL,
		 "at 00:00 on 1 December in Shanghai (16:00 UTC the day before): November");
	month_at(1796054399LL, "2026-10-01", "2026-10-31", 1790784000LL, 1793462400LL,
		 "a second before: October, November not over yet");
	/* 2026-01-01 00:00 in Shanghai is 2025-12-31 16:00 UTC */
	month_at(1767196800LL, "2025-12-01", "2025-12-31", 1764518400LL, 1767196800LL,
		 "at 00:00 on 1 January in Shanghai: December of the year before");
	year_at(1767196800LL, "2025-01-01", "2025-12-31",
		"at 00:00 on 1 January in Shanghai: the year just ended");
	year_at(1767196799LL, "2024-01-01", "2024-12-31", "a second before: the year before it");

	/* a month named: its bounds are Shanghai's midnights whatever the machine's zone */
	memset(&o, 0, sizeof(o));
	is_int(zdh_report_month(&o, "2026-02", SH, 0), 0, "February 2026 named");
	ok(o.since == 1769875200LL && o.until == 1772294400LL,
	   "  from 2026-01-31 16:00 UTC to 2026-02-28 16:00 UTC");
	return done_testing();
}

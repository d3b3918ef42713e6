/* Current time, overridable through QCITY_NOW for reproducible runs. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "qcity/clock.h"
#include "banned.h"

static struct tm now_tm(void)
{
	struct tm tm;
	const char *fixed = getenv("QCITY_NOW");
	memset(&tm, 0, sizeof(tm));
	if (fixed) {
		int y, mo, d, h = 0, mi = 0, s = 0;
		int n = sscanf(fixed, "%d-%d-%dT%d:%d:%d", &y, &mo, &d, &h, &mi,
			       &s);
		if (n >= 3) {
			tm.tm_year = y - 1900;
			tm.tm_mon = mo - 1;
			tm.tm_mday = d;
			tm.tm_hour = h;
			tm.tm_min = mi;
			tm.tm_sec = s;
			return tm;
		}
	}
	time_t t = time(NULL);
	gmtime_r(&t, &tm);
	return tm;
}

void qc_now_iso(char *buf, size_t n)
{
	struct tm tm = now_tm();
	strftime(buf, n, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

void qc_today(int *year, int *month, int *day)
{
	struct tm tm = now_tm();
	*year = tm.tm_year + 1900;
	*month = tm.tm_mon + 1;
	*day = tm.tm_mday;
}

/* Howard Hinnant's days_from_civil / civil_from_days: exact for the
 * proleptic Gregorian calendar, no tables, no time zones. */
long qc_days_from_civil(int y, int m, int d)
{
	long yy = y - (m <= 2);
	long era = (yy >= 0 ? yy : yy - 399) / 400;
	long yoe = yy - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void qc_civil_from_days(long z, int *y, int *m, int *d)
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

bool qc_date_days(const char *iso, long *days)
{
	int y, m, d, n = 0, yy, mm, dd;
	if (!iso || sscanf(iso, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 ||
	    n != 10 || m < 1 || m > 12 || d < 1 || d > 31)
		return false;
	*days = qc_days_from_civil(y, m, d);
	/* Reject 2023-02-30 and the like: the round trip must agree. */
	qc_civil_from_days(*days, &yy, &mm, &dd);
	return yy == y && mm == m && dd == d;
}

void qc_date_from_days(long days, char out[11])
{
	int y, m, d;
	qc_civil_from_days(days, &y, &m, &d);
	snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
}

long qc_today_days(void)
{
	int y, m, d;
	qc_today(&y, &m, &d);
	return qc_days_from_civil(y, m, d);
}

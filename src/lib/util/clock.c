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
		int n = sscanf(fixed, "%d-%d-%dT%d:%d:%d", &y, &mo, &d, &h,
			       &mi, &s);
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

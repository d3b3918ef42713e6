/* Wall-clock time in the forms qcity stores. The environment variable
 * QCITY_NOW (ISO date or date-time, UTC) fixes "now" for reproducible
 * demos and tests. */
#ifndef QCITY_CLOCK_H
#define QCITY_CLOCK_H

#include <stddef.h>

/* "2026-11-25T16:41:58Z" into buf (at least 21 bytes). */
void qc_now_iso(char *buf, size_t n);
/* Today's date as year, month (1-12), day. */
void qc_today(int *year, int *month, int *day);

#endif

/* Wall-clock time in the forms qcity stores. The environment variable
 * QCITY_NOW (ISO date or date-time, UTC) fixes "now" for reproducible
 * demos and tests. */
#ifndef QCITY_CLOCK_H
#define QCITY_CLOCK_H

#include <stdbool.h>
#include <stddef.h>

/* "2026-11-25T16:41:58Z" into buf (at least 21 bytes). */
void qc_now_iso(char *buf, size_t n);
/* Today's date as year, month (1-12), day. */
void qc_today(int *year, int *month, int *day);

/* Calendar arithmetic on ISO dates, in days since 1970-01-01. */
long qc_days_from_civil(int year, int month, int day);
void qc_civil_from_days(long days, int *year, int *month, int *day);
/* "2023-05-12" → days; false if not a real date. */
bool qc_date_days(const char *iso, long *days);
/* days → "2023-05-12" (out: 11 bytes). */
void qc_date_from_days(long days, char out[11]);
/* Today in days since 1970-01-01 (honours QCITY_NOW). */
long qc_today_days(void);

#endif

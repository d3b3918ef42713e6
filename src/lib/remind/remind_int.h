/* Inside src/lib/remind: the time arithmetic the scan and the delivery
 * share. Times are ISO "YYYY-MM-DDTHH:MM:SSZ" (UTC). */
#ifndef QC_REMIND_INT_H
#define QC_REMIND_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "qcity/error.h"

struct qc_store;
struct qc_remind_report;

/* One scan's state (scan.c). */
struct qc_remind_ctx {
	struct qc_store *s;
	char now[21];
	long today; /* days since 1970 */
	int due_days;
	bool mail; /* an SMTP server is set */
	struct qc_remind_report *rep;
	size_t overdue_reports; /* for the digest */
};

/* Store one event unless its key is known (scan.c): inbox items for
 * every user it concerns — unit_id's reporters, else the county's region
 * accounts, its market regulator's reporters and the office (county),
 * else the office — and their mail when mail is on. Audited. */
enum qc_rc qc_remind_emit_to(struct qc_remind_ctx *c, const char *key,
			     const char *kind, int64_t unit_id,
			     const char *county, const char *title,
			     const char *body, const char *link,
			     struct qc_error *err);

/* Special equipment coming due within a month, and overdue
 * (equipment.c; docs/reminders.md). */
enum qc_rc qc_remind_scan_equipment(struct qc_remind_ctx *c,
				    struct qc_error *err);
/* Instruments under compulsory verification overdue or failed
 * (metrology.c; docs/reminders.md). */
enum qc_rc qc_remind_scan_metrology(struct qc_remind_ctx *c,
				    struct qc_error *err);

/* "2026-05-01" or "2026-05-01T08:00:00Z" (NULL: the clock) into seconds
 * since 1970; false if it is neither. */
bool qc_remind_now_secs(const char *now, long long *secs);
/* seconds → "2026-05-01T08:00:00Z" (out: 21 bytes). */
void qc_remind_iso(long long secs, char out[21]);

#endif

/* Reads of the special-equipment register for the office's pages, the
 * HTTP API and the reminders (docs/equipment.md "Web and API",
 * "Reminders"): one unit with its history, a page of units by state
 * (ranked and cut by the database), and the day by which 第四十条 asks
 * the user to request the inspection. Nothing here writes. */
#ifndef QCITY_EQUIPMENT_READ_H
#define QCITY_EQUIPMENT_READ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "qcity/equipment.h"
#include "qcity/error.h"

struct qc_store;

/* 《特种设备安全法》第四十条: the user requests the periodic inspection
 * 在检验合格有效期届满前一个月 — a calendar month before the due date
 * (民法典 第二百零二条: the same day of the month, the month's last day
 * when it has none). The day into out (ISO); false if due is not a date. */
bool qc_equipment_request_by(const char *due, char out[11]);

/* A unit in use, not overdue, whose inspection falls due within a month
 * of today (today on or after its request-by day). */
bool qc_equipment_due_soon(const struct qc_equipment *e, long today);

/* A page of units of a region's subtree (NULL: all). state: NULL or ""
 * (all), "in_use", "stopped", "scrapped", "overdue", "due" (due within
 * a month, not overdue) or "attention" (either); category: NULL or a
 * class (code or name). Ordered as qc_equipment_list: overdue first
 * (most days first), then due within a month (earliest first), then the
 * rest by code; judged, ranked and cut by the database (a region's
 * register is never loaded whole). after: NULL or the `next` of the page
 * before; limit: 0 for every row. *total (may be NULL): the units the
 * filters keep; next (may be NULL): "" after the last page. QC_EINVAL
 * names the field (state, category, after). Release with
 * qc_equipment_list_release. */
#define QC_EQUIPMENT_CURSOR_SIZE 160
struct qc_equipment_query {
	const char *region, *state, *category, *after;
	size_t limit;
};
enum qc_rc qc_equipment_page(struct qc_store *s,
			     const struct qc_equipment_query *q, long today,
			     struct qc_equipment_list *out, size_t *total,
			     char next[QC_EQUIPMENT_CURSOR_SIZE],
			     struct qc_error *err);

/* One unit with its history, newest first. */
struct qc_equipment_inspection {
	char inspected_on[11], due_on[11], next_due[11], result[20];
	char *actor, *recorded_at;
};
struct qc_equipment_accident_row {
	int64_t id;
	char happened_on[11], region[QC_REGION_CODE_SIZE];
	char *category;
	long deaths, injuries;
};
struct qc_equipment_unit {
	struct qc_equipment e; /* as listed: overdue and its days */
	char status_on[11];
	char request_by[11]; /* "" without a due date */
	bool due_soon;
	struct qc_equipment_inspection *insp;
	size_t n_insp;
	struct qc_equipment_accident_row *acc;
	size_t n_acc;
};
/* The unit `code` on today; QC_ENOTFOUND if not registered. Release with
 * qc_equipment_unit_release (also after an error). */
enum qc_rc qc_equipment_get(struct qc_store *s, const char *code, long today,
			    struct qc_equipment_unit *out,
			    struct qc_error *err);
void qc_equipment_unit_release(struct qc_equipment_unit *u);

#endif

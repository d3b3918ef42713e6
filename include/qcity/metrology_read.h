/* Reads of the metrology register for the office's page and the HTTP
 * API (docs/metrology.md "Web and API"): a page of instruments by state,
 * ranked and cut by the database (a region's register is never loaded
 * whole), and one instrument with its verifications. Nothing here
 * writes. */
#ifndef QCITY_METROLOGY_READ_H
#define QCITY_METROLOGY_READ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "qcity/error.h"
#include "qcity/metrology.h"

struct qc_store;

/* A page of instruments as they stand on `on` (days since 1970), in the
 * order of qc_metrology_list: overdue and failed first (most days
 * first), then by code.
 * region: a subtree (NULL: all). state: NULL or "" (all), "in_use",
 * "stopped", "scrapped" (the status recorded), "overdue" (as `metrology
 * list --overdue`), "failed" (as --failed) or "due" (in use, neither,
 * its date within `within` days of `on`: 1 to 366, 0 taken as 30).
 * kind: NULL or the instrument as the register names it. after: NULL
 * or the `next` of the page before; limit: 0 for every row. *total (may
 * be NULL): the instruments the filters keep; next: "" after the last
 * page. QC_EINVAL names the field (state, within, after). Release with
 * qc_metrology_list_release. */
#define QC_METROLOGY_CURSOR_SIZE 160
struct qc_metrology_query {
	const char *region, *state, *kind, *after;
	int within;
	size_t limit;
};
enum qc_rc qc_metrology_page(struct qc_store *s,
			     const struct qc_metrology_query *q, long on,
			     struct qc_metrology_list *out, size_t *total,
			     char next[QC_METROLOGY_CURSOR_SIZE],
			     struct qc_error *err);

/* A verification as recorded, newest first. */
struct qc_metrology_check {
	char verified_on[11], due_on[11], next_due[11], result[8];
	char *certificate, *actor, *recorded_at; /* certificate may be NULL */
};
/* One instrument with its history and the office's period for its kind
 * (period_months 0 and period_basis NULL when none is set). */
struct qc_metrology_instrument {
	struct qc_metrology m;   /* as listed on the day asked */
	char *model, *serial_no; /* may be NULL */
	char status_on[11];
	int period_months;
	char *period_basis;
	struct qc_metrology_check *checks;
	size_t n_checks;
};
/* The instrument whose number on record is `ref`, else (ref a whole
 * number) whose id it is, on `on`; QC_ENOTFOUND if neither. Release
 * with qc_metrology_instrument_release (also after an error). */
enum qc_rc qc_metrology_get(struct qc_store *s, const char *ref, long on,
			    struct qc_metrology_instrument *out,
			    struct qc_error *err);
void qc_metrology_instrument_release(struct qc_metrology_instrument *u);

#endif

/* The status table: each target of a plan with the latest reported value
 * for a region and a first verdict. (The progress engine with trends and
 * projections builds on this.) */
#ifndef QCITY_STATUS_H
#define QCITY_STATUS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "qcity/error.h"
#include "qcity/plan.h"

struct qc_store;

enum qc_verdict {
	QC_VERDICT_NO_DATA = 0,  /* nothing reported */
	QC_VERDICT_MET,
	QC_VERDICT_NOT_MET,
	QC_VERDICT_UNKNOWN       /* data, but not enough to judge (no baseline) */
};

const char *qc_verdict_name(enum qc_verdict v);   /* "met", "not met" ... */

struct qc_status_row {
	int64_t target_id;
	char *goal;              /* goal name or NULL */
	char *indicator;         /* as the plan writes it */
	enum qc_op op;
	bool has_value, has_value_max;
	double value, value_max;
	char *unit;
	int year;
	char *owners;            /* lead units joined with 、 */
	bool has_latest;
	char *latest_period;
	double latest_value;
	bool has_base;           /* the value the change is measured from */
	char *base_period;
	double base_value;
	int n_values;            /* values reported for the region */
	enum qc_verdict verdict;
};

struct qc_status_table {
	long long plan_id;
	char region[7];
	char *region_name;
	struct qc_status_row *v;
	size_t n, alloc;
};

/* Fill t for plan_id and region (NULL: the plan's own region). */
enum qc_rc qc_status_table(struct qc_store *s, long long plan_id,
			   const char *region, struct qc_status_table *t,
			   struct qc_error *err);
void qc_status_table_release(struct qc_status_table *t);

/* The verdict for one target given the latest value and, for changes, the
 * base value and the number of years between them. Pure; unit-tested. */
enum qc_verdict qc_status_judge(enum qc_op op, double target,
				double target_max, const char *unit,
				bool has_latest, double latest,
				bool has_base, double base, int years);

#endif

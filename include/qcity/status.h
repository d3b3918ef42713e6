/* Target status: each target of a plan × region with its latest value,
 * its progress status (include/qcity/progress.h, docs/progress-method.md)
 * and the value projected for its due year.
 *
 * A plan's targets and values are loaded once into a struct qc_plan_data
 * (two queries); tables, alerts, the assessment and the benchmark all
 * compute from it. Ownership: qc_plan_data_load returns an object the
 * caller frees with qc_plan_data_free; tables are released with
 * qc_status_table_release. */
#ifndef QCITY_STATUS_H
#define QCITY_STATUS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "qcity/error.h"
#include "qcity/plan.h"
#include "qcity/progress.h"
#include "qcity/region_code.h"

struct qc_store;
struct qc_plan_data;

/* Load plan_id's targets (with their lead units) and the values of their
 * indicators in `region` (code or name; NULL: every region). */
enum qc_rc qc_plan_data_load(struct qc_store *s, long long plan_id,
			     const char *region, struct qc_plan_data **out,
			     struct qc_error *err);
/* The same with the targets of version `version` of the plan
 * (include/qcity/plan_edit.h) in place of the stored ones: statuses as of
 * that version, measured by today's values. */
enum qc_rc qc_plan_data_load_version(struct qc_store *s, long long plan_id,
				     int version, const char *region,
				     struct qc_plan_data **out,
				     struct qc_error *err);
void qc_plan_data_free(struct qc_plan_data *d);
/* Forget the values of periods that end after t_end (a time as
 * qc_period_time gives: 2020 is the end of 2020, 2020.5 of 2021-H1), so
 * that statuses are computed as they stood then: a 通报 of a period, a
 * publication as of a date. */
void qc_plan_data_until(struct qc_plan_data *d, double t_end);

/* The plan's own region and the regions that have values (sorted). */
const char *qc_plan_data_region(const struct qc_plan_data *d);
size_t qc_plan_data_n_regions(const struct qc_plan_data *d);
const char *qc_plan_data_region_at(const struct qc_plan_data *d, size_t i);

/* The thresholds plan_id uses: Open SDG's defaults with the plan's own
 * values over them. *set (may be NULL) receives a bit per key of
 * qc_progress_threshold_keys that the plan set itself. */
enum qc_rc qc_plan_thresholds_get(struct qc_store *s, long long plan_id,
				  struct qc_progress_thresholds *th,
				  unsigned *set, struct qc_error *err);
/* Set n thresholds of plan_id (keys[i] = values[i]; a NaN value returns
 * the key to its default), in one transaction, audited as an update of
 * "plan_thresholds" with both sets before and after. QC_EINVAL for an
 * unknown key or an order that breaks high ≥ med ≥ low; nothing is
 * written then. */
enum qc_rc qc_plan_thresholds_set(struct qc_store *s, long long plan_id,
				  const char *const *keys, const double *values,
				  size_t n, const char *actor,
				  struct qc_error *err);
/* A part of a target (分解: a lower region or a yearly milestone) with its
 * own status. */
struct qc_part_status {
	char *label;                      /* the region's name, or "2019年" */
	char region[QC_REGION_CODE_SIZE]; /* the region measured */
	int year;                         /* due year */
	char *requirement;                /* "≥ 70%" */
	char *owners;                     /* lead units joined with 、 */
	struct qc_progress_result p;
};

struct qc_status_row {
	int64_t target_id;
	char *goal;      /* goal name or NULL */
	char *indicator; /* as the plan writes it */
	enum qc_op op;
	bool has_value, has_value_max;
	double value, value_max;
	char *unit;
	int year;              /* due year, 0 if none */
	char *requirement;     /* "≥ 98%", "+2 pp over the previous year" */
	char *owners;          /* lead units joined with 、 */
	char latest_period[8]; /* "" when there is no value */
	int n_values;
	bool accumulate; /* a count whose values add up: p.current is the
			    running total, not the latest period's value */
	struct qc_progress_result p; /* status, values used, projection */
	bool has_prev;               /* the status one period before */
	enum qc_progress prev;
	char prev_period[8];
	/* Roll-up of the target's parts: how many met, how many have no
	 * data, and the weakest part with data (the lowest status, then the
	 * lowest ratio; -1: none). */
	struct qc_part_status *parts;
	size_t n_parts, parts_met, parts_no_data;
	long weakest;
};

struct qc_status_table {
	long long plan_id;
	char region[QC_REGION_CODE_SIZE];
	char *region_name;
	struct qc_status_row *v;
	size_t n, alloc;
	size_t count[QC_PROGRESS__COUNT]; /* rows per status */
};

/* Fill t for one region of d (NULL: the plan's own region). */
enum qc_rc qc_status_table_from(struct qc_store *s,
				const struct qc_plan_data *d,
				const char *region, struct qc_status_table *t,
				struct qc_error *err);
/* Load and fill in one step, for plan_id and region (code or name; NULL:
 * the plan's region). */
enum qc_rc qc_status_table(struct qc_store *s, long long plan_id,
			   const char *region, struct qc_status_table *t,
			   struct qc_error *err);
void qc_status_table_release(struct qc_status_table *t);

/* Every status of d: each target × region × period with data. */
struct qc_status_counts {
	size_t series;      /* target × region pairs with values */
	size_t evaluations; /* statuses computed (one per period) */
	size_t count[QC_PROGRESS__COUNT]; /* at each series' last period */
};
void qc_status_recompute(const struct qc_plan_data *d,
			 struct qc_status_counts *out);

/* "2019", "2019-H1", "2019-Q2", "2019-03" from qc_period_time's time and
 * months; buf holds at least 8 bytes. */
void qc_period_format(double t, int months, char *buf, size_t n);

#endif

/* The review workflow: a unit submits a period's values and progress
 * reports; the office accepts them, or returns them with a stated reason;
 * accepted data is locked — value and progress writes for that unit and
 * period are refused — until the office reopens it.
 *
 * Also the two views the data-entry page needs: a unit's form for a plan
 * and period (the targets it leads, with what it has entered) and one
 * target's series.
 *
 * Every state change is audited. Structs are released with the matching
 * _release, also after an error. */
#ifndef QCITY_REVIEW_H
#define QCITY_REVIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "qcity/error.h"

struct qc_store;

struct qc_submission {
	int64_t id;
	int64_t unit_id;
	char *unit;               /* unit name */
	char region[7];           /* the unit's region */
	char period[12];
	char *state;              /* submitted, accepted, returned, reopened */
	char *reason;             /* why it was returned or reopened */
	char *submitted_by, *submitted_at, *reviewed_by, *reviewed_at;
	int n_values, n_reports;  /* what the unit entered for the period */
};

struct qc_submission_list {
	struct qc_submission *v;
	size_t n, alloc;
};
void qc_submission_release(struct qc_submission *x);
void qc_submission_list_release(struct qc_submission_list *l);

/* Submit unit_id's data for period (again, after a return or a reopen).
 * Accepted data is QC_ECONFLICT. *id (may be NULL) receives the
 * submission's id. */
enum qc_rc qc_review_submit(struct qc_store *s, int64_t unit_id,
			    const char *period, const char *actor,
			    int64_t *id, struct qc_error *err);
/* Accept a submitted submission: its unit and period are locked. */
enum qc_rc qc_review_accept(struct qc_store *s, int64_t id,
			    const char *actor, struct qc_error *err);
/* Return a submitted submission to its unit, with a reason (required). */
enum qc_rc qc_review_return(struct qc_store *s, int64_t id,
			    const char *reason, const char *actor,
			    struct qc_error *err);
/* Reopen an accepted submission so its unit can correct it. */
enum qc_rc qc_review_reopen(struct qc_store *s, int64_t id,
			    const char *reason, const char *actor,
			    struct qc_error *err);

enum qc_rc qc_review_get(struct qc_store *s, int64_t id,
			 struct qc_submission *out, struct qc_error *err);
/* Submissions in `state` (NULL: all) of unit_id (0: all), newest first. */
enum qc_rc qc_review_list(struct qc_store *s, const char *state,
			  int64_t unit_id, struct qc_submission_list *out,
			  struct qc_error *err);

/* QC_ECONFLICT with a message naming the unit and period when unit_id's
 * data for period is accepted and so locked; QC_OK otherwise. Called by
 * every value and progress write. */
enum qc_rc qc_review_check_open(struct qc_store *s, int64_t unit_id,
				const char *period, struct qc_error *err);
/* The same for a value write: refused when the submitting unit's period
 * is locked, or when the value already stored for indicator × region ×
 * period belongs to a unit whose period is locked (so a write without a
 * reporter cannot overwrite accepted data either). */
enum qc_rc qc_review_check_value(struct qc_store *s, int64_t indicator_id,
				 const char *region, const char *period,
				 int64_t unit_id, struct qc_error *err);

/* ---- the data-entry form ------------------------------------------------ */

struct qc_entry_row {
	int64_t target_id;
	char *goal;               /* goal name as the plan writes it */
	char *indicator;          /* as the plan writes it */
	char *canonical;          /* the series name: what values are set on */
	char *unit;
	char *requirement;        /* "≥ 98%" */
	int year;                 /* due year or 0 */
	bool has_value;
	double value;             /* what the unit entered for the period */
	char *note;
};

struct qc_entry_form {
	long long plan_id;
	int64_t unit_id;
	char *unit;
	char region[7];           /* the plan's region: values are set there */
	char period[12];
	char *state;              /* the submission's state, NULL if none */
	char *reason;
	struct qc_entry_row *v;
	size_t n, alloc;
};

/* The targets of plan_id that unit_id leads, with its values for period
 * in the plan's region. */
enum qc_rc qc_entry_form(struct qc_store *s, long long plan_id,
			 int64_t unit_id, const char *period,
			 struct qc_entry_form *out, struct qc_error *err);
void qc_entry_form_release(struct qc_entry_form *f);

struct qc_series_point {
	char period[12];
	double value;            /* as status reads it: a running total for
				    a count that adds up */
	double reported;         /* the value as reported for the period */
};

struct qc_series {
	struct qc_series_point *v;
	size_t n, alloc;
	bool running;            /* values are running totals from the plan's
				    start (qc_measure_adds_up) */
};

/* Every value of target_id's series in region (NULL: the plan's region),
 * oldest first. For a count that adds up (include/qcity/indicator.h) the
 * values read as status reads them: yearly figures when there are any
 * (else the shorter periods) from the plan's first year, summed, so that
 * the chart's last point is the "latest" of the status. */
enum qc_rc qc_target_series(struct qc_store *s, int64_t target_id,
			    const char *region, struct qc_series *out,
			    struct qc_error *err);
void qc_series_release(struct qc_series *x);

/* ---- task reports (src/lib/review/task_report.c) ----------------------- */

/* Record a unit's report on task `task_key` of plan `plan_id` for a
 * period, unless review has locked the period for the unit.
 * status: not_started, in_progress, done, blocked. */
enum qc_rc qc_task_report_add(struct qc_store *s, int64_t plan_id,
			      const char *task_key, const char *unit,
			      const char *period, const char *status,
			      const char *text, const char *actor,
			      struct qc_error *err);

#endif

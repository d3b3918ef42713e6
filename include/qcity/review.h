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

#include "qcity/attach.h"
#include "qcity/error.h"
#include "qcity/region_code.h"
#include "qcity/value.h"

struct qc_store;
struct qc_value_in;

struct qc_submission {
	int64_t id;
	int64_t unit_id;
	char *unit;                       /* unit name */
	char region[QC_REGION_CODE_SIZE]; /* the unit's region */
	char period[12];
	char *state;  /* submitted, accepted, returned, reopened */
	char *reason; /* why it was returned or reopened */
	char *submitted_by, *submitted_at, *reviewed_by, *reviewed_at;
	int n_values, n_reports; /* what the unit entered for the period */
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
			    const char *period, const char *actor, int64_t *id,
			    struct qc_error *err);
/* Accept a submitted submission: its unit and period are locked. */
enum qc_rc qc_review_accept(struct qc_store *s, int64_t id, const char *actor,
			    struct qc_error *err);
/* Return a submitted submission to its unit, with a reason (required). */
enum qc_rc qc_review_return(struct qc_store *s, int64_t id, const char *reason,
			    const char *actor, struct qc_error *err);
/* Replace the reason of a returned submission (it stays returned). */
enum qc_rc qc_review_set_reason(struct qc_store *s, int64_t id,
				const char *reason, const char *actor,
				struct qc_error *err);
/* Reopen an accepted submission so its unit can correct it. */
enum qc_rc qc_review_reopen(struct qc_store *s, int64_t id, const char *reason,
			    const char *actor, struct qc_error *err);

enum qc_rc qc_review_get(struct qc_store *s, int64_t id,
			 struct qc_submission *out, struct qc_error *err);
/* Submissions in `state` (NULL: all) of unit_id (0: all), newest first. */
enum qc_rc qc_review_list(struct qc_store *s, const char *state,
			  int64_t unit_id, struct qc_submission_list *out,
			  struct qc_error *err);

/* The lock itself, which every value and progress write checks, is
 * qc_value_check_open / qc_value_check_lock (qcity/value.h). */

/* ---- the data-entry form ------------------------------------------------ */

struct qc_entry_row {
	int64_t target_id;
	char *goal;      /* goal name as the plan writes it */
	char *indicator; /* as the plan writes it */
	char *canonical; /* the series name: what values are set on */
	char *unit;
	char op[16];       /* the target's op: with a unit of %, an
			    * annual_growth's values are levels, not rates */
	char *requirement; /* "≥ 98%" */
	int year;          /* due year or 0 */
	bool has_value;
	double value; /* what the unit entered for the period */
	char *note;
	bool has_min, has_max; /* the series' range */
	double min, max;
	bool has_previous; /* the value of the period before */
	char previous_period[12];
	double previous;
};

/* One period of the plan's reporting calendar. */
struct qc_calendar_period {
	char period[12];
	char kind[12];     /* annual, half_year, monthly */
	char deadline[16]; /* ISO date: end of period + grace days */
};

struct qc_calendar {
	struct qc_calendar_period *v; /* newest first */
	size_t n, alloc;
};
void qc_calendar_release(struct qc_calendar *c);
/* The periods units report for plan_id, newest first: every year from
 * the plan's base year (the year before it starts) to its end, and the
 * half-years and months of its half-year and monthly duties, up to the
 * period under way today (qc_today). */
enum qc_rc qc_entry_calendar(struct qc_store *s, long long plan_id,
			     struct qc_calendar *out, struct qc_error *err);

struct qc_entry_form {
	long long plan_id;
	int64_t unit_id;
	char *unit;
	char region[QC_REGION_CODE_SIZE]; /* the plan's region: values are
					      set there */
	char period[12];
	char *state; /* the submission's state, NULL if none */
	char *reason;
	double jump_factor; /* qc_entry_jump_get */
	struct qc_calendar calendar;
	struct qc_entry_row *v;
	size_t n, alloc;
};

/* The targets of plan_id that unit_id leads, with its values for period
 * in the plan's region, their range and the previous period's value, and
 * the plan's calendar. period NULL: the newest year of the calendar that
 * has ended (else its newest period). */
enum qc_rc qc_entry_form(struct qc_store *s, long long plan_id, int64_t unit_id,
			 const char *period, struct qc_entry_form *out,
			 struct qc_error *err);
void qc_entry_form_release(struct qc_entry_form *f);

struct qc_series_point {
	char period[12];
	double value;    /* as status reads it: a running total for
				    a count that adds up */
	double reported; /* the value as reported for the period */
};

struct qc_series {
	struct qc_series_point *v;
	size_t n, alloc;
	bool running; /* values are running totals from the plan's
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

/* ---- entry checks (src/lib/review/check.c) ----------------------------- */

/* The period before p of the same length: 2019 → 2018, 2019-H1 →
 * 2018-H2, 2019-Q1 → 2018-Q4, 2019-01 → 2018-12. False if p is not a
 * period. */
bool qc_period_previous(const char *p, char out[12]);

/* A value that moves by more than this share of the previous period's
 * value needs a note, unless the plan sets its own factor. */
#define QC_ENTRY_JUMP_DEFAULT 0.5

/* The plan's jump factor (the default when it sets none). */
enum qc_rc qc_entry_jump_get(struct qc_store *s, long long plan_id, double *out,
			     struct qc_error *err);
/* Set it (> 0 and ≤ 100), audited. */
enum qc_rc qc_entry_jump_set(struct qc_store *s, long long plan_id,
			     double factor, const char *actor,
			     struct qc_error *err);

struct qc_entry_check {
	int64_t indicator_id;
	char region[QC_REGION_CODE_SIZE];
	bool has_previous;
	char previous_period[12];
	double previous;
	double factor; /* the jump factor that applies */
	double change; /* (value - previous) / |previous|; 0 without
				     a previous value or when it is 0 */
	bool jump;     /* |change| > factor (or a move off 0) */
};

/* Check a value as the entry form does: the series' range, and against
 * the previous period's value: a jump beyond the factor of the series'
 * plan without a note is QC_EINVAL, with a message in Chinese naming the
 * previous value and the change. *out (may be NULL) says what was found. */
enum qc_rc qc_entry_check_value(struct qc_store *s, const struct qc_value_in *v,
				struct qc_entry_check *out,
				struct qc_error *err);
/* qc_value_set_checked with check (the caller's scope; NULL: none), then
 * qc_entry_check_value, as the row's check: one transaction. */
enum qc_rc qc_entry_value_set(struct qc_store *s, struct qc_value_in *v,
			      qc_value_row_check check, void *arg,
			      const char *actor, struct qc_entry_check *out,
			      struct qc_error *err);

/* ---- progress reports with attachments (src/lib/review/report.c) -------- */

struct qc_report_in {
	long long plan_id;
	const char *task;   /* the task's key */
	const char *unit;   /* the reporting unit's name */
	const char *period; /* 2020-03 (monthly), 2020-H1 (half-year) … */
	const char *status; /* not_started, in_progress, done, blocked */
	const char *text;
	const int64_t *attachments; /* ids from qc_attach_save */
	size_t n_attachments;
};

/* Record the report (qc_progress_add) and link its attachments (entity
 * "progress"), all or nothing. An attachment of another unit is
 * QC_EPERM. *id (may be NULL) receives the report's id. */
enum qc_rc qc_report_save(struct qc_store *s, const struct qc_report_in *in,
			  const char *actor, int64_t *id, struct qc_error *err);

struct qc_report {
	int64_t id;
	long long plan_id;
	char *task, *title; /* key and title of the task */
	int64_t unit_id;
	char *unit;
	char period[12];
	char *status, *text, *submitted_at;
	struct qc_attachment_list attachments;
};

struct qc_report_list {
	struct qc_report *v;
	size_t n, alloc;
};
void qc_report_list_release(struct qc_report_list *l);
/* Reports of plan_id (0: any) by unit_id (0: any) for period (NULL: any),
 * newest period first, with their attachments. */
enum qc_rc qc_report_list(struct qc_store *s, long long plan_id,
			  int64_t unit_id, const char *period,
			  struct qc_report_list *out, struct qc_error *err);

/* ---- review with the data in view (src/lib/review/detail.c) ------------- */

struct qc_review_event {
	char *what;   /* value (entered), accepted, returned */
	char *reason; /* returned: why */
	bool has_value;
	double value; /* value: what was entered */
	char *by, *at;
};

struct qc_review_item {
	char kind[8]; /* value or report */
	int64_t id;   /* indicator_values.id or progress_reports.id */
	char *label;  /* the indicator, or the task's title */
	/* value */
	char *requirement; /* the target: "≥ 98%" */
	char *unit;
	char op[16]; /* the target's op, as in struct qc_entry_row */
	bool has_value;
	double value;
	char *note;
	bool has_previous;
	char previous_period[12];
	double previous;
	bool has_change;
	double change, change_share; /* value - previous, and over |previous| */
	/* report */
	char *status, *text;
	struct qc_attachment_list attachments;
	/* the office's latest decision since the submission, NULL: none */
	char *decision, *reason;
	struct qc_review_event *history; /* oldest first */
	size_t n_history, alloc_history;
};

struct qc_review_detail {
	struct qc_submission sub;
	char *person; /* who submitted: the user's name */
	struct qc_review_item *v;
	size_t n, alloc;
};
void qc_review_detail_release(struct qc_review_detail *d);
/* Submission id with every value and progress report of its unit and
 * period, as the reviewer needs them. */
enum qc_rc qc_review_detail(struct qc_store *s, int64_t id,
			    struct qc_review_detail *out, struct qc_error *err);
/* The office's decision on one item (kind "value" or "report") of a
 * submitted or returned submission: decision "accepted" or "returned"
 * (reason required). Returning an item returns the submission, its
 * reason naming the item; audited, and kept in review_items. */
enum qc_rc qc_review_item_decide(struct qc_store *s, int64_t submission_id,
				 const char *kind, int64_t item_id,
				 const char *decision, const char *reason,
				 const char *actor, struct qc_error *err);

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

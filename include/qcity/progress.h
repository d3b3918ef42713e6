/* The progress method (docs/progress-method.md): a target's status from
 * its series of values, after Statistics Canada's measure as Open SDG
 * implements it — the growth achieved since the base period against the
 * growth needed to reach the target by its due year — and the value a
 * linear trend over the recent values projects for the due year.
 *
 * Everything here is pure: no database, no allocation, so the same
 * functions serve the status table, the alerts, the assessment and the
 * benchmark. */
#ifndef QCITY_PROGRESS_H
#define QCITY_PROGRESS_H

#include <stdbool.h>
#include <stddef.h>

#include "qcity/error.h"
#include "qcity/indicator.h"
#include "qcity/plan.h"

enum qc_progress {
	QC_PROGRESS_NO_DATA = 0,   /* no value, or too few to judge */
	QC_PROGRESS_MET,           /* the latest value meets the target */
	QC_PROGRESS_ON_TRACK,      /* ratio R ≥ 0.95 */
	QC_PROGRESS_ACCELERATION,  /* 0.60 ≤ R < 0.95 */
	QC_PROGRESS_LIMITED,       /* 0 ≤ R < 0.60 */
	QC_PROGRESS_DETERIORATING, /* R < 0: moving away from the target */
	QC_PROGRESS__COUNT
};

/* "met", "on_track", "acceleration_needed", "limited_progress",
 * "deteriorating", "no_data". */
const char *qc_progress_name(enum qc_progress p);
/* Off track: limited progress or deteriorating. */
bool qc_progress_off_track(enum qc_progress p);

/* The thresholds on R (Open SDG's defaults). */
#define QC_PROGRESS_HIGH 0.95
#define QC_PROGRESS_MED 0.60
#define QC_PROGRESS_LOW 0.0
/* The thresholds on the growth g of a target without a level (Open SDG's
 * method 1 defaults: 1.5 %, 0.5 % and 0 a year). */
#define QC_PROGRESS_TREND_HIGH 0.015
#define QC_PROGRESS_TREND_MED 0.005
#define QC_PROGRESS_TREND_LOW 0.0

/* The thresholds of both methods, stored per plan (qc_plan_thresholds_get).
 * A value at or above `high` is on_track, at or above `med`
 * acceleration_needed, at or above `low` limited_progress, below it
 * deteriorating. */
struct qc_progress_thresholds {
	double high, med, low;                   /* on the ratio R */
	double trend_high, trend_med, trend_low; /* on the growth g a year */
};

/* Open SDG's defaults. */
void qc_progress_thresholds_default(struct qc_progress_thresholds *th);
/* The keys people set: "high", "med", "low", "trend_high", "trend_med",
 * "trend_low"; NULL-terminated. */
extern const char *const qc_progress_threshold_keys[];
/* The field a key names, or NULL. */
double *qc_progress_threshold_field(struct qc_progress_thresholds *th,
				    const char *key);
/* Whether each method's thresholds are finite and high ≥ med ≥ low;
 * false with a message in err (code QC_EINVAL). */
bool qc_progress_thresholds_valid(const struct qc_progress_thresholds *th,
				  struct qc_error *err);
/* "~" (左右) is met within this share of the target, either side. */
#define QC_PROGRESS_ABOUT_TOLERANCE 0.05
/* The exponential model cannot start from or aim at zero: zero base and
 * target values are replaced by this (as Open SDG does). */
#define QC_PROGRESS_ZERO 0.001
/* The projection fits a line to the values of the last this many years. */
#define QC_PROGRESS_TREND_YEARS 3.0

/* A period as a time: the end of the period in years, so that the year
 * 2019 and its December both map to 2019.0, 2019-H1 to 2018.5 and
 * 2019-03 to 2018.25. *months receives the period's length (12, 6, 3 or
 * 1). False if p is not a period. */
bool qc_period_time(const char *p, double *t, int *months);

struct qc_point {
	double t; /* qc_period_time of the period */
	double v;
	int months; /* length of the period: 12, 6, 3, 1 */
};

/* What the method needs to know of a target. */
struct qc_goal_spec {
	enum qc_op op;
	double value, value_max;
	bool pp;                /* change in percentage points (unit "pp") */
	bool accumulate;        /* a count: values are per period and add up
				   from the plan's start (培育名牌产品24个) */
	int baseline_year;      /* 0: the year before the plan starts */
	bool baseline_previous; /* 在上年度的基础上: against the value a year
				   before */
	int due_year;           /* 0: the plan's end */
	int start_year;         /* the plan's first year */
	bool trend_only;       /* no level (提高/下降 without a number): the
				   growth alone is judged (Open SDG method 1) */
	struct qc_range range; /* a derived requirement (increase, decrease,
				   annual growth) is held within it
				   (qc_range_cap): a rate in pp never asks
				   for more than 100 */
	struct qc_progress_thresholds th;
};

/* Fill spec from a target and its plan's first and last years, with the
 * default thresholds (the caller copies a plan's own into spec->th).
 * Counts are targets in a measure word that names things (个, 项, 家 ...);
 * a change in pp, or in % of an indicator named …率, is capped to 0..100;
 * a target without a value (other than zero) is trend_only. */
void qc_goal_spec_from_target(struct qc_goal_spec *spec,
			      const struct qc_target *t, int plan_start,
			      int plan_end);

struct qc_progress_result {
	enum qc_progress status;
	int n_points; /* values used */
	bool has_current;
	double current, current_t; /* the measured value: for counts the
					total so far */
	bool has_base;
	double base, base_t;
	bool has_required;
	double required; /* the level the target asks for at due_t */
	double due_t;
	bool has_ratio;
	double ratio;           /* R: observed over required growth */
	double growth;          /* observed growth per year (CAGR, or the
				   yearly gain in the linear model) */
	double required_growth; /* the growth per year the target needs */
	bool linear;            /* the linear model was used (counts, pp) */
	bool has_projection;
	double projected; /* linear trend at due_t */
	bool projected_met;
	bool trend;       /* judged by the growth g alone against the
				   trend thresholds: no level, or a due year
				   at or before the base (§2) */
	bool capped;      /* the requirement was capped (spec max/min) */
	char reason[240]; /* one line a person can check by hand */
};

/* The status at the last of pts[0..n) (sorted by t, one point per t).
 * The result says which values it used and why. */
void qc_progress_eval(const struct qc_goal_spec *spec,
		      const struct qc_point *pts, size_t n,
		      struct qc_progress_result *out);

/* The same without the reason line (left empty): for recomputing many
 * statuses, where formatting would cost more than the method. */
void qc_progress_status(const struct qc_goal_spec *spec,
			const struct qc_point *pts, size_t n,
			struct qc_progress_result *r);

/* Whether value v meets the target as a level (no trend): ≥, ≤, =, ~,
 * between; for changes the caller passes the required level in `level`. */
bool qc_progress_meets(const struct qc_goal_spec *spec, double v, double level);

/* Least-squares line through pts[0..n): slope per year and the value at
 * time t. False with fewer than two distinct times. */
bool qc_progress_trend(const struct qc_point *pts, size_t n, double t,
		       double *value, double *slope);

#endif

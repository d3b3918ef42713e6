/* Inside the engine: a plan's targets and every value they are measured
 * by, loaded once (two queries) so that the status of every target ×
 * region × period is computed from memory. */
#ifndef QCITY_ENGINE_INT_H
#define QCITY_ENGINE_INT_H

#include <stdint.h>

#include "qcity/progress.h"
#include "qcity/status.h"

/* A part of a target (分解): its requirement and the region whose series
 * measures it ("" for a milestone: the row's region). */
struct eng_part {
	char region[QC_REGION_CODE_SIZE];
	char *label;        /* the region's name, or "2019年" */
	char *owners;       /* lead units joined with 、 */
	struct qc_target t; /* op, value(s), year; the target's unit */
	struct qc_goal_spec spec;
};

struct eng_target {
	int64_t id, indicator_id;
	struct qc_target t; /* op, value, unit, baseline, year */
	struct qc_goal_spec spec;
	char *goal;
	char *owners;       /* lead units joined with 、 */
	int64_t *owner_ids; /* their unit ids (0: not linked) */
	char **owner_names;
	size_t n_owners, alloc_owners;
	struct eng_part *parts;
	size_t n_parts, alloc_parts;
};

struct eng_series {
	int64_t indicator_id;
	char region[QC_REGION_CODE_SIZE];
	struct qc_point *pts; /* sorted by t, one point per t */
	size_t n, alloc;
};

struct qc_plan_data {
	long long plan_id;
	char region[QC_REGION_CODE_SIZE]; /* the plan's own region */
	char *title;
	int start, end;
	struct qc_progress_thresholds
		th; /* the plan's (qc_plan_thresholds_get) */
	struct eng_target *targets;
	size_t n_targets, alloc_targets;
	struct eng_series *series; /* sorted by indicator, region */
	size_t n_series, alloc_series;
	char (*regions)[QC_REGION_CODE_SIZE]; /* regions with values, sorted */
	size_t n_regions, alloc_regions;
};

/* The series of an indicator in a region, or NULL. */
const struct eng_series *qc_eng_series_find(const struct qc_plan_data *d,
					    int64_t indicator,
					    const char *region);

/* The status of target i in region at its last point up to index `upto`
 * (exclusive; the full series when upto is (size_t)-1). */
void qc_eng_eval(const struct qc_plan_data *d, size_t i, const char *region,
		 size_t upto, struct qc_progress_result *r);

struct qc_scheme;
struct qc_task_list;
/* The default scheme of docs/assessment-scheme.md for d's plan: every
 * target all or nothing sharing 60 points (80 without tasks), zero
 * targets as vetoes, reporting 20, the tasks with a lead unit sharing
 * 20. */
void qc_eng_scheme_default(struct qc_scheme *s, const struct qc_plan_data *d,
			   int year, const struct qc_task_list *tasks);

#endif

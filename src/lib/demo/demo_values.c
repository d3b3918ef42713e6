/* Generated demo values: each series starts at a distance from its target
 * and moves toward it at a region-specific pace, with noise. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/demo.h"
#include "qcity/model.h"
#include "qcity/plan.h"
#include "qcity/progress.h"
#include "qcity/rng.h"
#include "qcity/store.h"
#include "banned.h"

struct demo_target {
	char *indicator;
	enum qc_op op;
	double value;
	char *unit;
	int baseline_year;
};

static bool is_rate(const char *unit)
{
	unit = qc_stored_unit(unit);
	return unit && !strcmp(unit, "%");
}

/* The value of year y (0-based step k of n) for one target and region. */
static double series(const struct demo_target *t, struct qc_rng *r, double pace,
		     int k, double start)
{
	double v;
	switch (t->op) {
	case QC_OP_LE: v = start * pow(1 - 0.06 * pace, k); break;
	case QC_OP_ZERO: v = qc_rng_uniform(r, 0, 1) < 0.08 ? 1 : 0; break;
	case QC_OP_DECREASE: v = start * pow(1 - 0.035 * pace, k); break;
	case QC_OP_ANNUAL_GROWTH:
		v = start * pow(1 + t->value / 100 * (0.7 + 0.5 * pace), k);
		break;
	case QC_OP_INCREASE:
		v = start + k * t->value * (0.5 + 0.7 * pace);
		break;
	default:
		/* Counts are what was won or built in the year; the engine
		 * adds them up toward the plan's number. */
		if (qc_unit_accumulates(t->unit))
			v = floor(qc_rng_uniform(r, 0,
						 pace * t->value / 2.5 + 0.99));
		else
			v = start + k * (t->value - start) * 0.3 * pace;
	}
	if (is_rate(t->unit) && t->op != QC_OP_ANNUAL_GROWTH &&
	    t->op != QC_OP_DECREASE)
		v = fmin(100, v + qc_rng_uniform(r, -0.4, 0.4));
	return round(fmax(0, v) * 100) / 100;
}

static double start_of(const struct demo_target *t, struct qc_rng *r)
{
	switch (t->op) {
	case QC_OP_LE: return t->value * qc_rng_uniform(r, 1.1, 1.5);
	case QC_OP_DECREASE: return 100;
	case QC_OP_ANNUAL_GROWTH: return qc_rng_uniform(r, 300, 3000);
	case QC_OP_INCREASE: return qc_rng_uniform(r, 88, 94);
	case QC_OP_ZERO: return 0;
	default:
		if (!is_rate(t->unit))
			return floor(t->value * qc_rng_uniform(r, 0, 0.4));
		return fmax(0, t->value - qc_rng_uniform(r, 3, 15));
	}
}

static enum qc_rc load_targets(struct qc_store *s, long long plan_id,
			       struct demo_target **out, size_t *n,
			       struct qc_error *err)
{
	struct qc_stmt *st;
	size_t alloc = 0;
	enum qc_rc rc;
	enum qc_rc r;

	*out = NULL;
	*n = 0;
	rc = qc_stmt_prepare(s,
			     "SELECT DISTINCT i.name, t.op, t.value, t.unit,"
			     " t.baseline_year, t.seq FROM targets t JOIN"
			     " indicators i ON i.id = t.indicator_id WHERE"
			     " t.plan_id = ? ORDER BY t.seq",
			     &st, err);
	if (rc)
		return rc;
	qc_stmt_bind_int(st, 1, plan_id);
	while ((r = qc_stmt_next(st, err)) == QC_ROW) {
		QC_GROW(*out, *n + 1, alloc);
		struct demo_target *t = &(*out)[(*n)++];
		t->indicator = qc_xstrdup(qc_stmt_text(st, 0));
		qc_op_parse(qc_stmt_text(st, 1), &t->op);
		t->value = qc_stmt_double(st, 2);
		t->unit = qc_xstrdup(qc_stmt_text(st, 3));
		t->baseline_year = (int)qc_stmt_int(st, 4);
	}
	qc_stmt_free(st);
	return qc_step_rc(r);
}

enum qc_rc qc_demo_values(struct qc_store *s, long long plan_id,
			  const char *const *regions, size_t n_regions,
			  int first_year, int last_year, unsigned long seed,
			  const char *actor, size_t *count,
			  struct qc_error *err)
{
	struct demo_target *t = NULL;
	struct qc_rng r;
	size_t n = 0;
	enum qc_rc rc;

	*count = 0;
	qc_rng_seed(&r, seed, 0);
	if ((rc = load_targets(s, plan_id, &t, &n, err)))
		goto out;
	if ((rc = qc_store_begin(s, err)))
		goto out;
	for (size_t i = 0; !rc && i < n; i++) {
		for (size_t g = 0; !rc && g < n_regions; g++) {
			double pace = qc_rng_uniform(&r, 0.3, 1.6);
			double start = start_of(&t[i], &r);
			int y0 = t[i].baseline_year && t[i].baseline_year <
							       first_year ?
					 t[i].baseline_year :
					 first_year;
			for (int y = y0; !rc && y <= last_year; y++) {
				char period[8];
				if (y < first_year && y != y0)
					continue;
				snprintf(period, sizeof(period), "%d", y);
				struct qc_value_in v = {
					.indicator = t[i].indicator,
					.region = regions[g],
					.period = period,
					.value = series(&t[i], &r, pace, y - y0,
							start),
					.unit = qc_target_series_unit(t[i].op,
								      t[i].unit),
					.source = "demo",
				};
				rc = qc_value_set(s, &v, actor, err);
				(*count)++;
			}
		}
	}
	if (rc)
		qc_store_rollback(s);
	else
		rc = qc_store_commit(s, err);
out:
	for (size_t i = 0; i < n; i++) {
		free(t[i].indicator);
		free(t[i].unit);
	}
	free(t);
	return rc;
}

/* The status table: targets with their latest value and a verdict. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/model.h"
#include "qcity/status.h"
#include "qcity/store.h"
#include "qcity/strbuf.h"
#include "banned.h"

/* "~" (左右) accepts values within this share of the target. */
#define ABOUT_TOLERANCE 0.05

const char *qc_verdict_name(enum qc_verdict v)
{
	switch (v) {
	case QC_VERDICT_MET: return "met";
	case QC_VERDICT_NOT_MET: return "not met";
	case QC_VERDICT_UNKNOWN: return "unknown";
	case QC_VERDICT_NO_DATA: break;
	}
	return "no data";
}

static enum qc_verdict yes(bool b)
{
	return b ? QC_VERDICT_MET : QC_VERDICT_NOT_MET;
}

enum qc_verdict qc_status_judge(enum qc_op op, double target,
				double target_max, const char *unit,
				bool has_latest, double latest,
				bool has_base, double base, int years)
{
	const double eps = 1e-9;
	bool pp = unit && !strcmp(unit, "pp");

	if (!has_latest)
		return QC_VERDICT_NO_DATA;
	switch (op) {
	case QC_OP_GE: return yes(latest >= target - eps);
	case QC_OP_LE: return yes(latest <= target + eps);
	case QC_OP_EQ: return yes(fabs(latest - target) <= eps);
	case QC_OP_ABOUT:
		return yes(fabs(latest - target) <=
			   ABOUT_TOLERANCE * fabs(target) + eps);
	case QC_OP_BETWEEN:
		return yes(latest >= target - eps && latest <= target_max + eps);
	case QC_OP_ZERO: return yes(fabs(latest) <= eps);
	case QC_OP__COUNT: break;
	case QC_OP_INCREASE:
	case QC_OP_DECREASE:
	case QC_OP_ANNUAL_GROWTH:
		if (!has_base)
			return QC_VERDICT_UNKNOWN;
		if (op == QC_OP_ANNUAL_GROWTH) {
			if (base <= 0 || years <= 0)
				return QC_VERDICT_UNKNOWN;
			double g = (pow(latest / base, 1.0 / years) - 1) * 100;
			return yes(g >= target - eps);
		}
		double change;
		if (pp)
			change = latest - base;
		else if (fabs(base) > eps)
			change = (latest - base) / fabs(base) * 100;
		else
			return QC_VERDICT_UNKNOWN;
		if (op == QC_OP_DECREASE)
			change = -change;
		return yes(change >= target - eps);
	}
	return QC_VERDICT_UNKNOWN;
}

static void dup_text(struct qc_stmt *st, int col, char **out)
{
	*out = qc_xstrdup(qc_stmt_text(st, col));
}

static enum qc_rc plan_region(struct qc_store *s, long long plan_id,
			      char region[7], struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc rc;
	int r;

	rc = qc_stmt_prepare(s, "SELECT region_code FROM plans WHERE id = ?",
			     &st, err);
	if (rc)
		return rc;
	qc_stmt_bind_int(st, 1, plan_id);
	r = qc_stmt_step(st, err);
	if (r == QC_STEP_ROW && qc_stmt_text(st, 0))
		snprintf(region, 7, "%s", qc_stmt_text(st, 0));
	else if (r == QC_STEP_ROW)
		rc = qc_error_set(err, QC_EINVAL, "plan %lld has no region; "
				  "name one with --region", plan_id);
	else if (r == QC_STEP_DONE)
		rc = qc_error_set(err, QC_ENOTFOUND, "no plan %lld (see "
				  "`qcity plan list`)", plan_id);
	else
		rc = err ? err->code : QC_EDB;
	qc_stmt_free(st);
	return rc;
}

/* Latest value, count, and the base value the change is measured from:
 * the baseline year's value, or else the value one period before the
 * latest (在上年度的基础上), or for annual growth the earliest value. */
static enum qc_rc fill_values(struct qc_store *s, struct qc_status_row *row,
			      int64_t ind, const char *region, int base_year,
			      bool previous, struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc rc;
	int r, i = 0;
	char want[8] = "";

	if (base_year)
		snprintf(want, sizeof(want), "%d", base_year);
	rc = qc_stmt_prepare(s, "SELECT period, value FROM indicator_values"
			     " WHERE indicator_id = ? AND region_code = ?"
			     " ORDER BY period DESC", &st, err);
	if (rc)
		return rc;
	qc_stmt_bind_int(st, 1, ind);
	qc_stmt_bind_text(st, 2, region);
	while ((r = qc_stmt_step(st, err)) == QC_STEP_ROW) {
		const char *period = qc_stmt_text(st, 0);
		double v = qc_stmt_double(st, 1);
		if (i == 0) {
			row->has_latest = true;
			row->latest_period = qc_xstrdup(period);
			row->latest_value = v;
		}
		bool take = base_year ? !strcmp(period, want) :
			    previous ? i == 1 :
			    row->op == QC_OP_ANNUAL_GROWTH && i > 0;
		if (take && (!row->has_base || row->op == QC_OP_ANNUAL_GROWTH ||
			     base_year)) {
			row->has_base = true;
			free(row->base_period);
			row->base_period = qc_xstrdup(period);
			row->base_value = v;
		}
		i++;
	}
	row->n_values = i;
	qc_stmt_free(st);
	return r == QC_STEP_DONE ? QC_OK : (err ? err->code : QC_EDB);
}

/* Lead units of a target joined with 、, as the plan lists them. */
static enum qc_rc owners_of(struct qc_store *s, int64_t target, char **out,
			    struct qc_error *err)
{
	struct qc_stmt *st;
	struct qc_buf b;
	enum qc_rc rc;
	int r;

	rc = qc_stmt_prepare(s, "SELECT unit_name FROM target_owners WHERE"
			     " target_id = ? AND role = 'lead' ORDER BY seq",
			     &st, err);
	if (rc)
		return rc;
	qc_buf_init(&b, 4096);
	qc_stmt_bind_int(st, 1, target);
	while ((r = qc_stmt_step(st, err)) == QC_STEP_ROW) {
		if (b.len)
			qc_buf_adds(&b, "、");
		qc_buf_adds(&b, qc_stmt_text(st, 0));
	}
	qc_stmt_free(st);
	*out = qc_buf_detach(&b, NULL);
	return r == QC_STEP_DONE ? QC_OK : (err ? err->code : QC_EDB);
}

static int period_year(const char *p)
{
	return p ? atoi(p) : 0;
}

enum qc_rc qc_status_table(struct qc_store *s, long long plan_id,
			   const char *region, struct qc_status_table *t,
			   struct qc_error *err)
{
	struct qc_stmt *st = NULL;
	struct qc_region reg;
	enum qc_rc rc;
	int r;

	memset(t, 0, sizeof(*t));
	t->plan_id = plan_id;
	if (region)
		rc = qc_region_resolve(s, region, t->region, err);
	else
		rc = plan_region(s, plan_id, t->region, err);
	if (rc)
		return rc;
	if (qc_region_get(s, t->region, &reg, NULL) == QC_OK) {
		t->region_name = reg.name;
		reg.name = NULL;
	}
	rc = qc_stmt_prepare(s, "SELECT t.id, g.name, t.indicator_text, t.op,"
			     " t.value, t.value_max, t.unit, t.due_year,"
			     " t.indicator_id, t.baseline_year, t.baseline_ref"
			     " FROM targets t LEFT JOIN goals g ON"
			     " g.id = t.goal_id WHERE t.plan_id = ?"
			     " ORDER BY t.seq", &st, err);
	if (rc)
		return rc;
	qc_stmt_bind_int(st, 1, plan_id);
	while ((r = qc_stmt_step(st, err)) == QC_STEP_ROW) {
		QC_GROW(t->v, t->n + 1, t->alloc);
		struct qc_status_row *row = &t->v[t->n++];
		memset(row, 0, sizeof(*row));
		row->target_id = qc_stmt_int(st, 0);
		dup_text(st, 1, &row->goal);
		dup_text(st, 2, &row->indicator);
		qc_op_parse(qc_stmt_text(st, 3), &row->op);
		if ((row->has_value = !qc_stmt_is_null(st, 4)))
			row->value = qc_stmt_double(st, 4);
		if ((row->has_value_max = !qc_stmt_is_null(st, 5)))
			row->value_max = qc_stmt_double(st, 5);
		dup_text(st, 6, &row->unit);
		row->year = (int)qc_stmt_int(st, 7);
		if ((rc = owners_of(s, row->target_id, &row->owners, err)))
			break;
		const char *ref = qc_stmt_text(st, 10);
		rc = fill_values(s, row, qc_stmt_int(st, 8), t->region,
				 (int)qc_stmt_int(st, 9),
				 ref && !strcmp(ref, "previous_year"), err);
		if (rc)
			break;
		row->verdict = qc_status_judge(row->op, row->value,
			row->value_max, row->unit, row->has_latest,
			row->latest_value, row->has_base, row->base_value,
			period_year(row->latest_period) -
			period_year(row->base_period));
	}
	qc_stmt_free(st);
	if (!rc && r != QC_STEP_DONE)
		rc = err ? err->code : QC_EDB;
	if (rc)
		qc_status_table_release(t);
	return rc;
}

void qc_status_table_release(struct qc_status_table *t)
{
	for (size_t i = 0; i < t->n; i++) {
		struct qc_status_row *r = &t->v[i];
		free(r->goal);
		free(r->indicator);
		free(r->unit);
		free(r->owners);
		free(r->latest_period);
		free(r->base_period);
	}
	free(t->v);
	free(t->region_name);
	memset(t, 0, sizeof(*t));
}

/* The progress thresholds of both methods (docs/progress-method.md §2):
 * Open SDG's defaults, and the values a plan sets for itself, stored per
 * plan and audited. */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/json.h"
#include "qcity/model.h"
#include "qcity/status.h"
#include "qcity/store.h"
#include "banned.h"

void qc_progress_thresholds_default(struct qc_progress_thresholds *th)
{
	*th = (struct qc_progress_thresholds){
		QC_PROGRESS_HIGH,      QC_PROGRESS_MED,
		QC_PROGRESS_LOW,       QC_PROGRESS_TREND_HIGH,
		QC_PROGRESS_TREND_MED, QC_PROGRESS_TREND_LOW,
	};
}

const char *const qc_progress_threshold_keys[] = {
	"high", "med", "low", "trend_high", "trend_med", "trend_low", NULL,
};

double *qc_progress_threshold_field(struct qc_progress_thresholds *th,
				    const char *key)
{
	double *f[] = { &th->high,       &th->med,       &th->low,
			&th->trend_high, &th->trend_med, &th->trend_low };
	for (size_t i = 0; key && qc_progress_threshold_keys[i]; i++)
		if (!strcmp(key, qc_progress_threshold_keys[i]))
			return f[i];
	return NULL;
}

bool qc_progress_thresholds_valid(const struct qc_progress_thresholds *th,
				  struct qc_error *err)
{
	const double v[] = { th->high,       th->med,       th->low,
			     th->trend_high, th->trend_med, th->trend_low };
	for (size_t i = 0; i < 6; i++)
		if (!isfinite(v[i]) || fabs(v[i]) > 1e6) {
			qc_error_set(err, QC_EINVAL,
				     "threshold %s: %.12g is not "
				     "a number between -1e6 and 1e6",
				     qc_progress_threshold_keys[i], v[i]);
			return false;
		}
	if (th->high < th->med || th->med < th->low) {
		qc_error_set(err, QC_EINVAL,
			     "thresholds on R: need high ≥ med "
			     "≥ low, got %.12g, %.12g, %.12g",
			     th->high, th->med, th->low);
		return false;
	}
	if (th->trend_high < th->trend_med || th->trend_med < th->trend_low) {
		qc_error_set(err, QC_EINVAL,
			     "trend thresholds: need trend_high"
			     " ≥ trend_med ≥ trend_low, got %.12g, %.12g, %.12g",
			     th->trend_high, th->trend_med, th->trend_low);
		return false;
	}
	return true;
}

static json_t *thresholds_json(const struct qc_progress_thresholds *th)
{
	return qc_xjson_pack("{s:f, s:f, s:f, s:f, s:f, s:f}", "high", th->high,
			     "med", th->med, "low", th->low, "trend_high",
			     th->trend_high, "trend_med", th->trend_med,
			     "trend_low", th->trend_low);
}

enum qc_rc qc_plan_thresholds_get(struct qc_store *s, long long plan_id,
				  struct qc_progress_thresholds *th,
				  unsigned *set, struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc rc;
	enum qc_rc r;

	qc_progress_thresholds_default(th);
	if (set)
		*set = 0;
	rc = qc_stmt_prepare(s,
			     "SELECT key, value FROM plan_thresholds"
			     " WHERE plan_id = ?",
			     &st, err);
	if (rc)
		return rc;
	qc_stmt_bind_int(st, 1, plan_id);
	while ((r = qc_stmt_next(st, err)) == QC_ROW) {
		const char *key = qc_stmt_text(st, 0);
		double *f = qc_progress_threshold_field(th, key);
		if (!f)
			continue;
		*f = qc_stmt_double(st, 1);
		for (unsigned i = 0; set && qc_progress_threshold_keys[i]; i++)
			if (!strcmp(key, qc_progress_threshold_keys[i]))
				*set |= 1u << i;
	}
	qc_stmt_free(st);
	return qc_step_rc(r);
}

enum qc_rc qc_plan_thresholds_set(struct qc_store *s, long long plan_id,
				  const char *const *keys, const double *values,
				  size_t n, const char *actor,
				  struct qc_error *err)
{
	struct qc_progress_thresholds before, after;
	struct qc_stmt *st = NULL;
	char pk[32];
	enum qc_rc rc;
	enum qc_rc r;

	if ((rc = qc_store_begin(s, err)))
		return rc;
	rc = qc_stmt_prepare(s, "SELECT id FROM plans WHERE id = ?", &st, err);
	if (rc)
		goto out;
	qc_stmt_bind_int(st, 1, plan_id);
	r = qc_stmt_next(st, err);
	if (r == QC_DONE)
		rc = qc_error_set(err, QC_ENOTFOUND,
				  "no plan %lld (see `qcity "
				  "plan list`)",
				  plan_id);
	else if (r != QC_ROW)
		rc = r;
	qc_stmt_free(st);
	st = NULL;
	if (rc || (rc = qc_plan_thresholds_get(s, plan_id, &before, NULL, err)))
		goto out;
	after = before;
	for (size_t i = 0; i < n; i++) {
		double *f = qc_progress_threshold_field(&after, keys[i]);
		struct qc_progress_thresholds def;
		if (!f) {
			rc = qc_error_set(err, QC_EINVAL,
					  "threshold '%s': not "
					  "one of high, med, low, trend_high, "
					  "trend_med, trend_low",
					  keys[i]);
			goto out;
		}
		qc_progress_thresholds_default(&def);
		/* NaN asks for the default back. */
		*f = isnan(values[i]) ?
			     *qc_progress_threshold_field(&def, keys[i]) :
			     values[i];
	}
	if (!qc_progress_thresholds_valid(&after, err)) {
		rc = QC_EINVAL;
		goto out;
	}
	for (size_t i = 0; !rc && i < n; i++) {
		qc_stmt_free(st);
		st = NULL;
		if (isnan(values[i])) {
			rc = qc_stmt_prepare(s,
					     "DELETE FROM plan_thresholds"
					     " WHERE plan_id = ? AND key = ?",
					     &st, err);
		} else {
			rc = qc_stmt_prepare(s,
					     "INSERT INTO plan_thresholds"
					     " (plan_id, key, value) VALUES"
					     " (?, ?, ?) ON CONFLICT (plan_id,"
					     " key) DO UPDATE SET value ="
					     " excluded.value",
					     &st, err);
			if (!rc)
				qc_stmt_bind_double(st, 3, values[i]);
		}
		if (rc)
			break;
		qc_stmt_bind_int(st, 1, plan_id);
		qc_stmt_bind_text(st, 2, keys[i]);
		rc = qc_stmt_run(st, err);
	}
	if (rc)
		goto out;
	snprintf(pk, sizeof(pk), "%lld", plan_id);
	rc = qc_audit_add_json(s, actor, "update", "plan_thresholds", pk,
			       thresholds_json(&before),
			       thresholds_json(&after), err);
out:
	qc_stmt_free(st);
	if (rc) {
		qc_store_rollback(s);
		return rc;
	}
	return qc_store_commit(s, err);
}

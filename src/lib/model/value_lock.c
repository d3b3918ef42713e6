/* The review lock as value and progress writes see it: data a unit's
 * submission had accepted stays as it is until the office reopens it
 * (the workflow itself is review's, src/lib/review/review.c). */
#include "qcity/error.h"
#include "qcity/store.h"
#include "qcity/value.h"
#include "banned.h"

enum qc_rc qc_value_check_open(struct qc_store *s, int64_t unit_id,
			       const char *period, struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc rc;
	enum qc_rc r;

	if (!unit_id || !period)
		return QC_OK;
	if ((rc = qc_stmt_prepare(s,
				  "SELECT u.name FROM submissions x JOIN"
				  " units u ON u.id = x.unit_id WHERE"
				  " x.unit_id = ? AND x.period = ? AND x.state ="
				  " 'accepted'",
				  &st, err)))
		return rc;
	qc_stmt_bind_int(st, 1, unit_id);
	qc_stmt_bind_text(st, 2, period);
	r = qc_stmt_next(st, err);
	if (r == QC_ROW)
		rc = qc_error_set(err, QC_ECONFLICT,
				  "%s's data for %s was "
				  "accepted by the office and is locked; ask "
				  "the office to reopen it",
				  qc_stmt_text(st, 0), period);
	else if (qc_step_failed(r))
		rc = r;
	qc_stmt_free(st);
	return rc;
}

enum qc_rc qc_value_check_lock(struct qc_store *s, int64_t indicator_id,
			       const char *region, const char *period,
			       int64_t unit_id, struct qc_error *err)
{
	struct qc_stmt *st;
	int64_t owner = 0;
	enum qc_rc rc;
	enum qc_rc r;

	if ((rc = qc_value_check_open(s, unit_id, period, err)))
		return rc;
	if ((rc = qc_stmt_prepare(s,
				  "SELECT unit_id FROM indicator_values"
				  " WHERE indicator_id = ? AND region_code = ?"
				  " AND period = ?",
				  &st, err)))
		return rc;
	qc_stmt_bind_int(st, 1, indicator_id);
	qc_stmt_bind_text(st, 2, region);
	qc_stmt_bind_text(st, 3, period);
	r = qc_stmt_next(st, err);
	if (r == QC_ROW && !qc_stmt_is_null(st, 0))
		owner = qc_stmt_int(st, 0);
	else if (qc_step_failed(r))
		rc = r;
	qc_stmt_free(st);
	if (rc || owner == unit_id)
		return rc;
	return qc_value_check_open(s, owner, period, err);
}

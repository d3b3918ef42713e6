/* Task progress reports: a unit's status and text for a task and period. */
#include <jansson.h>
#include "qcity/json.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/clock.h"
#include "qcity/model.h"
#include "qcity/names.h"
#include "qcity/review.h"
#include "qcity/store.h"
#include "banned.h"

static bool valid_status(const char *s)
{
	static const char *const ok[] = { "not_started", "in_progress", "done",
					  "blocked" };
	return QC_NAME_INDEX(ok, s) >= 0;
}

/* The task's id and its plan's region; a section is refused. */
static enum qc_rc find_task(struct qc_store *s, int64_t plan_id,
			    const char *key, int64_t *task,
			    char region[QC_REGION_CODE_SIZE],
			    struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc rc;
	enum qc_rc r;

	rc = qc_stmt_prepare(s,
			     "SELECT t.id, p.region_code, t.kind FROM tasks t JOIN"
			     " plans p ON p.id = t.plan_id WHERE t.plan_id = ?"
			     " AND t.key = ?",
			     &st, err);
	if (rc)
		return rc;
	qc_stmt_bind_int(st, 1, plan_id);
	qc_stmt_bind_text(st, 2, key);
	r = qc_stmt_next(st, err);
	if (r == QC_ROW && !strcmp(qc_stmt_text(st, 2), "section")) {
		/* A heading (指导思想, 三、工作任务): nobody is asked to
		 * report on it, and a report would count nowhere. */
		rc = qc_task_section_refused(plan_id, key, err);
	} else if (r == QC_ROW) {
		const char *rc6 = qc_stmt_text(st, 1);
		*task = qc_stmt_int(st, 0);
		snprintf(region, QC_REGION_CODE_SIZE, "%s", rc6 ? rc6 : "");
	} else if (r == QC_DONE) {
		rc = qc_error_set(err, QC_ENOTFOUND,
				  "plan %lld has no task "
				  "'%s' (see `qcity plan show %lld`)",
				  (long long)plan_id, key, (long long)plan_id);
	} else {
		rc = r;
	}
	qc_stmt_free(st);
	return rc;
}

enum qc_rc qc_task_report_add(struct qc_store *s, int64_t plan_id,
			      const char *task_key, const char *unit,
			      const char *period, const char *status,
			      const char *text, const char *actor,
			      struct qc_error *err)
{
	struct qc_stmt *st = NULL;
	char region[QC_REGION_CODE_SIZE], now[32], key[96];
	int64_t task = 0, uid = 0;
	enum qc_rc rc;

	if (!valid_status(status))
		return qc_error_set(err, QC_EINVAL,
				    "status: '%s' is not "
				    "not_started, in_progress, done or blocked",
				    status ? status : "");
	if (!qc_period_valid(period))
		return qc_error_set(err, QC_EINVAL,
				    "period: '%s' is not a "
				    "period (2019, 2019-H1, 2019-03)",
				    period ? period : "");
	if ((rc = qc_store_begin(s, err)))
		return rc;
	if ((rc = find_task(s, plan_id, task_key, &task, region, err)))
		goto out;
	if (!*region) {
		rc = qc_error_set(err, QC_EINVAL,
				  "plan %lld has no region, so "
				  "its units are unknown",
				  (long long)plan_id);
		goto out;
	}
	if ((rc = qc_unit_find(s, region, unit, &uid, err)))
		goto out;
	/* Review workflow (include/qcity/review.h): a unit's accepted
	 * period is locked until the office reopens it. */
	if ((rc = qc_value_check_open(s, uid, period, err)))
		goto out;
	qc_now_iso(now, sizeof(now));
	rc = qc_stmt_prepare(s,
			     "INSERT INTO progress_reports (task_id,"
			     " unit_id, period, status, text, submitted_at)"
			     " VALUES (?, ?, ?, ?, ?, ?)"
			     " ON CONFLICT (task_id, unit_id, period) DO UPDATE"
			     " SET status = excluded.status,"
			     " text = excluded.text,"
			     " submitted_at = excluded.submitted_at",
			     &st, err);
	if (rc)
		goto out;
	qc_stmt_bind_int(st, 1, task);
	qc_stmt_bind_int(st, 2, uid);
	qc_stmt_bind_text(st, 3, period);
	qc_stmt_bind_text(st, 4, status);
	qc_stmt_bind_text(st, 5, text);
	qc_stmt_bind_text(st, 6, now);
	if ((rc = qc_stmt_run(st, err)))
		goto out;
	snprintf(key, sizeof(key), "%lld/%s", (long long)task, period);
	rc = qc_audit_add_json(s, actor, "report", "progress", key, NULL,
			       qc_xjson_pack("{s:s, s:s, s:s, s:s?}", "unit",
					     unit, "period", period, "status",
					     status, "text", text),
			       err);
out:
	qc_stmt_free(st);
	return qc_store_end(s, rc, err);
}

/* The scope of a user's writes and reads (qcity/scope.h). Region subtrees
 * are compared by their GB/T 2260 codes (qc_region_span), so no check
 * walks the region table. */
#include <stdio.h>
#include <string.h>

#include "qcity/model.h"
#include "qcity/indicator.h"
#include "qcity/scope.h"
#include "qcity/store.h"
#include "banned.h"

bool qc_scope_region_covers(const char *root, const char *code)
{
	return qc_region_covers(root, code);
}

/* The region a user's writes are held to; "" when unrestricted. */
static const char *write_root(const struct qc_user *u)
{
	return u->role == QC_USER_ADMIN ? "" : u->region;
}

enum qc_rc qc_scope_can_write_region(const struct qc_user *u,
				     const char *region, struct qc_error *err)
{
	const char *root = write_root(u);

	if (u->role == QC_USER_VIEWER || !u->role)
		return qc_error_set(err, QC_EPERM,
				    "a %s account may not change"
				    " data",
				    u->role ? "viewer" : "signed-out");
	if (u->role != QC_USER_ADMIN && u->role != QC_USER_OFFICE && !*root)
		return qc_error_set(err, QC_EPERM,
				    "account %s has no region: "
				    "ask an administrator to set one",
				    u->name);
	if (!*root)
		return QC_OK;
	if (!region || !*region)
		return qc_error_set(err, QC_EPERM,
				    "this changes every region; "
				    "a %s account writes only within region %s",
				    qc_user_role_name(u->role), root);
	if (u->role == QC_USER_UNIT ? strcmp(region, root) != 0 :
				      !qc_scope_region_covers(root, region))
		return qc_error_set(err, QC_EPERM,
				    "region %s is outside this "
				    "account's scope: a %s account writes only "
				    "%s %s",
				    region, qc_user_role_name(u->role),
				    u->role == QC_USER_UNIT ?
					    "for its own region" :
					    "at or below region",
				    root);
	return QC_OK;
}

/* Whether unit_id leads or co-owns a target whose indicator_id is ind, in
 * a plan whose region covers region. */
static enum qc_rc unit_owns_series(struct qc_store *s, int64_t unit_id,
				   int64_t ind, const char *region, bool *yes,
				   struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc rc;
	enum qc_rc step;

	*yes = false;
	if ((rc = qc_stmt_prepare(s,
				  "SELECT DISTINCT p.region_code FROM"
				  " targets t JOIN target_owners o ON"
				  " o.target_id = t.id JOIN plans p ON p.id ="
				  " t.plan_id WHERE t.indicator_id = ? AND"
				  " o.unit_id = ?",
				  &st, err)))
		return rc;
	qc_stmt_bind_int(st, 1, ind);
	qc_stmt_bind_int(st, 2, unit_id);
	while (!*yes && (step = qc_stmt_next(st, err)) == QC_ROW)
		*yes = qc_scope_region_covers(qc_stmt_text(st, 0), region);
	rc = *yes ? QC_OK : qc_step_rc(step);
	qc_stmt_free(st);
	return rc;
}

enum qc_rc qc_scope_can_write_value(struct qc_store *s, const struct qc_user *u,
				    const char *indicator, const char *region,
				    struct qc_error *err)
{
	char code[QC_REGION_CODE_SIZE];
	int64_t ind;
	enum qc_rc rc;
	bool owns;

	if (u->role == QC_USER_ADMIN ||
	    (u->role == QC_USER_OFFICE && !*u->region))
		return QC_OK;
	if (!region || !*region)
		return qc_scope_can_write_region(u, NULL, err);
	if ((rc = qc_region_resolve(s, region, code, err)))
		return qc_error_prefix(err, "region"), rc;
	if ((rc = qc_scope_can_write_region(u, code, err)) ||
	    u->role != QC_USER_UNIT)
		return rc;
	/* The same series the value would be written to (issue 11). */
	if ((rc = qc_indicator_resolve(s, indicator, code, &ind, err)))
		return qc_error_prefix(err, "indicator"), rc;
	if ((rc = unit_owns_series(s, u->unit_id, ind, code, &owns, err)))
		return rc;
	if (!owns)
		return qc_error_set(err, QC_EPERM,
				    "%s leads or co-owns no "
				    "target of indicator '%s' in a plan covering "
				    "region %s: a unit reports only the "
				    "indicators of its own targets",
				    u->unit_name ? u->unit_name : "this unit",
				    indicator, code);
	return QC_OK;
}

/* The status and region of a plan (region "" when it has none). */
static enum qc_rc plan_region(struct qc_store *s, int64_t plan_id,
			      char status[16], char region[QC_REGION_CODE_SIZE],
			      struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc rc;
	enum qc_rc step;

	if ((rc = qc_stmt_prepare(s,
				  "SELECT status, region_code FROM plans"
				  " WHERE id = ?",
				  &st, err)))
		return rc;
	qc_stmt_bind_int(st, 1, plan_id);
	step = qc_stmt_next(st, err);
	if (step == QC_ROW) {
		const char *r = qc_stmt_text(st, 1);
		snprintf(status, 16, "%s", qc_stmt_text(st, 0));
		snprintf(region, QC_REGION_CODE_SIZE, "%s", r ? r : "");
		rc = QC_OK;
	} else if (step == QC_DONE) {
		rc = qc_error_set(err, QC_ENOTFOUND,
				  "no plan %lld (GET "
				  "/api/plans or `qcity plan list` lists them)",
				  (long long)plan_id);
	} else {
		rc = step;
	}
	qc_stmt_free(st);
	return rc;
}

enum qc_rc qc_scope_can_write_plan(struct qc_store *s, const struct qc_user *u,
				   int64_t plan_id, struct qc_error *err)
{
	char status[16], region[QC_REGION_CODE_SIZE];
	enum qc_rc rc;

	if ((rc = plan_region(s, plan_id, status, region, err)))
		return rc;
	if ((rc = qc_scope_can_write_region(u, region, err)))
		return qc_error_prefix(err, "plan %lld", (long long)plan_id),
		       rc;
	return QC_OK;
}

/* The region_code of the row `sql` selects by id into region;
 * QC_DONE when there is no such row. */
static enum qc_rc region_by_id(struct qc_store *s, const char *sql, int64_t id,
			       char region[QC_REGION_CODE_SIZE],
			       struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc rc;

	if ((rc = qc_stmt_prepare(s, sql, &st, err)))
		return rc;
	qc_stmt_bind_int(st, 1, id);
	rc = qc_stmt_next(st, err);
	if (rc == QC_ROW)
		snprintf(region, QC_REGION_CODE_SIZE, "%s",
			 qc_stmt_text(st, 0));
	qc_stmt_free(st);
	return rc == QC_ROW ? QC_OK : rc;
}

enum qc_rc qc_scope_can_write_sample(struct qc_store *s,
				     const struct qc_user *u, int64_t id,
				     struct qc_error *err)
{
	char region[QC_REGION_CODE_SIZE] = "";
	enum qc_rc rc = region_by_id(
		s, "SELECT region_code FROM sampling_results WHERE id = ?", id,
		region, err);

	if (rc == QC_DONE)
		return qc_error_set(err, QC_ENOTFOUND,
				    "no sampling result "
				    "%lld",
				    (long long)id);
	if (rc)
		return rc;
	return qc_scope_can_write_region(u, region, err);
}

enum qc_rc qc_scope_can_write_unit(struct qc_store *s, const struct qc_user *u,
				   int64_t unit_id, struct qc_error *err)
{
	char region[QC_REGION_CODE_SIZE] = "";
	enum qc_rc rc;

	if (u->role == QC_USER_UNIT && unit_id != u->unit_id)
		return qc_error_set(err, QC_EPERM,
				    "a unit reporter writes only "
				    "its own unit's data (%s)",
				    u->unit_name ? u->unit_name : "its unit");
	rc = region_by_id(s, "SELECT region_code FROM units WHERE id = ?",
			  unit_id, region, err);
	if (rc == QC_DONE)
		return qc_error_set(err, QC_ENOTFOUND,
				    "no unit %lld (GET "
				    "/api/units lists them)",
				    (long long)unit_id);
	if (rc)
		return rc;
	return qc_scope_can_write_region(u, region, err);
}

enum qc_rc qc_scope_can_write_progress(struct qc_store *s,
				       const struct qc_user *u, int64_t plan_id,
				       const char *task_key,
				       struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc rc;
	bool owner, section;
	enum qc_rc step;

	if ((rc = qc_scope_can_write_plan(s, u, plan_id, err)) ||
	    u->role != QC_USER_UNIT)
		return rc;
	if ((rc = qc_stmt_prepare(s,
				  "SELECT MAX(o.unit_id), MAX(t.kind) FROM"
				  " tasks t LEFT JOIN task_owners o ON"
				  " o.task_id = t.id AND o.unit_id = ? WHERE"
				  " t.plan_id = ? AND t.key = ? GROUP BY t.id",
				  &st, err)))
		return rc;
	qc_stmt_bind_int(st, 1, u->unit_id);
	qc_stmt_bind_int(st, 2, plan_id);
	qc_stmt_bind_text(st, 3, task_key);
	step = qc_stmt_next(st, err);
	owner = step == QC_ROW && !qc_stmt_is_null(st, 0);
	/* A heading is refused as a heading, whoever asks: "not your
	 * task" would send the unit looking for an owner. */
	section = step == QC_ROW && !strcmp(qc_stmt_text(st, 1), "section");
	qc_stmt_free(st);
	if (section)
		return qc_task_section_refused(plan_id, task_key, err);
	if (step == QC_DONE)
		return qc_error_set(err, QC_ENOTFOUND,
				    "plan %lld has no task "
				    "'%s'",
				    (long long)plan_id, task_key);
	if (step != QC_ROW)
		return step;
	if (owner)
		return QC_OK;
	return qc_error_set(err, QC_EPERM,
			    "task %s of plan %lld is not one "
			    "of %s's tasks: a unit reports progress only on "
			    "the tasks it leads or co-owns",
			    task_key, (long long)plan_id,
			    u->unit_name ? u->unit_name : "this unit");
}

bool qc_scope_can_read_region(const struct qc_user *u, const char *region)
{
	if (u->role != QC_USER_REGION && u->role != QC_USER_UNIT)
		return true;
	return region && *region && qc_scope_region_covers(u->region, region);
}

const char *qc_scope_read_root(const struct qc_user *u)
{
	return qc_scope_can_read_region(u, NULL) ? NULL : u->region;
}

bool qc_scope_plan_visible(const struct qc_user *u, const char *status,
			   const char *region)
{
	bool staff = u->role & (QC_USER_ADMIN | QC_USER_OFFICE);
	if (!strcmp(status, "draft") && !staff)
		return false;
	if (strcmp(status, "active") && !staff && u->role != QC_USER_UNIT)
		return false; /* region users and viewers: published only */
	return qc_scope_can_read_region(u, region);
}

enum qc_rc qc_scope_can_read_plan(struct qc_store *s, const struct qc_user *u,
				  int64_t plan_id, struct qc_error *err)
{
	char status[16], region[QC_REGION_CODE_SIZE];
	enum qc_rc rc;

	if ((rc = plan_region(s, plan_id, status, region, err)))
		return rc;
	if (!qc_scope_plan_visible(u, status, region))
		return qc_error_set(err, QC_ENOTFOUND,
				    "no plan %lld that this "
				    "account may see (GET /api/plans lists "
				    "them)",
				    (long long)plan_id);
	return QC_OK;
}

/* The per-row check of qc_value_import_as: arg is the importing user. */
static enum qc_rc import_row_in_scope(struct qc_store *s, struct qc_value_in *v,
				      int line, void *arg, struct qc_error *err)
{
	const struct qc_user *who = arg;
	enum qc_rc rc;

	if (who->role == QC_USER_UNIT && v->reporter &&
	    strcmp(v->reporter, who->unit_name))
		return qc_error_set(err, QC_EPERM,
				    "line %d, column "
				    "'reporter': %s reports only for "
				    "itself, not for '%s'",
				    line, who->unit_name, v->reporter);
	if (who->role == QC_USER_UNIT)
		v->reporter = who->unit_name;
	if ((rc = qc_scope_can_write_value(s, who, v->indicator, v->region,
					   err)))
		qc_error_prefix(err, "line %d", line);
	return rc;
}

enum qc_rc qc_value_import_as(struct qc_store *s, const char *data, size_t len,
			      const struct qc_user *who, const char *actor,
			      size_t *count, struct qc_error *err)
{
	return qc_value_import_checked(s, data, len,
				       who ? import_row_in_scope : NULL,
				       (void *)who, actor, count, err);
}

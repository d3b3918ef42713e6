/* The demo's web accounts, one per role, for `qcity demo`: auth makes
 * them (qc_user_add_demo), this file only chooses them. */
#include <stdio.h>

#include "qcity/auth.h"
#include "qcity/demo.h"
#include "qcity/store.h"
#include "qcity/strbuf.h"
#include "banned.h"

/* The first lead unit of the first plan that has a region: the demo's
 * unit reporter. */
static enum qc_rc demo_unit(struct qc_store *s, int64_t *unit, char *region,
			    struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc rc;
	enum qc_rc r;

	if ((rc = qc_stmt_prepare(s,
				  "SELECT o.unit_id, p.region_code FROM"
				  " target_owners o JOIN targets t ON t.id ="
				  " o.target_id JOIN plans p ON p.id = t.plan_id"
				  " WHERE o.role = 'lead' AND o.unit_id IS NOT"
				  " NULL AND p.region_code IS NOT NULL AND"
				  " t.value IS NOT NULL ORDER BY p.id, t.seq,"
				  " o.seq LIMIT 1",
				  &st, err)))
		return rc;
	r = qc_stmt_next(st, err);
	if (r == QC_ROW) {
		*unit = qc_stmt_int(st, 0);
		snprintf(region, QC_REGION_CODE_SIZE, "%s",
			 qc_stmt_text(st, 1));
	} else if (r == QC_DONE) {
		rc = qc_error_set(err, QC_ENOTFOUND,
				  "no plan with a region "
				  "and a lead unit: load the demo plans first");
	} else {
		rc = r;
	}
	qc_stmt_free(st);
	return rc;
}

enum qc_rc qc_demo_users(struct qc_store *s, const char *actor,
			 struct qc_buf *summary, struct qc_error *err)
{
	char region[QC_REGION_CODE_SIZE] = "", unit[24];
	int64_t unit_id = 0;
	enum qc_rc rc;

	if ((rc = demo_unit(s, &unit_id, region, err)))
		return rc;
	snprintf(unit, sizeof(unit), "%lld", (long long)unit_id);
	const struct {
		const char *name;
		enum qc_user_role role;
		const char *unit, *region, *what;
	} demo[] = {
		{ "admin", QC_USER_ADMIN, NULL, NULL, "管理员" },
		{ "office", QC_USER_OFFICE, NULL, NULL, "领导小组办公室" },
		{ "unit", QC_USER_UNIT, unit, NULL, "成员单位填报员" },
		{ "region", QC_USER_REGION, NULL, region, "下级政府" },
		{ "viewer", QC_USER_VIEWER, NULL, NULL, "查看" },
	};
	for (size_t i = 0; i < sizeof(demo) / sizeof(demo[0]); i++) {
		if ((rc = qc_user_add_demo(s, demo[i].name, demo[i].role,
					   demo[i].unit, demo[i].region, actor,
					   err)))
			return rc;
		if (summary)
			qc_buf_addf(summary, "  %-7s %s  (%s)\n", demo[i].name,
				    QC_DEMO_PASSWORD, demo[i].what);
	}
	return QC_OK;
}

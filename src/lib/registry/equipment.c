/* The special-equipment register's records (docs/equipment.md): the
 * classes of the 《特种设备目录》, inspections, accidents and the list of
 * units, overdue first. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/audit.h"
#include "qcity/clock.h"
#include "qcity/i18n.h"
#include "qcity/json.h"
#include "qcity/region.h"
#include "equipment_int.h"
#include "periodic.h"
#include "reg_import.h"
#include "banned.h"

static const struct {
	const char *code, *name, *alias;
} categories[] = {
	{ "boiler", "锅炉", NULL },
	{ "pressure_vessel", "压力容器", NULL },
	{ "gas_cylinder", "气瓶", NULL },
	{ "pressure_piping", "压力管道", NULL },
	{ "elevator", "电梯", "自动扶梯" },
	{ "crane", "起重机械", "起重机" },
	{ "ropeway", "客运索道", "索道" },
	{ "amusement_ride", "大型游乐设施", "游乐设施" },
	{ "vehicle", "场(厂)内专用机动车辆", "场（厂）内专用机动车辆" },
};
#define N_CATEGORIES (sizeof(categories) / sizeof(categories[0]))

const char *qc_equipment_category(const char *name)
{
	for (size_t i = 0; name && i < N_CATEGORIES; i++)
		if (!strcmp(name, categories[i].code) ||
		    !strcmp(name, categories[i].name) ||
		    (categories[i].alias && !strcmp(name, categories[i].alias)))
			return categories[i].code;
	/* 场内专用机动车辆, 厂内机动车辆 and such. */
	if (name && strstr(name, "机动车辆"))
		return "vehicle";
	return NULL;
}

const char *qc_equipment_category_name(const char *code)
{
	for (size_t i = 0; code && i < N_CATEGORIES; i++)
		if (!strcmp(code, categories[i].code))
			return categories[i].name;
	return code;
}

const char *qc_equipment_status_name(const char *code)
{
	return qc_reg_status_name(code);
}

const char *qc_equipment_result(const char *name)
{
	if (!name)
		return NULL;
	if (!strcmp(name, "合格") || !strcmp(name, "pass"))
		return "pass";
	if (!strcmp(name, "不合格") || !strcmp(name, "fail"))
		return "fail";
	if (!strcmp(name, "复检合格") || !strcmp(name, "pass_on_recheck"))
		return "pass_on_recheck";
	return NULL;
}

enum qc_rc qc_eqp_county(struct qc_store *s, const char *name,
			 char code[QC_REGION_CODE_SIZE], struct qc_error *err)
{
	char *other;
	enum qc_rc rc;

	if (!name || !*name)
		return qc_error_set(err, QC_EINVAL,
				    "region: give the county where the unit "
				    "is registered for use");
	if ((rc = qc_region_county(s, name, code, &other, err)) || !other)
		return rc;
	rc = qc_error_set(err, QC_EINVAL,
			  "region: %s is not a county; special "
			  "equipment is registered by county "
			  "regulators",
			  other);
	free(other);
	return rc;
}

enum qc_rc qc_eqp_unit_json(struct qc_store *s, const char *code, json_t **out,
			    int64_t *id, struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc rc;

	*out = NULL;
	*id = 0;
	if ((rc = qc_stmt_prepare(s,
				  "SELECT id, code, category, region_code,"
				  " user_name, user_uscc, registered_on,"
				  " next_due, status, status_on, last_result"
				  " FROM equipment WHERE code = ?",
				  &st, err)))
		return rc;
	qc_stmt_bind_text(st, 1, code);
	if ((rc = qc_stmt_next(st, err)) == QC_ROW) {
		*id = qc_stmt_int(st, 0);
		*out = qc_xjson_pack("{s:s, s:s, s:s, s:s, s:s?, s:s?, s:s?, s:s, s:s?,"
				     " s:s?}",
				     "code", qc_stmt_text(st, 1), "category",
				     qc_stmt_text(st, 2), "region",
				     qc_stmt_text(st, 3), "user_name",
				     qc_stmt_text(st, 4), "user_uscc",
				     qc_stmt_text(st, 5), "registered_on",
				     qc_stmt_text(st, 6), "next_due",
				     qc_stmt_text(st, 7), "status",
				     qc_stmt_text(st, 8), "status_on",
				     qc_stmt_text(st, 9), "last_result",
				     qc_stmt_text(st, 10));
	}
	qc_stmt_free(st);
	return qc_step_rc(rc);
}

/* The unit's state an inspection needs. */
struct unit_now {
	int64_t id;
	char region[QC_REGION_CODE_SIZE], due[11], last[11], status[12];
	char prov[QC_REGION_CODE_SIZE];
};

static enum qc_rc unit_now(struct qc_store *s, const char *code,
			   struct unit_now *u, struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc rc;

	memset(u, 0, sizeof(*u));
	if ((rc = qc_stmt_prepare(s,
				  "SELECT e.id, e.region_code, e.next_due,"
				  " e.status, (SELECT MAX(inspected_on) FROM"
				  " equipment_inspections i WHERE"
				  " i.province_code = e.province_code AND"
				  " i.equipment_id = e.id), e.province_code"
				  " FROM equipment e WHERE e.code = ?",
				  &st, err)))
		return rc;
	qc_stmt_bind_text(st, 1, code);
	if ((rc = qc_stmt_next(st, err)) == QC_ROW) {
		u->id = qc_stmt_int(st, 0);
		snprintf(u->region, sizeof(u->region), "%s",
			 qc_stmt_text(st, 1));
		snprintf(u->due, sizeof(u->due), "%s",
			 qc_stmt_text(st, 2) ? qc_stmt_text(st, 2) : "");
		snprintf(u->status, sizeof(u->status), "%s",
			 qc_stmt_text(st, 3));
		snprintf(u->last, sizeof(u->last), "%s",
			 qc_stmt_text(st, 4) ? qc_stmt_text(st, 4) : "");
		snprintf(u->prov, sizeof(u->prov), "%s", qc_stmt_text(st, 5));
	}
	qc_stmt_free(st);
	if (rc == QC_DONE)
		return qc_error_set(err, QC_ENOTFOUND,
				    "equipment %s: not registered (import the "
				    "register first)",
				    code);
	return qc_step_rc(rc);
}

static enum qc_rc past_date(const char *v, char out[11], struct qc_error *err)
{
	long d;
	if (!qc_reg_date(v, out))
		return qc_error_set(err, QC_EINVAL,
				    "date: \"%s\" is not a date (YYYY-MM-DD)",
				    v ? v : "");
	qc_date_days(out, &d);
	if (d > qc_today_days())
		return qc_error_set(err, QC_EINVAL, "date: %s is in the future",
				    out);
	return QC_OK;
}

static enum qc_rc check_inspection(const char *result, const char *on,
				   const char *next, char nx[11],
				   struct qc_error *err)
{
	nx[0] = 0;
	if (!strcmp(result, "fail")) {
		if (next)
			return qc_error_set(err, QC_EINVAL,
					    "--next: a unit that failed has "
					    "no next due date until it passes "
					    "a re-inspection");
		return QC_OK;
	}
	if (!next)
		return qc_error_set(err, QC_EINVAL,
				    "--next: give the next inspection date "
				    "the report states");
	if (!qc_reg_date(next, nx))
		return qc_error_set(err, QC_EINVAL,
				    "--next: \"%s\" is not a date "
				    "(YYYY-MM-DD)",
				    next);
	if (strcmp(nx, on) <= 0)
		return qc_error_set(err, QC_EINVAL,
				    "--next: %s is not after the inspection "
				    "(%s)",
				    nx, on);
	return QC_OK;
}

enum qc_rc qc_equipment_inspect(struct qc_store *s, const char *code,
				const char *date, const char *result,
				const char *next, const char *actor,
				struct qc_error *err)
{
	const char *res = qc_equipment_result(result);
	struct unit_now u;
	struct qc_stmt *st = NULL;
	json_t *before = NULL, *after = NULL;
	char on[11], nx[11], now[32];
	int64_t id;
	enum qc_rc rc;

	if (!res)
		return qc_error_set(err, QC_EINVAL,
				    "result: \"%s\" is not 合格, 不合格 or "
				    "复检合格",
				    result ? result : "");
	if ((rc = past_date(date, on, err)) ||
	    (rc = check_inspection(res, on, next, nx, err)) ||
	    (rc = qc_store_refuse_national_write(s, err)) ||
	    (rc = qc_store_begin(s, err)))
		return rc;
	if ((rc = unit_now(s, code, &u, err)))
		goto out;
	if (!strcmp(u.status, "scrapped")) {
		rc = qc_error_set(err, QC_ECONFLICT,
				  "equipment %s: scrapped; a scrapped unit "
				  "is not inspected",
				  code);
		goto out;
	}
	if (u.last[0] && strcmp(on, u.last) < 0) {
		rc = qc_error_set(err, QC_EINVAL,
				  "date: %s is before the last inspection "
				  "of %s (%s)",
				  on, code, u.last);
		goto out;
	}
	if ((rc = qc_eqp_unit_json(s, code, &before, &id, err)))
		goto out;
	qc_now_iso(now, sizeof(now));
	if ((rc = qc_stmt_prepare(s,
				  "INSERT INTO equipment_inspections"
				  " (equipment_id, inspected_on, due_on, result,"
				  " next_due, actor, recorded_at, province_code)"
				  " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
				  &st, err)))
		goto out;
	qc_stmt_bind_int(st, 1, u.id);
	qc_stmt_bind_text(st, 2, on);
	qc_stmt_bind_text(st, 3, u.due[0] ? u.due : NULL);
	qc_stmt_bind_text(st, 4, res);
	qc_stmt_bind_text(st, 5, nx[0] ? nx : NULL);
	qc_stmt_bind_text(st, 6, actor);
	qc_stmt_bind_text(st, 7, now);
	qc_stmt_bind_text(st, 8, u.prov);
	rc = qc_stmt_run(st, err);
	qc_stmt_free(st);
	if (rc || (rc = qc_stmt_prepare(s,
					"UPDATE equipment SET next_due = ?,"
					" last_result = ?, updated_at = ?"
					" WHERE id = ?",
					&st, err)))
		goto out;
	qc_stmt_bind_text(st, 1, nx[0] ? nx : NULL);
	qc_stmt_bind_text(st, 2, res);
	qc_stmt_bind_text(st, 3, now);
	qc_stmt_bind_int(st, 4, u.id);
	rc = qc_stmt_run(st, err);
	qc_stmt_free(st);
	if (rc || (rc = qc_eqp_unit_json(s, code, &after, &id, err)))
		goto out;
	json_object_set_new(after, "inspected_on", json_string(on));
	rc = qc_audit_add_json(s, actor, "inspect", "equipment", code, before,
			       after, err);
	before = after = NULL;
	if (!rc)
		rc = qc_eqp_refresh(s, u.region, actor, err);
out:
	json_decref(before);
	json_decref(after);
	return qc_store_end(s, rc, err);
}

/* The accident's county and category from the unit, when named. */
static enum qc_rc accident_place(struct qc_store *s,
				 const struct qc_equipment_accident *a,
				 char county[QC_REGION_CODE_SIZE],
				 const char **cat, int64_t *unit,
				 struct qc_error *err)
{
	struct qc_stmt *st;
	char region[QC_REGION_CODE_SIZE], lo[QC_REGION_CODE_SIZE],
		hi[QC_REGION_CODE_SIZE + 1];
	enum qc_rc rc;

	*unit = 0;
	if (!a->code)
		return qc_eqp_county(s, a->region, county, err);
	if ((rc = qc_stmt_prepare(s,
				  "SELECT id, region_code, category FROM"
				  " equipment WHERE code = ?",
				  &st, err)))
		return rc;
	qc_stmt_bind_text(st, 1, a->code);
	if ((rc = qc_stmt_next(st, err)) == QC_ROW) {
		*unit = qc_stmt_int(st, 0);
		snprintf(county, QC_REGION_CODE_SIZE, "%s",
			 qc_stmt_text(st, 1));
		if (!*cat)
			*cat = qc_equipment_category(qc_stmt_text(st, 2));
	}
	qc_stmt_free(st);
	if (rc == QC_DONE)
		return qc_error_set(err, QC_ENOTFOUND,
				    "equipment %s: not registered", a->code);
	if ((rc = qc_step_rc(rc)) || !a->region)
		return rc;
	if ((rc = qc_region_resolve(s, a->region, region, err)))
		return qc_error_prefix(err, "region"), rc;
	qc_region_span(region, lo, hi);
	if (strcmp(county, lo) < 0 || strcmp(county, hi) >= 0)
		return qc_error_set(err, QC_EINVAL,
				    "region: equipment %s is registered in "
				    "%s, not in %s",
				    a->code, county, a->region);
	return QC_OK;
}

enum qc_rc qc_equipment_accident(struct qc_store *s,
				 const struct qc_equipment_accident *a,
				 const char *actor, int64_t *id,
				 struct qc_error *err)
{
	const char *cat = NULL;
	struct qc_stmt *st;
	char on[11], county[QC_REGION_CODE_SIZE], prov[QC_REGION_CODE_SIZE],
		now[32], key[24];
	int64_t unit;
	enum qc_rc rc;

	if (a->category && !(cat = qc_equipment_category(a->category)))
		return qc_error_set(err, QC_EINVAL,
				    "category: \"%s\" is not a class of the "
				    "特种设备目录",
				    a->category);
	if (a->deaths < 0 || a->injuries < 0)
		return qc_error_set(err, QC_EINVAL,
				    "deaths and injuries are counts of people, "
				    "0 or more");
	if ((rc = past_date(a->date, on, err)) ||
	    (rc = qc_store_refuse_national_write(s, err)) ||
	    (rc = qc_store_begin(s, err)))
		return rc;
	if ((rc = accident_place(s, a, county, &cat, &unit, err)))
		goto out;
	qc_region_province(county, prov);
	qc_now_iso(now, sizeof(now));
	if ((rc = qc_stmt_prepare(s,
				  "INSERT INTO equipment_accidents"
				  " (province_code, region_code, happened_on,"
				  " equipment_id, category, deaths, injuries,"
				  " actor, recorded_at) VALUES"
				  " (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
				  &st, err)))
		goto out;
	qc_stmt_bind_text(st, 1, prov);
	qc_stmt_bind_text(st, 2, county);
	qc_stmt_bind_text(st, 3, on);
	if (unit)
		qc_stmt_bind_int(st, 4, unit);
	else
		qc_stmt_bind_null(st, 4);
	qc_stmt_bind_text(st, 5, cat);
	qc_stmt_bind_int(st, 6, a->deaths);
	qc_stmt_bind_int(st, 7, a->injuries);
	qc_stmt_bind_text(st, 8, actor);
	qc_stmt_bind_text(st, 9, now);
	rc = qc_stmt_run_id(st, id, err);
	qc_stmt_free(st);
	if (rc)
		goto out;
	snprintf(key, sizeof(key), "%lld", (long long)*id);
	rc = qc_audit_add_json(s, actor, "insert", "equipment_accident", key,
			       NULL,
			       qc_xjson_pack("{s:s, s:s, s:s?, s:s?, s:i, s:i}",
					     "date", on, "region", county,
					     "code", a->code, "category", cat,
					     "deaths", a->deaths, "injuries",
					     a->injuries),
			       err);
	if (!rc)
		rc = qc_eqp_refresh(s, county, actor, err);
out:
	return qc_store_end(s, rc, err);
}

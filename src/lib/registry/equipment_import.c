/* Import of a special-equipment register as the regulators' systems
 * export it (CSV or .xlsx, headings through synonyms): all rows or none;
 * a code registered already is updated, never duplicated, so the same
 * export can be imported again (docs/equipment.md "Import"). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/audit.h"
#include "qcity/clock.h"
#include "qcity/i18n.h"
#include "qcity/json.h"
#include "qcity/region.h"
#include "qcity/table.h"
#include "qcity/uscc.h"
#include "equipment_int.h"
#include "banned.h"

enum field {
	F_CODE,
	F_CATEGORY,
	F_USER,
	F_USCC,
	F_REGION,
	F_REGISTERED,
	F_NEXT,
	F_STATUS,
	F_STATUS_ON,
	F__COUNT
};

/* Headings by field: the first one is named in messages. */
static const char *const headings[F__COUNT][7] = {
	[F_CODE] = { "注册代码", "设备注册代码", "设备代码", "设备编号", NULL },
	[F_CATEGORY] = { "设备类别", "设备种类", "类别", "种类", NULL },
	[F_USER] = { "使用单位", "使用单位名称", "单位名称", NULL },
	[F_USCC] = { "统一社会信用代码", "使用单位统一社会信用代码", "信用代码",
		     NULL },
	[F_REGION] = { "所在区县", "区县", "所属区县", "行政区划", NULL },
	[F_REGISTERED] = { "使用登记日期", "登记日期", "注册登记日期", NULL },
	[F_NEXT] = { "下次检验日期", "下次定期检验日期", "下检日期", NULL },
	[F_STATUS] = { "设备状态", "状态", "使用状态", NULL },
	[F_STATUS_ON] = { "状态日期", "停用日期", "报废日期", "注销日期",
			  NULL },
};

static void find_columns(const struct qc_table_row *h, int col[F__COUNT])
{
	for (int f = 0; f < F__COUNT; f++) {
		col[f] = -1;
		for (int k = 0; col[f] < 0 && headings[f][k]; k++)
			for (size_t c = 0; c < h->n; c++)
				if (!strcmp(h->cells[c], headings[f][k])) {
					col[f] = (int)c;
					break;
				}
	}
}

static const char *cell(const struct qc_table_row *r, const int col[],
			enum field f)
{
	if (col[f] < 0 || (size_t)col[f] >= r->n || !*r->cells[col[f]])
		return NULL;
	return r->cells[col[f]];
}

static const char *status_of(const char *v)
{
	if (!v || strstr(v, "在用") || strstr(v, "使用") || !strcmp(v, "正常"))
		return "in_use";
	if (strstr(v, "停用"))
		return "stopped";
	if (strstr(v, "报废") || strstr(v, "注销"))
		return "scrapped";
	return NULL;
}

/* A unit as a row gives it, checked. */
struct unit {
	const char *code, *category, *user, *status;
	char uscc[QC_USCC_LEN + 1], county[QC_REGION_CODE_SIZE];
	char registered[11], next[11], status_on[11];
};

static enum qc_rc bad(struct qc_error *err, int line, enum field f,
		      const char *v, const char *why)
{
	return qc_error_set(err, QC_EINVAL, "line %d, %s: \"%s\" %s", line,
			    headings[f][0], v ? v : "", why);
}

static enum qc_rc optional_date(const struct qc_table_row *r, const int col[],
				enum field f, char out[11],
				struct qc_error *err)
{
	const char *v = cell(r, col, f);
	out[0] = 0;
	if (v && !qc_eqp_date(v, out))
		return bad(err, r->line, f, v, _("is not a date"));
	return QC_OK;
}

static enum qc_rc read_unit(struct qc_store *s, const struct qc_table_row *r,
			    const int col[], const char *county, struct unit *u,
			    struct qc_error *err)
{
	const char *cat = cell(r, col, F_CATEGORY),
		   *uscc = cell(r, col, F_USCC), *st = cell(r, col, F_STATUS),
		   *region = cell(r, col, F_REGION);
	enum qc_rc rc;

	memset(u, 0, sizeof(*u));
	if (!(u->code = cell(r, col, F_CODE)))
		return bad(err, r->line, F_CODE, NULL, _("is empty"));
	if (!(u->category = qc_equipment_category(cat)))
		return bad(err, r->line, F_CATEGORY, cat,
			   _("is not a class of the 特种设备目录 (锅炉, 压力容器, "
			     "气瓶, 压力管道, 电梯, 起重机械, 客运索道, "
			     "大型游乐设施, 场(厂)内专用机动车辆)"));
	if (!(u->user = cell(r, col, F_USER)))
		return bad(err, r->line, F_USER, NULL, _("is empty"));
	if (uscc &&
	    (!qc_uscc_normalize(uscc, u->uscc) || qc_uscc_check(u->uscc, err)))
		return bad(err, r->line, F_USCC, uscc,
			   _("is not a unified social credit code"));
	if (!(u->status = status_of(st)))
		return bad(err, r->line, F_STATUS, st,
			   _("is not 在用, 停用 or 报废"));
	if ((rc = optional_date(r, col, F_REGISTERED, u->registered, err)) ||
	    (rc = optional_date(r, col, F_NEXT, u->next, err)) ||
	    (rc = optional_date(r, col, F_STATUS_ON, u->status_on, err)))
		return rc;
	if (strcmp(u->status, "in_use") && !u->status_on[0])
		return bad(err, r->line, F_STATUS_ON, NULL,
			   _("is empty: give the day the unit was stopped "
			     "or scrapped"));
	if (!strcmp(u->status, "in_use"))
		u->status_on[0] = 0;
	if ((rc = qc_eqp_county(s, region ? region : county, u->county, err)))
		qc_error_prefix(err, "line %d", r->line);
	return rc;
}

static const char *opt(const char *v)
{
	return v && *v ? v : NULL;
}

/* The next due date to store for a unit already registered: once
 * inspections are recorded here, theirs stands unless the file gives a
 * later one (an older export imported again moves nothing back; a
 * failed unit waits for its re-inspection to be recorded). */
static enum qc_rc next_due(struct qc_store *s, int64_t id, json_t *before,
			   struct unit *u, struct qc_error *err)
{
	const char *now = json_string_value(
		json_object_get(before, "next_due"));
	char key[24];
	int64_t n = 0;
	bool found;
	enum qc_rc rc;

	snprintf(key, sizeof(key), "%lld", (long long)id);
	if ((rc = qc_store_get_int(s,
				   "SELECT COUNT(*) FROM equipment_inspections"
				   " WHERE equipment_id = CAST(? AS BIGINT)",
				   QC_TEXTS(key), &n, &found, err)) ||
	    !n)
		return rc;
	if (!now)
		u->next[0] = 0;
	else if (!u->next[0] || strcmp(u->next, now) < 0)
		snprintf(u->next, sizeof(u->next), "%s", now);
	return QC_OK;
}

/* Insert or update the unit, audited when it changed; counted. */
static enum qc_rc write_unit(struct qc_store *s, struct unit *u,
			     const char *actor, struct qc_equipment_import *out,
			     struct qc_error *err)
{
	struct qc_stmt *st;
	json_t *before, *after = NULL;
	char now[32], prov[QC_REGION_CODE_SIZE];
	int64_t id;
	enum qc_rc rc;

	if ((rc = qc_eqp_unit_json(s, u->code, &before, &id, err)))
		return rc;
	if (id && (rc = next_due(s, id, before, u, err)))
		goto out;
	qc_now_iso(now, sizeof(now));
	qc_region_province(u->county, prov);
	rc = qc_stmt_prepare(
		s,
		id ? "UPDATE equipment SET province_code = ?, category = ?,"
		     " region_code = ?, user_name = ?, user_uscc = ?,"
		     " registered_on = ?, next_due = ?, status = ?, status_on"
		     " = ?, updated_at = ? WHERE code = ?" :
		     "INSERT INTO equipment (province_code, category,"
		     " region_code, user_name, user_uscc, registered_on,"
		     " next_due, status, status_on, updated_at, code,"
		     " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
		&st, err);
	if (rc)
		goto out;
	qc_stmt_bind_text(st, 1, prov);
	qc_stmt_bind_text(st, 2, u->category);
	qc_stmt_bind_text(st, 3, u->county);
	qc_stmt_bind_text(st, 4, u->user);
	qc_stmt_bind_text(st, 5, opt(u->uscc));
	qc_stmt_bind_text(st, 6, opt(u->registered));
	qc_stmt_bind_text(st, 7, opt(u->next));
	qc_stmt_bind_text(st, 8, u->status);
	qc_stmt_bind_text(st, 9, opt(u->status_on));
	qc_stmt_bind_text(st, 10, now);
	qc_stmt_bind_text(st, 11, u->code);
	if (!id)
		qc_stmt_bind_text(st, 12, now);
	rc = qc_stmt_run(st, err);
	qc_stmt_free(st);
	if (rc || (rc = qc_eqp_unit_json(s, u->code, &after, &id, err)))
		goto out;
	if (before && json_equal(before, after)) {
		out->unchanged++;
		goto out;
	}
	if (before)
		out->updated++;
	else
		out->added++;
	rc = qc_audit_add_json(s, actor, before ? "update" : "insert",
			       "equipment", u->code, before, after, err);
	before = after = NULL;
out:
	json_decref(before);
	json_decref(after);
	return rc;
}

/* Remember a county whose bound figures are rewritten at the end. */
static void touch(char (**v)[QC_REGION_CODE_SIZE], size_t *n, size_t *alloc,
		  const char *county)
{
	for (size_t i = 0; i < *n; i++)
		if (!strcmp((*v)[i], county))
			return;
	QC_GROW(*v, *n + 1, *alloc);
	snprintf((*v)[(*n)++], QC_REGION_CODE_SIZE, "%s", county);
}

static enum qc_rc rows(struct qc_store *s, struct qc_table *t, const int col[],
		       const char *county, const char *actor,
		       struct qc_equipment_import *out, struct qc_error *err)
{
	char(*touched)[QC_REGION_CODE_SIZE] = NULL;
	size_t n = 0, alloc = 0;
	struct qc_table_row *row;
	struct unit u;
	enum qc_rc rc = QC_OK;
	int r;

	while (!rc && (r = qc_table_next(t, &row, err)) == 1) {
		bool blank = true;
		for (size_t c = 0; c < row->n; c++)
			blank &= !*row->cells[c];
		if (blank)
			continue;
		if (!(rc = read_unit(s, row, col, county, &u, err)) &&
		    !(rc = write_unit(s, &u, actor, out, err)))
			touch(&touched, &n, &alloc, u.county);
	}
	if (!rc && r < 0)
		rc = QC_EINVAL;
	if (!rc && !(out->added + out->updated + out->unchanged))
		rc = qc_error_set(err, QC_EINVAL, "no data rows");
	for (size_t i = 0; !rc && i < n; i++)
		rc = qc_eqp_refresh(s, touched[i], actor, err);
	free(touched);
	return rc;
}

enum qc_rc qc_equipment_import(struct qc_store *s, const char *path,
			       const char *county, const char *actor,
			       struct qc_equipment_import *out,
			       struct qc_error *err)
{
	struct qc_table *t;
	struct qc_table_row *row;
	int col[F__COUNT], r;
	enum qc_rc rc;

	memset(out, 0, sizeof(*out));
	if ((rc = qc_store_refuse_national_write(s, err)) ||
	    (rc = qc_table_open_file(path, &t, err)))
		return rc;
	if ((r = qc_table_next(t, &row, err)) != 1) {
		qc_table_close(t);
		return r < 0 ? QC_EINVAL :
			       qc_error_set(err, QC_EINVAL,
					    "%s: the file is empty", path);
	}
	find_columns(row, col);
	for (int f = 0; f < F__COUNT; f++)
		if (col[f] < 0 && (f == F_CODE || f == F_CATEGORY ||
				   f == F_USER || (f == F_REGION && !county))) {
			qc_table_close(t);
			return qc_error_set(err, QC_EINVAL,
					    "no column \"%s\" (or one of its "
					    "other names)%s",
					    headings[f][0],
					    f == F_REGION ?
						    _("; or give the county "
						      "with --region") :
						    "");
		}
	if ((rc = qc_store_begin(s, err))) {
		qc_table_close(t);
		return rc;
	}
	rc = rows(s, t, col, county, actor, out, err);
	if (!rc)
		rc = qc_audit_add_json(s, actor, "import", "equipment", path,
				       NULL,
				       qc_xjson_pack("{s:I, s:I, s:I}", "added",
						     (json_int_t)out->added,
						     "updated",
						     (json_int_t)out->updated,
						     "unchanged",
						     (json_int_t)out->unchanged),
				       err);
	qc_table_close(t);
	return qc_store_end(s, rc, err);
}

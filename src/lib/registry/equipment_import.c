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
#include "periodic.h"
#include "reg_import.h"
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

static const char *cell(const struct qc_table_row *r, const int col[],
			enum field f)
{
	return qc_reg_cell(r, col, (int)f);
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
	return qc_reg_bad(err, line, headings[f][0], v, why);
}

static enum qc_rc optional_date(const struct qc_table_row *r, const int col[],
				enum field f, char out[11],
				struct qc_error *err)
{
	const char *v = cell(r, col, f);
	out[0] = 0;
	if (v && !qc_reg_date(v, out))
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
	if (!(u->status = qc_reg_status(st)))
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

/* Insert or update the unit, audited when it changed; counted. */
static enum qc_rc write_unit(struct qc_store *s, struct unit *u,
			     const char *actor, struct qc_import_counts *out,
			     struct qc_error *err)
{
	json_t *before, *after = NULL;
	char prov[QC_REGION_CODE_SIZE];
	int64_t id;
	enum qc_rc rc;

	if ((rc = qc_eqp_unit_json(s, u->code, &before, &id, err)))
		return rc;
	if (id &&
	    (rc = qc_periodic_import_due(s, &qc_eqp_tables, id,
					 json_string_value(
						 json_object_get(before,
								 "next_due")),
					 u->next, err)))
		goto out;
	qc_region_province(u->county, prov);
	const struct qc_reg_col cols[] = {
		{ .name = "province_code", .text = prov },
		{ .name = "category", .text = u->category },
		{ .name = "region_code", .text = u->county },
		{ .name = "user_name", .text = u->user },
		{ .name = "user_uscc", .text = opt(u->uscc) },
		{ .name = "registered_on", .text = opt(u->registered) },
		{ .name = "next_due", .text = opt(u->next) },
		{ .name = "status", .text = u->status },
		{ .name = "status_on", .text = opt(u->status_on) },
		{ .name = "code", .text = u->code },
	};
	rc = qc_reg_store(s, "equipment", id != 0, cols,
			  sizeof(cols) / sizeof(cols[0]), 1, err);
	if (!rc && id)
		rc = qc_periodic_move_checks(s, &qc_eqp_tables, id, prov, err);
	if (rc || (rc = qc_eqp_unit_json(s, u->code, &after, &id, err)))
		goto out;
	rc = qc_reg_written(s, actor, "equipment", u->code, before, after, out,
			    err);
	before = after = NULL;
out:
	json_decref(before);
	json_decref(after);
	return rc;
}

/* One row: read, checked, written; its county for the refresh. */
static enum qc_rc one_row(struct qc_store *s, const struct qc_table_row *row,
			  const int col[], const char *county,
			  const char *actor, struct qc_import_counts *out,
			  char here[QC_REGION_CODE_SIZE], struct qc_error *err)
{
	struct unit u;
	enum qc_rc rc;

	if (!(rc = read_unit(s, row, col, county, &u, err)) &&
	    !(rc = write_unit(s, &u, actor, out, err)))
		snprintf(here, QC_REGION_CODE_SIZE, "%s", u.county);
	return rc;
}

enum qc_rc qc_equipment_import(struct qc_store *s, const char *path,
			       const char *county, const char *actor,
			       struct qc_import_counts *out,
			       struct qc_error *err)
{
	const struct qc_import_from src = { .path = path, .county = county };
	return qc_equipment_import_from(s, &src, actor, out, err);
}

enum qc_rc qc_equipment_import_from(struct qc_store *s,
				    const struct qc_import_from *src,
				    const char *actor,
				    struct qc_import_counts *out,
				    struct qc_error *err)
{
	static const struct qc_reg_import spec = {
		.headings = &headings[0][0],
		.width = 7,
		.nf = F__COUNT,
		.required = 1u << F_CODE | 1u << F_CATEGORY | 1u << F_USER,
		.region = F_REGION,
		.entity = "equipment",
		.row = one_row,
		.refresh = qc_eqp_refresh,
	};
	return qc_reg_import_from(s, &spec, src, actor, out, err);
}

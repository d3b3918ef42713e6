/* Import of a metrology register as the offices' record systems export it
 * (CSV or .xlsx, headings through synonyms; reg_import.h): all rows or
 * none; a code on record already is updated, never duplicated, so the
 * same export can be imported again (docs/metrology.md "Import"). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/audit.h"
#include "qcity/clock.h"
#include "qcity/i18n.h"
#include "qcity/json.h"
#include "qcity/region.h"
#include "qcity/uscc.h"
#include "metrology_int.h"
#include "periodic.h"
#include "reg_import.h"
#include "banned.h"

enum field {
	F_CODE,
	F_KIND,
	F_MODEL,
	F_SERIAL,
	F_PURPOSE,
	F_OWNER,
	F_USCC,
	F_REGION,
	F_NEXT,
	F_STATUS,
	F_STATUS_ON,
	F__COUNT
};

/* Headings by field: the first one is named in messages. */
#define WIDTH 7
static const char *const headings[F__COUNT][WIDTH] = {
	[F_CODE] = { "器具编号", "备案编号", "强检备案编号", "登记编号",
		     "计量器具编号", NULL },
	[F_KIND] = { "器具名称", "计量器具名称", "名称", NULL },
	[F_MODEL] = { "规格型号", "型号规格", "型号", NULL },
	[F_SERIAL] = { "出厂编号", "出厂号", NULL },
	[F_PURPOSE] = { "用途", "使用用途", "强检用途", NULL },
	[F_OWNER] = { "使用单位", "使用单位名称", "单位名称", NULL },
	[F_USCC] = { "统一社会信用代码", "使用单位统一社会信用代码", "信用代码",
		     NULL },
	[F_REGION] = { "所在区县", "区县", "所属区县", "行政区划", NULL },
	[F_NEXT] = { "有效期至", "下次检定日期", "检定有效期至", "有效期",
		     NULL },
	[F_STATUS] = { "器具状态", "状态", "使用状态", NULL },
	[F_STATUS_ON] = { "状态日期", "停用日期", "报废日期", "注销日期",
			  NULL },
};

static const char *cell(const struct qc_table_row *r, const int col[],
			enum field f)
{
	return qc_reg_cell(r, col, (int)f);
}

/* An instrument as a row gives it, checked. */
struct instrument {
	const char *code, *kind, *model, *serial, *purpose, *owner, *status;
	char uscc[QC_USCC_LEN + 1], county[QC_REGION_CODE_SIZE];
	char next[11], status_on[11];
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

static enum qc_rc county_of(struct qc_store *s, const char *name,
			    char code[QC_REGION_CODE_SIZE],
			    struct qc_error *err)
{
	char *other;
	enum qc_rc rc;

	if (!name || !*name)
		return qc_error_set(err, QC_EINVAL,
				    "region: give the county where the "
				    "instrument is on record");
	if ((rc = qc_region_county(s, name, code, &other, err)) || !other)
		return rc;
	rc = qc_error_set(err, QC_EINVAL,
			  "region: %s is not a county; instruments under "
			  "compulsory verification are on record with the "
			  "county office",
			  other);
	free(other);
	return rc;
}

static enum qc_rc read_row(struct qc_store *s, const struct qc_table_row *r,
			   const int col[], const char *county,
			   struct instrument *u, struct qc_error *err)
{
	const char *uscc = cell(r, col, F_USCC), *st = cell(r, col, F_STATUS),
		   *purpose = cell(r, col, F_PURPOSE),
		   *region = cell(r, col, F_REGION);
	enum qc_rc rc;

	memset(u, 0, sizeof(*u));
	if (!(u->code = cell(r, col, F_CODE)))
		return bad(err, r->line, F_CODE, NULL, _("is empty"));
	if (!(u->kind = cell(r, col, F_KIND)))
		return bad(err, r->line, F_KIND, NULL, _("is empty"));
	u->model = cell(r, col, F_MODEL);
	u->serial = cell(r, col, F_SERIAL);
	if (purpose && !(u->purpose = qc_metrology_purpose(purpose)))
		return bad(err, r->line, F_PURPOSE, purpose,
			   _("is not 贸易结算, 安全防护, 医疗卫生 or "
			     "环境监测"));
	if (!(u->owner = cell(r, col, F_OWNER)))
		return bad(err, r->line, F_OWNER, NULL, _("is empty"));
	if (uscc &&
	    (!qc_uscc_normalize(uscc, u->uscc) || qc_uscc_check(u->uscc, err)))
		return bad(err, r->line, F_USCC, uscc,
			   _("is not a unified social credit code"));
	if (!(u->status = qc_reg_status(st)))
		return bad(err, r->line, F_STATUS, st,
			   _("is not 在用, 停用 or 报废"));
	if ((rc = optional_date(r, col, F_NEXT, u->next, err)) ||
	    (rc = optional_date(r, col, F_STATUS_ON, u->status_on, err)))
		return rc;
	if (strcmp(u->status, "in_use") && !u->status_on[0])
		return bad(err, r->line, F_STATUS_ON, NULL,
			   _("is empty: give the day the instrument was "
			     "stopped or scrapped"));
	if (!strcmp(u->status, "in_use"))
		u->status_on[0] = 0;
	if ((rc = county_of(s, region ? region : county, u->county, err)))
		qc_error_prefix(err, "line %d", r->line);
	return rc;
}

static const char *opt(const char *v)
{
	return v && *v ? v : NULL;
}

static enum qc_rc write_row(struct qc_store *s, struct instrument *u,
			    const char *actor, struct qc_import_counts *out,
			    struct qc_error *err)
{
	json_t *before, *after = NULL;
	char prov[QC_REGION_CODE_SIZE];
	int64_t id;
	enum qc_rc rc;

	if ((rc = qc_mtr_json(s, u->code, &before, &id, err)))
		return rc;
	if (id &&
	    (rc = qc_periodic_import_due(s, &qc_mtr_tables, id,
					 json_string_value(
						 json_object_get(before,
								 "next_due")),
					 u->next, err)))
		goto out;
	qc_region_province(u->county, prov);
	const struct qc_reg_col cols[] = {
		{ .name = "province_code", .text = prov },
		{ .name = "kind", .text = u->kind },
		{ .name = "model", .text = u->model },
		{ .name = "serial_no", .text = u->serial },
		{ .name = "purpose", .text = u->purpose },
		{ .name = "region_code", .text = u->county },
		{ .name = "owner_name", .text = u->owner },
		{ .name = "owner_uscc", .text = opt(u->uscc) },
		{ .name = "next_due", .text = opt(u->next) },
		{ .name = "status", .text = u->status },
		{ .name = "status_on", .text = opt(u->status_on) },
		{ .name = "code", .text = u->code },
	};
	rc = qc_reg_store(s, "metrology_instruments", id != 0, cols,
			  sizeof(cols) / sizeof(cols[0]), 1, err);
	if (!rc && id)
		rc = qc_periodic_move_checks(s, &qc_mtr_tables, id, prov, err);
	if (rc || (rc = qc_mtr_json(s, u->code, &after, &id, err)))
		goto out;
	rc = qc_reg_written(s, actor, "metrology", u->code, before, after, out,
			    err);
	before = after = NULL;
out:
	json_decref(before);
	json_decref(after);
	return rc;
}

static enum qc_rc one_row(struct qc_store *s, const struct qc_table_row *row,
			  const int col[], const char *county,
			  const char *actor, struct qc_import_counts *out,
			  char here[QC_REGION_CODE_SIZE], struct qc_error *err)
{
	struct instrument u;
	enum qc_rc rc;

	if (!(rc = read_row(s, row, col, county, &u, err)) &&
	    !(rc = write_row(s, &u, actor, out, err)))
		snprintf(here, QC_REGION_CODE_SIZE, "%s", u.county);
	return rc;
}

enum qc_rc qc_metrology_import(struct qc_store *s, const char *path,
			       const char *county, const char *actor,
			       struct qc_import_counts *out,
			       struct qc_error *err)
{
	const struct qc_import_from src = { .path = path, .county = county };
	return qc_metrology_import_from(s, &src, actor, out, err);
}

enum qc_rc qc_metrology_import_from(struct qc_store *s,
				    const struct qc_import_from *src,
				    const char *actor,
				    struct qc_import_counts *out,
				    struct qc_error *err)
{
	static const struct qc_reg_import spec = {
		.headings = &headings[0][0],
		.width = WIDTH,
		.nf = F__COUNT,
		.required = 1u << F_CODE | 1u << F_KIND | 1u << F_OWNER,
		.region = F_REGION,
		.entity = "metrology",
		.row = one_row,
		.refresh = qc_mtr_refresh,
	};
	return qc_reg_import_from(s, &spec, src, actor, out, err);
}

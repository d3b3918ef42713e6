/* Import of a traceability platform's export of enrolled subjects and
 * their product lines (CSV or .xlsx, headings through synonyms;
 * reg_import.h): all rows or none; a row on record already (its platform,
 * subject and product) is updated, never duplicated (docs/
 * traceability.md "Import"). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/clock.h"
#include "qcity/i18n.h"
#include "qcity/region.h"
#include "qcity/uscc.h"
#include "traceability_int.h"
#include "periodic.h"
#include "reg_import.h"
#include "banned.h"

enum field {
	F_PLATFORM,
	F_NAME,
	F_USCC,
	F_CODE,
	F_TYPE,
	F_CATEGORY,
	F_PRODUCT,
	F_PRODUCTS,
	F_ENROLLED,
	F_STATUS,
	F_REGION,
	F__COUNT
};

/* Headings by field: the first one is named in messages. */
#define WIDTH 7
static const char *const headings[F__COUNT][WIDTH] = {
	[F_PLATFORM] = { "追溯平台", "平台名称", "入驻平台", "所属平台", NULL },
	[F_NAME] = { "主体名称", "生产经营主体名称", "企业名称", "单位名称",
		     "主体", NULL },
	[F_USCC] = { "统一社会信用代码", "社会信用代码", "信用代码", NULL },
	[F_CODE] = { "主体码", "主体编码", "主体身份码", "追溯主体码", NULL },
	[F_TYPE] = { "主体类型", "主体性质", "主体类别", NULL },
	[F_CATEGORY] = { "行业类别", "产品类别", "追溯品类", "行业", NULL },
	[F_PRODUCT] = { "追溯产品", "产品名称", "产品", NULL },
	[F_PRODUCTS] = { "追溯产品数", "产品数", "入驻产品数", "产品数量",
			 NULL },
	[F_ENROLLED] = { "入驻日期", "注册日期", "入驻时间", "注册时间", NULL },
	[F_STATUS] = { "状态", "主体状态", "入驻状态", NULL },
	[F_REGION] = { "所在区县", "区县", "所属区县", "行政区划", NULL },
};

static const char *cell(const struct qc_table_row *r, const int col[],
			enum field f)
{
	return qc_reg_cell(r, col, (int)f);
}

static enum qc_rc bad(struct qc_error *err, int line, enum field f,
		      const char *v, const char *why)
{
	return qc_reg_bad(err, line, headings[f][0], v, why);
}

/* A row as the file gives it, checked. */
struct enrol {
	const char *platform, *name, *code, *type, *category, *category_text;
	const char *product, *status;
	char uscc[QC_USCC_LEN + 1], county[QC_REGION_CODE_SIZE];
	char enrolled[11];
	long products;
	int64_t enterprise; /* 0: the code is not registered */
};

/* 追溯产品数: a whole number of 0 or more; without the column, 1 for a
 * row naming a product, else 0. */
static enum qc_rc products_of(const struct qc_table_row *r, const int col[],
			      struct enrol *e, struct qc_error *err)
{
	const char *v = cell(r, col, F_PRODUCTS);
	char *end;
	long n;

	if (!v) {
		e->products = *e->product ? 1 : 0;
		return QC_OK;
	}
	n = strtol(v, &end, 10);
	if (end == v || *end || n < 0 || n > 1000000)
		return bad(err, r->line, F_PRODUCTS, v,
			   _("is not a whole number of products (0 or more)"));
	e->products = n;
	return QC_OK;
}

static enum qc_rc read_row(struct qc_store *s, const struct qc_table_row *r,
			   const int col[], const char *county, struct enrol *e,
			   struct qc_error *err)
{
	const char *uscc = cell(r, col, F_USCC), *st = cell(r, col, F_STATUS),
		   *ty = cell(r, col, F_TYPE), *on = cell(r, col, F_ENROLLED);
	char names[512], today[11];
	enum qc_rc rc;

	memset(e, 0, sizeof(*e));
	if (!(e->platform = cell(r, col, F_PLATFORM)))
		return bad(err, r->line, F_PLATFORM, NULL, _("is empty"));
	if (!(e->name = cell(r, col, F_NAME)))
		return bad(err, r->line, F_NAME, NULL, _("is empty"));
	if (uscc &&
	    (!qc_uscc_normalize(uscc, e->uscc) || qc_uscc_check(e->uscc, err)))
		return bad(err, r->line, F_USCC, uscc,
			   _("is not a unified social credit code"));
	e->code = cell(r, col, F_CODE);
	if (!ty)
		return bad(err, r->line, F_TYPE, NULL, _("is empty"));
	if (!(e->type = qc_trace_type(ty))) {
		qc_trace_type_names(names, sizeof(names));
		return qc_error_set(err, QC_EINVAL,
				    "line %d, %s: \"%s\" is not a subject type "
				    "of the register: write one of %s",
				    r->line, headings[F_TYPE][0], ty, names);
	}
	if (!(e->category_text = cell(r, col, F_CATEGORY)))
		return bad(err, r->line, F_CATEGORY, NULL, _("is empty"));
	if (!(e->category = qc_trace_category(e->category_text))) {
		qc_trace_category_names(names, sizeof(names));
		return qc_error_set(err, QC_EINVAL,
				    "line %d, %s: \"%s\" is not a category of "
				    "the register: write one of %s",
				    r->line, headings[F_CATEGORY][0],
				    e->category_text, names);
	}
	if (!(e->product = cell(r, col, F_PRODUCT)))
		e->product = "";
	if ((rc = products_of(r, col, e, err)))
		return rc;
	if (!on)
		return bad(err, r->line, F_ENROLLED, NULL,
			   _("is empty: give the day the subject enrolled "
			     "on the platform (none is assumed)"));
	if (!qc_reg_date(on, e->enrolled))
		return bad(err, r->line, F_ENROLLED, on, _("is not a date"));
	qc_date_from_days(qc_today_days(), today);
	if (strcmp(e->enrolled, today) > 0)
		return bad(err, r->line, F_ENROLLED, on,
			   _("is a day still to come"));
	if (!st || !strcmp(st, "正常") || !strcmp(st, "有效") ||
	    !strcmp(st, "在用"))
		e->status = "active";
	else if (strstr(st, "注销") || strstr(st, "退出"))
		e->status = "cancelled";
	else
		return bad(err, r->line, F_STATUS, st,
			   _("is not 正常 or 注销"));
	return qc_reg_holder_county(
		s, r->line, cell(r, col, F_REGION), county, e->uscc, e->name,
		/* xgettext:c-format */
		N_("line %d, region: %s is not a county; the register counts "
		   "subjects in the county they are in"),
		&e->enterprise, e->county, err);
}

static const char *opt(const char *v)
{
	return v && *v ? v : NULL;
}

static enum qc_rc store_row(struct qc_store *s, const struct enrol *e,
			    const char *key, bool update, struct qc_error *err)
{
	char prov[QC_REGION_CODE_SIZE];

	qc_region_province(e->county, prov);
	const struct qc_reg_col cols[] = {
		{ .name = "province_code", .text = prov },
		{ .name = "subject_name", .text = e->name },
		{ .name = "subject_uscc", .text = opt(e->uscc) },
		{ .name = "subject_code", .text = e->code },
		{ .name = "subject_type", .text = e->type },
		{ .name = "category", .text = e->category },
		{ .name = "category_text", .text = e->category_text },
		{ .name = "products", .num = e->products, .is_num = true },
		{ .name = "enterprise_id",
		  .num = e->enterprise,
		  .is_num = e->enterprise != 0 },
		{ .name = "region_code", .text = e->county },
		{ .name = "enrolled_on", .text = e->enrolled },
		{ .name = "status", .text = e->status },
		{ .name = "platform", .text = e->platform },
		{ .name = "subject_key", .text = key },
		{ .name = "product", .text = e->product },
	};
	return qc_reg_store(s, "trace_enrolments", update, cols,
			    sizeof(cols) / sizeof(cols[0]), 3, err);
}

static enum qc_rc write_row(struct qc_store *s, const struct enrol *e,
			    const char *actor, struct qc_import_counts *out,
			    struct qc_error *err)
{
	/* A subject is its credit code when it has one (names are written
	 * in more than one way), else its name. */
	const char *key = e->uscc[0] ? e->uscc : e->name;
	json_t *before, *after = NULL;
	char audit_key[768];
	enum qc_rc rc;

	if ((rc = qc_trace_json(s, e->platform, key, e->product, &before, err)))
		return rc;
	if ((rc = store_row(s, e, key, before != NULL, err)) ||
	    (rc = qc_trace_json(s, e->platform, key, e->product, &after, err)))
		goto out;
	snprintf(audit_key, sizeof(audit_key), "%s/%s/%s", e->platform, key,
		 e->product);
	rc = qc_reg_written(s, actor, "traceability", audit_key, before, after,
			    out, err);
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
	struct enrol e;
	enum qc_rc rc;

	if (!(rc = read_row(s, row, col, county, &e, err)) &&
	    !(rc = write_row(s, &e, actor, out, err)))
		snprintf(here, QC_REGION_CODE_SIZE, "%s", e.county);
	return rc;
}

static const struct qc_reg_import spec = {
	.headings = &headings[0][0],
	.width = WIDTH,
	.nf = F__COUNT,
	.required = 1u << F_PLATFORM | 1u << F_NAME | 1u << F_TYPE |
		    1u << F_CATEGORY | 1u << F_ENROLLED,
	/* No column is required for the county: a registered enterprise
	 * gives its own (county_of). */
	.region = -1,
	.entity = "traceability",
	.row = one_row,
	.refresh = qc_trace_refresh,
};

enum qc_rc qc_trace_import_from(struct qc_store *s,
				const struct qc_import_from *src,
				const char *actor, struct qc_import_counts *out,
				struct qc_error *err)
{
	return qc_reg_import_from(s, &spec, src, actor, out, err);
}

enum qc_rc qc_trace_import(struct qc_store *s, const char *path,
			   const char *county, const char *actor,
			   struct qc_import_counts *out, struct qc_error *err)
{
	const struct qc_import_from src = { .path = path, .county = county };
	return qc_trace_import_from(s, &src, actor, out, err);
}

/* Import of a list of certificates as the national platform (全国认证认可
 * 信息公共服务平台) and the certification bodies export it (CSV or
 * .xlsx, headings through synonyms; reg_import.h): all rows or none; a
 * certificate on record already (its body and number) is updated, never
 * duplicated (docs/certification.md "Import"). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/audit.h"
#include "qcity/clock.h"
#include "qcity/i18n.h"
#include "qcity/json.h"
#include "qcity/region.h"
#include "qcity/uscc.h"
#include "certification_int.h"
#include "periodic.h"
#include "reg_import.h"
#include "banned.h"

enum field {
	F_NUMBER,
	F_HOLDER,
	F_USCC,
	F_KIND,
	F_SCOPE,
	F_BODY,
	F_ISSUED,
	F_EXPIRES,
	F_STATUS,
	F_REGION,
	F__COUNT
};

/* Headings by field: the first one is named in messages. */
#define WIDTH 7
static const char *const headings[F__COUNT][WIDTH] = {
	[F_NUMBER] = { "证书编号", "证书号", "证书号码", NULL },
	[F_HOLDER] = { "获证组织名称", "获证组织", "获证企业名称", "获证企业",
		       "组织名称", "企业名称", NULL },
	[F_USCC] = { "统一社会信用代码", "获证组织统一社会信用代码", "信用代码",
		     NULL },
	[F_KIND] = { "认证项目", "认证类别", "认证类型", "认证项目名称", NULL },
	[F_SCOPE] = { "认证范围", "证书范围", "覆盖范围", NULL },
	[F_BODY] = { "认证机构", "认证机构名称", "发证机构", "颁证机构", NULL },
	[F_ISSUED] = { "发证日期", "颁证日期", "证书颁发日期", "注册日期",
		       NULL },
	[F_EXPIRES] = { "证书到期日期", "有效期至", "到期日期", "证书有效期至",
			"有效截止日期", NULL },
	[F_STATUS] = { "证书状态", "状态", NULL },
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

/* A certificate as a row gives it, checked. */
struct cert {
	const char *number, *holder, *kind, *kind_text, *scope, *body;
	const char *status;
	char uscc[QC_USCC_LEN + 1], county[QC_REGION_CODE_SIZE];
	char issued[11], expires[11];
	int64_t enterprise; /* 0: the code is not registered */
};

/* 证书状态 as the platform writes it; "expired" for 过期 (the date
 * tells, the row is checked against it); NULL if none of these. */
static const char *status_of(const char *v)
{
	if (!v || !strcmp(v, "有效") || !strcmp(v, "正常"))
		return "valid";
	if (strstr(v, "暂停"))
		return "suspended";
	if (strstr(v, "撤销"))
		return "revoked";
	if (strstr(v, "注销"))
		return "cancelled";
	if (strstr(v, "过期") || strstr(v, "失效"))
		return "expired";
	return NULL;
}

static enum qc_rc dates(const struct qc_table_row *r, const int col[],
			struct cert *c, struct qc_error *err)
{
	const char *is = cell(r, col, F_ISSUED), *ex = cell(r, col, F_EXPIRES);

	c->issued[0] = 0;
	if (is && !qc_reg_date(is, c->issued))
		return bad(err, r->line, F_ISSUED, is, _("is not a date"));
	if (!ex)
		return bad(err, r->line, F_EXPIRES, NULL,
			   _("is empty: give the date the certificate is "
			     "valid until, as it is written on it (none is "
			     "assumed)"));
	if (!qc_reg_date(ex, c->expires))
		return bad(err, r->line, F_EXPIRES, ex, _("is not a date"));
	if (c->issued[0] && strcmp(c->expires, c->issued) < 0)
		return bad(err, r->line, F_EXPIRES, ex,
			   _("is before the date of issue"));
	return QC_OK;
}

static enum qc_rc read_row(struct qc_store *s, const struct qc_table_row *r,
			   const int col[], const char *county, struct cert *c,
			   struct qc_error *err)
{
	const char *uscc = cell(r, col, F_USCC), *st = cell(r, col, F_STATUS);
	char names[512], today[11];
	enum qc_rc rc;

	memset(c, 0, sizeof(*c));
	if (!(c->number = cell(r, col, F_NUMBER)))
		return bad(err, r->line, F_NUMBER, NULL, _("is empty"));
	if (!(c->holder = cell(r, col, F_HOLDER)))
		return bad(err, r->line, F_HOLDER, NULL, _("is empty"));
	if (uscc &&
	    (!qc_uscc_normalize(uscc, c->uscc) || qc_uscc_check(c->uscc, err)))
		return bad(err, r->line, F_USCC, uscc,
			   _("is not a unified social credit code"));
	if (!(c->kind_text = cell(r, col, F_KIND)))
		return bad(err, r->line, F_KIND, NULL, _("is empty"));
	if (!(c->kind = qc_certification_kind(c->kind_text))) {
		qc_cert_kind_names(names, sizeof(names));
		return qc_error_set(err, QC_EINVAL,
				    "line %d, %s: \"%s\" is not a kind of the "
				    "register: write one of %s",
				    r->line, headings[F_KIND][0], c->kind_text,
				    names);
	}
	c->scope = cell(r, col, F_SCOPE);
	if (!(c->body = cell(r, col, F_BODY)))
		return bad(err, r->line, F_BODY, NULL, _("is empty"));
	if ((rc = dates(r, col, c, err)))
		return rc;
	if (!(c->status = status_of(st)))
		return bad(err, r->line, F_STATUS, st,
			   _("is not 有效, 暂停, 撤销, 注销 or 过期"));
	if (!strcmp(c->status, "expired")) {
		/* 过期 is told by the date: the row must agree with it. */
		qc_date_from_days(qc_today_days(), today);
		if (strcmp(c->expires, today) >= 0)
			return bad(err, r->line, F_STATUS, st,
				   _("says expired, but the certificate is "
				     "valid until a day not yet past"));
		c->status = "valid";
	}
	return qc_reg_holder_county(
		s, r->line, cell(r, col, F_REGION), county, c->uscc, c->holder,
		/* xgettext:c-format */
		N_("line %d, region: %s is not a county; the register counts "
		   "certificates in the county of their holder"),
		&c->enterprise, c->county, err);
}

static const char *opt(const char *v)
{
	return v && *v ? v : NULL;
}

static enum qc_rc store_row(struct qc_store *s, const struct cert *c,
			    int64_t id, struct qc_error *err)
{
	char prov[QC_REGION_CODE_SIZE];

	qc_region_province(c->county, prov);
	const struct qc_reg_col cols[] = {
		{ .name = "province_code", .text = prov },
		{ .name = "kind", .text = c->kind },
		{ .name = "kind_text", .text = c->kind_text },
		{ .name = "scope", .text = c->scope },
		{ .name = "holder_name", .text = c->holder },
		{ .name = "holder_uscc", .text = opt(c->uscc) },
		{ .name = "enterprise_id",
		  .num = c->enterprise,
		  .is_num = c->enterprise != 0 },
		{ .name = "region_code", .text = c->county },
		{ .name = "issued_on", .text = opt(c->issued) },
		{ .name = "expires_on", .text = c->expires },
		{ .name = "status", .text = c->status },
		{ .name = "body", .text = c->body },
		{ .name = "number", .text = c->number },
	};
	return qc_reg_store(s, "certificates", id != 0, cols,
			    sizeof(cols) / sizeof(cols[0]), 2, err);
}

static enum qc_rc write_row(struct qc_store *s, const struct cert *c,
			    const char *actor, struct qc_import_counts *out,
			    struct qc_error *err)
{
	json_t *before, *after = NULL;
	char key[512];
	int64_t id;
	enum qc_rc rc;

	if ((rc = qc_cert_json(s, c->body, c->number, &before, &id, err)))
		return rc;
	if ((rc = store_row(s, c, id, err)) ||
	    (rc = qc_cert_json(s, c->body, c->number, &after, &id, err)))
		goto out;
	/* The body's name and the number: a number is unique within its
	 * body only. */
	snprintf(key, sizeof(key), "%s/%s", c->body, c->number);
	rc = qc_reg_written(s, actor, "certification", key, before, after, out,
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
	struct cert c;
	enum qc_rc rc;

	if (!(rc = read_row(s, row, col, county, &c, err)) &&
	    !(rc = write_row(s, &c, actor, out, err)))
		snprintf(here, QC_REGION_CODE_SIZE, "%s", c.county);
	return rc;
}

enum qc_rc qc_certification_import(struct qc_store *s, const char *path,
				   const char *county, const char *actor,
				   struct qc_import_counts *out,
				   struct qc_error *err)
{
	static const struct qc_reg_import spec = {
		.headings = &headings[0][0],
		.width = WIDTH,
		.nf = F__COUNT,
		.required = 1u << F_NUMBER | 1u << F_HOLDER | 1u << F_KIND |
			    1u << F_BODY | 1u << F_EXPIRES,
		/* No column is required for the county: a registered
		 * enterprise gives its own (read_row). */
		.region = -1,
		.entity = "certification",
		.row = one_row,
		.refresh = qc_cert_refresh,
	};
	return qc_reg_import_file(s, &spec, path, county, actor, out, err);
}

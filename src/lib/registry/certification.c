/* The certification register's catalogue of kinds and its names
 * (docs/certification.md "Kinds"), and a certificate as the audit log
 * keeps it. */
#include <stdio.h>
#include <string.h>

#include "qcity/i18n.h"
#include "qcity/json.h"
#include "certification_int.h"
#include "banned.h"

const char *const qc_certification_kinds[QC_CERT_KINDS] = {
	"ccc",     "iso9001",    "iso14001",       "iso45001", "food_safety",
	"organic", "green_food", "pollution_free", "service",  "other",
};

/* Each kind's name for the reader, and the names the lists write it by,
 * as norm() compares them (spaces, letter case and a trailing 认证 do not
 * count); the first of those is the one messages name. */
#define NAMES 8
static const struct {
	const char *code, *group, *label;
	const char *names[NAMES];
} kinds[QC_CERT_KINDS] = {
	{ "ccc",
	  "product",
	  N_("compulsory product certification (CCC)"),
	  { "强制性产品认证", "CCC", "3C", "中国强制性产品认证", NULL } },
	{ "iso9001",
	  "system",
	  N_("quality management system (ISO 9001)"),
	  { "质量管理体系认证", "ISO9001", "GB/T19001", "ISO9001质量管理体系",
	    NULL } },
	{ "iso14001",
	  "system",
	  N_("environmental management system (ISO 14001)"),
	  { "环境管理体系认证", "ISO14001", "GB/T24001", "ISO14001环境管理体系",
	    NULL } },
	{ "iso45001",
	  "system",
	  N_("occupational health and safety management system (ISO 45001)"),
	  { "职业健康安全管理体系认证", "ISO45001", "GB/T45001", "OHSAS18001",
	    "ISO45001职业健康安全管理体系", NULL } },
	{ "food_safety",
	  "system",
	  N_("food safety management system / HACCP"),
	  { "食品安全管理体系认证", "HACCP", "HACCP体系",
	    "危害分析与关键控制点(HACCP)体系", "ISO22000", NULL } },
	{ "organic",
	  "agri",
	  N_("organic products"),
	  { "有机产品认证", "有机产品", "有机食品", NULL } },
	{ "green_food",
	  "agri",
	  N_("green food (labelling licence)"),
	  { "绿色食品", "绿色食品标志许可", "绿色食品标志", NULL } },
	{ "pollution_free",
	  "agri",
	  N_("pollution-free agricultural products"),
	  { "无公害农产品认证", "无公害农产品", NULL } },
	{ "service", NULL, N_("service certification"), { "服务认证", NULL } },
	{ "other", NULL, N_("other"), { "其他", "其它", NULL } },
};

/* name without spaces (ASCII and U+3000), ASCII letters in capitals,
 * full-width brackets as ASCII ones and a trailing 认证 dropped, into
 * out; false when it does not fit. */
static bool norm(const char *name, char *out, size_t n)
{
	size_t k = 0, len;

	for (const char *p = name; *p; p++) {
		if (*p == ' ' || *p == '\t')
			continue;
		if (!strncmp(p, "\xe3\x80\x80", 3)) { /* U+3000 */
			p += 2;
			continue;
		}
		if (!strncmp(p, "\xef\xbc\x88", 3) || /* （ */
		    !strncmp(p, "\xef\xbc\x89", 3)) { /* ） */
			if (k + 1 >= n)
				return false;
			out[k++] = p[2] == '\x88' ? '(' : ')';
			p += 2;
			continue;
		}
		if (k + 1 >= n)
			return false;
		out[k++] = (*p >= 'a' && *p <= 'z') ? (char)(*p - 32) : *p;
	}
	out[k] = 0;
	len = strlen("认证");
	if (k > len && !strcmp(out + k - len, "认证"))
		out[k - len] = 0;
	return true;
}

const char *qc_certification_kind(const char *name)
{
	char want[256], have[256];

	if (!name || !norm(name, want, sizeof(want)) || !*want)
		return NULL;
	for (size_t i = 0; i < QC_CERT_KINDS; i++) {
		if (!strcmp(name, kinds[i].code))
			return kinds[i].code;
		for (size_t k = 0; k < NAMES && kinds[i].names[k]; k++)
			if (norm(kinds[i].names[k], have, sizeof(have)) &&
			    !strcmp(want, have))
				return kinds[i].code;
	}
	return NULL;
}

const char *qc_certification_kind_name(const char *code)
{
	for (size_t i = 0; code && i < QC_CERT_KINDS; i++)
		if (!strcmp(code, kinds[i].code))
			return _(kinds[i].label);
	return code ? code : "";
}

const char *qc_certification_group(const char *code)
{
	for (size_t i = 0; code && i < QC_CERT_KINDS; i++)
		if (!strcmp(code, kinds[i].code))
			return kinds[i].group;
	return NULL;
}

const char *qc_certification_state_name(const char *state)
{
	if (!state)
		return "";
	if (!strcmp(state, "valid"))
		return _("valid");
	if (!strcmp(state, "expired"))
		return _("expired");
	if (!strcmp(state, "suspended"))
		return _("suspended");
	if (!strcmp(state, "revoked"))
		return _("withdrawn");
	if (!strcmp(state, "cancelled"))
		return _("cancelled");
	return state;
}

enum qc_rc qc_cert_json(struct qc_store *s, const char *body,
			const char *number, json_t **out, int64_t *id,
			struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc rc;

	*out = NULL;
	*id = 0;
	if ((rc = qc_stmt_prepare(s,
				  "SELECT id, number, body, kind, kind_text,"
				  " scope, holder_name, holder_uscc,"
				  " region_code, issued_on, expires_on, status"
				  " FROM certificates WHERE body = ? AND"
				  " number = ?",
				  &st, err)))
		return rc;
	qc_stmt_bind_text(st, 1, body);
	qc_stmt_bind_text(st, 2, number);
	if ((rc = qc_stmt_next(st, err)) == QC_ROW) {
		*id = qc_stmt_int(st, 0);
		*out = qc_xjson_pack("{s:s, s:s, s:s, s:s, s:s?, s:s, s:s?, s:s, s:s?,"
				     " s:s, s:s}",
				     "number", qc_stmt_text(st, 1), "body",
				     qc_stmt_text(st, 2), "kind",
				     qc_stmt_text(st, 3), "kind_text",
				     qc_stmt_text(st, 4), "scope",
				     qc_stmt_text(st, 5), "holder_name",
				     qc_stmt_text(st, 6), "holder_uscc",
				     qc_stmt_text(st, 7), "region",
				     qc_stmt_text(st, 8), "issued_on",
				     qc_stmt_text(st, 9), "expires_on",
				     qc_stmt_text(st, 10), "status",
				     qc_stmt_text(st, 11));
	}
	qc_stmt_free(st);
	return qc_step_rc(rc);
}

void qc_cert_kind_names(char *out, size_t n)
{
	size_t k = 0;

	out[0] = 0;
	for (size_t i = 0; i < QC_CERT_KINDS && k < n; i++)
		k += (size_t)snprintf(out + k, n - k, "%s%s", i ? "、" : "",
				      kinds[i].names[0]);
}

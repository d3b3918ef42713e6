/* The awards and brands register: entries, the published lists imported
 * with header synonyms, counts, and the plan targets fed from them
 * (docs/credit.md). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/award.h"
#include "qcity/clock.h"
#include "qcity/json.h"
#include "qcity/indicator.h"
#include "qcity/model.h"
#include "qcity/strbuf.h"
#include "qcity/table.h"
#include "qcity/uscc.h"
#include "credit_int.h"
#include "sampling_int.h"
#include "banned.h"

static const struct {
	const char *kind, *label;
} kinds[] = {
	{ "quality_award", "质量奖" },
	{ "quality_award_nominee", "质量奖提名奖" },
	{ "brand_product", "名牌产品" },
	{ "well_known_trademark", "驰名商标" },
	{ "famous_trademark", "著名商标" },
	{ "gi_product", "地理标志保护产品" },
	{ "gi_trademark", "地理标志商标" },
	{ "regional_brand", "区域公用品牌" },
	{ "chief_quality_officer", "首席质量官" },
};
#define N_KINDS (sizeof(kinds) / sizeof(kinds[0]))

static const char *const levels[] = { "national", "provincial", "municipal",
				      "county", NULL };

const char *qc_award_kind_label(const char *kind)
{
	for (size_t i = 0; kind && i < N_KINDS; i++)
		if (!strcmp(kinds[i].kind, kind))
			return kinds[i].label;
	return NULL;
}

const char *qc_award_level_label(const char *level)
{
	static const char *const zh[] = { "国家级", "省级", "市级", "县级" };
	for (int i = 0; level && levels[i]; i++)
		if (!strcmp(levels[i], level))
			return zh[i];
	return "";
}

static const char *level_of(const char *t)
{
	if (strstr(t, "中国") || strstr(t, "国家") || strstr(t, "全国"))
		return "national";
	if (strstr(t, "省") || strstr(t, "自治区"))
		return "provincial";
	if (strstr(t, "市"))
		return "municipal";
	if (strstr(t, "县"))
		return "county";
	return "";
}

bool qc_award_kind_parse(const char *t, const char **kind, const char **level)
{
	*kind = NULL;
	*level = "";
	if (!t)
		return false;
	for (size_t i = 0; i < N_KINDS; i++)
		if (!strcmp(t, kinds[i].kind)) {
			*kind = kinds[i].kind;
			return true;
		}
	if (strstr(t, "首席质量官"))
		*kind = "chief_quality_officer";
	else if (strstr(t, "驰名商标")) {
		*kind = "well_known_trademark";
		*level = "national";
		return true;
	} else if (strstr(t, "著名商标"))
		*kind = "famous_trademark";
	else if (strstr(t, "地理标志") && strstr(t, "商标"))
		*kind = "gi_trademark";
	else if (strstr(t, "地理标志"))
		*kind = "gi_product";
	else if (strstr(t, "区域公用品牌"))
		*kind = "regional_brand";
	else if (strstr(t, "质量") && strstr(t, "奖"))
		*kind = strstr(t, "提名") ? "quality_award_nominee" :
					    "quality_award";
	else if (strstr(t, "名牌") && !strstr(t, "服务"))
		*kind = "brand_product"; /* 名牌服务企业 is no product brand */
	if (!*kind)
		return false;
	*level = level_of(t);
	/* 湖南名牌, 湖南省著名商标: a province's own titles. */
	if (!**level && strcmp(*kind, "chief_quality_officer") &&
	    strcmp(*kind, "regional_brand"))
		*level = strcmp(*kind, "gi_product") &&
					 strcmp(*kind, "gi_trademark") ?
				 "provincial" :
				 "national";
	return true;
}

static bool level_ok(const char *l)
{
	for (int i = 0; l && levels[i]; i++)
		if (!strcmp(levels[i], l))
			return true;
	return false;
}

enum qc_rc qc_award_add(struct qc_store *s, const struct qc_award_in *in,
			const char *actor, int64_t *id, struct qc_error *err)
{
	struct qc_stmt *st;
	char code[QC_USCC_LEN + 1] = "", region[QC_REGION_CODE_SIZE] = "",
				now[32], key[32];
	int64_t eid = 0;
	bool found = false;
	enum qc_rc rc;

	*id = 0;
	if (!qc_award_kind_label(in->kind))
		return qc_error_set(err, QC_EINVAL,
				    "kind: '%s' is not a kind of the register"
				    " (docs/credit.md)",
				    in->kind ? in->kind : "");
	if (!level_ok(in->level))
		return qc_error_set(err, QC_EINVAL,
				    "level: '%s' is not national, provincial,"
				    " municipal or county",
				    in->level ? in->level : "");
	if (!in->holder || !*in->holder)
		return qc_error_set(err, QC_EINVAL, "holder: empty");
	if (in->year < 1980 || in->year > 2100)
		return qc_error_set(err, QC_EINVAL,
				    "year: %d is outside 1980..2100", in->year);
	if (in->uscc &&
	    (!qc_uscc_normalize(in->uscc, code) || qc_uscc_check(code, err))) {
		qc_error_prefix(err, "field 'uscc'");
		return QC_EINVAL;
	}
	if ((rc = qc_store_begin(s, err)))
		return rc;
	if (code[0])
		rc = qc_store_get_int(s,
				      "SELECT id FROM enterprises WHERE"
				      " uscc = ?",
				      QC_TEXTS(code), &eid, &found, err);
	if (!rc && in->region)
		rc = qc_region_resolve(s, in->region, region, err);
	else if (!rc && found) {
		char *rg = NULL;
		snprintf(key, sizeof(key), "%lld", (long long)eid);
		rc = qc_store_get_text(s,
				       "SELECT region_code FROM enterprises"
				       " WHERE id = CAST(? AS BIGINT)",
				       QC_TEXTS(key), &rg, err);
		if (rg)
			snprintf(region, sizeof(region), "%s", rg);
		free(rg);
	}
	if (!rc && !region[0] && code[0]) {
		char div[QC_REGION_CODE_SIZE];
		qc_uscc_region(code, div);
		qc_region_of_division(s, div, region);
	}
	if (!rc && !region[0])
		rc = qc_error_set(err, QC_EINVAL,
				  "region: give the holder's region (or a"
				  " credit code that names it)");
	if (rc)
		goto out;
	qc_now_iso(now, sizeof(now));
	rc = qc_stmt_prepare(s,
			     "INSERT INTO awards (kind, level, holder, uscc,"
			     " enterprise_id, region_code, name, year,"
			     " valid_until, certificate, source, created_at)"
			     " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
			     " ON CONFLICT (kind, level, holder, name, year)"
			     " DO NOTHING RETURNING id",
			     &st, err);
	if (rc)
		goto out;
	qc_stmt_bind_text(st, 1, in->kind);
	qc_stmt_bind_text(st, 2, in->level);
	qc_stmt_bind_text(st, 3, in->holder);
	qc_stmt_bind_text(st, 4, code[0] ? code : NULL);
	if (found)
		qc_stmt_bind_int(st, 5, eid);
	qc_stmt_bind_text(st, 6, region);
	qc_stmt_bind_text(st, 7, in->name ? in->name : "");
	qc_stmt_bind_int(st, 8, in->year);
	qc_stmt_bind_text(st, 9, in->valid_until);
	qc_stmt_bind_text(st, 10, in->certificate);
	qc_stmt_bind_text(st, 11, in->source);
	qc_stmt_bind_text(st, 12, now);
	enum qc_rc r = qc_stmt_next(st, err);
	if (r == QC_ROW)
		*id = qc_stmt_int(st, 0);
	else if (r != QC_DONE)
		rc = r;
	qc_stmt_free(st);
	if (rc || !*id) /* already registered: kept as it was */
		goto out;
	snprintf(key, sizeof(key), "%lld", (long long)*id);
	rc = qc_audit_add_json(
		s, actor, "add", "award", key, NULL,
		qc_xjson_pack("{s:s, s:s, s:s, s:s?, s:s, s:s?, s:i, s:s?}",
			      "kind", in->kind, "level", in->level, "holder",
			      in->holder, "uscc", code[0] ? code : NULL,
			      "region", region, "name", in->name, "year",
			      in->year, "certificate", in->certificate),
		err);
	if (!rc && found) {
		char date[11];
		int64_t ev;
		struct qc_buf t;
		qc_buf_init(&t, 512);
		qc_buf_addf(&t, "%s%s%s", qc_award_kind_label(in->kind),
			    in->name && *in->name ? "：" : "",
			    in->name ? in->name : "");
		qc_buf_mark_cut(&t, "…");
		snprintf(date, sizeof(date), "%04d-12-31", in->year);
		struct qc_credit_event_in e = {
			.uscc = code,
			.kind = "award",
			.occurred_on = date,
			.title = qc_buf_str(&t),
			.source = in->source,
			.evidence = NULL,
		};
		rc = qc_credit_event_add(s, &e, actor, &ev, err);
		qc_buf_release(&t);
	}
out:
	if (rc)
		*id = 0;
	return qc_store_end(s, rc, err);
}

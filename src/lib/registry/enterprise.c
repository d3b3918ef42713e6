/* The enterprise register: import from the tables offices keep, lookup. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "qcity/alloc.h"
#include "qcity/clock.h"
#include "qcity/enterprise.h"
#include "qcity/model.h"
#include "qcity/store.h"
#include "qcity/strbuf.h"
#include "qcity/table.h"
#include "qcity/uscc.h"
#include "nation_int.h"
#include "sampling_int.h"
#include "banned.h"

enum ecol {
	E_USCC,
	E_NAME,
	E_ADDRESS,
	E_INDUSTRY,
	E_SCALE,
	E_CQO,
	E_REGION,
	E__COUNT
};

static const char *const ecol_labels[E__COUNT][6] = {
	[E_USCC] = { "统一社会信用代码", "社会信用代码", "信用代码", "uscc",
		     NULL },
	[E_NAME] = { "企业名称", "名称", "单位名称", "市场主体名称", "name",
		     NULL },
	[E_ADDRESS] = { "地址", "企业地址", "住所", "address", NULL },
	[E_INDUSTRY] = { "行业", "所属行业", "行业类别", "industry", NULL },
	[E_SCALE] = { "规模", "企业规模", "是否规模以上", "scale", NULL },
	[E_CQO] = { "首席质量官", "质量负责人", "chief_quality_officer", NULL },
	[E_REGION] = { "地区", "所在地", "行政区划", "区县", "region", NULL },
};

static int ecol_of(const char *label)
{
	utf8proc_uint8_t *n = utf8proc_NFKC((const utf8proc_uint8_t *)label);
	int hit = -1;
	for (int c = 0; n && c < E__COUNT && hit < 0; c++)
		for (int k = 0; ecol_labels[c][k]; k++)
			if (!strcmp((const char *)n, ecol_labels[c][k]))
				hit = c;
	free(n);
	return hit;
}

static int parse_scale(const char *s)
{
	if (!s)
		return -1;
	if (strstr(s, "以上") || !strcmp(s, "是") || !strcmp(s, "above"))
		return 1;
	if (strstr(s, "以下") || !strcmp(s, "否") || !strcmp(s, "below"))
		return 0;
	return -2;
}

/* The 地区 column; else the code's division (or the prefecture or
 * province above it), made precise by a county the address names. */
static enum qc_rc region_of(struct qc_store *s, const char *col,
			    const char *uscc, bool ok, const char *address,
			    char out[QC_REGION_CODE_SIZE], struct qc_error *err)
{
	char code[QC_REGION_CODE_SIZE], county[QC_REGION_CODE_SIZE];
	out[0] = '\0';
	if (col)
		return qc_region_resolve(s, col, out, err);
	if (ok) {
		qc_uscc_region(uscc, code);
		qc_region_of_division(s, code, out);
	}
	if (out[0] && !strcmp(out + 4, "00") &&
	    qc_region_in_address(s, out, address, county))
		memcpy(out, county, QC_REGION_CODE_SIZE);
	return QC_OK;
}

enum qc_rc qc_enterprise_import(struct qc_store *s, const char *data,
				size_t len, const char *name,
				bool allow_unverified, const char *actor,
				size_t *count, struct qc_error *err)
{
	struct qc_table *t = NULL;
	struct qc_table_row *row;
	struct qc_stmt *st = NULL;
	int col[E__COUNT], r, header = 0;
	char now[32];
	enum qc_rc rc;

	*count = 0;
	for (int c = 0; c < E__COUNT; c++)
		col[c] = -1;
	if ((rc = qc_store_refuse_national_write(s, err)) ||
	    (rc = qc_table_open(data, len, name, &t, err)))
		return rc;
	if ((r = qc_table_next(t, &row, err)) != 1) {
		rc = r < 0 ? QC_EINVAL :
			     qc_error_set(err, QC_EINVAL,
					  "the file"
					  " is empty");
		goto out;
	}
	header = row->line;
	for (size_t i = 0; i < row->n; i++) {
		int c = ecol_of(row->cells[i]);
		if (c >= 0 && col[c] < 0)
			col[c] = (int)i;
	}
	if (col[E_USCC] < 0 || col[E_NAME] < 0) {
		rc = qc_error_set(err, QC_EINVAL,
				  "line %d: the header needs "
				  "统一社会信用代码 and 企业名称 columns",
				  header);
		goto out;
	}
	if ((rc = qc_store_begin(s, err)))
		goto out;
	qc_now_iso(now, sizeof(now));
	rc = qc_stmt_prepare(
		s,
		"INSERT INTO enterprises (uscc, verified, name,"
		" province_code, region_code, address, industry,"
		" above_scale, chief_quality_officer, created_at)"
		" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
		" ON CONFLICT (uscc) DO UPDATE SET"
		" name = excluded.name, verified = excluded.verified,"
		" region_code = excluded.region_code,"
		" province_code = excluded.province_code,"
		" address = excluded.address,"
		" industry = excluded.industry,"
		" above_scale = excluded.above_scale,"
		" chief_quality_officer = excluded.chief_quality_officer",
		&st, err);
	while (!rc && (r = qc_table_next(t, &row, err)) == 1) {
		const char *v[E__COUNT];
		char uscc[QC_USCC_LEN + 1], region[QC_REGION_CODE_SIZE];
		for (int c = 0; c < E__COUNT; c++)
			v[c] = col[c] >= 0 && (size_t)col[c] < row->n &&
					       !qc_sampling_blank(
						       row->cells[col[c]]) ?
				       row->cells[col[c]] :
				       NULL;
		if (!v[E_USCC] && !v[E_NAME])
			continue;
		if (!v[E_NAME] || !v[E_USCC]) {
			rc = qc_error_set(err, QC_EINVAL,
					  "line %d: field '%s': "
					  "empty",
					  row->line,
					  v[E_NAME] ? "uscc" : "name");
			break;
		}
		if (!qc_uscc_normalize(v[E_USCC], uscc))
			snprintf(uscc, sizeof(uscc), "%.18s", v[E_USCC]);
		bool ok = qc_uscc_check(uscc, err) == QC_OK;
		if (!ok && !allow_unverified) {
			qc_error_prefix(err, "line %d: field 'uscc'",
					row->line);
			rc = QC_EINVAL;
			break;
		}
		int scale = parse_scale(v[E_SCALE]);
		if (scale == -2) {
			rc = qc_error_set(err, QC_EINVAL,
					  "line %d: field 'scale':"
					  " '%s' is neither 规模以上 nor 规模以下",
					  row->line, v[E_SCALE]);
			break;
		}
		if ((rc = region_of(s, v[E_REGION], uscc, ok, v[E_ADDRESS],
				    region, err))) {
			qc_error_prefix(err, "line %d: field 'region'",
					row->line);
			break;
		}
		char prov[QC_REGION_CODE_SIZE];
		qc_region_province(region[0] ? region : uscc + 2, prov);
		qc_stmt_reset(st);
		qc_stmt_bind_text(st, 1, uscc);
		qc_stmt_bind_int(st, 2, ok);
		qc_stmt_bind_text(st, 3, v[E_NAME]);
		qc_stmt_bind_text(st, 4, prov);
		qc_stmt_bind_text(st, 5, region[0] ? region : NULL);
		qc_stmt_bind_text(st, 6, v[E_ADDRESS]);
		qc_stmt_bind_text(st, 7, v[E_INDUSTRY]);
		if (scale >= 0)
			qc_stmt_bind_int(st, 8, scale);
		qc_stmt_bind_text(st, 9, v[E_CQO]);
		qc_stmt_bind_text(st, 10, now);
		if ((rc = qc_stmt_run(st, err))) {
			qc_error_prefix(err, "line %d", row->line);
			break;
		}
		(*count)++;
	}
	if (!rc && r < 0)
		rc = QC_EINVAL;
	qc_stmt_free(st);
	/* An enterprise registered anew in another province keeps its
	 * credit events and listings as they are: they are the province's
	 * that holds the row (its held_by, which an import leaves; 0026). */
	if (!rc) {
		char after[64];
		snprintf(after, sizeof(after), "{\"enterprises\": %zu}",
			 *count);
		rc = qc_audit_add(s, actor, "import", "enterprises", name, NULL,
				  after, err);
	}
	if (rc) {
		qc_store_rollback(s);
		*count = 0;
	} else {
		rc = qc_store_commit(s, err);
	}
out:
	qc_table_close(t);
	return rc;
}

/* At the nation one credit code may be held by several provinces (each
 * server holds the enterprises its rows name; 0026), and ids repeat
 * across provinces: a row is (held_by, id), and its results are those of
 * the province that holds it (a result's enterprise is its own
 * province's; docs/scaling.md "Held by, registered in"). */
#define RESULTS " r.enterprise_id = e.id" QC_NAT(" AND r.held_by = e.held_by")
#define ENTERPRISE_SQL                                                       \
	"SELECT e.id, e.uscc, e.verified, e.name, e.region_code, e.address," \
	" e.industry, e.above_scale, e.chief_quality_officer,"               \
	" (SELECT COUNT(*) FROM sampling_results r WHERE" RESULTS "),"       \
	" (SELECT COUNT(*) FROM sampling_results r WHERE" RESULTS            \
	" AND r.passed = 0), e.held_by FROM enterprises e WHERE e.uscc = ?"  \
	" AND (CAST(? AS TEXT) IS NULL OR e.held_by = ?) ORDER BY e.held_by"

/* Not found, as the reader may know it: within a region it learns
 * nothing of records outside, not even whether the code exists. */
static enum qc_rc not_found(const char *code, const char *held_by,
			    const char *within, struct qc_error *err)
{
	if (within)
		return qc_error_set(err, QC_ENOTFOUND,
				    "no enterprise %s in region %s", code,
				    within);
	if (held_by)
		return qc_error_set(err, QC_ENOTFOUND,
				    "no enterprise with credit code %s held by "
				    "province %s",
				    code, held_by);
	return qc_error_set(err, QC_ENOTFOUND,
			    "no enterprise with credit "
			    "code %s",
			    code);
}

enum qc_rc qc_enterprise_get_within(struct qc_store *s, const char *uscc,
				    const char *held_by, const char *within,
				    struct qc_enterprise *out,
				    struct qc_error *err)
{
	struct qc_stmt *st;
	struct qc_buf holders = QC_BUF_INIT;
	char code[QC_USCC_LEN + 1];
	size_t rows = 0;
	enum qc_rc rc;
	enum qc_rc r;

	memset(out, 0, sizeof(*out));
	if (held_by && !*held_by)
		held_by = NULL;
	if (!uscc || !qc_uscc_normalize(uscc, code))
		return qc_error_set(err, QC_EINVAL,
				    "'%s' is not an 18-character"
				    " credit code",
				    uscc ? uscc : "");
	if ((rc = qc_nat_prepare(s, ENTERPRISE_SQL, &st, err)))
		return rc;
	qc_stmt_bind_text(st, 1, code);
	qc_stmt_bind_text(st, 2, held_by);
	qc_stmt_bind_text(st, 3, held_by);
	while ((r = qc_stmt_next(st, err)) == QC_ROW) {
		const char *h = qc_stmt_text(st, 11);
		/* Outside the reader's scope: not there, not named. */
		if (!qc_nation_in_area(within, qc_stmt_text(st, 4)))
			continue;
		qc_buf_addf(&holders, "%s%s", rows++ ? ", " : "", h ? h : "");
		if (rows > 1)
			continue;
		out->id = qc_stmt_int(st, 0);
		out->uscc = qc_xstrdup(qc_stmt_text(st, 1));
		out->verified = qc_stmt_int(st, 2) != 0;
		out->name = qc_xstrdup(qc_stmt_text(st, 3));
		out->region_code = qc_xstrdup(qc_stmt_text(st, 4));
		out->address = qc_xstrdup(qc_stmt_text(st, 5));
		out->industry = qc_xstrdup(qc_stmt_text(st, 6));
		out->above_scale = qc_stmt_is_null(st, 7) ?
					   -1 :
					   (int)qc_stmt_int(st, 7);
		out->cqo = qc_xstrdup(qc_stmt_text(st, 8));
		out->samples = qc_stmt_int(st, 9);
		out->failed = qc_stmt_int(st, 10);
		snprintf(out->held_by, sizeof(out->held_by), "%s", h ? h : "");
	}
	qc_stmt_free(st);
	if (qc_step_failed(r))
		rc = r;
	else if (!rows)
		rc = not_found(code, held_by, within, err);
	else if (rows > 1) /* only at the nation: uscc is unique elsewhere */
		rc = qc_error_set(err, QC_EINVAL,
				  "credit code %s is held by several provinces "
				  "on the national server, each with its own "
				  "record: give the province (%s)",
				  code, qc_buf_str(&holders));
	qc_buf_release(&holders);
	if (rc)
		qc_enterprise_release(out);
	return rc;
}

enum qc_rc qc_enterprise_get_at(struct qc_store *s, const char *uscc,
				const char *held_by, struct qc_enterprise *out,
				struct qc_error *err)
{
	return qc_enterprise_get_within(s, uscc, held_by, NULL, out, err);
}

enum qc_rc qc_enterprise_get(struct qc_store *s, const char *uscc,
			     struct qc_enterprise *out, struct qc_error *err)
{
	return qc_enterprise_get_at(s, uscc, NULL, out, err);
}

void qc_enterprise_release(struct qc_enterprise *e)
{
	free(e->uscc);
	free(e->name);
	free(e->region_code);
	free(e->address);
	free(e->industry);
	free(e->cqo);
	memset(e, 0, sizeof(*e));
}

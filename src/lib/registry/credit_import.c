/* Import of published administrative penalty lists into credit events
 * (and their disclosures), with header synonyms as the sampling importer
 * reads them; an enterprise not yet registered is added from its code. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/clock.h"
#include "qcity/model.h"
#include "qcity/table.h"
#include "qcity/uscc.h"
#include "credit_int.h"
#include "sampling_int.h"
#include "nation_int.h"
#include "banned.h"

enum pcol {
	P_USCC,
	P_NO,
	P_DATE,
	P_NAME,
	P_ACT,
	P_AUTH,
	P_FIELD,
	P_KIND,
	P__N
};

static const char *const pcol_syn[P__N][8] = {
	[P_USCC] = { "统一社会信用代码", "社会信用代码", "信用代码", "uscc",
		     NULL },
	[P_NO] = { "处罚决定书文号", "行政处罚决定书文号", "决定书文号", "文号",
		   "decision_no", NULL },
	[P_DATE] = { "处罚日期", "处罚决定日期", "决定日期", "作出处罚决定日期",
		     "date", NULL },
	[P_NAME] = { "当事人名称", "企业名称", "名称", "行政相对人名称", "name",
		     NULL },
	[P_ACT] = { "违法行为", "违法行为类型", "案由", "主要违法事实", "title",
		    NULL },
	[P_AUTH] = { "处罚机关", "作出处罚决定机关", "决定机关", "authority",
		     NULL },
	[P_FIELD] = { "领域", "行业领域", "category", NULL },
	[P_KIND] = { "处罚种类", "处罚类别", "处罚内容", "处罚结果",
		     "penalty_kind", NULL },
};

/* The penalty kind of 处罚种类 / 处罚内容 as 45号规定 art. 2 and 13 sort
 * them: only 警告 → warning; only 通报批评 → notice; a fine the list marks
 * 较低数额 → low_fine; anything else (a fine, confiscation, suspension…)
 * and an absent column → other. The low-fine threshold is set by each
 * province (art. 13 para. 2), so a bare amount is not classified here. */
static const char *penalty_kind_of(const char *s)
{
	static const char *const heavier[] = { "罚款", "没收", "吊销", "责令",
					       "停",   "限制", "撤销", "降低",
					       "拘留", NULL };
	bool heavy = false, warn, notice;
	if (!s)
		return "other";
	if (!strcmp(s, "warning") || !strcmp(s, "notice") ||
	    !strcmp(s, "low_fine") || !strcmp(s, "other"))
		return s;
	for (int k = 0; heavier[k]; k++)
		heavy = heavy || strstr(s, heavier[k]);
	warn = strstr(s, "警告");
	notice = strstr(s, "通报批评");
	if (strstr(s, "较低数额罚款") && !strstr(s, "没收") &&
	    !strstr(s, "吊销") && !strstr(s, "责令"))
		return "low_fine";
	if (heavy)
		return "other";
	if (notice)
		return "notice";
	return warn ? "warning" : "other";
}

static const char *category_of(const char *s)
{
	if (!s)
		return "general";
	if (strstr(s, "特种设备") || !strcmp(s, "special_equipment"))
		return "special_equipment";
	if (strstr(s, "药") || !strcmp(s, "drug"))
		return "drug";
	if (strstr(s, "食品") || !strcmp(s, "food"))
		return "food";
	return "general";
}

/* The enterprise of a code, registered from the list when unknown. */
static enum qc_rc ensure_enterprise(struct qc_store *s, const char *code,
				    const char *name, int line,
				    struct qc_error *err)
{
	struct qc_stmt *st;
	char div[QC_REGION_CODE_SIZE], region[QC_REGION_CODE_SIZE] = "",
				       prov[QC_REGION_CODE_SIZE], now[32];
	int64_t id;
	bool found;
	enum qc_rc rc;

	rc = qc_store_get_int(s, "SELECT id FROM enterprises WHERE uscc = ?",
			      QC_TEXTS(code), &id, &found, err);
	if (rc || found)
		return rc;
	if (!name)
		return qc_error_set(err, QC_EINVAL,
				    "line %d: field 'name': %s is not"
				    " registered and the list gives no name",
				    line, code);
	qc_uscc_region(code, div);
	qc_region_of_division(s, div, region);
	qc_region_province(region[0] ? region : div, prov);
	qc_now_iso(now, sizeof(now));
	rc = qc_stmt_prepare(s,
			     "INSERT INTO enterprises (uscc, verified, name,"
			     " province_code, region_code, created_at) VALUES"
			     " (?, 1, ?, ?, ?, ?)",
			     &st, err);
	if (rc)
		return rc;
	qc_stmt_bind_text(st, 1, code);
	qc_stmt_bind_text(st, 2, name);
	qc_stmt_bind_text(st, 3, prov);
	qc_stmt_bind_text(st, 4, region[0] ? region : NULL);
	qc_stmt_bind_text(st, 5, now);
	rc = qc_stmt_run(st, err);
	qc_stmt_free(st);
	return rc;
}

static enum qc_rc one_row(struct qc_store *s, const char *const *v, int line,
			  const char *source, const char *actor, bool *added,
			  struct qc_error *err)
{
	char code[QC_USCC_LEN + 1], day[11];
	bool found;
	int64_t id;
	enum qc_rc rc;

	*added = false;
	if (!v[P_USCC] || !v[P_NO] || !v[P_DATE])
		return qc_error_set(err, QC_EINVAL,
				    "line %d: field '%s': empty", line,
				    !v[P_USCC] ? "uscc" :
				    !v[P_NO]   ? "decision_no" :
						 "date");
	if (!qc_uscc_normalize(v[P_USCC], code) || qc_uscc_check(code, err)) {
		qc_error_prefix(err, "line %d: field 'uscc'", line);
		return QC_EINVAL;
	}
	if (!qc_sampling_parse_date(v[P_DATE], day))
		return qc_error_set(err, QC_EINVAL,
				    "line %d: field 'date': '%s' is not a date",
				    line, v[P_DATE]);
	rc = qc_store_get_int(s,
			      "SELECT id FROM credit_events WHERE kind ="
			      " 'penalty' AND evidence = ?",
			      QC_TEXTS(v[P_NO]), &id, &found, err);
	if (rc || found)
		return rc;
	if ((rc = ensure_enterprise(s, code, v[P_NAME], line, err)))
		return rc;
	struct qc_credit_event_in in = {
		.uscc = code,
		.kind = "penalty",
		.occurred_on = day,
		.title = v[P_ACT] ? v[P_ACT] : "行政处罚",
		.source = source,
		.authority = v[P_AUTH],
		.evidence = v[P_NO],
		.category = category_of(v[P_FIELD]),
		.penalty_kind = penalty_kind_of(v[P_KIND]),
	};
	rc = qc_credit_event_add(s, &in, actor, &id, err);
	if (rc)
		qc_error_prefix(err, "line %d", line);
	*added = !rc;
	return rc;
}

enum qc_rc qc_credit_penalty_import(struct qc_store *s, const char *data,
				    size_t len, const char *name,
				    const char *actor, size_t *count,
				    struct qc_error *err)
{
	struct qc_table *t = NULL;
	struct qc_table_row *row;
	int col[P__N], r = 0;
	enum qc_rc rc;

	*count = 0;
	if ((rc = qc_store_refuse_national_write(s, err)) ||
	    (rc = qc_table_open(data, len, name, &t, err)))
		return rc;
	if ((rc = qc_credit_header(t, &pcol_syn[0][0],
				   sizeof(pcol_syn[0]) / sizeof(pcol_syn[0][0]),
				   P__N, col, &row, err)))
		goto out;
	if (col[P_USCC] < 0 || col[P_NO] < 0 || col[P_DATE] < 0) {
		rc = qc_error_set(err, QC_EINVAL,
				  "line %d: the header needs 统一社会信用代码,"
				  " 处罚决定书文号 and 处罚日期 columns",
				  row->line);
		goto out;
	}
	if ((rc = qc_store_begin(s, err)))
		goto out;
	while (!rc && (r = qc_table_next(t, &row, err)) == 1) {
		const char *v[P__N];
		bool added;
		if (qc_credit_cells(row, col, P__N, v))
			continue;
		rc = one_row(s, v, row->line, name, actor, &added, err);
		*count += added;
	}
	rc = qc_credit_import_end(s, rc, r, actor, "credit_penalties", name,
				  "penalties", count, err);
out:
	qc_table_close(t);
	return rc;
}

enum qc_rc qc_credit_sync_complaints(struct qc_store *s, const char *actor,
				     size_t *count, struct qc_error *err)
{
	struct qc_stmt *st = NULL;
	struct {
		int64_t id;
		char uscc[19], date[11];
		char *title;
	} *v = NULL;
	size_t n = 0, alloc = 0;
	enum qc_rc rc, r = QC_OK;

	*count = 0;
	if ((rc = qc_store_refuse_national_write(s, err)) ||
	    (rc = qc_store_begin(s, err)))
		return rc;
	/* A report (举报) the regulator opened a case on (立案), against a
	 * registered enterprise, not yet on its record. */
	rc = qc_stmt_prepare(
		s,
		"SELECT c.id, e.uscc, c.decided_on, c.text FROM complaints c"
		" JOIN enterprises e ON e.uscc = c.respondent_uscc WHERE"
		" c.kind = 'report' AND c.decided_on IS NOT NULL AND"
		" EXISTS (SELECT 1 FROM complaint_events x WHERE"
		" x.complaint_id = c.id AND x.to_state = 'case_opened') AND"
		" NOT EXISTS (SELECT 1 FROM credit_events k WHERE"
		" k.kind = 'complaint_upheld' AND k.evidence ="
		" 'complaint:' || CAST(c.id AS TEXT)) ORDER BY c.id",
		&st, err);
	while (!rc && (r = qc_stmt_next(st, err)) == QC_ROW) {
		QC_GROW(v, n + 1, alloc);
		v[n].id = qc_stmt_int(st, 0);
		snprintf(v[n].uscc, sizeof(v[n].uscc), "%s",
			 qc_stmt_text(st, 1));
		snprintf(v[n].date, sizeof(v[n].date), "%.10s",
			 qc_stmt_text(st, 2));
		v[n++].title = qc_xstrndup(qc_stmt_text(st, 3), 120);
	}
	if (!rc && qc_step_failed(r))
		rc = r;
	qc_stmt_free(st);
	for (size_t i = 0; !rc && i < n; i++) {
		char evidence[48];
		int64_t id;
		snprintf(evidence, sizeof(evidence), "complaint:%lld",
			 (long long)v[i].id);
		struct qc_credit_event_in in = {
			.uscc = v[i].uscc,
			.kind = "complaint_upheld",
			.occurred_on = v[i].date,
			.title = v[i].title && *v[i].title ? v[i].title :
							     "举报查实立案",
			.source = "complaints",
			.evidence = evidence,
		};
		if (!(rc = qc_credit_event_add(s, &in, actor, &id, err)))
			(*count)++;
	}
	for (size_t i = 0; i < n; i++)
		free(v[i].title);
	free(v);
	if (rc)
		*count = 0;
	return qc_store_end(s, rc, err);
}

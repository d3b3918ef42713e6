/* The awards register read: published lists imported, entries listed and
 * counted, and plan count targets fed from the counts (docs/credit.md). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/award.h"
#include "qcity/clock.h"
#include "qcity/indicator.h"
#include "qcity/model.h"
#include "qcity/num.h"
#include "qcity/plan.h"
#include "qcity/table.h"
#include "credit_int.h"
#include "sampling_int.h"
#include "banned.h"

enum acol {
	A_HOLDER,
	A_KIND,
	A_LEVEL,
	A_YEAR,
	A_USCC,
	A_REGION,
	A_NAME,
	A_VALID,
	A_CERT,
	A__N
};

static const char *const acol_syn[A__N][8] = {
	[A_HOLDER] = { "获奖单位", "企业名称", "单位名称", "持有人", "注册人",
		       "名称", "holder", NULL },
	[A_KIND] = { "类别", "奖项", "荣誉名称", "认定类别", "kind", NULL },
	[A_LEVEL] = { "级别", "层级", "level", NULL },
	[A_YEAR] = { "年度", "认定年度", "获奖年度", "年份", "year", NULL },
	[A_USCC] = { "统一社会信用代码", "社会信用代码", "信用代码", "uscc",
		     NULL },
	[A_REGION] = { "地区", "所在地", "行政区划", "region", NULL },
	[A_NAME] = { "产品名称", "产品", "商标", "商标名称", "姓名", "name",
		     NULL },
	[A_VALID] = { "有效期至", "有效期", "valid_until", NULL },
	[A_CERT] = { "证书编号", "证书号", "注册号", "certificate", NULL },
};

static const char *level_word(const char *s)
{
	static const struct {
		const char *word, *level;
	} w[] = { { "国家", "national" },     { "省", "provincial" },
		  { "自治区", "provincial" }, { "市", "municipal" },
		  { "县", "county" },         { "区", "county" } };
	if (!s)
		return NULL;
	for (size_t i = 0; i < sizeof(w) / sizeof(w[0]); i++)
		if (strstr(s, w[i].word) || !strcmp(s, w[i].level))
			return w[i].level;
	return NULL;
}

enum qc_rc qc_award_import(struct qc_store *s, const char *data, size_t len,
			   const char *name, const char *kind,
			   const char *actor, size_t *count,
			   struct qc_error *err)
{
	struct qc_table *t = NULL;
	struct qc_table_row *row;
	int col[A__N], r = 0;
	enum qc_rc rc;

	*count = 0;
	if ((rc = qc_table_open(data, len, name, &t, err)))
		return rc;
	if ((rc = qc_credit_header(t, &acol_syn[0][0],
				   sizeof(acol_syn[0]) / sizeof(acol_syn[0][0]),
				   A__N, col, &row, err)))
		goto out;
	if (col[A_HOLDER] < 0 || col[A_YEAR] < 0 ||
	    (col[A_KIND] < 0 && !kind)) {
		rc = qc_error_set(err, QC_EINVAL,
				  "line %d: the header needs 获奖单位 (企业名称)"
				  " and 年度 columns, and 类别 unless --kind"
				  " is given",
				  row->line);
		goto out;
	}
	if ((rc = qc_store_begin(s, err)))
		goto out;
	while (!rc && (r = qc_table_next(t, &row, err)) == 1) {
		const char *v[A__N], *k, *l;
		int64_t id;
		int yr;
		if (qc_credit_cells(row, col, A__N, v))
			continue;
		if (!qc_award_kind_parse(v[A_KIND] ? v[A_KIND] : kind, &k,
					 &l)) {
			rc = qc_error_set(err, QC_EINVAL,
					  "line %d: field 'kind': '%s' names"
					  " no kind of the register",
					  row->line,
					  v[A_KIND] ? v[A_KIND] : kind);
			break;
		}
		if (v[A_LEVEL] && !(l = level_word(v[A_LEVEL]))) {
			rc = qc_error_set(err, QC_EINVAL,
					  "line %d: field 'level': '%s' is not"
					  " 国家, 省, 市 or 县",
					  row->line, v[A_LEVEL]);
			break;
		}
		if (!v[A_YEAR] || !qc_parse_int(v[A_YEAR], 1980, 2100, &yr)) {
			rc = qc_error_set(err, QC_EINVAL,
					  "line %d: field 'year': '%s' is not"
					  " a year",
					  row->line,
					  v[A_YEAR] ? v[A_YEAR] : "");
			break;
		}
		struct qc_award_in in = {
			.kind = k,
			.level = *l ? l : "municipal",
			.holder = v[A_HOLDER],
			.uscc = v[A_USCC],
			.region = v[A_REGION],
			.name = v[A_NAME],
			.year = yr,
			.valid_until = v[A_VALID],
			.certificate = v[A_CERT],
			.source = name,
		};
		if ((rc = qc_award_add(s, &in, actor, &id, err)))
			qc_error_prefix(err, "line %d", row->line);
		*count += id != 0;
	}
	rc = qc_credit_import_end(s, rc, r, actor, "awards", name, "awards",
				  count, err);
out:
	qc_table_close(t);
	return rc;
}

void qc_awards_release(struct qc_awards *a)
{
	for (size_t i = 0; i < a->n; i++) {
		struct qc_award *e = &a->v[i];
		free(e->kind);
		free(e->level);
		free(e->holder);
		free(e->uscc);
		free(e->region);
		free(e->name);
		free(e->valid_until);
		free(e->certificate);
		free(e->source);
	}
	free(a->v);
	memset(a, 0, sizeof(*a));
}

static enum qc_rc span_of(struct qc_store *s, const char *region,
			  char lo[QC_REGION_CODE_SIZE],
			  char hi[QC_REGION_CODE_SIZE + 1],
			  struct qc_error *err)
{
	char code[QC_REGION_CODE_SIZE];
	enum qc_rc rc;
	lo[0] = hi[0] = '\0';
	if (!region)
		return QC_OK;
	if (!(rc = qc_region_resolve(s, region, code, err)))
		qc_region_span(code, lo, hi);
	return rc;
}

enum qc_rc qc_award_list(struct qc_store *s, const char *region,
			 const char *kind, int year, struct qc_awards *out,
			 struct qc_error *err)
{
	struct qc_stmt *st;
	char lo[QC_REGION_CODE_SIZE], hi[QC_REGION_CODE_SIZE + 1];
	enum qc_rc rc, r;

	memset(out, 0, sizeof(*out));
	if ((rc = span_of(s, region, lo, hi, err)))
		return rc;
	rc = qc_stmt_prepare(s,
			     "SELECT id, kind, level, holder, uscc,"
			     " region_code, name, year, valid_until,"
			     " certificate, source FROM awards WHERE"
			     " (CAST(? AS TEXT) IS NULL OR (region_code >= ?"
			     " AND region_code < ?)) AND (CAST(? AS TEXT) IS"
			     " NULL OR kind = ?) AND (? = 0 OR year = ?)"
			     " ORDER BY year DESC, kind, holder",
			     &st, err);
	if (rc)
		return rc;
	qc_stmt_bind_text(st, 1, region ? lo : NULL);
	qc_stmt_bind_text(st, 2, lo);
	qc_stmt_bind_text(st, 3, hi);
	qc_stmt_bind_text(st, 4, kind);
	qc_stmt_bind_text(st, 5, kind);
	qc_stmt_bind_int(st, 6, year);
	qc_stmt_bind_int(st, 7, year);
	while ((r = qc_stmt_next(st, err)) == QC_ROW) {
		QC_GROW(out->v, out->n + 1, out->alloc);
		struct qc_award *e = &out->v[out->n++];
		e->id = qc_stmt_int(st, 0);
		e->kind = qc_xstrdup(qc_stmt_text(st, 1));
		e->level = qc_xstrdup(qc_stmt_text(st, 2));
		e->holder = qc_xstrdup(qc_stmt_text(st, 3));
		e->uscc = qc_xstrdup(qc_stmt_text(st, 4));
		e->region = qc_xstrdup(qc_stmt_text(st, 5));
		e->name = qc_xstrdup(qc_stmt_text(st, 6));
		e->year = (int)qc_stmt_int(st, 7);
		e->valid_until = qc_xstrdup(qc_stmt_text(st, 8));
		e->certificate = qc_xstrdup(qc_stmt_text(st, 9));
		e->source = qc_xstrdup(qc_stmt_text(st, 10));
	}
	qc_stmt_free(st);
	if (qc_step_failed(r)) {
		qc_awards_release(out);
		return r;
	}
	return QC_OK;
}

enum qc_rc qc_award_count(struct qc_store *s, const char *region,
			  const char *kind, const char *level, int from, int to,
			  long long *n, struct qc_error *err)
{
	struct qc_stmt *st;
	char lo[QC_REGION_CODE_SIZE], hi[QC_REGION_CODE_SIZE + 1];
	enum qc_rc rc, r;

	*n = 0;
	if ((rc = span_of(s, region, lo, hi, err)))
		return rc;
	rc = qc_stmt_prepare(s,
			     "SELECT COUNT(*) FROM awards WHERE kind = ? AND"
			     " (CAST(? AS TEXT) IS NULL OR level = ?) AND"
			     " year >= ? AND year <= ? AND (CAST(? AS TEXT)"
			     " IS NULL OR (region_code >= ? AND"
			     " region_code < ?))",
			     &st, err);
	if (rc)
		return rc;
	qc_stmt_bind_text(st, 1, kind);
	qc_stmt_bind_text(st, 2, level && *level ? level : NULL);
	qc_stmt_bind_text(st, 3, level);
	qc_stmt_bind_int(st, 4, from);
	qc_stmt_bind_int(st, 5, to);
	qc_stmt_bind_text(st, 6, region ? lo : NULL);
	qc_stmt_bind_text(st, 7, lo);
	qc_stmt_bind_text(st, 8, hi);
	if ((r = qc_stmt_next(st, err)) == QC_ROW)
		*n = qc_stmt_int(st, 0);
	qc_stmt_free(st);
	return qc_step_rc(r);
}

struct fed {
	int64_t indicator_id;
	char *text, *kind_col, *op;
	char kind[32], level[16];
	bool adds_up;
};

static enum qc_rc feed_one(struct qc_store *s, const struct fed *f,
			   const char *region, int first, int last,
			   const char *actor, struct qc_error *err)
{
	enum qc_rc rc = QC_OK;
	for (int y = first; !rc && y <= last; y++) {
		long long n;
		char period[8], note[256];
		rc = qc_award_count(s, region, f->kind, f->level,
				    f->adds_up ? y : 1980, y, &n, err);
		if (rc)
			break;
		snprintf(period, sizeof(period), "%d", y);
		snprintf(note, sizeof(note),
			 f->adds_up ? "奖项品牌登记册：%d 年认定 %lld 个" :
				      "奖项品牌登记册：截至 %d 年累计 %lld 个",
			 y, n);
		struct qc_value_in v = {
			.indicator_id = f->indicator_id,
			.region = region,
			.period = period,
			.value = (double)n,
			.note = note,
			.source = "register:awards",
		};
		rc = qc_value_set(s, &v, actor, err);
	}
	return rc;
}

enum qc_rc qc_award_feed(struct qc_store *s, int64_t plan_id, const char *actor,
			 size_t *targets, struct qc_error *err)
{
	struct qc_stmt *st = NULL;
	struct fed *f = NULL;
	size_t n = 0, alloc = 0;
	char region[QC_REGION_CODE_SIZE] = "";
	int first = 0, last = 0, y, m, d;
	enum qc_rc rc, r = QC_OK;

	*targets = 0;
	rc = qc_stmt_prepare(s,
			     "SELECT p.region_code, COALESCE(p.period_start,"
			     " CAST(substr(p.issue_date, 1, 4) AS INTEGER)),"
			     " COALESCE(p.period_end, (SELECT MAX(due_year)"
			     " FROM targets WHERE plan_id = p.id)) FROM plans p"
			     " WHERE p.id = ?",
			     &st, err);
	if (rc)
		return rc;
	qc_stmt_bind_int(st, 1, plan_id);
	if ((r = qc_stmt_next(st, err)) == QC_ROW) {
		snprintf(region, sizeof(region), "%s",
			 qc_stmt_text(st, 0) ? qc_stmt_text(st, 0) : "");
		first = (int)qc_stmt_int(st, 1);
		last = (int)qc_stmt_int(st, 2);
	}
	qc_stmt_free(st);
	if (r != QC_ROW)
		return r == QC_DONE ?
			       qc_error_set(err, QC_ENOTFOUND, "no plan %lld",
					    (long long)plan_id) :
			       r;
	if (!region[0] || !first)
		return qc_error_set(err, QC_EINVAL,
				    "plan %lld has no region or period to count"
				    " the register in",
				    (long long)plan_id);
	qc_civil_from_days(qc_today_days(), &y, &m, &d);
	if (last < first)
		last = first;
	if (last > y)
		last = y;
	rc = qc_stmt_prepare(s,
			     "SELECT t.indicator_id, t.indicator_text, t.unit,"
			     " i.kind, t.op FROM targets t JOIN indicators i"
			     " ON i.id = t.indicator_id WHERE t.plan_id = ?"
			     " ORDER BY t.seq",
			     &st, err);
	if (rc)
		return rc;
	qc_stmt_bind_int(st, 1, plan_id);
	while ((r = qc_stmt_next(st, err)) == QC_ROW) {
		const char *k, *l;
		enum qc_measure_kind mk = QC_MEASURE_FLOW;
		enum qc_op op;
		if (!qc_unit_accumulates(qc_stmt_text(st, 2)) ||
		    !qc_award_kind_parse(qc_stmt_text(st, 1), &k, &l))
			continue;
		QC_GROW(f, n + 1, alloc);
		memset(&f[n], 0, sizeof(f[n]));
		f[n].indicator_id = qc_stmt_int(st, 0);
		snprintf(f[n].kind, sizeof(f[n].kind), "%s", k);
		snprintf(f[n].level, sizeof(f[n].level), "%s", l);
		qc_measure_kind_parse(qc_stmt_text(st, 3), &mk);
		f[n].adds_up = !qc_op_parse(qc_stmt_text(st, 4), &op) ||
			       qc_measure_adds_up(mk, op);
		n++;
	}
	qc_stmt_free(st);
	if (qc_step_failed(r)) {
		free(f);
		return r;
	}
	if ((rc = qc_store_begin(s, err))) {
		free(f);
		return rc;
	}
	for (size_t i = 0; !rc && i < n; i++)
		rc = feed_one(s, &f[i], region, first, last, actor, err);
	if (!rc)
		*targets = n;
	free(f);
	return qc_store_end(s, rc, err);
}

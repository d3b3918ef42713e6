/* Reward rules as data (docs/credit.md): the yearly tax paid imported,
 * and per rule file the eligibility list of a year (award × tax paid in
 * the award year against the tier's threshold), which the office approves. */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/award.h"
#include "qcity/clock.h"
#include "qcity/json.h"
#include "qcity/model.h"
#include "qcity/strbuf.h"
#include "qcity/num.h"
#include "qcity/table.h"
#include "qcity/uscc.h"
#include "credit_int.h"
#include "sampling_int.h"
#include "banned.h"

enum tcol { T_USCC, T_YEAR, T_AMOUNT, T_NAME, T__N };

static const char *const tcol_syn[T__N][10] = {
	[T_USCC] = { "统一社会信用代码", "社会信用代码", "纳税人识别号",
		     "信用代码", "uscc", NULL },
	[T_YEAR] = { "年度", "所属年度", "纳税年度", "年份", "year", NULL },
	[T_AMOUNT] = { "纳税额", "纳税额(元)", "纳税总额", "实缴税额",
		       "实缴税额(元)", "纳税额(万元)", "纳税总额(万元)",
		       "实缴税额(万元)", "amount", NULL },
	[T_NAME] = { "企业名称", "纳税人名称", "名称", "name", NULL },
};

/* "2,350,000.5" or "235.5": a non-negative amount, thousands commas
 * allowed, nothing else after the number. */
static bool amount_of(const char *s, double *out)
{
	char buf[64], *end;
	size_t k = 0;
	for (; *s && k + 1 < sizeof(buf); s++)
		if (*s != ',')
			buf[k++] = *s;
	if (*s || !k)
		return false;
	buf[k] = '\0';
	*out = strtod(buf, &end);
	return !*end && end != buf && isfinite(*out) && *out >= 0;
}

enum qc_rc qc_tax_import(struct qc_store *s, const char *data, size_t len,
			 const char *name, const char *actor, size_t *count,
			 struct qc_error *err)
{
	struct qc_table *t = NULL;
	struct qc_table_row *row;
	struct qc_stmt *st = NULL;
	int col[T__N], r = 0;
	double scale = 1;
	char now[32];
	enum qc_rc rc;

	*count = 0;
	if ((rc = qc_table_open(data, len, name, &t, err)))
		return rc;
	if ((rc = qc_credit_header(t, &tcol_syn[0][0],
				   sizeof(tcol_syn[0]) / sizeof(tcol_syn[0][0]),
				   T__N, col, &row, err)))
		goto out;
	if (col[T_AMOUNT] >= 0 && strstr(row->cells[col[T_AMOUNT]], "万元"))
		scale = 10000;
	if (col[T_USCC] < 0 || col[T_YEAR] < 0 || col[T_AMOUNT] < 0) {
		rc = qc_error_set(err, QC_EINVAL,
				  "line %d: the header needs 统一社会信用代码,"
				  " 年度 and 纳税额 columns",
				  row->line);
		goto out;
	}
	if ((rc = qc_store_begin(s, err)))
		goto out;
	qc_now_iso(now, sizeof(now));
	rc = qc_stmt_prepare(s,
			     "INSERT INTO tax_paid (uscc, year, name, amount,"
			     " source, imported_at) VALUES (?, ?, ?, ?, ?, ?)"
			     " ON CONFLICT (uscc, year) DO UPDATE SET"
			     " name = excluded.name, amount = excluded.amount,"
			     " source = excluded.source,"
			     " imported_at = excluded.imported_at",
			     &st, err);
	while (!rc && (r = qc_table_next(t, &row, err)) == 1) {
		const char *v[T__N];
		char code[QC_USCC_LEN + 1];
		int year;
		double amount;
		if (qc_credit_cells(row, col, T__N, v))
			continue;
		if (!v[T_USCC] || !qc_uscc_normalize(v[T_USCC], code) ||
		    qc_uscc_check(code, err)) {
			if (!v[T_USCC])
				qc_error_set(err, QC_EINVAL, "empty");
			qc_error_prefix(err, "line %d: field 'uscc'",
					row->line);
			rc = QC_EINVAL;
			break;
		}
		if (!v[T_YEAR] || !qc_parse_int(v[T_YEAR], 1980, 2100, &year)) {
			rc = qc_error_set(err, QC_EINVAL,
					  "line %d: field 'year': '%s' is not"
					  " a year",
					  row->line,
					  v[T_YEAR] ? v[T_YEAR] : "");
			break;
		}
		if (!v[T_AMOUNT] || !amount_of(v[T_AMOUNT], &amount)) {
			rc = qc_error_set(err, QC_EINVAL,
					  "line %d: field 'amount': '%s' is"
					  " not an amount",
					  row->line,
					  v[T_AMOUNT] ? v[T_AMOUNT] : "");
			break;
		}
		qc_stmt_reset(st);
		qc_stmt_bind_text(st, 1, code);
		qc_stmt_bind_int(st, 2, year);
		qc_stmt_bind_text(st, 3, v[T_NAME]);
		qc_stmt_bind_double(st, 4, amount * scale);
		qc_stmt_bind_text(st, 5, name);
		qc_stmt_bind_text(st, 6, now);
		if ((rc = qc_stmt_run(st, err)))
			qc_error_prefix(err, "line %d", row->line);
		else
			(*count)++;
	}
	qc_stmt_free(st);
	rc = qc_credit_import_end(s, rc, r, actor, "tax_paid", name, "tax_rows",
				  count, err);
out:
	qc_table_close(t);
	return rc;
}

void qc_rewards_release(struct qc_rewards *r)
{
	for (size_t i = 0; i < r->n; i++) {
		struct qc_reward_row *e = &r->v[i];
		free(e->holder);
		free(e->uscc);
		free(e->award);
		free(e->rule);
		free(e->rule_text);
		free(e->amount);
		free(e->evidence);
		free(e->approved_on);
	}
	free(r->v);
	free(r->rules);
	free(r->plan);
	memset(r, 0, sizeof(*r));
}

/* One tier's awards against the register of the year. */
static enum qc_rc tier_rows(struct qc_store *s, json_t *tier, size_t ti,
			    struct qc_rewards *out, struct qc_error *err)
{
	const char *key = json_string_value(json_object_get(tier, "key"));
	const char *text = json_string_value(json_object_get(tier, "text"));
	const char *amount = json_string_value(json_object_get(tier, "amount"));
	json_t *min = json_object_get(tier, "min_tax");
	json_t *aw = json_object_get(tier, "awards");
	struct qc_stmt *st;
	size_t i;
	json_t *a;
	enum qc_rc rc = QC_OK, r;

	if (!key || !json_is_number(min) || !json_is_array(aw))
		return qc_error_set(err, QC_EINVAL,
				    "rules: tiers[%zu] needs key, min_tax and"
				    " awards",
				    ti);
	json_array_foreach(aw, i, a)
	{
		const char *kind = json_string_value(
			json_object_get(a, "kind"));
		const char *level = json_string_value(
			json_object_get(a, "level"));
		if (!qc_award_kind_label(kind))
			return qc_error_set(err, QC_EINVAL,
					    "rules: tiers[%zu].awards[%zu]:"
					    " '%s' is not a kind of the"
					    " register",
					    ti, i, kind ? kind : "");
		rc = qc_stmt_prepare(
			s,
			"SELECT a.id, a.holder, a.uscc, a.name, a.level,"
			" a.certificate, t.amount, t.source,"
			" (SELECT approved_on FROM reward_approvals p WHERE"
			" p.rules = ? AND p.year = a.year AND p.award_id = a.id)"
			" FROM awards a LEFT JOIN tax_paid t ON t.uscc = a.uscc"
			" AND t.year = a.year WHERE a.kind = ? AND"
			" (CAST(? AS TEXT) IS NULL OR a.level = ?) AND"
			" a.year = ? ORDER BY a.holder, a.id",
			&st, err);
		if (rc)
			return rc;
		qc_stmt_bind_text(st, 1, out->rules);
		qc_stmt_bind_text(st, 2, kind);
		qc_stmt_bind_text(st, 3, level);
		qc_stmt_bind_text(st, 4, level);
		qc_stmt_bind_int(st, 5, out->year);
		while ((r = qc_stmt_next(st, err)) == QC_ROW) {
			QC_GROW(out->v, out->n + 1, out->alloc);
			struct qc_reward_row *e = &out->v[out->n++];
			struct qc_buf b;
			const char *nm = qc_stmt_text(st, 3),
				   *cert = qc_stmt_text(st, 5),
				   *src = qc_stmt_text(st, 7);
			memset(e, 0, sizeof(*e));
			e->award_id = qc_stmt_int(st, 0);
			e->holder = qc_xstrdup(qc_stmt_text(st, 1));
			e->uscc = qc_xstrdup(qc_stmt_text(st, 2));
			qc_buf_init(&b, 1024);
			qc_buf_addf(&b, "%d %s（%s）%s%s", out->year,
				    qc_award_kind_label(kind),
				    qc_award_level_label(qc_stmt_text(st, 4)),
				    nm && *nm ? " " : "", nm ? nm : "");
			qc_buf_mark_cut(&b, "…");
			e->award = qc_buf_detach(&b, NULL);
			e->rule = qc_xstrdup(key);
			e->rule_text = qc_xstrdup(text ? text : key);
			e->min_tax = json_number_value(min);
			e->tax = qc_stmt_is_null(st, 6) ? -1 :
							  qc_stmt_double(st, 6);
			e->eligible = e->tax >= e->min_tax;
			e->amount = qc_xstrdup(amount);
			qc_buf_init(&b, 1024);
			qc_buf_addf(&b, "证书 %s；纳税 %s%s%s",
				    cert ? cert : "—",
				    e->tax < 0 ? "无记录" : "", src ? "（" : "",
				    src ? src : "");
			if (src)
				qc_buf_adds(&b, "）");
			qc_buf_mark_cut(&b, "…");
			e->evidence = qc_buf_detach(&b, NULL);
			e->approved_on = qc_xstrdup(qc_stmt_text(st, 8));
		}
		qc_stmt_free(st);
		if (qc_step_failed(r))
			return r;
	}
	return QC_OK;
}

enum qc_rc qc_reward_list(struct qc_store *s, const char *rules, size_t len,
			  int year, struct qc_rewards *out,
			  struct qc_error *err)
{
	json_error_t je;
	json_t *j, *tiers, *tier;
	size_t i;
	enum qc_rc rc = QC_OK;

	memset(out, 0, sizeof(*out));
	if (year < 1980 || year > 2100)
		return qc_error_set(err, QC_EINVAL,
				    "year: %d is outside 1980..2100", year);
	if (!(j = json_loadb(rules, len, 0, &je)))
		return qc_error_set(err, QC_EINVAL, "rules: line %d: %s",
				    je.line, je.text);
	const char *key = json_string_value(json_object_get(j, "key"));
	tiers = json_object_get(j, "tiers");
	if (!key || !json_is_array(tiers) || !json_array_size(tiers)) {
		rc = qc_error_set(err, QC_EINVAL,
				  "rules: needs a 'key' and a list of 'tiers'");
		goto out;
	}
	out->rules = qc_xstrdup(key);
	out->plan = qc_xstrdup(json_string_value(json_object_get(j, "plan")));
	out->year = year;
	json_array_foreach(tiers, i, tier)
	{
		if ((rc = tier_rows(s, tier, i, out, err)))
			break;
	}
out:
	json_decref(j);
	if (rc)
		qc_rewards_release(out);
	return rc;
}

enum qc_rc qc_reward_approve(struct qc_store *s, const char *rules, size_t len,
			     int year, int64_t award_id, const char *date,
			     const char *actor, struct qc_error *err)
{
	struct qc_rewards l;
	struct qc_stmt *st = NULL;
	const struct qc_reward_row *row = NULL;
	char day[11], key[64];
	enum qc_rc rc;

	if ((rc = qc_credit_date(date, "date", day, err)) ||
	    (rc = qc_reward_list(s, rules, len, year, &l, err)))
		return rc;
	for (size_t i = 0; i < l.n && !row; i++)
		if (l.v[i].award_id == award_id && l.v[i].eligible)
			row = &l.v[i];
	if (!row) {
		rc = qc_error_set(err, QC_ECONFLICT,
				  "award %lld is not eligible under %s in %d",
				  (long long)award_id, l.rules, year);
		goto out;
	}
	if ((rc = qc_store_begin(s, err)))
		goto out;
	rc = qc_stmt_prepare(s,
			     "INSERT INTO reward_approvals (rules, year,"
			     " award_id, rule, amount, approved_on,"
			     " approved_by) VALUES (?, ?, ?, ?, NULL, ?, ?)",
			     &st, err);
	if (!rc) {
		qc_stmt_bind_text(st, 1, l.rules);
		qc_stmt_bind_int(st, 2, year);
		qc_stmt_bind_int(st, 3, award_id);
		qc_stmt_bind_text(st, 4, row->rule);
		qc_stmt_bind_text(st, 5, day);
		qc_stmt_bind_text(st, 6, actor);
		rc = qc_stmt_run(st, err);
		if (rc == QC_ECONFLICT)
			rc = qc_error_set(err, QC_ECONFLICT,
					  "award %lld is approved already",
					  (long long)award_id);
	}
	snprintf(key, sizeof(key), "%s/%d/%lld", l.rules, year,
		 (long long)award_id);
	if (!rc)
		rc = qc_audit_add_json(s, actor, "approve", "reward", key, NULL,
				       qc_xjson_pack("{s:s, s:s, s:f, s:f, s:s}",
						     "holder", row->holder,
						     "rule", row->rule, "tax",
						     row->tax, "min_tax",
						     row->min_tax,
						     "approved_on", day),
				       err);
	qc_stmt_free(st);
	rc = qc_store_end(s, rc, err);
out:
	qc_rewards_release(&l);
	return rc;
}

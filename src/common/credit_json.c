/* Credit values as JSON and documents (credit_json.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/award.h"
#include "qcity/credit.h"
#include "qcity/doc.h"
#include "qcity/enterprise.h"
#include "qcity/i18n.h"
#include "qcity/store.h"
#include "src/common/credit_json.h"
#include "banned.h"

static const char *nz(const char *s)
{
	return s && *s ? s : NULL;
}

const char *qc_credit_list_label(const char *list)
{
	if (list && !strcmp(list, "black"))
		return "严重违法失信名单";
	if (list && !strcmp(list, "penalty"))
		return "行政处罚信息公示";
	if (list && !strcmp(list, "red"))
		return "质量诚信红榜";
	return "信用名单";
}

json_t *qc_json_credit_grade(const struct qc_credit_grade *g)
{
	return qc_credit_grade_json(g, "basis");
}

json_t *qc_json_credit_verdict(const struct qc_credit_verdict *v,
			       const char *uscc, const char *purpose)
{
	return qc_xjson_pack("{s:s, s:s, s:s, s:s, s:s, s:s?, s:o, s:I}",
			     "uscc", uscc, "purpose", purpose, "as_of",
			     v->as_of, "result",
			     v->restricted ? "restricted" : "allowed", "rule",
			     v->rule ? v->rule : "", "listing", v->listing,
			     "listing_id",
			     v->listing_id ? json_integer(v->listing_id) :
					     json_null(),
			     "check_id", (json_int_t)v->check_id);
}

json_t *qc_json_listings(const struct qc_listings *l, bool with_repair)
{
	json_t *rows = json_array();
	for (size_t i = 0; i < l->n; i++) {
		const struct qc_listing *e = &l->v[i];
		json_t *o = qc_xjson_pack(
			"{s:I, s:s?, s:s?, s:s?, s:s, s:s, s:s, s:s?, s:s?,"
			" s:s?, s:s?, s:s?, s:b, s:s?}",
			"id", (json_int_t)e->id, "uscc", e->uscc, "name",
			e->name, "region", e->region, "list", e->list,
			"category", e->category, "ground", e->ground,
			"decision_no", e->decision_no, "authority",
			e->authority, "decided_on", nz(e->decided_on),
			"public_until", nz(e->public_until), "published_on",
			nz(e->published_on), "public", e->active, "province",
			nz(e->province));
		if (with_repair)
			json_object_update_new(
				o,
				qc_xjson_pack("{s:s?, s:s?, s:s?, s:s?, s:s?}",
					      "repair_from", nz(e->repair_from),
					      "repair_applied_on",
					      nz(e->repair_applied_on),
					      "repair_approved_on",
					      nz(e->repair_approved_on),
					      "removed_on", nz(e->removed_on),
					      "removal", e->removal));
		json_array_append_new(rows, o);
	}
	return qc_xjson_pack("{s:s, s:o}", "as_of", l->as_of, "rows", rows);
}

json_t *qc_json_awards(const struct qc_awards *a)
{
	json_t *rows = json_array();
	for (size_t i = 0; i < a->n; i++) {
		const struct qc_award *e = &a->v[i];
		json_array_append_new(
			rows,
			qc_xjson_pack("{s:I, s:s, s:s, s:s, s:s, s:s?, s:s,"
				      " s:s?, s:i, s:s?, s:s?}",
				      "id", (json_int_t)e->id, "kind", e->kind,
				      "label", qc_award_kind_label(e->kind),
				      "level", e->level, "holder", e->holder,
				      "uscc", e->uscc, "region", e->region,
				      "name", nz(e->name), "year", e->year,
				      "valid_until", e->valid_until,
				      "certificate", e->certificate));
	}
	return rows;
}

json_t *qc_json_rewards(const struct qc_rewards *r)
{
	json_t *rows = json_array();
	for (size_t i = 0; i < r->n; i++) {
		const struct qc_reward_row *e = &r->v[i];
		json_array_append_new(
			rows,
			qc_xjson_pack("{s:I, s:s, s:s?, s:s, s:s, s:s, s:f,"
				      " s:o, s:b, s:s?, s:s, s:s?}",
				      "award_id", (json_int_t)e->award_id,
				      "holder", e->holder, "uscc", e->uscc,
				      "award", e->award, "rule", e->rule,
				      "rule_text", e->rule_text, "min_tax",
				      e->min_tax, "tax",
				      e->tax < 0 ? json_null() :
						   json_real(e->tax),
				      "eligible", e->eligible, "amount",
				      e->amount, "evidence", e->evidence,
				      "approved_on", e->approved_on));
	}
	return qc_xjson_pack("{s:s, s:s?, s:i, s:o}", "rules", r->rules, "plan",
			     r->plan, "year", r->year, "rows", rows);
}

static const char *category_zh(const char *c)
{
	if (!c || !strcmp(c, "general"))
		return "一般";
	if (!strcmp(c, "food"))
		return "食品";
	if (!strcmp(c, "drug"))
		return "药品";
	return "特种设备";
}

struct qc_doc *qc_credit_list_doc(const struct qc_listings *l, const char *list)
{
	char title[256];
	enum { COLS = 8 };
	snprintf(title, sizeof(title), "%s（截至 %s）",
		 qc_credit_list_label(list), l->as_of);
	struct qc_doc *d = qc_doc_new("credit_list", title);
	const char **cells = calloc((l->n + 1) * COLS, sizeof(*cells));
	if (!cells)
		abort();
	const char *head[COLS] = {
		"统一社会信用代码", "名称",     "地区",    "领域", "事由",
		"决定文号",         "列入日期", "公示截止"
	};
	memcpy(cells, head, sizeof(head));
	for (size_t i = 0; i < l->n; i++) {
		const struct qc_listing *e = &l->v[i];
		const char **r = cells + (i + 1) * COLS;
		r[0] = e->uscc ? e->uscc : "";
		r[1] = e->name ? e->name : "";
		r[2] = e->region ? e->region : "";
		r[3] = category_zh(e->category);
		r[4] = e->ground ? e->ground : "";
		r[5] = e->decision_no ? e->decision_no : "";
		r[6] = e->list && !strcmp(e->list, "red") &&
				       e->published_on[0] ?
			       e->published_on :
			       e->decided_on;
		r[7] = e->public_until[0] ? e->public_until : "—";
	}
	qc_doc_table(d, l->n + 1, COLS, cells);
	free(cells);
	char note[128];
	snprintf(note, sizeof(note), "数据截至 %s，共 %zu 条。", l->as_of,
		 l->n);
	qc_doc_note(d, note);
	return d;
}

static void csv_cell(struct qc_buf *b, const char *s)
{
	if (!strpbrk(s, ",\"\r\n")) {
		qc_buf_adds(b, s);
		return;
	}
	qc_buf_addch(b, '"');
	for (; *s; s++) {
		if (*s == '"')
			qc_buf_addch(b, '"');
		qc_buf_addch(b, *s);
	}
	qc_buf_addch(b, '"');
}

void qc_credit_table_csv(const struct qc_doc *d, struct qc_buf *out)
{
	qc_buf_adds(out, "\xEF\xBB\xBF");
	for (size_t k = 0; k < d->n; k++) {
		const struct qc_block *t = &d->v[k];
		if (t->kind != QC_BLOCK_TABLE)
			continue;
		for (size_t r = 0; r < t->rows; r++) {
			for (size_t c = 0; c < t->cols; c++) {
				if (c)
					qc_buf_addch(out, ',');
				csv_cell(out, t->cells[r * t->cols + c]);
			}
			qc_buf_adds(out, "\r\n");
		}
		return;
	}
}

static void basis_table(struct qc_doc *d, const struct qc_credit_grade *g)
{
	const char **cells = calloc((g->n + 1) * 4, sizeof(*cells));
	char(*pts)[32] = calloc(g->n + 1, sizeof(*pts));
	if (!cells || !pts)
		abort();
	cells[0] = "日期";
	cells[1] = "事项";
	cells[2] = "规则";
	cells[3] = "分值";
	for (size_t i = 0; i < g->n; i++) {
		snprintf(pts[i], sizeof(pts[i]), "%+.2f", g->v[i].points);
		cells[(i + 1) * 4] = g->v[i].date;
		cells[(i + 1) * 4 + 1] = g->v[i].title;
		cells[(i + 1) * 4 + 2] = g->v[i].rule;
		cells[(i + 1) * 4 + 3] = pts[i];
	}
	qc_doc_table(d, g->n + 1, 4, cells);
	free(cells);
	free(pts);
}

enum qc_rc qc_credit_report_doc(struct qc_store *s, const char *uscc,
				const char *held_by, const char *as_of,
				struct qc_doc **out, struct qc_error *err)
{
	struct qc_enterprise e;
	struct qc_credit_grade g;
	struct qc_listings l;
	struct qc_awards a = { 0 };
	enum qc_rc rc;
	char title[256];

	*out = NULL;
	if ((rc = qc_enterprise_get_at(s, uscc, held_by, &e, err)))
		return rc;
	if ((rc = qc_credit_grade_at(s, e.uscc, e.held_by, as_of, &g, err))) {
		qc_enterprise_release(&e);
		return rc;
	}
	if ((rc = qc_credit_listings(s, NULL, NULL, e.uscc, g.as_of, true, &l,
				     err))) {
		qc_credit_grade_release(&g);
		qc_enterprise_release(&e);
		return rc;
	}
	snprintf(title, sizeof(title), "企业质量信用报告：%s", e.name);
	struct qc_doc *d = qc_doc_new("credit_report", title);
	qc_doc_paraf(d, "统一社会信用代码 %s，所在地区 %s，%s。数据截至 %s。",
		     e.uscc, e.region_code ? e.region_code : "—",
		     e.address ? e.address : "地址未登记", g.as_of);
	qc_doc_heading(d, 1, "一、信用等级");
	qc_doc_paraf(d, "按评价方案 %s，得分 %.2f，等级 %s。%s%s",
		     g.scheme_version, g.score, g.grade,
		     g.override ? "等级由以下规则确定：" : "",
		     g.override ? g.override : "");
	if (g.n)
		basis_table(d, &g);
	else
		qc_doc_para(d, "评价期内无计分事项。");
	qc_doc_heading(d, 1, "二、名单记录");
	/* At the nation a credit code's listings are each holder's: this
	 * record's only (their province is their enterprise's holder). */
	bool nat = qc_store_national(s);
	const struct qc_listing **mine = calloc(l.n + 1, sizeof(*mine));
	size_t k = 0;
	if (!mine)
		abort();
	for (size_t i = 0; i < l.n; i++)
		if (!nat || !strcmp(l.v[i].province, e.held_by))
			mine[k++] = &l.v[i];
	if (!k)
		qc_doc_para(d, "无严重违法失信名单、行政处罚公示或红榜记录。");
	for (size_t i = 0; i < k; i++)
		qc_doc_paraf(d, "%s：%s 列入，事由 %s%s%s；%s%s%s。",
			     qc_credit_list_label(mine[i]->list),
			     mine[i]->decided_on, mine[i]->ground,
			     mine[i]->decision_no ? "，文号 " : "",
			     mine[i]->decision_no ? mine[i]->decision_no : "",
			     mine[i]->active ? "公示中" : "已移出",
			     mine[i]->public_until[0] ? "，公示期至 " : "",
			     mine[i]->public_until);
	free(mine);
	qc_doc_heading(d, 1, "三、奖项与品牌");
	rc = qc_award_list(s, NULL, NULL, 0, &a, err);
	size_t shown = 0;
	for (size_t i = 0; !rc && i < a.n; i++)
		if (a.v[i].uscc && !strcmp(a.v[i].uscc, e.uscc)) {
			qc_doc_paraf(d, "%d 年 %s（%s）%s", a.v[i].year,
				     qc_award_kind_label(a.v[i].kind),
				     qc_award_level_label(a.v[i].level),
				     a.v[i].name);
			shown++;
		}
	if (!rc && !shown)
		qc_doc_para(d, "登记册中无奖项或品牌记录。");
	qc_awards_release(&a);
	qc_listings_release(&l);
	qc_credit_grade_release(&g);
	qc_enterprise_release(&e);
	if (rc)
		qc_doc_free(d);
	else
		*out = d;
	return rc;
}

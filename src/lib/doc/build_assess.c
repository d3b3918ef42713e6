/* The 年度考核结果通报 of a plan: ranks and grades of the units and the
 * lower regions, the commendation and criticism lists, and for each one
 * criticised the items where points were lost with their 评分依据. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/assess.h"
#include "doc_int.h"
#include "banned.h"

/* The items lost most, with their reasons, as one sentence. */
static void lost_reasons(struct qc_buf *b, const struct qc_assess_subject *s)
{
	int k = 0;
	for (size_t i = 0; i < s->n_lines && k < 3; i++) {
		const struct qc_assess_line *l = &s->lines[i];
		char got[32], max[32];
		if (l->max <= 0 || l->points >= l->max - 1e-9)
			continue;
		qc_doc_num(got, sizeof(got), l->points, 2);
		qc_doc_num(max, sizeof(max), l->max, 2);
		qc_buf_addf(b, "%s%s得%s分（满分%s分）%s%s", k++ ? "；" : "",
			    l->name, got, max,
			    l->reason && *l->reason ? "，" : "",
			    l->reason ? l->reason : "");
	}
	if (s->vetoed)
		qc_buf_addf(b, "%s触发一票否决", k ? "；" : "");
	if (!k && !s->vetoed)
		qc_buf_adds(b, "得分在本组排名末位");
}

static void rank_table(struct qc_doc *d, const struct qc_assessment *a,
		       size_t from, size_t to, const char *who)
{
	size_t n = to - from, cols = 4, m = 1;
	const char **cells = qc_xcalloc((n + 1) * cols, sizeof(*cells));
	char(*nums)[2][16] = qc_xcalloc(n + 1, sizeof(*nums));
	const char *head[] = { "名次", who, "得分", "等次" };
	memcpy(cells, head, sizeof(head));
	for (int rank = 1; rank <= (int)n; rank++)
		for (size_t i = from; i < to; i++) {
			const struct qc_assess_subject *s = &a->v[i];
			if (s->rank != rank)
				continue;
			snprintf(nums[m][0], 16, "%d", s->rank);
			qc_doc_num(nums[m][1], 16, s->score, 1);
			const char **row = cells + m * cols;
			row[0] = nums[m][0];
			row[1] = s->name;
			row[2] = nums[m][1];
			row[3] = s->grade;
			m++;
		}
	qc_doc_table(d, m, cols, cells);
	free(cells);
	free(nums);
}

static void names(struct qc_buf *b, const struct qc_assessment *a,
		  const size_t *ix, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char sc[32];
		qc_doc_num(sc, sizeof(sc), a->v[ix[i]].score, 1);
		qc_buf_addf(b, "%s%s（%s分，%s）", i ? "、" : "",
			    a->v[ix[i]].name, sc, a->v[ix[i]].grade);
	}
}

enum qc_rc qc_doc_build_assessment(struct qc_store *s, long long plan_id,
				   int year, struct qc_doc **out,
				   struct qc_error *err)
{
	struct qc_assessment a;
	char *plan_title = NULL, *region = NULL;
	struct qc_buf b = QC_BUF_INIT;
	enum qc_rc rc;
	int sec = 1;

	*out = NULL;
	struct qc_doc *d = qc_doc_new("assessment", "");
	if ((rc = qc_doc_plan_head(s, plan_id, d, &plan_title, &region, err))) {
		qc_doc_free(d);
		return rc;
	}
	if ((rc = qc_assess(s, plan_id, year, NULL, &a, err))) {
		qc_doc_free(d);
		free(plan_title);
		free(region);
		return rc;
	}
	qc_buf_addf(&b, "关于%d年度质量强市工作考核结果的通报", year);
	free(d->title);
	d->title = qc_buf_detach(&b, NULL);
	d->recipients = qc_xstrdup(a.n > a.n_units ?
					   "各成员单位，各县（市、区）"
					   "人民政府：" :
					   "各成员单位：");
	qc_doc_paraf(d,
		     "根据《%s》和%d年度考核方案（%s），%s质量强市工作领导小组"
		     "办公室对%zu个成员单位%s开展了年度考核。现将考核结果通报如下。",
		     plan_title, year,
		     a.default_scheme ? "默认评分办法" : a.scheme, region,
		     a.n_units, a.n > a.n_units ? "和各县（市、区）" : "");
	char h[64];
	snprintf(h, sizeof(h), "%s、考核结果", qc_doc_cn_ordinal(sec++));
	qc_doc_heading(d, 1, h);
	if (a.n_units) {
		qc_doc_heading(d, 2, "（一）成员单位");
		rank_table(d, &a, 0, a.n_units, "单位");
	}
	if (a.n > a.n_units) {
		qc_doc_heading(d, 2,
			       a.n_units ? "（二）县（市、区）" :
					   "（一）县（市、区）");
		rank_table(d, &a, a.n_units, a.n, "地区");
	}
	snprintf(h, sizeof(h), "%s、通报表彰", qc_doc_cn_ordinal(sec++));
	qc_doc_heading(d, 1, h);
	if (a.n_commend) {
		names(&b, &a, a.commend, a.n_commend);
		qc_doc_paraf(d,
			     "对考核成绩突出的%s予以通报表彰。希望受到表彰的单位"
			     "珍惜荣誉，再接再厉。",
			     qc_buf_str(&b));
		qc_buf_reset(&b);
	} else {
		qc_doc_para(d, "本年度无通报表彰的单位。");
	}
	snprintf(h, sizeof(h), "%s、通报批评", qc_doc_cn_ordinal(sec++));
	qc_doc_heading(d, 1, h);
	if (a.n_criticise) {
		names(&b, &a, a.criticise, a.n_criticise);
		qc_doc_paraf(d, "对工作不力的%s予以通报批评。主要问题如下：",
			     qc_buf_str(&b));
		qc_buf_reset(&b);
		for (size_t i = 0; i < a.n_criticise; i++) {
			const struct qc_assess_subject *x = &a.v[a.criticise[i]];
			lost_reasons(&b, x);
			qc_doc_paraf(d, "%zu．%s：%s。", i + 1, x->name,
				     qc_buf_str(&b));
			qc_buf_reset(&b);
		}
		qc_doc_para(d,
			    "受到通报批评的单位要认真查找原因，于30日内向领导"
			    "小组办公室报送整改措施。");
	} else {
		qc_doc_para(d, "本年度无通报批评的单位。");
	}
	snprintf(h, sizeof(h), "%s、工作要求", qc_doc_cn_ordinal(sec++));
	qc_doc_heading(d, 1, h);
	qc_doc_para(d,
		    "各成员单位要以考核为契机，对照失分项目逐项整改，补齐短板"
		    "，推动质量强市各项目标任务全面完成。");
	qc_doc_note(d,
		    "各单位各评分项目的得分和评分依据见考核明细（qcity assess）。");
	qc_buf_release(&b);
	qc_assessment_release(&a);
	free(plan_title);
	free(region);
	*out = d;
	return QC_OK;
}

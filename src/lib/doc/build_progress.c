/* The progress 通报 (工作进展情况通报) of a plan for a period: the targets
 * by status as they stood at the period's end, with their responsible
 * units; the units whose reports are late or missing; the tasks behind
 * schedule; the supervision items (督查事项) still open at the period's
 * end. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/clock.h"
#include "qcity/plan.h"
#include "qcity/text.h"
#include "qcity/plan_store.h"
#include "qcity/progress.h"
#include "qcity/reporting.h"
#include "qcity/status.h"
#include "qcity/store.h"
#include "qcity/supervision.h"
#include "doc_int.h"
#include "banned.h"

static const char *const status_cn[QC_PROGRESS__COUNT] = {
	[QC_PROGRESS_NO_DATA] = "暂无数据",
	[QC_PROGRESS_MET] = "已达标",
	[QC_PROGRESS_ON_TRACK] = "进展顺利",
	[QC_PROGRESS_ACCELERATION] = "需加快推进",
	[QC_PROGRESS_LIMITED] = "进展有限",
	[QC_PROGRESS_DETERIORATING] = "出现倒退",
};

const char *qc_doc_status_cn(int status)
{
	return status >= 0 && status < QC_PROGRESS__COUNT ? status_cn[status] :
							    "";
}

static const char *const cn_digit[] = { "〇", "一", "二", "三", "四", "五",
					"六", "七", "八", "九", "十" };

const char *qc_doc_cn_ordinal(int n)
{
	static const char *const tens[] = { "十一", "十二", "十三", "十四",
					    "十五", "十六", "十七", "十八",
					    "十九", "二十" };
	return n >= 1 && n <= 10 ? cn_digit[n] :
	       n <= 20 && n > 10 ? tens[n - 11] :
				   "若干";
}

const char *qc_doc_plan_short(const char *title)
{
	static const char *const kinds[][2] = {
		{ "实施方案", "《实施方案》" }, { "行动方案", "《行动方案》" },
		{ "工作方案", "《工作方案》" }, { "方案", "《方案》" },
		{ "规划", "《规划》" },         { "纲要", "《纲要》" },
		{ "实施意见", "《实施意见》" }, { "意见", "《意见》" },
		{ "行动计划", "《行动计划》" }, { "计划", "《计划》" },
	};
	size_t n = title ? strlen(title) : 0;

	/* …规划(2016—2020年), …方案（试行）: the kind before the note. */
	for (int round = 0; round < 2 && n; round++)
		n = qc_text_without_note(title, n);
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		size_t k = strlen(kinds[i][0]);
		if (n >= k && !memcmp(title + n - k, kinds[i][0], k))
			return kinds[i][1];
	}
	return "《方案》";
}

bool qc_doc_period_label(const char *period, char *buf, size_t n)
{
	double t;
	int months, y = 0, k = 0;
	if (!period || !qc_period_time(period, &t, &months) ||
	    sscanf(period, "%4d", &y) != 1)
		return false;
	if (months == 12)
		snprintf(buf, n, "%d年", y);
	else if (months == 6)
		snprintf(buf, n, "%d年%s半年", y,
			 period[6] == '1' ? "上" : "下");
	else if (months == 3 && sscanf(period + 6, "%d", &k) == 1)
		snprintf(buf, n, "%d年第%s季度", y, qc_doc_cn_ordinal(k));
	else if (sscanf(period + 5, "%d", &k) == 1)
		snprintf(buf, n, "%d年%d月", y, k);
	return true;
}

void qc_doc_today_cn(char *buf, size_t n)
{
	int y, m, d;
	qc_today(&y, &m, &d);
	snprintf(buf, n, "%d年%d月%d日", y, m, d);
}

enum qc_rc qc_doc_plan_head(struct qc_store *s, long long plan_id,
			    struct qc_doc *d, char **plan_title, char **region,
			    struct qc_error *err)
{
	struct qc_plan p;
	char date[40];
	enum qc_rc rc = qc_plan_load(s, plan_id, &p, err);
	if (!rc && !p.region_name && p.region_code) { /* the register's */
		struct qc_stmt *st;
		if (!(rc = qc_stmt_prepare(s,
					   "SELECT name FROM regions WHERE "
					   "code = ?",
					   &st, err))) {
			qc_stmt_bind_text(st, 1, p.region_code);
			enum qc_rc r = qc_stmt_next(st, err);
			if (r == QC_ROW)
				qc_set_str(&p.region_name, qc_stmt_text(st, 0));
			rc = qc_step_rc(r);
			qc_stmt_free(st);
		}
	}
	if (!rc) {
		const char *r = p.region_name ? p.region_name : "";
		struct qc_buf b = QC_BUF_INIT;
		qc_buf_addf(&b, "%s质量强市工作领导小组办公室", r);
		d->issuer = qc_buf_detach(&b, NULL);
		qc_doc_today_cn(date, sizeof(date));
		d->date = qc_xstrdup(date);
		*plan_title = qc_xstrdup(p.title);
		*region = qc_xstrdup(r);
	}
	qc_plan_release(&p);
	return rc;
}

static void status_section(struct qc_doc *d, const struct qc_status_table *t,
			   const char *plan_title, const char *as_of)
{
	static const enum qc_progress order[] = {
		QC_PROGRESS_DETERIORATING, QC_PROGRESS_LIMITED,
		QC_PROGRESS_ACCELERATION,  QC_PROGRESS_ON_TRACK,
		QC_PROGRESS_MET,           QC_PROGRESS_NO_DATA
	};
	size_t cols = 6, n = 1;
	const char **cells = qc_xcalloc((t->n + 1) * cols, sizeof(*cells));
	char(*nums)[48] = qc_xcalloc(t->n + 1, sizeof(*nums));
	char(*vals)[48] = qc_xcalloc(t->n + 1, sizeof(*vals));

	qc_doc_heading(d, 1, "一、目标总体进展");
	qc_doc_paraf(d,
		     "%s共设量化目标%zu项。截至%s，已达标%zu项，进展"
		     "顺利%zu项，需加快推进%zu项，进展有限%zu项，出现倒退%zu项，"
		     "暂无数据%zu项。各目标进展及责任单位见下表。",
		     qc_doc_plan_short(plan_title), t->n, as_of,
		     t->count[QC_PROGRESS_MET], t->count[QC_PROGRESS_ON_TRACK],
		     t->count[QC_PROGRESS_ACCELERATION],
		     t->count[QC_PROGRESS_LIMITED],
		     t->count[QC_PROGRESS_DETERIORATING],
		     t->count[QC_PROGRESS_NO_DATA]);
	const char *head[] = { "序号",   "指标",     "目标要求",
			       "最新值", "进展状态", "责任单位" };
	memcpy(cells, head, sizeof(head));
	for (size_t o = 0; o < sizeof(order) / sizeof(order[0]); o++)
		for (size_t i = 0; i < t->n; i++) {
			const struct qc_status_row *r = &t->v[i];
			if (r->p.status != order[o])
				continue;
			snprintf(nums[n], sizeof(nums[n]), "%zu", n);
			if (r->latest_period[0]) {
				char v[32];
				qc_doc_num(v, sizeof(v),
					   r->p.has_current ? r->p.current :
							      NAN,
					   2);
				snprintf(vals[n], sizeof(vals[n]), "%s%s（%s）",
					 v,
					 qc_value_unit(
						 qc_target_series_unit(r->op,
								       r->unit)),
					 r->latest_period);
			} else {
				snprintf(vals[n], sizeof(vals[n]), "—");
			}
			const char **row = cells + n * cols;
			row[0] = nums[n];
			row[1] = r->indicator;
			row[2] = r->requirement ? r->requirement : "";
			row[3] = vals[n];
			row[4] = qc_doc_status_cn(r->p.status);
			row[5] = r->owners ? r->owners : "";
			n++;
		}
	qc_doc_table(d, n, cols, cells);
	free(cells);
	free(nums);
	free(vals);

	qc_doc_heading(d, 1, "二、需要加快推进的目标");
	size_t k = 0;
	for (size_t o = 0; o < 3; o++)
		for (size_t i = 0; i < t->n; i++) {
			const struct qc_status_row *r = &t->v[i];
			char v[32];
			if (r->p.status != order[o])
				continue;
			qc_doc_num(v, sizeof(v),
				   r->p.has_current ? r->p.current : NAN, 2);
			qc_doc_paraf(d,
				     "%zu．%s：目标要求%s，最新值%s%s，%s。"
				     "责任单位：%s。",
				     ++k, r->indicator,
				     r->requirement ? r->requirement : "—", v,
				     qc_value_unit(
					     qc_target_series_unit(r->op,
								   r->unit)),
				     qc_doc_status_cn(r->p.status),
				     r->owners && *r->owners ? r->owners :
							       "未明确");
		}
	if (!k)
		qc_doc_para(d,
			    "各项目标均按计划推进，暂无需要加快推进的目标。");
}

static void reporting_section(struct qc_doc *d, const struct qc_reporting *r)
{
	size_t cols = 6, n = 1, bad = 0;
	const char **cells = qc_xcalloc((r->n_units + 1) * cols,
					sizeof(*cells));
	char(*nums)[4][16] = qc_xcalloc(r->n_units + 1, sizeof(*nums));
	const char *head[] = { "单位", "应报", "按时",
			       "迟报", "未报", "未报或迟报期次" };
	memcpy(cells, head, sizeof(head));
	for (size_t i = 0; i < r->n_units; i++) {
		const struct qc_unit_reporting *u = &r->units[i];
		int late = u->count[QC_REPORT_LATE],
		    miss = u->count[QC_REPORT_MISSING];
		if (!late && !miss)
			continue;
		bad++;
		snprintf(nums[n][0], 16, "%d", u->due);
		snprintf(nums[n][1], 16, "%d", u->count[QC_REPORT_ON_TIME]);
		snprintf(nums[n][2], 16, "%d", late);
		snprintf(nums[n][3], 16, "%d", miss);
		const char **row = cells + n * cols;
		row[0] = u->unit;
		for (int k = 0; k < 4; k++)
			row[k + 1] = nums[n][k];
		row[5] = u->missing && *u->missing ? u->missing :
			 u->late                   ? u->late :
						     "";
		n++;
	}
	qc_doc_heading(d, 1, "三、工作进展报送情况");
	if (bad) {
		qc_doc_paraf(d,
			     "截至%s，%zu个单位存在迟报或未报情况，请相关单位"
			     "于5个工作日内补报，并说明原因。",
			     r->as_of, bad);
		qc_doc_table(d, n, cols, cells);
	} else {
		qc_doc_paraf(d, "截至%s，各责任单位均按时报送工作进展。",
			     r->as_of);
	}
	free(cells);
	free(nums);
}

static void task_section(struct qc_doc *d, const struct qc_task_list *l)
{
	size_t cols = 4, n = 1;
	const char **cells = qc_xcalloc((l->n + 1) * cols, sizeof(*cells));
	const char *head[] = { "任务", "牵头单位", "完成时限", "最近报送" };
	char(*last)[96] = qc_xcalloc(l->n + 1, sizeof(*last));
	memcpy(cells, head, sizeof(head));
	for (size_t i = 0; i < l->n; i++) {
		const struct qc_task_status *t = &l->v[i];
		if (t->state != QC_TASK_LATE)
			continue;
		snprintf(last[n], sizeof(last[n]), "%s",
			 t->last_period ? t->last_period : "未报送");
		const char **row = cells + n * cols;
		row[0] = t->title ? t->title : t->key;
		row[1] = t->unit ? t->unit : "未明确";
		row[2] = t->due ? t->due : "—";
		row[3] = last[n];
		n++;
	}
	qc_doc_heading(d, 1, "四、滞后任务");
	if (n > 1) {
		qc_doc_paraf(d,
			     "%zu项任务已过完成时限仍未完成，请牵头单位加快推进"
			     "，逐项明确完成时间。",
			     n - 1);
		qc_doc_table(d, n, cols, cells);
	} else {
		qc_doc_para(d, "各项任务均在完成时限内推进，暂无滞后任务。");
	}
	free(cells);
	free(last);
}

/* The last day of the period that ends at t (qc_period_time: 2020 is
 * the end of 2020, 2019.5 of 2020-H1), or today if that comes first:
 * what the 通报 reports "as of". */
static void period_end(double t, char iso[11], char cn[40])
{
	int y = (int)ceil(t - 1e-9), m = (int)lround((t - (y - 1)) * 12), d;
	long days = qc_days_from_civil(m == 12 ? y + 1 : y, m % 12 + 1, 1) - 1;
	if (days > qc_today_days())
		days = qc_today_days();
	qc_civil_from_days(days, &y, &m, &d);
	qc_date_from_days(days, iso);
	snprintf(cn, 40, "%d年%d月%d日", y, m, d);
}

static const char *sup_state_cn(const struct qc_sup_item *x, const char *end)
{
	if (strcmp(x->deadline, end) < 0)
		return "逾期未办结";
	/* Closed since: at the period's end it was still being handled. */
	return !strcmp(x->state, "answered") ? "已答复待办结" :
	       !strcmp(x->state, "open")     ? "待答复" :
					       "办理中";
}

/* 督查事项办理情况: the plan's supervision items that were open at the
 * period's end (opened by then, not closed by then), overdue first. */
static enum qc_rc supervision_section(struct qc_store *s, long long plan_id,
				      const char *end, const char *end_cn,
				      struct qc_doc *d, struct qc_error *err)
{
	struct qc_sup_list l = { 0 };
	size_t cols = 6, n = 1, late = 0;
	enum qc_rc rc = qc_sup_list(s, plan_id, 0, NULL, end, &l, err);
	if (rc) {
		qc_sup_list_release(&l);
		return rc;
	}
	const char **cells = qc_xcalloc((l.n + 1) * cols, sizeof(*cells));
	char(*nums)[16] = qc_xcalloc(l.n + 1, sizeof(*nums));
	const char *head[] = { "序号",     "督查事项", "责任单位",
			       "整改要求", "办理时限", "办理情况" };
	memcpy(cells, head, sizeof(head));
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < l.n; i++) {
			const struct qc_sup_item *x = &l.v[i];
			bool overdue = strcmp(x->deadline, end) < 0;
			if (!x->opened_at ||
			    strncmp(x->opened_at, end, 10) > 0 ||
			    (x->closed_at &&
			     strncmp(x->closed_at, end, 10) <= 0) ||
			    overdue != (pass == 0))
				continue;
			late += overdue;
			snprintf(nums[n], sizeof(nums[n]), "%zu", n);
			const char **row = cells + n * cols;
			row[0] = nums[n];
			row[1] = x->finding ? x->finding : "";
			row[2] = x->unit ? x->unit : "";
			row[3] = x->rectify ? x->rectify : "";
			row[4] = x->deadline;
			row[5] = sup_state_cn(x, end);
			n++;
		}
	qc_doc_heading(d, 1, "五、督查事项办理情况");
	if (n > 1) {
		qc_doc_paraf(d,
			     "截至%s，督查事项%zu项尚未办结，其中%zu项已超过办理"
			     "时限。请责任单位按整改要求抓紧办理，逾期事项于5个"
			     "工作日内书面说明原因。",
			     end_cn, n - 1, late);
		qc_doc_table(d, n, cols, cells);
	} else {
		qc_doc_paraf(d, "截至%s，督查事项均已办结。", end_cn);
	}
	free(cells);
	free(nums);
	qc_sup_list_release(&l);
	return QC_OK;
}

enum qc_rc qc_doc_build_progress(struct qc_store *s, long long plan_id,
				 const char *period, struct qc_doc **out,
				 struct qc_error *err)
{
	struct qc_status_table t = { 0 };
	struct qc_plan_data *pd = NULL;
	struct qc_reporting r = { 0 };
	struct qc_task_list l = { 0 };
	char label[48], *plan_title = NULL, *region = NULL, year4[5];
	char end[11], end_cn[40];
	double t_end;
	int year = 0, months;
	enum qc_rc rc;

	*out = NULL;
	if (!qc_doc_period_label(period, label, sizeof(label)) ||
	    !qc_period_time(period, &t_end, &months))
		return qc_error_set(err, QC_EINVAL,
				    "period '%s' is not a year,"
				    " half-year, quarter or month (2020, "
				    "2020-H1, 2020-Q2, 2020-06)",
				    period ? period : "");
	snprintf(year4, sizeof(year4), "%.4s", period);
	year = atoi(year4);
	period_end(t_end, end, end_cn);
	struct qc_doc *d = qc_doc_new("progress", "");
	/* Statuses as they stood at the period's end: later values left
	 * out, so a 通报 of 2020-H1 made in 2021 says what 2020-H1 knew. */
	if ((rc = qc_doc_plan_head(s, plan_id, d, &plan_title, &region, err)) ||
	    (rc = qc_plan_data_load(s, plan_id, NULL, &pd, err)))
		goto out;
	qc_plan_data_until(pd, t_end);
	if ((rc = qc_status_table_from(s, pd, NULL, &t, err)) ||
	    (rc = qc_reporting_compute(s, plan_id, year, &r, err)) ||
	    (rc = qc_task_status_list(s, plan_id, &l, err)))
		goto out;
	struct qc_buf b = QC_BUF_INIT;
	qc_buf_addf(&b, "关于%s质量强市工作进展情况的通报", label);
	free(d->title);
	d->title = qc_buf_detach(&b, NULL);
	d->recipients = qc_xstrdup("各成员单位：");
	qc_doc_paraf(d,
		     "为推动《%s》各项目标任务落实，根据各成员单位报送的数据和"
		     "工作进展，现将%s%s质量强市工作进展情况通报如下。",
		     plan_title, region, label);
	status_section(d, &t, plan_title, end_cn);
	reporting_section(d, &r);
	task_section(d, &l);
	if ((rc = supervision_section(s, plan_id, end, end_cn, d, err)))
		goto out;
	qc_doc_heading(d, 1, "六、下一步工作要求");
	qc_doc_para(d,
		    "各成员单位要对照目标任务，逐项分析进展，对需要加快推进"
		    "和进展有限的目标制定措施、明确时限；按规定时间报送工作进展和"
		    "数据，确保各项目标如期实现。");
out:
	qc_plan_data_free(pd);
	qc_status_table_release(&t);
	qc_reporting_release(&r);
	qc_task_list_release(&l);
	free(plan_title);
	free(region);
	if (rc)
		qc_doc_free(d);
	else
		*out = d;
	return rc;
}

/* The annual report's chapter 质量投诉: the figures of the complaint
 * register (include/qcity/complaint.h, docs/complaints.md "Figures") for
 * the report's region and each region below it, and the trend of the
 * items received over the years up to the report's. Read only. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/complaint.h"
#include "qcity/workday.h"
#include "doc_int.h"
#include "banned.h"

/* The measures of the table, as complaint_figures names them. */
static const struct {
	const char *measure, *head;
} rates[] = {
	{ "accept_on_time", "按期受理率（%）" },
	{ "mediation_success", "调解成功率（%）" },
	{ "handled_on_time", "按期办结率（%）" },
	{ "satisfaction", "回访满意率（%）" },
};
#define N_RATES (sizeof(rates) / sizeof(rates[0]))

static void rate_text(const struct qc_complaint_figures *f, size_t k, char *buf,
		      size_t n)
{
	double v;
	long base;
	if (qc_complaint_measure(f, rates[k].measure, &v, &base))
		qc_doc_num(buf, n, v, 1);
	else
		snprintf(buf, n, "—");
}

/* The opening paragraph: counts and rates of the region in the year. */
static void summary(struct qc_doc *d, const struct qc_complaint_figures *f,
		    const char *name, int year)
{
	struct qc_buf b = QC_BUF_INIT;
	char v[32];
	double x;
	long base;

	qc_buf_addf(&b,
		    "%d年，%s共登记质量投诉举报%ld件，其中投诉%ld件、举报"
		    "%ld件。",
		    year, name, f->items, f->complaints, f->reports);
	if (qc_complaint_measure(f, "accept_on_time", &x, &base)) {
		qc_doc_num(v, sizeof(v), x, 1);
		qc_buf_addf(&b, "投诉在法定时限内作出受理决定的占%s%%；", v);
	}
	if (qc_complaint_measure(f, "mediation_success", &x, &base)) {
		qc_doc_num(v, sizeof(v), x, 1);
		qc_buf_addf(&b,
			    "调解终结%ld件，达成调解协议%ld件，调解成功率"
			    "%s%%；",
			    f->concluded, f->agreed, v);
	}
	if (qc_complaint_measure(f, "handled_on_time", &x, &base)) {
		qc_doc_num(v, sizeof(v), x, 1);
		qc_buf_addf(&b, "按期办结率%s%%；", v);
	}
	if (qc_complaint_measure(f, "satisfaction", &x, &base)) {
		qc_doc_num(v, sizeof(v), x, 1);
		qc_buf_addf(&b, "回访满意率%s%%；", v);
	}
	if (f->recovered > 0) {
		qc_doc_num(v, sizeof(v), f->recovered / 10000.0, 2);
		qc_buf_addf(&b, "为消费者挽回经济损失%s万元。", v);
	}
	qc_doc_para(d, qc_buf_str(&b));
	qc_buf_release(&b);
}

enum qc_rc qc_doc_complaints_chapter(struct qc_store *s, struct qc_doc *d,
				     const char *region,
				     const char *region_name,
				     const char (*sub)[QC_REGION_CODE_SIZE],
				     char *const *sub_name, size_t n_sub,
				     int year, int years, int *sec, bool *wrote,
				     struct qc_error *err)
{
	struct qc_complaint_figures f;
	struct qc_calendar *cal = NULL;
	struct qc_chart *trend = NULL, *bars = NULL;
	const char **cells = NULL;
	char(*nums)[4 + N_RATES][32] = NULL;
	size_t cols = 4 + N_RATES, m = 1;
	long total = 0;
	char h[96], cap[160];
	enum qc_rc rc;

	*wrote = false;
	/* Without a holiday calendar no complaint can have been registered
	 * (the register needs it for its deadlines): no chapter. */
	rc = qc_calendar_open(s, &cal, err);
	if (rc == QC_ENOTFOUND) {
		if (err)
			memset(err, 0, sizeof(*err));
		return QC_OK;
	}
	if (rc)
		return rc;
	trend = qc_doc_chart_new(QC_CHART_LINE, "质量投诉举报受理量", "件",
				 (size_t)years, 1);
	trend->series[0].name = qc_xstrdup(region_name);
	for (int y = 0; y < years && !rc; y++) {
		char l[12];
		snprintf(l, sizeof(l), "%d", year - years + 1 + y);
		trend->labels[y] = qc_xstrdup(l);
		rc = qc_complaint_figures(s, cal, region, year - years + 1 + y,
					  &f, err);
		trend->series[0].v[y] = (double)f.items;
		total += f.items;
	}
	if (rc || !total)
		goto out;
	*wrote = true;
	snprintf(h, sizeof(h), "%s、质量投诉", qc_doc_cn_ordinal((*sec)++));
	qc_doc_heading(d, 1, h);
	cells = qc_xcalloc((n_sub + 2) * cols, sizeof(*cells));
	nums = qc_xcalloc(n_sub + 2, sizeof(*nums));
	bars = qc_doc_chart_new(QC_CHART_BAR, "质量投诉举报受理量", "件", n_sub,
				1);
	bars->series[0].name = qc_xstrdup("投诉举报");
	cells[0] = "地区";
	cells[1] = "投诉举报（件）";
	cells[2] = "投诉（件）";
	cells[3] = "举报（件）";
	for (size_t k = 0; k < N_RATES; k++)
		cells[4 + k] = rates[k].head;
	for (size_t k = 0; k <= n_sub && !rc; k++) {
		const char *code = k ? sub[k - 1] : region,
			   *name = k ? sub_name[k - 1] : region_name;
		if (k) {
			bars->labels[k - 1] = qc_xstrdup(name);
			bars->series[0].v[k - 1] = NAN;
		}
		if ((rc = qc_complaint_figures(s, cal, code, year, &f, err)))
			break;
		if (!k)
			summary(d, &f, region_name, year);
		if (k)
			bars->series[0].v[k - 1] = (double)f.items;
		if (k && !f.items)
			continue;
		snprintf(nums[m][0], 32, "%ld", f.items);
		snprintf(nums[m][1], 32, "%ld", f.complaints);
		snprintf(nums[m][2], 32, "%ld", f.reports);
		for (size_t r = 0; r < N_RATES; r++)
			rate_text(&f, r, nums[m][3 + r], 32);
		const char **row = cells + m * cols;
		row[0] = name;
		for (size_t r = 0; r < 3 + N_RATES; r++)
			row[1 + r] = nums[m][r];
		m++;
	}
	if (rc)
		goto out;
	qc_doc_table(d, m, cols, cells);
	snprintf(cap, sizeof(cap), "图：%d—%d年质量投诉举报受理量变化",
		 year - years + 1, year);
	qc_doc_chart(d, trend, cap);
	trend = NULL;
	if (n_sub >= 2) {
		snprintf(cap, sizeof(cap), "图：%d年各地区质量投诉举报受理量",
			 year);
		qc_doc_chart(d, bars, cap);
		bars = NULL;
	}
	qc_doc_note(d, "注：按期受理率、按期办结率按《市场监督管理投诉举报"
		       "处理暂行办法》规定的工作日时限（节假日按国务院公布的"
		       "安排）计算；调解成功率为调解终结中达成调解协议的比例；"
		       "回访满意率为回访评价4分及以上的比例。");
out:
	qc_chart_free(trend);
	qc_chart_free(bars);
	free(cells);
	free(nums);
	qc_calendar_free(cal);
	return rc;
}

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
#include "qcity/i18n.h"
#include "qcity/workday.h"
#include "doc_int.h"
#include "banned.h"

/* The measures of the table, as complaint_figures names them, and
 * their headings (translated where they are written). */
static const struct {
	const char *measure, *head;
} rates[] = {
	{ "accept_on_time", N_("Accepted in time (%)") },
	{ "mediation_success", N_("Mediation success (%)") },
	{ "handled_on_time", N_("Handled in time (%)") },
	{ "satisfaction", N_("Satisfaction (%)") },
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

	/* Each clause ends with its own separator, as the text always
	 * did: the last one written may be a "；". */
	/* TRANSLATORS: the year, the region, items, complaints, reports. */
	qc_buf_addf(&b,
		    _("In %d, %s registered %ld quality complaints and "
		      "reports: %ld complaints and %ld reports. "),
		    year, name, f->items, f->complaints, f->reports);
	if (qc_complaint_measure(f, "accept_on_time", &x, &base)) {
		qc_doc_num(v, sizeof(v), x, 1);
		qc_buf_addf(&b,
			    _("%s%% of complaints were decided on within "
			      "the legal time limit; "),
			    v);
	}
	if (qc_complaint_measure(f, "mediation_success", &x, &base)) {
		qc_doc_num(v, sizeof(v), x, 1);
		qc_buf_addf(&b,
			    _("%ld mediations ended, %ld with an agreement, "
			      "a success rate of %s%%; "),
			    f->concluded, f->agreed, v);
	}
	if (qc_complaint_measure(f, "handled_on_time", &x, &base)) {
		qc_doc_num(v, sizeof(v), x, 1);
		qc_buf_addf(&b, _("%s%% were handled in time; "), v);
	}
	if (qc_complaint_measure(f, "satisfaction", &x, &base)) {
		qc_doc_num(v, sizeof(v), x, 1);
		qc_buf_addf(&b,
			    _("%s%% of the people called back were "
			      "satisfied; "),
			    v);
	}
	if (f->recovered > 0) {
		qc_doc_num(v, sizeof(v), f->recovered / 10000.0, 2);
		/* TRANSLATORS: an amount in units of 10 000 yuan (万元). */
		qc_buf_addf(&b,
			    _("%s ten-thousand yuan were recovered for "
			      "consumers."),
			    v);
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
	char cap[160];
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
	trend = qc_doc_chart_new(QC_CHART_LINE,
				 _("Quality complaints and reports received"),
				 _("items"), (size_t)years, 1);
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
	qc_doc_heading_num(d, sec, _("Quality complaints"));
	cells = qc_xcalloc((n_sub + 2) * cols, sizeof(*cells));
	nums = qc_xcalloc(n_sub + 2, sizeof(*nums));
	bars = qc_doc_chart_new(QC_CHART_BAR,
				_("Quality complaints and reports received"),
				_("items"), n_sub, 1);
	bars->series[0].name = qc_xstrdup(_("Complaints and reports"));
	cells[0] = _("Region");
	cells[1] = _("Complaints and reports (items)");
	cells[2] = _("Complaints (items)");
	cells[3] = _("Reports (items)");
	for (size_t k = 0; k < N_RATES; k++)
		cells[4 + k] = _(rates[k].head);
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
	snprintf(cap, sizeof(cap),
		 _("Figure: quality complaints and reports received, %d–%d"),
		 year - years + 1, year);
	qc_doc_chart(d, trend, cap);
	trend = NULL;
	if (n_sub >= 2) {
		snprintf(cap, sizeof(cap),
			 _("Figure: quality complaints and reports received "
			   "by region, %d"),
			 year);
		qc_doc_chart(d, bars, cap);
		bars = NULL;
	}
	qc_doc_note(d, _("Note: acceptance and handling in time are counted "
			 "in the working days the Interim Measures for "
			 "Handling Complaints and Reports in Market "
			 "Regulation set (holidays as the State Council "
			 "publishes them); mediation success is the share of "
			 "ended mediations that reached an agreement; "
			 "satisfaction is the share of call-backs rated 4 or "
			 "more."));
out:
	qc_chart_free(trend);
	qc_chart_free(bars);
	free(cells);
	free(nums);
	qc_calendar_free(cal);
	return rc;
}

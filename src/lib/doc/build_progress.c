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
#include "qcity/i18n.h"
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

const char *qc_doc_ordinal(int n)
{
	/* Numerals, not messages: Chinese headings count 一、二、…, the
	 * other languages 1. 2. … */
	static const char *const cn[] = { "一",   "二",   "三",   "四",
					  "五",   "六",   "七",   "八",
					  "九",   "十",   "十一", "十二",
					  "十三", "十四", "十五", "十六",
					  "十七", "十八", "十九", "二十" };
	static const char *const digits[] = { "1",  "2",  "3",  "4",  "5",
					      "6",  "7",  "8",  "9",  "10",
					      "11", "12", "13", "14", "15",
					      "16", "17", "18", "19", "20" };
	bool zh = !strcmp(qc_i18n_lang(), "zh_CN");
	if (n < 1 || n > 20)
		return zh ? "若干" : "N";
	return zh ? cn[n - 1] : digits[n - 1];
}

void qc_doc_heading_num(struct qc_doc *d, int *sec, const char *title)
{
	char h[160];
	/* TRANSLATORS: a numbered heading of a document: its number
	 * (一, 二 … in Chinese) and its title, "一、总体情况". */
	snprintf(h, sizeof(h), _("%s. %s"), qc_doc_ordinal((*sec)++), title);
	qc_doc_heading(d, 1, h);
}

const char *qc_doc_plan_short(const char *title)
{
	/* The first column is data: the last words of the plan's own
	 * (Chinese) title. The second is what the document calls it. */
	static const char *const kinds[][2] = {
		/* TRANSLATORS: the short name a document gives a plan,
		 * by the kind of plan its title ends with, as a 《》 title
		 * (these ten strings). */
		{ "实施方案", N_("the Implementation Plan") },
		{ "行动方案", N_("the Action Plan") },
		{ "工作方案", N_("the Work Plan") },
		{ "方案", N_("the Plan") },
		{ "规划", N_("the Programme") },
		{ "纲要", N_("the Outline") },
		{ "实施意见", N_("the Implementing Opinions") },
		{ "意见", N_("the Opinions") },
		{ "行动计划", N_("the Action Programme") },
		{ "计划", N_("the Programme of Work") },
	};
	size_t n = title ? strlen(title) : 0;

	/* …规划(2016—2020年), …方案（试行）: the kind before the note. */
	for (int round = 0; round < 2 && n; round++)
		n = qc_text_without_note(title, n);
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		size_t k = strlen(kinds[i][0]);
		if (n >= k && !memcmp(title + n - k, kinds[i][0], k))
			return _(kinds[i][1]);
	}
	return _("the Plan");
}

bool qc_doc_period_label(const char *period, char *buf, size_t n)
{
	double t;
	int months, y = 0, k = 0;
	if (!period || !qc_period_time(period, &t, &months) ||
	    sscanf(period, "%4d", &y) != 1)
		return false;
	if (months == 12)
		/* TRANSLATORS: a period of a document: a whole year. */
		snprintf(buf, n, _("year %d"), y);
	else if (months == 6 && period[6] == '1')
		/* TRANSLATORS: a period of a document: 上半年. */
		snprintf(buf, n, _("first half of %d"), y);
	else if (months == 6)
		/* TRANSLATORS: a period of a document: 下半年. */
		snprintf(buf, n, _("second half of %d"), y);
	else if (months == 3 && sscanf(period + 6, "%d", &k) == 1)
		/* TRANSLATORS: a quarter: its number (一 … 四 in Chinese,
		 * 1 … 4 in English) and the year. */
		snprintf(buf, n, _("Q%2$s %1$d"), y, qc_doc_ordinal(k));
	else if (sscanf(period + 5, "%d", &k) == 1)
		snprintf(buf, n, _("%d-%02d"), y, k);
	return true;
}

void qc_doc_date(char *buf, size_t n, int y, int m, int d)
{
	/* TRANSLATORS: a date as documents write it (2026年3月2日). */
	snprintf(buf, n, _("%d-%02d-%02d"), y, m, d);
}

void qc_doc_today(char *buf, size_t n)
{
	int y, m, d;
	qc_today(&y, &m, &d);
	qc_doc_date(buf, n, y, m, d);
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
		/* TRANSLATORS: the issuer of a document; %s is the region. */
		qc_buf_addf(&b,
			    _("Office of the %s Quality City Leading Group"),
			    r);
		d->issuer = qc_buf_detach(&b, NULL);
		qc_doc_today(date, sizeof(date));
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

	qc_doc_heading(d, 1, _("1. Overall progress of the targets"));
	qc_doc_paraf(d,
		     _("Under %s, %zu quantified targets are set. As of %s, "
		       "%zu are met, "
		       "%zu on track, %zu need acceleration, %zu show limited "
		       "progress, %zu are deteriorating and %zu have no data. "
		       "The table below gives each target's progress and "
		       "responsible units."),
		     qc_doc_plan_short(plan_title), t->n, as_of,
		     t->count[QC_PROGRESS_MET], t->count[QC_PROGRESS_ON_TRACK],
		     t->count[QC_PROGRESS_ACCELERATION],
		     t->count[QC_PROGRESS_LIMITED],
		     t->count[QC_PROGRESS_DETERIORATING],
		     t->count[QC_PROGRESS_NO_DATA]);
	const char *head[] = { _("#"),           _("Indicator"),
			       _("Requirement"), _("Latest value"),
			       _("Status"),      _("Responsible units") };
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
				/* TRANSLATORS: a value, its unit and its
				 * period: 98.5%（2020）. */
				snprintf(vals[n], sizeof(vals[n]),
					 _("%s%s (%s)"), v,
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
			row[4] = qc_progress_label(r->p.status);
			row[5] = r->owners ? r->owners : "";
			n++;
		}
	qc_doc_table(d, n, cols, cells);
	free(cells);
	free(nums);
	free(vals);

	qc_doc_heading(d, 1, _("2. Targets that need to speed up"));
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
				     _("%zu. %s: required %s, latest value "
				       "%s%s, %s. Responsible units: %s."),
				     ++k, r->indicator,
				     r->requirement ? r->requirement : "—", v,
				     qc_value_unit(
					     qc_target_series_unit(r->op,
								   r->unit)),
				     qc_progress_label(r->p.status),
				     r->owners && *r->owners ?
					     r->owners :
					     _("not specified"));
		}
	if (!k)
		qc_doc_para(d, _("Every target is progressing as planned; none "
				 "needs to speed up."));
}

static void reporting_section(struct qc_doc *d, const struct qc_reporting *r)
{
	size_t cols = 6, n = 1, bad = 0;
	const char **cells = qc_xcalloc((r->n_units + 1) * cols,
					sizeof(*cells));
	char(*nums)[4][16] = qc_xcalloc(r->n_units + 1, sizeof(*nums));
	const char *head[] = { _("Unit name"), _("Due"),
			       _("On time"),   _("Late"),
			       _("Missing"),   _("Periods missing or late") };
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
	qc_doc_heading(d, 1, _("3. Progress reports"));
	if (bad) {
		qc_doc_paraf(d,
			     _("As of %s, %zu units reported late or not at "
			       "all; they are asked to report within 5 working "
			       "days and to give the reasons."),
			     r->as_of, bad);
		qc_doc_table(d, n, cols, cells);
	} else {
		qc_doc_paraf(d,
			     _("As of %s, every responsible unit reported its "
			       "progress on time."),
			     r->as_of);
	}
	free(cells);
	free(nums);
}

static void task_section(struct qc_doc *d, const struct qc_task_list *l)
{
	size_t cols = 4, n = 1;
	const char **cells = qc_xcalloc((l->n + 1) * cols, sizeof(*cells));
	const char *head[] = { _("Task"), _("Lead unit"), _("Due by"),
			       _("Latest report") };
	char(*last)[96] = qc_xcalloc(l->n + 1, sizeof(*last));
	memcpy(cells, head, sizeof(head));
	for (size_t i = 0; i < l->n; i++) {
		const struct qc_task_status *t = &l->v[i];
		if (t->section || t->state != QC_TASK_LATE)
			continue;
		snprintf(last[n], sizeof(last[n]), "%s",
			 t->last_period ? t->last_period : _("not reported"));
		const char **row = cells + n * cols;
		row[0] = t->title ? t->title : t->key;
		row[1] = t->unit ? t->unit : _("not specified");
		row[2] = t->due ? t->due : "—";
		row[3] = last[n];
		n++;
	}
	qc_doc_heading(d, 1, _("4. Tasks behind schedule"));
	if (n > 1) {
		qc_doc_paraf(d,
			     _("%zu tasks are past their deadline and not "
			       "finished; the lead units are asked to speed "
			       "them up and set a date for each."),
			     n - 1);
		qc_doc_table(d, n, cols, cells);
	} else {
		qc_doc_para(d, _("Every task is within its deadline; none is "
				 "behind schedule."));
	}
	free(cells);
	free(last);
}

/* The last day of the period that ends at t (qc_period_time: 2020 is
 * the end of 2020, 2019.5 of 2020-H1), or today if that comes first:
 * what the 通报 reports "as of". */
static void period_end(double t, char iso[11], char text[40])
{
	int y = (int)ceil(t - 1e-9), m = (int)lround((t - (y - 1)) * 12), d;
	long days = qc_days_from_civil(m == 12 ? y + 1 : y, m % 12 + 1, 1) - 1;
	if (days > qc_today_days())
		days = qc_today_days();
	qc_civil_from_days(days, &y, &m, &d);
	qc_date_from_days(days, iso);
	qc_doc_date(text, 40, y, m, d);
}

static const char *sup_state_text(const struct qc_sup_item *x, const char *end)
{
	if (strcmp(x->deadline, end) < 0)
		return _("overdue, not closed");
	/* Closed since: at the period's end it was still being handled. */
	return !strcmp(x->state, "answered") ? _("answered, to be closed") :
	       !strcmp(x->state, "open")     ? _("awaiting an answer") :
					       _("being handled");
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
	const char *head[] = { _("#"),
			       _("Supervision item"),
			       _("Responsible unit"),
			       _("Rectification required"),
			       _("Time limit"),
			       _("Handling") };
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
			row[5] = sup_state_text(x, end);
			n++;
		}
	qc_doc_heading(d, 1, _("5. Supervision items"));
	if (n > 1) {
		qc_doc_paraf(d,
			     _("As of %s, %zu supervision items are not "
			       "closed, %zu of them past their time limit. The "
			       "responsible units are asked to rectify as "
			       "required, and to explain each overdue item in "
			       "writing within 5 working days."),
			     end_cn, n - 1, late);
		qc_doc_table(d, n, cols, cells);
	} else {
		qc_doc_paraf(d,
			     _("As of %s, every supervision item is closed."),
			     end_cn);
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
	/* TRANSLATORS: a document's title; %s is the period ("year 2020",
	 * "first half of 2020" …). */
	qc_buf_addf(&b,
		    _("Notice on the progress of the quality city work in "
		      "%s"),
		    label);
	free(d->title);
	d->title = qc_buf_detach(&b, NULL);
	d->recipients = qc_xstrdup(_("To the member units:"));
	/* TRANSLATORS: the plan's title, the region, the period. */
	qc_doc_paraf(d,
		     _("To carry out the targets and tasks of “%s”, and from "
		       "the data and progress the member units reported, the "
		       "progress of the quality city work of %s in %s is "
		       "notified as follows."),
		     plan_title, region, label);
	status_section(d, &t, plan_title, end_cn);
	reporting_section(d, &r);
	task_section(d, &l);
	if ((rc = supervision_section(s, plan_id, end, end_cn, d, err)))
		goto out;
	qc_doc_heading(d, 1, _("6. Next steps"));
	qc_doc_para(d,
		    _("Each member unit is to review the progress of its "
		      "targets and tasks one by one, set measures and time "
		      "limits for the targets that need to speed up or show "
		      "limited progress, and report its progress and data on "
		      "time, so that every target is met as planned."));
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

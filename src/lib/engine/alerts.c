/* Alerts from the status of targets, the reporting record, task states
 * and the values themselves. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alerts.h"
#include "qcity/alloc.h"
#include "qcity/i18n.h"
#include "qcity/model.h"
#include "qcity/reporting.h"
#include "qcity/status.h"
#include "qcity/store.h"
#include "qcity/strbuf.h"
#include "qcity/clock.h"
#include "qcity/complaint.h"
#include "qcity/equipment_read.h"
#include "qcity/metrology_read.h"
#include "qcity/supervision.h"
#include "qcity/value.h"
#include "qcity/workday.h"
#include "engine_int.h"
#include "banned.h"

const char *qc_alert_kind_name(enum qc_alert_kind k)
{
	static const char *const n[QC_ALERT__KINDS] = {
		"off_track",           "report_overdue",    "task_late",
		"value_range",         "value_unit",        "value_jump",
		"supervision_overdue", "complaint_overdue", "complaint_due",
		"calendar_gap",        "equipment_overdue", "equipment_due",
		"metrology_overdue",
	};
	return (unsigned)k < QC_ALERT__KINDS ? n[k] : "?";
}

static void add(struct qc_alert_list *l, enum qc_alert_kind kind, int sev,
		const char *subject, const char *region, const char *period,
		const char *people, const char *reason)
{
	QC_GROW(l->v, l->n + 1, l->alloc);
	struct qc_alert *a = &l->v[l->n++];
	memset(a, 0, sizeof(*a));
	a->kind = kind;
	a->severity = sev;
	a->subject = qc_xstrdup(subject);
	snprintf(a->region, sizeof(a->region), "%s", region ? region : "");
	snprintf(a->period, sizeof(a->period), "%s", period ? period : "");
	a->people = qc_xstrdup(people);
	a->reason = qc_xstrdup(reason);
	l->count[kind]++;
}

/* "units、office" for the people line. */
static char *people(const char *units, const char *office)
{
	struct qc_buf b = QC_BUF_INIT;
	qc_buf_init(&b, 4096);
	qc_buf_adds(&b, units && *units ? units : "");
	if (office && *office && (!units || !strstr(units, office))) {
		if (qc_buf_len(&b))
			qc_buf_adds(&b, "、");
		qc_buf_addf(&b, _("%s (office of the leading group)"), office);
	}
	qc_buf_mark_cut(&b, "…");
	return qc_buf_detach(&b, NULL);
}

static void off_track(const struct qc_plan_data *d, const char *office,
		      struct qc_alert_list *l)
{
	char period[12], why[400];
	for (size_t r = 0; r < d->n_regions; r++) {
		const char *region = d->regions[r];
		for (size_t i = 0; i < d->n_targets; i++) {
			const struct eng_target *e = &d->targets[i];
			const struct eng_series *se =
				qc_eng_series_find(d, e->indicator_id, region);
			struct qc_progress_result now, before;
			if (!se || !se->n)
				continue;
			qc_eng_eval(d, i, region, se->n, &now);
			if (!qc_progress_off_track(now.status))
				continue;
			qc_eng_eval(d, i, region, se->n - 1, &before);
			/* Only a change is news; a target off track for
			 * long stays in `qcity status`. */
			if (se->n > 1 && qc_progress_off_track(before.status))
				continue;
			qc_period_format(se->pts[se->n - 1].t,
					 se->pts[se->n - 1].months, period,
					 sizeof(period));
			snprintf(why, sizeof(why), _("%s → %s: %s"),
				 se->n > 1 ? qc_progress_label(before.status) :
					     _("new"),
				 qc_progress_label(now.status), now.reason);
			char *who = people(e->owners, office);
			add(l, QC_ALERT_OFF_TRACK,
			    now.status == QC_PROGRESS_DETERIORATING ? 3 : 2,
			    e->t.indicator, region, period, who, why);
			free(who);
		}
	}
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static double median(double *v, size_t n)
{
	qsort(v, n, sizeof(*v), cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* Each change checked against the changes before it, robustly. */
static void jumps(const struct qc_plan_data *d, const char *office,
		  struct qc_alert_list *l)
{
	char period[12], why[300];
	for (size_t k = 0; k < d->n_series; k++) {
		const struct eng_series *se = &d->series[k];
		const struct eng_target *e = NULL;
		double *ch, *dev;
		for (size_t i = 0; i < d->n_targets && !e; i++)
			if (d->targets[i].indicator_id == se->indicator_id)
				e = &d->targets[i];
		if (!e || se->n < QC_ALERT_JUMP_MIN_CHANGES + 2)
			continue;
		ch = qc_xmallocarray(se->n, sizeof(*ch));
		dev = qc_xmallocarray(se->n, sizeof(*dev));
		for (size_t i = 1; i < se->n; i++)
			ch[i - 1] = se->pts[i].v - se->pts[i - 1].v;
		for (size_t i = QC_ALERT_JUMP_MIN_CHANGES; i < se->n - 1; i++) {
			double m, mad;
			memcpy(dev, ch, i * sizeof(*ch));
			m = median(dev, i);
			for (size_t j = 0; j < i; j++)
				dev[j] = fabs(ch[j] - m);
			mad = 1.4826 * median(dev, i);
			/* A flat series still tolerates 1% of its level. */
			mad = fmax(mad,
				   0.01 * fabs(se->pts[i].v) / QC_ALERT_JUMP_K);
			if (fabs(ch[i] - m) <= QC_ALERT_JUMP_K * mad ||
			    mad == 0)
				continue;
			qc_period_format(se->pts[i + 1].t,
					 se->pts[i + 1].months, period,
					 sizeof(period));
			snprintf(why, sizeof(why),
				 _("%.12g → %.12g: a change of %+.12g "
				   "where the earlier changes have median %+.12g and "
				   "spread %.3g"),
				 se->pts[i].v, se->pts[i + 1].v, ch[i], m, mad);
			char *who = people(e->owners, office);
			add(l, QC_ALERT_VALUE_JUMP, 1, e->t.indicator,
			    se->region, period, who, why);
			free(who);
		}
		free(ch);
		free(dev);
	}
}

/* Range and unit of every stored value of the plan's indicators. */
static enum qc_rc values(struct qc_store *s, const struct qc_plan_data *d,
			 const char *office, struct qc_alert_list *l,
			 struct qc_error *err)
{
	struct qc_stmt *st;
	char why[300], prev_region[16] = "";
	int64_t prev_ind = 0;
	bool unit_told = false;
	enum qc_rc rc;
	enum qc_rc r;

	if ((rc = qc_stmt_prepare(
		     s,
		     "SELECT i.name, i.unit, v.region_code,"
		     " v.period, v.value, v.unit, u.name, v.indicator_id FROM"
		     " indicator_values v"
		     " JOIN indicators i ON i.id = v.indicator_id LEFT JOIN units u"
		     " ON u.id = v.unit_id WHERE v.indicator_id IN (SELECT"
		     " indicator_id FROM targets WHERE plan_id = ?)"
		     " ORDER BY i.id, v.region_code, v.period",
		     &st, err)))
		return rc;
	qc_stmt_bind_int(st, 1, d->plan_id);
	while ((r = qc_stmt_next(st, err)) == QC_ROW) {
		const char *ind = qc_stmt_text(st, 0),
			   *iu = qc_stmt_text(st, 1);
		const char *vu = qc_stmt_text(st, 5);
		double v = qc_stmt_double(st, 4);
		const char *unit = vu ? vu : iu;
		bool pct = unit && !strcmp(unit, "%");
		bool permille = unit && !strcmp(unit, "‰");
		/* The unit that reported it, else the target's lead units. */
		const char *by = qc_stmt_text(st, 6);
		for (size_t i = 0; !by && i < d->n_targets; i++)
			if (d->targets[i].indicator_id == qc_stmt_int(st, 7))
				by = d->targets[i].owners;
		char *who = people(by, office);
		/* One unit alert per series: the first value that differs. */
		bool same_series = prev_ind == qc_stmt_int(st, 7) &&
				   !strcmp(prev_region, qc_stmt_text(st, 2));
		prev_ind = qc_stmt_int(st, 7);
		snprintf(prev_region, sizeof(prev_region), "%s",
			 qc_stmt_text(st, 2));
		if (!same_series)
			unit_told = false;
		if (iu && vu && strcmp(iu, vu) && !unit_told) {
			unit_told = true;
			snprintf(why, sizeof(why),
				 _("reported in '%s' from %s on, "
				   "but %s is measured in '%s'"),
				 vu, qc_stmt_text(st, 3), ind, iu);
			add(l, QC_ALERT_VALUE_UNIT, 2, ind, qc_stmt_text(st, 2),
			    qc_stmt_text(st, 3), who, why);
		}
		if ((pct && (v < 0 || v > 100)) ||
		    (permille && (v < 0 || v > 1000)) ||
		    (!pct && !permille && v < 0 &&
		     !(unit && !strcmp(unit, "pp")))) {
			snprintf(why, sizeof(why), _("%.12g%s is outside %s"),
				 v, unit ? unit : "",
				 pct      ? "0–100%" :
				 permille ? "0–1000‰" :
					    _("the values a count can take"));
			add(l, QC_ALERT_VALUE_RANGE, 2, ind,
			    qc_stmt_text(st, 2), qc_stmt_text(st, 3), who, why);
		}
		free(who);
	}
	qc_stmt_free(st);
	return qc_step_rc(r);
}

static void overdue(const struct qc_reporting *rep, const char *office,
		    struct qc_alert_list *l)
{
	char why[400];
	for (size_t i = 0; i < rep->n_units; i++) {
		const struct qc_unit_reporting *u = &rep->units[i];
		int n = u->count[QC_REPORT_MISSING];
		if (!n)
			continue;
		/* Name the most recent missing periods only. */
		const char *list = u->missing;
		for (int skip = n - 6; skip > 0 && list; skip--) {
			list = strstr(list, "、");
			list = list ? list + strlen("、") : NULL;
		}
		const char *last = u->missing, *sep;
		while ((sep = strstr(last, "、")))
			last = sep + strlen("、");
		char periods[300];
		snprintf(why, sizeof(why),
			 _("%d %s report(s) missing after %d "
			   "grace days: %s%s (reporting rate %.0f%%)"),
			 n, qc_label(qc_report_kind_name(u->kind)),
			 u->grace_days, n > 6 ? "… " : "",
			 qc_period_list_label(list, periods, sizeof(periods)),
			 u->rate * 100);
		char *who = people(u->unit, office);
		add(l, QC_ALERT_REPORT_OVERDUE, n > 2 ? 3 : 2, u->unit, NULL,
		    last, who, why);
		free(who);
	}
}

static void late_tasks(const struct qc_task_list *t, const char *office,
		       struct qc_alert_list *l)
{
	char why[400];
	for (size_t i = 0; i < t->n; i++) {
		const struct qc_task_status *x = &t->v[i];
		if (x->section || x->state != QC_TASK_LATE)
			continue;
		char last[64];
		snprintf(why, sizeof(why),
			 _("%s %s: due %s, not done (last "
			   "report: %s %s)"),
			 x->key, x->title ? x->title : "", x->due,
			 x->last_period ? qc_period_label(x->last_period, last,
							  sizeof(last)) :
					  _("none"),
			 x->last_status ? qc_label(x->last_status) : "");
		char *who = people(x->unit, office);
		add(l, QC_ALERT_TASK_LATE, 2, x->key, NULL, x->due, who, why);
		free(who);
	}
}

/* 督查 items of the plan not closed by their deadline. */
static enum qc_rc supervision(struct qc_store *s, long long plan,
			      const char *office, struct qc_alert_list *l,
			      struct qc_error *err)
{
	struct qc_sup_list items;
	long today = qc_today_days();
	enum qc_rc rc;
	char why[600], subject[48];

	if ((rc = qc_sup_list(s, plan, 0, "overdue", NULL, &items, err)))
		return rc;
	for (size_t i = 0; i < items.n; i++) {
		const struct qc_sup_item *x = &items.v[i];
		long due = today;
		qc_date_days(x->deadline, &due);
		snprintf(subject, sizeof(subject), _("supervision item %lld"),
			 (long long)x->id);
		snprintf(why, sizeof(why),
			 _("%s: the deadline for rectification %s passed %ld "
			   "day(s) ago, %s (%s)"),
			 x->unit, x->deadline, today - due,
			 !strcmp(x->state, "answered") ?
				 _("answered, not closed") :
				 _("not answered yet"),
			 x->finding);
		char *who = people(x->unit, office);
		add(l, QC_ALERT_SUPERVISION_OVERDUE, today - due > 30 ? 3 : 2,
		    subject, NULL, x->deadline, who, why);
		free(who);
	}
	qc_sup_list_release(&items);
	return QC_OK;
}

/* The handling county's market regulator as the units table names it
 * (市场监督管理局, 市场监管局), else the county itself; caller frees. */
static char *handler_of(struct qc_store *s, const char *county)
{
	char *name = NULL;
	if (qc_store_get_text(s,
			      "SELECT name FROM units WHERE region_code = ?"
			      " AND (name LIKE '%市场监督管理%' OR name LIKE"
			      " '%市场监管%') ORDER BY id",
			      QC_TEXTS(county), &name, NULL) == QC_OK &&
	    name)
		return name;
	free(name);
	name = NULL;
	if (qc_store_get_text(s, "SELECT name FROM regions WHERE code = ?",
			      QC_TEXTS(county), &name, NULL) == QC_OK &&
	    name)
		return name;
	free(name);
	return qc_xstrdup(county);
}

/* The step a complaint's running deadline waits for (qc_complaint's
 * awaiting). */
static const char *awaiting_words(const char *a)
{
	static const char *const w[][2] = {
		{ "accept", N_("decision to accept") },
		{ "mediate", N_("end of mediation") },
		{ "notify", N_("notice that mediation ended") },
		{ "decide", N_("decision on opening a case") },
	};
	for (size_t i = 0; a && i < sizeof(w) / sizeof(w[0]); i++)
		if (!strcmp(a, w[i][0]))
			return _(w[i][1]);
	return a ? a : "";
}

/* Open complaints and reports handled in the plan's region and below
 * whose legal deadline has passed or comes within 2 working days; and,
 * once for them all, those whose deadline runs past the loaded holiday
 * notices (every December until the next year's notice is loaded): no
 * deadline can be told for them, and the office must load it. */
static enum qc_rc complaints(struct qc_store *s, const char *region,
			     const char *office, struct qc_alert_list *l,
			     struct qc_error *err)
{
	struct qc_complaint_list items;
	struct qc_calendar *cal;
	char subject[48], why[600];
	enum qc_rc rc;

	if (!region || !*region)
		return QC_OK;
	size_t unknown = 0;
	int first, last;

	if ((rc = qc_calendar_open(s, &cal, NULL)))
		return QC_OK; /* no calendar: no deadline to tell */
	qc_calendar_span(cal, &first, &last);
	rc = qc_complaint_open(s, cal, region, qc_today_days(), false, &items,
			       err);
	qc_calendar_free(cal);
	if (rc)
		return rc;
	for (size_t i = 0; i < items.n; i++) {
		const struct qc_complaint *c = &items.v[i];
		if (!c->due[0] && c->awaiting)
			unknown++;
		if (!c->due[0] || !(c->overdue || c->due_soon))
			continue;
		snprintf(subject, sizeof(subject),
			 c->kind == QC_REPORT ? _("report %lld") :
						_("complaint %lld"),
			 (long long)c->id);
		if (c->overdue)
			snprintf(why, sizeof(why),
				 _("%s: the %s was due %s, %d working "
				   "day(s) ago (%s)"),
				 c->respondent, awaiting_words(c->awaiting),
				 c->due, -c->workdays_left,
				 c->rule ? c->rule : "");
		else
			snprintf(why, sizeof(why),
				 _("%s: the %s is due %s, in %d working "
				   "day(s) (%s)"),
				 c->respondent, awaiting_words(c->awaiting),
				 c->due, c->workdays_left,
				 c->rule ? c->rule : "");
		char *unit = handler_of(s, c->region);
		char *who = people(unit, office);
		add(l,
		    c->overdue ? QC_ALERT_COMPLAINT_OVERDUE :
				 QC_ALERT_COMPLAINT_DUE,
		    c->overdue ? (c->workdays_left < -5 ? 3 : 2) : 1, subject,
		    c->region, c->due, who, why);
		free(who);
		free(unit);
	}
	qc_complaint_list_release(&items);
	if (unknown) {
		snprintf(why, sizeof(why),
			 _("%zu open complaint(s) or report(s) have a deadline "
			   "past the holiday notices loaded (up to %d): update "
			   "chinese-days and run qcity calendar load"),
			 unknown, last);
		char *unit = handler_of(s, region);
		char *who = people(unit, office);
		add(l, QC_ALERT_CALENDAR_GAP, 2, _("holiday notices"), region,
		    NULL, who, why);
		free(who);
		free(unit);
	}
	return QC_OK;
}

/* Special equipment of the plan's region and below, one alert a county
 * and kind (not one a unit: a county holds thousands): units overdue
 * (past the due date, or failed; 特种设备安全法 第四十条: not to be
 * used) and units due within a calendar month (the request is due a
 * month before). The period is this month, so an acknowledgement holds
 * for the month; the page lists the units. */
static void equipment_county(struct qc_store *s, const char *office,
			     const struct qc_equipment *first, size_t n,
			     bool overdue, struct qc_alert_list *l)
{
	char why[600], month[8], today[11];
	qc_date_from_days(qc_today_days(), today);
	snprintf(month, sizeof(month), "%.7s", today);
	if (overdue)
		snprintf(why, sizeof(why),
			 _("%zu unit(s) in use past their inspection date or "
			   "failed and not re-inspected, the longest %ld "
			   "day(s): %s %s (%s); they may not be used "
			   "(article 40 of the Special Equipment Safety Law)"),
			 n, first->days_overdue,
			 qc_equipment_category_name(first->category),
			 first->code, first->user_name);
	else
		snprintf(why, sizeof(why),
			 _("%zu unit(s) due for periodic inspection within a "
			   "month, the first on %s: %s %s (%s); the user "
			   "requests it a month before (article 40 of the "
			   "Special Equipment Safety Law)"),
			 n, first->next_due,
			 qc_equipment_category_name(first->category),
			 first->code, first->user_name);
	char *unit = handler_of(s, first->region);
	char *who = people(unit, office);
	add(l, overdue ? QC_ALERT_EQUIPMENT_OVERDUE : QC_ALERT_EQUIPMENT_DUE,
	    overdue ? (first->days_overdue > 30 ? 3 : 2) : 1,
	    _("special equipment"), first->region, month, who, why);
	free(who);
	free(unit);
}

/* How many rows of a register's list share row i's county and kind
 * (regions[], kinds[] of its n rows, in the list's order), when i is
 * the first of them, the most urgent, which leads the county's alert;
 * else 0. */
static size_t county_lead(const char *const *regions, const int *kinds,
			  size_t n, size_t i)
{
	size_t same = 0;
	for (size_t j = 0; j < n; j++) {
		bool is = kinds[j] == kinds[i] &&
			  !strcmp(regions[j], regions[i]);
		if (is && j < i)
			return 0;
		same += is;
	}
	return same;
}

static enum qc_rc equipment(struct qc_store *s, const char *region,
			    const char *office, struct qc_alert_list *l,
			    struct qc_error *err)
{
	struct qc_equipment_query q = { .region = region,
					.state = "attention" };
	struct qc_equipment_list u;
	enum qc_rc rc;

	if (!region || !*region)
		return QC_OK;
	if ((rc = qc_equipment_page(s, &q, qc_today_days(), &u, NULL, NULL,
				    err)))
		return rc;
	const char **regions = qc_xreallocarray(NULL, u.n + 1,
						sizeof(*regions));
	int *kinds = qc_xreallocarray(NULL, u.n + 1, sizeof(*kinds));
	for (size_t i = 0; i < u.n; i++) {
		regions[i] = u.v[i].region;
		kinds[i] = u.v[i].overdue;
	}
	/* A county's first overdue unit and its first due one each lead. */
	for (size_t i = 0; i < u.n; i++) {
		size_t n = county_lead(regions, kinds, u.n, i);
		if (n)
			equipment_county(s, office, &u.v[i], n, u.v[i].overdue,
					 l);
	}
	free(regions);
	free(kinds);
	qc_equipment_list_release(&u);
	return QC_OK;
}

/* Instruments under compulsory verification of the plan's region and
 * below that may not be used (计量法 第九条: 未按照规定申请检定或者检定不
 * 合格的，不得使用): in use past the date their certificate is valid
 * until, or failed. One alert a county, led by the instrument late the
 * longest (the list's order), as for special equipment; the period is
 * this month. No alert before the date: the law sets no time to apply
 * ahead of it (docs/metrology.md "Alerts and reminders"). */
static enum qc_rc metrology(struct qc_store *s, const char *region,
			    const char *office, struct qc_alert_list *l,
			    struct qc_error *err)
{
	struct qc_metrology_query q = { .region = region, .state = "overdue" };
	struct qc_metrology_list m;
	char why[600], month[8], today[11];
	enum qc_rc rc;

	if (!region || !*region)
		return QC_OK;
	qc_date_from_days(qc_today_days(), today);
	snprintf(month, sizeof(month), "%.7s", today);
	if ((rc = qc_metrology_page(s, &q, qc_today_days(), &m, NULL, NULL,
				    err)))
		return rc;
	const char **regions = qc_xreallocarray(NULL, m.n + 1,
						sizeof(*regions));
	int *kinds = qc_xreallocarray(NULL, m.n + 1, sizeof(*kinds));
	for (size_t i = 0; i < m.n; i++) {
		regions[i] = m.v[i].region;
		kinds[i] = 0;
	}
	for (size_t i = 0; i < m.n; i++) {
		const struct qc_metrology *x = &m.v[i];
		size_t n = county_lead(regions, kinds, m.n, i);
		if (!n)
			continue;
		snprintf(why, sizeof(why),
			 _("%zu instrument(s) under compulsory verification "
			   "in use past their verification date or failed, "
			   "the longest %ld day(s): %s %s (%s); they may not "
			   "be used (article 9 of the Metrology Law)"),
			 n, x->days_overdue, x->kind, x->code, x->owner_name);
		char *unit = handler_of(s, x->region);
		char *who = people(unit, office);
		add(l, QC_ALERT_METROLOGY_OVERDUE, x->days_overdue > 30 ? 3 : 2,
		    _("measuring instruments"), x->region, month, who, why);
		free(who);
		free(unit);
	}
	free(regions);
	free(kinds);
	qc_metrology_list_release(&m);
	return QC_OK;
}

/* The plan's office (its host unit) and region; the caller frees both. */
static enum qc_rc office_of(struct qc_store *s, long long plan, char **out,
			    char **region, struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc rc;
	*out = *region = NULL;
	if ((rc = qc_stmt_prepare(s,
				  "SELECT office_host, region_code FROM plans"
				  " WHERE id = ?",
				  &st, err)))
		return rc;
	qc_stmt_bind_int(st, 1, plan);
	if ((rc = qc_stmt_next(st, err)) == QC_ROW) {
		*out = qc_xstrdup(qc_stmt_text(st, 0));
		*region = qc_xstrdup(qc_stmt_text(st, 1));
	}
	qc_stmt_free(st);
	return qc_step_rc(rc);
}

static int by_severity(const void *a, const void *b)
{
	const struct qc_alert *x = a, *y = b;
	if (x->severity != y->severity)
		return y->severity - x->severity;
	if (x->kind != y->kind)
		return (int)x->kind - (int)y->kind;
	int c = strcmp(x->subject ? x->subject : "",
		       y->subject ? y->subject : "");
	if (!c)
		c = strcmp(x->region, y->region);
	return c ? c : strcmp(x->period, y->period);
}

/* alert_ack.c: fill acked_by and ack_note from the acknowledgements. */
enum qc_rc qc_alerts_mark_acked(struct qc_store *s, long long plan_id,
				struct qc_alert_list *l, struct qc_error *err);

enum qc_rc qc_alerts(struct qc_store *s, long long plan_id,
		     struct qc_alert_list *out, struct qc_error *err)
{
	struct qc_plan_data *d = NULL;
	struct qc_reporting rep = { 0 };
	struct qc_task_list tasks = { 0 };
	char *office = NULL, *region = NULL;
	enum qc_rc rc;

	memset(out, 0, sizeof(*out));
	if ((rc = qc_plan_data_load(s, plan_id, NULL, &d, err)) ||
	    (rc = office_of(s, plan_id, &office, &region, err)) ||
	    (rc = qc_reporting_compute(s, plan_id, 0, &rep, err)) ||
	    (rc = qc_task_status_list(s, plan_id, &tasks, err)))
		goto out;
	off_track(d, office, out);
	overdue(&rep, office, out);
	late_tasks(&tasks, office, out);
	if ((rc = supervision(s, plan_id, office, out, err)))
		goto out;
	if ((rc = values(s, d, office, out, err)) ||
	    (rc = complaints(s, region, office, out, err)) ||
	    (rc = equipment(s, region, office, out, err)) ||
	    (rc = metrology(s, region, office, out, err)))
		goto out;
	jumps(d, office, out);
	if (out->n)
		qsort(out->v, out->n, sizeof(*out->v), by_severity);
	rc = qc_alerts_mark_acked(s, plan_id, out, err);
out:
	free(office);
	free(region);
	qc_reporting_release(&rep);
	qc_task_list_release(&tasks);
	qc_plan_data_free(d);
	if (rc)
		qc_alert_list_release(out);
	return rc;
}

void qc_alert_list_release(struct qc_alert_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].subject);
		free(l->v[i].reason);
		free(l->v[i].people);
		free(l->v[i].acked_by);
		free(l->v[i].ack_note);
	}
	free(l->v);
	memset(l, 0, sizeof(*l));
}

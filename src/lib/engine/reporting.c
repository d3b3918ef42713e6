/* Reporting rate and timeliness per unit and period, and task states.
 * Reports are read in one query and matched in memory. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/clock.h"
#include "qcity/reporting.h"
#include "qcity/store.h"
#include "qcity/strbuf.h"
#include "banned.h"

const char *qc_report_state_name(enum qc_report_state s)
{
	static const char *const n[] = { "on_time", "late", "missing",
					 "not_due" };
	return (unsigned)s < QC_REPORT__STATES ? n[s] : "?";
}

const char *qc_task_state_name(enum qc_task_state s)
{
	static const char *const n[] = { "done", "on_time", "late",
					 "not_reported" };
	return (unsigned)s < QC_TASK__STATES ? n[s] : "?";
}

static long iso_days(const char *iso)
{
	int y = 0, m = 0, d = 0;
	if (!iso || sscanf(iso, "%4d-%2d-%2d", &y, &m, &d) != 3)
		return 0;
	return qc_days_from_civil(y, m, d);
}

/* The day after the period's last day, as days since 1970. */
static bool period_end_next(const char *p, long *out)
{
	int y, mo;
	if (!p || strlen(p) < 4)
		return false;
	y = atoi(p);
	if (!p[4])
		mo = 12;
	else if (p[5] == 'H')
		mo = (p[6] - '0') * 6;
	else if (p[5] == 'Q')
		mo = (p[6] - '0') * 3;
	else
		mo = atoi(p + 5);
	if (y < 1949 || mo < 1 || mo > 12)
		return false;
	*out = mo == 12 ? qc_days_from_civil(y + 1, 1, 1) :
			  qc_days_from_civil(y, mo + 1, 1);
	return true;
}

bool qc_report_deadline(const char *period, int grace_days, char *buf, size_t n)
{
	long next;
	int y, m, d;
	if (!period_end_next(period, &next))
		return false;
	qc_civil_from_days(next - 1 + grace_days, &y, &m, &d);
	snprintf(buf, n, "%04d-%02d-%02d", y, m, d);
	return true;
}

struct duty {
	enum qc_report_kind kind;
	int grace;
};
struct unit {
	int64_t id;
	char *name;
};
struct report {
	int64_t unit;
	char period[12];
	char date[16];
};

struct ctx {
	struct duty *duties;
	size_t n_duties, a_duties;
	struct unit *units;
	size_t n_units, a_units;
	struct report *reports;
	size_t n_reports, a_reports;
	int start, end;
};

static enum qc_rc load(struct qc_store *s, long long plan, struct ctx *c,
		       struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc rc;
	enum qc_rc r;

	if ((rc = qc_stmt_prepare(s,
				  "SELECT period_start, period_end FROM"
				  " plans WHERE id = ?",
				  &st, err)))
		return rc;
	qc_stmt_bind_int(st, 1, plan);
	r = qc_stmt_next(st, err);
	if (r == QC_ROW) {
		c->start = (int)qc_stmt_int(st, 0);
		c->end = (int)qc_stmt_int(st, 1);
	}
	qc_stmt_free(st);
	if (r != QC_ROW)
		return r == QC_DONE ?
			       qc_error_set(err, QC_ENOTFOUND,
					    "no plan %lld (see `qcity plan list`)",
					    plan) :
			       qc_step_rc(r);
	if ((rc = qc_stmt_prepare(s,
				  "SELECT kind, grace_days FROM"
				  " report_duties WHERE plan_id = ? ORDER BY"
				  " seq",
				  &st, err)))
		return rc;
	qc_stmt_bind_int(st, 1, plan);
	while ((r = qc_stmt_next(st, err)) == QC_ROW) {
		QC_GROW(c->duties, c->n_duties + 1, c->a_duties);
		struct duty *d = &c->duties[c->n_duties++];
		qc_report_kind_parse(qc_stmt_text(st, 0), &d->kind);
		d->grace = (int)qc_stmt_int(st, 1);
	}
	qc_stmt_free(st);
	if ((rc = qc_step_rc(r)))
		return rc;
	/* The lead units of work items: progress is reported on them (never
	 * on a section, a heading), so they are the ones who report (units leading only targets report
	 * values, which are judged by the status of the targets). */
	if ((rc = qc_stmt_prepare(
		     s,
		     "SELECT u.id, u.name FROM units u WHERE"
		     " u.id IN (SELECT o.unit_id FROM task_owners o JOIN tasks t ON"
		     " t.id = o.task_id WHERE t.plan_id = ? AND o.role = 'lead'"
		     " AND t.kind = 'item') ORDER BY u.id",
		     &st, err)))
		return rc;
	qc_stmt_bind_int(st, 1, plan);
	while ((r = qc_stmt_next(st, err)) == QC_ROW) {
		QC_GROW(c->units, c->n_units + 1, c->a_units);
		c->units[c->n_units].id = qc_stmt_int(st, 0);
		c->units[c->n_units++].name = qc_xstrdup(qc_stmt_text(st, 1));
	}
	qc_stmt_free(st);
	if ((rc = qc_step_rc(r)))
		return rc;
	if ((rc = qc_stmt_prepare(
		     s,
		     "SELECT p.unit_id, p.period,"
		     " MIN(p.submitted_at) FROM progress_reports p JOIN tasks t ON"
		     " t.id = p.task_id WHERE t.plan_id = ? AND t.kind = 'item'"
		     " GROUP BY p.unit_id, p.period",
		     &st, err)))
		return rc;
	qc_stmt_bind_int(st, 1, plan);
	while ((r = qc_stmt_next(st, err)) == QC_ROW) {
		QC_GROW(c->reports, c->n_reports + 1, c->a_reports);
		struct report *p = &c->reports[c->n_reports++];
		p->unit = qc_stmt_int(st, 0);
		snprintf(p->period, sizeof(p->period), "%s",
			 qc_stmt_text(st, 1));
		snprintf(p->date, sizeof(p->date), "%.10s",
			 qc_stmt_text(st, 2) ? qc_stmt_text(st, 2) : "");
	}
	qc_stmt_free(st);
	return qc_step_rc(r);
}

static const struct report *find_report(const struct ctx *c, int64_t unit,
					const char *period)
{
	for (size_t i = 0; i < c->n_reports; i++)
		if (c->reports[i].unit == unit &&
		    !strcmp(c->reports[i].period, period))
			return &c->reports[i];
	return NULL;
}

int qc_report_periods(enum qc_report_kind k, int year, char out[12][12])
{
	int n = k == QC_REPORT_MONTHLY ? 12 : k == QC_REPORT_HALF_YEAR ? 2 : 1;
	for (int i = 0; i < n; i++) {
		if (k == QC_REPORT_MONTHLY)
			snprintf(out[i], 12, "%04d-%02d", year % 10000, i + 1);
		else if (k == QC_REPORT_HALF_YEAR)
			snprintf(out[i], 12, "%04d-H%d", year % 10000, i + 1);
		else
			snprintf(out[i], 12, "%04d", year % 10000);
	}
	return n;
}

/* Append "、item" to a list held as a string. Past the cap the list stays
 * as it was, ended once with "…" so a reader sees it was cut. */
static void list_add(char **list, const char *item)
{
	struct qc_buf b;
	size_t n = *list ? strlen(*list) : 0;

	qc_buf_init(&b, 8192);
	qc_buf_adds(&b, *list ? *list : "");
	if (qc_buf_len(&b))
		qc_buf_adds(&b, "、");
	qc_buf_adds(&b, item);
	if (qc_buf_failed(&b)) {
		qc_buf_release(&b);
		if (n >= strlen("…") && !strcmp(*list + n - strlen("…"), "…"))
			return;
		qc_buf_adds(&b, *list);
		qc_buf_mark_cut(&b, "…");
	}
	free(*list);
	*list = qc_buf_detach(&b, NULL);
}

enum qc_rc qc_reporting_compute(struct qc_store *s, long long plan_id, int year,
				struct qc_reporting *out, struct qc_error *err)
{
	struct ctx c = { 0 };
	int ty, tm, td;
	long today;
	enum qc_rc rc;

	memset(out, 0, sizeof(*out));
	out->plan_id = plan_id;
	out->year = year;
	qc_today(&ty, &tm, &td);
	today = qc_days_from_civil(ty, tm, td);
	snprintf(out->as_of, sizeof(out->as_of), "%04d-%02d-%02d", ty % 10000,
		 tm, td);
	if ((rc = load(s, plan_id, &c, err)))
		goto out;
	int y0 = year ? year : c.start ? c.start : ty;
	int y1 = year ? year : c.end ? c.end : ty;
	for (size_t k = 0; k < c.n_duties; k++) {
		const struct duty *d = &c.duties[k];
		size_t first = out->n_units;
		for (size_t u = 0; u < c.n_units; u++) {
			QC_GROW(out->units, out->n_units + 1, out->alloc_units);
			struct qc_unit_reporting *ur =
				&out->units[out->n_units++];
			memset(ur, 0, sizeof(*ur));
			ur->unit_id = c.units[u].id;
			ur->unit = qc_xstrdup(c.units[u].name);
			ur->kind = d->kind;
			ur->grace_days = d->grace;
		}
		for (int y = y0; y <= y1 && y <= ty; y++) {
			char ps[12][12];
			int np = qc_report_periods(d->kind, y, ps);
			for (int i = 0; i < np; i++) {
				long next = 0, deadline;
				if (!period_end_next(ps[i], &next) ||
				    next > today)
					break; /* the period has not ended */
				deadline = next - 1 + d->grace;
				QC_GROW(out->periods, out->n_periods + 1,
					out->alloc_periods);
				struct qc_period_reporting *pr =
					&out->periods[out->n_periods++];
				memset(pr, 0, sizeof(*pr));
				pr->kind = d->kind;
				snprintf(pr->period, sizeof(pr->period),
					 "%.11s", ps[i]);
				qc_report_deadline(ps[i], d->grace,
						   pr->deadline,
						   sizeof(pr->deadline));
				for (size_t u = 0; u < c.n_units; u++) {
					struct qc_unit_reporting *ur =
						&out->units[first + u];
					const struct report *rep =
						find_report(&c, c.units[u].id,
							    ps[i]);
					long got = rep ? iso_days(rep->date) :
							 0;
					enum qc_report_state st =
						rep ? (got <= deadline ?
							       QC_REPORT_ON_TIME :
							       QC_REPORT_LATE) :
						today > deadline ?
						      QC_REPORT_MISSING :
						      QC_REPORT_NOT_DUE;
					pr->count[st]++;
					ur->count[st]++;
					if (st == QC_REPORT_MISSING) {
						list_add(&ur->missing, ps[i]);
					} else if (st == QC_REPORT_LATE) {
						char item[64];
						snprintf(item, sizeof(item),
							 "%.11s +%ldd", ps[i],
							 got - deadline);
						list_add(&ur->late, item);
					}
				}
			}
		}
		for (size_t u = first; u < out->n_units; u++) {
			struct qc_unit_reporting *ur = &out->units[u];
			ur->due = ur->count[QC_REPORT_ON_TIME] +
				  ur->count[QC_REPORT_LATE] +
				  ur->count[QC_REPORT_MISSING];
			ur->rate =
				ur->due ?
					(double)(ur->due -
						 ur->count[QC_REPORT_MISSING]) /
						ur->due :
					1;
			ur->timeliness =
				ur->due ? (double)ur->count[QC_REPORT_ON_TIME] /
						  ur->due :
					  1;
		}
	}
out:
	for (size_t i = 0; i < c.n_units; i++)
		free(c.units[i].name);
	free(c.units);
	free(c.duties);
	free(c.reports);
	if (rc)
		qc_reporting_release(out);
	return rc;
}

void qc_reporting_release(struct qc_reporting *r)
{
	for (size_t i = 0; i < r->n_units; i++) {
		free(r->units[i].unit);
		free(r->units[i].missing);
		free(r->units[i].late);
	}
	free(r->units);
	free(r->periods);
	memset(r, 0, sizeof(*r));
}

/* What the data-entry page shows: a unit's targets for a period with its
 * values, and one target's series for the chart. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/clock.h"
#include "qcity/indicator.h"
#include "qcity/model.h"
#include "qcity/plan.h"
#include "qcity/review.h"
#include "qcity/store.h"
#include "qcity/strbuf.h"
#include "review_int.h"
#include "banned.h"

void qc_entry_form_release(struct qc_entry_form *f)
{
	if (!f)
		return;
	for (size_t i = 0; i < f->n; i++) {
		struct qc_entry_row *r = &f->v[i];
		free(r->goal);
		free(r->indicator);
		free(r->canonical);
		free(r->unit);
		free(r->requirement);
		free(r->note);
	}
	free(f->v);
	qc_calendar_release(&f->calendar);
	free(f->unit);
	free(f->state);
	free(f->reason);
	memset(f, 0, sizeof(*f));
}

char *qc_review_requirement(struct qc_stmt *st, int col)
{
	struct qc_target t = { 0 };
	struct qc_buf b;
	const char *op = qc_stmt_text(st, col);

	if (!op || !qc_op_parse(op, &t.op))
		return NULL;
	t.has_value = !qc_stmt_is_null(st, col + 1);
	t.value = qc_stmt_double(st, col + 1);
	t.has_value_max = !qc_stmt_is_null(st, col + 2);
	t.value_max = qc_stmt_double(st, col + 2);
	t.unit = (char *)qc_stmt_text(st, col + 3);
	qc_buf_init(&b, 256);
	qc_target_describe(&t, &b);
	qc_buf_mark_cut(&b, "…");
	return qc_buf_detach(&b, NULL);
}

static enum qc_rc form_head(struct qc_store *s, struct qc_entry_form *f,
			    struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc rc;
	enum qc_rc r;

	if ((rc = qc_stmt_prepare(s,
				  "SELECT p.region_code, u.name, (SELECT"
				  " x.state FROM submissions x WHERE x.unit_id ="
				  " u.id AND x.period = ?), (SELECT x.reason FROM"
				  " submissions x WHERE x.unit_id = u.id AND"
				  " x.period = ?) FROM plans p, units u WHERE"
				  " p.id = ? AND u.id = ?",
				  &st, err)))
		return rc;
	qc_stmt_bind_text(st, 1, f->period);
	qc_stmt_bind_text(st, 2, f->period);
	qc_stmt_bind_int(st, 3, f->plan_id);
	qc_stmt_bind_int(st, 4, f->unit_id);
	r = qc_stmt_next(st, err);
	if (r == QC_ROW) {
		const char *region = qc_stmt_text(st, 0);
		snprintf(f->region, sizeof(f->region), "%s",
			 region ? region : "");
		f->unit = qc_xstrdup(qc_stmt_text(st, 1));
		f->state = qc_xstrdup(qc_stmt_text(st, 2));
		f->reason = qc_xstrdup(qc_stmt_text(st, 3));
		if (!region)
			rc = qc_error_set(err, QC_EINVAL,
					  "plan %lld has no "
					  "region, so values have nowhere to go",
					  f->plan_id);
	} else if (r == QC_DONE) {
		rc = qc_error_set(err, QC_ENOTFOUND,
				  "no plan %lld or no unit "
				  "%lld",
				  f->plan_id, (long long)f->unit_id);
	} else {
		rc = r;
	}
	qc_stmt_free(st);
	return rc;
}

/* The newest year of the calendar that has ended, else its newest
 * period. */
static const char *default_period(const struct qc_calendar *c)
{
	int ty, tm, td;
	qc_today(&ty, &tm, &td);
	for (size_t i = 0; i < c->n; i++)
		if (!strcmp(c->v[i].kind, "annual") &&
		    atoi(c->v[i].period) < ty)
			return c->v[i].period;
	return c->n ? c->v[0].period : NULL;
}

enum qc_rc qc_entry_form(struct qc_store *s, long long plan_id, int64_t unit_id,
			 const char *period, struct qc_entry_form *out,
			 struct qc_error *err)
{
	struct qc_stmt *st = NULL;
	enum qc_rc rc;
	enum qc_rc r;

	char prev[12] = "";

	memset(out, 0, sizeof(*out));
	if ((rc = qc_entry_calendar(s, plan_id, &out->calendar, err)) ||
	    (rc = qc_entry_jump_get(s, plan_id, &out->jump_factor, err)))
		return rc;
	if (!period)
		period = default_period(&out->calendar);
	if (!qc_period_valid(period))
		return qc_error_set(err, QC_EINVAL,
				    "period: '%s' is not a period: choose one "
				    "from the reporting calendar (such as "
				    "2019, 2019-H1, 2019-03)",
				    period ? period : "");
	qc_period_previous(period, prev);
	out->plan_id = plan_id;
	out->unit_id = unit_id;
	snprintf(out->period, sizeof(out->period), "%s", period);
	if ((rc = form_head(s, out, err)))
		return rc;
	if ((rc = qc_stmt_prepare(s,
				  "SELECT t.id, g.name, t.indicator_text,"
				  " i.name, t.unit, t.due_year, t.op, t.value,"
				  " t.value_max, t.unit, v.value, v.note,"
				  " i.min_value, i.max_value, pv.value FROM"
				  " targets t JOIN indicators i ON i.id ="
				  " t.indicator_id LEFT JOIN goals g ON g.id ="
				  " t.goal_id LEFT JOIN indicator_values v ON"
				  " v.indicator_id = t.indicator_id AND"
				  " v.region_code = ? AND v.period = ? LEFT JOIN"
				  " indicator_values pv ON pv.indicator_id ="
				  " t.indicator_id AND pv.region_code = ?"
				  " AND pv.period = ? WHERE"
				  " t.plan_id = ? AND EXISTS (SELECT 1 FROM"
				  " target_owners o WHERE o.target_id = t.id AND"
				  " o.unit_id = ? AND o.role = 'lead') ORDER BY"
				  " t.seq",
				  &st, err)))
		return rc;
	qc_stmt_bind_text(st, 1, out->region);
	qc_stmt_bind_text(st, 2, period);
	qc_stmt_bind_text(st, 3, out->region);
	qc_stmt_bind_text(st, 4, prev);
	qc_stmt_bind_int(st, 5, plan_id);
	qc_stmt_bind_int(st, 6, unit_id);
	while ((r = qc_stmt_next(st, err)) == QC_ROW) {
		struct qc_entry_row *e;
		QC_GROW(out->v, out->n + 1, out->alloc);
		e = &out->v[out->n++];
		memset(e, 0, sizeof(*e));
		e->target_id = qc_stmt_int(st, 0);
		e->goal = qc_xstrdup(qc_stmt_text(st, 1));
		e->indicator = qc_xstrdup(qc_stmt_text(st, 2));
		e->canonical = qc_xstrdup(qc_stmt_text(st, 3));
		e->unit = qc_xstrdup(qc_stmt_text(st, 4));
		e->year = qc_stmt_is_null(st, 5) ? 0 : (int)qc_stmt_int(st, 5);
		e->requirement = qc_review_requirement(st, 6);
		snprintf(e->op, sizeof(e->op), "%s",
			 qc_stmt_text(st, 6) ? qc_stmt_text(st, 6) : "");
		if (!e->requirement)
			e->requirement = qc_xstrdup("");
		e->has_value = !qc_stmt_is_null(st, 10);
		e->value = qc_stmt_double(st, 10);
		e->note = qc_xstrdup(qc_stmt_text(st, 11));
		e->has_min = !qc_stmt_is_null(st, 12);
		e->min = qc_stmt_double(st, 12);
		e->has_max = !qc_stmt_is_null(st, 13);
		e->max = qc_stmt_double(st, 13);
		e->has_previous = !qc_stmt_is_null(st, 14);
		e->previous = qc_stmt_double(st, 14);
		snprintf(e->previous_period, sizeof(e->previous_period), "%s",
			 prev);
	}
	if (qc_step_failed(r))
		rc = r;
	qc_stmt_free(st);
	return rc;
}

void qc_series_release(struct qc_series *x)
{
	if (x) {
		free(x->v);
		memset(x, 0, sizeof(*x));
	}
}

/* The kind of reading target_id's series gets, and the plan's first
 * year. */
static enum qc_rc series_reading(struct qc_store *s, int64_t target_id,
				 bool *running, int *start,
				 struct qc_error *err)
{
	enum qc_measure_kind kind = QC_MEASURE_LEVEL;
	struct qc_stmt *st;
	enum qc_op op = QC_OP_GE;
	enum qc_rc rc;
	enum qc_rc r;

	*running = false;
	*start = 0;
	if ((rc = qc_stmt_prepare(s,
				  "SELECT i.kind, t.op, p.period_start FROM"
				  " targets t JOIN indicators i ON i.id ="
				  " t.indicator_id JOIN plans p ON p.id ="
				  " t.plan_id WHERE t.id = ?",
				  &st, err)))
		return rc;
	qc_stmt_bind_int(st, 1, target_id);
	if ((r = qc_stmt_next(st, err)) == QC_ROW) {
		qc_measure_kind_parse(qc_stmt_text(st, 0), &kind);
		qc_op_parse(qc_stmt_text(st, 1), &op);
		*start = (int)qc_stmt_int(st, 2);
		*running = qc_measure_adds_up(kind, op);
	}
	qc_stmt_free(st);
	return qc_step_rc(r);
}

/* Sum a count's figures as status does: yearly ones when there are any,
 * else the shorter periods, from the plan's first year on. */
static void run_totals(struct qc_series *x, int start)
{
	bool yearly = false;
	double sum = 0;
	size_t k = 0;

	for (size_t i = 0; i < x->n; i++)
		yearly |= strlen(x->v[i].period) == 4;
	for (size_t i = 0; i < x->n; i++) {
		struct qc_series_point p = x->v[i];
		if ((yearly && strlen(p.period) != 4) ||
		    (start && atoi(p.period) < start))
			continue;
		sum += p.reported;
		p.value = sum;
		x->v[k++] = p;
	}
	x->n = k;
}

enum qc_rc qc_target_series(struct qc_store *s, int64_t target_id,
			    const char *region, struct qc_series *out,
			    struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc rc;
	bool running;
	enum qc_rc r;
	int start;

	memset(out, 0, sizeof(*out));
	if ((rc = series_reading(s, target_id, &running, &start, err)))
		return rc;
	if ((rc = qc_stmt_prepare(s,
				  "SELECT v.period, v.value FROM targets t"
				  " JOIN plans p ON p.id = t.plan_id JOIN"
				  " indicator_values v ON v.indicator_id ="
				  " t.indicator_id AND v.region_code ="
				  " COALESCE(CAST(? AS TEXT), p.region_code)"
				  " WHERE t.id = ? ORDER BY v.period",
				  &st, err)))
		return rc;
	qc_stmt_bind_text(st, 1, region);
	qc_stmt_bind_int(st, 2, target_id);
	while ((r = qc_stmt_next(st, err)) == QC_ROW) {
		QC_GROW(out->v, out->n + 1, out->alloc);
		snprintf(out->v[out->n].period, sizeof(out->v[0].period), "%s",
			 qc_stmt_text(st, 0));
		out->v[out->n].reported = qc_stmt_double(st, 1);
		out->v[out->n++].value = qc_stmt_double(st, 1);
	}
	if (qc_step_failed(r))
		rc = r;
	qc_stmt_free(st);
	if (!rc && running) {
		out->running = true;
		run_totals(out, start);
	}
	return rc;
}

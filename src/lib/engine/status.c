/* The status table: each target of a plan in one region, with its progress
 * status, the status one period before and the projected value. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/model.h"
#include "qcity/status.h"
#include "qcity/store.h"
#include "qcity/strbuf.h"
#include "engine_int.h"
#include "banned.h"

void qc_period_format(double t, int months, char *buf, size_t n)
{
	int y = (int)ceil(t - 1e-9);
	double part = t - (y - 1); /* 0 < part ≤ 1 */

	switch (months) {
	case 6: snprintf(buf, n, "%d-H%d", y, (int)lround(part * 2)); break;
	case 3: snprintf(buf, n, "%d-Q%d", y, (int)lround(part * 4)); break;
	case 1: snprintf(buf, n, "%d-%02d", y, (int)lround(part * 12)); break;
	default: snprintf(buf, n, "%d", y);
	}
}

/* Worse first: deteriorating, limited, acceleration, on track, met. */
static int rank(const struct qc_progress_result *p)
{
	switch (p->status) {
	case QC_PROGRESS_DETERIORATING: return 0;
	case QC_PROGRESS_LIMITED: return 1;
	case QC_PROGRESS_ACCELERATION: return 2;
	case QC_PROGRESS_ON_TRACK: return 3;
	default: return 4;
	}
}

/* Each part's status, and the roll-up on the row. */
static void fill_parts(const struct qc_plan_data *d, size_t i,
		       const char *region, struct qc_status_row *row)
{
	const struct eng_target *e = &d->targets[i];

	row->weakest = -1;
	if (!e->n_parts)
		return;
	row->parts = qc_xcalloc(e->n_parts, sizeof(*row->parts));
	row->n_parts = e->n_parts;
	for (size_t k = 0; k < e->n_parts; k++) {
		const struct eng_part *q = &e->parts[k];
		struct qc_part_status *ps = &row->parts[k];
		const char *where = *q->region ? q->region : region;
		const struct eng_series *se =
			qc_eng_series_find(d, e->indicator_id, where);
		struct qc_buf b = QC_BUF_INIT;
		ps->label = qc_xstrdup(q->label);
		snprintf(ps->region, sizeof(ps->region), "%s", where);
		ps->year = q->spec.due_year;
		ps->owners = qc_xstrdup(q->owners);
		qc_buf_init(&b, 1024);
		qc_target_describe(&q->t, &b);
		ps->requirement = qc_buf_detach(&b, NULL);
		qc_progress_eval(&q->spec, se ? se->pts : NULL, se ? se->n : 0,
				 &ps->p);
		if (ps->p.status == QC_PROGRESS_MET)
			row->parts_met++;
		if (ps->p.status == QC_PROGRESS_NO_DATA) {
			row->parts_no_data++;
			continue;
		}
		if (row->weakest < 0) {
			row->weakest = (long)k;
			continue;
		}
		const struct qc_progress_result *w = &row->parts[row->weakest].p;
		if (rank(&ps->p) < rank(w) ||
		    (rank(&ps->p) == rank(w) && ps->p.has_ratio &&
		     (!w->has_ratio || ps->p.ratio < w->ratio)))
			row->weakest = (long)k;
	}
}

static void fill_row(const struct qc_plan_data *d, size_t i, const char *region,
		     struct qc_status_row *row)
{
	const struct eng_target *e = &d->targets[i];
	const struct eng_series *se = qc_eng_series_find(d, e->indicator_id,
							 region);
	struct qc_buf b = QC_BUF_INIT;

	memset(row, 0, sizeof(*row));
	row->target_id = e->id;
	row->goal = qc_xstrdup(e->goal);
	row->indicator = qc_xstrdup(e->t.indicator);
	row->op = e->t.op;
	row->has_value = e->t.has_value;
	row->has_value_max = e->t.has_value_max;
	row->value = e->t.value;
	row->value_max = e->t.value_max;
	row->unit = qc_xstrdup(e->t.unit);
	row->year = e->spec.due_year;
	row->accumulate = e->spec.accumulate;
	row->owners = qc_xstrdup(e->owners);
	qc_buf_init(&b, 1024);
	qc_target_describe(&e->t, &b);
	qc_buf_mark_cut(&b, "…");
	row->requirement = qc_buf_detach(&b, NULL);
	qc_eng_eval(d, i, region, (size_t)-1, &row->p);
	fill_parts(d, i, region, row);
	if (!se || !se->n)
		return;
	row->n_values = (int)se->n;
	qc_period_format(se->pts[se->n - 1].t, se->pts[se->n - 1].months,
			 row->latest_period, sizeof(row->latest_period));
	if (se->n >= 2) {
		struct qc_progress_result prev;
		qc_eng_eval(d, i, region, se->n - 1, &prev);
		row->has_prev = true;
		row->prev = prev.status;
		qc_period_format(se->pts[se->n - 2].t,
				 se->pts[se->n - 2].months, row->prev_period,
				 sizeof(row->prev_period));
	}
}

enum qc_rc qc_status_table_from(struct qc_store *s,
				const struct qc_plan_data *d,
				const char *region, struct qc_status_table *t,
				struct qc_error *err)
{
	struct qc_region reg;
	enum qc_rc rc;

	memset(t, 0, sizeof(*t));
	t->plan_id = d->plan_id;
	if (region) {
		if ((rc = qc_region_resolve(s, region, t->region, err)))
			return rc;
	} else if (!*d->region) {
		return qc_error_set(err, QC_EINVAL,
				    "plan %lld has no region; "
				    "name one with --region",
				    d->plan_id);
	} else {
		snprintf(t->region, sizeof(t->region), "%s", d->region);
	}
	if (qc_region_get(s, t->region, &reg, NULL) == QC_OK) {
		t->region_name = reg.name;
		reg.name = NULL;
	}
	for (size_t i = 0; i < d->n_targets; i++) {
		QC_GROW(t->v, t->n + 1, t->alloc);
		fill_row(d, i, t->region, &t->v[t->n]);
		t->count[t->v[t->n].p.status]++;
		t->n++;
	}
	return QC_OK;
}

enum qc_rc qc_status_table(struct qc_store *s, long long plan_id,
			   const char *region, struct qc_status_table *t,
			   struct qc_error *err)
{
	struct qc_plan_data *d;
	enum qc_rc rc;

	memset(t, 0, sizeof(*t));
	if ((rc = qc_plan_data_load(s, plan_id, region, &d, err)))
		return rc;
	rc = qc_status_table_from(s, d, region, t, err);
	qc_plan_data_free(d);
	return rc;
}

void qc_status_table_release(struct qc_status_table *t)
{
	for (size_t i = 0; i < t->n; i++) {
		struct qc_status_row *r = &t->v[i];
		free(r->goal);
		free(r->indicator);
		free(r->unit);
		free(r->owners);
		free(r->requirement);
		for (size_t k = 0; k < r->n_parts; k++) {
			free(r->parts[k].label);
			free(r->parts[k].owners);
			free(r->parts[k].requirement);
		}
		free(r->parts);
	}
	free(t->v);
	free(t->region_name);
	memset(t, 0, sizeof(*t));
}

void qc_status_recompute(const struct qc_plan_data *d,
			 struct qc_status_counts *out)
{
	struct qc_progress_result r;

	memset(out, 0, sizeof(*out));
	for (size_t i = 0; i < d->n_targets; i++) {
		const struct eng_target *e = &d->targets[i];
		for (size_t k = 0; k < d->n_series; k++) {
			const struct eng_series *se = &d->series[k];
			/* No points, no status: r would be unset. */
			if (se->indicator_id != e->indicator_id || !se->n)
				continue;
			out->series++;
			for (size_t n = 1; n < se->n; n++) {
				qc_progress_status(&e->spec, se->pts, n, &r);
				out->evaluations++;
			}
			qc_progress_status(&e->spec, se->pts, se->n, &r);
			out->evaluations++;
			out->count[r.status]++;
		}
	}
}

/* Loading a plan's targets and the values they are measured by: three
 * queries whatever the number of targets and regions, so that statuses
 * are computed from memory. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/indicator.h"
#include "qcity/model.h"
#include "qcity/plan_edit.h"
#include "qcity/store.h"
#include "qcity/strbuf.h"
#include "engine_int.h"
#include "banned.h"

static enum qc_rc load_plan(struct qc_store *s, struct qc_plan_data *d,
			    struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc rc;
	enum qc_rc r;

	rc = qc_stmt_prepare(s,
			     "SELECT region_code, period_start, period_end,"
			     " title FROM plans WHERE id = ?",
			     &st, err);
	if (rc)
		return rc;
	qc_stmt_bind_int(st, 1, d->plan_id);
	r = qc_stmt_next(st, err);
	if (r == QC_ROW) {
		snprintf(d->region, sizeof(d->region), "%s",
			 qc_stmt_text(st, 0) ? qc_stmt_text(st, 0) : "");
		d->start = (int)qc_stmt_int(st, 1);
		d->end = (int)qc_stmt_int(st, 2);
		d->title = qc_xstrdup(qc_stmt_text(st, 3));
	} else if (r == QC_DONE) {
		rc = qc_error_set(err, QC_ENOTFOUND,
				  "no plan %lld (see `qcity "
				  "plan list`)",
				  d->plan_id);
	} else {
		rc = r;
	}
	qc_stmt_free(st);
	return rc;
}

/* The indicator's range and kind (columns col..col+2): a running total is
 * read as it stands, a level never adds up (include/qcity/indicator.h). */
static void measure_kind(struct qc_goal_spec *spec, struct qc_stmt *st, int col)
{
	enum qc_measure_kind kind = QC_MEASURE_LEVEL;

	/* The series' declared range bounds a derived requirement; without
	 * one the engine's own default (a rate in pp within 0..100) stays. */
	if (!qc_stmt_is_null(st, col)) {
		spec->range.has_min = true;
		spec->range.min = qc_stmt_double(st, col);
	}
	if (!qc_stmt_is_null(st, col + 1)) {
		spec->range.has_max = true;
		spec->range.max = qc_stmt_double(st, col + 1);
	}
	qc_measure_kind_parse(qc_stmt_text(st, col + 2), &kind);
	spec->accumulate = qc_measure_adds_up(kind, spec->op);
}

static enum qc_rc load_targets(struct qc_store *s, struct qc_plan_data *d,
			       struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc rc;
	enum qc_rc r;

	rc = qc_stmt_prepare(s,
			     "SELECT t.id, g.name, t.indicator_text, t.op,"
			     " t.value, t.value_max, t.unit, t.due_year,"
			     " t.indicator_id, t.baseline_year, t.baseline_ref,"
			     " i.min_value, i.max_value, i.kind"
			     " FROM targets t JOIN indicators i ON"
			     " i.id = t.indicator_id LEFT JOIN goals g ON"
			     " g.id = t.goal_id WHERE t.plan_id = ?"
			     " ORDER BY t.seq",
			     &st, err);
	if (rc)
		return rc;
	qc_stmt_bind_int(st, 1, d->plan_id);
	while ((r = qc_stmt_next(st, err)) == QC_ROW) {
		QC_GROW(d->targets, d->n_targets + 1, d->alloc_targets);
		struct eng_target *e = &d->targets[d->n_targets++];
		memset(e, 0, sizeof(*e));
		e->id = qc_stmt_int(st, 0);
		e->goal = qc_xstrdup(qc_stmt_text(st, 1));
		e->t.indicator = qc_xstrdup(qc_stmt_text(st, 2));
		qc_op_parse(qc_stmt_text(st, 3), &e->t.op);
		if ((e->t.has_value = !qc_stmt_is_null(st, 4)))
			e->t.value = qc_stmt_double(st, 4);
		if ((e->t.has_value_max = !qc_stmt_is_null(st, 5)))
			e->t.value_max = qc_stmt_double(st, 5);
		e->t.unit = qc_xstrdup(qc_stmt_text(st, 6));
		e->t.year = (int)qc_stmt_int(st, 7);
		e->indicator_id = qc_stmt_int(st, 8);
		e->t.baseline_year = (int)qc_stmt_int(st, 9);
		e->t.baseline_previous = qc_stmt_text(st, 10) &&
					 !strcmp(qc_stmt_text(st, 10),
						 "previous_year");
		qc_goal_spec_from_target(&e->spec, &e->t, d->start, d->end);
		measure_kind(&e->spec, st, 11);
		e->spec.th = d->th;
	}
	qc_stmt_free(st);
	return qc_step_rc(r);
}

static struct eng_target *target_by_id(struct qc_plan_data *d, int64_t id)
{
	for (size_t i = 0; i < d->n_targets; i++)
		if (d->targets[i].id == id)
			return &d->targets[i];
	return NULL;
}

static enum qc_rc load_owners(struct qc_store *s, struct qc_plan_data *d,
			      struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc rc;
	enum qc_rc r;

	rc = qc_stmt_prepare(s,
			     "SELECT o.target_id, o.unit_name, o.unit_id"
			     " FROM target_owners o JOIN targets t ON"
			     " t.id = o.target_id WHERE t.plan_id = ? AND"
			     " o.role = 'lead' ORDER BY o.target_id, o.seq",
			     &st, err);
	if (rc)
		return rc;
	qc_stmt_bind_int(st, 1, d->plan_id);
	while ((r = qc_stmt_next(st, err)) == QC_ROW) {
		struct eng_target *e = target_by_id(d, qc_stmt_int(st, 0));
		if (!e)
			continue;
		size_t k = e->n_owners;
		if (k + 1 > e->alloc_owners) {
			e->alloc_owners = e->alloc_owners ?
						  qc_st_mult(e->alloc_owners,
							     2) :
						  4;
			e->owner_ids = qc_xreallocarray(e->owner_ids,
							e->alloc_owners,
							sizeof(*e->owner_ids));
			e->owner_names =
				qc_xreallocarray(e->owner_names,
						 e->alloc_owners,
						 sizeof(*e->owner_names));
		}
		e->owner_names[k] = qc_xstrdup(qc_stmt_text(st, 1));
		e->owner_ids[k] = qc_stmt_int(st, 2);
		e->n_owners++;
	}
	qc_stmt_free(st);
	for (size_t i = 0; i < d->n_targets; i++) {
		struct eng_target *e = &d->targets[i];
		struct qc_buf b = QC_BUF_INIT;
		qc_buf_init(&b, 4096);
		for (size_t k = 0; k < e->n_owners; k++) {
			if (k)
				qc_buf_adds(&b, "、");
			qc_buf_adds(&b, e->owner_names[k]);
		}
		qc_buf_mark_cut(&b, "…");
		e->owners = qc_buf_detach(&b, NULL);
	}
	return qc_step_rc(r);
}

static int cmp_point(const void *a, const void *b)
{
	const struct qc_point *x = a, *y = b;
	if (x->t != y->t)
		return x->t < y->t ? -1 : 1;
	/* At the same time a year's own value comes last and wins. */
	return x->months - y->months;
}

/* Sort one series by time and keep one point per time (the coarsest). */
static void tidy(struct eng_series *se)
{
	size_t out = 0;
	qsort(se->pts, se->n, sizeof(*se->pts), cmp_point);
	for (size_t i = 0; i < se->n; i++) {
		if (out && fabs(se->pts[out - 1].t - se->pts[i].t) < 1e-9)
			out--;
		se->pts[out++] = se->pts[i];
	}
	se->n = out;
}

static void add_region(struct qc_plan_data *d, const char *code)
{
	for (size_t i = d->n_regions; i-- > 0;)
		if (!strcmp(d->regions[i], code))
			return;
	QC_GROW(d->regions, d->n_regions + 1, d->alloc_regions);
	snprintf(d->regions[d->n_regions++], QC_REGION_CODE_SIZE, "%s", code);
}

static int cmp_region(const void *a, const void *b)
{
	return strcmp(a, b);
}

/* The values of the plan's series (indicator 0), or of one series. */
static enum qc_rc load_values(struct qc_store *s, struct qc_plan_data *d,
			      const char *region, int64_t indicator, bool list,
			      struct qc_error *err)
{
	struct qc_stmt *st;
	struct eng_series *cur = NULL;
	enum qc_rc rc;
	enum qc_rc r;

	rc = qc_stmt_prepare(
		s,
		indicator ? "SELECT v.indicator_id,"
			    " v.region_code, v.period, v.value FROM"
			    " indicator_values v WHERE v.indicator_id = ? AND"
			    " (CAST(? AS TEXT) IS NULL OR v.region_code = ?)"
			    " ORDER BY v.indicator_id, v.region_code" :
			    "SELECT v.indicator_id, v.region_code,"
			    " v.period, v.value FROM indicator_values v"
			    " WHERE v.indicator_id IN (SELECT indicator_id"
			    " FROM targets WHERE plan_id = ?) AND"
			    " (CAST(? AS TEXT) IS NULL OR v.region_code = ?)"
			    " ORDER BY v.indicator_id, v.region_code",
		&st, err);
	if (rc)
		return rc;
	qc_stmt_bind_int(st, 1, indicator ? indicator : d->plan_id);
	qc_stmt_bind_text(st, 2, region);
	qc_stmt_bind_text(st, 3, region);
	/* Without a region asked for, the plan's region and the regions
	 * under it: GB/T 2260 codes share the prefix of their parent. */
	char prefix[QC_REGION_CODE_SIZE], upto[QC_REGION_CODE_SIZE + 1];
	size_t plen;
	qc_region_span(d->region, prefix, upto);
	plen = strlen(prefix);
	while ((r = qc_stmt_next(st, err)) == QC_ROW) {
		int64_t ind = qc_stmt_int(st, 0);
		const char *reg = qc_stmt_text(st, 1);
		struct qc_point p;
		if (!region && strncmp(reg, prefix, plen))
			continue;
		if (!qc_period_time(qc_stmt_text(st, 2), &p.t, &p.months))
			continue;
		p.v = qc_stmt_double(st, 3);
		if (!cur || cur->indicator_id != ind ||
		    strcmp(cur->region, reg)) {
			QC_GROW(d->series, d->n_series + 1, d->alloc_series);
			cur = &d->series[d->n_series++];
			memset(cur, 0, sizeof(*cur));
			cur->indicator_id = ind;
			snprintf(cur->region, sizeof(cur->region), "%s", reg);
			if (list)
				add_region(d, reg);
		}
		QC_GROW(cur->pts, cur->n + 1, cur->alloc);
		cur->pts[cur->n++] = p;
	}
	qc_stmt_free(st);
	for (size_t i = 0; i < d->n_series; i++)
		tidy(&d->series[i]);
	if (d->n_regions)
		qsort(d->regions, d->n_regions, sizeof(*d->regions),
		      cmp_region);
	return qc_step_rc(r);
}

/* Add a part to target e: its requirement with the target's unit and
 * baseline, due in year (0: the target's year). */
static void add_part(struct qc_plan_data *d, struct eng_target *e,
		     const char *code, const char *name, enum qc_op op,
		     bool has_value, double value, bool has_max, double max,
		     int year, const char *lead)
{
	char label[64];

	QC_GROW(e->parts, e->n_parts + 1, e->alloc_parts);
	struct eng_part *q = &e->parts[e->n_parts++];
	memset(q, 0, sizeof(*q));
	snprintf(q->region, sizeof(q->region), "%s", code ? code : "");
	q->t.op = op;
	q->t.has_value = has_value;
	q->t.value = value;
	q->t.has_value_max = has_max;
	q->t.value_max = max;
	q->t.unit = e->t.unit ? qc_xstrdup(e->t.unit) : NULL;
	q->t.year = year ? year : e->t.year;
	q->t.baseline_year = e->t.baseline_year;
	q->t.baseline_previous = e->t.baseline_previous;
	if (code && *code)
		snprintf(label, sizeof(label), "%s",
			 name && *name ? name : code);
	else
		snprintf(label, sizeof(label), "%d年", q->t.year);
	q->label = qc_xstrdup(label);
	q->owners = qc_xstrdup(lead ? lead : "");
	qc_goal_spec_from_target(&q->spec, &q->t, d->start, d->end);
	/* A part is measured as its target: same range, reading, thresholds. */
	q->spec.range = e->spec.range;
	q->spec.accumulate = e->spec.accumulate;
	q->spec.th = e->spec.th;
}

static enum qc_rc load_parts(struct qc_store *s, struct qc_plan_data *d,
			     struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc rc;
	enum qc_rc r;

	rc = qc_stmt_prepare(s,
			     "SELECT q.target_id, q.region_code, r.name,"
			     " q.op, q.value, q.value_max, q.due_year, q.lead"
			     " FROM target_parts q JOIN targets t ON"
			     " t.id = q.target_id LEFT JOIN regions r ON"
			     " r.code = q.region_code WHERE t.plan_id = ?"
			     " ORDER BY q.target_id, q.seq",
			     &st, err);
	if (rc)
		return rc;
	qc_stmt_bind_int(st, 1, d->plan_id);
	while ((r = qc_stmt_next(st, err)) == QC_ROW) {
		struct eng_target *e = target_by_id(d, qc_stmt_int(st, 0));
		enum qc_op op = QC_OP_GE;
		if (!e)
			continue;
		qc_op_parse(qc_stmt_text(st, 3), &op);
		add_part(d, e, qc_stmt_text(st, 1), qc_stmt_text(st, 2), op,
			 !qc_stmt_is_null(st, 4), qc_stmt_double(st, 4),
			 !qc_stmt_is_null(st, 5), qc_stmt_double(st, 5),
			 (int)qc_stmt_int(st, 6), qc_stmt_text(st, 7));
	}
	qc_stmt_free(st);
	return qc_step_rc(r);
}

static int cmp_series(const void *a, const void *b);

/* The series of parts in regions not loaded yet (a part in a region
 * outside the one asked for): loaded without listing the region. */
static enum qc_rc load_part_values(struct qc_store *s, struct qc_plan_data *d,
				   struct qc_error *err)
{
	size_t before = d->n_series;
	enum qc_rc rc = QC_OK;

	for (size_t i = 0; !rc && i < d->n_targets; i++) {
		const struct eng_target *e = &d->targets[i];
		for (size_t k = 0; !rc && k < e->n_parts; k++) {
			const char *reg = e->parts[k].region;
			bool seen = !*reg || !e->indicator_id;
			for (size_t j = 0; j < d->n_series && !seen; j++)
				seen = d->series[j].indicator_id ==
					       e->indicator_id &&
				       !strcmp(d->series[j].region, reg);
			if (!seen)
				rc = load_values(s, d, reg, e->indicator_id,
						 false, err);
		}
	}
	if (!rc && d->n_series != before)
		qsort(d->series, d->n_series, sizeof(*d->series), cmp_series);
	return rc;
}

enum qc_rc qc_plan_data_load(struct qc_store *s, long long plan_id,
			     const char *region, struct qc_plan_data **out,
			     struct qc_error *err)
{
	struct qc_plan_data *d = qc_xcalloc(1, sizeof(*d));
	char code[QC_REGION_CODE_SIZE];
	enum qc_rc rc;

	d->plan_id = plan_id;
	if (region && (rc = qc_region_resolve(s, region, code, err)))
		goto out;
	if ((rc = load_plan(s, d, err)) ||
	    (rc = qc_plan_thresholds_get(s, plan_id, &d->th, NULL, err)) ||
	    (rc = load_targets(s, d, err)) || (rc = load_owners(s, d, err)) ||
	    (rc = load_values(s, d, region ? code : NULL, 0, true, err)) ||
	    (rc = load_parts(s, d, err)) || (rc = load_part_values(s, d, err)))
		goto out;
out:
	if (rc) {
		qc_plan_data_free(d);
		d = NULL;
	}
	*out = d;
	return rc;
}

static int cmp_series(const void *a, const void *b)
{
	const struct eng_series *x = a, *y = b;
	if (x->indicator_id != y->indicator_id)
		return x->indicator_id < y->indicator_id ? -1 : 1;
	return strcmp(x->region, y->region);
}

/* Target i of version plan v as the engine takes it: its series found by
 * name (none: no data), its lead owners by name. */
static enum qc_rc version_target(struct qc_store *s, struct qc_plan_data *d,
				 const struct qc_plan *v, size_t i,
				 struct qc_error *err)
{
	const struct qc_target *t = &v->targets[i];
	char *name = qc_indicator_norm(t->indicator);
	struct qc_stmt *st;
	enum qc_rc rc;
	enum qc_rc r;

	QC_GROW(d->targets, d->n_targets + 1, d->alloc_targets);
	struct eng_target *e = &d->targets[d->n_targets++];
	memset(e, 0, sizeof(*e));
	e->id = (int64_t)i + 1; /* the target's number in the version */
	for (size_t g = 0; t->goal && g < v->n_goals; g++)
		if (!strcmp(v->goals[g].key, t->goal))
			e->goal = qc_xstrdup(v->goals[g].name);
	e->t.indicator = qc_xstrdup(t->indicator);
	e->t.op = t->op;
	e->t.has_value = t->has_value;
	e->t.value = t->value;
	e->t.has_value_max = t->has_value_max;
	e->t.value_max = t->value_max;
	e->t.unit = t->unit ? qc_xstrdup(t->unit) : NULL;
	e->t.year = t->year;
	e->t.baseline_year = t->baseline_year;
	e->t.baseline_previous = t->baseline_previous;
	qc_goal_spec_from_target(&e->spec, &e->t, d->start, d->end);
	e->spec.th = d->th; /* today's thresholds: they are not versioned */
	rc = qc_stmt_prepare(s,
			     "SELECT id, min_value, max_value, kind FROM"
			     " indicators WHERE name = ?",
			     &st, err);
	if (!rc) {
		qc_stmt_bind_text(st, 1, name);
		if ((r = qc_stmt_next(st, err)) == QC_ROW) {
			e->indicator_id = qc_stmt_int(st, 0);
			measure_kind(&e->spec, st, 1);
		} else if (qc_step_failed(r)) {
			rc = r;
		}
		qc_stmt_free(st);
	}
	free(name);
	struct qc_buf b = QC_BUF_INIT;
	qc_buf_init(&b, 4096);
	for (size_t k = 0; k < t->owners.n; k++) {
		const struct qc_owner *o = &t->owners.v[k];
		if (o->role != QC_ROLE_LEAD)
			continue;
		QC_GROW(e->owner_names, e->n_owners + 1, e->alloc_owners);
		e->owner_ids = qc_xrealloc(e->owner_ids,
					   e->alloc_owners *
						   sizeof(*e->owner_ids));
		e->owner_names[e->n_owners] = qc_xstrdup(o->unit ? o->unit :
								   o->written);
		e->owner_ids[e->n_owners] = 0;
		if (*d->region)
			qc_unit_find(s, d->region, e->owner_names[e->n_owners],
				     &e->owner_ids[e->n_owners], NULL);
		if (b.len)
			qc_buf_adds(&b, "、");
		qc_buf_adds(&b, e->owner_names[e->n_owners++]);
	}
	e->owners = qc_buf_detach(&b, NULL);
	for (size_t k = 0; !rc && k < t->n_parts; k++) {
		const struct qc_target_part *q = &t->parts[k];
		struct qc_region reg = { .name = NULL };
		char code[QC_REGION_CODE_SIZE] = "", *lead;
		struct qc_buf l = QC_BUF_INIT;
		if (q->region && !qc_region_resolve(s, q->region, code, NULL))
			qc_region_get(s, code, &reg, NULL);
		qc_buf_init(&l, 4096);
		for (size_t o = 0; o < q->owners.n; o++)
			if (q->owners.v[o].role == QC_ROLE_LEAD) {
				if (l.len)
					qc_buf_adds(&l, "、");
				qc_buf_adds(&l, q->owners.v[o].written);
			}
		lead = qc_buf_detach(&l, NULL);
		add_part(d, e, code, reg.name, q->op, q->has_value, q->value,
			 q->has_value_max, q->value_max, q->year, lead);
		free(lead);
		qc_region_release(&reg);
	}
	return rc;
}

enum qc_rc qc_plan_data_load_version(struct qc_store *s, long long plan_id,
				     int version, const char *region,
				     struct qc_plan_data **out,
				     struct qc_error *err)
{
	struct qc_plan_data *d = qc_xcalloc(1, sizeof(*d));
	struct qc_plan v;
	char code[QC_REGION_CODE_SIZE];
	enum qc_rc rc;

	d->plan_id = plan_id;
	qc_plan_init(&v);
	if ((region && (rc = qc_region_resolve(s, region, code, err))) ||
	    (rc = load_plan(s, d, err)) ||
	    (rc = qc_plan_thresholds_get(s, plan_id, &d->th, NULL, err)) ||
	    (rc = qc_plan_version_load(s, plan_id, version, &v, err)))
		goto out;
	for (size_t i = 0; !rc && i < v.n_targets; i++)
		rc = version_target(s, d, &v, i, err);
	/* One query per series: a version may measure series the plan no
	 * longer has. */
	for (size_t i = 0; !rc && i < d->n_targets; i++) {
		int64_t id = d->targets[i].indicator_id;
		bool seen = !id;
		for (size_t j = 0; j < i && !seen; j++)
			seen = d->targets[j].indicator_id == id;
		if (!seen)
			rc = load_values(s, d, region ? code : NULL, id, true,
					 err);
	}
	if (!rc && d->n_series)
		qsort(d->series, d->n_series, sizeof(*d->series), cmp_series);
	if (!rc)
		rc = load_part_values(s, d, err);
out:
	qc_plan_release(&v);
	if (rc) {
		qc_plan_data_free(d);
		d = NULL;
	}
	*out = d;
	return rc;
}

void qc_plan_data_free(struct qc_plan_data *d)
{
	if (!d)
		return;
	for (size_t i = 0; i < d->n_targets; i++) {
		struct eng_target *e = &d->targets[i];
		free(e->goal);
		free(e->t.indicator);
		free(e->t.unit);
		free(e->owners);
		for (size_t k = 0; k < e->n_owners; k++)
			free(e->owner_names[k]);
		free(e->owner_names);
		free(e->owner_ids);
		for (size_t k = 0; k < e->n_parts; k++) {
			free(e->parts[k].label);
			free(e->parts[k].owners);
			free(e->parts[k].t.unit);
		}
		free(e->parts);
	}
	for (size_t i = 0; i < d->n_series; i++)
		free(d->series[i].pts);
	free(d->targets);
	free(d->series);
	free(d->regions);
	free(d->title);
	free(d);
}

void qc_plan_data_until(struct qc_plan_data *d, double t_end)
{
	for (size_t i = 0; i < d->n_series; i++) {
		struct eng_series *se = &d->series[i];
		/* Sorted by time: cut the tail. */
		while (se->n && se->pts[se->n - 1].t > t_end + 1e-9)
			se->n--;
	}
}

const char *qc_plan_data_region(const struct qc_plan_data *d)
{
	return d->region;
}

size_t qc_plan_data_n_regions(const struct qc_plan_data *d)
{
	return d->n_regions;
}

const char *qc_plan_data_region_at(const struct qc_plan_data *d, size_t i)
{
	return i < d->n_regions ? d->regions[i] : NULL;
}

const struct eng_series *qc_eng_series_find(const struct qc_plan_data *d,
					    int64_t indicator,
					    const char *region)
{
	size_t lo = 0, hi = d->n_series;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct eng_series *se = &d->series[mid];
		int c = se->indicator_id < indicator ?
				-1 :
			se->indicator_id > indicator ?
				1 :
				strcmp(se->region, region);
		if (c == 0)
			return se;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

void qc_eng_eval(const struct qc_plan_data *d, size_t i, const char *region,
		 size_t upto, struct qc_progress_result *r)
{
	const struct eng_target *e = &d->targets[i];
	const struct eng_series *se = qc_eng_series_find(d, e->indicator_id,
							 region);
	size_t n = se ? se->n : 0;
	if (upto < n)
		n = upto;
	qc_progress_eval(&e->spec, se ? se->pts : NULL, n, r);
}

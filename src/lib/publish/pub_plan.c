/* Snapshots of what is published: a plan with its targets' statuses and
 * values in every region, and a quality index of one year. Taken when
 * the office publishes, so the portal shows them as of that day; a plan
 * published "as of" a date holds only the values of periods that had
 * ended by then, and its statuses are computed from those. */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/clock.h"
#include "qcity/json.h"
#include "qcity/model.h"
#include "qcity/plan.h"
#include "qcity/plan_store.h"
#include "qcity/publish.h"
#include "qcity/qindex.h"
#include "qcity/status.h"
#include "qcity/store.h"
#include "banned.h"

/* Every value of the plan's series in the plan's region and below it
 * (a series another plan shares has values elsewhere too): series id,
 * name, unit, region, period, value. */
#define VALUES_SQL                                                            \
	"SELECT DISTINCT i.id, i.name, i.unit, v.region_code, v.period, "     \
	"v.value FROM targets t JOIN indicator_values v ON v.indicator_id = " \
	"t.indicator_id JOIN indicators i ON i.id = t.indicator_id WHERE "    \
	"t.plan_id = ? AND v.region_code >= ? AND v.region_code < ? "         \
	"ORDER BY i.id, v.region_code, v.period"

/* The end of the last month that is over on the date as_of (NULL:
 * today), as a time of qc_period_time: periods with a time up to it had
 * ended by then. */
static double as_of_time(const char *as_of)
{
	long days = qc_today_days();
	int y, m, d, y1, m1, d1;
	if (as_of)
		(void)qc_date_days(as_of, &days); /* checked by qc_pub_put */
	qc_civil_from_days(days, &y, &m, &d);
	qc_civil_from_days(days + 1, &y1, &m1, &d1);
	/* The month is over on its last day only. */
	return (y - 1) + (d1 == 1 ? m : m - 1) / 12.0;
}

static json_t *num_or_null(bool has, double v)
{
	return has && isfinite(v) ? json_real(v) : json_null();
}

/* Target id → its series (indicator) id. */
static enum qc_rc series_of(struct qc_store *s, long long plan_id, json_t **out,
			    struct qc_error *err)
{
	struct qc_stmt *st;
	enum qc_rc rc;
	enum qc_rc step;

	*out = json_object();
	if ((rc = qc_stmt_prepare(s,
				  "SELECT t.id, t.indicator_id, i.unit "
				  "FROM targets t JOIN indicators i ON i.id = "
				  "t.indicator_id WHERE t.plan_id = ?",
				  &st, err)))
		return rc;
	qc_stmt_bind_int(st, 1, plan_id);
	while ((step = qc_stmt_next(st, err)) == QC_ROW) {
		char k[24];
		snprintf(k, sizeof(k), "%lld", (long long)qc_stmt_int(st, 0));
		json_object_set_new(*out, k,
				    qc_xjson_pack("{s:I, s:s?}", "id",
						  (json_int_t)qc_stmt_int(st,
									  1),
						  "unit", qc_stmt_text(st, 2)));
	}
	if (qc_step_failed(step))
		rc = step;
	qc_stmt_free(st);
	return rc;
}

static json_t *table_json(const struct qc_status_table *t, json_t *series)
{
	json_t *rows = json_array();

	for (size_t i = 0; i < t->n; i++) {
		const struct qc_status_row *r = &t->v[i];
		const struct qc_progress_result *p = &r->p;
		char k[24];
		json_t *ser;
		snprintf(k, sizeof(k), "%lld", (long long)r->target_id);
		ser = json_object_get(series, k);
		json_array_append_new(
			rows,
			qc_xjson_pack(
				"{s:I, s:O?, s:s?, s:s, s:s, s:s?, s:o, s:s?, s:o, "
				"s:s, s:s?, s:o, s:o}",
				"target", (json_int_t)r->target_id, "series",
				json_object_get(ser, "id"), "goal", r->goal,
				"indicator", r->indicator, "requirement",
				r->requirement, "unit",
				json_string_value(json_object_get(ser, "unit")),
				"year",
				r->year ? json_integer(r->year) : json_null(),
				"owners", r->owners, "latest",
				num_or_null(p->has_current, p->current),
				"status", qc_progress_name(p->status),
				"latest_period",
				*r->latest_period ? r->latest_period : NULL,
				"projected",
				num_or_null(p->has_projection, p->projected),
				"ratio", num_or_null(p->has_ratio, p->ratio)));
	}
	return qc_xjson_pack("{s:s, s:s?, s:o}", "code", t->region, "name",
			     t->region_name, "targets", rows);
}

static enum qc_rc values_json(struct qc_store *s, long long plan_id,
			      const char *region, double t_end, json_t **out,
			      struct qc_error *err)
{
	char lo[QC_REGION_CODE_SIZE], hi[QC_REGION_CODE_SIZE + 1];
	struct qc_stmt *st;
	enum qc_rc rc;
	enum qc_rc step;

	*out = json_array();
	if ((rc = qc_stmt_prepare(s, VALUES_SQL, &st, err)))
		return rc;
	qc_region_span(region, lo, hi);
	qc_stmt_bind_int(st, 1, plan_id);
	qc_stmt_bind_text(st, 2, lo);
	qc_stmt_bind_text(st, 3, hi);
	while ((step = qc_stmt_next(st, err)) == QC_ROW) {
		double t;
		int months;
		if (!qc_period_time(qc_stmt_text(st, 4), &t, &months) ||
		    t > t_end + 1e-9)
			continue; /* not over on the date published */
		json_array_append_new(
			*out,
			qc_xjson_pack("{s:I, s:s, s:s?, s:s, s:s, s:f}",
				      "series", (json_int_t)qc_stmt_int(st, 0),
				      "name", qc_stmt_text(st, 1), "unit",
				      qc_stmt_text(st, 2), "region",
				      qc_stmt_text(st, 3), "period",
				      qc_stmt_text(st, 4), "value",
				      qc_stmt_double(st, 5)));
	}
	if (qc_step_failed(step))
		rc = step;
	qc_stmt_free(st);
	return rc;
}

enum qc_rc qc_pub_plan(struct qc_store *s, long long plan_id, const char *as_of,
		       const char *actor, int64_t *id, struct qc_error *err)
{
	struct qc_plan_data *d = NULL;
	json_t *series = NULL, *regions = json_array(), *values = NULL,
	       *snap = NULL, *goals = json_array();
	struct qc_plan p;
	char ref[24];
	double t_end = as_of_time(as_of);
	long days;
	enum qc_rc rc;

	qc_plan_init(&p);
	if (as_of && !qc_date_days(as_of, &days)) {
		rc = qc_error_set(err, QC_EINVAL,
				  "as_of: '%s' is not a date YYYY-MM-DD",
				  as_of);
		goto out;
	}
	if ((rc = qc_plan_load(s, plan_id, &p, err)) ||
	    (rc = series_of(s, plan_id, &series, err)) ||
	    (rc = qc_plan_data_load(s, plan_id, NULL, &d, err)))
		goto out;
	qc_plan_data_until(d, t_end);
	for (size_t i = 0; i <= qc_plan_data_n_regions(d) && !rc; i++) {
		const char *code = i ? qc_plan_data_region_at(d, i - 1) : NULL;
		struct qc_status_table t;
		/* The plan's own region comes first, once. */
		if (code && p.region_code && !strcmp(code, p.region_code))
			continue;
		if (!code && !p.region_code)
			continue;
		memset(&t, 0, sizeof(t));
		if ((rc = qc_status_table_from(s, d, code, &t, err)))
			break;
		json_array_append_new(regions, table_json(&t, series));
		qc_status_table_release(&t);
	}
	if (rc || (rc = values_json(s, plan_id,
				    p.region_code ? p.region_code : "000000",
				    t_end, &values, err)))
		goto out;
	for (size_t i = 0; i < p.n_goals; i++)
		json_array_append_new(goals,
				      qc_xjson_pack("{s:s, s:s?, s:s?}", "key",
						    p.goals[i].key, "domain",
						    p.goals[i].domain, "name",
						    p.goals[i].name));
	snap = qc_xjson_pack("{s:I, s:s, s:s?, s:s?, s:s?, s:s?, s:s?, s:o, "
			     "s:o, s:o, s:o, s:o}",
			     "plan", (json_int_t)plan_id, "title", p.title,
			     "doc_number", p.doc_number, "issuer", p.issuer,
			     "issue_date", p.issue_date, "region",
			     p.region_code, "region_name", p.region_name,
			     "period_start",
			     p.period_start ? json_integer(p.period_start) :
					      json_null(),
			     "period_end",
			     p.period_end ? json_integer(p.period_end) :
					    json_null(),
			     "goals", goals, "regions", regions, "values",
			     values);
	goals = regions = values = NULL;
	snprintf(ref, sizeof(ref), "%lld", plan_id);
	rc = qc_pub_put(s, "plan", ref, p.title, p.region_code, as_of, snap,
			NULL, 0, actor, id, err);
out:
	json_decref(goals);
	json_decref(regions);
	json_decref(values);
	json_decref(series);
	qc_plan_data_free(d);
	qc_plan_release(&p);
	return rc;
}

enum qc_rc qc_pub_index(struct qc_store *s, const struct qc_qindex_def *d,
			int year, const char *parent, const char *as_of,
			const char *actor, int64_t *id, struct qc_error *err)
{
	struct qc_qindex_input in;
	struct qc_qindex_result res = { 0 };
	struct qc_qindex_sens sens = { 0 };
	char ref[64], title[512];
	enum qc_rc rc;
	json_t *snap;

	if ((rc = qc_qindex_gather(s, d, year, parent, &in, err)))
		return rc;
	if ((rc = qc_qindex_compute(d, &in, NULL, &res, err)) ||
	    (rc = qc_qindex_sensitivity(d, &in, &res, 0.2, &sens, err)))
		goto out;
	/* A year no region has data for would put an empty map and table
	 * before the public under the index's name. */
	size_t with = 0;
	for (size_t i = 0; i < res.n_regions; i++)
		with += res.r[i].has_index;
	if (!with) {
		rc = qc_error_set(err, QC_EINVAL,
				  "%s: no region has data for %d: there is "
				  "no index to publish for that year",
				  d->title, year);
		goto out;
	}
	snap = qc_qindex_json(d, &in, &res, &sens);
	json_object_set_new(snap, "parent",
			    json_string(parent    ? parent :
					d->parent ? d->parent :
						    ""));
	snprintf(ref, sizeof(ref), "%s/%d", d->id, year);
	snprintf(title, sizeof(title), "%s（%d年）", d->title, year);
	rc = qc_pub_put(s, "index", ref, title, parent ? parent : d->parent,
			as_of, snap, NULL, 0, actor, id, err);
out:
	qc_qindex_sens_release(&sens);
	qc_qindex_result_release(&res);
	qc_qindex_input_release(&in);
	return rc;
}

/* Reading routes: plans, status with projections, a target's series,
 * tasks, alerts, the assessment, units and the audit log. Each is the
 * library call the command line makes, turned into JSON at the edge. */
#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/i18n.h"
#include "qcity/alerts.h"
#include "qcity/assess.h"
#include "qcity/clock.h"
#include "qcity/model.h"
#include "qcity/plan_store.h"
#include "qcity/reporting.h"
#include "qcity/review.h"
#include "qcity/scope.h"
#include "qcity/status.h"
#include "src/server/cache.h"
#include "src/server/http.h"
#include "src/common/assess_json.h"
#include "src/common/parts_json.h"
#include "src/common/unit_json.h"
#include "banned.h"

static json_t *num(bool has, double v)
{
	return has ? json_real(v) : json_null();
}

void qc_api_plans(struct qc_req *r)
{
	struct qc_plan_summary_list l;
	struct qc_error err = { 0 };
	json_t *a;

	if (qc_plan_list(r->store, &l, &err)) {
		qc_reply_fail(r, &err);
		return;
	}
	a = json_array();
	for (size_t i = 0; i < l.n; i++) {
		const struct qc_plan_summary *p = &l.v[i];
		if (!qc_scope_plan_visible(&r->user, p->status, p->region_code))
			continue; /* drafts, other regions (scope.h) */
		json_array_append_new(a,
				      qc_xjson_pack("{s:I, s:s, s:s?, s:s?, s:s?,"
						    " s:s, s:i, s:i, s:i, s:i}",
						    "id", (json_int_t)p->id,
						    "title", p->title,
						    "doc_number", p->doc_number,
						    "region", p->region_code,
						    "region_name",
						    p->region_name, "status",
						    p->status, "period_start",
						    p->period_start,
						    "period_end", p->period_end,
						    "targets", p->n_targets,
						    "tasks", p->n_tasks));
	}
	qc_plan_summary_list_release(&l);
	qc_reply(r, MHD_HTTP_OK, a);
}

void qc_api_plan(struct qc_req *r)
{
	struct qc_error err = { 0 };
	struct qc_plan p;
	int64_t id;
	char *text;

	if (!qc_param_id(r, 0, &id) || !qc_plan_visible(r, id))
		return;
	if (qc_plan_load(r->store, id, &p, &err)) {
		qc_reply_fail(r, &err);
	} else {
		text = qc_plan_to_json(&p);
		qc_reply(r, MHD_HTTP_OK, json_loads(text, 0, NULL));
		free(text);
	}
	qc_plan_release(&p);
}

void qc_api_plan_state(struct qc_req *r)
{
	struct qc_error err = { 0 };
	const char *status;
	int64_t id;
	json_t *b;

	if (!qc_param_id(r, 0, &id) ||
	    !qc_scope_check(r,
			    qc_scope_can_write_plan(r->store, &r->user, id,
						    &err),
			    &err) ||
	    !qc_body_object(r, &b))
		return;
	if (qc_get_str(r, b, "status", true, &status)) {
		if (qc_plan_set_status(r->store, id, status, r->actor, &err))
			qc_reply_fail(r, &err);
		else
			qc_reply(r, MHD_HTTP_OK,
				 qc_xjson_pack("{s:I, s:s}", "id",
					       (json_int_t)id, "status",
					       status));
	}
	json_decref(b);
}

/* The region a user may look at: region users and units stay in their
 * subtree (an explicit ?region= outside it is 403). */
static bool region_allowed(struct qc_req *r, const char **region)
{
	char code[QC_REGION_CODE_SIZE];
	if (qc_scope_can_read_region(&r->user, NULL))
		return true;
	if (!*region) {
		*region = r->user.region;
		return true;
	}
	if (qc_region_resolve(r->store, *region, code, NULL) ||
	    !qc_scope_can_read_region(&r->user, code)) {
		return qc_reply_outside_region(r);
	}
	return true;
}

static json_t *series_json(struct qc_req *r, int64_t target, const char *region)
{
	struct qc_series x;
	json_t *a = json_array();
	if (!qc_target_series(r->store, target, region, &x, NULL))
		for (size_t i = 0; i < x.n; i++)
			json_array_append_new(a,
					      qc_xjson_pack("{s:s, s:f, s:f}",
							    "period",
							    x.v[i].period,
							    "value",
							    x.v[i].value,
							    "reported",
							    x.v[i].reported));
	qc_series_release(&x);
	return a;
}

static json_t *row_json(const struct qc_status_row *w)
{
	const struct qc_progress_result *p = &w->p;
	json_t *o =
		qc_xjson_pack("{s:I, s:s?, s:s, s:s, s:s, s:o, s:o, s:s?, s:o,"
			      " s:s?, s:o, s:s, s:s?, s:o, s:o, s:o, s:o, s:s}",
			      "target", (json_int_t)w->target_id, "goal",
			      w->goal, "indicator", w->indicator, "op",
			      qc_op_name(w->op), "requirement", w->requirement,
			      "value", num(w->has_value, w->value), "year",
			      w->year ? json_integer(w->year) : json_null(),
			      "unit", w->unit, "value_max",
			      num(w->has_value_max, w->value_max), "owners",
			      w->owners, "current",
			      num(p->has_current, p->current), "status",
			      qc_progress_name(p->status), "latest_period",
			      *w->latest_period ? w->latest_period : NULL,
			      "required", num(p->has_required, p->required),
			      "projected", num(p->has_projection, p->projected),
			      "projected_met",
			      p->has_projection ?
				      json_boolean(p->projected_met) :
				      json_null(),
			      "due",
			      p->due_t > 0 ? json_integer((int)p->due_t) :
					     json_null(),
			      "reason", p->reason);
	json_object_set_new(o, "status_label",
			    json_string(qc_progress_label(p->status)));
	json_object_set_new(o, "reason_code",
			    json_string(
				    qc_progress_reason_name(p->reason_code)));
	json_t *parts = qc_json_parts(w);
	if (parts)
		json_object_set_new(o, "parts", parts);
	return o;
}

/* The status table with the targets of a version of the plan. */
static enum qc_rc status_as_of(struct qc_req *r, int64_t id,
			       const char *version, const char *region,
			       struct qc_status_table *t, struct qc_error *err)
{
	struct qc_plan_data *d;
	enum qc_rc rc;

	memset(t, 0, sizeof(*t));
	if (atoi(version) <= 0)
		return qc_error_set(err, QC_EINVAL,
				    "version: '%s' is not a "
				    "version number",
				    version);
	if ((rc = qc_plan_data_load_version(r->store, id, atoi(version), region,
					    &d, err)))
		return rc;
	rc = qc_status_table_from(r->store, d, region, t, err);
	qc_plan_data_free(d);
	return rc;
}

void qc_api_status(struct qc_req *r)
{
	const char *region = qc_query(r, "region");
	const char *version = qc_query(r, "version");
	bool series = qc_query(r, "series") != NULL;
	struct qc_error err = { 0 };
	struct qc_status_table t;
	json_t *rows, *counts, *body;
	char key[256], *text;
	int64_t id;

	if (!qc_param_id(r, 0, &id))
		return;
	/* The dashboard asks for this often and it changes only on writes:
	 * reuse the answer while the data version stands. The key names who
	 * may see it (staff, viewers, or a region user's region), and an
	 * entry exists only once that class passed the checks below at this
	 * version. */
	/* The whole key, never cut (a longer one is not cached). */
	if ((size_t)snprintf(key, sizeof(key), "status|%lld|%s|%d|%s|%s%s",
			     (long long)id, region ? region : "", series,
			     version ? version : "",
			     r->user.role & (QC_USER_ADMIN | QC_USER_OFFICE) ?
				     "staff" :
			     r->user.role == QC_USER_REGION ? "region:" :
			     r->user.role == QC_USER_UNIT   ? "unit:" :
							      "viewer",
			     qc_scope_can_read_region(&r->user, NULL) ?
				     "" :
				     r->user.region) >= sizeof(key))
		*key = 0;
	if (*key && (text = qc_cache_get(key, r->version))) {
		qc_reply_raw(r, MHD_HTTP_OK, text);
		return;
	}
	if (!qc_plan_visible(r, id) || !region_allowed(r, &region))
		return;
	if (version ? status_as_of(r, id, version, region, &t, &err) :
		      qc_status_table(r->store, id, region, &t, &err)) {
		qc_reply_fail(r, &err);
		qc_status_table_release(&t);
		return;
	}
	rows = json_array();
	counts = json_object();
	for (size_t i = 0; i < t.n; i++) {
		json_t *o = row_json(&t.v[i]);
		if (series)
			json_object_set_new(o, "series",
					    series_json(r, t.v[i].target_id,
							t.region));
		json_array_append_new(rows, o);
	}
	for (int k = 0; k < QC_PROGRESS__COUNT; k++)
		json_object_set_new(counts, qc_progress_name(k),
				    json_integer((json_int_t)t.count[k]));
	body = qc_xjson_pack("{s:I, s:s, s:s?, s:o, s:o}", "plan",
			     (json_int_t)id, "region", t.region, "region_name",
			     t.region_name, "counts", counts, "targets", rows);
	text = qc_json_text(body);
	json_decref(body);
	if (*key)
		qc_cache_put(key, r->version, text);
	qc_reply_raw(r, MHD_HTTP_OK, text);
	qc_status_table_release(&t);
}

void qc_api_target(struct qc_req *r)
{
	const char *region = qc_query(r, "region");
	struct qc_error err = { 0 };
	struct qc_status_table t;
	int64_t id, tid;

	if (!qc_param_id(r, 0, &id) || !qc_param_id(r, 1, &tid) ||
	    !qc_plan_visible(r, id) || !region_allowed(r, &region))
		return;
	if (qc_status_table(r->store, id, region, &t, &err)) {
		qc_reply_fail(r, &err);
		qc_status_table_release(&t);
		return;
	}
	qc_reply_error(r, MHD_HTTP_NOT_FOUND, "plan %lld has no target %lld",
		       (long long)id, (long long)tid);
	for (size_t i = 0; i < t.n; i++)
		if (t.v[i].target_id == tid) {
			json_t *o = row_json(&t.v[i]);
			json_object_set_new(o, "series",
					    series_json(r, tid, t.region));
			json_object_set_new(o, "region", json_string(t.region));
			qc_reply(r, MHD_HTTP_OK, o);
		}
	qc_status_table_release(&t);
}

void qc_api_tasks(struct qc_req *r)
{
	struct qc_error err = { 0 };
	struct qc_task_list l;
	int64_t id;
	json_t *a;

	if (!qc_param_id(r, 0, &id) || !qc_plan_visible(r, id))
		return;
	if (qc_task_status_list(r->store, id, &l, &err)) {
		qc_reply_fail(r, &err);
	} else {
		a = json_array();
		for (size_t i = 0; i < l.n; i++) {
			const struct qc_task_status *x = &l.v[i];
			json_array_append_new(
				a,
				qc_xjson_pack("{s:s, s:s, s:s?, s:s?,"
					      " s:s?, s:s?, s:s?, s:s?, s:s?}",
					      "key", x->key, "kind",
					      x->section ? "section" : "item",
					      "title", x->title, "unit",
					      x->unit, "due", x->due, "state",
					      x->section ? NULL :
							   qc_task_state_name(
								   x->state),
					      "last_period", x->last_period,
					      "last_status", x->last_status,
					      "last_submitted",
					      x->last_submitted));
		}
		qc_reply(r, MHD_HTTP_OK, a);
	}
	qc_task_list_release(&l);
}

void qc_api_alerts(struct qc_req *r)
{
	struct qc_error err = { 0 };
	struct qc_alert_list l;
	int64_t id;
	json_t *a;

	if (!qc_param_id(r, 0, &id) || !qc_plan_visible(r, id))
		return;
	if (qc_alerts(r->store, id, &l, &err)) {
		qc_reply_fail(r, &err);
	} else {
		a = json_array();
		for (size_t i = 0; i < l.n; i++) {
			const struct qc_alert *x = &l.v[i];
			if (*x->region &&
			    !qc_scope_can_read_region(&r->user, x->region))
				continue;
			json_array_append_new(
				a,
				qc_xjson_pack(
					"{s:s, s:s, s:i,"
					" s:s?, s:s?, s:s?, s:s?, s:s?, s:s?, s:s?}",
					"kind", qc_alert_kind_name(x->kind),
					"kind_label",
					qc_label(qc_alert_kind_name(x->kind)),
					"severity", x->severity, "subject",
					x->subject, "region",
					*x->region ? x->region : NULL, "period",
					*x->period ? x->period : NULL, "reason",
					x->reason, "people", x->people,
					"acked_by", x->acked_by, "ack_note",
					x->ack_note));
		}
		qc_reply(r, MHD_HTTP_OK, a);
	}
	qc_alert_list_release(&l);
}

static json_t *subject_json(const struct qc_assess_subject *x)
{
	json_t *lines = qc_json_assess_lines(x);
	return qc_xjson_pack("{s:b, s:s?, s:s?, s:f, s:f, s:s, s:b, s:i, s:o}",
			     "is_region", x->is_region, "name", x->name, "code",
			     *x->code ? x->code : NULL, "score", x->score,
			     "deduction", x->deduction, "grade", x->grade,
			     "vetoed", x->vetoed, "rank", x->rank, "items",
			     lines);
}

void qc_api_assessment(struct qc_req *r)
{
	struct qc_error err = { 0 };
	struct qc_assessment a = { 0 };
	int today, m, d;
	int64_t year;
	int64_t id;
	json_t *v;

	if (!qc_param_id(r, 0, &id))
		return;
	qc_today(&today, &m, &d);
	if (!qc_query_int(r, "year", 1990, 2100, today, &year) ||
	    !qc_plan_visible(r, id))
		return;
	if (qc_assess(r->store, id, (int)year, NULL, &a, &err)) {
		qc_reply_fail(r, &err);
	} else {
		v = json_array();
		for (size_t i = 0; i < a.n; i++)
			json_array_append_new(v, subject_json(&a.v[i]));
		qc_reply(r, MHD_HTTP_OK,
			 qc_xjson_pack("{s:I, s:i, s:s?, s:o}", "plan",
				       (json_int_t)id, "year", a.year, "scheme",
				       a.scheme, "subjects", v));
	}
	qc_assessment_release(&a);
}

void qc_api_units(struct qc_req *r)
{
	struct qc_error err = { 0 };
	struct qc_unit_list l;
	json_t *a;

	if (qc_unit_list(r->store, qc_query(r, "region"), &l, &err)) {
		qc_reply_fail(r, &err);
	} else {
		a = json_array();
		for (size_t i = 0; i < l.n; i++) {
			if (!qc_scope_can_read_region(&r->user,
						      l.v[i].region_code))
				continue; /* other regions' units */
			json_array_append_new(a, qc_json_unit(&l.v[i]));
		}
		qc_reply(r, MHD_HTTP_OK, a);
	}
	qc_unit_list_release(&l);
}

void qc_api_unit_add(struct qc_req *r)
{
	const char *name, *region, *kind;
	struct qc_error err = { 0 };
	char code[QC_REGION_CODE_SIZE];
	int64_t id;
	json_t *b;

	if (!qc_body_object(r, &b))
		return;
	if (qc_get_str(r, b, "name", true, &name) &&
	    qc_get_str(r, b, "region", true, &region) &&
	    qc_get_str(r, b, "kind", false, &kind)) {
		if (qc_region_resolve(r->store, region, code, &err) ||
		    qc_scope_can_write_region(&r->user, code, &err) ||
		    qc_unit_add(r->store, code, name, kind ? kind : "member",
				r->actor, &id, &err))
			qc_reply_fail(r, &err);
		else
			qc_reply(r, MHD_HTTP_CREATED,
				 qc_xjson_pack("{s:I, s:s,"
					       " s:s}",
					       "id", (json_int_t)id, "name",
					       name, "region", code));
	}
	json_decref(b);
}

void qc_api_audit(struct qc_req *r)
{
	struct qc_error err = { 0 };
	struct qc_audit_list l;
	int64_t n;
	json_t *a;

	if (!qc_query_int(r, "limit", 1, 10000, 100, &n))
		return;
	if (qc_audit_list(r->store, qc_query(r, "entity"), (int)n, &l, &err)) {
		qc_reply_fail(r, &err);
	} else {
		a = json_array();
		for (size_t i = 0; i < l.n; i++) {
			const struct qc_audit_entry *e = &l.v[i];
			json_array_append_new(
				a, qc_xjson_pack("{s:I, s:s, s:s, s:s,"
						 " s:s, s:s?, s:s?, s:s?}",
						 "id", (json_int_t)e->id, "at",
						 e->at, "actor", e->actor,
						 "action", e->action, "entity",
						 e->entity, "key", e->key,
						 "before", e->before, "after",
						 e->after));
		}
		qc_reply(r, MHD_HTTP_OK, a);
	}
	qc_audit_list_release(&l);
}

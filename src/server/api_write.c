/* Data entry and review over HTTP: a unit's form, values, progress
 * reports, submissions and the office's decisions. A unit reporter is
 * held to its own unit here, before any library call. */
#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/i18n.h"
#include "qcity/model.h"
#include "qcity/review.h"
#include "qcity/scope.h"
#include "src/server/http.h"
#include "banned.h"

/* For a unit reporter: refuse another unit (403) and fill in its own. */
static bool own_unit(struct qc_req *r, int64_t *unit_id)
{
	return qc_req_own_unit(r, unit_id,
			       N_("a unit reporter writes and reads only its "
				  "own unit's data (%s)"));
}

static bool own_unit_name(struct qc_req *r, const char **name)
{
	if (r->user.role != QC_USER_UNIT)
		return true;
	if (*name && strcmp(*name, r->user.unit_name)) {
		qc_reply_error(r, MHD_HTTP_FORBIDDEN,
			       "a unit reporter writes "
			       "only its own unit's data (%s)",
			       r->user.unit_name);
		return false;
	}
	*name = r->user.unit_name;
	return true;
}

static json_t *form_json(const struct qc_entry_form *f)
{
	json_t *rows = json_array(), *cal = json_array();
	for (size_t i = 0; i < f->n; i++) {
		const struct qc_entry_row *e = &f->v[i];
		json_array_append_new(
			rows,
			qc_xjson_pack("{s:I, s:s?, s:s, s:s,"
				      " s:s?, s:s, s:s, s:o, s:o, s:s?, s:o, s:o,"
				      " s:s?, s:o}",
				      "target", (json_int_t)e->target_id,
				      "goal", e->goal, "indicator",
				      e->indicator, "canonical", e->canonical,
				      "unit", e->unit, "op", e->op,
				      "requirement", e->requirement, "year",
				      e->year ? json_integer(e->year) :
						json_null(),
				      "value",
				      e->has_value ? json_real(e->value) :
						     json_null(),
				      "note", e->note, "min",
				      e->has_min ? json_real(e->min) :
						   json_null(),
				      "max",
				      e->has_max ? json_real(e->max) :
						   json_null(),
				      "previous_period",
				      e->has_previous ? e->previous_period :
							NULL,
				      "previous",
				      e->has_previous ? json_real(e->previous) :
							json_null()));
	}
	for (size_t i = 0; i < f->calendar.n; i++)
		json_array_append_new(cal,
				      qc_xjson_pack("{s:s, s:s, s:s}", "period",
						    f->calendar.v[i].period,
						    "kind",
						    f->calendar.v[i].kind,
						    "deadline",
						    f->calendar.v[i].deadline));
	return qc_xjson_pack("{s:I, s:I, s:s, s:s, s:s, s:s?, s:s?, s:f, s:o,"
			     " s:o}",
			     "plan", (json_int_t)f->plan_id, "unit_id",
			     (json_int_t)f->unit_id, "unit", f->unit, "region",
			     f->region, "period", f->period, "state", f->state,
			     "reason", f->reason, "jump_factor", f->jump_factor,
			     "calendar", cal, "targets", rows);
}

void qc_api_entry(struct qc_req *r)
{
	const char *period = qc_query(r, "period");
	struct qc_error err = { 0 };
	struct qc_entry_form f;
	int64_t id;
	int64_t unit_id;

	if (!qc_param_id(r, 0, &id) ||
	    !qc_query_int(r, "unit", 1, INT64_MAX, 0, &unit_id))
		return;
	if (!own_unit(r, &unit_id) || !qc_plan_visible(r, id))
		return;
	if (!unit_id) {
		qc_reply_error(r, MHD_HTTP_BAD_REQUEST,
			       "give ?unit=ID (and "
			       "?period=P from the plan's calendar; none: the "
			       "latest year that has ended)");
		return;
	}
	if (qc_entry_form(r->store, id, unit_id, period, &f, &err))
		qc_reply_fail(r, &err);
	else
		qc_reply(r, MHD_HTTP_OK, form_json(&f));
	qc_entry_form_release(&f);
}

/* The writer's scope over a value; a unit's region as its code. */
static enum qc_rc value_scope(struct qc_store *s, struct qc_value_in *v,
			      int line, void *arg, struct qc_error *err)
{
	const struct qc_user *u = arg;
	enum qc_rc rc;

	(void)line;
	rc = qc_scope_can_write_value(s, u, v->indicator, v->region, err);
	if (!rc && u->role == QC_USER_UNIT)
		v->region = u->region; /* the code, not a name */
	return rc;
}

void qc_api_value_set(struct qc_req *r)
{
	struct qc_entry_check chk = { 0 };
	struct qc_value_in v = { 0 };
	struct qc_error err = { 0 };
	json_t *b;

	if (!qc_body_object(r, &b))
		return;
	if (!qc_get_str(r, b, "indicator", true, &v.indicator) ||
	    !qc_get_str(r, b, "region", r->user.role != QC_USER_UNIT,
			&v.region) ||
	    !qc_get_str(r, b, "period", true, &v.period) ||
	    !qc_get_num(r, b, "value", true, &v.value) ||
	    !qc_get_str(r, b, "unit", false, &v.unit) ||
	    !qc_get_str(r, b, "reporter", false, &v.reporter) ||
	    !qc_get_str(r, b, "note", false, &v.note) ||
	    !qc_get_str(r, b, "source", false, &v.source) ||
	    !own_unit_name(r, &v.reporter))
		goto out;
	/* A unit reports for its own region (the default) and only the
	 * indicators of its own targets; others within their region. */
	if (r->user.role == QC_USER_UNIT && !v.region)
		v.region = r->user.region;
	/* The library refuses a province's value at the nation (409)
	 * before value_scope reads its targets; then the entry form's
	 * checks, enforced here too: range, and a jump from the previous
	 * period needs a note. */
	if (qc_entry_value_set(r->store, &v, value_scope, &r->user, r->actor,
			       &chk, &err))
		qc_reply_fail(r, &err);
	else
		qc_reply(r, MHD_HTTP_OK,
			 qc_xjson_pack("{s:s, s:s, s:s, s:f,"
				       " s:o, s:b}",
				       "indicator", v.indicator, "region",
				       v.region, "period", v.period, "value",
				       v.value, "previous",
				       chk.has_previous ?
					       json_real(chk.previous) :
					       json_null(),
				       "jump", chk.jump));
out:
	json_decref(b);
}

void qc_api_progress_add(struct qc_req *r)
{
	const char *task, *unit, *period, *status, *text;
	struct qc_report_in in = { 0 };
	struct qc_error err = { 0 };
	int64_t *ids = NULL, id = 0;
	int64_t plan;
	json_t *b, *att;

	if (!qc_body_object(r, &b))
		return;
	if (!qc_get_id(r, b, "plan", true, &plan) ||
	    !qc_get_str(r, b, "task", true, &task) ||
	    !qc_get_str(r, b, "unit", r->user.role != QC_USER_UNIT, &unit) ||
	    !qc_get_str(r, b, "period", true, &period) ||
	    !qc_get_str(r, b, "status", true, &status) ||
	    !qc_get_str(r, b, "text", false, &text) ||
	    !own_unit_name(r, &unit) ||
	    !qc_scope_check(r,
			    qc_scope_can_write_progress(r->store, &r->user,
							plan, task, &err),
			    &err))
		goto out;
	att = json_object_get(b, "attachments");
	if (att && (!json_is_array(att) || json_array_size(att) > 20)) {
		qc_reply_error(r, MHD_HTTP_BAD_REQUEST,
			       "'attachments' must be "
			       "a list of at most 20 attachment ids");
		goto out;
	}
	in.n_attachments = json_array_size(att);
	ids = qc_xcalloc(in.n_attachments + 1, sizeof(*ids));
	for (size_t i = 0; i < in.n_attachments; i++) {
		json_t *x = json_array_get(att, i);
		if (!json_is_integer(x) || json_integer_value(x) < 1) {
			qc_reply_error(r, MHD_HTTP_BAD_REQUEST,
				       "'attachments' "
				       "must hold attachment ids");
			goto out;
		}
		ids[i] = json_integer_value(x);
		if (!qc_attach_own(r, ids[i]))
			goto out;
	}
	in.plan_id = plan;
	in.task = task;
	in.unit = unit;
	in.period = period;
	in.status = status;
	in.text = text;
	in.attachments = ids;
	if (qc_report_save(r->store, &in, r->actor, &id, &err))
		qc_reply_fail(r, &err);
	else
		qc_reply(r, MHD_HTTP_OK,
			 qc_xjson_pack("{s:I, s:I, s:s, s:s, s:s,"
				       " s:s, s:I}",
				       "id", (json_int_t)id, "plan",
				       (json_int_t)plan, "task", task, "unit",
				       unit, "period", period, "status", status,
				       "attachments",
				       (json_int_t)in.n_attachments));
out:
	free(ids);
	json_decref(b);
}

static json_t *submission_json(const struct qc_submission *x)
{
	return qc_xjson_pack("{s:I, s:I, s:s, s:s, s:s, s:s, s:s?, s:s?, s:s?,"
			     " s:s?, s:s?, s:i, s:i}",
			     "id", (json_int_t)x->id, "unit_id",
			     (json_int_t)x->unit_id, "unit", x->unit, "region",
			     x->region, "period", x->period, "state", x->state,
			     "reason", x->reason, "submitted_by",
			     x->submitted_by, "submitted_at", x->submitted_at,
			     "reviewed_by", x->reviewed_by, "reviewed_at",
			     x->reviewed_at, "values", x->n_values, "reports",
			     x->n_reports);
}

void qc_api_submissions(struct qc_req *r)
{
	struct qc_error err = { 0 };
	struct qc_submission_list l;
	int64_t unit_id = 0;
	json_t *a;

	if (!own_unit(r, &unit_id))
		return;
	if (qc_review_list(r->store, qc_query(r, "state"), unit_id, &l, &err)) {
		qc_reply_fail(r, &err);
	} else {
		a = json_array();
		for (size_t i = 0; i < l.n; i++)
			json_array_append_new(a, submission_json(&l.v[i]));
		qc_reply(r, MHD_HTTP_OK, a);
	}
	qc_submission_list_release(&l);
}

static void reply_submission(struct qc_req *r, int64_t id, unsigned status)
{
	struct qc_error err = { 0 };
	struct qc_submission x;
	if (qc_review_get(r->store, id, &x, &err))
		qc_reply_fail(r, &err);
	else
		qc_reply(r, status, submission_json(&x));
	qc_submission_release(&x);
}

void qc_api_submit(struct qc_req *r)
{
	struct qc_error err = { 0 };
	int64_t unit_id = 0;
	const char *period;
	int64_t id;
	json_t *b;

	if (!qc_body_object(r, &b))
		return;
	if (qc_get_id(r, b, "unit_id", r->user.role != QC_USER_UNIT,
		      &unit_id) &&
	    qc_get_str(r, b, "period", true, &period) &&
	    own_unit(r, &unit_id) &&
	    qc_scope_check(r,
			   qc_scope_can_write_unit(r->store, &r->user, unit_id,
						   &err),
			   &err)) {
		if (qc_review_submit(r->store, unit_id, period, r->actor, &id,
				     &err))
			qc_reply_fail(r, &err);
		else
			reply_submission(r, id, MHD_HTTP_CREATED);
	}
	json_decref(b);
}

/* accept, return and reopen: the office's decisions on one submission. */
static void decide(struct qc_req *r, char what)
{
	struct qc_error err = { 0 };
	const char *reason = NULL;
	json_t *b = NULL;
	struct qc_submission x;
	enum qc_rc rc;
	int64_t id;

	if (!qc_param_id(r, 0, &id))
		return;
	/* An office held to a region decides only that region's periods. */
	if (qc_review_get(r->store, id, &x, &err)) {
		qc_reply_fail(r, &err);
		qc_submission_release(&x);
		return;
	}
	rc = qc_scope_can_write_region(&r->user, x.region, &err);
	qc_submission_release(&x);
	if (!qc_scope_check(r, rc, &err))
		return;
	if (qc_buf_len(&r->body) && !qc_body_object(r, &b))
		return;
	if (b && !qc_get_str(r, b, "reason", what == 'r', &reason))
		goto out;
	if (what == 'a')
		rc = qc_review_accept(r->store, id, r->actor, &err);
	else if (what == 'r')
		rc = qc_review_return(r->store, id, reason, r->actor, &err);
	else
		rc = qc_review_reopen(r->store, id, reason, r->actor, &err);
	if (rc)
		qc_reply_fail(r, &err);
	else
		reply_submission(r, id, MHD_HTTP_OK);
out:
	json_decref(b);
}

void qc_api_accept(struct qc_req *r)
{
	decide(r, 'a');
}
void qc_api_return(struct qc_req *r)
{
	decide(r, 'r');
}
void qc_api_reopen(struct qc_req *r)
{
	decide(r, 'o');
}

/* Attachments, progress reports and review with the data in view, over
 * HTTP. An upload arrives streamed (server.c opens it once the sender is
 * known); a unit reads only its own unit's files and submissions, the
 * office all of them within its region, anonymous users and viewers
 * none. */
#include <errno.h>
#include <fcntl.h>
#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "qcity/alloc.h"
#include "qcity/attach.h"
#include "qcity/i18n.h"
#include "qcity/review.h"
#include "qcity/scope.h"
#include "src/server/http.h"
#include "banned.h"

static json_t *attachment_json(const struct qc_attachment *a)
{
	char url[48];
	snprintf(url, sizeof(url), "/api/attachments/%lld", (long long)a->id);
	return qc_xjson_pack("{s:I, s:s, s:s, s:I, s:s, s:o, s:s?, s:s?, s:s}",
			     "id", (json_int_t)a->id, "name", a->name, "mime",
			     a->mime, "size", (json_int_t)a->size, "sha256",
			     a->sha256, "unit_id",
			     a->unit_id ? json_integer(a->unit_id) :
					  json_null(),
			     "uploaded_by", a->uploaded_by, "uploaded_at",
			     a->uploaded_at, "url", url);
}

static json_t *attachments_json(const struct qc_attachment_list *l)
{
	json_t *a = json_array();
	for (size_t i = 0; i < l->n; i++)
		json_array_append_new(a, attachment_json(&l->v[i]));
	return a;
}

void qc_api_attach_upload(struct qc_req *r)
{
	const char *name = qc_query(r, "name");
	struct qc_error err = { 0 };
	struct qc_attachment a;
	int64_t unit = 0;

	if (!qc_req_upload_done(r))
		return;
	if (!name) {
		qc_reply_error(r, MHD_HTTP_BAD_REQUEST,
			       "name: give the file name "
			       "(?name=report.pdf)");
		return;
	}
	/* A unit's files are its own; the office may file one for a unit. */
	if (r->user.role == QC_USER_UNIT)
		unit = r->user.unit_id;
	else if (!qc_query_int(r, "unit", 1, INT64_MAX, 0, &unit))
		return;
	if (unit && r->user.role != QC_USER_UNIT &&
	    !qc_scope_check(r,
			    qc_scope_can_write_unit(r->store, &r->user, unit,
						    &err),
			    &err))
		return;
	if (qc_attach_save(r->store, r->upload, name, unit, r->actor, &a, &err))
		qc_reply_fail(r, &err);
	else
		qc_reply(r, MHD_HTTP_CREATED, attachment_json(&a));
	qc_attachment_release(&a);
}

/* Whether the office (or admin) may download a: a unit's file within its
 * scope, as it files them (qc_api_attach_of_unit); one filed for no unit
 * names no region, so only its uploader or an office of every region.
 * Else replies 403. */
static bool office_reads(struct qc_req *r, const struct qc_attachment *a)
{
	struct qc_error err = { 0 };
	enum qc_rc rc;

	if (!a->unit_id && !strcmp(a->uploaded_by, r->actor))
		return true;
	rc = a->unit_id ? qc_scope_can_write_unit(r->store, &r->user,
						  a->unit_id, &err) :
			  qc_scope_can_write_region(&r->user, NULL, &err);
	return qc_scope_check(r, rc, &err);
}

void qc_api_attach_get(struct qc_req *r)
{
	struct qc_error err = { 0 };
	struct qc_attachment a;
	struct stat sb;
	int64_t id;
	char *path;
	int fd;

	if (!qc_param_id(r, 0, &id))
		return;
	if (qc_attach_get(r->store, id, &a, &err)) {
		qc_reply_fail(r, &err);
		return;
	}
	if (r->user.role == QC_USER_UNIT && a.unit_id != r->user.unit_id) {
		qc_reply_error(r, MHD_HTTP_FORBIDDEN,
			       "attachment %lld belongs to another unit: "
			       "%s cannot see it",
			       (long long)id, r->user.unit_name);
		goto out;
	}
	if (r->user.role != QC_USER_UNIT && !office_reads(r, &a))
		goto out;
	if (!r->files_dir) {
		qc_reply_error(r, MHD_HTTP_SERVICE_UNAVAILABLE,
			       "this server "
			       "keeps no attachments: start it with --files DIR");
		goto out;
	}
	path = qc_attach_path(r->files_dir, a.sha256);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	free(path);
	if (fd < 0 || fstat(fd, &sb)) {
		if (fd >= 0)
			close(fd);
		qc_reply_error(r, MHD_HTTP_NOT_FOUND,
			       "the file of attachment %lld is not in the "
			       "attachments directory",
			       (long long)id);
		goto out;
	}
	qc_reply_file_fd(r, fd, (uint64_t)sb.st_size, a.mime, a.name);
out:
	qc_attachment_release(&a);
}

bool qc_attach_own(struct qc_req *r, int64_t id)
{
	struct qc_error err = { 0 };
	struct qc_attachment a;
	enum qc_rc rc;
	bool own;

	if (r->user.role != QC_USER_UNIT)
		return true;
	rc = qc_attach_get(r->store, id, &a, &err);
	own = !rc && a.unit_id == r->user.unit_id;
	qc_attachment_release(&a);
	if (rc && rc != QC_ENOTFOUND)
		qc_reply_fail(r, &err);
	else if (!own)
		qc_reply_error(r, MHD_HTTP_NOT_FOUND,
			       "attachment %lld is not this unit's file or "
			       "does not exist",
			       (long long)id);
	return own;
}

void qc_api_attach_of_unit(struct qc_req *r)
{
	struct qc_error err = { 0 };
	struct qc_attachment_list l;
	int64_t unit;

	if (!qc_query_int(r, "unit", 1, INT64_MAX, 0, &unit))
		return;
	/* A unit lists its own files; the office a unit's within its
	 * scope, as it may file one for it. */
	if (r->user.role == QC_USER_UNIT) {
		if (!qc_req_own_unit(r, &unit,
				     N_("a unit reporter lists only its own "
					"unit's files (%s)")))
			return;
	} else if (!unit) {
		qc_reply_error(r, MHD_HTTP_BAD_REQUEST,
			       "give ?unit=ID: whose files");
		return;
	} else if (!qc_scope_check(r,
				   qc_scope_can_write_unit(r->store, &r->user,
							   unit, &err),
				   &err)) {
		return;
	}
	if (qc_attach_of_unit(r->store, unit, 200, &l, &err))
		qc_reply_fail(r, &err);
	else
		qc_reply(r, MHD_HTTP_OK, attachments_json(&l));
	qc_attachment_list_release(&l);
}

void qc_api_reports(struct qc_req *r)
{
	struct qc_error err = { 0 };
	struct qc_report_list l;
	int64_t plan, unit;
	json_t *a;

	if (!qc_query_int(r, "plan", 1, INT64_MAX, 0, &plan) ||
	    !qc_query_int(r, "unit", 1, INT64_MAX, 0, &unit))
		return;
	if (!qc_req_own_unit(r, &unit,
			     N_("a unit reporter reads only its own unit's "
				"reports (%s)")))
		return;
	if (plan && !qc_plan_visible(r, plan))
		return;
	if (qc_report_list(r->store, plan, unit, qc_query(r, "period"), &l,
			   &err)) {
		qc_reply_fail(r, &err);
		return;
	}
	a = json_array();
	for (size_t i = 0; i < l.n; i++) {
		const struct qc_report *x = &l.v[i];
		json_array_append_new(
			a,
			qc_xjson_pack("{s:I, s:I, s:s, s:s?, s:I,"
				      " s:s, s:s, s:s, s:s?, s:s?, s:o}",
				      "id", (json_int_t)x->id, "plan",
				      (json_int_t)x->plan_id, "task", x->task,
				      "title", x->title, "unit_id",
				      (json_int_t)x->unit_id, "unit", x->unit,
				      "period", x->period, "status", x->status,
				      "text", x->text, "submitted_at",
				      x->submitted_at, "attachments",
				      attachments_json(&x->attachments)));
	}
	qc_report_list_release(&l);
	qc_reply(r, MHD_HTTP_OK, a);
}

static json_t *num_or_null(bool has, double v)
{
	return has ? json_real(v) : json_null();
}

static json_t *item_json(const struct qc_review_item *x)
{
	json_t *hist = json_array();
	for (size_t i = 0; i < x->n_history; i++) {
		const struct qc_review_event *e = &x->history[i];
		json_array_append_new(hist,
				      qc_xjson_pack("{s:s, s:s?, s:o, s:s?,"
						    " s:s?}",
						    "what", e->what, "reason",
						    e->reason, "value",
						    num_or_null(e->has_value,
								e->value),
						    "by", e->by, "at", e->at));
	}
	return qc_xjson_pack("{s:s, s:I, s:s?, s:s?, s:s?, s:s, s:o, s:s?,"
			     " s:s?, s:o, s:o, s:o, s:s?, s:s?, s:o, s:s?,"
			     " s:s?, s:o}",
			     "kind", x->kind, "id", (json_int_t)x->id, "label",
			     x->label, "requirement", x->requirement, "unit",
			     x->unit, "op", x->op, "value",
			     num_or_null(x->has_value, x->value), "note",
			     x->note, "previous_period",
			     x->has_previous ? x->previous_period : NULL,
			     "previous",
			     num_or_null(x->has_previous, x->previous),
			     "change", num_or_null(x->has_change, x->change),
			     "change_share",
			     num_or_null(x->has_change && x->previous != 0,
					 x->change_share),
			     "status", x->status, "text", x->text,
			     "attachments", attachments_json(&x->attachments),
			     "decision", x->decision, "reason", x->reason,
			     "history", hist);
}

static json_t *detail_json(const struct qc_review_detail *d)
{
	const struct qc_submission *x = &d->sub;
	json_t *items = json_array();
	for (size_t i = 0; i < d->n; i++)
		json_array_append_new(items, item_json(&d->v[i]));
	return qc_xjson_pack("{s:I, s:I, s:s, s:s, s:s, s:s, s:s?, s:s?, s:s?,"
			     " s:s?, s:s?, s:s?, s:o}",
			     "id", (json_int_t)x->id, "unit_id",
			     (json_int_t)x->unit_id, "unit", x->unit, "region",
			     x->region, "period", x->period, "state", x->state,
			     "reason", x->reason, "submitted_by",
			     x->submitted_by, "person", d->person,
			     "submitted_at", x->submitted_at, "reviewed_by",
			     x->reviewed_by, "reviewed_at", x->reviewed_at,
			     "items", items);
}

/* The detail of submission id if the user may see it (else replied). */
static bool detail_for(struct qc_req *r, int64_t id, struct qc_review_detail *d)
{
	struct qc_error err = { 0 };

	if (qc_review_detail(r->store, id, d, &err)) {
		qc_reply_fail(r, &err);
		return false;
	}
	if (r->user.role == QC_USER_UNIT && d->sub.unit_id != r->user.unit_id) {
		qc_reply_error(r, MHD_HTTP_FORBIDDEN,
			       "a unit reporter reads "
			       "only its own unit's submissions (%s)",
			       r->user.unit_name);
		return false;
	}
	if (!qc_scope_can_read_region(&r->user, d->sub.region)) {
		qc_reply_error(r, MHD_HTTP_NOT_FOUND, "no submission %lld",
			       (long long)id);
		return false;
	}
	return true;
}

void qc_api_submission(struct qc_req *r)
{
	struct qc_review_detail d = { 0 };
	int64_t id;

	if (!qc_param_id(r, 0, &id))
		return;
	if (detail_for(r, id, &d))
		qc_reply(r, MHD_HTTP_OK, detail_json(&d));
	qc_review_detail_release(&d);
}

void qc_api_item_decide(struct qc_req *r)
{
	const char *kind, *decision, *reason = NULL;
	struct qc_error err = { 0 };
	struct qc_review_detail d = { 0 };
	int64_t id, item;
	json_t *b = NULL;

	if (!qc_param_id(r, 0, &id) || !qc_body_object(r, &b))
		return;
	if (!qc_get_str(r, b, "kind", true, &kind) ||
	    !qc_get_id(r, b, "id", true, &item) ||
	    !qc_get_str(r, b, "decision", true, &decision) ||
	    !qc_get_str(r, b, "reason", false, &reason) ||
	    !detail_for(r, id, &d))
		goto out;
	if (!qc_scope_check(r,
			    qc_scope_can_write_region(&r->user, d.sub.region,
						      &err),
			    &err))
		goto out;
	qc_review_detail_release(&d);
	if (qc_review_item_decide(r->store, id, kind, item, decision, reason,
				  r->actor, &err))
		qc_reply_fail(r, &err);
	else if (detail_for(r, id, &d))
		qc_reply(r, MHD_HTTP_OK, detail_json(&d));
out:
	qc_review_detail_release(&d);
	json_decref(b);
}

void qc_api_entry_rules(struct qc_req *r)
{
	struct qc_error err = { 0 };
	int64_t plan;
	double factor;
	json_t *b;

	if (!qc_param_id(r, 0, &plan) || !qc_body_object(r, &b))
		return;
	if (qc_get_num(r, b, "jump_factor", true, &factor) &&
	    qc_scope_check(r,
			   qc_scope_can_write_plan(r->store, &r->user, plan,
						   &err),
			   &err)) {
		if (qc_entry_jump_set(r->store, plan, factor, r->actor, &err))
			qc_reply_fail(r, &err);
		else
			qc_reply(r, MHD_HTTP_OK,
				 qc_xjson_pack("{s:I, s:f}", "plan",
					       (json_int_t)plan, "jump_factor",
					       factor));
	}
	json_decref(b);
}

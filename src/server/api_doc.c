/* Documents (docs/documents.md): generate a draft 通报 or report, read
 * and edit it, issue it (文号, immutable), download it as .docx, PDF,
 * HTML or the report's XLSX annex. Office and admin only; a document of
 * a plan the user may not see is not found. */
#include <jansson.h>
#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/clock.h"
#include "qcity/doc.h"
#include "qcity/scope.h"
#include "src/server/http.h"
#include "banned.h"

static json_t *info_json(const struct qc_doc_info *d)
{
	return qc_xjson_pack("{s:I, s:I, s:s, s:s, s:s, s:s, s:s?, s:s, s:s,"
			     " s:s, s:s?, s:s?}",
			     "id", (json_int_t)d->id, "plan",
			     (json_int_t)d->plan_id, "kind", d->kind, "period",
			     d->period, "title", d->title, "status", d->status,
			     "number", d->number, "created_at", d->created_at,
			     "created_by", d->created_by, "updated_at",
			     d->updated_at, "issued_at", d->issued_at,
			     "issued_by", d->issued_by);
}

void qc_api_documents(struct qc_req *r)
{
	struct qc_error err = { 0 };
	struct qc_doc_list l;
	int64_t plan, issued;

	if (!qc_query_int(r, "plan", 1, INT64_MAX, 0, &plan) ||
	    !qc_query_int(r, "issued", 0, 1, 0, &issued))
		return;
	if (plan && !qc_plan_visible(r, plan))
		return;
	if (qc_doc_list(r->store, plan, issued, &l, &err)) {
		qc_reply_fail(r, &err);
		return;
	}
	json_t *a = json_array();
	for (size_t i = 0; i < l.n; i++) /* staff read every plan */
		json_array_append_new(a, info_json(&l.v[i]));
	qc_reply(r, MHD_HTTP_OK, a);
	qc_doc_list_release(&l);
}

void qc_api_document_new(struct qc_req *r)
{
	struct qc_error err = { 0 };
	struct qc_doc *d = NULL;
	const char *kind, *period = NULL;
	int64_t plan;
	long long year = 0;
	char ybuf[8];
	int64_t id;
	json_t *o;
	enum qc_rc rc;

	if (!qc_body_object(r, &o))
		return;
	if (!qc_get_str(r, o, "kind", true, &kind) ||
	    !qc_get_id(r, o, "plan", true, &plan) ||
	    !qc_get_str(r, o, "period", false, &period) ||
	    !qc_get_int(r, o, "year", false, &year) ||
	    !qc_plan_visible(r, plan) ||
	    !qc_scope_check(r,
			    qc_scope_can_write_plan(r->store, &r->user, plan,
						    &err),
			    &err))
		goto out;
	bool progress = !strcmp(kind, "progress");
	if (!progress && strcmp(kind, "assessment") && strcmp(kind, "report")) {
		qc_reply_error(r, MHD_HTTP_BAD_REQUEST,
			       "kind '%s' is not "
			       "progress, assessment or report",
			       kind);
		goto out;
	}
	if (progress ? !period : (year < 1949 || year > 2100)) {
		qc_reply_error(r, MHD_HTTP_BAD_REQUEST, "%s",
			       progress ?
				       "period is required (2020, 2020-H1, 2020-06)" :
				       "year is required (1949 to 2100)");
		goto out;
	}
	if (progress)
		rc = qc_doc_build_progress(r->store, plan, period, &d, &err);
	else if (!strcmp(kind, "assessment"))
		rc = qc_doc_build_assessment(r->store, plan, (int)year, &d,
					     &err);
	else
		rc = qc_doc_build_report(r->store, plan, (int)year, &d, &err);
	snprintf(ybuf, sizeof(ybuf), "%d", (int)year);
	if (rc || qc_doc_create(r->store, plan, progress ? period : ybuf, d,
				r->actor, &id, &err))
		qc_reply_fail(r, &err);
	else
		qc_reply(r, MHD_HTTP_CREATED,
			 qc_xjson_pack("{s:I, s:s, s:i}", "id", (json_int_t)id,
				       "title", d->title, "blocks", (int)d->n));
	qc_doc_free(d);
out:
	json_decref(o);
}

/* The document of path parameter 0, if the user may see its plan (and
 * for a write, write about it: an office bound to a region stays in its
 * subtree). */
static bool load(struct qc_req *r, struct qc_doc_info *info,
		 struct qc_doc **doc, bool write)
{
	struct qc_error err = { 0 };
	int64_t id;
	if (!qc_param_id(r, 0, &id))
		return false;
	if (qc_doc_load(r->store, id, info, doc, &err)) {
		qc_reply_fail(r, &err);
		return false;
	}
	if (info->plan_id &&
	    (!qc_plan_visible(r, info->plan_id) ||
	     (write &&
	      !qc_scope_check(r,
			      qc_scope_can_write_plan(r->store, &r->user,
						      info->plan_id, &err),
			      &err)))) {
		qc_doc_info_release(info);
		if (doc) {
			qc_doc_free(*doc);
			*doc = NULL;
		}
		return false;
	}
	return true;
}

void qc_api_document(struct qc_req *r)
{
	struct qc_doc_info info;
	struct qc_doc *d;
	if (!load(r, &info, &d, false))
		return;
	char *json = qc_doc_to_json(d), *text = qc_doc_to_text(d);
	json_t *o = info_json(&info), *doc = json_loads(json, 0, NULL);
	json_object_set_new(o, "document", doc ? doc : json_null());
	json_object_set_new(o, "text", json_string(text));
	qc_reply(r, MHD_HTTP_OK, o);
	free(json);
	free(text);
	qc_doc_free(d);
	qc_doc_info_release(&info);
}

void qc_api_document_edit(struct qc_req *r)
{
	struct qc_error err = { 0 };
	struct qc_doc_info info;
	struct qc_doc *d = NULL;
	const char *text = NULL, *title = NULL;
	long long block = 0, after = -1, remove = 0;
	json_t *o, *whole;
	enum qc_rc rc = QC_OK;

	if (!qc_body_object(r, &o))
		return;
	if (!qc_get_str(r, o, "text", false, &text) ||
	    !qc_get_str(r, o, "title", false, &title) ||
	    !qc_get_int(r, o, "block", false, &block) ||
	    !qc_get_int(r, o, "insert_after", false, &after) ||
	    !qc_get_int(r, o, "remove", false, &remove) ||
	    !load(r, &info, &d, true))
		goto out;
	whole = json_object_get(o, "document");
	if (whole) {
		char *s = json_dumps(whole, JSON_COMPACT);
		struct qc_doc *nd = NULL;
		rc = s ? qc_doc_from_json(s, strlen(s), &nd, &err) :
			 qc_error_set(&err, QC_EINVAL, "document: not JSON");
		free(s);
		if (!rc) {
			qc_doc_free(d);
			d = nd;
		}
	} else if (block > 0 && text) {
		rc = qc_doc_set_text(d, (size_t)block - 1, text, &err);
	} else if (after >= 0 && text) {
		rc = qc_doc_insert_para(d, (long)after - 1, text, &err);
	} else if (remove > 0) {
		rc = qc_doc_remove(d, (size_t)remove - 1, &err);
	} else if (title) {
		free(d->title);
		d->title = qc_xstrdup(title);
	} else {
		rc = qc_error_set(&err, QC_EINVAL,
				  "give block and text, "
				  "insert_after and text, remove, title or "
				  "document");
	}
	if (!rc)
		rc = qc_doc_update(r->store, info.id, d, r->actor, &err);
	if (rc)
		qc_reply_fail(r, &err);
	else
		qc_reply(r, MHD_HTTP_OK,
			 qc_xjson_pack("{s:I, s:i}", "id", (json_int_t)info.id,
				       "blocks", (int)d->n));
	qc_doc_info_release(&info);
	qc_doc_free(d);
out:
	json_decref(o);
}

void qc_api_document_issue(struct qc_req *r)
{
	struct qc_error err = { 0 };
	struct qc_doc_info info;
	const char *prefix = NULL;
	char *number = NULL;
	json_t *o;

	if (!qc_body_object(r, &o))
		return;
	if (qc_get_str(r, o, "prefix", false, &prefix) &&
	    load(r, &info, NULL, true)) {
		if (qc_doc_issue(r->store, info.id, prefix, r->actor, &number,
				 &err))
			qc_reply_fail(r, &err);
		else
			qc_reply(r, MHD_HTTP_OK,
				 qc_xjson_pack("{s:I, s:s}", "id",
					       (json_int_t)info.id, "number",
					       number));
		free(number);
		qc_doc_info_release(&info);
	}
	json_decref(o);
}

void qc_api_document_file(struct qc_req *r)
{
	struct qc_error err = { 0 };
	struct qc_doc_info info;
	struct qc_buf b = QC_BUF_INIT;
	enum qc_doc_format f;
	char sha[65];

	if (!qc_doc_format_parse(r->param[1], &f)) {
		qc_reply_error(r, MHD_HTTP_NOT_FOUND,
			       "format '%s' is not docx, "
			       "pdf, html or xlsx",
			       r->param[1]);
		return;
	}
	if (!load(r, &info, NULL, false))
		return;
	if (qc_doc_file(r->store, info.id, f, &b, sha, &err)) {
		qc_reply_fail(r, &err);
	} else {
		char name[64];
		size_t len;
		char *bytes = qc_buf_detach(&b, &len);
		snprintf(name, sizeof(name), "document-%lld.%s",
			 (long long)info.id, qc_doc_format_name(f));
		qc_reply_file(r, bytes, len, qc_doc_format_mime(f), name);
	}
	qc_buf_release(&b);
	qc_doc_info_release(&info);
}

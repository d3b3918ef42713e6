/* 督查 items and accountability records over HTTP. The office opens,
 * closes and reopens items and records accountability; a unit reporter
 * sees and answers only its own unit's items (another unit's is 404,
 * as if it did not exist). */
#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/num.h"
#include "qcity/scope.h"
#include "qcity/supervision.h"
#include "src/common/supervision_json.h"
#include "src/server/http.h"
#include "banned.h"

void qc_api_supervision_list(struct qc_req *r)
{
	struct qc_error err = { 0 };
	struct qc_sup_list l;
	int64_t plan, unit;

	if (!qc_query_int(r, "plan", 1, INT64_MAX, 0, &plan) ||
	    !qc_query_int(r, "unit", 1, INT64_MAX, 0, &unit))
		return;
	if (r->user.role == QC_USER_UNIT)
		unit = r->user.unit_id;
	if (qc_sup_list(r->store, plan, unit, qc_query(r, "state"), NULL, &l,
			&err)) {
		qc_reply_fail(r, &err);
		return;
	}
	json_t *a = json_array();
	for (size_t i = 0; i < l.n; i++)
		if (qc_scope_can_read_region(&r->user, l.v[i].region))
			json_array_append_new(a, qc_json_sup_item(&l.v[i]));
	qc_reply(r, MHD_HTTP_OK, a);
	qc_sup_list_release(&l);
}

/* The item of the path, if the user may see it; else replies (404 for
 * another unit's item) and returns false. The caller releases x. */
static bool visible(struct qc_req *r, struct qc_sup_item *x, int64_t *id)
{
	struct qc_error err = { 0 };
	memset(x, 0, sizeof(*x));
	if (!qc_param_id(r, 0, id))
		return false;
	if (qc_sup_get(r->store, *id, NULL, x, &err)) {
		qc_reply_fail(r, &err);
		return false;
	}
	if ((r->user.role == QC_USER_UNIT && x->unit_id != r->user.unit_id) ||
	    !qc_scope_can_read_region(&r->user, x->region)) {
		qc_reply_error(r, MHD_HTTP_NOT_FOUND,
			       "no supervision item %lld", (long long)*id);
		return false;
	}
	return true;
}

void qc_api_supervision_get(struct qc_req *r)
{
	struct qc_sup_item x;
	int64_t id;
	if (visible(r, &x, &id))
		qc_reply(r, MHD_HTTP_OK, qc_json_sup_item(&x));
	qc_sup_item_release(&x);
}

static void reply_item(struct qc_req *r, int64_t id, unsigned status)
{
	struct qc_error err = { 0 };
	struct qc_sup_item x;
	if (qc_sup_get(r->store, id, NULL, &x, &err))
		qc_reply_fail(r, &err);
	else
		qc_reply(r, status, qc_json_sup_item(&x));
	qc_sup_item_release(&x);
}

void qc_api_supervision_open(struct qc_req *r)
{
	struct qc_sup_in in = { 0 };
	struct qc_error err = { 0 };
	int64_t plan, unit;
	int64_t id;
	json_t *b;

	if (!qc_body_object(r, &b))
		return;
	if (!qc_get_id(r, b, "plan", true, &plan) ||
	    !qc_get_id(r, b, "unit_id", true, &unit) ||
	    !qc_get_str(r, b, "task", false, &in.task) ||
	    !qc_get_str(r, b, "target", false, &in.target) ||
	    !qc_get_str(r, b, "finding", true, &in.finding) ||
	    !qc_get_str(r, b, "rectify", true, &in.rectify) ||
	    !qc_get_str(r, b, "deadline", true, &in.deadline) ||
	    !qc_scope_check(r,
			    qc_scope_can_write_plan(r->store, &r->user, plan,
						    &err),
			    &err) ||
	    !qc_scope_check(r,
			    qc_scope_can_write_unit(r->store, &r->user, unit,
						    &err),
			    &err))
		goto out;
	in.plan_id = plan;
	in.unit_id = unit;
	if (qc_sup_open(r->store, &in, r->actor, &id, &err))
		qc_reply_fail(r, &err);
	else
		reply_item(r, id, MHD_HTTP_CREATED);
out:
	json_decref(b);
}

void qc_api_supervision_answer(struct qc_req *r)
{
	struct qc_error err = { 0 };
	struct qc_sup_item x;
	const char *text, *att[20];
	size_t n = 0;
	int64_t id;
	json_t *b = NULL, *files;

	if (!visible(r, &x, &id))
		goto out;
	/* The office answers only within its write scope, as it decides. */
	if (r->user.role != QC_USER_UNIT &&
	    !qc_scope_check(r,
			    qc_scope_can_write_region(&r->user, x.region, &err),
			    &err))
		goto out;
	if (!qc_body_object(r, &b) || !qc_get_str(r, b, "text", true, &text))
		goto out;
	/* Attachments: ids from the attachment store (POST them there
	 * first); qc_sup_answer checks each is the item's unit's. */
	files = json_object_get(b, "attachments");
	if (files && (!json_is_array(files) || json_array_size(files) > 20)) {
		qc_reply_error(r, MHD_HTTP_BAD_REQUEST,
			       "attachments: a list of "
			       "at most 20 attachment ids");
		goto out;
	}
	for (; files && n < json_array_size(files); n++) {
		att[n] = json_string_value(json_array_get(files, n));
		if (!att[n]) {
			qc_reply_error(r, MHD_HTTP_BAD_REQUEST,
				       "attachments[%zu]:"
				       " an attachment id (text)",
				       n);
			goto out;
		}
		int64_t aid = 0;
		if (qc_parse_int64(att[n], 1, INT64_MAX, &aid) &&
		    !qc_attach_own(r, aid))
			goto out;
	}
	if (qc_sup_answer(r->store, id, text, att, n, r->actor, &err))
		qc_reply_fail(r, &err);
	else
		reply_item(r, id, MHD_HTTP_OK);
out:
	qc_sup_item_release(&x);
	json_decref(b);
}

static void decide(struct qc_req *r, bool close)
{
	struct qc_error err = { 0 };
	struct qc_sup_item x;
	const char *text = NULL;
	int64_t id;
	json_t *b = NULL;
	enum qc_rc rc;

	if (!visible(r, &x, &id))
		goto out;
	rc = qc_scope_can_write_region(&r->user, x.region, &err);
	if (!qc_scope_check(r, rc, &err))
		goto out;
	if (qc_buf_len(&r->body) && !qc_body_object(r, &b))
		goto out;
	if (b && !qc_get_str(r, b, close ? "note" : "reason", !close, &text))
		goto out;
	if (close ? qc_sup_close(r->store, id, text, r->actor, &err) :
		    qc_sup_reopen(r->store, id, text, r->actor, &err))
		qc_reply_fail(r, &err);
	else
		reply_item(r, id, MHD_HTTP_OK);
out:
	qc_sup_item_release(&x);
	json_decref(b);
}

void qc_api_supervision_close(struct qc_req *r)
{
	decide(r, true);
}
void qc_api_supervision_reopen(struct qc_req *r)
{
	decide(r, false);
}

void qc_api_accountability(struct qc_req *r)
{
	struct qc_error err = { 0 };
	struct qc_acc_list l;
	int64_t unit, year;

	if (!qc_query_int(r, "unit", 1, INT64_MAX, 0, &unit) ||
	    !qc_query_int(r, "year", 1949, 9999, 0, &year))
		return;
	if (qc_acc_list(r->store, unit, (int)year, &l, &err)) {
		qc_reply_fail(r, &err);
		return;
	}
	json_t *a = json_array();
	for (size_t i = 0; i < l.n; i++) {
		const struct qc_acc_record *x = &l.v[i];
		if (!qc_scope_can_read_region(&r->user, x->region))
			continue;
		json_array_append_new(
			a, qc_xjson_pack("{s:I, s:I, s:s, s:s, s:i,"
					 " s:s, s:s, s:o, s:s?, s:s, s:s}",
					 "id", (json_int_t)x->id, "unit_id",
					 (json_int_t)x->unit_id, "unit",
					 x->unit, "region", x->region, "year",
					 x->year, "kind",
					 qc_acc_kind_name(x->kind), "label",
					 qc_acc_kind_label(x->kind), "item",
					 x->item_id ? json_integer(x->item_id) :
						      json_null(),
					 "note", x->note, "recorded_by",
					 x->recorded_by, "recorded_at",
					 x->recorded_at));
	}
	qc_reply(r, MHD_HTTP_OK, a);
	qc_acc_list_release(&l);
}

void qc_api_accountability_add(struct qc_req *r)
{
	struct qc_error err = { 0 };
	const char *kind, *note;
	int64_t unit, item = 0;
	long long year;
	enum qc_acc_kind k;
	int64_t id;
	json_t *b;

	if (!qc_body_object(r, &b))
		return;
	if (!qc_get_id(r, b, "unit_id", true, &unit) ||
	    !qc_get_int(r, b, "year", true, &year) ||
	    !qc_get_str(r, b, "kind", true, &kind) ||
	    !qc_get_id(r, b, "item", false, &item) ||
	    !qc_get_str(r, b, "note", false, &note))
		goto out;
	if (!qc_acc_kind_parse(kind, &k) || year < 1949 || year > 9999) {
		qc_reply_error(r, MHD_HTTP_BAD_REQUEST,
			       "kind: interview (约谈), "
			       "criticism (通报批评) or accountability (问责); "
			       "year: 1949-9999");
		goto out;
	}
	if (!qc_scope_check(r,
			    qc_scope_can_write_unit(r->store, &r->user, unit,
						    &err),
			    &err))
		goto out;
	if (qc_acc_add(r->store, unit, (int)year, k, item, note, r->actor, &id,
		       &err))
		qc_reply_fail(r, &err);
	else
		qc_reply(r, MHD_HTTP_CREATED,
			 qc_xjson_pack("{s:I}", "id", (json_int_t)id));
out:
	json_decref(b);
}

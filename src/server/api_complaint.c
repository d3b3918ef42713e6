/* The complaint register over HTTP (docs/complaints.md): the board, one
 * item, intake, steps and hot spots. Office and admin see every region;
 * a region account only its subtree. Personal data is masked everywhere
 * but in one item asked for with ?unmask=1 by the office or by an
 * account of the handling county itself, and that view is audited. */
#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/clock.h"
#include "qcity/complaint.h"
#include "qcity/json.h"
#include "qcity/model.h"
#include "qcity/nation.h"
#include "qcity/scope.h"
#include "qcity/workday.h"
#include "src/common/complaint_json.h"
#include "src/server/http.h"
#include "banned.h"

static struct qc_calendar *calendar(struct qc_req *r)
{
	struct qc_error err = { 0 };
	struct qc_calendar *c;
	if (qc_calendar_open(r->store, &c, &err)) {
		qc_reply_fail(r, &err);
		return NULL;
	}
	return c;
}

/* GET /api/complaints?overdue=1[&after=CURSOR][&limit=N]: one page of
 * the overdue board, by deadline then id. */
static void overdue_page(struct qc_req *r, struct qc_calendar *cal,
			 const char *code, int64_t limit)
{
	struct qc_error err = { 0 };
	struct qc_complaint_list l;
	char next[QC_COMPLAINT_CURSOR_SIZE];
	size_t total;
	enum qc_rc rc;

	rc = qc_complaint_overdue(r->store, cal, code[0] ? code : NULL,
				  qc_today_days(), qc_query(r, "after"),
				  (size_t)limit, &l, &total, next, &err);
	qc_calendar_free(cal);
	if (rc) {
		qc_reply_fail(r, &err);
		return;
	}
	json_t *a = qc_json_complaints(&l);
	qc_complaint_list_release(&l);
	qc_reply(r, MHD_HTTP_OK,
		 qc_xjson_pack("{s:o, s:I, s:s?}", "items", a, "total",
			       (json_int_t)total, "next",
			       next[0] ? next : NULL));
}

void qc_api_complaints(struct qc_req *r)
{
	struct qc_error err = { 0 };
	struct qc_complaint_list l;
	struct qc_calendar *cal;
	char code[QC_REGION_CODE_SIZE];
	int64_t alerts, overdue, limit;
	enum qc_rc rc;

	if (!qc_req_read_region(r, false, code) ||
	    !qc_query_int(r, "alerts", 0, 1, 0, &alerts) ||
	    !qc_query_int(r, "overdue", 0, 1, 0, &overdue) ||
	    !qc_query_int(r, "limit", 1, 1000, 50, &limit))
		return;
	if (!overdue && (qc_query(r, "after") || qc_query(r, "limit"))) {
		qc_reply_error(r, MHD_HTTP_BAD_REQUEST,
			       "after and limit page the overdue board: give "
			       "overdue=1");
		return;
	}
	if (!(cal = calendar(r)))
		return;
	if (overdue) {
		overdue_page(r, cal, code, limit);
		return;
	}
	rc = qc_complaint_open(r->store, cal, code[0] ? code : NULL,
			       qc_today_days(), alerts, &l, &err);
	qc_calendar_free(cal);
	if (rc) {
		qc_reply_fail(r, &err);
		return;
	}
	json_t *a = qc_json_complaints(&l);
	qc_complaint_list_release(&l);
	qc_reply(r, MHD_HTTP_OK, a);
}

void qc_api_complaint(struct qc_req *r)
{
	struct qc_error err = { 0 };
	struct qc_complaint c;
	struct qc_calendar *cal;
	int64_t id;
	int64_t unmask;
	enum qc_rc rc;

	if (!qc_param_id(r, 0, &id) ||
	    !qc_query_int(r, "unmask", 0, 1, 0, &unmask) ||
	    !(cal = calendar(r)))
		return;
	/* ?province=CODE: at the nation an item is (province, id). Outside
	 * the reader's subtree: as if it did not exist, also in the
	 * provinces a refusal names (the scope is checked first). */
	const char *province = qc_query(r, "province");
	rc = qc_complaint_get_within(r->store, cal,
				     qc_scope_read_root(&r->user), province, id,
				     qc_today_days(), &c, &err);
	qc_calendar_free(cal);
	if (rc) {
		qc_reply_fail(r, &err);
		return;
	}
	if (unmask) {
		/* The office (within its scope, checked above) and the
		 * handling county's own accounts. */
		bool handler = r->user.role == QC_USER_ADMIN ||
			       r->user.role == QC_USER_OFFICE ||
			       !strcmp(r->user.region, c.region);
		if (!handler) {
			qc_complaint_release(&c);
			qc_reply_error(r, MHD_HTTP_FORBIDDEN,
				       "the complainant's personal details are "
				       "shown only to the handling region and the "
				       "office of the leading group");
			return;
		}
		if (qc_complaint_audit_view_at(r->store, province, id, r->actor,
					       &err)) {
			qc_complaint_release(&c);
			qc_reply_fail(r, &err);
			return;
		}
	}
	qc_reply(r, MHD_HTTP_OK, qc_json_complaint(&c, unmask));
	qc_complaint_release(&c);
}

void qc_api_complaint_add(struct qc_req *r)
{
	struct qc_error err = { 0 };
	struct qc_complaint_new in = { .amount = -1 };
	const char *kind = NULL, *channel = "web";
	char code[QC_REGION_CODE_SIZE], today[11];
	json_t *body;
	int64_t id;
	double amount = -1;

	/* At the nation intake is the provinces' (their servers). */
	if (qc_store_refuse_national_write(r->store, &err)) {
		qc_reply_fail(r, &err);
		return;
	}
	if (!qc_body_object(r, &body))
		return;
	qc_date_from_days(qc_today_days(), today);
	in.received_on = today;
	if (!qc_get_str(r, body, "kind", false, &kind) ||
	    !qc_get_str(r, body, "channel", false, &channel) ||
	    !qc_get_str(r, body, "received_on", false, &in.received_on) ||
	    !qc_get_str(r, body, "region", true, &in.region) ||
	    !qc_get_str(r, body, "respondent", true, &in.respondent) ||
	    !qc_get_str(r, body, "text", true, &in.text) ||
	    !qc_get_str(r, body, "platform_no", false, &in.platform_no) ||
	    !qc_get_str(r, body, "respondent_uscc", false,
			&in.respondent_uscc) ||
	    !qc_get_str(r, body, "respondent_address", false,
			&in.respondent_address) ||
	    !qc_get_str(r, body, "category", false, &in.category) ||
	    !qc_get_str(r, body, "person_name", false, &in.person_name) ||
	    !qc_get_str(r, body, "person_phone", false, &in.person_phone) ||
	    !qc_get_str(r, body, "person_id", false, &in.person_id) ||
	    !qc_get_num(r, body, "amount", false, &amount))
		goto out;
	if (kind && strcmp(kind, "complaint") && strcmp(kind, "report")) {
		qc_reply_error(r, MHD_HTTP_BAD_REQUEST,
			       "kind: write complaint or "
			       "report");
		goto out;
	}
	in.kind = kind && !strcmp(kind, "report") ? QC_REPORT : QC_COMPLAINT;
	/* Absent members come back NULL: the web form's defaults. */
	in.channel = channel ? channel : "web";
	if (!in.received_on)
		in.received_on = today;
	in.amount = amount;
	in.wants_reply = json_is_true(json_object_get(body, "wants_reply"));
	if (qc_region_resolve(r->store, in.region, code, &err)) {
		qc_reply_fail(r, &err);
		goto out;
	}
	if (!qc_scope_check(r, qc_scope_can_write_region(&r->user, code, &err),
			    &err))
		goto out;
	in.region = code;
	if (qc_complaint_add(r->store, &in, r->actor, &id, &err))
		qc_reply_fail(r, &err);
	else
		qc_reply(r, MHD_HTTP_CREATED,
			 qc_xjson_pack("{s:I}", "id", (json_int_t)id));
out:
	json_decref(body);
}

/* The item's region for a write check; replies and returns false when
 * the item is unknown or outside the writer's scope. */
static bool may_write_item(struct qc_req *r, int64_t id)
{
	struct qc_error err = { 0 };
	char key[24], *region = NULL;
	enum qc_rc rc;

	/* At the nation the items are the provinces' (and ids repeat):
	 * refused before their region is read. */
	if (qc_store_refuse_national_write(r->store, &err)) {
		qc_reply_fail(r, &err);
		return false;
	}
	/* The region alone decides: no calendar, no deadline to work out. */
	snprintf(key, sizeof(key), "%lld", (long long)id);
	rc = qc_store_get_text(r->store,
			       "SELECT region_code FROM complaints"
			       " WHERE id = CAST(? AS BIGINT)",
			       QC_TEXTS(key), &region, &err);
	if (!rc && !region)
		rc = qc_error_set(&err, QC_ENOTFOUND,
				  "no complaint or report %lld", (long long)id);
	if (rc) {
		qc_reply_fail(r, &err);
		return false;
	}
	rc = qc_scope_can_write_region(&r->user, region, &err);
	free(region);
	return qc_scope_check(r, rc, &err);
}

void qc_api_complaint_move(struct qc_req *r)
{
	struct qc_error err = { 0 };
	const char *state, *date = NULL, *reason = NULL, *region = NULL,
			   *approver = NULL;
	char today[11];
	json_t *body;
	int64_t id;
	enum qc_rc rc;

	if (!qc_param_id(r, 0, &id) || !may_write_item(r, id) ||
	    !qc_body_object(r, &body))
		return;
	qc_date_from_days(qc_today_days(), today);
	if (!qc_get_str(r, body, "state", true, &state) ||
	    !qc_get_str(r, body, "date", false, &date) ||
	    !qc_get_str(r, body, "reason", false, &reason) ||
	    !qc_get_str(r, body, "region", false, &region) ||
	    !qc_get_str(r, body, "approver", false, &approver))
		goto out;
	if (!date)
		date = today;
	/* "transfer" and "extend" are steps that keep the state. */
	if (!strcmp(state, "transfer")) {
		char code[QC_REGION_CODE_SIZE];
		if (!region) {
			qc_reply_error(r, MHD_HTTP_BAD_REQUEST,
				       "region: a transfer needs the "
				       "receiving region");
			goto out;
		}
		if ((rc = qc_region_resolve(r->store, region, code, &err)) ||
		    (rc = qc_scope_can_write_region(&r->user, code, &err))) {
			qc_scope_check(r, rc, &err);
			goto out;
		}
		rc = qc_complaint_transfer(r->store, id, code, date, r->actor,
					   &err);
	} else if (!strcmp(state, "extend")) {
		rc = qc_complaint_extend(r->store, id, approver, date, r->actor,
					 &err);
	} else {
		rc = qc_complaint_move(r->store, id, state, date, reason,
				       r->actor, &err);
	}
	if (rc)
		qc_reply_fail(r, &err);
	else
		qc_reply(r, MHD_HTTP_OK,
			 qc_xjson_pack("{s:I, s:s, s:s}", "id", (json_int_t)id,
				       "step", state, "date", date));
out:
	json_decref(body);
}

void qc_api_complaint_hotspots(struct qc_req *r)
{
	struct qc_error err = { 0 };
	struct qc_hotspot_list l;
	const char *month = qc_query(r, "month");
	char code[QC_REGION_CODE_SIZE];

	if (!qc_req_read_region(r, false, code))
		return;
	if (!month) {
		qc_reply_error(r, MHD_HTTP_BAD_REQUEST, "give ?month=YYYY-MM");
		return;
	}
	if (qc_complaint_hotspots(r->store, code[0] ? code : NULL, month, &l,
				  &err)) {
		qc_reply_fail(r, &err);
		return;
	}
	json_t *a = json_array();
	for (size_t i = 0; i < l.n; i++)
		json_array_append_new(a,
				      qc_xjson_pack("{s:s, s:s, s:I, s:f, s:f}",
						    "region", l.v[i].region,
						    "category", l.v[i].category,
						    "count",
						    (json_int_t)l.v[i].count,
						    "expected", l.v[i].expected,
						    "p", l.v[i].p));
	qc_hotspot_list_release(&l);
	qc_reply(r, MHD_HTTP_OK, a);
}

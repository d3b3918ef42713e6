/* Open311 GeoReport v2 over the complaint register (docs/complaints.md
 * "Open311"), so existing Open311 clients can file complaints: the
 * services are the product categories, a service request is a complaint.
 * Requests authenticate with api_key (an API token of an office, admin or
 * region account: server.c reads it for /open311/ paths, never a
 * cookie); POST bodies are application/x-www-form-urlencoded as the
 * specification has them. */
#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/alloc.h"
#include "qcity/category.h"
#include "qcity/clock.h"
#include "qcity/complaint.h"
#include "qcity/model.h"
#include "qcity/num.h"
#include "qcity/scope.h"
#include "qcity/workday.h"
#include "src/server/http.h"
#include "banned.h"

/* An error as GeoReport clients read it: [{"code", "description"}]. */
static void geo_error(struct qc_req *r, unsigned status, const char *msg)
{
	qc_reply(r, status,
		 qc_xjson_pack("[{s:i, s:s}]", "code", (int)status,
			       "description", msg));
}

void qc_open311_services(struct qc_req *r)
{
	struct qc_error err = { 0 };
	struct qc_category_list l;
	json_t *a;

	if (qc_category_list(r->store, &l, &err)) {
		qc_category_list_release(&l);
		qc_reply_fail(r, &err);
		return;
	}
	a = json_array();
	for (size_t i = 0; i < l.n; i++) {
		char code[24];
		snprintf(code, sizeof(code), "%lld", (long long)l.v[i].id);
		json_array_append_new(a,
				      qc_xjson_pack("{s:s, s:s, s:s, s:b, s:s,"
						    " s:s, s:s}",
						    "service_code", code,
						    "service_name", l.v[i].name,
						    "description",
						    "产品质量投诉", "metadata",
						    0, "type", "realtime",
						    "keywords", "", "group",
						    "投诉举报"));
	}
	qc_category_list_release(&l);
	qc_reply(r, MHD_HTTP_OK, a);
}

static bool category_name(struct qc_req *r, const char *code, char **out)
{
	struct qc_error err = { 0 };
	int64_t id;
	enum qc_rc rc;

	*out = NULL;
	if (!code || !qc_parse_int64(code, 1, INT64_MAX, &id)) {
		geo_error(r, MHD_HTTP_BAD_REQUEST,
			  "service_code：缺少或无效（见 "
			  "services.json）");
		return false;
	}
	rc = qc_category_name(r->store, id, out, &err);
	if (rc == QC_ENOTFOUND)
		geo_error(r, MHD_HTTP_BAD_REQUEST,
			  "service_code：没有这个服务");
	else if (rc)
		qc_reply_fail(r, &err);
	return !rc;
}

void qc_open311_request_add(struct qc_req *r)
{
	struct qc_error err = { 0 };
	struct qc_complaint_new in = { .kind = QC_COMPLAINT,
				       .channel = "web",
				       .amount = -1 };
	json_t *form = qc_form_body(r);
	const char *first, *last;
	char today[11], code[QC_REGION_CODE_SIZE], name[128], *category = NULL,
							      id_text[24];
	int64_t id;

	if (!form) {
		geo_error(r, MHD_HTTP_BAD_REQUEST,
			  "请求体应为 application/"
			  "x-www-form-urlencoded");
		return;
	}
#define FORM(k) json_string_value(json_object_get(form, k))
	if (!category_name(r, FORM("service_code"), &category))
		goto out;
	in.region = FORM("jurisdiction_id");
	in.text = FORM("description");
	if (!in.region || !in.text) {
		geo_error(r, MHD_HTTP_BAD_REQUEST,
			  !in.region ?
				  "jurisdiction_id：请给出承办区县（GB/T 2260 代码）" :
				  "description：缺少投诉内容");
		goto out;
	}
	if (qc_region_resolve(r->store, in.region, code, &err) ||
	    qc_scope_can_write_region(&r->user, code, &err)) {
		qc_scope_check(r, err.code, &err);
		goto out;
	}
	qc_date_from_days(qc_today_days(), today);
	first = FORM("first_name");
	last = FORM("last_name");
	snprintf(name, sizeof(name), "%s%s", last ? last : "",
		 first ? first : "");
	in.region = code;
	in.received_on = today;
	in.category = category;
	/* GeoReport has no respondent field: attribute[respondent] when the
	 * client sends one, else the address it gives. */
	in.respondent = FORM("attribute[respondent]") ?
				FORM("attribute[respondent]") :
				FORM("address_string");
	if (!in.respondent)
		in.respondent = "（见投诉内容）";
	in.respondent_address = FORM("address_string");
	in.person_name = *name ? name : NULL;
	in.person_phone = FORM("phone");
	if (qc_complaint_add(r->store, &in, r->actor, &id, &err)) {
		geo_error(r,
			  err.code == QC_EINVAL ? MHD_HTTP_BAD_REQUEST :
						  MHD_HTTP_CONFLICT,
			  err.msg);
		goto out;
	}
	snprintf(id_text, sizeof(id_text), "%lld", (long long)id);
	qc_reply(r, MHD_HTTP_CREATED,
		 qc_xjson_pack("[{s:s, s:s, s:n}]", "service_request_id",
			       id_text, "service_notice",
			       "已登记；市场"
			       "监管部门将在 7 个工作日内作出是否受理的决定",
			       "account_id"));
out:
#undef FORM
	free(category);
	json_decref(form);
}

static json_t *geo_request(const struct qc_complaint *c)
{
	char id[24];
	bool open = strcmp(c->state, "closed") && strcmp(c->state, "agreed") &&
		    strcmp(c->state, "not_accepted");
	snprintf(id, sizeof(id), "%lld", (long long)c->id);
	return qc_xjson_pack("{s:s, s:s, s:s, s:s?, s:s, s:s, s:s?}",
			     "service_request_id", id, "status",
			     open ? "open" : "closed", "status_notes", c->state,
			     "service_name", c->category, "requested_datetime",
			     c->received_on, "agency_responsible", c->region,
			     "expected_datetime", c->due[0] ? c->due : NULL);
}

void qc_open311_requests(struct qc_req *r)
{
	struct qc_error err = { 0 };
	struct qc_complaint_list l;
	struct qc_calendar *cal;
	enum qc_rc rc;

	if (qc_calendar_open(r->store, &cal, &err)) {
		qc_reply_fail(r, &err);
		return;
	}
	/* Open requests within the key's scope. */
	rc = qc_complaint_open(r->store, cal,
			       r->user.region[0] ? r->user.region : NULL,
			       qc_today_days(), false, &l, &err);
	qc_calendar_free(cal);
	if (rc) {
		qc_reply_fail(r, &err);
		return;
	}
	json_t *a = json_array();
	for (size_t i = 0; i < l.n; i++)
		json_array_append_new(a, geo_request(&l.v[i]));
	qc_complaint_list_release(&l);
	qc_reply(r, MHD_HTTP_OK, a);
}

void qc_open311_request(struct qc_req *r)
{
	struct qc_error err = { 0 };
	struct qc_complaint c;
	struct qc_calendar *cal;
	const char *p = r->param[0];
	size_t len = strlen(p);
	char num[24];
	int64_t id;
	enum qc_rc rc;

	/* The path names "{id}.json". */
	if (len > 5 && !strcmp(p + len - 5, ".json"))
		len -= 5;
	snprintf(num, sizeof(num), "%.*s", (int)(len < 23 ? len : 23), p);
	if (!qc_parse_int64(num, 1, INT64_MAX, &id)) {
		geo_error(r, MHD_HTTP_BAD_REQUEST, "service_request_id 无效");
		return;
	}
	if (qc_calendar_open(r->store, &cal, &err)) {
		qc_reply_fail(r, &err);
		return;
	}
	rc = qc_complaint_get(r->store, cal, id, qc_today_days(), &c, &err);
	qc_calendar_free(cal);
	if (rc || !qc_scope_can_read_region(&r->user, c.region)) {
		if (!rc)
			qc_complaint_release(&c);
		geo_error(r, MHD_HTTP_NOT_FOUND, "没有这个服务请求");
		return;
	}
	json_t *a = json_array();
	json_array_append_new(a, geo_request(&c));
	qc_complaint_release(&c);
	qc_reply(r, MHD_HTTP_OK, a);
}

/* Quality credit over HTTP (docs/credit.md): an enterprise's credit page
 * and report, the lists as of a date (JSON, CSV or XLSX), the logged
 * sanctions check, listing steps, the awards register and the reward
 * eligibility list. The same library calls as the command line; region
 * users are held to their region's subtree. */
#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/award.h"
#include "qcity/credit.h"
#include "qcity/doc.h"
#include "qcity/enterprise.h"
#include "qcity/model.h"
#include "qcity/num.h"
#include "qcity/scope.h"
#include "qcity/store.h"
#include "src/common/credit_json.h"
#include "src/common/paths.h"
#include "src/server/http.h"
#include "banned.h"

#define IMPORT_MAX ((size_t)32 << 20)

/* ?region= (a region user's own by default), resolved and within the
 * reader's subtree; code "" when none is asked for. */
static bool read_region(struct qc_req *r, char code[QC_REGION_CODE_SIZE])
{
	const char *q = qc_query(r, "region");
	struct qc_error err = { 0 };

	code[0] = '\0';
	if (!q && !qc_scope_can_read_region(&r->user, NULL))
		q = r->user.region;
	if (!q)
		return true;
	if (qc_region_resolve(r->store, q, code, &err)) {
		qc_reply_fail(r, &err);
		return false;
	}
	if (!qc_scope_can_read_region(&r->user, code)) {
		qc_reply_error(r, MHD_HTTP_FORBIDDEN,
			       "region %s is outside your region %s", code,
			       r->user.region);
		return false;
	}
	return true;
}

/* The enterprise of path parameter 0, if the reader may see it. */
static bool enterprise(struct qc_req *r, struct qc_enterprise *e)
{
	struct qc_error err = { 0 };
	/* ?province=CODE: the holder, at the nation (0026). Records outside
	 * the reader's subtree are as if they did not exist, also in the
	 * holders a refusal names. */
	if (qc_enterprise_get_within(r->store, r->param[0],
				     qc_query(r, "province"),
				     qc_scope_read_root(&r->user), e, &err)) {
		qc_reply_fail(r, &err);
		return false;
	}
	return true;
}

/* GET /api/credit/enterprises/{code}[?as_of=D] */
void qc_api_credit_enterprise(struct qc_req *r)
{
	struct qc_error err = { 0 };
	struct qc_enterprise e;
	struct qc_credit_grade g;
	struct qc_listings l;
	struct qc_awards a;
	json_t *grade, *mine;

	if (!enterprise(r, &e))
		return;
	enum qc_rc rc = qc_credit_grade_at(r->store, e.uscc, e.held_by,
					   qc_query(r, "as_of"), &g, &err);
	if (rc && rc != QC_ENOTFOUND) {
		qc_reply_fail(r, &err);
		qc_enterprise_release(&e);
		return;
	}
	/* No scheme loaded yet: the page says so instead of failing. */
	grade = rc ? qc_xjson_pack("{s:s}", "error", err.msg) :
		     qc_json_credit_grade(&g);
	if (!rc)
		qc_credit_grade_release(&g);
	if (qc_credit_listings(r->store, NULL, NULL, e.uscc,
			       qc_query(r, "as_of"), true, &l, &err) ||
	    qc_award_list(r->store, NULL, NULL, 0, &a, &err)) {
		json_decref(grade);
		qc_reply_fail(r, &err);
		qc_enterprise_release(&e);
		return;
	}
	mine = json_array();
	json_t *all = qc_json_awards(&a);
	size_t i;
	json_t *x;
	json_array_foreach(all, i, x)
	{
		const char *u = json_string_value(json_object_get(x, "uscc"));
		if (u && !strcmp(u, e.uscc))
			json_array_append(mine, x);
	}
	json_decref(all);
	json_t *listings = qc_json_listings(&l, true);
	/* At the nation a credit code's listings are each holder's: this
	 * record's only (ids repeat across provinces there). */
	if (qc_store_national(r->store)) {
		json_t *rows = json_object_get(listings, "rows");
		for (size_t j = json_array_size(rows); j-- > 0;) {
			const char *p = json_string_value(
				json_object_get(json_array_get(rows, j),
						"province"));
			if (!p || strcmp(p, e.held_by))
				json_array_remove(rows, j);
		}
	}
	qc_reply(r, MHD_HTTP_OK,
		 qc_xjson_pack("{s:s, s:s, s:s?, s:s?, s:s?, s:I, s:I, s:o,"
			       " s:o, s:o, s:s?}",
			       "uscc", e.uscc, "name", e.name, "region",
			       e.region_code, "address", e.address, "cqo",
			       e.cqo, "samples", (json_int_t)e.samples,
			       "failed", (json_int_t)e.failed, "grade", grade,
			       "listings", listings, "awards", mine, "held_by",
			       e.held_by[0] ? e.held_by : NULL));
	qc_listings_release(&l);
	qc_awards_release(&a);
	qc_enterprise_release(&e);
}

static void reply_doc(struct qc_req *r, const struct qc_doc *d, const char *fmt,
		      const char *name)
{
	struct qc_error err = { 0 };
	struct qc_buf b = QC_BUF_INIT;
	enum qc_doc_format f;
	bool csv = !strcmp(fmt, "csv");

	if (!csv && !qc_doc_format_parse(fmt, &f)) {
		qc_reply_error(r, MHD_HTTP_BAD_REQUEST,
			       "format: '%s' is not csv, xlsx, pdf, docx or"
			       " html",
			       fmt);
		return;
	}
	if (csv)
		qc_credit_table_csv(d, &b);
	else if (qc_doc_write(d, f, &b, &err)) {
		qc_buf_release(&b);
		qc_reply_fail(r, &err);
		return;
	}
	size_t len = qc_buf_len(&b);
	char file[96];
	snprintf(file, sizeof(file), "%s.%s", name, fmt);
	qc_reply_file(r, qc_buf_detach(&b, NULL), len,
		      csv ? "text/csv; charset=utf-8" : qc_doc_format_mime(f),
		      file);
}

/* GET /api/credit/enterprises/{code}/report/{format} */
void qc_api_credit_report(struct qc_req *r)
{
	struct qc_error err = { 0 };
	struct qc_enterprise e;
	struct qc_doc *d;

	if (!enterprise(r, &e))
		return;
	if (!strcmp(r->param[1], "csv") || !strcmp(r->param[1], "xlsx"))
		qc_reply_error(r, MHD_HTTP_BAD_REQUEST,
			       "format: the report is pdf, docx or html");
	else if (qc_credit_report_doc(r->store, e.uscc, e.held_by,
				      qc_query(r, "as_of"), &d, &err))
		qc_reply_fail(r, &err);
	else {
		reply_doc(r, d, r->param[1], "credit-report");
		qc_doc_free(d);
	}
	qc_enterprise_release(&e);
}

/* GET /api/credit/lists/{list}[?region=R&as_of=D&all=1&format=csv|xlsx] */
void qc_api_credit_list(struct qc_req *r)
{
	struct qc_error err = { 0 };
	struct qc_listings l;
	char code[QC_REGION_CODE_SIZE];
	const char *fmt = qc_query(r, "format");
	int64_t all;

	if (!read_region(r, code) || !qc_query_int(r, "all", 0, 1, 0, &all))
		return;
	if (qc_credit_listings(r->store, r->param[0], code[0] ? code : NULL,
			       NULL, qc_query(r, "as_of"), all, &l, &err)) {
		qc_reply_fail(r, &err);
		return;
	}
	if (fmt) {
		struct qc_doc *d = qc_credit_list_doc(&l, r->param[0]);
		reply_doc(r, d, fmt, "credit-list");
		qc_doc_free(d);
	} else {
		json_t *o = qc_json_listings(&l, true);
		qc_reply(r, MHD_HTTP_OK,
			 json_incref(json_object_get(o, "rows")));
		json_decref(o);
	}
	qc_listings_release(&l);
}

/* POST /api/credit/check {uscc, purpose, as_of?} */
void qc_api_credit_check(struct qc_req *r)
{
	struct qc_error err = { 0 };
	struct qc_credit_verdict v;
	const char *uscc, *purpose, *as_of = NULL, *province = NULL;
	json_t *body;

	if (!qc_body_object(r, &body))
		return;
	/* province: the holder, at the nation (0026). */
	if (qc_get_str(r, body, "uscc", true, &uscc) &&
	    qc_get_str(r, body, "purpose", true, &purpose) &&
	    qc_get_str(r, body, "as_of", false, &as_of) &&
	    qc_get_str(r, body, "province", false, &province)) {
		if (qc_credit_check_at(r->store, uscc, province, purpose, as_of,
				       r->actor, &v, &err))
			qc_reply_fail(r, &err);
		else
			qc_reply(r, MHD_HTTP_OK,
				 qc_json_credit_verdict(&v, uscc, purpose));
		qc_credit_verdict_release(&v);
	}
	json_decref(body);
}

/* POST /api/credit/listings {list, uscc, ground, date, decision_no?,
 * authority?, category?, penalty_kind?} */
void qc_api_credit_listing_add(struct qc_req *r)
{
	struct qc_error err = { 0 };
	struct qc_listing_in in = { 0 };
	int64_t id;
	json_t *body;

	if (!qc_body_object(r, &body))
		return;
	if (qc_get_str(r, body, "list", true, &in.list) &&
	    qc_get_str(r, body, "uscc", true, &in.uscc) &&
	    qc_get_str(r, body, "ground", true, &in.ground) &&
	    qc_get_str(r, body, "date", true, &in.decided_on) &&
	    qc_get_str(r, body, "decision_no", false, &in.decision_no) &&
	    qc_get_str(r, body, "authority", false, &in.authority) &&
	    qc_get_str(r, body, "category", false, &in.category) &&
	    qc_get_str(r, body, "penalty_kind", false, &in.penalty_kind)) {
		if (qc_credit_list_add(r->store, &in, r->actor, &id, &err))
			qc_reply_fail(r, &err);
		else
			qc_reply(r, MHD_HTTP_CREATED,
				 qc_xjson_pack("{s:I}", "id", (json_int_t)id));
	}
	json_decref(body);
}

/* POST /api/credit/listings/{id}/{step} {date?}: apply, approve, publish */
void qc_api_credit_listing_step(struct qc_req *r)
{
	struct qc_error err = { 0 };
	const char *step = r->param[1], *date = NULL;
	int64_t id;
	enum qc_rc rc;
	json_t *body;

	if (!qc_param_id(r, 0, &id))
		return;
	if (strcmp(step, "apply") && strcmp(step, "approve") &&
	    strcmp(step, "publish")) {
		qc_reply_error(r, MHD_HTTP_NOT_FOUND,
			       "step '%s' is not apply, approve or publish",
			       step);
		return;
	}
	if (!qc_body_object(r, &body))
		return;
	if (qc_get_str(r, body, "date", false, &date)) {
		rc = !strcmp(step, "apply") ?
			     qc_credit_repair_apply(r->store, id, date,
						    r->actor, &err) :
		     !strcmp(step, "approve") ?
			     qc_credit_repair_approve(r->store, id, date,
						      r->actor, &err) :
			     qc_credit_publish(r->store, id, date, r->actor,
					       &err);
		if (rc)
			qc_reply_fail(r, &err);
		else
			qc_reply(r, MHD_HTTP_OK,
				 qc_xjson_pack("{s:I, s:s}", "id",
					       (json_int_t)id, "step", step));
	}
	json_decref(body);
}

/* GET /api/awards[?region=R&kind=K&year=Y] */
void qc_api_awards(struct qc_req *r)
{
	struct qc_error err = { 0 };
	struct qc_awards a;
	char code[QC_REGION_CODE_SIZE];
	int64_t year;

	if (!read_region(r, code) ||
	    !qc_query_int(r, "year", 0, 2100, 0, &year))
		return;
	if (qc_award_list(r->store, code[0] ? code : NULL, qc_query(r, "kind"),
			  (int)year, &a, &err))
		qc_reply_fail(r, &err);
	else
		qc_reply(r, MHD_HTTP_OK, qc_json_awards(&a));
	qc_awards_release(&a);
}

/* POST /api/awards/import {csv, name?, kind?}: a published list as CSV
 * text (the page reads .xlsx files to CSV rows first, or posts CSV). */
void qc_api_awards_import(struct qc_req *r)
{
	struct qc_error err = { 0 };
	const char *csv, *name = NULL, *kind = NULL;
	size_t count;
	json_t *body;

	if (!qc_body_object(r, &body))
		return;
	if (qc_get_str(r, body, "csv", true, &csv) &&
	    qc_get_str(r, body, "name", false, &name) &&
	    qc_get_str(r, body, "kind", false, &kind)) {
		if (strlen(csv) > IMPORT_MAX)
			qc_reply_error(r, MHD_HTTP_CONTENT_TOO_LARGE,
				       "csv: more than %zu bytes", IMPORT_MAX);
		else if (qc_award_import(r->store, csv, strlen(csv),
					 name ? name : "upload.csv", kind,
					 r->actor, &count, &err))
			qc_reply_fail(r, &err);
		else
			qc_reply(r, MHD_HTTP_OK,
				 qc_xjson_pack("{s:I}", "imported",
					       (json_int_t)count));
	}
	json_decref(body);
}

/* GET /api/rewards?year=Y[&rules=KEY]: the rule file data/credit/rewards/
 * KEY.json (default yueyang). */
void qc_api_rewards(struct qc_req *r)
{
	struct qc_error err = { 0 };
	struct qc_rewards rw;
	const char *key = qc_query(r, "rules");
	char path[4096];
	int64_t year;

	if (!qc_query_int(r, "year", 1980, 2100, 0, &year))
		return;
	if (!year) {
		qc_reply_error(r, MHD_HTTP_BAD_REQUEST, "give ?year=");
		return;
	}
	if (!key)
		key = "yueyang";
	if (!*key || strlen(key) > 64 ||
	    strspn(key, "abcdefghijklmnopqrstuvwxyz0123456789_-") !=
		    strlen(key)) {
		qc_reply_error(r, MHD_HTTP_BAD_REQUEST,
			       "rules: '%s' is not a rule file name", key);
		return;
	}
	snprintf(path, sizeof(path), "%s/credit/rewards/%s.json",
		 qc_path_data(), key);
	FILE *f = fopen(path, "rb");
	if (!f) {
		qc_reply_error(r, MHD_HTTP_NOT_FOUND, "no rule file %s", key);
		return;
	}
	char *text = malloc(1 << 20);
	size_t len = text ? fread(text, 1, (1 << 20) - 1, f) : 0;
	fclose(f);
	if (!text)
		abort();
	if (qc_reward_list(r->store, text, len, (int)year, &rw, &err))
		qc_reply_fail(r, &err);
	else
		qc_reply(r, MHD_HTTP_OK, qc_json_rewards(&rw));
	qc_rewards_release(&rw);
	free(text);
}

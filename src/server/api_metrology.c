/* The metrology register over HTTP (docs/metrology.md "Web and API"): a
 * page of instruments by state, the figures of a region and year, one
 * instrument with its verifications, and the office's record of a
 * verification. The office and admin see every region, a region account
 * only its subtree; unit reporters not at all (the route table). The
 * write is the library's (audited, all or nothing); the body is checked
 * here first so that every bad field is named at once. */
#include <microhttpd.h>
#include <stdio.h>
#include <string.h>

#include "qcity/clock.h"
#include "qcity/i18n.h"
#include "qcity/json.h"
#include "qcity/metrology_read.h"
#include "qcity/scope.h"
#include "qcity/store.h"
#include "src/common/metrology_json.h"
#include "src/server/http.h"
#include "banned.h"

/* ?on=: the day the list is judged on (absent: today). Replies 400 and
 * returns false when it is not a date. */
static bool on_of(struct qc_req *r, long *on)
{
	const char *v = qc_query(r, "on");
	*on = qc_today_days();
	if (!v || (strlen(v) == 10 && qc_date_days(v, on)))
		return true;
	qc_reply_error(r, MHD_HTTP_BAD_REQUEST,
		       "on: \"%s\" is not a date (YYYY-MM-DD)", v);
	return false;
}

/* GET /api/metrology?region&state&kind&within&on&after&limit */
void qc_api_metrology_list(struct qc_req *r)
{
	struct qc_error err = { 0 };
	struct qc_metrology_list l;
	char code[QC_REGION_CODE_SIZE], next[QC_METROLOGY_CURSOR_SIZE];
	int64_t limit, within;
	size_t total;
	long on;

	if (!qc_req_read_region(r, false, code) || !on_of(r, &on) ||
	    !qc_query_int(r, "limit", 1, 1000, 50, &limit) ||
	    !qc_query_int(r, "within", 1, 366, 30, &within))
		return;
	struct qc_metrology_query q = {
		.region = code[0] ? code : NULL,
		.state = qc_query(r, "state"),
		.kind = qc_query(r, "kind"),
		.after = qc_query(r, "after"),
		.within = (int)within,
		.limit = (size_t)limit,
	};
	if (qc_metrology_page(r->store, &q, on, &l, &total, next, &err)) {
		qc_reply_fail(r, &err);
		return;
	}
	json_t *a = json_array();
	for (size_t i = 0; i < l.n; i++)
		json_array_append_new(a, qc_json_metrology(&l.v[i]));
	qc_metrology_list_release(&l);
	qc_reply(r, MHD_HTTP_OK,
		 qc_xjson_pack("{s:o, s:I, s:s?}", "items", a, "total",
			       (json_int_t)total, "next",
			       next[0] ? next : NULL));
}

/* GET /api/metrology/figures?region&year: as `qcity metrology figures`,
 * with those due within 30 days (due_soon). */
void qc_api_metrology_figures(struct qc_req *r)
{
	static const char *const measures[] = { "verification_rate",
						"pass_rate" };
	struct qc_error err = { 0 };
	struct qc_metrology_figures f;
	struct qc_metrology_list l;
	char code[QC_REGION_CODE_SIZE];
	long today = qc_today_days();
	int y, m, d;
	int64_t year;
	size_t soon;
	double v;

	qc_civil_from_days(today, &y, &m, &d);
	if (!qc_req_read_region(r, true, code) ||
	    !qc_query_int(r, "year", 1990, 2100, y, &year))
		return;
	struct qc_metrology_query q = { .region = code,
					.state = "due",
					.limit = 1 };
	if (qc_metrology_figures(r->store, code, (int)year, today, &f, &err) ||
	    qc_metrology_page(r->store, &q, today, &l, &soon, NULL, &err)) {
		qc_reply_fail(r, &err);
		return;
	}
	qc_metrology_list_release(&l);
	json_t *o = qc_json_metrology_figures(code, (int)year, &f);
	json_object_set_new(o, "due_soon", json_integer((json_int_t)soon));
	for (size_t i = 0; i < sizeof(measures) / sizeof(measures[0]); i++)
		json_object_set_new(o, measures[i],
				    qc_metrology_measure(&f, measures[i], &v) ?
					    json_real(v) :
					    json_null());
	qc_reply(r, MHD_HTTP_OK, o);
}

/* The instrument `ref` (number on record or id) within the reader's
 * subtree: one outside it is answered as one that is not on record.
 * Replies and returns false on failure; else the caller releases *u. */
static bool in_scope(struct qc_req *r, const char *ref,
		     struct qc_metrology_instrument *u)
{
	struct qc_error err = { 0 };

	if (qc_metrology_get(r->store, ref, qc_today_days(), u, &err) ||
	    !qc_scope_can_read_region(&r->user, u->m.region)) {
		if (!err.code)
			qc_error_set(&err, QC_ENOTFOUND,
				     "instrument %s: not on record", ref);
		qc_metrology_instrument_release(u);
		qc_reply_fail(r, &err);
		return false;
	}
	return true;
}

static json_t *instrument_full(const struct qc_metrology_instrument *u)
{
	json_t *o = qc_json_metrology(&u->m), *vs = json_array();
	for (size_t i = 0; i < u->n_checks; i++) {
		const struct qc_metrology_check *x = &u->checks[i];
		json_array_append_new(
			vs,
			qc_xjson_pack("{s:s, s:s?, s:s, s:s?, s:s?, s:s,"
				      " s:s}",
				      "verified_on", x->verified_on, "due_on",
				      x->due_on[0] ? x->due_on : NULL, "result",
				      x->result, "next_due",
				      x->next_due[0] ? x->next_due : NULL,
				      "certificate", x->certificate, "actor",
				      x->actor, "recorded_at", x->recorded_at));
	}
	json_object_set_new(o, "model", qc_xjson_pack("s?", u->model));
	json_object_set_new(o, "serial_no", qc_xjson_pack("s?", u->serial_no));
	json_object_set_new(o, "status_on",
			    u->status_on[0] ? json_string(u->status_on) :
					      json_null());
	json_object_set_new(o, "period",
			    u->period_months ?
				    qc_xjson_pack("{s:i, s:s}", "months",
						  u->period_months, "basis",
						  u->period_basis) :
				    json_null());
	json_object_set_new(o, "verifications", vs);
	return o;
}

/* GET /api/metrology/{ref} */
void qc_api_metrology_one(struct qc_req *r)
{
	struct qc_metrology_instrument u;
	if (!in_scope(r, r->param[0], &u))
		return;
	qc_reply(r, MHD_HTTP_OK, instrument_full(&u));
	qc_metrology_instrument_release(&u);
}

/* The checks of a verification the instrument's state decides (the
 * library checks them again in its transaction). */
static void verify_fields(const struct qc_metrology_instrument *u,
			  const char *date, const char *result,
			  const char *next, const char *cert, json_t *errs)
{
	const char *res = result ? qc_metrology_result(result) : NULL;
	const char *last = u->n_checks ? u->checks[0].verified_on : "";
	bool date_ok = false;
	char m[240];

	if (!date)
		qc_field_required("date", N_("the day of the verification"),
				  errs);
	else if ((date_ok = qc_field_day("date", date, true, errs)) &&
		 strcmp(date, last) < 0) {
		snprintf(m, sizeof(m),
			 _("date: %s is before the last verification of %s "
			   "(%s)"),
			 date, u->m.code, last);
		qc_field_bad(errs, "date", "before_last_verification", m);
	}
	if (!result) {
		qc_field_required("result",
				  N_("the conclusion: 合格 or 不合格"), errs);
	} else if (!res) {
		snprintf(m, sizeof(m),
			 _("result: \"%s\" is not 合格 or 不合格"), result);
		qc_field_bad(errs, "result", "not_a_result", m);
	}
	if (res && !strcmp(res, "fail") && next) {
		qc_field_bad(errs, "next", "not_allowed",
			     _("next: an instrument that failed has no date "
			       "until a verification passes; it may not be "
			       "used"));
	} else if (res && !next && !strcmp(res, "pass") && !u->period_months) {
		qc_field_required("next",
				  N_("the date the certificate is valid "
				     "until (有效期至): no period is set for "
				     "this kind of instrument"),
				  errs);
	} else if (next && qc_field_day("next", next, false, errs) && date_ok &&
		   strcmp(next, date) <= 0) {
		snprintf(m, sizeof(m),
			 _("next: %s is not after the verification (%s)"), next,
			 date);
		qc_field_bad(errs, "next", "not_after_date", m);
	}
	if (cert && strlen(cert) > 100)
		qc_field_bad(errs, "certificate", "too_long",
			     _("certificate: a certificate number of 100 "
			       "characters at most"));
}

/* POST /api/metrology/{ref}/verifications {date, result, next,
 * certificate} */
void qc_api_metrology_verify(struct qc_req *r)
{
	struct qc_error err = { 0 };
	struct qc_metrology_instrument u;
	struct qc_metrology_verification v = { 0 };
	json_t *body = NULL, *errs;
	char code[200];

	if (qc_store_refuse_national_write(r->store, &err)) {
		qc_reply_fail(r, &err);
		return;
	}
	if (!in_scope(r, r->param[0], &u))
		return;
	if (!qc_scope_check(r,
			    qc_scope_can_write_region(&r->user, u.m.region,
						      &err),
			    &err) ||
	    !qc_body_object(r, &body))
		goto out;
	if (!strcmp(u.m.status, "scrapped")) {
		qc_reply_error(r, MHD_HTTP_CONFLICT,
			       "instrument %s: scrapped; a scrapped "
			       "instrument is not verified",
			       u.m.code);
		goto out;
	}
	errs = json_array();
	v.code = u.m.code;
	v.date = qc_field_str(body, "date", errs);
	v.result = qc_field_str(body, "result", errs);
	v.next = qc_field_str(body, "next", errs);
	v.certificate = qc_field_str(body, "certificate", errs);
	if (v.certificate && !*v.certificate)
		v.certificate = NULL;
	verify_fields(&u, v.date, v.result, v.next, v.certificate, errs);
	if (!qc_fields_ok(r, errs))
		goto out;
	if (qc_metrology_verify(r->store, &v, r->actor, &err)) {
		qc_reply_fail(r, &err);
		goto out;
	}
	snprintf(code, sizeof(code), "%s", u.m.code);
	qc_metrology_instrument_release(&u);
	if (qc_metrology_get(r->store, code, qc_today_days(), &u, &err))
		qc_reply_fail(r, &err);
	else
		qc_reply(r, MHD_HTTP_CREATED, instrument_full(&u));
out:
	qc_metrology_instrument_release(&u);
	json_decref(body);
}

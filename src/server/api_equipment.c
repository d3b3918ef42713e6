/* The special-equipment register over HTTP (docs/equipment.md "Web and
 * API"): a page of units by state, one unit's history, the figures of a
 * region and year, and the office's records of an inspection or an
 * accident. The office and admin see every region, a region account only
 * its subtree; unit reporters not at all (the route table). Writes are
 * the library's (audited, all or nothing); the body is checked here
 * first so that every bad field is named at once, with a stable reason
 * code per field. */
#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/clock.h"
#include "qcity/equipment_read.h"
#include "qcity/i18n.h"
#include "qcity/json.h"
#include "qcity/region.h"
#include "qcity/scope.h"
#include "qcity/store.h"
#include "src/server/http.h"
#include "banned.h"

static json_t *unit_json(const struct qc_equipment *e, long today)
{
	char by[11] = "";
	qc_equipment_request_by(e->next_due, by);
	return qc_xjson_pack(
		"{s:s, s:s, s:s, s:s, s:s, s:s?, s:s?, s:s?, s:s?, s:s, s:s,"
		" s:s?, s:b, s:i, s:b}",
		"code", e->code, "category", e->category, "category_name",
		qc_equipment_category_name(e->category), "region", e->region,
		"user_name", e->user_name, "user_uscc", e->user_uscc,
		"registered_on", e->registered_on[0] ? e->registered_on : NULL,
		"next_due", e->next_due[0] ? e->next_due : NULL, "request_by",
		by[0] ? by : NULL, "status", e->status, "status_name",
		qc_equipment_status_name(e->status), "last_result",
		e->last_result[0] ? e->last_result : NULL, "overdue",
		e->overdue, "days_overdue", (int)e->days_overdue, "due_soon",
		qc_equipment_due_soon(e, today));
}

/* GET /api/equipment?region&state&category&after&limit */
void qc_api_equipment_list(struct qc_req *r)
{
	struct qc_error err = { 0 };
	struct qc_equipment_list l;
	char code[QC_REGION_CODE_SIZE], next[QC_EQUIPMENT_CURSOR_SIZE];
	long today = qc_today_days();
	int64_t limit;
	size_t total;

	if (!qc_req_read_region(r, false, code) ||
	    !qc_query_int(r, "limit", 1, 1000, 50, &limit))
		return;
	struct qc_equipment_query q = {
		.region = code[0] ? code : NULL,
		.state = qc_query(r, "state"),
		.category = qc_query(r, "category"),
		.after = qc_query(r, "after"),
		.limit = (size_t)limit,
	};
	if (qc_equipment_page(r->store, &q, today, &l, &total, next, &err)) {
		qc_reply_fail(r, &err);
		return;
	}
	json_t *a = json_array();
	for (size_t i = 0; i < l.n; i++)
		json_array_append_new(a, unit_json(&l.v[i], today));
	qc_equipment_list_release(&l);
	qc_reply(r, MHD_HTTP_OK,
		 qc_xjson_pack("{s:o, s:I, s:s?}", "items", a, "total",
			       (json_int_t)total, "next",
			       next[0] ? next : NULL));
}

static void put_measure(json_t *o, const struct qc_equipment_figures *f,
			const char *m)
{
	double v;
	json_object_set_new(o, m,
			    qc_equipment_measure(f, m, &v) ? json_real(v) :
							     json_null());
}

/* GET /api/equipment/figures?region&year */
void qc_api_equipment_figures(struct qc_req *r)
{
	struct qc_error err = { 0 };
	struct qc_equipment_figures f;
	struct qc_equipment_list l;
	char code[QC_REGION_CODE_SIZE], next[QC_EQUIPMENT_CURSOR_SIZE];
	long today = qc_today_days();
	int y, m, d;
	int64_t year;
	size_t soon;

	qc_civil_from_days(today, &y, &m, &d);
	if (!qc_req_read_region(r, true, code) ||
	    !qc_query_int(r, "year", 1990, 2100, y, &year))
		return;
	struct qc_equipment_query q = { .region = code,
					.state = "due",
					.limit = 1 };
	if (qc_equipment_figures(r->store, code, (int)year, today, &f, &err) ||
	    qc_equipment_page(r->store, &q, today, &l, &soon, next, &err)) {
		qc_reply_fail(r, &err);
		return;
	}
	qc_equipment_list_release(&l);
	json_t *o =
		qc_xjson_pack("{s:s, s:i, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I}",
			      "region", code, "year", (int)year, "in_use",
			      (json_int_t)f.in_use, "due", (json_int_t)f.due,
			      "on_time", (json_int_t)f.on_time, "overdue",
			      (json_int_t)f.overdue, "due_soon",
			      (json_int_t)soon, "accidents",
			      (json_int_t)f.accidents, "deaths",
			      (json_int_t)f.deaths, "injuries",
			      (json_int_t)f.injuries);
	put_measure(o, &f, "inspection_rate");
	put_measure(o, &f, "accidents_per_10k");
	put_measure(o, &f, "deaths_per_10k");
	qc_reply(r, MHD_HTTP_OK, o);
}

/* The unit `code` (of the path, or an accident's), within the reader's subtree: one
 * outside it is answered as one that does not exist. Replies and
 * returns false on failure; else the caller releases *u. */
static bool unit_in_scope(struct qc_req *r, const char *code,
			  struct qc_equipment_unit *u)
{
	struct qc_error err = { 0 };

	if (qc_equipment_get(r->store, code, qc_today_days(), u, &err) ||
	    !qc_scope_can_read_region(&r->user, u->e.region)) {
		if (!err.code)
			qc_error_set(&err, QC_ENOTFOUND,
				     "equipment %s: not registered", code);
		qc_equipment_unit_release(u);
		qc_reply_fail(r, &err);
		return false;
	}
	return true;
}

static json_t *unit_full(const struct qc_equipment_unit *u)
{
	json_t *o = unit_json(&u->e, qc_today_days());
	json_t *ins = json_array(), *acc = json_array();
	for (size_t i = 0; i < u->n_insp; i++) {
		const struct qc_equipment_inspection *x = &u->insp[i];
		json_array_append_new(
			ins,
			qc_xjson_pack("{s:s, s:s?, s:s, s:s?, s:s, s:s}",
				      "inspected_on", x->inspected_on, "due_on",
				      x->due_on[0] ? x->due_on : NULL, "result",
				      x->result, "next_due",
				      x->next_due[0] ? x->next_due : NULL,
				      "actor", x->actor, "recorded_at",
				      x->recorded_at));
	}
	for (size_t i = 0; i < u->n_acc; i++) {
		const struct qc_equipment_accident_row *a = &u->acc[i];
		json_array_append_new(
			acc,
			qc_xjson_pack("{s:I, s:s, s:s, s:s?, s:I, s:I}", "id",
				      (json_int_t)a->id, "happened_on",
				      a->happened_on, "region", a->region,
				      "category", a->category, "deaths",
				      (json_int_t)a->deaths, "injuries",
				      (json_int_t)a->injuries));
	}
	json_object_set_new(o, "status_on",
			    u->status_on[0] ? json_string(u->status_on) :
					      json_null());
	json_object_set_new(o, "inspections", ins);
	json_object_set_new(o, "accidents", acc);
	return o;
}

/* GET /api/equipment/{code} */
void qc_api_equipment_unit(struct qc_req *r)
{
	struct qc_equipment_unit u;
	if (!unit_in_scope(r, r->param[0], &u))
		return;
	qc_reply(r, MHD_HTTP_OK, unit_full(&u));
	qc_equipment_unit_release(&u);
}

/* ---- writes: every bad field at once ------------------------------------ */

/* The checks of an inspection the unit's state decides (the library
 * checks them again in its transaction). */
static void inspect_fields(const struct qc_equipment_unit *u, const char *date,
			   const char *result, const char *next, json_t *errs)
{
	const char *res = result ? qc_equipment_result(result) : NULL;
	const char *last = u->n_insp ? u->insp[0].inspected_on : "";
	bool date_ok = false;
	char m[240];

	if (!date)
		qc_field_required("date", N_("the day of the inspection"),
				  errs);
	else if ((date_ok = qc_field_day("date", date, true, errs)) &&
		 strcmp(date, last) < 0) {
		snprintf(m, sizeof(m),
			 _("date: %s is before the last inspection of %s "
			   "(%s)"),
			 date, u->e.code, last);
		qc_field_bad(errs, "date", "before_last_inspection", m);
	}
	if (!result) {
		qc_field_required("result",
				  N_("the conclusion: 合格, 不合格 or 复检合格"),
				  errs);
	} else if (!res) {
		snprintf(m, sizeof(m),
			 _("result: \"%s\" is not 合格, 不合格 or 复检合格"),
			 result);
		qc_field_bad(errs, "result", "not_a_result", m);
	}
	if (res && !strcmp(res, "fail") && next) {
		qc_field_bad(errs, "next", "not_allowed",
			     _("next: a unit that failed has no next due date until it "
			       "passes a re-inspection"));
	} else if (res && strcmp(res, "fail") && !next) {
		qc_field_required("next",
				  N_("the next inspection date the report "
				     "states"),
				  errs);
	} else if (next && qc_field_day("next", next, false, errs) && date_ok &&
		   strcmp(next, date) <= 0) {
		snprintf(m, sizeof(m),
			 _("next: %s is not after the inspection (%s)"), next,
			 date);
		qc_field_bad(errs, "next", "not_after_date", m);
	}
}

/* POST /api/equipment/{code}/inspections {date, result, next} */
void qc_api_equipment_inspect(struct qc_req *r)
{
	struct qc_error err = { 0 };
	struct qc_equipment_unit u;
	json_t *body = NULL, *errs;
	const char *date, *result, *next;

	if (qc_store_refuse_national_write(r->store, &err)) {
		qc_reply_fail(r, &err);
		return;
	}
	if (!unit_in_scope(r, r->param[0], &u))
		return;
	if (!qc_scope_check(r,
			    qc_scope_can_write_region(&r->user, u.e.region,
						      &err),
			    &err) ||
	    !qc_body_object(r, &body))
		goto out;
	if (!strcmp(u.e.status, "scrapped")) {
		qc_reply_error(r, MHD_HTTP_CONFLICT,
			       "equipment %s: scrapped; a scrapped unit is not "
			       "inspected",
			       u.e.code);
		goto out;
	}
	errs = json_array();
	date = qc_field_str(body, "date", errs);
	result = qc_field_str(body, "result", errs);
	next = qc_field_str(body, "next", errs);
	inspect_fields(&u, date, result, next, errs);
	if (!qc_fields_ok(r, errs))
		goto out;
	if (qc_equipment_inspect(r->store, u.e.code, date, result, next,
				 r->actor, &err)) {
		qc_reply_fail(r, &err);
		goto out;
	}
	char code[200];
	snprintf(code, sizeof(code), "%s", u.e.code);
	qc_equipment_unit_release(&u);
	if (qc_equipment_get(r->store, code, qc_today_days(), &u, &err))
		qc_reply_fail(r, &err);
	else
		qc_reply(r, MHD_HTTP_CREATED, unit_full(&u));
out:
	qc_equipment_unit_release(&u);
	json_decref(body);
}

/* A count of people: a whole number, 0 or more (absent: dflt, -1 when
 * required). */
static long people_of(json_t *body, const char *key, long dflt, json_t *errs)
{
	json_t *v = json_object_get(body, key);
	char m[200];
	if (!v || json_is_null(v)) {
		if (dflt < 0)
			qc_field_required(key,
					  N_("the number of people (0 if none)"),
					  errs);
		return dflt;
	}
	if (!json_is_integer(v) || json_integer_value(v) < 0 ||
	    json_integer_value(v) > 100000) {
		snprintf(m, sizeof(m),
			 _("%s: a number of people, a whole number 0 or "
			   "more"),
			 key);
		qc_field_bad(errs, key, "not_a_count", m);
		return -1;
	}
	return (long)json_integer_value(v);
}

/* The county an accident is written about, for the scope check: the
 * unit's, else the region given. Replies and returns false on failure. */
static bool accident_scope(struct qc_req *r, const char *code,
			   const char *region)
{
	struct qc_error err = { 0 };
	struct qc_equipment_unit u;
	char where[QC_REGION_CODE_SIZE];
	enum qc_rc rc;

	if (code) {
		if (!unit_in_scope(r, code, &u))
			return false;
		rc = qc_scope_can_write_region(&r->user, u.e.region, &err);
		qc_equipment_unit_release(&u);
		if (rc)
			return qc_scope_check(r, rc, &err);
	}
	if (!region)
		return true;
	if (qc_region_resolve(r->store, region, where, &err)) {
		qc_error_prefix(&err, "region");
		qc_reply_fail(r, &err);
		return false;
	}
	return qc_scope_check(r,
			      qc_scope_can_write_region(&r->user, where, &err),
			      &err);
}

/* POST /api/equipment/accidents {date, region, code, category, deaths,
 * injuries} */
void qc_api_equipment_accident(struct qc_req *r)
{
	struct qc_error err = { 0 };
	struct qc_equipment_accident a = { 0 };
	json_t *body = NULL, *errs;
	int64_t id;
	char m[240];

	if (qc_store_refuse_national_write(r->store, &err)) {
		qc_reply_fail(r, &err);
		return;
	}
	if (!qc_body_object(r, &body))
		return;
	errs = json_array();
	a.date = qc_field_str(body, "date", errs);
	a.region = qc_field_str(body, "region", errs);
	a.code = qc_field_str(body, "code", errs);
	a.category = qc_field_str(body, "category", errs);
	long deaths = people_of(body, "deaths", -1, errs);
	long injuries = people_of(body, "injuries", 0, errs);
	if (!a.date)
		qc_field_required("date", N_("the day of the accident"), errs);
	else
		qc_field_day("date", a.date, true, errs);
	if (!a.region && !a.code)
		qc_field_required("region",
				  N_("the county, or the unit's code (code)"),
				  errs);
	if (a.category && !qc_equipment_category(a.category)) {
		snprintf(m, sizeof(m),
			 _("category: \"%s\" is not a class of the "
			   "特种设备目录"),
			 a.category);
		qc_field_bad(errs, "category", "not_a_category", m);
	}
	if (!qc_fields_ok(r, errs) || !accident_scope(r, a.code, a.region))
		goto out;
	a.deaths = (int)deaths;
	a.injuries = (int)injuries;
	if (qc_equipment_accident(r->store, &a, r->actor, &id, &err))
		qc_reply_fail(r, &err);
	else
		qc_reply(r, MHD_HTTP_CREATED,
			 qc_xjson_pack("{s:I}", "id", (json_int_t)id));
out:
	json_decref(body);
}

